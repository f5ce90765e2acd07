//! Any bytes, as a YAML or JSON framework file: the loader may refuse them, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the format; the rest is the file.
    let Some((&format, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let is_json = format & 1 == 1;
    if let Ok(framework) = peercomp::load::parse(text, "fuzz", is_json) {
        // A framework that loads must survive every query too.
        let frameworks = [framework];
        let _ = peercomp::query::list(&frameworks, &Default::default());
        let _ = peercomp::query::tag_counts(&frameworks, false);
        let _ = peercomp::query::category_summaries(&frameworks, false);
        let _ = peercomp::query::overlaps(&frameworks, &peercomp::query::OverlapOptions { min: 0.5, limit: 1_000, ..Default::default() });
        for scheme in &frameworks[0].schemes {
            let _ = peercomp::query::crosswalk(&frameworks, &frameworks[0].id, &scheme.id, false);
        }
    }
});
