//! `tags` and `categories`: what each framework holds, counted.

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt};

use serde::Serialize;

use super::{distinct_schemes, placed};
use crate::model::{Framework, Source, TagRef};

/// A loaded framework: what it is and how big.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrameworkSummary<'a> {
    /// The framework's id.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// The document it comes from.
    pub source: Option<&'a Source>,
    /// Its description.
    pub description: Option<&'a str>,
    /// How many categories.
    pub categories: usize,
    /// Items and sub-items.
    pub entries: usize,
    /// How many items (top-level entries).
    pub items: usize,
    /// How many sub-items.
    pub subitems: usize,
    /// The ids of its tag schemes.
    pub schemes: Vec<&'a str>,
}

/// A summary of each framework.
pub fn framework_summaries(frameworks: &[Framework]) -> Vec<FrameworkSummary<'_>> {
    frameworks
        .iter()
        .map(|f| {
            let items: usize = f.categories.iter().map(|c| c.entries.len()).sum();
            let entries = f.entry_count();
            FrameworkSummary {
                id: &f.id,
                title: &f.title,
                source: f.source.as_ref(),
                description: f.description.as_deref(),
                categories: f.categories.len(),
                entries,
                items,
                subitems: entries - items,
                schemes: f.schemes.iter().map(|s| s.id.as_str()).collect(),
            }
        })
        .collect()
}

/// One tag a framework defines, and how many entries carry it as their own.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TagCount<'a> {
    /// The id of the framework defining the tag.
    pub framework: &'a str,
    /// The tag (`icrc:4`).
    pub tag: String,
    /// Its scheme.
    pub scheme: &'a str,
    /// Its code, where it names one.
    pub code: Option<&'a str>,
    /// Its label.
    pub label: &'a str,
    /// Where the source names the code nowhere: the entries whose statement its label takes.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub named_after: &'a [String],
    /// Entries (items and sub-items) that carry the tag.
    pub entries: usize,
    /// How many of those carry it inferred, not printed in the source.
    pub inferred: usize,
}

/// Every tag of every scheme, in the order the frameworks define them, even those no entry
/// carries.
pub fn tag_counts(frameworks: &[Framework], as_written: bool) -> Vec<TagCount<'_>> {
    let mut counts: HashMap<(&str, &TagRef), (usize, usize)> = HashMap::new();
    for p in placed(frameworks) {
        for tag in p.entry.tags_to_use(as_written) {
            let count = counts.entry((&p.framework.id, &tag.tag)).or_default();
            count.0 += 1;
            count.1 += usize::from(tag.inferred);
        }
    }
    let mut rows = Vec::new();
    for framework in frameworks {
        for scheme in &framework.schemes {
            for tag in scheme.tags() {
                let (entries, inferred) =
                    counts.get(&(framework.id.as_str(), &tag)).copied().unwrap_or_default();
                let code = tag.code.as_deref().and_then(|c| scheme.code(c));
                rows.push(TagCount {
                    framework: &framework.id,
                    scheme: &scheme.id,
                    code: code.map(|c| c.code.as_str()),
                    label: code.map_or(&scheme.label, |c| &c.label),
                    named_after: code.map_or(&[], |c| &c.named_after),
                    tag: tag.to_string(),
                    entries,
                    inferred,
                });
            }
        }
    }
    rows
}

/// A category with its size and how many of its entries each scheme tags.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategorySummary<'a> {
    /// The id of the category's framework.
    pub framework: &'a str,
    /// The category's id.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its description.
    pub description: Option<&'a str>,
    /// How many items.
    pub items: usize,
    /// How many sub-items.
    pub subitems: usize,
    /// Scheme id -> entries of the category carrying a tag of that scheme.
    pub tagged: BTreeMap<&'a str, usize>,
}

/// The categories of the frameworks, and the schemes whose counts they carry (for the columns).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Categories<'a> {
    /// A row per category, framework by framework.
    pub rows: Vec<CategorySummary<'a>>,
    /// The schemes of the loaded frameworks, each once: (id, short name).
    #[serde(skip)]
    pub schemes: Vec<(&'a str, &'a str)>,
}

/// Every category with its counts.
pub fn category_summaries(frameworks: &[Framework], as_written: bool) -> Categories<'_> {
    let schemes =
        distinct_schemes(frameworks).iter().map(|s| (s.id.as_str(), s.name.as_str())).collect();
    let rows = frameworks
        .iter()
        .flat_map(|framework| {
            framework.categories.iter().map(move |category| {
                let mut summary = CategorySummary {
                    framework: &framework.id,
                    id: &category.id,
                    title: &category.title,
                    description: category.description.as_deref(),
                    items: category.entries.len(),
                    subitems: 0,
                    tagged: framework.schemes.iter().map(|s| (s.id.as_str(), 0)).collect(),
                };
                for (entry, parent) in category.walk() {
                    summary.subitems += usize::from(parent.is_some());
                    for scheme in &framework.schemes {
                        if entry.tags_to_use(as_written).any(|t| t.tag.scheme == scheme.id) {
                            *summary.tagged.entry(&scheme.id).or_default() += 1;
                        }
                    }
                }
                summary
            })
        })
        .collect();
    Categories { rows, schemes }
}
