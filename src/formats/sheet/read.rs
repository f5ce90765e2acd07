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

/// A sheet's header, as its rows are read against it (each row holding only the cells that are
/// not blank, so a sheet's size in memory follows the cells written, never the places they
/// claim).
pub(crate) struct Sheet {
    /// How problems name it: the file, and the sheet of a workbook (`book.xlsx:Entries`).
    pub origin: String,
    /// The header's row number (1 for the first) and its names, a column each.
    pub header_row: u32,
    pub header: Vec<String>,
    /// Each header column's place in the file (0 is A), where blank header cells were passed
    /// over (a workbook); empty where the columns are the file's own.
    pub places: Vec<u32>,
}

/// A sheet's rows below its header, each with its number and its cells that are not blank, as
/// (column of the header, text): a `Tags` sheet, read whole.
#[cfg(feature = "xlsx")]
type CellRows = Vec<(u32, Vec<(u32, String)>)>;

impl Sheet {
    /// A column's place in the file (0 is A).
    fn place(&self, column: usize) -> usize {
        self.places.get(column).map_or(column, |&p| p as usize)
    }

    /// A problem at a cell.
    fn problem(&self, row: u32, column: usize, kind: ProblemKind, message: String) -> Problem {
        let at = (u64::from(row), self.place(column) as u64 + 1);
        Problem::new(&self.origin, kind, message).at(Some(at))
    }
}

/// Cells under no header are each named up to here, then counted in one last problem.
const NAMED_STRAYS: usize = 20;

/// Problems about cells under no header: the first few named, the rest counted.
struct Strays {
    found: Vec<Problem>,
    more: u64,
}

impl Strays {
    fn new() -> Self {
        Strays { found: Vec::new(), more: 0 }
    }

    fn add(&mut self, problem: impl FnOnce() -> Problem) {
        if self.found.len() < NAMED_STRAYS {
            self.found.push(problem());
        } else {
            self.more += 1;
        }
    }

    fn done(mut self, origin: &str) -> Vec<Problem> {
        if self.more > 0 {
            let message = format!("and {} more cells under no column header", self.more);
            self.found.push(Problem::new(origin, ProblemKind::UnknownField, message));
        }
        self.found
    }
}

/// A cell past the header's last column, or under a blank header cell.
fn stray(origin: &str, row: u32, column: u32, last: Option<u32>) -> Problem {
    let place = match last {
        Some(last) if column < last => "under a blank header cell".to_owned(),
        Some(last) => format!("past the header's last ({})", letters(last as usize)),
        None => "beside an empty header".to_owned(),
    };
    let message =
        format!("a cell in column {}, {place}: it belongs to no field", letters(column as usize));
    Problem::new(origin, ProblemKind::UnknownField, message)
        .at(Some((u64::from(row), u64::from(column) + 1)))
}

/// A tag scheme's rows of a `Tags` sheet: (scheme, code, name, label).
type TagRows = Vec<(String, Option<String>, String, String)>;

