//! Checking `site.toml` and the vocabularies: codes valid and unique, names present.

use super::Diagnostic;
use crate::load::input::{self, Text};
use crate::load::vocab::{DepartmentsFm, SiteFm, TopicsFm};
use crate::load::{text, File};
use gongkai_core::{Department, Topic, Vocabulary};
use std::collections::HashMap;
use std::path::Path;
use toml::Spanned;

/// The vocabularies, and whether each could be read at all.
///
/// When a vocabulary file is missing or unreadable that one problem is reported, and codes are
/// not checked against it, so one broken file does not bury the report under false alarms.
#[derive(Debug, Default)]
pub struct Vocab {
    pub vocab: Vocabulary,
    departments_read: bool,
    topics_read: bool,
}

impl Vocab {
    pub fn has_department(&self, code: &str) -> bool {
        !self.departments_read || self.vocab.department(code).is_some()
    }
    pub fn has_topic(&self, code: &str) -> bool {
        !self.topics_read || self.vocab.topic(code).is_some()
    }
}

/// What `site.toml` says, each field `None` when absent or wrong (and reported).
#[derive(Debug, Default)]
pub struct Site {
    pub name: Option<String>,
    pub base_url: Option<String>,
    pub rules: Rules,
}

/// The site's own settings for the rules that warn.
#[derive(Debug, Clone)]
pub struct Rules {
    /// The most days from 成文日期 to 发布日期 before a warning.
    pub publish_within_days: i64,
    /// The 索引号 pattern, if the site has one.
    pub index_no: Option<gongkai_core::index_no::Pattern>,
}

impl Default for Rules {
    fn default() -> Rules {
        Rules {
            publish_within_days: 7,
            index_no: None,
        }
    }
}

/// The site name and base URL from `site.toml`.
pub fn site(dir: &Path, diags: &mut Vec<Diagnostic>) -> Site {
    let Some((file, fm)) = read::<SiteFm>(dir, "site.toml", diags) else {
        return Site::default();
    };
    let name = match &fm.name {
        Some(name) => text(&file, name, "name", diags),
        None => {
            diags.push(file.at(0, "missing required field `name`"));
            None
        }
    };
    let base_url = fm.base_url.as_ref().and_then(|url| {
        super::base_url::normalize(url.get_ref())
            .map_err(|why| diags.push(file.at(url.span().start, why)))
            .ok()
    });
    let rules = rules(&file, &fm, diags);
    Site {
        name,
        base_url,
        rules,
    }
}

fn rules(file: &File, fm: &SiteFm, diags: &mut Vec<Diagnostic>) -> Rules {
    let mut rules = Rules::default();
    if let Some(days) = &fm.publish_within_days {
        match *days.get_ref() {
            n @ 0..=3650 => rules.publish_within_days = n,
            n => diags.push(file.at(
                days.span().start,
                format!("`publish_within_days` must be from 0 to 3650 days, not {n}"),
            )),
        }
    }
    if let Some(pattern) = &fm.index_no_pattern {
        match pattern.get_ref().parse() {
            Ok(p) => rules.index_no = Some(p),
            Err(why) => {
                diags.push(file.at(pattern.span().start, format!("`index_no_pattern`: {why}")))
            }
        }
    }
    rules
}

/// Reads `departments.toml` and `topics.toml`.
pub fn load(dir: &Path, diags: &mut Vec<Diagnostic>) -> Vocab {
    let mut vocab = Vocab::default();
    if let Some((file, fm)) = read::<DepartmentsFm>(dir, "departments.toml", diags) {
        vocab.departments_read = true;
        vocab.vocab.departments = departments(&file, &fm, diags);
    }
    if let Some((file, fm)) = read::<TopicsFm>(dir, "topics.toml", diags) {
        vocab.topics_read = true;
        vocab.vocab.topics = topics(&file, &fm, diags);
    }
    vocab
}

fn departments(file: &File, fm: &DepartmentsFm, diags: &mut Vec<Diagnostic>) -> Vec<Department> {
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for entry in &fm.department {
        let d = entry.get_ref();
        let code = code(file, entry, &d.code, &mut seen, diags);
        let name = field(file, entry, &d.name, "name", diags);
        let short = field(file, entry, &d.short, "short", diags);
        let index_prefix = d
            .index_prefix
            .as_ref()
            .and_then(|p| text(file, p, "index_prefix", diags));
        if let (Some(code), Some(name), Some(short)) = (code, name, short) {
            out.push(Department {
                code,
                name,
                short,
                index_prefix,
            });
        }
    }
    out
}

fn topics(file: &File, fm: &TopicsFm, diags: &mut Vec<Diagnostic>) -> Vec<Topic> {
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for entry in &fm.topic {
        let t = entry.get_ref();
        let code = code(file, entry, &t.code, &mut seen, diags);
        let name = field(file, entry, &t.name, "name", diags);
        if let (Some(code), Some(name)) = (code, name) {
            out.push(Topic { code, name });
        }
    }
    out
}

/// A vocabulary code: present, URL-safe, and not used before in the same file.
fn code<T>(
    file: &File,
    entry: &Spanned<T>,
    field_value: &Option<Text>,
    seen: &mut HashMap<String, usize>,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let code = field(file, entry, field_value, "code", diags)?;
    let at = field_value.as_ref()?.span().start;
    if !gongkai_core::is_valid_id(&code) {
        let msg = format!("invalid code {code:?}: use lowercase ASCII letters, digits and '-'");
        diags.push(file.at(at, msg));
        return None;
    }
    let line = text::line_of(&file.text, at);
    if let Some(first) = seen.get(&code) {
        let msg = format!("duplicate code `{code}`: already used on line {first}");
        diags.push(Diagnostic::new(&file.shown, line, msg));
        return None;
    }
    seen.insert(code.clone(), line);
    Some(code)
}

/// A required text key of a vocabulary entry; a missing one is reported at the entry's header.
fn field<T>(
    file: &File,
    entry: &Spanned<T>,
    value: &Option<Text>,
    name: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let Some(value) = value else {
        diags.push(file.at(
            entry.span().start,
            format!("missing required field `{name}`"),
        ));
        return None;
    };
    text(file, value, name, diags)
}

fn text(file: &File, value: &Text, name: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    if value.get_ref().trim().is_empty() {
        diags.push(file.at(value.span().start, format!("`{name}` must not be empty")));
        return None;
    }
    Some(value.get_ref().clone())
}

/// Reads and parses one of the folder's TOML files.
pub(super) fn read<T: serde::de::DeserializeOwned>(
    dir: &Path,
    name: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<(File, T)> {
    let file = File::read(dir, Path::new(name))
        .map_err(|d| diags.push(d))
        .ok()?;
    match input::parse::<T>(&file.text) {
        Ok(value) => Some((file, value)),
        Err(e) => {
            diags.push(file.at(e.offset.unwrap_or(0), e.message));
            None
        }
    }
}
