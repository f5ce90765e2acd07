//! `show`: a card per entry, sub-items last.

use super::list::{entry_record, legend};
use crate::query::*;
use crate::report::*;

/// `show`: a card per entry, sub-items last. CSV has a row per entry and sub-item.
impl Report for [ShownEntry<'_>] {
    fn document(&self) -> Document {
        let mut document = Document(self.iter().map(|s| Block::Card(s.card())).collect());
        legend(&mut document, self.iter().flat_map(|s| &s.subitems).any(EntryRow::any_inferred));
        document
    }

    fn csv(&self, out: &mut Csv<'_>) -> io::Result<()> {
        out.row(crate::formats::sheet::SHEET_COLUMNS)?;
        self.iter()
            .flat_map(|s| std::iter::once(&s.entry).chain(&s.subitems))
            .try_for_each(|r| entry_record(out, r))
    }

    fn json_lines(&self, out: &mut JsonLines<'_>) -> io::Result<()> {
        out.each(self)
    }
}

impl ShownEntry<'_> {
    fn card(&self) -> Card {
        let e = &self.entry;
        let heading = match e.title {
            Some(title) => format!("{} {title}: {}", e.id, e.text),
            None => format!("{} {}", e.id, e.text),
        };
        let mut card = Card { heading: heading.into(), fields: vec![] };
        card.terminal_field("id", e.id);
        card.field("framework", e.framework);
        card.field("category", format!("{} {}", e.category.id, e.category.title));
        if let Some(parent) = e.parent {
            card.field("parent", parent);
        }
        if let Some(title) = e.title {
            card.terminal_field("title", title);
        }
        card.terminal_field("text", e.text);
        if let Some(as_written) = e.as_written {
            card.field("as written", as_written);
        }
        let tags = e
            .tags
            .iter()
            .map(|t| {
                let mut rest = t.label.to_owned();
                if let Some(w) = t.as_written {
                    rest.push_str(&format!(" (as written: \"{w}\")"));
                }
                if t.inferred {
                    rest.push_str(" (inferred)");
                }
                Inline(vec![Span::Code(t.tag.to_string()), Span::Gap, Span::Text(rest)])
            })
            .collect();
        card.list("tags", tags);
        if !e.notes.is_empty() {
            card.bullets("notes", e.notes.iter().map(|n| n.as_str().into()).collect());
        }
        // Why a tag is inferred, where the entry's own notes do not already say it.
        let why: Vec<Inline> = self
            .inferred
            .iter()
            .filter_map(|t| Some((t.tag.as_str(), t.reason?)))
            .filter(|(_, reason)| !e.notes.iter().any(|n| n == reason))
            .map(|(tag, reason)| Inline(vec![Span::Code(tag.to_owned()), Span::Gap, reason.into()]))
            .collect();
        if !why.is_empty() {
            card.bullets("why inferred", why);
        }
        if let Some(source) = &self.source {
            let mut line = source.title.to_owned();
            if let Some(details) = &source.details {
                line.push_str(&format!(" ({details})"));
            }
            match (source.line, source.document) {
                (Some(n), Some(file)) => line.push_str(&format!(", line {n} of {file}")),
                (Some(n), None) => line.push_str(&format!(", line {n}")),
                (None, Some(file)) => line.push_str(&format!(", {file}")),
                (None, None) => {}
            }
            card.field("source", line);
            if !source.quote.is_empty() {
                let width =
                    source.quote.iter().map(|q| q.line.to_string().len()).max().unwrap_or(1);
                let lines =
                    source.quote.iter().map(|q| format!("{:>width$}  {}", q.line, q.text).into());
                card.list("as printed", lines.collect());
            }
        }
        if let Some(item_type) = e.item_type {
            card.field("type", item_type);
        }
        if let Some(code) = e.code {
            card.field("code", code);
        }
        if !e.relations.is_empty() {
            let lines = e.relations.iter().map(|r| format!("{} {}", r.kind, r.target).into());
            card.list("relations", lines.collect());
        }
        if !self.linked.is_empty() {
            let lines = self.linked.iter().map(|l| {
                let (before, after) = match l.direction {
                    "from" => (format!("{} ", l.kind), String::new()),
                    _ => (String::new(), format!(" ({} this)", l.kind)),
                };
                Inline(vec![
                    before.as_str().into(),
                    Span::Code(format!("{}/{}", l.framework, l.id)),
                    Span::Gap,
                    l.text.into(),
                    after.as_str().into(),
                ])
            });
            card.list("linked", lines.collect());
        }
        if !self.subitems.is_empty() {
            let lines = self.subitems.iter().map(|sub| {
                let line = Inline(vec![sub.id.into(), Span::Gap, sub.text.into()]);
                match sub.tag_list() {
                    tags if tags.is_empty() => line,
                    tags => line.and(Span::Gap).and(Span::Code(tags)),
                }
            });
            card.list("sub-items", lines.collect());
        }
        card
    }
}
