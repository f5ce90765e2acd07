//! `peercomp completions`: a shell's completion script.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::Error;
use crate::cli::{Cli, Context, Outcome, Output};

/// Print a shell completion script to standard output
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  peercomp completions bash > ~/.local/share/bash-completion/completions/peercomp
  peercomp completions zsh > ~/.zfunc/_peercomp
  peercomp completions fish > ~/.config/fish/completions/peercomp.fish")]
pub struct Args {
    #[arg(value_enum)]
    shell: Shell,
}

impl Args {
    /// Prints the script.
    pub fn run(self, _: &Context, out: &mut Output) -> Result<Outcome, Error> {
        // clap_complete panics when a write fails, so it writes to memory and we write that.
        let mut script = Vec::new();
        clap_complete::generate(self.shell, &mut Cli::command(), "peercomp", &mut script);
        out.write_all(&script)?;
        Ok(Outcome::Done)
    }
}
