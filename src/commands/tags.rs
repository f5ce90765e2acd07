//! `peercomp tags`: every tag with how many entries carry it.

use crate::Error;
use super::prelude::{Context, EXIT_CODES, Outcome, Output, QueryArgs};
use crate::query;

/// List every tag (source scheme and code) with its label and how many entries carry it
#[derive(Debug, clap::Args)]
#[command(after_help = format!("\
Examples:
  peercomp tags                  samhsa, icrc:1-4 and rfc:1-10 with their counts
  peercomp tags --as-written     counting only tags printed in the source

{EXIT_CODES}"))]
pub(crate) struct Args {
    #[command(flatten)]
    query: QueryArgs,
}

impl Args {
    /// Counts the tags.
    pub(crate) fn run(self, ctx: &Context, out: &mut Output) -> Result<Outcome, Error> {
        ctx.on_frameworks(&self.query.framework.frameworks, |frameworks| {
            let counts = query::tag_counts(frameworks, self.query.as_written.as_written);
            out.emit(self.query.format.style(), counts.as_slice())?;
            Ok(Outcome::Done)
        })
    }
}
