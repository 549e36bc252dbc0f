//! The built site's data files: their paths and JSON shapes, written by the builder and read by the app.

use crate::date::Date;
use crate::schema::{Department, Item, Status, Topic};
use serde::{Deserialize, Serialize};

/// Bumped whenever a data file changes shape, so an app never misreads newer data.
pub const FORMAT_VERSION: u32 = 1;

/// Path of the catalogue, relative to the site root.
pub const CATALOGUE_PATH: &str = "data/catalogue.json";

/// The route of one item (the URL a person shares). Routes end with `/`: each is a folder with
/// its `index.html`, so a static host serves it without a redirect.
pub fn item_route(id: &str) -> String {
    format!("/items/{id}/")
}

/// The route of one earlier text of a regulation, named by its 公布日期:
/// `/items/<id>/v/2012-10-26/`.
pub fn version_route(id: &str, published: Date) -> String {
    format!("/items/{id}/v/{published}/")
}

/// The route of version `index` of a regulation's `versions`: the item's own route for the
/// last (current) one, so the current text has one URL.
pub fn route_of_version(id: &str, versions: &[crate::schema::Version], index: usize) -> String {
    match versions.get(index) {
        Some(v) if index + 1 < versions.len() => version_route(id, v.published),
        _ => item_route(id),
    }
}

/// The route of the differences between two texts of a regulation, older first:
/// `/items/<id>/diff/2012-10-26/2020-10-17/`.
pub fn diff_route(id: &str, from: Date, to: Date) -> String {
    format!("/items/{id}/diff/{from}/{to}/")
}

/// The app's route for the catalogue (信息公开目录).
pub const CATALOGUE_ROUTE: &str = "/catalogue/";

/// The app's route for search; the query and filters live in its query string.
pub const SEARCH_ROUTE: &str = "/search/";

/// The app's route for the village terminal's page (离线同步): load and verify offline bundles.
pub const SYNC_ROUTE: &str = "/sync/";

/// Where a site publishes the trust root its browser terminals pin on first use (see docs/BUNDLES.md).
pub const TRUST_PATH: &str = "trust.json";

/// The app's route for one department's page.
pub fn department_route(code: &str) -> String {
    format!("/departments/{code}/")
}

/// Items per page of the pre-rendered lists (the catalogue and each department).
pub const LIST_PAGE_SIZE: usize = 10;

/// How many pages a list of `items` items takes (at least one, so an empty list has a page).
pub fn list_pages(items: usize) -> usize {
    items.div_ceil(LIST_PAGE_SIZE).max(1)
}

/// The route of page `page` (1-based) of a list whose first page is `first`: the first page is
/// `first` itself, later ones `firstpage/N/` (`/catalogue/page/2/`), so every page is a real file
/// a crawler or a reader without JavaScript can follow.
pub fn list_page_route(first: &str, page: usize) -> String {
    if page <= 1 {
        first.to_string()
    } else {
        format!("{first}page/{page}/")
    }
}

/// Every route the app answers, so the builder can put a page at each one and a deep link
/// works on a static host without fallback rules: the catalogue and each of its pages, search,
/// sync, each department and each of its pages, and each item (the home page is `/`).
pub fn app_routes(catalogue: &Catalogue) -> Vec<String> {
    let fixed = [SEARCH_ROUTE, SYNC_ROUTE].map(String::from);
    let lists = list_routes(catalogue).into_iter().map(|list| list.route);
    let items = catalogue.items.iter().map(|i| item_route(&i.id));
    fixed.into_iter().chain(lists).chain(items).collect()
}

/// One page of a pre-rendered list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListPage {
    /// The department whose list it is (an index into `catalogue.departments`), or `None` for
    /// the catalogue.
    pub department: Option<usize>,
    /// 1-based.
    pub page: usize,
    pub route: String,
    /// Indexes into `catalogue.items`, in the catalogue's order.
    pub items: Vec<usize>,
}

/// Every page of every list: the catalogue's pages, then each department's, newest first.
pub fn list_routes(catalogue: &Catalogue) -> Vec<ListPage> {
    let all: Vec<usize> = (0..catalogue.items.len()).collect();
    let mut by_department: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    for (i, item) in catalogue.items.iter().enumerate() {
        for code in &item.departments {
            by_department.entry(code).or_default().push(i);
        }
    }
    let mut routes = paged(None, CATALOGUE_ROUTE, &all);
    for (d, department) in catalogue.departments.iter().enumerate() {
        let own = by_department
            .remove(department.code.as_str())
            .unwrap_or_default();
        routes.extend(paged(Some(d), &department_route(&department.code), &own));
    }
    routes
}

