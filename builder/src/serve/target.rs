//! Turning a request target into path segments inside the site, refusing any that could leave it.

use std::path::{Component, Path, PathBuf};

/// A decoded request path: safe segments plus what a redirect needs.
#[derive(Debug)]
pub struct Target {
    /// Decoded, non-empty segments, none of them `.` or `..`.
    pub segments: Vec<String>,
    /// Whether the path ends in `/` (a directory request).
    pub trailing_slash: bool,
    /// The path as sent (still percent-encoded), for `Location`.
    raw_path: String,
    raw_query: Option<String>,
}

/// Why a target was refused (all answered with 400).
#[derive(Debug, PartialEq, Eq)]
pub enum TargetError {
    /// Not `/path` or `http://host/path`.
    NotAPath,
    /// A `%` not followed by two hex digits, or bytes that are not UTF-8.
    BadEncoding,
    /// `..`, NUL, or a separator smuggled in with percent-encoding.
    Forbidden,
}

/// Parses an origin-form or absolute-form target.
pub fn parse(raw: &str) -> Result<Target, TargetError> {
    let raw = strip_fragment(strip_authority(raw)?);
    let (raw_path, raw_query) = match raw.split_once('?') {
        Some((p, q)) => (p, Some(q.to_string())),
        None => (raw, None),
    };
    let mut segments = Vec::new();
    for seg in raw_path.split('/') {
        let seg = percent_decode(seg)?;
        if seg.is_empty() || seg == "." {
            continue;
        }
        check_segment(&seg)?;
        segments.push(seg);
    }
    Ok(Target {
        segments,
        trailing_slash: raw_path.ends_with('/'),
        raw_path: raw_path.to_string(),
        raw_query,
    })
}

fn strip_authority(raw: &str) -> Result<&str, TargetError> {
    if raw.starts_with('/') {
        return Ok(raw);
    }
    let rest = ["http://", "https://"]
        .iter()
        .find_map(|scheme| {
            let head = raw.get(..scheme.len())?;
            head.eq_ignore_ascii_case(scheme)
                .then(|| &raw[scheme.len()..])
        })
        .ok_or(TargetError::NotAPath)?;
    Ok(rest.find('/').map_or("/", |i| &rest[i..]))
}

fn strip_fragment(raw: &str) -> &str {
    raw.split_once('#').map_or(raw, |(p, _)| p)
}

fn percent_decode(seg: &str) -> Result<String, TargetError> {
    let bytes = seg.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = seg.get(i + 1..i + 3).ok_or(TargetError::BadEncoding)?;
            let byte = u8::from_str_radix(hex, 16).map_err(|_| TargetError::BadEncoding)?;
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| TargetError::BadEncoding)
}

/// A segment must name exactly one ordinary entry, on every platform's idea of a path.
fn check_segment(seg: &str) -> Result<(), TargetError> {
    if seg.contains(['/', '\\', '\0']) {
        return Err(TargetError::Forbidden);
    }
    let mut parts = Path::new(seg).components();
    match (parts.next(), parts.next()) {
        (Some(Component::Normal(_)), None) => Ok(()),
        _ => Err(TargetError::Forbidden),
    }
}

impl Target {
    /// The file-system path under `root` (still to be checked for symlinks leaving it).
    pub fn under(&self, root: &Path) -> PathBuf {
        let mut path = root.to_path_buf();
        path.extend(&self.segments);
        path
    }

    /// The same URL with a trailing slash; leading slashes collapsed so it cannot become `//host`.
    pub fn with_slash(&self) -> String {
        let path = format!("/{}/", self.raw_path.trim_matches('/'));
        let path = if path == "//" { "/".to_string() } else { path };
        match &self.raw_query {
            Some(q) => format!("{path}?{q}"),
            None => path,
        }
    }

    /// Whether the last segment looks like a file name (`app.js`), not an app route (`2024.1`).
    pub fn looks_like_file(&self) -> bool {
        let Some((stem, ext)) = self.segments.last().and_then(|s| s.rsplit_once('.')) else {
            return false;
        };
        !stem.is_empty()
            && (1..=10).contains(&ext.len())
            && ext.bytes().all(|b| b.is_ascii_alphanumeric())
            && ext.bytes().any(|b| b.is_ascii_alphabetic())
    }
}

#[cfg(test)]
mod tests {
    use super::{parse, TargetError};

    #[test]
    fn decodes_chinese_and_splits_query() {
        let t = parse("/%E6%B3%95%E8%A7%84/a%20b.html?q=1#top").unwrap();
        assert_eq!(t.segments, ["法规", "a b.html"]);
        assert!(!t.trailing_slash);
        assert_eq!(t.with_slash(), "/%E6%B3%95%E8%A7%84/a%20b.html/?q=1");
    }

    #[test]
    fn refuses_traversal_nul_and_smuggled_separators() {
        for raw in [
            "/../x",
            "/a/%2e%2e/x",
            "/%2E%2E",
            "/a%2Fb",
            "/a%5Cb",
            "/a%00b",
            "/..",
        ] {
            assert_eq!(parse(raw).unwrap_err(), TargetError::Forbidden, "{raw}");
        }
        assert_eq!(parse("/%zz").unwrap_err(), TargetError::BadEncoding);
        assert_eq!(parse("/%ff").unwrap_err(), TargetError::BadEncoding);
        assert_eq!(parse("/%e").unwrap_err(), TargetError::BadEncoding);
        assert_eq!(parse("*").unwrap_err(), TargetError::NotAPath);
    }

    #[test]
    fn absolute_form_and_dots() {
        let t = parse("http://127.0.0.1:8080/./a//b/").unwrap();
        assert_eq!(t.segments, ["a", "b"]);
        assert!(t.trailing_slash);
        assert_eq!(parse("HTTP://host").unwrap().segments, Vec::<String>::new());
        assert_eq!(
            parse("//evil.example").unwrap().with_slash(),
            "/evil.example/"
        );
    }

    #[test]
    fn file_like_last_segments() {
        assert!(parse("/app.js").unwrap().looks_like_file());
        assert!(parse("/x/index.woff2").unwrap().looks_like_file());
        assert!(!parse("/doc/2024.12").unwrap().looks_like_file());
        assert!(!parse("/doc/.hidden").unwrap().looks_like_file());
        assert!(!parse("/search").unwrap().looks_like_file());
        assert!(!parse("/").unwrap().looks_like_file());
    }
}
