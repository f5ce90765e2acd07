//! `crosswalk`: the categories of one framework against the codes of one scheme.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::io;

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::{CategoryRef, QueryError, framework};
use crate::model::{Framework, Scheme, TagRef, label_name};
use crate::render::{
    Block, Compact, Csv, Document, Grid, JsonLines, NAMED_AFTER_LEGEND, NAMED_AFTER_MARK, Report,
    ShortRows,
};

/// A matrix: a row per category, a column per code of the scheme (every code, even one no
/// entry carries), and in each cell the entries of that category carrying that tag.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Crosswalk<'a> {
    /// The framework whose categories are the rows.
    pub framework: &'a str,
    /// The scheme the columns come from; or the framework (`peer-worker`), or framework and
    /// scheme (`peer-worker:icrc`), through alignment links.
    pub by: String,
    /// A column per code of the scheme, in its order.
    pub columns: Vec<CrosswalkColumn<'a>>,
    /// A row per category, in framework order.
    pub rows: Vec<CrosswalkRow<'a>>,
    /// Per column: how many entries carry the tag.
    pub totals: Keyed<usize>,
    /// How many entries carry any tag of the scheme.
    pub total: usize,
    /// How people and spreadsheets see it (JSON always holds ids, by category).
    #[serde(skip)]
    pub layout: CrosswalkLayout,
}

/// How to lay out a crosswalk for people and spreadsheets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CrosswalkLayout {
    /// The ids of the entries in the cells instead of their number.
    pub ids: bool,
    /// Codes in rows and categories in columns.
    pub transpose: bool,
}

/// One column: a code of the scheme.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CrosswalkColumn<'a> {
    /// The tag (`icrc:4`).
    pub tag: String,
    /// Its label.
    pub label: &'a str,
    /// Its name is taken from a statement: the source names it nowhere.
    #[serde(skip)]
    pub named_after: bool,
    /// The label is a name in full (a category's title), not "Code 1: Name".
    #[serde(skip)]
    pub titled: bool,
}

impl CrosswalkColumn<'_> {
    /// The name in its label ("Advocacy"), marked where it is taken from a statement; none
    /// where the label names nothing beyond its code.
    fn name(&self) -> Option<String> {
        let name = if self.titled { Some(self.label) } else { label_name(self.label) }?;
        Some(if self.named_after { format!("{name}{NAMED_AFTER_MARK}") } else { name.to_owned() })
    }

    /// The label in full, marked as [`CrosswalkColumn::name`] is.
    fn marked_label(&self) -> String {
        if self.named_after {
            format!("{}{NAMED_AFTER_MARK}", self.label)
        } else {
            self.label.to_owned()
        }
    }
}

/// One category's row.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CrosswalkRow<'a> {
    /// The category.
    pub category: CategoryRef<'a>,
    /// Per column, in column order: the ids of the entries in the cell.
    pub cells: Keyed<Vec<&'a str>>,
    /// How many entries of the category carry any tag of the scheme.
    pub total: usize,
}

/// Values keyed by tag, in column order; serialised as a JSON object.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Keyed<V>(pub Vec<(String, V)>);

impl<V: Serialize> Serialize for Keyed<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// The scheme a framework is cross-walked by where none is named: its first scheme with codes
/// (a scheme without codes makes a single column), else its first.
pub fn default_scheme(framework: &Framework) -> Result<&str, QueryError> {
    let schemes = &framework.schemes;
    let chosen = schemes.iter().find(|s| !s.codes.is_empty()).or(schemes.first());
    chosen
        .map(|s| s.id.as_str())
        .ok_or_else(|| QueryError::NoSchemes { framework: framework.id.clone() })
}

/// A column per tag of a scheme of the framework, labelled as the framework labels it.
fn code_columns<'a>(
    framework: &'a Framework,
    scheme: &Scheme,
    tags: &[TagRef],
) -> Vec<CrosswalkColumn<'a>> {
    tags.iter()
        .map(|tag| CrosswalkColumn {
            tag: tag.to_string(),
            label: framework.tag_label(tag).unwrap_or_default(),
            named_after: tag
                .code
                .as_deref()
                .and_then(|c| scheme.code(c))
                .is_some_and(|c| !c.named_after.is_empty()),
            titled: false,
        })
        .collect()
}

