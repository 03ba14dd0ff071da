//! The user's settings kept next to the library's database
//! (`settings.json` in the data folder): the author recorded on saved
//! versions. The file is read with a bound and written whole.

use crate::error::ErrorCode;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::atomic::{write_atomically, WriteError};
use crate::format::read_at_most;

/// The settings file, next to the database.
pub const SETTINGS_FILE: &str = "settings.json";

/// The longest author name kept.
pub const AUTHOR_MAX_CHARS: usize = 100;

/// The largest settings file read. It holds one short name, so a larger
/// file is not one of ours, and reading it whole could exhaust memory.
pub const SETTINGS_MAX_BYTES: u64 = 64 * 1024;

/// What the file holds. Unknown fields are ignored, so an older Pledge
/// reads a newer file.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    author: Option<String>,
}

/// Why the settings cannot be read or kept.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SettingsError {
    /// The file is not a settings file (too large, or not its JSON); it is
    /// left as it is.
    #[error("{} is not a settings file: {why}", path.display())]
    NotSettings {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        why: String,
    },
    /// The file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
    /// The file could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
}

impl SettingsError {
    /// `settings` for a file that is not one, `io` for one that cannot be
    /// read or written.
    pub fn code(&self) -> ErrorCode {
        match self {
            SettingsError::NotSettings { .. } => ErrorCode::Settings,
            SettingsError::Io { .. } | SettingsError::Write(_) => ErrorCode::Io,
        }
    }
}

/// The settings file of the library in `data_dir`.
pub fn settings_file(data_dir: &Path) -> PathBuf {
    data_dir.join(SETTINGS_FILE)
}

/// The author saved in the settings, if any. A file that cannot be read or
/// parsed is an error naming it (it is left as it is).
pub fn saved_author(data_dir: &Path) -> Result<Option<String>, SettingsError> {
    let path = settings_file(data_dir);
    let not_settings = |why: String| SettingsError::NotSettings {
        path: path.clone(),
        why,
    };
    let bytes = match read_at_most(&path, SETTINGS_MAX_BYTES) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            return Err(not_settings(format!(
                "it is larger than {} KiB",
                SETTINGS_MAX_BYTES / 1024
            )))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(SettingsError::Io { path, source }),
    };
    let stored: Stored = serde_json::from_slice(&bytes).map_err(|e| not_settings(e.to_string()))?;
    Ok(stored.author.filter(|a| !a.trim().is_empty()))
}

/// Why an author name is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AuthorError {
    /// Nothing but white space.
    #[error("the author's name is empty")]
    Empty,
    /// More than [`AUTHOR_MAX_CHARS`] characters.
    #[error("the author's name is longer than {AUTHOR_MAX_CHARS} characters")]
    TooLong,
    /// A control character (a line break, a bell…).
    #[error("the author's name contains a control character")]
    Control,
}

impl AuthorError {
    /// Always `invalid-author`.
    pub fn code(&self) -> ErrorCode {
        ErrorCode::InvalidAuthor
    }
}

/// An author name as typed, trimmed and checked: not empty, at most
/// [`AUTHOR_MAX_CHARS`] characters, no control characters.
pub fn clean_author(author: &str) -> Result<String, AuthorError> {
    let name = author.trim();
    if name.is_empty() {
        return Err(AuthorError::Empty);
    }
    if name.chars().count() > AUTHOR_MAX_CHARS {
        return Err(AuthorError::TooLong);
    }
    if name.chars().any(char::is_control) {
        return Err(AuthorError::Control);
    }
    Ok(name.to_string())
}

/// Keeps `author` (already checked by [`clean_author`]) in the settings.
pub fn save_author(data_dir: &Path, author: &str) -> Result<(), SettingsError> {
    let stored = Stored {
        author: Some(author.to_string()),
    };
    let text = serde_json::to_string_pretty(&stored).map_err(|e| SettingsError::NotSettings {
        path: settings_file(data_dir),
        why: e.to_string(),
    })?;
    Ok(write_atomically(
        &settings_file(data_dir),
        format!("{text}\n").as_bytes(),
    )?)
}
