//! `crosswalk`: the categories of one framework against the codes of one scheme.

use std::collections::HashSet;

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::{CategoryRef, QueryError, framework};
use crate::model::Framework;

/// A matrix: a row per category, a column per code of the scheme (every code, even one no
/// entry carries), and in each cell the entries of that category carrying that tag.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Crosswalk<'a> {
    pub framework: &'a str,
    /// The scheme the columns come from.
    pub by: &'a str,
    pub columns: Vec<CrosswalkColumn<'a>>,
    pub rows: Vec<CrosswalkRow<'a>>,
    /// Per column: how many entries carry the tag.
    pub totals: Keyed<usize>,
    /// How many entries carry any tag of the scheme.
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CrosswalkColumn<'a> {
    pub tag: String,
    pub label: &'a str,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CrosswalkRow<'a> {
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
    let scheme = framework.scheme(scheme_id).ok_or_else(|| QueryError::UnknownScheme {
        given: scheme_id.to_owned(),
        known: framework.schemes.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", "),
    })?;
    let tags = scheme.tags();
    let columns = tags
        .iter()
        .map(|tag| CrosswalkColumn {
            tag: tag.to_string(),
            label: framework.tag_label(tag).unwrap_or_default(),
        })
        .collect();
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
        by: &scheme.id,
        columns,
        rows,
        totals: Keyed(tags.iter().map(ToString::to_string).zip(totals).collect()),
        total,
    })
}
