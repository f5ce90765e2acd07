//! `serve` and `site` as their clients see them: a CASE client reading every endpoint and
//! validating each body against 1EdTech's OpenAPI definition of CASE 1.1, the pages of `serve`
//! against the files of `site`, the queries as JSON against the command line's, HTTP's rules
//! (ETag, gzip, HEAD, limits), a bounded load, a stop on SIGTERM, and a browser walking the
//! pages of both (tools/browser/walk.mjs), with axe-core and the Nu checker on every page.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

const PEERCOMP: &str = env!("CARGO_BIN_EXE_peercomp");
const OPENAPI: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/src/web/imscasev1p1_openapi3_v1p0.json");
const BROWSER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tools/browser");

/// `peercomp serve` on a free port of 127.0.0.1, stopped (SIGTERM) when dropped.
struct Server {
    child: Child,
    addr: String,
    stderr: BufReader<std::process::ChildStderr>,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(PEERCOMP)
            .args(args)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .env_remove("PEERCOMP_DATA")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        stderr.read_line(&mut line).unwrap();
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("serve said: {line}"))
            .to_owned();
        Server { child, addr, stderr }
    }

    /// A GET of `target` with these headers: status, headers (names in lower case), body.
    fn get(&self, target: &str, headers: &[(&str, &str)]) -> Answer {
        self.request("GET", target, headers)
    }

    fn request(&self, method: &str, target: &str, headers: &[(&str, &str)]) -> Answer {
        let mut extra = String::new();
        for (name, value) in headers {
            extra.push_str(&format!("{name}: {value}\r\n"));
        }
        let head = format!(
            "{method} {target} HTTP/1.1\r\nHost: {}\r\n{extra}Connection: close\r\n\r\n",
            self.addr
        );
        raw(&self.addr, head.as_bytes())
    }

    /// SIGTERM, and the exit status and what it said after its first line.
    fn stop(mut self) -> (Option<i32>, String) {
        Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().unwrap();
        let status = self.child.wait().unwrap();
        let mut said = String::new();
        self.stderr.read_to_string(&mut said).unwrap();
        (status.code(), said)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
struct Answer {
    status: u16,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends bytes as they are and reads the answer to the end (the request says `close`).
fn raw(addr: &str, request: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    stream.write_all(request).unwrap();
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let split = bytes.windows(4).position(|w| w == b"\r\n\r\n").expect("a head") + 4;
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(k, v)| (k.to_lowercase(), v.to_owned()))
        .collect();
    Answer { status, headers, body: bytes[split..].to_vec() }
}

/// `peercomp site -o DIR` of the embedded frameworks.
fn site(dir: &Path) -> PathBuf {
    let out_dir = dir.join("site");
    let out = Command::new(PEERCOMP)
        .args(["site", "-o"])
        .arg(&out_dir)
        .env_remove("PEERCOMP_DATA")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out_dir
}

/// Every file under `dir`, by its path from it.
fn files(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    found.sort();
    found
}

/// A validator of one type of 1EdTech's OpenAPI definition of CASE 1.1.
fn validator(definition: &str) -> jsonschema::Validator {
    let openapi: Value = serde_json::from_str(&std::fs::read_to_string(OPENAPI).unwrap()).unwrap();
    // The definition's types refer to each other as #/definitions/NAME.
    let schema = serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "definitions": openapi["components"]["schemas"],
        "$ref": format!("#/definitions/{definition}"),
    });
    jsonschema::draft202012::new(&schema).expect("the definition compiles")
}

