//! The search engine: opens an index from any tantivy `Directory` and answers [`Query`]s.
//!
//! The same code runs in the CLI and in the browser's worker (wasm32): no threads, no clocks,
//! no file system. The reader is opened with `ReloadPolicy::Manual` because a built index never
//! changes under it.

use crate::schema::Status;
use crate::search::compile::{filter, highlight_terms, term_query, Compiler};
use crate::search::facets::{self, counts_of, filter_query, Filters, FACETS};
use crate::search::rank::{self, Weighted};
use crate::search::schema::{Fields, ARTICLE, ITEM};
use crate::search::snippet::{has_match, highlight_all, snippet};
use crate::search::syntax::{self, Parsed};
use crate::search::tokenizer;
use crate::search::types::{
    ArticleHit, Hit, Query, Results, SearchError, Sort, DEFAULT_LIMIT, MAX_LIMIT,
};
use crate::site::item_route;
use std::path::Path;
use tantivy::collector::{Count, DocSetCollector, FacetCollector, TopDocs};
use tantivy::directory::{Directory, RamDirectory};
use tantivy::query::{BooleanQuery, Occur, Query as TantivyQuery};
use tantivy::schema::{Facet, Field, Value};
use tantivy::{
    DocAddress, DocId, Index, IndexReader, Order, ReloadPolicy, Score, Searcher, SegmentReader,
    TantivyDocument, Term,
};

/// Items no longer in force (repealed, expired) score this fraction of a current item's score.
const NOT_IN_FORCE_FACTOR: f32 = 0.5;
/// Articles listed under one hit.
const ARTICLES_PER_HIT: usize = 3;
/// Articles read per hit at most (民法典 has 1,260).
const MAX_ARTICLES_READ: usize = 2_000;
/// The deepest page one can ask for; beyond it paging stops rather than scanning everything.
const MAX_OFFSET: usize = 10_000;

/// An opened index, ready for queries.
pub struct Engine {
    reader: IndexReader,
    fields: Fields,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("docs", &self.reader.searcher().num_docs())
            .finish()
    }
}

type Q = Box<dyn TantivyQuery>;

impl Engine {
    /// Opens the index in `dir` (a `RamDirectory` holding the site's `search/` files, or any other).
    pub fn open(dir: impl Into<Box<dyn Directory>>) -> Result<Engine, SearchError> {
        let open = |e: tantivy::TantivyError| SearchError::Open(e.to_string());
        let index = Index::open(dir).map_err(open)?;
        tokenizer::register(&index);
        let fields = Fields::of(&index.schema())?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(open)?;
        Ok(Engine { reader, fields })
    }

    /// Opens an index from its files' names and bytes (as listed in the site's search manifest).
    pub fn from_files(
        files: impl IntoIterator<Item = (String, Vec<u8>)>,
    ) -> Result<Engine, SearchError> {
        let dir = RamDirectory::create();
        for (name, bytes) in files {
            dir.atomic_write(Path::new(&name), &bytes)
                .map_err(|e| SearchError::Open(format!("{name}: {e}")))?;
        }
        Engine::open(dir)
    }

    /// Answers one query. Bad input gives empty or sensible results; only an unknown filter
    /// name or a broken index is an error.
    pub fn search(&self, query: &Query) -> Result<Results, SearchError> {
        let filters = facets::parse_filters(&query.filters)?;
        let parsed = syntax::parse(&query.text);
        let searcher = self.reader.searcher();
        let run = Run {
            engine: self,
            searcher: &searcher,
            parsed: &parsed,
            filters: &filters,
        };
        let limit = query.limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT);
        let offset = query.offset.min(MAX_OFFSET);
        let by_date = query.sort == Sort::Date || parsed.is_browse();
        let (total, addresses, mut facet_counts) = run.main(limit, offset, by_date)?;
        for facet in filters.keys() {
            facet_counts.insert(facet.to_string(), run.facet_counts(facet)?);
        }
        let terms = run.weighted_terms()?;
        let hits = addresses
            .into_iter()
            .map(|a| run.hit(a, &terms))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Results {
            total,
            hits,
            facets: facet_counts,
        })
    }
}

/// One query being answered.
struct Run<'a> {
    engine: &'a Engine,
    searcher: &'a Searcher,
    parsed: &'a Parsed,
    filters: &'a Filters,
}

type FacetMap = std::collections::BTreeMap<String, Vec<crate::search::types::FacetCount>>;

