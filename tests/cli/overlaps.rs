//! `overlaps` through the built binary: every format, groups, budgets.

use predicates::prelude::*;
use serde_json::json;

use crate::{fixture, json_of, peercomp, stdout_of};

#[test]
fn overlaps_in_every_format() {
    insta::assert_snapshot!("overlaps_table", stdout_of(&["overlaps"]));
    let pairs = json_of(&["overlaps", "--json"]);
    let pairs = pairs.as_array().unwrap();
    assert_eq!(pairs.len(), 5);
    assert_eq!(
        (&pairs[0]["a"], &pairs[0]["b"], &pairs[0]["score"], &pairs[0]["kind"]),
        (&json!("1.9"), &json!("3.7"), &json!(1.0), &json!("identical"))
    );
    assert_eq!(pairs[0]["entries"][1]["tags"][0]["tag"], "rfc:6");
    assert!(pairs[0].get("more").is_none(), "only where there are more");
    assert_eq!(pairs[1]["more"], json!(["6.11"]));
    assert_eq!(pairs[2]["kind"], "similar");
    let exact = json_of(&["overlaps", "--min", "1", "--json"]);
    assert_eq!(exact.as_array().unwrap().len(), 2);
    let csv = stdout_of(&["overlaps", "--format", "csv"]);
    assert!(csv.starts_with("a,b,score,kind,a_framework,b_framework,a_text,b_text,more\n"));
    assert!(csv.contains("4.8,5.11,1.000,identical,peer-worker,peer-worker,Elicits individual needs and goals,Elicits individual needs and goals,6.11\n"));
    assert_eq!(stdout_of(&["overlaps", "--format", "jsonl"]).lines().count(), 5);
    assert!(stdout_of(&["overlaps", "--format", "markdown"]).starts_with("| SCORE"));
    let help = stdout_of(&["overlaps", "--help"]);
    assert!(help.contains("cosine similarity") && help.contains("[default: 0.7]"));
}

#[test]
fn overlaps_group_identical_statements_and_stop_past_their_budget() {
    // 3,000 identical statements: one row, the rest in `more` (once 4.5 million pairs).
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("same.yaml");
    let mut text = String::from(
        "id: same\ntitle: Same\ncategories:\n  - id: \"1\"\n    title: One\n    entries:\n",
    );
    for i in 1..=3_000 {
        text.push_str(&format!(
            "      - id: \"1.{i}\"\n        text: Supports peers in recovery\n"
        ));
    }
    for i in 1..=30 {
        text.push_str(&format!("  - id: \"c{i}\"\n    title: C\n    entries:\n      - id: \"c{i}.1\"\n        text: Supports peers in recovery {i} times\n"));
    }
    std::fs::write(&file, text).unwrap();
    let data = file.to_str().unwrap();
    let rows = json_of(&["--data", data, "overlaps", "--json"]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows[0]["more"].as_array().unwrap().len(), 2_998);
    // The 30 near-repeats pair with the group's first and with each other: 1 + 30 + 435.
    assert_eq!(rows.len(), 1 + 30 + 435);
    // Past --limit rows: a clear message, status 1, nothing half-printed.
    let out = peercomp().args(["--data", data, "overlaps", "--limit", "100"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("more than 100 pairs score 0.7 or more: raise --min"), "{err}");
}

#[test]
fn overlaps_min_is_checked() {
    for bad in ["0", "1.5", "-1", "x"] {
        peercomp()
            .args(["overlaps", "--min", bad])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("expected a number above 0 and at most 1"));
    }
    peercomp()
        .args(["--data", &fixture("mini.yaml"), "overlaps"])
        .assert()
        .success()
        .stdout("")
        .stderr("no overlaps found\n");
}
