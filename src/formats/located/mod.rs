//! The slow path, taken only where a file has a problem: the text parsed into a tree whose
//! every node knows its line and column, checked against the framework's JSON Schema so that
//! every structural problem is found, and used to place the semantic ones.

use serde_json::Value;

use super::{Issue, Problem, ProblemKind, Seg};
use crate::model::TagRef;
use tree::{Id, Kind, Tree};

mod tree;

/// serde-saphyr's limits, fitted to the shape of a framework: one document, nesting no deeper
/// than sub-items need, few aliases, and no more nodes than the text could hold without them.
pub(crate) fn options(text_len: usize) -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_documents = 1;
    budget.max_depth = 32;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_nodes = text_len.max(10_000);
    budget.max_events = text_len.max(10_000).saturating_mul(2);
    // Aliases may repeat a text: room for that, bounded all the same.
    budget.max_total_scalar_bytes = text_len.saturating_add(16 * 1024 * 1024);
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    // `.inf`, `.nan` or `1e400` where text is wanted is text; rejecting them stopped the located
    // tree, and with it every problem's place but the first.
    options.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::AsString;
    options.alias_limits.max_total_replayed_events = 100_000;
    options
}

/// A serde-saphyr error as a problem at its location.
pub(crate) fn saphyr_problem(origin: &str, e: &serde_saphyr::Error) -> Problem {
    let at = e.location().map(|l| (l.line(), l.column()));
    let message = e.without_snippet().to_string();
    // The location leads the problem (file:line:column), so drop serde-saphyr's copy.
    let message = match at {
        Some((line, column)) => message
            .strip_suffix(&format!(" at line {line}, column {column}"))
            .map_or(message.clone(), str::to_owned),
        None => message,
    };
    let kind = if message.starts_with("unknown field") {
        ProblemKind::UnknownField
    } else if message.starts_with("missing field") {
        ProblemKind::MissingField
    } else {
        ProblemKind::Syntax
    };
    Problem::new(origin, kind, message).at(at)
}

/// A serde_json error as a syntax problem at its location.
pub(crate) fn json_problem(origin: &str, e: &serde_json::Error) -> Problem {
    let at = (e.line() > 0).then(|| (e.line() as u64, e.column() as u64));
    // The location leads the problem, so drop serde_json's copy of it.
    let message = e.to_string();
    let message = message
        .strip_suffix(&format!(" at line {} column {}", e.line(), e.column()))
        .map_or(message.clone(), str::to_owned);
    Problem::new(origin, ProblemKind::Syntax, message).at(at)
}

/// The located tree of `text`. Its mappings keep every key as written, repeated ones and merge
/// keys (`<<`) too, which the walk reports and merges: serde-saphyr finds repeats by keeping
/// every key of a mapping seen, 200 bytes each (a mapping of a million keys took 204 MB).
fn tree(text: &str) -> Option<Tree> {
    let mut options = options(text.len());
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
    options.merge_keys = serde_saphyr::MergeKeyPolicy::AsOrdinary;
    Tree::read(text, options).ok()
}

fn find(tree: &Tree, path: &[Seg]) -> Option<Id> {
    let mut node = 0;
    for seg in path {
        node = match seg {
            Seg::Key(key) => tree.field(node, key)?,
            Seg::Index(i) => *tree.items(node).get(*i)? as Id,
        };
    }
    Some(node)
}

/// Where the node at `path` stands in `text`.
pub(crate) fn locate_in(text: &str, path: &[Seg]) -> Option<(u64, u64)> {
    let tree = tree(text)?;
    find(&tree, path).and_then(|node| tree.location(node))
}

