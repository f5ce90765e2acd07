//! `coverage --requirements`: a curriculum's hours (and items) per group against what a
//! credential requires, and the crosswalk form a board asks for.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use serde::Serialize;

use crate::model::{Framework, Requirements, TagRef};
use crate::query::coverage::{Named, Resolver, Taught, percent, round, unmatched_placed};
use crate::query::{Coverage, CoverageError, QueryError, framework};

/// How a curriculum meets a credential's requirements, requirement by requirement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequirementsCheck<'a> {
    /// The credential's name.
    pub credential: &'a str,
    /// Where its requirements are published.
    pub source: &'a str,
    /// The curriculum's name.
    pub curriculum: &'a str,
    /// The id of the framework the groups belong to.
    pub framework: &'a str,
    /// Whether every requirement, and the total, is met.
    pub met: bool,
    /// The curriculum's hours toward the groups together, each hour once, against the total
    /// required; null where the requirements give no total.
    pub total: Option<HoursCheck>,
    /// The curriculum's hours, all modules together; null where no module gives hours.
    pub curriculum_hours: Option<f64>,
    /// One per requirement, in the order of the requirements file.
    pub requirements: Vec<RequirementCheck<'a>>,
    /// What the coverage report warns about (a module without hours, hours that count toward
    /// nothing).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// What the total row of every report and form says it is.
pub const TOTAL_LABEL: &str = "the groups together, each hour once";

/// Hours required against hours planned.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HoursCheck {
    /// The minimum required.
    pub required: f64,
    /// What the curriculum plans, to two decimals.
    pub planned: f64,
    /// How many hours are missing; 0 where met.
    pub short: f64,
    /// Whether planned reaches required.
    pub met: bool,
}

impl HoursCheck {
    fn new(required: f64, planned: f64) -> Self {
        let short = round((required - planned).max(0.0), 2);
        HoursCheck { required, planned: round(planned, 2), short, met: short == 0.0 }
    }

    /// "met", or "short by 4 hours": as every report and the form say it.
    pub fn status(&self) -> String {
        if self.met { "met".to_owned() } else { format!("short by {}", hours(self.short)) }
    }
}

/// One requirement and how the curriculum meets it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequirementCheck<'a> {
    /// The group as the requirements file names it (`icrc:2`, `6.*`).
    pub group: &'a str,
    /// Its name: the file's label, else the code's label or the category's title.
    pub label: String,
    /// Hours: required against planned; null where the requirement asks no hours.
    pub hours: Option<HoursCheck>,
    /// The planned hours spent on the group, even where no hours are required.
    pub planned_hours: f64,
    /// The group's entries counted (items, or with sub-items).
    pub items: usize,
    /// Those covered by at least one module.
    pub covered: usize,
    /// covered / items in percent, to one decimal; null where the group has no entries.
    pub percent: Option<f64>,
    /// The minimum share of items covered, in percent, where the requirement asks one.
    pub items_percent: Option<f64>,
    /// Whether the requirement is met: its hours and its share of items.
    pub met: bool,
    /// The group's entries counted, in framework order.
    #[serde(skip)]
    pub entries: Vec<&'a str>,
    /// The tag codes of the group (their hours are taught to the code itself).
    #[serde(skip)]
    pub codes: Vec<String>,
}

impl RequirementCheck<'_> {
    /// "met", or what is missing: "short by 4 hours", "50.0% of items covered, 80% required".
    pub fn verdict(&self) -> String {
        let mut missing = Vec::new();
        if let Some(h) = self.hours.filter(|h| !h.met) {
            missing.push(h.status());
        }
        if let Some(required) = self.items_percent.filter(|_| !self.met) {
            let percent = self.percent.unwrap_or(0.0);
            if percent < required {
                missing.push(format!("{percent:.1}% of items covered, {required}% required"));
            }
        }
        if missing.is_empty() { "met".to_owned() } else { missing.join("; ") }
    }
}

