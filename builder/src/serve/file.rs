//! Answering with one file: precompressed variant, validators, and byte ranges.
//!
//! A Range request always gets the identity file, so offsets refer to the real bytes (the app reads
//! the search index this way). Each variant has its own ETag since its bytes differ.

use super::encoding::{self, Coding};
use super::mime::content_type;
use super::range::{self, RangeAnswer};
use super::request::Request;
use super::response::{http_date, Body, Response};
use std::fs::{File, Metadata};
use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// Serves `path` (already found inside `root`); `status` is 200 for a hit or 404 for the site's
/// own 404 page (no ranges then). A twin is sent only if it too resolves inside `root`.
pub fn serve(req: &Request, root: &Path, path: &Path, status: u16) -> Response {
    let ranged = status == 200 && req.header("range").is_some();
    let coding = if ranged {
        None
    } else {
        pick_variant(req, root, path)
    };
    let variant = match coding {
        Some(c) => sibling(path, c),
        None => path.to_path_buf(),
    };
    match open_inside(root, &variant) {
        Ok((file, meta)) => send(req, file, &meta, path, coding, status),
        Err(err) => io_error(&err),
    }
}

/// Serves the open `file` as if it were named `name` (its Content-Type follows the name): a
/// store's object, already checked, which has no precompressed twins.
pub fn serve_open(
    req: &Request,
    file: File,
    meta: &Metadata,
    name: &Path,
    status: u16,
) -> Response {
    send(req, file, meta, name, None, status)
}

fn send(
    req: &Request,
    file: File,
    meta: &Metadata,
    path: &Path,
    coding: Option<Coding>,
    status: u16,
) -> Response {
    let ranged = status == 200 && req.header("range").is_some();
    let resp = describe(path, meta, coding);
    if status == 200 && not_modified(req, &etag(meta, coding)) {
        return resp.status(304);
    }
    let answer = match req.header("range") {
        Some(h) if ranged && if_range_holds(req, meta, coding) => range::answer(&h, meta.len()),
        _ => RangeAnswer::Full,
    };
    with_body(resp, status, file, meta.len(), answer)
}

fn pick_variant(req: &Request, root: &Path, path: &Path) -> Option<Coding> {
    let available: Vec<Coding> = Coding::ALL
        .into_iter()
        .filter(|&c| {
            let twin = sibling(path, c);
            inside(root, &twin) && twin.is_file()
        })
        .collect();
    encoding::choose(req.header("accept-encoding").as_deref(), &available)
}

/// Whether `path` exists and stays under `root` (canonical) after following symlinks; the
/// name served is still the requested one, so its Content-Type and twins follow the URL.
pub fn inside(root: &Path, path: &Path) -> bool {
    path.canonicalize().is_ok_and(|real| real.starts_with(root))
}

/// Opens the real file behind `path` only if it lies under `root`: the path checked is the
/// path opened, so a symlink swapped in between cannot lead out.
fn open_inside(root: &Path, path: &Path) -> io::Result<(File, Metadata)> {
    let real = path.canonicalize()?;
    if !real.starts_with(root) {
        return Err(io::ErrorKind::NotFound.into());
    }
    let file = File::open(&real)?;
    let meta = file.metadata()?;
    Ok((file, meta))
}

/// `app.js` → `app.js.br`.
fn sibling(path: &Path, coding: Coding) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(coding.suffix());
    PathBuf::from(name)
}

/// The headers shared by 200, 206, 304 and 416, with an empty body to fill in.
fn describe(path: &Path, meta: &Metadata, coding: Option<Coding>) -> Response {
    let mut resp = Response::new(200, Body::Empty)
        .header("Content-Type", content_type(path))
        .header("Vary", "Accept-Encoding")
        .header("Accept-Ranges", "bytes")
        // A preview changes on every rebuild: always revalidate, which the ETag makes cheap.
        .header("Cache-Control", "no-cache")
        .header("ETag", etag(meta, coding));
    if let Ok(modified) = meta.modified() {
        resp = resp.header("Last-Modified", http_date(modified));
    }
    match coding {
        Some(c) => resp.header("Content-Encoding", c.token()),
        None => resp,
    }
}

fn with_body(resp: Response, status: u16, file: File, len: u64, answer: RangeAnswer) -> Response {
    match answer {
        RangeAnswer::Full => resp.status(status).body(Body::File {
            file,
            start: 0,
            len,
        }),
        RangeAnswer::Partial { start, end } => resp
            .status(206)
            .header("Content-Range", format!("bytes {start}-{end}/{len}"))
            .body(Body::File {
                file,
                start,
                len: end - start + 1,
            }),
        RangeAnswer::Unsatisfiable => resp
            .status(416)
            .header("Content-Range", format!("bytes */{len}")),
    }
}

/// A strong validator from size and modification time, tagged by coding.
fn etag(meta: &Metadata, coding: Option<Coding>) -> String {
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    let suffix = coding.map_or(String::new(), |c| format!("-{}", c.suffix()));
    format!("\"{:x}-{:x}{suffix}\"", meta.len(), mtime)
}

fn not_modified(req: &Request, etag: &str) -> bool {
    let Some(list) = req.header("if-none-match") else {
        return false;
    };
    list.split(',')
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == "*" || t == etag)
}

/// RFC 9110 §13.1.5: a stale If-Range means "send it all"; an HTTP date compares to Last-Modified.
fn if_range_holds(req: &Request, meta: &Metadata, coding: Option<Coding>) -> bool {
    let Some(condition) = req.header("if-range") else {
        return true;
    };
    if condition.starts_with('"') {
        return condition == etag(meta, coding);
    }
    meta.modified().is_ok_and(|m| http_date(m) == condition)
}

fn io_error(err: &io::Error) -> Response {
    match err.kind() {
        io::ErrorKind::NotFound => Response::text(404, "Not Found"),
        io::ErrorKind::PermissionDenied => Response::text(403, "Forbidden"),
        _ => Response::text(500, "Internal Server Error"),
    }
}
