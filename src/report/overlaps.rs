//! `overlaps`: a pair per row.

use crate::query::*;
use crate::report::*;

/// `overlaps`: a row per pair, best first.
impl Report for [Overlap<'_>] {
    fn document(&self) -> Document {
        let header = ["SCORE", "KIND", "A", "B", "TEXT A", "TEXT B"].map(String::from).into();
        let rows = self
            .iter()
            .map(|o| {
                vec![
                    format!("{:.3}", o.score),
                    o.kind.as_str().to_owned(),
                    o.a.to_owned(),
                    match o.more.as_slice() {
                        [] => o.b.to_owned(),
                        more => format!("{} and {}", o.b, more.join(" ")),
                    },
                    o.entries[0].text.to_owned(),
                    o.entries[1].text.to_owned(),
                ]
            })
            .collect();
        Document(vec![Block::Grid(Grid { header, rows, numeric: vec![0], ..Grid::default() })])
    }

    fn csv(&self, out: &mut Csv<'_>) -> io::Result<()> {
        let header = ["a", "b", "score", "kind", "a_framework", "b_framework", "a_text", "b_text"];
        out.row(header.into_iter().chain(["more"]))?;
        for o in self {
            out.row([
                o.a,
                o.b,
                &format!("{:.3}", o.score),
                o.kind.as_str(),
                o.entries[0].framework,
                o.entries[1].framework,
                o.entries[0].text,
                o.entries[1].text,
                &o.more.join(" "),
            ])?;
        }
        Ok(())
    }

    fn json_lines(&self, out: &mut JsonLines<'_>) -> io::Result<()> {
        out.each(self)
    }
}
