//! Facets: the names people filter by, the filter queries, and the counts shown beside results.
//!
//! Counting follows the usual "disjunctive" rule: a facet that has a filter on it is counted
//! with every other filter but its own, so choosing 2022 under 年份 still shows 2021 with its
//! count, ready to be added (OR within a facet, AND across facets).

use crate::search::compile::any_of;
use crate::search::facet_count::Counts;
use crate::search::schema::filter_key;
use crate::search::types::{FacetCount, SearchError};
use std::collections::BTreeMap;
use tantivy::query::{Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

/// Every facet, by the name used in filters and in [`crate::search::Results::facets`].
pub const FACETS: &[&str] = &["issuer", "category", "year", "status", "in_force"];

/// Chosen filter values by facet (values deduplicated, in a stable order).
pub type Filters = BTreeMap<&'static str, Vec<String>>;

/// Resolves a filter name, accepting a few synonyms (department = issuer, kind = category).
fn facet_name(name: &str) -> Option<&'static str> {
    let name = name.trim().to_ascii_lowercase();
    let name = match name.as_str() {
        "department" | "departments" | "issuers" => "issuer",
        "kind" => "category",
        other => other,
    };
    FACETS.iter().copied().find(|f| *f == name)
}

/// Groups `(name, value)` pairs by facet; an unknown name is an error, an unknown value simply matches nothing.
pub fn parse_filters(pairs: &[(String, String)]) -> Result<Filters, SearchError> {
    let mut out = Filters::new();
    for (name, value) in pairs {
        let facet = facet_name(name)
            .ok_or_else(|| SearchError::UnknownFilter(name.chars().take(64).collect()))?;
        let value = clean_value(value);
        let values = out.entry(facet).or_default();
        if !values.contains(&value) {
            values.push(value);
        }
    }
    Ok(out)
}

/// Facet values hold no control characters (one separates an item's departments in its column).
pub fn clean_value(value: &str) -> String {
    value
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect()
}

/// The filter query for every facet but `skip`: AND across facets, OR within one.
pub fn filter_query(field: Field, filters: &Filters, skip: Option<&str>) -> Vec<Box<dyn Query>> {
    filters
        .iter()
        .filter(|(facet, _)| Some(**facet) != skip)
        .filter_map(|(facet, values)| {
            let alternatives = values
                .iter()
                .map(|v| {
                    let term = Term::from_field_text(field, &filter_key(facet, v));
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>
                })
                .collect();
            any_of(alternatives)
        })
        .collect()
}

/// The counts of one facet, most frequent first, then by value.
pub fn counts_of(counts: &Counts, facet: &str) -> Vec<FacetCount> {
    let mut out: Vec<FacetCount> = counts
        .get(facet)
        .into_iter()
        .flatten()
        .filter(|(_, count)| **count > 0)
        .map(|(value, count)| FacetCount {
            value: value.clone(),
            count: *count,
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn filters_group_by_facet_with_synonyms() {
        let f = parse_filters(&pairs(&[
            ("year", "2022"),
            ("Department", "x"),
            ("year", "2021"),
            ("year", "2022"),
            ("kind", "规章"),
        ]))
        .unwrap();
        assert_eq!(f["year"], ["2022", "2021"]);
        assert_eq!(f["issuer"], ["x"]);
        assert_eq!(f["category"], ["规章"]);
    }

    #[test]
    fn unknown_facets_are_refused_and_values_cleaned() {
        assert_eq!(
            parse_filters(&pairs(&[("colour", "red")])),
            Err(SearchError::UnknownFilter("colour".into()))
        );
        let f = parse_filters(&pairs(&[("status", " 现行\u{0}有效 ")])).unwrap();
        assert_eq!(f["status"], ["现行有效"]);
    }
}
