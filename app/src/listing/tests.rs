//! Counting on a small hand-made catalogue.

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
        effective: None,
        expires: None,
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

#[test]
fn tree_counts_categories_per_department() {
    let catalogue = Catalogue {
        format: 1,
        site: SiteInfo {
            name: "n".into(),
            data_as_of: None,
            base_url: None,
        },
        departments: ["a", "b", "none"]
            .map(|c| Department {
                code: c.into(),
                name: c.to_uppercase(),
                short: c.into(),
                index_prefix: None,
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
