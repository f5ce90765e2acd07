//! The schemas as the validators people use take them: Python's jsonschema (`check_schema`) and
//! ajv (npm) in strict mode compile every kind, and on the examples and on mistakes both give
//! `peercomp validate`'s verdict (tools/schema-check/, which .ci/run installs).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use crate::run;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const KINDS: [&str; 4] = ["framework", "curriculum", "requirements", "alignment"];

/// Whether Python's jsonschema and ajv are there (ajv where `npm ci --prefix
/// tools/schema-check` puts it).
fn validators(test: &str) -> bool {
    let ajv = format!("{ROOT}/tools/schema-check/node_modules/ajv/package.json");
    crate::tools(test, &["python3:jsonschema", "node", &ajv])
}

/// Each kind's schema, written to `dir`.
fn schemas(dir: &Path) -> Vec<(&'static str, PathBuf)> {
    KINDS
        .iter()
        .map(|kind| {
            let out = run(&["schema", "--kind", kind]);
            assert!(out.status.success(), "{kind}");
            let path = dir.join(format!("{kind}.schema.json"));
            std::fs::write(&path, &out.stdout).unwrap();
            (*kind, path)
        })
        .collect()
}

/// What a validator says of each file: "valid" or "invalid", in order; an error where it
/// refuses the schema itself.
fn verdicts(program: &str, script: &str, schema: &Path, files: &[PathBuf]) -> Vec<String> {
    let out = Command::new(program)
        .arg(format!("{ROOT}/tools/schema-check/{script}"))
        .arg(schema)
        .args(files)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{program} {script} {}: {}{said}",
        schema.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    said.lines().map(|l| l.split('\t').next().unwrap_or_default().to_owned()).collect()
}

#[test]
fn every_schema_compiles_in_python_jsonschema_and_in_ajv_strict() {
    if !validators("every_schema_compiles_in_python_jsonschema_and_in_ajv_strict") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (_, schema) in schemas(dir.path()) {
        assert!(verdicts("python3", "check.py", &schema, &[]).is_empty());
        assert!(verdicts("node", "check.mjs", &schema, &[]).is_empty());
    }
}

/// A file of a kind, written as JSON, and whether `peercomp validate` (given `with`, the
/// frameworks an alignment names) passes it.
struct Case {
    kind: &'static str,
    name: String,
    value: Value,
}

/// The examples, each of which peercomp passes, and mistakes, each of which it refuses.
fn cases() -> (Vec<Case>, Vec<Case>) {
    let yaml = |file: &str| -> Value {
        serde_saphyr::from_str(&std::fs::read_to_string(format!("{ROOT}/{file}")).unwrap()).unwrap()
    };
    let example = |kind, file: &str| Case { kind, name: file.replace('/', "_"), value: yaml(file) };
    let examples = vec![
        example("framework", "examples/framework/forensic-peer.yaml"),
        example("framework", "examples/alignment/state-cprs.yaml"),
        example("curriculum", "examples/curriculum/peer-recovery-training.yaml"),
        example("curriculum", "examples/curriculum/peer-recovery-training-short.yaml"),
        example("curriculum", "examples/curriculum/forensic-peer-training.yaml"),
        example("requirements", "examples/requirements/icrc-peer-recovery.yaml"),
        example("alignment", "examples/alignment/agency-peer-worker.yaml"),
        example("alignment", "examples/alignment/state-cprs-peer-worker.yaml"),
    ];
    let framework = |entry: Value| json!({"id": "mine", "title": "T", "categories": [{"id": "1", "title": "C", "entries": [entry]}]});
    let mistake = |kind, name: &str, value| Case { kind, name: name.to_owned(), value };
    let mistakes = vec![
        example("framework", "examples/mistakes/mine.yaml"),
        mistake("framework", "no-text", framework(json!({"id": "1.1"}))),
        mistake("framework", "unknown-field", framework(json!({"id": "1.1", "txt": "t"}))),
        mistake("framework", "text-a-number", framework(json!({"id": "1.1", "text": 7}))),
        mistake(
            "framework",
            "bad-tag",
            framework(json!({"id": "1.1", "text": "t", "tags": ["icrc 4"]})),
        ),
        mistake(
            "framework",
            "line-negative",
            framework(json!({"id": "1.1", "text": "t", "line": -3})),
        ),
        mistake("framework", "no-categories", json!({"id": "mine", "title": "T"})),
        mistake(
            "curriculum",
            "hours-a-word",
            json!({"curriculum": "T", "framework": "peer-worker",
                   "modules": [{"id": "M1", "title": "M", "hours": "six", "covers": "1.1"}]}),
        ),
        mistake(
            "curriculum",
            "unknown-field",
            json!({"curriculum": "T", "framework": "peer-worker", "modulez": []}),
        ),
        mistake(
            "requirements",
            "hours-negative",
            json!({"credential": "X", "source": "Y", "requirements": [{"group": "icrc:1", "hours": -2}]}),
        ),
        mistake(
            "requirements",
            "share-over-100",
            json!({"credential": "X", "source": "Y",
                   "requirements": [{"group": "icrc:1", "items_percent": 120}]}),
        ),
        mistake(
            "curriculum",
            "hours-negative",
            json!({"curriculum": "T", "framework": "peer-worker",
                   "modules": [{"id": "M1", "title": "M", "hours": -1, "covers": "1.1"}]}),
        ),
        mistake(
            "alignment",
            "unknown-kind",
            json!({"alignment": "A", "from": "agency", "to": "peer-worker",
                   "links": [{"from": "culture.3", "to": "11.4", "kind": "twin"}]}),
        ),
    ];
    (examples, mistakes)
}

#[test]
fn the_validators_verdicts_are_peercomp_validates() {
    if !validators("the_validators_verdicts_are_peercomp_validates") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let schemas = schemas(dir.path());
    let (examples, mistakes) = cases();
    let mut checked = 0;
    for (expected, cases) in [("valid", examples), ("invalid", mistakes)] {
        for case in cases {
            let file = dir.path().join(format!("{}-{}.json", case.kind, case.name));
            std::fs::write(&file, serde_json::to_vec_pretty(&case.value).unwrap()).unwrap();
            // peercomp itself; an alignment beside the framework it names that is not embedded.
            let path = file.to_str().unwrap();
            let state = format!("{ROOT}/examples/alignment/state-cprs.yaml");
            let args = match case.kind {
                "alignment" => vec!["validate", &state, path],
                _ => vec!["validate", path],
            };
            let out = run(&args);
            let said = if out.status.success() { "valid" } else { "invalid" };
            let why = String::from_utf8_lossy(&out.stdout).into_owned();
            assert_eq!(said, expected, "peercomp validate {}: {why}", case.name);
            let schema = &schemas.iter().find(|(k, _)| *k == case.kind).unwrap().1;
            for (program, script) in [("python3", "check.py"), ("node", "check.mjs")] {
                let verdict = verdicts(program, script, schema, std::slice::from_ref(&file));
                assert_eq!(verdict, [expected], "{script} on {} {}", case.kind, case.name);
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 21);
}
