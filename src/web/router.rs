//! A request to its answer, with no I/O: the address taken apart and checked, the page, CASE
//! object or query it names, conditional GET and compression. What `serve` answers is decided
//! here, and the fuzz target `router` calls it with any bytes.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use foldhash::HashMap;

use super::{Site, case, pages};

/// The most a request target may hold (path and query), in bytes.
pub(super) const MOST_TARGET: usize = 8 * 1024;

/// Answers kept at most, in bytes of body (plain and compressed): past it, all are dropped and
/// kept again as they are asked for.
const MOST_KEPT: usize = 64 * 1024 * 1024;

/// Bodies from this size are compressed, for a client that accepts gzip.
const LEAST_COMPRESSED: usize = 256;

/// What the router needs of a request.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// `GET`, `HEAD`, or any other (refused).
    pub method: &'a str,
    /// The path and query, as sent (`/f/peer-worker/?x=1`).
    pub target: &'a str,
    /// The client accepts a gzipped body (`Accept-Encoding`).
    pub gzip: bool,
    /// `If-None-Match`, where it was sent.
    pub if_none_match: Option<&'a str>,
}

/// A made answer: its status, type and body (and the body gzipped, where it is worth it).
#[derive(Debug)]
pub struct Resource {
    /// The status.
    pub status: u16,
    /// Its `Content-Type`.
    pub content_type: &'static str,
    /// The body.
    pub body: Vec<u8>,
    /// The body gzipped, made the first time a client asks for it (where it is large enough to
    /// gain): a client that never asks costs no compression.
    gzipped: OnceLock<Option<Vec<u8>>>,
    /// Its ETag (quoted), from the body's bytes.
    pub etag: String,
    /// Other headers: `Location`, `X-Total-Count`, `Allow`.
    pub headers: Vec<(&'static str, Header)>,
}

/// A header's value: most are the same for every answer, and borrowed.
pub type Header = Cow<'static, str>;

/// What to send back: a status, headers, and the body where there is one.
#[derive(Debug)]
pub struct Reply {
    /// The status.
    pub status: u16,
    /// Every header.
    pub headers: Vec<(&'static str, Header)>,
    /// The made answer whose body is sent (its gzipped one where `gzipped`); none for a
    /// `HEAD` or a 304.
    pub body: Option<(Arc<Resource>, bool)>,
    /// The length of the body sent, or that a `GET` would send (a `HEAD`).
    pub length: usize,
}

impl Reply {
    /// The body's bytes.
    pub fn bytes(&self) -> &[u8] {
        match &self.body {
            Some((resource, gzipped)) => resource.sent(*gzipped),
            None => &[],
        }
    }
}

/// Answers kept, by target, and their size.
#[derive(Debug, Default)]
pub(super) struct Kept {
    answers: HashMap<String, Arc<Resource>>,
    bytes: usize,
}

/// Types of what is served.
const HTML: &str = "text/html; charset=utf-8";
const JSON: &str = "application/json";
const CSS: &str = "text/css; charset=utf-8";
const JS: &str = "text/javascript; charset=utf-8";
const TEXT: &str = "text/plain; charset=utf-8";

/// What every answer says of itself beyond its type: no sniffing, nothing from elsewhere.
const SECURITY: [(&str, &str); 3] = [
    ("X-Content-Type-Options", "nosniff"),
    (
        "Content-Security-Policy",
        "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; \
         img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    ),
    ("Referrer-Policy", "no-referrer"),
];

impl Site {
    /// The reply to a request. Never panics, whatever the request holds.
    pub fn respond(&self, request: &Request) -> Reply {
        let head = request.method == "HEAD";
        if request.method != "GET" && !head {
            let mut resource = made(405, TEXT, b"only GET and HEAD are answered\n".to_vec());
            resource.headers.push(("Allow", Cow::Borrowed("GET, HEAD")));
            return reply(Arc::new(resource), request, false);
        }
        let kept = self.kept.read().ok().and_then(|k| k.answers.get(request.target).cloned());
        let resource = match kept {
            Some(resource) => resource,
            None => {
                let resource = Arc::new(self.make(request.target));
                self.keep(request.target, &resource);
                resource
            }
        };
        reply(resource, request, head)
    }

    fn keep(&self, target: &str, resource: &Arc<Resource>) {
        let Ok(mut kept) = self.kept.write() else { return };
        let size =
            // The body, and room for it gzipped (kept only where smaller).
            target.len() + 2 * resource.body.len();
        if kept.bytes + size > MOST_KEPT {
            *kept = Kept::default();
        }
        if size <= MOST_KEPT && kept.answers.insert(target.to_owned(), resource.clone()).is_none() {
            kept.bytes += size;
        }
    }

    /// The answer for a target, made anew.
    fn make(&self, target: &str) -> Resource {
        if target.len() > MOST_TARGET {
            return made(414, TEXT, b"the address is too long\n".to_vec());
        }
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let Some(path) = path.strip_prefix('/') else {
            return made(400, TEXT, b"the address must begin with /\n".to_vec());
        };
        let (Some(segments), Some(params)) = (decode_path(path), decode_query(query)) else {
            return made(400, TEXT, b"the address is not valid percent-encoded UTF-8\n".to_vec());
        };
        let directory = path.is_empty() || path.ends_with('/');
        let parts: Vec<&str> = segments.iter().map(String::as_str).collect();
        match parts.as_slice() {
            ["style.css"] => made(200, CSS, pages::STYLE.as_bytes().to_vec()),
            ["search", "search.js"] => made(200, JS, pages::SEARCH_SCRIPT.as_bytes().to_vec()),
            ["search", "index.json"] => made(200, JSON, self.search_index()),
            ["ims", "case", "v1p1", "discovery", "imscasev1p1_openapi3_v1p0.json"] => {
                made(200, JSON, case::OPENAPI.as_bytes().to_vec())
            }
            ["ims", "case", "v1p1", rest @ ..] if !directory => {
                let answer = self.case.answer(rest, &params);
                let mut resource = made(answer.status, JSON, answer.body);
                if let Some(total) = answer.total {
                    resource.headers.push(("X-Total-Count", total.to_string().into()));
                }
                resource
            }
            ["api", command] if !directory => match self.api {
                Some(api) => {
                    let (status, body) = api(&self.frameworks, &self.alignments, command, &params);
                    made(status, JSON, body)
                }
                None => self.not_found(),
            },
            _ if !parts.iter().all(|p| can_be_file_name(p)) => self.not_found(),
            _ => {
                let q = params.iter().rev().find(|(k, _)| k == "q").map(|(_, v)| v.as_str());
                let q = if parts == ["search"] { q } else { None };
                match self.page(&parts, q) {
                    Some(page) if directory => made(200, HTML, page.into_bytes()),
                    // A page asked for without its final slash: where its relative links
                    // lead from (a static host does the same for a folder).
                    Some(_) => {
                        let mut resource = made(301, TEXT, b"moved\n".to_vec());
                        let query =
                            if query.is_empty() { String::new() } else { format!("?{query}") };
                        resource.headers.push(("Location", format!("/{path}/{query}").into()));
                        resource
                    }
                    None => self.not_found(),
                }
            }
        }
    }

    fn not_found(&self) -> Resource {
        made(404, HTML, self.missing().into_bytes())
    }
}

/// A segment that a static copy can hold as a file or folder name, and that a server may take
/// as one: not empty, not `.` or `..`, no `/`, `\` or control character.
pub(super) fn can_be_file_name(segment: &str) -> bool {
    !segment.is_empty()
        && segment != "."
        && segment != ".."
        && !segment.contains(['/', '\\'])
        && !segment.chars().any(char::is_control)
}

impl Resource {
    /// The body gzipped, where that gains (made once, when first asked for).
    pub fn gzipped(&self) -> Option<&[u8]> {
        let made = self.gzipped.get_or_init(|| {
            (self.body.len() >= LEAST_COMPRESSED).then(|| gzip(&self.body)).flatten()
        });
        made.as_deref()
    }

    /// The bytes sent: the body, or gzipped.
    pub fn sent(&self, gzipped: bool) -> &[u8] {
        match gzipped {
            true => self.gzipped().unwrap_or(&self.body),
            false => &self.body,
        }
    }
}

/// A made answer, with its ETag from the body.
fn made(status: u16, content_type: &'static str, body: Vec<u8>) -> Resource {
    let etag = format!("\"{:016x}\"", fnv1a(&body));
    Resource { status, content_type, body, gzipped: OnceLock::new(), etag, headers: Vec::new() }
}

/// The reply for a made answer: 304 where the client holds it already.
fn reply(resource: Arc<Resource>, request: &Request, head: bool) -> Reply {
    let mut headers: Vec<(&'static str, Header)> = Vec::with_capacity(12);
    headers.extend([
        ("Content-Type", Cow::Borrowed(resource.content_type)),
        ("ETag", Cow::Owned(resource.etag.clone())),
        ("Cache-Control", Cow::Borrowed("no-cache")),
        ("Vary", Cow::Borrowed("Accept-Encoding")),
    ]);
    headers.extend(SECURITY.iter().map(|&(k, v)| (k, Cow::Borrowed(v))));
    headers.extend(resource.headers.iter().cloned());
    let matches = request.if_none_match.is_some_and(|tags| {
        tags.split(',')
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == "*" || t == resource.etag)
    });
    if matches && resource.status == 200 {
        return Reply { status: 304, headers, body: None, length: 0 };
    }
    let gzipped = request.gzip && resource.gzipped().is_some();
    if gzipped {
        headers.push(("Content-Encoding", Cow::Borrowed("gzip")));
    }
    let status = resource.status;
    let length = resource.sent(gzipped).len();
    let body = (!head).then_some((resource, gzipped));
    Reply { status, headers, body, length }
}

/// FNV-1a, 64 bits: the ETag of a body (not a secret; any change changes it).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// The body gzipped, where that is smaller; none without the `serve` feature (a static copy
/// leaves compression to its host).
fn gzip(body: &[u8]) -> Option<Vec<u8>> {
    #[cfg(feature = "serve")]
    {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
        encoder.write_all(body).ok()?;
        let gzipped = encoder.finish().ok()?;
        (gzipped.len() < body.len()).then_some(gzipped)
    }
    #[cfg(not(feature = "serve"))]
    {
        let _ = body;
        None
    }
}

/// The path's segments, each percent-decoded; none where one is not UTF-8 once decoded.
/// Empty segments (`//`, the final `/`) are dropped.
fn decode_path(path: &str) -> Option<Vec<String>> {
    path.split('/').filter(|s| !s.is_empty()).map(|s| percent_decode(s, false)).collect()
}

/// The query's parameters (`a=1&b=two+words`), decoded as a form's are.
fn decode_query(query: &str) -> Option<Vec<(String, String)>> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Some((percent_decode(k, true)?, percent_decode(v, true)?))
        })
        .collect()
}

