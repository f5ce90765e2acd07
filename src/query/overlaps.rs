//! `overlaps`: pairs of entries whose statements say the same or nearly the same thing.
//!
//! Scoring: a statement becomes word tokens (case and typographic punctuation folded, split at
//! anything not a letter or digit). Two statements whose tokens are the same in the same order
//! are `identical` (score 1). Otherwise the score is the cosine similarity of their content
//! words (tokens minus a short list of function words), counted as term frequencies: 1 when
//! they use the same content words equally often, 0 when they share none.

use std::collections::HashMap;
use std::io;

use serde::Serialize;

use crate::render::{Block, Csv, Document, Grid, JsonLines, Report};

use super::{EntryRow, Placed, fold, placed};
use crate::model::Framework;

/// The default `--min`: on the peer-worker list it keeps the exact repeats and close
/// paraphrases ("Recognizes/Addresses the importance of self-care", 0.75) and drops pairs that
/// share words but not meaning ("Addresses barriers to housing/employment", 0.67).
pub const DEFAULT_MIN_SCORE: f64 = 0.7;

/// Words that carry no meaning of their own in a competency statement.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into",
    "is", "it", "its", "of", "on", "or", "that", "the", "their", "them", "they", "this", "to",
    "with",
];

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
}

struct Statement<'a> {
    placed: Placed<'a>,
    words: Vec<String>,
    content: HashMap<String, f64>,
    norm: f64,
}

fn statement(placed: Placed<'_>) -> Statement<'_> {
    let words: Vec<String> = fold(&placed.entry.text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    let mut content: HashMap<String, f64> = HashMap::new();
    for word in words.iter().filter(|w| !FUNCTION_WORDS.contains(&w.as_str())) {
        *content.entry(word.clone()).or_default() += 1.0;
    }
    let norm = content.values().map(|n| n * n).sum::<f64>().sqrt();
    Statement { placed, words, content, norm }
}

fn cosine(a: &Statement, b: &Statement) -> f64 {
    if a.norm == 0.0 || b.norm == 0.0 {
        return 0.0;
    }
    let (small, large) = if a.content.len() <= b.content.len() { (a, b) } else { (b, a) };
    let dot: f64 =
        small.content.iter().filter_map(|(w, n)| large.content.get(w).map(|m| n * m)).sum();
    (dot / (a.norm * b.norm)).clamp(0.0, 1.0)
}

/// Every pair of entries scoring at least `min`, best first, then in document order.
pub fn overlaps(frameworks: &[Framework], min: f64, as_written: bool) -> Vec<Overlap<'_>> {
    let statements: Vec<Statement> = placed(frameworks).map(statement).collect();
    // Only entries that share a content word can score above 0: compare those alone.
    let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, s) in statements.iter().enumerate() {
        for word in s.content.keys() {
            by_word.entry(word).or_default().push(i);
        }
    }
    let mut found = Vec::new();
    for (i, a) in statements.iter().enumerate() {
        let mut candidates: Vec<usize> = a
            .content
            .keys()
            .flat_map(|w| by_word[w.as_str()].iter().copied().filter(|&j| j > i))
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        for j in candidates {
            let b = &statements[j];
            let (score, kind) = if !a.words.is_empty() && a.words == b.words {
                (1.0, OverlapKind::Identical)
            } else {
                ((cosine(a, b) * 1000.0).round() / 1000.0, OverlapKind::Similar)
            };
            if score >= min {
                found.push((i, j, score, kind));
            }
        }
    }
    found.sort_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    found
        .into_iter()
        .map(|(i, j, score, kind)| {
            let (a, b) = (&statements[i].placed, &statements[j].placed);
            Overlap {
                a: &a.entry.id,
                b: &b.entry.id,
                score,
                kind,
                entries: [a.row(as_written), b.row(as_written)],
            }
        })
        .collect()
}

/// `overlaps`: a row per pair, best first.
impl Report for [Overlap<'_>] {
    fn document(&self) -> Document {
        let header = ["SCORE", "KIND", "A", "B", "TEXT A", "TEXT B"].map(String::from).into();
        let rows = self
            .iter()
            .map(|o| {
                vec![
                    format!("{:.3}", o.score),
                    o.kind.as_str().to_owned(),
                    o.a.to_owned(),
                    o.b.to_owned(),
                    o.entries[0].text.to_owned(),
                    o.entries[1].text.to_owned(),
                ]
            })
            .collect();
        Document(vec![Block::Grid(Grid { header, rows, numeric: vec![0], ..Grid::default() })])
    }

    fn csv(&self, out: &mut Csv<'_>) -> io::Result<()> {
        out.row(["a", "b", "score", "kind", "a_framework", "b_framework", "a_text", "b_text"])?;
        for o in self {
            out.row([
                o.a,
                o.b,
                &format!("{:.3}", o.score),
                o.kind.as_str(),
                o.entries[0].framework,
                o.entries[1].framework,
                o.entries[0].text,
                o.entries[1].text,
            ])?;
        }
        Ok(())
    }

    fn json_lines(&self, out: &mut JsonLines<'_>) -> io::Result<()> {
        out.each(self)
    }
}
