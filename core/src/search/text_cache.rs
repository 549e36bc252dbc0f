//! Keeps the last hits' stored documents with their inflated texts and their articles' shapes
//! (token counts, plainness: see `rank`), so a query whose hits were shown recently skips
//! reading, inflating and measuring them again.
//!
//! Building a page of hits is most of a query's time: on the law corpus a warm query takes
//! 2–3 ms natively, of which 0.2–0.3 ms is matching and counting; the rest reads, inflates and
//! ranks ten long texts. tantivy keeps decompressed store blocks for the same reason, but our
//! texts are deflated inside the store (see `stored`), so its cache holds them still deflated.
//! Readers refine a query or page back and forth over the same items; this cache serves them.

use crate::cache::{ByteLru, Weigh};
use crate::search::rank::Shape;
use crate::search::stored::StoredText;
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

/// Bytes kept at most, by [`Weigh`]. The budget alone bounds the cache: on the law corpus the
/// 256 longest texts (the old count bound, the hits of a reading session's last 25 or so pages)
/// weigh 19 MiB, so any 256 hits fit, and the 8 queries of the browser benchmark, showing 80
/// items in turn, never miss for want of room. A law runs to 300 KB; the median is 14 KB.
const MAX_BYTES: u64 = 32 << 20;

/// Bytes an entry costs beyond its texts: the document's other fields, the shapes, the entry.
const ENTRY_BYTES: u64 = 1 << 10;

/// The last hits' texts, least recently used evicted first.
pub struct TextCache {
    texts: Mutex<ByteLru<DocAddress, Arc<ItemText>>>,
}

impl Default for TextCache {
    fn default() -> TextCache {
        TextCache {
            texts: Mutex::new(ByteLru::new(MAX_BYTES)),
        }
    }
}

impl TextCache {
    /// The text of `doc`, from the cache or from `load` (then kept).
    pub fn get_or_load<E>(
        &self,
        doc: DocAddress,
        load: impl FnOnce() -> Result<ItemText, E>,
    ) -> Result<Arc<ItemText>, E> {
        if let Some(text) = self.get(doc) {
            return Ok(text);
        }
        // Loaded outside the lock: other queries' hits need not wait for this one.
        let text = Arc::new(load()?);
        self.keep(doc, text.clone());
        Ok(text)
    }

    /// The entry for `doc`, if any, marked as just used.
    fn get(&self, doc: DocAddress) -> Option<Arc<ItemText>> {
        self.texts.lock().ok()?.get(&doc).cloned()
    }

    /// Keeps `text` as the most recently used.
    fn keep(&self, doc: DocAddress, text: Arc<ItemText>) {
        // A poisoned lock only means no caching; answers stay right.
        if let Ok(mut texts) = self.texts.lock() {
            texts.insert(doc, text);
        }
    }

    /// Texts held.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.texts.lock().map(|t| t.len()).unwrap_or_default()
    }
}

/// Bytes an entry holds, roughly: its text twice (inflated, and deflated in the document), and
/// [`ENTRY_BYTES`].
impl Weigh for Arc<ItemText> {
    fn weight(&self) -> u64 {
        let text = &self.text;
        let articles: usize = text
            .articles
            .iter()
            .map(|a| a.anchor.len() + a.label.len() + a.text.len())
            .sum();
        ((text.preamble.len() + articles) * 3 / 2) as u64 + ENTRY_BYTES
    }
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

    /// Text `n` of `chars` characters, through the cache.
    fn load(cache: &TextCache, n: u32, chars: usize, loads: &mut u32) -> Arc<ItemText> {
        cache
            .get_or_load(doc(n), || {
                *loads += 1;
                Ok::<_, ()>(text(chars))
            })
            .unwrap()
    }

    #[test]
    fn a_text_is_loaded_once_while_kept() {
        let cache = TextCache::default();
        let mut loads = 0;
        let first = load(&cache, 3, 3, &mut loads);
        let again = load(&cache, 3, 3, &mut loads);
        assert_eq!(loads, 1);
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(again.text.preamble.chars().count(), 3);
    }

    #[test]
    fn the_hits_of_25_pages_of_long_laws_are_kept() {
        // 17,000 characters: 51 KB, the law corpus's 256 longest texts on average.
        let cache = TextCache::default();
        let mut loads = 0;
        for n in 0..256 {
            load(&cache, n, 17_000, &mut loads);
        }
        for n in 0..256 {
            load(&cache, n, 17_000, &mut loads);
        }
        assert_eq!((loads, cache.len()), (256, 256));
    }

    #[test]
    fn the_least_recently_used_goes_first() {
        let cache = TextCache::default();
        let mut loads = 0;
        let chars = 100_000;
        let fit = (MAX_BYTES / Arc::new(text(chars)).weight()) as u32;
        for n in 0..fit {
            load(&cache, n, chars, &mut loads);
        }
        // Using 0 again makes 1 the oldest; one more text evicts it.
        load(&cache, 0, chars, &mut loads);
        load(&cache, 999, chars, &mut loads);
        assert_eq!(cache.len(), fit as usize);
        let before = loads;
        load(&cache, 0, chars, &mut loads);
        assert_eq!(loads, before, "0 was kept");
        load(&cache, 1, chars, &mut loads);
        assert_eq!(loads, before + 1, "1 was evicted");
    }

    #[test]
    fn big_texts_are_bounded_by_bytes() {
        let cache = TextCache::default();
        let mut loads = 0;
        // Each weighs 4.5 bytes per character: two of these exceed the bound.
        let chars = (MAX_BYTES / 4 / 2 + 1) as usize;
        for n in 0..3 {
            load(&cache, n, chars, &mut loads);
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
