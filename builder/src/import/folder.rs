//! What a LawRefBook folder says about its files: kind, 效力等级, topic, and whose they are.
//!
//! The corpus sorts laws by folder (行政法规/, 部门规章/<部门>/, DLC/<省>地方法规/地方性法规/<省>/ …).
//! A folder this table does not know is an error for its files, so a new corpus layout is
//! noticed instead of being filed under a wrong kind.

use gongkai_core::{Level, RegulationKind};

/// Who issued the files of a folder, before the file's own text is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssuerRule {
    /// One body for the whole folder (行政法规 → 国务院, 部门规章/<部门> → the department).
    Fixed(String),
    /// 法律: the NPC or its Standing Committee, from the provenance.
    National,
    /// 司法解释: the court and/or procuratorate, from the title or provenance.
    Judicial,
    /// 地方性法规 of a province: the adopting congress, from the provenance.
    Local { province: String },
}

/// A topic (主题分类) for a top-level folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TopicDef {
    pub code: &'static str,
    pub name: &'static str,
}

/// Everything the folder of one file decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Class {
    pub kind: RegulationKind,
    pub level: Option<Level>,
    pub topic: TopicDef,
    pub issuer: IssuerRule,
}

/// The 发文机关 of files whose folder and text name none (LawRefBook's 其他/).
pub const UNKNOWN_ISSUER: &str = "未注明发文机关";

use IssuerRule::{Fixed, Judicial, National};
use Level as L;
use RegulationKind as K;

/// Top-level folders in the order their topics are listed.
const FOLDERS: &[(&str, &str, &str, K, Option<L>)] = &[
    ("宪法", "xianfa", "宪法", K::Law, Some(L::Constitution)),
    (
        "宪法相关法",
        "xianfa-xiangguanfa",
        "宪法相关法",
        K::Law,
        Some(L::Law),
    ),
    ("民法典", "minfadian", "民法典", K::Law, Some(L::Law)),
    (
        "民法商法",
        "minfa-shangfa",
        "民法商法",
        K::Law,
        Some(L::Law),
    ),
    ("行政法", "xingzhengfa", "行政法", K::Law, Some(L::Law)),
    ("经济法", "jingjifa", "经济法", K::Law, Some(L::Law)),
    ("社会法", "shehuifa", "社会法", K::Law, Some(L::Law)),
    ("刑法", "xingfa", "刑法", K::Law, Some(L::Law)),
    (
        "诉讼与非诉讼程序法",
        "susong-chengxufa",
        "诉讼与非诉讼程序法",
        K::Law,
        Some(L::Law),
    ),
    (
        "行政法规",
        "xingzheng-fagui",
        "行政法规",
        K::AdministrativeRegulation,
        Some(L::AdministrativeRegulation),
    ),
    (
        "部门规章",
        "bumen-guizhang",
        "部门规章",
        K::Rule,
        Some(L::DepartmentalRule),
    ),
    (
        "司法解释",
        "sifa-jieshi",
        "司法解释",
        K::JudicialInterpretation,
        Some(L::JudicialInterpretation),
    ),
    (
        "DLC",
        "difang-fagui",
        "地方性法规",
        K::LocalRegulation,
        Some(L::LocalRegulation),
    ),
    ("其他", "qita", "其他", K::PolicyDocument, None),
];

/// The position of a topic in the listing order, so topics.toml is written in a fixed order.
pub fn topic_rank(code: &str) -> usize {
    FOLDERS
        .iter()
        .position(|f| f.1 == code)
        .unwrap_or(FOLDERS.len())
}

/// Classifies a file by the folders of its path relative to the corpus root.
pub fn classify(folders: &[&str]) -> Result<Class, String> {
    let Some(&top) = folders.first() else {
        return Err(
            "file is not inside a category folder (行政法规/, 部门规章/<部门>/, DLC/ …)".into(),
        );
    };
    let Some(&(_, code, name, kind, level)) = FOLDERS.iter().find(|f| f.0 == top) else {
        return Err(format!("unknown category folder {top:?}"));
    };
    let issuer = issuer_rule(top, &folders[1..])?;
    Ok(Class {
        kind,
        level,
        topic: TopicDef { code, name },
        issuer,
    })
}

fn issuer_rule(top: &str, below: &[&str]) -> Result<IssuerRule, String> {
    match top {
        "行政法规" => Ok(Fixed("国务院".into())),
        "部门规章" => match below.first() {
            Some(dept) => Ok(Fixed((*dept).to_string())),
            None => Err("部门规章 files must be in a folder named after their department".into()),
        },
        "司法解释" => Ok(Judicial),
        "DLC" => local_rule(below),
        "其他" => Ok(Fixed(UNKNOWN_ISSUER.into())),
        _ => Ok(National),
    }
}

/// DLC/<省>地方法规/地方性法规/<省>/…: only 地方性法规 are known below a province.
fn local_rule(below: &[&str]) -> Result<IssuerRule, String> {
    let province = below
        .first()
        .and_then(|p| p.strip_suffix("地方法规"))
        .filter(|p| !p.is_empty());
    match (province, below.get(1)) {
        (Some(p), Some(&"地方性法规")) => Ok(IssuerRule::Local {
            province: p.to_string(),
        }),
        _ => Err("DLC files must be under DLC/<省>地方法规/地方性法规/".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_decide_kind_and_issuer_rule() {
        let c = classify(&["部门规章", "公安部"]).unwrap();
        assert_eq!(
            (c.kind, c.level, c.issuer),
            (K::Rule, Some(L::DepartmentalRule), Fixed("公安部".into()))
        );
        let c = classify(&["DLC", "广东地方法规", "地方性法规", "广东"]).unwrap();
        assert_eq!(
            c.issuer,
            IssuerRule::Local {
                province: "广东".into()
            }
        );
        assert_eq!(classify(&["宪法"]).unwrap().level, Some(L::Constitution));
        assert_eq!(classify(&["刑法"]).unwrap().issuer, National);
    }

    #[test]
    fn unknown_layouts_are_errors() {
        assert!(classify(&[]).is_err());
        assert!(classify(&["新类别"]).is_err());
        assert!(classify(&["部门规章"]).is_err());
        assert!(classify(&["DLC", "广东地方法规", "地方政府规章"]).is_err());
    }
}
