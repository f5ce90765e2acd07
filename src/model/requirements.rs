//! A credential's training requirements: minimum hours (and shares of items covered) per group
//! of a framework, with where they are published.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::TextAt;

/// A credential's training requirements, as its board publishes them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirements {
    /// The credential's name.
    pub credential: String,
    /// Where the requirements are published: the page or document, with its address, in
    /// words a reader can check.
    pub source: String,
    /// The id of the framework the groups belong to [default: the curriculum's].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<String>,
    /// Minimum contact hours in the groups together, each hour counted once.
    #[schemars(range(min = 0))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
    /// One requirement per group, in the order a report lists them.
    pub requirements: Vec<Requirement>,
}

/// What one group of competencies requires.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// The group: a tag code ("icrc:2", even one no entry carries), a whole scheme ("icrc"),
    /// the items of a category ("6.*"), an entry id or a range of siblings ("1.1-1.5").
    pub group: TextAt,
    /// Its name in reports [default: the code's label, or the category's title].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Minimum contact hours spent on the group.
    #[schemars(range(min = 0))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
    /// Minimum share of the group's entries covered, in percent (0 to 100).
    #[schemars(range(min = 0, max = 100))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items_percent: Option<f64>,
}
