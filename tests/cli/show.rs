//! `show`: an entry with everything about it, and ids that do not exist.

use predicates::prelude::*;
use serde_json::{Value, json};

use crate::{json_of, peercomp, stdout_of};

#[test]
fn show_json_is_pinned() {
    insta::assert_snapshot!("show_11_14_json", stdout_of(&["show", "11.14", "--json"]));
}

#[test]
fn show_prints_everything_about_an_entry() {
    let out = peercomp().env("COLUMNS", "250").args(["show", "1.9"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "1.9",
        "1 Engages peers in collaborative and caring relationships",
        "Inspires hope and change",
        "rfc:6  RFC Best Practice 6: Inspires hope and change",
        "(as written: \"Regional Facilitation Center, Best Practice\")",
        "(inferred)",
        "• The source's tag reads",
        "1.9.1  Fulfills the role of a trusted and supportive guide",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    let both = json_of(&["show", "6.8", "8.1.1", "--json"]);
    assert_eq!(both.as_array().unwrap().len(), 2);
    assert_eq!(both[0]["subitems"], json!([]));
    assert_eq!(both[1]["parent"], "8.1");
    let eleven = json_of(&["show", "11.14.4", "--json"]);
    assert!(eleven[0]["as_written"].as_str().unwrap().starts_with("..1.Understand"));
}

#[test]
fn unknown_ids_exit_1_saying_which_exist() {
    peercomp()
        .args(["show", "13.1", "--framework", "peer-worker"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("error: unknown id '13.1': categories are 1-12\n");
    peercomp().args(["show", "13.1"]).assert().code(1).stderr(predicate::str::starts_with(
        "error: unknown id '13.1': peer-worker categories are 1-12; agency categories are \
         competencies, culture,",
    ));
    peercomp()
        .args(["show", "factors.14"])
        .assert()
        .code(1)
        .stderr("error: unknown id 'factors.14': category factors has items 1-13\n");
    peercomp()
        .args(["show", "6.12"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("category 6 has items 1-11"));
}

#[test]
fn ids_at_the_limits_of_numbers_are_no_panic() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.yaml");
    std::fs::write(
        &file,
        "id: big\ntitle: Big\ncategories:\n  - id: \"18446744073709551615\"\n    title: A\n    entries:\n      - id: \"18446744073709551615.18446744073709551615\"\n        text: x\n      - id: \"18446744073709551615.18446744073709551614\"\n        text: y\n  - id: L\n    title: B\n",
    )
    .unwrap();
    let data = file.to_str().unwrap();
    let out = peercomp().args(["validate", data]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "numbering problems, reported");
    assert!(String::from_utf8_lossy(&out.stdout).contains("item numbering"));
    let out = peercomp().args(["--data", data, "list", "-c", "zz"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "the file is refused, without a panic");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn show_prints_what_exists_and_names_what_does_not() {
    // Once: nothing printed at all, for one bad id among good ones.
    let out =
        peercomp().args(["show", "6.8", "6.99", "1.1", "factors.99", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> =
        shown.as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["6.8", "1.1"]);
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: unknown id '6.99': category 6 has items 1-11\n\
         error: unknown id 'factors.99': category factors has items 1-13\n"
    );
}

#[test]
fn show_source_quotes_the_lines_as_printed_from_the_binary_itself() {
    // From a folder with no source documents: the binary holds them.
    let dir = tempfile::tempdir().unwrap();
    let out = peercomp()
        .current_dir(dir.path())
        .args(["show", "6.8", "factors.9", "--source", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let quote = &shown[0]["source"]["quote"];
    assert_eq!(quote.as_array().unwrap().len(), 1);
    assert_eq!(quote[0]["line"], 97);
    assert!(
        quote[0]["text"].as_str().unwrap().ends_with(
            "8. Collaborates with individual to identify, link, and coordinate choices with resources (RC Domain 1: Advocacy)"
        ),
        "{quote}"
    );
    // A factor's name and its paragraph, up to the next factor.
    let factor: Vec<u64> = shown[1]["source"]["quote"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["line"].as_u64().unwrap())
        .collect();
    assert_eq!(factor, [222, 223, 224, 225]);
    // Without --source, the key is there and empty.
    let plain = json_of(&["show", "6.8", "--json"]);
    assert_eq!(plain[0]["source"]["quote"], serde_json::json!([]));
}
