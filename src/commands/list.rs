//! `peercomp list`: entries filtered by tag, category and text.

use std::io::Write;

use crate::Error;
use super::prelude::{Context, EXIT_CODES, Outcome, Output, QueryArgs, SelectArgs};
use crate::load::Embedded;
use crate::query::{self, Checklist, ListFilter};
use crate::write::Format;

/// List entries (items and sub-items), filtered by tag, category and text
#[derive(Debug, clap::Args)]
#[command(after_help = format!("\
Examples:
  peercomp list --tag icrc:4                  all ICRC Domain 4 entries
  peercomp list --tag rfc --top-level         items from any RFC best practice
  peercomp list --tag icrc:1 --as-written     only where the source prints the tag
  peercomp list --category 4 --category 5     two categories
  peercomp list --grep \"person-centered\"      plain text filter, case-insensitive
  peercomp list -g peer -g support            both texts in the entry
  peercomp list --format csv > entries.csv    for a spreadsheet
  peercomp list --framework agency --category factors
                                              the 13 psychosocial factors
  peercomp list --framework agency --format markdown --checklist
                                              an agency review checklist
  peercomp list --checklist --by icrc --tag icrc
                                              an exam-prep checklist by IC&RC domain

Filters combine: an entry must pass every filter given; repeated --tag or --category
values are alternatives, repeated --grep texts must all be found. --grep is a plain
substring filter; to find statements by meaning, ranked (stemming, phrases, typos), use
`peercomp search`.

{EXIT_CODES}"))]
pub(crate) struct Args {
    #[command(flatten)]
    select: SelectArgs,

    /// Entries whose text or title contains TEXT, ignoring case and typographic quotes and
    /// dashes: a plain substring (`peercomp search` ranks by words). Repeatable: all must match
    #[arg(long, short = 'g', value_name = "TEXT")]
    grep: Vec<String>,

    /// Add the sub-items of every entry selected
    #[arg(long, short = 'e')]
    expand: bool,

    /// Print a Markdown checklist: `- [ ]` lines with their tags, under a title saying what was
    /// asked and a numbered heading per category
    #[arg(long, conflicts_with = "json")]
    checklist: bool,

    /// With --checklist: a heading per code of this scheme (per IC&RC domain with `icrc`)
    /// instead of per category; an entry with several codes is listed under each
    #[arg(long, value_name = "SCHEME", requires = "checklist")]
    by: Option<String>,

    #[command(flatten)]
    query: QueryArgs,
}

impl Args {
    /// Lists the entries, or says on stderr that none match.
    pub(crate) fn run(self, ctx: &Context, out: &mut Output) -> Result<Outcome, Error> {
        let mut style = self.query.format.style();
        // A checklist is Markdown unless a format is named: a table asked for by name is the
        // entries' table, and html is a page to print with boxes to tick.
        let checklist = self.checklist && !(style.format == Format::Table && style.bordered);
        if checklist && style.format == Format::Table {
            style.format = Format::Markdown;
        }
        let filter = ListFilter {
            tags: self.select.tags,
            categories: self.select.categories,
            grep: self.grep,
            top_level: self.select.top_level,
            expand: self.expand,
            as_written: self.query.as_written.as_written,
        };
        // Only frameworks that define a scheme asked for can hold entries carrying it.
        let could_hold = |e: &Embedded| {
            filter.tags.is_empty()
                || filter.tags.iter().any(|t| {
                    e.schemes.iter().any(|s| s.eq_ignore_ascii_case(&t.scheme))
                })
        };
        ctx.with_frameworks(&self.query.framework.frameworks, could_hold, |frameworks| {
            let rows = query::list(frameworks, &filter)?;
            if rows.is_empty() {
                // Programs still get a header or an empty array.
                if !style.format.is_for_people() {
                    out.emit(style, rows.as_slice())?;
                }
                // A real code that no entry carries says so, not only that nothing matched; a
                // printed checklist says it in its body too, never an empty page.
                let unused = query::unused_tags(frameworks, &filter.tags);
                if self.checklist && !unused.is_empty() {
                    writeln!(out, "{}", unused.join("\n\n"))?;
                }
                let said = match unused.is_empty() {
                    true => "no entries match".to_owned(),
                    false => unused.join("\n"),
                };
                return Ok(Outcome::said_to_people(style.format, said));
            }
            if checklist {
                let checklist = Checklist::new(frameworks, rows, &filter, self.by.as_deref())?;
                out.emit(style, &checklist)?;
            } else {
                out.emit(style, rows.as_slice())?;
            }
            Ok(Outcome::Done)
        })
    }
}
