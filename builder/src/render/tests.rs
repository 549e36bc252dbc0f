//! Unit tests for rendering: anchors, the table of contents, and script injection.

use super::render;

#[test]
fn articles_in_separate_paragraphs_get_anchors() {
    let r = render("## 第一章 总则\n\n第一条 为了规范。\n\n第二条 本办法适用于。\n");
    assert!(
        r.html.contains("<h2 id=\"chap-1\">第一章 总则</h2>"),
        "{}",
        r.html
    );
    assert!(r.html.contains(
        "<p id=\"art-1\" class=\"article\"><span class=\"art-no\">第一条</span> 为了规范。</p>"
    ));
    assert!(r.html.contains("<p id=\"art-2\" class=\"article\">"));
    let anchors: Vec<&str> = r.toc.iter().map(|t| t.anchor.as_str()).collect();
    assert_eq!(anchors, ["chap-1", "art-1", "art-2"]);
    assert_eq!(r.toc[0].label, "第一章 总则");
    assert_eq!((r.toc[0].depth, r.toc[1].depth), (1, 3));
}

#[test]
fn one_article_per_line_inside_a_paragraph() {
    let r = render("第一章 总则\n第一条 甲。\n续行。\n第二条 乙。\n");
    assert!(
        r.html
            .contains("<h2 id=\"chap-1\" class=\"chapter\">第一章 总则</h2>"),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("<span class=\"art-no\">第一条</span> 甲。\n续行。</p>"),
        "{}",
        r.html
    );
    assert!(r.html.contains(
        "<p id=\"art-2\" class=\"article\"><span class=\"art-no\">第二条</span> 乙。</p>"
    ));
    assert_eq!(r.toc.len(), 3);
}

#[test]
fn sections_are_numbered_within_chapters_and_repeats_stay_unique() {
    let r = render("## 第二章 管理\n\n### 第一节 一般规定\n\n第一条 甲\n\n第一条 附件中的第一条\n");
    let anchors: Vec<&str> = r.toc.iter().map(|t| t.anchor.as_str()).collect();
    assert_eq!(anchors, ["chap-2", "sec-2-1", "art-1", "art-1-2"]);
}

#[test]
fn plain_paragraphs_and_cross_references_are_untouched() {
    let r = render("依照第十二条规定办理。\n\n- 第一条 in a list\n");
    assert_eq!(r.toc, vec![]);
    assert!(
        r.html.starts_with("<p>依照第十二条规定办理。</p>"),
        "{}",
        r.html
    );
}

#[test]
fn raw_html_and_script_urls_render_inert() {
    let md = "<script>alert(1)</script>\n\n\
              正文<img src=x onerror=alert(2)>\n\n\
              [a](javascript:alert(3)) [b](JaVaScRiPt:alert(4)) [c](java%09script:x)\n\n\
              [d](&#106;avascript:alert(5)) <javascript:alert(6)> ![e](data:text/html,x)\n\n\
              [ok](https://www.xiangtan.gov.cn/) [rel](../items/a) [frag](#art-1)\n";
    let html = render(md).html;
    for bad in [
        "<script",
        "<img",
        "href=\"javascript",
        "href=\"JaVa",
        "href=\"java",
        "src=\"",
        "<a href=\"data",
    ] {
        assert!(!html.contains(bad), "{bad} survived in {html}");
    }
    // Only the three safe links remain links; the rest is visible text.
    assert_eq!(html.matches("<a ").count(), 3, "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains("<a href=\"https://www.xiangtan.gov.cn/\">ok</a>"));
    assert!(html.contains("<a href=\"../items/a\">rel</a>"));
    assert!(html.contains("<a href=\"#art-1\">frag</a>"));
}
