//! Framework files: every kind of problem with its message and place, and hostile input.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::cargo::cargo_bin_cmd;
use peercomp::formats::{Problem, ProblemKind};
use peercomp::load;
use predicates::prelude::*;
use serde_json::{Value, json};

/// A framework with two categories, one scheme and sub-items, written with `change` applied
/// to its text.
const VALID: &str = "\
id: test
title: A test framework
schemes:
  - id: core
    name: Core
    label: Core skills
    codes:
      - {code: a, label: \"Core A\"}
      - {code: b, label: \"Core B\"}
categories:
  - id: \"1\"
    title: One
    entries:
      - id: \"1.1\"
        text: First item
        tags: [{tag: \"core:a\"}]
        subitems:
          - id: \"1.1.1\"
            text: First sub-item
          - id: \"1.1.2\"
            text: Second sub-item
      - id: \"1.2\"
        text: Second item
  - id: \"2\"
    title: Two
    entries:
      - id: \"2.1\"
        text: Third item
";

fn with(from: &str, to: &str) -> String {
    assert!(VALID.contains(from), "{from:?} is not in the valid framework");
    VALID.replacen(from, to, 1)
}

fn problems(text: &str) -> Vec<Problem> {
    load::parse(text, "f.yaml", false).expect_err("a problem")
}

/// (line, column, kind, message) of each problem.
fn found(text: &str) -> Vec<(u64, u64, ProblemKind, String)> {
    problems(text)
        .into_iter()
        .map(|p| (p.line.unwrap_or(0), p.column.unwrap_or(0), p.kind, p.message))
        .collect()
}

fn one(
    line: u64,
    column: u64,
    kind: ProblemKind,
    message: &str,
) -> Vec<(u64, u64, ProblemKind, String)> {
    vec![(line, column, kind, message.to_owned())]
}

#[test]
fn a_valid_file_loads() {
    let framework = load::parse(VALID, "f.yaml", false).unwrap();
    assert_eq!(framework.categories.len(), 2);
}

#[test]
fn syntax() {
    let got = found(&with("title: One", "title: \"One"));
    assert_eq!(
        got,
        one(13, 5, ProblemKind::Syntax, "invalid indentation in multiline quoted scalar")
    );
}

#[test]
fn unknown_field_with_a_suggestion() {
    assert_eq!(
        found(&with("text: Third item", "txt: Third item")),
        [
            (27, 9, ProblemKind::MissingField, "missing field `text` in '2.1'".to_owned()),
            (
                28,
                9,
                ProblemKind::UnknownField,
                "unknown field `txt`, did you mean `text`?".to_owned()
            ),
        ]
    );
    // Far from every known name: the known names instead.
    let got = found(&with("title: Two", "title: Two\n    colour: blue"));
    assert_eq!(
        got,
        one(
            26,
            5,
            ProblemKind::UnknownField,
            "unknown field `colour`, expected one of as_written, description, entries, id, line, notes, title"
        )
    );
}

#[test]
fn every_structural_problem_at_once() {
    let text =
        with("title: One", "titel: One").replace("text: Second item", "text: [Second, item]");
    let got = found(&text.replace("label: Core skills", "lable: Core skills"));
    let kinds: Vec<ProblemKind> = got.iter().map(|p| p.2).collect();
    assert_eq!(
        kinds,
        [
            ProblemKind::MissingField,
            ProblemKind::UnknownField,
            ProblemKind::MissingField,
            ProblemKind::UnknownField,
            ProblemKind::WrongType,
        ],
        "{got:?}"
    );
    assert_eq!(got[1].3, "unknown field `lable`, did you mean `label`?");
    assert_eq!(got[4], (23, 15, ProblemKind::WrongType, "expected text, found a list".to_owned()));
}

#[test]
fn missing_required_field() {
    assert_eq!(
        found(&with("title: A test framework\n", "")),
        one(1, 1, ProblemKind::MissingField, "missing field `title` in 'test'")
    );
}

#[test]
fn malformed_tag() {
    assert_eq!(
        found(&with("{tag: \"core:a\"}", "{tag: \"core:\"}")),
        one(
            16,
            22,
            ProblemKind::WrongType,
            "'core:' is not a tag: expected SCHEME or SCHEME:CODE, such as 'samhsa' or 'icrc:4'"
        )
    );
}

#[test]
fn duplicate_id_with_both_places() {
    let got = found(&with("id: \"2.1\"", "id: \"1.2\""));
    assert_eq!(
        got,
        one(27, 13, ProblemKind::DuplicateId, "id '1.2' is used twice (first at 22:13)")
    );
}

#[test]
fn unknown_tag_scheme_and_code() {
    assert_eq!(
        found(&with("{tag: \"core:a\"}", "{tag: \"core:z\"}")),
        one(16, 22, ProblemKind::UnknownTag, "unknown tag 'core:z' (known: core:a, core:b)")
    );
    assert_eq!(
        found(&with("{tag: \"core:a\"}", "{tag: \"icrc:4\"}")),
        one(16, 22, ProblemKind::UnknownTag, "unknown tag 'icrc:4' (known: core:a, core:b)")
    );
    assert_eq!(
        found(&with("{tag: \"core:a\"}", "{tag: core}")),
        one(
            16,
            22,
            ProblemKind::UnknownTag,
            "tag 'core' names no code (the scheme's codes are core:a, core:b)"
        )
    );
}

#[test]
fn gaps_and_repeats_in_numbering() {
    assert_eq!(
        found(&with("id: \"1.1.2\"", "id: \"1.1.3\"")),
        one(
            20,
            17,
            ProblemKind::Numbering,
            "sub-item numbering skips: expected 1.1.2, found 1.1.3"
        )
    );
    let repeat = found(&with("id: \"1.1.2\"", "id: \"1.1.1\""));
    assert!(repeat.contains(&(
        20,
        17,
        ProblemKind::Numbering,
        "sub-item numbering repeats: expected 1.1.2, found 1.1.1".to_owned()
    )));
    assert!(repeat.contains(&(
        20,
        17,
        ProblemKind::DuplicateId,
        "id '1.1.1' is used twice (first at 18:17)".to_owned()
    )));
}

#[test]
fn empty_text() {
    assert_eq!(
        found(&with("text: Third item", "text: \"  \"")),
        one(28, 15, ProblemKind::EmptyText, "entry '2.1' has an empty text")
    );
}

#[test]
fn duplicate_keys() {
    let got = found(&with("title: Two", "title: Two\n    title: Again"));
    let message = "duplicate field `title` (first at 25:5)".to_owned();
    assert_eq!(got, [(26, 5, ProblemKind::Syntax, message)]);
    // With the file's other problems, in one round.
    let text = with("title: Two", "title: Two\n    title: Again").replace("txt", "text");
    let got = found(&text.replace("text: First item", "text: First item\n        text: Again"));
    let messages: Vec<&str> = got.iter().map(|p| p.3.as_str()).collect();
    assert_eq!(
        messages,
        ["duplicate field `text` (first at 15:9)", "duplicate field `title` (first at 26:5)"]
    );
}

#[test]
fn merge_keys_are_merged_where_a_file_has_problems() {
    // Entry 2.1 takes its text from 1.2 (YAML's `<<`), and an unknown field is beside it: the
    // unknown field is the only problem, the id written out winning over the merged one.
    let text = with("      - id: \"1.2\"\n", "      - &second\n        id: \"1.2\"\n");
    let text = text.replace(
        "      - id: \"2.1\"\n        text: Third item\n",
        "      - <<: *second\n        id: \"2.1\"\n        colour: red\n",
    );
    let got = found(&text);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!((got[0].0, got[0].2), (30, ProblemKind::UnknownField), "{got:?}");
}

#[test]
fn duplicate_keys_in_json() {
    let json = "{\"id\": \"j\", \"title\": \"J\",\n \"id\": \"k\", \"categories\": []}";
    let got = load::parse(json, "f.json", true).unwrap_err();
    assert_eq!(
        (got[0].line, got[0].column, got[0].kind),
        (Some(2), Some(2), ProblemKind::Syntax),
        "{got:?}"
    );
    assert_eq!(got[0].message, "duplicate field `id` (first at 1:2)");
}

#[test]
fn json_problems_have_places_too() {
    let json = r#"{"id": "j", "title": "J", "categories": [
  {"id": "1", "title": "One", "entries": [
    {"id": "1.1", "txt": "x"}]}]}"#;
    let got: Vec<(u64, u64, ProblemKind, String)> = load::parse(json, "f.json", true)
        .unwrap_err()
        .into_iter()
        .map(|p| (p.line.unwrap(), p.column.unwrap(), p.kind, p.message))
        .collect();
    assert_eq!(
        got[1],
        (3, 19, ProblemKind::UnknownField, "unknown field `txt`, did you mean `text`?".to_owned())
    );
    let json = r#"{"id": "j", "title": "J", "categories": [{"id": "1", "title": "One", "entries": [
  {"id": "1.1", "text": "x", "tags": [{"tag": "nope"}]}]}]}"#;
    let got = load::parse(json, "f.json", true).unwrap_err();
    assert_eq!((got[0].line, got[0].kind), (Some(2), ProblemKind::UnknownTag));
}

