//! `list`, `show` and checklists: entries as rows, cards and task lists.

use crate::model::Framework;
use crate::query::*;
use crate::report::*;
use foldhash::HashSet;

impl EntryRow<'_> {
    /// The entry's tags for a list: "icrc:1 rfc:6*".
    fn tag_list(&self) -> String {
        tag_list(self.tags.iter().map(|t| (t.tag.as_str(), t.inferred)))
    }

    fn any_inferred(&self) -> bool {
        self.tags.iter().any(|t| t.inferred)
    }
}

/// An entry's CSV row, shared by `list`, `show` and `export --to csv`.
fn entry_record(out: &mut Csv<'_>, r: &EntryRow<'_>) -> io::Result<()> {
    out.row(entry_cells(r).iter().map(|c| c.as_bytes()))
}

/// An entry's cells, in SHEET_COLUMNS's order: a spreadsheet's row of it, which
/// `--data FILE.csv` (or `.xlsx`) reads back.
pub fn entry_cells<'a>(r: &EntryRow<'a>) -> [std::borrow::Cow<'a, str>; 12] {
    let tags = joined(r.tags.iter().map(|t| t.tag.as_str()));
    let as_written = joined(r.tags.iter().map(|t| t.as_written.unwrap_or_default()));
    let inferred = joined(r.tags.iter().map(|t| if t.inferred { "true" } else { "false" }));
    // A note may hold "; ": one a line.
    let notes = r.notes.join("\n");
    [
        r.framework.into(),
        r.id.into(),
        r.parent.unwrap_or_default().into(),
        r.category.id.into(),
        r.category.title.into(),
        r.title.unwrap_or_default().into(),
        r.text.into(),
        tags.into(),
        as_written.into(),
        inferred.into(),
        notes.into(),
        r.as_written.unwrap_or_default().into(),
    ]
}

/// Every entry of some frameworks, in document order, made row by row as it is written: the
/// CSV export, which never holds the rows of a whole framework. Its other formats are those of
/// `list`.
pub struct AllEntries<'a>(pub &'a [Framework]);

impl AllEntries<'_> {
    fn rows(&self) -> impl Iterator<Item = EntryRow<'_>> {
        placed(self.0).map(|p| p.row(false))
    }
}

impl Serialize for AllEntries<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.rows())
    }
}

impl Report for AllEntries<'_> {
    fn document(&self) -> Document {
        self.rows().collect::<Vec<_>>().document()
    }

    fn csv(&self, out: &mut Csv<'_>) -> io::Result<()> {
        out.row(crate::model::SHEET_COLUMNS)?;
        self.rows().try_for_each(|r| entry_record(out, &r))
    }

    fn json_lines(&self, out: &mut JsonLines<'_>) -> io::Result<()> {
        self.rows().try_for_each(|r| out.line(&r))
    }
}

/// The inferred legend under a document where a marker needs it.
fn legend(document: &mut Document, needed: bool) {
    if needed {
        document.0.push(Block::Note(INFERRED_LEGEND.into()));
    }
}

/// `list`: a row per entry; the framework column where there are several, the title column
/// where an entry has one.
impl Report for [EntryRow<'_>] {
    fn document(&self) -> Document {
        let with_framework = several(self.iter().map(|r| r.framework));
        let with_title = self.iter().any(|r| r.title.is_some());
        let mut header = vec!["ID".to_owned()];
        if with_framework {
            header.insert(0, "FRAMEWORK".to_owned());
        }
        if with_title {
            header.push("TITLE".to_owned());
        }
        header.extend(["TEXT".to_owned(), "TAGS".to_owned()]);
        let rows = self
            .iter()
            .map(|r| {
                let mut cells = Vec::with_capacity(header.len());
                if with_framework {
                    cells.push(r.framework.to_owned());
                }
                cells.push(r.id.to_owned());
                if with_title {
                    cells.push(r.title.unwrap_or_default().to_owned());
                }
                cells.push(r.text.to_owned());
                cells.push(r.tag_list());
                cells
            })
            .collect();
        let mut document = Document(vec![Block::Grid(Grid { header, rows, ..Grid::default() })]);
        legend(&mut document, self.iter().any(EntryRow::any_inferred));
        document
    }

    fn csv(&self, out: &mut Csv<'_>) -> io::Result<()> {
        out.row(crate::model::SHEET_COLUMNS)?;
        self.iter().try_for_each(|r| entry_record(out, r))
    }

    fn json_lines(&self, out: &mut JsonLines<'_>) -> io::Result<()> {
        out.each(self)
    }
}

/// `show`: a card per entry, sub-items last. CSV has a row per entry and sub-item.
impl Report for [ShownEntry<'_>] {
    fn document(&self) -> Document {
        let mut document = Document(self.iter().map(|s| Block::Card(s.card())).collect());
        legend(&mut document, self.iter().flat_map(|s| &s.subitems).any(EntryRow::any_inferred));
        document
    }

    fn csv(&self, out: &mut Csv<'_>) -> io::Result<()> {
        out.row(crate::model::SHEET_COLUMNS)?;
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
            for (tag, label) in codes {
                let under: Vec<ListItem> = rows
                    .iter()
                    .filter(|r| r.tags.iter().any(|t| t.tag == tag))
                    .map(|r| self.item(r, 0))
                    .collect();
                blocks.push(Block::Heading(level, (*label).into()));
                // A real code that nothing here carries says so: an exam's domain is still
                // on the exam.
                blocks.push(match under.is_empty() {
                    true => Block::Text("No entry here carries it.".into()),
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
