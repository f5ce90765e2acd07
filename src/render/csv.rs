//! CSV (RFC 4180, UTF-8, with a header row): every field, for spreadsheets and scripts.
//! A list inside a cell (tags, notes) is joined with "; ", in the same order across the
//! `tags`, `as_written` and `inferred` columns.

use std::io::{self, Write};

use super::CrosswalkLayout;
use crate::load::Problem;
use crate::query::{
    CategorySummary, Coverage, Crosswalk, EntryRow, FrameworkSummary, Overlap, TagCount,
};

fn writer(out: &mut dyn Write) -> csv::Writer<&mut dyn Write> {
    csv::Writer::from_writer(out)
}

/// csv reports I/O errors wrapped; unwrap them so that a closed pipe stays recognisable.
fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

fn joined<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items.into_iter().collect::<Vec<_>>().join("; ")
}

pub(super) fn entries(out: &mut dyn Write, rows: &[EntryRow]) -> io::Result<()> {
    let mut w = writer(out);
    w.write_record([
        "framework",
        "id",
        "parent",
        "category",
        "category_title",
        "title",
        "text",
        "tags",
        "as_written",
        "inferred",
        "notes",
    ])
    .map_err(io_error)?;
    for r in rows {
        let tags = joined(r.tags.iter().map(|t| t.tag.as_str()));
        let as_written = joined(r.tags.iter().map(|t| t.as_written.unwrap_or_default()));
        let inferred = joined(r.tags.iter().map(|t| if t.inferred { "true" } else { "false" }));
        let notes = joined(r.notes.iter().map(String::as_str));
        w.write_record([
            r.framework,
            r.id,
            r.parent.unwrap_or_default(),
            r.category.id,
            r.category.title,
            r.title.unwrap_or_default(),
            r.text,
            &tags,
            &as_written,
            &inferred,
            &notes,
        ])
        .map_err(io_error)?;
    }
    w.flush()
}

pub(super) fn tag_counts(out: &mut dyn Write, rows: &[TagCount]) -> io::Result<()> {
    let mut w = writer(out);
    w.write_record(["framework", "tag", "scheme", "code", "label", "entries", "inferred"])
        .map_err(io_error)?;
    for r in rows {
        w.write_record([
            r.framework,
            &r.tag,
            r.scheme,
            r.code.unwrap_or_default(),
            r.label,
            &r.entries.to_string(),
            &r.inferred.to_string(),
        ])
        .map_err(io_error)?;
    }
    w.flush()
}

pub(super) fn categories(
    out: &mut dyn Write,
    rows: &[CategorySummary],
    schemes: &[(&str, &str)],
) -> io::Result<()> {
    let mut w = writer(out);
    let mut header: Vec<&str> =
        vec!["framework", "id", "title", "description", "items", "subitems"];
    header.extend(schemes.iter().map(|(id, _)| *id));
    w.write_record(&header).map_err(io_error)?;
    for r in rows {
        let mut record = vec![
            r.framework.to_owned(),
            r.id.to_owned(),
            r.title.to_owned(),
            r.description.unwrap_or_default().to_owned(),
            r.items.to_string(),
            r.subitems.to_string(),
        ];
        record.extend(
            schemes
                .iter()
                .map(|(id, _)| r.tagged.get(id).map(ToString::to_string).unwrap_or_default()),
        );
        w.write_record(&record).map_err(io_error)?;
    }
    w.flush()
}