/// Semantic issues as problems at their lines and columns. A JSON text is scanned once for the
/// places asked for ([`super::json_places`]); another, or one that scan cannot read, is parsed
/// into the located tree.
pub(crate) fn place(text: &str, origin: &str, issues: Vec<Issue>) -> Vec<Problem> {
    if issues.is_empty() {
        return vec![];
    }
    let json = text.trim_start().starts_with(['{', '[']).then(|| {
        let wanted: Vec<&[Seg]> = issues
            .iter()
            .flat_map(|i| std::iter::once(&i.path).chain(&i.first))
            .map(|p| p.0.as_slice())
            .collect();
        super::json_places::places(text, &wanted)
    });
    let (scanned, root) = match json.flatten() {
        Some(found) => (Some(found), None),
        None => (None, tree(text)),
    };
    let at = |path: &[Seg]| match &scanned {
        Some(found) => found.get(&super::json_places::key_of(path)).copied(),
        None => root.as_ref().and_then(|r| find(r, path).and_then(|node| r.location(node))),
    };
    issues
        .into_iter()
        .map(|issue| {
            let mut message = issue.message;
            match (&issue.first, issue.first.as_ref().and_then(|f| at(&f.0))) {
                (_, Some((line, column))) => {
                    message.push_str(&format!(" (first at {line}:{column})"))
                }
                (Some(first), None) => message.push_str(&format!(" (first at {first})")),
                _ => {}
            }
            let location = at(&issue.path.0);
            if location.is_none() {
                message = format!("{}: {message}", issue.path);
            }
            Problem::new(origin, issue.kind, message).at(location)
        })
        .collect()
}

/// The structural problems of a file that are listed; past them, each kind's are counted.
pub(crate) const LISTED: usize = 10_000;

/// What the schema walk finds: every structural problem, and the document repaired so that it
/// fits the schema (unknown fields dropped, values of the wrong type and missing fields given
/// defaults), with the places of what was repaired, so that the semantic checks can run on it
/// and report what they find outside those places, in the same round.
pub(crate) struct Structure {
    /// The first [`LISTED`] problems, then a count of each kind's others.
    pub problems: Vec<Problem>,
    /// The repaired document, as JSON text: about the size of the file, where a
    /// `serde_json::Value` took 630 bytes a mapping.
    pub repaired: Vec<u8>,
    /// Paths (`categories[0].entries[2].text`) of what was made up or is not certain.
    pub made_up: Vec<String>,
}

/// Every unknown field, missing field and value of the wrong type, found by walking the text
/// against the JSON Schema of `T` (a framework, a curriculum); None where the text cannot be
/// parsed at all.
pub(crate) fn structural_problems<T: schemars::JsonSchema>(
    text: &str,
    origin: &str,
) -> Option<Structure> {
    let tree = tree(text)?;
    let schema = serde_json::to_value(schemars::schema_for!(T)).ok()?;
    let mut walk = SchemaWalk {
        origin,
        tree: &tree,
        defs: &schema["$defs"],
        problems: Vec::new(),
        unlisted: Vec::new(),
        here: Vec::new(),
        made_up: Vec::new(),
        out: Vec::with_capacity(text.len()),
        discard: false,
        listed: Default::default(),
    };
    walk.check(0, &schema);
    let mut problems = walk.problems;
    for (kind, count, at) in walk.unlisted {
        let message = format!(
            "{count} more problems of the kind {}, from here on, are not listed: peercomp \
             lists the first {LISTED} problems of a file's structure",
            kind.as_str()
        );
        problems.push(Problem { stands_for: count, ..Problem::new(origin, kind, message).at(at) });
    }
    Some(Structure { problems, repaired: walk.out, made_up: walk.made_up })
}

/// The problems of a kind past the first [`LISTED`]: how many, and where the first was.
type Unlisted = (ProblemKind, usize, Option<(u64, u64)>);

/// Fields of free text that the semantic checks never read (`checks::validate`): the repaired
/// document holds them empty.
const UNREAD: [&str; 3] = ["notes", "description", "citation"];

/// A walk of a located tree against a JSON Schema, gathering every problem on the way and
/// writing the repaired document. Its recursion follows the tree, which the YAML reader's
/// budget keeps at most 32 deep.
struct SchemaWalk<'a> {
    origin: &'a str,
    tree: &'a Tree,
    defs: &'a Value,
    problems: Vec<Problem>,
    /// The problems past the first [`LISTED`], counted by kind.
    unlisted: Vec<Unlisted>,
    /// Where the walk is: `categories`, `[0]`, ...
    here: Vec<String>,
    made_up: Vec<String>,
    /// The repaired document, as JSON text.
    out: Vec<u8>,
    /// Within a field left out of the repaired document: values are checked, not written.
    discard: bool,
    /// Where the fields a kind of mapping expects (its schema) were first listed.
    listed: foldhash::HashMap<*const Value, (u64, u64)>,
}

