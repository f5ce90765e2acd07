//! `peercomp frameworks`: the loaded frameworks.

use crate::Error;
use super::prelude::{Context, EXIT_CODES, FormatArgs, FrameworkArgs, Outcome, Output};
use crate::query;

/// List the loaded frameworks with their source and size
#[derive(Debug, clap::Args)]
#[command(after_help = format!("\
Examples:
  peercomp frameworks                    peer-worker and agency, embedded
  peercomp --data mine.yaml frameworks   what a file of your own holds

{EXIT_CODES}"))]
pub(crate) struct Args {
    #[command(flatten)]
    framework: FrameworkArgs,

    #[command(flatten)]
    format: FormatArgs,
}

impl Args {
    /// Lists the frameworks.
    pub(crate) fn run(self, ctx: &Context, out: &mut Output) -> Result<Outcome, Error> {
        ctx.on_frameworks(&self.framework.frameworks, |frameworks| {
            let summaries = query::framework_summaries(frameworks);
            out.emit(self.format.style(), summaries.as_slice())?;
            Ok(Outcome::Done)
        })
    }
}
