//! One department's page (`/departments/<code>`, `/departments/<code>/page/N`): its names, its
//! categories with counts, and one pre-rendered page of its items.

use crate::components::item_list::ItemList;
use crate::components::layout::page_title;
use crate::components::pager::Pager;
use crate::listing::Branch;
use crate::urls::browse_href;
use gongkai_core::schema::Department;
use gongkai_core::site::{department_route, list_pages, Catalogue, ItemSummary};
use leptos::prelude::*;
use std::sync::Arc;

/// Page `page` of `department`'s items; `branch` has its totals by category.
#[component]
pub fn DepartmentRoute(
    catalogue: Arc<Catalogue>,
    department: Department,
    branch: Branch,
    page: usize,
    items: Vec<ItemSummary>,
) -> impl IntoView {
    let pages = list_pages(branch.total);
    let total = branch.total;
    let categories = branch
        .categories
        .into_iter()
        .map(|(category, n)| {
            view! {
                <li>
                    <a href=browse_href(Some(&department.code), Some(&category))>{category.clone()}</a>
                    " "<span class="count">{format!("{n} 件")}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <header class="department-header">
            {page_title(department.name.clone(), None)}
            <p class="short-name">"简称："{department.short.clone()}</p>
        </header>
        <div class="catalogue-layout">
            <section class="results" aria-labelledby="dept-items">
                <h2 id="dept-items">"本机关文件"</h2>
                <p class="summary">{format!("共 {total} 件，第 {page} / {pages} 页")}</p>
                <ItemList items catalogue />
                <Pager first=department_route(&department.code) page pages />
            </section>
            <nav class="tree" aria-labelledby="dept-categories">
                <h2 id="dept-categories">"类别"</h2>
                <ul>{categories}</ul>
            </nav>
        </div>
    }
}
