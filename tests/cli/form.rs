//! The board's crosswalk form (`coverage --requirements --form`): Markdown, CSV, JSON, a page
//! that prints on letter paper (in chromium), and a workbook (read back with openpyxl).

use std::process::Command;

use serde_json::Value;

use crate::requirements::{icrc, short_training, training};

const PEERCOMP: &str = env!("CARGO_BIN_EXE_peercomp");

/// The form of a training in a format, to standard output; and the exit code.
fn form(training: &str, format: &str) -> (Vec<u8>, i32) {
    let out = Command::new(PEERCOMP)
        .args(["coverage", training, "--requirements", &icrc(), "--form", format])
        .env_remove("PEERCOMP_DATA")
        .output()
        .unwrap();
    (out.stdout, out.status.code().unwrap())
}

/// The form written with -o into a scratch directory.
fn form_file(training: &str, format: &str, dir: &tempfile::TempDir) -> std::path::PathBuf {
    let file = dir.path().join(format!("form.{format}"));
    let out = Command::new(PEERCOMP)
        .args(["coverage", training, "-r", &icrc(), "--form", format, "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&out.stderr));
    file
}

#[test]
fn the_json_form_has_every_competency_of_each_domain_with_its_modules_and_hours() {
    let (out, code) = form(&training(), "json");
    assert_eq!(code, 0);
    let form: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(form["met"], true);
    let groups = form["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 4);
    fn competencies(g: &Value) -> Vec<&str> {
        let rows = g["rows"].as_array().unwrap();
        let mut ids: Vec<&str> = rows.iter().map(|r| r["competency"].as_str().unwrap()).collect();
        ids.dedup();
        ids
    }
    assert_eq!(
        competencies(&groups[0]),
        ["1.8", "4.5", "6.8", "7.9", "9.1", "11.8", "11.9", "11.10", "11.11", "11.12"]
    );
    assert_eq!(competencies(&groups[1]), ["icrc:2"], "the domain taught as a whole");
    // The rows' hours add up to each domain's planned hours, to rounding.
    for g in groups {
        let sum: f64 =
            g["rows"].as_array().unwrap().iter().filter_map(|r| r["hours"].as_f64()).sum();
        let planned = g["planned_hours"].as_f64().unwrap();
        assert!((sum - planned).abs() < 0.05, "{}: {sum} against {planned}", g["group"]);
    }
    // Ethical Responsibility: M7's 12 hours, and the 4 M8 gives it with its own description.
    let ethics = &groups[1]["rows"];
    assert_eq!(
        (ethics[0]["module"].as_str(), ethics[0]["hours"].as_f64()),
        (Some("M7"), Some(12.0))
    );
    assert_eq!(
        (ethics[1]["module"].as_str(), ethics[1]["hours"].as_f64()),
        (Some("M8"), Some(4.0))
    );
    assert_eq!(
        ethics[1]["how"],
        "Confidentiality law, mandated reporting and the duty to warn, with scenarios"
    );
    assert_eq!(form["modules"].as_array().unwrap().len(), 8);
}

#[test]
fn a_competency_no_module_covers_has_a_row_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let partial = dir.path().join("partial.yaml");
    std::fs::write(
        &partial,
        "curriculum: Partial\nmodules:\n  - id: M1\n    title: Advocacy\n    hours: 10\n    covers: [\"11.8\"]\n",
    )
    .unwrap();
    let (out, code) = form(partial.to_str().unwrap(), "csv");
    assert_eq!(code, 1, "short of the IC&RC hours");
    let csv = String::from_utf8(out).unwrap();
    assert!(csv.starts_with(
        "\u{feff}group,label,required_hours,planned_hours,status,competency,statement,module,module_title,hours,how\n"
    ));
    assert!(csv.contains("\nicrc:1,IC&RC Domain 1: Advocacy,10,10,met,11.8,Relate to the individual as an advocate.,M1,Advocacy,10,\n"), "{csv}");
    assert!(csv.contains(",short by 10 hours,1.6,Establishes and maintains a peer relationship rather than a hierarchical relationship.,,,,\n"), "{csv}");
    // A domain no module teaches, and no entry carries, has no rows at all.
    assert!(!csv.contains("\nicrc:2,"), "{csv}");
}

/// A group's rows, each to the cent, add up to its planned hours: the example's Domain 4 rows
/// once added up to 10.02 of 10.
#[test]
fn the_csv_forms_rows_add_up_to_each_groups_hours() {
    for training in [training(), short_training()] {
        let (out, _) = form(&training, "csv");
        let text = String::from_utf8(out).unwrap();
        let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let mut sums: std::collections::BTreeMap<String, (i64, i64)> = Default::default();
        for row in reader.records() {
            let row = row.unwrap();
            let cents = |s: &str| (s.parse::<f64>().unwrap_or(0.0) * 100.0).round() as i64;
            let sum = sums.entry(row[0].to_owned()).or_default();
            sum.0 += cents(&row[9]);
            sum.1 = cents(&row[3]);
        }
        assert_eq!(sums.len(), 4, "{training}");
        for (group, (rows, planned)) in sums {
            assert_eq!(rows, planned, "{training}: {group}'s rows in cents, against its hours");
        }
    }
}

#[test]
fn the_markdown_form_has_a_section_per_domain_and_the_modules() {
    let (out, code) = form(&short_training(), "markdown");
    assert_eq!(code, 1);
    let md = String::from_utf8(out).unwrap();
    assert!(md.starts_with("# Training crosswalk: IC&RC Peer Recovery (PR)\n"));
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## Requirements",
            "## IC&RC Domain 1: Advocacy (icrc:1): 10 of 10 hours, met",
            "## IC&RC Domain 2: Ethical Responsibility (icrc:2): 12 of 16 hours, short by 4 hours",
            "## IC&RC Domain 3: Mentoring and Education (icrc:3): 10 of 10 hours, met",
            "## IC&RC Domain 4: Recovery/Wellness Support (icrc:4): 10 of 10 hours, met",
            "## Modules",
        ]
    );
    assert_eq!(md.lines().filter(|l| l.starts_with('#')).count(), 7, "no deeper headings");
    // The summary the HTML and XLSX forms have: a row per group, and the total.
    let row = |cells: &[&str]| {
        md.lines().any(|l| {
            let got: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            got == cells
        })
    };
    assert!(
        row(&["icrc:2", "IC&RC Domain 2: Ethical Responsibility", "16", "12", "short by 4 hours"]),
        "{md}"
    );
    assert!(row(&["icrc:1", "IC&RC Domain 1: Advocacy", "10", "10", "met"]), "{md}");
    assert!(
        row(&["total", "the groups together, each hour once", "46", "42", "short by 4 hours"]),
        "{md}"
    );
    assert!(md.contains("Contact hours: 44 hours in all, 42 toward the groups (46 required)."));
}