impl<'a> SchemaWalk<'a> {
    /// A problem at `node`, its message made only where it is listed.
    fn problem(&mut self, node: Id, kind: ProblemKind, message: impl FnOnce(&mut Self) -> String) {
        if self.problems.len() < LISTED {
            let message = message(self);
            let problem = Problem::new(self.origin, kind, message);
            self.problems.push(problem.at(self.tree.location(node)));
            return;
        }
        match self.unlisted.iter_mut().find(|(k, ..)| *k == kind) {
            Some((_, count, _)) => *count += 1,
            None => self.unlisted.push((kind, 1, self.tree.location(node))),
        }
    }

    /// The path of the walk, as checks::FieldPath prints it.
    fn path(&self) -> String {
        let mut path = String::new();
        for seg in &self.here {
            if !path.is_empty() && !seg.starts_with('[') {
                path.push('.');
            }
            path.push_str(seg);
        }
        path
    }

    /// Writes JSON to the repaired document, unless the walk is within a field left out.
    fn write(&mut self, json: &[u8]) {
        if !self.discard {
            self.out.extend_from_slice(json);
        }
    }

    /// Writes a value to the repaired document.
    fn write_value<V: serde::Serialize + ?Sized>(&mut self, value: &V) {
        if !self.discard {
            // Writing JSON into a Vec cannot fail: a map's keys here are texts.
            let _ = serde_json::to_writer(&mut self.out, value);
        }
    }

