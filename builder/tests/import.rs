//! `gongkai import lawrefbook`: a fixture corpus with every folder rule, and the whole real corpus.

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_gongkai");
const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/corpus/lawrefbook"
);

const NURSE_LAW: &str = "# 护士条例\n\n2008年1月31日 中华人民共和国国务院令第517号公布\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 为了维护护士的合法权益，制定本条例。\n";

/// The fixture corpus: one file per folder rule, two versions of one law, one broken file.
const FIXTURE: &[(&str, &str)] = &[
    ("行政法规/护士条例(2008-01-31).md", NURSE_LAW),
    ("行政法规/护士条例(2020-03-27).md", NURSE_LAW),
    ("行政法规/坏文件(2020-01-01).md", "第一条 没有标题。\n"),
    (
        "部门规章/公安部/公安机关办理行政案件程序规定(2019-04-27).md",
        "# 公安机关办理行政案件程序规定\n\n２０１２年１２月３日 公安部部长办公会议通过\n\n２０１２年１２月１９日 中华人民共和国公安部令第１２５号发布，\n\n２０１３年１月１日 施行\n\n<!-- INFO END -->\n第一条 …\n",
    ),
    (
        "DLC/广东地方法规/地方性法规/广东/东莞市文明行为促进条例(2023-02-23).md",
        "# 东莞市文明行为促进条例\n\n2023年1月6日 东莞市第十七届人民代表大会常务委员会第九次会议通过\n\n2023年2月10日 广东省第十四届人民代表大会常务委员会第一次会议批准）\n\n<!-- INFO END -->\n\n## 第一章 总 则\n\n第一条 …\n",
    ),
    ("DLC/北京地方法规/地方性法规/北京/北京市养犬管理规定.md", "# 北京市养犬管理规定\n\n<!-- INFO END -->\n\n第一条 …\n"),
    (
        "司法解释/最高人民法院、最高人民检察院关于办理危害食品安全刑事案件适用法律若干问题的解释(2021-12-30).md",
        "# 最高人民法院、最高人民检察院关于办理危害食品安全刑事案件适用法律若干问题的解释\n\n2021年12月13日 最高人民法院审判委员会第1856次会议通过\n\n2022年1月1日 施行\n\n<!-- INFO END -->\n\n第一条 …\n",
    ),
    ("刑法/刑法.md", "# 中华人民共和国刑法\n\n1979年7月1日 第五届全国人民代表大会第二次会议通过\n\n<!-- INFO END -->\n\n第一条 …\n"),
    (
        "宪法相关法/立法法(2023-03-13).md",
        "# 中华人民共和国立法法\n\n2000年3月15日 第九届全国人民代表大会第三次会议通过\n\n2015年3月15日 第十二届全国人民代表大会第三次会议《关于修改〈中华人民共和国立法法〉的决定》第一次修正\n\n<!-- INFO END -->\n\n第一条 …\n",
    ),
    ("其他/人体损伤程度鉴定标准(2014-01-01).md", "# 人体损伤程度鉴定标准\n\n<!-- INFO END -->\n\n## 范围\n\n本标准规定了人体损伤程度鉴定的原则。\n"),
];

fn write_fixture(root: &Path) {
    for (rel, text) in FIXTURE {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

fn import(src: &Path, dest: &Path) -> Output {
    Command::new(BIN)
        .args(["import", "lawrefbook"])
        .arg(src)
        .arg(dest)
        .output()
        .unwrap()
}

fn id_of(rel: &str) -> String {
    format!("law-{}", &hex::encode(Sha256::digest(rel.as_bytes()))[..16])
}

fn code(name: &str) -> String {
    gongkai::import::department_code(name)
}

/// Every file under `root`, by relative path.
fn read_tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(
                    path.strip_prefix(root).unwrap().to_path_buf(),
                    fs::read(&path).unwrap(),
                );
            }
        }
    }
    out
}

