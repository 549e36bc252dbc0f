//! The page for unknown addresses, item ids and departments: says what was missing, offers a
//! search box and a link home.

use crate::components::search_box::SearchBox;
use crate::dom::set_title;
use gongkai_core::site::CATALOGUE_ROUTE;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The router's fallback for any path it does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    let path = use_location().pathname.get_untracked();
    view! { <NotFoundView detail=format!("本站没有地址为 {path} 的页面。") /> }
}

/// The not-found view itself, with a sentence about what was looked for.
#[component]
pub fn NotFoundView(detail: String) -> impl IntoView {
    Effect::new(|| set_title("找不到页面"));
    view! {
        <section class="notice not-found" aria-labelledby="not-found-heading">
            <h1 id="not-found-heading">"找不到您要的页面"</h1>
            <p>{detail}</p>
            <p>"文件可能已移动或地址有误。可以搜索您要找的文件："</p>
            <SearchBox id="not-found-search" label="搜索文件" visible_label=true />
            <p>
                "或 "<a href="/">"返回首页"</a>"，或浏览 "
                <a href=CATALOGUE_ROUTE>"信息公开目录"</a>"。"
            </p>
        </section>
    }
}
