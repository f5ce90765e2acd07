//! The framework model: plain data, read from YAML or JSON (entries by hand, in `entry_de.rs`;
//! the rest by serde's derives), written by serde.
//!
//! A framework holds tag schemes (the sources an entry can be attributed to) and categories of
//! entries; an entry may hold sub-entries of its own (`subitems`). Nothing here formats or filters.

use std::cell::RefCell;
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
pub mod compact;
mod curriculum;
mod entry;
mod entry_de;
mod requirements;
mod tags;

pub use alignment::{Alignment, Link, LinkKind};
pub use case::{CaseDocument, CaseItem, JsonObject};
pub use curriculum::{Curriculum, Module, Reference, TextAt};
use entry::exact;
pub use entry::{Entry, EntryFields, More, Relation};
pub use requirements::{Requirement, Requirements};
use tags::shared_tags;
pub use tags::{BadTagRef, Code, Scheme, SharingTags, Tag, TagRef, Tags, label_name, shared};

/// A short text: an entry's id, a tag's scheme or code. Held in the value itself up to 24 bytes,
/// where a `String` would take a heap block for each: a million entries hold about two million.
pub type Name = compact_str::CompactString;

/// How deep sub-items may nest under an item (an item's sub-items are at depth 1). A framework
/// file holds no more: its YAML reader stops at 32 levels of nesting, which sub-items 12 deep,
/// with their tags, reach. Checked on every framework, whatever format it came in, so that
/// whatever peercomp reads it can write and read back.
pub const MAX_SUBITEM_DEPTH: usize = 12;

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

// An entry as a file writes it, every field in one object: what the schema shows and the CASE,
// CTDL-ASN and sheet readers build, made an `Entry` at once (a JSON or YAML file is read straight
// into an `Entry`: `entry_de`). Its description is the schema's; `skip_serializing_if` says what
// `Entry`'s own `Serialize` leaves out, and keeps the schema from giving empty defaults.

schema_as!(Entry, "Entry", EntryFields);

impl Source {
    /// "BJA COAP PRSS TTA Center, January 23, 2020": its publisher and date, where it gives them.
    pub fn details(&self) -> Option<String> {
        let parts: Vec<&str> =
            [self.publisher.as_deref(), self.date.as_deref()].into_iter().flatten().collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

thread_local! {
    /// The tags read so far by the load under way on this thread, each held once: see
    /// [`SharingTags`].
    static SHARED_TAGS: RefCell<Option<foldhash::HashSet<Arc<Tag>>>> = const { RefCell::new(None) };
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

impl Category {
    /// The category that gathers a document's top-level entries that are in no category of
    /// its own (CASE and CTDL-ASN allow them), named after the document.
    pub fn gathered(title: &str, note: &str) -> Category {
        Category {
            id: "items".to_owned(),
            title: title.to_owned(),
            line: None,
            description: None,
            as_written: None,
            notes: vec![note.to_owned()],
            entries: vec![],
            gathered: true,
            case: None,
        }
    }
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
