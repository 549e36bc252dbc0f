//! From a parsed request to a response: method, path safety, directories, and the not-found page.

use super::file::{self, inside};
use super::request::Request;
use super::response::Response;
use super::stored;
use super::target::{self, Target};
use super::Site;
use std::path::{Path, PathBuf};

/// Where a safe target leads inside the site.
enum Resolved {
    File(PathBuf),
    /// A directory asked for without its slash; relative links inside need the slash.
    AddSlash(String),
    NotFound,
}

/// Answers one request against `site`.
pub fn respond(site: &Site, req: &Request) -> Response {
    if req.method != "GET" && req.method != "HEAD" {
        return Response::text(405, "Method Not Allowed").header("Allow", "GET, HEAD");
    }
    let target = match target::parse(&req.target) {
        Ok(t) => t,
        Err(_) => return Response::text(400, "Bad Request"),
    };
    match site {
        Site::Folder(root) => from_folder(root, req, &target),
        Site::Store(store) => stored::respond(store, req, &target),
    }
}

/// Answers from the site folder at `root` (a canonical path).
fn from_folder(root: &Path, req: &Request, target: &Target) -> Response {
    match resolve(root, target) {
        Resolved::File(path) => file::serve(req, root, &path, 200),
        Resolved::AddSlash(location) => {
            Response::text(301, "Moved Permanently").header("Location", location)
        }
        Resolved::NotFound => not_found(root, req, target),
    }
}

fn resolve(root: &Path, target: &Target) -> Resolved {
    let path = target.under(root);
    if !inside(root, &path) {
        return Resolved::NotFound;
    }
    if path.is_dir() {
        if !target.trailing_slash && !target.segments.is_empty() {
            return Resolved::AddSlash(target.with_slash());
        }
        let index = path.join("index.html");
        let found = inside(root, &index) && index.is_file();
        return if found {
            Resolved::File(index)
        } else {
            Resolved::NotFound
        };
    }
    if target.trailing_slash || !path.is_file() {
        return Resolved::NotFound;
    }
    Resolved::File(path)
}

/// App routes (no file extension) get the site's `404.html` with status 404, as GitHub Pages does,
/// and the app there renders the route; a missing asset gets plain text so it is not mistaken for one.
fn not_found(root: &Path, req: &Request, target: &Target) -> Response {
    let page = root.join("404.html");
    if !target.looks_like_file() && inside(root, &page) && page.is_file() {
        return file::serve(req, root, &page, 404);
    }
    Response::text(404, "Not Found")
}
