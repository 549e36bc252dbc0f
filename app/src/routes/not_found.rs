//! The page for unknown addresses and unknown item ids: says what was missing and links home.

use crate::dom::set_title;
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
        <section class="notice not-found">
            <h1>"找不到您要的页面"</h1>
            <p>{detail}</p>
            <p>"文件可能已移动或地址有误。请 "<a href="/">"返回首页"</a>" 查看全部文件。"</p>
        </section>
    }
}
