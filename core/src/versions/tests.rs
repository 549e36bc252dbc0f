//! Alignment and character-diff cases named by issue 17, plus a property: a text against itself.

use super::*;
use crate::date::Date;
use crate::schema::{Version, VersionKind};
use proptest::prelude::*;

/// Articles numbered 1.. from their texts.
fn arts<'a>(texts: &[&'a str]) -> Vec<Article<'a>> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| Article {
            number: Some(i as u32 + 1),
            text: t,
        })
        .collect()
}

/// Rows as (old, new, change) with 1-based numbers, for short assertions.
fn rows(old: &[&str], new: &[&str]) -> Vec<(Option<usize>, Option<usize>, Change)> {
    align(&arts(old), &arts(new))
        .into_iter()
        .map(|r| (r.old.map(|o| o + 1), r.new.map(|n| n + 1), r.change))
        .collect()
}

const A: &str = "为了规范电子政务的建设与管理，推进依法行政，制定本办法。";
const B: &str = "本办法所称电子政务，是指国家机关应用信息与网络技术的活动。";
const C: &str = "县级以上信息化主管部门是电子政务建设管理的主管部门。";
const D: &str = "电子政务网络由政务内网和政务外网组成，实行统一管理制度。";
const E: &str = "违反本办法规定的，由主管部门责令限期改正，并予以通报批评。";
const NEW: &str = "数据共享应当遵循以共享为原则、不共享为例外的要求，不得擅自收费。";

use Change::*;

#[test]
fn insertion_renumbers_the_rest_without_changing_them() {
    let got = rows(&[A, B, C], &[A, NEW, B, C]);
    let want = vec![
        (Some(1), Some(1), Unchanged),
        (None, Some(2), Added),
        (Some(2), Some(3), Unchanged),
        (Some(3), Some(4), Unchanged),
    ];
    assert_eq!(got, want);
}

#[test]
fn deletion_renumbers_the_rest() {
    let got = rows(&[A, B, C, D], &[A, C, D]);
    let want = vec![
        (Some(1), Some(1), Unchanged),
        (Some(2), None, Deleted),
        (Some(3), Some(2), Unchanged),
        (Some(4), Some(3), Unchanged),
    ];
    assert_eq!(got, want);
}

#[test]
fn pure_renumbering_is_unchanged_with_both_numbers() {
    let old = [
        Article {
            number: Some(5),
            text: A,
        },
        Article {
            number: Some(6),
            text: B,
        },
    ];
    let new = arts(&[A, B]);
    let got = align(&old, &new);
    assert!(got.iter().all(|r| r.change == Unchanged && !r.text_changed));
    assert_eq!((got[0].old, got[0].new), (Some(0), Some(0)));
}

#[test]
fn an_edited_article_is_changed_and_its_diff_marks_the_words() {
    let edited = "为了规范电子政务的建设与管理，推进依法行政和政务公开，制定本办法。";
    let got = align(&arts(&[A, B]), &arts(&[edited, B]));
    assert_eq!(got[0].change, Changed);
    assert!(got[0].text_changed);
    let pieces = char_diff(A, edited);
    let inserted: Vec<&str> = pieces
        .iter()
        .filter(|p| p.kind == PieceKind::Inserted)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(inserted, vec!["和政务公开"]);
    assert!(pieces.iter().all(|p| p.kind != PieceKind::Deleted));
}

#[test]
fn a_rewritten_article_keeps_its_place_by_number() {
    // Nothing in common with the old 第二条, but it stands where it stood: 将第二条修改为 ….
    let got = rows(&[A, B, C], &[A, NEW, C]);
    assert_eq!(got[1], (Some(2), Some(2), Changed));
}

#[test]
fn a_moved_article_is_one_move_not_a_delete_and_an_add() {
    let got = rows(&[A, B, C, D, E], &[A, C, D, E, B]);
    let moved: Vec<_> = got.iter().filter(|r| r.2 == Moved).collect();
    assert_eq!(moved, vec![&(Some(2), Some(5), Moved)]);
    assert!(got.iter().all(|r| r.2 != Added && r.2 != Deleted));
}

