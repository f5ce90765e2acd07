//! Queries: pure functions from frameworks to plain results. They never format; `report` does.
//!
//! The row types serialise to the JSON contract documented in docs/json.md.

mod align;
mod checklist;
mod coverage;
mod crosswalk;
mod diff;
mod list;
mod overlaps;
mod plans;
mod search;
mod sections;
mod show;
mod summary;
mod words;

pub use align::{
    AlignOptions, CLOSE, DEFAULT_MIN, DEFAULT_TOP, Suggestion, Suggestions, Unaligned, align,
    aligned_links, case_links,
};
pub use checklist::Checklist;
pub use coverage::form::{Form, FormGroup, FormModule, FormRow, SummaryLine, form};
pub use coverage::requirements::{
    HoursCheck, RequirementCheck, RequirementsCheck, TOTAL_LABEL, hours, requirements,
};
pub use coverage::{
    Coverage, CoverageError, CoverageGroup, CoverageOptions, ModuleCoverage, Share, Taught,
    Unmatched, coverage,
};
pub use crosswalk::{
    AcrossBy, Crosswalk, CrosswalkColumn, CrosswalkLayout, CrosswalkRow, Keyed, crosswalk,
    crosswalk_across, default_scheme,
};
pub use diff::{Change, ChangeKind, SIMILAR, Side, diff, word_diff};
pub use list::{ListFilter, list, unused_tags};
pub use overlaps::{
    COMMON_WORD, DEFAULT_MIN_SCORE, DEFAULT_PAIR_LIMIT, MAX_PAIR_LIMIT, Overlap, OverlapKind,
    OverlapOptions, overlaps,
};
pub use plans::{check_plan, unmatched_problems};
pub use search::{
    Field, HitKind, MatchSpan, Query, SearchHit, SearchOptions, WaysOn, search, typos_matched,
    ways_on,
};
pub use sections::{Section, Sections, sections};
use show::nearby_ids;
pub use show::{QuotedLine, ShownEntry, quote_sources, show, show_found};
pub use summary::{Categories, CategorySummary, TagCount, category_summaries, tag_counts};
pub use summary::{FrameworkSummary, framework_summaries};
pub use words::synonym_groups;

use serde::Serialize;

use foldhash::{HashSet, HashSetExt};

use crate::model::{Category, Entry, Framework, Name, Scheme, Tag, TagRef, label_name};
use crate::text::did_you_mean;
use compact_str::ToCompactString;

/// A query that cannot be answered as asked.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum QueryError {
    /// A tag scheme no framework at hand defines.
    #[error("unknown tag scheme '{given}' (known schemes: {known}){suggestion}")]
    UnknownScheme {
        /// The scheme asked for.
        given: String,
        /// Those that exist.
        known: String,
        /// ": did you mean ...?", where something close exists.
        suggestion: String,
    },
    /// A tag whose scheme exists but whose code does not.
    #[error("unknown tag '{given}' (known: {known})")]
    UnknownTag {
        /// The tag asked for.
        given: String,
        /// Those that exist.
        known: String,
    },
    /// A category no framework at hand has.
    #[error("unknown category '{given}' ({known}){suggestion}")]
    UnknownCategory {
        /// The category asked for.
        given: String,
        /// Which exist.
        known: String,
        /// ": did you mean ...?", where something close exists.
        suggestion: String,
    },
    /// A framework that is not loaded.
    #[error("unknown framework '{given}' (loaded: {known}){suggestion}")]
    UnknownFramework {
        /// The framework asked for.
        given: String,
        /// Those loaded.
        known: String,
        /// ": did you mean ...?", where something close exists.
        suggestion: String,
    },
    /// A command acts on one framework, and several are loaded with none the default.
    #[error("say which framework with --framework (loaded: {loaded})")]
    FrameworkNeeded {
        /// Those loaded.
        loaded: String,
    },
    /// A framework with no tag scheme, asked for a crosswalk.
    #[error("framework '{framework}' has no tag schemes to cross-walk by")]
    NoSchemes {
        /// The framework.
        framework: String,
    },
    /// A crosswalk between two frameworks that no alignment links.
    #[error(
        "no alignment links between {a} and {b}: load an alignment file with --data (`peercomp \
         align --from {a} --to {b} --accept FILE` writes one to review)"
    )]
    NoLinks {
        /// The framework of the rows.
        a: String,
        /// The framework cross-walked by.
        b: String,
    },
    /// More overlapping pairs than the budget allows.
    #[error(
        "more than {limit} pairs score {min} or more: raise --min to see the closest, or --limit to \
         see more"
    )]
    TooManyPairs {
        /// The budget.
        limit: usize,
        /// The lowest score asked for.
        min: f64,
    },
    /// A search of more words than a search compares.
    #[error("a search takes at most {limit} different words; this one has {given}")]
    TooManyWords {
        /// The words given.
        given: usize,
        /// The most allowed.
        limit: usize,
    },
    /// A search with no word in it.
    #[error("nothing to search for in '{given}': give a word, or a phrase in quotes")]
    EmptySearch {
        /// The query as given.
        given: String,
    },
    /// Requirements of one framework set against a curriculum mapped to another.
    #[error(
        "the requirements are of framework '{requirements}', the curriculum maps to \
         '{curriculum}': both must name the same"
    )]
    OtherFramework {
        /// The requirements' framework.
        requirements: String,
        /// The curriculum's.
        curriculum: String,
    },
    /// An entry id that no framework at hand holds.
    #[error("unknown id '{given}': {hint}")]
    UnknownId {
        /// The id asked for.
        given: String,
        /// Which ids do exist near it.
        hint: String,
    },
}

