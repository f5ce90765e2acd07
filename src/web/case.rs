//! CASE 1.1's REST binding (1EdTech, "CASE Service REST/JSON Binding 1.1", 2025), read-only:
//! every object of the packages `export --to case` writes, by its identifier, as the binding's
//! GET endpoints answer for it. A package is answered with the very bytes `export` writes; an
//! object alone is as it stands in its package, with the link to its document or package that
//! the binding's types add (`CFDocumentURI`, `CFPackageURI`).

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use crate::formats::case;
use crate::model::Framework;

/// Where the endpoints are: the binding's base path (its section 2.2).
pub const BASE: &str = "ims/case/v1p1";

/// The discovery file the binding asks every provider to serve (its section 2.5): 1EdTech's
/// OpenAPI 3 definition of the service, as published with the binding.
pub const DISCOVERY: &str = "discovery/imscasev1p1_openapi3_v1p0.json";

/// The OpenAPI definition served at [`DISCOVERY`].
pub const OPENAPI: &str = include_str!("imscasev1p1_openapi3_v1p0.json");

/// The most records `CFDocuments` gives in one answer, and how many where `limit` is not given
/// (the binding's default, section 3.1).
const MOST: usize = 1000;
const DEFAULT_LIMIT: usize = 100;

/// The objects of every package, by identifier.
#[derive(Debug, Default)]
pub struct Case {
    /// The packages as `export --to case` writes them, by their document's identifier.
    packages: HashMap<String, Vec<u8>>,
    /// Every document, in the order the frameworks and their schemes come.
    documents: Vec<Value>,
    /// Items, associations and definitions, each by its endpoint and identifier.
    objects: HashMap<(Endpoint, String), Value>,
    /// Per item, the associations that name it (as origin or destination), in package order.
    item_associations: HashMap<String, Vec<String>>,
    /// Per framework id, its package's identifier; per entry (framework, id), its item's.
    framework_packages: HashMap<String, String>,
    entry_items: HashMap<(String, String), String>,
}

/// The binding's GET endpoints that answer one object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// `CFDocuments/{id}`.
    Document,
    /// `CFPackages/{id}`.
    Package,
    /// `CFItems/{id}`.
    Item,
    /// `CFAssociations/{id}`.
    Association,
    /// `CFItemAssociations/{id}`.
    ItemAssociations,
    /// `CFItemTypes/{id}`.
    ItemType,
    /// `CFSubjects/{id}`.
    Subject,
    /// `CFConcepts/{id}`.
    Concept,
    /// `CFLicenses/{id}`.
    License,
    /// `CFAssociationGroupings/{id}`.
    Grouping,
    /// `CFRubrics/{id}`.
    Rubric,
}

impl Endpoint {
    /// Every endpoint, by the name it has in a path.
    pub const ALL: [(&'static str, Endpoint); 11] = [
        ("CFDocuments", Endpoint::Document),
        ("CFPackages", Endpoint::Package),
        ("CFItems", Endpoint::Item),
        ("CFAssociations", Endpoint::Association),
        ("CFItemAssociations", Endpoint::ItemAssociations),
        ("CFItemTypes", Endpoint::ItemType),
        ("CFSubjects", Endpoint::Subject),
        ("CFConcepts", Endpoint::Concept),
        ("CFLicenses", Endpoint::License),
        ("CFAssociationGroupings", Endpoint::Grouping),
        ("CFRubrics", Endpoint::Rubric),
    ];

    /// The endpoint a path names (`CFItems`).
    pub fn named(name: &str) -> Option<Endpoint> {
        Endpoint::ALL.iter().find(|(n, _)| *n == name).map(|&(_, e)| e)
    }

    /// Its name in a path.
    pub fn name(self) -> &'static str {
        Endpoint::ALL.iter().find(|(_, e)| *e == self).map_or("", |(n, _)| n)
    }

    /// The set a definition's answer is wrapped in (`{"CFItemTypes": [...]}`), where the
    /// binding answers a set (the object asked for, then its children).
    fn set(self) -> Option<&'static str> {
        match self {
            Endpoint::ItemType => Some("CFItemTypes"),
            Endpoint::Subject => Some("CFSubjects"),
            Endpoint::Concept => Some("CFConcepts"),
            _ => None,
        }
    }
}