/// A scratch directory with files in it.
fn dir_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

fn peercomp() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("peercomp");
    cmd.env_remove("PEERCOMP_DATA")
        .env_remove("PEERCOMP_MAX_FILE_MIB")
        .timeout(Duration::from_secs(60));
    cmd
}

fn path(dir: &tempfile::TempDir, name: &str) -> String {
    dir.path().join(name).display().to_string()
}

#[test]
fn validate_reports_every_problem_of_every_file() {
    let dir = dir_with(&[
        ("a.yaml", with("text: Third item", "txt: Third item").as_bytes()),
        ("b.yaml", with("{tag: \"core:a\"}", "{tag: \"core:z\"}").as_bytes()),
        ("c.yaml", VALID.replace("id: test", "id: other").as_bytes()),
        ("notes.txt", b"not a framework"),
    ]);
    let a = path(&dir, "a.yaml");
    let b = path(&dir, "b.yaml");
    peercomp()
        .args(["validate", &dir.path().display().to_string()])
        .assert()
        .code(1)
        .stdout(format!(
            "{a}:27:9: missing field `text` in '2.1'\n{a}:28:9: unknown field `txt`, did you mean `text`?\n\
             {b}:16:22: unknown tag 'core:z' (known: core:a, core:b)\n"
        ))
        .stderr("3 problems in 2 files\n");
    let objects: Value = serde_json::from_slice(
        &peercomp().args(["validate", &b, "--format", "json"]).output().unwrap().stdout,
    )
    .unwrap();
    assert_eq!(
        objects,
        json!([{"file": b, "line": 16, "column": 22, "kind": "unknown-tag",
                "message": "unknown tag 'core:z' (known: core:a, core:b)"}])
    );
    peercomp()
        .args(["validate", &path(&dir, "c.yaml")])
        .assert()
        .success()
        .stdout("")
        .stderr("no problems in 1 file\n");
    peercomp()
        .args(["validate", &path(&dir, "c.yaml"), "--json"])
        .assert()
        .success()
        .stdout("[]\n")
        .stderr("");
    peercomp().arg("validate").assert().success().stderr("no problems in 2 files\n");
}

