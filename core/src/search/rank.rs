//! Ranks a hit's articles at query time, with BM25 over the same tokens the index uses.
//!
//! Articles are stored, not full-text indexed: on the real corpus, indexing 147,000 article
//! documents more than doubled postings and positions (133 MB against 79 MB in all),
//! while the text an article needs for its snippet is stored anyway. An item's articles are
//! stored in the item's own record (see `stored`), so ranking them is one read.

use crate::search::tokenizer::{is_cjk, is_han_pair, is_plain, may_hold_any, scan, TokenView};

/// BM25 constants, as Lucene and tantivy use them.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// A typical article's length in tokens (articles run 50 to 300 characters).
const AVERAGE_TOKENS: f32 = 120.0;

/// What ranking needs of a text besides its characters, found once per stored item (see
/// `text_cache`) rather than for every query that shows it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    /// Its tokens (bigrams and words, as the `body` field has them): BM25's length.
    pub tokens: u32,
    /// See [`is_plain`]: a term of two Han characters occurs among its tokens as often as in
    /// its raw text, so it can be counted without tokenizing.
    pub plain: bool,
}

impl Shape {
    pub fn of(text: &str) -> Shape {
        let mut tokens = 0u32;
        scan(text, false, |_| tokens = tokens.saturating_add(1));
        Shape {
            tokens,
            plain: is_plain(text),
        }
    }
}

/// A query term and how rare it is among items.
#[derive(Debug, Clone)]
pub struct Weighted {
    pub text: String,
    pub idf: f32,
}

/// Inverse document frequency: a term in `doc_freq` of `docs` documents.
pub fn idf(doc_freq: u64, docs: u64) -> f32 {
    let (n, df) = (docs as f32, doc_freq as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln().max(0.0)
}

/// True for terms looked up as single characters.
pub fn is_single_char(term: &str) -> bool {
    let mut chars = term.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if is_cjk(c))
}

/// Query terms ready to be compared with tokens: their characters, and whether any is a lone
/// CJK character (then texts are also read character by character, like the `chars` field).
struct Prepared<'a> {
    terms: &'a [Weighted],
    chars: Vec<Vec<char>>,
    any_single: bool,
    /// The terms' texts, for [`may_hold_any`].
    texts: Vec<&'a str>,
    /// Every term is two Han characters (see [`Shape::plain`]).
    han_pairs: bool,
}

impl Prepared<'_> {
    fn of(terms: &[Weighted]) -> Prepared<'_> {
        Prepared {
            terms,
            chars: terms.iter().map(|t| t.text.chars().collect()).collect(),
            any_single: terms.iter().any(|t| is_single_char(&t.text)),
            texts: terms.iter().map(|t| t.text.as_str()).collect(),
            han_pairs: !terms.is_empty() && terms.iter().all(|t| is_han_pair(&t.text)),
        }
    }

    /// False when `text` can hold none of the terms, so its score is 0 without tokenizing it:
    /// most of a long law's articles hold none of a query's terms.
    fn may_match(&self, text: &str) -> bool {
        may_hold_any(text, &self.texts)
    }

    /// Adds one to the frequency of the term `token` is, if any.
    fn count(&self, token: TokenView<'_>, tf: &mut [u32]) {
        if let Some(i) = self.chars.iter().position(|c| token.is(c)) {
            tf[i] += 1;
        }
    }

    /// The BM25 score of `text`; 0 when no term occurs. Tokens are compared in place, never
    /// collected: a long law's articles are scored for every hit it appears in. Pairs of Han
    /// characters in a plain text are counted in the raw text instead (see [`Shape::plain`]).
    fn score(&self, text: &str, shape: Shape, tf: &mut Vec<u32>) -> f32 {
        tf.clear();
        tf.resize(self.terms.len(), 0);
        if shape.plain && self.han_pairs {
            for (n, term) in tf.iter_mut().zip(&self.texts) {
                *n = occurrences(text, term);
            }
        } else if self.may_match(text) {
            scan(text, false, |t| self.count(t, tf));
            if self.any_single {
                scan(text, true, |t| self.count(t, tf));
            }
        }
        if tf.iter().all(|&n| n == 0) {
            return 0.0;
        }
        let norm = K1 * (1.0 - B + B * shape.tokens as f32 / AVERAGE_TOKENS);
        self.terms
            .iter()
            .zip(tf.iter())
            .map(|(t, &f)| {
                let f = f as f32;
                t.idf * f * (K1 + 1.0) / (f + norm)
            })
            .sum()
    }
}

/// How often `term` occurs in `text`, overlaps included (所所所 holds 所所 twice, as its
/// bigrams do).
fn occurrences(text: &str, term: &str) -> u32 {
    let step = term.chars().next().map_or(1, char::len_utf8);
    let mut count = 0;
    let mut at = 0;
    while let Some(found) = text.get(at..).and_then(|rest| rest.find(term)) {
        count += 1;
        at += found + step;
    }
    count
}

