//! Front matter as editors write it: input structs that keep every field's position.
//!
//! Required fields are `Option` here so that the validator can report every missing one at
//! once instead of serde stopping at the first. Unknown fields and wrong types are refused by
//! serde itself; its error carries the position of the offending key or value.

use serde::Deserialize;
use toml::{Spanned, Value};

/// A string (or any other scalar) with its position in the front matter.
pub type Text = Spanned<String>;

/// Front matter of a regulation file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegulationFm {
    #[serde(rename = "type")]
    pub item_type: Option<Text>,
    pub id: Option<Text>,
    pub title: Option<Text>,
    pub doc_no: Option<Text>,
    pub issuers: Option<Spanned<Vec<Text>>>,
    pub kind: Option<Text>,
    pub level: Option<Text>,
    pub written: Option<Spanned<Value>>,
    pub published: Option<Spanned<Value>>,
    pub effective: Option<Spanned<Value>>,
    pub expires: Option<Spanned<Value>>,
    pub status: Option<Text>,
    #[serde(default)]
    pub topics: Vec<Text>,
    #[serde(default)]
    pub links: LinksFm,
    #[serde(default)]
    pub attachments: Vec<Spanned<AttachmentFm>>,
    /// How the current text came about, for a regulation with a version history.
    pub version: Option<Spanned<CurrentVersionFm>>,
}

/// The `[version]` table of a regulation: its current text's kind and amending document.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CurrentVersionFm {
    pub kind: Option<Text>,
    pub amending: Option<Spanned<AmendingFm>>,
}

/// Front matter of an earlier version's file, `<item>.versions/<公布日期>.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VersionFm {
    pub kind: Option<Text>,
    pub published: Option<Spanned<Value>>,
    pub effective: Option<Spanned<Value>>,
    pub amending: Option<Spanned<AmendingFm>>,
}

/// An `[amending]` table: the document that made a version.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmendingFm {
    pub title: Option<Text>,
    pub doc_no: Option<Text>,
    /// The document's id in this content, where it is an item here.
    pub item: Option<Text>,
    /// Where it is published elsewhere.
    pub url: Option<Text>,
}

/// Front matter of a disclosure file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisclosureFm {
    #[serde(rename = "type")]
    pub item_type: Option<Text>,
    pub id: Option<Text>,
    pub index_no: Option<Text>,
    pub title: Option<Text>,
    pub department: Option<Text>,
    pub catalogue: Option<Spanned<Vec<Text>>>,
    pub doc_no: Option<Text>,
    pub written: Option<Spanned<Value>>,
    pub published: Option<Spanned<Value>>,
    pub mode: Option<Text>,
    pub summary: Option<Text>,
    /// The id of the regulation this item publishes.
    pub publishes: Option<Text>,
    #[serde(default)]
    pub topics: Vec<Text>,
    #[serde(default)]
    pub attachments: Vec<Spanned<AttachmentFm>>,
}

/// The `[links]` table of a regulation.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinksFm {
    #[serde(default)]
    pub amends: Vec<Text>,
    #[serde(default)]
    pub amended_by: Vec<Text>,
    #[serde(default)]
    pub repeals: Vec<Text>,
    #[serde(default)]
    pub repealed_by: Vec<Text>,
    #[serde(default)]
    pub related: Vec<Text>,
    /// Disclosure items that publish this regulation.
    #[serde(default)]
    pub published_by: Vec<Text>,
}

/// One `[[attachments]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentFm {
    pub file: Option<Text>,
    pub title: Option<Text>,
    pub sha256: Option<Text>,
}

/// The parsed front matter of one item file.
#[derive(Debug)]
pub enum Front {
    Regulation(Box<RegulationFm>),
    Disclosure(Box<DisclosureFm>),
    /// An earlier version of a regulation (not an item: see `validate::versions`).
    Version(Box<VersionFm>),
    /// Front matter that failed to parse (already reported). Its id, if it can still be read,
    /// keeps links to the item from being reported as dangling too.
    Unreadable {
        id: Option<String>,
    },
}

/// Why front matter could not be read: a byte offset into the TOML (if known) and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontError {
    pub offset: Option<usize>,
    pub message: String,
}

/// Only the `type` key, read first to choose which struct the rest must fit.
#[derive(Deserialize)]
struct TypeOnly {
    #[serde(rename = "type")]
    item_type: Option<Text>,
}

/// Parses front matter TOML into the struct its `type` names.
pub fn parse_front(toml_text: &str) -> Result<Front, FrontError> {
    let head: TypeOnly = toml::from_str(toml_text).map_err(toml_error)?;
    let Some(item_type) = head.item_type else {
        let message = "missing required field `type`".to_string();
        return Err(FrontError {
            offset: None,
            message,
        });
    };
    match item_type.get_ref().as_str() {
        "regulation" => Ok(Front::Regulation(parse(toml_text)?)),
        "disclosure" => Ok(Front::Disclosure(parse(toml_text)?)),
        other => Err(FrontError {
            offset: Some(item_type.span().start),
            message: format!("unknown type {other:?}: expected \"regulation\" or \"disclosure\""),
        }),
    }
}

/// The `id` of front matter that does not fit its struct but is still valid TOML.
pub fn lenient_id(toml_text: &str) -> Option<String> {
    let table: toml::Table = toml::from_str(toml_text).ok()?;
    table.get("id")?.as_str().map(str::to_string)
}

/// Parses a whole TOML file (front matter or vocabulary) into `T`.
pub fn parse<T: serde::de::DeserializeOwned>(toml_text: &str) -> Result<T, FrontError> {
    toml::from_str(toml_text).map_err(toml_error)
}

/// Keeps toml's position and puts its multi-line message on one line.
fn toml_error(e: toml::de::Error) -> FrontError {
    let message = e.message().trim().lines().collect::<Vec<_>>().join(": ");
    FrontError {
        offset: e.span().map(|s| s.start),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chooses_the_struct_by_type() {
        let front = parse_front("type = \"disclosure\"\nid = \"a\"\n").unwrap();
        assert!(
            matches!(front, Front::Disclosure(d) if d.id.as_ref().is_some_and(|id| id.get_ref() == "a"))
        );
    }

    #[test]
    fn unknown_fields_point_at_their_key() {
        let err = parse_front("type = \"regulation\"\nmode = \"主动公开\"\n").unwrap_err();
        assert_eq!(err.offset, Some(20));
        assert!(
            err.message.starts_with("unknown field `mode`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn syntax_errors_have_a_position_and_one_line() {
        let err = parse_front("type = \"regulation\"\nwritten = 2022-02-30\n").unwrap_err();
        assert!(err.offset.is_some_and(|o| o >= 20));
        assert!(!err.message.contains('\n'));
    }

    #[test]
    fn type_is_required_and_closed() {
        assert_eq!(parse_front("id = \"a\"").unwrap_err().offset, None);
        let err = parse_front("type = \"law\"").unwrap_err();
        assert_eq!(
            err.message,
            "unknown type \"law\": expected \"regulation\" or \"disclosure\""
        );
    }

    #[test]
    fn lenient_id_reads_past_unknown_fields_only() {
        assert_eq!(lenient_id("id = \"a\"\nbogus = 1").as_deref(), Some("a"));
        assert_eq!(lenient_id("id = \"a\"\nbogus = "), None);
    }
}
