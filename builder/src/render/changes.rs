//! Marks, after an article's number in a rendered body, when that article last changed, with a
//! link to the comparison that shows the change (the current text of a regulation with versions).

use gongkai_core::structure::markup::ARTICLE_ID_PREFIX;

/// One mark: the article's anchor, the comparison's route and the words shown (2020-10-17 修订).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeMark {
    pub anchor: String,
    pub href: String,
    pub label: String,
}

/// `html` with each mark's link inserted right after its article's number span. Marks whose
/// article is not in `html` are skipped. Hrefs and labels are built by the builder from dates
/// and ids (never from content), and escaped all the same.
pub fn mark_changes(html: &str, marks: &[ChangeMark]) -> String {
    let mut out = html.to_string();
    for m in marks {
        debug_assert!(m.anchor.starts_with(ARTICLE_ID_PREFIX));
        let Some(at) = number_end(&out, &m.anchor) else {
            continue;
        };
        let link = format!(
            "<a class=\"art-changed\" href=\"{}#{}\">{}</a>",
            escape(&m.href),
            escape(&m.anchor),
            escape(&m.label)
        );
        out.insert_str(at, &link);
    }
    out
}

/// The byte just after the `</span>` closing the article number of the block `id="<anchor>"`.
fn number_end(html: &str, anchor: &str) -> Option<usize> {
    let open = html.find(&format!("id=\"{anchor}\""))?;
    let close = html[open..].find("</span>")?;
    Some(open + close + "</span>".len())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mark_follows_the_number_of_its_article_only() {
        let html = "<p id=\"art-1\" class=\"article\"><span class=\"art-no\">第一条</span>　甲。</p>\n<p id=\"art-12\" class=\"article\"><span class=\"art-no\">第十二条</span>　乙。</p>\n";
        let marks = [
            ChangeMark {
                anchor: "art-12".into(),
                href: "/items/x/diff/2010-04-29/2024-02-27/".into(),
                label: "2024-02-27 修订".into(),
            },
            ChangeMark {
                anchor: "art-99".into(),
                href: "/nowhere/".into(),
                label: "never".into(),
            },
        ];
        let got = mark_changes(html, &marks);
        assert!(got.contains("第十二条</span><a class=\"art-changed\" href=\"/items/x/diff/2010-04-29/2024-02-27/#art-12\">2024-02-27 修订</a>　乙。"), "{got}");
        assert!(got.contains("第一条</span>　甲。"));
        assert!(!got.contains("never"));
    }
}
