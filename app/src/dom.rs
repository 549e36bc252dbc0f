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

/// This page's address with another fragment: `origin + route + #fragment`, where the route
/// ends with `/` as every page's route does, however the page was reached.
pub fn url_with_fragment(fragment: &str) -> Option<String> {
    let location = web_sys::window()?.location();
    let origin = location.origin().ok()?;
    let path = location.pathname().ok()?;
    Some(format!("{origin}{}#{fragment}", canonical_path(&path)))
}

fn canonical_path(path: &str) -> String {
    if path.ends_with('/') {
        path.to_string()
    } else {
        format!("{path}/")
    }
}

#[cfg(test)]
mod tests {
    use super::canonical_path;

    #[test]
    fn paths_end_with_a_slash_like_routes() {
        assert_eq!(canonical_path("/items/a/"), "/items/a/");
        assert_eq!(canonical_path("/items/a"), "/items/a/");
        assert_eq!(canonical_path("/"), "/");
    }
}
