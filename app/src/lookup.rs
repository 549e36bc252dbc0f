//! Turns the codes stored in items (departments, topics) into the names readers see, using the catalogue's vocabularies.

use gongkai_core::site::Catalogue;

/// Short department names (市政府办), falling back to the code for unknown ones.
pub fn department_shorts(catalogue: &Catalogue, codes: &[String]) -> String {
    join_names(codes, |code| {
        catalogue
            .departments
            .iter()
            .find(|d| d.code == code)
            .map(|d| d.short.clone())
    })
}

/// Full department names (湘潭市人民政府办公室).
pub fn department_names(catalogue: &Catalogue, codes: &[String]) -> String {
    join_names(codes, |code| {
        catalogue
            .departments
            .iter()
            .find(|d| d.code == code)
            .map(|d| d.name.clone())
    })
}

/// Topic names (主题分类).
pub fn topic_names(catalogue: &Catalogue, codes: &[String]) -> String {
    join_names(codes, |code| {
        catalogue
            .topics
            .iter()
            .find(|t| t.code == code)
            .map(|t| t.name.clone())
    })
}

fn join_names(codes: &[String], name: impl Fn(&str) -> Option<String>) -> String {
    codes
        .iter()
        .map(|code| name(code).unwrap_or_else(|| code.clone()))
        .collect::<Vec<_>>()
        .join("、")
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_core::schema::{Department, Topic};
    use gongkai_core::site::SiteInfo;

    fn catalogue() -> Catalogue {
        Catalogue {
            format: 1,
            site: SiteInfo {
                name: "湘潭".into(),
                data_as_of: None,
                base_url: None,
            },
            departments: vec![Department {
                code: "szfb".into(),
                name: "湘潭市人民政府办公室".into(),
                short: "市政府办".into(),
                index_prefix: None,
            }],
            topics: vec![Topic {
                code: "zw".into(),
                name: "政务公开".into(),
            }],
            items: vec![],
        }
    }

    #[test]
    fn names_fall_back_to_codes() {
        let c = catalogue();
        let codes = vec!["szfb".to_string(), "xx".to_string()];
        assert_eq!(department_shorts(&c, &codes), "市政府办、xx");
        assert_eq!(department_names(&c, &codes[..1]), "湘潭市人民政府办公室");
        assert_eq!(topic_names(&c, &["zw".to_string()]), "政务公开");
    }
}
