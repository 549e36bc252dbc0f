//! Getting the index into the engine: the manifest, then either every file whole into a RAM
//! directory (small sites) or the hotcache and a lazy directory that fetches byte ranges as
//! tantivy reads them (big sites).
//!
//! This is the one module that knows how index bytes arrive.

use crate::worker::net::{self, fetch_bytes, Freshness};
use crate::worker::searcher::Searcher;
use crate::worker::xhr::XhrFetcher;
use gongkai_core::search::lazy::{CacheOptions, Fetcher, RangeDirectory, LAZY_THRESHOLD};
use gongkai_core::search::tantivy::directory::{Directory, RamDirectory};
use gongkai_core::search::{
    Engine, Manifest, ManifestError, HOTCACHE_PATH, INDEX_DIR, INDEX_FORMAT, MANIFEST_PATH,
};
use gongkai_search_worker::protocol::{PREFETCHED_HOTCACHE, PREFETCHED_MANIFEST};
use std::path::Path;
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};

/// A manifest larger than this is not ours.
const MAX_MANIFEST: u64 = 1 << 20;
/// The most index bytes a page will hold in memory (wasm32 memory ends at 4 GiB).
const MAX_TOTAL: u64 = 1 << 30;
/// A hotcache larger than this is not ours.
const MAX_HOTCACHE: u64 = 16 << 20;
/// Progress is reported at most once per this many bytes (and at the end of each file).
const REPORT_STEP: u64 = 256 * 1024;

/// An opened index and what it holds.
pub struct Opened {
    pub searcher: Searcher,
    pub items: usize,
    pub articles: usize,
    pub bytes: u64,
}

/// The manifest and hotcache the search page fetched while the engine downloaded (sent beside
/// `Request::Load`); what is missing is fetched here.
#[derive(Default)]
pub struct Prefetched {
    manifest: Option<Vec<u8>>,
    hotcache: Option<Vec<u8>>,
}

impl Prefetched {
    /// Reads `{manifest, hotcache}` (`ArrayBuffer`s, either may be absent).
    pub fn read(beside: Option<&JsValue>) -> Prefetched {
        let bytes = |key: &str| {
            let value = js_sys::Reflect::get(beside?, &JsValue::from_str(key)).ok()?;
            let buffer = value.dyn_into::<js_sys::ArrayBuffer>().ok()?;
            Some(js_sys::Uint8Array::new(&buffer).to_vec())
        };
        Prefetched {
            manifest: bytes(PREFETCHED_MANIFEST),
            hotcache: bytes(PREFETCHED_HOTCACHE),
        }
    }
}

/// The hotcache: here already, or asked for.
enum Hot {
    Here(Vec<u8>),
    Asked(net::Pending),
}

impl Hot {
    async fn bytes(self) -> Result<Vec<u8>, String> {
        match self {
            Hot::Here(bytes) if bytes.len() as u64 <= MAX_HOTCACHE => Ok(bytes),
            Hot::Here(_) => Err(format!("/{HOTCACHE_PATH}：文件超过 {MAX_HOTCACHE} 字节")),
            Hot::Asked(pending) => pending.bytes(MAX_HOTCACHE, &mut |_| {}).await,
        }
    }

    fn discard(self) {
        if let Hot::Asked(pending) = self {
            pending.drop_body();
        }
    }
}

/// Opens the index, whole or lazily (see [`LAZY_THRESHOLD`]), from the manifest (`prefetched`
/// or fetched), telling `progress(loaded, total)` along the way.
///
/// The hotcache is asked for together with the manifest, so a big index opens after one round
/// trip, not two (none when the page sent both); a small index (downloaded whole) drops it.
pub async fn open_index(
    progress: &dyn Fn(u64, u64),
    prefetched: Prefetched,
) -> Result<Opened, String> {
    let hot = match prefetched.hotcache {
        Some(bytes) => Hot::Here(bytes),
        None => Hot::Asked(net::start(
            &format!("/{HOTCACHE_PATH}"),
            Freshness::Revalidate,
        )),
    };
    let manifest = match prefetched.manifest {
        Some(bytes) => parse_manifest(&bytes)?,
        None => fetch_manifest().await?,
    };
    let total = check(&manifest)?;
    let (searcher, bytes) = if total > LAZY_THRESHOLD {
        open_lazy(&manifest, hot, progress).await?
    } else {
        hot.discard();
        let engine = open_whole(&manifest, total, progress).await?;
        (Searcher::whole(engine), total)
    };
    Ok(Opened {
        searcher,
        items: manifest.items,
        articles: manifest.articles,
        bytes,
    })
}

