//! The one Chinese tokenizer, shared by the index writer (native) and the query side (wasm).
//!
//! Index/query mismatch is the main way Chinese search fails in the field, so both sides call
//! [`register`] and nothing else decides how text becomes terms. Text is NFKC-folded
//! (full-width → half-width), Latin is lowercased, traditional Han characters become simplified
//! ones (勞動 → 劳动, character by character: see `t2s`), letter/digit runs stay whole (`2022`,
//! `5g`, `ipv6`) and CJK runs become overlapping bigrams. A CJK run of one character becomes that
//! character, so isolated characters stay searchable. Whitespace between two CJK characters does
//! not end the run: in Chinese it is layout (总　则, a line break inside a sentence), not a word
//! gap. Nor do pause and quotation marks (、，“” …, [`is_pause`]): people type 学历学位 for the
//! text's 学历、学位, so the pair across the mark (历学) is a term too. Everything else
//! (punctuation, symbols, emoji, control characters) separates tokens and is dropped.

use crate::search::t2s;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer, TokenizerManager};
use tantivy::Index;
use unicode_normalization::UnicodeNormalization;

/// Name of the bigram tokenizer in every index's tokenizer manager.
pub const BIGRAM: &str = "gongkai_cjk";
/// Name of the single-character tokenizer used by the `chars` field (one-character queries).
pub const UNIGRAM: &str = "gongkai_cjk_char";

/// Longest letter/digit run kept, in characters; longer runs are cut so no term can be huge.
const MAX_WORD_CHARS: usize = 40;

/// Registers both tokenizers on `index`; the writer and the reader must both call this.
pub fn register(index: &Index) {
    add_to(index.tokenizers());
}

/// tantivy's default tokenizers plus ours, for writers made without an `Index` at hand.
pub fn manager() -> TokenizerManager {
    let manager = TokenizerManager::default();
    add_to(&manager);
    manager
}

fn add_to(manager: &TokenizerManager) {
    manager.register(BIGRAM, CjkTokenizer { unigrams: false });
    manager.register(UNIGRAM, CjkTokenizer { unigrams: true });
}

/// Tokenizes like the index does (bigrams); for query building and highlighting.
pub fn tokenize(text: &str) -> Vec<Token> {
    split(text, false)
}

/// `text` folded as the tokenizer folds it (width, case, traditional → simplified), every
/// character kept: for matching query text against folded dictionaries.
pub fn folded(text: &str) -> String {
    fold(text).into_iter().map(|u| u.c).collect()
}

/// Tokenizes like the `chars` field does: every CJK character alone, words whole.
pub fn tokenize_chars(text: &str) -> Vec<Token> {
    split(text, true)
}

/// True for characters that are written without spaces between words (Han, kana, Hangul).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3007 | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// The common Han block, which folding leaves as it is.
fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// False only when no token of `text` can equal one of `terms` (folded query terms): each is
/// common Han characters and none is in `text`, which holds no character that folds into Han.
/// Ranking and highlighting skip such texts without tokenizing them. A pair bridged across a
/// pause mark (历学 in 学历、学位) is not looked for here: it finds items (the index has it),
/// but article ranking and highlighting count pairs where they stand in the text.
pub fn may_hold_any(text: &str, terms: &[&str]) -> bool {
    let han_only = terms.iter().all(|t| t.chars().all(is_han));
    !han_only || terms.iter().any(|t| text.contains(t)) || may_hide_han(text)
}

/// True when every character of `text` folds to one character without the Unicode tables (see
/// `fold_common`), a Han character to itself: then two Han characters are a token of `text`
/// exactly where they stand side by side in it.
pub fn is_plain(text: &str) -> bool {
    text.chars().all(|c| fold_common(c).is_some())
}

/// True for a term of two common Han characters (the bigram tokens of Chinese text).
pub fn is_han_pair(term: &str) -> bool {
    let mut chars = term.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(a), Some(b), None) if is_han(a) && is_han(b))
}

