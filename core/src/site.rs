//! The built site's data files: their paths and JSON shapes, written by the builder and read by the app.

use crate::date::Date;
use crate::schema::{Department, Item, Status, Topic};
use serde::{Deserialize, Serialize};

/// Bumped whenever a data file changes shape, so an app never misreads newer data.
pub const FORMAT_VERSION: u32 = 1;

/// Path of the catalogue, relative to the site root.
pub const CATALOGUE_PATH: &str = "data/catalogue.json";

/// Path of one item's page data, relative to the site root.
pub fn item_data_path(id: &str) -> String {
    format!("data/items/{id}.json")
}

/// The app's route for one item (the URL a person shares).
pub fn item_route(id: &str) -> String {
    format!("/items/{id}")
}

/// The app's route for the catalogue (信息公开目录).
pub const CATALOGUE_ROUTE: &str = "/catalogue";

/// The app's route for search; the query and filters live in its query string.
pub const SEARCH_ROUTE: &str = "/search";

/// The app's route for the village terminal's page (离线同步): load and verify offline bundles.
pub const SYNC_ROUTE: &str = "/sync";

/// Where a site publishes the trust root its browser terminals pin on first use (see docs/BUNDLES.md).
pub const TRUST_PATH: &str = "trust.json";

/// The app's route for one department's page.
pub fn department_route(code: &str) -> String {
    format!("/departments/{code}")
}

/// Every route the app answers, so the builder can put the app shell at each one and a deep
/// link works on a static host without fallback rules.
pub fn app_routes(catalogue: &Catalogue) -> Vec<String> {
    let fixed = [CATALOGUE_ROUTE, SEARCH_ROUTE, SYNC_ROUTE].map(String::from);
    let departments = catalogue
        .departments
        .iter()
        .map(|d| department_route(&d.code));
    let items = catalogue.items.iter().map(|i| item_route(&i.id));
    fixed.into_iter().chain(departments).chain(items).collect()
}

/// Site-wide facts shown in the header and the footer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteInfo {
    /// e.g. 湘潭市人民政府信息公开.
    pub name: String,
    /// Newest item date: 数据截至.
    pub data_as_of: Option<Date>,
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
}

impl ItemSummary {
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
        }
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

/// `data/items/<id>.json`: one item, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemPage {
    pub format: u32,
    pub item: Item,
    /// Sanitized body HTML: no raw HTML from content survives, no scripts, no event handlers.
    pub html: String,
    pub toc: Vec<TocEntry>,
}
