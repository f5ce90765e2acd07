//! `list`: a row per entry, in every format; the CSV and workbook columns of an entry.

use crate::model::Framework;
use crate::query::*;
use crate::report::*;

impl EntryRow<'_> {
    /// The entry's tags for a list: "icrc:1 rfc:6*".
    pub(super) fn tag_list(&self) -> String {
        tag_list(self.tags.iter().map(|t| (t.tag.as_str(), t.inferred)))
    }

    pub(super) fn any_inferred(&self) -> bool {
        self.tags.iter().any(|t| t.inferred)
    }
}

/// An entry's CSV row, shared by `list`, `show` and `export --to csv`.
pub(super) fn entry_record(out: &mut Csv<'_>, r: &EntryRow<'_>) -> io::Result<()> {
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
        out.row(crate::formats::sheet::SHEET_COLUMNS)?;
        self.rows().try_for_each(|r| entry_record(out, &r))
    }

    fn json_lines(&self, out: &mut JsonLines<'_>) -> io::Result<()> {
        self.rows().try_for_each(|r| out.line(&r))
    }
}

/// The inferred legend under a document where a marker needs it.
pub(super) fn legend(document: &mut Document, needed: bool) {
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
        out.row(crate::formats::sheet::SHEET_COLUMNS)?;
        self.iter().try_for_each(|r| entry_record(out, r))
    }

    fn json_lines(&self, out: &mut JsonLines<'_>) -> io::Result<()> {
        out.each(self)
    }
}
