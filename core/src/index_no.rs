//! 索引号 patterns: how a site numbers its disclosure items, so `check` can test a number and
//! `gongkai new` can make the next free one.
//!
//! A pattern is literal text with placeholders: `{prefix}` (the department's `index_prefix`),
//! `{year}` (4 digits), `{month}` and `{day}` (2 digits each), and one `{seq}` (a number
//! without leading zeros) or `{seq:N}` (exactly N digits, zero-padded), e.g.
//! `{prefix}/{year}-{seq:5}` for `430300000/2021-00012`.

use crate::date::Date;
use std::fmt;
use std::str::FromStr;

/// A parsed 索引号 pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    source: String,
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Literal(String),
    Prefix,
    Year,
    Month,
    Day,
    Seq(Option<usize>),
}

/// What a 索引号 that follows a pattern says; a field is `None` where the pattern lacks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parsed {
    pub year: Option<u16>,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub seq: u64,
}

impl FromStr for Pattern {
    type Err = String;

    fn from_str(s: &str) -> Result<Pattern, String> {
        let mut parts = Vec::new();
        let mut rest = s;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                parts.push(Part::Literal(rest[..open].to_string()));
            }
            let close = rest[open..].find('}').ok_or_else(|| {
                format!(
                    "`{{` at byte {} is never closed",
                    s.len() - rest.len() + open
                )
            })?;
            parts.push(placeholder(&rest[open + 1..open + close])?);
            rest = &rest[open + close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Literal(rest.to_string()));
        }
        if parts
            .iter()
            .any(|p| matches!(p, Part::Literal(l) if l.contains('}')))
        {
            return Err("`}` without `{`".into());
        }
        match parts.iter().filter(|p| matches!(p, Part::Seq(_))).count() {
            1 => Ok(Pattern {
                source: s.to_string(),
                parts,
            }),
            0 => Err("the pattern needs one `{seq}` or `{seq:N}`".into()),
            _ => Err("the pattern may have only one `{seq}`".into()),
        }
    }
}

fn placeholder(name: &str) -> Result<Part, String> {
    Ok(match name {
        "prefix" => Part::Prefix,
        "year" => Part::Year,
        "month" => Part::Month,
        "day" => Part::Day,
        "seq" => Part::Seq(None),
        _ => {
            let width = name
                .strip_prefix("seq:")
                .and_then(|w| w.parse::<usize>().ok())
                .filter(|w| (1..=12).contains(w));
            match width {
                Some(w) => Part::Seq(Some(w)),
                None => return Err(format!(
                    "unknown placeholder `{{{name}}}`: use {{prefix}}, {{year}}, {{month}}, {{day}}, {{seq}} or {{seq:N}} (N from 1 to 12)"
                )),
            }
        }
    })
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

impl Pattern {
    /// Whether the pattern has a `{prefix}`, which then every numbering department needs.
    pub fn uses_prefix(&self) -> bool {
        self.parts.contains(&Part::Prefix)
    }

    /// Reads `no` as this pattern with the department's `prefix`; `None` if it does not fit.
    pub fn parse(&self, no: &str, prefix: &str) -> Option<Parsed> {
        let mut out = Parsed {
            year: None,
            month: None,
            day: None,
            seq: 0,
        };
        let mut rest = no;
        for part in &self.parts {
            rest = match part {
                Part::Literal(l) => rest.strip_prefix(l.as_str())?,
                Part::Prefix => rest.strip_prefix(prefix)?,
                Part::Year => take(rest, 4, &mut |n| out.year = Some(n as u16))?,
                Part::Month => take(rest, 2, &mut |n| out.month = Some(n as u8))?,
                Part::Day => take(rest, 2, &mut |n| out.day = Some(n as u8))?,
                Part::Seq(Some(w)) => take(rest, *w, &mut |n| out.seq = n)?,
                Part::Seq(None) => seq(rest, &mut out.seq)?,
            };
        }
        let month_ok = out.month.is_none_or(|m| (1..=12).contains(&m));
        let day_ok = out.day.is_none_or(|d| (1..=31).contains(&d));
        (rest.is_empty() && month_ok && day_ok).then_some(out)
    }

    /// The 索引号 with this prefix, date and sequence number.
    pub fn format(&self, prefix: &str, date: Date, seq: u64) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Literal(l) => out.push_str(l),
                Part::Prefix => out.push_str(prefix),
                Part::Year => out.push_str(&format!("{:04}", date.year)),
                Part::Month => out.push_str(&format!("{:02}", date.month)),
                Part::Day => out.push_str(&format!("{:02}", date.day)),
                Part::Seq(Some(w)) => out.push_str(&format!("{seq:0w$}")),
                Part::Seq(None) => out.push_str(&seq.to_string()),
            }
        }
        out
    }

    /// Whether a number read by [`Pattern::parse`] belongs to the same series as `date`:
    /// the same year, month and day as far as the pattern has them.
    pub fn same_series(&self, parsed: &Parsed, date: Date) -> bool {
        parsed.year.is_none_or(|y| y == date.year)
            && parsed.month.is_none_or(|m| m == date.month)
            && parsed.day.is_none_or(|d| d == date.day)
    }

    /// The next free 索引号 for `date` after the `existing` ones of the department.
    pub fn next<'a>(
        &self,
        prefix: &str,
        date: Date,
        existing: impl IntoIterator<Item = &'a str>,
    ) -> String {
        let last = existing
            .into_iter()
            .filter_map(|no| self.parse(no, prefix))
            .filter(|p| self.same_series(p, date))
            .map(|p| p.seq)
            .max()
            .unwrap_or(0);
        self.format(prefix, date, last + 1)
    }
}

