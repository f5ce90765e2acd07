//! CTDL-ASN: a framework as Credential Engine's JSON-LD. One `@graph`: the
//! `ceasn:CompetencyFramework`, a `ceasn:Competency` per category and per entry (categories of
//! the category `Category`), linked both ways (`ceasn:hasTopChild`/`ceasn:isTopChildOf`,
//! `ceasn:hasChild`/`ceasn:isChildOf`, `ceasn:isPartOf`), and the tag schemes as SKOS concept
//! schemes whose concepts the entries name in `ceasn:conceptTerm`. What CTDL-ASN has no term for
//! (a tag's inferred flag and as-written text, an entry's, its source line, the framework's id)
//! travels in peercomp's own
//! terms (`peercomp:`, declared in the context), which a CTDL-ASN reader ignores. Identifiers
//! are the UUIDs that `export --to case` gives, as registry resources; an entry read from CASE
//! or CTDL keeps its own.

use std::cell::RefCell;
use std::io::{self, Write};

use foldhash::HashMap;

use serde::Serialize;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::formats::case::Names;
use crate::formats::json::Streamed;
use crate::model::{Category, Entry, Framework};

/// The alignment kinds CTDL-ASN has: a relation of another kind has no term.
const ALIGNMENTS: [&str; 5] =
    ["exactAlignment", "majorAlignment", "minorAlignment", "broadAlignment", "narrowAlignment"];

const LANGUAGE: &str = "en-us";

fn resource(uuid: Uuid) -> String {
    resource_and_ctid(uuid).0
}

/// A CTID: `ce-` and a UUID. The CTID grammar asks for UUID version 4, which is random; so that
/// two exports give the same CTIDs, peercomp's is the version 5 UUID of the name (as CASE's
/// identifier) with version 4's bits set, which the registry cannot tell from a random one.
fn ctid(uuid: Uuid) -> String {
    let uuid = uuid::Builder::from_random_bytes(*uuid.as_bytes()).into_uuid();
    format!("ce-{uuid}")
}

/// Where the registry's resources are: a resource's `@id` is this and its CTID.
pub(super) const RESOURCES: &str = "https://credentialengineregistry.org/resources/";

/// A registry resource's `@id` and its CTID, made of one name.
fn resource_and_ctid(uuid: Uuid) -> (String, String) {
    let ctid = ctid(uuid);
    (format!("{RESOURCES}{ctid}"), ctid)
}

/// The CTID of a node with an identifier of its own: the one in its resource IRI, where it is
/// the registry's; else one made of its name (`made`).
fn kept_ctid(identifier: &str, made: Uuid) -> String {
    match identifier.strip_prefix(RESOURCES) {
        Some(ctid) if ctid.starts_with("ce-") && !ctid.contains('/') => ctid.to_owned(),
        _ => ctid(made),
    }
}

fn language(text: &str) -> Value {
    json!({ LANGUAGE: text })
}

/// The framework as one JSON-LD document, written as its nodes are made (a framework of
/// 100,000 entries once stood whole as JSON values, 544 MB for a 12 MB file), and a line for
/// each kind of thing CTDL-ASN could not hold.
pub(crate) fn write_graph(out: &mut dyn Write, framework: &Framework) -> io::Result<Vec<String>> {
    let dropped = RefCell::new(Dropped::default());
    let graph = Graph {
        context: json!(["https://credreg.net/ctdlasn/schema/context/json", {"peercomp": "urn:peercomp:"}]),
        graph: Streamed(Box::new(|sink| nodes(framework, sink, &mut dropped.borrow_mut()))),
    };
    crate::formats::json::write_value(out, &graph)?;
    drop(graph);
    Ok(dropped.into_inner().lines())
}

/// A JSON-LD document: its context, and its graph as it is made.
#[derive(Serialize)]
struct Graph<'a> {
    #[serde(rename = "@context")]
    context: Value,
    #[serde(rename = "@graph")]
    graph: Streamed<'a>,
}

