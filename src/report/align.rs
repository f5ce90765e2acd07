//! `align`: suggested links, best first, and what found none.

use crate::query::*;
use crate::report::*;

/// `align`: a row per suggestion, then the entries with none.
impl Report for Suggestions<'_> {
    fn document(&self) -> Document {
        let header = ["FROM", "TO", "SCORE", "KIND", "FROM TEXT", "TO TEXT"].map(String::from);
        let rows = self
            .links
            .iter()
            .map(|s| {
                vec![
                    s.from.to_owned(),
                    s.to.to_owned(),
                    format!("{:.3}", s.score),
                    s.kind.as_str().to_owned(),
                    s.entries[0].text.clone(),
                    s.entries[1].text.clone(),
                ]
            })
            .collect();
        let mut blocks = Vec::new();
        if !self.links.is_empty() {
            let grid = Grid { header: header.into(), rows, numeric: vec![2], ..Grid::default() };
            blocks.push(Block::Grid(grid));
        }
        if !self.unmatched.is_empty() {
            blocks.push(Block::Heading(
                2,
                Inline::from(format!(
                    "{} of {} entries of {} with nothing in {} scoring {} or more",
                    self.unmatched.len(),
                    self.unmatched.len() + self.matched(),
                    self.from,
                    self.to,
                    self.min
                )),
            ));
            let header = ["UNMATCHED", "TEXT"].map(String::from).into();
            let rows =
                self.unmatched.iter().map(|u| vec![u.id.to_owned(), u.text.to_owned()]).collect();
            blocks.push(Block::Grid(Grid { header, rows, ..Grid::default() }));
        }
        Document(blocks)
    }

    /// A row per suggestion, then a row per entry with none (kind `unmatched`, no `to`).
    fn csv(&self, out: &mut Csv<'_>) -> io::Result<()> {
        out.row(["from", "to", "score", "kind", "from_text", "to_text"])?;
        for s in &self.links {
            let score = format!("{:.3}", s.score);
            let [a, b] = s.entries;
            out.row([s.from, s.to, &score, s.kind.as_str(), &a.text, &b.text])?;
        }
        for u in &self.unmatched {
            out.row([u.id, "", "", "unmatched", u.text, ""])?;
        }
        Ok(())
    }

    /// A line per suggestion, then one per entry with none: `{"from": id, "to": null, "score":
    /// null, "kind": "unmatched"}`.
    fn json_lines(&self, out: &mut JsonLines<'_>) -> io::Result<()> {
        out.each(&self.links)?;
        #[derive(Serialize)]
        struct Unmatched<'a> {
            from: &'a str,
            to: Option<&'a str>,
            score: Option<f64>,
            kind: &'static str,
        }
        let rows: Vec<Unmatched> = self
            .unmatched
            .iter()
            .map(|u| Unmatched { from: u.id, to: None, score: None, kind: "unmatched" })
            .collect();
        out.each(&rows)
    }
}

impl Suggestions<'_> {
    /// How many entries of `from` have a suggestion.
    pub fn matched(&self) -> usize {
        let mut ids: Vec<&str> = self.links.iter().map(|s| s.from).collect();
        ids.dedup();
        ids.len()
    }
}
