//! `search`: entries and categories ranked by how well they match words, as a person means them.
//!
//! Words are found as words, not substrings (`ratio` is not in "exploration"), folded (case,
//! typographic apostrophes), and compared by their English stem (Snowball, `rust-stemmers`):
//! `advocates` is `advocate`. Two looser kinds of match count for less: a *related form*, a stem
//! that extends the other by at most three letters (`advoc`, `advocaci`), and a *typo*, a word one
//! edit away (two from eight letters) with the same first letter (`stigmma`). A hyphen is a space
//! (`self-care` is the phrase "self care"), and a phrase matches its words in a row.
//!
//! Ranking is BM25F (Robertson and Zaragoza, 2009): each field's term frequency is normalised by
//! its length against the field's average, weighted by the field (a statement counts more than a
//! note), and summed before BM25's saturation; the weight of a word is its inverse document
//! frequency over every entry and category loaded, whatever the filters, so that a filter never
//! changes a score. The scan is one pass over the text with a memo per distinct word, no index
//! kept between runs: one query needs no more.

use foldhash::{HashMap, HashMapExt};

use rust_stemmers::Stemmer;
use serde::Serialize;

use super::list::Selector;
use super::words::{fold_word, for_each_word, stemmer};
use super::{CategoryRef, ListFilter, Placed, QueryError, TagRow};
use crate::model::{Category, Framework};

/// BM25's saturation: how quickly more occurrences stop adding to a score.
const K1: f64 = 1.2;
/// BM25's length normalisation: 0 ignores a field's length, 1 divides by it in full.
const B: f64 = 0.75;
/// What a related form and a typo count for against the word itself.
const RELATED: f64 = 0.7;
const TYPO: f64 = 0.4;

/// The most distinct words a query may hold.
pub(super) const MAX_WORDS: usize = 64;

/// What a category's words count for against an entry's: a heading over many statements is a
/// broader answer than a statement.
const CATEGORY: f64 = 0.6;

/// How to search.
#[derive(Debug, Clone, Default)]
pub struct SearchOptions {
    /// The entries to consider: `list`'s filters. Categories are considered where no tag is
    /// asked for (they carry none), and only those asked for with `categories`.
    pub filter: ListFilter,
    /// A result needs any one of the terms, not all of them.
    pub any: bool,
    /// At most this many results, the best.
    pub limit: Option<usize>,
}

/// A field of an entry or a category that a search reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// An entry's statement.
    Text,
    /// An entry's short name, or a category's title.
    Title,
    /// A category's introduction.
    Description,
    /// An editorial note.
    Notes,
}

impl Field {
    const ALL: [Field; 4] = [Field::Text, Field::Title, Field::Description, Field::Notes];

    /// How much a match here counts: a statement or a title more than an introduction, an
    /// introduction more than an editorial note.
    fn weight(self) -> f64 {
        match self {
            Field::Text | Field::Title => 1.0,
            Field::Description => 0.4,
            Field::Notes => 0.3,
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Field::Text => "text",
            Field::Title => "title",
            Field::Description => "description",
            Field::Notes => "notes",
        }
    }
}

/// What a result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    /// An item or sub-item.
    Entry,
    /// A category: its title, introduction or notes matched.
    Category,
}

/// Where a term matched: a field (and which note), and the byte range in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MatchSpan {
    /// The field.
    pub field: Field,
    /// For `notes`, which note (from 0); else null.
    pub index: Option<usize>,
    /// The first byte of the match in the field's text.
    pub start: usize,
    /// The byte after its last.
    pub end: usize,
}

