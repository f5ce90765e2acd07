//! The pages: one template each (templates/, minijinja), filled from the queries' own results.
//! Every text is escaped by the engine; no page is put together from strings.

use std::collections::HashMap;

use minijinja::{AutoEscape, Environment, UndefinedBehavior, context};
use serde::Serialize;

use super::Site;
use crate::model::{Alignment, Framework};
use crate::query::{self, AlignOptions, EntryRow, Field, HitKind, SearchOptions};

/// The templates, each under its file's name.
const TEMPLATES: [(&str, &str); 11] = [
    ("base.html", include_str!("../../templates/base.html")),
    ("home.html", include_str!("../../templates/home.html")),
    ("framework.html", include_str!("../../templates/framework.html")),
    ("category.html", include_str!("../../templates/category.html")),
    ("tag.html", include_str!("../../templates/tag.html")),
    ("entry.html", include_str!("../../templates/entry.html")),
    ("crosswalk.html", include_str!("../../templates/crosswalk.html")),
    ("tags.html", include_str!("../../templates/tags.html")),
    ("tagged.html", include_str!("../../templates/tagged.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("missing.html", include_str!("../../templates/missing.html")),
];

/// The style sheet every page links, and the script of a static copy's search page.
pub(super) const STYLE: &str = include_str!("../../templates/style.css");
pub(super) const SEARCH_SCRIPT: &str = include_str!("../../templates/search.js");

/// The most results a search page lists.
const MOST_HITS: usize = 50;

/// Frameworks at most this large are aligned with each other for their entries' pages; larger
/// ones show only reviewed and CASE links (aligning a million entries takes seconds).
const MOST_ALIGNED: usize = 100_000;

/// What `align` is asked for an entry's page: what it suggests by default (from 0.3), each
/// named by its kind ("close" from 0.5), three at most.
const LINKED: AlignOptions = AlignOptions { min: query::DEFAULT_MIN, top: 3, synonyms: true };

/// The template engine, with the templates and the `seg` filter.
pub(super) fn engine() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.add_filter("seg", |s: &str| minijinja::Value::from_safe_string(segment(s)));
    for (name, source) in TEMPLATES {
        // The templates are the binary's own, parsed in tests: they cannot fail here.
        env.add_template(name, source).expect("the templates parse (tests/cli/web.rs)");
    }
    env
}

/// A path segment as a link writes it: every byte but letters, digits and `-._~` as %XX.
pub fn segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// An entry of another framework linked to one shown, and how.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Aligned {
    framework: String,
    id: String,
    text: String,
    how: String,
}

/// Per entry (framework, id), the entries of other frameworks aligned with it: the links of
/// reviewed alignment files, then those `align` suggests (both ways), best first.
pub(super) fn alignments(
    frameworks: &[Framework],
    reviewed: &[Alignment],
) -> HashMap<(String, String), Vec<Aligned>> {
    let mut aligned: HashMap<(String, String), Vec<Aligned>> = HashMap::new();
    // Every entry's statement by (framework, id), found once, not by a walk for each link.
    let texts: HashMap<(&str, &str), &str> = query::placed(frameworks)
        .map(|p| ((p.framework.id.as_str(), &*p.entry.id), p.entry.text.as_str()))
        .collect();
    let mut add = |from: (&str, &str), to: (&str, &str), how: String| {
        let Some(text) = texts.get(&to) else { return };
        let list = aligned.entry((from.0.to_owned(), from.1.to_owned())).or_default();
        if !list.iter().any(|a| a.framework == to.0 && a.id == to.1) {
            let (framework, id, text) = (to.0.to_owned(), to.1.to_owned(), (*text).to_owned());
            list.push(Aligned { framework, id, text, how });
        }
    };
    // Each reviewed file's own links, named after it.
    for alignment in reviewed {
        let (a, b) = (alignment.from.text.as_str(), alignment.to.text.as_str());
        let how = format!("reviewed: {}", alignment.alignment);
        for link in &alignment.links {
            let (x, y) = (link.from.text.as_str(), link.to.text.as_str());
            add((a, x), (b, y), how.clone());
            add((b, y), (a, x), how.clone());
        }
    }
    for (i, a) in frameworks.iter().enumerate() {
        for b in &frameworks[i + 1..] {
            if a.entry_count() > MOST_ALIGNED || b.entry_count() > MOST_ALIGNED {
                continue;
            }
            let Ok(suggested) = query::align(frameworks, &a.id, &b.id, &LINKED) else {
                continue;
            };
            for link in &suggested.links {
                let how =
                    format!("{}, score {:.2}, suggested by align", link.kind.as_str(), link.score);
                add((&a.id, link.from), (&b.id, link.to), how.clone());
                add((&b.id, link.to), (&a.id, link.from), how);
            }
        }
    }
    aligned
}

