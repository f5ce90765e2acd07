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

/// `export --to case -o DIR/`: each file's name and package, the framework's first; and what
/// was said.
fn export_dir(framework: &str, dir: &std::path::Path) -> (Vec<(String, Value)>, String) {
    let out = Command::new(PEERCOMP)
        .args(["export", "--to", "case", "--framework", framework, "-o"])
        .arg(format!("{}/", dir.display()))
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("PEERCOMP_DATA")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8(out.stderr).unwrap();
    let written = said.lines().last().unwrap().split(": ").nth(1).unwrap().to_owned();
    let files = written
        .split(", ")
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(name)).unwrap();
            (name.to_owned(), serde_json::from_str(&text).unwrap())
        })
        .collect();
    (files, said)
}

#[test]
fn every_file_is_one_package_that_validates_whole_against_the_official_schema() {
    // OpenSALT's importer validates an upload as one CFPackage: each file written is one.
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(SCHEMA).unwrap()).unwrap();
    let validator = jsonschema::draft201909::new(&schema).expect("the official schema compiles");
    let dir = tempfile::tempdir().unwrap();
    for framework in ["peer-worker", "agency"] {
        let (packages, said) = export_dir(framework, dir.path());
        let names: Vec<&str> = packages.iter().map(|(name, _)| name.as_str()).collect();
        let expected: &[&str] = match framework {
            "agency" => &["agency.case.json", "agency.samhsa.case.json", "agency.sfu.case.json"],
            _ => &[
                "peer-worker.case.json",
                "peer-worker.samhsa.case.json",
                "peer-worker.icrc.case.json",
                "peer-worker.rfc.case.json",
            ],
        };
        assert_eq!(names, expected, "its own and one per scheme, named plainly: {said}");
        for (name, package) in &packages {
            assert!(package.is_object(), "{name}: one package, not an array");
            let errors: Vec<String> = validator
                .iter_errors(package)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{framework} {name}: {errors:#?}");
            // Every item links its type, as OpenSALT's ItemsTransformer needs.
            let types: Vec<&Value> = package["CFDefinitions"]["CFItemTypes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| &t["identifier"])
                .collect();
            for item in package["CFItems"].as_array().unwrap() {
                let uri = &item["CFItemTypeURI"];
                assert!(types.contains(&&uri["identifier"]), "{name}: {item}");
                assert_eq!(uri["title"], item["CFItemType"], "{name}");
            }
        }
    }
}

#[test]
fn standard_output_gets_the_framework_package_alone_and_says_where_the_schemes_are() {
    let out = Command::new(PEERCOMP)
        .args(["export", "--to", "case"])
        .env_remove("PEERCOMP_DATA")
        .output()
        .unwrap();
    assert!(out.status.success());
    let package: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(package["CFDocument"]["title"], "Peer Support Core Competencies");
    let said = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        said.trim(),
        "note: peer-worker's tag schemes (samhsa, icrc, rfc) are CASE packages of their own, one \
         per file: -o DIR/ writes them beside it; --no-schemes leaves them out without this note"
    );
    let quiet = Command::new(PEERCOMP)
        .args(["export", "--to", "case", "--no-schemes"])
        .env_remove("PEERCOMP_DATA")
        .output()
        .unwrap();
    assert_eq!((quiet.stdout, quiet.stderr.is_empty()), (out.stdout, true));
    let dir = tempfile::tempdir().unwrap();
    let alone = Command::new(PEERCOMP)
        .args(["export", "--to", "case", "--no-schemes", "-o"])
        .arg(dir.path())
        .env_remove("PEERCOMP_DATA")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(alone.stderr).unwrap().trim(),
        format!("wrote 1 file to {}: peer-worker.case.json", dir.path().display())
    );
}

