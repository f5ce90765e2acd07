//! `tags` and `categories`: what each framework holds, counted.

use std::collections::BTreeMap;
use std::io;

use foldhash::{HashMap, HashMapExt};

use serde::Serialize;

use super::{distinct_schemes, placed};
use crate::model::{Framework, Source, TagRef};
use crate::render::{
    Block, Csv, Document, Grid, JsonLines, NAMED_AFTER_LEGEND, NAMED_AFTER_MARK, Report, several,
};

/// A loaded framework: what it is and how big.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrameworkSummary<'a> {
    /// The framework's id.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// The document it comes from.
    pub source: Option<&'a Source>,
    /// Its description.
    pub description: Option<&'a str>,
    /// How many categories.
    pub categories: usize,
    /// Items and sub-items.
    pub entries: usize,
    /// How many items (top-level entries).
    pub items: usize,
    /// How many sub-items.
    pub subitems: usize,
    /// The ids of its tag schemes.
    pub schemes: Vec<&'a str>,
}

/// A summary of each framework.
pub fn framework_summaries(frameworks: &[Framework]) -> Vec<FrameworkSummary<'_>> {
    frameworks
        .iter()
        .map(|f| {
            let items: usize = f.categories.iter().map(|c| c.entries.len()).sum();
            let entries = f.entry_count();
            FrameworkSummary {
                id: &f.id,
                title: &f.title,
                source: f.source.as_ref(),
                description: f.description.as_deref(),
                categories: f.categories.len(),
                entries,
                items,
                subitems: entries - items,
                schemes: f.schemes.iter().map(|s| s.id.as_str()).collect(),
            }
        })
        .collect()
}

/// One tag a framework defines, and how many entries carry it as their own.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TagCount<'a> {
    /// The id of the framework defining the tag.
    pub framework: &'a str,
    /// The tag (`icrc:4`).
    pub tag: String,
    /// Its scheme.
    pub scheme: &'a str,
    /// Its code, where it names one.
    pub code: Option<&'a str>,
    /// Its label.
    pub label: &'a str,
    /// Where the source names the code nowhere: the entries whose statement its label takes.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub named_after: &'a [String],
    /// Entries (items and sub-items) that carry the tag.
    pub entries: usize,
    /// How many of those carry it inferred, not printed in the source.
    pub inferred: usize,
}

/// Every tag of every scheme, in the order the frameworks define them, even those no entry
/// carries.
pub fn tag_counts(frameworks: &[Framework], as_written: bool) -> Vec<TagCount<'_>> {
    let mut counts: HashMap<(&str, &TagRef), (usize, usize)> = HashMap::new();
    for p in placed(frameworks) {
        for tag in p.entry.tags_to_use(as_written) {
            let count = counts.entry((&p.framework.id, &tag.tag)).or_default();
            count.0 += 1;
            count.1 += usize::from(tag.inferred);
        }
    }
    let mut rows = Vec::new();
    for framework in frameworks {
        for scheme in &framework.schemes {
            for tag in scheme.tags() {
                let (entries, inferred) =
                    counts.get(&(framework.id.as_str(), &tag)).copied().unwrap_or_default();
                let code = tag.code.as_deref().and_then(|c| scheme.code(c));
                rows.push(TagCount {
                    framework: &framework.id,
                    scheme: &scheme.id,
                    code: code.map(|c| c.code.as_str()),
                    label: code.map_or(&scheme.label, |c| &c.label),
                    named_after: code.map_or(&[], |c| &c.named_after),
                    tag: tag.to_string(),
                    entries,
                    inferred,
                });
            }
        }
    }
    rows
}

/// A category with its size and how many of its entries each scheme tags.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategorySummary<'a> {
    /// The id of the category's framework.
    pub framework: &'a str,
    /// The category's id.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its description.
    pub description: Option<&'a str>,
    /// How many items.
    pub items: usize,
    /// How many sub-items.
    pub subitems: usize,
    /// Scheme id -> entries of the category carrying a tag of that scheme.
    pub tagged: BTreeMap<&'a str, usize>,
}

