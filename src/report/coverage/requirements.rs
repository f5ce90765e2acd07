//! A curriculum's hours against a credential's requirements.

use crate::query::*;
use crate::report::*;
use crate::text::trim_number;

/// Requirements checked: a line of verdict, a row per requirement and one for the total, the
/// source; in a terminal, what is short stands out.
impl Report for RequirementsCheck<'_> {
    fn document(&self) -> Document {
        let mut document = Document(vec![
            Block::Heading(2, self.credential.into()),
            Block::Text(self.verdict().into()),
            Block::Grid(self.grid()),
            Block::Text(format!("Source: {}", self.source).into()),
        ]);
        document
            .0
            .extend(self.warnings.iter().map(|w| Block::Note(format!("warning: {w}").into())));
        document
    }

    /// A row per requirement, then a row `total` where a total is required.
    fn csv(&self, out: &mut Csv<'_>) -> io::Result<()> {
        out.row([
            "group",
            "label",
            "hours_required",
            "hours_planned",
            "hours_short",
            "items",
            "covered",
            "percent",
            "items_percent",
            "met",
        ])?;
        let number = |n: Option<f64>| n.map(|n| n.to_string()).unwrap_or_default();
        for r in &self.requirements {
            out.row([
                r.group,
                &r.label,
                &number(r.hours.map(|h| h.required)),
                &r.planned_hours.to_string(),
                &number(r.hours.map(|h| h.short)),
                &r.items.to_string(),
                &r.covered.to_string(),
                &number(r.percent),
                &number(r.items_percent),
                &r.met.to_string(),
            ])?;
        }
        if let Some(t) = self.total {
            let (required, planned, short) =
                (t.required.to_string(), t.planned.to_string(), t.short.to_string());
            let label = TOTAL_LABEL;
            out.row([
                "total",
                label,
                &required,
                &planned,
                &short,
                "",
                "",
                "",
                "",
                &t.met.to_string(),
            ])?;
        }
        Ok(())
    }

    /// A line for the whole (`"kind": "summary"`), then one per requirement.
    fn json_lines(&self, out: &mut JsonLines<'_>) -> io::Result<()> {
        #[derive(Serialize)]
        struct Summary<'t> {
            kind: &'static str,
            credential: &'t str,
            source: &'t str,
            curriculum: &'t str,
            framework: &'t str,
            met: bool,
            total: Option<HoursCheck>,
            curriculum_hours: Option<f64>,
            #[serde(skip_serializing_if = "<[_]>::is_empty")]
            warnings: &'t [String],
        }
        #[derive(Serialize)]
        struct Line<'t, T: Serialize> {
            kind: &'static str,
            #[serde(flatten)]
            value: &'t T,
        }
        out.line(&Summary {
            kind: "summary",
            credential: self.credential,
            source: self.source,
            curriculum: self.curriculum,
            framework: self.framework,
            met: self.met,
            total: self.total,
            curriculum_hours: self.curriculum_hours,
            warnings: &self.warnings,
        })?;
        self.requirements.iter().try_for_each(|r| out.line(&Line { kind: "requirement", value: r }))
    }
}

impl RequirementsCheck<'_> {
    /// "T, mapped to peer-worker, meets every requirement of C" or what it misses.
    pub fn verdict(&self) -> String {
        let short = self.shortfalls(|r| &r.label);
        match short.is_empty() {
            true => format!(
                "{}, mapped to {}, meets every requirement of {}.",
                self.curriculum, self.framework, self.credential
            ),
            false => format!(
                "{}, mapped to {}, does not meet {}: {}.",
                self.curriculum,
                self.framework,
                self.credential,
                short.join("; ")
            ),
        }
    }

    /// One line for stderr where requirements are unmet: "C not met: icrc:2 short by 4 hours".
    pub fn unmet(&self) -> String {
        format!("{} not met: {}", self.credential, self.shortfalls(|r| r.group).join("; "))
    }

    /// What is short, requirement by requirement, each named by `name`, then the total.
    fn shortfalls<'s>(&'s self, name: impl Fn(&'s RequirementCheck) -> &'s str) -> Vec<String> {
        let total = self.total.filter(|t| !t.met).map(|t| format!("total {}", t.status()));
        self.requirements
            .iter()
            .filter(|r| !r.met)
            .map(|r| format!("{} {}", name(r), r.verdict()))
            .chain(total)
            .collect()
    }

    fn grid(&self) -> Grid {
        let status =
            |met: bool, text: String| if met { text } else { marked(&text, &[(0, text.len())]) };
        let hours_cell = |h: Option<f64>| h.map(trim_number).unwrap_or_default();
        let mut rows: Vec<Vec<String>> = self
            .requirements
            .iter()
            .map(|r| {
                let items = match r.items_percent {
                    _ if r.items == 0 => "-".to_owned(),
                    Some(p) => format!("{}/{} (≥{p}%)", r.covered, r.items),
                    None => format!("{}/{}", r.covered, r.items),
                };
                vec![
                    marked(r.group, &[]),
                    marked(&r.label, &[]),
                    hours_cell(r.hours.map(|h| h.required)),
                    trim_number(r.planned_hours),
                    items,
                    status(r.met, r.verdict()),
                ]
            })
            .collect();
        if let Some(t) = self.total {
            let verdict = t.status();
            rows.push(vec![
                "total".to_owned(),
                TOTAL_LABEL.to_owned(),
                trim_number(t.required),
                trim_number(t.planned),
                String::new(),
                status(t.met, verdict),
            ]);
        }
        Grid {
            header: ["GROUP", "LABEL", "REQUIRED", "PLANNED", "ITEMS", "STATUS"]
                .map(String::from)
                .into(),
            rows,
            numeric: vec![2, 3, 4],
            totals_row: self.total.is_some(),
            marked: true,
            ..Grid::default()
        }
    }
}
