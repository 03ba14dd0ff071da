//! The user's settings kept next to the library's database
//! (`settings.json` in the data folder): the author recorded on saved
//! versions, and for each ticket history the words of its export read as
//! an agreement's ids ([`WordMaps`]). The file is read with a bound and
//! written whole; saving one setting keeps the others.

use crate::error::ErrorCode;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;

use serde::{Deserialize, Serialize};

use crate::atomic::{write_atomically, WriteError};
use crate::format::read_at_most;

/// The settings file, next to the database.
pub const SETTINGS_FILE: &str = "settings.json";

/// The longest author name kept.
pub const AUTHOR_MAX_CHARS: usize = 100;

/// The largest settings file read. It holds a short name and a few value
/// maps, so a larger file is not one of ours, and reading it whole could
/// exhaust memory. A change that would make the file larger is refused.
pub const SETTINGS_MAX_BYTES: u64 = 64 * 1024;

/// What the file holds. Unknown fields are ignored, so an older Pledge
/// reads a newer file.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    author: Option<String>,
    /// Per history name, its word maps.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    history_values: BTreeMap<String, WordMaps>,
}

/// A history's words read as an agreement's ids: for each field, the
/// export's word (as the file writes it) to the id. Kept per history, so
/// every agreement measured on it reads its words the same way.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct WordMaps {
    /// Plan (or organisation) words to plan ids.
    #[serde(default)]
    pub plan: BTreeMap<String, String>,
    /// Priority words to priority ids.
    #[serde(default)]
    pub priority: BTreeMap<String, String>,
    /// Channel words to channel ids.
    #[serde(default)]
    pub channel: BTreeMap<String, String>,
}

impl WordMaps {
    /// The maps as a report's value maps.
    pub fn values(&self) -> crate::history::Values {
        crate::history::Values {
            plan: self.plan.clone(),
            priority: self.priority.clone(),
            channel: self.channel.clone(),
            ..Default::default()
        }
    }

    /// Whether no word is mapped.
    pub fn is_empty(&self) -> bool {
        self.plan.is_empty() && self.priority.is_empty() && self.channel.is_empty()
    }
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
    /// The change would make the file larger than [`SETTINGS_MAX_BYTES`].
    #[error("{} would be larger than {} KiB: not saved", path.display(), SETTINGS_MAX_BYTES / 1024)]
    TooLarge {
        /// The file.
        path: PathBuf,
    },
}

impl SettingsError {
    /// `settings` for a file that is not one, `io` for one that cannot be
    /// read or written.
    pub fn code(&self) -> ErrorCode {
        match self {
            SettingsError::NotSettings { .. } | SettingsError::TooLarge { .. } => {
                ErrorCode::Settings
            }
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
    Ok(read_stored(data_dir)?
        .author
        .filter(|a| !a.trim().is_empty()))
}

/// The word maps saved for history `history` (none mapped when the file
/// has none). A file that cannot be read is an error naming it.
pub fn saved_word_maps(data_dir: &Path, history: &str) -> Result<WordMaps, SettingsError> {
    Ok(read_stored(data_dir)?
        .history_values
        .remove(history)
        .unwrap_or_default())
}

/// Keeps `maps` as history `history`'s word maps (an empty one removes
/// them), keeping every other setting. A settings file that cannot be read
/// is left as it is and the maps are not saved, so nothing in it is lost;
/// maps that would make the file larger than [`SETTINGS_MAX_BYTES`] are
/// refused.
pub fn save_word_maps(
    data_dir: &Path,
    history: &str,
    maps: &WordMaps,
) -> Result<(), SettingsError> {
    let mut stored = read_stored(data_dir)?;
    if maps.is_empty() {
        stored.history_values.remove(history);
    } else {
        stored
            .history_values
            .insert(history.to_string(), maps.clone());
    }
    write_stored(data_dir, &stored)
}

/// The file's content; the default when there is no file.
fn read_stored(data_dir: &Path) -> Result<Stored, SettingsError> {
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
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Stored::default()),
        Err(source) => return Err(SettingsError::Io { path, source }),
    };
    serde_json::from_slice(&bytes).map_err(|e| not_settings(e.to_string()))
}

/// Writes the file whole, refusing a content larger than the reader's
/// bound (it could not be read back).
fn write_stored(data_dir: &Path, stored: &Stored) -> Result<(), SettingsError> {
    let path = settings_file(data_dir);
    let text = serde_json::to_string_pretty(stored).map_err(|e| SettingsError::NotSettings {
        path: path.clone(),
        why: e.to_string(),
    })?;
    let text = format!("{text}\n");
    if text.len() as u64 > SETTINGS_MAX_BYTES {
        return Err(SettingsError::TooLarge { path });
    }
    Ok(write_atomically(&path, text.as_bytes())?)
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

/// Keeps `author` (already checked by [`clean_author`]) in the settings,
/// with the other settings the file holds. A file that cannot be read is
/// replaced: the name typed is the user's answer to the error shown.
pub fn save_author(data_dir: &Path, author: &str) -> Result<(), SettingsError> {
    let mut stored = read_stored(data_dir).unwrap_or_default();
    stored.author = Some(author.to_string());
    write_stored(data_dir, &stored)
}
