//! Terminal tables (comfy-table), wrapped to the terminal's width when there is one.

use std::io::{self, Write};

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};

use super::{Grid, INFERRED_LEGEND, or_none, tag_list};
use crate::query::{EntryRow, ShownEntry};

fn new_table(width: Option<u16>) -> Table {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    if let Some(width) = width {
        table.set_content_arrangement(ContentArrangement::Dynamic).set_width(width);
    }
    table
}

fn build(grid: &Grid, header: &[String], width: Option<u16>) -> Table {
    let mut table = new_table(width);
    table.set_header(header.to_vec());
    table.add_rows(grid.rows.iter().cloned());
    for &i in &grid.numeric {
        if let Some(column) = table.column_mut(i) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    table
}

/// The narrowest the table can be without breaking a word: each column as wide as its longest
/// word plus padding, and the borders between them.
fn narrowest(header: &[String], rows: &[Vec<String>]) -> usize {
    let longest_word =
        |text: &str| text.split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0);
    let columns: usize = (0..header.len())
        .map(|c| {
            let body = rows.iter().filter_map(|r| r.get(c)).map(|t| longest_word(t)).max();
            longest_word(&header[c]).max(body.unwrap_or(0)) + 2
        })
        .sum();
    columns + header.len() + 1
}

pub(super) fn grid(out: &mut dyn Write, grid: &Grid, width: Option<u16>) -> io::Result<()> {
    let too_narrow = width.is_some_and(|w| narrowest(&grid.header, &grid.rows) > usize::from(w));
    let (header, legend) = match &grid.compact {
        Some(compact) if too_narrow => (&compact.header, compact.legend.as_slice()),
        _ => (&grid.header, &[][..]),
    };
    let text = build(grid, header, width).to_string();
    let lines: Vec<&str> = text.lines().collect();
    // comfy-table has no rule above a single row, so the header's rule is drawn again above
    // the totals row: the last row, whose first cell is its label.
    let totals_start = grid.rows.last().filter(|_| grid.totals_row).and_then(|totals| {
        let label = format!("│ {} ", totals.first()?);
        lines.iter().rposition(|line| line.starts_with(&label))
    });
    let rule = lines.iter().find(|line| line.starts_with('╞'));
    for (i, line) in lines.iter().enumerate() {
        if let (Some(rule), Some(start)) = (rule, totals_start)
            && i == start
        {
            writeln!(out, "{rule}")?;
        }
        writeln!(out, "{line}")?;
    }
    for line in legend {
        writeln!(out, "{line}")?;
    }
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
        if let Some(item_type) = e.item_type {
            table.add_row(vec!["type".to_owned(), item_type.to_owned()]);
        }
        if let Some(code) = e.code {
            table.add_row(vec!["code".to_owned(), code.to_owned()]);
        }
        if !e.relations.is_empty() {
            let lines: Vec<String> =
                e.relations.iter().map(|r| format!("{} {}", r.kind, r.target)).collect();
            table.add_row(vec!["relations".to_owned(), lines.join("\n")]);
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