/// A step of the breadcrumb trail: a page above this one.
#[derive(Serialize)]
struct Step {
    /// From the root; made of [`segment`]s, so nothing in it is escaped again.
    path: minijinja::Value,
    title: String,
}

/// A piece of a result's text, marked where the query matched.
#[derive(Serialize)]
struct Piece<'a> {
    text: &'a str,
    mark: bool,
}

impl Site {
    /// The page at `path` (its segments, decoded), or None where there is none.
    pub(super) fn page(&self, path: &[&str], query: Option<&str>) -> Option<String> {
        let fw = |id: &str| self.frameworks.iter().find(|f| f.id == id);
        match path {
            [] => self.render(
                "home.html",
                path,
                vec![],
                context! {
                    frameworks => query::framework_summaries(&self.frameworks),
                },
            ),
            ["tags"] => self.tags(path, None),
            ["search"] => self.search(path, query),
            ["f", id] => {
                let f = fw(id)?;
                let categories: Vec<_> = f
                    .categories
                    .iter()
                    .map(|c| context! { id => c.id, title => c.title, entries => c.walk().count() })
                    .collect();
                self.render(
                    "framework.html",
                    path,
                    vec![],
                    context! {
                        framework => brief(f),
                        categories,
                        schemes => f.schemes,
                        case_package => self.case.package_of(&f.id),
                    },
                )
            }
            ["f", id, "c", category] => {
                let f = fw(id)?;
                let c = f.categories.iter().find(|c| c.id == *category)?;
                let entries: Vec<EntryRow> = query::placed(std::slice::from_ref(f))
                    .filter(|p| std::ptr::eq(p.category, c))
                    .map(|p| p.row(false))
                    .collect();
                let trail = vec![self.step_to(f)];
                self.render("category.html", path, trail, context! {
                    framework => brief(f),
                    category => context! { id => c.id, title => c.title, description => c.description, notes => c.notes },
                    entries,
                })
            }
            ["f", id, "e", entry] => {
                let f = fw(id)?;
                let qualified = format!("{}/{entry}", f.id);
                let mut shown = query::show(&self.frameworks, &[qualified], false).ok()?;
                query::quote_sources(&self.frameworks, &mut shown);
                let e = shown.into_iter().next()?;
                let mut aligned: Vec<Aligned> = e
                    .linked
                    .iter()
                    .map(|l| Aligned {
                        framework: l.framework.to_owned(),
                        id: l.id.to_owned(),
                        text: l.text.to_owned(),
                        how: format!("CASE: {} ({})", l.kind, l.direction),
                    })
                    .collect();
                let key = (f.id.clone(), (*entry).to_owned());
                aligned.extend(self.aligned.get(&key).into_iter().flatten().cloned());
                let category = f.categories.iter().find(|c| c.id == e.entry.category.id)?;
                let trail = vec![self.step_to(f), self.step_to_category(f, category)];
                self.render(
                    "entry.html",
                    path,
                    trail,
                    context! {
                        framework => brief(f),
                        e,
                        aligned,
                        case_item => self.case.item_of(&f.id, entry),
                    },
                )
            }
            ["f", id, "t"] => self.tags(path, Some(fw(id)?)),
            ["f", id, "t", scheme] => self.tagged(path, fw(id)?, scheme, None),
            ["f", id, "t", scheme, code] => self.tagged(path, fw(id)?, scheme, Some(code)),
            ["f", id, "crosswalk", scheme] => {
                let f = fw(id)?;
                let s = f.scheme(scheme).filter(|s| !s.codes.is_empty())?;
                let crosswalk = query::crosswalk(&self.frameworks, &f.id, &s.id, false).ok()?;
                let rows: Vec<_> = crosswalk
                    .rows
                    .iter()
                    .map(|row| {
                        let cells: Vec<_> = row
                            .cells
                            .0
                            .iter()
                            .map(|(tag, ids)| {
                                let code = tag.split_once(':').map(|(_, c)| c);
                                context! { tag, scheme => s.id, code, count => ids.len() }
                            })
                            .collect();
                        context! {
                            id => row.category.id, title => row.category.title,
                            cells, total => row.total,
                        }
                    })
                    .collect();
                let totals: Vec<usize> = crosswalk.totals.0.iter().map(|(_, n)| *n).collect();
                let trail = vec![self.step_to(f)];
                self.render(
                    "crosswalk.html",
                    path,
                    trail,
                    context! {
                        framework => brief(f), scheme => s, crosswalk, rows, totals,
                    },
                )
            }
            _ => None,
        }
    }