#[test]
fn dates_come_from_the_data_never_the_clock() {
    // peer-worker's source is dated January 23, 2020; the agency's is not dated at all.
    let dir = tempfile::tempdir().unwrap();
    let (first, _) = export_dir("peer-worker", dir.path());
    for (name, package) in &first {
        assert_eq!(
            package["CFDocument"]["lastChangeDateTime"], "2020-01-23T00:00:00+00:00",
            "{name}"
        );
    }
    let (agency, said) = export_dir("agency", dir.path());
    assert_eq!(agency[0].1["CFDocument"]["lastChangeDateTime"], "1970-01-01T00:00:00+00:00");
    assert!(
        said.contains("note: agency: it names no date (source: date:), nor does SOURCE_DATE_EPOCH"),
        "{said}"
    );
    let (_, dated) = export("agency", "1795304096");
    assert_eq!(dated["CFDocument"]["lastChangeDateTime"], "2026-11-21T23:34:56+00:00");
    // Two exports, a second apart, byte for byte.
    let again = tempfile::tempdir().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let (second, _) = export_dir("peer-worker", again.path());
    for ((name, _), _) in first.iter().zip(&second) {
        let a = std::fs::read(dir.path().join(name)).unwrap();
        let b = std::fs::read(again.path().join(name)).unwrap();
        assert!(a == b, "{name} differs between two exports");
    }
}

#[test]
fn identifiers_are_stable_and_output_reproducible() {
    let (first, a) = export("peer-worker", "1795304096");
    let (_, b) = export("peer-worker", "1");
    let ids = |p: &Value| -> Vec<String> {
        p["CFItems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["identifier"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids(&a), ids(&b));
    assert_eq!(a["CFDocument"]["identifier"], b["CFDocument"]["identifier"]);
    // The source's date, whatever SOURCE_DATE_EPOCH says.
    assert_eq!(a["CFDocument"]["lastChangeDateTime"], "2020-01-23T00:00:00+00:00");
    let (again, _) = export("peer-worker", "1795304096");
    assert!(first == again, "the same data gives the same bytes");
    // Version 5 UUIDs.
    assert!(ids(&a).iter().all(|id| id.as_bytes()[14] == b'5'));
}

fn item<'v>(package: &'v Value, code: &str) -> &'v Value {
    package["CFItems"].as_array().unwrap().iter().find(|i| i["humanCodingScheme"] == code).unwrap()
}

