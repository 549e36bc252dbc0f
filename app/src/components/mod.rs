//! Widgets shared by several pages.

pub mod article_body;
pub mod attachments;
pub mod item_list;
pub mod large_text;
pub mod layout;
pub mod metadata;
pub mod pager;
pub mod relations;
pub mod search_box;
pub mod status;
pub mod toc;
pub mod versions;
