//! The one rule for how a version's articles are numbered, read by `check` and by `import`.
//!
//! Alignment and per-version anchors assume 第一条, 第二条 … in order without gaps or repeats.
//! 第十条之一 (an article inserted without renumbering the rest) takes no number of its own.

use crate::numeral::chinese;
use crate::structure::{marker_at_start, Unit};

/// The first article out of sequence in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutOfSequence {
    /// 0-based line of the body.
    pub line: usize,
    /// The marker as written, e.g. 第十三条.
    pub found: String,
    pub expected: u32,
}

impl std::fmt::Display for OutOfSequence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} where 第{}条 was expected: a version's articles are numbered in order without gaps or repeats",
            self.found,
            chinese(self.expected)
        )
    }
}

/// Checks that the articles of `body` (lines starting with 第X条) run 1, 2, 3 ….
pub fn check(body: &str) -> Result<(), OutOfSequence> {
    let mut expected = 1;
    for (line, text) in body.lines().enumerate() {
        let Some(marker) = marker_at_start(text).filter(|m| m.unit == Unit::Article) else {
            continue;
        };
        if text[marker.len..].trim_start().starts_with('之') {
            continue;
        }
        if marker.number != expected {
            return Err(OutOfSequence {
                line,
                found: marker.label,
                expected,
            });
        }
        expected += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_in_order_and_their_gaps() {
        let ok = "第一条　甲。\n\n第二条　乙。\n\n第二条之一　丙。\n\n第三条　丁。\n";
        assert_eq!(check(ok), Ok(()));
        let e = check("第一条　甲。\n\n第三条　丙。\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(
            e.to_string()
                .starts_with("第三条 where 第二条 was expected"),
            "{e}"
        );
        let e = check("第一条　甲。\n第一条　乙。\n").unwrap_err();
        assert_eq!((e.line, e.expected), (1, 2));
    }
}