/// True when a character of `text` could fold into a Han character that is not written as
/// such: compatibility ideographs, radicals, enclosed and squared ideographs (NFKC), and
/// traditional characters (`t2s`), all at or above U+2E80. A term that is not in the raw text
/// can only come from such a character.
fn may_hide_han(text: &str) -> bool {
    text.chars().any(|c| {
        c >= '\u{2E80}'
            && (!is_han(c) || t2s::may_fold(c))
            && !('\u{3000}'..='\u{3037}').contains(&c)
            && !('\u{FF00}'..='\u{FFEF}').contains(&c)
    })
}

/// The marks that join two CJK characters into a pair as whitespace does: the list and pause
/// marks and the quotation marks people leave out when they type (、，·・ “”‘’「」『』; the
/// fullwidth comma is folded to `,` first): 国家级最高级 for “国家级”、“最高级”.
pub fn is_pause(c: char) -> bool {
    matches!(
        c,
        '\u{3001}'
            | ','
            | '\u{B7}'
            | '\u{30FB}'
            | '\u{201C}'
            | '\u{201D}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{300C}'..='\u{300F}'
    )
}

/// The tantivy face of the tokenizer; it precomputes the tokens of one text.
#[derive(Debug, Clone)]
pub struct CjkTokenizer {
    unigrams: bool,
}

impl Tokenizer for CjkTokenizer {
    type TokenStream<'a> = CjkTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CjkTokenStream {
        CjkTokenStream {
            tokens: split(text, self.unigrams),
            next: 0,
            spare: Token::default(),
        }
    }
}

/// The tokens of one text, handed out one by one.
#[derive(Debug)]
pub struct CjkTokenStream {
    tokens: Vec<Token>,
    /// How many tokens were handed out; the current one is `next - 1`.
    next: usize,
    /// Returned before the first `advance` or after the end, so no call can index out of range.
    spare: Token,
}

impl TokenStream for CjkTokenStream {
    fn advance(&mut self) -> bool {
        if self.next <= self.tokens.len() {
            self.next += 1;
        }
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        self.next
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .unwrap_or(&self.spare)
    }

    fn token_mut(&mut self) -> &mut Token {
        match self
            .next
            .checked_sub(1)
            .and_then(|i| self.tokens.get_mut(i))
        {
            Some(token) => token,
            None => &mut self.spare,
        }
    }
}

/// What a folded character is for tokenizing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Word,
    Cjk,
    Space,
    Other,
}

/// One folded character with the byte range of the original character it came from.
#[derive(Debug, Clone, Copy)]
struct Unit {
    c: char,
    from: usize,
    to: usize,
    class: Class,
}

fn classify(c: char) -> Class {
    if is_pause(c) || c.is_whitespace() {
        Class::Space
    } else if is_cjk(c) {
        Class::Cjk
    } else if c.is_alphanumeric() {
        Class::Word
    } else {
        Class::Other
    }
}

/// NFKC-folds and lowercases each character, keeping its offsets in the original text.
fn fold(text: &str) -> Vec<Unit> {
    let mut units = Vec::with_capacity(text.len() / 2);
    for (from, orig) in text.char_indices() {
        let to = from + orig.len_utf8();
        let mut push = |c: char| {
            units.push(Unit {
                c,
                from,
                to,
                class: classify(c),
            })
        };
        if let Some(c) = fold_common(orig) {
            push(c);
            continue;
        }
        fold_any(orig, &mut push);
    }
    units
}

/// The fold of the characters Chinese text is mostly made of, without the Unicode tables:
/// ASCII, the common Han block (but for the traditional characters in it), CJK punctuation
/// (、。《》「」) and fullwidth ASCII (，：；（）). Punctuation through the tables was a fifth of a
/// warm query's time. `None` for any other character; a test checks every character here
/// against [`fold_any`].
fn fold_common(c: char) -> Option<char> {
    match c {
        _ if c.is_ascii() => Some(c.to_ascii_lowercase()),
        _ if is_han(c) && !t2s::may_fold(c) => Some(c),
        '\u{3001}'..='\u{3035}' | '\u{3037}' => Some(c),
        '\u{3000}' => Some(' '),
        '\u{FF01}'..='\u{FF5E}' => {
            char::from_u32(u32::from(c) - 0xFEE0).map(|a| a.to_ascii_lowercase())
        }
        _ => None,
    }
}