    /// Writes a field's name (after a comma, but for a mapping's first) and its colon, and
    /// notes it as `written` at `at`.
    fn write_key(&mut self, written: &mut Vec<(&'a str, Id)>, name: &'a str, at: Id) {
        if !written.is_empty() {
            self.write(b",");
        }
        self.write_value(name);
        self.write(b":");
        written.push((name, at));
    }

    /// Writes a value that fits `schema`, made up where the file has none that does.
    fn made_up(&mut self, schema: &'a Value) {
        self.made_up.push(self.path());
        let value = self.default_for(schema);
        self.write_value(&value);
    }

    fn default_for(&self, schema: &'a Value) -> Value {
        let (schema, name) = self.resolve(schema);
        if name == Some("TagRef") {
            return Value::from("made-up");
        }
        if schema["anyOf"].is_array() {
            return Value::Null;
        }
        let first_type = match &schema["type"] {
            Value::String(t) => t.as_str(),
            Value::Array(ts) => {
                ts.iter().filter_map(Value::as_str).find(|t| *t != "null").unwrap_or("null")
            }
            _ => "null",
        };
        match first_type {
            "string" => Value::from(""),
            "array" => Value::Array(vec![]),
            "integer" | "number" => Value::from(0),
            "boolean" => Value::Bool(false),
            "object" => {
                let required = schema["required"].as_array().into_iter().flatten();
                let fields = required
                    .filter_map(Value::as_str)
                    .map(|name| (name.to_owned(), self.default_for(&schema["properties"][name])))
                    .collect();
                Value::Object(fields)
            }
            _ => Value::Null,
        }
    }

    /// A schema through its `$ref`, and the name of the definition it names.
    fn resolve(&self, schema: &'a Value) -> (&'a Value, Option<&'a str>) {
        match schema["$ref"].as_str() {
            Some(reference) => {
                let def = reference.trim_start_matches("#/$defs/");
                (&self.defs[def], Some(def))
            }
            None => (schema, None),
        }
    }

    /// Whether a form of a one-of schema takes a node of this kind (a list, a mapping, a
    /// text), through `$ref`s and forms within forms, to a bounded depth.
    fn takes(&self, schema: &'a Value, kind: Kind, depth: usize) -> bool {
        let (schema, _) = self.resolve(schema);
        if let Some(options) = schema["anyOf"].as_array() {
            return depth < 4 && options.iter().any(|o| self.takes(o, kind, depth + 1));
        }
        matches!(
            (kind, schema["type"].as_str()),
            (Kind::Seq, Some("array")) | (Kind::Map, Some("object")) | (Kind::Str, Some("string"))
        )
    }

    /// Checks a node against `schema`, writing its repaired value.
    fn check(&mut self, node: Id, schema: &'a Value) {
        let tree = self.tree;
        let kind = tree.kind(node);
        let (schema, name) = self.resolve(schema);
        if let Some(options) = schema["anyOf"].as_array() {
            // Option<T>: null, or T.
            if kind == Kind::Null && options.iter().any(|o| o["type"] == "null") {
                return self.write(b"null");
            }
            // One of several forms (a list, or one alone): the form that fits the node, else
            // the first that is not null.
            let some = options
                .iter()
                .find(|o| self.takes(o, kind, 0))
                .or_else(|| options.iter().find(|o| o["type"] != "null"));
            if let Some(some) = some {
                return self.check(node, some);
            }
        }
        // One of a list of words (a link's kind: `oneOf` its `const`s).
        if let Some(options) = schema["oneOf"].as_array()
            && options.iter().all(|o| o["const"].is_string())
        {
            let words: Vec<&str> = options.iter().filter_map(|o| o["const"].as_str()).collect();
            if let Some(text) = tree.text(node)
                && words.contains(&text)
            {
                return self.write_value(text);
            }
            let found = match tree.text(node) {
                Some(text) => format!("'{text}'"),
                None => kind.describe().to_owned(),
            };
            let message =
                |_: &mut Self| format!("expected one of {}, found {found}", words.join(", "));
            self.problem(node, ProblemKind::WrongType, message);
            return self.made_up(schema);
        }
        let types: Vec<&str> = match &schema["type"] {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => return self.made_up(schema),
        };
        let fits = types.iter().any(|t| match (*t, kind) {
            ("object", Kind::Map) | ("array", Kind::Seq) | ("null", Kind::Null) => true,
            ("string", Kind::Str) | ("boolean", Kind::Bool) => true,
            ("integer" | "number", Kind::Number) => true,
            // YAML reads an unquoted 12 or true as text where text is wanted.
            ("string", Kind::Number | Kind::Bool) => true,
            _ => false,
        });
        if !fits {
            let wanted: Vec<&str> =
                types.iter().filter(|t| **t != "null").map(|t| describe_type(t)).collect();
            let message = |_: &mut Self| {
                format!("expected {}, found {}", wanted.join(" or "), kind.describe())
            };
            self.problem(node, ProblemKind::WrongType, message);
            return self.made_up(schema);
        }
        match kind {
            Kind::Map => self.check_fields(node, schema),
            Kind::Seq => {
                self.write(b"[");
                for (i, &item) in tree.items(node).iter().enumerate() {
                    if i > 0 {
                        self.write(b",");
                    }
                    self.here.push(format!("[{i}]"));
                    self.check(item as Id, &schema["items"]);
                    self.here.pop();
                }
                self.write(b"]");
            }
            Kind::Str => {
                let text = tree.text(node).unwrap_or_default();
                if name == Some("TagRef")
                    && let Err(e) = text.parse::<TagRef>()
                {
                    self.problem(node, ProblemKind::WrongType, |_| e.to_string());
                    return self.made_up(schema);
                }
                self.write_value(text)
            }
            Kind::Null => self.write(b"null"),
            Kind::Bool if types.contains(&"boolean") => self.write(b"false"),
            Kind::Number if types.contains(&"integer") || types.contains(&"number") => {
                self.write(b"0")
            }
            // A number or true/false read as text: its words are not known here.
            Kind::Number | Kind::Bool => self.made_up(schema),
        }
    }

    /// Checks a mapping, writing its repaired value. The fields of a merge key (`<<: *base`)
    /// come after those written out, as YAML merges them: a field written out wins.
    fn check_fields(&mut self, node: Id, schema: &'a Value) {
        let tree = self.tree;
        let properties = schema["properties"].as_object();
        let known: Vec<&str> =
            properties.map(|p| p.keys().map(String::as_str).collect()).unwrap_or_default();
        // The fields written, each once, with where each was.
        let mut written: Vec<(&str, Id)> = Vec::new();
        let mut merges = Vec::new();
        self.write(b"{");
        for (key, value) in tree.pairs(node) {
            match tree.text(key) {
                Some("<<") => merges.push(value),
                _ => self.check_field((key, value), schema, &known, &mut written, false),
            }
        }
        for merge in merges {
            let maps: Vec<Id> = match tree.kind(merge) {
                Kind::Seq => tree.items(merge).iter().map(|&i| i as Id).collect(),
                _ => vec![merge],
            };
            for map in maps {
                for pair in tree.pairs(map) {
                    self.check_field(pair, schema, &known, &mut written, true);
                }
            }
        }
        for required in
            schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str)
        {
            if !written.iter().any(|(name, _)| *name == required) {
                let message = |_: &mut Self| {
                    let within = match tree.field(node, "id").and_then(|id| tree.text(id)) {
                        Some(id) => format!(" in '{id}'"),
                        None => String::new(),
                    };
                    format!("missing field `{required}`{within}")
                };
                self.problem(node, ProblemKind::MissingField, message);
                self.write_key(&mut written, required, node);
                self.here.push(required.to_owned());
                self.made_up(&schema["properties"][required]);
                self.here.pop();
            }
        }
        self.write(b"}");
    }

