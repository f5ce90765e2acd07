//! `frameworks`, `tags` and `categories`: what the loaded frameworks hold, counted.

use crate::model::Source;
use crate::query::*;
use crate::report::*;

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
