//! The slow path, taken only where a file has a problem: the text parsed into a tree whose
//! every node knows its line and column, checked against the framework's JSON Schema so that
//! every structural problem is found, and used to place the semantic ones.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use serde_saphyr::Spanned;

use super::{Issue, Problem, ProblemKind, Seg};
use crate::model::TagRef;

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

/// A YAML (or JSON) node with the location of each of its parts.
#[derive(Debug)]
enum Node {
    Null,
    Bool,
    Number,
    Str(String),
    Seq(Vec<Located>),
    Map(Vec<(Located, Located)>),
}

/// A node and the line and column where it is referenced: the parser's `Spanned` kept to what
/// problems name, so that the tree costs a few times the file (a `Spanned` holds two full
/// locations, 80 bytes, for a one-letter note).
#[derive(Debug)]
struct Located {
    value: Node,
    line: u32,
    column: u32,
}

impl From<Spanned<Node>> for Located {
    fn from(spanned: Spanned<Node>) -> Self {
        let at = spanned.referenced;
        let narrow = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        Located { value: spanned.value, line: narrow(at.line()), column: narrow(at.column()) }
    }
}

impl Node {
    fn describe(&self) -> &'static str {
        match self {
            Node::Null => "nothing",
            Node::Bool => "true or false",
            Node::Number => "a number",
            Node::Str(_) => "text",
            Node::Seq(_) => "a list",
            Node::Map(_) => "a mapping of fields",
        }
    }

    fn field(&self, name: &str) -> Option<&Located> {
        match self {
            Node::Map(fields) => field_in(fields, name),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any YAML node")
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_none<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Node, E> {
                Ok(Node::Bool)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Node, E> {
                Ok(Node::Number)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Node, E> {
                Ok(Node::Number)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Node, E> {
                Ok(Node::Number)
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Node, E> {
                Ok(Node::Str(s.to_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<Node>>()? {
                    items.push(Located::from(item));
                }
                Ok(Node::Seq(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut fields = Vec::new();
                while let Some(key) = map.next_key::<Spanned<Node>>()? {
                    let value = map.next_value::<Spanned<Node>>()?;
                    fields.push((Located::from(key), Located::from(value)));
                }
                Ok(Node::Map(fields))
            }
        }
        deserializer.deserialize_any(NodeVisitor)
    }
}

fn tree(text: &str) -> Option<Located> {
    serde_saphyr::from_str_with_options::<Spanned<Node>>(text, options(text.len()))
        .ok()
        .map(Located::from)
}

fn location(node: &Located) -> Option<(u64, u64)> {
    (node.line > 0).then(|| (u64::from(node.line), u64::from(node.column)))
}

fn find<'n>(mut node: &'n Located, path: &[Seg]) -> Option<&'n Located> {
    for seg in path {
        node = match (seg, &node.value) {
            (Seg::Key(key), value) => value.field(key)?,
            (Seg::Index(i), Node::Seq(items)) => items.get(*i)?,
            _ => return None,
        };
    }
    Some(node)
}

/// Where the node at `path` stands in `text`.
pub(crate) fn locate_in(text: &str, path: &[Seg]) -> Option<(u64, u64)> {
    find(&tree(text)?, path).and_then(location)
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
        None => root.as_ref().and_then(|r| find(r, path)).and_then(location),
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

/// What the schema walk finds: every structural problem, and the document repaired so that it
/// fits the schema (unknown fields dropped, values of the wrong type and missing fields given
/// defaults), with the places of what was repaired, so that the semantic checks can run on it
/// and report what they find outside those places, in the same round.
pub(crate) struct Structure {
    pub problems: Vec<Problem>,
    pub repaired: Value,
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
    let root = tree(text)?;
    let schema = serde_json::to_value(schemars::schema_for!(T)).ok()?;
    let mut walk = SchemaWalk {
        origin,
        defs: &schema["$defs"],
        problems: Vec::new(),
        here: Vec::new(),
        made_up: Vec::new(),
        discard: false,
        listed: Default::default(),
    };
    let repaired = walk.check(root, &schema);
    Some(Structure { problems: walk.problems, repaired, made_up: walk.made_up })
}

/// Fields of free text that the semantic checks never read (`checks::validate`): the repaired
/// document holds them empty.
const UNREAD: [&str; 3] = ["notes", "description", "citation"];

/// A walk of a located tree against a JSON Schema, gathering every problem on the way and
/// building the repaired document. Its recursion follows the tree, which the YAML reader's
/// budget keeps at most 32 deep.
struct SchemaWalk<'a> {
    origin: &'a str,
    defs: &'a Value,
    problems: Vec<Problem>,
    /// Where the walk is: `categories`, `[0]`, ...
    here: Vec<String>,
    made_up: Vec<String>,
    /// Within a field left out of the repaired document: values are checked, not kept.
    discard: bool,
    /// Where the fields a kind of mapping expects (its schema) were first listed.
    listed: foldhash::HashMap<*const Value, (u64, u64)>,
}

impl<'a> SchemaWalk<'a> {
    fn problem(&mut self, node: &Located, kind: ProblemKind, message: String) {
        self.problems.push(Problem::new(self.origin, kind, message).at(location(node)));
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

    /// A value that fits `schema`, made up where the file has none that does.
    fn made_up(&mut self, schema: &'a Value) -> Value {
        self.made_up.push(self.path());
        self.default_for(schema)
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
    fn takes(&self, schema: &'a Value, node: &Node, depth: usize) -> bool {
        let (schema, _) = self.resolve(schema);
        if let Some(options) = schema["anyOf"].as_array() {
            return depth < 4 && options.iter().any(|o| self.takes(o, node, depth + 1));
        }
        matches!(
            (node, schema["type"].as_str()),
            (Node::Seq(_), Some("array"))
                | (Node::Map(_), Some("object"))
                | (Node::Str(_), Some("string"))
        )
    }

    /// The repaired value of a node, which it consumes: its texts move into the value, and
    /// each part of the tree is freed once checked.
    fn check(&mut self, node: Located, schema: &'a Value) -> Value {
        let (schema, name) = self.resolve(schema);
        if let Some(options) = schema["anyOf"].as_array() {
            // Option<T>: null, or T.
            if matches!(node.value, Node::Null) && options.iter().any(|o| o["type"] == "null") {
                return Value::Null;
            }
            // One of several forms (a list, or one alone): the form that fits the node, else
            // the first that is not null.
            let some = options
                .iter()
                .find(|o| self.takes(o, &node.value, 0))
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
            if let Node::Str(text) = &node.value
                && words.contains(&text.as_str())
            {
                return Value::String(text.clone());
            }
            let found = match &node.value {
                Node::Str(text) => format!("'{text}'"),
                other => other.describe().to_owned(),
            };
            let message = format!("expected one of {}, found {found}", words.join(", "));
            self.problem(&node, ProblemKind::WrongType, message);
            return self.made_up(schema);
        }
        let types: Vec<&str> = match &schema["type"] {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => return self.made_up(schema),
        };
        let fits = types.iter().any(|t| match (*t, &node.value) {
            ("object", Node::Map(_)) | ("array", Node::Seq(_)) | ("null", Node::Null) => true,
            ("string", Node::Str(_)) | ("boolean", Node::Bool) => true,
            ("integer" | "number", Node::Number) => true,
            // YAML reads an unquoted 12 or true as text where text is wanted.
            ("string", Node::Number | Node::Bool) => true,
            _ => false,
        });
        if !fits {
            let wanted: Vec<&str> =
                types.iter().filter(|t| **t != "null").map(|t| describe_type(t)).collect();
            let message =
                format!("expected {}, found {}", wanted.join(" or "), node.value.describe());
            self.problem(&node, ProblemKind::WrongType, message);
            return self.made_up(schema);
        }
        let place = Located { value: Node::Null, line: node.line, column: node.column };
        match node.value {
            Node::Map(fields) => self.check_fields(&place, fields, schema),
            Node::Seq(items) => {
                let capacity = if self.discard { 0 } else { items.len() };
                let mut list = Vec::with_capacity(capacity);
                for (i, item) in items.into_iter().enumerate() {
                    self.here.push(format!("[{i}]"));
                    let value = self.check(item, &schema["items"]);
                    if !self.discard {
                        list.push(value);
                    }
                    self.here.pop();
                }
                Value::Array(list)
            }
            Node::Str(text) if name == Some("TagRef") => match text.parse::<TagRef>() {
                Ok(_) => Value::String(text),
                Err(e) => {
                    self.problem(&place, ProblemKind::WrongType, e.to_string());
                    self.made_up(schema)
                }
            },
            Node::Str(text) => Value::String(text),
            Node::Null => Value::Null,
            Node::Bool if types.contains(&"boolean") => Value::Bool(false),
            Node::Number if types.contains(&"integer") || types.contains(&"number") => {
                Value::from(0)
            }
            // A number or true/false read as text: its words are not known here.
            Node::Number | Node::Bool => self.made_up(schema),
        }
    }

    /// The repaired value of a mapping at `place`, its fields consumed.
    fn check_fields(
        &mut self,
        place: &Located,
        fields: Vec<(Located, Located)>,
        schema: &'a Value,
    ) -> Value {
        let properties = schema["properties"].as_object();
        let known: Vec<&str> =
            properties.map(|p| p.keys().map(String::as_str).collect()).unwrap_or_default();
        // What the required fields' check needs, before the fields are consumed: the names
        // present, and the id that a missing field's message names.
        let within = match field_in(&fields, "id").map(|id| &id.value) {
            Some(Node::Str(id)) => format!(" in '{id}'"),
            _ => String::new(),
        };
        let present: Vec<String> = fields
            .iter()
            .filter_map(|(key, _)| match &key.value {
                Node::Str(name) => Some(name.clone()),
                _ => None,
            })
            .collect();
        let mut repaired = serde_json::Map::new();
        for (key, value) in fields {
            let Node::Str(name) = &key.value else {
                self.problem(&key, ProblemKind::WrongType, "a field name must be text".to_owned());
                continue;
            };
            match properties.and_then(|p| p.get(name)) {
                Some(property) => {
                    self.here.push(name.clone());
                    // Free text that no semantic check reads is checked for its form, but
                    // left out of the repaired document: a file of a million notes costs
                    // their tree alone.
                    let unread = UNREAD.contains(&name.as_str());
                    let discarding = self.discard;
                    self.discard = discarding || unread;
                    let mut value = self.check(value, property);
                    self.discard = discarding;
                    self.here.pop();
                    if unread {
                        value = self.default_for(property);
                    }
                    repaired.insert(name.clone(), value);
                }
                None if schema["additionalProperties"] == false => {
                    let message = match closest(name, &known).or_else(|| alias(name, &known)) {
                        // No field's name has a space: this is the rest of a text that a
                        // comma cut, in YAML's `{...}`.
                        _ if name.trim().contains(' ') => format!(
                            "unknown field `{name}`: in YAML's {{...}} a comma ends a value, so \
                             a text holding one was cut there; quote the text \
                             (description: \"Code of ethics, with vignettes\")"
                        ),
                        Some(close) => format!("unknown field `{name}`, did you mean `{close}`?"),
                        // The fields expected are listed once per kind of mapping: a file of a
                        // million unknown fields once held the list a million times (861 MB).
                        None => match self.listed.get(&(schema as *const Value)) {
                            Some((line, column)) => format!(
                                "unknown field `{name}` (the fields expected are listed at \
                                 {line}:{column})"
                            ),
                            None => {
                                if let Some(at) = location(&key) {
                                    self.listed.insert(schema as *const Value, at);
                                }
                                // The fields a person writes: those peercomp keeps from another
                                // format (CASE's) are read, but not offered.
                                let written: Vec<&str> = known
                                    .iter()
                                    .copied()
                                    .filter(|k| !KEPT_FROM_OTHER_FORMATS.contains(k))
                                    .collect();
                                format!(
                                    "unknown field `{name}`, expected one of {}",
                                    written.join(", ")
                                )
                            }
                        },
                    };
                    self.problem(&key, ProblemKind::UnknownField, message);
                }
                None => {}
            }
        }
        for required in
            schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str)
        {
            if !present.iter().any(|p| p == required) {
                self.problem(
                    place,
                    ProblemKind::MissingField,
                    format!("missing field `{required}`{within}"),
                );
                self.here.push(required.to_owned());
                let value = self.made_up(&schema["properties"][required]);
                self.here.pop();
                repaired.insert(required.to_owned(), value);
            }
        }
        Value::Object(repaired)
    }
}

/// The value of the field `name` among a mapping's fields.
fn field_in<'n>(fields: &'n [(Located, Located)], name: &str) -> Option<&'n Located> {
    fields.iter().find(|(k, _)| matches!(&k.value, Node::Str(s) if s == name)).map(|(_, v)| v)
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
        let parsed =
            serde_saphyr::from_str_with_options::<Spanned<Node>>(text, options(text.len()));
        parsed.expect_err("refused").to_string()
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
        assert!(
            serde_saphyr::from_str_with_options::<Spanned<Node>>(text, options(text.len())).is_ok()
        );
    }
}