#[test]
fn the_framework_package_holds_the_hierarchy_and_the_tags() {
    let (_, framework) = export("peer-worker", "0");
    let framework = &framework;
    let dir = tempfile::tempdir().unwrap();
    let (packages, _) = export_dir("peer-worker", dir.path());
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
    let icrc = &packages
        .iter()
        .find(|(_, p)| p["CFDocument"]["title"] == "IC&RC Peer Recovery exam domains")
        .unwrap()
        .1;
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
        serde_json::json!({"kind": "precedes", "target": "CCSS.Math.Content.6.RP.A.2", "identifier": null})
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
        // Every key of every row, as_written and the CASE fields included: the same.
        assert_eq!(before, after, "{framework}");
        let shown = |data: Option<&str>| {
            let mut args = data.map_or_else(Vec::new, |d| vec!["--data", d]);
            args.extend([
                "show",
                if framework == "agency" { "factors.9" } else { "6.8" },
                "--json",
            ]);
            let out =
                Command::new(PEERCOMP).args(&args).env_remove("PEERCOMP_DATA").output().unwrap();
            serde_json::from_slice::<Value>(&out.stdout).unwrap()
        };
        // show cites the source document and its line, not the CASE file's identifier.
        assert_eq!(shown(None), shown(file.to_str()), "{framework}");
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

/// A CASE package of items `a`, `b`, ... and isChildOf links (child, parent); `d` is the
/// document.
fn package(items: &[&str], links: &[(&str, &str)]) -> String {
    let node =
        |id: &str| serde_json::json!({"identifier": id, "uri": format!("urn:{id}"), "title": id});
    let items: Vec<Value> = items
        .iter()
        .map(|id| serde_json::json!({"identifier": id, "uri": format!("urn:{id}"), "fullStatement": format!("Statement {id}")}))
        .collect();
    let links: Vec<Value> = links
        .iter()
        .enumerate()
        .map(|(n, (child, parent))| {
            serde_json::json!({"identifier": format!("link{n}"), "associationType": "isChildOf",
                "originNodeURI": node(child), "destinationNodeURI": node(parent)})
        })
        .collect();
    let document = serde_json::json!({"identifier": "d", "uri": "urn:d", "title": "Hierarchy", "creator": "test"});
    serde_json::to_string_pretty(
        &serde_json::json!({"CFDocument": document, "CFItems": items, "CFAssociations": links}),
    )
    .unwrap()
}

/// `validate` and `list` on a package: both must give the same problems, exit 1, no abort.
fn refused(text: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("package.json");
    std::fs::write(&file, text).unwrap();
    let validate = Command::new(PEERCOMP).arg("validate").arg(&file).output().unwrap();
    assert_eq!(validate.status.code(), Some(1), "{}", String::from_utf8_lossy(&validate.stderr));
    let list = Command::new(PEERCOMP).arg("--data").arg(&file).arg("list").output().unwrap();
    assert_eq!(list.status.code(), Some(1));
    let problems: Vec<String> = String::from_utf8(validate.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split_once("package.json:").unwrap().1.to_owned())
        .collect();
    let errors: Vec<String> = String::from_utf8(list.stderr)
        .unwrap()
        .lines()
        .map(|l| l.split_once("package.json:").unwrap().1.to_owned())
        .collect();
    assert_eq!(problems, errors, "validate and loading agree");
    problems
}

#[test]
fn every_item_of_a_hierarchy_is_placed_or_named_with_its_place() {
    // Its own parent.
    let problems = refused(&package(&["a", "b"], &[("a", "d"), ("b", "b")]));
    assert_eq!(problems.len(), 1);
    assert!(problems[0].ends_with("CFItem 'b' is its own parent (isChildOf)"), "{problems:?}");
    // A cycle not linked to the document, and another with an item hanging from it.
    let problems = refused(&package(
        &["a", "b", "c", "t", "p", "q"],
        &[("a", "d"), ("b", "c"), ("c", "b"), ("t", "b"), ("p", "q"), ("q", "p")],
    ));
    assert_eq!(problems.len(), 2, "each cycle named once: {problems:?}");
    assert!(problems[0].contains("an isChildOf cycle: 'b' -> 'c' -> 'b'"), "{problems:?}");
    assert!(problems[1].contains("an isChildOf cycle: 'p' -> 'q' -> 'p'"), "{problems:?}");
    // A parent that does not exist.
    let problems = refused(&package(&["a", "b"], &[("a", "d"), ("b", "zz")]));
    assert!(problems[0].contains("the parent of CFItem 'b', 'zz', is neither"), "{problems:?}");
    // Two items with one identifier: the second names the first.
    let problems = refused(&package(&["a", "a"], &[("a", "d")]));
    assert!(problems[0].contains("CFItem identifier 'a' is used twice (first at "), "{problems:?}");
    // An item that takes the document's own identifier (found by fuzzing: a loop that the
    // builder once followed until the stack overflowed).
    let problems = refused(&package(&["a", "d"], &[("a", "d"), ("d", "a")]));
    assert!(
        problems[0].contains("CFItem identifier 'd' is the CFDocument's own identifier"),
        "{problems:?}"
    );
    // Each problem has a line and a column.
    for problem in &problems {
        let (line, rest) = problem.split_once(':').unwrap();
        let (column, _) = rest.split_once(':').unwrap();
        assert!(line.parse::<u32>().is_ok() && column.parse::<u32>().is_ok(), "{problem}");
    }
}

#[test]
fn deep_chains_and_lattices_are_refused_in_linear_time_without_recursion() {
    // 10,000 deep: once a stack overflow. Refused at the first item past the depth limit.
    let chain: Vec<String> = (0..10_000).map(|i| format!("n{i}")).collect();
    let mut links: Vec<(&str, &str)> = vec![(&chain[0], "d")];
    links.extend(chain.windows(2).map(|w| (w[1].as_str(), w[0].as_str())));
    let names: Vec<&str> = chain.iter().map(String::as_str).collect();
    let problems = refused(&package(&names, &links));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("CFItem 'n14' is nested 13 levels of sub-items deep"));
    // A lattice 20 levels deep, each item the child of both above it: once 31 s and 3.9 GB
    // (every path copied). Each item is placed once, under its first parent.
    let mut items = vec!["r".to_owned()];
    let mut lattice: Vec<(String, String)> = vec![("r".into(), "d".into())];
    let mut above = vec!["r".to_owned()];
    for level in 0..20 {
        let here: Vec<String> = (0..2).map(|k| format!("l{level}k{k}")).collect();
        for child in &here {
            items.push(child.clone());
            lattice.extend(above.iter().map(|parent| (child.clone(), parent.clone())));
        }
        above = here;
    }
    let names: Vec<&str> = items.iter().map(String::as_str).collect();
    let links: Vec<(&str, &str)> = lattice.iter().map(|(c, p)| (c.as_str(), p.as_str())).collect();
    let problems = refused(&package(&names, &links));
    assert_eq!(problems.len(), 2, "the two items of the first level too deep: {problems:?}");
    // Shallow enough, a lattice loads: each item once, the second parent kept as a link.
    let shallow: Vec<(&str, &str)> = links
        .iter()
        .copied()
        .filter(|(c, _)| c.starts_with("l0") || c.starts_with("l1k") || *c == "r")
        .collect();
    let kept: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| n.starts_with("l0") || n.starts_with("l1k") || *n == "r")
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lattice.json");
    std::fs::write(&file, package(&kept, &shallow)).unwrap();
    let rows = query(file.to_str().unwrap(), &["list", "--json"]);
    assert_eq!(ids(&rows), ["l0k0", "l1k0", "l1k1", "l0k1"]);
    let shown = query(file.to_str().unwrap(), &["show", "l1k0", "--json"]);
    assert_eq!(
        shown[0]["relations"],
        serde_json::json!([{"kind": "isChildOf", "target": "l0k1", "identifier": null}])
    );
}

