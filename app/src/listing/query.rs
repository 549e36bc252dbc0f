//! The catalogue's state as it lives in the URL (`?dept=…&cat=…&year=…&status=…&sort=…&page=…&per=…`),
//! so a filtered, sorted page can be shared and back/forward restore it.

use crate::urls::query_string;
use gongkai_core::schema::Status;

/// Page sizes a reader can choose; the first entry after 10 is the default.
pub const PAGE_SIZES: [usize; 3] = [10, 20, 50];
/// Items per page unless the URL says otherwise.
pub const DEFAULT_PER_PAGE: usize = 20;

/// The order of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Newest first (the default).
    #[default]
    DateDesc,
    /// Oldest first.
    DateAsc,
    /// By title, in code-point order.
    Title,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::DateDesc, Sort::DateAsc, Sort::Title];

    /// The value used in the URL.
    pub fn key(self) -> &'static str {
        match self {
            Sort::DateDesc => "date-desc",
            Sort::DateAsc => "date-asc",
            Sort::Title => "title",
        }
    }

    /// The label readers see.
    pub fn label(self) -> &'static str {
        match self {
            Sort::DateDesc => "日期（新→旧）",
            Sort::DateAsc => "日期（旧→新）",
            Sort::Title => "标题",
        }
    }

    fn from_key(key: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// Which items to show: every filter is optional.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filters {
    /// Department code.
    pub department: Option<String>,
    /// Category as shown in lists (regulation kind or last catalogue segment).
    pub category: Option<String>,
    pub year: Option<u16>,
    pub status: Option<Status>,
}

/// Filters, order and page together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    pub filters: Filters,
    pub sort: Sort,
    /// 1-based; may exceed the last page, which the paginator clamps.
    pub page: usize,
    pub per_page: usize,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            filters: Filters::default(),
            sort: Sort::default(),
            page: 1,
            per_page: DEFAULT_PER_PAGE,
        }
    }
}

impl ListQuery {
    /// Reads the state from URL parameters; unknown or malformed values fall back to defaults.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> ListQuery {
        let text = |key: &str| {
            get(key)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let per_page = text("per")
            .and_then(|v| v.parse().ok())
            .filter(|n| PAGE_SIZES.contains(n))
            .unwrap_or(DEFAULT_PER_PAGE);
        ListQuery {
            filters: Filters {
                department: text("dept"),
                category: text("cat"),
                year: text("year").and_then(|v| v.parse().ok()),
                status: text("status").and_then(|v| Status::from_label(&v)),
            },
            sort: text("sort")
                .and_then(|v| Sort::from_key(&v))
                .unwrap_or_default(),
            page: text("page")
                .and_then(|v| v.parse().ok())
                .filter(|&p| p >= 1)
                .unwrap_or(1),
            per_page,
        }
    }

    /// `?…` with only the values that differ from the defaults (empty for the plain list).
    pub fn to_query_string(&self) -> String {
        let f = &self.filters;
        let pairs = [
            ("dept", f.department.clone()),
            ("cat", f.category.clone()),
            ("year", f.year.map(|y| y.to_string())),
            ("status", f.status.map(|s| s.label().to_string())),
            (
                "sort",
                (self.sort != Sort::default()).then(|| self.sort.key().to_string()),
            ),
            ("page", (self.page > 1).then(|| self.page.to_string())),
            (
                "per",
                (self.per_page != DEFAULT_PER_PAGE).then(|| self.per_page.to_string()),
            ),
        ];
        query_string(pairs.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))))
    }

    /// The same query on another page.
    pub fn at_page(&self, page: usize) -> ListQuery {
        ListQuery {
            page,
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(pairs: &[(&str, &str)]) -> ListQuery {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ListQuery::from_params(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_make_an_empty_query_string() {
        assert_eq!(parse(&[]), ListQuery::default());
        assert_eq!(ListQuery::default().to_query_string(), "");
    }

    #[test]
    fn round_trips_every_field() {
        let q = parse(&[
            ("dept", "xtszf"),
            ("cat", "规章"),
            ("year", "2021"),
            ("status", "现行有效"),
            ("sort", "title"),
            ("page", "3"),
            ("per", "10"),
        ]);
        assert_eq!(q.filters.status, Some(Status::Current));
        assert_eq!(q.sort, Sort::Title);
        let s = q.to_query_string();
        assert!(
            s.starts_with("?dept=xtszf&cat=%E8%A7%84%E7%AB%A0&year=2021&status="),
            "{s}"
        );
        assert!(s.ends_with("&sort=title&page=3&per=10"), "{s}");
    }

    #[test]
    fn malformed_values_fall_back() {
        let q = parse(&[
            ("page", "0"),
            ("per", "7"),
            ("sort", "x"),
            ("status", "有效"),
            ("year", "abc"),
        ]);
        assert_eq!(q, ListQuery::default());
    }
}
