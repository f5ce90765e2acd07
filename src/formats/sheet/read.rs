//! Reading a framework from a spreadsheet: a CSV file, or an XLSX workbook's `Entries` sheet
//! (and its `Tags` sheet, where it has one), in the columns `export --to csv` and
//! `export --to xlsx` write. Only `category`, `id` and `text` are needed; `tags`, `parent`,
//! `category_title`, `title`, `as_written`, `inferred`, `notes` and `framework` are read where
//! they are. A row's parent is an entry of a row above it, so the rows nest without cycles.
//! Every problem is named at its row and column (and sheet).

use foldhash::{HashMap, HashMapExt};
use std::path::Path;

use super::SHEET_COLUMNS as KNOWN;
use crate::formats::{Problem, ProblemKind};
use crate::model::{
    Category, Entry, EntryFields, Framework, MAX_SUBITEM_DEPTH, Scheme, Tag, TagRef, Tags, shared,
};

/// The columns read, and those a sheet must have.
const REQUIRED: [&str; 3] = ["category", "id", "text"];

/// A sheet as text: its rows, each with its number (1 for the first), the first the header.
pub(crate) struct Sheet {
    /// How problems name it: the file, and the sheet of a workbook (`book.xlsx:Entries`).
    pub origin: String,
    pub rows: Vec<(u32, Vec<String>)>,
}

/// A tag scheme's rows of a `Tags` sheet: (scheme, code, name, label).
type TagRows = Vec<(String, Option<String>, String, String)>;

/// A framework from a spreadsheet file, or every problem of it: `text` is a CSV file's (the
/// format table says which files are CSV); without it the file is read as a workbook.
pub(crate) fn framework(path: &Path, text: Option<&str>) -> Result<Framework, Vec<Problem>> {
    let origin = path.display().to_string();
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("sheet").to_owned();
    let (sheet, tags) = match text {
        Some(text) => (csv_sheet(text, &origin)?, None),
        None => xlsx_sheets(path, &origin)?,
    };
    from_rows(&sheet, &stem, tags)
}

/// The line of a quote that opens a cell and is never closed, where there is one: the CSV
/// reader would take the rest of the file as that cell (2M rows once read as one entry).
fn unclosed_quote(text: &str) -> Option<u64> {
    let (mut line, mut quoted, mut opened) = (1u64, false, 0u64);
    for byte in text.bytes() {
        match byte {
            b'"' => {
                quoted = !quoted;
                if quoted {
                    opened = line;
                }
            }
            b'\n' => line += 1,
            _ => {}
        }
    }
    quoted.then_some(opened)
}

fn csv_sheet(text: &str, origin: &str) -> Result<Sheet, Vec<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(line) = unclosed_quote(text) {
        let problem = Problem::new(
            origin,
            ProblemKind::Syntax,
            "a quote opens a cell here and is never closed: the rest of the file would be that \
             cell; close it, or double a quote inside a quoted cell (\"\")",
        );
        return Err(vec![problem.at(Some((line, 1)))]);
    }
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line() as u32);
                rows.push((line, record.iter().map(unneutralised).collect()));
            }
            Err(e) => {
                let line = e.position().map(|p| p.line());
                let problem = Problem::new(origin, ProblemKind::Syntax, format!("not CSV: {e}"));
                return Err(vec![problem.at(line.map(|l| (l, 1)))]);
            }
        }
    }
    Ok(Sheet { origin: origin.to_owned(), rows })
}

/// What an id such as `5.1` was, where a spreadsheet program may have shortened it as a number:
/// `5.10` (LibreOffice and Excel read 5.10 as the number 5.1, and save it so).
fn shortened_number(id: &str) -> Option<String> {
    let (whole, fraction) = id.split_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(whole) && digits(fraction) && !fraction.ends_with('0')).then(|| format!("{id}0"))
}

/// A cell as it was before `export --to csv` kept a spreadsheet from running it as a formula
/// (`'=x` is `=x`).
fn unneutralised(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_owned(),
        _ => cell.to_owned(),
    }
}