/// An answer of the CASE endpoints: a status, a JSON body, and for a list the total count.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseAnswer {
    /// 200, 400 or 404.
    pub status: u16,
    /// The body: an object, a set, a package, or the binding's `imsx_StatusInfo`.
    pub body: Vec<u8>,
    /// `CFDocuments`: how many there are in all (the `X-Total-Count` header, section 3.1).
    pub total: Option<usize>,
}

impl Case {
    /// The packages of the frameworks (each framework's and each of its tag schemes'), as
    /// `export --to case -o DIR` writes them.
    pub fn of(frameworks: &[Framework]) -> Case {
        let mut case = Case::default();
        for framework in frameworks {
            let (changed, _) = case::change_time(framework);
            let mut main = Vec::new();
            // Writing to memory cannot fail.
            let _ = case::write_package(&mut main, framework, &changed);
            if let Some((id, codes)) = case.add(main) {
                case.framework_packages.insert(framework.id.clone(), id);
                case.index_entries(framework, codes);
            }
            for scheme in case::scheme_packages(framework, &changed) {
                let mut bytes = Vec::new();
                let _ = case::write_scheme(&mut bytes, &scheme);
                case.add(bytes);
            }
        }
        case
    }

    /// Adds a package's objects; returns its document's identifier, and each item's code
    /// (`humanCodingScheme`) with its identifier.
    fn add(&mut self, bytes: Vec<u8>) -> Option<(String, Vec<(String, String)>)> {
        let Ok(Value::Object(mut package)) = serde_json::from_slice::<Value>(&bytes) else {
            return None;
        };
        let mut document = match package.remove("CFDocument") {
            Some(Value::Object(document)) => document,
            _ => return None,
        };
        let id = text(&document, "identifier")?.to_owned();
        if self.packages.contains_key(&id) {
            return None;
        }
        let title = text(&document, "title").unwrap_or_default().to_owned();
        let uri = text(&document, "uri").unwrap_or_default().to_owned();
        let to_document = json!({"title": title, "identifier": id, "uri": uri});
        document.insert("CFPackageURI".to_owned(), to_document.clone());
        self.documents.push(Value::Object(document.clone()));
        self.objects.insert((Endpoint::Document, id.clone()), Value::Object(document));
        let with_document = |mut object: Map<String, Value>| {
            object.entry("CFDocumentURI").or_insert_with(|| to_document.clone());
            Value::Object(object)
        };
        let mut codes = Vec::new();
        for item in objects(package.remove("CFItems")) {
            if let Some(item_id) = text(&item, "identifier").map(str::to_owned) {
                if let Some(code) = text(&item, "humanCodingScheme") {
                    codes.push((code.to_owned(), item_id.clone()));
                }
                self.objects
                    .entry((Endpoint::Item, item_id))
                    .or_insert_with(|| with_document(item));
            }
        }
        for association in objects(package.remove("CFAssociations")) {
            let Some(association_id) = text(&association, "identifier").map(str::to_owned) else {
                continue;
            };
            for end in ["originNodeURI", "destinationNodeURI"] {
                let node = association.get(end).and_then(Value::as_object);
                if let Some(node) = node.and_then(|n| text(n, "identifier")) {
                    let list = self.item_associations.entry(node.to_owned()).or_default();
                    list.push(association_id.clone());
                }
            }
            let key = (Endpoint::Association, association_id);
            self.objects.entry(key).or_insert_with(|| with_document(association));
        }
        for rubric in objects(package.remove("CFRubrics")) {
            if let Some(rubric_id) = text(&rubric, "identifier").map(str::to_owned) {
                self.objects.entry((Endpoint::Rubric, rubric_id)).or_insert(Value::Object(rubric));
            }
        }
        if let Some(Value::Object(mut definitions)) = package.remove("CFDefinitions") {
            for (set, endpoint) in [
                ("CFItemTypes", Endpoint::ItemType),
                ("CFSubjects", Endpoint::Subject),
                ("CFConcepts", Endpoint::Concept),
                ("CFLicenses", Endpoint::License),
                ("CFAssociationGroupings", Endpoint::Grouping),
            ] {
                for definition in objects(definitions.remove(set)) {
                    if let Some(def_id) = text(&definition, "identifier").map(str::to_owned) {
                        let key = (endpoint, def_id);
                        self.objects.entry(key).or_insert(Value::Object(definition));
                    }
                }
            }
        }
        self.packages.insert(id.clone(), bytes);
        Some((id, codes))
    }