impl QueryError {
    /// A scheme no framework at hand defines, with those that are defined.
    pub fn unknown_scheme<'s>(given: &str, known: impl IntoIterator<Item = &'s str>) -> Self {
        let known: Vec<&str> = known.into_iter().collect();
        let suggestion = did_you_mean(given, &known);
        QueryError::UnknownScheme { given: given.to_owned(), known: known.join(", "), suggestion }
    }

    /// True where the command line asked for something that does not exist (exit code 2);
    /// an unknown id is a runtime error (exit code 1).
    pub fn is_usage(&self) -> bool {
        !matches!(
            self,
            QueryError::UnknownId { .. }
                | QueryError::TooManyPairs { .. }
                | QueryError::OtherFramework { .. }
        )
    }
}

/// One entry as the JSON contract shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryRow<'a> {
    /// The id of the entry's framework.
    pub framework: &'a str,
    /// The entry's id.
    pub id: &'a str,
    /// Its parent's id, for a sub-item.
    pub parent: Option<&'a str>,
    /// Its category.
    pub category: CategoryRef<'a>,
    /// Its short name, where it has one.
    pub title: Option<&'a str>,
    /// The statement.
    pub text: &'a str,
    /// The source's line as printed, where the entry corrects it; else null.
    pub as_written: Option<&'a str>,
    /// Its tags, with their labels.
    pub tags: Vec<TagRow<'a>>,
    /// Editorial notes.
    pub notes: &'a [String],
    /// The kind of statement the source gives it (CASE's CFItemType); else null.
    pub item_type: Option<&'a str>,
    /// The source's code where it differs from the id (CASE's humanCodingScheme); else null.
    pub code: Option<&'a str>,
    /// Its links to other statements (CASE associations); `[]` where it has none.
    #[serde(serialize_with = "relation_rows")]
    pub relations: &'a [crate::model::Relation],
}

/// An entry's links as rows show them: what each says and whom it names, not the CASE
/// association it was read from (which `export` keeps).
fn relation_rows<S: serde::Serializer>(
    relations: &&[crate::model::Relation],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Row<'a> {
        kind: &'a str,
        target: &'a str,
        identifier: Option<&'a str>,
    }
    serializer.collect_seq(relations.iter().map(|r| Row {
        kind: &r.kind,
        target: &r.target,
        identifier: r.identifier.as_deref(),
    }))
}

/// A category, by id and title.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryRef<'a> {
    /// The category's id.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
}

/// One tag of an entry, with its label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TagRow<'a> {
    /// The tag as written (`icrc:4`).
    pub tag: Name,
    /// Its scheme.
    pub scheme: &'a str,
    /// Its code, where it names one.
    pub code: Option<&'a str>,
    /// Its label.
    pub label: &'a str,
    /// The source's own words for the tag, where it wrote any.
    pub as_written: Option<&'a str>,
    /// True where the source does not print the tag.
    pub inferred: bool,
}

