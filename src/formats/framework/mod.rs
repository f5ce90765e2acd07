//! peercomp's own framework files, YAML and JSON: the form `--data` reads and `export --to
//! yaml|json` writes, losslessly.

pub(crate) mod stream;

use std::io::{self, Write};

use crate::model::{Alignment, Framework};

/// The framework model as JSON: the form `--data` reads, and a lossless export.
pub fn write_json(out: &mut dyn Write, framework: &Framework) -> io::Result<()> {
    super::json::write_value(out, framework)
}

/// The framework model as YAML: the form `--data` reads, and a lossless export.
pub fn write_yaml(out: &mut dyn Write, framework: &Framework) -> io::Result<()> {
    let text = serde_saphyr::to_string(framework).map_err(io::Error::other)?;
    out.write_all(text.as_bytes())
}

/// An alignment file's YAML, after a line naming its schema for editors.
pub fn alignment_yaml(alignment: &Alignment) -> io::Result<String> {
    let text = serde_saphyr::to_string(alignment).map_err(io::Error::other)?;
    // Editors find the schema beside the file, once written there.
    Ok(format!(
        "# yaml-language-server: $schema=alignment.schema.json\n\
         # For editors, write the schema beside this file: \
         peercomp schema --kind alignment > alignment.schema.json\n{text}"
    ))
}
