//! The docs' examples, run again: every `$ peercomp ...` line of a console block of the README,
//! ARCHITECTURE.md and every page of docs/, at 100 columns, must print what the page shows
//! under it (where the page elides with a `...` line, the lines before and after it).
//! `README_UPDATE=1 cargo test readme` writes the current output into the pages instead, for
//! review with `git diff`.

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// What a command line prints, stdout and stderr in order, run from the repository's root.
fn run(command: &str) -> String {
    let rest = command.strip_prefix("peercomp").expect("README commands start with peercomp");
    let line = format!("\"$P\"{rest} 2>&1");
    let out = std::process::Command::new("bash")
        .args(["-c", &line])
        .current_dir(ROOT)
        .env("P", env!("CARGO_BIN_EXE_peercomp"))
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .env_remove("PEERCOMP_DATA")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim_end_matches('\n').to_owned()
}

/// The README with every example's output as it is now, and the commands whose output changed.
fn rerun(readme: &str) -> (String, Vec<String>) {
    let lines: Vec<&str> = readme.split('\n').collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut stale = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        out.push(lines[i].to_owned());
        if lines[i] != "```console" {
            i += 1;
            continue;
        }
        i += 1;
        let end = i + lines[i..].iter().position(|l| l.starts_with("```")).unwrap();
        let body = &lines[i..end];
        let starts: Vec<usize> = (0..body.len()).filter(|&k| body[k].starts_with("$ ")).collect();
        for (n, &k) in starts.iter().enumerate() {
            let stop = starts.get(n + 1).copied().unwrap_or(body.len());
            let command = &body[k][2..];
            let shown = &body[k + 1..stop];
            let got = run(command);
            let got: Vec<&str> = got.split('\n').collect();
            // Elided: the lines before "..." are the output's first, those after it its last.
            let (head, tail) = match shown.iter().position(|l| *l == "...") {
                Some(at) => (at, shown.len() - at - 1),
                None => (got.len(), 0),
            };
            let mut current: Vec<&str> = got.iter().take(head).copied().collect();
            if head < got.len() || shown.contains(&"...") {
                current.push("...");
                current.extend(got.iter().skip(got.len().saturating_sub(tail)).copied());
            }
            if current != shown {
                stale.push(command.to_owned());
            }
            out.push(body[k].to_owned());
            out.extend(current.iter().map(|l| l.to_string()));
        }
        i = end;
    }
    (out.join("\n"), stale)
}

/// Every page with examples: the README, ARCHITECTURE.md and docs/*.md.
fn pages() -> Vec<std::path::PathBuf> {
    let mut pages =
        vec![format!("{ROOT}/README.md").into(), format!("{ROOT}/ARCHITECTURE.md").into()];
    let mut docs: Vec<std::path::PathBuf> = std::fs::read_dir(format!("{ROOT}/docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    pages
}

#[test]
fn readme_examples_are_current() {
    let mut stale = Vec::new();
    let mut examples = 0;
    for path in pages() {
        let page = std::fs::read_to_string(&path).unwrap();
        examples += page.lines().filter(|l| l.starts_with("$ peercomp")).count();
        let (current, stale_here) = rerun(&page);
        if std::env::var_os("README_UPDATE").is_some() {
            std::fs::write(&path, current).unwrap();
            continue;
        }
        let name = path.strip_prefix(ROOT).unwrap().display().to_string();
        stale.extend(stale_here.into_iter().map(|command| format!("{name}: {command}")));
    }
    assert!(examples >= 25, "the pages hold the examples: {examples} found");
    assert!(
        stale.is_empty(),
        "the docs show other output than these commands print now: {stale:#?}\n\
         (README_UPDATE=1 cargo test readme writes what they print; review git diff)"
    );
}

/// The README is what it is, how to install it and a few examples; the manual is docs/.
#[test]
fn the_readme_stays_short() {
    let readme = std::fs::read_to_string(format!("{ROOT}/README.md")).unwrap();
    let lines = readme.lines().count();
    assert!(lines <= 250, "README.md has {lines} lines: move the detail to docs/");
    for link in ["docs/guide.md", "docs/json.md", "docs/limits.md", "ARCHITECTURE.md"] {
        assert!(readme.contains(&format!("({link})")), "the README links {link}");
        assert!(std::path::Path::new(ROOT).join(link).is_file(), "{link} exists");
    }
}

/// The YAML blocks of a text: each ```yaml fence's lines.
fn yaml_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "```yaml" {
            let block: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
            blocks.push(block.join("\n") + "\n");
        }
    }
    blocks
}

/// The file-format examples of `coverage --help`: the indented lines under each "The ... file"
/// heading, up to the blank line.
fn help_examples() -> Vec<String> {
    let help = run("peercomp coverage --help");
    let mut examples = Vec::new();
    let mut lines = help.lines();
    while let Some(line) = lines.next() {
        if line.starts_with("The ") && line.contains(" file") && line.ends_with("):") {
            let block: Vec<&str> = lines.by_ref().take_while(|l| !l.trim().is_empty()).collect();
            let block: Vec<&str> =
                block.iter().map(|l| l.strip_prefix("  ").unwrap_or(l)).collect();
            examples.push(block.join("\n") + "\n");
        }
    }
    examples
}

#[test]
fn every_yaml_example_of_the_docs_and_the_help_is_a_file_that_validates() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        for (n, block) in yaml_blocks(&text).into_iter().enumerate() {
            // A block of comments alone shows where a line goes, not a file.
            if block.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
                continue;
            }
            let name = page.file_stem().unwrap().to_string_lossy().into_owned();
            files.push((format!("{name}-{n}.yaml"), block));
        }
    }
    let help = help_examples();
    assert_eq!(help.len(), 2, "the curriculum's and the requirements' examples");
    files.extend(help.into_iter().enumerate().map(|(n, b)| (format!("help-{n}.yaml"), b)));
    assert!(files.len() >= 6, "{} examples", files.len());
    for (name, block) in &files {
        let path = dir.path().join(name);
        std::fs::write(&path, block).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_peercomp"))
            .arg("validate")
            .arg(&path)
            .env_remove("PEERCOMP_DATA")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name} does not validate:\n{block}\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn yamls_comma_in_braces_gets_a_hint_to_quote() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cur.yaml");
    let text = "curriculum: C\nmodules:\n  - id: M2\n    title: Ethics\n    hours: 6\n    covers:\n      - {ref: \"icrc:2\", hours: 4, description: Code of ethics, with vignettes}\n";
    std::fs::write(&path, text).unwrap();
    // One line, however the terminal's width wrapped it.
    let said = run(&format!("peercomp validate {}", path.display()));
    let said = said.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        said.contains("unknown field `with vignettes`: in YAML's {...} a comma ends a value, so a text holding one was cut there; quote the text"),
        "{said}"
    );
}
