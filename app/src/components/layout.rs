//! The frame around every page: skip link, header (site name, 大字版, navigation, search box),
//! the page's own content in `main`, and the footer.

use crate::components::large_text::LargeTextToggle;
use crate::components::search_box::{SearchBox, HEADER_SEARCH_ID};
use crate::shortcuts::Shortcuts;
use gongkai_core::site::{SiteInfo, CATALOGUE_ROUTE, SEARCH_ROUTE};
use leptos::prelude::*;

/// The part of the site a page belongs to, marked in the main navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Home,
    Catalogue,
    Search,
    /// Item, department, sync and not-found pages: no navigation entry of their own.
    Other,
}

/// A page's `<h1>`, marked for Element Timing (`elementtiming="title"`), so the page bench can
/// tell when the title was painted (tests/bench/tti.mjs).
pub fn page_title(text: String, id: Option<&'static str>) -> impl IntoView {
    use leptos::html::h1;
    h1().attr("elementtiming", "title").id(id).child(text)
}

/// Header, `main` with the page, footer.
#[component]
pub fn Layout(site: SiteInfo, section: Section, children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">"跳到正文"</a>
        <SiteHeader name=site.name.clone() section />
        <main id="main" tabindex="-1">{children()}</main>
        <SiteFooter site />
    }
}

/// Site name, 大字版, the main navigation and the search box.
#[component]
fn SiteHeader(name: String, section: Section) -> impl IntoView {
    // Narrow screens drop the header's box on the home page, which has its own.
    let on_home = section == Section::Home;
    view! {
        <header class="site-header" class:on-home=on_home>
            <div class="wrap header-top">
                <a class="site-name" href="/">{name}</a>
                <LargeTextToggle />
                <Shortcuts />
            </div>
            <div class="wrap header-bottom">
                <MainNav section />
                <SearchBox
                    id=HEADER_SEARCH_ID.to_string()
                    label="搜索全站文件（快捷键 /）".to_string()
                    class="header-search".to_string()
                />
            </div>
        </header>
    }
}

/// 首页 · 信息公开目录 · 检索, marking the current section.
#[component]
fn MainNav(section: Section) -> impl IntoView {
    let links = [
        ("/", "首页", Section::Home),
        (CATALOGUE_ROUTE, "信息公开目录", Section::Catalogue),
        (SEARCH_ROUTE, "检索", Section::Search),
    ];
    let items = links
        .into_iter()
        .map(|(href, label, own)| {
            let current = (own == section).then_some("page");
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
fn SiteFooter(site: SiteInfo) -> impl IntoView {
    let as_of = site.data_as_of.map(|d| format!("数据截至 {d}。"));
    view! {
        <footer class="site-footer">
            <div class="wrap">
                <p>{as_of}"本站汇集已公开的政府文件，以原发文机关发布的文本为准。"</p>
                <p class="footer-hint">"键盘操作：按 / 键跳到搜索框，Tab 键在链接间移动。"</p>
            </div>
        </footer>
    }
}
