//! The index schema and the documents in it: defined once, used by the writer and the reader.
//!
//! One document per item (a regulation or a disclosure); every filter, facet and sort applies to
//! items. Its text is indexed for search and stored once, deflated, in `text` (see `stored`):
//! the preamble and every 第N条 with anchor and label, so a hit lists its matching articles with
//! deep links. Articles are ranked at query time (see `rank`) rather than indexed: indexing them
//! took the real corpus's index from 75 MB to 133 MB.
//!
//! Sizes on the real corpus decided the record options. Body bigrams keep frequencies but no
//! positions (positions were 27 MB of 79): a chain of overlapping bigrams already pins a CJK
//! phrase, so body phrases are matched as all their bigrams (see `compile`), while the short
//! title and 文号 fields keep positions for true phrase queries. No field keeps norms: a lazy
//! reader loads a field's norms whole (100 KB per field at 100,000 items), and without them the
//! quality test kept recall@10 at 1.000 (MRR 0.899 → 0.895, only the title's norms mattered).

use crate::date::Date;
use crate::schema::{Item, Regulation, Status, Version};
use crate::search::facet_count::{join_issuers, STR_COLUMNS, YEAR_COLUMN};
use crate::search::stored::StoredText;
use crate::search::title::title_keys;
use crate::search::tokenizer::{BIGRAM, UNIGRAM};
use crate::search::types::SearchError;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED,
};
use tantivy::TantivyDocument;

/// Every field, looked up once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The item id (stored only).
    pub id: Field,
    pub title: Field,
    /// The normalized 文号, whole, for exact lookup.
    pub doc_no: Field,
    /// The 文号 as words, so part of it (国务院令第517号) still matches.
    pub doc_no_text: Field,
    /// Full text, bigrams with frequencies.
    pub body: Field,
    /// The text as single characters, without positions: one-character queries.
    pub chars: Field,
    /// The title as single characters, so a one-character query still prefers titles.
    pub title_chars: Field,
    /// The title's core and closing word (see `title`), whole: title-like queries put their
    /// item first.
    pub title_core: Field,
    /// The deflated [`StoredText`]: snippets and articles.
    pub text: Field,
    /// Filter keys such as `year:2022` (see [`filter_key`]), indexed only.
    pub filter: Field,
    /// The columns facets are counted from (see `facet_count`).
    pub count_issuer: Field,
    pub count_category: Field,
    pub count_status: Field,
    pub count_year: Field,
    pub kind: Field,
    pub category: Field,
    pub date: Field,
    pub status: Field,
    pub effective: Field,
    pub expires: Field,
    /// An earlier text's 公布日期 (stored only; absent on current texts).
    pub version: Field,
    pub departments: Field,
    /// The date sort's key (see [`date_key`]), 0 when undated.
    pub date_key: Field,
    /// 1 in force, 0 repealed or expired: ranking.
    pub in_force: Field,
}

