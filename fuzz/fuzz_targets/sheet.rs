//! Any bytes as a spreadsheet: an XLSX workbook (a zip whose parts may claim any size, cell or
//! count) or a CSV file. The reader may refuse them, never panic, abort or size memory from
//! what the file claims; a framework that loads must survive the queries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks CSV or a workbook; the rest is the file.
    let Some((&first, rest)) = data.split_first() else { return };
    if let Ok(framework) = peercomp::load::parse_sheet(rest, first & 1 == 1) {
        let frameworks = [framework];
        let _ = peercomp::query::list(&frameworks, &Default::default());
        let _ = peercomp::query::tag_counts(&frameworks, false);
    }
});
