//! Spreadsheets: a framework as rows of entries (CSV, or an XLSX workbook with its tags), in
//! the columns `export --to csv` and `export --to xlsx` write ([`SHEET_COLUMNS`]). The writers
//! are the entries' report (`report::AllEntries`) and `write::framework_xlsx`, which take query
//! rows; this module reads what they write.

pub(crate) mod read;
