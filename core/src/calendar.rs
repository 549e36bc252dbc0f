//! 时效性 as of a day: the status a regulation's dates give, so a site that is not rebuilt
//! every day never shows a stale legal status. The builder warns with it and the app shows it.

use crate::date::Date;
use crate::schema::{Regulation, Status};

/// The 时效性 of a document on `day`, from its dates, with the typed `status` as the fallback.
///
/// - 已废止 (typed, or any `repealed_by` link) stays: a repeal is an act, not a date.
/// - On and after 失效日期 (the first day it no longer applies): 已失效.
/// - 已修改 stays while not expired: an amendment is an act too.
/// - Before 施行日期: 尚未生效; on and after it, a typed 尚未生效 becomes 现行有效.
/// - A typed 已失效 whose 失效日期 is still ahead follows the dates as well.
pub fn status_on(
    typed: Status,
    effective: Option<Date>,
    expires: Option<Date>,
    repealed: bool,
    day: Date,
) -> Status {
    if repealed || typed == Status::Repealed {
        return Status::Repealed;
    }
    if expires.is_some_and(|e| e <= day) {
        return Status::Expired;
    }
    if typed == Status::Amended {
        return Status::Amended;
    }
    match effective {
        Some(e) if e > day => Status::NotYetEffective,
        Some(_) if matches!(typed, Status::NotYetEffective | Status::Expired) => Status::Current,
        None if typed == Status::Expired && expires.is_some() => Status::Current,
        _ => typed,
    }
}

impl Regulation {
    /// This regulation's 时效性 on `day` (see [`status_on`]).
    pub fn status_on(&self, day: Date) -> Status {
        let repealed = !self.links.repealed_by.is_empty();
        status_on(self.status, self.effective, self.expires, repealed, day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    fn d(s: &str) -> Date {
        s.parse().expect("test date")
    }

    /// The status on the day before, the day of, and the day after `on`.
    fn around(typed: Status, eff: Option<&str>, exp: Option<&str>, on: &str) -> [Status; 3] {
        let day = d(on).days_since_epoch();
        [-1, 0, 1].map(|delta| {
            let when = Date::from_days_since_epoch(day + delta);
            status_on(typed, eff.map(d), exp.map(d), false, when)
        })
    }

    #[test]
    fn takes_effect_on_its_effective_date() {
        let eff = Some("2024-11-01");
        let want = [NotYetEffective, Current, Current];
        assert_eq!(around(NotYetEffective, eff, None, "2024-11-01"), want);
        assert_eq!(around(Current, eff, None, "2024-11-01"), want);
    }

    #[test]
    fn expires_on_its_expiry_date() {
        let (eff, exp) = (Some("2020-01-01"), Some("2025-03-01"));
        let want = [Current, Expired, Expired];
        assert_eq!(around(Current, eff, exp, "2025-03-01"), want);
        assert_eq!(around(Expired, eff, exp, "2025-03-01"), want);
        assert_eq!(
            around(Amended, eff, exp, "2025-03-01"),
            [Amended, Expired, Expired]
        );
    }

    #[test]
    fn expiry_without_effective_date() {
        let want = [Current, Expired, Expired];
        assert_eq!(
            around(Expired, None, Some("2025-03-01"), "2025-03-01"),
            want
        );
    }

    #[test]
    fn new_year_and_leap_day_boundaries() {
        let want = [NotYetEffective, Current, Current];
        assert_eq!(
            around(NotYetEffective, Some("2025-01-01"), None, "2025-01-01"),
            want
        );
        assert_eq!(
            around(NotYetEffective, Some("2024-02-29"), None, "2024-02-29"),
            want
        );
    }

    #[test]
    fn acts_are_kept() {
        let day = d("2030-01-01");
        let eff = Some(d("2040-01-01"));
        assert_eq!(status_on(Repealed, eff, None, false, day), Repealed);
        assert_eq!(status_on(Current, eff, None, true, day), Repealed);
        assert_eq!(status_on(Amended, eff, None, false, day), Amended);
    }

    #[test]
    fn without_dates_the_typed_status_stands() {
        let day = d("2030-01-01");
        for s in Status::ALL {
            assert_eq!(status_on(*s, None, None, false, day), *s);
        }
    }

    #[test]
    fn list_entries_and_hits_follow_the_same_rule() {
        let summary = crate::site::ItemSummary {
            id: "x".into(),
            kind: "regulation".into(),
            title: "x".into(),
            doc_no: None,
            departments: vec![],
            date: None,
            category: "规章".into(),
            status: Some(NotYetEffective),
            topics: vec![],
            effective: Some(d("2024-11-01")),
            expires: Some(d("2025-03-01")),
        };
        let hit = crate::search::Hit {
            status: Some("尚未生效".into()),
            effective: Some("2024-11-01".into()),
            expires: Some("2025-03-01".into()),
            ..Default::default()
        };
        for (day, want) in [
            ("2024-10-31", NotYetEffective),
            ("2024-11-01", Current),
            ("2025-02-28", Current),
            ("2025-03-01", Expired),
        ] {
            assert_eq!(summary.status_on(d(day)), Some(want), "{day}");
            assert_eq!(hit.status_on(d(day)), Some(want), "{day}");
        }
        let disclosure = crate::search::Hit::default();
        assert_eq!(disclosure.status_on(d("2025-01-01")), None);
    }
}