#[cfg(feature = "xlsx")]
fn xlsx_sheets(path: &Path, origin: &str) -> Result<(Sheet, Option<TagRows>), Vec<Problem>> {
    use calamine::{Reader, Xlsx, open_workbook};
    let fail = |e: String| vec![Problem::new(origin, ProblemKind::Format, e)];
    let mut book: Xlsx<_> =
        open_workbook(path).map_err(|e| fail(format!("not an XLSX workbook: {e}")))?;
    let names = book.sheet_names();
    let entries = names
        .iter()
        .find(|n| n.eq_ignore_ascii_case("entries"))
        .or(names.first())
        .cloned()
        .ok_or_else(|| fail("a workbook with no sheets".to_owned()))?;
    let mut read = |name: &str| -> Result<Sheet, Vec<Problem>> {
        let range = book.worksheet_range(name).map_err(|e| fail(format!("sheet {name}: {e}")))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .enumerate()
            .map(|(i, row)| {
                let mut cells: Vec<String> = vec![String::new(); left as usize];
                cells.extend(row.iter().map(cell_text));
                (top + i as u32 + 1, cells)
            })
            .collect();
        Ok(Sheet { origin: format!("{origin}:{name}"), rows })
    };
    let sheet = read(&entries)?;
    let tags = match names.iter().find(|n| n.eq_ignore_ascii_case("tags")).cloned() {
        Some(name) => Some(tag_rows(&read(&name)?)?),
        None => None,
    };
    Ok((sheet, tags))
}

#[cfg(not(feature = "xlsx"))]
fn xlsx_sheets(_: &Path, origin: &str) -> Result<(Sheet, Option<TagRows>), Vec<Problem>> {
    Err(vec![Problem::new(origin, ProblemKind::Format, crate::formats::WITHOUT_XLSX)])
}

/// A cell as text: numbers as a spreadsheet shows them (`3`, not `3.0`).
#[cfg(feature = "xlsx")]
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// The `Tags` sheet `export --to xlsx` writes: scheme, code, name, label.
#[cfg(feature = "xlsx")]
fn tag_rows(sheet: &Sheet) -> Result<TagRows, Vec<Problem>> {
    let Some((_, header)) = sheet.rows.first() else { return Ok(vec![]) };
    let at = |name: &str| header.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
    let (Some(scheme), Some(code), Some(label)) = (at("scheme"), at("code"), at("label")) else {
        return Err(vec![
            Problem::new(
                &sheet.origin,
                ProblemKind::MissingField,
                "a Tags sheet needs the columns scheme, code and label (and may have name)",
            )
            .at(Some((1, 1))),
        ]);
    };
    let name = at("name");
    let get =
        |row: &[String], i: usize| row.get(i).map(|s| s.trim().to_owned()).unwrap_or_default();
    Ok(sheet.rows[1..]
        .iter()
        .filter(|(_, r)| !get(r, scheme).is_empty())
        .map(|(_, r)| {
            let code = Some(get(r, code)).filter(|c| !c.is_empty());
            let name = name.map(|n| get(r, n)).unwrap_or_default();
            (get(r, scheme), code, name, get(r, label))
        })
        .collect())
}

