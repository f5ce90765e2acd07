//! `coverage`: what a curriculum's modules cover of a framework, per group, and what they miss.

pub(super) mod form;
pub(super) mod requirements;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use serde::Serialize;

use super::{QueryError, framework, nearby_ids};
use crate::model::{Category, Curriculum, Entry, Framework, Reference, TagRef};
use crate::text::some_of;
use crate::text::trim_number;

/// How to count.
#[derive(Debug, Clone)]
pub struct CoverageOptions {
    /// `category`, or the id of a tag scheme (`icrc`): what the groups are.
    pub by: String,
    /// Count sub-items as entries of their own (covering an item then does not cover them).
    pub include_subitems: bool,
    /// Tags (in references and groups) as printed in the source only.
    pub as_written: bool,
}

/// What a curriculum covers of a framework: overall, per group, per module.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage<'a> {
    /// The curriculum's name.
    pub curriculum: &'a str,
    /// The id of the framework it maps to.
    pub framework: &'a str,
    /// `category`, or the scheme whose codes are the groups.
    pub by: &'a str,
    /// Whether sub-items count as entries of their own.
    pub include_subitems: bool,
    /// Entries counted: items, or items and sub-items.
    pub total: usize,
    /// Entries covered by at least one module.
    pub covered: usize,
    /// covered / total, in percent to one decimal; null where total is 0.
    pub percent: Option<f64>,
    /// The modules' hours added up; null where no module gives hours.
    pub hours: Option<f64>,
    /// A row per category or per code.
    pub groups: Vec<CoverageGroup<'a>>,
    /// A row per module.
    pub modules: Vec<ModuleCoverage<'a>>,
    /// The entries no module covers.
    pub uncovered: Vec<&'a str>,
    /// Where the hours the groups do not hold went (by category: the codes no entry carries,
    /// taught as such): what, and how many hours; `[]` where the groups hold them all.
    pub elsewhere: Vec<Elsewhere>,
    /// What the report warns about: a module without hours among modules with them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// Hours that no group of a coverage holds, and what they were spent on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Elsewhere {
    /// A code no entry carries (`icrc:2`), or the entries outside every group.
    pub what: String,
    /// How many hours.
    pub hours: f64,
}

/// Values rounded to hundredths so that they add up to their sum rounded: each down to its
/// cent, and the cents left given to the largest remainders (Hamilton's method), so that a
/// table's parts add up to its total.
pub(crate) fn in_cents_that_add_up(values: &[f64]) -> Vec<f64> {
    let cents: Vec<f64> = values.iter().map(|v| v * 100.0).collect();
    if cents.iter().any(|c| !c.is_finite()) {
        return values.iter().map(|v| round(*v, 2)).collect();
    }
    let total = cents.iter().sum::<f64>().round();
    let mut floors: Vec<(f64, f64)> = cents.iter().map(|c| (c.floor(), c - c.floor())).collect();
    let left = (total - floors.iter().map(|f| f.0).sum::<f64>()).max(0.0) as usize;
    let mut by_remainder: Vec<usize> = (0..floors.len()).collect();
    by_remainder.sort_by(|&a, &b| floors[b].1.total_cmp(&floors[a].1).then(a.cmp(&b)));
    for &k in by_remainder.iter().take(left) {
        floors[k].0 += 1.0;
    }
    floors.into_iter().map(|(c, _)| c / 100.0).collect()
}

/// One group (a category or a code) and how much of it is covered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageGroup<'a> {
    /// A category id, or a tag (`icrc:4`).
    pub group: String,
    /// The category's title, or the code's label.
    pub label: &'a str,
    /// Entries counted in the group.
    pub total: usize,
    /// Those covered by at least one module.
    pub covered: usize,
    /// covered / total in percent, to one decimal; null where total is 0.
    pub percent: Option<f64>,
    /// Hours spent on the group's entries: each module's hours shared evenly among the
    /// entries it covers. Null where no module gives hours.
    pub hours: Option<f64>,
    /// The group's entries no module covers.
    pub uncovered: Vec<&'a str>,
}

