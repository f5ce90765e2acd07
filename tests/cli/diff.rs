//! `diff`: changes between two versions of a framework, paired by id and text.

use assert_cmd::cargo::cargo_bin_cmd;
use peercomp::model::{Entry, Framework, Tag, TagRef};
use peercomp::query::{self, ChangeKind};
use serde_json::Value;

fn peer_worker() -> Framework {
    let all = peercomp::load::embedded().unwrap();
    all.into_iter().find(|f| f.id == "peer-worker").unwrap()
}

/// Numbers a list of items (and their sub-items) 1, 2, 3... under `prefix`, as a board would
/// after taking one out or putting one in.
fn renumber(prefix: &str, entries: &mut [Entry]) {
    for (n, e) in entries.iter_mut().enumerate() {
        e.id = format!("{prefix}.{}", n + 1).into();
        let id = e.id.clone();
        renumber(&id, &mut e.subitems);
    }
}

fn category(f: &mut Framework, id: &str) -> usize {
    f.categories.iter().position(|c| c.id == id).unwrap()
}

/// The peer-worker list with one statement reworded (2.3), one removed (5.4, the rest of
/// category 5 renumbered), one moved to another category (6.4, now 8.6, category 6 renumbered
/// down to its sub-items), one added (12.5) and one retagged (9.3 gains icrc:1).
fn five_changes() -> Framework {
    let mut f = peer_worker();
    let two = category(&mut f, "2");
    f.categories[two].entries[2].text.push_str(" daily");
    let five = category(&mut f, "5");
    f.categories[five].entries.remove(3);
    renumber("5", &mut f.categories[five].entries);
    let six = category(&mut f, "6");
    let moved = f.categories[six].entries.remove(3);
    renumber("6", &mut f.categories[six].entries);
    let eight = category(&mut f, "8");
    f.categories[eight].entries.push(moved);
    renumber("8", &mut f.categories[eight].entries);
    let twelve = category(&mut f, "12");
    let mut added = f.categories[twelve].entries[0].clone();
    added.id = "12.5".into();
    added.text = "Mentors new peer workers in their first year".into();
    added.tags.clear();
    added.more_mut().notes.clear();
    f.categories[twelve].entries.push(added);
    let nine = category(&mut f, "9");
    let tag = Tag { tag: TagRef::new("icrc", Some("1")), as_written: None, inferred: false };
    f.categories[nine].entries[2].tags.push(tag.into());
    f
}

#[test]
fn five_changes_are_exactly_five_changes() {
    let old = peer_worker();
    let new = five_changes();
    let changes = query::diff(&old, &new);
    let seen: Vec<(ChangeKind, Option<&str>, Option<&str>)> = changes
        .iter()
        .map(|c| (c.kind, c.old.as_ref().map(|s| s.id), c.new.as_ref().map(|s| s.id)))
        .collect();
    assert_eq!(
        seen,
        [
            (ChangeKind::Reworded, Some("2.3"), Some("2.3")),
            (ChangeKind::Removed, Some("5.4"), None),
            (ChangeKind::Moved, Some("6.4"), Some("8.6")),
            (ChangeKind::Retagged, Some("9.3"), Some("9.3")),
            (ChangeKind::Added, None, Some("12.5")),
        ]
    );
    assert_eq!(
        changes[0].words.as_deref(),
        Some("Conveys hope to peers about their own recovery {+daily+}")
    );
    assert_eq!(changes[3].tags_added, ["icrc:1"]);
    assert!(query::diff(&old, &old).is_empty(), "a version against itself");
}

#[test]
fn a_relabelled_list_is_renumbered_and_a_reworded_shifted_entry_is_reworded() {
    let old = peer_worker();
    // Category 3's items relabelled 3.a, 3.b...: ids that number nothing are renumbered.
    let mut new = peer_worker();
    let three = category(&mut new, "3");
    for (n, e) in new.categories[three].entries.iter_mut().enumerate() {
        e.id = format!("3.{}", (b'a' + n as u8) as char).into();
        for s in &mut e.subitems {
            s.id = format!("{}.{}", e.id, s.id.rsplit('.').next().unwrap()).into();
        }
    }
    let kinds: Vec<ChangeKind> = query::diff(&old, &new).iter().map(|c| c.kind).collect();
    // The sub-items of 3.7 (now 3.g.1...) follow their item: its change, not theirs.
    assert_eq!(kinds.len(), 7, "the seven items: {kinds:?}");
    assert!(kinds.iter().all(|k| *k == ChangeKind::Renumbered));
    // Two items swapped: both are renumbered (one keeps its order, the other does not).
    let mut swapped = peer_worker();
    let one = category(&mut swapped, "1");
    swapped.categories[one].entries.swap(0, 1);
    renumber("1", &mut swapped.categories[one].entries);
    let changes = query::diff(&old, &swapped);
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0].kind, ChangeKind::Renumbered);
    // 5.6 reworded after 5.4 was removed: reworded (found by its text), not renumbered.
    let mut both = peer_worker();
    let five = category(&mut both, "5");
    both.categories[five].entries[5].text =
        "Helps the individual with setting recovery goals".into();
    both.categories[five].entries.remove(3);
    renumber("5", &mut both.categories[five].entries);
    let seen: Vec<(ChangeKind, Option<&str>, Option<&str>)> = query::diff(&old, &both)
        .iter()
        .map(|c| (c.kind, c.old.as_ref().map(|s| s.id), c.new.as_ref().map(|s| s.id)))
        .collect();
    assert_eq!(
        seen,
        [
            (ChangeKind::Removed, Some("5.4"), None),
            (ChangeKind::Reworded, Some("5.6"), Some("5.5"))
        ]
    );
}