/// Builds the schema every index is written with.
pub fn schema() -> Schema {
    let mut b = Schema::builder();
    let phrases = TextFieldIndexing::default()
        .set_tokenizer(BIGRAM)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let bigrams = TextFieldIndexing::default()
        .set_tokenizer(BIGRAM)
        .set_index_option(IndexRecordOption::WithFreqs)
        .set_fieldnorms(false);
    let chars = TextFieldIndexing::default()
        .set_tokenizer(UNIGRAM)
        .set_index_option(IndexRecordOption::Basic)
        .set_fieldnorms(false);
    // Exact keys: no frequencies, no norms; they only select documents.
    let key = TextFieldIndexing::default()
        .set_tokenizer("raw")
        .set_index_option(IndexRecordOption::Basic)
        .set_fieldnorms(false);
    let key = TextOptions::default().set_indexing_options(key);
    let text = TextOptions::default().set_indexing_options(phrases.clone().set_fieldnorms(false));
    b.add_text_field("id", STORED);
    b.add_text_field("title", text.set_stored());
    b.add_text_field("doc_no", key.clone().set_stored());
    // The 文号 is short and alike in length everywhere: no norms.
    let doc_no_text = phrases.clone().set_fieldnorms(false);
    b.add_text_field(
        "doc_no_text",
        TextOptions::default().set_indexing_options(doc_no_text),
    );
    b.add_text_field("body", TextOptions::default().set_indexing_options(bigrams));
    b.add_text_field(
        "chars",
        TextOptions::default().set_indexing_options(chars.clone()),
    );
    b.add_text_field(
        "title_chars",
        TextOptions::default().set_indexing_options(chars),
    );
    b.add_text_field("title_core", key.clone());
    b.add_bytes_field("text", STORED);
    for stored in [
        "kind",
        "category",
        "date",
        "status",
        "departments",
        "effective",
        "expires",
        "version",
    ] {
        b.add_text_field(stored, STORED);
    }
    b.add_text_field("filter", key.clone());
    // Counting columns: raw strings, bitpacked ordinals; never indexed or stored.
    for (_, column) in STR_COLUMNS {
        b.add_text_field(column, TextOptions::default().set_fast("raw"));
    }
    b.add_u64_field(YEAR_COLUMN, FAST);
    b.add_u64_field("date_key", FAST);
    b.add_u64_field("in_force", FAST);
    b.build()
}

impl Fields {
    /// Looks every field up; an index written with another schema is refused.
    pub fn of(schema: &Schema) -> Result<Fields, SearchError> {
        let f = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| SearchError::Open(format!("the index has no field {name:?}")))
        };
        Ok(Fields {
            id: f("id")?,
            title: f("title")?,
            doc_no: f("doc_no")?,
            doc_no_text: f("doc_no_text")?,
            body: f("body")?,
            chars: f("chars")?,
            title_chars: f("title_chars")?,
            title_core: f("title_core")?,
            text: f("text")?,
            filter: f("filter")?,
            count_issuer: f(STR_COLUMNS[0].1)?,
            count_category: f(STR_COLUMNS[1].1)?,
            count_status: f(STR_COLUMNS[2].1)?,
            count_year: f(YEAR_COLUMN)?,
            kind: f("kind")?,
            category: f("category")?,
            date: f("date")?,
            status: f("status")?,
            effective: f("effective")?,
            expires: f("expires")?,
            version: f("version")?,
            departments: f("departments")?,
            date_key: f("date_key")?,
            in_force: f("in_force")?,
        })
    }

    /// The item document. `body` holds every block of text, indexed as separate values so no
    /// bigram spans two paragraphs; `stored` is the same text as shown in hits.
    pub fn item_doc(&self, item: &Item, body: &[String], stored: &StoredText) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_text(self.id, item.id());
        doc.add_text(self.title, item.title());
        if let Some(no) = item.doc_no() {
            doc.add_text(self.doc_no, no);
            doc.add_text(self.doc_no_text, no);
        }
        doc.add_text(self.title_chars, item.title());
        for key in title_keys(item.title()) {
            doc.add_text(self.title_core, key);
        }
        for block in body {
            doc.add_text(self.body, block);
            doc.add_text(self.chars, block);
        }
        doc.add_bytes(self.text, &stored.encode());
        self.add_metadata(&mut doc, item);
        doc
    }

    /// An earlier text of the regulation `item`: searched only when a query asks for versions
    /// ([`EARLIER_KEY`] marks it), shown with its own dates as 已修改, linked to its own page.
    pub fn version_doc(
        &self,
        item: &Item,
        version: &Version,
        body: &[String],
        stored: &StoredText,
    ) -> TantivyDocument {
        let as_it_stood = match item {
            Item::Regulation(r) => Item::Regulation(Regulation {
                published: Some(version.published),
                effective: version.effective,
                expires: None,
                status: Status::Amended,
                ..r.clone()
            }),
            other => other.clone(),
        };
        let mut doc = self.item_doc(&as_it_stood, body, stored);
        doc.add_text(self.version, version.published.to_string());
        doc.add_text(self.filter, EARLIER_KEY);
        doc
    }

    /// Stored values shown with a hit, the facets and the sort keys.
    fn add_metadata(&self, doc: &mut TantivyDocument, item: &Item) {
        let kind = match item {
            Item::Regulation(_) => "regulation",
            Item::Disclosure(_) => "disclosure",
        };
        doc.add_text(self.kind, kind);
        doc.add_text(self.category, item.category());
        if let Some(date) = item.date() {
            doc.add_text(self.date, date.to_string());
        }
        if let Some(status) = item.status() {
            doc.add_text(self.status, status.label());
        }
        if let Item::Regulation(r) = item {
            for (field, date) in [(self.effective, r.effective), (self.expires, r.expires)] {
                if let Some(date) = date {
                    doc.add_text(field, date.to_string());
                }
            }
        }
        for code in item.departments() {
            doc.add_text(self.departments, code);
        }
        let values = facet_values(item);
        for (facet, value) in &values {
            doc.add_text(self.filter, filter_key(facet, value));
        }
        let first = |name: &str| {
            let mut of = values
                .iter()
                .filter(|(f, _)| *f == name)
                .map(|(_, v)| v.clone());
            of.next().unwrap_or_default()
        };
        let issuers: Vec<String> = values
            .iter()
            .filter(|(f, _)| *f == "issuer")
            .map(|(_, v)| v.clone())
            .collect();
        doc.add_text(self.count_issuer, join_issuers(&issuers));
        doc.add_text(self.count_category, first("category"));
        doc.add_text(self.count_status, first("status"));
        doc.add_u64(
            self.count_year,
            item.date().map_or(0, |d| u64::from(d.year)),
        );
        doc.add_u64(self.date_key, item.date().map_or(0, date_key));
        doc.add_u64(self.in_force, u64::from(in_force(item)));
    }
}