fn problems(validator: &jsonschema::Validator, body: &Value) -> Vec<String> {
    validator.iter_errors(body).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

#[test]
fn every_case_endpoint_answers_what_site_writes_and_validates_against_the_binding() {
    let dir = tempfile::tempdir().unwrap();
    let site = site(dir.path());
    let server = Server::start(&[]);
    let types = [
        ("CFDocuments", "CFDocumentDType"),
        ("CFPackages", "CFPackageDType"),
        ("CFItems", "CFItemDType"),
        ("CFAssociations", "CFAssociationDType"),
        ("CFItemAssociations", "CFAssociationSetDType"),
        ("CFItemTypes", "CFItemTypeSetDType"),
    ];
    let validators: BTreeMap<&str, jsonschema::Validator> =
        types.iter().map(|(endpoint, t)| (*endpoint, validator(t))).collect();
    let mut counted: BTreeMap<&str, usize> = BTreeMap::new();
    let base = "ims/case/v1p1/";
    for path in files(&site).iter().filter_map(|f| f.strip_prefix(base)) {
        if path.starts_with("discovery/") {
            continue;
        }
        let target = match path {
            "CFDocuments/index.json" => "CFDocuments",
            path => path,
        };
        let answer = server.get(&format!("/{base}{target}"), &[]);
        assert_eq!(answer.status, 200, "{target}");
        assert_eq!(answer.headers["content-type"], "application/json", "{target}");
        let written = std::fs::read(site.join(base).join(path)).unwrap();
        assert!(answer.body == written, "{target}: serve and site differ");
        let endpoint = target.split('/').next().unwrap();
        let body = answer.json();
        if target == "CFDocuments" {
            let list = validator("CFDocumentSetDType");
            assert!(problems(&list, &body).is_empty(), "{:?}", problems(&list, &body));
            continue;
        }
        let found = problems(&validators[endpoint], &body);
        assert!(found.is_empty(), "{target}: {found:#?}");
        *counted.entry(validators.keys().find(|k| **k == endpoint).unwrap()).or_default() += 1;
    }
    // Every kind was read: 7 packages (2 frameworks, 5 tag schemes), and their contents.
    assert_eq!(counted["CFPackages"], 7, "{counted:?}");
    assert_eq!(counted["CFDocuments"], 7, "{counted:?}");
    assert!(counted["CFItems"] > 200 && counted["CFAssociations"] > 200, "{counted:?}");
    assert!(counted["CFItemAssociations"] > 200 && counted["CFItemTypes"] >= 3, "{counted:?}");
    // The discovery file the binding asks for.
    let discovery = server.get(&format!("/{base}discovery/imscasev1p1_openapi3_v1p0.json"), &[]);
    assert_eq!(discovery.json()["info"]["version"], "1.1");
}

#[test]
fn case_packages_are_the_export_byte_for_byte_and_objects_carry_their_links() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(PEERCOMP)
        .args(["export", "--to", "case", "-o"])
        .arg(format!("{}/", dir.path().display()))
        .env_remove("PEERCOMP_DATA")
        .output()
        .unwrap();
    assert!(out.status.success());
    let server = Server::start(&[]);
    let exported = std::fs::read(dir.path().join("peer-worker.case.json")).unwrap();
    let package: Value = serde_json::from_slice(&exported).unwrap();
    let id = package["CFDocument"]["identifier"].as_str().unwrap();
    let served = server.get(&format!("/ims/case/v1p1/CFPackages/{id}"), &[]);
    assert!(served.body == exported, "the package is the export's bytes");
    // An item alone: as in its package, with the document it belongs to.
    let item = &package["CFItems"][3];
    let alone = server
        .get(&format!("/ims/case/v1p1/CFItems/{}", item["identifier"].as_str().unwrap()), &[])
        .json();
    let mut expected = item.clone();
    expected["CFDocumentURI"] = serde_json::json!({
        "title": package["CFDocument"]["title"],
        "identifier": id,
        "uri": package["CFDocument"]["uri"],
    });
    assert_eq!(alone, expected);
    let document = server.get(&format!("/ims/case/v1p1/CFDocuments/{id}"), &[]).json();
    assert_eq!(document["CFPackageURI"]["identifier"], id);
    assert_eq!(document["title"], package["CFDocument"]["title"]);
    // The item's associations: every one that names it, either way.
    let set = server
        .get(
            &format!("/ims/case/v1p1/CFItemAssociations/{}", item["identifier"].as_str().unwrap()),
            &[],
        )
        .json();
    let naming: usize = package["CFAssociations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| {
            a["originNodeURI"]["identifier"] == item["identifier"]
                || a["destinationNodeURI"]["identifier"] == item["identifier"]
        })
        .count();
    assert_eq!(set["CFAssociations"].as_array().unwrap().len(), naming);
    assert!(naming >= 1);
}

