//! Entries: a statement with its id, tags, notes and sub-entries; what few entries have held
//! out of line.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::*;

/// A competency statement: an item of a category, or a sub-item of an item.
///
/// What every entry has is held in line; what few have (a title, notes, CASE's fields) is held
/// out of line in [`More`], so that an entry without any costs one pointer for them: read with
/// [`Entry::more`], written with [`Entry::more_mut`]. Files read and write it as one object of
/// [`EntryFields`]' fields.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Id, unique in the framework (`6.8`, `factors.9`).
    pub id: Name,
    /// Line of the source document the text comes from.
    pub line: Option<u32>,
    /// The statement, verbatim from the source (or corrected, with `as_written` beside it).
    pub text: String,
    /// The sources the entry is attributed to: shared, where read from a file, with every entry
    /// that carries the same tag.
    pub tags: Tags,
    /// Its sub-items, in document order.
    pub subitems: Vec<Entry>,
    /// The rest, where it has any.
    pub(super) more: Option<Box<More>>,
}

/// Entries are equal where all they hold is, whether or not an empty `More` is held.
impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && self.line == other.line
            && self.text == other.text
            && self.tags == other.tags
            && self.subitems == other.subitems
            && self.more() == other.more()
    }
}

/// What few entries have: see [`Entry::more`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct More {
    /// A short name, for frameworks whose entries have one (the agency's factors).
    pub title: Option<String>,
    /// The source's line as written, where the entry corrects its text or its number.
    pub as_written: Option<String>,
    /// Editorial notes: corrections, inferences and overlaps, with reasons.
    pub notes: Vec<String>,
    /// The kind of statement, where the source says (CASE's CFItemType).
    pub item_type: Option<String>,
    /// The source's own code for the entry, where it differs from `id` (CASE's humanCodingScheme).
    pub code: Option<String>,
    /// Links to other statements that are not tags (CASE associations: precedes, exemplar...).
    pub relations: Vec<Relation>,
    /// The identifier of the CASE item it was read from, by which associations in other
    /// frameworks name it.
    pub identifier: Option<String>,
    /// The CASE item it was read from, as read.
    pub case: Option<Box<CaseItem>>,
}

impl More {
    /// Held out of line where it holds anything; None, costing nothing, where it is empty.
    pub(super) fn boxed(self) -> Option<Box<More>> {
        (self != NO_MORE).then(|| Box::new(self))
    }
}

/// The `More` of an entry that has none.
static NO_MORE: More = More {
    title: None,
    as_written: None,
    notes: Vec::new(),
    item_type: None,
    code: None,
    relations: Vec::new(),
    identifier: None,
    case: None,
};

/// A competency statement: an item of a category, or a sub-item of an item.
#[derive(JsonSchema)]
#[serde(rename = "Entry", deny_unknown_fields)]
pub struct EntryFields {
    /// Id, unique in the framework (`6.8`, `factors.9`).
    #[schemars(with = "String")]
    pub id: Name,
    /// Line of the source document the text comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// A short name, for frameworks whose entries have one (the agency's factors).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The statement, verbatim from the source (or corrected, with `as_written` beside it).
    pub text: String,
    /// The source's line as written, where the entry corrects its text or its number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_written: Option<String>,
    /// The sources the entry is attributed to.
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    #[schemars(with = "Vec<Tag>")]
    pub tags: Tags,
    /// Editorial notes: corrections, inferences and overlaps, with reasons.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Its sub-items, in document order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subitems: Vec<Entry>,
    /// The kind of statement, where the source says (CASE's CFItemType).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_type: Option<String>,
    /// The source's own code for the entry, where it differs from `id` (CASE's humanCodingScheme).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Links to other statements that are not tags (CASE associations: precedes, exemplar...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
    /// The identifier of the CASE item it was read from, by which associations in other
    /// frameworks name it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    /// The CASE item it was read from, as read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<Box<CaseItem>>,
}

