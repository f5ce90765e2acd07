//! `export`: the framework model in JSON and YAML, read back losslessly.

use std::time::Duration;

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;

fn peercomp() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("peercomp");
    cmd.env_remove("PEERCOMP_DATA").env_remove("COLUMNS").timeout(Duration::from_secs(60));
    cmd
}

fn run(args: &[&str]) -> Vec<u8> {
    let out = peercomp().args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

#[test]
fn json_and_yaml_round_trips_are_lossless() {
    let dir = tempfile::tempdir().unwrap();
    for framework in ["peer-worker", "agency"] {
        let listed = run(&["list", "--framework", framework, "--json"]);
        for format in ["json", "yaml"] {
            let file = dir.path().join(format!("{framework}.{format}"));
            let file = file.to_str().unwrap();
            let first = run(&["export", "--to", format, "--framework", framework]);
            std::fs::write(file, &first).unwrap();
            // Exporting what was exported gives the same bytes...
            assert!(
                run(&["--data", file, "export", "--to", format]) == first,
                "{framework} {format}"
            );
            // ...and every query sees the same entries.
            assert!(run(&["--data", file, "list", "--json"]) == listed, "{framework} {format}");
            let shown = run(&[
                "show",
                "--framework",
                framework,
                "--json",
                if framework == "agency" { "factors.9" } else { "11.14" },
            ]);
            let again = run(&[
                "--data",
                file,
                "show",
                "--json",
                if framework == "agency" { "factors.9" } else { "11.14" },
            ]);
            assert!(shown == again, "{framework} {format}");
        }
    }
}

#[test]
fn output_files() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pw.yaml");
    let path = file.to_str().unwrap();
    peercomp().args(["export", "--to", "yaml", "-o", path]).assert().success().stdout("");
    assert!(std::fs::read_to_string(path).unwrap().starts_with("id: peer-worker\n"));
    let before = std::fs::read(path).unwrap();
    peercomp()
        .args(["--data", path, "export", "--to", "json", "-o", path])
        .assert()
        .code(1)
        .stderr(format!("error: {path}: peercomp is reading it; choose another file\n"));
    assert_eq!(std::fs::read(path).unwrap(), before, "untouched");
    peercomp()
        .args(["export", "--to", "json", "-o", "/nonexistent-dir/x.json"])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with("error: /nonexistent-dir/x.json: cannot write:"));
    peercomp().args(["export", "--to", "xml"]).assert().code(2);
    peercomp().args(["export", "--to", "json", "--framework", "nope"]).assert().code(2);
}

#[test]
fn csv_export_is_a_row_per_entry_for_spreadsheets() {
    let bytes = run(&["export", "--to", "csv"]);
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "a UTF-8 byte-order mark for spreadsheets");
    let text = String::from_utf8(bytes).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
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
    assert_eq!(rows.len(), 132);
    let six_eight = rows.iter().find(|r| &r[1] == "6.8").unwrap();
    assert_eq!(
        (&six_eight[7], &six_eight[8], &six_eight[9]),
        ("icrc:1", "RC Domain 1: Advocacy", "false")
    );
    assert_eq!(&six_eight[10], "The source reads 'RC Domain 1', a typo for ICRC Domain 1.");
    // The same columns as list --format csv, which has no byte-order mark (it is for pipes).
    let listed =
        String::from_utf8(run(&["list", "--framework", "peer-worker", "--format", "csv"])).unwrap();
    assert_eq!(text.trim_start_matches('\u{feff}'), listed);
    let agency =
        String::from_utf8(run(&["export", "--to", "csv", "--framework", "agency"])).unwrap();
    assert_eq!(agency.lines().count(), 1 + 79);
}

#[test]
fn markdown_export_is_a_study_guide() {
    let guide = String::from_utf8(run(&["export", "--to", "markdown"])).unwrap();
    assert!(guide.starts_with("# Peer Support Core Competencies\n\nSource: Peer Support Core Competencies (BJA COAP PRSS TTA Center, January 23, 2020).\n"));
    assert_eq!(guide.lines().filter(|l| l.starts_with("## ")).count(), 12);
    assert_eq!(guide.lines().filter(|l| l.starts_with("- **")).count(), 102);
    assert_eq!(
        guide.lines().filter(|l| l.starts_with("  - **")).count(),
        30,
        "sub-items under their items"
    );
    assert!(guide.contains("\n- **6.8** Collaborates with individual to identify, link, and coordinate choices with resources `icrc:1`\n"));
    assert!(
        guide
            .trim_end()
            .ends_with("\\* inferred: not printed in the source (peercomp show ID says why)")
    );

    let by_domain =
        String::from_utf8(run(&["export", "--to", "markdown", "--by", "icrc"])).unwrap();
    let headings: Vec<&str> = by_domain.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## IC&RC Domain 1: Advocacy (`icrc:1`)",
            "## IC&RC Domain 2: Ethical Responsibility (`icrc:2`)",
            "## IC&RC Domain 3: Mentoring and Education (`icrc:3`)",
            "## IC&RC Domain 4: Recovery/Wellness Support (`icrc:4`)",
        ]
    );
    assert!(by_domain.contains("(`icrc:2`)\n\n_No entry of this framework carries this tag._\n"));
    let domain_4 = by_domain.split("(`icrc:4`)").nth(1).unwrap();
    assert_eq!(domain_4.lines().filter(|l| l.starts_with("- **")).count(), 13);
    assert!(domain_4.contains("- **8.1.1** Recognizes signs of distress `icrc:4` (category 8)"));
    peercomp().args(["export", "--to", "markdown", "--by", "nope"]).assert().code(2);
}

