//! `coverage --requirements --form`: the crosswalk a certification board asks of a training,
//! per group (domain): its competencies, the modules and contact hours covering each, and how.

use foldhash::{HashMap, HashMapExt};

use serde::Serialize;

use crate::model::Framework;
use crate::query::coverage::{Taught, round};
use crate::query::{Coverage, HoursCheck, RequirementsCheck, TOTAL_LABEL, framework};

/// The board's form: the requirements checked, then a section per requirement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Form<'a> {
    /// The credential's name.
    pub credential: &'a str,
    /// Where its requirements are published.
    pub source: &'a str,
    /// The curriculum's name.
    pub curriculum: &'a str,
    /// The framework the competencies come from.
    pub framework: &'a str,
    /// Whether every requirement, and the total, is met.
    pub met: bool,
    /// "meets every requirement", or what is short.
    pub verdict: String,
    /// The hours toward the groups together against the total required, where one is.
    pub total: Option<HoursCheck>,
    /// The curriculum's hours, all modules together.
    pub curriculum_hours: Option<f64>,
    /// One section per requirement, in the requirements' order.
    pub groups: Vec<FormGroup<'a>>,
    /// The modules, with their hours and how they teach.
    pub modules: Vec<FormModule<'a>>,
}

/// A line of the form's summary of the requirements: a group's, or the total's.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryLine<'f> {
    /// The group (`icrc:2`), or `total`.
    pub group: &'f str,
    /// Its name, or what the total is.
    pub label: &'f str,
    /// Hours required, where the requirement asks hours.
    pub required: Option<f64>,
    /// Hours the curriculum spends on it.
    pub planned: f64,
    /// Whether it is met.
    pub met: bool,
    /// "met", or what is short.
    pub status: String,
    /// Whether this is the total's line.
    pub total: bool,
}

impl Form<'_> {
    /// The requirements at a glance, as every format of the form shows them: a line per group,
    /// and the total where the requirements set one.
    pub fn summary(&self) -> Vec<SummaryLine<'_>> {
        let groups = self.groups.iter().map(|g| SummaryLine {
            group: g.group,
            label: &g.label,
            required: g.required_hours,
            planned: g.planned_hours,
            met: g.met,
            status: g.status.clone(),
            total: false,
        });
        let total = self.total.map(|t| SummaryLine {
            group: "total",
            label: TOTAL_LABEL,
            required: Some(t.required),
            planned: t.planned,
            met: t.met,
            status: t.status(),
            total: true,
        });
        groups.chain(total).collect()
    }
}

/// One requirement's section of the form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormGroup<'a> {
    /// The group (`icrc:2`).
    pub group: &'a str,
    /// Its name.
    pub label: String,
    /// Hours required, where the requirement asks hours.
    pub required_hours: Option<f64>,
    /// Hours the curriculum spends on it.
    pub planned_hours: f64,
    /// "met", or what is short.
    pub status: String,
    /// Whether it is met.
    pub met: bool,
    /// A row per competency and module covering it; a competency no module covers has one
    /// row with no module.
    pub rows: Vec<FormRow<'a>>,
}

/// One competency and one module covering it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormRow<'a> {
    /// The entry's id, or the code taught as such (`icrc:2`).
    pub competency: String,
    /// The entry's statement, or what the code is.
    pub statement: String,
    /// The module's id; null where no module covers the competency.
    pub module: Option<&'a str>,
    /// The module's title.
    pub module_title: Option<&'a str>,
    /// Contact hours the module spends on the competency, to two decimals, rounded so that a
    /// group's rows add up to their exact sum rounded; null where the module gives no hours.
    pub hours: Option<f64>,
    /// How the module covers it, in its own words, where it says.
    pub how: Option<String>,
    /// The hours unrounded, for a spreadsheet to add up exactly.
    #[serde(skip)]
    pub exact_hours: Option<f64>,
}

/// One module, as the form's last section lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormModule<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its contact hours.
    pub hours: Option<f64>,
    /// How it teaches: its description, else its references' descriptions (`; ` between);
    /// null where neither says.
    pub description: Option<String>,
}

/// One module teaching an entry or a code: its hours on it and how, in its references' words.
struct TaughtBy<'a> {
    module: usize,
    hours: f64,
    how: Vec<&'a str>,
}

impl TaughtBy<'_> {
    fn new(module: usize) -> Self {
        TaughtBy { module, hours: 0.0, how: Vec::new() }
    }
}

