//! A response as the server's decisions build it, and how it is handed to hyper.

use bytes::Bytes;
use futures_util::TryStreamExt;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::Frame;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::time::SystemTime;
use tokio::io::AsyncReadExt;
use tokio_util::io::ReaderStream;

/// What follows the head.
pub enum Body {
    Empty,
    Bytes(Vec<u8>),
    /// `len` bytes of `file` from `start`, so ranges and large files stream without buffering.
    File {
        file: File,
        start: u64,
        len: u64,
    },
}

impl Body {
    fn len(&self) -> u64 {
        match self {
            Body::Empty => 0,
            Body::Bytes(b) => b.len() as u64,
            Body::File { len, .. } => *len,
        }
    }
}

/// A status, headers, and a body; `Content-Length`, `Date` and `Connection` are added on write.
pub struct Response {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Body,
}

impl Response {
    pub fn new(status: u16, body: Body) -> Self {
        Response {
            status,
            headers: Vec::new(),
            body,
        }
    }

    /// A short plain-text answer, for errors.
    pub fn text(status: u16, message: &str) -> Self {
        let body = Body::Bytes(format!("{status} {message}\n").into_bytes());
        Response::new(status, body).header("Content-Type", "text/plain; charset=utf-8")
    }

    /// The status code, for the request log.
    pub fn code(&self) -> u16 {
        self.status
    }

    pub fn status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    pub fn body(mut self, body: Body) -> Self {
        self.body = body;
        self
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// Whether the body is HTML (dev adds its reload script to these).
    pub fn is_html(&self) -> bool {
        self.header_value("Content-Type")
            .is_some_and(|t| t.starts_with("text/html"))
    }

    pub fn header_value(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Replaces a header's value, or adds it.
    pub fn set_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.header(name, value)
    }

    /// The body read into memory (dev rewrites HTML pages; they are small).
    pub fn into_bytes(mut self) -> io::Result<(Self, Vec<u8>)> {
        let bytes = match std::mem::replace(&mut self.body, Body::Empty) {
            Body::Empty => Vec::new(),
            Body::Bytes(bytes) => bytes,
            Body::File {
                mut file,
                start,
                len,
            } => {
                file.seek(SeekFrom::Start(start))?;
                let mut bytes = Vec::new();
                file.take(len).read_to_end(&mut bytes)?;
                bytes
            }
        };
        Ok((self, bytes))
    }

    /// Hands the response to hyper: `Content-Length` from the body (kept for HEAD, which
    /// gets no body), `nosniff` on everything. hyper adds `Date` and `Connection: close`.
    pub fn into_http(self, head_only: bool) -> hyper::Response<HttpBody> {
        let mut builder = hyper::Response::builder().status(self.status);
        for (name, value) in &self.headers {
            builder = builder.header(*name, value.as_str());
        }
        if self.status != 304 {
            builder = builder.header("Content-Length", self.body.len());
        }
        let body = if head_only || self.status == 304 {
            empty()
        } else {
            stream(self.body)
        };
        builder
            .header("X-Content-Type-Options", "nosniff")
            .body(body)
            .unwrap_or_else(|_| hyper::Response::new(empty()))
    }
}

/// What hyper sends: whole bytes, or a file streamed in chunks.
pub type HttpBody = BoxBody<Bytes, io::Error>;

pub(super) fn empty() -> HttpBody {
    Full::new(Bytes::new())
        .map_err(|never| match never {})
        .boxed()
}

fn stream(body: Body) -> HttpBody {
    match body {
        Body::Empty => empty(),
        Body::Bytes(bytes) => Full::new(Bytes::from(bytes))
            .map_err(|never| match never {})
            .boxed(),
        Body::File { file, start, len } => file_body(file, start, len),
    }
}

/// `len` bytes of `file` from `start`: the seek happens now, the reads as hyper sends.
fn file_body(mut file: File, start: u64, len: u64) -> HttpBody {
    if let Err(err) = file.seek(SeekFrom::Start(start)) {
        let failed = futures_util::stream::once(async move { Err(err) });
        return StreamBody::new(failed).boxed();
    }
    let reader = tokio::fs::File::from_std(file).take(len);
    let frames = ReaderStream::new(reader).map_ok(Frame::data);
    StreamBody::new(frames).boxed()
}

/// `text` made safe inside HTML text or a quoted attribute, for the pages the server writes.
pub(super) fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// RFC 9110 IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
pub fn http_date(time: SystemTime) -> String {
    httpdate::fmt_http_date(time)
}

#[cfg(test)]
mod tests {
    use super::{http_date, Body, Response};
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn dates() {
        assert_eq!(http_date(UNIX_EPOCH), "Thu, 01 Jan 1970 00:00:00 GMT");
        let rfc_example = UNIX_EPOCH + Duration::from_secs(784_111_777);
        assert_eq!(http_date(rfc_example), "Sun, 06 Nov 1994 08:49:37 GMT");
        let leap = UNIX_EPOCH + Duration::from_secs(1_709_210_096);
        assert_eq!(http_date(leap), "Thu, 29 Feb 2024 12:34:56 GMT");
    }

    #[test]
    fn head_only_keeps_length_drops_body() {
        use hyper::body::Body as _;
        let resp = Response::new(200, Body::Bytes(b"hello".to_vec())).header("X-A", "1");
        let http = resp.into_http(true);
        assert_eq!(http.headers()["content-length"], "5");
        assert_eq!(http.headers()["x-a"], "1");
        assert_eq!(http.headers()["x-content-type-options"], "nosniff");
        assert!(http.body().is_end_stream());
    }
}
