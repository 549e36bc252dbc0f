//! Loading and failure views, so a page is never blank while data is missing.

use crate::data::LoadError;
use leptos::prelude::*;

/// Shown while a data file is on its way.
#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <p class="loading" role="status">"正在加载…"</p>
    }
}

/// Shown when a data file failed to load or parse.
#[component]
pub fn LoadFailed(error: LoadError) -> impl IntoView {
    view! {
        <section class="notice notice-error" role="alert">
            <h1>"无法显示此页"</h1>
            <p>{error.message()}</p>
            <p>"请检查网络后刷新页面，或 "<a href="/">"返回首页"</a>"。"</p>
        </section>
    }
}
