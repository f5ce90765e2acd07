//! Words, as search, overlaps, align and diff compare them: found in a text, folded, stemmed,
//! numbered in one vocabulary, and counted into vectors that score by their cosine.

use foldhash::{HashMap, HashSet};
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

/// The groups of a list of synonyms (`framework/synonyms.txt`): a line each, of words separated
/// by commas, trimmed; `#` begins a comment, and lines with no words are passed over.
pub fn synonym_groups(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or_default())
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.split(',').map(str::trim).collect())
}

/// The field's synonyms (`framework/synonyms.txt`): each word's stem, with the number of its
/// group. What `align` counts as one root.
pub(super) struct Synonyms {
    groups: HashMap<String, u32>,
}

impl Synonyms {
    /// The list shipped in `framework/`, read once.
    pub(super) fn field() -> &'static Synonyms {
        static FIELD: std::sync::OnceLock<Synonyms> = std::sync::OnceLock::new();
        FIELD.get_or_init(|| Synonyms::parse(include_str!("../../framework/synonyms.txt")))
    }

    /// The groups of `text` ([`synonym_groups`]), each word by its stem.
    fn parse(text: &str) -> Synonyms {
        let stemmer = stemmer();
        let mut groups = HashMap::default();
        for (n, words) in synonym_groups(text).enumerate() {
            for word in words.into_iter().filter(|w| !w.is_empty()) {
                let stem = stemmer.stem(&fold(word)).into_owned();
                groups.entry(stem).or_insert(n as u32);
            }
        }
        Synonyms { groups }
    }

    /// The group of a stem, if it is in one.
    pub(super) fn group(&self, stem: &str) -> Option<u32> {
        self.groups.get(stem).copied()
    }
}

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

/// A statement's content words (not function words), each counted, as a vector numbered in
/// `vocabulary`: what diff compares.
pub(super) fn content_counts(text: &str, vocabulary: &mut Vocabulary) -> Weights {
    let folded = fold(text);
    let pairs = words_of(&folded)
        .filter(|w| !FUNCTION_WORDS.contains(w))
        .map(|w| (vocabulary.number(w), 1.0))
        .collect();
    Weights::of(pairs)
}

/// Statements by the words they hold, with each word's weight in each: the candidates for a
/// statement, and a bound on each one's cosine with it, come from one pass over its words.
///
/// A word held by more than `common` statements proposes no candidate (comparisons stay in
/// proportion to the statements), and its part of a cosine is bounded instead: by
/// Cauchy-Schwarz, the common words add at most the product of the two statements' lengths
/// over those words. A candidate whose bound is under the score wanted is never compared, so
/// the answer is what comparing every candidate would give; on statements of 40 random words
/// each in 100 statements, almost every candidate shares one word and is dropped unscored.
pub(super) struct Postings {
    /// By word: the statements that hold it, with its weight there; empty for a common word.
    lists: Vec<Vec<(u32, f32)>>,
    /// By word: held by more than `common` statements.
    common: Vec<bool>,
    /// By statement: its length, and its length over its common words alone.
    norms: Vec<(f64, f64)>,
    /// Each candidate's dot product over the words that proposed it, and those touched.
    dot: Vec<f64>,
    touched: Vec<u32>,
}

