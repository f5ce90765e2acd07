//! Input and output as the shell sees them: pipes, terminals, exit statuses, `--data` files.

use std::io::Read;
use std::process::Stdio;

use predicates::prelude::*;
use serde_json::json;

use crate::{FIXTURES, fixture, json_of, peercomp, stdout_of};

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
    peercomp().args(["--data", &format!("{FIXTURES}/../io.rs"), "list"]).assert().code(1).stderr(
        predicate::str::contains(
            "expected a name ending in .yaml, .yml, .json, .jsonld, .csv or .xlsx",
        ),
    );
    let mini = fixture("mini.yaml");
    peercomp().args(["--data", &mini, "--data", &mini, "list"]).assert().code(1).stderr(format!(
        "error: {mini}:2:5: framework 'mini' is loaded twice: {mini} holds it too\n"
    ));
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
        // Whatever the format: CSV, HTML, YAML and Markdown carry text as they are in a pipe,
        // and on a terminal the guard shows its controls escaped.
        let bin = env!("CARGO_BIN_EXE_peercomp");
        for args in [
            "list -f csv",
            "list -f csv --raw",
            "export --to html",
            "export --to yaml",
            "export --to csv",
            "list --checklist --format html",
        ] {
            let command = format!("{bin} --data {data} {args}");
            let out = std::process::Command::new("script")
                .args(["-qec", &command, "/dev/null"])
                .output()
                .unwrap();
            let shown = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success(), "{args}: {shown}");
            let raw = out
                .stdout
                .windows(2)
                .any(|w| w == b"\x1b]" || w == b"\x1b[" || w[0] == 0x07 || w == [0xc2, 0x9b]);
            assert!(!raw, "{args} drove the terminal: {shown}");
            assert!(shown.contains(r"\e[2J") || shown.contains(r"\u001b[2J"), "{args}: {shown}");
        }
    }
    // clap's own errors echo what was typed: escaped too.
    let out = peercomp().args(["list", "--tag", "zz\x1b[2J"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.stderr.contains(&0x1b) && said.contains(r"zz\e[2J"), "{said}");
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
    // A stderr closed at start reads as /dev/null: what was to be said was not (once 0).
    let (code, ..) = shell("\"$P\" list --grep zzzz 2>&-");
    assert_eq!(code, Some(1), "the message was lost");
    let (code, ..) = shell("\"$P\" list --tag icrc:4 2>&-");
    assert_eq!(code, Some(0), "nothing to say, nothing lost");
    let (code, _, err) = shell("\"$P\" list >/dev/full");
    assert_eq!(code, Some(1));
    assert!(err.contains("No space left on device"), "{err}");
}
