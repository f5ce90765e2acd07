//! CASE 1.1: peercomp's packages against the official schema, and what they hold.

use std::process::Command;

use serde_json::Value;

const PEERCOMP: &str = env!("CARGO_BIN_EXE_peercomp");
const SCHEMA: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/case/case-v1p1-cfpackage.schema.json");

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