/// The form for a curriculum's coverage, checked against requirements.
pub fn form<'a>(
    frameworks: &'a [Framework],
    coverage: &Coverage<'a>,
    check: RequirementsCheck<'a>,
) -> Result<Form<'a>, crate::query::QueryError> {
    let f = framework(frameworks, check.framework)?;
    let statements: HashMap<&str, &str> =
        f.entries().map(|(e, _)| (e.id.as_str(), e.text.as_str())).collect();
    let verdict = check.verdict();
    // Who teaches each entry and code, module by module in order, with the hours and how: made
    // once, so that the form costs in proportion to the curriculum and the groups.
    let mut by_taught: HashMap<Taught, Vec<TaughtBy>> = HashMap::new();
    for (i, module) in coverage.modules.iter().enumerate() {
        for id in &module.covers {
            by_taught.entry(Taught::Entry(id)).or_default().push(TaughtBy::new(i));
        }
        for share in &module.shares {
            let list = by_taught.entry(share.taught.clone()).or_default();
            if list.last().is_none_or(|t| t.module != i) {
                list.push(TaughtBy::new(i));
            }
            let t = list.last_mut().expect("pushed above");
            t.hours += share.hours;
            if let Some(d) = share.description
                && !t.how.contains(&d)
            {
                t.how.push(d);
            }
        }
    }
    let groups = check
        .requirements
        .iter()
        .map(|r| {
            let entries = r
                .entries
                .iter()
                .map(|id| (Taught::Entry(id), id.to_string(), statements[id].to_owned()));
            let codes = r.codes.iter().map(|c| {
                let label = c.parse().ok().and_then(|tag| f.tag_label(&tag)).unwrap_or(c);
                let statement =
                    format!("{label}, taught as a whole (no entry of {} carries it)", f.id);
                (Taught::Code(c.clone()), c.clone(), statement)
            });
            let mut rows = Vec::new();
            for (taught, competency, statement) in entries.chain(codes) {
                let taught_by = by_taught.get(&taught).map(Vec::as_slice).unwrap_or_default();
                for t in taught_by {
                    let module = &coverage.modules[t.module];
                    let how = match t.how.is_empty() {
                        true => module.description.map(str::to_owned),
                        false => Some(t.how.join("; ")),
                    };
                    rows.push(FormRow {
                        competency: competency.clone(),
                        statement: statement.clone(),
                        module: Some(module.id),
                        module_title: Some(module.title),
                        hours: module.hours.map(|_| round(t.hours, 2)),
                        how,
                        exact_hours: module.hours.map(|_| t.hours),
                    });
                }
                // A code no module teaches is no competency of the framework: left out.
                if taught_by.is_empty() && matches!(taught, Taught::Entry(_)) {
                    rows.push(FormRow {
                        competency,
                        statement,
                        module: None,
                        module_title: None,
                        hours: None,
                        how: None,
                        exact_hours: None,
                    });
                }
            }
            in_cents_that_add_up(&mut rows);
            FormGroup {
                group: r.group,
                label: r.label.clone(),
                required_hours: r.hours.map(|h| h.required),
                planned_hours: r.planned_hours,
                status: r.verdict(),
                met: r.met,
                rows,
            }
        })
        .collect();
    let modules = coverage
        .modules
        .iter()
        .map(|m| {
            let mut said: Vec<&str> = Vec::new();
            for d in m.shares.iter().filter_map(|s| s.description) {
                if !said.contains(&d) {
                    said.push(d);
                }
            }
            let references = (!said.is_empty()).then(|| said.join("; "));
            FormModule {
                id: m.id,
                title: m.title,
                hours: m.hours,
                description: m.description.map(str::to_owned).or(references),
            }
        })
        .collect();
    Ok(Form {
        credential: check.credential,
        source: check.source,
        curriculum: check.curriculum,
        framework: check.framework,
        met: check.met,
        verdict,
        total: check.total,
        curriculum_hours: check.curriculum_hours,
        groups,
        modules,
    })
}

/// The rows' hours to two decimals, adding up to their exact sum rounded: each is rounded down
/// to the cent, and the cents left go to the rows whose remainders are largest (the first of
/// equal ones), so that a group's rows never add up to 10.02 of 10 hours.
fn in_cents_that_add_up(rows: &mut [FormRow<'_>]) {
    let exact: Vec<(usize, f64)> =
        rows.iter().enumerate().filter_map(|(i, r)| Some((i, r.exact_hours? * 100.0))).collect();
    if exact.iter().any(|(_, cents)| !cents.is_finite()) {
        return;
    }
    let total = exact.iter().map(|(_, cents)| cents).sum::<f64>().round();
    let mut floors: Vec<(usize, f64, f64)> =
        exact.iter().map(|&(i, cents)| (i, cents.floor(), cents - cents.floor())).collect();
    let left = (total - floors.iter().map(|f| f.1).sum::<f64>()).max(0.0) as usize;
    let mut by_remainder: Vec<usize> = (0..floors.len()).collect();
    by_remainder.sort_by(|&a, &b| floors[b].2.total_cmp(&floors[a].2).then(a.cmp(&b)));
    for &k in by_remainder.iter().take(left) {
        floors[k].1 += 1.0;
    }
    for (i, cents, _) in floors {
        rows[i].hours = Some(cents / 100.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(exact: Option<f64>) -> FormRow<'static> {
        FormRow {
            competency: String::new(),
            statement: String::new(),
            module: None,
            module_title: None,
            hours: exact.map(|h| round(h, 2)),
            how: None,
            exact_hours: exact,
        }
    }

    #[test]
    fn rows_in_cents_add_up_to_the_exact_sum() {
        // Six rows of 10/6 hours: 1.67 each would add up to 10.02.
        let mut rows: Vec<FormRow> = (0..6).map(|_| row(Some(10.0 / 6.0))).collect();
        rows.push(row(None));
        in_cents_that_add_up(&mut rows);
        let hours: Vec<Option<f64>> = rows.iter().map(|r| r.hours).collect();
        assert_eq!(
            hours,
            [Some(1.67), Some(1.67), Some(1.67), Some(1.67), Some(1.66), Some(1.66), None]
        );
        let cents: f64 = rows.iter().filter_map(|r| r.hours).map(|h| h * 100.0).sum();
        assert_eq!(cents.round(), 1000.0);
        // Each stays within a cent of its exact hours.
        for r in &rows[..6] {
            assert!((r.hours.unwrap() - 10.0 / 6.0).abs() < 0.01);
        }
    }
}
