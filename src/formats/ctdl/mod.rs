//! CTDL-ASN (Credential Engine's Competency Framework terms, as JSON-LD), both ways.

pub(crate) mod read;
pub(crate) mod write;
pub(crate) use self::write::*;

use std::io::{self, Write};

use crate::model::Framework;

/// A framework as CTDL-ASN JSON-LD. Returns what it could not hold, a line each.
pub(crate) fn write_graph(out: &mut dyn Write, framework: &Framework) -> io::Result<Vec<String>> {
    let (graph, dropped) = graph(framework);
    crate::formats::json::write_value(out, &graph)?;
    Ok(dropped)
}
