//! The queries and the plumbing the ignored measurement probes share (index size, chunk size,
//! built sites), kept in one place so their figures stay comparable.

pub const COLD_QUERIES: [&str; 10] = [
    "行政许可",
    "环境保护",
    "护士条例",
    "国务院令第517号",
    "食品安全法 第十条",
    "个人信息保护",
    "安全生产",
    "\"著作权\"",
    "税",
    "",
];

/// The browser benchmark's queries (`tests/bench/queries.mjs`), for probes of built sites.
#[allow(dead_code)]
pub const BROWSER_QUERIES: [&str; 8] = [
    "行政许可",
    "环境保护",
    "国务院令第517号",
    "安全 OR 保密",
    "\"突发事件应对\"",
    "劳动合同 解除",
    "食品安全",
    "互联网 -电子",
];

/// The index files a built site's manifest lists, with their bytes.
#[allow(dead_code)]
pub fn site_files(site: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    use gongkai_core::search::{Manifest, INDEX_DIR, MANIFEST_PATH};
    let manifest: Manifest =
        serde_json::from_slice(&std::fs::read(site.join(MANIFEST_PATH)).unwrap()).unwrap();
    let read = |name: &str| std::fs::read(site.join(INDEX_DIR).join(name)).unwrap();
    let files = manifest.files.iter();
    files.map(|f| (f.name.clone(), read(&f.name))).collect()
}

/// The median time in ms of `rounds` runs of `run`, after one unmeasured run.
#[allow(dead_code)]
pub fn median_ms(rounds: usize, mut run: impl FnMut()) -> f64 {
    run();
    let mut times: Vec<f64> = (0..rounds.max(1))
        .map(|_| {
            let start = std::time::Instant::now();
            run();
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}
