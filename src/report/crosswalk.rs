//! `crosswalk`: a matrix of categories by codes, counts or ids in its cells.

use crate::model::label_name;
use crate::query::*;
use crate::report::*;

/// A cell for people: the number of entries or their ids; `·` where there are none.
fn cell(ids: &[&str], layout: CrosswalkLayout) -> String {
    match ids {
        [] => "·".to_owned(),
        _ if layout.ids => ids.join(" "),
        _ => ids.len().to_string(),
    }
}

/// A column heading: the tag, and under it the name from its label ("IC&RC Domain 1:
/// Advocacy" -> "Advocacy") wrapped to a narrow column, three lines at most. A label with no
/// name ("RFC Best Practice 1") adds nothing to the tag. `peercomp tags` has labels in full.
fn column_heading(tag: &str, name: Option<String>) -> String {
    const WIDTH: usize = 16;
    const LINES: usize = 3;
    let Some(name) = name else {
        return tag.to_owned();
    };
    let mut lines: Vec<String> = vec![String::new()];
    for word in name.split_whitespace() {
        let line = lines.last_mut().expect("never empty");
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > WIDTH {
            lines.push(String::new());
        }
        let line = lines.last_mut().expect("never empty");
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if lines.len() > LINES {
        lines.truncate(LINES);
        lines[LINES - 1].push('…');
    }
    std::iter::once(tag.to_owned()).chain(lines).collect::<Vec<_>>().join("\n")
}

/// The matrix with totals, for people; headings by code where the terminal is too narrow.
impl Report for Crosswalk<'_> {
    fn document(&self) -> Document {
        let (cw, layout) = (self, self.layout);
        let mut header = Vec::new();
        let mut rows: Vec<Vec<String>> = Vec::new();
        if layout.transpose {
            header.push("TAG".to_owned());
            header.extend(cw.rows.iter().map(|r| r.category.id.to_owned()));
            for (c, column) in cw.columns.iter().enumerate() {
                let name = column.name().unwrap_or_else(|| column.label.to_owned());
                let mut row = vec![format!("{} {name}", column.tag)];
                row.extend(cw.rows.iter().map(|r| cell(&r.cells.0[c].1, layout)));
                row.push(cw.totals.0[c].1.to_string());
                rows.push(row);
            }
            let mut totals = vec!["Total".to_owned()];
            totals.extend(cw.rows.iter().map(|r| r.total.to_string()));
            totals.push(cw.total.to_string());
            rows.push(totals);
        } else {
            header.push("CATEGORY".to_owned());
            header.extend(cw.columns.iter().map(|c| column_heading(&c.tag, c.name())));
            for r in &cw.rows {
                let mut row = vec![format!("{} {}", r.category.id, r.category.title)];
                row.extend(r.cells.0.iter().map(|(_, ids)| cell(ids, layout)));
                row.push(r.total.to_string());
                rows.push(row);
            }
            let mut totals = vec!["Total".to_owned()];
            totals.extend(cw.totals.0.iter().map(|(_, n)| n.to_string()));
            totals.push(cw.total.to_string());
            rows.push(totals);
        }
        header.push("TOTAL".to_owned());
        let width = header.len();
        let numeric = if layout.ids { vec![width - 1] } else { (1..width).collect() };
        let compact = (!layout.transpose).then(|| {
            let mut header = vec![format!("CATEGORY \\ {}", cw.by)];
            header.extend(cw.columns.iter().map(|c| {
                c.tag.split_once(':').map_or(c.tag.as_str(), |(_, code)| code).to_owned()
            }));
            header.push("TOTAL".to_owned());
            let legend =
                cw.columns.iter().map(|c| format!("{}  {}", c.tag, c.marked_label())).collect();
            // Rows by category id alone, with their titles in the legend.
            let mut labels: Vec<String> =
                cw.rows.iter().map(|r| r.category.id.to_owned()).collect();
            labels.push("Total".to_owned());
            let row_legend = cw
                .rows
                .iter()
                .map(|r| format!("{}  {}", r.category.id, r.category.title))
                .collect();
            let rows = ShortRows { heading: "ID".to_owned(), labels, legend: row_legend };
            Compact { header, legend, rows: Some(rows) }
        });
        // In a pipe, each heading on one line, its name in full.
        let pipe_header = (!layout.transpose).then(|| {
            let mut header = vec!["CATEGORY".to_owned()];
            header.extend(cw.columns.iter().map(|c| match c.name() {
                Some(name) => format!("{} {name}", c.tag),
                None => c.tag.clone(),
            }));
            header.push("TOTAL".to_owned());
            header
        });
        let grid =
            Grid { header, rows, numeric, totals_row: true, compact, pipe_header, marked: false };
        let mut document = Document(vec![Block::Grid(grid)]);
        if cw.columns.iter().any(|c| c.named_after) {
            document.0.push(Block::Note(NAMED_AFTER_LEGEND.into()));
        }
        document
    }

    /// The matrix alone, without totals, for spreadsheets to sum as they like. A cell holds the
    /// number of entries, or with `--ids` their ids separated by spaces.
    fn csv(&self, out: &mut Csv<'_>) -> io::Result<()> {
        let cell =
            |ids: &[&str]| if self.layout.ids { ids.join(" ") } else { ids.len().to_string() };
        if self.layout.transpose {
            let mut header = vec!["tag".to_owned(), "label".to_owned()];
            header.extend(self.rows.iter().map(|r| r.category.id.to_owned()));
            out.row(&header)?;
            for (c, column) in self.columns.iter().enumerate() {
                let mut record = vec![column.tag.clone(), column.label.to_owned()];
                record.extend(self.rows.iter().map(|r| cell(&r.cells.0[c].1)));
                out.row(&record)?;
            }
        } else {
            let mut header = vec!["category".to_owned(), "title".to_owned()];
            header.extend(self.columns.iter().map(|c| c.tag.clone()));
            out.row(&header)?;
            for r in &self.rows {
                let mut record = vec![r.category.id.to_owned(), r.category.title.to_owned()];
                record.extend(r.cells.0.iter().map(|(_, ids)| cell(ids)));
                out.row(&record)?;
            }
        }
        Ok(())
    }

    fn json_lines(&self, out: &mut JsonLines<'_>) -> io::Result<()> {
        out.each(&self.rows)
    }
}

impl CrosswalkColumn<'_> {
    /// The name in its label ("Advocacy"), marked where it is taken from a statement; none
    /// where the label names nothing beyond its code.
    pub(crate) fn name(&self) -> Option<String> {
        let name = if self.titled { Some(self.label) } else { label_name(self.label) }?;
        Some(if self.named_after { format!("{name}{NAMED_AFTER_MARK}") } else { name.to_owned() })
    }

    /// The label in full, marked as [`CrosswalkColumn::name`] is.
    pub(crate) fn marked_label(&self) -> String {
        if self.named_after {
            format!("{}{NAMED_AFTER_MARK}", self.label)
        } else {
            self.label.to_owned()
        }
    }
}
