//! What every command needs, imported by each (as cargo's `command_prelude`): what it runs
//! with ([`Context`]), writes to ([`Output`]) and ends with ([`Outcome`]); the flag groups that
//! commands share; the exit statuses their help lists.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use clap::Args;

pub(crate) use crate::Error;
use crate::load::{self, Embedded};
use crate::model::{Alignment, Framework, TagRef};
use crate::query;
use crate::report::Report;
use crate::write::{self, Format, Style};

/// The exit statuses, for every command's help.
pub(crate) const EXIT_CODES: &str = "\
Exit codes:
  0  success, also when nothing matches
  1  runtime error: a framework file that cannot be read or is invalid, an unknown id
  2  usage error: a bad flag or value, an unknown tag, category or framework";

/// What a command runs with: where its frameworks come from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Context<'a> {
    /// Framework files and directories to load instead of the embedded frameworks.
    pub data: Vec<PathBuf>,
    /// Load the embedded frameworks as well as `data`.
    pub with_embedded: bool,
    /// The process ends when the command does (the binary's case): what was loaded is then not
    /// freed piece by piece, which the operating system does at once, a tenth of an embedded
    /// query's work. A program that runs commands and goes on leaves it false.
    pub ends_process: bool,
    /// The whole command tree, for the commands that describe it (`man`, `completions`): the
    /// root of the command line is above the commands, which never import it.
    pub command_tree: Option<fn() -> clap::Command>,
    /// Frameworks and alignments loaded already (`serve` answers every query from them): used
    /// instead of `data` and the embedded frameworks.
    pub preloaded: Option<(&'a [Framework], &'a [Alignment])>,
}

