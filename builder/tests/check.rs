//! `gongkai check`: a valid tree checks clean, and every rule of docs/CONTENT.md has a failing
//! case asserting the exact `path:line: message` line and exit status 1.

mod common;
mod tree;

use common::{disclosure, regulation, run_check, Tree};

const NEW: &str = "regulations/zz-new.md";
const NEW_D: &str = "disclosures/zz-new.md";

#[test]
fn the_valid_tree_checks_clean() {
    let run = run_check(&common::fixture());
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr.trim(), "checked 6 items: no problems");
    assert_eq!(run.code, Some(0));
}

#[test]
fn the_library_returns_normalized_items_with_bodies() {
    let content = gongkai::validate::check(&common::fixture()).expect("valid fixture");
    assert_eq!(content.site_name, "湘潭市人民政府信息公开");
    assert_eq!(content.vocab.departments.len(), 3);
    let paths: Vec<_> = content
        .items
        .iter()
        .map(|i| i.path.to_string_lossy().into_owned())
        .collect();
    assert_eq!(paths[0], "disclosures/annual-report.md");
    assert_eq!(paths[2], "regulations/dating/guanli-2015.md");
    let old = &content.items[2];
    assert_eq!(old.item.doc_no(), Some("潭政办发〔2015〕7号"));
    assert_eq!(
        (old.body().unwrap().as_str(), old.body_line),
        ("第一章 总则\n", 15)
    );
    let shuzi = content
        .items
        .iter()
        .find(|i| i.item.id() == "xiangtan-shuzi-zhengfu-2022");
    let attachment = &shuzi.expect("shuzi").item.attachments()[0];
    assert_eq!(
        (attachment.title.as_str(), attachment.size),
        ("实施方案全文", 67)
    );
}

#[test]
fn missing_required_fields_point_at_the_opening_line() {
    let text = regulation("")
        .replace("title = \"新文件\"\n", "")
        .replace("kind = \"规范性文件\"\n", "");
    let tree = Tree::valid();
    tree.write(NEW, &text);
    tree.assert_problems(&[
        (NEW, 1, "missing required field `title`"),
        (NEW, 1, "missing required field `kind`"),
    ]);
    let tree = Tree::valid();
    tree.assert_one(
        NEW,
        "+++\nid = \"a\"\n+++\n",
        1,
        "missing required field `type`",
    );
}

#[test]
fn unknown_fields_and_wrong_types_point_at_their_line() {
    let tree = Tree::valid();
    tree.assert_one(
        NEW,
        &regulation("colour = \"red\"\n"),
        8,
        "unknown field `colour`, expected one of `type`, `id`, `title`, `doc_no`, `issuers`, `kind`, \
         `level`, `written`, `published`, `effective`, `expires`, `status`, `topics`, `links`, `attachments`, `version`",
    );
    let tree = Tree::valid();
    let text = regulation("").replace("title = \"新文件\"", "title = 5");
    tree.assert_one(
        NEW,
        &text,
        4,
        "invalid type: integer `5`, expected a string",
    );
    let tree = Tree::valid();
    let text = regulation("[links]\nsupersedes = [\"a\"]\n");
    tree.assert_one(NEW, &text, 9, "unknown field `supersedes`, expected one of `amends`, `amended_by`, `repeals`, `repealed_by`, `related`, `published_by`");
}

#[test]
fn type_and_vocabulary_values_are_closed() {
    let cases = [
        ("type = \"regulation\"", "type = \"law\"", 2, "unknown type \"law\": expected \"regulation\" or \"disclosure\""),
        ("status = \"现行有效\"", "status = \"有效\"", 7, "unknown status \"有效\": expected one of 现行有效, 已修改, 已废止, 尚未生效, 已失效"),
        ("kind = \"规范性文件\"", "kind = \"条例\"", 6, "unknown kind \"条例\": expected one of 法律, 行政法规, 地方性法规, 规章, 规范性文件, 司法解释, 其他政策文件"),
        ("status = \"现行有效\"", "status = \"现行有效\"\nlevel = \"省级\"", 8, "unknown level \"省级\": expected one of 宪法, 法律, 行政法规, 部门规章, 地方性法规, 地方政府规章, 部门规范性文件, 地方规范性文件, 地方工作文件, 司法解释, 党内法规, 其他"),
    ];
    for (from, to, line, message) in cases {
        Tree::valid().assert_one(NEW, &regulation("").replace(from, to), line, message);
    }
    let text = disclosure("").replace("mode = \"主动公开\"", "mode = \"公开\"");
    Tree::valid().assert_one(
        NEW_D,
        &text,
        9,
        "unknown mode \"公开\": expected one of 主动公开, 依申请公开",
    );
}

