//! Checklists: `list --checklist`, for review and study.

use predicates::prelude::*;
use serde_json::Value;

use crate::{json_of, peercomp, stdout_of};

#[test]
fn the_agency_factors_with_their_names() {
    let out = peercomp()
        .env("COLUMNS", "300")
        .args(["list", "--framework", "agency", "--category", "factors"])
        .output();
    let text = String::from_utf8(out.unwrap().stdout).unwrap();
    assert!(text.lines().nth(1).unwrap().contains("TITLE"));
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("│ factors.")).collect();
    assert_eq!(rows.len(), 13);
    assert!(
        rows[8].contains("Workload management")
            && rows[8].contains("The tasks and responsibilities")
    );
    let rows = json_of(&["list", "--framework", "agency", "--category", "factors", "--json"]);
    assert_eq!(rows[8]["title"], "Workload management");
    assert_eq!(rows[8]["tags"][0]["tag"], "sfu");
    assert_eq!(rows[8]["category"]["id"], "factors");
}

#[test]
fn an_agency_review_checklist() {
    let text = stdout_of(&["list", "--framework", "agency", "--format", "markdown", "--checklist"]);
    assert_eq!(text.lines().filter(|l| l.starts_with("- [ ] ")).count(), 79);
    // A title, then a numbered heading per category.
    assert!(text.starts_with("# Checklist, agency\n"), "{text}");
    let headings: Vec<&str> = text.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(headings.len(), 10);
    assert_eq!(headings[0], "## 1. Core competencies all organizations must possess");
    assert_eq!(headings[9], "## 10. Core principles and values of peer-provided services");
    // Each line with its tags, inferred ones marked, the legend at the end.
    assert!(
        text.contains("- [ ] factors.9 **Workload management**: The tasks and responsibilities")
    );
    assert!(text.contains("- [ ] competencies.11 An open learning environment\n"));
    assert!(text.contains("`samhsa*`\n") && text.contains("`sfu`\n"));
    assert!(text.trim_end().ends_with("(peercomp show ID says why)"));
    // --checklist alone means Markdown; for programs, its entries in their format.
    assert_eq!(stdout_of(&["list", "--framework", "agency", "--checklist"]), text);
    let csv = stdout_of(&["list", "--framework", "agency", "--checklist", "--format", "csv"]);
    assert_eq!(csv, stdout_of(&["list", "--framework", "agency", "--format", "csv"]));
    let json = stdout_of(&["list", "--framework", "agency", "--checklist", "--format", "json"]);
    assert_eq!(serde_json::from_str::<Value>(&json).unwrap().as_array().unwrap().len(), 79);
    // Sub-items sit under their item; several frameworks get a heading each.
    let nested = stdout_of(&["list", "--category", "8", "--checklist"]);
    assert!(nested.contains("- [ ] 8.1 Recognizes signs of distress and threats to safety among peers and in their environments `samhsa*`\n  - [ ] 8.1.1 Recognizes signs of distress `icrc:4`\n"));
    let both = stdout_of(&["list", "--grep", "recovery-oriented", "--checklist"]);
    assert!(
        both.starts_with("# Entries containing \"recovery-oriented\", peer-worker, agency\n\n## Peer Support Core Competencies\n"),
        "{both}"
    );
    assert!(
        both.contains("\n## Core Competencies for Agencies that Employ Peer Support Workers\n")
    );
    assert!(both.contains("\n### 9. Values communication\n"));
}

/// The heading levels of a Markdown text, in order.
fn heading_levels(text: &str) -> Vec<usize> {
    text.lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| l.chars().take_while(|c| *c == '#').count())
        .collect()
}

#[test]
fn a_checklist_says_what_was_asked_and_its_headings_never_skip_a_level() {
    let domain = stdout_of(&["list", "--tag", "icrc:4", "--checklist"]);
    assert!(
        domain.starts_with("# IC&RC Domain 4: Recovery/Wellness Support, peer-worker\n"),
        "{domain}"
    );
    assert!(domain.contains("\n## 2. Provides support\n"));
    assert!(
        domain
            .contains("- [ ] 2.7 Assists the individual in identifying support systems `icrc:4`\n")
    );
    let asked = [
        &["list", "--tag", "icrc:4", "--checklist"][..],
        &["list", "--checklist"],
        &["list", "--grep", "recovery-oriented", "--checklist"],
        &["list", "--checklist", "--by", "icrc", "--tag", "icrc"],
        &["list", "--framework", "agency", "--checklist", "--category", "factors,principles"],
    ];
    for args in asked {
        let levels = heading_levels(&stdout_of(args));
        assert_eq!(levels[0], 1, "{args:?}");
        assert_eq!(levels.iter().filter(|l| **l == 1).count(), 1, "{args:?}: one title");
        assert!(levels.windows(2).all(|w| w[1] <= w[0] + 1), "{args:?}: {levels:?}");
    }
    let two =
        stdout_of(&["list", "--framework", "agency", "--checklist", "-c", "factors,principles"]);
    assert!(two.starts_with("# Agency policies and practices that address the 13 psychosocial risk factors at work; Core principles and values of peer-provided services, agency\n"), "{two}");
}

