//! Validation and contract lint.
//!
//! [`check_text`] reads a file and reports everything wrong with it as
//! [`Diagnostic`]s, each with a stable code, a severity, the field path and
//! the line and column in the file. Errors make an agreement unusable (a
//! reference to nothing, an impossible value); warnings point at wording or
//! commitments that are legal but likely to hurt, and say why.

pub mod language;
mod rules;
pub(crate) use rules::shorter;
pub mod terms;

pub(crate) use rules::IMPLAUSIBLE_PERCENT;
pub use rules::{implausible_percent, PercentKind};

use std::fmt;

use serde::Serialize;

use crate::format::{Document, FormatError, Location};
use crate::model::{Agreement, Language};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The agreement cannot be used as it is.
    Error,
    /// The agreement works, but something in it is likely a mistake.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// A stable code, e.g. `unknown-reference`.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// The field path, e.g. `targets[2].resolution.within`.
    pub path: String,
    /// What is wrong and what is allowed, in plain words.
    pub message: String,
    /// Where in the file, when the agreement came from a file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

impl Diagnostic {
    pub(crate) fn error(
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            path: path.into(),
            message: message.into(),
            location: None,
        }
    }

    pub(crate) fn warning(
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity: Severity::Warning,
            path: path.into(),
            message: message.into(),
            location: None,
        }
    }
}

impl Diagnostic {
    /// The finding as one line for people and editors, placed in `file`:
    /// `file:line:col: error[code]: message (path)`. `pledge validate`,
    /// `export` and `simulate` all print findings this way, so a problem
    /// reads the same whichever command found it.
    pub fn display_in<'a>(&'a self, file: &'a str) -> impl fmt::Display + 'a {
        struct InFile<'a>(&'a Diagnostic, &'a str);
        impl fmt::Display for InFile<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let (d, file) = (self.0, self.1);
                match d.location {
                    Some(l) => write!(f, "{file}:{}:{}", l.line, l.column)?,
                    None => f.write_str(file)?,
                }
                write!(f, ": {}[{}]: {}", d.severity, d.code, d.message)?;
                if !d.path.is_empty() {
                    write!(f, " ({})", d.path)?;
                }
                Ok(())
            }
        }
        InFile(self, file)
    }
}

impl From<FormatError> for Diagnostic {
    fn from(e: FormatError) -> Self {
        Diagnostic {
            code: e.code.as_str(),
            severity: Severity::Error,
            path: e.path,
            message: e.message,
            location: e.location,
        }
    }
}

/// The outcome of checking a file: the agreement when it could be read,
/// and every finding, errors first, in file order.
#[derive(Debug, Clone)]
pub struct Report {
    /// The agreement, when the file could be read as one.
    pub agreement: Option<Agreement>,
    /// The findings.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Checks an agreement already in memory. The findings have no location.
pub fn check(agreement: &Agreement) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    rules::run(agreement, &mut found);
    language::run(agreement, &mut found);
    // The contract is rendered only from an agreement without errors: an
    // agreement with errors cannot be exported, so its wording waits.
    if !found.iter().any(|d| d.severity == Severity::Error) {
        terms::run(agreement, &mut found);
    }
    found
}

/// Checks an agreement read from `document`, placing each finding at the
/// value `prefix` + its path names (`prefix` is empty for an agreement
/// file, `agreement.` for one embedded in a scenario). Findings are sorted
/// as [`check_text`] sorts them: errors first, in file order.
pub fn check_in(agreement: &Agreement, document: &Document, prefix: &str) -> Vec<Diagnostic> {
    let mut diagnostics = check(agreement);
    for d in &mut diagnostics {
        let path = match (prefix.strip_suffix('.'), d.path.is_empty()) {
            (Some(whole), true) => whole.to_owned(),
            _ => format!("{prefix}{}", d.path),
        };
        d.location = Some(document.locate(&path));
    }
    diagnostics.sort_by_key(|d| (d.severity, d.location));
    diagnostics
}

/// The `missing-translation` warnings of the agreement file `text` for its
/// contract in `lang`, placed in the file: what `export` in a language
/// says of the fields it prints in another (none when the file cannot be
/// read; `check_text` reports why).
pub fn missing_translations_in(text: &str, lang: Language) -> Vec<Diagnostic> {
    let Ok(document) = Document::parse(text) else {
        return Vec::new();
    };
    let Ok(agreement) = document.agreement() else {
        return Vec::new();
    };
    let mut found = language::missing(&agreement, lang);
    for d in &mut found {
        d.location = Some(document.locate(&d.path));
    }
    found
}

/// Reads and checks the text of an agreement file.
pub fn check_text(text: &str) -> Report {
    let document = match Document::parse(text) {
        Ok(d) => d,
        Err(e) => {
            return Report {
                agreement: None,
                diagnostics: vec![e.into()],
            }
        }
    };
    let agreement = match document.agreement() {
        Ok(a) => a,
        Err(e) => {
            return Report {
                agreement: None,
                diagnostics: vec![e.into()],
            }
        }
    };
    let diagnostics = check_in(&agreement, &document, "");
    Report {
        agreement: Some(agreement),
        diagnostics,
    }
}
