//! `search`: what the ranking finds on the embedded data (through the library), and what people
//! and scripts see (through the binary): highlighting on a terminal only, every format.

use assert_cmd::cargo::cargo_bin_cmd;
use peercomp::model::Framework;
use peercomp::query::{self, Field, HitKind, ListFilter, Query, SearchHit, SearchOptions};
use serde_json::Value;

fn frameworks() -> Vec<Framework> {
    peercomp::load::embedded().unwrap()
}

fn hits<'a>(
    frameworks: &'a [Framework],
    words: &[&str],
    options: &SearchOptions,
) -> Vec<SearchHit<'a>> {
    let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    query::search(frameworks, &Query::parse(&words).unwrap(), options).unwrap()
}

fn ids(frameworks: &[Framework], words: &[&str]) -> Vec<String> {
    hits(frameworks, words, &SearchOptions::default()).iter().map(|h| h.id.to_owned()).collect()
}

#[test]
fn self_care_finds_the_two_self_care_statements_first() {
    let f = frameworks();
    for words in [&["self", "care"][..], &["self-care"], &["Self Care"], &["care", "self"]] {
        let found = ids(&f, words);
        let mut first: Vec<&str> = found.iter().take(2).map(String::as_str).collect();
        first.sort();
        assert_eq!(first, ["10.8", "7.10.1"], "{words:?}: {found:?}");
    }
}

#[test]
fn advocate_ranks_the_advocacy_items_above_mentions_in_notes_and_introductions() {
    let f = frameworks();
    let found = hits(&f, &["advocate"], &SearchOptions::default());
    let rank = |id: &str| found.iter().position(|h| h.id == id).unwrap_or_else(|| panic!("{id}"));
    // Stemming: advocates, and (a little lower) advocacy and self-advocacy, are found.
    let texts: Vec<&str> = found.iter().filter_map(|h| h.text).collect();
    assert!(texts.iter().any(|t| t.contains("Advocates for the needs")));
    assert!(texts.iter().any(|t| t.contains("self-advocacy")));
    let worst_item = ["11.8", "11.9", "11.10", "11.11", "11.12"].map(rank).into_iter().max();
    // Anything matched only outside statements and titles ranks below every one of them.
    let elsewhere = found.iter().position(|h| {
        h.matches.iter().all(|m| matches!(m.field, Field::Notes | Field::Description))
            || h.kind == HitKind::Category
    });
    assert!(elsewhere.is_some(), "the category 11 introduction mentions advocating");
    assert!(worst_item < elsewhere, "{worst_item:?} {elsewhere:?}");
}

#[test]
fn a_statement_outranks_a_note_with_the_same_word() {
    let yaml = "id: t\ntitle: T\ncategories:\n  - id: \"1\"\n    title: One\n    entries:\n      \
                - id: \"1.1\"\n        text: Supports peers in groups\n        \
                notes: [\"Peers who advocate are named here\"]\n      \
                - id: \"1.2\"\n        text: Advocates for peers in groups\n";
    let f = vec![peercomp::load::parse(yaml, "t.yaml", false).unwrap()];
    let found = hits(&f, &["advocate"], &SearchOptions::default());
    let order: Vec<(&str, Field)> = found.iter().map(|h| (h.id, h.field)).collect();
    assert_eq!(order, [("1.2", Field::Text), ("1.1", Field::Notes)]);
    assert!(found[0].score > found[1].score);
}

#[test]
fn housing_stigmma_ratio_and_trauma() {
    let f = frameworks();
    assert_eq!(ids(&f, &["housing"])[0], "6.9");
    // A typo finds what was meant.
    let stigma = hits(&f, &["stigmma"], &SearchOptions::default());
    assert_eq!((stigma[0].framework, stigma[0].id), ("agency", "peer-leadership.8"));
    assert_eq!(ids(&f, &["confidentiallity"])[0], "9.7");
    // Words, not substrings: "ratio" is in "exploration", "collaboration"...
    assert!(ids(&f, &["ratio"]).is_empty());
    let trauma = hits(&f, &["trauma"], &SearchOptions::default());
    assert_eq!((trauma[0].framework, trauma[0].id), ("agency", "principles.5"));
    assert_eq!(trauma[0].field, Field::Title);
}

