//! `diff`: what changed between two versions of a framework: entries added, removed, reworded,
//! moved, renumbered and retagged, and categories added, removed and retitled.
//!
//! Entries are paired in three passes, so that a renumbered list does not read as everything
//! removed and added: the same text (folded) at the same id, then the same text anywhere, then
//! the same id, then the closest text (content words' cosine, at least [`SIMILAR`]; only
//! entries that share a word not in more than [`super::COMMON_WORD`] statements are compared).
//! An id that changes only because entries before it were added or removed (it still numbers
//! its place among its siblings, and its order among them is kept) is no change of its own.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use serde::Serialize;

use super::COMMON_WORD;
use super::words::{Postings, Vocabulary, Weights, content_counts};
use crate::model::{Entry, Framework};
use crate::text::fold;

/// Two statements at least this close (cosine of their content words) may be one reworded.
pub const SIMILAR: f64 = 0.5;

/// What kind of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// An entry only the new version has.
    Added,
    /// An entry only the old version has.
    Removed,
    /// The same entry, its text changed.
    Reworded,
    /// The same entry in another category (or under another item), with its new id.
    Moved,
    /// The same entry at another place among its siblings, or given an id that does not
    /// number its place.
    Renumbered,
    /// The same entry, its tags changed.
    Retagged,
    /// A category only the new version has.
    CategoryAdded,
    /// A category only the old version has.
    CategoryRemoved,
    /// A category whose title changed.
    CategoryRetitled,
}

impl ChangeKind {
    /// As JSON and CSV write it.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Reworded => "reworded",
            ChangeKind::Moved => "moved",
            ChangeKind::Renumbered => "renumbered",
            ChangeKind::Retagged => "retagged",
            ChangeKind::CategoryAdded => "category-added",
            ChangeKind::CategoryRemoved => "category-removed",
            ChangeKind::CategoryRetitled => "category-retitled",
        }
    }
}

/// One side of a change: an entry or a category as that version has it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side<'a> {
    /// The entry's or the category's id.
    pub id: &'a str,
    /// The category it is in (for a category, its own id).
    pub category: &'a str,
    /// The statement, or the category's title.
    pub text: &'a str,
    /// The entry's tags (none for a category).
    pub tags: Vec<String>,
}

/// One change, with both sides where both exist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change<'a> {
    /// What changed.
    pub kind: ChangeKind,
    /// As the old version has it; null for what was added.
    pub old: Option<Side<'a>>,
    /// As the new version has it; null for what was removed.
    pub new: Option<Side<'a>>,
    /// For `reworded`: the words, `[-removed-]` and `{+added+}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<String>,
    /// For `retagged`: the tags added.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags_added: Vec<String>,
    /// For `retagged`: the tags removed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags_removed: Vec<String>,
}

/// An entry with where it stands: its container (category, or parent item) and place there.
struct VersionEntry<'a> {
    entry: &'a Entry,
    category: &'a str,
    parent: Option<&'a str>,
    /// Its place among its siblings, from 0.
    position: usize,
    folded: String,
}

fn entries(f: &Framework) -> Vec<VersionEntry<'_>> {
    fn walk<'a>(
        list: &'a [Entry],
        category: &'a str,
        parent: Option<&'a str>,
        out: &mut Vec<VersionEntry<'a>>,
    ) {
        // Recursion as deep as sub-items nest, which every framework bounds (MAX_SUBITEM_DEPTH).
        for (position, entry) in list.iter().enumerate() {
            let folded = fold(&entry.text);
            out.push(VersionEntry { entry, category, parent, position, folded });
            walk(&entry.subitems, category, Some(&entry.id), out);
        }
    }
    let mut out = Vec::new();
    for c in &f.categories {
        walk(&c.entries, &c.id, None, &mut out);
    }
    out
}

/// Whether an id numbers its place: its last part is the place, from 1 (6.9 is the 9th).
fn numbers_its_place(id: &str, position: usize) -> bool {
    id.rsplit('.').next().and_then(|n| n.parse::<usize>().ok()) == Some(position + 1)
}

