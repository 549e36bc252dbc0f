//! Markdown → safe HTML with stable article anchors and a table of contents.
//!
//! Raw HTML in content is turned into text and unsafe link schemes are dropped (see
//! `sanitize`), then `anchors` recognises 第X编/章/节/条 and gives each block its id.

mod anchors;
pub mod changes;
mod sanitize;

use gongkai_core::site::TocEntry;
use pulldown_cmark::{html, Options, Parser};

/// A rendered body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
}

/// Renders one item's Markdown body.
pub fn render(markdown: &str) -> Rendered {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = sanitize::sanitize(Parser::new_ext(markdown, options));
    let (events, toc) = anchors::add_anchors(events);
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 4);
    html::push_html(&mut out, events.into_iter());
    Rendered { html: out, toc }
}

#[cfg(test)]
mod tests;
