//! The one error type the UI receives: `{code, message, path}`.

use schemars::JsonSchema;
use serde::Serialize;

/// An error as the UI sees it. `code` is stable for the UI to act on,
/// `message` is for people, `path` names the field concerned (e.g.
/// `targets[2].resolution.within`) or is empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    /// A stable code: `unknown-agreement`, `unknown-sample`, `io`,
    /// `not-an-agreement`, `store`, `busy`, or a format error's code.
    pub code: String,
    /// What went wrong, in plain words.
    pub message: String,
    /// The field path concerned, or empty.
    pub path: String,
}

impl AppError {
    /// An error about no particular field.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        AppError { code: code.into(), message: message.into(), path: String::new() }
    }

    /// An error reading or writing a file.
    pub fn io(path: &std::path::Path, error: &std::io::Error) -> Self {
        AppError::new("io", format!("{}: {error}", path.display()))
    }
}

impl From<pledge::format::FormatError> for AppError {
    fn from(e: pledge::format::FormatError) -> Self {
        let message = match e.location {
            Some(at) => format!("{} (line {}, column {})", e.message, at.line, at.column),
            None => e.message,
        };
        AppError { code: e.code.into(), message, path: e.path }
    }
}

impl From<pledge::format::FileError> for AppError {
    fn from(e: pledge::format::FileError) -> Self {
        AppError::new("io", e.to_string())
    }
}
