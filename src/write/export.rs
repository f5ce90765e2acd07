//! The formats `export` writes, one line each in [`EXPORTS`]: its name for `--to`, its help, and
//! the function that writes a framework in it. Adding a format is its module (a folder under
//! `formats/` where it only needs the framework) and one line here.

use std::io::Write;

use crate::Error;
use crate::formats::{case, ctdl, framework};
use crate::model::Framework;
use crate::query::{self, Crosswalk};
use crate::report::{AllEntries, study_guide};
use crate::write::{self, Format, Style};

/// One export format.
#[derive(Debug, Clone, Copy)]
pub struct Export {
    /// Its name, as `--to` takes it.
    pub name: &'static str,
    /// What it is, for `--to`'s list of values.
    pub help: &'static str,
    /// A binary file, never written to a terminal.
    pub binary: bool,
    /// Writes the framework; returns what the format could not hold as read, a line each.
    pub write: fn(&Input<'_>, &mut dyn Write) -> Result<Vec<String>, Error>,
    /// How its files end (`-o DIR` names them after the framework).
    pub extension: &'static str,
    /// The files it writes beside the framework's where it writes to a directory.
    pub parts: for<'a> fn(&Input<'a>) -> Vec<Part<'a>>,
}

/// A file an export writes beside the framework's (a CASE tag scheme's package): the middle of
/// its name (`peer-worker.icrc.case.json`), and how to write it.
pub struct Part<'a> {
    /// Named after it.
    pub name: String,
    /// Writes the file.
    pub write: WritePart<'a>,
}

/// How a [`Part`] is written.
pub type WritePart<'a> = Box<dyn Fn(&mut dyn Write) -> Result<(), Error> + 'a>;

/// A format that is one file.
fn whole<'a>(_: &Input<'a>) -> Vec<Part<'a>> {
    Vec::new()
}

/// What an export writes: a framework, among those loaded (a crosswalk or an alignment may need
/// them), and the options `export` takes.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// Every framework loaded.
    pub frameworks: &'a [Framework],
    /// The one to write.
    pub framework: &'a Framework,
    /// markdown: a section per code of this scheme instead of per category.
    pub by: Option<&'a str>,
    /// csv: cells as they are, even those a spreadsheet would run as a formula.
    pub raw: bool,
    /// The parts are written beside it (to a directory).
    pub with_parts: bool,
    /// case: the tag schemes are left out, and nothing said of them.
    pub no_schemes: bool,
}

/// Every export format, in the order `--to` lists them.
#[rustfmt::skip]
pub const EXPORTS: &[Export] = &[
    Export { name: "json", help: "The framework model as JSON, as --data reads it", binary: false, write: |x, out| done(framework::write_json(out, x.framework)), extension: "json", parts: whole },
    Export { name: "yaml", help: "The framework model as YAML, as --data reads it", binary: false, write: |x, out| done(framework::write_yaml(out, x.framework)), extension: "yaml", parts: whole },
    Export { name: "csv", help: "A row per entry (UTF-8 with a byte-order mark, for spreadsheets)", binary: false, write: csv, extension: "csv", parts: whole },
    Export { name: "markdown", help: "A study guide: categories as headings, entries with their tags", binary: false, write: markdown, extension: "md", parts: whole },
    Export { name: "case", help: "CASE 1.1: the framework's CFPackage; with -o DIR, each tag scheme's package beside it (a framework read from CASE: its package as read, what CASE 1.1 forbids fitted, and said)", binary: false, write: case, extension: "case.json", parts: scheme_packages },
    Export { name: "ctdl", help: "CTDL-ASN (Credential Engine): JSON-LD, the framework, a competency per category and entry, the tag schemes as SKOS concept schemes", binary: false, write: |x, out| Ok(ctdl::write_graph(out, x.framework)?), extension: "jsonld", parts: whole },
    Export { name: "xlsx", help: "A workbook: the entries (as csv, which --data reads back), the tags, a crosswalk per tag scheme with counts and ids", binary: true, write: xlsx, extension: "xlsx", parts: whole },
    Export { name: "html", help: "One self-contained page: crosswalk heat maps, every entry, a filter box", binary: false, write: html, extension: "html", parts: whole },
];

impl clap::ValueEnum for Export {
    fn value_variants<'a>() -> &'a [Self] {
        EXPORTS
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.name).help(self.help))
    }
}

/// A writer that holds everything it is given: nothing to say.
fn done(written: std::io::Result<()>) -> Result<Vec<String>, Error> {
    written?;
    Ok(Vec::new())
}

fn csv(x: &Input<'_>, out: &mut dyn Write) -> Result<Vec<String>, Error> {
    // A UTF-8 byte-order mark, by which spreadsheets know the file's encoding; the rows made as
    // they are written.
    let style = Style { format: Format::Csv, raw: x.raw, bom: true, ..Style::default() };
    done(write::emit(out, style, &AllEntries(std::slice::from_ref(x.framework))))
}

fn case(x: &Input<'_>, out: &mut dyn Write) -> Result<Vec<String>, Error> {
    let (changed, undated) = case::change_time(x.framework);
    let changes = case::write_package(out, x.framework, &changed)?;
    let mut said: Vec<String> = undated.into_iter().collect();
    said.extend(changes.into_iter().map(|c| format!("to fit CASE 1.1, {c}")));
    let schemes: Vec<&str> = x.framework.scheme_ids().collect();
    if !x.with_parts && !x.no_schemes && !schemes.is_empty() {
        said.push(format!(
            "{}'s tag schemes ({}) are CASE packages of their own, one per file: -o DIR/ \
             writes them beside it; --no-schemes leaves them out without this note",
            x.framework.id,
            schemes.join(", ")
        ));
    }
    Ok(said)
}

/// A CASE package per tag scheme, beside the framework's (unless --no-schemes).
fn scheme_packages<'a>(x: &Input<'a>) -> Vec<Part<'a>> {
    if x.no_schemes {
        return Vec::new();
    }
    let (changed, _) = case::change_time(x.framework);
    case::scheme_packages(x.framework, &changed)
        .into_iter()
        .map(|package| Part {
            name: package.scheme().to_owned(),
            write: Box::new(move |out: &mut dyn Write| Ok(case::write_scheme(out, &package)?)),
        })
        .collect()
}

fn markdown(x: &Input<'_>, out: &mut dyn Write) -> Result<Vec<String>, Error> {
    let (framework, sections) = query::sections(x.frameworks, &x.framework.id, x.by)?;
    for (i, part) in study_guide(framework, sections, x.by.is_some()).enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        write::markdown_document(out, &part)?;
    }
    Ok(Vec::new())
}

/// A crosswalk of the framework by each of its schemes.
fn crosswalks<'a>(x: &Input<'a>) -> Result<Vec<Crosswalk<'a>>, Error> {
    let f = x.framework;
    let each = f.scheme_ids().map(|scheme| query::crosswalk(x.frameworks, &f.id, scheme, false));
    Ok(each.collect::<Result<Vec<_>, _>>()?)
}

fn xlsx(x: &Input<'_>, out: &mut dyn Write) -> Result<Vec<String>, Error> {
    done(write::framework_xlsx(out, x.framework, &crosswalks(x)?))
}

fn html(x: &Input<'_>, out: &mut dyn Write) -> Result<Vec<String>, Error> {
    let crosswalks = crosswalks(x)?;
    let (framework, sections) = query::sections(x.frameworks, &x.framework.id, None)?;
    done(write::html_page(out, framework, &crosswalks, sections))
}
