//! The built index read lazily: through the range directory and the hotcache the builder wrote,
//! a query gives exactly what the eagerly loaded index gives, and opening costs no request; a
//! big index also gets chunks for hosts without Range, which answer the same.

mod probe;
mod tree;

use probe::COLD_QUERIES;

use gongkai_core::search::lazy::{
    chunks_of, CacheOptions, ChunkFetcher, RangeDirectory, CHUNKS_DIR, CHUNK_SIZE, LAZY_THRESHOLD,
};
use gongkai_core::search::{Engine, Manifest, Query, HOTCACHE_PATH, INDEX_DIR, MANIFEST_PATH};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tree::{copy_tree, snapshot};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/build/basic");

/// The fixture's index written into a temp dir laid out like a site.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let content = gongkai::validate::check(Path::new(FIXTURE))
        .unwrap_or_else(|d| panic!("{} problems", d.len()));
    gongkai::index::write_index(&content, &dir.path().join(INDEX_DIR)).unwrap();
    dir
}

fn manifest(site: &Path) -> Manifest {
    serde_json::from_slice(&std::fs::read(site.join(MANIFEST_PATH)).unwrap()).unwrap()
}

/// A range directory whose fetcher reads the site's files from disk, like HTTP Range would.
fn lazy(site: &Path) -> RangeDirectory {
    let index = site.join(INDEX_DIR);
    let listing = manifest(site).files.into_iter().map(|f| (f.name, f.size));
    let fetch = move |name: &str, range: Range<u64>| {
        let bytes = std::fs::read(index.join(name)).map_err(|e| e.to_string())?;
        let slice = bytes.get(range.start as usize..range.end as usize);
        slice.map(<[u8]>::to_vec).ok_or_else(|| "416".to_string())
    };
    let options = CacheOptions {
        block_size: 1024,
        ..CacheOptions::default()
    };
    RangeDirectory::new(listing, fetch, options)
}

fn eager(site: &Path) -> Engine {
    let files = manifest(site).files.into_iter().map(|f| {
        let path: PathBuf = site.join(INDEX_DIR).join(&f.name);
        (f.name, std::fs::read(path).unwrap())
    });
    Engine::from_files(files).unwrap()
}

#[test]
fn the_hotcache_opens_the_index_and_queries_match_the_eager_index() {
    let site = site();
    let dir = lazy(site.path());
    dir.load_hotcache(&std::fs::read(site.path().join(HOTCACHE_PATH)).unwrap())
        .unwrap();
    let engine = Engine::open(dir.clone()).unwrap();
    assert_eq!(dir.stats().requests, 0, "opening needs only the hotcache");
    let eager = eager(site.path());
    for text in [
        "电子政务",
        "规范",
        "\"电子政务\"",
        "护士 OR 规范",
        "-电子政务",
        "",
    ] {
        let q = Query::text(text);
        let (a, b) = (engine.search(&q).unwrap(), eager.search(&q).unwrap());
        assert_eq!(
            serde_json::to_value(&a).unwrap(),
            serde_json::to_value(&b).unwrap(),
            "{text}"
        );
    }
    assert_eq!(
        dir.stats().requests,
        0,
        "the fixture's files are all small, so whole in the hotcache"
    );
}

#[test]
fn the_hotcache_is_not_in_the_manifest_and_is_reproducible() {
    let (a, b) = (site(), site());
    let names: Vec<String> = manifest(a.path())
        .files
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert!(names.iter().all(|n| !n.contains("hotcache")), "{names:?}");
    let read = |s: &tempfile::TempDir| std::fs::read(s.path().join(HOTCACHE_PATH)).unwrap();
    assert_eq!(read(&a), read(&b));
}

