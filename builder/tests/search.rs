//! `gongkai search` end to end: build the fixture site, query it, check the JSON and bad input.

mod tree;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tree::copy_tree;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/build/basic");

/// A temp dir with the fixture content built into `site/` (data only, no app).
struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn build() -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(Path::new(FIXTURE), &dir.path().join("content"));
        let out = gongkai(&[
            "build",
            "--content",
            &s(&dir.path().join("content")),
            "--out",
            &s(&dir.path().join("site")),
        ]);
        assert!(
            out.status.success(),
            "build failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Site { dir }
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    fn search(&self, args: &[&str]) -> Output {
        let site = s(&self.path());
        let mut all = vec!["search", "--site", site.as_str()];
        all.extend_from_slice(args);
        gongkai(&all)
    }

    /// Runs with `--json` and parses stdout, which must be exactly one JSON object.
    fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.search(&all);
        assert!(
            out.status.success(),
            "search failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(
            text.trim_end().lines().count(),
            1,
            "one line of JSON: {text}"
        );
        let value: Value = serde_json::from_str(&text).unwrap();
        assert!(value.is_object());
        value
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

fn ids(v: &Value) -> Vec<&str> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect()
}

#[test]
fn json_has_the_documented_shape() {
    let site = Site::build();
    let v = site.json(&["电子政务", "规范"]);
    assert_eq!(v["total"], 1);
    let hit = &v["hits"][0];
    assert_eq!(
        (hit["id"].as_str(), hit["url"].as_str()),
        (Some("ceshi-banfa"), Some("/items/ceshi-banfa/"))
    );
    assert_eq!(hit["title"], "测试市电子政务管理办法");
    assert!(hit["snippet"].as_str().unwrap().contains("<mark>"), "{hit}");
    let article = &hit["articles"][0];
    assert_eq!(
        (article["anchor"].as_str(), article["label"].as_str()),
        (Some("art-1"), Some("第一条"))
    );
    assert!(article["snippet"]
        .as_str()
        .unwrap()
        .contains("<mark>规范电子政务</mark>"));
    for facet in ["issuer", "category", "year", "status"] {
        let counts = v["facets"][facet]
            .as_array()
            .unwrap_or_else(|| panic!("facet {facet}: {v}"));
        assert!(
            counts
                .iter()
                .all(|c| c["value"].is_string() && c["count"].is_u64()),
            "{facet}"
        );
    }
}

#[test]
fn the_site_has_an_index_and_a_manifest() {
    let site = Site::build();
    let manifest: Value = serde_json::from_slice(
        &std::fs::read(site.path().join(gongkai_core::search::MANIFEST_PATH)).unwrap(),
    )
    .unwrap();
    assert_eq!(
        (manifest["items"].as_u64(), manifest["articles"].as_u64()),
        (Some(3), Some(4))
    );
    for f in manifest["files"].as_array().unwrap() {
        let len = std::fs::metadata(
            site.path()
                .join(gongkai_core::search::INDEX_DIR)
                .join(f["name"].as_str().unwrap()),
        )
        .unwrap()
        .len();
        assert_eq!(Some(len), f["size"].as_u64(), "{f}");
    }
}

#[test]
fn docno_spellings_filters_and_sort() {
    let site = Site::build();
    for q in [
        "测政发〔2020〕3号",
        "测政发[2020]3号",
        "测政发(2020)3号",
        "测政发（２０２０）３号",
    ] {
        assert_eq!(ids(&site.json(&[q]))[0], "ceshi-banfa", "{q}");
    }
    let all = site.json(&["--sort", "date"]);
    assert_eq!(
        ids(&all),
        ["ceshi-tongzhi", "ceshi-banfa", "ceshi-injection"]
    );
    let filtered = site.json(&["--filter", "category=规章", "--filter", "year=2020"]);
    assert_eq!(ids(&filtered), ["ceshi-banfa"]);
    assert_eq!(
        site.json(&["--limit", "1", "电子政务"])["hits"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        ids(&site.json(&["电子政务", "-通知"])),
        ["ceshi-banfa"],
        "exclusion as an argument"
    );
}

#[test]
fn snippets_never_carry_live_html() {
    let site = Site::build();
    let v = site.json(&["正文"]);
    let text = v.to_string();
    assert_eq!(ids(&v), ["ceshi-injection"]);
    assert!(!text.contains("<script"), "{text}");
    assert!(text.contains("&lt;/script&gt;"), "{text}");
}

#[test]
fn bad_input_gives_results_or_a_clear_error() {
    let site = Site::build();
    let long = "护".repeat(10_000);
    for q in [
        "",
        "，。！？",
        "😀",
        "\"电子",
        "\u{7}\u{1b}",
        "OR",
        long.as_str(),
    ] {
        let v = site.json(&[q]);
        assert!(v["total"].as_u64().unwrap() <= 3, "{q:?}");
    }
    let out = site.search(&["--filter", "colour=red", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown filter \"colour\""));
    let out = site.search(&["--filter", "novalue", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("KEY=VALUE"));
    let out = gongkai(&["search", "--site", "/nonexistent/site", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("manifest.json"));
}

#[test]
fn a_tampered_index_file_is_refused() {
    let site = Site::build();
    let manifest: Value = serde_json::from_slice(
        &std::fs::read(site.path().join(gongkai_core::search::MANIFEST_PATH)).unwrap(),
    )
    .unwrap();
    let name = manifest["files"][0]["name"].as_str().unwrap();
    std::fs::write(
        site.path().join(gongkai_core::search::INDEX_DIR).join(name),
        b"garbage",
    )
    .unwrap();
    let out = site.search(&["电子政务"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not match the manifest"));
}

#[test]
fn readable_output_lists_hits_articles_and_facets() {
    let site = Site::build();
    let out = site.search(&["电子政务"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("2 result(s)"), "{text}");
    assert!(text.contains("【电子政务】"), "{text}");
    assert!(text.contains("/items/ceshi-banfa/#art-1"), "{text}");
    assert!(text.contains("year: 2020 (2)"), "{text}");
}

/// The real sample content's `abbreviations.toml`: an editor's entry takes effect in the built
/// index (湘西州 is the sample's own short form of 湘西自治州, not a built-in one), and the
/// same search without the file matches no item fully.
#[test]
fn the_sample_sites_own_abbreviations_take_effect() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let dir = tempfile::tempdir().unwrap();
    let search = |content: &Path| {
        let site = dir.path().join("site");
        let _ = std::fs::remove_dir_all(&site);
        let built = gongkai(&["build", "--content", &s(content), "--out", &s(&site)]);
        assert!(
            built.status.success(),
            "{}",
            String::from_utf8_lossy(&built.stderr)
        );
        let out = gongkai(&["search", "--site", &s(&site), "--json", "湘西州 内网"]);
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let with = search(&content);
    assert_eq!(
        with["hits"][0]["title"].as_str(),
        Some("湘西自治州电子政务内网管理规定（试行）"),
        "{with}"
    );
    assert!(with["hits"][0]["title_html"]
        .as_str()
        .unwrap()
        .contains("<mark>湘西自治州"));
    let copy = dir.path().join("content");
    copy_tree(&content, &copy);
    std::fs::remove_file(copy.join("abbreviations.toml")).unwrap();
    assert_eq!(with["partial"], false, "a full match through the entry");
    let without = search(&copy);
    assert_eq!(without["exact"], 0, "no item says 湘西州: {without}");
    assert_eq!(without["partial"], true);
}