/// One result, best first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit<'a> {
    /// Its relevance (BM25F), rounded to three decimals: comparable within one search.
    pub score: f64,
    /// An entry or a category.
    pub kind: HitKind,
    /// Its framework.
    pub framework: &'a str,
    /// The entry's id, or the category's.
    pub id: &'a str,
    /// The parent of a sub-item; else null.
    pub parent: Option<&'a str>,
    /// The category (for a category, itself).
    pub category: CategoryRef<'a>,
    /// The entry's short name, or the category's title.
    pub title: Option<&'a str>,
    /// The entry's statement (null for a category).
    pub text: Option<&'a str>,
    /// The category's introduction (null for an entry, and a category without one).
    pub description: Option<&'a str>,
    /// The notes.
    pub notes: &'a [String],
    /// The entry's tags (a category has none).
    pub tags: Vec<TagRow<'a>>,
    /// The field that contributed most to the score.
    pub field: Field,
    /// Every match, by field and position.
    pub matches: Vec<MatchSpan>,
}

impl SearchHit<'_> {
    /// The text of a field of this result (`index` for a note).
    pub fn field_text(&self, field: Field, index: Option<usize>) -> Option<&str> {
        match field {
            Field::Text => self.text,
            Field::Title => self.title,
            Field::Description => self.description,
            Field::Notes => self.notes.get(index?).map(String::as_str),
        }
    }
}

/// The results of a query over the frameworks, best first (ties in document order).
pub fn search<'a>(
    frameworks: &'a [Framework],
    query: &Query,
    options: &SearchOptions,
) -> Result<Vec<SearchHit<'a>>, QueryError> {
    let selector = Selector::new(frameworks, &options.filter)?;
    let mut scan = Scan::new(query);
    let mut found: Vec<Found<'a>> = Vec::new();
    // In document order: a category, then its entries.
    let mut order = 0;
    for framework in frameworks {
        for category in &framework.categories {
            let doc = Doc::Category(framework, category);
            let candidate = !selector.wants_tags()
                && !options.filter.top_level
                && options.filter.grep.is_empty()
                && selector.selects_category(&category.id);
            scan.document(doc, order, candidate, options.any, &mut found);
            order += 1;
            for (entry, parent) in category.walk() {
                let p = Placed { framework, category, entry, parent };
                scan.document(Doc::Entry(p), order, selector.selects(&p), options.any, &mut found);
                order += 1;
            }
        }
    }
    let mut scored: Vec<(f64, Field, Found<'a>)> = found
        .into_iter()
        .map(|f| {
            let (score, field) = scan.score(&f);
            (score, field, f)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.order.cmp(&b.2.order)));
    scored.truncate(options.limit.unwrap_or(usize::MAX));
    Ok(scored
        .into_iter()
        .map(|(score, field, found)| {
            let mut hit = found.hit(field, options.filter.as_written);
            hit.score = (score * 1000.0).round() / 1000.0;
            hit
        })
        .collect())
}

/// A parsed query: terms, each one word or a phrase of words in a row.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// The distinct words, folded and stemmed.
    words: Vec<Word>,
    /// Each term as indices into `words`.
    terms: Vec<Vec<usize>>,
}

#[derive(Debug, Clone, PartialEq)]
struct Word {
    folded: String,
    stem: String,
}