    /// Which item each entry of the framework became: the item of its package whose
    /// `humanCodingScheme` is the entry's id (`codes`, from [`Case::add`]).
    fn index_entries(&mut self, framework: &Framework, codes: Vec<(String, String)>) {
        let ids: std::collections::HashSet<&str> =
            framework.categories.iter().flat_map(|c| c.walk()).map(|(e, _)| &*e.id).collect();
        for (code, identifier) in codes {
            if ids.contains(code.as_str()) {
                self.entry_items.entry((framework.id.clone(), code)).or_insert(identifier);
            }
        }
    }

    /// The identifier of the framework's package.
    pub fn package_of(&self, framework: &str) -> Option<&str> {
        self.framework_packages.get(framework).map(String::as_str)
    }

    /// The identifier of the item an entry became.
    pub fn item_of(&self, framework: &str, entry: &str) -> Option<&str> {
        self.entry_items.get(&(framework.to_owned(), entry.to_owned())).map(String::as_str)
    }

    /// Every path the endpoints answer with 200 and no parameters, for a static copy: the
    /// list of documents, then each object by its endpoint.
    pub fn paths(&self) -> Vec<String> {
        let mut paths = vec!["CFDocuments".to_owned()];
        let mut keyed: Vec<String> = self
            .objects
            .keys()
            .map(|(endpoint, id)| format!("{}/{id}", endpoint.name()))
            .chain(self.packages.keys().map(|id| format!("CFPackages/{id}")))
            .chain(
                self.item_associations
                    .keys()
                    .filter(|id| self.objects.contains_key(&(Endpoint::Item, (*id).clone())))
                    .map(|id| format!("CFItemAssociations/{id}")),
            )
            .collect();
        keyed.sort();
        paths.extend(keyed);
        paths
    }

    /// The answer to `GET /ims/case/v1p1/{path}` with the query's parameters.
    pub fn answer(&self, path: &[&str], params: &[(String, String)]) -> CaseAnswer {
        match path {
            ["CFDocuments"] => self.documents(params),
            [endpoint, id] => match Endpoint::named(endpoint) {
                Some(endpoint) => self.one(endpoint, id, params),
                None => status(404, "unknownobject", &format!("no endpoint {endpoint}")),
            },
            _ => status(404, "unknownobject", "no such endpoint of CASE 1.1"),
        }
    }

    fn one(&self, endpoint: Endpoint, id: &str, params: &[(String, String)]) -> CaseAnswer {
        let fields = match fields(params, &[]) {
            Ok(fields) => fields,
            Err(answer) => return answer,
        };
        let unknown = || status(404, "unknownobject", &format!("no {} {id}", endpoint.name()));
        let body = match endpoint {
            Endpoint::Package => match self.packages.get(id) {
                Some(bytes) if fields.is_none() => {
                    return CaseAnswer { status: 200, body: bytes.clone(), total: None };
                }
                Some(bytes) => serde_json::from_slice(bytes).unwrap_or(Value::Null),
                None => return unknown(),
            },
            Endpoint::ItemAssociations => {
                let Some(item) = self.objects.get(&(Endpoint::Item, id.to_owned())) else {
                    return unknown();
                };
                let associations: Vec<Value> = self
                    .item_associations
                    .get(id)
                    .into_iter()
                    .flatten()
                    .filter_map(|a| self.objects.get(&(Endpoint::Association, a.clone())))
                    .map(in_package)
                    .collect();
                json!({"CFItem": item, "CFAssociations": associations})
            }
            endpoint => match self.objects.get(&(endpoint, id.to_owned())) {
                Some(object) => match endpoint.set() {
                    Some(set) => json!({ set: [object] }),
                    None => object.clone(),
                },
                None => return unknown(),
            },
        };
        ok(select(body, fields.as_deref()), None)
    }

