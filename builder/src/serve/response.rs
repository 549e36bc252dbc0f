//! An HTTP response and how it goes on the wire, with the headers every answer carries.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::time::{SystemTime, UNIX_EPOCH};

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

    /// Writes the response, the body only if `with_body`; returns the body bytes sent.
    pub fn write_to(self, out: impl Write, with_body: bool) -> io::Result<u64> {
        let mut out = BufWriter::new(out);
        out.write_all(self.head().as_bytes())?;
        let sent = if with_body {
            write_body(self.body, &mut out)?
        } else {
            0
        };
        out.flush()?;
        Ok(sent)
    }

    fn head(&self) -> String {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if self.status != 304 {
            head.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        }
        head.push_str(&format!("Date: {}\r\n", http_date(SystemTime::now())));
        head.push_str("X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n");
        head
    }
}

fn write_body(body: Body, out: &mut impl Write) -> io::Result<u64> {
    match body {
        Body::Empty => Ok(0),
        Body::Bytes(bytes) => out.write_all(&bytes).map(|()| bytes.len() as u64),
        Body::File {
            mut file,
            start,
            len,
        } => {
            file.seek(SeekFrom::Start(start))?;
            io::copy(&mut file.take(len), out)
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        206 => "Partial Content",
        301 => "Moved Permanently",
        304 => "Not Modified",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        416 => "Range Not Satisfiable",
        _ => "Internal Server Error",
    }
}

/// RFC 9110 IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`; times before 1970 print as 1970.
pub fn http_date(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    let date = gongkai_core::Date::from_days_since_epoch(days);
    let (year, month, day) = (date.year, date.month, date.day);
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][(days % 7) as usize];
    let month_name = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][(month - 1) as usize];
    let (h, m, s) = (secs / 3600 % 24, secs / 60 % 60, secs % 60);
    format!("{weekday}, {day:02} {month_name} {year} {h:02}:{m:02}:{s:02} GMT")
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
        let mut out = Vec::new();
        let resp = Response::new(200, Body::Bytes(b"hello".to_vec())).header("X-A", "1");
        assert_eq!(resp.write_to(&mut out, false).unwrap(), 0);
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with("HTTP/1.1 200 OK\r\nX-A: 1\r\nContent-Length: 5\r\n"),
            "{text}"
        );
        assert!(text.ends_with("Connection: close\r\n\r\n"), "{text}");
    }
}