/// The nodes of the framework's graph, each given to `sink` as it is made (the framework's
/// own first), until the sink says the output failed.
fn nodes(framework: &Framework, sink: &mut dyn FnMut(Value) -> bool, dropped: &mut Dropped) {
    macro_rules! emit {
        ($node:expr) => {
            if !sink($node) {
                return;
            }
        };
    }
    let names = Names(&framework.id);
    // A framework read from the registry keeps its resource.
    let document = framework.source.as_ref().and_then(|s| s.document.as_deref());
    let (me, my_ctid) = match document.filter(|d| d.starts_with(RESOURCES)) {
        Some(iri) => (iri.to_owned(), kept_ctid(iri, names.document())),
        None => resource_and_ctid(names.document()),
    };
    let by_id: HashMap<&str, &Entry> =
        framework.entries().map(|(e, _)| (e.id.as_str(), e)).collect();
    // The framework's node first: its top children are the categories, and the top-level
    // statements that no category holds.
    let top: Vec<String> = framework
        .categories
        .iter()
        .flat_map(|category| match category.gathered {
            true => category.entries.iter().map(|e| entry_id(framework, e)).collect(),
            false => vec![category_id(framework, category)],
        })
        .collect();
    let mut document = json!({
        "@id": me, "@type": "ceasn:CompetencyFramework", "ceterms:ctid": my_ctid,
        "ceasn:name": language(&framework.title), "ceasn:inLanguage": [LANGUAGE],
        "ceasn:hasTopChild": top, "peercomp:framework": framework.id,
    });
    if let Some(description) = &framework.description {
        document["ceasn:description"] = language(description);
    }
    if let Some(publisher) = framework.source.as_ref().and_then(|s| s.publisher.as_deref()) {
        document["ceasn:publisherName"] = language(publisher);
    }
    emit!(document);
    for category in &framework.categories {
        if category.gathered {
            // Top-level statements that no category holds: top-level again.
            let mut stack: Vec<(&Entry, Option<String>)> =
                category.entries.iter().rev().map(|e| (e, None)).collect();
            while let Some((entry, parent)) = stack.pop() {
                let mine = entry_id(framework, entry);
                emit!(competency(framework, entry, &mine, parent.as_deref(), &me, &by_id, dropped));
                stack.extend(entry.subitems.iter().rev().map(|s| (s, Some(mine.clone()))));
            }
            continue;
        }
        let id = category_id(framework, category);
        let children: Vec<String> =
            category.entries.iter().map(|e| entry_id(framework, e)).collect();
        let mut node = Map::new();
        node.insert("@id".into(), json!(id));
        node.insert("@type".into(), json!("ceasn:Competency"));
        let ctid = ctid(Names(&framework.id).category(&category.id));
        node.insert("ceterms:ctid".into(), json!(ctid));
        node.insert("ceasn:competencyText".into(), language(&category.title));
        node.insert("ceasn:codedNotation".into(), json!(category.id));
        node.insert("ceasn:competencyCategory".into(), language("Category"));
        let comments: Vec<&str> =
            category.description.iter().chain(&category.notes).map(String::as_str).collect();
        if !comments.is_empty() {
            node.insert("ceasn:comment".into(), json!({ LANGUAGE: comments }));
        }
        node.insert("ceasn:isPartOf".into(), json!(me));
        node.insert("ceasn:isTopChildOf".into(), json!(me));
        if !children.is_empty() {
            node.insert("ceasn:hasChild".into(), json!(children));
        }
        source_terms(&mut node, category.as_written.as_deref(), category.line);
        emit!(Value::Object(node));
        // Depth first, with a stack: each entry with its parent's @id.
        let mut stack: Vec<(&Entry, String)> =
            category.entries.iter().rev().map(|e| (e, id.clone())).collect();
        while let Some((entry, parent)) = stack.pop() {
            let mine = entry_id(framework, entry);
            emit!(competency(framework, entry, &mine, Some(&parent), &me, &by_id, dropped));
            stack.extend(entry.subitems.iter().rev().map(|s| (s, mine.clone())));
        }
    }
    for scheme in &framework.schemes {
        // In CTDL's own terms for a concept scheme; its id and short name in peercomp's.
        let (scheme_id, scheme_ctid) = resource_and_ctid(names.scheme(&scheme.id));
        let concepts: Vec<(String, String)> =
            scheme.tags().iter().map(|tag| resource_and_ctid(names.code(tag))).collect();
        let mut node = json!({
            "@id": scheme_id, "@type": "skos:ConceptScheme", "ceterms:ctid": scheme_ctid,
            "ceasn:name": language(&scheme.label), "ceasn:inLanguage": [LANGUAGE],
            "skos:hasTopConcept": concepts.iter().map(|(id, _)| id).collect::<Vec<_>>(),
            "peercomp:scheme": scheme.id, "peercomp:name": scheme.name,
        });
        if let Some(citation) = &scheme.citation {
            node["ceasn:description"] = language(citation);
        }
        dropped.count(
            !scheme.notes.is_empty() || scheme.description.is_some(),
            "a scheme's description and notes",
        );
        emit!(node);
        for (tag, (id, ctid)) in scheme.tags().iter().zip(concepts) {
            emit!(json!({
                "@id": id, "@type": "skos:Concept", "ceterms:ctid": ctid,
                "skos:prefLabel": language(framework.tag_label(tag).unwrap_or_default()),
                "skos:notation": tag.to_string(), "skos:inScheme": scheme_id,
                "skos:topConceptOf": scheme_id,
            }));
        }
        for code in &scheme.codes {
            dropped.count(!code.notes.is_empty() || !code.named_after.is_empty(), "a code's notes");
        }
    }
    dropped.count(!framework.notes.is_empty(), "the framework's notes");
    dropped.count(framework.case.is_some(), "the CASE package it was read from");
}

