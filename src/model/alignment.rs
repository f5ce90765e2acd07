//! A reviewed alignment: links, accepted by a person, from the entries of one framework to those
//! of another that say the same thing.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::TextAt;

/// Links from the entries of one framework to those of another, as a person accepted them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Alignment {
    /// What the alignment is, in a few words.
    pub alignment: String,
    /// The id of the framework the links start from.
    pub from: TextAt,
    /// The id of the framework they lead to.
    pub to: TextAt,
    /// Who reviewed the links, when, and how: in words a reader can check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The links, in the order a report lists them.
    pub links: Vec<Link>,
}

/// One accepted link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// The id of an entry of the `from` framework.
    pub from: TextAt,
    /// The id of an entry of the `to` framework.
    pub to: TextAt,
    /// How closely the two say the same thing.
    pub kind: LinkKind,
    /// Why the link was accepted, or what it leaves out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// How closely two statements say the same thing.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    /// The same words (CASE `exactMatchOf`).
    Exact,
    /// The same thing in other words (CASE `isRelatedTo`, the kind kept in its extension).
    Close,
    /// Related, not the same (CASE `isRelatedTo`).
    Related,
}

impl LinkKind {
    /// The kind as files, JSON and CSV write it.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Exact => "exact",
            LinkKind::Close => "close",
            LinkKind::Related => "related",
        }
    }

    /// The CASE association type that says it.
    pub fn case_type(self) -> &'static str {
        match self {
            LinkKind::Exact => "exactMatchOf",
            LinkKind::Close | LinkKind::Related => "isRelatedTo",
        }
    }

    /// The kind a CASE association type says, where it says one of these (peercomp's own
    /// exports say `close` in the association's extension).
    pub fn from_case(association_type: &str) -> Option<LinkKind> {
        match association_type {
            "exactMatchOf" => Some(LinkKind::Exact),
            "isRelatedTo" => Some(LinkKind::Related),
            _ => None,
        }
    }
}
