//! The one check of `search-index/manifest.json` that every reader runs before fetching a byte
//! (the CLI, the search worker and the benches): the index format, file names that cannot leave
//! the index folder, and a total size the reader can hold; and the check of a file's bytes.

use super::{Manifest, ManifestFile, INDEX_FORMAT};
use sha2::{Digest, Sha256};

/// Why a manifest is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ManifestError {
    /// Written by another version of gongkai.
    #[error("the index has format {found}; this reader supports only {INDEX_FORMAT}")]
    Format { found: u32 },
    /// A name with a folder, spaces, or only dots.
    #[error("the manifest names an unsafe file {0:?}")]
    BadName(String),
    /// More bytes than the reader can hold (or than a u64 counts).
    #[error("the index is larger than {limit} bytes")]
    TooLarge { limit: u64 },
}

impl Manifest {
    /// Checks the format and every file name; returns the total size, at most `limit`.
    pub fn check(&self, limit: u64) -> Result<u64, ManifestError> {
        if self.format != INDEX_FORMAT {
            return Err(ManifestError::Format { found: self.format });
        }
        if let Some(bad) = self.files.iter().find(|f| !is_plain_name(&f.name)) {
            return Err(ManifestError::BadName(bad.name.clone()));
        }
        self.files
            .iter()
            .try_fold(0u64, |sum, f| sum.checked_add(f.size))
            .filter(|total| *total <= limit)
            .ok_or(ManifestError::TooLarge { limit })
    }
}

impl ManifestFile {
    /// Whether `bytes` are this file: its size and its SHA-256.
    pub fn holds(&self, bytes: &[u8]) -> bool {
        bytes.len() as u64 == self.size && hex::encode(Sha256::digest(bytes)) == self.sha256
    }
}

/// A file name inside the index folder: ASCII letters, digits, `.`, `_` and `-`; not only dots.
pub fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 255
        && !name.chars().all(|c| c == '.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(names: &[(&str, u64)]) -> Manifest {
        Manifest {
            format: INDEX_FORMAT,
            items: 1,
            articles: 0,
            files: names
                .iter()
                .map(|(name, size)| ManifestFile {
                    name: name.to_string(),
                    size: *size,
                    sha256: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn totals_names_and_format_are_checked() {
        let ok = manifest(&[("meta.json", 3), ("a.idx", 4)]);
        assert_eq!(ok.check(u64::MAX), Ok(7));
        for bad in ["../x", "a/b", "a\\b", "..", ".", "", "a b", "名.idx"] {
            let refused = manifest(&[(bad, 1)]).check(u64::MAX);
            assert_eq!(refused, Err(ManifestError::BadName(bad.into())), "{bad:?}");
        }
        let huge = manifest(&[("a", u64::MAX), ("b", 1)]);
        assert_eq!(
            huge.check(u64::MAX),
            Err(ManifestError::TooLarge { limit: u64::MAX })
        );
        assert_eq!(ok.check(6), Err(ManifestError::TooLarge { limit: 6 }));
        let mut other = manifest(&[]);
        other.format = INDEX_FORMAT + 1;
        let found = INDEX_FORMAT + 1;
        assert_eq!(other.check(u64::MAX), Err(ManifestError::Format { found }));
    }

    #[test]
    fn a_file_is_its_size_and_digest() {
        let file = ManifestFile {
            name: "a".into(),
            size: 3,
            sha256: hex::encode(Sha256::digest(b"abc")),
        };
        assert!(file.holds(b"abc"));
        assert!(!file.holds(b"abd"));
        assert!(!file.holds(b"abcd"));
    }
}
