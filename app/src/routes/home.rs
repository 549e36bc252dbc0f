//! The home page (首页): the site name, a prominent search box, the latest items, and ways into the
//! catalogue by department and by category.

use crate::components::item_list::ItemList;
use crate::components::layout::site_name;
use crate::components::search_box::{SearchBox, HOME_SEARCH_ID};
use crate::components::states::with_catalogue;
use crate::data::use_catalogue;
use crate::dom::set_title;
use crate::listing::{category_counts, department_tree, Counts};
use crate::urls::catalogue_href;
use gongkai_core::site::{department_route, Catalogue, CATALOGUE_ROUTE};
use leptos::prelude::*;
use std::sync::Arc;

/// How many of the newest items the home page lists.
const LATEST: usize = 10;

/// The search box shows at once; the lists follow when the catalogue arrives.
#[component]
pub fn Home() -> impl IntoView {
    let catalogue = use_catalogue();
    Effect::new(move || {
        if let Some(Ok(c)) = catalogue.get() {
            set_title(&c.site.name);
        }
    });
    view! {
        <section class="hero" aria-labelledby="home-heading">
            <h1 id="home-heading">{site_name()}</h1>
            <p class="hero-lead">"查阅本市政府规章、规范性文件和政府信息公开事项。"</p>
            <SearchBox id=HOME_SEARCH_ID label="搜索政府文件" visible_label=true class="hero-search" />
        </section>
        {with_catalogue(|c| view! { <HomeLists catalogue=c /> })}
    }
}

#[component]
fn HomeLists(catalogue: Arc<Catalogue>) -> impl IntoView {
    let latest = catalogue
        .items
        .iter()
        .take(LATEST)
        .cloned()
        .collect::<Vec<_>>();
    let total = catalogue.items.len();
    view! {
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

/// Every category, linking into the catalogue filtered by it.
#[component]
fn CategoryLinks(counts: Counts) -> impl IntoView {
    let links = counts
        .into_iter()
        .map(|(category, n)| {
            let href = catalogue_href(None, Some(&category));
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
