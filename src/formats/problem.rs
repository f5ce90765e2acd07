//! What is wrong with a file, and where: the problems every reader reports, and the issues of a
//! model found by walking it (a path of fields, placed in the file's text later).

use std::fmt;

use serde::Serialize;

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
            ProblemKind::ControlCharacter => "control-character",
            ProblemKind::Hierarchy => "hierarchy",
        }
    }
}

impl ProblemKind {
    /// A warning: reported by `validate`, but the file loads and every command uses it.
    pub fn is_warning(self) -> bool {
        self == ProblemKind::ControlCharacter
    }
}

/// What kind of problem a file has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(into = "&'static str")]
pub enum ProblemKind {
    /// The file cannot be read: missing, a directory with no frameworks, no permission.
    Read,
    /// The name does not end in .yaml, .yml or .json.
    Format,
    /// Larger than the size limit.
    TooLarge,
    /// Not UTF-8 text.
    NotUtf8,
    /// Empty, or only white space.
    Empty,
    /// Not well-formed YAML or JSON, or beyond the parser's limits (depth, aliases).
    Syntax,
    /// A field the format does not have.
    UnknownField,
    /// A required field left out.
    MissingField,
    /// A value of the wrong type or form: a list where text belongs, a malformed tag.
    WrongType,
    /// An id (of a category, an entry, a scheme, a code, a module) used twice.
    DuplicateId,
    /// A tag that the file's schemes do not define.
    UnknownTag,
    /// A gap or a repeat in numbered ids (6.9.1, 6.9.2, ...).
    Numbering,
    /// An empty text or id.
    EmptyText,
    /// Two files hold frameworks with one id.
    FrameworkTwice,
    /// A curriculum's reference (id, pattern, tag) that matches nothing.
    UnknownReference,
    /// A text holding a control character: a warning, which `validate` reports and which
    /// stops nothing.
    ControlCharacter,
    /// A hierarchy that cannot be read: an item its own parent, a parent that does not exist, a
    /// cycle, nesting deeper than peercomp reads.
    Hierarchy,
}

impl From<ProblemKind> for &'static str {
    fn from(kind: ProblemKind) -> Self {
        kind.as_str()
    }
}

/// One problem in one file: where, and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file, as named on the command line (or the embedded framework's file).
    pub file: String,
    /// The line, from 1, where known.
    pub line: Option<u64>,
    /// The column, from 1, where known.
    pub column: Option<u64>,
    /// What kind of problem.
    pub kind: ProblemKind,
    /// What is wrong, and what would be right.
    pub message: String,
    /// How many problems it stands for: one, or, for the line that counts the problems of a
    /// kind past those a file lists (its first 10,000 of structure), their number. Summaries
    /// add these up; the line's message says the number, and JSON has no field for it.
    #[serde(skip)]
    pub stands_for: usize,
}

impl Problem {
    pub(crate) fn new(file: &str, kind: ProblemKind, message: impl Into<String>) -> Self {
        let file = file.to_owned();
        Problem { file, line: None, column: None, kind, message: message.into(), stands_for: 1 }
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
