//! Loading frameworks: the embedded defaults and framework files (YAML or JSON, or directories of
//! them), checked before any query sees them.
//!
//! A file is read in bounded memory and parsed straight into the model (a JSON framework a
//! category at a time as it is read, never held whole); the semantic checks run on the model.
//! Only where something is wrong is the file read as a text and parsed again into a located tree,
//! so that every problem, not only the first, is reported with its line and column.

mod checks;
mod parse;
mod plans;
mod read;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::formats::case::read as case;
use crate::formats::ctdl::read as ctdl;
use crate::formats::sheet::read as sheet;
use crate::formats::{Issue, LoadError, Problem, ProblemKind, Reader, file_format, located};
use crate::model::{Alignment, Curriculum, Framework, Requirements, SharingTags, TextAt};

pub use checks::validate;
use parse::{in_file_order, parse_source};
pub use parse::{parse, parse_ctdl, parse_draft, parse_sheet};
pub use plans::{
    Plan, alignments, check_alignment, curriculum, is_alignment_file, parse_alignment,
    parse_curriculum, parse_requirements, requirements,
};
pub use read::{MAX_FILE_BYTES, max_file_bytes, read_text};

/// A framework built into the binary, and what it holds, known without parsing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Embedded {
    /// The framework's id.
    pub id: &'static str,
    /// The file it comes from (`framework/peer-worker.yaml`).
    pub file: &'static str,
    /// Its text as JSON, which build.rs makes from the YAML so that start-up need not parse
    /// YAML.
    pub json: &'static str,
    /// The ids of its tag schemes.
    pub schemes: &'static [&'static str],
    /// Its category and entry ids, in document order.
    pub ids: &'static [&'static str],
}

/// The frameworks built into the binary: every `framework/*.yaml`, in the order of their source
/// documents (then of their file names), found by build.rs.
pub const EMBEDDED: &[Embedded] = include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The source documents the embedded frameworks cite (`framework/sources/`), by file name.
const SOURCES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/sources.rs"));

/// The text of a source document an embedded framework cites, by its file name.
pub fn source_document(name: &str) -> Option<&'static str> {
    SOURCES.iter().find(|(document, _)| *document == name).map(|(_, text)| *text)
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
    embedded: &dyn Fn(&Embedded) -> bool,
) -> Result<Vec<Framework>, LoadError> {
    let (frameworks, problems, _, _) = load_all(paths, embedded, false, &[]);
    if problems.is_empty() { Ok(frameworks) } else { Err(LoadError(problems)) }
}

/// What `validate` found in the files named (or the embedded frameworks where none is named).
pub struct Checked {
    /// Every problem found reading them.
    pub problems: Vec<Problem>,
    /// How many files were read.
    pub files: usize,
    /// The frameworks that loaded.
    pub frameworks: Vec<Framework>,
    /// The curricula and requirements that read without a problem, with their files' names: to
    /// be checked against their frameworks (`query::check_plan`).
    pub plans: Vec<(Plan, String)>,
}

/// Reads the files named, or the embedded frameworks where none is named, as `validate` does;
/// the alignments among them are checked against `context` too (the frameworks of `--data`).
pub fn check(paths: &[PathBuf], context: &[Framework]) -> Checked {
    let (frameworks, problems, files, plans) =
        load_all(paths, &|_| paths.is_empty(), true, context);
    Checked { problems, files, frameworks, plans }
}

/// A framework file or embedded text: its name in messages, and how it is parsed.
struct Input {
    origin: String,
    is_json: bool,
    /// Embedded: checked when the binary was built and tested, not again at every start.
    trusted: bool,
}

