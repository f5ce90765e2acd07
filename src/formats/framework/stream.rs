//! A JSON framework read in pieces: each category is parsed from memory as soon as its text has
//! been read, and let go, so that the whole file is never held beside its model. serde_json
//! parses a text in memory at several times the speed it parses a reader, byte by byte, and a
//! million entries spend most of their loading there.
//!
//! Where the file is large enough to be worth it (512 KiB), the categories are parsed on other
//! threads (as many as the machine runs at once), while this one goes on splitting; they go in
//! batches of at least 64 KiB of text (a large category alone), and come back in the file's
//! order. Beside the batch each thread parses, at most one a thread waits its turn, so the text
//! held stays a few batches long.
//!
//! The split is only a way in, never a judge: the file without its categories (its skeleton)
//! and each category are parsed by serde_json as they would be in one text. Anything the
//! splitter does not expect (another shape, a text too deep, a category that does not parse)
//! gives up, and the caller reads the file as one text, which says what is wrong and where.

use std::io::Read;
use std::sync::{Arc, Mutex, mpsc};
use std::thread::JoinHandle;

use crate::model::{Category, Framework, SharingTags};

/// Deeper than this, the splitter gives up: a whole text is held to serde_json's limit of 128
/// levels, which a category parsed alone, two levels down, would otherwise escape.
const MAX_DEPTH: usize = 100;

/// From a file of this many bytes, its categories are parsed on other threads: below it,
/// starting them costs more than they save.
const PARALLEL_FROM: u64 = 512 * 1024;

/// Categories go to the threads in batches of at least this many bytes of text: one by one,
/// a file of small categories spent more time handing them over than parsing them.
const BATCH: usize = 64 * 1024;

/// The framework a JSON reader of `size` bytes holds, or None where it is not split as
/// expected.
pub(crate) fn framework(reader: impl Read, size: u64) -> Option<Framework> {
    // Only a large file asks how many threads the machine runs (a few system calls).
    let threads = if size < PARALLEL_FROM { 1 } else { crate::formats::cores() };
    let parallel = (threads > 1).then_some(Parallel { threads, batch: BATCH });
    read(reader, Split { parallel, ..Split::default() })
}

/// The framework read through `split`.
fn read(mut reader: impl Read, mut split: Split) -> Option<Framework> {
    let mut chunk = vec![0; 64 * 1024];
    loop {
        match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => split.feed(&chunk[..n])?,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    split.finish()
}

/// Where the splitter stands in the top-level object.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Before the value of `categories`, or after it.
    #[default]
    Outside,
    /// In the list of categories, before a category: the first (or `]`), or one after a comma.
    Before { first: bool },
    /// In the list of categories, after one: before a comma or `]`.
    After,
    /// In the text of a category.
    Within,
}

/// How many threads parse the categories, and in batches of how many bytes of text at least.
#[derive(Debug, Clone, Copy)]
struct Parallel {
    threads: usize,
    batch: usize,
}

#[derive(Default)]
struct Split {
    /// The file without the texts of its categories: `"categories": []`.
    skeleton: Vec<u8>,
    /// The text of the category being read; once categories go to other threads, after the
    /// texts of those read before it that wait to be sent with it, each ending where `ends` says.
    category: Vec<u8>,
    ends: Vec<usize>,
    /// The categories parsed here, in order (all of them, where no thread parses them).
    categories: Vec<Category>,
    /// Where categories are parsed on other threads; None where they are all parsed here.
    parallel: Option<Parallel>,
    workers: Option<Workers>,
    place: Place,
    /// How many objects and lists are open.
    depth: usize,
    in_string: bool,
    /// After a backslash in a string.
    escaped: bool,
    /// The last string of the top-level object, as written, while it may still be
    /// `categories`; None once it cannot be.
    key: Option<Vec<u8>>,
    /// Whether `key` is `categories`, once its string is over.
    categories_next: bool,
}

impl Split {
    /// The next bytes of the file; None to give up.
    fn feed(&mut self, mut bytes: &[u8]) -> Option<()> {
        while !bytes.is_empty() {
            if self.place == Place::Within {
                bytes = self.within(bytes)?;
                continue;
            }
            if self.in_string {
                bytes = self.string(bytes);
                continue;
            }
            let byte = bytes[0];
            bytes = &bytes[1..];
            self.structure(byte)?;
        }
        Some(())
    }

