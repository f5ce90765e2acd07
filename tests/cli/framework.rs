//! The embedded peer-worker framework checked against its source document, the seed in
//! `framework/sources/`: counts, every text against its line, every tag, every known defect.

use std::collections::BTreeMap;

use peercomp::model::{Category, Entry, Framework, Tag, TagRef};

const SEED: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/framework/sources/000_1a72edc170f4ec12.txt");

fn framework() -> Framework {
    let mut all = peercomp::load::embedded().expect("the embedded frameworks load");
    let at = all.iter().position(|f| f.id == "peer-worker").expect("peer-worker is embedded");
    all.swap_remove(at)
}

fn seed_lines() -> Vec<String> {
    let text = std::fs::read_to_string(SEED)
        .unwrap_or_else(|e| panic!("{SEED}: {e} (the tests read the seeds beside the checkout)"));
    text.split('\n').map(str::to_owned).collect()
}

/// Every entry with its category and parent, in document order.
fn entries(f: &Framework) -> Vec<(&Category, &Entry, Option<&Entry>)> {
    f.categories.iter().flat_map(|c| c.walk().map(move |(e, p)| (c, e, p))).collect()
}

fn entry<'a>(f: &'a Framework, id: &str) -> &'a Entry {
    entries(f).into_iter().find(|(_, e, _)| e.id == id).map(|(_, e, _)| e).expect(id)
}

fn tag(tag: &str) -> TagRef {
    tag.parse().unwrap()
}

#[test]
fn counts_match_the_seed() {
    let f = framework();
    let ids: Vec<&str> = f.categories.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]);
    let items: Vec<usize> = f.categories.iter().map(|c| c.entries.len()).collect();
    assert_eq!(items, [9, 8, 7, 8, 11, 11, 10, 5, 7, 8, 14, 4]);
    let subitems: BTreeMap<&str, usize> = entries(&f)
        .iter()
        .filter(|(_, e, _)| !e.subitems.is_empty())
        .map(|(_, e, _)| (e.id.as_str(), e.subitems.len()))
        .collect();
    let expected: BTreeMap<&str, usize> = [
        ("1.9", 1),
        ("3.7", 4),
        ("4.8", 3),
        ("5.11", 1),
        ("6.9", 6),
        ("6.10", 3),
        ("6.11", 2),
        ("7.10", 5),
        ("8.1", 1),
        ("11.14", 4),
    ]
    .into();
    assert_eq!(subitems, expected);
    let all = entries(&f);
    assert_eq!(all.iter().filter(|(_, _, p)| p.is_none()).count(), 102);
    assert_eq!(all.iter().filter(|(_, _, p)| p.is_some()).count(), 30);
    assert!(all.iter().all(|(_, e, _)| e.subitems.iter().all(|s| s.subitems.is_empty())));
}

#[test]
fn ids_number_entries_by_position() {
    let f = framework();
    for c in &f.categories {
        for (i, item) in c.entries.iter().enumerate() {
            assert_eq!(item.id, format!("{}.{}", c.id, i + 1));
            for (j, sub) in item.subitems.iter().enumerate() {
                assert_eq!(sub.id, format!("{}.{}", item.id, j + 1));
            }
        }
    }
}

/// An item or sub-item line of the seed: its number as printed and the rest.
fn numbered(line: &str) -> Option<(&str, &str)> {
    let (indent, body) = if let Some(rest) = line.strip_prefix("    ..") {
        ("sub", rest)
    } else {
        ("item", line.strip_prefix("  ")?)
    };
    let (number, rest) = body.split_once('.')?;
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((number, if indent == "item" { rest.strip_prefix(' ')? } else { rest }))
}

