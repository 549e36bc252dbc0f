//! Checking one regulation on its own: fields, date order, and status against dates and links.

use super::attach;
use super::fields::ItemCx;
use crate::load::input::{LinksFm, RegulationFm, Text};
use gongkai_core::{Date, Level, Links, Regulation, RegulationKind, Status};

/// Converts a regulation's front matter, reporting every problem it has on its own.
pub fn convert(fm: &RegulationFm, cx: &mut ItemCx<'_>) -> Option<Regulation> {
    let id = cx.id(&fm.id);
    let title = cx.text(&fm.title, "title");
    let doc_no = cx.doc_no(&fm.doc_no);
    let issuers = issuers(fm, cx);
    let kind = cx
        .required(&fm.kind, "kind")
        .and_then(|k| cx.label(k, "kind", RegulationKind::from_label, RegulationKind::ALL));
    // A bad level is reported; the item is dropped then, so `None` stands in for it.
    let level = fm
        .level
        .as_ref()
        .and_then(|l| cx.label(l, "level", Level::from_label, Level::ALL));
    let status = cx
        .required(&fm.status, "status")
        .and_then(|s| cx.label(s, "status", Status::from_label, Status::ALL));
    let dates = dates(fm, cx);
    let topics = cx.topics(&fm.topics);
    let attachments = attach::all(&fm.attachments, cx);
    if let (Some(status), Some(dates)) = (status, &dates) {
        status_agrees(fm, status, dates, cx);
    }
    let [written, published, effective, expires] = dates?;
    Some(Regulation {
        id: id?,
        title: title?,
        doc_no,
        issuers: issuers?,
        kind: kind?,
        level,
        written,
        published,
        effective,
        expires,
        status: status?,
        topics,
        links: links(&fm.links),
        attachments: attachments?,
        versions: Vec::new(),
    })
}

fn issuers(fm: &RegulationFm, cx: &mut ItemCx<'_>) -> Option<Vec<String>> {
    let list = cx.required(&fm.issuers, "issuers")?;
    if list.get_ref().is_empty() {
        cx.err(list, "`issuers` must list at least one department");
        return None;
    }
    Some(
        list.get_ref()
            .iter()
            .map(|code| cx.department(code))
            .collect(),
    )
}

/// The date fields, in the order their dates must be in.
const DATE_ORDER: [&str; 4] = ["written", "published", "effective", "expires"];

/// The four dates, each valid and none earlier than the one written before it.
fn dates(fm: &RegulationFm, cx: &mut ItemCx<'_>) -> Option<[Option<Date>; 4]> {
    let fields = [&fm.written, &fm.published, &fm.effective, &fm.expires];
    let parsed: Vec<Option<Date>> = DATE_ORDER
        .iter()
        .zip(fields)
        .map(|(name, field)| cx.date(field, name))
        .collect();
    let mut ok = fields
        .iter()
        .zip(&parsed)
        .all(|(f, p)| f.is_none() || p.is_some());
    let mut previous: Option<(&str, Date)> = None;
    for ((name, field), date) in DATE_ORDER.iter().zip(fields).zip(parsed.iter().copied()) {
        let (Some(date), Some(field)) = (date, field) else {
            continue;
        };
        if let Some((before, earlier)) = previous.filter(|(_, p)| date < *p) {
            cx.err(
                field,
                format!("`{name}` {date} is before `{before}` {earlier}"),
            );
            ok = false;
        }
        previous = Some((name, date));
    }
    ok.then_some(parsed)?.try_into().ok()
}

/// 时效性 must fit the dates and the links that say the document changed.
fn status_agrees(
    fm: &RegulationFm,
    status: Status,
    dates: &[Option<Date>; 4],
    cx: &mut ItemCx<'_>,
) {
    let Some(at) = &fm.status else { return };
    let needs = |field: &str| format!("status {status} needs an `{field}` date");
    if status == Status::NotYetEffective && dates[2].is_none() {
        cx.err(at, needs("effective"));
    }
    if status == Status::Expired && dates[3].is_none() {
        cx.err(at, needs("expires"));
    }
    if !fm.links.repealed_by.is_empty() && status != Status::Repealed {
        cx.err(
            at,
            format!("status is {status}, but links.repealed_by is not empty: expected 已废止"),
        );
    }
    let changed = [Status::Amended, Status::Repealed, Status::Expired];
    if !fm.links.amended_by.is_empty() && !changed.contains(&status) {
        let msg = format!("status is {status}, but links.amended_by is not empty: expected 已修改, 已废止 or 已失效");
        cx.err(at, msg);
    }
}

fn links(fm: &LinksFm) -> Links {
    let ids = |list: &[Text]| list.iter().map(|t| t.get_ref().clone()).collect();
    Links {
        amends: ids(&fm.amends),
        amended_by: ids(&fm.amended_by),
        repeals: ids(&fm.repeals),
        repealed_by: ids(&fm.repealed_by),
        related: ids(&fm.related),
        published_by: ids(&fm.published_by),
        publishes: Vec::new(),
    }
}
