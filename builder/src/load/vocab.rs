//! The site and vocabulary files (`site.toml`, `departments.toml`, `topics.toml`,
//! `abbreviations.toml`) as written.

use super::input::Text;
use serde::Deserialize;
use toml::Spanned;

/// `site.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteFm {
    pub name: Option<Text>,
    /// Where the site is published; see `validate::base_url`.
    pub base_url: Option<Text>,
    /// The most days from 成文日期 to 发布日期 before `check` warns (default 7).
    pub publish_within_days: Option<Spanned<i64>>,
    /// The site's 索引号 pattern (`gongkai_core::index_no`).
    pub index_no_pattern: Option<Text>,
}

/// `departments.toml`: `[[department]]` tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepartmentsFm {
    #[serde(default)]
    pub department: Vec<Spanned<DepartmentFm>>,
}

/// One 发文机关 / 公开主体.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepartmentFm {
    pub code: Option<Text>,
    pub name: Option<Text>,
    pub short: Option<Text>,
    pub index_prefix: Option<Text>,
}

/// `topics.toml`: `[[topic]]` tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicsFm {
    #[serde(default)]
    pub topic: Vec<Spanned<TopicFm>>,
}

/// One 主题分类.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicFm {
    pub code: Option<Text>,
    pub name: Option<Text>,
}

/// `abbreviations.toml` (optional): `[[abbreviation]]` tables, the site's own 简称 for search.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AbbreviationsFm {
    #[serde(default)]
    pub abbreviation: Vec<Spanned<AbbreviationFm>>,
}

/// One short form and what it stands for: one full form, or several.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AbbreviationFm {
    pub short: Option<Text>,
    pub full: Option<Spanned<OneOrMany>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            OneOrMany::One(one) => vec![one.clone()],
            OneOrMany::Many(many) => many.clone(),
        }
    }
}
