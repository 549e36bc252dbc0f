//! Reading the provenance lines under a law's title (通过, 公布, 施行 …) into dates and a 文号.
//!
//! The lines are free text written by many hands: one line may hold several events
//! ("…批准1997年7月24日青岛市…公告公布施行根据…"), dates come in full-width digits, and an event
//! may spill onto the next line ("发布之日施行"). So the text is folded (NFKC), joined, and cut
//! into segments at every date; each segment is one dated event. Only what a segment states is
//! taken: nothing is guessed.

use gongkai_core::{docno, Amending, Date, VersionKind};
use unicode_normalization::UnicodeNormalization;

/// One event: the date that opens it (none for text before the first date) and its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub date: Option<Date>,
    pub text: String,
}

/// What the provenance lines state about one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Provenance {
    pub segments: Vec<Segment>,
    /// 成文日期: the latest date the text was adopted (…会议通过).
    pub written: Option<Date>,
    /// 施行日期: the latest date it took effect (施行, 公布施行, 自发布之日施行).
    pub effective: Option<Date>,
    /// 文号 of the first promulgation that names one, normalized.
    pub doc_no: Option<String>,
}

/// Parses the lines between the title and `<!-- INFO END -->`.
pub fn parse(lines: &[&str]) -> Provenance {
    let folded: String = lines.join("\n").nfkc().collect();
    let segments = segments(&folded);
    let written = segments
        .iter()
        .filter(|s| is_adoption(&s.text))
        .filter_map(|s| s.date)
        .max();
    let effective = segments
        .iter()
        .filter(|s| is_effective(&s.text))
        .filter_map(|s| s.date)
        .max();
    let doc_no = segments
        .iter()
        .filter(|s| s.date.is_none() || is_promulgation(&s.text))
        .find_map(|s| find_doc_no(&s.text));
    Provenance {
        segments,
        written,
        effective,
        doc_no,
    }
}

/// Cuts folded text at every `YYYY年M月D日`; the date starts the segment it opens.
fn segments(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut current = Segment {
        date: None,
        text: String::new(),
    };
    let mut pos = 0;
    while pos < text.len() {
        let rest = &text[pos..];
        if let Some((date, len)) = date_at(rest).filter(|_| !after_digit(text, pos)) {
            out.push(std::mem::replace(
                &mut current,
                Segment {
                    date: Some(date),
                    text: String::new(),
                },
            ));
            pos += len;
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        current.text.push(c);
        pos += c.len_utf8();
    }
    out.push(current);
    out.retain(|s| s.date.is_some() || !s.text.trim().is_empty());
    for s in &mut out {
        s.text = s.text.trim().to_string();
    }
    out
}

fn after_digit(text: &str, pos: usize) -> bool {
    text[..pos]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit())
}

/// Parses `YYYY年M月D日` at the start of `s`: the date and its length in bytes.
pub fn date_at(s: &str) -> Option<(Date, usize)> {
    let (year, rest) = number_then(s, '年', 4, 4)?;
    let (month, rest) = number_then(rest, '月', 1, 2)?;
    let (day, rest) = number_then(rest, '日', 1, 2)?;
    let date = Date::new(
        u16::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )?;
    Some((date, s.len() - rest.len()))
}

/// `min..=max` ASCII digits followed by `unit`: the number and what follows the unit.
fn number_then(s: &str, unit: char, min: usize, max: usize) -> Option<(u32, &str)> {
    let len = s.bytes().take_while(u8::is_ascii_digit).count();
    if !(min..=max).contains(&len) {
        return None;
    }
    let rest = s[len..].strip_prefix(unit)?;
    Some((s[..len].parse().ok()?, rest))
}

/// The words of a segment without trailing punctuation and the "根据" that introduces the next.
fn core_words(text: &str) -> &str {
    let mut t = text.trim();
    loop {
        let before = t;
        t = t.trim_end_matches(|c: char| c.is_whitespace() || "）)。，,;；、".contains(c));
        t = t.strip_suffix("根据").unwrap_or(t);
        if t == before {
            return t;
        }
    }
}

/// "…会议通过" (also 修订通过): the date the text was adopted.
pub fn is_adoption(text: &str) -> bool {
    core_words(text).ends_with("通过")
}

fn is_effective(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with("施行")
        || t.starts_with("起施行")
        || ["公布施行", "发布施行", "之日施行", "之日起施行"]
            .iter()
            .any(|w| t.contains(w))
}

/// 公布, 发布 or 印发, but not of an amendment (whose 令 number belongs to the amending act).
fn is_promulgation(text: &str) -> bool {
    let amends = ["修正", "修订", "修改"].iter().any(|w| text.contains(w));
    !amends && ["公布", "发布", "印发"].iter().any(|w| text.contains(w))
}

/// The first `…号` in the text that the 文号 parser accepts, normalized.
fn find_doc_no(text: &str) -> Option<String> {
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if is_doc_no_boundary(c) {
            start = i + c.len_utf8();
        } else if c == '号' {
            let end = i + c.len_utf8();
            if let Ok(normal) = docno::normalize(&text[start..end]) {
                return Some(normal);
            }
            start = end;
        }
    }
    None
}

