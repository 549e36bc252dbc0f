//! Engine tests for queries as people type them: traditional characters, punctuation left out,
//! a word left out (the relaxed fallback), and abbreviations (literal first, site entries).

use super::abbrev::SITE_FILE;
use super::tests::{engine, ids, index_dir, search};
use super::*;
use tantivy::Directory;

#[test]
fn traditional_characters_find_simplified_text() {
    let e = engine();
    let r = search(&e, "測試市電子政務管理辦法");
    assert_eq!(ids(&r)[0], "zhengwu");
    assert_eq!(r.exact, 1, "a full match");
    assert!(
        r.hits[0].title_html.contains("<mark>"),
        "{}",
        r.hits[0].title_html
    );
    assert_eq!(ids(&search(&e, "護士 執業註冊")), ["hushi"]);
}

#[test]
fn punctuation_the_query_leaves_out_does_not_break_a_match() {
    // The text says 合法权益，规范护理行为.
    let r = search(&engine(), "权益规范护理");
    assert_eq!(ids(&r), ["hushi"]);
    assert!(!r.partial, "a full match, not a partial one");
}

#[test]
fn a_word_left_out_finds_the_title_and_says_the_results_are_partial() {
    let e = engine();
    let r = search(&e, "测试市电子政务办法");
    assert_eq!(r.exact, 0);
    assert!(r.partial);
    assert_eq!(
        ids(&r)[0],
        "zhengwu",
        "the current title first, the repealed one after"
    );
    assert!(ids(&r).contains(&"zhengwu-old"));
    let exact = search(&e, "电子政务");
    assert_eq!(exact.total, 3);
    assert!(!exact.partial, "enough full matches: no such notice");
    assert_eq!(exact.exact, exact.total);
    let few = search(&e, "测试市电子政务管理办法");
    assert_eq!(ids(&few)[0], "zhengwu", "the one full match comes first");
    assert_eq!(few.exact, 1);
    assert!(
        !search(&e, "完全无关的查询词语").partial,
        "nothing near enough: still nothing"
    );
    assert_eq!(search(&e, "完全无关的查询词语").total, 0);
}

#[test]
fn expansions_add_matches_but_the_literal_match_stays_first() {
    let dir = index_dir();
    dir.atomic_write(
        std::path::Path::new(SITE_FILE),
        "政务平台\t电子政务管理办法\tsite\n".as_bytes(),
    )
    .unwrap();
    let e = Engine::open(dir).unwrap();
    let r = search(&e, "政务平台");
    assert_eq!(ids(&r)[0], "tongzhi", "the title that says 政务平台 itself");
    assert!(
        ids(&r).contains(&"zhengwu"),
        "the expansion's title too: {:?}",
        ids(&r)
    );
    assert!(
        !ids(&search(&engine(), "政务平台")).contains(&"zhengwu"),
        "only through the site entry"
    );
}

#[test]
fn a_damaged_site_dictionary_is_a_clear_error() {
    let dir = index_dir();
    dir.atomic_write(std::path::Path::new(SITE_FILE), "坏\n".as_bytes())
        .unwrap();
    let err = Engine::open(dir).unwrap_err().to_string();
    assert!(err.contains("abbreviations.txt: line 1"), "{err}");
}

/// Each item is indexed under its title's core, which a title-like query looks up (see `title`).
#[test]
fn items_are_indexed_under_their_title_core() {
    let dir = index_dir();
    let index = tantivy::Index::open(dir).unwrap();
    let fields = crate::search::schema::Fields::of(&index.schema()).unwrap();
    let reader = index.reader().unwrap();
    let s = reader.searcher();
    let q = tantivy::query::TermQuery::new(
        tantivy::Term::from_field_text(fields.title_core, "测试市电子政务管理"),
        tantivy::schema::IndexRecordOption::Basic,
    );
    let n = s.search(&q, &tantivy::collector::Count).unwrap();
    assert_eq!(n, 1);
}

#[test]
fn a_filter_never_switches_a_search_to_partial_matches() {
    let e = engine();
    let all = search(&e, "电子政务");
    let current = all.facets["in_force"]
        .iter()
        .find(|c| c.value == "true")
        .map(|c| c.count)
        .unwrap();
    let filtered = e
        .search(&Query {
            filters: vec![("in_force".into(), "true".into())],
            ..Query::text("电子政务")
        })
        .unwrap();
    assert!(filtered.total < 3, "few full matches under the filter");
    assert!(!filtered.partial);
    assert_eq!(
        filtered.total as u64, current,
        "what the facet count promised"
    );
}
