//! Filtering, sorting, paging and counting on a small hand-made catalogue.

use super::query::{Filters, ListQuery, Sort};
use super::*;
use gongkai_core::schema::{Department, Status};
use gongkai_core::site::SiteInfo;

fn item(
    id: &str,
    dept: &str,
    date: Option<&str>,
    category: &str,
    status: Option<Status>,
) -> ItemSummary {
    ItemSummary {
        id: id.into(),
        kind: "regulation".into(),
        title: format!("标题{id}"),
        doc_no: None,
        departments: vec![dept.into()],
        date: date.map(|d| d.parse().unwrap()),
        category: category.into(),
        status,
        topics: vec![],
    }
}

fn items() -> Vec<ItemSummary> {
    vec![
        item("c", "a", Some("2022-07-27"), "规章", Some(Status::Current)),
        item(
            "a",
            "a",
            Some("2021-01-01"),
            "规范性文件",
            Some(Status::Repealed),
        ),
        item("b", "b", None, "政策文件", None),
        item("d", "b", Some("2021-05-01"), "政策文件", None),
    ]
}

fn ids(page: &PageOf<&ItemSummary>) -> Vec<String> {
    page.items.iter().map(|i| i.id.clone()).collect()
}

#[test]
fn filters_combine() {
    let all = items();
    let mut q = ListQuery {
        filters: Filters {
            department: Some("b".into()),
            year: Some(2021),
            ..Filters::default()
        },
        ..ListQuery::default()
    };
    assert_eq!(ids(&select(&all, &q)), ["d"]);
    q.filters = Filters {
        status: Some(Status::Current),
        ..Filters::default()
    };
    assert_eq!(ids(&select(&all, &q)), ["c"]);
    q.filters.category = Some("规章".into());
    assert_eq!(select(&all, &q).total, 1);
}

#[test]
fn sorts_keep_undated_items_last() {
    let all = items();
    let mut q = ListQuery::default();
    assert_eq!(ids(&select(&all, &q)), ["c", "d", "a", "b"]);
    q.sort = Sort::DateAsc;
    assert_eq!(ids(&select(&all, &q)), ["a", "d", "c", "b"]);
    q.sort = Sort::Title;
    assert_eq!(ids(&select(&all, &q)), ["a", "b", "c", "d"]);
}

#[test]
fn pages_are_clamped() {
    let all = items();
    let q = ListQuery {
        per_page: 3,
        page: 9,
        ..ListQuery::default()
    };
    let page = select(&all, &q);
    assert_eq!((page.page, page.pages, page.total), (2, 2, 4));
    assert_eq!(ids(&page), ["b"]);
    let empty = select(&[], &q);
    assert_eq!((empty.page, empty.pages, empty.total), (1, 1, 0));
}

#[test]
fn tree_counts_categories_per_department() {
    let catalogue = Catalogue {
        format: 1,
        site: SiteInfo {
            name: "n".into(),
            data_as_of: None,
        },
        departments: ["a", "b", "none"]
            .map(|c| Department {
                code: c.into(),
                name: c.to_uppercase(),
                short: c.into(),
            })
            .to_vec(),
        topics: vec![],
        items: items(),
    };
    let tree = department_tree(&catalogue);
    assert_eq!(tree.len(), 2, "departments without items are left out");
    assert_eq!(tree[1].code, "b");
    assert_eq!(tree[1].total, 2);
    assert_eq!(tree[1].categories.get("政策文件"), Some(&2));
    assert_eq!(years(&catalogue.items), [2022, 2021]);
}