#[test]
fn the_html_form_is_self_contained_and_prints_on_letter_paper_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let file = form_file(&short_training(), "html", &dir);
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    for outside in ["<link", "src=", "href=", "url(", "@import", "<script"] {
        assert!(!html.contains(outside), "the page loads nothing: found {outside:?}");
    }
    assert!(html.contains("@page { size: letter;"));
    if !crate::tools("the_html_form_prints_on_letter_paper_in_chromium", &["chromium"]) {
        return;
    }
    let url = format!("file://{}", file.display());
    let dom = crate::html::dom(&url);
    assert_eq!(dom.matches("<table class=\"crosswalk\">").count(), 4, "a table per domain");
    assert!(
        dom.contains("<td class=\"short\">short by 4 hours</td>"),
        "the short domain stands out"
    );
    assert!(!dom.contains("<td class=\"none\">"), "every competency is covered");
    let pdf = dir.path().join("form.pdf");
    let out = crate::html::chromium(&[
        "--no-pdf-header-footer",
        &format!("--print-to-pdf={}", pdf.display()),
        &url,
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&pdf).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let pages = text.matches("/MediaBox [0 0 612 792]").count();
    assert!(pages >= 2, "letter pages, 8.5 by 11 inches (612 by 792 points): {pages}");
    assert_eq!(text.matches("/MediaBox").count(), pages, "every page is letter");
}

#[test]
fn the_xlsx_form_opens_in_openpyxl_with_numbers_as_numbers_and_frozen_bold_headers() {
    let dir = tempfile::tempdir().unwrap();
    let file = form_file(&short_training(), "xlsx", &dir);
    assert!(std::fs::read(&file).unwrap().starts_with(b"PK"), "a zip file");
    if !crate::tools("the_xlsx_form_opens_in_openpyxl", &["python3:openpyxl"]) {
        return;
    }
    let script = r#"
import json, sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": book.sheetnames}
for sheet in book.worksheets:
    out[sheet.title] = {
        "freeze": sheet.freeze_panes,
        "bold": all(c.font.bold for c in sheet[1] if c.value is not None),
        "widths": [sheet.column_dimensions[l].width for l in "ABCD"],
        "rows": [[c.value for c in row] for row in sheet.iter_rows()],
        "types": [[c.data_type for c in row] for row in sheet.iter_rows(min_row=2)],
    }
print(json.dumps(out))
"#;
    let out = Command::new("python3").args(["-c", script]).arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let book: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(book["sheets"], serde_json::json!(["Requirements", "Crosswalk", "Modules"]));
    for sheet in ["Requirements", "Crosswalk", "Modules"] {
        assert_eq!(book[sheet]["freeze"], "A2", "{sheet}: the header row is frozen");
        assert_eq!(book[sheet]["bold"], true, "{sheet}: bold headers");
        assert!(book[sheet]["widths"][1].as_f64().unwrap() > 20.0, "{sheet}: widths set");
    }
    let requirements = &book["Requirements"]["rows"];
    assert_eq!(
        requirements[2],
        serde_json::json!([
            "icrc:2",
            "IC&RC Domain 2: Ethical Responsibility",
            16,
            12,
            "no",
            "short by 4 hours"
        ])
    );
    assert_eq!(requirements[1][4], "yes", "met as a word, which prints as itself");
    assert_eq!(requirements[5][0], "total");
    assert_eq!(
        (requirements[5][2].as_f64(), requirements[5][3].as_f64()),
        (Some(46.0), Some(42.0))
    );
    assert_eq!(book["Requirements"]["types"][1][2], "n", "hours are numbers");
    let crosswalk = book["Crosswalk"]["rows"].as_array().unwrap();
    assert_eq!(crosswalk[0][2], "Competency");
    let hours: f64 = crosswalk[1..].iter().filter_map(|r| r[6].as_f64()).sum();
    assert!(
        (hours - 42.0).abs() < 0.01,
        "the crosswalk's hours are the 42 toward the domains: {hours}"
    );
    let modules = &book["Modules"]["rows"];
    assert_eq!(
        modules[7],
        serde_json::json!([
            "M7",
            "Ethics and boundaries (one day)",
            8,
            "The peer code of ethics, boundaries and dual relationships, ethical decision making with vignettes"
        ])
    );
    // A module without a description of its own is taught as its references say.
    assert_eq!(
        modules[8],
        serde_json::json!([
            "M8",
            "Confidentiality, safety and documentation",
            6,
            "Confidentiality law, mandated reporting and the duty to warn, with scenarios"
        ])
    );
}