    /// Checks a field of a mapping, writing it unless it was written (a field given twice is a
    /// problem; a merged one already written out is passed over).
    fn check_field(
        &mut self,
        (key, value): (Id, Id),
        schema: &'a Value,
        known: &[&str],
        written: &mut Vec<(&'a str, Id)>,
        merged: bool,
    ) {
        let tree = self.tree;
        let Some(name) = tree.text(key) else {
            let message = |_: &mut Self| "a field name must be text".to_owned();
            return self.problem(key, ProblemKind::WrongType, message);
        };
        let Some((name, property)) =
            schema["properties"].as_object().and_then(|p| p.get_key_value(name))
        else {
            if schema["additionalProperties"] == false {
                let message = |walk: &mut Self| walk.unknown_field(key, name, schema, known);
                self.problem(key, ProblemKind::UnknownField, message);
            }
            return;
        };
        let first = written.iter().find(|(done, _)| *done == name).map(|(_, at)| *at);
        match (first, merged) {
            (Some(_), true) => return,
            (Some(first), false) => {
                let message = |_: &mut Self| match tree.location(first) {
                    Some((line, column)) => {
                        format!("duplicate field `{name}` (first at {line}:{column})")
                    }
                    None => format!("duplicate field `{name}`"),
                };
                self.problem(key, ProblemKind::Syntax, message);
            }
            (None, _) => self.write_key(written, name, key),
        }
        self.here.push(name.clone());
        // Free text that no semantic check reads is checked for its form, but left out of the
        // repaired document: a file of a million notes costs their tree alone.
        let unread = UNREAD.contains(&name.as_str());
        let discarding = self.discard;
        self.discard = discarding || unread || first.is_some();
        self.check(value, property);
        self.discard = discarding;
        self.here.pop();
        if unread && first.is_none() {
            let value = self.default_for(property);
            self.write_value(&value);
        }
    }

    /// What an unknown field's problem says: the field meant, where one is close, else the
    /// fields expected (listed once per kind of mapping).
    fn unknown_field(&mut self, key: Id, name: &str, schema: &'a Value, known: &[&str]) -> String {
        match closest(name, known).or_else(|| alias(name, known)) {
            // No field's name has a space: this is the rest of a text that a comma cut, in
            // YAML's `{...}`.
            _ if name.trim().contains(' ') => format!(
                "unknown field `{name}`: in YAML's {{...}} a comma ends a value, so a text \
                 holding one was cut there; quote the text \
                 (description: \"Code of ethics, with vignettes\")"
            ),
            Some(close) => format!("unknown field `{name}`, did you mean `{close}`?"),
            // The fields expected are listed once per kind of mapping: a file of a million
            // unknown fields once held the list a million times (861 MB).
            None => match self.listed.get(&(schema as *const Value)) {
                Some((line, column)) => format!(
                    "unknown field `{name}` (the fields expected are listed at {line}:{column})"
                ),
                None => {
                    if let Some(at) = self.tree.location(key) {
                        self.listed.insert(schema as *const Value, at);
                    }
                    // The fields a person writes: those peercomp keeps from another format
                    // (CASE's) are read, but not offered.
                    let written: Vec<&str> = known
                        .iter()
                        .copied()
                        .filter(|k| !KEPT_FROM_OTHER_FORMATS.contains(k))
                        .collect();
                    format!("unknown field `{name}`, expected one of {}", written.join(", "))
                }
            },
        }
    }
}

fn describe_type(t: &str) -> &'static str {
    match t {
        "object" => "a mapping of fields",
        "array" => "a list",
        "string" => "text",
        "integer" => "a whole number",
        "number" => "a number",
        "boolean" => "true or false",
        _ => "nothing",
    }
}

