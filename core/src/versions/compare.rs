//! A comparison of two texts as a page shows it: one row per article, with its labels, anchors
//! and marked words, built from [`align`](super::align) and [`char_diff`](super::char_diff).

use super::{align, char_diff, Article, Change, Piece, PieceKind};
use crate::structure::{marker_at_start, Unit};
use serde::{Deserialize, Serialize};

/// One article of one text, as a comparison needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleText {
    /// Its anchor in the text's page, e.g. `art-12`.
    pub anchor: String,
    /// e.g. 第十二条.
    pub label: String,
    /// Its text after the label, paragraphs joined by line breaks.
    pub text: String,
}

impl ArticleText {
    fn number(&self) -> Option<u32> {
        marker_at_start(&self.label)
            .filter(|m| m.unit == Unit::Article)
            .map(|m| m.number)
    }
}

/// Where an article stands in one of the two texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub anchor: String,
    pub label: String,
}

/// One row of a comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    pub change: Change,
    /// The article in the older text.
    pub old: Option<Place>,
    /// The article in the newer text.
    pub new: Option<Place>,
    /// For an addition split off an older article, or a deletion merged into a newer one: that
    /// article's label in the other text.
    pub related: Option<String>,
    /// The text: all `Same` when unchanged, marked words when changed, all inserted or deleted
    /// for an addition or deletion.
    pub pieces: Vec<Piece>,
}

/// Compares two texts article by article.
pub fn compare(old: &[ArticleText], new: &[ArticleText]) -> Vec<Row> {
    let place = |xs: &[ArticleText], i: usize| Place {
        anchor: xs[i].anchor.clone(),
        label: xs[i].label.clone(),
    };
    align(&inputs(old), &inputs(new))
        .into_iter()
        .map(|r| Row {
            change: r.change,
            old: r.old.map(|i| place(old, i)),
            new: r.new.map(|i| place(new, i)),
            related: r.related.map(|i| match r.change {
                Change::Added => old[i].label.clone(),
                _ => new[i].label.clone(),
            }),
            pieces: pieces(r.old.map(|i| &old[i].text), r.new.map(|i| &new[i].text)),
        })
        .collect()
}

/// What alignment reads of each article.
fn inputs(xs: &[ArticleText]) -> Vec<Article<'_>> {
    xs.iter()
        .map(|x| Article {
            number: x.number(),
            text: &x.text,
        })
        .collect()
}

fn pieces(old: Option<&String>, new: Option<&String>) -> Vec<Piece> {
    let whole = |kind, text: &String| {
        vec![Piece {
            kind,
            text: text.clone(),
        }]
    };
    match (old, new) {
        (Some(o), Some(n)) if o == n => whole(PieceKind::Same, n),
        (Some(o), Some(n)) => char_diff(o, n),
        (None, Some(n)) => whole(PieceKind::Inserted, n),
        (Some(o), None) => whole(PieceKind::Deleted, o),
        (None, None) => Vec::new(),
    }
}

/// For each article of the last text, the index of the text in which it last changed (was
/// added, changed or moved), following it back through `texts` (oldest first); absent when it
/// is unchanged since the first text. Keyed by the article's anchor in the last text.
pub fn last_changed(texts: &[Vec<ArticleText>]) -> Vec<(String, usize)> {
    let Some(last) = texts.last() else {
        return Vec::new();
    };
    // For each step k (texts k-1 → k): the row of each article of text k.
    let steps: Vec<Vec<Option<super::Aligned>>> = (1..texts.len())
        .map(|k| by_new(&texts[k - 1], &texts[k]))
        .collect();
    let mut out = Vec::new();
    for (i, art) in last.iter().enumerate() {
        let mut at = Some(i);
        for k in (1..texts.len()).rev() {
            let Some(row) = at.and_then(|a| steps[k - 1][a]) else {
                break;
            };
            if row.change != Change::Unchanged {
                out.push((art.anchor.clone(), k));
                break;
            }
            at = row.old;
        }
    }
    out
}

/// The alignment of two texts, as one entry per article of the newer.
fn by_new(old: &[ArticleText], new: &[ArticleText]) -> Vec<Option<super::Aligned>> {
    let mut out = vec![None; new.len()];
    for row in align(&inputs(old), &inputs(new)) {
        if let Some(n) = row.new {
            out[n] = Some(row);
        }
    }
    out
}
