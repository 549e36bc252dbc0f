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

/// Renders with the shared catalogue once it has loaded, showing loading and failure states until then.
pub fn with_catalogue<V, F>(render: F) -> impl IntoView
where
    V: IntoView + 'static,
    F: Fn(std::sync::Arc<gongkai_core::site::Catalogue>) -> V + Send + Sync + 'static,
{
    let catalogue = crate::data::use_catalogue();
    move || match catalogue.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(e)) => view! { <LoadFailed error=e /> }.into_any(),
        Some(Ok(c)) => render(c).into_any(),
    }
}
