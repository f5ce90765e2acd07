//! Any bytes as a curriculum file, mapped against the embedded peer-worker framework, and as a
//! requirements file checked against the example training: refused or reported, the board's
//! form written in every format; and as an alignment file, checked against the embedded
//! frameworks and cross-walked through: never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use peercomp::query::{self, CoverageOptions};
use peercomp::write::{Format, Style};

const TRAINING: &str = include_str!("../../examples/curriculum/peer-recovery-training.yaml");
const ICRC: &str = include_str!("../../examples/requirements/icrc-peer-recovery.yaml");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let frameworks = peercomp::load::embedded().unwrap();
    let style = |format| Style { format, width: Some(60), raw: false, bom: false, color: false, bordered: true };
    if let Ok(curriculum) = peercomp::load::parse_curriculum(text, "fuzz") {
        for by in ["category", "icrc", "rfc"] {
            for include_subitems in [false, true] {
                let options = CoverageOptions { by: by.to_owned(), include_subitems, as_written: false };
                if let Ok(report) = query::coverage(&frameworks, "peer-worker", &curriculum, &options) {
                    for format in [Format::Table, Format::Csv] {
                        let _ = peercomp::write::emit(&mut std::io::sink(), style(format), &report);
                    }
                }
            }
        }
        let requirements = peercomp::load::parse_requirements(ICRC, "icrc").unwrap();
        board_form(&frameworks, &curriculum, &requirements);
    }
    if let Ok(requirements) = peercomp::load::parse_requirements(text, "fuzz") {
        let curriculum = peercomp::load::parse_curriculum(TRAINING, "training").unwrap();
        board_form(&frameworks, &curriculum, &requirements);
    }
    if let Ok(alignment) = peercomp::load::parse_alignment(text, "fuzz")
        && peercomp::load::check_alignment(&alignment, &frameworks.iter().collect::<Vec<_>>(), "fuzz", text)
            .is_empty()
    {
        let alignments = [alignment];
        let links = query::aligned_links(&alignments, "agency", "peer-worker");
        for scheme in [None, Some("icrc")] {
            let by = query::AcrossBy { framework: "peer-worker", scheme };
            if let Ok(crosswalk) = query::crosswalk_across(&frameworks, "agency", by, &links, false) {
                let _ = peercomp::write::emit(&mut std::io::sink(), style(Format::Table), &crosswalk);
            }
        }
    }
});

/// The requirements checked and the form written, in every format.
fn board_form(
    frameworks: &[peercomp::model::Framework],
    curriculum: &peercomp::model::Curriculum,
    requirements: &peercomp::model::Requirements,
) {
    let options = CoverageOptions { by: "category".into(), include_subitems: false, as_written: false };
    let Ok(coverage) = query::coverage(frameworks, "peer-worker", curriculum, &options) else { return };
    let Ok(check) = query::requirements(frameworks, &coverage, requirements, false) else { return };
    for format in [Format::Table, Format::Csv, Format::Jsonl] {
        let style = Style { format, width: Some(60), raw: false, bom: false, color: false, bordered: true };
        let _ = peercomp::write::emit(&mut std::io::sink(), style, &check);
    }
    let Ok(form) = query::form(frameworks, &coverage, check) else { return };
    let _ = peercomp::write::form_html(&mut std::io::sink(), &form);
    let _ = peercomp::write::form_xlsx(&mut std::io::sink(), &form);
    let style = Style { format: Format::Markdown, width: None, raw: false, bom: false, color: false, bordered: true };
    let _ = peercomp::write::emit(&mut std::io::sink(), style, &form);
}
