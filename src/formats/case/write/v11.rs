//! The fields CASE 1.1 defines, object by object (1EdTech's CFPackage JSON Schema), and what
//! makes a package read from elsewhere fit them: a field the standard does not define is
//! dropped, one that an older server misspelt is renamed, and a value of the wrong shape is
//! given the right one where that changes nothing it says ("KG" -> ["KG"], "3" -> 3). Each
//! change is counted, for the exporter to say on stderr.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// The objects of a CFPackage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Object {
    Package,
    Document,
    Item,
    Association,
    Definitions,
    ItemType,
    Subject,
    Concept,
    License,
    Grouping,
    Link,
    LinkGen,
}

/// What a field holds.
#[derive(Clone, Copy)]
enum Shape {
    /// Anything (extensions, rubrics).
    Any,
    Text,
    /// A list of texts: a single text is the list of it.
    Texts,
    Integer,
    /// One object, or a list of them.
    One(Object),
    List(Object),
}

use Object::*;
use Shape::*;

const PACKAGE: &[(&str, Shape)] = &[
    ("CFDocument", One(Document)),
    ("CFItems", List(Item)),
    ("CFAssociations", List(Association)),
    ("CFDefinitions", One(Definitions)),
    ("CFRubrics", Any),
    ("extensions", Any),
];

const DOCUMENT: &[(&str, Shape)] = &[
    ("identifier", Text),
    ("uri", Text),
    ("frameworkType", Text),
    ("caseVersion", Text),
    ("creator", Text),
    ("title", Text),
    ("lastChangeDateTime", Text),
    ("officialSourceURL", Text),
    ("publisher", Text),
    ("description", Text),
    ("subject", Texts),
    ("subjectURI", List(Link)),
    ("language", Text),
    ("version", Text),
    ("adoptionStatus", Text),
    ("statusStartDate", Text),
    ("statusEndDate", Text),
    ("licenseURI", One(Link)),
    ("notes", Text),
    ("extensions", Any),
];

const ITEM: &[(&str, Shape)] = &[
    ("identifier", Text),
    ("fullStatement", Text),
    ("alternativeLabel", Text),
    ("CFItemType", Text),
    ("uri", Text),
    ("humanCodingScheme", Text),
    ("listEnumeration", Text),
    ("abbreviatedStatement", Text),
    ("conceptKeywords", Texts),
    ("conceptKeywordsURI", One(Link)),
    ("notes", Text),
    ("subject", Texts),
    ("subjectURI", List(Link)),
    ("language", Text),
    ("educationLevel", Texts),
    ("CFItemTypeURI", One(Link)),
    ("licenseURI", One(Link)),
    ("statusStartDate", Text),
    ("statusEndDate", Text),
    ("lastChangeDateTime", Text),
    ("extensions", Any),
];

const ASSOCIATION: &[(&str, Shape)] = &[
    ("identifier", Text),
    ("associationType", Text),
    ("sequenceNumber", Integer),
    ("uri", Text),
    ("originNodeURI", One(LinkGen)),
    ("destinationNodeURI", One(LinkGen)),
    ("CFAssociationGroupingURI", One(Link)),
    ("lastChangeDateTime", Text),
    ("notes", Text),
    ("extensions", Any),
];

const DEFINITIONS: &[(&str, Shape)] = &[
    ("CFConcepts", List(Concept)),
    ("CFSubjects", List(Subject)),
    ("CFLicenses", List(License)),
    ("CFItemTypes", List(ItemType)),
    ("CFAssociationGroupings", List(Grouping)),
    ("extensions", Any),
];

const ITEM_TYPE: &[(&str, Shape)] = &[
    ("identifier", Text),
    ("uri", Text),
    ("title", Text),
    ("description", Text),
    ("hierarchyCode", Text),
    ("typeCode", Text),
    ("lastChangeDateTime", Text),
    ("extensions", Any),
];

const SUBJECT: &[(&str, Shape)] = &[
    ("identifier", Text),
    ("uri", Text),
    ("title", Text),
    ("hierarchyCode", Text),
    ("description", Text),
    ("lastChangeDateTime", Text),
    ("extensions", Any),
];

const CONCEPT: &[(&str, Shape)] = &[
    ("identifier", Text),
    ("uri", Text),
    ("title", Text),
    ("keywords", Text),
    ("hierarchyCode", Text),
    ("description", Text),
    ("lastChangeDateTime", Text),
    ("extensions", Any),
];