/// The fixture plus `items` regulations of pseudo-random Chinese text (deterministic), enough
/// to push the index over the lazy threshold; built into `<dir>/site`.
fn big_site(dir: &Path, items: usize) -> PathBuf {
    let content = dir.join("content");
    copy_tree(Path::new(FIXTURE), &content);
    let mut seed: u32 = 12_345;
    for i in 0..items {
        let text: String = (0..8_000)
            .map(|k| {
                seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                let c = char::from_u32(0x4E00 + (seed >> 8) % 3_000).unwrap_or('中');
                if k % 60 == 59 {
                    '\n'
                } else {
                    c
                }
            })
            .collect();
        let page = format!(
            "+++\ntype = \"regulation\"\nid = \"big-{i}\"\ntitle = \"测试规定第{i}号\"\nissuers = [\"csszfb\"]\nkind = \"其他政策文件\"\nstatus = \"现行有效\"\n+++\n第一条 {text}\n"
        );
        std::fs::write(content.join(format!("regulations/big-{i}.md")), page).unwrap();
    }
    let checked = gongkai::validate::check(&content).unwrap_or_else(|d| panic!("{d:?}"));
    let out = dir.join("site");
    gongkai::site::build(&checked, &content, &out, &gongkai::site::Inputs::default()).unwrap();
    out
}

fn chunk_files(site: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let chunks = site.join(INDEX_DIR).join(CHUNKS_DIR);
    if chunks.exists() {
        snapshot(&chunks)
    } else {
        Default::default()
    }
}

#[test]
fn a_lazy_index_gets_reproducible_chunks_that_answer_like_the_index_and_stay_out_of_bundles() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (site_a, site_b) = (big_site(a.path(), 70), big_site(b.path(), 70));
    let total: u64 = manifest(&site_a).files.iter().map(|f| f.size).sum();
    assert!(
        total > LAZY_THRESHOLD,
        "index of {total} B must be read lazily"
    );
    let chunks = chunk_files(&site_a);
    assert_eq!(chunks, chunk_files(&site_b), "two builds, identical chunks");
    for f in manifest(&site_a).files {
        let whole = std::fs::read(site_a.join(INDEX_DIR).join(&f.name)).unwrap();
        let mut joined = Vec::new();
        for (path, range) in chunks_of(&f.name, f.size, CHUNK_SIZE) {
            let rel = path.strip_prefix("chunks/").unwrap();
            let chunk = &chunks[rel];
            assert_eq!(chunk.len() as u64, range.end - range.start, "{rel}");
            joined.extend_from_slice(chunk);
        }
        if f.size > CHUNK_SIZE {
            assert_eq!(joined, whole, "{}'s chunks make the file", f.name);
        }
    }
    assert!(chunks.len() > 1);
    assert!(chunks
        .keys()
        .all(|k| !k.ends_with(".gz") && !k.ends_with(".br")));

    let served = site_a.join(INDEX_DIR);
    let engine = chunked_engine(&site_a, move |path: &str| {
        std::fs::read(served.join(path)).map_err(|e| format!("{path}: {e}"))
    });
    let eager = eager(&site_a);
    for text in ["电子政务", "测试规定第7号", "规范", ""] {
        let q = Query::text(text);
        let (got, want) = (engine.search(&q).unwrap(), eager.search(&q).unwrap());
        assert_eq!(
            serde_json::to_value(&got).unwrap(),
            serde_json::to_value(&want).unwrap(),
            "{text}"
        );
    }

    small_sections_are_in_the_hotcache(&site_a);

    let bundled = gongkai::bundle::make::Site::read(&site_a).unwrap();
    let paths: Vec<&str> = bundled.files.iter().map(|(f, _)| f.path.as_str()).collect();
    assert!(
        paths.iter().any(|p| p.starts_with("search-index/")),
        "the index is bundled"
    );
    assert!(
        !paths.iter().any(|p| p.contains("/chunks/")),
        "chunks are not"
    );
}

