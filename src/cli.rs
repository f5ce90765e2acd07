//! The command line: the root of the command tree, its global flags and the subcommands of
//! `commands` (one file each), and the run that loads, dispatches and reports.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use clap::Parser;

use crate::commands::Command;
use crate::commands::prelude::{Context, EXIT_CODES, Error, Outcome, Output};
use crate::load;

const MAIN_EXAMPLES: &str = "\
Examples:
  peercomp list --tag icrc:4              every entry of IC&RC Domain 4
  peercomp list --category 6 --expand     category 6 with its sub-items
  peercomp search crisis housing --any    statements about either, best first
  peercomp list --grep advoca --json      entries containing \"advoca\", as JSON
  peercomp show 6.8 1.9                   two entries with tags, notes and sub-items
  peercomp tags                           every tag and how many entries carry it
  peercomp list --framework agency -c factors
                                          the agency framework's 13 psychosocial factors
  peercomp categories --format markdown   both frameworks' categories, with counts per source
  peercomp crosswalk --by rfc             RFC practices per category
  peercomp overlaps                       statements that repeat across categories
  peercomp coverage training.yaml         what a curriculum covers, and what it misses
  peercomp export --to html -o pw.html    one page: heat maps, entries, a filter box
  peercomp validate mine.yaml             check a framework file of your own";

/// Query the published peer-support competency frameworks: list entries by source tag,
/// category or text; show one entry with its provenance; count tags and categories.
#[derive(Debug, Parser)]
#[command(
    name = "peercomp",
    version,
    after_help = format!("{MAIN_EXAMPLES}\n\n{EXIT_CODES}"),
    after_long_help = format!("{MAIN_EXAMPLES}\n\n{EXIT_CODES}"),
    max_term_width = 100
)]
pub struct Cli {
    /// Load a framework file (.yaml, .yml or .json), or every such file in a directory, instead
    /// of the embedded frameworks. Repeatable. Without it, the paths in $PEERCOMP_DATA (a list
    /// like $PATH)
    #[arg(long, global = true, value_name = "PATH", help_heading = GLOBAL)]
    pub data: Vec<PathBuf>,

    /// Load the embedded frameworks as well as those of --data
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub with_embedded: bool,

    /// The command to run.
    #[command(subcommand)]
    command: Command,
}

/// The help heading of the flags every command takes.
const GLOBAL: &str = "Global options";

/// Commands people type to find text, which are `search` here.
const SEARCH_WORDS: [&str; 4] = ["find", "grep", "lookup", "query"];

impl Cli {
    /// The command line, or a usage error: an unknown command that means a search (`find`,
    /// `grep`) is pointed to `search`.
    pub fn try_parse_args() -> Result<Cli, clap::Error> {
        use clap::error::{ContextKind, ContextValue, ErrorKind};
        Cli::try_parse().map_err(|mut err| {
            let given = match err.get(ContextKind::InvalidSubcommand) {
                Some(ContextValue::String(given)) => given.to_lowercase(),
                _ => return err,
            };
            if err.kind() == ErrorKind::InvalidSubcommand && SEARCH_WORDS.contains(&&*given) {
                let search = ContextValue::Strings(vec!["search".to_owned()]);
                err.insert(ContextKind::SuggestedSubcommand, search);
            }
            err
        })
    }

    /// Runs the command, writing to `out`; `width` is the terminal's, where there is one.
    ///
    /// Where the reader of `out` goes away (`peercomp validate | head -1`), the rest of the output
    /// is dropped quietly and the command still ends with its own outcome, so that its exit
    /// status tells the truth to `set -o pipefail`.
    pub fn run(self, out: &mut dyn Write, width: Option<u16>) -> Result<Outcome, Error> {
        load::max_file_bytes().map_err(Error::Environment)?;
        let data = if self.data.is_empty() { data_from_env() } else { self.data };
        let context = Context {
            data,
            with_embedded: self.with_embedded,
            ends_process: true,
            command_tree: Some(<Cli as clap::CommandFactory>::command),
        };
        let mut output = Output::new(out, width);
        let outcome = self.command.run(&context, &mut output)?;
        output.flush()?;
        Ok(outcome)
    }
}

/// The paths in $PEERCOMP_DATA, split as $PATH is.
fn data_from_env() -> Vec<PathBuf> {
    std::env::var_os("PEERCOMP_DATA")
        .map(|paths| std::env::split_paths(&paths).filter(|p| !p.as_os_str().is_empty()).collect())
        .unwrap_or_default()
}

/// The width to wrap tables to: the terminal's, or $COLUMNS where it is set; none in a pipe.
pub fn terminal_width() -> Option<u16> {
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    if io::stdout().is_terminal() {
        terminal_size::terminal_size().map(|(w, _)| w.0).or(columns)
    } else {
        columns
    }
}