#[test]
fn ids_are_valid_and_unique() {
    let text = regulation("").replace("id = \"new-doc\"", "id = \"New_Doc\"");
    Tree::valid().assert_one(
        NEW,
        &text,
        3,
        "invalid id \"New_Doc\": use lowercase ASCII letters, digits and '-'",
    );
    let tree = Tree::valid();
    let text = disclosure("").replace("new-item", "dating-guanli-2021");
    let other = tree.content.join("regulations/dating/guanli-2021.md");
    let message = format!(
        "duplicate id `dating-guanli-2021`: also used by {}",
        other.display()
    );
    tree.assert_one("regulations/zz-dup.md", &text, 3, &message);
}

#[test]
fn dates_must_be_real_dates() {
    let cases = [
        (
            "written = \"2022-7-1\"\n",
            "`written`: expected a date as YYYY-MM-DD, got \"2022-7-1\"",
        ),
        (
            "written = \"2023-02-29\"\n",
            "`written`: 2023-02-29 is not a day of the calendar",
        ),
        (
            "effective = 2022-07-01T09:00:00\n",
            "`effective` must be a date without a time",
        ),
        (
            "published = 20220701\n",
            "`published` must be a date (YYYY-MM-DD), not integer",
        ),
        (
            "written = 2023-02-30\n",
            "invalid date-time: value is out of range",
        ),
    ];
    for (line, message) in cases {
        Tree::valid().assert_one(NEW, &regulation(line), 8, message);
    }
    let text = disclosure("").replace("published = 2024-03-01", "published = \"yesterday\"");
    Tree::valid().assert_one(
        NEW_D,
        &text,
        8,
        "`published`: expected a date as YYYY-MM-DD, got \"yesterday\"",
    );
}

#[test]
fn disclosures_accept_date_times_as_strings_too() {
    let tree = Tree::valid();
    let text = disclosure("").replace("published = 2024-03-01", "published = \"2024-03-01 09:30\"");
    tree.write(NEW_D, text);
    assert_eq!(tree.check().code, Some(0));
}

#[test]
fn dates_must_be_in_order() {
    let text = regulation("written = 2022-02-01\npublished = 2022-01-01\n");
    Tree::valid().assert_one(
        NEW,
        &text,
        9,
        "`published` 2022-01-01 is before `written` 2022-02-01",
    );
    let text = regulation("effective = 2022-03-01\nexpires = 2022-02-28\n");
    Tree::valid().assert_one(
        NEW,
        &text,
        9,
        "`expires` 2022-02-28 is before `effective` 2022-03-01",
    );
    let text = regulation("written = 2022-02-01\neffective = 2022-01-31\n");
    Tree::valid().assert_one(
        NEW,
        &text,
        9,
        "`effective` 2022-01-31 is before `written` 2022-02-01",
    );
}

#[test]
fn status_agrees_with_dates() {
    let text = regulation("").replace("现行有效", "尚未生效");
    Tree::valid().assert_one(NEW, &text, 7, "status 尚未生效 needs an `effective` date");
    let text = regulation("").replace("现行有效", "已失效");
    Tree::valid().assert_one(NEW, &text, 7, "status 已失效 needs an `expires` date");
}

