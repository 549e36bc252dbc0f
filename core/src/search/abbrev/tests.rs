use super::*;

fn dict(text: &str) -> Abbreviations {
    Abbreviations::parse(text).unwrap()
}

/// The file as written, with its sources.
const WRITTEN: &str = include_str!("../abbreviations.txt");

#[test]
fn every_builtin_line_is_valid_and_sourced() {
    let (entries, errors) = parse_lines(WRITTEN);
    assert_eq!(errors, [], "bad lines in abbreviations.txt");
    assert_eq!(
        parse_lines(BUILTIN).0,
        entries,
        "build.rs keeps every entry"
    );
    let sources: Vec<String> = WRITTEN
        .lines()
        .filter_map(|l| l.strip_prefix("# [").and_then(|r| r.split_once(']')))
        .map(|(id, _)| id.to_string())
        .collect();
    for line in WRITTEN
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let ids = line.split('\t').nth(2).unwrap_or_default();
        assert!(!ids.is_empty(), "no source: {line}");
        for id in ids.split(',') {
            assert!(
                sources.iter().any(|s| s == id.trim()),
                "source {id} undefined: {line}"
            );
        }
    }
    assert_eq!(
        Abbreviations::builtin().len(),
        entries.len(),
        "no short form twice"
    );
}

#[test]
fn a_short_form_expands_in_place_folded() {
    let d = dict("食安法\t食品安全法\tS1\n5G\t第五代移动通信\tS1\n医保\t医疗保险|医疗保障\tS1\n");
    assert_eq!(d.expand("食安法 处罚"), ["食品安全法 处罚"]);
    assert_eq!(d.expand("５ｇ基站"), ["第五代移动通信基站"]);
    assert_eq!(
        d.expand("醫保"),
        ["医疗保险", "医疗保障"],
        "traditional input folds first"
    );
    assert!(
        d.expand("5GHz").is_empty(),
        "not inside a longer Latin word"
    );
    assert!(d.expand("食品安全").is_empty());
    assert_eq!(d.expand("违反食安法"), ["违反食品安全法"]);
    assert!(
        d.expand("最低医保修").is_empty(),
        "a Han short form inside a longer word"
    );
}

#[test]
fn the_longest_short_form_at_the_leftmost_place_wins() {
    let d = dict("安法\tX法\tS1\n食安法\t食品安全法\tS1\n");
    assert_eq!(d.expand("食安法"), ["食品安全法"]);
}

#[test]
fn bad_lines_are_reported_with_their_numbers() {
    let errors =
        Abbreviations::parse("# ok\n食安法\n环保法\t环保法\nx\t全称\n好\t好的\tS1\n").unwrap_err();
    let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [2, 3, 4, 5]);
    assert!(
        errors[1].message.contains("short form itself"),
        "{errors:?}"
    );
}

#[test]
fn site_entries_replace_builtin_ones() {
    let builtin = dict("环保法\t环境保护法\tS1\n");
    let site = dict("环保法\t湘潭市环境保护条例\n");
    assert_eq!(builtin.with(site).expand("环保法"), ["湘潭市环境保护条例"]);
}

#[test]
fn the_site_file_reads_back() {
    let entries = vec![("电政办法".to_string(), vec!["电子政务管理办法".to_string()])];
    let parsed = Abbreviations::parse(&site_file(&entries)).unwrap();
    assert_eq!(parsed.expand("电政办法"), ["电子政务管理办法"]);
}