/// The pages of one list: `first`, `firstpage/2/`, … with their items.
fn paged(department: Option<usize>, first: &str, items: &[usize]) -> Vec<ListPage> {
    (1..=list_pages(items.len()))
        .map(|page| {
            let start = (page - 1) * LIST_PAGE_SIZE;
            let end = (start + LIST_PAGE_SIZE).min(items.len());
            ListPage {
                department,
                page,
                route: list_page_route(first, page),
                items: items[start..end].to_vec(),
            }
        })
        .collect()
}

/// Site-wide facts shown in the header and the footer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteInfo {
    /// e.g. 湘潭市人民政府信息公开.
    pub name: String,
    /// Newest item date: 数据截至.
    pub data_as_of: Option<Date>,
    /// Where the site is published, e.g. `https://www.example.gov.cn/` (http or https, ending
    /// with `/`), from `site.toml` or `gongkai build --base-url`; the sitemap and the feeds need
    /// absolute URLs, so a site without one has neither.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
}

/// `data/catalogue.json`: everything the browse pages need, without item bodies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    pub format: u32,
    pub site: SiteInfo,
    pub departments: Vec<Department>,
    pub topics: Vec<Topic>,
    /// Newest first, then by id.
    pub items: Vec<ItemSummary>,
}

impl Catalogue {
    /// The catalogue without its items: the site, departments and topics, which pages need for
    /// names and which do not grow with the number of items.
    pub fn directory(&self) -> Catalogue {
        Catalogue {
            format: self.format,
            site: self.site.clone(),
            departments: self.departments.clone(),
            topics: self.topics.clone(),
            items: Vec::new(),
        }
    }
}

/// One line of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemSummary {
    pub id: String,
    /// `regulation` or `disclosure`.
    pub kind: String,
    pub title: String,
    pub doc_no: Option<String>,
    pub departments: Vec<String>,
    pub date: Option<Date>,
    pub category: String,
    pub status: Option<Status>,
    pub topics: Vec<String>,
    /// 施行日期 and 失效日期 of a regulation, so that lists show its status as of the reader's
    /// day ([`ItemSummary::status_on`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<Date>,
}

impl ItemSummary {
    /// The 时效性 on `day` (see [`crate::calendar::status_on`]); none for a disclosure.
    pub fn status_on(&self, day: Date) -> Option<Status> {
        // A summary has no links; a repealed item is typed 已废止 (`check` requires it).
        let typed = self.status?;
        Some(crate::calendar::status_on(
            typed,
            self.effective,
            self.expires,
            false,
            day,
        ))
    }

    pub fn of(item: &Item) -> ItemSummary {
        ItemSummary {
            id: item.id().to_string(),
            kind: match item {
                Item::Regulation(_) => "regulation".into(),
                Item::Disclosure(_) => "disclosure".into(),
            },
            title: item.title().to_string(),
            doc_no: item.doc_no().map(str::to_string),
            departments: item.departments().to_vec(),
            date: item.date(),
            category: item.category(),
            status: item.status(),
            topics: item.topics().to_vec(),
            effective: regulation(item).and_then(|r| r.effective),
            expires: regulation(item).and_then(|r| r.expires),
        }
    }
}

fn regulation(item: &Item) -> Option<&crate::schema::Regulation> {
    match item {
        Item::Regulation(r) => Some(r),
        Item::Disclosure(_) => None,
    }
}

/// An entry of an item's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    /// 0 for 编, 1 for 章, 2 for 节, 3 for 条.
    pub depth: u8,
    /// Anchor id in the body HTML, e.g. `art-12`.
    pub anchor: String,
    /// e.g. 第十二条, or 第一章 总则.
    pub label: String,
}

/// One item, ready to show: what its page is rendered from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemPage {
    pub item: Item,
    /// Sanitized body HTML: no raw HTML from content survives, no scripts, no event handlers.
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// The version of a regulation this page shows, when it is an earlier text (index into
    /// `Regulation::versions`); `None` for the current text.
    pub version: Option<usize>,
}

/// Path of the sitemap (sitemap protocol 0.9): every page a crawler should visit, with absolute URLs.
pub const SITEMAP_PATH: &str = "sitemap.xml";

/// Path of part `n` (1-based) of a sitemap too big for one file; `sitemap.xml` is then their index.
pub fn sitemap_part_path(n: usize) -> String {
    format!("sitemaps/sitemap-{n}.xml")
}

/// Path of `robots.txt`, which names the sitemap.
pub const ROBOTS_PATH: &str = "robots.txt";