impl Query {
    /// The terms of the command line's words. A word is a term; a phrase is a term of several
    /// words in a row: text in double quotes (`'"peer support"'`), an argument with spaces in it
    /// (the shell's quotes: `"peer support"`), or words joined by hyphens or other punctuation
    /// (`self-care`).
    pub fn parse(args: &[String]) -> Result<Query, QueryError> {
        let stemmer = stemmer();
        let mut query = Query { words: Vec::new(), terms: Vec::new() };
        let mut add = |text: &str, phrase: bool| {
            let chunks: Vec<&str> =
                if phrase { vec![text] } else { text.split_whitespace().collect() };
            for chunk in chunks {
                let mut term = Vec::new();
                let mut folded = String::new();
                for_each_word(chunk, |start, end| {
                    fold_word(&chunk[start..end], &mut folded);
                    let stem = stemmer.stem(&folded).into_owned();
                    let word = Word { folded: folded.clone(), stem };
                    let at = query.words.iter().position(|w| *w == word).unwrap_or_else(|| {
                        query.words.push(word);
                        query.words.len() - 1
                    });
                    term.push(at);
                });
                if !term.is_empty() && !query.terms.contains(&term) {
                    query.terms.push(term);
                }
            }
        };
        for arg in args {
            if arg.contains('"') {
                for (i, part) in arg.split('"').enumerate() {
                    add(part, i % 2 == 1);
                }
            } else {
                add(arg, arg.trim().contains(char::is_whitespace));
            }
        }
        if query.terms.is_empty() {
            return Err(QueryError::EmptySearch { given: args.join(" ") });
        }
        // Each word of the text is compared with each word of the query: a bound on the
        // query keeps a search linear in the text.
        if query.words.len() > MAX_WORDS {
            return Err(QueryError::TooManyWords { given: query.words.len(), limit: MAX_WORDS });
        }
        Ok(query)
    }
}

/// An entry or a category, as a search reads it.
#[derive(Clone, Copy)]
enum Doc<'a> {
    Entry(Placed<'a>),
    Category(&'a Framework, &'a Category),
}

impl<'a> Doc<'a> {
    /// Its fields' texts: (field, note index, text).
    fn fields(&self) -> impl Iterator<Item = (Field, Option<usize>, &'a str)> {
        let (title, body, notes) = match *self {
            Doc::Entry(p) => (
                p.entry.more().title.as_deref(),
                Some((Field::Text, p.entry.text.as_str())),
                &p.entry.more().notes,
            ),
            Doc::Category(_, c) => (
                Some(c.title.as_str()),
                c.description.as_deref().map(|d| (Field::Description, d)),
                &c.notes,
            ),
        };
        let title = title.map(|t| (Field::Title, None, t));
        let body = body.map(|(field, text)| (field, None, text));
        let notes = notes.iter().enumerate().map(|(i, n)| (Field::Notes, Some(i), n.as_str()));
        title.into_iter().chain(body).chain(notes)
    }
}

/// A word of a document that matched a word of the query.
#[derive(Clone, Copy)]
struct WordMatch {
    word: usize,
    position: u32,
    start: usize,
    end: usize,
    quality: f64,
}

/// A term's match in a document.
#[derive(Clone, Copy)]
struct TermMatch {
    term: usize,
    span: MatchSpan,
    quality: f64,
}

/// A document with at least one term matched, kept for scoring.
struct Found<'a> {
    doc: Doc<'a>,
    order: usize,
    matches: Vec<TermMatch>,
    lengths: [u32; 4],
}

impl<'a> Found<'a> {
    fn hit(&self, field: Field, as_written: bool) -> SearchHit<'a> {
        let mut matches: Vec<MatchSpan> = self.matches.iter().map(|m| m.span).collect();
        matches.sort_by_key(|s| (s.field, s.index, s.start, s.end));
        matches.dedup();
        let (kind, framework, category, notes) = match self.doc {
            Doc::Entry(p) => (HitKind::Entry, p.framework, p.category, &p.entry.more().notes),
            Doc::Category(f, c) => (HitKind::Category, f, c, &c.notes),
        };
        let mut hit = SearchHit {
            score: 0.0,
            kind,
            framework: &framework.id,
            id: &category.id,
            parent: None,
            category: CategoryRef { id: &category.id, title: &category.title },
            title: Some(&category.title),
            text: None,
            description: category.description.as_deref(),
            notes,
            tags: Vec::new(),
            field,
            matches,
        };
        if let Doc::Entry(p) = self.doc {
            hit.id = &p.entry.id;
            hit.parent = p.parent.map(|e| e.id.as_str());
            hit.title = p.entry.more().title.as_deref();
            hit.text = Some(&p.entry.text);
            hit.description = None;
            hit.tags = p.tag_rows(as_written);
        }
        hit
    }
}

