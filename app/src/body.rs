//! Prepares an item's sanitized body HTML for reading: a "copy link" button after each article
//! number (第X条), inserted as text so the view never has to touch the DOM after mounting.

/// The class the body's click handler looks for.
pub const COPY_BUTTON_CLASS: &str = "copy-link";

const ART_NO_OPEN: &str = "<span class=\"art-no\">";
const SPAN_CLOSE: &str = "</span>";

/// Inserts a copy-link button after every `<span class="art-no">第X条</span>` that directly opens
/// an element with an `art-…` id. Anything unexpected is left untouched.
pub fn with_copy_buttons(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some(at) = rest.find(" id=\"art-") {
        let (before, from_id) = rest.split_at(at);
        out.push_str(before);
        let consumed = match article_number(from_id) {
            Some((anchor, label, end)) => {
                out.push_str(&from_id[..end]);
                out.push_str(&copy_button(anchor, label));
                end
            }
            None => {
                out.push_str(" id=\"");
                " id=\"".len()
            }
        };
        rest = &from_id[consumed..];
    }
    out.push_str(rest);
    out
}

/// From ` id="art-12" …><span class="art-no">第十二条</span>`: the anchor, the label, and the
/// byte offset just after the closing `</span>`.
fn article_number(from_id: &str) -> Option<(&str, &str, usize)> {
    let id_start = " id=\"".len();
    let id_len = from_id[id_start..].find('"')?;
    let anchor = &from_id[id_start..id_start + id_len];
    if anchor.len() <= "art-".len()
        || !anchor
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return None;
    }
    let tag_end = from_id.find('>')? + 1;
    let after_tag = &from_id[tag_end..];
    let label_and_rest = after_tag.strip_prefix(ART_NO_OPEN)?;
    let label_len = label_and_rest.find(SPAN_CLOSE)?;
    let label = &label_and_rest[..label_len];
    if label.contains(['<', '>', '"', '&']) {
        return None;
    }
    let end = tag_end + ART_NO_OPEN.len() + label_len + SPAN_CLOSE.len();
    Some((anchor, label, end))
}

fn copy_button(anchor: &str, label: &str) -> String {
    format!(
        "<button type=\"button\" class=\"{COPY_BUTTON_CLASS}\" data-anchor=\"{anchor}\" \
         data-label=\"{label}\" aria-label=\"复制{label}的链接\">链接</button>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_a_button_after_each_article_number() {
        let html = "<h2 id=\"chap-1\">第一章</h2>\n<p id=\"art-1\" class=\"article\"><span class=\"art-no\">第一条</span>　正文</p>\n<p>段</p>";
        let out = with_copy_buttons(html);
        assert!(out.contains(
            "<span class=\"art-no\">第一条</span><button type=\"button\" class=\"copy-link\" data-anchor=\"art-1\""
        ));
        assert!(out.contains("aria-label=\"复制第一条的链接\">链接</button>　正文</p>"));
        assert!(out.starts_with("<h2 id=\"chap-1\">"));
        assert_eq!(out.matches("<button").count(), 1);
    }

    #[test]
    fn leaves_other_markup_alone() {
        for html in [
            "<p id=\"art-2\">no number span</p>",
            "<p id=\"art-2\" class=\"article\"><span class=\"other\">第二条</span></p>",
            "<p id=\"art-\" class=\"article\"><span class=\"art-no\">第五条</span></p>",
            "plain text id=\"art-3\" without a tag",
            "<p id=\"art-4\"><span class=\"art-no\">第<b>四</b>条</span></p>",
        ] {
            assert_eq!(with_copy_buttons(html), html);
        }
    }
}
