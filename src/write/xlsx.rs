//! A framework as an XLSX workbook: the entries (the columns `export --to csv` writes, which
//! `--data FILE.xlsx` reads back), the tags, and a crosswalk per tag scheme, its cells counts
//! (numbers) and, below, the same grid with the entries' ids.

use std::io::{self, Write};

use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};

use crate::formats::sheet::SHEET_COLUMNS;
use crate::model::Framework;
use crate::query::{Crosswalk, Form};
use crate::report::entry_cells;

/// Writes the workbook.
pub(super) fn framework_xlsx(
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

    // A row per entry, written in order: in constant memory (each row goes to a temporary file
    // as the next begins, its texts inline), not held whole until the workbook is saved.
    let sheet = workbook.add_worksheet_with_constant_memory()?.set_name("Entries")?;
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
    let mut used: Vec<String> = vec!["entries".into(), "tags".into()];
    for crosswalk in crosswalks {
        let name = sheet_name(&format!("By {}", crosswalk.by), &mut used);
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

/// Writes the form as an XLSX workbook: a summary sheet of the requirements, the crosswalk a
/// row per competency and module, and the modules; numbers as numbers, bold headers, the header
/// row frozen, widths set for reading.
pub(super) fn form_xlsx(out: &mut dyn Write, form: &Form) -> io::Result<()> {
    let bytes =
        form_workbook(form).and_then(|mut w| w.save_to_buffer()).map_err(io::Error::other)?;
    out.write_all(&bytes)
}

fn form_workbook(form: &Form) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    // Every cell at the top of its row, where a wrapped neighbour starts.
    let plain = Format::new().set_align(FormatAlign::Top);
    let bold = plain.clone().set_bold();
    let header = bold.clone().set_background_color(0xEEF1F5);
    let wrap = plain.clone().set_text_wrap();
    let number = plain.clone().set_num_format("0.##");
    let short = bold.clone().set_font_color(0xA4161A);

    let sheet = workbook.add_worksheet().set_name("Requirements")?;
    let widths = [10.0, 42.0, 10.0, 10.0, 10.0, 30.0];
    let titles = ["Group", "Requirement", "Required", "Planned", "Met", "Status"];
    head(sheet, &titles, &widths, &header)?;
    print_setup(sheet, form.credential)?;
    let mut row = 1;
    for line in form.summary() {
        // The total's name and, where met, its status in bold; what is short in red.
        let name = if line.total { &bold } else { &plain };
        let status = match (line.met, line.total) {
            (false, _) => &short,
            (true, true) => &bold,
            (true, false) => &plain,
        };
        sheet.write_string_with_format(row, 0, line.group, name)?;
        sheet.write_string_with_format(
            row,
            1,
            line.label,
            if line.total { &plain } else { &wrap },
        )?;
        if let Some(required) = line.required {
            sheet.write_number_with_format(row, 2, required, &number)?;
        }
        sheet.write_number_with_format(row, 3, line.planned, &number)?;
        sheet.write_string_with_format(row, 4, if line.met { "yes" } else { "no" }, &plain)?;
        sheet.write_string_with_format(row, 5, &line.status, status)?;
        fit_row(sheet, row, &[(line.label, widths[1])])?;
        row += 1;
    }
    row += 1;
    let facts = [
        ("Training", form.curriculum),
        ("Credential", form.credential),
        ("Verdict", &form.verdict),
        ("Source", form.source),
    ];
    // Each fact across the columns right of its name, wrapped: text that ran on past the last
    // column would be cut where the page ends.
    let across: f64 = widths[1..].iter().sum();
    for (term, value) in facts {
        sheet.write_string_with_format(row, 0, term, &bold)?;
        sheet.merge_range(row, 1, row, 5, value, &wrap)?;
        fit_row(sheet, row, &[(value, across)])?;
        row += 1;
    }

    let sheet = workbook.add_worksheet().set_name("Crosswalk")?;
    let titles = [
        "Group",
        "Requirement",
        "Competency",
        "Statement",
        "Module",
        "Module title",
        "Hours",
        "How",
    ];
    let widths = [9.0, 28.0, 11.0, 50.0, 8.0, 30.0, 8.0, 50.0];
    head(sheet, &titles, &widths, &header)?;
    print_setup(sheet, form.credential)?;
    let mut row = 1;
    for group in &form.groups {
        for r in &group.rows {
            sheet.write_string_with_format(row, 0, group.group, &plain)?;
            sheet.write_string_with_format(row, 1, &group.label, &wrap)?;
            sheet.write_string_with_format(row, 2, &r.competency, &plain)?;
            sheet.write_string_with_format(row, 3, &r.statement, &wrap)?;
            sheet.write_string_with_format(row, 4, r.module.unwrap_or_default(), &plain)?;
            sheet.write_string_with_format(
                row,
                5,
                r.module_title.unwrap_or("not covered"),
                &wrap,
            )?;
            if let Some(h) = r.exact_hours {
                sheet.write_number_with_format(row, 6, h, &number)?;
            }
            let how = r.how.as_deref().unwrap_or_default();
            sheet.write_string_with_format(row, 7, how, &wrap)?;
            let module_title = r.module_title.unwrap_or("not covered");
            let wrapped = [
                (group.label.as_str(), widths[1]),
                (r.statement.as_str(), widths[3]),
                (module_title, widths[5]),
                (how, widths[7]),
            ];
            fit_row(sheet, row, &wrapped)?;
            row += 1;
        }
    }
    sheet.autofilter(0, 0, row.saturating_sub(1).max(1), 7)?;

    let sheet = workbook.add_worksheet().set_name("Modules")?;
    let widths = [8.0, 40.0, 8.0, 60.0];
    head(sheet, &["Module", "Title", "Hours", "How it is taught"], &widths, &header)?;
    print_setup(sheet, form.credential)?;
    for (i, m) in form.modules.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string_with_format(row, 0, m.id, &plain)?;
        sheet.write_string_with_format(row, 1, m.title, &wrap)?;
        if let Some(h) = m.hours {
            sheet.write_number_with_format(row, 2, h, &number)?;
        }
        let description = m.description.as_deref().unwrap_or_default();
        sheet.write_string_with_format(row, 3, description, &wrap)?;
        fit_row(sheet, row, &[(m.title, widths[1]), (description, widths[3])])?;
    }
    Ok(workbook)
}

