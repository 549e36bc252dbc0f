//! Test harness: copies the valid fixture tree into a temp dir, breaks it, runs `gongkai check`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The content tree every check test starts from; it checks clean.
pub fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check/valid")
}

/// A private copy of the valid fixture, at `<tempdir>/content`.
pub struct Tree {
    _dir: tempfile::TempDir,
    pub content: PathBuf,
}

/// What one run of the binary did.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts exit status 0 and nothing on stdout: no problem and no warning.
    pub fn assert_clean(&self) {
        let got = (self.code, self.stdout.as_str());
        assert_eq!(got, (Some(0), ""), "{}", self.stderr);
    }
}

impl Tree {
    pub fn valid() -> Tree {
        let dir = tempfile::tempdir().expect("temp dir");
        let content = dir.path().join("content");
        crate::tree::copy_tree(&fixture(), &content);
        Tree { _dir: dir, content }
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.content.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.content.join(rel)).expect("read")
    }

    /// Replaces text in a file, failing the test if the text is not there.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} has no {from:?}");
        self.write(rel, text.replacen(from, to, 1));
    }

    pub fn check(&self) -> Run {
        run_check(&self.content)
    }

    /// The diagnostic line expected for `rel`.
    pub fn line(&self, rel: &str, line: usize, message: &str) -> String {
        format!("{}:{line}: {message}", self.content.join(rel).display())
    }

    /// Runs check and asserts exit status 1 and exactly these diagnostics, in this order.
    pub fn assert_problems(&self, expected: &[(&str, usize, &str)]) {
        let run = self.check();
        let want: Vec<String> = expected
            .iter()
            .map(|(r, l, m)| self.line(r, *l, m))
            .collect();
        assert_eq!(
            run.stdout.lines().collect::<Vec<_>>(),
            want,
            "stderr: {}",
            run.stderr
        );
        assert_eq!(run.code, Some(1));
    }

    /// Writes one file and asserts it causes exactly one problem.
    pub fn assert_one(&self, rel: &str, text: &str, line: usize, message: &str) {
        self.write(rel, text);
        self.assert_problems(&[(rel, line, message)]);
    }
}

/// The day the check tests judge dates on, so that a fixture's dates never start to warn.
pub const AS_OF: &str = "2026-12-02";

pub fn run_check(content: &Path) -> Run {
    run_gongkai(&["check", "--as-of", AS_OF, "--content"], content, &[])
}

/// Runs `gongkai <args> <path> <more>`.
pub fn run_gongkai(args: &[&str], path: &Path, more: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .arg(path)
        .args(more)
        .output()
        .expect("run gongkai");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A valid new regulation; `extra` lines start at line 8, before the closing `+++`.
///
/// Lines: 1 `+++`, 2 type, 3 id `new-doc`, 4 title, 5 issuers, 6 kind, 7 status.
pub fn regulation(extra: &str) -> String {
    format!(
        "+++\ntype = \"regulation\"\nid = \"new-doc\"\ntitle = \"新文件\"\nissuers = [\"xtszfb\"]\n\
         kind = \"规范性文件\"\nstatus = \"现行有效\"\n{extra}+++\n第一条 正文。\n"
    )
}

/// A valid new disclosure; `extra` lines start at line 11.
///
/// Lines: 2 type, 3 id `new-item`, 4 index_no, 5 title, 6 department, 7 catalogue,
/// 8 published, 9 mode, 10 summary.
pub fn disclosure(extra: &str) -> String {
    format!(
        "+++\ntype = \"disclosure\"\nid = \"new-item\"\nindex_no = \"430300000/2024-00099\"\n\
         title = \"新公开事项\"\ndepartment = \"xtszfb\"\ncatalogue = [\"法定主动公开内容\"]\n\
         published = 2024-03-01\nmode = \"主动公开\"\nsummary = \"摘要。\"\n{extra}+++\n正文\n"
    )
}