/// An entry with where it stands.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Placed<'a> {
    pub framework: &'a Framework,
    pub category: &'a Category,
    pub entry: &'a Entry,
    pub parent: Option<&'a Entry>,
}

impl<'a> Placed<'a> {
    pub(crate) fn row(&self, as_written_only: bool) -> EntryRow<'a> {
        let Placed { framework, category, entry, parent } = *self;
        EntryRow {
            framework: &framework.id,
            id: &entry.id,
            parent: parent.map(|p| p.id.as_str()),
            category: CategoryRef { id: &category.id, title: &category.title },
            title: entry.more().title.as_deref(),
            text: &entry.text,
            as_written: entry.more().as_written.as_deref(),
            tags: self.tag_rows(as_written_only),
            notes: &entry.more().notes,
            item_type: entry.more().item_type.as_deref(),
            code: entry.more().code.as_deref(),
            relations: &entry.more().relations,
        }
    }

    /// The entry's tags with their labels, in a list of just their number: collected from a
    /// filter, a list would take room for four, and a million rows carry a million tags.
    pub(crate) fn tag_rows(&self, as_written_only: bool) -> Vec<TagRow<'a>> {
        let tags = || self.entry.tags_to_use(as_written_only);
        let mut rows = Vec::with_capacity(tags().count());
        rows.extend(tags().map(|t| tag_row(self.framework, t)));
        rows
    }
}

fn tag_row<'a>(framework: &'a Framework, tag: &'a Tag) -> TagRow<'a> {
    TagRow {
        tag: tag.tag.to_compact_string(),
        scheme: &tag.tag.scheme,
        code: tag.tag.code.as_deref(),
        // Loading checked that every tag is defined.
        label: framework.tag_label(&tag.tag).unwrap_or_default(),
        as_written: tag.as_written.as_deref(),
        inferred: tag.inferred,
    }
}

/// Every entry of the frameworks in document order.
pub(crate) fn placed(frameworks: &[Framework]) -> impl Iterator<Item = Placed<'_>> {
    frameworks.iter().flat_map(|framework| {
        framework.categories.iter().flat_map(move |category| {
            category.walk().map(move |(entry, parent)| Placed {
                framework,
                category,
                entry,
                parent,
            })
        })
    })
}

/// Every entry id of the frameworks, in document order.
pub fn entry_ids(frameworks: &[Framework]) -> Vec<String> {
    placed(frameworks).map(|p| p.entry.id.to_string()).collect()
}

/// The frameworks with these ids (in any case), in the order they were loaded; all of them
/// where no id is given.
pub fn select(
    mut frameworks: Vec<Framework>,
    ids: &[String],
) -> Result<Vec<Framework>, QueryError> {
    let mut wanted: Vec<String> = Vec::new();
    for id in ids {
        wanted.push(framework(&frameworks, id)?.id.clone());
    }
    if !ids.is_empty() {
        frameworks.retain(|f| wanted.contains(&f.id));
    }
    Ok(frameworks)
}

/// The loaded framework with this id, matched whatever its case.
pub fn framework<'a>(frameworks: &'a [Framework], id: &str) -> Result<&'a Framework, QueryError> {
    let found = frameworks.iter().find(|f| f.id == id);
    found.or_else(|| frameworks.iter().find(|f| f.id.eq_ignore_ascii_case(id))).ok_or_else(|| {
        let known: Vec<&str> = frameworks.iter().map(|f| f.id.as_str()).collect();
        QueryError::UnknownFramework {
            given: id.to_owned(),
            known: known.join(", "),
            suggestion: did_you_mean(id, &known),
        }
    })
}

/// The tag schemes of the frameworks, each id once (the first framework's), in load order.
pub fn distinct_schemes(frameworks: &[Framework]) -> Vec<&Scheme> {
    let mut seen = HashSet::new();
    frameworks.iter().flat_map(|f| &f.schemes).filter(|s| seen.insert(s.id.as_str())).collect()
}

