//! `coverage`: what a curriculum covers, per group and per module.

mod form;
mod requirements;

use crate::query::*;
use crate::report::*;
use crate::text::trim_number;

/// A coverage report: a summary, a row per group, a row per module, what no module covers.
impl Report for Coverage<'_> {
    fn document(&self) -> Document {
        let uncovered = format!(
            "Not covered by any module ({}): {}",
            self.uncovered.len(),
            or_none(self.uncovered.join(" "))
        );
        let mut document = Document(vec![
            Block::Heading(2, self.curriculum.into()),
            Block::Text(self.summary().into()),
            Block::Grid(self.groups_grid()),
        ]);
        // Where the hours the groups do not hold went, so that the column adds up.
        if !self.elsewhere.is_empty() {
            let rest: Vec<String> = self
                .elsewhere
                .iter()
                .map(|e| match e.what.contains(' ') {
                    false => format!(
                        "{} on {} (a code no entry carries, taught as such)",
                        trim_number(e.hours),
                        e.what
                    ),
                    true => format!("{} on {}", trim_number(e.hours), e.what),
                })
                .collect();
            let total = self.hours.map(trim_number).unwrap_or_default();
            let note = format!("The other hours of the {total}: {}.", rest.join("; "));
            document.0.push(Block::Note(note.into()));
        }
        document.0.extend([
            Block::Heading(3, "Modules".into()),
            Block::Grid(self.modules_grid()),
            Block::Text(uncovered.into()),
        ]);
        document
            .0
            .extend(self.warnings.iter().map(|w| Block::Note(format!("warning: {w}").into())));
        document
    }

    /// A row per group, after a row `all` for the whole framework.
    fn csv(&self, out: &mut Csv<'_>) -> io::Result<()> {
        out.row(["group", "label", "total", "covered", "percent", "hours", "uncovered"])?;
        let number = |n: Option<f64>| n.map(|n| n.to_string()).unwrap_or_default();
        let all = (
            "all",
            self.framework,
            self.total,
            self.covered,
            self.percent,
            self.hours,
            &self.uncovered,
        );
        let groups = self.groups.iter().map(|g| {
            (g.group.as_str(), g.label, g.total, g.covered, g.percent, g.hours, &g.uncovered)
        });
        for (group, label, total, covered, percent, hours, uncovered) in
            std::iter::once(all).chain(groups)
        {
            out.row([
                group,
                label,
                &total.to_string(),
                &covered.to_string(),
                &number(percent),
                &number(hours),
                &uncovered.join(" "),
            ])?;
        }
        Ok(())
    }

    /// A line for the whole (`"kind": "summary"`), then one per group and one per module, each
    /// saying its kind.
    fn json_lines(&self, out: &mut JsonLines<'_>) -> io::Result<()> {
        #[derive(Serialize)]
        struct Line<'t, T: Serialize> {
            kind: &'static str,
            #[serde(flatten)]
            value: &'t T,
        }
        #[derive(Serialize)]
        struct Summary<'t> {
            curriculum: &'t str,
            framework: &'t str,
            by: &'t str,
            include_subitems: bool,
            total: usize,
            covered: usize,
            percent: Option<f64>,
            hours: Option<f64>,
            uncovered: &'t [&'t str],
            #[serde(skip_serializing_if = "<[_]>::is_empty")]
            warnings: &'t [String],
        }
        let summary = Summary {
            curriculum: self.curriculum,
            framework: self.framework,
            by: self.by,
            include_subitems: self.include_subitems,
            total: self.total,
            covered: self.covered,
            percent: self.percent,
            hours: self.hours,
            uncovered: &self.uncovered,
            warnings: &self.warnings,
        };
        out.line(&Line { kind: "summary", value: &summary })?;
        self.groups.iter().try_for_each(|g| out.line(&Line { kind: "group", value: g }))?;
        self.modules.iter().try_for_each(|m| out.line(&Line { kind: "module", value: m }))
    }
}

impl Coverage<'_> {
    fn summary(&self) -> String {
        let what = if self.include_subitems { "items and sub-items" } else { "items" };
        let hours = self.hours.map(|h| format!(", {} hours", trim_number(h))).unwrap_or_default();
        format!(
            "{}, mapped to {}: {} of {} {what} covered ({}){hours}",
            self.curriculum,
            self.framework,
            self.covered,
            self.total,
            self.percent.map_or("-".to_owned(), |p| format!("{p:.1}%")),
        )
    }

    fn groups_grid(&self) -> Grid {
        let heading = if self.by == "category" { "CATEGORY" } else { "TAG" };
        let with_hours = self.hours.is_some();
        let mut header: Vec<String> =
            [heading, "LABEL", "COVERED", "%", ""].map(String::from).into();
        if with_hours {
            header.push("HOURS".to_owned());
        }
        header.push("UNCOVERED".to_owned());
        let rows = self
            .groups
            .iter()
            .map(|g| {
                let mut row = vec![
                    g.group.clone(),
                    g.label.to_owned(),
                    format!("{}/{}", g.covered, g.total),
                    g.percent.map_or("-".to_owned(), |p| format!("{p:.1}")),
                    bar(g.percent),
                ];
                if with_hours {
                    row.push(g.hours.map(trim_number).unwrap_or_default());
                }
                row.push(g.uncovered.join(" "));
                row
            })
            .collect();
        let numeric = if with_hours { vec![2, 3, 5] } else { vec![2, 3] };
        Grid { header, rows, numeric, ..Grid::default() }
    }

    fn modules_grid(&self) -> Grid {
        let header =
            ["MODULE", "TITLE", "HOURS", "COVERS", "ONLY THIS MODULE"].map(String::from).into();
        let rows = self
            .modules
            .iter()
            .map(|m| {
                vec![
                    m.id.to_owned(),
                    m.title.to_owned(),
                    m.hours.map(trim_number).unwrap_or_default(),
                    match m.codes.is_empty() {
                        true => m.covers.len().to_string(),
                        false => format!("{} + {}", m.covers.len(), m.codes.join(" ")),
                    },
                    m.unique.join(" "),
                ]
            })
            .collect();
        Grid { header, rows, numeric: vec![2, 3], ..Grid::default() }
    }
}

/// A bar of ten cells for a percentage: "███████░░░".
fn bar(percent: Option<f64>) -> String {
    match percent {
        None => String::new(),
        Some(p) => {
            let filled = ((p / 10.0).round() as usize).min(10);
            format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled))
        }
    }
}
