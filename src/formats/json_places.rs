//! Places in a JSON text, found in one pass without building a tree: where `place` is asked
//! for the line and column of a few paths in a large JSON file (a CTDL-ASN graph or a CASE
//! package of 100,000 nodes), the located tree costs 20 times the file and seconds; this scan
//! costs the depth of the document and the paths asked for.

use foldhash::{HashMap, HashMapExt};

use super::Seg;

/// A path as a key: each step a byte that says its kind (1 a key, 2 a list position) and its
/// text. Keys are compared as written between their quotes.
fn encode(path: &[Seg]) -> String {
    let mut key = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                key.push('\u{1}');
                key.push_str(k);
            }
            Seg::Index(i) => {
                key.push('\u{2}');
                key.push_str(&i.to_string());
            }
        }
    }
    key
}

/// A container open where the scan stands.
enum Open {
    /// An object, and the length of the path key before its current member's step.
    Object { base: usize },
    /// A list, its current position, and the length of the path key before its step.
    List { index: usize, base: usize },
}

/// A place in the text as the scan stands: its byte, and its line and column (1-based, the
/// column in characters).
struct Cursor<'t> {
    bytes: &'t [u8],
    i: usize,
    line: u64,
    column: u64,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.i).copied()
    }

    /// One byte on: a newline starts a line, a byte that starts a character is a column.
    fn advance(&mut self) {
        let b = self.bytes[self.i];
        if b == b'\n' {
            self.line += 1;
            self.column = 1;
        } else if b & 0xC0 != 0x80 {
            self.column += 1;
        }
        self.i += 1;
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            self.advance();
        }
    }

    /// A string from its opening quote past its closing one.
    fn string(&mut self) -> Option<()> {
        self.advance();
        loop {
            match self.peek()? {
                b'"' => {
                    self.advance();
                    return Some(());
                }
                b'\\' => {
                    self.advance();
                    self.peek()?;
                    self.advance();
                }
                _ => self.advance(),
            }
        }
    }

    /// An object's member key and its colon: the key's step goes on the path.
    fn key(&mut self, path: &mut String) -> Option<()> {
        if self.peek() != Some(b'"') {
            return None;
        }
        let start = self.i + 1;
        self.string()?;
        path.push('\u{1}');
        path.push_str(std::str::from_utf8(&self.bytes[start..self.i - 1]).ok()?);
        self.skip_space();
        (self.peek() == Some(b':')).then_some(())?;
        self.advance();
        Some(())
    }
}

/// The line and column (1-based, columns in characters) of each path of `wanted` found in
/// `text`, a JSON text; None where the text is not JSON as this scan reads it (the caller then
/// takes the slow path).
pub(crate) fn places(text: &str, wanted: &[&[Seg]]) -> Option<HashMap<String, (u64, u64)>> {
    let wanted: HashMap<String, ()> = wanted.iter().map(|p| (encode(p), ())).collect();
    let mut found = HashMap::new();
    let mut at = Cursor { bytes: text.as_bytes(), i: 0, line: 1, column: 1 };
    let mut stack: Vec<Open> = Vec::new();
    let mut path = String::new();
    // Whether the next token is a value (else a key, a comma, a colon or a closing bracket).
    let mut expect_value = true;
    while let Some(b) = at.peek() {
        match b {
            b' ' | b'\t' | b'\r' | b'\n' => at.advance(),
            _ if expect_value => {
                if wanted.contains_key(&path) && !found.contains_key(&path) {
                    found.insert(path.clone(), (at.line, at.column));
                }
                expect_value = false;
                match b {
                    b'{' => {
                        stack.push(Open::Object { base: path.len() });
                        at.advance();
                        at.skip_space();
                        if at.peek() == Some(b'}') {
                            stack.pop();
                            at.advance();
                        } else {
                            at.key(&mut path)?;
                            expect_value = true;
                        }
                    }
                    b'[' => {
                        let base = path.len();
                        at.advance();
                        at.skip_space();
                        if at.peek() == Some(b']') {
                            at.advance();
                        } else {
                            stack.push(Open::List { index: 0, base });
                            path.push_str("\u{2}0");
                            expect_value = true;
                        }
                    }
                    b'"' => at.string()?,
                    _ => {
                        // A number, true, false or null: up to the next delimiter.
                        while at.peek().is_some_and(|b| !b",]} \t\r\n".contains(&b)) {
                            at.advance();
                        }
                    }
                }
            }
            b',' => {
                at.advance();
                match stack.last_mut()? {
                    Open::Object { base } => {
                        path.truncate(*base);
                        at.skip_space();
                        at.key(&mut path)?;
                    }
                    Open::List { index, base } => {
                        *index += 1;
                        path.truncate(*base);
                        path.push('\u{2}');
                        path.push_str(&index.to_string());
                    }
                }
                expect_value = true;
            }
            b'}' | b']' => {
                let base = match stack.pop()? {
                    Open::Object { base } if b == b'}' => base,
                    Open::List { base, .. } if b == b']' => base,
                    _ => return None,
                };
                path.truncate(base);
                at.advance();
            }
            _ => return None,
        }
    }
    stack.is_empty().then_some(found)
}

/// The key of a path, to look a place up in what [`places`] found.
pub(crate) fn key_of(path: &[Seg]) -> String {
    encode(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_values_by_path_as_a_tree_would() {
        let text = "{\"a\": [1, {\"b\": \"x\\\"y\"}],\n  \"é\": {\"c\": [[], {}, true]}}";
        let a1: &[Seg] = &[Seg::Key("a"), Seg::Index(1)];
        let b: &[Seg] = &[Seg::Key("a"), Seg::Index(1), Seg::Key("b")];
        let c2: &[Seg] = &[Seg::Key("é"), Seg::Key("c"), Seg::Index(2)];
        let none: &[Seg] = &[Seg::Key("z")];
        let found = places(text, &[a1, b, c2, none]).unwrap();
        assert_eq!(found[&key_of(a1)], (1, 11));
        assert_eq!(found[&key_of(b)], (1, 17));
        assert_eq!(found[&key_of(c2)], (2, 23));
        // The places the located tree (the slow path) gives.
        for path in [a1, b, c2] {
            assert_eq!(Some(found[&key_of(path)]), crate::formats::located::locate_in(text, path));
        }
        assert!(!found.contains_key(&key_of(none)));
        assert!(places("{a: 1}", &[a1]).is_none(), "YAML's flow style is not this scan's");
        assert!(places("[1, 2", &[a1]).is_none());
    }
}
