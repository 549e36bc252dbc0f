//! A regulation's versions, end to end with the binary, on real texts: the three dated texts of
//! 道路运输条例 in the law corpus are imported as one regulation with two earlier versions,
//! checked, broken (versions out of order, an amending link to nothing) and built into every
//! version's page and every comparison; and the sample content's own versioned regulations.

mod common;
mod tree;

use common::{run_check, run_gongkai};
use std::path::{Path, PathBuf};

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/corpus/lawrefbook/行政法规"
);
const ROAD: [&str; 3] = ["2019-03-02", "2022-03-29", "2023-07-20"];

/// The imported content of the three texts, in a temp dir.
struct Imported {
    dir: tempfile::TempDir,
}

impl Imported {
    fn new() -> Imported {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("corpus/行政法规");
        std::fs::create_dir_all(&src).unwrap();
        for date in ROAD {
            let name = format!("道路运输条例({date}).md");
            let from = Path::new(CORPUS).join(&name);
            assert!(
                from.is_file(),
                "the real corpus is missing {}",
                from.display()
            );
            std::fs::copy(from, src.join(&name)).unwrap();
        }
        let imported = Imported { dir };
        let run = run_gongkai(
            &["import", "lawrefbook"],
            &imported.path("corpus"),
            &[imported.path("content").to_str().unwrap()],
        );
        assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
        // The 2019 file's own provenance stops at its 2016 revision; the 2023 file's lists the
        // whole history, 2019年3月2日 《国务院关于修改部分行政法规的决定》第三次修订 included.
        assert!(
            run.stdout.contains("versions      2 older files"),
            "{}",
            run.stdout
        );
        assert!(
            run.stdout.contains("已修改         0 older files"),
            "{}",
            run.stdout
        );
        imported
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn content(&self) -> PathBuf {
        self.path("content")
    }

    /// The one regulation's file, relative to the content folder.
    fn item(&self) -> String {
        let dir = self.content().join("regulations/xingzheng-fagui");
        let name = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .find(|n| n.ends_with(".md"))
            .expect("the imported regulation");
        format!("regulations/xingzheng-fagui/{name}")
    }

    fn versions_dir(&self) -> String {
        self.item().replace(".md", ".versions")
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let path = self.content().join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    fn id(&self) -> String {
        Path::new(&self.item())
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned()
    }
}

#[test]
fn three_real_texts_become_one_regulation_that_checks_clean() {
    let imported = Imported::new();
    let versions = imported.content().join(imported.versions_dir());
    let mut names: Vec<String> = std::fs::read_dir(&versions)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["2019-03-02.md", "2022-03-29.md"]);
    let item = std::fs::read_to_string(imported.content().join(imported.item())).unwrap();
    assert!(item.contains("published = 2023-07-20"), "{item}");
    assert!(item.contains("[version]\nkind = \""), "{item}");
    let run = run_check(&imported.content());
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
}

#[test]
fn versions_out_of_order_are_an_error_at_the_date() {
    let imported = Imported::new();
    let rel = format!("{}/2022-03-29.md", imported.versions_dir());
    // The middle text claims a date after the current one (and its file name no longer fits).
    imported.edit(&rel, "published = 2022-03-29", "published = 2024-01-01");
    let run = run_check(&imported.content());
    assert_eq!(run.code, Some(1));
    let shown = imported.content().join(&rel);
    let item = imported.content().join(imported.item());
    let at = |path: &Path, line: usize| format!("{}:{line}: ", path.display());
    assert!(
        run.stdout.contains(&format!(
            "{}the file of a version is named after its `published` date: expected 2024-01-01.md",
            at(&shown, 3)
        )),
        "{}",
        run.stdout
    );
    // The order is judged once every file is read; with the name wrong it is not reached.
    imported.edit(&rel, "published = 2024-01-01", "published = 2022-03-29");
    let rel_first = format!("{}/2019-03-02.md", imported.versions_dir());
    std::fs::rename(
        imported.content().join(&rel_first),
        imported
            .content()
            .join(format!("{}/2024-01-01.md", imported.versions_dir())),
    )
    .unwrap();
    imported.edit(
        &format!("{}/2024-01-01.md", imported.versions_dir()),
        "published = 2019-03-02",
        "published = 2024-01-01",
    );
    let run = run_check(&imported.content());
    assert_eq!(run.code, Some(1));
    let line = format!(
        "{}versions out of order: published 2023-07-20 is not after 2024-01-01",
        at(&item, line_of(&item, "published = "))
    );
    assert!(run.stdout.contains(&line), "{line}\n{}", run.stdout);
}

#[test]
fn an_amending_link_to_no_item_is_an_error_at_its_line() {
    let imported = Imported::new();
    let item_rel = imported.item();
    imported.edit(&item_rel, "[version]\n", "[version]\n");
    let text = std::fs::read_to_string(imported.content().join(&item_rel)).unwrap();
    let fixed = if text.contains("[version.amending]\n") {
        text.replacen(
            "[version.amending]\n",
            "[version.amending]\nitem = \"no-such-item\"\n",
            1,
        )
    } else {
        text.replacen(
            "\n+++\n",
            "\n\n[version.amending]\ntitle = \"国务院关于修改和废止部分行政法规的决定\"\nitem = \"no-such-item\"\n+++\n",
            1,
        )
    };
    std::fs::write(imported.content().join(&item_rel), &fixed).unwrap();
    let path = imported.content().join(&item_rel);
    let run = run_check(&imported.content());
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    let want = format!(
        "{}:{}: amending item `no-such-item` does not exist: no item has this id",
        path.display(),
        line_of(&path, "item = \"no-such-item\"")
    );
    assert_eq!(run.stdout.trim(), want);
}

#[test]
fn the_built_site_has_every_version_and_every_comparison() {
    let imported = Imported::new();
    let dist = imported.path("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>x</title></head><body></body></html>",
    )
    .unwrap();
    let site = imported.path("site");
    let run = run_gongkai(
        &["build", "--content"],
        &imported.content(),
        &[
            "--out",
            site.to_str().unwrap(),
            "--app",
            dist.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    let id = imported.id();
    let page = |rel: String| {
        std::fs::read_to_string(site.join(&rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    };
    for date in &ROAD[..2] {
        let html = page(format!("items/{id}/v/{date}/index.html"));
        assert!(html.contains(&format!("本页是 {date} ")), "{date}");
        let canonical = format!("<link rel=\"canonical\" href=\"/items/{id}/v/{date}/\">");
        assert!(
            html.contains(&canonical),
            "{date}: its own canonical, root-relative"
        );
        assert!(
            html.contains("id=\"art-1\""),
            "articles keep their anchors in {date}"
        );
    }
    for (from, to) in [(0, 1), (0, 2), (1, 2)] {
        let html = page(format!(
            "items/{id}/diff/{}/{}/index.html",
            ROAD[from], ROAD[to]
        ));
        assert!(html.contains("class=\"diff-counts\""), "{from}→{to}");
        assert!(
            html.contains("<del>") || html.contains("<ins>"),
            "{from}→{to} marks words"
        );
    }
    let current = page(format!("items/{id}/index.html"));
    assert!(current.contains("历次版本"));
    assert!(current.contains(&format!("href=\"/items/{id}/v/{}/\"", ROAD[0])));
    assert!(
        current.contains("class=\"art-changed\""),
        "changed articles say so"
    );
}

#[test]
fn the_sample_content_holds_three_real_regulations_with_versions() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let run = run_check(&content);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    let histories: Vec<PathBuf> = std::fs::read_dir(content.join("regulations"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "versions"))
        .collect();
    assert!(histories.len() >= 3, "{histories:?}");
    for dir in histories {
        assert!(
            std::fs::read_dir(&dir).unwrap().count() >= 1,
            "{}",
            dir.display()
        );
    }
}

/// The 1-based line of the first line of `path` starting with `start`.
fn line_of(path: &Path, start: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .position(|l| l.starts_with(start))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("{} has no line starting {start:?}", path.display()))
}