#[test]
fn a_split_article_is_changed_plus_an_addition_from_it() {
    let whole = "县级以上信息化主管部门是电子政务建设管理的主管部门。电子政务网络由政务内网和政务外网组成，实行统一管理制度。";
    let got = align(&arts(&[A, whole, E]), &arts(&[A, C, D, E]));
    // One half keeps the old 第二条's identity (the closer text), the other is split from it.
    let halves = &got[1..3];
    let changed: Vec<_> = halves.iter().filter(|r| r.change == Changed).collect();
    let added: Vec<_> = halves.iter().filter(|r| r.change == Added).collect();
    assert_eq!((changed.len(), added.len()), (1, 1), "{got:?}");
    assert_eq!(changed[0].old, Some(1));
    assert_eq!(added[0].related, Some(1), "split from the old 第二条");
    assert_eq!(got[3].change, Unchanged);
}

#[test]
fn a_merged_article_is_changed_plus_a_deletion_into_it() {
    let whole = "县级以上信息化主管部门是电子政务建设管理的主管部门。电子政务网络由政务内网和政务外网组成，实行统一管理制度。";
    let got = align(&arts(&[A, C, D, E]), &arts(&[A, whole, E]));
    let deleted: Vec<_> = got.iter().filter(|r| r.change == Deleted).collect();
    assert_eq!(deleted.len(), 1);
    assert_eq!(deleted[0].related, Some(1), "merged into the new 第二条");
    assert_eq!(got.iter().filter(|r| r.change == Changed).count(), 1);
}

#[test]
fn identical_versions_are_unchanged_throughout() {
    let got = rows(&[A, B, C, D, E], &[A, B, C, D, E]);
    assert!(got.iter().all(|r| r.2 == Unchanged));
    assert_eq!(got.len(), 5);
}

#[test]
fn empty_versions() {
    assert!(align(&[], &[]).is_empty());
    assert_eq!(
        rows(&[], &[A, B]),
        vec![(None, Some(1), Added), (None, Some(2), Added)]
    );
    assert_eq!(rows(&[A], &[]), vec![(Some(1), None, Deleted)]);
}

#[test]
fn whitespace_is_layout_not_a_change() {
    let spaced = "为了规范电子政务的建设与管理，\u{3000}推进依法行政，制定本办法。\n";
    assert_eq!(rows(&[A], &[spaced]), vec![(Some(1), Some(1), Unchanged)]);
}

#[test]
fn zero_width_characters_are_layout_not_a_change() {
    // As the corpus's 公司法 (2023-12-29) spaces its paragraphs: a line of one U+200B.
    let spaced = "为了规范电子政务的建设\u{200b}与管理，推进依法行政，制定本办法。\n\u{200b}\n";
    assert_eq!(rows(&[A], &[spaced]), vec![(Some(1), Some(1), Unchanged)]);
}

#[test]
fn char_diff_folds_one_shared_character_between_edits() {
    // 应当予以 → 必须给予: the shared 予 alone would split one replacement in two.
    let pieces = char_diff("应当予以通报", "必须给予通报");
    let kinds: Vec<PieceKind> = pieces.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        vec![PieceKind::Deleted, PieceKind::Inserted, PieceKind::Same]
    );
    assert_eq!(pieces[0].text, "应当予以");
    assert_eq!(pieces[1].text, "必须给予");
}

#[test]
fn char_diff_rebuilds_both_texts() {
    let (old, new) = (A, "为了规范数字政府的建设，推进依法行政，特制定本办法。");
    let pieces = char_diff(old, new);
    let side = |skip: PieceKind| -> String {
        pieces
            .iter()
            .filter(|p| p.kind != skip)
            .map(|p| p.text.as_str())
            .collect()
    };
    assert_eq!(side(PieceKind::Inserted), old);
    assert_eq!(side(PieceKind::Deleted), new);
}

#[test]
fn the_version_standing_on_a_day() {
    let d = |s: &str| s.parse::<Date>().unwrap();
    let v = |p: &str, e: Option<&str>| Version {
        published: d(p),
        effective: e.map(d),
        kind: VersionKind::Amended,
        amending: None,
    };
    let versions = [
        v("2006-12-29", Some("2007-06-01")),
        v("2012-10-26", Some("2013-01-01")),
        v("2020-10-17", Some("2021-06-01")),
    ];
    assert_eq!(standing_on(&versions, d("2007-05-31")), None);
    assert_eq!(standing_on(&versions, d("2007-06-01")), Some(0));
    assert_eq!(standing_on(&versions, d("2012-12-31")), Some(0));
    assert_eq!(standing_on(&versions, d("2013-01-01")), Some(1));
    assert_eq!(standing_on(&versions, d("2026-12-02")), Some(2));
}

