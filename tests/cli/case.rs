//! CASE 1.1: peercomp's packages against the official schema, and what they hold.

use std::process::Command;

use serde_json::Value;

const PEERCOMP: &str = env!("CARGO_BIN_EXE_peercomp");
const SCHEMA: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/case/case-v1p1-cfpackage.schema.json");

fn export(framework: &str, epoch: &str) -> (Vec<u8>, Value) {
    let out = Command::new(PEERCOMP)
        .args(["export", "--to", "case", "--framework", framework])
        .env("SOURCE_DATE_EPOCH", epoch)
        .env_remove("PEERCOMP_DATA")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let value = serde_json::from_slice(&out.stdout).unwrap();
    (out.stdout, value)
}

#[test]
fn every_package_validates_against_the_official_schema() {
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(SCHEMA).unwrap()).unwrap();
    let validator = jsonschema::draft201909::new(&schema).expect("the official schema compiles");
    for framework in ["peer-worker", "agency"] {
        let (_, packages) = export(framework, "1795304096");
        let packages = packages.as_array().unwrap();
        assert_eq!(
            packages.len(),
            1 + if framework == "agency" { 2 } else { 3 },
            "its own and one per scheme"
        );
        for package in packages {
            let errors: Vec<String> = validator
                .iter_errors(package)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(
                errors.is_empty(),
                "{framework} {}: {errors:#?}",
                package["CFDocument"]["title"]
            );
        }
    }
}

#[test]
fn identifiers_are_stable_and_output_reproducible() {
    let (first, a) = export("peer-worker", "1795304096");
    let (_, b) = export("peer-worker", "1");
    let ids = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .flat_map(|p| {
                p["CFItems"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| i["identifier"].as_str().unwrap().to_owned())
            })
            .collect()
    };
    assert_eq!(ids(&a), ids(&b));
    assert_eq!(a[0]["CFDocument"]["identifier"], b[0]["CFDocument"]["identifier"]);
    assert_eq!(a[0]["CFDocument"]["lastChangeDateTime"], "2026-11-21T23:34:56+00:00");
    let (again, _) = export("peer-worker", "1795304096");
    assert!(first == again, "the same SOURCE_DATE_EPOCH gives the same bytes");
    // Version 5 UUIDs.
    assert!(ids(&a).iter().all(|id| id.as_bytes()[14] == b'5'));
}

fn item<'v>(package: &'v Value, code: &str) -> &'v Value {
    package["CFItems"].as_array().unwrap().iter().find(|i| i["humanCodingScheme"] == code).unwrap()
}