/// One module and what it covers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModuleCoverage<'a> {
    /// The module's id.
    pub id: &'a str,
    /// The module's title.
    pub title: &'a str,
    /// Its contact hours, where the curriculum gives them.
    pub hours: Option<f64>,
    /// The counted entries the module covers, in framework order.
    pub covers: Vec<&'a str>,
    /// The codes it names that no entry carries (IC&RC Domain 2 in peer-worker): taught as
    /// such, they take a share of its hours.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<String>,
    /// Those that no other module covers.
    pub unique: Vec<&'a str>,
    /// How the module covers what it covers, where it says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<&'a str>,
    /// Its hours, share by share: what each is spent on, and how.
    #[serde(skip)]
    pub shares: Vec<Share<'a>>,
}

/// What a share of a module's hours is spent on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Taught<'a> {
    /// An entry counted (by its id).
    Entry(&'a str),
    /// A tag code that no entry carries (`icrc:2`), taught as such.
    Code(String),
}

/// A share of a module's hours.
#[derive(Debug, Clone, PartialEq)]
pub struct Share<'a> {
    /// What it is spent on.
    pub taught: Taught<'a>,
    /// How many hours.
    pub hours: f64,
    /// How, in the module's words, where it says.
    pub description: Option<&'a str>,
}

/// A reference that matches nothing, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    /// The reference as written.
    pub reference: String,
    /// Its line in the mapping file, where known.
    pub line: Option<u64>,
    /// Its column, where known.
    pub column: Option<u64>,
    /// What it stands in: "module M2", "requirement 3".
    pub within: String,
    /// Why it matches nothing, with what exists nearby.
    pub why: String,
}

/// Why a coverage report cannot be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CoverageError {
    /// A query that cannot be answered as asked (an unknown framework or scheme).
    #[error(transparent)]
    Query(#[from] QueryError),
    /// Every reference that matches nothing: a typo must never silently shrink the coverage.
    #[error("{} reference{} match nothing", .0.len(), if .0.len() == 1 { "" } else { "s" })]
    Unmatched(Vec<Unmatched>),
}

