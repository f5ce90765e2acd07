//! The framework model: plain data, read from YAML or JSON by one set of serde derives.
//!
//! A framework holds tag schemes (the sources an entry can be attributed to) and categories of
//! entries; an entry may hold sub-entries of its own (`subitems`). Nothing here formats or filters.

use std::cell::RefCell;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `impl JsonSchema for $ty`, named `$name`, with the schema of `$form`: the type a file writes,
/// where the model holds it otherwise.
macro_rules! schema_as {
    ($ty:ty, $name:literal, $form:ty) => {
        impl schemars::JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $name.into()
            }

            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                <$form as schemars::JsonSchema>::json_schema(generator)
            }
        }
    };
}

mod alignment;
mod case;
mod curriculum;
mod entry_de;
mod requirements;

pub use alignment::{Alignment, Link, LinkKind};
pub use case::{CaseDocument, CaseItem, JsonObject};
pub use curriculum::{Curriculum, Module, Reference, TextAt};
pub use requirements::{Requirement, Requirements};

/// A short text: an entry's id, a tag's scheme or code. Held in the value itself up to 24 bytes,
/// where a `String` would take a heap block for each: a million entries hold about two million.
pub type Name = compact_str::CompactString;

/// How deep sub-items may nest under an item (an item's sub-items are at depth 1). A framework
/// file holds no more: its YAML reader stops at 32 levels of nesting, which sub-items 12 deep,
/// with their tags, reach. Checked on every framework, whatever format it came in, so that
/// whatever peercomp reads it can write and read back.
pub const MAX_SUBITEM_DEPTH: usize = 12;

/// The columns of a framework as a spreadsheet, a row per entry: what `export --to csv` and
/// `--to xlsx` write and `--data FILE.csv` (or `.xlsx`) reads back.
pub const SHEET_COLUMNS: [&str; 12] = [
    "framework",
    "id",
    "parent",
    "category",
    "category_title",
    "title",
    "text",
    "tags",
    "as_written",
    "inferred",
    "notes",
    "text_as_written",
];

/// One competency framework, as written in a `framework/*.yaml` file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Short, unique id, used by `--framework` and in qualified entry ids (`peer-worker/6.8`).
    pub id: String,
    /// The framework's title.
    pub title: String,
    /// The document it was taken from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// Line of the source document that the description comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// What the framework is, in its source's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Editorial notes: what peercomp corrected or inferred, and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The tag schemes its entries are attributed to.
    #[serde(default)]
    pub schemes: Vec<Scheme>,
    /// Its categories, in document order.
    pub categories: Vec<Category>,
    /// What the CASE package it was read from says beyond the model, written back by
    /// `export --to case`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<Box<CaseDocument>>,
}

/// The document a framework was taken from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The document's title.
    pub title: String,
    /// Who published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// When, as the document says it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The file the `line` fields of the framework refer to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
}

/// A tag scheme: a source that entries are attributed to, with its codes (exam domains, best
/// practices). A scheme without codes is a tag of its own (`samhsa`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    /// Short id, used in tags (`icrc`).
    pub id: String,
    /// Short name for column headers ("IC&RC").
    pub name: String,
    /// What the scheme stands for, in full.
    pub label: String,
    /// Line of the source document that names the scheme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// Where the scheme comes from, for readers to check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    /// What the scheme is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Editorial notes on the scheme.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Its codes; none where the scheme is a tag of its own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<Code>,
}

/// One code of a scheme, such as IC&RC domain 4.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Code {
    /// The code, as tags write it after the scheme (`4` in `icrc:4`).
    pub code: String,
    /// Its label in full ("IC&RC Domain 4: Recovery/Wellness Support").
    pub label: String,
    /// Where the source gives the code no name, the entries whose statement its label takes
    /// the name from (RFC Best Practice 3 is named after 6.9, "Addresses barriers to housing").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub named_after: Vec<String>,
    /// Editorial notes on the code.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// A category of entries, such as the peer-worker list's twelve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Short id, unique in the framework (`6`, `factors`).
    pub id: String,
    /// The category's title.
    pub title: String,
    /// Line of the source document that the title comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// The category's introduction, where the source has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The source's own text where `description` corrects it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_written: Option<String>,
    /// Editorial notes: why its tags are what they are.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Its items, in document order.
    #[serde(default, deserialize_with = "exact")]
    pub entries: Vec<Entry>,
    /// Made by peercomp to gather a CASE or CTDL-ASN framework's top-level statements that are
    /// no category: written back, its entries are top-level again, and it is nothing itself.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub gathered: bool,
    /// The CASE item it was read from, as read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<Box<CaseItem>>,
}

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
    more: Option<Box<More>>,
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
    fn boxed(self) -> Option<Box<More>> {
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

// An entry as a file writes it, every field in one object: what the schema shows and the CASE,
// CTDL-ASN and sheet readers build, made an `Entry` at once (a JSON or YAML file is read straight
// into an `Entry`: `entry_de`). Its description is the schema's; `skip_serializing_if` says what
// `Entry`'s own `Serialize` leaves out, and keeps the schema from giving empty defaults.
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

schema_as!(Entry, "Entry", EntryFields);

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

/// An entry's tags: up to two held in the entry itself, where a list would take a heap block
/// (32 bytes, for the one tag that most entries carry).
pub type Tags = smallvec::SmallVec<[Arc<Tag>; 2]>;

/// An entry's attribution to a scheme, or to one code of it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tag {
    /// The scheme, or scheme and code.
    pub tag: TagRef,
    /// The source's own words for the tag; absent where it wrote none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_written: Option<String>,
    /// True where the tag is not printed in the source; the entry's notes (or, for a whole
    /// scheme, its description) say why it is there.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
}

