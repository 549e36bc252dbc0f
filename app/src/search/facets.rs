//! The search page's filters: facet lists with counts (departments by name), the 只看现行有效
//! toggle, and the chips of active filters. Every choice is a link or a navigation to another
//! search URL, so the state stays in the address bar.

use crate::search::params::SearchParams;
use gongkai_core::search::FacetCount;
use gongkai_core::site::Catalogue;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Values listed before the rest fold away under 更多.
const SHOWN: usize = 8;
/// The facet lists in order, with their headings (in_force is the toggle instead).
const LISTS: [(&str, &str); 4] = [
    ("issuer", "发布机关"),
    ("category", "类别"),
    ("year", "年份"),
    ("status", "时效性"),
];

/// How a filter value reads on screen: departments by name, in_force in words.
pub fn value_label(catalogue: &Catalogue, facet: &str, value: &str, short: bool) -> String {
    match facet {
        "issuer" => catalogue
            .departments
            .iter()
            .find(|d| d.code == value)
            .map(|d| {
                if short {
                    d.short.clone()
                } else {
                    d.name.clone()
                }
            })
            .unwrap_or_else(|| value.to_string()),
        "in_force" if value == "true" => "现行有效".into(),
        "in_force" if value == "false" => "已失效".into(),
        _ => value.to_string(),
    }
}

fn facet_heading(facet: &str) -> &'static str {
    LISTS
        .iter()
        .find(|(f, _)| *f == facet)
        .map_or("有效性", |(_, h)| h)
}

/// The side panel: the in-force toggle and one list per facet.
#[component]
pub fn FacetPanel(
    facets: BTreeMap<String, Vec<FacetCount>>,
    params: SearchParams,
    catalogue: Arc<Catalogue>,
) -> impl IntoView {
    let in_force = count_of(&facets, "in_force", "true");
    let lists = LISTS
        .into_iter()
        .filter_map(|(facet, heading)| {
            let mut counts = facets.get(facet).cloned().unwrap_or_default();
            if counts.is_empty() {
                return None;
            }
            if facet == "year" {
                counts.sort_by(|a, b| b.value.cmp(&a.value));
            }
            let list = facet_list(facet, counts, &params, &catalogue);
            Some(view! {
                <section class="facet">
                    <h3>{heading}</h3>
                    {list}
                </section>
            })
        })
        .collect_view();
    let note = facets
        .contains_key("status")
        .then(|| status_note(&catalogue));
    view! {
        <aside class="facets" aria-labelledby="facets-heading">
            <h2 id="facets-heading">"筛选"</h2>
            <InForceToggle params=params.clone() count=in_force />
            <VersionsToggle params=params.clone() />
            {note}
            {lists}
        </aside>
    }
}

/// Which day the status filters reflect: they count the status as entered, while each result
/// shows its status on the reader's day, which can differ once a 施行日期 or 失效日期 has passed.
fn status_note(catalogue: &Catalogue) -> impl IntoView {
    let day = catalogue
        .site
        .data_as_of
        .map_or_else(|| "数据更新时".to_string(), |d| format!("{d} 数据更新时"));
    view! {
        <p class="facet-note">
            {format!("时效性筛选按{day}录入的状态；每条结果的标记按今天的日期计算。")}
        </p>
    }
}

fn count_of(facets: &BTreeMap<String, Vec<FacetCount>>, facet: &str, value: &str) -> u64 {
    facets
        .get(facet)
        .and_then(|c| c.iter().find(|c| c.value == value))
        .map_or(0, |c| c.count)
}

/// The first values, and the rest inside a closed 更多.
fn facet_list(
    facet: &'static str,
    counts: Vec<FacetCount>,
    params: &SearchParams,
    catalogue: &Catalogue,
) -> impl IntoView {
    let link = |c: &FacetCount| {
        let on = params.has(facet, &c.value);
        let href = params.toggled(facet, &c.value).href();
        let label = value_label(catalogue, facet, &c.value, false);
        view! {
            <li>
                <a href=href class="facet-value" class:selected=on aria-current=on.then_some("true")>
                    <span class="check" aria-hidden="true">{if on { "☑" } else { "☐" }}</span>
                    <span class="facet-name">{label}</span>
                    <span class="count">{c.count}</span>
                </a>
            </li>
        }
    };
    let (first, rest) = counts.split_at(counts.len().min(SHOWN));
    let first = first.iter().map(link).collect_view();
    let more = (!rest.is_empty()).then(|| {
        let rest_len = rest.len();
        let rest = rest.iter().map(link).collect_view();
        view! {
            <details class="facet-more">
                <summary>{format!("更多（{rest_len}）")}</summary>
                <ul class="facet-values">{rest}</ul>
            </details>
        }
    });
    view! {
        <ul class="facet-values">{first}</ul>
        {more}
    }
}

/// 只看现行有效: a checkbox that navigates with the `in_force:true` filter on or off.
#[component]
fn InForceToggle(params: SearchParams, count: u64) -> impl IntoView {
    // The search island provides its address signal; the checkbox moves it like a link.
    let search = use_context::<RwSignal<String>>();
    let checked = params.has("in_force", "true");
    let on_change = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        if let Some(search) = search {
            crate::location::navigate(search, &params.with_filter("in_force", "true", on).href());
        }
    };
    view! {
        <label class="in-force-toggle">
            <input type="checkbox" prop:checked=checked on:change=on_change />
            " 只看现行有效 "
            <span class="count">{count}</span>
        </label>
    }
}

/// Whether regulations' earlier texts are searched too; the hits then say which text they are.
#[component]
fn VersionsToggle(params: SearchParams) -> impl IntoView {
    let search = use_context::<RwSignal<String>>();
    let checked = params.versions;
    let on_change = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        if let Some(search) = search {
            crate::location::navigate(search, &params.with_versions(on).href());
        }
    };
    view! {
        <label class="versions-toggle">
            <input type="checkbox" prop:checked=checked on:change=on_change />
            " 包括法规的历史文本"
        </label>
    }
}

/// The active filters as chips that remove themselves, plus 清除全部.
#[component]
pub fn FilterChips(params: SearchParams, catalogue: Arc<Catalogue>) -> impl IntoView {
    if params.filters.is_empty() {
        return None;
    }
    let chips = params
        .filters
        .iter()
        .map(|(facet, value)| {
            let text = format!(
                "{}：{}",
                facet_heading(facet),
                value_label(&catalogue, facet, value, true)
            );
            let href = params.toggled(facet, value).href();
            let label = format!("取消筛选 {text}");
            view! {
                <li>
                    <a class="chip" href=href aria-label=label>
                        {text}<span class="chip-x" aria-hidden="true">"×"</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    let clear = (params.filters.len() > 1).then(
        || view! { <li><a class="chip-clear" href=params.cleared().href()>"清除全部"</a></li> },
    );
    Some(view! {
        <ul class="chips" aria-label="已选筛选条件">{chips}{clear}</ul>
    })
}
