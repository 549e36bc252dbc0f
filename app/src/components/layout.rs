//! The header (site name, navigation, search, 大字版) and footer around every page; both read
//! the shared catalogue for the site's name and date.

use crate::components::large_text::LargeTextToggle;
use crate::components::search_box::{SearchBox, HEADER_SEARCH_ID};
use crate::data::use_catalogue;
use gongkai_core::site::{CATALOGUE_ROUTE, SEARCH_ROUTE};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Shown until the catalogue has loaded, or if it fails.
pub const FALLBACK_NAME: &str = "政府信息公开";

/// The site's name from the catalogue, or the fallback while it loads.
pub fn site_name() -> Signal<String> {
    let catalogue = use_catalogue();
    Signal::derive(move || {
        catalogue
            .get()
            .and_then(Result::ok)
            .map(|c| c.site.name.clone())
            .unwrap_or_else(|| FALLBACK_NAME.to_string())
    })
}

/// Site name, 大字版, the main navigation and the search box.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let name = site_name();
    let location = use_location();
    // Narrow screens drop the header's box on the home page, which has its own.
    let on_home = move || location.pathname.get() == "/";
    // "/" focuses the search box; the listener needs the window, so it starts in an effect.
    Effect::new(|_| crate::shortcuts::install());
    view! {
        <header class="site-header" class:on-home=on_home>
            <div class="wrap header-top">
                <a class="site-name" href="/">{name}</a>
                <LargeTextToggle />
            </div>
            <div class="wrap header-bottom">
                <MainNav />
                <SearchBox id=HEADER_SEARCH_ID label="搜索全站文件（快捷键 /）" class="header-search" />
            </div>
        </header>
    }
}

/// 首页 · 信息公开目录 · 检索, marking the current section.
#[component]
fn MainNav() -> impl IntoView {
    let location = use_location();
    let links = [
        ("/", "首页"),
        (CATALOGUE_ROUTE, "信息公开目录"),
        (SEARCH_ROUTE, "检索"),
    ];
    let items = links
        .into_iter()
        .map(|(href, label)| {
            let current = move || {
                let path = location.pathname.get();
                let here = if href == "/" {
                    path == "/"
                } else {
                    path.starts_with(href)
                };
                here.then_some("page")
            };
            view! { <li><a href=href aria-current=current>{label}</a></li> }
        })
        .collect_view();
    view! {
        <nav class="main-nav" aria-label="主导航">
            <ul>{items}</ul>
        </nav>
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
                <p class="footer-hint">"键盘操作：按 / 键跳到搜索框，Tab 键在链接间移动。"</p>
            </div>
        </footer>
    }
}
