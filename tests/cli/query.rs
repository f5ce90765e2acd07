//! Query logic through the library, on the embedded frameworks.

use peercomp::model::Framework;
use peercomp::query::{self, ListFilter, QueryError};

/// The embedded peer-worker framework alone.
fn frameworks() -> Vec<Framework> {
    query::select(peercomp::load::embedded().unwrap(), &["peer-worker".to_owned()]).unwrap()
}

fn ids(frameworks: &[Framework], filter: ListFilter) -> Vec<String> {
    query::list(frameworks, &filter).unwrap().iter().map(|r| r.id.to_owned()).collect()
}

fn tags(list: &[&str]) -> Vec<peercomp::model::TagRef> {
    list.iter().map(|t| t.parse().unwrap()).collect()
}

#[test]
fn all_icrc_domain_4_items() {
    let f = frameworks();
    let got = ids(&f, ListFilter { tags: tags(&["icrc:4"]), ..Default::default() });
    assert_eq!(
        got,
        [
            "2.7", "2.8", "4.6", "4.7", "5.6", "5.7", "5.8", "5.9", "5.10", "6.7", "7.8", "8.1.1",
            "10.1"
        ]
    );
}

#[test]
fn as_written_ignores_inferred_tags() {
    let f = frameworks();
    let icrc1 = |as_written| {
        ids(&f, ListFilter { tags: tags(&["icrc:1"]), as_written, ..Default::default() })
    };
    assert_eq!(icrc1(false).len(), 10);
    assert_eq!(icrc1(true).len(), 9);
    assert!(icrc1(false).contains(&"11.12".to_owned()));
    assert!(!icrc1(true).contains(&"11.12".to_owned()));

    let samhsa = |as_written| {
        ids(&f, ListFilter { tags: tags(&["samhsa"]), as_written, ..Default::default() })
    };
    assert_eq!(samhsa(false).len(), 62);
    assert!(samhsa(true).is_empty(), "the source prints no samhsa tag");

    // The rows themselves leave out the inferred tags too.
    let rows = query::list(&f, &ListFilter { as_written: true, ..Default::default() }).unwrap();
    assert!(rows.iter().flat_map(|r| &r.tags).all(|t| !t.inferred));
    assert_eq!(rows.len(), 132);
}

#[test]
fn a_scheme_alone_selects_every_code() {
    let f = frameworks();
    assert_eq!(
        ids(&f, ListFilter { tags: tags(&["icrc"]), ..Default::default() }).len(),
        10 + 9 + 13
    );
    assert_eq!(
        ids(&f, ListFilter { tags: tags(&["rfc"]), ..Default::default() }),
        ["1.9", "3.7", "4.8", "5.11", "6.9", "6.10", "6.11", "7.10", "11.14"]
    );
}

#[test]
fn several_tags_select_any_of_them() {
    let f = frameworks();
    let got =
        ids(&f, ListFilter { tags: tags(&["icrc:2", "rfc:3", "rfc:4"]), ..Default::default() });
    assert_eq!(got, ["6.9", "6.10"]);
}

#[test]
fn filters_combine() {
    let f = frameworks();
    let got = ids(
        &f,
        ListFilter { tags: tags(&["rfc"]), categories: vec!["6".into()], ..Default::default() },
    );
    assert_eq!(got, ["6.9", "6.10", "6.11"]);
    let got =
        ids(&f, ListFilter { categories: vec!["8".into(), "12".into()], ..Default::default() });
    assert_eq!(got, ["8.1", "8.1.1", "8.2", "8.3", "8.4", "8.5", "12.1", "12.2", "12.3", "12.4"]);
}

#[test]
fn top_level_and_expand() {
    let f = frameworks();
    assert_eq!(ids(&f, ListFilter { top_level: true, ..Default::default() }).len(), 102);
    assert_eq!(ids(&f, ListFilter::default()).len(), 132);
    let got = ids(&f, ListFilter { tags: tags(&["rfc:3"]), expand: true, ..Default::default() });
    assert_eq!(got, ["6.9", "6.9.1", "6.9.2", "6.9.3", "6.9.4", "6.9.5", "6.9.6"]);
    // Sub-items of items selected by another filter, and no duplicates.
    let got = ids(
        &f,
        ListFilter {
            categories: vec!["1".into()],
            top_level: true,
            expand: true,
            ..Default::default()
        },
    );
    assert_eq!(got.len(), 10);
    assert_eq!(got.last().unwrap(), "1.9.1");
}

#[test]
fn grep_ignores_case_and_typographic_punctuation() {
    let f = frameworks();
    let grep = |text: &str| ids(&f, ListFilter { grep: vec![text.into()], ..Default::default() });
    assert_eq!(grep("STRENGTHS-BASED"), ["2.8"]);
    assert_eq!(grep("peers' experiences"), ["1.5", "2.1"]);
    assert_eq!(grep("“i am the evidence"), ["3.7.1"]);
    assert!(grep("no such words anywhere").is_empty());
}

