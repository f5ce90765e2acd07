//! `peercomp coverage`: what a curriculum's modules cover of a framework, and what they miss.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::write::{self, Format, Style};
use super::file;
use crate::Error;
use super::prelude::{AsWrittenArg, ColorArg, Context, FormatArgs, Outcome, Output};
use crate::formats::LoadError;
use crate::load;
use crate::query::{self, CoverageError, CoverageOptions};

/// Report what a curriculum covers of a framework, and check it against a credential's hours
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  peercomp coverage examples/curriculum/forensic-peer-training.yaml
  peercomp coverage training.yaml --by icrc          per IC&RC domain
  peercomp coverage training.yaml --include-subitems count sub-items too
  peercomp coverage training.yaml --fail-under 80    for a curriculum repository's CI
  peercomp coverage training.yaml -r examples/requirements/icrc-peer-recovery.yaml
                                                     hours per domain against IC&RC's
  peercomp coverage training.yaml -r icrc.yaml --form xlsx -o crosswalk.xlsx
                                                     the form a board asks for

The examples/ files are in a checkout of the source, /usr/share/doc/peercomp/examples/ where
the Debian package is installed, and doc/examples/ of the release archive.

The mapping file (YAML or JSON; peercomp schema --kind curriculum):
  curriculum: Forensic Peer Specialist Training
  framework: peer-worker
  modules:
    - id: M1
      title: Foundations of peer support
      hours: 6                                   # optional
      description: Lecture and role play         # optional: how, for the form
      covers: [\"1.1\", \"1.2\", \"2.*\", \"icrc:3\"]
    - id: M2
      title: Ethics
      hours: 6
      covers:
        - {ref: \"icrc:2\", hours: 4, description: Code of ethics}
        - \"9.7\"                                  # the 2 hours left

covers takes entry ids (6.9), ranges (1.1-1.5), patterns (2.*: the items of category 2; 6.9.*:
the sub-items of 6.9) and tags (icrc:3: every entry carrying it; a code no entry carries, such
as icrc:2, is taught as such). A reference that matches nothing is an error naming it and its
line. The entries counted are the framework's items; --include-subitems adds the sub-items, and
covering an item then does not cover them.

Hours: a reference with hours spends them on what it names, shared evenly; the module's other
hours are shared evenly among what its other references name (entries, and codes no entry
carries). A module without hours has those its references give. An hour counts once toward the
total; hours that reach nothing counted are a warning.

The requirements file (peercomp schema --kind requirements):
  credential: IC&RC Peer Recovery (PR)
  source: IC&RC credential standards, https://internationalcredentialing.org/icrc-credentials/pr
  hours: 46                                      # optional: the groups together
  requirements:
    - group: icrc:2                              # a code, a scheme (icrc), a category (6.*)
      hours: 16
    - group: icrc:4
      hours: 10
      items_percent: 80                          # optional: share of its items covered

Exit codes:
  0  the report is printed; every requirement met (and coverage not under --fail-under)
  1  a requirement unmet, coverage under --fail-under, a reference that matches nothing, an
     invalid file
  2  usage error")]
pub(crate) struct Args {
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

    /// Check the curriculum against a credential's requirements file (hours, and shares of
    /// items, per group): a row per requirement, met or short; exit 1 when any is unmet
    #[arg(long, short = 'r', value_name = "REQ", conflicts_with = "by")]
    requirements: Option<PathBuf>,

    /// With --requirements: write the crosswalk form a board asks for (per group, the
    /// competencies, the modules and contact hours covering each, and how) in this format
    #[arg(long, value_enum, value_name = "FORMAT", requires = "requirements")]
    form: Option<FormFormat>,

    /// With --form: write to this file instead of standard output (whole or not at all)
    #[arg(long, short = 'o', value_name = "FILE", requires = "form")]
    output: Option<PathBuf>,

    #[command(flatten)]
    color: ColorArg,

    #[command(flatten)]
    as_written: AsWrittenArg,

    #[command(flatten)]
    format: FormatArgs,
}

/// The formats of the board's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum FormFormat {
    /// A section per group, as Markdown tables
    Markdown,
    /// A row per group, competency and module
    Csv,
    /// One self-contained page that prints on letter paper
    Html,
    /// A workbook: the requirements, the crosswalk and the modules, a sheet each
    Xlsx,
    /// The form as one JSON value
    Json,
}

fn parse_percent(s: &str) -> Result<f64, String> {
    match s.trim_end_matches('%').parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err("expected a percentage from 0 to 100, such as 80".to_owned()),
    }
}

