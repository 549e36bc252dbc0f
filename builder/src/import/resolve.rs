//! Rules across files: unique ids, one 文号 per issuer, and older files of a law made its versions.

use super::convert::Law;
use super::provenance;
use gongkai_core::versions::numbering;
use gongkai_core::Status;
use std::collections::{BTreeMap, HashMap, HashSet};

/// What resolving changed, for the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resolved {
    /// 文号 removed because a newer file of the same issuer carries it.
    pub doc_nos_dropped: usize,
    /// Files marked 已修改 because the corpus holds a newer version it could not be grouped with.
    pub superseded: usize,
    /// Files written as earlier versions of a newer file of the same law.
    pub versions: usize,
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

/// Files with the same title in the same folder are versions of one law. The newest dated one
/// becomes the item, and each older dated one becomes one of its earlier versions
/// (`Law::earlier`) when it can be one: it numbers its articles in order (versions are aligned
/// article by article) and says how it came about (a provenance event on its date: 制定, 修正
/// or 修订, read from its own lines or else from the newest file's, which list the whole
/// history), as the newest must too. An older file that cannot stays an item of its own,
/// marked 已修改. Undated files are left alone: their place in the sequence is unknown.
/// Returns how many files became versions and how many were marked.
pub fn group_versions(laws: &mut Vec<Law>) -> (usize, usize) {
    let mut groups: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, law) in laws.iter().enumerate() {
        let folder = law.rel.rsplit_once('/').map_or("", |(f, _)| f);
        groups
            .entry((folder.to_string(), law.title.clone()))
            .or_default()
            .push(i);
    }
    let mut moves: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut marked = 0;
    for members in groups.values().filter(|m| m.len() > 1) {
        let Some((newest, older)) = split_newest(laws, members) else {
            continue;
        };
        for &i in &older {
            if laws[i].event.is_none() {
                let told = provenance::version_event(&laws[newest].provenance, laws[i].published);
                laws[i].event = told;
            }
        }
        let can_be_version =
            |i: usize| laws[i].event.is_some() && numbering::check(&laws[i].body).is_ok();
        let (versions, items): (Vec<usize>, Vec<usize>) = match can_be_version(newest) {
            true => older.into_iter().partition(|&i| can_be_version(i)),
            false => (Vec::new(), older),
        };
        for &i in &items {
            laws[i].status = Status::Amended;
        }
        marked += items.len();
        if !versions.is_empty() {
            moves.push((newest, versions));
        }
    }
    let moved = attach_earlier(laws, moves);
    (moved, marked)
}

/// The newest dated member, and the older ones oldest first; `None` when two share the newest
/// date or none is dated.
fn split_newest(laws: &[Law], members: &[usize]) -> Option<(usize, Vec<usize>)> {
    let mut dated: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| laws[i].published.is_some())
        .collect();
    dated.sort_by_key(|&i| laws[i].published);
    let newest = dated.pop()?;
    let older: Vec<usize> = dated
        .into_iter()
        .filter(|&i| laws[i].published < laws[newest].published)
        .collect();
    let distinct = older
        .windows(2)
        .all(|w| laws[w[0]].published < laws[w[1]].published);
    (!older.is_empty() && distinct).then_some((newest, older))
}

/// Moves each group's older laws into its newest one's `earlier`, keeping path order otherwise.
fn attach_earlier(laws: &mut Vec<Law>, moves: Vec<(usize, Vec<usize>)>) -> usize {
    let mut slots: Vec<Option<Law>> = std::mem::take(laws).into_iter().map(Some).collect();
    let mut moved = 0;
    for (newest, older) in &moves {
        let earlier: Vec<Law> = older.iter().filter_map(|&i| slots[i].take()).collect();
        moved += earlier.len();
        if let Some(law) = slots[*newest].as_mut() {
            law.earlier = earlier;
        }
    }
    *laws = slots.into_iter().flatten().collect();
    moved
}