/// What was read of a file: its text, or the framework it held, parsed as it was read.
enum Content {
    Text(Cow<'static, str>),
    Parsed(Box<Framework>, PathBuf),
}

/// A JSON framework file parsed as it is read ([`read::streamed`]), where it has nothing to
/// report: no problem, and for `validate` (`warn`) no warning either. None for anything else,
/// which is read as a text, to be placed by line and column.
fn streamed(path: &Path, warn: bool) -> Option<Framework> {
    let framework = read::streamed(path)?;
    let warned = warn && !checks::control_characters(&framework).is_empty();
    (!warned && checks::validate(&framework).is_empty()).then_some(framework)
}

/// The frameworks that loaded, every problem, how many files were read, and (for `validate`)
/// the plans read.
#[allow(clippy::type_complexity)]
fn load_all(
    paths: &[PathBuf],
    embedded: &dyn Fn(&Embedded) -> bool,
    warn: bool,
    context: &[Framework],
) -> (Vec<Framework>, Vec<Problem>, usize, Vec<(Plan, String)>) {
    let _tags = SharingTags::start();
    let mut loaded = Loaded { warn, ..Loaded::default() };
    let (sources, sheets) = read_sources(paths, embedded, warn, &mut loaded.problems);
    let files = sources.len() + sheets.len();
    // Each text is dropped once parsed: the model and the file's text are not held together
    // longer than parsing needs.
    for (source, content) in sources {
        loaded.take(source, content);
    }
    // Frameworks from other formats: CTDL-ASN, once its files are pooled; spreadsheets.
    if !loaded.linked_data.is_empty() {
        let (found, problems) = ctdl::frameworks(&loaded.linked_data);
        loaded.built.extend(found);
        loaded.problems.extend(problems);
    }
    for (path, csv) in sheets {
        loaded.read_sheet(&path, csv);
    }
    loaded.add_built();
    let Loaded { frameworks, mut problems, aligned, case_schemes, plans, .. } = loaded;
    let frameworks: Vec<Framework> = frameworks.into_iter().map(|(f, _)| f).collect();
    for (framework, origin) in case_schemes {
        if !frameworks.iter().any(|f| f.id == framework) {
            problems.push(Problem::new(
                &origin,
                ProblemKind::Read,
                format!(
                    "holds only tag-scheme packages of the framework '{framework}', which no \
                     file loaded holds: load its package ({framework}.case.json) with it"
                ),
            ));
        }
    }
    for (alignment, origin, text) in aligned {
        // The embedded frameworks it names, where the files checked do not hold them.
        let held = |id: &str| frameworks.iter().chain(context).any(|f| f.id == id);
        let named = |e: &Embedded| {
            [&alignment.from.text, &alignment.to.text].iter().any(|id| *id == e.id && !held(id))
        };
        let embedded = load_some(&[], &named).unwrap_or_default();
        let with: Vec<&Framework> = frameworks.iter().chain(context).chain(&embedded).collect();
        problems.extend(check_alignment(&alignment, &with, &origin, &text));
    }
    (frameworks, problems, files, plans)
}

/// What was read of each file (or why nothing could be), the embedded frameworks first; and
/// the spreadsheets, read apart (whether each is CSV). A file's format is known by its
/// extension ([`crate::formats::FILE_FORMATS`]).
#[allow(clippy::type_complexity)]
fn read_sources(
    paths: &[PathBuf],
    embedded: &dyn Fn(&Embedded) -> bool,
    warn: bool,
    problems: &mut Vec<Problem>,
) -> (Vec<(Input, Result<Content, Problem>)>, Vec<(PathBuf, bool)>) {
    let mut sources: Vec<(Input, Result<Content, Problem>)> = Vec::new();
    sources.extend(EMBEDDED.iter().filter(|e| embedded(e)).map(|e| {
        let input = Input { origin: e.file.to_owned(), is_json: true, trusted: true };
        (input, Ok(Content::Text(Cow::Borrowed(e.json))))
    }));
    let mut sheets = Vec::new();
    for path in paths {
        let files = match read::files(path) {
            Ok(files) => files,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        for file in files {
            let is_json = match file_format(&file).map(|f| f.reader) {
                Some(Reader::Sheet { csv }) => {
                    sheets.push((file, csv));
                    continue;
                }
                Some(Reader::Text { json }) => json,
                None => false,
            };
            let origin = file.display().to_string();
            // A JSON framework without a problem is parsed as it is read; anything else
            // (another kind of file, a problem to place) is read as a text.
            let text = match is_json.then(|| streamed(&file, warn)).flatten() {
                Some(framework) => Ok(Content::Parsed(Box::new(framework), file)),
                None => read::text(&file).map(|t| Content::Text(Cow::Owned(t))),
            };
            sources.push((Input { origin, is_json, trusted: false }, text));
        }
    }
    (sources, sheets)
}

/// What loading has found so far, file by file.
#[derive(Default)]
struct Loaded {
    /// `validate`: warnings are problems, and plans and alignments are checked.
    warn: bool,
    frameworks: Vec<(Framework, String)>,
    problems: Vec<Problem>,
    /// Alignment files, with their origins and texts, checked once every framework is in.
    aligned: Vec<(Alignment, String, String)>,
    /// JSON-LD (CTDL-ASN) files are pooled: a framework's competencies may be in another file.
    linked_data: Vec<ctdl::Graph>,
    /// Frameworks from other formats, checked as imported before they join `frameworks`.
    built: Vec<(Framework, String)>,
    /// Curricula and requirements (`validate`), checked against their frameworks once every
    /// framework is in.
    plans: Vec<(Plan, String)>,
    /// Files of CASE tag-scheme packages, with the framework each belongs to: its package says
    /// its schemes, so these only need it loaded.
    case_schemes: Vec<(String, String)>,
}

impl Loaded {
    /// One file's content, by what it holds.
    fn take(&mut self, source: Input, content: Result<Content, Problem>) {
        let text = match content {
            Err(problem) => return self.problems.push(problem),
            Ok(Content::Parsed(framework, path)) => {
                // Its text is read again only to place a problem.
                let place = || read::text(&path).ok().and_then(|t| first_key(&t, "id"));
                let twice = loaded_twice(&self.frameworks, &framework, &source.origin, place);
                self.problems.extend(twice);
                return self.frameworks.push((*framework, source.origin));
            }
            Ok(Content::Text(text)) => text,
        };
        if source.is_json && !source.trusted && ctdl::is_json_ld(&text) {
            match ctdl::graph(text.into_owned(), &source.origin) {
                Ok(graph) => self.linked_data.push(graph),
                Err(problem) => self.problems.push(problem),
            }
        } else if self.warn
            && let Some(kind) = plan_kind(&text)
        {
            // `validate` checks a curriculum or requirements file as what it is, then (once
            // every framework is in) against the framework it names, as the commands will.
            let plan = match kind {
                FileKind::Curriculum => {
                    parse_curriculum(&text, &source.origin).map(Plan::Curriculum)
                }
                _ => parse_requirements(&text, &source.origin).map(Plan::Requirements),
            };
            match plan {
                Ok(plan) => self.plans.push((plan, source.origin)),
                Err(LoadError(found)) => self.problems.extend(found),
            }
        } else if file_kind(&text) == FileKind::Alignment {
            // An alignment's links are read by the commands that use them ([`alignments`]);
            // every command that loads it checks it here, against the frameworks loaded with
            // it and the embedded ones it names, so that no command passes a wrong one.
            match parse_alignment(&text, &source.origin) {
                Ok(alignment) => self.aligned.push((alignment, source.origin, text.into())),
                Err(LoadError(found)) => self.problems.extend(found),
            }
        } else {
            self.framework_text(&text, source);
        }
    }

    /// A framework's text: peercomp's own, or a CASE package.
    fn framework_text(&mut self, text: &str, source: Input) {
        if source.is_json
            && let Some(found) = case::schemes_only(text, &source.origin)
        {
            match found {
                Ok(framework) => self.case_schemes.push((framework, source.origin)),
                Err(problem) => self.problems.push(problem),
            }
            return;
        }
        match parse_source(text, &source) {
            Ok(framework) => {
                let place = || first_key(text, "id");
                let twice = loaded_twice(&self.frameworks, &framework, &source.origin, place);
                self.problems.extend(twice);
                if self.warn {
                    let warnings = checks::control_characters(&framework);
                    if !warnings.is_empty() {
                        self.problems.extend(located::place(text, &source.origin, warnings));
                    }
                }
                self.frameworks.push((framework, source.origin));
            }
            Err(found) => self.problems.extend(found),
        }
    }

    /// A spreadsheet: CSV read as a text, a workbook from its file.
    fn read_sheet(&mut self, path: &Path, csv: bool) {
        use sheet::SheetFile::{Csv, Workbook};
        let framework = match csv {
            true => read::text(path)
                .map_err(|p| vec![p])
                .and_then(|text| sheet::framework(path, Csv(&text))),
            false => read::bytes(path).map_err(|p| vec![p]).and_then(|(bytes, inflated)| {
                sheet::framework(path, Workbook { bytes: &bytes, inflated })
            }),
        };
        match framework {
            Ok(framework) => self.built.push((framework, path.display().to_string())),
            Err(found) => self.problems.extend(found),
        }
    }

    /// The frameworks built from other formats, each checked as imported (and, for
    /// `validate`, for control characters, named by their path: a sheet or a graph has no line
    /// to place them at).
    fn add_built(&mut self) {
        for (framework, origin) in std::mem::take(&mut self.built) {
            // Named by their paths: a spreadsheet or a graph has no line to place them at.
            let by_path = |issues: Vec<Issue>| {
                issues
                    .into_iter()
                    .map(|i| Problem::new(&origin, i.kind, format!("{}: {}", i.path, i.message)))
            };
            if self.warn {
                self.problems.extend(by_path(checks::control_characters(&framework)));
            }
            let issues = checks::validate_imported(&framework);
            if !issues.is_empty() {
                self.problems.extend(by_path(issues));
                continue;
            }
            // A spreadsheet's or a CTDL-ASN graph's framework has no line to place it at.
            if let Some(problem) = loaded_twice(&self.frameworks, &framework, &origin, || None) {
                self.problems.push(problem);
                continue;
            }
            self.frameworks.push((framework, origin));
        }
    }
}

/// The problem of a framework whose id one loaded before it has: placed at its `id`, where
/// `place` finds it.
fn loaded_twice(
    before: &[(Framework, String)],
    framework: &Framework,
    origin: &str,
    place: impl FnOnce() -> Option<(u64, u64)>,
) -> Option<Problem> {
    let (_, first) = before.iter().find(|(f, _)| f.id == framework.id)?;
    let message = format!("framework '{}' is loaded twice: {first} holds it too", framework.id);
    Some(Problem::new(origin, ProblemKind::FrameworkTwice, message).at(place()))
}

/// Where a top-level key of a text stands.
fn first_key(text: &str, key: &'static str) -> Option<(u64, u64)> {
    located::locate_in(text, &[key.into()])
}

/// What a file holds, known by its first key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A framework (or CASE packages): anything not named below.
    Framework,
    /// A curriculum mapping (`curriculum:` first).
    Curriculum,
    /// A credential's requirements (`credential:` first).
    Requirements,
    /// A reviewed alignment (`alignment:` first).
    Alignment,
}

/// What a YAML or JSON text holds, by its first key.
pub fn file_kind(text: &str) -> FileKind {
    // The first line that is not blank, a comment or `---`, after the `{` that opens a JSON
    // object (on a line of its own where the JSON is pretty-printed).
    let first = text
        .lines()
        .map(|l| l.trim_start_matches('\u{feff}').trim_start_matches(['{', ' ', '\t']))
        .find(|l| !l.trim().is_empty() && !l.starts_with('#') && l.trim() != "---");
    let Some(first) = first else { return FileKind::Framework };
    let key = first.trim_start_matches('"');
    let is = |name: &str| {
        key.strip_prefix(name).is_some_and(|rest| rest.starts_with('"') || rest.starts_with(':'))
    };
    if is("curriculum") {
        FileKind::Curriculum
    } else if is("credential") {
        FileKind::Requirements
    } else if is("alignment") {
        FileKind::Alignment
    } else {
        FileKind::Framework
    }
}

/// The parser of a curriculum or a requirements file, known by its first key (`curriculum`,
/// `credential`), in YAML or JSON; None for anything else.
fn plan_kind(text: &str) -> Option<FileKind> {
    match file_kind(text) {
        kind @ (FileKind::Curriculum | FileKind::Requirements) => Some(kind),
        FileKind::Framework | FileKind::Alignment => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded JSON, made by build.rs, is the YAML's model exactly.
    #[test]
    fn the_embedded_json_is_the_yaml() {
        assert!(super::EMBEDDED.len() >= 2, "build.rs found the frameworks");
        for embedded in super::EMBEDDED {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(embedded.file);
            let yaml = std::fs::read_to_string(path).unwrap();
            let from_json = super::parse(embedded.json, embedded.file, true).unwrap();
            let from_yaml = super::parse(&yaml, embedded.file, false).unwrap();
            assert_eq!(from_json, from_yaml, "{}", embedded.file);
        }
    }

    /// build.rs's index says what each embedded framework holds, in the same order.
    #[test]
    fn the_embedded_index_is_the_model() {
        let frameworks = super::embedded().unwrap();
        assert_eq!(frameworks.len(), super::EMBEDDED.len());
        for (framework, index) in frameworks.iter().zip(super::EMBEDDED) {
            assert_eq!(framework.id, index.id);
            let schemes: Vec<&str> = framework.scheme_ids().collect();
            assert_eq!(schemes, index.schemes);
            let mut ids: Vec<&str> = Vec::new();
            for category in &framework.categories {
                ids.push(&category.id);
                ids.extend(category.walk().map(|(e, _)| e.id.as_str()));
            }
            assert_eq!(ids, index.ids);
        }
    }

    /// The walk and the model must agree: a file that loads has no structural problem.
    #[test]
    fn the_schema_walk_finds_nothing_in_files_that_load() {
        let files = [
            ("peer-worker.yaml", include_str!("../../framework/peer-worker.yaml")),
            ("agency.yaml", include_str!("../../framework/agency.yaml")),
            ("mini.yaml", include_str!("../../tests/cli/fixtures/mini.yaml")),
            ("mini.json", include_str!("../../tests/cli/fixtures/mini.json")),
        ];
        for (name, text) in files {
            assert!(super::parse(text, name, name.ends_with(".json")).is_ok(), "{name}");
            let found =
                crate::formats::located::structural_problems::<Framework>(text, name).unwrap();
            assert_eq!(found.problems, vec![], "{name}");
            assert!(found.made_up.is_empty(), "{name}: {:?}", found.made_up);
        }
    }
}