#[test]
fn status_agrees_with_links() {
    let tree = Tree::valid();
    let rel = "regulations/dating/guanli-2015.md";
    tree.edit(rel, "status = \"已废止\"", "status = \"已修改\"");
    tree.assert_problems(&[(
        rel,
        9,
        "status is 已修改, but links.repealed_by is not empty: expected 已废止",
    )]);
    let tree = Tree::valid();
    let rel = "regulations/shuzi-zhengfu-2022.md";
    tree.edit(rel, "status = \"已修改\"", "status = \"现行有效\"");
    let message =
        "status is 现行有效, but links.amended_by is not empty: expected 已修改, 已废止 or 已失效";
    tree.assert_problems(&[(rel, 13, message)]);
}

#[test]
fn doc_numbers_are_well_formed() {
    let text = regulation("doc_no = \"潭政办函2022年25\"\n");
    let message = "文号 \"潭政办函2022年25\" is not of the form 机关代字〔年份〕序号号, 机关令第N号 or 机关公告YYYY年第N号";
    Tree::valid().assert_one(NEW, &text, 8, message);
}

#[test]
fn doc_numbers_are_unique_per_issuer_after_normalizing() {
    let tree = Tree::valid();
    let other = tree.content.join("regulations/shuzi-zhengfu-2022.md");
    let message = format!(
        "文号 潭政办函〔2022〕25号 of `xtszfb` is already used by {}",
        other.display()
    );
    tree.assert_one(
        NEW,
        &regulation("doc_no = \"潭政办函[2022]25号\"\n"),
        8,
        &message,
    );
    // The second issuer of a jointly issued document counts too.
    let tree = Tree::valid();
    let other = tree.content.join("regulations/shuzi-zhengfu-2024.md");
    let text =
        regulation("doc_no = \"潭政发〔2024〕3号\"\n").replace("[\"xtszfb\"]", "[\"xtssjj\"]");
    let message = format!(
        "文号 潭政发〔2024〕3号 of `xtssjj` is already used by {}",
        other.display()
    );
    tree.assert_one(NEW, &text, 8, &message);
    // Another issuer may use the same number.
    let tree = Tree::valid();
    let text =
        regulation("doc_no = \"潭政办函〔2022〕25号\"\n").replace("[\"xtszfb\"]", "[\"xtszf\"]");
    tree.write(NEW, text);
    assert_eq!(tree.check().code, Some(0));
}

#[test]
fn link_targets_exist_and_are_not_the_item_itself() {
    let text = regulation("[links]\nrelated = [\"nope\"]\n");
    Tree::valid().assert_one(NEW, &text, 9, "links.related: no item has id `nope`");
    let text = regulation("[links]\nrepeals = [\"new-doc\"]\n");
    Tree::valid().assert_one(NEW, &text, 9, "links.repeals lists the document itself");
    let text = regulation("[links]\nrelated = [\"xtssjj-2023-annual-report\"]\n");
    let message =
        "links.related: `xtssjj-2023-annual-report` is a disclosure item, not a regulation";
    Tree::valid().assert_one(NEW, &text, 9, message);
}

#[test]
fn inverse_links_agree() {
    let missing_inverse =
        |tree: &Tree, rel: &str, target: &str, other: &str, own: &str, inverse: &str| {
            let other = tree.content.join(other);
            let other = other.display();
            format!(
            "links.{rel} lists `{target}`, but {other} does not list `{own}` in links.{inverse}"
        )
        };
    let cases = [("amends", "amended_by"), ("related", "related")];
    for (rel, inverse) in cases {
        let tree = Tree::valid();
        let other = "regulations/dating/guanli-2021.md";
        let message = missing_inverse(&tree, rel, "dating-guanli-2021", other, "new-doc", inverse);
        let text = regulation(&format!("[links]\n{rel} = [\"dating-guanli-2021\"]\n"));
        tree.assert_one(NEW, &text, 9, &message);
    }

    let tree = Tree::valid();
    let other = "regulations/dating/guanli-2021.md";
    tree.edit(other, "repeals = [\"dating-guanli-2015\"]\n", "");
    let message = missing_inverse(
        &tree,
        "repealed_by",
        "dating-guanli-2021",
        other,
        "dating-guanli-2015",
        "repeals",
    );
    tree.assert_problems(&[("regulations/dating/guanli-2015.md", 13, &message)]);
}

