//! Writing the synthetic corpus in the content format (docs/CONTENT.md): front matter by hand,
//! in the documented field order, and one file per item, streamed as it is generated.

use super::plan::{Class, DisKind, Meta, RegKind};
use super::text::{Sources, Words};
use super::vocab::{Dept, TOPICS};
use anyhow::Context;
use gongkai_core::{Date, Level, RegulationKind};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// Items per shard folder, so no folder holds more than this many files.
pub const SHARD: u32 = 1000;

/// A TOML basic string: quotes, backslashes and control characters escaped.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An item's id: `reg-000001`, `dis-000001`.
pub fn id(m: &Meta) -> String {
    let prefix = if m.is_regulation() { "reg" } else { "dis" };
    format!("{prefix}-{:06}", m.seq)
}

/// The item's file, relative to the content folder: `regulations/000/reg-000001.md`.
pub fn rel_path(m: &Meta) -> String {
    shard_path(m.is_regulation(), m.seq)
}

/// Items 1–1000 of a type go to folder 000, 1001–2000 to 001, and so on.
fn shard_path(is_regulation: bool, seq: u32) -> String {
    let (folder, prefix) = if is_regulation {
        ("regulations", "reg")
    } else {
        ("disclosures", "dis")
    };
    let shard = seq.saturating_sub(1) / SHARD;
    format!("{folder}/{shard:03}/{prefix}-{seq:06}.md")
}

/// Generates and writes every item in index order; returns the bytes written.
pub fn items(dest: &Path, src: &Sources<'_>) -> anyhow::Result<u64> {
    let mut folders = BTreeSet::new();
    let mut bytes = 0;
    for (i, m) in src.metas.iter().enumerate() {
        let words = src.words(i as u32);
        let text = match m.class {
            Class::Regulation(kind) => regulation(m, kind, &words, src),
            Class::Disclosure(kind) => disclosure(m, kind, &words, src),
        };
        let path = dest.join(rel_path(m));
        if let Some(folder) = path.parent().filter(|f| !folders.contains(*f)) {
            fs::create_dir_all(folder).with_context(|| format!("creating {}", folder.display()))?;
            folders.insert(folder.to_path_buf());
        }
        fs::write(&path, &text).with_context(|| format!("writing {}", path.display()))?;
        bytes += text.len() as u64;
    }
    Ok(bytes)
}

fn regulation(m: &Meta, kind: RegKind, words: &Words, src: &Sources<'_>) -> String {
    let depts = src.depts;
    let mut issuers = vec![&depts[usize::from(m.dept)]];
    issuers.extend(m.co_issuer.map(|c| &depts[usize::from(c)]));
    let mut f = header("regulation", m);
    line(&mut f, "title", &quoted(&words.title));
    if let Some(doc) = doc_no(m, depts) {
        line(&mut f, "doc_no", &quoted(&doc));
    }
    line(
        &mut f,
        "issuers",
        &list(issuers.iter().map(|d| d.code.as_str())),
    );
    let (label, level) = kind_and_level(kind, issuers[0]);
    line(&mut f, "kind", &quoted(label.label()));
    line(&mut f, "level", &quoted(level.label()));
    line(&mut f, "written", &m.written.to_string());
    line(&mut f, "published", &m.published.to_string());
    line(&mut f, "effective", &m.effective.to_string());
    if let Some(expires) = m.expires {
        line(&mut f, "expires", &expires.to_string());
    }
    line(&mut f, "status", &quoted(m.status.label()));
    line(&mut f, "topics", &topics(m));
    links(&mut f, m, src.metas);
    finish(f, &words.body)
}

fn disclosure(m: &Meta, kind: DisKind, words: &Words, src: &Sources<'_>) -> String {
    let dept = &src.depts[usize::from(m.dept)];
    let mut f = header("disclosure", m);
    let index_no = format!("{}/{}-{:05}", dept.code, m.published.year, m.index_serial);
    line(&mut f, "index_no", &quoted(&index_no));
    line(&mut f, "title", &quoted(&words.title));
    line(&mut f, "department", &quoted(&dept.code));
    line(&mut f, "catalogue", &list(catalogue(kind).iter().copied()));
    // A publication notice carries the 文号 of the regulation it publishes.
    let doc_no = match m.publishes {
        Some(j) => doc_no(&src.metas[j as usize], src.depts),
        None => doc_no(m, src.depts),
    };
    if let Some(doc) = doc_no {
        line(&mut f, "doc_no", &quoted(&doc));
    }
    line(&mut f, "published", &date_time(m.published, m.minute));
    let mode = if kind == DisKind::Reply {
        "依申请公开"
    } else {
        "主动公开"
    };
    line(&mut f, "mode", &quoted(mode));
    line(&mut f, "summary", &quoted(&words.summary));
    line(&mut f, "topics", &topics(m));
    finish(f, &words.body)
}

