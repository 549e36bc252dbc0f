//! End-to-end tests of the preview server: a temp site, a real socket, raw HTTP/1.1 requests.

use gongkai::serve::{self, ServerHandle};
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Command, Stdio};
use tempfile::TempDir;

mod http_support;
use http_support::{get, request, send};

const SECRET: &str = "TOP SECRET outside the site";
const DIGITS: &str = "0123456789";

/// A temp folder holding `site/` plus a secret file next to it that must never be served.
fn make_site() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("secret.txt"), SECRET).unwrap();
    let site = dir.path().join("site");
    let files: &[(&str, &[u8])] = &[
        ("index.html", b"<!doctype html><title>home</title>"),
        ("404.html", b"<!doctype html><title>app 404</title>"),
        ("app.wasm", b"\0asm\x01\0\0\0"),
        ("digits.txt", DIGITS.as_bytes()),
        ("digits.txt.br", b"BR-BYTES"),
        ("digits.txt.gz", b"GZ-BYTES"),
        ("only-gz.js", b"console.log(1)"),
        ("only-gz.js.gz", b"GZ-JS"),
        ("docs/index.html", b"<title>docs</title>"),
        (
            "\u{6cd5}\u{89c4}/\u{901a}\u{77e5} 2024.html",
            "<p>\u{901a}\u{77e5}</p>".as_bytes(),
        ),
        ("nodir/readme.txt", b"no index here"),
    ];
    for (name, bytes) in files {
        let path = site.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    for (name, _) in CONTENT_TYPES {
        fs::write(site.join(name), b"x").unwrap();
    }
    dir
}

const CONTENT_TYPES: &[(&str, &str)] = &[
    ("page.html", "text/html; charset=utf-8"),
    ("main.js", "text/javascript; charset=utf-8"),
    ("worker.mjs", "text/javascript; charset=utf-8"),
    ("app_bg.wasm", "application/wasm"),
    ("data.json", "application/json"),
    ("style.css", "text/css; charset=utf-8"),
    ("icon.svg", "image/svg+xml"),
    ("logo.png", "image/png"),
    ("photo.jpg", "image/jpeg"),
    ("favicon.ico", "image/x-icon"),
    ("site.webmanifest", "application/manifest+json"),
    ("robots.txt", "text/plain; charset=utf-8"),
    ("sitemap.xml", "application/xml"),
    ("doc.pdf", "application/pdf"),
    ("font.woff2", "font/woff2"),
    ("meta.json.idx", "application/octet-stream"),
    ("segment", "application/octet-stream"),
];

fn start(dir: &TempDir) -> ServerHandle {
    serve::start(&dir.path().join("site"), serve::Options::local(0)).unwrap()
}

#[test]
fn content_types_follow_file_names() {
    let dir = make_site();
    let server = start(&dir);
    for (name, expected) in CONTENT_TYPES {
        let reply = get(server.addr(), &format!("/{name}"), &[]);
        assert_eq!(reply.status, 200, "{name}");
        assert_eq!(reply.header("Content-Type"), Some(*expected), "{name}");
        assert_eq!(reply.header("X-Content-Type-Options"), Some("nosniff"));
    }
    let wasm = get(server.addr(), "/app.wasm", &[]);
    assert_eq!(wasm.body, b"\0asm\x01\0\0\0");
    assert_eq!(
        get(server.addr(), "/page.html", &[]).header("Cache-Control"),
        Some("no-cache")
    );
}

