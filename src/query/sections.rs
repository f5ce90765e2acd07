//! A framework's entries in sections, for a study guide: by category, or by the codes of a scheme.

use std::collections::HashSet;

use super::{EntryRow, QueryError, framework, placed};
use crate::model::Framework;
use crate::render::{Block, Document, INFERRED_LEGEND, Inline, ListItem, Span, tag_list};

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
            let scheme = f
                .scheme(scheme_id)
                .ok_or_else(|| QueryError::unknown_scheme(scheme_id, f.scheme_ids()))?;
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

/// A study guide: the framework's title and source, then a section per category (or with
/// `by_tag` per code of a scheme), each entry with its tags, sub-items under their items.
pub fn study_guide(framework: &Framework, sections: &[Section], by_tag: bool) -> Document {
    let mut blocks = vec![Block::Heading(1, framework.title.as_str().into())];
    if let Some(source) = &framework.source {
        let details = source.details().map(|d| format!(" ({d})")).unwrap_or_default();
        blocks.push(Block::Text(format!("Source: {}{details}.", source.title).into()));
    }
    let mut any_inferred = false;
    for section in sections {
        let heading = if by_tag {
            Inline(vec![
                Span::Text(format!("{} (", section.title)),
                Span::Code(section.key.clone()),
                Span::Text(")".into()),
            ])
        } else {
            format!("{}. {}", section.key, section.title).into()
        };
        blocks.push(Block::Heading(2, heading));
        if let Some(description) = section.description {
            blocks.push(Block::Text(description.into()));
        }
        if section.entries.is_empty() {
            let none = "No entry of this framework carries this tag.".to_owned();
            blocks.push(Block::Text(Inline(vec![Span::Emphasis(none)])));
            continue;
        }
        let listed: HashSet<&str> = section.entries.iter().map(|e| e.id).collect();
        let items = section.entries.iter().map(|e| {
            let mut text = Inline(vec![Span::Strong(e.id.to_owned()), Span::Text(" ".into())]);
            if let Some(title) = e.title {
                text = text.and(Span::Strong(title.to_owned())).and(Span::Text(": ".into()));
            }
            text = text.and(Span::Text(e.text.to_owned()));
            let tags = tag_list(e.tags.iter().map(|t| (t.tag.as_str(), t.inferred)));
            if !tags.is_empty() {
                text = text.and(Span::Text(" ".into())).and(Span::Code(tags));
            }
            if by_tag {
                text = text.and(Span::Text(format!(" (category {})", e.category.id)));
            }
            any_inferred |= e.tags.iter().any(|t| t.inferred);
            let nested = e.parent.is_some_and(|p| listed.contains(p));
            ListItem { depth: usize::from(nested), task: false, text }
        });
        blocks.push(Block::List(items.collect()));
    }
    if any_inferred {
        blocks.push(Block::Text(INFERRED_LEGEND.into()));
    }
    Document(blocks)
}
