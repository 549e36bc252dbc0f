//! Document structure: recognising 第X编 / 第X章 / 第X节 / 第X条 and giving each a stable anchor.
//!
//! The builder uses it to put anchors in the body and build the table of contents; the search
//! engine uses the same rules to cut a body into articles, so deep links always agree.

/// The structural units of a Chinese legal text, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    /// 编 (parts, e.g. in 民法典).
    Part,
    /// 章.
    Chapter,
    /// 节, numbered within its chapter.
    Section,
    /// 条, numbered through the whole text.
    Article,
}

impl Unit {
    fn from_char(c: char) -> Option<Unit> {
        match c {
            '编' => Some(Unit::Part),
            '章' => Some(Unit::Chapter),
            '节' => Some(Unit::Section),
            '条' => Some(Unit::Article),
            _ => None,
        }
    }

    /// Depth in a table of contents: 0 for 编 … 3 for 条.
    pub fn depth(self) -> u8 {
        self as u8
    }
}

/// A recognised marker at the start of a line or paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub unit: Unit,
    pub number: u32,
    /// The marker as written, e.g. 第十二条.
    pub label: String,
    /// Byte length of the marker in the text it was found in.
    pub len: usize,
}

/// Recognises `第<数字>编|章|节|条` at the start of `text` (after leading spaces).
///
/// Numbers may be Chinese numerals up to the thousands (第一千二百六十条) or ASCII digits.
/// Article markers must be followed by a separator or the article's text; a cross reference
/// such as 第十二条规定 inside a sentence is never at the start of a paragraph in real texts,
/// but headings like 第一章总则 (without a space) are common and accepted.
pub fn marker_at_start(text: &str) -> Option<Marker> {
    let trimmed = text.trim_start_matches([' ', '\u{3000}', '\t']);
    let skipped = text.len() - trimmed.len();
    let rest = trimmed.strip_prefix('第')?;
    let num_len: usize = rest
        .char_indices()
        .take_while(|(_, c)| is_numeral(*c))
        .last()
        .map(|(i, c)| i + c.len_utf8())?;
    let (num, after) = rest.split_at(num_len);
    let unit_char = after.chars().next()?;
    let unit = Unit::from_char(unit_char)?;
    let number = parse_number(num)?;
    let label_len = '第'.len_utf8() + num_len + unit_char.len_utf8();
    Some(Marker {
        unit,
        number,
        label: trimmed[..label_len].to_string(),
        len: skipped + label_len,
    })
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "零〇一二两三四五六七八九十百千".contains(c)
}

/// Parses a Chinese numeral (一 … 九千九百九十九, with 零/〇 and 两) or ASCII digits.
pub fn parse_number(s: &str) -> Option<u32> {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok().filter(|n| *n > 0);
    }
    let (mut total, mut digit, mut last_scale) = (0u32, None::<u32>, 10_000u32);
    for c in s.chars() {
        match c {
            '零' | '〇' => digit = None,
            '十' | '百' | '千' => {
                let scale = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                if scale >= last_scale {
                    return None;
                }
                total += digit.take().unwrap_or(1) * scale;
                last_scale = scale;
            }
            _ => {
                if digit.is_some() {
                    return None;
                }
                digit = Some(digit_value(c)?);
            }
        }
    }
    let n = total + digit.unwrap_or(0);
    (n > 0).then_some(n)
}

fn digit_value(c: char) -> Option<u32> {
    "一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u32 + 1)
        .or((c == '两').then_some(2))
}

/// Tracks the enclosing units while walking a text, to give every marker a stable, unique anchor.
#[derive(Debug, Default, Clone)]
pub struct AnchorState {
    part: u32,
    chapter: u32,
    used: std::collections::HashSet<String>,
}

impl AnchorState {
    /// The anchor id for `marker`: `part-1`, `chap-3`, `sec-3-2` (section 2 of chapter 3), `art-12`.
    ///
    /// A repeated anchor (a second 第一条, e.g. in an attached text) gets `-2`, `-3` …, so ids
    /// stay unique in a page. The renderer and the search index both call this, in body order,
    /// so their deep links agree.
    pub fn anchor(&mut self, marker: &Marker) -> String {
        let base = self.base_anchor(marker);
        let mut anchor = base.clone();
        let mut n = 1;
        while !self.used.insert(anchor.clone()) {
            n += 1;
            anchor = format!("{base}-{n}");
        }
        anchor
    }

