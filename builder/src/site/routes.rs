//! Writes the app shell at every client route, as hard links to as few real copies as possible.
//!
//! The app is a single-page app with path routes (`/items/<id>`). So that a deep link works on any
//! static host, even one without a fallback rule, every app route gets the app shell
//! (`items/<id>/index.html`, `catalogue/index.html`, …); `404.html` covers everything else on hosts
//! that use it. Route pages get no `.gz`/`.br` twins: the real shell is 1,233 B (776 B gzip,
//! 558 B brotli), so a twin saves under 700 B per navigation but costs two more files per route,
//! 200,000 at 100,000 items. Static hosts and `gongkai serve` send the plain file when there is
//! no twin; terminals never use twins (bundles leave them out). `404.html` and the root
//! `index.html` keep theirs.

use super::write::{Effort, Writer};
use anyhow::Context;
use gongkai_core::site::{app_routes, Catalogue};
use std::path::PathBuf;

/// Writes `404.html` (with twins) and the shell at every app route; returns how many real copies
/// of the shell the route pages needed (1 unless the file system limits links per file).
pub fn write(catalogue: &Catalogue, writer: &Writer) -> anyhow::Result<usize> {
    let shell =
        std::fs::read(writer.root().join("index.html")).context("reading the copied index.html")?;
    writer.file("404.html", &shell, Effort::Best)?;
    let mut source = Source {
        path: writer.root().join("404.html"),
        bytes: shell,
        copies: 1,
    };
    for route in app_routes(catalogue) {
        source.place(
            &format!("{}/index.html", route.trim_start_matches('/')),
            writer,
        )?;
    }
    Ok(source.copies)
}

/// The written copy of the shell that new route pages link to.
struct Source {
    path: PathBuf,
    bytes: Vec<u8>,
    copies: usize,
}

impl Source {
    /// Links the shell at `rel`. When linking fails (ext4 allows 65,000 links per file, and some
    /// file systems none), the shell is written there instead and becomes the file later pages
    /// link to, so a site of any size holds one real copy per 65,000 routes, not one per route.
    fn place(&mut self, rel: &str, writer: &Writer) -> anyhow::Result<()> {
        if writer
            .link(rel, &self.path, self.bytes.len() as u64)
            .is_ok()
        {
            return Ok(());
        }
        writer.plain(rel, &self.bytes)?;
        self.path = writer.root().join(rel);
        self.copies += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{Source, Writer};
    use std::os::unix::fs::MetadataExt;

    /// A source that cannot be linked (here: gone) stands in for one at the file system's link
    /// limit: the next page is written, and the pages after it link to that one.
    #[test]
    fn a_shell_that_cannot_be_linked_is_written_once_more_and_linked_from_then_on() {
        let dir = tempfile::tempdir().unwrap();
        let writer = Writer::new(dir.path());
        let mut source = Source {
            path: dir.path().join("missing.html"),
            bytes: b"<!doctype html>".to_vec(),
            copies: 1,
        };
        for id in ["a", "b", "c"] {
            source
                .place(&format!("items/{id}/index.html"), &writer)
                .unwrap();
        }
        assert_eq!(source.copies, 2);
        let meta = |id: &str| std::fs::metadata(dir.path().join(format!("items/{id}/index.html")));
        let (a, c) = (meta("a").unwrap(), meta("c").unwrap());
        assert_eq!(a.ino(), c.ino(), "b and c link to the copy written at a");
        assert_eq!(a.nlink(), 3);
        for id in ["a", "b", "c"] {
            let page = dir.path().join(format!("items/{id}/index.html"));
            assert_eq!(std::fs::read(page).unwrap(), b"<!doctype html>");
        }
        assert_eq!(writer.files(), 3);
    }
}
