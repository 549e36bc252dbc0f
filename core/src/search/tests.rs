//! Engine tests over a small in-memory index: filters, facets, sort, 文号 lookup, articles, bad input.

use super::*;
use crate::date::{Date, DateTime};
use crate::schema::{Disclosure, DisclosureMode, Item, Links, Regulation, RegulationKind, Status};
use crate::search::schema::{schema, Fields};
use crate::search::stored::{StoredArticle, StoredText};
use tantivy::directory::RamDirectory;
use tantivy::Directory;
use tantivy::{Index, IndexSettings};

fn regulation(
    id: &str,
    title: &str,
    doc_no: Option<&str>,
    issuer: &str,
    date: (u16, u8, u8),
    status: Status,
) -> Item {
    Item::Regulation(Regulation {
        id: id.into(),
        title: title.into(),
        doc_no: doc_no.map(|d| crate::docno::normalize(d).unwrap()),
        issuers: vec![issuer.into()],
        kind: RegulationKind::Rule,
        level: None,
        written: None,
        published: Date::new(date.0, date.1, date.2),
        effective: None,
        expires: None,
        status,
        topics: vec![],
        links: Links::default(),
        attachments: vec![],
        versions: vec![],
    })
}

/// The regulation with a 施行日期.
fn effective_on(mut item: Item, day: (u16, u8, u8)) -> Item {
    if let Item::Regulation(r) = &mut item {
        r.effective = Date::new(day.0, day.1, day.2);
    }
    item
}

/// A regulation issued jointly with one more department.
fn jointly_with(department: &str, item: Item) -> Item {
    match item {
        Item::Regulation(mut r) => {
            r.issuers.push(department.into());
            Item::Regulation(r)
        }
        other => other,
    }
}

fn disclosure(id: &str, title: &str, date: (u16, u8, u8)) -> Item {
    Item::Disclosure(Disclosure {
        id: id.into(),
        index_no: "T/1".into(),
        title: title.into(),
        department: "xzfb".into(),
        catalogue: vec!["法定主动公开内容".into(), "通知公告".into()],
        doc_no: None,
        written: None,
        published: DateTime {
            date: Date::new(date.0, date.1, date.2).unwrap(),
            hour: 9,
            minute: 0,
            second: 0,
            offset_minutes: None,
        },
        mode: DisclosureMode::Proactive,
        summary: String::new(),
        topics: vec![],
        attachments: vec![],
        publishes: None,
    })
}

