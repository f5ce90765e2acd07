//! A framework's entries in sections, for a study guide: by category, or by the codes of a scheme.

use foldhash::{HashMap, HashSet};

use super::{EntryRow, Placed, QueryError, framework, placed};
use crate::model::{Framework, TagRef};
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

/// A study guide: the framework's title and source, then a section per category (or with
/// `by_tag` per code of a scheme), each entry with its tags, sub-items under their items. One
/// document per part (the title, each section, the legend), to be written one after another
/// with a blank line between, so that a guide is never held whole.
pub fn study_guide<'s>(
    framework: &'s Framework,
    sections: impl Iterator<Item = Section<'s>> + 's,
    by_tag: bool,
) -> impl Iterator<Item = Document> + 's {
    let mut title = vec![Block::Heading(1, framework.title.as_str().into())];
    if let Some(source) = &framework.source {
        let details = source.details().map(|d| format!(" ({d})")).unwrap_or_default();
        title.push(Block::Text(format!("Source: {}{details}.", source.title).into()));
    }
    // Whether any entry carries an inferred tag, known once every section has been made.
    let inferred = std::rc::Rc::new(std::cell::Cell::new(false));
    let seen = inferred.clone();
    let legend = std::iter::once_with(move || {
        inferred.get().then(|| Document(vec![Block::Text(INFERRED_LEGEND.into())]))
    })
    .flatten();
    std::iter::once(Document(title))
        .chain(sections.map(move |section| {
            let any = section.entries.iter().any(|e| e.tags.iter().any(|t| t.inferred));
            seen.set(seen.get() || any);
            study_section(&section, by_tag)
        }))
        .chain(legend)
}

/// One section of a study guide.
fn study_section(section: &Section, by_tag: bool) -> Document {
    let mut blocks = Vec::new();
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
        return Document(blocks);
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
        let nested = e.parent.is_some_and(|p| listed.contains(p));
        ListItem { depth: usize::from(nested), task: false, text }
    });
    blocks.push(Block::List(items.collect()));
    Document(blocks)
}
