//! Hostile input: every row of the attack on the first build (issue 17), scaled to run in
//! seconds, through the built binary. Each run must end with the status it calls for and a
//! clear message, never an abort, and within the memory budget docs/limits.md states: a peak
//! resident set under [`BUDGET`] times the input's size, or [`FLOOR`] where that is more (issue
//! 32: 8 times, or 100 MB), measured by GNU time (`%M`), never by the clock. Every run has
//! [`ADDRESS_SPACE`] at most (`prlimit --as`, util-linux's): no input may abort under it.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Peak memory allowed per byte of input, on every path (error or not).
const BUDGET: u64 = 8;
/// The budget of a small input: 100 MB, which holds the process itself (the binary, its
/// runtime, the embedded data: a test build peaks at 24-25 MiB on an empty workbook).
const FLOOR: u64 = 100_000_000;
/// The test build (unoptimized, with debug information) is given a quarter more than the
/// shipped binary, which `.ci/run` holds to the budget itself (`PEERCOMP_BIN`): it peaked 5 to
/// 7% above the shipped binary on the rows nearest the budget.
const TEST_BUILD: f64 = 1.25;

/// The address space a run may take, as issue 32's attack gave each run: an allocation past it
/// fails, and Rust aborts, which a run must never do.
const ADDRESS_SPACE: u64 = 2 << 30;

/// One run: its exit status, what it wrote, and its peak resident set in bytes.
struct Run {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
    peak: u64,
}

/// The binary tried: the test build's, or the one `PEERCOMP_BIN` names (`.ci/run` names the
/// shipped binary, whose memory is what the README's figures promise).
fn binary() -> PathBuf {
    match std::env::var_os("PEERCOMP_BIN") {
        // Relative to where the tests start (the package's root): each run is in a scratch
        // directory of its own.
        Some(bin) => std::env::current_dir().unwrap().join(bin),
        None => env!("CARGO_BIN_EXE_peercomp").into(),
    }
}

/// Runs peercomp under GNU time with these arguments in `dir`.
fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let time = dir.join(".time");
    let out = Command::new("prlimit")
        .arg(format!("--as={ADDRESS_SPACE}"))
        .args(["--", "/usr/bin/time", "-f", "%M", "-o"])
        .arg(&time)
        .arg(binary())
        .args(args)
        .current_dir(dir)
        .env_remove("PEERCOMP_DATA")
        .env_remove("COLUMNS")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let kib: u64 = std::fs::read_to_string(&time)
        .unwrap()
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .expect("GNU time's %M");
    Run {
        code: out.status.code(),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        peak: kib * 1024,
    }
}

/// Whether GNU time is here to measure memory (CI installs it; elsewhere the suite says so).
fn measurable() -> bool {
    let prlimit =
        Command::new("prlimit").arg("--version").output().is_ok_and(|o| o.status.success());
    if Path::new("/usr/bin/time").is_file() && prlimit {
        return true;
    }
    let needs = "GNU time and util-linux's prlimit (.ci/run installs GNU time)";
    assert!(std::env::var_os("CI").is_none(), "under CI, the hostile suite needs {needs}");
    let _ = writeln!(std::io::stderr(), "skipped hostile: needs {needs}");
    false
}

/// A directory for a test's files, where memory can be measured here.
fn scratch() -> Option<tempfile::TempDir> {
    measurable().then(|| tempfile::tempdir().unwrap())
}

/// Asserts the run's status, that its messages (stderr, or a report of problems on stdout) say
/// `says`, and that memory kept to the budget for an input of `input` bytes.
fn check(name: &str, run: &Run, code: i32, says: &str, input: u64) {
    assert_eq!(run.code, Some(code), "{name}: status; stderr: {}", head(&run.stderr));
    let said = format!(
        "{}{}",
        run.stderr,
        String::from_utf8_lossy(&run.stdout[..run.stdout.len().min(4096)])
    );
    assert!(said.contains(says), "{name}: nothing says {says:?}: {}", head(&said));
    assert!(!run.stderr.contains("panicked"), "{name}: {}", head(&run.stderr));
    let limit = (BUDGET * input).max(FLOOR);
    let limit = match std::env::var_os("PEERCOMP_BIN") {
        Some(_) => limit,
        None => (limit as f64 * TEST_BUILD) as u64,
    };
    // HOSTILE_REPORT=1 prints each row's figures, for the README's table.
    if std::env::var_os("HOSTILE_REPORT").is_some() {
        let ratio = run.peak as f64 / input.max(1) as f64;
        let line = format!(
            "{name}\t{} KiB in\t{} MiB peak\t{ratio:.1}x the input",
            input >> 10,
            run.peak >> 20
        );
        let _ = writeln!(std::io::stderr(), "{line}");
    }
    assert!(
        run.peak <= limit,
        "{name}: peak {} MiB over the budget {} MiB for {} KiB of input",
        run.peak >> 20,
        limit >> 20,
        input >> 10
    );
}

fn head(text: &str) -> &str {
    &text[..text.len().min(600)]
}

fn write(dir: &Path, name: &str, text: &str) -> (PathBuf, u64) {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    (path, text.len() as u64)
}

