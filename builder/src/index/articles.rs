//! Cuts a Markdown body into plain-text blocks and articles (第N条), exactly as the renderer does.
//!
//! Deep links from search results only work if the anchors here are the renderer's anchors, so
//! this walks the same pulldown-cmark events with the same rules as `render::anchors`: a
//! paragraph line whose first text starts with a marker opens a block, headings whose text starts
//! with a marker get an anchor, and every marker goes through one `AnchorState` with the same
//! `-2` suffix for repeats. Text after an article that is not itself structure (numbered items,
//! tables, attachments) belongs to that article; text before the first article is the preamble.

use gongkai_core::search::tokenizer::is_cjk;
use gongkai_core::structure::{marker_at_start, AnchorState, Marker, Unit};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A body as plain text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CutBody {
    /// Every block of text, in order.
    pub blocks: Vec<String>,
    /// Blocks outside any article (before the first, or between a chapter heading and an article).
    pub preamble: Vec<String>,
    pub articles: Vec<Article>,
}

/// One article's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// As in the page, e.g. `art-12`.
    pub anchor: String,
    /// e.g. 第十二条.
    pub label: String,
    pub blocks: Vec<String>,
}

/// Where the text being read goes.
#[derive(Default)]
struct Cutter {
    out: CutBody,
    state: AnchorState,
    /// The block being read.
    block: String,
    /// Whether the current block lies inside the last article.
    in_article: bool,
    /// The current block opens a unit or is a heading, so it never continues the one before.
    opens: bool,
    /// The last block may be continued (it was ordinary text).
    last_open: bool,
}

/// Cuts `markdown` (an item body) into blocks and articles.
pub fn cut(markdown: &str) -> CutBody {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events: Vec<Event<'_>> = Parser::new_ext(markdown, options).collect();
    let mut c = Cutter::default();
    let (mut in_paragraph, mut line_start, mut heading) = (false, false, None::<String>);
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Paragraph) => (in_paragraph, line_start) = (true, true),
            Event::End(TagEnd::Paragraph) => {
                in_paragraph = false;
                c.finish_block();
            }
            Event::Start(Tag::Heading { .. }) => {
                c.finish_block();
                heading = Some(String::new());
            }
            Event::End(TagEnd::Heading(_)) => c.heading(heading.take().unwrap_or_default()),
            Event::SoftBreak | Event::HardBreak if in_paragraph => {
                let next_is_marker = matches!(events.get(i + 1), Some(Event::Text(t)) if marker_at_start(t).is_some());
                if next_is_marker {
                    c.finish_block();
                    line_start = true;
                } else {
                    c.block.push('\n');
                }
            }
            Event::Text(t) if in_paragraph && std::mem::take(&mut line_start) => c.line(t),
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                line_start = false;
                match heading.as_mut() {
                    Some(h) if matches!(event, Event::Text(_)) => h.push_str(t),
                    _ => c.block.push_str(t),
                }
            }
            Event::End(TagEnd::TableCell) => c.block.push('\t'),
            Event::End(TagEnd::TableRow | TagEnd::TableHead | TagEnd::Item | TagEnd::CodeBlock) => {
                c.finish_block()
            }
            _ => line_start = false,
        }
    }
    c.finish_block();
    c.out
}

impl Cutter {
    /// A paragraph line starting with `text`: a marker there opens a new block.
    fn line(&mut self, text: &str) {
        if let Some(marker) = marker_at_start(text) {
            self.finish_block();
            self.structure(&marker);
        }
        self.block.push_str(text);
    }

    /// A heading: structure when it starts with a marker, otherwise a plain block.
    fn heading(&mut self, text: String) {
        if let Some(marker) = marker_at_start(&text) {
            self.structure(&marker);
        }
        self.block = text;
        self.opens = true;
        self.finish_block();
        self.last_open = false;
    }

    /// A marker: an article opens, a 编/章/节 closes the article before it.
    fn structure(&mut self, marker: &Marker) {
        self.opens = true;
        let anchor = self.state.anchor(marker);
        self.in_article = marker.unit == Unit::Article;
        if self.in_article {
            self.out.articles.push(Article {
                anchor,
                label: marker.label.clone(),
                blocks: Vec::new(),
            });
        }
    }

