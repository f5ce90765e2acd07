//! Checklists: entries under headings that say what was asked, for review and study.

use serde::Serialize;

use super::list::{ListFilter, resolve_categories};
use super::{EntryRow, QueryError, resolve_tags};
use crate::model::{Framework, TagRef};

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
    /// The codes a heading is wanted for though no entry listed carries them: every code where
    /// nothing narrowed the list (an exam's domain is still on the exam), those the tags asked
    /// for where tags did, none where anything else did.
    #[serde(skip)]
    pub(crate) empty_headings: Vec<String>,
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
                let codes: Option<Vec<(String, &str)>> = scheme.map(|s| {
                    let label = |t: &TagRef| in_rows.iter().find_map(|f| f.tag_label(t));
                    s.tags().iter().map(|t| (t.to_string(), label(t).unwrap_or_default())).collect()
                });
                Some((tag.scheme.into(), codes.unwrap_or_default()))
            }
        };
        let asked_tags = resolve_tags(frameworks, &filter.tags)?;
        let narrowed = !filter.categories.is_empty() || !filter.grep.is_empty() || filter.top_level;
        let empty_headings = match &by {
            Some((_, codes)) if !narrowed => codes
                .iter()
                .map(|(tag, _)| tag.clone())
                .filter(|tag| {
                    asked_tags.is_empty()
                        || tag
                            .parse::<TagRef>()
                            .is_ok_and(|t| asked_tags.iter().any(|asked| t.is_selected_by(asked)))
                })
                .collect(),
            _ => Vec::new(),
        };
        let frameworks = in_rows
            .iter()
            .map(|f| {
                let categories = f.categories.iter().map(|c| c.id.as_str()).collect();
                (f.id.as_str(), f.title.as_str(), categories)
            })
            .collect();
        Ok(Checklist { rows, title, frameworks, by, empty_headings })
    }
}
