//! Bundles on the native side: keys, making bundles and feeds, and the terminal store.
//!
//! The format and every verification rule live in `gongkai_core::bundle`; this module only
//! adds what needs a file system or a clock.

pub mod feed;
pub mod keys;
pub mod make;
pub mod objects;
pub mod store;
