//! Any bytes as a curriculum file, mapped against the embedded peer-worker framework: refused or
//! reported, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peercomp::query::{self, CoverageOptions};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(curriculum) = peercomp::load::parse_curriculum(text, "fuzz") else { return };
    let frameworks = peercomp::load::embedded().unwrap();
    for by in ["category", "icrc", "rfc"] {
        for include_subitems in [false, true] {
            let options = CoverageOptions { by: by.to_owned(), include_subitems, as_written: false };
            if let Ok(report) = query::coverage(&frameworks, "peer-worker", &curriculum, &options) {
                for format in [peercomp::render::Format::Table, peercomp::render::Format::Csv] {
                    let style = peercomp::render::Style { format, width: Some(60), raw: false, bom: false, color: false };
                    let _ = peercomp::render::emit(&mut std::io::sink(), style, &report);
                }
            }
        }
    }
});
