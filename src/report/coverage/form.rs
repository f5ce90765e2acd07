//! The board's form in the report formats: a row per requirement, the modules that teach it.

use crate::query::*;
use crate::report::*;
use crate::text::trim_number;

impl Form<'_> {
    /// "48 hours in all, 46 toward the groups (46 required)".
    pub fn hours_line(&self) -> String {
        let all = self.curriculum_hours.map(|h| format!("{} in all", hours(h)));
        let toward = self.total.map(|t| {
            format!(
                "{} toward the groups ({} required)",
                trim_number(t.planned),
                trim_number(t.required)
            )
        });
        let parts: Vec<String> = all.into_iter().chain(toward).collect();
        if parts.is_empty() { "none given".to_owned() } else { parts.join(", ") }
    }

    /// A group's heading: "IC&RC Domain 2: Ethical Responsibility (icrc:2): 16 of 16 hours, met".
    pub fn group_heading(group: &FormGroup) -> String {
        let hours = match group.required_hours {
            Some(required) => {
                format!("{} of {} hours", trim_number(group.planned_hours), trim_number(required))
            }
            None => hours(group.planned_hours),
        };
        format!("{} ({}): {hours}, {}", group.label, group.group, group.status)
    }

    /// The cells of a row, as every format writes them.
    pub fn cells(row: &FormRow) -> [String; 5] {
        [
            row.competency.clone(),
            row.statement.clone(),
            match (row.module, row.module_title) {
                (Some(id), Some(title)) => format!("{id} {title}"),
                _ => "not covered".to_owned(),
            },
            row.hours.map(trim_number).unwrap_or_default(),
            row.how.clone().unwrap_or_default(),
        ]
    }
}

/// The form: a section per requirement with its rows, then the modules.
impl Report for Form<'_> {
    fn document(&self) -> Document {
        let mut blocks = vec![
            Block::Heading(1, format!("Training crosswalk: {}", self.credential).into()),
            Block::Text(format!("{} Contact hours: {}.", self.verdict, self.hours_line()).into()),
            Block::Text(format!("Source: {}", self.source).into()),
            Block::Heading(2, "Requirements".into()),
            Block::Grid(Grid {
                header: ["GROUP", "REQUIREMENT", "REQUIRED", "PLANNED", "STATUS"]
                    .map(String::from)
                    .into(),
                rows: self
                    .summary()
                    .into_iter()
                    .map(|line| {
                        vec![
                            line.group.to_owned(),
                            line.label.to_owned(),
                            line.required.map(trim_number).unwrap_or_default(),
                            trim_number(line.planned),
                            line.status,
                        ]
                    })
                    .collect(),
                numeric: vec![2, 3],
                ..Grid::default()
            }),
        ];
        for group in &self.groups {
            blocks.push(Block::Heading(2, Form::group_heading(group).into()));
            blocks.push(Block::Grid(Grid {
                header: ["COMPETENCY", "STATEMENT", "MODULE", "HOURS", "HOW"]
                    .map(String::from)
                    .into(),
                rows: group.rows.iter().map(|r| Form::cells(r).into()).collect(),
                numeric: vec![3],
                ..Grid::default()
            }));
        }
        blocks.push(Block::Heading(2, "Modules".into()));
        blocks.push(Block::Grid(Grid {
            header: ["MODULE", "TITLE", "HOURS", "DESCRIPTION"].map(String::from).into(),
            rows: self
                .modules
                .iter()
                .map(|m| {
                    vec![
                        m.id.to_owned(),
                        m.title.to_owned(),
                        m.hours.map(trim_number).unwrap_or_default(),
                        m.description.clone().unwrap_or_default(),
                    ]
                })
                .collect(),
            numeric: vec![2],
            ..Grid::default()
        }));
        Document(blocks)
    }

    /// A row per group, competency and module.
    fn csv(&self, out: &mut Csv<'_>) -> io::Result<()> {
        out.row([
            "group",
            "label",
            "required_hours",
            "planned_hours",
            "status",
            "competency",
            "statement",
            "module",
            "module_title",
            "hours",
            "how",
        ])?;
        let number = |n: Option<f64>| n.map(|n| n.to_string()).unwrap_or_default();
        for group in &self.groups {
            for row in &group.rows {
                out.row([
                    group.group,
                    &group.label,
                    &number(group.required_hours),
                    &group.planned_hours.to_string(),
                    &group.status,
                    &row.competency,
                    &row.statement,
                    row.module.unwrap_or_default(),
                    row.module_title.unwrap_or_default(),
                    &number(row.hours),
                    row.how.as_deref().unwrap_or_default(),
                ])?;
            }
        }
        Ok(())
    }

    /// A line per row, each with its group.
    fn json_lines(&self, out: &mut JsonLines<'_>) -> io::Result<()> {
        #[derive(Serialize)]
        struct Line<'t> {
            group: &'t str,
            label: &'t str,
            #[serde(flatten)]
            row: &'t FormRow<'t>,
        }
        for group in &self.groups {
            for row in &group.rows {
                out.line(&Line { group: group.group, label: &group.label, row })?;
            }
        }
        Ok(())
    }
}
