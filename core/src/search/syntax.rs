//! The query language people type: words, "phrases", `OR`, `-exclusion`, and 文号.
//!
//! Our own small parser instead of tantivy's `QueryParser`: it accepts every input (a stray
//! quote, a lone `-`, `OR` at the end, emoji) without ever failing, and it never exposes field
//! syntax (`title:x`), ranges or wildcards that would surprise a citizen.

use crate::docno;
use unicode_normalization::UnicodeNormalization;

/// Longer queries are cut to this many characters; nobody types more, and it bounds the work.
pub const MAX_QUERY_CHARS: usize = 256;

/// One thing to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// Words typed without quotes: every term must appear; adjacent ones rank higher.
    Words(String),
    /// A quoted phrase: the terms must appear in this order.
    Phrase(String),
    /// A 文号, normalized: the item with it, then items whose text mentions it.
    DocNo { normalized: String, raw: String },
}

/// A parsed query: every group must match (one of its clauses), no excluded clause may.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub groups: Vec<Vec<Clause>>,
    pub excluded: Vec<Clause>,
}

impl Parsed {
    /// True when nothing positive is asked for: browse, minus any exclusions.
    pub fn is_browse(&self) -> bool {
        self.groups.is_empty()
    }
}

/// A lexical piece of the query.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Clause { clause: Clause, negated: bool },
    Or,
}

/// Parses any text; never fails.
pub fn parse(text: &str) -> Parsed {
    let text = clean(text);
    if let Ok(normalized) = docno::normalize(&text) {
        let clause = Clause::DocNo {
            normalized,
            raw: text.trim().to_string(),
        };
        return Parsed {
            groups: vec![vec![clause]],
            excluded: Vec::new(),
        };
    }
    group(lex(&text))
}

/// Cuts to [`MAX_QUERY_CHARS`], folds widths (＂ → ", － → -) and turns control characters into spaces.
fn clean(text: &str) -> String {
    text.chars()
        .take(MAX_QUERY_CHARS)
        .nfkc()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '「' | '」' | '『' | '』')
}

/// Splits into clauses and `OR`s. An unbalanced quote is ignored rather than refused.
fn lex(text: &str) -> Vec<Piece> {
    let chars: Vec<char> = text.chars().collect();
    let mut pieces = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let negated = chars[i] == '-' && chars.get(i + 1).is_some_and(|c| !c.is_whitespace());
        let start = if negated { i + 1 } else { i };
        let (piece, next) = read_clause(&chars, start, negated);
        pieces.extend(piece);
        i = next;
    }
    pieces
}

/// Reads a phrase or a word starting at `start`; returns it (if any) and the index after it.
fn read_clause(chars: &[char], start: usize, negated: bool) -> (Option<Piece>, usize) {
    if is_quote(chars[start]) {
        if let Some(len) = chars[start + 1..].iter().position(|c| is_quote(*c)) {
            let phrase: String = chars[start + 1..start + 1 + len].iter().collect();
            let piece = Piece::Clause {
                clause: Clause::Phrase(phrase),
                negated,
            };
            return (Some(piece), start + len + 2);
        }
    }
    let len = chars[start..]
        .iter()
        .position(|c| c.is_whitespace())
        .unwrap_or(chars.len() - start);
    let word: String = chars[start..start + len]
        .iter()
        .filter(|c| !is_quote(**c))
        .collect();
    let piece = match word.as_str() {
        "OR" | "|" | "或" if !negated => Piece::Or,
        _ => Piece::Clause {
            clause: word_clause(word),
            negated,
        },
    };
    (Some(piece), start + len)
}

/// A word that is a whole 文号 is looked up as one.
fn word_clause(word: String) -> Clause {
    match docno::normalize(&word) {
        Ok(normalized) => Clause::DocNo {
            normalized,
            raw: word,
        },
        Err(_) => Clause::Words(word),
    }
}

/// Joins `a OR b` into one group; negated clauses go to the exclusions; stray `OR`s are ignored.
fn group(pieces: Vec<Piece>) -> Parsed {
    let mut parsed = Parsed::default();
    let mut join_next = false;
    for piece in pieces {
        match piece {
            Piece::Or => join_next = !parsed.groups.is_empty(),
            Piece::Clause {
                clause,
                negated: true,
            } => parsed.excluded.push(clause),
            Piece::Clause {
                clause,
                negated: false,
            } => {
                match parsed.groups.last_mut() {
                    Some(last) if join_next => last.push(clause),
                    _ => parsed.groups.push(vec![clause]),
                }
                join_next = false;
            }
        }
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Clause {
        Clause::Words(s.into())
    }

    #[test]
    fn words_phrases_or_and_exclusion() {
        let p = parse("护士 \"执业注册\" 医院 OR 诊所 -药品");
        assert_eq!(
            p.groups,
            vec![
                vec![words("护士")],
                vec![Clause::Phrase("执业注册".into())],
                vec![words("医院"), words("诊所")]
            ]
        );
        assert_eq!(p.excluded, vec![words("药品")]);
        assert_eq!(
            parse("-\"电子 政务\"").excluded,
            vec![Clause::Phrase("电子 政务".into())]
        );
    }

    #[test]
    fn odd_input_never_fails() {
        assert!(parse("").is_browse());
        assert!(parse("   ").is_browse());
        assert_eq!(
            parse("\"护士 条例").groups,
            vec![vec![words("护士")], vec![words("条例")]]
        );
        assert_eq!(parse("OR 护士 OR").groups, vec![vec![words("护士")]]);
        assert_eq!(
            parse("a - b").groups.len(),
            3,
            "a lone - is a word, dropped later by the tokenizer"
        );
        assert_eq!(
            parse("“数据 安全”").groups,
            vec![vec![Clause::Phrase("数据 安全".into())]]
        );
        assert_eq!(
            parse("护士\u{0}\u{7}条例").groups,
            vec![vec![words("护士")], vec![words("条例")]]
        );
        assert_eq!(
            parse(&"法".repeat(10_000)).groups[0][0],
            words(&"法".repeat(MAX_QUERY_CHARS))
        );
    }

    #[test]
    fn docnos_are_recognised_in_every_spelling() {
        for raw in [
            "潭政办函〔2022〕25号",
            "潭政办函[2022]25号",
            "潭政办函(2022)25号",
            "潭政办函（２０２２）２５号",
            "潭政办函 (2022) 25号",
        ] {
            let p = parse(raw);
            assert!(
                matches!(&p.groups[0][0], Clause::DocNo { normalized, .. } if normalized == "潭政办函〔2022〕25号"),
                "{raw}: {p:?}"
            );
        }
        let p = parse("国务院令第517号 护士");
        assert!(
            matches!(&p.groups[0][0], Clause::DocNo { normalized, .. } if normalized == "国务院令第517号")
        );
        assert_eq!(p.groups[1], vec![words("护士")]);
    }
}
