//! The one way gongkai's pages and its Web Workers talk, so the search worker and the sync
//! worker (and the app's two clients of them) cannot drift into two protocol styles.
//!
//! - **Messages** are protocol enums serialized as JSON, tagged `"type"` in snake case (each
//!   protocol module derives `#[serde(tag = "type", rename_all = "snake_case")]`), sent as an
//!   array `[json]`, or `[json, value]` when one value travels beside it (a bundle's `File`, read
//!   in the worker and never copied through the page).
//! - **A worker says `ready` first**: messages posted before that may be lost while its wasm
//!   loads, so a client waits for it.
//! - [`Port`] is the page's side (start or adopt a worker, post, hear replies and crashes);
//!   [`listen`] and [`reply`] are the worker's.

mod page;
mod wire;
mod worker;

pub use page::{Kind, Port};
pub use wire::{decode, encode, unpack};
pub use worker::{listen, reply};
