//! Reading one HTTP/1.x request head from a socket, bounded so a bad client cannot exhaust memory.

use std::io::Read;

/// Request heads longer than this are refused with 400.
pub const MAX_HEAD: usize = 16 * 1024;

/// The parts of a request a static server needs; the body, if any, is never read.
#[derive(Debug)]
pub struct Request {
    pub method: String,
    pub target: String,
    headers: Vec<(String, String)>,
}

/// Why no request could be read.
#[derive(Debug)]
pub enum ReadError {
    /// The client closed the connection before sending anything.
    Closed,
    /// The head exceeded `MAX_HEAD`.
    TooLarge,
    /// The request line or a header line is not HTTP/1.x.
    Malformed,
    /// The socket failed or timed out.
    Io,
}

impl Request {
    /// All values of a header joined with ", " (lists may be split across lines).
    pub fn header(&self, name: &str) -> Option<String> {
        let values: Vec<&str> = self
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect();
        (!values.is_empty()).then(|| values.join(", "))
    }
}

/// Reads bytes until the blank line that ends the head, then parses it.
pub fn read(stream: &mut impl Read) -> Result<Request, ReadError> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    loop {
        if let Some(end) = head_end(&buf) {
            if end > MAX_HEAD {
                return Err(ReadError::TooLarge);
            }
            return parse(&buf[..end]);
        }
        if buf.len() > MAX_HEAD {
            return Err(ReadError::TooLarge);
        }
        let n = stream.read(&mut chunk).map_err(|_| ReadError::Io)?;
        if n == 0 {
            return Err(if buf.is_empty() {
                ReadError::Closed
            } else {
                ReadError::Malformed
            });
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// Index where the head's content ends (before the empty line); accepts bare LF as RFC 9112 allows.
fn head_end(buf: &[u8]) -> Option<usize> {
    (0..buf.len()).find(|&i| {
        buf[i] == b'\n' && (buf.get(i + 1) == Some(&b'\n') || buf[i + 1..].starts_with(b"\r\n"))
    })
}

/// Parses a request head (without the terminating empty line).
pub fn parse(head: &[u8]) -> Result<Request, ReadError> {
    let text = std::str::from_utf8(head).map_err(|_| ReadError::Malformed)?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let (method, target) = parse_request_line(lines.next().unwrap_or(""))?;
    let headers = lines.map(parse_header).collect::<Result<_, _>>()?;
    Ok(Request {
        method,
        target,
        headers,
    })
}

fn parse_request_line(line: &str) -> Result<(String, String), ReadError> {
    let parts: Vec<&str> = line.split(' ').collect();
    let [method, target, version] = parts.as_slice() else {
        return Err(ReadError::Malformed);
    };
    let target_ok = !target.is_empty() && target.bytes().all(|b| b.is_ascii_graphic());
    if !is_token(method) || !target_ok || !matches!(*version, "HTTP/1.1" | "HTTP/1.0") {
        return Err(ReadError::Malformed);
    }
    Ok((method.to_string(), target.to_string()))
}

fn parse_header(line: &str) -> Result<(String, String), ReadError> {
    let (name, value) = line.split_once(':').ok_or(ReadError::Malformed)?;
    if !is_token(name) {
        return Err(ReadError::Malformed);
    }
    Ok((
        name.to_string(),
        value.trim_matches([' ', '\t']).to_string(),
    ))
}

/// RFC 9110 `token`: also rejects whitespace before a header's colon and obsolete line folding.
fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::{parse, read, ReadError, MAX_HEAD};

    #[test]
    fn parses_request_and_joins_repeated_headers() {
        let req =
            parse(b"GET /a?b HTTP/1.1\r\nHost: x\r\nAccept-Encoding: br\r\naccept-encoding: gzip")
                .unwrap();
        assert_eq!((req.method.as_str(), req.target.as_str()), ("GET", "/a?b"));
        assert_eq!(req.header("ACCEPT-ENCODING").as_deref(), Some("br, gzip"));
        assert_eq!(req.header("range"), None);
    }

    #[test]
    fn rejects_malformed_heads() {
        for head in [
            &b"GARBAGE"[..],
            b"GET / HTTP/2.0",
            b"GET  / HTTP/1.1",
            b"GET / HTTP/1.1\r\nNo colon here",
            b"GET / HTTP/1.1\r\nBad Name: x",
            b"GET / HTTP/1.1\r\n folded",
            b"GET /\xff HTTP/1.1",
        ] {
            assert!(matches!(parse(head), Err(ReadError::Malformed)), "{head:?}");
        }
    }

    #[test]
    fn read_stops_at_blank_line_and_caps_size() {
        let mut ok: &[u8] = b"HEAD / HTTP/1.0\n\nbody";
        assert_eq!(read(&mut ok).unwrap().method, "HEAD");
        let huge = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_HEAD));
        assert!(matches!(
            read(&mut huge.as_bytes()),
            Err(ReadError::TooLarge)
        ));
        assert!(matches!(read(&mut &b""[..]), Err(ReadError::Closed)));
        assert!(matches!(
            read(&mut &b"GET / HT"[..]),
            Err(ReadError::Malformed)
        ));
    }
}