/// An item with its preamble and `(anchor, label, text)` articles.
type Entry = (
    Item,
    &'static str,
    Vec<(&'static str, &'static str, &'static str)>,
);

fn corpus() -> Vec<Entry> {
    vec![
        (
            effective_on(
                regulation(
                    "hushi",
                    "护士条例",
                    Some("中华人民共和国国务院令第517号"),
                    "gwy",
                    (2008, 1, 31),
                    Status::Current,
                ),
                (2008, 5, 12),
            ),
            "中华人民共和国国务院令第517号",
            vec![
                (
                    "art-1",
                    "第一条",
                    "第一条 为了维护护士的合法权益，规范护理行为，制定本条例。",
                ),
                (
                    "art-7",
                    "第七条",
                    "第七条 护士执业，应当经执业注册取得护士执业证书。",
                ),
            ],
        ),
        (
            regulation(
                "zhengwu",
                "测试市电子政务管理办法",
                Some("潭政办函〔2022〕25号"),
                "szfb",
                (2022, 3, 1),
                Status::Current,
            ),
            "",
            vec![
                ("art-1", "第一条", "第一条 为了规范电子政务，制定本办法。"),
                (
                    "art-2",
                    "第二条",
                    "第二条 本办法适用于本市5G网络和IPv6建设。",
                ),
            ],
        ),
        (
            jointly_with(
                "jsb",
                regulation(
                    "zhengwu-old",
                    "测试市电子政务管理暂行办法",
                    Some("潭政发〔2004〕21号"),
                    "szfb",
                    (2004, 5, 1),
                    Status::Repealed,
                ),
            ),
            "",
            vec![("art-1", "第一条", "第一条 为了规范电子政务，制定本办法。")],
        ),
        (
            disclosure("tongzhi", "关于电子政务平台维护的通知 <b>", (2023, 6, 1)),
            "因系统维护，电子政务平台暂停服务。<script>x</script>",
            vec![],
        ),
    ]
}

pub(crate) fn engine() -> Engine {
    Engine::open(index_dir()).unwrap()
}

/// The test corpus's index files by name, as a site would hold them.
pub(crate) fn index_files() -> Vec<(String, Vec<u8>)> {
    let dir = index_dir();
    let index = Index::open(dir.clone()).unwrap();
    use tantivy::index::SegmentComponent as C;
    let components = [
        C::Postings,
        C::Positions,
        C::Terms,
        C::Store,
        C::FastFields,
        C::FieldNorms,
    ];
    let mut names: Vec<std::path::PathBuf> = index
        .searchable_segment_metas()
        .unwrap()
        .iter()
        .flat_map(|m| components.clone().map(|c| m.relative_path(c)))
        .collect();
    names.push("meta.json".into());
    names.sort();
    names
        .into_iter()
        .filter(|n| dir.exists(n).unwrap())
        .map(|n| {
            let bytes = dir.atomic_read(&n).unwrap();
            (n.to_string_lossy().into_owned(), bytes)
        })
        .collect()
}

pub(crate) fn index_dir() -> RamDirectory {
    let dir = RamDirectory::create();
    let index = Index::create(dir.clone(), schema(), IndexSettings::default()).unwrap();
    tokenizer::register(&index);
    let fields = Fields::of(&index.schema()).unwrap();
    let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
    for (item, preamble, articles) in corpus() {
        let blocks = |texts: &[&str]| {
            texts
                .iter()
                .filter(|t| !t.is_empty())
                .map(|t| t.to_string())
                .collect::<Vec<_>>()
        };
        let all: Vec<&str> = std::iter::once(preamble)
            .chain(articles.iter().map(|a| a.2))
            .collect();
        let stored = StoredText {
            preamble: preamble.to_string(),
            articles: articles
                .iter()
                .map(|(anchor, label, text)| StoredArticle {
                    anchor: anchor.to_string(),
                    label: label.to_string(),
                    text: text.to_string(),
                })
                .collect(),
        };
        writer
            .add_document(fields.item_doc(&item, &blocks(&all), &stored))
            .unwrap();
    }
    writer.commit().unwrap();
    dir
}

pub(crate) fn search(e: &Engine, text: &str) -> Results {
    e.search(&Query::text(text)).unwrap()
}

pub(crate) fn ids(r: &Results) -> Vec<&str> {
    r.hits.iter().map(|h| h.id.as_str()).collect()
}

#[test]
fn words_are_anded_and_articles_deep_link() {
    let e = engine();
    let r = search(&e, "护士 执业注册");
    assert_eq!(ids(&r), ["hushi"]);
    let a = &r.hits[0].articles;
    assert_eq!(
        (a[0].anchor.as_str(), a[0].label.as_str(), a[0].url.as_str()),
        ("art-7", "第七条", "/items/hushi/#art-7")
    );
    assert!(
        a[0].snippet.contains("<mark>执业注册</mark>"),
        "{}",
        a[0].snippet
    );
    assert_eq!(r.hits[0].url, "/items/hushi/");
    assert!(
        search(&e, "护士 电子政务").hits.is_empty(),
        "AND by default"
    );
}

#[test]
fn repealed_items_rank_below_current_ones_and_can_be_filtered_out() {
    let e = engine();
    let r = search(&e, "规范电子政务");
    assert_eq!(ids(&r)[..2], ["zhengwu", "zhengwu-old"]);
    assert!(!r.hits[1].in_force);
    let mut q = Query::text("规范电子政务");
    q.filters = vec![("in_force".into(), "true".into())];
    assert_eq!(ids(&e.search(&q).unwrap()), ["zhengwu"]);
}

#[test]
fn hits_carry_the_dates_their_status_follows() {
    let e = engine();
    let hit = &search(&e, "护士 执业注册").hits[0];
    assert_eq!(hit.effective.as_deref(), Some("2008-05-12"));
    assert_eq!(hit.expires, None);
    let day = |s: &str| s.parse::<Date>().unwrap();
    assert_eq!(
        hit.status_on(day("2008-05-11")),
        Some(Status::NotYetEffective)
    );
    assert_eq!(hit.status_on(day("2008-05-12")), Some(Status::Current));
}

#[test]
fn docno_lookup_in_every_spelling_comes_first() {
    let e = engine();
    for raw in [
        "潭政办函〔2022〕25号",
        "潭政办函[2022]25号",
        "潭政办函(2022)25号",
        "潭政办函（２０２２）２５号",
        "潭政办函〔2022〕025号",
    ] {
        assert_eq!(ids(&search(&e, raw)).first(), Some(&"zhengwu"), "{raw}");
    }
    assert_eq!(
        ids(&search(&e, "中华人民共和国国务院令第517号"))[0],
        "hushi"
    );
    assert_eq!(
        ids(&search(&e, "国务院令第517号"))[0],
        "hushi",
        "part of a 文号 matches as text"
    );
}

#[test]
fn phrases_or_and_exclusion() {
    let e = engine();
    assert_eq!(ids(&search(&e, "\"电子政务平台\"")), ["tongzhi"]);
    assert!(search(&e, "\"政务电子\"").hits.is_empty());
    let r = search(&e, "护士 OR 系统维护");
    let mut or = ids(&r);
    or.sort();
    assert_eq!(or, ["hushi", "tongzhi"]);
    assert_eq!(ids(&search(&e, "电子政务 -暂行 -平台")), ["zhengwu"]);
    assert_eq!(
        search(&e, "-电子政务").total,
        1,
        "only exclusions: browse minus them"
    );
}

#[test]
fn single_characters_latin_and_full_width_input() {
    let e = engine();
    assert_eq!(ids(&search(&e, "士")), ["hushi"]);
    assert_eq!(search(&e, "护").total, 2, "护士 and 维护");
    assert_eq!(ids(&search(&e, "5g")), ["zhengwu"]);
    assert_eq!(ids(&search(&e, "ＩＰｖ６")), ["zhengwu"]);
    assert_eq!(ids(&search(&e, "IPv6建设")), ["zhengwu"]);
}

#[test]
fn facets_count_the_current_query_and_filters_combine() {
    let e = engine();
    let r = search(&e, "电子政务");
    assert_eq!(r.total, 3);
    let year: Vec<(&str, u64)> = r.facets["year"]
        .iter()
        .map(|c| (c.value.as_str(), c.count))
        .collect();
    assert_eq!(year, [("2004", 1), ("2022", 1), ("2023", 1)]);
    assert_eq!(
        r.facets["issuer"][0],
        FacetCount {
            value: "szfb".into(),
            count: 2
        }
    );

    let mut q = Query::text("电子政务");
    q.filters = vec![
        ("year".into(), "2022".into()),
        ("year".into(), "2023".into()),
    ];
    let r = e.search(&q).unwrap();
    assert_eq!(r.total, 2, "OR within a facet");
    assert_eq!(
        r.facets["year"].len(),
        3,
        "a filtered facet still shows its other values"
    );
    q.filters.push(("issuer".into(), "szfb".into()));
    assert_eq!(
        ids(&e.search(&q).unwrap()),
        ["zhengwu"],
        "AND across facets"
    );
    q.filters = vec![("status".into(), "已废止".into())];
    assert_eq!(ids(&e.search(&q).unwrap()), ["zhengwu-old"]);
}

/// Each facet is counted from its own column; an item issued jointly counts under each issuer.
#[test]
fn every_facet_is_counted_and_joint_issuers_count_for_each() {
    let e = engine();
    let counts = |r: &Results, facet: &str| -> Vec<(String, u64)> {
        r.facets[facet]
            .iter()
            .map(|c| (c.value.clone(), c.count))
            .collect()
    };
    let pairs = |p: &[(&str, u64)]| -> Vec<(String, u64)> {
        p.iter().map(|(v, n)| (v.to_string(), *n)).collect()
    };
    let r = search(&e, "");
    assert_eq!(
        counts(&r, "issuer"),
        pairs(&[("szfb", 2), ("gwy", 1), ("jsb", 1), ("xzfb", 1)])
    );
    assert_eq!(
        counts(&r, "status"),
        pairs(&[("现行有效", 2), ("已废止", 1)]),
        "items without a status are not counted under an empty one"
    );
    assert_eq!(counts(&r, "in_force"), pairs(&[("true", 3), ("false", 1)]));
    assert_eq!(counts(&r, "year").len(), 4);
    let mut q = Query::text("");
    q.filters = vec![("issuer".into(), "jsb".into())];
    let r = e.search(&q).unwrap();
    assert_eq!(ids(&r), ["zhengwu-old"], "a joint issuer filters too");
    assert_eq!(
        r.facets["issuer"].len(),
        4,
        "its own facet counted unfiltered"
    );
    assert_eq!(counts(&r, "year"), pairs(&[("2004", 1)]));
}

#[test]
fn empty_query_browses_everything_newest_first() {
    let e = engine();
    let r = search(&e, "");
    assert_eq!(ids(&r), ["tongzhi", "zhengwu", "hushi", "zhengwu-old"]);
    assert_eq!(r.facets["category"].iter().map(|c| c.count).sum::<u64>(), 4);
    assert!(
        !r.hits[2].snippet.is_empty(),
        "browsing shows the start of the text"
    );
    let mut q = Query::text("电子政务");
    q.sort = Sort::Date;
    assert_eq!(
        ids(&e.search(&q).unwrap()),
        ["tongzhi", "zhengwu", "zhengwu-old"]
    );
}

#[test]
fn snippets_and_titles_are_safe_html() {
    let e = engine();
    let r = search(&e, "系统维护");
    let hit = &r.hits[0];
    assert_eq!(
        hit.snippet,
        "因<mark>系统维护</mark>，电子政务平台暂停服务。&lt;script&gt;x&lt;/script&gt;"
    );
    assert!(hit.title_html.ends_with("&lt;b&gt;"), "{}", hit.title_html);
    assert!(hit.articles.is_empty());
}

#[test]
fn bad_input_never_fails() {
    let e = engine();
    for text in [
        "",
        "，。！？",
        "😀🎉",
        "\u{0}\u{1b}[31m",
        "\"护士",
        "OR",
        "-",
        "\"\"",
        "title:护士 AND (",
        "*?~^",
    ] {
        let r = search(&e, text);
        assert!(r.total <= 4, "{text:?}");
    }
    assert_eq!(
        search(&e, "\"护士").hits[0].id,
        "hushi",
        "an unbalanced quote is ignored"
    );
    assert_eq!(
        search(&e, &"护士 ".repeat(5_000)).hits[0].id,
        "hushi",
        "long queries are capped"
    );
    assert_eq!(search(&e, "，。！？").total, 4, "only punctuation: browse");
    let unknown = Query {
        filters: vec![("colour".into(), "red".into())],
        ..Query::default()
    };
    assert!(matches!(
        e.search(&unknown),
        Err(SearchError::UnknownFilter(_))
    ));
    let no_such_value = Query {
        filters: vec![("year".into(), "abc".into())],
        ..Query::default()
    };
    assert_eq!(e.search(&no_such_value).unwrap().total, 0);
    let paging = Query {
        text: "电子政务".into(),
        offset: usize::MAX,
        limit: Some(usize::MAX),
        ..Query::default()
    };
    assert!(e.search(&paging).unwrap().hits.is_empty());
    let counts_only = Query {
        limit: Some(0),
        ..Query::default()
    };
    let r = e.search(&counts_only).unwrap();
    assert_eq!((r.total, r.hits.len()), (4, 0));
}

#[test]
fn a_broken_index_is_a_clear_error() {
    let err =
        Engine::from_files(vec![("meta.json".to_string(), b"{not json".to_vec())]).unwrap_err();
    assert!(matches!(err, SearchError::Open(_)), "{err:?}");
    assert!(matches!(
        Engine::from_files(Vec::new()),
        Err(SearchError::Open(_))
    ));
}

#[test]
fn results_serialize_for_the_worker() {
    let e = engine();
    let json = serde_json::to_value(search(&e, "护士")).unwrap();
    assert_eq!(json["hits"][0]["articles"][0]["anchor"], "art-7");
    assert_eq!(json["hits"][0]["articles"][1]["anchor"], "art-1");
    let q: Query =
        serde_json::from_str(r#"{"text":"护士","filters":[["year","2008"]],"sort":"date"}"#)
            .unwrap();
    assert_eq!(ids(&e.search(&q).unwrap()), ["hushi"]);
}

#[test]
fn facets_can_be_left_out() {
    let e = engine();
    let q = Query::text("电子政务");
    let lean = e.search_with(&q, SearchOptions { facets: false }).unwrap();
    let full = e.search(&q).unwrap();
    assert!(lean.facets.is_empty() && !full.facets.is_empty());
    assert_eq!((lean.total, ids(&lean)), (full.total, ids(&full)));
}

/// A regulation whose current text says 数据共享 and whose earlier text said 信息交换.
fn versioned_engine() -> Engine {
    use crate::schema::{Version, VersionKind};
    let dir = RamDirectory::create();
    let index = Index::create(dir.clone(), schema(), IndexSettings::default()).unwrap();
    tokenizer::register(&index);
    let fields = Fields::of(&index.schema()).unwrap();
    let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
    let item = regulation(
        "banfa",
        "测试市政务数据管理办法",
        None,
        "szfb",
        (2024, 2, 1),
        Status::Current,
    );
    let text = |t: &str| StoredText {
        preamble: String::new(),
        articles: vec![StoredArticle {
            anchor: "art-3".into(),
            label: "第三条".into(),
            text: t.into(),
        }],
    };
    let (now, then) = (
        "第三条 政务部门应当开展数据共享。",
        "第三条 政务部门应当开展信息交换。",
    );
    writer
        .add_document(fields.item_doc(&item, &[now.into()], &text(now)))
        .unwrap();
    let earlier = Version {
        published: Date::new(2015, 6, 1).unwrap(),
        effective: Date::new(2015, 7, 1),
        kind: VersionKind::Enacted,
        amending: None,
    };
    writer
        .add_document(fields.version_doc(&item, &earlier, &[then.into()], &text(then)))
        .unwrap();
    writer.commit().unwrap();
    Engine::open(dir).unwrap()
}

#[test]
fn earlier_texts_are_found_only_when_asked_and_say_which_text_they_are() {
    let e = versioned_engine();
    assert_eq!(
        search(&e, "信息交换").total,
        0,
        "the current text only, by default"
    );
    assert_eq!(
        search(&e, "").total,
        1,
        "browsing lists items, not their versions"
    );
    let asked = Query {
        versions: true,
        ..Query::text("信息交换")
    };
    let r = e.search(&asked).unwrap();
    assert_eq!(r.total, 1);
    let hit = &r.hits[0];
    assert_eq!(
        (hit.id.as_str(), hit.version.as_deref()),
        ("banfa", Some("2015-06-01"))
    );
    assert_eq!(hit.url, "/items/banfa/v/2015-06-01/");
    assert_eq!(hit.articles[0].url, "/items/banfa/v/2015-06-01/#art-3");
    assert_eq!(hit.status.as_deref(), Some("已修改"));
    assert_eq!(hit.date.as_deref(), Some("2015-06-01"));
    let both = Query {
        versions: true,
        ..Query::text("政务部门")
    };
    let r = e.search(&both).unwrap();
    assert_eq!(r.total, 2);
    assert_eq!(r.hits.iter().filter(|h| h.version.is_none()).count(), 1);
    let current = search(&e, "数据共享");
    assert_eq!(
        (current.total, current.hits[0].version.as_deref()),
        (1, None)
    );
    assert_eq!(current.hits[0].url, "/items/banfa/");
}