    /// The page for an address that has none (status 404), its links from the site's root.
    pub(super) fn missing(&self) -> String {
        self.render_at("missing.html", "/", vec![], None, context! {}).unwrap_or_default()
    }

    /// The tags of every framework, or of one.
    fn tags(&self, path: &[&str], framework: Option<&Framework>) -> Option<String> {
        let frameworks = match framework {
            Some(f) => std::slice::from_ref(f),
            None => &self.frameworks[..],
        };
        let counts = query::tag_counts(frameworks, false);
        let groups: Vec<_> = frameworks
            .iter()
            .map(|f| {
                let tags: Vec<_> = counts.iter().filter(|t| t.framework == f.id).collect();
                context! { title => f.title, tags }
            })
            .collect();
        let trail = framework.map(|f| vec![self.step_to(f)]).unwrap_or_default();
        self.render(
            "tags.html",
            path,
            trail,
            context! { framework => framework.map(brief), groups },
        )
    }

    /// The entries of a framework carrying a tag (a code, or any code of a scheme), by
    /// category, each category's section anchored for the crosswalk's cells.
    fn tagged(
        &self,
        path: &[&str],
        f: &Framework,
        scheme: &str,
        code: Option<&str>,
    ) -> Option<String> {
        let s = f.scheme(scheme)?;
        let (tag, label, notes, codes) = match code {
            Some(code) => {
                let c = s.code(code)?;
                (format!("{}:{}", s.id, c.code), c.label.as_str(), &c.notes, &[][..])
            }
            None => (s.id.clone(), s.label.as_str(), &s.notes, &s.codes[..]),
        };
        let mut groups: Vec<(&str, &str, Vec<EntryRow>)> = Vec::new();
        for p in query::placed(std::slice::from_ref(f)) {
            let carries = p
                .entry
                .tags_to_use(false)
                .any(|t| t.tag.scheme == s.id && (code.is_none() || t.tag.code.as_deref() == code));
            if !carries {
                continue;
            }
            match groups.last_mut() {
                Some((id, _, entries)) if *id == p.category.id => entries.push(p.row(false)),
                _ => groups.push((&p.category.id, &p.category.title, vec![p.row(false)])),
            }
        }
        let count: usize = groups.iter().map(|(_, _, e)| e.len()).sum();
        let groups: Vec<_> = groups
            .into_iter()
            .map(|(id, title, entries)| context! { id, title, entries })
            .collect();
        let mut trail = vec![self.step_to(f)];
        trail.push(Step {
            path: safe(format!("f/{}/t/", segment(&f.id))),
            title: "Tags".to_owned(),
        });
        if code.is_some() {
            let title = s.name.clone();
            trail.push(Step {
                path: safe(format!("f/{}/t/{}/", segment(&f.id), segment(&s.id))),
                title,
            });
        }
        self.render(
            "tagged.html",
            path,
            trail,
            context! {
                framework => brief(f), tag, label, notes, codes, scheme => s.id, groups, count,
            },
        )
    }

    /// The search page: the ranked results of `query` where one is given (`serve`), or, in a
    /// static copy, the page whose script searches the prebuilt index.
    fn search(&self, path: &[&str], query: Option<&str>) -> Option<String> {
        let q = query.unwrap_or_default().trim();
        let words = words_of(q);
        let parsed = (!words.is_empty()).then(|| query::Query::parse(&words));
        let options = SearchOptions { limit: Some(MOST_HITS), ..SearchOptions::default() };
        let (hits, problem) = match &parsed {
            Some(Ok(parsed)) => match query::search(&self.frameworks, parsed, &options) {
                Ok(hits) => (hits, None),
                Err(e) => (Vec::new(), Some(e.to_string())),
            },
            Some(Err(e)) => (Vec::new(), Some(e.to_string())),
            None => (Vec::new(), None),
        };
        let hits: Vec<_> = hits
            .iter()
            .map(|h| {
                let field = if h.kind == HitKind::Category { Field::Title } else { Field::Text };
                let text = h.field_text(field, None).unwrap_or_default();
                let spans: Vec<(usize, usize)> = h
                    .matches
                    .iter()
                    .filter(|m| m.field == field)
                    .map(|m| (m.start, m.end))
                    .collect();
                let kind = if h.kind == HitKind::Category { "category" } else { "entry" };
                context! {
                    framework => h.framework, id => h.id, kind, pieces => pieces(text, spans),
                }
            })
            .collect();
        self.render_at(
            "search.html",
            &root(path),
            vec![],
            Some(q),
            context! {
                hits, problem, static => self.api.is_none() && query.is_none(),
            },
        )
    }

