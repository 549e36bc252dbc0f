//! What a build publishes for machines: sitemap, robots.txt, Atom feeds and the CSV catalogue,
//! read back as bytes from a built fixture site.

mod tree;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tree::{copy_tree, snapshot};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/build/basic");
const BASE: &str = "https://example.gov.cn/";
/// A title with markup, an ampersand, quotes and a comma, given to `ceshi-banfa` in the copy.
const TRICKY: &str = "测试市<电子政务>管理办法, \"试行\" & 'B'";
/// A title a spreadsheet would run as a formula, given to `ceshi-tongzhi` in the copy.
const FORMULA: &str = "=HYPERLINK(\"https://evil.example\",\"点我\")";

/// A copy of the fixture content in a temp dir, built into `site/`.
struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(Path::new(FIXTURE), &dir.path().join("content"));
        Site { dir }
    }

    /// The fixture with the tricky titles of [`TRICKY`] and [`FORMULA`].
    fn tricky() -> Site {
        let site = Site::new();
        let title = |s: &str| toml::Value::String(s.to_string()).to_string();
        site.edit(
            "content/regulations/banfa.md",
            "title = \"测试市电子政务管理办法\"",
            &format!("title = {}", title(TRICKY)),
        );
        site.edit(
            "content/disclosures/tongzhi.md",
            "title = \"测试市人民政府办公室关于印发《测试市电子政务管理办法》的通知\"",
            &format!("title = {}", title(FORMULA)),
        );
        site
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.path(rel)).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        std::fs::write(self.path(rel), text.replacen(from, to, 1)).unwrap();
    }

    fn build(&self, out: &str, extra: &[&str]) -> Output {
        let (content, out) = (self.path("content"), self.path(out));
        let mut args = vec!["build", "--content", s(&content), "--out", s(&out)];
        args.extend(extra);
        let run = Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args(args)
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "build failed: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        run
    }

    fn read(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    fn text(&self, rel: &str) -> String {
        String::from_utf8(self.read(rel)).unwrap()
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The text of every `name` child of each `parent` element, in document order.
fn children(doc: &roxmltree::Document<'_>, parent: &str, name: &str) -> Vec<Option<String>> {
    doc.descendants()
        .filter(|n| n.has_tag_name(parent))
        .map(|n| {
            let child = n.children().find(|c| c.tag_name().name() == name);
            child.and_then(|c| c.text()).map(str::to_string)
        })
        .collect()
}

#[test]
fn the_sitemap_lists_every_page_once_with_the_date_it_shows() {
    let site = Site::new();
    site.build("site", &[]);
    let xml = site.text("site/sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(
        doc.root_element().tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let locs = children(&doc, "url", "loc");
    let dates = children(&doc, "url", "lastmod");
    let entry = |route: &str| {
        let url = format!("{BASE}{route}");
        let at: Vec<usize> = (0..locs.len())
            .filter(|&i| locs[i].as_deref() == Some(url.as_str()))
            .collect();
        assert_eq!(at.len(), 1, "{url} once in {locs:?}");
        dates[at[0]].clone()
    };
    let day = |d: &str| Some(d.to_string());
    assert_eq!(entry(""), day("2020-03-02"), "home: the newest item");
    assert_eq!(entry("catalogue/"), day("2020-03-02"));
    assert_eq!(entry("departments/csszfb/"), day("2020-03-02"));
    assert_eq!(entry("items/ceshi-tongzhi/"), day("2020-03-02"));
    assert_eq!(entry("items/ceshi-banfa/"), day("2020-03-01"));
    assert_eq!(entry("items/ceshi-injection/"), None, "undated: no lastmod");
    assert_eq!(locs.len(), 6, "no search or sync page: {locs:?}");
    assert_eq!(
        site.text("site/robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://example.gov.cn/sitemap.xml\n"
    );
    assert!(
        site.path("site/sitemap.xml.gz").is_file() && site.path("site/sitemap.xml.br").is_file()
    );
}

#[test]
fn the_site_feed_holds_the_newest_dated_items_in_order_with_titles_as_text() {
    let site = Site::tricky();
    site.build("site", &[]);
    let xml = site.text("site/feeds/all.xml");
    assert!(xml.contains("测试市&lt;电子政务&gt;管理办法, &quot;试行&quot; &amp; &apos;B&apos;"));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let feed = doc.root_element();
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let top = |name: &str| children(&doc, "feed", name)[0].clone().unwrap();
    assert_eq!(top("id"), format!("{BASE}feeds/all.xml"));
    assert_eq!(top("title"), "测试市人民政府信息公开");
    assert_eq!(top("updated"), "2020-03-02T00:00:00+08:00");
    let ids = children(&doc, "entry", "id");
    let want = [
        Some(format!("{BASE}items/ceshi-tongzhi/")),
        Some(format!("{BASE}items/ceshi-banfa/")),
    ];
    assert_eq!(ids, want, "newest first; the undated item is left out");
    assert_eq!(
        children(&doc, "entry", "title"),
        [Some(FORMULA.to_string()), Some(TRICKY.to_string())]
    );
    assert_eq!(
        children(&doc, "entry", "updated")[1].as_deref(),
        Some("2020-03-01T00:00:00+08:00")
    );
    let summary = children(&doc, "entry", "summary")[1].clone().unwrap();
    assert_eq!(
        summary,
        "文号：测政发〔2020〕3号；发文机关：测试市人民政府办公室；类别：规章"
    );
    let links: Vec<(&str, &str)> = feed
        .children()
        .filter(|n| n.has_tag_name("link"))
        .map(|n| (n.attribute("rel").unwrap(), n.attribute("href").unwrap()))
        .collect();
    let catalogue = format!("{BASE}catalogue/");
    let own = format!("{BASE}feeds/all.xml");
    assert_eq!(
        links,
        [("self", own.as_str()), ("alternate", catalogue.as_str())]
    );
    assert!(site.path("site/feeds/all.xml.gz").is_file());
}

#[test]
fn each_department_and_category_has_its_feed() {
    let site = Site::new();
    site.build("site", &[]);
    let feed = |rel: &str| {
        let xml = site.text(&format!("site/{rel}"));
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let title = children(&doc, "feed", "title")[0].clone().unwrap();
        (title, children(&doc, "entry", "id").len())
    };
    let (title, n) = feed("feeds/departments/csszfb.xml");
    assert_eq!(
        (title.as_str(), n),
        ("测试市人民政府信息公开｜测试市人民政府办公室", 2)
    );
    assert_eq!(feed("feeds/categories/规章.xml").1, 1);
    assert_eq!(feed("feeds/categories/政策文件.xml").1, 1);
    assert_eq!(
        feed("feeds/categories/其他政策文件.xml").1,
        0,
        "undated only: empty, but there"
    );
    let xml = site.text("site/feeds/departments/csszfb.xml");
    assert!(xml.contains(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{BASE}departments/csszfb/\"/>"
    )));
}

#[test]
fn the_csv_has_a_bom_a_header_and_one_quoted_guarded_row_per_item() {
    let site = Site::tricky();
    site.build("site", &[]);
    let bytes = site.read("site/data/catalogue.csv");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'));
    let rows: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(rows.len(), 4, "header and three items: {rows:#?}");
    assert!(rows[0].starts_with("标识 id,类型 kind,标题 title,文号 doc_no,"));
    assert_eq!(
        rows[1],
        "ceshi-tongzhi,disclosure,\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"点我\"\")\",,csszfb,\
         测试市人民政府办公室,2020-03-02,政策文件,,dianzi-zhengwu,电子政务,https://example.gov.cn/items/ceshi-tongzhi/"
    );
    assert!(
        rows[2].starts_with("ceshi-banfa,regulation,\"测试市<电子政务>管理办法, \"\"试行\"\" & 'B'\",测政发〔2020〕3号,"),
        "{}",
        rows[2]
    );
    assert!(rows[2].contains(",2020-03-01,规章,现行有效,"));
    assert!(rows[3].starts_with("ceshi-injection,regulation,含有脚本的测试文件,,csszfb,"));
    assert!(
        rows[3].contains(",,其他政策文件,现行有效,"),
        "undated: empty date"
    );
}

#[test]
fn without_a_base_url_there_is_no_sitemap_and_no_feed_and_the_build_says_so() {
    let site = Site::new();
    site.edit(
        "content/site.toml",
        "base_url = \"https://example.gov.cn/\"",
        "",
    );
    let run = site.build("site", &[]);
    let log = String::from_utf8_lossy(&run.stderr);
    let notes: Vec<&str> = log.lines().filter(|l| l.contains("base_url")).collect();
    assert_eq!(notes.len(), 1, "{log}");
    assert!(notes[0].contains("no sitemap.xml and no feeds"), "{log}");
    assert_eq!(site.text("site/robots.txt"), "User-agent: *\nAllow: /\n");
    assert!(!site.path("site/sitemap.xml").exists());
    assert!(!site.path("site/feeds").exists());
    let csv = site.text("site/data/catalogue.csv");
    assert!(
        csv.contains(",/items/ceshi-banfa/\r\n"),
        "a site-relative route instead"
    );
    let catalogue = site.text("site/data/catalogue.json");
    assert!(
        !catalogue.contains("base_url"),
        "left out of the JSON when absent"
    );
}

#[test]
fn the_base_url_flag_overrides_site_toml_and_is_normalized() {
    let site = Site::new();
    site.build("site", &["--base-url", "HTTPS://Gk.Example.org/xz"]);
    let base = "https://gk.example.org/xz/";
    assert!(site
        .text("site/sitemap.xml")
        .contains(&format!("<loc>{base}items/ceshi-banfa/</loc>")));
    assert!(site
        .text("site/robots.txt")
        .contains(&format!("Sitemap: {base}sitemap.xml")));
    assert!(site
        .text("site/data/catalogue.json")
        .contains(&format!("\"base_url\":\"{base}\"")));

    let bad = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["build", "--content", s(&site.path("content")), "--out"])
        .arg(site.path("bad"))
        .args(["--base-url", "ftp://x.example/"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("http:// or https://"));
    assert!(!site.path("bad").exists());
}

#[test]
fn a_bad_base_url_in_site_toml_is_a_check_error_at_its_line() {
    let site = Site::new();
    site.edit(
        "content/site.toml",
        "https://example.gov.cn/",
        "example.gov.cn",
    );
    let run = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["check", "--content", s(&site.path("content"))])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let want = format!(
        "{}:2: invalid `base_url` \"example.gov.cn\": use an absolute http:// or https:// URL\n",
        site.path("content/site.toml").display()
    );
    assert_eq!(String::from_utf8_lossy(&run.stdout), want);
}

#[test]
fn two_builds_publish_identical_bytes() {
    let site = Site::tricky();
    site.build("a", &[]);
    site.build("b", &[]);
    let published = |out: &str| {
        let all = snapshot(&site.path(out));
        let ours = |p: &String| {
            p.starts_with("feeds/")
                || p.starts_with("sitemap")
                || p.starts_with("robots")
                || p.starts_with("data/catalogue.csv")
        };
        all.into_iter().filter(|(p, _)| ours(p)).collect::<Vec<_>>()
    };
    let (a, b) = (published("a"), published("b"));
    assert!(
        a.len() >= 8,
        "{:?}",
        a.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    assert_eq!(a, b);
}
