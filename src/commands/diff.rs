//! `peercomp diff`: what changed between two versions of a framework.

use std::io::Write;
use std::path::Path;

use crate::Error;
use super::prelude::{Context, FormatArgs, Outcome, Output, plural};
use crate::formats::LoadError;
use crate::load;
use crate::model::Framework;
use crate::query;

/// Show what changed between two versions of a framework
///
/// Entries added, removed, reworded, moved, renumbered and retagged; categories added, removed
/// and retitled.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  peercomp diff peer-worker mine.yaml          the embedded list against your copy
  peercomp diff old.yaml new.yaml --json       a list of changes, for scripts
  peercomp diff 2024.yaml 2025.yaml -f markdown

OLD and NEW are framework files (one framework each), or the ids of loaded frameworks (the
embedded ones, or those of --data). Entries are paired by id and text: the same text at the
same id; the same text elsewhere (moved or renumbered); the same id with close text (reworded);
then the closest text (reworded, and moved or renumbered). An id that changes only because an
entry before it was added or removed is no change of its own. Reworded statements show their
words: [-removed-] {+added+}.

Exit codes:
  0  the same
  1  different
  2  an error: a file that cannot be read or is invalid, an unknown framework, a bad flag")]
pub(crate) struct Args {
    /// The old version: a framework file, or the id of a loaded framework
    #[arg(value_name = "OLD")]
    old: String,

    /// The new version: a framework file, or the id of a loaded framework
    #[arg(value_name = "NEW")]
    new: String,

    #[command(flatten)]
    format: FormatArgs,
}

impl Args {
    /// Prints the changes; exits 1 where there are any, as `diff` does.
    pub(crate) fn run(self, ctx: &Context, out: &mut Output) -> Result<Outcome, Error> {
        let old = version(ctx, &self.old).map_err(as_trouble)?;
        let new = version(ctx, &self.new).map_err(as_trouble)?;
        let changes = query::diff(&old, &new);
        let style = self.format.style();
        if changes.is_empty() {
            if !style.format.is_for_people() {
                out.emit(style, changes.as_slice())?;
            }
            return Ok(Outcome::said_to_people(style.format, "no changes"));
        }
        out.emit(style, changes.as_slice())?;
        Ok(Outcome::Failed(vec![plural(changes.len(), "change")]))
    }
}

/// A version: the framework of a file, or a loaded framework by its id.
fn version(ctx: &Context, given: &str) -> Result<Framework, Error> {
    let path = Path::new(given);
    let text_file = [".yaml", ".yml", ".json"].iter().any(|e| given.ends_with(e));
    if text_file && path.is_file() {
        // A draft: its numbering may skip, which is said and compared as it stands.
        let text = load::read_text(path).map_err(|p| LoadError(vec![p]))?;
        let (framework, gaps) = load::parse_draft(&text, given, given.ends_with(".json"))
            .map_err(LoadError)?;
        for gap in gaps {
            let _ = writeln!(std::io::stderr(), "warning: {gap} (a draft: compared as it stands)");
        }
        return Ok(framework);
    }
    if path.is_file() || text_file {
        let mut frameworks = load::load(&[path.to_owned()], false)?;
        return match frameworks.len() {
            1 => Ok(frameworks.remove(0)),
            n => Err(Error::Output(format!("{given}: holds {n} frameworks; diff compares one with one"))),
        };
    }
    ctx.on_one_framework(Some(given), |frameworks, id| {
        Ok(query::framework(frameworks, id)?.clone())
    })
}

/// Every error of diff exits 2, as diff's do: 1 says "different".
fn as_trouble(error: Error) -> Error {
    Error::Exit2(Box::new(error))
}