    /// `CFDocuments`: `limit`, `offset`, `sort`, `orderBy`, `filter` and `fields`
    /// (sections 3.1 to 3.4 of the binding).
    fn documents(&self, params: &[(String, String)]) -> CaseAnswer {
        let known = ["limit", "offset", "sort", "orderBy", "filter"];
        let fields = match fields(params, &known) {
            Ok(fields) => fields,
            Err(answer) => return answer,
        };
        let get = |name: &str| params.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v);
        let number = |name: &str, least: usize, default: usize| match get(name) {
            None => Ok(default),
            Some(v) => match v.parse::<usize>() {
                Ok(n) if n >= least => Ok(n),
                _ => Err(bad(&format!("{name} must be a whole number of at least {least}"))),
            },
        };
        let (limit, offset) = match (number("limit", 1, DEFAULT_LIMIT), number("offset", 0, 0)) {
            (Ok(limit), Ok(offset)) => (limit.min(MOST), offset),
            (Err(answer), _) | (_, Err(answer)) => return answer,
        };
        let descending = match get("orderBy").map(String::as_str) {
            None | Some("asc") => false,
            Some("desc") => true,
            Some(other) => return bad(&format!("orderBy must be asc or desc, not {other}")),
        };
        let mut documents: Vec<&Value> = match get("filter") {
            None => self.documents.iter().collect(),
            Some(filter) => match Filter::parse(filter) {
                Some(filter) => self.documents.iter().filter(|d| filter.keeps(d)).collect(),
                None => {
                    return status(
                        400,
                        "invalid_selection_field",
                        "filter must be one predicate: FIELD='VALUE' (or !=, ~, >, >=, <, <=)",
                    );
                }
            },
        };
        // Sorted by a field (a stable sort: the default order breaks ties); by a field no
        // document has, in the default order, as the binding says.
        if let Some(field) = get("sort") {
            documents.sort_by_key(|d| sort_key(d, field));
        }
        if descending {
            documents.reverse();
        }
        let total = documents.len();
        let page: Vec<Value> = documents
            .into_iter()
            .skip(offset)
            .take(limit)
            .map(|d| select(d.clone(), fields.as_deref()))
            .collect();
        ok(json!({"CFDocuments": page}), Some(total))
    }
}

/// A field's text, folded for sorting (the binding asks for the Unicode collation; case and
/// accents aside, this is it for the ASCII titles and dates of documents).
fn sort_key(document: &Value, field: &str) -> (bool, String) {
    match document.get(field) {
        Some(Value::String(s)) => (false, s.to_lowercase()),
        Some(other) => (false, other.to_string()),
        None => (true, String::new()),
    }
}

/// One predicate of the binding's filter language (section 3.3): a field, a comparison, a
/// value in single quotes; compared without regard to case.
struct Filter {
    field: String,
    op: &'static str,
    value: String,
}

impl Filter {
    fn parse(text: &str) -> Option<Filter> {
        let text = text.trim();
        let (field, rest) = text.split_at(text.find(['=', '!', '~', '<', '>'])?);
        let op =
            ["!=", ">=", "<=", "=", "~", ">", "<"].into_iter().find(|op| rest.starts_with(op))?;
        let value = rest[op.len()..].trim().strip_prefix('\'')?.strip_suffix('\'')?;
        let field = field.trim();
        let plain = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.';
        (!field.is_empty() && field.chars().all(plain) && !value.contains('\'')).then(|| Filter {
            field: field.to_owned(),
            op,
            value: value.to_lowercase(),
        })
    }

