//! The page for unknown addresses (`404.html`): says what happened, offers a search box and ways
//! back into the site.

use crate::components::search_box::SearchBox;
use gongkai_core::site::CATALOGUE_ROUTE;
use leptos::prelude::*;

/// The not-found view, pre-rendered once for every unknown address.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="notice not-found" aria-labelledby="not-found-heading">
            <h1 id="not-found-heading">"找不到您要的页面"</h1>
            <p>"本站没有这个地址的页面。文件可能已移动或地址有误。可以搜索您要找的文件："</p>
            <SearchBox id="not-found-search".to_string() label="搜索文件".to_string() visible_label=true />
            <p>
                "或 "<a href="/">"返回首页"</a>"，或浏览 "
                <a href=CATALOGUE_ROUTE>"信息公开目录"</a>"。"
            </p>
        </section>
    }
}