#[test]
fn the_framework_package_holds_the_hierarchy_and_the_tags() {
    let (_, packages) = export("peer-worker", "0");
    let framework = &packages[0];
    let items = framework["CFItems"].as_array().unwrap();
    let count = |t: &str| items.iter().filter(|i| i["CFItemType"] == t).count();
    assert_eq!((count("Category"), count("Competency"), count("Sub-competency")), (12, 102, 30));
    assert_eq!(
        item(framework, "6.8")["fullStatement"],
        "Collaborates with individual to identify, link, and coordinate choices with resources"
    );
    let associations = framework["CFAssociations"].as_array().unwrap();
    let six = item(framework, "6")["identifier"].clone();
    let mut children: Vec<(u64, String)> = associations
        .iter()
        .filter(|a| {
            a["associationType"] == "isChildOf" && a["destinationNodeURI"]["identifier"] == six
        })
        .map(|a| {
            (
                a["sequenceNumber"].as_u64().unwrap(),
                a["originNodeURI"]["title"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    children.sort();
    assert_eq!(children.len(), 11);
    assert_eq!(
        children[7].1,
        "Collaborates with individual to identify, link, and coordinate choices with resources"
    );
    let from = |code: &str| {
        let id = item(framework, code)["identifier"].clone();
        associations
            .iter()
            .filter(move |a| {
                a["associationType"] != "isChildOf" && a["originNodeURI"]["identifier"] == id
            })
            .cloned()
            .collect::<Vec<_>>()
    };
    let six_eight = from("6.8");
    assert_eq!(six_eight.len(), 1);
    assert_eq!(six_eight[0]["associationType"], "isRelatedTo");
    assert_eq!(
        six_eight[0]["notes"],
        "tag icrc:1; inferred: false; as written: RC Domain 1: Advocacy"
    );
    let icrc = packages
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["CFDocument"]["title"] == "IC&RC Peer Recovery exam domains")
        .unwrap();
    assert_eq!(
        six_eight[0]["destinationNodeURI"]["identifier"],
        item(icrc, "icrc:1")["identifier"]
    );
    // A statement that is the practice's name matches it exactly.
    assert_eq!(from("6.9")[0]["associationType"], "exactMatchOf");
    assert_eq!(
        from("1.9")[0]["notes"],
        "tag rfc:6; inferred: true; as written: Regional Facilitation Center, Best Practice"
    );
    assert_eq!(items.iter().filter(|i| i["humanCodingScheme"] == "icrc:2").count(), 0);
    assert_eq!(item(icrc, "icrc:2")["fullStatement"], "IC&RC Domain 2: Ethical Responsibility");
}

const CASE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/case");

fn query(file: &str, args: &[&str]) -> Value {
    let out = Command::new(PEERCOMP)
        .arg("--data")
        .arg(file)
        .args(args)
        .env_remove("PEERCOMP_DATA")
        .output()
        .unwrap();
    assert!(out.status.success(), "{file}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn ids(rows: &Value) -> Vec<String> {
    rows.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn every_opensalt_package_imports_with_its_counts() {
    // (file, framework id, categories, items, sub-items)
    let expected = [
        ("opensalt-ItemTypeTestFramework.json", "item-type-test", 1, 1, 0),
        ("opensalt-MarkdownFramework.json", "test-markdown-framework", 1, 2, 0),
        ("opensalt-Ordering.json", "act-holistic-framework-math", 1, 1, 26),
        ("opensalt-SequenceNumberFramework.json", "sequence-number-test", 1, 2, 0),
        ("opensalt-Utf8TestFramework.json", "utf8-𝑑-test", 1, 1, 0),
        ("opensalt-what-standards-could-be.json", "what-standards-could-be", 2, 6, 8),
    ];
    for (file, id, categories, items, subitems) in expected {
        let f = &query(&format!("{CASE}/{file}"), &["frameworks", "--json"])[0];
        assert_eq!(
            (
                f["id"].as_str().unwrap(),
                f["categories"].as_u64().unwrap(),
                f["items"].as_u64().unwrap(),
                f["subitems"].as_u64().unwrap()
            ),
            (id, categories, items, subitems),
            "{file}"
        );
    }
}

#[test]
fn hierarchy_and_order_follow_is_child_of_and_sequence_numbers() {
    let file = format!("{CASE}/opensalt-what-standards-could-be.json");
    let categories = query(&file, &["categories", "--json"]);
    assert_eq!(ids(&categories), ["CCSS.Math.Content.6.RP.A", "CCSS.Math.Content.7.RP.A"]);
    let six = query(&file, &["list", "--category", "CCSS.Math.Content.6.RP.A", "--json"]);
    let six: Vec<String> = ids(&six)
        .into_iter()
        .map(|id| id.trim_start_matches("CCSS.Math.Content.6.RP.").to_owned())
        .collect();
    assert_eq!(
        six,
        ["A.1", "A.2", "A.3", "A.3a", "A.3b", "A.3c", "A.3d"],
        "no sequence numbers for these children: the file's order holds"
    );
    let shown = &query(&file, &["show", "CCSS.Math.Content.6.RP.A.1", "--json"])[0];
    assert_eq!(shown["item_type"], "Standard");
    assert_eq!(
        shown["relations"][1],
        serde_json::json!({"kind": "precedes", "target": "CCSS.Math.Content.6.RP.A.2"})
    );
    assert_eq!(shown["relations"][0]["kind"], "exactMatchOf");
    assert_eq!(shown["subitems"], serde_json::json!([]));

    let ordering = query(
        &format!("{CASE}/opensalt-Ordering.json"),
        &["show", "H.A.MATH.GM.PF.2DFP.L1", "--json"],
    );
    let first: Vec<String> = ordering[0]["subitems"]
        .as_array()
        .unwrap()
        .iter()
        .take(3)
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        first,
        ["H.A.MATH.GM.PF.2DFP.L1.1", "H.A.MATH.GM.PF.2DFP.L1.10", "H.A.MATH.GM.PF.2DFP.L1.3"]
    );
    assert_eq!(ordering[0]["parent"], "H.A.MATH.GM.PF.2DFP");

    let sequence =
        query(&format!("{CASE}/opensalt-SequenceNumberFramework.json"), &["list", "--json"]);
    assert_eq!(ids(&sequence), ["SNT.2", "SNT.1"]);
    let utf8 = query(&format!("{CASE}/opensalt-Utf8TestFramework.json"), &["list", "--json"]);
    assert_eq!(utf8[0]["text"], "Item 𝑑 1");
    let markdown = query(&format!("{CASE}/opensalt-MarkdownFramework.json"), &["list", "--json"]);
    assert!(markdown[0]["text"].as_str().unwrap().contains("$x^2$"));
    let typed_file = format!("{CASE}/opensalt-ItemTypeTestFramework.json");
    let only = query(&typed_file, &["list", "--json"]);
    let typed = query(&typed_file, &["show", "--json", only[0]["id"].as_str().unwrap()]);
    assert_eq!(typed[0]["item_type"], "Standard");
}

#[test]
fn peercomps_own_export_reads_back_to_the_same_entries_texts_and_tags() {
    let dir = tempfile::tempdir().unwrap();
    for framework in ["peer-worker", "agency"] {
        let (bytes, _) = export(framework, "0");
        let file = dir.path().join(format!("{framework}.case.json"));
        std::fs::write(&file, bytes).unwrap();
        let before = Command::new(PEERCOMP)
            .args(["list", "--framework", framework, "--json"])
            .output()
            .unwrap()
            .stdout;
        let before: Value = serde_json::from_slice(&before).unwrap();
        let after = query(file.to_str().unwrap(), &["list", "--json"]);
        let key = |e: &Value| {
            let mut e = e.clone();
            // Entry-level as_written and the CASE fields are not part of the comparison.
            for field in ["as_written", "item_type", "code", "relations"] {
                e.as_object_mut().unwrap().remove(field);
            }
            e
        };
        let before: Vec<Value> = before.as_array().unwrap().iter().map(key).collect();
        let after: Vec<Value> = after.as_array().unwrap().iter().map(key).collect();
        assert_eq!(before, after, "{framework}");
    }
}

#[test]
fn a_missing_required_field_is_reported_where_it_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.json");
    std::fs::write(
        &file,
        r#"{"CFDocument": {"identifier": "d", "uri": "urn:x", "creator": "c", "title": "T", "lastChangeDateTime": "2020-01-01T00:00:00+00:00"},
  "CFItems": [
    {"identifier": "a", "fullStatement": "A", "uri": "urn:a"},
    {"identifier": "b", "uri": "urn:b", "extra": "ignored"}]}"#,
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let out = Command::new(PEERCOMP).args(["validate", path]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("{path}:4:5: CFItem b lacks its required `fullStatement`\n")
    );
    std::fs::write(
        &file,
        r#"[{"CFDocument": {"identifier": "d", "uri": "urn:x", "creator": "c", "title": "T", "lastChangeDateTime": "2020-01-01T00:00:00+00:00"}},
            {"CFItems": []}]"#,
    )
    .unwrap();
    let out = Command::new(PEERCOMP).args(["validate", path]).output().unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("a package without its CFDocument"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