/// Every per-field section of the term dictionaries, postings and positions up to 16 KiB reads
/// from the hotcache alone (the fetcher always fails), and the body's big sections do not.
fn small_sections_are_in_the_hotcache(site: &Path) {
    use gongkai_core::search::tantivy::directory::footer::Footer;
    use gongkai_core::search::tantivy::directory::{CompositeFile, Directory, FileSlice};
    use gongkai_core::search::tantivy::schema::Field;
    use gongkai_core::search::tantivy::HasLen;
    let listing = manifest(site).files.into_iter().map(|f| (f.name, f.size));
    let offline = |_: &str, _: Range<u64>| Err::<Vec<u8>, _>("offline".to_string());
    let dir = RangeDirectory::new(listing, offline, CacheOptions::default());
    dir.load_hotcache(&std::fs::read(site.join(HOTCACHE_PATH)).unwrap())
        .unwrap();
    let (mut small, mut big) = (0, 0);
    for f in manifest(site).files {
        if !["term", "idx", "pos"].iter().any(|e| f.name.ends_with(e)) || f.size <= 64 * 1024 {
            continue;
        }
        let handle = dir.get_file_handle(Path::new(&f.name)).unwrap();
        let (_, body) = Footer::extract_footer(FileSlice::new(handle)).unwrap();
        let composite = CompositeFile::open(&body).unwrap();
        for id in 0..64 {
            let Some(section) = composite.open_read(Field::from_field_id(id)) else {
                continue;
            };
            let read = section.read_bytes();
            if section.len() <= 16 * 1024 {
                assert!(read.is_ok(), "{} field {id}: {read:?}", f.name);
                small += 1;
            } else {
                assert!(read.is_err(), "{} field {id} is big, so lazy", f.name);
                big += 1;
            }
        }
    }
    assert!(small > 0 && big > 0, "{small} small and {big} big sections");
}

/// An engine over `site`'s hotcache whose every read goes to the chunks through `get`.
fn chunked_engine(
    site: &Path,
    get: impl Fn(&str) -> Result<Vec<u8>, String> + Send + Sync + 'static,
) -> Engine {
    let listing = || manifest(site).files.into_iter().map(|f| (f.name, f.size));
    let chunks = ChunkFetcher::new(listing(), CHUNK_SIZE, 1 << 20, get);
    let dir = RangeDirectory::new(listing(), chunks, CacheOptions::default());
    dir.load_hotcache(&std::fs::read(site.join(HOTCACHE_PATH)).unwrap())
        .unwrap();
    Engine::open(dir).unwrap()
}

#[test]
fn a_small_index_gets_no_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let site = big_site(dir.path(), 0);
    assert!(!site.join(INDEX_DIR).join(CHUNKS_DIR).exists());
}

/// What a host without Range support costs per chunk size: chunk files written, and the bytes
/// and requests of cold first queries through the chunks (hotcache included). A probe, ignored
/// by default: `PROBE_SITE=/tmp/chunk-laws-site cargo test --release -p gongkai --test
/// lazy_index -- --ignored --nocapture`.
#[test]
#[ignore]
fn chunk_size_probe() {
    let site = PathBuf::from(std::env::var("PROBE_SITE").unwrap_or("/tmp/lz-laws-site".into()));
    let files: Arc<Vec<(String, Vec<u8>)>> = Arc::new(
        manifest(&site)
            .files
            .into_iter()
            .map(|f| {
                let bytes = std::fs::read(site.join(INDEX_DIR).join(&f.name)).unwrap();
                (f.name, bytes)
            })
            .collect(),
    );
    let hot = std::fs::read(site.join(HOTCACHE_PATH)).unwrap();
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    println!(
        "index {total} B in {} files, hotcache {} B",
        files.len(),
        hot.len()
    );
    for kib in [32u64, 64, 128, 256] {
        let size = kib * 1024;
        let written: usize = files
            .iter()
            .map(|(n, b)| chunks_of(n, b.len() as u64, size).len())
            .sum();
        let mut costs = Vec::new();
        for q in COLD_QUERIES {
            let (requests, bytes) = chunked_cold_query(&files, &hot, size, q);
            costs.push((bytes, requests));
        }
        costs.sort();
        let (bytes, requests) = costs[costs.len() / 2];
        let (max_bytes, _) = costs[costs.len() - 1];
        println!(
            "chunk {kib:3} KiB: {written:4} chunk files; first query median {:.0} KiB in {requests} requests (max {:.0} KiB)",
            bytes as f64 / 1024.0,
            max_bytes as f64 / 1024.0
        );
    }
}

