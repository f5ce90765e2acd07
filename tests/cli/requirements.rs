//! Training approval: hours per reference, requirements files, `coverage --requirements`.

use assert_cmd::cargo::cargo_bin_cmd;
use peercomp::model::Framework;
use peercomp::query::{self, CoverageOptions, Taught};
use serde_json::Value;

const DIR: &str = env!("CARGO_MANIFEST_DIR");

fn path(relative: &str) -> String {
    format!("{DIR}/{relative}")
}

pub fn training() -> String {
    path("examples/curriculum/peer-recovery-training.yaml")
}

pub fn short_training() -> String {
    path("examples/curriculum/peer-recovery-training-short.yaml")
}

pub fn icrc() -> String {
    path("examples/requirements/icrc-peer-recovery.yaml")
}

fn peercomp() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("peercomp");
    cmd.env_remove("PEERCOMP_DATA").env("COLUMNS", "110");
    cmd
}

/// A file in a scratch directory.
fn scratch(name: &str, text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, text).unwrap();
    (dir, file.display().to_string())
}

fn frameworks() -> Vec<Framework> {
    peercomp::load::embedded().unwrap()
}

fn options() -> CoverageOptions {
    CoverageOptions { by: "category".into(), include_subitems: false, as_written: false }
}

#[test]
fn hours_given_per_reference_go_to_it_and_the_rest_is_shared_evenly() {
    let (_dir, file) = scratch(
        "t.yaml",
        "curriculum: T\nmodules:\n  - id: M1\n    title: Ethics\n    hours: 6\n    description: Role play\n    covers:\n      - {ref: \"icrc:2\", hours: 4, description: Code of ethics}\n      - \"9.6\"\n      - \"9.7\"\n  - id: M2\n    title: Given only\n    covers: [{ref: \"11.8\", hours: 1.5}, {ref: \"11.9\", hours: 0.5}]\n",
    );
    let f = frameworks();
    let c = peercomp::load::curriculum(std::path::Path::new(&file)).unwrap();
    let report = query::coverage(&f, "peer-worker", &c, &options()).unwrap();
    let m1 = &report.modules[0];
    let spent: Vec<(Taught, f64, Option<&str>)> =
        m1.shares.iter().map(|s| (s.taught.clone(), s.hours, s.description)).collect();
    assert_eq!(
        spent,
        [
            (Taught::Code("icrc:2".into()), 4.0, Some("Code of ethics")),
            (Taught::Entry("9.6"), 1.0, Some("Role play")),
            (Taught::Entry("9.7"), 1.0, Some("Role play")),
        ]
    );
    // A module without hours of its own has those its references give: never counted twice.
    assert_eq!(report.modules[1].hours, Some(2.0));
    assert_eq!(report.hours, Some(8.0));
    let total: f64 = report.modules.iter().flat_map(|m| &m.shares).map(|s| s.hours).sum();
    assert_eq!(total, 8.0);
    let category = |id: &str| report.groups.iter().find(|g| g.group == id).unwrap().hours;
    assert_eq!(category("9"), Some(2.0));
    assert_eq!(category("11"), Some(2.0));
}

