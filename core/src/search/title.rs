//! A title's core, for title-like queries: people type 著作权法, 数据安全 or 中华人民共和国个人
//! 所得税 for 中华人民共和国著作权法, 中华人民共和国数据安全法 and 中华人民共和国个人所得税法.
//! The core of a title (and of a query) is its folded text without punctuation, without the
//! prefix 中华人民共和国 and without one closing 法/条例/办法/规定/规则/细则 (and 试行). An item whose
//! core equals the query's comes first; 上海市外商投资条例 and 外商投资法实施条例 keep their
//! longer cores, so 外商投资 puts 外商投资法 above them.

use crate::search::syntax::{Clause, Parsed};
use crate::search::tokenizer::{folded, is_cjk};

const PREFIX: &str = "中华人民共和国";
/// Closing words of a title, the longer first where one ends another.
const SUFFIXES: [&str; 6] = ["条例", "办法", "规定", "规则", "细则", "法"];

/// The core of a title or query; `None` when nothing is left.
pub fn title_core(text: &str) -> Option<String> {
    let (core, _) = split(text);
    (!core.is_empty()).then_some(core)
}

/// The closing word of a title or query (法, 条例…), if it has one.
pub fn closing_word(text: &str) -> Option<&'static str> {
    split(text).1
}

/// The terms an item's title is indexed under in the `title_core` field: its core, and its
/// closing word as `~法` (see [`closing_key`]).
pub fn title_keys(title: &str) -> Vec<String> {
    let (core, closing) = split(title);
    let core = (!core.is_empty()).then_some(core);
    core.into_iter().chain(closing.map(closing_key)).collect()
}

/// The key of titles closing with `word`: a relaxed title-like query prefers the titles that
/// close as it does (大气污染法 → a 法, not a 条例).
pub fn closing_key(word: &str) -> String {
    format!("~{word}")
}

/// Core and closing word.
fn split(text: &str) -> (String, Option<&'static str>) {
    let kept: String = folded(text)
        .chars()
        .filter(|&c| is_cjk(c) || c.is_alphanumeric())
        .collect();
    let mut core = kept.strip_prefix(PREFIX).unwrap_or(&kept);
    core = core.strip_suffix("试行").unwrap_or(core);
    let closing = SUFFIXES.iter().find(|s| core.ends_with(*s)).copied();
    if let Some(word) = closing {
        core = &core[..core.len() - word.len()];
    }
    (core.to_string(), closing)
}

/// The core of a query that is one title-like phrase: a single group of words ending in one of
/// the closing words (法, 条例…); `None` for anything else.
pub fn missing_title_core(parsed: &Parsed) -> Option<String> {
    let [group] = parsed.groups.as_slice() else {
        return None;
    };
    let [Clause::Words(text)] = group.as_slice() else {
        return None;
    };
    let kept = folded(text);
    let kept = kept.trim_end();
    SUFFIXES
        .iter()
        .any(|s| kept.ends_with(s))
        .then(|| title_core(text))?
}

#[cfg(test)]
mod tests {
    use super::{closing_word, missing_title_core, title_core, title_keys};
    use crate::search::syntax::parse;

    #[test]
    fn only_one_phrase_ending_like_a_title_is_title_like() {
        let core = |q: &str| missing_title_core(&parse(q));
        assert_eq!(core("消费者保护法").as_deref(), Some("消费者保护"));
        assert_eq!(core("工伤保险條例").as_deref(), Some("工伤保险"));
        assert_eq!(core("消费者 保护"), None);
        assert_eq!(core("数据安全"), None);
        assert_eq!(core("\"消费者保护法\""), None);
    }

    #[test]
    fn titles_and_queries_meet_at_their_core() {
        let core = |t: &str| title_core(t).unwrap_or_default();
        assert_eq!(core("中华人民共和国著作权法"), "著作权");
        assert_eq!(core("著作權法"), "著作权", "folded like the index");
        assert_eq!(core("中华人民共和国个人所得税"), "个人所得税");
        assert_eq!(core("工伤保险条例"), "工伤保险");
        assert_eq!(
            core("湘西自治州电子政务内网管理规定（试行）"),
            "湘西自治州电子政务内网管理"
        );
        assert_eq!(core("中华人民共和国外商投资法实施条例"), "外商投资法实施");
        assert_eq!(core("上海市外商投资条例"), "上海市外商投资");
        assert_eq!(core("中华人民共和国刑法"), "刑");
        assert_eq!(title_core("法"), None);
        assert_eq!(closing_word("大气污染法"), Some("法"));
        assert_eq!(closing_word("国有土地上房屋征收与补偿条例"), Some("条例"));
        assert_eq!(closing_word("数据安全"), None);
        assert_eq!(title_keys("中华人民共和国刑法"), ["刑", "~法"]);
        assert_eq!(title_core("《》"), None);
    }
}
