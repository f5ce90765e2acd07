//! A JSON document held in a fifth of the memory of `serde_json::Value`, for the readers that
//! walk a whole document before they know what it holds (CASE packages, CTDL-ASN graphs), and
//! for what the model keeps of a CASE package to write it back (`JsonObject`).
//!
//! `Value` keeps an object in a `BTreeMap`, whose smallest node takes about 630 bytes however
//! few its keys: a CTDL-ASN competency (five keys, and a language map of one) took 1.5 KB. Here
//! an object is a shared slice of its pairs, sorted by key (the order `Value` iterates in), a
//! string a boxed `str`, and a key shared by every object that has it (a package of 100,000
//! items names `identifier` once): the same competency takes about 300 bytes. The API is
//! `Value`'s, for what the readers use of it.

use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Number;

/// A JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(Box<str>),
    /// A list.
    Array(Box<[Json]>),
    /// An object.
    Object(Object),
}

/// A JSON object: its pairs by key, each key once (the last written, as `Value` keeps it).
/// Shared, not copied, when cloned: the model keeps the objects it was read from (an item, the
/// association that placed it) for the round trip.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Object(Arc<[(Arc<str>, Json)]>);

thread_local! {
    /// The keys met in the document being read ([`from_str`]), each held once.
    static KEYS: RefCell<Option<foldhash::HashSet<Arc<str>>>> = const { RefCell::new(None) };
}

/// Reads a JSON text, every key held once however many objects have it.
pub(crate) fn from_str(text: &str) -> serde_json::Result<Json> {
    KEYS.with(|keys| *keys.borrow_mut() = Some(foldhash::HashSet::default()));
    let read = serde_json::from_str(text);
    KEYS.with(|keys| *keys.borrow_mut() = None);
    read
}

/// A key, shared with the objects read before that have it.
fn key(text: &str) -> Arc<str> {
    KEYS.with(|keys| match &mut *keys.borrow_mut() {
        Some(keys) => match keys.get(text) {
            Some(key) => Arc::clone(key),
            None => {
                let key: Arc<str> = text.into();
                keys.insert(Arc::clone(&key));
                key
            }
        },
        None => text.into(),
    })
}

impl Json {
    /// The value of a key of an object; None for anything else.
    pub(crate) fn get(&self, key: &str) -> Option<&Json> {
        self.as_object()?.get(key)
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(list) => Some(list),
            _ => None,
        }
    }

    pub(crate) fn as_object(&self) -> Option<&Object> {
        match self {
            Json::Object(object) => Some(object),
            _ => None,
        }
    }

    pub(crate) fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    pub(crate) fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Number(n) => n.as_i64(),
            _ => None,
        }
    }

    pub(crate) fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub(crate) fn is_string(&self) -> bool {
        matches!(self, Json::String(_))
    }

    pub(crate) fn is_array(&self) -> bool {
        matches!(self, Json::Array(_))
    }

    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }
}

impl Object {
    /// The value of a key.
    pub(crate) fn get(&self, key: &str) -> Option<&Json> {
        let at = self.0.binary_search_by(|(k, _)| (**k).cmp(key)).ok()?;
        Some(&self.0[at].1)
    }

    pub(crate) fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Its pairs, by key.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &Json)> {
        self.0.iter().map(|(k, v)| (&**k, v))
    }

    pub(crate) fn values(&self) -> impl Iterator<Item = &Json> {
        self.0.iter().map(|(_, v)| v)
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether it has no key.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// As a `serde_json::Map`.
    pub(crate) fn to_map(&self) -> serde_json::Map<String, serde_json::Value> {
        self.iter().map(|(k, v)| (k.to_owned(), v.to_value())).collect()
    }

    /// The object of these pairs in the order written: sorted by key, and of a key written
    /// twice the last value kept.
    fn of(mut pairs: Vec<(Arc<str>, Json)>) -> Self {
        // A stable sort keeps a key's values in the order written; the last is kept.
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        let mut kept: Vec<(Arc<str>, Json)> = Vec::with_capacity(pairs.len());
        for pair in pairs {
            match kept.last_mut() {
                Some(last) if last.0 == pair.0 => *last = pair,
                _ => kept.push(pair),
            }
        }
        Object(kept.into())
    }
}