#[test]
fn categories_added_removed_and_retitled() {
    let old = peer_worker();
    let mut new = peer_worker();
    let one = category(&mut new, "1");
    new.categories[one].title = "Engages peers in caring relationships".into();
    let mut extra = new.categories[one].clone();
    extra.id = "13".into();
    extra.title = "New".into();
    for e in &mut extra.entries {
        e.text = format!("{} (new)", e.id);
    }
    renumber("13", &mut extra.entries);
    new.categories.push(extra);
    let changes = query::diff(&old, &new);
    assert_eq!(changes[0].kind, ChangeKind::CategoryRetitled);
    assert_eq!(
        changes[0].words.as_deref(),
        Some("Engages peers in [-collaborative and-] caring relationships")
    );
    assert_eq!(changes[1].kind, ChangeKind::CategoryAdded);
    assert!(changes[2..].iter().all(|c| c.kind == ChangeKind::Added));
}

#[test]
fn word_diffs_mark_what_was_taken_out_and_put_in() {
    assert_eq!(
        query::word_diff(
            "Assists the individual in identifying support systems",
            "Assists the person to identify support systems"
        ),
        "Assists the [-individual in identifying-] {+person to identify+} support systems"
    );
    assert_eq!(query::word_diff("a b c", "a b c"), "a b c");
    // Long texts are compared within a bound: a middle too long is replaced whole.
    let long_a = vec!["x"; 2_000].join(" ");
    let long_b = vec!["y"; 2_000].join(" ");
    let d = query::word_diff(&format!("same {long_a} end"), &format!("same {long_b} end"));
    assert!(d.starts_with("same [-x x") && d.ends_with("y y+} end"));
}

fn peercomp() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("peercomp");
    cmd.env_remove("PEERCOMP_DATA").env("COLUMNS", "120");
    cmd
}

#[test]
fn through_the_binary_exit_0_same_1_different_2_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut copy = five_changes();
    copy.id = "peer-worker-next".into();
    let file = dir.path().join("next.json");
    std::fs::write(&file, serde_json::to_string(&copy).unwrap()).unwrap();
    let f = file.to_str().unwrap();
    let out = peercomp().args(["diff", "peer-worker", f]).assert().code(1).get_output().clone();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("│ moved    ┆ 6.4 ┆ 8.6  ┆ category 6 to 8:"), "{table}");
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "5 changes\n");
    let json: Value = serde_json::from_slice(
        &peercomp().args(["diff", "peer-worker", f, "--json"]).assert().code(1).get_output().stdout,
    )
    .unwrap();
    let kinds: Vec<&str> =
        json.as_array().unwrap().iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["reworded", "removed", "moved", "retagged", "added"]);
    assert_eq!(json[1]["new"], Value::Null);
    assert_eq!(json[2]["old"]["category"], "6");
    assert_eq!(json[2]["new"]["category"], "8");
    let csv = peercomp()
        .args(["diff", "peer-worker", f, "-f", "csv"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(csv).unwrap().starts_with("kind,old_id,new_id,old_category,new_category,old_text,new_text,words,tags_added,tags_removed\nreworded,2.3,2.3,2,2,"));
    peercomp()
        .args(["diff", "peer-worker", "peer-worker"])
        .assert()
        .success()
        .stdout("")
        .stderr("no changes\n");
    peercomp()
        .args(["diff", "peer-worker", "peer-worker", "--json"])
        .assert()
        .success()
        .stdout("[]\n");
    // Every error exits 2: 1 says "different".
    peercomp().args(["diff", "peer-worker", "nope"]).assert().code(2);
    peercomp().args(["diff", "peer-worker", "missing.yaml"]).assert().code(2);
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "id: x\ntitle: X\ncategories: 3\n").unwrap();
    peercomp()
        .args(["diff", "peer-worker", bad.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("bad.yaml:3:13: expected a list"));
}

#[test]
fn a_draft_whose_numbering_skips_is_compared_with_a_warning() {
    // 10.7 deleted, 10.8 not yet renumbered: once "item numbering skips", exit 2, no diff.
    let mut draft = peer_worker();
    let ten = category(&mut draft, "10");
    draft.categories[ten].entries.retain(|e| e.id != "10.7");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("draft.yaml");
    let mut yaml = Vec::new();
    peercomp::formats::framework::write_yaml(&mut yaml, &draft).unwrap();
    std::fs::write(&file, yaml).unwrap();
    let out = cargo_bin_cmd!("peercomp")
        .args(["diff", "peer-worker", file.to_str().unwrap(), "--format", "csv"])
        .env_remove("PEERCOMP_DATA")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "different, not in trouble");
    let csv = String::from_utf8(out.stdout).unwrap();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.lines().nth(1).unwrap().starts_with("removed,10.7,"), "{csv}");
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(
        said.contains(
            "item numbering skips: expected 10.7, found 10.8 (a draft: compared as it stands)"
        ),
        "{said}"
    );
    assert!(said.contains("1 change\n") || said.trim_end().ends_with("1 change"), "{said}");
    // Any other problem still stops it.
    let broken = dir.path().join("broken.yaml");
    std::fs::write(&broken, std::fs::read_to_string(&file).unwrap().replacen("text:", "txet:", 1))
        .unwrap();
    let out = cargo_bin_cmd!("peercomp")
        .args(["diff", "peer-worker", broken.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
