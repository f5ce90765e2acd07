//! `peercomp schema`: the JSON Schema of a framework file.

use std::io::Write;

use crate::Error;
use crate::cli::{Context, Outcome, Output};
use crate::model::Framework;

/// Print the JSON Schema of a framework file, for editors to check and complete them
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  peercomp schema > framework.schema.json
  then, as the first line of a framework file, for editors using yaml-language-server:
  # yaml-language-server: $schema=framework.schema.json")]
pub struct Args {}

impl Args {
    /// Prints the schema.
    pub fn run(self, _: &Context, out: &mut Output) -> Result<Outcome, Error> {
        serde_json::to_writer_pretty(&mut *out, &schemars::schema_for!(Framework))
            .map_err(std::io::Error::from)?;
        writeln!(out)?;
        Ok(Outcome::Done)
    }
}
