//! The words of a synthetic item: a title built from real pieces, a body of real articles
//! renumbered 第一条 …, optional chapters, and a disclosure's summary.
//!
//! Each text is a pure function of the seed, the item's index and its plan, so a publication
//! notice can regenerate the exact title and body of the regulation it publishes.

use super::plan::{Class, DisKind, Meta, RegKind};
use super::pool::Pool;
use super::rng::{Rng, Stream};
use super::vocab::Dept;
use gongkai_core::numeral::chinese;

/// What text generation reads.
pub struct Sources<'a> {
    pub pool: &'a Pool,
    pub depts: &'a [Dept],
    pub metas: &'a [Meta],
    pub seed: u64,
}

/// The generated words of one item.
pub struct Words {
    pub title: String,
    pub body: String,
    /// One paragraph, for disclosure items.
    pub summary: String,
}

impl Sources<'_> {
    pub fn words(&self, i: u32) -> Words {
        let m = &self.metas[i as usize];
        let title = self.title(i);
        let (body, first) = self.body(i);
        let summary = match m.publishes {
            Some(j) => format!(
                "{}印发《{}》，请认真贯彻执行。",
                self.dept(m).name,
                self.title(j)
            ),
            None => format!("{title}。{}", first_sentence(&first)),
        };
        Words {
            title,
            body,
            summary,
        }
    }

    fn dept(&self, m: &Meta) -> &Dept {
        &self.depts[usize::from(m.dept)]
    }

    /// A title in the shape its kind takes, from a real city and a real title's subject.
    pub fn title(&self, i: u32) -> String {
        let m = &self.metas[i as usize];
        let mut rng = Rng::for_item(self.seed, i, Stream::Title);
        let d = self.dept(m);
        let (place, name) = (&d.place, &d.name);
        let phrase = rng.pick(&self.pool.phrases);
        let year = m.published.year;
        let pick = |rng: &mut Rng, list: &[&'static str]| *rng.pick(list);
        match m.class {
            Class::Regulation(RegKind::Rule) => {
                let suffix = pick(
                    &mut rng,
                    &["管理办法", "办法", "规定", "实施办法", "暂行办法"],
                );
                format!("{place}{phrase}{suffix}")
            }
            Class::Regulation(RegKind::Normative) => {
                let suffix = [
                    "管理办法",
                    "实施细则",
                    "暂行规定",
                    "管理规定",
                    "若干规定",
                    "实施办法",
                ];
                format!("{place}{phrase}{}", pick(&mut rng, &suffix))
            }
            Class::Regulation(RegKind::Policy) => match rng.below(4) {
                0 => format!("{place}{phrase}工作实施方案"),
                1 => format!("{name}关于加强{phrase}工作的通知"),
                2 => format!("{name}关于推进{phrase}工作的实施意见"),
                _ => format!("{place}{phrase}三年行动计划（{year}—{}年）", year + 2),
            },
            Class::Disclosure(kind) => self.disclosure_title(kind, m, phrase, &mut rng),
        }
    }

    fn disclosure_title(&self, kind: DisKind, m: &Meta, phrase: &str, rng: &mut Rng) -> String {
        let d = self.dept(m);
        let year = m.published.year;
        match (kind, m.publishes) {
            (_, Some(j)) => format!("{}关于印发《{}》的通知", d.name, self.title(j)),
            (DisKind::Notice, _) => format!("{}关于{phrase}有关事项的公告", d.name),
            (DisKind::Plan, _) => format!("{}{year}年{phrase}工作要点", d.name),
            (DisKind::Budget, _) => {
                let which = *rng.pick(&["预算", "决算"]);
                format!("{}{year}年度部门{which}公开", d.name)
            }
            (DisKind::Enforcement, _) => format!("{}{phrase}专项执法检查情况通报", d.name),
            (DisKind::Reply, _) => format!("关于{phrase}相关信息的政府信息公开申请答复书"),
            _ => match rng.below(2) {
                0 => format!("{}{phrase}工作取得新进展", d.place),
                _ => format!("{}召开{phrase}工作推进会", d.short),
            },
        }
    }

    /// The body and the text of its first article (for a summary).
    pub fn body(&self, i: u32) -> (String, String) {
        let m = &self.metas[i as usize];
        if let Some(j) = m.publishes {
            let (reg, first) = self.body(j);
            let notice = format!(
                "各区县人民政府，市直各单位：\n\n《{}》已经研究同意，现印发给你们，请认真贯彻执行。\n\n",
                self.title(j)
            );
            return (notice + &reg, first);
        }
        let mut rng = Rng::for_item(self.seed, i, Stream::Body);
        let articles = self.sample_articles(&mut rng);
        let first = self.pool.article(articles[0]).to_string();
        (self.assemble(&articles, &mut rng), first)
    }

    /// 3–40 articles, most items short; runs of consecutive articles of one law, so
    /// neighbouring articles read together.
    fn sample_articles(&self, rng: &mut Rng) -> Vec<usize> {
        let n = 3 + rng.below(38).min(rng.below(38));
        let total = self.pool.article_count();
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let mut at = rng.below(total);
            let run = rng.between(2, 8) as usize;
            out.push(at);
            for _ in 1..run.min(n - out.len() + 1) {
                if at + 1 >= total || !self.pool.same_law(at, at + 1) {
                    break;
                }
                at += 1;
                out.push(at);
            }
        }
        out
    }

    /// Articles renumbered from 第一条, in chapters for two in five longer texts.
    fn assemble(&self, articles: &[usize], rng: &mut Rng) -> String {
        let n = articles.len();
        let chapters = if n >= 10 && rng.percent(40) {
            (n / 6).clamp(3, 8)
        } else {
            0
        };
        // Chapter c starts at article c·n/chapters; n ≥ 6·chapters keeps every chapter non-empty.
        let starts: Vec<usize> = (0..chapters).map(|c| c * n / chapters).collect();
        let mut out = String::with_capacity(n * 400);
        for (k, &a) in articles.iter().enumerate() {
            if let Some(c) = starts.iter().position(|&s| s == k).map(|c| c + 1) {
                let name = chapter_name(c, chapters, self.pool, rng);
                out.push_str(&format!("## 第{}章 {name}\n\n", chinese(c as u32)));
            }
            let num = chinese(k as u32 + 1);
            out.push_str(&format!("第{num}条 {}\n\n", self.pool.article(a)));
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    }
}

fn chapter_name<'a>(c: usize, of: usize, pool: &'a Pool, rng: &mut Rng) -> &'a str {
    match c {
        1 => "总则",
        _ if c == of => "附则",
        _ => rng.pick(&pool.chapters).as_str(),
    }
}

/// The first sentence of an article, at most 80 characters, on one line.
fn first_sentence(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    let sentence = match line.find('。') {
        Some(end) => &line[..end + '。'.len_utf8()],
        None => line,
    };
    if sentence.chars().count() <= 80 {
        return sentence.to_string();
    }
    let cut: String = sentence.chars().take(80).collect();
    format!("{cut}……")
}

#[cfg(test)]
mod tests {
    use super::first_sentence;

    #[test]
    fn summaries_take_one_short_sentence() {
        assert_eq!(first_sentence("为了规范。其他。\n\n第二款"), "为了规范。");
        let long = "字".repeat(100);
        assert_eq!(first_sentence(&long).chars().count(), 82);
    }
}
