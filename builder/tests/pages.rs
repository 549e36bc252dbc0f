//! The pre-rendered pages of a built fixture site, read as bytes: every page is complete HTML
//! (title, description, canonical, the item's metadata, text and anchors), content stays inert,
//! and the render cache re-renders only what a change touches.

mod tree;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;
use tree::copy_tree;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/build/basic");
const BASE: &str = "https://example.gov.cn/";

/// A built copy of the fixture with a fake Trunk frame.
struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn build() -> Site {
        let site = Site {
            dir: tempfile::tempdir().unwrap(),
        };
        copy_tree(Path::new(FIXTURE), &site.path("content"));
        std::fs::create_dir_all(site.path("dist")).unwrap();
        std::fs::write(
            site.path("dist/index.html"),
            "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>x</title>\
             <link rel=\"stylesheet\" href=\"/style.css\"></head><body><noscript>old</noscript></body></html>",
        )
        .unwrap();
        assert_ok(&site.run());
        site
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn run(&self) -> Output {
        let arg = |rel: &str| self.path(rel).to_string_lossy().into_owned();
        std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args(["build", "--content", &arg("content"), "--out", &arg("site")])
            .args(["--app", &arg("dist")])
            .output()
            .unwrap()
    }

    fn page(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path("site").join(rel))
            .unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Every HTML page of the site, by path.
    fn pages(&self) -> BTreeMap<String, String> {
        tree::snapshot(&self.path("site"))
            .into_iter()
            .filter(|(rel, _)| rel.ends_with(".html"))
            .map(|(rel, bytes)| (rel, String::from_utf8(bytes).unwrap()))
            .collect()
    }
}

fn assert_ok(out: &Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The text between `open` and the next `close`.
fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let end = text[start..].find(close)? + start;
    Some(&text[start..end])
}

#[test]
fn an_item_page_holds_its_title_metadata_text_anchors_and_contents() {
    let site = Site::build();
    let page = site.page("items/ceshi-banfa/index.html");
    assert!(
        page.starts_with("<!doctype html><html lang=\"zh-CN\">"),
        "the app's frame"
    );
    assert_eq!(
        between(&page, "<title>", "</title>"),
        Some("测试市电子政务管理办法 - 测试市人民政府信息公开")
    );
    assert!(page.contains(">测试市电子政务管理办法</h1>"));
    assert!(page.contains(&format!(
        "<link rel=\"canonical\" href=\"{BASE}items/ceshi-banfa/\">"
    )));
    let description = between(&page, "<meta name=\"description\" content=\"", "\"").unwrap();
    assert!(description.contains("测政发〔2020〕3号"), "{description}");
    for label in ["发文机关", "文号", "发布日期", "施行日期", "时效性"] {
        assert!(
            page.contains(&format!("<th scope=\"row\">{label}</th>")),
            "{label}"
        );
    }
    assert!(
        page.contains("<td>测政发〔2020〕3号</td>"),
        "文号 normalized"
    );
    assert!(
        page.contains("<td>测试市人民政府办公室</td>"),
        "issuer by name"
    );
    assert!(page.contains("<p id=\"art-3\" class=\"article\"><span class=\"art-no\">第三条</span>"));
    assert!(page.contains("本办法自2020年4月1日起施行。"));
    assert!(
        page.contains("<a href=\"#art-3\">"),
        "the contents link to the articles"
    );
    assert!(
        !page.contains("<noscript>old</noscript>"),
        "the frame's body is replaced"
    );
    assert!(page.contains("<link rel=\"stylesheet\" href=\"/style.css\">"));
    let disclosure = site.page("items/ceshi-tongzhi/index.html");
    for text in [
        "TEST/2020-0001",
        "主动公开",
        "现将《测试市电子政务管理办法》印发给你们",
    ] {
        assert!(disclosure.contains(text), "{text}");
    }
}

