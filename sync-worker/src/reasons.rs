//! Every rejection reason of the core verifier (`BundleError`) in plain Chinese for the terminal's
//! operator: what was wrong, and what to do. One arm per variant, so a new variant fails to compile
//! here until it has a message.

use gongkai_core::bundle::BundleError;
use gongkai_core::date::Date;

/// The sentence shown on the terminal page when `e` rejected a bundle or feed.
pub fn reason(e: &BundleError) -> String {
    use BundleError as E;
    match e {
        E::NoEndOfDirectory | E::Truncated(_) => {
            "文件不完整或不是离线数据包（可能拷贝中断），请重新拷贝后再试。".into()
        }
        E::UnsupportedArchive
        | E::BadCentralRecord { .. }
        | E::HeaderMismatch { .. }
        | E::Overlap { .. }
        | E::NameNotUtf8
        | E::TooManyEntries { .. } => "数据包结构异常，可能已损坏或被篡改。".into(),
        E::Encrypted { name } | E::UnknownMethod { name, .. } | E::NotUnix { name } => {
            format!("数据包中的 {name} 使用了不支持的格式。")
        }
        E::Unsigned(_) => "数据包含有签名之外的附加内容（注释或扩展字段），可能被改动过。".into(),
        E::Symlink { name } | E::NotAFile { name } => {
            format!("数据包中的 {name} 不是普通文件。")
        }
        E::UnsafePath { name, .. } => format!("数据包中的文件名 {name} 不安全。"),
        E::DuplicateEntry { name } => format!("数据包中 {name} 出现了两次。"),
        E::CrcMismatch { name } => {
            format!("数据包中的 {name} 已损坏（校验和不符），可能被篡改或拷贝出错。")
        }
        E::EntryTooLarge { name, .. } => format!("数据包中的 {name} 超出允许的大小。"),
        E::MissingMetadata(_) | E::MetadataTooLarge { .. } => {
            "这不是有效的离线数据包：缺少或含有异常的签名信息。".into()
        }
        E::BadManifest(_) | E::NotCanonical => "数据包的清单格式不正确。".into(),
        E::BadSignatures(_) => "数据包的签名格式不正确。".into(),
        E::BelowThreshold { valid, threshold } => format!(
            "签名验证失败：有效签名 {valid} 个，至少需要 {threshold} 个。数据包不是由受信任的密钥签发，或已被篡改。"
        ),
        E::WrongSite { expected, found } => {
            format!("这是站点“{found}”的数据包，本终端只接受站点“{expected}”的数据。")
        }
        E::Expired { expires, now } => format!(
            "数据包已于 {} 过期（本机时间 {}）。请取得新的数据包；若本机时间有误，请先校正时间。",
            day(*expires),
            day(*now)
        ),
        E::TotalTooLarge { total, cap } => format!(
            "数据共 {}，超过本机可用空间或上限 {}。",
            size(*total),
            size(*cap)
        ),
        E::MissingEntry { path } => format!("数据包缺少文件 {path}。"),
        E::UnlistedEntry { path } => format!("数据包含有清单之外的文件 {path}。"),
        E::SizeMismatch { path, .. } | E::HashMismatch { path } => {
            format!("文件 {path} 与签名清单不符（内容被改动或传输出错）。")
        }
        E::TreeMismatch => "文件列表与签名清单不符。".into(),
        E::BadTrust(_) => "信任根（trust.json）无效。".into(),
        E::TrustVersion { current, found } => format!(
            "数据包附带的信任根版本 {found} 不能接在本机的版本 {current} 之后。"
        ),
        E::RotationNotAuthorized(_) | E::RotationNotSelfSigned(_) => {
            "数据包附带的新信任根没有得到足够的签名授权。".into()
        }
        E::Rollback { installed, found } => format!(
            "版本 {found} 比本机已接受过的版本 {installed} 旧，不能回退。"
        ),
        E::SameVersionDifferentContent { version } => format!(
            "本机已接受过内容不同的版本 {version}，同一版本号的另一份数据被拒绝。"
        ),
        E::CreatedInFuture { created, clock } => format!(
            "数据包的生成日期 {} 晚于本机日期 {} 一天以上。请先校正本机时间；若时间无误，这个数据包不可信。",
            day(*created),
            day(*clock)
        ),
        E::CreatedBeforeNewest { .. } => {
            "数据包的生成时间早于本机已见过的最新数据，可能是旧数据包。".into()
        }
        E::WrongBase { base_version, .. } => format!(
            "这是基于版本 {base_version} 的增量包，与本机当前版本不符。请使用完整数据包。"
        ),
        E::DeltaWithoutBase => "这是增量包，本机尚无可用的基础版本。请先导入完整数据包。".into(),
        E::StateLost { active } => format!(
            "本机的校验记录（state.json）丢失，而版本 {active} 仍在使用。为防止旧数据回退，终端拒绝重新开始记录；请清除本站数据后导入完整数据包。"
        ),
        E::NoTrustRoot => {
            "本站没有提供信任根（/trust.json），终端无法验证任何数据包。请联系发布单位。".into()
        }
    }
}

/// A unix time as a calendar day (UTC).
fn day(unix: u64) -> String {
    Date::of_unix(unix).to_string()
}

/// A byte count for people: GB or MB with one decimal, or bytes when small.
pub fn size(bytes: u64) -> String {
    match bytes {
        0..1_000_000 => format!("{bytes} 字节"),
        1_000_000..1_000_000_000 => format!("{:.1} MB", bytes as f64 / 1e6),
        _ => format!("{:.1} GB", bytes as f64 / 1e9),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_names_both_days() {
        let text = reason(&BundleError::Expired {
            expires: 1_700_000_000,
            now: 1_700_086_400,
        });
        assert!(text.contains("2023-11-14"), "{text}");
        assert!(text.contains("2023-11-15"), "{text}");
    }

    #[test]
    fn tampering_and_rollback_are_explained() {
        let t = reason(&BundleError::HashMismatch {
            path: "data/catalogue.json".into(),
        });
        assert!(t.contains("data/catalogue.json") && t.contains("不符"));
        let r = reason(&BundleError::Rollback {
            installed: 7,
            found: 6,
        });
        assert!(r.contains('7') && r.contains('6') && r.contains("回退"));
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(size(12), "12 字节");
        assert_eq!(size(2_500_000), "2.5 MB");
        assert_eq!(size(10_740_800_000), "10.7 GB");
    }
}
