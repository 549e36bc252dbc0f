//! Each segment's facet values as runs of equal values, in one small file per segment, so
//! counting facets reads that file (whole, in the hotcache) instead of the facet columns.
//!
//! Documents are written grouped by status, category and issuers, newest first (the builder's
//! index order), so every facet is a few long runs: at 100,000 items the issuer has 4,037 runs
//! and the year 36,314, where its columns take 65 KB and 61 KB. A lazily read first query had
//! to fetch about 128 KiB of those columns; the runs take about 26 KiB in the brotli hotcache.
//! Counting walks the runs alongside the matching documents (in increasing order), so it costs
//! a comparison per document and facet instead of a column read.
//!
//! File `<segment id>.facets`: `GKRUNS1`, then LEB128 numbers: the segment's document count and
//! facet count; per facet its name, its value count, per value its labels (count, then each as
//! length and UTF-8), its run count, every run's length, then every run's value as a zigzag
//! difference from the previous run's value. The columns stay in the index: a segment without
//! this file is counted from them.

use crate::search::facet_count::{value_names, Source};
use crate::search::facets::FACETS;
use crate::search::leb128::{put, put_bytes, take, take_bytes};
use crate::search::types::SearchError;
use std::collections::{BTreeSet, HashMap};
use tantivy::{DocId, SegmentReader};

/// The file's extension; its stem is the segment id.
pub const EXTENSION: &str = "facets";
const MAGIC: &[u8] = b"GKRUNS1";
/// More labels than this for one value means a damaged file (an item has a few departments).
const MAX_LABELS: u64 = 1_000;

/// One segment's facets as runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentRuns {
    max_doc: u32,
    facets: Vec<RunFacet>,
}

/// One facet in one segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunFacet {
    pub name: &'static str,
    /// Per value, the facet values an item holding it counts for (none when it has no value;
    /// several for jointly issued items).
    pub labels: Vec<Vec<String>>,
    /// Each run's end (exclusive), increasing; the last is the segment's document count.
    ends: Vec<DocId>,
    /// Each run's value: an index into `labels`.
    values: Vec<u32>,
}

impl SegmentRuns {
    /// The runs of `segment`'s facet columns (see `facet_count`); facets without a column are
    /// left out, as counting from the columns leaves them out.
    pub fn of_segment(segment: &SegmentReader) -> tantivy::Result<SegmentRuns> {
        let mut facets = Vec::new();
        for &name in FACETS {
            if let Some(source) = Source::of(segment, name)? {
                facets.push(RunFacet::of_column(name, &source, segment.max_doc()));
            }
        }
        Ok(SegmentRuns {
            max_doc: segment.max_doc(),
            facets,
        })
    }

    pub fn max_doc(&self) -> u32 {
        self.max_doc
    }

    /// Where `facet` is among this segment's facets, if it has it.
    pub fn place(&self, facet: &str) -> Option<usize> {
        self.facets.iter().position(|f| f.name == facet)
    }

    /// The facet at `place`.
    pub fn facet_at(&self, place: usize) -> &RunFacet {
        &self.facets[place]
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        put(&mut out, u64::from(self.max_doc));
        put(&mut out, self.facets.len() as u64);
        for facet in &self.facets {
            facet.encode(&mut out);
        }
        out
    }

    /// Reads a file; anything malformed (truncated, runs not covering the segment exactly, a
    /// value with no label entry, an unknown facet) is an error.
    pub fn decode(bytes: &[u8]) -> Result<SegmentRuns, SearchError> {
        let mut rest = bytes
            .strip_prefix(MAGIC)
            .ok_or_else(|| bad("not facet runs"))?;
        let max_doc = u32::try_from(number(&mut rest)?).map_err(|_| bad("document count"))?;
        let count = number(&mut rest)?;
        if count > FACETS.len() as u64 {
            return Err(bad("too many facets"));
        }
        let mut facets = Vec::new();
        for _ in 0..count {
            facets.push(RunFacet::decode(&mut rest, max_doc)?);
        }
        if !rest.is_empty() {
            return Err(bad("trailing bytes"));
        }
        Ok(SegmentRuns { max_doc, facets })
    }
}

