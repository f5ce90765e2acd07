//! A YAML (or JSON) text as a flat list of nodes, each with the line and column where it is
//! referenced: a list or a mapping is followed by its parts, and knows where they end, so that
//! a node is 20 bytes and every text is in one buffer. A tree of boxed nodes took 550 bytes for
//! an entry of 60 (`{id: "1.5", text: "Statement 5", bogus: x}`), nine times the file.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

/// A node's number in its tree; the root is 0.
pub(super) type Id = usize;

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Null,
    Bool,
    Number,
    Str,
    Seq,
    Map,
}

impl Kind {
    pub(super) fn describe(self) -> &'static str {
        match self {
            Kind::Null => "nothing",
            Kind::Bool => "true or false",
            Kind::Number => "a number",
            Kind::Str => "text",
            Kind::Seq => "a list",
            Kind::Map => "a mapping of fields",
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Node {
    kind: Kind,
    line: u32,
    column: u32,
    /// A text's start in `Tree::texts`; where a list's items are listed in `Tree::items`.
    start: u32,
    /// A text's end in `Tree::texts`; the node after a list's or a mapping's last part.
    end: u32,
}

/// The nodes of a text, in the order written.
#[derive(Debug, Default)]
pub(super) struct Tree {
    nodes: Vec<Node>,
    texts: String,
    /// Each list's item count, then its items: a list is indexed at once, as problems ask for
    /// `entries[40000]` forty thousand times.
    items: Vec<u32>,
}

thread_local! {
    /// The tree being read: serde-saphyr gives a place only to a `Spanned<T>` with `T:
    /// Deserialize`, which cannot be handed a tree to add to.
    static READING: RefCell<Tree> = RefCell::default();
}

fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Tree {
    /// The tree of `text`, within `options`.
    pub(super) fn read(
        text: &str,
        options: serde_saphyr::Options,
    ) -> Result<Tree, serde_saphyr::Error> {
        READING.with(|r| *r.borrow_mut() = Tree::default());
        let root = serde_saphyr::from_str_with_options::<Spanned<Slot>>(text, options);
        // Taken whether the text was read or not, so that nothing is left behind.
        let mut tree = READING.with(RefCell::take);
        tree.place(root?);
        Ok(tree)
    }

    fn place(&mut self, spanned: Spanned<Slot>) {
        let at = spanned.referenced;
        let node = &mut self.nodes[spanned.value.0];
        node.line = narrow(at.line() as usize);
        node.column = narrow(at.column() as usize);
    }

    fn push(&mut self, kind: Kind) -> Slot {
        self.nodes.push(Node { kind, line: 0, column: 0, start: 0, end: 0 });
        Slot(self.nodes.len() - 1)
    }

    pub(super) fn kind(&self, id: Id) -> Kind {
        self.nodes[id].kind
    }

    /// A text node's text.
    pub(super) fn text(&self, id: Id) -> Option<&str> {
        let node = &self.nodes[id];
        (node.kind == Kind::Str).then(|| &self.texts[node.start as usize..node.end as usize])
    }

    /// Where the node is referenced, where known.
    pub(super) fn location(&self, id: Id) -> Option<(u64, u64)> {
        let node = &self.nodes[id];
        (node.line > 0).then(|| (u64::from(node.line), u64::from(node.column)))
    }

    /// The node after `id` and its parts.
    fn next(&self, id: Id) -> Id {
        match self.nodes[id].kind {
            Kind::Seq | Kind::Map => self.nodes[id].end as usize,
            _ => id + 1,
        }
    }

    /// A list's items, in order.
    pub(super) fn items(&self, id: Id) -> &[u32] {
        let node = &self.nodes[id];
        if node.kind != Kind::Seq {
            return &[];
        }
        let start = node.start as usize;
        let count = self.items[start] as usize;
        &self.items[start + 1..start + 1 + count]
    }

    /// A mapping's keys and values, in order.
    pub(super) fn pairs(&self, id: Id) -> impl Iterator<Item = (Id, Id)> + '_ {
        let end = match self.nodes[id].kind {
            Kind::Map => self.nodes[id].end as usize,
            _ => id + 1,
        };
        let mut at = id + 1;
        std::iter::from_fn(move || {
            if at >= end {
                return None;
            }
            let key = at;
            let value = self.next(key);
            at = self.next(value);
            Some((key, value))
        })
    }

    /// The value of the field `name` of a mapping.
    pub(super) fn field(&self, id: Id, name: &str) -> Option<Id> {
        self.pairs(id).find(|&(key, _)| self.text(key) == Some(name)).map(|(_, value)| value)
    }
}

/// A node read into the tree being read, by its number.
struct Slot(Id);

impl<'de> Deserialize<'de> for Slot {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SlotVisitor)
    }
}

