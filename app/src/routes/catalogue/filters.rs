//! The catalogue's filter and sort menus: each choice navigates to the matching URL at page 1,
//! so the address always describes what is shown.

use crate::listing::query::{ListQuery, Sort, PAGE_SIZES};
use crate::listing::{category_counts, years};
use gongkai_core::schema::Status;
use gongkai_core::site::{Catalogue, CATALOGUE_ROUTE};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::sync::Arc;

/// A value/label pair of a menu; the empty value means "any".
type Choice = (String, String);

/// Department, category, year, status, order and page size.
#[component]
pub fn FilterBar(catalogue: Arc<Catalogue>, query: Memo<ListQuery>) -> impl IntoView {
    let navigate = use_navigate();
    let go = Callback::new(move |q: ListQuery| {
        let url = format!("{CATALOGUE_ROUTE}{}", q.to_query_string());
        navigate(
            &url,
            NavigateOptions {
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    });
    // Each menu changes one field of the current query and returns to page 1.
    let pick = move |change: fn(&mut ListQuery, String)| {
        Callback::new(move |value: String| {
            let mut q = query.get_untracked();
            change(&mut q, value);
            q.page = 1;
            go.run(q);
        })
    };
    let current = move |read: fn(&ListQuery) -> String| Signal::derive(move || read(&query.get()));
    view! {
        <form class="filters" aria-label="筛选和排序" on:submit=|ev| ev.prevent_default()>
            <Menu id="f-dept" label="发文机关" choices=department_choices(&catalogue)
                current=current(|q| q.filters.department.clone().unwrap_or_default())
                on_pick=pick(|q, v| q.filters.department = some(v)) />
            <Menu id="f-cat" label="类别" choices=category_choices(&catalogue)
                current=current(|q| q.filters.category.clone().unwrap_or_default())
                on_pick=pick(|q, v| q.filters.category = some(v)) />
            <Menu id="f-year" label="年份" choices=year_choices(&catalogue)
                current=current(|q| q.filters.year.map(|y| y.to_string()).unwrap_or_default())
                on_pick=pick(|q, v| q.filters.year = v.parse().ok()) />
            <Menu id="f-status" label="时效性" choices=status_choices()
                current=current(|q| q.filters.status.map(|s| s.label().to_string()).unwrap_or_default())
                on_pick=pick(|q, v| q.filters.status = Status::from_label(&v)) />
            <Menu id="f-sort" label="排序" choices=sort_choices()
                current=current(|q| q.sort.key().to_string())
                on_pick=pick(|q, v| q.sort = Sort::ALL.into_iter().find(|s| s.key() == v).unwrap_or_default()) />
            <Menu id="f-per" label="每页" choices=per_page_choices()
                current=current(|q| q.per_page.to_string())
                on_pick=pick(|q, v| q.per_page = v.parse().unwrap_or(q.per_page)) />
            <a class="reset" href=CATALOGUE_ROUTE>"清除筛选"</a>
        </form>
    }
}

fn some(value: String) -> Option<String> {
    (!value.is_empty()).then_some(value)
}

/// A labelled `<select>` whose selection follows the URL (also on back/forward).
#[component]
fn Menu(
    id: &'static str,
    label: &'static str,
    choices: Vec<Choice>,
    current: Signal<String>,
    on_pick: Callback<String>,
) -> impl IntoView {
    let options = choices
        .into_iter()
        .map(|(value, text)| {
            let mine = value.clone();
            view! { <option value=value prop:selected=move || current.get() == mine>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="menu">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| on_pick.run(event_target_value(&ev))>{options}</select>
        </div>
    }
}

fn any() -> Choice {
    (String::new(), "全部".to_string())
}

fn department_choices(c: &Catalogue) -> Vec<Choice> {
    let used = c
        .departments
        .iter()
        .filter(|d| c.items.iter().any(|i| i.departments.contains(&d.code)));
    std::iter::once(any())
        .chain(used.map(|d| (d.code.clone(), d.short.clone())))
        .collect()
}

fn category_choices(c: &Catalogue) -> Vec<Choice> {
    let counts = category_counts(&c.items, |_| true);
    std::iter::once(any())
        .chain(counts.into_keys().map(|k| (k.clone(), k)))
        .collect()
}

fn year_choices(c: &Catalogue) -> Vec<Choice> {
    std::iter::once(any())
        .chain(
            years(&c.items)
                .into_iter()
                .map(|y| (y.to_string(), format!("{y} 年"))),
        )
        .collect()
}

fn status_choices() -> Vec<Choice> {
    std::iter::once(any())
        .chain(
            Status::ALL
                .iter()
                .map(|s| (s.label().to_string(), s.label().to_string())),
        )
        .collect()
}

fn sort_choices() -> Vec<Choice> {
    Sort::ALL
        .into_iter()
        .map(|s| (s.key().to_string(), s.label().to_string()))
        .collect()
}

fn per_page_choices() -> Vec<Choice> {
    PAGE_SIZES
        .into_iter()
        .map(|n| (n.to_string(), format!("{n} 件")))
        .collect()
}
