//! What a Range request asks and whether its answer can be trusted, without the browser.
//!
//! The lazy index reader ([`super::xhr`]) asks a static host for byte ranges. Hosts differ:
//! most answer 206 with a `Content-Range`, some ignore `Range` and send the whole file with 200,
//! some compress on the fly. This module decides, from the status and headers alone, which
//! bytes of the body are the ones asked for, and when to fall back to the index's chunks, so the
//! rules are tested natively.

use std::ops::Range;

/// Whole files up to this size from a host that ignored `Range` are kept (each later block of
/// them then costs nothing); after a bigger one the reader switches to the chunks.
pub const MAX_WHOLE_FILE: u64 = 256 * 1024;

/// The `Range` header value for bytes `range` (half-open; must not be empty).
pub fn range_header(range: &Range<u64>) -> String {
    format!("bytes={}-{}", range.start, range.end.saturating_sub(1))
}

/// `Content-Range: bytes a-b/total` as `(a..b+1, total)`; `total` is `None` for `*`.
pub fn parse_content_range(value: &str) -> Option<(Range<u64>, Option<u64>)> {
    let rest = value.trim().strip_prefix("bytes")?.trim_start();
    let (span, total) = rest.split_once('/')?;
    let (first, last) = span.trim().split_once('-')?;
    let first: u64 = first.trim().parse().ok()?;
    let last: u64 = last.trim().parse().ok()?;
    if last < first {
        return None;
    }
    let total = match total.trim() {
        "*" => None,
        t => Some(t.parse().ok()?),
    };
    Some((first..last.checked_add(1)?, total))
}

/// What a response to a Range request holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Exactly the bytes asked for.
    Partial,
    /// The whole file (the host ignored `Range`); the caller slices it and may keep it.
    Whole,
}

/// The parts of a response that decide whether it answers a request for `asked` of a file of
/// `file_len` bytes.
#[derive(Debug, Clone, Copy)]
pub struct Response<'a> {
    pub status: u16,
    pub content_range: Option<&'a str>,
    pub content_encoding: Option<&'a str>,
    pub body_len: u64,
}

/// Checks a response; an error is a sentence for readers naming what the host did wrong.
///
/// A compressed whole body (200) is fine: the browser hands over the decoded file. A compressed
/// 206 is not: its range counts compressed bytes.
pub fn check(r: &Response, asked: &Range<u64>, file_len: u64) -> Result<Answer, String> {
    match r.status {
        206 => check_partial(r, asked, file_len),
        200 => check_whole(r, file_len),
        status => Err(format!("服务器返回 HTTP {status}")),
    }
}

fn check_partial(r: &Response, asked: &Range<u64>, file_len: u64) -> Result<Answer, String> {
    if let Some(encoding) = r.content_encoding.filter(|e| !is_identity(e)) {
        return Err(format!(
            "服务器对检索索引的分段请求做了即时压缩（{encoding}），无法按字节读取"
        ));
    }
    let header = r
        .content_range
        .ok_or("服务器的 206 回应缺少 Content-Range")?;
    let (got, total) =
        parse_content_range(header).ok_or_else(|| format!("无法识别的 Content-Range：{header}"))?;
    if got != *asked || total.is_some_and(|t| t != file_len) {
        return Err(format!(
            "服务器返回的字节范围（{header}）与请求的 {}-{}/{file_len} 不符，检索索引可能已更新，请刷新页面",
            asked.start,
            asked.end.saturating_sub(1)
        ));
    }
    if r.body_len != asked.end - asked.start {
        return Err(format!(
            "服务器返回了 {} 字节，应为 {}",
            r.body_len,
            asked.end - asked.start
        ));
    }
    Ok(Answer::Partial)
}

fn check_whole(r: &Response, file_len: u64) -> Result<Answer, String> {
    if r.body_len != file_len {
        return Err(format!(
            "服务器返回了 {} 字节，检索索引清单写的是 {file_len}，请刷新页面",
            r.body_len
        ));
    }
    Ok(Answer::Whole)
}

