//! The README's examples, run again: every `$ peercomp ...` line of a console block, at 100
//! columns, must print what the README shows under it (where the README elides with a `...`
//! line, the lines before and after it). `README_UPDATE=1 cargo test readme` writes the current
//! output into the README instead, for review with `git diff README.md`.

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

#[test]
fn readme_examples_are_current() {
    let path = format!("{ROOT}/README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (current, stale) = rerun(&readme);
    if std::env::var_os("README_UPDATE").is_some() {
        std::fs::write(&path, current).unwrap();
        return;
    }
    assert!(
        stale.is_empty(),
        "the README shows other output than these commands print now: {stale:#?}\n\
         (README_UPDATE=1 cargo test readme writes what they print; review git diff README.md)"
    );
}