    /// Ends the current block. A block that starts mid-word (a CJK character right after a
    /// CJK character ending the last block) continues the last one: the source broke a line
    /// inside a word (国有资本经 / 营预算), and joining them lets the bigram across the break exist.
    fn finish_block(&mut self) {
        let block = std::mem::take(&mut self.block);
        let block = block.trim();
        let opens = std::mem::take(&mut self.opens);
        if block.is_empty() {
            return;
        }
        let target = match self.out.articles.last_mut() {
            Some(article) if self.in_article => &mut article.blocks,
            _ => &mut self.out.preamble,
        };
        let continues = !opens
            && self.last_open
            && starts_cjk(block)
            && target.last().is_some_and(|l| ends_cjk(l));
        self.last_open = true;
        if continues {
            for last in [target.last_mut(), self.out.blocks.last_mut()]
                .into_iter()
                .flatten()
            {
                last.push('\n');
                last.push_str(block);
            }
            return;
        }
        target.push(block.to_string());
        self.out.blocks.push(block.to_string());
    }
}

fn starts_cjk(text: &str) -> bool {
    text.chars().next().is_some_and(is_cjk)
}

fn ends_cjk(text: &str) -> bool {
    text.chars().next_back().is_some_and(is_cjk)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchors(body: &CutBody) -> Vec<(&str, &str)> {
        body.articles
            .iter()
            .map(|a| (a.anchor.as_str(), a.label.as_str()))
            .collect()
    }

    #[test]
    fn articles_chapters_and_preamble() {
        let md = "中华人民共和国国务院令\n第517号\n\n## 第一章 总则\n\n第一条 为了维护护士的合法权益，\n制定本条例。\n\n（一）第一项；\n\n第二条 本条例所称护士。\n第三条 护士人格尊严受法律保护。\n\n## 第二章 附则\n\n第四条 本条例自2008年5月12日起施行。";
        let body = cut(md);
        assert_eq!(
            anchors(&body),
            [
                ("art-1", "第一条"),
                ("art-2", "第二条"),
                ("art-3", "第三条"),
                ("art-4", "第四条")
            ]
        );
        assert_eq!(
            body.preamble,
            [
                "中华人民共和国国务院令\n第517号",
                "第一章 总则",
                "第二章 附则"
            ]
        );
        assert_eq!(
            body.articles[0].blocks,
            [
                "第一条 为了维护护士的合法权益，\n制定本条例。",
                "（一）第一项；"
            ]
        );
        assert_eq!(body.blocks.len(), 8);
    }

    #[test]
    fn matches_the_renderers_anchors() {
        let md = "第一条 甲\n\n#### 第二条 乙\n\n第一条 附件里的第一条\n\n依照第十二条规定\n\n**第三条** 粗体不是标记\n\n| 第五条 | 表格 |\n|---|---|\n| a | b |";
        let body = cut(md);
        let rendered = crate::render::render(md);
        let toc: Vec<(&str, &str)> = rendered
            .toc
            .iter()
            .filter(|t| t.depth == 3)
            .map(|t| (t.anchor.as_str(), t.label.as_str()))
            .collect();
        let ours: Vec<(&str, &str)> = body
            .articles
            .iter()
            .map(|a| (a.anchor.as_str(), a.label.as_str()))
            .collect();
        assert_eq!(
            ours,
            [
                ("art-1", "第一条"),
                ("art-2", "第二条"),
                ("art-1-2", "第一条")
            ]
        );
        assert_eq!(
            toc.iter().map(|t| t.0).collect::<Vec<_>>(),
            ours.iter().map(|t| t.0).collect::<Vec<_>>()
        );
        assert!(
            body.blocks.iter().any(|b| b.contains("第五条\t表格")),
            "{:?}",
            body.blocks
        );
    }

    #[test]
    fn a_word_broken_across_paragraphs_is_joined() {
        let body = cut("第一条 政府性基金预算、国有资本经\n\n营预算支出。\n\n本条所称预算。\n\n## 第二章 附则\n\n附件");
        assert_eq!(
            body.articles[0].blocks,
            [
                "第一条 政府性基金预算、国有资本经\n营预算支出。",
                "本条所称预算。"
            ]
        );
        assert_eq!(body.blocks[0], body.articles[0].blocks[0]);
        assert_eq!(
            body.preamble,
            ["第二章 附则", "附件"],
            "headings are never continued"
        );
    }

    #[test]
    fn a_body_without_articles_is_all_preamble() {
        let body = cut("各有关单位：\n现将办法印发给你们。");
        assert!(body.articles.is_empty());
        assert_eq!(body.preamble, ["各有关单位：\n现将办法印发给你们。"]);
    }
}
