//! `diff`: a change per row, words changed marked.

use crate::query::*;
use crate::report::*;

/// A diff: a row per change, in the new version's order.
impl Report for [Change<'_>] {
    fn document(&self) -> Document {
        let header = ["CHANGE", "OLD", "NEW", "WHAT"].map(String::from).into();
        let rows = self
            .iter()
            .map(|c| {
                let what = match c.kind {
                    ChangeKind::Reworded | ChangeKind::CategoryRetitled => {
                        c.words.clone().unwrap_or_default()
                    }
                    ChangeKind::Retagged => {
                        let added = c.tags_added.iter().map(|t| format!("+{t}"));
                        let removed = c.tags_removed.iter().map(|t| format!("-{t}"));
                        added.chain(removed).collect::<Vec<_>>().join(" ")
                    }
                    ChangeKind::Moved => {
                        let (o, n) = (c.old.as_ref(), c.new.as_ref());
                        format!(
                            "category {} to {}: {}",
                            o.map_or("", |s| s.category),
                            n.map_or("", |s| s.category),
                            n.map_or("", |s| s.text)
                        )
                    }
                    _ => c.new.as_ref().or(c.old.as_ref()).map_or("", |s| s.text).to_owned(),
                };
                vec![
                    c.kind.as_str().to_owned(),
                    c.old.as_ref().map_or(String::new(), |s| s.id.to_owned()),
                    c.new.as_ref().map_or(String::new(), |s| s.id.to_owned()),
                    what,
                ]
            })
            .collect();
        Document(vec![Block::Grid(Grid { header, rows, ..Grid::default() })])
    }

    fn csv(&self, out: &mut Csv<'_>) -> io::Result<()> {
        out.row([
            "kind",
            "old_id",
            "new_id",
            "old_category",
            "new_category",
            "old_text",
            "new_text",
            "words",
            "tags_added",
            "tags_removed",
        ])?;
        for c in self {
            let (o, n) = (c.old.as_ref(), c.new.as_ref());
            out.row([
                c.kind.as_str(),
                o.map_or("", |s| s.id),
                n.map_or("", |s| s.id),
                o.map_or("", |s| s.category),
                n.map_or("", |s| s.category),
                o.map_or("", |s| s.text),
                n.map_or("", |s| s.text),
                c.words.as_deref().unwrap_or_default(),
                &joined(c.tags_added.iter().map(String::as_str)),
                &joined(c.tags_removed.iter().map(String::as_str)),
            ])?;
        }
        Ok(())
    }

    fn json_lines(&self, out: &mut JsonLines<'_>) -> io::Result<()> {
        out.each(self)
    }
}
