//! What crosses the boundary to the UI. These types live here, not in the
//! core model: they are shaped for screens (a library row, an editor's
//! state), and the TypeScript bindings are generated from them.

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

/// A sample or starter the user can create an agreement from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SampleInfo {
    /// The name to ask for it by.
    pub name: String,
    /// What it is, in a line.
    pub summary: String,
}

/// One agreement in the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct AgreementSummary {
    /// The library's identifier for it.
    pub id: String,
    /// `meta.title`.
    pub title: String,
    /// The customer's legal name.
    pub client: String,
    /// The last change, in milliseconds since the Unix epoch.
    pub modified_ms: u64,
    /// The file it was opened from or saved to, if any.
    pub path: Option<String>,
    /// Whether it changed since it was last opened or saved.
    pub dirty: bool,
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The agreement cannot be used as it is.
    Error,
    /// Legal but likely a mistake.
    Warning,
}

/// A finding of the core's validator, located by field path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Diagnostic {
    /// A stable code, e.g. `internal-not-stricter`.
    pub code: String,
    /// Error or warning.
    pub severity: Severity,
    /// The field path, e.g. `targets[2].resolution.internal`.
    pub path: String,
    /// What is wrong and what is allowed.
    pub message: String,
}

impl From<pledge::check::Diagnostic> for Diagnostic {
    fn from(d: pledge::check::Diagnostic) -> Self {
        Diagnostic {
            code: d.code.into(),
            severity: match d.severity {
                pledge::check::Severity::Error => Severity::Error,
                pledge::check::Severity::Warning => Severity::Warning,
            },
            path: d.path,
            message: d.message,
        }
    }
}

/// An agreement open in the editor, with its findings and history state.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Opened {
    /// Its library row.
    pub summary: AgreementSummary,
    /// The agreement as the editor holds it. It may be invalid while being
    /// edited (a duration typed half-way), hence a plain JSON value here.
    #[schemars(with = "pledge::model::Agreement")]
    pub agreement: Value,
    /// The validator's findings.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether there is an edit to undo.
    pub can_undo: bool,
    /// Whether there is an undone edit to redo.
    pub can_redo: bool,
}

/// The outcome of an edit: the new findings and history state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Edited {
    /// Its library row.
    pub summary: AgreementSummary,
    /// The validator's findings.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether there is an edit to undo.
    pub can_undo: bool,
    /// Whether there is an undone edit to redo.
    pub can_redo: bool,
}

/// Where a save went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Saved {
    /// Its library row after saving.
    pub summary: AgreementSummary,
    /// The file written.
    pub path: String,
}
