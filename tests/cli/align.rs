//! `align`, alignment files and `crosswalk --by FRAMEWORK`: the aligner measured on the
//! paraphrased state list against its answers (through the library), and what users see
//! (through the binary).

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

use peercomp::model::Framework;
use peercomp::query::{self, AlignOptions};

const DIR: &str = env!("CARGO_MANIFEST_DIR");
const STATE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/alignment/state-cprs.yaml");
const ANSWERS: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/examples/alignment/state-cprs-peer-worker.yaml");
const AGENCY: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/examples/alignment/agency-peer-worker.yaml");

fn state_and_peer_worker() -> Vec<Framework> {
    peercomp::load::load(&[PathBuf::from(STATE)], true).unwrap()
}

/// The answers: per statement of the state list, the peer-worker entries that say the same
/// thing (`exact` and `close` links) and those related to it.
struct Answers {
    same: HashMap<String, HashSet<String>>,
    related: HashMap<String, HashSet<String>>,
}

fn answers(frameworks: &[Framework]) -> Answers {
    let alignments = peercomp::load::alignments(&[PathBuf::from(ANSWERS)], frameworks).unwrap();
    let mut answers = Answers { same: HashMap::new(), related: HashMap::new() };
    for link in &alignments[0].links {
        let into = match link.kind {
            peercomp::model::LinkKind::Related => &mut answers.related,
            _ => &mut answers.same,
        };
        into.entry(link.from.text.clone()).or_default().insert(link.to.text.clone());
    }
    answers
}

/// What the aligner gets right at a threshold.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Figures {
    /// Statements with an answer, and without.
    answered: usize,
    unanswered: usize,
    /// Statements whose first suggestion is an answer (exact or close).
    first_right: usize,
    /// Statements given a first suggestion.
    suggested: usize,
    /// Statements without an answer left unmatched.
    left_unmatched: usize,
    /// Every suggestion (up to --top 3), and those that are answers of any kind.
    links: usize,
    links_right: usize,
}

impl Figures {
    /// Of every suggestion shown, those that are answers: what a reviewer reads.
    fn precision(&self) -> f64 {
        self.links_right as f64 / self.links as f64
    }
    /// Of the statements with an answer, those whose first suggestion is one.
    fn recall(&self) -> f64 {
        self.first_right as f64 / self.answered as f64
    }
    fn f1(&self) -> f64 {
        2.0 * self.precision() * self.recall() / (self.precision() + self.recall())
    }
}

fn measure(frameworks: &[Framework], answers: &Answers, min: f64) -> Figures {
    let options = AlignOptions { min, top: 3 };
    let suggestions = query::align(frameworks, "state-cprs", "peer-worker", &options).unwrap();
    let state = query::framework(frameworks, "state-cprs").unwrap();
    let mut first: HashMap<&str, &str> = HashMap::new();
    let mut figures = Figures {
        answered: 0,
        unanswered: 0,
        first_right: 0,
        suggested: 0,
        left_unmatched: 0,
        links: suggestions.links.len(),
        links_right: 0,
    };
    for s in &suggestions.links {
        first.entry(s.from).or_insert(s.to);
        let is = |set: &HashMap<String, HashSet<String>>| {
            set.get(s.from).is_some_and(|a| a.contains(s.to))
        };
        figures.links_right += usize::from(is(&answers.same) || is(&answers.related));
    }
    for (entry, _) in state.entries() {
        let id = entry.id.as_str();
        let answer = answers.same.get(id);
        match (answer, first.get(id)) {
            (Some(answer), Some(to)) => {
                figures.answered += 1;
                figures.suggested += 1;
                figures.first_right += usize::from(answer.contains(*to));
            }
            (Some(_), None) => figures.answered += 1,
            (None, Some(_)) => {
                figures.unanswered += 1;
                figures.suggested += 1;
            }
            (None, None) => {
                figures.unanswered += 1;
                figures.left_unmatched += 1;
            }
        }
    }
    figures
}

/// The default threshold is the one of best F1 (precision over every suggestion shown, recall of
/// the right entry first) from 0.20 to 0.80 in steps of 0.05: chosen on data, and kept so.
#[test]
fn the_default_threshold_is_the_best_on_the_test_set() {
    let frameworks = state_and_peer_worker();
    let answers = answers(&frameworks);
    let scores: Vec<(f64, f64)> = (4..=16)
        .map(|step| {
            let min = step as f64 * 0.05;
            (min, measure(&frameworks, &answers, min).f1())
        })
        .collect();
    let best = scores.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
    assert!((best.0 - query::CLOSE).abs() < 1e-9, "best {best:?} of {scores:?}");
}

