//! Any report as a page to print: `--format html`. The report's document (headings, paragraphs,
//! tables, records, lists) as one self-contained HTML page with print CSS; a checklist's items
//! are boxes to tick, on screen or with a pen. Nothing is fetched.

use std::io::{self, Write};

use super::html::escape;
use crate::report::{Block, Card, Document, FieldValue, Grid, Inline, MARK_CLOSE, MARK_OPEN, Span};
use crate::text::visible;

const STYLE: &str = r#"
:root { --ink: #1d2330; --muted: #545d6e; --line: #c9ced8; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 1.8rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin-top: 1.4rem; }
table { border-collapse: collapse; margin: .6rem 0 1.2rem; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
td.number { text-align: right; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dt { font-weight: 600; } dd { margin: 0; }
ul.tasks { list-style: none; padding-left: 0; }
ul.tasks ul.tasks { padding-left: 1.6rem; }
ul.tasks li { margin: .25rem 0; }
ul.tasks label { display: flex; gap: .5rem; align-items: baseline; }
ul.tasks input { width: 1rem; height: 1rem; flex: none; }
code { font-size: .9em; background: #eef1f5; padding: 0 .2rem; border-radius: 3px; }
mark { background: #fff1a8; color: inherit; }
.note { color: var(--muted); }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2, h3 { break-after: avoid; } li, tr { break-inside: avoid; }
  thead { display: table-header-group; }
  code { background: none; padding: 0; }
}
"#;

/// Writes the document as a page: its first heading is its title.
pub(super) fn document(out: &mut dyn Write, document: &Document) -> io::Result<()> {
    let title = document
        .0
        .iter()
        .find_map(|b| match b {
            Block::Heading(_, text) => Some(text.plain()),
            Block::Card(card) => Some(card.heading.plain()),
            _ => None,
        })
        .unwrap_or_else(|| "peercomp".to_owned());
    writeln!(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")?;
    writeln!(
        out,
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>",
        escape(&title)
    )?;
    if !matches!(document.0.first(), Some(Block::Heading(1, _))) {
        writeln!(out, "<h1>{}</h1>", escape(&title))?;
    }
    for block in &document.0 {
        match block {
            Block::Heading(level, text) => {
                let level = (*level).clamp(1, 6);
                writeln!(out, "<h{level}>{}</h{level}>", inline(text))?;
            }
            Block::Text(text) => writeln!(out, "<p>{}</p>", inline(text))?,
            Block::Note(text) => writeln!(out, "<p class=\"note\">{}</p>", inline(text))?,
            Block::Grid(grid) => self::grid(out, grid)?,
            Block::Card(card) => self::card(out, card)?,
            Block::List(items) => list(out, items)?,
        }
    }
    writeln!(out, "</main>\n</body>\n</html>")
}

/// Text with its emphasis; a cell's matched words as marks.
fn inline(text: &Inline) -> String {
    let mut html = String::new();
    for span in &text.0 {
        match span {
            Span::Text(t) => html.push_str(&marked(t)),
            Span::Strong(t) => html.push_str(&format!("<strong>{}</strong>", marked(t))),
            Span::Emphasis(t) => html.push_str(&format!("<em>{}</em>", marked(t))),
            Span::Code(t) => html.push_str(&format!("<code>{}</code>", escape(&visible(t)))),
            Span::Gap => html.push(' '),
        }
    }
    html
}

/// A text escaped, its matched words (between the report's marks) in `<mark>`.
fn marked(text: &str) -> String {
    let escaped = escape(&visible(text));
    let (mut html, mut open) = (String::with_capacity(escaped.len()), false);
    for c in escaped.chars() {
        match c {
            MARK_OPEN if !open => {
                html.push_str("<mark>");
                open = true;
            }
            MARK_CLOSE if open => {
                html.push_str("</mark>");
                open = false;
            }
            MARK_OPEN | MARK_CLOSE => {}
            c => html.push(c),
        }
    }
    if open {
        html.push_str("</mark>");
    }
    html
}

fn grid(out: &mut dyn Write, grid: &Grid) -> io::Result<()> {
    let header = grid.pipe_header.as_ref().unwrap_or(&grid.header);
    writeln!(out, "<table>\n<thead><tr>")?;
    for heading in header {
        write!(out, "<th scope=\"col\">{}</th>", marked(heading))?;
    }
    writeln!(out, "</tr></thead>\n<tbody>")?;
    for row in &grid.rows {
        write!(out, "<tr>")?;
        for (n, cell) in row.iter().enumerate() {
            let cell = marked(cell).replace('\n', "<br>");
            match (n, grid.numeric.contains(&n)) {
                (0, _) => write!(out, "<th scope=\"row\">{cell}</th>")?,
                (_, true) => write!(out, "<td class=\"number\">{cell}</td>")?,
                (_, false) => write!(out, "<td>{cell}</td>")?,
            }
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody>\n</table>")
}

fn card(out: &mut dyn Write, card: &Card) -> io::Result<()> {
    writeln!(out, "<h2>{}</h2>\n<dl>", inline(&card.heading))?;
    for field in card.fields.iter().filter(|f| !f.terminal_only) {
        let value = match &field.value {
            FieldValue::One(text) => inline(text),
            FieldValue::Many(items) | FieldValue::Bullets(items) if items.is_empty() => {
                "none".into()
            }
            FieldValue::Many(items) | FieldValue::Bullets(items) => {
                items.iter().map(inline).collect::<Vec<_>>().join("<br>")
            }
        };
        writeln!(out, "<dt>{}</dt><dd>{value}</dd>", escape(field.label))?;
    }
    writeln!(out, "</dl>")
}

/// A list; a checklist's items each with a box, labelled by its text, and sub-items nested
/// under their item.
fn list(out: &mut dyn Write, items: &[crate::report::ListItem]) -> io::Result<()> {
    let tasks = items.iter().any(|i| i.task);
    let open = if tasks { "<ul class=\"tasks\">" } else { "<ul>" };
    writeln!(out, "{open}")?;
    let mut depth = 0;
    for item in items {
        while depth < item.depth {
            writeln!(out, "{open}")?;
            depth += 1;
        }
        while depth > item.depth {
            writeln!(out, "</ul>")?;
            depth -= 1;
        }
        // The box inside its label: its text names it, with no id to keep unique.
        match item.task {
            true => writeln!(
                out,
                "<li><label><input type=\"checkbox\"> {}</label></li>",
                inline(&item.text)
            )?,
            false => writeln!(out, "<li>{}</li>", inline(&item.text))?,
        }
    }
    for _ in 0..depth {
        writeln!(out, "</ul>")?;
    }
    writeln!(out, "</ul>")
}
