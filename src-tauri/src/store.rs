//! Where the library keeps its drafts between runs: the one persistence
//! seam. Today drafts are JSON files in the app's data directory; the
//! SQLite store replaces [`FileStore`] by implementing [`Store`].

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::AppError;

/// An agreement as the library remembers it between runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The library's identifier.
    pub id: String,
    /// The agreement being edited, possibly invalid.
    pub agreement: Value,
    /// The file it was opened from or saved to.
    pub path: Option<PathBuf>,
    /// The last change, in milliseconds since the Unix epoch.
    pub modified_ms: u64,
    /// Whether it changed since it was last opened or saved.
    pub dirty: bool,
}

/// Persistence of drafts. Implementations must be safe to call after every
/// edit: the library autosaves each change.
pub trait Store: Send {
    /// Every draft kept, in no particular order.
    fn load(&self) -> Result<Vec<Draft>, AppError>;
    /// Keeps a draft, replacing the one with the same id.
    fn put(&mut self, draft: &Draft) -> Result<(), AppError>;
    /// Forgets a draft; forgetting an unknown id is not an error.
    fn remove(&mut self, id: &str) -> Result<(), AppError>;
}

/// Drafts as `<dir>/<id>.json` files.
#[derive(Debug)]
pub struct FileStore {
    dir: PathBuf,
}

impl FileStore {
    /// A store in `dir`, created if missing.
    pub fn new(dir: impl Into<PathBuf>) -> Result<Self, AppError> {
        let dir = dir.into();
        std::fs::create_dir_all(&dir).map_err(|e| AppError::io(&dir, &e))?;
        Ok(FileStore { dir })
    }

    fn file(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.json"))
    }
}

impl Store for FileStore {
    fn load(&self) -> Result<Vec<Draft>, AppError> {
        let entries = std::fs::read_dir(&self.dir).map_err(|e| AppError::io(&self.dir, &e))?;
        let mut drafts = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "json") {
                // A draft that cannot be read (a crash mid-write, a hand
                // edit) is skipped rather than keeping the app from starting.
                if let Some(draft) = read_draft(&path) {
                    drafts.push(draft);
                }
            }
        }
        Ok(drafts)
    }

    fn put(&mut self, draft: &Draft) -> Result<(), AppError> {
        let text = serde_json::to_vec(draft).map_err(|e| AppError::new("store", e.to_string()))?;
        write_atomically(&self.file(&draft.id), &text)
    }

    fn remove(&mut self, id: &str) -> Result<(), AppError> {
        let file = self.file(id);
        match std::fs::remove_file(&file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(AppError::io(&file, &e)),
            _ => Ok(()),
        }
    }
}

fn read_draft(path: &Path) -> Option<Draft> {
    serde_json::from_slice(&std::fs::read(path).ok()?).ok()
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

/// Drafts in memory only, for tests and for a library that must not touch
/// the disk.
#[derive(Debug, Default)]
pub struct MemoryStore {
    drafts: Vec<Draft>,
}

impl Store for MemoryStore {
    fn load(&self) -> Result<Vec<Draft>, AppError> {
        Ok(self.drafts.clone())
    }
    fn put(&mut self, draft: &Draft) -> Result<(), AppError> {
        self.drafts.retain(|d| d.id != draft.id);
        self.drafts.push(draft.clone());
        Ok(())
    }
    fn remove(&mut self, id: &str) -> Result<(), AppError> {
        self.drafts.retain(|d| d.id != id);
        Ok(())
    }
}

impl Store for Box<dyn Store> {
    fn load(&self) -> Result<Vec<Draft>, AppError> {
        (**self).load()
    }
    fn put(&mut self, draft: &Draft) -> Result<(), AppError> {
        (**self).put(draft)
    }
    fn remove(&mut self, id: &str) -> Result<(), AppError> {
        (**self).remove(id)
    }
}
