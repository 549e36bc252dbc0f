//! One department's page (`/departments/:code`): its names, its categories, and its items, paginated.

use crate::components::item_list::ItemList;
use crate::components::pager::Pager;
use crate::components::states::with_catalogue;
use crate::dom::set_title;
use crate::listing::query::{Filters, ListQuery};
use crate::listing::{category_counts, select};
use crate::routes::not_found::NotFoundView;
use crate::urls::catalogue_href;
use gongkai_core::schema::Department;
use gongkai_core::site::{department_route, Catalogue};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::sync::Arc;

/// The route: an unknown code gets the not-found view.
#[component]
pub fn DepartmentRoute() -> impl IntoView {
    let params = use_params_map();
    let code = Memo::new(move |_| params.read().get("code").unwrap_or_default());
    with_catalogue(move |c| {
        let code = code.get();
        match c.departments.iter().find(|d| d.code == code).cloned() {
            Some(department) => view! { <DepartmentView department catalogue=c /> }.into_any(),
            None => {
                let detail = format!("没有代码为 {code} 的机关。");
                view! { <NotFoundView detail /> }.into_any()
            }
        }
    })
}

#[component]
fn DepartmentView(department: Department, catalogue: Arc<Catalogue>) -> impl IntoView {
    let tab_title = format!("{} - {}", department.name, catalogue.site.name);
    Effect::new(move |_| set_title(&tab_title));
    let query_map = use_query_map();
    let code = department.code.clone();
    let query = Memo::new(move |_| ListQuery {
        filters: Filters {
            department: Some(code.clone()),
            ..Filters::default()
        },
        ..ListQuery::from_params(|key| (key == "page").then(|| query_map.read().get(key)).flatten())
    });
    let of_department = |code: &str| {
        let code = code.to_string();
        move |i: &gongkai_core::site::ItemSummary| i.departments.contains(&code)
    };
    let categories = category_counts(&catalogue.items, of_department(&department.code))
        .into_iter()
        .map(|(category, n)| {
            view! {
                <li>
                    <a href=catalogue_href(Some(&department.code), Some(&category))>{category.clone()}</a>
                    " "<span class="count">{format!("{n} 件")}</span>
                </li>
            }
        })
        .collect_view();
    let route = department_route(&department.code);
    let list = move || {
        let q = query.get();
        let page = select(&catalogue.items, &q);
        let (total, current, pages) = (page.total, page.page, page.pages);
        let items = page.items.into_iter().cloned().collect::<Vec<_>>();
        // The route already names the department; page links carry only the page.
        let link_query = ListQuery {
            filters: Filters::default(),
            ..q
        };
        view! {
            <p class="summary">{format!("共 {total} 件，第 {current} / {pages} 页")}</p>
            <ItemList items catalogue=catalogue.clone() />
            <Pager route=route.clone() query=link_query page=current pages />
        }
    };
    view! {
        <header class="department-header">
            <h1>{department.name.clone()}</h1>
            <p class="short-name">"简称："{department.short.clone()}</p>
        </header>
        <div class="catalogue-layout">
            <section class="results" aria-labelledby="dept-items">
                <h2 id="dept-items">"本机关文件"</h2>
                {list}
            </section>
            <nav class="tree" aria-labelledby="dept-categories">
                <h2 id="dept-categories">"类别"</h2>
                <ul>{categories}</ul>
            </nav>
        </div>
    }
}
