//! A framework text parsed and checked, every problem placed in the file.

use super::*;

pub(super) fn parse_source(text: &str, source: &Input) -> Result<Framework, Vec<Problem>> {
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

/// A draft of a framework, as `diff` reads one: its numbering may skip (an entry deleted, the
/// rest not yet renumbered), said in the warnings returned beside it; any other problem stops
/// it as [`parse`] does. A CASE package or a file with a problem of structure is [`parse`]d.
pub fn parse_draft(
    text: &str,
    origin: &str,
    is_json: bool,
) -> Result<(Framework, Vec<Problem>), Vec<Problem>> {
    let parsed = match is_json && case::is_case(text) {
        true => None,
        false if is_json => serde_json::from_str::<Framework>(text).ok(),
        false => {
            serde_saphyr::from_str_with_options::<Framework>(text, located::options(text.len()))
                .ok()
        }
    };
    let Some(framework) = parsed else {
        return parse(text, origin, is_json).map(|f| (f, Vec::new()));
    };
    let (gaps, issues): (Vec<Issue>, Vec<Issue>) =
        checks::validate(&framework).into_iter().partition(|i| i.kind == ProblemKind::Numbering);
    if !issues.is_empty() {
        return Err(in_file_order(located::place(text, origin, issues)));
    }
    let warnings = match gaps.is_empty() {
        true => Vec::new(),
        false => in_file_order(located::place(text, origin, gaps)),
    };
    Ok((framework, warnings))
}

/// A file's problems by line and column.
pub(super) fn in_file_order(mut problems: Vec<Problem>) -> Vec<Problem> {
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
    repaired: Vec<u8>,
    made_up: &[String],
) -> Vec<Problem> {
    let Ok(framework) = serde_json::from_slice::<Framework>(&repaired) else {
        return vec![];
    };
    drop(repaired);
    // Whether a path is a place made up, or within one: each of its prefixes that ends where a
    // step does is looked up once (it was every place for every issue: 40,000 missing texts
    // took 8.8 s).
    let made_up: foldhash::HashSet<&str> = made_up.iter().map(String::as_str).collect();
    let within_made_up = |path: &str| {
        let ends = path.match_indices(['.', '[']).map(|(i, _)| i).chain([path.len()]);
        ends.into_iter().any(|end| made_up.contains(&path[..end]))
    };
    let issues: Vec<Issue> = checks::validate(&framework)
        .into_iter()
        .filter(|issue| !within_made_up(&issue.path.to_string()))
        .collect();
    // Placing the issues parses the file again: the model goes first, not to hold both.
    drop(framework);
    located::place(text, origin, issues)
}

/// A framework from a spreadsheet's bytes: a CSV file's where `csv`, else an XLSX workbook's,
/// within the limits a file named on the command line has (the fuzz target `sheet`).
pub fn parse_sheet(bytes: &[u8], csv: bool) -> Result<Framework, Vec<Problem>> {
    use crate::formats::sheet::read::{SheetFile, framework};
    let origin = if csv { "sheet.csv" } else { "sheet.xlsx" };
    let file = match std::str::from_utf8(bytes) {
        Ok(text) if csv => SheetFile::Csv(text),
        Err(_) if csv => {
            return Err(vec![Problem::new(origin, ProblemKind::NotUtf8, "not UTF-8 text")]);
        }
        _ => SheetFile::Workbook { bytes, inflated: super::read::MAX_FILE_BYTES },
    };
    framework(std::path::Path::new(origin), file)
}

/// The frameworks of a CTDL-ASN JSON-LD text, with the problems of the rest (the fuzz target
/// `ctdl`).
pub fn parse_ctdl(text: &str) -> (Vec<Framework>, Vec<Problem>) {
    use crate::formats::ctdl::read as ctdl;
    match ctdl::graph(text.to_owned(), "graph.json") {
        Ok(graph) => {
            let (built, problems) = ctdl::frameworks(&[graph]);
            (built.into_iter().map(|(f, _)| f).collect(), problems)
        }
        Err(problem) => (vec![], vec![problem]),
    }
}
