//! The one error type the UI receives: `{code, message, path}`.

pub use pledge::error::ErrorCode;
use schemars::JsonSchema;
use serde::Serialize;

/// An error as the UI sees it. `code` is one of the core's closed list
/// (`pledge::error::ErrorCode`), which the UI receives as a TypeScript
/// string union; `message` is for people; `path` names the field concerned
/// (e.g. `targets[2].resolution.within`), the database file for `busy`,
/// `database` and `altered-version`, the settings file for `settings`, or
/// is empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    /// What kind of problem: the UI acts on `busy` (another process holds
    /// the database: try again), `database` (the file cannot be used),
    /// `altered-version` (a saved version's text no longer matches its
    /// fingerprint: it was not opened) and `cancelled`; the others say what
    /// kind of problem the message describes.
    pub code: ErrorCode,
    /// What went wrong, in plain words.
    pub message: String,
    /// The field path or file concerned, or empty.
    pub path: String,
}

impl AppError {
    /// An error about no particular field.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        AppError {
            code,
            message: message.into(),
            path: String::new(),
        }
    }

    /// An error about the field or file at `path`.
    pub fn at(code: ErrorCode, message: impl Into<String>, path: impl Into<String>) -> Self {
        AppError {
            code,
            message: message.into(),
            path: path.into(),
        }
    }

    /// An error reading or writing a file.
    pub fn io(path: &std::path::Path, error: &std::io::Error) -> Self {
        AppError::new(ErrorCode::Io, format!("{}: {error}", path.display()))
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
        AppError::at(e.code, message, e.path)
    }
}

impl From<pledge::format::FileError> for AppError {
    fn from(e: pledge::format::FileError) -> Self {
        AppError::new(e.code(), e.to_string())
    }
}

impl From<pledge::store::StoreError> for AppError {
    /// The UI acts on `busy` (try again), `database` (the file cannot be
    /// used: show the error screen) and `altered-version` (the version was
    /// refused), so those carry the database file in `path`; an agreement
    /// file's problem carries its field path; the others name nothing.
    fn from(e: pledge::store::StoreError) -> Self {
        use pledge::store::StoreError as E;
        let path = match &e {
            E::Busy { path }
            | E::NotADatabase { path, .. }
            | E::Damaged { path, .. }
            | E::NotPledge { path }
            | E::NewerSchema { path, .. }
            | E::AlteredVersion { path, .. } => path.display().to_string(),
            E::File { source, .. } => source.path.clone(),
            _ => String::new(),
        };
        AppError::at(e.code(), e.to_string(), path)
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
