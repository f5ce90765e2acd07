//! Renderers: plain rows from `query` in, text out. A renderer never filters.
//!
//! Table and Markdown show the same human columns (a [`Grid`]); CSV, JSON and JSON Lines show
//! every field, for programs.

pub mod case;
mod csv;
mod html;
mod json;
mod markdown;
mod table;

use std::io::{self, Write};

use crate::load::Problem;
use crate::model::label_name;
use crate::query::{
    CategorySummary, Coverage, Crosswalk, EntryRow, FrameworkSummary, Overlap, ShownEntry,
    TagCount, TagRow,
};

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
    /// The last row holds totals, to be set apart from the rest.
    pub totals_row: bool,
    /// Shorter headings for a terminal too narrow for `header`, with a legend to print under
    /// the table in their place.
    pub compact: Option<Compact>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Compact {
    pub header: Vec<String>,
    pub legend: Vec<String>,
}

const INFERRED_MARK: &str = "*";
const INFERRED_LEGEND: &str = "* inferred: not printed in the source (peercomp show ID says why)";

/// Rows in any format: a grid for people (table, Markdown), `csv` for spreadsheets, the rows
/// themselves in JSON.
fn tabular<T: serde::Serialize>(
    out: &mut dyn Write,
    style: Style,
    rows: &[T],
    grid: impl FnOnce() -> Grid,
    csv: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    match style.format {
        Format::Table => table::grid(out, &grid(), style.width),
        Format::Markdown => markdown::grid(out, &grid()),
        Format::Csv => csv(out),
        Format::Json => json::array(out, rows),
        Format::Jsonl => json::lines(out, rows),
    }
}

/// The framework model as JSON: the form `--data` reads, and a lossless export.
pub fn framework_json(out: &mut dyn Write, framework: &crate::model::Framework) -> io::Result<()> {
    json::value(out, framework)
}

/// The framework model as YAML: the form `--data` reads, and a lossless export.
pub fn framework_yaml(out: &mut dyn Write, framework: &crate::model::Framework) -> io::Result<()> {
    let text = serde_saphyr::to_string(framework).map_err(io::Error::other)?;
    out.write_all(text.as_bytes())
}

/// A framework as CASE 1.1 packages (see [`case`]), a JSON array.
pub fn case_packages(
    out: &mut dyn Write,
    framework: &crate::model::Framework,
    changed: &str,
) -> io::Result<()> {
    json::value(out, &case::packages(framework, changed))
}

/// One self-contained HTML page: the crosswalks as heat maps, every entry, a filter box.
pub fn html_page(
    out: &mut dyn Write,
    framework: &crate::model::Framework,
    crosswalks: &[Crosswalk],
    sections: &[crate::query::Section],
) -> io::Result<()> {
    html::page(out, framework, crosswalks, sections)
}

/// A study guide in Markdown: a section per category, or with `by_tag` per code of a scheme.
pub fn study_guide(
    out: &mut dyn Write,
    framework: &crate::model::Framework,
    sections: &[crate::query::Section],
    by_tag: bool,
) -> io::Result<()> {
    markdown::study_guide(out, framework, sections, by_tag)
}

/// Entries as a CSV file for spreadsheets: the columns of `list --format csv`, after a UTF-8
/// byte-order mark, by which spreadsheets know the file's encoding.
pub fn entries_csv_file(out: &mut dyn Write, rows: &[EntryRow]) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    csv::entries(out, rows)
}

/// A coverage report: a summary, a row per group, a row per module, what no module covers.
pub fn coverage(out: &mut dyn Write, style: Style, report: &Coverage) -> io::Result<()> {
    let summary = coverage_summary(report);
    let uncovered = format!(
        "Not covered by any module ({}): {}",
        report.uncovered.len(),
        or_none(report.uncovered.join(" "))
    );
    match style.format {
        Format::Table => {
            writeln!(out, "{summary}\n")?;
            table::grid(out, &coverage_groups_grid(report), style.width)?;
            writeln!(out)?;
            table::grid(out, &coverage_modules_grid(report), style.width)?;
            writeln!(out, "\n{uncovered}")
        }
        Format::Markdown => {
            writeln!(
                out,
                "## {}\n\n{}\n",
                markdown::inline(report.curriculum),
                markdown::inline(&summary)
            )?;
            markdown::grid(out, &coverage_groups_grid(report))?;
            writeln!(out, "\n### Modules\n")?;
            markdown::grid(out, &coverage_modules_grid(report))?;
            writeln!(out, "\n{}", markdown::inline(&uncovered))
        }
        Format::Csv => csv::coverage(out, report),
        Format::Json => json::value(out, report),
        Format::Jsonl => json::lines(out, &report.groups),
    }
}