#[test]
fn chinese_file_names_are_percent_decoded() {
    let dir = make_site();
    let server = start(&dir);
    let path = "/%E6%B3%95%E8%A7%84/%E9%80%9A%E7%9F%A5%202024.html";
    let reply = get(server.addr(), path, &[]);
    assert_eq!(reply.status, 200);
    assert_eq!(reply.text(), "<p>\u{901a}\u{77e5}</p>");
    assert_eq!(
        reply.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
}

#[test]
fn byte_ranges() {
    let dir = make_site();
    let server = start(&dir);
    let cases = [
        ("bytes=0-3", "0123", "bytes 0-3/10"),
        ("bytes=5-", "56789", "bytes 5-9/10"),
        ("bytes=-4", "6789", "bytes 6-9/10"),
        ("bytes=8-20", "89", "bytes 8-9/10"),
        ("bytes=9-9", "9", "bytes 9-9/10"),
        ("bytes=-50", DIGITS, "bytes 0-9/10"),
    ];
    for (range, body, content_range) in cases {
        let reply = get(server.addr(), "/digits.txt", &[("Range", range)]);
        assert_eq!(reply.status, 206, "{range}");
        assert_eq!(reply.text(), body, "{range}");
        assert_eq!(
            reply.header("Content-Range"),
            Some(content_range),
            "{range}"
        );
        assert_eq!(
            reply.header("Content-Length"),
            Some(body.len().to_string().as_str())
        );
    }
}

#[test]
fn unsatisfiable_malformed_and_multiple_ranges() {
    let dir = make_site();
    let server = start(&dir);
    for range in ["bytes=10-", "bytes=-0", "bytes=999-1000"] {
        let reply = get(server.addr(), "/digits.txt", &[("Range", range)]);
        assert_eq!(reply.status, 416, "{range}");
        assert_eq!(reply.header("Content-Range"), Some("bytes */10"));
        assert!(reply.body.is_empty());
    }
    for range in ["bytes=x-y", "bytes=5-2", "lines=0-1", "bytes=0-1,4-5"] {
        let reply = get(server.addr(), "/digits.txt", &[("Range", range)]);
        assert_eq!(reply.status, 200, "{range}");
        assert_eq!(reply.text(), DIGITS, "{range}");
        assert_eq!(reply.header("Accept-Ranges"), Some("bytes"));
    }
}

#[test]
fn precompressed_variants_by_accept_encoding() {
    let dir = make_site();
    let server = start(&dir);
    let cases = [
        (Some("gzip, deflate, br"), "BR-BYTES", Some("br")),
        (Some("gzip"), "GZ-BYTES", Some("gzip")),
        (Some("br;q=0, gzip"), "GZ-BYTES", Some("gzip")),
        (Some("identity"), DIGITS, None),
        (None, DIGITS, None),
    ];
    for (accept, body, coding) in cases {
        let headers: Vec<(&str, &str)> =
            accept.map(|a| ("Accept-Encoding", a)).into_iter().collect();
        let reply = get(server.addr(), "/digits.txt", &headers);
        assert_eq!(reply.status, 200, "{accept:?}");
        assert_eq!(reply.text(), body, "{accept:?}");
        assert_eq!(reply.header("Content-Encoding"), coding, "{accept:?}");
        assert_eq!(
            reply.header("Content-Type"),
            Some("text/plain; charset=utf-8")
        );
        assert_eq!(reply.header("Vary"), Some("Accept-Encoding"));
    }
    let gz_only = get(
        server.addr(),
        "/only-gz.js",
        &[("Accept-Encoding", "br, gzip")],
    );
    assert_eq!(
        (gz_only.text().as_str(), gz_only.header("Content-Encoding")),
        ("GZ-JS", Some("gzip"))
    );
}

#[test]
fn range_requests_get_identity_bytes() {
    let dir = make_site();
    let server = start(&dir);
    let headers = [("Accept-Encoding", "br, gzip"), ("Range", "bytes=2-4")];
    let reply = get(server.addr(), "/digits.txt", &headers);
    assert_eq!(reply.status, 206);
    assert_eq!(reply.text(), "234");
    assert_eq!(reply.header("Content-Encoding"), None);
    assert_eq!(reply.header("Vary"), Some("Accept-Encoding"));
}

#[test]
fn head_sends_length_without_body() {
    let dir = make_site();
    let server = start(&dir);
    let reply = request(server.addr(), "HEAD", "/digits.txt", &[]);
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("Content-Length"), Some("10"));
    assert!(reply.body.is_empty());
    let ranged = request(
        server.addr(),
        "HEAD",
        "/digits.txt",
        &[("Range", "bytes=0-3")],
    );
    assert_eq!(
        (ranged.status, ranged.header("Content-Length")),
        (206, Some("4"))
    );
    assert!(ranged.body.is_empty());
}