/// The crosswalk of framework `framework_id` by scheme `scheme_id`. A cell holds exactly what
/// `list --tag TAG --category ID` selects: the entries' own tags, all of them or (with
/// `as_written`) only those printed in the source.
pub fn crosswalk<'a>(
    frameworks: &'a [Framework],
    framework_id: &str,
    scheme_id: &str,
    as_written: bool,
) -> Result<Crosswalk<'a>, QueryError> {
    let framework = framework(frameworks, framework_id)?;
    let scheme = framework
        .scheme(scheme_id)
        .ok_or_else(|| QueryError::unknown_scheme(scheme_id, framework.scheme_ids()))?;
    let tags = scheme.tags();
    let columns = code_columns(framework, scheme, &tags);
    let mut totals = vec![0; tags.len()];
    let mut total = 0;
    let rows = framework
        .categories
        .iter()
        .map(|category| {
            let mut cells: Vec<Vec<&str>> = vec![Vec::new(); tags.len()];
            let mut in_row: HashSet<&str> = HashSet::new();
            for (entry, _) in category.walk() {
                for tag in entry.tags_to_use(as_written) {
                    if let Some(column) = tags.iter().position(|t| tag.tag.is_selected_by(t)) {
                        // An entry tagged twice with one code still counts once in its cell.
                        if cells[column].last() != Some(&entry.id.as_str()) {
                            cells[column].push(&entry.id);
                            totals[column] += 1;
                        }
                        in_row.insert(&entry.id);
                    }
                }
            }
            total += in_row.len();
            CrosswalkRow {
                category: CategoryRef { id: &category.id, title: &category.title },
                cells: Keyed(tags.iter().map(ToString::to_string).zip(cells).collect()),
                total: in_row.len(),
            }
        })
        .collect();
    Ok(Crosswalk {
        framework: &framework.id,
        by: scheme.id.clone(),
        columns,
        rows,
        totals: Keyed(tags.iter().map(ToString::to_string).zip(totals).collect()),
        total,
        layout: CrosswalkLayout::default(),
    })
}

/// What a framework is cross-walked by through alignment links: the other framework's
/// categories, or the codes of one of its schemes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AcrossBy<'s> {
    /// The other framework's id.
    pub framework: &'s str,
    /// Its scheme, whose codes are the columns; its categories where None.
    pub scheme: Option<&'s str>,
}

/// The crosswalk of framework `framework_id` by another framework through links between
/// their entries (`links`: pairs of entry ids, the first of `framework_id`): a row per
/// category, a column per category of the other framework (or code of its scheme), and in each
/// cell the entries of the row linked to an entry of the column (by the entry's own tags, all
/// or those printed in the source).
pub fn crosswalk_across<'a>(
    frameworks: &'a [Framework],
    framework_id: &str,
    by: AcrossBy,
    links: &[(&str, &str)],
    as_written: bool,
) -> Result<Crosswalk<'a>, QueryError> {
    let framework = framework(frameworks, framework_id)?;
    let other = super::framework(frameworks, by.framework)?;
    // Per entry of the other framework, the columns it falls in.
    let mut columns: Vec<CrosswalkColumn<'a>> = Vec::new();
    let mut column_of: HashMap<&str, Vec<usize>> = HashMap::new();
    let by_name = match by.scheme {
        None => {
            for (c, category) in other.categories.iter().enumerate() {
                columns.push(CrosswalkColumn {
                    tag: category.id.clone(),
                    label: &category.title,
                    named_after: false,
                    titled: true,
                });
                for (entry, _) in category.walk() {
                    column_of.entry(&entry.id).or_default().push(c);
                }
            }
            other.id.clone()
        }
        Some(scheme_id) => {
            let scheme = other
                .scheme(scheme_id)
                .ok_or_else(|| QueryError::unknown_scheme(scheme_id, other.scheme_ids()))?;
            let tags = scheme.tags();
            columns = code_columns(other, scheme, &tags);
            for (entry, _) in other.entries() {
                for tag in entry.tags_to_use(as_written) {
                    if let Some(c) = tags.iter().position(|t| tag.tag.is_selected_by(t)) {
                        column_of.entry(&entry.id).or_default().push(c);
                    }
                }
            }
            format!("{}:{}", other.id, scheme.id)
        }
    };
    let mut linked: HashMap<&str, Vec<&str>> = HashMap::new();
    for &(from, to) in links {
        linked.entry(from).or_default().push(to);
    }
    let mut totals = vec![0; columns.len()];
    let mut total = 0;
    let rows = framework
        .categories
        .iter()
        .map(|category| {
            let mut cells: Vec<Vec<&str>> = vec![Vec::new(); columns.len()];
            let mut in_row = 0;
            for (entry, _) in category.walk() {
                let mut hit: Vec<usize> = linked
                    .get(entry.id.as_str())
                    .into_iter()
                    .flatten()
                    .filter_map(|to| column_of.get(to))
                    .flatten()
                    .copied()
                    .collect();
                hit.sort_unstable();
                hit.dedup();
                for &c in &hit {
                    cells[c].push(&entry.id);
                    totals[c] += 1;
                }
                in_row += usize::from(!hit.is_empty());
            }
            total += in_row;
            CrosswalkRow {
                category: CategoryRef { id: &category.id, title: &category.title },
                cells: Keyed(columns.iter().map(|c| c.tag.clone()).zip(cells).collect()),
                total: in_row,
            }
        })
        .collect();
    Ok(Crosswalk {
        framework: &framework.id,
        by: by_name,
        totals: Keyed(columns.iter().map(|c| c.tag.clone()).zip(totals).collect()),
        columns,
        rows,
        total,
        layout: CrosswalkLayout::default(),
    })
}

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