/// `%XX` to its byte (and `+` to a space in a query); none where the bytes are not UTF-8.
fn percent_decode(text: &str, plus: bool) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        let hex = |b: u8| (b as char).to_digit(16);
        match byte {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(byte),
            },
            b'+' if plus => out.push(b' '),
            _ => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding_takes_what_it_can_and_refuses_bad_utf8() {
        assert_eq!(percent_decode("a%20b", false).as_deref(), Some("a b"));
        assert_eq!(percent_decode("a+b", true).as_deref(), Some("a b"));
        assert_eq!(percent_decode("a+b", false).as_deref(), Some("a+b"));
        assert_eq!(percent_decode("%", false).as_deref(), Some("%"));
        assert_eq!(percent_decode("%4", false).as_deref(), Some("%4"));
        assert_eq!(percent_decode("%zz", false).as_deref(), Some("%zz"));
        assert_eq!(percent_decode("%C3%A9", false).as_deref(), Some("é"));
        assert_eq!(percent_decode("%FF", false), None);
    }

    /// Thousands of made-up targets, built from the pieces that matter to a router (slashes,
    /// dots, escapes, queries, the site's own words): every one answered, none a panic, each
    /// body the length it says. (The fuzz target `router` does this without end.)
    #[test]
    fn any_target_gets_an_answer() {
        let site = Site::new(crate::load::embedded().unwrap(), Vec::new(), None);
        let pieces = [
            "/",
            "//",
            ".",
            "..",
            "%",
            "%2F",
            "%2e",
            "%FF",
            "%C3%A9",
            "?",
            "&",
            "=",
            "+",
            "q",
            "f",
            "peer-worker",
            "e",
            "6.8",
            "c",
            "t",
            "icrc",
            "1",
            "search",
            "crosswalk",
            "ims",
            "case",
            "v1p1",
            "CFItems",
            "CFDocuments",
            "limit=0",
            "fields=",
            "filter='",
            "api",
            "list",
            "\\",
            "é",
            "\u{1b}",
            " ",
            "#",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % n
        };
        for _ in 0..3000 {
            let mut target = String::from("/");
            for _ in 0..next(12) {
                target.push_str(pieces[next(pieces.len())]);
            }
            for (method, gzip) in [("GET", true), ("HEAD", false)] {
                let request = Request { method, target: &target, gzip, if_none_match: Some("*") };
                let reply = site.respond(&request);
                assert!((200..600).contains(&reply.status), "{target:?}: {}", reply.status);
                if method == "GET" && reply.status != 304 {
                    assert_eq!(reply.bytes().len(), reply.length, "{target:?}");
                }
            }
        }
    }

    #[test]
    fn file_names_refuse_what_walks_out_of_a_folder() {
        for bad in ["", ".", "..", "a/b", "a\\b", "a\u{0}b"] {
            assert!(!can_be_file_name(bad), "{bad:?}");
        }
        assert!(can_be_file_name("6.8") && can_be_file_name("..."));
    }
}
