//! The pages of a regulation's history: each earlier text at `/items/<id>/v/<date>/`, the
//! comparison of every two texts at `/items/<id>/diff/<from>/<to>/`, and the marks on the
//! current text saying when each article last changed. All pre-rendered, like item pages.

use super::pages::{file_of, Pages};
use super::write::Writer;
use crate::index::articles::cut;
use crate::load::{Content, SourceItem};
use crate::render::changes::{mark_changes, ChangeMark};
use crate::render::render;
use gongkai_app::prerender::DiffPage;
use gongkai_core::site::{diff_route, route_of_version, ItemPage};
use gongkai_core::structure::marker_at_start;
use gongkai_core::versions::{compare, last_changed, ArticleText};
use gongkai_core::{Item, Regulation};

/// Above this many texts, only neighbours and each text against the current one are compared
/// (every pair would grow with the square of the history).
const ALL_PAIRS_UP_TO: usize = 8;

/// Writes the history pages of every regulation that has versions; returns how many.
pub fn write_all(content: &Content, writer: &Writer, pages: &Pages) -> anyhow::Result<usize> {
    let with_history: Vec<&SourceItem> = content
        .items
        .iter()
        .filter(|s| !s.versions.is_empty())
        .collect();
    let counts = crate::parallel::in_order(&with_history, |s| write_one(s, writer, pages));
    counts.into_iter().sum()
}

fn write_one(source: &SourceItem, writer: &Writer, pages: &Pages) -> anyhow::Result<usize> {
    let Item::Regulation(reg) = &source.item else {
        return Ok(0);
    };
    let bodies = bodies(source)?;
    let mut written = 0;
    for (i, body) in bodies.iter().enumerate().take(bodies.len() - 1) {
        let rendered = render(body);
        let page = ItemPage {
            item: source.item.clone(),
            html: rendered.html,
            toc: rendered.toc,
            version: Some(i),
        };
        let route = route_of_version(&reg.id, &reg.versions, i);
        writer.page(&file_of(&route), pages.item(page).as_bytes())?;
        written += 1;
    }
    let texts: Vec<Vec<ArticleText>> = bodies.iter().map(|b| articles(b)).collect();
    for (from, to) in pairs(texts.len()) {
        let page = DiffPage {
            id: reg.id.clone(),
            title: reg.title.clone(),
            versions: reg.versions.clone(),
            from,
            to,
            rows: compare(&texts[from], &texts[to]),
        };
        let (a, b) = (&reg.versions[from], &reg.versions[to]);
        let route = diff_route(&reg.id, a.published, b.published);
        writer.page(&file_of(&route), pages.diff(page).as_bytes())?;
        written += 1;
    }
    Ok(written)
}

/// Every text's body, oldest first, the item's own last.
fn bodies(source: &SourceItem) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::with_capacity(source.versions.len() + 1);
    for v in &source.versions {
        out.push(v.body()?);
    }
    out.push(source.body()?);
    Ok(out)
}

/// The pairs of texts compared: all of them, or for a long history neighbours and each against
/// the current text.
pub fn pairs(n: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for to in 1..n {
        for from in 0..to {
            if n <= ALL_PAIRS_UP_TO || from + 1 == to || to + 1 == n {
                out.push((from, to));
            }
        }
    }
    out
}

/// A body's articles as comparison reads them: anchor, label and the text after the label.
pub fn articles(body: &str) -> Vec<ArticleText> {
    cut(body)
        .articles
        .into_iter()
        .map(|a| {
            let mut text = a.blocks.join("\n");
            if let Some(m) = marker_at_start(&text) {
                text = text[m.len..]
                    .trim_start_matches([' ', '\u{3000}'])
                    .to_string();
            }
            ArticleText {
                anchor: a.anchor,
                label: a.label,
                text,
            }
        })
        .collect()
}

/// The current text's HTML with, after each article's number, when it last changed.
pub fn marked_current(
    source: &SourceItem,
    reg: &Regulation,
    html: String,
) -> anyhow::Result<String> {
    if source.versions.is_empty() {
        return Ok(html);
    }
    let texts: Vec<Vec<ArticleText>> = bodies(source)?.iter().map(|b| articles(b)).collect();
    let marks: Vec<ChangeMark> = last_changed(&texts)
        .into_iter()
        .map(|(anchor, k)| {
            let (a, b) = (&reg.versions[k - 1], &reg.versions[k]);
            ChangeMark {
                anchor,
                href: diff_route(&reg.id, a.published, b.published),
                label: format!("{} {}改动", b.published, b.kind.label()),
            }
        })
        .collect();
    Ok(mark_changes(&html, &marks))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_histories_compare_neighbours_and_the_current_text() {
        assert_eq!(pairs(3), vec![(0, 1), (0, 2), (1, 2)]);
        assert_eq!(pairs(1), vec![]);
        let long = pairs(10);
        assert!(long.contains(&(3, 4)) && long.contains(&(0, 9)) && !long.contains(&(0, 2)));
        assert_eq!(long.len(), 9 + 8);
    }

    #[test]
    fn articles_lose_their_label() {
        let got = articles("第一条　为了规范。\n\n第二条 本办法适用。\n");
        assert_eq!(got.len(), 2);
        assert_eq!(
            (got[0].label.as_str(), got[0].text.as_str()),
            ("第一条", "为了规范。")
        );
        assert_eq!(got[1].anchor, "art-2");
    }
}