/// A spreadsheet file, as read: a CSV file's text, or a workbook's bytes with the most its
/// parts may inflate to.
pub(crate) enum SheetFile<'a> {
    Csv(&'a str),
    Workbook { bytes: &'a [u8], inflated: u64 },
}

/// A framework from a spreadsheet file, or every problem of it.
pub(crate) fn framework(path: &Path, file: SheetFile) -> Result<Framework, Vec<Problem>> {
    let origin = path.display().to_string();
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("sheet").to_owned();
    match file {
        SheetFile::Csv(text) => csv_framework(text, &origin, &stem),
        SheetFile::Workbook { bytes, inflated } => xlsx_framework(bytes, inflated, &origin, &stem),
    }
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

/// A CSV file's framework, its records read into it one at a time.
fn csv_framework(text: &str, origin: &str, stem: &str) -> Result<Framework, Vec<Problem>> {
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
    let not_csv = |e: csv::Error| {
        let line = e.position().map(|p| p.line());
        let problem = Problem::new(origin, ProblemKind::Syntax, format!("not CSV: {e}"));
        vec![problem.at(line.map(|l| (l, 1)))]
    };
    let line_of = |record: &csv::StringRecord| {
        record.position().map_or(0, |p| u32::try_from(p.line()).unwrap_or(u32::MAX))
    };
    let mut records = reader.records();
    let header = match records.next() {
        Some(record) => record.map_err(not_csv)?,
        None => csv::StringRecord::new(),
    };
    let sheet = Sheet {
        origin: origin.to_owned(),
        header_row: line_of(&header),
        header: header.iter().map(unneutralised).collect(),
        places: Vec::new(),
    };
    let width = sheet.header.len();
    let mut rows = Rows::start(sheet)?;
    let mut strays = Strays::new();
    for record in records {
        let record = record.map_err(not_csv)?;
        let line = line_of(&record);
        let mut cells = Vec::new();
        for (column, cell) in record.iter().enumerate() {
            if cell.trim().is_empty() {
                continue;
            }
            if column < width {
                cells.push((column as u32, unneutralised(cell)));
            } else {
                let last = width.checked_sub(1).map(|l| l as u32);
                strays.add(|| stray(origin, line, column as u32, last));
                break;
            }
        }
        rows.row(line, cells);
    }
    rows.finish(strays.done(origin), stem, None)
}

/// What an id such as `5.1` was, where a spreadsheet program may have shortened it as a number:
/// `5.10` (LibreOffice and Excel read 5.10 as the number 5.1, and save it so).
fn shortened_number(id: &str) -> Option<String> {
    let (whole, fraction) = id.split_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(whole) && digits(fraction) && !fraction.ends_with('0')).then(|| format!("{id}0"))
}

/// A cell as it was before `export --to csv` kept a spreadsheet from running it as a formula
/// (`'=x` is `=x`), or kept a text's own leading `'` from being taken for that mark (`''x` is
/// `'x`): the inverse of `formats::csv::Csv::row`.
fn unneutralised(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(crate::formats::csv::MARKED) => rest.to_owned(),
        _ => cell.to_owned(),
    }
}

/// How much a workbook's parts may hold once inflated, checked before the workbook is opened:
/// a zip's parts inflate to many times their size (a 1 MB part once inflated to a 1 GB string),
/// and the workbook reader sizes its table of strings from a count the file declares.
#[cfg(feature = "xlsx")]
fn within_budget(bytes: &[u8], inflated: u64) -> Result<(), String> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not an XLSX workbook: {e}"))?;
    let mut left = inflated;
    let mut chunk = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| format!("not an XLSX workbook: {e}"))?;
        let name = String::from_utf8_lossy(part.name_raw()).into_owned();
        let strings = name.to_ascii_lowercase().ends_with("sharedstrings.xml");
        let mut counter = StringCounter::default();
        loop {
            let n = match part.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) => return Err(format!("part {name}: cannot inflate: {e}")),
            };
            left = left.checked_sub(n as u64).ok_or_else(|| {
                format!(
                    "its parts inflate to more than {} MiB (at {name}), the most peercomp reads \
                     (PEERCOMP_MAX_FILE_MIB sets another limit)",
                    inflated >> 20
                )
            })?;
            if strings {
                counter.feed(&chunk[..n]);
            }
        }
        if strings {
            counter.check(&name)?;
        }
    }
    Ok(())
}

/// The shared strings a workbook may hold.
#[cfg(feature = "xlsx")]
const MAX_SHARED_STRINGS: u64 = 2_000_000;

/// Counts a part of shared strings' `<si` elements, and reads the count its `<sst` declares.
#[cfg(feature = "xlsx")]
#[derive(Default)]
struct StringCounter {
    /// The last bytes of the chunk before, where a tag may be cut in two.
    tail: Vec<u8>,
    /// The `<sst ...>` tag's text, as far as it is read.
    sst: Vec<u8>,
    counted: u64,
}

#[cfg(feature = "xlsx")]
impl StringCounter {
    fn feed(&mut self, chunk: &[u8]) {
        let mut window = std::mem::take(&mut self.tail);
        window.extend_from_slice(chunk);
        if self.sst.len() < 4096 && !self.sst.ends_with(b">") {
            let from = memchr::memmem::find(&window, b"<sst").unwrap_or(window.len());
            let tag = &window[from..];
            let end = memchr::memchr(b'>', tag).map_or(tag.len(), |e| e + 1);
            if self.sst.is_empty() || from == window.len() {
                self.sst.extend_from_slice(&tag[..end.min(4096)]);
            }
        }
        for at in memchr::memmem::find_iter(&window, b"<si") {
            if matches!(window.get(at + 3), Some(b'>' | b' ' | b'/' | b'\t' | b'\r' | b'\n')) {
                self.counted += 1;
            }
        }
        // The last 3 bytes go on to the next chunk: a match counted has a byte after its 3, so
        // none of them begins one counted already.
        let keep = window.len().saturating_sub(3);
        self.tail = window[keep..].to_vec();
    }