/// A CASE package of items and `isChildOf` links (child, parent), the document being `doc`.
fn case(items: &[String], links: &[(String, String)]) -> String {
    let node =
        |id: &str| format!(r#"{{"identifier": "{id}", "uri": "urn:{id}", "title": "{id}"}}"#);
    let items: Vec<String> = items
        .iter()
        .map(|id| {
            format!(
                r#"{{"identifier": "{id}", "uri": "urn:{id}", "fullStatement": "Statement {id}", "lastChangeDateTime": "2020-01-01T00:00:00+00:00"}}"#
            )
        })
        .collect();
    let links: Vec<String> = links
        .iter()
        .enumerate()
        .map(|(i, (child, parent))| {
            format!(
                r#"{{"identifier": "a{i}", "uri": "urn:a{i}", "associationType": "isChildOf", "originNodeURI": {}, "destinationNodeURI": {}, "lastChangeDateTime": "2020-01-01T00:00:00+00:00"}}"#,
                node(child),
                node(parent)
            )
        })
        .collect();
    format!(
        r#"{{"CFDocument": {{"identifier": "doc", "uri": "urn:doc", "creator": "c", "title": "T", "lastChangeDateTime": "2020-01-01T00:00:00+00:00"}}, "CFItems": [{}], "CFAssociations": [{}]}}"#,
        items.join(","),
        links.join(",")
    )
}

/// A framework file: one category of `entries` (YAML), with a scheme `s` of `codes` codes.
fn framework(codes: usize, entries: &str) -> String {
    let codes: String =
        (0..codes).map(|i| format!("      - code: \"{i}\"\n        label: \"S {i}\"\n")).collect();
    format!(
        "id: hostile\ntitle: Hostile\nschemes:\n  - id: s\n    name: S\n    label: S\n    codes:\n{codes}categories:\n  - id: \"1\"\n    title: One\n    entries:\n{entries}"
    )
}

#[test]
fn case_hierarchies_that_loop_go_deep_or_fan_out() {
    let Some(dir) = scratch() else { return };
    let d = dir.path();
    let ids = |n: usize| (0..n).map(|i| format!("i{i}")).collect::<Vec<_>>();
    // Its own parent; a two-item cycle.
    let own = case(&ids(1), &[("i0".into(), "i0".into())]);
    let (file, size) = write(d, "own.json", &own);
    let r = run(d, &["--data", file.to_str().unwrap(), "list"], &[]);
    check("self-parent", &r, 1, "i0", size);
    let cycle = case(&ids(2), &[("i0".into(), "i1".into()), ("i1".into(), "i0".into())]);
    let (file, size) = write(d, "cycle.json", &cycle);
    check("cycle", &run(d, &["validate", file.to_str().unwrap()], &[]), 1, "i1", size);
    // A chain 10,000 deep.
    let mut links = vec![("i0".to_owned(), "doc".to_owned())];
    links.extend((1..10_000).map(|i| (format!("i{i}"), format!("i{}", i - 1))));
    let (file, size) = write(d, "chain.json", &case(&ids(10_000), &links));
    check("chain", &run(d, &["validate", file.to_str().unwrap()], &[]), 1, "deep", size);
    // A chain 100,000 deep, 43 MB: read as a compact document (`model::compact`), within 8
    // times its size (719 MB, 16.5 times, when it was read as a `serde_json::Value`).
    let mut links = vec![("i0".to_owned(), "doc".to_owned())];
    links.extend((1..100_000).map(|i| (format!("i{i}"), format!("i{}", i - 1))));
    let (file, size) = write(d, "deep.json", &case(&ids(100_000), &links));
    let r = run(d, &["validate", file.to_str().unwrap()], &[]);
    check("a CASE chain 100,000 deep", &r, 1, "'i14' is nested 13 levels", size);
    // A diamond lattice: each level's items children of both items above, 20 levels.
    let mut links =
        vec![("l0a".to_owned(), "doc".to_owned()), ("l0b".to_owned(), "doc".to_owned())];
    let mut items = vec!["l0a".to_owned(), "l0b".to_owned()];
    for level in 1..20 {
        for side in ["a", "b"] {
            let id = format!("l{level}{side}");
            links.push((id.clone(), format!("l{}a", level - 1)));
            links.push((id.clone(), format!("l{}b", level - 1)));
            items.push(id);
        }
    }
    let (file, size) = write(d, "diamond.json", &case(&items, &links));
    let r = run(d, &["validate", file.to_str().unwrap()], &[]);
    // Every item placed once (a second parent is a relation); 20 levels pass the depth limit.
    check("diamond", &r, 1, "deep", size);
    // A wide diamond, 12 levels of 60 items, each a child of all 60 above (39,600 links, 12
    // MB): every second parent kept as a relation for the round trip, each with the
    // association it was read from (234 MiB, 20 times, when those were `serde_json` maps).
    let mut links = Vec::new();
    let mut items = Vec::new();
    for level in 0..12 {
        for k in 0..60 {
            let id = format!("w{level}_{k}");
            match level {
                0 => links.push((id.clone(), "doc".to_owned())),
                _ => links.extend((0..60).map(|p| (id.clone(), format!("w{}_{p}", level - 1)))),
            }
            items.push(id);
        }
    }
    let (file, size) = write(d, "wide.json", &case(&items, &links));
    let r = run(d, &["validate", file.to_str().unwrap()], &[]);
    check("a CASE diamond 12 x 60", &r, 0, "no problems in 1 file", size);
    // Orphans, a missing parent, an unlinked cycle and a repeated identifier: each named.
    let mut items = ids(6);
    items.push("i5".into());
    let links = [
        ("i0".to_owned(), "doc".to_owned()),
        ("i2".to_owned(), "nowhere".to_owned()),
        ("i3".to_owned(), "i4".to_owned()),
        ("i4".to_owned(), "i3".to_owned()),
    ];
    let (file, size) = write(d, "lost.json", &case(&items, &links));
    let r = run(d, &["validate", file.to_str().unwrap()], &[]);
    check("lost items", &r, 1, "", size);
    let said = String::from_utf8_lossy(&r.stdout);
    for id in ["i2", "i3", "i5"] {
        assert!(said.contains(&format!("'{id}'")), "lost items: {id} unnamed: {said}");
    }
    // An item with no isChildOf, while others hang from the document, is kept (loose, in a
    // category named after the document), not dropped.
    let loose = case(&ids(2), &[("i0".to_owned(), "doc".to_owned())]);
    let (file, size) = write(d, "loose.json", &loose);
    let r = run(d, &["--data", file.to_str().unwrap(), "list", "--json"], &[]);
    check("a loose item", &r, 0, "", size);
    let listed: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["code"].as_str().or(e["id"].as_str()))
        .collect();
    assert!(ids.iter().any(|id| id.contains("i1")), "{ids:?}");
}

