//! Rules across files: unique ids, one 文号 per issuer, and older versions marked 已修改.

use super::convert::Law;
use gongkai_core::Status;
use std::collections::{BTreeMap, HashMap, HashSet};

/// What resolving changed, for the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resolved {
    /// 文号 removed because a newer file of the same issuer carries it.
    pub doc_nos_dropped: usize,
    /// Files marked 已修改 because the corpus holds a newer version.
    pub superseded: usize,
}

/// Removes laws whose id another law already has, returning `(path, reason)` for each.
pub fn unique_ids(laws: &mut Vec<Law>) -> Vec<(String, String)> {
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut errors = Vec::new();
    laws.retain(|law| match seen.get(&law.id) {
        Some(first) => {
            errors.push((
                law.rel.clone(),
                format!("id {} collides with {first}", law.id),
            ));
            false
        }
        None => {
            seen.insert(law.id.clone(), law.rel.clone());
            true
        }
    });
    errors
}

/// 文号 must be unique per issuer. Versions of one law repeat the 令 that first published
/// it; the newest file keeps the 文号 (ties: the first path), the others drop it.
pub fn unique_doc_nos(laws: &mut [Law]) -> usize {
    let mut order: Vec<usize> = (0..laws.len()).collect();
    order.sort_by(|&a, &b| {
        laws[b]
            .published
            .cmp(&laws[a].published)
            .then(laws[a].rel.cmp(&laws[b].rel))
    });
    let mut taken: HashSet<(String, String)> = HashSet::new();
    let mut dropped = 0;
    for i in order {
        let law = &mut laws[i];
        let Some(no) = &law.doc_no else { continue };
        let keys: Vec<(String, String)> = law
            .issuers
            .iter()
            .map(|who| (who.clone(), no.clone()))
            .collect();
        if keys.iter().any(|k| taken.contains(k)) {
            law.doc_no = None;
            dropped += 1;
        } else {
            taken.extend(keys);
        }
    }
    dropped
}

/// Files with the same title in the same folder are versions of one law; all but the newest
/// dated one are 已修改. Undated files are left alone: their place in the sequence is unknown.
pub fn mark_superseded(laws: &mut [Law]) -> usize {
    let mut groups: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for (i, law) in laws.iter().enumerate() {
        let folder = law.rel.rsplit_once('/').map_or("", |(f, _)| f);
        groups
            .entry((folder, law.title.as_str()))
            .or_default()
            .push(i);
    }
    let mut older = Vec::new();
    for members in groups.values().filter(|m| m.len() > 1) {
        let newest = members.iter().filter_map(|&i| laws[i].published).max();
        let is_older =
            |i: &&usize| matches!((laws[**i].published, newest), (Some(p), Some(n)) if p < n);
        older.extend(members.iter().filter(is_older).copied());
    }
    for &i in &older {
        laws[i].status = Status::Amended;
    }
    older.len()
}

/// Applies every rule; returns the errors (dropped files) and the counts.
pub fn resolve(laws: &mut Vec<Law>) -> (Vec<(String, String)>, Resolved) {
    let errors = unique_ids(laws);
    let resolved = Resolved {
        doc_nos_dropped: unique_doc_nos(laws),
        superseded: mark_superseded(laws),
    };
    (errors, resolved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::convert::convert;

    fn law(rel: &str, provenance: &str) -> Law {
        let text = format!("# 护士条例\n{provenance}\n<!-- INFO END -->\n第一条 …\n");
        convert(rel, text.into_bytes()).unwrap()
    }

    #[test]
    fn newest_version_keeps_the_doc_no_and_stays_current() {
        let line = "2008年1月31日 中华人民共和国国务院令第517号公布";
        let mut laws = vec![
            law("行政法规/护士条例(2008-01-31).md", line),
            law("行政法规/护士条例(2020-03-27).md", line),
        ];
        let (errors, r) = resolve(&mut laws);
        assert!(errors.is_empty());
        assert_eq!(
            r,
            Resolved {
                doc_nos_dropped: 1,
                superseded: 1
            }
        );
        assert_eq!(
            (laws[0].doc_no.as_deref(), laws[0].status),
            (None, Status::Amended)
        );
        assert_eq!(
            (laws[1].doc_no.as_deref(), laws[1].status),
            (Some("中华人民共和国国务院令第517号"), Status::Current)
        );
    }

    #[test]
    fn colliding_ids_are_reported() {
        let mut laws = vec![law("行政法规/a.md", ""), law("行政法规/a.md", "")];
        let errors = unique_ids(&mut laws);
        assert_eq!(laws.len(), 1);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].1.contains("collides with 行政法规/a.md"));
    }
}
