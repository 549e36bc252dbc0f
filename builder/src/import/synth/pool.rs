//! What the synthetic corpus samples from: real articles, title phrases, chapter names and
//! place names, read once from the real corpus with the `lawrefbook` importer's own parsing.
//!
//! Article texts go into one arena string, so memory is bounded by the corpus size and never
//! grows with the number of items generated.

use super::super::{convert, walk};
use anyhow::{bail, Context};
use gongkai_core::structure::{marker_at_start, Unit};
use std::collections::BTreeSet;
use std::path::Path;

/// Articles longer than this (tables, schedules) read badly out of context.
const MAX_ARTICLE_BYTES: usize = 1500;
/// Articles shorter than this are mostly 「（删除）」 stubs.
const MIN_ARTICLE_CHARS: usize = 12;

/// The sampling pools. Every list is non-empty once [`Pool::build`] succeeds.
#[derive(Debug, Default)]
pub struct Pool {
    /// City names (青岛市 …) from the congresses that adopted local regulations.
    pub places: Vec<String>,
    /// Topic phrases cut from real titles (文明行为促进, 专利代理 …).
    pub phrases: Vec<String>,
    /// Chapter names other than 总则 and 附则.
    pub chapters: Vec<String>,
    /// Laws that gave at least one article.
    pub laws: usize,
    text: String,
    articles: Vec<Article>,
}

/// One article in the arena: its text without the 第X条 label, and the law it came from.
#[derive(Debug, Clone, Copy)]
struct Article {
    start: u32,
    end: u32,
    law: u32,
}

impl Pool {
    /// Reads every corpus file in path order; files the importer cannot convert are skipped.
    pub fn build(src: &Path) -> anyhow::Result<Pool> {
        if !src.is_dir() {
            bail!(
                "corpus folder {} does not exist or is not a folder",
                src.display()
            );
        }
        let mut pool = Pool::default();
        let mut places = BTreeSet::new();
        let mut phrases = BTreeSet::new();
        let mut chapters = BTreeSet::new();
        for (rel, path) in walk::files(src)? {
            let bytes = std::fs::read(&path).with_context(|| format!("reading {rel}"))?;
            let Ok(law) = convert::convert(&rel, bytes) else {
                continue;
            };
            collect_places(&law.issuers, &mut places);
            phrases.extend(title_phrase(&law.title));
            pool.add_body(&law.body, &mut chapters);
        }
        pool.places = places.into_iter().collect();
        pool.phrases = phrases.into_iter().collect();
        pool.chapters = chapters.into_iter().collect();
        pool.ensure_usable(src)?;
        Ok(pool)
    }

    fn ensure_usable(&self, src: &Path) -> anyhow::Result<()> {
        let empty = [
            ("articles (第X条)", self.articles.is_empty()),
            ("city names", self.places.is_empty()),
            ("title phrases", self.phrases.is_empty()),
            ("chapter names", self.chapters.is_empty()),
        ];
        match empty.iter().find(|(_, e)| *e) {
            Some((what, _)) => bail!("the corpus at {} yields no {what}", src.display()),
            None => Ok(()),
        }
    }

    pub fn article_count(&self) -> usize {
        self.articles.len()
    }

    /// The text of article `i` (without its label).
    pub fn article(&self, i: usize) -> &str {
        let a = self.articles[i];
        &self.text[a.start as usize..a.end as usize]
    }

    /// Whether articles `i` and `j` come from the same law, so runs of them read as one text.
    pub fn same_law(&self, i: usize, j: usize) -> bool {
        match (self.articles.get(i), self.articles.get(j)) {
            (Some(a), Some(b)) => a.law == b.law,
            _ => false,
        }
    }

    /// Cuts a body into articles: a 第X条 paragraph and the paragraphs that follow it, up to
    /// the next marker or heading. Chapter headings feed the chapter-name pool.
    fn add_body(&mut self, body: &str, chapters: &mut BTreeSet<String>) {
        let law = self.laws as u32;
        let mut current: Option<String> = None;
        for para in body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            let heading = para.trim_start_matches('#').trim_start();
            let marker = marker_at_start(heading);
            let is_break = para.starts_with('#') || marker.is_some();
            if is_break {
                self.push_article(current.take(), law);
            }
            match marker {
                Some(m) if m.unit == Unit::Article && !para.starts_with('#') => {
                    current = Some(
                        heading[m.len..]
                            .trim_start_matches([' ', '\u{3000}'])
                            .into(),
                    );
                }
                Some(m) if m.unit == Unit::Chapter => {
                    chapters.extend(chapter_name(&heading[m.len..]))
                }
                _ => {
                    if let Some(text) = current.as_mut().filter(|_| !is_break) {
                        text.push_str("\n\n");
                        text.push_str(para);
                    }
                }
            }
        }
        self.push_article(current.take(), law);
        if self.articles.last().is_some_and(|a| a.law == law) {
            self.laws += 1;
        }
    }

    fn push_article(&mut self, text: Option<String>, law: u32) {
        let Some(text) = text.filter(|t| usable_article(t)) else {
            return;
        };
        let start = self.text.len() as u32;
        self.text.push_str(&text);
        let end = self.text.len() as u32;
        self.articles.push(Article { start, end, law });
    }
}