/// The hotcache (already asked for), then a directory that fetches the rest by ranges, or from
/// the chunks on a host found to ignore Range, in rounds. Returns the searcher and the bytes
/// fetched to open it.
async fn open_lazy(
    manifest: &Manifest,
    hot: Hot,
    progress: &dyn Fn(u64, u64),
) -> Result<(Searcher, u64), String> {
    let url = format!("/{HOTCACHE_PATH}");
    let hot = hot.bytes().await?;
    let size = hot.len() as u64;
    progress(size, size);
    let files: Vec<(String, u64)> = manifest
        .files
        .iter()
        .map(|f| (f.name.clone(), f.size))
        .collect();
    let net = Arc::new(XhrFetcher::new(files.clone()));
    let reads = net.clone();
    let fetcher = move |name: &str, range| reads.fetch(name, range);
    let dir = RangeDirectory::new(files, fetcher, CacheOptions::default());
    dir.load_hotcache(&hot)
        .map_err(|e| format!("{url}：{e}，请刷新页面"))?;
    let engine = Engine::open(dir.clone()).map_err(|e| e.to_string())?;
    Ok((Searcher::lazy(engine, dir, net), size))
}

/// Every file whole, each checked against its digest, into a RAM directory.
async fn open_whole(
    manifest: &Manifest,
    total: u64,
    progress: &dyn Fn(u64, u64),
) -> Result<Engine, String> {
    progress(0, total);
    let dir = RamDirectory::create();
    let (mut done, mut reported) = (0, 0);
    for file in &manifest.files {
        let bytes = fetch_checked(file, &mut |n| {
            let now = (done + n).min(total);
            if now >= reported + REPORT_STEP {
                progress(now, total);
                reported = now;
            }
        })
        .await?;
        done += file.size;
        progress(done, total);
        dir.atomic_write(Path::new(&file.name), &bytes)
            .map_err(|e| format!("{}：{e}", file.name))?;
    }
    Engine::open(dir).map_err(|e| e.to_string())
}

async fn fetch_manifest() -> Result<Manifest, String> {
    let url = format!("/{MANIFEST_PATH}");
    let bytes = fetch_bytes(&url, Freshness::Revalidate, MAX_MANIFEST, &mut |_| {}).await?;
    parse_manifest(&bytes)
}

fn parse_manifest(bytes: &[u8]) -> Result<Manifest, String> {
    let url = format!("/{MANIFEST_PATH}");
    if bytes.len() as u64 > MAX_MANIFEST {
        return Err(format!("{url}：文件超过 {MAX_MANIFEST} 字节"));
    }
    serde_json::from_slice(bytes).map_err(|e| format!("{url}：不是检索索引清单（{e}）"))
}

/// Checks the manifest (`Manifest::check`, the rule every reader uses); returns the total size.
fn check(manifest: &Manifest) -> Result<u64, String> {
    manifest.check(MAX_TOTAL).map_err(|e| match e {
        ManifestError::Format { found } => {
            format!("检索索引格式为 {found}，本程序只支持 {INDEX_FORMAT}，请刷新页面")
        }
        ManifestError::BadName(name) => format!("检索索引清单中的文件名无效：{name:?}"),
        ManifestError::TooLarge { .. } => "检索索引太大，无法在浏览器中载入".to_string(),
    })
}

/// Downloads one file and checks its size and digest; a cached copy that fails is fetched again
/// past the cache once.
async fn fetch_checked(
    file: &gongkai_core::search::ManifestFile,
    on_bytes: &mut dyn FnMut(u64),
) -> Result<Vec<u8>, String> {
    let url = format!("/{INDEX_DIR}/{}", file.name);
    for freshness in [Freshness::Cached, Freshness::Reload] {
        let bytes = fetch_bytes(&url, freshness, file.size, on_bytes).await?;
        if file.holds(&bytes) {
            return Ok(bytes);
        }
    }
    Err(format!("{url}：内容与检索索引清单不符，请刷新页面"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_refusal_gets_a_sentence_for_the_reader() {
        let manifest = |format, name: &str, size| Manifest {
            format,
            items: 1,
            articles: 0,
            files: vec![gongkai_core::search::ManifestFile {
                name: name.to_string(),
                size,
                sha256: String::new(),
            }],
        };
        assert_eq!(check(&manifest(INDEX_FORMAT, "a.idx", 7)), Ok(7));
        let other = check(&manifest(INDEX_FORMAT + 1, "a.idx", 7)).unwrap_err();
        assert!(other.contains("请刷新页面"), "{other}");
        let bad = check(&manifest(INDEX_FORMAT, "../x", 7)).unwrap_err();
        assert!(bad.contains("文件名无效"), "{bad}");
        let big = check(&manifest(INDEX_FORMAT, "a.idx", MAX_TOTAL + 1)).unwrap_err();
        assert!(big.contains("太大"), "{big}");
    }
}
