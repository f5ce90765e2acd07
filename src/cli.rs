//! The command line: every flag, default and help text, and nothing else. It turns arguments
//! into the library's plain [`Request`]; no other module sees clap.

use std::io::{self, Write};
use std::path::PathBuf;

use clap::error::ErrorKind;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;
use peercomp::app::{Command, ExportFormat, Query, Request};
use peercomp::model::TagRef;
use peercomp::query::{CoverageOptions, DEFAULT_MIN_SCORE, ListFilter};
use peercomp::render::{CrosswalkLayout, Format, Style};

const EXIT_CODES: &str = "\
Exit codes:
  0  success, also when nothing matches
  1  runtime error: a framework file that cannot be read or is invalid, an unknown id
  2  usage error: a bad flag or value, an unknown tag, category or framework";

const MAIN_EXAMPLES: &str = "\
Examples:
  peercomp list --tag icrc:4              every entry of IC&RC Domain 4
  peercomp list --category 6 --expand     category 6 with its sub-items
  peercomp list --grep advoca --json      entries mentioning advocacy, as JSON
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
    #[arg(long, global = true, value_name = "PATH")]
    data: Vec<PathBuf>,

    /// Load the embedded frameworks as well as those of --data
    #[arg(long, global = true)]
    with_embedded: bool,

    #[command(subcommand)]
    command: Commands,
}

#[derive(Debug, Subcommand)]
enum Commands {
    /// List entries (items and sub-items), filtered by tag, category and text
    #[command(after_help = format!("\
Examples:
  peercomp list --tag icrc:4                  all ICRC Domain 4 entries
  peercomp list --tag rfc --top-level         items from any RFC best practice
  peercomp list --tag icrc:1 --as-written     only where the source prints the tag
  peercomp list --category 4 --category 5     two categories
  peercomp list --grep \"person-centered\"      text search, case-insensitive
  peercomp list --format csv > entries.csv    for a spreadsheet
  peercomp list --framework agency --category factors
                                              the 13 psychosocial factors
  peercomp list --framework agency --format markdown --checklist
                                              an agency review checklist

Filters combine: an entry must pass every filter given; repeated --tag or --category
values are alternatives.

{EXIT_CODES}"))]
    List(ListArgs),

    /// Show entries by id, with their category, tags (as written, inferred), notes and
    /// sub-items
    #[command(after_help = format!("\
Examples:
  peercomp show 6.8                    the entry whose tag the source misprints
  peercomp show 11.14 --json           an entry and its sub-items as JSON
  peercomp show peer-worker/1.9        an id qualified by its framework
  peercomp show agency/factors.9       an agency factor

{EXIT_CODES}"))]
    Show(ShowArgs),

    /// List every tag (source scheme and code) with its label and how many entries carry it
    #[command(after_help = format!("\
Examples:
  peercomp tags                  samhsa, icrc:1-4 and rfc:1-10 with their counts
  peercomp tags --as-written     counting only tags printed in the source

{EXIT_CODES}"))]
    Tags(SummaryArgs),

    /// List the categories with their descriptions, sizes and counts per source scheme
    #[command(after_help = format!("\
Examples:
  peercomp categories
  peercomp categories --format markdown > categories.md

{EXIT_CODES}"))]
    Categories(SummaryArgs),

    /// List the loaded frameworks with their source and size
    #[command(after_help = format!("\
Examples:
  peercomp frameworks                    peer-worker and agency, embedded
  peercomp --data mine.yaml frameworks   what a file of your own holds

{EXIT_CODES}"))]
    Frameworks(FrameworksArgs),

    /// Cross-walk categories against the codes of one tag scheme: which IC&RC domains or RFC
    /// practices sit under which category
    #[command(after_help = format!("\
Examples:
  peercomp crosswalk                      categories x IC&RC domains, counts
  peercomp crosswalk --by rfc --ids       categories x RFC practices, entry ids
  peercomp crosswalk --transpose          domains in rows, categories in columns
  peercomp crosswalk --format csv > icrc.csv

A cell holds exactly what `peercomp list --tag TAG --category ID` lists: entries by their own
tags, sub-items included. Every code of the scheme is a column, even one that no entry carries.
Totals count entries: a row's total those of the category carrying any code of the scheme.
JSON always holds the ids, by category; --ids and --transpose shape the other formats.

{EXIT_CODES}"))]
    Crosswalk(CrosswalkArgs),

