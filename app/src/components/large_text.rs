//! The 大字版 (large text, 适老化) switch: enlarges every rem-based size and remembers the choice.

use crate::dom::{set_root_class, store, stored};
use leptos::prelude::*;

const STORAGE_KEY: &str = "gongkai.large-text";
const ROOT_CLASS: &str = "large-text";

/// A toggle button with `aria-pressed`; the saved choice is read once the page is hydrated (a
/// script in the page's head has already applied it, so the text does not jump).
#[island]
pub fn LargeTextToggle() -> impl IntoView {
    let large = RwSignal::new(false);
    // Effects run only in the browser, after mounting: the one place to read storage.
    Effect::new(move |_| large.set(stored(STORAGE_KEY).as_deref() == Some("1")));
    Effect::new(move |_| set_root_class(ROOT_CLASS, large.get()));
    let toggle = move |_| {
        let on = !large.get_untracked();
        large.set(on);
        store(STORAGE_KEY, if on { "1" } else { "0" });
    };
    view! {
        <button
            type="button"
            class="large-text-toggle"
            aria-pressed=move || if large.get() { "true" } else { "false" }
            on:click=toggle
        >
            "大字版"
        </button>
    }
}
