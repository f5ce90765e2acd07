//! The benchmark tools run correctly at a tiny size. No timing is asserted: timings belong to
//! BENCHMARKS.md, measured by hand (`bench/run.sh`), never to `cargo test`.

use std::process::Command;

use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const PEERCOMP: &str = env!("CARGO_BIN_EXE_peercomp");

fn run(command: &mut Command) -> Vec<u8> {
    let out = command.output().unwrap();
    assert!(out.status.success(), "{command:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

#[test]
fn the_generator_writes_frameworks_peercomp_reads_alike_in_json_and_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    run(Command::new("python3").args([
        &format!("{ROOT}/bench/gen.py"),
        "--entries",
        "50",
        "--out",
        out,
    ]));
    let json = format!("{out}/synthetic-50.json");
    let yaml = format!("{out}/synthetic-50.yaml");
    run(Command::new(PEERCOMP).args(["validate", &json]));
    run(Command::new(PEERCOMP).args(["validate", &yaml]));
    let frameworks: Value = serde_json::from_slice(&run(Command::new(PEERCOMP).args([
        "--data",
        &json,
        "frameworks",
        "--json",
    ])))
    .unwrap();
    assert_eq!(frameworks[0]["entries"], 50);
    assert_eq!(frameworks[0]["categories"], 12);
    let from_json = run(Command::new(PEERCOMP).args(["--data", &json, "list", "--json"]));
    let from_yaml = run(Command::new(PEERCOMP).args(["--data", &yaml, "list", "--json"]));
    assert!(from_json == from_yaml, "one framework in two formats");
    // The same seed gives the same files.
    let again = tempfile::tempdir().unwrap();
    run(Command::new("python3").args([
        &format!("{ROOT}/bench/gen.py"),
        "--entries",
        "50",
        "--out",
        again.path().to_str().unwrap(),
    ]));
    assert_eq!(
        std::fs::read(&json).unwrap(),
        std::fs::read(again.path().join("synthetic-50.json")).unwrap()
    );
}

#[test]
fn the_benchmark_script_runs_and_writes_its_report() {
    if !crate::tools(
        "the_benchmark_script_runs_and_writes_its_report",
        &["hyperfine", "jq", "jaq", "/usr/bin/time"],
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("BENCHMARKS.md");
    // Cargo builds elsewhere than ./target (as with CARGO_TARGET_DIR set by a user or a CI
    // cache): the script must ask cargo where its programs are. The folder is kept between runs
    // so that only the first pays for the build.
    let elsewhere = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-target");
    run(Command::new(format!("{ROOT}/bench/run.sh"))
        .env("CARGO_TARGET_DIR", &elsewhere)
        .env_remove("CARGO_BUILD_TARGET_DIR")
        .args([
            "--sizes",
            "100",
            "--runs",
            "2",
            "--binary",
            PEERCOMP,
            "--out",
            report.to_str().unwrap(),
        ]));
    for example in ["ignored-any", "hello", "clap-demo"] {
        assert!(
            elsewhere.join("debug/examples").join(example).exists(),
            "the script's own build of {example} went to CARGO_TARGET_DIR"
        );
    }
    let text = std::fs::read_to_string(&report).unwrap();
    for expected in [
        "# Benchmarks",
        "## Start-up, side by side",
        "| `peercomp show 6.8` | ",
        "| clap demo `--version` (16 subcommands, parsed as peercomp parses) | ",
        // What was measured by hand is carried from bench/report.py, not lost at a re-run.
        "**The same bytes start in more or fewer faults",
        "| `show 6.8` and `list --tag icrc:4 --format json` within 1.4× `/bin/true` |",
        "| `--version` within 1.05× the clap demo |",
        "| `peercomp show 6.8` |",
        "| 100 |",
        "## Targets",
        "## Read speed",
        "| faster than jaq by 5× at 100 entries |",
        "| JSON load within 2× of serde_json into `IgnoredAny` |",
        "## Queries at scale: overlaps, align, coverage",
        "## Where a target is missed",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from\n{text}");
    }
}