/// The coverage of framework `framework_id` by a curriculum.
pub fn coverage<'a>(
    frameworks: &'a [Framework],
    framework_id: &str,
    curriculum: &'a Curriculum,
    options: &CoverageOptions,
) -> Result<Coverage<'a>, CoverageError> {
    let f = framework(frameworks, framework_id)?;
    let groups = group_definitions(f, options)?;

    let counted: Vec<&Entry> = f
        .entries()
        .filter(|(_, parent)| options.include_subitems || parent.is_none())
        .map(|(e, _)| e)
        .collect();
    let is_counted: HashSet<&str> = counted.iter().map(|e| e.id.as_str()).collect();

    let mut resolver = Resolver::new(f, options.as_written);
    // Where each counted entry stands, to put a module's entries in framework order.
    let position: HashMap<&str, usize> =
        counted.iter().enumerate().map(|(n, e)| (e.id.as_str(), n)).collect();
    let mut unmatched = Vec::new();
    let mut modules: Vec<ModuleCoverage> = Vec::new();
    let mut warnings = Vec::new();
    for module in &curriculum.modules {
        let mut covers: HashSet<&str> = HashSet::new();
        let mut codes: Vec<String> = Vec::new();
        // What the module teaches for the hours its references give, and for the rest.
        let mut given: Vec<(Vec<Taught>, f64, Option<&str>)> = Vec::new();
        let mut rest: Vec<(Taught, Option<&str>)> = Vec::new();
        let mut plain_named = false;
        for reference in &module.covers {
            let taught: Vec<Taught> = match resolver.resolve(&reference.text) {
                Ok(Named::Entries(ids)) => ids
                    .into_iter()
                    .filter(|id| is_counted.contains(id))
                    .map(Taught::Entry)
                    .collect(),
                Ok(Named::Code(tag)) => vec![Taught::Code(tag.to_string())],
                Err(why) => {
                    unmatched.push(unmatched_at(reference, &module.id, why));
                    continue;
                }
            };
            for t in &taught {
                match t {
                    Taught::Entry(id) => _ = covers.insert(id),
                    Taught::Code(code) if !codes.contains(code) => codes.push(code.clone()),
                    Taught::Code(_) => {}
                }
            }
            let description = reference.description.as_deref().or(module.description.as_deref());
            match reference.hours {
                Some(hours) => given.push((taught, hours, description)),
                None => {
                    plain_named = true;
                    for t in taught {
                        if !rest.iter().any(|(r, _)| *r == t) {
                            rest.push((t, description));
                        }
                    }
                }
            }
        }
        let given_hours: f64 = given.iter().map(|(_, h, _)| h).sum();
        let hours = module.hours.or((!given.is_empty()).then_some(given_hours));
        let mut shares = Vec::new();
        if let Some(hours) = hours {
            // Hours given to sub-items alone (not counted), or left to no reference, count
            // toward nothing: said, never moved elsewhere in silence.
            let mut on_subitems = 0.0;
            for (taught, h, description) in given {
                on_subitems += spread(&mut shares, taught.into_iter().map(|t| (t, description)), h);
            }
            let rest_hours = (hours - given_hours).max(0.0);
            let left = spread(&mut shares, rest, rest_hours);
            let of = |h: f64| format!("{} of its {} hours", trim_number(h), trim_number(hours));
            if left > 0.005 && !plain_named {
                warnings.push(format!(
                    "module {}: its references give {}, and no other reference takes the \
                     other {}: they count toward no group",
                    module.id,
                    of(given_hours),
                    trim_number(left)
                ));
            } else {
                on_subitems += left;
            }
            if on_subitems > 0.005 {
                warnings.push(format!(
                    "module {}: {} go to sub-items alone, which count with --include-subitems: \
                     here toward no group",
                    module.id,
                    of(on_subitems)
                ));
            }
        }
        let mut covers: Vec<&str> = covers.into_iter().collect();
        covers.sort_unstable_by_key(|id| position[id]);
        modules.push(ModuleCoverage {
            id: &module.id,
            title: &module.title,
            hours,
            description: module.description.as_deref(),
            covers,
            codes,
            unique: vec![],
            shares,
        });
    }
    if !unmatched.is_empty() {
        return Err(CoverageError::Unmatched(unmatched));
    }

    let mut covered_by: HashMap<&str, usize> = HashMap::new();
    for module in &modules {
        for id in &module.covers {
            *covered_by.entry(id).or_default() += 1;
        }
    }
    for module in &mut modules {
        module.unique = module.covers.iter().copied().filter(|id| covered_by[id] == 1).collect();
    }
    let any_hours = modules.iter().any(|m| m.hours.is_some());
    // The hours each entry, and each code that no entry carries, is taught for.
    let mut hours_of: HashMap<&str, f64> = HashMap::new();
    let mut code_hours: HashMap<&str, f64> = HashMap::new();
    for share in modules.iter().flat_map(|m| &m.shares) {
        match &share.taught {
            Taught::Entry(id) => *hours_of.entry(id).or_default() += share.hours,
            Taught::Code(code) => *code_hours.entry(code.as_str()).or_default() += share.hours,
        }
    }

    let mut grouped: HashSet<&str> = HashSet::new();
    let mut groups: Vec<CoverageGroup> = groups
        .into_iter()
        .map(|(group, label, members)| {
            let ids: Vec<&str> =
                counted.iter().map(|e| e.id.as_str()).filter(|id| members.contains(id)).collect();
            let covered = ids.iter().filter(|id| covered_by.contains_key(*id)).count();
            // From +0.0: an empty f64 sum is -0.0, which prints as "-0".
            let direct = code_hours.get(group.as_str()).copied().unwrap_or(0.0);
            let hours = ids.iter().filter_map(|id| hours_of.get(id)).fold(direct, |a, b| a + b);
            grouped.extend(ids.iter().copied());
            CoverageGroup {
                group,
                label,
                total: ids.len(),
                covered,
                percent: percent(covered, ids.len()),
                hours: any_hours.then_some(hours),
                uncovered: ids.into_iter().filter(|id| !covered_by.contains_key(id)).collect(),
            }
        })
        .collect();
    // By category, where every entry is in one group: the hours no group holds, said, and
    // the parts rounded so that they add up to the curriculum's hours.
    let mut elsewhere: Vec<Elsewhere> = Vec::new();
    if any_hours && options.by == "category" {
        let mut codes: Vec<(&str, f64)> = code_hours.iter().map(|(c, h)| (*c, *h)).collect();
        codes.sort_by(|a, b| a.0.cmp(b.0));
        elsewhere.extend(
            codes.into_iter().map(|(code, hours)| Elsewhere { what: code.to_owned(), hours }),
        );
        let outside: f64 =
            hours_of.iter().filter(|(id, _)| !grouped.contains(**id)).map(|(_, h)| h).sum();
        if outside > 0.0 {
            elsewhere
                .push(Elsewhere { what: "entries no category counts".to_owned(), hours: outside });
        }
        let parts: Vec<f64> = groups
            .iter()
            .map(|g| g.hours.unwrap_or(0.0))
            .chain(elsewhere.iter().map(|e| e.hours))
            .collect();
        let rounded = in_cents_that_add_up(&parts);
        let (of_groups, of_rest) = rounded.split_at(groups.len());
        for (group, hours) in groups.iter_mut().zip(of_groups) {
            group.hours = Some(*hours);
        }
        for (rest, hours) in elsewhere.iter_mut().zip(of_rest) {
            rest.hours = *hours;
        }
    } else {
        for group in &mut groups {
            group.hours = group.hours.map(|h| round(h, 2));
        }
    }
    let covered = counted.iter().filter(|e| covered_by.contains_key(e.id.as_str())).count();
    warnings.extend(modules.iter().filter(|m| any_hours && m.hours.is_none()).map(|m| {
        format!(
            "module {} gives no hours while others do: it counts no hours toward any group",
            m.id
        )
    }));
    Ok(Coverage {
        curriculum: &curriculum.curriculum,
        framework: &f.id,
        by: options_by(f, options),
        include_subitems: options.include_subitems,
        total: counted.len(),
        covered,
        percent: percent(covered, counted.len()),
        hours: any_hours
            .then(|| round(modules.iter().filter_map(|m| m.hours).fold(0.0, |a, b| a + b), 2)),
        groups,
        modules,
        uncovered: counted
            .iter()
            .map(|e| e.id.as_str())
            .filter(|id| !covered_by.contains_key(id))
            .collect(),
        elsewhere,
        warnings,
    })
}