    /// Bytes of a category's text, up to its end or the end of `bytes`: what is left of
    /// `bytes`. Only its strings and brackets matter here; it is kept a run at a time.
    fn within<'b>(&mut self, bytes: &'b [u8]) -> Option<&'b [u8]> {
        let mut at = 0;
        let end = loop {
            if self.in_string {
                if self.escaped {
                    if at == bytes.len() {
                        break None;
                    }
                    self.escaped = false;
                    at += 1;
                }
                let Some(found) = bytes.get(at..).and_then(string_end) else {
                    break None;
                };
                at += found + 1;
                match bytes[at - 1] {
                    b'\\' => self.escaped = true,
                    _ => self.in_string = false,
                }
                continue;
            }
            let Some(&byte) = bytes.get(at) else { break None };
            at += 1;
            match byte {
                b'"' => self.in_string = true,
                b'{' | b'[' => {
                    self.depth += 1;
                    if self.depth > MAX_DEPTH {
                        return None;
                    }
                }
                b'}' | b']' => {
                    self.depth -= 1;
                    if self.depth == 2 {
                        break Some(at);
                    }
                }
                _ => {}
            }
        };
        let Some(end) = end else {
            self.category.extend_from_slice(bytes);
            return Some(&[]);
        };
        self.category.extend_from_slice(&bytes[..end]);
        self.place = Place::After;
        self.parse_category()?;
        Some(&bytes[end..])
    }

    /// Bytes within a string outside the categories, up to its end or the end of `bytes`: what
    /// is left of `bytes`.
    fn string<'b>(&mut self, bytes: &'b [u8]) -> &'b [u8] {
        if self.escaped {
            self.escaped = false;
            self.keep(&bytes[..1]);
            return &bytes[1..];
        }
        let Some(at) = memchr::memchr2(b'"', b'\\', bytes) else {
            self.keep(bytes);
            return &[];
        };
        self.keep(&bytes[..=at]);
        match bytes[at] {
            b'\\' => self.escaped = true,
            _ => {
                self.in_string = false;
                if let Some(key) = self.key.take() {
                    // The closing quote was kept with it.
                    self.categories_next = key == b"categories\"";
                }
            }
        }
        &bytes[at + 1..]
    }

    /// Bytes of a string kept in the skeleton; in the top-level object, also as the key.
    fn keep(&mut self, bytes: &[u8]) {
        self.skeleton.extend_from_slice(bytes);
        if let Some(key) = &mut self.key {
            key.extend_from_slice(bytes);
            if key.len() > b"categories\"".len() {
                self.key = None;
            }
        }
    }

    /// One byte outside strings, outside a category's text (which `within` reads).
    fn structure(&mut self, byte: u8) -> Option<()> {
        // In the list, between categories: what JSON allows there, or give up.
        match (self.place, byte) {
            (Place::Before { .. } | Place::After, b' ' | b'\t' | b'\n' | b'\r') => return Some(()),
            (Place::Before { .. }, b'{') => {
                self.place = Place::Within;
                self.depth += 1;
                self.category.push(byte);
                return Some(());
            }
            (Place::After, b',') => {
                self.place = Place::Before { first: false };
                return Some(());
            }
            (Place::Before { first: true } | Place::After, b']') => {
                self.place = Place::Outside;
                self.depth -= 1;
                self.skeleton.push(byte);
                return Some(());
            }
            (Place::Before { .. } | Place::After, _) => return None,
            (Place::Outside | Place::Within, _) => self.skeleton.push(byte),
        }
        match byte {
            b'"' => {
                self.in_string = true;
                if self.depth == 1 && self.place == Place::Outside {
                    self.key = Some(Vec::new());
                }
            }
            b'{' | b'[' => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return None;
                }
                if byte == b'[' && self.depth == 2 && std::mem::take(&mut self.categories_next) {
                    self.place = Place::Before { first: true };
                }
            }
            b'}' | b']' => self.depth = self.depth.checked_sub(1)?,
            b' ' | b'\t' | b'\n' | b'\r' | b':' => {}
            // Another value or a comma: the last string was not the key of what follows.
            _ => self.categories_next = false,
        }
        Some(())
    }

    /// The category just read: parsed here, or, where threads parse them, sent with those
    /// before it when they are a batch.
    fn parse_category(&mut self) -> Option<()> {
        if self.workers.is_none()
            && let Some(parallel) = self.parallel
        {
            self.workers = Workers::start(parallel);
            if self.workers.is_none() {
                // No thread could be started: the categories are parsed here.
                self.parallel = None;
            }
        }
        let Some(workers) = &mut self.workers else {
            self.categories.push(category(&self.category)?);
            self.category.clear();
            return Some(());
        };
        self.ends.push(self.category.len());
        if self.category.len() < workers.batch {
            return Some(());
        }
        let (text, ends) = workers.buffers();
        workers.parse(
            std::mem::replace(&mut self.category, text),
            std::mem::replace(&mut self.ends, ends),
        )
    }

    /// The framework, once every byte is read.
    fn finish(mut self) -> Option<Framework> {
        if self.in_string || self.depth != 0 || self.place != Place::Outside {
            return None;
        }
        if let Some(mut workers) = self.workers.take() {
            if !self.ends.is_empty() {
                workers
                    .parse(std::mem::take(&mut self.category), std::mem::take(&mut self.ends))?;
            }
            workers.finish(&mut self.categories)?;
        }
        let mut framework: Framework = serde_json::from_slice(&self.skeleton).ok()?;
        if !self.categories.is_empty() {
            self.categories.shrink_to_fit();
            framework.categories = self.categories;
        }
        Some(framework)
    }
}