/// Every change from `old` to `new`, in the order of the new version (removed entries where
/// they stood in the old).
pub fn diff<'a>(old: &'a Framework, new: &'a Framework) -> Vec<Change<'a>> {
    let (a, b) = (entries(old), entries(new));
    // pair[i] = the new entry the old entry i became.
    let mut pair: Vec<Option<usize>> = vec![None; a.len()];
    let mut taken = vec![false; b.len()];
    let b_by_id: HashMap<&str, usize> =
        b.iter().enumerate().map(|(j, e)| (e.entry.id.as_str(), j)).collect();
    // 1. The same id and text.
    for (i, e) in a.iter().enumerate() {
        if let Some(&j) = b_by_id.get(e.entry.id.as_str())
            && b[j].folded == e.folded
        {
            pair[i] = Some(j);
            taken[j] = true;
        }
    }
    // 2. The same text elsewhere, first come first paired.
    let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, e) in b.iter().enumerate().rev().filter(|(j, _)| !taken[*j]) {
        by_text.entry(e.folded.as_str()).or_default().push(j);
    }
    for (i, e) in a.iter().enumerate() {
        if pair[i].is_some() {
            continue;
        }
        if let Some(j) = by_text.get_mut(e.folded.as_str()).and_then(Vec::pop) {
            pair[i] = Some(j);
            taken[j] = true;
        }
    }
    // 3. The same id, the text changed but close.
    let mut vocabulary = Vocabulary::default();
    let words_a: Vec<Option<Weights>> = a
        .iter()
        .enumerate()
        .map(|(i, e)| pair[i].is_none().then(|| content_counts(&e.entry.text, &mut vocabulary)))
        .collect();
    let words_b: Vec<Option<Weights>> = b
        .iter()
        .enumerate()
        .map(|(j, e)| (!taken[j]).then(|| content_counts(&e.entry.text, &mut vocabulary)))
        .collect();
    for (i, e) in a.iter().enumerate() {
        if pair[i].is_some() {
            continue;
        }
        if let Some(&j) = b_by_id.get(e.entry.id.as_str())
            && !taken[j]
            && let (Some(x), Some(y)) = (&words_a[i], &words_b[j])
            && x.cosine(y) >= SIMILAR
        {
            pair[i] = Some(j);
            taken[j] = true;
        }
    }
    // 4. The closest text among what is left, best pairs first, through the words they share
    // (and only those whose bound reaches SIMILAR: [`Postings`]).
    let untaken = words_b.iter().enumerate().map(|(j, w)| w.as_ref().filter(|_| !taken[j]));
    let mut postings = Postings::new(untaken, vocabulary.len(), COMMON_WORD);
    drop(vocabulary);
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (i, x) in words_a.iter().enumerate().filter(|(i, _)| pair[*i].is_none()) {
        let Some(x) = x else { continue };
        for j in postings.candidates(x, SIMILAR, |_| true) {
            let score = words_b[j].as_ref().map_or(0.0, |y| x.cosine(y));
            if score >= SIMILAR {
                candidates.push((score, i, j));
            }
        }
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    for (_, i, j) in candidates {
        if pair[i].is_none() && !taken[j] {
            pair[i] = Some(j);
            taken[j] = true;
        }
    }
    drop((words_a, words_b));

    // Where each old item went, for its sub-items' container.
    let new_of: HashMap<&str, &str> = a
        .iter()
        .zip(&pair)
        .filter_map(|(e, p)| p.map(|j| (e.entry.id.as_str(), b[j].entry.id.as_str())))
        .collect();
    let same_container = |e: &VersionEntry, f: &VersionEntry| match (e.parent, f.parent) {
        (None, None) => e.category == f.category,
        (Some(p), Some(q)) => new_of.get(p) == Some(&q),
        _ => false,
    };
    // The pairs that keep their order among their siblings: an increasing run of new places.
    let kept_order = kept_order(&a, &b, &pair, &same_container);

    let side = |e: &VersionEntry<'a>| Side {
        id: &e.entry.id,
        category: e.category,
        text: &e.entry.text,
        tags: e.entry.tags.iter().map(|t| t.tag.to_string()).collect(),
    };
    // Changes keyed by where they show: the new entry's index, or the old one's for a removal.
    let mut changes: Vec<(usize, usize, Change<'a>)> = Vec::new();
    let change = |kind, old: Option<&VersionEntry<'a>>, new: Option<&VersionEntry<'a>>| Change {
        kind,
        old: old.map(side),
        new: new.map(side),
        words: None,
        tags_added: vec![],
        tags_removed: vec![],
    };
    for (i, e) in a.iter().enumerate() {
        let Some(j) = pair[i] else {
            // Shown after the new entry before which it stood.
            let at = (0..i).rev().find_map(|k| pair[k]).map_or(0, |j| j + 1);
            changes.push((at, 0, change(ChangeKind::Removed, Some(e), None)));
            continue;
        };
        let f = &b[j];
        if !same_container(e, f) {
            changes.push((j, 1, change(ChangeKind::Moved, Some(e), Some(f))));
        } else if e.entry.id != f.entry.id
            && !(kept_order.contains(&i)
                && numbers_its_place(&e.entry.id, e.position)
                && numbers_its_place(&f.entry.id, f.position))
        {
            changes.push((j, 1, change(ChangeKind::Renumbered, Some(e), Some(f))));
        }
        if e.folded != f.folded {
            let mut c = change(ChangeKind::Reworded, Some(e), Some(f));
            c.words = Some(word_diff(&e.entry.text, &f.entry.text));
            changes.push((j, 2, c));
        }
        let (old_tags, new_tags) = (side(e).tags, side(f).tags);
        let added: Vec<String> =
            new_tags.iter().filter(|t| !old_tags.contains(t)).cloned().collect();
        let removed: Vec<String> =
            old_tags.iter().filter(|t| !new_tags.contains(t)).cloned().collect();
        if !added.is_empty() || !removed.is_empty() {
            let mut c = change(ChangeKind::Retagged, Some(e), Some(f));
            c.tags_added = added;
            c.tags_removed = removed;
            changes.push((j, 3, c));
        }
    }
    for (j, f) in b.iter().enumerate().filter(|(j, _)| !taken[*j]) {
        changes.push((j, 1, change(ChangeKind::Added, None, Some(f))));
    }
    changes.sort_by_key(|(at, order, _)| (*at, *order));
    let mut all = category_changes(old, new);
    all.extend(changes.into_iter().map(|(_, _, c)| c));
    all
}

