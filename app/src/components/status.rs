//! The coloured 时效性 badge (现行有效, 已废止 …), and the status as of the reader's day.

use gongkai_core::calendar::status_on;
use gongkai_core::schema::{Regulation, Status};
use gongkai_core::site::ItemSummary;
use gongkai_core::Date;
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

/// A regulation's 时效性 as the reader's day makes it: the page is pre-rendered with the
/// build's (typed) status, and the browser corrects it with `calendar::status_on` when a
/// 施行日期 or 失效日期 has passed since, so a site not rebuilt every day stays right.
/// `badge` picks the coloured badge or plain text (the metadata table).
#[island]
pub fn LiveStatus(
    status: Status,
    effective: Option<Date>,
    expires: Option<Date>,
    repealed: bool,
    badge: bool,
) -> impl IntoView {
    let shown = RwSignal::new(status);
    // Effects run only in the browser, after hydration, so the first paint matches the HTML.
    Effect::new(move |_| {
        if let Some(today) = reader_today() {
            shown.set(status_on(status, effective, expires, repealed, today));
        }
    });
    let class = move || match badge {
        true => format!("badge {}", status_class(shown.get())),
        false => "status-text".to_string(),
    };
    view! { <span class=class>{move || shown.get().label()}</span> }
}

/// The live status of a regulation (see [`LiveStatus`]).
pub fn live_status(r: &Regulation, badge: bool) -> impl IntoView {
    view! {
        <LiveStatus
            status=r.status
            effective=r.effective
            expires=r.expires
            repealed=!r.links.repealed_by.is_empty()
            badge
        />
    }
}

/// The live status of a list entry (see [`LiveStatus`]); none for a disclosure.
pub fn live_summary_status(summary: &ItemSummary) -> Option<impl IntoView> {
    let status = summary.status?;
    let (effective, expires) = (summary.effective, summary.expires);
    // A summary has no links; a repealed item is typed 已废止 (`check` requires it).
    Some(view! { <LiveStatus status effective expires repealed=false badge=true /> })
}

/// The reader's calendar day, from the browser's clock and time zone; `None` off the browser.
pub fn reader_today() -> Option<Date> {
    #[cfg(target_arch = "wasm32")]
    {
        let now = js_sys::Date::new_0();
        let (year, month, day) = (now.get_full_year(), now.get_month() + 1, now.get_date());
        Date::new(u16::try_from(year).ok()?, month as u8, day as u8)
    }
    #[cfg(not(target_arch = "wasm32"))]
    None
}
