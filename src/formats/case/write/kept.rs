//! A framework read from CASE, written back as it was read: every item, association, definition
//! and field of its package kept, with what the model changed (a text, a type, a place) written
//! over it, and new categories and entries given peercomp's identifiers. What CASE 1.1 does not
//! define is fitted to it ([`super::v11`]) and counted.

use foldhash::HashMap;
use std::cell::RefCell;

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::v11::{self, Changes, Object};
use super::{Names, Part, Streamed, link, uri};
use crate::model::compact::Json;
use crate::model::{CaseDocument, CaseItem, Category, Entry, Framework, JsonObject, Relation};

/// A JSON object being written: a kept one (a [`JsonObject`]) made a map to be changed, or a
/// new one.
type Written = Map<String, Value>;

/// The package of a framework read from CASE. Its fields in CASE's order.
#[derive(Serialize)]
pub(super) struct KeptPackage<'a> {
    #[serde(rename = "CFDocument")]
    document: Value,
    #[serde(rename = "CFItems")]
    items: Streamed<'a>,
    #[serde(rename = "CFAssociations")]
    associations: Streamed<'a>,
    #[serde(rename = "CFDefinitions", skip_serializing_if = "Option::is_none")]
    definitions: Option<Value>,
    #[serde(flatten)]
    rest: Map<String, Value>,
}

/// A node of the hierarchy as written: its identifier, and the link that names it.
struct Node {
    identifier: String,
    link: Value,
}

pub(super) fn package<'a>(
    framework: &'a Framework,
    case: &'a CaseDocument,
    changed: &'a str,
    changes: &'a RefCell<Changes>,
) -> KeptPackage<'a> {
    let mut document = case.document.to_map();
    set_text(&mut document, "title", Some(&framework.title));
    set_text(&mut document, "description", framework.description.as_deref());
    v11::fit(Object::Document, &mut document, &mut changes.borrow_mut());
    let definitions = case.definitions.clone().map(|mut d| {
        if let Value::Object(map) = &mut d {
            v11::fit(Object::Definitions, map, &mut changes.borrow_mut());
        }
        d
    });
    let mut rest = case.package.to_map();
    v11::fit_package(&mut rest, &mut changes.borrow_mut());
    let walk = move |part: Part| -> Streamed<'a> {
        Streamed(Box::new(move |sink| {
            let mut fitted = |object: Object, mut value: Written| {
                v11::fit(object, &mut value, &mut changes.borrow_mut());
                sink(Value::Object(value))
            };
            let by_id = framework.entries().map(|(e, _)| (e.id.as_str(), e)).collect();
            let writer = Writer { framework, case, changed, part, by_id };
            if !writer.walk(&mut fitted) || part == Part::Items {
                return;
            }
            for association in &case.associations {
                if !fitted(Object::Association, association.to_map()) {
                    return;
                }
            }
        }))
    };
    KeptPackage {
        document: Value::Object(document),
        items: walk(Part::Items),
        associations: walk(Part::Associations),
        definitions,
        rest,
    }
}

struct Writer<'a> {
    framework: &'a Framework,
    case: &'a CaseDocument,
    changed: &'a str,
    part: Part,
    /// The entries by id, for the links made new.
    by_id: HashMap<&'a str, &'a Entry>,
}

type Sink<'s> = dyn FnMut(Object, Written) -> bool + 's;

