//! Counts facet values over the matching items, from each segment's facet runs (see
//! `facet_runs`) or, for a segment without them, from small per-facet columns.
//!
//! tantivy's hierarchical `Facet` field keeps one multi-valued ordinal column for all facets
//! (630 KB at 100,000 items), which a lazily loaded index must fetch whole before it can count.
//! Here each facet has its own single-valued column, bitpacked to its cardinality (issuer,
//! category and status as dictionary-encoded strings, the year as a number, `in_force` the
//! ranking column); the runs are derived from these columns. An item with several departments
//! has them joined in one value (see [`join_issuers`]), which keeps the column single-valued;
//! counting splits them again.

use crate::search::facet_runs::SegmentRuns;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Column of each string facet; the year comes from [`YEAR_COLUMN`], in force from `in_force`.
pub const STR_COLUMNS: [(&str, &str); 3] = [
    ("issuer", "count_issuer"),
    ("category", "count_category"),
    ("status", "count_status"),
];
/// The item's year, 0 when undated.
pub const YEAR_COLUMN: &str = "count_year";
/// 1 in force, 0 not (shared with ranking).
pub const IN_FORCE_COLUMN: &str = "in_force";
/// Numbers above this are not facet values (a year has four digits); a damaged column could
/// otherwise make the tally huge.
const MAX_NUMBER: u64 = 100_000;
/// Separates the departments of one item inside its issuer value.
const ISSUER_SEPARATOR: char = '\u{1f}';

/// Counts per facet, then per value.
pub type Counts = BTreeMap<&'static str, BTreeMap<String, u64>>;

/// Each segment's runs file, for the segments that have one.
pub type RunsBySegment = HashMap<SegmentId, Arc<SegmentRuns>>;

/// The issuer value of an item with these departments.
pub fn join_issuers(departments: &[String]) -> String {
    let sep = ISSUER_SEPARATOR.to_string();
    departments.join(&sep)
}

/// Counts the facets named in `facets` (a subset of [`crate::search::FACETS`]), from each
/// segment's runs when `runs` has them, else from its columns.
pub struct FacetCounter<'a> {
    pub facets: Vec<&'static str>,
    pub runs: &'a RunsBySegment,
}

/// What a segment's values are read from.
pub(crate) enum Source {
    Str(StrColumn),
    Number(Column<u64>),
    /// The segment's runs and the facet's place among them.
    Runs(Arc<SegmentRuns>, usize),
}

/// One facet being counted in one segment: counts by ordinal, number or runs value.
struct Tally {
    facet: &'static str,
    source: Source,
    counts: Vec<u64>,
}

/// [`FacetCounter`] in one segment. Columns are read per document; runs count the matching
/// documents, kept in `docs`, all at once.
pub struct SegmentCounter {
    tallies: Vec<Tally>,
    docs: Vec<DocId>,
    keep_docs: bool,
}

impl Collector for FacetCounter<'_> {
    type Fruit = Counts;
    type Child = SegmentCounter;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentCounter> {
        let runs = self.runs.get(&segment.segment_id());
        let mut tallies = Vec::new();
        for &facet in &self.facets {
            let source = match runs {
                Some(runs) => runs.place(facet).map(|i| Source::Runs(runs.clone(), i)),
                None => Source::of(segment, facet)?,
            };
            if let Some(source) = source {
                tallies.push(Tally {
                    facet,
                    counts: vec![0; source.slots()],
                    source,
                });
            }
        }
        let keep_docs = tallies.iter().any(|t| matches!(t.source, Source::Runs(..)));
        Ok(SegmentCounter {
            tallies,
            docs: Vec::new(),
            keep_docs,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut out = Counts::new();
        for fruit in fruits {
            for (facet, values) in fruit {
                let into = out.entry(facet).or_default();
                for (value, n) in values {
                    *into.entry(value).or_default() += n;
                }
            }
        }
        Ok(out)
    }
}

impl Source {
    /// The column a facet is counted from; `None` when the segment has none (no documents).
    pub(crate) fn of(segment: &SegmentReader, facet: &str) -> tantivy::Result<Option<Source>> {
        let fast = segment.fast_fields();
        if let Some((_, name)) = STR_COLUMNS.iter().find(|(f, _)| *f == facet) {
            return Ok(fast.str(name)?.map(Source::Str));
        }
        let name = match facet {
            "year" => YEAR_COLUMN,
            "in_force" => IN_FORCE_COLUMN,
            _ => return Ok(None),
        };
        Ok(fast.u64(name).ok().map(Source::Number))
    }

    /// How many values are known up front (numbers grow their tally as they come).
    fn slots(&self) -> usize {
        match self {
            Source::Str(c) => c.num_terms(),
            Source::Number(_) => 0,
            Source::Runs(runs, i) => runs.facet_at(*i).labels.len(),
        }
    }

    /// `doc`'s ordinal or number in a column; `None` when it has none, or for runs (which
    /// count many documents at once, see [`SegmentRuns`]).
    pub(crate) fn value(&self, doc: DocId) -> Option<u64> {
        let column = match self {
            Source::Str(c) => c.ords().first(doc),
            Source::Number(c) => c.first(doc),
            Source::Runs(..) => None,
        };
        column.filter(|v| *v < MAX_NUMBER)
    }
}

impl SegmentCollector for SegmentCounter {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _: Score) {
        if self.keep_docs {
            self.docs.push(doc);
        }
        for tally in &mut self.tallies {
            let Some(value) = tally.source.value(doc) else {
                continue;
            };
            let slot = value as usize;
            if slot >= tally.counts.len() {
                tally.counts.resize(slot + 1, 0);
            }
            tally.counts[slot] += 1;
        }
    }

    fn harvest(mut self) -> Counts {
        if !self.docs.is_sorted() {
            self.docs.sort_unstable();
        }
        for tally in &mut self.tallies {
            if let Source::Runs(runs, i) = &tally.source {
                runs.facet_at(*i).count(&self.docs, &mut tally.counts);
            }
        }
        let mut out = Counts::new();
        for tally in self.tallies {
            let values = out.entry(tally.facet).or_default();
            for (slot, &n) in tally.counts.iter().enumerate().filter(|(_, n)| **n > 0) {
                for value in value_names(&tally.source, tally.facet, slot as u64) {
                    *values.entry(value).or_default() += n;
                }
            }
        }
        out
    }
}

/// The facet values behind one ordinal, number or runs value (several for joined issuers, none
/// for "no value").
pub(crate) fn value_names(source: &Source, facet: &str, value: u64) -> Vec<String> {
    match source {
        Source::Str(column) => {
            let mut text = String::new();
            if !matches!(column.ord_to_str(value, &mut text), Ok(true)) {
                return Vec::new();
            }
            text.split(ISSUER_SEPARATOR)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
                .collect()
        }
        Source::Runs(runs, i) => {
            let labels = runs.facet_at(*i).labels.get(value as usize);
            labels.cloned().unwrap_or_default()
        }
        Source::Number(_) if facet == "in_force" => vec![(value != 0).to_string()],
        Source::Number(_) if value == 0 => Vec::new(),
        Source::Number(_) => vec![value.to_string()],
    }
}
