//! JSON (one pretty-printed value) and JSON Lines (one compact object per line).

use std::io::{self, Write};

use serde::Serialize;

/// A JSON Lines writer: each value on a line of its own.
pub struct JsonLines<'w>(&'w mut dyn Write);

impl<'w> JsonLines<'w> {
    pub(super) fn new(out: &'w mut dyn Write) -> Self {
        JsonLines(out)
    }

    /// Writes one value as one line.
    pub fn line<T: Serialize + ?Sized>(&mut self, value: &T) -> io::Result<()> {
        serde_json::to_writer(&mut *self.0, value).map_err(io::Error::from)?;
        writeln!(self.0)
    }

    /// Writes each value of a list as a line.
    pub fn each<T: Serialize>(&mut self, values: &[T]) -> io::Result<()> {
        values.iter().try_for_each(|v| self.line(v))
    }
}

pub(super) fn value<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)
}