#[test]
fn traversal_is_refused() {
    let dir = make_site();
    #[cfg(unix)]
    {
        let site = dir.path().join("site");
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), site.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), site.join("linkdir")).unwrap();
    }
    let server = start(&dir);
    let attempts = [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/docs/../../secret.txt",
        "/docs/%2e%2e/%2e%2e/secret.txt",
        "/..%5csecret.txt",
        "/index.html%00.txt",
        "/link.txt",
        "/linkdir/secret.txt",
        "http://localhost/../secret.txt",
    ];
    for path in attempts {
        let reply = get(server.addr(), path, &[]);
        assert!(
            matches!(reply.status, 400 | 404),
            "{path}: {}",
            reply.status
        );
        assert!(!reply.text().contains(SECRET), "{path} leaked the secret");
    }
}

#[test]
fn directories_redirect_and_serve_index() {
    let dir = make_site();
    let server = start(&dir);
    let moved = get(server.addr(), "/docs", &[]);
    assert_eq!(
        (moved.status, moved.header("Location")),
        (301, Some("/docs/"))
    );
    let with_query = get(server.addr(), "/docs?q=1", &[]);
    assert_eq!(with_query.header("Location"), Some("/docs/?q=1"));
    assert_eq!(
        get(server.addr(), "/docs/", &[]).text(),
        "<title>docs</title>"
    );
    let root = get(server.addr(), "/", &[]);
    assert_eq!((root.status, root.text().contains("home")), (200, true));
    assert_eq!(get(server.addr(), "/nodir/", &[]).status, 404);
    assert_eq!(get(server.addr(), "/digits.txt/", &[]).status, 404);
}

#[test]
fn app_routes_get_the_sites_404_page() {
    let dir = make_site();
    let server = start(&dir);
    for path in ["/search", "/doc/%E6%B3%95%E8%A7%84/2024.12", "/a/b/"] {
        let reply = get(server.addr(), path, &[]);
        assert_eq!(reply.status, 404, "{path}");
        assert_eq!(
            reply.header("Content-Type"),
            Some("text/html; charset=utf-8"),
            "{path}"
        );
        assert!(reply.text().contains("app 404"), "{path}");
    }
    let asset = get(server.addr(), "/missing.js", &[]);
    assert_eq!(asset.status, 404);
    assert_eq!(
        asset.header("Content-Type"),
        Some("text/plain; charset=utf-8")
    );
}

#[test]
fn without_404_page_not_found_is_plain_text() {
    let dir = make_site();
    fs::remove_file(dir.path().join("site/404.html")).unwrap();
    let server = start(&dir);
    let reply = get(server.addr(), "/search", &[]);
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.header("Content-Type"),
        Some("text/plain; charset=utf-8")
    );
    assert!(!reply.text().contains("home"));
}

#[test]
fn other_methods_are_405() {
    let dir = make_site();
    let server = start(&dir);
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let reply = request(server.addr(), method, "/index.html", &[]);
        assert_eq!(reply.status, 405, "{method}");
        assert_eq!(reply.header("Allow"), Some("GET, HEAD"));
    }
}

#[test]
fn etag_revalidation_gives_304() {
    let dir = make_site();
    let server = start(&dir);
    let first = get(server.addr(), "/digits.txt", &[]);
    let etag = first.header("ETag").unwrap().to_string();
    assert!(first
        .header("Last-Modified")
        .is_some_and(|d| d.ends_with(" GMT")));
    let again = get(server.addr(), "/digits.txt", &[("If-None-Match", &etag)]);
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    let br = get(server.addr(), "/digits.txt", &[("Accept-Encoding", "br")]);
    assert_ne!(
        br.header("ETag"),
        Some(etag.as_str()),
        "variants need their own ETag"
    );
}

