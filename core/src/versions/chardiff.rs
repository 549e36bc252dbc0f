//! Character-level differences inside one changed article, for Chinese text without word spaces.
//!
//! The edit script is the `similar` crate's Myers diff over characters. A diff of characters
//! is noisy where one equal character sits between two edits (改 "应当" into "必须", sharing
//! nothing, still often shares a 的 or 和); such short equal runs are folded into the edits
//! around them so that a reader sees phrases, not confetti. Characters are compared folded
//! ([`super::fold`]): （一） and (一) are the same words.

use serde::{Deserialize, Serialize};
use similar::{capture_diff_slices, Algorithm, DiffOp};

/// Equal runs this short between two edits are shown as part of the edit.
const SHORT_EQUAL: usize = 2;

/// What a piece of text is to the reader of a diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PieceKind {
    Same,
    /// Only in the newer text.
    Inserted,
    /// Only in the older text.
    Deleted,
}

/// A run of text of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    pub kind: PieceKind,
    pub text: String,
}

/// The differences between `old` and `new`, as pieces in reading order (a deletion before the
/// insertion that replaces it).
pub fn char_diff(old: &str, new: &str) -> Vec<Piece> {
    let a: Vec<char> = old.chars().collect();
    let b: Vec<char> = new.chars().collect();
    let folded = |s: &[char]| s.iter().map(|&c| super::fold(c)).collect::<Vec<char>>();
    let mut raw = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &folded(&a), &folded(&b)) {
        let (_, old_r, new_r) = op.as_tag_tuple();
        let take = |s: &[char], r: std::ops::Range<usize>| s[r].iter().collect::<String>();
        match op {
            // Equal up to width: shown as the newer text writes it.
            DiffOp::Equal { .. } => raw.push(piece(PieceKind::Same, take(&b, new_r))),
            DiffOp::Delete { .. } => raw.push(piece(PieceKind::Deleted, take(&a, old_r))),
            DiffOp::Insert { .. } => raw.push(piece(PieceKind::Inserted, take(&b, new_r))),
            DiffOp::Replace { .. } => {
                raw.push(piece(PieceKind::Deleted, take(&a, old_r)));
                raw.push(piece(PieceKind::Inserted, take(&b, new_r)));
            }
        }
    }
    coalesce(fold_short_equals(raw))
}

fn piece(kind: PieceKind, text: String) -> Piece {
    Piece { kind, text }
}

/// Turns a short equal run between edits into a deletion plus an insertion of the same text.
fn fold_short_equals(pieces: Vec<Piece>) -> Vec<Piece> {
    let n = pieces.len();
    let mut out = Vec::with_capacity(n);
    for (i, p) in pieces.into_iter().enumerate() {
        let between_edits = i > 0 && i + 1 < n;
        if p.kind == PieceKind::Same && between_edits && p.text.chars().count() <= SHORT_EQUAL {
            out.push(piece(PieceKind::Deleted, p.text.clone()));
            out.push(piece(PieceKind::Inserted, p.text));
        } else {
            out.push(p);
        }
    }
    out
}

/// Joins neighbouring pieces of one kind and orders each run of edits deletions first.
fn coalesce(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let (mut del, mut ins) = (String::new(), String::new());
    let flush = |out: &mut Vec<Piece>, del: &mut String, ins: &mut String| {
        if !del.is_empty() {
            out.push(piece(PieceKind::Deleted, std::mem::take(del)));
        }
        if !ins.is_empty() {
            out.push(piece(PieceKind::Inserted, std::mem::take(ins)));
        }
    };
    for p in pieces {
        match p.kind {
            PieceKind::Deleted => del.push_str(&p.text),
            PieceKind::Inserted => ins.push_str(&p.text),
            PieceKind::Same => {
                flush(&mut out, &mut del, &mut ins);
                match out.last_mut() {
                    Some(last) if last.kind == PieceKind::Same => last.text.push_str(&p.text),
                    _ => out.push(p),
                }
            }
        }
    }
    flush(&mut out, &mut del, &mut ins);
    out
}