fn push(kind: Kind) -> Slot {
    READING.with(|r| r.borrow_mut().push(kind))
}

struct SlotVisitor;

impl<'de> Visitor<'de> for SlotVisitor {
    type Value = Slot;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML node")
    }
    fn visit_unit<E>(self) -> Result<Slot, E> {
        Ok(push(Kind::Null))
    }
    fn visit_none<E>(self) -> Result<Slot, E> {
        Ok(push(Kind::Null))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Slot, E> {
        Ok(push(Kind::Bool))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Slot, E> {
        Ok(push(Kind::Number))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Slot, E> {
        Ok(push(Kind::Number))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Slot, E> {
        Ok(push(Kind::Number))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Slot, E> {
        Ok(READING.with(|r| {
            let mut tree = r.borrow_mut();
            let start = narrow(tree.texts.len());
            tree.texts.push_str(s);
            let end = narrow(tree.texts.len());
            let slot = tree.push(Kind::Str);
            let node = &mut tree.nodes[slot.0];
            (node.start, node.end) = (start, end);
            slot
        }))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Slot, A::Error> {
        let slot = push(Kind::Seq);
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Slot>>()? {
            items.push(narrow(item.value.0));
            READING.with(|r| r.borrow_mut().place(item));
        }
        READING.with(|r| {
            let mut tree = r.borrow_mut();
            let start = narrow(tree.items.len());
            tree.items.push(narrow(items.len()));
            tree.items.extend(items);
            let end = narrow(tree.nodes.len());
            let node = &mut tree.nodes[slot.0];
            (node.start, node.end) = (start, end);
        });
        Ok(slot)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Slot, A::Error> {
        let slot = push(Kind::Map);
        while let Some(key) = map.next_key::<Spanned<Slot>>()? {
            READING.with(|r| r.borrow_mut().place(key));
            let value = map.next_value::<Spanned<Slot>>()?;
            READING.with(|r| r.borrow_mut().place(value));
        }
        READING.with(|r| {
            let mut tree = r.borrow_mut();
            let end = narrow(tree.nodes.len());
            tree.nodes[slot.0].end = end;
        });
        Ok(slot)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_follow_their_list_or_mapping() {
        let text = "a: [x, {b: 1}, null]\nc:\n  d: true\ne: last\n";
        let tree = Tree::read(text, serde_saphyr::Options::default()).unwrap();
        let a = tree.field(0, "a").unwrap();
        let items: Vec<Kind> = tree.items(a).iter().map(|&i| tree.kind(i as usize)).collect();
        assert_eq!(items, [Kind::Str, Kind::Map, Kind::Null]);
        let inner = tree.items(a)[1] as usize;
        assert_eq!(tree.kind(tree.field(inner, "b").unwrap()), Kind::Number);
        let d = tree.field(tree.field(0, "c").unwrap(), "d").unwrap();
        assert_eq!((tree.kind(d), tree.location(d)), (Kind::Bool, Some((3, 6))));
        let e = tree.field(0, "e").unwrap();
        assert_eq!((tree.text(e), tree.location(e)), (Some("last"), Some((4, 4))));
        let keys: Vec<&str> = tree.pairs(0).filter_map(|(k, _)| tree.text(k)).collect();
        assert_eq!(keys, ["a", "c", "e"]);
        assert_eq!(tree.location(0), Some((1, 1)));
    }

    #[test]
    fn a_text_that_cannot_be_read_leaves_nothing_behind() {
        assert!(Tree::read("a: [unclosed\n", serde_saphyr::Options::default()).is_err());
        assert!(READING.with(|r| r.borrow().nodes.is_empty()));
        let tree = Tree::read("- one\n", serde_saphyr::Options::default()).unwrap();
        assert_eq!(tree.items(0).len(), 1);
    }
}
