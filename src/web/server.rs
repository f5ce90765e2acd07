//! The HTTP server of `serve`: HTTP/1.1 (hyper) on tokio's runtime, each request answered by
//! [`Site::respond`]. Bounded everywhere a client could hold it: the request's head (size,
//! header count, time to send it), bodies (refused), connections at once; stopped gracefully on
//! SIGINT or SIGTERM, the requests under way answered first.

use std::borrow::Cow;
use std::convert::Infallible;
use std::io::{self, Write};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::header::{
    ACCEPT_ENCODING, CONTENT_LENGTH, HeaderValue, IF_NONE_MATCH, TRANSFER_ENCODING,
};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::Semaphore;

use super::{Reply, Request, Resource, Site};
use crate::text::visible;

/// The most bytes a request's line and headers may take (more: 431).
const MOST_HEAD: usize = 16 * 1024;
/// The most headers a request may send.
const MOST_HEADERS: usize = 64;
/// How long a client may take to send a request's head, and to finish once asked to stop.
const HEAD_TIME: Duration = Duration::from_secs(10);
const STOP_TIME: Duration = Duration::from_secs(10);

/// How to serve.
#[derive(Debug, Clone)]
pub struct Options {
    /// The address to listen on.
    pub addr: SocketAddr,
    /// A line per request on stderr.
    pub log: bool,
    /// The most connections open at once; more wait to be accepted.
    pub connections: usize,
    /// Threads answering requests.
    pub threads: usize,
}

/// Serves the site until SIGINT or SIGTERM; `ready` is told the address listened on (with port
/// 0 asked for, the one the system gave).
pub fn run(site: Site, options: Options, ready: impl FnOnce(SocketAddr)) -> io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(options.threads.max(1))
        .enable_all()
        .build()?;
    runtime.block_on(serve(Arc::new(site), options, ready))
}

async fn serve(
    site: Arc<Site>,
    options: Options,
    ready: impl FnOnce(SocketAddr),
) -> io::Result<()> {
    let listener = TcpListener::bind(options.addr).await?;
    ready(listener.local_addr()?);
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    let graceful = GracefulShutdown::new();
    let permits = Arc::new(Semaphore::new(options.connections.max(1)));
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            _ = interrupt.recv() => break,
            _ = terminate.recv() => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of file descriptors, or a connection reset before it was accepted:
                // wait a moment, and go on.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
            _ = interrupt.recv() => break,
            _ = terminate.recv() => break,
        };
        let _ = stream.set_nodelay(true);
        let site = site.clone();
        let log = options.log;
        let service = service_fn(move |request| {
            let site = site.clone();
            async move { Ok::<_, Infallible>(answer(&site, &request, peer, log)) }
        });
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEAD_TIME)
            .max_buf_size(MOST_HEAD)
            .max_headers(MOST_HEADERS)
            .serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(STOP_TIME) => {}
    }
    Ok(())
}

/// The body of a reply, shared with the answer kept.
struct Body(Arc<Resource>, bool);

impl AsRef<[u8]> for Body {
    fn as_ref(&self) -> &[u8] {
        self.0.sent(self.1)
    }
}

fn answer(
    site: &Site,
    request: &hyper::Request<Incoming>,
    peer: SocketAddr,
    log: bool,
) -> Response<Full<Bytes>> {
    let started = Instant::now();
    let headers = request.headers();
    let target = request.uri().path_and_query().map_or("/", |p| p.as_str());
    let has_body = headers.contains_key(TRANSFER_ENCODING)
        || headers.get(CONTENT_LENGTH).is_some_and(|n| n.as_bytes() != b"0");
    let response = if has_body {
        let mut response =
            Response::new(Full::new(Bytes::from_static(b"request bodies are refused\n")));
        *response.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
        response
            .headers_mut()
            .insert("Connection", hyper::header::HeaderValue::from_static("close"));
        response
    } else {
        let gzip = headers.get_all(ACCEPT_ENCODING).iter().any(|v| accepts_gzip(v.as_bytes()));
        let if_none_match = headers.get(IF_NONE_MATCH).and_then(|v| v.to_str().ok());
        let reply = site.respond(&Request {
            method: request.method().as_str(),
            target,
            gzip,
            if_none_match,
        });
        to_response(reply)
    };
    if log {
        let length =
            response.headers().get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()).unwrap_or("-");
        let line = format!(
            "{peer} \"{} {}\" {} {length} {:.3} ms",
            request.method(),
            visible(target),
            response.status().as_u16(),
            started.elapsed().as_secs_f64() * 1000.0
        );
        let _ = writeln!(io::stderr().lock(), "{line}");
    }
    response
}

fn to_response(reply: Reply) -> Response<Full<Bytes>> {
    let length = reply.length;
    let body = match reply.body {
        Some((resource, gzipped)) => Bytes::from_owner(Body(resource, gzipped)),
        None => Bytes::new(),
    };
    let mut response = Response::new(Full::new(body));
    *response.status_mut() =
        StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    for (name, value) in reply.headers {
        let value = match value {
            Cow::Borrowed(value) => HeaderValue::from_static(value),
            Cow::Owned(value) => match HeaderValue::try_from(value) {
                Ok(value) => value,
                Err(_) => continue,
            },
        };
        headers.append(name, value);
    }
    // A HEAD's length is its GET's; a 304 has none to give.
    if reply.status != 304 {
        headers.insert(CONTENT_LENGTH, length.into());
    }
    response
}

/// Whether an `Accept-Encoding` value takes gzip (not with `q=0`).
fn accepts_gzip(value: &[u8]) -> bool {
    let Ok(value) = std::str::from_utf8(value) else { return false };
    value.split(',').any(|coding| {
        let mut parts = coding.split(';').map(str::trim);
        let name = parts.next().unwrap_or_default();
        let refused = parts.any(|p| {
            p.strip_prefix("q=").is_some_and(|q| q.parse::<f32>().is_ok_and(|q| q <= 0.0))
        });
        (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
    })
}

#[cfg(test)]
mod tests {
    use super::accepts_gzip;

    #[test]
    fn gzip_is_taken_unless_refused() {
        assert!(accepts_gzip(b"gzip, deflate, br"));
        assert!(accepts_gzip(b"br;q=1.0, gzip;q=0.8"));
        assert!(!accepts_gzip(b"gzip;q=0"));
        assert!(!accepts_gzip(b"identity"));
        assert!(accepts_gzip(b"*"));
    }
}
