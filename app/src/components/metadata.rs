//! The metadata table at the top of an item (索引号, 发文机关, 文号, dates, 主题分类, 时效性 …), as label/value rows.

use crate::components::status::live_status;
use crate::display::date_time;
use crate::lookup::{department_names, topic_names};
use gongkai_core::schema::{Disclosure, Item, Regulation};
use gongkai_core::site::Catalogue;
use leptos::prelude::*;

/// One row: a fixed Chinese label and its value.
type Row = (&'static str, String);

/// The 时效性 row, which the table shows as of the reader's day (`status::LiveStatus`).
const STATUS: &str = "时效性";

/// A two-column table of the item's facts; rows without a value are left out.
#[component]
pub fn MetaTable(item: Item, catalogue: std::sync::Arc<Catalogue>) -> impl IntoView {
    let rows = rows(&item, &catalogue)
        .into_iter()
        .map(|(label, value)| {
            let value = match (&item, label) {
                (Item::Regulation(r), STATUS) => live_status(r, false).into_any(),
                _ => value.into_any(),
            };
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td>{value}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="meta">
            <caption class="visually-hidden">"文件信息"</caption>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// The rows for any item.
pub fn rows(item: &Item, catalogue: &Catalogue) -> Vec<Row> {
    match item {
        Item::Regulation(r) => regulation_rows(r, catalogue),
        Item::Disclosure(d) => disclosure_rows(d, catalogue),
    }
}

fn regulation_rows(r: &Regulation, c: &Catalogue) -> Vec<Row> {
    let rows = [
        ("发文机关", Some(department_names(c, &r.issuers))),
        ("文号", r.doc_no.clone()),
        ("成文日期", r.written.map(|d| d.to_string())),
        ("发布日期", r.published.map(|d| d.to_string())),
        ("施行日期", r.effective.map(|d| d.to_string())),
        ("失效日期", r.expires.map(|d| d.to_string())),
        ("主题分类", Some(topic_names(c, &r.topics))),
        ("类别", Some(r.kind.label().to_string())),
        ("效力等级", r.level.map(|l| l.label().to_string())),
        (STATUS, Some(r.status.label().to_string())),
    ];
    keep_filled(rows)
}

fn disclosure_rows(d: &Disclosure, c: &Catalogue) -> Vec<Row> {
    let rows = [
        ("索引号", Some(d.index_no.clone())),
        (
            "发文机关",
            Some(department_names(c, std::slice::from_ref(&d.department))),
        ),
        ("文号", d.doc_no.clone()),
        ("发布日期", Some(date_time(&d.published))),
        ("主题分类", Some(topic_names(c, &d.topics))),
        ("目录", Some(d.catalogue.join(" › "))),
        ("公开方式", Some(d.mode.label().to_string())),
        ("摘要", Some(d.summary.clone())),
    ];
    keep_filled(rows)
}

fn keep_filled<const N: usize>(rows: [(&'static str, Option<String>); N]) -> Vec<Row> {
    rows.into_iter()
        .filter_map(|(label, value)| value.filter(|v| !v.trim().is_empty()).map(|v| (label, v)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_core::schema::{Links, RegulationKind, Status};
    use gongkai_core::site::SiteInfo;

    #[test]
    fn empty_values_are_left_out() {
        let reg = Regulation {
            id: "a".into(),
            title: "t".into(),
            doc_no: None,
            issuers: vec!["szf".into()],
            kind: RegulationKind::Rule,
            level: None,
            written: None,
            published: Some("2022-01-02".parse().unwrap()),
            effective: None,
            expires: None,
            status: Status::Current,
            topics: vec![],
            links: Links::default(),
            attachments: vec![],
            versions: vec![],
        };
        let cat = Catalogue {
            format: 1,
            site: SiteInfo {
                name: "n".into(),
                data_as_of: None,
                base_url: None,
            },
            departments: vec![],
            topics: vec![],
            items: vec![],
        };
        let labels: Vec<_> = rows(&Item::Regulation(reg), &cat)
            .into_iter()
            .map(|r| r.0)
            .collect();
        assert_eq!(labels, ["发文机关", "发布日期", "类别", "时效性"]);
    }
}
