//! The coloured 时效性 badge (现行有效, 已废止 …).

use gongkai_core::schema::Status;
use leptos::prelude::*;

/// A badge whose class encodes the status, so repealed documents stand out.
#[component]
pub fn StatusBadge(status: Status) -> impl IntoView {
    view! { <span class=format!("badge {}", status_class(status))>{status.label()}</span> }
}

fn status_class(status: Status) -> &'static str {
    match status {
        Status::Current => "badge-current",
        Status::Amended => "badge-amended",
        Status::Repealed => "badge-repealed",
        Status::NotYetEffective => "badge-pending",
        Status::Expired => "badge-expired",
    }
}
