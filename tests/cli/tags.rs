//! `tags`, `categories` and `frameworks`: what the loaded frameworks hold, counted.

use serde_json::{Value, json};

use crate::{fixture, json_of, peercomp, stdout_of};

#[test]
fn tags_lists_every_code_with_counts() {
    let rows = json_of(&["tags", "--framework", "peer-worker", "--json"]);
    let get =
        |tag: &str| rows.as_array().unwrap().iter().find(|r| r["tag"] == tag).unwrap().clone();
    assert_eq!(get("icrc:2")["entries"], 0);
    assert_eq!(get("icrc:2")["label"], "IC&RC Domain 2: Ethical Responsibility");
    assert_eq!(get("icrc:4")["entries"], 13);
    assert_eq!(get("samhsa")["code"], Value::Null);
    assert_eq!(rows.as_array().unwrap().len(), 15);
    let written = json_of(&["tags", "--as-written", "--json"]);
    assert_eq!(written[1]["entries"], 9);
    // Without --framework, every loaded framework's tags, each row saying whose.
    let all = json_of(&["tags", "--json"]);
    assert_eq!(all.as_array().unwrap().len(), 15 + 2);
    assert_eq!(all[15]["framework"], "agency");
    let table = stdout_of(&["tags"]);
    assert!(table.contains("FRAMEWORK") && table.contains("sfu"));
    let table = stdout_of(&["tags", "--framework", "peer-worker"]);
    assert!(table.lines().any(|l| l.contains("icrc:2") && l.contains(" 0 ")));
    let csv = stdout_of(&["tags", "--format", "csv"]);
    assert!(csv.starts_with("framework,tag,scheme,code,label,entries,inferred\n"));
    assert!(
        csv.contains("peer-worker,icrc:4,icrc,4,IC&RC Domain 4: Recovery/Wellness Support,13,0\n")
    );
}

#[test]
fn categories_show_descriptions_and_counts_per_scheme() {
    assert_eq!(json_of(&["categories", "--json"]).as_array().unwrap().len(), 12 + 10);
    let rows = json_of(&["categories", "--framework", "peer-worker", "--json"]);
    assert_eq!(rows.as_array().unwrap().len(), 12);
    assert_eq!(rows[5]["title"], "Links to resources, services, and supports");
    assert_eq!(rows[5]["items"], 11);
    assert_eq!(rows[5]["subitems"], 11);
    assert_eq!(rows[5]["tagged"], json!({"icrc": 3, "rfc": 3, "samhsa": 5}));
    assert!(
        rows[1]["description"].as_str().unwrap().starts_with("The competencies in this category")
    );
    let table = stdout_of(&["categories", "--framework", "peer-worker"]);
    assert!(table.contains("SAMHSA") && table.contains("IC&RC") && table.contains("RFC"));
    let md = stdout_of(&["categories", "--framework", "peer-worker", "--format", "markdown"]);
    assert_eq!(md.lines().filter(|l| l.starts_with("| ")).count(), 13);
    let csv = stdout_of(&["categories", "--format", "csv"]);
    assert!(csv.starts_with("framework,id,title,description,items,subitems,samhsa,icrc,rfc,sfu\n"));
    assert!(csv.contains("\nagency,factors,"));
    let jsonl = stdout_of(&["categories", "--framework", "peer-worker", "--format", "jsonl"]);
    assert_eq!(jsonl.lines().count(), 12);
}

#[test]
fn frameworks_lists_what_is_loaded() {
    let rows = json_of(&["frameworks", "--json"]);
    assert_eq!(rows[0]["id"], "peer-worker");
    assert_eq!(
        (&rows[0]["categories"], &rows[0]["items"], &rows[0]["subitems"]),
        (&json!(12), &json!(102), &json!(30))
    );
    assert_eq!(rows[0]["source"]["publisher"], "BJA COAP PRSS TTA Center");
    assert_eq!(rows[1]["id"], "agency");
    assert_eq!((&rows[1]["categories"], &rows[1]["entries"]), (&json!(10), &json!(79)));
    assert_eq!(rows[1]["schemes"], json!(["samhsa", "sfu"]));
    let table = peercomp().env("COLUMNS", "300").arg("frameworks").output().unwrap().stdout;
    assert!(
        String::from_utf8(table)
            .unwrap()
            .contains("Core Competencies for Agencies that Employ Peer Support Workers")
    );
    assert!(
        stdout_of(&["frameworks", "--format", "csv"])
            .starts_with("id,title,source,publisher,date,categories,items,subitems,schemes\n")
    );
    let mini = json_of(&["--data", &fixture("mini.yaml"), "frameworks", "--json"]);
    assert_eq!(mini.as_array().unwrap().len(), 1);
}

#[test]
fn tags_categories_and_frameworks_match_in_any_case_with_suggestions() {
    // Any case; comma lists where repeats work.
    assert_eq!(stdout_of(&["list", "--tag", "ICRC:4"]), stdout_of(&["list", "--tag", "icrc:4"]));
    assert_eq!(
        stdout_of(&["list", "--tag", "icrc:1,icrc:3"]),
        stdout_of(&["list", "--tag", "icrc:1", "--tag", "icrc:3"])
    );
    assert_eq!(
        stdout_of(&["list", "--framework", "Agency", "-c", "Factors"]),
        stdout_of(&["list", "--framework", "agency", "-c", "factors"])
    );
    // What is still unknown gets what was likely meant.
    for (args, said) in [
        (
            &["list", "--tag", "icrc4"][..],
            "(known schemes: samhsa, icrc, rfc, sfu): did you mean icrc:4?",
        ),
        (&["list", "--tag", "sfuu"], ": did you mean sfu?"),
        (&["list", "-c", "factorz"], ": did you mean factors?"),
        (
            &["list", "--framework", "agencyy"],
            "(loaded: peer-worker, agency): did you mean agency?",
        ),
    ] {
        let out = peercomp().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.trim_end().ends_with(said), "{args:?}: {err}");
    }
}

#[test]
fn a_real_code_that_no_entry_carries_says_so() {
    let said = "IC&RC Domain 2: Ethical Responsibility is a real code of icrc; no entry of peer-worker carries it\n";
    peercomp().args(["list", "--tag", "icrc:2"]).assert().success().stdout("").stderr(said);
    // A printed checklist is never an empty page.
    peercomp().args(["list", "--tag", "icrc:2", "--checklist"]).assert().success().stdout(said);
    // Programs get their empty answer (an_empty_result_is_a_success); other empty answers stay
    // as they were.
    peercomp()
        .args(["list", "--tag", "icrc:1", "--category", "2"])
        .assert()
        .success()
        .stderr("no entries match\n");
}
