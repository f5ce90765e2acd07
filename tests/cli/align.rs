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
const AGENCY: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/examples/alignment/agency-peer-worker.yaml");

/// A test set of the aligner: a list, and its reviewed answers against peer-worker.
#[derive(Clone, Copy)]
struct Set {
    id: &'static str,
    file: &'static str,
    answers: &'static str,
}

/// Written from a real list: the Staten Island PPS Peer Specialist apprenticeship (New York).
const NEW_YORK: Set = Set {
    id: "ny-peer-specialist",
    file: "examples/alignment/ny-peer-specialist.yaml",
    answers: "examples/alignment/ny-peer-specialist-peer-worker.yaml",
};

/// Written from the peer-worker list itself: a made-up state's.
const MADE_UP: Set = Set {
    id: "state-cprs",
    file: "examples/alignment/state-cprs.yaml",
    answers: "examples/alignment/state-cprs-peer-worker.yaml",
};

fn with_peer_worker(set: Set) -> Vec<Framework> {
    peercomp::load::load(&[PathBuf::from(DIR).join(set.file)], true).unwrap()
}

fn state_and_peer_worker() -> Vec<Framework> {
    with_peer_worker(MADE_UP)
}

/// The answers: per statement of the state list, the peer-worker entries that say the same
/// thing (`exact` and `close` links) and those related to it.
struct Answers {
    same: HashMap<String, HashSet<String>>,
    related: HashMap<String, HashSet<String>>,
}

fn answers(frameworks: &[Framework], set: Set) -> Answers {
    let file = PathBuf::from(DIR).join(set.answers);
    let alignments = peercomp::load::alignments(&[file], frameworks).unwrap();
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
        if self.links == 0 { 1.0 } else { self.links_right as f64 / self.links as f64 }
    }
    /// Of the statements with an answer, those whose first suggestion is one.
    fn recall(&self) -> f64 {
        self.first_right as f64 / self.answered as f64
    }
    fn f1(&self) -> f64 {
        let sum = self.precision() + self.recall();
        if sum == 0.0 { 0.0 } else { 2.0 * self.precision() * self.recall() / sum }
    }
}

/// The aligner's figures on a set, at a threshold, with or without the field's synonyms.
struct Measure {
    frameworks: Vec<Framework>,
    answers: Answers,
    set: Set,
}

impl Measure {
    fn of(set: Set) -> Self {
        let frameworks = with_peer_worker(set);
        let answers = answers(&frameworks, set);
        Measure { frameworks, answers, set }
    }