/// How the text dated `day` came about, as the provenance event of that day says: the kind,
/// and the amending document (《决定》's title, else the 令 that made it) with its 文号. `None`
/// when no event is dated `day`: nothing is guessed.
pub fn version_event(p: &Provenance, day: Option<Date>) -> Option<(VersionKind, Option<Amending>)> {
    let text = p
        .segments
        .iter()
        .rev()
        .find(|s| s.date.is_some() && s.date == day)?
        .text
        .as_str();
    let kind = if text.contains("修订") {
        VersionKind::Revised
    } else if text.contains("修正") || text.contains("修改") {
        VersionKind::Amended
    } else {
        return Some((VersionKind::Enacted, None));
    };
    let doc_no = find_doc_no(text);
    let title = quoted_title(text).or_else(|| doc_no.clone());
    let amending = title.map(|title| Amending {
        title,
        doc_no,
        item: None,
        url: None,
    });
    Some((kind, amending))
}

/// The first 《…》 title in a text, without the marks.
fn quoted_title(text: &str) -> Option<String> {
    let start = text.find('《')? + '《'.len_utf8();
    let len = text[start..].find('》')?;
    // Folding made the inner marks of 《关于修改〈…〉的决定》 ASCII; a title keeps the book's.
    let title: String = text[start..start + len]
        .chars()
        .map(|c| match c {
            '<' => '〈',
            '>' => '〉',
            c => c,
        })
        .collect();
    Some(title).filter(|t| !t.is_empty())
}

/// Characters that never occur inside a 文号 (、 does: joint orders like 国务院、中央军委令).
fn is_doc_no_boundary(c: char) -> bool {
    c.is_whitespace() || "，,。；;：:《》“”\"以".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<Date> {
        s.parse().ok()
    }

    #[test]
    fn the_event_that_made_a_version() {
        let lines = [
            "2002年9月29日 中华人民共和国国务院令第363号公布",
            "2019年3月24日 《国务院关于修改部分行政法规的决定》第三次修订",
        ];
        let (kind, amending) = version_event(&parse(&lines), date("2019-03-24")).unwrap();
        assert_eq!(kind, VersionKind::Revised);
        assert_eq!(amending.unwrap().title, "国务院关于修改部分行政法规的决定");
        let (kind, amending) = version_event(&parse(&lines), date("2002-09-29")).unwrap();
        assert_eq!((kind, amending), (VersionKind::Enacted, None));
        assert_eq!(
            version_event(&parse(&lines), date("2020-01-01")),
            None,
            "no event that day"
        );
        let order = [
            "2014年1月17日 中华人民共和国国务院令第646号公布",
            "2024年7月10日 中华人民共和国国务院令第786号修订）",
        ];
        let (kind, amending) = version_event(&parse(&order), date("2024-07-10")).unwrap();
        let amending = amending.unwrap();
        assert_eq!(kind, VersionKind::Revised);
        assert_eq!(
            amending.doc_no.as_deref(),
            Some("中华人民共和国国务院令第786号")
        );
        assert_eq!(amending.title, "中华人民共和国国务院令第786号");
        let session = ["2010年4月29日 第十一届全国人民代表大会常务委员会第十四次会议修订"];
        let (kind, amending) = version_event(&parse(&session), date("2010-04-29")).unwrap();
        assert_eq!((kind, amending), (VersionKind::Revised, None));
    }

    #[test]
    fn order_number_and_dates() {
        let p = parse(&[
            "2008年1月31日 中华人民共和国国务院令第517号公布",
            "",
            "2008年5月12日 施行",
        ]);
        assert_eq!(p.doc_no.as_deref(), Some("中华人民共和国国务院令第517号"));
        assert_eq!(p.effective, date("2008-05-12"));
        assert_eq!(p.written, None);
    }

    #[test]
    fn full_width_digits_and_spilled_lines() {
        let p = parse(&["１９９５年１月３日 劳动部令第３号发布", "发布之日施行"]);
        assert_eq!(p.doc_no.as_deref(), Some("劳动部令第3号"));
        assert_eq!(p.effective, date("1995-01-03"));
    }

    #[test]
    fn several_events_on_one_line() {
        let p = parse(&[
            "2009年1月8日 青岛市第十四届人民代表大会常务委员会第八次会议通过",
            "2009年3月2日 山东省第十一届人民代表大会常务委员会第九次会议批准2009年3月20日青岛市人民代表大会常务委员会公告公布自2009年5月1日施行根据2018年9月7日青岛市…决定》修正",
        ]);
        assert_eq!(p.written, date("2009-01-08"));
        assert_eq!(p.effective, date("2009-05-01"));
        assert_eq!(p.segments.len(), 5);
    }

    #[test]
    fn amendment_numbers_are_not_the_documents_own() {
        let p = parse(&["2014年6月29日 中华人民共和国公安部令第132号《公安部关于修改部分部门规章的决定》第一次修正"]);
        assert_eq!(p.doc_no, None);
        let p = parse(&["1993年8月7日 最高人民法院以法发〔1993〕15号通知印发）"]);
        assert_eq!(p.doc_no.as_deref(), Some("法发〔1993〕15号"));
        let p = parse(&["劳社部发[2008]3号"]);
        assert_eq!(p.doc_no.as_deref(), Some("劳社部发〔2008〕3号"));
    }

    #[test]
    fn announcement_numbers_without_order_are_not_doc_nos() {
        let p = parse(&["2015年1月1日 杭州市第十二届人民代表大会常务委员会公告第5号公布"]);
        assert_eq!(p.doc_no, None);
    }

    #[test]
    fn amendment_adoptions_are_not_written_dates() {
        let p = parse(&[
            "1988年4月12日 第七届全国人民代表大会第一次会议通过的《中华人民共和国宪法修正案》",
        ]);
        assert_eq!(p.written, None);
        assert!(is_adoption(
            "北京市第十五届人民代表大会常务委员会第二十四次会议修订通过）"
        ));
    }
}
