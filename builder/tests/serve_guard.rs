//! The preview server against hostile clients and hostile sites: files symlinked out of the
//! site, DNS rebinding (a foreign Host), a client that trickles bytes, and too many connections.

use gongkai::serve::{self, Limits, Options, ServerHandle};
use std::fs;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;
use tempfile::TempDir;

mod http_support;
use http_support::{get, send};

const SECRET: &str = "TOP SECRET outside the site";

/// `site/` with a page and a text file, and a secret beside it.
fn make_site() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("secret.txt"), SECRET).unwrap();
    fs::create_dir_all(dir.path().join("site")).unwrap();
    fs::write(dir.path().join("site/index.html"), "<title>home</title>").unwrap();
    fs::write(dir.path().join("site/notes.txt"), "plain notes").unwrap();
    dir
}

fn start(dir: &TempDir, options: Options) -> ServerHandle {
    serve::start(&dir.path().join("site"), options).unwrap()
}

/// A local server with small limits, so that tests reach them quickly.
fn start_limited(dir: &TempDir, limits: Limits) -> ServerHandle {
    let options = Options {
        limits,
        ..Options::local(0)
    };
    start(dir, options)
}

fn raw_get(addr: SocketAddr, host: Option<&str>) -> u16 {
    let host = host.map_or(String::new(), |h| format!("Host: {h}\r\n"));
    let head = format!("GET /notes.txt HTTP/1.1\r\n{host}\r\n");
    send(addr, head.as_bytes()).status
}

#[test]
fn a_twin_symlinked_out_of_the_site_is_never_sent() {
    let dir = make_site();
    let site = dir.path().join("site");
    std::os::unix::fs::symlink(dir.path().join("secret.txt"), site.join("notes.txt.br")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("secret.txt"), site.join("notes.txt.gz")).unwrap();
    let server = start(&dir, Options::local(0));
    let reply = get(
        server.addr(),
        "/notes.txt",
        &[("Accept-Encoding", "br, gzip")],
    );
    assert_eq!(reply.status, 200);
    assert_eq!(reply.text(), "plain notes");
    assert_eq!(reply.header("content-encoding"), None);
}

#[test]
fn a_404_page_symlinked_out_of_the_site_is_never_sent() {
    let dir = make_site();
    let site = dir.path().join("site");
    std::os::unix::fs::symlink(dir.path().join("secret.txt"), site.join("404.html")).unwrap();
    let server = start(&dir, Options::local(0));
    let reply = get(server.addr(), "/items/some-route", &[]);
    assert_eq!(reply.status, 404);
    assert!(!reply.text().contains("SECRET"), "{}", reply.text());
}

#[test]
fn only_the_loopbacks_names_with_the_port_are_answered() {
    let dir = make_site();
    let server = start(&dir, Options::local(0));
    let port = server.addr().port();
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(raw_get(server.addr(), Some(&host)), 200, "{host}");
    }
    let rebinding = format!("attacker.example:{port}");
    for host in [Some(rebinding.as_str()), Some("localhost:1"), None] {
        assert_eq!(raw_get(server.addr(), host), 421, "{host:?}");
    }
    let refused = send(
        server.addr(),
        format!("GET /notes.txt HTTP/1.1\r\nHost: {rebinding}\r\n\r\n").as_bytes(),
    );
    assert!(refused.text().contains("--public"), "{}", refused.text());
}

#[test]
fn public_answers_any_host() {
    let dir = make_site();
    let options = Options {
        public: true,
        ..Options::local(0)
    };
    let server = start(&dir, options);
    assert_eq!(raw_get(server.addr(), Some("gongkai.lan:8080")), 200);
}

fn closed_without_answer(stream: &mut TcpStream) -> bool {
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut buf = Vec::new();
    match stream.read_to_end(&mut buf) {
        Ok(_) => buf.is_empty(),
        Err(e) => e.kind() == std::io::ErrorKind::ConnectionReset,
    }
}

#[test]
fn a_client_trickling_its_request_is_cut_off_at_the_deadline() {
    let dir = make_site();
    let server = start_limited(
        &dir,
        Limits {
            request: Duration::from_millis(400),
            ..Limits::default()
        },
    );
    let mut slow = TcpStream::connect(server.addr()).unwrap();
    let trickle = std::thread::spawn(move || {
        let mut sent = slow.write_all(b"GET /notes.txt HTTP/1.1\r\n");
        // One byte of a header every 50 ms: the head never ends, the deadline does.
        for _ in 0..200 {
            if sent.is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
            sent = slow.write_all(b"X");
        }
        slow
    });
    // Meanwhile a normal request is answered.
    assert_eq!(get(server.addr(), "/notes.txt", &[]).status, 200);
    let mut slow = trickle.join().unwrap();
    assert!(closed_without_answer(&mut slow));
}

#[test]
fn connections_over_the_cap_wait_for_a_slot() {
    let dir = make_site();
    let server = start_limited(
        &dir,
        Limits {
            connections: 1,
            request: Duration::from_millis(500),
            ..Limits::default()
        },
    );
    // An idle connection takes the only slot; the next request is answered only once the
    // deadline has closed it.
    let mut idle = TcpStream::connect(server.addr()).unwrap();
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(get(server.addr(), "/notes.txt", &[]).status, 200);
    idle.set_nonblocking(true).unwrap();
    let mut byte = [0u8; 1];
    assert!(
        matches!(idle.read(&mut byte), Ok(0)),
        "the idle connection is closed before the next one is served"
    );
}
