//! Highlighted snippets: the best short window of a stored text, HTML-escaped, matches in `<mark>`.
//!
//! Matches are found with the index's own tokenizer, so what is marked is exactly what matched
//! (width variants included: a query for 2022 marks ２０２２). The output is the only HTML the
//! engine makes, so escaping happens here and nowhere else.

use crate::search::tokenizer::{is_cjk, may_hold_any, scan};
use std::ops::Range;

/// Snippet length in characters.
pub const SNIPPET_CHARS: usize = 90;

/// A snippet of `text` around the densest run of `terms`; the text's start when nothing matches.
pub fn snippet(text: &str, terms: &[String]) -> String {
    around(text, &matches(text, terms))
}

/// A snippet of `text` around its densest run of `terms`; `None` when none occurs.
pub fn snippet_if_match(text: &str, terms: &[String]) -> Option<String> {
    let marks = matches(text, terms);
    (!marks.is_empty()).then(|| around(text, &marks))
}

/// The snippet of `text` around its densest run of `marks`.
fn around(text: &str, marks: &[Range<usize>]) -> String {
    render(text, best_window(text, marks), marks)
}

/// Byte ranges of matching tokens, sorted and merged. Lone CJK characters are looked for
/// character by character, every other term among the bigram tokens.
fn matches(text: &str, terms: &[String]) -> Vec<Range<usize>> {
    let texts: Vec<&str> = terms.iter().map(String::as_str).collect();
    if terms.is_empty() || !may_hold_any(text, &texts) {
        return Vec::new();
    }
    let single = |t: &&String| t.chars().count() == 1 && t.chars().all(is_cjk);
    let chars = |t: &String| t.chars().collect::<Vec<char>>();
    let singles: Vec<Vec<char>> = terms.iter().filter(single).map(chars).collect();
    let multi: Vec<Vec<char>> = terms.iter().filter(|t| !single(t)).map(chars).collect();
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for (unigrams, wanted) in [(false, &multi), (true, &singles)] {
        if wanted.is_empty() {
            continue;
        }
        scan(text, unigrams, |t| {
            if wanted.iter().any(|w| t.is(w)) {
                ranges.push(t.range());
            }
        });
    }
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// The byte range of a window of [`SNIPPET_CHARS`] characters holding the most matches.
fn best_window(text: &str, marks: &[Range<usize>]) -> Range<usize> {
    let starts: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let char_at = |byte: usize| starts.partition_point(|s| *s < byte);
    let mut best = (0usize, 0usize);
    for (i, m) in marks.iter().enumerate() {
        let first = char_at(m.start);
        let limit = starts
            .get(first + SNIPPET_CHARS)
            .copied()
            .unwrap_or(text.len());
        let count = marks[i..].iter().take_while(|n| n.end <= limit).count();
        if count > best.1 {
            best = (first, count);
        }
    }
    // Some context before the first match, so it does not start the snippet abruptly.
    let lead = if marks.is_empty() {
        0
    } else {
        SNIPPET_CHARS / 6
    };
    let first = best.0.saturating_sub(lead);
    let from = starts.get(first).copied().unwrap_or(0);
    let to = starts
        .get(first + SNIPPET_CHARS)
        .copied()
        .unwrap_or(text.len());
    from..to
}

/// Escapes the window and wraps the matches inside it in `<mark>`.
fn render(text: &str, window: Range<usize>, marks: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(window.len() + 32);
    if window.start > 0 {
        out.push('…');
    }
    let mut at = window.start;
    for m in marks
        .iter()
        .filter(|m| m.start >= window.start && m.end <= window.end)
    {
        escape_into(&mut out, &text[at..m.start]);
        out.push_str("<mark>");
        escape_into(&mut out, &text[m.start..m.end]);
        out.push_str("</mark>");
        at = m.end;
    }
    escape_into(&mut out, &text[at..window.end]);
    if window.end < text.len() {
        out.push('…');
    }
    out
}

/// HTML-escapes `text`, folding line breaks and runs of whitespace into one space.
fn escape_into(out: &mut String, text: &str) {
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() {
            space = true;
            continue;
        }
        if std::mem::take(&mut space) && !out.is_empty() {
            out.push(' ');
        }
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    if space && !out.is_empty() {
        out.push(' ');
    }
}

/// A title with its matches marked (whole title, escaped).
pub fn highlight_all(text: &str, terms: &[String]) -> String {
    render(text, 0..text.len(), &matches(text, terms))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn marks_matches_and_escapes_everything_else() {
        let s = snippet("第一条 <script>护士</script>执业 & 注册", &t(&["护士"]));
        assert_eq!(
            s,
            "第一条 &lt;script&gt;<mark>护士</mark>&lt;/script&gt;执业 &amp; 注册"
        );
    }

    #[test]
    fn overlapping_bigrams_merge_into_one_mark() {
        let terms = t(&["电子", "子政", "政务"]);
        assert_eq!(
            snippet("推进电子政务建设", &terms),
            "推进<mark>电子政务</mark>建设"
        );
        assert_eq!(
            snippet("２０２２年", &t(&["2022"])),
            "<mark>２０２２</mark>年",
            "width variants are marked"
        );
        assert_eq!(
            snippet("本法所称法律", &t(&["法"])),
            "本<mark>法</mark>所称<mark>法</mark>律"
        );
    }

    #[test]
    fn long_texts_are_cut_around_the_densest_matches() {
        let text = format!("{}护士执业{}", "甲".repeat(300), "乙".repeat(300));
        let s = snippet(&text, &t(&["护士"]));
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("<mark>护士</mark>"));
        assert!(
            s.chars().count() < SNIPPET_CHARS + 20,
            "{}",
            s.chars().count()
        );
        let plain = snippet(&text, &[]);
        assert!(plain.starts_with("甲甲") && plain.ends_with('…'));
        assert_eq!(snippet("", &t(&["护士"])), "");
    }
}