impl RunFacet {
    fn of_column(name: &'static str, source: &Source, max_doc: DocId) -> RunFacet {
        let values: Vec<Option<u64>> = (0..max_doc).map(|doc| source.value(doc)).collect();
        // Labels in value order (no value first), so neighbouring runs' values differ little.
        let distinct: BTreeSet<Option<u64>> = values.iter().copied().collect();
        let slots: HashMap<Option<u64>, u32> = (0..)
            .zip(distinct.iter().copied())
            .map(|(i, v)| (v, i))
            .collect();
        let mut out = RunFacet {
            name,
            labels: distinct
                .iter()
                .map(|v| v.map_or_else(Vec::new, |v| value_names(source, name, v)))
                .collect(),
            ends: Vec::new(),
            values: Vec::new(),
        };
        for (doc, value) in (1..).zip(&values) {
            let slot = slots[value];
            match (out.values.last(), out.ends.last_mut()) {
                (Some(&last), Some(end)) if last == slot => *end = doc,
                _ => {
                    out.values.push(slot);
                    out.ends.push(doc);
                }
            }
        }
        out
    }

    /// Adds to `counts` (by value) how many of `docs` (sorted) fall in each run. A facet with
    /// few runs finds each run's end by binary search, one with many walks the documents and
    /// the runs side by side: a comparison per document, however many facets are counted.
    pub fn count(&self, docs: &[DocId], counts: &mut [u64]) {
        if docs.is_empty() {
            return;
        }
        let searching = self.ends.len() * (docs.len().ilog2() as usize + 1);
        let mut at = 0;
        for (&end, &value) in self.ends.iter().zip(&self.values) {
            let from = at;
            if searching < docs.len() {
                at += docs[at..].partition_point(|&doc| doc < end);
            } else {
                while at < docs.len() && docs[at] < end {
                    at += 1;
                }
            }
            if let Some(n) = counts.get_mut(value as usize) {
                *n += (at - from) as u64;
            }
            if at == docs.len() {
                break;
            }
        }
    }

    fn encode(&self, out: &mut Vec<u8>) {
        put_bytes(out, self.name.as_bytes());
        put(out, self.labels.len() as u64);
        for labels in &self.labels {
            put(out, labels.len() as u64);
            for label in labels {
                put_bytes(out, label.as_bytes());
            }
        }
        put(out, self.ends.len() as u64);
        let mut from = 0;
        for &end in &self.ends {
            put(out, u64::from(end - from));
            from = end;
        }
        let mut previous = 0i64;
        for &value in &self.values {
            let step = i64::from(value) - previous;
            put(out, ((step << 1) ^ (step >> 63)) as u64);
            previous = i64::from(value);
        }
    }

    fn decode(rest: &mut &[u8], max_doc: DocId) -> Result<RunFacet, SearchError> {
        let name = take_bytes(rest).ok_or_else(|| bad("truncated"))?;
        let name = FACETS
            .iter()
            .copied()
            .find(|f| f.as_bytes() == name)
            .ok_or_else(|| bad("unknown facet"))?;
        let labels = decode_labels(rest)?;
        let runs = number(rest)?;
        if runs > u64::from(max_doc) || runs > rest.len() as u64 {
            return Err(bad("more runs than documents or bytes"));
        }
        let ends = decode_ends(rest, runs, max_doc)?;
        let values = decode_values(rest, runs, labels.len())?;
        Ok(RunFacet {
            name,
            labels,
            ends,
            values,
        })
    }
}

/// `runs` run lengths as the runs' ends, which must end exactly at `max_doc`.
fn decode_ends(rest: &mut &[u8], runs: u64, max_doc: DocId) -> Result<Vec<DocId>, SearchError> {
    let mut ends = Vec::with_capacity(runs as usize);
    let mut end: u64 = 0;
    for _ in 0..runs {
        match number(rest)? {
            0 => return Err(bad("an empty run")),
            len => end = end.saturating_add(len),
        }
        ends.push(u32::try_from(end).map_err(|_| bad("runs past the segment"))?);
    }
    if end != u64::from(max_doc) {
        return Err(bad("runs do not cover the segment"));
    }
    Ok(ends)
}

