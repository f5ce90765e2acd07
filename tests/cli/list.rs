//! `list` in every format: tables, JSON, CSV, Markdown, in a pipe and on a narrow terminal.

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use serde_json::{Value, json};

use crate::{json_of, peercomp, stdout_of};

#[test]
fn list_table_is_pinned() {
    insta::assert_snapshot!("list_icrc_4_table", stdout_of(&["list", "--tag", "icrc:4"]));
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
         "as_written": null,
         "notes": ["The source reads 'RC Domain 1', a typo for ICRC Domain 1."],
         "item_type": null, "code": null, "relations": []})
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
    assert_eq!(categories.lines().count(), 1 + 12 + 10, "header, a line per category");
    assert!(!categories.contains('│') && !categories.contains('─'), "no borders in a pipe");
    let line = categories.lines().find(|l| l.contains("integration")).unwrap();
    assert!(
        line.contains("SAMHSA has provided") && line.contains("lack of thoughtful prior planning")
    );
    // Headings whole, on one line: once cut with "…" and spread over four lines.
    let crosswalk = piped(&["crosswalk"]);
    assert!(!crosswalk.contains('…'));
    let header = crosswalk.lines().next().unwrap();
    assert!(header.contains("\ticrc:4 Recovery/Wellness Support\t"), "{header}");
    assert_eq!(crosswalk.lines().count(), 1 + 12 + 1, "header, rows, totals");
    // `| head -3` shows entries, their cells between tabs, unpadded; --format table keeps the
    // table's borders.
    let list = piped(&["list"]);
    let first: Vec<&str> = list.lines().take(3).collect();
    assert_eq!(first[0], "FRAMEWORK\tID\tTITLE\tTEXT\tTAGS");
    assert_eq!(first[1], "peer-worker\t1.1\t\tInitiates contact with peers\tsamhsa*");
    let table = piped(&["list", "--format", "table"]);
    assert!(table.starts_with("┌"), "{}", &table[..200]);
    let shown = piped(&["show", "6.8"]);
    assert!(shown.starts_with("id\t6.8\nframework\tpeer-worker\n"), "{shown}");
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

/// The keys of each object of a JSON array.
fn key_sets(rows: &serde_json::Value) -> Vec<Vec<String>> {
    let mut sets: Vec<Vec<String>> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_object().unwrap().keys().cloned().collect())
        .collect();
    sets.sort();
    sets.dedup();
    sets
}

#[test]
fn one_json_shape_per_row_kind_every_key_always_there() {
    // Once: `parent` absent from search's top-level rows, `as_written` on 7 of 211 list rows.
    const ENTRY: [&str; 12] = [
        "as_written",
        "category",
        "code",
        "framework",
        "id",
        "item_type",
        "notes",
        "parent",
        "relations",
        "tags",
        "text",
        "title",
    ];
    let mut entry: Vec<String> = ENTRY.iter().map(|k| (*k).to_owned()).collect();
    entry.sort();
    entry.dedup();
    let listed = json_of(&["list", "--json"]);
    assert_eq!(key_sets(&listed), [entry.clone()], "every list row");
    let shown = json_of(&["show", "6.8", "6.9", "factors.9", "--json"]);
    let mut show_keys = entry.clone();
    show_keys.extend(["inferred", "linked", "source", "subitems"].map(str::to_owned));
    show_keys.sort();
    assert_eq!(key_sets(&shown), [show_keys]);
    assert!(!shown[1]["subitems"].as_array().unwrap().is_empty(), "6.9 has sub-items");
    for row in shown.as_array().unwrap() {
        for sub in row["subitems"].as_array().unwrap() {
            let mut keys: Vec<String> = sub.as_object().unwrap().keys().cloned().collect();
            keys.sort();
            assert_eq!(keys, entry, "a sub-item is an entry row");
        }
    }
    // Entries and categories, sub-items and items: one shape per kind of hit.
    let found = json_of(&["search", "housing", "--json"]);
    let sets = key_sets(&found);
    assert_eq!(sets.len(), 1, "{sets:?}");
    let categories = json_of(&["search", "recovery", "--json", "--limit", "200"]);
    assert!(categories.as_array().unwrap().iter().any(|h| h["kind"] == "category"));
    assert_eq!(key_sets(&categories), sets, "a category hit has the entry hit's keys");
}
