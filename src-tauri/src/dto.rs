//! What crosses the boundary to the UI. These types live here, not in the
//! core model: they are shaped for screens (a library row, an editor's
//! state), and the TypeScript bindings are generated from them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A sample or starter the user can create an agreement from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SampleInfo {
    /// The name to ask for it by.
    pub name: String,
    /// What it is, in a line.
    pub summary: String,
}

/// One agreement in the library (or in its trash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct AgreementSummary {
    /// The library's name for it, also its identifier (`saas-multilevel`).
    pub id: String,
    /// `meta.title`.
    pub title: String,
    /// The customer's legal name.
    pub client: String,
    /// `meta.reference`.
    pub reference: String,
    /// The latest saved version's number; none while it is only a draft.
    pub version: Option<u32>,
    /// Whether it has changes not saved as a version (an autosaved draft).
    pub dirty: bool,
    /// The last change (an edit or a saved version), in milliseconds since
    /// the Unix epoch.
    pub modified_ms: u64,
    /// When it was moved to the trash, if it is there.
    pub trashed_ms: Option<u64>,
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

/// Where an export went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Exported {
    /// The file written.
    pub path: String,
}

/// One saved version of an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct VersionInfo {
    /// 1, 2, 3… in the order of saving.
    pub number: u32,
    /// Who saved it.
    pub author: String,
    /// Why, in the author's words.
    pub message: String,
    /// When, in milliseconds since the Unix epoch.
    pub saved_ms: u64,
    /// SHA-256 of the version's canonical YAML, lower-case hex.
    pub fingerprint: String,
}

impl From<&pledge::store::VersionInfo> for VersionInfo {
    fn from(v: &pledge::store::VersionInfo) -> Self {
        VersionInfo {
            number: v.number,
            author: v.author.clone(),
            message: v.message.clone(),
            saved_ms: u64::try_from(v.saved_at.timestamp_millis()).unwrap_or(0),
            fingerprint: v.fingerprint.clone(),
        }
    }
}

/// What saving a version did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct VersionSaved {
    /// Its library row after saving.
    pub summary: AgreementSummary,
    /// The version that holds the agreement now.
    pub version: VersionInfo,
    /// False when nothing had changed since the latest version, which then
    /// stays the latest (no empty version is made).
    pub created: bool,
    /// The earlier version whose `meta.version_label` the new one repeats:
    /// both contracts would print the same version.
    pub same_label_as: Option<u32>,
}

/// What happened to one part of the agreement between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// New in the later version.
    Added,
    /// Gone from the later version.
    Removed,
    /// Its value changed.
    Changed,
}

/// One difference between two versions, in the domain's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Change {
    /// Where, list items named by their key: `targets[premium/P1].resolution.within`.
    pub path: String,
    /// What, e.g. `P1 resolution (premium)`.
    pub subject: String,
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// The earlier value, if a simple one.
    pub before: Option<String>,
    /// The later value, if a simple one.
    pub after: Option<String>,
    /// The whole change as a sentence: `P1 resolution (premium): 8h → 4h`.
    pub text: String,
}

impl From<&pledge::store::Change> for Change {
    fn from(c: &pledge::store::Change) -> Self {
        Change {
            path: c.path.clone(),
            subject: c.subject.clone(),
            kind: match c.kind {
                pledge::store::ChangeKind::Added => ChangeKind::Added,
                pledge::store::ChangeKind::Removed => ChangeKind::Removed,
                pledge::store::ChangeKind::Changed => ChangeKind::Changed,
            },
            before: c.before.clone(),
            after: c.after.clone(),
            text: c.to_string(),
        }
    }
}

/// Where the app keeps its data, and why it cannot open it if it cannot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Startup {
    /// The database file.
    pub database: String,
    /// Why the library could not be opened (a damaged file, one from a
    /// newer Pledge, another process holding it); none when it is open.
    pub error: Option<crate::error::AppError>,
}

/// One line of the list of portfolios.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PortfolioRow {
    /// The portfolio's name.
    pub name: String,
    /// Its members' agreements, in order.
    pub agreements: Vec<String>,
    /// When it was last saved, in milliseconds since 1970.
    pub saved_ms: u64,
}

/// A portfolio as the Portfolio screen edits it, with its problems.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PortfolioState {
    /// The portfolio (see `PortfolioSpec`): a plain JSON value, since it
    /// may be half-typed while being edited.
    #[schemars(with = "pledge::sim::portfolio::PortfolioSpec")]
    pub portfolio: Value,
    /// Its problems: none, or each with its field's path.
    pub problems: Vec<crate::error::AppError>,
}

/// An agreement's simulation scenario as the Simulation screen edits it,
/// with its problems.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ScenarioState {
    /// The scenario without its agreement (see `ScenarioSpec`): a plain
    /// JSON value, since it may be half-typed while being edited.
    #[schemars(with = "crate::simulation::ScenarioSpec")]
    pub scenario: Value,
    /// Its problems with the agreement in the editor: none, every
    /// impossible value with its field's path, or the one problem that
    /// stops the reading (a wrong type, an invalid agreement).
    pub problems: Vec<crate::error::AppError>,
}

/// The language a contract is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocLang {
    /// English.
    En,
    /// French.
    Fr,
}

impl From<DocLang> for pledge::doc::tree::Lang {
    fn from(l: DocLang) -> Self {
        match l {
            DocLang::En => pledge::doc::tree::Lang::En,
            DocLang::Fr => pledge::doc::tree::Lang::Fr,
        }
    }
}

/// Who a contract is printed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocEdition {
    /// The customer's copy: contractual targets only.
    Client,
    /// The provider's copy: internal targets, OLAs and the simulation annex.
    Internal,
}

/// How the export screen asks for the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ContractChoice {
    /// Its language.
    pub lang: DocLang,
    /// Client or internal edition.
    pub edition: DocEdition,
    /// Print a DRAFT / PROJET mark on every page.
    pub draft: bool,
}

/// The contract's pages as they will print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ContractPreview {
    /// Each page as a standalone SVG document (A4, in points), drawn from the
    /// same layout the PDF is written from.
    pub pages: Vec<String>,
    /// The document's fingerprint, printed in its footer.
    pub fingerprint: String,
    /// The saved version the agreement is equal to, which an export is
    /// recorded against; none while it has unsaved changes.
    pub version: Option<u32>,
}

/// Where a PDF went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SavedPdf {
    /// The file written.
    pub path: String,
    /// Its number of pages.
    pub pages: u32,
    /// The version it was recorded against in the library; none when the
    /// agreement had unsaved changes (nothing to trace it to).
    pub recorded_version: Option<u32>,
}

pub use pledge::store::comparison::{
    RedlineBlock, RedlineClause, RedlineSegment, RedlineView, SegmentOp,
};

/// The user's settings kept with the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Settings {
    /// The name recorded on the versions this user saves.
    pub author: String,
    /// False until the user confirms a name: the author is then proposed
    /// from the system's user name.
    pub author_saved: bool,
}

/// A simulation run recorded in the library, for the Simulation screen's
/// list of runs.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RecordedRun {
    /// Its identifier in the library.
    pub id: i64,
    /// When it was recorded, in milliseconds since the Unix epoch.
    pub recorded_ms: u64,
    /// The version it ran on.
    pub version: VersionInfo,
    /// The scenario's name.
    pub scenario: String,
    /// The master seed.
    pub seed: u64,
    /// Replications.
    pub replications: u32,
    /// Its headline figures, read back from what was recorded.
    pub figures: pledge::sim::charts::RecordedFigures,
}
