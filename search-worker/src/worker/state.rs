//! The worker's index lifecycle (idle → loading → ready) and the one query waiting for it,
//! as plain logic without the browser so it is tested natively.

use gongkai_core::search::Query;
use std::rc::Rc;

/// Where the index is.
enum Index<E> {
    /// Not asked for yet, or the last attempt failed.
    Idle,
    Loading,
    Ready(Rc<E>),
}

/// What the worker should do about a search request.
pub enum Next<E> {
    /// The index is open: answer now.
    Run(Rc<E>, Query),
    /// Start loading; the query waits.
    StartLoading,
    /// Loading is under way; the query waits.
    Wait,
}

/// The index and the newest query that waits for it. Only the newest waits: the page shows
/// the answer to its latest query only, so older ones are dropped unanswered.
pub struct State<E> {
    index: Index<E>,
    waiting: Option<(u64, Query)>,
}

impl<E> Default for State<E> {
    fn default() -> Self {
        State {
            index: Index::Idle,
            waiting: None,
        }
    }
}

impl<E> State<E> {
    /// A query arrived.
    pub fn search(&mut self, id: u64, query: Query) -> Next<E> {
        match &self.index {
            Index::Ready(engine) => Next::Run(engine.clone(), query),
            Index::Loading => {
                self.waiting = Some((id, query));
                Next::Wait
            }
            Index::Idle => {
                self.waiting = Some((id, query));
                self.index = Index::Loading;
                Next::StartLoading
            }
        }
    }

    /// The page asked to load ahead of a query; true when loading must start.
    pub fn preload(&mut self) -> bool {
        if matches!(self.index, Index::Idle) {
            self.index = Index::Loading;
            true
        } else {
            false
        }
    }

    /// The index opened; returns the engine and the query that waited for it, if any.
    pub fn loaded(&mut self, engine: E) -> (Rc<E>, Option<(u64, Query)>) {
        let engine = Rc::new(engine);
        self.index = Index::Ready(engine.clone());
        (engine, self.waiting.take())
    }

    /// Loading failed; back to idle so the next request tries again. Returns the waiting
    /// query's id, which must be told.
    pub fn failed(&mut self) -> Option<u64> {
        self.index = Index::Idle;
        self.waiting.take().map(|(id, _)| id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_query_starts_loading_and_the_newest_waits() {
        let mut s = State::<&str>::default();
        assert!(matches!(s.search(1, Query::text("a")), Next::StartLoading));
        assert!(matches!(s.search(2, Query::text("b")), Next::Wait));
        assert!(!s.preload());
        let (engine, waiting) = s.loaded("engine");
        assert_eq!(*engine, "engine");
        assert_eq!(waiting, Some((2, Query::text("b"))));
        let next = s.search(3, Query::text("c"));
        assert!(matches!(next, Next::Run(e, q) if *e == "engine" && q == Query::text("c")));
    }

    #[test]
    fn preloading_starts_once() {
        let mut s = State::<()>::default();
        assert!(s.preload());
        assert!(!s.preload());
        assert!(matches!(s.search(1, Query::default()), Next::Wait));
    }

    #[test]
    fn a_failure_reports_the_waiting_query_and_allows_a_retry() {
        let mut s = State::<()>::default();
        let _ = s.search(5, Query::default());
        assert_eq!(s.failed(), Some(5));
        assert_eq!(s.failed(), None);
        assert!(matches!(s.search(6, Query::default()), Next::StartLoading));
    }
}