/// One pass over the documents: the matches, and the statistics that BM25F weighs them by.
struct Scan<'q> {
    query: &'q Query,
    memo: Memo<'q>,
    buffer: String,
    /// Documents read, and how many had each field, and its words in all.
    documents: usize,
    with_field: [usize; 4],
    field_words: [u64; 4],
    /// Documents in which each term matched.
    frequency: Vec<usize>,
    /// Scratch: one field's word matches, one document's term matches, and which terms
    /// matched in it.
    words: Vec<WordMatch>,
    terms: Vec<TermMatch>,
    matched: Vec<bool>,
}

impl<'q> Scan<'q> {
    fn new(query: &'q Query) -> Self {
        Scan {
            query,
            memo: Memo {
                query,
                stemmer: stemmer(),
                memo: HashMap::new(),
                matches: vec![Box::new([])],
            },
            buffer: String::new(),
            documents: 0,
            with_field: [0; 4],
            field_words: [0; 4],
            frequency: vec![0; query.terms.len()],
            words: Vec::new(),
            terms: Vec::new(),
            matched: vec![false; query.terms.len()],
        }
    }

    /// Reads a document: counts it, and where it is a candidate that matches as asked, keeps
    /// its matches.
    fn document<'a>(
        &mut self,
        doc: Doc<'a>,
        order: usize,
        candidate: bool,
        any: bool,
        found: &mut Vec<Found<'a>>,
    ) {
        self.documents += 1;
        self.terms.clear();
        let mut lengths = [0u32; 4];
        for (field, index, text) in doc.fields() {
            let length = self.field(text, field, index);
            lengths[field as usize] = lengths[field as usize].saturating_add(length);
        }
        for field in Field::ALL {
            let length = lengths[field as usize];
            self.with_field[field as usize] += usize::from(length > 0);
            self.field_words[field as usize] += u64::from(length);
        }
        if self.terms.is_empty() {
            return;
        }
        let matched = &mut self.matched;
        matched.iter_mut().for_each(|m| *m = false);
        for m in &self.terms {
            matched[m.term] = true;
        }
        for (term, &yes) in matched.iter().enumerate() {
            self.frequency[term] += usize::from(yes);
        }
        let wanted = if any { matched.contains(&true) } else { !matched.contains(&false) };
        if candidate && wanted {
            found.push(Found { doc, order, matches: self.terms.clone(), lengths });
        }
    }

    /// Reads a field's words, adds its terms' matches to the document's; returns its length in
    /// words.
    fn field(&mut self, text: &str, field: Field, index: Option<usize>) -> u32 {
        self.words.clear();
        let mut buffer = std::mem::take(&mut self.buffer);
        let mut position = 0u32;
        for_each_word(text, |start, end| {
            let word = &text[start..end];
            if self.memo.may_match(word) {
                fold_word(word, &mut buffer);
                for &(word, quality) in self.memo.lookup(&buffer) {
                    self.words.push(WordMatch { word, position, start, end, quality });
                }
            }
            position = position.saturating_add(1);
        });
        self.buffer = buffer;
        if self.words.is_empty() {
            return position;
        }
        // Word matches are in order of position: a phrase is its first word's match followed
        // by a match of each next word at each next position (found by binary search).
        for (term, words) in self.query.terms.iter().enumerate() {
            for first in self.words.iter().filter(|m| m.word == words[0]) {
                let mut last = *first;
                let mut quality = first.quality;
                let whole = words[1..].iter().enumerate().all(|(k, &word)| {
                    let at = first.position.saturating_add(k as u32 + 1);
                    let from = self.words.partition_point(|m| m.position < at);
                    let next = self.words[from..]
                        .iter()
                        .take_while(|m| m.position == at)
                        .find(|m| m.word == word);
                    next.map(|m| {
                        last = *m;
                        quality = quality.min(m.quality);
                    })
                    .is_some()
                });
                if whole {
                    let span = MatchSpan { field, index, start: first.start, end: last.end };
                    self.terms.push(TermMatch { term, span, quality });
                }
            }
        }
        position
    }

    /// A document's BM25F score, and the field that gave the most to it.
    fn score(&self, found: &Found) -> (f64, Field) {
        let n = self.documents as f64;
        let scale = match found.doc {
            Doc::Entry(_) => 1.0,
            Doc::Category(..) => CATEGORY,
        };
        let mut score = 0.0;
        let mut by_field = [0.0f64; 4];
        for (term, &df) in self.frequency.iter().enumerate() {
            let idf = (1.0 + (n - df as f64 + 0.5) / (df as f64 + 0.5)).ln();
            let mut tf = 0.0;
            for field in Field::ALL {
                let f = field as usize;
                let occurrences: f64 = found
                    .matches
                    .iter()
                    .filter(|m| m.term == term && m.span.field == field)
                    .map(|m| m.quality)
                    .sum();
                if occurrences == 0.0 {
                    continue;
                }
                let average = self.field_words[f] as f64 / self.with_field[f].max(1) as f64;
                let norm = 1.0 - B + B * f64::from(found.lengths[f]) / average.max(1.0);
                let part = scale * field.weight() * occurrences / norm;
                by_field[f] += part * idf;
                tf += part;
            }
            score += idf * tf * (K1 + 1.0) / (K1 + tf);
        }
        let best = Field::ALL
            .into_iter()
            .max_by(|a, b| {
                // Ties go to the field listed first.
                by_field[*a as usize].total_cmp(&by_field[*b as usize]).then(b.cmp(a))
            })
            .unwrap_or(Field::Text);
        (score, best)
    }
}

