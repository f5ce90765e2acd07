//! The embedded frameworks, parsed at build time: each `framework/*.yaml` becomes compact JSON
//! in OUT_DIR, which the binary reads with serde_json in a fraction of the time YAML takes, and
//! `index.rs` says which schemes and ids each holds, so that a query parses only the frameworks
//! it can touch. Tests check that YAML and JSON give one model, and the index against the model.

use std::fmt::Write;
use std::path::PathBuf;

use serde_json::Value;

const FRAMEWORKS: &[&str] = &["peer-worker", "agency"];

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut index = String::from("&[\n");
    for name in FRAMEWORKS {
        let source = format!("framework/{name}.yaml");
        println!("cargo::rerun-if-changed={source}");
        let text = std::fs::read_to_string(&source).unwrap_or_else(|e| panic!("{source}: {e}"));
        let value: serde_json::Value =
            serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{source}: {e}"));
        let json = serde_json::to_string(&value).expect("a YAML value is JSON");
        std::fs::write(out.join(format!("{name}.json")), json).expect("OUT_DIR is writable");
        let schemes: Vec<&Value> = list(&value, "schemes").iter().map(|s| &s["id"]).collect();
        let mut ids = Vec::new();
        for category in list(&value, "categories") {
            ids.push(&category["id"]);
            entry_ids(list(category, "entries"), &mut ids);
        }
        writeln!(
            index,
            "    EmbeddedIndex {{ id: {}, schemes: &{}, ids: &{} }},",
            value["id"],
            Value::from(schemes.into_iter().cloned().collect::<Vec<_>>()),
            Value::from(ids.into_iter().cloned().collect::<Vec<_>>()),
        )
        .expect("writing to a String");
    }
    index.push(']');
    std::fs::write(out.join("index.rs"), index).expect("OUT_DIR is writable");
}

fn list<'v>(value: &'v Value, key: &str) -> &'v [Value] {
    value[key].as_array().map_or(&[], Vec::as_slice)
}

fn entry_ids<'v>(entries: &'v [Value], ids: &mut Vec<&'v Value>) {
    for entry in entries {
        ids.push(&entry["id"]);
        entry_ids(list(entry, "subitems"), ids);
    }
}
