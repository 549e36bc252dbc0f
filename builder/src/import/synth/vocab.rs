//! The synthetic vocabularies: departments of real cities (青岛市市场监督管理局 …) with their
//! codes and 文号 prefixes, and the State Council's 主题分类 topics.

use super::emit::quoted;
use super::pool::Pool;
use super::rng::Rng;
use std::collections::BTreeSet;

/// How many departments a synthetic site has, across a few cities.
pub const DEPARTMENTS: usize = 200;

/// A kind of municipal department, as real city governments name them.
pub struct Kind {
    pub name: &'static str,
    pub short: &'static str,
    /// ASCII abbreviation for department codes.
    pub code: &'static str,
    /// The department's part of a 文号 prefix: 青 + 市监 + 规 → 青市监规〔2021〕3号.
    pub doc: &'static str,
    /// The topic most of its documents fall under.
    pub topic: &'static str,
}

const fn kind(
    name: &'static str,
    short: &'static str,
    code: &'static str,
    doc: &'static str,
    topic: &'static str,
) -> Kind {
    Kind {
        name,
        short,
        code,
        doc,
        topic,
    }
}

/// 人民政府 comes first: every city that has departments then has its government, which
/// alone issues 规章.
pub const KINDS: &[Kind] = &[
    kind("人民政府", "政府", "zf", "政", "zonghe-zhengwu"),
    kind("人民政府办公室", "政府办", "zfb", "政办", "zonghe-zhengwu"),
    kind("发展和改革委员会", "发改委", "fgw", "发改", "guomin-jingji"),
    kind("教育局", "教育局", "jyj", "教", "keji-jiaoyu"),
    kind("科学技术局", "科技局", "kjj", "科", "keji-jiaoyu"),
    kind("工业和信息化局", "工信局", "gxj", "工信", "gongye-jiaotong"),
    kind("公安局", "公安局", "gaj", "公", "gongan-sifa"),
    kind("民政局", "民政局", "mzj", "民", "minzheng"),
    kind("司法局", "司法局", "sfj", "司", "gongan-sifa"),
    kind("财政局", "财政局", "czj", "财", "caizheng-jinrong"),
    kind(
        "人力资源和社会保障局",
        "人社局",
        "rsj",
        "人社",
        "laodong-renshi",
    ),
    kind(
        "自然资源和规划局",
        "自然资源局",
        "zrzyj",
        "自然资规",
        "guotu-ziyuan",
    ),
    kind(
        "生态环境局",
        "生态环境局",
        "sthjj",
        "环",
        "chengxiang-jianshe",
    ),
    kind(
        "住房和城乡建设局",
        "住建局",
        "zjj",
        "建",
        "chengxiang-jianshe",
    ),
    kind("交通运输局", "交通局", "jtj", "交", "gongye-jiaotong"),
    kind("水务局", "水务局", "swuj", "水", "nongye-shuili"),
    kind("农业农村局", "农业农村局", "nyncj", "农", "nongye-shuili"),
    kind("商务局", "商务局", "swj", "商", "shangmao"),
    kind("文化和旅游局", "文旅局", "wlj", "文旅", "wenhua"),
    kind("卫生健康委员会", "卫健委", "wjw", "卫健", "weisheng-tiyu"),
    kind("退役军人事务局", "退役军人局", "tyjrj", "退役", "minzheng"),
    kind("应急管理局", "应急局", "yjglj", "应急", "anquan-shengchan"),
    kind("审计局", "审计局", "sjj", "审", "caizheng-jinrong"),
    kind(
        "市场监督管理局",
        "市场监管局",
        "scjgj",
        "市监",
        "shichang-jianguan",
    ),
    kind("统计局", "统计局", "tjj", "统", "guomin-jingji"),
    kind("医疗保障局", "医保局", "ybj", "医保", "weisheng-tiyu"),
    kind("城市管理局", "城管局", "cgj", "城管", "chengxiang-jianshe"),
    kind("体育局", "体育局", "tyj", "体", "weisheng-tiyu"),
    kind("人民防空办公室", "人防办", "rfb", "人防", "guofang"),
    kind(
        "行政审批服务局",
        "审批局",
        "xzspj",
        "审批",
        "zonghe-zhengwu",
    ),
    kind("大数据管理局", "大数据局", "dsjj", "数据", "dianzi-zhengwu"),
    kind(
        "地方金融监督管理局",
        "金融局",
        "jrj",
        "金融",
        "caizheng-jinrong",
    ),
    kind("民族宗教事务局", "民宗局", "mzzj", "民宗", "minzu-zongjiao"),
    kind("外事办公室", "外办", "wb", "外", "waishi"),
    kind("林业局", "林业局", "lyj", "林", "nongye-shuili"),
    kind("信访局", "信访局", "xfj", "信访", "zonghe-zhengwu"),
];

