//! Any bytes as a framework file; what loads goes through every query and every renderer, in
//! every format, and every export, whose JSON and YAML must read back: none may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peercomp::query::{self, ListFilter};
use peercomp::write::{self, Format, Style};

fuzz_target!(|data: &[u8]| {
    // The first byte picks the reader and whether CSV is raw; the rest is the file.
    let Some((&first, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let Ok(framework) = peercomp::load::parse(text, "fuzz", first & 1 == 1) else { return };
    let frameworks = [framework];
    let f = &frameworks[0];
    let mut sink = std::io::sink();
    for format in [Format::Table, Format::Markdown, Format::Csv, Format::Json, Format::Jsonl] {
        for width in [None, Some(40)] {
            let style = Style { format, width, raw: first & 2 == 2, bom: first & 4 == 4, color: first & 8 == 8, bordered: first & 16 == 16 };
            let Ok(rows) = query::list(&frameworks, &ListFilter::default()) else { return };
            let _ = write::emit(&mut sink, style, rows.as_slice());
            let ids: Vec<String> = rows.iter().take(3).map(|r| r.id.to_owned()).collect();
            if let Ok(shown) = query::show(&frameworks, &ids, false) {
                let _ = write::emit(&mut sink, style, shown.as_slice());
            }
            let _ = write::emit(&mut sink, style, query::tag_counts(&frameworks, false).as_slice());
            let _ = write::emit(&mut sink, style, &query::category_summaries(&frameworks, false));
            let _ = write::emit(&mut sink, style, query::framework_summaries(&frameworks).as_slice());
            if let Ok(pairs) = query::overlaps(&frameworks, &query::OverlapOptions { min: 0.5, limit: 1_000, ..Default::default() }) {
                let _ = write::emit(&mut sink, style, pairs.as_slice());
            }
            for scheme in f.scheme_ids() {
                if let Ok(crosswalk) = query::crosswalk(&frameworks, &f.id, scheme, false) {
                    let _ = write::emit(&mut sink, style, &crosswalk);
                }
            }
        }
    }
    // Exports: what peercomp writes, it reads back.
    let mut json = Vec::new();
    peercomp::formats::framework::write_json(&mut json, f).unwrap();
    let back = peercomp::load::parse(std::str::from_utf8(&json).unwrap(), "json", true);
    assert_eq!(back.as_ref().ok(), Some(f), "JSON export reads back");
    let mut yaml = Vec::new();
    peercomp::formats::framework::write_yaml(&mut yaml, f).unwrap();
    let back = peercomp::load::parse(std::str::from_utf8(&yaml).unwrap(), "yaml", false);
    assert_eq!(back.as_ref().ok(), Some(f), "YAML export reads back");
    let _ = peercomp::formats::case::write_package(&mut sink, f, "2020-01-01T00:00:00+00:00");
    if let Ok((framework, sections)) = query::sections(&frameworks, &f.id, None) {
        let crosswalks: Vec<_> = f
            .scheme_ids()
            .filter_map(|s| query::crosswalk(&frameworks, &f.id, s, false).ok())
            .collect();
        let _ = write::html_page(&mut sink, framework, &crosswalks, sections);
        let Ok((framework, sections)) = query::sections(&frameworks, &f.id, None) else {
            return;
        };
        for part in peercomp::report::study_guide(framework, sections, false) {
            let _ = write::markdown_document(&mut sink, &part);
        }
    }
});