use crate::text::closest;

/// Fields of the model that peercomp fills from another format (a CASE package), which a file
/// written by hand does not need: not offered when a field's name is unknown.
const KEPT_FROM_OTHER_FORMATS: [&str; 6] =
    ["case", "identifier", "item_type", "code", "relations", "gathered"];

/// Other names people give the fields, with the field each means: an unknown name close to one
/// of them is offered that field (`statment`: `text`).
const OTHER_NAMES: [(&str, &str); 9] = [
    ("statement", "text"),
    ("competency", "text"),
    ("name", "title"),
    ("label", "title"),
    ("tag", "tags"),
    ("note", "notes"),
    ("children", "subitems"),
    ("items", "entries"),
    ("competencies", "entries"),
];

/// The field that another name for it means, where the name given is close to that name and
/// the field is one of `known`.
fn alias<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    let names: Vec<&str> = OTHER_NAMES.iter().map(|(other, _)| *other).collect();
    let other = closest(name, &names)?;
    let field = OTHER_NAMES.iter().find(|(o, _)| *o == other)?.1;
    known.iter().copied().find(|k| *k == field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_only_for_close_names() {
        let known = ["id", "title", "text", "tags", "notes", "subitems"];
        assert_eq!(closest("txt", &known), Some("text"));
        assert_eq!(closest("subitem", &known), Some("subitems"));
        assert_eq!(closest("colour", &known), None);
        // Other names for a field, misspelt too.
        assert_eq!(alias("statment", &known), Some("text"));
        assert_eq!(alias("statement", &known), Some("text"));
        assert_eq!(alias("children", &known), Some("subitems"));
        assert_eq!(alias("items", &known), None, "entries is not a field here");
        assert_eq!(alias("colour", &known), None);
    }
}

#[cfg(test)]
mod limits {
    use super::*;

    fn located_error(text: &str) -> String {
        Tree::read(text, options(text.len())).expect_err("refused").to_string()
    }

    #[test]
    fn an_alias_bomb_stops_at_the_replay_limit() {
        let mut bomb = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let mut prev = 'a';
        for name in "bcdefghij".chars() {
            bomb.push_str(&format!(
                "{name}: &{name} [{}]\n",
                vec![format!("*{prev}"); 9].join(",")
            ));
            prev = name;
        }
        let error = located_error(&bomb);
        assert!(error.contains("alias") || error.contains("budget"), "{error}");
    }

    #[test]
    fn nesting_stops_at_the_depth_limits() {
        let block: String = (0..10_000).map(|i| format!("{}a:\n", " ".repeat(i))).collect();
        assert!(located_error(&block).contains("Depth { depth: 33 }"));
        let flow = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(located_error(&flow).contains("recursion limit exceeded"));
    }

    #[test]
    fn one_document_per_file() {
        assert!(located_error("a: 1\n---\nb: 2\n").contains("Documents"));
    }

    #[test]
    fn aliases_within_reason_are_fine() {
        let text = "reason: &why \"a long shared text\"\nuses: [*why, *why, *why, *why]\n";
        assert!(Tree::read(text, options(text.len())).is_ok());
    }
}