/// The old entries whose pair keeps its order among the pairs of the same container: the
/// longest increasing run of new places, in old order, per container.
fn kept_order(
    a: &[VersionEntry],
    b: &[VersionEntry],
    pair: &[Option<usize>],
    same_container: &dyn Fn(&VersionEntry, &VersionEntry) -> bool,
) -> HashSet<usize> {
    // Pairs (old, new) by their old container: a category, or a category and an item.
    type Container<'c> = (&'c str, Option<&'c str>);
    let mut groups: HashMap<Container, Vec<(usize, usize)>> = HashMap::new();
    for (i, p) in pair.iter().enumerate() {
        if let Some(j) = *p
            && same_container(&a[i], &b[j])
        {
            groups.entry((a[i].category, a[i].parent)).or_default().push((i, j));
        }
    }
    let mut kept = HashSet::new();
    for list in groups.values() {
        kept.extend(longest_increasing(list));
    }
    kept
}

/// The `i`s of the longest run of pairs (i, j), in order of i, whose j increase (patience
/// sorting, n log n).
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new(); // index into pairs of the smallest tail per length
    let mut before: Vec<Option<usize>> = vec![None; pairs.len()];
    for (k, &(_, j)) in pairs.iter().enumerate() {
        let at = tails.partition_point(|&t| pairs[t].1 < j);
        before[k] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut run = Vec::new();
    let mut k = tails.last().copied();
    while let Some(at) = k {
        run.push(pairs[at].0);
        k = before[at];
    }
    run
}

