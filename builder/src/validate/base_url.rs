//! The site's `base_url`, checked and normalized by one function for `site.toml` and `--base-url`.
//!
//! The sitemap and the feeds put it in front of every path, so it must be an absolute http(s)
//! URL of a folder: no query, no fragment, no user name, nothing a URL must not hold raw.

/// Checks `raw` and returns it normalized: scheme and host in lowercase, ending with `/`.
pub fn normalize(raw: &str) -> Result<String, String> {
    let fail = |why: &str| Err(format!("invalid `base_url` {raw:?}: {why}"));
    let Some((scheme, rest)) = raw.split_once("://") else {
        return fail("use an absolute http:// or https:// URL");
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return fail("use an absolute http:// or https:// URL");
    }
    if let Some(c) = rest.chars().find(|&c| !is_url_char(c)) {
        return fail(&format!("{c:?} is not allowed here (percent-encode it)"));
    }
    if rest.contains(['?', '#']) {
        return fail("a query or fragment is not allowed");
    }
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if !is_host(host) {
        return fail("name a host, e.g. https://www.example.gov.cn/");
    }
    let slash = if path.is_empty() || path.ends_with('/') {
        ""
    } else {
        "/"
    };
    Ok(format!(
        "{scheme}://{}/{path}{slash}",
        host.to_ascii_lowercase()
    ))
}

/// Printable ASCII that RFC 3986 allows in a URL as it is.
fn is_url_char(c: char) -> bool {
    c.is_ascii_graphic() && !"\"<>\\^`{|}".contains(c)
}

/// A host name or IPv4 address with an optional port; no user name (`@`), no IPv6 literal.
fn is_host(host: &str) -> bool {
    let (name, port) = host.split_once(':').unwrap_or((host, "0"));
    let name_ok = !name.is_empty()
        && !name.starts_with(['.', '-'])
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-".contains(c));
    let port_ok = !port.is_empty() && port.len() <= 5 && port.chars().all(|c| c.is_ascii_digit());
    name_ok && port_ok
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn a_good_url_is_normalized_to_end_with_a_slash() {
        let cases = [
            ("https://www.example.gov.cn/", "https://www.example.gov.cn/"),
            ("https://www.example.gov.cn", "https://www.example.gov.cn/"),
            (
                "HTTP://Example.gov.cn:8080/gk",
                "http://example.gov.cn:8080/gk/",
            ),
            ("https://10.0.0.1:8080/a/b/", "https://10.0.0.1:8080/a/b/"),
        ];
        for (raw, want) in cases {
            assert_eq!(normalize(raw).as_deref(), Ok(want), "{raw}");
        }
    }

    #[test]
    fn a_bad_url_is_refused_with_the_reason() {
        let cases = [
            ("www.example.gov.cn", "absolute"),
            ("ftp://example.gov.cn/", "absolute"),
            ("https:///a", "host"),
            ("https://user@example.gov.cn/", "host"),
            ("https://example.gov.cn:80a/", "host"),
            ("https://example.gov.cn:/", "host"),
            ("https://example.gov.cn/?a=1", "query"),
            ("https://example.gov.cn/#top", "fragment"),
            ("https://example.gov.cn/a b/", "percent-encode"),
            ("https://例子.中国/", "percent-encode"),
        ];
        for (raw, why) in cases {
            let err = normalize(raw).unwrap_err();
            assert!(err.contains(why), "{raw}: {err}");
        }
    }
}