#[test]
fn case_lists_page_sort_filter_and_refuse_what_they_cannot_do() {
    let server = Server::start(&[]);
    let status = validator("imsx_StatusInfoDType");
    let all = server.get("/ims/case/v1p1/CFDocuments", &[]);
    assert_eq!(all.headers["x-total-count"], "7");
    let titles = |a: &Answer| -> Vec<String> {
        a.json()["CFDocuments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["title"].as_str().unwrap().to_owned())
            .collect()
    };
    let page = server.get("/ims/case/v1p1/CFDocuments?limit=2&offset=1", &[]);
    assert_eq!(titles(&page), titles(&all)[1..3]);
    assert_eq!(page.headers["x-total-count"], "7");
    let mut sorted = titles(&all);
    sorted.sort_by_key(|t| t.to_lowercase());
    sorted.reverse();
    assert_eq!(
        titles(&server.get("/ims/case/v1p1/CFDocuments?sort=title&orderBy=desc", &[])),
        sorted
    );
    let filtered = server.get("/ims/case/v1p1/CFDocuments?filter=title~'ic%26rc'", &[]);
    assert_eq!(filtered.headers["x-total-count"], "1", "{}", filtered.text());
    let fields = server.get("/ims/case/v1p1/CFDocuments?fields=title,identifier", &[]).json();
    let keys: Vec<&String> = fields["CFDocuments"][0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["identifier", "title"]);
    for (target, code) in [
        ("/ims/case/v1p1/CFDocuments?limit=0", 400),
        ("/ims/case/v1p1/CFDocuments?limit=ten", 400),
        ("/ims/case/v1p1/CFDocuments?offset=-1", 400),
        ("/ims/case/v1p1/CFDocuments?orderBy=up", 400),
        ("/ims/case/v1p1/CFDocuments?filter=title", 400),
        ("/ims/case/v1p1/CFDocuments?color=red", 400),
        ("/ims/case/v1p1/CFItems/00000000-0000-5000-8000-000000000000", 404),
        ("/ims/case/v1p1/CFItems/not-a-uuid", 404),
        ("/ims/case/v1p1/CFRubrics/x", 404),
        ("/ims/case/v1p1/CFNothing/x", 404),
        ("/ims/case/v1p1/CFItems/x/y", 404),
    ] {
        let answer = server.get(target, &[]);
        assert_eq!(answer.status, code, "{target}: {}", answer.text());
        let found = problems(&status, &answer.json());
        assert!(found.is_empty(), "{target}: {found:?}");
        assert!(!answer.json()["imsx_description"].as_str().unwrap().is_empty());
    }
}

#[test]
fn every_page_of_serve_is_the_page_site_writes() {
    let dir = tempfile::tempdir().unwrap();
    let site = site(dir.path());
    let server = Server::start(&[]);
    let pages: Vec<String> =
        files(&site).into_iter().filter(|f| f.ends_with("index.html")).collect();
    assert!(pages.len() > 250, "{}", pages.len());
    for page in &pages {
        let target = format!("/{}", page.trim_end_matches("index.html"));
        let answer = server.get(&target, &[]);
        assert_eq!(answer.status, 200, "{target}");
        assert_eq!(answer.headers["content-type"], "text/html; charset=utf-8");
        let written = std::fs::read(site.join(page)).unwrap();
        // The search page alone differs: serve searches on the server, a static copy in the
        // browser.
        if target == "/search/" {
            assert!(String::from_utf8_lossy(&written).contains("search.js"));
            assert!(!answer.text().contains("search.js"));
        } else {
            assert!(answer.body == written, "{target}: serve and site differ");
        }
    }
    // A page's links lead to pages: every href of the entry page answers 200.
    let entry = server.get("/f/peer-worker/e/6.9/", &[]).text();
    let links: Vec<&str> =
        entry.split("href=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
    assert!(links.len() > 10, "{links:?}");
    for link in links.iter().filter(|l| !l.starts_with('#')) {
        let target = resolve("/f/peer-worker/e/6.9/", link);
        assert_eq!(server.get(&target, &[]).status, 200, "{link} from 6.9 ({target})");
    }
    // Not found: a page that says so, with its way back.
    let missing = server.get("/f/peer-worker/e/99.99/", &[]);
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("<h1>Not found</h1>"));
}

/// A relative link from a page, as a browser resolves it.
fn resolve(from: &str, link: &str) -> String {
    let mut parts: Vec<&str> =
        from.trim_end_matches('/').split('/').filter(|s| !s.is_empty()).collect();
    let mut rest = link;
    while let Some(after) = rest.strip_prefix("../") {
        parts.pop();
        rest = after;
    }
    let rest = rest.strip_prefix("./").unwrap_or(rest);
    let mut target = String::from("/");
    for p in parts {
        target.push_str(p);
        target.push('/');
    }
    target.push_str(rest);
    target
}

#[test]
fn search_ranks_and_marks_on_the_server_and_escapes_what_it_is_given() {
    let server = Server::start(&[]);
    let page = server.get("/search/?q=housing", &[]).text();
    assert!(page.contains("5 results for <strong>housing</strong>"), "{page}");
    assert!(page.contains("barriers to <mark>housing</mark>"));
    let first = page.find("peer-worker/6.9<").unwrap();
    assert!(first < page.find("agency/policy.2").unwrap(), "ranked");
    let hostile = server.get("/search/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", &[]).text();
    assert!(!hostile.contains("<script>alert"), "escaped");
    assert!(hostile.contains("&lt;script&gt;"));
    let phrase = server.get("/search/?q=%22fair+housing%22", &[]).text();
    assert!(phrase.contains("1 result for"), "{phrase}");
}

#[test]
fn the_queries_answer_json_exactly_as_the_command_line_prints_it() {
    let server = Server::start(&[]);
    for (target, args) in [
        ("/api/list?tag=icrc:4", &["list", "--tag", "icrc:4", "--json"][..]),
        (
            "/api/list?category=6&top-level=true",
            &["list", "--category", "6", "--top-level", "--json"],
        ),
        ("/api/show?id=6.8&id=1.9", &["show", "6.8", "1.9", "--json"]),
        (
            "/api/search?word=crisis&word=housing&any=true",
            &["search", "crisis", "housing", "--any", "--json"],
        ),
        ("/api/crosswalk?by=rfc", &["crosswalk", "--by", "rfc", "--json"]),
        ("/api/tags", &["tags", "--json"]),
        ("/api/categories?framework=agency", &["categories", "--framework", "agency", "--json"]),
        ("/api/frameworks", &["frameworks", "--json"]),
        ("/api/overlaps", &["overlaps", "--json"]),
        (
            "/api/align?from=agency&to=peer-worker&min=0.3",
            &["align", "--from", "agency", "--to", "peer-worker", "--min", "0.3", "--json"],
        ),
    ] {
        let answer = server.get(target, &[]);
        assert_eq!(answer.status, 200, "{target}: {}", answer.text());
        let cli = crate::run(args);
        assert!(answer.body == cli.stdout, "{target} differs from {args:?}");
    }
    for (target, code, says) in [
        ("/api/list?tag=nope:1", 400, "nope"),
        ("/api/list?tga=icrc:4", 400, "--tga"),
        ("/api/show?id=99.99", 404, "99.99"),
        ("/api/export?to=case", 404, "no query export"),
        ("/api/list?data=/etc/passwd", 400, "data cannot be given"),
        ("/api/align?from=agency&to=peer-worker&accept=/tmp/x", 400, "accept cannot be given"),
    ] {
        let answer = server.get(target, &[]);
        assert_eq!(answer.status, code, "{target}: {}", answer.text());
        let error = answer.json()["error"].as_str().unwrap().to_owned();
        assert!(error.contains(says), "{target}: {error}");
    }
    assert!(!Path::new("/tmp/x").exists() || std::fs::metadata("/tmp/x").is_ok());
}

#[test]
fn http_as_a_server_should_answer_it() {
    let server = Server::start(&[]);
    let page = server.get("/f/peer-worker/", &[]);
    let etag = page.headers["etag"].clone();
    assert_eq!(server.get("/f/peer-worker/", &[("If-None-Match", &etag)]).status, 304);
    assert_eq!(server.get("/f/peer-worker/", &[("If-None-Match", "\"other\"")]).status, 200);
    // Compressed for a client that asks, the same bytes once inflated.
    let gzipped = server.get("/f/peer-worker/", &[("Accept-Encoding", "gzip")]);
    assert_eq!(gzipped.headers["content-encoding"], "gzip");
    assert!(gzipped.body.len() < page.body.len());
    let mut inflated = Vec::new();
    flate2::read::GzDecoder::new(&gzipped.body[..]).read_to_end(&mut inflated).unwrap();
    assert!(inflated == page.body);
    assert_eq!(page.headers["vary"], "Accept-Encoding");
    assert!(page.headers["content-security-policy"].contains("default-src 'none'"));
    // HEAD: the GET's headers, no body.
    let head = server.request("HEAD", "/f/peer-worker/", &[]);
    assert_eq!(head.headers["content-length"], page.body.len().to_string());
    assert!(head.body.is_empty());
    // What is refused, and how.
    assert_eq!(server.request("POST", "/", &[]).status, 405);
    assert_eq!(server.request("DELETE", "/", &[]).headers["allow"], "GET, HEAD");
    let body = raw(
        &server.addr,
        b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
    );
    assert_eq!(body.status, 413);
    let huge = format!("GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n", "a".repeat(20_000));
    assert_eq!(raw(&server.addr, huge.as_bytes()).status, 431);
    let many: String = (0..100).map(|i| format!("X-{i}: y\r\n")).collect();
    let many = format!("GET / HTTP/1.1\r\nHost: x\r\n{many}\r\n");
    assert_eq!(raw(&server.addr, many.as_bytes()).status, 431);
    assert_eq!(server.get("/f/%FF/", &[]).status, 400);
    assert_eq!(server.get(&format!("/search/?q={}", "a".repeat(9000)), &[]).status, 414);
    // No file system behind it: a way out of a folder is nothing.
    for target in
        ["/../../etc/passwd", "/f/..%2F..%2Fetc%2Fpasswd/", "/%2e%2e/", "/style.css/../../x"]
    {
        let answer = server.get(target, &[]);
        assert_eq!(answer.status, 404, "{target}");
        assert!(!answer.text().contains("root:"), "{target}");
    }
    // A page without its final slash moves to it (its relative links need it).
    let moved = server.get("/f/peer-worker?x=1", &[]);
    assert_eq!((moved.status, moved.headers["location"].as_str()), (301, "/f/peer-worker/?x=1"));
    assert_eq!(server.get("/style.css", &[]).headers["content-type"], "text/css; charset=utf-8");
}

/// A client that sends half a request and waits keeps no one else waiting; it is let go after
/// the head's time limit.
#[test]
fn a_slow_client_holds_no_one_up_and_a_bounded_load_is_all_answered() {
    let server = Server::start(&[]);
    let mut slow = TcpStream::connect(&server.addr).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
    // 8 clients of 150 requests each, on keep-alive connections: every one answered 200.
    let addr = server.addr.clone();
    let clients: Vec<_> = (0..8)
        .map(|n| {
            let addr = addr.clone();
            std::thread::spawn(move || {
                let targets = [
                    "/",
                    "/f/peer-worker/e/6.8/",
                    "/search/?q=crisis",
                    "/ims/case/v1p1/CFDocuments",
                ];
                let mut stream = TcpStream::connect(&addr).unwrap();
                stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut ok = 0;
                for i in 0..150 {
                    let target = targets[(i + n) % targets.len()];
                    write!(stream, "GET {target} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
                    let mut status = String::new();
                    reader.read_line(&mut status).unwrap();
                    let mut length = 0;
                    loop {
                        let mut line = String::new();
                        reader.read_line(&mut line).unwrap();
                        if let Some(n) = line.to_lowercase().strip_prefix("content-length: ") {
                            length = n.trim().parse().unwrap();
                        }
                        if line == "\r\n" {
                            break;
                        }
                    }
                    let mut body = vec![0; length];
                    reader.read_exact(&mut body).unwrap();
                    ok += usize::from(status.starts_with("HTTP/1.1 200"));
                }
                ok
            })
        })
        .collect();
    let answered: usize = clients.into_iter().map(|c| c.join().unwrap()).sum();
    assert_eq!(answered, 8 * 150);
    // The slow client is still waiting, or was let go: either way, nothing came back but an
    // end or a 408.
    slow.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    let mut rest = Vec::new();
    let _ = slow.read_to_end(&mut rest);
    let rest = String::from_utf8_lossy(&rest);
    assert!(rest.is_empty() || rest.starts_with("HTTP/1.1 408"), "{rest}");
}

#[test]
fn sigterm_stops_it_cleanly_and_a_wide_address_is_warned_of() {
    let server = Server::start(&[]);
    assert_eq!(server.get("/", &[]).status, 200);
    let (code, said) = server.stop();
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("stopped"), "{said}");
    let mut wide = Command::new(PEERCOMP)
        .args(["serve", "--addr", "0.0.0.0:0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(wide.stderr.take().unwrap()).read_line(&mut line).unwrap();
    let _ = wide.kill();
    let _ = wide.wait();
    assert!(line.starts_with("warning: listening on 0.0.0.0, beyond this machine"), "{line}");
}

#[test]
fn site_refuses_a_folder_with_files_and_leaves_it_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("keep.txt"), "mine").unwrap();
    let out = Command::new(PEERCOMP).args(["site", "-o"]).arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("has files in it"));
    assert_eq!(files(dir.path()), ["keep.txt"]);
    // Twice the same bytes: no clock, no hash order.
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, b) = (site(a.path()), site(b.path()));
    assert_eq!(files(&a), files(&b));
    for file in files(&a) {
        assert!(
            std::fs::read(a.join(&file)).unwrap() == std::fs::read(b.join(&file)).unwrap(),
            "{file}"
        );
    }
}

