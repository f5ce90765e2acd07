//! `peercomp serve`: the frameworks over HTTP, read-only: pages for people, CASE 1.1's REST
//! binding for learning systems, the queries as JSON.

use std::ffi::OsString;
use std::net::SocketAddr;

use clap::FromArgMatches;

use super::prelude::{Context, EXIT_CODES, FrameworkArgs, Outcome, Output};
use crate::Error;
use crate::model::{Alignment, Framework};
use crate::web::Site;

/// Serve the frameworks over HTTP: pages to browse and search, CASE 1.1's REST API, the
/// queries as JSON
#[derive(Debug, clap::Args)]
#[command(after_help = format!("\
Examples:
  peercomp serve                            http://127.0.0.1:8080/ until Ctrl-C
  peercomp serve --addr 127.0.0.1:0         any free port (the one taken is printed)
  peercomp --data state.yaml --with-embedded serve --log
  curl http://127.0.0.1:8080/ims/case/v1p1/CFDocuments
  curl 'http://127.0.0.1:8080/api/list?tag=icrc:4'

What it answers (GET and HEAD; docs/web.md has them all):
  /                                  the pages: frameworks, categories, entries, tags,
                                     crosswalks, search (/search/?q=housing)
  /ims/case/v1p1/CFDocuments         CASE 1.1: CFDocuments, CFPackages/ID, CFItems/ID,
                                     CFAssociations/ID, CFItemAssociations/ID, CFItemTypes/ID...
  /api/COMMAND?FLAG=VALUE            list, show, search, crosswalk, overlaps, align, tags,
                                     categories, frameworks as JSON, exactly as --json prints
                                     them; a flag without a value is FLAG=true, an argument
                                     is id= (show) or word= (search), repeated

It is read-only, and listens on this machine alone (127.0.0.1) unless --addr says otherwise.
Answers carry an ETag and are gzipped for clients that ask; a request's head is limited to 16 KiB
and 64 headers and must arrive within 10 s; bodies are refused. SIGINT or SIGTERM stops it once the
requests under way are answered.

{EXIT_CODES}"))]
pub(crate) struct Args {
    /// The address and port to listen on; one beyond this machine is warned of
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,

    /// Write a line per request to stderr: client, request, status, bytes, time
    #[arg(long)]
    log: bool,

    /// The most connections open at once; more wait their turn
    #[arg(long, value_name = "N", default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..=65536))]
    connections: u32,

    #[command(flatten)]
    framework: FrameworkArgs,
}

impl Args {
    /// Loads the frameworks, then serves them until stopped.
    pub(crate) fn run(self, ctx: &Context, _out: &mut Output) -> Result<Outcome, Error> {
        ctx.on_frameworks(&self.framework.frameworks, |frameworks| {
            let alignments = ctx.alignments(frameworks)?;
            let site = Site::new(frameworks.to_vec(), alignments, Some(api));
            self.serve(site)
        })
    }

    #[cfg(feature = "serve")]
    fn serve(&self, site: Site) -> Result<Outcome, Error> {
        use std::io::Write;
        let ip = self.addr.ip();
        if !ip.is_loopback() {
            let _ = writeln!(
                std::io::stderr(),
                "warning: listening on {ip}, beyond this machine: anyone who can reach it can read \
                 the frameworks served (--addr 127.0.0.1:PORT keeps it to this machine)"
            );
        }
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        let options = crate::web::server::Options {
            addr: self.addr,
            log: self.log,
            connections: self.connections as usize,
            threads,
        };
        crate::web::server::run(site, options, |addr| {
            let _ = writeln!(std::io::stderr(), "peercomp serve: listening on http://{addr}/ (Ctrl-C to stop)");
        })
        .map_err(|e| Error::Output(format!("{}: cannot serve: {e}", self.addr)))?;
        Ok(Outcome::Said("peercomp serve: stopped".to_owned()))
    }

    #[cfg(not(feature = "serve"))]
    fn serve(&self, _site: Site) -> Result<Outcome, Error> {
        Err(Error::Output(
            "this peercomp was built without serve (cargo feature \"serve\"); \
             `peercomp site -o DIR` writes the same pages for any web server"
                .to_owned(),
        ))
    }
}

/// The commands whose JSON `/api/COMMAND` answers: the queries, never a command that writes
/// a file or reads one named in the request.
const QUERIES: [&str; 9] =
    ["list", "show", "search", "crosswalk", "overlaps", "align", "tags", "categories", "frameworks"];

/// Flags a request may not give: where the frameworks come from, the output's form, files.
const REFUSED: [&str; 8] = ["data", "with-embedded", "format", "json", "accept", "raw", "bom", "color"];

/// A query of `/api/COMMAND?FLAG=VALUE`, run as `peercomp COMMAND --FLAG=VALUE --format json`
/// on the frameworks served: the command line's own parse, checks and JSON.
fn api(
    frameworks: &[Framework],
    alignments: &[Alignment],
    command: &str,
    params: &[(String, String)],
) -> (u16, Vec<u8>) {
    let error = |status: u16, message: &str| {
        let body = serde_json::json!({ "error": message });
        (status, serde_json::to_vec(&body).unwrap_or_default())
    };
    let Some(sub) = QUERIES.contains(&command).then(|| super::subcommand(command)).flatten() else {
        return error(404, &format!("no query {command}: the queries are {}", QUERIES.join(", ")));
    };
    // An argument (not a flag) is named by its value's name: id= for show, word= for search.
    let arguments: Vec<String> = sub
        .get_positionals()
        .filter_map(|a| a.get_value_names().and_then(|n| n.first()).map(|n| n.to_lowercase()))
        .collect();
    let mut args: Vec<OsString> = vec!["peercomp".into(), command.into()];
    let mut given: Vec<OsString> = Vec::new();
    for (name, value) in params {
        if REFUSED.contains(&name.as_str()) {
            return error(400, &format!("{name} cannot be given here: the answer is JSON, of the frameworks served"));
        }
        // id= or ids=, word= or words=.
        if arguments.iter().any(|a| a == name || a.strip_suffix('s') == Some(name)) {
            given.push(value.into());
        } else if value.is_empty() || value == "true" {
            args.push(format!("--{name}").into());
        } else if value != "false" {
            args.push(format!("--{name}={value}").into());
        }
    }
    args.extend(["--format".into(), "json".into(), "--".into()]);
    args.extend(given);
    let matches = clap::Command::new("peercomp").subcommand(sub).try_get_matches_from(args);
    let parsed = matches.map_err(|e| e.render().to_string()).and_then(|m| {
        super::Command::from_arg_matches(&m).map_err(|e| e.render().to_string())
    });
    let command = match parsed {
        Ok(command) => command,
        Err(message) => return error(400, message.trim_start_matches("error: ").trim_end()),
    };
    let ctx = Context { preloaded: Some((frameworks, alignments)), ..Context::default() };
    let mut body = Vec::new();
    let outcome = {
        let mut out = Output::new(&mut body, None);
        command.run(&ctx, &mut out)
    };
    match outcome {
        Ok(Outcome::Failed(lines)) => error(404, &lines.join("\n")),
        Ok(_) => (200, body),
        Err(Error::Query(e)) if e.is_usage() => error(400, &e.to_string()),
        Err(e) => error(404, &e.to_string()),
    }
}
