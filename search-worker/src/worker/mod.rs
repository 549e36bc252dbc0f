//! The worker's message loop: requests from the page in, replies out, the index loaded once on
//! demand. Searching runs here, off the page's thread, so the page never freezes.

mod load;
mod net;
mod ranges;
mod rounds;
mod searcher;
mod state;
mod xhr;

use gongkai_core::search::{Query, SearchError};
use gongkai_search_worker::protocol::{Reply, Request};
use gongkai_web::port::{listen, reply as post};
use load::Prefetched;
use searcher::Searcher;
use state::{Next, State};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;

thread_local! {
    static STATE: RefCell<State<Searcher>> = RefCell::new(State::default());
}

/// Starts listening and tells the page so.
pub fn start() {
    // A message that is not a request of ours has no id to answer: it is dropped.
    listen(|request: Result<Request, String>, beside| {
        if let Ok(request) = request {
            handle(request, beside);
        }
    });
    post(&Reply::Ready);
}

fn handle(request: Request, beside: Option<JsValue>) {
    match request {
        Request::Load => {
            if STATE.with_borrow_mut(State::preload) {
                start_loading(Prefetched::read(beside.as_ref()));
            }
        }
        Request::Search { id, query } => match STATE.with_borrow_mut(|s| s.search(id, query)) {
            Next::Run(searcher, query) => answer(searcher, id, query),
            Next::StartLoading => start_loading(Prefetched::default()),
            Next::Wait => {}
        },
    }
}

/// Answers in a task of its own: a lazy index fetches what the query reads first.
fn answer(searcher: Rc<Searcher>, id: u64, query: Query) {
    wasm_bindgen_futures::spawn_local(async move {
        post(&match searcher.search(&query).await {
            Ok(results) => Reply::Results { id, results },
            Err(error) => Reply::Failed { id, error },
        });
    });
}

fn start_loading(prefetched: Prefetched) {
    wasm_bindgen_futures::spawn_local(async move {
        let progress = |loaded, total| post(&Reply::Progress { loaded, total });
        match load::open_index(&progress, prefetched).await {
            Ok(opened) => {
                post(&Reply::Loaded {
                    items: opened.items,
                    articles: opened.articles,
                    bytes: opened.bytes,
                });
                let (searcher, waiting) = STATE.with_borrow_mut(|s| s.loaded(opened.searcher));
                if let Some((id, query)) = waiting {
                    answer(searcher, id, query);
                }
            }
            Err(message) => {
                let waiting = STATE.with_borrow_mut(State::failed);
                post(&Reply::LoadFailed {
                    message: message.clone(),
                });
                if let Some(id) = waiting {
                    let error = SearchError::Open(message);
                    post(&Reply::Failed { id, error });
                }
            }
        }
    });
}