    fn keeps(&self, document: &Value) -> bool {
        let mut at = Some(document);
        for part in self.field.split('.') {
            at = at.and_then(|v| v.get(part));
        }
        let Some(found) = at else { return false };
        let found = match found {
            Value::String(s) => s.to_lowercase(),
            Value::Array(list) => list
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                .collect::<Vec<_>>()
                .join(",")
                .to_lowercase(),
            other => other.to_string().to_lowercase(),
        };
        let value = self.value.as_str();
        match self.op {
            "=" => found == value,
            "!=" => found != value,
            "~" => value.split(',').any(|v| found.contains(v.trim())),
            ">" => found.as_str() > value,
            ">=" => found.as_str() >= value,
            "<" => found.as_str() < value,
            _ => found.as_str() <= value,
        }
    }
}

/// `fields`: the top-level fields to keep, where given; a 400 answer for a parameter the
/// endpoint does not take, or an empty list.
fn fields(params: &[(String, String)], known: &[&str]) -> Result<Option<Vec<String>>, CaseAnswer> {
    let mut fields: Option<Vec<String>> = None;
    for (name, value) in params {
        if name == "fields" {
            let list = fields.get_or_insert_with(Vec::new);
            list.extend(
                value.split(',').map(str::trim).filter(|f| !f.is_empty()).map(str::to_owned),
            );
        } else if !known.contains(&name.as_str()) {
            let takes = if known.is_empty() {
                "fields".to_owned()
            } else {
                format!("{}, fields", known.join(", "))
            };
            return Err(status(
                400,
                "invalid_selection_field",
                &format!("unknown parameter {name}: this endpoint takes {takes}"),
            ));
        }
    }
    match fields {
        Some(list) if list.is_empty() => {
            Err(status(400, "invalid_selection_field", "fields names no field"))
        }
        fields => Ok(fields),
    }
}

/// The object with only the fields asked for (all where none are), each record of a set too.
fn select(value: Value, fields: Option<&[String]>) -> Value {
    let Some(fields) = fields else { return value };
    let keep = |object: Map<String, Value>| -> Value {
        Value::Object(object.into_iter().filter(|(k, _)| fields.contains(k)).collect())
    };
    match value {
        Value::Object(object) if object.len() == 1 && object.values().all(Value::is_array) => {
            let (set, list) = object.into_iter().next().unwrap_or_default();
            let list = list.as_array().cloned().unwrap_or_default();
            let kept = list
                .into_iter()
                .map(|v| match v {
                    Value::Object(o) => keep(o),
                    other => other,
                })
                .collect();
            json!({ set: Value::Array(kept) })
        }
        Value::Object(object) => keep(object),
        other => other,
    }
}

/// An association as a set holds it (the binding's `CFAssociationSet`): as in its package,
/// without the link to its document that it has alone.
fn in_package(association: &Value) -> Value {
    let mut association = association.clone();
    if let Value::Object(object) = &mut association {
        object.remove("CFDocumentURI");
    }
    association
}

fn objects(value: Option<Value>) -> impl Iterator<Item = Map<String, Value>> {
    let list = match value {
        Some(Value::Array(list)) => list,
        _ => Vec::new(),
    };
    list.into_iter().filter_map(|v| match v {
        Value::Object(o) => Some(o),
        _ => None,
    })
}

fn text<'v>(object: &'v Map<String, Value>, key: &str) -> Option<&'v str> {
    object.get(key).and_then(Value::as_str)
}

fn ok(body: Value, total: Option<usize>) -> CaseAnswer {
    CaseAnswer { status: 200, body: serde_json::to_vec(&body).unwrap_or_default(), total }
}

fn bad(description: &str) -> CaseAnswer {
    status(400, "invalid_selection_field", description)
}

/// A failure as the binding reports it: `imsx_StatusInfo` (its section 2.4 and appendix B).
pub fn status(code: u16, minor: &str, description: &str) -> CaseAnswer {
    let body = json!({
        "imsx_codeMajor": "failure",
        "imsx_severity": "error",
        "imsx_description": description,
        "imsx_codeMinor": {"imsx_codeMinorField": [
            {"imsx_codeMinorFieldName": "sourcedId", "imsx_codeMinorFieldValue": minor}
        ]},
    });
    CaseAnswer { status: code, body: serde_json::to_vec(&body).unwrap_or_default(), total: None }
}