/// Framework files of many small strings (10 MB: 750,000 one-letter notes): valid, with a
/// structural error, with a semantic one.
#[test]
fn many_tiny_notes_valid_or_not() {
    let Some(dir) = scratch() else { return };
    let d = dir.path();
    let notes: String = "          - a\n".repeat(750_000);
    let entry = |text_field: &str| {
        format!("      - id: \"1.1\"\n        {text_field}: A statement\n        notes:\n{notes}")
    };
    let (file, size) = write(d, "valid.yaml", &framework(1, &entry("text")));
    check("valid notes", &run(d, &["--data", file.to_str().unwrap(), "list"], &[]), 0, "", size);
    let (file, size) = write(d, "unknown.yaml", &framework(1, &entry("txt")));
    let r = run(d, &["validate", file.to_str().unwrap()], &[]);
    check("an unknown field among the notes", &r, 1, "", size);
    assert!(String::from_utf8_lossy(&r.stdout).contains("did you mean `text`?"));
    let duplicate = entry("text") + "      - id: \"1.1\"\n        text: Again\n";
    let (file, size) = write(d, "duplicate.yaml", &framework(1, &duplicate));
    let r = run(d, &["validate", file.to_str().unwrap()], &[]);
    check("a repeated id after the notes", &r, 1, "", size);
    assert!(String::from_utf8_lossy(&r.stdout).contains("is used twice"));
}

/// YAML files whose structure is wrong everywhere, over 12.5 MB so that the budget is 8 times
/// the input: an unknown field in each of 220,000 entries, and one entry of 750,000 unknown
/// keys. Every problem is found in one walk of a located
/// tree of 20 bytes a node; the first 10,000 are listed and the rest counted, where they begin.
#[test]
fn structural_problems_by_the_hundred_thousand() {
    let Some(dir) = scratch() else { return };
    let d = dir.path();
    let entries: String = (1..=220_000)
        .map(|i| format!("      - {{id: \"1.{i}\", text: \"Statement {i}\", bogus: x}}\n"))
        .collect();
    let (file, size) = write(d, "unknown.yaml", &framework(1, &entries));
    let r = run(d, &["validate", file.to_str().unwrap()], &[]);
    let says = "unknown field `bogus`, expected one of as_written, id, line, notes";
    check("an unknown field in each of 220,000 entries", &r, 1, says, size);
    let out = String::from_utf8_lossy(&r.stdout);
    assert_eq!(out.lines().count(), 10_001, "{}", head(&out));
    let last = out.lines().last().unwrap();
    let rest =
        "unknown.yaml:10014:50: 210000 more problems of the kind unknown-field, from here on";
    assert!(last.contains(rest), "{last}");
    assert!(r.stderr.contains("220000 problems in 1 file"), "{}", head(&r.stderr));
    let keys: String = (0..750_000).map(|i| format!("        k{i}: 1\n")).collect();
    let entry = format!("      - id: \"1.1\"\n        text: T\n{keys}");
    let (file, size) = write(d, "keys.yaml", &framework(1, &entry));
    let r = run(d, &["validate", file.to_str().unwrap()], &[]);
    check("one entry of 750,000 unknown keys", &r, 1, "unknown field `k1` (the fields", size);
    let out = String::from_utf8_lossy(&r.stdout);
    assert!(out.contains("740000 more problems of the kind unknown-field"), "{}", head(&out));
}

/// peercomp reads back what it writes: its CASE export of 100,000 entries is over the 128 MiB
/// that a file may be, and a CASE package may be twice that (issue 32, finding 8).
#[test]
fn its_own_case_export_of_100000_entries_reads_back() {
    let Some(dir) = scratch() else { return };
    let d = dir.path();
    let entries: String = (1..=100_000)
        .map(|i| {
            format!(
                "      - id: \"1.{i}\"\n        text: Supports peers in their recovery, number {i}\n        tags: [{{tag: \"s:{}\"}}]\n",
                i % 7
            )
        })
        .collect();
    let (file, size) = write(d, "big.yaml", &framework(7, &entries));
    let path = file.to_str().unwrap();
    let r = run(d, &["--data", path, "export", "--to", "case", "-o", "big.case.json"], &[]);
    check("export 100,000 entries to CASE", &r, 0, "", size);
    let size = std::fs::metadata(d.join("big.case.json")).unwrap().len();
    assert!(size > 128 << 20, "the export is {} MiB, within the limit of other files", size >> 20);
    let r = run(d, &["--data", "big.case.json", "frameworks", "--json"], &[]);
    check("read back its CASE export of 100,000 entries", &r, 0, "\"hostile\"", size);
}

#[test]
fn thousands_of_tags_defined_or_not() {
    let Some(dir) = scratch() else { return };
    let d = dir.path();
    let n = 10_000;
    let tags = |scheme: &str| {
        (0..n).map(|i| format!("{{tag: \"{scheme}:{i}\"}}")).collect::<Vec<_>>().join(", ")
    };
    let entry = |scheme: &str| {
        format!("      - id: \"1.1\"\n        text: T\n        tags: [{}]\n", tags(scheme))
    };
    let (file, size) = write(d, "tags.yaml", &framework(n, &entry("s")));
    let path = file.to_str().unwrap();
    check("10,000 tags", &run(d, &["--data", path, "list", "--json"], &[]), 0, "", size);
    let r = run(d, &["--data", path, "export", "--to", "case"], &[]);
    check("10,000 tags to CASE", &r, 0, "", size);
    let (file, size) = write(d, "undefined.yaml", &framework(n, &entry("t")));
    let r = run(d, &["validate", file.to_str().unwrap()], &[]);
    check("10,000 undefined tags", &r, 1, "", size);
    // A message names a few known values, never the whole scheme: output stays small.
    assert!((r.stdout.len() as u64) < 400 * n as u64, "{} bytes of problems", r.stdout.len());
}

