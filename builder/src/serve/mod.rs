//! Preview server for a built site, or for what a native terminal store holds: plain std
//! networking on 127.0.0.1, one thread per connection.
//!
//! Decisions, for whoever changes this:
//! - `Connection: close` on every answer: simplest correct HTTP/1.1; previews need no keep-alive.
//! - Only GET and HEAD; anything else is 405 with `Allow: GET, HEAD`.
//! - Paths are percent-decoded as UTF-8 (Chinese file names work); `..`, NUL or an encoded
//!   separator is 400, and a path whose real location (after symlinks) leaves the site is 404.
//! - `/dir/` serves `dir/index.html`; `/dir` is a 301 to `/dir/`.
//! - Not found: an app route (last segment without a file extension) gets `<site>/404.html` with
//!   status 404 if the site has one (GitHub Pages behaviour; the app renders the route from there);
//!   anything else, or a site without 404.html, gets a plain-text 404.
//! - Precompressed `.br`/`.gz` siblings are sent when Accept-Encoding allows (brotli on a tie),
//!   but never for a Range request: ranges address the identity bytes. Multiple ranges get 200.
//! - `Cache-Control: no-cache` everywhere, with ETag and Last-Modified so revalidation is cheap:
//!   a preview changes on every rebuild.

mod connection;
mod encoding;
mod file;
mod mime;
mod range;
mod request;
mod response;
mod route;
mod stored;
mod target;

use anyhow::Context;
use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// What a server answers from.
pub enum Site {
    /// A built site folder (canonical path).
    Folder(std::path::PathBuf),
    /// A terminal store: the version it serves, verified object by object.
    Store(stored::Stored),
}

/// A running server; dropping it stops accepting connections.
pub struct ServerHandle {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

/// Binds 127.0.0.1:`port` (0 picks a free port) and serves `site` on a background thread.
pub fn start(site: &Path, port: u16) -> anyhow::Result<ServerHandle> {
    let root = site.canonicalize().with_context(|| {
        format!(
            "site folder {} not found; run `gongkai build` first",
            site.display()
        )
    })?;
    anyhow::ensure!(root.is_dir(), "site {} is not a folder", site.display());
    start_site(Site::Folder(root), port)
}

/// Serves what a terminal store (`gongkai apply --store`) holds: its active version, or the
/// last good one when the active version's records are damaged; only hash-checked bytes.
pub fn start_store(store: &Path, port: u16) -> anyhow::Result<ServerHandle> {
    anyhow::ensure!(
        store.is_dir(),
        "store folder {} not found; install a bundle with `gongkai apply --store` first",
        store.display()
    );
    start_site(Site::Store(stored::Stored::new(store)), port)
}

fn start_site(site: Site, port: u16) -> anyhow::Result<ServerHandle> {
    let listener = bind(port)?;
    let addr = listener.local_addr().context("reading the bound address")?;
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    let thread = thread::Builder::new()
        .name("gongkai-serve".into())
        .spawn(move || accept_loop(&listener, Arc::new(site), &flag))
        .context("starting the server thread")?;
    Ok(ServerHandle {
        addr,
        stop,
        thread: Some(thread),
    })
}

fn bind(port: u16) -> anyhow::Result<TcpListener> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, port)).map_err(|err| {
        if err.kind() == io::ErrorKind::AddrInUse {
            anyhow::anyhow!("port {port} on 127.0.0.1 is already in use; choose another with --port (0 picks a free one)")
        } else {
            anyhow::Error::new(err).context(format!("cannot listen on 127.0.0.1:{port}"))
        }
    })
}

fn accept_loop(listener: &TcpListener, site: Arc<Site>, stop: &AtomicBool) {
    for conn in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        match conn {
            Ok(stream) => spawn_connection(stream, Arc::clone(&site)),
            Err(err) => {
                // E.g. out of file descriptors: back off instead of spinning, keep serving.
                eprintln!("serve: accept failed: {err}");
                thread::sleep(Duration::from_millis(50));
            }
        }
    }
}

fn spawn_connection(stream: TcpStream, site: Arc<Site>) {
    let spawned = thread::Builder::new()
        .name("gongkai-conn".into())
        .spawn(move || connection::handle(stream, &site));
    if let Err(err) = spawned {
        eprintln!("serve: cannot start a connection thread: {err}");
    }
}

impl ServerHandle {
    /// The bound address, with the real port when 0 was asked for.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The site's root URL, e.g. `http://127.0.0.1:8080/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Blocks for as long as the server runs (until the process is stopped).
    pub fn wait(mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }

    /// Stops accepting connections and waits for the accept loop to end.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        let Some(thread) = self.thread.take() else {
            return;
        };
        self.stop.store(true, Ordering::SeqCst);
        // The accept loop is blocked in accept(); a connection wakes it to see the flag.
        if TcpStream::connect(self.addr).is_ok() {
            let _ = thread.join();
        }
    }
}

impl Drop for ServerHandle {
    fn drop(&mut self) {
        self.shutdown();
    }
}
