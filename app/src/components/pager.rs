//! Pagination links (上一页, page numbers, 下一页): the one pager, between the pre-rendered pages of
//! a list (plain links to real files, `/catalogue/page/2`, so every page has a shareable URL and
//! works without JavaScript) and between the search page's pages (its query string's `page`).

use gongkai_core::site::list_page_route;
use leptos::prelude::*;

/// Page links of the list whose first page is `first`; nothing when everything fits on one page.
#[component]
pub fn Pager(first: String, page: usize, pages: usize) -> impl IntoView {
    page_links(page, pages, move |p| list_page_route(&first, p))
}

/// The one pager's markup: 上一页, the numbers of [`page_window`], 下一页 and 第 N / M 页, each
/// link to page `p` made by `href(p)`; nothing when `pages` is one.
pub fn page_links(page: usize, pages: usize, href: impl Fn(usize) -> String) -> impl IntoView {
    (pages > 1).then(|| {
        let numbers = page_window(page, pages)
            .into_iter()
            .map(|slot| match slot {
                None => view! { <li class="gap" aria-hidden="true">"…"</li> }.into_any(),
                Some(p) if p == page => view! {
                    <li><span class="current" aria-current="page">{p}</span></li>
                }
                .into_any(),
                Some(p) => view! {
                    <li><a href=href(p) aria-label=format!("第 {p} 页")>{p}</a></li>
                }
                .into_any(),
            })
            .collect_view();
        let prev =
            (page > 1).then(|| view! { <li><a href=href(page - 1) rel="prev">"上一页"</a></li> });
        let next = (page < pages)
            .then(|| view! { <li><a href=href(page + 1) rel="next">"下一页"</a></li> });
        view! {
            <nav class="pager" aria-label="分页">
                <ul>{prev}{numbers}{next}</ul>
                <p class="pager-status">{format!("第 {page} / {pages} 页")}</p>
            </nav>
        }
    })
}

/// Page numbers to show: first, last, and two either side of the current one; `None` marks a gap
/// (a gap of a single page shows that page instead). The one rule of every pager, lists and
/// search alike.
pub fn page_window(page: usize, pages: usize) -> Vec<Option<usize>> {
    let base = |p: usize| p == 1 || p == pages || p.abs_diff(page) <= 2;
    let mut out = Vec::new();
    for p in 1..=pages {
        if base(p) || (base(p - 1) && base(p + 1)) {
            out.push(Some(p));
        } else if out.last() != Some(&None) {
            out.push(None);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::page_window;

    #[test]
    fn windows() {
        assert_eq!(page_window(1, 2), [Some(1), Some(2)]);
        assert_eq!(
            page_window(6, 12),
            [
                Some(1),
                None,
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                Some(8),
                None,
                Some(12)
            ]
        );
        assert_eq!(page_window(1, 5), (1..=5).map(Some).collect::<Vec<_>>());
        assert_eq!(
            page_window(1, 7),
            [Some(1), Some(2), Some(3), None, Some(7)]
        );
    }

    #[test]
    fn windows_at_the_edges_and_of_search_pages() {
        assert_eq!(page_window(1, 1), [Some(1)]);
        assert_eq!(page_window(2, 3), [Some(1), Some(2), Some(3)]);
        assert_eq!(
            page_window(1, 9),
            [Some(1), Some(2), Some(3), None, Some(9)]
        );
        assert_eq!(page_window(5, 9), (1..=9).map(Some).collect::<Vec<_>>());
        assert_eq!(
            page_window(9, 9),
            [Some(1), None, Some(7), Some(8), Some(9)]
        );
        assert_eq!(
            page_window(1000, 1000),
            [Some(1), None, Some(998), Some(999), Some(1000)],
            "the search's last page (`MAX_PAGE`) keeps the first in reach"
        );
    }
}
