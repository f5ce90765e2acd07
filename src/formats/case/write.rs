//! CASE 1.1 (1EdTech Competencies and Academic Standards Exchange): a framework as CFPackages.
//!
//! A CFPackage holds one CFDocument, so a framework becomes several: its own (categories, entries
//! and `isChildOf` associations in order), then one per tag scheme, whose codes are its items.
//! Each entry is associated with each code it is tagged with (`exactMatchOf` where the entry's
//! statement is the code's name, else `isRelatedTo`), the tag's as_written text and inferred flag
//! in the association's `extensions.peercomp` (and, for people, its notes). Identifiers are
//! UUID v5 of stable names, so that exporting twice gives the same identifiers; URIs are
//! `urn:uuid:` URIs.

use serde::Serialize;
use serde::ser::Serializer;

use crate::formats::json::Streamed;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::model::{Entry, Framework, LinkKind, Scheme, TagRef, label_name};

mod kept;
mod v11;

pub use v11::Changes;

/// The namespace of peercomp's CASE identifiers: UUID v5 of "peercomp" in the OID namespace.
fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_OID, b"peercomp")
}

fn id(name: &str) -> Uuid {
    Uuid::new_v5(&namespace(), name.as_bytes())
}

fn uri(uuid: Uuid) -> String {
    format!("urn:uuid:{uuid}")
}

fn link(title: &str, uuid: Uuid) -> Value {
    json!({"title": title, "identifier": uuid.to_string(), "uri": uri(uuid)})
}

/// A link to an object by an identifier kept from a CASE file, which need not be a UUID: its
/// URI is `urn:uuid:` where it is one, the identifier itself where it is a URI already, else a
/// URN of peercomp's.
fn link_to(title: &str, identifier: &str) -> Value {
    let uri = match Uuid::parse_str(identifier) {
        Ok(uuid) => uri(uuid),
        Err(_) if identifier.contains(':') => identifier.to_owned(),
        Err(_) => format!("urn:peercomp:{identifier}"),
    };
    json!({"title": title, "identifier": identifier, "uri": uri})
}

/// The identifier of a tag's item in its scheme's package: the one it was read with, else
/// peercomp's (of the framework `framework_id`).
pub(crate) fn code_identifier(framework_id: &str, scheme: Option<&Scheme>, tag: &TagRef) -> String {
    let kept = scheme.and_then(|s| s.identifier_of(tag));
    kept.map_or_else(|| Names(framework_id).code(tag).to_string(), str::to_owned)
}

/// The names behind the identifiers, one place for all of them.
pub(crate) struct Names<'a>(pub(crate) &'a str);

impl Names<'_> {
    pub(crate) fn document(&self) -> Uuid {
        id(&format!("{}/document", self.0))
    }
    pub(crate) fn category(&self, category: &str) -> Uuid {
        id(&format!("{}/category/{category}", self.0))
    }
    pub(crate) fn entry(&self, entry: &str) -> Uuid {
        id(&format!("{}/entry/{entry}", self.0))
    }
    pub(crate) fn scheme(&self, scheme: &str) -> Uuid {
        id(&format!("{}/scheme/{scheme}", self.0))
    }
    pub(crate) fn code(&self, tag: &TagRef) -> Uuid {
        id(&format!("{}/tag/{tag}", self.0))
    }
    fn association(&self, kind: &str, from: &str, to: &str) -> Uuid {
        id(&format!("{}/association/{kind}/{from}/{to}", self.0))
    }
    fn item_type(&self, title: &str) -> Uuid {
        id(&format!("{}/item-type/{title}", self.0))
    }
    /// The `CFItemTypeURI` of an item of this type, by which importers (OpenSALT's) link it
    /// to its CFItemType.
    fn item_type_link(&self, title: &str) -> Value {
        link(title, self.item_type(title))
    }
}

/// The framework's own package: its categories and entries, and its tags as associations with
/// the codes of its schemes (each scheme a package of its own, [`SchemePackage`]). It is written
/// as it is made, an item or an association at a time, so that exporting costs memory in
/// proportion to one item, not to the framework (a whole package as JSON values took about 100
/// times the size of its JSON).
///
/// A framework read from CASE is written as it was read (`kept`). What did not fit CASE 1.1 is
/// counted in `changes`.
pub struct FrameworkPackage<'a> {
    framework: &'a Framework,
    changed: &'a str,
    /// What was changed to fit CASE 1.1, for the exporter to say.
    pub changes: std::cell::RefCell<Changes>,
}