/// The 主题分类 of government documents (国务院公文主题分类), code and name.
pub const TOPICS: &[(&str, &str)] = &[
    ("zonghe-zhengwu", "综合政务"),
    ("guomin-jingji", "国民经济管理、国有资产监管"),
    ("caizheng-jinrong", "财政、金融、审计"),
    ("guotu-ziyuan", "国土资源、能源"),
    ("nongye-shuili", "农业、林业、水利"),
    ("gongye-jiaotong", "工业、交通"),
    ("shangmao", "商贸、海关、旅游"),
    ("shichang-jianguan", "市场监管"),
    ("anquan-shengchan", "安全生产监管"),
    ("chengxiang-jianshe", "城乡建设、环境保护"),
    ("keji-jiaoyu", "科技、教育"),
    ("wenhua", "文化、广电、新闻出版"),
    ("weisheng-tiyu", "卫生、体育"),
    ("laodong-renshi", "劳动、人事、监察"),
    ("gongan-sifa", "公安、安全、司法"),
    ("minzheng", "民政、扶贫、救灾"),
    ("minzu-zongjiao", "民族、宗教"),
    ("waishi", "对外事务"),
    ("guofang", "国防"),
    ("dianzi-zhengwu", "电子政务"),
];

/// One synthetic department.
#[derive(Debug, Clone)]
pub struct Dept {
    pub code: String,
    pub name: String,
    pub short: String,
    pub place: String,
    /// 文号 prefix without the document type: 青市监 (规|发|函 …) is added per document.
    pub doc_prefix: String,
    /// Index into [`KINDS`].
    pub kind: usize,
}

/// `DEPARTMENTS` departments: whole cities in a seeded order of the corpus's cities, each with
/// its departments in [`KINDS`] order.
pub fn departments(pool: &Pool, seed: u64) -> Vec<Dept> {
    let mut places = pool.places.clone();
    shuffle(&mut places, &mut Rng::new(seed ^ 0x0dea_d0de));
    places.truncate(DEPARTMENTS.div_ceil(KINDS.len()));
    let shorts = place_shorts(&places);
    let mut out = Vec::with_capacity(DEPARTMENTS);
    for (p, (place, short)) in places.iter().zip(&shorts).enumerate() {
        for (k, kind) in KINDS.iter().enumerate() {
            if out.len() == DEPARTMENTS {
                return out;
            }
            out.push(Dept {
                code: format!("{}-{:02}", kind.code, p + 1),
                name: format!("{place}{}", kind.name),
                short: format!("{place}{}", kind.short),
                place: place.clone(),
                doc_prefix: format!("{short}{}", kind.doc),
                kind: k,
            });
        }
    }
    out
}

/// Fisher–Yates with our own generator, so the order is the same everywhere.
pub fn shuffle<T>(items: &mut [T], rng: &mut Rng) {
    for i in (1..items.len()).rev() {
        items.swap(i, rng.below(i + 1));
    }
}

/// The shortest leading characters that tell the chosen cities apart (青 for 青岛市; 泰安 and
/// 泰州 need two), so no two departments share a 文号 prefix.
fn place_shorts(places: &[String]) -> Vec<String> {
    let mut taken = BTreeSet::new();
    places
        .iter()
        .map(|place| {
            let chars: Vec<char> = place.chars().collect();
            let short = (1..=chars.len())
                .map(|n| chars[..n].iter().collect::<String>())
                .find(|s| {
                    let clash = places
                        .iter()
                        .any(|o| o != place && o.starts_with(s.as_str()));
                    !clash && !taken.contains(s)
                })
                .unwrap_or_else(|| place.clone());
            taken.insert(short.clone());
            short
        })
        .collect()
}

/// departments.toml, in code order of generation.
pub fn departments_toml(depts: &[Dept]) -> String {
    let mut out = String::new();
    for d in depts {
        out.push_str(&format!(
            "[[department]]\ncode = {}\nname = {}\nshort = {}\n\n",
            quoted(&d.code),
            quoted(&d.name),
            quoted(&d.short)
        ));
    }
    out
}

/// topics.toml.
pub fn topics_toml() -> String {
    let mut out = String::new();
    for (code, name) in TOPICS {
        out.push_str(&format!(
            "[[topic]]\ncode = {}\nname = {}\n\n",
            quoted(code),
            quoted(name)
        ));
    }
    out
}

/// The index of a topic code in [`TOPICS`] (0 for an unknown one, which the table rules out).
pub fn topic_index(code: &str) -> usize {
    TOPICS.iter().position(|t| t.0 == code).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_known_topic_and_codes_are_ids() {
        for k in KINDS {
            assert!(TOPICS.iter().any(|t| t.0 == k.topic), "{}", k.name);
            assert!(gongkai_core::is_valid_id(&format!("{}-01", k.code)));
        }
        let codes: BTreeSet<&str> = KINDS.iter().map(|k| k.code).collect();
        assert_eq!(codes.len(), KINDS.len());
    }

    #[test]
    fn place_shorts_are_unique() {
        let places = ["泰安市", "泰州市", "青岛市"].map(String::from);
        assert_eq!(place_shorts(&places), ["泰安", "泰州", "青"]);
    }
}