#[test]
fn an_item_with_no_parent_beside_a_hierarchy_is_placed_at_the_top() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("orphan.json");
    std::fs::write(&file, package(&["a", "b", "x"], &[("a", "d"), ("b", "a")])).unwrap();
    let rows = query(file.to_str().unwrap(), &["list", "--json"]);
    // a is a category (it has a child); x, once dropped, is an item of the document's own.
    assert_eq!(ids(&rows), ["b", "x"]);
}

#[test]
fn tag_metadata_survives_case_whatever_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tricky.yaml");
    std::fs::write(
        &file,
        "id: tricky\ntitle: Tricky\nschemes:\n  - {id: s, name: S, label: S, codes: [{code: a, label: \"S a: A\"}]}\ncategories:\n  - id: \"1\"\n    title: One\n    entries:\n      - id: \"1.1\"\n        text: x\n        tags:\n          - {tag: \"s:a\", as_written: \"inferred: true; as written: cut here\"}\n      - id: \"1.2\"\n        text: y\n        tags:\n          - {tag: \"s:a\", inferred: true}\n",
    )
    .unwrap();
    let exported = dir.path().join("tricky.case.json");
    let out = Command::new(PEERCOMP)
        .args(["--data", file.to_str().unwrap(), "export", "--to", "case", "-o"])
        .arg(&exported)
        .output()
        .unwrap();
    assert!(out.status.success());
    let rows = query(exported.to_str().unwrap(), &["list", "--json"]);
    let tag = |i: usize| rows[i]["tags"][0].clone();
    assert_eq!(tag(0)["as_written"], "inferred: true; as written: cut here");
    assert_eq!(tag(0)["inferred"], false, "not flipped by the words in the text");
    assert_eq!(tag(1)["as_written"], Value::Null);
    assert_eq!(tag(1)["inferred"], true);
}

/// What peercomp says of files, and its status.
fn run(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(PEERCOMP).args(args).env_remove("PEERCOMP_DATA").output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.success(), text(out.stdout), text(out.stderr))
}