/// The package of a framework (see [`FrameworkPackage`]); `changed` is its date
/// ([`change_time`]).
pub fn framework_package<'a>(framework: &'a Framework, changed: &'a str) -> FrameworkPackage<'a> {
    FrameworkPackage { framework, changed, changes: Default::default() }
}

impl Serialize for FrameworkPackage<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (framework, changed) = (self.framework, self.changed);
        match &framework.case {
            Some(case) => {
                kept::package(framework, case, changed, &self.changes).serialize(serializer)
            }
            None => main_package(framework, changed).serialize(serializer),
        }
    }
}

/// A tag scheme of a framework as a package of its own: its codes as items.
pub struct SchemePackage<'a> {
    framework: &'a Framework,
    scheme: &'a Scheme,
    changed: String,
}

/// The packages of the framework's tag schemes, in its order (see [`SchemePackage`]).
pub fn scheme_packages<'a>(framework: &'a Framework, changed: &str) -> Vec<SchemePackage<'a>> {
    let package = |scheme| SchemePackage { framework, scheme, changed: changed.to_owned() };
    framework.schemes.iter().map(package).collect()
}

impl SchemePackage<'_> {
    /// The scheme's id.
    pub fn scheme(&self) -> &str {
        &self.scheme.id
    }
}

impl Serialize for SchemePackage<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        scheme_package(self.framework, self.scheme, &self.changed).serialize(serializer)
    }
}

/// A CFPackage: its document and definitions as values, its items and associations streamed.
/// Its fields in the order of their names, as the JSON values they were before.
#[derive(Serialize)]
struct Package<'a> {
    #[serde(rename = "CFAssociations")]
    associations: Streamed<'a>,
    #[serde(rename = "CFDefinitions")]
    definitions: Value,
    #[serde(rename = "CFDocument")]
    document: Value,
    #[serde(rename = "CFItems")]
    items: Streamed<'a>,
}

/// What a walk over the framework makes: its items, or its associations.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    Items,
    Associations,
}

fn main_package<'a>(framework: &'a Framework, changed: &'a str) -> Package<'a> {
    let names = Names(&framework.id);
    let document = names.document();
    let mut document_json = json!({
        "identifier": document.to_string(),
        "uri": uri(document),
        "creator": framework.source.as_ref().and_then(|s| s.publisher.clone()).unwrap_or_else(|| "peercomp".to_owned()),
        "title": framework.title,
        "lastChangeDateTime": changed,
        "caseVersion": "1.1",
        "frameworkType": "Competency framework",
        // So that peercomp reads its own export back under the same framework id, and with
        // its schemes, whether or not their packages are read with it.
        "extensions": {"peercomp": {
            "framework": framework.id, "schemes": framework.schemes, "source": framework.source,
        }},
    });
    if let Some(description) = &framework.description {
        document_json["description"] = json!(description);
    }
    if let Some(source) = &framework.source {
        document_json["notes"] = json!(format!("Source: {}", source.title));
        if let Some(publisher) = &source.publisher {
            document_json["publisher"] = json!(publisher);
        }
    }
    let walk = move |part: Part| -> Streamed<'a> {
        Streamed(Box::new(move |sink| {
            walk_framework(framework, changed, part, sink);
        }))
    };
    let types = item_types(&names, &["Category", "Competency", "Sub-competency"], changed);
    Package {
        document: document_json,
        items: walk(Part::Items),
        associations: walk(Part::Associations),
        definitions: json!({"CFItemTypes": types}),
    }
}

/// The framework's categories and entries in order, as items or as associations; false where
/// the sink stopped it.
fn walk_framework(
    framework: &Framework,
    changed: &str,
    part: Part,
    sink: &mut dyn FnMut(Value) -> bool,
) -> bool {
    let names = Names(&framework.id);
    let document_link = link(&framework.title, names.document());
    for (i, category) in framework.categories.iter().enumerate() {
        let uuid = names.category(&category.id);
        let made = match part {
            Part::Items => {
                let mut item = json!({
                    "identifier": uuid.to_string(),
                    "uri": uri(uuid),
                    "fullStatement": category.title,
                    "humanCodingScheme": category.id,
                    "CFItemType": "Category",
                    "CFItemTypeURI": names.item_type_link("Category"),
                    "listEnumeration": (i + 1).to_string(),
                    "lastChangeDateTime": changed,
                });
                if let Some(description) = &category.description {
                    item["notes"] = json!(description);
                }
                item
            }
            Part::Associations => {
                let own = link(&category.title, uuid);
                child_of(&names, &category.id, &own, &document_link, i, changed)
            }
        };
        if !sink(made) {
            return false;
        }
        let parent = link(&category.title, uuid);
        let walk = Walk { names: &names, framework, changed, part };
        if !walk.entries(&category.entries, &parent, "Competency", sink) {
            return false;
        }
    }
    true
}

