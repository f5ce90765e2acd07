//! A training curriculum mapped to a framework, and a credential's requirements of one: plain
//! data, read from YAML or JSON, each reference keeping where it stands in its file.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A training curriculum mapped to a framework: which modules cover which entries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Curriculum {
    /// The curriculum's name.
    pub curriculum: String,
    /// The id of the framework it maps to [default: peer-worker, or the only framework loaded].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<String>,
    /// Its modules, in order.
    pub modules: Vec<Module>,
}

/// One module of a curriculum: a unit of training and what it covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Module {
    /// Short id, unique in the curriculum.
    pub id: String,
    /// The module's title.
    pub title: String,
    /// Contact hours [default, where references give hours: their sum].
    #[schemars(range(min = 0))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
    /// How the module covers what it covers, for a board's crosswalk form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Entry ids ("6.9"), ranges of siblings ("1.1-1.5"), patterns ("2.*": the items of
    /// category 2; "6.9.*": the sub-items of 6.9) and tags ("icrc:3": every entry carrying it):
    /// a list, or one of them alone. A reference may also be {ref, hours, description}: the
    /// hours the module spends on it, and how.
    #[serde(deserialize_with = "one_or_many")]
    #[schemars(with = "OneOrMany")]
    pub covers: Vec<Reference>,
}

/// One reference of a module's `covers`, with where it stands in its file (where the file
/// was read by the YAML reader, which knows).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reference {
    /// The reference as written.
    pub text: String,
    /// Its line in the file, from 1, where known.
    pub line: Option<u64>,
    /// Its column, from 1, where known.
    pub column: Option<u64>,
    /// The hours the module spends on it, where the module says (else it takes an even share
    /// of what the module's hours leave).
    pub hours: Option<f64>,
    /// How the module covers it, where the module says.
    pub description: Option<String>,
}

impl Reference {
    /// A reference as written, with no place, hours or description.
    pub fn new(text: impl Into<String>) -> Self {
        Reference { text: text.into(), ..Reference::default() }
    }
}

/// A text with where it stands in its file, where known.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextAt {
    /// The text as written.
    pub text: String,
    /// Its line in the file, from 1, where known.
    pub line: Option<u64>,
    /// Its column, from 1, where known.
    pub column: Option<u64>,
}

impl TextAt {
    /// A text with no place.
    pub fn new(text: impl Into<String>) -> Self {
        TextAt { text: text.into(), line: None, column: None }
    }
}

impl<'de> Deserialize<'de> for TextAt {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<String>::deserialize(deserializer)?;
        let at = spanned.referenced;
        let known = at.line() > 0;
        Ok(TextAt {
            text: spanned.value,
            line: known.then(|| at.line()),
            column: known.then(|| at.column()),
        })
    }
}

impl Serialize for TextAt {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

/// A text, as its schema says: placed or not, a file holds a string.
impl JsonSchema for TextAt {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "String".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
}

/// The schema of a reference: written alone, or with the hours spent on it.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum ReferenceForm {
    Plain(String),
    WithHours(ReferenceWithHours),
}

/// A reference with the hours a module spends on it, and how.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ReferenceWithHours {
    /// The reference: an entry id, a range, a pattern or a tag, as in a plain reference.
    #[serde(rename = "ref")]
    reference: TextAt,
    /// The contact hours the module spends on it, out of the module's hours.
    #[schemars(range(min = 0))]
    #[serde(default)]
    hours: Option<f64>,
    /// How the module covers it, for a board's crosswalk form.
    #[serde(default)]
    description: Option<String>,
}

/// The schema of `covers`: one reference, or a list of them.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum OneOrMany {
    Many(Vec<ReferenceForm>),
    One(ReferenceForm),
}

/// `covers` as a list, or one reference alone (`covers: "6.*"`), each with its place.
fn one_or_many<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Reference>, D::Error> {
    struct Covers(Vec<Reference>);
    impl<'de> Deserialize<'de> for Covers {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct Either;
            impl<'de> serde::de::Visitor<'de> for Either {
                type Value = Covers;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a reference, or a list of references")
                }
                fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Covers, E> {
                    Ok(Covers(vec![Reference::new(text)]))
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    map: A,
                ) -> Result<Covers, A::Error> {
                    let one = ReferenceWithHours::deserialize(
                        serde::de::value::MapAccessDeserializer::new(map),
                    )?;
                    Ok(Covers(vec![one.into()]))
                }
                fn visit_seq<A: serde::de::SeqAccess<'de>>(
                    self,
                    mut seq: A,
                ) -> Result<Covers, A::Error> {
                    let mut all = Vec::new();
                    while let Some(reference) = seq.next_element::<Reference>()? {
                        all.push(reference);
                    }
                    Ok(Covers(all))
                }
            }
            deserializer.deserialize_any(Either)
        }
    }
    // The whole value's place is the place of a reference given alone.
    let spanned = serde_saphyr::Spanned::<Covers>::deserialize(deserializer)?;
    let mut all = spanned.value.0;
    let at = spanned.referenced;
    if let [alone] = all.as_mut_slice()
        && alone.line.is_none()
        && at.line() > 0
    {
        alone.line = Some(at.line());
        alone.column = Some(at.column());
    }
    Ok(all)
}

impl From<ReferenceWithHours> for Reference {
    fn from(r: ReferenceWithHours) -> Self {
        Reference {
            text: r.reference.text,
            line: r.reference.line,
            column: r.reference.column,
            hours: r.hours,
            description: r.description,
        }
    }
}

/// A reference written alone (`"6.9"`), or with its hours (`{ref: "icrc:2", hours: 6}`).
impl<'de> Deserialize<'de> for Reference {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> serde::de::Visitor<'de> for Either {
            type Value = Reference;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a reference (\"6.9\"), or {ref, hours, description}")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Reference, E> {
                Ok(Reference::new(text))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Reference, A::Error> {
                ReferenceWithHours::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(Reference::from)
            }
        }
        let spanned = serde_saphyr::Spanned::<Spanless>::deserialize(deserializer)?;
        let mut reference = spanned.value.0;
        let at = spanned.referenced;
        if reference.line.is_none() && at.line() > 0 {
            reference.line = Some(at.line());
            reference.column = Some(at.column());
        }
        return Ok(reference);

        /// A reference read without its own place (a string's place is the value's).
        struct Spanless(Reference);
        impl<'de> Deserialize<'de> for Spanless {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_any(Either).map(Spanless)
            }
        }
    }
}

/// Written back as it was read: the text alone, or {ref, hours, description}.
impl Serialize for Reference {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        if self.hours.is_none() && self.description.is_none() {
            return serializer.serialize_str(&self.text);
        }
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("ref", &self.text)?;
        if let Some(hours) = self.hours {
            map.serialize_entry("hours", &hours)?;
        }
        if let Some(description) = &self.description {
            map.serialize_entry("description", description)?;
        }
        map.end()
    }
}

schema_as!(Reference, "Reference", ReferenceForm);
