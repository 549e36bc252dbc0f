//! Naming the 发文机关 of a law from what its title and provenance lines say.
//!
//! The folder says what kind of body issued a file (a people's congress, the courts); the
//! provenance says which one. Where the text names none, a fixed default for the folder is
//! used, and that rule is stated in the module that picks it, never guessed per file.

use super::provenance::{is_adoption, Segment};

pub const NPC: &str = "全国人民代表大会";
pub const NPCSC: &str = "全国人民代表大会常务委员会";
pub const COURT: &str = "最高人民法院";
pub const PROCURATORATE: &str = "最高人民检察院";

/// 法律: the NPC when the enacting session is a plenary one (…全国人民代表大会第N次会议),
/// else its Standing Committee, which enacts most laws.
pub fn national(segments: &[Segment]) -> &'static str {
    for s in segments {
        let text = before_quote(&s.text);
        if let Some(pos) = text.find(NPC) {
            let rest = &text[pos + NPC.len()..];
            return if rest.starts_with("常务委员会") {
                NPCSC
            } else {
                NPC
            };
        }
    }
    NPCSC
}

/// 司法解释: the court and/or procuratorate named before 关于 in the title, else in the
/// provenance, else the one the title speaks of (人民检察院 …), else the court.
pub fn judicial(title: &str, segments: &[Segment]) -> Vec<String> {
    let head = title.split("关于").next().unwrap_or(title);
    let mut found = named_bodies(head);
    if found.is_empty() {
        found = segments
            .iter()
            .flat_map(|s| named_bodies(before_quote(&s.text)))
            .collect();
        found.sort_by_key(|b| [COURT, PROCURATORATE].iter().position(|x| x == b));
        found.dedup();
    }
    if found.is_empty() {
        found.push(if title.contains("人民检察院") {
            PROCURATORATE
        } else {
            COURT
        });
    }
    found.into_iter().map(str::to_string).collect()
}

fn named_bodies(text: &str) -> Vec<&'static str> {
    [COURT, PROCURATORATE]
        .into_iter()
        .filter(|b| text.contains(b))
        .collect()
}

/// Text before the first 《: what follows names other acts, not the enacting body.
fn before_quote(text: &str) -> &str {
    text.split('《').next().unwrap_or(text)
}

/// 地方性法规: the congress that adopted it (…第N届人民代表大会常务委员会…通过), else the
/// first congress any dated event names, else the province's Standing Committee.
pub fn local(segments: &[Segment], province: &str) -> String {
    let dated = || segments.iter().filter(|s| s.date.is_some());
    dated()
        .filter(|s| is_adoption(&s.text))
        .chain(dated())
        .find_map(|s| congress_at_start(&s.text))
        .unwrap_or_else(|| format!("{}{NPCSC_LOCAL}", province_name(province)))
}

const NPCSC_LOCAL: &str = "人民代表大会常务委员会";

/// "深圳市第七届人民代表大会常务委员会第N次会议…" → 深圳市人民代表大会常务委员会.
pub fn congress_at_start(text: &str) -> Option<String> {
    let text = text.trim_start_matches(|c: char| c.is_whitespace() || "经（(".contains(c));
    let pos = [text.find("人民代表大会"), text.find("人大")]
        .into_iter()
        .flatten()
        .min()?;
    let place = strip_session(&text[..pos]);
    if !is_place(place) {
        return None;
    }
    let rest = &text[pos..];
    let standing = ["人民代表大会常务委员会", "人民代表大会常委会", "人大常委会"];
    if standing.iter().any(|s| rest.starts_with(s)) {
        Some(format!("{place}{NPCSC_LOCAL}"))
    } else {
        Some(format!("{place}人民代表大会"))
    }
}

/// Drops a session number: 深圳市第七届 → 深圳市, 杭州市十二届 → 杭州市.
fn strip_session(head: &str) -> &str {
    let Some(head) = head.strip_suffix('届') else {
        return head;
    };
    let head = head
        .trim_end_matches(|c: char| "一二三四五六七八九十百零〇".contains(c) || c.is_ascii_digit());
    head.strip_suffix('第').unwrap_or(head)
}

/// A place name: a few CJK characters ending in an administrative unit, and not the nation.
fn is_place(s: &str) -> bool {
    let n = s.chars().count();
    (2..=15).contains(&n)
        && s.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        && s.ends_with(['省', '市', '县', '区', '州', '旗', '盟'])
        && !s.contains("全国")
}

/// The official name of a province-level folder: 上海 → 上海市, 山东 → 山东省.
pub fn province_name(folder: &str) -> String {
    const FULL: &[(&str, &str)] = &[
        ("北京", "北京市"),
        ("天津", "天津市"),
        ("上海", "上海市"),
        ("重庆", "重庆市"),
        ("内蒙古", "内蒙古自治区"),
        ("广西", "广西壮族自治区"),
        ("西藏", "西藏自治区"),
        ("宁夏", "宁夏回族自治区"),
        ("新疆", "新疆维吾尔自治区"),
    ];
    if folder.ends_with(['省', '市']) || folder.ends_with("自治区") {
        return folder.to_string();
    }
    match FULL.iter().find(|(short, _)| *short == folder) {
        Some((_, full)) => full.to_string(),
        None => format!("{folder}省"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::provenance::parse;

    #[test]
    fn local_congresses() {
        let p = parse(&[
            "2023年1月6日 东莞市第十七届人民代表大会常务委员会第九次会议通过",
            "2023年2月10日 广东省第十四届人民代表大会常务委员会第一次会议批准）",
        ]);
        assert_eq!(local(&p.segments, "广东"), "东莞市人民代表大会常务委员会");
        let p = parse(&["1991年12月21日 北京市第九届人大常委会第三十一次会议通过"]);
        assert_eq!(local(&p.segments, "北京"), "北京市人民代表大会常务委员会");
        let p = parse(&["2001年1月1日 北京市第十一届人民代表大会第四次会议通过"]);
        assert_eq!(local(&p.segments, "北京"), "北京市人民代表大会");
        let p = parse(&["2006年11月17日 北京市人民政府第56次常务会议审议通过"]);
        assert_eq!(local(&p.segments, "北京"), "北京市人民代表大会常务委员会");
        assert_eq!(local(&[], "山东"), "山东省人民代表大会常务委员会");
    }

    #[test]
    fn abbreviated_places_are_not_guessed() {
        assert_eq!(
            congress_at_start("市十二届人民代表大会常务委员会第五次会议通过"),
            None
        );
        assert_eq!(
            congress_at_start("杭州市十二届人民代表大会常务委员会第五次会议通过").as_deref(),
            Some("杭州市人民代表大会常务委员会")
        );
        assert_eq!(
            congress_at_start("第九届全国人民代表大会常务委员会第N次会议通过"),
            None
        );
    }

    #[test]
    fn national_and_judicial_bodies() {
        let p = parse(&["1979年7月1日 第五届全国人民代表大会第二次会议通过"]);
        assert_eq!(national(&p.segments), NPC);
        let p = parse(&["2019年8月26日 第十三届全国人民代表大会常务委员会第十二次会议通过"]);
        assert_eq!(national(&p.segments), NPCSC);
        assert_eq!(
            judicial("最高人民法院 最高人民检察院关于办理…的解释", &[]),
            [COURT, PROCURATORATE]
        );
        assert_eq!(judicial("人民检察院刑事诉讼规则", &[]), [PROCURATORATE]);
        assert_eq!(
            judicial("关于审理非法行医刑事案件具体应用法律若干问题的解释", &[]),
            [COURT]
        );
    }
}
