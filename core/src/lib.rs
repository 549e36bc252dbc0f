//! gongkai-core: the one definition of every format shared by the builder and the browser app.
//!
//! It compiles for native targets and for wasm32 alike, so it has no file system access,
//! no threads and no clocks. Input parsing (front matter) lives in the builder; this crate
//! holds the validated types the builder writes and the app reads.

pub mod bundle;
pub mod cache;
pub mod calendar;
pub mod date;
pub mod docno;
pub mod index_no;
pub mod numeral;
pub mod schema;
pub mod search;
pub mod site;
pub mod structure;
pub mod versions;

pub use date::{Date, DateTime};
pub use schema::*;
