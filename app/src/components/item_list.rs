//! A list of item summaries (title, status, 文号, departments, date, category), shared by the
//! home page, the catalogue and department pages. The status is the reader's day's
//! (`status::LiveStatus`).

use crate::components::status::live_summary_status;
use crate::lookup::department_shorts;
use gongkai_core::site::{item_route, Catalogue, ItemSummary};
use leptos::prelude::*;
use std::sync::Arc;

/// An ordered list of entries; says so plainly when there are none.
#[component]
pub fn ItemList(items: Vec<ItemSummary>, catalogue: Arc<Catalogue>) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="empty">"没有符合条件的文件。"</p> }.into_any();
    }
    let entries = items
        .into_iter()
        .map(|item| view! { <Entry item catalogue=catalogue.clone() /> })
        .collect_view();
    view! { <ol class="entries">{entries}</ol> }.into_any()
}

#[component]
fn Entry(item: ItemSummary, catalogue: Arc<Catalogue>) -> impl IntoView {
    let departments = department_shorts(&catalogue, &item.departments);
    let status = live_summary_status(&item);
    view! {
        <li class="entry">
            <p class="entry-title">
                <a href=item_route(&item.id)>{item.title}</a>
                {status.map(|s| view! { " " {s} })}
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
