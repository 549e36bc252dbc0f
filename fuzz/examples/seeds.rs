//! Writes the fuzz seeds (`gongkai_fuzz::seeds`) into `fuzz/seeds/`, replacing what is there:
//! `cargo run --manifest-path fuzz/Cargo.toml --example seeds`.

use std::path::Path;

fn main() -> std::io::Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    for (name, bytes) in gongkai_fuzz::seeds() {
        std::fs::write(dir.join(name), &bytes)?;
        println!("{name}: {} bytes", bytes.len());
    }
    Ok(())
}
