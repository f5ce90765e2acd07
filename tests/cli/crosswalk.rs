//! Crosswalk matrices and overlaps, through the library, pinned cell by cell against the seed.

use peercomp::model::Framework;
use predicates::prelude::*;
use serde_json::{Value, json};

use crate::{json_of, peercomp, stdout_of};
use peercomp::query::{self, Crosswalk, ListFilter, OverlapKind, QueryError};

/// The embedded peer-worker framework alone.
fn frameworks() -> Vec<Framework> {
    query::select(peercomp::load::embedded().unwrap(), &["peer-worker".to_owned()]).unwrap()
}

/// Every non-empty cell as "category tag: ids".
fn cells(cw: &Crosswalk) -> Vec<String> {
    cw.rows
        .iter()
        .flat_map(|r| {
            r.cells
                .0
                .iter()
                .filter(|(_, ids)| !ids.is_empty())
                .map(|(tag, ids)| format!("{} {tag}: {}", r.category.id, ids.join(" ")))
        })
        .collect()
}

#[test]
fn the_icrc_matrix_cell_by_cell() {
    let f = frameworks();
    let cw = query::crosswalk(&f, "peer-worker", "icrc", false).unwrap();
    let tags: Vec<&str> = cw.columns.iter().map(|c| c.tag.as_str()).collect();
    assert_eq!(tags, ["icrc:1", "icrc:2", "icrc:3", "icrc:4"]);
    assert_eq!(
        cells(&cw),
        [
            "1 icrc:1: 1.8",
            "1 icrc:3: 1.6 1.7",
            "2 icrc:3: 2.6",
            "2 icrc:4: 2.7 2.8",
            "3 icrc:3: 3.5 3.6",
            "4 icrc:1: 4.5",
            "4 icrc:4: 4.6 4.7",
            "5 icrc:4: 5.6 5.7 5.8 5.9 5.10",
            "6 icrc:1: 6.8",
            "6 icrc:3: 6.6",
            "6 icrc:4: 6.7",
            "7 icrc:1: 7.9",
            "7 icrc:3: 7.7",
            "7 icrc:4: 7.8",
            "8 icrc:4: 8.1.1",
            "9 icrc:1: 9.1",
            "10 icrc:3: 10.8",
            "10 icrc:4: 10.1",
            "11 icrc:1: 11.8 11.9 11.10 11.11 11.12",
            "11 icrc:3: 11.13",
        ]
    );
    // icrc:2 is a column of its own, empty in every row.
    assert!(cw.rows.iter().all(|r| r.cells.0[1] == ("icrc:2".to_owned(), vec![])));
    let totals: Vec<(String, usize)> = cw.totals.0.clone();
    assert_eq!(
        totals,
        [("icrc:1".into(), 10), ("icrc:2".into(), 0), ("icrc:3".into(), 9), ("icrc:4".into(), 13)]
    );
    assert_eq!(cw.total, 32);
    let row_totals: Vec<usize> = cw.rows.iter().map(|r| r.total).collect();
    assert_eq!(row_totals, [3, 3, 2, 3, 5, 3, 3, 1, 1, 2, 6, 0]);
}

#[test]
fn the_rfc_matrix_cell_by_cell() {
    let f = frameworks();
    let cw = query::crosswalk(&f, "peer-worker", "rfc", false).unwrap();
    let tags: Vec<&str> = cw.columns.iter().map(|c| c.tag.as_str()).collect();
    assert_eq!(tags, (1..=10).map(|n| format!("rfc:{n}")).collect::<Vec<_>>());
    assert_eq!(
        cells(&cw),
        [
            "1 rfc:6: 1.9",
            "3 rfc:6: 3.7",
            "4 rfc:5: 4.8",
            "5 rfc:5: 5.11",
            "6 rfc:3: 6.9",
            "6 rfc:4: 6.10",
            "6 rfc:5: 6.11",
            "7 rfc:9: 7.10",
            "11 rfc:2: 11.14",
        ]
    );
    assert_eq!(cw.total, 9);
    assert_eq!(cw.columns[0].label, "RFC Best Practice 1");
    let written = query::crosswalk(&f, "peer-worker", "rfc", true).unwrap();
    assert_eq!(written.rows[0].cells.0[5].1, Vec::<&str>::new(), "1.9's rfc:6 is inferred");
    assert_eq!(written.total, 8);
}