/// One cold query through chunks of `size`: (requests, bytes) including the hotcache.
fn chunked_cold_query(
    files: &Arc<Vec<(String, Vec<u8>)>>,
    hot: &[u8],
    size: u64,
    q: &str,
) -> (u64, u64) {
    let served = files.clone();
    let log = Arc::new(Mutex::new((1u64, hot.len() as u64)));
    let counted = log.clone();
    let listing = || files.iter().map(|(n, b)| (n.clone(), b.len() as u64));
    let get = move |path: &str| {
        let (name, offset) = match path.strip_prefix("chunks/") {
            Some(rest) => rest.rsplit_once('.').ok_or("name")?,
            None => (path, "0"),
        };
        let offset: usize = offset.parse().map_err(|_| "offset")?;
        let (_, bytes) = served.iter().find(|f| f.0 == name).ok_or("404")?;
        let end = (offset + size as usize).min(bytes.len());
        let mut c = counted.lock().unwrap();
        c.0 += 1;
        c.1 += (end - offset) as u64;
        Ok(bytes[offset..end].to_vec())
    };
    let chunks = ChunkFetcher::new(listing(), size, 64 << 20, get);
    let dir = RangeDirectory::new(listing(), chunks, CacheOptions::default());
    dir.load_hotcache(hot).unwrap();
    Engine::open(dir).unwrap().search(&Query::text(q)).unwrap();
    let c = *log.lock().unwrap();
    c
}

/// The requests of one cold query through ranges, in order: file kind, offset, length. A probe,
/// ignored by default: `PROBE_SITE=/tmp/chunk-laws-site PROBE_QUERY=行政许可 cargo test --release
/// -p gongkai --test lazy_index requests_probe -- --ignored --nocapture`.
#[test]
#[ignore]
fn requests_probe() {
    let site = PathBuf::from(std::env::var("PROBE_SITE").unwrap_or("/tmp/lz-laws-site".into()));
    let q = std::env::var("PROBE_QUERY").unwrap_or("行政许可".into());
    let index = site.join(INDEX_DIR);
    let log: Arc<Mutex<Vec<String>>> = Arc::default();
    let logged = log.clone();
    let fetch = move |name: &str, range: Range<u64>| {
        let kind = name.rsplit('.').next().unwrap_or("");
        let line = format!("{kind:6} {:>10} +{}", range.start, range.end - range.start);
        logged.lock().unwrap().push(line);
        let bytes = std::fs::read(index.join(name)).map_err(|e| e.to_string())?;
        Ok(bytes[range.start as usize..range.end as usize].to_vec())
    };
    let listing = manifest(&site).files.into_iter().map(|f| (f.name, f.size));
    let dir = RangeDirectory::new(listing, fetch, CacheOptions::default());
    let hot = if std::env::var("PROBE_REHOT").is_ok_and(|v| v == "1") {
        rerecorded_hotcache(&site)
    } else {
        std::fs::read(site.join(HOTCACHE_PATH)).unwrap()
    };
    println!("hotcache {} B", hot.len());
    if let Ok(out) = std::env::var("PROBE_HOT_OUT") {
        std::fs::write(out, &hot).unwrap();
    }
    dir.load_hotcache(&hot).unwrap();
    let engine = Engine::open(dir.clone()).unwrap();
    let r = engine.search(&Query::text(&q)).unwrap();
    let lines = log.lock().unwrap().clone();
    println!(
        "{q}: {} hits of {}, {} requests",
        r.hits.len(),
        r.total,
        lines.len()
    );
    for line in lines {
        println!("  {line}");
    }
}

/// The hotcache this code would write for `site`'s index (`PROBE_REHOT=1`).
fn rerecorded_hotcache(site: &Path) -> Vec<u8> {
    let ram = gongkai_core::search::tantivy::directory::RamDirectory::create();
    for f in manifest(site).files {
        let bytes = std::fs::read(site.join(INDEX_DIR).join(&f.name)).unwrap();
        gongkai_core::search::tantivy::Directory::atomic_write(&ram, Path::new(&f.name), &bytes)
            .unwrap();
    }
    gongkai_core::search::lazy::Hotcache::record(ram, &[])
        .unwrap()
        .encode()
}
