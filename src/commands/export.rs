//! `peercomp export`: one framework as a file: the model (JSON, YAML), CASE, CSV, a study guide,
//! a page.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Error;
use crate::cli::{Context, EXIT_CODES, Outcome, Output};
use crate::model::Framework;
use crate::query;
use crate::render::{self, Format, Style};

/// Write one framework in a file format: the model itself (json, yaml), which --data reads
/// back losslessly; CASE 1.1 (case); a spreadsheet (csv); a study guide (markdown); a page
/// (html)
#[derive(Debug, clap::Args)]
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
pub struct Args {
    /// The format to write
    #[arg(long, value_enum, value_name = "FORMAT")]
    to: ExportFormat,

    /// The framework to write [default: peer-worker, or the only framework loaded]
    #[arg(long, value_name = "ID")]
    framework: Option<String>,

    /// markdown: a section per code of this scheme (icrc, rfc, samhsa) instead of per category
    #[arg(long, value_name = "SCHEME")]
    by: Option<String>,

    /// Write to this file instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,

    /// csv: write cells as they are, even those a spreadsheet would run as a formula (starting
    /// with =, +, -, @): for scripts, not spreadsheets
    #[arg(long)]
    raw: bool,
}

/// The formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
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

impl Args {
    /// Writes the framework, to standard output or to the file named.
    pub fn run(self, ctx: &Context, out: &mut Output) -> Result<Outcome, Error> {
        // Written as it is made, straight to its place: an export never waits whole in memory.
        ctx.on_one_framework(self.framework.as_deref(), |frameworks, id| {
            let framework = query::framework(frameworks, id)?;
            match &self.output {
                Some(path) => write_file(path, &ctx.data, |file| {
                    self.write(file, frameworks, framework)
                }),
                None => self.write(out, frameworks, framework),
            }
        })?;
        Ok(Outcome::Done)
    }

    fn write(
        &self,
        text: &mut dyn Write,
        frameworks: &[Framework],
        framework: &Framework,
    ) -> Result<(), Error> {
        match self.to {
            ExportFormat::Json => render::framework_json(text, framework)?,
            ExportFormat::Yaml => render::framework_yaml(text, framework)?,
            ExportFormat::Csv => {
                // A UTF-8 byte-order mark, by which spreadsheets know the file's encoding; the
                // rows made as they are written.
                let style = Style { format: Format::Csv, raw: self.raw, bom: true, ..Style::default() };
                let rows = query::AllEntries(std::slice::from_ref(framework));
                render::emit(text, style, &rows)?;
            }
            ExportFormat::Case => {
                render::case_packages(text, framework, &render::case::change_time())?
            }
            ExportFormat::Html => {
                let crosswalks = framework
                    .scheme_ids()
                    .map(|scheme| query::crosswalk(frameworks, &framework.id, scheme, false))
                    .collect::<Result<Vec<_>, _>>()?;
                let (framework, sections) = query::sections(frameworks, &framework.id, None)?;
                render::html_page(text, framework, &crosswalks, sections)?;
            }
            ExportFormat::Markdown => {
                let by = self.by.as_deref();
                let (framework, sections) = query::sections(frameworks, &framework.id, by)?;
                let parts = query::study_guide(framework, sections, by.is_some());
                for (i, part) in parts.enumerate() {
                    if i > 0 {
                        writeln!(text)?;
                    }
                    render::markdown_document(text, &part)?;
                }
            }
        }
        Ok(())
    }
}

/// Writes a whole file, or nothing: through a temporary file created beside it (exclusively,
/// with a name no one can predict), given the old file's permissions and renamed into place once
/// `write` has written it all. A path that is not a regular file (a device, a FIFO) is written
/// to as it is, never replaced. A file that peercomp is reading is never written.
fn write_file(
    path: &Path,
    inputs: &[PathBuf],
    write: impl FnOnce(&mut dyn Write) -> Result<(), Error>,
) -> Result<(), Error> {
    let same = |input: &PathBuf| match (input.canonicalize(), path.canonicalize()) {
        (Ok(a), Ok(b)) => a == b || b.starts_with(&a) && input.is_dir(),
        _ => false,
    };
    if inputs.iter().any(same) {
        return Err(Error::Output(format!(
            "{}: peercomp is reading it; choose another file",
            path.display()
        )));
    }
    let cannot =
        |e: std::io::Error| Error::Output(format!("{}: cannot write: {e}", path.display()));
    // An error of the writer is the file's, said with its name.
    let written = |result: Result<(), Error>| match result {
        Err(Error::Io(e)) => Err(cannot(e)),
        other => other,
    };
    let existing = std::fs::metadata(path).ok();
    if existing.as_ref().is_some_and(|m| !m.is_file()) {
        let target = std::fs::OpenOptions::new().write(true).open(path).map_err(cannot)?;
        let mut target = std::io::BufWriter::new(target);
        written(write(&mut target))?;
        return target.flush().map_err(cannot);
    }
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temporary = tempfile::NamedTempFile::new_in(directory).map_err(cannot)?;
    let _watch = RemoveOnSignal::watch(temporary.path().to_owned());
    {
        let mut buffered = std::io::BufWriter::new(temporary.as_file_mut());
        written(write(&mut buffered))?;
        buffered.flush().map_err(cannot)?;
    }
    if let Some(metadata) = existing {
        temporary.as_file().set_permissions(metadata.permissions()).map_err(cannot)?;
    }
    temporary.persist(path).map_err(|e| cannot(e.error))?;
    Ok(())
}

/// While a temporary file exists, SIGINT and SIGTERM remove it before the process ends (with
/// 128 + the signal's number, as the shell would report it), so that an interrupted `-o` leaves
/// the old file as it was and nothing beside it.
struct RemoveOnSignal {
    handle: signal_hook::iterator::Handle,
}

impl RemoveOnSignal {
    fn watch(temporary: PathBuf) -> Option<Self> {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]).ok()?;
        let handle = signals.handle();
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let _ = std::fs::remove_file(&temporary);
                std::process::exit(128 + signal);
            }
        });
        Some(RemoveOnSignal { handle })
    }
}

impl Drop for RemoveOnSignal {
    fn drop(&mut self) {
        self.handle.close();
    }
}
