//! Gives every 第X编/章/节/条 block a stable id and collects the table of contents.
//!
//! Articles are often written as plain paragraphs, sometimes several to a Markdown paragraph
//! (one per line); each line that starts with a marker becomes its own block. The marker
//! rules themselves live in `gongkai_core::structure`, shared with the search engine.

use gongkai_core::site::TocEntry;
use gongkai_core::structure::{marker_at_start, markup, AnchorState, Marker, Unit};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

/// Walks the events once, keeping what it needs between them.
struct Walker<'a> {
    out: Vec<Event<'a>>,
    toc: Vec<TocEntry>,
    state: AnchorState,
    /// Inside a Markdown paragraph: the closing tag of the block currently open, if any.
    close: Option<&'static str>,
    /// Inside a Markdown heading: the index of its start event and its text so far.
    heading: Option<(usize, String)>,
}

/// Returns the events with anchors added, and the table of contents.
pub fn add_anchors(events: Vec<Event<'_>>) -> (Vec<Event<'_>>, Vec<TocEntry>) {
    let mut w = Walker {
        out: Vec::with_capacity(events.len() + 16),
        toc: Vec::new(),
        state: AnchorState::default(),
        close: None,
        heading: None,
    };
    let mut in_paragraph = false;
    let mut line_start = false;
    let mut iter = events.into_iter().peekable();
    while let Some(event) = iter.next() {
        match event {
            Event::Start(Tag::Paragraph) => (in_paragraph, line_start) = (true, true),
            Event::End(TagEnd::Paragraph) => {
                w.close_block();
                in_paragraph = false;
            }
            Event::SoftBreak | Event::HardBreak if in_paragraph => {
                if w.break_ends_block(iter.peek()) {
                    w.close_block();
                    line_start = true;
                } else {
                    w.out.push(event);
                }
            }
            other if in_paragraph && line_start => {
                line_start = false;
                w.open_block(other);
            }
            other => w.pass(other),
        }
    }
    (w.out, w.toc)
}

impl<'a> Walker<'a> {
    /// A line break ends the current block when the next line starts a marker, or the block is a heading.
    fn break_ends_block(&self, next: Option<&Event<'_>>) -> bool {
        let next_is_marker = matches!(next, Some(Event::Text(t)) if marker_at_start(t).is_some());
        next_is_marker || matches!(self.close, Some(c) if c.starts_with("</h"))
    }

    fn close_block(&mut self) {
        if let Some(close) = self.close.take() {
            self.out.push(Event::Html(CowStr::Borrowed(close)));
        }
    }

    /// Opens the block for a paragraph line, given its first event.
    fn open_block(&mut self, first: Event<'a>) {
        let marker = match &first {
            Event::Text(t) => marker_at_start(t),
            _ => None,
        };
        let Some(marker) = marker else {
            self.out.push(Event::Html(CowStr::Borrowed("<p>")));
            self.close = Some("</p>\n");
            self.out.push(first);
            return;
        };
        let Event::Text(text) = first else { return };
        let anchor = self.state.anchor(&marker);
        let (tag, class, close) = match marker.unit {
            Unit::Article => ("p", markup::ARTICLE_CLASS, "</p>\n"),
            Unit::Section => ("h3", "section", "</h3>\n"),
            Unit::Part | Unit::Chapter => ("h2", "chapter", "</h2>\n"),
        };
        let label = if marker.unit == Unit::Article {
            marker.label.clone()
        } else {
            line_label(&text)
        };
        self.toc.push(TocEntry {
            depth: marker.unit.depth(),
            anchor: anchor.clone(),
            label,
        });
        self.out.push(Event::Html(
            format!("<{tag} id=\"{anchor}\" class=\"{class}\">").into(),
        ));
        self.close = Some(close);
        self.push_marked_text(&marker, &text);
    }

    /// Emits an article's number in its own span, so it can be styled and linked.
    fn push_marked_text(&mut self, marker: &Marker, text: &str) {
        if marker.unit != Unit::Article {
            self.out.push(Event::Text(text.to_string().into()));
            return;
        }
        let rest = &text[marker.len..];
        self.out
            .push(Event::Html(markup::article_number_open().into()));
        self.out.push(Event::Text(marker.label.clone().into()));
        self.out.push(Event::Html(CowStr::Borrowed("</span>")));
        if !rest.is_empty() {
            self.out.push(Event::Text(rest.to_string().into()));
        }
    }

    /// Events outside paragraphs: headings get ids when their text starts with a marker.
    fn pass(&mut self, event: Event<'a>) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                self.heading = Some((self.out.len(), String::new()));
                self.out.push(event);
            }
            Event::Text(ref t) => {
                if let Some((_, text)) = self.heading.as_mut() {
                    text.push_str(t);
                }
                self.out.push(event);
            }
            Event::End(TagEnd::Heading(level)) => {
                self.finish_heading(level);
                self.out.push(event);
            }
            other => self.out.push(other),
        }
    }

    fn finish_heading(&mut self, level: HeadingLevel) {
        let Some((start, text)) = self.heading.take() else {
            return;
        };
        let Some(marker) = marker_at_start(&text) else {
            return;
        };
        let anchor = self.state.anchor(&marker);
        self.toc.push(TocEntry {
            depth: marker.unit.depth(),
            anchor: anchor.clone(),
            label: line_label(&text),
        });
        self.out[start] = Event::Start(Tag::Heading {
            level,
            id: Some(anchor.into()),
            classes: vec![],
            attrs: vec![],
        });
    }
}

/// A heading's label for the table of contents: its text with spacing tidied, cut at 40 characters.
fn line_label(text: &str) -> String {
    let words: Vec<&str> = text
        .split([' ', '\u{3000}', '\t'])
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ").chars().take(40).collect()
}