proptest! {
    #[test]
    fn a_version_aligned_with_itself_is_unchanged(
        texts in prop::collection::vec("[电子政务网络管理办法第条款项，。]{0,40}", 0..40)
    ) {
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let got = align(&arts(&refs), &arts(&refs));
        prop_assert_eq!(got.len(), refs.len());
        for (i, r) in got.iter().enumerate() {
            prop_assert_eq!(r.change, Unchanged);
            prop_assert_eq!((r.old, r.new), (Some(i), Some(i)));
        }
    }

    #[test]
    fn every_article_appears_once(
        old in prop::collection::vec("[政务网络管理，。]{1,12}", 0..25),
        new in prop::collection::vec("[政务网络管理，。]{1,12}", 0..25),
    ) {
        let (o, n): (Vec<&str>, Vec<&str>) = (
            old.iter().map(String::as_str).collect(),
            new.iter().map(String::as_str).collect(),
        );
        let got = align(&arts(&o), &arts(&n));
        let mut olds: Vec<usize> = got.iter().filter_map(|r| r.old).collect();
        let news: Vec<usize> = got.iter().filter_map(|r| r.new).collect();
        olds.sort_unstable();
        prop_assert_eq!(olds, (0..o.len()).collect::<Vec<_>>());
        prop_assert_eq!(news, (0..n.len()).collect::<Vec<_>>());
    }
}

fn text(anchor: &str, label: &str, body: &str) -> ArticleText {
    ArticleText {
        anchor: anchor.into(),
        label: label.into(),
        text: body.into(),
    }
}

#[test]
fn a_comparison_names_both_places_and_marks_words() {
    let old = vec![text("art-1", "第一条", A), text("art-2", "第二条", B)];
    let edited = "本办法所称电子政务，是指国家机关应用信息与网络技术提供服务的活动。";
    let new = vec![
        text("art-1", "第一条", A),
        text("art-2", "第二条", NEW),
        text("art-3", "第三条", edited),
    ];
    let rows = compare(&old, &new);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1].change, Added);
    assert_eq!(rows[1].pieces[0].kind, PieceKind::Inserted);
    let changed = &rows[2];
    assert_eq!(changed.change, Changed);
    assert_eq!(changed.old.as_ref().unwrap().label, "第二条");
    assert_eq!(changed.new.as_ref().unwrap().anchor, "art-3");
    assert!(changed
        .pieces
        .iter()
        .any(|p| p.kind == PieceKind::Inserted && p.text == "提供服务"));
}

#[test]
fn last_changed_follows_an_article_back_through_renumbering() {
    let v0 = vec![text("art-1", "第一条", A), text("art-2", "第二条", B)];
    let edited = "为了规范电子政务的建设与管理，推进依法行政和政务公开，制定本办法。";
    let v1 = vec![text("art-1", "第一条", edited), text("art-2", "第二条", B)];
    let v2 = vec![
        text("art-1", "第一条", edited),
        text("art-2", "第二条", NEW),
        text("art-3", "第三条", B),
    ];
    let got = last_changed(&[v0, v1, v2]);
    // 第一条 changed in text 1; 第二条 was added in text 2; 第三条 (old 第二条) never changed.
    assert_eq!(
        got,
        vec![("art-1".to_string(), 1), ("art-2".to_string(), 2)]
    );
}

#[test]
fn width_alone_is_no_change() {
    let (old, new) = ("(一)取得营业执照；", "（一）取得营业执照；");
    assert_eq!(rows(&[old], &[new]), vec![(Some(1), Some(1), Unchanged)]);
    let pieces = char_diff(old, new);
    assert_eq!(pieces.len(), 1);
    assert_eq!(
        pieces[0],
        Piece {
            kind: PieceKind::Same,
            text: new.into()
        }
    );
}
