//! File formats, each in its own module with its reader and writer side by side.

pub mod case;
pub(crate) mod csv;
pub(crate) mod ctdl;
pub mod framework;
pub(crate) mod json;
pub(crate) mod json_places;
pub(crate) mod located;
pub(crate) mod probe;
mod problem;
pub(crate) mod sheet;
pub(crate) mod tree;

pub(crate) use problem::{FieldPath, Issue, Seg};
pub use problem::{LoadError, Problem, ProblemKind};

use std::path::Path;

/// How a file of a format is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// A text, whose content says what it holds: peercomp's framework (YAML or JSON), a CASE
    /// package or CTDL-ASN graph (JSON), a curriculum, requirements or an alignment.
    Text {
        /// JSON, which a framework file may be read as a stream of categories.
        json: bool,
    },
    /// A spreadsheet of entries, a row each (`sheet`).
    Sheet {
        /// CSV text; otherwise an XLSX workbook.
        csv: bool,
    },
}

/// A file format peercomp reads, known by the extensions of its files' names.
#[derive(Debug, Clone, Copy)]
pub struct FileFormat {
    /// The format's name.
    pub name: &'static str,
    /// Its files' extensions, in lower case (`Mine.YAML` is YAML too).
    pub extensions: &'static [&'static str],
    /// How it is read.
    pub reader: Reader,
}

/// Every format `--data` and `validate` read, in the order their extensions are listed.
pub const FILE_FORMATS: &[FileFormat] = &[
    FileFormat { name: "YAML", extensions: &["yaml", "yml"], reader: Reader::Text { json: false } },
    FileFormat {
        name: "JSON",
        extensions: &["json", "jsonld"],
        reader: Reader::Text { json: true },
    },
    FileFormat { name: "CSV", extensions: &["csv"], reader: Reader::Sheet { csv: true } },
    FileFormat { name: "XLSX", extensions: &["xlsx"], reader: Reader::Sheet { csv: false } },
];

/// The format of a file, by its name's extension.
pub fn file_format(path: &Path) -> Option<&'static FileFormat> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    FILE_FORMATS.iter().find(|f| f.extensions.contains(&extension.as_str()))
}

/// The extensions read, as messages list them: ".yaml, .yml, .json, .jsonld, .csv or .xlsx".
pub fn extensions_read() -> String {
    let all: Vec<String> =
        FILE_FORMATS.iter().flat_map(|f| f.extensions).map(|e| format!(".{e}")).collect();
    match all.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// How many threads the machine runs at once for peercomp (its cores, or fewer where
/// `taskset` or a container's CPU limit says so), which a large file is parsed and checked on.
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// What a build without the `xlsx` cargo feature says where a workbook is asked for.
#[cfg(not(feature = "xlsx"))]
pub const WITHOUT_XLSX: &str = "this peercomp was built without XLSX workbooks (cargo's `xlsx` \
     feature, on by default): build it with the default features, or use CSV";
