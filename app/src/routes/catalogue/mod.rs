//! 信息公开目录 (`/catalogue`): the department → category tree and a filtered, sorted, paginated
//! list whose whole state lives in the query string.

mod filters;
mod tree;

use crate::components::item_list::ItemList;
use crate::components::pager::Pager;
use crate::components::states::with_catalogue;
use crate::dom::set_title;
use crate::listing::query::ListQuery;
use crate::listing::select;
use filters::FilterBar;
use gongkai_core::site::{Catalogue, CATALOGUE_ROUTE};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::sync::Arc;
use tree::CategoryTree;

/// The route: reads the query string and shows the catalogue once loaded.
#[component]
pub fn CatalogueRoute() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| ListQuery::from_params(|key| params.read().get(key)));
    view! {
        <h1>"信息公开目录"</h1>
        {with_catalogue(move |c| view! { <CatalogueView catalogue=c query /> })}
    }
}

#[component]
fn CatalogueView(catalogue: Arc<Catalogue>, query: Memo<ListQuery>) -> impl IntoView {
    let tab_title = format!("信息公开目录 - {}", catalogue.site.name);
    Effect::new(move |_| set_title(&tab_title));
    let shown = {
        let catalogue = catalogue.clone();
        Memo::new(move |_| {
            let q = query.get();
            let page = select(&catalogue.items, &q);
            let items = page.items.into_iter().cloned().collect::<Vec<_>>();
            (items, page.total, page.page, page.pages)
        })
    };
    let status = move || {
        let (_, total, page, pages) = shown.get();
        format!("共 {total} 件，第 {page} / {pages} 页")
    };
    let list_catalogue = catalogue.clone();
    let list = move || {
        let (items, _, page, pages) = shown.get();
        view! {
            <ItemList items catalogue=list_catalogue.clone() />
            <Pager route=CATALOGUE_ROUTE.to_string() query=query.get() page pages />
        }
    };
    view! {
        <div class="catalogue-layout">
            // The list comes first in reading order; wide screens place the tree to its left.
            <section class="results" aria-labelledby="results-heading">
                <h2 id="results-heading" class="visually-hidden">"文件列表"</h2>
                <FilterBar catalogue=catalogue.clone() query />
                <p class="summary" role="status">{status}</p>
                {list}
            </section>
            <CategoryTree catalogue query />
        </div>
    }
}
