//! What a new user trusts: provenance in `show`, sources by title, names the data made up marked
//! as such, checklists, completions and the manual.

use assert_cmd::cargo::cargo_bin_cmd;
use peercomp::model::label_name;
use serde_json::Value;

fn stdout_of(args: &[&str]) -> String {
    let out = cargo_bin_cmd!("peercomp").env("COLUMNS", "100").args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// In a pipe: every table row on one line.
fn piped_of(args: &[&str]) -> String {
    let out = cargo_bin_cmd!("peercomp").env_remove("COLUMNS").args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

fn json_of(args: &[&str]) -> Value {
    serde_json::from_str(&stdout_of(args)).unwrap()
}

#[test]
fn show_gives_the_source_line_and_why_a_tag_is_inferred() {
    let shown = &json_of(&["show", "1.1", "--json"])[0];
    assert_eq!(shown["source"]["document"], "000_1a72edc170f4ec12.txt");
    assert_eq!(shown["source"]["line"], 16);
    // 1.1's samhsa tag is inferred for a reason given once, on the scheme.
    let why = shown["inferred"][0]["reason"].as_str().unwrap();
    assert_eq!(shown["inferred"][0]["tag"], "samhsa");
    assert!(why.contains("an item with no source tag is a SAMHSA item"), "{why}");
    let table = piped_of(&["show", "1.1"]);
    assert!(table.contains("why inferred"), "{table}");
    assert!(table.contains("line 16 of 000_1a72edc170f4ec12.txt"), "{table}");
    // An agency entry: the reason is in its category's notes.
    let integration = &json_of(&["show", "integration.1", "--json"])[0];
    let why = integration["inferred"][0]["reason"].as_str().unwrap();
    assert!(why.contains("SAMHSA has provided recommendations"), "{why}");
    assert_eq!(integration["source"]["line"], 68);
    // Where the entry's own note says why, the table does not say it twice.
    let one_nine = piped_of(&["show", "1.9"]);
    assert!(!one_nine.contains("why inferred") && one_nine.contains("tagged rfc:6 here, inferred"));
    // Nothing inferred, nothing to explain.
    assert_eq!(json_of(&["show", "principles.1", "--json"])[0]["inferred"], serde_json::json!([]));
}

#[test]
fn frameworks_name_their_sources_by_title() {
    let rows = json_of(&["frameworks", "--format", "json"]);
    let text = piped_of(&["frameworks"]);
    assert!(!text.contains(".txt"), "{text}");
    let agency = rows.as_array().unwrap().iter().find(|r| r["id"] == "agency").unwrap();
    assert_eq!(
        agency["source"]["title"],
        "Core Competencies for Agencies that Employ Peer Support Workers"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("agency\t") && l.matches("Core Competencies").count() == 2)
    );
}

#[test]
fn names_taken_from_statements_are_marked_and_true_to_them() {
    let tags = json_of(&["tags", "--framework", "peer-worker", "--json"]);
    let entries = json_of(&["list", "--tag", "rfc", "--json"]);
    let mut marked = Vec::new();
    for tag in tags.as_array().unwrap() {
        let Some(ids) = tag.get("named_after").and_then(Value::as_array) else { continue };
        marked.push(tag["tag"].as_str().unwrap().to_owned());
        let name = label_name(tag["label"].as_str().unwrap()).unwrap();
        for id in ids {
            let entry = entries.as_array().unwrap().iter().find(|e| &e["id"] == id).unwrap();
            // The statement gives the name, and the entry carries the tag it names.
            assert_eq!(entry["text"].as_str().unwrap(), name, "{id}");
            assert!(entry["tags"].as_array().unwrap().iter().any(|t| t["tag"] == tag["tag"]));
        }
    }
    assert_eq!(marked, ["rfc:2", "rfc:3", "rfc:4", "rfc:5", "rfc:6", "rfc:9"]);
    let table = piped_of(&["tags", "--framework", "peer-worker"]);
    assert!(table.contains("Addresses barriers to housing†"), "{table}");
    assert!(table.contains("† named after the statement of the entry tagged with it"));
    assert!(!table.contains("IC&RC Domain 1: Advocacy†"));
    let crosswalk = piped_of(&["crosswalk", "--by", "rfc"]);
    assert!(crosswalk.contains("rfc:3 Addresses barriers to housing†"), "{crosswalk}");
    assert!(crosswalk.contains("† named after the statement"));
    let icrc = stdout_of(&["crosswalk", "--by", "icrc"]);
    assert!(!icrc.contains('†'), "{icrc}");
}

/// What bash offers after the words typed, through the script `peercomp completions bash`
/// writes: the words as the shell would split them, the last one being completed (bash splits
/// at a colon too: `icrc:` is `icrc`, `:` and an empty word).
fn bash_completes(words: &[&str]) -> Vec<String> {
    let script = stdout_of(&["completions", "bash"]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("peercomp.bash");
    std::fs::write(&path, script).unwrap();
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let line = format!(
        "source '{}'; COMP_WORDS=({}); COMP_CWORD={}; COMP_LINE='{}'; COMP_POINT=${{#COMP_LINE}}; \
         _peercomp_colons peercomp '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        path.display(),
        quoted.join(" "),
        words.len() - 1,
        words.join(" "),
        words[words.len() - 1],
        words[words.len() - 2],
    );
    let out = std::process::Command::new("bash").args(["-c", &line]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(str::to_owned).collect()
}

#[test]
fn bash_completes_the_values_of_the_frameworks() {
    if !crate::tools("bash_completes_the_values_of_the_frameworks", &["bash"]) {
        return;
    }
    let tags = bash_completes(&["peercomp", "list", "--tag", "icrc"]);
    assert_eq!(tags, ["icrc", "icrc:1", "icrc:2", "icrc:3", "icrc:4"]);
    let by = bash_completes(&["peercomp", "crosswalk", "--by", ""]);
    assert_eq!(by, ["samhsa", "icrc", "rfc", "sfu"]);
    assert_eq!(bash_completes(&["peercomp", "search", "--framework", "ag"]), ["agency"]);
    assert_eq!(bash_completes(&["peercomp", "list", "--category", "fac"]), ["factors"]);
    let ids = bash_completes(&["peercomp", "show", "6.9"]);
    assert_eq!(ids, ["6.9", "6.9.1", "6.9.2", "6.9.3", "6.9.4", "6.9.5", "6.9.6"]);
    assert!(bash_completes(&["peercomp", "se"]).contains(&"search".to_owned()));
    // After a colon: bash replaces the word after it, so it is offered the codes' rest (it
    // inserted `icrc:-` once, every option matching the empty word).
    let codes = bash_completes(&["peercomp", "list", "--tag", "icrc", ":", ""]);
    assert_eq!(codes, ["1", "2", "3", "4"]);
    assert_eq!(bash_completes(&["peercomp", "list", "--tag", "icrc", ":", "4"]), ["4"]);
    let after = bash_completes(&["peercomp", "list", "--tag", "icrc", ":", "4", "--fram"]);
    assert_eq!(after, ["--framework"], "words after a tag are as before");
    // The values still only help: a value the script does not know is for the parser to judge.
    cargo_bin_cmd!("peercomp").args(["list", "--tag", "ICRC:4"]).assert().success();
}

/// A roff page as `groff -man -Tutf8` renders it, with its warnings (none expected).
fn rendered(page: &[u8]) -> (String, String) {
    use std::io::Write as _;
    let mut child = std::process::Command::new("groff")
        // Plain text: no escape sequences, no overstriking for bold and underline.
        .args(["-man", "-Tutf8", "-ww", "-rLL=100n", "-P-cbou"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(page).unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    (text, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn every_command_has_a_manual_page_with_examples_and_exit_status() {
    if !crate::tools("every_command_has_a_manual_page_with_examples_and_exit_status", &["groff"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = cargo_bin_cmd!("peercomp")
        .args(["man", "--out", dir.path().to_str().unwrap()])
        .assert()
        .success();
    let said = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(said.contains(&format!("wrote {} manual pages", names.len())), "{said}");
    for command in ["list", "search", "show", "crosswalk", "coverage", "export", "man"] {
        assert!(names.contains(&format!("peercomp-{command}.1")), "{names:?}");
    }
    let top = std::fs::read(dir.path().join("peercomp.1")).unwrap();
    let (text, warnings) = rendered(&top);
    assert!(warnings.is_empty(), "{warnings}");
    // The top page promises a page per command, and each exists.
    for name in &names {
        let page = name.trim_end_matches(".1");
        if page != "peercomp" {
            assert!(text.contains(&format!("{page}(1)")), "{page} named on the top page");
        }
    }
    for name in &names {
        let (text, warnings) = rendered(&std::fs::read(dir.path().join(name)).unwrap());
        assert!(warnings.is_empty(), "{name}: {warnings}");
        assert!(text.contains("EXIT STATUS") && text.contains("usage error"), "{name}");
        assert!(text.contains("SYNOPSIS") && text.contains("OPTIONS"), "{name}");
    }
    let (list, _) = rendered(&std::fs::read(dir.path().join("peercomp-list.1")).unwrap());
    assert!(list.contains("EXAMPLES"), "{list}");
    assert!(list.contains("peercomp list --tag icrc:4"), "{list}");
    assert!(list.contains("--data <PATH>"), "global flags documented on every page");
    // One page to standard output, and a command that does not exist.
    let one = cargo_bin_cmd!("peercomp").args(["man", "search"]).assert().success();
    assert_eq!(
        one.get_output().stdout,
        std::fs::read(dir.path().join("peercomp-search.1")).unwrap()
    );
    cargo_bin_cmd!("peercomp")
        .args(["man", "nope"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("no command 'nope'"));
}

#[test]
fn global_flags_have_their_own_heading_in_every_command_help() {
    for command in ["list", "search", "show", "crosswalk", "export", "validate", "man"] {
        let help = stdout_of(&[command, "--help"]);
        let (before, global) = help.split_once("\nGlobal options:\n").expect(command);
        assert!(
            global.contains("--data <PATH>") && global.contains("--with-embedded"),
            "{command}"
        );
        assert!(!before.contains("--data <PATH>"), "{command}: --data among the command's own");
    }
}

#[test]
fn man_out_writes_no_page_through_a_link_nor_into_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    std::fs::create_dir(&out).unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "keep").unwrap();
    std::os::unix::fs::symlink(&victim, out.join("peercomp-list.1")).unwrap();
    let made = std::process::Command::new("mkfifo").arg(out.join("peercomp-show.1")).status();
    assert!(made.unwrap().success());
    // It once overwrote the link's target, and waited forever on the FIFO.
    let run = cargo_bin_cmd!("peercomp")
        .args(["man", "--out", out.to_str().unwrap()])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let said = String::from_utf8(run.stderr).unwrap();
    assert!(said.contains("peercomp-list.1: a symbolic link"), "{said}");
    assert!(said.contains("peercomp-show.1: not a regular file"), "{said}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    assert!(!out.join("peercomp.1").exists(), "every page checked before any is written");
}

#[test]
fn man_out_makes_its_folder_and_says_when_it_cannot() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("share/man/man1");
    cargo_bin_cmd!("peercomp")
        .args(["man", "--out", nested.to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicates::str::contains("manual pages to"));
    assert!(nested.join("peercomp-list.1").is_file(), "the folder was made and written");
    // A folder that cannot be made (a file stands in its path) is an error, saying why.
    let blocked = dir.path().join("file");
    std::fs::write(&blocked, "").unwrap();
    let under = blocked.join("man1");
    cargo_bin_cmd!("peercomp")
        .args(["man", "--out", under.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("cannot make the folder"));
}

#[test]
fn embedded_frameworks_named_with_data_load_by_themselves() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/alignment/state-cprs.yaml");
    let links =
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/alignment/state-cprs-peer-worker.yaml");
    // The state's list by peer-worker's IC&RC domains, through the reviewed links: without
    // --with-embedded, and still the state's crosswalk, not peer-worker's own.
    let csv = stdout_of(&[
        "--data",
        file,
        "--data",
        links,
        "crosswalk",
        "--by",
        "peer-worker:icrc",
        "--format",
        "csv",
    ]);
    assert!(csv.starts_with("category,title,icrc:1,icrc:2,icrc:3,icrc:4\nadv,Advocacy,"), "{csv}");
    let listed = json_of(&["--data", file, "list", "--framework", "agency", "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 79, "{listed}");
    // A curriculum that names peer-worker.
    let training =
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/curriculum/peer-recovery-training.yaml");
    let out = stdout_of(&["--data", file, "coverage", training]);
    assert!(out.starts_with("Peer Recovery Specialist Training, mapped to peer-worker:"), "{out}");
    // A framework that exists nowhere is still named as unknown, with what is loaded.
    let out = cargo_bin_cmd!("peercomp")
        .env_remove("PEERCOMP_DATA")
        .args(["--data", file, "list", "--framework", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap().trim(),
        "error: unknown framework 'nope' (loaded: state-cprs)"
    );
}

#[test]
fn small_things_a_new_user_hit() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.yaml");
    let entry = |field: &str| {
        format!(
            "id: x\ntitle: X\ncategories:\n  - id: a\n    title: A\n    entries:\n      - id: a.1\n        text: t\n        {field}: hello\n"
        )
    };
    let said = |text: String| {
        std::fs::write(&file, text).unwrap();
        let out = cargo_bin_cmd!("peercomp").arg("validate").arg(&file).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    // Another name for a field, misspelt: offered the field.
    assert!(said(entry("statment")).contains("unknown field `statment`, did you mean `text`?"));
    // The fields offered are those a person writes, not those kept from CASE.
    let listed = said(entry("colour"));
    assert!(
        listed.contains("expected one of as_written, id, line, notes, subitems, tags, text, title"),
        "{listed}"
    );
    // A flag one transposition off: clap's own measure missed it.
    let out = cargo_bin_cmd!("peercomp").args(["list", "--tga", "icrc:4"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let error = String::from_utf8(out.stderr).unwrap();
    assert!(error.contains("tip: a similar argument exists: '--tag'"), "{error}");
    // The alignment written to review says how to get the schema its first line names.
    let accepted = dir.path().join("review.yaml");
    let out = cargo_bin_cmd!("peercomp")
        .args(["align", "--from", "agency", "--to", "peer-worker", "--accept"])
        .arg(&accepted)
        .output()
        .unwrap();
    assert!(out.status.success());
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(said.starts_with("wrote ") && said.contains(" links to "), "{said}");
    let text = std::fs::read_to_string(&accepted).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=alignment.schema.json\n# For editors, write the schema beside this file: peercomp schema --kind alignment > alignment.schema.json\n"), "{text}");
}
