//! peercomp: the published peer-support competency frameworks as data that can be queried,
//! cross-walked and exported.
//!
//! - [`model`]: frameworks, categories, entries and tags: plain data.
//! - [`load`]: the embedded frameworks and framework files, checked on the way in.
//! - [`query`]: pure functions from frameworks to rows.
//! - [`render`]: rows to a table, JSON, JSON Lines, CSV or Markdown.
//! - [`app`]: one command from start to end, as the `peercomp` binary runs it.

pub mod app;
pub mod load;
pub mod model;
pub mod query;
pub mod render;