#[test]
fn every_text_is_verbatim_on_its_seed_line() {
    let f = framework();
    let seed = seed_lines();
    let mut checked = 0;
    for (_, e, _) in entries(&f) {
        let line = &seed[e.line.unwrap_or_else(|| panic!("{} names no line", e.id)) as usize - 1];
        let (_, content) =
            numbered(line).unwrap_or_else(|| panic!("{}: line is not an entry", e.id));
        let content = content.trim_end();
        if let Some(as_written) = &e.more().as_written {
            assert_eq!(as_written, line.trim(), "{}: as_written is the line as printed", e.id);
            assert!(content.starts_with(&e.text), "{}: the corrected text is the source's", e.id);
        } else {
            let printed: Vec<&str> =
                e.tags.iter().filter_map(|t| t.as_written.as_deref()).collect();
            let expected = match printed.as_slice() {
                [] => e.text.clone(),
                [tag] => format!("{} ({tag})", e.text),
                _ => panic!("{}: the seed prints at most one tag", e.id),
            };
            assert_eq!(content, expected, "{}", e.id);
        }
        checked += 1;
    }
    // And no entry line of the seed is left out.
    let numbered_lines = seed.iter().filter(|l| numbered(l).is_some()).count();
    assert_eq!(checked, numbered_lines);
    assert_eq!(checked, 132);
}

#[test]
fn categories_are_verbatim_on_their_seed_lines() {
    let f = framework();
    let seed = seed_lines();
    for c in &f.categories {
        let line = &seed[c.line.unwrap() as usize - 1];
        let header = format!("Category {}.", c.id);
        assert!(line.starts_with(&header), "{}: {line}", c.id);
        assert_eq!(line[header.len()..].trim_matches(|ch: char| ch.is_whitespace()), c.title);
        let description = c.description.as_deref().unwrap();
        assert_eq!(seed[c.line.unwrap() as usize].trim(), description, "category {}", c.id);
    }
}

#[test]
fn scheme_citations_are_the_seed_references() {
    let f = framework();
    let seed = seed_lines();
    for scheme in &f.schemes {
        let line = seed[scheme.line.unwrap() as usize - 1].trim();
        assert_eq!(scheme.citation.as_deref(), Some(line), "{}", scheme.id);
    }
    let description = seed[f.line.unwrap() as usize - 1].trim();
    assert_eq!(f.description.as_deref(), Some(description));
    assert!(description.contains("uses the SAMHSA categories and core competencies as its base"));
}

/// Every tag of every entry: (id, tag, inferred). Items not listed are SAMHSA items; sub-items
/// not listed carry no tag.
const TAGGED: &[(&str, &str, bool)] = &[
    ("1.6", "icrc:3", false),
    ("1.7", "icrc:3", false),
    ("1.8", "icrc:1", false),
    ("1.9", "rfc:6", true),
    ("2.6", "icrc:3", false),
    ("2.7", "icrc:4", false),
    ("2.8", "icrc:4", false),
    ("3.5", "icrc:3", false),
    ("3.6", "icrc:3", false),
    ("3.7", "rfc:6", false),
    ("4.5", "icrc:1", false),
    ("4.6", "icrc:4", false),
    ("4.7", "icrc:4", false),
    ("4.8", "rfc:5", false),
    ("5.6", "icrc:4", false),
    ("5.7", "icrc:4", false),
    ("5.8", "icrc:4", false),
    ("5.9", "icrc:4", false),
    ("5.10", "icrc:4", false),
    ("5.11", "rfc:5", false),
    ("6.6", "icrc:3", false),
    ("6.7", "icrc:4", false),
    ("6.8", "icrc:1", false),
    ("6.9", "rfc:3", false),
    ("6.10", "rfc:4", false),
    ("6.11", "rfc:5", false),
    ("7.7", "icrc:3", false),
    ("7.8", "icrc:4", false),
    ("7.9", "icrc:1", false),
    ("7.10", "rfc:9", false),
    ("8.1.1", "icrc:4", false),
    ("9.1", "icrc:1", false),
    ("10.1", "icrc:4", false),
    ("10.8", "icrc:3", false),
    ("11.8", "icrc:1", false),
    ("11.9", "icrc:1", false),
    ("11.10", "icrc:1", false),
    ("11.11", "icrc:1", false),
    ("11.12", "icrc:1", true),
    ("11.13", "icrc:3", false),
    ("11.14", "rfc:2", false),
];

