//! `peercomp overlaps`: statements that say the same or nearly the same thing.

use crate::Error;
use super::prelude::{Context, EXIT_CODES, Outcome, Output, QueryArgs, parse_score};
use crate::query::{self, DEFAULT_MIN_SCORE, DEFAULT_PAIR_LIMIT, MAX_PAIR_LIMIT, OverlapOptions};

/// Find entries whose statements say the same or nearly the same thing
#[derive(Debug, clap::Args)]
#[command(after_help = format!("\
Examples:
  peercomp overlaps                  exact repeats and close paraphrases
  peercomp overlaps --min 1          exact repeats only
  peercomp overlaps --min 0.5 --json looser, as JSON
  peercomp overlaps --across         what the agency and peer-worker frameworks both say

Scoring: each statement becomes words (case, spacing and punctuation folded). Two statements
with the same words in the same order are \"identical\" (score 1). Otherwise the score is the
cosine similarity of their content words (leaving out words such as \"the\", \"and\", \"to\"): 1
when they use the same words equally often, 0 when they share none. The default, {DEFAULT_MIN_SCORE},
keeps repeats and close paraphrases (\"Recognizes/Addresses the importance of self-care\" scores
0.75) and leaves out statements that share words but not meaning (\"Addresses barriers to
housing/employment\" scores 0.67). Three or more identical statements are one row, the rest named
after the second (JSON: `more`); past --limit rows, it stops and says so. An item is never paired
with its own sub-item, which restates part of it.

{EXIT_CODES}"))]
pub(crate) struct Args {
    /// The lowest score to show, above 0 and at most 1
    #[arg(long, value_name = "SCORE", default_value_t = DEFAULT_MIN_SCORE, value_parser = parse_score, allow_negative_numbers = true)]
    min: f64,

    /// Stop, saying so, past this many rows, at most 100000 (raise --min to keep the closest)
    #[arg(long, value_name = "N", default_value_t = DEFAULT_PAIR_LIMIT, value_parser = parse_limit)]
    limit: usize,

    /// Pairs of entries in two different frameworks only (such as a file of yours against
    /// peer-worker: --data mine.yaml --with-embedded)
    #[arg(long)]
    across: bool,

    #[command(flatten)]
    query: QueryArgs,
}

/// `--limit`: a number of rows from 1 to [`MAX_PAIR_LIMIT`]; the rows are held to be sorted,
/// so their number bounds the memory whatever the input.
fn parse_limit(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n @ 1..=MAX_PAIR_LIMIT) => Ok(n),
        _ => Err(format!(
            "expected a number of rows from 1 to {MAX_PAIR_LIMIT} (raise --min to keep the closest)"
        )),
    }
}

impl Args {
    /// Prints the pairs, best first, or says on stderr that there are none.
    pub(crate) fn run(self, ctx: &Context, out: &mut Output) -> Result<Outcome, Error> {
        let style = self.query.format.style();
        ctx.on_frameworks(&self.query.framework.frameworks, |frameworks| {
            let as_written = self.query.as_written.as_written;
            let options =
                OverlapOptions { min: self.min, as_written, limit: self.limit, across: self.across };
            let pairs = query::overlaps(frameworks, &options)?;
            if pairs.is_empty() {
                if !style.format.is_for_people() {
                    out.emit(style, pairs.as_slice())?;
                }
                return Ok(Outcome::said_to_people(style.format, "no overlaps found"));
            }
            out.emit(style, pairs.as_slice())?;
            Ok(Outcome::Done)
        })
    }
}