/// The categories of the frameworks, and the schemes whose counts they carry (for the columns).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Categories<'a> {
    /// A row per category, framework by framework.
    pub rows: Vec<CategorySummary<'a>>,
    /// The schemes of the loaded frameworks, each once: (id, short name).
    #[serde(skip)]
    pub schemes: Vec<(&'a str, &'a str)>,
}

/// Every category with its counts.
pub fn category_summaries(frameworks: &[Framework], as_written: bool) -> Categories<'_> {
    let schemes =
        distinct_schemes(frameworks).iter().map(|s| (s.id.as_str(), s.name.as_str())).collect();
    let rows = frameworks
        .iter()
        .flat_map(|framework| {
            framework.categories.iter().map(move |category| {
                let mut summary = CategorySummary {
                    framework: &framework.id,
                    id: &category.id,
                    title: &category.title,
                    description: category.description.as_deref(),
                    items: category.entries.len(),
                    subitems: 0,
                    tagged: framework.schemes.iter().map(|s| (s.id.as_str(), 0)).collect(),
                };
                for (entry, parent) in category.walk() {
                    summary.subitems += usize::from(parent.is_some());
                    for scheme in &framework.schemes {
                        if entry.tags_to_use(as_written).any(|t| t.tag.scheme == scheme.id) {
                            *summary.tagged.entry(&scheme.id).or_default() += 1;
                        }
                    }
                }
                summary
            })
        })
        .collect();
    Categories { rows, schemes }
}

/// `frameworks`: a row per framework.
impl Report for [FrameworkSummary<'_>] {
    fn document(&self) -> Document {
        let header = ["ID", "TITLE", "SOURCE", "CATEGORIES", "ITEMS", "SUB-ITEMS", "SCHEMES"];
        let rows = self
            .iter()
            .map(|f| {
                vec![
                    f.id.to_owned(),
                    f.title.to_owned(),
                    f.source.map(|source| source_line(f.title, source)).unwrap_or_default(),
                    f.categories.to_string(),
                    f.items.to_string(),
                    f.subitems.to_string(),
                    f.schemes.join(" "),
                ]
            })
            .collect();
        let header = header.map(String::from).into();
        Document(vec![Block::Grid(Grid {
            header,
            rows,
            numeric: vec![3, 4, 5],
            ..Grid::default()
        })])
    }

    fn csv(&self, out: &mut Csv<'_>) -> io::Result<()> {
        out.row([
            "id",
            "title",
            "source",
            "publisher",
            "date",
            "categories",
            "items",
            "subitems",
            "schemes",
        ])?;
        for f in self {
            out.row([
                f.id,
                f.title,
                f.source.map_or("", |s| &s.title),
                f.source.and_then(|s| s.publisher.as_deref()).unwrap_or_default(),
                f.source.and_then(|s| s.date.as_deref()).unwrap_or_default(),
                &f.categories.to_string(),
                &f.items.to_string(),
                &f.subitems.to_string(),
                &f.schemes.join(" "),
            ])?;
        }
        Ok(())
    }

    fn json_lines(&self, out: &mut JsonLines<'_>) -> io::Result<()> {
        out.each(self)
    }
}

/// A framework's source as people name it: its publisher and date where the framework's title
/// already gives the document's, else the document's title (with them, where known); never
/// the file it was copied to, which names nothing to a reader.
fn source_line(title: &str, source: &Source) -> String {
    match source.details() {
        Some(details) if source.title == title => details,
        Some(details) => format!("{} ({details})", source.title),
        None => source.title.clone(),
    }
}

