//! What users see: every command and format through the built binary.

use std::io::Read;
use std::process::Stdio;

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use serde_json::{Value, json};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cli/fixtures");

/// The binary with a fixed table width and no inherited terminal settings.
fn peercomp() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("peercomp");
    cmd.env_remove("COLUMNS").env("COLUMNS", "100");
    cmd
}

fn stdout_of(args: &[&str]) -> String {
    let out = peercomp().args(args).assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

fn json_of(args: &[&str]) -> Value {
    serde_json::from_str(&stdout_of(args)).unwrap()
}

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

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
fn list_table_is_pinned() {
    insta::assert_snapshot!("list_icrc_4_table", stdout_of(&["list", "--tag", "icrc:4"]));
}

#[test]
fn show_json_is_pinned() {
    insta::assert_snapshot!("show_11_14_json", stdout_of(&["show", "11.14", "--json"]));
}

#[test]
fn list_json_keeps_the_contract() {
    let rows = json_of(&["list", "--tag", "icrc:1", "--format", "json"]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 10);
    let six_eight = rows.iter().find(|r| r["id"] == "6.8").unwrap();
    assert_eq!(
        six_eight,
        &json!({"framework": "peer-worker", "id": "6.8", "parent": null,
         "category": {"id": "6", "title": "Links to resources, services, and supports"},
         "title": null,
         "text": "Collaborates with individual to identify, link, and coordinate choices with resources",
         "tags": [{"tag": "icrc:1", "scheme": "icrc", "code": "1", "label": "IC&RC Domain 1: Advocacy",
                   "as_written": "RC Domain 1: Advocacy", "inferred": false}],
         "notes": ["The source reads 'RC Domain 1', a typo for ICRC Domain 1."]})
    );
    let samhsa = &json_of(&["list", "--grep", "Initiates contact", "--json"])[0];
    assert_eq!(
        samhsa["tags"][0],
        json!({"tag": "samhsa", "scheme": "samhsa", "code": null, "label": "SAMHSA core competencies",
               "as_written": null, "inferred": true})
    );
    let sub = &json_of(&["list", "--tag", "icrc:4", "--json"])[11];
    assert_eq!((sub["id"].as_str(), sub["parent"].as_str()), (Some("8.1.1"), Some("8.1")));
}

#[test]
fn json_is_the_same_with_the_short_flag_and_in_lines() {
    let long = json_of(&["list", "--tag", "rfc", "--format", "json"]);
    assert_eq!(json_of(&["list", "--tag", "rfc", "--json"]), long);
    let lines = stdout_of(&["list", "--tag", "rfc", "--format", "jsonl"]);
    let parsed: Vec<Value> = lines.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(Value::Array(parsed), long);
}

#[test]
fn csv_has_a_header_and_a_row_per_entry() {
    let text = stdout_of(&["list", "--tag", "icrc:4", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "framework",
            "id",
            "parent",
            "category",
            "category_title",
            "title",
            "text",
            "tags",
            "as_written",
            "inferred",
            "notes",
            "text_as_written"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 13);
    let sub = rows.iter().find(|r| &r[1] == "8.1.1").unwrap();
    assert_eq!(&sub[2], "8.1");
    assert_eq!(&sub[7], "icrc:4");
    assert_eq!(&sub[8], "ICRC Domain 4: Recovery/Wellness Support");
    assert_eq!(&sub[9], "false");
    // Commas and quotes in texts survive.
    let text = stdout_of(&["list", "--grep", "I am the evidence", "--format", "csv"]);
    let row = csv::Reader::from_reader(text.as_bytes()).records().next().unwrap().unwrap();
    assert_eq!(&row[6], "Understands the meaning of the statement, “I am the evidence that...\"");
}

#[test]
fn markdown_is_a_table_with_escaped_cells() {
    let text = stdout_of(&["list", "--category", "1", "--format", "markdown"]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("| ID") && lines[0].contains("| TEXT") && lines[0].ends_with('|'));
    assert!(lines[1].starts_with("|--") || lines[1].starts_with("|-"), "{}", lines[1]);
    assert_eq!(lines.iter().filter(|l| l.starts_with("| 1.")).count(), 10);
    assert!(text.contains("\\* inferred"), "the legend is escaped Markdown");
    let shown = stdout_of(&["show", "6.8", "--format", "markdown"]);
    assert!(shown.starts_with("## 6.8 Collaborates with individual"));
    assert!(
        shown.contains("`icrc:1` IC&RC Domain 1: Advocacy (as written: \"RC Domain 1: Advocacy\")")
    );
}

#[test]
fn tables_wrap_to_the_width_and_mark_inferred_tags() {
    let text = peercomp().env("COLUMNS", "60").args(["list", "--category", "1"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let widest = text.lines().filter(|l| l.starts_with('│')).map(|l| l.chars().count()).max();
    assert!(widest.unwrap() <= 60, "{text}");
    assert!(text.contains("rfc:6*"));
    // The legend under it wraps to the width too.
    let legend = "* inferred: not printed in the source (peercomp show ID says why)";
    assert!(text.replace('\n', " ").contains(legend), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 60), "{text}");
}

#[test]
fn tables_are_not_wrapped_in_a_pipe_without_columns() {
    let out = cargo_bin_cmd!("peercomp")
        .env_remove("COLUMNS")
        .args(["list", "--category", "11"])
        .output();
    let text = String::from_utf8(out.unwrap().stdout).unwrap();
    let line = text.lines().find(|l| l.contains("11.14.4")).unwrap();
    assert!(line.contains("perceived low motivation for change"), "one line per row: {line}");
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
fn an_empty_result_is_a_success() {
    peercomp()
        .args(["list", "--grep", "no such words"])
        .assert()
        .success()
        .stdout("")
        .stderr("no entries match\n");
    peercomp()
        .args(["list", "--tag", "icrc:2", "--json"])
        .assert()
        .success()
        .stdout("[]\n")
        .stderr("");
    peercomp().args(["list", "--tag", "icrc:2", "--format", "jsonl"]).assert().success().stdout("");
    peercomp()
        .args(["list", "--tag", "icrc:2", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("framework,id,"))
        .stdout(predicate::function(|s: &str| s.lines().count() == 1));
}

#[test]
fn unknown_tags_and_categories_exit_2_naming_the_known_ones() {
    peercomp()
        .args(["list", "--tag", "icrc:7"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("unknown tag 'icrc:7' (known: icrc:1 Advocacy, icrc:2"));
    peercomp()
        .args(["list", "--tag", "foo"])
        .assert()
        .code(2)
        .stderr("error: unknown tag scheme 'foo' (known schemes: samhsa, icrc, rfc, sfu)\n");
    peercomp()
        .args(["list", "--category", "13", "--framework", "peer-worker"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown category '13' (categories are 1-12)"));
    peercomp().args(["list", "--category", "13"]).assert().code(2).stderr(
        predicate::str::contains(
            "unknown category '13' (peer-worker categories are 1-12; agency categories are \
         competencies, culture, integration, foundation, policy, workforce, peer-leadership, \
         research, factors, principles)",
        ),
    );
    peercomp()
        .args(["list", "--tag", "icrc:"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected SCHEME or SCHEME:CODE"));
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
fn usage_errors_exit_2() {
    peercomp().args(["list", "--json", "--format", "csv"]).assert().code(2);
    peercomp().args(["list", "--format", "xml"]).assert().code(2);
    peercomp().args(["show"]).assert().code(2);
    peercomp().args(["frobnicate"]).assert().code(2);
}

#[test]
fn a_closed_pipe_is_a_quiet_success() {
    // Enough output to fill the pipe, read a little, then close it.
    let ids: Vec<String> = (0..3000).map(|_| "11.14".to_owned()).collect();
    for format in ["table", "json", "jsonl", "csv", "markdown"] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("peercomp"))
            .arg("show")
            .args(&ids)
            .args(["--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 64];
        child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{format}: {:?}", out.status);
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{format}");
    }
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
fn data_loads_a_framework_file_instead() {
    for file in ["mini.yaml", "mini.json"] {
        let path = fixture(file);
        let rows = json_of(&["--data", &path, "list", "--json"]);
        let ids: Vec<&str> =
            rows.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["L.1", "L.1.1", "L.2", "P.1"], "{file}");
        assert_eq!(rows[3]["title"], "Goals");
        assert_eq!(rows[3]["tags"][0]["label"], "Core B: Planning");
        // The flag goes anywhere on the line.
        let after = json_of(&["list", "--tag", "core:a", "--json", "--data", &path]);
        assert_eq!(after.as_array().unwrap().len(), 1);
    }
    // YAML and JSON are one model: the same rows but for the framework id.
    let yaml = stdout_of(&["--data", &fixture("mini.yaml"), "list", "--json"]);
    let json = stdout_of(&["--data", &fixture("mini.json"), "list", "--json"]);
    assert_eq!(yaml.replace("\"mini\"", "\"mini-json\""), json);
    // Both at once: a column says which framework a row is from.
    let table =
        stdout_of(&["--data", &fixture("mini.yaml"), "--data", &fixture("mini.json"), "list"]);
    assert!(table.contains("FRAMEWORK") && table.contains("mini-json"));
}

#[test]
fn bad_framework_files_are_clear_errors() {
    let before = std::fs::read(fixture("invalid.yaml")).unwrap();
    let invalid = fixture("invalid.yaml");
    peercomp().args(["--data", &invalid, "list"]).assert().code(1).stdout("").stderr(format!(
        "error: {invalid}:16:22: unknown tag 'core:z' (known: core:a)\n\
         error: {invalid}:17:13: item numbering repeats: expected X.2, found X.1\n\
         error: {invalid}:17:13: id 'X.1' is used twice (first at 14:13)\n\
         error: {invalid}:19:13: item numbering skips: expected X.2, found X.3\n\
         error: {invalid}:20:15: entry 'X.3' has an empty text\n"
    ));
    assert_eq!(std::fs::read(fixture("invalid.yaml")).unwrap(), before, "the file is untouched");
    let syntax = fixture("syntax.yaml");
    peercomp().args(["--data", &syntax, "list"]).assert().code(1).stderr(format!(
        "error: {syntax}:7:9: missing field `text` in 'X.1'\n\
         error: {syntax}:8:9: unknown field `txt`, did you mean `text`?\n"
    ));
    peercomp()
        .args(["--data", &fixture("missing.yaml"), "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("missing.yaml: cannot read:"));
    peercomp()
        .args(["--data", &format!("{FIXTURES}/../commands.rs"), "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "expected a name ending in .yaml, .yml, .json, .csv or .xlsx",
        ));
    let mini = fixture("mini.yaml");
    peercomp().args(["--data", &mini, "--data", &mini, "list"]).assert().code(1).stderr(format!(
        "error: {mini}:2:5: framework 'mini' is loaded twice: {mini} holds it too\n"
    ));
}

#[test]
fn crosswalk_tables_are_pinned() {
    insta::assert_snapshot!("crosswalk_icrc_table", stdout_of(&["crosswalk"]));
    insta::assert_snapshot!(
        "crosswalk_rfc_transposed_ids",
        stdout_of(&["crosswalk", "--by", "rfc", "--transpose", "--ids"])
    );
}

#[test]
fn crosswalk_table_sets_totals_apart_and_marks_empty_cells() {
    let text = stdout_of(&["crosswalk"]);
    let lines: Vec<&str> = text.lines().collect();
    let rules = lines.iter().filter(|l| l.starts_with('╞')).count();
    assert_eq!(rules, 2, "a rule under the header and one above the totals:\n{text}");
    let total = lines[lines.len() - 2];
    assert!(
        total.starts_with("│ Total") && total.contains(" 10 ") && total.contains(" 32 "),
        "{total}"
    );
    let twelve = lines.iter().find(|l| l.contains("12 Promotes growth")).unwrap();
    assert_eq!(twelve.matches('·').count(), 4, "{twelve}");
    assert!(text.contains("Advocacy") && text.contains("Ethical"), "headers name the domains");
}

#[test]
fn crosswalk_json_keeps_its_shape() {
    let cw = json_of(&["crosswalk", "--json"]);
    assert_eq!(cw["framework"], "peer-worker");
    assert_eq!(cw["by"], "icrc");
    assert_eq!(cw["columns"][0], json!({"tag": "icrc:1", "label": "IC&RC Domain 1: Advocacy"}));
    assert_eq!(
        cw["rows"][0]["cells"],
        json!({"icrc:1": ["1.8"], "icrc:2": [], "icrc:3": ["1.6", "1.7"], "icrc:4": []})
    );
    assert_eq!(
        cw["rows"][0]["category"],
        json!({"id": "1", "title": "Engages peers in collaborative and caring relationships"})
    );
    assert_eq!(cw["totals"], json!({"icrc:1": 10, "icrc:2": 0, "icrc:3": 9, "icrc:4": 13}));
    let keys: Vec<&str> = cw["totals"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["icrc:1", "icrc:2", "icrc:3", "icrc:4"]);
    let written = json_of(&["crosswalk", "--as-written", "--json"]);
    assert_eq!(written["totals"]["icrc:1"], 9);
    // Layout flags do not change the JSON.
    assert_eq!(json_of(&["crosswalk", "--json", "--transpose", "--ids"]), cw);
    let rfc = json_of(&["crosswalk", "--by", "rfc", "--json"]);
    assert_eq!(rfc["rows"][5]["cells"]["rfc:3"], json!(["6.9"]));
    assert_eq!(rfc["rows"][5]["cells"]["rfc:4"], json!(["6.10"]));
    assert_eq!(rfc["rows"][5]["cells"]["rfc:5"], json!(["6.11"]));
    assert_eq!(rfc["columns"].as_array().unwrap().len(), 10);
}

#[test]
fn crosswalk_csv_and_markdown() {
    let csv = stdout_of(&["crosswalk", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "category,title,icrc:1,icrc:2,icrc:3,icrc:4");
    assert_eq!(lines[1], "1,Engages peers in collaborative and caring relationships,1,0,2,0");
    assert_eq!(lines.len(), 13);
    let ids = stdout_of(&["crosswalk", "--format", "csv", "--ids", "--transpose"]);
    assert!(ids.starts_with("tag,label,1,2,3,4,5,6,7,8,9,10,11,12\n"));
    assert!(ids.contains(
        "icrc:1,IC&RC Domain 1: Advocacy,1.8,,,4.5,,6.8,7.9,,9.1,,11.8 11.9 11.10 11.11 11.12,\n"
    ));
    let md = stdout_of(&["crosswalk", "--by", "rfc", "--format", "markdown"]);
    assert!(md.lines().next().unwrap().starts_with("| CATEGORY"));
    assert!(md.contains("rfc:3<br>Addresses<br>barriers to<br>housing"));
    // The totals close the table; the legend of the names taken from statements follows.
    let last_row = md.lines().rfind(|l| l.starts_with('|')).unwrap();
    assert!(last_row.starts_with("| Total"), "{md}");
    assert!(md.lines().last().unwrap().starts_with("† named after the statement"), "{md}");
}

#[test]
fn crosswalk_usage_errors() {
    peercomp()
        .args(["crosswalk", "--by", "nope"])
        .assert()
        .code(2)
        .stderr("error: unknown tag scheme 'nope' (known schemes: samhsa, icrc, rfc)\n");
    peercomp()
        .args(["crosswalk", "--framework", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown framework 'nope' (loaded: peer-worker, agency)"));
}

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

#[test]
fn a_narrow_terminal_gets_codes_in_the_headings_and_a_legend() {
    let out = peercomp().env("COLUMNS", "70").args(["crosswalk", "--by", "rfc"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let table: Vec<&str> = text.lines().filter(|l| !l.starts_with("rfc:")).collect();
    assert!(table.iter().all(|l| l.chars().count() <= 70), "{text}");
    assert!(
        table[1].starts_with("│ CATEGORY \\ rfc") && table[1].contains("┆ 10 ┆"),
        "{}",
        table[1]
    );
    assert_eq!(table.iter().filter(|l| l.starts_with('╞')).count(), 2, "totals still set apart");
    let legend: Vec<&str> = text.lines().filter(|l| l.starts_with("rfc:")).collect();
    assert_eq!(legend.len(), 10);
    assert_eq!(legend[2], "rfc:3  RFC Best Practice 3: Addresses barriers to housing†");
    // A wide terminal names the practices in the headings instead.
    let wide =
        peercomp().env("COLUMNS", "250").args(["crosswalk", "--by", "rfc"]).output().unwrap();
    let wide = String::from_utf8(wide.stdout).unwrap();
    assert!(wide.contains("Addresses") && !wide.lines().any(|l| l.starts_with("rfc:")));
}

#[test]
fn the_agency_factors_with_their_names() {
    let out = peercomp()
        .env("COLUMNS", "300")
        .args(["list", "--framework", "agency", "--category", "factors"])
        .output();
    let text = String::from_utf8(out.unwrap().stdout).unwrap();
    assert!(text.lines().nth(1).unwrap().contains("TITLE"));
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("│ factors.")).collect();
    assert_eq!(rows.len(), 13);
    assert!(
        rows[8].contains("Workload management")
            && rows[8].contains("The tasks and responsibilities")
    );
    let rows = json_of(&["list", "--framework", "agency", "--category", "factors", "--json"]);
    assert_eq!(rows[8]["title"], "Workload management");
    assert_eq!(rows[8]["tags"][0]["tag"], "sfu");
    assert_eq!(rows[8]["category"]["id"], "factors");
}

#[test]
fn an_agency_review_checklist() {
    let text = stdout_of(&["list", "--framework", "agency", "--format", "markdown", "--checklist"]);
    assert_eq!(text.lines().filter(|l| l.starts_with("- [ ] ")).count(), 79);
    // A title, then a numbered heading per category.
    assert!(text.starts_with("# Checklist, agency\n"), "{text}");
    let headings: Vec<&str> = text.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(headings.len(), 10);
    assert_eq!(headings[0], "## 1. Core competencies all organizations must possess");
    assert_eq!(headings[9], "## 10. Core principles and values of peer-provided services");
    // Each line with its tags, inferred ones marked, the legend at the end.
    assert!(
        text.contains("- [ ] factors.9 **Workload management**: The tasks and responsibilities")
    );
    assert!(text.contains("- [ ] competencies.11 An open learning environment\n"));
    assert!(text.contains("`samhsa*`\n") && text.contains("`sfu`\n"));
    assert!(text.trim_end().ends_with("(peercomp show ID says why)"));
    // --checklist alone means Markdown; for programs, its entries in their format.
    assert_eq!(stdout_of(&["list", "--framework", "agency", "--checklist"]), text);
    let csv = stdout_of(&["list", "--framework", "agency", "--checklist", "--format", "csv"]);
    assert_eq!(csv, stdout_of(&["list", "--framework", "agency", "--format", "csv"]));
    let json = stdout_of(&["list", "--framework", "agency", "--checklist", "--format", "json"]);
    assert_eq!(serde_json::from_str::<Value>(&json).unwrap().as_array().unwrap().len(), 79);
    // Sub-items sit under their item; several frameworks get a heading each.
    let nested = stdout_of(&["list", "--category", "8", "--checklist"]);
    assert!(nested.contains("- [ ] 8.1 Recognizes signs of distress and threats to safety among peers and in their environments `samhsa*`\n  - [ ] 8.1.1 Recognizes signs of distress `icrc:4`\n"));
    let both = stdout_of(&["list", "--grep", "recovery-oriented", "--checklist"]);
    assert!(
        both.starts_with("# Entries containing \"recovery-oriented\", peer-worker, agency\n\n## Peer Support Core Competencies\n"),
        "{both}"
    );
    assert!(
        both.contains("\n## Core Competencies for Agencies that Employ Peer Support Workers\n")
    );
    assert!(both.contains("\n### 9. Values communication\n"));
}

/// The heading levels of a Markdown text, in order.
fn heading_levels(text: &str) -> Vec<usize> {
    text.lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| l.chars().take_while(|c| *c == '#').count())
        .collect()
}

#[test]
fn a_checklist_says_what_was_asked_and_its_headings_never_skip_a_level() {
    let domain = stdout_of(&["list", "--tag", "icrc:4", "--checklist"]);
    assert!(
        domain.starts_with("# IC&RC Domain 4: Recovery/Wellness Support, peer-worker\n"),
        "{domain}"
    );
    assert!(domain.contains("\n## 2. Provides support\n"));
    assert!(
        domain
            .contains("- [ ] 2.7 Assists the individual in identifying support systems `icrc:4`\n")
    );
    let asked = [
        &["list", "--tag", "icrc:4", "--checklist"][..],
        &["list", "--checklist"],
        &["list", "--grep", "recovery-oriented", "--checklist"],
        &["list", "--checklist", "--by", "icrc", "--tag", "icrc"],
        &["list", "--framework", "agency", "--checklist", "--category", "factors,principles"],
    ];
    for args in asked {
        let levels = heading_levels(&stdout_of(args));
        assert_eq!(levels[0], 1, "{args:?}");
        assert_eq!(levels.iter().filter(|l| **l == 1).count(), 1, "{args:?}: one title");
        assert!(levels.windows(2).all(|w| w[1] <= w[0] + 1), "{args:?}: {levels:?}");
    }
    let two =
        stdout_of(&["list", "--framework", "agency", "--checklist", "-c", "factors,principles"]);
    assert!(two.starts_with("# Agency policies and practices that address the 13 psychosocial risk factors at work; Core principles and values of peer-provided services, agency\n"), "{two}");
}

#[test]
fn a_checklist_by_icrc_domain_lists_each_domain_even_an_empty_one() {
    let text = stdout_of(&["list", "--checklist", "--by", "icrc", "--tag", "icrc"]);
    let headings: Vec<&str> = text.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(
        headings,
        [
            "# IC&RC Peer Recovery exam domains, peer-worker",
            "## IC&RC Domain 1: Advocacy",
            "## IC&RC Domain 2: Ethical Responsibility",
            "## IC&RC Domain 3: Mentoring and Education",
            "## IC&RC Domain 4: Recovery/Wellness Support",
        ]
    );
    assert!(
        text.contains("## IC&RC Domain 2: Ethical Responsibility\n\nNo entry here carries it.\n")
    );
    let domain_4 = text.split("## IC&RC Domain 4").nth(1).unwrap();
    assert_eq!(domain_4.lines().filter(|l| l.starts_with("- [ ] ")).count(), 13);
    // Without --tag, what carries no domain comes last under its own heading.
    let all = stdout_of(&["list", "--checklist", "--by", "icrc", "--framework", "peer-worker"]);
    assert!(all.contains("\n## No icrc tag\n"));
    peercomp().args(["list", "--by", "icrc"]).assert().code(2);
    peercomp()
        .args(["list", "--checklist", "--by", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown tag scheme 'nope'"));
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
fn queries_answer_alike_however_few_frameworks_they_parse() {
    // Only peer-worker has icrc tags, only agency a category 'factors': nothing matches, and
    // that is no error.
    peercomp()
        .args(["list", "--tag", "icrc:4", "--category", "factors"])
        .assert()
        .success()
        .stdout("")
        .stderr("no entries match\n");
    let both = json_of(&["show", "6.8", "factors.9", "--json"]);
    assert_eq!(
        (&both[0]["framework"], &both[1]["framework"]),
        (&json!("peer-worker"), &json!("agency"))
    );
    assert_eq!(json_of(&["list", "--tag", "sfu", "--json"]).as_array().unwrap().len(), 13);
    peercomp()
        .args(["crosswalk", "--framework", "agency", "--by", "icrc"])
        .assert()
        .code(2)
        .stderr("error: unknown tag scheme 'icrc' (known schemes: samhsa, sfu)\n");
}

#[test]
fn text_from_files_never_drives_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("escapes.yaml");
    // Clear screen, a window title (OSC 0), a link (OSC 8), a bell, an 8-bit CSI.
    let text = "id: esc\ntitle: \"Title \\e]0;pwned\\a\"\ncategories:\n  - id: \"1\"\n    title: \"One \\e]8;;http://x\\e\\\\link\\e]8;;\\e\\\\\"\n    entries:\n      - id: \"1.1\"\n        text: \"clear \\e[2J here \\x9b and \\x07\"\n";
    std::fs::write(&file, text).unwrap();
    let data = file.to_str().unwrap();
    for args in [
        vec!["list"],
        vec!["list", "--format", "markdown"],
        vec!["list", "--checklist"],
        vec!["show", "1.1"],
        vec!["show", "1.1", "--format", "markdown"],
        vec!["frameworks"],
        vec!["categories"],
    ] {
        let out = peercomp().args(["--data", data]).args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let raw = out.stdout.windows(2).any(|w| w[0] == 0x1b || w[0] == 0x07 || w == [0xc2, 0x9b]);
        assert!(
            !raw,
            "{args:?} wrote a control character: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    let shown = stdout_of(&["--data", data, "list"]);
    assert!(shown.contains(r"clear \e[2J here \x9b and \x07"), "{shown}");
    // On a real terminal (a pseudo-terminal, through util-linux's script) as in a pipe.
    if crate::tools("text_from_files_never_drives_the_terminal", &["script"]) {
        let command = format!("{} --data {data} list", env!("CARGO_BIN_EXE_peercomp"));
        let out = std::process::Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(!out.stdout.contains(&0x1b), "{}", String::from_utf8_lossy(&out.stdout));
        assert!(String::from_utf8_lossy(&out.stdout).contains(r"\e[2J"));
    }
    // JSON escapes them as JSON does.
    assert!(stdout_of(&["--data", data, "list", "--json"]).contains(r"clear \u001b[2J"));
    // Error messages too: an unknown field named with an escape.
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, text.replace("text: ", "te\\x1bxt: ").replace("te\\x1bxt", "\"te\\ext\""))
        .unwrap();
    let out = peercomp().args(["--data", bad.to_str().unwrap(), "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!out.stderr.contains(&0x1b), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains(r"unknown field `te\ext`"));
}

/// Runs a shell line with `$P` standing for peercomp: (status, stdout, stderr).
fn shell(line: &str) -> (Option<i32>, String, String) {
    let out = std::process::Command::new("bash")
        .args(["-c", line])
        .env("P", env!("CARGO_BIN_EXE_peercomp"))
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    (out.status.code(), text(out.stdout), text(out.stderr))
}

#[test]
fn exit_statuses_tell_the_truth_whatever_happens_to_the_output() {
    // A broken pipe ends output quietly, but the status is still the result's.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("many.yaml");
    let mut text = String::from(
        "id: many\ntitle: Many\ncategories:\n  - id: \"1\"\n    title: One\n    entries:\n",
    );
    for i in 1..=5_000 {
        text.push_str(&format!(
            "      - id: \"1.{i}\"\n        text: Item {i}\n        tags: [{{tag: \"nope:{i}\"}}]\n"
        ));
    }
    std::fs::write(&bad, text).unwrap();
    let bad = bad.display();
    let (code, out, err) = shell(&format!("set -o pipefail; \"$P\" validate {bad} | head -1"));
    assert_eq!(code, Some(1), "validate | head: {err}");
    assert_eq!(out.lines().count(), 1);
    assert!(!err.contains("panicked") && !err.contains("Broken pipe"), "{err}");
    let curriculum =
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/curriculum/forensic-peer-training.yaml");
    let (code, ..) = shell(&format!(
        "set -o pipefail; \"$P\" coverage {curriculum} --fail-under 90 --format csv | head -1"
    ));
    assert_eq!(code, Some(1), "an unmet --fail-under stays 1 through a pipe");
    let (code, _, err) = shell("set -o pipefail; \"$P\" list | head -1");
    assert_eq!((code, err.as_str()), (Some(0), ""), "a success stays 0, quietly");
    // A closed standard output is an error, not output lost with status 0.
    let (code, _, err) = shell("\"$P\" list >&-");
    assert_eq!(code, Some(1));
    assert!(err.contains("standard output is closed"), "{err}");
    // ... unless nothing goes to it.
    let written = dir.path().join("out.json");
    let (code, ..) = shell(&format!("\"$P\" export --to json -o {} >&-", written.display()));
    assert_eq!(code, Some(0));
    // An unwritable stderr or stdout: a failure, never a panic (101) or 0.
    let (code, ..) = shell("\"$P\" show 6.99 2>/dev/full");
    assert_eq!(code, Some(1));
    let (code, ..) = shell("\"$P\" list --grep zzzz 2>/dev/full");
    assert_eq!(code, Some(1), "the message could not be said");
    let (code, _, err) = shell("\"$P\" list >/dev/full");
    assert_eq!(code, Some(1));
    assert!(err.contains("No space left on device"), "{err}");
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
fn a_word_longer_than_the_terminal_is_broken_to_fit() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("word.yaml");
    let word = "w".repeat(200_000);
    let text = format!(
        "id: w\ntitle: W\ncategories:\n  - id: \"1\"\n    title: One\n    entries:\n      - id: \"1.1\"\n        text: {word}\n"
    );
    std::fs::write(&file, text).unwrap();
    let out = peercomp()
        .env("COLUMNS", "80")
        .args(["--data", file.to_str().unwrap(), "list"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let shown = String::from_utf8(out.stdout).unwrap();
    // Every line fits the terminal, and every letter is there.
    assert!(shown.lines().all(|l| l.chars().count() <= 80), "a line is wider than 80");
    assert_eq!(shown.matches('w').count(), 200_000);
}

#[test]
fn crosswalk_defaults_to_a_scheme_of_the_framework_asked_for() {
    // Once "unknown tag scheme 'icrc'": --by defaulted to icrc for every framework.
    let out = peercomp().args(["crosswalk", "--framework", "agency", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let crosswalk: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(crosswalk["by"], "samhsa");
    assert_eq!(crosswalk["total"], 44);
    // peer-worker's default is still its first scheme with codes.
    assert_eq!(json_of(&["crosswalk", "--json"])["by"], "icrc");
    // A framework with no scheme says so, with its name.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bare.yaml");
    std::fs::write(&file, "id: bare\ntitle: Bare\ncategories:\n  - id: \"1\"\n    title: One\n    entries:\n      - id: \"1.1\"\n        text: x\n").unwrap();
    peercomp()
        .args(["--data", file.to_str().unwrap(), "crosswalk"])
        .assert()
        .code(2)
        .stderr("error: framework 'bare' has no tag schemes to cross-walk by\n");
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
fn any_csv_can_begin_with_a_byte_order_mark() {
    for args in [&["list"][..], &["tags"], &["crosswalk"], &["overlaps"], &["show", "6.8"]] {
        let with = stdout_of(&[args, &["--format", "csv", "--bom"]].concat());
        let without = stdout_of(&[args, &["--format", "csv"]].concat());
        assert_eq!(with, format!("\u{feff}{without}"), "{args:?}");
    }
}

/// A command's table with no terminal width (a pipe, COLUMNS unset).
fn piped(args: &[&str]) -> String {
    let out = cargo_bin_cmd!("peercomp").env_remove("COLUMNS").args(args).output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn in_a_pipe_a_table_row_is_one_line_and_headings_are_whole() {
    // The agency's integration description holds line breaks: once three lines in a pipe.
    let categories = piped(&["categories"]);
    assert_eq!(categories.lines().count(), 3 + 1 + 12 + 10, "rules, header, a line per category");
    let line = categories.lines().find(|l| l.contains("integration")).unwrap();
    assert!(
        line.contains("SAMHSA has provided") && line.contains("lack of thoughtful prior planning")
    );
    // Headings whole, on one line: once cut with "…" and spread over four lines.
    let crosswalk = piped(&["crosswalk"]);
    assert!(!crosswalk.contains('…'));
    let header = crosswalk.lines().nth(1).unwrap();
    assert!(header.contains("icrc:4 Recovery/Wellness Support"), "{header}");
    assert_eq!(crosswalk.lines().count(), 3 + 1 + 12 + 1 + 1, "rules, header, rows, totals");
}

#[test]
fn a_narrow_terminal_gets_codes_and_ids_with_a_legend_before_a_broken_word() {
    // At 60 columns, crosswalk --by rfc once broke words ("CATEGOR/Y") over 91 lines.
    let out = peercomp().env("COLUMNS", "60").args(["crosswalk", "--by", "rfc"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().all(|l| !l.starts_with('│') || l.chars().count() <= 60), "{text}");
    assert!(text.contains("│ ID    ┆ 1 ┆ 2 ┆"), "{text}");
    assert!(text.contains("\n11  Promotes leadership and advocacy\n"));
    assert!(text.contains("\nrfc:6  RFC Best Practice 6: Inspires hope and change†\n"));
    // Every table line is a row of the table, a rule, or the totals: 16 lines, then the legends.
    assert_eq!(
        text.lines().filter(|l| l.starts_with(['│', '┌', '╞', '└'])).count(),
        3 + 1 + 12 + 1 + 1
    );
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
