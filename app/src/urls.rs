//! The app's links that carry a query string (search, catalogue filters), percent-encoded in
//! plain Rust so the same code runs in the browser and in native unit tests.

use gongkai_core::site::{CATALOGUE_ROUTE, SEARCH_ROUTE};

/// Percent-encodes a query value the way `encodeURIComponent` does (UTF-8, unreserved kept).
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Joins `key=value` pairs into `?a=1&b=2`, or nothing when there are none.
pub fn query_string<'a>(pairs: impl IntoIterator<Item = (&'a str, String)>) -> String {
    let joined = pairs
        .into_iter()
        .map(|(key, value)| format!("{key}={}", encode_component(&value)))
        .collect::<Vec<_>>()
        .join("&");
    if joined.is_empty() {
        joined
    } else {
        format!("?{joined}")
    }
}

/// The search page for a query: `/search?q=…`.
pub fn search_href(query: &str) -> String {
    format!(
        "{SEARCH_ROUTE}{}",
        query_string([("q", query.trim().to_string())])
    )
}

/// The catalogue filtered by department and/or category.
pub fn catalogue_href(department: Option<&str>, category: Option<&str>) -> String {
    let pairs = [("dept", department), ("cat", category)]
        .into_iter()
        .filter_map(|(key, value)| value.map(|v| (key, v.to_string())));
    format!("{CATALOGUE_ROUTE}{}", query_string(pairs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_encode_uri_component() {
        assert_eq!(encode_component("abc-1_2.3"), "abc-1_2.3");
        assert_eq!(encode_component("a b&c=d/e?"), "a%20b%26c%3Dd%2Fe%3F");
        assert_eq!(encode_component("电子"), "%E7%94%B5%E5%AD%90");
    }

    #[test]
    fn search_links() {
        assert_eq!(
            search_href("  政务 公开 "),
            "/search?q=%E6%94%BF%E5%8A%A1%20%E5%85%AC%E5%BC%80"
        );
        assert_eq!(search_href("a+b"), "/search?q=a%2Bb");
    }

    #[test]
    fn catalogue_links() {
        assert_eq!(catalogue_href(None, None), "/catalogue");
        assert_eq!(catalogue_href(Some("xtszf"), None), "/catalogue?dept=xtszf");
        assert_eq!(
            catalogue_href(Some("x"), Some("规章")),
            "/catalogue?dept=x&cat=%E8%A7%84%E7%AB%A0"
        );
    }
}
