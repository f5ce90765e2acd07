//! What a framework that parsed may still get wrong: ids used twice, tags its schemes do not
//! define, gaps in numbering, empty texts. Each issue names the path of the node it is about.

use std::collections::{HashMap, HashSet};
use std::fmt;

use super::ProblemKind;
use crate::model::{Curriculum, Entry, Framework, MAX_SUBITEM_DEPTH, TagRef};

/// One step of a path into a framework file: a field or a list position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(&'static str),
    Index(usize),
}

impl From<&'static str> for Seg {
    fn from(key: &'static str) -> Self {
        Seg::Key(key)
    }
}

/// A path such as `categories[5].entries[7].tags[0].tag`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldPath(pub Vec<Seg>);

impl FieldPath {
    pub(crate) fn then(&self, seg: impl Into<Seg>) -> FieldPath {
        let mut path = self.clone();
        path.0.push(seg.into());
        path
    }
}

impl From<usize> for Seg {
    fn from(index: usize) -> Self {
        Seg::Index(index)
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(key) if i == 0 => write!(f, "{key}")?,
                Seg::Key(key) => write!(f, ".{key}")?,
                Seg::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// A problem of a framework that parsed, at a path; `first` is where a duplicate first stood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub path: FieldPath,
    pub kind: ProblemKind,
    pub message: String,
    pub first: Option<FieldPath>,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every issue of a framework, in file order within each kind of check.
pub fn validate(framework: &Framework) -> Vec<Issue> {
    validate_with(framework, true)
}

/// The issues of a framework read from another format (CASE), whose ids need not follow
/// peercomp's numbering.
pub fn validate_imported(framework: &Framework) -> Vec<Issue> {
    validate_with(framework, false)
}

fn validate_with(framework: &Framework, numbered: bool) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut push = |path: FieldPath, kind, message: String, first: Option<FieldPath>| {
        issues.push(Issue { path, kind, message, first });
    };

    let mut schemes: HashMap<&str, FieldPath> = HashMap::new();
    for (i, scheme) in framework.schemes.iter().enumerate() {
        let path = FieldPath::default().then("schemes").then(i);
        if let Some(first) = schemes.insert(&scheme.id, path.then("id")) {
            let message = format!("scheme '{}' is defined twice", scheme.id);
            push(path.then("id"), ProblemKind::DuplicateId, message, Some(first));
        }
        let mut codes: HashMap<&str, FieldPath> = HashMap::new();
        for (j, code) in scheme.codes.iter().enumerate() {
            let at = path.then("codes").then(j).then("code");
            if let Some(first) = codes.insert(&code.code, at.clone()) {
                let message =
                    format!("code '{}' of scheme '{}' is defined twice", code.code, scheme.id);
                push(at, ProblemKind::DuplicateId, message, Some(first));
            }
        }
    }

    // One path, extended and cut back during the walk; a copy is made only for a problem.
    let mut seen: HashSet<&str> = HashSet::new();
    let mut here = FieldPath::default();
    for (i, category) in framework.categories.iter().enumerate() {
        here.0.extend([Seg::Key("categories"), Seg::Index(i)]);
        check_id(framework, &category.id, &here, &mut seen, &mut push);
        here.0.push(Seg::Key("entries"));
        if numbered {
            numbering(&category.id, &category.entries, &here, "item", &mut push);
        }
        let list = &category.entries;
        entries(framework, list, 0, &mut here, &mut seen, numbered, &mut push);
        here.0.truncate(here.0.len() - 3);
    }
    issues
}

type Push<'p> = dyn FnMut(FieldPath, ProblemKind, String, Option<FieldPath>) + 'p;

/// The entries of a list at `depth` (0 for a category's items), and their sub-items: recursive,
/// but never deeper than MAX_SUBITEM_DEPTH, where it stops with a problem.
fn entries<'a>(
    framework: &'a Framework,
    list: &'a [Entry],
    depth: usize,
    here: &mut FieldPath,
    seen: &mut HashSet<&'a str>,
    numbered: bool,
    push: &mut Push<'_>,
) {
    for (j, entry) in list.iter().enumerate() {
        here.0.push(Seg::Index(j));
        check_id(framework, &entry.id, here, seen, push);
        if entry.text.trim().is_empty() {
            let message = format!("entry '{}' has an empty text", entry.id);
            push(here.then("text"), ProblemKind::EmptyText, message, None);
        }
        for (k, tag) in entry.tags.iter().enumerate() {
            if let Some(message) = undefined_tag(framework, &tag.tag) {
                push(here.then("tags").then(k).then("tag"), ProblemKind::UnknownTag, message, None);
            }
        }
        if !entry.subitems.is_empty() && depth == MAX_SUBITEM_DEPTH {
            let message = format!(
                "entry '{}' has sub-items {} levels deep: peercomp reads at most {MAX_SUBITEM_DEPTH}",
                entry.id,
                depth + 1
            );
            push(here.then("subitems"), ProblemKind::Hierarchy, message, None);
        } else if !entry.subitems.is_empty() {
            here.0.push(Seg::Key("subitems"));
            if numbered {
                numbering(&entry.id, &entry.subitems, here, "sub-item", push);
            }
            entries(framework, &entry.subitems, depth + 1, here, seen, numbered, push);
            here.0.pop();
        }
        here.0.pop();
    }
}