    fn check(&self, name: &str) -> Result<(), String> {
        if self.counted > MAX_SHARED_STRINGS {
            return Err(format!(
                "{name} holds {} shared strings, more than {MAX_SHARED_STRINGS}, the most \
                 peercomp reads: save a framework this large as JSON",
                self.counted
            ));
        }
        let text = String::from_utf8_lossy(&self.sst);
        let declared = ["uniqueCount=\"", "uniqueCount='"].iter().find_map(|key| {
            let rest = &text[text.find(key)? + key.len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            Some(digits.parse::<u64>().unwrap_or(u64::MAX))
        });
        match declared {
            Some(n) if n > self.counted.max(1024) => Err(format!(
                "{name} declares {n} shared strings and holds {}: a workbook program writes the \
                 count it holds",
                self.counted
            )),
            _ => Ok(()),
        }
    }
}

/// A workbook's framework: its `Tags` sheet read first, then its `Entries` sheet (else its
/// first) read into the framework a row at a time.
#[cfg(feature = "xlsx")]
fn xlsx_framework(
    bytes: &[u8],
    inflated: u64,
    origin: &str,
    stem: &str,
) -> Result<Framework, Vec<Problem>> {
    use calamine::{Reader, Xlsx};
    let fail = |e: String| vec![Problem::new(origin, ProblemKind::Format, e)];
    within_budget(bytes, inflated).map_err(fail)?;
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|e| fail(format!("not an XLSX workbook: {e}")))?;
    let names = book.sheet_names();
    let entries = names
        .iter()
        .find(|n| n.eq_ignore_ascii_case("entries"))
        .or(names.first())
        .cloned()
        .ok_or_else(|| fail("a workbook with no sheets".to_owned()))?;
    let tags = match names.iter().find(|n| n.eq_ignore_ascii_case("tags")).cloned() {
        Some(name) => {
            let (mut sheet, mut rows) = (None, CellRows::new());
            let strays = xlsx_rows(&mut book, &name, origin, &mut |event| {
                match event {
                    Event::Header(header) => sheet = Some(header),
                    Event::Row(number, cells) => rows.push((number, cells)),
                }
                Ok(())
            })?;
            match sheet {
                Some(sheet) => Some(tag_rows(&sheet, &rows, strays)?),
                None => None,
            }
        }
        None => None,
    };
    let mut reading: Option<Rows> = None;
    let strays = xlsx_rows(&mut book, &entries, origin, &mut |event| {
        match event {
            Event::Header(sheet) => reading = Some(Rows::start(sheet)?),
            Event::Row(number, cells) => {
                if let Some(reading) = reading.as_mut() {
                    reading.row(number, cells);
                }
            }
        }
        Ok(())
    })?;
    match reading {
        Some(reading) => reading.finish(strays, stem, tags),
        None => Err(fail("the Entries sheet could not be read".to_owned())),
    }
}

/// What a sheet's cells give as they stream: its header, then each row below it, in order.
#[cfg(feature = "xlsx")]
enum Event {
    Header(Sheet),
    Row(u32, Vec<(u32, String)>),
}

