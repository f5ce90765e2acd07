//! The frameworks on the web, read-only: pages for people, CASE 1.1's REST binding for learning
//! systems, the queries as JSON for scripts. [`Site`] answers a request without any I/O
//! ([`Site::respond`]), which `serve` puts behind an HTTP server and `site` writes out as files
//! ([`Site::files`]) for any static web server.
//!
//! Pages are made from the templates in `templates/` by one engine (minijinja), which escapes
//! every text it is given; an address is answered the same way every time, so answers are kept
//! (up to a bound) and told apart by an ETag.

pub mod case;
mod pages;
mod router;
#[cfg(feature = "serve")]
pub mod server;

use std::collections::HashMap;
use std::sync::RwLock;

use serde::Serialize;

pub use self::pages::segment;
pub use self::router::{Header, Reply, Request, Resource};
use crate::model::{Alignment, Framework};
use crate::query;

/// How a query of the command line is answered as JSON (`/api/list?tag=icrc:4`): given the
/// frameworks and alignments served, the command's name and the request's parameters, the
/// status and the body. The commands are above this layer, so `serve` passes it in.
pub type Api = fn(&[Framework], &[Alignment], &str, &[(String, String)]) -> (u16, Vec<u8>);

/// Everything served, made once from the frameworks.
pub struct Site {
    frameworks: Vec<Framework>,
    alignments: Vec<Alignment>,
    /// Per entry, the entries of other frameworks aligned with it.
    aligned: HashMap<(String, String), Vec<pages::Aligned>>,
    case: case::Case,
    engine: minijinja::Environment<'static>,
    api: Option<Api>,
    /// Answers already made, by request target.
    kept: RwLock<router::Kept>,
}

impl std::fmt::Debug for Site {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Site").field("frameworks", &self.frameworks.len()).finish_non_exhaustive()
    }
}

/// A file of a static copy: where it goes (relative to the output directory, `/`-separated)
/// and what it holds.
pub struct SiteFile {
    /// Its path.
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// One entry of the static copy's search index.
#[derive(Serialize)]
struct Indexed<'a> {
    framework: &'a str,
    id: &'a str,
    path: String,
    text: &'a str,
    tags: String,
}

impl Site {
    /// The site of these frameworks and reviewed alignments; `api` answers the queries as JSON
    /// (`serve`), or none are (`site`, a static copy).
    pub fn new(frameworks: Vec<Framework>, alignments: Vec<Alignment>, api: Option<Api>) -> Site {
        let aligned = pages::alignments(&frameworks, &alignments);
        let case = case::Case::of(&frameworks);
        Site {
            frameworks,
            alignments,
            aligned,
            case,
            engine: pages::engine(),
            api,
            kept: RwLock::default(),
        }
    }

    /// The frameworks served.
    pub fn frameworks(&self) -> &[Framework] {
        &self.frameworks
    }

    /// Every page's path (its segments, decoded), in the order a reader meets them.
    pub fn page_paths(&self) -> Vec<Vec<String>> {
        let mut paths = vec![vec![], vec!["tags".to_owned()], vec!["search".to_owned()]];
        let at = |parts: &[&str]| parts.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        for f in &self.frameworks {
            let id = f.id.as_str();
            paths.push(at(&["f", id]));
            paths.push(at(&["f", id, "t"]));
            for c in &f.categories {
                paths.push(at(&["f", id, "c", &c.id]));
            }
            for (e, _) in f.entries() {
                paths.push(at(&["f", id, "e", &e.id]));
            }
            for s in &f.schemes {
                paths.push(at(&["f", id, "t", &s.id]));
                for c in &s.codes {
                    paths.push(at(&["f", id, "t", &s.id, &c.code]));
                }
                if !s.codes.is_empty() {
                    paths.push(at(&["f", id, "crosswalk", &s.id]));
                }
            }
        }
        paths
    }

    /// The static copy: every page (`DIR/index.html` for a page at `DIR/`), the style sheet,
    /// the search index and its script, every CASE answer at its REST path, a 404 page, and a
    /// `_headers` file giving the CASE answers their content type on hosts that read one.
    /// The list of CASE documents, whose path is also the folder of the documents, is
    /// `CFDocuments/index.json`. Pages whose ids cannot be file names (`/`, `..`) are left out,
    /// and named in the second list.
    pub fn files(&self) -> (Vec<SiteFile>, Vec<String>) {
        let mut files = Vec::new();
        let mut left_out = Vec::new();
        let file = |path: String, bytes: Vec<u8>| SiteFile { path, bytes };
        for path in self.page_paths() {
            let parts: Vec<&str> = path.iter().map(String::as_str).collect();
            if !parts.iter().all(|p| router::can_be_file_name(p)) {
                left_out.push(parts.join("/"));
                continue;
            }
            if let Some(page) = self.page(&parts, None) {
                let dir: String = parts.iter().map(|p| format!("{p}/")).collect();
                files.push(file(format!("{dir}index.html"), page.into_bytes()));
            }
        }
        files.push(file("style.css".to_owned(), pages::STYLE.as_bytes().to_vec()));
        files.push(file("search/search.js".to_owned(), pages::SEARCH_SCRIPT.as_bytes().to_vec()));
        files.push(file("search/index.json".to_owned(), self.search_index()));
        files.push(file("404.html".to_owned(), self.missing().into_bytes()));
        let base = case::BASE;
        files.push(file(format!("{base}/{}", case::DISCOVERY), case::OPENAPI.as_bytes().to_vec()));
        for path in self.case.paths() {
            let parts: Vec<&str> = path.split('/').collect();
            if !parts.iter().all(|p| router::can_be_file_name(p)) {
                left_out.push(format!("{base}/{path}"));
                continue;
            }
            let answer = self.case.answer(&parts, &[]);
            let name =
                if path == "CFDocuments" { "CFDocuments/index.json".to_owned() } else { path };
            files.push(file(format!("{base}/{name}"), answer.body));
        }
        let headers = format!(
            "/{base}/*\n  Content-Type: application/json\n/search/index.json\n  Content-Type: application/json\n"
        );
        files.push(file("_headers".to_owned(), headers.into_bytes()));
        (files, left_out)
    }

    /// Every entry for the static copy's search: its statement, id and tags, and its page.
    fn search_index(&self) -> Vec<u8> {
        let index: Vec<Indexed> = query::placed(&self.frameworks)
            .map(|p| Indexed {
                framework: &p.framework.id,
                id: &p.entry.id,
                path: format!("f/{}/e/{}/", segment(&p.framework.id), segment(&p.entry.id)),
                text: &p.entry.text,
                tags: p
                    .entry
                    .tags_to_use(false)
                    .map(|t| t.tag.to_string())
                    .collect::<Vec<_>>()
                    .join(" "),
            })
            .collect();
        serde_json::to_vec(&index).unwrap_or_default()
    }
}