impl Context<'_> {
    /// The whole command tree, as `peercomp --help` shows it.
    pub(crate) fn command_tree(&self) -> clap::Command {
        self.command_tree.map_or_else(|| clap::Command::new("peercomp"), |tree| tree())
    }

    /// Whether the embedded frameworks are loaded: with --with-embedded, or where --data names
    /// no framework (none, or alignment files only, which link frameworks and hold none).
    fn embedded(&self) -> bool {
        self.with_embedded
            || self.data.iter().all(|path| path.is_file() && load::is_alignment_file(path))
    }

    /// The alignment files of --data, checked against the frameworks loaded.
    pub(crate) fn alignments(&self, frameworks: &[Framework]) -> Result<Vec<Alignment>, Error> {
        if let Some((_, alignments)) = self.preloaded {
            return Ok(alignments.to_vec());
        }
        Ok(load::alignments(&self.data, frameworks)?)
    }

    /// Runs `run` for a command that acts on one framework: `named`, or where it names none the
    /// default ([`default_framework`]), given to `run` by its id as loaded. Of the embedded
    /// frameworks only that one is parsed.
    pub(crate) fn on_one_framework<T>(
        &self,
        named: Option<&str>,
        mut run: impl FnMut(&[Framework], &str) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let wanted = named.unwrap_or("peer-worker");
        let mut chosen = Chosen::default();
        self.with_frameworks(
            &[],
            |e| e.id == wanted,
            |frameworks| {
                let id = chosen.framework(named, frameworks)?;
                run(frameworks, &id)
            },
        )
    }

    /// Runs `run` on every framework loaded, or those of `selected` where it names some.
    pub(crate) fn on_frameworks<T>(
        &self,
        selected: &[String],
        run: impl FnMut(&[Framework]) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.with_frameworks(selected, |_| true, run)
    }

    /// Every framework a command loads (`--data`, the embedded frameworks, or both).
    pub(crate) fn loaded(&self) -> Result<Vec<Framework>, Error> {
        self.frameworks(&[], &[])
    }

    /// Every framework loaded, or those of `selected` where it names some; with --data, the
    /// embedded frameworks of `named` too.
    fn frameworks(&self, selected: &[String], named: &[&str]) -> Result<Vec<Framework>, Error> {
        let embedded = self.embedded();
        let loaded = load::load_some(&self.data, &|e| embedded || named.contains(&e.id))?;
        Ok(query::select(loaded, selected)?)
    }

    /// Runs `run` on the frameworks of `selected` (all where it is empty), parsing only the
    /// embedded frameworks that `could_matter` accepts (and, where it accepts them all, once).
    /// A command gives `could_matter` only where the frameworks it turns away cannot change a
    /// successful answer (a tag no entry of theirs can carry, an id they do not hold); where the
    /// answer is a query error, `run` runs again on every framework, so that the message names
    /// all that exist.
    pub(crate) fn with_frameworks<T>(
        &self,
        selected: &[String],
        could_matter: impl Fn(&Embedded) -> bool,
        mut run: impl FnMut(&[Framework]) -> Result<T, Error>,
    ) -> Result<T, Error> {
        if let Some((all, _)) = self.preloaded {
            if selected.is_empty() {
                return run(all);
            }
            // Only those named are copied, in the order they were loaded.
            let mut named = Vec::new();
            for id in selected {
                named.push(query::framework(all, id)?.id.as_str());
            }
            let chosen: Vec<Framework> =
                all.iter().filter(|f| named.contains(&f.id.as_str())).cloned().collect();
            return run(&chosen);
        }
        let wanted = |e: &Embedded| {
            (selected.is_empty() || selected.iter().any(|s| s.eq_ignore_ascii_case(e.id)))
                && could_matter(e)
        };
        // Only where an embedded framework was left out is a second run worth its cost.
        if self.embedded() && !load::EMBEDDED.iter().all(wanted) {
            let some = load::load_some(&self.data, &wanted)?;
            let answer = query::select(some, selected)
                .map_err(Error::from)
                .and_then(|f| self.done_with(f, &mut run));
            match answer {
                Err(Error::Query(_)) => {}
                answer => return answer,
            }
        }
        // An embedded framework named (on the command line, in a curriculum) but not loaded,
        // as --data leaves them out, loads by itself, one at a time as each is found missing.
        let mut named: Vec<&str> = Vec::new();
        loop {
            let answer =
                self.frameworks(selected, &named).and_then(|f| self.done_with(f, &mut run));
            let missing = match &answer {
                Err(Error::Query(query::QueryError::UnknownFramework { given, .. })) => {
                    load::EMBEDDED.iter().find(|e| e.id.eq_ignore_ascii_case(given))
                }
                _ => None,
            };
            match missing {
                Some(e) if !self.embedded() && !named.contains(&e.id) => named.push(e.id),
                _ => return answer,
            }
        }
    }

    /// Runs `run` on the frameworks, then lets them go: freed, or where the process ends with
    /// the command, left to the operating system.
    fn done_with<T>(
        &self,
        frameworks: Vec<Framework>,
        run: &mut impl FnMut(&[Framework]) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let answer = run(&frameworks);
        if self.ends_process {
            std::mem::forget(frameworks);
        }
        answer
    }
}

/// Where a command writes: standard output, or any writer. Once its reader has gone (a broken
/// pipe), what is written is dropped, and the command goes on to its outcome.
pub(crate) struct Output<'w> {
    out: &'w mut dyn Write,
    width: Option<u16>,
    /// The reader went away: nothing more is written.
    closed: bool,
}

impl<'w> Output<'w> {
    /// Output to `out`, with tables wrapped to `width` where it is given.
    pub(crate) fn new(out: &'w mut dyn Write, width: Option<u16>) -> Self {
        Output { out, width, closed: false }
    }

    /// An error, unless it is the reader going away.
    fn unless_closed<T>(&mut self, result: io::Result<T>, otherwise: T) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(otherwise)
            }
            other => other,
        }
    }

    /// Writes a report in a style (the terminal's width is the output's own).
    pub(crate) fn emit<R: Report + ?Sized>(&mut self, style: Style, report: &R) -> io::Result<()> {
        let style = Style { width: self.width, ..style };
        write::emit(self, style, report)
    }
}

impl Write for Output<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let written = self.out.write(buf);
        self.unless_closed(written, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let flushed = self.out.flush();
        self.unless_closed(flushed, ())
    }
}