#[test]
fn every_entry_has_the_tags_of_the_seed() {
    let f = framework();
    let mut samhsa = 0;
    for (_, e, parent) in entries(&f) {
        let tags: Vec<(String, bool)> =
            e.tags.iter().map(|t| (t.tag.to_string(), t.inferred)).collect();
        let expected: Vec<(String, bool)> = match TAGGED.iter().find(|(id, _, _)| *id == e.id) {
            Some((_, tag, inferred)) => vec![(tag.to_string(), *inferred)],
            None if parent.is_none() => {
                samhsa += 1;
                vec![("samhsa".to_owned(), true)]
            }
            None => vec![],
        };
        assert_eq!(tags, expected, "{}", e.id);
    }
    assert_eq!(samhsa, 62);
}

#[test]
fn printed_tags_keep_the_source_text_and_map_to_their_code() {
    let f = framework();
    for (_, e, _) in entries(&f) {
        for Tag { tag, as_written, inferred } in e.tags.iter().map(|t| &**t) {
            let Some(as_written) = as_written else {
                assert!(inferred, "{}: a tag the source does not print is inferred", e.id);
                continue;
            };
            let code = tag.code.as_deref().unwrap();
            let label = f.tag_label(tag).unwrap();
            match tag.scheme.as_str() {
                "icrc" => {
                    // "ICRC Domain 4: Recovery/Wellness Support" <-> "IC&RC Domain 4: ...".
                    let (_, name) = label.split_once(": ").unwrap();
                    assert!(as_written.ends_with(&format!("Domain {code}: {name}")), "{}", e.id);
                }
                "rfc" if !inferred => {
                    assert_eq!(
                        as_written,
                        &format!("Regional Facilitation Center, Best Practice {code}")
                    )
                }
                "rfc" => assert_eq!(as_written, "Regional Facilitation Center, Best Practice"),
                other => panic!("{}: the source prints no {other} tag", e.id),
            }
        }
    }
}

#[test]
fn schemes_define_the_codes_of_the_seed() {
    let f = framework();
    let ids: Vec<&str> = f.schemes.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["samhsa", "icrc", "rfc"]);
    assert!(f.scheme("samhsa").unwrap().codes.is_empty());
    let labels = |scheme: &str| -> Vec<String> {
        f.scheme(scheme).unwrap().codes.iter().map(|c| format!("{} {}", c.code, c.label)).collect()
    };
    assert_eq!(
        labels("icrc"),
        [
            "1 IC&RC Domain 1: Advocacy",
            "2 IC&RC Domain 2: Ethical Responsibility",
            "3 IC&RC Domain 3: Mentoring and Education",
            "4 IC&RC Domain 4: Recovery/Wellness Support",
        ]
    );
    assert_eq!(
        labels("rfc"),
        [
            "1 RFC Best Practice 1",
            "2 RFC Best Practice 2: Advocate for Individuals while Supporting Compliance",
            "3 RFC Best Practice 3: Addresses barriers to housing",
            "4 RFC Best Practice 4: Addresses barriers to employment",
            "5 RFC Best Practice 5: Elicits individual needs and goals",
            "6 RFC Best Practice 6: Inspires hope and change",
            "7 RFC Best Practice 7",
            "8 RFC Best Practice 8",
            "9 RFC Best Practice 9: Assists individuals in discovery of healthy lifestyle choices across SAMHSA’s 8 dimensions of wellness",
            "10 RFC Best Practice 10",
        ]
    );
    // A named practice is named after the statement of an item the seed tags with it.
    for code in &f.scheme("rfc").unwrap().codes {
        if let Some((_, name)) = code.label.split_once(": ") {
            let tagged = entries(&f).into_iter().filter(|(_, e, _)| {
                e.tags.iter().any(|t| t.tag == tag(&format!("rfc:{}", code.code)))
            });
            assert!(tagged.into_iter().all(|(_, e, _)| e.text == name), "rfc:{}", code.code);
        }
    }
}