/// Indices of the `n` best-scoring texts with a positive score, best first (earlier on ties).
/// `texts` come with their [`Shape`]s.
pub fn best(texts: &[(&str, Shape)], terms: &[Weighted], n: usize) -> Vec<usize> {
    let prepared = Prepared::of(terms);
    let mut tf = Vec::new();
    let mut scored: Vec<(usize, f32)> = texts
        .iter()
        .enumerate()
        .map(|(i, (t, shape))| (i, prepared.score(t, *shape, &mut tf)))
        .filter(|(_, s)| *s > 0.0)
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.into_iter().take(n).map(|(i, _)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn best_of(texts: &[&str], terms: &[Weighted], n: usize) -> Vec<usize> {
        let shaped: Vec<(&str, Shape)> = texts.iter().map(|t| (*t, Shape::of(t))).collect();
        best(&shaped, terms, n)
    }

    /// Pairs of Han characters counted in a plain text's raw characters score exactly as when
    /// counted among its tokens, over texts built to hold overlaps, punctuation, fullwidth and
    /// ASCII letters, and characters that only fold (㈱, 豈, ⼀) which make a text not plain.
    #[test]
    fn counting_pairs_in_plain_text_equals_counting_tokens() {
        let pieces = [
            "所",
            "所",
            "护士",
            "执业",
            "注册",
            "，",
            "。",
            "《",
            "》",
            "　",
            "ＡＢ",
            "ab",
            "12",
            " ",
            "、",
            "〇",
            "㈱",
            "豈",
            "\u{2F00}",
            "一",
            "条",
            "第一条",
        ];
        let alphabet: Vec<char> = "所护士执业注册一条第".chars().collect();
        let mut terms = Vec::new();
        for a in &alphabet {
            for b in &alphabet {
                terms.push(w(&format!("{a}{b}"), 1.0));
            }
        }
        let mut seed = 7u64;
        let (mut plain_texts, mut compared) = (0, 0);
        for _ in 0..400 {
            let mut text = String::new();
            for _ in 0..(seed % 40) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let shape = Shape::of(&text);
            plain_texts += usize::from(shape.plain);
            for pair in terms.chunks(3) {
                let p = Prepared::of(pair);
                let (mut a, mut b) = (Vec::new(), Vec::new());
                let scanned = Shape {
                    plain: false,
                    ..shape
                };
                assert_eq!(
                    p.score(&text, shape, &mut a).to_bits(),
                    p.score(&text, scanned, &mut b).to_bits(),
                    "{text:?} {pair:?}"
                );
                assert_eq!(a, b, "{text:?}");
                compared += 1;
            }
        }
        assert!(
            plain_texts > 100 && plain_texts < 400,
            "{plain_texts} plain texts"
        );
        assert!(compared > 1000);
        assert_eq!(occurrences("所所所", "所所"), 2);
        assert!(!Shape::of("第一条 ㈱").plain && Shape::of("第一条，ＡＢ。").plain);
    }

    fn w(text: &str, idf: f32) -> Weighted {
        Weighted {
            text: text.into(),
            idf,
        }
    }

    #[test]
    fn rare_terms_and_more_matches_rank_higher() {
        let texts = [
            "第一条 护士执业。",
            "第二条 本条例所称护士，是指经执业注册的人员。",
            "第三条 无关。",
        ];
        let terms = [w("护士", 1.0), w("注册", 3.0)];
        assert_eq!(best_of(&texts, &terms, 3), [1, 0]);
        assert_eq!(
            best_of(&texts, &[w("无", 1.0)], 3),
            [2],
            "single characters count too"
        );
        assert!(best_of(&texts, &[w("医院", 1.0)], 3).is_empty());
    }

    #[test]
    fn texts_without_the_terms_are_ruled_out_and_hidden_terms_are_not() {
        let terms = [w("护士", 1.0)];
        let p = Prepared::of(&terms);
        assert!(p.may_match("第二条 本条例所称护士，是指……"));
        assert!(!p.may_match("第三条 医疗机构应当（一）……“无关”。"));
        // ㈱ folds to (株): a term can hide in such characters, so they are tokenized.
        assert!(p.may_match("第四条 ㈱"));
        let word = [w("abc", 1.0)];
        assert!(
            Prepared::of(&word).may_match("ＡＢＣ"),
            "only Han terms are ruled out"
        );
        assert_eq!(best_of(&["ＡＢＣ 公司"], &word, 1), [0]);
        let radical = [w("一", 1.0)];
        assert_eq!(
            best_of(&["\u{2F00}"], &radical, 1),
            [0],
            "the Kangxi radical ⼀ folds to 一"
        );
    }

    #[test]
    fn idf_falls_with_frequency() {
        assert!(idf(1, 1000) > idf(500, 1000));
        assert!(idf(1000, 1000) >= 0.0);
        assert_eq!(idf(0, 0), 2f32.ln());
        let same = [w("执业", 1.0)];
        assert_eq!(
            best_of(&["执业", "执业"], &same, 2),
            [0, 1],
            "ties keep order"
        );
    }
}
