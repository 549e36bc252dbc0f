//! 检索 (`/search?q=…&f=…&sort=…&page=…`): reads the search from the URL, asks the search
//! worker, and shows the index loading, the hits with facets, or why there are none. The page is
//! pre-rendered as its form and a note for readers without JavaScript; the search itself is one
//! island.

use crate::display::human_size;
use crate::dom::set_title;
use crate::location;
use crate::search::client::{self, Event};
use crate::search::facets::{FacetPanel, FilterChips};
use crate::search::params::SearchParams;
use crate::search::results::HitList;
use gongkai_core::search::syntax::MAX_QUERY_CHARS;
use gongkai_core::search::{Results, Sort};
use gongkai_core::site::{Catalogue, CATALOGUE_ROUTE, SEARCH_ROUTE};
use leptos::html::Input;
use leptos::prelude::*;
use std::sync::Arc;

/// Where the latest query is.
#[derive(Debug, Clone, PartialEq)]
enum Phase {
    /// Nothing asked yet: the pre-rendered page, before the island reads the address.
    Idle,
    /// Asked; with the index's loading progress while it downloads.
    Searching(Option<(u64, u64)>),
    Done,
    Failed(String),
}

/// Results with the search they answer. The page shows these, not the URL's newer search, so
/// a new query changes nothing on screen until its answer comes (see [`SLOW_MS`]).
#[derive(Debug, Clone)]
struct Answer {
    params: SearchParams,
    results: Arc<Results>,
}

/// A query unanswered this long dims the old results and says 正在检索…. Warm queries answer
/// in a few milliseconds: changing the page at once would make the browser render a frame
/// first and hold the worker's answer until it had (measured in Chromium: a warm round trip
/// of 15–25 ms, against the worker's 4–13 ms).
const SLOW_MS: u64 = 150;

/// The state of the page's search, shared by its parts.
#[derive(Clone, Copy)]
struct SearchState {
    /// The search being asked: the URL's, or one typed in the box that the URL gets once it is
    /// answered (see [`SearchRoute`]).
    wanted: RwSignal<SearchParams>,
    phase: RwSignal<Phase>,
    answer: RwSignal<Option<Answer>>,
    /// The newest query has waited longer than [`SLOW_MS`].
    slow: RwSignal<bool>,
    /// Bumped by 重试: the same URL, asked again.
    retry: RwSignal<u32>,
}

impl SearchState {
    fn new(wanted: SearchParams) -> SearchState {
        SearchState {
            wanted: RwSignal::new(wanted),
            phase: RwSignal::new(Phase::Idle),
            answer: RwSignal::new(None),
            slow: RwSignal::new(false),
            retry: RwSignal::new(0),
        }
    }

    /// The page is waiting, and has shown so.
    fn shows_waiting(&self) -> bool {
        let waiting = matches!(self.phase.get(), Phase::Searching(_));
        waiting && (self.slow.get() || self.answer.with(Option::is_none))
    }
}

/// The route: the URL's search, or one typed in the box, sent to the worker whenever it changes.
///
/// A search typed in the box enters the URL (and the history) once it is answered, or once it
/// has waited [`SLOW_MS`]: Chromium renders a frame after `history.pushState` before it hands
/// the page a worker's answer, which made a warm query's round trip 10.8 ms instead of 3.3 ms
/// (median, law corpus). Links (facets, sort, paging) and back and forward change the URL first,
/// and the search follows it.
#[component]
pub fn SearchRoute(catalogue: Arc<Catalogue>) -> impl IntoView {
    let directory = catalogue.directory();
    view! {
        <h1>"检索"</h1>
        <noscript>
            <p class="notice">
                "全文检索需要启用 JavaScript。也可以按 "<a href=CATALOGUE_ROUTE>"信息公开目录"</a>
                " 或发文机关浏览全部文件。"
            </p>
        </noscript>
        <SearchApp directory />
    }
}

/// The search itself: the query box, the answer and the facets, driven by the address.
#[island]
fn SearchApp(directory: Catalogue) -> impl IntoView {
    let catalogue = Arc::new(directory);
    let search = location::query_signal();
    provide_context(search);
    let params = url_params(search);
    let state = SearchState::new(params.get_untracked());
    Effect::new(move |_| {
        let url = params.get();
        if state.wanted.with_untracked(|w| *w != url) {
            state.wanted.set(url);
        }
    });
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        state.retry.track();
        let asked = state.wanted.get();
        let ours = generation.get_value() + 1;
        generation.set_value(ours);
        let current = move || generation.try_get_value() == Some(ours);
        let href = asked.href();
        let into_url = move || {
            if params
                .try_get_untracked()
                .is_some_and(|url| url.href() != href)
            {
                location::navigate(search, &href);
            }
        };
        ask(asked, state, current, into_url);
    });
    let follow = move |ev: leptos::ev::MouseEvent| location::follow_link(search, SEARCH_ROUTE, &ev);
    view! {
        <div class="search-app" on:click=follow>
            <QueryForm state />
            <SearchView catalogue state />
        </div>
    }
}

/// The search in the URL.
fn url_params(search: RwSignal<String>) -> Memo<SearchParams> {
    Memo::new(move |_| {
        search.with(|s| {
            let value = |key| location::value(s, key);
            let f = location::values(s, "f");
            SearchParams::parse(
                value("q").as_deref(),
                &f,
                value("sort").as_deref(),
                value("page").as_deref(),
            )
            .with_versions_param(value("versions").as_deref())
        })
    })
}