impl Writer<'_> {
    fn names(&self) -> Names<'_> {
        Names(&self.framework.id)
    }

    fn document(&self) -> Node {
        let d = &self.case.document;
        let text = |k: &str| d.get(k).and_then(Json::as_str).unwrap_or_default().to_owned();
        let identifier = text("identifier");
        let link = json!({"title": text("title"), "identifier": identifier, "uri": text("uri")});
        Node { identifier, link }
    }

    /// Every category and entry in order, as items or as associations; false where the sink
    /// stopped it.
    fn walk(&self, sink: &mut Sink) -> bool {
        let document = self.document();
        let top: Vec<(Option<&Category>, &[Entry])> = self
            .framework
            .categories
            .iter()
            .map(|c| match c.gathered {
                true => (None, c.entries.as_slice()),
                false => (Some(c), c.entries.as_slice()),
            })
            .collect();
        // The document's children: the categories, and the loose category's entries in its
        // place among them.
        let mut children: Vec<Child> = Vec::new();
        for (category, entries) in &top {
            match category {
                Some(c) => children.push(Child::Category(c)),
                None => children.extend(entries.iter().map(Child::Entry)),
            }
        }
        self.children(&children, &document, sink)
    }

    /// Children of one parent, each with its own children after it: recursion as deep as the
    /// sub-items go, which loading bounds.
    fn children(&self, list: &[Child], parent: &Node, sink: &mut Sink) -> bool {
        let sequence = sequence_numbers(list);
        for (i, child) in list.iter().enumerate() {
            let node = self.node(child);
            let made = match self.part {
                Part::Items => self.item(child, &node),
                Part::Associations => self.placed(child, &node, parent, sequence[i]),
            };
            if !sink(made.0, made.1) {
                return false;
            }
            if self.part == Part::Associations
                && let Child::Entry(entry) = child
            {
                for relation in &entry.more().relations {
                    if !sink(Object::Association, self.relation(&node, relation)) {
                        return false;
                    }
                }
            }
            let below: Vec<Child> = match child {
                Child::Category(c) => c.entries.iter().map(Child::Entry).collect(),
                Child::Entry(e) => e.subitems.iter().map(Child::Entry).collect(),
            };
            if !below.is_empty() && !self.children(&below, &node, sink) {
                return false;
            }
        }
        true
    }

    fn node(&self, child: &Child) -> Node {
        let names = self.names();
        let (kept, title, made) = match child {
            Child::Category(c) => (c.case.as_deref(), &c.title, names.category(&c.id)),
            Child::Entry(e) => (e.more().case.as_deref(), &e.text, names.entry(&e.id)),
        };
        let identifier = kept
            .and_then(|k| k.item.get("identifier"))
            .and_then(Json::as_str)
            .map(str::to_owned)
            .or_else(|| match child {
                Child::Entry(e) => e.more().identifier.clone(),
                Child::Category(_) => None,
            });
        match identifier {
            Some(identifier) => {
                let item_uri = kept
                    .and_then(|k| k.item.get("uri"))
                    .and_then(Json::as_str)
                    .map_or_else(|| format!("urn:uuid:{identifier}"), str::to_owned);
                let link = json!({"title": title, "identifier": identifier, "uri": item_uri});
                Node { identifier, link }
            }
            None => Node { identifier: made.to_string(), link: link(title, made) },
        }
    }

    /// The item: the one read, with the model written over it, or a new one.
    fn item(&self, child: &Child, node: &Node) -> (Object, Written) {
        let mut item = match kept(child) {
            Some(k) => k.item.to_map(),
            None => {
                let mut item = Map::new();
                item.insert("identifier".into(), json!(node.identifier));
                item.insert("uri".into(), node.link["uri"].clone());
                item.insert("lastChangeDateTime".into(), json!(self.changed));
                item
            }
        };
        match child {
            Child::Category(c) => {
                set_text(&mut item, "fullStatement", Some(&c.title));
                set_text(
                    &mut item,
                    "humanCodingScheme",
                    Some(&c.id).filter(|id| **id != node.identifier).map(|s| s.as_str()),
                );
                set_text(&mut item, "notes", c.description.as_deref());
                if c.case.is_none() {
                    item.insert("CFItemType".into(), json!("Category"));
                }
            }
            Child::Entry(e) => {
                set_text(&mut item, "fullStatement", Some(&e.text));
                let code =
                    e.more().code.as_deref().or((e.id != node.identifier).then_some(e.id.as_str()));
                set_text(&mut item, "humanCodingScheme", code);
                set_text(&mut item, "CFItemType", e.more().item_type.as_deref());
                set_text(&mut item, "abbreviatedStatement", e.more().title.as_deref());
                let notes: Vec<&str> =
                    text(&item, "notes").map(|n| n.lines().collect()).unwrap_or_default();
                if notes != e.more().notes {
                    match e.more().notes.is_empty() {
                        true => item.remove("notes"),
                        false => item.insert("notes".into(), json!(e.more().notes.join("\n"))),
                    };
                }
            }
        }
        (Object::Item, item)
    }

    /// The association that places a node under its parent: the one read, pointed at the
    /// parent it has now, or a new one.
    fn placed(
        &self,
        child: &Child,
        node: &Node,
        parent: &Node,
        sequence: Sequence,
    ) -> (Object, Written) {
        let Some(mut association) =
            kept(child).and_then(|k| k.placed_by.as_ref().map(JsonObject::to_map))
        else {
            let mut made = self.association("isChildOf", node, &parent.link);
            if let Sequence::Renumber(n) = sequence {
                made.insert("sequenceNumber".into(), json!(n));
            }
            return (Object::Association, made);
        };
        if end(&association, "originNodeURI") != Some(node.identifier.as_str()) {
            association.insert("originNodeURI".into(), node.link.clone());
        }
        if end(&association, "destinationNodeURI") != Some(parent.identifier.as_str()) {
            association.insert("destinationNodeURI".into(), parent.link.clone());
        }
        if let Sequence::Renumber(n) = sequence {
            association.insert("sequenceNumber".into(), json!(n));
        }
        (Object::Association, association)
    }

    /// An entry's link: the association read, or a new one to the entry or statement named.
    fn relation(&self, node: &Node, relation: &Relation) -> Written {
        if let Some(kept) = &relation.case {
            return kept.to_map();
        }
        let target = self
            .by_id
            .get(relation.target.as_str())
            .map(|e| self.node(&Child::Entry(e)).link)
            .unwrap_or_else(|| {
                let identifier = relation.identifier.clone().unwrap_or_else(|| relation.target.clone());
                json!({"title": relation.target, "identifier": identifier, "uri": format!("urn:uuid:{identifier}")})
            });
        self.association(&relation.kind, node, &target)
    }

    /// A new association from a node, its identifier peercomp's.
    fn association(&self, kind: &str, from: &Node, to: &Value) -> Written {
        let far = to["identifier"].as_str().unwrap_or_default();
        let identifier = self.names().association(kind, &from.identifier, far);
        let mut made = Map::new();
        made.insert("identifier".into(), json!(identifier.to_string()));
        made.insert("uri".into(), json!(uri(identifier)));
        made.insert("associationType".into(), json!(kind));
        made.insert("originNodeURI".into(), from.link.clone());
        made.insert("destinationNodeURI".into(), to.clone());
        made.insert("lastChangeDateTime".into(), json!(self.changed));
        made
    }
}

