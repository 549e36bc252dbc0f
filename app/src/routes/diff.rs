//! The comparison of two texts of a regulation: article by article, changed words marked with
//! `<del>`/`<ins>` (struck through, underlined and labelled for screen readers: never colour
//! alone), moves shown as moves, runs of unchanged articles folded; it prints as it reads.

use crate::components::layout::page_title;
use crate::components::versions::{version_name, VersionList};
use gongkai_core::schema::Version;
use gongkai_core::site::{item_route, route_of_version};
use gongkai_core::versions::{Change, Piece, PieceKind, Row};
use leptos::prelude::*;

/// What a comparison page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffPage {
    pub id: String,
    pub title: String,
    pub versions: Vec<Version>,
    /// Indexes into `versions`, older first.
    pub from: usize,
    pub to: usize,
    pub rows: Vec<Row>,
}

#[component]
pub fn DiffRoute(page: DiffPage) -> impl IntoView {
    let (from, to) = (&page.versions[page.from], &page.versions[page.to]);
    let heading = format!(
        "{}：{} 与 {} 的文本比较",
        page.title, from.published, to.published
    );
    let link = |i: usize| {
        let v = &page.versions[i];
        view! { <a href=route_of_version(&page.id, &page.versions, i)>{version_name(v)}</a> }
    };
    view! {
        <article class="diff">
            <header class="item-header">
                <p class="item-kind"><a href=item_route(&page.id)>{page.title.clone()}</a></p>
                {page_title(heading, None)}
                <p class="diff-between">"旧文本："{link(page.from)}"　新文本："{link(page.to)}</p>
                <p class="diff-counts">{counts(&page.rows)}</p>
                <p class="diff-legend">
                    "标记说明：" <del>"删除的文字"</del> "（删除线）　" <ins>"新增的文字"</ins> "（下划线）"
                </p>
            </header>
            <div class="diff-rows">{rows(&page.rows)}</div>
            <VersionList id=page.id.clone() versions=page.versions.clone() shown=page.to />
        </article>
    }
}

/// `修改 3 条，新增 1 条，…`.
fn counts(rows: &[Row]) -> String {
    let kinds = [
        (Change::Changed, "修改"),
        (Change::Added, "新增"),
        (Change::Deleted, "删除"),
        (Change::Moved, "移动"),
        (Change::Unchanged, "未改动"),
    ];
    let parts: Vec<String> = kinds
        .iter()
        .map(|(k, label)| (label, rows.iter().filter(|r| r.change == *k).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(label, n)| format!("{label} {n} 条"))
        .collect();
    format!("{}。", parts.join("，"))
}

/// Rows in order, each run of unchanged articles folded into one `<details>`.
fn rows(rows: &[Row]) -> impl IntoView {
    let mut out = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let run = rows[i..]
            .iter()
            .take_while(|r| r.change == Change::Unchanged)
            .count();
        if run > 0 {
            out.push(unchanged_run(&rows[i..i + run]).into_any());
            i += run;
        } else {
            out.push(changed_row(&rows[i]).into_any());
            i += 1;
        }
    }
    out.collect_view()
}

fn unchanged_run(run: &[Row]) -> impl IntoView {
    let label = |r: &Row| r.new.as_ref().map_or(String::new(), |p| p.label.clone());
    let span = match run {
        [one] => label(one),
        [first, .., last] => format!("{}至{}", label(first), label(last)),
        [] => String::new(),
    };
    let texts = run
        .iter()
        .map(|r| {
            let id = r.new.as_ref().map(|p| p.anchor.clone());
            view! { <p id=id><span class="art-no">{label(r)}</span>"　"{text_of(&r.pieces)}</p> }
        })
        .collect_view();
    view! {
        <details class="diff-unchanged">
            <summary>{format!("{span}：未改动（{} 条）", run.len())}</summary>
            {texts}
        </details>
    }
}

fn changed_row(row: &Row) -> impl IntoView {
    let (kind, class) = match row.change {
        Change::Changed => ("修改", "diff-changed"),
        Change::Added => ("新增", "diff-added"),
        Change::Deleted => ("删除", "diff-deleted"),
        Change::Moved => ("移动", "diff-moved"),
        Change::Unchanged => ("未改动", "diff-same"),
    };
    let id = match (&row.new, &row.old) {
        (Some(n), _) => n.anchor.clone(),
        (None, Some(o)) => format!("old-{}", o.anchor),
        (None, None) => String::new(),
    };
    view! {
        <section class=format!("diff-row {class}") id=id>
            <h2 class="diff-head">
                <span class="diff-kind">{format!("【{kind}】")}</span>
                {where_(row)}
            </h2>
            <p class="diff-text">{marked(&row.pieces)}</p>
        </section>
    }
}

/// 第十三条（原第十二条）, 第二十条 → 第二十五条, or the one label a row has.
fn where_(row: &Row) -> String {
    let related = |verb: &str| row.related.as_ref().map(|r| format!("（{verb}{r}）"));
    match (&row.old, &row.new) {
        (Some(o), Some(n)) if row.change == Change::Moved => {
            format!("原{}移至{}", o.label, n.label)
        }
        (Some(o), Some(n)) if o.label != n.label => format!("{}（原{}）", n.label, o.label),
        (_, Some(n)) => format!(
            "{}{}",
            n.label,
            related("由原文本拆出：").unwrap_or_default()
        ),
        (Some(o), None) => format!("原{}{}", o.label, related("并入").unwrap_or_default()),
        (None, None) => String::new(),
    }
}

fn text_of(pieces: &[Piece]) -> String {
    pieces.iter().map(|p| p.text.as_str()).collect()
}

/// Pieces as text, `<del>` and `<ins>`. Each mark's spoken label ([删除：…], [新增：…]) is CSS
/// generated content (public/style.css), not two more elements per mark: the largest real
/// comparison has about 1,000 marks.
fn marked(pieces: &[Piece]) -> impl IntoView {
    pieces
        .iter()
        .map(|p| {
            let text = p.text.clone();
            match p.kind {
                PieceKind::Same => text.into_any(),
                PieceKind::Deleted => view! { <del>{text}</del> }.into_any(),
                PieceKind::Inserted => view! { <ins>{text}</ins> }.into_any(),
            }
        })
        .collect_view()
}
