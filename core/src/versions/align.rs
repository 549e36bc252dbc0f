//! Matching the articles of two versions of a regulation, even when an amendment renumbered them.
//!
//! Three passes, each only over the articles the passes before left unmatched:
//! 1. **identical text** (whitespace and zero-width characters ignored), in order, so a renumbered article keeps its match;
//! 2. **similar text**: the pairs whose character-bigram Dice similarity is at least
//!    [`SIMILAR`], best first;
//! 3. **same number**, when the pair does not cross the matches already made: an article
//!    rewritten in place (将第十二条修改为 …).
//!
//! Then matched pairs that leave the order of the others are marked moved (the longest run of
//! pairs in the same order in both versions stays put), and what is left is added or deleted; an
//! added article made mostly of an older article's text is a split from it, and a deleted one
//! mostly found in a newer article was merged into it.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Dice similarity (0..=1) from which two articles are the same article changed.
pub const SIMILAR: f64 = 0.5;
/// Share of an article's bigrams found in another from which it was split from or merged into it.
const CONTAINED: f64 = 0.6;

/// One article of one version, as alignment reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Article<'a> {
    /// Its number (第十二条 → 12), where it has one.
    pub number: Option<u32>,
    /// Its text without the 第X条 label.
    pub text: &'a str,
}

/// What happened to an article between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Same text (its number may differ: see [`Aligned::old`] and [`Aligned::new`]).
    Unchanged,
    /// Same article, other words.
    Changed,
    /// Only in the newer version.
    Added,
    /// Only in the older version.
    Deleted,
    /// Same article, in another place among the others (its text may also have changed:
    /// [`Aligned::text_changed`]).
    Moved,
}

/// One row of an alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Aligned {
    /// Index in the older version's articles.
    pub old: Option<usize>,
    /// Index in the newer version's articles.
    pub new: Option<usize>,
    pub change: Change,
    /// The texts differ (always for `Changed`, sometimes for `Moved`).
    pub text_changed: bool,
    /// For an added article split off an older one: that article (old index); for a deleted
    /// article merged into a newer one: that article (new index).
    pub related: Option<usize>,
}

/// Aligns the articles of an older and a newer version.
///
/// Rows come in the newer version's order; a deleted article follows the row of the article
/// that preceded it in the older version.
pub fn align(old: &[Article<'_>], new: &[Article<'_>]) -> Vec<Aligned> {
    let a = Side::new(old);
    let b = Side::new(new);
    let mut m = Matching::new(old.len(), new.len());
    m.identical(&a, &b);
    m.similar(&a, &b);
    m.by_number(old, new);
    m.rows(&a, &b)
}

/// One version's articles, normalized for comparing.
struct Side {
    texts: Vec<String>,
    bigrams: Vec<Vec<u64>>,
}

impl Side {
    fn new(articles: &[Article<'_>]) -> Side {
        let texts: Vec<String> = articles.iter().map(|a| normalize(a.text)).collect();
        let bigrams = texts.iter().map(|t| bigrams(t)).collect();
        Side { texts, bigrams }
    }
}

/// The text without any whitespace or zero-width character ([`super::zero_width`]) and with
/// width folded (see [`super::fold`]): line breaks, spaces and （一） against (一) are layout,
/// not law.
fn normalize(text: &str) -> String {
    text.chars()
        .filter(|&c| !c.is_whitespace() && !super::zero_width(c))
        .map(super::fold)
        .collect()
}

/// Sorted character bigrams of a text (a one-character text is its own bigram).
fn bigrams(text: &str) -> Vec<u64> {
    let chars: Vec<u64> = text.chars().map(u64::from).collect();
    let mut out: Vec<u64> = match chars.len() {
        0 => Vec::new(),
        1 => vec![chars[0]],
        _ => chars.windows(2).map(|w| (w[0] << 32) | w[1]).collect(),
    };
    out.sort_unstable();
    out
}

/// Bigrams two sorted lists share, counting repeats (a multiset intersection).
fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => (i, j, n) = (i + 1, j + 1, n + 1),
        }
    }
    n
}

fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * shared(a, b) as f64 / (a.len() + b.len()) as f64
}

/// Share of `part`'s bigrams found in `whole`.
fn contained(part: &[u64], whole: &[u64]) -> f64 {
    if part.is_empty() {
        return 0.0;
    }
    shared(part, whole) as f64 / part.len() as f64
}

/// The matches made so far, both ways.
struct Matching {
    old_to_new: Vec<Option<usize>>,
    new_to_old: Vec<Option<usize>>,
}

impl Matching {
    fn new(old: usize, new: usize) -> Matching {
        Matching {
            old_to_new: vec![None; old],
            new_to_old: vec![None; new],
        }
    }

    fn pair(&mut self, o: usize, n: usize) {
        self.old_to_new[o] = Some(n);
        self.new_to_old[n] = Some(o);
    }

