//! The command line: the root of the command tree, its global flags and the subcommands of
//! `commands` (one file each), and the run that loads, dispatches and reports.

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, Parser};

pub mod demand;

use crate::commands::prelude::{Context, EXIT_CODES, Error, Outcome, Output};
use crate::commands::{self, Command};
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
    #[command(flatten)]
    global: Global,

    /// The command to run.
    #[command(subcommand)]
    command: Command,
}

// The flags of the root, which every command takes (no doc comment: a flattened struct's would
// be taken for the root's about).
#[derive(Debug, clap::Args)]
struct Global {
    /// Load a framework file (.yaml, .yml or .json), or every such file in a directory, instead
    /// of the embedded frameworks. Repeatable. Without it, the paths in $PEERCOMP_DATA (a list
    /// like $PATH)
    #[arg(long, global = true, value_name = "PATH", help_heading = GLOBAL)]
    data: Vec<PathBuf>,

    /// Load the embedded frameworks as well as those of --data
    #[arg(long, global = true, help_heading = GLOBAL)]
    with_embedded: bool,
}

/// The help heading of the flags every command takes.
const GLOBAL: &str = "Global options";

/// Commands people type to find text, which are `search` here.
const SEARCH_WORDS: [&str; 4] = ["find", "grep", "lookup", "query"];

impl Cli {
    /// The command line, or a usage error: an unknown command that means a search (`find`,
    /// `grep`) is pointed to `search`.
    ///
    /// Only the root's flags and the subcommand that argv names are built (see [`demand`]);
    /// help, errors and suggestions come from the whole tree, as they always did.
    pub fn try_parse_args() -> Result<Cli, clap::Error> {
        Cli::try_parse_from_args(std::env::args_os().collect())
    }

    /// [`Cli::try_parse_args`] of the given arguments, the program's name first.
    pub fn try_parse_from_args(args: Vec<OsString>) -> Result<Cli, clap::Error> {
        use clap::error::{ContextKind, ContextValue, ErrorKind};
        let named = demand::subcommand_named(&root(), &args).map(str::to_owned);
        demand::parse(args, root(), commands::subcommand).map_err(|mut err| {
            if err.kind() == ErrorKind::UnknownArgument
                && err.get(ContextKind::SuggestedArg).is_none()
                && let Some(ContextValue::String(given)) = err.get(ContextKind::InvalidArg)
                && let Some(flag) = similar_flag(given, named.as_deref())
            {
                err.insert(ContextKind::SuggestedArg, ContextValue::String(flag));
                return err;
            }
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
        let data = if self.global.data.is_empty() { data_from_env() } else { self.global.data };
        let context = Context {
            data,
            with_embedded: self.global.with_embedded,
            ends_process: true,
            command_tree: Some(<Cli as clap::CommandFactory>::command),
            preloaded: None,
        };
        let mut output = Output::new(out, width);
        let outcome = self.command.run(&context, &mut output)?;
        output.flush()?;
        Ok(outcome)
    }
}

/// The root of the command tree without its subcommands: what a parse needs of it.
fn root() -> clap::Command {
    Global::augment_args(clap::Command::new("peercomp").version(env!("CARGO_PKG_VERSION")))
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

/// A flag of the command (or the root) within two edits of an unknown one (`--tga`: `--tag`),
/// where clap's own measure finds none: it looks for flags that begin alike, and misses a
/// transposition in a short name.
fn similar_flag(given: &str, subcommand: Option<&str>) -> Option<String> {
    let name = given.strip_prefix("--")?.split('=').next()?;
    if name.chars().count() < 3 {
        return None;
    }
    let command = subcommand.and_then(commands::subcommand);
    let root = root();
    let flags = root.get_arguments().chain(command.iter().flat_map(|c| c.get_arguments()));
    flags
        .filter_map(|a| a.get_long())
        .map(|long| (strsim::damerau_levenshtein(name, long), long))
        .filter(|&(distance, _)| distance <= 2)
        .min()
        .map(|(_, long)| format!("--{long}"))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    /// Every subcommand built alone is the one the whole tree holds, to the last setting but
    /// its place in the root's help, which the whole tree gives it.
    #[test]
    fn a_subcommand_built_alone_is_the_whole_trees() {
        let tree = Cli::command();
        let names: Vec<&str> = tree.get_subcommands().map(|s| s.get_name()).collect();
        assert_eq!(names.len(), 18, "{names:?}");
        for sub in tree.get_subcommands() {
            let alone = commands::subcommand(sub.get_name()).expect("every subcommand is named");
            let (alone, sub) = (alone.display_order(0), sub.clone().display_order(0));
            assert!(format!("{alone:?}") == format!("{sub:?}"), "{} differs", sub.get_name());
        }
        assert!(commands::subcommand("lsit").is_none());
    }

    /// The root built without subcommands has the whole tree's name, version and flags.
    #[test]
    fn the_root_alone_has_the_whole_trees_flags() {
        let (root, tree) = (root(), Cli::command());
        let flags =
            |c: &clap::Command| c.get_arguments().map(|a| format!("{a:?}")).collect::<Vec<_>>();
        assert_eq!(flags(&root), flags(&tree));
        assert_eq!(flags(&root).len(), 2);
        assert_eq!((root.get_name(), root.get_version()), (tree.get_name(), tree.get_version()));
    }

    /// What the parse built on demand gives, for every example of every command's help and for
    /// mistakes, help and versions, is what the whole tree gives: the same command, or the same
    /// error, word for word.
    #[test]
    fn parsing_on_demand_gives_what_the_whole_tree_gives() {
        let tree = Cli::command();
        let mut lines: Vec<String> = vec![
            "",
            "--version",
            "-V",
            "--help",
            "-h",
            "help",
            "help list",
            "help lsit",
            "find x",
            "lsit",
            "--",
            "-- list",
            "--data",
            "--data x",
            "--with-embedded list",
            "list --with-embedded",
            "--with-embedded=true list",
            "-x list",
            "list -- 6.8",
            "show",
            "--data a --data b show 1.1",
            "--data=a show 6.8 --json",
            "--data --version list",
            "--data list show 6.8",
            "--version list",
            "list --version",
            "list --tga icrc:4",
            "show 6.8 --format tabel",
            "list --tag",
            "schema --kind",
            "coverage",
            "man --out",
        ]
        .into_iter()
        .map(str::to_owned)
        .collect();
        for sub in tree.get_subcommands() {
            let name = sub.get_name();
            for flags in ["", "--help", "-h", "--bogus", "--format json", "--data x --json"] {
                lines.push(format!("{name} {flags}"));
                lines.push(format!("--data=x {name} {flags}"));
            }
            // The examples of its help: the command, up to the two spaces before what it does.
            let help = sub.get_after_help().map(|h| h.to_string()).unwrap_or_default();
            for example in help.lines().filter_map(|l| l.trim_start().strip_prefix("peercomp ")) {
                lines.push(example.split("  ").next().unwrap_or_default().to_owned());
            }
        }
        assert!(lines.len() > 250, "{}", lines.len());
        let shown = |result: Result<Cli, clap::Error>| match result {
            Ok(cli) => format!("{cli:?}"),
            Err(err) => format!("{:?} {}\n{}", err.kind(), err.exit_code(), err.render()),
        };
        for line in &lines {
            let args: Vec<OsString> = std::iter::once("peercomp")
                .chain(line.split_whitespace())
                .map(Into::into)
                .collect();
            let on_demand = demand::parse::<Cli>(args.clone(), root(), commands::subcommand);
            assert_eq!(shown(on_demand), shown(Cli::try_parse_from(&args)), "{line}");
        }
    }
}