/// Leaves out stubs, long schedules, tables, images and raw HTML.
fn usable_article(text: &str) -> bool {
    text.len() <= MAX_ARTICLE_BYTES
        && text.chars().count() >= MIN_ARTICLE_CHARS
        && !text.contains(['|', '<', '>', '[', ']', '\\', '*', '`'])
        && !text.contains("删除")
}

/// The place of a local congress: 青岛市人民代表大会常务委员会 → 青岛市.
fn collect_places(issuers: &[String], places: &mut BTreeSet<String>) {
    for name in issuers {
        let place = name
            .strip_suffix("人民代表大会常务委员会")
            .or_else(|| name.strip_suffix("人民代表大会"));
        if let Some(place) = place.filter(|p| p.ends_with('市') && p.chars().count() <= 5) {
            places.insert(place.to_string());
        }
    }
}

/// Suffixes that say what kind of act a title names, longest first.
const ACT_SUFFIXES: &[&str] = &[
    "实施细则",
    "实施办法",
    "管理办法",
    "暂行办法",
    "若干规定",
    "管理规定",
    "暂行规定",
    "管理条例",
    "实施条例",
    "条例",
    "办法",
    "规定",
    "细则",
    "规则",
];

/// The subject of a title: 东莞市文明行为促进条例 → 文明行为促进. Titles that are decisions,
/// amendments or interpretations, or that quote other acts, give none.
fn title_phrase(title: &str) -> Option<String> {
    let mut t = title.strip_prefix("中华人民共和国").unwrap_or(title);
    // A leading place of two to four characters (山东省, 青岛市), but not the 市 of 市场.
    if let Some(pos) = t.find(['市', '省']).filter(|p| (6..=12).contains(p)) {
        t = &t[pos + 3..];
    }
    let phrase = ACT_SUFFIXES.iter().find_map(|s| t.strip_suffix(s))?;
    // 暂行 belongs to the act, not the subject: a new suffix is added to the phrase.
    let phrase = phrase.strip_suffix("暂行").unwrap_or(phrase);
    let n = phrase.chars().count();
    let plain = phrase
        .chars()
        .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let ok = plain && (2..=14).contains(&n) && !phrase.contains("关于") && !phrase.ends_with('法');
    ok.then(|| phrase.to_string())
}

/// A chapter name worth reusing: 第二章 专利代理机构 → 专利代理机构; not 总则 or 附则.
fn chapter_name(rest: &str) -> Option<String> {
    let name: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    let n = name.chars().count();
    let plain = name.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let ok = plain && (2..=12).contains(&n) && name != "总则" && name != "附则";
    ok.then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_from_titles() {
        assert_eq!(
            title_phrase("东莞市文明行为促进条例").as_deref(),
            Some("文明行为促进")
        );
        assert_eq!(title_phrase("专利代理条例").as_deref(), Some("专利代理"));
        assert_eq!(title_phrase("山东省水资源条例").as_deref(), Some("水资源"));
        assert_eq!(
            title_phrase("社会保险费征缴暂行条例").as_deref(),
            Some("社会保险费征缴")
        );
        assert_eq!(title_phrase("中华人民共和国刑法"), None);
        assert_eq!(title_phrase("关于修改《某某条例》的决定"), None);
    }

    #[test]
    fn articles_keep_their_paragraphs_and_stop_at_headings() {
        let mut pool = Pool::default();
        let mut chapters = BTreeSet::new();
        let body = "## 第一章 总则\n\n第一条 为了规范专利代理行为，制定本条例。\n\n专利代理机构应当按照委托办理事务。\n\n## 第二章 专利代理机构\n\n第二条 （删除）\n\n第三条 专利代理机构的组织形式应当为合伙企业。\n";
        pool.add_body(body, &mut chapters);
        assert_eq!(pool.article_count(), 2);
        assert_eq!(
            pool.article(0),
            "为了规范专利代理行为，制定本条例。\n\n专利代理机构应当按照委托办理事务。"
        );
        assert!(pool.same_law(0, 1));
        assert_eq!(chapters.into_iter().collect::<Vec<_>>(), ["专利代理机构"]);
        assert_eq!(pool.laws, 1);
    }
}