/// How a form's sheet prints: landscape on US Letter, one page wide (never a column on a page
/// of its own), the header row on every page, the credential and the sheet's name above, the
/// page number below.
fn print_setup(sheet: &mut Worksheet, credential: &str) -> Result<(), XlsxError> {
    // In a header `&` starts a code: a text's own is doubled. A header holds 255 characters.
    let credential: String = credential.replace('&', "&&").chars().take(200).collect();
    sheet
        .set_landscape()
        .set_paper_size(1)
        .set_print_fit_to_pages(1, 0)
        .set_margins(0.5, 0.5, 0.75, 0.75, 0.3, 0.3)
        .set_header(format!("&L{credential}&R&A"))
        .set_footer("&CPage &P of &N");
    sheet.set_repeat_rows(0, 0)?;
    Ok(())
}

/// Points a line of wrapped text takes (Calibri 11, and the fonts that stand in for it).
const LINE_HEIGHT: f64 = 15.0;

/// Makes a row as tall as its most wrapped cell needs: a spreadsheet grows a row for its text
/// when it shows it, but not always when it prints (LibreOffice's PDF printed wrapped text over
/// the next row).
fn fit_row(sheet: &mut Worksheet, row: u32, cells: &[(&str, f64)]) -> Result<(), XlsxError> {
    let lines = cells.iter().map(|&(text, width)| wrapped_lines(text, width)).max().unwrap_or(1);
    if lines > 1 {
        sheet.set_row_height(row, LINE_HEIGHT * lines as f64)?;
    }
    Ok(())
}