    fn step_to(&self, f: &Framework) -> Step {
        Step { path: safe(format!("f/{}/", segment(&f.id))), title: f.title.clone() }
    }

    fn step_to_category(&self, f: &Framework, c: &crate::model::Category) -> Step {
        let path = safe(format!("f/{}/c/{}/", segment(&f.id), segment(&c.id)));
        Step { path, title: format!("{} {}", c.id, c.title) }
    }

    fn render(
        &self,
        template: &str,
        path: &[&str],
        trail: Vec<Step>,
        page: minijinja::Value,
    ) -> Option<String> {
        self.render_at(template, &root(path), trail, None, page)
    }

    /// Renders a template with what every page has: the way back to the site's root, the
    /// frameworks for the navigation, the trail, the query in the search box.
    fn render_at(
        &self,
        template: &str,
        root: &str,
        trail: Vec<Step>,
        query: Option<&str>,
        page: minijinja::Value,
    ) -> Option<String> {
        let nav: Vec<_> =
            self.frameworks.iter().map(|f| context! { id => f.id, title => f.title }).collect();
        let ctx = context! {
            root => safe(root.to_owned()), nav, trail, query => query.unwrap_or_default(),
            version => env!("CARGO_PKG_VERSION"), ..page
        };
        // A template error is a bug of ours, which tests render every page to find.
        self.engine.get_template(template).and_then(|t| t.render(ctx)).ok()
    }
}

/// What a page says of its framework: never its entries, which a page lists itself.
fn brief(f: &Framework) -> minijinja::Value {
    context! { id => f.id, title => f.title, description => f.description, notes => f.notes }
}

/// Text made of [`segment`]s and slashes, which needs no escaping.
fn safe(path: String) -> minijinja::Value {
    minijinja::Value::from_safe_string(path)
}

/// The way from a page at `path` (a directory: `f/peer-worker/`) back to the root: `../../`.
fn root(path: &[&str]) -> String {
    if path.is_empty() { "./".to_owned() } else { "../".repeat(path.len()) }
}

/// The words of a search box: split at spaces, but for text in double quotes, a phrase.
fn words_of(q: &str) -> Vec<String> {
    let mut words = Vec::new();
    for (i, part) in q.split('"').enumerate() {
        if i % 2 == 1 {
            if !part.trim().is_empty() {
                words.push(format!("\"{}\"", part.trim()));
            }
        } else {
            words.extend(part.split_whitespace().map(str::to_owned));
        }
    }
    words
}

/// The text cut into pieces at the matches' byte ranges, the matched ones marked.
fn pieces(text: &str, mut spans: Vec<(usize, usize)>) -> Vec<Piece<'_>> {
    spans.sort_unstable();
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end) in spans {
        let (start, end) = (start.max(at), end.min(text.len()));
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        if start > at {
            out.push(Piece { text: &text[at..start], mark: false });
        }
        out.push(Piece { text: &text[start..end], mark: true });
        at = end;
    }
    if at < text.len() {
        out.push(Piece { text: &text[at..], mark: false });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_keep_only_what_needs_no_escape() {
        assert_eq!(segment("6.8"), "6.8");
        assert_eq!(segment("a/b c"), "a%2Fb%20c");
        assert_eq!(segment("é"), "%C3%A9");
    }

    #[test]
    fn a_search_box_splits_at_spaces_and_keeps_phrases() {
        assert_eq!(
            words_of(r#"crisis "peer support" housing"#),
            ["crisis", "\"peer support\"", "housing"]
        );
        assert!(words_of("  ").is_empty());
    }

    #[test]
    fn pieces_mark_the_matches_and_keep_every_byte() {
        let text = "Addresses barriers to housing";
        let p = pieces(text, vec![(22, 29), (0, 9)]);
        let joined: String = p.iter().map(|p| p.text).collect();
        assert_eq!(joined, text);
        let marked: Vec<&str> = p.iter().filter(|p| p.mark).map(|p| p.text).collect();
        assert_eq!(marked, ["Addresses", "housing"]);
        // Ranges outside the text or inside a character are left out, never a panic.
        assert_eq!(pieces("é", vec![(1, 2), (0, 9)]).len(), 1);
    }
}
