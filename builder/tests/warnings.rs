//! `check` warnings: each rule has a case that triggers it, with its exact
//! `path:line: warning: message`, and a case that does not; warnings exit 0 unless
//! `--deny-warnings`, and a build goes on with them.

mod common;
mod tree;

use common::{disclosure, regulation, run_gongkai, Run, Tree};

const NEW: &str = "regulations/zz-new.md";
const NEW_D: &str = "disclosures/zz-new.md";

impl Tree {
    fn check_as_of(&self, day: &str, more: &[&str]) -> Run {
        run_gongkai(&["check", "--as-of", day, "--content"], &self.content, more)
    }

    /// Asserts exactly these warnings (and no errors) as of `day`, with exit status 0.
    fn assert_warnings(&self, day: &str, expected: &[(&str, usize, &str)]) {
        let run = self.check_as_of(day, &[]);
        let want: Vec<String> = expected
            .iter()
            .map(|(r, l, m)| self.line(r, *l, &format!("warning: {m}")))
            .collect();
        assert_eq!(
            run.stdout.lines().collect::<Vec<_>>(),
            want,
            "{}",
            run.stderr
        );
        assert_eq!(run.code, Some(0), "{}", run.stderr);
    }
}

#[test]
fn publication_later_than_seven_days_after_writing_warns() {
    let tree = Tree::valid();
    tree.write(
        NEW,
        regulation("written = 2024-03-01\npublished = 2024-03-12\n"),
    );
    let msg = "published 2024-03-12, 11 days after it was written (2024-03-01): \
               publish within 7 days (site.toml `publish_within_days`)";
    tree.assert_warnings("2026-12-02", &[(NEW, 9, msg)]);
    tree.write(
        NEW,
        regulation("written = 2024-03-01\npublished = 2024-03-08\n"),
    );
    tree.assert_warnings("2026-12-02", &[]);
}

#[test]
fn the_site_sets_the_publication_days() {
    let tree = Tree::valid();
    tree.write(
        NEW,
        regulation("written = 2024-03-01\npublished = 2024-03-12\n"),
    );
    tree.edit("site.toml", "\n", "\npublish_within_days = 20\n");
    tree.assert_warnings("2026-12-02", &[]);
    tree.edit("site.toml", "= 20", "= -1");
    let run = tree.check_as_of("2026-12-02", &[]);
    let want = tree.line(
        "site.toml",
        2,
        "`publish_within_days` must be from 0 to 3650 days, not -1",
    );
    assert_eq!(run.stdout.lines().last(), Some(want.as_str()));
    assert_eq!(run.code, Some(1));
}

#[test]
fn a_late_disclosure_warns_at_its_publication_date() {
    let tree = Tree::valid();
    tree.write(NEW_D, disclosure("written = 2024-02-01\n"));
    let msg = "published 2024-03-01, 29 days after it was written (2024-02-01): \
               publish within 7 days (site.toml `publish_within_days`)";
    tree.assert_warnings("2026-12-02", &[(NEW_D, 8, msg)]);
    tree.write(NEW_D, disclosure("written = 2024-02-23\n"));
    tree.assert_warnings("2026-12-02", &[]);
    tree.write(NEW_D, disclosure("written = 2024-03-02\n"));
    tree.assert_problems(&[(
        NEW_D,
        11,
        "`written` 2024-03-02 is after `published` 2024-03-01",
    )]);
}

#[test]
fn a_status_overtaken_by_its_effective_date_warns() {
    let tree = Tree::valid();
    let text = regulation("effective = 2024-11-01\n").replace("现行有效", "尚未生效");
    tree.write(NEW, &text);
    tree.assert_warnings("2024-10-31", &[]);
    let msg =
        "status 尚未生效 is out of date as of 2024-11-01: `effective` 2024-11-01 has passed, \
               so it is 现行有效";
    tree.assert_warnings("2024-11-01", &[(NEW, 7, msg)]);
}

#[test]
fn a_status_overtaken_by_its_expiry_date_warns() {
    let tree = Tree::valid();
    tree.write(NEW, regulation("expires = 2025-01-01\n"));
    tree.assert_warnings("2024-12-31", &[]);
    let msg = "status 现行有效 is out of date as of 2025-01-02: `expires` 2025-01-01 has passed, \
               so it is 已失效";
    tree.assert_warnings("2025-01-02", &[(NEW, 7, msg)]);
}

