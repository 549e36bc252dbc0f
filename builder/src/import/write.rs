//! Writing converted laws as a gongkai content folder (docs/CONTENT.md), byte-identically per input.

use super::convert::Law;
use super::folder::{topic_rank, TopicDef};
use anyhow::{bail, Context};
use gongkai_core::{Amending, Date};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// The name in site.toml.
pub const SITE_NAME: &str = "法律法规库（LawRefBook）";

/// Refuses a destination that already holds anything, then creates it.
pub fn prepare(dest: &Path) -> anyhow::Result<()> {
    if dest.exists() {
        let mut entries =
            fs::read_dir(dest).with_context(|| format!("reading {}", dest.display()))?;
        if entries.next().is_some() {
            bail!(
                "{} is not empty; import writes a new content folder, choose an empty or new one",
                dest.display()
            );
        }
    }
    fs::create_dir_all(dest).with_context(|| format!("creating {}", dest.display()))
}

/// A department's code: stable across imports and independent of the other names.
pub fn department_code(name: &str) -> String {
    let digest = hex::encode(Sha256::digest(name.as_bytes()));
    format!("d-{}", &digest[..12])
}

/// Writes site.toml, the vocabularies and one file per law (laws already in path order).
pub fn content(dest: &Path, laws: &[Law]) -> anyhow::Result<()> {
    put(
        dest,
        "site.toml",
        &toml::to_string(&Site { name: SITE_NAME })?,
    )?;
    put(dest, "departments.toml", &departments(laws)?)?;
    put(dest, "topics.toml", &topics(laws)?)?;
    for law in laws {
        let path = format!("regulations/{}/{}.md", law.topic.code, law.id);
        put(dest, &path, &item(law)?)?;
        for old in &law.earlier {
            let Some(day) = old.published else { continue };
            let path = format!(
                "regulations/{}/{}.versions/{day}.md",
                law.topic.code, law.id
            );
            put(dest, &path, &version(old)?)?;
        }
    }
    Ok(())
}

fn put(dest: &Path, rel: &str, text: &str) -> anyhow::Result<()> {
    let path = dest.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    fs::write(&path, text).with_context(|| format!("writing {}", path.display()))
}

#[derive(Serialize)]
struct Site<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct Departments {
    department: Vec<Department>,
}

#[derive(Serialize)]
struct Department {
    code: String,
    name: String,
    short: String,
}

/// Every issuer once, in name order.
fn departments(laws: &[Law]) -> anyhow::Result<String> {
    let names: BTreeSet<&str> = laws
        .iter()
        .flat_map(|l| l.issuers.iter().map(String::as_str))
        .collect();
    let department = names
        .into_iter()
        .map(|n| Department {
            code: department_code(n),
            name: n.to_string(),
            short: n.to_string(),
        })
        .collect();
    Ok(toml::to_string(&Departments { department })?)
}

#[derive(Serialize)]
struct Topics {
    topic: Vec<Topic>,
}

#[derive(Serialize)]
struct Topic {
    code: &'static str,
    name: &'static str,
}

/// The topics in use, in the folder table's order.
fn topics(laws: &[Law]) -> anyhow::Result<String> {
    let mut used: Vec<TopicDef> = laws.iter().map(|l| l.topic).collect();
    used.sort_by_key(|t| (topic_rank(t.code), t.code));
    used.dedup();
    let topic = used
        .into_iter()
        .map(|t| Topic {
            code: t.code,
            name: t.name,
        })
        .collect();
    Ok(toml::to_string(&Topics { topic })?)
}

/// Front matter fields in the order docs/CONTENT.md lists them.
#[derive(Serialize)]
struct FrontMatter<'a> {
    #[serde(rename = "type")]
    item_type: &'static str,
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    doc_no: Option<&'a str>,
    issuers: Vec<String>,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    level: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    written: Option<toml::value::Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<toml::value::Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    effective: Option<toml::value::Datetime>,
    status: &'static str,
    topics: Vec<&'static str>,
    /// Only for a law with earlier versions: how its current text came about.
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<CurrentVersion<'a>>,
}

/// The `[version]` table.
#[derive(Serialize)]
struct CurrentVersion<'a> {
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    amending: Option<&'a Amending>,
}

/// Front matter of an earlier version's file.
#[derive(Serialize)]
struct VersionFront<'a> {
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<toml::value::Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    effective: Option<toml::value::Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    amending: Option<&'a Amending>,
}

/// A version's kind and amending document. Grouping makes only files with an event versions;
/// one without is an error here rather than a guessed kind.
fn event_of(law: &Law) -> anyhow::Result<(&'static str, Option<&Amending>)> {
    match &law.event {
        Some((kind, amending)) => Ok((kind.label(), amending.as_ref())),
        None => bail!(
            "{}: no provenance event on its date to say what kind of text it is",
            law.rel
        ),
    }
}

/// One earlier version's file, `<id>.versions/<公布日期>.md`.
fn version(law: &Law) -> anyhow::Result<String> {
    let (kind, amending) = event_of(law)?;
    let fm = VersionFront {
        kind,
        published: law.published.map(toml_date),
        effective: law.effective.map(toml_date),
        amending,
    };
    let front = toml::to_string(&fm).with_context(|| format!("front matter of {}", law.rel))?;
    Ok(format!("+++\n{front}+++\n{}", law.body))
}

/// One regulation file: `+++`, TOML front matter, `+++`, the Markdown body.
pub fn item(law: &Law) -> anyhow::Result<String> {
    let version = match law.earlier.is_empty() {
        true => None,
        false => {
            let (kind, amending) = event_of(law)?;
            Some(CurrentVersion { kind, amending })
        }
    };
    let fm = FrontMatter {
        item_type: "regulation",
        id: &law.id,
        title: &law.title,
        doc_no: law.doc_no.as_deref(),
        issuers: law.issuers.iter().map(|n| department_code(n)).collect(),
        kind: law.kind.label(),
        level: law.level.map(|l| l.label()),
        written: law.written.map(toml_date),
        published: law.published.map(toml_date),
        effective: law.effective.map(toml_date),
        status: law.status.label(),
        topics: vec![law.topic.code],
        version,
    };
    let front = toml::to_string(&fm).with_context(|| format!("front matter of {}", law.rel))?;
    Ok(format!("+++\n{front}+++\n{}", law.body))
}

fn toml_date(d: Date) -> toml::value::Datetime {
    let date = toml::value::Date {
        year: d.year,
        month: d.month,
        day: d.day,
    };
    toml::value::Datetime {
        date: Some(date),
        time: None,
        offset: None,
    }
}