#[test]
fn large_outputs_stay_in_proportion() {
    let Some(dir) = scratch() else { return };
    let d = dir.path();
    // A framework of 20,000 entries in every export format, and overlaps of 5,000 identical
    // statements (one group, not 12.5 million pairs).
    let entries: String = (1..=20_000)
        .map(|i| format!("      - id: \"1.{i}\"\n        text: Supports peers in recovery number {i}\n        tags: [{{tag: \"s:{}\"}}]\n", i % 7))
        .collect();
    let (file, size) = write(d, "big.yaml", &framework(7, &entries));
    let path = file.to_str().unwrap();
    for to in ["json", "yaml", "csv", "case", "ctdl", "markdown", "html", "xlsx"] {
        let file = format!("out.{}", if to == "ctdl" { "jsonld" } else { to });
        let r = run(d, &["--data", path, "export", "--to", to, "-o", &file], &[]);
        check(&format!("export --to {to}"), &r, 0, "", size);
    }
    // And read back, a row at a time (a spreadsheet) or as its nodes (CTDL-ASN).
    for back in ["out.csv", "out.xlsx", "out.jsonld"] {
        let r = run(d, &["--data", back, "list", "--json"], &[]);
        let size = std::fs::metadata(d.join(back)).unwrap().len();
        check(&format!("{back} read back"), &r, 0, "", size);
        let listed = String::from_utf8_lossy(&r.stdout);
        assert!(listed.contains("recovery number 20000\""), "{back}: the last entry read back");
    }
    let same: String = (1..=5_000)
        .map(|i| format!("      - id: \"1.{i}\"\n        text: Inspires hope and change\n"))
        .collect();
    let (file, size) = write(d, "same.yaml", &framework(1, &same));
    let r = run(d, &["--data", file.to_str().unwrap(), "overlaps", "--json"], &[]);
    check("overlaps of 5,000 identical statements", &r, 0, "", size);
    let groups: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(groups.as_array().unwrap().len(), 1);
    // Sub-items 7,000 deep: refused at the depth limit, at once.
    let mut deep = String::from("      - id: \"1.1\"\n        text: T\n");
    let mut id = "1.1".to_owned();
    for level in 0..7_000 {
        let indent = " ".repeat(8 + level * 4);
        id.push_str(".1");
        deep.push_str(&format!(
            "{indent}subitems:\n{indent}  - id: \"{id}\"\n{indent}    text: T\n"
        ));
    }
    let (file, size) = write(d, "deep.yaml", &framework(1, &deep));
    let r = run(d, &["--data", file.to_str().unwrap(), "export", "--to", "json"], &[]);
    check("sub-items 7,000 deep", &r, 1, "", size);
}

#[test]
fn long_words_and_many_references() {
    let Some(dir) = scratch() else { return };
    let d = dir.path();
    // Ten texts each one unbroken 100 KB word, in a table on an 80-column terminal.
    let entries: String = (1..=10)
        .map(|i| format!("      - id: \"1.{i}\"\n        text: {}\n", "w".repeat(100_000)))
        .collect();
    let (file, size) = write(d, "words.yaml", &framework(1, &entries));
    let r = run(d, &["--data", file.to_str().unwrap(), "list"], &[("COLUMNS", "80")]);
    check("ten 100 KB words in a table", &r, 0, "", size);
    // A curriculum of 50,000 references.
    let refs: Vec<String> =
        (0..50_000).map(|i| format!("\"{}.{}\"", i % 12 + 1, i % 9 + 1)).collect();
    let curriculum = format!(
        "curriculum: Many\nframework: peer-worker\nmodules:\n  - id: m\n    title: M\n    hours: 10\n    covers: [{}]\n",
        refs.join(", ")
    );
    let (file, size) = write(d, "many.yaml", &curriculum);
    let r = run(d, &["coverage", file.to_str().unwrap()], &[]);
    // Some of the ids do not exist (1.10 ... 12.9): each is named at its place.
    check("50,000 references", &r, 1, "many.yaml:7:", size);
    // Requirements on 20,000 groups that do not exist, checked against that curriculum's
    // valid part: every group named at its place, the hints for the first few only.
    let (training, _) = write(
        d,
        "training.yaml",
        "curriculum: T\nmodules:\n  - id: m\n    title: M\n    hours: 10\n    covers: \"icrc\"\n",
    );
    let groups: String =
        (0..20_000).map(|i| format!("  - group: \"icrc:{i}x\"\n    hours: 1\n")).collect();
    let (req, size) =
        write(d, "req.yaml", &format!("credential: C\nsource: S\nrequirements:\n{groups}"));
    let args = ["coverage", training.to_str().unwrap(), "-r", req.to_str().unwrap()];
    let r = run(d, &args, &[]);
    check("20,000 requirements on groups that do not exist", &r, 1, "req.yaml:4:12:", size);
    assert_eq!(r.stderr.lines().count(), 20_000, "{}", head(&r.stderr));
}

#[test]
fn output_files_fifos_and_devices() {
    let Some(dir) = scratch() else { return };
    let d = dir.path();
    // A FIFO in a --data directory is passed over with a note, never waited on.
    let data = d.join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/framework/forensic-peer.yaml"),
        data.join("forensic-peer.yaml"),
    )
    .unwrap();
    let fifo = data.join("x.yaml");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let r = run(d, &["--data", "data", "frameworks"], &[]);
    check("a FIFO in a --data directory", &r, 0, "x.yaml", 0);
    // -o keeps a file's mode, and a 245-character name works.
    let kept = d.join("kept.json");
    std::fs::write(&kept, "old").unwrap();
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o600)).unwrap();
    let r = run(d, &["export", "--to", "json", "-o", "kept.json"], &[]);
    check("-o onto mode 600", &r, 0, "", 0);
    let mode = std::fs::metadata(&kept).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let long = format!("{}.json", "n".repeat(240));
    let r = run(d, &["export", "--to", "json", "-o", &long], &[]);
    check("-o with a long name", &r, 0, "", 0);
    assert!(d.join(&long).is_file());
    // A device is written to, never replaced (a full one: the write fails, status 1).
    if Path::new("/dev/full").exists() {
        let r = run(d, &["export", "--to", "json", "-o", "/dev/full"], &[]);
        check("-o /dev/full", &r, 1, "/dev/full: cannot write", 0);
        assert!(!std::fs::metadata("/dev/full").unwrap().is_file());
    }
    let entries: Vec<_> = std::fs::read_dir(d).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(
        entries.iter().all(|n| !n.to_string_lossy().starts_with(".tmp")),
        "no temporary file left: {entries:?}"
    );
}