#[test]
fn the_known_defects_of_the_source_are_kept_and_noted() {
    let f = framework();

    let e = entry(&f, "6.8");
    assert_eq!(e.tags[0].as_written.as_deref(), Some("RC Domain 1: Advocacy"));
    assert_eq!(e.more().notes, ["The source reads 'RC Domain 1', a typo for ICRC Domain 1."]);

    let e = entry(&f, "1.9");
    assert_eq!(
        e.tags[0].as_written.as_deref(),
        Some("Regional Facilitation Center, Best Practice")
    );
    assert!(e.more().notes[0].contains("no number") && e.more().notes[0].contains("3.7"));
    assert_eq!(e.text, entry(&f, "3.7").text);

    let e = entry(&f, "11.12");
    assert!(e.tags[0].as_written.is_none());
    assert!(e.more().notes[0].contains("Advocate the multiple pathways to recovery/wellness"));
    // What the note says of its neighbours is what they carry: 11.8-11.11 Domain 1, 11.13 not.
    assert!(
        e.more().notes[0].contains("ICRC Domain 1 items 11.8-11.11 (11.13 after it is Domain 3)")
    );
    for id in ["11.8", "11.9", "11.10", "11.11"] {
        assert_eq!(entry(&f, id).tags[0].tag, tag("icrc:1"), "{id}");
    }
    assert_eq!(entry(&f, "11.13").tags[0].tag, tag("icrc:3"));

    assert!(entry(&f, "8.1").tags.iter().all(|t| t.tag == tag("samhsa")));
    assert!(entry(&f, "8.1.1").more().notes[0].contains("tag of its own"));

    for (item, count) in [("7.10", 5), ("11.14", 4)] {
        assert!(entry(&f, item).more().notes.iter().any(|n| n.contains("'..1.'")), "{item}");
        let subs = &entry(&f, item).subitems;
        assert_eq!(subs.len(), count);
        assert!(subs[0].more().as_written.is_none(), "{item}.1 is numbered right");
        for sub in &subs[1..] {
            assert!(sub.more().as_written.as_deref().unwrap().starts_with("..1."), "{}", sub.id);
            assert!(
                sub.more().notes.iter().any(|n| n.contains("numbers this sub-item '..1.'")),
                "{}",
                sub.id
            );
        }
    }

    let e = entry(&f, "11.14.4");
    let once = "should not abandon any individual due to noncompliance or perceived low motivation for change";
    assert_eq!(e.text.matches(once).count(), 1);
    assert_eq!(e.more().as_written.as_deref().unwrap().matches(once).count(), 2);
    assert!(e.more().notes.iter().any(|n| n.contains("repeats")));

    let c2 = &f.categories[1];
    let description = c2.description.as_deref().unwrap();
    assert_eq!(c2.as_written.as_deref().unwrap().matches(description).count(), 2);
    assert!(c2.notes[0].contains("twice"));

    for (id, others) in
        [("4.8", ["5.11", "6.11"]), ("5.11", ["4.8", "6.11"]), ("6.11", ["4.8", "5.11"])]
    {
        assert_eq!(entry(&f, id).text, "Elicits individual needs and goals");
        assert!(others.iter().all(|o| entry(&f, id).more().notes[0].contains(o)), "{id}");
        assert!(!entry(&f, id).subitems.is_empty());
    }
}

#[test]
fn every_inferred_tag_says_why() {
    let f = framework();
    let samhsa = f.scheme("samhsa").unwrap();
    assert!(samhsa.description.as_deref().unwrap().contains("inferred"));
    for (_, e, _) in entries(&f) {
        for t in e.tags.iter().filter(|t| t.inferred && t.tag.scheme != "samhsa") {
            let said = e
                .more()
                .notes
                .iter()
                .any(|n| n.contains(&t.tag.to_string()) && n.contains("inferred"));
            assert!(said, "{}: no note explains inferred {}", e.id, t.tag);
        }
    }
}
