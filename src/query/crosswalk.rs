//! `crosswalk`: the categories of one framework against the codes of one scheme.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::{CategoryRef, QueryError, framework};
use crate::model::{Framework, Scheme, TagRef};

/// A matrix: a row per category, a column per code of the scheme (every code, even one no
/// entry carries), and in each cell the entries of that category carrying that tag.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Crosswalk<'a> {
    /// The framework whose categories are the rows.
    pub framework: &'a str,
    /// The scheme the columns come from; or the framework (`peer-worker`), or framework and
    /// scheme (`peer-worker:icrc`), through alignment links.
    pub by: String,
    /// A column per code of the scheme, in its order.
    pub columns: Vec<CrosswalkColumn<'a>>,
    /// A row per category, in framework order.
    pub rows: Vec<CrosswalkRow<'a>>,
    /// Per column: how many entries carry the tag.
    pub totals: Keyed<usize>,
    /// How many entries carry any tag of the scheme.
    pub total: usize,
    /// How people and spreadsheets see it (JSON always holds ids, by category).
    #[serde(skip)]
    pub layout: CrosswalkLayout,
}

/// How to lay out a crosswalk for people and spreadsheets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CrosswalkLayout {
    /// The ids of the entries in the cells instead of their number.
    pub ids: bool,
    /// Codes in rows and categories in columns.
    pub transpose: bool,
}

/// One column: a code of the scheme.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CrosswalkColumn<'a> {
    /// The tag (`icrc:4`).
    pub tag: String,
    /// Its label.
    pub label: &'a str,
    /// Its name is taken from a statement: the source names it nowhere.
    #[serde(skip)]
    pub named_after: bool,
    /// The label is a name in full (a category's title), not "Code 1: Name".
    #[serde(skip)]
    pub titled: bool,
}

/// One category's row.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CrosswalkRow<'a> {
    /// The category.
    pub category: CategoryRef<'a>,
    /// Per column, in column order: the ids of the entries in the cell.
    pub cells: Keyed<Vec<&'a str>>,
    /// How many entries of the category carry any tag of the scheme.
    pub total: usize,
}

/// Values keyed by tag, in column order; serialised as a JSON object.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Keyed<V>(pub Vec<(String, V)>);

impl<V: Serialize> Serialize for Keyed<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// The scheme a framework is cross-walked by where none is named: its first scheme with codes
/// (a scheme without codes makes a single column), else its first.
pub fn default_scheme(framework: &Framework) -> Result<&str, QueryError> {
    let schemes = &framework.schemes;
    let chosen = schemes.iter().find(|s| !s.codes.is_empty()).or(schemes.first());
    chosen
        .map(|s| s.id.as_str())
        .ok_or_else(|| QueryError::NoSchemes { framework: framework.id.clone() })
}

/// A column per tag of a scheme of the framework, labelled as the framework labels it.
fn code_columns<'a>(
    framework: &'a Framework,
    scheme: &Scheme,
    tags: &[TagRef],
) -> Vec<CrosswalkColumn<'a>> {
    tags.iter()
        .map(|tag| CrosswalkColumn {
            tag: tag.to_string(),
            label: framework.tag_label(tag).unwrap_or_default(),
            named_after: tag
                .code
                .as_deref()
                .and_then(|c| scheme.code(c))
                .is_some_and(|c| !c.named_after.is_empty()),
            titled: false,
        })
        .collect()
}

/// The crosswalk of framework `framework_id` by scheme `scheme_id`. A cell holds exactly what
/// `list --tag TAG --category ID` selects: the entries' own tags, all of them or (with
/// `as_written`) only those printed in the source.
pub fn crosswalk<'a>(
    frameworks: &'a [Framework],
    framework_id: &str,
    scheme_id: &str,
    as_written: bool,
) -> Result<Crosswalk<'a>, QueryError> {
    let framework = framework(frameworks, framework_id)?;
    let scheme = framework
        .scheme(scheme_id)
        .ok_or_else(|| QueryError::unknown_scheme(scheme_id, framework.scheme_ids()))?;
    let tags = scheme.tags();
    let columns = code_columns(framework, scheme, &tags);
    let mut totals = vec![0; tags.len()];
    let mut total = 0;
    let rows = framework
        .categories
        .iter()
        .map(|category| {
            let mut cells: Vec<Vec<&str>> = vec![Vec::new(); tags.len()];
            let mut in_row: HashSet<&str> = HashSet::new();
            for (entry, _) in category.walk() {
                for tag in entry.tags_to_use(as_written) {
                    if let Some(column) = tags.iter().position(|t| tag.tag.is_selected_by(t)) {
                        // An entry tagged twice with one code still counts once in its cell.
                        if cells[column].last() != Some(&entry.id.as_str()) {
                            cells[column].push(&entry.id);
                            totals[column] += 1;
                        }
                        in_row.insert(&entry.id);
                    }
                }
            }
            total += in_row.len();
            CrosswalkRow {
                category: CategoryRef { id: &category.id, title: &category.title },
                cells: Keyed(tags.iter().map(ToString::to_string).zip(cells).collect()),
                total: in_row.len(),
            }
        })
        .collect();
    Ok(Crosswalk {
        framework: &framework.id,
        by: scheme.id.clone(),
        columns,
        rows,
        totals: Keyed(tags.iter().map(ToString::to_string).zip(totals).collect()),
        total,
        layout: CrosswalkLayout::default(),
    })
}

