//! Writers: a report in any output format ([`emit`]), and the files of their own that the exports
//! write (the framework as YAML, JSON, CASE, CTDL-ASN, a workbook or one HTML page; the board's
//! form). Writers take documents and reports; they never filter or ask a query.

mod export;
mod form;
mod html;
mod markdown;
mod page;
mod table;
#[cfg(feature = "xlsx")]
mod xlsx;

use std::io::{self, Write};

pub use self::export::{EXPORTS, Export, Input, Part, WritePart};
pub use self::form::form_html;
use crate::formats::json;
use crate::model::Framework;
use crate::report::{Csv, Document, JsonLines, Report};

/// An output format, as `--format` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// A table for the terminal, wrapped to its width
    #[default]
    Table,
    /// One JSON value: an array of rows, or an object for crosswalk and coverage (the
    /// documented contract)
    Json,
    /// One JSON object per line
    Jsonl,
    /// CSV with a header row
    Csv,
    /// A Markdown table
    Markdown,
    /// A page to print: HTML, self-contained (a checklist's items as boxes to tick)
    Html,
}

impl Format {
    /// Formats read by people, for which an empty result is also said on stderr.
    pub fn is_for_people(self) -> bool {
        matches!(self, Format::Table | Format::Markdown | Format::Html)
    }
}

/// How to render.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// The format to write.
    pub format: Format,
    /// Columns the table may take; `None` leaves lines unwrapped (output to a pipe).
    pub width: Option<u16>,
    /// CSV cells as they are, even those a spreadsheet would run as a formula.
    pub raw: bool,
    /// CSV after a UTF-8 byte-order mark, for spreadsheets.
    pub bom: bool,
    /// Matched words in colour (a marked `Grid` on a terminal).
    pub color: bool,
    /// `--format table` was asked for: a table with its borders even in a pipe, where tables
    /// are otherwise plain lines, a row each, its cells between tabs.
    pub bordered: bool,
}

/// Writes a report in a format.
pub fn emit<R: Report + ?Sized>(out: &mut dyn Write, style: Style, report: &R) -> io::Result<()> {
    match style.format {
        Format::Table => {
            let plain = style.width.is_none() && !style.bordered;
            table::document(out, &report.document(), style.width, style.color, plain)
        }
        Format::Markdown => markdown::document(out, &report.markdown()),
        Format::Html => page::document(out, &report.markdown()),
        Format::Csv => {
            if style.bom {
                out.write_all("\u{feff}".as_bytes())?;
            }
            let mut csv = Csv::new(out, style.raw);
            report.csv(&mut csv)?;
            csv.flush()
        }
        Format::Json => json::write_value(out, report),
        Format::Jsonl => report.json_lines(&mut JsonLines::new(out)),
    }
}

/// A framework as an XLSX workbook: entries, tags, a crosswalk per scheme.
#[cfg_attr(not(feature = "xlsx"), allow(unused_variables))]
pub fn framework_xlsx(
    out: &mut dyn Write,
    framework: &Framework,
    crosswalks: &[crate::query::Crosswalk],
) -> io::Result<()> {
    #[cfg(feature = "xlsx")]
    return xlsx::framework_xlsx(out, framework, crosswalks);
    #[cfg(not(feature = "xlsx"))]
    return Err(without_xlsx());
}

/// The board's form as an XLSX workbook: the requirements, the crosswalk, the modules.
#[cfg_attr(not(feature = "xlsx"), allow(unused_variables))]
pub fn form_xlsx(out: &mut dyn Write, form: &crate::query::Form) -> io::Result<()> {
    #[cfg(feature = "xlsx")]
    return xlsx::form_xlsx(out, form);
    #[cfg(not(feature = "xlsx"))]
    return Err(without_xlsx());
}

/// Why a build without the `xlsx` feature writes no workbook.
#[cfg(not(feature = "xlsx"))]
fn without_xlsx() -> io::Error {
    io::Error::new(io::ErrorKind::Unsupported, crate::formats::WITHOUT_XLSX)
}

/// One self-contained HTML page: the crosswalks as heat maps, every entry, a filter box.
pub fn html_page(
    out: &mut dyn Write,
    framework: &Framework,
    crosswalks: &[crate::query::Crosswalk],
    sections: crate::query::Sections<'_>,
) -> io::Result<()> {
    html::page(out, framework, crosswalks, sections)
}

/// Writes Markdown: what [`Report::markdown`] returns, or any document.
pub fn markdown_document(out: &mut dyn Write, document: &Document) -> io::Result<()> {
    markdown::document(out, document)
}
