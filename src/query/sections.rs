//! A framework's entries in sections, for a study guide: by category, or by the codes of a scheme.

use super::{EntryRow, QueryError, framework, placed};
use crate::model::Framework;

/// One section: a category, or one code of a scheme, with its entries in framework order.
#[derive(Debug, Clone, PartialEq)]
pub struct Section<'a> {
    /// The category id, or the tag (`icrc:1`).
    pub key: String,
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub entries: Vec<EntryRow<'a>>,
}

/// The sections of framework `framework_id`: its categories, or with `by` a scheme's codes
/// (every code, even one no entry carries).
pub fn sections<'a>(
    frameworks: &'a [Framework],
    framework_id: &str,
    by: Option<&str>,
) -> Result<(&'a Framework, Vec<Section<'a>>), QueryError> {
    let f = framework(frameworks, framework_id)?;
    let all: Vec<_> = placed(std::slice::from_ref(f)).collect();
    let sections = match by {
        None => f
            .categories
            .iter()
            .map(|c| Section {
                key: c.id.clone(),
                title: &c.title,
                description: c.description.as_deref(),
                entries: all
                    .iter()
                    .filter(|p| p.category.id == c.id)
                    .map(|p| p.row(false))
                    .collect(),
            })
            .collect(),
        Some(scheme_id) => {
            let scheme = f.scheme(scheme_id).ok_or_else(|| QueryError::UnknownScheme {
                given: scheme_id.to_owned(),
                known: f.schemes.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", "),
            })?;
            scheme
                .tags()
                .into_iter()
                .map(|tag| Section {
                    key: tag.to_string(),
                    title: f.tag_label(&tag).unwrap_or_default(),
                    description: None,
                    entries: all
                        .iter()
                        .filter(|p| p.entry.tags.iter().any(|t| t.tag.is_selected_by(&tag)))
                        .map(|p| p.row(false))
                        .collect(),
                })
                .collect()
        }
    };
    Ok((f, sections))
}
