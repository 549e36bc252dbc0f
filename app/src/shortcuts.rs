//! Keyboard shortcuts for the whole app: "/" jumps to the header search box (or, where narrow
//! screens hide it on the home page, the home page's own box) unless the reader is typing.

use crate::components::search_box::{HEADER_SEARCH_ID, HOME_SEARCH_ID};
use crate::dom::focus_by_id;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Installs the shortcuts once hydrated; renders nothing.
#[island]
pub fn Shortcuts() -> impl IntoView {
    Effect::new(|_| install());
}

/// Listens on the window for "/"; call from an effect, the listener goes with the effect's owner.
fn install() {
    let handle = window_event_listener(ev::keydown, |event: web_sys::KeyboardEvent| {
        let modified = event.ctrl_key() || event.meta_key() || event.alt_key();
        let typing = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| is_typing_in(&el.tag_name(), el.has_attribute("contenteditable")));
        if wants_search(&event.key(), modified, typing)
            && [HEADER_SEARCH_ID, HOME_SEARCH_ID]
                .into_iter()
                .any(focus_by_id)
        {
            event.prevent_default();
        }
    });
    on_cleanup(move || handle.remove());
}

/// Whether a key press means "go to search".
fn wants_search(key: &str, modified: bool, typing: bool) -> bool {
    key == "/" && !modified && !typing
}

/// Whether keys typed into this element are text the reader is entering.
fn is_typing_in(tag_name: &str, content_editable: bool) -> bool {
    content_editable
        || matches!(
            tag_name.to_ascii_uppercase().as_str(),
            "INPUT" | "TEXTAREA" | "SELECT"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slash_focuses_search_unless_typing() {
        assert!(wants_search("/", false, false));
        assert!(!wants_search("/", true, false));
        assert!(!wants_search("/", false, true));
        assert!(!wants_search("a", false, false));
        assert!(is_typing_in("input", false));
        assert!(is_typing_in("TEXTAREA", false));
        assert!(is_typing_in("DIV", true));
        assert!(!is_typing_in("A", false));
    }
}
