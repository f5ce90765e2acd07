//! `overlaps`: pairs of entries whose statements say the same or nearly the same thing.
//!
//! Scoring: a statement becomes word tokens (case and typographic punctuation folded, split at
//! anything not a letter or digit). Two statements whose tokens are the same in the same order
//! are `identical` (score 1). Otherwise the score is the cosine similarity of their content
//! words (tokens minus a short list of function words), counted as term frequencies: 1 when
//! they use the same content words equally often, 0 when they share none.

use foldhash::{HashMap, HashMapExt};

use serde::Serialize;

use crate::text::fold;

use super::words::{FUNCTION_WORDS, Postings, Vocabulary, Weights, words_of};
use super::{EntryRow, Placed, QueryError, placed};
use crate::model::Framework;

/// The default `--min`: on the peer-worker list it keeps the exact repeats and close
/// paraphrases ("Recognizes/Addresses the importance of self-care", 0.75) and drops pairs that
/// share words but not meaning ("Addresses barriers to housing/employment", 0.67).
pub const DEFAULT_MIN_SCORE: f64 = 0.7;

/// A word used by more statements than this is too common to propose a pair: only statements
/// that also share a rarer word are compared. It keeps the comparisons in proportion to the
/// statements (each word proposes at most this many), where a framework of many similar
/// statements would otherwise compare every pair. Identical statements are grouped whatever
/// their words.
pub const COMMON_WORD: usize = 200;

/// How two statements overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OverlapKind {
    /// The same words in the same order, after folding case, spacing and punctuation.
    Identical,
    /// A score at or above the threshold.
    Similar,
}

impl OverlapKind {
    /// The kind as JSON and CSV write it.
    pub fn as_str(self) -> &'static str {
        match self {
            OverlapKind::Identical => "identical",
            OverlapKind::Similar => "similar",
        }
    }
}

/// Two entries that overlap, `a` before `b` in document order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overlap<'a> {
    /// The id of the first entry, in document order.
    pub a: &'a str,
    /// The id of the second.
    pub b: &'a str,
    /// In [0, 1], rounded to three decimals.
    pub score: f64,
    /// Identical, or similar above the threshold.
    pub kind: OverlapKind,
    /// The two entries in full.
    pub entries: [EntryRow<'a>; 2],
    /// Where more than two statements are identical: the ids of the others, in document order
    /// (one row for the group, not a pair for every two of them). Only where there are any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub more: Vec<&'a str>,
}

/// The default `--limit`: how many rows `overlaps` gives before it stops and says so.
pub const DEFAULT_PAIR_LIMIT: usize = 10_000;

/// The largest `--limit`: the rows are held to be sorted best first, so this bounds their
/// memory whatever the input (a limit of 2^64 once let 4 million pairs of near-identical
/// statements abort at 2 GB).
pub const MAX_PAIR_LIMIT: usize = 100_000;

/// What `overlaps` looks for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OverlapOptions {
    /// The lowest score to report.
    pub min: f64,
    /// Tags as printed in the source only.
    pub as_written: bool,
    /// How many rows before it stops with [`QueryError::TooManyPairs`].
    pub limit: usize,
    /// Pairs of entries in two different frameworks only.
    pub across: bool,
}

impl Default for OverlapOptions {
    fn default() -> Self {
        OverlapOptions {
            min: DEFAULT_MIN_SCORE,
            as_written: false,
            limit: DEFAULT_PAIR_LIMIT,
            across: false,
        }
    }
}

/// A statement as `overlaps` compares it: its words as numbers of one vocabulary, so that a word
/// met a million times is held once.
struct Compared<'a> {
    placed: Placed<'a>,
    /// Every word, in order: statements with the same are identical.
    words: Vec<u32>,
    /// The content words (not function words), each with how often it occurs.
    content: Weights,
}

fn statement<'a>(placed: Placed<'a>, vocabulary: &mut Vocabulary) -> Compared<'a> {
    let folded = fold(&placed.entry.text);
    let mut words = Vec::new();
    let mut content = Vec::new();
    for word in words_of(&folded) {
        let n = vocabulary.number(word);
        words.push(n);
        if !FUNCTION_WORDS.contains(&word) {
            content.push((n, 1.0));
        }
    }
    Compared { placed, words, content: Weights::of(content) }
}