    /// Find entries whose statements say the same or nearly the same thing
    #[command(after_help = format!("\
Examples:
  peercomp overlaps                  exact repeats and close paraphrases
  peercomp overlaps --min 1          exact repeats only
  peercomp overlaps --min 0.5 --json looser, as JSON

Scoring: each statement becomes words (case, spacing and punctuation folded). Two statements
with the same words in the same order are \"identical\" (score 1). Otherwise the score is the
cosine similarity of their content words (leaving out words such as \"the\", \"and\", \"to\"): 1
when they use the same words equally often, 0 when they share none. The default, {DEFAULT_MIN_SCORE},
keeps repeats and close paraphrases (\"Recognizes/Addresses the importance of self-care\" scores
0.75) and leaves out statements that share words but not meaning (\"Addresses barriers to
housing/employment\" scores 0.67).

{EXIT_CODES}"))]
    Overlaps(OverlapsArgs),

    /// Write one framework in a file format: the model itself (json, yaml), which --data reads
    /// back losslessly; CASE 1.1 (case); a spreadsheet (csv); a study guide (markdown); a page
    /// (html)
    #[command(after_help = format!("\
Examples:
  peercomp export --to json > peer-worker.json     the framework model, as JSON
  peercomp export --to yaml --framework agency -o agency.yaml
  peercomp --data mine.yaml export --to json       a file of your own, converted
  peercomp export --to csv -o peer-worker.csv       a row per entry, for a spreadsheet
  peercomp export --to markdown --by icrc           a study guide by IC&RC domain
  peercomp export --to case -o peer-worker.case.json  CASE 1.1 packages, for OpenSALT and others
  peercomp export --to html -o peer-worker.html     one page: heat maps, entries, a filter box

A file named with -o is written whole or not at all, and never one that peercomp is reading.

{EXIT_CODES}"))]
    Export(ExportArgs),

    /// Report what a curriculum's modules cover of a framework, per group, and what they miss
    #[command(after_help = "\
Examples:
  peercomp coverage examples/curriculum/forensic-peer-training.yaml
  peercomp coverage training.yaml --by icrc          per IC&RC domain
  peercomp coverage training.yaml --include-subitems count sub-items too
  peercomp coverage training.yaml --fail-under 80    for a curriculum repository's CI

The mapping file (YAML or JSON):
  curriculum: Forensic Peer Specialist Training
  framework: peer-worker
  modules:
    - id: M1
      title: Foundations of peer support
      hours: 6                                   optional
      covers: [\"1.1\", \"1.2\", \"2.*\", \"icrc:3\"]

covers takes entry ids (6.9), patterns (2.*: the items of category 2; 6.9.*: the sub-items of
6.9) and tags (icrc:3: every entry carrying it). A reference that matches nothing is an error
naming it and its line. The entries counted are the framework's items; --include-subitems adds
the sub-items, and covering an item then does not cover them. A module's hours are shared evenly
among the entries it covers.

Exit codes:
  0  the report is printed (and coverage is not under --fail-under)
  1  coverage under --fail-under, a reference that matches nothing, an invalid file
  2  usage error")]
    Coverage(CoverageArgs),

    /// Check framework files and report every problem, each with its file, line and column
    #[command(after_help = format!("\
Examples:
  peercomp validate                      the embedded frameworks
  peercomp validate mine.yaml frameworks/ a file, and every framework file in a directory
  peercomp validate mine.yaml --json     problems as objects, for editors and CI

Checks: YAML or JSON syntax; unknown fields (with the likely one meant); missing fields; values
of the wrong type; ids used twice (with both places); tags the file's schemes do not define;
gaps and repeats in numbering (6.9.1, 6.9.2, ...); empty texts; a framework id loaded twice.
Every other command runs the same checks on what it loads and refuses a file with problems.

Exit codes:
  0  no problems
  1  problems found, or a file that cannot be read
  2  usage error"))]
    Validate(ValidateArgs),

    /// Print the JSON Schema of a framework file, for editors to check and complete them
    #[command(after_help = "\
Examples:
  peercomp schema > framework.schema.json
  then, as the first line of a framework file, for editors using yaml-language-server:
  # yaml-language-server: $schema=framework.schema.json")]
    Schema,

    /// Print a shell completion script to standard output
    #[command(after_help = "\
Examples:
  peercomp completions bash > ~/.local/share/bash-completion/completions/peercomp
  peercomp completions zsh > ~/.zfunc/_peercomp
  peercomp completions fish > ~/.config/fish/completions/peercomp.fish")]
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },

    /// Print the manual page (roff) to standard output
    #[command(after_help = "\
Examples:
  peercomp man > peercomp.1 && man ./peercomp.1")]
    Man,
}

#[derive(Debug, Args)]
struct FrameworkArgs {
    /// Act on this framework only (peer-worker, agency, or the id of a file's framework).
    /// Repeatable; all loaded frameworks without it
    #[arg(long = "framework", value_name = "ID")]
    frameworks: Vec<String>,
}

#[derive(Debug, Args)]
struct OutputArgs {
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = FormatArg::Table)]
    format: FormatArg,