/// Past a file's first 10,000 problems of structure, each kind's are counted in one line, and
/// the summary counts every problem, not the lines.
#[test]
fn the_summary_counts_the_problems_past_those_listed() {
    let extra: String = (1..=10_005).map(|i| format!("        bogus{i}: x\n")).collect();
    let text = with("        text: Third item\n", &format!("        text: Third item\n{extra}"));
    let dir = dir_with(&[("many.yaml", text.as_bytes())]);
    let out = peercomp().args(["validate", &path(&dir, "many.yaml")]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 10_001);
    let last = stdout.lines().last().unwrap();
    assert!(last.contains(": 5 more problems of the kind unknown-field, from here on"), "{last}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "10005 problems in 1 file\n");
}

#[test]
fn other_commands_refuse_a_file_with_problems_the_same_way() {
    let dir = dir_with(&[("b.yaml", with("{tag: \"core:a\"}", "{tag: \"core:z\"}").as_bytes())]);
    let b = path(&dir, "b.yaml");
    for command in ["list", "tags", "categories", "frameworks", "overlaps"] {
        peercomp()
            .args(["--data", &b, command])
            .assert()
            .code(1)
            .stdout("")
            .stderr(format!("error: {b}:16:22: unknown tag 'core:z' (known: core:a, core:b)\n"));
    }
}

#[test]
fn a_framework_id_loaded_twice() {
    let dir = dir_with(&[("a.yaml", VALID.as_bytes()), ("b.yaml", VALID.as_bytes())]);
    let (a, b) = (path(&dir, "a.yaml"), path(&dir, "b.yaml"));
    peercomp()
        .args(["validate", &a, &b])
        .assert()
        .code(1)
        .stdout(format!("{b}:1:5: framework 'test' is loaded twice: {a} holds it too\n"));
    // A JSON file, read as it is parsed, is read again to place the problem.
    let json = "{\n  \"title\": \"T\",\n  \"id\": \"test\",\n  \"categories\": []\n}\n";
    let dir = dir_with(&[("a.json", json.as_bytes()), ("b.json", json.as_bytes())]);
    let (a, b) = (path(&dir, "a.json"), path(&dir, "b.json"));
    for args in [vec!["validate", &a, &b], vec!["--data", &a, "--data", &b, "list"]] {
        let expected = format!("{b}:3:9: framework 'test' is loaded twice: {a} holds it too\n");
        let output = peercomp().args(&args).assert().code(1).get_output().clone();
        let said =
            String::from_utf8(output.stdout).unwrap() + &String::from_utf8(output.stderr).unwrap();
        assert!(said.contains(&expected), "{args:?}: {said}");
    }
    // The embedded frameworks count too.
    let pw = dir_with(&[("pw.yaml", VALID.replace("id: test", "id: peer-worker").as_bytes())]);
    peercomp()
        .args(["--data", &path(&pw, "pw.yaml"), "--with-embedded", "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "framework 'peer-worker' is loaded twice: framework/peer-worker.yaml holds it too",
        ));
}

#[test]
fn directories_environment_and_embedded() {
    let dir = dir_with(&[
        ("b.yml", VALID.replace("id: test", "id: b").as_bytes()),
        ("a.json", br#"{"id": "a", "title": "A", "categories": []}"#),
        ("c.txt", b"ignored"),
    ]);
    std::fs::create_dir(dir.path().join("sub.yaml")).unwrap();
    let ids = |cmd: &mut assert_cmd::Command| -> Vec<String> {
        let out = cmd.args(["frameworks", "--json"]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
        rows.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect()
    };
    let d = dir.path().display().to_string();
    assert_eq!(
        ids(peercomp().args(["--data", &d])),
        ["a", "b"],
        "sorted by name, no subdirectories"
    );
    assert_eq!(ids(peercomp().env("PEERCOMP_DATA", &d)), ["a", "b"]);
    let both = std::env::join_paths([dir.path().join("b.yml"), dir.path().join("a.json")]).unwrap();
    assert_eq!(ids(peercomp().env("PEERCOMP_DATA", &both)), ["b", "a"]);
    assert_eq!(
        ids(peercomp().args(["--data", &d, "--with-embedded"])),
        ["peer-worker", "agency", "a", "b"]
    );
    // --data wins over the environment.
    assert_eq!(
        ids(peercomp().env("PEERCOMP_DATA", &d).args(["--data", &path(&dir, "b.yml")])),
        ["b"]
    );
}

#[test]
fn files_that_are_not_frameworks() {
    let dir = dir_with(&[
        ("empty.yaml", b""),
        ("blank.yaml", b"  \n\n"),
        ("latin1.yaml", b"id: x\ntitle: caf\xe9\n"),
        ("list.yaml", b"- just\n- a list\n"),
        ("notes.txt", b"id: x"),
    ]);
    std::fs::create_dir(dir.path().join("nothing")).unwrap();
    let check = |name: &str, expected: &str| {
        peercomp()
            .args(["validate", &path(&dir, name)])
            .assert()
            .code(1)
            .stdout(format!("{}{expected}\n", path(&dir, name)));
    };
    check("empty.yaml", ": empty file: a framework needs at least `id`, `title` and `categories`");
    check("blank.yaml", ": empty file: a framework needs at least `id`, `title` and `categories`");
    check("latin1.yaml", ":2:11: not UTF-8 text: an invalid byte here");
    check("list.yaml", ":1:1: expected a mapping of fields, found a list");
    check(
        "notes.txt",
        ": not a framework file: expected a name ending in .yaml, .yml, .json, .jsonld, .csv or .xlsx",
    );
    check(
        "nothing",
        ": a directory with no framework files (.yaml, .yml, .json, .jsonld, .csv or .xlsx) in it",
    );
    check("missing.yaml", ": cannot read: No such file or directory (os error 2)");
}

fn hostile(name: &str, bytes: &[u8]) -> (tempfile::TempDir, String) {
    let dir = dir_with(&[(name, bytes)]);
    let p = path(&dir, name);
    (dir, p)
}

/// The command fails cleanly (exit 1, a message, no panic), well before the hang guard.
fn refused(file: &str, expected: &str) {
    let out = peercomp().args(["validate", file]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(stdout.contains(expected), "{stdout}");
    assert!(!stderr.contains("panicked") && !stderr.contains("overflow"), "{stderr}");
}

#[test]
fn an_alias_bomb() {
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (i, name) in "bcdefghij".chars().enumerate() {
        let prev = (b'a' + i as u8) as char;
        bomb.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    let (_dir, file) = hostile("bomb.yaml", bomb.as_bytes());
    refused(&file, "bomb.yaml:");
}

#[test]
fn nesting_ten_thousand_deep() {
    let depth = 10_000;
    let flow = format!("id: x\ntitle: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    let (_d1, file) = hostile("flow.yaml", flow.as_bytes());
    refused(&file, "flow.yaml:");
    let mut block = String::new();
    for level in 0..depth {
        block.push_str(&" ".repeat(level));
        block.push_str("a:\n");
    }
    let (_d2, file) = hostile("block.yaml", block.as_bytes());
    refused(&file, "block.yaml:");
    let json = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let (_d3, file) = hostile("deep.json", json.as_bytes());
    refused(&file, "deep.json:");
    let subitems = (0..depth).fold(String::from("{\"id\": \"x\", \"text\": \"t\"}"), |inner, _| {
        format!("{{\"id\": \"x\", \"text\": \"t\", \"subitems\": [{inner}]}}")
    });
    let json = format!(
        "{{\"id\": \"j\", \"title\": \"J\", \"categories\": [{{\"id\": \"1\", \"title\": \"T\", \"entries\": [{subitems}]}}]}}"
    );
    let (_d4, file) = hostile("items.json", json.as_bytes());
    refused(&file, "items.json:");
}

#[test]
fn a_200_mb_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("huge.yaml");
    // Sparse: 200 MB long, without writing 200 MB.
    std::fs::File::create(&file).unwrap().set_len(200 * 1024 * 1024).unwrap();
    refused(
        &file.display().to_string(),
        "huge.yaml: larger than 128 MiB, the most peercomp reads (256 MiB of a CASE package; PEERCOMP_MAX_FILE_MIB sets another limit)",
    );
}

#[test]
fn the_size_limit_can_be_set() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("two.yaml");
    std::fs::File::create(&file).unwrap().set_len(2 * 1024 * 1024).unwrap();
    let out = peercomp()
        .env("PEERCOMP_MAX_FILE_MIB", "1")
        .args(["validate", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("two.yaml: larger than 1 MiB"));
    // Under a higher limit the file is read, and refused for what it holds.
    let out = peercomp()
        .env("PEERCOMP_MAX_FILE_MIB", "4")
        .args(["validate", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("larger than"));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_case_package_may_be_twice_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    // peercomp's own exports of peer-worker, padded with white space to 1.3 and 2.3 MiB.
    let padded = |to: &str, name: &str, pad: usize| {
        let out = peercomp().args(["export", "--to", to, "--no-schemes"]).output().unwrap();
        let mut text = out.stdout;
        text.extend(std::iter::repeat_n(b' ', pad));
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        file.display().to_string()
    };
    let validate = |file: &str| {
        let out =
            peercomp().env("PEERCOMP_MAX_FILE_MIB", "1").args(["validate", file]).output().unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let (code, said) = validate(&padded("case", "case.json", 1 << 20));
    assert_eq!((code, said.as_str()), (Some(0), ""));
    let too_large = "larger than 1 MiB, the most peercomp reads (2 MiB of a CASE package;";
    let (code, said) = validate(&padded("case", "larger.json", 2 << 20));
    assert_eq!(code, Some(1));
    assert!(said.contains(&format!("larger.json: {too_large}")), "{said}");
    // peercomp's own JSON is held to the limit, though it is read to know what it is.
    let (code, said) = validate(&padded("json", "framework.json", 1 << 20));
    assert_eq!(code, Some(1));
    assert!(said.contains(&format!("framework.json: {too_large}")), "{said}");
}

#[test]
fn a_long_file_of_junk() {
    let mut junk = Vec::with_capacity(8 << 20);
    while junk.len() < 8 << 20 {
        junk.extend_from_slice(b"]:}{&*!|>%@` \t");
    }
    let (_dir, file) = hostile("junk.yaml", &junk);
    refused(&file, "junk.yaml:1:");
}

#[test]
fn peercomp_never_writes_the_files_it_reads() {
    let dir = dir_with(&[
        ("ok.yaml", VALID.as_bytes()),
        ("bad.yaml", with("text: Third item", "txt: Third item").as_bytes()),
    ]);
    let before =
        |p: &Path| (std::fs::read(p).unwrap(), std::fs::metadata(p).unwrap().modified().unwrap());
    let files: Vec<PathBuf> = ["ok.yaml", "bad.yaml"].iter().map(|n| dir.path().join(n)).collect();
    let states: Vec<_> = files.iter().map(|p| before(p)).collect();
    for file in &files {
        // Each run must do what it should: succeed on the valid file, refuse the invalid one.
        let expected = if file.ends_with("ok.yaml") { 0 } else { 1 };
        for args in [vec!["list"], vec!["crosswalk", "--by", "core"], vec!["show", "1.1"]] {
            let out = peercomp().arg("--data").arg(file).args(&args).output().unwrap();
            assert_eq!(out.status.code(), Some(expected), "{args:?} on {}", file.display());
        }
        let out = peercomp().arg("validate").arg(file).output().unwrap();
        assert_eq!(out.status.code(), Some(expected), "validate {}", file.display());
        // Asked to write over the file it reads, it refuses.
        let out = peercomp()
            .arg("--data")
            .arg(file)
            .args(["export", "--to", "yaml", "-o"])
            .arg(file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "export -o onto {}", file.display());
    }
    let after: Vec<_> = files.iter().map(|p| before(p)).collect();
    assert_eq!(states, after);
}

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/framework");

#[test]
fn schema_is_a_json_schema_of_the_file_format() {
    let out = peercomp().arg("schema").output().unwrap();
    assert!(out.status.success());
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(schema["required"], json!(["id", "title", "categories"]));
    assert_eq!(schema["additionalProperties"], json!(false));
    assert_eq!(schema["$defs"]["Entry"]["required"], json!(["id", "text"]));
    // The copy beside the example, that editors read, is the current one.
    let committed = std::fs::read(format!("{EXAMPLES}/framework.schema.json")).unwrap();
    assert!(
        committed == out.stdout,
        "examples/framework/framework.schema.json is stale: run peercomp schema > examples/framework/framework.schema.json"
    );
}

#[test]
fn the_example_framework_is_valid_and_taken_from_the_seed_list() {
    peercomp().args(["validate", EXAMPLES]).assert().success().stdout("");
    let example =
        load::load(&[PathBuf::from(format!("{EXAMPLES}/forensic-peer.yaml"))], false).unwrap();
    let embedded = load::embedded().unwrap();
    let texts: Vec<&str> = embedded
        .iter()
        .flat_map(|f| &f.categories)
        .flat_map(|c| c.walk())
        .map(|(e, _)| e.text.as_str())
        .collect();
    let mut checked = 0;
    for (entry, _) in example[0].categories.iter().flat_map(|c| c.walk()) {
        assert!(
            texts.contains(&entry.text.as_str()),
            "{}: not a statement of the seed list",
            entry.id
        );
        checked += 1;
    }
    assert_eq!(checked, 10);
}

#[test]
fn schema_files_in_a_directory_are_not_frameworks() {
    let dir = dir_with(&[
        ("a.yaml", VALID.as_bytes()),
        ("framework.schema.json", b"{\"$schema\": \"x\"}"),
    ]);
    peercomp().args(["validate", &dir.path().display().to_string()]).assert().success();
}

#[test]
fn messages_name_a_few_known_values_not_all_and_duplicates_their_first_place() {
    // 2,000 codes and 2,000 undefined tags: each message names 12 codes and counts the rest.
    let mut text = String::from(
        "id: t\ntitle: T\nschemes:\n  - id: s\n    name: S\n    label: S\n    codes:\n",
    );
    for i in 0..2_000 {
        text.push_str(&format!("      - {{code: c{i}, label: C{i}}}\n"));
    }
    text.push_str("categories:\n  - id: \"1\"\n    title: One\n    entries:\n      - id: \"1.1\"\n        text: x\n        tags:\n");
    for i in 0..2_000 {
        text.push_str(&format!("          - {{tag: \"s:z{i}\"}}\n"));
    }
    // Ids used twice, far apart: each names where it first stood.
    text.push_str("  - id: \"2\"\n    title: Two\n    entries:\n");
    for i in 0..3 {
        text.push_str(&format!("      - id: \"d{i}\"\n        text: x\n"));
    }
    for i in 0..3 {
        text.push_str(&format!("      - id: \"d{i}\"\n        text: y\n"));
    }
    let dir = dir_with(&[("many.yaml", text.as_bytes())]);
    let out = peercomp().arg("validate").arg(dir.path().join("many.yaml")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2_003);
    assert!(lines[0].ends_with("unknown tag 's:z0' (known: s:c0, s:c1, s:c2, s:c3, s:c4, s:c5, s:c6, s:c7, s:c8, s:c9, s:c10, s:c11 and 1988 more)"), "{}", lines[0]);
    assert!(stdout.len() < 2_003 * 200, "bounded: {} bytes", stdout.len());
    let first_line =
        |id: &str| 1 + text.lines().position(|l| l.contains(&format!("id: \"{id}\""))).unwrap();
    for (i, line) in lines[2_000..].iter().enumerate() {
        let id = format!("d{i}");
        assert!(
            line.contains(&format!("id '{id}' is used twice (first at {}:13)", first_line(&id))),
            "{line}"
        );
    }
}

#[test]
fn a_fifo_is_passed_over_in_a_directory_and_read_with_a_note_when_named() {
    let dir = dir_with(&[("ok.yaml", VALID.as_bytes())]);
    let fifo = dir.path().join("x.yaml");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    // In a directory: skipped with a note, never a hang.
    let out = peercomp()
        .arg("--data")
        .arg(dir.path())
        .arg("frameworks")
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("x.yaml: a FIFO, not a regular file: skipped"), "{err}");
    // A link to nothing: said too, never passed over in silence.
    std::os::unix::fs::symlink(dir.path().join("gone.yaml"), dir.path().join("y.yaml")).unwrap();
    let out = peercomp().arg("--data").arg(dir.path()).arg("frameworks").output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("y.yaml: cannot read (No such file or directory"), "{err}");
    std::fs::remove_file(dir.path().join("y.yaml")).unwrap();
    // Named: awaited, said so, and read as it streams.
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, VALID).unwrap())
    };
    let out = peercomp()
        .arg("--data")
        .arg(&fifo)
        .args(["list", "--json"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    writer.join().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8(out.stderr).unwrap().contains("waiting for input on"));
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap().as_array().unwrap().len(), 5);
}

#[test]
fn infinities_and_nan_keep_every_problem_in_its_place() {
    for value in [".inf", ".nan", "-.inf", "1e400"] {
        let text = format!(
            "id: t\ntitle: T\ncategories:\n  - id: \"1\"\n    title: One\n    entries:\n      - id: \"1.1\"\n        txt: {value}\n      - id: \"1.2\"\n        text: {value}\n"
        );
        let dir = dir_with(&[("f.yaml", text.as_bytes())]);
        let out = peercomp().arg("validate").arg(dir.path().join("f.yaml")).output().unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        let lines: Vec<&str> = stdout.lines().collect();
        assert_eq!(lines.len(), 2, "{value}: {stdout}");
        assert!(
            lines[0].ends_with("f.yaml:7:9: missing field `text` in '1.1'"),
            "{value}: {stdout}"
        );
        assert!(
            lines[1].ends_with("f.yaml:8:9: unknown field `txt`, did you mean `text`?"),
            "{value}"
        );
    }
}

#[test]
fn structural_and_semantic_problems_are_reported_in_one_round() {
    let text = "id: t\ntitle: T\nschemes:\n  - {id: s, name: S, label: S, codes: [{code: a, label: A}]}\ncategories:\n  - id: \"1\"\n    title: One\n    entries:\n      - id: \"1.1\"\n        txt: x\n        tags: [{tag: \"s:zz\"}]\n      - id: \"1.1\"\n        text: y\n  - \"a category that is only text\"\n";
    let dir = dir_with(&[("both.yaml", text.as_bytes())]);
    let out = peercomp().arg("validate").arg(dir.path().join("both.yaml")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let found: Vec<&str> = stdout.lines().map(|l| l.split_once("both.yaml:").unwrap().1).collect();
    assert_eq!(
        found,
        [
            "9:9: missing field `text` in '1.1'",
            "10:9: unknown field `txt`, did you mean `text`?",
            "11:22: unknown tag 's:zz' (known: s:a)",
            "12:13: item numbering repeats: expected 1.2, found 1.1",
            "12:13: id '1.1' is used twice (first at 9:13)",
            "14:5: expected a mapping of fields, found text",
        ],
        "the missing text is not also an empty text, nor the made-up category an empty id"
    );
}

#[test]
fn validate_warns_about_control_characters_and_the_file_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("esc.yaml");
    let yaml = "id: esc\ntitle: Escapes\ncategories:\n  - id: \"1\"\n    title: One\n    entries:\n      - id: \"1.1\"\n        text: \"Clears \\e[2J the screen\"\n        notes: [\"a \\x9b note\"]\n";
    std::fs::write(&path, yaml).unwrap();
    let file = path.to_str().unwrap();
    let out = peercomp().args(["validate", file]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "a warning fails nothing");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(":8:15: warning: the text of '1.1' holds the control character U+001B"),
        "{said}"
    );
    assert!(
        said.contains(":9:17: warning: note 1 of '1.1' holds the control character U+009B"),
        "{said}"
    );
    assert!(!said.contains('\u{1b}'), "the report itself is escaped");
    assert!(String::from_utf8_lossy(&out.stderr).contains("no problems in 1 file, 2 warnings"));
    let json: Value = serde_json::from_slice(
        &peercomp().args(["validate", file, "--json"]).output().unwrap().stdout,
    )
    .unwrap();
    assert_eq!(json[0]["kind"], "control-character");
    // Other commands load the file, and show the text escaped.
    let listed = peercomp().args(["--data", file, "list"]).output().unwrap();
    assert!(listed.status.success());
    assert!(String::from_utf8_lossy(&listed.stdout).contains("Clears \\e[2J the screen"));
}

/// What `peercomp validate FILE...` says, and whether it passes.
fn validate_files(files: &[(&str, &str)]) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = cargo_bin_cmd!("peercomp");
    cmd.env_remove("PEERCOMP_DATA").arg("validate");
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        cmd.arg(path);
    }
    let out = cmd.output().unwrap();
    let said = String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap();
    (out.status.success(), said.replace(&format!("{}/", dir.path().display()), ""))
}