/// Shares `hours` evenly among what is taught for them; with nothing to share them among,
/// returns them (the report says where they went).
fn spread<'a>(
    shares: &mut Vec<Share<'a>>,
    taught: impl IntoIterator<Item = (Taught<'a>, Option<&'a str>)>,
    hours: f64,
) -> f64 {
    let taught: Vec<_> = taught.into_iter().collect();
    if taught.is_empty() {
        return hours;
    }
    let each = hours / taught.len() as f64;
    shares.extend(taught.into_iter().map(|(taught, description)| Share {
        taught,
        hours: each,
        description,
    }));
    0.0
}

/// The `by` as the framework spells it (it outlives the options).
fn options_by<'a>(f: &'a Framework, options: &CoverageOptions) -> &'a str {
    f.scheme(&options.by).map_or("category", |s| s.id.as_str())
}

type GroupDefinition<'a> = (String, &'a str, HashSet<&'a str>);

/// The groups to count: (group, label, ids of its entries).
fn group_definitions<'a>(
    f: &'a Framework,
    options: &CoverageOptions,
) -> Result<Vec<GroupDefinition<'a>>, QueryError> {
    if options.by == "category" {
        return Ok(f
            .categories
            .iter()
            .map(|c| {
                (c.id.clone(), c.title.as_str(), c.walk().map(|(e, _)| e.id.as_str()).collect())
            })
            .collect());
    }
    let scheme = f.scheme(&options.by).ok_or_else(|| {
        QueryError::unknown_scheme(&options.by, std::iter::once("category").chain(f.scheme_ids()))
    })?;
    Ok(scheme
        .tags()
        .into_iter()
        .map(|tag| {
            let members = f
                .entries()
                .filter(|(e, _)| {
                    e.tags_to_use(options.as_written).any(|t| t.tag.is_selected_by(&tag))
                })
                .map(|(e, _)| e.id.as_str())
                .collect();
            (tag.to_string(), f.tag_label(&tag).unwrap_or_default(), members)
        })
        .collect())
}

