//! Chinese numerals as legal texts write them (第一条, 第二十三章): for generated texts and for messages that name an article.

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// `n` in Chinese numerals as statutes number their articles: 10 → 十, 21 → 二十一,
/// 105 → 一百零五, 1010 → 一千零一十. Numbers outside 1..=9999 are written in ASCII digits,
/// which `gongkai_core::structure::parse_number` also accepts.
pub fn chinese(n: u32) -> String {
    if !(1..=9999).contains(&n) {
        return n.to_string();
    }
    // 十 alone, not 一十, is the written form of 10–19.
    if (10..20).contains(&n) {
        let ones = n % 10;
        return if ones == 0 {
            "十".to_string()
        } else {
            format!("十{}", DIGITS[ones as usize])
        };
    }
    let mut out = String::new();
    let mut zero_pending = false;
    for (scale, unit) in [(1000, "千"), (100, "百"), (10, "十"), (1, "")] {
        let digit = (n / scale) % 10;
        if digit == 0 {
            zero_pending = !out.is_empty();
            continue;
        }
        // One 零 stands for any run of empty places between two digits.
        if zero_pending {
            out.push('零');
            zero_pending = false;
        }
        out.push(DIGITS[digit as usize]);
        out.push_str(unit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::chinese;
    use crate::structure::parse_number;

    #[test]
    fn writes_statute_numerals() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (12, "十二"),
            (20, "二十"),
            (38, "三十八"),
            (100, "一百"),
            (105, "一百零五"),
            (110, "一百一十"),
            (1001, "一千零一"),
            (1010, "一千零一十"),
            (1260, "一千二百六十"),
            (9999, "九千九百九十九"),
        ];
        for (n, s) in cases {
            assert_eq!(chinese(n), s, "{n}");
        }
        assert_eq!(chinese(0), "0");
        assert_eq!(chinese(10_000), "10000");
    }

    #[test]
    fn round_trips_through_the_structure_parser() {
        for n in 1..=9999 {
            assert_eq!(parse_number(&chinese(n)), Some(n), "{n} → {}", chinese(n));
        }
    }
}
