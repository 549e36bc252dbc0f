//! One item's page: title, 时效性 badge, metadata table, table of contents, the body with per-article
//! copy-link buttons, attachments, and links to related, amending and repealing documents.

use crate::components::article_body::ArticleBody;
use crate::components::attachments::Attachments;
use crate::components::layout::page_title;
use crate::components::metadata::MetaTable;
use crate::components::relations::Relations;
use crate::components::status::live_status;
use crate::components::toc::Toc;
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
            <MetaTable item=page.item.clone() catalogue=catalogue.clone() />
            <Toc entries=page.toc.clone() />
            <ArticleBody html=page.html.clone() />
            <Attachments files=page.item.attachments().to_vec() />
            <Relations links=page.item.links() linked />
        </article>
    }
}
