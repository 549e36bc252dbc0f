//! 文号 (document numbers): the one parser and normalizer, used by `check`, the index and queries.
//!
//! Editors and citizens write the same 文号 many ways: 潭政办函〔2022〕25号, 潭政办函[2022]25号,
//! 潭政办函(2022)25号, with full-width digits or stray spaces. All normalize to the first form.

use unicode_normalization::UnicodeNormalization;

/// The shapes a 文号 takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocNo {
    /// `潭政办函〔2022〕25号`: issuer prefix, year in 〔〕, serial number.
    Bracketed {
        prefix: String,
        year: u16,
        number: u32,
    },
    /// `国家密码管理局令第4号`: an order (令) number.
    Order { prefix: String, number: u32 },
    /// `国家税务总局公告2018年第31号`: a yearly announcement number.
    Yearly {
        prefix: String,
        year: u16,
        number: u32,
    },
}

/// Why a 文号 is not well formed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocNoError {
    #[error("文号 is empty")]
    Empty,
    #[error(
        "文号 {0:?} is not of the form 机关代字〔年份〕序号号, 机关令第N号 or 机关公告YYYY年第N号"
    )]
    Shape(String),
    #[error("文号 {0:?} has an implausible year")]
    Year(String),
}

impl DocNo {
    /// Parses any accepted spelling.
    pub fn parse(raw: &str) -> Result<DocNo, DocNoError> {
        let s = fold(raw);
        if s.is_empty() {
            return Err(DocNoError::Empty);
        }
        let shape = || DocNoError::Shape(raw.trim().to_string());
        let body = s.strip_suffix('号').ok_or_else(shape)?;
        let parsed = parse_bracketed(body)
            .or_else(|| parse_order(body))
            .or_else(|| parse_yearly(body))
            .ok_or_else(shape)?;
        match parsed.year() {
            Some(y) if !(1949..=2100).contains(&y) => Err(DocNoError::Year(raw.trim().to_string())),
            _ => Ok(parsed),
        }
    }

    /// The year, where the 文号 carries one.
    pub fn year(&self) -> Option<u16> {
        match self {
            DocNo::Bracketed { year, .. } | DocNo::Yearly { year, .. } => Some(*year),
            DocNo::Order { .. } => None,
        }
    }

    /// The issuer's prefix (机关代字), e.g. 潭政办函.
    pub fn prefix(&self) -> &str {
        match self {
            DocNo::Bracketed { prefix, .. }
            | DocNo::Order { prefix, .. }
            | DocNo::Yearly { prefix, .. } => prefix,
        }
    }
}

impl std::fmt::Display for DocNo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DocNo::Bracketed {
                prefix,
                year,
                number,
            } => write!(f, "{prefix}〔{year}〕{number}号"),
            DocNo::Order { prefix, number } => write!(f, "{prefix}令第{number}号"),
            DocNo::Yearly {
                prefix,
                year,
                number,
            } => write!(f, "{prefix}{year}年第{number}号"),
        }
    }
}

/// Normalizes any accepted spelling to the canonical one.
pub fn normalize(raw: &str) -> Result<String, DocNoError> {
    DocNo::parse(raw).map(|d| d.to_string())
}

/// NFKC (full-width digits and brackets to half-width), no whitespace, one bracket style.
fn fold(raw: &str) -> String {
    raw.nfkc()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '[' | '(' | '【' | '〖' | '{' => '〔',
            ']' | ')' | '】' | '〗' | '}' => '〕',
            c => c,
        })
        .collect()
}

fn parse_bracketed(body: &str) -> Option<DocNo> {
    let (prefix, rest) = body.split_once('〔')?;
    let (year, number) = rest.split_once('〕')?;
    let number = number.strip_prefix('第').unwrap_or(number);
    Some(DocNo::Bracketed {
        prefix: valid_prefix(prefix)?,
        year: digits(year, 4, 4)?,
        number: digits(number, 1, 6)?,
    })
}

fn parse_order(body: &str) -> Option<DocNo> {
    let (head, number) = body.rsplit_once('第')?;
    let prefix = head.strip_suffix('令')?;
    Some(DocNo::Order {
        prefix: valid_prefix(prefix)?,
        number: digits(number, 1, 6)?,
    })
}

fn parse_yearly(body: &str) -> Option<DocNo> {
    let (head, number) = body.rsplit_once("年第")?;
    let split = head.char_indices().rev().nth(3)?.0;
    let (prefix, year) = head.split_at(split);
    Some(DocNo::Yearly {
        prefix: valid_prefix(prefix)?,
        year: digits(year, 4, 4)?,
        number: digits(number, 1, 6)?,
    })
}

/// A prefix names an issuer: non-empty, no brackets, not only digits.
fn valid_prefix(prefix: &str) -> Option<String> {
    let ok = !prefix.is_empty()
        && !prefix.contains(['〔', '〕'])
        && prefix.chars().any(|c| !c.is_ascii_digit());
    ok.then(|| prefix.to_string())
}

/// Parses an ASCII number of `min..=max` digits (leading zeros allowed and dropped).
fn digits<T: std::str::FromStr>(s: &str, min: usize, max: usize) -> Option<T> {
    let ok = (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| s.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_bracket_styles_normalize_alike() {
        for raw in [
            "潭政办函〔2022〕25号",
            "潭政办函[2022]25号",
            "潭政办函(2022)25号",
            "潭政办函（２０２２）２５号",
            "潭政办函［2022］25号",
            " 潭政办函 【2022】 025号",
        ] {
            assert_eq!(
                normalize(raw).as_deref(),
                Ok("潭政办函〔2022〕25号"),
                "{raw}"
            );
        }
    }

    #[test]
    fn orders_and_yearly_numbers() {
        assert_eq!(
            normalize("国家密码管理局令第4号").unwrap(),
            "国家密码管理局令第4号"
        );
        assert_eq!(
            normalize("国家密码管理局令第４号").unwrap(),
            "国家密码管理局令第4号"
        );
        assert_eq!(
            normalize("中华人民共和国国务院令第517号").unwrap(),
            "中华人民共和国国务院令第517号"
        );
        assert_eq!(
            normalize("国家税务总局公告2018年第31号").unwrap(),
            "国家税务总局公告2018年第31号"
        );
        assert_eq!(DocNo::parse("潭办发[2004]21号").unwrap().prefix(), "潭办发");
    }

    #[test]
    fn refuses_malformed_numbers() {
        assert_eq!(normalize("  "), Err(DocNoError::Empty));
        for bad in [
            "潭政办函2022年25",
            "〔2022〕25号",
            "潭政办函〔22〕25号",
            "潭政办函〔2022〕号",
            "令第4号",
        ] {
            assert!(matches!(normalize(bad), Err(DocNoError::Shape(_))), "{bad}");
        }
        assert!(matches!(
            normalize("潭政发〔1800〕1号"),
            Err(DocNoError::Year(_))
        ));
    }
}