fn category_id(framework: &Framework, category: &Category) -> String {
    resource(Names(&framework.id).category(&category.id))
}

fn entry_id(framework: &Framework, entry: &Entry) -> String {
    entry
        .more()
        .identifier
        .clone()
        .unwrap_or_else(|| resource(Names(&framework.id).entry(&entry.id)))
}

fn competency(
    framework: &Framework,
    entry: &Entry,
    id: &str,
    parent: Option<&str>,
    me: &str,
    by_id: &HashMap<&str, &Entry>,
    dropped: &mut Dropped,
) -> Value {
    let mut node = Map::new();
    node.insert("@id".into(), json!(id));
    node.insert("@type".into(), json!("ceasn:Competency"));
    let made = Names(&framework.id).entry(&entry.id);
    let ctid = match &entry.more().identifier {
        Some(identifier) => kept_ctid(identifier, made),
        None => ctid(made),
    };
    node.insert("ceterms:ctid".into(), json!(ctid));
    node.insert("ceasn:competencyText".into(), language(&entry.text));
    if let Some(title) = &entry.more().title {
        node.insert("ceasn:competencyLabel".into(), language(title));
    }
    node.insert(
        "ceasn:codedNotation".into(),
        json!(entry.more().code.as_deref().unwrap_or(&entry.id)),
    );
    if let Some(kind) = &entry.more().item_type {
        node.insert("ceasn:competencyCategory".into(), language(kind));
    }
    if !entry.more().notes.is_empty() {
        node.insert("ceasn:comment".into(), json!({ LANGUAGE: entry.more().notes }));
    }
    node.insert("ceasn:isPartOf".into(), json!(me));
    match parent {
        Some(parent) => node.insert("ceasn:isChildOf".into(), json!(parent)),
        None => node.insert("ceasn:isTopChildOf".into(), json!(me)),
    };
    if !entry.subitems.is_empty() {
        let children: Vec<String> = entry.subitems.iter().map(|s| entry_id(framework, s)).collect();
        node.insert("ceasn:hasChild".into(), json!(children));
    }
    if !entry.tags.is_empty() {
        let names = Names(&framework.id);
        let concepts: Vec<String> =
            entry.tags.iter().map(|t| resource(names.code(&t.tag))).collect();
        node.insert("ceasn:conceptTerm".into(), json!(concepts));
        let said: Vec<Value> = entry
            .tags
            .iter()
            .filter(|t| t.inferred || t.as_written.is_some())
            .map(|t| {
                // Keys in peercomp's terms, so that JSON-LD expansion keeps them.
                let mut tag =
                    json!({"peercomp:tag": t.tag.to_string(), "peercomp:inferred": t.inferred});
                if let Some(written) = &t.as_written {
                    tag["peercomp:as_written"] = json!(written);
                }
                tag
            })
            .collect();
        if !said.is_empty() {
            node.insert("peercomp:tags".into(), json!(said));
        }
    }
    for kind in ALIGNMENTS {
        let far: Vec<String> = entry
            .more()
            .relations
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| match &r.identifier {
                Some(identifier) => identifier.clone(),
                None => by_id
                    .get(r.target.as_str())
                    .map_or_else(|| r.target.clone(), |e| entry_id(framework, e)),
            })
            .collect();
        if !far.is_empty() {
            node.insert(format!("ceasn:{kind}"), json!(far));
        }
    }
    let other_links =
        entry.more().relations.iter().filter(|r| !ALIGNMENTS.contains(&r.kind.as_str())).count();
    for _ in 0..other_links {
        dropped.count(true, "a link of a kind CTDL-ASN has no term for (precedes, isChildOf...)");
    }
    source_terms(&mut node, entry.more().as_written.as_deref(), entry.line);
    Value::Object(node)
}

/// The source's own words and line, in peercomp's terms: CTDL-ASN has none for them.
fn source_terms(node: &mut Map<String, Value>, as_written: Option<&str>, line: Option<u32>) {
    if let Some(written) = as_written {
        node.insert("peercomp:as_written".into(), json!(written));
    }
    if let Some(line) = line {
        node.insert("peercomp:line".into(), json!(line));
    }
}

/// What could not be written, counted by kind.
#[derive(Default)]
struct Dropped(Vec<(&'static str, usize)>);

impl Dropped {
    fn count(&mut self, dropped: bool, what: &'static str) {
        if !dropped {
            return;
        }
        match self.0.iter_mut().find(|(w, _)| *w == what) {
            Some((_, n)) => *n += 1,
            None => self.0.push((what, 1)),
        }
    }

    fn lines(&self) -> Vec<String> {
        self.0
            .iter()
            .map(|(what, n)| format!("CTDL-ASN has no place for {what}: dropped ({n})"))
            .collect()
    }
}
