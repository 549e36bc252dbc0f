//! Makes content inert: raw HTML becomes visible text, and only safe URL schemes survive.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// Schemes a link or image may use. Anything else (javascript:, data:, vbscript: …) is dropped.
const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Rewrites the event stream so that nothing in it can run in a browser.
pub fn sanitize<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    // For every open link or image: was its start kept?
    let mut kept: Vec<bool> = Vec::new();
    for event in events {
        match event {
            Event::Html(s) | Event::InlineHtml(s) => out.push(Event::Text(s)),
            Event::Start(Tag::Link { ref dest_url, .. })
            | Event::Start(Tag::Image { ref dest_url, .. }) => {
                let safe = is_safe_url(dest_url);
                kept.push(safe);
                if safe {
                    out.push(event);
                }
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                if kept.pop().unwrap_or(false) {
                    out.push(event);
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// True for relative URLs, fragments and the schemes in [`SAFE_SCHEMES`].
///
/// Browsers ignore ASCII whitespace and control characters inside a scheme
/// (`java\tscript:`), so they are removed before looking for one.
pub fn is_safe_url(url: &CowStr<'_>) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    let Some(colon) = cleaned.find(':') else {
        return true;
    };
    let before = &cleaned[..colon];
    if before.contains(['/', '?', '#']) {
        return true; // the colon is in a path, query or fragment: a relative URL
    }
    SAFE_SCHEMES.iter().any(|s| before.eq_ignore_ascii_case(s))
}
