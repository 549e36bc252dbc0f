//! One LawRefBook file cut into its parts: `# title`, provenance lines, `<!-- INFO END -->`, body.

use gongkai_core::versions::zero_width;

/// The marker that ends the provenance lines.
pub const INFO_END: &str = "<!-- INFO END -->";

/// The parts of a source file, borrowed from its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source<'a> {
    pub title: &'a str,
    pub provenance: Vec<&'a str>,
    /// The Markdown after the marker, without leading blank lines.
    pub body: &'a str,
}

/// Decodes a file's bytes: UTF-8 only; a BOM and CRLF line ends are dropped, and a line of only
/// zero-width characters is blank (the corpus spaces paragraphs with such lines; kept, each was
/// a line of text that shows nothing, inside an article's paragraph).
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        format!("not UTF-8 text (line {line})")
    })?;
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    };
    Ok(blank_invisible_lines(text))
}

/// Empties each line that holds zero-width characters ([`zero_width`], comparison's rule) and
/// nothing but them and white space.
fn blank_invisible_lines(text: String) -> String {
    if !text.contains(zero_width) {
        return text;
    }
    let blank = |line: &str| {
        line.contains(zero_width) && line.chars().all(|c| c.is_whitespace() || zero_width(c))
    };
    text.split('\n')
        .map(|line| if blank(line) { "" } else { line })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Splits a file; the title must be the first non-blank line and the marker must follow it.
pub fn split(text: &str) -> Result<Source<'_>, String> {
    let mut rest = skip_blank_lines(text);
    let (first, after) = rest.split_once('\n').unwrap_or((rest, ""));
    let title = first
        .trim_end()
        .strip_prefix("# ")
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or("no title: the first line must be `# <title>`")?;
    rest = after;
    let mut provenance = Vec::new();
    while !rest.is_empty() {
        let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
        rest = after;
        if line.trim() == INFO_END {
            return Ok(Source {
                title,
                provenance,
                body: skip_blank_lines(rest),
            });
        }
        provenance.push(line.trim());
    }
    Err(format!("no `{INFO_END}` line after the title"))
}

/// Drops whole blank lines only: leading spaces on a text line are Markdown (indentation).
fn skip_blank_lines(mut s: &str) -> &str {
    while let Some((line, rest)) = s.split_once('\n') {
        if !line.trim().is_empty() {
            return s;
        }
        s = rest;
    }
    if s.trim().is_empty() {
        ""
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_title_provenance_and_body() {
        let s = split("# 护士条例\n\n2008年1月31日 公布　\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 …\n").unwrap();
        assert_eq!(s.title, "护士条例");
        assert_eq!(s.provenance, ["", "2008年1月31日 公布", ""]);
        assert_eq!(s.body, "## 第一章 总则\n\n第一条 …\n");
    }

    #[test]
    fn refuses_files_without_title_or_marker() {
        assert!(split("第一条 …\n").unwrap_err().contains("no title"));
        assert!(split("\n#\n").unwrap_err().contains("no title"));
        assert!(split("# 标题\n第一条\n").unwrap_err().contains("INFO END"));
    }

    #[test]
    fn lines_of_zero_width_characters_are_blank() {
        // As in the corpus's 公司法 (2023-12-29): a line of one U+200B after an article's text.
        let text = decode(
            "第二百六十四条 依法追究刑事责任。\n\u{200b}\n\n第二百六十五条 \u{200b}含义\n".into(),
        )
        .unwrap();
        assert_eq!(
            text,
            "第二百六十四条 依法追究刑事责任。\n\n\n第二百六十五条 \u{200b}含义\n"
        );
        assert_eq!(decode(" \u{2060}\u{feff} \nb".into()).unwrap(), "\nb");
        // A line of spaces alone is left as it is.
        assert_eq!(decode("a\n  \n\u{200b}\n".into()).unwrap(), "a\n  \n\n");
    }

    #[test]
    fn decodes_bom_and_crlf() {
        assert_eq!(decode(b"\xef\xbb\xbf# a\r\nb".to_vec()).unwrap(), "# a\nb");
        assert_eq!(
            decode(b"ok\n\xff".to_vec()).unwrap_err(),
            "not UTF-8 text (line 2)"
        );
    }
}