/// Every pair of entries scoring at least `min`, best first, then in document order.
///
/// Statements with the same words in the same order form one group, reported once (its first
/// two, and `more`), and only the group's first is compared with the rest: 5,000 identical
/// statements are one row, not 12.5 million pairs. Past `limit` rows it stops with
/// [`QueryError::TooManyPairs`], before it has built them all.
pub fn overlaps<'a>(
    frameworks: &'a [Framework],
    options: &OverlapOptions,
) -> Result<Vec<Overlap<'a>>, QueryError> {
    let OverlapOptions { min, as_written, limit, across } = *options;
    let limit = limit.min(MAX_PAIR_LIMIT);
    let mut vocabulary = Vocabulary::default();
    let statements: Vec<Compared> =
        placed(frameworks).map(|p| statement(p, &mut vocabulary)).collect();
    let words = vocabulary.len();
    drop(vocabulary);
    // A pair worth showing: never an item and its own sub-item (a sub-item restates part of its
    // item), and with `across`, entries of two frameworks only.
    let related = |i: usize, j: usize| {
        let (a, b) = (&statements[i].placed, &statements[j].placed);
        let own = |x: &Placed, y: &Placed| {
            std::ptr::eq(x.framework, y.framework)
                && y.parent.is_some_and(|p| std::ptr::eq(p, x.entry))
        };
        own(a, b) || own(b, a) || (across && std::ptr::eq(a.framework, b.framework))
    };
    // Identical statements, grouped under the first of them (which must say something).
    let mut groups: HashMap<&[u32], Vec<usize>> = HashMap::new();
    for (i, s) in statements.iter().enumerate().filter(|(_, s)| !s.content.is_empty()) {
        groups.entry(s.words.as_slice()).or_default().push(i);
    }
    let is_first = |i: usize| groups.get(statements[i].words.as_slice()).is_none_or(|g| g[0] == i);
    let too_many = || QueryError::TooManyPairs { limit, min };
    let mut found: Vec<(usize, usize, f64, OverlapKind, &[usize])> = Vec::new();
    // The members of each group that pair with its first.
    let others: Vec<(usize, Vec<usize>)> = groups
        .values()
        .filter(|g| g.len() > 1)
        .map(|g| (g[0], g[1..].iter().copied().filter(|&j| !related(g[0], j)).collect()))
        .collect();
    for (first, rest) in others.iter().filter(|(_, rest)| !rest.is_empty()) {
        found.push((*first, rest[0], 1.0, OverlapKind::Identical, &rest[1..]));
        if found.len() > limit {
            return Err(too_many());
        }
    }
    // Only entries that share a content word can score above 0, and only those whose bound
    // reaches `min` are compared ([`Postings`]).
    let mut postings = Postings::new(
        statements.iter().enumerate().map(|(i, s)| is_first(i).then_some(&s.content)),
        words,
        COMMON_WORD,
    );
    for (i, a) in statements.iter().enumerate().filter(|&(i, _)| is_first(i)) {
        let candidates = postings.candidates(&a.content, min, |j| j > i && !related(i, j));
        for j in candidates {
            let score = (a.content.cosine(&statements[j].content) * 1000.0).round() / 1000.0;
            if score >= min {
                found.push((i, j, score, OverlapKind::Similar, &[]));
                if found.len() > limit {
                    return Err(too_many());
                }
            }
        }
    }
    found.sort_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    Ok(found
        .into_iter()
        .map(|(i, j, score, kind, more)| {
            let (a, b) = (&statements[i].placed, &statements[j].placed);
            Overlap {
                a: &a.entry.id,
                b: &b.entry.id,
                score,
                kind,
                entries: [a.row(as_written), b.row(as_written)],
                more: more.iter().map(|&k| statements[k].placed.entry.id.as_str()).collect(),
            }
        })
        .collect())
}
