//! Any bytes as a CTDL-ASN JSON-LD graph: links of any type, cycles through hasChild and
//! isChildOf, chains of any depth. The reader may refuse them, never panic or loop.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (frameworks, _) = peercomp::load::parse_ctdl(text);
    let _ = peercomp::query::list(&frameworks, &Default::default());
});