/// `runs` zigzag steps as the runs' values, each below `labels`.
fn decode_values(rest: &mut &[u8], runs: u64, labels: usize) -> Result<Vec<u32>, SearchError> {
    let mut values = Vec::with_capacity(runs as usize);
    let mut previous = 0i64;
    for _ in 0..runs {
        let zigzag = number(rest)?;
        let step = (zigzag >> 1) as i64 ^ -((zigzag & 1) as i64);
        let value = previous
            .checked_add(step)
            .ok_or_else(|| bad("a value out of range"))?;
        match u32::try_from(value) {
            Ok(v) if (v as usize) < labels => values.push(v),
            _ => return Err(bad("a value with no labels")),
        }
        previous = value;
    }
    Ok(values)
}

fn decode_labels(rest: &mut &[u8]) -> Result<Vec<Vec<String>>, SearchError> {
    let count = number(rest)?;
    if count > rest.len() as u64 {
        return Err(bad("truncated"));
    }
    let mut out = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let n = number(rest)?;
        if n > MAX_LABELS {
            return Err(bad("too many labels"));
        }
        let mut labels = Vec::new();
        for _ in 0..n {
            let bytes = take_bytes(rest).ok_or_else(|| bad("truncated"))?;
            let label = std::str::from_utf8(bytes).map_err(|_| bad("a label not in UTF-8"))?;
            labels.push(label.to_string());
        }
        out.push(labels);
    }
    Ok(out)
}

fn number(rest: &mut &[u8]) -> Result<u64, SearchError> {
    take(rest).ok_or_else(|| bad("truncated"))
}