/// `scheme` or `scheme:code`, as written in a file or on the command line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub struct TagRef {
    /// The scheme's id.
    pub scheme: Name,
    /// The code, where the tag names one.
    pub code: Option<Name>,
}

impl TagRef {
    /// A tag of `scheme`, or of one code of it.
    pub fn new(scheme: impl Into<Name>, code: Option<&str>) -> Self {
        TagRef { scheme: scheme.into(), code: code.map(Name::from) }
    }

    /// Whether a tag carried by an entry (`self`) is selected by `wanted`: a scheme alone
    /// selects every code of it.
    pub fn is_selected_by(&self, wanted: &TagRef) -> bool {
        self.scheme == wanted.scheme && (wanted.code.is_none() || wanted.code == self.code)
    }
}

impl JsonSchema for TagRef {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TagRef".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "SCHEME or SCHEME:CODE, such as samhsa or icrc:4",
            "pattern": "^[\\p{L}\\p{N}._-]+(:[\\p{L}\\p{N}._-]+)?$"
        })
    }
}

impl fmt::Display for TagRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.code {
            Some(code) => write!(f, "{}:{code}", self.scheme),
            None => f.write_str(&self.scheme),
        }
    }
}

/// A tag that is not of the form `scheme` or `scheme:code`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a tag: expected SCHEME or SCHEME:CODE, such as 'samhsa' or 'icrc:4'")]
pub struct BadTagRef(pub String);

impl FromStr for TagRef {
    type Err = BadTagRef;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let is_word = |w: &str| {
            !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        };
        match s.split_once(':') {
            None if is_word(s) => Ok(TagRef::new(s, None)),
            Some((scheme, code)) if is_word(scheme) && is_word(code) => {
                Ok(TagRef::new(scheme, Some(code)))
            }
            _ => Err(BadTagRef(s.to_owned())),
        }
    }
}

/// Read from the text itself, with no copy of it on the way (every tag of every entry passes
/// here at start-up).
impl<'de> Deserialize<'de> for TagRef {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TagText;
        impl serde::de::Visitor<'_> for TagText {
            type Value = TagRef;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a tag, SCHEME or SCHEME:CODE")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<TagRef, E> {
                s.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(TagText)
    }
}

impl From<TagRef> for String {
    fn from(tag: TagRef) -> Self {
        tag.to_string()
    }
}

impl Source {
    /// "BJA COAP PRSS TTA Center, January 23, 2020": its publisher and date, where it gives them.
    pub fn details(&self) -> Option<String> {
        let parts: Vec<&str> =
            [self.publisher.as_deref(), self.date.as_deref()].into_iter().flatten().collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

/// A list as read, holding no more room than its items need. A list grows by doubling as it is
/// read, and one tag takes room for four: given back, an entry read from a large file costs
/// about half as much memory.
fn exact<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    let mut list = Vec::deserialize(deserializer)?;
    list.shrink_to_fit();
    Ok(list)
}

thread_local! {
    /// The tags read so far by the load under way on this thread, each held once: see
    /// [`SharingTags`].
    static SHARED_TAGS: RefCell<Option<foldhash::HashSet<Arc<Tag>>>> = const { RefCell::new(None) };
}

/// While one is alive, the tags read on its thread are shared: the entries that carry the same
/// tag hold one heap block for it, where each would hold its own (80 bytes a tag; a million
/// entries carry about a million and a half tags, and a framework some dozens of distinct ones).
/// The tags are let go when it is dropped.
pub struct SharingTags(Option<foldhash::HashSet<Arc<Tag>>>);

impl SharingTags {
    /// Shares tags until dropped.
    pub fn start() -> Self {
        SharingTags(SHARED_TAGS.replace(Some(foldhash::HashSet::default())))
    }
}

impl Drop for SharingTags {
    fn drop(&mut self) {
        SHARED_TAGS.set(self.0.take());
    }
}

/// The tag, shared where a [`SharingTags`] is alive on this thread.
pub fn shared(tag: Tag) -> Arc<Tag> {
    SHARED_TAGS.with_borrow_mut(|tags| {
        let Some(tags) = tags else { return Arc::new(tag) };
        if let Some(known) = tags.get(&tag) {
            return Arc::clone(known);
        }
        let tag = Arc::new(tag);
        tags.insert(Arc::clone(&tag));
        tag
    })
}

/// An entry's tags as read, each [`shared`], in a list of no more room than they need.
fn shared_tags<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Tags, D::Error> {
    struct Shared;
    impl<'de> serde::de::Visitor<'de> for Shared {
        type Value = Tags;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of tags")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let mut tags = Tags::new();
            while let Some(tag) = seq.next_element::<Tag>()? {
                tags.push(shared(tag));
            }
            tags.shrink_to_fit();
            Ok(tags)
        }
    }
    deserializer.deserialize_seq(Shared)
}

