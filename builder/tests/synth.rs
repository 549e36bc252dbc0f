//! `gongkai import synth`: a small synthetic corpus from the real one is deterministic, has
//! the planned mix, renumbers its articles, and passes `gongkai check`.

use gongkai::import::synth::chinese_numeral;
use gongkai_core::structure::{marker_at_start, parse_number, Unit};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_gongkai");
const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/corpus/lawrefbook"
);
const ITEMS: usize = 300;

/// The real corpus; its absence fails the test rather than skipping it.
fn corpus() -> &'static Path {
    let path = Path::new(CORPUS);
    assert!(
        path.is_dir(),
        "the real corpus is missing at {CORPUS}: these tests sample it (see ../shared/corpus/SOURCE.md)"
    );
    path
}

fn synth(dest: &Path, seed: &str) -> Output {
    Command::new(BIN)
        .args(["import", "synth", "--from"])
        .arg(corpus())
        .args(["--items", &ITEMS.to_string(), "--seed", seed])
        .arg(dest)
        .output()
        .expect("run gongkai")
}

fn generate(seed: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let dest = dir.path().join("content");
    let out = synth(&dest, seed);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, dest)
}

/// Every file under `root`, by relative path.
fn read_tree(root: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).expect("prefix").to_path_buf();
                out.insert(rel, fs::read_to_string(&path).expect("utf-8 file"));
            }
        }
    }
    out
}

fn items<'a>(tree: &'a BTreeMap<PathBuf, String>, folder: &str) -> Vec<&'a str> {
    tree.iter()
        .filter(|(p, _)| p.starts_with(folder) && p.extension().is_some_and(|e| e == "md"))
        .map(|(_, text)| text.as_str())
        .collect()
}

#[test]
fn same_arguments_give_identical_bytes_and_a_clean_check() {
    let (_a, first) = generate("42");
    let (_b, second) = generate("42");
    let tree = read_tree(&first);
    assert!(tree == read_tree(&second), "two runs with one seed differ");
    let (_c, other) = generate("43");
    assert!(
        tree != read_tree(&other),
        "another seed gives the same corpus"
    );

    let check = Command::new(BIN)
        .args(["check", "--content"])
        .arg(&first)
        .output()
        .expect("run check");
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert_eq!(
        check.status.code(),
        Some(0),
        "check found problems:\n{stdout}"
    );
}

#[test]
fn the_mix_of_items_is_as_planned() {
    let (_dir, dest) = generate("42");
    let tree = read_tree(&dest);
    for file in ["site.toml", "departments.toml", "topics.toml"] {
        assert!(tree.contains_key(Path::new(file)), "{file} missing");
    }
    let (regs, dis) = (items(&tree, "regulations"), items(&tree, "disclosures"));
    assert_eq!(regs.len() + dis.len(), ITEMS);
    assert!(
        (180..=240).contains(&regs.len()),
        "{} regulations",
        regs.len()
    );
    let has = |list: &[&str], needle: &str| list.iter().any(|t| t.contains(needle));
    for needle in [
        "kind = \"规章\"",
        "kind = \"规范性文件\"",
        "status = \"已废止\"",
        "status = \"已修改\"",
        "repeals = [",
        "amends = [",
    ] {
        assert!(has(&regs, needle), "no regulation with {needle}");
    }
    for needle in [
        "关于印发《",
        "mode = \"依申请公开\"",
        "index_no = \"",
        "doc_no = \"",
    ] {
        assert!(has(&dis, needle), "no disclosure with {needle}");
    }
    let departments = tree[Path::new("departments.toml")]
        .matches("[[department]]")
        .count();
    assert_eq!(departments, 200);
}

#[test]
fn articles_are_renumbered_from_one() {
    let (_dir, dest) = generate("42");
    let tree = read_tree(&dest);
    for text in items(&tree, "regulations") {
        let body = text.rsplit("+++\n").next().unwrap_or_default();
        let numbers: Vec<u32> = body
            .split("\n\n")
            .filter_map(marker_at_start)
            .filter(|m| m.unit == Unit::Article)
            .map(|m| m.number)
            .collect();
        assert!(
            (3..=40).contains(&numbers.len()),
            "{} articles",
            numbers.len()
        );
        assert!(
            numbers.iter().zip(1..).all(|(n, want)| *n == want),
            "{numbers:?}"
        );
    }
}

#[test]
fn a_non_empty_destination_is_refused_and_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("keep.md"), "mine").expect("write");
    let out = synth(dir.path(), "1");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not empty"));
    assert_eq!(
        fs::read_to_string(dir.path().join("keep.md")).expect("read"),
        "mine"
    );
}

#[test]
fn a_missing_corpus_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = Command::new(BIN)
        .args(["import", "synth", "--from"])
        .arg(dir.path().join("no-such-corpus"))
        .arg(dir.path().join("content"))
        .output()
        .expect("run gongkai");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
}

#[test]
fn numerals_round_trip_through_the_structure_parser() {
    for n in 1..=9999 {
        let written = chinese_numeral(n);
        assert_eq!(parse_number(&written), Some(n), "{n} → {written}");
    }
    assert_eq!(chinese_numeral(10), "十");
    assert_eq!(chinese_numeral(105), "一百零五");
    assert_eq!(chinese_numeral(1010), "一千零一十");
}
