//! The app's links that carry a query string (the search page browsing with filters),
//! percent-encoded in plain Rust so the same code runs in the browser and in native unit tests.

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

/// Every item of a department and/or category, newest first: the search page browsing with
/// those filters (the pre-rendered lists page only the whole catalogue and each department).
pub fn browse_href(department: Option<&str>, category: Option<&str>) -> String {
    let filters = [("issuer", department), ("category", category)]
        .into_iter()
        .filter_map(|(facet, value)| value.map(|v| (facet.to_string(), v.to_string())))
        .collect();
    crate::search::params::SearchParams {
        filters,
        ..Default::default()
    }
    .href()
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
    fn browse_links() {
        assert_eq!(browse_href(None, None), "/search/");
        assert_eq!(browse_href(Some("xtszf"), None), "/search/?f=issuer:xtszf");
        assert_eq!(
            browse_href(Some("x"), Some("规章")),
            "/search/?f=issuer:x&f=category:%E8%A7%84%E7%AB%A0"
        );
    }
}