#[test]
fn validate_checks_plans_against_their_frameworks_as_the_commands_do() {
    // Each of these was "no problems", exit 0, then refused by coverage or crosswalk.
    let curriculum = "curriculum: C\nframework: peer-worker\nmodules:\n  - id: M1\n    title: T\n    hours: 4\n    covers: [\"2.1-2.9\", \"10.18\"]\n";
    let requirements = "credential: C\nsource: s\nrequirements:\n  - group: icrc:9\n    hours: 3\n";
    let alignment = "alignment: A\nfrom: agency\nto: peer-worker\nsource: s\nlinks:\n  - {from: principles.2, to: \"99.7\", kind: close}\n";
    let (ok, said) = validate_files(&[
        ("cur.yaml", curriculum),
        ("req.yaml", requirements),
        ("al.yaml", alignment),
    ]);
    assert!(!ok);
    for expected in [
        "cur.yaml:7:14: module M1: '2.1-2.9' matches nothing: no entry '2.1-2.9' (category 2 has items 1-8)",
        "cur.yaml:7:25: module M1: '10.18' matches nothing: no entry '10.18' (category 10 has items 1-8)",
        "req.yaml:4:12: requirement 1: 'icrc:9' matches nothing: unknown tag (known: icrc:1, icrc:2, icrc:3, icrc:4)",
        "al.yaml:6:30: no entry '99.7' in peer-worker",
        "4 problems in 3 files",
    ] {
        assert!(said.contains(expected), "{expected}\n{said}");
    }
    // A framework named that is neither loaded nor embedded.
    let elsewhere = curriculum.replace("peer-worker", "state-x");
    let (ok, said) = validate_files(&[("cur.yaml", &elsewhere)]);
    assert!(!ok);
    assert!(said.contains("cur.yaml: framework 'state-x' is not loaded"), "{said}");
    // What validate passes, coverage accepts: the shipped examples.
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    for dir in ["curriculum", "requirements", "alignment"] {
        cargo_bin_cmd!("peercomp")
            .env_remove("PEERCOMP_DATA")
            .args(["validate", &format!("{examples}/{dir}")])
            .assert()
            .success();
    }
}