/// Sends `asked` to the worker and shows what it answers while `current()` (no newer search
/// was asked); `into_url` puts the search in the URL once it is answered or slow.
fn ask(
    asked: SearchParams,
    state: SearchState,
    current: impl Fn() -> bool + Copy + 'static,
    into_url: impl Fn() + Clone + 'static,
) {
    state.phase.set(Phase::Searching(None));
    state.slow.set(false);
    let late = into_url.clone();
    set_timeout(
        move || {
            if current() {
                state.slow.set(true);
                late();
            }
        },
        std::time::Duration::from_millis(SLOW_MS),
    );
    client::search(asked.query(), move |event| {
        if current() {
            let settled = !matches!(event, Event::Progress { .. });
            hear(event, &asked, state);
            if settled {
                into_url();
            }
        }
    });
}

fn hear(event: Event, asked: &SearchParams, state: SearchState) {
    match event {
        Event::Progress { loaded, total } => {
            state.phase.try_set(Phase::Searching(Some((loaded, total))));
        }
        Event::Results(results) => {
            let params = asked.clone();
            let results = Arc::new(results);
            state.answer.try_set(Some(Answer { params, results }));
            state.phase.try_set(Phase::Done);
        }
        Event::Failed(message) => {
            state.phase.try_set(Phase::Failed(message));
        }
    }
}

/// The query box: a new text keeps the filters and the order and starts at page 1.
#[component]
fn QueryForm(state: SearchState) -> impl IntoView {
    let wanted = state.wanted;
    let input = NodeRef::<Input>::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = input.get().map(|i| i.value()).unwrap_or_default();
        let next = wanted.get_untracked().with_text(&typed);
        if wanted.with_untracked(|w| *w != next) {
            wanted.set(next);
        }
    };
    let params = Memo::new(move |_| wanted.get());
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
fn SearchView(catalogue: Arc<Catalogue>, state: SearchState) -> impl IntoView {
    let params = state.wanted;
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
    let answer = state.answer;
    let hit_catalogue = catalogue.clone();
    let hits = move || {
        let a = answer.get()?;
        Some(
            view! { <HitList results=a.results params=a.params catalogue=hit_catalogue.clone() /> },
        )
    };
    let facet_catalogue = catalogue.clone();
    let facets = move || {
        // Nothing matched: no counts to show; the chips still remove the filters.
        let a = answer.get().filter(|a| a.results.total > 0)?;
        let facets = a.results.facets.clone();
        Some(view! { <FacetPanel facets params=a.params catalogue=facet_catalogue.clone() /> })
    };
    // The chips and the sort links belong to the results shown; before the first answer, to
    // the search asked.
    let shown = move || {
        answer
            .with(|a| a.as_ref().map(|a| a.params.clone()))
            .unwrap_or_else(|| params.get())
    };
    let chips = move || view! { <FilterChips params=shown() catalogue=catalogue.clone() /> };
    let busy = move || matches!(state.phase.get(), Phase::Searching(_));
    let stale = move || state.slow.get() && busy();
    view! {
        <div class="search-layout">
            <section class="search-results" aria-labelledby="results-heading" aria-busy=move || busy().to_string()>
                <h2 id="results-heading" class="visually-hidden">"检索结果"</h2>
                {chips}
                <div class="search-bar">
                    <Summary state />
                    <SortToggle params=Signal::derive(shown) />
                </div>
                <div class="hit-area" class:stale=stale>{hits}</div>
            </section>
            {facets}
        </div>
    }
}

/// The count, the loading progress or the failure, announced politely.
#[component]
fn Summary(state: SearchState) -> impl IntoView {
    move || {
        let waiting = state.shows_waiting();
        match (state.phase.get(), state.answer.get()) {
            (Phase::Idle, _) => view! { <p class="summary" role="status"></p> }.into_any(),
            (Phase::Searching(Some((loaded, total))), _) if loaded < total => view! {
                <div class="summary index-progress" role="status">
                    <label for="index-progress">
                        {format!("正在载入检索索引 {} / {}", human_size(loaded), human_size(total))}
                    </label>
                    <progress id="index-progress" max=total.to_string() value=loaded.to_string()></progress>
                </div>
            }
            .into_any(),
            (Phase::Failed(message), _) => {
                let retry = state.retry;
                view! {
                    <div class="notice notice-error" role="alert">
                        <p>{message}</p>
                        <p><button type="button" class="retry" on:click=move |_| retry.update(|n| *n += 1)>"重试"</button></p>
                    </div>
                }
                .into_any()
            }
            (_, Some(answer)) if !waiting => {
                view! { <p class="summary" role="status">{count_text(&answer)}</p> }.into_any()
            }
            _ => view! { <p class="summary" role="status">"正在检索…"</p> }.into_any(),
        }
    }
}

/// 找到 N 件… for the answer shown.
fn count_text(answer: &Answer) -> String {
    let total = answer.results.total;
    let p = &answer.params;
    if p.is_browse() {
        format!("共 {total} 件文件")
    } else {
        format!("找到 {total} 件与「{}」相关的文件", shorten(p.text.trim()))
    }
}

/// 相关度 / 日期; browsing is always by date, so the toggle shows only with words.
#[component]
fn SortToggle(params: Signal<SearchParams>) -> impl IntoView {
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
