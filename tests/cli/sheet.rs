//! Spreadsheets in and out: `export --to csv` and `--to xlsx` read back by `--data`, and a
//! designer's sheet with a bad row refused at its row and column.

use std::process::Command;

use serde_json::Value;

use crate::{json_of_run as json, run};

/// The entries as `list --json` gives them, but for the tags' labels (a CSV file has none).
fn entries(rows: Value) -> Vec<Value> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let mut r = r.clone();
            for tag in r["tags"].as_array_mut().unwrap() {
                tag.as_object_mut().unwrap().remove("label");
            }
            r
        })
        .collect()
}

fn export(framework: &str, to: &str, dir: &std::path::Path) -> String {
    let file = dir.join(format!("{framework}.{to}"));
    let file = file.to_str().unwrap().to_owned();
    let out = run(&["export", "--framework", framework, "--to", to, "-o", &file]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    file
}

#[test]
fn csv_and_xlsx_exports_read_back_with_identical_entries_and_tags() {
    let dir = tempfile::tempdir().unwrap();
    for framework in ["peer-worker", "agency"] {
        let original = json(&["list", "--framework", framework, "--json"]);
        let csv = export(framework, "csv", dir.path());
        let back = json(&["--data", &csv, "list", "--json"]);
        assert_eq!(entries(back), entries(original.clone()), "{framework} through CSV");
        // The workbook carries the tags' labels too: everything list shows is the same.
        let xlsx = export(framework, "xlsx", dir.path());
        assert_eq!(
            json(&["--data", &xlsx, "list", "--json"]),
            original,
            "{framework} through XLSX"
        );
        assert_eq!(
            json(&["--data", &xlsx, "crosswalk", "--by", "samhsa", "--json"]),
            json(&["crosswalk", "--framework", framework, "--by", "samhsa", "--json"]),
        );
    }
}

/// `inferred` as a spreadsheet program saves it: LibreOffice and Excel write TRUE and FALSE.
#[test]
fn a_sheet_saved_by_a_spreadsheet_program_keeps_its_inferred_flags() {
    let dir = tempfile::tempdir().unwrap();
    let csv = export("peer-worker", "csv", dir.path());
    let text = std::fs::read_to_string(&csv).unwrap();
    let saved = text.replace(",true,", ",TRUE,").replace(",false,", ",False,");
    assert_ne!(saved, text, "the export has flags to change");
    std::fs::write(&csv, saved).unwrap();
    let original = json(&["list", "--framework", "peer-worker", "--json"]);
    assert_eq!(entries(json(&["--data", &csv, "list", "--json"])), entries(original));
    std::fs::write(&csv, text.replacen(",true,", ",yes,", 1)).unwrap();
    let out = run(&["--data", &csv, "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("inferred 'yes' for tag samhsa: expected true or false")
    );
}

/// A spreadsheet program that reads ids as numbers saves 5.10 as 5.1: the reader says so.
#[test]
fn ids_a_spreadsheet_shortened_as_numbers_are_refused_with_the_cause() {
    let dir = tempfile::tempdir().unwrap();
    let csv = export("peer-worker", "csv", dir.path());
    let text = std::fs::read_to_string(&csv).unwrap();
    std::fs::write(&csv, text.replace("\npeer-worker,5.10,", "\npeer-worker,5.1,")).unwrap();
    let out = run(&["--data", &csv, "list"]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(
            "id '5.1' is used twice: first at row 42 (a spreadsheet program that read '5.10' as a \
             number writes it '5.1': open the CSV with the id and parent columns as text, or use \
             `export --to xlsx`)"
        ),
        "{said}"
    );
}

#[test]
fn a_minimal_sheet_is_category_id_text_and_tags() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("state-list.csv");
    std::fs::write(
        &file,
        "category,id,text,tags\nA,A.1,Relates to peers as an advocate,icrc:1\nA,A.2,Teaches CPR,\nB,B.1,Shares lived experience,icrc:3; samhsa\n",
    )
    .unwrap();
    let rows = json(&["--data", file.to_str().unwrap(), "list", "--json"]);
    let ids: Vec<&str> =
        rows.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["A.1", "A.2", "B.1"]);
    assert_eq!(rows[0]["framework"], "state-list", "named after the file");
    assert_eq!(rows[2]["tags"][1]["tag"], "samhsa");
}

#[test]
fn a_csv_with_bad_rows_is_refused_at_each_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.csv");
    let text = "category,id,text,tags,parent\nA,A.1,Fine,,\nA,A.2,,icrc:,\nA,A.1,Twice,,\nA,A.3,Orphan,,A.9\n";
    std::fs::write(&file, text).unwrap();
    let name = file.to_str().unwrap();
    for command in [&["--data", name, "list"][..], &["validate", name]] {
        let out = run(command);
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned()
            + &String::from_utf8_lossy(&out.stdout);
        for said in [
            format!("{name}:3:3: the row's `text` is empty"),
            format!("{name}:3:4: 'icrc:' is not a tag"),
            format!("{name}:4:2: id 'A.1' is used twice: first at row 2"),
            format!("{name}:5:5: parent 'A.9' is not the id of a row above this one"),
        ] {
            assert!(stderr.contains(&said), "{said}\nnot in\n{stderr}");
        }
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text, "the file is untouched");
    // A sheet without the columns it needs says which.
    std::fs::write(&file, "id,statement\n1,x\n").unwrap();
    let out = run(&["--data", name, "list"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(":1:2: column B is `statement`"), "{stderr}");
    assert!(stderr.contains("no `text` column"), "{stderr}");
}