    /// Short for --format json
    #[arg(long, conflicts_with = "format")]
    json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    /// A table for the terminal, wrapped to its width
    Table,
    /// One JSON array (the documented contract)
    Json,
    /// One JSON object per line
    Jsonl,
    /// CSV with a header row
    Csv,
    /// A Markdown table
    Markdown,
}

#[derive(Debug, Args)]
struct AsWrittenArg {
    /// Use only the tags the source prints: ignore inferred tags (in peer-worker, every samhsa
    /// tag: the source implies them but never prints them)
    #[arg(long)]
    as_written: bool,
}

#[derive(Debug, Args)]
struct ListArgs {
    /// Entries carrying this tag: SCHEME:CODE (icrc:4) or a whole SCHEME (icrc, samhsa).
    /// Repeatable: an entry with any of them
    #[arg(long = "tag", short = 't', value_name = "SCHEME[:CODE]", value_parser = parse_tag)]
    tags: Vec<TagRef>,

    /// Entries of this category. Repeatable
    #[arg(long = "category", short = 'c', value_name = "ID")]
    categories: Vec<String>,

    /// Entries whose text contains TEXT, ignoring case and typographic quotes and dashes
    #[arg(long, short = 'g', value_name = "TEXT")]
    grep: Option<String>,

    /// Items only, without sub-items
    #[arg(long)]
    top_level: bool,

    /// Add the sub-items of every entry selected
    #[arg(long, short = 'e')]
    expand: bool,

    /// Print a Markdown checklist: `- [ ]` lines under a heading per category
    #[arg(long, conflicts_with = "json")]
    checklist: bool,

    #[command(flatten)]
    as_written: AsWrittenArg,

    #[command(flatten)]
    framework: FrameworkArgs,

    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, Args)]
struct FrameworksArgs {
    #[command(flatten)]
    framework: FrameworkArgs,

    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, Args)]
struct ShowArgs {
    /// Entry ids, such as 6.8 or 8.1.1; qualify one as FRAMEWORK/ID where ids repeat
    #[arg(required = true, value_name = "ID")]
    ids: Vec<String>,

    #[command(flatten)]
    as_written: AsWrittenArg,

    #[command(flatten)]
    framework: FrameworkArgs,

    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, Args)]
struct CrosswalkArgs {
    /// The framework whose categories are the rows [default: peer-worker, or the only
    /// framework loaded]
    #[arg(long, value_name = "ID")]
    framework: Option<String>,

    /// The tag scheme whose codes are the columns, such as icrc, rfc or samhsa
    #[arg(long, value_name = "SCHEME", default_value = "icrc")]
    by: String,

    /// Show the ids of the entries in the cells instead of their number
    #[arg(long)]
    ids: bool,