impl<K: Into<Arc<str>>> FromIterator<(K, Json)> for Object {
    fn from_iter<I: IntoIterator<Item = (K, Json)>>(pairs: I) -> Object {
        Object::of(pairs.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }
}

/// A kept CASE object is any JSON object, as the schema of the model says.
impl schemars::JsonSchema for Object {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "JsonObject".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // As `serde_json::Map`'s: the schema files stay as they were.
        schemars::json_schema!({ "type": "object", "additionalProperties": true })
    }
}

impl<'de> Deserialize<'de> for Object {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Object, D::Error> {
        match Json::deserialize(deserializer)? {
            Json::Object(object) => Ok(object),
            _ => Err(serde::de::Error::custom("expected a JSON object")),
        }
    }
}

impl Serialize for Object {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (key, value) in self.iter() {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Json, D::Error> {
        struct JsonVisitor;

        impl<'de> Visitor<'de> for JsonVisitor {
            type Value = Json;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, b: bool) -> Result<Json, E> {
                Ok(Json::Bool(b))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Json, E> {
                Ok(Json::Number(n.into()))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Json, E> {
                Ok(Json::Number(n.into()))
            }
            fn visit_f64<E>(self, n: f64) -> Result<Json, E> {
                Ok(Number::from_f64(n).map_or(Json::Null, Json::Number))
            }
            fn visit_str<E>(self, s: &str) -> Result<Json, E> {
                Ok(Json::String(s.into()))
            }
            fn visit_string<E>(self, s: String) -> Result<Json, E> {
                Ok(Json::String(s.into_boxed_str()))
            }
            fn visit_unit<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_none<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
                Json::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
                let mut list = Vec::new();
                while let Some(value) = seq.next_element()? {
                    list.push(value);
                }
                Ok(Json::Array(list.into_boxed_slice()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
                let mut pairs = Vec::new();
                while let Some(name) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    pairs.push((key(&name), map.next_value::<Json>()?));
                }
                Ok(Json::Object(Object::of(pairs)))
            }
        }

        deserializer.deserialize_any(JsonVisitor)
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(b) => serializer.serialize_bool(*b),
            Json::Number(n) => n.serialize(serializer),
            Json::String(s) => serializer.serialize_str(s),
            Json::Array(list) => {
                let mut seq = serializer.serialize_seq(Some(list.len()))?;
                for value in list {
                    seq.serialize_element(value)?;
                }
                seq.end()
            }
            Json::Object(object) => object.serialize(serializer),
        }
    }
}

impl Json {
    /// As a `serde_json::Value`: what the model keeps of a CASE package, to write it back.
    pub(crate) fn to_value(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => Value::Number(n.clone()),
            Json::String(s) => Value::String(s.to_string()),
            Json::Array(list) => Value::Array(list.iter().map(Json::to_value).collect()),
            Json::Object(object) => Value::Object(object.to_map()),
        }
    }

    /// Read as a type, as `serde_json::from_value` reads a `Value`.
    pub(crate) fn to<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        serde_json::from_value(self.to_value()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Read as `Value` reads it: keys in order, the last of a repeated key kept, every kind of
    /// value, and written back the same.
    #[test]
    fn reads_and_writes_as_value_does() {
        let text =
            r#"{"b": [1, -2, 3.5, true, null, "x"], "a": {"z": 1, "y": {}}, "b": "last", "é": ""}"#;
        let json = from_str(text).unwrap();
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&json).unwrap(), serde_json::to_string(&value).unwrap());
        assert_eq!(json.get("b").and_then(Json::as_str), Some("last"));
        let keys: Vec<&str> = json.as_object().unwrap().iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["a", "b", "é"]);
        assert_eq!(json.get("a").and_then(|a| a.get("z")).and_then(Json::as_u64), Some(1));
        assert!(json.get("nope").is_none() && Json::Null.get("a").is_none());
        // Keys are shared within a document, and the table of them is gone after it.
        let list = from_str(r#"[{"k": 1}, {"k": 2}]"#).unwrap();
        let key_of =
            |i: usize| Arc::clone(&list.as_array().unwrap()[i].as_object().unwrap().0[0].0);
        assert!(Arc::ptr_eq(&key_of(0), &key_of(1)));
        assert!(KEYS.with(|keys| keys.borrow().is_none()));
    }
}
