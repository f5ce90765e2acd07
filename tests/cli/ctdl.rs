//! CTDL-ASN: Credential Engine's samples read, peercomp's frameworks written and read back.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/ctdl");

use crate::{json_of_run as json, run};

/// `--data DIR export --to ctdl --framework ID`, written to a file in `dir`.
fn exported(data: &[&str], framework: &str, dir: &std::path::Path) -> String {
    let mut args: Vec<&str> = data.iter().flat_map(|d| ["--data", *d]).collect();
    args.extend(["export", "--to", "ctdl", "--framework", framework]);
    let out = run(&args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let file = dir.join(format!("{framework}.json"));
    std::fs::write(&file, &out.stdout).unwrap();
    file.to_str().unwrap().to_owned()
}

#[test]
fn the_registry_samples_read_with_titles_competencies_and_hierarchy() {
    let frameworks = json(&["--data", DATA, "frameworks", "--json"]);
    let titles: Vec<&str> =
        frameworks.as_array().unwrap().iter().map(|f| f["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        ["Georgia Standards of Excellence", "Science Georgia Standards of Excellence - 2016"]
    );
    let ga =
        json(&["--data", DATA, "list", "--framework", "georgia-standards-of-excellence", "--json"]);
    let texts: Vec<&str> =
        ga.as_array().unwrap().iter().map(|e| e["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["Kindergarten", "High School"], "the top children, in hasTopChild order");
    assert_eq!(ga[0]["item_type"], "Grade Level", "competencyCategory, from its language map");
    let science = "science-georgia-standards-of-excellence-2016";
    let categories = json(&["--data", DATA, "categories", "--framework", science, "--json"]);
    assert_eq!(categories[0]["title"], "Life Science", "a top child with a child of its own");
    let rows = json(&["--data", DATA, "list", "--framework", science, "--json"]);
    let place: HashMap<&str, (&str, &str)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["text"].as_str().unwrap(),
                (r["category"]["title"].as_str().unwrap(), r["parent"].as_str().unwrap_or("-")),
            )
        })
        .collect();
    // "Earth and Space Science" is the child of "Life Science" (isChildOf one way, hasChild the
    // other), a category for having a child; "Astronomy" is a top-level competency of its own.
    assert_eq!(place.len(), 2, "{rows:#}");
    assert_eq!(place["Earth and Space Science"].0, "Life Science");
    assert_eq!(place["Astronomy"].0, "Science Georgia Standards of Excellence - 2016");
    // Its coded notation is taken; the id is the coded notation where it is free.
    assert_eq!(rows[0]["id"], "c3da4d8c-416e-11e7-8a6a-7700393082bd");
}

#[test]
fn the_samples_export_and_read_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    for framework in
        ["georgia-standards-of-excellence", "science-georgia-standards-of-excellence-2016"]
    {
        let file = exported(&[DATA], framework, dir.path());
        for query in [&["list", "--json"][..], &["categories", "--json"]] {
            let mut original = vec!["--data", DATA];
            original.extend(query);
            original.extend(["--framework", framework]);
            let mut again = vec!["--data", file.as_str()];
            again.extend(query);
            again.extend(["--framework", framework]);
            assert_eq!(json(&again), json(&original), "{framework} {query:?}");
        }
    }
}

#[test]
fn peer_worker_and_agency_come_back_unchanged_in_entries_texts_and_tags() {
    let dir = tempfile::tempdir().unwrap();
    for framework in ["peer-worker", "agency"] {
        let file = exported(&[], framework, dir.path());
        let back = json(&["--data", &file, "list", "--json"]);
        let original = json(&["list", "--framework", framework, "--json"]);
        assert_eq!(
            back, original,
            "{framework}: every entry, text, tag, as-written and inferred flag"
        );
        let back = json(&["--data", &file, "crosswalk", "--by", "samhsa", "--json"]);
        let original = json(&["crosswalk", "--framework", framework, "--by", "samhsa", "--json"]);
        assert_eq!(back, original, "{framework}: the tag scheme's labels too");
    }
}

/// The CTDL-ASN terms peercomp writes: Credential Engine's, SKOS's for the tag schemes, and its
/// own (declared in the context) for what CTDL-ASN has no term for.
#[test]
fn the_export_is_ctdl_asn_json_ld_whose_links_resolve_both_ways() {
    let out = run(&["export", "--to", "ctdl"]);
    assert!(out.status.success());
    let graph: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(graph["@context"][0], "https://credreg.net/ctdlasn/schema/context/json");
    assert_eq!(graph["@context"][1]["peercomp"], "urn:peercomp:");
    let nodes = graph["@graph"].as_array().unwrap();
    let by_id: HashMap<&str, &Value> =
        nodes.iter().map(|n| (n["@id"].as_str().unwrap(), n)).collect();
    assert_eq!(by_id.len(), nodes.len(), "every @id once");
    let types: HashSet<&str> = nodes.iter().map(|n| n["@type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        HashSet::from([
            "ceasn:CompetencyFramework",
            "ceasn:Competency",
            "skos:ConceptScheme",
            "skos:Concept"
        ])
    );
    let competencies = nodes.iter().filter(|n| n["@type"] == "ceasn:Competency").count();
    assert_eq!(competencies, 12 + 102 + 30, "the categories, items and sub-items");
    let ids = |v: &Value| -> Vec<String> {
        match v {
            Value::String(s) => vec![s.clone()],
            Value::Array(a) => a.iter().map(|s| s.as_str().unwrap().to_owned()).collect(),
            _ => vec![],
        }
    };
    for node in nodes {
        for (key, value) in node.as_object().unwrap() {
            assert!(
                ["@", "ceasn:", "ceterms:", "skos:", "peercomp:"]
                    .iter()
                    .any(|p| key.starts_with(p)),
                "{key}"
            );
            if [
                "ceasn:hasChild",
                "ceasn:isChildOf",
                "ceasn:hasTopChild",
                "ceasn:isPartOf",
                "ceasn:conceptTerm",
                "skos:inScheme",
            ]
            .contains(&key.as_str())
            {
                for id in ids(value) {
                    assert!(by_id.contains_key(id.as_str()), "{key} {id} resolves");
                }
            }
        }
        // Both directions agree.
        for child in ids(&node["ceasn:hasChild"]) {
            assert_eq!(by_id[child.as_str()]["ceasn:isChildOf"], node["@id"]);
        }
        if node["@type"] == "ceasn:Competency" {
            assert!(node["ceasn:competencyText"]["en-us"].is_string(), "a language map");
        }
    }
}

