//! The layers of ARCHITECTURE.md, as the import graph shows them: each module of `src/` imports
//! only the modules of the layers below its own, so the graph has no circle and no arrow back up.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// From the top floor down. A module may import those of later layers, never earlier ones nor
/// others of its own layer.
const LAYERS: &[&[&str]] = &[
    &["cli"],
    &["commands"],
    &["web"],
    &["write"],
    &["report"],
    &["error"],
    &["query"],
    &["load"],
    &["formats"],
    &["model"],
    &["text"],
];

/// Arrows that go back up, each with its reason in ARCHITECTURE.md: (from, to).
const ALLOWED_UP: &[(&str, &str)] = &[];

/// Names the crate's root re-exports, and the module they come from.
const ROOT_NAMES: &[(&str, &str)] = &[("Error", "error")];

#[test]
fn each_module_imports_only_the_layers_below_it() {
    let graph = import_graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    let layer = |module: &str| {
        LAYERS.iter().position(|l| l.contains(&module)).unwrap_or_else(|| {
            panic!("src/{module} is in no layer of tests/cli/layers.rs (and ARCHITECTURE.md)")
        })
    };
    let mut wrong = Vec::new();
    for (from, targets) in &graph {
        for to in targets {
            let up = layer(to) <= layer(from);
            if up && !ALLOWED_UP.contains(&(from.as_str(), to.as_str())) {
                wrong.push(format!("{from} -> {to}"));
            }
        }
    }
    assert!(wrong.is_empty(), "imports across the layers, upward or sideways: {wrong:?}");
    // The test reads what it means to: the layers themselves import each other.
    assert!(graph["commands"].contains("query") && graph["report"].contains("query"));
    assert!(graph["query"].contains("model") && !graph["query"].contains("report"));
}

/// Per top-level module of `dir` (a file or a folder), the other top-level modules it names as
/// `crate::module` or in `use crate::{module, ...}`.
fn import_graph(dir: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let modules: BTreeSet<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| Some(p.file_stem()?.to_str()?.to_owned()))
        .filter(|m| m != "lib" && m != "main")
        .collect();
    for module in &modules {
        let mut files = Vec::new();
        collect_rs(&dir.join(module), &mut files);
        collect_rs(&dir.join(format!("{module}.rs")), &mut files);
        let targets = graph.entry(module.clone()).or_default();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for name in crate_paths(&text) {
                let name = name.as_str();
                let target = ROOT_NAMES.iter().find(|(n, _)| *n == name).map_or(name, |(_, m)| m);
                if target != module && modules.contains(target) {
                    targets.insert(target.to_owned());
                }
            }
        }
    }
    graph
}

fn collect_rs(path: &Path, files: &mut Vec<std::path::PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            collect_rs(&entry.unwrap().path(), files);
        }
    } else if path.is_file() && path.extension().is_some_and(|e| e == "rs") {
        files.push(path.to_owned());
    }
}

/// The first names after `crate::` in code (comments left out), a group's names included.
fn crate_paths(text: &str) -> Vec<String> {
    let code: Vec<&str> = text.lines().map(|l| l.split("//").next().unwrap_or("")).collect();
    let code = code.join("\n");
    let mut names = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The top-level names of the group: those at depth 0, before any `::` or `,`.
            let mut depth = 0;
            let mut start = Some(0);
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        names.extend(start.map(|s| word(&group[s..i])));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        names.extend(start.map(|s| word(&group[s..i])));
                        start = Some(i + 1);
                    }
                    _ => {}
                }
            }
        } else {
            names.push(word(rest));
        }
    }
    names.into_iter().filter(|n| !n.is_empty()).map(str::to_owned).collect()
}

fn word(text: &str) -> &str {
    let text = text.trim_start();
    let end = text.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(text.len());
    &text[..end]
}

#[test]
fn the_graph_reader_finds_groups_and_paths() {
    let text = "use crate::{a::b, c, d::{e, f}};\nfn x() { crate::g::h(); } // crate::z\n";
    assert_eq!(crate_paths(text), ["a", "c", "d", "g"]);
}
