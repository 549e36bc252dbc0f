//! Atom 1.0 feeds (RFC 4287) of the newest items, so people and portals can subscribe: the
//! whole site, each department, each category.
//!
//! Every date is the item's own day at midnight in China Standard Time; nothing reads the clock,
//! so the same content gives the same bytes. Items without a date are left out of the feeds: an
//! entry needs an `<updated>`, and inventing one would misdate the item. They stay in the
//! catalogue, the sitemap and the CSV.

use super::xml::Xml;
use gongkai_core::site::{
    absolute_url, category_feed_path, department_feed_path, department_route, item_route,
    Catalogue, ItemSummary, CATALOGUE_ROUTE, FEED_ALL_PATH,
};
use gongkai_core::Date;
use std::collections::{BTreeMap, HashMap};

/// Entries per feed.
pub const FEED_SIZE: usize = 50;

const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

/// The `<updated>` of a feed that has no dated item at all (a deterministic stand-in).
const EPOCH: Date = Date {
    year: 1970,
    month: 1,
    day: 1,
};

/// One feed: where it goes, its title, the page it mirrors and its entries, newest first.
struct Feed<'a> {
    path: String,
    title: String,
    page: String,
    items: Vec<&'a ItemSummary>,
}

/// What every entry needs besides its item.
struct Cx<'a> {
    base_url: &'a str,
    site: &'a str,
    departments: HashMap<&'a str, &'a str>,
}

/// Every feed's site path and bytes: all items, then each department's (every department of
/// the vocabulary, so a department page can always link its feed), then each category's.
pub fn files(catalogue: &Catalogue, base_url: &str) -> Vec<(String, Vec<u8>)> {
    let cx = Cx {
        base_url,
        site: &catalogue.site.name,
        departments: catalogue
            .departments
            .iter()
            .map(|d| (d.code.as_str(), d.name.as_str()))
            .collect(),
    };
    feeds(catalogue)
        .into_iter()
        .map(|feed| (feed.path.clone(), render(&feed, &cx)))
        .collect()
}

fn feeds(catalogue: &Catalogue) -> Vec<Feed<'_>> {
    let site = &catalogue.site.name;
    let mut all = Vec::new();
    let mut by_department: HashMap<&str, Vec<&ItemSummary>> = HashMap::new();
    // Every category that any item has, dated or not, so each category's link has a file.
    let mut by_category: BTreeMap<&str, Vec<&ItemSummary>> = BTreeMap::new();
    for item in &catalogue.items {
        let category = by_category.entry(&item.category).or_default();
        if item.date.is_none() {
            continue;
        }
        push_newest(&mut all, item);
        push_newest(category, item);
        for code in &item.departments {
            push_newest(by_department.entry(code).or_default(), item);
        }
    }
    let mut out = vec![Feed {
        path: FEED_ALL_PATH.to_string(),
        title: site.clone(),
        page: CATALOGUE_ROUTE.to_string(),
        items: all,
    }];
    out.extend(catalogue.departments.iter().map(|d| Feed {
        path: department_feed_path(&d.code),
        title: format!("{site}｜{}", d.name),
        page: department_route(&d.code),
        items: by_department.remove(d.code.as_str()).unwrap_or_default(),
    }));
    out.extend(by_category.into_iter().map(|(category, items)| Feed {
        path: category_feed_path(category),
        title: format!("{site}｜{category}"),
        page: CATALOGUE_ROUTE.to_string(),
        items,
    }));
    out
}

/// Keeps the first `FEED_SIZE` items: the catalogue is already newest first.
fn push_newest<'a>(list: &mut Vec<&'a ItemSummary>, item: &'a ItemSummary) {
    if list.len() < FEED_SIZE {
        list.push(item);
    }
}

fn render(feed: &Feed<'_>, cx: &Cx<'_>) -> Vec<u8> {
    let url = absolute_url(cx.base_url, &feed.path);
    let updated = feed.items.first().and_then(|i| i.date).unwrap_or(EPOCH);
    let mut x = Xml::document();
    x.open("feed", &[("xmlns", ATOM_NS), ("xml:lang", "zh-CN")]);
    x.leaf("id", &[], &url);
    x.leaf("title", &[], &feed.title);
    x.leaf("updated", &[], &timestamp(updated));
    link(&mut x, "self", "application/atom+xml", &url);
    let page = absolute_url(cx.base_url, &feed.page);
    link(&mut x, "alternate", "text/html", &page);
    x.open("author", &[]).leaf("name", &[], cx.site).close();
    for item in &feed.items {
        entry(&mut x, item, cx);
    }
    x.finish()
}

