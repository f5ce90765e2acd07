//! Help, usage errors, completions and manual pages, through the built binary.

use predicates::prelude::*;
use serde_json::json;

use crate::{fixture, json_of, peercomp, stdout_of};

#[test]
fn help_is_pinned() {
    insta::assert_snapshot!("help", stdout_of(&["--help"]));
    insta::assert_snapshot!("list_help", stdout_of(&["list", "--help"]));
}

#[test]
fn help_names_exit_codes_and_examples() {
    for command in ["list", "show", "tags", "categories"] {
        let help = stdout_of(&[command, "--help"]);
        assert!(help.contains("Exit codes:"), "{command}");
        assert!(help.contains("Examples:"), "{command}");
        assert!(help.contains("--format"), "{command}");
        assert!(help.contains("--as-written"), "{command}");
    }
}

#[test]
fn usage_errors_exit_2() {
    peercomp().args(["list", "--json", "--format", "csv"]).assert().code(2);
    peercomp().args(["list", "--format", "xml"]).assert().code(2);
    peercomp().args(["show"]).assert().code(2);
    peercomp().args(["frobnicate"]).assert().code(2);
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        peercomp()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("peercomp"));
    }
    let bash = stdout_of(&["completions", "bash"]);
    assert!(bash.contains("--as-written") && bash.contains("--tag"));
    let man = stdout_of(&["man"]);
    assert!(man.starts_with(".ie") || man.contains(".TH peercomp"), "{}", &man[..80]);
    assert!(man.contains("peercomp"));
    peercomp().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn every_command_takes_the_framework_flag() {
    let shown = json_of(&["show", "agency/factors.9", "factors.9", "--json"]);
    assert_eq!(shown[0], shown[1]);
    assert_eq!(shown[0]["framework"], "agency");
    peercomp().args(["show", "factors.9", "--framework", "peer-worker"]).assert().code(1);
    let tags = json_of(&["tags", "--framework", "agency", "--json"]);
    let tags: Vec<(&str, u64)> = tags
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["tag"].as_str().unwrap(), t["entries"].as_u64().unwrap()))
        .collect();
    assert_eq!(tags, [("samhsa", 4 + 8 + 6 + 8 + 8 + 5 + 5), ("sfu", 13)]);
    assert_eq!(
        json_of(&["categories", "--framework", "agency", "--json"]).as_array().unwrap().len(),
        10
    );
    assert_eq!(
        json_of(&["list", "--framework", "agency", "--framework", "peer-worker", "--json"])
            .as_array()
            .unwrap()
            .len(),
        211
    );
    assert!(json_of(&["overlaps", "--framework", "agency", "--json"]).as_array().is_some());
    // The crosswalk keeps its one framework: peer-worker by default, any by name.
    assert_eq!(json_of(&["crosswalk", "--json"])["framework"], "peer-worker");
    let sfu = json_of(&["crosswalk", "--framework", "agency", "--by", "sfu", "--json"]);
    assert_eq!(sfu["totals"], json!({"sfu": 13}));
    assert_eq!(
        json_of(&["--data", &fixture("mini.yaml"), "crosswalk", "--by", "core", "--json"])["framework"],
        "mini"
    );
    peercomp()
        .args(["--data", &fixture("mini.yaml"), "--data", &fixture("mini.json"), "crosswalk"])
        .assert()
        .code(2)
        .stderr("error: say which framework with --framework (loaded: mini, mini-json)\n");
    peercomp()
        .args(["tags", "--framework", "nope"])
        .assert()
        .code(2)
        .stderr("error: unknown framework 'nope' (loaded: peer-worker, agency)\n");
}

#[test]
fn environment_values_are_read_strictly() {
    for value in ["abc", "-1", "1.5", "0", "17592186044416"] {
        let out = peercomp().env("PEERCOMP_MAX_FILE_MIB", value).arg("list").output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{value}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.starts_with(&format!("error: PEERCOMP_MAX_FILE_MIB={value}: ")), "{err}");
        assert!(out.stdout.is_empty());
    }
    let out = peercomp().env("PEERCOMP_MAX_FILE_MIB", "64").arg("tags").output().unwrap();
    assert!(out.status.success());
}
