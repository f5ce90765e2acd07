//! One self-contained HTML page: the crosswalk matrices as heat maps, every entry with its tags
//! and notes, and a filter box. Inline CSS and script; nothing is fetched, so it works offline
//! and prints as it shows.

use std::io::{self, Write};

use crate::model::{Framework, label_name};
use crate::query::{Crosswalk, EntryRow};

pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { --ink: #1d2330; --muted: #5b6475; --line: #d8dce4; --heat: 31, 119, 180; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       max-width: 72rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid var(--line); }
h3 { margin-bottom: .2rem; } .source, .description, .legend { color: var(--muted); }
nav { position: sticky; top: 0; background: #fff; padding: .6rem 0; border-bottom: 1px solid var(--line); }
nav input { font: inherit; padding: .3rem .5rem; width: min(28rem, 70vw); }
#count { margin-left: .8rem; color: var(--muted); }
table.matrix { border-collapse: collapse; margin: 1rem 0 2rem; font-size: .9rem; }
table.matrix caption { text-align: left; font-weight: 600; padding-bottom: .4rem; }
table.matrix th, table.matrix td { border: 1px solid var(--line); padding: .25rem .5rem; }
table.matrix thead th { vertical-align: bottom; font-weight: 600; }
table.matrix thead th small { display: block; font-weight: normal; color: var(--muted); max-width: 9rem; }
table.matrix td { text-align: right; min-width: 3rem; }
table.matrix td.empty { color: #b7bcc7; text-align: center; }
table.matrix tfoot th, table.matrix td.total { font-weight: 600; background: #f3f5f8; }
table.matrix tbody th { text-align: left; font-weight: normal; }
ul.entries { list-style: none; padding: 0; }
li.entry { padding: .35rem 0; border-bottom: 1px solid #eef0f4; }
li.entry.subitem { margin-left: 2rem; }
.id { font-variant-numeric: tabular-nums; font-weight: 600; margin-right: .5rem; }
.tag { display: inline-block; font-size: .78rem; padding: 0 .4rem; margin-left: .3rem; border-radius: .6rem;
       background: #e8eef8; color: #1f4f8a; white-space: nowrap; }
.tag.inferred { background: #f4efe4; color: #7a5b12; }
ul.notes { margin: .2rem 0 0 1.2rem; color: var(--muted); font-size: .9rem; }
@media print {
  nav { display: none; } body { margin: 0; max-width: none; font-size: 11pt; }
  table.matrix, li.entry { break-inside: avoid; } li.entry[hidden] { display: block; }
  table.matrix td { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"#;

const SCRIPT: &str = r#"
(function () {
  var input = document.getElementById('filter');
  var entries = Array.prototype.slice.call(document.querySelectorAll('li.entry'));
  var count = document.getElementById('count');
  function matches(li, q) {
    if (!q) return true;
    if (li.dataset.id.toLowerCase() === q) return true;
    var tags = li.dataset.tags ? li.dataset.tags.split(' ') : [];
    if (tags.some(function (t) { return t === q || t.indexOf(q + ':') === 0; })) return true;
    return li.dataset.text.indexOf(q) !== -1;
  }
  function apply() {
    var q = input.value.trim().toLowerCase(), shown = 0;
    entries.forEach(function (li) { var hit = matches(li, q); li.hidden = !hit; if (hit) shown++; });
    count.textContent = shown + ' of ' + entries.length + ' entries';
  }
  input.addEventListener('input', apply);
  var m = location.hash.match(/^#filter=(.*)$/);
  if (m) input.value = decodeURIComponent(m[1]);
  apply();
})();
"#;

pub(super) fn page(
    out: &mut dyn Write,
    framework: &Framework,
    crosswalks: &[Crosswalk],
    sections: crate::query::Sections<'_>,
) -> io::Result<()> {
    let title = escape(&framework.title);
    writeln!(out, "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")?;
    writeln!(out, "<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>")?;
    writeln!(out, "<header>\n<h1>{title}</h1>")?;
    if let Some(source) = &framework.source {
        let details = source.details().map(|d| format!(" ({d})")).unwrap_or_default();
        writeln!(
            out,
            "<p class=\"source\">Source: {}{}</p>",
            escape(&source.title),
            escape(&details)
        )?;
    }
    writeln!(out, "</header>")?;
    writeln!(
        out,
        "<nav><label>Filter <input id=\"filter\" type=\"search\" placeholder=\"words, an id (6.8) or a tag (icrc:4, rfc)\" \
         autocomplete=\"off\"></label><span id=\"count\"></span></nav>"
    )?;
    writeln!(out, "<section id=\"crosswalks\">\n<h2>Crosswalks</h2>")?;
    for cw in crosswalks {
        let label = framework.scheme(&cw.by).map_or(cw.by.as_str(), |s| s.label.as_str());
        matrix(out, cw, label)?;
    }
    writeln!(out, "</section>\n<section id=\"entries\">\n<h2>Entries</h2>")?;
    let mut any_inferred = false;
    for section in sections {
        writeln!(out, "<section class=\"category\" id=\"category-{}\">", escape(&section.key))?;
        writeln!(out, "<h3>{}. {}</h3>", escape(&section.key), escape(section.title))?;
        if let Some(description) = section.description {
            writeln!(out, "<p class=\"description\">{}</p>", escape(description))?;
        }
        writeln!(out, "<ul class=\"entries\">")?;
        for e in &section.entries {
            any_inferred |= e.tags.iter().any(|t| t.inferred);
            entry(out, e)?;
        }
        writeln!(out, "</ul>\n</section>")?;
    }
    writeln!(out, "</section>")?;
    if any_inferred {
        writeln!(
            out,
            "<p class=\"legend\"><span class=\"tag inferred\">tag*</span> inferred: not printed in the source; the entry's notes say why.</p>"
        )?;
    }
    writeln!(out, "<script>{SCRIPT}</script>\n</body>\n</html>")
}

fn matrix(out: &mut dyn Write, cw: &Crosswalk, label: &str) -> io::Result<()> {
    let most = cw
        .rows
        .iter()
        .flat_map(|r| r.cells.0.iter().map(|(_, ids)| ids.len()))
        .max()
        .unwrap_or(0)
        .max(1);
    writeln!(out, "<table class=\"matrix\" id=\"matrix-{}\">", escape(&cw.by))?;
    writeln!(out, "<caption>Categories × {}</caption>", escape(label))?;
    write!(out, "<thead><tr><th>Category</th>")?;
    for column in &cw.columns {
        let name = label_name(column.label).unwrap_or_default();
        write!(
            out,
            "<th title=\"{}\">{}<small>{}</small></th>",
            escape(column.label),
            escape(&column.tag),
            escape(name)
        )?;
    }
    writeln!(out, "<th>Total</th></tr></thead>\n<tbody>")?;
    for row in &cw.rows {
        write!(out, "<tr><th>{} {}</th>", escape(row.category.id), escape(row.category.title))?;
        for (_, ids) in &row.cells.0 {
            if ids.is_empty() {
                write!(out, "<td class=\"empty\">·</td>")?;
            } else {
                // Heat: the share of the fullest cell, as the cell's shade.
                let alpha = 0.15 + 0.7 * ids.len() as f64 / most as f64;
                let ink = if alpha > 0.55 { "; color: #fff" } else { "" };
                write!(
                    out,
                    "<td style=\"background: rgba(var(--heat), {alpha:.2}){ink}\" title=\"{}\">{}</td>",
                    escape(&ids.join(" ")),
                    ids.len()
                )?;
            }
        }
        writeln!(out, "<td class=\"total\">{}</td></tr>", row.total)?;
    }
    write!(out, "</tbody>\n<tfoot><tr><th>Total</th>")?;
    for (_, total) in &cw.totals.0 {
        write!(out, "<th>{total}</th>")?;
    }
    writeln!(out, "<th>{}</th></tr></tfoot>\n</table>", cw.total)
}

fn entry(out: &mut dyn Write, e: &EntryRow) -> io::Result<()> {
    let class = if e.parent.is_some() { "entry subitem" } else { "entry" };
    let tags: Vec<&str> = e.tags.iter().map(|t| t.tag.as_str()).collect();
    let search = format!("{} {}", e.title.unwrap_or_default(), e.text).to_lowercase();
    write!(
        out,
        "<li class=\"{class}\" id=\"entry-{id}\" data-id=\"{id}\" data-tags=\"{}\" data-text=\"{}\"><span class=\"id\">{id}</span>",
        escape(&tags.join(" ")),
        escape(search.trim()),
        id = escape(e.id),
    )?;
    if let Some(title) = e.title {
        write!(out, "<strong>{}</strong>: ", escape(title))?;
    }
    write!(out, "{}", escape(e.text))?;
    for t in &e.tags {
        let (class, mark, how) =
            if t.inferred { ("tag inferred", "*", "inferred") } else { ("tag", "", "as printed") };
        let written = t.as_written.map(|w| format!("; as written: {w}")).unwrap_or_default();
        write!(
            out,
            "<span class=\"{class}\" title=\"{}\">{}{mark}</span>",
            escape(&format!("{} ({how}{written})", t.label)),
            escape(&t.tag)
        )?;
    }
    if !e.notes.is_empty() {
        write!(out, "<ul class=\"notes\">")?;
        for note in e.notes {
            write!(out, "<li>{}</li>", escape(note))?;
        }
        write!(out, "</ul>")?;
    }
    writeln!(out, "</li>")
}
