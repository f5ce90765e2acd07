//! `peercomp show`: entries by id, with everything known of them.

use crate::Error;
use super::prelude::{Context, EXIT_CODES, Outcome, Output, QueryArgs};
use crate::load::{EMBEDDED, Embedded};
use crate::query;

/// Show entries by id, with their category, tags (as written, inferred), notes and
/// sub-items
#[derive(Debug, clap::Args)]
#[command(after_help = format!("\
Examples:
  peercomp show 6.8                    the entry whose tag the source misprints
  peercomp show 11.14 --json           an entry and its sub-items as JSON
  peercomp show peer-worker/1.9        an id qualified by its framework
  peercomp show agency/factors.9       an agency factor

{EXIT_CODES}"))]
pub(crate) struct Args {
    /// Entry ids, such as 6.8 or 8.1.1; qualify one as FRAMEWORK/ID where ids repeat
    #[arg(required = true, value_name = "ID")]
    ids: Vec<String>,

    /// Quote the lines of the source document the entry comes from, as printed there (the
    /// embedded frameworks' documents are in the binary)
    #[arg(long)]
    source: bool,

    #[command(flatten)]
    query: QueryArgs,
}

impl Args {
    /// Shows the entries asked for that exist, in the order asked; says on stderr why each
    /// other one does not, and then fails (as `cat a missing b` does).
    pub(crate) fn run(self, ctx: &Context, out: &mut Output) -> Result<Outcome, Error> {
        let holds_id = |e: &Embedded, given: &str| match given.split_once('/') {
            Some((framework, id)) => e.id == framework && e.ids.contains(&id),
            None => e.ids.contains(&given),
        };
        // Only the frameworks that hold an id asked for; where an id is in none of them, all of
        // them, so that its message names what exists.
        let all_held = self.ids.iter().all(|id| EMBEDDED.iter().any(|e| holds_id(e, id)));
        let holds = |e: &Embedded| !all_held || self.ids.iter().any(|id| holds_id(e, id));
        ctx.with_frameworks(&self.query.framework.frameworks, holds, |frameworks| {
            let as_written = self.query.as_written.as_written;
            let (mut shown, missing) = query::show_found(frameworks, &self.ids, as_written);
            if self.source {
                query::quote_sources(frameworks, &mut shown);
            }
            if shown.is_empty() && let [only] = missing.as_slice() {
                return Err(Error::Query(only.clone()));
            }
            out.emit(self.query.format.style(), shown.as_slice())?;
            Ok(match missing.is_empty() {
                true => Outcome::Done,
                false => Outcome::Failed(missing.iter().map(|e| format!("error: {e}")).collect()),
            })
        })
    }
}
