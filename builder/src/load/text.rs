//! Turning a content file's bytes into text and cutting off its `+++` front matter.
//!
//! Editors save files from many tools, so a UTF-8 BOM and CRLF line ends are accepted;
//! both are removed here so every later stage sees plain LF text with unchanged line numbers.

use std::ops::Range;

/// Decodes a file as UTF-8, dropping a BOM and turning CRLF into LF.
///
/// On failure returns the 1-based line of the first byte that is not UTF-8.
pub fn decode(bytes: Vec<u8>) -> Result<String, usize> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        1 + count_newlines(valid)
    })?;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if text.contains('\r') {
        return Ok(text.replace("\r\n", "\n"));
    }
    Ok(text)
}

/// The parts of an item file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// Byte range of the TOML between the `+++` lines.
    pub front: Range<usize>,
    /// Byte offset where the body starts.
    pub body_start: usize,
    /// 1-based line where the body starts.
    pub body_line: usize,
}

/// Finds the front matter: a first line `+++`, TOML, and a closing `+++` line.
pub fn split(text: &str) -> Result<Split, &'static str> {
    let mut lines = Lines { text, pos: 0 };
    match lines.next() {
        Some((_, line)) if is_fence(line) => {}
        _ => return Err("missing front matter: the file must start with a `+++` line"),
    }
    let front_start = lines.pos;
    let mut number = 1;
    while let Some((start, line)) = lines.next() {
        number += 1;
        if is_fence(line) {
            return Ok(Split {
                front: front_start..start,
                body_start: lines.pos,
                body_line: number + 1,
            });
        }
    }
    Err("front matter is not closed: no `+++` line after the opening one")
}

/// The 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let bytes = text.as_bytes();
    1 + count_newlines(&bytes[..offset.min(bytes.len())])
}

fn count_newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| **b == b'\n').count()
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "+++"
}

/// Lines with their start offsets; unlike `str::lines` it tracks where the next line begins.
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let rest = self.text.get(self.pos..).filter(|r| !r.is_empty())?;
        let start = self.pos;
        let len = rest.find('\n').unwrap_or(rest.len());
        self.pos = (start + len + 1).min(self.text.len());
        Some((start, &rest[..len]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_removed() {
        let text = decode(b"\xef\xbb\xbf+++\r\na = 1\r\n+++\r\nbody\r\n".to_vec()).unwrap();
        assert_eq!(text, "+++\na = 1\n+++\nbody\n");
    }

    #[test]
    fn reports_the_line_of_the_first_bad_byte() {
        assert_eq!(decode(b"ok\nok\n\xff\xfe".to_vec()), Err(3));
        assert_eq!(decode(b"\x00\x9f".to_vec()), Err(1));
    }

    #[test]
    fn splits_front_matter_and_body() {
        let text = "+++\na = 1\nb = 2\n+++ \n# body\n";
        let s = split(text).unwrap();
        assert_eq!(&text[s.front.clone()], "a = 1\nb = 2\n");
        assert_eq!(&text[s.body_start..], "# body\n");
        assert_eq!(s.body_line, 5);
        assert_eq!(line_of(text, s.front.start + 6), 3);
    }

    #[test]
    fn a_closing_fence_at_the_end_gives_an_empty_body() {
        let s = split("+++\n+++").unwrap();
        assert_eq!((s.front, s.body_start, s.body_line), (4..4, 7, 3));
    }

    #[test]
    fn refuses_missing_or_open_front_matter() {
        assert!(split("").unwrap_err().starts_with("missing front matter"));
        assert!(split("title = 1\n+++\n")
            .unwrap_err()
            .starts_with("missing front matter"));
        assert!(split("+++\na = 1\n")
            .unwrap_err()
            .starts_with("front matter is not closed"));
    }
}