impl Postings {
    /// The postings of these statements (None: not a candidate for any), over word numbers
    /// below `words`.
    pub(super) fn new<'w>(
        statements: impl IntoIterator<Item = Option<&'w Weights>>,
        words: usize,
        common: usize,
    ) -> Self {
        let statements: Vec<Option<&Weights>> = statements.into_iter().collect();
        let mut held = vec![0usize; words];
        for s in statements.iter().flatten() {
            for w in s.words() {
                held[w as usize] += 1;
            }
        }
        let is_common: Vec<bool> = held.iter().map(|&n| n > common).collect();
        let mut lists: Vec<Vec<(u32, f32)>> = held
            .iter()
            .map(|&n| if n > common { Vec::new() } else { Vec::with_capacity(n) })
            .collect();
        let mut norms = Vec::with_capacity(statements.len());
        for (j, s) in statements.iter().enumerate() {
            let Some(s) = s else {
                norms.push((0.0, 0.0));
                continue;
            };
            let mut rest = 0.0;
            for &(w, weight) in &s.pairs {
                if is_common[w as usize] {
                    rest += weight * weight;
                } else {
                    lists[w as usize].push((j as u32, weight as f32));
                }
            }
            norms.push((s.norm, rest.sqrt()));
        }
        let n = statements.len();
        Postings { lists, common: is_common, norms, dot: vec![0.0; n], touched: Vec::new() }
    }

    /// The statements that `keep` accepts and whose cosine with `a` may reach `min`, in
    /// order: those sharing a word with it that is not common, and whose bound is not under
    /// `min` (less a margin for the scores' rounding to three decimals).
    pub(super) fn candidates(
        &mut self,
        a: &Weights,
        min: f64,
        keep: impl Fn(usize) -> bool,
    ) -> Vec<usize> {
        let mut rest = 0.0;
        for &(w, weight) in &a.pairs {
            match self.common.get(w as usize) {
                Some(true) => rest += weight * weight,
                Some(false) => {
                    for &(j, theirs) in &self.lists[w as usize] {
                        if self.dot[j as usize] == 0.0 {
                            self.touched.push(j);
                        }
                        self.dot[j as usize] += weight * f64::from(theirs);
                    }
                }
                None => {}
            }
        }
        let rest = f64::sqrt(rest);
        let mut found = Vec::new();
        for j in self.touched.drain(..) {
            let j = j as usize;
            let dot = std::mem::take(&mut self.dot[j]);
            let (norm, their_rest) = self.norms[j];
            let bound = (dot + rest * their_rest) / (a.norm * norm);
            if bound >= min - 0.001 && keep(j) {
                found.push(j);
            }
        }
        found.sort_unstable();
        found
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
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_letter(c) {
            start = start.or(Some(i));
        } else if !(is_apostrophe(c)
            && start.is_some()
            && chars.peek().is_some_and(|&(_, next)| is_letter(next)))
            && let Some(s) = start.take()
        {
            each(s, i);
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Statements of 3 to 12 words of 40, drawn by a fixed generator, some words common.
    fn statements() -> Vec<Weights> {
        let mut seed = 7u64;
        let mut next = move |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        (0..400)
            .map(|_| {
                let len = 3 + next(10);
                // Words 0-3 are in most statements: common past a cap of 40.
                let pairs = (0..len)
                    .map(|_| (if next(3) == 0 { next(4) } else { next(40) } as u32, 1.0))
                    .collect();
                Weights::of(pairs)
            })
            .collect()
    }

    /// Every word of the list is one word, in one group, and stems apart from the words of
    /// other groups: a group never swallows another.
    #[test]
    fn the_synonym_list_is_single_words_each_in_one_group() {
        let text = include_str!("../../framework/synonyms.txt");
        let stemmer = stemmer();
        let mut seen: HashMap<String, usize> = HashMap::default();
        let mut groups = 0;
        for (n, words) in synonym_groups(text).enumerate() {
            assert!(words.len() >= 2, "group {n} has one word: {words:?}");
            for word in words {
                assert!(
                    !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase()),
                    "'{word}' is not one lower-case word"
                );
                assert!(!FUNCTION_WORDS.contains(&word) && !MORE_FUNCTION_WORDS.contains(&word));
                let stem = stemmer.stem(word).into_owned();
                if let Some(&other) = seen.get(&stem) {
                    assert_eq!(other, n, "'{word}' stems as a word of group {other} does");
                }
                seen.insert(stem, n);
            }
            groups += 1;
        }
        let synonyms = Synonyms::field();
        assert!(groups > 30 && synonyms.group("educ") == synonyms.group("teach"));
        assert_eq!(synonyms.group("recoveri"), None);
    }

    #[test]
    fn postings_drop_only_candidates_that_cannot_reach_the_score() {
        let all = statements();
        let cap = 40;
        let mut postings = Postings::new(all.iter().map(Some), 40, cap);
        let mut counts = [0usize; 40];
        all.iter().flat_map(Weights::words).for_each(|w| counts[w as usize] += 1);
        let held = |w: u32| counts[w as usize];
        let mut kept = 0;
        for min in [0.3, 0.5, 0.7, 0.9] {
            for (i, a) in all.iter().enumerate() {
                // What comparing every statement that shares an uncommon word would keep.
                let expected: Vec<usize> = (0..all.len())
                    .filter(|&j| j != i)
                    .filter(|&j| {
                        a.words().any(|w| held(w) <= cap && all[j].words().any(|x| x == w))
                    })
                    .filter(|&j| (a.cosine(&all[j]) * 1000.0).round() / 1000.0 >= min)
                    .collect();
                let found: Vec<usize> = postings
                    .candidates(a, min, |j| j != i)
                    .into_iter()
                    .filter(|&j| (a.cosine(&all[j]) * 1000.0).round() / 1000.0 >= min)
                    .collect();
                assert_eq!(found, expected, "statement {i} at {min}");
                kept += found.len();
            }
        }
        assert!(kept > 100, "the test compares something: {kept}");
    }
}