#[test]
fn an_output_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("private.json");
    std::fs::write(&file, "old").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    peercomp().args(["export", "--to", "json", "-o"]).arg(&file).assert().success();
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert!(std::fs::read_to_string(&file).unwrap().starts_with("{\n  \"id\": \"peer-worker\""));
    // Only the file itself is left in the directory: no temporary file behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // A new file has the permissions any new file has (0666 less the umask), not a temporary
    // file's owner-only ones.
    let new = dir.path().join("new.json");
    let status = std::process::Command::new("sh")
        .args(["-c", "umask 022 && exec \"$0\" export --to json -o \"$1\""])
        .arg(env!("CARGO_BIN_EXE_peercomp"))
        .arg(&new)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(std::fs::metadata(&new).unwrap().permissions().mode() & 0o777, 0o644);
}

#[test]
fn a_fifo_named_with_o_is_written_into_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.json");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    // A reader on the other end, as a device or a pipe would have.
    let reader = std::process::Command::new("cat")
        .arg(&fifo)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    peercomp().args(["export", "--to", "json", "-o"]).arg(&fifo).assert().success();
    let read = reader.wait_with_output().unwrap();
    assert_eq!(read.stdout, run(&["export", "--to", "json"]));
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo(), "still a FIFO");
}

#[test]
fn csv_cells_a_spreadsheet_would_run_are_neutralised_unless_raw() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("formulas.yaml");
    std::fs::write(
        &file,
        "id: f\ntitle: F\ncategories:\n  - id: \"1\"\n    title: \"=HYPERLINK(\\\"http://x\\\")\"\n    entries:\n      - id: \"1.1\"\n        text: \"+cmd|calc\"\n      - id: \"1.2\"\n        text: \"@SUM(A1)\"\n      - id: \"1.3\"\n        text: \"-2+3\"\n      - id: \"1.4\"\n        text: \"Plain, and = inside\"\n",
    )
    .unwrap();
    let data = file.to_str().unwrap();
    for args in [vec!["list", "--format", "csv"], vec!["export", "--to", "csv"]] {
        let safe = String::from_utf8(run(&[&["--data", data][..], &args].concat())).unwrap();
        let texts: Vec<&str> = safe.lines().skip(1).map(|l| l.split(',').nth(6).unwrap()).collect();
        assert_eq!(texts, ["'+cmd|calc", "'@SUM(A1)", "'-2+3", "\"Plain"], "{args:?}");
        assert!(safe.contains("\"'=HYPERLINK("), "{safe}");
        let raw =
            String::from_utf8(run(&[&["--data", data][..], &args, &["--raw"]].concat())).unwrap();
        assert!(raw.contains(",+cmd|calc,") && raw.contains("\"=HYPERLINK("), "{raw}");
    }
}

#[test]
fn csv_round_trips_texts_that_start_with_the_mark_or_a_formula() {
    // A text's own leading `'` survives (it was taken for the mark: `'=x` came back `=x`), and a
    // text starting with a tab or a carriage return gets no `'` added on the way back (its
    // leading space is trimmed, as every cell's is).
    let texts = ["'=x", "'plain", "''twice", "=1+1", "\tTabbed", "\rReturned", "-minus", "x'y"];
    let dir = tempfile::tempdir().unwrap();
    let entries: String = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!("      - id: \"1.{}\"\n        text: {}\n", i + 1, serde_json::json!(t))
        })
        .collect();
    let file = dir.path().join("marks.yaml");
    std::fs::write(
        &file,
        format!(
            "id: m\ntitle: M\ncategories:\n  - id: \"1\"\n    title: One\n    entries:\n{entries}"
        ),
    )
    .unwrap();
    let csv = dir.path().join("marks.csv");
    let data = file.to_str().unwrap();
    run(&["--data", data, "export", "--to", "csv", "-o", csv.to_str().unwrap()]);
    let back: serde_json::Value =
        serde_json::from_slice(&run(&["--data", csv.to_str().unwrap(), "list", "--json"])).unwrap();
    let read: Vec<&str> =
        back.as_array().unwrap().iter().map(|e| e["text"].as_str().unwrap()).collect();
    let trimmed: Vec<&str> = texts.iter().map(|t| t.trim()).collect();
    assert_eq!(read, trimmed);
}