/// Where the first `"` or `\\` of `bytes` is. Most strings are short (keys, ids, tags): they are
/// looked through here, and only a longer one is left to memchr, whose start costs more.
fn string_end(bytes: &[u8]) -> Option<usize> {
    const SHORT: usize = 16;
    let (short, long) = bytes.split_at(bytes.len().min(SHORT));
    match short.iter().position(|&b| b == b'"' || b == b'\\') {
        Some(at) => Some(at),
        None => memchr::memchr2(b'"', b'\\', long).map(|at| at + SHORT),
    }
}

/// A category's text parsed: once checked as UTF-8 as a whole, serde_json need not check each
/// string again.
fn category(text: &[u8]) -> Option<Category> {
    serde_json::from_str(std::str::from_utf8(text).ok()?).ok()
}

/// Threads parsing categories, a batch at a time, each batch with its place in the file.
struct Workers {
    /// None once the batches are all sent, which lets the threads end.
    texts: Option<mpsc::SyncSender<Batch>>,
    /// Each batch parsed, and its buffers to use again.
    parsed: mpsc::Receiver<Parsed>,
    /// Buffers for texts and their ends, back from the threads.
    spare: Vec<(Vec<u8>, Vec<usize>)>,
    threads: Vec<JoinHandle<()>>,
    /// Each batch sent, in the file's order: None until it is back.
    batches: Vec<Option<Vec<Category>>>,
    /// How many batches are not back yet.
    out: usize,
    /// The least bytes of text a batch holds.
    batch: usize,
}

/// Categories' texts, one after another, each ending where the list of ends says, and the
/// place of the batch in the file.
type Batch = (usize, Vec<u8>, Vec<usize>);

/// A batch parsed by a thread (None where a category did not parse), with its buffers, emptied.
type Parsed = (usize, Option<Vec<Category>>, Vec<u8>, Vec<usize>);

