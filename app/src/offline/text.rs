//! The terminal page's wording: versions, dates, sizes and task results in Chinese.

use super::Notice;
use gongkai_core::date::Date;
use gongkai_sync_worker::protocol::{OutcomeKind, Progress, TerminalStatus};
use gongkai_sync_worker::reasons::size;

/// A unix time as a calendar day (UTC, which the terminal's clock may not be: good to the day).
pub fn day(unix: u64) -> String {
    Date::of_unix(unix).to_string()
}

pub fn version(status: &TerminalStatus) -> String {
    match &status.active {
        Some(a) => format!("第 {} 版", a.version),
        None => "尚未导入数据".into(),
    }
}

/// Storage in use, of how much the browser grants.
pub fn storage(status: &TerminalStatus) -> String {
    match (status.usage, status.quota) {
        (Some(used), Some(quota)) => format!("已用 {}（浏览器允许 {}）", size(used), size(quota)),
        (Some(used), None) => format!("已用 {}", size(used)),
        _ => "无法获知".into(),
    }
}

pub fn trust(status: &TerminalStatus) -> String {
    match &status.trust {
        Some(t) => format!(
            "站点 {}，第 {} 版；数据包需 {} 把发布密钥中的 {} 个签名，更换信任根需 {} 把根密钥中的 {} 个",
            t.site, t.version, t.release_keys, t.release_threshold, t.root_keys, t.root_threshold
        ),
        None => "首次导入时从本站 /trust.json 取得并固定".into(),
    }
}

/// "校验签名与哈希 42%" for the progress line.
pub fn progress(p: &Progress) -> String {
    let percent = p
        .done
        .saturating_mul(100)
        .checked_div(p.total)
        .unwrap_or(100);
    format!("{}… {percent}%", p.phase.label())
}

/// The result sentence; `active` is the version the terminal still serves after a failure.
pub fn notice(n: &Notice, active: Option<u64>) -> String {
    let keeps = match active {
        Some(v) => format!("本机继续使用第 {v} 版。"),
        None => "本机数据未改变。".into(),
    };
    match n {
        Notice::Done(o) => match o.result {
            OutcomeKind::Installed => format!(
                "已启用第 {} 版：新写入 {} 个文件，沿用本机已有的 {} 个；校验用时 {:.0} 毫秒。",
                o.version, o.received, o.reused, o.verify_ms
            ),
            OutcomeKind::AlreadyInstalled => {
                format!("第 {} 版已是本机当前版本，无需更新。", o.version)
            }
            OutcomeKind::Checked => format!(
                "验证通过：第 {} 版，签名和全部 {} 的哈希均有效（用时 {:.0} 毫秒）。尚未导入。",
                o.version,
                size(o.bytes),
                o.verify_ms
            ),
        },
        Notice::Rejected { reason, .. } => format!("已拒绝：{reason}{keeps}"),
        Notice::Failed(reason) => format!("未完成：{reason}{keeps}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_sync_worker::protocol::Phase;

    #[test]
    fn a_rejection_says_what_stays_active() {
        let n = Notice::Rejected {
            reason: "签名验证失败。".into(),
            detail: String::new(),
        };
        assert_eq!(
            notice(&n, Some(3)),
            "已拒绝：签名验证失败。本机继续使用第 3 版。"
        );
        assert!(notice(&n, None).ends_with("本机数据未改变。"));
    }

    #[test]
    fn progress_and_days() {
        let p = Progress {
            phase: Phase::Verify,
            done: 1,
            total: 4,
        };
        assert_eq!(progress(&p), "校验签名与哈希… 25%");
        assert_eq!(day(0), "1970-01-01");
    }
}
