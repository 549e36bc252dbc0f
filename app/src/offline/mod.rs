//! The terminal page's side of offline sync: it starts the sync worker, sends it files and feed
//! addresses, and turns its events into signals the page shows. The verifying and the storing
//! happen in the worker (`sync-worker/`); serving the stored site happens in `public/sw.js`.

pub mod browser;
pub mod text;

use gongkai_sync_worker::protocol::{
    Outcome, Progress, Reply, Request, TerminalStatus, WORKER_URL,
};
use gongkai_web::port::{Kind, Port};
use leptos::prelude::*;

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

/// The live connection to the sync worker and what it last said.
#[derive(Clone, Copy)]
pub struct Terminal {
    worker: StoredValue<Option<Port>, LocalStorage>,
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
        let heard = move |reply: Result<Reply, String>| {
            self.receive(reply.unwrap_or_else(|why| Reply::unreadable(&why)));
        };
        let crashed = move || {
            self.receive(Reply::Failed {
                reason: "同步程序出错，请刷新页面后重试。".into(),
            })
        };
        match Port::start(WORKER_URL, Kind::Classic, heard, crashed) {
            Ok(port) => self.worker.set_value(Some(port)),
            Err(_) => self.notice.set(Some(Notice::Failed(
                "无法启动同步程序：此浏览器不支持 Web Worker。".into(),
            ))),
        }
    }

    /// Stops the worker (leaving the page); an unfinished task leaves the active version as it was.
    pub fn disconnect(self) {
        self.worker.update_value(|w| {
            if let Some(port) = w.take() {
                port.terminate();
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
        let sent = self.worker.with_value(|w| match w {
            Some(port) => port.post(request, file.as_ref().map(|f| f.as_ref())),
            None => false,
        });
        if !sent {
            self.busy.set(false);
            self.notice.set(Some(Notice::Failed(
                "同步程序没有运行，请刷新页面。".into(),
            )));
        }
    }

    fn receive(self, event: Reply) {
        let finished = |notice: Notice| {
            self.busy.set(false);
            self.progress.set(None);
            self.notice.set(Some(notice));
            self.post(&Request::Status, None);
        };
        match event {
            Reply::Ready => {
                self.ready.set(true);
                self.post(&Request::Status, None);
            }
            Reply::Progress(p) => self.progress.set(Some(p)),
            Reply::Status(s) => self.status.set(Some(s)),
            Reply::Done(outcome) => finished(Notice::Done(outcome)),
            Reply::Rejected { reason, detail } => finished(Notice::Rejected { reason, detail }),
            Reply::Failed { reason } => finished(Notice::Failed(reason)),
        }
    }
}

impl Default for Terminal {
    fn default() -> Terminal {
        Terminal::new()
    }
}
