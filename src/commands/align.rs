//! `peercomp align`: for each entry of one framework, the entries of another that say the same
//! thing, and those with none.

use std::path::{Path, PathBuf};

use crate::Error;
use super::prelude::{Context, CsvArgs, EXIT_CODES, Outcome, Output, parse_score, plural};
use super::file::write_file;
use crate::model::{Alignment, Link, TextAt};
use crate::query::{self, AlignOptions, CLOSE, DEFAULT_MIN, DEFAULT_TOP, Suggestions};
use crate::formats::case;
use crate::write::{Format, Style};

/// Suggest links between two frameworks: for each entry of one, the entries of the other that
/// say the same thing, and the entries with none
#[derive(Debug, clap::Args)]
#[command(after_help = format!("\
Examples:
  peercomp align --from agency --to peer-worker
  peercomp --data state.yaml --with-embedded align --from state --to peer-worker
  peercomp align --from agency --to peer-worker --min 0.5 --top 1 --json
  peercomp align --from agency --to peer-worker --format case > links.json
  peercomp align --from agency --to peer-worker --accept agency-peer-worker.yaml

Scoring: a statement becomes the roots of its content words. Case, punctuation, hyphens and
word order do not count, nor do words such as \"the\" and \"to\"; a compound is one word however
it is written (\"self care\", \"selfcare\"); words count by their stem (\"Relates\" is \"relate\"),
a noun by its verb (\"advocacy\" is \"advocate\"), and the field's synonyms as one word
(\"teaches\" is \"educates\", \"peers\" is \"individuals\"; --no-synonyms keeps them apart). The
score is the cosine similarity of the two statements' roots, each weighted by how rare it is in
the two frameworks: 1 for the same words (\"exact\"), {CLOSE} or more \"close\", below it
\"related\". The default --min, {DEFAULT_MIN}, was chosen on a list written from a real state's
(docs/guide.md, \"Align\"). Entries of FROM with no suggestion are listed as unmatched: what the
other framework does not say.

Reviewing: --accept FILE writes the suggestions as an alignment file. Read it, delete the
links that are wrong, add those it missed, then load it with --data beside the frameworks:
`crosswalk --by FRAMEWORK` reads it.

{EXIT_CODES}"))]
pub(crate) struct Args {
    /// The framework whose entries are matched
    #[arg(long, value_name = "ID")]
    from: String,

    /// The framework whose entries are suggested
    #[arg(long, value_name = "ID")]
    to: String,

    /// The lowest score to suggest, above 0 and at most 1 (pairs below 0.5 are "related")
    #[arg(long, value_name = "SCORE", default_value_t = DEFAULT_MIN, value_parser = parse_score, allow_negative_numbers = true)]
    min: f64,

    /// The most suggestions for one entry, best first
    #[arg(long, value_name = "N", default_value_t = DEFAULT_TOP, value_parser = parse_top)]
    top: usize,

    /// Compare words as they are written: the field's synonyms ("teaches" and "educates")
    /// are not one word
    #[arg(long)]
    no_synonyms: bool,

    /// Write the suggestions to FILE as an alignment file to review (a new file: never one
    /// that exists), instead of printing them
    #[arg(long, value_name = "FILE", conflicts_with_all = ["format", "json"])]
    accept: Option<PathBuf>,

    /// Output format: those of every command, or case (the links as a CASE 1.1 package of
    /// associations between the two frameworks' CASE identifiers) [default: table; in a pipe,
    /// a line per row, its cells between tabs]
    #[arg(long, short = 'f', value_enum, value_name = "FORMAT")]
    format: Option<AlignFormat>,

    /// Short for --format json
    #[arg(long, conflicts_with = "format")]
    json: bool,

    #[command(flatten)]
    csv: CsvArgs,
}

/// `--format` for align: every format, and CASE.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum AlignFormat {
    /// A table for the terminal
    Table,
    /// One JSON object: {from, to, min, links: [{from, to, score, kind}], unmatched: [id]}
    Json,
    /// A JSON object per suggestion, then per unmatched entry
    Jsonl,
    /// CSV with a header row
    Csv,
    /// Markdown tables
    Markdown,
    /// A CASE 1.1 package: a CFDocument for the alignment and its CFAssociations
    Case,
}

fn parse_top(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(top) if top > 0 => Ok(top),
        _ => Err("expected a whole number, 1 or more".to_owned()),
    }
}


impl Args {
    /// Prints the suggestions, or writes them to the file to review.
    pub(crate) fn run(self, ctx: &Context, out: &mut Output) -> Result<Outcome, Error> {
        ctx.on_frameworks(&[], |frameworks| {
            let options = AlignOptions { min: self.min, top: self.top, synonyms: !self.no_synonyms };
            let suggestions = query::align(frameworks, &self.from, &self.to, &options)?;
            let said = format!(
                "{} of {} entries of {} unmatched",
                suggestions.unmatched.len(),
                suggestions.unmatched.len() + suggestions.matched(),
                suggestions.from
            );
            if let Some(path) = &self.accept {
                return accept(path, &ctx.data, &suggestions);
            }
            let asked = self.format;
            let format = match (self.json, asked.unwrap_or(AlignFormat::Table)) {
                (true, _) | (_, AlignFormat::Json) => Format::Json,
                (_, AlignFormat::Table) => Format::Table,
                (_, AlignFormat::Jsonl) => Format::Jsonl,
                (_, AlignFormat::Csv) => Format::Csv,
                (_, AlignFormat::Markdown) => Format::Markdown,
                (_, AlignFormat::Case) => {
                    let from = query::framework(frameworks, &self.from)?;
                    let to = query::framework(frameworks, &self.to)?;
                    let links: Vec<case::AlignedPair> = suggestions
                        .links
                        .iter()
                        .map(|s| (s.entries[0], s.entries[1], s.kind, Some(s.score)))
                        .collect();
                    // An alignment changes where either of its frameworks does.
                    let (changed, notes): (Vec<String>, Vec<Option<String>>) =
                        [from, to].into_iter().map(case::change_time).unzip();
                    let changed = changed.iter().max().expect("two dates");
                    case::write_alignment(out, from, to, &links, changed)?;
                    let notes: Vec<String> = notes.into_iter().flatten().collect();
                    return Ok(match notes.is_empty() {
                        true => Outcome::Done,
                        false => Outcome::Said(
                            notes.iter().map(|n| format!("note: {n}")).collect::<Vec<_>>().join("\n"),
                        ),
                    });
                }
            };
            let bordered = asked == Some(AlignFormat::Table);
            out.emit(Style { bordered, ..self.csv.style(format) }, &suggestions)?;
            Ok(Outcome::said_to_people(format, said))
        })
    }
}

/// Writes the suggestions as an alignment file, a new one, to review.
fn accept(path: &Path, inputs: &[PathBuf], suggestions: &Suggestions) -> Result<Outcome, Error> {
    if path.exists() {
        return Err(Error::Output(format!(
            "{}: exists; its links may be reviewed already: name a new file",
            path.display()
        )));
    }
    let alignment = Alignment {
        alignment: format!("{} to {}, suggested by peercomp align", suggestions.from, suggestions.to),
        from: TextAt::new(suggestions.from),
        to: TextAt::new(suggestions.to),
        source: Some(format!(
            "Suggested by peercomp align --min {}; not yet reviewed: delete the links that are \
             wrong, add those missed, and say here who reviewed them and when.",
            suggestions.min
        )),
        links: suggestions
            .links
            .iter()
            .map(|s| Link {
                from: TextAt::new(s.from),
                to: TextAt::new(s.to),
                kind: s.kind,
                note: Some(format!("score {:.3}: {} / {}", s.score, s.entries[0].text, s.entries[1].text)),
            })
            .collect(),
    };
    write_file(path, inputs, |out| {
        out.write_all(crate::formats::framework::alignment_yaml(&alignment)?.as_bytes())?;
        Ok(())
    })?;
    Ok(Outcome::Said(format!(
        "wrote {} to {}: review them, then load the file with --data",
        plural(alignment.links.len(), "link"),
        path.display()
    )))
}