/// Exactly `width` ASCII digits.
fn take<'s>(s: &'s str, width: usize, set: &mut dyn FnMut(u64)) -> Option<&'s str> {
    let digits = s.get(..width)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    set(digits.parse().ok()?);
    Some(&s[width..])
}

/// One or more ASCII digits without a leading zero.
fn seq<'s>(s: &'s str, out: &mut u64) -> Option<&'s str> {
    let len = s.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 || (len > 1 && s.starts_with('0')) {
        return None;
    }
    *out = s[..len].parse().ok()?;
    Some(&s[len..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Pattern {
        s.parse().expect("test pattern")
    }

    fn d(s: &str) -> Date {
        s.parse().expect("test date")
    }

    #[test]
    fn reads_and_writes_a_common_form() {
        let pat = p("{prefix}/{year}-{seq:5}");
        let parsed = pat
            .parse("430300000/2021-00012", "430300000")
            .expect("fits");
        assert_eq!((parsed.year, parsed.seq), (Some(2021), 12));
        assert_eq!(
            pat.format("430300000", d("2021-03-04"), 12),
            "430300000/2021-00012"
        );
        for bad in [
            "430300000/2021-0012",
            "430300001/2021-00012",
            "430300000/2021-00012x",
            "430300000/21-00012",
        ] {
            assert_eq!(pat.parse(bad, "430300000"), None, "{bad}");
        }
    }

    #[test]
    fn a_free_sequence_has_no_leading_zero() {
        let pat = p("XT/{year}-{month}{day}-{seq}");
        assert_eq!(pat.parse("XT/2022-0727-1", "").map(|x| x.seq), Some(1));
        assert_eq!(pat.parse("XT/2022-0727-01", ""), None);
        assert_eq!(pat.parse("XT/2022-1327-1", ""), None);
    }

    #[test]
    fn next_counts_within_the_series() {
        let pat = p("{prefix}/{year}-{seq:3}");
        let have = [
            "A/2025-007",
            "A/2026-001",
            "A/2026-002",
            "B/2026-050",
            "junk",
        ];
        assert_eq!(pat.next("A", d("2026-12-02"), have), "A/2026-003");
        assert_eq!(pat.next("A", d("2027-01-01"), have), "A/2027-001");
        assert_eq!(pat.next("C", d("2026-12-02"), have), "C/2026-001");
    }

    #[test]
    fn refuses_bad_patterns() {
        for bad in [
            "{prefix}/{year}",
            "{seq}{seq}",
            "{yaer}-{seq}",
            "{seq:0}",
            "{seq",
            "a}{seq}",
        ] {
            assert!(bad.parse::<Pattern>().is_err(), "{bad}");
        }
        assert!(p("{seq}").parse("12", "").is_some());
    }
}