#[test]
fn unknown_tags_and_categories_are_usage_errors_naming_the_known_ones() {
    let f = frameworks();
    let err =
        query::list(&f, &ListFilter { tags: tags(&["icrc:7"]), ..Default::default() }).unwrap_err();
    assert!(err.is_usage());
    assert_eq!(
        err.to_string(),
        "unknown tag 'icrc:7' (known: icrc:1 Advocacy, icrc:2 Ethical Responsibility, \
         icrc:3 Mentoring and Education, icrc:4 Recovery/Wellness Support)"
    );
    let err =
        query::list(&f, &ListFilter { tags: tags(&["foo"]), ..Default::default() }).unwrap_err();
    assert_eq!(err.to_string(), "unknown tag scheme 'foo' (known schemes: samhsa, icrc, rfc)");
    let err = query::list(&f, &ListFilter { tags: tags(&["samhsa:1"]), ..Default::default() })
        .unwrap_err();
    assert!(err.to_string().contains("samhsa has no codes"), "{err}");
    let err = query::list(&f, &ListFilter { categories: vec!["13".into()], ..Default::default() })
        .unwrap_err();
    assert_eq!(
        err,
        QueryError::UnknownCategory {
            given: "13".into(),
            known: "categories are 1-12".into(),
            suggestion: String::new()
        }
    );
}

#[test]
fn show_finds_entries_with_their_subitems() {
    let f = frameworks();
    let shown = query::show(&f, &["6.9".into(), "peer-worker/8.1.1".into()], false).unwrap();
    assert_eq!(shown.len(), 2);
    assert_eq!(shown[0].entry.id, "6.9");
    assert_eq!(shown[0].subitems.len(), 6);
    assert!(shown[0].subitems.iter().all(|s| s.parent == Some("6.9")));
    assert_eq!(shown[1].entry.parent, Some("8.1"));
    assert!(shown[1].subitems.is_empty());
}

#[test]
fn unknown_ids_say_which_exist() {
    let f = frameworks();
    let hint = |id: &str| match query::show(&f, &[id.into()], false).unwrap_err() {
        e @ QueryError::UnknownId { .. } => {
            assert!(!e.is_usage());
            e.to_string()
        }
        other => panic!("{other}"),
    };
    assert_eq!(hint("13.1"), "unknown id '13.1': categories are 1-12");
    assert_eq!(hint("6.12"), "unknown id '6.12': category 6 has items 1-11");
    assert_eq!(hint("6.9.7"), "unknown id '6.9.7': item 6.9 has sub-items 1-6");
    assert_eq!(hint("6.1.1"), "unknown id '6.1.1': item 6.1 has no sub-items");
    assert_eq!(hint("6.99.1"), "unknown id '6.99.1': category 6 has items 1-11");
    assert!(hint("6").contains("is a category"));
    assert!(hint("nope/6.8").contains("no framework 'nope' (frameworks are peer-worker)"));
}

#[test]
fn tag_counts_cover_every_code_even_empty_ones() {
    let f = frameworks();
    let counts = query::tag_counts(&f, false);
    let get =
        |tag: &str| counts.iter().find(|c| c.tag == tag).map(|c| (c.entries, c.inferred)).unwrap();
    assert_eq!(counts.len(), 1 + 4 + 10);
    assert_eq!(get("samhsa"), (62, 62));
    assert_eq!(get("icrc:1"), (10, 1));
    assert_eq!(get("icrc:2"), (0, 0));
    assert_eq!(get("icrc:3"), (9, 0));
    assert_eq!(get("icrc:4"), (13, 0));
    assert_eq!(get("rfc:5"), (3, 0));
    assert_eq!(get("rfc:6"), (2, 1));
    assert_eq!(get("rfc:10"), (0, 0));
    let as_written = query::tag_counts(&f, true);
    assert_eq!(as_written.iter().find(|c| c.tag == "icrc:1").unwrap().entries, 9);
}

#[test]
fn category_summaries_count_items_subitems_and_schemes() {
    let f = frameworks();
    let summaries = query::category_summaries(&f, false).rows;
    assert_eq!(summaries.len(), 12);
    let six = &summaries[5];
    assert_eq!((six.id, six.items, six.subitems), ("6", 11, 11));
    assert_eq!(six.tagged["samhsa"], 5);
    assert_eq!(six.tagged["icrc"], 3);
    assert_eq!(six.tagged["rfc"], 3);
    let eight = &summaries[7];
    assert_eq!((eight.tagged["samhsa"], eight.tagged["icrc"], eight.tagged["rfc"]), (5, 1, 0));
    let total: usize = summaries.iter().map(|s| s.items + s.subitems).sum();
    assert_eq!(total, 132);
}
