//! 信息公开目录 (`/catalogue`, `/catalogue/page/N`): every item newest first, one pre-rendered page
//! of [`LIST_PAGE_SIZE`](gongkai_core::site::LIST_PAGE_SIZE) at a time. The first page also has
//! the department → category tree and a filter form; both lead to the search page browsing with
//! those filters, which reads the index instead of a list of every item.

mod filters;
mod tree;

use crate::components::item_list::ItemList;
use crate::components::layout::page_title;
use crate::components::pager::Pager;
use filters::FilterBar;
use gongkai_core::site::{
    feed_href, list_pages, Catalogue, ItemSummary, CATALOGUE_CSV_PATH, CATALOGUE_PATH,
    CATALOGUE_ROUTE, FEED_ALL_PATH,
};
use leptos::prelude::*;
use std::sync::Arc;
use tree::CategoryTree;

/// Page `page` (1-based) of the catalogue, showing `items`.
#[component]
pub fn CatalogueRoute(
    catalogue: Arc<Catalogue>,
    page: usize,
    items: Vec<ItemSummary>,
) -> impl IntoView {
    let total = catalogue.items.len();
    let pages = list_pages(total);
    let first = page == 1;
    view! {
        {page_title("信息公开目录".to_string(), None)}
        <div class="catalogue-layout">
            // The list comes first in reading order; wide screens place the tree to its left.
            <section class="results" aria-labelledby="results-heading">
                <h2 id="results-heading" class="visually-hidden">"文件列表"</h2>
                {first.then(|| view! { <FilterBar catalogue=catalogue.clone() /> })}
                <p class="summary">{format!("共 {total} 件，第 {page} / {pages} 页")}</p>
                <ItemList items catalogue=catalogue.clone() />
                <Pager first=CATALOGUE_ROUTE.to_string() page pages />
                <Downloads feed=catalogue.site.base_url.is_some() />
            </section>
            {first.then(|| view! { <CategoryTree catalogue /> })}
        </div>
    }
}

/// The whole catalogue as open data (docs/OPEN-DATA.md), and the site's feed where the site has
/// one (feeds need the site's base URL).
#[component]
fn Downloads(feed: bool) -> impl IntoView {
    let subscribe = feed.then(|| {
        view! { " · 订阅更新：" <a href=feed_href(FEED_ALL_PATH)>"Atom"</a> }
    });
    view! {
        <p class="downloads">
            "下载目录数据："
            <a href=feed_href(CATALOGUE_CSV_PATH) download="">"CSV（Excel 可直接打开）"</a>
            " · "
            <a href=feed_href(CATALOGUE_PATH) download="">"JSON"</a>
            {subscribe}
        </p>
    }
}
