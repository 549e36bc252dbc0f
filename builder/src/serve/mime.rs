//! Content types by file name, so browsers accept modules, wasm and fonts under `nosniff`.
//! `public/sw.js` has the same table; tests/e2e/sw-rules.test.mjs keeps the two equal.

use std::path::Path;

/// The Content-Type for a file; unknown names (e.g. search index segments) are opaque bytes.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "css" => "text/css; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::content_type;
    use std::path::Path;

    #[test]
    fn extension_case_does_not_matter() {
        assert_eq!(
            content_type(Path::new("A.HTML")),
            "text/html; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("x.WASM")), "application/wasm");
    }

    #[test]
    fn unknown_and_missing_extensions_are_opaque() {
        assert_eq!(
            content_type(Path::new("index/meta")),
            "application/octet-stream"
        );
        assert_eq!(
            content_type(Path::new("seg.idx")),
            "application/octet-stream"
        );
    }
}
