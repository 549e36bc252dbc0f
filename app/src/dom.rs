//! The few direct browser calls the app makes; call them only from effects, never while building views.

/// Sets the tab title.
pub fn set_title(title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(title);
    }
}

/// Moves keyboard focus to the element with this id (and selects an input's text); false if it
/// is absent or not displayed.
pub fn focus_by_id(id: &str) -> bool {
    use wasm_bindgen::JsCast;
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|el| el.offset_parent().is_some());
    let Some(element) = element else {
        return false;
    };
    let _ = element.focus();
    if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        input.select();
    }
    true
}

/// A value saved in `localStorage`; `None` when absent or when storage is blocked.
pub fn stored(key: &str) -> Option<String> {
    let storage = web_sys::window()?.local_storage().ok()??;
    storage.get_item(key).ok()?
}

/// Saves a value in `localStorage`, silently doing nothing where storage is blocked.
pub fn store(key: &str, value: &str) {
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) {
        let _ = storage.set_item(key, value);
    }
}

/// Adds or removes a class on `<html>`, for page-wide modes such as large text.
pub fn set_root_class(class: &str, on: bool) {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    if let Some(root) = root {
        let classes = root.class_list();
        let _ = if on {
            classes.add_1(class)
        } else {
            classes.remove_1(class)
        };
    }
}

/// This page's address with another fragment: `origin + path + #fragment`, without the trailing
/// slash a static host adds when it serves `items/<id>/index.html`, so links match the app's routes.
pub fn url_with_fragment(fragment: &str) -> Option<String> {
    let location = web_sys::window()?.location();
    let origin = location.origin().ok()?;
    let path = location.pathname().ok()?;
    Some(format!("{origin}{}#{fragment}", canonical_path(&path)))
}

fn canonical_path(path: &str) -> &str {
    match path.strip_suffix('/') {
        Some(trimmed) if !trimmed.is_empty() => trimmed,
        _ => path,
    }
}

/// Scrolls the element named by the URL's `#fragment` into view, if there is one.
/// Returns whether an element was found.
pub fn scroll_to_fragment() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let hash = window.location().hash().unwrap_or_default();
    let Some(id) = fragment_id(&hash) else {
        return false;
    };
    match window.document().and_then(|d| d.get_element_by_id(&id)) {
        Some(el) => {
            el.scroll_into_view();
            true
        }
        None => false,
    }
}

/// The element id in a `location.hash` value such as `#art-12`, percent-decoded.
fn fragment_id(hash: &str) -> Option<String> {
    let raw = hash.strip_prefix('#').unwrap_or(hash);
    if raw.is_empty() {
        return None;
    }
    let decoded = js_decode(raw).unwrap_or_else(|| raw.to_string());
    Some(decoded)
}

#[cfg(target_arch = "wasm32")]
fn js_decode(raw: &str) -> Option<String> {
    js_sys::decode_uri_component(raw).ok().map(String::from)
}

#[cfg(not(target_arch = "wasm32"))]
fn js_decode(_raw: &str) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::{canonical_path, fragment_id};

    #[test]
    fn paths_lose_a_trailing_slash() {
        assert_eq!(canonical_path("/items/a/"), "/items/a");
        assert_eq!(canonical_path("/items/a"), "/items/a");
        assert_eq!(canonical_path("/"), "/");
    }

    #[test]
    fn fragments() {
        assert_eq!(fragment_id("#art-12").as_deref(), Some("art-12"));
        assert_eq!(fragment_id("#"), None);
        assert_eq!(fragment_id(""), None);
    }
}