fn coverage_summary(report: &Coverage) -> String {
    let what = if report.include_subitems { "items and sub-items" } else { "items" };
    let hours = report.hours.map(|h| format!(", {} hours", trim_number(h))).unwrap_or_default();
    format!(
        "{}, mapped to {}: {} of {} {what} covered ({}){hours}",
        report.curriculum,
        report.framework,
        report.covered,
        report.total,
        report.percent.map_or("-".to_owned(), |p| format!("{p:.1}%")),
    )
}

/// "6", "2.5": hours without needless decimals.
fn trim_number(n: f64) -> String {
    let text = format!("{n:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A bar of ten cells for a percentage: "███████░░░".
fn bar(percent: Option<f64>) -> String {
    match percent {
        None => String::new(),
        Some(p) => {
            let filled = ((p / 10.0).round() as usize).min(10);
            format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled))
        }
    }
}

/// The text, or "none" where it is empty.
fn or_none(text: String) -> String {
    if text.is_empty() { "none".to_owned() } else { text }
}

fn coverage_groups_grid(report: &Coverage) -> Grid {
    let heading = if report.by == "category" { "CATEGORY" } else { "TAG" };
    let with_hours = report.hours.is_some();
    let mut header: Vec<String> = [heading, "LABEL", "COVERED", "%", ""].map(String::from).into();
    if with_hours {
        header.push("HOURS".to_owned());
    }
    header.push("UNCOVERED".to_owned());
    let rows = report
        .groups
        .iter()
        .map(|g| {
            let mut row = vec![
                g.group.clone(),
                g.label.to_owned(),
                format!("{}/{}", g.covered, g.total),
                g.percent.map_or("-".to_owned(), |p| format!("{p:.1}")),
                bar(g.percent),
            ];
            if with_hours {
                row.push(g.hours.map(trim_number).unwrap_or_default());
            }
            row.push(g.uncovered.join(" "));
            row
        })
        .collect();
    let numeric = if with_hours { vec![2, 3, 5] } else { vec![2, 3] };
    Grid { header, rows, numeric, footnote: None, totals_row: false, compact: None }
}

fn coverage_modules_grid(report: &Coverage) -> Grid {
    let header =
        ["MODULE", "TITLE", "HOURS", "COVERS", "ONLY THIS MODULE"].map(String::from).into();
    let rows = report
        .modules
        .iter()
        .map(|m| {
            vec![
                m.id.to_owned(),
                m.title.to_owned(),
                m.hours.map(trim_number).unwrap_or_default(),
                m.covers.len().to_string(),
                m.unique.join(" "),
            ]
        })
        .collect();
    Grid { header, rows, numeric: vec![2, 3], footnote: None, totals_row: false, compact: None }
}

/// Problems found in framework files. For people, one `file:line:column: message` line each,
/// as compilers print them, so that editors can jump to them; nothing where there are none.
pub fn problems(out: &mut dyn Write, style: Style, problems: &[Problem]) -> io::Result<()> {
    match style.format {
        Format::Table => problems.iter().try_for_each(|p| writeln!(out, "{p}")),
        _ => tabular(
            out,
            style,
            problems,
            || problems_grid(problems),
            |out| csv::problems(out, problems),
        ),
    }
}

fn problems_grid(problems: &[Problem]) -> Grid {
    let header = ["FILE", "LINE", "COLUMN", "KIND", "MESSAGE"].map(String::from).into();
    let rows = problems
        .iter()
        .map(|p| {
            let number = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
            vec![
                p.file.clone(),
                number(p.line),
                number(p.column),
                p.kind.as_str().to_owned(),
                p.message.clone(),
            ]
        })
        .collect();
    Grid { header, rows, numeric: vec![1, 2], footnote: None, totals_row: false, compact: None }
}