/// The wanted tags as the frameworks spell them (`ICRC:4` is `icrc:4`), each defined by one of
/// them; an unknown one says what exists and, where the scheme and code were run together
/// (`icrc4`) or nearly match, what was likely meant.
pub(crate) fn resolve_tags(
    frameworks: &[Framework],
    wanted: &[TagRef],
) -> Result<Vec<TagRef>, QueryError> {
    let schemes = || frameworks.iter().flat_map(|f| &f.schemes);
    let mut resolved = Vec::with_capacity(wanted.len());
    for tag in wanted {
        // Spelled exactly, where a scheme is (`icrc` and `ICRC` may both be schemes); else as
        // any case.
        let exact: Vec<&Scheme> = schemes().filter(|s| s.id == tag.scheme).collect();
        let matching: Vec<&Scheme> = match exact.is_empty() {
            true => schemes().filter(|s| s.id.eq_ignore_ascii_case(&tag.scheme)).collect(),
            false => exact,
        };
        let Some(first) = matching.first() else {
            let known: Vec<&str> =
                distinct_schemes(frameworks).iter().map(|s| s.id.as_str()).collect();
            let mut error = QueryError::unknown_scheme(&tag.scheme, known.iter().copied());
            // "icrc4": a scheme and a code without the colon.
            let run_together = schemes().find_map(|s| {
                let rest = tag.scheme.get(s.id.len()..)?;
                let glued =
                    tag.scheme[..s.id.len()].eq_ignore_ascii_case(&s.id) && tag.code.is_none();
                let code = s.codes.iter().find(|c| c.code.eq_ignore_ascii_case(rest))?;
                glued.then(|| format!("{}:{}", s.id, code.code))
            });
            if let (Some(meant), QueryError::UnknownScheme { suggestion, .. }) =
                (run_together, &mut error)
            {
                *suggestion = format!(": did you mean {meant}?");
            }
            return Err(error);
        };
        let (scheme, code) = match &tag.code {
            None => (first, None),
            Some(code) => {
                let codes = || matching.iter().flat_map(|s| s.codes.iter().map(move |c| (s, c)));
                let found = codes()
                    .find(|(_, c)| c.code == *code)
                    .or_else(|| codes().find(|(_, c)| c.code.eq_ignore_ascii_case(code)));
                let Some((scheme, found)) = found else {
                    let known: Vec<String> = matching
                        .iter()
                        .flat_map(|s| {
                            s.codes.iter().map(move |c| {
                                format!(
                                    "{}:{} {}",
                                    s.id,
                                    c.code,
                                    label_name(&c.label).unwrap_or(&c.label)
                                )
                            })
                        })
                        .collect();
                    let known = if known.is_empty() {
                        format!("{} has no codes: use '{}' alone", first.id, first.id)
                    } else {
                        known.join(", ")
                    };
                    return Err(QueryError::UnknownTag { given: tag.to_string(), known });
                };
                (scheme, Some(found.code.as_str()))
            }
        };
        resolved.push(TagRef::new(scheme.id.as_str(), code));
    }
    Ok(resolved)
}

/// Compresses ids for messages: "1, 2, 3, 5" -> "1-3, 5".
pub(crate) fn describe_ids<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    let ids: Vec<&str> = ids.into_iter().collect();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < ids.len() {
        let mut j = i;
        while let (Some(a), Some(b)) = (
            ids.get(j).and_then(|s| s.parse::<u64>().ok()),
            ids.get(j + 1).and_then(|s| s.parse::<u64>().ok()),
        ) {
            if a.checked_add(1) != Some(b) {
                break;
            }
            j += 1;
        }
        parts.push(if j > i + 1 { format!("{}-{}", ids[i], ids[j]) } else { ids[i].to_owned() });
        if j == i + 1 {
            parts.push(ids[j].to_owned());
        }
        i = j + 1;
    }
    if parts.is_empty() { "none".to_owned() } else { parts.join(", ") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_compress_to_ranges() {
        assert_eq!(describe_ids(["1", "2", "3", "4"]), "1-4");
        assert_eq!(describe_ids(["1", "2", "4"]), "1, 2, 4");
        assert_eq!(describe_ids(["1", "3", "4", "5", "9"]), "1, 3-5, 9");
        assert_eq!(describe_ids(["culture", "factors"]), "culture, factors");
        assert_eq!(describe_ids([]), "none");
    }
}
