//! `gongkai dev`'s part of the server: pages that reload themselves after each rebuild, and the
//! content's problems shown in place of the site while they last.
//!
//! Every HTML page gets a small script in its `<head>` that opens an event stream
//! (`EVENTS_PATH`) and reloads the page when the build generation it was served with is no
//! longer the current one. The stream sends the current generation at once, then again on the
//! next rebuild, and ends before the server's request deadline; `EventSource` reconnects on its
//! own. Dev answers are never cached and never precompressed, so a reload shows the new bytes.

use super::request::Request;
use super::response::{empty, escape_html, Body, HttpBody, Response};
use bytes::Bytes;
use http_body_util::{BodyExt, StreamBody};
use hyper::body::Frame;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// Where pages listen for rebuilds.
pub const EVENTS_PATH: &str = "/_gongkai/live";
/// How long one event stream waits for a rebuild before ending (the browser reconnects).
const HOLD: Duration = Duration::from_secs(45);

/// The state of the site being served, shared by the watcher and the server.
pub struct Live {
    state: watch::Sender<State>,
}

#[derive(Debug, Clone, Default)]
struct State {
    /// Bumped when the pages change (or the problems do).
    generation: u64,
    /// Bumped when the search index changes: only search pages reload for it.
    index: u64,
    /// The last rebuild's problems (`path:line: message` lines), while it stands.
    problems: Option<Vec<String>>,
}

impl Live {
    pub fn new() -> Arc<Live> {
        Arc::new(Live {
            state: watch::Sender::new(State::default()),
        })
    }

    /// A rebuild succeeded: open pages reload and show it.
    pub fn rebuilt(&self) {
        self.state.send_modify(|s| {
            s.generation += 1;
            s.problems = None;
        });
    }

    /// A full build (pages and search index) succeeded: pages whose problems it cleared and
    /// search pages reload.
    pub fn indexed(&self) {
        self.state.send_modify(|s| {
            if s.problems.take().is_some() {
                s.generation += 1;
            }
            s.index += 1;
        });
    }

    /// A rebuild found problems: open pages reload and list them (the site stays as it was).
    pub fn failed(&self, problems: Vec<String>) {
        self.state.send_modify(|s| {
            s.generation += 1;
            s.problems = Some(problems);
        });
    }

    /// The event stream, when `req` asks for it.
    pub(super) fn events(&self, req: &Request) -> Option<hyper::Response<HttpBody>> {
        let path = req.target.split('?').next().unwrap_or("");
        (path == EVENTS_PATH).then(|| self.stream())
    }

    /// The current stamp at once, then the next one if a rebuild comes within [`HOLD`].
    fn stream(&self) -> hyper::Response<HttpBody> {
        use futures_util::{future, stream, StreamExt};
        let mut rx = self.state.subscribe();
        let first = format!("retry: 1000\ndata: {}\n\n", rx.borrow_and_update().stamp());
        let next = async move {
            tokio::time::timeout(HOLD, rx.changed()).await.ok()?.ok()?;
            Some(format!("data: {}\n\n", rx.borrow_and_update().stamp()))
        };
        let frames = stream::once(future::ready(Some(first)))
            .chain(stream::once(next))
            .filter_map(future::ready)
            .map(|data| Ok::<_, std::io::Error>(Frame::data(Bytes::from(data))));
        hyper::Response::builder()
            .header("Content-Type", "text/event-stream")
            .header("Cache-Control", "no-store")
            .body(BodyExt::boxed(StreamBody::new(frames)))
            .unwrap_or_else(|_| hyper::Response::new(empty()))
    }

    /// Dev sends identity bytes and full answers, never 304 from an earlier build.
    pub(super) fn prepare(&self, req: Request) -> Request {
        req.without("accept-encoding")
            .without("if-none-match")
            .without("if-modified-since")
    }

    /// Adds the reload script to HTML, or puts the problems page in its place (for any page a
    /// browser navigates to, even one the last good site lacks).
    pub(super) fn decorate(&self, navigation: bool, resp: Response) -> Response {
        let resp = resp.set_header("Cache-Control", "no-store");
        let state = self.state.borrow().clone();
        let script = reload_script(&state.stamp());
        if let Some(problems) = &state.problems {
            if navigation || resp.is_html() {
                return problems_page(problems, &script);
            }
        }
        if !resp.is_html() || !matches!(resp.code(), 200 | 404) {
            return resp;
        }
        match resp.into_bytes() {
            Ok((resp, bytes)) => {
                let html = inject(&String::from_utf8_lossy(&bytes), &script);
                resp.set_header("ETag", format!("\"dev-{}\"", state.stamp()))
                    .body(Body::Bytes(html.into_bytes()))
            }
            Err(_) => Response::text(500, "Internal Server Error"),
        }
    }
}

