//! Amendments, repeals and related documents between planned regulations, with both ends
//! stated, so `gongkai check`'s inverse-link and status rules hold by construction.

use super::plan::{Class, Meta};
use super::rng::Rng;
use gongkai_core::Status;

/// Of regulations in date order: this many percent amend an earlier one of their department …
const AMENDS: usize = 9;
/// … this many (after those) repeal one …
const REPEALS: usize = 7;
/// … and this many are related to the department's previous document.
const RELATED: usize = 4;

/// Walks regulations in date order, so a document only ever changes an earlier one.
pub fn link(metas: &mut [Meta], order: &[u32], rng: &mut Rng, depts: usize) {
    // Per department: documents still in force and unchanged, and the latest document.
    let mut open: Vec<Vec<u32>> = vec![Vec::new(); depts];
    let mut latest: Vec<Option<u32>> = vec![None; depts];
    for &b in order {
        let m = &metas[b as usize];
        if !matches!(m.class, Class::Regulation(_)) {
            continue;
        }
        let d = usize::from(m.dept);
        let roll = rng.below(100);
        if roll < AMENDS + REPEALS {
            if let Some(a) = take(&mut open[d], rng) {
                change(metas, a, b, roll < AMENDS);
            }
        } else if roll < AMENDS + REPEALS + RELATED {
            if let Some(a) = latest[d].filter(|&a| metas[a as usize].links.related.is_none()) {
                metas[a as usize].links.related = Some(b);
                metas[b as usize].links.related = Some(a);
            }
        }
        if metas[b as usize].status == Status::Current {
            open[d].push(b);
        }
        latest[d] = Some(b);
    }
}

fn take(open: &mut Vec<u32>, rng: &mut Rng) -> Option<u32> {
    if open.is_empty() {
        return None;
    }
    let at = rng.below(open.len());
    Some(open.swap_remove(at))
}

/// `b` amends (or repeals) `a`: both sides of the link, and `a`'s status.
fn change(metas: &mut [Meta], a: u32, b: u32, amend: bool) {
    let (old, new) = (a as usize, b as usize);
    if amend {
        metas[old].links.amended_by = Some(b);
        metas[old].status = Status::Amended;
        metas[new].links.amends = Some(a);
    } else {
        metas[old].links.repealed_by = Some(b);
        metas[old].status = Status::Repealed;
        metas[new].links.repeals = Some(a);
    }
}
