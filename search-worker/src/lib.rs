//! The search worker's message protocol, shared with the app (`gongkai-app`) so both sides
//! speak the same JSON. The worker itself is this package's binary (`src/main.rs`); the library
//! holds nothing that runs, so depending on it adds no search code to the app.

pub mod protocol;
