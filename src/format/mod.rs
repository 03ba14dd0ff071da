//! The agreement file format: YAML with a `pledge: 1` version line.
//!
//! Reading goes through [`read`], which refuses unknown fields and reports
//! the field path and the line and column of the first problem. Writing
//! goes through [`write`], which gives the canonical text: fixed field
//! order, durations as `1h30m`, percentages as `99.9%`.

use crate::model::{Agreement, SCHEMA_VERSION};

/// Why a file could not be read as an agreement.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
#[non_exhaustive]
pub struct FormatError {
    /// A stable code for the kind of problem.
    pub code: &'static str,
    /// What is wrong, in plain words.
    pub message: String,
    /// The field path, e.g. `targets[2].resolution.within`; empty for the
    /// whole file.
    pub path: String,
    /// Line (1-based) and column (1-based) in the file, when known.
    pub location: Option<(usize, usize)>,
}

/// Reads an agreement from YAML text.
pub fn read(text: &str) -> Result<Agreement, FormatError> {
    let agreement: Agreement = serde_yaml::from_str(text).map_err(|e| FormatError {
        code: "type",
        message: e.to_string(),
        path: String::new(),
        location: e.location().map(|l| (l.line(), l.column())),
    })?;
    if agreement.pledge != SCHEMA_VERSION {
        return Err(FormatError {
            code: "schema-version",
            message: format!(
                "this file is format version {}, and this Pledge reads version {SCHEMA_VERSION}",
                agreement.pledge
            ),
            path: "pledge".into(),
            location: None,
        });
    }
    Ok(agreement)
}

/// Writes an agreement as canonical YAML text.
pub fn write(agreement: &Agreement) -> String {
    serde_yaml::to_string(agreement).expect("the agreement model always serialises to YAML")
}
