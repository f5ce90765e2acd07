//! Writers: a report in any output format ([`emit`]), and the files of their own that the exports
//! write (the framework as YAML, JSON, CASE, CTDL-ASN, a workbook or one HTML page; the board's
//! form). Writers take documents and reports; they never filter or ask a query.

mod form;
mod html;
mod markdown;
mod table;
#[cfg(feature = "xlsx")]
mod xlsx;

use std::io::{self, Write};

pub use self::form::form_html;
use crate::formats::{case, ctdl, json};
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
}

impl Format {
    /// Formats read by people, for which an empty result is also said on stderr.
    pub fn is_for_people(self) -> bool {
        matches!(self, Format::Table | Format::Markdown)
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
    /// Matched words in colour (a marked [`Grid`] on a terminal).
    pub color: bool,
}

/// Writes a report in a format.
pub fn emit<R: Report + ?Sized>(out: &mut dyn Write, style: Style, report: &R) -> io::Result<()> {
    match style.format {
        Format::Table => table::document(out, &report.document(), style.width, style.color),
        Format::Markdown => markdown::document(out, &report.markdown()),
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

/// The framework model as JSON: the form `--data` reads, and a lossless export.
pub fn framework_json(out: &mut dyn Write, framework: &Framework) -> io::Result<()> {
    json::write_value(out, framework)
}

/// The framework model as YAML: the form `--data` reads, and a lossless export.
pub fn framework_yaml(out: &mut dyn Write, framework: &Framework) -> io::Result<()> {
    let text = serde_saphyr::to_string(framework).map_err(io::Error::other)?;
    out.write_all(text.as_bytes())
}

/// Links between two frameworks as a CASE 1.1 package (see [`case::alignment_package`]).
pub fn alignment_case(
    out: &mut dyn Write,
    from: &Framework,
    to: &Framework,
    links: &[case::AlignedPair],
    changed: &str,
) -> io::Result<()> {
    json::write_value(out, &case::alignment_package(from, to, links, changed))
}

/// An alignment file's YAML, after a line naming its schema for editors.
pub fn alignment_yaml(alignment: &crate::model::Alignment) -> io::Result<String> {
    let text = serde_saphyr::to_string(alignment).map_err(io::Error::other)?;
    Ok(format!("# yaml-language-server: $schema=alignment.schema.json\n{text}"))
}

/// A framework as CASE 1.1 packages (see [`case`]), a JSON array (or, for a framework read
/// from one CASE package, that package). Returns what was changed to fit CASE 1.1, a line each.
pub fn case_packages(
    out: &mut dyn Write,
    framework: &Framework,
    changed: &str,
) -> io::Result<Vec<String>> {
    let packages = case::packages(framework, changed);
    json::write_value(out, &packages)?;
    Ok(packages.changes.into_inner().lines())
}

/// A framework as CTDL-ASN JSON-LD (see [`ctdl`]). Returns what it could not hold, a line each.
pub fn ctdl_graph(out: &mut dyn Write, framework: &Framework) -> io::Result<Vec<String>> {
    let (graph, dropped) = ctdl::graph(framework);
    json::write_value(out, &graph)?;
    Ok(dropped)
}

/// A framework as an XLSX workbook: entries, tags, a crosswalk per scheme.
pub fn framework_xlsx(
    out: &mut dyn Write,
    framework: &Framework,
    crosswalks: &[crate::query::Crosswalk],
) -> io::Result<()> {
    #[cfg(feature = "xlsx")]
    return xlsx::framework_xlsx(out, framework, crosswalks);
    #[cfg(not(feature = "xlsx"))]
    return Err(without_xlsx((out, framework, crosswalks)));
}

/// The board's form as an XLSX workbook: the requirements, the crosswalk, the modules.
pub fn form_xlsx(out: &mut dyn Write, form: &crate::query::Form) -> io::Result<()> {
    #[cfg(feature = "xlsx")]
    return xlsx::form_xlsx(out, form);
    #[cfg(not(feature = "xlsx"))]
    return Err(without_xlsx((out, form)));
}

/// Why a build without the `xlsx` feature writes no workbook (what it was given, unused).
#[cfg(not(feature = "xlsx"))]
fn without_xlsx<T>(_: T) -> io::Error {
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