/// A static web server (Python's) serving `dir` on a free port, stopped when dropped.
struct Static(Child, String);

impl Static {
    fn start(dir: &Path) -> Static {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new("python3")
            .args(["-m", "http.server", "--bind", "127.0.0.1", &port.to_string()])
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let addr = format!("127.0.0.1:{port}");
        for _ in 0..100 {
            if TcpStream::connect(&addr).is_ok() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Static(child, addr)
    }
}

impl Drop for Static {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn node(script: &str, args: &[String], env: &[(&str, &str)]) -> std::process::Output {
    Command::new("node")
        .arg(format!("{BROWSER}/{script}"))
        .args(args)
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

#[test]
fn a_reader_walks_from_home_to_an_aligned_entry_on_serve_and_on_site() {
    let puppeteer = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tools/browser/node_modules/puppeteer-core/package.json"
    );
    if !crate::tools(
        "a_reader_walks_from_home_to_an_aligned_entry_on_serve_and_on_site",
        &["chromium", "node", "python3", puppeteer],
    ) {
        return;
    }
    let server = Server::start(&[]);
    // With JavaScript off: every page, the search's results too, made on the server.
    let walked =
        node("walk.mjs", &[format!("http://{}/", server.addr), "--no-script".to_owned()], &[]);
    let said = String::from_utf8_lossy(&walked.stdout);
    assert!(walked.status.success(), "serve: {said}{}", String::from_utf8_lossy(&walked.stderr));
    assert_eq!(said.lines().count(), 7, "{said}");
    let dir = tempfile::tempdir().unwrap();
    let site = site(dir.path());
    let host = Static::start(&site);
    let walked = node("walk.mjs", &[format!("http://{}/", host.1)], &[]);
    let said = String::from_utf8_lossy(&walked.stdout);
    assert!(walked.status.success(), "site: {said}{}", String::from_utf8_lossy(&walked.stderr));
    assert!(said.contains("aligned: ") && said.contains("/f/peer-worker/e/7.10.4/"), "{said}");
}

#[test]
fn every_page_passes_axe_core_and_the_nu_html_checker() {
    let axe =
        concat!(env!("CARGO_MANIFEST_DIR"), "/tools/browser/node_modules/axe-core/axe.min.js");
    let vnu = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tools/browser/node_modules/vnu-jar/build/dist/vnu.jar"
    );
    if !crate::tools(
        "every_page_passes_axe_core_and_the_nu_html_checker",
        &["chromium", "node", "java", axe, vnu],
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let site = site(dir.path());
    let pages: Vec<String> = files(&site).into_iter().filter(|f| f.ends_with(".html")).collect();
    // The Nu checker, on every file at once.
    let out = Command::new("java")
        .args(["-jar", vnu, "--format", "json", "--also-check-css"])
        .args(pages.iter().map(|p| site.join(p)))
        .arg(site.join("style.css"))
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stderr).unwrap();
    let messages = report["messages"].as_array().unwrap();
    assert!(messages.is_empty(), "{messages:#?}");
    // axe-core: every page of serve at a desktop's width (the search page with results), and
    // a page of each kind at a phone's too.
    let server = Server::start(&[]);
    let url =
        |page: &str| format!("http://{}/{}", server.addr, page.trim_end_matches("index.html"));
    let mut every: Vec<String> =
        pages.iter().filter(|p| p.ends_with("index.html")).map(|p| url(p)).collect();
    every.push(url("search/?q=housing"));
    every.push(url("no/such/page/"));
    let out = node("axe.mjs", &every, &[("AXE_WIDTHS", "1280"), ("AXE_TABS", "3")]);
    assert!(
        out.status.success(),
        "axe-core, {} pages:\n{}{}",
        every.len(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let kinds: Vec<String> = [
        "",
        "tags/",
        "search/?q=crisis",
        "f/agency/",
        "f/peer-worker/c/6/",
        "f/peer-worker/e/6.9/",
        "f/peer-worker/crosswalk/icrc/",
        "f/peer-worker/t/",
        "f/peer-worker/t/icrc/1/",
    ]
    .iter()
    .map(|p| url(p))
    .collect();
    let out = node("axe.mjs", &kinds, &[("AXE_WIDTHS", "390")]);
    assert!(out.status.success(), "axe-core, phone:\n{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn templates_and_pages_hold_what_a_reader_and_a_screen_reader_need() {
    let server = Server::start(&[]);
    let entry = server.get("/f/peer-worker/e/6.8/", &[]).text();
    for needed in [
        "<html lang=\"en\">",
        "<a class=\"skip\" href=\"#main\">",
        "<main id=\"main\">",
        "<nav aria-label=\"Breadcrumb\"",
        "line 97",
        "(RC Domain 1: Advocacy)",
        "The source reads &#x27;RC Domain 1&#x27;",
        "ims/case/v1p1/CFItems/",
    ] {
        assert!(entry.contains(needed), "{needed}");
    }
    let matrix = server.get("/f/peer-worker/crosswalk/icrc/", &[]).text();
    assert!(matrix.contains("<th scope=\"col\">Category</th>") && matrix.contains("<caption"));
    assert!(matrix.contains("t/icrc/1/#c-1\""), "a cell leads to its entries");
    let css = server.get("/style.css", &[]).text();
    assert!(css.contains("@media print"));
}

/// A reviewed alignment file's links show on the entries at both ends, named after the file.
#[test]
fn reviewed_alignments_link_both_entries() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/alignment/agency-peer-worker.yaml");
    let server = Server::start(&["--data", file]);
    let how = "reviewed: The agency framework against the peer-worker list";
    let agency = server.get("/f/agency/e/principles.1/", &[]).text();
    assert!(agency.contains("f/peer-worker/e/4.6/") && agency.contains(how), "{agency}");
    let peer = server.get("/f/peer-worker/e/4.6/", &[]).text();
    assert!(peer.contains("f/agency/e/principles.1/") && peer.contains(how), "{peer}");
}
