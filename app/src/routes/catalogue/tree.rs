//! The catalogue tree beside the list: department → categories, with counts, each a filtered link.

use crate::listing::query::ListQuery;
use crate::listing::{department_tree, Branch};
use crate::urls::catalogue_href;
use gongkai_core::site::Catalogue;
use leptos::prelude::*;
use std::sync::Arc;

/// One nested list per department; the branch being shown is marked.
#[component]
pub fn CategoryTree(catalogue: Arc<Catalogue>, query: Memo<ListQuery>) -> impl IntoView {
    let branches = department_tree(&catalogue)
        .into_iter()
        .map(|branch| view! { <TreeBranch branch query /> })
        .collect_view();
    view! {
        <nav class="tree" aria-labelledby="tree-heading">
            <h2 id="tree-heading">"按机关和类别浏览"</h2>
            <ul>{branches}</ul>
        </nav>
    }
}

#[component]
fn TreeBranch(branch: Branch, query: Memo<ListQuery>) -> impl IntoView {
    let code = branch.code.clone();
    let is_current = move |category: Option<String>| {
        let code = code.clone();
        move || {
            let f = query.get().filters;
            let here = f.department.as_deref() == Some(code.as_str()) && f.category == category;
            here.then_some("true")
        }
    };
    let categories = branch
        .categories
        .into_iter()
        .map(|(category, n)| {
            let href = catalogue_href(Some(&branch.code), Some(&category));
            let current = is_current(Some(category.clone()));
            view! {
                <li><a href=href aria-current=current>{category}</a>" "<span class="count">{n}</span></li>
            }
        })
        .collect_view();
    view! {
        <li>
            <a class="branch" href=catalogue_href(Some(&branch.code), None) aria-current=is_current(None)>
                {branch.name}
            </a>
            " "
            <span class="count">{branch.total}</span>
            <ul>{categories}</ul>
        </li>
    }
}
