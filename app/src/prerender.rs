//! Renders every page of the site to HTML at build time (feature `ssr`), with the same components
//! the browser hydrates: the builder calls one function per kind of page and puts the result into
//! the app's `index.html`. Work that depends on the whole catalogue (trees, counts, the id index)
//! is done once in [`Site::new`], so a page costs only what it shows.

use crate::components::layout::{Layout, Section};
use crate::components::versions::version_name;
use crate::listing::{category_counts, department_tree, Branch};
use crate::routes;
pub use crate::routes::diff::DiffPage;
use gongkai_core::schema::Item;
use gongkai_core::site::{
    absolute_url, category_feed_path, department_feed_path, department_route, diff_route,
    feed_href, item_route, list_page_route, route_of_version, Catalogue, ItemPage, ItemSummary,
    CATALOGUE_ROUTE, FEED_ALL_PATH, SEARCH_ROUTE, SYNC_ROUTE,
};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// One page: what goes into `<head>` and what goes into `<body>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// `<title>`, description, canonical link and feed links.
    pub head: String,
    pub body: String,
}

/// The facts of a page's `<head>`.
struct Head {
    title: String,
    description: String,
    /// The page's route (`/items/x`); made absolute when the site has a base URL.
    route: String,
    /// `(title, site path)` of the Atom feeds that match the page.
    feeds: Vec<(String, String)>,
}

/// The catalogue and what every page derives from it.
pub struct Site {
    catalogue: Arc<Catalogue>,
    tree: Vec<Branch>,
    by_id: HashMap<String, usize>,
}

impl Site {
    pub fn new(catalogue: Catalogue) -> Site {
        let tree = department_tree(&catalogue);
        let by_id = catalogue
            .items
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        Site {
            catalogue: Arc::new(catalogue),
            tree,
            by_id,
        }
    }

    fn name(&self) -> &str {
        &self.catalogue.site.name
    }

    /// `/`.
    pub fn home(&self) -> Rendered {
        let name = self.name().to_string();
        let mut feeds = self.site_feed();
        let categories = category_counts(&self.catalogue.items, |_| true);
        feeds.extend(categories.into_keys().map(|c| {
            let title = format!("{name} · {c}");
            (title, category_feed_path(&c))
        }));
        let head = Head {
            title: name.clone(),
            description: format!("{name}：查阅本市政府规章、规范性文件和政府信息公开事项。"),
            route: "/".into(),
            feeds,
        };
        let catalogue = self.catalogue.clone();
        self.render(head, Section::Home, move || {
            view! { <routes::home::Home catalogue /> }
        })
    }

    /// Page `page` of the catalogue; `items` indexes the catalogue's items it shows.
    pub fn catalogue_page(&self, page: usize, items: &[usize]) -> Rendered {
        let total = self.catalogue.items.len();
        let head = Head {
            title: self.titled(&paged("信息公开目录", page)),
            description: format!(
                "{}的信息公开目录：共 {total} 件政府文件，按发布日期排列，第 {page} 页。",
                self.name()
            ),
            route: list_page_route(CATALOGUE_ROUTE, page),
            feeds: self.site_feed(),
        };
        let (catalogue, items) = (self.catalogue.clone(), self.summaries(items));
        self.render(head, Section::Catalogue, move || {
            view! { <routes::catalogue::CatalogueRoute catalogue page items /> }
        })
    }

    /// Page `page` of one department's list, or `None` for an unknown code.
    pub fn department_page(&self, code: &str, page: usize, items: &[usize]) -> Option<Rendered> {
        let department = self
            .catalogue
            .departments
            .iter()
            .find(|d| d.code == code)?
            .clone();
        let branch = self
            .tree
            .iter()
            .find(|b| b.code == code)
            .cloned()
            .unwrap_or(Branch {
                code: code.to_string(),
                name: department.short.clone(),
                total: 0,
                categories: Default::default(),
            });
        let head = Head {
            title: self.titled(&paged(&department.name, page)),
            description: format!(
                "{}发布的 {} 件政府文件，第 {page} 页。",
                department.name, branch.total
            ),
            route: list_page_route(&department_route(code), page),
            feeds: vec![(
                format!("{} · {}", self.name(), department.name),
                department_feed_path(code),
            )],
        };
        let (catalogue, items) = (self.catalogue.clone(), self.summaries(items));
        Some(self.render(head, Section::Other, move || {
            view! { <routes::department::DepartmentRoute catalogue department branch page items /> }
        }))
    }

    /// One item's page, or one earlier text's (`page.version`).
    pub fn item(&self, page: ItemPage) -> Rendered {
        let earlier = match (&page.item, page.version) {
            (Item::Regulation(r), Some(i)) => r.versions.get(i).map(|v| (r, i, v)),
            _ => None,
        };
        let head = match earlier {
            Some((r, i, v)) => Head {
                title: self.titled(&format!("{}（{} 文本）", r.title, version_name(v))),
                description: format!("{}：{} 的文本，不是现行文本。", r.title, version_name(v)),
                route: route_of_version(&r.id, &r.versions, i),
                feeds: Vec::new(),
            },
            None => Head {
                title: self.titled(page.item.title()),
                description: self.describe(&page.item),
                route: item_route(page.item.id()),
                feeds: self.site_feed(),
            },
        };
        let linked = self.linked(&page.item);
        let catalogue = self.catalogue.clone();
        self.render(head, Section::Other, move || {
            view! { <routes::item::ItemRoute page catalogue linked /> }
        })
    }

