//! The home page (首页): the site name, a prominent search box, the latest items, and ways into the
//! catalogue by department and by category.

use crate::components::item_list::ItemList;
use crate::components::layout::page_title;
use crate::components::search_box::{SearchBox, HOME_SEARCH_ID};
use crate::listing::{category_counts, department_tree, Counts};
use crate::urls::browse_href;
use gongkai_core::site::{department_route, Catalogue, CATALOGUE_ROUTE};
use leptos::prelude::*;
use std::sync::Arc;

/// How many of the newest items the home page lists.
pub const LATEST: usize = 10;

/// The search box, the newest items, departments and categories.
#[component]
pub fn Home(catalogue: Arc<Catalogue>) -> impl IntoView {
    let latest = catalogue
        .items
        .iter()
        .take(LATEST)
        .cloned()
        .collect::<Vec<_>>();
    let total = catalogue.items.len();
    view! {
        <section class="hero" aria-labelledby="home-heading">
            {page_title(catalogue.site.name.clone(), Some("home-heading"))}
            <p class="hero-lead">"查阅本市政府规章、规范性文件和政府信息公开事项。"</p>
            <SearchBox
                id=HOME_SEARCH_ID.to_string()
                label="搜索政府文件".to_string()
                visible_label=true
                class="hero-search".to_string()
            />
        </section>
        <div class="home-grid">
            <section class="latest" aria-labelledby="latest-heading">
                <h2 id="latest-heading">"最新文件"</h2>
                <ItemList items=latest catalogue=catalogue.clone() />
                <p class="more"><a href=CATALOGUE_ROUTE>{format!("查看全部 {total} 件文件")}</a></p>
            </section>
            <div class="home-side">
                <DepartmentLinks catalogue=catalogue.clone() />
                <CategoryLinks counts=category_counts(&catalogue.items, |_| true) />
            </div>
        </div>
    }
}

/// Every department that has items, linking to its page.
#[component]
fn DepartmentLinks(catalogue: Arc<Catalogue>) -> impl IntoView {
    let links = department_tree(&catalogue)
        .into_iter()
        .map(|b| {
            view! {
                <li>
                    <a href=department_route(&b.code)>{b.name}</a>
                    <span class="count">{format!("{} 件", b.total)}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="side-box" aria-labelledby="departments-heading">
            <h2 id="departments-heading">"发文机关"</h2>
            <ul class="link-list">{links}</ul>
        </section>
    }
}

/// Every category, linking to its items newest first.
#[component]
fn CategoryLinks(counts: Counts) -> impl IntoView {
    let links = counts
        .into_iter()
        .map(|(category, n)| {
            let href = browse_href(None, Some(&category));
            view! {
                <li>
                    <a href=href>{category}</a>
                    <span class="count">{format!("{n} 件")}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="side-box" aria-labelledby="categories-heading">
            <h2 id="categories-heading">"文件类别"</h2>
            <ul class="link-list">{links}</ul>
        </section>
    }
}
