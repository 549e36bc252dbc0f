//! Rules across items: unique ids, links that resolve and agree both ways, unique 文号.
//!
//! These run on the input structs rather than the converted items, so an item with an
//! unrelated problem still takes part and every cross-item problem shows in the same run.

use super::Diagnostic;
use crate::load::input::{Front, LinksFm, Text};
use crate::load::Source;
use std::collections::hash_map::{Entry, HashMap};

/// Each relation and the one other items must state back.
const RELATIONS: [(&str, &str); 5] = [
    ("amends", "amended_by"),
    ("amended_by", "amends"),
    ("repeals", "repealed_by"),
    ("repealed_by", "repeals"),
    ("related", "related"),
];

pub fn check(sources: &[Source], diags: &mut Vec<Diagnostic>) {
    let ids = unique_ids(sources, diags);
    for source in sources {
        if let Front::Regulation(fm) = &source.front {
            if let Some(own) = &fm.id {
                links(source, own.get_ref(), &fm.links, &ids, diags);
            }
        }
    }
    unique_doc_nos(sources, diags);
}

fn id_of(source: &Source) -> Option<&Text> {
    match &source.front {
        Front::Regulation(fm) => fm.id.as_ref(),
        Front::Disclosure(fm) => fm.id.as_ref(),
        Front::Unreadable { .. } => None,
    }
}

/// Maps each id to the first file (in path order) that uses it; later uses are reported.
fn unique_ids<'a>(
    sources: &'a [Source],
    diags: &mut Vec<Diagnostic>,
) -> HashMap<&'a str, &'a Source> {
    let mut ids: HashMap<&str, &Source> = HashMap::new();
    for source in sources {
        // An unreadable file's id still counts as taken; its own error is already reported.
        if let Front::Unreadable { id: Some(id) } = &source.front {
            ids.entry(id.as_str()).or_insert(source);
        }
        let Some(id) = id_of(source).filter(|id| gongkai_core::is_valid_id(id.get_ref())) else {
            continue;
        };
        match ids.entry(id.get_ref().as_str()) {
            Entry::Occupied(first) => {
                let other = first.get().file.shown.display();
                let msg = format!("duplicate id `{}`: also used by {other}", id.get_ref());
                diags.push(source.at(Some(id.span().start), msg));
            }
            Entry::Vacant(slot) => {
                slot.insert(source);
            }
        }
    }
    ids
}

fn list<'a>(links: &'a LinksFm, relation: &str) -> &'a [Text] {
    match relation {
        "amends" => &links.amends,
        "amended_by" => &links.amended_by,
        "repeals" => &links.repeals,
        "repealed_by" => &links.repealed_by,
        _ => &links.related,
    }
}

fn links(
    source: &Source,
    own: &str,
    fm: &LinksFm,
    ids: &HashMap<&str, &Source>,
    diags: &mut Vec<Diagnostic>,
) {
    for (relation, inverse) in RELATIONS {
        for target in list(fm, relation) {
            if let Some(msg) = link_problem(own, target.get_ref(), (relation, inverse), ids) {
                diags.push(source.at(Some(target.span().start), msg));
            }
        }
    }
}

fn link_problem(
    own: &str,
    target: &str,
    (rel, inverse): (&str, &str),
    ids: &HashMap<&str, &Source>,
) -> Option<String> {
    if target == own {
        return Some(format!("links.{rel} lists the document itself"));
    }
    let Some(other) = ids.get(target) else {
        return Some(format!("links.{rel}: no item has id `{target}`"));
    };
    let other_fm = match &other.front {
        Front::Regulation(fm) => fm,
        Front::Disclosure(_) => {
            return Some(format!(
                "links.{rel}: `{target}` is a disclosure item, not a regulation"
            ))
        }
        Front::Unreadable { .. } => return None,
    };
    let agrees = list(&other_fm.links, inverse)
        .iter()
        .any(|t| t.get_ref() == own);
    let other = other.file.shown.display();
    (!agrees).then(|| {
        format!(
            "links.{rel} lists `{target}`, but {other} does not list `{own}` in links.{inverse}"
        )
    })
}

/// A 文号 names one document of its issuer. Regulations and disclosures are counted apart,
/// because the disclosure that publishes a regulation rightly carries the same 文号.
fn unique_doc_nos(sources: &[Source], diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<(bool, &str, String), &Source> = HashMap::new();
    for source in sources {
        let (is_regulation, raw, issuers) = match &source.front {
            Front::Regulation(fm) => (
                true,
                &fm.doc_no,
                fm.issuers.as_ref().map_or(&[][..], |l| l.get_ref()),
            ),
            Front::Disclosure(fm) => (false, &fm.doc_no, fm.department.as_slice()),
            Front::Unreadable { .. } => continue,
        };
        let Some(raw) = raw else { continue };
        let Ok(doc_no) = gongkai_core::docno::normalize(raw.get_ref()) else {
            continue;
        };
        for issuer in issuers {
            match seen.entry((is_regulation, issuer.get_ref(), doc_no.clone())) {
                Entry::Occupied(first) => {
                    let other = first.get().file.shown.display();
                    let msg = format!(
                        "文号 {doc_no} of `{}` is already used by {other}",
                        issuer.get_ref()
                    );
                    diags.push(source.at(Some(raw.span().start), msg));
                    break;
                }
                Entry::Vacant(slot) => {
                    slot.insert(source);
                }
            }
        }
    }
}
