//! `data/catalogue.csv`: the catalogue for spreadsheets and open-data portals (docs/OPEN-DATA.md).
//!
//! UTF-8 with a BOM (so Excel reads the Chinese correctly), CRLF line ends and RFC 4180 quoting.
//! A cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or
//! a CR) gets a leading `'`, and so does one that already starts with `'`, so the guard can be
//! undone exactly: drop one leading `'` from any cell that has it.

use gongkai_core::site::{absolute_url, item_route, Catalogue, ItemSummary};
use std::borrow::Cow;
use std::collections::HashMap;

/// The header row: Chinese name and English key of each column.
pub const HEADER: [&str; 12] = [
    "标识 id",
    "类型 kind",
    "标题 title",
    "文号 doc_no",
    "发文机关代码 department_codes",
    "发文机关 departments",
    "日期 date",
    "类别 category",
    "时效性 status",
    "主题代码 topic_codes",
    "主题 topics",
    "网址 url",
];

/// Joins the values of a many-valued cell (codes, names).
const JOIN: &str = "；";

/// Looks up names and builds URLs for the rows.
struct Cx<'a> {
    base_url: Option<&'a str>,
    departments: HashMap<&'a str, &'a str>,
    topics: HashMap<&'a str, &'a str>,
}

/// The whole file: BOM, header, one row per catalogue item in catalogue order.
pub fn csv(catalogue: &Catalogue, base_url: Option<&str>) -> Vec<u8> {
    let cx = Cx {
        base_url,
        departments: catalogue
            .departments
            .iter()
            .map(|d| (d.code.as_str(), d.name.as_str()))
            .collect(),
        topics: catalogue
            .topics
            .iter()
            .map(|t| (t.code.as_str(), t.name.as_str()))
            .collect(),
    };
    let mut out = String::from("\u{feff}");
    record(&mut out, &HEADER.map(String::from));
    for item in &catalogue.items {
        record(&mut out, &row(item, &cx));
    }
    out.into_bytes()
}

fn row(item: &ItemSummary, cx: &Cx<'_>) -> [String; 12] {
    let names = |codes: &[String], names: &HashMap<&str, &str>| {
        let name = |c: &String| names.get(c.as_str()).copied().unwrap_or(c).to_string();
        codes.iter().map(name).collect::<Vec<_>>().join(JOIN)
    };
    let route = item_route(&item.id);
    [
        item.id.clone(),
        item.kind.clone(),
        item.title.clone(),
        item.doc_no.clone().unwrap_or_default(),
        item.departments.join(JOIN),
        names(&item.departments, &cx.departments),
        item.date.map(|d| d.to_string()).unwrap_or_default(),
        item.category.clone(),
        item.status
            .map(|s| s.label().to_string())
            .unwrap_or_default(),
        item.topics.join(JOIN),
        names(&item.topics, &cx.topics),
        cx.base_url
            .map_or(route.clone(), |b| absolute_url(b, &route)),
    ]
}

/// One record and its CRLF.
fn record(out: &mut String, cells: &[String]) {
    for (i, value) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&quote(&defuse(value)));
    }
    out.push_str("\r\n");
}

/// The formula guard: see the module comment.
fn defuse(value: &str) -> Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// RFC 4180: a cell holding a comma, a quote or a line break is quoted, its quotes doubled.
fn quote(value: &str) -> Cow<'_, str> {
    if value.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", value.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(value)
    }
}

#[cfg(test)]
mod tests {
    use super::{csv, defuse, quote};
    use gongkai_core::site::{Catalogue, ItemSummary, SiteInfo};
    use gongkai_core::{Date, Department, Status, Topic};

    fn catalogue(title: &str) -> Catalogue {
        Catalogue {
            format: 1,
            site: SiteInfo {
                name: "测试".into(),
                data_as_of: None,
                base_url: None,
            },
            departments: vec![Department {
                code: "a".into(),
                name: "甲局".into(),
                short: "甲".into(),
                index_prefix: None,
            }],
            topics: vec![Topic {
                code: "t".into(),
                name: "主题".into(),
            }],
            items: vec![ItemSummary {
                id: "x".into(),
                kind: "regulation".into(),
                title: title.into(),
                doc_no: Some("甲发〔2020〕1号".into()),
                departments: vec!["a".into(), "b".into()],
                date: Date::new(2020, 3, 1),
                category: "规章".into(),
                status: Some(Status::Current),
                topics: vec!["t".into()],
                effective: None,
                expires: None,
            }],
        }
    }

    fn rows(bytes: &[u8]) -> Vec<String> {
        let text = std::str::from_utf8(bytes).unwrap();
        let text = text.strip_prefix('\u{feff}').expect("a BOM");
        let rows: Vec<&str> = text.split_terminator("\r\n").collect();
        rows.into_iter().map(String::from).collect()
    }

    #[test]
    fn a_row_has_every_field_with_names_and_a_relative_route_without_base_url() {
        let out = csv(&catalogue("办法"), None);
        let rows = rows(&out);
        assert_eq!(rows.len(), 2);
        assert!(rows[0].starts_with("标识 id,类型 kind,标题 title,"));
        assert_eq!(
            rows[1],
            "x,regulation,办法,甲发〔2020〕1号,a；b,甲局；b,2020-03-01,规章,现行有效,t,主题,/items/x/"
        );
    }

    #[test]
    fn the_url_is_absolute_with_a_base_url() {
        let out = csv(&catalogue("办法"), Some("https://a.example/"));
        assert!(rows(&out)[1].ends_with(",https://a.example/items/x/"));
    }

    #[test]
    fn commas_quotes_and_line_breaks_are_quoted() {
        let out = csv(&catalogue("关于\"甲,乙\"的\r\n通知"), None);
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(",\"关于\"\"甲,乙\"\"的\r\n通知\","), "{text}");
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a\nb"), "\"a\nb\"");
    }

    #[test]
    fn a_cell_a_spreadsheet_would_run_as_a_formula_gets_a_leading_apostrophe() {
        for bad in [
            "=HYPERLINK(\"x\")",
            "+1",
            "-1+2",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "'x",
        ] {
            assert_eq!(defuse(bad), format!("'{bad}"), "{bad:?}");
        }
        assert_eq!(defuse("普通标题"), "普通标题");
        let out = csv(&catalogue("=cmd|' /C calc'!A0"), None);
        assert!(rows(&out)[1].contains(",'=cmd|' /C calc'!A0,"));
    }
}
