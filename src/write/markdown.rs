//! Documents as GitHub-flavoured Markdown: grids as tables, cards as a heading and a list of
//! fields, text escaped so that it shows as written.

use crate::text::visible;
use std::io::{self, Write};

use comfy_table::{CellAlignment, Table, presets};

use crate::report::{Block, Card, Document, FieldValue, Grid, Inline, MARK_CLOSE, MARK_OPEN, Span};

pub(super) fn document(out: &mut dyn Write, document: &Document) -> io::Result<()> {
    for (i, block) in document.0.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        match block {
            Block::Heading(level, text) => {
                writeln!(out, "{} {}", "#".repeat(usize::from(*level)), inline(text))?
            }
            Block::Text(text) | Block::Note(text) => writeln!(out, "{}", inline(text))?,
            Block::Grid(g) => grid(out, g)?,
            Block::Card(c) => card(out, c)?,
            Block::List(items) => {
                for item in items {
                    let indent = "  ".repeat(item.depth);
                    let task = if item.task { "[ ] " } else { "" };
                    writeln!(out, "{indent}- {task}{}", inline(&item.text))?;
                }
            }
        }
    }
    Ok(())
}

/// Text with Markdown's special characters escaped, so that it shows as written.
fn escape(text: &str) -> String {
    let text = visible(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Inline content: text escaped, emphasis marked, on one line.
fn inline(text: &Inline) -> String {
    let mut out = String::new();
    for span in &text.0 {
        match span {
            Span::Text(t) => out.push_str(&escape(t)),
            Span::Strong(t) => out.push_str(&format!("**{}**", escape(t))),
            Span::Emphasis(t) => out.push_str(&format!("_{}_", escape(t))),
            // A code span cannot escape a backtick: a longer fence around it instead.
            Span::Code(t) if t.contains('`') => out.push_str(&format!("`` {} ``", visible(t))),
            Span::Code(t) => out.push_str(&format!("`{}`", visible(t))),
            Span::Gap => out.push(' '),
        }
    }
    out.replace('\n', " ")
}

/// A cell's text made safe inside a Markdown table row.
fn cell(text: &str) -> String {
    escape(text).replace('\n', "<br>")
}

fn grid(out: &mut dyn Write, grid: &Grid) -> io::Result<()> {
    let mut table = Table::new();
    table.load_style(presets::ASCII_MARKDOWN);
    table.set_header(grid.header.iter().map(|h| cell(h)).collect::<Vec<_>>());
    // A match is bold; mark characters elsewhere are text of no width, left as they are.
    let cell = |text: &String| match grid.marked {
        true => cell(text).replace([MARK_OPEN, MARK_CLOSE], "**"),
        false => cell(text),
    };
    table.add_rows(grid.rows.iter().map(|row| row.iter().map(cell).collect::<Vec<_>>()));
    for &i in &grid.numeric {
        if let Some(column) = table.column_mut(i) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    writeln!(out, "{table}")
}

/// A card: its heading, then a bullet per field, a list field's items under it.
fn card(out: &mut dyn Write, card: &Card) -> io::Result<()> {
    writeln!(out, "## {}\n", inline(&card.heading))?;
    for field in card.fields.iter().filter(|f| !f.terminal_only) {
        let mut label = field.label.to_owned();
        if let Some(first) = label.get(..1) {
            label.replace_range(..1, &first.to_uppercase());
        }
        match &field.value {
            FieldValue::One(text) => writeln!(out, "- **{label}:** {}", inline(text))?,
            FieldValue::Many(items) | FieldValue::Bullets(items) if items.is_empty() => {
                writeln!(out, "- **{label}:** none")?
            }
            FieldValue::Many(items) | FieldValue::Bullets(items) => {
                writeln!(out, "- **{label}:**")?;
                for item in items {
                    writeln!(out, "  - {}", inline(item))?;
                }
            }
        }
    }
    Ok(())
}
