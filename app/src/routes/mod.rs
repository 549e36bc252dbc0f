//! One module per page the router can show.

pub mod catalogue;
pub mod department;
pub mod diff;
pub mod home;
pub mod item;
pub mod not_found;
pub mod search;
pub mod sync;
