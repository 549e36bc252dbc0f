//! The content model: regulations (规章, 规范性文件 …), disclosure items (政府信息公开) and their vocabularies.
//!
//! These are validated values. The builder parses editors' front matter into its own input
//! structs, checks them, and converts them into these types; the app reads them as JSON.

use crate::date::{Date, DateTime};
use serde::{Deserialize, Serialize};

/// Declares a closed vocabulary whose serialized form is its Chinese label.
macro_rules! labelled_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $label:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name { $($(#[$vm])* #[serde(rename = $label)] $variant),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The Chinese label used in front matter, JSON and the UI.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
            /// Parses a label; `None` for anything outside the vocabulary.
            pub fn from_label(s: &str) -> Option<$name> {
                match s { $($label => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

labelled_enum!(
    /// 时效性: whether a regulation is in force.
    Status {
        Current = "现行有效",
        Amended = "已修改",
        Repealed = "已废止",
        NotYetEffective = "尚未生效",
        Expired = "已失效",
    }
);

impl Status {
    /// Repealed and expired documents rank below, and can be filtered out of, current ones.
    pub fn is_in_force(self) -> bool {
        matches!(
            self,
            Status::Current | Status::Amended | Status::NotYetEffective
        )
    }
}

labelled_enum!(
    /// The kind of a regulation document, as the catalogue groups them.
    RegulationKind {
        Law = "法律",
        AdministrativeRegulation = "行政法规",
        LocalRegulation = "地方性法规",
        Rule = "规章",
        NormativeDocument = "规范性文件",
        JudicialInterpretation = "司法解释",
        PolicyDocument = "其他政策文件",
    }
);

labelled_enum!(
    /// 效力等级: the legal rank of a document.
    Level {
        Constitution = "宪法",
        Law = "法律",
        AdministrativeRegulation = "行政法规",
        DepartmentalRule = "部门规章",
        LocalRegulation = "地方性法规",
        LocalGovernmentRule = "地方政府规章",
        DepartmentalNormativeDocument = "部门规范性文件",
        LocalNormativeDocument = "地方规范性文件",
        LocalWorkDocument = "地方工作文件",
        JudicialInterpretation = "司法解释",
        PartyRegulation = "党内法规",
        Other = "其他",
    }
);

labelled_enum!(
    /// How a version's text came about: the first text, or an amendment of it.
    VersionKind {
        /// The text as first adopted (制定, 通过).
        Enacted = "制定",
        /// Some articles amended by a decision (修正, often 《关于修改…的决定》).
        Amended = "修正",
        /// The whole text revised and adopted again (修订).
        Revised = "修订",
    }
);

labelled_enum!(
    /// 公开方式: how a disclosure item is made public.
    DisclosureMode {
        Proactive = "主动公开",
        OnRequest = "依申请公开",
    }
);

/// A 发文机关 / 公开主体 from the departments vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Department {
    /// Stable, URL-safe code used in front matter and URLs.
    pub code: String,
    /// Full name, e.g. 湘潭市人民政府办公室.
    pub name: String,
    /// Short name, e.g. 市政府办.
    pub short: String,
    /// What its 索引号 start with (often its 组织机构代码), for the site's `{prefix}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_prefix: Option<String>,
}

/// A 主题分类 from the topics vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub code: String,
    pub name: String,
}

/// The vocabularies every item is checked against.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vocabulary {
    pub departments: Vec<Department>,
    pub topics: Vec<Topic>,
}

impl Vocabulary {
    pub fn department(&self, code: &str) -> Option<&Department> {
        self.departments.iter().find(|d| d.code == code)
    }
    pub fn topic(&self, code: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.code == code)
    }
}

/// A file published with an item, pinned by its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// Path relative to the content folder, e.g. `attachments/2022-25.pdf`.
    pub file: String,
    /// Display name; defaults to the file name.
    pub title: String,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
}

/// Relations of an item, by id. The checker keeps inverse pairs in agreement. The first five
/// link regulations to regulations; `published_by` and `publishes` link a regulation and the
/// disclosure items that publish it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Links {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amends: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amended_by: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repeals: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repealed_by: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
    /// On a regulation: the disclosure items (政府信息公开) that publish it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub published_by: Vec<String>,
    /// On a disclosure item: the regulation it publishes (at most one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub publishes: Vec<String>,
}

/// The document that made a version: a 修正 decision or the act that adopted a 修订.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amending {
    pub title: String,
    /// 文号, normalized, where the document has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_no: Option<String>,
    /// The document's item in this site, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// Where the document is published elsewhere (http or https).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One dated text of a regulation. Its 公布日期 names it (`/items/<id>/v/<date>/`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    /// 公布日期 of this text.
    pub published: Date,
    /// 施行日期 of this text, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<Date>,
    pub kind: VersionKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amending: Option<Amending>,
}

