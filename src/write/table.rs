//! Documents on a terminal: grids and cards as tables (comfy-table), wrapped to the terminal's
//! width when there is one, and unwrapped in a pipe so that every row stays on one line.

use crate::text::visible;
use std::io::{self, Write};

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};

use crate::report::{
    Block, Card, Document, FieldValue, Grid, Inline, MARK_CLOSE, MARK_OPEN, or_none,
};

pub(super) fn document(
    out: &mut dyn Write,
    document: &Document,
    width: Option<u16>,
    color: bool,
    plain: bool,
) -> io::Result<()> {
    let mut first = true;
    for block in &document.0 {
        if matches!(block, Block::Heading(..)) {
            continue;
        }
        if !first && !matches!(block, Block::Note(_)) {
            writeln!(out)?;
        }
        first = false;
        match block {
            Block::Heading(..) => {}
            Block::Text(text) | Block::Note(text) => {
                writeln!(out, "{}", wrap(&visible(&text.plain()), width))?
            }
            Block::Grid(g) if plain => plain_grid(out, g, color)?,
            Block::Card(card) if plain => plain_card(out, card)?,
            Block::Grid(g) => grid(out, g, width, color)?,
            Block::Card(card) => writeln!(out, "{}", self::card(card, width))?,
            Block::List(items) => {
                for item in items {
                    let indent = "  ".repeat(item.depth);
                    let task = if item.task { "[ ] " } else { "" };
                    writeln!(out, "{indent}- {task}{}", visible(&item.text.plain()))?;
                }
            }
        }
    }
    Ok(())
}

/// A paragraph broken between words into lines of at most `width` columns (a word longer than
/// that on a line of its own); unchanged where there is no width (a pipe).
fn wrap(text: &str, width: Option<u16>) -> String {
    let Some(width) = width.map(usize::from) else {
        return text.to_owned();
    };
    let mut out = String::with_capacity(text.len() + text.len() / width.max(1));
    for (i, paragraph) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut column = 0;
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let length = word.chars().count();
            if column > 0 && column + 1 + length > width {
                out.push('\n');
                column = 0;
            } else if column > 0 {
                out.push(' ');
                column += 1;
            }
            out.push_str(word);
            column += length;
        }
    }
    out
}

fn new_table(width: Option<u16>) -> Table {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    if let Some(width) = width {
        table.set_content_arrangement(ContentArrangement::Dynamic).set_width(width);
    }
    table
}

/// A cell's text as the table gets it: control characters escaped and, on a terminal, any word
/// longer than the terminal is wide broken into lines that fit, so that laying out the table
/// costs time in proportion to the text (comfy-table's own splitting of one long word grows with
/// its square: a 1 MB word took 12 s).
fn cell(text: &str, width: Option<u16>) -> String {
    let text = visible(text);
    let Some(width) = width.map(|w| usize::from(w).max(1)) else {
        return text.into_owned();
    };
    if !text.split_whitespace().any(|word| word.chars().count() > width) {
        return text.into_owned();
    }
    let mut out = String::with_capacity(text.len() + text.len() / width + 1);
    let mut run = 0;
    for c in text.chars() {
        if c.is_whitespace() {
            run = 0;
        } else if run == width {
            out.push('\n');
            run = 0;
        }
        if !c.is_whitespace() {
            run += 1;
        }
        out.push(c);
    }
    out
}

