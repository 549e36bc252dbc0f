//! `sitemap.xml` (sitemap protocol 0.9), so search engines find every page and know its date.
//!
//! Past 50,000 URLs, the protocol's limit per file, the pages go into `sitemaps/sitemap-N.xml`
//! and `sitemap.xml` becomes the `<sitemapindex>` of those parts.

use super::xml::Xml;
use gongkai_core::site::{
    absolute_url, app_routes, item_route, list_routes, sitemap_part_path, Catalogue, SEARCH_ROUTE,
    SITEMAP_PATH, SYNC_ROUTE,
};
use gongkai_core::Date;
use std::collections::HashMap;

/// URLs per sitemap file (the protocol's limit).
pub const MAX_URLS: usize = 50_000;

const NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// One page of the site: its route and the date it last changed, if known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub route: String,
    pub lastmod: Option<Date>,
}

/// `/`, then every app route but search and sync (they show nothing of their own without a
/// query or a bundle). An item's date is its own; a list's or the home page's is the newest of
/// the items it shows.
pub fn pages(catalogue: &Catalogue) -> Vec<Page> {
    let newest = |shown: &[usize]| shown.iter().filter_map(|&i| catalogue.items[i].date).max();
    let mut dates: HashMap<String, Option<Date>> = list_routes(catalogue)
        .into_iter()
        .map(|list| (list.route, newest(&list.items)))
        .collect();
    dates.extend(catalogue.items.iter().map(|i| (item_route(&i.id), i.date)));
    let home = Page {
        route: "/".to_string(),
        lastmod: catalogue.items.iter().filter_map(|i| i.date).max(),
    };
    let routes = app_routes(catalogue)
        .into_iter()
        .filter(|r| r != SEARCH_ROUTE && r != SYNC_ROUTE);
    let pages = routes.map(|route| Page {
        lastmod: dates.get(&route).copied().flatten(),
        route,
    });
    std::iter::once(home).chain(pages).collect()
}

/// The sitemap's files (site path and bytes): `sitemap.xml` alone when the pages fit in one
/// file, else the parts and `sitemap.xml` as their index, last.
pub fn files(pages: &[Page], base_url: &str) -> Vec<(String, Vec<u8>)> {
    if pages.len() <= MAX_URLS {
        return vec![(SITEMAP_PATH.to_string(), urlset(pages, base_url))];
    }
    let parts: Vec<_> = pages.chunks(MAX_URLS).collect();
    let mut x = Xml::document();
    x.open("sitemapindex", &[("xmlns", NS)]);
    let mut out = Vec::with_capacity(parts.len() + 1);
    for (n, part) in parts.iter().enumerate() {
        let path = sitemap_part_path(n + 1);
        x.open("sitemap", &[]);
        x.leaf("loc", &[], &absolute_url(base_url, &path));
        lastmod(&mut x, part.iter().filter_map(|p| p.lastmod).max());
        x.close();
        out.push((path, urlset(part, base_url)));
    }
    out.push((SITEMAP_PATH.to_string(), x.finish()));
    out
}

/// One `<urlset>` file.
fn urlset(pages: &[Page], base_url: &str) -> Vec<u8> {
    let mut x = Xml::document();
    x.open("urlset", &[("xmlns", NS)]);
    for page in pages {
        x.open("url", &[]);
        x.leaf("loc", &[], &absolute_url(base_url, &page.route));
        lastmod(&mut x, page.lastmod);
        x.close();
    }
    x.finish()
}

fn lastmod(x: &mut Xml, date: Option<Date>) {
    if let Some(date) = date {
        x.leaf("lastmod", &[], &date.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::{files, Page, MAX_URLS};

    fn page(n: usize) -> Page {
        Page {
            route: format!("/items/i{n}"),
            lastmod: gongkai_core::Date::new(2020, 1, 1 + (n % 28) as u8),
        }
    }

    #[test]
    fn up_to_the_limit_one_sitemap_holds_every_url() {
        let pages: Vec<Page> = (0..MAX_URLS).map(page).collect();
        let out = files(&pages, "https://a.example/");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].0, "sitemap.xml");
        let text = String::from_utf8(out[0].1.clone()).unwrap();
        assert_eq!(text.matches("<url>").count(), MAX_URLS);
    }

    #[test]
    fn past_the_limit_the_sitemap_is_an_index_of_parts() {
        let pages: Vec<Page> = (0..MAX_URLS + 1).map(page).collect();
        let out = files(&pages, "https://a.example/");
        let paths: Vec<&str> = out.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "sitemaps/sitemap-1.xml",
                "sitemaps/sitemap-2.xml",
                "sitemap.xml"
            ]
        );
        let text = |i: usize| String::from_utf8(out[i].1.clone()).unwrap();
        assert_eq!(text(0).matches("<url>").count(), MAX_URLS);
        assert_eq!(text(1).matches("<url>").count(), 1);
        assert!(text(1).contains("<loc>https://a.example/items/i50000</loc>"));
        let index = text(2);
        assert!(
            index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">")
        );
        assert!(index.contains("<loc>https://a.example/sitemaps/sitemap-1.xml</loc>"));
        assert!(index.contains("<loc>https://a.example/sitemaps/sitemap-2.xml</loc>"));
        assert!(index.contains("<lastmod>2020-01-28</lastmod>"), "{index}");
        assert!(
            index.contains("<lastmod>2020-01-21</lastmod>"),
            "i50000: 1 + 50000 % 28"
        );
    }
}
