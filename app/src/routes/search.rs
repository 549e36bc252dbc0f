//! 检索 (`/search?q=…&f=…&sort=…&page=…`): reads the search from the URL, asks the search
//! worker, and shows the index loading, the hits with facets, or why there are none.

use crate::components::states::with_catalogue;
use crate::display::human_size;
use crate::dom::set_title;
use crate::search::client::{self, Event};
use crate::search::facets::{FacetPanel, FilterChips};
use crate::search::params::SearchParams;
use crate::search::results::HitList;
use gongkai_core::search::syntax::MAX_QUERY_CHARS;
use gongkai_core::search::{Results, Sort};
use gongkai_core::site::Catalogue;
use leptos::html::Input;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use std::sync::Arc;

/// Where the latest query is.
#[derive(Debug, Clone, PartialEq)]
enum Phase {
    /// Asked; with the index's loading progress while it downloads.
    Searching(Option<(u64, u64)>),
    Done,
    Failed(String),
}

/// The route: the URL's search, sent to the worker whenever it changes.
#[component]
pub fn SearchRoute() -> impl IntoView {
    let query_map = use_query_map();
    let params = Memo::new(move |_| {
        let m = query_map.read();
        let f = m.get_all("f").unwrap_or_default();
        SearchParams::parse(m.get_str("q"), &f, m.get_str("sort"), m.get_str("page"))
    });
    let phase = RwSignal::new(Phase::Searching(None));
    let results = RwSignal::new(None::<Arc<Results>>);
    let generation = StoredValue::new(0u64);
    // Bumped by 重试: the same URL, asked again.
    let retry = RwSignal::new(0u32);
    Effect::new(move |_| {
        retry.track();
        let query = params.get().query();
        let ours = generation.get_value() + 1;
        generation.set_value(ours);
        phase.set(Phase::Searching(None));
        client::search(query, move |event| {
            if generation.try_get_value() == Some(ours) {
                hear(event, phase, results);
            }
        });
    });
    view! {
        <h1>"检索"</h1>
        <QueryForm params />
        {with_catalogue(move |c| view! { <SearchView catalogue=c params phase results retry /> })}
    }
}

fn hear(event: Event, phase: RwSignal<Phase>, results: RwSignal<Option<Arc<Results>>>) {
    match event {
        Event::Progress { loaded, total } => {
            phase.try_set(Phase::Searching(Some((loaded, total))));
        }
        Event::Results(r) => {
            results.try_set(Some(Arc::new(r)));
            phase.try_set(Phase::Done);
        }
        Event::Failed(message) => {
            phase.try_set(Phase::Failed(message));
        }
    }
}

/// The query box: a new text keeps the filters and the order and starts at page 1.
#[component]
fn QueryForm(params: Memo<SearchParams>) -> impl IntoView {
    let navigate = use_navigate();
    let input = NodeRef::<Input>::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = input.get().map(|i| i.value()).unwrap_or_default();
        let next = params.get_untracked().with_text(&typed);
        navigate(&next.href(), NavigateOptions::default());
    };
    view! {
        <form class="search-box search-page-box" role="search" action="/search" method="get" on:submit=submit>
            <label class="visually-hidden" for="search-query">"检索词"</label>
            <input
                id="search-query"
                node_ref=input
                name="q"
                type="search"
                autocomplete="off"
                enterkeyhint="search"
                placeholder="标题、文号或关键词；可用 \"引号\" 查短语，-词 排除"
                prop:value=move || params.get().text
            />
            <button type="submit">"搜索"</button>
        </form>
        <Notices params />
    }
}

/// What the URL asked that cannot be honoured as written.
#[component]
fn Notices(params: Memo<SearchParams>) -> impl IntoView {
    move || {
        let p = params.get();
        let mut notes = Vec::new();
        if p.is_truncated() {
            notes.push(format!("检索词过长，只按前 {MAX_QUERY_CHARS} 个字检索。"));
        }
        if !p.ignored.is_empty() {
            notes.push(format!("已忽略无法识别的条件：{}。", p.ignored.join("、")));
        }
        (!notes.is_empty()).then(|| {
            let items = notes
                .into_iter()
                .map(|n| view! { <p>{n}</p> })
                .collect_view();
            view! { <div class="notice search-notice">{items}</div> }
        })
    }
}

