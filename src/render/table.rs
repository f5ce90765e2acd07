//! Terminal tables (comfy-table), wrapped to the terminal's width when there is one.

use std::io::{self, Write};

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};

use super::{Grid, INFERRED_LEGEND, tag_list};
use crate::query::{EntryRow, ShownEntry};

fn new_table(width: Option<u16>) -> Table {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    if let Some(width) = width {
        table.set_content_arrangement(ContentArrangement::Dynamic).set_width(width);
    }
    table
}

pub(super) fn grid(out: &mut dyn Write, grid: &Grid, width: Option<u16>) -> io::Result<()> {
    let mut table = new_table(width);
    table.set_header(grid.header.clone());
    table.add_rows(grid.rows.iter().cloned());
    for &i in &grid.numeric {
        if let Some(column) = table.column_mut(i) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    writeln!(out, "{table}")?;
    if let Some(note) = &grid.footnote {
        writeln!(out, "{note}")?;
    }
    Ok(())
}

/// One card per entry: a field per row, sub-items last.
pub(super) fn shown(
    out: &mut dyn Write,
    shown: &[ShownEntry],
    width: Option<u16>,
) -> io::Result<()> {
    let mut any_inferred = false;
    for (i, s) in shown.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let e = &s.entry;
        let mut table = new_table(width);
        table.add_row(vec!["id".to_owned(), e.id.to_owned()]);
        table.add_row(vec!["framework".to_owned(), e.framework.to_owned()]);
        table.add_row(vec![
            "category".to_owned(),
            format!("{} {}", e.category.id, e.category.title),
        ]);
        if let Some(parent) = e.parent {
            table.add_row(vec!["parent".to_owned(), parent.to_owned()]);
        }
        if let Some(title) = e.title {
            table.add_row(vec!["title".to_owned(), title.to_owned()]);
        }
        table.add_row(vec!["text".to_owned(), e.text.to_owned()]);
        if let Some(as_written) = e.as_written {
            table.add_row(vec!["as written".to_owned(), as_written.to_owned()]);
        }
        let tags: Vec<String> = e
            .tags
            .iter()
            .map(|t| {
                let mut line = format!("{}  {}", t.tag, t.label);
                if let Some(w) = t.as_written {
                    line.push_str(&format!(" (as written: \"{w}\")"));
                }
                if t.inferred {
                    line.push_str(" (inferred)");
                }
                line
            })
            .collect();
        table.add_row(vec!["tags".to_owned(), or_none(tags.join("\n"))]);
        if !e.notes.is_empty() {
            let notes: Vec<String> = e.notes.iter().map(|n| format!("• {n}")).collect();
            table.add_row(vec!["notes".to_owned(), notes.join("\n")]);
        }
        if !s.subitems.is_empty() {
            table.add_row(vec!["sub-items".to_owned(), subitem_lines(&s.subitems)]);
            any_inferred |= s.subitems.iter().flat_map(|e| &e.tags).any(|t| t.inferred);
        }
        writeln!(out, "{table}")?;
    }
    if any_inferred {
        writeln!(out, "{INFERRED_LEGEND}")?;
    }
    Ok(())
}

fn subitem_lines(subitems: &[EntryRow]) -> String {
    subitems
        .iter()
        .map(|e| match tag_list(&e.tags) {
            tags if tags.is_empty() => format!("{}  {}", e.id, e.text),
            tags => format!("{}  {}  [{tags}]", e.id, e.text),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn or_none(s: String) -> String {
    if s.is_empty() { "none".to_owned() } else { s }
}
