//! CASE packages read and written back: identifiers, types, grade levels and every other field
//! CASE 1.1 defines kept, and nothing else changed but what the official schema forbids.

use std::collections::{BTreeMap, HashMap};
use std::process::Command;

use serde_json::{Value, json};

const PEERCOMP: &str = env!("CARGO_BIN_EXE_peercomp");
const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/case/");

/// `--data FILE export --to case`: the package, and stderr's lines.
fn round_trip(file: &str) -> (Value, Vec<String>) {
    let out = Command::new(PEERCOMP)
        .args(["--data", file, "export", "--to", "case"])
        .env("SOURCE_DATE_EPOCH", "1795304096")
        .env_remove("PEERCOMP_DATA")
        .output()
        .unwrap();
    assert!(out.status.success(), "{file}: {}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8(out.stderr).unwrap().lines().map(str::to_owned).collect();
    (serde_json::from_slice(&out.stdout).unwrap(), stderr)
}

fn schema_errors(package: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{DATA}case-v1p1-cfpackage.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft201909::new(&schema).unwrap();
    validator.iter_errors(package).map(|e| format!("{e} at {}", e.instance_path())).collect()
}

/// The differences the official schema forces, and only those: what it does not define is
/// dropped, what older servers misspelt is renamed, and a value of the wrong shape takes the
/// right one. The README lists the same.
fn expected(object: &str, field: &str, value: &Value) -> Option<(String, Value)> {
    let dropped = [
        ("document", "CFPackageURI"),
        ("item", "CFDocumentURI"),
        ("item", "CFItemAssociationURI"),
        ("association", "CFDocumentURI"),
        ("association", "CFAssociationGroupingIdentifier"),
        ("association", "originNodeIdentifier"),
        ("association", "destinationNodeIdentifier"),
    ];
    if dropped.contains(&(object, field)) {
        return None;
    }
    // A link whose uri is null is no link.
    if field == "CFAssociationGroupingURI" && value["uri"].is_null() {
        return None;
    }
    let renamed = match (object, field) {
        ("item", "educationalLevel") => "educationLevel",
        ("document", "subjectURL") => "subjectURI",
        (_, field) => field,
    };
    let value = match (renamed, value) {
        ("educationLevel" | "subject", Value::String(s)) => json!([s]),
        ("sequenceNumber", Value::String(s)) => json!(s.parse::<i64>().unwrap()),
        (_, value) => value.clone(),
    };
    Some((renamed.to_owned(), value))
}

/// Compares objects of one kind by identifier; returns how many fields of each name were kept.
fn compare(object: &str, original: &[Value], written: &[Value]) -> BTreeMap<String, usize> {
    let written: HashMap<&str, &Value> =
        written.iter().map(|o| (o["identifier"].as_str().unwrap(), o)).collect();
    assert_eq!(written.len(), original.len(), "{object}s: as many written as read, none made up");
    let mut kept = BTreeMap::new();
    for o in original {
        let id = o["identifier"].as_str().unwrap();
        let w = written.get(id).unwrap_or_else(|| panic!("{object} {id} lost"));
        let mut fields = 0;
        for (field, value) in o.as_object().unwrap() {
            if let Some((name, value)) = expected(object, field, value) {
                assert_eq!(w[&name], value, "{object} {id}: {field}");
                *kept.entry(name).or_default() += 1;
                fields += 1;
            }
        }
        assert_eq!(w.as_object().unwrap().len(), fields, "{object} {id}: nothing added: {w}");
    }
    kept
}

#[test]
fn common_core_keeps_its_identifiers_types_grades_and_metadata() {
    let file = format!("{DATA}opensalt-ccss-math-cfs-sample.json");
    let original: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let (written, notes) = round_trip(&file);
    let list = |p: &Value, key: &str| p[key].as_array().unwrap().clone();

    let items = compare("item", &list(&original, "CFItems"), &list(&written, "CFItems"));
    assert_eq!(items["identifier"], 703, "identifiers 703/703");
    assert_eq!(items["uri"], 703);
    assert_eq!(items["CFItemType"], 697, "every item type as written (Standard stays Standard)");
    assert_eq!(items["educationLevel"], 703, "grade levels");
    assert_eq!(items["listEnumeration"], 517);
    assert_eq!(items["humanCodingScheme"], 664);
    assert_eq!(items["notes"], 155);
    let associations = compare(
        "association",
        &list(&original, "CFAssociations"),
        &list(&written, "CFAssociations"),
    );
    assert_eq!(associations["identifier"], 703);
    assert_eq!(associations["destinationNodeURI"], 703, "every item under its own parent");
    compare("document", &[original["CFDocument"].clone()], &[written["CFDocument"].clone()]);
    for field in ["title", "creator", "officialSourceURL", "notes", "lastChangeDateTime", "uri"] {
        assert_eq!(written["CFDocument"][field], original["CFDocument"][field], "{field}");
    }
    assert_eq!(written["CFDefinitions"], original["CFDefinitions"]);

    // The source breaks the schema in 2,116 places; what is left is what it lacks and nothing
    // can stand in for: item types without a description, a subject without a date.
    let errors = schema_errors(&written);
    assert_eq!(errors.len(), 5, "{errors:#?}");
    assert!(errors.iter().all(|e| e.contains("/CFDefinitions/")), "{errors:#?}");

    // Each kind of change said once, with how often.
    for said in [
        "note: to fit CASE 1.1, CFItem: `educationalLevel` renamed `educationLevel` (703 times)",
        "note: to fit CASE 1.1, CFItem: `CFDocumentURI` is not CASE 1.1: dropped (703 times)",
        "note: to fit CASE 1.1, CFDocument: `CFPackageURI` is not CASE 1.1: dropped (once)",
    ] {
        assert!(notes.iter().any(|n| n == said), "{said} not in {notes:#?}");
    }
}

#[test]
fn valid_packages_come_back_valid_and_unchanged() {
    for name in [
        "opensalt-ItemTypeTestFramework.json",
        "opensalt-MarkdownFramework.json",
        "opensalt-SequenceNumberFramework.json",
        "opensalt-Utf8TestFramework.json",
        "opensalt-Ordering.json",
        "opensalt-what-standards-could-be.json",
    ] {
        let file = format!("{DATA}{name}");
        let original: Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let (written, _) = round_trip(&file);
        for key in ["CFItems", "CFAssociations"] {
            let object = if key == "CFItems" { "item" } else { "association" };
            compare(object, original[key].as_array().unwrap(), written[key].as_array().unwrap());
        }
        assert_eq!(written["CFDefinitions"], original["CFDefinitions"], "{name}");
        if schema_errors(&original).is_empty() {
            assert_eq!(schema_errors(&written), Vec::<String>::new(), "{name}");
        }
    }
}

#[test]
fn written_back_it_reads_the_same_and_writes_the_same() {
    let file = format!("{DATA}opensalt-ccss-math-cfs-sample.json");
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.json");
    let (written, _) = round_trip(&file);
    std::fs::write(&first, serde_json::to_vec(&written).unwrap()).unwrap();
    let (again, notes) = round_trip(first.to_str().unwrap());
    assert_eq!(again, written, "a second round changes nothing");
    assert_eq!(notes, Vec::<String>::new(), "and has nothing left to fit");
    // Through peercomp's own YAML, too.
    let yaml = dir.path().join("ccss.yaml");
    let out = Command::new(PEERCOMP)
        .args(["--data", &file, "export", "--to", "yaml", "-o", yaml.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(round_trip(yaml.to_str().unwrap()).0, written);
}

#[test]
fn what_the_model_changes_is_written_over_what_was_read() {
    let file = format!("{DATA}opensalt-what-standards-could-be.json");
    let dir = tempfile::tempdir().unwrap();
    let yaml = dir.path().join("edited.yaml");
    let out =
        Command::new(PEERCOMP).args(["--data", &file, "export", "--to", "yaml"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let before = "Understand ratio concepts and use ratio reasoning to solve problems.";
    assert!(text.contains(before));
    std::fs::write(&yaml, text.replacen(before, "Understand ratios.", 1)).unwrap();
    let (original, _) = round_trip(&file);
    let (edited, _) = round_trip(yaml.to_str().unwrap());
    let statements = |p: &Value| -> Vec<String> {
        p["CFItems"].as_array().unwrap().iter().map(|i| i["fullStatement"].to_string()).collect()
    };
    let changed: Vec<(String, String)> = statements(&original)
        .into_iter()
        .zip(statements(&edited))
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed, [(format!("{before:?}"), "\"Understand ratios.\"".to_owned())]);
    assert_eq!(original["CFAssociations"], edited["CFAssociations"]);
}
