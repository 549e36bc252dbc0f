//! The search page's state as it lives in the URL:
//! `/search?q=…&f=issuer:xtszfb&f=year:2022&sort=date&versions=all&page=2` (defaults left out), so a search
//! can be shared and bookmarked and back/forward restore it. Anything not understood is dropped
//! and listed, never an error.

use crate::urls::encode_component;
use gongkai_core::search::syntax::MAX_QUERY_CHARS;
use gongkai_core::search::{Query, Sort, FACETS};
use gongkai_core::site::SEARCH_ROUTE;

/// Results per page.
pub const PER_PAGE: usize = 10;
/// The deepest page (the engine stops paging at 10,000 hits).
pub const MAX_PAGE: usize = 1_000;
/// More filters than this are not a person's choice; the rest are dropped.
const MAX_FILTERS: usize = 20;
/// A filter value longer than this cannot be a facet value.
const MAX_VALUE_CHARS: usize = 100;

/// What the reader asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchParams {
    /// The words as typed; empty means browse everything.
    pub text: String,
    /// `(facet, value)` pairs with known facet names, without duplicates, in URL order.
    pub filters: Vec<(String, String)>,
    pub sort: Sort,
    /// 1-based.
    pub page: usize,
    /// Earlier texts of regulations are searched too (`versions=all`).
    pub versions: bool,
    /// Parts of the URL that were not understood and were left out, as written.
    pub ignored: Vec<String>,
}

impl Default for SearchParams {
    fn default() -> Self {
        SearchParams {
            text: String::new(),
            filters: Vec::new(),
            sort: Sort::Relevance,
            page: 1,
            versions: false,
            ignored: Vec::new(),
        }
    }
}

impl SearchParams {
    /// Reads the query string's `q`, every `f`, `sort` and `page`.
    pub fn parse(q: Option<&str>, f: &[String], sort: Option<&str>, page: Option<&str>) -> Self {
        let mut out = SearchParams {
            text: q.unwrap_or_default().to_string(),
            ..SearchParams::default()
        };
        // An empty `f` is a filter form's 全部 (any value): nothing to filter, nothing to note.
        for raw in f.iter().filter(|raw| !raw.trim().is_empty()) {
            match parse_filter(raw) {
                Some(pair) if out.filters.len() < MAX_FILTERS => {
                    if !out.filters.contains(&pair) {
                        out.filters.push(pair);
                    }
                }
                _ => out.ignored.push(format!("f={}", shorten(raw))),
            }
        }
        match sort {
            None | Some("") | Some("relevance") => {}
            Some("date") => out.sort = Sort::Date,
            Some(other) => out.ignored.push(format!("sort={}", shorten(other))),
        }
        match page.map(|p| p.trim().parse::<usize>()) {
            None => {}
            Some(Ok(p)) => out.page = p.clamp(1, MAX_PAGE),
            Some(Err(_)) => out
                .ignored
                .push(format!("page={}", shorten(page.unwrap_or("")))),
        }
        out
    }

    /// Reads the query string's `versions`: `all` searches earlier texts too.
    pub fn with_versions_param(mut self, raw: Option<&str>) -> Self {
        match raw {
            None | Some("") => {}
            Some("all") => self.versions = true,
            Some(other) => self.ignored.push(format!("versions={}", shorten(other))),
        }
        self
    }

    /// With earlier texts searched too, or not; back to the first page.
    pub fn with_versions(&self, on: bool) -> Self {
        self.derive(|p| p.versions = on)
    }

    /// The engine's query for this page of results.
    pub fn query(&self) -> Query {
        Query {
            text: self.text.clone(),
            filters: self.filters.clone(),
            sort: self.sort,
            offset: (self.page - 1) * PER_PAGE,
            limit: Some(PER_PAGE),
            versions: self.versions,
        }
    }

    /// Whether the text is longer than the engine reads.
    pub fn is_truncated(&self) -> bool {
        self.text.chars().count() > MAX_QUERY_CHARS
    }

    /// Whether no words were given (browsing).
    pub fn is_browse(&self) -> bool {
        self.text.trim().is_empty()
    }

    pub fn has(&self, facet: &str, value: &str) -> bool {
        self.filters.iter().any(|(f, v)| f == facet && v == value)
    }

    /// The URL of this state.
    pub fn href(&self) -> String {
        let mut parts = Vec::new();
        if !self.text.trim().is_empty() {
            parts.push(format!("q={}", encode_component(self.text.trim())));
        }
        for (facet, value) in &self.filters {
            parts.push(format!("f={facet}:{}", encode_component(value)));
        }
        if self.sort == Sort::Date {
            parts.push("sort=date".into());
        }
        if self.versions {
            parts.push("versions=all".into());
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        if parts.is_empty() {
            SEARCH_ROUTE.to_string()
        } else {
            format!("{SEARCH_ROUTE}?{}", parts.join("&"))
        }
    }

    /// Another text, keeping filters and order, from the first page.
    pub fn with_text(&self, text: &str) -> Self {
        self.derive(|p| p.text = text.trim().to_string())
    }

    /// With the filter added, or removed if it was on; back to the first page.
    pub fn toggled(&self, facet: &str, value: &str) -> Self {
        let pair = (facet.to_string(), value.to_string());
        self.derive(|p| {
            if p.has(facet, value) {
                p.filters.retain(|f| *f != pair);
            } else {
                p.filters.push(pair);
            }
        })
    }

    /// With the filter on or off.
    pub fn with_filter(&self, facet: &str, value: &str, on: bool) -> Self {
        if self.has(facet, value) == on {
            self.derive(|_| {})
        } else {
            self.toggled(facet, value)
        }
    }

    /// Without any filter.
    pub fn cleared(&self) -> Self {
        self.derive(|p| p.filters.clear())
    }

    pub fn sorted(&self, sort: Sort) -> Self {
        self.derive(|p| p.sort = sort)
    }

    pub fn at_page(&self, page: usize) -> Self {
        let mut p = self.derive(|_| {});
        p.page = page.clamp(1, MAX_PAGE);
        p
    }

    /// A copy changed by `change`, on page 1 and without the notes about the old URL.
    fn derive(&self, change: impl FnOnce(&mut SearchParams)) -> Self {
        let mut p = SearchParams {
            page: 1,
            ignored: Vec::new(),
            ..self.clone()
        };
        change(&mut p);
        p
    }
}

/// `issuer:xtszfb` → `("issuer", "xtszfb")`, for known facets and sensible values only.
fn parse_filter(raw: &str) -> Option<(String, String)> {
    let (facet, value) = raw.split_once(':')?;
    let facet = facet.trim().to_ascii_lowercase();
    let value: String = value.trim().chars().filter(|c| !c.is_control()).collect();
    let known = FACETS.contains(&facet.as_str());
    let sensible = !value.is_empty() && value.chars().count() <= MAX_VALUE_CHARS;
    (known && sensible).then_some((facet, value))
}

/// Long garbage is shown cut short.
fn shorten(s: &str) -> String {
    let mut out: String = s.chars().filter(|c| !c.is_control()).take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests;