#[test]
fn bad_requests_get_400_and_the_server_survives() {
    let dir = make_site();
    let server = start(&dir);
    let host = format!("Host: {}", server.addr());
    let long_header = format!(
        "GET / HTTP/1.1\r\n{host}\r\nX-Long: {}\r\n\r\n",
        "a".repeat(20 * 1024)
    );
    let bad_encoding = format!("GET /%zz HTTP/1.1\r\n{host}\r\n\r\n");
    let bad: [(&[u8], u16); 5] = [
        (b"GARBAGE\r\n\r\n", 400),
        (b"GET /\r\n\r\n", 400),
        (b"GET / HTTP/1.1\r\nNo colon\r\n\r\n", 400),
        (bad_encoding.as_bytes(), 400),
        // Request Header Fields Too Large: the head is bounded.
        (long_header.as_bytes(), 431),
    ];
    for (raw, status) in bad {
        assert_eq!(
            send(server.addr(), raw).status,
            status,
            "{:?}",
            String::from_utf8_lossy(&raw[..20])
        );
    }
    assert_eq!(get(server.addr(), "/digits.txt", &[]).text(), DIGITS);
}

#[test]
fn client_hanging_up_mid_response_does_not_stop_the_server() {
    let dir = make_site();
    fs::write(dir.path().join("site/big.bin"), vec![7u8; 8 * 1024 * 1024]).unwrap();
    let server = start(&dir);
    for _ in 0..3 {
        let mut stream = TcpStream::connect(server.addr()).unwrap();
        let head = format!("GET /big.bin HTTP/1.1\r\nHost: {}\r\n\r\n", server.addr());
        stream.write_all(head.as_bytes()).unwrap();
        let mut first = [0u8; 64];
        stream.read_exact(&mut first).unwrap();
        drop(stream);
    }
    TcpStream::connect(server.addr())
        .unwrap()
        .write_all(b"GET /big.bin")
        .unwrap();
    assert_eq!(get(server.addr(), "/digits.txt", &[]).text(), DIGITS);
}

#[test]
fn missing_site_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = serve::start(&dir.path().join("nope"), serve::Options::local(0))
        .err()
        .unwrap();
    assert!(format!("{err:#}").contains("gongkai build"), "{err:#}");
}

#[test]
fn stopping_closes_the_listener() {
    let dir = make_site();
    let server = start(&dir);
    let addr = server.addr();
    server.stop();
    assert!(TcpStream::connect(addr).is_err());
}

#[test]
fn binary_prints_url_and_serves() {
    let dir = make_site();
    let site = dir.path().join("site");
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["serve", "--port", "0", "--site"])
        .arg(&site)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    let stdout = child.stdout.take().unwrap();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let prefix = format!("Serving {} at http://127.0.0.1:", site.display());
    let port = line
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix("/\n"));
    let addr: Option<SocketAddr> = port.and_then(|p| format!("127.0.0.1:{p}").parse().ok());
    let reply = addr.map(|a| get(a, "/digits.txt", &[]));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(addr.is_some(), "unexpected first line: {line:?}");
    assert_eq!(reply.map(|r| r.text()).as_deref(), Some(DIGITS));
}

#[test]
fn port_in_use_names_the_port() {
    let dir = make_site();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let output = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["serve", "--port", &port.to_string(), "--site"])
        .arg(dir.path().join("site"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains(&format!("port {port}")) && stderr.contains("in use"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty(), "must not claim to be serving");
}

#[test]
fn library_url_reports_the_real_port() {
    let dir = make_site();
    let server = start(&dir);
    assert_ne!(server.addr().port(), 0);
    assert_eq!(
        server.url(),
        format!("http://127.0.0.1:{}/", server.addr().port())
    );
}