/// A regulation or policy document (规章, 规范性文件 and the like).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Regulation {
    pub id: String,
    pub title: String,
    /// 文号, normalized (see [`crate::docno`]); `None` where the document has none.
    pub doc_no: Option<String>,
    /// 发文机关 department codes, at least one.
    pub issuers: Vec<String>,
    pub kind: RegulationKind,
    /// 效力等级.
    pub level: Option<Level>,
    /// 成文日期.
    pub written: Option<Date>,
    /// 公布日期.
    pub published: Option<Date>,
    /// 施行日期.
    pub effective: Option<Date>,
    /// 失效日期.
    pub expires: Option<Date>,
    pub status: Status,
    /// 主题分类 topic codes.
    pub topics: Vec<String>,
    pub links: Links,
    pub attachments: Vec<Attachment>,
    /// Every dated text, oldest first, the last being the item's own (current) text; empty when
    /// the content records no history.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<Version>,
}

/// A 政府信息公开 item published by one department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disclosure {
    pub id: String,
    /// 索引号, e.g. `430300000/2021-00012`.
    pub index_no: String,
    pub title: String,
    /// 公开主体 department code.
    pub department: String,
    /// Catalogue path, e.g. ["法定主动公开内容", "政策文件"].
    pub catalogue: Vec<String>,
    /// 文号, normalized, where the item has one.
    pub doc_no: Option<String>,
    /// 成文日期, where the item records one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written: Option<Date>,
    /// Publication date-time.
    pub published: DateTime,
    pub mode: DisclosureMode,
    pub summary: String,
    pub topics: Vec<String>,
    pub attachments: Vec<Attachment>,
    /// The regulation this item publishes, if it is one in the content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publishes: Option<String>,
}

/// Any content item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Item {
    Regulation(Regulation),
    Disclosure(Disclosure),
}

impl Item {
    pub fn id(&self) -> &str {
        match self {
            Item::Regulation(r) => &r.id,
            Item::Disclosure(d) => &d.id,
        }
    }
    pub fn title(&self) -> &str {
        match self {
            Item::Regulation(r) => &r.title,
            Item::Disclosure(d) => &d.title,
        }
    }
    pub fn doc_no(&self) -> Option<&str> {
        match self {
            Item::Regulation(r) => r.doc_no.as_deref(),
            Item::Disclosure(d) => d.doc_no.as_deref(),
        }
    }
    /// The departments behind the item: issuers, or the disclosing department.
    pub fn departments(&self) -> &[String] {
        match self {
            Item::Regulation(r) => &r.issuers,
            Item::Disclosure(d) => std::slice::from_ref(&d.department),
        }
    }
    /// The date lists sort by: 公布日期 (or 成文日期), or the publication time.
    pub fn date(&self) -> Option<Date> {
        match self {
            Item::Regulation(r) => r.published.or(r.written).or(r.effective),
            Item::Disclosure(d) => Some(d.published.date),
        }
    }
    /// The category shown in lists: the regulation kind, or the last catalogue segment.
    pub fn category(&self) -> String {
        match self {
            Item::Regulation(r) => r.kind.label().to_string(),
            Item::Disclosure(d) => d.catalogue.last().cloned().unwrap_or_default(),
        }
    }
    pub fn status(&self) -> Option<Status> {
        match self {
            Item::Regulation(r) => Some(r.status),
            Item::Disclosure(_) => None,
        }
    }
    pub fn topics(&self) -> &[String] {
        match self {
            Item::Regulation(r) => &r.topics,
            Item::Disclosure(d) => &d.topics,
        }
    }
    /// The item's links: a regulation's own, or a disclosure's `publishes`.
    pub fn links(&self) -> Links {
        match self {
            Item::Regulation(r) => r.links.clone(),
            Item::Disclosure(d) => Links {
                publishes: d.publishes.iter().cloned().collect(),
                ..Links::default()
            },
        }
    }
    pub fn attachments(&self) -> &[Attachment] {
        match self {
            Item::Regulation(r) => &r.attachments,
            Item::Disclosure(d) => &d.attachments,
        }
    }
}

/// True for ids that are safe in URLs and file names: lowercase ASCII letters, digits and `-`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 120
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::from_label(s.label()), Some(*s));
        }
        assert_eq!(Status::from_label("有效"), None);
        assert_eq!(
            serde_json::to_string(&Status::Repealed).unwrap(),
            "\"已废止\""
        );
    }

    #[test]
    fn ids_are_url_safe() {
        assert!(is_valid_id("xiangtan-2022-25"));
        for bad in ["", "A", "a b", "a/b", "-a", "a-", "湘潭"] {
            assert!(!is_valid_id(bad), "{bad:?}");
        }
    }
}