impl Run<'_> {
    fn fields(&self) -> &Fields {
        &self.engine.fields
    }

    /// Items matching the text, the exclusions and every filter except the one on `skip`.
    fn item_query(&self, skip: Option<&str>) -> Q {
        let f = self.fields();
        let compiler = Compiler { fields: f };
        let mut subs: Vec<(Occur, Q)> = vec![filter(term_query(f.doctype, ITEM))];
        match compiler.items(self.parsed) {
            Some(text) => subs.push((Occur::Must, text)),
            None => subs.extend(compiler.exclusions(self.parsed)),
        }
        subs.extend(
            filter_query(f.facet, self.filters, skip)
                .into_iter()
                .map(filter),
        );
        Box::new(BooleanQuery::new(subs))
    }

    /// Total, the page of hits and the facet counts under every filter.
    fn main(
        &self,
        limit: usize,
        offset: usize,
        by_date: bool,
    ) -> Result<(usize, Vec<DocAddress>, FacetMap), SearchError> {
        let query = self.item_query(None);
        let (total, counts) = self
            .searcher
            .search(&query, &(Count, facet_collector(FACETS)))?;
        let mut facet_counts = FacetMap::new();
        for facet in FACETS {
            facet_counts.insert(facet.to_string(), counts_of(&counts, facet));
        }
        if limit == 0 {
            return Ok((total, Vec::new(), facet_counts));
        }
        let top = TopDocs::with_limit(limit).and_offset(offset);
        let addresses = if by_date {
            let sorted = self.searcher.search(
                &query,
                &top.order_by_fast_field::<u64>("date_key", Order::Desc),
            )?;
            sorted.into_iter().map(|(_, a)| a).collect()
        } else {
            let sorted = self
                .searcher
                .search(&query, &top.tweak_score(in_force_score))?;
            sorted.into_iter().map(|(_, a)| a).collect()
        };
        Ok((total, addresses, facet_counts))
    }

    /// Counts for a facet that has a filter on it, as if that filter were off.
    fn facet_counts(
        &self,
        facet: &str,
    ) -> Result<Vec<crate::search::types::FacetCount>, SearchError> {
        let counts = self
            .searcher
            .search(&self.item_query(Some(facet)), &facet_collector(&[facet]))?;
        Ok(counts_of(&counts, facet))
    }

    /// A hit: stored values, snippet and matching articles.
    fn hit(&self, address: DocAddress, weighted: &[Weighted]) -> Result<Hit, SearchError> {
        let f = self.fields();
        let doc: TantivyDocument = self.searcher.doc(address)?;
        let id = text(&doc, f.id).unwrap_or_default();
        let terms = highlight_terms(self.parsed);
        let articles = self.articles(&id, weighted)?;
        let preamble = text(&doc, f.text).unwrap_or_default();
        let snippet = match articles.first() {
            Some(a) if !has_match(&preamble, &terms) => a.snippet.clone(),
            _ => snippet(&preamble, &terms),
        };
        let title = text(&doc, f.title).unwrap_or_default();
        let status = text(&doc, f.status);
        Ok(Hit {
            url: item_route(&id),
            title_html: highlight_all(&title, &terms),
            title,
            snippet,
            kind: text(&doc, f.kind).unwrap_or_default(),
            category: text(&doc, f.category).unwrap_or_default(),
            date: text(&doc, f.date),
            in_force: status
                .as_deref()
                .and_then(Status::from_label)
                .is_none_or(|s| s.is_in_force()),
            status,
            doc_no: text(&doc, f.doc_no),
            departments: doc
                .get_all(f.departments)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            articles,
            id,
        })
    }

    /// The item's best matching articles, with deep links and snippets.
    fn articles(&self, id: &str, terms: &[Weighted]) -> Result<Vec<ArticleHit>, SearchError> {
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let f = self.fields();
        let query = BooleanQuery::new(vec![
            filter(term_query(f.doctype, ARTICLE)),
            filter(term_query(f.id, id)),
        ]);
        let mut addresses: Vec<DocAddress> = self
            .searcher
            .search(&query, &DocSetCollector)?
            .into_iter()
            .collect();
        addresses.sort();
        addresses.truncate(MAX_ARTICLES_READ);
        let docs = addresses
            .iter()
            .map(|a| self.searcher.doc::<TantivyDocument>(*a))
            .collect::<Result<Vec<_>, _>>()?;
        let texts: Vec<String> = docs
            .iter()
            .map(|d| text(d, f.text).unwrap_or_default())
            .collect();
        let words: Vec<String> = terms.iter().map(|t| t.text.clone()).collect();
        let best = rank::best(&texts, terms, ARTICLES_PER_HIT);
        Ok(best
            .into_iter()
            .map(|i| {
                let anchor = text(&docs[i], f.anchor).unwrap_or_default();
                ArticleHit {
                    url: format!("{}#{anchor}", item_route(id)),
                    anchor,
                    label: text(&docs[i], f.label).unwrap_or_default(),
                    snippet: snippet(&texts[i], &words),
                }
            })
            .collect())
    }

    /// The query's terms weighted by their rarity among items (single characters in `chars`).
    fn weighted_terms(&self) -> Result<Vec<Weighted>, SearchError> {
        let f = self.fields();
        let items = self
            .searcher
            .doc_freq(&Term::from_field_text(f.doctype, ITEM))?;
        highlight_terms(self.parsed)
            .into_iter()
            .map(|text| {
                let field = if rank::is_single_char(&text) {
                    f.chars
                } else {
                    f.body
                };
                let df = self
                    .searcher
                    .doc_freq(&Term::from_field_text(field, &text))?;
                Ok(Weighted {
                    idf: rank::idf(df, items),
                    text,
                })
            })
            .collect()
    }
}

/// Relevance, with items no longer in force scored down.
fn in_force_score(segment: &SegmentReader) -> impl Fn(DocId, Score) -> Score + 'static {
    let column = segment
        .fast_fields()
        .u64("in_force")
        .ok()
        .map(|c| c.first_or_default_col(1));
    move |doc, score| match &column {
        Some(c) if c.get_val(doc) == 0 => score * NOT_IN_FORCE_FACTOR,
        _ => score,
    }
}

fn facet_collector(facets: &[&str]) -> FacetCollector {
    let mut c = FacetCollector::for_field("facet");
    for facet in facets {
        c.add_facet(Facet::from_path([*facet]));
    }
    c
}

fn text(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}
