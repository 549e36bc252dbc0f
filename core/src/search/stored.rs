//! The text a hit shows, stored once per item as one deflated record.
//!
//! Snippets and article hits need an item's text: its preamble and every article with anchor and
//! label. tantivy's store compresses with LZ4, which gains little on Chinese (no entropy coding
//! of the 3-byte UTF-8 sequences): the real corpus's text took 32.7 MB that way. Deflate (pure
//! Rust, small in wasm) on a whole item gets about twice that ratio. One record per item also
//! suits a lazily loaded index: a hit costs exactly one read of its own bytes, which are exactly
//! what ranking its articles needs.
//!
//! Record, before deflate: length-prefixed (LEB128) UTF-8 strings: the preamble, then
//! `anchor, label, text` for each article.

use crate::search::leb128;
use crate::search::types::SearchError;

/// Deflate level: on the real corpus 9 saves 0.1% over 6 and takes far longer.
const LEVEL: u8 = 6;
/// A record never inflates beyond this, whatever the bytes say.
const MAX_INFLATED: usize = 64 << 20;

/// An item's text as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredText {
    /// Text outside articles (title block, 文号, dates) or the whole text of one without articles.
    pub preamble: String,
    pub articles: Vec<StoredArticle>,
}

/// One article: anchor in the page (`art-12`), label (第十二条) and text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredArticle {
    pub anchor: String,
    pub label: String,
    pub text: String,
}

impl StoredText {
    /// The deflated record.
    pub fn encode(&self) -> Vec<u8> {
        let mut raw = Vec::new();
        put(&mut raw, &self.preamble);
        for a in &self.articles {
            for s in [&a.anchor, &a.label, &a.text] {
                put(&mut raw, s);
            }
        }
        miniz_oxide::deflate::compress_to_vec(&raw, LEVEL)
    }

    /// Reads a record; damaged bytes are an error, never a panic or a wrong text.
    pub fn decode(bytes: &[u8]) -> Result<StoredText, SearchError> {
        let raw = miniz_oxide::inflate::decompress_to_vec_with_limit(bytes, MAX_INFLATED)
            .map_err(|e| broken(&format!("cannot inflate: {e:?}")))?;
        let mut rest = raw.as_slice();
        let preamble = take(&mut rest)?;
        let mut articles = Vec::new();
        while !rest.is_empty() {
            articles.push(StoredArticle {
                anchor: take(&mut rest)?,
                label: take(&mut rest)?,
                text: take(&mut rest)?,
            });
        }
        Ok(StoredText { preamble, articles })
    }
}

fn broken(what: &str) -> SearchError {
    SearchError::Search(format!("stored text: {what}"))
}

fn put(out: &mut Vec<u8>, s: &str) {
    leb128::put_bytes(out, s.as_bytes());
}

/// Reads one string off the front of `rest`.
fn take(rest: &mut &[u8]) -> Result<String, SearchError> {
    let bytes = leb128::take_bytes(rest).ok_or_else(|| broken("truncated"))?;
    String::from_utf8(bytes.to_vec()).map_err(|_| broken("not UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> StoredText {
        StoredText {
            preamble: "中华人民共和国国务院令\n第517号".into(),
            articles: vec![
                StoredArticle {
                    anchor: "art-1".into(),
                    label: "第一条".into(),
                    text: "第一条 为了维护护士的合法权益。".repeat(30),
                },
                StoredArticle::default(),
            ],
        }
    }

    #[test]
    fn round_trips_and_compresses() {
        let text = sample();
        let bytes = text.encode();
        assert_eq!(StoredText::decode(&bytes).unwrap(), text);
        assert!(bytes.len() < text.articles[0].text.len() / 4);
        let empty = StoredText::default();
        assert_eq!(StoredText::decode(&empty.encode()).unwrap(), empty);
    }

    #[test]
    fn damaged_records_are_errors() {
        let bytes = sample().encode();
        for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
            assert!(StoredText::decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let not_utf8 = miniz_oxide::deflate::compress_to_vec(&[2, 0xff, 0xfe], 1);
        assert!(StoredText::decode(&not_utf8).is_err());
        let huge_len = miniz_oxide::deflate::compress_to_vec(&[0xff; 12], 1);
        assert!(StoredText::decode(&huge_len).is_err());
        let partial_article = miniz_oxide::deflate::compress_to_vec(&[0, 1, b'a'], 1);
        assert!(StoredText::decode(&partial_article).is_err());
    }
}
