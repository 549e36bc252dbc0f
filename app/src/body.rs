//! The copy-link buttons of an item's body: added in the browser once the `CopyLinks` island is
//! hydrated, after every article number (`<span class="art-no">第X条</span>` opening an element
//! with an `art-…` id), since they only work with JavaScript; the pre-rendered body stays as it is.

use gongkai_core::structure::markup::{article_numbers_selector, is_article_id};
use wasm_bindgen::JsCast;

/// The class the click handler looks for.
pub const COPY_BUTTON_CLASS: &str = "copy-link";

/// The element around the body's HTML (see `components::article_body`).
const BODY: &str = ".doc-body";

/// Adds a button after every article number that has none yet.
pub fn add_copy_buttons() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(numbers) = doc.query_selector_all(&article_numbers_selector(BODY)) else {
        return;
    };
    for i in 0..numbers.length() {
        let span = numbers
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok());
        if let Some(span) = span {
            add_button(&doc, &span);
        }
    }
}

fn add_button(doc: &web_sys::Document, span: &web_sys::Element) {
    let anchor = span.parent_element().map(|p| p.id()).unwrap_or_default();
    let label = span.text_content().unwrap_or_default();
    let has_one = span
        .next_element_sibling()
        .is_some_and(|next| next.class_name() == COPY_BUTTON_CLASS);
    if !is_article_id(&anchor) || has_one {
        return;
    }
    if let Ok(button) = doc.create_element("button") {
        let attributes = [
            ("type", "button".to_string()),
            ("class", COPY_BUTTON_CLASS.to_string()),
            ("data-anchor", anchor),
            ("data-label", label.clone()),
            ("aria-label", aria_label(&label)),
        ];
        for (name, value) in attributes {
            let _ = button.set_attribute(name, &value);
        }
        button.set_text_content(Some("链接"));
        let _ = span.after_with_node_1(&button);
    }
}

/// What a screen reader says for the button of 第十二条.
fn aria_label(label: &str) -> String {
    format!("复制{label}的链接")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_article_anchors_get_buttons() {
        assert!(is_article_id("art-12"));
        assert!(is_article_id("art-3-2"));
        assert!(!is_article_id("art-"));
        assert!(!is_article_id("chap-1"));
        assert!(!is_article_id("art-X"));
        assert_eq!(aria_label("第十二条"), "复制第十二条的链接");
    }
}
