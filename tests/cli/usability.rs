//! What a new user trusts: provenance in `show`, sources by title, names the data made up marked
//! as such, checklists, completions and the manual.

use assert_cmd::cargo::cargo_bin_cmd;
use peercomp::model::label_name;
use serde_json::Value;

fn stdout_of(args: &[&str]) -> String {
    let out = cargo_bin_cmd!("peercomp").env("COLUMNS", "100").args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// In a pipe: every table row on one line.
fn piped_of(args: &[&str]) -> String {
    let out = cargo_bin_cmd!("peercomp").env_remove("COLUMNS").args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

fn json_of(args: &[&str]) -> Value {
    serde_json::from_str(&stdout_of(args)).unwrap()
}

#[test]
fn show_gives_the_source_line_and_why_a_tag_is_inferred() {
    let shown = &json_of(&["show", "1.1", "--json"])[0];
    assert_eq!(shown["source"]["document"], "000_1a72edc170f4ec12.txt");
    assert_eq!(shown["source"]["line"], 16);
    // 1.1's samhsa tag is inferred for a reason given once, on the scheme.
    let why = shown["inferred"][0]["reason"].as_str().unwrap();
    assert_eq!(shown["inferred"][0]["tag"], "samhsa");
    assert!(why.contains("an item with no source tag is a SAMHSA item"), "{why}");
    let table = piped_of(&["show", "1.1"]);
    assert!(table.contains("why inferred"), "{table}");
    assert!(table.contains("line 16 of 000_1a72edc170f4ec12.txt"), "{table}");
    // An agency entry: the reason is in its category's notes.
    let integration = &json_of(&["show", "integration.1", "--json"])[0];
    let why = integration["inferred"][0]["reason"].as_str().unwrap();
    assert!(why.contains("SAMHSA has provided recommendations"), "{why}");
    assert_eq!(integration["source"]["line"], 68);
    // Where the entry's own note says why, the table does not say it twice.
    let one_nine = piped_of(&["show", "1.9"]);
    assert!(!one_nine.contains("why inferred") && one_nine.contains("tagged rfc:6 here, inferred"));
    // Nothing inferred, nothing to explain.
    assert!(json_of(&["show", "principles.1", "--json"])[0].get("inferred").is_none());
}

#[test]
fn frameworks_name_their_sources_by_title() {
    let rows = json_of(&["frameworks", "--format", "json"]);
    let text = piped_of(&["frameworks"]);
    assert!(!text.contains(".txt"), "{text}");
    let agency = rows.as_array().unwrap().iter().find(|r| r["id"] == "agency").unwrap();
    assert_eq!(
        agency["source"]["title"],
        "Core Competencies for Agencies that Employ Peer Support Workers"
    );
    assert!(
        text.lines().any(|l| l.contains("│ agency") && l.matches("Core Competencies").count() == 2)
    );
}

#[test]
fn names_taken_from_statements_are_marked_and_true_to_them() {
    let tags = json_of(&["tags", "--framework", "peer-worker", "--json"]);
    let entries = json_of(&["list", "--tag", "rfc", "--json"]);
    let mut marked = Vec::new();
    for tag in tags.as_array().unwrap() {
        let Some(ids) = tag.get("named_after").and_then(Value::as_array) else { continue };
        marked.push(tag["tag"].as_str().unwrap().to_owned());
        let name = label_name(tag["label"].as_str().unwrap()).unwrap();
        for id in ids {
            let entry = entries.as_array().unwrap().iter().find(|e| &e["id"] == id).unwrap();
            // The statement gives the name, and the entry carries the tag it names.
            assert_eq!(entry["text"].as_str().unwrap(), name, "{id}");
            assert!(entry["tags"].as_array().unwrap().iter().any(|t| t["tag"] == tag["tag"]));
        }
    }
    assert_eq!(marked, ["rfc:2", "rfc:3", "rfc:4", "rfc:5", "rfc:6", "rfc:9"]);
    let table = piped_of(&["tags", "--framework", "peer-worker"]);
    assert!(table.contains("Addresses barriers to housing†"), "{table}");
    assert!(table.contains("† named after the statement of the entry tagged with it"));
    assert!(!table.contains("IC&RC Domain 1: Advocacy†"));
    let crosswalk = piped_of(&["crosswalk", "--by", "rfc"]);
    assert!(crosswalk.contains("rfc:3 Addresses barriers to housing†"), "{crosswalk}");
    assert!(crosswalk.contains("† named after the statement"));
    let icrc = stdout_of(&["crosswalk", "--by", "icrc"]);
    assert!(!icrc.contains('†'), "{icrc}");
}
