//! One item's page: title, 时效性 badge, metadata table, table of contents, the body with per-article
//! copy-link buttons, attachments, and links to related, amending and repealing documents.

use crate::components::article_body::ArticleBody;
use crate::components::attachments::Attachments;
use crate::components::metadata::MetaTable;
use crate::components::relations::Relations;
use crate::components::states::{LoadFailed, Loading};
use crate::components::status::StatusBadge;
use crate::components::toc::Toc;
use crate::data::{fetch_item, use_catalogue, LoadError};
use crate::dom::{scroll_to_fragment, set_title};
use crate::routes::not_found::NotFoundView;
use gongkai_core::schema::{Item, Links};
use gongkai_core::site::{Catalogue, ItemPage};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::sync::Arc;

/// Loads `/items/:id` and shows it, or the not-found view for an unknown id.
#[component]
pub fn ItemRoute() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let page = LocalResource::new(move || fetch_item(id()));
    let catalogue = use_catalogue();
    move || match (page.get(), catalogue.get()) {
        (Some(Err(LoadError::NotFound)), _) => {
            let detail = format!("没有编号为 {} 的文件。", id());
            view! { <NotFoundView detail /> }.into_any()
        }
        (Some(Err(e)), _) | (_, Some(Err(e))) => view! { <LoadFailed error=e /> }.into_any(),
        (Some(Ok(page)), Some(Ok(catalogue))) => view! { <ItemView page catalogue /> }.into_any(),
        _ => view! { <Loading /> }.into_any(),
    }
}

#[component]
fn ItemView(page: Arc<ItemPage>, catalogue: Arc<Catalogue>) -> impl IntoView {
    let title = page.item.title().to_string();
    let tab_title = format!("{title} - {}", catalogue.site.name);
    Effect::new(move || set_title(&tab_title));
    // The body exists once this view is mounted; effects run after mounting.
    Effect::new(|| {
        request_animation_frame(|| {
            scroll_to_fragment();
        })
    });
    view! {
        <article class="item">
            <header class="item-header">
                <p class="item-kind">{page.item.category()}</p>
                <h1>{title}</h1>
                {page.item.status().map(|s| view! { <StatusBadge status=s /> })}
            </header>
            <MetaTable item=page.item.clone() catalogue=catalogue.clone() />
            <Toc entries=page.toc.clone() />
            <ArticleBody html=page.html.clone() />
            <Attachments files=page.item.attachments().to_vec() />
            <Relations links=links_of(&page.item) catalogue />
        </article>
    }
}

/// Regulations carry links to other regulations; disclosures have none.
fn links_of(item: &Item) -> Links {
    match item {
        Item::Regulation(r) => r.links.clone(),
        Item::Disclosure(_) => Links::default(),
    }
}