#[test]
fn hours_that_count_toward_nothing_are_said() {
    let (_dir, file) = scratch(
        "t.yaml",
        "curriculum: T\nmodules:\n  - id: M1\n    title: Sub-items\n    hours: 2\n    covers: [{ref: \"6.9.*\", hours: 1}]\n",
    );
    let out = peercomp()
        .args(["coverage", &file, "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        json["warnings"],
        serde_json::json!([
            "module M1: its references give 1 of its 2 hours, and no other reference takes the \
             other 1: they count toward no group",
            "module M1: 1 of its 2 hours go to sub-items alone, which count with \
             --include-subitems: here toward no group"
        ])
    );
}

#[test]
fn a_reference_with_hours_is_checked_at_its_place() {
    let (_dir, file) = scratch(
        "t.yaml",
        "curriculum: T\nmodules:\n  - id: M1\n    title: One\n    hours: 1\n    covers:\n      - {ref: \"1.1\", hours: 2}\n      - {ref: \"1.2\", hours: -1}\n      - {ref: \"9.99\", hours: 1}\n",
    );
    peercomp().args(["coverage", &file]).assert().code(1).stderr(format!(
        "error: {file}:5:12: module 'M1' has 1 hours, but its references give 3 of them: give \
         the module more hours, or its references fewer\n\
         error: {file}:8:29: module 'M1', 1.2: hours must be a number from 0 to 100000\n"
    ));
    let (_d2, over) = scratch(
        "t.yaml",
        "curriculum: T\nmodules:\n  - id: M1\n    title: One\n    hours: 1\n    covers:\n      - {ref: \"1.1\", hours: 2}\n",
    );
    peercomp().args(["coverage", &over]).assert().code(1).stderr(format!(
        "error: {over}:5:12: module 'M1' has 1 hours, but its references give 2 of them: give \
         the module more hours, or its references fewer\n"
    ));
    let (_d3, shape) = scratch(
        "t.yaml",
        "curriculum: T\nmodules:\n  - id: M1\n    title: One\n    covers:\n      - {ref: \"1.1\", hour: 2}\n      - {hours: 2}\n      - {ref: \"9.99\", hours: 1}\n",
    );
    peercomp().args(["coverage", &shape]).assert().code(1).stderr(format!(
        "error: {shape}:6:22: unknown field `hour`, did you mean `hours`?\n\
         error: {shape}:7:9: missing field `ref`\n"
    ));
    let (_d4, unknown) = scratch(
        "t.yaml",
        "curriculum: T\nmodules:\n  - id: M1\n    title: One\n    covers:\n      - {ref: \"9.99\", hours: 1}\n",
    );
    peercomp().args(["coverage", &unknown]).assert().code(1).stderr(format!(
        "error: {unknown}:6:15: module M1: '9.99' matches nothing: no entry '9.99' (category 9 \
         has items 1-7)\n"
    ));
}

#[test]
fn the_example_training_meets_icrc_peer_recovery_and_exits_0() {
    let out = peercomp()
        .args(["coverage", &training(), "--requirements", &icrc()])
        .assert()
        .success()
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with(
        "## IC&RC Peer Recovery (PR)\n\nPeer Recovery Specialist Training, mapped to peer-worker, meets every requirement of IC&RC Peer Recovery (PR).\n"
    ) || text.starts_with("Peer Recovery Specialist Training, mapped to peer-worker, meets every requirement"), "{text}");
    assert!(out.stderr.is_empty());
    let json: Value = serde_json::from_slice(
        &peercomp()
            .args(["coverage", &training(), "-r", &icrc(), "--json"])
            .assert()
            .success()
            .get_output()
            .stdout,
    )
    .unwrap();
    assert_eq!(json["met"], true);
    assert_eq!(json["total"]["required"], 46.0);
    assert_eq!(json["total"]["planned"], 46.0);
    assert_eq!(json["curriculum_hours"], 48.0, "2 hours of M8 are in no domain");
    let planned: Vec<(&str, f64)> = json["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["group"].as_str().unwrap(), r["hours"]["planned"].as_f64().unwrap()))
        .collect();
    assert_eq!(planned, [("icrc:1", 10.0), ("icrc:2", 16.0), ("icrc:3", 10.0), ("icrc:4", 10.0)]);
}

#[test]
fn the_variant_4_hours_short_in_ethical_responsibility_says_exactly_that_and_exits_1() {
    let out = peercomp()
        .args(["coverage", &short_training(), "--requirements", &icrc()])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.replace('\n', " ").contains(
            "does not meet IC&RC Peer Recovery (PR): IC&RC Domain 2: Ethical Responsibility \
             short by 4 hours; total short by 4 hours."
        ),
        "{text}"
    );
    let rows: Vec<&str> =
        text.lines().filter(|l| l.contains("│") && l.contains("short by")).collect();
    assert_eq!(rows.len(), 2, "the icrc:2 row and the total row: {text}");
    assert!(rows[0].contains("icrc:2") && rows[0].contains("16") && rows[0].contains("12"));
    assert!(rows[1].contains("total") && rows[1].contains("46") && rows[1].contains("42"));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "IC&RC Peer Recovery (PR) not met: icrc:2 short by 4 hours; total short by 4 hours\n"
    );
    // The same in every format, for a curriculum repository's CI.
    let csv = peercomp()
        .args(["coverage", &short_training(), "-r", &icrc(), "--format", "csv"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.contains("\nicrc:2,IC&RC Domain 2: Ethical Responsibility,16,12,4,0,0,,,false\n"));
    assert!(csv.ends_with("\ntotal,\"the groups together, each hour once\",46,42,4,,,,,false\n"));
    let jsonl = peercomp()
        .args(["coverage", &short_training(), "-r", &icrc(), "--format", "jsonl"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let lines: Vec<Value> = jsonl
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(
        (lines[0]["kind"].as_str(), lines[0]["met"].as_bool()),
        (Some("summary"), Some(false))
    );
    assert_eq!(lines[2]["hours"]["short"], 4.0);
    let md = peercomp()
        .args(["coverage", &short_training(), "-r", &icrc(), "--format", "markdown"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(md).unwrap().contains("| **short by 4 hours** |"));
}

#[test]
fn short_rows_stand_out_in_colour_on_request_and_never_in_a_pipe_by_default() {
    let args = ["coverage", &short_training(), "-r", &icrc()];
    let plain = peercomp().args(args).env_remove("CLICOLOR_FORCE").output().unwrap().stdout;
    assert!(!String::from_utf8(plain).unwrap().contains('\u{1b}'));
    let coloured = peercomp().args(args).arg("--color=always").output().unwrap().stdout;
    let coloured = String::from_utf8(coloured).unwrap();
    let row = coloured.lines().find(|l| l.contains("icrc:2")).unwrap();
    assert!(row.contains("\u{1b}[") && row.contains("short by 4 hours"), "{row:?}");
    let met = coloured.lines().find(|l| l.contains("icrc:1")).unwrap();
    assert!(!met.contains('\u{1b}'), "{met:?}");
}

#[test]
fn a_requirement_may_ask_a_share_of_items_and_groups_may_be_schemes_or_categories() {
    let (_dir, req) = scratch(
        "r.yaml",
        "credential: Made up\nsource: this test\nrequirements:\n  - group: icrc\n    hours: 40\n  - group: \"6.*\"\n    label: Resources\n    items_percent: 100\n  - group: icrc:3\n    items_percent: 50\n",
    );
    let json: Value = serde_json::from_slice(
        &peercomp()
            .args(["coverage", &training(), "-r", &req, "--json"])
            .assert()
            .code(1)
            .get_output()
            .stdout,
    )
    .unwrap();
    let r = &json["requirements"];
    assert_eq!(r[0]["label"], "IC&RC Peer Recovery exam domains", "a whole scheme: {r}");
    assert_eq!(r[0]["hours"]["planned"], 46.0, "its codes' hours too (icrc:2)");
    assert_eq!(r[0]["met"], true);
    assert_eq!((r[1]["label"].as_str(), r[1]["items"].as_u64()), (Some("Resources"), Some(11)));
    assert_eq!((r[1]["covered"].as_u64(), r[1]["met"].as_bool()), (Some(3), Some(false)));
    assert_eq!((r[2]["percent"].as_f64(), r[2]["met"].as_bool()), (Some(100.0), Some(true)));
    assert!(json["total"].is_null());
}

#[test]
fn requirements_files_are_checked_like_the_other_files() {
    let (_dir, req) = scratch(
        "r.yaml",
        "credential: X\nsource: Y\nhours: -1\nrequirements:\n  - group: icrc:1\n    hours: 10\n  - group: icrc:1\n    hours: 2\n  - group: icrc:3\n  - group: icrc:4\n    items_percent: 120\n",
    );
    peercomp().args(["coverage", &training(), "-r", &req]).assert().code(1).stderr(format!(
        "error: {req}:3:8: hours must be a number from 0 to 100000\n\
         error: {req}:7:12: the group 'icrc:1' is required twice (first at 5:12)\n\
         error: {req}:9:12: icrc:3 asks for nothing: give its minimum hours, items_percent or both\n\
         error: {req}:11:20: icrc:4: items_percent must be a percentage from 0 to 100\n"
    ));
    let (_d2, shape) =
        scratch("r.yaml", "credential: X\nrequirements:\n  - grop: icrc:1\n    hours: ten\n");
    peercomp().args(["coverage", &training(), "-r", &shape]).assert().code(1).stderr(format!(
        "error: {shape}:1:1: missing field `source`\n\
         error: {shape}:3:5: unknown field `grop`, did you mean `group`?\n\
         error: {shape}:3:5: missing field `group`\n\
         error: {shape}:4:12: expected a number, found text\n"
    ));
    let (_d3, groups) = scratch(
        "r.yaml",
        "credential: X\nsource: Y\nrequirements:\n  - group: icrc:9\n    hours: 1\n  - group: icrc:2\n    items_percent: 50\n",
    );
    peercomp().args(["coverage", &training(), "-r", &groups]).assert().code(1).stderr(format!(
        "error: {groups}:4:12: requirement 1: 'icrc:9' matches nothing: unknown tag (known: icrc:1, icrc:2, icrc:3, icrc:4)\n\
         error: {groups}:6:12: requirement 2: 'icrc:2' matches nothing: no entry counted is in it, so it has no share of items to require: require its hours alone\n"
    ));
    let (_d4, other) = scratch(
        "r.yaml",
        "credential: X\nsource: Y\nframework: agency\nrequirements:\n  - group: icrc:1\n    hours: 1\n",
    );
    peercomp().args(["coverage", &training(), "-r", &other]).assert().code(1).stderr(
        "error: the requirements are of framework 'agency', the curriculum maps to \
         'peer-worker': both must name the same\n",
    );
    let (_d5, empty) = scratch("r.yaml", "\n");
    peercomp().args(["coverage", &training(), "-r", &empty]).assert().code(1).stderr(format!(
        "error: {empty}: empty file: requirements need at least `credential`, `source` and \
         `requirements`\n"
    ));
    peercomp().args(["coverage", &training(), "-r", &icrc(), "--by", "icrc"]).assert().code(2);
}

#[test]
fn each_file_kind_has_its_schema_and_the_examples_follow_it() {
    let yaml = |file: &str| -> Value {
        serde_saphyr::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()
    };
    for (kind, committed, examples) in [
        (
            "curriculum",
            "examples/curriculum/curriculum.schema.json",
            vec![
                training(),
                short_training(),
                path("examples/curriculum/forensic-peer-training.yaml"),
            ],
        ),
        ("requirements", "examples/requirements/requirements.schema.json", vec![icrc()]),
        (
            "alignment",
            "examples/alignment/alignment.schema.json",
            vec![
                path("examples/alignment/state-cprs-peer-worker.yaml"),
                path("examples/alignment/agency-peer-worker.yaml"),
            ],
        ),
    ] {
        let out = peercomp()
            .args(["schema", "--kind", kind])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert!(
            std::fs::read(path(committed)).unwrap() == out,
            "{committed} is stale: run peercomp schema --kind {kind} > {committed}"
        );
        let schema: Value = serde_json::from_slice(&out).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        for example in examples {
            let errors: Vec<String> =
                validator.iter_errors(&yaml(&example)).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{example}: {errors:?}");
        }
        // And what the schema refuses, the reader refuses.
        let wrong: Value = serde_json::json!({"curriculum": "T", "credential": "C"});
        assert!(!validator.is_valid(&wrong), "{kind}");
    }
}

#[test]
fn validate_knows_a_curriculum_and_requirements_by_their_first_key() {
    peercomp()
        .args(["validate", &training(), &short_training(), &icrc()])
        .assert()
        .success()
        .stderr("no problems in 3 files\n");
    let (_dir, bad) = scratch(
        "r.json",
        "{\"credential\": \"X\", \"source\": \"Y\", \"requirements\": [{\"group\": \"icrc:1\", \"hours\": -2}]}",
    );
    peercomp()
        .args(["validate", &bad])
        .assert()
        .code(1)
        .stdout(format!("{bad}:1:82: icrc:1: hours must be a number from 0 to 100000\n"));
    // Pretty-printed JSON opens with `{` on a line of its own; the first key is on the next.
    let (_dir, pretty) = scratch(
        "c.json",
        "{\n  \"curriculum\": \"T\",\n  \"framework\": \"peer-worker\",\n  \"modules\": []\n}\n",
    );
    peercomp()
        .args(["validate", &pretty])
        .assert()
        .code(1)
        .stdout(predicates::str::contains("the curriculum has no modules"));
}

#[test]
fn hours_say_where_they_went_and_their_parts_add_up() {
    // Five modules, 46 hours; M5 covers category 2, where five items carry no IC&RC domain.
    let (_dir, file) = scratch(
        "five.yaml",
        "curriculum: Five modules\nframework: peer-worker\nmodules:\n  \
         - {id: M1, title: Advocacy, hours: 10, covers: [\"icrc:1\"]}\n  \
         - {id: M2, title: Ethics, hours: 16, covers: [\"icrc:2\"]}\n  \
         - {id: M3, title: Mentoring, hours: 10, covers: [\"icrc:3\"]}\n  \
         - {id: M4, title: Recovery, hours: 5, covers: [\"icrc:4\"]}\n  \
         - {id: M5, title: Wellness, hours: 5, covers: [\"2.*\"]}\n",
    );
    // Per category: the categories and the rest add up to the 46 hours, and the rest is said.
    let out = peercomp().args(["coverage", &file, "--json"]).output().unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let categories: f64 =
        report["groups"].as_array().unwrap().iter().map(|g| g["hours"].as_f64().unwrap()).sum();
    let rest: f64 =
        report["elsewhere"].as_array().unwrap().iter().map(|e| e["hours"].as_f64().unwrap()).sum();
    assert_eq!(report["elsewhere"], serde_json::json!([{"what": "icrc:2", "hours": 16.0}]));
    assert!(((categories + rest) * 100.0).round() == 4600.0, "{categories} + {rest}");
    let table = peercomp().args(["coverage", &file]).output().unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(
        table.contains(
            "The other hours of the 46: 16 on icrc:2 (a code no entry carries, taught as such)."
        ),
        "{table}"
    );
    // Against the requirements: the groups' hours add up to the total, and M5's hours on what
    // no requirement counts are named, with the way to spend them where they count.
    let out = peercomp().args(["coverage", &file, "-r", &icrc(), "--json"]).output().unwrap();
    let check: Value = serde_json::from_slice(&out.stdout).unwrap();
    let parts: f64 = check["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["planned_hours"].as_f64().unwrap())
        .sum();
    let total = check["total"]["planned"].as_f64().unwrap();
    assert_eq!((parts * 100.0).round(), (total * 100.0).round(), "{check:#}");
    assert_eq!(total, 42.88);
    let warnings = check["warnings"].as_array().unwrap();
    assert!(
        warnings.iter().any(|w| w.as_str().unwrap().starts_with(
            "module M5 gives 3.12 hours of its 5 hours to 2.1, 2.2, 2.3, 2.4, 2.5, which no requirement counts"
        )),
        "{warnings:?}"
    );
}

#[test]
fn hours_past_the_stated_maximum_are_refused_at_their_place() {
    // Two modules of 1e308 hours once planned "null" hours and met the requirement; 1e308
    // required was "short by inf hours".
    let (_d, curriculum) = scratch(
        "huge.yaml",
        "curriculum: C\nmodules:\n  - {id: M1, title: A, hours: 1e308, covers: [\"1.1\"]}\n  - {id: M2, title: B, hours: 1e308, covers: [\"1.2\"]}\n",
    );
    let out = peercomp().args(["coverage", &curriculum]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        said,
        format!(
            "error: {curriculum}:3:31: module 'M1': hours must be a number from 0 to 100000\n\
             error: {curriculum}:4:31: module 'M2': hours must be a number from 0 to 100000\n"
        )
    );
    let (_e, required) = scratch(
        "huge-req.yaml",
        "credential: C\nsource: s\nhours: 1e308\nrequirements:\n  - {group: icrc:1, hours: 10}\n",
    );
    let out = peercomp().args(["validate", &required]).output().unwrap();
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains(":3:8: hours must be a number from 0 to 100000")
    );
}
