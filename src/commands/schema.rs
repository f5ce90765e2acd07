//! `peercomp schema`: the JSON Schema of a file kind peercomp reads.

use std::io::Write;

use schemars::transform::{RecursiveTransform, Transform};
use serde_json::Value;

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
        let mut schema = match self.kind {
            Kind::Framework => schemars::schema_for!(Framework),
            Kind::Curriculum => schemars::schema_for!(Curriculum),
            Kind::Requirements => schemars::schema_for!(Requirements),
            Kind::Alignment => schemars::schema_for!(Alignment),
        };
        RecursiveTransform(portable).transform(&mut schema);
        serde_json::to_writer_pretty(&mut *out, &schema).map_err(std::io::Error::from)?;
        writeln!(out)?;
        Ok(Outcome::Done)
    }
}

/// The formats JSON Schema (2020-12) defines, which every validator knows.
const STANDARD_FORMATS: &[&str] = &[
    "date-time", "date", "time", "duration", "email", "idn-email", "hostname", "idn-hostname",
    "ipv4", "ipv6", "uri", "uri-reference", "iri", "iri-reference", "uuid", "uri-template",
    "json-pointer", "relative-json-pointer", "regex",
];

/// Keeps a schema to JSON Schema's own vocabulary, which every validator takes: schemars marks
/// numbers with formats of its own (`uint32`, `double`), which validators ignore at best and
/// ajv's strict mode refuses. What an unsigned format bounds is written as `maximum` (schemars
/// writes its `minimum` already).
fn portable(schema: &mut schemars::Schema) {
    let Some(format) = schema.get("format").and_then(Value::as_str) else { return };
    if STANDARD_FORMATS.contains(&format) {
        return;
    }
    let most = match format {
        "uint8" => Some(u64::from(u8::MAX)),
        "uint16" => Some(u64::from(u16::MAX)),
        "uint32" => Some(u64::from(u32::MAX)),
        "uint64" | "uint" => Some(u64::MAX),
        _ => None,
    };
    schema.remove("format");
    if let Some(most) = most
        && schema.get("maximum").is_none()
    {
        schema.insert("maximum".to_owned(), most.into());
    }
}
