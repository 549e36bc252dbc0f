//! `gongkai build` end to end: a fixture site builds, twice to the same bytes, atomically, inertly.

mod tree;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tree::{copy_tree, snapshot};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/build/basic");
/// Routes of the fixture that get a pre-rendered page, one of each kind and both items.
const ROUTES: [&str; 5] = [
    "catalogue",
    "search",
    "departments/csszfb",
    "items/ceshi-banfa",
    "items/ceshi-tongzhi",
];

/// A fake Trunk `index.html`: what a page frame needs (a title in the head, a body).
fn frame(head_extra: &str) -> String {
    format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>x</title>\
         {head_extra}<script src=\"/app.js\"></script></head><body></body></html>"
    )
}

/// A temp dir holding a copy of the fixture content and a fake Trunk dist.
struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(Path::new(FIXTURE), &dir.path().join("content"));
        let dist = dir.path().join("dist");
        std::fs::create_dir_all(dist.join("assets")).unwrap();
        std::fs::write(dist.join("index.html"), frame("")).unwrap();
        std::fs::write(dist.join("app.js"), "console.log('app');\n".repeat(100)).unwrap();
        std::fs::write(
            dist.join("assets/app_bg.wasm"),
            [0u8, 97, 115, 109, 1, 0, 0, 0],
        )
        .unwrap();
        Workspace { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn build(&self, out: &str) -> Output {
        gongkai(&[
            "build",
            "--content",
            &s(&self.path("content")),
            "--out",
            &s(&self.path(out)),
            "--app",
            &s(&self.path("dist")),
        ])
    }
}

fn gongkai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .output()
        .unwrap()
}

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn assert_ok(out: &Output) {
    assert!(
        out.status.success(),
        "build failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn fixture_site_builds_with_data_app_and_route_pages() {
    let ws = Workspace::new();
    assert_ok(&ws.build("site"));
    let site = ws.path("site");
    let cat = read_json(&site.join("data/catalogue.json"));
    assert_eq!(cat["site"]["name"], "测试市人民政府信息公开");
    assert_eq!(cat["site"]["data_as_of"], "2020-03-02");
    let ids: Vec<&str> = cat["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["ceshi-tongzhi", "ceshi-banfa", "ceshi-injection"],
        "newest first, undated last"
    );

    let html = std::fs::read_to_string(site.join("items/ceshi-banfa/index.html")).unwrap();
    assert!(
        html.contains("<td>测政发〔2020〕3号</td>"),
        "文号 normalized"
    );
    assert!(
        html.contains("<p id=\"art-3\" class=\"article\"><span class=\"art-no\">第三条</span>"),
        "{html}"
    );
    let toc: Vec<&str> = html
        .split("<li class=\"toc-depth-")
        .skip(1)
        .filter_map(|entry| entry.split("href=\"#").nth(1)?.split('"').next())
        .collect();
    assert_eq!(toc, ["chap-1", "art-1", "art-2", "chap-2", "art-3"]);
    assert!(html.contains("19 字节"), "the attachment's size: {html}");

    assert_eq!(
        std::fs::read(site.join("attachments/fangan.txt")).unwrap(),
        "测试附件内容\n".as_bytes()
    );
    let files = ROUTES.map(|r| format!("{r}/index.html"));
    for rel in files
        .iter()
        .map(String::as_str)
        .chain(["index.html", "404.html"])
    {
        let page = std::fs::read_to_string(site.join(rel)).unwrap();
        assert!(
            page.contains("<script src=\"/app.js\">"),
            "{rel}: in the app's frame"
        );
        assert!(page.contains("<main id=\"main\""), "{rel}: pre-rendered");
    }
    assert!(site.join("assets/app_bg.wasm").is_file());
    assert!(
        site.join("app.js.br").is_file() && site.join("app.js.gz").is_file(),
        "precompressed twins"
    );
    assert!(
        !ws.path(".site.staging").exists(),
        "no staging folder left behind"
    );
    let index_twins = std::fs::read_dir(site.join("search-index"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "gz")
        })
        .count();
    assert!(
        index_twins > 0,
        "index files get compressed twins for whole-file loading"
    );
}

