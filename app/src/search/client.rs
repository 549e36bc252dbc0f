//! The page's side of the search worker: starts it on first need (never at app start), keeps at
//! most one query in flight and one waiting (a newer query replaces the waiting one), and hands
//! each reply to whoever asked. If the worker dies, waiting callers hear so and the next query
//! starts a fresh worker.

use gongkai_core::search::{Query, Results, SearchError};
use gongkai_core::search::{HOTCACHE_PATH, MANIFEST_PATH};
use gongkai_search_worker::protocol::{
    Reply, Request, ENGINE_WASM, PREFETCHED_HOTCACHE, PREFETCHED_MANIFEST, WORKER_SCRIPT,
};
use gongkai_web::port::{encode, unpack, Kind, Port};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Worker;

/// The name of the `performance.measure` entry recorded around every query's round trip
/// (from the request to its answer, including starting the worker and loading the index).
pub const MEASURE: &str = "gongkai-search";

/// What a caller hears about its query.
#[derive(Debug, Clone)]
pub enum Event {
    /// The index is loading: bytes so far, of the total.
    Progress {
        loaded: u64,
        total: u64,
    },
    Results(Results),
    /// A sentence for readers.
    Failed(String),
}

type Listener = Rc<dyn Fn(Event)>;

struct Client {
    port: Port,
    /// The worker said it listens.
    ready: bool,
    /// Load the index as soon as the worker listens.
    preload: bool,
    in_flight: Option<(u64, Listener)>,
    waiting: Option<(u64, Query, Listener)>,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
}

/// Starts the worker and its index download ahead of a query (a search box got focus).
pub fn preload() {
    // A worker that cannot start is reported to the first query instead.
    let _ = with_client(|c| {
        if c.ready {
            c.port.post(&Request::Load, None);
        } else {
            c.preload = true;
        }
    });
}

/// Asks for `query`; `listener` hears progress and then the results or a failure, unless a
/// newer query replaces this one before it is sent.
pub fn search(query: Query, listener: impl Fn(Event) + 'static) -> u64 {
    let id = NEXT_ID.with(|n| n.replace(n.get() + 1));
    mark(&start_mark(id));
    let listener: Listener = Rc::new(listener);
    let ours = listener.clone();
    let mut undelivered = None;
    let started = with_client(|c| {
        if let Some((replaced, _, _)) = c.waiting.replace((id, query, ours)) {
            clear_mark(replaced);
        }
        undelivered = c.pump();
    });
    if let Err(message) = started {
        notify_all(vec![listener], message);
    } else if let Some(listener) = undelivered {
        notify_all(vec![listener], NOT_DELIVERED.to_string());
    }
    id
}

/// Said when the worker would not take a query (its message could not be posted).
const NOT_DELIVERED: &str = "检索程序无法接收查询，请刷新页面后重试。";

impl Client {
    /// Sends the waiting query if the worker listens and nothing is in flight. Returns its
    /// listener when the message could not be posted, to be told so once the client is free.
    fn pump(&mut self) -> Option<Listener> {
        if !self.ready || self.in_flight.is_some() {
            return None;
        }
        let (id, query, listener) = self.waiting.take()?;
        if self.port.post(&Request::Search { id, query }, None) {
            self.in_flight = Some((id, listener));
            None
        } else {
            clear_mark(id);
            Some(listener)
        }
    }

    fn listeners(&mut self) -> Vec<Listener> {
        let flying = self.in_flight.take().map(|(_, l)| l);
        let waiting = self.waiting.take().map(|(_, _, l)| l);
        flying.into_iter().chain(waiting).collect()
    }
}

/// Runs `f` on the client, starting the worker first if there is none. A worker that cannot
/// start fails the waiting query at once.
fn with_client(f: impl FnOnce(&mut Client)) -> Result<(), String> {
    CLIENT.with_borrow_mut(|slot| {
        if slot.is_none() {
            *slot = Some(spawn()?);
        }
        if let Some(client) = slot.as_mut() {
            f(client);
        }
        Ok(())
    })
}

/// The global under which the search page's own script leaves the worker it started (see
/// [`early_start_script`]).
const EARLY: &str = "gongkaiSearchWorker";

/// A `<script>` for the search page's `<head>`. Everything the first query needs before the
/// engine runs starts at once, in parallel, while the app itself is still downloading:
/// - the engine's wasm, compiled as it streams (`WebAssembly.compileStreaming`) and handed to
///   the worker as a `WebAssembly.Module`, so its download no longer waits for the worker's
///   script and glue (`null` instead where the browser cannot: the worker fetches it);
/// - the worker itself ([`WORKER_SCRIPT`]);
/// - the index's manifest and hotcache, sent beside [`Request::Load`] when the engine says it
///   is ready, so opening the index costs no round trip of its own.
///
/// The replies up to `ready` are kept for the app, which adopts the worker ([`spawn`]) and then
/// hears the rest itself; the script stops listening at `ready`, so it holds no reply after it.
/// A worker that fails is dropped, and the app starts its own.
pub fn early_start_script() -> String {
    let load = encode(&Request::Load);
    let ready = encode(&Reply::Ready);
    format!(
        "<script>try{{const W=WebAssembly,e=W.compileStreaming?W.compileStreaming(fetch({wasm:?})):Promise.reject(),\
         g=(u)=>fetch(u,{{cache:\"no-cache\"}}).then((r)=>r.ok?r.arrayBuffer():null).catch(()=>null),\
         p=Promise.all([g({manifest:?}),g({hotcache:?})]),\
         w=new Worker({script:?},{{type:\"module\"}}),early=[];\
         e.then((m)=>w.postMessage(m),()=>w.postMessage(null));\
         w.onmessage=(v)=>{{early.push(v.data);if(v.data[0]==={ready:?}){{w.onmessage=null;p.then(([m,h])=>{{\
         const b={{}};if(m)b[{mkey:?}]=m;if(h)b[{hkey:?}]=h;w.postMessage([{load:?},b],[m,h].filter(Boolean));}});}}}};\
         w.onerror=()=>{{w.terminate();window.{EARLY}=null;}};\
         window.{EARLY}={{worker:w,early}};}}catch(x){{}}</script>",
        wasm = ENGINE_WASM,
        manifest = format!("/{MANIFEST_PATH}"),
        hotcache = format!("/{HOTCACHE_PATH}"),
        script = WORKER_SCRIPT,
        mkey = PREFETCHED_MANIFEST,
        hkey = PREFETCHED_HOTCACHE,
    )
}