#[test]
fn json_ld_that_is_not_ctdl_asn_and_halves_of_a_framework_are_refused_with_why() {
    let dir = tempfile::tempdir().unwrap();
    let person = dir.path().join("person.json");
    std::fs::write(
        &person,
        r#"{"@context": "https://schema.org", "@type": "Person", "@id": "p1"}"#,
    )
    .unwrap();
    let out = run(&["--data", person.to_str().unwrap(), "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("JSON-LD with @type Person: not a CTDL-ASN framework")
    );
    // The framework's file without its competencies: each missing one at its place.
    let framework = format!("{DATA}/credreg-seed-competency_framework.json");
    let out = run(&["--data", &framework, "list"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr.matches("which no file loaded holds").count(), 4, "{stderr}");
    assert!(
        stderr.contains(
            "credreg-seed-competency_framework.json:32:13: ceasn:hasTopChild names competency"
        ),
        "{stderr}"
    );
    // The competencies without their framework.
    let out = run(&["--data", &format!("{DATA}/credreg-seed-competency.json"), "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no ceasn:CompetencyFramework loaded"));
}

#[test]
fn cycles_in_the_hierarchy_are_named_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cycle.json");
    let graph = serde_json::json!({"@graph": [
        {"@id": "f", "@type": "ceasn:CompetencyFramework", "ceasn:name": {"en": "F"}, "ceasn:hasTopChild": ["a"]},
        {"@id": "a", "@type": "ceasn:Competency", "ceasn:competencyText": {"en": "A"}, "ceasn:isPartOf": "f"},
        {"@id": "b", "@type": "ceasn:Competency", "ceasn:competencyText": {"en": "B"}, "ceasn:isPartOf": "f", "ceasn:isChildOf": "c"},
        {"@id": "c", "@type": "ceasn:Competency", "ceasn:competencyText": {"en": "C"}, "ceasn:isPartOf": "f", "ceasn:isChildOf": "b"},
    ]});
    std::fs::write(&file, serde_json::to_vec_pretty(&graph).unwrap()).unwrap();
    let out = run(&["--data", file.to_str().unwrap(), "list"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    // Named once, with both its members, where the first is written.
    assert_eq!(stderr.matches("a cycle of competencies").count(), 1, "{stderr}");
    assert!(stderr.contains("'b' -> 'c' -> 'b'"), "{stderr}");
}

/// The Python of the environment `.ci/run` makes for the registry's tools (Python 3.12, with
/// ctdl-validate and pyld).
const CTDL_PYTHON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tools/ctdl-check/.venv/bin/python");

#[test]
fn the_registrys_validator_finds_no_error_and_expansion_keeps_every_key() {
    if !crate::tools(
        "the_registrys_validator_finds_no_error_and_expansion_keeps_every_key",
        &[CTDL_PYTHON],
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut files =
        vec![exported(&[], "peer-worker", dir.path()), exported(&[], "agency", dir.path())];
    // A sample from the registry, read and written back.
    let sample = tempfile::tempdir().unwrap();
    files.push(exported(&[DATA], "georgia-standards-of-excellence", sample.path()));
    files.push(exported(&[DATA], "science-georgia-standards-of-excellence-2016", sample.path()));
    let out = std::process::Command::new(CTDL_PYTHON)
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tools/ctdl-check/check.py"))
        .args(&files)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    for line in &lines {
        assert_eq!(line["findings"]["ERROR"], Value::Null, "{line}");
        assert_eq!(line["dropped"], serde_json::json!([]), "{line}");
    }
    // peercomp's own: nothing at all. The samples: their own CTIDs, kept, are UUID version 3
    // (a WARNING), and one alignment points outside the file (UNVERIFIABLE).
    assert_eq!(lines[0]["findings"], serde_json::json!({}));
    assert_eq!(lines[1]["findings"], serde_json::json!({}));
    assert_eq!(
        lines[2]["findings"],
        serde_json::json!({"UNVERIFIABLE": {"REF_OUTSIDE_PAYLOAD": 1}, "WARNING": {"CTID_NOT_UUIDV4": 3}})
    );
    assert_eq!(lines[3]["findings"], serde_json::json!({"WARNING": {"CTID_NOT_UUIDV4": 3}}));
}