/// A workbook's sheet, its cells read as they stream, each row given to `each` once whole: the
/// header is the first row with a cell, blank header cells are passed over, and every cell is
/// kept by what it holds, never by the place it claims (a cell at XFD1048576 is one cell, not a
/// range of 17 billion). Returns the problems of cells under no header, or of rows out of order.
#[cfg(feature = "xlsx")]
fn xlsx_rows<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Xlsx<RS>,
    name: &str,
    origin: &str,
    each: &mut dyn FnMut(Event) -> Result<(), Vec<Problem>>,
) -> Result<Vec<Problem>, Vec<Problem>> {
    let origin = format!("{origin}:{name}");
    let fail = |e: String| vec![Problem::new(&origin, ProblemKind::Format, e)];
    let mut cells = book.worksheet_cells_reader(name).map_err(|e| fail(e.to_string()))?;
    let mut next = || -> Result<Option<(u32, u32, String)>, Vec<Problem>> {
        while let Some(cell) = cells.next_cell().map_err(|e| fail(e.to_string()))? {
            let text = cell_text(cell.get_value());
            if !text.trim().is_empty() {
                let (row, column) = cell.get_position();
                return Ok(Some((row.saturating_add(1), column, text)));
            }
        }
        Ok(None)
    };
    // The header: the cells of the first row with any.
    let mut named: Vec<(u32, String)> = Vec::new();
    let mut header_row = 1;
    let mut pending = None;
    while let Some((row, column, text)) = next()? {
        if named.is_empty() || row == header_row {
            header_row = row;
            named.push((column, text));
        } else {
            pending = Some((row, column, text));
            break;
        }
    }
    named.sort_by_key(|(c, _)| *c);
    let places: Vec<u32> = named.iter().map(|(c, _)| *c).collect();
    let header = named.into_iter().map(|(_, t)| t).collect();
    each(Event::Header(Sheet {
        origin: origin.clone(),
        header_row,
        header,
        places: places.clone(),
    }))?;
    // The rows, each given whole when the next begins.
    let mut strays = Strays::new();
    let mut row: Option<(u32, Vec<(u32, String)>)> = None;
    let mut cell = pending;
    while let Some((number, column, text)) = cell {
        let at = row.as_ref().map_or(header_row, |(n, _)| *n);
        match places.binary_search(&column) {
            _ if number < at => strays.add(|| {
                let message = format!(
                    "a cell of row {number} after row {at}: a sheet's rows go down in order"
                );
                Problem::new(&origin, ProblemKind::Syntax, message)
                    .at(Some((u64::from(number), u64::from(column) + 1)))
            }),
            Ok(i) if number > header_row => match &mut row {
                Some((n, cells)) if *n == number => cells.push((i as u32, text)),
                _ => {
                    if let Some((n, cells)) = row.replace((number, vec![(i as u32, text)])) {
                        each(Event::Row(n, cells))?;
                    }
                }
            },
            _ => strays.add(|| stray(&origin, number, column, places.last().copied())),
        }
        cell = next()?;
    }
    if let Some((n, cells)) = row {
        each(Event::Row(n, cells))?;
    }
    Ok(strays.done(&origin))
}

#[cfg(not(feature = "xlsx"))]
fn xlsx_framework(_: &[u8], _: u64, origin: &str, _: &str) -> Result<Framework, Vec<Problem>> {
    Err(vec![Problem::new(origin, ProblemKind::Format, crate::formats::WITHOUT_XLSX)])
}

