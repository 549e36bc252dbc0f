//! Traditional → simplified Han, one character at a time, for the tokenizer: 勞動 and 劳动 give
//! the same terms at index and query time. The table is fast2s's character table, turned into a
//! sorted array by `core/build.rs` (with four corrections from 《通用规范汉字表》, listed there);
//! only characters, never words: 資訊 stays 资讯, 網絡 becomes
//! 网络. A character that is both (著, 乾坤's 乾) folds as the table says, on both sides alike,
//! so a match is never lost; at worst two spellings meet.

include!(concat!(env!("OUT_DIR"), "/t2s.rs"));

/// The simplified form of `c`, or `c` itself.
pub fn simplified(c: char) -> char {
    if !may_fold(c) {
        return c;
    }
    let Ok(unit) = u16::try_from(u32::from(c)) else {
        return c;
    };
    T2S.binary_search_by_key(&unit, |&(t, _)| t)
        .ok()
        .and_then(|i| char::from_u32(u32::from(T2S[i].1)))
        .unwrap_or(c)
}

/// False when `c` certainly folds to itself; the common block is answered from a bitmap.
pub fn may_fold(c: char) -> bool {
    match u32::from(c) {
        u @ 0x4E00..=0x9FFF => {
            let i = (u - 0x4E00) as usize;
            COMMON_FOLDS[i / 64] & (1 << (i % 64)) != 0
        }
        0x3400..=0x4DBF | 0xF900..=0xFAFF => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(text: &str) -> String {
        text.chars().map(simplified).collect()
    }

    #[test]
    fn traditional_characters_fold_to_simplified() {
        assert_eq!(fold("勞動合同法"), "劳动合同法");
        assert_eq!(fold("商標法"), "商标法");
        assert_eq!(fold("網絡安全"), "网络安全");
        assert_eq!(
            fold("資訊"),
            "资讯",
            "characters only: no vocabulary mapping"
        );
        assert_eq!(fold("著作權"), "著作权", "著 keeps its form");
        assert_eq!(
            fold("諮詢 瀋陽 羣眾 捍衛"),
            "咨询 沈阳 群众 捍卫",
            "the corrections"
        );
    }

    #[test]
    fn simplified_text_is_unchanged_and_the_fold_is_stable() {
        let simplified_text = "中华人民共和国劳动合同法第一条为了完善劳动合同制度";
        assert_eq!(fold(simplified_text), simplified_text);
        for &(t, s) in T2S.iter() {
            assert_ne!(t, s);
            let s = char::from_u32(u32::from(s)).unwrap();
            assert_eq!(simplified(s), s, "U+{:X} folds again", u32::from(s));
        }
        assert!(T2S.windows(2).all(|w| w[0].0 < w[1].0), "sorted");
        assert!(T2S.len() > 2_000, "{}", T2S.len());
    }

    #[test]
    fn the_bitmap_agrees_with_the_table() {
        for c in ('\u{4E00}'..='\u{9FFF}').chain('\u{3400}'..='\u{4DBF}') {
            let unit = u16::try_from(u32::from(c)).unwrap();
            let listed = T2S.binary_search_by_key(&unit, |&(t, _)| t).is_ok();
            assert!(!listed || may_fold(c), "U+{:X}", u32::from(c));
            if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
                assert_eq!(listed, may_fold(c), "U+{:X}", u32::from(c));
            }
        }
    }
}
