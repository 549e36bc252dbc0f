//! The catalogue tree beside the list: department → categories, with counts; a department links
//! to its page, a category to its items newest first.

use crate::listing::{department_tree, Branch};
use crate::urls::browse_href;
use gongkai_core::site::{department_route, Catalogue};
use leptos::prelude::*;
use std::sync::Arc;

/// One nested list per department.
#[component]
pub fn CategoryTree(catalogue: Arc<Catalogue>) -> impl IntoView {
    let branches = department_tree(&catalogue)
        .into_iter()
        .map(|branch| view! { <TreeBranch branch /> })
        .collect_view();
    view! {
        <nav class="tree" aria-labelledby="tree-heading">
            <h2 id="tree-heading">"按机关和类别浏览"</h2>
            <ul>{branches}</ul>
        </nav>
    }
}

#[component]
fn TreeBranch(branch: Branch) -> impl IntoView {
    let categories = branch
        .categories
        .into_iter()
        .map(|(category, n)| {
            let href = browse_href(Some(&branch.code), Some(&category));
            view! {
                <li><a href=href>{category}</a>" "<span class="count">{n}</span></li>
            }
        })
        .collect_view();
    view! {
        <li>
            <a class="branch" href=department_route(&branch.code)>{branch.name}</a>
            " "
            <span class="count">{branch.total}</span>
            <ul>{categories}</ul>
        </li>
    }
}