impl State {
    /// What the page and the event stream compare: `<generation>.<index>`.
    fn stamp(&self) -> String {
        format!("{}.{}", self.generation, self.index)
    }
}

/// Reloads when the pages changed, or when the index did and this is a search page; the stamp
/// last heard is left on `<html data-gongkai-live>`, where tests see that the page listens.
fn reload_script(stamp: &str) -> String {
    format!(
        "<script>/* gongkai dev: reload after each rebuild */(()=>{{const [g,i]=\"{stamp}\".split(\".\");\
         const s=new EventSource(\"{EVENTS_PATH}\");s.onmessage=(e)=>{{const [h,j]=e.data.split(\".\");\
         document.documentElement.dataset.gongkaiLive=e.data;\
         if(h!==g||(j!==i&&location.pathname.startsWith(\"/search\"))){{s.close();location.reload();}}}};}})();</script>"
    )
}

/// Puts `script` just before `</head>` (or at the start when there is no head).
fn inject(html: &str, script: &str) -> String {
    match html.find("</head>") {
        Some(at) => format!("{}{script}{}", &html[..at], &html[at..]),
        None => format!("{script}{html}"),
    }
}

/// What an open page shows while the content has problems.
fn problems_page(problems: &[String], script: &str) -> Response {
    let list: String = problems
        .iter()
        .map(|p| format!("<li><code>{}</code></li>", escape_html(p)))
        .collect();
    let html = format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <title>内容检查未通过 · gongkai dev</title>{script}</head><body><main>\
         <h1>内容检查未通过，网站仍是上次成功构建的版本</h1>\
         <p>请修改以下问题并保存，本页会自动刷新。</p><ol>{list}</ol></main></body></html>"
    );
    Response::new(500, Body::Bytes(html.into_bytes()))
        .header("Content-Type", "text/html; charset=utf-8")
        .header("Cache-Control", "no-store")
}

#[cfg(test)]
mod tests {
    use super::{inject, Live, Response};
    use crate::serve::response::Body;

    fn page() -> Response {
        Response::new(
            200,
            Body::Bytes(b"<html><head><title>t</title></head><body>b</body></html>".to_vec()),
        )
        .header("Content-Type", "text/html; charset=utf-8")
        .header("ETag", "\"x\"")
    }

    fn text(resp: Response) -> (u16, String) {
        let code = resp.code();
        let (_, bytes) = resp.into_bytes().unwrap();
        (code, String::from_utf8(bytes).unwrap())
    }

    #[test]
    fn pages_get_the_script_of_the_current_generation() {
        let live = Live::new();
        live.rebuilt();
        let (code, html) = text(live.decorate(false, page()));
        assert_eq!(code, 200);
        assert!(html.contains(r#"const [g,i]="1.0""#), "{html}");
        assert!(html.find("<script>").unwrap() < html.find("</head>").unwrap());
        assert!(html.ends_with("<body>b</body></html>"));
    }

    #[test]
    fn problems_replace_pages_until_a_rebuild_succeeds() {
        let live = Live::new();
        live.failed(vec!["a.md:3: bad <date>".to_string()]);
        let (code, html) = text(live.decorate(false, page()));
        assert_eq!(code, 500);
        assert!(
            html.contains("<code>a.md:3: bad &lt;date&gt;</code>"),
            "{html}"
        );
        assert!(html.contains(r#"const [g,i]="1.0""#));
        let css =
            Response::new(200, Body::Bytes(b"a{}".to_vec())).header("Content-Type", "text/css");
        assert_eq!(text(live.decorate(false, css)), (200, "a{}".to_string()));
        let missing = Response::text(404, "Not Found");
        assert_eq!(text(live.decorate(true, missing)).0, 500);
        live.rebuilt();
        assert_eq!(text(live.decorate(false, page())).0, 200);
    }

    #[test]
    fn a_page_without_head_gets_the_script_first() {
        assert_eq!(inject("<p>x", "<s>"), "<s><p>x");
    }
}
