//! `peercomp validate`: every problem of framework files, each at its place.

use foldhash::HashSet;
use std::path::PathBuf;

use crate::Error;
use super::prelude::{Context, FormatArgs, Outcome, Output, plural};
use crate::formats::Problem;
use crate::load;
use crate::query;

/// Check framework, curriculum and requirements files: every problem, at its place
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  peercomp validate                      the embedded frameworks
  peercomp validate mine.yaml frameworks/ a file, and every framework file in a directory
  peercomp validate mine.yaml --json     problems as objects, for editors and CI
  peercomp validate training.yaml        a curriculum (its first key is curriculum:)
  peercomp validate icrc.yaml            requirements (their first key is credential:)
  peercomp --data a.yaml --data b.yaml validate a-b.yaml
                                         an alignment of two frameworks loaded with --data

Checks: YAML or JSON syntax; unknown fields (with the likely one meant); missing fields; values
of the wrong type; ids used twice (with both places); tags the file's schemes do not define;
gaps and repeats in numbering (6.9.1, 6.9.2, ...); empty texts; a framework id loaded twice.
Every other command runs the same checks on what it loads and refuses a file with problems. A
curriculum or requirements file is checked for its shape, ids and hours; coverage checks its
references against the framework.

Exit codes:
  0  no problems
  1  problems found, or a file that cannot be read
  2  usage error")]
pub(crate) struct Args {
    /// Framework, curriculum or requirements files, or directories, to check [default: the
    /// embedded frameworks]
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    #[command(flatten)]
    format: FormatArgs,
}

impl Args {
    /// Prints every problem; fails where there is one.
    pub(crate) fn run(self, ctx: &Context, out: &mut Output) -> Result<Outcome, Error> {
        let style = self.format.style();
        // The frameworks of --data, where it names some, are what the files checked may link
        // and cite, as for every other command: loaded (and checked) as those commands load them.
        let context = match ctx.data.is_empty() || self.paths.is_empty() {
            true => Vec::new(),
            false => ctx.loaded()?,
        };
        let load::Checked { mut problems, files: checked, mut frameworks, plans } =
            load::check(&self.paths, &context);
        // Curricula and requirements against their frameworks, as the commands check them.
        let named: Vec<String> = frameworks.iter().map(|f| f.id.clone()).collect();
        frameworks.extend(context.into_iter().filter(|f| !named.contains(&f.id)));
        for (plan, origin) in &plans {
            problems.extend(query::check_plan(plan, origin, &frameworks));
        }
        out.emit(style, problems.as_slice())?;
        // Warnings (control characters in texts) are reported but fail nothing.
        let errors: Vec<&Problem> = problems.iter().filter(|p| !p.kind.is_warning()).collect();
        if errors.is_empty() {
            let warnings = problems.len();
            let mut message = format!("no problems in {}", plural(checked, "file"));
            if warnings > 0 {
                message.push_str(&format!(", {}", plural(warnings, "warning")));
            }
            return Ok(Outcome::said_to_people(style.format, message));
        }
        let files: HashSet<&str> = errors.iter().map(|p| p.file.as_str()).collect();
        // A line that counts the problems of a kind past those listed stands for all of them.
        let counted = errors.iter().map(|p| p.stands_for).sum();
        Ok(Outcome::Invalid { problems: counted, files: files.len() })
    }
}