/// The figures the guide reports, measured.
fn report() -> String {
    let frameworks = state_and_peer_worker();
    let answers = answers(&frameworks);
    let at = measure(&frameworks, &answers, query::CLOSE);
    let loose = measure(&frameworks, &answers, 0.05);
    let total = at.answered + at.unanswered;
    format!(
        "| statements | {total}: {} with an answer in peer-worker, {} without |\n\
         | right entry ranked first (any score) | {} of {} ({:.1}%) |\n\
         | recall at {} (right entry first and suggested) | {} of {} ({:.1}%) |\n\
         | precision at {}, first suggestions | {} of {} ({:.1}%) |\n\
         | precision at {}, every suggestion shown (--top 3) | {} of {} ({:.1}%) |\n\
         | statements without an answer left unmatched | {} of {} |\n",
        at.answered,
        at.unanswered,
        loose.first_right,
        loose.answered,
        100.0 * loose.recall(),
        query::CLOSE,
        at.first_right,
        at.answered,
        100.0 * at.recall(),
        query::CLOSE,
        at.first_right,
        at.suggested,
        100.0 * at.first_right as f64 / at.suggested as f64,
        query::CLOSE,
        at.links_right,
        at.links,
        100.0 * at.precision(),
        at.left_unmatched,
        at.unanswered,
    )
}

#[test]
fn the_guide_reports_the_measured_figures() {
    let readme = std::fs::read_to_string(format!("{DIR}/docs/guide.md")).unwrap();
    let figures = report();
    assert!(readme.contains(&figures), "docs/guide.md should hold, measured:\n{figures}");
}

fn peercomp() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("peercomp");
    cmd.env_remove("PEERCOMP_DATA").env("COLUMNS", "110");
    cmd
}

fn json(cmd: &mut assert_cmd::Command) -> Value {
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).unwrap()
}

/// `align --from state-cprs --to peer-worker --json`.
fn state_alignment_json() -> Value {
    json(
        peercomp()
            .args(["--data", STATE, "--with-embedded", "align", "--from", "state-cprs"])
            .args(["--to", "peer-worker", "--json"]),
    )
}

fn scratch(name: &str, text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, text).unwrap();
    (dir, file.display().to_string())
}

#[test]
fn robust_to_what_real_lists_differ_by() {
    let frameworks = state_and_peer_worker();
    let suggestions =
        query::align(&frameworks, "state-cprs", "peer-worker", &AlignOptions::default()).unwrap();
    let first = |from: &str| {
        let s = suggestions.links.iter().find(|s| s.from == from).expect(from);
        (s.to, s.kind.as_str())
    };
    // Inflection and function words: "Relates to individuals as their advocate".
    assert_eq!(first("adv.1"), ("11.8", "exact"));
    // Word order and a hyphen: "self determination and individual choice".
    assert_eq!(first("adv.8"), ("4.5", "exact"));
    // A compound in one word against two: "selfcare" and "self-care".
    assert_eq!(first("men.8"), ("10.8", "exact"));
    // A noun for its verb: "facilitation techniques" and "facilitates" / "creating", "creation".
    assert_eq!(first("rec.11").0, "7.8");
    assert_eq!(first("rec.14").0, "7.10.3");
    // Unmatched: what peer-worker does not say.
    let unmatched: Vec<&str> = suggestions.unmatched.iter().map(|u| u.id).collect();
    for id in ["adv.13", "rec.17", "eth.8", "eth.10"] {
        assert!(unmatched.contains(&id), "{id}: {unmatched:?}");
    }
}

#[test]
fn align_json_is_links_and_unmatched_ids() {
    let value = state_alignment_json();
    assert_eq!(value["from"], "state-cprs");
    assert_eq!(value["to"], "peer-worker");
    let first = &value["links"][0];
    assert_eq!(
        first,
        &serde_json::json!({"from": "adv.1", "to": "11.8", "score": 1.0, "kind": "exact"})
    );
    let unmatched = value["unmatched"].as_array().unwrap();
    assert!(unmatched.contains(&Value::from("adv.13")), "{unmatched:?}");
    // Every link at or above the threshold, never an unmatched entry among the links.
    for link in value["links"].as_array().unwrap() {
        assert!(link["score"].as_f64().unwrap() >= query::CLOSE);
        assert!(!unmatched.contains(&link["from"]));
    }
    // JSON Lines: the links, then a line per unmatched entry.
    let out = peercomp()
        .args(["--data", STATE, "--with-embedded", "align", "--from", "state-cprs", "--to"])
        .args(["peer-worker", "-f", "jsonl"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines: Vec<Value> =
        String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), value["links"].as_array().unwrap().len() + unmatched.len());
    assert_eq!(lines.last().unwrap()["kind"], "unmatched");
}

