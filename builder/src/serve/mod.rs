//! Preview server for a built site, or for what a native terminal store holds: hyper on a small
//! tokio runtime (`http`), answering on 127.0.0.1 only the loopback's names (`guard`) unless
//! started `--public`; what to answer is decided here, synchronously (`route`, `file`, `stored`).
//!
//! Decisions, for whoever changes this:
//! - `Connection: close` on every answer, so a connection's deadline is its request's deadline
//!   ([`Limits`]), and at most so many connections are served at once.
//! - Only GET and HEAD; anything else is 405 with `Allow: GET, HEAD`.
//! - Paths are percent-decoded as UTF-8 (Chinese file names work); `..`, NUL or an encoded
//!   separator is 400, and a path whose real location (after symlinks) leaves the site is 404.
//!   That holds for every file opened: the one named, its `.br`/`.gz` twin and `404.html`.
//! - `/dir/` serves `dir/index.html`; `/dir` is a 301 to `/dir/`.
//! - Not found: an app route (last segment without a file extension) gets `<site>/404.html` with
//!   status 404 if the site has one (GitHub Pages behaviour; the app renders the route from there);
//!   anything else, or a site without 404.html, gets a plain-text 404.
//! - Precompressed `.br`/`.gz` siblings are sent when Accept-Encoding allows (brotli on a tie),
//!   but never for a Range request: ranges address the identity bytes. Multiple ranges get 200.
//! - `Cache-Control: no-cache` everywhere, with ETag and Last-Modified so revalidation is cheap:
//!   a preview changes on every rebuild.

mod encoding;
mod file;
mod guard;
mod http;
pub mod live;
mod mime;
mod range;
mod request;
mod response;
mod route;
mod stored;
mod target;

pub use http::Limits;

use anyhow::Context;
use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;
use tokio::sync::oneshot;

/// What a server answers from.
pub enum Site {
    /// A built site folder (canonical path).
    Folder(PathBuf),
    /// A terminal store: the version it serves, verified object by object.
    Store(stored::Stored),
}

/// Where a server listens and whom it answers.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// 0 picks a free port.
    pub port: u16,
    /// Listen on every interface and answer any Host, instead of 127.0.0.1 and its names.
    pub public: bool,
    pub limits: Limits,
}

impl Options {
    /// 127.0.0.1:`port`, answering only the loopback's names.
    pub fn local(port: u16) -> Options {
        Options {
            port,
            public: false,
            limits: Limits::default(),
        }
    }
}

/// A running server; dropping it stops accepting connections.
pub struct ServerHandle {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

/// Serves the built site folder `site`.
pub fn start(site: &Path, options: Options) -> anyhow::Result<ServerHandle> {
    start_site(Site::Folder(site_root(site)?), options, None)
}

/// Serves the site folder `site` for `gongkai dev`: reload events and rewritten pages.
pub fn start_live(
    site: &Path,
    options: Options,
    live: Arc<live::Live>,
) -> anyhow::Result<ServerHandle> {
    start_site(Site::Folder(site_root(site)?), options, Some(live))
}

fn site_root(site: &Path) -> anyhow::Result<PathBuf> {
    let root = site.canonicalize().with_context(|| {
        format!(
            "site folder {} not found; run `gongkai build` first",
            site.display()
        )
    })?;
    anyhow::ensure!(root.is_dir(), "site {} is not a folder", site.display());
    Ok(root)
}

/// Serves what a terminal store (`gongkai apply --store`) holds: its active version, or the
/// last good one when the active version's records are damaged; only hash-checked bytes.
pub fn start_store(store: &Path, options: Options) -> anyhow::Result<ServerHandle> {
    anyhow::ensure!(
        store.is_dir(),
        "store folder {} not found; install a bundle with `gongkai apply --store` first",
        store.display()
    );
    start_site(Site::Store(stored::Stored::new(store)), options, None)
}

fn start_site(
    site: Site,
    options: Options,
    live: Option<Arc<live::Live>>,
) -> anyhow::Result<ServerHandle> {
    let listener = bind(options)?;
    let addr = listener.local_addr().context("reading the bound address")?;
    listener
        .set_nonblocking(true)
        .context("making the listener non-blocking")?;
    let guard = if options.public {
        guard::Guard::Public
    } else {
        guard::Guard::Local { port: addr.port() }
    };
    let shared = Arc::new(http::Shared {
        site,
        guard,
        limits: options.limits,
        live,
    });
    let (stop, stopped) = oneshot::channel();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("gongkai-serve")
        .enable_all()
        .build()
        .context("starting the server's runtime")?;
    let thread = thread::Builder::new()
        .name("gongkai-serve".into())
        .spawn(move || {
            let accepting = async {
                match tokio::net::TcpListener::from_std(listener) {
                    Ok(listener) => http::accept_loop(listener, shared, stopped).await,
                    Err(err) => eprintln!("serve: cannot use the listener: {err}"),
                }
            };
            runtime.block_on(accepting);
            runtime.shutdown_timeout(Duration::from_secs(1));
        })
        .context("starting the server thread")?;
    Ok(ServerHandle {
        addr,
        stop: Some(stop),
        thread: Some(thread),
    })
}

fn bind(options: Options) -> anyhow::Result<TcpListener> {
    let (ip, what) = if options.public {
        (Ipv4Addr::UNSPECIFIED, "0.0.0.0")
    } else {
        (Ipv4Addr::LOCALHOST, "127.0.0.1")
    };
    let port = options.port;
    TcpListener::bind((ip, port)).map_err(|err| {
        if err.kind() == io::ErrorKind::AddrInUse {
            anyhow::anyhow!("port {port} on {what} is already in use; choose another with --port (0 picks a free one)")
        } else {
            anyhow::Error::new(err).context(format!("cannot listen on {what}:{port}"))
        }
    })
}

impl ServerHandle {
    /// The bound address, with the real port when 0 was asked for.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The site's root URL, e.g. `http://127.0.0.1:8080/` (on the loopback even when public).
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.addr.port())
    }

    /// Blocks for as long as the server runs (until the process is stopped).
    pub fn wait(mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }

    /// Stops accepting connections and waits for the server to end.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for ServerHandle {
    fn drop(&mut self) {
        self.shutdown();
    }
}
