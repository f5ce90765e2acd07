//! `show`: an entry with everything about it (provenance, inferred tags and why, links to
//! aligned entries), and ids that do not exist named with those near them.

use serde::Serialize;

use super::list::categories_are;
use super::{EntryRow, Placed, QueryError, describe_ids, placed};
use crate::model::Framework;

/// An entry with its sub-items, as `show` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShownEntry<'a> {
    /// The entry.
    #[serde(flatten)]
    pub entry: EntryRow<'a>,
    /// Its sub-items, in order.
    pub subitems: Vec<EntryRow<'a>>,
    /// Where it comes from: the source document, and its line there; null where unknown.
    pub source: Option<Provenance<'a>>,
    /// Why each inferred tag is there, as the data's notes say; `[]` where none is.
    pub inferred: Vec<InferredTag<'a>>,
    /// Its CASE associations with the entries of other frameworks loaded, either way; `[]`.
    pub linked: Vec<CrossLink<'a>>,
}

/// A CASE association between entries of two frameworks: read from one package, naming an item
/// of another by its identifier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrossLink<'a> {
    /// What the association says (`exactMatchOf`, `isRelatedTo`...).
    pub kind: &'a str,
    /// `from` where the entry shown says it of the other, `to` where the other says it of the
    /// entry shown.
    pub direction: &'static str,
    /// The other entry's framework.
    pub framework: &'a str,
    /// The other entry's id.
    pub id: &'a str,
    /// The other entry's statement.
    pub text: &'a str,
}

/// The associations between an entry and the entries of the other frameworks loaded, found by
/// the CASE identifiers they keep: one pass over the frameworks' links.
fn cross_links<'a>(frameworks: &'a [Framework], p: &Placed<'a>) -> Vec<CrossLink<'a>> {
    let mut links = Vec::new();
    let others = || frameworks.iter().filter(|f| f.id != p.framework.id);
    for relation in &p.entry.more().relations {
        let Some(far) = relation.identifier.as_deref() else { continue };
        for framework in others() {
            if let Some((entry, _)) =
                framework.entries().find(|(e, _)| e.more().identifier.as_deref() == Some(far))
            {
                links.push(CrossLink {
                    kind: &relation.kind,
                    direction: "from",
                    framework: &framework.id,
                    id: &entry.id,
                    text: &entry.text,
                });
            }
        }
    }
    let Some(me) = p.entry.more().identifier.as_deref() else { return links };
    for framework in others() {
        for (entry, _) in framework.entries() {
            for relation in
                entry.more().relations.iter().filter(|r| r.identifier.as_deref() == Some(me))
            {
                links.push(CrossLink {
                    kind: &relation.kind,
                    direction: "to",
                    framework: &framework.id,
                    id: &entry.id,
                    text: &entry.text,
                });
            }
        }
    }
    links
}

/// The source of an entry: its document, and the line of it the entry's text comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provenance<'a> {
    /// The document's title.
    pub title: &'a str,
    /// Its publisher and date, where known; else null.
    pub details: Option<String>,
    /// The file of the document (in `framework/sources/` for the embedded frameworks); else null.
    pub document: Option<&'a str>,
    /// The line of the document; else null.
    pub line: Option<u32>,
    /// With `show --source`: the lines of the document the entry comes from, as printed there
    /// (the embedded frameworks' documents are in the binary); else `[]`.
    pub quote: Vec<QuotedLine<'a>>,
}

/// A line of a source document, with its number.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuotedLine<'a> {
    /// Its number, from 1.
    pub line: u32,
    /// The line as printed.
    pub text: &'a str,
}

/// An inferred tag, and the note that says why it is there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InferredTag<'a> {
    /// The tag (`samhsa`, `rfc:6`).
    pub tag: String,
    /// The note: the entry's own, else its category's, else the scheme's.
    pub reason: Option<&'a str>,
}

/// Why an inferred tag is there: the first note that says a tag of its scheme is inferred, the
/// entry's own before its category's, then its scheme's description and notes.
fn inferred_reason<'a>(p: &Placed<'a>, tag: &crate::model::TagRef) -> Option<&'a str> {
    let scheme = p.framework.scheme(&tag.scheme);
    let notes = p.entry.more().notes.iter().chain(&p.category.notes).map(String::as_str);
    let from_scheme = scheme.into_iter().flat_map(|s| {
        s.description.as_deref().into_iter().chain(s.notes.iter().map(String::as_str))
    });
    let says = |note: &&str| {
        let note = note.to_lowercase();
        note.contains("inferred") && note.contains(tag.scheme.to_lowercase().as_str())
    };
    notes.chain(from_scheme).find(says)
}

impl<'a> ShownEntry<'a> {
    fn of(frameworks: &'a [Framework], p: Placed<'a>, as_written: bool) -> Self {
        let subitems = p
            .entry
            .subitems
            .iter()
            .map(|entry| Placed { entry, parent: Some(p.entry), ..p }.row(as_written))
            .collect();
        let source = p.framework.source.as_ref().map(|s| Provenance {
            title: &s.title,
            details: s.details(),
            document: s.document.as_deref(),
            line: p.entry.line,
            quote: Vec::new(),
        });
        let inferred = p
            .entry
            .tags_to_use(as_written)
            .filter(|t| t.inferred)
            .map(|t| InferredTag { tag: t.tag.to_string(), reason: inferred_reason(&p, &t.tag) })
            .collect();
        let linked = cross_links(frameworks, &p);
        ShownEntry { entry: p.row(as_written), subitems, source, inferred, linked }
    }
}