/// What a reference names: entries, or a code that no entry carries.
pub(super) enum Named<'a> {
    Entries(Vec<&'a str>),
    Code(TagRef),
}

/// Finds what references name, from indexes made once: each reference costs the same whatever
/// the size of the framework (50,000 references once took 40 s, each searching every entry).
pub(super) struct Resolver<'a> {
    f: &'a Framework,
    as_written: bool,
    entries: HashMap<&'a str, &'a Entry>,
    categories: HashMap<&'a str, &'a Category>,
    /// The entries carrying a tag, by tag, found once per tag named.
    tagged: HashMap<TagRef, Vec<&'a str>>,
    /// Each entry's list of siblings and its place in it, made at the first range.
    places: HashMap<&'a str, (&'a [Entry], usize)>,
    /// How many more "what exists nearby" hints to give: each walks the framework, so a file of
    /// thousands of bad references gets them for the first few.
    hints_left: usize,
}

impl<'a> Resolver<'a> {
    pub(super) fn new(f: &'a Framework, as_written: bool) -> Self {
        Resolver {
            f,
            as_written,
            entries: f.entries().map(|(e, _)| (e.id.as_str(), e)).collect(),
            categories: f.categories.iter().map(|c| (c.id.as_str(), c)).collect(),
            tagged: HashMap::new(),
            places: HashMap::new(),
            hints_left: 20,
        }
    }