/// A walk over entries, making items or associations.
struct Walk<'a> {
    names: &'a Names<'a>,
    framework: &'a Framework,
    changed: &'a str,
    part: Part,
}

impl Walk<'_> {
    /// The entries of a list and, after each, its sub-items: recursion as deep as the sub-items
    /// go, which loading bounds (`MAX_SUBITEM_DEPTH`).
    fn entries(
        &self,
        list: &[Entry],
        parent: &Value,
        item_type: &str,
        sink: &mut dyn FnMut(Value) -> bool,
    ) -> bool {
        let (names, changed) = (self.names, self.changed);
        for (j, entry) in list.iter().enumerate() {
            let uuid = names.entry(&entry.id);
            if self.part == Part::Items {
                let mut item = json!({
                    "identifier": uuid.to_string(),
                    "uri": uri(uuid),
                    "fullStatement": entry.text,
                    "humanCodingScheme": entry.id,
                    "CFItemType": item_type,
                    "CFItemTypeURI": names.item_type_link(item_type),
                    "listEnumeration": (j + 1).to_string(),
                    "lastChangeDateTime": changed,
                });
                if let Some(title) = &entry.more().title {
                    item["abbreviatedStatement"] = json!(title);
                }
                if !entry.more().notes.is_empty() {
                    item["notes"] = json!(entry.more().notes.join("\n"));
                }
                // What CASE has no field for, for peercomp to read back: the source's words where
                // the entry corrects them, and the source's line.
                let mut own = serde_json::Map::new();
                if let Some(written) = &entry.more().as_written {
                    own.insert("as_written".into(), json!(written));
                }
                if let Some(line) = entry.line {
                    own.insert("line".into(), json!(line));
                }
                if !own.is_empty() {
                    item["extensions"] = json!({"peercomp": own});
                }
                if !sink(item) {
                    return false;
                }
            } else {
                let own = link(&entry.text, uuid);
                let association = child_of(names, &entry.id, &own, parent, j, changed);
                if !sink(association) {
                    return false;
                }
                for tag in &entry.tags {
                    if !sink(self.tag_association(entry, uuid, tag)) {
                        return false;
                    }
                }
            }
            if !entry.subitems.is_empty() {
                let origin = link(&entry.text, uuid);
                if !self.entries(&entry.subitems, &origin, "Sub-competency", sink) {
                    return false;
                }
            }
        }
        true
    }

    /// The association of an entry with a code it is tagged with.
    fn tag_association(&self, entry: &Entry, uuid: Uuid, tag: &crate::model::Tag) -> Value {
        let names = self.names;
        let label = self.framework.tag_label(&tag.tag).unwrap_or_default();
        let exact = label_name(label) == Some(entry.text.as_str());
        let kind = if exact { "exactMatchOf" } else { "isRelatedTo" };
        let scheme = self.framework.scheme(&tag.tag.scheme);
        let code = code_identifier(&self.framework.id, scheme, &tag.tag);
        let mut notes = format!("tag {}; inferred: {}", tag.tag, tag.inferred);
        if let Some(written) = &tag.as_written {
            notes.push_str(&format!("; as written: {written}"));
        }
        // The notes are for people; the tag's metadata travels structured, in peercomp's
        // extension, which the reader takes it from.
        let mut tag_extension = json!({"tag": tag.tag.to_string(), "inferred": tag.inferred});
        if let Some(written) = &tag.as_written {
            tag_extension["as_written"] = json!(written);
        }
        let identifier = names.association(kind, &entry.id, &tag.tag.to_string());
        json!({
            "identifier": identifier.to_string(),
            "uri": uri(identifier),
            "associationType": kind,
            "originNodeURI": link(&entry.text, uuid),
            "destinationNodeURI": link_to(label, &code),
            "lastChangeDateTime": self.changed,
            "notes": notes,
            "extensions": {"peercomp": tag_extension},
        })
    }
}

fn child_of(
    names: &Names,
    child: &str,
    own: &Value,
    parent: &Value,
    position: usize,
    changed: &str,
) -> Value {
    let association =
        names.association("isChildOf", child, parent["identifier"].as_str().unwrap_or_default());
    json!({
        "identifier": association.to_string(),
        "uri": uri(association),
        "associationType": "isChildOf",
        "sequenceNumber": position + 1,
        "originNodeURI": own,
        "destinationNodeURI": parent,
        "lastChangeDateTime": changed,
    })
}

