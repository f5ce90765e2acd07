//! `list`: entries chosen by tag, category and text, in document order.

use foldhash::{HashSet, HashSetExt};

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
pub(super) fn resolve_categories(
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
pub(super) fn categories_are(scope: &[&Framework]) -> String {
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
