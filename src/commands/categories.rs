//! `peercomp categories`: the categories with their sizes and counts per scheme.

use crate::Error;
use crate::cli::{AsWrittenArg, Context, EXIT_CODES, FormatArgs, FrameworkArgs, Outcome, Output};
use crate::query;

/// List the categories with their descriptions, sizes and counts per source scheme
#[derive(Debug, clap::Args)]
#[command(after_help = format!("\
Examples:
  peercomp categories
  peercomp categories --format markdown > categories.md

{EXIT_CODES}"))]
pub struct Args {
    #[command(flatten)]
    as_written: AsWrittenArg,

    #[command(flatten)]
    framework: FrameworkArgs,

    #[command(flatten)]
    format: FormatArgs,
}

impl Args {
    /// Summarises the categories.
    pub fn run(self, ctx: &Context, out: &mut Output) -> Result<Outcome, Error> {
        let frameworks = ctx.frameworks(&self.framework.frameworks)?;
        let categories = query::category_summaries(&frameworks, self.as_written.as_written);
        out.emit(self.format.format(), &categories)?;
        Ok(Outcome::Done)
    }
}