/// Applies every rule; returns the errors (dropped files) and the counts.
pub fn resolve(laws: &mut Vec<Law>) -> (Vec<(String, String)>, Resolved) {
    let errors = unique_ids(laws);
    let doc_nos_dropped = unique_doc_nos(laws);
    let (versions, superseded) = group_versions(laws);
    let resolved = Resolved {
        doc_nos_dropped,
        superseded,
        versions,
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
        let amended =
            format!("{line}\n2020年3月27日 《国务院关于修改和废止部分行政法规的决定》修订");
        let mut laws = vec![
            law("行政法规/护士条例(2008-01-31).md", line),
            law("行政法规/护士条例(2020-03-27).md", &amended),
        ];
        let (errors, r) = resolve(&mut laws);
        assert!(errors.is_empty());
        assert_eq!(
            r,
            Resolved {
                doc_nos_dropped: 1,
                superseded: 0,
                versions: 1,
            }
        );
        assert_eq!(
            laws.len(),
            1,
            "the older file became a version of the newer"
        );
        assert_eq!(
            (laws[0].doc_no.as_deref(), laws[0].status),
            (Some("中华人民共和国国务院令第517号"), Status::Current)
        );
        let earlier: Vec<&str> = laws[0].earlier.iter().map(|l| l.rel.as_str()).collect();
        assert_eq!(earlier, ["行政法规/护士条例(2008-01-31).md"]);
        assert_eq!(laws[0].earlier[0].doc_no, None);
    }

    #[test]
    fn versions_out_of_sequence_stay_items_of_their_own() {
        let line = "2008年1月31日 中华人民共和国国务院令第517号公布";
        let text = "# 护士条例\n2008年1月31日 中华人民共和国国务院令第517号公布\n<!-- INFO END -->\n第一条 …\n\n第三条 …\n";
        let amended =
            format!("{line}\n2020年3月27日 《国务院关于修改和废止部分行政法规的决定》修订");
        let mut laws = vec![
            convert("行政法规/护士条例(2008-01-31).md", text.as_bytes().to_vec()).unwrap(),
            law("行政法规/护士条例(2020-03-27).md", &amended),
        ];
        let (_, r) = resolve(&mut laws);
        assert_eq!((r.versions, r.superseded), (0, 1));
        assert_eq!(laws.len(), 2);
        assert_eq!(laws[0].status, Status::Amended);
    }

    #[test]
    fn versions_that_do_not_say_how_they_came_about_stay_items_of_their_own() {
        let line = "2008年1月31日 中华人民共和国国务院令第517号公布";
        let mut unsaid = vec![
            law("行政法规/护士条例(2008-01-31).md", line),
            law("行政法规/护士条例(2020-03-27).md", line),
        ];
        let (_, r) = resolve(&mut unsaid);
        assert_eq!(
            (r.versions, r.superseded),
            (0, 1),
            "the 2020 text says nothing of 2020"
        );
    }

    #[test]
    fn the_newest_text_tells_how_an_older_one_came_about() {
        let first = "2002年9月29日 中华人民共和国国务院令第363号公布";
        let newest = format!(
            "{first}\n2016年2月6日 《国务院关于修改部分行政法规的决定》第二次修订\n2019年3月24日 《国务院关于修改部分行政法规的决定》第三次修订"
        );
        // The 2016 file's own lines stop at its first promulgation.
        let mut laws = vec![
            law("行政法规/护士条例(2016-02-06).md", first),
            law("行政法规/护士条例(2019-03-24).md", &newest),
        ];
        let (_, r) = resolve(&mut laws);
        assert_eq!((r.versions, r.superseded), (1, 0));
        let (kind, amending) = laws[0].earlier[0].event.clone().unwrap();
        assert_eq!(kind, gongkai_core::VersionKind::Revised);
        assert_eq!(amending.unwrap().title, "国务院关于修改部分行政法规的决定");
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