#[test]
fn an_edited_workbook_is_read_with_its_cell_types_and_a_bad_row_placed_by_sheet() {
    if !crate::tools("an_edited_workbook", &["python3:openpyxl"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let xlsx = export("peer-worker", "xlsx", dir.path());
    // Read with openpyxl: numbers are numbers, and the sheets are those said.
    let script = r#"
import json, sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
icrc = book["By icrc"]
print(json.dumps({"sheets": book.sheetnames, "types": [c.data_type for c in icrc[2]],
                  "freeze": book["Entries"].freeze_panes, "tags": [c.value for c in book["Tags"][3]]}))
# A designer's edit: row 5's text emptied, row 6's tag mistyped; saved under another name.
entries = book["Entries"]
entries["G5"] = None
entries["H6"] = "icrc 2"
book.save(sys.argv[2])
"#;
    let edited = dir.path().join("edited.xlsx");
    let out = Command::new("python3")
        .args(["-c", script, &xlsx, edited.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let book: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        book["sheets"],
        serde_json::json!(["Entries", "Tags", "By samhsa", "By icrc", "By rfc"])
    );
    assert_eq!(
        book["types"],
        serde_json::json!(["s", "s", "n", "n", "n", "n", "n"]),
        "counts are numbers"
    );
    assert_eq!(book["freeze"], "A2");
    assert_eq!(
        book["tags"],
        serde_json::json!(["icrc", null, "IC&RC", "IC&RC Peer Recovery exam domains", 32])
    );
    let name = edited.to_str().unwrap();
    let out = run(&["--data", name, "list"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("{name}:Entries:5:7: the row's `text` is empty")), "{stderr}");
    assert!(stderr.contains(&format!("{name}:Entries:6:8: 'icrc 2' is not a tag")), "{stderr}");
}

#[test]
fn a_csv_opened_and_saved_by_libreoffice_is_refused_naming_the_spreadsheet() {
    if !crate::tools("a_csv_opened_and_saved_by_libreoffice", &["soffice"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let csv = export("peer-worker", "csv", dir.path());
    // Opened as UTF-8, comma-separated, and saved as CSV, as a user would.
    let saved = dir.path().join("saved");
    let utf8 =
        ["--infilter=CSV:44,34,76,1", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76"];
    crate::soffice(&utf8, csv.as_ref(), &saved);
    let file = saved.join("peer-worker.csv");
    let out = run(&["--data", file.to_str().unwrap(), "list"]);
    assert_eq!(out.status.code(), Some(1), "refused, as a file with mistakes");
    let said = String::from_utf8(out.stderr).unwrap();
    // 5.10, 6.10, 7.10 and 11.10 became numbers, and came back 5.1, 6.1, 7.1, 11.1.
    assert_eq!(said.lines().count(), 4, "{said}");
    for (short, long) in [("5.1", "5.10"), ("6.1", "6.10"), ("7.1", "7.10"), ("11.1", "11.10")] {
        let cause = format!("id '{short}' is used twice");
        let line = said.lines().find(|l| l.contains(&cause)).unwrap_or_else(|| panic!("{said}"));
        assert!(
            line.contains(&format!(
                "a spreadsheet program that read '{long}' as a number writes it '{short}'"
            )),
            "{line}"
        );
        assert!(line.contains("export --to xlsx"), "{line}");
    }
    // Opened in the spreadsheet's default encoding instead of UTF-8, its byte-order mark shows.
    let latin = dir.path().join("latin");
    crate::soffice(
        &["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76"],
        csv.as_ref(),
        &latin,
    );
    let out = run(&["--data", latin.join("peer-worker.csv").to_str().unwrap(), "list"]);
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(said.contains("the file was opened as Windows-1252 or Latin-1 and saved"), "{said}");
}

#[test]
fn a_csv_is_read_strictly_an_unclosed_quote_a_second_column_a_cell_past_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let refused = |name: &str, text: &str| {
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        let out = run(&["--data", file.to_str().unwrap(), "list"]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        String::from_utf8(out.stderr).unwrap()
    };
    // Once 2M rows became 1 entry, and validate was clean.
    let said =
        refused("quote.csv", "category,id,text\n1,1.1,\"Listens\n1,1.2,Talks\n1,1.3,Walks\n");
    assert!(
        said.contains("quote.csv:2:1: a quote opens a cell here and is never closed"),
        "{said}"
    );
    // Once the second `text` column was ignored.
    let said = refused("twice.csv", "category,id,text,text\n1,1.1,A,B\n");
    assert!(said.contains("twice.csv:1:4: column D is `text` again (first: column C)"), "{said}");
    // Once the extra field was dropped.
    let said = refused("ragged.csv", "category,id,text\n1,1.1,A,extra\n1,1.2,B\n");
    assert!(
        said.contains("ragged.csv:2:4: a cell in column D, past the header's last (C)"),
        "{said}"
    );
    // Quotes doubled inside a quoted cell are one quote, and fine.
    let file = dir.path().join("fine.csv");
    std::fs::write(&file, "category,id,text\n1,1.1,\"He said \"\"hi\"\", then left\"\n").unwrap();
    let rows = json(&["--data", file.to_str().unwrap(), "list", "--json"]);
    assert_eq!(rows[0]["text"], "He said \"hi\", then left");
}