#[test]
fn codes_are_in_the_vocabularies() {
    let text = regulation("").replace("[\"xtszfb\"]", "[\"xtszfb\", \"nobody\"]");
    Tree::valid().assert_one(
        NEW,
        &text,
        5,
        "unknown department `nobody`: not in departments.toml",
    );
    let text = regulation("topics = [\"dianzi-zhengwu\", \"weather\"]\n");
    Tree::valid().assert_one(NEW, &text, 8, "unknown topic `weather`: not in topics.toml");
    let text = disclosure("").replace("department = \"xtszfb\"", "department = \"xt\"");
    Tree::valid().assert_one(
        NEW_D,
        &text,
        6,
        "unknown department `xt`: not in departments.toml",
    );
    let text = regulation("").replace("[\"xtszfb\"]", "[]");
    Tree::valid().assert_one(NEW, &text, 5, "`issuers` must list at least one department");
}

#[test]
fn vocabulary_codes_are_valid_and_unique() {
    let tree = Tree::valid();
    let departments = tree.read("departments.toml");
    let extra = "\n[[department]]\ncode = \"xtszf\"\nname = \"重复\"\nshort = \"重复\"\n\
                 \n[[department]]\ncode = \"XT Bad\"\nname = \"坏\"\nshort = \"坏\"\n";
    tree.write("departments.toml", departments + extra);
    let topics = tree.read("topics.toml");
    tree.write("topics.toml", topics + "\n[[topic]]\nname = \"无代码\"\n");
    tree.assert_problems(&[
        (
            "departments.toml",
            17,
            "duplicate code `xtszf`: already used on line 7",
        ),
        (
            "departments.toml",
            22,
            "invalid code \"XT Bad\": use lowercase ASCII letters, digits and '-'",
        ),
        ("topics.toml", 9, "missing required field `code`"),
    ]);
}

#[test]
fn site_and_vocabulary_files_are_checked() {
    let tree = Tree::valid();
    tree.write("site.toml", "name = \"\"\n");
    tree.write(
        "topics.toml",
        "[[topic]]\ncode = \"a\"\nname = \"甲\"\ncolour = 1\n",
    );
    std::fs::remove_file(tree.content.join("departments.toml")).expect("rm");
    tree.assert_problems(&[
        ("departments.toml", 1, "file not found"),
        ("site.toml", 1, "`name` must not be empty"),
        (
            "topics.toml",
            4,
            "unknown field `colour`, expected `code` or `name`",
        ),
    ]);
}

#[test]
fn attachment_paths_stay_inside_the_content_folder() {
    let attach = |file: &str| {
        regulation(&format!(
            "[[attachments]]\nfile = \"{file}\"\nsha256 = \"{}\"\n",
            "0".repeat(64)
        ))
    };
    let cases = [
        (
            "../secret.txt",
            "attachment path \"../secret.txt\" must not contain `..`",
        ),
        (
            "attachments/../../x",
            "attachment path \"attachments/../../x\" must not contain `..`",
        ),
        (
            "/etc/passwd",
            "attachment path \"/etc/passwd\" must be relative to the content folder",
        ),
        (
            "attachments/none.pdf",
            "attachment file \"attachments/none.pdf\" does not exist",
        ),
    ];
    for (file, message) in cases {
        Tree::valid().assert_one(NEW, &attach(file), 9, message);
    }
}

#[cfg(unix)]
#[test]
fn attachment_symlinks_out_of_the_folder_are_refused() {
    let tree = Tree::valid();
    let outside = tree.content.parent().expect("temp dir").join("outside.txt");
    std::fs::write(&outside, "secret").expect("write");
    std::os::unix::fs::symlink(&outside, tree.content.join("attachments/link.txt"))
        .expect("symlink");
    let text = regulation(&format!(
        "[[attachments]]\nfile = \"attachments/link.txt\"\nsha256 = \"{}\"\n",
        "0".repeat(64)
    ));
    tree.assert_one(
        NEW,
        &text,
        9,
        "attachment \"attachments/link.txt\" lies outside the content folder",
    );
}

