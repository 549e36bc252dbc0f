//! Checking one disclosure item (政府信息公开) on its own.

use super::attach;
use super::fields::ItemCx;
use crate::load::input::DisclosureFm;
use gongkai_core::{Disclosure, DisclosureMode};

/// Converts a disclosure's front matter, reporting every problem it has on its own.
pub fn convert(fm: &DisclosureFm, cx: &mut ItemCx<'_>) -> Option<Disclosure> {
    let id = cx.id(&fm.id);
    let index_no = cx.text(&fm.index_no, "index_no");
    let title = cx.text(&fm.title, "title");
    let department = cx
        .required(&fm.department, "department")
        .map(|d| cx.department(d));
    let catalogue = catalogue(fm, cx);
    let doc_no = cx.doc_no(&fm.doc_no);
    let written = cx.date(&fm.written, "written");
    let published = cx
        .required(&fm.published, "published")
        .and_then(|p| cx.date_time(p, "published"));
    if let (Some(w), Some(p), Some(at)) = (written, &published, &fm.written) {
        if w > p.date {
            cx.err(at, format!("`written` {w} is after `published` {}", p.date));
        }
    }
    let mode = cx
        .required(&fm.mode, "mode")
        .and_then(|m| cx.label(m, "mode", DisclosureMode::from_label, DisclosureMode::ALL));
    let summary = cx.text(&fm.summary, "summary");
    let topics = cx.topics(&fm.topics);
    let attachments = attach::all(&fm.attachments, cx);
    Some(Disclosure {
        id: id?,
        index_no: index_no?,
        title: title?,
        department: department?,
        catalogue: catalogue?,
        doc_no,
        written,
        published: published?,
        mode: mode?,
        summary: summary?,
        topics,
        attachments: attachments?,
        publishes: fm.publishes.as_ref().map(|p| p.get_ref().clone()),
    })
}

/// The catalogue path: at least one segment, none blank.
fn catalogue(fm: &DisclosureFm, cx: &mut ItemCx<'_>) -> Option<Vec<String>> {
    let list = cx.required(&fm.catalogue, "catalogue")?;
    if list.get_ref().is_empty() {
        cx.err(list, "`catalogue` must have at least one segment");
        return None;
    }
    let segments: Vec<Option<String>> = list
        .get_ref()
        .iter()
        .map(|segment| cx.non_blank(segment, "a `catalogue` segment"))
        .collect();
    segments.into_iter().collect()
}
