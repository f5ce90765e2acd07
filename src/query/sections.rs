//! A framework's entries in sections, for a study guide: by category, or by the codes of a scheme.

use foldhash::HashMap;

use super::{EntryRow, Placed, QueryError, framework, placed};
use crate::model::{Framework, TagRef};

/// One section: a category, or one code of a scheme, with its entries in framework order.
#[derive(Debug, Clone, PartialEq)]
pub struct Section<'a> {
    /// The category id, or the tag (`icrc:1`).
    pub key: String,
    /// The category's title, or the code's label.
    pub title: &'a str,
    /// The category's description.
    pub description: Option<&'a str>,
    /// Its entries; those carrying the code, for a scheme's section.
    pub entries: Vec<EntryRow<'a>>,
}

/// The sections of a framework, made one at a time as they are read.
pub type Sections<'a> = Box<dyn Iterator<Item = Section<'a>> + 'a>;

/// The sections of framework `framework_id`: its categories, or with `by` a scheme's codes
/// (every code, even one no entry carries). By category, each section is made when it is
/// reached, so that a guide or a page never holds the rows of the whole framework; by code, in
/// one pass over the entries.
pub fn sections<'a>(
    frameworks: &'a [Framework],
    framework_id: &str,
    by: Option<&str>,
) -> Result<(&'a Framework, Sections<'a>), QueryError> {
    let f = framework(frameworks, framework_id)?;
    let sections: Sections<'a> = match by {
        None => Box::new(f.categories.iter().map(move |c| {
            Section {
                key: c.id.clone(),
                title: &c.title,
                description: c.description.as_deref(),
                entries: c
                    .walk()
                    .map(|(entry, parent)| Placed { framework: f, category: c, entry, parent })
                    .map(|p| p.row(false))
                    .collect(),
            }
        })),
        Some(scheme_id) => {
            let scheme = f
                .scheme(scheme_id)
                .ok_or_else(|| QueryError::unknown_scheme(scheme_id, f.scheme_ids()))?;
            let tags = scheme.tags();
            // Each entry into the sections of its codes, in one pass over the entries.
            let at: HashMap<&TagRef, usize> =
                tags.iter().enumerate().map(|(i, t)| (t, i)).collect();
            let mut entries: Vec<Vec<EntryRow>> = tags.iter().map(|_| Vec::new()).collect();
            for p in placed(std::slice::from_ref(f)) {
                let mut sections: Vec<usize> = p
                    .entry
                    .tags
                    .iter()
                    .filter_map(|t| match scheme.codes.is_empty() {
                        // A scheme without codes is one section: any tag of it.
                        true => (t.tag.scheme == scheme.id).then_some(0),
                        false => at.get(&t.tag).copied(),
                    })
                    .collect();
                sections.sort_unstable();
                sections.dedup();
                for i in sections {
                    entries[i].push(p.row(false));
                }
            }
            let made: Vec<Section<'a>> = tags
                .iter()
                .zip(entries)
                .map(|(tag, entries)| Section {
                    key: tag.to_string(),
                    title: f.tag_label(tag).unwrap_or_default(),
                    description: None,
                    entries,
                })
                .collect();
            Box::new(made.into_iter())
        }
    };
    Ok((f, sections))
}
