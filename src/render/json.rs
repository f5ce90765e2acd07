//! JSON (one pretty-printed array) and JSON Lines (one compact object per line).

use std::io::{self, Write};

use serde::Serialize;

pub(super) fn array<T: Serialize>(out: &mut dyn Write, rows: &[T]) -> io::Result<()> {
    value(out, &rows)
}

pub(super) fn lines<T: Serialize>(out: &mut dyn Write, rows: &[T]) -> io::Result<()> {
    for row in rows {
        serde_json::to_writer(&mut *out, row).map_err(io::Error::from)?;
        writeln!(out)?;
    }
    Ok(())
}

pub(super) fn value<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::from)?;
    writeln!(out)
}
