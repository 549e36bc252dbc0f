//! Warnings: what `check` lets through but an editor should look at: late publication, a
//! 时效性 the calendar has overtaken, and a 索引号 off the site's pattern.

use super::fields::ItemCx;
use crate::load::input::{DisclosureFm, RegulationFm, Text};
use gongkai_core::index_no::Pattern;
use gongkai_core::{Date, Disclosure, Regulation, Status};
use toml::{Spanned, Value};

/// The warnings of a regulation that passed every error check.
pub fn regulation(fm: &RegulationFm, reg: &Regulation, cx: &mut ItemCx<'_>) {
    if let (Some(written), Some(published), Some(at)) = (reg.written, reg.published, &fm.published)
    {
        late(at, written, published, cx);
    }
    if let Some(at) = &fm.status {
        let now = reg.status_on(cx.as_of);
        if now != reg.status {
            let why = status_reason(reg, now);
            let msg = format!(
                "status {} is out of date as of {}: {why}, so it is {now}",
                reg.status, cx.as_of
            );
            cx.warn(at, msg);
        }
    }
}

/// The warnings of a disclosure item that passed every error check.
pub fn disclosure(fm: &DisclosureFm, item: &Disclosure, cx: &mut ItemCx<'_>) {
    if let (Some(written), Some(at)) = (item.written, &fm.published) {
        late(at, written, item.published.date, cx);
    }
    if let (Some(pattern), Some(at)) = (&cx.rules.index_no, &fm.index_no) {
        index_no(pattern, item, at, cx);
    }
}

/// A 索引号 that does not fit the site's pattern, or cannot be checked against it.
fn index_no(pattern: &Pattern, item: &Disclosure, at: &Text, cx: &mut ItemCx<'_>) {
    let department = cx.vocab.vocab.department(&item.department);
    let prefix = department.and_then(|d| d.index_prefix.as_deref());
    let msg = match prefix {
        None if pattern.uses_prefix() => format!(
            "cannot check 索引号 {}: department `{}` has no `index_prefix` in departments.toml",
            item.index_no, item.department
        ),
        prefix if pattern.parse(&item.index_no, prefix.unwrap_or("")).is_none() => format!(
            "索引号 {} does not follow the site's pattern `{pattern}` (site.toml `index_no_pattern`)",
            item.index_no
        ),
        _ => return,
    };
    cx.warn(at, msg);
}

/// 发布日期 more than the site's allowed days after 成文日期.
fn late(at: &Spanned<Value>, written: Date, published: Date, cx: &mut ItemCx<'_>) {
    let days = published.days_since_epoch() - written.days_since_epoch();
    let limit = cx.rules.publish_within_days;
    if days > limit {
        let msg = format!(
            "published {published}, {days} days after it was written ({written}): \
             publish within {limit} days (site.toml `publish_within_days`)"
        );
        cx.warn(at, msg);
    }
}

/// Which date made the status change.
fn status_reason(reg: &Regulation, now: Status) -> String {
    let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    match now {
        Status::Expired => format!("`expires` {} has passed", date(reg.expires)),
        Status::NotYetEffective => format!("`effective` {} is still ahead", date(reg.effective)),
        _ if reg.status == Status::Expired => {
            format!("`expires` {} is still ahead", date(reg.expires))
        }
        _ => format!("`effective` {} has passed", date(reg.effective)),
    }
}
