//! `peercomp search`: entries and categories ranked by how well they match words.

use crate::Error;
use super::prelude::{ColorArg, Context, EXIT_CODES, Outcome, Output, QueryArgs, SelectArgs};
use crate::query::{self, ListFilter, Query, SearchOptions};

/// Find statements by words, ranked best first, matches highlighted
#[derive(Debug, clap::Args)]
#[command(after_help = format!("\
Examples:
  peercomp search stigma                      every statement about stigma, best first
  peercomp search self care                   both words: finds \"self-care\"
  peercomp search '\"lived experience\"'        a phrase: the words in a row
  peercomp search crisis housing --any        either word
  peercomp search stigma --framework agency   one framework
  peercomp search advocate --tag icrc         only entries with an IC&RC domain
  peercomp search trauma --json | jq '.[0]'   score, field and byte ranges of the matches

Searches statements, titles, notes and category titles and introductions, a match in a
statement counting more than one in a note. Words match as words, whatever their case,
by their English stem (advocate finds advocates, and advocacy a little lower); a hyphen
is a space; a word one or two letters off (stigmma) is found, ranked below exact words.
Several words must all match, --any for any. --tag, --category and --top-level keep to the
entries they select (categories themselves are left out by --tag and --top-level). `list
--grep` is the plain substring filter.

{EXIT_CODES}"))]
pub(crate) struct Args {
    /// Words to find; a phrase in double quotes, or as one quoted argument
    #[arg(value_name = "WORDS", required = true)]
    words: Vec<String>,

    /// Results with any of the words, not all of them
    #[arg(long)]
    any: bool,

    /// Show only the best N results (1 or more)
    #[arg(long, short = 'n', value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    limit: Option<u64>,

    #[command(flatten)]
    select: SelectArgs,

    #[command(flatten)]
    color: ColorArg,

    #[command(flatten)]
    query: QueryArgs,
}

impl Args {
    /// Searches, and writes the results best first; says so on stderr where none match.
    pub(crate) fn run(self, ctx: &Context, out: &mut Output) -> Result<Outcome, Error> {
        let mut style = self.query.format.style();
        style.color = self.color.enabled();
        let query = Query::parse(&self.words)?;
        let options = SearchOptions {
            filter: ListFilter {
                tags: self.select.tags,
                categories: self.select.categories,
                top_level: self.select.top_level,
                as_written: self.query.as_written.as_written,
                ..ListFilter::default()
            },
            any: self.any,
            limit: self.limit.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
        };
        // A search reads every framework it may answer from: scores weigh words by how rare
        // they are in all of them.
        ctx.on_frameworks(&self.query.framework.frameworks, |frameworks| {
            let hits = query::search(frameworks, &query, &options)?;
            if hits.is_empty() && style.format.is_for_people() {
                let said = no_matches(&query::ways_on(frameworks, &query), self.any, &self.words);
                return Ok(Outcome::said_to_people(style.format, said));
            }
            out.emit(style, hits.as_slice())?;
            // What a misspelling was read as, so that a person can tell.
            let typos = query::typos_matched(&query, &hits);
            if !typos.is_empty() && style.format.is_for_people() {
                let read: Vec<String> = typos
                    .iter()
                    .map(|(word, read)| format!("'{word}' as {}", read.join(", ")))
                    .collect();
                let said = format!("note: read {}", read.join("; "));
                return Ok(Outcome::said_to_people(style.format, said));
            }
            Ok(Outcome::Done)
        })
    }
}

/// "no matches", and the ways on: tags whose names hold the words, close words of the texts,
/// and --any where several words must all match.
fn no_matches(ways: &query::WaysOn, any: bool, words: &[String]) -> String {
    let mut said = vec!["no matches".to_owned()];
    for (tag, label) in &ways.tags {
        said.push(format!("  the tag {tag} is named so: {label} (peercomp list --tag {tag})"));
    }
    for (word, close) in &ways.words {
        said.push(format!("  close to '{word}' in the texts: {}", close.join(", ")));
    }
    if !any && words.iter().map(|w| w.split_whitespace().count()).sum::<usize>() > 1 {
        said.push("  every word must match: --any for results with any of them".to_owned());
    }
    said.join("\n")
}
