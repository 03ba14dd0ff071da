//! Replacing a file whole: every file Pledge writes for a user (a
//! formatted agreement, an exported version, a contract or comparison PDF,
//! the app's settings) goes through [`write_atomically`], so a reader never
//! sees half a file and a failed write leaves the old one in place.

use crate::error::ErrorCode;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// A file could not be written or put in place.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {source}", path.display())]
pub struct WriteError {
    /// The file that failed: the sibling being written, or the target it
    /// was to replace.
    pub path: PathBuf,
    /// The system's error.
    pub source: std::io::Error,
}

impl WriteError {
    /// Always `io`.
    pub fn code(&self) -> ErrorCode {
        ErrorCode::Io
    }
}

/// Writes `bytes` to a sibling of `path` (`.NAME.pledge-tmp`, in the same
/// folder so that the rename stays on one file system), flushes it to disk
/// and renames it over `path`. On failure the sibling is removed and `path`
/// is as it was.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let temp = dir.join(format!(".{name}.pledge-tmp"));
    let failed = |path: &Path, source| {
        let _ = std::fs::remove_file(&temp);
        WriteError {
            path: path.to_owned(),
            source,
        }
    };
    let written = std::fs::File::create(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    written.map_err(|e| failed(&temp, e))?;
    std::fs::rename(&temp, path).map_err(|e| failed(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_replaced_whole_and_a_failed_write_leaves_no_sibling() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "old").expect("written");
        write_atomically(&file, b"new").expect("replaced");
        assert_eq!(std::fs::read_to_string(&file).expect("read"), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("listed")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["a.txt"], "no sibling is left behind");
        // A folder in the way cannot be replaced by a file.
        let folder = dir.path().join("folder");
        std::fs::create_dir(&folder).expect("folder");
        let error = write_atomically(&folder, b"x").expect_err("refused");
        assert_eq!(error.path, folder);
        assert!(!dir.path().join(".folder.pledge-tmp").exists());
    }
}