#[test]
fn two_builds_give_identical_bytes() {
    let ws = Workspace::new();
    assert_ok(&ws.build("a"));
    assert_ok(&ws.build("b"));
    let (a, b) = (snapshot(&ws.path("a")), snapshot(&ws.path("b")));
    assert!(a.len() > 10, "{} files", a.len());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between two builds");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_site_intact() {
    let ws = Workspace::new();
    assert_ok(&ws.build("site"));
    let before = snapshot(&ws.path("site"));

    // A content error: the checker refuses, and nothing is written.
    let bad = ws.path("content/regulations/bad.md");
    std::fs::write(
        &bad,
        "+++\ntype = \"regulation\"\nid = \"ceshi-banfa\"\n+++\n",
    )
    .unwrap();
    let out = ws.build("site");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("bad.md:"),
        "names the file"
    );
    assert_eq!(snapshot(&ws.path("site")), before);
    std::fs::remove_file(&bad).unwrap();

    // A failure while writing (the app folder is broken) also leaves the site as it was.
    std::fs::remove_file(ws.path("dist/index.html")).unwrap();
    let out = ws.build("site");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("index.html"));
    assert_eq!(snapshot(&ws.path("site")), before);
    assert!(
        !ws.path(".site.staging").exists(),
        "the staging folder is cleaned up"
    );
}

#[test]
fn a_rebuild_replaces_the_site_and_drops_stale_files() {
    let ws = Workspace::new();
    assert_ok(&ws.build("site"));
    std::fs::remove_file(ws.path("content/regulations/injection.md")).unwrap();
    assert_ok(&ws.build("site"));
    assert!(!ws.path("site/items/ceshi-injection").exists());
    assert!(ws.path("site/items/ceshi-banfa/index.html").exists());
}