fn entry(x: &mut Xml, item: &ItemSummary, cx: &Cx<'_>) {
    let url = absolute_url(cx.base_url, &item_route(&item.id));
    let date = timestamp(item.date.unwrap_or(EPOCH));
    let names: Vec<&str> = item.departments.iter().map(|c| cx.name(c)).collect();
    x.open("entry", &[]);
    x.leaf("id", &[], &url);
    x.leaf("title", &[], &item.title);
    link(x, "alternate", "text/html", &url);
    x.leaf("published", &[], &date);
    x.leaf("updated", &[], &date);
    if let Some(first) = names.first() {
        x.open("author", &[]).leaf("name", &[], first).close();
    }
    x.empty("category", &[("term", &item.category)]);
    x.leaf("summary", &[("type", "text")], &summary(item, &names));
    x.close();
}

impl Cx<'_> {
    /// A department's name, or its code if the vocabulary lacks it (never after `check`).
    fn name<'s>(&'s self, code: &'s str) -> &'s str {
        self.departments.get(code).copied().unwrap_or(code)
    }
}

/// 文号, 发文机关 and 类别 as one line of plain text.
fn summary(item: &ItemSummary, departments: &[&str]) -> String {
    let mut parts = Vec::with_capacity(3);
    if let Some(doc_no) = &item.doc_no {
        parts.push(format!("文号：{doc_no}"));
    }
    parts.push(format!("发文机关：{}", departments.join("、")));
    parts.push(format!("类别：{}", item.category));
    parts.join("；")
}

fn link(x: &mut Xml, rel: &str, kind: &str, href: &str) {
    x.empty("link", &[("rel", rel), ("type", kind), ("href", href)]);
}

/// An RFC 3339 time for a day: its midnight in China Standard Time.
fn timestamp(date: Date) -> String {
    format!("{date}T00:00:00+08:00")
}

#[cfg(test)]
mod tests {
    use super::{files, FEED_SIZE};
    use gongkai_core::site::{Catalogue, ItemSummary, SiteInfo};
    use gongkai_core::{Date, Department};

    fn item(n: u32, date: Option<Date>) -> ItemSummary {
        ItemSummary {
            id: format!("i{n:03}"),
            kind: "disclosure".into(),
            title: format!("第{n}号"),
            doc_no: None,
            departments: vec!["a".into()],
            date,
            category: "a/b".into(),
            status: None,
            topics: vec![],
            effective: None,
            expires: None,
        }
    }

    /// 60 dated items, newest first, then an undated one.
    fn catalogue() -> Catalogue {
        let day = |n: u32| Date::from_days_since_epoch(18_000 - i64::from(n));
        let mut items: Vec<_> = (0..60).map(|n| item(n, Some(day(n)))).collect();
        items.push(item(60, None));
        Catalogue {
            format: 1,
            site: SiteInfo {
                name: "站".into(),
                data_as_of: items[0].date,
                base_url: Some("https://a.example/".into()),
            },
            departments: vec![
                Department {
                    code: "a".into(),
                    name: "甲局".into(),
                    short: "甲".into(),
                    index_prefix: None,
                },
                Department {
                    code: "z".into(),
                    name: "空局".into(),
                    short: "空".into(),
                    index_prefix: None,
                },
            ],
            topics: vec![],
            items,
        }
    }

    #[test]
    fn a_feed_keeps_the_newest_dated_items_and_every_department_and_category_has_one() {
        let out = files(&catalogue(), "https://a.example/");
        let paths: Vec<&str> = out.iter().map(|(p, _)| p.as_str()).collect();
        let slug = gongkai_core::site::category_slug("a/b");
        let category = format!("feeds/categories/{slug}.xml");
        assert_eq!(
            paths,
            [
                "feeds/all.xml",
                "feeds/departments/a.xml",
                "feeds/departments/z.xml",
                category.as_str()
            ]
        );
        let all = String::from_utf8(out[0].1.clone()).unwrap();
        assert_eq!(all.matches("<entry>").count(), FEED_SIZE);
        assert!(all.find("items/i000/<").unwrap() < all.find("items/i049/<").unwrap());
        assert!(!all.contains("items/i050/<") && !all.contains("items/i060/<"));
        let empty = String::from_utf8(out[2].1.clone()).unwrap();
        assert!(!empty.contains("<entry>"));
        assert!(empty.contains("<updated>1970-01-01T00:00:00+08:00</updated>"));
    }
}
