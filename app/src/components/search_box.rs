//! A search form (header, home, not-found page) that sends the reader to `/search?q=…`.

use crate::urls::search_href;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// The header's box, which "/" focuses from anywhere.
pub const HEADER_SEARCH_ID: &str = "site-search";
/// The home page's prominent box.
pub const HOME_SEARCH_ID: &str = "home-search";

/// A labelled search input and button; Enter or the button navigates to the search page.
/// `label` is read by screen readers; `visible_label` also shows it on screen.
#[component]
pub fn SearchBox(
    id: &'static str,
    label: &'static str,
    #[prop(optional)] visible_label: bool,
    #[prop(optional)] class: &'static str,
    #[prop(default = "输入标题、文号或关键词")] placeholder: &'static str,
) -> impl IntoView {
    let navigate = use_navigate();
    let text = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        navigate(
            &search_href(&text.get_untracked()),
            NavigateOptions::default(),
        );
    };
    let label_class = if visible_label {
        "search-label"
    } else {
        "visually-hidden"
    };
    view! {
        <form class=format!("search-box {class}") role="search" action="/search" method="get" on:submit=submit>
            <label class=label_class for=id>{label}</label>
            <input
                id=id
                name="q"
                type="search"
                autocomplete="off"
                enterkeyhint="search"
                placeholder=placeholder
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
                // Fetch the search engine and its index while the reader types.
                on:focus=move |_| crate::search::client::preload()
            />
            <button type="submit">"搜索"</button>
        </form>
    }
}
