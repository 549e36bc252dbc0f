//! Rules across items: unique ids, links that resolve and agree both ways (between regulations,
//! and between a regulation and the disclosure items that publish it), unique 文号.
//!
//! These run on [`Facts`] taken from the input structs rather than on the converted items, so
//! an item with an unrelated problem still takes part and every cross-item problem shows in the
//! same run. Facts are small (no text, lines already resolved), so files need not stay in
//! memory until every file has been read.

use super::Diagnostic;
use crate::load::input::{Front, LinksFm, Text};
use crate::load::Source;
use std::collections::hash_map::{Entry, HashMap};
use std::path::PathBuf;

/// Each relation and the one other items must state back.
const RELATIONS: [(&str, &str); 5] = [
    ("amends", "amended_by"),
    ("amended_by", "amends"),
    ("repeals", "repealed_by"),
    ("repealed_by", "repeals"),
    ("related", "related"),
];

/// A front matter value and the line it is on.
#[derive(Debug, Clone)]
pub struct Located {
    pub value: String,
    pub line: usize,
}

/// What kind of item a file holds, as far as cross-item rules care.
#[derive(Debug)]
pub enum Kind {
    /// A regulation and its `[links]`, one list per entry of [`RELATIONS`].
    Regulation(Box<[Vec<Located>; 5]>),
    Disclosure,
    /// Front matter that failed to parse; its id (if still readable) counts as taken.
    Unreadable,
}

/// What the cross-item rules need of one item file.
#[derive(Debug)]
pub struct Facts {
    pub shown: PathBuf,
    pub kind: Kind,
    /// The id as written (valid or not); for an unreadable file, its leniently read id.
    pub id: Option<Located>,
    /// The normalized 文号 (with the line of the raw value) and the issuers it must be unique
    /// for: a regulation's issuers, a disclosure's department.
    pub doc_no: Option<(Located, Vec<String>)>,
    /// A disclosure's 索引号 as written.
    pub index_no: Option<Located>,
    /// A regulation's `links.published_by`: the disclosure items that publish it.
    pub published_by: Vec<Located>,
    /// A disclosure's `publishes`: the regulation it publishes.
    pub publishes: Option<Located>,
    /// Items named as amending documents by a regulation's versions, with the file naming them
    /// (the item's own file or one of its versions' files).
    pub amending: Vec<(PathBuf, Located)>,
}

impl Facts {
    /// Takes the facts out of a parsed file.
    pub fn of(source: &Source) -> Facts {
        let at = |t: &Text| Located {
            value: t.get_ref().clone(),
            line: source.line_at(t.span().start),
        };
        let (kind, id, doc_no, issuers) = match &source.front {
            Front::Regulation(fm) => {
                let links = RELATIONS.map(|(rel, _)| list(&fm.links, rel).iter().map(at).collect());
                let issuers = fm.issuers.as_ref().map_or(&[][..], |l| l.get_ref());
                let kind = Kind::Regulation(Box::new(links));
                (kind, fm.id.as_ref().map(at), &fm.doc_no, issuers)
            }
            Front::Disclosure(fm) => {
                let id = fm.id.as_ref().map(at);
                (Kind::Disclosure, id, &fm.doc_no, fm.department.as_slice())
            }
            Front::Version(_) => (Kind::Unreadable, None, &None, &[][..]),
            Front::Unreadable { id } => {
                let id = id.clone().map(|value| Located { value, line: 1 });
                (Kind::Unreadable, id, &None, &[][..])
            }
        };
        let doc_no = doc_no.as_ref().and_then(|raw| {
            let normal = gongkai_core::docno::normalize(raw.get_ref()).ok()?;
            let issuers = issuers.iter().map(|i| i.get_ref().clone()).collect();
            Some((
                Located {
                    value: normal,
                    ..at(raw)
                },
                issuers,
            ))
        });
        let (index_no, publishes, published_by) = match &source.front {
            Front::Disclosure(fm) => (
                fm.index_no.as_ref().map(at),
                fm.publishes.as_ref().map(at),
                Vec::new(),
            ),
            Front::Regulation(fm) => (None, None, fm.links.published_by.iter().map(at).collect()),
            Front::Unreadable { .. } | Front::Version(_) => (None, None, Vec::new()),
        };
        Facts {
            shown: source.file.shown.clone(),
            kind,
            id,
            doc_no,
            index_no,
            published_by,
            publishes,
            amending: Vec::new(),
        }
    }

    fn at(&self, line: usize, message: String) -> Diagnostic {
        Diagnostic::new(&self.shown, line, message)
    }
}

pub fn check(facts: &[Facts], diags: &mut Vec<Diagnostic>) {
    let ids = unique_ids(facts, diags);
    for item in facts {
        if let (Kind::Regulation(links), Some(own)) = (&item.kind, &item.id) {
            for ((relation, inverse), targets) in RELATIONS.iter().zip(links.iter()) {
                for target in targets {
                    let rel = (*relation, *inverse);
                    if let Some(msg) = link_problem(&own.value, &target.value, rel, &ids) {
                        diags.push(item.at(target.line, msg));
                    }
                }
            }
        }
    }
    amending_links(facts, &ids, diags);
    publication_links(facts, &ids, diags);
    unique_doc_nos(facts, diags);
    unique_index_nos(facts, diags);
}

