//! Checks of single front matter fields, shared by regulations and disclosures.
//!
//! Each helper reports its own problem and returns `None` for a bad or missing value, so the
//! caller can run every check before giving up on the item.

use super::vocab::{Rules, Vocab};
use super::Diagnostic;
use crate::load::input::Text;
use crate::load::Source;
use gongkai_core::{Date, DateTime};
use std::fmt::Display;
use std::path::Path;
use toml::value::{Datetime, Offset};
use toml::{Spanned, Value};

/// What checking one item needs, and the problems found so far.
pub struct ItemCx<'a> {
    pub source: &'a Source,
    pub content_dir: &'a Path,
    pub vocab: &'a Vocab,
    pub rules: &'a Rules,
    /// The day warnings about dates are judged on.
    pub as_of: Date,
    pub diags: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

impl ItemCx<'_> {
    /// Reports a warning at a field's value.
    pub fn warn<T>(&mut self, at: &Spanned<T>, message: impl Into<String>) {
        let d = self
            .source
            .at(Some(at.span().start), message)
            .into_warning();
        self.warnings.push(d);
    }

    /// Reports a problem at a field's value.
    pub fn err<T>(&mut self, at: &Spanned<T>, message: impl Into<String>) {
        let d = self.source.at(Some(at.span().start), message);
        self.diags.push(d);
    }

    /// A required field; a missing one is reported at the opening `+++`.
    pub fn required<'f, T>(
        &mut self,
        field: &'f Option<Spanned<T>>,
        name: &str,
    ) -> Option<&'f Spanned<T>> {
        if field.is_none() {
            let d = self
                .source
                .at(None, format!("missing required field `{name}`"));
            self.diags.push(d);
        }
        field.as_ref()
    }

    /// Required text that is not blank.
    pub fn text(&mut self, field: &Option<Text>, name: &str) -> Option<String> {
        let value = self.required(field, name)?;
        self.non_blank(value, &format!("`{name}`"))
    }

    /// Text that is not blank; `what` names it in the message.
    pub fn non_blank(&mut self, value: &Text, what: &str) -> Option<String> {
        if value.get_ref().trim().is_empty() {
            self.err(value, format!("{what} must not be empty"));
            return None;
        }
        Some(value.get_ref().clone())
    }

    /// An item id: unique in the folder (checked later) and safe in URLs.
    pub fn id(&mut self, field: &Option<Text>) -> Option<String> {
        let id = self.required(field, "id")?;
        if !gongkai_core::is_valid_id(id.get_ref()) {
            let msg = format!(
                "invalid id {:?}: use lowercase ASCII letters, digits and '-'",
                id.get_ref()
            );
            self.err(id, msg);
            return None;
        }
        Some(id.get_ref().clone())
    }

    /// A value of a closed vocabulary such as 时效性, by its Chinese label.
    pub fn label<E: Display + Copy>(
        &mut self,
        field: &Text,
        name: &str,
        parse: fn(&str) -> Option<E>,
        all: &[E],
    ) -> Option<E> {
        let parsed = parse(field.get_ref());
        if parsed.is_none() {
            let allowed: Vec<String> = all.iter().map(ToString::to_string).collect();
            let msg = format!(
                "unknown {name} {:?}: expected one of {}",
                field.get_ref(),
                allowed.join(", ")
            );
            self.err(field, msg);
        }
        parsed
    }

    /// An optional 文号, normalized.
    pub fn doc_no(&mut self, field: &Option<Text>) -> Option<String> {
        let raw = field.as_ref()?;
        match gongkai_core::docno::normalize(raw.get_ref()) {
            Ok(normal) => Some(normal),
            Err(e) => {
                self.err(raw, e.to_string());
                None
            }
        }
    }

    /// A department code from departments.toml.
    pub fn department(&mut self, code: &Text) -> String {
        if !self.vocab.has_department(code.get_ref()) {
            self.err(
                code,
                format!(
                    "unknown department `{}`: not in departments.toml",
                    code.get_ref()
                ),
            );
        }
        code.get_ref().clone()
    }

    /// Topic codes from topics.toml.
    pub fn topics(&mut self, topics: &[Text]) -> Vec<String> {
        for code in topics {
            if !self.vocab.has_topic(code.get_ref()) {
                self.err(
                    code,
                    format!("unknown topic `{}`: not in topics.toml", code.get_ref()),
                );
            }
        }
        topics.iter().map(|t| t.get_ref().clone()).collect()
    }

    /// An optional calendar date: a TOML date or a "YYYY-MM-DD" string.
    pub fn date(&mut self, field: &Option<Spanned<Value>>, name: &str) -> Option<Date> {
        let value = field.as_ref()?;
        let parsed = match value.get_ref() {
            Value::String(s) => s.parse::<Date>().map_err(|e| format!("`{name}`: {e}")),
            Value::Datetime(dt) => {
                toml_date(dt).ok_or_else(|| format!("`{name}` must be a date without a time"))
            }
            other => Err(format!(
                "`{name}` must be a date (YYYY-MM-DD), not {}",
                other.type_str()
            )),
        };
        self.ok_or_report(value, parsed)
    }

    /// A date or a date-time, for a disclosure's publication.
    pub fn date_time(&mut self, value: &Spanned<Value>, name: &str) -> Option<DateTime> {
        let parsed = match value.get_ref() {
            Value::String(s) if s.len() > 10 => {
                s.parse::<DateTime>().map_err(|e| format!("`{name}`: {e}"))
            }
            Value::String(s) => s
                .parse::<Date>()
                .map(midnight)
                .map_err(|e| format!("`{name}`: {e}")),
            Value::Datetime(dt) => {
                toml_date_time(dt).ok_or_else(|| format!("`{name}` must have a date"))
            }
            other => Err(format!(
                "`{name}` must be a date or a date-time, not {}",
                other.type_str()
            )),
        };
        self.ok_or_report(value, parsed)
    }

    fn ok_or_report<T, V>(&mut self, at: &Spanned<V>, result: Result<T, String>) -> Option<T> {
        result.map_err(|msg| self.err(at, msg)).ok()
    }
}

fn midnight(date: Date) -> DateTime {
    DateTime {
        date,
        hour: 0,
        minute: 0,
        second: 0,
        offset_minutes: None,
    }
}

/// A TOML local date; `None` for anything with a time.
fn toml_date(dt: &Datetime) -> Option<Date> {
    if dt.time.is_some() || dt.offset.is_some() {
        return None;
    }
    let d = dt.date?;
    Date::new(d.year, d.month, d.day)
}

fn toml_date_time(dt: &Datetime) -> Option<DateTime> {
    let d = dt.date?;
    let date = Date::new(d.year, d.month, d.day)?;
    let Some(t) = dt.time else {
        return Some(midnight(date));
    };
    let offset_minutes = match dt.offset {
        None => None,
        Some(Offset::Z) => Some(0),
        Some(Offset::Custom { minutes }) => Some(minutes),
    };
    Some(DateTime {
        date,
        hour: t.hour,
        minute: t.minute,
        second: t.second,
        offset_minutes,
    })
}