/// What a framework is cross-walked by through alignment links: the other framework's
/// categories, or the codes of one of its schemes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AcrossBy<'s> {
    /// The other framework's id.
    pub framework: &'s str,
    /// Its scheme, whose codes are the columns; its categories where None.
    pub scheme: Option<&'s str>,
}

/// The crosswalk of framework `framework_id` by another framework through links between
/// their entries (`links`: pairs of entry ids, the first of `framework_id`): a row per
/// category, a column per category of the other framework (or code of its scheme), and in each
/// cell the entries of the row linked to an entry of the column (by the entry's own tags, all
/// or those printed in the source).
pub fn crosswalk_across<'a>(
    frameworks: &'a [Framework],
    framework_id: &str,
    by: AcrossBy,
    links: &[(&str, &str)],
    as_written: bool,
) -> Result<Crosswalk<'a>, QueryError> {
    let framework = framework(frameworks, framework_id)?;
    let other = super::framework(frameworks, by.framework)?;
    // Per entry of the other framework, the columns it falls in.
    let mut columns: Vec<CrosswalkColumn<'a>> = Vec::new();
    let mut column_of: HashMap<&str, Vec<usize>> = HashMap::new();
    let by_name = match by.scheme {
        None => {
            for (c, category) in other.categories.iter().enumerate() {
                columns.push(CrosswalkColumn {
                    tag: category.id.clone(),
                    label: &category.title,
                    named_after: false,
                    titled: true,
                });
                for (entry, _) in category.walk() {
                    column_of.entry(&entry.id).or_default().push(c);
                }
            }
            other.id.clone()
        }
        Some(scheme_id) => {
            let scheme = other
                .scheme(scheme_id)
                .ok_or_else(|| QueryError::unknown_scheme(scheme_id, other.scheme_ids()))?;
            let tags = scheme.tags();
            columns = code_columns(other, scheme, &tags);
            for (entry, _) in other.entries() {
                for tag in entry.tags_to_use(as_written) {
                    if let Some(c) = tags.iter().position(|t| tag.tag.is_selected_by(t)) {
                        column_of.entry(&entry.id).or_default().push(c);
                    }
                }
            }
            format!("{}:{}", other.id, scheme.id)
        }
    };
    let mut linked: HashMap<&str, Vec<&str>> = HashMap::new();
    for &(from, to) in links {
        linked.entry(from).or_default().push(to);
    }
    let mut totals = vec![0; columns.len()];
    let mut total = 0;
    let rows = framework
        .categories
        .iter()
        .map(|category| {
            let mut cells: Vec<Vec<&str>> = vec![Vec::new(); columns.len()];
            let mut in_row = 0;
            for (entry, _) in category.walk() {
                let mut hit: Vec<usize> = linked
                    .get(entry.id.as_str())
                    .into_iter()
                    .flatten()
                    .filter_map(|to| column_of.get(to))
                    .flatten()
                    .copied()
                    .collect();
                hit.sort_unstable();
                hit.dedup();
                for &c in &hit {
                    cells[c].push(&entry.id);
                    totals[c] += 1;
                }
                in_row += usize::from(!hit.is_empty());
            }
            total += in_row;
            CrosswalkRow {
                category: CategoryRef { id: &category.id, title: &category.title },
                cells: Keyed(columns.iter().map(|c| c.tag.clone()).zip(cells).collect()),
                total: in_row,
            }
        })
        .collect();
    Ok(Crosswalk {
        framework: &framework.id,
        by: by_name,
        totals: Keyed(columns.iter().map(|c| c.tag.clone()).zip(totals).collect()),
        columns,
        rows,
        total,
        layout: CrosswalkLayout::default(),
    })
}
