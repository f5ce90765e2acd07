//! peercomp's tests, in one test binary (one link instead of one per file): the data against its
//! source documents, the library's queries, and the built binary end to end.

use std::io::Write;

mod agency;
mod align;
mod bench;
mod case;
mod case_kept;
mod checklist;
mod coverage;
mod crosswalk;
mod ctdl;
mod diff;
mod export;
mod form;
mod framework;
mod help;
mod html;
mod io;
mod layers;
mod list;
mod overlaps;
mod query;
mod readme;
mod requirements;
mod schema;
mod search;
mod sheet;
mod show;
mod tags;
mod usability;
mod validate;
mod web;

/// peercomp run with these arguments, whatever PEERCOMP_DATA the environment holds.
pub fn run(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_peercomp"))
        .args(args)
        .env_remove("PEERCOMP_DATA")
        .output()
        .unwrap()
}

/// The JSON peercomp prints for these arguments; it must succeed.
pub fn json_of_run(args: &[&str]) -> serde_json::Value {
    let out = run(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The fixtures folder.
pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cli/fixtures");

/// The binary with a fixed table width and no inherited terminal settings.
pub fn peercomp() -> assert_cmd::Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("peercomp");
    cmd.env_remove("COLUMNS").env("COLUMNS", "100");
    cmd
}

/// What the binary prints for these arguments; it must succeed.
pub fn stdout_of(args: &[&str]) -> String {
    let out = peercomp().args(args).assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

/// The JSON the binary prints for these arguments.
pub fn json_of(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&stdout_of(args)).unwrap()
}

/// A fixture's path.
pub fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

/// Whether the tools a test needs beyond Rust are installed. Where one is missing the test says
/// so in one line and skips, except under CI (`CI` set), where a skipped test would hide
/// untested code: there it fails. `.ci/run` installs them.
pub fn tools(test: &str, needed: &[&str]) -> bool {
    let missing: Vec<&str> = needed.iter().copied().filter(|tool| !installed(tool)).collect();
    if missing.is_empty() {
        return true;
    }
    let line = format!("{test}: needs {}, not installed (.ci/run installs it)", missing.join(", "));
    assert!(std::env::var_os("CI").is_none(), "under CI, {line}");
    // Straight to stderr: libtest captures what eprintln! writes from a test that passes.
    let _ = writeln!(std::io::stderr(), "skipped {line}");
    false
}

/// LibreOffice, headless, on a profile of its own in `dir` (one already running for the user
/// would take the job): converts `file` into `dir` by these arguments (`--convert-to pdf`).
pub fn soffice(args: &[&str], file: &std::path::Path, dir: &std::path::Path) {
    let out = std::process::Command::new("soffice")
        .arg("--headless")
        .args(args)
        .arg("--outdir")
        .arg(dir)
        .arg(format!("-env:UserInstallation=file://{}/profile", dir.display()))
        .arg(file)
        .output()
        .unwrap();
    assert!(out.status.success(), "soffice: {}", String::from_utf8_lossy(&out.stderr));
}

fn installed(tool: &str) -> bool {
    // A Python module, as "python3:openpyxl".
    if let Some(module) = tool.strip_prefix("python3:") {
        let import = std::process::Command::new("python3")
            .args(["-c", &format!("import {module}")])
            .stderr(std::process::Stdio::null())
            .status();
        return import.is_ok_and(|s| s.success());
    }
    let path = std::path::Path::new(tool);
    if path.is_absolute() {
        return path.is_file();
    }
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(tool).is_file()))
}
