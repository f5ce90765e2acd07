//! `ids`: every entry id, one a line.

#[test]
fn ids_lists_every_entry_of_a_framework() {
    let out = crate::run(&["ids", "--framework", "agency"]);
    assert!(out.status.success());
    let listed = String::from_utf8(out.stdout).unwrap();
    let rows = crate::json_of_run(&["list", "--framework", "agency", "--expand", "--json"]);
    let ids: Vec<&str> =
        rows.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(listed.lines().collect::<Vec<_>>(), ids);
}
