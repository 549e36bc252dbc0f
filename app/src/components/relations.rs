//! Links between regulations (修改, 废止, 相关) and between a regulation and the disclosure items
//! that publish it, titled from the linked items' summaries and
//! linking to their pages.

use crate::components::status::live_summary_status;
use gongkai_core::schema::Links;
use gongkai_core::site::{item_route, ItemSummary};
use leptos::prelude::*;

/// The groups in reading order, with the sentence that introduces each: every list of
/// [`Links`], so the pre-renderer also takes from here which items a page links to.
pub(crate) fn groups(links: &Links) -> [(&'static str, &[String]); 7] {
    [
        ("本文件的政府信息公开", &links.published_by),
        ("本信息公开的文件", &links.publishes),
        ("本文件已被以下文件修改", &links.amended_by),
        ("本文件已被以下文件废止", &links.repealed_by),
        ("本文件修改了", &links.amends),
        ("本文件废止了", &links.repeals),
        ("相关文件", &links.related),
    ]
}

/// A definition list of the non-empty groups; nothing when the item has no links.
#[component]
pub fn Relations(links: Links, linked: Vec<ItemSummary>) -> impl IntoView {
    let rows = groups(&links)
        .into_iter()
        .filter(|(_, ids)| !ids.is_empty())
        .map(|(label, ids)| {
            let entries = ids
                .iter()
                .map(|id| view! { <li><LinkedItem id=id.clone() summary=linked.iter().find(|s| &s.id == id).cloned() /></li> })
                .collect_view();
            view! {
                <dt>{label}</dt>
                <dd><ul>{entries}</ul></dd>
            }
        })
        .collect::<Vec<_>>();
    (!rows.is_empty()).then(|| {
        view! {
            <section class="relations" aria-labelledby="relations-heading">
                <h2 id="relations-heading">"关联文件"</h2>
                <dl>{rows}</dl>
            </section>
        }
    })
}

/// One linked item: its title (or id, if there is no such item) and its status on the
/// reader's day.
#[component]
fn LinkedItem(id: String, summary: Option<ItemSummary>) -> impl IntoView {
    let title = summary
        .as_ref()
        .map_or_else(|| id.clone(), |s| s.title.clone());
    let status = summary.as_ref().and_then(live_summary_status);
    view! {
        <a href=item_route(&id)>{title}</a>
        {status.map(|s| view! { " " {s} })}
    }
}
