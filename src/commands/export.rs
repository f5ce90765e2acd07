//! `peercomp export`: one framework as a file: the model (JSON, YAML), CASE, CSV, a study guide,
//! a page.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Error;
use super::prelude::{Context, EXIT_CODES, Outcome, Output};
use crate::model::Framework;
use crate::query;
use crate::write::{Export, Input};

/// Write one framework in a file format: the model itself (json, yaml), which --data reads
/// back losslessly; CASE 1.1 (case); CTDL-ASN (ctdl); a spreadsheet (csv, xlsx); a study guide (markdown); a page
/// (html)
#[derive(Debug, clap::Args)]
#[command(after_help = format!("\
Examples:
  peercomp export --to json > peer-worker.json     the framework model, as JSON
  peercomp export --to yaml --framework agency -o agency.yaml
  peercomp --data mine.yaml export --to json       a file of your own, converted
  peercomp export --to csv -o peer-worker.csv       a row per entry, for a spreadsheet
  peercomp export --to xlsx -o peer-worker.xlsx     a workbook: entries, tags, crosswalks
  peercomp --data peer-worker.xlsx list             a workbook edited in a spreadsheet, read back
  peercomp export --to markdown --by icrc           a study guide by IC&RC domain
  peercomp export --to case -o case/                 CASE 1.1, a package per file, for OpenSALT
  peercomp export --to ctdl -o peer-worker.jsonld   CTDL-ASN, for Credential Engine's registry
  peercomp export --to html -o peer-worker.html     one page: heat maps, entries, a filter box

A file named with -o is written whole or not at all, and never one that peercomp is reading.
A directory (an existing one, or a path ending in /) gets the framework's file named after it,
peer-worker.case.json, and any beside it: a CASE package per tag scheme, peer-worker.icrc.case.json.

{EXIT_CODES}"))]
pub(crate) struct Args {
    /// The format to write
    #[arg(long, value_enum, value_name = "FORMAT")]
    to: Export,

    /// The framework to write [default: peer-worker, or the only framework loaded]
    #[arg(long, value_name = "ID")]
    framework: Option<String>,

    /// markdown: a section per code of this scheme (icrc, rfc, samhsa) instead of per category
    #[arg(long, value_name = "SCHEME")]
    by: Option<String>,

    /// Write to this file instead of standard output; to a directory, a file per part
    #[arg(long, short = 'o', value_name = "FILE|DIR/")]
    output: Option<PathBuf>,

    /// case: the framework's package alone, without one per tag scheme
    #[arg(long)]
    no_schemes: bool,

    /// csv: write cells as they are, even those a spreadsheet would run as a formula (starting
    /// with =, +, -, @): for scripts, not spreadsheets
    #[arg(long)]
    raw: bool,
}

impl Args {
    /// Writes the framework, to standard output or to the file named.
    pub(crate) fn run(self, ctx: &Context, out: &mut Output) -> Result<Outcome, Error> {
        // Written as it is made, straight to its place: an export never waits whole in memory.
        if self.to.binary && self.output.is_none() && out_is_terminal() {
            return Err(Error::Output(format!(
                "{} is a binary file: name it with -o FILE, or redirect the output",
                self.to.name
            )));
        }
        let (dropped, wrote) = ctx.on_one_framework(self.framework.as_deref(), |frameworks, id| {
            let framework = query::framework(frameworks, id)?;
            let mut dropped = Vec::new();
            match &self.output {
                Some(path) if is_directory(path) => {
                    return self.write_directory(path, &ctx.data, frameworks, framework);
                }
                Some(path) => super::file::write_file(path, &ctx.data, |file| {
                    dropped = self.write(file, &self.input(frameworks, framework, false))?;
                    Ok(())
                })?,
                None => dropped = self.write(out, &self.input(frameworks, framework, false))?,
            }
            Ok((dropped, None))
        })?;
        // What the format could not hold as it was read is said, a line each; then the files
        // written to a directory.
        let said: Vec<String> =
            dropped.iter().map(|d| format!("note: {d}")).chain(wrote).collect();
        Ok(match said.is_empty() {
            true => Outcome::Done,
            false => Outcome::Said(said.join("\n")),
        })
    }

    fn input<'a>(
        &'a self,
        frameworks: &'a [Framework],
        framework: &'a Framework,
        with_parts: bool,
    ) -> Input<'a> {
        let (by, raw, no_schemes) = (self.by.as_deref(), self.raw, self.no_schemes);
        Input { frameworks, framework, by, raw, with_parts, no_schemes }
    }

    /// Writes the framework; returns what the format could not hold as read, a line each.
    fn write(&self, out: &mut dyn Write, input: &Input) -> Result<Vec<String>, Error> {
        (self.to.write)(input, out)
    }

    /// Writes the framework's file into a directory (made where it is new), and its parts
    /// beside it; returns what the format could not hold, and a line naming the files.
    fn write_directory(
        &self,
        directory: &Path,
        inputs: &[PathBuf],
        frameworks: &[Framework],
        framework: &Framework,
    ) -> Result<(Vec<String>, Option<String>), Error> {
        std::fs::create_dir_all(directory).map_err(|e| {
            Error::Output(format!("{}: cannot make the directory: {e}", directory.display()))
        })?;
        let input = self.input(frameworks, framework, true);
        let file = |part: Option<&str>| {
            let name = match part {
                Some(part) => format!("{}.{part}.{}", framework.id, self.to.extension),
                None => format!("{}.{}", framework.id, self.to.extension),
            };
            directory.join(name)
        };
        let mut said = Vec::new();
        let mut written = vec![file(None)];
        super::file::write_file(&written[0], inputs, |out| {
            said = self.write(out, &input)?;
            Ok(())
        })?;
        for part in (self.to.parts)(&input) {
            let path = file(Some(&part.name));
            super::file::write_file(&path, inputs, |out| (part.write)(out))?;
            written.push(path);
        }
        let names: Vec<String> =
            written.iter().filter_map(|p| p.file_name()).map(|n| n.to_string_lossy().into()).collect();
        let wrote = format!("wrote {} to {}: {}", files(written.len()), directory.display(), names.join(", "));
        Ok((said, Some(wrote)))
    }
}

fn files(n: usize) -> String {
    match n {
        1 => "1 file".to_owned(),
        n => format!("{n} files"),
    }
}

/// Whether `-o` names a directory: one that exists, or a path ending in a slash.
fn is_directory(path: &Path) -> bool {
    path.is_dir() || path.as_os_str().to_string_lossy().ends_with(std::path::MAIN_SEPARATOR)
}

/// Whether standard output is a terminal, where a binary file is never written.
fn out_is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal()
}