    fn base_anchor(&mut self, marker: &Marker) -> String {
        match marker.unit {
            Unit::Part => {
                self.part = marker.number;
                format!("part-{}", marker.number)
            }
            Unit::Chapter => {
                self.chapter = marker.number;
                format!("chap-{}", marker.number)
            }
            Unit::Section => format!("sec-{}-{}", self.chapter, marker.number),
            Unit::Article => format!("{}{}", markup::ARTICLE_ID_PREFIX, marker.number),
        }
    }
}

/// The HTML the renderer gives articles and the app's copy-link buttons find again: each string
/// defined once for both (the stylesheet's `.doc-body .art-no` rule spells the class too).
pub mod markup {
    /// An article's anchor begins so: `art-12`, `art-3-2` (see [`super::AnchorState`]).
    pub const ARTICLE_ID_PREFIX: &str = "art-";
    /// The class of an article's block: `<p id="art-12" class="article">`.
    pub const ARTICLE_CLASS: &str = "article";
    /// The class of the span around an article's number (第十二条), its block's first child.
    pub const ARTICLE_NUMBER_CLASS: &str = "art-no";

    /// Opens the span around an article's number: `<span class="art-no">`.
    pub fn article_number_open() -> String {
        format!("<span class=\"{ARTICLE_NUMBER_CLASS}\">")
    }

    /// A CSS selector for the article numbers inside `scope` (a selector): the first child
    /// `span.art-no` of an element whose id begins `art-`.
    pub fn article_numbers_selector(scope: &str) -> String {
        format!("{scope} [id^=\"{ARTICLE_ID_PREFIX}\"] > span.{ARTICLE_NUMBER_CLASS}:first-child")
    }

    /// Whether `id` is an article's anchor: `art-` and more, in lowercase ASCII, digits and `-`
    /// (`art-12`, `art-3-2`; never `chap-1`).
    pub fn is_article_id(id: &str) -> bool {
        id.strip_prefix(ARTICLE_ID_PREFIX).is_some_and(|rest| {
            !rest.is_empty()
                && rest
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        let cases = [
            ("一", 1),
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("三十八", 38),
            ("一百", 100),
            ("一百零五", 105),
            ("一百一十", 110),
            ("两百", 200),
            ("一千二百六十", 1260),
            ("一千零一", 1001),
            ("九千九百九十九", 9999),
            ("38", 38),
        ];
        for (s, n) in cases {
            assert_eq!(parse_number(s), Some(n), "{s}");
        }
        for bad in ["", "零", "十十", "一二", "百千", "0"] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn markers_and_anchors() {
        let m = marker_at_start("第三十八条 本办法自发布之日起施行。").unwrap();
        assert_eq!(
            (m.unit, m.number, m.label.as_str()),
            (Unit::Article, 38, "第三十八条")
        );
        assert_eq!(&"第三十八条 本办法"[m.len..], " 本办法");
        let m = marker_at_start("\u{3000}第一章总则").unwrap();
        assert_eq!((m.unit, m.number), (Unit::Chapter, 1));
        assert!(marker_at_start("依照第十二条规定").is_none());
        assert!(marker_at_start("第几条").is_none());

        let mut st = AnchorState::default();
        let chap = marker_at_start("第三章 管理").unwrap();
        let sec = marker_at_start("第二节 服务").unwrap();
        assert_eq!(st.anchor(&chap), "chap-3");
        assert_eq!(st.anchor(&sec), "sec-3-2");
        let art = marker_at_start("第一条 甲").unwrap();
        assert_eq!(st.anchor(&art), "art-1");
        assert_eq!(st.anchor(&art), "art-1-2");
        assert_eq!(st.anchor(&art), "art-1-3");
    }

    #[test]
    fn article_markup_recognizes_what_the_anchors_write() {
        let mut st = AnchorState::default();
        let art = marker_at_start("第十二条 甲").unwrap();
        let chap = marker_at_start("第三章 乙").unwrap();
        assert!(markup::is_article_id(&st.anchor(&art)));
        assert!(markup::is_article_id(&st.anchor(&art)), "art-12-2");
        assert!(!markup::is_article_id(&st.anchor(&chap)));
        for other in ["art-", "art-X", "chap-1", "part-art-1", ""] {
            assert!(!markup::is_article_id(other), "{other}");
        }
        assert_eq!(markup::article_number_open(), "<span class=\"art-no\">");
        assert_eq!(
            markup::article_numbers_selector(".doc-body"),
            ".doc-body [id^=\"art-\"] > span.art-no:first-child"
        );
    }
}
