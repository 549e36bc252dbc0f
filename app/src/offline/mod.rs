//! The terminal page's side of offline sync: it starts the sync worker, sends it files and feed
//! addresses, and turns its events into signals the page shows. The verifying and the storing
//! happen in the worker (`sync-worker/`); serving the stored site happens in `public/sw.js`.

pub mod browser;
pub mod text;

use gongkai_sync_worker::protocol::{
    Event, Outcome, Progress, Request, TerminalStatus, WORKER_URL,
};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

/// A finished task's message for the operator.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Done(Outcome),
    /// Verification refused the input: the reason, and the verifier's own words.
    Rejected {
        reason: String,
        detail: String,
    },
    Failed(String),
}

type Handler = Closure<dyn FnMut(MessageEvent)>;

/// The live connection to the sync worker and what it last said.
#[derive(Clone, Copy)]
pub struct Terminal {
    worker: StoredValue<Option<(Worker, Handler)>, LocalStorage>,
    pub status: RwSignal<Option<TerminalStatus>>,
    pub progress: RwSignal<Option<Progress>>,
    pub notice: RwSignal<Option<Notice>>,
    pub busy: RwSignal<bool>,
    /// The worker has loaded and listens.
    pub ready: RwSignal<bool>,
}

impl Terminal {
    pub fn new() -> Terminal {
        Terminal {
            worker: StoredValue::new_local(None),
            status: RwSignal::new(None),
            progress: RwSignal::new(None),
            notice: RwSignal::new(None),
            busy: RwSignal::new(false),
            ready: RwSignal::new(false),
        }
    }

    /// Starts the worker, which asks for the status once it is ready; call from an effect, once.
    pub fn connect(self) {
        let handler: Handler = Closure::new(move |e: MessageEvent| {
            let text = e.data().as_string().unwrap_or_default();
            self.receive(Event::parse(&text));
        });
        match Worker::new(WORKER_URL) {
            Ok(worker) => {
                worker.set_onmessage(Some(handler.as_ref().unchecked_ref()));
                self.worker.set_value(Some((worker, handler)));
            }
            Err(_) => self.notice.set(Some(Notice::Failed(
                "无法启动同步程序：此浏览器不支持 Web Worker。".into(),
            ))),
        }
    }

    /// Stops the worker (leaving the page); an unfinished task leaves the active version as it was.
    pub fn disconnect(self) {
        self.worker.update_value(|w| {
            if let Some((worker, _)) = w.take() {
                worker.terminate();
            }
        });
    }

    /// Verifies `file`, and installs it when `install`.
    pub fn load_file(self, file: web_sys::File, install: bool) {
        let name = file.name();
        self.start(&Request::Bundle { name, install }, Some(file));
    }

    pub fn sync_feed(self, url: String) {
        self.start(&Request::Feed { url }, None);
    }

    fn start(self, request: &Request, file: Option<web_sys::File>) {
        self.notice.set(None);
        self.progress.set(None);
        self.busy.set(true);
        self.post(request, file);
    }

    fn post(self, request: &Request, file: Option<web_sys::File>) {
        let message = js_sys::Array::of1(&JsValue::from_str(&request.to_json()));
        if let Some(file) = file {
            message.push(&file);
        }
        let sent = self.worker.with_value(|w| match w {
            Some((worker, _)) => worker.post_message(&message).is_ok(),
            None => false,
        });
        if !sent {
            self.busy.set(false);
            self.notice.set(Some(Notice::Failed(
                "同步程序没有运行，请刷新页面。".into(),
            )));
        }
    }

    fn receive(self, event: Event) {
        let finished = |notice: Notice| {
            self.busy.set(false);
            self.progress.set(None);
            self.notice.set(Some(notice));
            self.post(&Request::Status, None);
        };
        match event {
            Event::Ready => {
                self.ready.set(true);
                self.post(&Request::Status, None);
            }
            Event::Progress(p) => self.progress.set(Some(p)),
            Event::Status(s) => self.status.set(Some(s)),
            Event::Done(outcome) => finished(Notice::Done(outcome)),
            Event::Rejected { reason, detail } => finished(Notice::Rejected { reason, detail }),
            Event::Failed { reason } => finished(Notice::Failed(reason)),
        }
    }
}

impl Default for Terminal {
    fn default() -> Terminal {
        Terminal::new()
    }
}