#[test]
fn as_written_takes_icrc_1_from_10_entries_to_9() {
    let f = frameworks();
    let cw = query::crosswalk(&f, "peer-worker", "icrc", true).unwrap();
    assert_eq!(cw.totals.0[0], ("icrc:1".to_owned(), 9));
    assert_eq!(cw.rows[10].cells.0[0].1, ["11.8", "11.9", "11.10", "11.11"]);
    assert_eq!(cw.total, 31);
}

#[test]
fn every_cell_is_what_list_selects() {
    let f = frameworks();
    for scheme in ["samhsa", "icrc", "rfc"] {
        for as_written in [false, true] {
            let cw = query::crosswalk(&f, "peer-worker", scheme, as_written).unwrap();
            for row in &cw.rows {
                for (tag, ids) in &row.cells.0 {
                    let filter = ListFilter {
                        tags: vec![tag.parse().unwrap()],
                        categories: vec![row.category.id.to_owned()],
                        as_written,
                        ..Default::default()
                    };
                    let listed: Vec<&str> =
                        query::list(&f, &filter).unwrap().iter().map(|r| r.id).collect();
                    assert_eq!(&listed, ids, "{scheme} {tag} category {}", row.category.id);
                }
            }
        }
    }
}

#[test]
fn the_samhsa_crosswalk_has_one_column() {
    let f = frameworks();
    let cw = query::crosswalk(&f, "peer-worker", "samhsa", false).unwrap();
    assert_eq!(cw.columns.len(), 1);
    assert_eq!(cw.total, 62);
    assert_eq!(query::crosswalk(&f, "peer-worker", "samhsa", true).unwrap().total, 0);
}

#[test]
fn unknown_schemes_and_frameworks_are_usage_errors() {
    let f = frameworks();
    let err = query::crosswalk(&f, "peer-worker", "nope", false).unwrap_err();
    assert!(err.is_usage());
    assert_eq!(err.to_string(), "unknown tag scheme 'nope' (known schemes: samhsa, icrc, rfc)");
    let err = query::crosswalk(&f, "nope", "icrc", false).unwrap_err();
    assert!(matches!(err, QueryError::UnknownFramework { .. }) && err.is_usage());
}

fn pairs(f: &[Framework], min: f64) -> Vec<(String, String, f64, OverlapKind)> {
    query::overlaps(f, &query::OverlapOptions { min, ..Default::default() })
        .unwrap()
        .into_iter()
        .map(|o| (o.a.to_owned(), o.b.to_owned(), o.score, o.kind))
        .collect()
}

#[test]
fn overlaps_find_the_exact_repeats() {
    let f = frameworks();
    let identical: Vec<(String, String)> = pairs(&f, 1.0)
        .into_iter()
        .map(|(a, b, score, kind)| {
            assert_eq!((score, kind), (1.0, OverlapKind::Identical));
            (a, b)
        })
        .collect();
    let expected: Vec<(String, String)> = [("1.9", "3.7"), ("4.8", "5.11")]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(identical, expected);
    // Three identical statements are one row: the third named in `more`, not two more pairs.
    let triple =
        query::overlaps(&f, &query::OverlapOptions { min: 1.0, limit: 100, ..Default::default() })
            .unwrap()
            .remove(1);
    assert_eq!(triple.more, ["6.11"]);
}

#[test]
fn the_default_threshold_keeps_close_paraphrases_and_drops_shared_words() {
    let f = frameworks();
    let found = pairs(&f, query::DEFAULT_MIN_SCORE);
    let similar: Vec<(&str, &str, f64)> = found
        .iter()
        .filter(|p| p.3 == OverlapKind::Similar)
        .map(|(a, b, score, _)| (a.as_str(), b.as_str(), *score))
        .collect();
    assert_eq!(similar, [("6.4", "6.5", 0.772), ("7.10.1", "10.8", 0.75), ("4.6", "11.12", 0.73)]);
    assert_eq!(found.len(), 2 + 3);
    // "Addresses barriers to housing" / "... to employment" share words, not meaning.
    let looser = pairs(&f, 0.6);
    let housing = looser.iter().find(|p| p.0 == "6.9" && p.1 == "6.10").unwrap();
    assert_eq!(housing.2, 0.667);
    // Best first, every score within bounds.
    assert!(looser.windows(2).all(|w| w[0].2 >= w[1].2));
    assert!(looser.iter().all(|p| p.2 > 0.0 && p.2 <= 1.0));
}

