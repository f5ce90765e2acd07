//! `peercomp show`: entries by id, with everything known of them.

use crate::Error;
use crate::cli::{Context, EXIT_CODES, Outcome, Output, QueryArgs};
use crate::load::Embedded;
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
pub struct Args {
    /// Entry ids, such as 6.8 or 8.1.1; qualify one as FRAMEWORK/ID where ids repeat
    #[arg(required = true, value_name = "ID")]
    ids: Vec<String>,

    #[command(flatten)]
    query: QueryArgs,
}

impl Args {
    /// Shows the entries asked for, in the order asked.
    pub fn run(self, ctx: &Context, out: &mut Output) -> Result<Outcome, Error> {
        // Only the frameworks that hold an id asked for; a missing id reloads them all for
        // its message.
        let holds = |e: &Embedded| {
            self.ids.iter().any(|given| match given.split_once('/') {
                Some((framework, id)) => e.id == framework && e.ids.contains(&id),
                None => e.ids.contains(&given.as_str()),
            })
        };
        ctx.with_frameworks(&self.query.framework.frameworks, holds, |frameworks| {
            let shown = query::show(frameworks, &self.ids, self.query.as_written.as_written)?;
            out.emit(self.query.format.style(), shown.as_slice())?;
            Ok(Outcome::Done)
        })
    }
}