fn bad(what: &str) -> SearchError {
    SearchError::Open(format!("bad facet runs: {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tests::index_files;
    use crate::search::{Engine, Query, Sort};
    use std::path::Path;
    use tantivy::directory::RamDirectory;
    use tantivy::{Directory, Index, IndexReader, ReloadPolicy};

    /// The test corpus's files with each segment's runs file added, as the builder writes them.
    fn with_runs(files: &[(String, Vec<u8>)]) -> Vec<(String, Vec<u8>)> {
        let dir = RamDirectory::create();
        for (name, bytes) in files {
            dir.atomic_write(Path::new(name), bytes).unwrap();
        }
        let index = Index::open(dir).unwrap();
        let reader: IndexReader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .unwrap();
        let searcher = reader.searcher();
        let mut out = files.to_vec();
        for segment in searcher.segment_readers() {
            let name = format!("{}.{EXTENSION}", segment.segment_id().uuid_string());
            let runs = SegmentRuns::of_segment(segment).unwrap();
            out.push((name, runs.encode()));
        }
        out
    }

    fn runs_file(files: &[(String, Vec<u8>)]) -> (String, Vec<u8>) {
        let found = files.iter().find(|(n, _)| n.ends_with(EXTENSION));
        found.cloned().unwrap()
    }

    #[test]
    fn counts_from_runs_equal_counts_from_columns() {
        let columns = Engine::from_files(index_files()).unwrap();
        let runs = Engine::from_files(with_runs(&index_files())).unwrap();
        let filters: [&[(&str, &str)]; 6] = [
            &[],
            &[("year", "2022")],
            &[("issuer", "jsb")],
            &[("issuer", "szfb"), ("status", "现行有效")],
            &[("in_force", "false"), ("year", "2004"), ("year", "2023")],
            &[("category", "规范性文件")],
        ];
        for text in ["", "电子政务", "办法", "护", "nothing-matches", "-维护"] {
            for pairs in filters {
                for sort in [Sort::Relevance, Sort::Date] {
                    let query = Query {
                        filters: pairs
                            .iter()
                            .map(|(f, v)| (f.to_string(), v.to_string()))
                            .collect(),
                        sort,
                        ..Query::text(text)
                    };
                    let (a, b) = (columns.search(&query), runs.search(&query));
                    assert_eq!(a, b, "{text} {pairs:?}");
                }
            }
        }
        let all = runs.search(&Query::text("")).unwrap();
        assert_eq!(
            all.facets["issuer"].len(),
            4,
            "a joint item counts for each"
        );
        assert_eq!(all.facets["in_force"].len(), 2);
    }

    /// Relabelled runs show up in the counts: the engine counts from the file when it is there.
    #[test]
    fn the_engine_counts_from_the_runs_file() {
        let mut files = with_runs(&index_files());
        let place = files
            .iter()
            .position(|(n, _)| n.ends_with(EXTENSION))
            .unwrap();
        let mut runs = SegmentRuns::decode(&files[place].1).unwrap();
        let issuer = runs.place("issuer").unwrap();
        for labels in &mut runs.facets[issuer].labels {
            for label in labels.iter_mut().filter(|l| *l == "szfb") {
                *label = "市政府办公室".into();
            }
        }
        files[place].1 = runs.encode();
        let engine = Engine::from_files(files).unwrap();
        let issuers = &engine.search(&Query::text("")).unwrap().facets["issuer"];
        assert_eq!(issuers[0].value, "市政府办公室");
        assert_eq!(issuers[0].count, 2);
    }

    #[test]
    fn files_round_trip_and_damage_is_an_error_never_a_panic() {
        let (_, bytes) = runs_file(&with_runs(&index_files()));
        let runs = SegmentRuns::decode(&bytes).unwrap();
        assert_eq!(runs.encode(), bytes);
        assert_eq!(runs.facets.len(), FACETS.len());
        for cut in 0..bytes.len() {
            assert!(SegmentRuns::decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        for at in MAGIC.len()..bytes.len() {
            for flip in [0x01, 0x80, 0xff] {
                let mut damaged = bytes.clone();
                damaged[at] ^= flip;
                let _ = SegmentRuns::decode(&damaged);
            }
        }
        // Two documents in two runs of two unlabelled values: 0 + 1 = 1, then 1 + i64::MAX.
        let mut huge = MAGIC.to_vec();
        for n in [2, 1] {
            put(&mut huge, n);
        }
        put_bytes(&mut huge, b"year");
        for n in [2, 0, 0, 2, 1, 1, 2, u64::MAX - 1] {
            put(&mut huge, n);
        }
        assert!(
            SegmentRuns::decode(&huge).is_err(),
            "a step past i64 is refused"
        );
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(SegmentRuns::decode(&longer).is_err(), "trailing bytes");
    }

    #[test]
    fn a_runs_file_for_other_documents_or_damaged_stops_opening() {
        let mut files = with_runs(&index_files());
        let place = files.iter().position(|(n, _)| n.ends_with(EXTENSION));
        let (name, bytes) = files[place.unwrap()].clone();
        let mut runs = SegmentRuns::decode(&bytes).unwrap();
        runs.max_doc += 1;
        files[place.unwrap()].1 = runs.encode();
        let error = Engine::from_files(files.clone()).unwrap_err().to_string();
        assert!(error.contains(&name), "{error}");
        files[place.unwrap()].1 = bytes[..bytes.len() - 1].to_vec();
        let error = Engine::from_files(files).unwrap_err().to_string();
        assert!(error.contains("bad facet runs"), "{error}");
    }

    #[test]
    fn documents_are_counted_in_their_runs_by_walking_or_searching() {
        let facet = RunFacet {
            name: "year",
            labels: vec![vec![], vec!["2022".into()], vec!["2023".into()]],
            ends: vec![2, 3, 7, 9],
            values: vec![1, 0, 2, 1],
        };
        let value = [1, 1, 0, 2, 2, 2, 2, 1, 1];
        let all: Vec<DocId> = (0..9).collect();
        let subsets: [&[DocId]; 6] = [&[], &[0], &[8], &[2, 3], &all, &[1, 4, 5, 8]];
        for docs in subsets {
            let mut counts = vec![0; 3];
            facet.count(docs, &mut counts);
            let mut expected = vec![0; 3];
            for &doc in docs {
                expected[value[doc as usize]] += 1;
            }
            assert_eq!(counts, expected, "{docs:?}");
        }
        // Few runs and many documents: each run's end is found by binary search.
        let wide = RunFacet {
            ends: vec![100, 1000, 5000],
            values: vec![2, 0, 1],
            ..facet
        };
        let every_third: Vec<DocId> = (0..5000).step_by(3).collect();
        let mut counts = vec![0; 3];
        wide.count(&every_third, &mut counts);
        assert_eq!(counts, [300, 1333, 34]);
    }
}
