//! The home page: the catalogue of every item, newest first.

use crate::components::states::{LoadFailed, Loading};
use crate::components::status::StatusBadge;
use crate::data::use_catalogue;
use crate::dom::set_title;
use crate::lookup::department_shorts;
use gongkai_core::site::{item_route, Catalogue, ItemSummary};
use leptos::prelude::*;
use std::sync::Arc;

/// Shows the catalogue once it has loaded.
#[component]
pub fn Home() -> impl IntoView {
    let catalogue = use_catalogue();
    Effect::new(move || {
        if let Some(Ok(c)) = catalogue.get() {
            set_title(&c.site.name);
        }
    });
    move || match catalogue.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(e)) => view! { <LoadFailed error=e /> }.into_any(),
        Some(Ok(c)) => view! { <CatalogueList catalogue=c /> }.into_any(),
    }
}

#[component]
fn CatalogueList(catalogue: Arc<Catalogue>) -> impl IntoView {
    let summary = summary_line(&catalogue);
    let entries = catalogue
        .items
        .iter()
        .map(|item| view! { <Entry item=item.clone() catalogue=catalogue.clone() /> })
        .collect_view();
    view! {
        <section class="catalogue" aria-labelledby="catalogue-heading">
            <h1 id="catalogue-heading">"全部文件"</h1>
            <p class="summary">{summary}</p>
            <ol class="entries">{entries}</ol>
        </section>
    }
}

/// e.g. 共 12 件 · 数据截至 2024-05-01
fn summary_line(catalogue: &Catalogue) -> String {
    let count = format!("共 {} 件", catalogue.items.len());
    match catalogue.site.data_as_of {
        Some(date) => format!("{count} · 数据截至 {date}"),
        None => count,
    }
}

#[component]
fn Entry(item: ItemSummary, catalogue: Arc<Catalogue>) -> impl IntoView {
    let departments = department_shorts(&catalogue, &item.departments);
    view! {
        <li class="entry">
            <p class="entry-title">
                <a href=item_route(&item.id)>{item.title}</a>
                {item.status.map(|s| view! { " " <StatusBadge status=s /> })}
            </p>
            <p class="entry-meta">
                {item.doc_no.map(|n| view! { <span class="doc-no">{n}</span> })}
                <span class="departments">{departments}</span>
                {item.date.map(|d| view! { <span class="date">{d.to_string()}</span> })}
                <span class="category">{item.category}</span>
            </p>
        </li>
    }
}
