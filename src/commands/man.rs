//! `peercomp man`: the manual page.

use clap::CommandFactory;

use crate::Error;
use crate::cli::{Cli, Context, Outcome, Output};

/// Print the manual page (roff) to standard output
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  peercomp man > peercomp.1 && man ./peercomp.1")]
pub struct Args {}

impl Args {
    /// Prints the page.
    pub fn run(self, _: &Context, out: &mut Output) -> Result<Outcome, Error> {
        clap_mangen::Man::new(Cli::command()).render(out)?;
        Ok(Outcome::Done)
    }
}
