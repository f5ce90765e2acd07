//! Renderers: plain rows from `query` in, text out. A renderer never filters.
//!
//! Table and Markdown show the same human columns (a [`Grid`]); CSV, JSON and JSON Lines show
//! every field, for programs.

mod csv;
mod json;
mod markdown;
mod table;

use std::io::{self, Write};

use crate::query::{CategorySummary, EntryRow, ShownEntry, TagCount, TagRow};

/// An output format, as `--format` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Table,
    Json,
    Jsonl,
    Csv,
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
    pub format: Format,
    /// Columns the table may take; `None` leaves lines unwrapped (output to a pipe).
    pub width: Option<u16>,
}

/// Columns for people: a header, rows of cells, and which columns hold numbers.
#[derive(Debug, Clone, Default)]
pub(crate) struct Grid {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub numeric: Vec<usize>,
    /// A line under the grid, such as the legend of a marker used in it.
    pub footnote: Option<String>,
}

const INFERRED_MARK: &str = "*";
const INFERRED_LEGEND: &str = "* inferred: not printed in the source (peercomp show ID says why)";

pub fn entries(out: &mut dyn Write, style: Style, rows: &[EntryRow]) -> io::Result<()> {
    match style.format {
        Format::Table => table::grid(out, &entries_grid(rows), style.width),
        Format::Markdown => markdown::grid(out, &entries_grid(rows)),
        Format::Csv => csv::entries(out, rows),
        Format::Json => json::array(out, rows),
        Format::Jsonl => json::lines(out, rows),
    }
}

pub fn shown(out: &mut dyn Write, style: Style, shown: &[ShownEntry]) -> io::Result<()> {
    match style.format {
        Format::Table => table::shown(out, shown, style.width),
        Format::Markdown => markdown::shown(out, shown),
        Format::Csv => {
            let rows: Vec<EntryRow> = shown
                .iter()
                .flat_map(|s| std::iter::once(&s.entry).chain(&s.subitems))
                .cloned()
                .collect();
            csv::entries(out, &rows)
        }
        Format::Json => json::array(out, shown),
        Format::Jsonl => json::lines(out, shown),
    }
}

pub fn tag_counts(out: &mut dyn Write, style: Style, rows: &[TagCount]) -> io::Result<()> {
    match style.format {
        Format::Table => table::grid(out, &tags_grid(rows), style.width),
        Format::Markdown => markdown::grid(out, &tags_grid(rows)),
        Format::Csv => csv::tag_counts(out, rows),
        Format::Json => json::array(out, rows),
        Format::Jsonl => json::lines(out, rows),
    }
}

/// `schemes` names the scheme columns: (id, short name), in order.
pub fn categories(
    out: &mut dyn Write,
    style: Style,
    rows: &[CategorySummary],
    schemes: &[(&str, &str)],
) -> io::Result<()> {
    match style.format {
        Format::Table => table::grid(out, &categories_grid(rows, schemes), style.width),
        Format::Markdown => markdown::grid(out, &categories_grid(rows, schemes)),
        Format::Csv => csv::categories(out, rows, schemes),
        Format::Json => json::array(out, rows),
        Format::Jsonl => json::lines(out, rows),
    }
}

fn several_frameworks<'a>(mut ids: impl Iterator<Item = &'a str>) -> bool {
    let first = ids.next();
    ids.any(|id| Some(id) != first)
}

/// "icrc:1 rfc:6*": an entry's tags, inferred ones marked.
fn tag_list(tags: &[TagRow]) -> String {
    tags.iter()
        .map(|t| if t.inferred { format!("{}{INFERRED_MARK}", t.tag) } else { t.tag.clone() })
        .collect::<Vec<_>>()
        .join(" ")
}

fn entries_grid(rows: &[EntryRow]) -> Grid {
    let with_framework = several_frameworks(rows.iter().map(|r| r.framework));
    let with_title = rows.iter().any(|r| r.title.is_some());
    let mut header = vec!["ID".to_owned()];
    if with_framework {
        header.insert(0, "FRAMEWORK".to_owned());
    }
    if with_title {
        header.push("TITLE".to_owned());
    }
    header.extend(["TEXT".to_owned(), "TAGS".to_owned()]);
    let rows_out = rows
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
            cells.push(tag_list(&r.tags));
            cells
        })
        .collect();
    let any_inferred = rows.iter().flat_map(|r| &r.tags).any(|t| t.inferred);
    Grid {
        header,
        rows: rows_out,
        numeric: vec![],
        footnote: any_inferred.then(|| INFERRED_LEGEND.to_owned()),
    }
}

fn tags_grid(rows: &[TagCount]) -> Grid {
    let with_framework = several_frameworks(rows.iter().map(|r| r.framework));
    let mut header: Vec<String> = ["TAG", "LABEL", "ENTRIES", "INFERRED"].map(String::from).into();
    if with_framework {
        header.insert(0, "FRAMEWORK".to_owned());
    }
    let offset = usize::from(with_framework);
    let rows = rows
        .iter()
        .map(|r| {
            let mut cells = vec![
                r.tag.clone(),
                r.label.to_owned(),
                r.entries.to_string(),
                r.inferred.to_string(),
            ];
            if with_framework {
                cells.insert(0, r.framework.to_owned());
            }
            cells
        })
        .collect();
    Grid { header, rows, numeric: vec![offset + 2, offset + 3], footnote: None }
}

fn categories_grid(rows: &[CategorySummary], schemes: &[(&str, &str)]) -> Grid {
    let with_framework = several_frameworks(rows.iter().map(|r| r.framework));
    let mut header: Vec<String> =
        ["ID", "TITLE", "DESCRIPTION", "ITEMS", "SUB-ITEMS"].map(String::from).into();
    header.extend(schemes.iter().map(|(_, name)| name.to_string()));
    if with_framework {
        header.insert(0, "FRAMEWORK".to_owned());
    }
    let offset = usize::from(with_framework);
    let rows = rows
        .iter()
        .map(|r| {
            let mut cells = vec![
                r.id.to_owned(),
                r.title.to_owned(),
                r.description.unwrap_or_default().to_owned(),
                r.items.to_string(),
                r.subitems.to_string(),
            ];
            // A scheme another framework defines stays blank, not 0.
            cells.extend(
                schemes
                    .iter()
                    .map(|(id, _)| r.tagged.get(id).map(ToString::to_string).unwrap_or_default()),
            );
            if with_framework {
                cells.insert(0, r.framework.to_owned());
            }
            cells
        })
        .collect();
    Grid {
        header,
        rows,
        numeric: (offset + 3..offset + 5 + schemes.len()).collect(),
        footnote: None,
    }
}
