//! Turns a parsed query into tantivy queries, tokenizing every clause with the index's tokenizer.
//!
//! Each term must appear in some field (title, 文号, body); words typed together also score as
//! a phrase in the title or 文号. A one-character CJK term is looked up in the `chars` field,
//! because the bigram fields only hold characters that stand alone. The body has no positions
//! (see `schema`): a quoted phrase matches there when the body holds all its bigrams, which for
//! a CJK run (电子政务 → 电子 子政 政务) is the phrase itself in practice.

use crate::search::schema::Fields;
use crate::search::syntax::{Clause, Parsed};
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

/// Every positive term of the query, for highlighting.
pub fn highlight_terms(parsed: &Parsed) -> Vec<String> {
    let mut out: Vec<String> = parsed
        .groups
        .iter()
        .flatten()
        .flat_map(|c| terms_of(clause_text(c)))
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
}

impl Compiler<'_> {
    /// The item query: every group must match, no exclusion may. `None` when nothing positive remains.
    pub fn items(&self, parsed: &Parsed) -> Option<Q> {
        let mut subs: Vec<(Occur, Q)> = Vec::new();
        for group in &parsed.groups {
            let alternatives: Vec<Q> = group.iter().filter_map(|c| self.clause(c)).collect();
            if let Some(q) = any_of(alternatives) {
                subs.push((Occur::Must, q));
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
            Clause::Words(text) => self.words(&terms_of(text)),
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

    /// Every term required; together as a phrase they score higher.
    fn words(&self, terms: &[QueryTerm]) -> Option<Q> {
        match terms {
            [] => None,
            [one] => Some(self.term_group(one)),
            _ => {
                let mut subs: Vec<(Occur, Q)> = terms
                    .iter()
                    .map(|t| (Occur::Must, self.term_group(t)))
                    .collect();
                if let Some(phrase) = self.phrase_in_fields(terms) {
                    subs.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(phrase, PHRASE_BOOST)),
                    ));
                }
                Some(Box::new(BooleanQuery::new(subs)))
            }
        }
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