#[test]
fn a_framework_mentioning_cfdocument_is_still_a_framework() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mentions.yaml");
    std::fs::write(
        &file,
        "id: m\ntitle: CFDocument\ncategories:\n  - id: \"1\"\n    title: CFDocument\n    entries:\n      - id: \"1.1\"\n        text: \"[{\\\"CFDocument\\\": 1}]\"\n        notes: [CFDocument]\n",
    )
    .unwrap();
    let json = run(&["--data", file.to_str().unwrap(), "export", "--to", "json"]);
    let exported = dir.path().join("mentions.json");
    std::fs::write(&exported, &json).unwrap();
    // Read back as a framework, not as CASE: the same bytes again.
    assert_eq!(run(&["--data", exported.to_str().unwrap(), "export", "--to", "json"]), json);
}

#[test]
fn an_interrupted_output_leaves_the_old_file_and_nothing_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let generated = std::process::Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/bench/gen.py"))
        .args(["--entries", "150000", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(generated.status.success());
    let data = dir.path().join("synthetic-150000.json");
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let target = out_dir.join("framework.yaml");
    let whole = run(&["--data", data.to_str().unwrap(), "export", "--to", "yaml"]);
    let mut interrupted = 0;
    // Each signal that ends a process and that it may catch (SIGHUP once left the .tmp file).
    for (signal, code) in [("TERM", 143), ("HUP", 129), ("QUIT", 131)] {
        std::fs::write(&target, "old\n").unwrap();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_peercomp"))
            .arg("--data")
            .arg(&data)
            .args(["export", "--to", "yaml", "-o"])
            .arg(&target)
            .spawn()
            .unwrap();
        // The signal as soon as the temporary file appears.
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            let temporary = std::fs::read_dir(&out_dir)
                .unwrap()
                .any(|e| e.unwrap().file_name().to_string_lossy().starts_with(".tmp"));
            if temporary {
                let pid = child.id().to_string();
                let signal = format!("-{signal}");
                std::process::Command::new("kill").args([&signal, &pid]).status().unwrap();
                break child.wait().unwrap();
            }
        };
        let left: Vec<String> = std::fs::read_dir(&out_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, ["framework.yaml"], "nothing beside the output after SIG{signal}");
        // The old file as it was, or the new one whole: never a part of it.
        let written = std::fs::read(&target).unwrap();
        let old = written == b"old\n";
        assert!(old || written == whole, "a partial file of {} bytes", written.len());
        match status.code() {
            Some(c) if c == code => interrupted += usize::from(old),
            _ => assert!(status.success() && !old, "SIG{signal}: {status:?}"),
        }
    }
    eprintln!("interrupted while writing in {interrupted} of 3 runs");
}

#[test]
fn o_never_writes_an_input_nor_gets_around_a_files_owner_or_protection() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    // The curriculum a form is made from is an input: never its output (once overwritten).
    let curriculum = dir.path().join("cur.yaml");
    let training =
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/curriculum/peer-recovery-training.yaml");
    std::fs::copy(training, &curriculum).unwrap();
    let requirements =
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/requirements/icrc-peer-recovery.yaml");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_peercomp"))
        .arg("coverage")
        .arg(&curriculum)
        .args(["-r", requirements, "--form", "csv", "-o"])
        .arg(&curriculum)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("peercomp is reading it"));
    assert_eq!(std::fs::read(&curriculum).unwrap(), std::fs::read(training).unwrap());
    let root = std::fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false);
    // Replaced as root, a file keeps its owner, group and mode (once root:root).
    let owned = dir.path().join("owned.json");
    std::fs::write(&owned, "old").unwrap();
    std::fs::set_permissions(&owned, std::fs::Permissions::from_mode(0o640)).unwrap();
    if root {
        std::os::unix::fs::chown(&owned, Some(65534), Some(65534)).unwrap();
    }
    let before = std::fs::metadata(&owned).unwrap();
    run(&["export", "--to", "json", "-o", owned.to_str().unwrap()]);
    let after = std::fs::metadata(&owned).unwrap();
    assert_eq!(
        (after.uid(), after.gid(), after.mode() & 0o777),
        (before.uid(), before.gid(), 0o640)
    );
    assert!(after.len() > 3, "replaced");
    // A read-only file is refused to a user who may not write it, as a shell's `>` refuses it
    // (run as nobody where the test runs as root).
    let protected = dir.path().join("protected.json");
    std::fs::write(&protected, "old").unwrap();
    std::fs::set_permissions(&protected, std::fs::Permissions::from_mode(0o444)).unwrap();
    let mut command = match root {
        true => {
            let mut c = std::process::Command::new("setpriv");
            c.args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                env!("CARGO_BIN_EXE_peercomp"),
            ]);
            c
        }
        false => std::process::Command::new(env!("CARGO_BIN_EXE_peercomp")),
    };
    let out = command.args(["export", "--to", "json", "-o"]).arg(&protected).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(said.contains("protected.json: cannot write: Permission denied"), "{said}");
    assert_eq!(std::fs::read(&protected).unwrap(), b"old");
}
