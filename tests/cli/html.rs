//! The HTML page in a real browser: Debian's chromium, headless (.ci/run installs it).

use std::process::Command;

const PEERCOMP: &str = env!("CARGO_BIN_EXE_peercomp");

fn page(framework: &str, dir: &tempfile::TempDir) -> (String, String) {
    let file = dir.path().join(format!("{framework}.html"));
    let out = Command::new(PEERCOMP)
        .args(["export", "--to", "html", "--framework", framework, "-o", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (std::fs::read_to_string(&file).unwrap(), format!("file://{}", file.display()))
}

/// The DOM after the page's script has run, as headless chromium sees it.
pub(crate) fn dom(url: &str) -> String {
    let out = chromium(&["--dump-dom", url]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Runs headless chromium on its own profile with these last arguments.
pub(crate) fn chromium(last: &[&str]) -> std::process::Output {
    let profile = tempfile::tempdir().unwrap();
    Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=3000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(last)
        .output()
        .expect("chromium runs (apt-get install chromium; .ci/run installs it)")
}

#[test]
fn the_page_is_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    let (html, _) = page("peer-worker", &dir);
    assert!(html.starts_with("<!doctype html>"));
    for outside in ["<link", "src=", "href=", "url(", "@import"] {
        assert!(!html.contains(outside), "the page loads nothing: found {outside:?}");
    }
    assert!(html.contains("@media print"));
}

#[test]
fn in_a_browser_the_matrices_and_every_entry_are_there() {
    if !crate::tools("in_a_browser_the_matrices_and_every_entry_are_there", &["chromium"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (_, url) = page("peer-worker", &dir);
    let dom = dom(&url);
    for matrix in ["matrix-samhsa", "matrix-icrc", "matrix-rfc"] {
        assert!(dom.contains(&format!("<table class=\"matrix\" id=\"{matrix}\">")), "{matrix}");
    }
    assert!(dom.contains("<caption>Categories × IC&amp;RC Peer Recovery exam domains</caption>"));
    let entries = peercomp::load::embedded().unwrap();
    let peer_worker = entries.iter().find(|f| f.id == "peer-worker").unwrap();
    for (entry, _) in peer_worker.categories.iter().flat_map(|c| c.walk()) {
        assert!(dom.contains(&format!("data-id=\"{}\"", entry.id)), "{} is on the page", entry.id);
    }
    assert!(dom.contains("<span id=\"count\">132 of 132 entries</span>"), "the script ran");
    assert!(
        dom.contains("The source reads 'RC Domain 1', a typo for ICRC Domain 1."),
        "notes are shown"
    );
}

#[test]
fn the_filter_box_filters_in_the_browser() {
    if !crate::tools("the_filter_box_filters_in_the_browser", &["chromium"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (_, url) = page("peer-worker", &dir);
    let dom = dom(&format!("{url}#filter=icrc:4"));
    assert!(dom.contains("<span id=\"count\">13 of 132 entries</span>"));
    let hidden =
        dom.lines().filter(|l| l.starts_with("<li class=\"entry") && l.contains(" hidden")).count();
    assert_eq!(hidden, 119);
    let shown = dom.lines().find(|l| l.contains("data-id=\"8.1.1\"")).unwrap();
    assert!(!shown.contains(" hidden"), "8.1.1 carries icrc:4");
    let words = dom_count(&format!("{url}#filter=self-care"));
    assert_eq!(words, "2 of 132 entries");
    let agency = page("agency", &dir).1;
    assert_eq!(dom_count(&agency), "79 of 79 entries");
}

fn dom_count(url: &str) -> String {
    let dom = dom(url);
    let start = dom.find("<span id=\"count\">").expect("a count") + "<span id=\"count\">".len();
    dom[start..start + dom[start..].find('<').unwrap()].to_owned()
}
