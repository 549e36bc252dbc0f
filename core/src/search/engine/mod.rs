//! The search engine: opens an index from any tantivy `Directory` and answers [`Query`]s.
//!
//! The same code runs in the CLI and in the browser's worker (wasm32): no threads, no clocks,
//! no file system. The reader is opened with `ReloadPolicy::Manual` because a built index never
//! changes under it.

use crate::schema::Status;
use crate::search::abbrev::{self, Abbreviations};
use crate::search::compile::{filter, highlight_terms, Compiler};
use crate::search::facet_count::{FacetCounter, RunsBySegment, IN_FORCE_COLUMN};
use crate::search::facet_runs::{self, SegmentRuns};
use crate::search::facets::{self, counts_of, filter_query, Filters, FACETS};
use crate::search::rank::{self, Shape, Weighted};
use crate::search::schema::{Fields, EARLIER_KEY};
use crate::search::snippet::{highlight_all, snippet, snippet_if_match};
use crate::search::stored::StoredText;
use crate::search::syntax::{self, Parsed};
use crate::search::text_cache::{ItemText, TextCache};
use crate::search::title;
use crate::search::tokenizer;
use crate::search::types::{
    ArticleHit, Hit, Query, Results, SearchError, Sort, DEFAULT_LIMIT, MAX_LIMIT,
};
use crate::site::{item_route, version_route};
use std::path::Path;
use std::sync::Arc;
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::error::OpenReadError;
use tantivy::directory::{Directory, RamDirectory};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query as TantivyQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{
    DocAddress, DocId, Index, IndexReader, Order, ReloadPolicy, Score, Searcher, SegmentReader,
    TantivyDocument, Term,
};

mod touch;

/// Items no longer in force (repealed, expired) score this fraction of a current item's score.
const NOT_IN_FORCE_FACTOR: f32 = 0.5;
/// Articles listed under one hit.
const ARTICLES_PER_HIT: usize = 3;
/// Articles ranked per hit at most (民法典 has 1,260).
const MAX_ARTICLES_READ: usize = 2_000;
/// Characters of the first article shown for an item without a preamble when nothing matches.
const LEAD_CHARS: usize = 200;
/// The deepest page one can ask for; beyond it paging stops rather than scanning everything.
const MAX_OFFSET: usize = 10_000;
/// Fewer items than this matching every term: the search is run again, relaxed (see `compile`),
/// the full matches first.
const FEW: usize = 3;

/// An opened index, ready for queries.
pub struct Engine {
    reader: IndexReader,
    fields: Fields,
    recent: TextCache,
    /// Facet runs of the segments that have them (see `facet_runs`).
    runs: RunsBySegment,
    /// The built-in abbreviations and the site's (see `abbrev`).
    abbreviations: Abbreviations,
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
        open_dictionaries(&reader.searcher()).map_err(open)?;
        let runs = read_runs(&index, &reader.searcher())?;
        let abbreviations = Abbreviations::builtin().with(site_abbreviations(&index)?);
        Ok(Engine {
            reader,
            fields,
            recent: TextCache::default(),
            runs,
            abbreviations,
        })
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
        self.search_with(query, SearchOptions::default())
    }

    /// [`Engine::search`] with options, e.g. without facet counts.
    pub fn search_with(
        &self,
        query: &Query,
        options: SearchOptions,
    ) -> Result<Results, SearchError> {
        let filters = facets::parse_filters(&query.filters)?;
        let parsed = syntax::parse(&query.text);
        let searcher = self.reader.searcher();
        let mut run = Run {
            engine: self,
            searcher: &searcher,
            parsed: &parsed,
            filters: &filters,
            relaxed: false,
            exact_first: false,
            unknown: Vec::new(),
            versions: query.versions,
        };
        let limit = query.limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT);
        let offset = query.offset.min(MAX_OFFSET);
        let by_date = query.sort == Sort::Date || parsed.is_browse();
        let (mut total, mut addresses, mut facet_counts) =
            run.main(limit, offset, by_date, options.facets)?;
        let exact = total;
        // Judged on the words alone, so a filter never switches a search to partial matches: the
        // facet counts, which are of the same search, stay what a click on them gives.
        let few = exact < FEW && run.unfiltered_total(exact)? < FEW;
        if Compiler::can_relax(&parsed) && (few || run.names_a_missing_title()?) {
            run.relaxed = true;
            run.exact_first = few;
            run.unknown = run.unknown_terms()?;
            (total, addresses, facet_counts) = run.main(limit, offset, by_date, options.facets)?;
        }
        for facet in filters.keys().filter(|_| options.facets) {
            facet_counts.insert(facet.to_string(), run.facet_counts(facet)?);
        }
        let terms = run.weighted_terms()?;
        // Every hit is tried before the first failure is returned, so a dry run (see
        // `lazy::warm`) learns all the hits' missing documents at once.
        let hits: Vec<Result<Hit, SearchError>> =
            addresses.into_iter().map(|a| run.hit(a, &terms)).collect();
        let hits = hits.into_iter().collect::<Result<Vec<_>, _>>()?;
        Ok(Results {
            total,
            hits,
            facets: facet_counts,
            partial: total > exact,
            exact,
        })
    }
}

