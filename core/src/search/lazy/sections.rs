//! Small per-field sections of tantivy's composite files (term dictionaries, postings,
//! positions), read whole so the hotcache keeps them.
//!
//! A first query looks its terms up in several fields; a small field's dictionary and postings
//! (titles, 文号) are a few KiB each, yet cost two sequential range requests per term. Reading
//! every section up to [`SMALL_SECTION`] through the recording directory puts them in the hotcache;
//! big fields (the body) stay lazy. Field boundaries come from tantivy's own readers.

use super::record::RecordingDirectory;
use crate::search::types::SearchError;
use std::path::Path;
use tantivy::directory::footer::Footer;
use tantivy::directory::{CompositeFile, FileSlice};
use tantivy::schema::Field;
use tantivy::{Directory, HasLen};

/// Sections up to this many bytes are read whole. Measured on the law corpus (first query
/// 行政许可, with the small files already whole): 16 KiB and 32 KiB both saved 3 more range
/// requests (26 left; Fast 3G time to first results 27.3 s → 25.4 s) for a hotcache of 141 KiB
/// and 165 KiB; 64 KiB saved 6 (23 left) but made it 263 KiB.
pub const SMALL_SECTION: usize = 16 * 1024;
/// Composite files, by extension.
const COMPOSITE: [&str; 3] = ["term", "idx", "pos"];
/// More field ids than any schema of ours has.
const MAX_FIELDS: u32 = 64;

/// Reads every small section of the composite files among `names` through `dir`, so its log
/// holds their ranges.
pub fn read_small(dir: &RecordingDirectory, names: &[String]) -> Result<(), SearchError> {
    for name in names.iter().filter(|n| is_composite(n)) {
        read_file(dir, name).map_err(|e| SearchError::Open(format!("{name}: {e}")))?;
    }
    Ok(())
}

fn is_composite(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| COMPOSITE.contains(&ext))
}

fn read_file(dir: &RecordingDirectory, name: &str) -> std::io::Result<()> {
    let handle = dir
        .get_file_handle(Path::new(name))
        .map_err(std::io::Error::other)?;
    let (_, body) = Footer::extract_footer(FileSlice::new(handle))?;
    let composite = CompositeFile::open(&body)?;
    for id in 0..MAX_FIELDS {
        let Some(section) = composite.open_read(Field::from_field_id(id)) else {
            continue;
        };
        if section.len() <= SMALL_SECTION {
            section.read_bytes()?;
        }
    }
    Ok(())
}