/// Whether the answer to a one-byte Range request shows a host whose ranges cannot be used: it
/// ignored `Range` (200), or compressed the range on the fly (a 206 counting compressed bytes).
/// Such a host gets the index from its chunks, fetched whole.
pub fn ignores_range(status: u16, content_encoding: Option<&str>) -> bool {
    match status {
        200 => true,
        206 => content_encoding.is_some_and(|e| !is_identity(e)),
        _ => false,
    }
}

fn is_identity(encoding: &str) -> bool {
    let e = encoding.trim();
    e.is_empty() || e.eq_ignore_ascii_case("identity")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, content_range: Option<&str>, body_len: u64) -> Response<'_> {
        Response {
            status,
            content_range,
            content_encoding: None,
            body_len,
        }
    }

    #[test]
    fn the_header_names_the_last_byte() {
        assert_eq!(range_header(&(0..2048)), "bytes=0-2047");
        assert_eq!(range_header(&(10..11)), "bytes=10-10");
    }

    #[test]
    fn content_ranges_parse_or_are_refused() {
        assert_eq!(
            parse_content_range("bytes 0-99/1000"),
            Some((0..100, Some(1000)))
        );
        assert_eq!(parse_content_range(" bytes 5-5/*"), Some((5..6, None)));
        for bad in [
            "",
            "bytes",
            "bytes 9-3/10",
            "bytes a-b/10",
            "items 0-1/2",
            "bytes 0-1",
            "bytes 0-1/x",
            "bytes 0-18446744073709551615/1",
            "bytes */100",
        ] {
            assert_eq!(parse_content_range(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_matching_206_is_taken() {
        let ok = response(206, Some("bytes 100-199/5000"), 100);
        assert_eq!(check(&ok, &(100..200), 5000), Ok(Answer::Partial));
        let unknown_total = response(206, Some("bytes 100-199/*"), 100);
        assert_eq!(
            check(&unknown_total, &(100..200), 5000),
            Ok(Answer::Partial)
        );
    }

    #[test]
    fn a_206_for_other_bytes_or_another_file_is_refused() {
        for (header, len) in [
            ("bytes 0-99/5000", 100),
            ("bytes 100-299/5000", 200),
            ("bytes 100-199/6000", 100),
            ("bytes 100-199/5000", 99),
        ] {
            let r = response(206, Some(header), len);
            assert!(check(&r, &(100..200), 5000).is_err(), "{header} {len}");
        }
        let missing = response(206, None, 100);
        assert!(check(&missing, &(100..200), 5000)
            .unwrap_err()
            .contains("Content-Range"));
    }

    #[test]
    fn a_whole_file_is_taken_only_when_complete() {
        let small = response(200, None, 5000);
        assert_eq!(check(&small, &(100..200), 5000), Ok(Answer::Whole));
        let short = response(200, None, 4000);
        assert!(check(&short, &(100..200), 5000).is_err());
        let big = MAX_WHOLE_FILE + 1;
        let whole = check(&response(200, None, big), &(0..10), big);
        assert_eq!(whole, Ok(Answer::Whole), "the caller switches to chunks");
    }

    #[test]
    fn a_host_without_usable_ranges_is_recognised() {
        assert!(ignores_range(200, None), "Range ignored");
        assert!(ignores_range(200, Some("br")));
        assert!(
            ignores_range(206, Some("gzip")),
            "ranges of compressed bytes"
        );
        assert!(!ignores_range(206, None));
        assert!(!ignores_range(206, Some("identity")));
        for status in [0, 404, 416, 500] {
            assert!(!ignores_range(status, None), "{status}: no conclusion");
        }
    }

    #[test]
    fn compression_on_the_fly_and_failures_are_refused() {
        let mut gz = response(206, Some("bytes 0-9/10"), 10);
        gz.content_encoding = Some("gzip");
        assert!(check(&gz, &(0..10), 10).unwrap_err().contains("gzip"));
        gz.content_encoding = Some("identity");
        assert_eq!(check(&gz, &(0..10), 10), Ok(Answer::Partial));
        let mut whole = response(200, None, 10);
        whole.content_encoding = Some("br");
        assert_eq!(
            check(&whole, &(0..5), 10),
            Ok(Answer::Whole),
            "decoded whole file"
        );
        for status in [0, 304, 404, 416, 500] {
            assert!(
                check(&response(status, None, 0), &(0..10), 10).is_err(),
                "{status}"
            );
        }
    }
}
