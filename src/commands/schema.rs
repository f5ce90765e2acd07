//! `peercomp schema`: the JSON Schema of a file kind peercomp reads.

use std::io::Write;

use crate::Error;
use super::prelude::{Context, Outcome, Output};
use crate::model::{Alignment, Curriculum, Framework, Requirements};

/// Print the JSON Schema of a kind of file, for editors to check and complete files
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  peercomp schema > framework.schema.json
  peercomp schema --kind curriculum > curriculum.schema.json
  peercomp schema --kind requirements > requirements.schema.json
  peercomp schema --kind alignment > alignment.schema.json
  then, as the first line of a file, for editors using yaml-language-server:
  # yaml-language-server: $schema=framework.schema.json")]
pub(crate) struct Args {
    /// The kind of file
    #[arg(long, value_enum, value_name = "KIND", default_value_t = Kind::Framework)]
    kind: Kind,
}

/// The kinds of file peercomp reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Kind {
    /// A framework (--data, validate)
    Framework,
    /// A curriculum mapped to a framework (coverage FILE)
    Curriculum,
    /// A credential's requirements (coverage --requirements)
    Requirements,
    /// Reviewed links between two frameworks (--data, crosswalk --by FRAMEWORK)
    Alignment,
}

impl Args {
    /// Prints the schema.
    pub(crate) fn run(self, _: &Context, out: &mut Output) -> Result<Outcome, Error> {
        let schema = match self.kind {
            Kind::Framework => schemars::schema_for!(Framework),
            Kind::Curriculum => schemars::schema_for!(Curriculum),
            Kind::Requirements => schemars::schema_for!(Requirements),
            Kind::Alignment => schemars::schema_for!(Alignment),
        };
        serde_json::to_writer_pretty(&mut *out, &schema).map_err(std::io::Error::from)?;
        writeln!(out)?;
        Ok(Outcome::Done)
    }
}
