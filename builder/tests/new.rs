//! `gongkai new` and `gongkai hash` on a copy of the real sample content: what they write passes
//! `check` unchanged, numbers never repeat, and hashes are filled in place.

mod common;
mod tree;

use common::{run_gongkai, Run};
use std::path::{Path, PathBuf};

const DAY: &str = "2026-12-02";

/// A private copy of the sample content.
fn sample() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = dir.path().join("content");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    tree::copy_tree(&from, &content);
    (dir, content)
}

fn new(content: &Path, kind: &str, more: &[&str]) -> Run {
    let args = [
        "new",
        kind,
        "--title",
        "新事项",
        "--department",
        "xtszfb",
        "--date",
        DAY,
        "--content",
    ];
    run_gongkai(&args, content, more)
}

fn written(run: &Run) -> String {
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    std::fs::read_to_string(run.stdout.trim()).expect("new file")
}

fn field<'t>(text: &'t str, key: &str) -> &'t str {
    let line = text
        .lines()
        .find(|l| l.starts_with(&format!("{key} = ")))
        .expect(key);
    line[key.len() + 3..].trim_matches('"')
}

#[test]
fn new_items_pass_check_unchanged_and_get_the_next_index_number() {
    let (_dir, content) = sample();
    let first = written(&new(&content, "disclosure", &[]));
    let second = written(&new(&content, "disclosure", &[]));
    let regulation = written(&new(&content, "regulation", &[]));
    assert_eq!(field(&first, "index_no"), "XT-SAMPLE/2026-1202-1");
    assert_eq!(field(&second, "index_no"), "XT-SAMPLE/2026-1202-2");
    assert_eq!(
        (field(&first, "id"), field(&second, "id")),
        ("xtszfb-20261202", "xtszfb-20261202-2")
    );
    assert_eq!(field(&first, "title"), "新事项");
    assert_eq!(field(&regulation, "published"), DAY);
    let check = run_gongkai(
        &["check", "--deny-warnings", "--as-of", DAY, "--content"],
        &content,
        &[],
    );
    check.assert_clean();
    assert!(
        check.stderr.contains("checked 22 items"),
        "{}",
        check.stderr
    );
}

#[test]
fn without_a_site_pattern_numbers_use_the_department() {
    let (_dir, content) = sample();
    let site = content.join("site.toml");
    let text = std::fs::read_to_string(&site).expect("site.toml");
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("index_no_pattern"))
        .collect();
    std::fs::write(&site, kept.join("\n")).expect("write");
    let item = written(&new(&content, "disclosure", &[]));
    assert_eq!(field(&item, "index_no"), "xtszfb/2026-00001");
}

#[test]
fn an_unknown_department_is_a_clear_error() {
    let (_dir, content) = sample();
    let run = run_gongkai(
        &["new", "disclosure", "--department", "nope", "--content"],
        &content,
        &[],
    );
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr
            .contains("no department `nope` in departments.toml"),
        "{}",
        run.stderr
    );
}

/// A new disclosure item with `lines` added at the end of its front matter: its path and text.
fn new_with(content: &Path, lines: &str) -> (PathBuf, String) {
    let item = PathBuf::from(new(content, "disclosure", &[]).stdout.trim());
    let text = std::fs::read_to_string(&item).expect("item");
    let with = text.replacen("+++\n（", &format!("{lines}+++\n（"), 1);
    std::fs::write(&item, &with).expect("write");
    (item, with)
}

fn hash(content: &Path, item: &Path) -> Run {
    run_gongkai(
        &["hash", "--content"],
        content,
        &[item.to_str().expect("path")],
    )
}

#[test]
fn hash_fills_and_corrects_attachment_hashes_in_place() {
    let (_dir, content) = sample();
    std::fs::create_dir_all(content.join("attachments")).expect("mkdir");
    std::fs::write(content.join("attachments/a.txt"), "hello\n").expect("write");
    let lines = "[[attachments]]\nfile = \"attachments/a.txt\"   # kept comment\nsha256 = \"00\"\n";
    let (item, with) = new_with(&content, lines);
    let broken = run_gongkai(&["check", "--as-of", DAY, "--content"], &content, &[]);
    assert_eq!(broken.code, Some(1));
    let sha = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
    let run = hash(&content, &item);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout.trim(), format!("attachments/a.txt {sha}"));
    let fixed = std::fs::read_to_string(&item).expect("item");
    assert_eq!(fixed, with.replace("\"00\"", &format!("\"{sha}\"")));
    let check = run_gongkai(&["check", "--as-of", DAY, "--content"], &content, &[]);
    assert_eq!(check.code, Some(0), "{}", check.stdout);
    let again = hash(&content, &item);
    assert!(again.stderr.contains("already right"), "{}", again.stderr);
}

#[test]
fn hash_refuses_a_path_out_of_the_content_folder() {
    let (dir, content) = sample();
    std::fs::write(dir.path().join("secret.txt"), "x").expect("write");
    let (item, with) = new_with(&content, "[[attachments]]\nfile = \"../secret.txt\"\n");
    let run = hash(&content, &item);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr
            .contains("attachment path \"../secret.txt\" must not contain `..`"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&item).expect("item"), with);
}