/// The words of the text met so far, each with what it matches.
struct Memo<'q> {
    query: &'q Query,
    stemmer: Stemmer,
    /// Each distinct folded word of the text met so far, and where in `matches` is what it
    /// matches.
    memo: HashMap<String, usize>,
    /// What words match: (query word, quality); the first, nothing, for most words.
    matches: Vec<Box<[(usize, f64)]>>,
}

impl Memo<'_> {
    /// Whether a word of the text (as written) can match at all: every kind of match keeps
    /// the first letter, so that most words are passed over without folding or hashing.
    fn may_match(&self, word: &str) -> bool {
        let Some(first) = word.chars().next() else { return false };
        let first = if first.is_ascii() {
            first.to_ascii_lowercase()
        } else {
            first.to_lowercase().next().unwrap_or(first)
        };
        self.query.words.iter().any(|w| w.folded.starts_with(first))
    }

    /// The query words that a folded word of the text matches, and how well.
    fn lookup(&mut self, folded: &str) -> &[(usize, f64)] {
        let at = match self.memo.get(folded) {
            Some(&at) => at,
            None => {
                let stem = self.stemmer.stem(folded);
                let words = self.query.words.iter().enumerate();
                let matches: Box<[(usize, f64)]> = words
                    .filter_map(|(i, word)| word_quality(word, folded, &stem).map(|q| (i, q)))
                    .collect();
                let at = if matches.is_empty() {
                    0
                } else {
                    self.matches.push(matches);
                    self.matches.len() - 1
                };
                self.memo.insert(folded.to_owned(), at);
                at
            }
        };
        &self.matches[at]
    }
}