fn item_types(names: &Names, types: &[&str], changed: &str) -> Vec<Value> {
    types
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let uuid = names.item_type(t);
            json!({"identifier": uuid.to_string(), "uri": uri(uuid), "title": t, "description": t,
                   "hierarchyCode": (i + 1).to_string(), "lastChangeDateTime": changed})
        })
        .collect()
}

/// A scheme as a document of its own: its codes (or the scheme itself, where it has none) as items.
fn scheme_package<'a>(
    framework: &'a Framework,
    scheme: &'a Scheme,
    changed: &'a str,
) -> Package<'a> {
    let names = Names(&framework.id);
    let document = names.scheme(&scheme.id);
    let mut document_json = json!({
        "identifier": document.to_string(),
        "uri": uri(document),
        "creator": "peercomp",
        "title": scheme.label,
        "lastChangeDateTime": changed,
        "caseVersion": "1.1",
        "frameworkType": "Tag scheme",
        "notes": format!("Tag scheme '{}' of the framework '{}'.", scheme.id, framework.id),
        "extensions": {"peercomp": {"framework": framework.id, "scheme": scheme.id}},
    });
    if let Some(citation) = &scheme.citation {
        document_json["description"] = json!(citation);
    }
    let walk = move |part: Part| -> Streamed<'a> {
        Streamed(Box::new(move |sink| {
            let names = Names(&framework.id);
            let document_link = link(&scheme.label, names.scheme(&scheme.id));
            // One code at a time: a scheme's codes are not kept as tags all at once.
            let tags: Box<dyn Iterator<Item = TagRef>> = if scheme.codes.is_empty() {
                Box::new(std::iter::once(TagRef::new(&scheme.id, None)))
            } else {
                Box::new(scheme.codes.iter().map(|c| TagRef::new(&scheme.id, Some(&c.code))))
            };
            for (i, tag) in tags.enumerate() {
                let identifier = code_identifier(&framework.id, Some(scheme), &tag);
                let label = framework.tag_label(&tag).unwrap_or_default();
                let own = link_to(label, &identifier);
                let made = match part {
                    Part::Items => json!({
                        "identifier": identifier,
                        "uri": own["uri"],
                        "fullStatement": label,
                        "humanCodingScheme": tag.to_string(),
                        "CFItemType": "Code",
                        "CFItemTypeURI": names.item_type_link("Code"),
                        "listEnumeration": (i + 1).to_string(),
                        "lastChangeDateTime": changed,
                    }),
                    Part::Associations => {
                        child_of(&names, &tag.to_string(), &own, &document_link, i, changed)
                    }
                };
                if !sink(made) {
                    return;
                }
            }
        }))
    };
    Package {
        document: document_json,
        items: walk(Part::Items),
        associations: walk(Part::Associations),
        definitions: json!({"CFItemTypes": item_types(&names, &["Code"], changed)}),
    }
}

/// One link of an alignment: its two entries, its kind, and the score it was suggested with.
pub type AlignedPair<'a> = (&'a Entry, &'a Entry, LinkKind, Option<f64>);

/// Links between the entries of two frameworks as one CFPackage: a CFDocument for the
/// alignment, and a CFAssociation per link (`exactMatchOf` or `isRelatedTo`) between the
/// entries' identifiers as `export --to case` gives them. The kind and the score travel in the
/// association's `extensions.peercomp`.
pub fn alignment_package(
    from: &Framework,
    to: &Framework,
    links: &[AlignedPair],
    changed: &str,
) -> Value {
    let names = Names(&from.id);
    let document = id(&format!("{}/alignment/{}/document", from.id, to.id));
    let (from_names, to_names) = (Names(&from.id), Names(&to.id));
    let associations: Vec<Value> = links
        .iter()
        .map(|&(a, b, kind, score)| {
            let identifier = names.association(&format!("alignment/{}", to.id), &a.id, &b.id);
            let mut extension = json!({"kind": kind.as_str(), "from": a.id, "to": b.id});
            if let Some(score) = score {
                extension["score"] = json!(score);
            }
            json!({
                "identifier": identifier.to_string(),
                "uri": uri(identifier),
                "associationType": kind.case_type(),
                "originNodeURI": entry_link(a, &from_names),
                "destinationNodeURI": entry_link(b, &to_names),
                "lastChangeDateTime": changed,
                "extensions": {"peercomp": extension},
            })
        })
        .collect();
    json!({
        "CFDocument": {
            "identifier": document.to_string(),
            "uri": uri(document),
            "creator": "peercomp",
            "title": format!("{} to {}", from.title, to.title),
            "lastChangeDateTime": changed,
            "caseVersion": "1.1",
            "description": format!(
                "Links from the entries of {} to those of {} that say the same thing.",
                from.id, to.id
            ),
            "extensions": {"peercomp": {"alignment": {"from": from.id, "to": to.id}}},
        },
        "CFAssociations": associations,
    })
}