    /// The comparison of two texts of a regulation.
    pub fn diff(&self, page: DiffPage) -> Rendered {
        let (from, to) = (&page.versions[page.from], &page.versions[page.to]);
        let head = Head {
            title: self.titled(&format!(
                "{}：{} 与 {} 的文本比较",
                page.title, from.published, to.published
            )),
            description: format!(
                "{}的两个文本（{} 与 {}）逐条比较：修改、新增、删除和移动的条文。",
                page.title,
                version_name(from),
                version_name(to)
            ),
            route: diff_route(&page.id, from.published, to.published),
            feeds: Vec::new(),
        };
        self.render(head, Section::Other, move || {
            view! { <routes::diff::DiffRoute page /> }
        })
    }

    /// The search page: its form and the search island.
    pub fn search(&self) -> Rendered {
        let head = self.plain_head(
            "检索",
            SEARCH_ROUTE,
            "全文检索本站的政府规章、规范性文件和公开事项。",
        );
        let catalogue = self.catalogue.clone();
        let mut page = self.render(head, Section::Search, move || {
            view! { <routes::search::SearchRoute catalogue /> }
        });
        page.head
            .push_str(&crate::search::client::early_start_script());
        page
    }

    /// The terminal page.
    pub fn sync(&self) -> Rendered {
        let head = self.plain_head(
            "离线同步",
            SYNC_ROUTE,
            "村居服务点终端：载入并验证离线数据包。",
        );
        self.render(
            head,
            Section::Other,
            || view! { <routes::sync::SyncRoute /> },
        )
    }

    /// `404.html`.
    pub fn not_found(&self) -> Rendered {
        let head = self.plain_head("找不到页面", "/404.html", "本站没有这个地址的页面。");
        self.render(
            head,
            Section::Other,
            || view! { <routes::not_found::NotFound /> },
        )
    }

    fn plain_head(&self, title: &str, route: &str, description: &str) -> Head {
        Head {
            title: self.titled(title),
            description: description.to_string(),
            route: route.to_string(),
            feeds: Vec::new(),
        }
    }

    fn titled(&self, title: &str) -> String {
        format!("{title} - {}", self.name())
    }

    fn site_feed(&self) -> Vec<(String, String)> {
        vec![(self.name().to_string(), FEED_ALL_PATH.to_string())]
    }

    fn summaries(&self, items: &[usize]) -> Vec<ItemSummary> {
        items
            .iter()
            .filter_map(|&i| self.catalogue.items.get(i).cloned())
            .collect()
    }

    /// The summaries of the items an item links to (that exist).
    pub fn linked(&self, item: &Item) -> Vec<ItemSummary> {
        let links = item.links();
        crate::components::relations::groups(&links)
            .into_iter()
            .flat_map(|(_, ids)| ids)
            .filter_map(|id| self.by_id.get(id))
            .filter_map(|&i| self.catalogue.items.get(i).cloned())
            .collect()
    }

    /// A sentence of the item's facts: kind, 文号, issuers, date, status.
    fn describe(&self, item: &Item) -> String {
        let issuers = crate::lookup::department_names(&self.catalogue, item.departments());
        let mut parts = vec![item.category()];
        parts.extend(item.doc_no().map(str::to_string));
        parts.push(issuers);
        parts.extend(item.date().map(|d| format!("{d} 发布")));
        parts.extend(item.status().map(|s| s.label().to_string()));
        format!("{}：{}。", item.title(), parts.join("，"))
    }

    /// Renders the page in the layout, and its head.
    fn render<V, F>(&self, head: Head, section: Section, page: F) -> Rendered
    where
        V: IntoView + 'static,
        F: FnOnce() -> V + Send + 'static,
    {
        let site = self.catalogue.site.clone();
        let head = self.head_html(head);
        let body = islands_owner()
            .with(move || view! { <Layout site section>{page()}</Layout> }.to_html());
        Rendered { head, body }
    }

    fn head_html(&self, head: Head) -> String {
        let base = self.catalogue.site.base_url.clone();
        // Without a base URL, a root-relative link: routes begin with `/` and feed paths do
        // not (`//items/x/` would name a host called "items").
        let url = move |path: &str| match &base {
            Some(base) => absolute_url(base, path),
            None => feed_href(path.trim_start_matches('/')),
        };
        let canonical = url(&head.route);
        // Feeds are written only for a site with a base URL (their ids must be absolute).
        let feeds = self.catalogue.site.base_url.is_some().then(|| {
            head.feeds
                .into_iter()
                .map(|(title, path)| {
                    view! { <link rel="alternate" type="application/atom+xml" title=title href=feed_href(&path) /> }
                })
                .collect_view()
        });
        islands_owner().with(move || {
            view! {
                <title>{head.title}</title>
                <meta name="description" content=head.description />
                <link rel="canonical" href=canonical />
                {feeds}
            }
            .to_html()
        })
    }
}

/// A root owner for rendering a page of islands, as the server integrations make one.
fn islands_owner() -> Owner {
    Owner::new_root(Some(Arc::new(
        hydration_context::SsrSharedContext::new_islands(),
    )))
}

/// `信息公开目录`, or `信息公开目录（第 2 页）` past the first page.
fn paged(title: &str, page: usize) -> String {
    if page <= 1 {
        title.to_string()
    } else {
        format!("{title}（第 {page} 页）")
    }
}
