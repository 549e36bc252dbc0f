//! `gongkai dev` on a copy of the sample content, as a process on a real socket: a save
//! rebuilds the site and tells open pages to reload; content with an error leaves the site as
//! it was and shows the error, with file and line, to any page the browser opens.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

mod http_support;
mod tree;
use http_support::get;

const ITEM: &str = "regulations/dianzi-zhengwu-dianzi-renzheng-fuwu-guanli-banfa-2024.md";
const TITLE: &str = "title = \"电子政务电子认证服务管理办法\"";
/// Rebuilds of the sample take about a second in a debug build; this is only a bound.
const PATIENCE: Duration = Duration::from_secs(120);

struct Dev {
    child: Child,
    addr: SocketAddr,
    content: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for Dev {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `gongkai dev` on a copy of `content/`, in a folder without `dist/` (data only).
fn start() -> Dev {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    tree::copy_tree(&root.join("content"), &content);
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args([
            "dev",
            "--content",
            "content",
            "--out",
            "site",
            "--port",
            "0",
        ])
        .args(["--as-of", "2026-12-02"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    // Diagnostics follow on stdout: keep reading so that dev never writes into a full pipe.
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    let url = line
        .split(" at http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no URL in {line:?}"));
    Dev {
        child,
        addr: url.parse().unwrap(),
        content,
        _dir: dir,
    }
}

/// An open event stream, as a page's reload script holds it.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(addr: SocketAddr) -> Events {
        let mut stream = TcpStream::connect(addr).unwrap();
        let head = format!("GET /_gongkai/live HTTP/1.1\r\nHost: {addr}\r\n\r\n");
        stream.write_all(head.as_bytes()).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        Events(BufReader::new(stream))
    }

    /// The next `data:` of the stream: the build stamp `<pages>.<index>`.
    fn next(&mut self) -> String {
        loop {
            let mut line = String::new();
            assert_ne!(self.0.read_line(&mut line).unwrap(), 0, "stream ended");
            if let Some(data) = line.trim_end().strip_prefix("data: ") {
                return data.to_string();
            }
        }
    }
}

fn edit(dev: &Dev, from: &str, to: &str) {
    let path = dev.content.join(ITEM);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{ITEM} has no {from:?}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Waits until `GET path` answers `status` with a body containing `text`.
fn wait_for(dev: &Dev, path: &str, status: u16, text: &str) -> String {
    let start = Instant::now();
    loop {
        let reply = get(dev.addr, path, &[("Accept", "text/html")]);
        if reply.status == status && reply.text().contains(text) {
            return reply.text();
        }
        assert!(
            start.elapsed() < PATIENCE,
            "{path}: {} {}",
            reply.status,
            reply.text()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_save_rebuilds_and_signals_reload_and_errors_show_in_place_of_the_site() {
    let dev = start();
    let catalogue = "/data/catalogue.json";
    wait_for(&dev, catalogue, 200, "电子政务电子认证服务管理办法");
    let mut events = Events::open(dev.addr);
    let before = events.next();

    edit(
        &dev,
        TITLE,
        "title = \"电子政务电子认证服务管理办法（修订稿）\"",
    );
    let after = events.next();
    assert_ne!(before, after, "a save changes the build stamp");
    wait_for(
        &dev,
        catalogue,
        200,
        "电子政务电子认证服务管理办法（修订稿）",
    );

    edit(&dev, "published = 2024-", "published = 2024-13-");
    let page = wait_for(&dev, "/items/anything/", 500, "内容检查未通过");
    let want = format!("{ITEM}:");
    assert!(page.contains(&want), "{page}");
    assert!(
        page.contains("/_gongkai/live"),
        "the problems page reloads itself: {page}"
    );
    // The last good site stays: its data is still served.
    let data = get(dev.addr, catalogue, &[]);
    assert_eq!(data.status, 200);
    assert!(data.text().contains("（修订稿）"));

    edit(&dev, "published = 2024-13-", "published = 2024-");
    wait_for(&dev, catalogue, 200, "（修订稿）");
    let reply = get(dev.addr, "/items/anything/", &[("Accept", "text/html")]);
    assert_ne!(reply.status, 500, "{}", reply.text());
}

#[test]
fn the_output_inside_the_watched_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args([
            "dev",
            "--content",
            "content",
            "--out",
            "content/site",
            "--port",
            "0",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("inside the watched folder"), "{stderr}");
}
