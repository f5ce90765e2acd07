//! Spreadsheets: a framework as rows of entries (CSV, or an XLSX workbook with its tags), in
//! the columns `export --to csv` and `export --to xlsx` write ([`SHEET_COLUMNS`]). The writers
//! are the entries' report (`report::AllEntries`) and `write::framework_xlsx`, which take query
//! rows; this module reads what they write.

pub(crate) mod read;

/// The columns of a framework as a spreadsheet, a row per entry: what `export --to csv` and
/// `--to xlsx` write and `--data FILE.csv` (or `.xlsx`) reads back.
pub(crate) const SHEET_COLUMNS: [&str; 12] = [
    "framework",
    "id",
    "parent",
    "category",
    "category_title",
    "title",
    "text",
    "tags",
    "as_written",
    "inferred",
    "notes",
    "text_as_written",
];