    /// What a reference names: an entry id, a range of siblings, `ID.*` (the items of a
    /// category, the sub-items of an item), a tag, or a code that no entry carries; or why it
    /// names nothing.
    pub(super) fn resolve(&mut self, text: &str) -> Result<Named<'a>, String> {
        // Spaces around a reference are a slip of the keyboard, not part of it.
        let text = text.trim();
        if let Some(parent) = text.strip_suffix(".*") {
            if let Some(category) = self.categories.get(parent) {
                return Ok(Named::Entries(
                    category.entries.iter().map(|e| e.id.as_str()).collect(),
                ));
            }
            return match self.entries.get(parent) {
                Some(entry) if entry.subitems.is_empty() => {
                    Err(format!("item {parent} has no sub-items"))
                }
                Some(entry) => {
                    Ok(Named::Entries(entry.subitems.iter().map(|e| e.id.as_str()).collect()))
                }
                None => Err(format!("no category or item '{parent}'{}", self.hint(parent))),
            };
        }
        if text.contains('*') {
            return Err("a pattern is ID.*: the items of a category (2.*) or the sub-items of an \
                        item (6.9.*)"
                .to_owned());
        }
        if let Some(entry) = self.entries.get(text) {
            return Ok(Named::Entries(vec![entry.id.as_str()]));
        }
        if self.categories.contains_key(text) {
            return Err(format!("'{text}' is a category: write {text}.* for its items"));
        }
        // A range of siblings, FIRST-LAST (1.1-1.5, 6.9.2-6.9.4): at the first hyphen with an
        // entry on each side (ids may hold hyphens of their own: peer-leadership.1).
        let range = text.match_indices('-').find_map(|(at, _)| {
            let (first, last) = (&text[..at], &text[at + 1..]);
            Some((*self.entries.get(first)?, *self.entries.get(last)?))
        });
        if let Some((first, last)) = range {
            return self.range(first, last).map(Named::Entries);
        }
        let f = self.f;
        if let Ok(tag) = text.parse::<TagRef>()
            && let Some(scheme) = f.scheme(&tag.scheme)
        {
            if let Some(code) = &tag.code
                && scheme.code(code).is_none()
            {
                return Err(format!("unknown tag (known: {})", some_of(scheme.tags(), 12)));
            }
            let as_written = self.as_written;
            let ids = self.tagged.entry(tag.clone()).or_insert_with(|| {
                f.entries()
                    .filter(|(e, _)| e.tags_to_use(as_written).any(|t| t.tag.is_selected_by(&tag)))
                    .map(|(e, _)| e.id.as_str())
                    .collect()
            });
            // A real code that no entry carries (IC&RC Domain 2 in peer-worker) is taught as such:
            // its hours count for the code itself.
            return if ids.is_empty() && tag.code.is_some() {
                Ok(Named::Code(tag))
            } else if ids.is_empty() {
                Err(format!("no entry carries the tag {tag}"))
            } else {
                Ok(Named::Entries(ids.clone()))
            };
        }
        if let Some((scheme, _)) = text.split_once(':') {
            let known: Vec<&str> = f.scheme_ids().collect();
            return Err(format!("no tag scheme '{scheme}' (known: {})", known.join(", ")));
        }
        Err(format!("no entry '{text}'{}", self.hint(text)))
    }

    /// The entries from `first` to `last`, which must be siblings (items of one category, or
    /// sub-items of one item), in document order.
    fn range(&mut self, first: &'a Entry, last: &'a Entry) -> Result<Vec<&'a str>, String> {
        if self.places.is_empty() {
            let lists = self.f.categories.iter().map(|c| c.entries.as_slice());
            let nested = self.f.entries().map(|(e, _)| e.subitems.as_slice());
            for list in lists.chain(nested) {
                for (i, e) in list.iter().enumerate() {
                    self.places.insert(e.id.as_str(), (list, i));
                }
            }
        }
        let (Some(&(list, a)), Some(&(other, b))) =
            (self.places.get(first.id.as_str()), self.places.get(last.id.as_str()))
        else {
            return Err(format!("no entry '{}' or '{}'", first.id, last.id));
        };
        if !std::ptr::eq(list, other) {
            return Err(format!(
                "a range joins siblings: {} and {} are not items of one category or sub-items of \
                 one item",
                first.id, last.id
            ));
        }
        if a > b {
            return Err(format!("a range runs forward: {} comes after {}", first.id, last.id));
        }
        Ok(list[a..=b].iter().map(|e| e.id.as_str()).collect())
    }

    fn hint(&mut self, id: &str) -> String {
        if self.hints_left == 0 {
            return String::new();
        }
        self.hints_left -= 1;
        nearby_ids(&[self.f], id).map(|h| format!(" ({h})")).unwrap_or_default()
    }
}

fn unmatched_at(reference: &Reference, module: &str, why: String) -> Unmatched {
    unmatched_placed(
        &reference.text,
        reference.line,
        reference.column,
        format!("module {module}"),
        why,
    )
}

/// A text of a file that matches nothing, at its place.
pub(super) fn unmatched_placed(
    text: &str,
    line: Option<u64>,
    column: Option<u64>,
    within: String,
    why: String,
) -> Unmatched {
    Unmatched { reference: text.to_owned(), line, column, within, why }
}

/// A number to `decimals` decimals, never -0.
pub(super) fn round(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale + 0.0
}

/// part / whole in percent, to one decimal; None where whole is 0.
pub(super) fn percent(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| round(100.0 * part as f64 / whole as f64, 1))
}