#[test]
fn statuses_through_pipes_and_closed_streams() {
    let Some(dir) = scratch() else { return };
    let d = dir.path();
    let (file, _) = write(d, "bad.yaml", &framework(1, "      - id: \"1.1\"\n        txt: T\n"));
    let shell = |line: &str| {
        Command::new("bash")
            .args(["-c", &format!("set -o pipefail; {line}")])
            .current_dir(d)
            .env("P", binary())
            .output()
            .unwrap()
    };
    let file = file.to_str().unwrap();
    assert_eq!(shell(&format!("\"$P\" validate {file} | head -1")).status.code(), Some(1));
    assert_eq!(shell("\"$P\" list 2>/dev/full >&-").status.code(), Some(1));
    let closed = shell("\"$P\" list >&-");
    assert_eq!(closed.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&closed.stderr).contains("panicked"));
    for value in ["17592186044416", "abc", "-1", "1.5"] {
        let r = run(d, &["list"], &[("PEERCOMP_MAX_FILE_MIB", value)]);
        check(&format!("PEERCOMP_MAX_FILE_MIB={value}"), &r, 2, "PEERCOMP_MAX_FILE_MIB", 0);
    }
}

/// `crosswalk --framework agency --by peer-worker` through the alignment `file`.
fn crosswalk_through(file: &Path) -> [&str; 8] {
    let file = file.to_str().unwrap();
    ["--data", file, "crosswalk", "--framework", "agency", "--by", "peer-worker", "--json"]
}

#[test]
fn alignments_large_and_wrong() {
    let Some(dir) = scratch() else { return };
    let d = dir.path();
    // 20,000 links whose entries exist in neither framework: each id named at its place.
    let links: String = (0..20_000)
        .map(|i| format!("  - {{from: \"none.{i}\", to: \"99.{i}\", kind: close}}\n"))
        .collect();
    let text = format!("alignment: Wrong\nfrom: agency\nto: peer-worker\nlinks:\n{links}");
    let (file, size) = write(d, "wrong.yaml", &text);
    let r = run(d, &crosswalk_through(&file), &[]);
    check("20,000 alignment links to entries that do not exist", &r, 1, "wrong.yaml:5:12:", size);
    assert_eq!(r.stderr.lines().count(), 40_000, "{}", head(&r.stderr));
    // Every pair of 18 agency entries and 48 peer-worker entries linked (864 links): the
    // crosswalk holds them all.
    let agency: Vec<String> = ["competencies", "culture", "policy"]
        .iter()
        .flat_map(|c| (1..=6).map(move |i| format!("{c}.{i}")))
        .collect();
    let peer: Vec<String> =
        (1..=12).flat_map(|c| (1..=4).map(move |i| format!("{c}.{i}"))).collect();
    let links: String = agency
        .iter()
        .flat_map(|a| {
            peer.iter().map(move |p| format!("  - {{from: {a}, to: \"{p}\", kind: related}}\n"))
        })
        .collect();
    let text = format!("alignment: All\nfrom: agency\nto: peer-worker\nlinks:\n{links}");
    let (file, size) = write(d, "all.yaml", &text);
    let r = run(d, &crosswalk_through(&file), &[]);
    check("an alignment linking 18 x 48 entries", &r, 0, "", size);
    // Aligning 20,000 statements that share their common words with each other: only the
    // rarer words propose pairs, so the work stays in proportion.
    let entries: String = (0..20_000)
        .map(|i| {
            format!(
                "      - id: \"1.{}\"\n        text: Advocates for peers in program {i}\n",
                i + 1
            )
        })
        .collect();
    let (file, size) = write(d, "same.yaml", &framework(1, &entries));
    let args = [
        "--data",
        file.to_str().unwrap(),
        "align",
        "--from",
        "hostile",
        "--to",
        "hostile",
        "--json",
    ];
    let r = run(d, &args, &[]);
    check("aligning 20,000 alike statements with each other", &r, 0, "", size);
    // An alignment of two frameworks given with --data: validate checks it against them, as
    // every command would; alone, it says that none is loaded.
    let two = |id: &str| {
        let entries = "      - {id: \"1.1\", text: A statement}\n";
        framework(1, entries).replacen("id: hostile", &format!("id: {id}"), 1)
    };
    let (fa, _) = write(d, "fa.yaml", &two("fa"));
    let (fb, _) = write(d, "fb.yaml", &two("fb"));
    let text =
        "alignment: A\nfrom: fa\nto: fb\nlinks:\n  - {from: \"1.1\", to: \"1.1\", kind: exact}\n";
    let (al, size) = write(d, "fa-fb.yaml", text);
    let (fa, fb, al) = (fa.to_str().unwrap(), fb.to_str().unwrap(), al.to_str().unwrap());
    let r = run(d, &["--data", fa, "--data", fb, "validate", al], &[]);
    check(
        "validate an alignment of frameworks given with --data",
        &r,
        0,
        "no problems in 1 file",
        size,
    );
    let r = run(d, &["validate", al], &[]);
    check(
        "validate an alignment alone",
        &r,
        1,
        "framework 'fa' is not loaded (loaded: none)",
        size,
    );
    // 300,000 links between two frameworks of 1,000 entries (14 MB): within 8 times its size
    // (1,000,000 links took 10.8 times when each link's place was kept to find repeats).
    let thousand = |id: &str| {
        let entries: String = (1..=1_000)
            .map(|i| format!("      - {{id: \"1.{i}\", text: Statement {i}}}\n"))
            .collect();
        framework(1, &entries).replacen("id: hostile", &format!("id: {id}"), 1)
    };
    let (fa, _) = write(d, "fa.yaml", &thousand("fa"));
    let (fb, _) = write(d, "fb.yaml", &thousand("fb"));
    let links: String = (1..=300)
        .flat_map(|i| {
            (1..=1_000)
                .map(move |j| format!("  - {{from: \"1.{i}\", to: \"1.{j}\", kind: related}}\n"))
        })
        .collect();
    let text = format!("alignment: Many\nfrom: fa\nto: fb\nlinks:\n{links}");
    let (al, size) = write(d, "many.yaml", &text);
    let (fa, fb, al) = (fa.to_str().unwrap(), fb.to_str().unwrap(), al.to_str().unwrap());
    let args = ["--data", fa, "--data", fb, "--data", al, "crosswalk", "--framework", "fa"];
    let r = run(d, &[&args[..], &["--by", "fb", "--format", "csv"]].concat(), &[]);
    check("an alignment of 300,000 links", &r, 0, "", size);
}

