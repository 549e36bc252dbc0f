//! The few direct browser calls the app makes; call them only from effects, never while building views.

/// Sets the tab title.
pub fn set_title(title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(title);
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
    use super::fragment_id;

    #[test]
    fn fragments() {
        assert_eq!(fragment_id("#art-12").as_deref(), Some("art-12"));
        assert_eq!(fragment_id("#"), None);
        assert_eq!(fragment_id(""), None);
    }
}