    /// Put the codes in rows and the categories in columns
    #[arg(long)]
    transpose: bool,

    #[command(flatten)]
    as_written: AsWrittenArg,

    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, Args)]
struct OverlapsArgs {
    /// The lowest score to show, above 0 and at most 1
    #[arg(long, value_name = "SCORE", default_value_t = DEFAULT_MIN_SCORE, value_parser = parse_score, allow_negative_numbers = true)]
    min: f64,

    #[command(flatten)]
    as_written: AsWrittenArg,

    #[command(flatten)]
    framework: FrameworkArgs,

    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, Args)]
struct ExportArgs {
    /// The format to write
    #[arg(long, value_enum, value_name = "FORMAT")]
    to: ExportFormatArg,

    /// The framework to write [default: peer-worker, or the only framework loaded]
    #[arg(long, value_name = "ID")]
    framework: Option<String>,

    /// markdown: a section per code of this scheme (icrc, rfc, samhsa) instead of per category
    #[arg(long, value_name = "SCHEME")]
    by: Option<String>,

    /// Write to this file instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportFormatArg {
    /// The framework model as JSON, as --data reads it
    Json,
    /// The framework model as YAML, as --data reads it
    Yaml,
    /// A row per entry (UTF-8 with a byte-order mark, for spreadsheets)
    Csv,
    /// A study guide: categories as headings, entries with their tags
    Markdown,
    /// CASE 1.1: a JSON array of CFPackages, the framework's then one per tag scheme
    Case,
    /// One self-contained page: crosswalk heat maps, every entry, a filter box
    Html,
}

#[derive(Debug, Args)]
struct CoverageArgs {
    /// The curriculum mapping file (.yaml, .yml or .json)
    #[arg(value_name = "FILE")]
    file: PathBuf,

    /// Group by category, or by the codes of a tag scheme (icrc, rfc, samhsa)
    #[arg(long, value_name = "GROUP", default_value = "category")]
    by: String,

    /// Count sub-items as entries of their own
    #[arg(long)]
    include_subitems: bool,

    /// Exit with code 1 when the overall coverage is under PCT percent
    #[arg(long, value_name = "PCT", value_parser = parse_percent)]
    fail_under: Option<f64>,

    #[command(flatten)]
    as_written: AsWrittenArg,

    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, Args)]
struct ValidateArgs {
    /// Framework files or directories to check [default: the embedded frameworks]
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, Args)]
struct SummaryArgs {
    #[command(flatten)]
    as_written: AsWrittenArg,

    #[command(flatten)]
    framework: FrameworkArgs,

    #[command(flatten)]
    output: OutputArgs,
}

fn parse_score(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(score) if score > 0.0 && score <= 1.0 => Ok(score),
        _ => Err(format!("expected a number above 0 and at most 1, such as {DEFAULT_MIN_SCORE}")),
    }
}

fn parse_percent(s: &str) -> Result<f64, String> {
    match s.trim_end_matches('%').parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err("expected a percentage from 0 to 100, such as 80".to_owned()),
    }
}

fn parse_tag(s: &str) -> Result<TagRef, String> {
    s.parse().map_err(|e: peercomp::model::BadTagRef| e.to_string())
}

/// What the command line asks for.
pub enum Invocation {
    /// A query on the frameworks; `width` is filled in by the caller, who knows the terminal.
    Run(Request),
    Completions(Shell),
    Man,
}

impl OutputArgs {
    fn style(&self) -> Style {
        let format = if self.json {
            Format::Json
        } else {
            match self.format {
                FormatArg::Table => Format::Table,
                FormatArg::Json => Format::Json,
                FormatArg::Jsonl => Format::Jsonl,
                FormatArg::Csv => Format::Csv,
                FormatArg::Markdown => Format::Markdown,
            }
        };
        Style { format, width: None }
    }
}

