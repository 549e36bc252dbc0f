//! The built index read lazily: through the range directory and the hotcache the builder wrote,
//! a query gives exactly what the eagerly loaded index gives, and opening costs no request.

use gongkai_core::search::lazy::{CacheOptions, RangeDirectory};
use gongkai_core::search::{Engine, Manifest, Query, HOTCACHE_PATH, INDEX_DIR, MANIFEST_PATH};
use std::ops::Range;
use std::path::{Path, PathBuf};

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
    assert!(dir.stats().requests > 0);
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