/// An XLSX workbook of one sheet, `Entries`, made by hand: its sheet's XML (the part inside
/// `<sheetData>`) and, where given, its shared strings' part whole.
fn workbook(rows: &str, shared: Option<&[u8]>) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut parts: Vec<(&str, Vec<u8>)> = vec![
        (
            "_rels/.rels",
            format!(r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#).into_bytes(),
        ),
        (
            "xl/workbook.xml",
            format!(r#"<?xml version="1.0"?><workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Entries" sheetId="1" r:id="rId1"/></sheets></workbook>"#).into_bytes(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#).into_bytes(),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(r#"<?xml version="1.0"?><worksheet xmlns="{main}"><sheetData>{rows}</sheetData></worksheet>"#).into_bytes(),
        ),
    ];
    if let Some(shared) = shared {
        parts.push(("xl/sharedStrings.xml", shared.to_vec()));
    }
    for (name, bytes) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(&bytes).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

/// Inline-string cells at the references given, one `<row>` each.
fn cells(at: &[(&str, &str)]) -> String {
    at.iter()
        .map(|(r, text)| {
            format!(r#"<row><c r="{r}" t="inlineStr"><is><t>{text}</t></is></c></row>"#)
        })
        .collect()
}

#[test]
fn workbooks_that_claim_more_than_they_hold() {
    let Some(dir) = scratch() else { return };
    let d = dir.path();
    let header = [("A1", "category"), ("B1", "id"), ("C1", "text")];
    let row = [("A2", "1"), ("B2", "1.1"), ("C2", "A statement")];
    let save = |name: &str, bytes: &[u8]| {
        let path = d.join(name);
        std::fs::write(&path, bytes).unwrap();
        (path.to_str().unwrap().to_owned(), bytes.len() as u64)
    };
    // A well-made one loads.
    let good = cells(&[&header[..], &row[..]].concat());
    let (file, size) = save("good.xlsx", &workbook(&good, None));
    check("a hand-made workbook", &run(d, &["--data", &file, "list"], &[]), 0, "A statement", size);
    // One cell at the last place a sheet has: one cell, never a range of 17 billion; named.
    for far in ["XFD1048576", "ALL100000", "A1048576"] {
        let rows = format!("{good}{}", cells(&[(far, "x")]));
        let (file, size) = save("far.xlsx", &workbook(&rows, None));
        let r = run(d, &["validate", &file], &[]);
        let letters: String = far.chars().take_while(char::is_ascii_uppercase).collect();
        let says = match letters.as_str() {
            "A" => "the row's `id` is empty".to_owned(),
            _ => format!("far.xlsx:Entries:{}:", &far[letters.len()..]),
        };
        check(&format!("a cell at {far}"), &r, 1, &says, size);
    }
    // A reference past any sheet's rows is refused by the reader, not sized.
    let rows = format!("{good}{}", cells(&[("A4294967295", "x")]));
    let (file, size) = save("overflow.xlsx", &workbook(&rows, None));
    let r = run(d, &["validate", &file], &[]);
    check("a cell at A4294967295", &r, 1, "overflow.xlsx:Entries:4294967295:2:", size);
    // Shared strings: one that inflates past the limit (a 64 KiB part becomes 8 MiB, over a
    // limit of 4), more of them than peercomp reads, a count declared that is not held.
    let sst = |count: &str, body: &str| {
        format!(
            r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="{count}">{body}</sst>"#
        )
    };
    let shared_cell = r#"<row r="2"><c r="A2" t="s"><v>0</v></c></row>"#;
    let rows = format!("{}{shared_cell}", cells(&header));
    let huge = sst("1", &format!("<si><t>{}</t></si>", "a".repeat(8 << 20)));
    let (file, size) = save("inflates.xlsx", &workbook(&rows, Some(huge.as_bytes())));
    let r = run(d, &["validate", &file], &[("PEERCOMP_MAX_FILE_MIB", "4")]);
    check("a part that inflates past the limit", &r, 1, "inflate to more than 4 MiB", size);
    let many = sst("2100000", &"<si><t>a</t></si>".repeat(2_100_000));
    let (file, size) = save("many.xlsx", &workbook(&rows, Some(many.as_bytes())));
    let r = run(d, &["validate", &file], &[]);
    check("2.1 million shared strings", &r, 1, "holds 2100000 shared strings", size);
    let declared = sst("4000000000", "<si><t>a</t></si>");
    let (file, size) = save("declared.xlsx", &workbook(&rows, Some(declared.as_bytes())));
    let r = run(d, &["validate", &file], &[]);
    check("a count of strings declared, not held", &r, 1, "declares 4000000000", size);
    // Cells under no header: the first 20 named, the rest counted.
    let strays: String = (2..=5_000)
        .map(|i| format!(r#"<row r="{i}"><c r="E{i}" t="inlineStr"><is><t>x</t></is></c></row>"#))
        .collect();
    let rows = format!("{}{strays}", cells(&header));
    let (file, size) = save("strays.xlsx", &workbook(&rows, None));
    let r = run(d, &["validate", &file], &[]);
    check("4,999 cells under no header", &r, 1, "and 4979 more cells under no column header", size);
}

/// A CTDL-ASN graph: a framework whose top child is `c0`, and competencies `c0`..`c{n-1}`,
/// each with the extra keys `links` gives it (JSON text after its text).
fn ctdl(n: usize, links: impl Fn(usize) -> String) -> String {
    let nodes: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"@id": "c{i}", "@type": "ceasn:Competency", "ceasn:competencyText": {{"en-US": "Competency {i}"}}, "ceasn:isPartOf": "fw"{}}}"#,
                links(i)
            )
        })
        .collect();
    format!(
        r#"{{"@context": "https://credreg.net/ctdlasn/schema/context/json", "@graph": [{{"@id": "fw", "@type": "ceasn:CompetencyFramework", "ceasn:name": {{"en-US": "F"}}, "ceasn:hasTopChild": ["c0"]}}, {}]}}"#,
        nodes.join(", ")
    )
}

