//! peercomp: the published peer-support competency frameworks as data that can be queried,
//! cross-walked and exported.
//!
//! A run flows one way: the command line ([`cli::Cli`]) picks a command ([`commands`]), which
//! loads the frameworks it needs ([`load`], through [`cli::Context`]), asks a question of them
//! ([`query`], pure functions returning plain data), and writes the answer ([`render`]: every
//! result is a [`render::Report`], written in any format by one emitter).
//!
//! - [`model`]: frameworks, categories, entries and tags: plain data.
//! - [`load`]: the embedded frameworks and framework files, checked on the way in.
//! - [`query`]: pure functions from frameworks to results.
//! - [`render`]: results as a table, JSON, JSON Lines, CSV or Markdown; the export formats.
//! - [`commands`]: one file per command: its flags, help and run.
//! - [`cli`]: the global flags, what commands share, and exit statuses.
#![warn(missing_docs)]

pub mod cli;
pub mod commands;
mod error;
mod file;
pub mod load;
pub mod model;
pub mod query;
pub mod render;

pub use error::Error;