/// A link to an entry: by the identifier of the CASE item it was read from, else by the one
/// `export --to case` gives it.
fn entry_link(entry: &Entry, names: &Names) -> Value {
    match &entry.more().identifier {
        Some(identifier) => json!({
            "title": entry.text,
            "identifier": identifier,
            "uri": format!("urn:uuid:{identifier}"),
        }),
        None => link(&entry.text, names.entry(&entry.id)),
    }
}

/// A framework's `lastChangeDateTime`, never the clock's, so that two exports of the same data
/// are the same bytes: its source's date where it has one peercomp reads ([`source_date`]),
/// else `SOURCE_DATE_EPOCH`, else the Unix epoch. Beside it, what to say where the date is not
/// the framework's own.
pub fn change_time(framework: &Framework) -> (String, Option<String>) {
    let written = framework.source.as_ref().and_then(|s| s.date.as_deref());
    if let Some(date) = written.and_then(source_date) {
        return (rfc3339(date), None);
    }
    let why = match written {
        Some(date) => format!(
            "its source's date '{date}' is not one peercomp reads (2020-01-23, January 23, 2020)"
        ),
        None => "it names no date (source: date:)".to_owned(),
    };
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.parse::<i64>().ok());
    match epoch.and_then(|s| jiff::Timestamp::from_second(s).ok()) {
        Some(time) => (rfc3339(time), None),
        None => {
            let note = format!(
                "{}: {why}, nor does SOURCE_DATE_EPOCH: its lastChangeDateTime is the Unix epoch",
                framework.id
            );
            (rfc3339(jiff::Timestamp::UNIX_EPOCH), Some(note))
        }
    }
}

/// A source's date as people write it: an RFC 3339 time (as CASE has it), `2020-01-23`,
/// `January 23, 2020`, `23 January 2020`, `January 2020`, `2020-01` or `2020`, at midnight UTC.
pub fn source_date(written: &str) -> Option<jiff::Timestamp> {
    use jiff::civil::Date;
    let written = written.trim();
    if let Ok(time) = written.parse::<jiff::Timestamp>() {
        return Some(time);
    }
    let date = written
        .parse::<Date>()
        .ok()
        .or_else(|| Date::strptime("%B %d, %Y", written).ok())
        .or_else(|| Date::strptime("%b %d, %Y", written).ok())
        .or_else(|| Date::strptime("%d %B %Y", written).ok())
        .or_else(|| Date::strptime("%B %Y %d", format!("{written} 1")).ok())
        .or_else(|| Date::strptime("%Y-%m-%d", format!("{written}-01")).ok())
        .or_else(|| Date::strptime("%Y-%m-%d", format!("{written}-01-01")).ok())?;
    date.to_zoned(jiff::tz::TimeZone::UTC).ok().map(|z| z.timestamp())
}

/// `YYYY-MM-DDTHH:MM:SS+00:00`, to the second.
fn rfc3339(time: jiff::Timestamp) -> String {
    format!("{:.0}", time.display_with_offset(jiff::tz::Offset::UTC))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_dates() {
        let at = |s| rfc3339(jiff::Timestamp::from_second(s).unwrap());
        assert_eq!(at(0), "1970-01-01T00:00:00+00:00");
        assert_eq!(at(951_782_400), "2000-02-29T00:00:00+00:00");
        assert_eq!(at(1_795_304_096), "2026-11-21T23:34:56+00:00");
    }

    #[test]
    fn source_dates_as_people_write_them() {
        let day = |s| source_date(s).map(rfc3339);
        let expected = Some("2020-01-23T00:00:00+00:00".to_owned());
        for written in ["January 23, 2020", "2020-01-23", "23 January 2020", "Jan 23, 2020"] {
            assert_eq!(day(written), expected, "{written}");
        }
        assert_eq!(day("2020-01-23T00:00:00+00:00"), expected);
        assert_eq!(day("January 2020").as_deref(), Some("2020-01-01T00:00:00+00:00"));
        assert_eq!(day("2020-01").as_deref(), Some("2020-01-01T00:00:00+00:00"));
        assert_eq!(day("2020").as_deref(), Some("2020-01-01T00:00:00+00:00"));
        for nonsense in ["", "soon", "2020-13-01", "February 30, 2020"] {
            assert_eq!(day(nonsense), None, "{nonsense}");
        }
    }
}
