//! The study guide: a framework's entries under headings, as Markdown.

use crate::model::Framework;
use crate::query::*;
use crate::report::*;
use foldhash::HashSet;

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
