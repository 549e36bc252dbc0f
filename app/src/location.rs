//! The search page's address without a client router: the query string as a signal, kept in step
//! with `history` (links inside the page push, back and forward pop), so a search is shareable
//! and restorable while the page stays one document.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The page's query string (`?q=…`, or empty) as a signal. It starts empty on both sides, so the
/// pre-rendered page and its hydration agree, and takes the real address once hydrated; back and
/// forward update it. Call inside the island's component.
pub fn query_signal() -> RwSignal<String> {
    let search = RwSignal::new(String::new());
    Effect::new(move |_| {
        search.set(current());
        let handle = window_event_listener(leptos::ev::popstate, move |_| search.set(current()));
        on_cleanup(move || handle.remove());
    });
    search
}

/// The query string of the address bar.
fn current() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Enters `href` (a path with its query string on this origin) into the history and the signal.
pub fn navigate(search: RwSignal<String>, href: &str) {
    let pushed = web_sys::window()
        .and_then(|w| w.history().ok())
        .is_some_and(|h| {
            h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href))
                .is_ok()
        });
    if pushed {
        search.set(query_part(href).to_string());
    } else if let Some(w) = web_sys::window() {
        let _ = w.location().set_href(href);
    }
}

/// A click on a plain link to `route` inside the page becomes [`navigate`]; other clicks
/// (modified, to elsewhere, new tab) are left to the browser.
pub fn follow_link(search: RwSignal<String>, route: &str, ev: &web_sys::MouseEvent) {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.ctrl_key()
        || ev.meta_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return;
    }
    let link = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("a[href]").ok().flatten());
    let Some(href) = link.and_then(|a| a.get_attribute("href")) else {
        return;
    };
    if path_part(&href) == route {
        ev.prevent_default();
        navigate(search, &href);
    }
}

/// `?…` of a link, or empty.
fn query_part(href: &str) -> &str {
    href.find('?').map_or("", |i| &href[i..])
}

/// The path of a site-relative link, without query or fragment.
fn path_part(href: &str) -> &str {
    let end = href.find(['?', '#']).unwrap_or(href.len());
    &href[..end]
}

/// The values of `key` in a query string (`?a=1&b=2`), percent-decoded (`+` is a space).
pub fn values(search: &str, key: &str) -> Vec<String> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .filter(|(k, _)| decode(k) == key)
        .map(|(_, v)| decode(v))
        .collect()
}

/// The first value of `key`, if any.
pub fn value(search: &str, key: &str) -> Option<String> {
    values(search, key).into_iter().next()
}

/// Percent-decoding as forms encode (`+` is a space); invalid escapes are kept as written and
/// invalid UTF-8 is replaced, never an error.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(hi), Some(lo)) => {
                    out.push(hi * 16 + lo);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_value_of_a_key_decoded() {
        let s = "?q=%E8%A1%8C%E6%94%BF+%E8%AE%B8%E5%8F%AF&f=year%3A2022&f=issuer:a&sort=date";
        assert_eq!(value(s, "q").as_deref(), Some("行政 许可"));
        assert_eq!(values(s, "f"), ["year:2022", "issuer:a"]);
        assert_eq!(value(s, "page"), None);
        assert_eq!(value("?q", "q").as_deref(), Some(""));
        assert_eq!(value("", "q"), None);
        assert_eq!(value("?q=%zz%4", "q").as_deref(), Some("%zz%4"));
    }

    #[test]
    fn link_parts() {
        assert_eq!(path_part("/search?q=a#x"), "/search");
        assert_eq!(path_part("/search#x"), "/search");
        assert_eq!(query_part("/search?q=a"), "?q=a");
        assert_eq!(query_part("/search"), "");
    }
}
