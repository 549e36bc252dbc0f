//! Calendar dates and date-times as the content model uses them, without a clock or a time-zone database.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar date (公历), ordered chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// A publication time: a date, a wall-clock time and an optional UTC offset in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    pub date: Date,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub offset_minutes: Option<i16>,
}

/// Why a date string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("expected a date as YYYY-MM-DD, got {0:?}")]
    Format(String),
    #[error("{0} is not a day of the calendar")]
    NoSuchDay(String),
    #[error("expected a time as HH:MM or HH:MM:SS with an optional offset, got {0:?}")]
    TimeFormat(String),
}

impl Date {
    /// Builds a date, checking that the day exists (leap years included).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let ok = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        (ok && year >= 1).then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before), for arithmetic such as expiry.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's civil-from-days inverse, written out for clarity.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day (UTC) of a unix time in seconds; times past 9999-12-31 give that day, so a
    /// far-off expiry never wraps into a wrong year.
    pub fn of_unix(seconds: u64) -> Date {
        let last = Date {
            year: 9999,
            month: 12,
            day: 31,
        };
        let days = i64::try_from(seconds / 86_400).unwrap_or(i64::MAX);
        Date::from_days_since_epoch(days.min(last.days_since_epoch()))
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

fn parse_num<T: FromStr>(s: &str, len: usize) -> Option<T> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

impl FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Date, DateError> {
        let mut it = s.split('-');
        let (y, m, d) = match (it.next(), it.next(), it.next(), it.next()) {
            (Some(y), Some(m), Some(d), None) => (y, m, d),
            _ => return Err(DateError::Format(s.to_string())),
        };
        let (Some(y), Some(m), Some(d)) = (parse_num(y, 4), parse_num(m, 2), parse_num(d, 2))
        else {
            return Err(DateError::Format(s.to_string()));
        };
        Date::new(y, m, d).ok_or_else(|| DateError::NoSuchDay(s.to_string()))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for DateTime {
    type Err = DateError;
    fn from_str(s: &str) -> Result<DateTime, DateError> {
        let (d, rest) = s
            .split_once(['T', ' '])
            .ok_or_else(|| DateError::TimeFormat(s.to_string()))?;
        let date: Date = d.parse()?;
        let bad = || DateError::TimeFormat(s.to_string());
        let (clock, offset) = split_offset(rest).ok_or_else(bad)?;
        let parts: Vec<&str> = clock.split(':').collect();
        let nums: Option<Vec<u8>> = parts.iter().map(|p| parse_num(p, 2)).collect();
        let nums = nums
            .filter(|n| (2..=3).contains(&n.len()))
            .ok_or_else(bad)?;
        let (hour, minute, second) = (nums[0], nums[1], nums.get(2).copied().unwrap_or(0));
        if hour > 23 || minute > 59 || second > 59 {
            return Err(bad());
        }
        Ok(DateTime {
            date,
            hour,
            minute,
            second,
            offset_minutes: offset,
        })
    }
}

/// Splits "10:00:00+08:00" into the clock and the offset in minutes ("Z" is 0).
fn split_offset(s: &str) -> Option<(&str, Option<i16>)> {
    if let Some(clock) = s.strip_suffix('Z') {
        return Some((clock, Some(0)));
    }
    let Some(pos) = s.rfind(['+', '-']) else {
        return Some((s, None));
    };
    let (clock, off) = s.split_at(pos);
    let sign: i16 = if off.starts_with('-') { -1 } else { 1 };
    let (h, m) = off[1..].split_once(':')?;
    let (h, m): (i16, i16) = (parse_num(h, 2)?, parse_num(m, 2)?);
    (h <= 14 && m <= 59).then_some((clock, Some(sign * (h * 60 + m))))
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}T{:02}:{:02}:{:02}",
            self.date, self.hour, self.minute, self.second
        )?;
        match self.offset_minutes {
            None => Ok(()),
            Some(0) => f.write_str("Z"),
            Some(o) => {
                let sign = if o < 0 { '-' } else { '+' };
                write!(f, "{sign}{:02}:{:02}", o.abs() / 60, o.abs() % 60)
            }
        }
    }
}

macro_rules! string_serde {
    ($t:ty) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}
string_serde!(Date);
string_serde!(DateTime);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_times_become_days_and_never_wrap() {
        assert_eq!(Date::of_unix(0).to_string(), "1970-01-01");
        assert_eq!(Date::of_unix(1_700_086_400).to_string(), "2023-11-15");
        assert_eq!(Date::of_unix(86_399).to_string(), "1970-01-01");
        assert_eq!(Date::of_unix(u64::MAX).to_string(), "9999-12-31");
    }

    #[test]
    fn parses_and_prints_dates() {
        let d: Date = "2021-07-06".parse().unwrap();
        assert_eq!(
            d,
            Date {
                year: 2021,
                month: 7,
                day: 6
            }
        );
        assert_eq!(d.to_string(), "2021-07-06");
    }

    #[test]
    fn refuses_impossible_days() {
        assert_eq!(
            "2023-02-29".parse::<Date>(),
            Err(DateError::NoSuchDay("2023-02-29".into()))
        );
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!(matches!(
            "2021-7-6".parse::<Date>(),
            Err(DateError::Format(_))
        ));
        assert!(matches!(
            "２０２１-07-06".parse::<Date>(),
            Err(DateError::Format(_))
        ));
    }

    #[test]
    fn epoch_days_round_trip() {
        for d in ["1970-01-01", "2000-02-29", "2024-12-31", "1900-03-01"] {
            let date: Date = d.parse().unwrap();
            assert_eq!(Date::from_days_since_epoch(date.days_since_epoch()), date);
        }
        assert_eq!("1970-01-02".parse::<Date>().unwrap().days_since_epoch(), 1);
    }

    #[test]
    fn parses_date_times_with_offsets() {
        let t: DateTime = "2021-07-06T09:30:00+08:00".parse().unwrap();
        assert_eq!(t.offset_minutes, Some(480));
        assert_eq!(t.to_string(), "2021-07-06T09:30:00+08:00");
        let t: DateTime = "2021-07-06 09:30".parse().unwrap();
        assert_eq!(t.to_string(), "2021-07-06T09:30:00");
        assert!("2021-07-06T25:00".parse::<DateTime>().is_err());
    }
}