#[test]
fn the_xlsx_form_is_never_written_to_a_terminal() {
    if !crate::tools("the_xlsx_form_is_never_written_to_a_terminal", &["script"]) {
        return;
    }
    let line =
        format!("\"$P\" coverage {} -r {} --form xlsx; echo \"exit $?\"", training(), icrc());
    let shown = crate::search::on_a_terminal(&line, &[]);
    assert!(
        shown
            .contains("error: xlsx is a binary file: name it with -o FILE, or redirect the output"),
        "{shown}"
    );
    assert!(!shown.contains("PK"), "{shown}");
    assert!(shown.contains("exit 1") || shown.contains("exit 2"), "{shown}");
}

#[test]
fn form_needs_requirements_and_o_needs_form() {
    for args in [vec!["--form", "html"], vec!["-r", "x.yaml", "-o", "f.html"]] {
        let out =
            Command::new(PEERCOMP).arg("coverage").arg(training()).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

/// The board workbook of the example training as LibreOffice prints it: a PDF, read by
/// tools/print-check (poppler's pdftotext): its pages, the lines of each, and words printed over
/// other words.
fn printed(training: &str, dir: &tempfile::TempDir) -> Value {
    let file = form_file(training, "xlsx", dir);
    crate::soffice(&["--convert-to", "pdf"], &file, dir.path());
    let pdf = file.with_extension("pdf");
    assert!(pdf.is_file(), "soffice made no PDF");
    let out = Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tools/print-check/check.py"))
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_xlsx_form_prints_in_libreoffice_one_page_wide_headers_repeated_nothing_overprinted() {
    let test = "the_xlsx_form_prints_in_libreoffice";
    if !crate::tools(test, &["soffice", "pdftotext", "python3"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let report = printed(&training(), &dir);
    let pages = report["pages"].as_u64().unwrap();
    assert!((3..=4).contains(&pages), "a page per sheet, the crosswalk on two: {pages}");
    let titles = |sheet: &str| match sheet {
        "Requirements" => "Group Requirement Required Planned Met Status",
        "Crosswalk" => "Group Requirement Competency Statement Module Module title Hours How",
        _ => "Module Title Hours How it is taught",
    };
    let mut sheets = Vec::new();
    for (n, lines) in report["lines"].as_array().unwrap().iter().enumerate() {
        // Above each page the credential and the sheet; then the sheet's header row whole: no
        // column went to a page of its own.
        let top = lines[0].as_str().unwrap();
        assert!(top.starts_with("IC&RC Peer Recovery (PR) "), "page {}: {top}", n + 1);
        let sheet = top.rsplit(' ').next().unwrap();
        assert_eq!(lines[1], titles(sheet), "page {} ({sheet})", n + 1);
        let last = lines.as_array().unwrap().last().unwrap();
        assert_eq!(last.as_str().unwrap(), format!("Page {} of {pages}", n + 1));
        sheets.push(sheet.to_owned());
    }
    sheets.dedup();
    assert_eq!(sheets, ["Requirements", "Crosswalk", "Modules"]);
    let overprinted: Vec<&Value> = report["overlaps"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o != &&Value::Array(vec![]))
        .collect();
    assert!(overprinted.is_empty(), "text printed over text: {overprinted:?}");
    // Status in words; each fact's name beside the first line of its text, not below it.
    let requirements: Vec<&str> =
        report["lines"][0].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
    let domain_2 = "icrc:2 IC&RC Domain 2: Ethical Responsibility 16 16 yes met";
    assert!(requirements.contains(&domain_2), "{requirements:#?}");
    assert!(
        requirements.iter().any(|l| l.starts_with("Verdict Peer Recovery")),
        "{requirements:#?}"
    );
}
