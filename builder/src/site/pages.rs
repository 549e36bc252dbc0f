//! Writes the pre-rendered pages (the app's own components, rendered by `gongkai_app::prerender`
//! into the app's `index.html`): the home page, the catalogue's and every department's pages,
//! search, sync and `404.html`; item pages are written with their data in `items`. Every page
//! is a real file, so deep links and paging work on any static host and without JavaScript.

use super::template::Template;
use super::write::Writer;
use gongkai_app::prerender::{DiffPage, Rendered, Site};
use gongkai_core::schema::Item;
use gongkai_core::site::{list_routes, Catalogue, ItemPage, ListPage, SEARCH_ROUTE, SYNC_ROUTE};
use rayon::prelude::*;

/// Renders one of the site's fixed pages.
type Render = fn(&Site) -> Rendered;

/// Everything a page needs: the rendering site and the frame.
pub struct Pages {
    site: Site,
    template: Template,
    /// What every item page depends on besides its item: the frame and the site's names.
    context: [u8; 32],
}

impl Pages {
    pub fn new(template: Template, catalogue: &Catalogue) -> anyhow::Result<Pages> {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(template.digest());
        h.update(serde_json::to_vec(&catalogue.directory())?);
        Ok(Pages {
            site: Site::new(catalogue.clone()),
            template,
            context: h.finalize().into(),
        })
    }

    /// What an item's page depends on besides its own content: the frame, the site's names, and
    /// the titles and status of the items it links to. Part of the render cache's key.
    pub fn item_context(&self, item: &Item) -> anyhow::Result<Vec<u8>> {
        let mut key = self.context.to_vec();
        key.extend(serde_json::to_vec(&self.site.linked(item))?);
        Ok(key)
    }

    /// An item's whole page.
    pub fn item(&self, page: ItemPage) -> String {
        self.template.page(&self.site.item(page))
    }

    /// A comparison of two texts of a regulation, whole.
    pub fn diff(&self, page: DiffPage) -> String {
        self.template.page(&self.site.diff(page))
    }

    /// Writes every page but the items' (on all cores, in a fixed order of files).
    pub fn write_lists(&self, catalogue: &Catalogue, writer: &Writer) -> anyhow::Result<()> {
        let fixed: [(&str, Render); 4] = [
            ("index.html", Site::home),
            ("404.html", Site::not_found),
            (SEARCH_ROUTE, Site::search),
            (SYNC_ROUTE, Site::sync),
        ];
        for (route, render) in fixed {
            self.put(writer, &file_of(route), &render(&self.site))?;
        }
        list_routes(catalogue)
            .par_iter()
            .try_for_each(|list| self.write_list(writer, catalogue, list))
    }

    fn write_list(
        &self,
        writer: &Writer,
        catalogue: &Catalogue,
        list: &ListPage,
    ) -> anyhow::Result<()> {
        let (page, items) = (list.page, &list.items);
        let rendered = match list.department.map(|d| &catalogue.departments[d].code) {
            None => self.site.catalogue_page(page, items),
            Some(code) => self
                .site
                .department_page(code, page, items)
                .ok_or_else(|| anyhow::anyhow!("no department {code} for {}", list.route))?,
        };
        self.put(writer, &file_of(&list.route), &rendered)
    }

    fn put(&self, writer: &Writer, rel: &str, rendered: &Rendered) -> anyhow::Result<()> {
        writer.page(rel, self.template.page(rendered).as_bytes())
    }
}

/// The file that answers a route: `/` and `index.html` are the root page, `404.html` itself,
/// any other route (`/items/x/`) its folder's `index.html`.
pub fn file_of(route: &str) -> String {
    match route.trim_matches('/') {
        "" | "index.html" => "index.html".to_string(),
        "404.html" => "404.html".to_string(),
        path => format!("{path}/index.html"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_map_to_files() {
        assert_eq!(file_of("/"), "index.html");
        assert_eq!(file_of("/404.html"), "404.html");
        assert_eq!(file_of("/items/a/"), "items/a/index.html");
        assert_eq!(file_of("/search/"), "search/index.html");
    }
}