/// A column's letters: 0 is A, 26 is AA.
fn letters(mut column: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// The framework the rows give; `stem` (the file's name) is its id where no row names one.
pub(crate) fn from_rows(
    sheet: &Sheet,
    stem: &str,
    tag_rows: Option<TagRows>,
) -> Result<Framework, Vec<Problem>> {
    let Some((header_row, header)) = sheet.rows.first() else {
        return Err(vec![Problem::new(
            &sheet.origin,
            ProblemKind::Empty,
            "an empty sheet: a framework sheet needs the columns category, id and text",
        )]);
    };
    let mut reading = Reading {
        sheet,
        columns: columns(sheet, *header_row, header)?,
        problems: Vec::new(),
        rows: Vec::new(),
        index: HashMap::new(),
        depth: Vec::new(),
        categories: Vec::new(),
        framework_id: None,
    };
    for (number, row) in &sheet.rows[1..] {
        // Cells past the header's last column belong to no field: said, never dropped.
        if let Some(extra) = row.iter().skip(header.len()).position(|c| !c.trim().is_empty()) {
            let column = header.len() + extra;
            reading.problems.push(problem(
                sheet,
                *number,
                column,
                ProblemKind::UnknownField,
                format!(
                    "a cell in column {}, past the header's last ({}): it belongs to no field",
                    letters(column),
                    letters(header.len().saturating_sub(1))
                ),
            ));
            continue;
        }
        if !row.iter().all(|c| c.trim().is_empty()) {
            reading.row(*number, row);
        }
    }
    let Reading { mut problems, rows, categories, framework_id, .. } = reading;
    if rows.is_empty() && problems.is_empty() {
        problems.push(Problem::new(
            &sheet.origin,
            ProblemKind::Empty,
            "no entries: the sheet has its header and no rows",
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let built = categories_of(&categories, nested(rows));
    let schemes = schemes(&built, tag_rows);
    let id = framework_id.map_or_else(|| stem.to_owned(), |(id, _)| id);
    Ok(Framework {
        title: id.clone(),
        id,
        source: None,
        line: None,
        description: None,
        notes: vec![],
        schemes,
        categories: built,
        case: None,
    })
}

/// A problem at a cell of a sheet.
fn problem(sheet: &Sheet, row: u32, column: usize, kind: ProblemKind, message: String) -> Problem {
    Problem::new(&sheet.origin, kind, message).at(Some((u64::from(row), column as u64 + 1)))
}

/// The known columns of the header row, by name (the first where one is named twice); every
/// unknown or missing one a problem.
fn columns(
    sheet: &Sheet,
    header_row: u32,
    header: &[String],
) -> Result<HashMap<&'static str, usize>, Vec<Problem>> {
    let mut problems: Vec<Problem> = Vec::new();
    let mut columns: HashMap<&'static str, usize> = HashMap::new();
    for (i, name) in header.iter().enumerate() {
        let name = name.trim().to_ascii_lowercase();
        match KNOWN.iter().find(|k| **k == name) {
            // A second column of a field: which of the two holds it cannot be guessed.
            Some(known) if columns.contains_key(known) => problems.push(problem(
                sheet,
                header_row,
                i,
                ProblemKind::DuplicateId,
                format!(
                    "column {} is `{known}` again (first: column {}): one column per field",
                    letters(i),
                    letters(columns[known])
                ),
            )),
            Some(known) => {
                columns.insert(*known, i);
            }
            None if name.is_empty() => {}
            // UTF-8's byte-order mark read as Windows-1252 (or Latin-1): the file was opened in
            // that encoding, so every text beyond ASCII is mangled too.
            None if i == 0 && name.starts_with("ï»¿") => problems.push(problem(
                sheet,
                header_row,
                i,
                ProblemKind::NotUtf8,
                "the file was opened as Windows-1252 or Latin-1 and saved: its UTF-8 byte-order \
                 mark became `ï»¿`, and every letter beyond ASCII is mangled with it; open the \
                 CSV as UTF-8 (Unicode), or use `export --to xlsx`"
                    .to_owned(),
            )),
            None => problems.push(problem(
                sheet,
                header_row,
                i,
                ProblemKind::UnknownField,
                format!("column {} is `{name}`: expected one of {}", letters(i), KNOWN.join(", ")),
            )),
        }
    }
    for required in REQUIRED {
        if !columns.contains_key(required) {
            problems.push(problem(
                sheet,
                header_row,
                0,
                ProblemKind::MissingField,
                format!("no `{required}` column: a framework sheet needs category, id and text (tags and the others `export --to csv` writes are optional)"),
            ));
        }
    }
    if problems.is_empty() { Ok(columns) } else { Err(problems) }
}

/// An entry read from a row, its parent's row and its category.
struct Row {
    entry: Entry,
    parent: Option<usize>,
    category: String,
}

/// A sheet as it is read, row by row.
struct Reading<'s> {
    sheet: &'s Sheet,
    columns: HashMap<&'static str, usize>,
    problems: Vec<Problem>,
    rows: Vec<Row>,
    /// Each id read, with its row's place in `rows` and its number.
    index: HashMap<String, (usize, u32)>,
    /// Each row's depth below its category.
    depth: Vec<usize>,
    /// The categories, in the order met, with their titles.
    categories: Vec<(String, String)>,
    /// The framework the rows name, and the first row that names it.
    framework_id: Option<(String, u32)>,
}

impl Reading<'_> {
    fn cell(&self, row: &[String], name: &str) -> String {
        self.columns
            .get(name)
            .and_then(|&i| row.get(i))
            .map(|s| s.trim().to_owned())
            .unwrap_or_default()
    }

    fn col(&self, name: &str) -> usize {
        self.columns.get(name).copied().unwrap_or(0)
    }

    fn problem(&mut self, row: u32, column: &str, kind: ProblemKind, message: String) {
        let at = self.col(column);
        self.problems.push(problem(self.sheet, row, at, kind, message));
    }

    /// One row that is not blank.
    fn row(&mut self, number: u32, row: &[String]) {
        let (id, text, category) =
            (self.cell(row, "id"), self.cell(row, "text"), self.cell(row, "category"));
        for (name, value) in [("id", &id), ("text", &text), ("category", &category)] {
            if value.is_empty() {
                let message = format!("the row's `{name}` is empty");
                self.problem(number, name, ProblemKind::EmptyText, message);
            }
        }
        self.framework_named(number, self.cell(row, "framework"));
        let tags = self.tags(number, row);
        let parent = self.parent(number, row);
        let level = parent.map_or(0, |p| self.depth[p] + 1);
        if level > MAX_SUBITEM_DEPTH {
            self.problem(number, "parent", ProblemKind::Hierarchy, format!("'{id}' is nested {level} levels of sub-items deep: peercomp reads at most {MAX_SUBITEM_DEPTH}"));
        }
        if !id.is_empty() {
            if let Some((_, first)) = self.index.get(&id) {
                let mut message = format!("id '{id}' is used twice: first at row {first}");
                if let Some(shortened) = shortened_number(&id) {
                    message.push_str(&format!(
                        " (a spreadsheet program that read '{shortened}' as a number writes it \
                         '{id}': open the CSV with the id and parent columns as text, or use \
                         `export --to xlsx`)"
                    ));
                }
                return self.problem(number, "id", ProblemKind::DuplicateId, message);
            }
            self.index.insert(id.clone(), (self.rows.len(), number));
        }
        let title = self.cell(row, "category_title");
        match self.categories.iter_mut().find(|(c, _)| *c == category) {
            Some((_, t)) if t.is_empty() => *t = title,
            Some(_) => {}
            None if parent.is_none() => self.categories.push((category.clone(), title)),
            None => {}
        }
        let notes = self
            .cell(row, "notes")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        self.depth.push(level);
        let entry = EntryFields {
            id: id.into(),
            line: None,
            title: Some(self.cell(row, "title")).filter(|t| !t.is_empty()),
            text,
            as_written: Some(self.cell(row, "text_as_written")).filter(|t| !t.is_empty()),
            tags,
            notes,
            subitems: vec![],
            item_type: None,
            code: None,
            relations: vec![],
            identifier: None,
            case: None,
        };
        self.rows.push(Row { entry: entry.into(), parent, category });
    }

    /// The framework a row names: every row that names one names the same.
    fn framework_named(&mut self, number: u32, named: String) {
        if named.is_empty() {
            return;
        }
        match &self.framework_id {
            None => self.framework_id = Some((named, number)),
            Some((first, at)) if *first != named => {
                let message = format!(
                    "framework '{named}', but row {at} says '{first}': a sheet holds one framework"
                );
                self.problem(number, "framework", ProblemKind::WrongType, message);
            }
            Some(_) => {}
        }
    }

    /// A row's tags, and beside each its as-written text and inferred flag.
    fn tags(&mut self, number: u32, row: &[String]) -> Tags {
        let split = |text: String| -> Vec<String> {
            if text.is_empty() {
                vec![]
            } else {
                text.split(';').map(|s| s.trim().to_owned()).collect()
            }
        };
        let tag_texts = split(self.cell(row, "tags"));
        let written = split(self.cell(row, "as_written"));
        let inferred = split(self.cell(row, "inferred"));
        let mut tags = Tags::new();
        for (i, t) in tag_texts.iter().enumerate() {
            match t.parse::<TagRef>() {
                Ok(tag) => {
                    // As peercomp writes it, or as a spreadsheet program saves it (TRUE).
                    let flag = inferred.get(i).map(|f| f.to_ascii_lowercase());
                    let inferred = match flag.as_deref() {
                        None | Some("" | "false") => false,
                        Some("true") => true,
                        Some(_) => {
                            let other = &inferred[i];
                            let message =
                                format!("inferred '{other}' for tag {t}: expected true or false");
                            self.problem(number, "inferred", ProblemKind::WrongType, message);
                            false
                        }
                    };
                    let as_written = written.get(i).filter(|w| !w.is_empty()).cloned();
                    tags.push(shared(Tag { tag, as_written, inferred }));
                }
                Err(e) => self.problem(number, "tags", ProblemKind::WrongType, e.to_string()),
            }
        }
        tags
    }

    /// A row's parent: the row of an id above it.
    fn parent(&mut self, number: u32, row: &[String]) -> Option<usize> {
        let parent_id = self.cell(row, "parent");
        if parent_id.is_empty() {
            return None;
        }
        match self.index.get(&parent_id) {
            Some(&(p, _)) => Some(p),
            None => {
                let message = format!("parent '{parent_id}' is not the id of a row above this one");
                self.problem(number, "parent", ProblemKind::Hierarchy, message);
                None
            }
        }
    }
}

/// The rows nested, from the last up: a row's sub-items are all below it, so each is whole when
/// it moves into its parent; no recursion, each row moved once. The top-level rows, in order.
fn nested(rows: Vec<Row>) -> Vec<Row> {
    let mut slots: Vec<Option<Row>> = rows.into_iter().map(Some).collect();
    let mut top: Vec<Row> = Vec::new();
    for i in (0..slots.len()).rev() {
        let Some(mut row) = slots[i].take() else { continue };
        row.entry.subitems.reverse();
        match row.parent {
            Some(p) => {
                if let Some(parent) = slots[p].as_mut() {
                    parent.entry.subitems.push(row.entry);
                }
            }
            None => top.push(row),
        }
    }
    top.reverse();
    top
}

/// The categories, in the order met, each with its top-level rows.
fn categories_of(categories: &[(String, String)], top: Vec<Row>) -> Vec<Category> {
    let mut built: Vec<Category> = categories
        .iter()
        .map(|(id, title)| Category {
            id: id.clone(),
            title: if title.is_empty() { id.clone() } else { title.clone() },
            line: None,
            description: None,
            as_written: None,
            notes: vec![],
            entries: vec![],
            gathered: false,
            case: None,
        })
        .collect();
    let at: HashMap<String, usize> =
        categories.iter().enumerate().map(|(i, (c, _))| (c.clone(), i)).collect();
    for row in top {
        built[at[&row.category]].entries.push(row.entry);
    }
    built
}

/// The tag schemes: those of the `Tags` sheet, else one per scheme the tags use, each code
/// labelled with its tag.
fn schemes(categories: &[Category], tag_rows: Option<TagRows>) -> Vec<Scheme> {
    let mut schemes: Vec<Scheme> = Vec::new();
    let mut add = |scheme: &str, code: Option<&str>, name: &str, label: &str| {
        let at = match schemes.iter().position(|s| s.id == scheme) {
            Some(at) => at,
            None => {
                let name = if name.is_empty() { scheme.to_uppercase() } else { name.to_owned() };
                schemes.push(Scheme::new(scheme, name, scheme));
                schemes.len() - 1
            }
        };
        // A label given is kept; a tag's own name stands in where none is.
        let s = &mut schemes[at];
        let known = code.is_none_or(|c| s.code(c).is_some());
        match (label.is_empty(), code) {
            (false, _) => s.define(code, label.to_owned()),
            (true, Some(c)) if !known => s.define(code, format!("{scheme}:{c}")),
            (true, _) => {}
        }
    };
    for (scheme, code, name, label) in tag_rows.iter().flatten() {
        add(scheme, code.as_deref(), name, label);
    }
    for category in categories {
        for (entry, _) in category.walk() {
            for tag in &entry.tags {
                add(&tag.tag.scheme, tag.tag.code.as_deref(), "", "");
            }
        }
    }
    schemes
}

#[cfg(test)]
mod tests {
    use super::letters;

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        assert_eq!(
            [
                letters(0),
                letters(7),
                letters(25),
                letters(26),
                letters(27),
                letters(701),
                letters(702)
            ],
            ["A", "H", "Z", "AA", "AB", "ZZ", "AAA"]
        );
    }
}