    fn free_old(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.old_to_new.len()).filter(|&o| self.old_to_new[o].is_none())
    }

    fn free_new(&self) -> Vec<usize> {
        (0..self.new_to_old.len())
            .filter(|&n| self.new_to_old[n].is_none())
            .collect()
    }

    /// Pass 1: identical texts, the first unmatched older copy for each newer one.
    fn identical(&mut self, a: &Side, b: &Side) {
        let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
        for (o, t) in a.texts.iter().enumerate().rev() {
            by_text.entry(t.as_str()).or_default().push(o);
        }
        for (n, t) in b.texts.iter().enumerate() {
            if let Some(o) = by_text.get_mut(t.as_str()).and_then(Vec::pop) {
                self.pair(o, n);
            }
        }
    }

    /// Pass 2: similar texts, best pairs first (ties: nearest in position).
    fn similar(&mut self, a: &Side, b: &Side) {
        let free_new = self.free_new();
        let mut candidates: Vec<(f64, usize, usize, usize)> = Vec::new();
        for o in self.free_old() {
            for &n in &free_new {
                let s = dice(&a.bigrams[o], &b.bigrams[n]);
                if s >= SIMILAR {
                    candidates.push((s, o.abs_diff(n), o, n));
                }
            }
        }
        candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        for (_, _, o, n) in candidates {
            if self.old_to_new[o].is_none() && self.new_to_old[n].is_none() {
                self.pair(o, n);
            }
        }
    }

    /// Pass 3: same number, where pairing keeps the order of the matches around it.
    fn by_number(&mut self, old: &[Article<'_>], new: &[Article<'_>]) {
        for n in self.free_new() {
            let Some(number) = new[n].number else {
                continue;
            };
            let found = self
                .free_old()
                .find(|&o| old[o].number == Some(number) && self.fits(o, n));
            if let Some(o) = found {
                self.pair(o, n);
            }
        }
    }

    /// Whether pairing old `o` with new `n` crosses no match already made.
    fn fits(&self, o: usize, n: usize) -> bool {
        self.new_to_old.iter().enumerate().all(|(nn, oo)| match oo {
            Some(oo) => (nn < n) == (*oo < o),
            None => true,
        })
    }

    /// The matched pairs that stay in order: a longest increasing run of older indexes,
    /// taken in the newer order.
    fn in_order(&self) -> Vec<bool> {
        let pairs: Vec<(usize, usize)> = (0..self.new_to_old.len())
            .filter_map(|n| self.new_to_old[n].map(|o| (n, o)))
            .collect();
        let mut keep = vec![false; self.new_to_old.len()];
        for i in longest_increasing(&pairs.iter().map(|p| p.1).collect::<Vec<_>>()) {
            keep[pairs[i].0] = true;
        }
        keep
    }

    fn rows(&self, a: &Side, b: &Side) -> Vec<Aligned> {
        let keep = self.in_order();
        let mut keyed: Vec<((usize, usize), Aligned)> = Vec::new();
        for (n, o) in self.new_to_old.iter().enumerate() {
            let row = match *o {
                Some(o) => self.matched_row(a, b, o, n, keep[n]),
                None => added_row(a, b, self, n),
            };
            keyed.push(((n + 1, 0), row));
        }
        for o in self.free_old() {
            keyed.push((self.deleted_key(o), deleted_row(a, b, self, o)));
        }
        keyed.sort_by_key(|(k, _)| *k);
        keyed.into_iter().map(|(_, r)| r).collect()
    }

    fn matched_row(&self, a: &Side, b: &Side, o: usize, n: usize, kept: bool) -> Aligned {
        let text_changed = a.texts[o] != b.texts[n];
        let change = match (kept, text_changed) {
            (false, _) => Change::Moved,
            (true, true) => Change::Changed,
            (true, false) => Change::Unchanged,
        };
        Aligned {
            old: Some(o),
            new: Some(n),
            change,
            text_changed,
            related: None,
        }
    }

    /// A deleted article goes after the row of the nearest older article that was matched.
    fn deleted_key(&self, o: usize) -> (usize, usize) {
        let before = (0..o).rev().find_map(|p| self.old_to_new[p]);
        (before.map_or(0, |n| n + 1), o + 1)
    }
}

fn added_row(a: &Side, b: &Side, m: &Matching, n: usize) -> Aligned {
    let from = (0..a.texts.len())
        .filter(|&o| m.old_to_new[o].is_some_and(|other| other != n))
        .find(|&o| contained(&b.bigrams[n], &a.bigrams[o]) >= CONTAINED);
    Aligned {
        old: None,
        new: Some(n),
        change: Change::Added,
        text_changed: true,
        related: from,
    }
}

fn deleted_row(a: &Side, b: &Side, m: &Matching, o: usize) -> Aligned {
    let into = (0..b.texts.len())
        .filter(|&n| m.new_to_old[n].is_some_and(|other| other != o))
        .find(|&n| contained(&a.bigrams[o], &b.bigrams[n]) >= CONTAINED);
    Aligned {
        old: Some(o),
        new: None,
        change: Change::Deleted,
        text_changed: true,
        related: into,
    }
}

/// Positions (into `xs`) of one longest strictly increasing subsequence, by patience sorting.
fn longest_increasing(xs: &[usize]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; xs.len()];
    for (i, &x) in xs.iter().enumerate() {
        let at = tails.partition_point(|&t| xs[t] < x);
        prev[i] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        out.push(i);
        cur = prev[i];
    }
    out.reverse();
    out
}
