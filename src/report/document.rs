//! The format-neutral document that people read: blocks of headings, text, grids, cards and
//! lists, with a little emphasis. The table and Markdown writers both write it.

use crate::text::visible;

/// What people read, format-neutral: blocks separated by blank lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document(pub Vec<Block>);

/// One part of a [`Document`].
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A Markdown heading, of level 1 to 6. A terminal table leaves it out: the blocks under
    /// it say what they are.
    Heading(u8, Inline),
    /// A paragraph.
    Text(Inline),
    /// A note on the block above it, such as the legend of a marker: on a terminal, right under
    /// it.
    Note(Inline),
    /// Rows and columns.
    Grid(Grid),
    /// One record, a field per line: `show`'s entries.
    Card(Card),
    /// A bulleted list, or with `task` set a checklist.
    List(Vec<ListItem>),
}

/// Text with a little emphasis, which Markdown marks and a terminal shows plainly.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inline(pub Vec<Span>);

/// A run of text of one kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Span {
    /// Plain text.
    Text(String),
    /// Bold in Markdown.
    Strong(String),
    /// Italic in Markdown.
    Emphasis(String),
    /// Code in Markdown, for tags and ids written as they are typed.
    Code(String),
    /// A space between two parts of a line: wider on a terminal, where it sets them apart.
    Gap,
}

impl Inline {
    /// Plain text.
    pub fn text(text: impl Into<String>) -> Self {
        Inline(vec![Span::Text(text.into())])
    }

    /// Adds a span.
    pub fn and(mut self, span: Span) -> Self {
        self.0.push(span);
        self
    }

    /// The text without emphasis, as a terminal shows it.
    pub fn plain(&self) -> String {
        self.0
            .iter()
            .map(|span| match span {
                Span::Text(t) | Span::Strong(t) | Span::Emphasis(t) | Span::Code(t) => t.as_str(),
                Span::Gap => "  ",
            })
            .collect()
    }
}

impl From<&str> for Span {
    fn from(text: &str) -> Self {
        Span::Text(text.to_owned())
    }
}

impl From<String> for Inline {
    fn from(text: String) -> Self {
        Inline::text(text)
    }
}

impl From<&str> for Inline {
    fn from(text: &str) -> Self {
        Inline::text(text)
    }
}

/// Columns for people: a header, rows of cells, and which columns hold numbers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    /// The column headings.
    pub header: Vec<String>,
    /// The cells, row by row.
    pub rows: Vec<Vec<String>>,
    /// The columns aligned right.
    pub numeric: Vec<usize>,
    /// The last row holds totals, to be set apart from the rest.
    pub totals_row: bool,
    /// Shorter headings for a terminal too narrow for `header`, with a legend to print under
    /// the table in their place.
    pub compact: Option<Compact>,
    /// Headings in full on one line each, for output with no width (a pipe), where `header`
    /// is shaped for a terminal.
    pub pipe_header: Option<Vec<String>>,
    /// Cells hold matched words between `MARK_OPEN` and `MARK_CLOSE` (see `marked`): a
    /// terminal shows them in colour where asked, Markdown in bold.
    pub marked: bool,
}

/// Headings by code, and the legend that names the codes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Compact {
    /// One heading per column, as in [`Grid::header`].
    pub header: Vec<String>,
    /// Lines under the table that say what each short heading stands for.
    pub legend: Vec<String>,
    /// Where even the short headings do not fit: short labels for the rows instead of their
    /// first cells, and what they stand for.
    pub rows: Option<ShortRows>,
}

/// Short labels for a grid's rows (its first column), for a terminal too narrow for them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShortRows {
    /// The first column's heading over the short labels.
    pub heading: String,
    /// One label per row, in order.
    pub labels: Vec<String>,
    /// Lines under the table that say what each label stands for.
    pub legend: Vec<String>,
}

/// One record: a heading (Markdown's; a terminal shows the fields alone) and its fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Card {
    /// The Markdown heading of the card.
    pub heading: Inline,
    /// The fields, in order.
    pub fields: Vec<CardField>,
}

/// A labelled field of a [`Card`].
#[derive(Debug, Clone, PartialEq)]
pub struct CardField {
    /// The label, in lower case ("as written"); Markdown capitalises it.
    pub label: &'static str,
    /// One line, or several (a bulleted list; "none" where there are none).
    pub value: FieldValue,
    /// Shown on a terminal only, where the Markdown heading already says it.
    pub terminal_only: bool,
}

