//! The one error type the UI receives: `{code, message, path}`.

use schemars::JsonSchema;
use serde::Serialize;

/// An error as the UI sees it. `code` is stable for the UI to act on,
/// `message` is for people, `path` names the field concerned (e.g.
/// `targets[2].resolution.within`), the database file for `busy` and
/// `database`, or is empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    /// A stable code: `unknown-agreement`, `unknown-sample`, `io`,
    /// `not-an-agreement`, `busy` (another process holds the database: try
    /// again), `database` (the file cannot be used), `altered-version` (a
    /// saved version's text no longer matches its fingerprint: it was not
    /// opened; `path` is the database file), `store`, the store's other
    /// codes, or a format error's code.
    pub code: String,
    /// What went wrong, in plain words.
    pub message: String,
    /// The field path or database file concerned, or empty.
    pub path: String,
}

impl AppError {
    /// An error about no particular field.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        AppError {
            code: code.into(),
            message: message.into(),
            path: String::new(),
        }
    }

    /// An error reading or writing a file.
    pub fn io(path: &std::path::Path, error: &std::io::Error) -> Self {
        AppError::new("io", format!("{}: {error}", path.display()))
    }
}

impl From<pledge::atomic::WriteError> for AppError {
    fn from(e: pledge::atomic::WriteError) -> Self {
        AppError::io(&e.path, &e.source)
    }
}

impl From<pledge::format::FormatError> for AppError {
    fn from(e: pledge::format::FormatError) -> Self {
        let message = match e.location {
            Some(at) => format!("{} (line {}, column {})", e.message, at.line, at.column),
            None => e.message,
        };
        AppError {
            code: e.code.into(),
            message,
            path: e.path,
        }
    }
}

impl From<pledge::format::FileError> for AppError {
    fn from(e: pledge::format::FileError) -> Self {
        AppError::new("io", e.to_string())
    }
}

impl From<pledge::store::StoreError> for AppError {
    /// The UI acts on `busy` (try again), `database` (the file cannot be
    /// used: show the error screen) and `altered-version` (the version was
    /// refused), so those carry the database file in `path`; the others
    /// name no file.
    fn from(e: pledge::store::StoreError) -> Self {
        use pledge::store::StoreError as E;
        let message = e.to_string();
        let (code, path) = match &e {
            E::Busy { path } => ("busy", path.display().to_string()),
            E::NotADatabase { path, .. }
            | E::Damaged { path, .. }
            | E::NotPledge { path }
            | E::NewerSchema { path, .. } => ("database", path.display().to_string()),
            E::Migration { .. } | E::Backup { .. } => ("database", String::new()),
            E::NotFound { .. } => ("unknown-agreement", String::new()),
            E::VersionNotFound { .. } => ("unknown-version", String::new()),
            E::NoVersion { .. } => ("no-version", String::new()),
            E::InTrash { .. } => ("in-trash", String::new()),
            E::NotInTrash { .. } => ("not-in-trash", String::new()),
            E::File { source, .. } => {
                return AppError {
                    code: source.code.into(),
                    message,
                    path: source.path.clone(),
                }
            }
            E::AlteredVersion { path, .. } => ("altered-version", path.display().to_string()),
            E::Io { .. } | E::Unreadable(_) => ("io", String::new()),
            E::InvalidName { .. } => ("invalid-name", String::new()),
            _ => ("store", String::new()),
        };
        AppError {
            code: code.into(),
            message,
            path,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_database_reaches_the_ui_with_its_code_and_file() {
        let path = std::path::PathBuf::from("/data/pledge.db");
        let error = AppError::from(pledge::store::StoreError::Busy { path: path.clone() });
        assert_eq!(
            (error.code.as_str(), error.path.as_str()),
            ("busy", "/data/pledge.db")
        );
        assert!(error.message.contains("busy"), "{}", error.message);
    }
}
