//! Writes files into the staging folder, with `.gz` and `.br` twins for compressible ones.
//!
//! Hosts that can serve precompressed files (and `gongkai serve`) then send small responses
//! without compressing on the fly. Compression is deterministic: no names or times in headers.

use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// Files smaller than this are not worth a compressed twin.
const MIN_COMPRESS: usize = 512;
const COMPRESSIBLE: &[&str] = &[
    "json",
    "js",
    "mjs",
    "wasm",
    "css",
    "html",
    "svg",
    "txt",
    "csv",
    "xml",
    "webmanifest",
];

/// How hard to compress: the app's few assets get the best; data files a faster level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effort {
    Best,
    Fast,
}

/// Writes into one root folder; usable from several threads at once.
pub struct Writer {
    root: PathBuf,
    files: AtomicUsize,
    bytes: AtomicU64,
}

impl Writer {
    pub fn new(root: &Path) -> Writer {
        Writer {
            root: root.to_path_buf(),
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn files(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// Serializes `value` as JSON at `rel`.
    pub fn json<T: serde::Serialize>(&self, rel: &str, value: &T) -> anyhow::Result<()> {
        let bytes = serde_json::to_vec(value).with_context(|| format!("serializing {rel}"))?;
        self.file(rel, &bytes, Effort::Fast)
    }

    /// Writes `bytes` at `rel` (a `/`-separated path), plus compressed twins where useful.
    pub fn file(&self, rel: &str, bytes: &[u8], effort: Effort) -> anyhow::Result<()> {
        self.plain(rel, bytes)?;
        let path = self.root.join(rel);
        if is_compressible(rel, bytes.len()) {
            self.twin(&path, "gz", &gzip(bytes, effort)?, bytes.len())?;
            self.twin(&path, "br", &brotli(bytes, effort)?, bytes.len())?;
        }
        Ok(())
    }

    /// Writes a pre-rendered page at `rel` with a `.gz` twin only. Brotli would save about a tenth
    /// of a page's gzip (under 1 KB an item on the law corpus) for 35 MB more there, and every
    /// browser, old ones and plain-HTTP Chromium included, takes gzip.
    pub fn page(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        self.plain(rel, bytes)?;
        if is_compressible(rel, bytes.len()) {
            let path = self.root.join(rel);
            self.twin(&path, "gz", &gzip(bytes, Effort::Fast)?, bytes.len())?;
        }
        Ok(())
    }

    /// Adds `.gz`/`.br` twins to a file already written at `rel`, whatever its extension
    /// (the search index's files have tantivy's own extensions).
    pub fn add_twins(&self, rel: &str, effort: Effort) -> anyhow::Result<()> {
        let path = self.root.join(rel);
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        if bytes.len() >= MIN_COMPRESS {
            self.twin(&path, "gz", &gzip(&bytes, effort)?, bytes.len())?;
            self.twin(&path, "br", &brotli(&bytes, effort)?, bytes.len())?;
        }
        Ok(())
    }

    /// Writes `bytes` at `rel` without twins.
    pub fn plain(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let path = self.root.join(rel);
        make_parent(&path)?;
        self.put(&path, bytes)
    }

    /// Writes what `from` reads at `rel`, without twins, and returns its length;
    /// `std::io::copy` lets the kernel copy from file to file.
    pub fn copy(&self, rel: &str, mut from: impl std::io::Read) -> anyhow::Result<u64> {
        let path = self.root.join(rel);
        make_parent(&path)?;
        let mut to =
            std::fs::File::create(&path).with_context(|| format!("writing {}", path.display()))?;
        let len = std::io::copy(&mut from, &mut to)
            .with_context(|| format!("writing {}", path.display()))?;
        self.written(len);
        Ok(len)
    }

    /// Takes an existing file (from the render cache) as `rel`, linked rather than rewritten.
    pub fn adopt(&self, rel: &str, from: &Path) -> anyhow::Result<()> {
        let path = self.root.join(rel);
        make_parent(&path)?;
        super::cache::link_or_copy(from, &path)?;
        let len = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        self.written(len);
        Ok(())
    }

    fn twin(&self, path: &Path, ext: &str, packed: &[u8], original: usize) -> anyhow::Result<()> {
        // A twin that saves less than a tenth is not worth a second copy.
        if packed.len() * 10 < original * 9 {
            let mut name = path.as_os_str().to_owned();
            name.push(format!(".{ext}"));
            self.put(Path::new(&name), packed)?;
        }
        Ok(())
    }

    fn put(&self, path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
        std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))?;
        self.written(bytes.len() as u64);
        Ok(())
    }

    /// Counts one more file of `len` bytes in the site.
    fn written(&self, len: u64) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(len, Ordering::Relaxed);
    }
}

/// Creates the folder `path` goes in. One `mkdir` is enough when the folder already exists
/// (`data/items/`), where `create_dir_all` also looks it up: a system call saved per item page,
/// 100,000 at 100,000 items.
fn make_parent(path: &Path) -> anyhow::Result<()> {
    let Some(dir) = path.parent() else {
        return Ok(());
    };
    match std::fs::create_dir(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(_) => {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))
        }
    }
}

fn is_compressible(rel: &str, len: usize) -> bool {
    let ext = rel.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    len >= MIN_COMPRESS && COMPRESSIBLE.contains(&ext)
}

fn gzip(bytes: &[u8], effort: Effort) -> anyhow::Result<Vec<u8>> {
    let level = match effort {
        Effort::Best => flate2::Compression::best(),
        Effort::Fast => flate2::Compression::default(),
    };
    let mut enc = flate2::GzBuilder::new().write(Vec::new(), level);
    enc.write_all(bytes)?;
    Ok(enc.finish()?)
}

fn brotli(bytes: &[u8], effort: Effort) -> anyhow::Result<Vec<u8>> {
    let quality = match effort {
        Effort::Best => 11,
        // Measured on the 58 MB law corpus: quality 9 made compression most of the build time.
        Effort::Fast => 5,
    };
    let mut out = Vec::new();
    {
        let mut enc = brotli::CompressorWriter::new(&mut out, 4096, quality, 22);
        enc.write_all(bytes)?;
    }
    Ok(out)
}
