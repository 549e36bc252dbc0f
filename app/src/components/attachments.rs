//! The files published with an item, with their sizes and SHA-256 digests (to check a download).

use crate::display::human_size;
use gongkai_core::schema::Attachment;
use leptos::prelude::*;

/// A list of download links; nothing for items without attachments.
#[component]
pub fn Attachments(files: Vec<Attachment>) -> impl IntoView {
    (!files.is_empty()).then(|| {
        let rows = files
            .into_iter()
            .map(|a| {
                view! {
                    <li>
                        <a href=format!("/{}", a.file) download>{a.title}</a>
                        " "
                        <span class="size">"（"{human_size(a.size)}"）"</span>
                        <br />
                        <span class="sha">"SHA-256："<code>{a.sha256}</code></span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="attachments" aria-labelledby="attachments-heading">
                <h2 id="attachments-heading">"附件"</h2>
                <ul>{rows}</ul>
            </section>
        }
    })
}