#[test]
fn ctdl_chains_cycles_and_links_of_the_wrong_type() {
    let Some(dir) = scratch() else { return };
    let d = dir.path();
    // A chain 100,000 deep: one problem, at the first competency too deep; none called a cycle.
    let chain = ctdl(100_000, |i| match i {
        0 => String::new(),
        _ => format!(r#", "ceasn:isChildOf": "c{}""#, i - 1),
    });
    let (file, size) = write(d, "chain.json", &chain);
    let r = run(d, &["validate", file.to_str().unwrap()], &[]);
    check("a CTDL chain 100,000 deep", &r, 1, "'c14' is nested 13 levels", size);
    let said = String::from_utf8_lossy(&r.stdout);
    assert!(!said.contains("cycle"), "{}", head(&said));
    assert_eq!(said.lines().filter(|l| l.contains("chain.json")).count(), 1, "{}", head(&said));
    // A hasChild cycle beside the top: named once, with its members.
    let cycle = ctdl(4, |i| match i {
        1 => r#", "ceasn:hasChild": ["c2"]"#.to_owned(),
        2 => r#", "ceasn:hasChild": ["c3"]"#.to_owned(),
        3 => r#", "ceasn:hasChild": ["c1"]"#.to_owned(),
        _ => String::new(),
    });
    let (file, size) = write(d, "cycle.json", &cycle);
    let r = run(d, &["validate", file.to_str().unwrap()], &[]);
    check("a hasChild cycle", &r, 1, "a cycle of competencies:", size);
    // Links that are not references: a number, an object without @id, a list in a list.
    let wrong = ctdl(2, |i| match i {
        1 => r#", "ceasn:isChildOf": [7, {"x": 1}, ["c0"]]"#.to_owned(),
        _ => String::new(),
    });
    let (file, size) = write(d, "wrong.json", &wrong);
    let r = run(d, &["validate", file.to_str().unwrap()], &[]);
    check("links of the wrong type", &r, 1, "ceasn:isChildOf holds something other", size);
    let said = String::from_utf8_lossy(&r.stdout);
    assert_eq!(said.matches("holds something other").count(), 3, "{said}");
}

#[test]
fn twins_of_common_words_are_aligned() {
    let Some(dir) = scratch() else { return };
    let d = dir.path();
    // 2,000 statements of 4 words of 20, each word in about 400 statements (past the 200 that
    // propose pairs), and their twins in another framework, in another order.
    let words = [
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
        "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra",
        "tango",
    ];
    let mut statements = Vec::new();
    'all: for a in 0..20 {
        for b in a + 1..20 {
            for c in b + 1..20 {
                for e in c + 1..20 {
                    statements.push(format!("{} {} {} {}", words[a], words[b], words[c], words[e]));
                    if statements.len() == 2_000 {
                        break 'all;
                    }
                }
            }
        }
    }
    let file = |id: &str, order: &mut dyn Iterator<Item = &String>| {
        let entries: String = order
            .enumerate()
            .map(|(i, t)| format!("      - id: \"1.{}\"\n        text: {t}\n", i + 1))
            .collect();
        format!(
            "id: {id}\ntitle: {id}\ncategories:\n  - id: \"1\"\n    title: One\n    entries:\n{entries}"
        )
    };
    let (a, size_a) = write(d, "a.yaml", &file("twins-a", &mut statements.iter()));
    let (b, size_b) = write(d, "b.yaml", &file("twins-b", &mut statements.iter().rev()));
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let args =
        ["--data", a, "--data", b, "align", "--from", "twins-a", "--to", "twins-b", "--json"];
    let r = run(d, &args, &[]);
    check("2,000 twins of common words", &r, 0, "", size_a + size_b);
    let found: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(found["unmatched"].as_array().unwrap().len(), 0, "every twin found");
    let exact = found["links"].as_array().unwrap().iter().filter(|l| l["kind"] == "exact").count();
    assert_eq!(exact, 2_000);
}

#[test]
fn schemes_that_differ_only_in_case() {
    let Some(dir) = scratch() else { return };
    let d = dir.path();
    // `icrc` and `ICRC`, a workbook's sheets for each, and ids sharing their first 40 characters.
    let long = "x".repeat(40);
    let text = format!(
        "id: cases\ntitle: Cases\nschemes:\n  - {{id: icrc, name: Lower, label: L, codes: [{{code: \"1\", label: One}}]}}\n  - {{id: ICRC, name: Upper, label: U, codes: [{{code: \"1\", label: One}}]}}\n  - {{id: {long}a, name: A, label: A}}\n  - {{id: {long}b, name: B, label: B}}\ncategories:\n  - id: \"1\"\n    title: One\n    entries:\n      - {{id: \"1.1\", text: Lower, tags: [{{tag: \"icrc:1\"}}, {{tag: {long}a}}]}}\n      - {{id: \"1.2\", text: Upper, tags: [{{tag: \"ICRC:1\"}}, {{tag: {long}b}}]}}\n"
    );
    let (file, size) = write(d, "cases.yaml", &text);
    let data = file.to_str().unwrap();
    let r = run(d, &["--data", data, "export", "--to", "xlsx", "-o", "cases.xlsx"], &[]);
    check("a workbook of schemes alike but for case", &r, 0, "", size);
    let r = run(d, &["--data", "cases.xlsx", "list", "--json"], &[]);
    check("the workbook read back", &r, 0, "Upper", size);
    for (tag, text) in [("ICRC:1", "Upper"), ("icrc:1", "Lower"), ("Icrc:1", "Lower")] {
        let r = run(d, &["--data", data, "list", "--tag", tag, "--json"], &[]);
        check(&format!("--tag {tag}"), &r, 0, "", size);
        let listed: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
        let texts: Vec<&str> =
            listed.as_array().unwrap().iter().map(|e| e["text"].as_str().unwrap()).collect();
        assert_eq!(texts, [text], "--tag {tag}");
    }
}

