//! GitHub-flavoured Markdown: tables for lists, a section per entry for `show`.

use std::collections::HashSet;
use std::io::{self, Write};

use comfy_table::{CellAlignment, Table, presets};

use super::{Grid, INFERRED_LEGEND, tag_list};
use crate::model::Framework;
use crate::query::{EntryRow, Section, ShownEntry};

/// Text with Markdown's special characters escaped, so that it shows as written.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A cell's text made safe inside a Markdown table row.
fn cell(text: &str) -> String {
    escape(text).replace('\n', "<br>")
}

/// Text made safe as Markdown inline content.
pub(super) fn inline(text: &str) -> String {
    escape(text).replace('\n', " ")
}

pub(super) fn grid(out: &mut dyn Write, grid: &Grid) -> io::Result<()> {
    let mut table = Table::new();
    table.load_style(presets::ASCII_MARKDOWN);
    table.set_header(grid.header.iter().map(|h| cell(h)).collect::<Vec<_>>());
    table.add_rows(grid.rows.iter().map(|row| row.iter().map(|c| cell(c)).collect::<Vec<_>>()));
    for &i in &grid.numeric {
        if let Some(column) = table.column_mut(i) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    writeln!(out, "{table}")?;
    if let Some(note) = &grid.footnote {
        writeln!(out, "\n{}", inline(note))?;
    }
    Ok(())
}

pub(super) fn shown(out: &mut dyn Write, shown: &[ShownEntry]) -> io::Result<()> {
    let mut any_inferred = false;
    for (i, s) in shown.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let e = &s.entry;
        let heading = e
            .title
            .map_or_else(|| inline(e.text), |t| format!("{}: {}", inline(t), inline(e.text)));
        writeln!(out, "## {} {heading}\n", inline(e.id))?;
        writeln!(out, "- **Framework:** {}", inline(e.framework))?;
        writeln!(out, "- **Category:** {} {}", inline(e.category.id), inline(e.category.title))?;
        if let Some(parent) = e.parent {
            writeln!(out, "- **Parent:** {}", inline(parent))?;
        }
        if let Some(as_written) = e.as_written {
            writeln!(out, "- **As written:** {}", inline(as_written))?;
        }
        if e.tags.is_empty() {
            writeln!(out, "- **Tags:** none")?;
        } else {
            writeln!(out, "- **Tags:**")?;
            for t in &e.tags {
                write!(out, "  - `{}` {}", t.tag, inline(t.label))?;
                if let Some(w) = t.as_written {
                    write!(out, " (as written: \"{}\")", inline(w))?;
                }
                writeln!(out, "{}", if t.inferred { " (inferred)" } else { "" })?;
            }
        }
        if !e.notes.is_empty() {
            writeln!(out, "- **Notes:**")?;
            for n in e.notes {
                writeln!(out, "  - {}", inline(n))?;
            }
        }
        if let Some(item_type) = e.item_type {
            writeln!(out, "- **Type:** {}", inline(item_type))?;
        }
        if let Some(code) = e.code {
            writeln!(out, "- **Code:** {}", inline(code))?;
        }
        if !e.relations.is_empty() {
            writeln!(out, "- **Relations:**")?;
            for r in e.relations {
                writeln!(out, "  - {} {}", inline(&r.kind), inline(&r.target))?;
            }
        }
        if !s.subitems.is_empty() {
            writeln!(out, "- **Sub-items:**")?;
            for sub in &s.subitems {
                let tags = tag_list(&sub.tags);
                let tags = if tags.is_empty() { String::new() } else { format!(" `{tags}`") };
                writeln!(out, "  - {} {}{tags}", inline(sub.id), inline(sub.text))?;
                any_inferred |= sub.tags.iter().any(|t| t.inferred);
            }
        }
    }
    if any_inferred {
        writeln!(out, "\n{}", inline(INFERRED_LEGEND))?;
    }
    Ok(())
}

pub(super) fn checklist(
    out: &mut dyn Write,
    rows: &[EntryRow],
    titles: &[(&str, &str)],
) -> io::Result<()> {
    let several =
        rows.first().is_some_and(|first| rows.iter().any(|r| r.framework != first.framework));
    // The entries on the page, looked up once each, not searched for every row.
    let listed: HashSet<(&str, &str)> = rows.iter().map(|r| (r.framework, r.id)).collect();
    let mut framework = None;
    let mut category = None;
    for r in rows {
        if several && framework != Some(r.framework) {
            let title =
                titles.iter().find(|(id, _)| *id == r.framework).map_or(r.framework, |(_, t)| t);
            writeln!(out, "{}# {}\n", if framework.is_some() { "\n" } else { "" }, inline(title))?;
            category = None;
        }
        if framework != Some(r.framework) || category != Some(r.category.id) {
            let level = if several { "###" } else { "##" };
            let gap = if framework.is_some() && category.is_some() { "\n" } else { "" };
            writeln!(out, "{gap}{level} {}\n", inline(r.category.title))?;
        }
        framework = Some(r.framework);
        category = Some(r.category.id);
        // A sub-item listed under its item is indented below it.
        let under_parent = r.parent.is_some_and(|p| listed.contains(&(r.framework, p)));
        let indent = if under_parent { "  " } else { "" };
        let title = r.title.map(|t| format!("**{}**: ", inline(t))).unwrap_or_default();
        writeln!(out, "{indent}- [ ] {} {title}{}", inline(r.id), inline(r.text))?;
    }
    Ok(())
}

/// A study guide: the framework's title and source, then a section per category (or per code of
/// a scheme), each entry with its tags, sub-items under their items.
pub(super) fn study_guide(
    out: &mut dyn Write,
    framework: &Framework,
    sections: &[Section],
    by_tag: bool,
) -> io::Result<()> {
    writeln!(out, "# {}\n", inline(&framework.title))?;
    if let Some(source) = &framework.source {
        let details = source.details().map(|d| format!(" ({d})")).unwrap_or_default();
        writeln!(out, "Source: {}{}.\n", inline(&source.title), inline(&details))?;
    }
    let mut any_inferred = false;
    for section in sections {
        if by_tag {
            writeln!(out, "## {} (`{}`)\n", inline(section.title), section.key)?;
        } else {
            writeln!(out, "## {}. {}\n", inline(&section.key), inline(section.title))?;
        }
        if let Some(description) = section.description {
            writeln!(out, "{}\n", inline(description))?;
        }
        if section.entries.is_empty() {
            writeln!(out, "_No entry of this framework carries this tag._\n")?;
            continue;
        }
        let listed: HashSet<&str> = section.entries.iter().map(|e| e.id).collect();
        for e in &section.entries {
            let nested = e.parent.is_some_and(|p| listed.contains(p));
            let indent = if nested { "  " } else { "" };
            let title = e.title.map(|t| format!("**{}**: ", inline(t))).unwrap_or_default();
            let tags = tag_list(&e.tags);
            let tags = if tags.is_empty() { String::new() } else { format!(" `{tags}`") };
            let place = if by_tag {
                format!(" (category {})", inline(e.category.id))
            } else {
                String::new()
            };
            writeln!(out, "{indent}- **{}** {title}{}{tags}{place}", inline(e.id), inline(e.text))?;
            any_inferred |= e.tags.iter().any(|t| t.inferred);
        }
        writeln!(out)?;
    }
    if any_inferred {
        writeln!(out, "{}", inline(INFERRED_LEGEND))?;
    }
    Ok(())
}