fn build(rows: &[Vec<String>], grid: &Grid, header: &[String], width: Option<u16>) -> Table {
    let mut table = new_table(width);
    table.set_header(header.iter().map(|h| cell(h, width)));
    // Row cells arrive ready: escaped, and shaped for the width.
    table.add_rows(rows.iter().cloned());
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

fn grid(out: &mut dyn Write, grid: &Grid, width: Option<u16>, color: bool) -> io::Result<()> {
    let Some(w) = width else {
        // A pipe: every row and every heading on one line, so that grep and cut work.
        let one_line = |t: &String| visible(t).replace('\n', " ");
        let rows: Vec<Vec<String>> =
            grid.rows.iter().map(|row| row.iter().map(one_line).collect()).collect();
        let header: Vec<String> =
            grid.pipe_header.as_ref().unwrap_or(&grid.header).iter().map(one_line).collect();
        return write_table(out, grid, &rows, &header, &[], None, color);
    };
    let mut rows: Vec<Vec<String>> =
        grid.rows.iter().map(|row| row.iter().map(|c| cell(c, width)).collect()).collect();
    let fits = |header: &[String], rows: &[Vec<String>]| narrowest(header, rows) <= usize::from(w);
    let mut legend: Vec<String> = Vec::new();
    let header = match &grid.compact {
        Some(compact) if !fits(&grid.header, &rows) => {
            // Codes for headings, and where that is not enough, short row labels: both with a
            // legend, before any word is broken.
            let mut header = compact.header.clone();
            if let Some(short) = &compact.rows
                && !fits(&compact.header, &rows)
            {
                for (row, label) in rows.iter_mut().zip(&short.labels) {
                    row[0] = label.clone();
                }
                header[0] = short.heading.clone();
                legend.extend(short.legend.iter().cloned());
            }
            legend.extend(compact.legend.iter().cloned());
            header
        }
        _ => grid.header.clone(),
    };
    write_table(out, grid, &rows, &header, &legend, width, color)
}

/// The table itself, the totals row set apart, and the legend under it.
fn write_table(
    out: &mut dyn Write,
    grid: &Grid,
    rows: &[Vec<String>],
    header: &[String],
    legend: &[String],
    width: Option<u16>,
    color: bool,
) -> io::Result<()> {
    let mut text = build(rows, grid, header, width).to_string();
    if grid.marked {
        text = paint(&text, color);
    }
    let lines: Vec<&str> = text.lines().collect();
    // comfy-table has no rule above a single row, so the header's rule is drawn again above
    // the totals row: the last row, whose first cell is its label.
    let totals_start = rows.last().filter(|_| grid.totals_row).and_then(|totals| {
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
    Ok(())
}

/// A laid-out table with its marks (see [`super::marked`]) turned into colour, or taken out.
/// A mark still open at the end of a line (a long word broken over two) is closed there, so
/// that colour never runs into the table's rules.
fn paint(text: &str, color: bool) -> String {
    let style = anstyle::Style::new().bold().fg_color(Some(anstyle::AnsiColor::Red.into()));
    let (open, close) = (style.render().to_string(), style.render_reset().to_string());
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut is_open = false;
    for c in text.chars() {
        match c {
            MARK_OPEN if color => {
                out.push_str(&open);
                is_open = true;
            }
            MARK_CLOSE if color && is_open => {
                out.push_str(&close);
                is_open = false;
            }
            MARK_OPEN | MARK_CLOSE => {}
            '\n' if is_open => {
                out.push_str(&close);
                out.push('\n');
                is_open = false;
            }
            c => out.push(c),
        }
    }
    if is_open {
        out.push_str(&close);
    }
    out
}

/// A cell of a plain table, on one line: a tab or a line break of its own becomes a space.
fn plain_cell(text: &str) -> String {
    visible(text).chars().map(|c| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c }).collect()
}

/// A grid in a pipe, as gh prints one: its heading, then a line per row, the cells between
/// tabs, unpadded, so that `head`, `grep`, `cut -f` and `sort` work on it. Matches are coloured
/// where colour is asked for, and their marks taken out.
fn plain_grid(out: &mut dyn Write, grid: &Grid, color: bool) -> io::Result<()> {
    let header = grid.pipe_header.as_ref().unwrap_or(&grid.header);
    let line = |cells: &[String]| {
        paint(&cells.iter().map(|c| plain_cell(c)).collect::<Vec<_>>().join("\t"), color)
    };
    writeln!(out, "{}", line(header))?;
    for row in &grid.rows {
        writeln!(out, "{}", line(row))?;
    }
    Ok(())
}

/// A card in a pipe: a line per field, its label, a tab and its value; a list's further items
/// on lines of their own after a tab.
fn plain_card(out: &mut dyn Write, card: &Card) -> io::Result<()> {
    for field in &card.fields {
        let values: Vec<String> = match &field.value {
            FieldValue::One(text) => vec![text.plain()],
            FieldValue::Many(items) | FieldValue::Bullets(items) => {
                items.iter().map(Inline::plain).collect()
            }
        };
        let none = values.is_empty().then(|| or_none(String::new()));
        let mut label = field.label.to_owned();
        for value in values.iter().map(|v| paint(&plain_cell(v), false)).chain(none) {
            writeln!(out, "{label}\t{value}")?;
            label.clear();
        }
    }
    Ok(())
}

/// A card as a two-column table: a field per row, a list one item per line.
fn card(card: &Card, width: Option<u16>) -> Table {
    let mut table = new_table(width);
    for field in &card.fields {
        let value = match &field.value {
            FieldValue::One(text) => text.plain(),
            FieldValue::Many(items) => {
                or_none(items.iter().map(Inline::plain).collect::<Vec<_>>().join("\n"))
            }
            FieldValue::Bullets(items) => or_none(
                items.iter().map(|i| format!("• {}", i.plain())).collect::<Vec<_>>().join("\n"),
            ),
        };
        table.add_row(vec![field.label.to_owned(), cell(&value, width)]);
    }
    table
}