const LICENSE: &[(&str, Shape)] = &[
    ("identifier", Text),
    ("uri", Text),
    ("title", Text),
    ("description", Text),
    ("licenseText", Text),
    ("lastChangeDateTime", Text),
    ("extensions", Any),
];

const GROUPING: &[(&str, Shape)] = &[
    ("identifier", Text),
    ("uri", Text),
    ("title", Text),
    ("description", Text),
    ("lastChangeDateTime", Text),
    ("extensions", Any),
];

const LINK: &[(&str, Shape)] = &[("title", Text), ("identifier", Text), ("uri", Text)];

const LINK_GEN: &[(&str, Shape)] =
    &[("title", Text), ("identifier", Text), ("uri", Text), ("targetType", Text)];

/// Fields written under another name by servers before CASE 1.1 (OpenSALT wrote
/// `educationalLevel` and `subjectURL`).
const RENAMED: &[(Object, &str, &str)] = &[
    (Item, "educationalLevel", "educationLevel"),
    (Document, "subjectURL", "subjectURI"),
    (Item, "subjectURL", "subjectURI"),
];

impl Object {
    fn name(self) -> &'static str {
        match self {
            Package => "CFPackage",
            Document => "CFDocument",
            Item => "CFItem",
            Association => "CFAssociation",
            Definitions => "CFDefinitions",
            ItemType => "CFItemType",
            Subject => "CFSubject",
            Concept => "CFConcept",
            License => "CFLicense",
            Grouping => "CFAssociationGrouping",
            Link => "link",
            LinkGen => "node link",
        }
    }

    fn fields(self) -> &'static [(&'static str, Shape)] {
        match self {
            Package => PACKAGE,
            Document => DOCUMENT,
            Item => ITEM,
            Association => ASSOCIATION,
            Definitions => DEFINITIONS,
            ItemType => ITEM_TYPE,
            Subject => SUBJECT,
            Concept => CONCEPT,
            License => LICENSE,
            Grouping => GROUPING,
            Link => LINK,
            LinkGen => LINK_GEN,
        }
    }

    /// The fields CASE 1.1 requires: a null one is left as it is, for nothing can be put in
    /// its place without making it up.
    fn required(self) -> &'static [&'static str] {
        const THINGS: &[&str] =
            &["identifier", "uri", "title", "hierarchyCode", "lastChangeDateTime"];
        match self {
            Package => &["CFDocument"],
            Document => &["identifier", "uri", "creator", "title", "lastChangeDateTime"],
            Item => &["identifier", "fullStatement", "uri", "lastChangeDateTime"],
            Association => &[
                "identifier",
                "associationType",
                "uri",
                "originNodeURI",
                "destinationNodeURI",
                "lastChangeDateTime",
            ],
            Definitions => &[],
            ItemType => &[
                "identifier",
                "uri",
                "title",
                "description",
                "hierarchyCode",
                "lastChangeDateTime",
            ],
            Subject | Concept => THINGS,
            License => &["identifier", "uri", "title", "licenseText", "lastChangeDateTime"],
            Grouping => &["identifier", "uri", "title", "lastChangeDateTime"],
            Link | LinkGen => &["title", "identifier", "uri"],
        }
    }

    /// A link needs all three of its fields as text: one without is no link.
    fn is_link(self) -> bool {
        matches!(self, Link | LinkGen)
    }
}

/// What was changed to fit CASE 1.1, counted: "CFItem: `educationalLevel` renamed
/// `educationLevel`" -> 703.
#[derive(Debug, Default)]
pub struct Changes(BTreeMap<String, usize>);

impl Changes {
    fn count(&mut self, object: Object, what: String) {
        *self.0.entry(format!("{}: {what}", object.name())).or_default() += 1;
    }

    /// One line per kind of change: "CFItem: `CFDocumentURI` is not CASE 1.1: dropped (703
    /// times)".
    pub fn lines(&self) -> Vec<String> {
        self.0
            .iter()
            .map(|(what, &n)| match n {
                1 => format!("{what} (once)"),
                n => format!("{what} ({n} times)"),
            })
            .collect()
    }
}

