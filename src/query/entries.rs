//! `list` and `show`: entries selected by tag, category and text, or by id.

use foldhash::{HashSet, HashSetExt};

use serde::Serialize;

use super::{EntryRow, Placed, QueryError, describe_ids, placed, resolve_tags};
use crate::model::{Framework, TagRef};
use crate::text::did_you_mean;
use crate::text::fold;

/// What `list` selects. Every condition given must hold; within `tags` and `categories`,
/// any one of the values will do.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// `icrc:4` selects that code, `icrc` any code of the scheme. Matched on an entry's own tags.
    pub tags: Vec<TagRef>,
    /// Category ids: an entry of any of them.
    pub categories: Vec<String>,
    /// Case-insensitive texts to find in an entry's text or title: all of them.
    pub grep: Vec<String>,
    /// Items only, no sub-items.
    pub top_level: bool,
    /// Add the sub-items of every selected entry.
    pub expand: bool,
    /// Use only the tags printed in the source.
    pub as_written: bool,
}

/// The entries a filter selects, in document order.
pub fn list<'a>(
    frameworks: &'a [Framework],
    filter: &ListFilter,
) -> Result<Vec<EntryRow<'a>>, QueryError> {
    let selector = Selector::new(frameworks, filter)?;
    // Sub-items follow their item in document order, so an item is decided before its sub-items.
    let mut shown: HashSet<(&str, &str)> = HashSet::new();
    let mut rows = Vec::new();
    for p in placed(frameworks) {
        let under_shown = filter.expand
            && p.parent.is_some_and(|parent| shown.contains(&(&p.framework.id, &parent.id)));
        if under_shown || selector.selects(&p) {
            if filter.expand {
                shown.insert((&p.framework.id, &p.entry.id));
            }
            rows.push(p.row(filter.as_written));
        }
    }
    Ok(rows)
}

/// A [`ListFilter`] with its tags and categories resolved: which entries it lets through.
pub(crate) struct Selector<'f> {
    filter: &'f ListFilter,
    tags: Vec<TagRef>,
    categories: Vec<String>,
    needles: Vec<String>,
}

impl<'f> Selector<'f> {
    /// The filter, its tags and categories found in the frameworks (or an error naming those
    /// that exist).
    pub(crate) fn new(
        frameworks: &[Framework],
        filter: &'f ListFilter,
    ) -> Result<Self, QueryError> {
        Ok(Selector {
            filter,
            tags: resolve_tags(frameworks, &filter.tags)?,
            categories: resolve_categories(frameworks, &filter.categories)?,
            needles: filter.grep.iter().map(|g| fold(g)).collect(),
        })
    }

    /// Whether the entry passes every condition of the filter.
    pub(crate) fn selects(&self, p: &Placed) -> bool {
        let filter = self.filter;
        (!filter.top_level || p.parent.is_none())
            && self.selects_category(&p.category.id)
            && (self.tags.is_empty()
                || p.entry
                    .tags_to_use(filter.as_written)
                    .any(|t| self.tags.iter().any(|w| t.tag.is_selected_by(w))))
            && (self.needles.is_empty() || {
                let text = fold(&p.entry.text);
                let title = p.entry.more().title.as_deref().map(fold).unwrap_or_default();
                self.needles.iter().all(|n| text.contains(n) || title.contains(n))
            })
    }

    /// Whether the filter lets entries of this category through: no category asked for, or
    /// this one.
    pub(crate) fn selects_category(&self, id: &str) -> bool {
        self.categories.is_empty() || self.categories.iter().any(|c| c == id)
    }

    /// Whether the filter asks for tags (which categories themselves never carry).
    pub(crate) fn wants_tags(&self) -> bool {
        !self.tags.is_empty()
    }
}

/// For tags that a framework defines but none of its entries carries (IC&RC Domain 2 in
/// peer-worker): "IC&RC Domain 2: Ethical Responsibility is a real code of icrc; no entry of
/// peer-worker carries it", so that an empty answer is not taken for a typo.
pub fn unused_tags(frameworks: &[Framework], wanted: &[TagRef]) -> Vec<String> {
    let Ok(wanted) = resolve_tags(frameworks, wanted) else { return vec![] };
    let mut said = Vec::new();
    for tag in &wanted {
        for f in frameworks {
            let Some(label) = f.tag_label(tag) else { continue };
            if !f.entries().any(|(e, _)| e.tags.iter().any(|t| t.tag.is_selected_by(tag))) {
                said.push(format!(
                    "{label} is a real code of {}; no entry of {} carries it",
                    tag.scheme, f.id
                ));
            }
        }
    }
    said
}

