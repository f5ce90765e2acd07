//! A clap program shaped like peercomp's command line, with nothing else: a root with two global
//! flags and eighteen derive subcommands of twelve flags each, parsed the way peercomp parses
//! (the root and the one subcommand argv names, by `peercomp::cli::demand`). Its `--version` is
//! what clap itself costs to start; bench/startup.sh runs it beside `peercomp --version`.

use std::path::PathBuf;

use clap::{Args, Parser};

/// A demo shaped like peercomp's command line.
#[derive(Debug, Parser)]
#[command(name = "clap-demo", version, max_term_width = 100)]
struct Cli {
    #[command(flatten)]
    global: Global,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Args)]
struct Global {
    /// A file to load. Repeatable
    #[arg(long, global = true, value_name = "PATH")]
    data: Vec<PathBuf>,

    /// Load the embedded data as well
    #[arg(long, global = true)]
    with_embedded: bool,
}

/// The flags of every subcommand: as many, and of the kinds, as a peercomp query has.
#[derive(Debug, Args)]
#[command(after_help = format!("Examples:\n  clap-demo {} --tag a:1\n", "command"))]
struct Flags {
    /// Entries carrying this tag. Repeatable, or a comma list
    #[arg(short, long, value_delimiter = ',')]
    tag: Vec<String>,
    /// Entries of this category. Repeatable, or a comma list
    #[arg(short, long, value_delimiter = ',')]
    category: Vec<String>,
    /// Items only, without sub-items
    #[arg(long)]
    top_level: bool,
    /// Entries whose text contains TEXT. Repeatable
    #[arg(short, long)]
    grep: Vec<String>,
    /// Add the sub-items of every entry selected
    #[arg(short, long)]
    expand: bool,
    /// Print a checklist
    #[arg(long, conflicts_with = "json")]
    checklist: bool,
    /// A heading per code of this scheme
    #[arg(long, requires = "checklist")]
    by: Option<String>,
    /// Only the tags the source prints
    #[arg(long)]
    as_written: bool,
    /// Act on this framework only
    #[arg(long, value_delimiter = ',')]
    framework: Vec<String>,
    /// Output format
    #[arg(short, long, default_value = "table")]
    format: String,
    /// Short for --format json
    #[arg(long, conflicts_with = "format")]
    json: bool,
    /// Write cells as they are
    #[arg(long)]
    raw: bool,
}

/// Declares the eighteen subcommands, each with the same flags, and the lookup by name.
macro_rules! commands {
    ($($name:ident => $variant:ident,)*) => {
        #[derive(Debug, clap::Subcommand)]
        enum Command {
            $(
                /// A subcommand.
                #[command(name = stringify!($name))]
                $variant(Flags),
            )*
        }

        fn subcommand(name: &str) -> Option<clap::Command> {
            match name {
                $(stringify!($name) => Some(
                    Flags::augment_args(clap::Command::new(stringify!($name)))
                        .about("A subcommand."),
                ),)*
                _ => None,
            }
        }
    };
}

commands! {
    list => List, search => Search, show => Show, tags => Tags, categories => Categories,
    frameworks => Frameworks, crosswalk => Crosswalk, overlaps => Overlaps, align => Align,
    export => Export, site => Site, serve => Serve, coverage => Coverage, diff => Diff,
    validate => Validate,
    schema => Schema, completions => Completions, man => Man,
}

fn main() {
    let root =
        Global::augment_args(clap::Command::new("clap-demo").version(env!("CARGO_PKG_VERSION")));
    let cli: Cli = peercomp::cli::demand::parse(std::env::args_os().collect(), root, subcommand)
        .unwrap_or_else(|err| err.exit());
    println!("{:?}", cli.command);
}
