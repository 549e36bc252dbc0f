//! Turns a parsed query into tantivy queries, tokenizing every clause with the index's tokenizer.
//!
//! Each term must appear in some field (title, 文号, body); words typed together also score as
//! a phrase in the title or 文号. A one-character CJK term is looked up in the `chars` field,
//! because the bigram fields only hold characters that stand alone. The body has no positions
//! (see `schema`): a quoted phrase matches there when the body holds all its bigrams, which for
//! a CJK run (电子政务 → 电子 子政 政务) is the phrase itself in practice.
//!
//! Words holding an abbreviation also match its full forms ([`Abbreviations`]), a little lower.
//! A relaxed compiler (the fallback when the strict query finds few items) asks of words of three
//! terms or more only most of them ([`most_of`]): 传染病法 finds 传染病防治法.

use crate::search::abbrev::Abbreviations;
use crate::search::schema::Fields;
use crate::search::syntax::{Clause, Parsed};
use crate::search::title::{closing_key, closing_word, title_core};
use crate::search::tokenizer::{is_cjk, tokenize};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

/// Weight of a match in the title over one in the body.
const TITLE_BOOST: f32 = 4.0;
/// Weight of a match in the 文号 field.
const DOC_NO_TEXT_BOOST: f32 = 3.0;
/// Extra weight when typed words appear next to each other.
const PHRASE_BOOST: f32 = 2.0;
/// An exact 文号 match outranks any text match.
const DOC_NO_BOOST: f32 = 1000.0;
/// An abbreviation's expansion scores this fraction of the literal words, per term (an
/// expansion has more terms than its short form): the text as typed wins where both match the
/// same field, a title matched through an expansion still beats a body matched literally.
const EXPANSION_WEIGHT: f32 = 0.9;
/// Added to the score of items matching every term, in a relaxed search: full matches first.
const EXACT_BONUS: f32 = 10_000.0;
/// Added when the words are the item's title core (see `title`): 著作权法 puts the law first.
const TITLE_LIKE_BONUS: f32 = 200.0;
/// Added, when relaxed, where the title closes as the words do (大气污染法 → a 法).
const CLOSING_BONUS: f32 = 30.0;
/// Relaxed words need at least this many terms to leave one out.
const RELAX_FROM: usize = 3;

type Q = Box<dyn Query>;

/// The query terms of a clause: text, position, whether it is a lone CJK character.
#[derive(Debug, Clone)]
pub struct QueryTerm {
    pub text: String,
    pub position: usize,
    pub single_char: bool,
}

/// Tokenizes a clause's text like the index does.
pub fn terms_of(text: &str) -> Vec<QueryTerm> {
    tokenize(text)
        .into_iter()
        .map(|t| {
            let mut chars = t.text.chars();
            let single_char = matches!((chars.next(), chars.next()), (Some(c), None) if is_cjk(c));
            QueryTerm {
                text: t.text,
                position: t.position,
                single_char,
            }
        })
        .collect()
}

/// How many of `n` terms relaxed words require: about two thirds, at least two.
pub fn most_of(n: usize) -> usize {
    (2 * n).div_ceil(3).max(2).min(n)
}

/// Every positive term of the query and of its expansions, for highlighting.
pub fn highlight_terms(parsed: &Parsed, abbreviations: &Abbreviations) -> Vec<String> {
    let mut out: Vec<String> = parsed
        .groups
        .iter()
        .flatten()
        .flat_map(|c| {
            let text = clause_text(c);
            let expanded = match c {
                Clause::Words(_) => abbreviations.expand(text),
                _ => Vec::new(),
            };
            std::iter::once(text.to_string()).chain(expanded)
        })
        .flat_map(|text| terms_of(&text))
        .map(|t| t.text)
        .collect();
    out.sort();
    out.dedup();
    out
}

fn clause_text(clause: &Clause) -> &str {
    match clause {
        Clause::Words(t) | Clause::Phrase(t) => t,
        Clause::DocNo { raw, .. } => raw,
    }
}

/// Compiles clauses for one set of fields.
pub struct Compiler<'a> {
    pub fields: &'a Fields,
    pub abbreviations: &'a Abbreviations,
    /// Words of [`RELAX_FROM`] terms or more need only [`most_of`] them.
    pub relaxed: bool,
    /// Query terms no item has (relaxed searches only; see [`Compiler::matches_nothing`]).
    pub unknown: &'a [String],
}

