//! Versions of one regulation: which text stood on a day, and how two texts differ article by article.
//!
//! The builder pre-renders version and diff pages with these functions and the browser app
//! calls the same ones, so a page and a script can never disagree on what changed.

pub mod align;
pub mod chardiff;
pub mod compare;
pub mod numbering;
#[cfg(test)]
mod tests;

pub use align::{align, Aligned, Article, Change};
pub use chardiff::{char_diff, Piece, PieceKind};
pub use compare::{compare, last_changed, ArticleText, Place, Row};

use crate::date::Date;
use crate::schema::Version;

/// The index of the version whose text stood on `day`, in `versions` ordered oldest first.
///
/// A version stands from its 施行日期 (its 公布日期 when it has none) until the next version
/// starts. `None` before the first version started.
pub fn standing_on(versions: &[Version], day: Date) -> Option<usize> {
    versions.iter().rposition(|v| v.starts() <= day)
}

/// One character as comparison sees it: full-width ASCII forms (（一）, ＡＢＣ, １２) and the
/// ideographic space are their narrow forms, since texts of one law differ in width alone.
pub fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        c => c,
    }
}

/// A character that shows nothing: zero-width space, non-joiner and joiner, word joiner, and a
/// BOM inside the text. Like whitespace, it is layout to comparison, never a change of the law.
pub fn zero_width(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
}

impl Version {
    /// The first day this text was the law: 施行日期, else 公布日期.
    pub fn starts(&self) -> Date {
        self.effective.unwrap_or(self.published)
    }
}
