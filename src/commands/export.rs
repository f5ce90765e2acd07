//! `peercomp export`: one framework as a file: the model (JSON, YAML), CASE, CSV, a study guide,
//! a page.

use std::io::Write;
use std::path::PathBuf;

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
  peercomp export --to case -o peer-worker.case.json  CASE 1.1 packages, for OpenSALT and others
  peercomp export --to ctdl -o peer-worker.jsonld   CTDL-ASN, for Credential Engine's registry
  peercomp export --to html -o peer-worker.html     one page: heat maps, entries, a filter box

A file named with -o is written whole or not at all, and never one that peercomp is reading.

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

    /// Write to this file instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,

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
        let dropped = ctx.on_one_framework(self.framework.as_deref(), |frameworks, id| {
            let framework = query::framework(frameworks, id)?;
            let mut dropped = Vec::new();
            match &self.output {
                Some(path) => super::file::write_file(path, &ctx.data, |file| {
                    dropped = self.write(file, frameworks, framework)?;
                    Ok(())
                })?,
                None => dropped = self.write(out, frameworks, framework)?,
            }
            Ok(dropped)
        })?;
        // What the format could not hold as it was read is said, a line each.
        Ok(match dropped.is_empty() {
            true => Outcome::Done,
            false => Outcome::Said(
                dropped.iter().map(|d| format!("note: {d}")).collect::<Vec<_>>().join("\n"),
            ),
        })
    }

    /// Writes the framework; returns what the format could not hold as read, a line each.
    fn write(
        &self,
        out: &mut dyn Write,
        frameworks: &[Framework],
        framework: &Framework,
    ) -> Result<Vec<String>, Error> {
        let input = Input { frameworks, framework, by: self.by.as_deref(), raw: self.raw };
        (self.to.write)(&input, out)
    }
}

/// Whether standard output is a terminal, where a binary file is never written.
fn out_is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal()
}