/// The lines a text takes wrapped in a column `width` characters wide: words kept whole, a
/// word longer than a line broken, each line break kept. A column's width counts the digit
/// zero, which is wider than most letters, so the estimate errs tall, never short.
fn wrapped_lines(text: &str, width: f64) -> usize {
    let per_line = (width.floor() as usize).max(1);
    text.split('\n')
        .map(|paragraph| {
            let (mut lines, mut used) = (1, 0);
            for word in paragraph.split_whitespace() {
                let length = word.chars().count();
                used = match used {
                    0 => length,
                    _ if used + 1 + length <= per_line => used + 1 + length,
                    _ => {
                        lines += 1;
                        length
                    }
                };
                while used > per_line {
                    lines += 1;
                    used -= per_line;
                }
            }
            lines
        })
        .sum::<usize>()
        .max(1)
}

/// A sheet's header row, bold and frozen, and its columns' widths.
fn head(
    sheet: &mut Worksheet,
    titles: &[&str],
    widths: &[f64],
    format: &Format,
) -> Result<(), XlsxError> {
    for (col, (title, width)) in titles.iter().zip(widths).enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, *title, format)?;
        sheet.set_column_width(col, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A sheet's name from `wanted`, as a workbook takes it: without `[]:*?/\`, at most 31
/// characters, not ending in `'`, and unlike every name `used` as a workbook compares them
/// (ignoring case): `By icrc` and `By ICRC` are one name to Excel, and so are two long ids that
/// share their first 28 characters once cut. A name taken gets ` (2)`, ` (3)`, ... within the 31.
fn sheet_name(wanted: &str, used: &mut Vec<String>) -> String {
    let clean: String = wanted.chars().filter(|c| !"[]:*?/\\".contains(*c)).collect();
    let cut = |text: &str, room: usize| -> String {
        let cut: String = text.chars().take(room).collect();
        cut.trim_end_matches('\'').to_owned()
    };
    let mut name = cut(&clean, 31);
    let mut n = 1;
    while used.iter().any(|u| *u == name.to_lowercase()) {
        n += 1;
        let suffix = format!(" ({n})");
        name = format!("{}{suffix}", cut(&clean, 31 - suffix.len()));
    }
    used.push(name.to_lowercase());
    name
}

#[cfg(test)]
mod tests {
    use super::{sheet_name, wrapped_lines};

    #[test]
    fn sheet_names_are_unique_as_a_workbook_compares_them() {
        let mut used = vec!["entries".to_owned(), "tags".to_owned()];
        let long = "By an-identifier-of-forty-characters-long";
        let names: Vec<String> =
            ["By icrc", "By ICRC", "Tags", long, &format!("{long}-b"), "By x'"]
                .iter()
                .map(|w| sheet_name(w, &mut used))
                .collect();
        assert_eq!(
            names,
            [
                "By icrc",
                "By ICRC (2)",
                "Tags (2)",
                "By an-identifier-of-forty-chara",
                "By an-identifier-of-forty-c (2)",
                "By x"
            ]
        );
        assert!(names.iter().all(|n| n.chars().count() <= 31));
    }

    #[test]
    fn wrapped_lines_keep_words_whole_and_break_only_what_is_longer_than_a_line() {
        assert_eq!(wrapped_lines("", 10.0), 1);
        assert_eq!(wrapped_lines("one two", 7.0), 1, "exactly full");
        assert_eq!(wrapped_lines("one two", 6.0), 2);
        assert_eq!(wrapped_lines("one two three", 9.0), 2, "'one two' then 'three'");
        assert_eq!(wrapped_lines("abcdefghij", 4.0), 3, "a long word broken: 4 + 4 + 2");
        assert_eq!(wrapped_lines("a\nb\n\nc", 40.0), 4, "each line break kept");
        assert_eq!(wrapped_lines("x", 0.2), 1, "never fewer than one character a line");
    }
}
