//! `peercomp crosswalk`: a framework's categories against the codes of one tag scheme.

use crate::Error;
use crate::cli::{AsWrittenArg, Context, EXIT_CODES, FormatArgs, Outcome, Output};
use crate::query::{self, CrosswalkLayout};

/// Cross-walk categories against the codes of one tag scheme: which IC&RC domains or RFC
/// practices sit under which category
#[derive(Debug, clap::Args)]
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
pub struct Args {
    /// The framework whose categories are the rows [default: peer-worker, or the only
    /// framework loaded]
    #[arg(long, value_name = "ID")]
    framework: Option<String>,

    /// The tag scheme whose codes are the columns, such as icrc, rfc or samhsa [default: the
    /// framework's first scheme with codes, else its first: icrc for peer-worker, samhsa for
    /// agency]
    #[arg(long, value_name = "SCHEME")]
    by: Option<String>,

    /// Show the ids of the entries in the cells instead of their number
    #[arg(long)]
    ids: bool,

    /// Put the codes in rows and the categories in columns
    #[arg(long)]
    transpose: bool,

    #[command(flatten)]
    as_written: AsWrittenArg,

    #[command(flatten)]
    format: FormatArgs,
}

impl Args {
    /// Prints the crosswalk.
    pub fn run(self, ctx: &Context, out: &mut Output) -> Result<Outcome, Error> {
        ctx.on_one_framework(self.framework.as_deref(), |frameworks, id| {
            let by = match &self.by {
                Some(by) => by.as_str(),
                None => query::default_scheme(query::framework(frameworks, id)?)?,
            };
            let mut crosswalk = query::crosswalk(frameworks, id, by, self.as_written.as_written)?;
            crosswalk.layout = CrosswalkLayout { ids: self.ids, transpose: self.transpose };
            out.emit(self.format.style(), &crosswalk)?;
            Ok(Outcome::Done)
        })
    }
}
