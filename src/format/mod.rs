//! The agreement file format: YAML whose first line is `pledge: 1`.
//!
//! Reading parses the text into a tree that remembers line and column of
//! every value ([`Document`]), then deserialises the model from it with
//! serde, refusing unknown fields. Every error says what is wrong, at which
//! field path and where in the file. Reading is bounded: the text, the
//! nesting depth and the values that aliases expand to all have limits, so
//! no input can exhaust memory.
//!
//! Writing ([`write`]) gives the canonical text: fields in the model's
//! order, empty parts left out, durations as `1h30m`, percentages as
//! `99.9%`. Writing then reading gives back the same agreement.

mod comments;
mod de;
mod emit;
mod tree;

use std::fmt;

use serde::de::DeserializeOwned;

use crate::error::ErrorCode;
use crate::model::{Agreement, SCHEMA_VERSION};

pub use comments::comments;
pub use tree::{MAX_DEPTH, MAX_INPUT_BYTES, MAX_NODES};

/// A position in a file: line and column, both counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Location {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
#[non_exhaustive]
pub struct FormatError {
    /// The kind of problem: `yaml-syntax`, `type`, `unknown-field`,
    /// `missing-field`, `invalid-value`, `duplicate-key`, `schema-version`,
    /// `too-large`, `too-deep`, `alias-limit`, `empty`.
    pub code: ErrorCode,
    /// What is wrong, in plain words.
    pub message: String,
    /// The field path, e.g. `targets[2].resolution.within`; empty for the
    /// whole file.
    pub path: String,
    /// Where in the file, when known.
    pub location: Option<Location>,
}

impl FormatError {
    pub(crate) fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        FormatError {
            code,
            message: message.into(),
            path: String::new(),
            location: None,
        }
    }

    pub(crate) fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }
}

/// A parsed YAML document that remembers where each value stands.
#[derive(Debug, Clone)]
pub struct Document {
    root: tree::Node,
}

impl Document {
    /// Parses YAML text. Fails on syntax errors, duplicate keys, and input
    /// beyond the reader's limits.
    pub fn parse(text: &str) -> Result<Document, FormatError> {
        tree::parse(text).map(|root| Document { root })
    }

    /// Deserialises any serde type from the document (a calendar file, a
    /// simulation scenario…), with located errors.
    pub fn deserialize<T: DeserializeOwned>(&self) -> Result<T, FormatError> {
        T::deserialize(de::NodeDeserializer(&self.root)).map_err(|e| FormatError {
            code: e.code,
            path: e.path(),
            location: e.location,
            message: e.message,
        })
    }

    /// Reads the document as an agreement, checking its format version first.
    pub fn agreement(&self) -> Result<Agreement, FormatError> {
        let version = self.root.get("pledge");
        match version.and_then(|v| v.as_scalar()) {
            Some(v) if v == SCHEMA_VERSION.to_string() => self.deserialize(),
            Some(v) => Err(FormatError {
                code: ErrorCode::SchemaVersion,
                message: format!(
                    "this file is written in format version `{v}`; this Pledge reads version {SCHEMA_VERSION}"
                ),
                path: "pledge".into(),
                location: version.map(|n| n.location),
            }),
            None => Err(FormatError {
                code: ErrorCode::SchemaVersion,
                message: format!("the file does not start with `pledge: {SCHEMA_VERSION}`, the format version"),
                path: String::new(),
                location: Some(self.root.location),
            }),
        }
    }

    /// Whether the document is a mapping with the top-level field `key`
    /// (e.g. `members`, which makes a scenario file a portfolio).
    pub fn has_field(&self, key: &str) -> bool {
        self.root.get(key).is_some()
    }

    /// Where the value at a field path such as `targets[2].resolution`
    /// stands in the file; for a path that does not exist, the nearest
    /// enclosing value.
    pub fn locate(&self, path: &str) -> Location {
        self.root.locate(path)
    }
}

/// Reads an agreement from YAML text.
pub fn read(text: &str) -> Result<Agreement, FormatError> {
    Document::parse(text)?.agreement()
}

/// Reads a file whole when it is at most `limit` bytes long, and answers
/// `None` when it is longer, having read no more than `limit + 1` bytes:
/// the size is judged on the bytes read, not on the file's metadata, so a
/// huge file, one that grows while it is read, or an endless device cannot
/// exhaust memory. Every file Pledge reads goes through here.
pub fn read_at_most(path: &std::path::Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Reads a file's text, refusing files over the reader's limit before
/// loading them, and text that is not UTF-8.
pub fn read_text(path: &std::path::Path) -> Result<String, FileError> {
    let bytes = read_at_most(path, MAX_INPUT_BYTES as u64)
        .map_err(|source| FileError::Io {
            path: path.into(),
            source,
        })?
        .ok_or_else(|| FileError::TooLarge { path: path.into() })?;
    String::from_utf8(bytes).map_err(|e| FileError::NotUtf8 {
        path: path.into(),
        offset: e.utf8_error().valid_up_to(),
    })
}

impl FileError {
    /// The kind of problem: `io`, `too-large` or `not-utf8`.
    pub fn code(&self) -> ErrorCode {
        match self {
            FileError::Io { .. } => ErrorCode::Io,
            FileError::TooLarge { .. } => ErrorCode::TooLarge,
            FileError::NotUtf8 { .. } => ErrorCode::NotUtf8,
        }
    }
}

/// Why a file could not be loaded at all.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FileError {
    /// The file could not be opened or read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The file is larger than agreement files may be.
    #[error("{} is larger than {} MiB; agreement files are far smaller, so it is refused", path.display(), MAX_INPUT_BYTES / (1024 * 1024))]
    TooLarge {
        /// The file.
        path: std::path::PathBuf,
    },
    /// The file is not UTF-8 text.
    #[error("{} is not UTF-8 text (invalid byte at offset {offset})", path.display())]
    NotUtf8 {
        /// The file.
        path: std::path::PathBuf,
        /// Where the first invalid byte is.
        offset: usize,
    },
}

/// The JSON Schema of the agreement file format, for editors that complete
/// and check YAML files against a schema.
pub fn json_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Agreement)).unwrap_or_default();
    if let Some(object) = schema.as_object_mut() {
        object.insert("title".into(), "Pledge agreement".into());
        object.insert(
            "$comment".into(),
            format!("Pledge agreement file format, version {SCHEMA_VERSION}").into(),
        );
    }
    schema
}

/// Any value in the canonical style [`write`] uses for an agreement (a
/// calibrated scenario is written this way, so it reads back with the
/// project's reader).
pub(crate) fn write_value(value: &serde_json::Value) -> String {
    emit::emit(value)
}

/// Writes an agreement as canonical YAML text.
pub fn write(agreement: &Agreement) -> String {
    // The model is plain data with string keys and infallible `Serialize`
    // impls, the only things that can make this conversion fail: a failure
    // here is a bug in the model, not a user's mistake.
    let value =
        serde_json::to_value(agreement).expect("the agreement model converts to a JSON value");
    emit::emit(&value)
}