pub fn entries(out: &mut dyn Write, style: Style, rows: &[EntryRow]) -> io::Result<()> {
    tabular(out, style, rows, || entries_grid(rows), |out| csv::entries(out, rows))
}

/// Entries as Markdown task lists (`- [ ]`) under a heading per category, and per framework
/// where there are several; `titles` maps framework ids to titles.
pub fn checklist(
    out: &mut dyn Write,
    rows: &[EntryRow],
    titles: &[(&str, &str)],
) -> io::Result<()> {
    markdown::checklist(out, rows, titles)
}

pub fn frameworks(out: &mut dyn Write, style: Style, rows: &[FrameworkSummary]) -> io::Result<()> {
    tabular(out, style, rows, || frameworks_grid(rows), |out| csv::frameworks(out, rows))
}

fn frameworks_grid(rows: &[FrameworkSummary]) -> Grid {
    let header = ["ID", "TITLE", "SOURCE", "CATEGORIES", "ITEMS", "SUB-ITEMS", "SCHEMES"]
        .map(String::from)
        .into();
    let rows = rows
        .iter()
        .map(|f| {
            vec![
                f.id.to_owned(),
                f.title.to_owned(),
                f.source.map(|source| source_line(f.title, source)).unwrap_or_default(),
                f.categories.to_string(),
                f.items.to_string(),
                f.subitems.to_string(),
                f.schemes.join(" "),
            ]
        })
        .collect();
    Grid { header, rows, numeric: vec![3, 4, 5], footnote: None, totals_row: false, compact: None }
}

