//! The sync worker's shared half: the message protocol between the terminal page (`gongkai-app`)
//! and the worker, and the Chinese wording of every rejection reason. The worker itself (the core
//! verifier plus the browser store) is this package's binary (`src/main.rs`); the library holds
//! nothing that touches the browser, so the app depends on it without carrying worker code.

pub mod protocol;
pub mod reasons;
