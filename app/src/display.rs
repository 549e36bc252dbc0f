//! How values read on screen: publication times and file sizes, formatted for Chinese readers.

use gongkai_core::date::DateTime;

/// `2022-07-27 09:00`, or just the date when no time of day was recorded.
pub fn date_time(t: &DateTime) -> String {
    if (t.hour, t.minute, t.second) == (0, 0, 0) {
        t.date.to_string()
    } else {
        format!("{} {:02}:{:02}", t.date, t.hour, t.minute)
    }
}

/// A file size for people: 字节, KB or MB.
pub fn human_size(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} 字节"),
        b if b < 1024 * 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_drop_an_empty_clock() {
        let t: DateTime = "2022-07-27T09:00:00".parse().unwrap();
        assert_eq!(date_time(&t), "2022-07-27 09:00");
        let midnight: DateTime = "2022-07-27T00:00:00".parse().unwrap();
        assert_eq!(date_time(&midnight), "2022-07-27");
    }

    #[test]
    fn sizes() {
        assert_eq!(human_size(12), "12 字节");
        assert_eq!(human_size(2048), "2.0 KB");
        assert_eq!(human_size(3 * 1024 * 1024), "3.0 MB");
    }
}
