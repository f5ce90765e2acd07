//! The board's crosswalk form as one self-contained HTML page that prints on US letter paper,
//! and as an XLSX workbook with a sheet per view.

use std::io::{self, Write};

use super::html::escape;

use crate::query::{Form, FormGroup};
use crate::text::trim_number;

const STYLE: &str = r#"
:root { --ink: #1d2330; --muted: #5b6475; --line: #c9ced8; --short: #a4161a; --met: #1b6b3a; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .6rem; }
h2 { font-size: 1.1rem; margin: 1.6rem 0 .4rem; border-bottom: 1px solid var(--line); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0 0 1rem; }
dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
.source { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .25rem .45rem; vertical-align: top; text-align: left; }
thead th { background: #eef1f5; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.id { white-space: nowrap; font-weight: 600; }
td.none { color: var(--short); font-style: italic; }
table.crosswalk td:nth-child(2) { width: 36%; } table.crosswalk td:nth-child(5) { width: 30%; }
.met { color: var(--met); font-weight: 600; } .short { color: var(--short); font-weight: 700; }
tr.total td { font-weight: 600; background: #f6f7f9; }
.sign { display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; margin-top: 2.5rem; }
.sign div { border-top: 1px solid var(--ink); padding-top: .2rem; color: var(--muted); font-size: .85rem; }
@page { size: letter; margin: 0.6in 0.5in; }
@media print {
  body { margin: 0; max-width: none; font-size: 9.5pt; }
  tr, dl.facts, .sign { break-inside: avoid; } h2 { break-after: avoid; }
  thead { display: table-header-group; }
  thead th, tr.total td { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"#;

/// Writes the form as an HTML page.
pub fn form_html(out: &mut dyn Write, form: &Form) -> io::Result<()> {
    let title = format!("Training crosswalk: {}", form.credential);
    writeln!(out, "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")?;
    writeln!(out, "<meta name=\"generator\" content=\"peercomp {}\">", env!("CARGO_PKG_VERSION"))?;
    writeln!(out, "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>", escape(&title))?;
    writeln!(out, "<main>\n<h1>{}</h1>", escape(&title))?;
    let verdict = if form.met { "met" } else { "short" };
    writeln!(out, "<dl class=\"facts\">")?;
    let facts = [
        ("Training", form.curriculum.to_owned()),
        ("Credential", form.credential.to_owned()),
        ("Competencies", form.framework.to_owned()),
        ("Contact hours", form.hours_line()),
    ];
    for (term, value) in facts {
        writeln!(out, "<dt>{term}</dt><dd>{}</dd>", escape(&value))?;
    }
    writeln!(out, "<dt>Verdict</dt><dd class=\"{verdict}\">{}</dd>", escape(&form.verdict))?;
    writeln!(out, "<dt>Source</dt><dd class=\"source\">{}</dd>\n</dl>", escape(form.source))?;

    writeln!(out, "<h2>Requirements</h2>\n<table class=\"summary\">")?;
    writeln!(
        out,
        "<thead><tr><th scope=\"col\">Group</th><th scope=\"col\">Requirement</th><th scope=\"col\" class=\"num\">Required</th>\
         <th scope=\"col\" class=\"num\">Planned</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>"
    )?;
    for line in form.summary() {
        let (tr, first) = if line.total { (" class=\"total\"", "") } else { ("", " class=\"id\"") };
        writeln!(
            out,
            "<tr{tr}><td{first}>{}</td><td>{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"{}\">{}</td></tr>",
            escape(line.group),
            escape(line.label),
            line.required.map(trim_number).unwrap_or_default(),
            trim_number(line.planned),
            if line.met { "met" } else { "short" },
            escape(&line.status)
        )?;
    }
    writeln!(out, "</tbody>\n</table>")?;

    for group in &form.groups {
        section(out, group)?;
    }

    writeln!(out, "<h2>Modules</h2>\n<table class=\"modules\">")?;
    writeln!(
        out,
        "<thead><tr><th scope=\"col\">Module</th><th scope=\"col\">Title</th><th scope=\"col\" class=\"num\">Hours</th><th scope=\"col\">How it is taught\
         </th></tr></thead>\n<tbody>"
    )?;
    for m in &form.modules {
        writeln!(
            out,
            "<tr><td class=\"id\">{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            escape(m.id),
            escape(m.title),
            m.hours.map(trim_number).unwrap_or_default(),
            escape(m.description.as_deref().unwrap_or_default())
        )?;
    }
    writeln!(out, "</tbody>\n</table>")?;
    writeln!(
        out,
        "<div class=\"sign\"><div>Submitted by, date</div><div>Reviewed by, date</div></div>"
    )?;
    writeln!(out, "</main>\n</body>\n</html>")
}

/// One requirement's section: a row per competency and module.
fn section(out: &mut dyn Write, group: &FormGroup) -> io::Result<()> {
    writeln!(out, "<h2>{}</h2>", escape(&Form::group_heading(group)))?;
    writeln!(out, "<table class=\"crosswalk\">")?;
    writeln!(
        out,
        "<thead><tr><th scope=\"col\">Competency</th><th scope=\"col\">Statement</th><th scope=\"col\">Module</th>\
         <th scope=\"col\" class=\"num\">Hours</th><th scope=\"col\">How it is covered</th></tr></thead>\n<tbody>"
    )?;
    let mut previous: Option<&str> = None;
    for row in &group.rows {
        // A competency covered by several modules is named on its first row only.
        let first = previous != Some(row.competency.as_str());
        previous = Some(&row.competency);
        let (id, statement) = if first {
            (escape(&row.competency), escape(&row.statement))
        } else {
            (String::new(), String::new())
        };
        let module = match (row.module, row.module_title) {
            (Some(id), Some(title)) => format!("<td>{} {}</td>", escape(id), escape(title)),
            _ => "<td class=\"none\">not covered</td>".to_owned(),
        };
        writeln!(
            out,
            "<tr><td class=\"id\">{id}</td><td>{statement}</td>{module}<td class=\"num\">{}</td>\
             <td>{}</td></tr>",
            row.hours.map(trim_number).unwrap_or_default(),
            escape(row.how.as_deref().unwrap_or_default())
        )?;
    }
    writeln!(out, "</tbody>\n</table>")
}
