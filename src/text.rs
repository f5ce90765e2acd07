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

/// "6", "2.5": a number without needless decimals.
pub(crate) fn trim_number(n: f64) -> String {
    let text = format!("{n:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}
