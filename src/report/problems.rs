//! `validate`: a problem per row, with its place.

use crate::formats::Problem;
use crate::report::*;

/// Problems found in files. For people, one `file:line:column: message` line each, as compilers
/// print them, so that editors can jump to them; nothing where there are none.
impl Report for [Problem] {
    fn document(&self) -> Document {
        if self.is_empty() {
            return Document::default();
        }
        let lines: Vec<String> = self.iter().map(ToString::to_string).collect();
        Document(vec![Block::Text(lines.join("\n").into())])
    }

    fn markdown(&self) -> Document {
        let header = ["FILE", "LINE", "COLUMN", "KIND", "MESSAGE"].map(String::from).into();
        let number = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
        let rows = self
            .iter()
            .map(|p| {
                let kind = p.kind.as_str().to_owned();
                vec![p.file.clone(), number(p.line), number(p.column), kind, p.message.clone()]
            })
            .collect();
        Document(vec![Block::Grid(Grid { header, rows, numeric: vec![1, 2], ..Grid::default() })])
    }

    fn csv(&self, out: &mut Csv<'_>) -> std::io::Result<()> {
        out.row(["file", "line", "column", "kind", "message"])?;
        for p in self {
            let number = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
            out.row([
                p.file.as_str(),
                &number(p.line),
                &number(p.column),
                p.kind.as_str(),
                &p.message,
            ])?;
        }
        Ok(())
    }

    fn json_lines(&self, out: &mut JsonLines<'_>) -> std::io::Result<()> {
        out.each(self)
    }
}
