//! Small helpers for text that every layer uses: folding for comparison, the closest known name
//! for "did you mean", text made safe for a terminal, numbers and lists as people read them.
//! The ground floor: it imports nothing of the crate.

use std::borrow::Cow;
use std::fmt;

/// Case and typographic punctuation folded away, so that `--grep "peers'"` finds "peers’" and
/// `--grep strengths-based` finds "strengths‐based".
pub(crate) fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '\u{00A0}' | '\u{2007}' | '\u{202F}' => ' ',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The known name closest to a mistyped one, where one is close enough to be the one meant (and
/// the name long enough for closeness to mean anything: "13" is not a typo of "12").
pub(crate) fn closest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    if name.chars().count() < 3 {
        return None;
    }
    let name = name.to_lowercase();
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(&name, &k.to_lowercase()), *k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// ": did you mean X?" where a known name is close to the one given; nothing otherwise.
pub(crate) fn did_you_mean(given: &str, known: &[&str]) -> String {
    closest(given, known).map(|k| format!(": did you mean {k}?")).unwrap_or_default()
}

/// "a, b, c and 9 more": the first `shown` items, and how many are left out.
pub(crate) fn some_of<T: fmt::Display>(items: impl IntoIterator<Item = T>, shown: usize) -> String {
    let mut named = Vec::new();
    let mut more = 0usize;
    for item in items {
        if named.len() < shown {
            named.push(item.to_string());
        } else {
            more += 1;
        }
    }
    match more {
        0 => named.join(", "),
        _ => format!("{} and {more} more", named.join(", ")),
    }
}

/// Text safe to show on a terminal: control characters (C0 but tab and newline, DEL, C1) written
/// as escapes (`\e`, `\x07`, `\x9b`), so that no text from a file can clear the screen, retitle
/// the window or plant a link. JSON, CSV and YAML carry text as their formats require instead.
pub fn visible(text: &str) -> Cow<'_, str> {
    let is_control = |c: char| c.is_control() && c != '\t' && c != '\n';
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\u{1b}' => out.push_str("\\e"),
            c if is_control(c) => out.push_str(&format!("\\x{:02x}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Bytes on their way to a terminal, whatever the format that wrote them (CSV, HTML, YAML): every
/// control character shown as [`visible`] shows it, but newline, tab, a carriage return before a
/// newline, and colour (SGR: `ESC [ 1;32 m`), which can change how text looks and nothing else.
/// A sequence cut between two writes waits for the rest; [`TerminalSafe::finish`] shows what is
/// left.
#[derive(Default)]
pub struct TerminalSafe {
    pending: Vec<u8>,
}

/// The longest colour sequence let through: longer ones are shown escaped.
const LONGEST_SGR: usize = 32;

impl TerminalSafe {
    /// `buf`, made safe, appended to `out`.
    pub fn push(&mut self, buf: &[u8], out: &mut Vec<u8>) {
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(buf);
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let next = bytes.get(i + 1).copied();
            match b {
                b'\n' | b'\t' => out.push(b),
                b'\r' if next == Some(b'\n') => out.push(b),
                0x1b => match sgr(&bytes[i + 1..]) {
                    Sgr::Is(n) => {
                        out.extend_from_slice(&bytes[i..=i + n]);
                        i += n;
                    }
                    Sgr::Unfinished if bytes.len() - i <= LONGEST_SGR => {
                        self.pending = bytes[i..].to_vec();
                        return;
                    }
                    _ => out.extend_from_slice(b"\\e"),
                },
                b'\r' if next.is_none() => {
                    self.pending = vec![b];
                    return;
                }
                0x00..=0x1f | 0x7f => out.extend_from_slice(format!("\\x{b:02x}").as_bytes()),
                // C1 controls, U+0080 to U+009F, are 0xC2 0x80 to 0xC2 0x9F in UTF-8.
                0xc2 => match next {
                    None => {
                        self.pending = vec![b];
                        return;
                    }
                    Some(c @ 0x80..=0x9f) => {
                        out.extend_from_slice(format!("\\x{c:02x}").as_bytes());
                        i += 1;
                    }
                    Some(_) => out.push(b),
                },
                _ => out.push(b),
            }
            i += 1;
        }
    }

    /// What waits for the rest of a sequence, shown escaped: the stream ended.
    pub fn finish(&mut self, out: &mut Vec<u8>) {
        let pending = std::mem::take(&mut self.pending);
        for &b in &pending {
            match b {
                0x1b => out.extend_from_slice(b"\\e"),
                0x00..=0x1f | 0x7f if b != b'\n' && b != b'\t' => {
                    out.extend_from_slice(format!("\\x{b:02x}").as_bytes())
                }
                _ => out.push(b),
            }
        }
    }
}

/// What follows an ESC: a colour sequence of this many bytes, the start of one, or neither.
enum Sgr {
    Is(usize),
    Unfinished,
    Not,
}

fn sgr(rest: &[u8]) -> Sgr {
    match rest.first() {
        None => return Sgr::Unfinished,
        Some(b'[') => {}
        Some(_) => return Sgr::Not,
    }
    for (j, &b) in rest.iter().enumerate().skip(1) {
        match b {
            b'0'..=b'9' | b';' => {}
            b'm' => return Sgr::Is(j + 1),
            _ => return Sgr::Not,
        }
    }
    Sgr::Unfinished
}

/// "6", "2.5": a number without needless decimals.
pub(crate) fn trim_number(n: f64) -> String {
    let text = format!("{n:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_to_a_terminal_keeps_colour_and_shows_every_other_control() {
        let mut safe = TerminalSafe::default();
        let mut out = Vec::new();
        // A title, a screen clear and a C1 CSI, beside colour and a CRLF; sequences cut in two.
        let parts: [&[u8]; 4] =
            [b"a\x1b]0;PWNED\x07\x1b[2", b"J \x1b[1;3", b"2mok\x1b[0m\r\n\xc2", b"\x9b!\x1b"];
        for part in parts {
            safe.push(part, &mut out);
        }
        safe.finish(&mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a\\e]0;PWNED\\x07\\e[2J \x1b[1;32mok\x1b[0m\r\n\\x9b!\\e"
        );
    }
}