/// Days from 0001-01-01, plus one: ordered like the dates, and dense, so the column packs
/// smaller than `YYYYMMDD` (its values jump by 70 and 8,870 at month and year ends). Measured at
/// 100,000 items in index order: 225 KB as `YYYYMMDD`, 175 KB as days; a lazy reader fetches it
/// whole for a date-sorted first query.
fn date_key(date: Date) -> u64 {
    let first = Date::new(1, 1, 1).map_or(0, Date::days_since_epoch);
    u64::try_from(date.days_since_epoch() - first + 1).unwrap_or(0)
}

/// The indexed term that selects items with `value` under `facet`: the facet name never holds
/// a colon, so the first one ends it.
/// The filter term of every earlier text, which a query leaves out unless it asks for versions.
pub const EARLIER_KEY: &str = "version:earlier";

pub fn filter_key(facet: &str, value: &str) -> String {
    format!("{facet}:{value}")
}

/// Items without a status (disclosures) are in force.
fn in_force(item: &Item) -> bool {
    item.status().is_none_or(|s| s.is_in_force())
}

/// The `(facet, value)` pairs an item is counted under.
pub fn facet_values(item: &Item) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = item
        .departments()
        .iter()
        .map(|d| ("issuer", d.clone()))
        .collect();
    let category: String = item
        .category()
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    if !category.is_empty() {
        out.push(("category", category));
    }
    if let Some(date) = item.date() {
        out.push(("year", date.year.to_string()));
    }
    if let Some(status) = item.status() {
        out.push(("status", status.label().to_string()));
    }
    out.push(("in_force", in_force(item).to_string()));
    out
}

#[cfg(test)]
mod tests {
    use super::date_key;
    use crate::date::Date;

    #[test]
    fn date_keys_follow_the_dates_one_apart_per_day() {
        let key = |s: &str| date_key(s.parse::<Date>().unwrap());
        assert_eq!(key("0001-01-01"), 1, "0 stays free for undated items");
        let days = [
            "1949-10-01",
            "2023-12-31",
            "2024-01-01",
            "2024-02-29",
            "2024-03-01",
        ];
        for pair in days.windows(2) {
            assert!(key(pair[0]) < key(pair[1]), "{pair:?}");
        }
        assert_eq!(key("2024-01-01") - key("2023-12-31"), 1);
        assert_eq!(key("2024-03-01") - key("2024-02-29"), 1);
    }
}
