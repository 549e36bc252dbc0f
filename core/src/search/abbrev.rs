//! Abbreviations (简称) and Latin-letter terms, for query expansion: a query holding 食安法 also
//! searches for 食品安全法, 5G for 第五代移动通信. The index stays as it is; a clause with a short
//! form gets its expansions as alternatives, weighted a little below the literal text, so a
//! document that matches what was typed as well ranks first.
//!
//! The dictionary is the built-in `abbreviations.txt` (each entry with its source) plus the
//! site's own entries, which the builder checks from `content/abbreviations.toml` and ships as
//! [`SITE_FILE`] in the index folder. Both use one line format: `SHORT<TAB>FULL|FULL…[<TAB>SOURCES]`.

use crate::search::tokenizer::folded;

/// The site's entries inside the index folder (read by the engine when it opens the index).
pub const SITE_FILE: &str = "abbreviations.txt";
/// The built-in dictionary's entries (`abbreviations.txt` without its comments: see build.rs).
const BUILTIN: &str = include_str!(concat!(env!("OUT_DIR"), "/abbreviations.txt"));
/// Expansions tried per clause at most, so a query stays a handful of alternatives.
const MAX_EXPANSIONS: usize = 4;
/// Bounds on a short form and a full form, in characters.
const SHORT_CHARS: std::ops::RangeInclusive<usize> = 2..=12;
const FULL_CHARS: std::ops::RangeInclusive<usize> = 2..=40;

/// Short forms (folded) and what they stand for, longest short form first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Abbreviations {
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    short: String,
    full: Vec<String>,
}

/// A line that is not a valid entry (1-based line number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub message: String,
}

/// The site's entries in the line format of [`SITE_FILE`] (checked with [`check_entry`] first).
pub fn site_file(entries: &[(String, Vec<String>)]) -> String {
    let mut out = String::from("# The site's abbreviations (content/abbreviations.toml)\n");
    for (short, full) in entries {
        out.push_str(&format!("{short}\t{}\tsite\n", full.join("|")));
    }
    out
}

/// Whether `short` may stand for `full`: the rule the builder checks editors' entries with.
pub fn check_entry(short: &str, full: &[String]) -> Result<(), String> {
    check_form(short, SHORT_CHARS, "the short form")?;
    if full.is_empty() {
        return Err("no full form".into());
    }
    for f in full {
        check_form(f, FULL_CHARS, "a full form")?;
        if folded(f) == folded(short) {
            return Err(format!("{f:?} is the short form itself"));
        }
    }
    Ok(())
}

fn check_form(
    text: &str,
    chars: std::ops::RangeInclusive<usize>,
    what: &str,
) -> Result<(), String> {
    let n = text.chars().count();
    if !chars.contains(&n) {
        return Err(format!(
            "{what} {text:?} has {n} characters; {}–{} are allowed",
            chars.start(),
            chars.end()
        ));
    }
    if let Some(c) = text
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || *c == '|')
    {
        return Err(format!("{what} {text:?} contains {c:?}"));
    }
    Ok(())
}

impl Abbreviations {
    /// The built-in dictionary (its lines are checked by a test; a bad one is skipped).
    pub fn builtin() -> Abbreviations {
        let (entries, _) = parse_lines(BUILTIN);
        Abbreviations::of(entries)
    }

    /// Parses the line format; every bad line is reported.
    pub fn parse(text: &str) -> Result<Abbreviations, Vec<LineError>> {
        let (entries, errors) = parse_lines(text);
        if errors.is_empty() {
            Ok(Abbreviations::of(entries))
        } else {
            Err(errors)
        }
    }

    /// These entries with `site`'s added; a short form the site defines replaces the built-in one.
    pub fn with(self, site: Abbreviations) -> Abbreviations {
        let mut entries = site.entries;
        let known: std::collections::HashSet<String> =
            entries.iter().map(|e| e.short.clone()).collect();
        entries.extend(
            self.entries
                .into_iter()
                .filter(|e| !known.contains(&e.short)),
        );
        Abbreviations::of(entries)
    }

    fn of(mut entries: Vec<Entry>) -> Abbreviations {
        entries.sort_by(|a, b| {
            let len = |e: &Entry| e.short.chars().count();
            len(b).cmp(&len(a)).then_with(|| a.short.cmp(&b.short))
        });
        entries.dedup_by(|a, b| a.short == b.short);
        Abbreviations { entries }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The texts `text` also stands for: the first short form found in it (the longest at the
    /// leftmost place) replaced by each of its full forms. Empty when it holds none.
    pub fn expand(&self, text: &str) -> Vec<String> {
        let text = folded(text);
        let Some((at, entry)) = self.first_in(&text) else {
            return Vec::new();
        };
        let (head, tail) = (&text[..at], &text[at + entry.short.len()..]);
        entry
            .full
            .iter()
            .take(MAX_EXPANSIONS)
            .map(|full| format!("{head}{}{tail}", folded(full)))
            .collect()
    }

    /// The leftmost occurrence of any short form in folded `text`, the longest at that place.
    fn first_in<'a>(&'a self, text: &str) -> Option<(usize, &'a Entry)> {
        self.entries
            .iter()
            .filter_map(|e| find_whole(text, &e.short).map(|at| (at, e)))
            .min_by_key(|(at, e)| (*at, std::cmp::Reverse(e.short.len())))
    }
}

/// Where `short` occurs in the words `text` as a word of its own: a Latin short form not inside
/// a longer run of letters and digits (PPP is not in PPPoE), a Han one at the start or the end of
/// the words (食安法处罚, 违反食安法), since Chinese has no spaces to show where a word ends and
/// 低保 inside 最低保修期限 is no abbreviation.
fn find_whole(text: &str, short: &str) -> Option<usize> {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let first = short.chars().next();
    let last = short.chars().next_back();
    text.match_indices(short).map(|(at, _)| at).find(|&at| {
        let end = at + short.len();
        let before = text[..at].chars().next_back();
        let after = text[end..].chars().next();
        if latin(first) || latin(last) {
            let glued = latin(first) && latin(before) || latin(last) && latin(after);
            !glued
        } else {
            at == 0 || end == text.len()
        }
    })
}

fn parse_lines(text: &str) -> (Vec<Entry>, Vec<LineError>) {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        match parse_line(line) {
            Ok(entry) => entries.push(entry),
            Err(message) => errors.push(LineError {
                line: i + 1,
                message,
            }),
        }
    }
    (entries, errors)
}

fn parse_line(line: &str) -> Result<Entry, String> {
    let fields: Vec<&str> = line.split('\t').collect();
    let [short, full, ..] = fields[..] else {
        return Err("expected SHORT<TAB>FULL|FULL…[<TAB>SOURCES]".into());
    };
    if fields.len() > 3 {
        return Err("more than three tab-separated fields".into());
    }
    let full: Vec<String> = full.split('|').map(str::to_string).collect();
    check_entry(short, &full)?;
    Ok(Entry {
        short: folded(short),
        full,
    })
}

#[cfg(test)]
mod tests;
