//! `peercomp crosswalk`: a framework's categories against the codes of one tag scheme.

use crate::Error;
use super::prelude::{
    AsWrittenArg, Chosen, Context, EXIT_CODES, FormatArgs, Outcome, Output,
};
use crate::query::{self, AcrossBy, CrosswalkLayout, QueryError};

/// Cross-walk categories against the codes of one tag scheme (which IC&RC domains or RFC
/// practices sit under which category), or against another framework through alignment links
#[derive(Debug, clap::Args)]
#[command(after_help = format!("\
Examples:
  peercomp crosswalk                      categories x IC&RC domains, counts
  peercomp crosswalk --by rfc --ids       categories x RFC practices, entry ids
  peercomp crosswalk --transpose          domains in rows, categories in columns
  peercomp crosswalk --format csv > icrc.csv
  peercomp --data examples/alignment/agency-peer-worker.yaml crosswalk --framework agency --by peer-worker
                                          agency sections x peer-worker categories
  peercomp --data examples/alignment --with-embedded crosswalk --framework state-cprs --by peer-worker:icrc
                                          a state's domains x IC&RC domains, through peer-worker

The examples/ files are in a checkout of the source, /usr/share/doc/peercomp/examples/ where
the Debian package is installed, and doc/examples/ of the release archive.

A cell holds exactly what `peercomp list --tag TAG --category ID` lists: entries by their own
tags, sub-items included. Every code of the scheme is a column, even one that no entry carries.
Totals count entries: a row's total those of the category carrying any code of the scheme.
JSON always holds the ids, by category; --ids and --transpose shape the other formats.

--by FRAMEWORK (or FRAMEWORK:SCHEME) goes through the links of the alignment files loaded with
--data (either way they run), and the CASE associations between two CASE frameworks loaded: a
cell holds the entries of the row linked to an entry of the other framework's category (or
carrying the code). `peercomp align --accept FILE` writes an alignment file to review.

{EXIT_CODES}"))]
pub(crate) struct Args {
    /// The framework whose categories are the rows [default: peer-worker, or the only
    /// framework loaded]
    #[arg(long, value_name = "ID")]
    framework: Option<String>,

    /// The tag scheme whose codes are the columns, such as icrc, rfc or samhsa [default: the
    /// framework's first scheme with codes, else its first: icrc for peer-worker, samhsa for
    /// agency]; or another framework (its categories), or FRAMEWORK:SCHEME (its codes), through
    /// alignment links
    #[arg(long, value_name = "SCHEME|FRAMEWORK[:SCHEME]")]
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
    pub(crate) fn run(self, ctx: &Context, out: &mut Output) -> Result<Outcome, Error> {
        let by = self.by.as_deref();
        // The other framework where --by names one: FRAMEWORK:SCHEME, or a framework's id.
        let other = by.map(|by| by.split_once(':').map_or(by, |(framework, _)| framework));
        let wanted = self.framework.as_deref().unwrap_or("peer-worker");
        let mut chosen = Chosen::default();
        ctx.with_frameworks(
            &[],
            |e| e.id == wanted || other == Some(e.id),
            |frameworks| {
                let id = &chosen.framework(self.framework.as_deref(), frameworks)?;
                let framework = query::framework(frameworks, id)?;
                let across = match by {
                    Some(by) if by.contains(':') => {
                        let (framework, scheme) = by.split_once(':').unwrap_or((by, ""));
                        Some(AcrossBy { framework, scheme: Some(scheme) })
                    }
                    Some(by)
                        if framework.scheme(by).is_none()
                            && frameworks.iter().any(|f| f.id == by) =>
                    {
                        Some(AcrossBy { framework: by, scheme: None })
                    }
                    _ => None,
                };
                let as_written = self.as_written.as_written;
                let mut crosswalk = match across {
                    Some(across) => {
                        let alignments = ctx.alignments(frameworks)?;
                        let mut links = query::aligned_links(&alignments, id, across.framework);
                        let other = query::framework(frameworks, across.framework)?;
                        links.extend(query::case_links(framework, other));
                        if links.is_empty() {
                            let (a, b) = (id.to_owned(), across.framework.to_owned());
                            return Err(QueryError::NoLinks { a, b }.into());
                        }
                        query::crosswalk_across(frameworks, id, across, &links, as_written)?
                    }
                    None => {
                        let scheme = match by {
                            Some(by) => by,
                            None => query::default_scheme(framework)?,
                        };
                        query::crosswalk(frameworks, id, scheme, as_written)?
                    }
                };
                crosswalk.layout = CrosswalkLayout { ids: self.ids, transpose: self.transpose };
                out.emit(self.format.style(), &crosswalk)?;
                Ok(Outcome::Done)
            },
        )
    }
}