impl Workers {
    /// Up to `parallel.threads` threads; None where none could be started.
    fn start(Parallel { threads, batch }: Parallel) -> Option<Workers> {
        // At most one batch a thread waits its turn.
        let (texts, waiting) = mpsc::sync_channel::<Batch>(threads);
        let waiting = Arc::new(Mutex::new(waiting));
        let (done, parsed) = mpsc::channel();
        let threads: Vec<_> = (0..threads)
            .map_while(|_| {
                let (waiting, done) = (Arc::clone(&waiting), done.clone());
                let spawned = std::thread::Builder::new().spawn(move || {
                    let _tags = SharingTags::start();
                    // The lock is held only to take the next batch, never while parsing.
                    let next = || waiting.lock().ok()?.recv().ok();
                    while let Some((at, mut text, mut ends)) = next() {
                        let starts = std::iter::once(0).chain(ends.iter().copied());
                        let parsed =
                            starts.zip(&ends).map(|(a, &b)| category(&text[a..b])).collect();
                        text.clear();
                        ends.clear();
                        if done.send((at, parsed, text, ends)).is_err() {
                            break;
                        }
                    }
                });
                spawned.ok()
            })
            .collect();
        let workers = Workers {
            texts: Some(texts),
            parsed,
            spare: Vec::new(),
            threads,
            batches: Vec::new(),
            out: 0,
            batch,
        };
        (!workers.threads.is_empty()).then_some(workers)
    }

    /// Buffers for the next batch: some back from the threads, or new ones.
    fn buffers(&mut self) -> (Vec<u8>, Vec<usize>) {
        self.spare.pop().unwrap_or_default()
    }

    /// A batch to parse; None where one parsed before has failed (or every thread is gone).
    fn parse(&mut self, text: Vec<u8>, ends: Vec<usize>) -> Option<()> {
        self.texts.as_ref()?.send((self.batches.len(), text, ends)).ok()?;
        self.batches.push(None);
        self.out += 1;
        while let Ok(parsed) = self.parsed.try_recv() {
            self.place(parsed)?;
        }
        Some(())
    }

    fn place(&mut self, (at, categories, text, ends): Parsed) -> Option<()> {
        self.spare.push((text, ends));
        self.out -= 1;
        *self.batches.get_mut(at)? = Some(categories?);
        Some(())
    }

    /// Every category sent, in order, after `categories`, once all are parsed.
    fn finish(mut self, categories: &mut Vec<Category>) -> Option<()> {
        self.texts = None;
        while self.out > 0 {
            let parsed = self.parsed.recv().ok()?;
            self.place(parsed)?;
        }
        let batches = std::mem::take(&mut self.batches);
        let count: usize = batches.iter().flatten().map(Vec::len).sum();
        categories.reserve_exact(count);
        for batch in batches {
            categories.extend(batch?);
        }
        Some(())
    }
}

impl Drop for Workers {
    /// The threads end once no text is left to send them; each is waited for.
    fn drop(&mut self) {
        self.texts = None;
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The framework as split, read through a reader that gives `step` bytes at a time, its
    /// categories parsed here.
    fn split(text: &str, step: usize) -> Option<Framework> {
        split_on(text, step, None)
    }

    /// The same, with the categories from the first parsed on other threads: (how many
    /// threads, the least bytes of a batch).
    fn split_on(text: &str, step: usize, threads: Option<(usize, usize)>) -> Option<Framework> {
        struct Slow<'t>(&'t [u8], usize);
        impl Read for Slow<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.1.min(buf.len()).min(self.0.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let parallel = threads.map(|(threads, batch)| Parallel { threads, batch });
        let split = Split { parallel, ..Split::default() };
        read(Slow(text.as_bytes(), step), split)
    }

    const TEXT: &str = r#"{"id": "f", "title": "Categories: \"categories\"",
        "categories" : [ {"id": "1", "title": "A [b] {c}", "entries": [
            {"id": "1.1", "text": "x \\\" ] }", "tags": [{"tag": "s"}]}]},
          {"id": "2", "title": "B", "entries": []} ],
        "schemes": [{"id": "s", "name": "S", "label": "categories"}]}"#;

    #[test]
    fn a_framework_split_by_category_is_the_framework_read_whole() {
        let whole: Framework = serde_json::from_str(TEXT).unwrap();
        assert_eq!(whole.categories.len(), 2);
        for step in [1, 2, 3, 7, 64, 1 << 16] {
            assert_eq!(split(TEXT, step).as_ref(), Some(&whole), "{step} bytes at a time");
            for batch in [1, 1 << 16] {
                let split = split_on(TEXT, step, Some((2, batch)));
                assert_eq!(split.as_ref(), Some(&whole), "{step}, on threads, batch {batch}");
            }
        }
    }

