//! One item's page: title, 时效性 badge, metadata table, table of contents, the body with per-article
//! copy-link buttons, attachments, and links to related, amending and repealing documents.

use crate::components::article_body::ArticleBody;
use crate::components::attachments::Attachments;
use crate::components::layout::page_title;
use crate::components::metadata::MetaTable;
use crate::components::relations::Relations;
use crate::components::status::live_status;
use crate::components::toc::Toc;
use crate::components::versions::{VersionList, VersionNote};
use gongkai_core::schema::Item;
use gongkai_core::site::{Catalogue, ItemPage, ItemSummary};
use leptos::prelude::*;
use std::sync::Arc;

/// The whole item. `linked` holds the summaries of the items its links name (titles and
/// status for the relations list); `catalogue` supplies department and topic names.
#[component]
pub fn ItemRoute(
    page: ItemPage,
    catalogue: Arc<Catalogue>,
    linked: Vec<ItemSummary>,
) -> impl IntoView {
    let title = page.item.title().to_string();
    let history = match &page.item {
        Item::Regulation(r) if !r.versions.is_empty() => Some((r.id.clone(), r.versions.clone())),
        _ => None,
    };
    let shown = page.version;
    let note = history.clone().zip(shown).map(|((id, versions), shown)| {
        view! { <VersionNote id versions shown /> }
    });
    let list = history.map(|(id, versions)| {
        let shown = shown.unwrap_or(versions.len() - 1);
        view! { <VersionList id versions shown /> }
    });
    view! {
        <article class="item">
            <header class="item-header">
                <p class="item-kind">{page.item.category()}</p>
                {page_title(title, None)}
                {match &page.item {
                    Item::Regulation(r) => Some(live_status(r, true)),
                    Item::Disclosure(_) => None,
                }}
            </header>
            {note}
            <MetaTable item=page.item.clone() catalogue=catalogue.clone() />
            <Toc entries=page.toc.clone() />
            <ArticleBody html=page.html.clone() />
            {list}
            <Attachments files=page.item.attachments().to_vec() />
            <Relations links=page.item.links() linked />
        </article>
    }
}