#[test]
fn every_package_of_an_array_or_a_directory_is_read_or_the_input_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (packages, _) = export_dir("peer-worker", dir.path());
    let at = |name: &str| dir.path().join(name).display().to_string();
    // The directory reads back whole: its tags, from the framework's package and its schemes'.
    let (ok, listed, said) = run(&["--data", &at(""), "list", "--tag", "icrc:1", "--json"]);
    assert!(ok, "{said}");
    let listed: Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 10, "as embedded");
    let (ok, _, said) = run(&["validate", &at("")]);
    assert!(ok);
    assert_eq!(said.trim(), "no problems in 4 files");
    // A scheme's package without its framework's is refused, with the reason.
    let (ok, _, said) = run(&["--data", &at("peer-worker.icrc.case.json"), "list"]);
    assert!(!ok);
    assert!(said.contains("holds only tag-scheme packages of the framework 'peer-worker', which no file loaded holds"), "{said}");
    // Two frameworks in one array: the second is not dropped unsaid.
    let framework = &packages[0].1;
    let two = dir.path().join("two.json");
    std::fs::write(&two, serde_json::to_string(&[framework, framework]).unwrap()).unwrap();
    let (ok, out, said) = run(&["validate", two.to_str().unwrap()]);
    let said = out + &said;
    assert!(!ok);
    assert!(said.contains("2 framework packages in one file (this is the second): peercomp reads one framework per file"), "{said}");
}

#[test]
fn the_identifiers_of_tag_scheme_codes_survive_a_round_trip() {
    // A framework's package and its IC&RC scheme's, in one array, the codes renamed as another
    // tool might have them (custom-icrc-1, ...).
    let dir = tempfile::tempdir().unwrap();
    let (packages, _) = export_dir("peer-worker", dir.path());
    let icrc = &packages.iter().find(|(name, _)| name.contains(".icrc.")).unwrap().1;
    let mut text = serde_json::to_string(&[&packages[0].1, icrc]).unwrap();
    for (n, item) in icrc["CFItems"].as_array().unwrap().iter().enumerate() {
        let old = item["identifier"].as_str().unwrap();
        text = text.replace(old, &format!("custom-icrc-{}", n + 1));
    }
    let custom = dir.path().join("custom.json");
    std::fs::write(&custom, &text).unwrap();
    let links_to = |package: &Value, id: &str| {
        package["CFAssociations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["destinationNodeURI"]["identifier"] == id)
            .count()
    };
    let before: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(links_to(&before[0], "custom-icrc-1"), 10);
    let again = dir.path().join("again");
    let (ok, _, said) = run(&[
        "--data",
        custom.to_str().unwrap(),
        "export",
        "--to",
        "case",
        "-o",
        &format!("{}/", again.display()),
    ]);
    assert!(ok, "{said}");
    let read = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(again.join(name)).unwrap()).unwrap()
    };
    assert_eq!(links_to(&read("peer-worker.case.json"), "custom-icrc-1"), 10);
    let codes = read("peer-worker.icrc.case.json");
    assert_eq!(item(&codes, "icrc:1")["identifier"], "custom-icrc-1");
    assert_eq!(item(&codes, "icrc:1")["uri"], "urn:peercomp:custom-icrc-1");
}

#[test]
fn items_or_associations_that_are_not_a_list_are_refused_not_read_as_none() {
    let dir = tempfile::tempdir().unwrap();
    let (_, package) = export("agency", "0");
    for key in ["CFItems", "CFAssociations"] {
        let mut wrong = package.clone();
        let first = wrong[key][0].clone();
        wrong[key] = serde_json::json!({ "first": first });
        let file = dir.path().join(format!("{key}.json"));
        std::fs::write(&file, serde_json::to_string_pretty(&wrong).unwrap()).unwrap();
        let (ok, out, said) = run(&["validate", file.to_str().unwrap()]);
        assert!(!ok, "{key}");
        let said = out + &said;
        assert!(
            said.contains(&format!(
                "`{key}` is not a list: CASE gives a package's {key} as a JSON array"
            )),
            "{said}"
        );
    }
}
