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
