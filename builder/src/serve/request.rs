//! The parts of a request that the server's decisions read, taken from hyper's parsed head.

use hyper::http::request::Parts;

/// Method, target and headers; the body, if any, is never read.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub target: String,
    headers: Vec<(String, String)>,
}

impl Request {
    /// Copies what the server needs from a parsed head. A header value that is not visible
    /// ASCII or UTF-8 is kept as lossy text: no decision here depends on such a value.
    pub fn from_parts(parts: &Parts) -> Request {
        let headers = parts
            .headers
            .iter()
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (name.as_str().to_string(), value)
            })
            .collect();
        Request {
            method: parts.method.as_str().to_string(),
            target: parts.uri.to_string(),
            headers,
        }
    }

    /// All values of a header joined with ", " (lists may be split across lines).
    pub fn header(&self, name: &str) -> Option<String> {
        let values: Vec<&str> = self
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect();
        (!values.is_empty()).then(|| values.join(", "))
    }

    /// Drops every value of a header (dev serves identity bytes and never answers 304).
    pub fn without(mut self, name: &str) -> Request {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::Request;

    #[test]
    fn joins_repeated_headers_and_drops_them() {
        let parts = hyper::Request::builder()
            .method("GET")
            .uri("/a?b=1")
            .header("Accept-Encoding", "br")
            .header("accept-encoding", "gzip")
            .body(())
            .unwrap()
            .into_parts()
            .0;
        let req = Request::from_parts(&parts);
        assert_eq!(req.target, "/a?b=1");
        assert_eq!(req.header("ACCEPT-ENCODING").as_deref(), Some("br, gzip"));
        assert_eq!(
            req.without("accept-encoding").header("accept-encoding"),
            None
        );
    }
}
