//! What a query reads first, read piece by piece so that one failure does not hide the rest.
//!
//! A lazy index learns what to fetch by running a query dry (see `lazy::warm`), and a dry run
//! stops at its first missing block. Touching each term's dictionary entry and posting list on its
//! own, and the ranking's column, before the query runs lets one dry run name the missing blocks
//! of every term at once, so they arrive in one round of parallel requests instead of one after
//! another. On an index in memory this only repeats reads that the query makes anyway.

use super::{Engine, Run};
use crate::search::abbrev::Abbreviations;
use crate::search::compile::highlight_terms;
use crate::search::facet_count::IN_FORCE_COLUMN;
use crate::search::facets::{self, Filters};
use crate::search::syntax::{self, Parsed};
use crate::search::title;
use crate::search::types::{Query, Sort};
use std::collections::HashMap;
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, SegmentReader, Term};

impl Engine {
    /// Reads, each on its own and ignoring failures, what answering `query` starts with: the
    /// dictionary entry and posting list (with positions where a phrase needs them) of every term
    /// of its strict and its relaxed form, the dictionary entries of its words in every field the
    /// ranking looks them up in, and the column it is sorted by.
    pub fn touch(&self, query: &Query) {
        let Ok(filters) = facets::parse_filters(&query.filters) else {
            return;
        };
        let parsed = syntax::parse(&query.text);
        let searcher = self.reader.searcher();
        let terms = self.terms_read(&searcher, &parsed, &filters, query.versions);
        let by_date = query.sort == Sort::Date || parsed.is_browse();
        let column = if by_date { "date_key" } else { IN_FORCE_COLUMN };
        for segment in searcher.segment_readers() {
            for (term, postings) in &terms {
                let _ = touch_term(segment, term, *postings);
            }
            let _ = segment.fast_fields().u64(column);
        }
    }

    /// Every term the query may read, with what of it: `None` for the dictionary entry alone,
    /// `Some(positions)` for the posting list too.
    fn terms_read(
        &self,
        searcher: &Searcher,
        parsed: &Parsed,
        filters: &Filters,
        versions: bool,
    ) -> HashMap<Term, Option<bool>> {
        let mut out: HashMap<Term, Option<bool>> = HashMap::new();
        let mut run = Run {
            engine: self,
            searcher,
            parsed,
            filters,
            relaxed: false,
            exact_first: false,
            unknown: Vec::new(),
            versions,
        };
        for (relaxed, exact_first) in [(false, false), (true, true)] {
            run.relaxed = relaxed;
            run.exact_first = exact_first;
            run.item_query(None).query_terms(&mut |term, positions| {
                let entry = out.entry(term.clone()).or_insert(Some(false));
                *entry = Some(entry.unwrap_or(false) | positions);
            });
        }
        let f = &self.fields;
        let words = highlight_terms(parsed, &Abbreviations::default());
        let expanded = highlight_terms(parsed, &self.abbreviations);
        for text in words.iter().chain(&expanded) {
            for field in [f.body, f.chars, f.title, f.doc_no_text] {
                out.entry(Term::from_field_text(field, text))
                    .or_insert(None);
            }
        }
        if let Some(core) = title::missing_title_core(parsed) {
            out.entry(Term::from_field_text(f.title_core, &core))
                .or_insert(None);
        }
        out
    }
}

/// Reads one term's dictionary entry and, when `postings` says so, its posting list.
fn touch_term(segment: &SegmentReader, term: &Term, postings: Option<bool>) -> tantivy::Result<()> {
    let inverted = segment.inverted_index(term.field())?;
    let (Some(info), Some(positions)) = (inverted.get_term_info(term)?, postings) else {
        return Ok(());
    };
    let option = if positions {
        IndexRecordOption::WithFreqsAndPositions
    } else {
        IndexRecordOption::WithFreqs
    };
    inverted.read_postings_from_terminfo(&info, option)?;
    Ok(())
}
