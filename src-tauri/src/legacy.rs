//! The drafts of the first app, kept as JSON files before the SQLite store
//! existed, and the atomic file writer the app's exports use.
//!
//! The old folder is only ever read: its drafts are imported once into the
//! store and the files are left where they are, so nothing a user typed is
//! lost even if the import is interrupted.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

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

/// The drafts of the old folder: those that read, and those left aside.
#[derive(Debug, Default)]
pub struct LegacyDrafts {
    /// Every readable draft, oldest first.
    pub drafts: Vec<LegacyDraft>,
    /// Each file left aside, with why, in file-name order.
    pub skipped: Vec<(PathBuf, String)>,
}

/// The drafts in `dir`; none when the folder does not exist. A file that
/// does not read as a draft (a crash mid-write, a hand edit, a file far
/// larger than any agreement) is skipped with its reason: it stays in the
/// folder for whoever wants it. No file is read past
/// [`pledge::format::MAX_INPUT_BYTES`], so a huge or endless file cannot
/// exhaust memory.
pub fn read_drafts(dir: &Path) -> LegacyDrafts {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return LegacyDrafts::default();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut found = LegacyDrafts::default();
    let limit = pledge::format::MAX_INPUT_BYTES as u64;
    for path in files {
        let read = match pledge::format::read_at_most(&path, limit) {
            Ok(Some(bytes)) => serde_json::from_slice(&bytes).map_err(|e| e.to_string()),
            Ok(None) => Err(format!(
                "it is larger than {} MiB, far larger than any draft",
                limit / (1024 * 1024)
            )),
            Err(e) => Err(e.to_string()),
        };
        match read {
            Ok(draft) => found.drafts.push(draft),
            Err(why) => found.skipped.push((path, why)),
        }
    }
    found.drafts.sort_by(|a, b| {
        a.modified_ms
            .cmp(&b.modified_ms)
            .then_with(|| a.id.cmp(&b.id))
    });
    found
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
        let found = read_drafts(dir.path());
        let ids: Vec<_> = found.drafts.into_iter().map(|d| d.id).collect();
        assert_eq!(ids, ["a1", "a2"]);
        assert_eq!(found.skipped.len(), 1);
        assert!(found.skipped[0].0.ends_with("a3.json"));
        assert!(read_drafts(&dir.path().join("missing")).drafts.is_empty());
    }

    #[test]
    fn a_draft_larger_than_any_agreement_is_skipped_with_its_reason_unread() {
        // issue 12: the drafts were read whole, so a huge file in the old
        // folder could exhaust memory at start-up.
        let dir = tempfile::tempdir().expect("a temporary directory");
        let huge = dir.path().join("a9.json");
        let padding = " ".repeat(pledge::format::MAX_INPUT_BYTES);
        std::fs::write(
            &huge,
            format!(r#"{{"id":"a9","agreement":{{}},"modified_ms":1}}{padding}"#),
        )
        .expect("written");
        let found = read_drafts(dir.path());
        assert!(found.drafts.is_empty());
        assert_eq!(found.skipped.len(), 1);
        assert!(
            found.skipped[0].1.contains("larger than"),
            "{:?}",
            found.skipped
        );
    }
}
