//! The wasm entry point: it only mounts the app, which lives in the library so it can be tested natively.

fn main() {
    leptos::mount::mount_to_body(gongkai_app::App);
}
