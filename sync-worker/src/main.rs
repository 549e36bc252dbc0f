//! The sync worker's entry point: in a browser's Web Worker it starts answering the terminal
//! page; built natively (for tests and clippy) it only says where it belongs.

mod worker;

fn main() {
    if cfg!(target_arch = "wasm32") {
        worker::start();
    } else {
        eprintln!("sync-worker runs in a browser's Web Worker; build it with Trunk");
    }
}
