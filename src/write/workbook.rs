//! A framework as an XLSX workbook: the entries (the columns `export --to csv` writes, which
//! `--data FILE.xlsx` reads back), the tags, and a crosswalk per tag scheme, its cells counts
//! (numbers) and, below, the same grid with the entries' ids.

use std::io::{self, Write};

use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

use super::form::head;
use crate::model::Framework;
use crate::model::SHEET_COLUMNS;
use crate::query::Crosswalk;
use crate::report::entry_cells;

/// Writes the workbook.
pub fn framework_xlsx(
    out: &mut dyn Write,
    framework: &Framework,
    crosswalks: &[Crosswalk],
) -> io::Result<()> {
    let bytes = workbook(framework, crosswalks)
        .and_then(|mut w| w.save_to_buffer())
        .map_err(io::Error::other)?;
    out.write_all(&bytes)
}

fn workbook(framework: &Framework, crosswalks: &[Crosswalk]) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let header =
        Format::new().set_bold().set_background_color(0xEEF1F5).set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let top = Format::new().set_align(FormatAlign::Top);

    let sheet = workbook.add_worksheet().set_name("Entries")?;
    let widths = [12.0, 8.0, 8.0, 10.0, 30.0, 20.0, 60.0, 16.0, 24.0, 10.0, 40.0, 30.0];
    head(sheet, &SHEET_COLUMNS, &widths, &header)?;
    let frameworks = std::slice::from_ref(framework);
    let mut row = 1;
    for placed in crate::query::placed(frameworks) {
        for (col, cell) in entry_cells(&placed.row(false)).iter().enumerate() {
            let format = if matches!(col, 4 | 6 | 10 | 11) { &wrap } else { &top };
            sheet.write_string_with_format(row, col as u16, cell.as_ref(), format)?;
        }
        row += 1;
    }
    sheet.autofilter(0, 0, row.saturating_sub(1).max(1), SHEET_COLUMNS.len() as u16 - 1)?;

    // The tags: a row per scheme (no code) and per code, with how many entries carry it.
    let sheet = workbook.add_worksheet().set_name("Tags")?;
    head(
        sheet,
        &["scheme", "code", "name", "label", "entries"],
        &[10.0, 8.0, 10.0, 60.0, 8.0],
        &header,
    )?;
    let mut row = 1;
    for scheme in &framework.schemes {
        let carried = |wanted: &crate::model::TagRef| {
            framework
                .entries()
                .filter(|(e, _)| e.tags.iter().any(|t| t.tag.is_selected_by(wanted)))
                .count()
        };
        let whole = crate::model::TagRef::new(&scheme.id, None);
        sheet.write_string(row, 0, &scheme.id)?;
        sheet.write_string(row, 2, &scheme.name)?;
        sheet.write_string_with_format(row, 3, &scheme.label, &wrap)?;
        sheet.write_number(row, 4, carried(&whole) as f64)?;
        row += 1;
        for code in &scheme.codes {
            sheet.write_string(row, 0, &scheme.id)?;
            sheet.write_string(row, 1, &code.code)?;
            sheet.write_string_with_format(row, 3, &code.label, &wrap)?;
            let tag = crate::model::TagRef::new(&scheme.id, Some(&code.code));
            sheet.write_number(row, 4, carried(&tag) as f64)?;
            row += 1;
        }
    }

    // A crosswalk per scheme: counts, then ids.
    for crosswalk in crosswalks {
        let name: String = format!("By {}", crosswalk.by)
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(31)
            .collect();
        let sheet = workbook.add_worksheet().set_name(&name)?;
        let mut titles: Vec<&str> = vec!["category", "title"];
        titles.extend(crosswalk.columns.iter().map(|c| c.tag.as_str()));
        titles.push("total");
        let mut widths = vec![10.0, 40.0];
        widths.extend(crosswalk.columns.iter().map(|_| 10.0));
        widths.push(8.0);
        head(sheet, &titles, &widths, &header)?;
        let last = titles.len() as u16 - 1;
        let mut row = 1;
        for r in &crosswalk.rows {
            sheet.write_string(row, 0, r.category.id)?;
            sheet.write_string_with_format(row, 1, r.category.title, &wrap)?;
            for (i, (_, ids)) in r.cells.0.iter().enumerate() {
                sheet.write_number(row, 2 + i as u16, ids.len() as f64)?;
            }
            sheet.write_number(row, last, r.total as f64)?;
            row += 1;
        }
        sheet.write_string_with_format(row, 0, "total", &header)?;
        for (i, (_, n)) in crosswalk.totals.0.iter().enumerate() {
            sheet.write_number(row, 2 + i as u16, *n as f64)?;
        }
        sheet.write_number(row, last, crosswalk.total as f64)?;
        row += 2;
        sheet.write_string_with_format(row, 0, "the entries", &header)?;
        row += 1;
        for r in &crosswalk.rows {
            sheet.write_string(row, 0, r.category.id)?;
            sheet.write_string_with_format(row, 1, r.category.title, &wrap)?;
            for (i, (_, ids)) in r.cells.0.iter().enumerate() {
                sheet.write_string_with_format(row, 2 + i as u16, ids.join(", "), &wrap)?;
            }
            row += 1;
        }
        // The codes' labels, under their tags.
        row += 1;
        for column in &crosswalk.columns {
            sheet.write_string(row, 0, &column.tag)?;
            sheet.write_string(row, 1, column.label)?;
            row += 1;
        }
    }
    Ok(workbook)
}