/// The matrix alone, without totals, for spreadsheets to sum as they like. A cell holds the
/// number of entries, or with `--ids` their ids separated by spaces.
pub(super) fn crosswalk(
    out: &mut dyn Write,
    cw: &Crosswalk,
    layout: CrosswalkLayout,
) -> io::Result<()> {
    let mut w = writer(out);
    let cell = |ids: &[&str]| if layout.ids { ids.join(" ") } else { ids.len().to_string() };
    if layout.transpose {
        let mut header = vec!["tag".to_owned(), "label".to_owned()];
        header.extend(cw.rows.iter().map(|r| r.category.id.to_owned()));
        w.write_record(&header).map_err(io_error)?;
        for (c, column) in cw.columns.iter().enumerate() {
            let mut record = vec![column.tag.clone(), column.label.to_owned()];
            record.extend(cw.rows.iter().map(|r| cell(&r.cells.0[c].1)));
            w.write_record(&record).map_err(io_error)?;
        }
    } else {
        let mut header = vec!["category".to_owned(), "title".to_owned()];
        header.extend(cw.columns.iter().map(|c| c.tag.clone()));
        w.write_record(&header).map_err(io_error)?;
        for r in &cw.rows {
            let mut record = vec![r.category.id.to_owned(), r.category.title.to_owned()];
            record.extend(r.cells.0.iter().map(|(_, ids)| cell(ids)));
            w.write_record(&record).map_err(io_error)?;
        }
    }
    w.flush()
}

pub(super) fn overlaps(out: &mut dyn Write, overlaps: &[Overlap]) -> io::Result<()> {
    let mut w = writer(out);
    w.write_record(["a", "b", "score", "kind", "a_framework", "b_framework", "a_text", "b_text"])
        .map_err(io_error)?;
    for o in overlaps {
        w.write_record([
            o.a,
            o.b,
            &format!("{:.3}", o.score),
            o.kind.as_str(),
            o.entries[0].framework,
            o.entries[1].framework,
            o.entries[0].text,
            o.entries[1].text,
        ])
        .map_err(io_error)?;
    }
    w.flush()
}

pub(super) fn frameworks(out: &mut dyn Write, rows: &[FrameworkSummary]) -> io::Result<()> {
    let mut w = writer(out);
    w.write_record([
        "id",
        "title",
        "source",
        "publisher",
        "date",
        "categories",
        "items",
        "subitems",
        "schemes",
    ])
    .map_err(io_error)?;
    for f in rows {
        w.write_record([
            f.id,
            f.title,
            f.source.map_or("", |s| &s.title),
            f.source.and_then(|s| s.publisher.as_deref()).unwrap_or_default(),
            f.source.and_then(|s| s.date.as_deref()).unwrap_or_default(),
            &f.categories.to_string(),
            &f.items.to_string(),
            &f.subitems.to_string(),
            &f.schemes.join(" "),
        ])
        .map_err(io_error)?;
    }
    w.flush()
}

pub(super) fn problems(out: &mut dyn Write, problems: &[Problem]) -> io::Result<()> {
    let mut w = writer(out);
    w.write_record(["file", "line", "column", "kind", "message"]).map_err(io_error)?;
    for p in problems {
        let number = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
        w.write_record([
            p.file.as_str(),
            &number(p.line),
            &number(p.column),
            p.kind.as_str(),
            &p.message,
        ])
        .map_err(io_error)?;
    }
    w.flush()
}

/// A row per group, after a row `all` for the whole framework.
pub(super) fn coverage(out: &mut dyn Write, report: &Coverage) -> io::Result<()> {
    let mut w = writer(out);
    w.write_record(["group", "label", "total", "covered", "percent", "hours", "uncovered"])
        .map_err(io_error)?;
    let number = |n: Option<f64>| n.map(|n| n.to_string()).unwrap_or_default();
    let all = (
        "all",
        report.framework,
        report.total,
        report.covered,
        report.percent,
        report.hours,
        &report.uncovered,
    );
    let groups = report
        .groups
        .iter()
        .map(|g| (g.group.as_str(), g.label, g.total, g.covered, g.percent, g.hours, &g.uncovered));
    for (group, label, total, covered, percent, hours, uncovered) in
        std::iter::once(all).chain(groups)
    {
        w.write_record([
            group,
            label,
            &total.to_string(),
            &covered.to_string(),
            &number(percent),
            &number(hours),
            &uncovered.join(" "),
        ])
        .map_err(io_error)?;
    }
    w.flush()
}