/// A child in the hierarchy: a category's item, or an entry's.
enum Child<'a> {
    Category(&'a Category),
    Entry(&'a Entry),
}

fn kept<'a>(child: &Child<'a>) -> Option<&'a CaseItem> {
    match child {
        Child::Category(c) => c.case.as_deref(),
        Child::Entry(e) => e.more().case.as_deref(),
    }
}

/// A child's sequence number: as read, or renumbered from 1 in the order the list has now.
#[derive(Clone, Copy)]
enum Sequence {
    Kept,
    Renumber(usize),
}

/// The siblings' sequence numbers are kept where they still give the siblings' order (or where
/// none has one: the order of the associations then holds); else all are renumbered.
fn sequence_numbers(list: &[Child]) -> Vec<Sequence> {
    let read: Vec<Option<i64>> = list
        .iter()
        .map(|c| {
            let n = kept(c)?.placed_by.as_ref()?.get("sequenceNumber")?;
            n.as_i64().or_else(|| n.as_str().and_then(|s| s.trim().parse().ok()))
        })
        .collect();
    let none = read.iter().all(Option::is_none)
        && list.iter().all(|c| kept(c).is_some_and(|k| k.placed_by.is_some()));
    let increasing = read.iter().all(Option::is_some) && read.windows(2).all(|w| w[0] < w[1]);
    (0..list.len())
        .map(|i| if none || increasing { Sequence::Kept } else { Sequence::Renumber(i + 1) })
        .collect()
}

/// A text field as the reader sees it: a string with something in it.
fn text<'v>(object: &'v Written, key: &str) -> Option<&'v str> {
    object.get(key).and_then(Value::as_str).filter(|s| !s.trim().is_empty())
}

/// Writes a text over a field where the model says otherwise than the field as read: what is
/// unchanged is left as it was written, down to its spaces.
fn set_text(object: &mut Written, key: &str, value: Option<&str>) {
    if text(object, key) == value {
        return;
    }
    match value {
        Some(v) => object.insert(key.to_owned(), json!(v)),
        None => object.remove(key),
    };
}

/// The identifier at one end of an association.
fn end<'v>(association: &'v Written, key: &str) -> Option<&'v str> {
    let node = association.get(key)?;
    node.get("identifier").and_then(Value::as_str).or_else(|| node.as_str())
}
