//! `Range: bytes=…` (RFC 9110 §14): the app reads the search index by byte ranges.
//!
//! Only a single range is answered with 206; a request for several ranges gets the whole file
//! (200), which the RFC allows since a server may ignore Range. A malformed header is ignored.

/// What to send for a Range header against a representation of `len` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeAnswer {
    /// Send the whole file with 200.
    Full,
    /// Send bytes `start..=end` with 206.
    Partial { start: u64, end: u64 },
    /// Send 416 with `Content-Range: bytes */len`.
    Unsatisfiable,
}

#[derive(Debug, Clone, Copy)]
enum Spec {
    From(u64, Option<u64>),
    Suffix(u64),
}

/// Decides the answer for a Range header value.
pub fn answer(header: &str, len: u64) -> RangeAnswer {
    let Some((unit, list)) = header.trim().split_once('=') else {
        return RangeAnswer::Full;
    };
    if !unit.trim().eq_ignore_ascii_case("bytes") {
        return RangeAnswer::Full;
    }
    let specs: Option<Vec<Spec>> = list
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(parse_spec)
        .collect();
    match specs.as_deref() {
        Some([one]) => resolve(*one, len),
        _ => RangeAnswer::Full,
    }
}

fn parse_spec(spec: &str) -> Option<Spec> {
    let (first, last) = spec.split_once('-')?;
    if first.is_empty() {
        return Some(Spec::Suffix(digits(last)?));
    }
    let start = digits(first)?;
    if last.is_empty() {
        return Some(Spec::From(start, None));
    }
    let end = digits(last)?;
    (start <= end).then_some(Spec::From(start, Some(end)))
}

/// Parses ASCII digits, saturating: a huge position is still valid syntax, just past any file.
fn digits(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(s.bytes().fold(0u64, |n, b| {
        n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
    }))
}

fn resolve(spec: Spec, len: u64) -> RangeAnswer {
    match spec {
        Spec::From(start, end) if start < len => RangeAnswer::Partial {
            start,
            end: end.map_or(len - 1, |e| e.min(len - 1)),
        },
        Spec::Suffix(n) if n > 0 && len > 0 => RangeAnswer::Partial {
            start: len - n.min(len),
            end: len - 1,
        },
        _ => RangeAnswer::Unsatisfiable,
    }
}

#[cfg(test)]
mod tests {
    use super::{answer, RangeAnswer::*};

    #[test]
    fn single_ranges() {
        assert_eq!(answer("bytes=0-3", 10), Partial { start: 0, end: 3 });
        assert_eq!(answer("bytes=5-", 10), Partial { start: 5, end: 9 });
        assert_eq!(answer("bytes=-4", 10), Partial { start: 6, end: 9 });
        assert_eq!(answer("BYTES=8-100", 10), Partial { start: 8, end: 9 });
        assert_eq!(answer("bytes=-100", 10), Partial { start: 0, end: 9 });
        assert_eq!(answer("bytes=9-9", 10), Partial { start: 9, end: 9 });
    }

    #[test]
    fn unsatisfiable() {
        assert_eq!(answer("bytes=10-", 10), Unsatisfiable);
        assert_eq!(answer("bytes=-0", 10), Unsatisfiable);
        assert_eq!(answer("bytes=0-0", 0), Unsatisfiable);
        assert_eq!(answer("bytes=99999999999999999999999-", 10), Unsatisfiable);
    }

    #[test]
    fn malformed_or_multiple_is_full() {
        for h in [
            "bytes",
            "bytes=",
            "bytes=a-b",
            "bytes=5-2",
            "items=0-1",
            "bytes=0-1,4-5",
            "bytes=--1",
        ] {
            assert_eq!(answer(h, 10), Full, "{h}");
        }
    }
}
