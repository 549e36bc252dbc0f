//! The app's `index.html` (from Trunk) as the frame of every pre-rendered page: its head keeps
//! the stylesheet, the wasm loader and the islands' hydration; each page puts in its own
//! `<title>`, description, canonical and feed links, and its body.

use anyhow::Context;
use gongkai_app::prerender::Rendered;
use std::path::Path;

/// `index.html` cut where a page's parts go.
#[derive(Debug, Clone)]
pub struct Template {
    /// Up to (not including) `<title>`.
    before_title: String,
    /// After `</title>`, up to and including the `<body…>` tag.
    head_rest: String,
    /// From `</body>` on.
    tail: String,
}

impl Template {
    /// Reads the app's `index.html` from Trunk's dist folder.
    pub fn read(dist: &Path) -> anyhow::Result<Template> {
        let path = dist.join("index.html");
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        Template::parse(&text).with_context(|| format!("{} is not the app's page", path.display()))
    }

    /// Cuts `html`; it must have one `<title>…</title>` in its head and one `<body>`.
    pub fn parse(html: &str) -> anyhow::Result<Template> {
        let title = html.find("<title>").context("no <title> in its head")?;
        let title_end = html[title..]
            .find("</title>")
            .map(|i| title + i + "</title>".len())
            .context("no </title>")?;
        let body = html[title_end..]
            .find("<body")
            .map(|i| title_end + i)
            .context("no <body> after its <title>")?;
        let body_open_end = html[body..]
            .find('>')
            .map(|i| body + i + 1)
            .context("an unclosed <body> tag")?;
        let body_close = html[body_open_end..]
            .rfind("</body>")
            .map(|i| body_open_end + i)
            .context("no </body>")?;
        Ok(Template {
            before_title: html[..title].to_string(),
            head_rest: html[title_end..body_open_end].to_string(),
            tail: html[body_close..].to_string(),
        })
    }

    /// The whole page.
    pub fn page(&self, rendered: &Rendered) -> String {
        let mut out = String::with_capacity(
            self.before_title.len()
                + rendered.head.len()
                + self.head_rest.len()
                + rendered.body.len()
                + self.tail.len(),
        );
        out.push_str(&self.before_title);
        out.push_str(&rendered.head);
        out.push_str(&self.head_rest);
        out.push_str(&rendered.body);
        out.push_str(&self.tail);
        out
    }

    /// Identifies the template, for cache keys.
    pub fn digest(&self) -> [u8; 32] {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for part in [&self.before_title, &self.head_rest, &self.tail] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
        h.finalize().into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_goes_between_the_heads_parts_and_inside_the_body() {
        let t = Template::parse(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>x</title><link rel=\"stylesheet\"></head><body class=\"b\"><noscript>old</noscript></body></html>",
        )
        .unwrap();
        let page = t.page(&Rendered {
            head: "<title>T</title>".into(),
            body: "<main>M</main>".into(),
        });
        assert_eq!(
            page,
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>T</title><link rel=\"stylesheet\"></head><body class=\"b\"><main>M</main></body></html>"
        );
    }

    #[test]
    fn a_page_without_title_or_body_is_refused() {
        for bad in [
            "<html><body></body></html>",
            "<title>x</title>",
            "<title>x</title><body>",
        ] {
            assert!(Template::parse(bad).is_err(), "{bad}");
        }
    }
}
