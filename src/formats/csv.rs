//! CSV (RFC 4180, UTF-8, with a header row): every field, for spreadsheets and scripts.
//! A list inside a cell (tags, notes) is joined with "; ", in the same order across columns.

use std::io::{self, Write};

/// What a cell may start with to get a leading `'`: what a spreadsheet would run as a formula,
/// and `'` itself, so that a text's own leading `'` survives the reader taking the mark off
/// (`'=x` is written `''=x` and read back `'=x`).
pub(crate) const MARKED: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// A CSV writer for a report's rows, which keeps a closed pipe recognisable.
///
/// A cell that a spreadsheet would run as a formula (one starting with `=`, `+`, `-` or `@`, or
/// with a tab or carriage return) gets a leading `'`, as OWASP recommends against CSV injection,
/// and so does one starting with `'` ([`MARKED`]), unless the writer is `raw` (`--raw`, for
/// scripts).
pub struct Csv<'w> {
    writer: csv::Writer<&'w mut dyn Write>,
    raw: bool,
}

impl<'w> Csv<'w> {
    /// A writer to `out`; `raw` leaves formulas as they are.
    pub fn new(out: &'w mut dyn Write, raw: bool) -> Self {
        Csv { writer: csv::Writer::from_writer(out), raw }
    }

    /// Writes one record: the header, or a row.
    pub fn row<I, T>(&mut self, record: I) -> io::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        let raw = self.raw;
        let cells = record.into_iter().map(|cell| match cell.as_ref().first() {
            Some(&b) if !raw && MARKED.contains(&char::from(b)) => {
                Cell::Neutralised([b"'", cell.as_ref()].concat())
            }
            _ => Cell::AsIs(cell),
        });
        self.writer.write_record(cells).map_err(io_error)
    }

    /// Writes what is buffered.
    pub fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// A cell as given, or with its formula neutralised.
enum Cell<T> {
    AsIs(T),
    Neutralised(Vec<u8>),
}

impl<T: AsRef<[u8]>> AsRef<[u8]> for Cell<T> {
    fn as_ref(&self) -> &[u8] {
        match self {
            Cell::AsIs(cell) => cell.as_ref(),
            Cell::Neutralised(cell) => cell,
        }
    }
}

/// csv reports I/O errors wrapped; unwrap them so that a closed pipe stays recognisable.
fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Items of a list in one cell: "a; b".
pub fn joined<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items.into_iter().collect::<Vec<_>>().join("; ")
}