/// How a command that ran went, and so its exit status.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Done, nothing to add.
    Done,
    /// Done; a line for people on stderr, such as "no entries match".
    Said(String),
    /// `validate` found this many problems (printed) in this many files.
    Invalid {
        /// How many problems.
        problems: usize,
        /// In how many files.
        files: usize,
    },
    /// Done in part: what could be printed is; these lines say what could not (status 1).
    Failed(Vec<String>),
    /// The coverage printed is under `--fail-under`.
    CoverageUnder {
        /// The coverage, in percent.
        percent: f64,
        /// The lowest acceptable, in percent.
        minimum: f64,
    },
}

impl Outcome {
    /// A line for people, where there is one to say, for stderr.
    pub fn message(&self) -> Option<String> {
        match self {
            Outcome::Done => None,
            Outcome::Said(message) => Some(message.clone()),
            Outcome::Failed(lines) => Some(lines.join("\n")),
            Outcome::Invalid { problems, files } => {
                Some(format!("{} in {}", plural(*problems, "problem"), plural(*files, "file")))
            }
            Outcome::CoverageUnder { percent, minimum } => {
                Some(format!("coverage {percent:.1}% is under --fail-under {minimum}%"))
            }
        }
    }

    /// 0 where the command did what was asked, 1 where what it found is a failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Outcome::Done | Outcome::Said(_) => 0,
            Outcome::Invalid { .. } | Outcome::CoverageUnder { .. } | Outcome::Failed(_) => 1,
        }
    }

    /// A line for people where the format is one people read; nothing for programs.
    pub fn said_to_people(format: Format, message: impl Into<String>) -> Self {
        if format.is_for_people() { Outcome::Said(message.into()) } else { Outcome::Done }
    }
}

/// "1 file", "2 files".
pub(crate) fn plural(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// `--framework ID`, repeatable.
#[derive(Debug, Clone, Default, Args)]
pub(crate) struct FrameworkArgs {
    /// Act on this framework only (peer-worker, agency, or the id of a file's framework), in
    /// any case. Repeatable, or a comma list; all loaded frameworks without it
    #[arg(long = "framework", value_name = "ID", value_delimiter = ',')]
    pub frameworks: Vec<String>,
}

/// `--format` and its short form `--json`.
#[derive(Debug, Clone, Args)]
pub(crate) struct FormatArgs {
    /// Output format [default: table; in a pipe, a line per row, its cells between tabs]
    #[arg(long, short = 'f', value_enum, value_name = "FORMAT")]
    format: Option<Format>,

    /// Short for --format json
    #[arg(long, conflicts_with = "format")]
    json: bool,

    #[command(flatten)]
    csv: CsvArgs,
}

impl FormatArgs {
    /// The format asked for, and how.
    pub(crate) fn style(&self) -> Style {
        let format = if self.json { Format::Json } else { self.format.unwrap_or(Format::Table) };
        // A table asked for by name keeps its borders in a pipe.
        Style { bordered: self.format == Some(Format::Table), ..self.csv.style(format) }
    }
}

/// A score flag's value (`--min`): a number above 0 and at most 1.
pub(crate) fn parse_score(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(score) if score > 0.0 && score <= 1.0 => Ok(score),
        _ => Err("expected a number above 0 and at most 1, such as 0.5".to_owned()),
    }
}

/// How CSV is written: `--raw` and `--bom`.
#[derive(Debug, Clone, Copy, Args)]
pub(crate) struct CsvArgs {
    /// CSV: write cells as they are, even those a spreadsheet would run as a formula (starting
    /// with =, +, -, @): for scripts, not spreadsheets
    #[arg(long)]
    raw: bool,

    /// CSV: begin with a UTF-8 byte-order mark, by which spreadsheets know the text's encoding
    /// (export --to csv always writes one)
    #[arg(long)]
    bom: bool,
}

impl CsvArgs {
    /// A format, written as asked.
    pub(crate) fn style(self, format: Format) -> Style {
        Style { format, raw: self.raw, bom: self.bom, ..Style::default() }
    }
}

/// `--as-written`.
#[derive(Debug, Clone, Copy, Default, Args)]
pub(crate) struct AsWrittenArg {
    /// Use only the tags the source prints: ignore inferred tags (in peer-worker, every samhsa
    /// tag: the source implies them but never prints them)
    #[arg(long)]
    pub as_written: bool,
}