/// The worker the search page started, if any, and whether it has said it listens. Its early
/// replies need no one: no query was sent, and the load it was asked for is under way.
fn adopt_early() -> Option<(Worker, bool)> {
    let window = web_sys::window()?;
    let key = JsValue::from_str(EARLY);
    let early = js_sys::Reflect::get(&window, &key).ok()?;
    let _ = js_sys::Reflect::set(&window, &key, &JsValue::NULL);
    let worker: Worker = js_sys::Reflect::get(&early, &"worker".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let replies: js_sys::Array = js_sys::Reflect::get(&early, &"early".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let ready = replies
        .iter()
        .any(|r| unpack::<Reply>(&r).0 == Ok(Reply::Ready));
    Some((worker, ready))
}

fn spawn() -> Result<Client, String> {
    // A reply that is not one of ours answers no query: it is dropped.
    let heard = |reply: Result<Reply, String>| {
        if let Ok(reply) = reply {
            on_reply(reply);
        }
    };
    let (port, ready) = match adopt_early() {
        Some((worker, ready)) => (Port::adopt(worker, heard, on_crash), ready),
        None => {
            let port = Port::start(WORKER_SCRIPT, Kind::Module, heard, on_crash)
                .map_err(|_| "浏览器无法启动检索程序".to_string())?;
            // No engine compiled here: the worker's loader fetches it.
            port.post_raw(&JsValue::NULL);
            (port, false)
        }
    };
    Ok(Client {
        port,
        ready,
        preload: false,
        in_flight: None,
        waiting: None,
    })
}

fn on_reply(reply: Reply) {
    // Listeners run after the client is released, so they may ask again.
    let mut calls: Vec<(Listener, Event)> = Vec::new();
    CLIENT.with_borrow_mut(|slot| {
        let Some(c) = slot.as_mut() else { return };
        match reply {
            Reply::Ready => {
                c.ready = true;
                if std::mem::take(&mut c.preload) {
                    c.port.post(&Request::Load, None);
                }
            }
            Reply::Progress { loaded, total } => {
                let event = Event::Progress { loaded, total };
                let flying = c.in_flight.iter().map(|(_, l)| l.clone());
                let waiting = c.waiting.iter().map(|(_, _, l)| l.clone());
                calls.extend(flying.chain(waiting).map(|l| (l, event.clone())));
            }
            Reply::Loaded { .. } | Reply::LoadFailed { .. } => {}
            Reply::Results { id, results } => {
                calls.extend(finish(c, id).map(|l| (l, Event::Results(results))));
            }
            Reply::Failed { id, error } => {
                calls.extend(finish(c, id).map(|l| (l, Event::Failed(explain(&error)))));
            }
        }
        let undelivered = c.pump();
        calls.extend(undelivered.map(|l| (l, Event::Failed(NOT_DELIVERED.to_string()))));
    });
    for (listener, event) in calls {
        listener(event);
    }
}

/// The listener of the query in flight if `id` names it, with its round trip measured.
fn finish(c: &mut Client, id: u64) -> Option<Listener> {
    match c.in_flight.take() {
        Some((flying, listener)) if flying == id => {
            measure(id);
            Some(listener)
        }
        other => {
            c.in_flight = other;
            None
        }
    }
}

/// The worker failed to start or crashed: drop it and tell everyone waiting.
fn on_crash() {
    let listeners = CLIENT.with_borrow_mut(|slot| {
        let mut client = slot.take();
        if let Some(c) = client.as_mut() {
            c.port.terminate();
        }
        client.map(|mut c| c.listeners()).unwrap_or_default()
    });
    notify_all(listeners, "检索程序出错，请重试".to_string());
}

fn notify_all(listeners: Vec<Listener>, message: String) {
    for listener in listeners {
        listener(Event::Failed(message.clone()));
    }
}

fn explain(error: &SearchError) -> String {
    match error {
        SearchError::Open(why) => format!("检索索引无法载入：{why}"),
        SearchError::UnknownFilter(name) => format!("未知的筛选条件：{name}"),
        SearchError::Search(why) => format!("检索出错：{why}"),
    }
}

fn start_mark(id: u64) -> String {
    format!("{MEASURE}-{id}")
}

fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

fn measure(id: u64) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.measure_with_start_mark(MEASURE, &start_mark(id));
    }
    clear_mark(id);
}

fn clear_mark(id: u64) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        p.clear_marks_with_mark_name(&start_mark(id));
    }
}
