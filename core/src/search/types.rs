//! The search API's values: what a caller asks, what it gets back, and how it can fail.
//!
//! All are serde types so the browser worker can pass them as JSON unchanged, and the CLI's
//! `--json` output is exactly [`Results`].

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Results per page when a query does not say.
pub const DEFAULT_LIMIT: usize = 10;
/// The most results one page can hold.
pub const MAX_LIMIT: usize = 200;

/// A search request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Query {
    /// What a person typed: words (all must match), "quoted phrases", `OR`, `-excluded`.
    /// Empty means browse everything.
    pub text: String,
    /// `(facet, value)` pairs, e.g. `[["year", "2022"], ["status", "现行有效"]]`: AND across
    /// facets, OR between values of one facet. Facets: see [`crate::search::FACETS`].
    pub filters: Vec<(String, String)>,
    pub sort: Sort,
    /// Hits to skip (paging).
    pub offset: usize,
    /// Hits to return; `None` means [`DEFAULT_LIMIT`], and `Some(0)` returns counts and facets only.
    pub limit: Option<usize>,
    /// Search regulations' earlier texts too (see [`Hit::version`]); only current texts
    /// otherwise.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub versions: bool,
}

impl Query {
    /// A query for `text` with default paging and no filters.
    pub fn text(text: impl Into<String>) -> Query {
        Query {
            text: text.into(),
            ..Query::default()
        }
    }
}

/// The order of hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best match first; documents no longer in force rank lower. Browsing sorts by date.
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

/// One page of results.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Results {
    /// How many items match in all.
    pub total: usize,
    pub hits: Vec<Hit>,
    /// Counts per facet value for this query. A facet with a filter on it is counted as if that
    /// filter were off, so the other values stay visible and can be added (OR).
    pub facets: BTreeMap<String, Vec<FacetCount>>,
    /// Too few items matched every word (or the query names a title no item has), so items
    /// matching most of the words are included: the page says so.
    #[serde(default)]
    pub partial: bool,
    /// How many items match every word (all of `total` unless `partial`).
    #[serde(default)]
    pub exact: usize,
}

/// One matching item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub id: String,
    pub title: String,
    /// The title as safe HTML with matches in `<mark>`.
    pub title_html: String,
    /// The app route, e.g. `/items/<id>`.
    pub url: String,
    /// Safe HTML: text escaped, matches wrapped in `<mark>`.
    pub snippet: String,
    /// `regulation` or `disclosure`.
    pub kind: String,
    pub category: String,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub status: Option<String>,
    /// 施行日期 and 失效日期 (`YYYY-MM-DD`) of a regulation, for [`Hit::status_on`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    pub in_force: bool,
    pub doc_no: Option<String>,
    /// Department codes.
    pub departments: Vec<String>,
    /// The best matching articles (第N条), best first.
    pub articles: Vec<ArticleHit>,
    /// For a hit in an earlier text of a regulation: that text's 公布日期 (`YYYY-MM-DD`); its
    /// `url` and articles' urls go to that text's page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

impl Hit {
    /// The 时效性 on `day`, from the typed status and the dates (see
    /// [`crate::calendar::status_on`]); none for a disclosure or an unknown label.
    pub fn status_on(&self, day: crate::Date) -> Option<crate::schema::Status> {
        let typed = crate::schema::Status::from_label(self.status.as_deref()?)?;
        let date = |d: &Option<String>| d.as_deref().and_then(|d| d.parse().ok());
        Some(crate::calendar::status_on(
            typed,
            date(&self.effective),
            date(&self.expires),
            // A hit has no links; a repealed item is typed 已废止 (`check` requires it).
            false,
            day,
        ))
    }
}

/// A matching article inside a hit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleHit {
    /// The anchor in the item page, e.g. `art-12`.
    pub anchor: String,
    /// e.g. 第十二条.
    pub label: String,
    /// Deep link, e.g. `/items/<id>#art-12`.
    pub url: String,
    /// Safe HTML, like [`Hit::snippet`].
    pub snippet: String,
}

/// How many matching items carry one facet value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// Why a search could not run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum SearchError {
    /// The index files are missing, incomplete or from another version.
    #[error("the search index cannot be opened: {0}")]
    Open(String),
    /// A filter names a facet that does not exist.
    #[error("unknown filter {0:?}; filters are issuer, category, year, status and in_force")]
    UnknownFilter(String),
    /// The index failed while answering (e.g. a file could not be read).
    #[error("the search failed: {0}")]
    Search(String),
}

impl From<tantivy::TantivyError> for SearchError {
    fn from(e: tantivy::TantivyError) -> SearchError {
        SearchError::Search(e.to_string())
    }
}
