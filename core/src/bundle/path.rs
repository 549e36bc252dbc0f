//! The rules for a file path inside a bundle: one spelling, relative, no tricks.
//!
//! A name that would need rewriting to be safe is rejected, never rewritten (the `zip` crate's
//! `enclosed_name` rewrites; that is how a verified name and an installed name drift apart).
//! The rules hold for every store a terminal may use: a Linux folder, NTFS or FAT on a
//! Windows PC or USB stick, APFS on a Mac, and the browser's OPFS. So Windows device names,
//! trailing dots and spaces (Windows drops them), and invisible or direction-changing
//! characters (two names that look alike, or one that reads backwards) are refused, and
//! [`fold`] merges names that full case folding or normalization would put on one disk file.

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
    if path.contains(['<', '>', '"', '|', '?', '*']) {
        return Some("a character Windows does not allow in names (< > \" | ? *)");
    }
    if path.chars().any(invisible) {
        return Some("an invisible or direction-changing character");
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
        _ if segment.ends_with(['.', ' ']) => Some("a name ending in a dot or a space"),
        _ if is_device_name(segment) => Some("a Windows device name (CON, NUL, COM1, …)"),
        _ => None,
    }
}

/// Windows opens a device, not a file, for these names with any extension (`aux.json`) and
/// in any case; the superscript digits count as digits there too.
fn is_device_name(segment: &str) -> bool {
    let stem = segment.split('.').next().unwrap_or(segment);
    let stem = stem.trim_end_matches(' ').to_ascii_uppercase();
    if ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"].contains(&stem.as_str()) {
        return true;
    }
    let numbered = stem
        .strip_prefix("COM")
        .or_else(|| stem.strip_prefix("LPT"));
    numbered.is_some_and(|n| {
        let mut digits = n.chars();
        matches!(
            (digits.next(), digits.next()),
            (Some('0'..='9' | '\u{b9}' | '\u{b2}' | '\u{b3}'), None)
        )
    })
}

/// Characters that draw nothing or reorder what is drawn: Unicode's format characters
/// (zero-width spaces and joiners, bidi marks, embeddings, overrides and isolates, the BOM,
/// tags), line and paragraph separators, variation selectors and fillers, so that every
/// name shows what it is.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{34f}'
            | '\u{61c}'
            | '\u{115f}'..='\u{1160}'
            | '\u{17b4}'..='\u{17b5}'
            | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{fff0}'..='\u{fffb}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0000}'..='\u{e0fff}'
    )
}

/// The key two names collide under on a case-insensitive or normalizing file system.
///
/// Upper- then lowercasing each character is full case folding's effect on collisions:
/// ſ and s, ς and σ, ß and ss, the Kelvin sign and k all meet, which a plain lowercase misses.
/// NFC before and after catches composed/decomposed twins (macOS).
pub fn fold(path: &str) -> String {
    path.nfc()
        .flat_map(char::to_uppercase)
        .flat_map(char::to_lowercase)
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
            "a<b",
            "what?.html",
            "a*",
            "say\"hi\"",
            "a|b",
        ] {
            assert!(check(bad).is_err(), "{bad:?} passed");
        }
    }

    #[test]
    fn names_windows_would_change_or_open_as_devices_are_rejected() {
        for bad in [
            "CON",
            "data/con",
            "aux.json",
            "Nul.txt.gz",
            "items/com1/index.html",
            "lpt9.html",
            "COM\u{b9}.txt",
            "conin$",
            "a.",
            "dir./x",
            "a ",
            "dir /x",
        ] {
            assert!(check(bad).is_err(), "{bad:?} passed");
        }
        for good in [
            "console.html",
            "com10.txt",
            "auxiliary/x",
            "lpt.html",
            ".well-known/x",
        ] {
            assert!(check(good).is_ok(), "{good:?} refused");
        }
    }

    #[test]
    fn invisible_and_bidi_characters_are_rejected() {
        for c in [
            '\u{200b}',
            '\u{200d}',
            '\u{200e}',
            '\u{202e}',
            '\u{2066}',
            '\u{feff}',
            '\u{ad}',
            '\u{fe0f}',
            '\u{2028}',
            '\u{e0041}',
        ] {
            let name = format!("items/a{c}b.html");
            assert!(check(&name).is_err(), "{name:?} passed");
        }
        assert!(check("items/湘政发〔2024〕1号/index.html").is_ok());
    }

    #[test]
    fn fold_merges_what_full_case_folding_merges() {
        assert_eq!(fold("ſ.html"), fold("s.html"));
        assert_eq!(fold("ς"), fold("σ"));
        assert_eq!(fold("Σ"), fold("ς"));
        assert_eq!(fold("straße"), fold("STRASSE"));
        assert_eq!(fold("\u{212a}"), fold("k"));
        assert_eq!(fold("\u{212b}"), fold("å"));
    }

    #[test]
    fn fold_merges_case_and_normal_form_variants() {
        assert_eq!(fold("Data/A.JSON"), fold("data/a.json"));
        assert_eq!(fold("\u{e9}"), fold("e\u{301}"));
        assert_eq!(fold("Ä"), fold("a\u{308}"));
        assert_ne!(fold("a"), fold("b"));
    }
}