/// The name in a label of the form "IC&RC Domain 1: Advocacy" ("Advocacy"); None where the
/// label names nothing beyond its code ("RFC Best Practice 1").
pub fn label_name(label: &str) -> Option<&str> {
    label.split_once(": ").map(|(_, name)| name)
}

impl Framework {
    /// Every entry of every category in document order, each sub-item after its item, with its
    /// parent entry.
    pub fn entries(&self) -> impl Iterator<Item = (&Entry, Option<&Entry>)> {
        self.categories.iter().flat_map(Category::walk)
    }

    /// How many entries it holds, sub-items too: what `entries().count()` says, without
    /// stepping into each entry's sub-items (most have none).
    pub fn entry_count(&self) -> usize {
        let mut lists: Vec<&[Entry]> = self.categories.iter().map(|c| &c.entries[..]).collect();
        let mut count = 0;
        while let Some(list) = lists.pop() {
            count += list.len();
            lists.extend(list.iter().filter(|e| !e.subitems.is_empty()).map(|e| &e.subitems[..]));
        }
        count
    }

    /// The ids of its tag schemes, in order.
    pub fn scheme_ids(&self) -> impl Iterator<Item = &str> {
        self.schemes.iter().map(|s| s.id.as_str())
    }

    /// The scheme with this id.
    pub fn scheme(&self, id: &str) -> Option<&Scheme> {
        self.schemes.iter().find(|s| s.id == id)
    }

    /// The label of a tag: its code's label, or its scheme's where it names no code.
    pub fn tag_label(&self, tag: &TagRef) -> Option<&str> {
        let scheme = self.scheme(&tag.scheme)?;
        match &tag.code {
            None => Some(&scheme.label),
            Some(code) => scheme.code(code).map(|c| c.label.as_str()),
        }
    }
}

impl Scheme {
    /// A scheme with no codes yet, as read from a format that says only its id, name and label.
    pub fn new(id: impl Into<String>, name: impl Into<String>, label: impl Into<String>) -> Self {
        Scheme {
            id: id.into(),
            name: name.into(),
            label: label.into(),
            line: None,
            citation: None,
            description: None,
            notes: vec![],
            codes: vec![],
        }
    }

    /// Labels a tag of the scheme: a code (added where it is new), or the scheme itself.
    pub fn define(&mut self, code: Option<&str>, label: String) {
        match code {
            None => self.label = label,
            Some(code) => match self.codes.iter_mut().find(|c| c.code == code) {
                Some(known) => known.label = label,
                None => self.codes.push(Code {
                    code: code.to_owned(),
                    label,
                    named_after: vec![],
                    notes: vec![],
                }),
            },
        }
    }

    /// The code with this name.
    pub fn code(&self, code: &str) -> Option<&Code> {
        self.codes.iter().find(|c| c.code == code)
    }

    /// Every tag this scheme defines: one per code, or the scheme itself where it has none.
    pub fn tags(&self) -> Vec<TagRef> {
        if self.codes.is_empty() {
            vec![TagRef::new(&self.id, None)]
        } else {
            self.codes.iter().map(|c| TagRef::new(&self.id, Some(&c.code))).collect()
        }
    }
}

impl Category {
    /// Every entry of the category in document order, each sub-item after its item, with its
    /// parent entry.
    pub fn walk(&self) -> Walk<'_> {
        Walk { stack: vec![(None, self.entries.iter())] }
    }
}

