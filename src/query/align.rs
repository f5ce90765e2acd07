//! `align`: for each entry of one framework, the entries of another that say the same thing.
//!
//! A statement becomes the roots of its content words, so that what real lists differ by does
//! not count against a pair:
//! - case, typographic punctuation and hyphens are folded (`strengths‐based` is
//!   `strengths based`), and word order does not matter (the words are a bag);
//! - function words (`the`, `to`, `their`...) are left out;
//! - a compound written as two words is one word where the other list writes it as one
//!   (`self care` is `selfcare` where `selfcare` occurs);
//! - words are reduced to their English stem (Snowball, `rust-stemmers`): `Relates` is `relate`;
//! - a stem that is another stem with a noun ending (the Snowball form of -y, -acy, -ery, -ory:
//!   `advocaci`, `recoveri`) is that stem (`advoc`, `recov`): a noun for its verb;
//! - the words of a group of the field's synonyms (`framework/synonyms.txt`: `teaches` and
//!   `educates`, `peers` and `individuals`) are one root, unless [`AlignOptions::synonyms`] is off.
//!
//! The score is the cosine similarity of the two statements' roots, each weighted by how rare it
//! is in the two frameworks together (inverse document frequency): sharing `recovery` counts for
//! less than sharing `naloxone`. `exact` is the same roots, as many times each (score 1).
//! Only statements that share a root are compared, through an index of the roots that leaves
//! out those of more than [`COMMON_WORD`] statements, so the work is in proportion to the
//! statements, not their pairs.

use foldhash::{HashMap, HashMapExt, HashSet};

use serde::Serialize;
use serde::ser::Serializer;

use super::words::{
    Postings, Synonyms, Vocabulary, Weights, content_words, counted, root, stemmer,
};
use super::{COMMON_WORD, Placed, QueryError, framework, placed};
use crate::model::{Alignment, Entry, Framework, LinkKind};
use crate::text::fold;

/// The default `--min`: the threshold of best F1 on the list written from a real one,
/// `examples/alignment/ny-peer-specialist.yaml` (docs/guide.md, "Align"; a test keeps it so).
pub const DEFAULT_MIN: f64 = 0.3;

/// The score from which a pair is `close` rather than `related`: on both test sets, every first
/// suggestion from this score was right (docs/guide.md, "Align").
pub const CLOSE: f64 = 0.5;

/// The default `--top`: how many suggestions for each entry at most.
pub const DEFAULT_TOP: usize = 3;

/// What `align` looks for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlignOptions {
    /// The lowest score to suggest.
    pub min: f64,
    /// The most suggestions for one entry.
    pub top: usize,
    /// Whether the words of a group of the field's synonyms count as one.
    pub synonyms: bool,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions { min: DEFAULT_MIN, top: DEFAULT_TOP, synonyms: true }
    }
}

/// One suggested link, best first for its entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion<'a> {
    /// The id of the entry of the `from` framework.
    pub from: &'a str,
    /// The id of the entry of the `to` framework.
    pub to: &'a str,
    /// In [0, 1], rounded to three decimals.
    pub score: f64,
    /// Exact, close (at or above [`CLOSE`]) or related (below it).
    pub kind: LinkKind,
    /// The two entries in full.
    #[serde(skip)]
    pub entries: [&'a Entry; 2],
}

/// An entry of the `from` framework with nothing to suggest; its id in JSON.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unaligned<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its statement.
    pub text: &'a str,
}

impl Serialize for Unaligned<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id)
    }
}

/// The suggestions from one framework to another, and what has none.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestions<'a> {
    /// The framework the links start from.
    pub from: &'a str,
    /// The framework they lead to.
    pub to: &'a str,
    /// The lowest score suggested.
    pub min: f64,
    /// Per entry of `from` in document order, its suggestions best first.
    pub links: Vec<Suggestion<'a>>,
    /// The ids of the entries of `from` with no suggestion, in document order.
    pub unmatched: Vec<Unaligned<'a>>,
}

/// A statement as the aligner compares it: its roots (interned), counted.
struct Rooted<'a> {
    placed: Placed<'a>,
    /// Its roots, each weighted by how often it occurs and how rare it is.
    roots: Weights,
    /// Its roots before synonyms were made one, counted: None where none of its words has a
    /// synonym (they are then `roots`' words).
    literal: Option<Vec<(u32, f64)>>,
}

/// Two words in a row as one where the vocabulary holds them as one: `self care` is `selfcare`.
fn join_compounds(words: Vec<u32>, vocabulary: &Vocabulary) -> Vec<u32> {
    let mut out = Vec::with_capacity(words.len());
    let mut words = words.into_iter().peekable();
    while let Some(word) = words.next() {
        if let Some(&next) = words.peek() {
            let joined = format!("{}{}", vocabulary.word(word), vocabulary.word(next));
            if let Some(joined) = vocabulary.known(&joined) {
                out.push(joined);
                words.next();
                continue;
            }
        }
        out.push(word);
    }
    out
}

