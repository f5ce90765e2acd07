//! Loading frameworks: the embedded defaults and framework files (YAML or JSON, or directories of
//! them), checked before any query sees them.
//!
//! A file is read in bounded memory and parsed straight into the model (a JSON framework a
//! category at a time as it is read, never held whole); the semantic checks run on the model.
//! Only where something is wrong is the file read as a text and parsed again into a located tree,
//! so that every problem, not only the first, is reported with its line and column.

mod checks;
mod read;

use foldhash::HashSet;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::formats::case::read as case;
use crate::formats::ctdl::read as ctdl;
use crate::formats::sheet::read as sheet;
use crate::formats::{Issue, LoadError, Problem, ProblemKind, Reader, file_format, located};
use crate::model::{Alignment, Curriculum, Framework, Requirements, SharingTags, TextAt};

pub use checks::validate;
pub use read::{MAX_FILE_BYTES, max_file_bytes};

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
    let (frameworks, problems, _) = load_all(paths, embedded, false);
    if problems.is_empty() { Ok(frameworks) } else { Err(LoadError(problems)) }
}

/// Every problem of the files named, or of the embedded frameworks where none is named, and
/// how many files were checked.
pub fn check(paths: &[PathBuf]) -> (Vec<Problem>, usize) {
    let (_, problems, files) = load_all(paths, &|_| paths.is_empty(), true);
    (problems, files)
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

/// The frameworks that loaded, every problem, and how many files were read.
fn load_all(
    paths: &[PathBuf],
    embedded: &dyn Fn(&Embedded) -> bool,
    warn: bool,
) -> (Vec<Framework>, Vec<Problem>, usize) {
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
    let Loaded { frameworks, mut problems, aligned, .. } = loaded;
    let frameworks: Vec<Framework> = frameworks.into_iter().map(|(f, _)| f).collect();
    for (alignment, origin, text) in aligned {
        // The embedded frameworks it names, where the files checked do not hold them.
        let named = |e: &Embedded| {
            [&alignment.from.text, &alignment.to.text]
                .iter()
                .any(|id| *id == e.id && !frameworks.iter().any(|f| f.id == **id))
        };
        let embedded = load_some(&[], &named).unwrap_or_default();
        let with: Vec<&Framework> = frameworks.iter().chain(&embedded).collect();
        problems.extend(check_alignment(&alignment, &with, &origin, &text));
    }
    (frameworks, problems, files)
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
            && let Some(parse) = plan_parser(&text)
        {
            // `validate` checks a curriculum or requirements file as what it is.
            if let Err(LoadError(found)) = parse(&text, &source.origin) {
                self.problems.extend(found);
            }
        } else if file_kind(&text) == FileKind::Alignment {
            // An alignment is read beside the frameworks, by the commands that use it
            // ([`alignments`]); `validate` checks it against those loaded with it.
            if self.warn {
                match parse_alignment(&text, &source.origin) {
                    Ok(alignment) => self.aligned.push((alignment, source.origin, text.into())),
                    Err(LoadError(found)) => self.problems.extend(found),
                }
            }
        } else {
            self.framework_text(&text, source);
        }
    }

    /// A framework's text: peercomp's own, or a CASE package.
    fn framework_text(&mut self, text: &str, source: Input) {
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
        let text = match csv {
            true => read::text(path).map(Some),
            false => read::check_size(path).map(|()| None),
        };
        match text.map_err(|p| vec![p]).and_then(|t| sheet::framework(path, t.as_deref())) {
            Ok(framework) => self.built.push((framework, path.display().to_string())),
            Err(found) => self.problems.extend(found),
        }
    }

    /// The frameworks built from other formats, each checked as imported.
    fn add_built(&mut self) {
        for (framework, origin) in std::mem::take(&mut self.built) {
            let issues = checks::validate_imported(&framework);
            if !issues.is_empty() {
                self.problems.extend(
                    issues.iter().map(|i| {
                        Problem::new(&origin, i.kind, format!("{}: {}", i.path, i.message))
                    }),
                );
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

/// Checks a text, naming it in problems as the second argument says.
type CheckText = fn(&str, &str) -> Result<(), LoadError>;

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
    let first = text
        .lines()
        .map(|l| l.trim_start_matches('\u{feff}'))
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#') && l.trim() != "---");
    let Some(first) = first else { return FileKind::Framework };
    let key = first.trim_start_matches(['{', ' ', '\t']).trim_start_matches('"');
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
fn plan_parser(text: &str) -> Option<CheckText> {
    match file_kind(text) {
        FileKind::Curriculum => Some(|text, origin| parse_curriculum(text, origin).map(drop)),
        FileKind::Requirements => Some(|text, origin| parse_requirements(text, origin).map(drop)),
        FileKind::Framework | FileKind::Alignment => None,
    }
}

fn parse_source(text: &str, source: &Input) -> Result<Framework, Vec<Problem>> {
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
                // The model goes before the file is parsed again to place the issues.
                drop(framework);
                Err(located::place(text, origin, issues))
            }
        }
        // Parsing stops at the first problem; the located tree finds them all, and the checks
        // that need a model run on the document as repaired, so that one round says it all.
        // Where the tree cannot be built either (a syntax error), the parser's own error says it
        // best.
        Err(first) => Err(match located::structural_problems::<Framework>(text, origin) {
            Some(found) if !found.problems.is_empty() => {
                let mut all = found.problems;
                all.extend(semantic_problems(text, origin, found.repaired, &found.made_up));
                all
            }
            _ => vec![first],
        }),
    }
}

/// The semantic problems of a framework repaired to fit its schema, but for those about what
/// the repair made up (an empty text where the text was missing, say).
fn semantic_problems(
    text: &str,
    origin: &str,
    repaired: serde_json::Value,
    made_up: &[String],
) -> Vec<Problem> {
    let Ok(framework) = serde_json::from_value::<Framework>(repaired) else {
        return vec![];
    };
    let within = |path: &str, place: &str| {
        path.strip_prefix(place).is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
    };
    let issues: Vec<Issue> = checks::validate(&framework)
        .into_iter()
        .filter(|issue| {
            let path = issue.path.to_string();
            !made_up.iter().any(|place| within(&path, place))
        })
        .collect();
    // Placing the issues parses the file again: the model goes first, not to hold both.
    drop(framework);
    located::place(text, origin, issues)
}

/// Loads a curriculum mapping file. YAML and JSON are both read by the YAML reader (JSON is
/// YAML), which knows where each reference stands.
pub fn curriculum(path: &Path) -> Result<Curriculum, LoadError> {
    plan_file(path, "curriculum", parse_curriculum)
}

/// Parses and checks one curriculum text; `origin` names it in problems.
pub fn parse_curriculum(text: &str, origin: &str) -> Result<Curriculum, LoadError> {
    let needs = "empty file: a curriculum needs at least `curriculum` and `modules`";
    parse_plan(text, origin, needs, checks::validate_curriculum)
}

/// Loads a credential's requirements file (YAML or JSON, read by the YAML reader).
pub fn requirements(path: &Path) -> Result<Requirements, LoadError> {
    plan_file(path, "requirements", parse_requirements)
}

/// Parses and checks one requirements text; `origin` names it in problems.
pub fn parse_requirements(text: &str, origin: &str) -> Result<Requirements, LoadError> {
    let needs = "empty file: requirements need at least `credential`, `source` and `requirements`";
    parse_plan(text, origin, needs, checks::validate_requirements)
}

/// Parses one alignment text: its structure, every problem of it at once. Its links are
/// checked by [`check_alignment`]; `origin` names it in problems.
pub fn parse_alignment(text: &str, origin: &str) -> Result<Alignment, LoadError> {
    let needs = "empty file: an alignment needs at least `alignment`, `from`, `to` and `links`";
    parse_plan(text, origin, needs, |_| Vec::new())
}

/// The alignment files among `paths` (files, and the files of directories), each read and
/// checked against the frameworks loaded: every problem of every file, at once. An alignment of
/// an embedded framework that is not loaded is left out: not loaded, it is not asked for.
pub fn alignments(
    paths: &[PathBuf],
    frameworks: &[Framework],
) -> Result<Vec<Alignment>, LoadError> {
    let mut problems = Vec::new();
    let mut found = Vec::new();
    for path in paths {
        let files = match read::files(path) {
            Ok(files) => files,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        // Only alignment files are read whole (a framework file is known by its start).
        for file in files.into_iter().filter(|file| is_alignment_file(file)) {
            let origin = file.display().to_string();
            let text = match read::text(&file) {
                Ok(text) => text,
                Err(problem) => {
                    problems.push(problem);
                    continue;
                }
            };
            match parse_alignment(&text, &origin) {
                // An alignment of an embedded framework this command did not load is not for
                // this command (`validate` checks it with its frameworks).
                Ok(alignment)
                    if [&alignment.from.text, &alignment.to.text].iter().any(|id| {
                        !frameworks.iter().any(|f| f.id == **id)
                            && EMBEDDED.iter().any(|e| e.id == id.as_str())
                    }) => {}
                Ok(alignment) => {
                    let loaded: Vec<&Framework> = frameworks.iter().collect();
                    let wrong = check_alignment(&alignment, &loaded, &origin, &text);
                    if wrong.is_empty() {
                        found.push(alignment);
                    }
                    problems.extend(wrong);
                }
                Err(LoadError(more)) => problems.extend(more),
            }
        }
    }
    if problems.is_empty() { Ok(found) } else { Err(LoadError(problems)) }
}

/// Whether a file names an alignment (by its first key), read no further than it must be.
pub fn is_alignment_file(path: &Path) -> bool {
    use std::io::Read;
    let mut start = String::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(64 * 1024).read_to_string(&mut start))
        .is_ok_and(|_| file_kind(&start) == FileKind::Alignment)
}

/// The problems of an alignment's links, each at its place in the file (`text`): a link given
/// twice or an empty id; and against the frameworks, its two frameworks not loaded, or a link's
/// entry not in them.
pub fn check_alignment(
    alignment: &Alignment,
    frameworks: &[&Framework],
    origin: &str,
    text: &str,
) -> Vec<Problem> {
    let at = |placed: &TextAt, message: String| {
        Problem::new(origin, ProblemKind::UnknownReference, message)
            .at(placed.line.zip(placed.column))
    };
    let mut problems = located::place(text, origin, checks::validate_alignment(alignment));
    let loaded = || frameworks.iter().map(|f| f.id.as_str()).collect::<Vec<_>>().join(", ");
    let find = |placed: &TextAt, problems: &mut Vec<Problem>| {
        let found = frameworks.iter().find(|f| f.id == placed.text);
        if found.is_none() {
            let message = format!(
                "framework '{}' is not loaded (loaded: {}): load it with --data, or --with-embedded for peer-worker and agency",
                placed.text,
                loaded()
            );
            problems.push(at(placed, message));
        }
        found.map(|f| f.entries().map(|(e, _)| e.id.as_str()).collect::<HashSet<&str>>())
    };
    let from = find(&alignment.from, &mut problems);
    let to = find(&alignment.to, &mut problems);
    for link in &alignment.links {
        for (placed, ids, side) in
            [(&link.from, &from, &alignment.from), (&link.to, &to, &alignment.to)]
        {
            if let Some(ids) = ids
                && !ids.contains(placed.text.as_str())
            {
                let message = format!("no entry '{}' in {}", placed.text, side.text);
                problems.push(at(placed, message));
            }
        }
    }
    in_file_order(problems)
}

/// Reads a file of one of the kinds that plan a training (a curriculum, requirements).
fn plan_file<T>(
    path: &Path,
    kind: &str,
    parse: fn(&str, &str) -> Result<T, LoadError>,
) -> Result<T, LoadError> {
    let origin = path.display().to_string();
    let one = |problem: Problem| LoadError(vec![problem]);
    if crate::formats::file_format(path).is_none() {
        return Err(one(Problem::new(
            &origin,
            ProblemKind::Format,
            format!("not a {kind} file: expected a name ending in .yaml, .yml or .json"),
        )));
    }
    let text = read::text(path).map_err(one)?;
    parse(&text, &origin)
}

/// Parses a text of a file kind with the YAML reader, which places every problem: those of
/// its structure against the kind's schema, all at once, then those `validate` finds.
fn parse_plan<T: serde::de::DeserializeOwned + schemars::JsonSchema>(
    text: &str,
    origin: &str,
    empty: &str,
    validate: fn(&T) -> Vec<Issue>,
) -> Result<T, LoadError> {
    if text.trim().is_empty() {
        return Err(LoadError(vec![Problem::new(origin, ProblemKind::Empty, empty)]));
    }
    let value = serde_saphyr::from_str_with_options::<T>(text, located::options(text.len()))
        .map_err(|e| {
            let first = located::saphyr_problem(origin, &e);
            LoadError(match located::structural_problems::<T>(text, origin) {
                Some(found) if !found.problems.is_empty() => in_file_order(found.problems),
                _ => vec![first],
            })
        })?;
    let issues = validate(&value);
    if issues.is_empty() {
        Ok(value)
    } else {
        Err(LoadError(in_file_order(located::place(text, origin, issues))))
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