#[test]
fn every_page_has_its_own_title_description_and_canonical_link() {
    let site = Site::build();
    let pages = site.pages();
    for expected in [
        "index.html",
        "404.html",
        "catalogue/index.html",
        "search/index.html",
        "sync/index.html",
        "departments/csszfb/index.html",
        "items/ceshi-banfa/index.html",
        "items/ceshi-tongzhi/index.html",
        "items/ceshi-injection/index.html",
    ] {
        assert!(
            pages.contains_key(expected),
            "{expected} in {:?}",
            pages.keys()
        );
    }
    let mut titles = BTreeMap::new();
    for (rel, page) in &pages {
        let title = between(page, "<title>", "</title>").unwrap_or_else(|| panic!("{rel}"));
        assert!(title.ends_with("测试市人民政府信息公开"), "{rel}: {title}");
        if let Some(other) = titles.insert(title.to_string(), rel.clone()) {
            panic!("{rel} and {other} share the title {title}");
        }
        assert!(
            page.contains("<meta name=\"description\" content=\""),
            "{rel}"
        );
        assert_eq!(page.matches("<link rel=\"canonical\"").count(), 1, "{rel}");
        assert_eq!(page.matches("<main id=\"main\"").count(), 1, "{rel}");
        assert_eq!(page.matches("<h1").count(), 1, "{rel}: one h1");
    }
    let home = &pages["index.html"];
    assert!(
        home.contains("type=\"application/atom+xml\""),
        "feeds are announced"
    );
    let department = &pages["departments/csszfb/index.html"];
    assert!(department.contains("href=\"/feeds/departments/csszfb.xml\""));
}

#[test]
fn content_stays_inert_in_the_pre_rendered_page() {
    let site = Site::build();
    let page = site.page("items/ceshi-injection/index.html");
    let body = between(&page, "<div class=\"doc-body\">", "</div>").unwrap();
    assert!(!body.contains("<script"), "{body}");
    assert!(
        !body.contains("<img") && !body.contains("<iframe"),
        "{body}"
    );
    assert!(
        !body.contains("<a "),
        "no link with a javascript: URL survives: {body}"
    );
    assert!(body.contains("&lt;script&gt;"), "{body}");
    assert_eq!(
        page.matches("<script").count(),
        0,
        "the fake frame has no script either"
    );
}

#[test]
fn list_pages_are_real_files_with_pager_links() {
    let site = Site::build();
    let catalogue = site.page("catalogue/index.html");
    for id in ["ceshi-tongzhi", "ceshi-banfa", "ceshi-injection"] {
        assert!(
            catalogue.contains(&format!("href=\"/items/{id}/\"")),
            "{id}"
        );
    }
    assert!(catalogue.contains("共 3 件，第 1 / 1 页"));
    assert!(
        catalogue.contains("action=\"/search/\""),
        "the filter form browses the search"
    );
    let department = site.page("departments/csszfb/index.html");
    assert!(department.contains(">测试市人民政府办公室</h1>"));
    assert!(
        !site.path("site/catalogue/page/2").exists(),
        "three items fit one page"
    );
}

#[test]
fn a_changed_body_re_renders_that_item_only_and_matches_a_fresh_build() {
    let site = Site::build();
    let banfa = site.path("content/regulations/banfa.md");
    let text = std::fs::read_to_string(&banfa).unwrap();
    std::fs::write(
        &banfa,
        text.replace("本办法适用于本市。", "本办法适用于本市全域。"),
    )
    .unwrap();
    let out = site.run();
    assert_ok(&out);
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("(1 rendered, 2 unchanged)"), "{said}");
    assert!(site
        .page("items/ceshi-banfa/index.html")
        .contains("本办法适用于本市全域。"));
    let fresh = tempfile::tempdir().unwrap();
    let arg = |p: &Path| p.to_string_lossy().into_owned();
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["build", "--content", &arg(&site.path("content")), "--out"])
        .args([
            &arg(&fresh.path().join("site")),
            "--app",
            &arg(&site.path("dist")),
        ])
        .output()
        .unwrap();
    assert_ok(&again);
    assert_eq!(
        tree::snapshot(&site.path("site")),
        tree::snapshot(&fresh.path().join("site")),
        "the cached pages are those a fresh build writes"
    );
}