/// A version's amending document, where it is an item here, must be one.
fn amending_links(facts: &[Facts], ids: &HashMap<&str, &Facts>, diags: &mut Vec<Diagnostic>) {
    for (shown, target) in facts.iter().flat_map(|f| &f.amending) {
        if !ids.contains_key(target.value.as_str()) {
            let msg = format!(
                "amending item `{}` does not exist: no item has this id",
                target.value
            );
            diags.push(Diagnostic::new(shown, target.line, msg));
        }
    }
}

/// A regulation's `links.published_by` and a disclosure's `publishes` name each other.
fn publication_links(facts: &[Facts], ids: &HashMap<&str, &Facts>, diags: &mut Vec<Diagnostic>) {
    for item in facts {
        let Some(own) = &item.id else { continue };
        for target in &item.published_by {
            let msg = publication_problem(&own.value, target, ids, true);
            diags.extend(msg.map(|m| item.at(target.line, m)));
        }
        if let Some(target) = &item.publishes {
            let msg = publication_problem(&own.value, target, ids, false);
            diags.extend(msg.map(|m| item.at(target.line, m)));
        }
    }
}

/// What is wrong with one publication link, from a regulation (`from_regulation`) to a
/// disclosure or back.
fn publication_problem(
    own: &str,
    target: &Located,
    ids: &HashMap<&str, &Facts>,
    from_regulation: bool,
) -> Option<String> {
    let (field, back, wants) = if from_regulation {
        ("links.published_by", "publishes", "a disclosure item")
    } else {
        ("publishes", "links.published_by", "a regulation")
    };
    let name = &target.value;
    let Some(other) = ids.get(name.as_str()) else {
        return Some(format!("{field}: no item has id `{name}`"));
    };
    let agrees = match (&other.kind, from_regulation) {
        (Kind::Unreadable, _) => return None,
        (Kind::Disclosure, true) => other.publishes.as_ref().is_some_and(|p| p.value == own),
        (Kind::Regulation(_), false) => other.published_by.iter().any(|p| p.value == own),
        _ => return Some(format!("{field}: `{name}` is not {wants}")),
    };
    let other = other.shown.display();
    (!agrees)
        .then(|| format!("{field} lists `{name}`, but {other} does not list `{own}` in {back}"))
}

/// A 索引号 should name one disclosure; a second use is a warning.
fn unique_index_nos(facts: &[Facts], diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, &Facts> = HashMap::new();
    for item in facts {
        let Some(no) = item
            .index_no
            .as_ref()
            .filter(|n| !n.value.trim().is_empty())
        else {
            continue;
        };
        match seen.entry(no.value.as_str()) {
            Entry::Occupied(first) => {
                let other = first.get().shown.display();
                let msg = format!("索引号 {} is already used by {other}", no.value);
                diags.push(item.at(no.line, msg).into_warning());
            }
            Entry::Vacant(slot) => {
                slot.insert(item);
            }
        }
    }
}

/// Maps each id to the first file (in path order) that uses it; later uses are reported.
fn unique_ids<'a>(facts: &'a [Facts], diags: &mut Vec<Diagnostic>) -> HashMap<&'a str, &'a Facts> {
    let mut ids: HashMap<&str, &Facts> = HashMap::new();
    for item in facts {
        let Some(id) = &item.id else { continue };
        // An unreadable file's id still counts as taken; its own error is already reported.
        if matches!(item.kind, Kind::Unreadable) {
            ids.entry(id.value.as_str()).or_insert(item);
            continue;
        }
        if !gongkai_core::is_valid_id(&id.value) {
            continue;
        }
        match ids.entry(id.value.as_str()) {
            Entry::Occupied(first) => {
                let other = first.get().shown.display();
                let msg = format!("duplicate id `{}`: also used by {other}", id.value);
                diags.push(item.at(id.line, msg));
            }
            Entry::Vacant(slot) => {
                slot.insert(item);
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

fn link_problem(
    own: &str,
    target: &str,
    (rel, inverse): (&str, &str),
    ids: &HashMap<&str, &Facts>,
) -> Option<String> {
    if target == own {
        return Some(format!("links.{rel} lists the document itself"));
    }
    let Some(other) = ids.get(target) else {
        return Some(format!("links.{rel}: no item has id `{target}`"));
    };
    let other_links = match &other.kind {
        Kind::Regulation(links) => links,
        Kind::Disclosure => {
            return Some(format!(
                "links.{rel}: `{target}` is a disclosure item, not a regulation"
            ))
        }
        Kind::Unreadable => return None,
    };
    let back = RELATIONS.iter().position(|(r, _)| *r == inverse)?;
    let agrees = other_links[back].iter().any(|t| t.value == own);
    let other = other.shown.display();
    (!agrees).then(|| {
        format!(
            "links.{rel} lists `{target}`, but {other} does not list `{own}` in links.{inverse}"
        )
    })
}

/// A 文号 names one document of its issuer. Regulations and disclosures are counted apart,
/// because the disclosure that publishes a regulation rightly carries the same 文号.
fn unique_doc_nos(facts: &[Facts], diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<(bool, &str, &str), &Facts> = HashMap::new();
    for item in facts {
        let Some((doc_no, issuers)) = &item.doc_no else {
            continue;
        };
        let is_regulation = matches!(item.kind, Kind::Regulation(_));
        for issuer in issuers {
            match seen.entry((is_regulation, issuer, &doc_no.value)) {
                Entry::Occupied(first) => {
                    let other = first.get().shown.display();
                    let msg = format!(
                        "文号 {} of `{issuer}` is already used by {other}",
                        doc_no.value
                    );
                    diags.push(item.at(doc_no.line, msg));
                    break;
                }
                Entry::Vacant(slot) => {
                    slot.insert(item);
                }
            }
        }
    }
}
