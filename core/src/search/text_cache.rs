//! Keeps the last hits' stored documents with their inflated texts and their articles' shapes
//! (token counts, plainness: see `rank`), so a query whose hits were shown recently skips
//! reading, inflating and measuring them again.
//!
//! Building a page of hits is most of a query's time: on the law corpus a warm query takes
//! 2–3 ms natively, of which 0.2–0.3 ms is matching and counting; the rest reads, inflates and
//! ranks ten long texts. tantivy keeps decompressed store blocks for the same reason, but our
//! texts are deflated inside the store (see `stored`), so its cache holds them still deflated.
//! Readers refine a query or page back and forth over the same items; this cache serves them.

use crate::search::rank::Shape;
use crate::search::stored::StoredText;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use tantivy::{DocAddress, TantivyDocument};

/// A hit's stored fields, its inflated text and its articles' shapes (see `rank`).
#[derive(Debug, Default)]
pub struct ItemText {
    pub doc: TantivyDocument,
    pub text: StoredText,
    /// One per article, in order.
    pub shapes: Vec<Shape>,
}

impl ItemText {
    /// `doc` with its inflated `text`, its articles measured.
    pub fn new(doc: TantivyDocument, text: StoredText) -> ItemText {
        let shapes = text.articles.iter().map(|a| Shape::of(&a.text)).collect();
        ItemText { doc, text, shapes }
    }
}

/// Texts kept at most: the hits of a reading session's last 25 or so pages. The browser
/// benchmark's 8 queries show 80 items in turn; a cache smaller than that misses every time.
const MAX_TEXTS: usize = 256;
/// Bytes kept at most (a law runs to 300 KB; the laws' texts average about 45 KB).
const MAX_BYTES: usize = 32 << 20;

/// Most recently used first.
#[derive(Default)]
pub struct TextCache {
    texts: Mutex<VecDeque<(DocAddress, Arc<ItemText>, usize)>>,
}

impl TextCache {
    /// The text of `doc`, from the cache or from `load` (then kept).
    pub fn get_or_load<E>(
        &self,
        doc: DocAddress,
        load: impl FnOnce() -> Result<ItemText, E>,
    ) -> Result<Arc<ItemText>, E> {
        if let Some(text) = self.take(doc) {
            self.keep(doc, text.clone());
            return Ok(text);
        }
        let text = Arc::new(load()?);
        self.keep(doc, text.clone());
        Ok(text)
    }

    /// Removes and returns the entry for `doc`, if any.
    fn take(&self, doc: DocAddress) -> Option<Arc<ItemText>> {
        let mut texts = self.texts.lock().ok()?;
        let at = texts.iter().position(|(d, _, _)| *d == doc)?;
        texts.remove(at).map(|(_, text, _)| text)
    }

    /// Puts `text` first, then drops the least recently used beyond the bounds.
    fn keep(&self, doc: DocAddress, text: Arc<ItemText>) {
        // A poisoned lock only means no caching; answers stay right.
        let Ok(mut texts) = self.texts.lock() else {
            return;
        };
        texts.push_front((doc, text.clone(), size_of(&text)));
        let mut bytes: usize = texts.iter().map(|(_, _, n)| n).sum();
        while texts.len() > MAX_TEXTS || (bytes > MAX_BYTES && texts.len() > 1) {
            if let Some((_, _, n)) = texts.pop_back() {
                bytes -= n;
            }
        }
    }

    /// Texts held.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.texts.lock().map(|t| t.len()).unwrap_or_default()
    }
}

/// Bytes an entry holds, roughly: its text twice (inflated, and deflated in the document).
fn size_of(item: &ItemText) -> usize {
    let text = &item.text;
    let articles: usize = text
        .articles
        .iter()
        .map(|a| a.anchor.len() + a.label.len() + a.text.len())
        .sum();
    (text.preamble.len() + articles) * 3 / 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::stored::StoredArticle;

    fn doc(n: u32) -> DocAddress {
        DocAddress::new(0, n)
    }

    fn text(chars: usize) -> ItemText {
        let text = StoredText {
            preamble: "序".repeat(chars),
            articles: vec![StoredArticle::default()],
        };
        ItemText::new(TantivyDocument::default(), text)
    }

    fn load(cache: &TextCache, n: u32, loads: &mut u32) -> Arc<ItemText> {
        cache
            .get_or_load(doc(n), || {
                *loads += 1;
                Ok::<_, ()>(text(n as usize))
            })
            .unwrap()
    }

    #[test]
    fn a_text_is_loaded_once_while_kept() {
        let cache = TextCache::default();
        let mut loads = 0;
        let first = load(&cache, 3, &mut loads);
        let again = load(&cache, 3, &mut loads);
        assert_eq!(loads, 1);
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(again.text.preamble.chars().count(), 3);
    }

    #[test]
    fn the_least_recently_used_goes_first() {
        let cache = TextCache::default();
        let mut loads = 0;
        for n in 0..MAX_TEXTS as u32 {
            load(&cache, n, &mut loads);
        }
        // Using 0 again makes 1 the oldest; one more text evicts it.
        load(&cache, 0, &mut loads);
        load(&cache, 999, &mut loads);
        assert_eq!(cache.len(), MAX_TEXTS);
        let before = loads;
        load(&cache, 0, &mut loads);
        assert_eq!(loads, before, "0 was kept");
        load(&cache, 1, &mut loads);
        assert_eq!(loads, before + 1, "1 was evicted");
    }

    #[test]
    fn big_texts_are_bounded_by_bytes() {
        let cache = TextCache::default();
        let mut loads = 0;
        // Each weighs 4.5 bytes per character: two of these exceed the bound.
        let chars = MAX_BYTES / 4 / 2 + 1;
        for n in 0..3 {
            cache
                .get_or_load(doc(n), || {
                    loads += 1;
                    Ok::<_, ()>(text(chars))
                })
                .unwrap();
        }
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn a_failed_load_is_not_kept() {
        let cache = TextCache::default();
        assert!(cache.get_or_load(doc(1), || Err("broken")).is_err());
        assert_eq!(cache.len(), 0);
    }
}
