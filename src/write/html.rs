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
:root { --ink: #1d2330; --muted: #5b6475; --line: #d8dce4; }
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
table.matrix td.empty { color: var(--muted); text-align: center; }
table.matrix tfoot th, table.matrix td.total { font-weight: 600; background: #f3f5f8; }
table.matrix tbody th { text-align: left; font-weight: normal; }
ul.entries { list-style: none; padding: 0; }
li.entry { padding: .35rem 0; border-bottom: 1px solid #eef0f4; scroll-margin-top: 4rem; }
section.category { scroll-margin-top: 4rem; }
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
         autocomplete=\"off\"></label><span id=\"count\" role=\"status\" aria-live=\"polite\"></span></nav>"
    )?;
    writeln!(out, "<main>\n<section id=\"crosswalks\">\n<h2>Crosswalks</h2>")?;
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
    writeln!(out, "</section>\n</main>")?;
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
    write!(out, "<thead><tr><th scope=\"col\">Category</th>")?;
    for column in &cw.columns {
        let name = label_name(column.label).unwrap_or_default();
        write!(
            out,
            "<th scope=\"col\" title=\"{}\">{}<small>{}</small></th>",
            escape(column.label),
            escape(&column.tag),
            escape(name)
        )?;
    }
    writeln!(out, "<th scope=\"col\">Total</th></tr></thead>\n<tbody>")?;
    for row in &cw.rows {
        write!(
            out,
            "<tr><th scope=\"row\">{} {}</th>",
            escape(row.category.id),
            escape(row.category.title)
        )?;
        for (_, ids) in &row.cells.0 {
            if ids.is_empty() {
                write!(out, "<td class=\"empty\">·</td>")?;
            } else {
                // Heat: the share of the fullest cell, as the cell's shade.
                let (background, ink) = heat(ids.len() as f64 / most as f64);
                write!(
                    out,
                    "<td style=\"background: {background}; color: {ink}\" title=\"{}\">{}</td>",
                    escape(&ids.join(" ")),
                    ids.len()
                )?;
            }
        }
        writeln!(out, "<td class=\"total\">{}</td></tr>", row.total)?;
    }
    write!(out, "</tbody>\n<tfoot><tr><th scope=\"row\">Total</th>")?;
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

/// The heat maps' colour (a blue), laid over white.
const HEAT: [f64; 3] = [31.0, 119.0, 180.0];
/// The page's ink (`--ink`), and white: the two colours a cell's number is written in.
const INK: (&str, [f64; 3]) = ("#1d2330", [29.0, 35.0, 48.0]);
const WHITE: (&str, [f64; 3]) = ("#fff", [255.0, 255.0, 255.0]);

/// A heat-map cell's background and ink for `share` (0 to 1) of the fullest cell: the heat colour
/// over white, from a light shade up to the full colour, and whichever ink reads on it at WCAG
/// AA's 4.5:1. Where neither reaches it (mid shades) the shade is darkened until white does: the
/// full colour reads 4.8:1 under white.
fn heat(share: f64) -> (String, &'static str) {
    // On a grid of 1/200 steps, shared by every share, so that a darkened shade is never darker
    // than the shade of a larger share.
    let mut step = ((0.15 + 0.85 * share.clamp(0.0, 1.0)) * 200.0).ceil();
    loop {
        let alpha = step / 200.0;
        let background = HEAT.map(|c| (255.0 + (c - 255.0) * alpha).round());
        let hex = format!(
            "#{:02x}{:02x}{:02x}",
            background[0] as u8, background[1] as u8, background[2] as u8
        );
        for (name, ink) in [INK, WHITE] {
            if contrast(background, ink) >= 4.5 {
                return (hex, name);
            }
        }
        if step >= 200.0 {
            return (hex, WHITE.0);
        }
        step += 1.0;
    }
}

/// WCAG 2's contrast ratio of two sRGB colours.
fn contrast(a: [f64; 3], b: [f64; 3]) -> f64 {
    let luminance = |rgb: [f64; 3]| {
        let [r, g, b] = rgb.map(|c| {
            let c = c / 255.0;
            if c <= 0.040_45 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        });
        0.2126 * r + 0.7152 * g + 0.0722 * b
    };
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every shade's number reads at 4.5:1 or more, and the shades darken as the share grows.
    #[test]
    fn heat_cells_read_at_wcag_aa() {
        let parse = |hex: &str| {
            let n = u32::from_str_radix(&hex[1..], 16).unwrap();
            [(n >> 16) as f64, ((n >> 8) & 255) as f64, (n & 255) as f64]
        };
        let mut last = f64::INFINITY;
        for step in 0..=100 {
            let (background, ink) = heat(f64::from(step) / 100.0);
            let ink = if ink == WHITE.0 { WHITE.1 } else { INK.1 };
            let ratio = contrast(parse(&background), ink);
            assert!(ratio >= 4.5, "{step}%: {background} at {ratio:.2}:1");
            let light = contrast(parse(&background), [0.0; 3]);
            assert!(light <= last + 1e-9, "{step}%: {background} is lighter than the share below");
            last = light;
        }
        assert_eq!(contrast([0.0; 3], [255.0; 3]).round(), 21.0);
        assert_eq!(heat(0.0).1, INK.0);
        assert_eq!(heat(1.0), ("#1f77b4".to_owned(), WHITE.0));
    }
}
