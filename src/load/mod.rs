//! Loading frameworks: the embedded defaults and framework files (YAML or JSON, or directories of
//! them), checked before any query sees them.
//!
//! A file is read in bounded memory and parsed straight into the model; the semantic checks run
//! on the model. Only where something is wrong is the file parsed again into a located tree, so
//! that every problem, not only the first, is reported with its line and column.

mod case;
mod checks;
mod located;
mod read;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::model::{Curriculum, Framework};
pub use checks::validate;
pub use read::MAX_FILE_BYTES;

/// The frameworks built into the binary: (the file they come from, their text as JSON, which
/// build.rs makes from the YAML so that start-up need not parse YAML).
pub const EMBEDDED: &[(&str, &str)] = &[
    ("framework/peer-worker.yaml", include_str!(concat!(env!("OUT_DIR"), "/peer-worker.json"))),
    ("framework/agency.yaml", include_str!(concat!(env!("OUT_DIR"), "/agency.json"))),
];

impl ProblemKind {
    /// The kind as JSON and CSV name it (`unknown-field`).
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::Read => "read",
            ProblemKind::Format => "format",
            ProblemKind::TooLarge => "too-large",
            ProblemKind::NotUtf8 => "not-utf8",
            ProblemKind::Empty => "empty",
            ProblemKind::Syntax => "syntax",
            ProblemKind::UnknownField => "unknown-field",
            ProblemKind::MissingField => "missing-field",
            ProblemKind::WrongType => "wrong-type",
            ProblemKind::DuplicateId => "duplicate-id",
            ProblemKind::UnknownTag => "unknown-tag",
            ProblemKind::Numbering => "numbering",
            ProblemKind::EmptyText => "empty-text",
            ProblemKind::FrameworkTwice => "framework-twice",
            ProblemKind::UnknownReference => "unknown-reference",
        }
    }
}

/// What an embedded framework holds, known without parsing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmbeddedIndex {
    pub id: &'static str,
    pub schemes: &'static [&'static str],
    /// Its category and entry ids.
    pub ids: &'static [&'static str],
}

/// The index of [`EMBEDDED`], in the same order, made by build.rs.
pub const EMBEDDED_INDEX: &[EmbeddedIndex] = include!(concat!(env!("OUT_DIR"), "/index.rs"));

/// What kind of problem a file has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(into = "&'static str")]
pub enum ProblemKind {
    /// The file cannot be read: missing, a directory with no frameworks, no permission.
    Read,
    /// The name does not end in .yaml, .yml or .json.
    Format,
    TooLarge,
    NotUtf8,
    Empty,
    /// Not well-formed YAML or JSON, or beyond the parser's limits (depth, aliases).
    Syntax,
    UnknownField,
    MissingField,
    /// A value of the wrong type or form: a list where text belongs, a malformed tag.
    WrongType,
    DuplicateId,
    UnknownTag,
    Numbering,
    EmptyText,
    /// Two files hold frameworks with one id.
    FrameworkTwice,
    /// A curriculum's reference (id, pattern, tag) that matches nothing.
    UnknownReference,
}

impl From<ProblemKind> for &'static str {
    fn from(kind: ProblemKind) -> Self {
        kind.as_str()
    }
}

/// One problem in one file: where, and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub file: String,
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub kind: ProblemKind,
    pub message: String,
}

impl Problem {
    pub(crate) fn new(file: &str, kind: ProblemKind, message: impl Into<String>) -> Self {
        Problem { file: file.to_owned(), line: None, column: None, kind, message: message.into() }
    }

    pub(crate) fn at(mut self, location: Option<(u64, u64)>) -> Self {
        if let Some((line, column)) = location {
            self.line = Some(line);
            self.column = Some(column);
        }
        self
    }
}

impl fmt::Display for Problem {
    /// `file:line:column: message`, as compilers print it, so that editors can jump there.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(column) = self.column {
            write!(f, ":{column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Frameworks that could not be loaded, with every problem found in them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadError(pub Vec<Problem>);

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&lines.join("\n"))
    }
}

/// Parses and checks the embedded frameworks.
pub fn embedded() -> Result<Vec<Framework>, LoadError> {
    load(&[], true)
}

/// Loads the framework files and directories named (every .yaml, .yml and .json file of a
/// directory, by name), after the embedded frameworks where `with_embedded` is set.
pub fn load(paths: &[PathBuf], with_embedded: bool) -> Result<Vec<Framework>, LoadError> {
    load_some(paths, &|_| with_embedded)
}

/// As [`load`], with the embedded frameworks whose ids `embedded` accepts.
pub fn load_some(
    paths: &[PathBuf],
    embedded: &dyn Fn(&str) -> bool,
) -> Result<Vec<Framework>, LoadError> {
    let (frameworks, problems, _) = load_all(paths, embedded);
    if problems.is_empty() { Ok(frameworks) } else { Err(LoadError(problems)) }
}

/// Every problem of the files named, or of the embedded frameworks where none is named, and
/// how many files were checked.
pub fn check(paths: &[PathBuf]) -> (Vec<Problem>, usize) {
    let (_, problems, files) = load_all(paths, &|_| paths.is_empty());
    (problems, files)
}

/// A source of framework text: its name in messages, and the text or why there is none.
struct Source {
    origin: String,
    text: Result<String, Problem>,
    is_json: bool,
    /// Embedded: checked when the binary was built and tested, not again at every start.
    trusted: bool,
}

