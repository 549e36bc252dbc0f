//! The server's transport: hyper's HTTP/1.1 on a small tokio runtime, with the limits a server
//! reachable by any local web page needs: a Host check, a cap on connections, a deadline for
//! reading the request head and one for the whole request.

use super::guard::Guard;
use super::live::Live;
use super::request::Request;
use super::response::{HttpBody, Response};
use super::{route, Site};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{oneshot, OwnedSemaphorePermit, Semaphore};

/// How much a server gives any one client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Connections served at once; more wait in the kernel's backlog.
    pub connections: usize,
    /// From accepting a connection until its request head has arrived.
    pub head: Duration,
    /// From accepting a connection until its answer is sent (one request per connection): a
    /// client sending or reading a byte at a time holds a slot this long at most.
    pub request: Duration,
}

impl Default for Limits {
    /// 128 connections; 10 s for the head; 60 s for a whole request, which is over ten times
    /// what the largest file of the law-corpus site (the search engine, 0.7 MB) takes on Fast 3G.
    fn default() -> Limits {
        Limits {
            connections: 128,
            head: Duration::from_secs(10),
            request: Duration::from_secs(60),
        }
    }
}

/// hyper's read buffer, which bounds the request head (431 beyond it).
const MAX_HEAD: usize = 16 * 1024;

/// What every connection answers from.
pub struct Shared {
    pub site: Site,
    pub guard: Guard,
    pub limits: Limits,
    /// Set by `gongkai dev`: reload events, and the pages rewritten for them.
    pub live: Option<Arc<Live>>,
}

/// Accepts connections until `stop` fires (or its sender is dropped).
pub async fn accept_loop(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut stop: oneshot::Receiver<()>,
) {
    let slots = Arc::new(Semaphore::new(shared.limits.connections));
    loop {
        let permit = tokio::select! {
            _ = &mut stop => return,
            permit = Arc::clone(&slots).acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => return,
            },
        };
        let accepted = tokio::select! {
            _ = &mut stop => return,
            accepted = listener.accept() => accepted,
        };
        match accepted {
            Ok((stream, _)) => {
                tokio::spawn(connection(stream, Arc::clone(&shared), permit));
            }
            Err(err) => {
                // E.g. out of file descriptors: back off instead of spinning, keep serving.
                eprintln!("serve: accept failed: {err}");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
}

/// One connection, one request (`Connection: close`), within the request deadline.
async fn connection(stream: TcpStream, shared: Arc<Shared>, permit: OwnedSemaphorePermit) {
    let limits = shared.limits;
    let service = service_fn(move |req| answer(Arc::clone(&shared), req));
    let conn = http1::Builder::new()
        .keep_alive(false)
        .timer(TokioTimer::new())
        .header_read_timeout(limits.head)
        .max_buf_size(MAX_HEAD)
        .serve_connection(TokioIo::new(stream), service);
    if tokio::time::timeout(limits.request, conn).await.is_err() {
        eprintln!(
            "serve: a request took over {:.1} s; its connection was closed",
            limits.request.as_secs_f64()
        );
    }
    drop(permit);
}

async fn answer(
    shared: Arc<Shared>,
    req: hyper::Request<Incoming>,
) -> Result<hyper::Response<HttpBody>, Infallible> {
    let (parts, _body) = req.into_parts();
    let request = Request::from_parts(&parts);
    let head_only = request.method == "HEAD";
    if !shared.guard.allows(request.header("host").as_deref()) {
        eprintln!("{} {} 421 (Host refused)", request.method, request.target);
        return Ok(Response::text(421, &shared.guard.refusal()).into_http(head_only));
    }
    if let Some(live) = &shared.live {
        if let Some(events) = live.events(&request) {
            return Ok(events);
        }
    }
    let (method, target) = (request.method.clone(), request.target.clone());
    let response = respond(Arc::clone(&shared), request).await;
    eprintln!("{method} {target} {}", response.code());
    Ok(response.into_http(head_only))
}

/// The site's answer, worked out on a blocking thread (it reads and hashes files).
async fn respond(shared: Arc<Shared>, request: Request) -> Response {
    let work = tokio::task::spawn_blocking(move || match &shared.live {
        None => route::respond(&shared.site, &request),
        Some(live) => {
            let navigation = request
                .header("accept")
                .is_some_and(|a| a.contains("text/html"));
            let response = route::respond(&shared.site, &live.prepare(request));
            live.decorate(navigation, response)
        }
    });
    work.await
        .unwrap_or_else(|_| Response::text(500, "Internal Server Error"))
}