#[test]
fn attachment_hashes_must_match() {
    let tree = Tree::valid();
    tree.write("attachments/shuzi-zhengfu-2022.txt", "changed\n");
    let actual = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(b"changed\n"));
    let message = format!(
        "sha256 does not match attachments/shuzi-zhengfu-2022.txt: the file's sha256 is {actual}"
    );
    tree.assert_problems(&[("regulations/shuzi-zhengfu-2022.md", 23, &message)]);

    let upper = format!(
        "[[attachments]]\nfile = \"attachments/shuzi-zhengfu-2022.txt\"\nsha256 = \"{}\"\n",
        "A".repeat(64)
    );
    let message = format!("sha256 {:?} is not 64 lowercase hex digits", "A".repeat(64));
    Tree::valid().assert_one(NEW, &regulation(&upper), 10, &message);
    let missing = "[[attachments]]\nfile = \"attachments/shuzi-zhengfu-2022.txt\"\n";
    Tree::valid().assert_one(
        NEW,
        &regulation(missing),
        8,
        "attachment is missing required field `sha256`",
    );
}

#[test]
fn disclosures_need_a_catalogue_index_number_and_summary() {
    let cases = [
        (
            "catalogue = [\"法定主动公开内容\"]",
            "catalogue = []",
            7,
            "`catalogue` must have at least one segment",
        ),
        (
            "catalogue = [\"法定主动公开内容\"]",
            "catalogue = [\"政策\", \" \"]",
            7,
            "a `catalogue` segment must not be empty",
        ),
        (
            "index_no = \"430300000/2024-00099\"",
            "index_no = \"\"",
            4,
            "`index_no` must not be empty",
        ),
        (
            "summary = \"摘要。\"",
            "summary = \"  \"",
            10,
            "`summary` must not be empty",
        ),
        (
            "summary = \"摘要。\"\n",
            "",
            1,
            "missing required field `summary`",
        ),
    ];
    for (from, to, line, message) in cases {
        Tree::valid().assert_one(NEW_D, &disclosure("").replace(from, to), line, message);
    }
}

