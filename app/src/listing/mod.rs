//! Browsing the catalogue without a server: filter, sort and paginate item summaries, and count
//! them by department and category for the trees and facet menus.

pub mod query;

use gongkai_core::site::{Catalogue, ItemSummary};
use query::{Filters, ListQuery, Sort};
use std::collections::BTreeMap;

/// One page of a filtered, sorted list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageOf<T> {
    pub items: Vec<T>,
    /// Matching items across all pages.
    pub total: usize,
    /// The page shown (clamped into `1..=pages`).
    pub page: usize,
    /// At least 1, even for an empty list.
    pub pages: usize,
}

/// Whether an item passes every filter that is set.
pub fn matches(item: &ItemSummary, filters: &Filters) -> bool {
    let department = filters
        .department
        .as_ref()
        .is_none_or(|d| item.departments.contains(d));
    let category = filters
        .category
        .as_ref()
        .is_none_or(|c| &item.category == c);
    let year = filters
        .year
        .is_none_or(|y| item.date.is_some_and(|d| d.year == y));
    let status = filters.status.is_none_or(|s| item.status == Some(s));
    department && category && year && status
}

/// Filters, sorts and cuts out the requested page.
pub fn select<'a>(items: &'a [ItemSummary], query: &ListQuery) -> PageOf<&'a ItemSummary> {
    let mut found: Vec<&ItemSummary> = items
        .iter()
        .filter(|i| matches(i, &query.filters))
        .collect();
    sort(&mut found, query.sort);
    let total = found.len();
    let per_page = query.per_page.max(1);
    let pages = total.div_ceil(per_page).max(1);
    let page = query.page.clamp(1, pages);
    let items = found
        .into_iter()
        .skip((page - 1) * per_page)
        .take(per_page)
        .collect();
    PageOf {
        items,
        total,
        page,
        pages,
    }
}

fn sort(items: &mut [&ItemSummary], order: Sort) {
    match order {
        // Undated items go last when newest come first, ties by id: a stable, total order.
        Sort::DateDesc => items.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id))),
        Sort::DateAsc => items.sort_by(|a, b| {
            undated_last(a)
                .cmp(&undated_last(b))
                .then_with(|| a.date.cmp(&b.date))
                .then_with(|| a.id.cmp(&b.id))
        }),
        Sort::Title => items.sort_by(|a, b| a.title.cmp(&b.title).then_with(|| a.id.cmp(&b.id))),
    }
}

fn undated_last(item: &ItemSummary) -> bool {
    item.date.is_none()
}

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

/// The catalogue tree: each department that has items (vocabulary order), with its categories.
pub fn department_tree(catalogue: &Catalogue) -> Vec<Branch> {
    catalogue
        .departments
        .iter()
        .filter_map(|d| {
            let of_department = |i: &ItemSummary| i.departments.contains(&d.code);
            let total = catalogue.items.iter().filter(|i| of_department(i)).count();
            (total > 0).then(|| Branch {
                code: d.code.clone(),
                name: d.short.clone(),
                total,
                categories: category_counts(&catalogue.items, of_department),
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
