//! A framework's entry ids, one a line (a demonstration of adding an export format).

use std::io::{self, Write};

use crate::model::Framework;

/// Writes every entry id of the framework, in document order.
pub fn write(out: &mut dyn Write, framework: &Framework) -> io::Result<()> {
    for category in &framework.categories {
        for (entry, _) in category.walk() {
            writeln!(out, "{}", entry.id)?;
        }
    }
    Ok(())
}