#[test]
fn script_injection_renders_inert() {
    let ws = Workspace::new();
    assert_ok(&ws.build("site"));
    let page = std::fs::read_to_string(ws.path("site/items/ceshi-injection/index.html")).unwrap();
    let start = page.find("<div class=\"doc-body\">").unwrap() + "<div class=\"doc-body\">".len();
    let html = &page[start..start + page[start..].find("</div>").unwrap()];
    // Every real tag in the body is one the renderer makes; the content's tags are text.
    let tags: std::collections::BTreeSet<&str> = html
        .split('<')
        .skip(1)
        .map(|t| t.split([' ', '>', '/']).next().unwrap_or(""))
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(
        tags.into_iter().collect::<Vec<_>>(),
        ["p", "span"],
        "{html}"
    );
    assert!(
        html.contains("&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;")
            || html.contains("&lt;script&gt;alert(\"xss\")&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains("点我"), "the link text stays visible: {html}");
}

#[test]
fn a_rebuild_renders_only_the_changed_item_and_matches_a_fresh_build() {
    let ws = Workspace::new();
    let first = ws.build("site");
    assert_ok(&first);
    assert!(String::from_utf8_lossy(&first.stderr).contains("(3 rendered, 0 unchanged)"));

    let path = ws.path("content/regulations/banfa.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("本办法适用于本市。", "本办法适用于本市行政区域。"),
    )
    .unwrap();
    let second = ws.build("site");
    assert_ok(&second);
    let log = String::from_utf8_lossy(&second.stderr);
    assert!(log.contains("(1 rendered, 2 unchanged)"), "{log}");
    let page = std::fs::read_to_string(ws.path("site/items/ceshi-banfa/index.html")).unwrap();
    assert!(page.contains("本市行政区域"));

    // The reused pages are exactly what a build without a cache writes.
    let fresh = ws.build("fresh");
    assert_ok(&fresh);
    assert!(String::from_utf8_lossy(&fresh.stderr).contains("(3 rendered, 0 unchanged)"));
    assert_eq!(snapshot(&ws.path("site")), snapshot(&ws.path("fresh")));

    // Built again unchanged, every page and the index's shard come from the caches, and the
    // site is still byte-identical to a fresh build.
    let shards = ws.path(".site.cache/shards");
    assert_eq!(
        std::fs::read_dir(&shards).unwrap().count(),
        1,
        "one shard cached"
    );
    let third = ws.build("site");
    assert_ok(&third);
    assert!(String::from_utf8_lossy(&third.stderr).contains("(0 rendered, 3 unchanged)"));
    assert_eq!(snapshot(&ws.path("site")), snapshot(&ws.path("fresh")));
}

#[test]
fn a_damaged_cached_shard_is_indexed_again() {
    let ws = Workspace::new();
    assert_ok(&ws.build("site"));
    let before = snapshot(&ws.path("site"));
    let shards = ws.path(".site.cache/shards");
    let entry = std::fs::read_dir(&shards)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::write(entry.join("meta.json"), "{").unwrap();
    assert_ok(&ws.build("site"));
    assert_eq!(snapshot(&ws.path("site")), before);
    assert!(
        std::fs::read(entry.join("meta.json")).unwrap().len() > 1,
        "the entry is replaced"
    );
}

#[test]
fn a_trust_root_is_published_for_terminals_and_a_bad_one_refused() {
    let ws = Workspace::new();
    let key = s(&ws.path("city.key"));
    assert_ok(&gongkai(&["keygen", "--out", &key]));
    assert_ok(&gongkai(&["keygen", "--out", &s(&ws.path("root.key"))]));
    let trust = s(&ws.path("trust.json"));
    let pubkey = format!("{key}.pub");
    assert_ok(&gongkai(&[
        "trust",
        "init",
        "--root-threshold",
        "1",
        "--root-key",
        &format!("{}.pub", s(&ws.path("root.key"))),
        "--release-key",
        &pubkey,
        "--out",
        &trust,
    ]));
    let with_trust = |out: &str, trust: &str| {
        let content = s(&ws.path("content"));
        let out = s(&ws.path(out));
        gongkai(&[
            "build",
            "--content",
            &content,
            "--out",
            &out,
            "--trust",
            trust,
        ])
    };
    assert_ok(&with_trust("site", &trust));
    assert_eq!(
        std::fs::read(ws.path("site/trust.json")).unwrap(),
        std::fs::read(&trust).unwrap()
    );

    let before = snapshot(&ws.path("site"));
    let out = with_trust("site", &pubkey);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a trust root"));
    assert_eq!(snapshot(&ws.path("site")), before);
}

#[test]
fn the_site_index_written_on_disk_is_the_one_built_in_memory() {
    let ws = Workspace::new();
    assert_ok(&ws.build("site"));
    let content = gongkai::validate::check(&ws.path("content")).expect("valid fixture");
    let dir = ws.path("alone");
    gongkai::index::write_index(&content, &dir).unwrap();
    let site = snapshot(&ws.path("site/search-index"));
    let twins = |p: &String| p.ends_with(".gz") || p.ends_with(".br");
    let site: Vec<_> = site.into_iter().filter(|(p, _)| !twins(p)).collect();
    let alone: Vec<_> = snapshot(&dir).into_iter().collect();
    assert_eq!(site, alone);
}

#[test]
fn unchanged_app_files_are_linked_from_the_cache_and_changed_ones_written_again() {
    use std::os::unix::fs::MetadataExt;
    let ws = Workspace::new();
    assert_ok(&ws.build("site"));
    let inode = |rel: &str| std::fs::metadata(ws.path(rel)).unwrap().ino();
    let (js, br) = (inode("site/app.js"), inode("site/app.js.br"));

    std::fs::write(
        ws.path("dist/index.html"),
        frame(&"<meta name=\"v\" content=\"新版\">".repeat(40)),
    )
    .unwrap();
    assert_ok(&ws.build("site"));
    // Not compressed again: the very same files, linked from the cache into the new site.
    assert_eq!(inode("site/app.js"), js);
    assert_eq!(inode("site/app.js.br"), br);
    // The changed frame is in every page, the root's and every route's.
    for rel in [
        "site/index.html",
        "site/404.html",
        "site/catalogue/index.html",
    ] {
        let text = std::fs::read_to_string(ws.path(rel)).unwrap();
        assert!(text.contains("新版"), "{rel}");
    }
    let fresh = ws.build("fresh");
    assert_ok(&fresh);
    assert_eq!(snapshot(&ws.path("site")), snapshot(&ws.path("fresh")));
}