/// NFKC, then lowercase, then traditional → simplified: one character may become several.
fn fold_any(c: char, push: &mut impl FnMut(char)) {
    for folded in std::iter::once(c).nfkc() {
        folded
            .to_lowercase()
            .map(t2s::simplified)
            .for_each(&mut *push);
    }
}

/// Splits folded text into runs and emits their tokens with consecutive positions.
fn split(text: &str, unigrams: bool) -> Vec<Token> {
    let mut out = Vec::new();
    each_token(&fold(text), unigrams, &mut |units| {
        if let (Some(first), Some(last)) = (units.first(), units.last()) {
            let position = out.len();
            out.push(Token {
                offset_from: first.from,
                offset_to: last.to,
                position,
                text: units.iter().map(|u| u.c).collect(),
                position_length: 1,
            });
        }
    });
    out
}

/// One token seen by [`scan`]: its folded characters and where it lies in the text.
#[derive(Debug, Clone, Copy)]
pub struct TokenView<'a> {
    units: &'a [Unit],
}

impl TokenView<'_> {
    /// True when the token's text is exactly `term`.
    pub fn is(&self, term: &[char]) -> bool {
        self.units.len() == term.len() && self.units.iter().zip(term).all(|(u, c)| u.c == *c)
    }

    /// The token's byte range in the original text.
    pub fn range(&self) -> std::ops::Range<usize> {
        let from = self.units.first().map_or(0, |u| u.from);
        from..self.units.last().map_or(from, |u| u.to)
    }
}