/// The written item for a source path: its front matter as TOML, and its body.
fn item(dest: &Path, topic: &str, rel: &str) -> (toml::Table, String) {
    let path = dest.join(format!("regulations/{topic}/{}.md", id_of(rel)));
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rest = text
        .strip_prefix("+++\n")
        .expect("front matter opens the file");
    let (front, body) = rest.split_once("+++\n").expect("front matter is closed");
    (
        front.parse().expect("front matter is TOML"),
        body.to_string(),
    )
}

fn fixture_import() -> (tempfile::TempDir, PathBuf, Output) {
    let tmp = tempfile::tempdir().unwrap();
    let (src, dest) = (tmp.path().join("corpus"), tmp.path().join("content"));
    write_fixture(&src);
    let out = import(&src, &dest);
    (tmp, dest, out)
}

#[test]
fn fixture_corpus_imports_every_rule_and_reports_the_broken_file() {
    let (_tmp, dest, out) = fixture_import();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "a file without a title must fail the import\n{stderr}"
    );
    assert!(
        stderr.contains("行政法规/坏文件(2020-01-01).md: no title"),
        "{stderr}"
    );
    for line in [
        "files seen    10",
        "imported      9",
        "errors        1",
        "文号 found     3 (kept 2; 1 left",
    ] {
        assert!(stdout.contains(line), "{line:?} missing from\n{stdout}");
    }
    assert_eq!(
        fs::read_to_string(dest.join("site.toml")).unwrap(),
        "name = \"法律法规库（LawRefBook）\"\n"
    );
}

#[test]
fn fixture_front_matter_is_exact() {
    let (_tmp, dest, _) = fixture_import();
    let rel = "行政法规/护士条例(2020-03-27).md";
    let text =
        fs::read_to_string(dest.join(format!("regulations/xingzheng-fagui/{}.md", id_of(rel))))
            .unwrap();
    let expected = format!(
        "+++\ntype = \"regulation\"\nid = \"{}\"\ntitle = \"护士条例\"\ndoc_no = \"中华人民共和国国务院令第517号\"\nissuers = [\"{}\"]\nkind = \"行政法规\"\nlevel = \"行政法规\"\npublished = 2020-03-27\nstatus = \"现行有效\"\ntopics = [\"xingzheng-fagui\"]\n+++\n## 第一章 总则\n\n第一条 为了维护护士的合法权益，制定本条例。\n",
        id_of(rel),
        code("国务院"),
    );
    assert_eq!(text, expected);
    let (old, _) = item(&dest, "xingzheng-fagui", "行政法规/护士条例(2008-01-31).md");
    assert_eq!(
        old.get("doc_no"),
        None,
        "the older version gives its 文号 to the newer"
    );
    assert_eq!(old["status"].as_str(), Some("已修改"));
}

fn date(t: &toml::Table, key: &str) -> Option<String> {
    t.get(key)
        .map(|v| v.as_datetime().expect("a TOML date").to_string())
}