/// Statements of both frameworks as roots, in one vocabulary of roots; with `synonyms`, the
/// words of one group of synonyms as one root.
fn statements<'a>(placed: Vec<Placed<'a>>, synonyms: Option<&Synonyms>) -> Vec<Rooted<'a>> {
    // Every content word is numbered, so that a word met a million times is held once.
    let mut vocabulary = Vocabulary::default();
    let words: Vec<Vec<u32>> = placed
        .iter()
        .map(|p| content_words(&fold(&p.entry.text)).map(|w| vocabulary.number(w)).collect())
        .collect();
    let words: Vec<Vec<u32>> = words.into_iter().map(|w| join_compounds(w, &vocabulary)).collect();
    // The stem of every word the statements use, once joined.
    let stemmer = stemmer();
    let mut stem_of: Vec<Option<String>> = vec![None; vocabulary.len()];
    for &word in words.iter().flatten() {
        let stem = &mut stem_of[word as usize];
        if stem.is_none() {
            *stem = Some(stemmer.stem(vocabulary.word(word)).into_owned());
        }
    }
    let stems: HashSet<&str> = stem_of.iter().flatten().map(String::as_str).collect();
    // Roots and groups of synonyms, numbered in one space.
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut group_ids: HashMap<u32, u32> = HashMap::new();
    let mut next = 0u32;
    let mut number = |id: &mut u32| {
        if *id == u32::MAX {
            *id = next;
            next += 1;
        }
        *id
    };
    // Each word's root and group of synonyms, numbered once a word, in the order first met:
    // (its own root, the root it counts as, whether a synonym changed it).
    let mut numbered: Vec<Option<(u32, u32, bool)>> = vec![None; vocabulary.len()];
    for &word in words.iter().flatten() {
        let slot = &mut numbered[word as usize];
        if slot.is_some() {
            continue;
        }
        let stem = stem_of[word as usize].as_deref().unwrap_or_default();
        let root = root(stem, &stems);
        let own = number(ids.entry(root).or_insert(u32::MAX));
        let group = synonyms.and_then(|s| s.group(stem).or_else(|| s.group(root)));
        let merged = match group {
            Some(group) => number(group_ids.entry(group).or_insert(u32::MAX)),
            None => own,
        };
        *slot = Some((own, merged, group.is_some()));
    }
    // Per statement: its roots counted, and its literal roots where a synonym changed one.
    type Counted = Vec<(u32, f64)>;
    let counted: Vec<(Counted, Option<Counted>)> = words
        .iter()
        .map(|words| {
            let numbered = words.iter().filter_map(|&w| numbered[w as usize]);
            let roots = numbered.clone().map(|(_, merged, _)| (merged, 1.0)).collect();
            let any_synonym = numbered.clone().any(|(.., synonym)| synonym);
            let literal =
                any_synonym.then(|| counted(numbered.map(|(own, ..)| (own, 1.0)).collect()));
            (counted(roots), literal)
        })
        .collect();
    let mut document_frequency = vec![0.0f64; next as usize];
    for (roots, _) in &counted {
        for (id, _) in roots {
            document_frequency[*id as usize] += 1.0;
        }
    }
    let n = placed.len() as f64;
    placed
        .into_iter()
        .zip(counted)
        .map(|(placed, (mut roots, literal))| {
            for (id, tf) in &mut roots {
                *tf *= (1.0 + n / document_frequency[*id as usize]).ln();
            }
            Rooted { placed, roots: Weights::of(roots), literal }
        })
        .collect()
}