/// Categories added, removed and retitled, matched by id.
fn category_changes<'a>(old: &'a Framework, new: &'a Framework) -> Vec<Change<'a>> {
    let side = |c: &'a crate::model::Category| Side {
        id: &c.id,
        category: &c.id,
        text: &c.title,
        tags: vec![],
    };
    let blank = |kind, old, new| Change {
        kind,
        old,
        new,
        words: None,
        tags_added: vec![],
        tags_removed: vec![],
    };
    let mut changes = Vec::new();
    for c in &old.categories {
        match new.categories.iter().find(|n| n.id == c.id) {
            None => changes.push(blank(ChangeKind::CategoryRemoved, Some(side(c)), None)),
            Some(n) if fold(&n.title) != fold(&c.title) => {
                let mut change = blank(ChangeKind::CategoryRetitled, Some(side(c)), Some(side(n)));
                change.words = Some(word_diff(&c.title, &n.title));
                changes.push(change);
            }
            Some(_) => {}
        }
    }
    for n in new.categories.iter().filter(|n| !old.categories.iter().any(|c| c.id == n.id)) {
        changes.push(blank(ChangeKind::CategoryAdded, None, Some(side(n))));
    }
    changes
}

/// A word-level diff: words removed as `[-...-]`, added as `{+...+}` (as `git diff
/// --word-diff` writes them). The common start and end are set aside first; what lies between
/// is compared word by word where that is at most 65,536 comparisons (256 words against 256,
/// longer than any statement), else replaced whole: never more than 128 comparisons a word.
pub fn word_diff(old: &str, new: &str) -> String {
    let a: Vec<&str> = old.split_whitespace().collect();
    let b: Vec<&str> = new.split_whitespace().collect();
    let start = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let end =
        a[start..].iter().rev().zip(b[start..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (ma, mb) = (&a[start..a.len() - end], &b[start..b.len() - end]);
    let mut out: Vec<String> = a[..start].iter().map(|w| w.to_string()).collect();
    if ma.len().saturating_mul(mb.len()) <= 1 << 16 {
        out.extend(lcs_diff(ma, mb));
    } else {
        out.extend(runs(ma, mb));
    }
    out.extend(a[a.len() - end..].iter().map(|w| w.to_string()));
    out.join(" ")
}

/// `[-old words-] {+new words+}`, each side where it has words.
fn runs(removed: &[&str], added: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    if !removed.is_empty() {
        out.push(format!("[-{}-]", removed.join(" ")));
    }
    if !added.is_empty() {
        out.push(format!("{{+{}+}}", added.join(" ")));
    }
    out
}

/// The words of `a` and `b` through their longest common subsequence.
fn lcs_diff(a: &[&str], b: &[&str]) -> Vec<String> {
    let (n, m) = (a.len(), b.len());
    // lengths[i][j]: the LCS of a[i..] and b[j..].
    let mut lengths = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lengths[at(i, j)] = if a[i] == b[j] {
                lengths[at(i + 1, j + 1)] + 1
            } else {
                lengths[at(i + 1, j)].max(lengths[at(i, j + 1)])
            };
        }
    }
    let (mut out, mut removed, mut added) = (Vec::new(), Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.extend(runs(&removed, &added));
            (removed, added) = (Vec::new(), Vec::new());
            out.push(a[i].to_owned());
            (i, j) = (i + 1, j + 1);
        } else if j < m && (i == n || lengths[at(i, j + 1)] >= lengths[at(i + 1, j)]) {
            added.push(b[j]);
            j += 1;
        } else {
            removed.push(a[i]);
            i += 1;
        }
    }
    out.extend(runs(&removed, &added));
    out
}
