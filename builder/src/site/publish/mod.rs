//! Publishing for machines as well as people: `robots.txt` and the sitemap for search engines,
//! Atom feeds for subscribers, the catalogue as CSV for open data (docs/OPEN-DATA.md).
//!
//! Everything here is made from the catalogue alone, in its order, with no clock, so the same
//! content gives the same bytes. The sitemap and the feeds need absolute URLs: a site without a
//! `base_url` gets neither, and a `robots.txt` without a `Sitemap:` line.

mod feeds;
mod opendata;
mod sitemap;
mod xml;

use super::write::{Effort, Writer};
use gongkai_core::site::{Catalogue, CATALOGUE_CSV_PATH, ROBOTS_PATH, SITEMAP_PATH};

/// Writes robots.txt and the CSV, and with a base URL the sitemap and the feeds, each with
/// its compressed twins where worth it.
pub fn write(catalogue: &Catalogue, writer: &Writer) -> anyhow::Result<()> {
    let base_url = catalogue.site.base_url.as_deref();
    writer.file(ROBOTS_PATH, robots(base_url).as_bytes(), Effort::Fast)?;
    let csv = opendata::csv(catalogue, base_url);
    writer.file(CATALOGUE_CSV_PATH, &csv, Effort::Fast)?;
    let Some(base_url) = base_url else {
        return Ok(());
    };
    let sitemap = sitemap::files(&sitemap::pages(catalogue), base_url);
    for (path, bytes) in sitemap.into_iter().chain(feeds::files(catalogue, base_url)) {
        writer.file(&path, &bytes, Effort::Fast)?;
    }
    Ok(())
}

/// Every crawler may read everything; the sitemap is named when there is one.
fn robots(base_url: Option<&str>) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(base_url) = base_url {
        text.push_str(&format!("Sitemap: {base_url}{SITEMAP_PATH}\n"));
    }
    text
}
