//! CSV (RFC 4180, UTF-8, with a header row): every field, for spreadsheets and scripts.
//! A list inside a cell (tags, notes) is joined with "; ", in the same order across columns.

use std::io::{self, Write};

/// A CSV writer for a report's rows, which keeps a closed pipe recognisable.
pub struct Csv<'w>(csv::Writer<&'w mut dyn Write>);

impl<'w> Csv<'w> {
    pub(super) fn new(out: &'w mut dyn Write) -> Self {
        Csv(csv::Writer::from_writer(out))
    }

    /// Writes one record: the header, or a row.
    pub fn row<I, T>(&mut self, record: I) -> io::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        self.0.write_record(record).map_err(io_error)
    }

    pub(super) fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
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
