//! A JSON framework read in pieces: each category is parsed from memory as soon as its text has
//! been read, and let go, so that the whole file is never held beside its model. serde_json
//! parses a text in memory at several times the speed it parses a reader, byte by byte, and a
//! million entries spend most of their loading there.
//!
//! The split is only a way in, never a judge: the file without its categories (its skeleton)
//! and each category are parsed by serde_json as they would be in one text. Anything the
//! splitter does not expect (another shape, a text too deep, a category that does not parse)
//! gives up, and the caller reads the file as one text, which says what is wrong and where.

use std::io::Read;

use crate::model::{Category, Framework};

/// Deeper than this, the splitter gives up: a whole text is held to serde_json's limit of 128
/// levels, which a category parsed alone, two levels down, would otherwise escape.
const MAX_DEPTH: usize = 100;

/// The framework a JSON reader holds, or None where it is not split as expected.
pub(super) fn framework(mut reader: impl Read) -> Option<Framework> {
    let mut split = Split::default();
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

#[derive(Default)]
struct Split {
    /// The file without the texts of its categories: `"categories": []`.
    skeleton: Vec<u8>,
    /// The text of the category being read.
    category: Vec<u8>,
    categories: Vec<Category>,
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

    /// Bytes within a string, up to its end or the end of `bytes`: what is left of `bytes`.
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

    /// Bytes of a string kept where they belong; in the top-level object, also as the key.
    fn keep(&mut self, bytes: &[u8]) {
        match self.place {
            Place::Within => self.category.extend_from_slice(bytes),
            _ => self.skeleton.extend_from_slice(bytes),
        }
        if let Some(key) = &mut self.key {
            key.extend_from_slice(bytes);
            if key.len() > b"categories\"".len() {
                self.key = None;
            }
        }
    }

    /// One byte outside strings.
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
            (Place::Within, _) => self.category.push(byte),
            (Place::Outside, _) => self.skeleton.push(byte),
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
            b'}' | b']' => {
                self.depth = self.depth.checked_sub(1)?;
                if self.place == Place::Within && self.depth == 2 {
                    let category = serde_json::from_slice(&self.category).ok()?;
                    self.categories.push(category);
                    self.category.clear();
                    self.place = Place::After;
                }
            }
            b' ' | b'\t' | b'\n' | b'\r' | b':' => {}
            // Another value or a comma: the last string was not the key of what follows.
            _ => self.categories_next = false,
        }
        Some(())
    }

    /// The framework, once every byte is read.
    fn finish(mut self) -> Option<Framework> {
        if self.in_string || self.depth != 0 || self.place != Place::Outside {
            return None;
        }
        let mut framework: Framework = serde_json::from_slice(&self.skeleton).ok()?;
        if !self.categories.is_empty() {
            self.categories.shrink_to_fit();
            framework.categories = self.categories;
        }
        Some(framework)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The framework as split, read through a reader that gives `step` bytes at a time.
    fn split(text: &str, step: usize) -> Option<Framework> {
        struct Slow<'t>(&'t [u8], usize);
        impl Read for Slow<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.1.min(buf.len()).min(self.0.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        framework(Slow(text.as_bytes(), step))
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
        }
        // An escaped key is not recognised, and the framework is parsed whole.
        let escaped = TEXT.replace(r#""categories" :"#, r#""categ\u006fries" :"#);
        assert_eq!(split(&escaped, 5), serde_json::from_str(&escaped).ok());
    }
}