/// The entries of a category in document order: see [`Category::walk`].
pub struct Walk<'a> {
    stack: Vec<(Option<&'a Entry>, std::slice::Iter<'a, Entry>)>,
}

impl<'a> Iterator for Walk<'a> {
    type Item = (&'a Entry, Option<&'a Entry>);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let (parent, entries) = self.stack.last_mut()?;
            let parent = *parent;
            match entries.next() {
                Some(entry) => {
                    self.stack.push((Some(entry), entry.subitems.iter()));
                    return Some((entry, parent));
                }
                None => {
                    self.stack.pop();
                }
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_refs_parse_and_print() {
        assert_eq!("icrc:4".parse::<TagRef>().unwrap(), TagRef::new("icrc", Some("4")));
        assert_eq!("samhsa".parse::<TagRef>().unwrap(), TagRef::new("samhsa", None));
        assert_eq!(TagRef::new("rfc", Some("10")).to_string(), "rfc:10");
        for bad in ["", ":", "icrc:", ":4", "icrc:4:1", "ic rc"] {
            assert!(bad.parse::<TagRef>().is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn entries_are_counted_as_walked() {
        let nested = |id: &str, depth: usize| {
            let mut entry = Entry::new(id, "t");
            for d in 0..depth {
                entry = Entry {
                    subitems: vec![entry.clone(), Entry::new(format!("{d}"), "u")],
                    ..entry
                };
            }
            entry
        };
        let category = |entries| Category {
            entries,
            ..serde_json::from_str(r#"{"id": "c", "title": "C"}"#).unwrap()
        };
        let mut framework: Framework =
            serde_json::from_str(r#"{"id": "f", "title": "F", "categories": []}"#).unwrap();
        assert_eq!(framework.entry_count(), 0);
        framework.categories = vec![
            category(vec![nested("a", 0), nested("b", 3)]),
            category(vec![]),
            category(vec![nested("c", 5), Entry::new("d", "t")]),
        ];
        assert_eq!(framework.entry_count(), framework.entries().count());
        // Each level adds the entry above and a sub-item beside: 1 + 2 × depth.
        assert_eq!(framework.entry_count(), 1 + 7 + 11 + 1);
    }

    #[test]
    fn an_entry_is_small() {
        // BENCHMARKS.md and docs/performance.md give these sizes: what a million entries cost.
        assert_eq!(std::mem::size_of::<Entry>(), 112);
        assert_eq!(std::mem::size_of::<Tag>(), 80);
        assert_eq!(std::mem::size_of::<Option<Name>>(), 24);
        assert_eq!(std::mem::size_of::<Tags>(), 24);
    }

    #[test]
    fn tags_read_during_a_load_are_shared_and_held_in_the_entry() {
        let text = r#"[{"id": "1", "text": "A", "tags": [{"tag": "icrc:4"}, {"tag": "samhsa"}]},
                       {"id": "2", "text": "B", "tags": [{"tag": "icrc:4"}]}]"#;
        let apart: Vec<Entry> = serde_json::from_str(text).unwrap();
        assert!(!Arc::ptr_eq(&apart[0].tags[0], &apart[1].tags[0]));
        let sharing = SharingTags::start();
        let shared: Vec<Entry> = serde_json::from_str(text).unwrap();
        drop(sharing);
        assert!(Arc::ptr_eq(&shared[0].tags[0], &shared[1].tags[0]));
        assert_eq!(shared, apart);
        assert!(shared.iter().all(|e| !e.tags.spilled()));
        // Once the load is over, nothing more is shared.
        let after: Vec<Entry> = serde_json::from_str(text).unwrap();
        assert!(!Arc::ptr_eq(&after[0].tags[0], &shared[0].tags[0]));
    }

    #[test]
    fn an_entry_without_rare_fields_holds_no_more() {
        let read: Entry = serde_json::from_str(r#"{"id": "1.1", "text": "Listens"}"#).unwrap();
        assert!(read.more.is_none());
        let titled: Entry =
            serde_json::from_str(r#"{"id": "1.2", "title": "T", "text": "Listens"}"#).unwrap();
        assert_eq!(titled.more().title.as_deref(), Some("T"));
        let mut emptied = titled.clone();
        emptied.more_mut().title = None;
        assert_eq!(emptied, Entry { id: "1.2".into(), ..read });
    }

    #[test]
    fn a_scheme_selects_all_its_codes() {
        let carried = TagRef::new("icrc", Some("4"));
        assert!(carried.is_selected_by(&TagRef::new("icrc", None)));
        assert!(carried.is_selected_by(&TagRef::new("icrc", Some("4"))));
        assert!(!carried.is_selected_by(&TagRef::new("icrc", Some("3"))));
        assert!(!carried.is_selected_by(&TagRef::new("rfc", None)));
    }
}