/// The frameworks that loaded, every problem, and how many files were read.
fn load_all(
    paths: &[PathBuf],
    embedded: &dyn Fn(&str) -> bool,
) -> (Vec<Framework>, Vec<Problem>, usize) {
    let mut sources: Vec<Source> = Vec::new();
    let wanted = EMBEDDED.iter().zip(EMBEDDED_INDEX).filter(|(_, index)| embedded(index.id));
    sources.extend(wanted.map(|((name, text), _)| Source {
        origin: (*name).to_owned(),
        text: Ok((*text).to_owned()),
        is_json: true,
        trusted: true,
    }));
    let mut problems = Vec::new();
    for path in paths {
        match read::files(path) {
            Ok(files) => sources.extend(files.into_iter().map(|file| Source {
                origin: file.display().to_string(),
                is_json: read::is_json(&file),
                text: read::text(&file),
                trusted: false,
            })),
            Err(problem) => problems.push(problem),
        }
    }
    let files = sources.len();
    // Each text is dropped once parsed: the model and the file's text are not held together
    // longer than parsing needs.
    let mut frameworks: Vec<(Framework, String)> = Vec::new();
    for source in sources {
        match source.text {
            Err(problem) => problems.push(problem),
            Ok(ref text) => match parse_source(text, &source) {
                Ok(framework) => {
                    if let Some((_, first)) = frameworks.iter().find(|(f, _)| f.id == framework.id)
                    {
                        problems.push(
                            Problem::new(
                                &source.origin,
                                ProblemKind::FrameworkTwice,
                                format!(
                                    "framework '{}' is loaded twice: {first} holds it too",
                                    framework.id
                                ),
                            )
                            .at(located::locate_in(text, &["id".into()])),
                        );
                    }
                    frameworks.push((framework, source.origin));
                }
                Err(found) => problems.extend(found),
            },
        }
    }
    (frameworks.into_iter().map(|(f, _)| f).collect(), problems, files)
}

fn parse_source(text: &str, source: &Source) -> Result<Framework, Vec<Problem>> {
    if source.trusted
        && let Ok(framework) = serde_json::from_str::<Framework>(text)
    {
        return Ok(framework);
    }
    parse(text, &source.origin, source.is_json)
}

/// Parses and checks one framework text; `origin` names it in problems.
pub fn parse(text: &str, origin: &str, is_json: bool) -> Result<Framework, Vec<Problem>> {
    parse_unsorted(text, origin, is_json).map_err(in_file_order)
}

/// A file's problems by line and column.
fn in_file_order(mut problems: Vec<Problem>) -> Vec<Problem> {
    problems.sort_by_key(|p| (p.line, p.column));
    problems
}

fn parse_unsorted(text: &str, origin: &str, is_json: bool) -> Result<Framework, Vec<Problem>> {
    if text.trim().is_empty() {
        return Err(vec![Problem::new(
            origin,
            ProblemKind::Empty,
            "empty file: a framework needs at least `id`, `title` and `categories`",
        )]);
    }
    if is_json && case::is_case(text) {
        let framework = case::framework(text, origin)?;
        let issues = checks::validate_imported(&framework);
        return if issues.is_empty() {
            Ok(framework)
        } else {
            Err(located::place(text, origin, issues))
        };
    }
    let parsed = if is_json {
        serde_json::from_str::<Framework>(text).map_err(|e| located::json_problem(origin, &e))
    } else {
        serde_saphyr::from_str_with_options::<Framework>(text, located::options(text.len()))
            .map_err(|e| located::saphyr_problem(origin, &e))
    };
    match parsed {
        Ok(framework) => {
            let issues = checks::validate(&framework);
            if issues.is_empty() {
                Ok(framework)
            } else {
                Err(located::place(text, origin, issues))
            }
        }
        // Parsing stops at the first problem; the located tree finds them all. Where the tree
        // cannot be built either (a syntax error), the parser's own error says it best.
        Err(first) => Err(match located::structural_problems::<Framework>(text, origin) {
            Some(all) if !all.is_empty() => all,
            _ => vec![first],
        }),
    }
}

/// Loads a curriculum mapping file. YAML and JSON are both read by the YAML reader (JSON is
/// YAML), which knows where each reference stands.
pub fn curriculum(path: &Path) -> Result<Curriculum, LoadError> {
    let origin = path.display().to_string();
    let one = |problem: Problem| LoadError(vec![problem]);
    if read::framework_extension(path).is_none() {
        return Err(one(Problem::new(
            &origin,
            ProblemKind::Format,
            "not a curriculum file: expected a name ending in .yaml, .yml or .json",
        )));
    }
    let text = read::text(path).map_err(one)?;
    if text.trim().is_empty() {
        return Err(one(Problem::new(
            &origin,
            ProblemKind::Empty,
            "empty file: a curriculum needs at least `curriculum` and `modules`",
        )));
    }
    let curriculum =
        serde_saphyr::from_str_with_options::<Curriculum>(&text, located::options(text.len()))
            .map_err(|e| {
                let first = located::saphyr_problem(&origin, &e);
                LoadError(match located::structural_problems::<Curriculum>(&text, &origin) {
                    Some(all) if !all.is_empty() => in_file_order(all),
                    _ => vec![first],
                })
            })?;
    let issues = checks::validate_curriculum(&curriculum);
    if issues.is_empty() {
        Ok(curriculum)
    } else {
        Err(LoadError(in_file_order(located::place(&text, &origin, issues))))
    }
}