#[test]
fn overlaps_of_many_near_twins_whatever_the_limit() {
    let Some(dir) = scratch() else { return };
    let d = dir.path();
    // 100 groups of 200 statements that differ by one word: 2 million close pairs.
    let entries: String = (0..20_000)
        .map(|i| {
            let g = i / 200;
            format!(
                "      - id: \"1.{}\"\n        text: g{g}alpha g{g}bravo g{g}charlie g{g}delta g{g}echo u{i}x\n",
                i + 1
            )
        })
        .collect();
    let (file, size) = write(d, "near.yaml", &framework(1, &entries));
    let data = file.to_str().unwrap();
    // A limit past the largest is a usage error, said at once.
    let r = run(d, &["--data", data, "overlaps", "--limit", "18446744073709551615"], &[]);
    check("overlaps --limit 2^64-1", &r, 2, "from 1 to 100000", size);
    // The largest: it stops past 100,000 rows, saying so, within the memory budget.
    let args = ["--data", data, "overlaps", "--limit", "100000", "--min", "0.01", "--json"];
    let r = run(d, &args, &[]);
    check("overlaps --limit 100000 of 2 million pairs", &r, 1, "100000", size);
}

#[test]
fn codes_and_control_characters_where_they_are_not_expected() {
    let Some(dir) = scratch() else { return };
    let d = dir.path();
    // A CASE item coded as another item's identifier: both load, the coded one by identifier.
    let package = case(
        &["i1".into(), "i2".into()],
        &[("i1".into(), "doc".into()), ("i2".into(), "doc".into())],
    )
    .replace(
        r#""identifier": "i1", "uri": "urn:i1", "fullStatement""#,
        r#""identifier": "i1", "uri": "urn:i1", "humanCodingScheme": "i2", "fullStatement""#,
    );
    assert!(package.contains(r#""humanCodingScheme": "i2""#));
    let (file, size) = write(d, "coded.json", &package);
    let r = run(d, &["--data", file.to_str().unwrap(), "list", "--json"], &[]);
    check("an item coded as another's identifier", &r, 0, "", size);
    let listed: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    let ids: Vec<&str> =
        listed.as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["i1", "i2"]);
    // Control characters in a CSV file's texts and a NUL in an id: warned of, as in YAML.
    let (file, size) = write(
        d,
        "controls.csv",
        "category,id,text\n1,1.1,\"Bell \u{7} here\"\n1,\"1.\u{0}2\",Nul id\n",
    );
    let r = run(d, &["validate", file.to_str().unwrap()], &[]);
    check("control characters in a CSV file", &r, 0, "2 warnings", size);
    let said = String::from_utf8_lossy(&r.stdout);
    assert!(said.contains("the id '1.\\x002' holds the control character U+0000"), "{said}");
    assert!(said.contains("the text of '1.1' holds the control character U+0007"), "{said}");
}

/// A JSON framework `id` of `n` statements of 40 words, each word in exactly 100 of them, in
/// an order that `seed` shuffles: the vocabulary that once made diff take 119 CPU seconds.
fn every_word_in_a_hundred(id: &str, n: usize, seed: u64) -> String {
    let words = n * 40 / 100;
    let mut pool: Vec<usize> = (0..words).flat_map(|w| std::iter::repeat_n(w, 100)).collect();
    let mut state = seed;
    for i in (1..pool.len()).rev() {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        pool.swap(i, (state >> 33) as usize % (i + 1));
    }
    let word = |mut w: usize| {
        let mut s = String::from("q");
        w += 1;
        while w > 0 {
            s.push((b'a' + (w % 26) as u8) as char);
            w /= 26;
        }
        s
    };
    let entries: Vec<String> = pool
        .chunks(40)
        .enumerate()
        .map(|(i, chunk)| {
            let text: Vec<String> = chunk.iter().map(|&w| word(w)).collect();
            format!(r#"{{"id": "1.{}", "text": "{}"}}"#, i + 1, text.join(" "))
        })
        .collect();
    format!(
        r#"{{"id": "{id}", "title": "{id}", "categories": [{{"id": "1", "title": "One", "entries": [{}]}}]}}"#,
        entries.join(", ")
    )
}

#[test]
fn statements_whose_every_word_is_in_a_hundred_others() {
    let Some(dir) = scratch() else { return };
    let d = dir.path();
    let (a, size_a) = write(d, "a.json", &every_word_in_a_hundred("adva", 4_000, 1));
    let (b, size_b) = write(d, "b.json", &every_word_in_a_hundred("advb", 4_000, 2));
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let size = size_a + size_b;
    let both = ["--data", a, "--data", b];
    let r = run(d, &[&both[..], &["overlaps", "--min", "0.5", "--json"]].concat(), &[]);
    check("overlaps of 8,000 such statements", &r, 0, "", size);
    let r =
        run(d, &[&both[..], &["align", "--from", "adva", "--to", "advb", "--json"]].concat(), &[]);
    check("align of 4,000 such statements to 4,000", &r, 0, "", size);
    let aligned: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(
        aligned["unmatched"].as_array().unwrap().len(),
        4_000,
        "random statements align to none"
    );
    let r = run(d, &["diff", a, b, "--json"], &[]);
    check("diff of 4,000 such statements", &r, 1, "", size);
}
