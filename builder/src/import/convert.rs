//! One source file → one regulation: the folder's rules plus what the file's own text states.

use super::folder::{self, IssuerRule, TopicDef};
use super::{issuer, provenance, source};
use gongkai_core::{Amending, Date, Level, RegulationKind, Status, VersionKind};
use sha2::{Digest, Sha256};

/// A converted law, before the checks across files (ids, 文号, versions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Law {
    /// Path relative to the corpus root, with `/` separators.
    pub rel: String,
    pub id: String,
    pub title: String,
    pub doc_no: Option<String>,
    /// 发文机关 names, in a fixed order.
    pub issuers: Vec<String>,
    pub kind: RegulationKind,
    pub level: Option<Level>,
    pub written: Option<Date>,
    pub published: Option<Date>,
    pub effective: Option<Date>,
    pub status: Status,
    pub topic: TopicDef,
    pub body: String,
    /// Dates stated in the source but left out because they contradict a more certain one.
    pub dropped_dates: Vec<&'static str>,
    /// How this file's text came about and the document that made it, where its provenance
    /// has an event on its version date.
    pub event: Option<(VersionKind, Option<Amending>)>,
    /// What its provenance lines state: a newer text's lines also tell how older texts came
    /// about (`resolve` reads them for an older file whose own lines stop before its date).
    pub provenance: provenance::Provenance,
    /// Older files of the same law, oldest first, written as its versions (see `resolve`).
    pub earlier: Vec<Law>,
}

/// Converts one file; `Err` carries the reason the file cannot be imported.
pub fn convert(rel: &str, bytes: Vec<u8>) -> Result<Law, String> {
    let parts: Vec<&str> = rel.split('/').collect();
    let (name, folders) = parts.split_last().ok_or("empty path")?;
    if !name.ends_with(".md") {
        return Err("not a Markdown (.md) file".into());
    }
    let class = folder::classify(folders)?;
    let text = source::decode(bytes)?;
    let src = source::split(&text)?;
    let prov = provenance::parse(&src.provenance);
    let issuers = issuers(&class.issuer, src.title, &prov.segments);
    let dates = ordered_dates(prov.written, version_date(name), prov.effective);
    let event = provenance::version_event(&prov, version_date(name));
    Ok(Law {
        rel: rel.to_string(),
        id: law_id(rel),
        title: src.title.to_string(),
        doc_no: prov.doc_no.clone(),
        issuers,
        kind: class.kind,
        level: class.level,
        written: dates.written,
        published: dates.published,
        effective: dates.effective,
        status: Status::Current,
        topic: class.topic,
        body: ensure_final_newline(src.body),
        dropped_dates: dates.dropped,
        event,
        provenance: prov,
        earlier: Vec::new(),
    })
}

fn issuers(rule: &IssuerRule, title: &str, segments: &[provenance::Segment]) -> Vec<String> {
    match rule {
        IssuerRule::Fixed(name) => vec![name.clone()],
        IssuerRule::National => vec![issuer::national(segments).to_string()],
        IssuerRule::Judicial => issuer::judicial(title, segments),
        IssuerRule::Local { province } => vec![issuer::local(segments, province)],
    }
}

/// A stable URL-safe id from the source path, so re-imports keep every URL.
pub fn law_id(rel: &str) -> String {
    let digest = hex::encode(Sha256::digest(rel.as_bytes()));
    format!("law-{}", &digest[..16])
}

/// The version date in a file name: `护士条例(2020-03-27).md` → 2020-03-27.
pub fn version_date(name: &str) -> Option<Date> {
    let stem = name.strip_suffix(".md")?.strip_suffix(')')?;
    let (_, date) = stem.rsplit_once('(')?;
    date.parse().ok()
}

/// The dates of one law, in the order check requires: 成文 ≤ 公布 ≤ 施行.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Dates {
    written: Option<Date>,
    published: Option<Date>,
    effective: Option<Date>,
    dropped: Vec<&'static str>,
}

/// The file name's version date is the most certain; a provenance date that contradicts it
/// (it belongs to an earlier version) is left out and named, never written out of order.
fn ordered_dates(written: Option<Date>, published: Option<Date>, effective: Option<Date>) -> Dates {
    let mut d = Dates {
        written,
        published,
        effective,
        dropped: Vec::new(),
    };
    if matches!((d.written, d.published), (Some(w), Some(p)) if w > p) {
        d.written = None;
        d.dropped.push("written");
    }
    let later = |x: Option<Date>, e: Date| x.is_some_and(|x| x > e);
    if d.effective
        .is_some_and(|e| later(d.published, e) || later(d.written, e))
    {
        d.effective = None;
        d.dropped.push("effective");
    }
    d
}

fn ensure_final_newline(body: &str) -> String {
    let body = body.trim_end();
    if body.is_empty() {
        String::new()
    } else {
        format!("{body}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<Date> {
        s.parse().ok()
    }

    #[test]
    fn version_dates_from_file_names() {
        assert_eq!(version_date("护士条例(2020-03-27).md"), d("2020-03-27"));
        assert_eq!(version_date("刑法修正案（七）.md"), None);
        assert_eq!(version_date("x(2020-02-30).md"), None);
    }

    #[test]
    fn contradicting_dates_are_left_out() {
        let r = ordered_dates(d("2020-01-01"), d("2019-01-01"), d("2018-01-01"));
        let dropped = vec!["written", "effective"];
        let expected = Dates {
            written: None,
            published: d("2019-01-01"),
            effective: None,
            dropped,
        };
        assert_eq!(r, expected);
        let r = ordered_dates(d("2019-01-01"), None, d("2019-03-01"));
        let expected = Dates {
            written: d("2019-01-01"),
            published: None,
            effective: d("2019-03-01"),
            dropped: vec![],
        };
        assert_eq!(r, expected);
    }

    #[test]
    fn ids_are_stable_and_url_safe() {
        let id = law_id("行政法规/护士条例(2020-03-27).md");
        assert_eq!(id, law_id("行政法规/护士条例(2020-03-27).md"));
        assert!(gongkai_core::is_valid_id(&id) && id.len() == 20);
    }
}
