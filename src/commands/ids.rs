//! `peercomp ids`: every entry id, one a line (a demonstration of adding a command).

use super::prelude::{Context, EXIT_CODES, FrameworkArgs, Outcome, Output};
use crate::Error;
use std::io::Write;

/// Print every entry id of the loaded frameworks, one a line
#[derive(Debug, clap::Args)]
#[command(after_help = format!("\
Examples:
  peercomp ids                       peer-worker's and agency's ids
  peercomp ids --framework agency    one framework's

{EXIT_CODES}"))]
pub struct Args {
    #[command(flatten)]
    framework: FrameworkArgs,
}

impl Args {
    /// Prints the ids.
    pub fn run(self, ctx: &Context, out: &mut Output) -> Result<Outcome, Error> {
        ctx.on_frameworks(&self.framework.frameworks, |frameworks| {
            for framework in frameworks {
                for category in &framework.categories {
                    for (entry, _) in category.walk() {
                        writeln!(out, "{}", entry.id)?;
                    }
                }
            }
            Ok(Outcome::Done)
        })
    }
}