#[test]
fn overlaps_carry_both_entries() {
    let f = frameworks();
    let first =
        query::overlaps(&f, &query::OverlapOptions { min: 1.0, limit: 100, ..Default::default() })
            .unwrap()
            .remove(0);
    assert_eq!(first.entries[0].id, "1.9");
    assert_eq!(first.entries[1].id, "3.7");
    assert_eq!(first.entries[0].category.id, "1");
    assert!(first.entries[0].tags[0].inferred);
    let written = query::overlaps(
        &f,
        &query::OverlapOptions { min: 1.0, as_written: true, limit: 100, ..Default::default() },
    )
    .unwrap()
    .remove(0);
    assert!(written.entries[0].tags.is_empty(), "--as-written drops 1.9's inferred tag");
}

#[test]
fn a_word_in_too_many_statements_proposes_no_pair() {
    // 250 statements of four shared words and one of their own: any two score 0.8, but what
    // they share is in more than COMMON_WORD statements, so none is proposed (instead of 31,125
    // pairs, each compared). Two that also share a rarer word are still found.
    let mut entries: String = (1..=250)
        .map(|i| format!("      - id: \"1.{i}\"\n        text: Alpha beta gamma delta word{i}\n"))
        .collect();
    entries.push_str("      - id: \"1.251\"\n        text: Alpha beta gamma delta rare\n");
    entries.push_str("      - id: \"1.252\"\n        text: Rare alpha beta gamma delta\n");
    let yaml = format!(
        "id: t\ntitle: T\ncategories:\n  - id: \"1\"\n    title: One\n    entries:\n{entries}"
    );
    let f = vec![peercomp::load::parse(&yaml, "t.yaml", false).unwrap()];
    const { assert!(query::COMMON_WORD < 250) };
    let found = query::overlaps(&f, &query::OverlapOptions::default()).unwrap();
    let pairs: Vec<(&str, &str)> = found.iter().map(|o| (o.a, o.b)).collect();
    assert_eq!(pairs, [("1.251", "1.252")]);
}

#[test]
fn an_item_is_never_paired_with_its_own_subitem_and_across_pairs_frameworks_only() {
    let yaml = "id: t\ntitle: T\ncategories:\n  - id: \"1\"\n    title: One\n    entries:\n      - id: \"1.1\"\n        text: Helps peers find safe housing\n        subitems:\n          - id: \"1.1.1\"\n            text: Helps peers find safe housing\n          - id: \"1.1.2\"\n            text: Helps peers find safe and stable housing\n      - id: \"1.2\"\n        text: Helps peers find safe housing\n      - id: \"1.3\"\n        text: Finds safe and stable housing with peers\n";
    let f = vec![peercomp::load::parse(yaml, "t.yaml", false).unwrap()];
    let found = pairs(&f, 0.7);
    let ids: Vec<(&str, &str)> = found.iter().map(|p| (p.0.as_str(), p.1.as_str())).collect();
    // 1.1 with 1.1.1 (identical) and with 1.1.2 (similar) are left out: both its own sub-items.
    assert!(!ids.contains(&("1.1", "1.1.1")) && !ids.contains(&("1.1", "1.1.2")), "{ids:?}");
    assert_eq!(ids[0], ("1.1", "1.2"), "the identical pair outside the item: {ids:?}");
    assert!(ids.contains(&("1.1.2", "1.3")), "sub-items still pair with other entries: {ids:?}");
    // Across: only pairs of two frameworks.
    let embedded = peercomp::load::embedded().unwrap();
    let across = query::overlaps(
        &embedded,
        &query::OverlapOptions { min: 0.4, across: true, ..Default::default() },
    )
    .unwrap();
    assert!(!across.is_empty());
    assert!(across.iter().all(|o| o.entries[0].framework != o.entries[1].framework));
    let first = &across[0];
    assert_eq!((first.a, first.b, first.score), ("3.4", "policy.5", 0.519));
    let default =
        query::overlaps(&embedded, &query::OverlapOptions { min: 0.4, ..Default::default() })
            .unwrap();
    assert!(default.len() > across.len());
}

// Through the built binary: what users see.

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