#[test]
fn a_typo_ranks_below_the_word_itself() {
    let f = frameworks();
    // "stigma" in a statement, and "stigmma" as typed: the same entry, a lower score.
    let exact = hits(&f, &["stigma"], &SearchOptions::default());
    let typo = hits(&f, &["stigmma"], &SearchOptions::default());
    assert_eq!(exact[0].id, typo[0].id);
    assert!(typo[0].score < exact[0].score, "{} {}", typo[0].score, exact[0].score);
}

#[test]
fn all_words_by_default_any_on_request_and_phrases_in_a_row() {
    let f = frameworks();
    let both = ids(&f, &["crisis", "housing"]);
    let any = hits(&f, &["crisis", "housing"], &SearchOptions { any: true, ..Default::default() });
    assert!(both.is_empty(), "{both:?}");
    assert!(any.iter().any(|h| h.id == "6.9") && any.iter().any(|h| h.id == "8.5"));
    // "lived experience" as a phrase; the words apart match more.
    let phrase = ids(&f, &["\"lived experience\""]);
    let words = ids(&f, &["lived", "experience"]);
    assert!(phrase.contains(&"3.7.2".to_owned()));
    assert!(phrase.len() <= words.len());
    assert!(ids(&f, &["\"experience lived\""]).is_empty());
}

#[test]
fn list_filters_combine_with_a_search() {
    let f = frameworks();
    let options = SearchOptions {
        filter: ListFilter { tags: vec!["icrc:1".parse().unwrap()], ..Default::default() },
        ..Default::default()
    };
    let found = hits(&f, &["advocate"], &options);
    assert!(!found.is_empty());
    assert!(found.iter().all(|h| h.kind == HitKind::Entry && h.framework == "peer-worker"));
    assert!(found.iter().all(|h| h.tags.iter().any(|t| t.tag == "icrc:1")));
    // A filter never changes a score.
    let all = hits(&f, &["advocate"], &SearchOptions::default());
    let score = |hits: &[SearchHit], id: &str| hits.iter().find(|h| h.id == id).unwrap().score;
    assert_eq!(score(&found, "11.9"), score(&all, "11.9"));
    let top = SearchOptions {
        filter: ListFilter { top_level: true, categories: vec!["6".into()], ..Default::default() },
        ..Default::default()
    };
    assert_eq!(hits(&f, &["housing"], &top).iter().map(|h| h.id).collect::<Vec<_>>(), ["6.9"]);
}

#[test]
fn spans_are_byte_ranges_of_the_matched_words() {
    let f = frameworks();
    for hit in
        hits(&f, &["peers", "experience"], &SearchOptions { any: true, ..Default::default() })
    {
        for span in &hit.matches {
            let text = hit.field_text(span.field, span.index).unwrap();
            let word = text[span.start..span.end].to_lowercase();
            assert!(word.starts_with("peer") || word.starts_with("experien"), "{word}");
        }
    }
}

// Through the binary.

fn peercomp() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("peercomp");
    for var in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "COLUMNS"] {
        cmd.env_remove(var);
    }
    cmd
}