/// `tags`: a row per tag; the framework column where there are several.
impl Report for [TagCount<'_>] {
    fn document(&self) -> Document {
        let with_framework = several(self.iter().map(|r| r.framework));
        let mut header: Vec<String> =
            ["TAG", "LABEL", "ENTRIES", "INFERRED"].map(String::from).into();
        if with_framework {
            header.insert(0, "FRAMEWORK".to_owned());
        }
        let offset = usize::from(with_framework);
        let rows = self
            .iter()
            .map(|r| {
                let mut label = r.label.to_owned();
                if !r.named_after.is_empty() {
                    label.push_str(NAMED_AFTER_MARK);
                }
                let mut cells =
                    vec![r.tag.clone(), label, r.entries.to_string(), r.inferred.to_string()];
                if with_framework {
                    cells.insert(0, r.framework.to_owned());
                }
                cells
            })
            .collect();
        let numeric = vec![offset + 2, offset + 3];
        let mut document =
            Document(vec![Block::Grid(Grid { header, rows, numeric, ..Grid::default() })]);
        if self.iter().any(|r| !r.named_after.is_empty()) {
            document.0.push(Block::Note(NAMED_AFTER_LEGEND.into()));
        }
        document
    }

    fn csv(&self, out: &mut Csv<'_>) -> io::Result<()> {
        out.row(["framework", "tag", "scheme", "code", "label", "entries", "inferred"])?;
        for r in self {
            out.row([
                r.framework,
                &r.tag,
                r.scheme,
                r.code.unwrap_or_default(),
                r.label,
                &r.entries.to_string(),
                &r.inferred.to_string(),
            ])?;
        }
        Ok(())
    }

    fn json_lines(&self, out: &mut JsonLines<'_>) -> io::Result<()> {
        out.each(self)
    }
}

/// `categories`: a row per category, a column per scheme (blank where another framework
/// defines the scheme, not 0).
impl Report for Categories<'_> {
    fn document(&self) -> Document {
        let with_framework = several(self.rows.iter().map(|r| r.framework));
        let mut header: Vec<String> =
            ["ID", "TITLE", "DESCRIPTION", "ITEMS", "SUB-ITEMS"].map(String::from).into();
        header.extend(self.schemes.iter().map(|(_, name)| name.to_string()));
        if with_framework {
            header.insert(0, "FRAMEWORK".to_owned());
        }
        let offset = usize::from(with_framework);
        let rows = self
            .rows
            .iter()
            .map(|r| {
                let mut cells = vec![
                    r.id.to_owned(),
                    r.title.to_owned(),
                    r.description.unwrap_or_default().to_owned(),
                    r.items.to_string(),
                    r.subitems.to_string(),
                ];
                cells.extend(self.scheme_counts(r));
                if with_framework {
                    cells.insert(0, r.framework.to_owned());
                }
                cells
            })
            .collect();
        let numeric = (offset + 3..offset + 5 + self.schemes.len()).collect();
        Document(vec![Block::Grid(Grid { header, rows, numeric, ..Grid::default() })])
    }

    fn csv(&self, out: &mut Csv<'_>) -> io::Result<()> {
        let mut header: Vec<&str> =
            vec!["framework", "id", "title", "description", "items", "subitems"];
        header.extend(self.schemes.iter().map(|(id, _)| *id));
        out.row(&header)?;
        for r in &self.rows {
            let mut record = vec![
                r.framework.to_owned(),
                r.id.to_owned(),
                r.title.to_owned(),
                r.description.unwrap_or_default().to_owned(),
                r.items.to_string(),
                r.subitems.to_string(),
            ];
            record.extend(self.scheme_counts(r));
            out.row(&record)?;
        }
        Ok(())
    }

    fn json_lines(&self, out: &mut JsonLines<'_>) -> io::Result<()> {
        out.each(&self.rows)
    }
}

impl Categories<'_> {
    /// A category's count per scheme column; blank where its framework lacks the scheme.
    fn scheme_counts<'r>(
        &'r self,
        r: &'r CategorySummary<'_>,
    ) -> impl Iterator<Item = String> + 'r {
        self.schemes
            .iter()
            .map(|(id, _)| r.tagged.get(id).map(ToString::to_string).unwrap_or_default())
    }
}