/// Makes one object fit CASE 1.1, counting each change.
pub(super) fn fit(object: Object, value: &mut Map<String, Value>, changes: &mut Changes) {
    for &(of, from, to) in RENAMED {
        if of == object
            && !value.contains_key(to)
            && let Some(v) = value.remove(from)
        {
            value.insert(to.to_owned(), v);
            changes.count(object, format!("`{from}` renamed `{to}`"));
        }
    }
    let fields = object.fields();
    let keys: Vec<String> = value.keys().cloned().collect();
    for key in keys {
        let Some(&(_, shape)) = fields.iter().find(|(name, _)| *name == key) else {
            value.remove(&key);
            changes.count(object, format!("`{key}` is not CASE 1.1: dropped"));
            continue;
        };
        let field = value.get_mut(&key).expect("a key just listed");
        if field.is_null() {
            if object.required().contains(&key.as_str()) {
                continue;
            }
            value.remove(&key);
            changes.count(object, format!("`{key}` is null: dropped"));
            continue;
        }
        match fit_value(shape, field, changes) {
            Fitted::Same => {}
            Fitted::Changed(how) => changes.count(object, format!("`{key}` {how}")),
            Fitted::Unfit(why) => {
                value.remove(&key);
                changes.count(object, format!("`{key}` {why}: dropped"));
            }
        }
    }
}

enum Fitted {
    Same,
    Changed(&'static str),
    /// Why the value cannot be fitted.
    Unfit(&'static str),
}

const NOT_TEXT: Fitted = Fitted::Unfit("is not text");

fn fit_value(shape: Shape, value: &mut Value, changes: &mut Changes) -> Fitted {
    match shape {
        Any => Fitted::Same,
        Text => match value {
            Value::String(_) => Fitted::Same,
            Value::Number(n) => {
                *value = Value::String(n.to_string());
                Fitted::Changed("written as text")
            }
            _ => NOT_TEXT,
        },
        Texts => match value {
            Value::String(s) => {
                *value = Value::Array(vec![Value::String(std::mem::take(s))]);
                Fitted::Changed("made a list of its one text")
            }
            Value::Array(list) if list.iter().all(Value::is_string) => Fitted::Same,
            _ => Fitted::Unfit("is not a list of texts"),
        },
        Integer => match value {
            Value::Number(n) if n.is_i64() => Fitted::Same,
            Value::String(s) => match s.trim().parse::<i64>() {
                Ok(n) => {
                    *value = Value::from(n);
                    Fitted::Changed("written as a number")
                }
                Err(_) => Fitted::Unfit("is not a whole number"),
            },
            _ => Fitted::Unfit("is not a whole number"),
        },
        One(object) => match value {
            Value::Object(map) => fit_object(object, map, changes),
            _ => Fitted::Unfit("is not an object"),
        },
        List(object) => match value {
            Value::Array(list) => {
                let before = list.len();
                list.retain_mut(|element| match element {
                    Value::Object(map) => {
                        !matches!(fit_object(object, map, changes), Fitted::Unfit(_))
                    }
                    _ => false,
                });
                if list.len() == before {
                    Fitted::Same
                } else {
                    Fitted::Changed("lost elements that were not CASE 1.1")
                }
            }
            Value::Object(map) if object.is_link() => match fit_object(object, map, changes) {
                Fitted::Unfit(why) => Fitted::Unfit(why),
                _ => {
                    *value = Value::Array(vec![std::mem::take(value)]);
                    Fitted::Changed("made a list of its one link")
                }
            },
            _ => Fitted::Unfit("is not a list"),
        },
    }
}

/// An object fitted; a link without its title, identifier and uri as text is unfit.
fn fit_object(object: Object, map: &mut Map<String, Value>, changes: &mut Changes) -> Fitted {
    fit(object, map, changes);
    let complete =
        ["title", "identifier", "uri"].iter().all(|k| map.get(*k).is_some_and(Value::is_string));
    if object.is_link() && !complete {
        Fitted::Unfit("is a link without its title, identifier and uri as text")
    } else {
        Fitted::Same
    }
}

/// The package's own fields beside its lists, fitted: what CASE 1.1 defines there
/// (`CFRubrics`, `extensions`) is kept.
pub(super) fn fit_package(value: &mut Map<String, Value>, changes: &mut Changes) {
    fit(Package, value, changes)
}
