//! The catalogue's filter form: department, category, year and 时效性 as a plain GET form to the
//! search page, which browses the index with those filters, newest first. It works without
//! JavaScript and loads nothing that grows with the catalogue.

use crate::listing::{category_counts, department_tree, years};
use gongkai_core::schema::Status;
use gongkai_core::site::{Catalogue, SEARCH_ROUTE};
use leptos::prelude::*;
use std::sync::Arc;

/// A value/label pair of a menu; the empty value means "any".
type Choice = (String, String);

/// The four menus and a submit button.
#[component]
pub fn FilterBar(catalogue: Arc<Catalogue>) -> impl IntoView {
    view! {
        <form class="filters" aria-label="筛选" action=SEARCH_ROUTE method="get">
            <Menu id="f-dept" label="发文机关" choices=department_choices(&catalogue) />
            <Menu id="f-cat" label="类别" choices=category_choices(&catalogue) />
            <Menu id="f-year" label="年份" choices=year_choices(&catalogue) />
            <Menu id="f-status" label="时效性" choices=status_choices() />
            <button type="submit">"筛选"</button>
        </form>
    }
}

/// A labelled `<select name="f">`; its values are the search page's filters (`issuer:…`).
#[component]
fn Menu(id: &'static str, label: &'static str, choices: Vec<Choice>) -> impl IntoView {
    let options = choices
        .into_iter()
        .map(|(value, text)| view! { <option value=value>{text}</option> })
        .collect_view();
    view! {
        <div class="menu">
            <label for=id>{label}</label>
            <select id=id name="f">{options}</select>
        </div>
    }
}

fn any() -> Choice {
    (String::new(), "全部".to_string())
}

fn department_choices(c: &Catalogue) -> Vec<Choice> {
    let used = department_tree(c)
        .into_iter()
        .map(|b| (format!("issuer:{}", b.code), b.name));
    std::iter::once(any()).chain(used).collect()
}

fn category_choices(c: &Catalogue) -> Vec<Choice> {
    let counts = category_counts(&c.items, |_| true);
    std::iter::once(any())
        .chain(counts.into_keys().map(|k| (format!("category:{k}"), k)))
        .collect()
}

fn year_choices(c: &Catalogue) -> Vec<Choice> {
    let years = years(&c.items)
        .into_iter()
        .map(|y| (format!("year:{y}"), format!("{y} 年")));
    std::iter::once(any()).chain(years).collect()
}

fn status_choices() -> Vec<Choice> {
    let statuses = Status::ALL
        .iter()
        .map(|s| (format!("status:{}", s.label()), s.label().to_string()));
    std::iter::once(any()).chain(statuses).collect()
}