#[test]
fn related_pairs_appear_where_min_is_lowered_and_top_bounds_them() {
    let value = json(peercomp().args([
        "align",
        "--from",
        "agency",
        "--to",
        "peer-worker",
        "--min",
        "0.3",
        "--top",
        "1",
        "--json",
    ]));
    let links = value["links"].as_array().unwrap();
    assert!(links.iter().any(|l| l["kind"] == "related"), "{links:?}");
    let mut from: Vec<&str> = links.iter().map(|l| l["from"].as_str().unwrap()).collect();
    let n = from.len();
    from.dedup();
    assert_eq!(from.len(), n, "one suggestion per entry with --top 1");
    peercomp()
        .args(["align", "--from", "agency", "--to", "peer-worker", "--min", "0"])
        .assert()
        .code(2);
    peercomp()
        .args(["align", "--from", "agency", "--to", "nope"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown framework 'nope'"));
}

#[test]
fn format_case_is_a_valid_package_linking_the_exported_identifiers() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{DIR}/tests/data/case/case-v1p1-cfpackage.schema.json"))
            .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft201909::new(&schema).unwrap();
    let package = json(
        peercomp()
            .env("SOURCE_DATE_EPOCH", "1795304096")
            .args(["--data", STATE, "--with-embedded", "align", "--from", "state-cprs"])
            .args(["--to", "peer-worker", "--format", "case"]),
    );
    let errors: Vec<String> = validator.iter_errors(&package).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let associations = package["CFAssociations"].as_array().unwrap();
    let suggestions = state_alignment_json();
    assert_eq!(associations.len(), suggestions["links"].as_array().unwrap().len());
    let first = &associations[0];
    assert_eq!(first["associationType"], "exactMatchOf");
    assert_eq!(first["extensions"]["peercomp"]["kind"], "exact");
    // The destination is peer-worker 11.8 as `export --to case` identifies it.
    let export = json(peercomp().env("SOURCE_DATE_EPOCH", "1795304096").args([
        "export",
        "--framework",
        "peer-worker",
        "--to",
        "case",
    ]));
    let items = export["CFItems"].as_array().unwrap();
    let item = items.iter().find(|i| i["humanCodingScheme"] == "11.8").unwrap();
    assert_eq!(first["destinationNodeURI"]["identifier"], item["identifier"]);
    let close = associations.iter().find(|a| a["extensions"]["peercomp"]["kind"] == "close");
    assert_eq!(close.unwrap()["associationType"], "isRelatedTo");
}

#[test]
fn accept_writes_an_alignment_to_review_that_loads_and_never_replaces_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("agency-peer-worker.yaml");
    let file = file.display().to_string();
    peercomp()
        .args(["align", "--from", "agency", "--to", "peer-worker", "--min", "0.4"])
        .args(["--accept", &file])
        .assert()
        .success()
        .stdout("")
        .stderr(predicates::str::contains("links to").and(predicates::str::contains("--data")));
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.starts_with("# yaml-language-server: $schema=alignment.schema.json\n"));
    assert!(written.contains("from: agency"), "{written}");
    peercomp().args(["validate", &file]).assert().success();
    // Loaded beside the frameworks, its links cross-walk agency by peer-worker.
    let crosswalk =
        json(peercomp().args(["--data", &file, "crosswalk", "--framework", "agency"]).args([
            "--by",
            "peer-worker",
            "--json",
        ]));
    assert_eq!(crosswalk["by"], "peer-worker");
    assert!(crosswalk["total"].as_u64().unwrap() > 0);
    // Never over a file, which may be reviewed already.
    std::fs::write(&file, "reviewed").unwrap();
    peercomp()
        .args(["align", "--from", "agency", "--to", "peer-worker", "--accept", &file])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("exists"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "reviewed");
}

use predicates::prelude::PredicateBooleanExt;

