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
    assert!(
        dom.contains(
            "<span id=\"count\" role=\"status\" aria-live=\"polite\">132 of 132 entries</span>"
        ),
        "the script ran"
    );
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
    assert!(dom.contains(
        "<span id=\"count\" role=\"status\" aria-live=\"polite\">13 of 132 entries</span>"
    ));
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
    let open = "<span id=\"count\" role=\"status\" aria-live=\"polite\">";
    let start = dom.find(open).expect("a count") + open.len();
    dom[start..start + dom[start..].find('<').unwrap()].to_owned()
}

/// Both pages, the framework's (each embedded one) and the board's form, pass axe-core's WCAG
/// 2.1 A and AA rules in chromium, at a desktop width and a phone's, with no violation; a
/// contrast that axe measured but left to review counts (tools/browser/axe.mjs).
/// Pages of `--format html`: a checklist to print, a record (show) and a table (crosswalk),
/// written into `dir`.
fn report_pages(dir: &tempfile::TempDir) -> Vec<std::path::PathBuf> {
    let pages: [(&str, &[&str]); 3] = [
        ("checklist", &["list", "--checklist", "--by", "icrc", "--format", "html"]),
        ("show", &["show", "6.8", "6.9", "--format", "html"]),
        ("crosswalk", &["crosswalk", "--format", "html"]),
    ];
    pages
        .iter()
        .map(|(name, args)| {
            let out = Command::new(PEERCOMP).args(*args).output().unwrap();
            assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
            let file = dir.path().join(format!("{name}.html"));
            std::fs::write(&file, &out.stdout).unwrap();
            file
        })
        .collect()
}

/// The Nu HTML Checker (the W3C's validator, `vnu-jar` from npm, on Java), where `npm ci
/// --prefix tools/browser` puts it.
const VNU: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/tools/browser/node_modules/vnu-jar/build/dist/vnu.jar");

/// What the Nu checker says of each file: its messages (errors, warnings and notes), a line each.
fn nu_messages(files: &[std::path::PathBuf]) -> Vec<String> {
    let out = Command::new("java")
        .args(["-jar", VNU, "--format", "json", "--also-check-css"])
        .args(files)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stderr)
        .or_else(|_| serde_json::from_slice(&out.stdout))
        .unwrap_or_else(|e| panic!("vnu: {e}: {}", String::from_utf8_lossy(&out.stderr)));
    report["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| format!("{} {}:{} {}", m["type"], m["url"], m["lastLine"], m["message"]))
        .collect()
}

#[test]
fn both_pages_and_the_board_form_pass_the_nu_html_checker() {
    if !crate::tools("both_pages_and_the_board_form_pass_the_nu_html_checker", &["java", VNU]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<std::path::PathBuf> = ["peer-worker", "agency"]
        .iter()
        .map(|framework| {
            page(framework, &dir);
            dir.path().join(format!("{framework}.html"))
        })
        .collect();
    let form = dir.path().join("form.html");
    Command::new(PEERCOMP)
        .args(["coverage", &crate::requirements::short_training(), "-r"])
        .arg(crate::requirements::icrc())
        .args(["--form", "html", "-o", form.to_str().unwrap()])
        .output()
        .unwrap();
    files.push(form);
    files.extend(report_pages(&dir));
    let messages = nu_messages(&files);
    assert!(messages.is_empty(), "{messages:#?}");
    // The checker is listening: a page with one mistake gets one message.
    let wrong = dir.path().join("wrong.html");
    let page = std::fs::read_to_string(&files[0]).unwrap();
    std::fs::write(&wrong, page.replacen("<main>", "<main id=\"count\">", 1)).unwrap();
    let messages = nu_messages(&[wrong]);
    assert!(messages.iter().any(|m| m.contains("Duplicate ID")), "{messages:#?}");
}

#[test]
fn both_pages_pass_axe_core_at_wcag_21_aa() {
    let axe =
        concat!(env!("CARGO_MANIFEST_DIR"), "/tools/browser/node_modules/axe-core/axe.min.js");
    if !crate::tools("both_pages_pass_axe_core_at_wcag_21_aa", &["chromium", "node", axe]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for framework in ["peer-worker", "agency"] {
        let (html, _) = page(framework, &dir);
        // What a screen reader and a keyboard need beyond what axe checks.
        assert!(html.contains("<main>") && html.contains("</main>"), "a main landmark");
        assert!(html.contains("id=\"count\" role=\"status\" aria-live=\"polite\""), "a live count");
        assert!(html.contains("<th scope=\"col\">Category</th>"), "column headers");
        assert!(html.contains("<tr><th scope=\"row\">"), "row headers");
        assert!(html.contains("scroll-margin-top"), "an anchor lands below the sticky filter");
        files.push(dir.path().join(format!("{framework}.html")));
    }
    let form = dir.path().join("form.html");
    let out = Command::new(PEERCOMP)
        .args(["coverage", &crate::requirements::short_training(), "-r"])
        .arg(crate::requirements::icrc())
        .args(["--form", "html", "-o", form.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "short of the hours: {out:?}");
    files.push(form);
    files.extend(report_pages(&dir));
    let out = Command::new("node")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tools/browser/axe.mjs"))
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "axe-core found violations:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
