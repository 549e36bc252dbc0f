//! Checking the site's own abbreviations (`abbreviations.toml`, optional) by the engine's rule
//! (`gongkai_core::search::abbrev::check_entry`), each problem at its line.

use super::vocab::read;
use super::Diagnostic;
use crate::load::text;
use crate::load::vocab::{AbbreviationFm, AbbreviationsFm};
use crate::load::File;
use gongkai_core::search::abbrev::check_entry;
use gongkai_core::search::tokenizer::folded;
use std::collections::HashMap;
use std::path::Path;
use toml::Spanned;

pub const FILE: &str = "abbreviations.toml";

/// The site's entries (short form, full forms), or none when the file is absent.
pub fn load(dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<(String, Vec<String>)> {
    if !dir.join(FILE).exists() {
        return Vec::new();
    }
    let Some((file, fm)) = read::<AbbreviationsFm>(dir, FILE, diags) else {
        return Vec::new();
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    fm.abbreviation
        .iter()
        .filter_map(|entry| one(&file, entry, &mut seen, diags))
        .collect()
}

fn one(
    file: &File,
    entry: &Spanned<AbbreviationFm>,
    seen: &mut HashMap<String, usize>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(String, Vec<String>)> {
    let fm = entry.get_ref();
    let at = entry.span().start;
    let (Some(short), Some(full)) = (&fm.short, &fm.full) else {
        let missing = if fm.short.is_none() { "short" } else { "full" };
        diags.push(file.at(at, format!("missing required field `{missing}`")));
        return None;
    };
    let full_forms = full.get_ref().to_vec();
    if let Err(why) = check_entry(short.get_ref(), &full_forms) {
        diags.push(file.at(short.span().start, why));
        return None;
    }
    let line = text::line_of(&file.text, short.span().start);
    let key = folded(short.get_ref());
    if let Some(first) = seen.insert(key, line) {
        let why = format!(
            "duplicate short form {:?}: already on line {first}",
            short.get_ref()
        );
        diags.push(file.at(short.span().start, why));
        return None;
    }
    Some((short.get_ref().clone(), full_forms))
}