#[test]
fn crosswalk_by_peer_worker_for_agency_works_from_the_shipped_alignment() {
    let value =
        json(peercomp().args(["--data", AGENCY, "crosswalk", "--framework", "agency"]).args([
            "--by",
            "peer-worker",
            "--json",
        ]));
    assert_eq!(value["framework"], "agency");
    let columns: Vec<&str> =
        value["columns"].as_array().unwrap().iter().map(|c| c["tag"].as_str().unwrap()).collect();
    assert_eq!(columns, ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]);
    let principles =
        value["rows"].as_array().unwrap().iter().find(|r| r["category"]["id"] == "principles");
    // principles.2 is linked to 4.4 (Personalizes peer support), principles.1 to 4.6.
    let cell = &principles.unwrap()["cells"]["4"];
    assert_eq!(cell, &serde_json::json!(["principles.1", "principles.2", "principles.3"]));
    // The other way round, the same links.
    let back = json(
        peercomp()
            .args(["--data", AGENCY, "crosswalk", "--framework", "peer-worker"])
            .args(["--by", "agency", "--json"]),
    );
    assert_eq!(back["total"], 21, "peer-worker entries linked to an agency entry");
    // By the other framework's scheme, through its entries' tags.
    let icrc = json(
        peercomp()
            .args(["--data", &format!("{DIR}/examples/alignment"), "--with-embedded", "crosswalk"])
            .args(["--framework", "state-cprs", "--by", "peer-worker:icrc", "--json"]),
    );
    assert_eq!(icrc["by"], "peer-worker:icrc");
    assert_eq!(icrc["rows"][0]["cells"]["icrc:1"].as_array().unwrap().len(), 10);
    // Without links: said, with how to make them.
    peercomp()
        .args(["crosswalk", "--framework", "agency", "--by", "peer-worker"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no alignment links between agency and peer-worker"));
}

#[test]
fn alignment_files_are_checked_like_the_other_files() {
    let (_dir, bad) = scratch(
        "a.yaml",
        "alignment: mistakes\nfrom: agency\nto: peer-worker\nlinks:\n  \
         - {from: policy.1, to: \"11.8\", kind: closer}\n  \
         - {from: policy.9, to: \"99.1\", kind: close}\n  \
         - {from: policy.2, to: \"6.9\", kind: related}\n  \
         - {from: policy.2, to: \"6.9\", kind: related, note: again}\n",
    );
    peercomp()
        .args(["validate", &bad])
        .assert()
        .code(1)
        .stdout(format!("{bad}:5:40: expected one of exact, close, related, found 'closer'\n"));
    let (_dir2, bad) = scratch(
        "a.yaml",
        "alignment: mistakes\nfrom: agency\nto: peer-worker\nlinks:\n  \
         - {from: policy.9, to: \"99.1\", kind: close}\n  \
         - {from: policy.2, to: \"6.9\", kind: related}\n  \
         - {from: policy.2, to: \"6.9\", kind: related, note: again}\n",
    );
    let expected = format!(
        "{bad}:5:12: no entry 'policy.9' in agency\n\
         {bad}:5:26: no entry '99.1' in peer-worker\n\
         {bad}:7:12: the link policy.2 -> 6.9 is given twice (first at 6:12)\n"
    );
    peercomp().args(["validate", &bad]).assert().code(1).stdout(expected.clone());
    // The same problems stop a command that loads it, files untouched.
    peercomp()
        .args(["--data", &bad, "crosswalk", "--framework", "agency", "--by", "peer-worker"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("no entry '99.1' in peer-worker"));
    // A framework that is not loaded, and is not embedded.
    let (_dir3, bad) = scratch("a.yaml", "alignment: x\nfrom: mine\nto: peer-worker\nlinks: []\n");
    peercomp()
        .args(["validate", &bad])
        .assert()
        .code(1)
        .stdout(predicates::str::contains(format!("{bad}:2:7: framework 'mine' is not loaded")));
}

/// A CASE package of one category and two items, the first `exactMatchOf` the item `target`
/// of another package.
fn case_package(target: &Value) -> Value {
    let node = |id: &str, title: &str| serde_json::json!({"title": title, "identifier": id, "uri": format!("urn:uuid:{id}")});
    let doc = "8a4e4b5c-0000-4000-8000-000000000001";
    let (cat, a1, a2) = (
        "8a4e4b5c-0000-4000-8000-000000000002",
        "8a4e4b5c-0000-4000-8000-000000000003",
        "8a4e4b5c-0000-4000-8000-000000000004",
    );
    let item = |id: &str, code: &str, text: &str| {
        serde_json::json!({"identifier": id, "uri": format!("urn:uuid:{id}"), "fullStatement": text,
            "humanCodingScheme": code, "lastChangeDateTime": "2026-01-01T00:00:00+00:00"})
    };
    let association = |n: u8, kind: &str, from: Value, to: Value| {
        let id = format!("8a4e4b5c-0000-4000-8000-0000000001{n:02}");
        serde_json::json!({"identifier": id, "uri": format!("urn:uuid:{id}"), "associationType": kind,
            "originNodeURI": from, "destinationNodeURI": to,
            "lastChangeDateTime": "2026-01-01T00:00:00+00:00"})
    };
    serde_json::json!({
        "CFDocument": {"identifier": doc, "uri": format!("urn:uuid:{doc}"), "creator": "A board",
            "title": "State A", "lastChangeDateTime": "2026-01-01T00:00:00+00:00"},
        "CFItems": [item(cat, "A", "Advocacy"), item(a1, "A.1", "Relates to the individual as an advocate"),
            item(a2, "A.2", "Teaches CPR")],
        "CFAssociations": [
            association(1, "isChildOf", node(a1, "A.1"), node(cat, "A")),
            association(2, "isChildOf", node(a2, "A.2"), node(cat, "A")),
            association(3, "exactMatchOf", node(a1, "A.1"), target.clone()),
        ],
    })
}

/// peer-worker's CASE export, the item of one entry, and a link to it.
fn peer_worker_case(id: &str) -> (std::process::Output, Value, Value) {
    let export =
        peercomp().args(["export", "--framework", "peer-worker", "--to", "case"]).output().unwrap();
    let packages: Value = serde_json::from_slice(&export.stdout).unwrap();
    let item = packages["CFItems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["humanCodingScheme"] == id)
        .unwrap()
        .clone();
    let target =
        serde_json::json!({"title": id, "identifier": item["identifier"], "uri": item["uri"]});
    (export, item, target)
}

#[test]
fn case_associations_between_two_loaded_case_frameworks_are_alignments() {
    let dir = tempfile::tempdir().unwrap();
    // peer-worker as CASE, read back from its export: its items keep their identifiers.
    let (export, _, target) = peer_worker_case("11.8");
    let peer = dir.path().join("peer-worker.json");
    std::fs::write(&peer, &export.stdout).unwrap();
    let state = dir.path().join("state-a.json");
    std::fs::write(&state, serde_json::to_vec(&case_package(&target)).unwrap()).unwrap();
    let value = json(
        peercomp()
            .args(["--data", state.to_str().unwrap(), "--data", peer.to_str().unwrap()])
            .args(["crosswalk", "--framework", "state-a", "--by", "peer-worker:icrc", "--json"]),
    );
    // A.1 is an exact match of 11.8, which carries icrc:1.
    assert_eq!(value["rows"][0]["cells"]["icrc:1"], serde_json::json!(["A.1"]));
    assert_eq!(value["total"], 1);
}

#[test]
fn a_directory_of_packages_some_wrapped_links_entries_across_frameworks_in_show() {
    let dir = tempfile::tempdir().unwrap();
    let (export, item, target) = peer_worker_case("11.8");
    std::fs::write(dir.path().join("peer-worker.json"), &export.stdout).unwrap();
    // The state's package as a CASE server's API returns it: wrapped in CFPackage.
    let wrapped = serde_json::json!({"CFPackage": case_package(&target)});
    std::fs::write(dir.path().join("state-a.json"), serde_json::to_vec(&wrapped).unwrap()).unwrap();
    let data = dir.path().to_str().unwrap();
    let shown = json(peercomp().args(["--data", data, "show", "state-a/A.1", "--json"]));
    assert_eq!(
        shown[0]["linked"],
        serde_json::json!([{"kind": "exactMatchOf", "direction": "from", "framework": "peer-worker",
            "id": "11.8", "text": item["fullStatement"]}])
    );
    let back = json(peercomp().args(["--data", data, "show", "peer-worker/11.8", "--json"]));
    assert_eq!(back[0]["linked"][0]["direction"], "to");
    assert_eq!(back[0]["linked"][0]["id"], "A.1");
    peercomp()
        .args(["--data", data, "show", "state-a/A.1"])
        .assert()
        .success()
        .stdout(predicates::str::contains("exactMatchOf peer-worker/11.8"));
}

#[test]
fn an_alignment_loaded_is_checked_by_every_command_not_only_those_using_its_links() {
    // Once `list` and `show` passed with exit 0 over 2M links to missing entries.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wrong.yaml");
    std::fs::write(
        &file,
        "alignment: A\nfrom: agency\nto: peer-worker\nsource: s\nlinks:\n  - {from: principles.2, to: \"99.7\", kind: close}\n",
    )
    .unwrap();
    for args in [&["list", "--tag", "icrc:4"][..], &["show", "6.8"], &["tags"]] {
        let out = peercomp().arg("--data").arg(&file).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let said = String::from_utf8(out.stderr).unwrap();
        assert!(
            said.contains("wrong.yaml:6:30: no entry '99.7' in peer-worker"),
            "{args:?}: {said}"
        );
    }
    // A right one stays quiet.
    let right = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/alignment/agency-peer-worker.yaml");
    let out = peercomp().args(["--data", right, "show", "6.8"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