/// What a search read a misspelling as: each word of the query that matched no word of the
/// results as itself (its stem), only others as a typo or a related form, with those words (at
/// most three), for a person to check.
pub fn typos_matched(query: &Query, hits: &[SearchHit]) -> Vec<(String, Vec<String>)> {
    let stemmer = stemmer();
    let mut read: Vec<(String, Vec<String>)> = Vec::new();
    let mut itself = vec![false; query.words.len()];
    let mut folded = String::new();
    for hit in hits {
        for span in &hit.matches {
            let Some(text) = hit.field_text(span.field, span.index) else { continue };
            let Some(matched) = text.get(span.start..span.end) else { continue };
            for_each_word(matched, |start, end| {
                fold_word(&matched[start..end], &mut folded);
                let stem = stemmer.stem(&folded);
                let qualities: Vec<Option<f64>> =
                    query.words.iter().map(|w| word_quality(w, &folded, &stem)).collect();
                for (n, quality) in qualities.iter().enumerate() {
                    itself[n] |= *quality == Some(1.0);
                }
                if qualities.contains(&Some(1.0)) {
                    return;
                }
                for (word, quality) in query.words.iter().zip(qualities) {
                    if quality.is_none() {
                        continue;
                    }
                    let at = match read.iter().position(|(w, _)| *w == word.folded) {
                        Some(at) => at,
                        None => {
                            read.push((word.folded.clone(), Vec::new()));
                            read.len() - 1
                        }
                    };
                    let words = &mut read[at].1;
                    if words.len() < 3 && !words.contains(&folded) {
                        words.push(folded.clone());
                    }
                }
            });
        }
    }
    read.retain(|(word, _)| {
        let n = query.words.iter().position(|w| w.folded == *word);
        n.is_some_and(|n| !itself[n])
    });
    read
}

/// Where a search found nothing, ways on: the tags whose labels hold a word of the query (or a
/// form of it), which name what a code covers though no entry's text says it; and for each
/// word of the query, the closest words of the loaded texts (at most three, within a third of
/// its letters), for a misspelling too far for a typo.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WaysOn {
    /// Each tag (`icrc:2`) with its label.
    pub tags: Vec<(String, String)>,
    /// Each word of the query with the closest words of the texts.
    pub words: Vec<(String, Vec<String>)>,
}

/// Ways on from a search that found nothing (see [`WaysOn`]); its cost is one pass over the
/// texts, with a memo per distinct word.
pub fn ways_on(frameworks: &[Framework], query: &Query) -> WaysOn {
    let stemmer = stemmer();
    let mut folded = String::new();
    let mut ways = WaysOn::default();
    let mut named = |text: &str| {
        let mut hit = false;
        for_each_word(text, |start, end| {
            fold_word(&text[start..end], &mut folded);
            let stem = stemmer.stem(&folded);
            hit |= query.words.iter().any(|w| word_quality(w, &folded, &stem).is_some());
        });
        hit
    };
    for framework in frameworks {
        for scheme in &framework.schemes {
            for tag in scheme.tags() {
                let label = framework.tag_label(&tag).unwrap_or_default();
                let tag = tag.to_string();
                if named(label) && !ways.tags.iter().any(|(t, _)| *t == tag) {
                    ways.tags.push((tag, label.to_owned()));
                }
            }
        }
    }
    // The vocabulary, each distinct word once.
    let mut vocabulary: foldhash::HashSet<String> = foldhash::HashSet::default();
    let mut add = |text: &str| {
        for_each_word(text, |start, end| {
            fold_word(&text[start..end], &mut folded);
            if !vocabulary.contains(folded.as_str()) {
                vocabulary.insert(folded.clone());
            }
        });
    };
    for framework in frameworks {
        for category in &framework.categories {
            add(&category.title);
            for (entry, _) in category.walk() {
                add(&entry.text);
            }
        }
    }
    for word in &query.words {
        // A word the texts hold, as itself or a form of it, needs no other.
        let held = vocabulary.iter().any(|v| {
            let stem = stemmer.stem(v);
            word_quality(word, v, &stem).is_some()
        });
        if held {
            continue;
        }
        let letters = word.folded.chars().count();
        let reach = (letters / 3).max(1);
        let mut close: Vec<(usize, &String)> = vocabulary
            .iter()
            .filter(|v| v.chars().count().abs_diff(letters) <= reach)
            .map(|v| (strsim::damerau_levenshtein(v, &word.folded), v))
            .filter(|&(distance, _)| distance > 0 && distance <= reach)
            .collect();
        close.sort();
        if !close.is_empty() {
            let words = close.into_iter().take(3).map(|(_, v)| v.clone()).collect();
            ways.words.push((word.folded.clone(), words));
        }
    }
    ways
}

