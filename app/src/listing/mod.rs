//! Counting the catalogue for the pre-rendered pages: items by department and category for the
//! trees and the filter menus, and the years that have items.

use gongkai_core::site::{Catalogue, ItemSummary};
use std::collections::BTreeMap;

/// Counts per key, in key order.
pub type Counts = BTreeMap<String, usize>;

/// Category → number of items, for the items that pass `keep`.
pub fn category_counts(items: &[ItemSummary], keep: impl Fn(&ItemSummary) -> bool) -> Counts {
    let mut counts = Counts::new();
    for item in items.iter().filter(|i| keep(i)) {
        *counts.entry(item.category.clone()).or_default() += 1;
    }
    counts
}

/// One department in the catalogue tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Branch {
    pub code: String,
    /// The short name (市政府办).
    pub name: String,
    pub total: usize,
    pub categories: Counts,
}

/// The catalogue tree: each department that has items (vocabulary order), with its categories;
/// one pass over the items.
pub fn department_tree(catalogue: &Catalogue) -> Vec<Branch> {
    let mut by_code: BTreeMap<&str, Counts> = BTreeMap::new();
    for item in &catalogue.items {
        for code in &item.departments {
            *by_code
                .entry(code)
                .or_default()
                .entry(item.category.clone())
                .or_default() += 1;
        }
    }
    catalogue
        .departments
        .iter()
        .filter_map(|d| {
            let categories = by_code.remove(d.code.as_str())?;
            Some(Branch {
                code: d.code.clone(),
                name: d.short.clone(),
                total: categories.values().sum(),
                categories,
            })
        })
        .collect()
}

/// Years that have items, newest first.
pub fn years(items: &[ItemSummary]) -> Vec<u16> {
    let mut years: Vec<u16> = items
        .iter()
        .filter_map(|i| i.date.map(|d| d.year))
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    years
}

#[cfg(test)]
mod tests;