/// "1 hour", "4 hours", "2.5 hours".
pub fn hours(n: f64) -> String {
    let number = crate::text::trim_number(n);
    if number == "1" { "1 hour".to_owned() } else { format!("{number} hours") }
}

/// Checks a curriculum's coverage (made with [`crate::query::coverage`]) against requirements.
pub fn requirements<'a>(
    frameworks: &'a [Framework],
    coverage: &Coverage<'a>,
    requirements: &'a Requirements,
    as_written: bool,
) -> Result<RequirementsCheck<'a>, CoverageError> {
    if let Some(id) = &requirements.framework
        && !id.eq_ignore_ascii_case(coverage.framework)
    {
        return Err(QueryError::OtherFramework {
            requirements: id.clone(),
            curriculum: coverage.framework.to_owned(),
        }
        .into());
    }
    let f = framework(frameworks, coverage.framework)?;
    let counted: HashSet<&str> = f
        .entries()
        .filter(|(_, parent)| coverage.include_subitems || parent.is_none())
        .map(|(e, _)| e.id.as_str())
        .collect();
    let covered: HashSet<&str> =
        coverage.modules.iter().flat_map(|m| m.covers.iter().copied()).collect();
    // The hours spent on each entry and on each code that no entry carries.
    let mut spent: HashMap<&Taught, f64> = HashMap::new();
    for share in coverage.modules.iter().flat_map(|m| &m.shares) {
        *spent.entry(&share.taught).or_default() += share.hours;
    }

    let mut resolver = Resolver::new(f, as_written);
    let mut unmatched = Vec::new();
    let mut checks = Vec::new();
    // Each requirement's hours as planned, unrounded.
    let mut exact: Vec<f64> = Vec::new();
    let mut in_any_group: HashSet<Taught> = HashSet::new();
    for (i, requirement) in requirements.requirements.iter().enumerate() {
        let group = &requirement.group;
        let text = group.text.trim();
        let (entries, codes) = match members(&mut resolver, f, text) {
            Ok(found) => found,
            Err(why) => {
                let within = format!("requirement {}", i + 1);
                unmatched.push(unmatched_placed(
                    &group.text,
                    group.line,
                    group.column,
                    within,
                    why,
                ));
                continue;
            }
        };
        let entries: Vec<&str> = entries.into_iter().filter(|id| counted.contains(id)).collect();
        if requirement.items_percent.is_some() && entries.is_empty() {
            let why = "no entry counted is in it, so it has no share of items to require: \
                       require its hours alone"
                .to_owned();
            let within = format!("requirement {}", i + 1);
            unmatched.push(unmatched_placed(&group.text, group.line, group.column, within, why));
            continue;
        }
        let taught = entries
            .iter()
            .map(|id| Taught::Entry(id))
            .chain(codes.iter().map(|c| Taught::Code(c.clone())));
        let mut planned = 0.0;
        for t in taught {
            planned += spent.get(&t).copied().unwrap_or(0.0);
            in_any_group.insert(t);
        }
        let items_covered = entries.iter().filter(|id| covered.contains(*id)).count();
        let percent = percent(items_covered, entries.len());
        let hours = requirement.hours.map(|required| HoursCheck::new(required, planned));
        exact.push(planned);
        let share_met = requirement.items_percent.is_none_or(|r| percent.unwrap_or(0.0) >= r);
        checks.push(RequirementCheck {
            group: text,
            label: requirement.label.clone().unwrap_or_else(|| label(f, text)),
            hours,
            planned_hours: round(planned, 2),
            items: entries.len(),
            covered: items_covered,
            percent,
            items_percent: requirement.items_percent,
            met: hours.is_none_or(|h| h.met) && share_met,
            entries,
            codes,
        });
    }
    if !unmatched.is_empty() {
        return Err(CoverageError::Unmatched(unmatched));
    }
    // Each hour once: a share spent on an entry in two groups counts once toward the total.
    let mut toward_groups: f64 =
        spent.iter().filter(|(t, _)| in_any_group.contains(**t)).map(|(_, h)| *h).sum();
    // Where no hour is in two groups, the groups' hours are parts of the total: rounded so
    // that they add up to it (an even split of 46 hours once gave parts adding to 19.00 short
    // under a total 18.99 short).
    if (exact.iter().sum::<f64>() - toward_groups).abs() < 1e-6 {
        let rounded = super::in_cents_that_add_up(&exact);
        for ((check, requirement), planned) in
            checks.iter_mut().zip(&requirements.requirements).zip(&rounded)
        {
            check.planned_hours = *planned;
            check.hours = requirement.hours.map(|required| HoursCheck::new(required, *planned));
            let share_met = check.items_percent.is_none_or(|r| check.percent.unwrap_or(0.0) >= r);
            check.met = check.hours.is_none_or(|h| h.met) && share_met;
        }
        toward_groups = rounded.iter().sum();
    }
    let total = requirements.hours.map(|required| HoursCheck::new(required, toward_groups));
    // A module's hours on what no requirement counts, said, with the way to spend them where
    // they count.
    let mut warnings = coverage.warnings.clone();
    for module in &coverage.modules {
        let mut outside: Vec<String> = Vec::new();
        let mut given = 0.0;
        for share in module.shares.iter().filter(|s| !in_any_group.contains(&s.taught)) {
            given += share.hours;
            let what = match &share.taught {
                Taught::Entry(id) => (*id).to_owned(),
                Taught::Code(code) => code.clone(),
            };
            if !outside.contains(&what) {
                outside.push(what);
            }
        }
        if given >= 0.005 {
            let of = module.hours.map(|h| format!(" of its {}", hours(h))).unwrap_or_default();
            warnings.push(format!(
                "module {} gives {}{of} to {}, which no requirement counts: a module's hours are \
                 shared evenly over everything it covers; give the references that count hours of \
                 their own ({{ref: \"icrc:4\", hours: 3}}), or cover only what it teaches toward them",
                module.id,
                hours(given),
                crate::text::some_of(&outside, 8),
            ));
        }
    }
    Ok(RequirementsCheck {
        credential: &requirements.credential,
        source: &requirements.source,
        curriculum: coverage.curriculum,
        framework: coverage.framework,
        met: checks.iter().all(|c| c.met) && total.is_none_or(|t| t.met),
        total,
        curriculum_hours: coverage.hours,
        requirements: checks,
        warnings,
    })
}

