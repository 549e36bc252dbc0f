//! The rules for a file path inside a bundle: one spelling, relative, no tricks.
//!
//! A name that would need rewriting to be safe is rejected, never rewritten (the `zip` crate's
//! `enclosed_name` rewrites; that is how a verified name and an installed name drift apart).

use crate::bundle::BundleError;
use unicode_normalization::UnicodeNormalization;

/// Longest accepted path in bytes; real site paths are far shorter.
pub const MAX_PATH_BYTES: usize = 1024;

/// Checks that `path` is a safe relative `/`-separated file path.
pub fn check(path: &str) -> Result<(), BundleError> {
    let why = problem(path);
    match why {
        Some(why) => Err(BundleError::UnsafePath {
            name: path.to_string(),
            why,
        }),
        None => Ok(()),
    }
}

fn problem(path: &str) -> Option<&'static str> {
    if path.is_empty() {
        return Some("empty");
    }
    if path.len() > MAX_PATH_BYTES {
        return Some("too long");
    }
    if path.contains('\\') {
        return Some("backslash");
    }
    if path.chars().any(|c| c == '\0') {
        return Some("NUL byte");
    }
    if path.chars().any(char::is_control) {
        return Some("control character");
    }
    if path.contains(':') {
        return Some("colon (drive letter or stream name)");
    }
    if path.starts_with('/') {
        return Some("absolute");
    }
    path.split('/').find_map(segment_problem)
}

fn segment_problem(segment: &str) -> Option<&'static str> {
    match segment {
        "" => Some("empty segment"),
        "." => Some("`.` segment"),
        ".." => Some("`..` segment"),
        _ => None,
    }
}

/// The key two names collide under on a case-insensitive or normalizing file system.
///
/// Unicode lowercase covers ASCII case folding; NFC catches composed/decomposed twins (macOS).
pub fn fold(path: &str) -> String {
    path.nfc()
        .collect::<String>()
        .to_lowercase()
        .nfc()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_paths_pass() {
        assert!(check("data/catalogue.json").is_ok());
        assert!(check("data/items/湘政发-2024-1.json").is_ok());
        assert!(check("a..b/c.d").is_ok());
    }

    #[test]
    fn tricks_are_rejected() {
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../b",
            "./a",
            "a/./b",
            "a//b",
            "a/",
            "a\\b",
            "C:/x",
            "c:x",
            "a\0b",
            "a\nb",
        ] {
            assert!(check(bad).is_err(), "{bad:?} passed");
        }
    }

    #[test]
    fn fold_merges_case_and_normal_form_variants() {
        assert_eq!(fold("Data/A.JSON"), fold("data/a.json"));
        assert_eq!(fold("\u{e9}"), fold("e\u{301}"));
        assert_eq!(fold("Ä"), fold("a\u{308}"));
        assert_ne!(fold("a"), fold("b"));
    }
}