/// The wanted categories as the frameworks spell them (`Factors` is `factors`).
fn resolve_categories(
    frameworks: &[Framework],
    wanted: &[String],
) -> Result<Vec<String>, QueryError> {
    let all = || frameworks.iter().flat_map(|f| &f.categories);
    let mut resolved = Vec::with_capacity(wanted.len());
    for id in wanted {
        let found =
            all().find(|c| &c.id == id).or_else(|| all().find(|c| c.id.eq_ignore_ascii_case(id)));
        match found {
            Some(category) => resolved.push(category.id.clone()),
            None => {
                let scope: Vec<&Framework> = frameworks.iter().collect();
                let known: Vec<&str> = all().map(|c| c.id.as_str()).collect();
                return Err(QueryError::UnknownCategory {
                    given: id.clone(),
                    known: categories_are(&scope),
                    suggestion: did_you_mean(id, &known),
                });
            }
        }
    }
    Ok(resolved)
}

/// "categories are 1-12", naming the framework where there are several.
fn categories_are(scope: &[&Framework]) -> String {
    let one = |f: &Framework| describe_ids(f.categories.iter().map(|c| c.id.as_str()));
    match scope {
        [f] => format!("categories are {}", one(f)),
        _ => scope
            .iter()
            .map(|f| format!("{} categories are {}", f.id, one(f)))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// An entry with its sub-items, as `show` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShownEntry<'a> {
    /// The entry.
    #[serde(flatten)]
    pub entry: EntryRow<'a>,
    /// Its sub-items, in order.
    pub subitems: Vec<EntryRow<'a>>,
    /// Where it comes from: the source document, and its line there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Provenance<'a>>,
    /// Why each inferred tag is there, as the data's notes say.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inferred: Vec<InferredTag<'a>>,
    /// Its CASE associations with the entries of other frameworks loaded, either way.
    #[serde(skip_serializing_if = "Vec::is_empty")]
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
    /// Its publisher and date, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    /// The file of the document (in `framework/sources/` for the embedded frameworks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<&'a str>,
    /// The line of the document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
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

/// `list --checklist`: Markdown task lists (`- [ ]`) under a title that says what was asked,
/// a heading per framework where there are several, and a numbered heading per category (or,
/// grouped `--by` a scheme, per code); each line with its tags. Its JSON and CSV are the
/// entries'.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct Checklist<'a> {
    /// The entries, in document order.
    pub rows: Vec<EntryRow<'a>>,
    /// What the checklist is of: "IC&RC Domain 4: Recovery/Wellness Support, peer-worker".
    #[serde(skip)]
    pub title: String,
    /// Per framework: its id, title, and its categories' ids in order (to number them).
    #[serde(skip)]
    pub(crate) frameworks: Vec<(&'a str, &'a str, Vec<&'a str>)>,
    /// Grouping by the codes of a scheme instead of by category: (tag, label) per code.
    #[serde(skip)]
    pub(crate) by: Option<(String, Vec<(String, &'a str)>)>,
}

impl<'a> Checklist<'a> {
    /// The checklist of the rows that `filter` selected from `frameworks`, grouped by
    /// category, or by the codes of the scheme `by`.
    pub fn new(
        frameworks: &'a [Framework],
        rows: Vec<EntryRow<'a>>,
        filter: &ListFilter,
        by: Option<&str>,
    ) -> Result<Self, QueryError> {
        let in_rows: Vec<&Framework> =
            frameworks.iter().filter(|f| rows.iter().any(|r| r.framework == f.id)).collect();
        let mut asked: Vec<String> = Vec::new();
        for tag in resolve_tags(frameworks, &filter.tags)? {
            let label = frameworks.iter().find_map(|f| f.tag_label(&tag));
            asked.push(label.map_or_else(|| tag.to_string(), str::to_owned));
        }
        for id in resolve_categories(frameworks, &filter.categories)? {
            let found = frameworks.iter().flat_map(|f| &f.categories).find(|c| c.id == id);
            asked.push(found.map_or(id.clone(), |c| c.title.clone()));
        }
        asked.extend(filter.grep.iter().map(|g| format!("entries containing \"{g}\"")));
        let mut title = match asked.is_empty() {
            true => "Checklist".to_owned(),
            false => asked.join("; "),
        };
        if let Some(first) = title.get(..1) {
            title.replace_range(..1, &first.to_uppercase());
        }
        if filter.top_level {
            title.push_str(" (items only)");
        }
        let ids: Vec<&str> = in_rows.iter().map(|f| f.id.as_str()).collect();
        if !ids.is_empty() {
            title = format!("{title}, {}", ids.join(", "));
        }
        let by = match by {
            None => None,
            Some(wanted) => {
                let tag = resolve_tags(frameworks, &[TagRef::new(wanted, None)])?.remove(0);
                let scheme = in_rows.iter().find_map(|f| f.scheme(&tag.scheme));
                let codes = scheme.map(|s| {
                    let label = |t: &TagRef| in_rows.iter().find_map(|f| f.tag_label(t));
                    s.tags().iter().map(|t| (t.to_string(), label(t).unwrap_or_default())).collect()
                });
                Some((tag.scheme.into(), codes.unwrap_or_default()))
            }
        };
        let frameworks = in_rows
            .iter()
            .map(|f| {
                let categories = f.categories.iter().map(|c| c.id.as_str()).collect();
                (f.id.as_str(), f.title.as_str(), categories)
            })
            .collect();
        Ok(Checklist { rows, title, frameworks, by })
    }
}
