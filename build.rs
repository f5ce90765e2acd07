//! The embedded frameworks, parsed at build time: every `framework/*.yaml` becomes compact JSON in
//! OUT_DIR, which the binary reads with serde_json in a fraction of the time YAML takes, and
//! `embedded.rs` lists them with the schemes and ids each holds, so that a command parses only
//! the frameworks it can touch. The list is found here, never written by hand. Tests check that
//! YAML and JSON give one model, and the index against the model.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo::rerun-if-changed=framework");
    let files: Vec<PathBuf> = std::fs::read_dir("framework")
        .expect("framework/ holds the embedded frameworks")
        .map(|entry| entry.expect("framework/ is readable").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    // In the order of their source documents (the merged list, 000_, before the agency's, 004_),
    // then of their file names: data decides, not a list written here.
    let mut frameworks: Vec<(PathBuf, Value)> =
        files.into_iter().map(|p| (p.clone(), read(&p))).collect();
    frameworks.sort_by(|(a_path, a), (b_path, b)| {
        let document = |v: &Value| v["source"]["document"].as_str().map(str::to_owned);
        (document(a).is_none(), document(a), a_path).cmp(&(
            document(b).is_none(),
            document(b),
            b_path,
        ))
    });
    let mut list = String::from("&[\n");
    for (n, (path, value)) in frameworks.iter().enumerate() {
        println!("cargo::rerun-if-changed={}", path.display());
        let json = format!("{n}.json");
        std::fs::write(out.join(&json), serde_json::to_string(&value).expect("YAML is JSON"))
            .expect("OUT_DIR is writable");
        let schemes: Vec<&str> = list_of(value, "schemes").iter().map(|s| text(&s["id"])).collect();
        let mut ids = Vec::new();
        for category in list_of(value, "categories") {
            ids.push(text(&category["id"]));
            entry_ids(list_of(category, "entries"), &mut ids);
        }
        let file = path.to_str().expect("framework file names are UTF-8").replace('\\', "/");
        writeln!(
            list,
            "    Embedded {{ id: {}, file: {}, json: include_str!(concat!(env!(\"OUT_DIR\"), {})), \
             schemes: &[{}], ids: &[{}] }},",
            raw(text(&value["id"])),
            raw(&file),
            raw(&format!("/{json}")),
            schemes.iter().map(|s| raw(s)).collect::<Vec<_>>().join(", "),
            ids.iter().map(|s| raw(s)).collect::<Vec<_>>().join(", "),
        )
        .expect("writing to a String");
    }
    list.push(']');
    std::fs::write(out.join("embedded.rs"), list).expect("OUT_DIR is writable");
    // The source documents the frameworks cite, embedded with them, so that an installed binary
    // quotes the lines an entry comes from.
    let mut sources = String::from("&[\n");
    for (_, value) in &frameworks {
        let Some(document) = value["source"]["document"].as_str() else { continue };
        let path = Path::new("framework/sources").join(document);
        assert!(path.is_file(), "{}: the source document a framework names", path.display());
        println!("cargo::rerun-if-changed={}", path.display());
        writeln!(
            sources,
            "    ({}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {}))),",
            raw(document),
            raw(&format!("/framework/sources/{document}")),
        )
        .expect("writing to a String");
    }
    sources.push(']');
    std::fs::write(out.join("sources.rs"), sources).expect("OUT_DIR is writable");
}

fn read(path: &Path) -> Value {
    let source = path.display();
    let yaml = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{source}: {e}"));
    serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{source}: {e}"))
}

/// A Rust raw string literal holding `s` exactly, whatever it holds: with one `#` more than the
/// longest run of them after a quote in the text.
fn raw(s: &str) -> String {
    let mut longest = 0;
    for (i, _) in s.match_indices('"') {
        longest = longest.max(s[i + 1..].chars().take_while(|&c| c == '#').count());
    }
    let hashes = "#".repeat(longest + 1);
    format!("r{hashes}\"{s}\"{hashes}")
}

fn text(value: &Value) -> &str {
    value.as_str().unwrap_or_default()
}

fn list_of<'v>(value: &'v Value, key: &str) -> &'v [Value] {
    value[key].as_array().map_or(&[], Vec::as_slice)
}

fn entry_ids<'v>(entries: &'v [Value], ids: &mut Vec<&'v str>) {
    // A stack, not recursion: the data decides the depth.
    let mut stack: Vec<&'v [Value]> = vec![entries];
    while let Some(list) = stack.pop() {
        let Some((first, rest)) = list.split_first() else { continue };
        ids.push(text(&first["id"]));
        stack.push(rest);
        stack.push(list_of(first, "subitems"));
    }
}