impl From<EntryFields> for Entry {
    fn from(f: EntryFields) -> Self {
        let mut entry = Entry::new(f.id, f.text);
        entry.line = f.line;
        entry.tags = f.tags;
        entry.subitems = f.subitems;
        let more = More {
            title: f.title,
            as_written: f.as_written,
            notes: f.notes,
            item_type: f.item_type,
            code: f.code,
            relations: f.relations,
            identifier: f.identifier,
            case: f.case,
        };
        entry.more = more.boxed();
        entry
    }
}

/// Written field by field in [`EntryFields`]' order, each only where it holds something.
impl Serialize for Entry {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        fn field<S: SerializeStruct, T: Serialize + ?Sized>(
            s: &mut S,
            key: &'static str,
            value: Option<&T>,
        ) -> Result<(), S::Error> {
            match value {
                Some(value) => s.serialize_field(key, value),
                None => s.skip_field(key),
            }
        }
        let m = self.more();
        let given = [
            self.line.is_some(),
            m.title.is_some(),
            m.as_written.is_some(),
            !self.tags.is_empty(),
            !m.notes.is_empty(),
            !self.subitems.is_empty(),
            m.item_type.is_some(),
            m.code.is_some(),
            !m.relations.is_empty(),
            m.identifier.is_some(),
            m.case.is_some(),
        ];
        let len = 2 + given.iter().filter(|&&g| g).count();
        let mut s = serializer.serialize_struct("Entry", len)?;
        field(&mut s, "id", Some(&self.id))?;
        field(&mut s, "line", self.line.as_ref())?;
        field(&mut s, "title", m.title.as_ref())?;
        field(&mut s, "text", Some(&self.text))?;
        field(&mut s, "as_written", m.as_written.as_ref())?;
        field(&mut s, "tags", Some(self.tags.as_slice()).filter(|v| !v.is_empty()))?;
        field(&mut s, "notes", Some(&m.notes).filter(|v| !v.is_empty()))?;
        field(&mut s, "subitems", Some(&self.subitems).filter(|v| !v.is_empty()))?;
        field(&mut s, "item_type", m.item_type.as_ref())?;
        field(&mut s, "code", m.code.as_ref())?;
        field(&mut s, "relations", Some(&m.relations).filter(|v| !v.is_empty()))?;
        field(&mut s, "identifier", m.identifier.as_ref())?;
        field(&mut s, "case", m.case.as_ref())?;
        s.end()
    }
}

/// A link from an entry to another statement, in this framework or elsewhere.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// What the link says, such as `precedes` or `isRelatedTo`.
    pub kind: String,
    /// The id of the entry linked to, where it is in this framework; else its title or URI.
    pub target: String,
    /// The CASE identifier of the statement linked to, where it is outside this framework: an
    /// entry of another framework loaded may have it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    /// The CASE association it was read from, as read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<Box<JsonObject>>,
}

/// A list as read, holding no more room than its items need. A list grows by doubling as it is
/// read, and one tag takes room for four: given back, an entry read from a large file costs
/// about half as much memory.
pub(super) fn exact<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    let mut list = Vec::deserialize(deserializer)?;
    list.shrink_to_fit();
    Ok(list)
}

impl Entry {
    /// An entry with an id and a text, and nothing else yet.
    pub fn new(id: impl Into<Name>, text: impl Into<String>) -> Self {
        Entry {
            id: id.into(),
            line: None,
            text: text.into(),
            tags: Tags::new(),
            subitems: vec![],
            more: None,
        }
    }

    /// What few entries have: its title, notes, CASE fields. All empty where it has none.
    pub fn more(&self) -> &More {
        self.more.as_deref().unwrap_or(&NO_MORE)
    }

    /// What few entries have, to be written.
    pub fn more_mut(&mut self) -> &mut More {
        self.more.get_or_insert_with(Box::default)
    }

    /// The tags to use: all of them, or only those printed in the source.
    pub fn tags_to_use(&self, as_written_only: bool) -> impl Iterator<Item = &Tag> {
        self.tags.iter().map(|t| &**t).filter(move |t| !(as_written_only && t.inferred))
    }
}
