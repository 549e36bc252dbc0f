//! An item's body with a "copy link" button on every article. The body is pre-rendered HTML; the
//! `CopyLinks` island adds the buttons once hydrated (they need JavaScript), listens for their
//! clicks, copies `origin + path + #art-N` and announces 已复制 in a live region (or offers the
//! link to copy by hand).

use crate::body::{add_copy_buttons, COPY_BUTTON_CLASS};
use crate::dom::url_with_fragment;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// What the live region says after a click.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Copied {
    Nothing,
    /// Copied to the clipboard: the article's label (第十二条).
    Done(String),
    /// The clipboard refused: the link to copy by hand.
    Manual(String),
}

/// The sanitized body HTML, with copy buttons, and the status line they report to.
#[component]
pub fn ArticleBody(html: String) -> impl IntoView {
    view! {
        <div class="doc-body" inner_html=html></div>
        <CopyLinks />
    }
}

/// The status line of the copy buttons; once hydrated, it adds the buttons, and one listener on
/// the document handles every button's click.
#[island]
fn CopyLinks() -> impl IntoView {
    let status = RwSignal::new(Copied::Nothing);
    Effect::new(move |_| {
        add_copy_buttons();
        let handle = window_event_listener(leptos::ev::click, move |ev| on_click(&ev, status));
        on_cleanup(move || handle.remove());
    });
    view! {
        <div class="copy-status" role="status" aria-live="polite">
            <CopyStatus status />
        </div>
    }
}

/// Copies the link of the article whose button was clicked.
fn on_click(ev: &web_sys::MouseEvent, status: RwSignal<Copied>) {
    let button = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| {
            el.closest(&format!("button.{COPY_BUTTON_CLASS}"))
                .ok()
                .flatten()
        });
    if let Some(button) = button {
        let anchor = button.get_attribute("data-anchor").unwrap_or_default();
        let label = button.get_attribute("data-label").unwrap_or_default();
        spawn_local(copy_link(anchor, label, status));
    }
}

#[component]
fn CopyStatus(status: RwSignal<Copied>) -> impl IntoView {
    let manual_input = NodeRef::<leptos::html::Input>::new();
    // Select the offered link so Ctrl+C copies it.
    Effect::new(move |_| {
        if let Some(input) = manual_input.get() {
            let _ = input.focus();
            input.select();
        }
    });
    move || match status.get() {
        Copied::Nothing => ().into_any(),
        Copied::Done(label) => {
            view! { <p class="copied">{format!("已复制{label}的链接")}</p> }.into_any()
        }
        Copied::Manual(url) => view! {
            <p class="copied">
                <label for="manual-link">"无法自动复制，请手动复制链接："</label>
                <input id="manual-link" readonly value=url node_ref=manual_input />
            </p>
        }
        .into_any(),
    }
}

async fn copy_link(anchor: String, label: String, status: RwSignal<Copied>) {
    let Some(url) = url_with_fragment(&anchor) else {
        return;
    };
    status.set(Copied::Nothing);
    let written = match web_sys::window() {
        Some(w) => JsFuture::from(w.navigator().clipboard().write_text(&url))
            .await
            .is_ok(),
        None => false,
    };
    status.set(if written {
        Copied::Done(label)
    } else {
        Copied::Manual(url)
    });
}