    fn at(&self, min: f64, synonyms: bool) -> Figures {
        let (frameworks, answers) = (&self.frameworks, &self.answers);
        let options = AlignOptions { min, top: 3, synonyms };
        let suggestions = query::align(frameworks, self.set.id, "peer-worker", &options).unwrap();
        let state = query::framework(frameworks, self.set.id).unwrap();
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

    /// The thresholds from 0.20 to 0.80 in steps of 0.05, each with its F1.
    fn thresholds(&self, synonyms: bool) -> Vec<(f64, f64)> {
        (4..=16)
            .map(|step| {
                let min = step as f64 * 0.05;
                (min, self.at(min, synonyms).f1())
            })
            .collect()
    }
}

/// The default threshold is the one of best F1 (precision over every suggestion shown, recall of
/// the right entry first) from 0.20 to 0.80 in steps of 0.05, on the set written from a real
/// list, with the field's synonyms: chosen on data, and kept so (the lowest where two tie).
#[test]
fn the_default_threshold_is_the_best_on_the_real_list() {
    let scores = Measure::of(NEW_YORK).thresholds(true);
    let best =
        scores.iter().copied().fold(scores[0], |best, s| if s.1 > best.1 { s } else { best });
    assert!((best.0 - query::DEFAULT_MIN).abs() < 1e-9, "best {best:?} of {scores:?}");
}

/// The synonyms are worth having: on both sets they put the right entry first more often, and
/// on the one written from a real list they raise F1 at the default; "close" stays right.
#[test]
fn the_field_synonyms_find_more_and_close_stays_right() {
    for set in [NEW_YORK, MADE_UP] {
        let measure = Measure::of(set);
        let min = query::DEFAULT_MIN;
        let (without, with) = (measure.at(min, false), measure.at(min, true));
        assert!(with.first_right > without.first_right, "{}: {without:?} {with:?}", set.id);
        assert!(measure.at(0.05, true).first_right > measure.at(0.05, false).first_right);
        let close = measure.at(query::CLOSE, true);
        assert_eq!(close.first_right, close.suggested, "{}: {close:?}", set.id);
        if set.id == NEW_YORK.id {
            assert!(with.f1() > without.f1() + 0.2, "{without:?} {with:?}");
        }
    }
}

/// A row of the guide's table: a figure without and with the synonyms.
fn row(name: &str, cell: impl Fn(&Figures) -> String, without: &Figures, with: &Figures) -> String {
    format!("| {name} | {} | {} |\n", cell(without), cell(with))
}

fn of(part: usize, whole: usize) -> String {
    format!("{part} of {whole} ({:.1}%)", 100.0 * part as f64 / whole.max(1) as f64)
}

/// The figures the guide reports for a set, measured.
fn report(set: Set) -> String {
    let measure = Measure::of(set);
    let (min, close) = (query::DEFAULT_MIN, query::CLOSE);
    let [without, with] = [false, true].map(|synonyms| measure.at(min, synonyms));
    let [close_without, close_with] = [false, true].map(|synonyms| measure.at(close, synonyms));
    let [loose_without, loose_with] = [false, true].map(|synonyms| measure.at(0.05, synonyms));
    let total = with.answered + with.unanswered;
    let mut table = format!(
        "| `{}`: {total} statements, {} with an answer in peer-worker, {} without | without synonyms | with synonyms (the default) |\n|---|---:|---:|\n",
        set.id, with.answered, with.unanswered
    );
    let first = |f: &Figures| of(f.first_right, f.answered);
    table += &row("right entry ranked first (any score)", first, &loose_without, &loose_with);
    table +=
        &row(&format!("recall at {min} (right entry first and suggested)"), first, &without, &with);
    table += &row(
        &format!("precision at {min}, every suggestion shown (--top 3)"),
        |f| of(f.links_right, f.links),
        &without,
        &with,
    );
    table += &row(&format!("F1 at {min}"), |f| format!("{:.3}", f.f1()), &without, &with);
    table += &row(
        &format!("first suggestions scored {close} or more (\"close\") that are right"),
        |f| of(f.first_right, f.suggested),
        &close_without,
        &close_with,
    );
    table += &row(
        "statements without an answer left unmatched",
        |f| format!("{} of {}", f.left_unmatched, f.unanswered),
        &without,
        &with,
    );
    table
}

#[test]
fn the_guide_reports_the_measured_figures() {
    let guide = std::fs::read_to_string(format!("{DIR}/docs/guide.md")).unwrap();
    let missing: Vec<String> =
        [NEW_YORK, MADE_UP].map(report).into_iter().filter(|f| !guide.contains(f)).collect();
    assert!(missing.is_empty(), "docs/guide.md should hold, measured:\n{}", missing.join("\n"));
    let synonyms = std::fs::read_to_string(format!("{DIR}/framework/synonyms.txt")).unwrap();
    let groups = query::synonym_groups(&synonyms).count();
    assert!(guide.contains(&format!("{groups} groups of single")), "{groups} groups");
    // The README's sentence on the real list, at the default.
    let readme = std::fs::read_to_string(format!("{DIR}/README.md")).unwrap().replace('\n', " ");
    let at = Measure::of(NEW_YORK).at(query::DEFAULT_MIN, true);
    let said = format!(
        "the right entry comes first for {} of {} skills at the default `--min` ({}), and {} of the {} suggestions shown are right",
        at.first_right,
        at.answered,
        query::DEFAULT_MIN,
        at.links_right,
        at.links
    );
    assert!(readme.contains(&said), "README.md should say: {said}");
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
    // Every link at or above the threshold, named by its score, never an unmatched entry among
    // the links.
    for link in value["links"].as_array().unwrap() {
        let score = link["score"].as_f64().unwrap();
        assert!(score >= query::DEFAULT_MIN);
        assert_eq!(link["kind"] == "related", score < query::CLOSE, "{link}");
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

/// Issue 33's example: "Keeps information confidential" found 9.7 (confidentiality and privacy)
/// only at 0.398, under the old default; the synonyms join "confidential" and "privacy", and a
/// pair the same only through synonyms is close, never exact. `--no-synonyms` compares words as
/// written.
#[test]
fn synonyms_join_the_fields_words_and_no_synonyms_keeps_them_apart() {
    let (_dir, file) = scratch(
        "mine.yaml",
        "id: mine\ntitle: Mine\ncategories:\n  - id: a\n    title: A\n    entries:\n      \
         - {id: a.1, text: Keeps information confidential}\n      \
         - {id: a.2, text: Affirms the experiences and feelings of peers}\n",
    );
    let align = |extra: &[&str]| {
        json(
            peercomp()
                .args(["--data", &file, "--with-embedded", "align", "--from", "mine"])
                .args(["--to", "peer-worker", "--top", "1", "--json"])
                .args(extra),
        )
    };
    let with = align(&[]);
    let first = |value: &Value, from: &str| {
        value["links"].as_array().unwrap().iter().find(|l| l["from"] == from).cloned()
    };
    assert_eq!(first(&with, "a.1").unwrap()["to"], "9.7", "{with}");
    let affirms = first(&with, "a.2").unwrap();
    assert_eq!(
        (&affirms["to"], &affirms["score"], &affirms["kind"]),
        (&"2.1".into(), &1.0.into(), &"close".into())
    );
    let without = align(&["--no-synonyms"]);
    assert!(first(&without, "a.1").is_none(), "{without}");
    let affirms = first(&without, "a.2").unwrap();
    assert!(affirms["score"].as_f64().unwrap() < 1.0, "{affirms}");
}