/// Path of the catalogue as CSV for open data (the same rows as `CATALOGUE_PATH`, see docs/OPEN-DATA.md).
pub const CATALOGUE_CSV_PATH: &str = "data/catalogue.csv";

/// Path of the Atom feed of the newest items of the whole site.
pub const FEED_ALL_PATH: &str = "feeds/all.xml";

/// Path of the Atom feed of one department's newest items.
pub fn department_feed_path(code: &str) -> String {
    format!("feeds/departments/{code}.xml")
}

/// Path of the Atom feed of one category's newest items (`ItemSummary::category`, a label).
pub fn category_feed_path(category: &str) -> String {
    format!("feeds/categories/{}.xml", category_slug(category))
}

/// The file name part for a category label: the label itself when it is a safe single path
/// segment, else `c-` and the first 16 hex digits of its SHA-256, so any label gets a stable file.
///
/// Safe means non-empty, at most 64 bytes, not starting with `.`, and free of `/`, `\`, control
/// characters and the characters Windows refuses in file names (`<>:"|?*`), so a copied site
/// keeps its feeds on any disk. The labels in use (法律, 规章, 政策文件 …) are all safe.
pub fn category_slug(category: &str) -> String {
    if is_safe_segment(category) {
        return category.to_string();
    }
    use sha2::{Digest, Sha256};
    let digest = hex::encode(Sha256::digest(category.as_bytes()));
    format!("c-{}", &digest[..16])
}

fn is_safe_segment(s: &str) -> bool {
    let unsafe_char = |c: char| c.is_control() || "/\\<>:\"|?*".contains(c);
    !s.is_empty() && s.len() <= 64 && !s.starts_with('.') && !s.chars().any(unsafe_char)
}

/// A site path (no leading `/`) as a link from a page: `/` and the path, percent-encoded.
pub fn feed_href(path: &str) -> String {
    format!("/{}", percent_encode_path(path))
}

/// Percent-encodes a path for a URL (RFC 3986): every byte of its UTF-8 except the unreserved
/// characters (`A-Z a-z 0-9 - . _ ~`) and `/` becomes `%XX`. Encoding the sub-delimiters too is
/// allowed and spares hosts that read `+` as a space.
pub fn percent_encode_path(path: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The absolute URL of a site path or route: `base_url` (ending with `/`) and the path without
/// its leading `/`, percent-encoded.
pub fn absolute_url(base_url: &str, path: &str) -> String {
    format!(
        "{base_url}{}",
        percent_encode_path(path.trim_start_matches('/'))
    )
}

#[cfg(test)]
mod publish_tests {
    use super::*;

    #[test]
    fn paths_are_percent_encoded_outside_the_unreserved_characters() {
        assert_eq!(percent_encode_path("items/a-b_c.~"), "items/a-b_c.~");
        assert_eq!(percent_encode_path("规章"), "%E8%A7%84%E7%AB%A0");
        assert_eq!(percent_encode_path("a b+c%?#&"), "a%20b%2Bc%25%3F%23%26");
    }

    #[test]
    fn feed_paths_are_site_relative_and_hrefs_rooted_and_encoded() {
        assert_eq!(
            department_feed_path("xtszfb"),
            "feeds/departments/xtszfb.xml"
        );
        assert_eq!(category_feed_path("规章"), "feeds/categories/规章.xml");
        assert_eq!(
            feed_href(&category_feed_path("规章")),
            "/feeds/categories/%E8%A7%84%E7%AB%A0.xml"
        );
        assert_eq!(feed_href(FEED_ALL_PATH), "/feeds/all.xml");
        assert_eq!(
            absolute_url("https://a.example/", "/items/x"),
            "https://a.example/items/x"
        );
        assert_eq!(
            absolute_url("https://a.example/", "/"),
            "https://a.example/"
        );
    }

    #[test]
    fn an_unsafe_category_label_becomes_a_stable_hash_slug() {
        assert_eq!(category_slug("政策文件"), "政策文件");
        for bad in [
            "",
            "a/b",
            "a\\b",
            ".hidden",
            "a\nb",
            "a:b",
            &"长".repeat(22),
        ] {
            let slug = category_slug(bad);
            assert!(
                slug.starts_with("c-") && slug.len() == 18,
                "{bad:?}: {slug}"
            );
            assert!(slug[2..].bytes().all(|b| b.is_ascii_hexdigit()));
            assert_eq!(slug, category_slug(bad), "stable");
        }
        assert_ne!(category_slug("a/b"), category_slug("a/c"));
        assert_eq!(
            category_slug(&"长".repeat(21)),
            "长".repeat(21),
            "63 bytes fit"
        );
    }
}
