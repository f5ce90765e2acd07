//! Words, as search, overlaps, align and diff compare them: found in a text, folded, stemmed,
//! numbered in one vocabulary, and counted into vectors that score by their cosine.

use foldhash::{HashMap, HashMapExt, HashSet};
use rust_stemmers::{Algorithm, Stemmer};

use crate::text::fold;

/// The words of a folded text: its runs of letters and digits.
pub(super) fn words_of(folded: &str) -> impl Iterator<Item = &str> {
    folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// The English stemmer (Snowball) that search and align reduce words with.
pub(super) fn stemmer() -> Stemmer {
    Stemmer::create(Algorithm::English)
}

/// Words that carry no meaning of their own in a competency statement.
pub(super) const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into",
    "is", "it", "its", "of", "on", "or", "that", "the", "their", "them", "they", "this", "to",
    "with",
];

/// The words met so far, each with its number (its place in the order they were met).
#[derive(Default)]
pub(super) struct Vocabulary {
    numbers: HashMap<String, u32>,
    words: Vec<String>,
}

impl Vocabulary {
    /// The number of a word, given it where it is new.
    pub(super) fn number(&mut self, word: &str) -> u32 {
        if let Some(&n) = self.numbers.get(word) {
            return n;
        }
        let n = self.words.len() as u32;
        self.numbers.insert(word.to_owned(), n);
        self.words.push(word.to_owned());
        n
    }

    /// The number of a word met before.
    pub(super) fn known(&self, word: &str) -> Option<u32> {
        self.numbers.get(word).copied()
    }

    /// The word of a number.
    pub(super) fn word(&self, n: u32) -> &str {
        &self.words[n as usize]
    }

    /// How many words it holds.
    pub(super) fn len(&self) -> usize {
        self.words.len()
    }
}

/// (word, count) pairs by word, each word once with its counts summed.
pub(super) fn counted(mut pairs: Vec<(u32, f64)>) -> Vec<(u32, f64)> {
    pairs.sort_unstable_by_key(|&(w, _)| w);
    pairs.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 += later.1;
        }
        same
    });
    pairs
}

/// A statement as a vector: (word, weight) pairs by word, and its length.
#[derive(PartialEq)]
pub(super) struct Weights {
    pairs: Vec<(u32, f64)>,
    norm: f64,
}

impl Weights {
    /// The vector of these pairs, each word once with its weights summed.
    pub(super) fn of(pairs: Vec<(u32, f64)>) -> Self {
        let pairs = counted(pairs);
        let norm = pairs.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        Weights { pairs, norm }
    }

    /// Whether it has no words.
    pub(super) fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// What two statements of the same words share exactly: found through a hash, whatever
    /// their words' commonness.
    pub(super) fn exact_key(&self) -> Vec<(u32, u64)> {
        self.pairs.iter().map(|&(w, weight)| (w, weight.to_bits())).collect()
    }

    /// Its words, in order.
    pub(super) fn words(&self) -> impl Iterator<Item = u32> + '_ {
        self.pairs.iter().map(|&(w, _)| w)
    }

    /// The cosine similarity of two vectors, in [0, 1].
    pub(super) fn cosine(&self, other: &Weights) -> f64 {
        let (a, b) = (&self.pairs, &other.pairs);
        if self.norm == 0.0 || other.norm == 0.0 {
            return 0.0;
        }
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            let ((x, wx), (y, wy)) = (a[i], b[j]);
            match x.cmp(&y) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += wx * wy;
                    i += 1;
                    j += 1;
                }
            }
        }
        (dot / (self.norm * other.norm)).clamp(0.0, 1.0)
    }
}

/// A statement's content words counted, for comparing statements.
pub(super) struct Words {
    /// The content words (not function words), each with how often it occurs.
    pub content: HashMap<String, f64>,
    /// The length of `content` as a vector.
    pub norm: f64,
}

impl Words {
    pub(super) fn of(text: &str) -> Self {
        let folded = fold(text);
        let words = words_of(&folded);
        let mut content: HashMap<String, f64> = HashMap::new();
        for word in words.filter(|w| !FUNCTION_WORDS.contains(w)) {
            *content.entry(word.to_owned()).or_default() += 1.0;
        }
        let norm = content.values().map(|n| n * n).sum::<f64>().sqrt();
        Words { content, norm }
    }

    /// The cosine similarity of the two statements' content words, in [0, 1].
    pub(super) fn cosine(&self, other: &Words) -> f64 {
        let (a, an, b, bn) = (&self.content, self.norm, &other.content, other.norm);
        if an == 0.0 || bn == 0.0 {
            return 0.0;
        }
        let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        let dot: f64 = small.iter().filter_map(|(w, n)| large.get(w).map(|m| n * m)).sum();
        (dot / (an * bn)).clamp(0.0, 1.0)
    }
}

/// Words that say nothing of a competency beyond [`FUNCTION_WORDS`].
pub(super) const MORE_FUNCTION_WORDS: &[&str] = &[
    "about", "all", "also", "among", "amongst", "can", "could", "do", "does", "e", "each", "eg",
    "etc", "g", "he", "her", "his", "how", "i", "ie", "may", "our", "s", "she", "should", "such",
    "than", "there", "these", "those", "through", "via", "was", "were", "what", "when", "where",
    "which", "who", "whom", "why", "will", "would", "you", "your",
];

/// The content words of a folded text: split at anything not a letter or digit.
pub(super) fn content_words(folded: &str) -> impl Iterator<Item = &str> {
    words_of(folded).filter(|w| !FUNCTION_WORDS.contains(w) && !MORE_FUNCTION_WORDS.contains(w))
}

/// The root of a stem: the stem without a noun ending (the Snowball form of -y, -acy, -ery,
/// -ory: up to three letters ending in `i`) where the shorter stem, of four letters or more,
/// is a stem of the texts too.
pub(super) fn root<'s>(stem: &'s str, stems: &HashSet<&str>) -> &'s str {
    if !stem.ends_with('i') {
        return stem;
    }
    (1..=3)
        .rev()
        .filter(|&cut| cut < stem.len() && stem.is_char_boundary(stem.len() - cut))
        .map(|cut| &stem[..stem.len() - cut])
        .find(|short| short.chars().count() >= 4 && stems.contains(short))
        .unwrap_or(stem)
}

/// Calls `each(start, end)` with the byte range of every word of `text`: a run of letters and
/// digits, with an apostrophe between two of them kept (`person's`).
pub(super) fn for_each_word(text: &str, mut each: impl FnMut(usize, usize)) {
    let is_letter =
        |c: char| if c.is_ascii() { c.is_ascii_alphanumeric() } else { c.is_alphanumeric() };
    let mut start: Option<usize> = None;
    let mut i = 0;
    while let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) {
        let next = i + c.len_utf8();
        if is_letter(c) {
            start = start.or(Some(i));
        } else if !(is_apostrophe(c)
            && start.is_some()
            && text[next..].chars().next().is_some_and(is_letter))
            && let Some(s) = start.take()
        {
            each(s, i);
        }
        i = next;
    }
    if let Some(s) = start {
        each(s, text.len());
    }
}

pub(super) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}')
}

/// A word as it is compared: lower case, typographic apostrophes plain.
pub(super) fn fold_word(word: &str, buffer: &mut String) {
    buffer.clear();
    for c in word.chars() {
        match c {
            c if c.is_ascii() => buffer.push(c.to_ascii_lowercase()),
            c if is_apostrophe(c) => buffer.push('\''),
            c => buffer.extend(c.to_lowercase()),
        }
    }
}
