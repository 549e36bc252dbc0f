//! The little XML writer the sitemap and the feeds share, so content is always text, never markup.

/// `text` made safe inside an element or a quoted attribute: `& < > " '` become entities, and
/// the characters XML 1.0 forbids (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF) are
/// dropped, since no escape could make them legal.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

fn is_xml_char(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// A UTF-8 XML document written element by element, two spaces of indent per level.
pub struct Xml {
    out: String,
    open: Vec<&'static str>,
}

impl Xml {
    pub fn document() -> Xml {
        Xml {
            out: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".to_string(),
            open: Vec::new(),
        }
    }

    /// Opens `<name attrs>`; `close` ends it.
    pub fn open(&mut self, name: &'static str, attrs: &[(&str, &str)]) -> &mut Xml {
        self.start(name, attrs);
        self.out.push_str(">\n");
        self.open.push(name);
        self
    }

    /// `<name attrs>text</name>` on one line.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> &mut Xml {
        self.start(name, attrs);
        self.out.push('>');
        self.out.push_str(&escape(text));
        self.out.push_str(&format!("</{name}>\n"));
        self
    }

    /// `<name attrs/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Xml {
        self.start(name, attrs);
        self.out.push_str("/>\n");
        self
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) -> &mut Xml {
        if let Some(name) = self.open.pop() {
            self.indent();
            self.out.push_str(&format!("</{name}>\n"));
        }
        self
    }

    /// The document's bytes, every open element closed.
    pub fn finish(mut self) -> Vec<u8> {
        while !self.open.is_empty() {
            self.close();
        }
        self.out.into_bytes()
    }

    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push_str(&format!(" {key}=\"{}\"", escape(value)));
        }
    }

    fn indent(&mut self) {
        self.out.push_str(&"  ".repeat(self.open.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::{escape, Xml};

    #[test]
    fn markup_characters_become_entities_and_forbidden_ones_are_dropped() {
        assert_eq!(
            escape("<b>\"A\" & 'B'</b>"),
            "&lt;b&gt;&quot;A&quot; &amp; &apos;B&apos;&lt;/b&gt;"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c\td\ne\u{fffe}"), "abc\td\ne");
        assert_eq!(escape("规章〔2020〕"), "规章〔2020〕");
    }

    #[test]
    fn elements_nest_with_escaped_text_and_attributes() {
        let mut x = Xml::document();
        x.open("feed", &[("xmlns", "urn:x")]);
        x.leaf("title", &[], "A & <B>");
        x.empty("link", &[("href", "https://a/?x=1&y=\"2\"")]);
        let text = String::from_utf8(x.finish()).unwrap();
        assert_eq!(
            text,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"urn:x\">\n  \
             <title>A &amp; &lt;B&gt;</title>\n  <link href=\"https://a/?x=1&amp;y=&quot;2&quot;\"/>\n\
             </feed>\n"
        );
    }
}
