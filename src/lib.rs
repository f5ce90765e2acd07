//! peercomp: the published peer-support competency frameworks as data that can be queried,
//! cross-walked and exported.
//!
//! A run flows one way, and each layer imports only those below it (ARCHITECTURE.md; the test
//! `tests/cli/layers.rs` holds the import graph to it):
//!
//! - [`cli`]: the root of the command line; `commands`: one file per command, its flags, help
//!   and run, with a `prelude` of what they share (private: the command line is the interface).
//! - [`web`]: the frameworks on the web: pages, CASE 1.1's REST binding, answers to requests
//!   (`serve`, `site`).
//! - [`write`]: a report in any output format, and the exported files (HTML page, workbook,
//!   board form).
//! - [`report`]: the format-neutral document and the [`report::Report`] of every query result.
//! - [`query`]: pure functions from frameworks to plain results; they never format.
//! - [`load`]: the embedded frameworks and framework files, checked on the way in.
//! - [`formats`]: file formats, reader and writer side by side.
//! - [`model`]: frameworks, categories, entries and tags; [`text`]: small helpers for text.
#![warn(missing_docs)]
#![warn(unreachable_pub)]

pub mod cli;
mod commands;
mod error;
pub mod formats;
pub mod load;
pub mod model;
pub mod query;
pub mod report;
pub mod text;
pub mod web;
pub mod write;

pub use error::Error;