#[test]
fn unreadable_files_get_one_clear_problem() {
    let cases: [(&[u8], usize, &str); 6] = [
        (
            b"",
            1,
            "missing front matter: the file must start with a `+++` line",
        ),
        (
            b"title = \"x\"\n+++\n",
            1,
            "missing front matter: the file must start with a `+++` line",
        ),
        (
            b"+++\ntype = \"regulation\"\n",
            1,
            "front matter is not closed: no `+++` line after the opening one",
        ),
        (
            b"+++\ntype = \"regulation\"\n\xff\xfe\x00\x01",
            3,
            "not UTF-8 text",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00", 1, "not UTF-8 text"),
        (
            b"+++\ntype = \"regulation\"\nid = \"a\"\ntitle = \"unclosed\n+++\n",
            4,
            "invalid basic string",
        ),
    ];
    for (bytes, line, message) in cases {
        let tree = Tree::valid();
        tree.write(NEW, bytes);
        tree.assert_problems(&[(NEW, line, message)]);
    }
}

#[test]
fn hostile_toml_is_refused_without_crashing() {
    let deep = format!(
        "+++\ntype = \"regulation\"\nx = {}{}\n+++\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    Tree::valid().assert_one(NEW, &deep, 3, "recursion limit exceeded");
    let text = "+++\ntype = 5\n+++\n";
    Tree::valid().assert_one(NEW, text, 2, "invalid type: integer `5`, expected a string");
    let text = regulation("title = \"again\"\n");
    Tree::valid().assert_one(NEW, &text, 8, "duplicate key `title` in document root");
}

#[test]
fn a_bom_and_crlf_line_ends_are_accepted_and_lines_stay_right() {
    let tree = Tree::valid();
    let text = format!("\u{feff}{}", regulation("").replace('\n', "\r\n"));
    tree.write(NEW, &text);
    let run = tree.check();
    run.assert_clean();

    let content = gongkai::validate::check(&tree.content).expect("clean");
    let item = content
        .items
        .iter()
        .find(|i| i.item.id() == "new-doc")
        .expect("new-doc");
    assert_eq!(
        (item.body().unwrap().as_str(), item.body_line),
        ("第一条 正文。\n", 9)
    );

    let bad = text.replace("status = \"现行有效\"", "status = \"有效\"");
    let message =
        "unknown status \"有效\": expected one of 现行有效, 已修改, 已废止, 尚未生效, 已失效";
    tree.assert_one(NEW, &bad, 7, message);
}

#[test]
fn a_50_mb_file_is_checked() {
    let tree = Tree::valid();
    let line = "第一条 为规范政务服务，根据有关法律法规，结合本市实际，制定本办法。\n";
    let body = line.repeat(50 * 1024 * 1024 / line.len() + 1);
    tree.write(NEW, regulation("") + &body);
    let run = tree.check();
    run.assert_clean();
    tree.write(NEW, regulation("").replace("现行有效", "有效") + &body);
    tree.assert_problems(&[(
        NEW,
        7,
        "unknown status \"有效\": expected one of 现行有效, 已修改, 已废止, 尚未生效, 已失效",
    )]);
}

#[test]
fn one_run_reports_every_problem_sorted_by_path_and_line() {
    let tree = Tree::valid();
    tree.write(
        "regulations/a-bad.md",
        regulation("written = 2022-02-01\npublished = 2022-01-01\n").replace("现行有效", "生效"),
    );
    tree.write(
        "disclosures/b-bad.md",
        disclosure("").replace("department = \"xtszfb\"", "department = \"xt\""),
    );
    tree.write("regulations/c-empty.md", "");
    tree.edit("site.toml", "name", "title");
    tree.assert_problems(&[
        (
            "disclosures/b-bad.md",
            6,
            "unknown department `xt`: not in departments.toml",
        ),
        (
            "regulations/a-bad.md",
            7,
            "unknown status \"生效\": expected one of 现行有效, 已修改, 已废止, 尚未生效, 已失效",
        ),
        (
            "regulations/a-bad.md",
            9,
            "`published` 2022-01-01 is before `written` 2022-02-01",
        ),
        (
            "regulations/c-empty.md",
            1,
            "missing front matter: the file must start with a `+++` line",
        ),
        (
            "site.toml",
            1,
            "unknown field `title`, expected one of `name`, `base_url`, `publish_within_days`, `index_no_pattern`",
        ),
    ]);
    assert_eq!(tree.check().stderr.trim(), "checked 9 items: 5 problems");
}

#[test]
fn a_broken_file_does_not_make_links_to_it_dangle() {
    // Regression: an unknown field in guanli-2021 hid its id, so every link to it was reported too.
    let tree = Tree::valid();
    let rel = "regulations/dating/guanli-2021.md";
    tree.edit(
        rel,
        "status = \"现行有效\"",
        "status = \"现行有效\"\nsource = \"x\"",
    );
    let run = tree.check();
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    assert!(run
        .stdout
        .starts_with(&tree.line(rel, 11, "unknown field `source`")));
}

#[test]
fn attachments_folders_hidden_files_and_symlinked_folders_are_skipped() {
    let tree = Tree::valid();
    tree.write("attachments/more/notes.md", "not an item");
    tree.write("regulations/.draft.md", "not an item");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&tree.content, tree.content.join("regulations/loop"))
        .expect("symlink");
    let run = tree.check();
    assert_eq!(
        (run.code, run.stderr.trim()),
        (Some(0), "checked 6 items: no problems")
    );
}

#[test]
fn a_missing_content_folder_is_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("nowhere");
    let run = run_check(&missing);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains(&missing.display().to_string()),
        "{}",
        run.stderr
    );
}