/// For each entry of framework `from`, the entries of framework `to` scoring at least
/// `options.min` (at most `options.top`, best first, ties in document order), and the entries
/// with none. The two may be one framework: an entry is then never suggested for itself.
pub fn align<'a>(
    frameworks: &'a [Framework],
    from: &str,
    to: &str,
    options: &AlignOptions,
) -> Result<Suggestions<'a>, QueryError> {
    let (from, to) = (framework(frameworks, from)?, framework(frameworks, to)?);
    let of = |f: &'a Framework| placed(std::slice::from_ref(f)).collect::<Vec<_>>();
    let mut all = of(from);
    let split = all.len();
    if !std::ptr::eq(from, to) {
        all.extend(of(to));
    }
    let statements = statements(all, options.synonyms.then(Synonyms::field));
    let (sources, targets) = if std::ptr::eq(from, to) {
        (&statements[..], &statements[..])
    } else {
        statements.split_at(split)
    };
    // Which targets hold each root, but for roots too common to propose a pair, and a bound
    // on each candidate's score ([`Postings`]).
    let roots = statements.iter().flat_map(|s| s.roots.words()).max().map_or(0, |w| w as usize + 1);
    let mut postings = Postings::new(targets.iter().map(|t| Some(&t.roots)), roots, COMMON_WORD);
    // Targets by their exact words: a twin is found whatever the cap left out. Only the first
    // few of a group can be chosen (ties go in document order), so only they are kept.
    let mut twins: HashMap<Vec<(u32, u64)>, Vec<usize>> = HashMap::new();
    for (j, target) in targets.iter().enumerate().filter(|(_, t)| !t.roots.is_empty()) {
        let group = twins.entry(target.roots.exact_key()).or_default();
        if group.len() <= options.top {
            group.push(j);
        }
    }
    let mut links = Vec::new();
    let mut unmatched = Vec::new();
    for source in sources {
        let not_itself = |j: usize| !std::ptr::eq(targets[j].placed.entry, source.placed.entry);
        let mut candidates = postings.candidates(&source.roots, options.min, not_itself);
        let twins = twins.get(&source.roots.exact_key()).into_iter().flatten();
        candidates.extend(twins.copied().filter(|&j| not_itself(j)));
        candidates.sort_unstable();
        candidates.dedup();
        let mut scored: Vec<(f64, usize)> = candidates
            .into_iter()
            .map(|j| ((source.roots.cosine(&targets[j].roots) * 1000.0).round() / 1000.0, j))
            .filter(|&(score, _)| score >= options.min)
            .collect();
        scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        scored.truncate(options.top);
        let entry = source.placed.entry;
        if scored.is_empty() {
            unmatched.push(Unaligned { id: &entry.id, text: &entry.text });
        }
        for (score, j) in scored {
            let target = &targets[j];
            let same = source.roots == target.roots && source.literal == target.literal;
            let kind = if same && score >= 1.0 {
                LinkKind::Exact
            } else if score >= CLOSE {
                LinkKind::Close
            } else {
                LinkKind::Related
            };
            links.push(Suggestion {
                from: &entry.id,
                to: &target.placed.entry.id,
                score,
                kind,
                entries: [entry, target.placed.entry],
            });
        }
    }
    Ok(Suggestions { from: &from.id, to: &to.id, min: options.min, links, unmatched })
}

/// The links between the entries of frameworks `a` and `b` that reviewed alignments hold, each
/// as (entry of `a`, entry of `b`), whichever way an alignment runs.
pub fn aligned_links<'a>(alignments: &'a [Alignment], a: &str, b: &str) -> Vec<(&'a str, &'a str)> {
    let mut links = Vec::new();
    for alignment in alignments {
        let (from, to) = (alignment.from.text.as_str(), alignment.to.text.as_str());
        for link in &alignment.links {
            let pair = (link.from.text.as_str(), link.to.text.as_str());
            if (from, to) == (a, b) {
                links.push(pair);
            } else if (from, to) == (b, a) {
                links.push((pair.1, pair.0));
            }
        }
    }
    links
}

/// The links between the entries of frameworks `a` and `b` that CASE associations state, each
/// as (entry of `a`, entry of `b`): an association of an entry of either whose far end is an
/// entry of the other, found by its CASE identifier. Kinds that say two statements match or
/// relate count (`exactMatchOf`, `isRelatedTo`, `isPeerOf`, `isPartOf`); a hierarchy or an
/// order (`isChildOf`, `precedes`) does not.
pub fn case_links<'a>(a: &'a Framework, b: &'a Framework) -> Vec<(&'a str, &'a str)> {
    // CASE's kinds, and CTDL-ASN's alignments.
    const ALIGNING: [&str; 9] = [
        "exactMatchOf",
        "isRelatedTo",
        "isPeerOf",
        "isPartOf",
        "exactAlignment",
        "majorAlignment",
        "minorAlignment",
        "broadAlignment",
        "narrowAlignment",
    ];
    let by_identifier = |f: &'a Framework| -> HashMap<&'a str, &'a str> {
        f.entries()
            .filter_map(|(e, _)| Some((e.more().identifier.as_deref()?, e.id.as_str())))
            .collect()
    };
    let (in_a, in_b) = (by_identifier(a), by_identifier(b));
    let mut links = Vec::new();
    for (from, to, reversed) in [(a, &in_b, false), (b, &in_a, true)] {
        for (entry, _) in from.entries() {
            for relation in &entry.more().relations {
                let far = relation.identifier.as_deref().and_then(|i| to.get(i));
                if let Some(&other) = far
                    && ALIGNING.contains(&relation.kind.as_str())
                {
                    let pair = (entry.id.as_str(), other);
                    links.push(if reversed { (pair.1, pair.0) } else { pair });
                }
            }
        }
    }
    links
}
