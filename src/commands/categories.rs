//! `peercomp categories`: the categories with their sizes and counts per scheme.

use crate::Error;
use super::prelude::{Context, EXIT_CODES, Outcome, Output, QueryArgs};
use crate::query;

/// List the categories with their descriptions, sizes and counts per source scheme
#[derive(Debug, clap::Args)]
#[command(after_help = format!("\
Examples:
  peercomp categories
  peercomp categories --format markdown > categories.md

{EXIT_CODES}"))]
pub(crate) struct Args {
    #[command(flatten)]
    query: QueryArgs,
}

impl Args {
    /// Summarises the categories.
    pub(crate) fn run(self, ctx: &Context, out: &mut Output) -> Result<Outcome, Error> {
        ctx.on_frameworks(&self.query.framework.frameworks, |frameworks| {
            let as_written = self.query.as_written.as_written;
            let categories = query::category_summaries(frameworks, as_written);
            out.emit(self.query.format.style(), &categories)?;
            Ok(Outcome::Done)
        })
    }
}