#[test]
fn a_body_changed_after_checking_is_refused_with_its_path() {
    let tree = Tree::valid();
    let content = gongkai::validate::check(&tree.content).expect("clean");
    let item = &content.items[2];
    let shown = item.shown.display().to_string();
    let text = std::fs::read_to_string(&item.shown).expect("read");
    assert_eq!(item.body().unwrap(), "第一章 总则\n");

    // Front matter edits do not matter to the body; a body edit does.
    std::fs::write(&item.shown, text.replace("第一章 总则", "第一章 总 则")).expect("write");
    let err = item.body().unwrap_err().to_string();
    assert_eq!(
        err,
        format!("{shown}:1: changed while the site was being built; build again")
    );
    std::fs::remove_file(&item.shown).expect("rm");
    let err = item.body().unwrap_err().to_string();
    assert_eq!(err, format!("{shown}:1: file not found"));
}

#[test]
fn abbreviations_are_checked_entry_by_entry() {
    let tree = Tree::valid();
    tree.write(
        "abbreviations.toml",
        "[[abbreviation]]\nshort = \"电政办法\"\nfull = \"电子政务管理办法\"\n\n\
         [[abbreviation]]\nshort = \"办法\"\nfull = \"办法\"\n\n\
         [[abbreviation]]\nshort = \"x\"\nfull = [\"全称\"]\n\n\
         [[abbreviation]]\nshort = \"电政办法\"\nfull = \"另一个办法\"\n\n\
         [[abbreviation]]\nfull = \"没有简称\"\n",
    );
    let run = tree.check();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    for (line, message) in [
        (6, "\"办法\" is the short form itself"),
        (
            10,
            "the short form \"x\" has 1 characters; 2–12 are allowed",
        ),
        (14, "duplicate short form \"电政办法\": already on line 2"),
        (17, "missing required field `short`"),
    ] {
        let expected = tree.line("abbreviations.toml", line, message);
        assert!(
            run.stdout.contains(&expected),
            "want {expected}\nin {}",
            run.stdout
        );
    }
    let tree = Tree::valid();
    tree.write(
        "abbreviations.toml",
        "[[abbreviation]]\nshort = \"电政办法\"\nfull = 5\n",
    );
    let run = tree.check();
    assert_eq!(run.code, Some(1));
    assert!(
        run.stdout.contains("abbreviations.toml:3:"),
        "{}",
        run.stdout
    );
}

#[test]
fn publication_links_agree_both_ways() {
    // The disclosure names the regulation it publishes; the regulation names it back.
    let tree = Tree::valid();
    let publishes = "publishes = \"dating-guanli-2021\"\n";
    tree.write(NEW_D, disclosure(publishes));
    let back = tree.content.join("regulations/dating/guanli-2021.md");
    let msg = format!(
        "publishes lists `dating-guanli-2021`, but {} does not list `new-item` in links.published_by",
        back.display()
    );
    tree.assert_problems(&[(NEW_D, 11, &msg)]);
    tree.edit(
        "regulations/dating/guanli-2021.md",
        "[links]\n",
        "[links]\npublished_by = [\"new-item\"]\n",
    );
    let run = tree.check();
    run.assert_clean();

    tree.write(
        NEW_D,
        disclosure("publishes = \"xtszfb-2021-dating-guanli\"\n"),
    );
    tree.assert_problems(&[
        ("disclosures/zz-new.md", 11, "publishes: `xtszfb-2021-dating-guanli` is not a regulation"),
        (
            "regulations/dating/guanli-2021.md",
            line_of(&tree, "regulations/dating/guanli-2021.md", "published_by"),
            &format!(
                "links.published_by lists `new-item`, but {} does not list `dating-guanli-2021` in publishes",
                tree.content.join(NEW_D).display()
            ),
        ),
    ]);
    tree.write(NEW_D, disclosure("publishes = \"nothing-here\"\n"));
    let run = tree.check();
    let want = tree.line(NEW_D, 11, "publishes: no item has id `nothing-here`");
    assert!(run.stdout.lines().any(|l| l == want), "{}", run.stdout);
}

/// The 1-based line of the first line of `rel` that starts with `key`.
fn line_of(tree: &Tree, rel: &str, key: &str) -> usize {
    let text = tree.read(rel);
    1 + text.lines().position(|l| l.starts_with(key)).expect(key)
}