#[component]
fn SearchView(
    catalogue: Arc<Catalogue>,
    params: Memo<SearchParams>,
    phase: RwSignal<Phase>,
    results: RwSignal<Option<Arc<Results>>>,
    retry: RwSignal<u32>,
) -> impl IntoView {
    let site = catalogue.site.name.clone();
    Effect::new(move |_| {
        let p = params.get();
        let title = if p.is_browse() {
            format!("检索 - {site}")
        } else {
            format!("检索：{} - {site}", shorten(p.text.trim()))
        };
        set_title(&title);
    });
    let hit_catalogue = catalogue.clone();
    let hits = move || {
        let r = results.get()?;
        Some(view! { <HitList results=r params=params.get() catalogue=hit_catalogue.clone() /> })
    };
    let facet_catalogue = catalogue.clone();
    let facets = move || {
        // Nothing matched: no counts to show; the chips still remove the filters.
        let r = results.get().filter(|r| r.total > 0)?;
        let facets = r.facets.clone();
        Some(view! { <FacetPanel facets params=params.get() catalogue=facet_catalogue.clone() /> })
    };
    let chips = move || view! { <FilterChips params=params.get() catalogue=catalogue.clone() /> };
    let busy = move || matches!(phase.get(), Phase::Searching(_));
    view! {
        <div class="search-layout">
            <section class="search-results" aria-labelledby="results-heading" aria-busy=move || busy().to_string()>
                <h2 id="results-heading" class="visually-hidden">"检索结果"</h2>
                {chips}
                <div class="search-bar">
                    <Summary params phase results retry />
                    <SortToggle params />
                </div>
                <div class="hit-area" class:stale=busy>{hits}</div>
            </section>
            {facets}
        </div>
    }
}

/// The count, the loading progress or the failure, announced politely.
#[component]
fn Summary(
    params: Memo<SearchParams>,
    phase: RwSignal<Phase>,
    results: RwSignal<Option<Arc<Results>>>,
    retry: RwSignal<u32>,
) -> impl IntoView {
    move || {
        match phase.get() {
        Phase::Searching(Some((loaded, total))) if loaded < total => view! {
            <div class="summary index-progress" role="status">
                <label for="index-progress">
                    {format!("正在载入检索索引 {} / {}", human_size(loaded), human_size(total))}
                </label>
                <progress id="index-progress" max=total.to_string() value=loaded.to_string()></progress>
            </div>
        }
        .into_any(),
        Phase::Searching(_) => view! { <p class="summary" role="status">"正在检索…"</p> }.into_any(),
        Phase::Failed(message) => view! {
            <div class="notice notice-error" role="alert">
                <p>{message}</p>
                <p><button type="button" class="retry" on:click=move |_| retry.update(|n| *n += 1)>"重试"</button></p>
            </div>
        }
        .into_any(),
        Phase::Done => {
            let total = results.get().map_or(0, |r| r.total);
            let p = params.get();
            let text = if p.is_browse() {
                format!("共 {total} 件文件")
            } else {
                format!("找到 {total} 件与「{}」相关的文件", shorten(p.text.trim()))
            };
            view! { <p class="summary" role="status">{text}</p> }.into_any()
        }
    }
    }
}

/// 相关度 / 日期; browsing is always by date, so the toggle shows only with words.
#[component]
fn SortToggle(params: Memo<SearchParams>) -> impl IntoView {
    move || {
        let p = params.get();
        (!p.is_browse()).then(|| {
            let option = |sort: Sort, label: &'static str| {
                let current = (p.sort == sort).then_some("true");
                view! { <a href=p.sorted(sort).href() aria-current=current>{label}</a> }
            };
            view! {
                <p class="sort-toggle">
                    <span class="sort-label">"排序："</span>
                    {option(Sort::Relevance, "相关度")}
                    {option(Sort::Date, "日期")}
                </p>
            }
        })
    }
}

/// Long queries are cut short where they are quoted back.
fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(30).collect();
    if text.chars().count() > 30 {
        out.push('…');
    }
    out
}
