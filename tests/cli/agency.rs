//! The embedded agency framework checked against its source document, the seed in
//! `framework/sources/`: counts, names, every text against its lines, and tags.

use std::collections::HashSet;

use peercomp::model::{Entry, Framework};

const SEED: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/framework/sources/004_ff04346541160494.txt");

fn agency() -> Framework {
    peercomp::load::embedded().unwrap().into_iter().find(|f| f.id == "agency").expect("embedded")
}

fn seed_lines() -> Vec<String> {
    let text = std::fs::read_to_string(SEED)
        .unwrap_or_else(|e| panic!("{SEED}: {e} (the tests read the seeds beside the checkout)"));
    text.split('\n').map(|l| l.trim().to_owned()).collect()
}

/// The seed from 1-based line `start` on, as the framework joins wrapped lines: one space
/// between lines, none after a hyphen that the line break split, blank lines skipped. The
/// first line loses its list marker ("• ", "12. "). Stops as soon as it holds `len` bytes.
fn joined_from(seed: &[String], start: usize, len: usize) -> String {
    let first = &seed[start - 1];
    let first = first
        .strip_prefix("• ")
        .or_else(|| {
            first.split_once(". ").filter(|(n, _)| n.parse::<u32>().is_ok()).map(|(_, t)| t)
        })
        .unwrap_or(first);
    let mut out = String::new();
    let rest = seed[start..].iter().map(String::as_str);
    for line in std::iter::once(first).chain(rest).filter(|l| !l.is_empty()) {
        if !out.is_empty() && !out.ends_with('-') {
            out.push(' ');
        }
        out.push_str(line);
        if out.len() >= len {
            break;
        }
    }
    out
}

#[test]
fn every_category_has_the_entries_of_the_seed() {
    let f = agency();
    let counts: Vec<(&str, usize)> =
        f.categories.iter().map(|c| (c.id.as_str(), c.entries.len())).collect();
    assert_eq!(
        counts,
        [
            ("competencies", 11),
            ("culture", 11),
            ("integration", 4),
            ("foundation", 8),
            ("policy", 6),
            ("workforce", 8),
            ("peer-leadership", 8),
            ("research", 5),
            ("factors", 13),
            ("principles", 5),
        ]
    );
    let all: Vec<&Entry> = f.categories.iter().flat_map(|c| &c.entries).collect();
    assert_eq!(all.len(), 79);
    assert!(all.iter().all(|e| e.subitems.is_empty()));
    for c in &f.categories {
        for (n, e) in c.entries.iter().enumerate() {
            assert_eq!(e.id, format!("{}.{}", c.id, n + 1));
        }
    }
}

#[test]
fn the_13_factors_and_5_principles_are_named_as_in_the_seed() {
    let f = agency();
    let names = |category: &str| -> Vec<String> {
        let c = f.categories.iter().find(|c| c.id == category).unwrap();
        c.entries.iter().map(|e| e.more().title.clone().expect("a name")).collect()
    };
    assert_eq!(
        names("factors"),
        [
            "Psychological support",
            "Positive organizational culture",
            "Clear leadership & expectations",
            "Civility & respect",
            "Good psychological job fit",
            "Growth & development",
            "Recognition & reward",
            "Involvement & influence",
            "Workload management",
            "Employee engagement",
            "Work-life balance",
            "Psychological protection",
            "Physical safety",
        ]
    );
    assert_eq!(
        names("principles"),
        [
            "Recovery-oriented",
            "Person-centered",
            "Non-coercive",
            "Relationship-focused",
            "Trauma-informed care"
        ]
    );
    // Each name is its heading in the seed, printed there in capitals.
    let seed = seed_lines();
    for c in f.categories.iter().filter(|c| c.id == "factors" || c.id == "principles") {
        for e in &c.entries {
            let heading = &seed[e.line.unwrap() as usize - 1];
            assert_eq!(heading, &e.more().title.as_deref().unwrap().to_uppercase(), "{}", e.id);
        }
    }
}

#[test]
fn every_text_is_verbatim_from_its_seed_lines() {
    let f = agency();
    let seed = seed_lines();
    let mut lines = HashSet::new();
    for c in &f.categories {
        for e in &c.entries {
            let line = e.line.unwrap() as usize;
            assert!(lines.insert(line), "{}: line {line} used twice", e.id);
            // A named entry's text starts under its heading.
            let start = if e.more().title.is_some() { line + 1 } else { line };
            let source = joined_from(&seed, start, e.text.len());
            assert!(
                source.starts_with(&e.text),
                "{}:\n  data:   {}\n  source: {source}",
                e.id,
                e.text
            );
            // What follows is only the list's punctuation, or the end of the paragraph.
            let rest = source[e.text.len()..].trim_end();
            assert!(["", ";", "; and", "."].contains(&rest), "{}: left over {rest:?}", e.id);
        }
    }
    assert_eq!(lines.len(), 79);
}

#[test]
fn category_descriptions_are_the_seed_introductions() {
    let f = agency();
    let seed = seed_lines();
    let whole = joined_from(&seed, 1, usize::MAX);
    for c in &f.categories {
        for paragraph in c.description.as_deref().unwrap().split("\n\n") {
            assert!(whole.contains(paragraph), "{}: {paragraph}", c.id);
        }
    }
    let principles = f.categories.iter().find(|c| c.id == "principles").unwrap();
    assert!(
        principles.description.as_deref().unwrap().contains("non-coercive, trauma-informed, and")
    );
}

#[test]
fn tags_follow_what_the_source_attributes() {
    let f = agency();
    for c in &f.categories {
        for e in &c.entries {
            let tags: Vec<(String, bool)> =
                e.tags.iter().map(|t| (t.tag.to_string(), t.inferred)).collect();
            let expected: Vec<(&str, bool)> = match c.id.as_str() {
                "competencies" | "culture" => vec![],
                "factors" => vec![("sfu", false)],
                "principles" => vec![("samhsa", false)],
                _ => vec![("samhsa", true)],
            };
            let expected: Vec<(String, bool)> =
                expected.into_iter().map(|(t, i)| (t.to_owned(), i)).collect();
            assert_eq!(tags, expected, "{}", e.id);
            for t in &e.tags {
                match &t.as_written {
                    Some(words) => {
                        assert!(seed_lines().iter().any(|l| l.contains(words.as_str())), "{words}")
                    }
                    None => assert!(
                        t.inferred && c.notes.iter().any(|n| n.contains("inferred")),
                        "{}: an inferred tag says why",
                        e.id
                    ),
                }
            }
        }
    }
}

#[test]
fn one_samhsa_rule_is_stated_and_every_category_says_how_it_applies() {
    let f = agency();
    let rule = f.notes.iter().find(|n| n.starts_with("The SAMHSA rule:")).expect("the rule");
    for cited in ["line 248", "line 54", "line 3"] {
        assert!(rule.contains(cited), "{cited}");
    }
    for c in &f.categories {
        assert!(
            c.notes.iter().any(|n| n.contains("the framework's SAMHSA rule")
                || n.starts_with("By the framework's SAMHSA rule")),
            "{}: its notes say how the SAMHSA rule applies",
            c.id
        );
    }
}

#[test]
fn ids_are_unique_across_the_embedded_frameworks() {
    let all = peercomp::load::embedded().unwrap();
    let mut seen = HashSet::new();
    for f in &all {
        for c in &f.categories {
            for (e, _) in c.walk() {
                assert!(seen.insert(e.id.clone()), "{} is in two frameworks", e.id);
            }
        }
    }
    assert_eq!(seen.len(), 132 + 79);
}
