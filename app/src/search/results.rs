//! The list of hits (highlighted title and snippet, metadata, matching articles with deep
//! links to 第N条) and its page links. Titles and snippets come from the engine as safe HTML
//! (text escaped, matches in `<mark>`), so they are set as inner HTML.

use crate::components::pager::page_links;
use crate::components::status::{reader_today, StatusBadge};
use crate::lookup::department_shorts;
use crate::search::params::{SearchParams, MAX_PAGE, PER_PAGE};
use gongkai_core::schema::Status;
use gongkai_core::search::{ArticleHit, Hit, Results};
use gongkai_core::site::{Catalogue, CATALOGUE_ROUTE};
use leptos::prelude::*;
use std::sync::Arc;

/// The hits of one page, or why there are none.
#[component]
pub fn HitList(
    results: Arc<Results>,
    params: SearchParams,
    catalogue: Arc<Catalogue>,
) -> impl IntoView {
    if results.total == 0 {
        return view! { <NoResults params /> }.into_any();
    }
    if results.hits.is_empty() {
        let first = params.at_page(1).href();
        return view! {
            <p class="empty">"这一页没有结果。"<a href=first>"回到第 1 页"</a></p>
        }
        .into_any();
    }
    let start = (params.page - 1) * PER_PAGE + 1;
    let hits = results
        .hits
        .iter()
        .map(|hit| view! { <HitEntry hit=hit.clone() catalogue=catalogue.clone() /> })
        .collect_view();
    let pages = pages(results.total);
    let partial = results
        .partial
        .then(|| view! { <PartialNotice exact=results.exact /> });
    view! {
        {partial}
        <ol class="entries hits" start=start>{hits}</ol>
        <SearchPager params pages />
    }
    .into_any()
}

/// Said when items that match only most of the words are listed (the engine's fallback).
#[component]
fn PartialNotice(exact: usize) -> impl IntoView {
    let text = if exact == 0 {
        "没有完全匹配的结果，以下为部分匹配（包含了查询中的大部分字词）。".to_string()
    } else {
        format!("完全匹配的结果只有 {exact} 条，以下也列出部分匹配的结果。")
    };
    view! { <p class="notice partial-results" role="status">{text}</p> }
}

fn pages(total: usize) -> usize {
    total.div_ceil(PER_PAGE).clamp(1, MAX_PAGE)
}

#[component]
fn NoResults(params: SearchParams) -> impl IntoView {
    let unfilter = (!params.filters.is_empty()).then(|| {
        view! { <li><a href=params.cleared().href()>"去掉筛选条件再找"</a></li> }
    });
    view! {
        <div class="empty no-results">
            <p>"没有找到符合条件的文件。"</p>
            <ul>
                {unfilter}
                <li>"检查错别字，或换用更短、更常用的词；"</li>
                <li>"文号可以只输入一部分，例如 “潭政办函 2022 25”；"</li>
                <li><a href=CATALOGUE_ROUTE>"按信息公开目录浏览"</a></li>
            </ul>
        </div>
    }
}

#[component]
fn HitEntry(hit: Hit, catalogue: Arc<Catalogue>) -> impl IntoView {
    let departments = department_shorts(&catalogue, &hit.departments);
    // Results are drawn in the browser: the status is the reader's day's, from the dates.
    let status = match reader_today() {
        Some(today) => hit.status_on(today),
        None => hit.status.as_deref().and_then(Status::from_label),
    };
    // When the item's text outside its articles has no match, the engine repeats the best
    // article's snippet; the article list below shows it already.
    let snippet = Some(hit.snippet)
        .filter(|s| !s.is_empty() && hit.articles.first().is_none_or(|a| a.snippet != *s));
    let articles = (!hit.articles.is_empty()).then(|| {
        let items = hit.articles.into_iter().map(article).collect_view();
        view! { <ul class="article-hits">{items}</ul> }
    });
    view! {
        <li class="entry hit">
            <p class="entry-title">
                <a href=hit.url inner_html=hit.title_html></a>
                {hit.version.map(|d| view! { " " <span class="badge badge-amended version-label">{format!("{d} 文本（历史版本）")}</span> })}
                {status.map(|s| view! { " " <StatusBadge status=s /> })}
            </p>
            <p class="entry-meta">
                {hit.doc_no.map(|n| view! { <span class="doc-no">{n}</span> })}
                <span class="departments">{departments}</span>
                {hit.date.map(|d| view! { <span class="date">{d}</span> })}
                <span class="category">{hit.category}</span>
            </p>
            {snippet.map(|s| view! { <p class="snippet" inner_html=s></p> })}
            {articles}
        </li>
    }
}

fn article(a: ArticleHit) -> impl IntoView {
    let snippet = without_label(&a.snippet, &a.label);
    view! {
        <li>
            <a class="article-link" href=a.url>{a.label}</a>
            <span class="snippet" inner_html=snippet></span>
        </li>
    }
}

/// An article's snippet without the 第N条 it starts with, which its link already shows. Only
/// plain leading text is cut, so the HTML stays whole.
fn without_label(snippet: &str, label: &str) -> String {
    match snippet.strip_prefix(label) {
        Some(rest) if !label.is_empty() => rest.trim_start().to_string(),
        _ => snippet.to_string(),
    }
}

/// The pager (see `components::pager`): links to the same search at another page.
#[component]
fn SearchPager(params: SearchParams, pages: usize) -> impl IntoView {
    let page = params.page.min(pages);
    page_links(page, pages, move |p| params.at_page(p).href())
}

#[cfg(test)]
mod tests {
    use super::{pages, without_label};

    #[test]
    fn article_snippets_lose_their_label() {
        assert_eq!(
            without_label("第五条 各级<mark>政务</mark>", "第五条"),
            "各级<mark>政务</mark>"
        );
        assert_eq!(without_label("…二条 在", "第二条"), "…二条 在");
        assert_eq!(
            without_label("<mark>第五条</mark>", "第五条"),
            "<mark>第五条</mark>"
        );
        assert_eq!(without_label("x", ""), "x");
    }

    #[test]
    fn page_counts() {
        assert_eq!(pages(0), 1);
        assert_eq!(pages(10), 1);
        assert_eq!(pages(11), 2);
        assert_eq!(pages(usize::MAX), super::MAX_PAGE);
    }
}
