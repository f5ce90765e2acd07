//! Curriculum coverage: references, the universe counted, groups, hours, errors, formats.

use std::time::Duration;

use assert_cmd::cargo::cargo_bin_cmd;
use peercomp::model::{Curriculum, Framework, Module, Reference};
use peercomp::query::{self, Coverage, CoverageError, CoverageOptions};
use predicates::prelude::*;
use serde_json::{Value, json};

const EXAMPLE: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/examples/curriculum/forensic-peer-training.yaml");

fn frameworks() -> Vec<Framework> {
    peercomp::load::embedded().unwrap()
}

/// A curriculum file in a scratch directory.
fn mapping(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("training.yaml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

fn curriculum(covers: &[&str]) -> Curriculum {
    let list: Vec<String> = covers.iter().map(|c| format!("\"{c}\"")).collect();
    let text = format!(
        "curriculum: T\nframework: peer-worker\nmodules:\n  - id: M1\n    title: One\n    covers: [{}]\n",
        list.join(", ")
    );
    let (_dir, path) = mapping(&text);
    peercomp::load::curriculum(&path).unwrap()
}

fn options(by: &str, include_subitems: bool) -> CoverageOptions {
    CoverageOptions { by: by.to_owned(), include_subitems, as_written: false }
}

fn covered(covers: &[&str], include_subitems: bool) -> Vec<String> {
    let f = frameworks();
    let c = curriculum(covers);
    let report =
        query::coverage(&f, "peer-worker", &c, &options("category", include_subitems)).unwrap();
    report.modules[0].covers.iter().map(|s| s.to_string()).collect()
}

#[test]
fn ids_patterns_and_tags() {
    assert_eq!(covered(&["6.9", "1.1"], false), ["1.1", "6.9"], "framework order");
    assert_eq!(covered(&["2.*"], false), ["2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8"]);
    assert_eq!(covered(&["6.9.*"], true), ["6.9.1", "6.9.2", "6.9.3", "6.9.4", "6.9.5", "6.9.6"]);
    assert_eq!(
        covered(&["6.9.*"], false),
        Vec::<String>::new(),
        "sub-items are not counted by default"
    );
    assert_eq!(
        covered(&["icrc:3"], false),
        ["1.6", "1.7", "2.6", "3.5", "3.6", "6.6", "7.7", "10.8", "11.13"]
    );
    assert_eq!(covered(&["icrc:4"], false).len(), 12);
    assert_eq!(covered(&["icrc:4"], true).len(), 13, "with 8.1.1");
    assert_eq!(covered(&["rfc"], false).len(), 9, "a whole scheme");
    assert_eq!(covered(&["1.1", "1.1", "1.*"], false).len(), 9, "each entry once");
}

#[test]
fn covering_an_item_does_not_cover_its_subitems() {
    let f = frameworks();
    let c = curriculum(&["6.9"]);
    let items = query::coverage(&f, "peer-worker", &c, &options("category", false)).unwrap();
    assert_eq!((items.total, items.covered), (102, 1));
    let all = query::coverage(&f, "peer-worker", &c, &options("category", true)).unwrap();
    assert_eq!((all.total, all.covered), (132, 1));
    assert!(all.uncovered.contains(&"6.9.1"));
}

fn example(by: &str, include_subitems: bool) -> (Vec<Framework>, Curriculum, CoverageOptions) {
    let c = peercomp::load::curriculum(std::path::Path::new(EXAMPLE)).unwrap();
    (frameworks(), c, options(by, include_subitems))
}

fn report<'a>(f: &'a [Framework], c: &'a Curriculum, o: &CoverageOptions) -> Coverage<'a> {
    query::coverage(f, "peer-worker", c, o).unwrap()
}

#[test]
fn the_example_report() {
    let (f, c, o) = example("category", false);
    let r = report(&f, &c, &o);
    assert_eq!((r.total, r.covered, r.percent), (102, 71, Some(69.6)));
    assert_eq!(r.hours, Some(40.0));
    assert_eq!(r.groups.len(), 12);
    let five = &r.groups[4];
    assert_eq!((five.group.as_str(), five.total, five.covered), ("5", 11, 6));
    assert_eq!(five.uncovered, ["5.4", "5.5", "5.8", "5.9", "5.10"]);
    assert_eq!(r.uncovered.len(), 31);
    // M7 shares its 6 hours among its 11 items; 1.8 is its only one in category 1.
    let m7 = r.modules.iter().find(|m| m.id == "M7").unwrap();
    assert_eq!(m7.covers.len(), 11);
    assert!(m7.unique.contains(&"1.8"));
    // Every module's hours land in some group.
    let hours: f64 = r.groups.iter().filter_map(|g| g.hours).sum();
    assert!((hours - 40.0).abs() < 0.05, "{hours}");
}

#[test]
fn grouped_by_a_scheme() {
    let (f, c, o) = example("icrc", false);
    let r = report(&f, &c, &o);
    let groups: Vec<(&str, usize, usize, Option<f64>)> =
        r.groups.iter().map(|g| (g.group.as_str(), g.total, g.covered, g.percent)).collect();
    assert_eq!(
        groups,
        [
            ("icrc:1", 10, 10, Some(100.0)),
            ("icrc:2", 0, 0, None),
            ("icrc:3", 9, 7, Some(77.8)),
            ("icrc:4", 12, 7, Some(58.3))
        ]
    );
    assert_eq!(r.groups[3].uncovered, ["5.8", "5.9", "5.10", "7.8", "10.1"]);
    let (f, c, o) = example("icrc", true);
    assert_eq!(report(&f, &c, &o).groups[3].total, 13);
    let (f, c, o) = example("rfc", false);
    assert_eq!(report(&f, &c, &o).groups.len(), 10);
}

#[test]
fn unique_is_what_one_module_alone_covers() {
    let text = "curriculum: T\nmodules:\n  - {id: A, title: A, covers: [\"1.1\", \"1.2\"]}\n  - {id: B, title: B, covers: [\"1.2\", \"1.3\"]}\n";
    let (_dir, path) = mapping(text);
    let c = peercomp::load::curriculum(&path).unwrap();
    let f = frameworks();
    let r = report(&f, &c, &options("category", false));
    assert_eq!(r.modules[0].unique, ["1.1"]);
    assert_eq!(r.modules[1].unique, ["1.3"]);
    assert_eq!(r.hours, None, "no module gives hours");
    assert!(r.groups.iter().all(|g| g.hours.is_none()));
}

/// (line, column, message) of every reference that matches nothing.
fn unmatched(covers: &str) -> Vec<(u64, u64, String)> {
    let text = format!(
        "curriculum: T\nframework: peer-worker\nmodules:\n  - id: M1\n    title: One\n    covers: {covers}\n"
    );
    let (_dir, path) = mapping(&text);
    let c = peercomp::load::curriculum(&path).unwrap();
    let f = frameworks();
    match query::coverage(&f, "peer-worker", &c, &options("category", false)) {
        Err(CoverageError::Unmatched(all)) => all
            .into_iter()
            .map(|u| (u.line.unwrap(), u.column.unwrap(), format!("{}: {}", u.reference, u.why)))
            .collect(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_reference_that_matches_nothing_is_an_error_with_its_place() {
    assert_eq!(
        unmatched("[\"1.1\", \"6.12\", \"13.1\", \"2.9.*\"]"),
        [
            (6, 21, "6.12: no entry '6.12' (category 6 has items 1-11)".to_owned()),
            (6, 29, "13.1: no entry '13.1'".to_owned()),
            (6, 37, "2.9.*: no category or item '2.9' (category 2 has items 1-8)".to_owned()),
        ]
    );
    assert_eq!(unmatched("[\"6.1.*\"]"), [(6, 14, "6.1.*: item 6.1 has no sub-items".to_owned())]);
    assert_eq!(
        unmatched("[\"2\"]"),
        [(6, 14, "2: '2' is a category: write 2.* for its items".to_owned())]
    );
    assert_eq!(
        unmatched("[\"icrc:7\"]"),
        [(6, 14, "icrc:7: unknown tag (known: icrc:1, icrc:2, icrc:3, icrc:4)".to_owned())]
    );
    assert_eq!(
        unmatched("[\"icrx:4\"]"),
        [(6, 14, "icrx:4: no tag scheme 'icrx' (known: samhsa, icrc, rfc)".to_owned())]
    );
    // A real code that no entry carries (icrc:2) is no longer an error: the module teaches it
    // (a_module_may_teach_a_code_that_no_entry_carries_and_its_hours_follow).
    assert_eq!(
        unmatched("[\"*\"]"),
        [(6, 14, "*: a pattern is ID.*: the items of a category (2.*) or the sub-items of an item (6.9.*)".to_owned())]
    );
    assert_eq!(
        unmatched("\n      - \"1.1\"\n      - nope"),
        [(8, 9, "nope: no entry 'nope'".to_owned())]
    );
}

fn peercomp() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("peercomp");
    cmd.env("COLUMNS", "110").env_remove("PEERCOMP_DATA").timeout(Duration::from_secs(60));
    cmd
}

#[test]
fn unmatched_references_exit_1_naming_each_and_its_line() {
    let (_dir, path) = mapping(
        "curriculum: T\nmodules:\n  - id: M1\n    title: One\n    covers: [\"1.1\", \"2.9\", \"icrc:9\"]\n",
    );
    let p = path.display().to_string();
    peercomp().args(["coverage", &p]).assert().code(1).stdout("").stderr(format!(
        "error: {p}:5:21: module M1: '2.9' matches nothing: no entry '2.9' (category 2 has items 1-8)\n\
         error: {p}:5:28: module M1: 'icrc:9' matches nothing: unknown tag (known: icrc:1, icrc:2, icrc:3, icrc:4)\n"
    ));
}

#[test]
fn mapping_files_are_checked_like_frameworks() {
    let (_dir, path) = mapping(
        "curriculum: T\nmodules:\n  - id: M1\n    titel: One\n    covers: [\"1.1\"]\n    hours: -2\n",
    );
    let p = path.display().to_string();
    peercomp().args(["coverage", &p]).assert().code(1).stderr(format!(
        "error: {p}:3:5: missing field `title` in 'M1'\nerror: {p}:4:5: unknown field `titel`, did you mean `title`?\n"
    ));
    let (_dir, path) = mapping(
        "curriculum: T\nmodules:\n  - {id: M1, title: One, covers: [\"1.1\"], hours: -2}\n  - {id: M1, title: Two, covers: [\"1.2\"]}\n",
    );
    let p = path.display().to_string();
    peercomp().args(["coverage", &p]).assert().code(1).stderr(format!(
        "error: {p}:3:50: module 'M1': hours must be a number from 0 to 100000\nerror: {p}:4:10: module 'M1' is defined twice (first at 3:10)\n"
    ));
    let (_dir, path) = mapping(
        "curriculum: T\nframework: nope\nmodules: [{id: M1, title: One, covers: [\"1.1\"]}]\n",
    );
    peercomp()
        .args(["coverage", &path.display().to_string()])
        .assert()
        .code(2)
        .stderr("error: unknown framework 'nope' (loaded: peer-worker, agency)\n");
    peercomp()
        .args(["coverage", EXAMPLE, "--by", "nope"])
        .assert()
        .code(2)
        .stderr("error: unknown tag scheme 'nope' (known schemes: category, samhsa, icrc, rfc)\n");
    peercomp()
        .args(["coverage", "missing.yaml"])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with("error: missing.yaml: cannot read:"));
}

#[test]
fn fail_under_is_for_a_curriculum_repository_ci() {
    peercomp().args(["coverage", EXAMPLE, "--fail-under", "69"]).assert().success();
    peercomp()
        .args(["coverage", EXAMPLE, "--fail-under", "70"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("71 of 102 items covered (69.6%)"))
        .stderr("coverage 69.6% is under --fail-under 70%\n");
    peercomp().args(["coverage", EXAMPLE, "--fail-under", "101"]).assert().code(2);
    peercomp()
        .args(["coverage", EXAMPLE, "--include-subitems", "--fail-under", "73", "--json"])
        .assert()
        .code(1);
}

#[test]
fn the_report_in_every_format() {
    let table = peercomp().args(["coverage", EXAMPLE]).output().unwrap();
    insta::assert_snapshot!("coverage_example_table", String::from_utf8(table.stdout).unwrap());

    let out = peercomp().args(["coverage", EXAMPLE, "--by", "icrc", "--json"]).output().unwrap();
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (&r["curriculum"], &r["framework"], &r["total"], &r["covered"], &r["percent"]),
        (
            &json!("Forensic Peer Specialist Training"),
            &json!("peer-worker"),
            &json!(102),
            &json!(71),
            &json!(69.6)
        )
    );
    assert_eq!(
        r["groups"][3],
        json!({"group": "icrc:4", "label": "IC&RC Domain 4: Recovery/Wellness Support", "total": 12, "covered": 7,
               "percent": 58.3, "hours": 3.24, "uncovered": ["5.8", "5.9", "5.10", "7.8", "10.1"]})
    );
    assert_eq!(r["groups"][1]["percent"], Value::Null, "icrc:2 has no items");
    assert_eq!(r["modules"][0]["id"], "M1");
    assert_eq!(r["modules"][0]["covers"].as_array().unwrap().len(), 15);
    assert!(r["modules"][0]["unique"].is_array() && r["uncovered"].is_array());

    let csv = String::from_utf8(
        peercomp().args(["coverage", EXAMPLE, "--format", "csv"]).output().unwrap().stdout,
    )
    .unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "group,label,total,covered,percent,hours,uncovered");
    assert!(lines[1].starts_with("all,peer-worker,102,71,69.6,40,5.4 5.5"));
    assert_eq!(lines[5], "4,Personalizes peer support,8,8,100,3.97,");
    assert_eq!(lines.len(), 14);

    let md = String::from_utf8(
        peercomp().args(["coverage", EXAMPLE, "--format", "markdown"]).output().unwrap().stdout,
    )
    .unwrap();
    assert!(md.starts_with("## Forensic Peer Specialist Training\n\n"));
    assert!(md.contains("\n### Modules\n") && md.contains("| M7 "));
    assert!(md.contains("Not covered by any module (31): 5.4 5.5"));

    let jsonl = String::from_utf8(
        peercomp().args(["coverage", EXAMPLE, "--format", "jsonl"]).output().unwrap().stdout,
    )
    .unwrap();
    // The whole, then 12 groups and 8 modules, each line saying its kind (once: the groups alone).
    let lines: Vec<serde_json::Value> =
        jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let kinds: Vec<&str> = lines.iter().map(|l| l["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "summary").count(), 1);
    assert_eq!(kinds.iter().filter(|k| **k == "group").count(), 12);
    assert_eq!(kinds.iter().filter(|k| **k == "module").count(), 8);
    assert_eq!(lines[0]["covered"], 71);
    assert_eq!(lines[0]["hours"], 40.0);
    assert_eq!(lines[13]["id"], "M1");
}

#[test]
fn json_mapping_files_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("training.json");
    std::fs::write(&path, r#"{"curriculum": "J", "modules": [{"id": "M1", "title": "One", "covers": ["1.1", "nope"]}]}"#).unwrap();
    let p = path.display().to_string();
    peercomp()
        .args(["coverage", &p])
        .assert()
        .code(1)
        .stderr(format!("error: {p}:1:80: module M1: 'nope' matches nothing: no entry 'nope'\n"));
}

#[test]
fn ranges_of_siblings_and_references_with_stray_spaces() {
    // 1.1-1.5 is five items; spaces around a reference are not part of it.
    assert_eq!(covered(&["1.1-1.5"], false), ["1.1", "1.2", "1.3", "1.4", "1.5"]);
    assert_eq!(covered(&[" 6.9.2-6.9.4 "], true), ["6.9.2", "6.9.3", "6.9.4"]);
    assert_eq!(covered(&["icrc:4 "], false), covered(&["icrc:4"], false));
    // An agency id holds a hyphen of its own.
    let f = peercomp::load::embedded().unwrap();
    let c = Curriculum {
        curriculum: "Agency".into(),
        framework: Some("agency".into()),
        modules: vec![Module {
            id: "M1".into(),
            title: "One".into(),
            hours: None,
            description: None,
            covers: vec![Reference::new("peer-leadership.2-peer-leadership.4")],
        }],
    };
    let report = query::coverage(&f, "agency", &c, &options("category", false)).unwrap();
    assert_eq!(
        report.modules[0].covers,
        ["peer-leadership.2", "peer-leadership.3", "peer-leadership.4"]
    );
    // Backwards, or across parents: each says why.
    let problems = unmatched("[\"1.5-1.1\", \"1.1-2.3\", \"6.9-6.9.2\"]");
    let why: Vec<&str> = problems.iter().map(|p| p.2.as_str()).collect();
    assert!(why[0].contains("a range runs forward: 1.5 comes after 1.1"), "{why:?}");
    assert!(why[1].contains("not items of one category or sub-items of one item"), "{why:?}");
    assert!(why[2].contains("not items of one category"), "{why:?}");
}

#[test]
fn a_module_without_hours_among_others_is_named_and_no_modules_is_an_error() {
    let (_dir, path) = mapping(
        "curriculum: T\nmodules:\n  - id: M1\n    title: One\n    hours: 4\n    covers: [\"1.1\"]\n  - id: M2\n    title: Two\n    covers: [\"1.2\"]\n",
    );
    let p = path.display().to_string();
    let out = peercomp().args(["coverage", &p]).assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("warning: module M2 gives no hours while others do"), "{text}");
    let json: serde_json::Value = serde_json::from_slice(
        &peercomp().args(["coverage", &p, "--json"]).assert().success().get_output().stdout,
    )
    .unwrap();
    assert_eq!(json["warnings"].as_array().unwrap().len(), 1);
    // Where no module gives hours, nothing to warn about.
    let (_d2, none) =
        mapping("curriculum: T\nmodules:\n  - id: M1\n    title: One\n    covers: [\"1.1\"]\n");
    let json: serde_json::Value = serde_json::from_slice(
        &peercomp()
            .args(["coverage", none.to_str().unwrap(), "--json"])
            .assert()
            .success()
            .get_output()
            .stdout,
    )
    .unwrap();
    assert!(json.get("warnings").is_none());
    let (_d3, empty) = mapping("curriculum: T\nmodules: []\n");
    let e = empty.display().to_string();
    peercomp().args(["coverage", &e]).assert().code(1).stderr(format!(
        "error: {e}:2:10: the curriculum has no modules: give at least one, with what it covers\n"
    ));
}

#[test]
fn covers_may_be_one_reference_alone() {
    let (_dir, path) = mapping(
        "curriculum: T\nmodules:\n  - id: M1\n    title: One\n    covers: \"1.1-1.3\"\n  - id: M2\n    title: Two\n    covers: \"9.99\"\n",
    );
    let p = path.display().to_string();
    // Read as a list of one, with its place for an error.
    peercomp().args(["coverage", &p]).assert().code(1).stderr(format!(
        "error: {p}:8:13: module M2: '9.99' matches nothing: no entry '9.99' (category 9 has items 1-7)\n"
    ));
    let (_d2, good) =
        mapping("curriculum: T\nmodules:\n  - id: M1\n    title: One\n    covers: \"1.1-1.3\"\n");
    let json: serde_json::Value = serde_json::from_slice(
        &peercomp()
            .args(["coverage", good.to_str().unwrap(), "--json"])
            .assert()
            .success()
            .get_output()
            .stdout,
    )
    .unwrap();
    assert_eq!(json["modules"][0]["covers"], json!(["1.1", "1.2", "1.3"]));
    // Beside another problem, a reference alone is no problem of its own.
    let (_d3, other) =
        mapping("curriculum: T\nmodules:\n  - id: M1\n    titel: One\n    covers: \"1.1\"\n");
    let o = other.display().to_string();
    peercomp().args(["coverage", &o]).assert().code(1).stderr(format!(
        "error: {o}:3:5: missing field `title` in 'M1'\nerror: {o}:4:5: unknown field `titel`, did you mean `title`?\n"
    ));
}

#[test]
fn a_module_may_teach_a_code_that_no_entry_carries_and_its_hours_follow() {
    // IC&RC Domain 2 (Ethical Responsibility) is a real domain that no peer-worker item carries:
    // a module that names it teaches it, and a share of its hours counts for it.
    let (_dir, path) = mapping(
        "curriculum: Ethics\nmodules:\n  - id: M1\n    title: Ethics\n    hours: 6\n    covers: [\"icrc:2\", \"9.7\"]\n  - id: M2\n    title: Advocacy\n    hours: 4\n    covers: [\"icrc:1\"]\n",
    );
    let out = peercomp()
        .args(["coverage", path.to_str().unwrap(), "--by", "icrc", "--json"])
        .assert()
        .success();
    let json: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let hours = |group: &str| {
        json["groups"].as_array().unwrap().iter().find(|g| g["group"] == group).unwrap()["hours"]
            .clone()
    };
    // M1's 6 hours: 3 for icrc:2 and 3 for 9.7, which no IC&RC domain tags.
    assert_eq!(hours("icrc:2"), json!(3.0));
    assert_eq!(hours("icrc:1"), json!(4.0));
    assert_eq!(json["modules"][0]["codes"], json!(["icrc:2"]));
    assert!(json["modules"][1].get("codes").is_none());
    // Never counted twice: the total is the modules' hours.
    assert_eq!(json["hours"], json!(10.0));
    let table = peercomp().args(["coverage", path.to_str().unwrap()]).assert().success();
    assert!(String::from_utf8_lossy(&table.get_output().stdout).contains("1 + icrc:2"));
    // A whole scheme that no entry carries still matches nothing; so does an unknown code.
    let (_d2, bad) =
        mapping("curriculum: T\nmodules:\n  - id: M1\n    title: One\n    covers: [\"icrc:9\"]\n");
    peercomp()
        .args(["coverage", bad.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown tag"));
}
