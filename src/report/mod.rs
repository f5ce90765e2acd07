//! Reports: what a query's result looks like, in every format but said once.
//!
//! A query returns plain data; the data's type implements [`Report`], which says once what the
//! result looks like: a [`Document`] of blocks for people (the table and Markdown writers both
//! write it), its CSV rows, its JSON Lines, and its JSON (its serde form). The writers
//! (`crate::write`) take documents and reports and never look inside a query.

mod document;

use std::io;

use serde::Serialize;

pub use self::document::*;
pub use crate::formats::csv::{Csv, joined};
pub use crate::formats::json::JsonLines;

/// A query's result, which knows how it looks in every format. Its JSON is its serde form.
pub trait Report: Serialize {
    /// What people read: the table format writes it for the terminal, Markdown as Markdown.
    fn document(&self) -> Document;

    /// What Markdown writes, where it differs from [`Report::document`].
    fn markdown(&self) -> Document {
        self.document()
    }

    /// The CSV: a header row, then the rows.
    fn csv(&self, out: &mut Csv<'_>) -> io::Result<()>;

    /// The JSON Lines: one object per line, the same objects as in the JSON.
    fn json_lines(&self, out: &mut JsonLines<'_>) -> io::Result<()>;
}

mod align;
mod checklist;
mod coverage;
mod crosswalk;
mod diff;
mod list;
mod overlaps;
mod problems;
mod search;
mod sections;
mod show;
mod summary;

pub use list::{AllEntries, entry_cells};
pub use sections::study_guide;