impl Args {
    /// Prints the report; fails where coverage is under `--fail-under`.
    pub(crate) fn run(self, ctx: &Context, out: &mut Output) -> Result<Outcome, Error> {
        let curriculum = load::curriculum(&self.file)?;
        let requirements = self.requirements.as_deref().map(load::requirements).transpose()?;
        let options = CoverageOptions {
            by: self.by.clone(),
            include_subitems: self.include_subitems,
            as_written: self.as_written.as_written,
        };
        let named = curriculum
            .framework
            .as_deref()
            .or(requirements.as_ref().and_then(|r| r.framework.as_deref()));
        let mut style = self.format.style();
        style.color = self.color.enabled();
        ctx.on_one_framework(named, |frameworks, id| {
            let report = query::coverage(frameworks, id, &curriculum, &options)
                .map_err(|e| unmatched_problems(e, &self.file))?;
            let under = match (self.fail_under, report.percent) {
                (Some(minimum), Some(percent)) if percent < minimum => {
                    Some(Outcome::CoverageUnder { percent, minimum })
                }
                _ => None,
            };
            let Some((requirements, path)) = requirements.as_ref().zip(self.requirements.as_ref())
            else {
                out.emit(style, &report)?;
                return Ok(under.unwrap_or(Outcome::Done));
            };
            let check = query::requirements(frameworks, &report, requirements, options.as_written)
                .map_err(|e| unmatched_problems(e, path))?;
            let met = check.met;
            let unmet = check.unmet();
            match self.form {
                None => out.emit(style, &check)?,
                Some(format) => {
                    let form = query::form(frameworks, &report, check)?;
                    let write = |to: &mut dyn Write| write_form(to, format, &form);
                    match &self.output {
                        Some(output) => {
                            // Never over a file this run reads: the curriculum, the
                            // requirements, the frameworks.
                            let mut inputs = ctx.data.clone();
                            inputs.extend([self.file.clone(), path.clone()]);
                            file::write_file(output, &inputs, write)?
                        }
                        None if format == FormFormat::Xlsx && std::io::stdout().is_terminal() => {
                            return Err(Error::Output(
                                "xlsx is a binary file: name it with -o FILE, or redirect the \
                                 output"
                                    .to_owned(),
                            ));
                        }
                        None => write(out)?,
                    }
                }
            }
            Ok(match (met, under) {
                (true, None) => Outcome::Done,
                (true, Some(under)) => under,
                (false, _) => Outcome::Failed(vec![unmet]),
            })
        })
    }
}

/// Writes the board's form in a format.
fn write_form(out: &mut dyn Write, format: FormFormat, form: &query::Form) -> Result<(), Error> {
    let style = |format| Style { format, bom: format == Format::Csv, ..Style::default() };
    match format {
        FormFormat::Markdown => write::emit(out, style(Format::Markdown), form)?,
        FormFormat::Csv => write::emit(out, style(Format::Csv), form)?,
        FormFormat::Json => write::emit(out, style(Format::Json), form)?,
        FormFormat::Html => write::form_html(out, form)?,
        FormFormat::Xlsx => write::form_xlsx(out, form)?,
    }
    Ok(())
}

/// References that match nothing are problems of the mapping file, each at its place.
fn unmatched_problems(error: CoverageError, file: &Path) -> Error {
    match error {
        CoverageError::Query(q) => Error::Query(q),
        unmatched => Error::Load(LoadError(query::unmatched_problems(
            unmatched,
            &file.display().to_string(),
        ))),
    }
}