/// The flags of a query over the loaded frameworks: `--as-written`, `--framework`, `--format`.
#[derive(Debug, Clone, Args)]
pub(crate) struct QueryArgs {
    /// `--as-written`.
    #[command(flatten)]
    pub as_written: AsWrittenArg,

    /// `--framework`.
    #[command(flatten)]
    pub framework: FrameworkArgs,

    /// `--format`, `--json`.
    #[command(flatten)]
    pub format: FormatArgs,
}

/// `--tag`, `--category`, `--top-level`: the entries a command considers (`list`, `search`).
#[derive(Debug, Clone, Default, Args)]
pub(crate) struct SelectArgs {
    /// Entries carrying this tag: SCHEME:CODE (icrc:4) or a whole SCHEME (icrc, samhsa), in any
    /// case. Repeatable, or a comma list: an entry with any of them
    #[arg(
        long = "tag",
        short = 't',
        value_name = "SCHEME[:CODE]",
        value_parser = parse_tag,
        value_delimiter = ','
    )]
    pub tags: Vec<TagRef>,

    /// Entries of this category, in any case. Repeatable, or a comma list
    #[arg(long = "category", short = 'c', value_name = "ID", value_delimiter = ',')]
    pub categories: Vec<String>,

    /// Items only, without sub-items
    #[arg(long)]
    pub top_level: bool,
}

fn parse_tag(s: &str) -> Result<TagRef, String> {
    s.parse().map_err(|e: crate::model::BadTagRef| e.to_string())
}

/// `--color WHEN`: whether to colour what a command highlights.
#[derive(Debug, Clone, Copy, Default, Args)]
pub(crate) struct ColorArg {
    /// Colour matches: auto (on a terminal, unless NO_COLOR is set or TERM is dumb;
    /// CLICOLOR_FORCE forces it), always, never
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// When to colour.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ColorChoice {
    /// On a terminal, as the environment allows
    #[default]
    Auto,
    /// Always, even in a pipe or a file
    Always,
    /// Never
    Never,
}

impl ColorArg {
    /// Whether to colour standard output: `always`; or `auto` where CLICOLOR_FORCE asks, or
    /// where the output is a terminal that can show colour and neither NO_COLOR nor CLICOLOR=0
    /// says no (<https://no-color.org>, <https://bixense.com/clicolors/>).
    pub(crate) fn enabled(self) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto if anstyle_query::clicolor_force() => true,
            ColorChoice::Auto => {
                !anstyle_query::no_color()
                    && anstyle_query::clicolor() != Some(false)
                    && anstyle_query::term_supports_color()
                    && io::stdout().is_terminal()
            }
        }
    }
}

/// The framework a one-framework command acts on where none is named: peer-worker where it is
/// loaded, else the only framework loaded.
/// The framework a command acts on, chosen once: the one it names, else the default among the
/// frameworks first loaded. One that loads later because the command names it elsewhere
/// (`--by peer-worker:icrc` with --data) is not the one asked about.
#[derive(Default)]
pub(crate) struct Chosen(Option<String>);

impl Chosen {
    /// The framework's id: `named`, or the default ([`default_framework`]) the first time.
    pub(crate) fn framework(
        &mut self,
        named: Option<&str>,
        frameworks: &[Framework],
    ) -> Result<String, query::QueryError> {
        let id = match (named, &self.0) {
            (Some(id), _) => id.to_owned(),
            (None, Some(id)) => id.clone(),
            (None, None) => default_framework(frameworks)?.to_owned(),
        };
        Ok(self.0.get_or_insert(id).clone())
    }
}

pub(crate) fn default_framework(frameworks: &[Framework]) -> Result<&str, query::QueryError> {
    match frameworks {
        [only] => Ok(&only.id),
        _ if frameworks.iter().any(|f| f.id == "peer-worker") => Ok("peer-worker"),
        _ => Err(query::QueryError::FrameworkNeeded {
            loaded: frameworks.iter().map(|f| f.id.as_str()).collect::<Vec<_>>().join(", "),
        }),
    }
}