/// Calls `f` on every token of `text`, as [`tokenize`] (or [`tokenize_chars`] with `unigrams`)
/// would make them, without building a string per token: for ranking and highlighting, which
/// only compare tokens with a few query terms.
pub fn scan(text: &str, unigrams: bool, mut f: impl FnMut(TokenView<'_>)) {
    each_token(&fold(text), unigrams, &mut |units| f(TokenView { units }));
}

/// Emits the units of every token in order: a word, a bigram or a single character.
fn each_token(units: &[Unit], unigrams: bool, emit: &mut impl FnMut(&[Unit])) {
    let mut scratch = Vec::new();
    let mut i = 0;
    while i < units.len() {
        match units[i].class {
            Class::Word => i = word(units, i, emit),
            Class::Cjk => i = cjk_run(units, i, unigrams, &mut scratch, emit),
            Class::Space | Class::Other => i += 1,
        }
    }
}

/// A letter/digit run: one token, cut at [`MAX_WORD_CHARS`]. Returns the index after the run.
fn word(units: &[Unit], start: usize, emit: &mut impl FnMut(&[Unit])) -> usize {
    let end = units[start..]
        .iter()
        .position(|u| u.class != Class::Word)
        .map_or(units.len(), |n| start + n);
    emit(&units[start..end.min(start + MAX_WORD_CHARS)]);
    end
}

/// A CJK run (whitespace inside it skipped): bigrams, or single characters. Returns the index
/// after it. `chars` is scratch space, reused across runs.
fn cjk_run(
    units: &[Unit],
    start: usize,
    unigrams: bool,
    chars: &mut Vec<Unit>,
    emit: &mut impl FnMut(&[Unit]),
) -> usize {
    chars.clear();
    let mut i = start;
    while i < units.len() {
        match units[i].class {
            Class::Cjk => chars.push(units[i]),
            Class::Space => {
                let end = units[i..]
                    .iter()
                    .position(|u| u.class != Class::Space)
                    .map_or(units.len(), |n| i + n);
                if units.get(end).is_none_or(|u| u.class != Class::Cjk) {
                    break;
                }
                i = end;
                continue;
            }
            _ => break,
        }
        i += 1;
    }
    if unigrams || chars.len() == 1 {
        chars.chunks(1).for_each(&mut *emit);
    } else {
        chars.windows(2).for_each(&mut *emit);
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_characters_at_or_above_u2e80_fold_into_han() {
        let mut hiding = 0;
        for c in ('\u{80}'..='\u{FFFF}').chain('\u{10000}'..='\u{10FFFF}') {
            let mut folded = Vec::new();
            fold_any(c, &mut |f| folded.push(f));
            if folded == [c] || !folded.iter().any(|&f| is_han(f)) {
                continue;
            }
            assert!(
                may_hide_han(&c.to_string()),
                "U+{:04X} folds into Han",
                u32::from(c)
            );
            hiding += 1;
        }
        assert!(hiding > 2_500, "{hiding}");
    }

    #[test]
    fn traditional_and_simplified_text_give_the_same_terms() {
        let pairs = [
            ("中華人民共和國勞動合同法", "中华人民共和国劳动合同法"),
            ("著作權法 第十條", "著作权法 第十条"),
            ("網絡資訊", "网络资讯"),
        ];
        for (traditional, simplified) in pairs {
            assert_eq!(texts(&tokenize(traditional)), texts(&tokenize(simplified)));
            assert_eq!(
                texts(&tokenize_chars(traditional)),
                texts(&tokenize_chars(simplified))
            );
        }
        let t = tokenize("勞動");
        assert_eq!(
            (t[0].offset_from, t[0].offset_to),
            (0, 6),
            "offsets point into the original"
        );
        assert!(
            !is_plain("勞動合同"),
            "a traditional text is not counted raw"
        );
        assert!(may_hold_any("勞動合同", &["劳动"]));
    }

    #[test]
    fn pause_marks_do_not_break_the_pair_across_them() {
        assert_eq!(texts(&tokenize("学历、学位")), texts(&tokenize("学历学位")));
        assert_eq!(texts(&tokenize("学历，学位")), ["学历", "历学", "学位"]);
        assert_eq!(texts(&tokenize("甲・乙·丙")), ["甲乙", "乙丙"]);
        assert_eq!(
            texts(&tokenize("学历。学位")),
            ["学历", "学位"],
            "a full stop still ends the run"
        );
        assert_eq!(texts(&tokenize("5G、基站")), ["5g", "基站"]);
        assert_eq!(
            texts(&tokenize("“国家级”、“最高级”")),
            texts(&tokenize("国家级最高级"))
        );
    }

    #[test]
    fn the_common_fold_agrees_with_the_tables() {
        let ranges = [
            '\0'..='\u{7F}',
            '\u{3000}'..='\u{303F}',
            '\u{4E00}'..='\u{9FFF}',
            '\u{FF00}'..='\u{FFEF}',
        ];
        let mut checked = 0;
        for c in ranges.into_iter().flatten() {
            let Some(fast) = fold_common(c) else { continue };
            let mut slow = Vec::new();
            fold_any(c, &mut |f| slow.push(f));
            assert_eq!(slow, [fast], "U+{:04X}", u32::from(c));
            checked += 1;
        }
        assert!(checked > 18_000, "{checked}");
    }

    fn texts(tokens: &[Token]) -> Vec<&str> {
        tokens.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn cjk_runs_become_overlapping_bigrams() {
        assert_eq!(texts(&tokenize("电子政务")), ["电子", "子政", "政务"]);
        assert_eq!(texts(&tokenize("法")), ["法"]);
        assert_eq!(texts(&tokenize("本法。自")), ["本法", "自"]);
        let t = tokenize("电子政务");
        assert_eq!(t.iter().map(|t| t.position).collect::<Vec<_>>(), [0, 1, 2]);
        assert_eq!((t[1].offset_from, t[1].offset_to), (3, 9));
    }

    #[test]
    fn words_stay_whole_lowercased_and_width_folded() {
        assert_eq!(
            texts(&tokenize("5G网络与IPv6")),
            ["5g", "网络", "络与", "ipv6"]
        );
        assert_eq!(texts(&tokenize("２０２２年")), ["2022", "年"]);
        assert_eq!(texts(&tokenize("ＡＢＣ")), ["abc"]);
        let t = tokenize("２０２２");
        assert_eq!(
            (t[0].offset_from, t[0].offset_to),
            (0, 12),
            "offsets point into the original text"
        );
    }

    #[test]
    fn punctuation_emoji_and_controls_are_dropped() {
        assert!(tokenize("，。！？“”《》〔〕()[]-—…").is_empty());
        assert!(tokenize("😀🎉\u{0}\u{7}\u{200b}").is_empty());
        assert_eq!(texts(&tokenize("护士😀条例")), ["护士", "条例"]);
        assert!(tokenize("").is_empty());
    }

    #[test]
    fn whitespace_inside_chinese_does_not_split_words() {
        assert_eq!(texts(&tokenize("总　则")), ["总则"]);
        assert_eq!(texts(&tokenize("电子\n政务")), texts(&tokenize("电子政务")));
        assert_eq!(
            texts(&tokenize("第一条 为了")),
            ["第一", "一条", "条为", "为了"]
        );
        assert_eq!(texts(&tokenize("中文 abc 中文")), ["中文", "abc", "中文"]);
    }

    #[test]
    fn docno_spellings_give_the_same_terms() {
        let canonical = texts(&tokenize("潭政办函〔2022〕25号")).join(" ");
        for raw in [
            "潭政办函[2022]25号",
            "潭政办函(2022)25号",
            "潭政办函（２０２２）２５号",
        ] {
            assert_eq!(texts(&tokenize(raw)).join(" "), canonical, "{raw}");
        }
    }

    #[test]
    fn unigram_mode_and_long_words() {
        assert_eq!(
            texts(&tokenize_chars("护士条例a1")),
            ["护", "士", "条", "例", "a1"]
        );
        let long = "a".repeat(500);
        assert_eq!(tokenize(&long)[0].text.len(), MAX_WORD_CHARS);
    }

    #[test]
    fn scan_sees_exactly_the_tokens_tokenize_makes() {
        let text = "第一条　为了ＡＢＣ护士\n执业，5G网络与IPv6。法";
        for unigrams in [false, true] {
            let mut seen = Vec::new();
            scan(text, unigrams, |t| {
                let range = t.range();
                let chars: Vec<char> = text[range.clone()].chars().collect();
                seen.push((range, t.is(&chars) || !chars.iter().all(|c| is_cjk(*c))));
            });
            let made = split(text, unigrams);
            let ranges: Vec<_> = made.iter().map(|t| t.offset_from..t.offset_to).collect();
            assert_eq!(seen.iter().map(|s| s.0.clone()).collect::<Vec<_>>(), ranges);
            assert!(
                seen.iter().all(|s| s.1),
                "pure CJK tokens are their own text"
            );
        }
        let mut words = Vec::new();
        scan("ＡＢＣ 电子政务", false, |t| {
            words.push(
                ["abc", "电子", "子政", "政务"]
                    .iter()
                    .position(|w| t.is(&w.chars().collect::<Vec<_>>())),
            )
        });
        assert_eq!(words, [Some(0), Some(1), Some(2), Some(3)]);
    }

    #[test]
    fn the_stream_hands_out_every_token_once() {
        let mut tk = CjkTokenizer { unigrams: false };
        let mut stream = tk.token_stream("护士条例");
        let mut seen = Vec::new();
        while stream.advance() {
            seen.push(stream.token().text.clone());
        }
        assert_eq!(seen, ["护士", "士条", "条例"]);
        assert!(!stream.advance());
    }
}
