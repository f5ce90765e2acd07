//! Loading frameworks: the embedded defaults and framework files (YAML or JSON), checked before
//! any query sees them.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::{Framework, TagRef};

/// The frameworks built into the binary: (file name, YAML text).
pub const EMBEDDED: &[(&str, &str)] = &[
    ("framework/peer-worker.yaml", include_str!("../framework/peer-worker.yaml")),
    ("framework/agency.yaml", include_str!("../framework/agency.yaml")),
];

/// Why a framework could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: cannot read: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{}: not a framework file: expected a name ending in .yaml, .yml or .json", path.display())]
    UnknownFormat { path: PathBuf },
    #[error("{}: not UTF-8 text (invalid byte at offset {offset})", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{origin}{}: {message}", at.map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default())]
    Syntax { origin: String, at: Option<(u64, u64)>, message: String },
    #[error("{origin}: {} problem{}:\n{}", problems.len(), if problems.len() == 1 { "" } else { "s" }, list(problems))]
    Invalid { origin: String, problems: Vec<Problem> },
}

fn list(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n")
}

/// One thing wrong with a framework that parsed: where (an id) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The category, entry or scheme the problem is in.
    pub at: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// Parses and checks the embedded frameworks.
pub fn embedded() -> Result<Vec<Framework>, LoadError> {
    EMBEDDED.iter().map(|(name, text)| from_yaml_str(text, name)).collect()
}

/// Loads one framework file; its format is told by its name.
pub fn from_path(path: &Path) -> Result<Framework, LoadError> {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let is_json = match ext.as_deref() {
        Some("yaml" | "yml") => false,
        Some("json") => true,
        _ => return Err(LoadError::UnknownFormat { path: path.to_owned() }),
    };
    let bytes =
        std::fs::read(path).map_err(|source| LoadError::Read { path: path.to_owned(), source })?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|e| LoadError::NotUtf8 { path: path.to_owned(), offset: e.valid_up_to() })?;
    let origin = path.display().to_string();
    if is_json { from_json_str(text, &origin) } else { from_yaml_str(text, &origin) }
}

/// Parses and checks a YAML framework; `origin` names it in errors.
pub fn from_yaml_str(text: &str, origin: &str) -> Result<Framework, LoadError> {
    let framework: Framework = serde_saphyr::from_str(text).map_err(|e| {
        let at = e.location().map(|l| (l.line(), l.column()));
        let message = e.without_snippet().to_string();
        // The location leads our message (file:line:column), so drop serde-saphyr's copy.
        let message = match at {
            Some((line, column)) => message
                .strip_suffix(&format!(" at line {line}, column {column}"))
                .map_or(message.clone(), str::to_owned),
            None => message,
        };
        LoadError::Syntax { origin: origin.to_owned(), at, message }
    })?;
    checked(framework, origin)
}

/// Parses and checks a JSON framework; `origin` names it in errors.
pub fn from_json_str(text: &str, origin: &str) -> Result<Framework, LoadError> {
    let framework: Framework = serde_json::from_str(text).map_err(|e| LoadError::Syntax {
        origin: origin.to_owned(),
        at: Some((e.line() as u64, e.column() as u64)),
        message: e.to_string(),
    })?;
    checked(framework, origin)
}

fn checked(framework: Framework, origin: &str) -> Result<Framework, LoadError> {
    let problems = validate(&framework);
    if problems.is_empty() {
        Ok(framework)
    } else {
        Err(LoadError::Invalid { origin: origin.to_owned(), problems })
    }
}

/// Every problem in a framework that parsed: duplicate ids, tags that its schemes do not
/// define, empty texts.
pub fn validate(framework: &Framework) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for scheme in &framework.schemes {
        if !seen.insert(&scheme.id) {
            problems
                .push(Problem { at: scheme.id.clone(), message: "scheme id defined twice".into() });
        }
    }
    seen.clear();
    for category in &framework.categories {
        if !seen.insert(&category.id) {
            problems.push(Problem { at: category.id.clone(), message: "id used twice".into() });
        }
        for (entry, _) in category.walk() {
            if !seen.insert(&entry.id) {
                problems.push(Problem { at: entry.id.clone(), message: "id used twice".into() });
            }
            if entry.text.trim().is_empty() {
                problems.push(Problem { at: entry.id.clone(), message: "empty text".into() });
            }
            for tag in &entry.tags {
                if let Some(message) = undefined_tag(framework, &tag.tag) {
                    problems.push(Problem { at: entry.id.clone(), message });
                }
            }
        }
    }
    problems
}

/// Why a tag is not one the framework defines, or None where it is.
fn undefined_tag(framework: &Framework, tag: &TagRef) -> Option<String> {
    let known = || {
        framework.schemes.iter().flat_map(|s| s.tags()).map(|t| t.to_string()).collect::<Vec<_>>()
    };
    let Some(scheme) = framework.scheme(&tag.scheme) else {
        return Some(format!("unknown tag '{tag}' (known: {})", known().join(", ")));
    };
    match &tag.code {
        Some(code) if scheme.code(code).is_none() => {
            Some(format!("unknown tag '{tag}' (known: {})", known().join(", ")))
        }
        None if !scheme.codes.is_empty() => Some(format!(
            "tag '{tag}' names no code (the scheme's codes are {})",
            scheme.tags().iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
        )),
        _ => None,
    }
}
