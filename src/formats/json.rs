//! JSON (one pretty-printed value) and JSON Lines (one compact object per line).
//!
//! serde_json writes a value in many small pieces (a quote, a comma, an indent): each is
//! gathered here in a buffer the compiler can see, where it costs a copy, and the output (behind
//! a `dyn Write`) gets whole blocks or lines. Written straight through, the pieces were a fifth
//! of `list`'s time on a large framework.

use std::io::{self, Write};

use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};

/// A JSON Lines writer: each value on a line of its own, written whole.
pub struct JsonLines<'w> {
    out: &'w mut dyn Write,
    /// The line being written, kept for the next.
    line: Vec<u8>,
}

impl<'w> JsonLines<'w> {
    /// A writer of lines to `out`.
    pub fn new(out: &'w mut dyn Write) -> Self {
        JsonLines { out, line: Vec::new() }
    }

    /// Writes one value as one line.
    pub fn line<T: Serialize + ?Sized>(&mut self, value: &T) -> io::Result<()> {
        self.line.clear();
        serde_json::to_writer(&mut self.line, value).map_err(io::Error::from)?;
        self.line.push(b'\n');
        self.out.write_all(&self.line)
    }

    /// Writes each value of a list as a line.
    pub fn each<T: Serialize>(&mut self, values: &[T]) -> io::Result<()> {
        values.iter().try_for_each(|v| self.line(v))
    }
}

/// One value, pretty-printed, and a newline.
pub(crate) fn write_value<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(64 * 1024, out);
    serde_json::to_writer_pretty(&mut out, value).map_err(io::Error::from)?;
    writeln!(out)?;
    out.flush()
}

/// A JSON array written as its elements are made: the function calls the sink with each, and
/// stops where the sink says the output failed (returns false).
pub(crate) type Producer<'a> = Box<dyn Fn(&mut dyn FnMut(serde_json::Value) -> bool) + 'a>;

pub(crate) struct Streamed<'a>(pub(crate) Producer<'a>);

impl Serialize for Streamed<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        let mut failed = None;
        (self.0)(&mut |value| match seq.serialize_element(&value) {
            Ok(()) => true,
            Err(e) => {
                failed = Some(e);
                false
            }
        });
        match failed {
            Some(e) => Err(e),
            None => seq.end(),
        }
    }
}
