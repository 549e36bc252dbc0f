//! A regulation's history on its pages: the list of its texts (date, kind, amending document,
//! links to each text and each comparison), the note on an earlier text's page, and the
//! "as it stood on" date picker.

use gongkai_core::schema::{Amending, Version};
use gongkai_core::site::{diff_route, item_route, route_of_version};
use gongkai_core::versions::standing_on;
use gongkai_core::Date;
use leptos::prelude::*;

/// `2012-10-26 修正`: how a version is named on pages.
pub fn version_name(v: &Version) -> String {
    format!("{} {}", v.published, v.kind.label())
}

/// The table of every text, the one this page shows marked.
#[component]
pub fn VersionList(id: String, versions: Vec<Version>, shown: usize) -> impl IntoView {
    let rows = versions
        .iter()
        .enumerate()
        .map(|(i, v)| version_row(&id, &versions, i, v, i == shown))
        .collect_view();
    view! {
        <section class="versions" aria-labelledby="versions-heading">
            <h2 id="versions-heading">"历次版本"</h2>
            <table class="versions-table">
                <thead>
                    <tr>
                        <th scope="col">"公布日期"</th>
                        <th scope="col">"方式"</th>
                        <th scope="col">"施行日期"</th>
                        <th scope="col">"修改依据"</th>
                        <th scope="col">"比较"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <AsOf id=id.clone() versions=versions.clone() />
        </section>
    }
}

fn version_row(id: &str, versions: &[Version], i: usize, v: &Version, here: bool) -> impl IntoView {
    let route = route_of_version(id, versions, i);
    let current = i + 1 == versions.len();
    let name = if current {
        format!("{}（现行）", v.published)
    } else {
        v.published.to_string()
    };
    let date = if here {
        view! { <strong aria-current="page">{name}"（本页）"</strong> }.into_any()
    } else {
        view! { <a href=route>{name}</a> }.into_any()
    };
    let compare = (i > 0).then(|| {
        let href = diff_route(id, versions[i - 1].published, v.published);
        view! { <a href=href>"与上一版本比较"</a> }
    });
    view! {
        <tr class:here=here>
            <td>{date}</td>
            <td>{v.kind.label()}</td>
            <td>{v.effective.map(|d| d.to_string()).unwrap_or_else(|| "—".into())}</td>
            <td>{v.amending.as_ref().map(amending_view)}</td>
            <td>{compare}</td>
        </tr>
    }
}

/// The amending document: its title, linked to its item or page where there is one, and 文号.
pub fn amending_view(a: &Amending) -> impl IntoView {
    let href = a.item.as_deref().map(item_route).or_else(|| a.url.clone());
    let title = a.title.clone();
    let title = match href {
        Some(href) => view! { <a href=href>{title}</a> }.into_any(),
        None => view! { <span>{title}</span> }.into_any(),
    };
    let doc_no = a
        .doc_no
        .clone()
        .filter(|d| *d != a.title)
        .map(|d| view! { <span class="doc-no">"（"{d}"）"</span> });
    view! { {title}{doc_no} }
}

/// On an earlier text's page: which text this is, when it stood, and the way to the current one.
#[component]
pub fn VersionNote(id: String, versions: Vec<Version>, shown: usize) -> impl IntoView {
    let v = versions[shown].clone();
    let last = versions.len() - 1;
    let until = versions.get(shown + 1).map(|next| next.starts());
    let span = match until {
        Some(end) => format!("{} 起施行，{} 起由新的文本取代", v.starts(), end),
        None => format!("{} 起施行", v.starts()),
    };
    let to_current = diff_route(&id, v.published, versions[last].published);
    view! {
        <aside class="version-note" role="note">
            <p>
                <strong>{format!("本页是 {} 的文本，不是现行文本。", version_name(&v))}</strong>
                {span}"。"
            </p>
            <p>
                <a href=item_route(&id)>"查看现行文本"</a>
                " · "
                <a href=to_current>"与现行文本比较"</a>
            </p>
        </aside>
    }
}

/// "As it stood on": a date goes to the text that stood that day. Needs the app (wasm); the
/// table above gives every text's dates to a reader without it.
#[island]
pub fn AsOf(id: String, versions: Vec<Version>) -> impl IntoView {
    let day = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let go = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match as_of_route(&id, &versions, &day.get_untracked()) {
            Ok(route) => navigate(&route),
            Err(why) => message.set(why),
        }
    };
    view! {
        <form class="as-of" on:submit=go>
            <label>
                "查看某日施行的文本："
                <input type="date" name="on" required
                    on:input=move |ev| day.set(event_target_value(&ev)) />
            </label>
            <button type="submit">"查看"</button>
            <span class="as-of-message" role="status">{move || message.get()}</span>
        </form>
    }
}

/// The page of the text that stood on `day` (`YYYY-MM-DD`), or why there is none.
pub fn as_of_route(id: &str, versions: &[Version], day: &str) -> Result<String, String> {
    let day: Date = day.parse().map_err(|_| "请选择一个日期。".to_string())?;
    match standing_on(versions, day) {
        Some(i) => Ok(route_of_version(id, versions, i)),
        None => Err(format!("{day} 本文件尚未施行。")),
    }
}

fn navigate(route: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_href(route);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_core::schema::VersionKind;

    fn v(published: &str, effective: Option<&str>) -> Version {
        Version {
            published: published.parse().unwrap(),
            effective: effective.map(|e| e.parse().unwrap()),
            kind: VersionKind::Revised,
            amending: None,
        }
    }

    #[test]
    fn a_day_goes_to_the_text_that_stood_then() {
        let vs = [
            v("2010-04-29", Some("2010-10-01")),
            v("2024-02-27", Some("2024-05-01")),
        ];
        assert_eq!(
            as_of_route("x", &vs, "2015-01-01"),
            Ok("/items/x/v/2010-04-29/".into())
        );
        assert_eq!(as_of_route("x", &vs, "2024-05-01"), Ok("/items/x/".into()));
        assert!(as_of_route("x", &vs, "2000-01-01")
            .unwrap_err()
            .contains("尚未施行"));
        assert!(as_of_route("x", &vs, "").is_err());
    }
}
