//! The gongkai builder: turns a content folder into a static site, checks it, serves it, imports corpora.
//!
//! Modules are named after pipeline stages: `load` (front matter → values), `validate` (rules
//! across items), `render` (Markdown → safe HTML with anchors), `site` (write the output folder
//! atomically), `index` (the search index), `serve` (preview server), `import` (other corpora →
//! content files), `bundle` (signed offline bundles and the terminal store).

pub mod bundle;
pub mod cli;
pub mod cmd;
pub mod fsx;
pub mod import;
pub mod index;
pub mod load;
pub mod parallel;
pub mod render;
pub mod serve;
pub mod site;
pub mod validate;
pub mod watch;
