//! An entry read from a file: one object of [`EntryFields`]' fields, made an [`Entry`] as it is
//! read. serde's derive would read every field into an `EntryFields` and move it into an
//! `Entry`, which a million entries spend a tenth of their loading on; this reads the few
//! fields every entry has into their places, and only the others into its [`More`]. It says
//! what the derive says of an object it cannot read (the same unknown, duplicate and missing
//! fields, in the same words), which the located errors and the JSON Schema rely on.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

use super::{Entry, More, exact, shared_tags};

/// The fields of an entry, in [`EntryFields`]' order, as an unknown field's error lists them.
const FIELDS: &[&str] = &[
    "id",
    "line",
    "title",
    "text",
    "as_written",
    "tags",
    "notes",
    "subitems",
    "item_type",
    "code",
    "relations",
    "identifier",
    "case",
];

/// One of [`FIELDS`], by its place there.
struct Field(usize);

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Name;
        impl Visitor<'_> for Name {
            type Value = Field;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("field identifier")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<Field, E> {
                let at = match key {
                    "id" => 0,
                    "line" => 1,
                    "title" => 2,
                    "text" => 3,
                    "as_written" => 4,
                    "tags" => 5,
                    "notes" => 6,
                    "subitems" => 7,
                    "item_type" => 8,
                    "code" => 9,
                    "relations" => 10,
                    "identifier" => 11,
                    "case" => 12,
                    _ => return Err(E::unknown_field(key, FIELDS)),
                };
                Ok(Field(at))
            }
        }
        deserializer.deserialize_identifier(Name)
    }
}

/// A field's value read with a function of its own (`deserialize_with`).
macro_rules! with {
    ($name:ident, $t:ty, $read:path) => {
        struct $name($t);
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $read(deserializer).map($name)
            }
        }
    };
}

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("Entry", FIELDS, Fields)
    }
}

struct Fields;

impl<'de> Visitor<'de> for Fields {
    type Value = Entry;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("struct Entry")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entry, A::Error> {
        with!(SharedTags, super::Tags, shared_tags);
        with!(Exact, Vec<Entry>, exact);
        let (mut id, mut text, mut line, mut tags, mut subitems) = (None, None, None, None, None);
        let mut more = More::default();
        // Which fields have been read, a bit each, to refuse one given twice.
        let mut seen = 0u16;
        while let Some(Field(at)) = map.next_key()? {
            if seen & 1 << at != 0 {
                return Err(de::Error::duplicate_field(FIELDS[at]));
            }
            seen |= 1 << at;
            match at {
                0 => id = Some(map.next_value()?),
                1 => line = map.next_value()?,
                2 => more.title = map.next_value()?,
                3 => text = Some(map.next_value()?),
                4 => more.as_written = map.next_value()?,
                5 => tags = Some(map.next_value::<SharedTags>()?.0),
                6 => more.notes = map.next_value()?,
                7 => subitems = Some(map.next_value::<Exact>()?.0),
                8 => more.item_type = map.next_value()?,
                9 => more.code = map.next_value()?,
                10 => more.relations = map.next_value()?,
                11 => more.identifier = map.next_value()?,
                _ => more.case = map.next_value()?,
            }
        }
        let id = id.ok_or_else(|| de::Error::missing_field("id"))?;
        let text = text.ok_or_else(|| de::Error::missing_field("text"))?;
        Ok(Entry {
            id,
            line,
            text,
            tags: tags.unwrap_or_default(),
            subitems: subitems.unwrap_or_default(),
            more: more.boxed(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Entry, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn says_what_the_derive_says() {
        let cases = [
            (r#"{"id": "1", "text": "t", "bogus": 1}"#, "unknown field `bogus`, expected one of"),
            (r#"{"id": "1", "text": "t", "text": "u"}"#, "duplicate field `text`"),
            (r#"{"id": "1", "line": 2, "text": "t", "line": 3}"#, "duplicate field `line`"),
            (r#"{"text": "t"}"#, "missing field `id`"),
            (r#"{"id": "1"}"#, "missing field `text`"),
            (r#"{"id": "1", "text": "t", "line": -1}"#, "expected u32"),
            (r#"["1", "t"]"#, "invalid type: sequence, expected struct Entry"),
        ];
        for (json, said) in cases {
            let error = read(json).unwrap_err();
            assert!(error.contains(said), "{json}: {error}");
        }
        let listed = "`id`, `line`, `title`, `text`, `as_written`, `tags`, `notes`, `subitems`, \
                      `item_type`, `code`, `relations`, `identifier`, `case`";
        assert!(read(r#"{"ID": "1", "text": "t"}"#).unwrap_err().contains(listed));
    }

    #[test]
    fn knows_every_field_the_schema_shows() {
        let schema =
            serde_json::to_value(schemars::schema_for!(super::super::EntryFields)).unwrap();
        let mut shown: Vec<&str> =
            schema["properties"].as_object().unwrap().keys().map(String::as_str).collect();
        let mut known = FIELDS.to_vec();
        shown.sort_unstable();
        known.sort_unstable();
        assert_eq!(shown, known);
        // Each name is read as its own place in the list.
        for (at, name) in FIELDS.iter().enumerate() {
            let Field(read) = serde_json::from_value(serde_json::json!(name)).unwrap();
            assert_eq!(read, at, "{name}");
        }
    }

    #[test]
    fn reads_every_field_into_its_place() {
        let entry = read(
            r#"{"id": "1", "line": null, "text": "t", "tags": [{"tag": "s:1"}],
                "subitems": [{"id": "1.1", "text": "u"}]}"#,
        )
        .unwrap();
        assert_eq!((entry.id.as_str(), entry.line, entry.text.as_str()), ("1", None, "t"));
        assert_eq!(entry.tags[0].tag.to_string(), "s:1");
        assert_eq!(entry.subitems[0].id, "1.1");
        assert!(entry.more.is_none(), "nothing rare was given");
        let rare = r#"{"id": "1", "line": 7, "title": "T", "text": "t", "as_written": "a",
            "notes": ["n"], "item_type": "i", "code": "c", "identifier": "x",
            "relations": [{"kind": "k", "target": "2"}]}"#;
        let entry = read(rare).unwrap();
        let more = entry.more();
        assert_eq!(entry.line, Some(7));
        assert_eq!(more.title.as_deref(), Some("T"));
        assert_eq!(more.as_written.as_deref(), Some("a"));
        assert_eq!(more.notes, ["n"]);
        assert_eq!((more.item_type.as_deref(), more.code.as_deref()), (Some("i"), Some("c")));
        assert_eq!(more.identifier.as_deref(), Some("x"));
        assert_eq!(more.relations[0].target, "2");
        // Written back, it is the same object.
        let written: serde_json::Value = serde_json::to_value(&entry).unwrap();
        assert_eq!(written, serde_json::from_str::<serde_json::Value>(rare).unwrap());
    }
}