fn run(args: &[&str], env: &[(&str, &str)]) -> String {
    let out = peercomp().args(args).envs(env.iter().copied()).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

const ESC: char = '\u{1b}';

#[test]
fn colour_only_where_asked_or_on_a_terminal() {
    let piped = run(&["search", "housing"], &[]);
    assert!(piped.contains("Addresses barriers to housing") && !piped.contains(ESC));
    assert!(!piped.contains('\u{2060}') && !piped.contains('\u{200B}'), "marks left in");
    let always = run(&["search", "housing", "--color", "always"], &[]);
    assert!(always.contains("\u{1b}[1m\u{1b}[31mhousing\u{1b}[0m"), "{always}");
    let forced = run(&["search", "housing"], &[("CLICOLOR_FORCE", "1")]);
    assert!(forced.contains(ESC));
    let never = run(&["search", "housing", "--color", "never"], &[("CLICOLOR_FORCE", "1")]);
    assert!(!never.contains(ESC));
    for format in ["json", "jsonl", "csv", "markdown"] {
        let out = run(&["search", "housing", "--format", format, "--color", "always"], &[]);
        assert!(!out.contains(ESC), "{format}");
    }
}

/// Runs a shell line under a pseudo-terminal (util-linux `script`), TERM set as given.
pub(crate) fn on_a_terminal(line: &str, env: &[(&str, &str)]) -> String {
    let out = std::process::Command::new("script")
        .args(["-qec", line, "/dev/null"])
        .env("P", env!("CARGO_BIN_EXE_peercomp"))
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("TERM", "xterm")
        .envs(env.iter().copied())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn on_a_terminal_matches_are_coloured_unless_no_color() {
    if !crate::tools("on_a_terminal_matches_are_coloured_unless_no_color", &["script"]) {
        return;
    }
    let shown = on_a_terminal("\"$P\" search housing", &[]);
    assert!(shown.contains("to \u{1b}[1m\u{1b}[31mhousing\u{1b}[0m"), "{shown}");
    let plain = on_a_terminal("\"$P\" search housing", &[("NO_COLOR", "1")]);
    assert!(plain.contains("Addresses barriers to housing") && !plain.contains(ESC), "{plain}");
    let dumb = on_a_terminal("\"$P\" search housing", &[("TERM", "dumb")]);
    assert!(!dumb.contains(ESC), "{dumb}");
}

#[test]
fn text_from_a_file_never_drives_the_terminal_even_in_colour() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.yaml");
    let yaml = "id: t\ntitle: T\ncategories:\n  - id: \"1\"\n    title: One\n    entries:\n      \
                - id: \"1.1\"\n        text: \"housing \\e]0;pwned\\a and \\u2060mark\\u200b\"\n";
    std::fs::write(&path, yaml).unwrap();
    let out =
        run(&["--data", path.to_str().unwrap(), "search", "housing", "--color", "always"], &[]);
    assert!(out.contains("\\e]0;pwned\\x07"), "{out}");
    // Only the match is coloured: the file's own mark characters are taken out.
    assert_eq!(out.matches("\u{1b}[1m").count(), 1, "{out}");
}

#[test]
fn every_format_carries_score_field_and_spans() {
    let json: Value =
        serde_json::from_str(&run(&["search", "self", "care", "--json"], &[])).unwrap();
    let first = &json[0];
    assert!(first["score"].as_f64().unwrap() > 0.0);
    assert_eq!(first["kind"], "entry");
    assert_eq!(first["field"], "text");
    let text = first["text"].as_str().unwrap();
    // A span per word matched: "self" and "care" of "self-care".
    let words: Vec<&str> = first["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &text[m["start"].as_u64().unwrap() as usize..m["end"].as_u64().unwrap() as usize])
        .collect();
    assert_eq!(words, ["self", "care"]);
    let json: Value = serde_json::from_str(&run(&["search", "self-care", "--json"], &[])).unwrap();
    let first = &json[0];
    let text = first["text"].as_str().unwrap();
    let span = &first["matches"][0];
    let (start, end) =
        (span["start"].as_u64().unwrap() as usize, span["end"].as_u64().unwrap() as usize);
    assert_eq!(span["field"], "text");
    assert_eq!(&text[start..end], "self-care");

    let lines = run(&["search", "self-care", "--format", "jsonl"], &[]);
    assert_eq!(lines.lines().count(), json.as_array().unwrap().len());
    let csv = run(&["search", "self-care", "--format", "csv"], &[]);
    let header = csv.lines().next().unwrap();
    assert_eq!(header, "score,kind,framework,id,parent,category,title,text,field,matches");
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .ends_with(",7,,Addresses the importance of self-care,text,text:28-37"),
        "{csv}"
    );
    let markdown = run(&["search", "self", "care", "--format", "markdown"], &[]);
    assert!(markdown.contains("importance of **self-care**"), "{markdown}");
    let table = run(&["search", "self", "care"], &[]);
    assert!(table.contains("SCORE") && table.contains("MATCHED"), "{table}");
}

#[test]
fn no_match_says_so_and_bad_queries_are_usage_errors() {
    peercomp()
        .args(["search", "ratio"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicates::str::contains("no matches"));
    let json = run(&["search", "ratio", "--json"], &[]);
    assert_eq!(json.trim(), "[]");
    peercomp()
        .args(["search", "--", "---"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("nothing to search for"));
    peercomp().args(["search"]).assert().code(2);
    // A query is bounded: every word of the text is compared with each of its words.
    let many: Vec<String> = (0..65).map(|i| format!("word{i}")).collect();
    peercomp()
        .arg("search")
        .args(&many)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("at most 64 different words; this one has 65"));
    peercomp()
        .args(["search", "x", "--tag", "icrc:9"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown tag 'icrc:9'"));
}

#[test]
fn a_search_command_by_another_name_points_to_search() {
    for name in ["find", "grep"] {
        peercomp()
            .args([name, "trauma"])
            .assert()
            .code(2)
            .stderr(predicates::str::contains("a similar subcommand exists: 'search'"));
    }
}

#[test]
fn list_grep_is_repeatable_and_all_must_match() {
    let one = run(&["list", "-g", "housing", "--format", "csv"], &[]);
    let two = run(&["list", "-g", "housing", "-g", "criminal", "--format", "csv"], &[]);
    assert!(one.lines().count() > two.lines().count());
    assert_eq!(two.lines().count(), 3, "{two}");
    assert!(two.contains("fair housing laws") && two.contains("criminal justice histories"));
}

/// What `search` prints and says, on a pipe.
fn searched(args: &[&str]) -> (String, String) {
    let out = peercomp().arg("search").args(args).output().unwrap();
    assert!(out.status.success());
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn a_search_with_no_match_shows_a_way_on_and_a_typo_says_what_it_matched() {
    // "Ethical Responsibility" is IC&RC Domain 2's name, though no entry's text says "ethics".
    let (out, said) = searched(&["ethics"]);
    assert_eq!(out, "");
    assert_eq!(
        said.trim_end(),
        "no matches\n  the tag icrc:2 is named so: IC&RC Domain 2: Ethical Responsibility \
         (peercomp list --tag icrc:2)"
    );
    // A misspelling too far for a typo: the closest words of the texts.
    let (_, said) = searched(&["avdocassy"]);
    assert!(said.contains("close to 'avdocassy' in the texts: advocacy"), "{said}");
    // Words that each match, but not together.
    let (_, said) = searched(&["housing", "mentor"]);
    assert!(said.contains("every word must match: --any for results with any of them"), "{said}");
    // A typo's match says what it read.
    let (out, said) = searched(&["confidentiallity"]);
    assert!(out.contains("9.7"));
    assert_eq!(said.trim_end(), "note: read 'confidentiallity' as confidentiality");
    let (_, said) = searched(&["confidentiality"]);
    assert_eq!(said, "", "a word found as itself needs no note");
    // JSON stays quiet: an empty array, no note.
    let (out, said) = searched(&["ethics", "--json"]);
    assert_eq!((out.trim(), said.as_str()), ("[]", ""));
}

#[test]
fn a_limit_of_none_is_a_usage_error_not_no_matches() {
    let out = peercomp().args(["search", "housing", "--limit", "0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(said.contains("invalid value '0' for '--limit <N>'"), "{said}");
    let (out, _) = searched(&["housing", "--limit", "1"]);
    assert_eq!(out.lines().count(), 2, "the heading and the best result");
}
