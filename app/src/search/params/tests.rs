//! The search URL: parsing what people and old links send, and writing what the page links to.

use super::*;

fn parse(q: Option<&str>, f: &[&str], sort: Option<&str>, page: Option<&str>) -> SearchParams {
    let f: Vec<String> = f.iter().map(|s| s.to_string()).collect();
    SearchParams::parse(q, &f, sort, page)
}

#[test]
fn a_full_url_round_trips() {
    let p = parse(
        Some("电子 政务"),
        &["issuer:xtszfb", "year:2022"],
        Some("date"),
        Some("2"),
    );
    assert_eq!(
        p.filters,
        [
            ("issuer".into(), "xtszfb".into()),
            ("year".into(), "2022".into())
        ]
    );
    assert_eq!((p.sort, p.page), (Sort::Date, 2));
    assert!(p.ignored.is_empty());
    let href = p.href();
    assert_eq!(
        href,
        "/search/?q=%E7%94%B5%E5%AD%90%20%E6%94%BF%E5%8A%A1&f=issuer:xtszfb&f=year:2022&sort=date&page=2"
    );
    let q = p.query();
    assert_eq!((q.offset, q.limit), (10, Some(PER_PAGE)));
}

#[test]
fn the_empty_search_is_the_bare_route() {
    let p = parse(None, &[], None, None);
    assert_eq!(p, SearchParams::default());
    assert_eq!(p.href(), "/search/");
    assert!(p.is_browse());
    assert_eq!(parse(Some("  "), &[], Some(""), None).href(), "/search/");
}

#[test]
fn nonsense_is_dropped_and_listed() {
    let p = parse(
        Some("x"),
        &[
            "colour:red",
            "nocolon",
            "year:",
            "Year:2021",
            "year:2021",
            "status:现行\u{0}有效",
        ],
        Some("sideways"),
        Some("abc"),
    );
    assert_eq!(
        p.filters,
        [
            ("year".into(), "2021".into()),
            ("status".into(), "现行有效".into())
        ]
    );
    assert_eq!(
        p.ignored,
        [
            "f=colour:red",
            "f=nocolon",
            "f=year:",
            "sort=sideways",
            "page=abc"
        ]
    );
    assert_eq!((p.sort, p.page), (Sort::Relevance, 1));
}

#[test]
fn pages_are_clamped() {
    assert_eq!(parse(None, &[], None, Some("0")).page, 1);
    assert_eq!(
        parse(None, &[], None, Some("99999999999999999999"))
            .ignored
            .len(),
        1
    );
    assert_eq!(parse(None, &[], None, Some("5000")).page, MAX_PAGE);
}

#[test]
fn too_many_or_too_long_filters_are_dropped() {
    let many: Vec<String> = (0..30).map(|i| format!("year:{i}")).collect();
    let p = SearchParams::parse(None, &many, None, None);
    assert_eq!((p.filters.len(), p.ignored.len()), (20, 10));
    let long = format!("issuer:{}", "x".repeat(500));
    let p = SearchParams::parse(None, &[long], None, None);
    assert!(p.filters.is_empty());
    assert!(p.ignored[0].ends_with('…'));
}

#[test]
fn changes_go_back_to_page_one() {
    let p = parse(Some("a"), &["year:2022"], None, Some("3"));
    let more = p.toggled("issuer", "x");
    assert_eq!(more.filters.len(), 2);
    assert_eq!(more.page, 1);
    assert_eq!(more.toggled("issuer", "x").filters, p.filters);
    assert_eq!(p.with_filter("year", "2022", true).filters, p.filters);
    assert!(p.with_filter("year", "2022", false).filters.is_empty());
    assert!(p.cleared().filters.is_empty());
    assert_eq!(
        p.sorted(Sort::Date).href(),
        "/search/?q=a&f=year:2022&sort=date"
    );
    assert_eq!(p.at_page(4).page, 4);
    assert_eq!(p.with_text(" b ").href(), "/search/?q=b&f=year:2022");
}

#[test]
fn values_with_colons_and_symbols_survive() {
    let p = parse(None, &["category:a:b&c"], None, None);
    assert_eq!(p.filters, [("category".into(), "a:b&c".into())]);
    assert_eq!(p.href(), "/search/?f=category:a%3Ab%26c");
}

#[test]
fn long_text_is_flagged() {
    let p = parse(Some(&"法".repeat(10_000)), &[], None, None);
    assert!(p.is_truncated());
    assert!(!parse(Some("法"), &[], None, None).is_truncated());
}

#[test]
fn versions_all_searches_earlier_texts_and_stays_in_the_url() {
    let p = parse(Some("保密"), &[], None, None).with_versions_param(Some("all"));
    assert!(p.versions && p.query().versions);
    assert_eq!(p.href(), "/search/?q=%E4%BF%9D%E5%AF%86&versions=all");
    let off = p.with_versions(false);
    assert!(!off.query().versions);
    assert_eq!(off.href(), "/search/?q=%E4%BF%9D%E5%AF%86");
    let odd = parse(None, &[], None, None).with_versions_param(Some("some"));
    assert!(!odd.versions);
    assert_eq!(odd.ignored, vec!["versions=some".to_string()]);
}
