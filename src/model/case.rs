//! What a CASE package says beyond what peercomp models, kept as read so that a framework read
//! from CASE is written back without loss (`export --to case`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A JSON object as read: every field, by key (held compactly: a CASE package keeps one for
/// every item and association).
pub type JsonObject = crate::model::compact::Object;

/// The CFPackage a framework was read from, but for its items and their hierarchy, which the
/// categories and entries keep.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseDocument {
    /// The package's own fields beside its lists (such as OpenSALT's `CFPackageURI`).
    #[serde(default, skip_serializing_if = "JsonObject::is_empty")]
    pub package: JsonObject,
    /// The CFDocument, every field.
    pub document: JsonObject,
    /// The package's CFDefinitions (item types, subjects, licences, concepts, groupings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definitions: Option<Value>,
    /// The associations that no entry carries: those from a category's item, from the document,
    /// or from a node outside it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub associations: Vec<JsonObject>,
}

/// A CFItem, as read, and the `isChildOf` association that placed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseItem {
    /// The CFItem, every field.
    pub item: JsonObject,
    /// The association that placed it under its parent, where one did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placed_by: Option<JsonObject>,
}