/// A cell as text: numbers as a spreadsheet shows them (`3`, not `3.0`).
#[cfg(feature = "xlsx")]
fn cell_text(cell: &calamine::DataRef) -> String {
    use calamine::DataRef;
    match cell {
        DataRef::Empty => String::new(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Bool(b) => b.to_string(),
        other => calamine::Data::from(other.clone()).to_string(),
    }
}

/// The `Tags` sheet `export --to xlsx` writes: scheme, code, name, label.
#[cfg(feature = "xlsx")]
fn tag_rows(sheet: &Sheet, rows: &CellRows, strays: Vec<Problem>) -> Result<TagRows, Vec<Problem>> {
    if sheet.header.is_empty() {
        return Ok(vec![]);
    }
    if !strays.is_empty() {
        return Err(strays);
    }
    let at = |name: &str| sheet.header.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
    let (Some(scheme), Some(code), Some(label)) = (at("scheme"), at("code"), at("label")) else {
        return Err(vec![
            Problem::new(
                &sheet.origin,
                ProblemKind::MissingField,
                "a Tags sheet needs the columns scheme, code and label (and may have name)",
            )
            .at(Some((u64::from(sheet.header_row), 1))),
        ]);
    };
    let name = at("name");
    let get = |row: &[(u32, String)], i: usize| {
        row.iter()
            .find(|(c, _)| *c as usize == i)
            .map(|(_, s)| s.trim().to_owned())
            .unwrap_or_default()
    };
    Ok(rows
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

/// A sheet read into a framework a row at a time: the rows' texts are held only as the
/// entries they become.
struct Rows {
    reading: Reading,
    /// The row being read, a text per column (the sheet keeps only the cells that are not
    /// blank).
    whole: Vec<String>,
}

impl Rows {
    /// Reading under this header, or its problems (no header, a column unknown or missing).
    fn start(sheet: Sheet) -> Result<Self, Vec<Problem>> {
        if sheet.header.is_empty() {
            return Err(vec![Problem::new(
                &sheet.origin,
                ProblemKind::Empty,
                "an empty sheet: a framework sheet needs the columns category, id and text",
            )]);
        }
        let columns = columns(&sheet)?;
        let whole = vec![String::new(); sheet.header.len()];
        let reading = Reading {
            sheet,
            columns,
            problems: Vec::new(),
            rows: Vec::new(),
            index: HashMap::new(),
            depth: Vec::new(),
            categories: Vec::new(),
            framework_id: None,
        };
        Ok(Rows { reading, whole })
    }

    /// One row below the header, by its cells that are not blank.
    fn row(&mut self, number: u32, cells: Vec<(u32, String)>) {
        if cells.is_empty() {
            return;
        }
        self.whole.iter_mut().for_each(String::clear);
        for (column, text) in cells {
            self.whole[column as usize] = text;
        }
        self.reading.row(number, &self.whole);
    }

    /// The framework the rows give (`stem`, the file's name, is its id where no row names
    /// one), or every problem: those `found` while the cells were read, then the rows'.
    fn finish(
        self,
        found: Vec<Problem>,
        stem: &str,
        tag_rows: Option<TagRows>,
    ) -> Result<Framework, Vec<Problem>> {
        let Rows { reading, .. } = self;
        let origin = reading.sheet.origin.clone();
        let Reading { problems: found_in_rows, rows, categories, framework_id, .. } = reading;
        let mut problems = found;
        problems.extend(found_in_rows);
        if rows.is_empty() && problems.is_empty() {
            problems.push(Problem::new(
                &origin,
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
}

/// The known columns of the header row, by name (the first where one is named twice); every
/// unknown or missing one a problem.
fn columns(sheet: &Sheet) -> Result<HashMap<&'static str, usize>, Vec<Problem>> {
    let mut problems: Vec<Problem> = Vec::new();
    let mut columns: HashMap<&'static str, usize> = HashMap::new();
    let header_row = sheet.header_row;
    let problem = |row, column, kind, message| sheet.problem(row, column, kind, message);
    for (i, name) in sheet.header.iter().enumerate() {
        let name = name.trim().to_ascii_lowercase();
        match KNOWN.iter().find(|k| **k == name) {
            // A second column of a field: which of the two holds it cannot be guessed.
            Some(known) if columns.contains_key(known) => problems.push(problem(
                header_row,
                i,
                ProblemKind::DuplicateId,
                format!(
                    "column {} is `{known}` again (first: column {}): one column per field",
                    letters(sheet.place(i)),
                    letters(sheet.place(columns[known]))
                ),
            )),
            Some(known) => {
                columns.insert(*known, i);
            }
            None if name.is_empty() => {}
            // UTF-8's byte-order mark read as Windows-1252 (or Latin-1): the file was opened in
            // that encoding, so every text beyond ASCII is mangled too.
            None if i == 0 && name.starts_with("ï»¿") => problems.push(problem(
                header_row,
                i,
                ProblemKind::NotUtf8,
                "the file was opened as Windows-1252 or Latin-1 and saved: its UTF-8 byte-order \
                 mark became `ï»¿`, and every letter beyond ASCII is mangled with it; open the \
                 CSV as UTF-8 (Unicode), or use `export --to xlsx`"
                    .to_owned(),
            )),
            None => problems.push(problem(
                header_row,
                i,
                ProblemKind::UnknownField,
                format!(
                    "column {} is `{name}`: expected one of {}",
                    letters(sheet.place(i)),
                    KNOWN.join(", ")
                ),
            )),
        }
    }
    for required in REQUIRED {
        if !columns.contains_key(required) {
            problems.push(problem(
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
struct Reading {
    sheet: Sheet,
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

impl Reading {
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
        let problem = self.sheet.problem(row, at, kind, message);
        self.problems.push(problem);
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
    let mut places: HashMap<String, usize> = HashMap::new();
    let mut add = |scheme: &str, code: Option<&str>, name: &str, label: &str| {
        let at = match places.get(scheme) {
            Some(&at) => at,
            None => {
                let name = if name.is_empty() { scheme.to_uppercase() } else { name.to_owned() };
                schemes.push(Scheme::new(scheme, name, scheme));
                places.insert(scheme.to_owned(), schemes.len() - 1);
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