/// The entries with these ids, in the order asked. An id may be qualified by its framework
/// (`peer-worker/6.8`).
pub fn show<'a>(
    frameworks: &'a [Framework],
    ids: &[String],
    as_written: bool,
) -> Result<Vec<ShownEntry<'a>>, QueryError> {
    ids.iter().map(|id| show_one(frameworks, id, as_written)).collect()
}

/// The entries with these ids that exist, in the order asked, and why each of the others does
/// not: `peercomp show 6.8 6.99 1.1` shows two entries and says what is wrong with the third.
pub fn show_found<'a>(
    frameworks: &'a [Framework],
    ids: &[String],
    as_written: bool,
) -> (Vec<ShownEntry<'a>>, Vec<QueryError>) {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for id in ids {
        match show_one(frameworks, id, as_written) {
            Ok(shown) => found.push(shown),
            Err(e) => missing.push(e),
        }
    }
    (found, missing)
}

/// The most lines quoted for one entry.
const MOST_QUOTED: u32 = 8;

/// Fills each shown entry's `source.quote` with the lines of its source document it comes from:
/// from its line up to the next line any category or entry of its framework begins at (at most
/// [`MOST_QUOTED`]), where the document is one the binary holds.
pub fn quote_sources<'a>(frameworks: &'a [Framework], shown: &mut [ShownEntry<'a>]) {
    for entry in shown {
        let Some(framework) = frameworks.iter().find(|f| f.id == entry.entry.framework) else {
            continue;
        };
        let Some(source) = &mut entry.source else { continue };
        let (Some(first), Some(document)) = (source.line, source.document) else { continue };
        let Some(text) = crate::load::source_document(document) else { continue };
        let next = framework
            .categories
            .iter()
            .flat_map(|c| c.line.into_iter().chain(c.walk().filter_map(|(e, _)| e.line)))
            .filter(|&n| n > first)
            .min()
            .unwrap_or(u32::MAX)
            .min(first.saturating_add(MOST_QUOTED));
        let mut quote: Vec<QuotedLine<'static>> = text
            .lines()
            .enumerate()
            .map(|(n, text)| (n as u32 + 1, text))
            .skip_while(|&(n, _)| n < first)
            .take_while(|&(n, _)| n < next)
            .map(|(line, text)| QuotedLine { line, text: text.trim_end() })
            .collect();
        while quote.last().is_some_and(|q| q.text.trim().is_empty()) {
            quote.pop();
        }
        source.quote = quote;
    }
}

fn show_one<'a>(
    frameworks: &'a [Framework],
    id: &str,
    as_written: bool,
) -> Result<ShownEntry<'a>, QueryError> {
    Ok(ShownEntry::of(frameworks, find(frameworks, id)?, as_written))
}

fn find<'a>(frameworks: &'a [Framework], given: &str) -> Result<Placed<'a>, QueryError> {
    let unknown = |hint: String| QueryError::UnknownId { given: given.to_owned(), hint };
    let (scope, id): (Vec<&Framework>, &str) = match given.split_once('/') {
        Some((fw, id)) => match frameworks.iter().find(|f| f.id == fw) {
            Some(f) => (vec![f], id),
            None => {
                let known: Vec<&str> = frameworks.iter().map(|f| f.id.as_str()).collect();
                return Err(unknown(format!(
                    "no framework '{fw}' (frameworks are {})",
                    known.join(", ")
                )));
            }
        },
        None => (frameworks.iter().collect(), given),
    };
    let found: Vec<Placed> = scope
        .iter()
        .flat_map(|f| placed(std::slice::from_ref(*f)))
        .filter(|p| p.entry.id == id)
        .collect();
    match found.as_slice() {
        [one] => Ok(*one),
        [] => Err(unknown(missing_id_hint(&scope, id))),
        several => {
            let qualified: Vec<String> =
                several.iter().map(|p| format!("{}/{id}", p.framework.id)).collect();
            Err(unknown(format!(
                "it is in several frameworks: say which, as {}",
                qualified.join(" or ")
            )))
        }
    }
}

/// Which ids do exist near a missing one: "category 6 has items 1-11".
fn missing_id_hint(scope: &[&Framework], id: &str) -> String {
    nearby_ids(scope, id).unwrap_or_else(|| categories_are(scope))
}

pub(super) fn nearby_ids(scope: &[&Framework], id: &str) -> Option<String> {
    if scope.iter().any(|f| f.categories.iter().any(|c| c.id == id)) {
        return Some(format!("'{id}' is a category: list it with `peercomp list --category {id}`"));
    }
    let (prefix, _) = id.rsplit_once('.')?;
    for framework in scope {
        if let Some(category) = framework.categories.iter().find(|c| c.id == prefix) {
            let children = category.entries.iter().map(|e| e.id.as_str());
            return Some(format!("category {prefix} has items {}", relative_ids(prefix, children)));
        }
        let parent = framework.entries().find(|(e, _)| e.id == prefix);
        if let Some((entry, _)) = parent {
            return Some(match entry.subitems.as_slice() {
                [] => format!("item {prefix} has no sub-items"),
                subs => format!(
                    "item {prefix} has sub-items {}",
                    relative_ids(prefix, subs.iter().map(|e| e.id.as_str()))
                ),
            });
        }
    }
    nearby_ids(scope, prefix)
}

/// Child ids without their parent's prefix where they all have it: "6.1".."6.11" -> "1-11".
fn relative_ids<'a>(prefix: &str, ids: impl Iterator<Item = &'a str>) -> String {
    let ids: Vec<&str> = ids.collect();
    let lead = format!("{prefix}.");
    if ids.iter().all(|id| id.starts_with(&lead)) {
        describe_ids(ids.iter().map(|id| &id[lead.len()..]))
    } else {
        describe_ids(ids)
    }
}
