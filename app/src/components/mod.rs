//! Widgets shared by several pages.

pub mod attachments;
pub mod layout;
pub mod metadata;
pub mod states;
pub mod status;
pub mod toc;
