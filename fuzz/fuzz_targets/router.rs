//! Any request line and headers to serve's router ([`Site::respond`]): the embedded frameworks'
//! pages, CASE endpoints and assets, for any method, target, `If-None-Match` and gzip. None may
//! panic, and every reply's body is the length it says.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use peercomp::web::{Request, Site};

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| Site::new(peercomp::load::embedded().expect("embedded"), Vec::new(), None))
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the method, gzip and a condition; the rest is the target, then
    // (after a newline) the If-None-Match value.
    let Some((&first, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let (target, tag) = text.split_once('\n').unwrap_or((text, ""));
    let method = ["GET", "HEAD", "POST", "OPTIONS"][usize::from(first & 3)];
    let request = Request { method, target, gzip: first & 4 == 4, if_none_match: (first & 8 == 8).then_some(tag) };
    let reply = site().respond(&request);
    assert!(reply.bytes().len() == reply.length || method == "HEAD" || reply.status == 304);
});
