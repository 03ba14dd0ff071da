//! The drafts of the first app, kept as JSON files before the SQLite store
//! existed, and the atomic file writer the app's exports use.
//!
//! The old folder is only ever read: its drafts are imported once into the
//! store and the files are left where they are, so nothing a user typed is
//! lost even if the import is interrupted.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use crate::error::AppError;

/// The folder the first app kept its drafts in, inside its data directory.
pub const DRAFTS_FOLDER: &str = "drafts";

/// A draft as the first app wrote it (`<id>.json`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct LegacyDraft {
    /// The first app's identifier, e.g. `a3`.
    pub id: String,
    /// The agreement being edited, possibly invalid.
    pub agreement: Value,
    /// The last change, in milliseconds since the Unix epoch.
    pub modified_ms: u64,
}

/// Every readable draft in `dir`, oldest first; none when the folder does
/// not exist. A file that does not read as a draft (a crash mid-write, a hand
/// edit) is skipped: it stays in the folder for whoever wants it.
pub fn read_drafts(dir: &Path) -> Vec<LegacyDraft> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut drafts: Vec<LegacyDraft> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter_map(|p| serde_json::from_slice(&std::fs::read(p).ok()?).ok())
        .collect();
    drafts.sort_by(|a, b| {
        a.modified_ms
            .cmp(&b.modified_ms)
            .then_with(|| a.id.cmp(&b.id))
    });
    drafts
}

/// Writes through a temporary file and a rename, so that a crash never
/// leaves half a file where a good one was.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes).map_err(|e| AppError::io(&tmp, &e))?;
    std::fs::rename(&tmp, path).map_err(|e| AppError::io(path, &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_files_are_skipped_and_drafts_come_oldest_first() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let draft = |id: &str, ms: u64| {
            format!(
                r#"{{"id":"{id}","agreement":{{"meta":{{"title":"{id}"}}}},"path":null,"modified_ms":{ms},"dirty":true}}"#
            )
        };
        std::fs::write(dir.path().join("a2.json"), draft("a2", 20)).expect("written");
        std::fs::write(dir.path().join("a1.json"), draft("a1", 10)).expect("written");
        std::fs::write(dir.path().join("a3.json"), "{\"id\": \"a3\", \"agree").expect("written");
        std::fs::write(dir.path().join("notes.txt"), "not a draft").expect("written");
        let ids: Vec<_> = read_drafts(dir.path()).into_iter().map(|d| d.id).collect();
        assert_eq!(ids, ["a1", "a2"]);
        assert!(read_drafts(&dir.path().join("missing")).is_empty());
    }
}
