//! CASE packages built from arbitrary bytes: items and isChildOf (and other) associations in any
//! shape, cycles, self-parents, missing ends, duplicates, deep chains. Loading places every item
//! or names it in a problem; what loads exports to CASE and reads back. Never a panic.
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

#[derive(Debug, Arbitrary)]
struct Package {
    items: Vec<Item>,
    links: Vec<Link>,
}

#[derive(Debug, Arbitrary)]
struct Item {
    id: u8,
    category: bool,
    code: Option<u8>,
}

#[derive(Debug, Arbitrary)]
struct Link {
    from: u8,
    to: u8,
    kind: u8,
    sequence: Option<i8>,
}

fuzz_target!(|package: Package| {
    // Ids from a small range, so that links meet items, the document ("d") and nothing.
    let name = |n: u8| if n % 17 == 0 { "d".to_owned() } else { format!("i{}", n % 64) };
    let node = |n: u8| json!({"identifier": name(n), "uri": format!("urn:{}", name(n)), "title": name(n)});
    let items: Vec<Value> = package
        .items
        .iter()
        .map(|i| {
            let mut item = json!({"identifier": name(i.id), "uri": "urn:x", "fullStatement": format!("S {}", i.id)});
            if i.category {
                item["CFItemType"] = json!("Category");
            }
            if let Some(code) = i.code {
                item["humanCodingScheme"] = json!(format!("{}", code % 8));
            }
            item
        })
        .collect();
    let kinds = ["isChildOf", "isChildOf", "isRelatedTo", "exactMatchOf", "precedes"];
    let links: Vec<Value> = package
        .links
        .iter()
        .enumerate()
        .map(|(n, l)| {
            let mut link = json!({"identifier": format!("a{n}"), "associationType": kinds[usize::from(l.kind) % kinds.len()],
                "originNodeURI": node(l.from), "destinationNodeURI": node(l.to)});
            if let Some(sequence) = l.sequence {
                link["sequenceNumber"] = json!(sequence);
            }
            link
        })
        .collect();
    let text = json!({"CFDocument": {"identifier": "d", "uri": "urn:d", "title": "Fuzz", "creator": "f"},
        "CFItems": items, "CFAssociations": links})
    .to_string();
    if let Ok(framework) = peercomp::load::parse(&text, "fuzz", true) {
        let mut exported = Vec::new();
        peercomp::formats::case::write_package(&mut exported, &framework, "2020-01-01T00:00:00+00:00").unwrap();
        let again = peercomp::load::parse(std::str::from_utf8(&exported).unwrap(), "export", true);
        assert!(again.is_ok(), "peercomp reads back what it writes: {again:?}");
    }
});