/// A category's or entry's id, at `here`: not empty, and not used before.
fn check_id<'a>(
    framework: &'a Framework,
    id: &'a str,
    here: &FieldPath,
    seen: &mut HashSet<&'a str>,
    push: &mut Push<'_>,
) {
    if id.trim().is_empty() {
        push(here.then("id"), ProblemKind::EmptyText, "empty id".to_owned(), None);
    } else if !seen.insert(id) {
        let first = first_place_of(framework, id);
        push(here.then("id"), ProblemKind::DuplicateId, format!("id '{id}' is used twice"), first);
    }
}

/// Where an id first stands; walked again only when it turns out to be used twice.
fn first_place_of(framework: &Framework, id: &str) -> Option<FieldPath> {
    fn within(list: &[Entry], id: &str, here: &FieldPath) -> Option<FieldPath> {
        list.iter().enumerate().find_map(|(j, entry)| {
            let at = here.then(j);
            if entry.id == id {
                Some(at.then("id"))
            } else {
                within(&entry.subitems, id, &at.then("subitems"))
            }
        })
    }
    framework.categories.iter().enumerate().find_map(|(i, category)| {
        let at = FieldPath::default().then("categories").then(i);
        if category.id == id {
            Some(at.then("id"))
        } else {
            within(&category.entries, id, &at.then("entries"))
        }
    })
}

/// Children numbered `<parent>.1`, `<parent>.2`, ... must run without gaps or repeats. Children
/// whose ids do not have that form (a file's own scheme) are not checked.
fn numbering(parent: &str, children: &[Entry], path: &FieldPath, what: &str, push: &mut Push<'_>) {
    let prefix = format!("{parent}.");
    let mut expected = 1u64;
    for (j, child) in children.iter().enumerate() {
        let Some(number) = child.id.strip_prefix(&prefix).and_then(|n| n.parse::<u64>().ok())
        else {
            continue;
        };
        if number != expected {
            let how = if number > expected { "skips" } else { "repeats" };
            let message =
                format!("{what} numbering {how}: expected {prefix}{expected}, found {}", child.id);
            push(path.then(j).then("id"), ProblemKind::Numbering, message, None);
        }
        // After a gap, count on from the number found; after a repeat, keep the count.
        expected = expected.max(number.saturating_add(1));
    }
}

/// Why a tag is not one the framework defines, or None where it is.
fn undefined_tag(framework: &Framework, tag: &TagRef) -> Option<String> {
    let known = || {
        let all: Vec<String> =
            framework.schemes.iter().flat_map(|s| s.tags()).map(|t| t.to_string()).collect();
        if all.is_empty() {
            "none: the framework defines no schemes".to_owned()
        } else {
            all.join(", ")
        }
    };
    let Some(scheme) = framework.scheme(&tag.scheme) else {
        return Some(format!("unknown tag '{tag}' (known: {})", known()));
    };
    match &tag.code {
        Some(code) if scheme.code(code).is_none() => {
            Some(format!("unknown tag '{tag}' (known: {})", known()))
        }
        None if !scheme.codes.is_empty() => Some(format!(
            "tag '{tag}' names no code (the scheme's codes are {})",
            scheme.tags().iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
        )),
        _ => None,
    }
}

/// What a curriculum that parsed may still get wrong: a module id used twice, negative hours.
pub fn validate_curriculum(curriculum: &Curriculum) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut ids: HashMap<&str, FieldPath> = HashMap::new();
    for (i, module) in curriculum.modules.iter().enumerate() {
        let at = FieldPath::default().then("modules").then(i);
        if let Some(first) = ids.insert(&module.id, at.then("id")) {
            issues.push(Issue {
                path: at.then("id"),
                kind: ProblemKind::DuplicateId,
                message: format!("module '{}' is defined twice", module.id),
                first: Some(first),
            });
        }
        if module.hours.is_some_and(|h| !(h >= 0.0 && h.is_finite())) {
            issues.push(Issue {
                path: at.then("hours"),
                kind: ProblemKind::WrongType,
                message: format!("module '{}': hours must be a number of 0 or more", module.id),
                first: None,
            });
        }
    }
    issues
}