fn strings(t: &toml::Table, key: &str) -> Vec<String> {
    t[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn fixture_fields_follow_folder_and_provenance() {
    let (_tmp, dest, _) = fixture_import();
    let (rule, body) = item(
        &dest,
        "bumen-guizhang",
        "部门规章/公安部/公安机关办理行政案件程序规定(2019-04-27).md",
    );
    assert_eq!(
        (rule["kind"].as_str(), rule["level"].as_str()),
        (Some("规章"), Some("部门规章"))
    );
    assert_eq!(
        rule["doc_no"].as_str(),
        Some("中华人民共和国公安部令第125号")
    );
    assert_eq!(strings(&rule, "issuers"), [code("公安部")]);
    assert_eq!(date(&rule, "written").as_deref(), Some("2012-12-03"));
    assert_eq!(
        date(&rule, "effective"),
        None,
        "施行 2013 precedes the 2019 version: left out"
    );
    assert_eq!(body, "第一条 …\n");

    let (local, _) = item(
        &dest,
        "difang-fagui",
        "DLC/广东地方法规/地方性法规/广东/东莞市文明行为促进条例(2023-02-23).md",
    );
    assert_eq!(
        strings(&local, "issuers"),
        [code("东莞市人民代表大会常务委员会")]
    );
    assert_eq!(
        (
            date(&local, "written").as_deref(),
            date(&local, "published").as_deref()
        ),
        (Some("2023-01-06"), Some("2023-02-23"))
    );
    let (bare, _) = item(
        &dest,
        "difang-fagui",
        "DLC/北京地方法规/地方性法规/北京/北京市养犬管理规定.md",
    );
    assert_eq!(
        strings(&bare, "issuers"),
        [code("北京市人民代表大会常务委员会")]
    );
    assert_eq!((bare.get("published"), bare.get("written")), (None, None));

    let (judicial, _) = item(&dest, "sifa-jieshi", FIXTURE[6].0);
    assert_eq!(
        strings(&judicial, "issuers"),
        [code("最高人民法院"), code("最高人民检察院")]
    );
    assert_eq!(date(&judicial, "effective").as_deref(), Some("2022-01-01"));

    let (criminal, _) = item(&dest, "xingfa", "刑法/刑法.md");
    assert_eq!(strings(&criminal, "issuers"), [code("全国人民代表大会")]);
    assert_eq!(criminal["kind"].as_str(), Some("法律"));
    let (legislation, _) = item(
        &dest,
        "xianfa-xiangguanfa",
        "宪法相关法/立法法(2023-03-13).md",
    );
    assert_eq!(strings(&legislation, "issuers"), [code("全国人民代表大会")]);

    let (other, _) = item(&dest, "qita", "其他/人体损伤程度鉴定标准(2014-01-01).md");
    assert_eq!(
        (other["kind"].as_str(), other.get("level")),
        (Some("其他政策文件"), None)
    );
    assert_eq!(strings(&other, "topics"), ["qita"]);
}

#[test]
fn vocabularies_list_every_issuer_and_topic_once() {
    let (_tmp, dest, _) = fixture_import();
    let deps: toml::Table = fs::read_to_string(dest.join("departments.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let names: Vec<&str> = deps["department"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 8, "{names:?}");
    assert!(names.contains(&"未注明发文机关"));
    let topics: toml::Table = fs::read_to_string(dest.join("topics.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let codes: Vec<&str> = topics["topic"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "xianfa-xiangguanfa",
            "xingfa",
            "xingzheng-fagui",
            "bumen-guizhang",
            "sifa-jieshi",
            "difang-fagui",
            "qita"
        ]
    );
}

#[test]
fn output_is_byte_identical_across_runs_and_dest_must_be_empty() {
    let (tmp, dest, _) = fixture_import();
    let again = tmp.path().join("again");
    import(&tmp.path().join("corpus"), &again);
    assert_eq!(read_tree(&dest), read_tree(&again));
    let refused = import(&tmp.path().join("corpus"), &dest);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("is not empty"));
}

#[test]
fn whole_real_corpus_imports_and_checks_clean() {
    let corpus = Path::new(CORPUS);
    assert!(
        corpus.is_dir(),
        "the real corpus is missing: expected it at {CORPUS} (see shared/corpus/SOURCE.md)"
    );
    let tmp = tempfile::tempdir().unwrap();
    let dest = tmp.path().join("content");
    let out = import(corpus, &dest);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "import failed\n{stdout}\n{stderr}"
    );
    for line in [
        "files seen    3423",
        "imported      3423",
        "errors        0",
    ] {
        assert!(stdout.contains(line), "{line:?} missing from\n{stdout}");
    }
    let check = Command::new(BIN)
        .arg("check")
        .arg("--content")
        .arg(&dest)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&check.stdout);
    let head: String = report.lines().take(20).collect::<Vec<_>>().join("\n");
    assert_eq!(
        check.status.code(),
        Some(0),
        "check found problems:\n{head}\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
}