/// The entries of a group, and its tag codes: a code (and the entries carrying it), a whole
/// scheme (and all its codes), or what a module's reference names.
fn members<'a>(
    resolver: &mut Resolver<'a>,
    f: &'a Framework,
    text: &str,
) -> Result<(Vec<&'a str>, Vec<String>), String> {
    let codes = match text.parse::<TagRef>() {
        Ok(tag) => match (f.scheme(&tag.scheme), &tag.code) {
            (Some(_), Some(_)) => vec![tag.to_string()],
            (Some(scheme), None) => scheme.tags().iter().map(ToString::to_string).collect(),
            (None, _) => vec![],
        },
        Err(_) => vec![],
    };
    match resolver.resolve(text)? {
        Named::Entries(ids) => Ok((ids, codes)),
        Named::Code(_) => Ok((vec![], codes)),
    }
}

/// A group's name where the file gives none: a tag's label, a category's title, else itself.
fn label(f: &Framework, group: &str) -> String {
    if let Ok(tag) = group.parse::<TagRef>()
        && let Some(label) = f.tag_label(&tag)
    {
        return label.to_owned();
    }
    let category = group.strip_suffix(".*").and_then(|id| f.categories.iter().find(|c| c.id == id));
    category.map_or_else(|| group.to_owned(), |c| c.title.clone())
}