#[test]
fn index_numbers_follow_the_site_pattern() {
    let tree = Tree::valid();
    tree.edit(
        "site.toml",
        "\n",
        "\nindex_no_pattern = \"{prefix}/{year}-{seq:5}\"\n",
    );
    let prefix = |short: &str| format!("short = \"{short}\"\nindex_prefix = \"430300000\"");
    tree.edit(
        "departments.toml",
        "short = \"市政府办\"",
        &prefix("市政府办"),
    );
    tree.edit(
        "departments.toml",
        "short = \"市数据局\"",
        &prefix("市数据局"),
    );
    tree.write(NEW_D, disclosure(""));
    tree.assert_warnings("2026-12-02", &[]);
    tree.write(
        NEW_D,
        disclosure("").replace("430300000/2024-00099", "430300000/2024-99"),
    );
    let msg =
        "索引号 430300000/2024-99 does not follow the site's pattern `{prefix}/{year}-{seq:5}` \
               (site.toml `index_no_pattern`)";
    tree.assert_warnings("2026-12-02", &[(NEW_D, 4, msg)]);
    tree.write(NEW_D, disclosure("").replace("\"xtszfb\"", "\"xtszf\""));
    let msg = "cannot check 索引号 430300000/2024-00099: department `xtszf` has no \
               `index_prefix` in departments.toml";
    tree.assert_warnings("2026-12-02", &[(NEW_D, 4, msg)]);
}

#[test]
fn a_bad_pattern_is_an_error_in_site_toml() {
    let tree = Tree::valid();
    tree.edit(
        "site.toml",
        "\n",
        "\nindex_no_pattern = \"{prefix}/{year}\"\n",
    );
    let run = tree.check_as_of("2026-12-02", &[]);
    let msg = "`index_no_pattern`: the pattern needs one `{seq}` or `{seq:N}`";
    assert_eq!(run.stdout.trim(), tree.line("site.toml", 2, msg));
    assert_eq!(run.code, Some(1));
}

#[test]
fn an_index_number_used_twice_warns() {
    let tree = Tree::valid();
    let taken = disclosure("").replace("430300000/2024-00099", "430300000/2024-00003");
    tree.write(NEW_D, taken);
    let first = tree.content.join("disclosures/annual-report.md");
    let msg = format!(
        "索引号 430300000/2024-00003 is already used by {}",
        first.display()
    );
    tree.assert_warnings("2026-12-02", &[(NEW_D, 4, &msg)]);
}

#[test]
fn deny_warnings_fails_check_and_keeps_a_build_out() {
    let tree = Tree::valid();
    tree.write(
        NEW,
        regulation("written = 2024-03-01\npublished = 2024-03-12\n"),
    );
    let run = tree.check_as_of("2026-12-02", &["--deny-warnings"]);
    assert_eq!(run.code, Some(1));
    assert_eq!(run.stdout.lines().count(), 1);
    assert!(run.stderr.contains("1 warning"), "{}", run.stderr);

    let out = tree.content.with_file_name("site");
    let build = |more: &[&str]| {
        let mut args = vec!["--as-of", "2026-12-02", "--out"];
        args.push(out.to_str().expect("utf-8 path"));
        args.extend_from_slice(more);
        run_gongkai(&["build", "--content"], &tree.content, &args)
    };
    let denied = build(&["--deny-warnings"]);
    assert_eq!(denied.code, Some(1), "{}", denied.stderr);
    assert!(denied.stdout.contains(": warning: published 2024-03-12"));
    assert!(!out.exists());
    let built = build(&[]);
    assert_eq!(built.code, Some(0), "{}", built.stderr);
    assert!(built.stdout.contains(": warning: published 2024-03-12"));
    assert!(out.join("data").is_dir());
}

#[test]
fn without_as_of_dates_are_judged_today_in_china() {
    let tree = Tree::valid();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    let today = gongkai_core::Date::of_unix(now.expect("clock").as_secs() + 8 * 3600);
    let plain = run_gongkai(&["check", "--content"], &tree.content, &[]);
    let dated = tree.check_as_of(&today.to_string(), &[]);
    assert_eq!((plain.code, &plain.stdout), (dated.code, &dated.stdout));
    let late = tree.check_as_of("2030-01-02", &[]);
    assert!(late
        .stdout
        .contains("warning: status 尚未生效 is out of date as of 2030-01-02"));
}

#[test]
fn the_sample_content_is_clean_and_its_dates_are_judged() {
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let run = run_gongkai(
        &[
            "check",
            "--deny-warnings",
            "--as-of",
            "2026-12-02",
            "--content",
        ],
        &sample,
        &[],
    );
    run.assert_clean();
    let before = run_gongkai(
        &["check", "--as-of", "2024-10-31", "--content"],
        &sample,
        &[],
    );
    let file = sample.join("regulations/dianzi-zhengwu-dianzi-renzheng-fuwu-guanli-banfa-2024.md");
    let want = format!(
        "{}:11: warning: status 现行有效 is out of date as of 2024-10-31: `effective` 2024-11-01 \
         is still ahead, so it is 尚未生效",
        file.display()
    );
    assert_eq!(before.stdout.trim(), want);
    assert_eq!(before.code, Some(0));
}
