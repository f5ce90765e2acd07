//! CASE 1.1 (1EdTech Competencies and Academic Standards Exchange), both ways: `read` builds a
//! framework from CFPackages, [`write`] makes a framework into CFPackages.

pub(crate) mod read;
pub mod write;
pub use self::write::*;

use std::io::{self, Write};

use crate::formats::json::write_value;
use crate::model::Framework;

/// A framework's own CASE 1.1 package (its tag schemes are packages of their own,
/// [`write_scheme`]): for a framework read from one CASE package, that package. Returns what was
/// changed to fit CASE 1.1, a line each.
pub fn write_package(
    out: &mut dyn Write,
    framework: &Framework,
    changed: &str,
) -> io::Result<Vec<String>> {
    let package = framework_package(framework, changed);
    write_value(out, &package)?;
    Ok(package.changes.into_inner().lines())
}

/// One tag scheme's package (see [`scheme_packages`]).
pub fn write_scheme(out: &mut dyn Write, package: &SchemePackage) -> io::Result<()> {
    write_value(out, package)
}

/// Links between two frameworks as a CASE 1.1 package (see [`alignment_package`]).
pub fn write_alignment(
    out: &mut dyn Write,
    from: &Framework,
    to: &Framework,
    links: &[AlignedPair],
    changed: &str,
) -> io::Result<()> {
    write_value(out, &alignment_package(from, to, links, changed))
}
