//! `list` and `show`: entries selected by tag, category and text, or by id.

use std::collections::HashSet;

use serde::Serialize;

use super::{EntryRow, Placed, QueryError, check_tags, describe_ids, fold, placed};
use crate::model::{Framework, TagRef};

/// What `list` selects. Every condition given must hold; within `tags` and `categories`,
/// any one of the values will do.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// `icrc:4` selects that code, `icrc` any code of the scheme. Matched on an entry's own tags.
    pub tags: Vec<TagRef>,
    pub categories: Vec<String>,
    /// Case-insensitive text to find in an entry's text or title.
    pub grep: Option<String>,
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
    check_tags(frameworks, &filter.tags)?;
    check_categories(frameworks, &filter.categories)?;
    let needle = filter.grep.as_deref().map(fold);
    let selects = |p: &Placed| {
        (!filter.top_level || p.parent.is_none())
            && (filter.categories.is_empty() || filter.categories.contains(&p.category.id))
            && (filter.tags.is_empty()
                || p.entry
                    .tags_to_use(filter.as_written)
                    .any(|t| filter.tags.iter().any(|w| t.tag.is_selected_by(w))))
            && needle.as_ref().is_none_or(|n| {
                fold(&p.entry.text).contains(n)
                    || p.entry.title.as_deref().is_some_and(|t| fold(t).contains(n))
            })
    };
    // Sub-items follow their item in document order, so an item is decided before its sub-items.
    let mut shown: HashSet<(&str, &str)> = HashSet::new();
    let mut rows = Vec::new();
    for p in placed(frameworks) {
        let under_shown = filter.expand
            && p.parent.is_some_and(|parent| shown.contains(&(&p.framework.id, &parent.id)));
        if under_shown || selects(&p) {
            shown.insert((&p.framework.id, &p.entry.id));
            rows.push(p.row(filter.as_written));
        }
    }
    Ok(rows)
}

fn check_categories(frameworks: &[Framework], wanted: &[String]) -> Result<(), QueryError> {
    for id in wanted {
        if !frameworks.iter().any(|f| f.categories.iter().any(|c| &c.id == id)) {
            let scope: Vec<&Framework> = frameworks.iter().collect();
            return Err(QueryError::UnknownCategory {
                given: id.clone(),
                known: categories_are(&scope),
            });
        }
    }
    Ok(())
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
    #[serde(flatten)]
    pub entry: EntryRow<'a>,
    pub subitems: Vec<EntryRow<'a>>,
}

/// The entries with these ids, in the order asked. An id may be qualified by its framework
/// (`peer-worker/6.8`).
pub fn show<'a>(
    frameworks: &'a [Framework],
    ids: &[String],
    as_written: bool,
) -> Result<Vec<ShownEntry<'a>>, QueryError> {
    ids.iter()
        .map(|id| {
            let p = find(frameworks, id)?;
            let subitems = p
                .entry
                .subitems
                .iter()
                .map(|entry| Placed { entry, parent: Some(p.entry), ..p }.row(as_written))
                .collect();
            Ok(ShownEntry { entry: p.row(as_written), subitems })
        })
        .collect()
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
        let parent =
            framework.categories.iter().flat_map(|c| c.walk()).find(|(e, _)| e.id == prefix);
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
