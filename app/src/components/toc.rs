//! An item's table of contents: links to the anchors in its body (章, 节, 条).

use gongkai_core::site::TocEntry;
use leptos::prelude::*;

/// The list of headings and articles; nothing at all for documents without structure.
#[component]
pub fn Toc(entries: Vec<TocEntry>) -> impl IntoView {
    (!entries.is_empty()).then(|| {
        let links = entries
            .into_iter()
            .map(|e| {
                view! {
                    <li class=format!("toc-depth-{}", e.depth)>
                        <a href=format!("#{}", e.anchor)>{e.label}</a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <nav class="toc" aria-labelledby="toc-heading">
                <details open>
                    <summary id="toc-heading">"目录"</summary>
                    <ol>{links}</ol>
                </details>
            </nav>
        }
    })
}