/// The value of a [`CardField`].
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// One line of text.
    One(Inline),
    /// A list, a line each ("none" where it is empty).
    Many(Vec<Inline>),
    /// A list of sentences, which a terminal marks with bullets to keep them apart.
    Bullets(Vec<Inline>),
}

/// One line of a [`Block::List`].
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    /// Nesting: 0 at the top.
    pub depth: usize,
    /// A checkbox (`- [ ]`) before the text.
    pub task: bool,
    /// The text.
    pub text: Inline,
}

impl Card {
    /// Adds a one-line field.
    pub fn field(&mut self, label: &'static str, value: impl Into<Inline>) {
        let value = FieldValue::One(value.into());
        self.fields.push(CardField { label, value, terminal_only: false });
    }

    /// Adds a list field.
    pub fn list(&mut self, label: &'static str, values: Vec<Inline>) {
        self.fields.push(CardField {
            label,
            value: FieldValue::Many(values),
            terminal_only: false,
        });
    }

    /// Adds a list of sentences.
    pub fn bullets(&mut self, label: &'static str, values: Vec<Inline>) {
        self.fields.push(CardField {
            label,
            value: FieldValue::Bullets(values),
            terminal_only: false,
        });
    }

    /// Adds a field shown on a terminal only.
    pub fn terminal_field(&mut self, label: &'static str, value: impl Into<Inline>) {
        let value = FieldValue::One(value.into());
        self.fields.push(CardField { label, value, terminal_only: true });
    }
}

/// The start and the end of a matched word in a cell of a marked [`Grid`]: characters of no
/// width, so that a table lays the cell out as if they were not there; the writer then turns
/// them into colour, emphasis or nothing. Text from a file never carries them (see [`marked`]).
pub(crate) const MARK_OPEN: char = '\u{2060}';

pub(crate) const MARK_CLOSE: char = '\u{200B}';

/// Text with the byte ranges `spans` (sorted, within `text`, on character boundaries) between
/// marks, for a marked [`Grid`]; control characters escaped as [`visible`] does, and any mark
/// character the text itself holds left out, so that only a match is ever marked.
pub(crate) fn marked(text: &str, spans: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(text.len() + 6 * spans.len());
    let push = |part: &str, out: &mut String| {
        out.extend(visible(part).chars().filter(|&c| c != MARK_OPEN && c != MARK_CLOSE));
    };
    let mut at = 0;
    for &(start, end) in spans {
        let (Some(before), Some(word)) = (text.get(at..start), text.get(start..end)) else {
            continue;
        };
        push(before, &mut out);
        out.push(MARK_OPEN);
        push(word, &mut out);
        out.push(MARK_CLOSE);
        at = end;
    }
    push(text.get(at..).unwrap_or_default(), &mut out);
    out
}

/// The marker of an inferred tag in lists, and its legend.
pub(crate) const INFERRED_MARK: &str = "*";

pub(crate) const INFERRED_LEGEND: &str =
    "* inferred: not printed in the source (peercomp show ID says why)";

/// The marker of a code's name that the data takes from a statement, the source giving it none
/// (RFC Best Practice 3 "Addresses barriers to housing", after 6.9), and its legend.
pub(crate) const NAMED_AFTER_MARK: &str = "†";

pub(crate) const NAMED_AFTER_LEGEND: &str = "† named after the statement of the entry tagged with \
     it (`named_after` in tags --json): the source gives the code no name of its own, and the \
     RFC curriculum's titles are not public";

/// "icrc:1 rfc:6*": tags, inferred ones marked.
pub(crate) fn tag_list<'t>(tags: impl IntoIterator<Item = (&'t str, bool)>) -> String {
    tags.into_iter()
        .map(
            |(tag, inferred)| {
                if inferred { format!("{tag}{INFERRED_MARK}") } else { tag.to_owned() }
            },
        )
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether rows come from more than one framework (a column for it is then worth its room).
pub(crate) fn several<'a>(mut ids: impl Iterator<Item = &'a str>) -> bool {
    let first = ids.next();
    ids.any(|id| Some(id) != first)
}

/// The text, or "none" where it is empty.
pub(crate) fn or_none(text: String) -> String {
    if text.is_empty() { "none".to_owned() } else { text }
}
