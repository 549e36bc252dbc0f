use super::*;

fn manifest(version: u64, files: &[(&str, &str)]) -> Manifest {
    Manifest {
        kind: "gongkai-bundle".into(),
        format: 1,
        site: "s".into(),
        version,
        created: 1,
        expires: 2,
        previous: None,
        files: files
            .iter()
            .map(|(path, sha)| FileEntry {
                path: path.to_string(),
                sha256: sha.to_string(),
                size: 1,
            })
            .collect(),
    }
}

#[test]
fn version_files_are_canonical_numbers() {
    assert_eq!(version_of(&version_file(42)), Some(42));
    for stray in [
        "042.json",
        "+4.json",
        "4.json.tmp",
        ".4.json.123.tmp",
        "x.json",
        "4",
    ] {
        assert_eq!(version_of(stray), None, "{stray}");
    }
}

#[test]
fn shared_objects_are_stored_once() {
    let m = manifest(1, &[("a.html", "aa"), ("b.html", "bb"), ("c.html", "aa")]);
    let paths: Vec<&str> = objects(&m).iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["a.html", "b.html"]);
}

#[test]
fn pruning_keeps_what_kept_versions_use() {
    let old = manifest(1, &[("a", "aa"), ("b", "bb")]);
    let new = manifest(2, &[("a", "aa"), ("c", "cc")]);
    let names: Vec<String> = ["aa", "bb", "cc", "dd", ".tmp-1"]
        .map(String::from)
        .to_vec();
    assert_eq!(
        unreferenced_objects(&[&new, &old], &names),
        ["dd", ".tmp-1"]
    );
    assert_eq!(
        unreferenced_objects(&[&new], &names),
        ["bb", "dd", ".tmp-1"]
    );
    let versions: Vec<String> = ["1.json", "2.json", "3.json", "x"]
        .map(String::from)
        .to_vec();
    let keep = |v| v == 2 || v == 3;
    assert_eq!(unreferenced_versions(keep, &versions), ["1.json", "x"]);
}

#[test]
fn a_damaged_active_record_falls_back_to_the_last_good_version() {
    assert_eq!(serving(Some(2), &[1, 2]), Some(2));
    assert_eq!(serving(Some(2), &[1]), Some(1), "manifest 2 unreadable");
    assert_eq!(serving(None, &[1, 2]), Some(2), "active.json unreadable");
    assert_eq!(serving(None, &[]), None);
}

#[test]
fn url_paths_find_files_as_a_static_host_does() {
    let files = ["index.html", "items/a/index.html", "app.js", "items/b"];
    let has = |p: &str| files.contains(&p);
    assert_eq!(site_path("/", has).as_deref(), Some("index.html"));
    assert_eq!(
        site_path("/items/a/", has).as_deref(),
        Some("items/a/index.html")
    );
    assert_eq!(
        site_path("/items/a", has).as_deref(),
        Some("items/a/index.html")
    );
    assert_eq!(site_path("/app.js", has).as_deref(), Some("app.js"));
    assert_eq!(site_path("/items/b", has).as_deref(), Some("items/b"));
    assert_eq!(site_path("/items/", has), None);
    assert_eq!(site_path("/nope", has), None);
}
