//! serde_json's own speed on a file: parsed into `serde::de::IgnoredAny`, which keeps nothing,
//! the practical limit of any JSON reader built on serde_json. `bench/run.sh` times it beside
//! `cat` and peercomp's load of the same file.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        let _ = writeln!(std::io::stderr(), "usage: ignored-any FILE.json");
        return ExitCode::from(2);
    };
    let parsed = std::fs::read(&path).map_err(|e| e.to_string()).and_then(|bytes| {
        serde_json::from_slice::<serde::de::IgnoredAny>(&bytes).map_err(|e| e.to_string())
    });
    match parsed {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "{}: {e}", path.to_string_lossy());
            ExitCode::FAILURE
        }
    }
}