/// Parses the command line; on a usage error clap prints it and exits with code 2.
pub fn parse() -> Invocation {
    let cli = Cli::parse();
    let (command, output, framework) = match cli.command {
        Commands::List(a) => {
            let mut output = a.output;
            if a.checklist {
                match output.format {
                    FormatArg::Table | FormatArg::Markdown => output.format = FormatArg::Markdown,
                    other => Cli::command()
                        .error(
                            ErrorKind::ArgumentConflict,
                            format!("--checklist prints Markdown, not {other:?}: leave out --format or use --format markdown"),
                        )
                        .exit(),
                }
            }
            let filter = ListFilter {
                tags: a.tags,
                categories: a.categories,
                grep: a.grep,
                top_level: a.top_level,
                expand: a.expand,
                as_written: a.as_written.as_written,
            };
            (Command::Query(Query::List { filter, checklist: a.checklist }), output, a.framework)
        }
        Commands::Frameworks(a) => (Command::Query(Query::Frameworks), a.output, a.framework),
        Commands::Show(a) => (
            Command::Query(Query::Show { ids: a.ids, as_written: a.as_written.as_written }),
            a.output,
            a.framework,
        ),
        Commands::Tags(a) => (
            Command::Query(Query::Tags { as_written: a.as_written.as_written }),
            a.output,
            a.framework,
        ),
        Commands::Categories(a) => (
            Command::Query(Query::Categories { as_written: a.as_written.as_written }),
            a.output,
            a.framework,
        ),
        Commands::Crosswalk(a) => (
            Command::Query(Query::Crosswalk {
                framework: a.framework,
                by: a.by,
                as_written: a.as_written.as_written,
                layout: CrosswalkLayout { ids: a.ids, transpose: a.transpose },
            }),
            a.output,
            FrameworkArgs { frameworks: vec![] },
        ),
        Commands::Overlaps(a) => (
            Command::Query(Query::Overlaps { min: a.min, as_written: a.as_written.as_written }),
            a.output,
            a.framework,
        ),
        Commands::Export(a) => (
            Command::Query(Query::Export {
                to: match a.to {
                    ExportFormatArg::Json => ExportFormat::Json,
                    ExportFormatArg::Yaml => ExportFormat::Yaml,
                    ExportFormatArg::Csv => ExportFormat::Csv,
                    ExportFormatArg::Markdown => ExportFormat::Markdown,
                    ExportFormatArg::Case => ExportFormat::Case,
                    ExportFormatArg::Html => ExportFormat::Html,
                },
                framework: a.framework,
                by: a.by,
                output: a.output,
            }),
            OutputArgs { format: FormatArg::Json, json: false },
            FrameworkArgs { frameworks: vec![] },
        ),
        Commands::Coverage(a) => (
            Command::Query(Query::Coverage {
                file: a.file,
                options: CoverageOptions {
                    by: a.by,
                    include_subitems: a.include_subitems,
                    as_written: a.as_written.as_written,
                },
                fail_under: a.fail_under,
            }),
            a.output,
            FrameworkArgs { frameworks: vec![] },
        ),
        Commands::Validate(a) => {
            (Command::Validate { paths: a.paths }, a.output, FrameworkArgs { frameworks: vec![] })
        }
        Commands::Schema => (
            Command::Schema,
            OutputArgs { format: FormatArg::Json, json: true },
            FrameworkArgs { frameworks: vec![] },
        ),
        Commands::Completions { shell } => return Invocation::Completions(shell),
        Commands::Man => return Invocation::Man,
    };
    let data = if cli.data.is_empty() {
        std::env::var_os("PEERCOMP_DATA")
            .map(|paths| {
                std::env::split_paths(&paths).filter(|p| !p.as_os_str().is_empty()).collect()
            })
            .unwrap_or_default()
    } else {
        cli.data
    };
    Invocation::Run(Request {
        data,
        with_embedded: cli.with_embedded,
        frameworks: framework.frameworks,
        command,
        style: output.style(),
    })
}

pub fn write_completions(shell: Shell, out: &mut dyn Write) -> io::Result<()> {
    // clap_complete panics when a write fails, so it writes to memory and we write that.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "peercomp", &mut script);
    out.write_all(&script)
}

pub fn write_man(out: &mut dyn Write) -> io::Result<()> {
    clap_mangen::Man::new(Cli::command()).render(out)
}
