//! The files beside the frameworks: curricula, credentials' requirements and reviewed alignments,
//! each read, checked, and (for an alignment) checked against the frameworks it links.

use std::path::Path;

use foldhash::HashSet;

use super::*;

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
        // A FIFO or a device is read once, by the loading; never opened again here.
        let regular = |file: &PathBuf| std::fs::metadata(file).is_ok_and(|m| m.is_file());
        for file in files.into_iter().filter(|file| regular(file) && is_alignment_file(file)) {
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
                // this command (loading checked it, with the frameworks it names).
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
    let loaded = || match frameworks.is_empty() {
        true => "none".to_owned(),
        false => frameworks.iter().map(|f| f.id.as_str()).collect::<Vec<_>>().join(", "),
    };
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

/// A curriculum or a credential's requirements, as `validate` reads it.
pub enum Plan {
    /// A curriculum mapping file.
    Curriculum(Curriculum),
    /// A credential's requirements file.
    Requirements(Requirements),
}
