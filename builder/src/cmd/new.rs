//! `gongkai new`: starts an item from a template with every required field, today's date and,
//! for a disclosure, the department's next free 索引号, so an editor never copies another file.

use crate::load::Content;
use crate::validate;
use anyhow::{bail, Context};
use gongkai_core::index_no::Pattern;
use gongkai_core::{Date, Item};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The numbering used when site.toml has no `index_no_pattern`: the department's
/// `index_prefix` (or its code), the year and five digits.
const DEFAULT_PATTERN: &str = "{prefix}/{year}-{seq:5}";

/// What kind of item to start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NewKind {
    Regulation,
    Disclosure,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// What to start: a regulation or a disclosure item.
    #[arg(value_enum)]
    pub kind: NewKind,
    /// The department code (departments.toml): the issuer, or the disclosing department.
    #[arg(long)]
    pub department: String,
    /// The title; a placeholder to replace otherwise.
    #[arg(long)]
    pub title: Option<String>,
    /// The content folder.
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// The day to date the item; default: today in China (UTC+8).
    #[arg(long, value_name = "DATE", value_parser = crate::cli::parse_date)]
    pub date: Option<Date>,
}

pub fn run(args: &NewArgs) -> anyhow::Result<ExitCode> {
    let content = validate::check(&args.content).map_err(|problems| {
        anyhow::anyhow!(
            "{} has {} problem(s); run `gongkai check --content {}` and fix them first",
            args.content.display(),
            problems.iter().filter(|d| !d.warning).count(),
            args.content.display()
        )
    })?;
    let department = content
        .vocab
        .department(&args.department)
        .with_context(|| format!("no department `{}` in departments.toml", args.department))?;
    let day = args.date.unwrap_or_else(validate::today);
    let id = free_id(&content, &department.code, day);
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| "（请填写标题）".to_string());
    let (folder, text, note) = match args.kind {
        NewKind::Regulation => (
            "regulations",
            regulation(&id, &title, &department.code, day),
            String::new(),
        ),
        NewKind::Disclosure => {
            let no = next_index_no(&content, department, day)?;
            let text = disclosure(
                &id,
                &no,
                &title,
                &department.code,
                &catalogue(&content, &department.code),
                day,
            );
            ("disclosures", text, format!(" (索引号 {no})"))
        }
    };
    let path = args.content.join(folder).join(format!("{id}.md"));
    write_new(&path, &text)?;
    println!("{}", path.display());
    eprintln!(
        "wrote {}{note}: fill in the placeholders, then run `gongkai check`",
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `<department>-<yyyymmdd>`, with `-2`, `-3` … when taken.
fn free_id(content: &Content, department: &str, day: Date) -> String {
    let base = format!("{department}-{:04}{:02}{:02}", day.year, day.month, day.day);
    let taken: std::collections::HashSet<&str> =
        content.items.iter().map(|i| i.item.id()).collect();
    (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|id| !taken.contains(id.as_str()))
        .unwrap_or(base)
}

/// The next 索引号 of the department's series on `day`.
fn next_index_no(
    content: &Content,
    department: &gongkai_core::Department,
    day: Date,
) -> anyhow::Result<String> {
    let pattern: Pattern = match &content.index_no_pattern {
        Some(p) => p.clone(),
        None => DEFAULT_PATTERN.parse().map_err(anyhow::Error::msg)?,
    };
    let prefix = match (&department.index_prefix, content.index_no_pattern.is_some()) {
        (Some(prefix), _) => prefix.clone(),
        (None, false) => department.code.clone(),
        (None, true) if !pattern.uses_prefix() => String::new(),
        (None, true) => bail!(
            "department `{}` has no `index_prefix` in departments.toml, which the site's \
             index_no_pattern `{pattern}` needs",
            department.code
        ),
    };
    let existing = content.items.iter().filter_map(|i| match &i.item {
        Item::Disclosure(d) => Some(d.index_no.as_str()),
        Item::Regulation(_) => None,
    });
    Ok(pattern.next(&prefix, day, existing))
}

/// The catalogue the department's disclosures use most, or the first level of the 目录.
fn catalogue(content: &Content, department: &str) -> Vec<String> {
    let mut counts: HashMap<&[String], usize> = HashMap::new();
    for item in &content.items {
        if let Item::Disclosure(d) = &item.item {
            if d.department == department {
                *counts.entry(&d.catalogue).or_default() += 1;
            }
        }
    }
    let best = counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)));
    best.map_or_else(|| vec!["法定主动公开内容".to_string()], |(c, _)| c.to_vec())
}

fn regulation(id: &str, title: &str, department: &str, day: Date) -> String {
    format!(
        "+++\ntype = \"regulation\"\nid = \"{id}\"\ntitle = {title}\n\
         # doc_no = \"\"                 # 文号, if the document has one\n\
         issuers = [\"{department}\"]\nkind = \"规范性文件\"\n\
         # level = \"地方规范性文件\"      # 效力等级\n\
         written = {day}\npublished = {day}\neffective = {day}\n\
         status = \"现行有效\"\ntopics = []\n+++\n（在此写正文。）\n",
        title = toml_string(title),
    )
}

fn disclosure(
    id: &str,
    no: &str,
    title: &str,
    department: &str,
    catalogue: &[String],
    day: Date,
) -> String {
    let catalogue: Vec<String> = catalogue.iter().map(|c| toml_string(c)).collect();
    format!(
        "+++\ntype = \"disclosure\"\nid = \"{id}\"\nindex_no = {no}\ntitle = {title}\n\
         department = \"{department}\"\ncatalogue = [{catalogue}]\n\
         # doc_no = \"\"                 # 文号, if the item has one\n\
         written = {day}\npublished = {day}\nmode = \"主动公开\"\n\
         summary = \"（请填写摘要）\"\ntopics = []\n+++\n（在此写正文。）\n",
        no = toml_string(no),
        title = toml_string(title),
        catalogue = catalogue.join(", "),
    )
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Writes a file that must not exist yet.
fn write_new(path: &Path, text: &str) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("writing {}", path.display()))
}
