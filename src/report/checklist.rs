//! Checklists: Markdown task lists under headings that say what was asked.

use super::list::legend;
use crate::query::*;
use crate::report::*;
use foldhash::HashSet;

impl Report for Checklist<'_> {
    fn document(&self) -> Document {
        let mut blocks = vec![Block::Heading(1, self.title.as_str().into())];
        let several = self.frameworks.len() > 1;
        for (id, title, _) in &self.frameworks {
            let rows: Vec<&EntryRow> = self.rows.iter().filter(|r| r.framework == *id).collect();
            if several {
                blocks.push(Block::Heading(2, (*title).into()));
            }
            self.framework_blocks(&rows, if several { 3 } else { 2 }, &mut blocks);
        }
        let mut document = Document(blocks);
        legend(&mut document, self.rows.iter().any(EntryRow::any_inferred));
        document
    }

    fn csv(&self, out: &mut Csv<'_>) -> io::Result<()> {
        self.rows.csv(out)
    }

    fn json_lines(&self, out: &mut JsonLines<'_>) -> io::Result<()> {
        out.each(&self.rows)
    }
}

impl Checklist<'_> {
    /// A line of the checklist: the id, the title in bold, the statement, the tags.
    fn item(&self, r: &EntryRow<'_>, depth: usize) -> ListItem {
        let mut text = Inline::text(format!("{} ", r.id));
        if let Some(title) = r.title {
            text = text.and(Span::Strong(title.to_owned())).and(Span::Text(": ".into()));
        }
        text = text.and(Span::Text(r.text.to_owned()));
        let tags = r.tag_list();
        if !tags.is_empty() {
            text = text.and(Span::Gap).and(Span::Code(tags));
        }
        ListItem { depth, task: true, text }
    }

    /// The blocks of one framework's rows: a numbered heading per category, or per code.
    fn framework_blocks(&self, rows: &[&EntryRow<'_>], level: u8, blocks: &mut Vec<Block>) {
        let listed: HashSet<(&str, &str)> = rows.iter().map(|r| (r.framework, r.id)).collect();
        // A sub-item listed under its item is indented below it.
        let depth = |r: &EntryRow| {
            usize::from(r.parent.is_some_and(|p| listed.contains(&(r.framework, p))))
        };
        if let Some((scheme, codes)) = &self.by {
            // A framework none of whose entries here carries the scheme does not use it.
            let uses = rows.iter().any(|r| r.tags.iter().any(|t| t.scheme == scheme));
            for (tag, label) in codes {
                let under: Vec<ListItem> = rows
                    .iter()
                    .filter(|r| r.tags.iter().any(|t| t.tag == tag))
                    .map(|r| self.item(r, 0))
                    .collect();
                // A real code that no entry carries says so, where the list was not narrowed
                // to other codes: an exam's domain is still on the exam.
                if under.is_empty() && !(uses && self.empty_headings.contains(tag)) {
                    continue;
                }
                blocks.push(Block::Heading(level, (*label).into()));
                blocks.push(match under.is_empty() {
                    true => Block::Text("No entry carries it.".into()),
                    false => Block::List(under),
                });
            }
            let other: Vec<ListItem> = rows
                .iter()
                .filter(|r| !r.tags.iter().any(|t| t.scheme == scheme))
                .map(|r| self.item(r, 0))
                .collect();
            if !other.is_empty() {
                blocks.push(Block::Heading(level, format!("No {scheme} tag").into()));
                blocks.push(Block::List(other));
            }
            return;
        }
        let numbers =
            self.frameworks.iter().find(|f| rows.first().is_some_and(|r| r.framework == f.0));
        let mut category: Option<&str> = None;
        let mut items: Vec<ListItem> = Vec::new();
        for r in rows {
            if category != Some(r.category.id) {
                if !items.is_empty() {
                    blocks.push(Block::List(std::mem::take(&mut items)));
                }
                let number = numbers
                    .and_then(|f| f.2.iter().position(|c| *c == r.category.id))
                    .map_or(String::new(), |i| format!("{}. ", i + 1));
                blocks.push(Block::Heading(level, format!("{number}{}", r.category.title).into()));
                category = Some(r.category.id);
            }
            items.push(self.item(r, depth(r)));
        }
        if !items.is_empty() {
            blocks.push(Block::List(items));
        }
    }
}