/// How [`Engine::search_with`] answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchOptions {
    /// Count facet values (the default). Counting reads each segment's facet runs (see
    /// `facet_runs`), or its facet columns when it has none.
    pub facets: bool,
}

impl Default for SearchOptions {
    fn default() -> SearchOptions {
        SearchOptions { facets: true }
    }
}

/// One query being answered.
struct Run<'a> {
    engine: &'a Engine,
    searcher: &'a Searcher,
    parsed: &'a Parsed,
    filters: &'a Filters,
    /// Asking words for most of their terms, not all (the fallback for few results).
    relaxed: bool,
    /// In a relaxed search, the items matching every term come first.
    exact_first: bool,
    /// In a relaxed search, the query's terms that no item has.
    unknown: Vec<String>,
    /// Earlier texts of regulations are searched too.
    versions: bool,
}

type FacetMap = std::collections::BTreeMap<String, Vec<crate::search::types::FacetCount>>;

impl Run<'_> {
    fn fields(&self) -> &Fields {
        &self.engine.fields
    }

    /// Items matching the text, the exclusions and every filter except the one on `skip`.
    fn item_query(&self, skip: Option<&str>) -> Q {
        let f = self.fields();
        let compiler = Compiler {
            fields: f,
            abbreviations: &self.engine.abbreviations,
            relaxed: self.relaxed,
            unknown: &self.unknown,
        };
        let mut subs: Vec<(Occur, Q)> = Vec::new();
        match compiler.items(self.parsed) {
            Some(text) if self.exact_first => {
                subs.push((Occur::Must, text));
                subs.extend(compiler.exact_first(self.parsed));
            }
            Some(text) => subs.push((Occur::Must, text)),
            None => {
                subs.push(filter(Box::new(AllQuery)));
                subs.extend(compiler.exclusions(self.parsed));
            }
        }
        subs.extend(
            filter_query(f.filter, self.filters, skip)
                .into_iter()
                .map(filter),
        );
        if !self.versions {
            let earlier = Term::from_field_text(f.filter, EARLIER_KEY);
            let query = TermQuery::new(earlier, IndexRecordOption::Basic);
            subs.push((Occur::MustNot, Box::new(query)));
        }
        Box::new(BooleanQuery::new(subs))
    }

    /// Total, the page of hits and the facet counts under every filter, in one pass over the
    /// matching items.
    fn main(
        &self,
        limit: usize,
        offset: usize,
        by_date: bool,
        with_facets: bool,
    ) -> Result<(usize, Vec<DocAddress>, FacetMap), SearchError> {
        let query = self.item_query(None);
        let counter = FacetCounter {
            facets: if with_facets {
                FACETS.to_vec()
            } else {
                Vec::new()
            },
            runs: &self.engine.runs,
        };
        let top = TopDocs::with_limit(limit.max(1)).and_offset(offset);
        let (total, counts, addresses) = if by_date {
            let by_date = top.order_by_fast_field::<u64>("date_key", Order::Desc);
            let (total, counts, top) = self.searcher.search(&query, &(Count, counter, by_date))?;
            (total, counts, top.into_iter().map(|(_, a)| a).collect())
        } else {
            let by_score = top.tweak_score(in_force_score);
            let (total, counts, top) = self.searcher.search(&query, &(Count, counter, by_score))?;
            (
                total,
                counts,
                top.into_iter().map(|(_, a)| a).collect::<Vec<_>>(),
            )
        };
        let facet_counts = FACETS
            .iter()
            .filter(|_| with_facets)
            .map(|facet| (facet.to_string(), counts_of(&counts, facet)))
            .collect();
        let addresses = if limit == 0 { Vec::new() } else { addresses };
        Ok((total, addresses, facet_counts))
    }

    /// How many items match the words, whatever the filters (`filtered`: the count with them).
    fn unfiltered_total(&self, filtered: usize) -> Result<usize, SearchError> {
        if self.filters.is_empty() {
            return Ok(filtered);
        }
        let unfiltered = Run {
            filters: &Filters::default(),
            unknown: Vec::new(),
            ..*self
        };
        Ok(self.searcher.search(&unfiltered.item_query(None), &Count)?)
    }

    /// The query's terms that no item has in any field searched.
    fn unknown_terms(&self) -> Result<Vec<String>, SearchError> {
        let f = self.fields();
        let mut out = Vec::new();
        for text in highlight_terms(self.parsed, &Abbreviations::default()) {
            let fields = if rank::is_single_char(&text) {
                vec![f.chars]
            } else {
                vec![f.body, f.title, f.doc_no_text]
            };
            let mut known = false;
            for field in fields {
                known |= self
                    .searcher
                    .doc_freq(&Term::from_field_text(field, &text))?
                    > 0;
            }
            if !known {
                out.push(text);
            }
        }
        Ok(out)
    }

    /// True when the query is one title-like phrase (it ends in 法, 条例, 办法…) that no item's
    /// title is: 消费者保护法 for 消费者权益保护法. Its full matches are texts that mention those
    /// words; the title meant, with a word missing, is found by relaxing.
    fn names_a_missing_title(&self) -> Result<bool, SearchError> {
        let Some(core) = title::missing_title_core(self.parsed) else {
            return Ok(false);
        };
        let term = Term::from_field_text(self.fields().title_core, &core);
        Ok(self.searcher.doc_freq(&term)? == 0)
    }

    /// Counts for a facet that has a filter on it, as if that filter were off.
    fn facet_counts(
        &self,
        facet: &'static str,
    ) -> Result<Vec<crate::search::types::FacetCount>, SearchError> {
        let counter = FacetCounter {
            facets: vec![facet],
            runs: &self.engine.runs,
        };
        let counts = self
            .searcher
            .search(&self.item_query(Some(facet)), &counter)?;
        Ok(counts_of(&counts, facet))
    }

    /// A hit: stored values, snippet and matching articles.
    fn hit(&self, address: DocAddress, weighted: &[Weighted]) -> Result<Hit, SearchError> {
        let f = self.fields();
        let item = self
            .engine
            .recent
            .get_or_load(address, || self.load(address))?;
        let (doc, stored) = (&item.doc, &item.text);
        let id = text(doc, f.id).unwrap_or_default();
        let version = text(doc, f.version);
        let route = match version.as_deref().map(str::parse) {
            Some(Ok(date)) => version_route(&id, date),
            _ => item_route(&id),
        };
        // The query's terms as weighted once per query (expansions included), not again per hit.
        let terms: Vec<String> = weighted.iter().map(|w| w.text.clone()).collect();
        let articles = articles(&route, stored, &item.shapes, weighted);
        let preamble = match stored.articles.first() {
            Some(first) if stored.preamble.is_empty() => {
                first.text.chars().take(LEAD_CHARS).collect()
            }
            _ => stored.preamble.clone(),
        };
        // The preamble's own match first, else the best article's, else the preamble's start.
        let snippet = snippet_if_match(&preamble, &terms)
            .or_else(|| articles.first().map(|a| a.snippet.clone()))
            .unwrap_or_else(|| snippet(&preamble, &[]));
        let title = text(doc, f.title).unwrap_or_default();
        let status = text(doc, f.status);
        Ok(Hit {
            url: route,
            version,
            title_html: highlight_all(&title, &terms),
            title,
            snippet,
            kind: text(doc, f.kind).unwrap_or_default(),
            category: text(doc, f.category).unwrap_or_default(),
            date: text(doc, f.date),
            effective: text(doc, f.effective),
            expires: text(doc, f.expires),
            in_force: status
                .as_deref()
                .and_then(Status::from_label)
                .is_none_or(|s| s.is_in_force()),
            status,
            doc_no: text(doc, f.doc_no),
            departments: doc
                .get_all(f.departments)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            articles,
            id,
        })
    }

    /// A hit's stored document and its inflated text.
    fn load(&self, address: DocAddress) -> Result<ItemText, SearchError> {
        let doc: TantivyDocument = self.searcher.doc(address)?;
        let text = match doc.get_first(self.fields().text).and_then(|v| v.as_bytes()) {
            Some(bytes) => StoredText::decode(bytes)?,
            None => StoredText::default(),
        };
        Ok(ItemText::new(doc, text))
    }

    /// The query's terms weighted by their rarity among items (single characters in `chars`).
    fn weighted_terms(&self) -> Result<Vec<Weighted>, SearchError> {
        let f = self.fields();
        let items = self.searcher.num_docs();
        highlight_terms(self.parsed, &self.engine.abbreviations)
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

/// The item's best matching articles, with deep links (into the page at `route`) and snippets.
fn articles(
    route: &str,
    stored: &StoredText,
    shapes: &[Shape],
    terms: &[Weighted],
) -> Vec<ArticleHit> {
    if terms.is_empty() {
        return Vec::new();
    }
    let read = &stored.articles[..stored.articles.len().min(MAX_ARTICLES_READ)];
    // `shapes` has one per article (see `ItemText::new`).
    let texts: Vec<(&str, Shape)> = read
        .iter()
        .zip(shapes)
        .map(|(a, shape)| (a.text.as_str(), *shape))
        .collect();
    let words: Vec<String> = terms.iter().map(|t| t.text.clone()).collect();
    rank::best(&texts, terms, ARTICLES_PER_HIT)
        .into_iter()
        .filter_map(|i| read.get(i))
        .map(|a| ArticleHit {
            url: format!("{route}#{}", a.anchor),
            anchor: a.anchor.clone(),
            label: a.label.clone(),
            snippet: snippet(&a.text, &words),
        })
        .collect()
}

/// The site's abbreviations shipped in the index folder ([`abbrev::SITE_FILE`]); none when the
/// site has none. A damaged file is an error, as any damaged index file is.
fn site_abbreviations(index: &Index) -> Result<Abbreviations, SearchError> {
    let bytes = match index.directory().atomic_read(Path::new(abbrev::SITE_FILE)) {
        Ok(bytes) => bytes,
        Err(OpenReadError::FileDoesNotExist(_)) => return Ok(Abbreviations::default()),
        Err(e) => return Err(SearchError::Open(format!("{}: {e}", abbrev::SITE_FILE))),
    };
    let text = String::from_utf8(bytes)
        .map_err(|_| SearchError::Open(format!("{} is not UTF-8", abbrev::SITE_FILE)))?;
    Abbreviations::parse(&text).map_err(|errors| {
        let first = errors
            .first()
            .map_or(String::new(), |e| format!("line {}: {}", e.line, e.message));
        SearchError::Open(format!("{}: {first}", abbrev::SITE_FILE))
    })
}

/// Each segment's facet runs file, where there is one; a file that is damaged or describes a
/// different number of documents is an error.
fn read_runs(index: &Index, searcher: &Searcher) -> Result<RunsBySegment, SearchError> {
    let mut out = RunsBySegment::new();
    for segment in searcher.segment_readers() {
        let id = segment.segment_id();
        let name = format!("{}.{}", id.uuid_string(), facet_runs::EXTENSION);
        let failed = |e: &dyn std::fmt::Display| SearchError::Open(format!("{name}: {e}"));
        let bytes = match index.directory().atomic_read(Path::new(&name)) {
            Ok(bytes) => bytes,
            Err(OpenReadError::FileDoesNotExist(_)) => continue,
            Err(e) => return Err(failed(&e)),
        };
        let runs = SegmentRuns::decode(&bytes).map_err(|e| failed(&e))?;
        if runs.max_doc() != segment.max_doc() {
            let what = format!(
                "runs for {} documents, not {}",
                runs.max_doc(),
                segment.max_doc()
            );
            return Err(failed(&what));
        }
        out.insert(id, Arc::new(runs));
    }
    Ok(out)
}

/// Opens every indexed field's term dictionary in every segment (tantivy keeps them open), so
/// the reads that opening one makes (its footer and block index, read one after the other) happen
/// at opening, which a lazy index serves from its hotcache, and never in a query.
fn open_dictionaries(searcher: &Searcher) -> tantivy::Result<()> {
    let schema = searcher.schema();
    let indexed: Vec<Field> = schema
        .fields()
        .filter(|(_, entry)| entry.is_indexed())
        .map(|(field, _)| field)
        .collect();
    for segment in searcher.segment_readers() {
        for field in &indexed {
            segment.inverted_index(*field)?;
        }
    }
    Ok(())
}

/// Relevance, with items no longer in force scored down.
fn in_force_score(segment: &SegmentReader) -> impl Fn(DocId, Score) -> Score + 'static {
    let column = segment
        .fast_fields()
        .u64(IN_FORCE_COLUMN)
        .ok()
        .map(|c| c.first_or_default_col(1));
    move |doc, score| match &column {
        Some(c) if c.get_val(doc) == 0 => score * NOT_IN_FORCE_FACTOR,
        _ => score,
    }
}

fn text(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}
