//! Ranks a hit's articles at query time, with BM25 over the same tokens the index uses.
//!
//! Articles are stored, not full-text indexed: on the real corpus, indexing 147,000 article
//! documents more than doubled postings and positions (133 MB against 79 MB in all),
//! while the text an article needs for its snippet is stored anyway. An item's articles are
//! stored in the item's own record (see `stored`), so ranking them is one read.

use crate::search::tokenizer::{is_cjk, may_hold_any, scan, TokenView};

/// BM25 constants, as Lucene and tantivy use them.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// A typical article's length in tokens (articles run 50 to 300 characters).
const AVERAGE_TOKENS: f32 = 120.0;

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
}

impl Prepared<'_> {
    fn of(terms: &[Weighted]) -> Prepared<'_> {
        Prepared {
            terms,
            chars: terms.iter().map(|t| t.text.chars().collect()).collect(),
            any_single: terms.iter().any(|t| is_single_char(&t.text)),
            texts: terms.iter().map(|t| t.text.as_str()).collect(),
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
    /// collected: a long law's articles are scored for every hit it appears in.
    fn score(&self, text: &str, tf: &mut Vec<u32>) -> f32 {
        if !self.may_match(text) {
            return 0.0;
        }
        tf.clear();
        tf.resize(self.terms.len(), 0);
        let mut tokens = 0usize;
        scan(text, false, |t| {
            tokens += 1;
            self.count(t, tf);
        });
        if self.any_single {
            scan(text, true, |t| self.count(t, tf));
        }
        let norm = K1 * (1.0 - B + B * tokens as f32 / AVERAGE_TOKENS);
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

/// Indices of the `n` best-scoring texts with a positive score, best first (earlier on ties).
pub fn best(texts: &[&str], terms: &[Weighted], n: usize) -> Vec<usize> {
    let prepared = Prepared::of(terms);
    let mut tf = Vec::new();
    let mut scored: Vec<(usize, f32)> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| (i, prepared.score(t, &mut tf)))
        .filter(|(_, s)| *s > 0.0)
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.into_iter().take(n).map(|(i, _)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(best(&texts, &terms, 3), [1, 0]);
        assert_eq!(
            best(&texts, &[w("无", 1.0)], 3),
            [2],
            "single characters count too"
        );
        assert!(best(&texts, &[w("医院", 1.0)], 3).is_empty());
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
        assert_eq!(best(&["ＡＢＣ 公司"], &word, 1), [0]);
        let radical = [w("一", 1.0)];
        assert_eq!(
            best(&["\u{2F00}"], &radical, 1),
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
        assert_eq!(best(&["执业", "执业"], &same, 2), [0, 1], "ties keep order");
    }
}
