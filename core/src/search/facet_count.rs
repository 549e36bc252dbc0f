//! Counts facet values over the matching items from small per-facet columns.
//!
//! tantivy's hierarchical `Facet` field keeps one multi-valued ordinal column for all facets
//! (630 KB at 100,000 items), which a lazily loaded index must fetch whole before it can count.
//! Here each facet has its own single-valued column, bitpacked to its cardinality (issuer,
//! category and status as dictionary-encoded strings, the year as a number, `in_force` the
//! ranking column), and documents are written grouped by these values (the builder's index
//! order), so a first query fetches only a few bits per item. An item with several departments has them joined in one value (see [`join_issuers`]),
//! which keeps the column single-valued; counting splits them again.

use std::collections::BTreeMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
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

/// The issuer value of an item with these departments.
pub fn join_issuers(departments: &[String]) -> String {
    let sep = ISSUER_SEPARATOR.to_string();
    departments.join(&sep)
}

/// Counts the facets named in `facets` (a subset of [`crate::search::FACETS`]).
pub struct FacetCounter {
    pub facets: Vec<&'static str>,
}

/// What a segment's values are read from.
enum Source {
    Str(StrColumn),
    Number(Column<u64>),
}

/// One facet being counted in one segment: counts by ordinal or by number.
struct Tally {
    facet: &'static str,
    source: Source,
    counts: Vec<u64>,
}

/// [`FacetCounter`] in one segment.
pub struct SegmentCounter {
    tallies: Vec<Tally>,
}

impl Collector for FacetCounter {
    type Fruit = Counts;
    type Child = SegmentCounter;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentCounter> {
        let mut tallies = Vec::new();
        for &facet in &self.facets {
            if let Some(source) = source(segment, facet)? {
                let size = match &source {
                    Source::Str(c) => c.num_terms(),
                    Source::Number(_) => 0,
                };
                tallies.push(Tally {
                    facet,
                    source,
                    counts: vec![0; size],
                });
            }
        }
        Ok(SegmentCounter { tallies })
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

/// The column a facet is counted from; `None` when the segment has none (no documents).
fn source(segment: &SegmentReader, facet: &str) -> tantivy::Result<Option<Source>> {
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

impl SegmentCollector for SegmentCounter {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _: Score) {
        for tally in &mut self.tallies {
            let value = match &tally.source {
                Source::Str(c) => c.ords().first(doc),
                Source::Number(c) => c.first(doc),
            };
            let Some(value) = value.filter(|v| *v < MAX_NUMBER) else {
                continue;
            };
            let slot = value as usize;
            if slot >= tally.counts.len() {
                tally.counts.resize(slot + 1, 0);
            }
            tally.counts[slot] += 1;
        }
    }

    fn harvest(self) -> Counts {
        let mut out = Counts::new();
        for tally in self.tallies {
            let values = out.entry(tally.facet).or_default();
            for (slot, &n) in tally.counts.iter().enumerate().filter(|(_, n)| **n > 0) {
                for value in names(&tally, slot as u64) {
                    *values.entry(value).or_default() += n;
                }
            }
        }
        out
    }
}

/// The facet values behind one ordinal or number (several for joined issuers, none for "no value").
fn names(tally: &Tally, value: u64) -> Vec<String> {
    match &tally.source {
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
        Source::Number(_) if tally.facet == "in_force" => vec![(value != 0).to_string()],
        Source::Number(_) if value == 0 => Vec::new(),
        Source::Number(_) => vec![value.to_string()],
    }
}
