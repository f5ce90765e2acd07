//! Tags: the schemes an entry can be attributed to, their codes, and a tag on an entry
//! (shared by every entry that carries the same one).

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::*;

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
    /// A scheme without codes: the identifier of the CASE item it was read from, where that is
    /// not the one `export --to case` gives it, so that links to it survive a round trip.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
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
    /// The identifier of the CASE item it was read from, where that is not the one
    /// `export --to case` gives it, so that links to it survive a round trip.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
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

/// A tag's form in a JSON Schema: a pattern that ECMA-262 (ajv), Python's `re` and Rust's regex
/// read alike, so no `\p{L}`, which Python's `re` does not know. Exact for ASCII; of other
/// characters it takes any from U+00AA on, where peercomp takes letters and digits only (a
/// schema is for editors; `peercomp validate` says the rest).
const TAG_PATTERN: &str = "^[0-9A-Za-z._\\u00AA-\\uFFFF-]+(:[0-9A-Za-z._\\u00AA-\\uFFFF-]+)?$";

impl JsonSchema for TagRef {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TagRef".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "SCHEME or SCHEME:CODE, such as samhsa or icrc:4: letters, digits, \
                            '.', '_' and '-'",
            "pattern": TAG_PATTERN
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
pub(super) fn shared_tags<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Tags, D::Error> {
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
            identifier: None,
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
                    identifier: None,
                }),
            },
        }
    }

    /// The label of one of its tags: its code's, or its own where the tag names no code.
    pub fn tag_label(&self, tag: &TagRef) -> Option<&str> {
        match &tag.code {
            None => Some(&self.label),
            Some(code) => self.code(code).map(|c| c.label.as_str()),
        }
    }

    /// The identifier a tag's CASE item was read with, where it was kept (see
    /// [`Code::identifier`]).
    pub fn identifier_of(&self, tag: &TagRef) -> Option<&str> {
        match &tag.code {
            None => self.identifier.as_deref(),
            Some(code) => self.code(code).and_then(|c| c.identifier.as_deref()),
        }
    }

    /// Keeps the identifier of a tag's CASE item (see [`Code::identifier`]).
    pub fn keep_identifier(&mut self, tag: &TagRef, identifier: &str) {
        let slot = match &tag.code {
            None => Some(&mut self.identifier),
            Some(code) => {
                self.codes.iter_mut().find(|c| c.code == *code).map(|c| &mut c.identifier)
            }
        };
        if let Some(slot) = slot {
            *slot = Some(identifier.to_owned());
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