/// How well a word of the text (folded, and its stem) matches a word of the query: 1 for the
/// same stem, [`RELATED`] for a stem that extends the other by one to three letters (both of
/// five or more), [`TYPO`] for a word within one edit (two from eight letters) that begins
/// with the same letter; `None` otherwise.
fn word_quality(word: &Word, folded: &str, stem: &str) -> Option<f64> {
    if stem == word.stem {
        return Some(1.0);
    }
    let (short, long) =
        if stem.len() < word.stem.len() { (stem, &*word.stem) } else { (&*word.stem, stem) };
    if short.chars().count() >= 5 && long.starts_with(short) && long.len() - short.len() <= 3 {
        return Some(RELATED);
    }
    let length = word.folded.chars().count();
    let edits = match length {
        0..=4 => return None,
        5..=7 => 1,
        _ => 2,
    };
    let near = folded.chars().next() == word.folded.chars().next()
        && folded.chars().count().abs_diff(length) <= edits
        && strsim::damerau_levenshtein(folded, &word.folded) <= edits;
    near.then_some(TYPO)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(usize, usize, String)> {
        let mut out = Vec::new();
        let mut folded = String::new();
        for_each_word(text, |s, e| {
            fold_word(&text[s..e], &mut folded);
            out.push((s, e, folded.clone()));
        });
        out
    }

    #[test]
    fn words_are_folded_with_their_byte_ranges() {
        let found = words("Peers’ self-care, “I’m” ÉTÉ");
        let texts: Vec<&str> = found.iter().map(|w| w.2.as_str()).collect();
        assert_eq!(texts, ["peers", "self", "care", "i'm", "été"]);
        let (s, e, _) = &found[3];
        assert_eq!(&"Peers’ self-care, “I’m” ÉTÉ"[*s..*e], "I’m");
    }

    #[test]
    fn phrases_come_from_quotes_spaces_and_hyphens() {
        let q = |args: &[&str]| {
            let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
            Query::parse(&args).map(|q| q.terms.iter().map(Vec::len).collect::<Vec<_>>())
        };
        assert_eq!(q(&["self", "care"]), Ok(vec![1, 1]));
        assert_eq!(q(&["self-care"]), Ok(vec![2]));
        assert_eq!(q(&["self care"]), Ok(vec![2]));
        assert_eq!(q(&["\"peer support\" crisis"]), Ok(vec![2, 1]));
        assert!(matches!(q(&["--", "…"]), Err(QueryError::EmptySearch { .. })));
    }

    #[test]
    fn related_forms_and_typos_count_for_less() {
        let stemmer = stemmer();
        let word = |w: &str| Word { folded: w.to_owned(), stem: stemmer.stem(w).into_owned() };
        let quality =
            |query: &str, text: &str| word_quality(&word(query), text, &stemmer.stem(text));
        assert_eq!(quality("advocate", "advocates"), Some(1.0));
        assert_eq!(quality("advocate", "advocacy"), Some(RELATED));
        assert_eq!(quality("stigmma", "stigma"), Some(TYPO));
        // Its stem, "confidentiall", extends the word's ("confidenti"): related, not a typo.
        assert_eq!(quality("confidentiallity", "confidentiality"), Some(RELATED));
        assert_eq!(quality("housnig", "housing"), Some(TYPO));
        assert_eq!(quality("stigmma", "enigma"), None);
        assert_eq!(quality("ratio", "exploration"), None);
        assert_eq!(quality("care", "core"), None);
    }
}
