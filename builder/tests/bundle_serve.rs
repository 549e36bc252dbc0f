//! `gongkai serve --store`: a native terminal serves exactly what it verified, from the one
//! store layout both terminals keep, and falls back to the last good version when the active
//! version's records are damaged.

mod bundle_support;
mod http_support;
mod tree;

use bundle_support::*;
use gongkai::serve::{self, ServerHandle};
use http_support::{get, Reply};

fn serve_store(env: &Env) -> ServerHandle {
    serve::start_store(&env.path("store"), serve::Options::local(0)).unwrap()
}

/// The URL of a site path (each segment percent-encoded, so Chinese names travel as UTF-8).
fn url(path: &str) -> String {
    let mut out = String::new();
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    format!("/{out}")
}

fn object_of(env: &Env, path: &str) -> std::path::PathBuf {
    let active = env.active().unwrap();
    let manifest = std::fs::read(env.path(&format!("store/versions/{active}.json"))).unwrap();
    let manifest: serde_json::Value = serde_json::from_slice(&manifest).unwrap();
    let files = manifest["files"].as_array().unwrap();
    let entry = files.iter().find(|f| f["path"] == path).unwrap();
    env.path(&format!(
        "store/objects/{}",
        entry["sha256"].as_str().unwrap()
    ))
}

fn version(reply: &Reply) -> Option<&str> {
    reply.header("X-Gongkai-Version")
}

#[test]
fn the_built_sample_site_is_served_byte_for_byte_from_the_store() {
    let env = Env::sample_installed();
    let files = env.active_files();
    assert!(
        files.len() > 50,
        "the sample site has {} files",
        files.len()
    );
    assert!(files
        .keys()
        .any(|p| p.starts_with("items/") && p.ends_with("/index.html")));
    // A regulation's earlier text and the comparison travel and are served offline like the rest.
    for page in [
        "items/baoshou-guojia-mimi-fa/v/2010-04-29/index.html",
        "items/baoshou-guojia-mimi-fa/diff/2010-04-29/2024-02-27/index.html",
    ] {
        assert!(files.contains_key(page), "{page} is in the bundle");
    }
    let server = serve_store(&env);
    for (path, bytes) in &files {
        let reply = get(server.addr(), &url(path), &[]);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(&reply.body, bytes, "{path}");
        assert_eq!(version(&reply), Some("1"));
    }
    let home = get(server.addr(), "/", &[]);
    assert_eq!(home.body, files["index.html"]);
    assert_eq!(
        home.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    let missing = get(server.addr(), "/no/such/page/", &[]);
    assert_eq!(missing.status, 404);
    assert_eq!(missing.body, files["404.html"]);
    assert_eq!(get(server.addr(), "/no-such.js", &[]).status, 404);
    let part = get(server.addr(), "/index.html", &[("Range", "bytes=0-9")]);
    assert_eq!(part.status, 206);
    assert_eq!(part.body, files["index.html"][..10]);
}

#[test]
fn forged_or_missing_objects_get_the_damaged_page_not_their_bytes() {
    let env = Env::installed();
    let server = serve_store(&env);
    let good = get(server.addr(), "/data/catalogue.json", &[]);
    assert_eq!(good.status, 200);
    // Same size, other bytes, written after the object was hashed and served.
    let object = object_of(&env, "data/catalogue.json");
    let mut forged = std::fs::read(&object).unwrap();
    forged[0] ^= 0x20;
    std::fs::write(&object, &forged).unwrap();
    let reply = get(server.addr(), "/data/catalogue.json", &[]);
    assert_eq!(reply.status, 503);
    assert!(reply.text().contains("已损坏或缺失"), "{}", reply.text());
    assert!(
        !reply
            .body
            .windows(8)
            .any(|w| forged.windows(8).any(|f| f == w))
            || reply.body.len() < 8
    );
    std::fs::remove_file(&object).unwrap();
    assert_eq!(get(server.addr(), "/data/catalogue.json", &[]).status, 503);
}

#[test]
fn damaged_records_fall_back_to_the_last_good_version_and_a_full_bundle_repairs() {
    let env = Env::installed();
    env.copy_site("site2");
    std::fs::write(env.path("site2/data/new.json"), b"{\"v\":2}").unwrap();
    env.bundle_with(
        &["a"],
        "site2",
        &["--version", "2", "--out", &env.s("v2.zip")],
        t0() + 1,
    );
    assert_ok(&env.apply("v2.zip"));
    let server = serve_store(&env);
    let probe = "/data/catalogue.json";
    assert_eq!(version(&get(server.addr(), probe, &[])), Some("2"));
    // The active version's manifest is damaged: version 1, whole, is served instead.
    std::fs::write(env.path("store/versions/2.json"), b"{ damaged").unwrap();
    let fallback = get(server.addr(), probe, &[]);
    assert_eq!(fallback.status, 200);
    assert_eq!(version(&fallback), Some("1"));
    assert_eq!(get(server.addr(), "/data/new.json", &[]).status, 404);
    // Re-applying the full bundle repairs the store (the history still says version 2).
    assert_ok(&env.apply("v2.zip"));
    assert_eq!(version(&get(server.addr(), probe, &[])), Some("2"));
    assert_eq!(get(server.addr(), "/data/new.json", &[]).body, b"{\"v\":2}");
    // A damaged active.json: the newest version whose manifest reads is served.
    std::fs::write(env.path("store/active.json"), b"garbage").unwrap();
    assert_eq!(version(&get(server.addr(), probe, &[])), Some("2"));
}