fn header(item_type: &str, m: &Meta) -> String {
    let mut f = String::with_capacity(1024);
    f.push_str("+++\n");
    line(&mut f, "type", &quoted(item_type));
    line(&mut f, "id", &quoted(&id(m)));
    f
}

fn line(f: &mut String, key: &str, value: &str) {
    let _ = writeln!(f, "{key} = {value}");
}

fn finish(mut f: String, body: &str) -> String {
    f.push_str("+++\n");
    f.push_str(body);
    f
}

fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = items.map(quoted).collect();
    format!("[{}]", quoted.join(", "))
}

fn topics(m: &Meta) -> String {
    list(m.topics.iter().flatten().map(|&t| TOPICS[usize::from(t)].0))
}

/// `[links]`, each relation written only when present.
fn links(f: &mut String, m: &Meta, metas: &[Meta]) {
    let l = m.links;
    let relations = [
        ("amends", l.amends),
        ("amended_by", l.amended_by),
        ("repeals", l.repeals),
        ("repealed_by", l.repealed_by),
        ("related", l.related),
    ];
    if relations.iter().all(|(_, target)| target.is_none()) {
        return;
    }
    f.push_str("\n[links]\n");
    for (name, target) in relations {
        if let Some(t) = target {
            line(
                f,
                name,
                &list([id(&metas[t as usize])].iter().map(String::as_str)),
            );
        }
    }
}

fn doc_no(m: &Meta, depts: &[Dept]) -> Option<String> {
    let doc = m.doc_no?;
    let prefix = &depts[usize::from(m.dept)].doc_prefix;
    Some(format!(
        "{prefix}{}〔{}〕{}号",
        doc.doc_type, doc.year, doc.number
    ))
}

/// 规章 are the government's; a normative document of the government or its office is a
/// local one, of any other department a departmental one.
fn kind_and_level(kind: RegKind, first: &Dept) -> (RegulationKind, Level) {
    match kind {
        RegKind::Rule => (RegulationKind::Rule, Level::LocalGovernmentRule),
        RegKind::Normative if first.kind <= 1 => (
            RegulationKind::NormativeDocument,
            Level::LocalNormativeDocument,
        ),
        RegKind::Normative => (
            RegulationKind::NormativeDocument,
            Level::DepartmentalNormativeDocument,
        ),
        RegKind::Policy => (RegulationKind::PolicyDocument, Level::LocalWorkDocument),
    }
}

fn catalogue(kind: DisKind) -> &'static [&'static str] {
    match kind {
        DisKind::Publication => &["法定主动公开内容", "政策文件"],
        DisKind::Notice => &["法定主动公开内容", "通知公告"],
        DisKind::News => &["法定主动公开内容", "工作动态"],
        DisKind::Plan => &["法定主动公开内容", "规划计划"],
        DisKind::Budget => &["法定主动公开内容", "财政资金", "部门预决算"],
        DisKind::Enforcement => &["法定主动公开内容", "行政执法"],
        DisKind::Reply => &["依申请公开", "政府信息公开申请答复"],
    }
}

/// A TOML offset date-time in China Standard Time.
fn date_time(d: Date, minute: u16) -> String {
    format!("{d}T{:02}:{:02}:00+08:00", minute / 60, minute % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_hold_a_thousand_files() {
        assert_eq!(shard_path(true, 1), "regulations/000/reg-000001.md");
        assert_eq!(shard_path(true, 1000), "regulations/000/reg-001000.md");
        assert_eq!(shard_path(false, 1001), "disclosures/001/dis-001001.md");
    }

    #[test]
    fn toml_strings_are_escaped() {
        assert_eq!(quoted("a\"b\\c\n\u{1}"), r#""a\"b\\c\n\u0001""#);
        let parsed: toml::Table = toml::from_str(&format!("k = {}", quoted("“引号”\"\\"))).unwrap();
        assert_eq!(parsed["k"].as_str(), Some("“引号”\"\\"));
    }
}