/// What the title does not already say of a framework's source: its publisher and date, else
/// its own title, else the document it was taken from.
fn source_line(title: &str, source: &crate::model::Source) -> String {
    if let Some(details) = source.details() {
        details
    } else if source.title != title {
        source.title.clone()
    } else {
        source.document.clone().unwrap_or_default()
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
    tabular(out, style, rows, || tags_grid(rows), |out| csv::tag_counts(out, rows))
}

/// `schemes` names the scheme columns: (id, short name), in order.
pub fn categories(
    out: &mut dyn Write,
    style: Style,
    rows: &[CategorySummary],
    schemes: &[(&str, &str)],
) -> io::Result<()> {
    tabular(
        out,
        style,
        rows,
        || categories_grid(rows, schemes),
        |out| csv::categories(out, rows, schemes),
    )
}

/// How to lay out a crosswalk for people and spreadsheets (JSON always has ids, by category).
#[derive(Debug, Clone, Copy, Default)]
pub struct CrosswalkLayout {
    /// The ids of the entries in the cells instead of their number.
    pub ids: bool,
    /// Codes in rows and categories in columns.
    pub transpose: bool,
}

pub fn crosswalk(
    out: &mut dyn Write,
    style: Style,
    crosswalk: &Crosswalk,
    layout: CrosswalkLayout,
) -> io::Result<()> {
    match style.format {
        Format::Table => table::grid(out, &crosswalk_grid(crosswalk, layout), style.width),
        Format::Markdown => markdown::grid(out, &crosswalk_grid(crosswalk, layout)),
        Format::Csv => csv::crosswalk(out, crosswalk, layout),
        Format::Json => json::value(out, crosswalk),
        Format::Jsonl => json::lines(out, &crosswalk.rows),
    }
}

pub fn overlaps(out: &mut dyn Write, style: Style, overlaps: &[Overlap]) -> io::Result<()> {
    tabular(out, style, overlaps, || overlaps_grid(overlaps), |out| csv::overlaps(out, overlaps))
}

/// A cell of the crosswalk: the number of entries or their ids; `·` where there are none.
fn crosswalk_cell(ids: &[&str], layout: CrosswalkLayout) -> String {
    match ids {
        [] => "·".to_owned(),
        _ if layout.ids => ids.join(" "),
        _ => ids.len().to_string(),
    }
}

/// A column heading: the tag, and under it the name from its label ("IC&RC Domain 1:
/// Advocacy" -> "Advocacy") wrapped to a narrow column, three lines at most. A label with no
/// name ("RFC Best Practice 1") adds nothing to the tag. `peercomp tags` has labels in full.
fn column_heading(tag: &str, label: &str) -> String {
    const WIDTH: usize = 16;
    const LINES: usize = 3;
    let Some(name) = label_name(label) else {
        return tag.to_owned();
    };
    let mut lines: Vec<String> = vec![String::new()];
    for word in name.split_whitespace() {
        let line = lines.last_mut().expect("never empty");
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > WIDTH {
            lines.push(String::new());
        }
        let line = lines.last_mut().expect("never empty");
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if lines.len() > LINES {
        lines.truncate(LINES);
        lines[LINES - 1].push('…');
    }
    std::iter::once(tag.to_owned()).chain(lines).collect::<Vec<_>>().join("\n")
}

fn crosswalk_grid(cw: &Crosswalk, layout: CrosswalkLayout) -> Grid {
    let mut header = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    if layout.transpose {
        header.push("TAG".to_owned());
        header.extend(cw.rows.iter().map(|r| r.category.id.to_owned()));
        for (c, column) in cw.columns.iter().enumerate() {
            let mut row = vec![format!(
                "{} {}",
                column.tag,
                label_name(column.label).unwrap_or(column.label)
            )];
            row.extend(cw.rows.iter().map(|r| crosswalk_cell(&r.cells.0[c].1, layout)));
            row.push(cw.totals.0[c].1.to_string());
            rows.push(row);
        }
        let mut totals = vec!["Total".to_owned()];
        totals.extend(cw.rows.iter().map(|r| r.total.to_string()));
        totals.push(cw.total.to_string());
        rows.push(totals);
    } else {
        header.push("CATEGORY".to_owned());
        header.extend(cw.columns.iter().map(|c| column_heading(&c.tag, c.label)));
        for r in &cw.rows {
            let mut row = vec![format!("{} {}", r.category.id, r.category.title)];
            row.extend(r.cells.0.iter().map(|(_, ids)| crosswalk_cell(ids, layout)));
            row.push(r.total.to_string());
            rows.push(row);
        }
        let mut totals = vec!["Total".to_owned()];
        totals.extend(cw.totals.0.iter().map(|(_, n)| n.to_string()));
        totals.push(cw.total.to_string());
        rows.push(totals);
    }
    header.push("TOTAL".to_owned());
    let width = header.len();
    let numeric = if layout.ids { vec![width - 1] } else { (1..width).collect() };
    let compact =
        (!layout.transpose).then(|| {
            let mut header = vec![format!("CATEGORY \\ {}", cw.by)];
            header.extend(cw.columns.iter().map(|c| {
                c.tag.split_once(':').map_or(c.tag.as_str(), |(_, code)| code).to_owned()
            }));
            header.push("TOTAL".to_owned());
            let legend = cw.columns.iter().map(|c| format!("{}  {}", c.tag, c.label)).collect();
            Compact { header, legend }
        });
    Grid { header, rows, numeric, footnote: None, totals_row: true, compact }
}

fn overlaps_grid(overlaps: &[Overlap]) -> Grid {
    let header = ["SCORE", "KIND", "A", "B", "TEXT A", "TEXT B"].map(String::from).into();
    let rows = overlaps
        .iter()
        .map(|o| {
            vec![
                format!("{:.3}", o.score),
                o.kind.as_str().to_owned(),
                o.a.to_owned(),
                o.b.to_owned(),
                o.entries[0].text.to_owned(),
                o.entries[1].text.to_owned(),
            ]
        })
        .collect();
    Grid { header, rows, numeric: vec![0], footnote: None, totals_row: false, compact: None }
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
        totals_row: false,
        compact: None,
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
    Grid {
        header,
        rows,
        numeric: vec![offset + 2, offset + 3],
        footnote: None,
        totals_row: false,
        compact: None,
    }
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
        totals_row: false,
        compact: None,
    }
}