#[test]
fn a_checklist_by_icrc_domain_lists_each_domain_even_an_empty_one() {
    let text = stdout_of(&["list", "--checklist", "--by", "icrc", "--tag", "icrc"]);
    let headings: Vec<&str> = text.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(
        headings,
        [
            "# IC&RC Peer Recovery exam domains, peer-worker",
            "## IC&RC Domain 1: Advocacy",
            "## IC&RC Domain 2: Ethical Responsibility",
            "## IC&RC Domain 3: Mentoring and Education",
            "## IC&RC Domain 4: Recovery/Wellness Support",
        ]
    );
    assert!(text.contains("## IC&RC Domain 2: Ethical Responsibility\n\nNo entry carries it.\n"));
    let domain_4 = text.split("## IC&RC Domain 4").nth(1).unwrap();
    assert_eq!(domain_4.lines().filter(|l| l.starts_with("- [ ] ")).count(), 13);
    // Without --tag, what carries no domain comes last under its own heading.
    let all = stdout_of(&["list", "--checklist", "--by", "icrc", "--framework", "peer-worker"]);
    assert!(all.contains("\n## No icrc tag\n"));
    peercomp().args(["list", "--by", "icrc"]).assert().code(2);
    peercomp()
        .args(["list", "--checklist", "--by", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown tag scheme 'nope'"));
}

#[test]
fn under_a_filter_a_checklist_has_only_the_headings_asked_for() {
    // Once "No entry here carries it." under Domains 1-3 of a Domain 4 checklist.
    let text = stdout_of(&["list", "--checklist", "--by", "icrc", "--tag", "icrc:4"]);
    let headings: Vec<&str> = text.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(
        headings,
        [
            "# IC&RC Domain 4: Recovery/Wellness Support, peer-worker",
            "## IC&RC Domain 4: Recovery/Wellness Support"
        ]
    );
    // Asked for by tag though nothing carries it: said so.
    let two = stdout_of(&["list", "--checklist", "--by", "icrc", "--tag", "icrc:2,icrc:4"]);
    assert!(two.contains("## IC&RC Domain 2: Ethical Responsibility\n\nNo entry carries it.\n"));
    // A category: only the domains its entries carry.
    let one = stdout_of(&["list", "--checklist", "--by", "icrc", "--category", "1"]);
    let headings: Vec<&str> = one.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## IC&RC Domain 1: Advocacy",
            "## IC&RC Domain 3: Mentoring and Education",
            "## No icrc tag"
        ]
    );
    // A framework that does not use the scheme gets no empty domains.
    let both = stdout_of(&["list", "--checklist", "--by", "icrc"]);
    let agency = both.split("## Core Competencies for Agencies").nth(1).unwrap();
    assert!(!agency.contains("IC&RC Domain"), "{agency}");
}

#[test]
fn a_checklist_is_a_table_where_a_table_is_asked_and_a_page_with_boxes_in_html() {
    let table = stdout_of(&["list", "--checklist", "--tag", "icrc:4", "--format", "table"]);
    assert!(table.starts_with("┌") && table.contains("│ 2.7 "), "{table}");
    let page =
        stdout_of(&["list", "--checklist", "--by", "icrc", "--tag", "icrc:4", "--format", "html"]);
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(
        page.contains("<title>IC&amp;RC Domain 4: Recovery/Wellness Support, peer-worker</title>")
    );
    assert_eq!(page.matches("<li><label><input type=\"checkbox\"> 2.7 ").count(), 1);
    assert_eq!(page.matches("type=\"checkbox\"").count(), 13);
    assert!(page.contains("@media print"));
    assert!(!page.contains("<script"), "works with JavaScript off");
}
