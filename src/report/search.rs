//! `search`: hits ranked, their matched words marked.

use crate::query::*;
use crate::report::*;

/// `search`: a row per result, the matched words marked, a match in a note or an
/// introduction quoted under the statement.
impl Report for [SearchHit<'_>] {
    fn document(&self) -> Document {
        let with_framework = several(self.iter().map(|h| h.framework));
        let mut header = vec!["SCORE".to_owned()];
        if with_framework {
            header.push("FRAMEWORK".to_owned());
        }
        header.extend(["ID".to_owned(), "TEXT".to_owned(), "MATCHED".to_owned()]);
        let rows = self
            .iter()
            .map(|hit| {
                let mut cells = vec![format!("{:.2}", hit.score)];
                if with_framework {
                    cells.push(hit.framework.to_owned());
                }
                cells.push(match hit.kind {
                    HitKind::Entry => hit.id.to_owned(),
                    HitKind::Category => format!("category {}", hit.id),
                });
                cells.push(hit.cell());
                cells.push(hit.matched_fields().join(", "));
                cells
            })
            .collect();
        let numeric = vec![0];
        Document(vec![Block::Grid(Grid { header, rows, numeric, marked: true, ..Grid::default() })])
    }

    fn csv(&self, out: &mut Csv<'_>) -> io::Result<()> {
        out.row([
            "score",
            "kind",
            "framework",
            "id",
            "parent",
            "category",
            "title",
            "text",
            "field",
            "matches",
        ])?;
        for hit in self {
            let spans: Vec<String> = hit
                .matches
                .iter()
                .map(|s| match s.index {
                    Some(i) => format!("{}.{i}:{}-{}", s.field.name(), s.start, s.end),
                    None => format!("{}:{}-{}", s.field.name(), s.start, s.end),
                })
                .collect();
            let score = hit.score.to_string();
            out.row([
                score.as_str(),
                match hit.kind {
                    HitKind::Entry => "entry",
                    HitKind::Category => "category",
                },
                hit.framework,
                hit.id,
                hit.parent.unwrap_or_default(),
                hit.category.id,
                hit.title.unwrap_or_default(),
                hit.text.or(hit.description).unwrap_or_default(),
                hit.field.name(),
                spans.join(" ").as_str(),
            ])?;
        }
        Ok(())
    }

    fn json_lines(&self, out: &mut JsonLines<'_>) -> io::Result<()> {
        out.each(self)
    }
}

impl SearchHit<'_> {
    /// The fields with a match, in the order of [`Field`].
    fn matched_fields(&self) -> Vec<&'static str> {
        let mut fields: Vec<Field> = self.matches.iter().map(|s| s.field).collect();
        fields.sort();
        fields.dedup();
        fields.into_iter().map(Field::name).collect()
    }

    /// The ranges matched in one field (and note).
    fn spans_in(&self, field: Field, index: Option<usize>) -> Vec<(usize, usize)> {
        let mut spans: Vec<(usize, usize)> = self
            .matches
            .iter()
            .filter(|s| s.field == field && s.index == index)
            .map(|s| (s.start, s.end))
            .collect();
        // Overlapping matches (a word inside a phrase) are marked once, and matches joined by
        // a hyphen or an apostrophe as one ("self-care", not "self" and "care").
        spans.sort();
        let text = self.field_text(field, index).unwrap_or_default();
        let joined = |from: usize, to: usize| {
            text.get(from..to)
                .is_some_and(|gap| gap.chars().all(|c| !c.is_alphanumeric() && !c.is_whitespace()))
        };
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
        for (start, end) in spans {
            match merged.last_mut() {
                Some(last) if start <= last.1 || joined(last.1, start) => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        merged
    }

    /// The text cell: the title and the statement (a category's title), matches marked, and a
    /// line quoting each other field that matched.
    fn cell(&self) -> String {
        let mut lines = Vec::new();
        let title = self.title.map(|t| marked(t, &self.spans_in(Field::Title, None)));
        let main = match self.kind {
            HitKind::Entry => {
                let text = marked(self.text.unwrap_or_default(), &self.spans_in(Field::Text, None));
                match title {
                    Some(title) => format!("{title}: {text}"),
                    None => text,
                }
            }
            HitKind::Category => title.unwrap_or_default(),
        };
        lines.push(main);
        let mut quoted: Vec<(Field, Option<usize>)> = self
            .matches
            .iter()
            .filter(|s| matches!(s.field, Field::Description | Field::Notes))
            .map(|s| (s.field, s.index))
            .collect();
        quoted.dedup();
        for (field, index) in quoted {
            let text = self.field_text(field, index).unwrap_or_default();
            let label = match field {
                Field::Notes => "note",
                _ => field.name(),
            };
            lines.push(format!("{label}: {}", snippet(text, &self.spans_in(field, index))));
        }
        lines.join("\n")
    }
}

/// Characters of context kept on each side of the matches quoted from a long field.
const CONTEXT: usize = 60;

/// The part of a long text around its matches, marked, with "…" where it was cut.
fn snippet(text: &str, spans: &[(usize, usize)]) -> String {
    let (Some(first), Some(last)) = (spans.first(), spans.last()) else {
        return marked(text, spans);
    };
    // Cut at a space, CONTEXT characters or so from the matches.
    let before = text[..first.0].char_indices().rev().nth(CONTEXT).map(|(i, _)| i);
    let start = before.map_or(0, |i| text[i..first.0].find(' ').map_or(first.0, |s| i + s + 1));
    let after = text[last.1..].char_indices().nth(CONTEXT).map(|(i, _)| last.1 + i);
    let end =
        after.map_or(text.len(), |i| text[..i].rfind(' ').filter(|&s| s >= last.1).unwrap_or(i));
    let shifted: Vec<(usize, usize)> = spans
        .iter()
        .filter(|s| s.0 >= start && s.1 <= end)
        .map(|s| (s.0 - start, s.1 - start))
        .collect();
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(&marked(&text[start..end], &shifted));
    if end < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snippet_keeps_the_match_and_cuts_at_spaces() {
        let text = "word ".repeat(40) + "housing " + &"word ".repeat(40);
        let start = text.find("housing").unwrap();
        let cut = snippet(&text, &[(start, start + 7)]);
        assert!(cut.starts_with("…word") && cut.ends_with("word…"), "{cut}");
        assert!(cut.contains("\u{2060}housing\u{200B}"));
        assert!(cut.chars().count() < 140);
    }
}