impl Compiler<'_> {
    /// Whether relaxing can change anything: some words clause has enough terms, or there are
    /// several groups (one may match nothing at all, see [`Compiler::matches_nothing`]).
    pub fn can_relax(parsed: &Parsed) -> bool {
        parsed.groups.len() > 1
            || parsed.groups.iter().flatten().any(|c| match c {
                Clause::Words(text) => terms_of(text).len() >= RELAX_FROM,
                _ => false,
            })
    }

    /// A group of plain words without expansions that cannot match even relaxed, for terms no
    /// item has (GMP in GMP 药品生产, when no text says GMP): relaxed, it is optional.
    fn matches_nothing(&self, group: &[Clause]) -> bool {
        let [Clause::Words(text)] = group else {
            return false;
        };
        if !self.abbreviations.expand(text).is_empty() {
            return false;
        }
        let terms = terms_of(text);
        let known = terms
            .iter()
            .filter(|t| !self.unknown.contains(&t.text))
            .count();
        let needed = if terms.len() >= RELAX_FROM {
            most_of(terms.len())
        } else {
            terms.len()
        };
        known < needed
    }

    /// The item query: every group must match, no exclusion may. `None` when nothing positive remains.
    pub fn items(&self, parsed: &Parsed) -> Option<Q> {
        let mut subs: Vec<(Occur, Q)> = Vec::new();
        let dead: Vec<bool> = parsed
            .groups
            .iter()
            .map(|g| self.relaxed && self.matches_nothing(g))
            .collect();
        // Were every group dead, none would be left to require: then all stay required.
        let all_dead = dead.iter().all(|d| *d);
        for (group, dead) in parsed.groups.iter().zip(dead) {
            let alternatives: Vec<Q> = group.iter().filter_map(|c| self.clause(c)).collect();
            if let Some(q) = any_of(alternatives) {
                let occur = if dead && !all_dead {
                    Occur::Should
                } else {
                    Occur::Must
                };
                subs.push((occur, q));
            }
        }
        if subs.is_empty() {
            return None;
        }
        subs.extend(self.exclusions(parsed));
        Some(Box::new(BooleanQuery::new(subs)))
    }

    /// MustNot clauses for every excluded clause.
    pub fn exclusions(&self, parsed: &Parsed) -> Vec<(Occur, Q)> {
        parsed
            .excluded
            .iter()
            .filter_map(|c| self.clause(c))
            .map(|q| (Occur::MustNot, q))
            .collect()
    }

    /// One clause, or `None` when its text holds no searchable term.
    fn clause(&self, clause: &Clause) -> Option<Q> {
        match clause {
            Clause::Words(text) => self.words_or_expansions(text),
            Clause::Phrase(text) => self.phrase(&terms_of(text)),
            Clause::DocNo { normalized, raw } => {
                let exact: Q = Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.doc_no, normalized),
                    IndexRecordOption::Basic,
                ));
                let exact: Q = Box::new(ConstScoreQuery::new(exact, DOC_NO_BOOST));
                let text = self.words(&terms_of(raw));
                any_of(std::iter::once(exact).chain(text).collect())
            }
        }
    }

    /// In a relaxed search: a constant bonus for the items that match the strict query, so they
    /// come first.
    pub fn exact_first(&self, parsed: &Parsed) -> Option<(Occur, Q)> {
        let strict = Compiler {
            relaxed: false,
            ..*self
        };
        let all = strict.items(parsed)?;
        Some((
            Occur::Should,
            Box::new(ConstScoreQuery::new(all, EXACT_BONUS)),
        ))
    }

    /// The words as typed, or any of their expansions, lower per term (see [`EXPANSION_WEIGHT`]).
    fn words_or_expansions(&self, text: &str) -> Option<Q> {
        let typed = terms_of(text);
        let literal = self.title_like(text, self.words(&typed)?);
        let expansions = self
            .abbreviations
            .expand(text)
            .into_iter()
            .filter_map(|alt| {
                let terms = terms_of(&alt);
                let weight =
                    EXPANSION_WEIGHT * typed.len().max(1) as f32 / terms.len().max(1) as f32;
                let q = self.title_like(&alt, self.words(&terms)?);
                Some(Box::new(BoostQuery::new(q, weight.min(EXPANSION_WEIGHT))) as Q)
            });
        any_of(std::iter::once(literal).chain(expansions).collect())
    }

    /// `words` with [`TITLE_LIKE_BONUS`] for the items whose title core `text` is, and when
    /// relaxed [`CLOSING_BONUS`] for those whose title closes as `text` does.
    fn title_like(&self, text: &str, words: Q) -> Q {
        let mut bonuses = Vec::new();
        if let Some(core) = title_core(text) {
            bonuses.push(self.title_key(&core, TITLE_LIKE_BONUS));
        }
        if let Some(word) = closing_word(text).filter(|_| self.relaxed) {
            bonuses.push(self.title_key(&closing_key(word), CLOSING_BONUS));
        }
        if bonuses.is_empty() {
            return words;
        }
        let mut subs = vec![(Occur::Must, words)];
        subs.extend(bonuses);
        Box::new(BooleanQuery::new(subs))
    }

    /// A constant `bonus` for items with `key` in their `title_core` field.
    fn title_key(&self, key: &str, bonus: f32) -> (Occur, Q) {
        let term = TermQuery::new(
            Term::from_field_text(self.fields.title_core, key),
            IndexRecordOption::Basic,
        );
        (
            Occur::Should,
            Box::new(ConstScoreQuery::new(Box::new(term), bonus)),
        )
    }

    /// Every term required (or, relaxed, most of them); together as a phrase they score higher.
    fn words(&self, terms: &[QueryTerm]) -> Option<Q> {
        match terms {
            [] => None,
            [one] => Some(self.term_group(one)),
            _ if self.relaxed && terms.len() >= RELAX_FROM => Some(self.most_words(terms)),
            _ => {
                let mut subs: Vec<(Occur, Q)> = terms
                    .iter()
                    .map(|t| (Occur::Must, self.term_group(t)))
                    .collect();
                subs.extend(self.phrase_bonus(terms));
                Some(Box::new(BooleanQuery::new(subs)))
            }
        }
    }

    /// At least [`most_of`] the terms; each one more that matches, and the phrase, score higher.
    fn most_words(&self, terms: &[QueryTerm]) -> Q {
        let should: Vec<(Occur, Q)> = terms
            .iter()
            .map(|t| (Occur::Should, self.term_group(t)))
            .collect();
        let most: Q = Box::new(BooleanQuery::with_minimum_required_clauses(
            should,
            most_of(terms.len()),
        ));
        let mut subs = vec![(Occur::Must, most)];
        subs.extend(self.phrase_bonus(terms));
        Box::new(BooleanQuery::new(subs))
    }

    /// The typed words as a phrase in the title or 文号, as an optional bonus.
    fn phrase_bonus(&self, terms: &[QueryTerm]) -> Option<(Occur, Q)> {
        let phrase = self.phrase_in_fields(terms)?;
        Some((
            Occur::Should,
            Box::new(BoostQuery::new(phrase, PHRASE_BOOST)),
        ))
    }

    /// The terms in order: a phrase in the title or 文号, every bigram in the body. Lone CJK
    /// characters have no position in the bigram fields, so a phrase holding one falls back to
    /// [`Compiler::words`].
    fn phrase(&self, terms: &[QueryTerm]) -> Option<Q> {
        if terms.len() < 2 || terms.iter().any(|t| t.single_char) {
            return self.words(terms);
        }
        let in_body: Q = Box::new(BooleanQuery::new(
            terms
                .iter()
                .map(|t| (Occur::Must, term_query(self.fields.body, &t.text)))
                .collect(),
        ));
        any_of(
            self.phrase_in_fields(terms)
                .into_iter()
                .chain([in_body])
                .collect(),
        )
    }

    /// The phrase in the title or the 文号 (the fields with positions).
    fn phrase_in_fields(&self, terms: &[QueryTerm]) -> Option<Q> {
        if terms.len() < 2 {
            return None;
        }
        let f = self.fields;
        let per_field =
            [(f.title, TITLE_BOOST), (f.doc_no_text, DOC_NO_TEXT_BOOST)].map(|(field, boost)| {
                let offsets = terms
                    .iter()
                    .map(|t| (t.position, Term::from_field_text(field, &t.text)))
                    .collect();
                let q: Q = Box::new(PhraseQuery::new_with_offset(offsets));
                Box::new(BoostQuery::new(q, boost)) as Q
            });
        any_of(per_field.into_iter().collect())
    }

    /// One term in any field.
    fn term_group(&self, term: &QueryTerm) -> Q {
        let f = self.fields;
        if term.single_char {
            let title: Q = Box::new(BoostQuery::new(
                term_query(f.title_chars, &term.text),
                TITLE_BOOST,
            ));
            let subs = vec![
                (Occur::Should, term_query(f.chars, &term.text)),
                (Occur::Should, title),
            ];
            return Box::new(BooleanQuery::new(subs));
        }
        let per_field = [
            (f.title, TITLE_BOOST),
            (f.doc_no_text, DOC_NO_TEXT_BOOST),
            (f.body, 1.0),
        ]
        .map(|(field, boost)| Box::new(BoostQuery::new(term_query(field, &term.text), boost)) as Q);
        Box::new(BooleanQuery::new(
            per_field.into_iter().map(|q| (Occur::Should, q)).collect(),
        ))
    }
}

pub fn term_query(field: Field, text: &str) -> Q {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

/// A filter clause that matches without changing scores.
pub fn filter(q: Q) -> (Occur, Q) {
    (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)))
}

/// At least one of `queries`; `None` for none, the query itself for one.
pub fn any_of(mut queries: Vec<Q>) -> Option<Q> {
    match queries.len() {
        0 => None,
        1 => queries.pop(),
        _ => Some(Box::new(BooleanQuery::new(
            queries.into_iter().map(|q| (Occur::Should, q)).collect(),
        ))),
    }
}
