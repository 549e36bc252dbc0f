//! The gongkai browser app: the router, the shared catalogue, and the page layout around every route.

mod body;
mod components;
mod data;
mod display;
mod dom;
mod listing;
mod lookup;
mod offline;
mod routes;
mod search;
mod shortcuts;
mod urls;

use components::layout::{SiteFooter, SiteHeader};
use data::CatalogueResource;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The whole app: header, the routed page, footer.
#[component]
pub fn App() -> impl IntoView {
    let catalogue: CatalogueResource = LocalResource::new(data::fetch_catalogue);
    provide_context(catalogue);
    view! {
        <Router>
            <a class="skip-link" href="#main">"跳到正文"</a>
            <SiteHeader />
            <main id="main" tabindex="-1">
                <Routes fallback=routes::not_found::NotFound>
                    <Route path=path!("/") view=routes::home::Home />
                    <Route path=path!("/catalogue") view=routes::catalogue::CatalogueRoute />
                    <Route path=path!("/departments/:code") view=routes::department::DepartmentRoute />
                    <Route path=path!("/items/:id") view=routes::item::ItemRoute />
                    <Route path=path!("/search") view=routes::search::SearchRoute />
                    <Route path=path!("/sync") view=routes::sync::SyncRoute />
                </Routes>
            </main>
            <SiteFooter />
        </Router>
    }
}
