//! A search form (header, home, not-found page): a plain GET form to `/search?q=…`, so it works
//! without JavaScript; hydrated, focusing it starts loading the search engine.

use gongkai_core::site::SEARCH_ROUTE;
use leptos::prelude::*;

/// The header's box, which "/" focuses from anywhere.
pub const HEADER_SEARCH_ID: &str = "site-search";
/// The home page's prominent box.
pub const HOME_SEARCH_ID: &str = "home-search";

/// A labelled search input and button. `label` is read by screen readers; `visible_label` also
/// shows it on screen.
#[island]
pub fn SearchBox(
    id: String,
    label: String,
    #[prop(optional)] visible_label: Option<bool>,
    #[prop(optional)] class: Option<String>,
    #[prop(optional)] placeholder: Option<String>,
) -> impl IntoView {
    let class = class.unwrap_or_default();
    let label_class = if visible_label == Some(true) {
        "search-label"
    } else {
        "visually-hidden"
    };
    let placeholder = placeholder.unwrap_or_else(|| "输入标题、文号或关键词".to_string());
    view! {
        <form class=format!("search-box {class}") role="search" action=SEARCH_ROUTE method="get">
            <label class=label_class for=id.clone()>{label}</label>
            <input
                id=id
                name="q"
                type="search"
                autocomplete="off"
                enterkeyhint="search"
                placeholder=placeholder
                // Fetch the search engine and its index while the reader types.
                on:focus=move |_| crate::search::client::preload()
            />
            <button type="submit">"搜索"</button>
        </form>
    }
}
