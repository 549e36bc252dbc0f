//! The header and footer around every page; both read the shared catalogue for the site's name and date.

use crate::data::use_catalogue;
use leptos::prelude::*;

/// Shown until the catalogue has loaded, or if it fails.
const FALLBACK_NAME: &str = "政府信息公开";

/// The site name, linking home.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let catalogue = use_catalogue();
    let name = move || {
        catalogue
            .get()
            .and_then(Result::ok)
            .map(|c| c.site.name.clone())
            .unwrap_or_else(|| FALLBACK_NAME.to_string())
    };
    view! {
        <header class="site-header">
            <div class="wrap">
                <a class="site-name" href="/">{name}</a>
            </div>
        </header>
    }
}

/// 数据截至 and what the site is.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let catalogue = use_catalogue();
    let as_of = move || {
        catalogue
            .get()
            .and_then(Result::ok)
            .and_then(|c| c.site.data_as_of)
            .map(|d| format!("数据截至 {d}。"))
    };
    view! {
        <footer class="site-footer">
            <div class="wrap">
                <p>{as_of}"本站汇集已公开的政府文件，以原发文机关发布的文本为准。"</p>
            </div>
        </footer>
    }
}