    #[test]
    fn what_is_not_split_as_expected_is_left_to_the_whole_text() {
        let cases = [
            // Categories twice; a category that is not an object; one that is not a category.
            TEXT.replace(r#""schemes""#, r#""categories": [], "schemes""#),
            TEXT.replace(r#"{"id": "2", "title": "B", "entries": []}"#, "2"),
            TEXT.replace(r#""title": "B""#, r#""titel": "B""#),
            // Commas astray.
            TEXT.replace("[ {", "[ , {"),
            TEXT.replace("} ],", "}, ],"),
            TEXT.replace("]},", "]},,"),
            TEXT.replace("]},", "]}"),
            // Cut short; something after the end; too deep.
            TEXT[..TEXT.len() - 1].to_owned(),
            format!("{TEXT} x"),
            TEXT.replace(
                r#""label": "categories""#,
                &format!(r#""label": {}1{}"#, "[".repeat(99), "]".repeat(99)),
            ),
        ];
        for (n, text) in cases.iter().enumerate() {
            assert_eq!(split(text, 5), None, "case {n}");
            assert_eq!(split_on(text, 5, Some((2, 1))), None, "case {n}, on threads");
        }
        // An escaped key is not recognised, and the framework is parsed whole.
        let escaped = TEXT.replace(r#""categories" :"#, r#""categ\u006fries" :"#);
        assert_eq!(split(&escaped, 5), serde_json::from_str(&escaped).ok());
    }

    /// Many categories, of many sizes, parsed on threads, alone or in batches of several: back
    /// in the file's order, and the first that does not parse, wherever it is, gives up on the
    /// file.
    #[test]
    fn categories_parsed_on_threads_come_back_in_order() {
        let text = sixty_categories();
        let whole: Framework = serde_json::from_str(&text).unwrap();
        // A category alone; about six to a batch; all in one.
        for batch in [1, 1000, 1 << 20] {
            for threads in [1, 2, 5] {
                for step in [13, 1 << 16] {
                    let split = split_on(&text, step, Some((threads, batch)));
                    let what = format!("{threads} threads, batch {batch}, {step} bytes at a time");
                    assert_eq!(split.as_ref(), Some(&whole), "{what}");
                }
            }
            for bad in [1, 30, 60] {
                let text = text.replace(&format!(r#""title": "C{bad}""#), r#""title": 1"#);
                let split = split_on(&text, 1 << 16, Some((2, batch)));
                assert_eq!(split, None, "category {bad} does not parse, batch {batch}");
            }
        }
    }

    /// A framework of sixty categories of many sizes (about 25 KB), strings escaped here and
    /// there.
    fn sixty_categories() -> String {
        let category = |n: usize| {
            let entries: Vec<String> = (1..=n % 7)
                .map(|k| {
                    format!(
                        r#"{{"id": "{n}.{k}", "text": "{} \" ]", "tags": []}}"#,
                        "x".repeat(k * n)
                    )
                })
                .collect();
            format!(r#"{{"id": "{n}", "title": "C{n}", "entries": [{}]}}"#, entries.join(", "))
        };
        let categories: Vec<String> = (1..=60).map(category).collect();
        format!(r#"{{"id": "f", "title": "F", "categories": [{}]}}"#, categories.join(","))
    }

    /// Small categories go to the threads a batch at a time: handed over one by one, 300,000
    /// of them spent seconds in the kernel.
    #[test]
    fn small_categories_go_to_the_threads_in_batches() {
        let text = sixty_categories();
        let whole: Framework = serde_json::from_str(&text).unwrap();
        // Sent while reading: each alone; a few batches of 4 KiB; none (all at the end).
        for (batch, sent) in [(1, 60..=60), (4096, 5..=12), (1 << 20, 0..=0)] {
            let parallel = Some(Parallel { threads: 2, batch });
            let mut split = Split { parallel, ..Split::default() };
            split.feed(text.as_bytes()).unwrap();
            let batches = split.workers.as_ref().map_or(0, |w| w.batches.len());
            assert!(sent.contains(&batches), "{batches} batches of {batch} bytes");
            assert_eq!(split.finish().as_ref(), Some(&whole), "batches of {batch} bytes");
        }
    }
}
