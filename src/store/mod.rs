//! The library of agreements: a SQLite file holding every agreement, its
//! immutable versions, an autosaved draft, the simulation runs and exported
//! documents made from each version, and a trash.
//!
//! The caller gives the database path (the command line resolves it from
//! `--data-dir`, `PLEDGE_DATA_DIR` or [`default_data_dir`]) and the time of
//! each change: the store never reads the clock.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use pledge::store::{AgreementName, Store};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = tempfile::tempdir()?;
//! let mut store = Store::open(&dir.path().join("pledge.db"))?;
//! let name: AgreementName = "acme-support".parse()?;
//! let at = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
//! store.save_draft(&name, "pledge: 1\n# still typing…", None, at)?;
//! assert_eq!(store.draft(&name)?.unwrap().text, "pledge: 1\n# still typing…");
//! # Ok(())
//! # }
//! ```

pub mod comparison;
pub use wording::describe;
mod diff;
mod files;
mod history;
mod portfolios;
mod schema;
pub mod settings;
mod wording;

use crate::error::ErrorCode;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use sha2::{Digest, Sha256};

use crate::format::{self, FormatError};
use crate::model::Agreement;

pub use comparison::{ComparisonError, VersionComparison};
pub use diff::{diff, Change, ChangeKind};
pub use files::{
    export_all, export_version, import_file, import_files, yaml_files_in, ImportSummary, Imported,
};
pub use history::{
    HistoryImport, HistoryName, HistorySummary, ImportLog, ImportRecord, StoredPause, Upsert,
};
pub use portfolios::{PortfolioSummary, StoredPortfolio, MAX_PORTFOLIO_NAME};
pub use schema::SCHEMA_VERSION;

/// The database file's name inside the data directory.
pub const DATABASE_FILE: &str = "pledge.db";

/// The platform data directory of Pledge on Linux and other XDG systems:
/// `$XDG_DATA_HOME/pledge`, or `$HOME/.local/share/pledge` when
/// `XDG_DATA_HOME` is unset, empty or relative (as the XDG specification
/// says). The caller passes the two variables, so that this stays a pure
/// function.
pub fn default_data_dir(xdg_data_home: Option<&Path>, home: Option<&Path>) -> Option<PathBuf> {
    match xdg_data_home.filter(|p| p.is_absolute()) {
        Some(xdg) => Some(xdg.join("pledge")),
        None => home
            .filter(|p| !p.as_os_str().is_empty())
            .map(|h| h.join(".local/share/pledge")),
    }
}

/// The folder of the library both the command line and the app use: the
/// one given, else `PLEDGE_DATA_DIR` when set and not empty, else
/// [`default_data_dir`]. `var` reads an environment variable, so that this
/// stays a pure function.
pub fn data_dir(
    given: Option<PathBuf>,
    var: impl Fn(&str) -> Option<std::ffi::OsString>,
) -> Option<PathBuf> {
    let from_env = var(DATA_DIR_VAR)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    given.or(from_env).or_else(|| {
        let xdg = var("XDG_DATA_HOME").map(PathBuf::from);
        let home = var("HOME").map(PathBuf::from);
        default_data_dir(xdg.as_deref(), home.as_deref())
    })
}

/// The environment variable naming the library's folder.
pub const DATA_DIR_VAR: &str = "PLEDGE_DATA_DIR";

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The file exists but is not a readable SQLite database (garbage,
    /// truncated, empty). It was left as it was.
    #[error("{path} is not a usable Pledge database: {reason}. The file was left as it was; move it away or restore a backup")]
    NotADatabase {
        /// The database file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// SQLite found damage inside the file. It was left as it was.
    #[error("{path} is damaged ({detail}). The file was left as it was; restore a backup")]
    Damaged {
        /// The database file.
        path: PathBuf,
        /// SQLite's integrity report.
        detail: String,
    },
    /// The file is a SQLite database of another program.
    #[error("{path} is a SQLite database, but not one of Pledge. It was left as it was")]
    NotPledge {
        /// The database file.
        path: PathBuf,
    },
    /// The file was written by a newer Pledge.
    #[error("{path} has schema version {found}, written by a newer Pledge; this Pledge knows versions up to {supported}. Update Pledge; the file was left as it was")]
    NewerSchema {
        /// The database file.
        path: PathBuf,
        /// The version in the file.
        found: u32,
        /// The newest version this build knows.
        supported: u32,
    },
    /// Another process held the database longer than the busy timeout.
    #[error(
        "{path} is busy: another Pledge process is writing to it. Nothing was changed; try again"
    )]
    Busy {
        /// The database file.
        path: PathBuf,
    },
    /// Another process held the database longer than the busy timeout in
    /// the middle of importing several files: those before were saved,
    /// the others were not.
    #[error(
        "{path} is busy: another Pledge process is writing to it, so the import stopped. {} of {} file(s) were imported before it{}; not imported: {}. Import those again once the other process is done",
        imported.len(),
        imported.len() + not_imported.len(),
        if imported.is_empty() { String::new() } else { format!(" ({})", list_files(imported)) },
        list_files(not_imported)
    )]
    ImportInterrupted {
        /// The database file.
        path: PathBuf,
        /// The files saved (or found unchanged) before the database was busy.
        imported: Vec<PathBuf>,
        /// The files not imported: the one that met the busy database and
        /// every one after it.
        not_imported: Vec<PathBuf>,
    },
    /// A schema migration failed; the file stays at its old version.
    #[error("upgrading the database to schema version {version} failed, and it was left at its old version: {source}")]
    Migration {
        /// The migration that failed.
        version: u32,
        /// SQLite's error.
        source: Box<rusqlite::Error>,
    },
    /// The backup copy before a migration could not be written.
    #[error("could not write the backup copy {path} before upgrading the database: {source}")]
    Backup {
        /// The backup file.
        path: PathBuf,
        /// SQLite's error.
        source: Box<rusqlite::Error>,
    },
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
    /// A file to import could not be loaded: unreadable, larger than
    /// [`format::MAX_INPUT_BYTES`] (found without reading further), or not
    /// UTF-8.
    #[error(transparent)]
    Unreadable(#[from] format::FileError),
    /// A YAML file could not be read as an agreement.
    #[error(
        "{path}{}: {source}{}",
        source.location.map(|l| format!(":{l}")).unwrap_or_default(),
        if source.path.is_empty() { String::new() } else { format!(" (at `{}`)", source.path) }
    )]
    File {
        /// The file.
        path: PathBuf,
        /// What is wrong in it.
        source: FormatError,
    },
    /// An agreement name is not allowed.
    #[error("`{name}` is not a valid agreement name: {reason}")]
    InvalidName {
        /// The name given.
        name: String,
        /// What is allowed.
        reason: &'static str,
    },
    /// A history name is not allowed.
    #[error("`{name}` is not a valid history name: {reason}")]
    InvalidHistoryName {
        /// The name given.
        name: String,
        /// What is allowed.
        reason: &'static str,
    },
    /// No history has this name.
    #[error("no history is named `{name}`")]
    HistoryNotFound {
        /// The name.
        name: String,
    },
    /// No agreement has this name.
    #[error("no agreement is named `{name}`")]
    NotFound {
        /// The name.
        name: String,
    },
    /// The agreement has no version with this number.
    #[error("agreement `{name}` has no version {number}")]
    VersionNotFound {
        /// The agreement.
        name: String,
        /// The version number asked for.
        number: u32,
    },
    /// The agreement has no saved version yet (only a draft).
    #[error("agreement `{name}` has no saved version yet")]
    NoVersion {
        /// The agreement.
        name: String,
    },
    /// The agreement is in the trash.
    #[error("agreement `{name}` is in the trash: restore it first (or purge it)")]
    InTrash {
        /// The agreement.
        name: String,
    },
    /// The agreement is not in the trash, so it cannot be restored or purged.
    #[error("agreement `{name}` is not in the trash")]
    NotInTrash {
        /// The agreement.
        name: String,
    },
    /// A stored version no longer reads as an agreement (the format moved on).
    #[error("version {number} of `{name}` cannot be read: {source}")]
    StoredVersion {
        /// The agreement.
        name: String,
        /// The version.
        number: u32,
        /// What the reader said.
        source: FormatError,
    },
    /// A saved version's text no longer matches the SHA-256 fingerprint
    /// recorded when it was saved: something changed the database file
    /// outside Pledge. The altered text is never returned.
    #[error("version {number} of `{name}` in {path} was altered after it was saved: its text no longer matches its fingerprint, so it was not read. Restore the database from a backup; `pledge store check` lists every altered version")]
    AlteredVersion {
        /// The database file.
        path: PathBuf,
        /// The agreement.
        name: String,
        /// The version.
        number: u32,
    },
    /// No portfolio has this name.
    #[error("no portfolio is named `{name}`")]
    PortfolioNotFound {
        /// The name.
        name: String,
    },
    /// A portfolio cannot be stored as given: no name, another
    /// portfolio's name, a member whose agreement the library does not
    /// have in use.
    #[error("{path}: {problem}")]
    InvalidPortfolio {
        /// The field, e.g. `members[1].agreement`.
        path: String,
        /// What is wrong and what is allowed.
        problem: String,
    },
    /// A stored portfolio no longer reads (its row was changed outside
    /// Pledge, or an agreement it names is gone); nothing of it is
    /// returned.
    #[error("portfolio `{name}` in {path} is damaged: {detail}. The file was left as it was; restore a backup, or delete the portfolio and make it again")]
    DamagedPortfolio {
        /// The database file.
        path: PathBuf,
        /// The portfolio.
        name: String,
        /// What does not read.
        detail: String,
    },
    /// The agreement is a member of a portfolio, so purging it would
    /// leave the portfolio without it.
    #[error("agreement `{name}` is a member of portfolio `{portfolio}`: remove it from the portfolio first")]
    InPortfolio {
        /// The agreement.
        name: String,
        /// The first portfolio naming it.
        portfolio: String,
    },
    /// Any other database error.
    #[error("database {path}: {source}")]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// SQLite's error.
        source: Box<rusqlite::Error>,
    },
}

impl StoreError {
    /// The kind of problem, as the front ends act on it: `busy` (try
    /// again), `database` (the file cannot be used), `altered-version`, a
    /// missing agreement or version, the trash, a bad name, a file's own
    /// code for an import, else `store`.
    pub fn code(&self) -> ErrorCode {
        match self {
            StoreError::Busy { .. } => ErrorCode::Busy,
            StoreError::NotADatabase { .. }
            | StoreError::Damaged { .. }
            | StoreError::NotPledge { .. }
            | StoreError::NewerSchema { .. }
            | StoreError::Migration { .. }
            | StoreError::Backup { .. } => ErrorCode::Database,
            StoreError::AlteredVersion { .. } => ErrorCode::AlteredVersion,
            StoreError::NotFound { .. } => ErrorCode::UnknownAgreement,
            StoreError::VersionNotFound { .. } => ErrorCode::UnknownVersion,
            StoreError::NoVersion { .. } => ErrorCode::NoVersion,
            StoreError::InTrash { .. } => ErrorCode::InTrash,
            StoreError::NotInTrash { .. } => ErrorCode::NotInTrash,
            StoreError::InvalidName { .. } | StoreError::InvalidHistoryName { .. } => {
                ErrorCode::InvalidName
            }
            StoreError::HistoryNotFound { .. } => ErrorCode::UnknownHistory,
            StoreError::PortfolioNotFound { .. } => ErrorCode::UnknownPortfolio,
            StoreError::InvalidPortfolio { .. } => ErrorCode::InvalidScenario,
            StoreError::InPortfolio { .. } => ErrorCode::InPortfolio,
            StoreError::DamagedPortfolio { .. } => ErrorCode::Store,
            StoreError::File { source, .. } => source.code,
            StoreError::Unreadable(e) => e.code(),
            StoreError::Io { .. } => ErrorCode::Io,
            StoreError::ImportInterrupted { .. }
            | StoreError::StoredVersion { .. }
            | StoreError::Sqlite { .. } => ErrorCode::Store,
        }
    }
}

/// File names for a message, separated by commas.
fn list_files(files: &[PathBuf]) -> String {
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    names.join(", ")
}

impl StoreError {
    /// Maps a SQLite error, turning lock timeouts and "not a database"
    /// into their own variants.
    fn from_sqlite(path: &Path, e: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DatabaseBusy | C::DatabaseLocked) => StoreError::Busy {
                path: path.to_owned(),
            },
            Some(C::NotADatabase) => StoreError::NotADatabase {
                path: path.to_owned(),
                reason: "SQLite does not recognise it".into(),
            },
            Some(C::DatabaseCorrupt) => StoreError::Damaged {
                path: path.to_owned(),
                detail: e.to_string(),
            },
            _ => StoreError::Sqlite {
                path: path.to_owned(),
                source: Box::new(e),
            },
        }
    }

    /// Whether the error is a lock timeout, after which trying again may work.
    pub fn is_busy(&self) -> bool {
        matches!(
            self,
            StoreError::Busy { .. } | StoreError::ImportInterrupted { .. }
        )
    }
}

/// The name of an agreement in the library: letters, digits, `-`, `_` and
/// `.`, not starting with `.` or `-`, at most 100 characters. It is also the
/// stem of the exported file, so it must be a safe file name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AgreementName(String);

impl AgreementName {
    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<crate::atomic::WriteError> for StoreError {
    fn from(e: crate::atomic::WriteError) -> Self {
        StoreError::Io {
            path: e.path,
            source: e.source,
        }
    }
}

/// A name the store accepts, made from a reference, title or file stem:
/// other characters become `-` (`SLA 2026/04 — Acme` gives
/// `SLA-2026-04-Acme`); `agreement` when nothing is left.
pub fn name_stem(hint: &str) -> String {
    let mapped: String = hint
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let mut stem = mapped
        .trim_start_matches(['.', '-'])
        .trim_end_matches('-')
        .to_string();
    while stem.contains("--") {
        stem = stem.replace("--", "-");
    }
    stem.truncate(90);
    if stem.is_empty() {
        "agreement".into()
    } else {
        stem
    }
}

impl FromStr for AgreementName {
    type Err = StoreError;
    fn from_str(text: &str) -> Result<Self, StoreError> {
        let bad = |reason| StoreError::InvalidName {
            name: text.to_owned(),
            reason,
        };
        if text.is_empty() {
            return Err(bad("it is empty"));
        }
        if text.chars().count() > 100 {
            return Err(bad("it is longer than 100 characters"));
        }
        if text.starts_with(['.', '-']) {
            return Err(bad("it starts with `.` or `-`"));
        }
        if !text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            return Err(bad("use only letters, digits, `-`, `_` and `.`"));
        }
        Ok(AgreementName(text.to_owned()))
    }
}

impl fmt::Display for AgreementName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The SHA-256 of some bytes, in lower-case hex: the fingerprint of a
/// version's canonical YAML or of an exported document.
pub fn fingerprint(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest.iter() {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}

/// What is known about one saved version, without its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionInfo {
    /// The agreement's name.
    pub agreement: AgreementName,
    /// The version number: 1, 2, 3… in the order of saving.
    pub number: u32,
    /// SHA-256 of the canonical YAML, lower-case hex.
    pub fingerprint: String,
    /// Who saved it.
    pub author: String,
    /// Why, in the author's words.
    pub message: String,
    /// When.
    pub saved_at: DateTime<Utc>,
}

/// A saved version with its canonical YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// Number, fingerprint, author, message, time.
    pub info: VersionInfo,
    /// The canonical YAML, exactly as saved.
    pub yaml: String,
}

impl Version {
    /// Reads the version's text back into the model.
    pub fn agreement(&self) -> Result<Agreement, StoreError> {
        format::read(&self.yaml).map_err(|source| StoreError::StoredVersion {
            name: self.info.agreement.to_string(),
            number: self.info.number,
            source,
        })
    }
}

/// What [`Store::save`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The version that now holds the text: a new one, or the latest one
    /// when the text had not changed.
    pub version: VersionInfo,
    /// Whether a new version was written (false when the canonical text was
    /// identical to the latest version's).
    pub created: bool,
    /// The previous version, when a new version was written with the same
    /// `version_label` as it: two different texts then print the same
    /// version on their contracts, which the saver should be told.
    pub same_label_as: Option<u32>,
}

/// The autosaved editor text of an agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The raw text, which need not parse.
    pub text: String,
    /// The version the draft was started from, if any.
    pub base: Option<u32>,
    /// When it was last autosaved.
    pub saved_at: DateTime<Utc>,
}

/// One line of the library's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementSummary {
    /// The agreement's name.
    pub name: AgreementName,
    /// How many versions are saved.
    pub versions: u32,
    /// The newest version, if any.
    pub latest: Option<VersionInfo>,
    /// Whether an autosaved draft exists.
    pub has_draft: bool,
    /// When it was moved to the trash, if it is there.
    pub trashed_at: Option<DateTime<Utc>>,
}

/// Which agreements to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shelf {
    /// Those in use.
    Live,
    /// Those in the trash.
    Trash,
}

/// A simulation run to record against a version.
#[derive(Debug, Clone, PartialEq)]
pub struct SimulationRun {
    /// The scenario's name or description.
    pub scenario: String,
    /// The master seed.
    pub seed: u64,
    /// How many replications ran.
    pub replications: u32,
    /// The results, as the simulation reports them.
    pub results: serde_json::Value,
}

/// A recorded simulation run.
#[derive(Debug, Clone, PartialEq)]
pub struct RunRecord {
    /// The run's identifier in the library.
    pub id: i64,
    /// The version it ran on.
    pub version: VersionInfo,
    /// What ran.
    pub run: SimulationRun,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
}

/// An exported document to record against a version.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportedDocument {
    /// What was exported, e.g. `contract-pdf`, `comparison-pdf`, `figure-svg`.
    pub kind: String,
    /// SHA-256 of the exported bytes (see [`fingerprint`]).
    pub fingerprint: String,
    /// The export options (template, language, edition…).
    pub options: serde_json::Value,
}

impl ExportedDocument {
    /// The record of a contract PDF in `lang`, of `edition`, with or
    /// without the draft mark.
    pub fn contract_pdf(
        bytes: &[u8],
        lang: crate::doc::tree::Lang,
        edition: crate::doc::contract::Edition,
        draft: bool,
    ) -> Self {
        ExportedDocument {
            kind: "contract-pdf".into(),
            fingerprint: fingerprint(bytes),
            options: serde_json::json!({
                "lang": lang.tag(),
                "edition": edition.tag(),
                "draft": draft,
            }),
        }
    }
}

/// The file name to offer for the contract of agreement `name` (any text:
/// it goes through [`name_stem`]): `acme-en.pdf`, `acme-fr-internal-draft.pdf`.
pub fn contract_file_name(
    name: &str,
    lang: crate::doc::tree::Lang,
    edition: crate::doc::contract::Edition,
    draft: bool,
) -> String {
    let edition = match edition {
        crate::doc::contract::Edition::Client => "",
        crate::doc::contract::Edition::Internal => "-internal",
    };
    let draft = if draft { "-draft" } else { "" };
    format!("{}-{}{edition}{draft}.pdf", name_stem(name), lang.tag())
}

/// The file name to offer for the comparison of versions `from` and `to`.
pub fn comparison_file_name(name: &str, from: u32, to: u32) -> String {
    format!("{}-v{from}-v{to}-redline.pdf", name_stem(name))
}

/// A recorded exported document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentRecord {
    /// The document's identifier in the library.
    pub id: i64,
    /// The version it was made from.
    pub version: VersionInfo,
    /// What was exported.
    pub document: ExportedDocument,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
}

/// Two versions of one agreement side by side, with the change list.
///
/// This is the seam for the clause-level redline of the rendered contract:
/// the document module renders `before` and `after` with the same template
/// and compares their clauses; the store only supplies the exact texts and
/// the structured changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// The earlier version.
    pub before: Version,
    /// The later version.
    pub after: Version,
    /// What changed, in the domain's words.
    pub changes: Vec<Change>,
}

/// One problem [`Store::check`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// A version's text no longer matches the fingerprint recorded with it.
    AlteredVersion {
        /// The agreement.
        name: AgreementName,
        /// The version.
        number: u32,
    },
    /// A version whose agreement is gone from the file.
    OrphanVersion {
        /// The version's row id.
        row: i64,
        /// The agreement row it names.
        agreement_row: i64,
    },
    /// A line of SQLite's `PRAGMA integrity_check` report.
    Integrity(String),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::AlteredVersion { name, number } => write!(
                f,
                "version {number} of `{name}` was altered: its text no longer matches its fingerprint"
            ),
            Problem::OrphanVersion { row, agreement_row } => write!(
                f,
                "the version in row {row} belongs to agreement row {agreement_row}, which does not exist"
            ),
            Problem::Integrity(line) => write!(f, "SQLite's integrity check: {line}"),
        }
    }
}

/// What [`Store::check`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// How many agreements the file holds (live and in the trash).
    pub agreements: u64,
    /// How many versions were compared with their fingerprints.
    pub versions: u64,
    /// Everything wrong, in the order found; empty when the file is sound.
    pub problems: Vec<Problem>,
}

/// An open library.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

fn time_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn parse_time(text: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })
}

/// An agreement's row id and whether it is in the trash, on a connection
/// or inside a transaction.
fn lookup(conn: &Connection, name: &AgreementName) -> rusqlite::Result<Option<(i64, bool)>> {
    conn.query_row(
        "SELECT id, trashed_at IS NOT NULL FROM agreements WHERE name = ?1",
        [name.as_str()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
}

/// The row id of the agreement a save writes to, inside the save's write
/// transaction: the agreement's own row, or a new row created at `at` when
/// the name is new. `None` when the agreement is in the trash, where
/// nothing may be saved until it is restored.
fn live_or_create(
    tx: &Connection,
    name: &AgreementName,
    at: DateTime<Utc>,
) -> rusqlite::Result<Option<i64>> {
    match lookup(tx, name)? {
        Some((_, true)) => Ok(None),
        Some((id, false)) => Ok(Some(id)),
        None => {
            tx.execute(
                "INSERT INTO agreements (name, created_at) VALUES (?1, ?2)",
                params![name.as_str(), time_text(at)],
            )?;
            Ok(Some(tx.last_insert_rowid()))
        }
    }
}

const VERSION_COLUMNS: &str = "a.name, v.number, v.fingerprint, v.author, v.message, v.saved_at";

fn version_info(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<VersionInfo> {
    let name: String = row.get(first)?;
    Ok(VersionInfo {
        agreement: AgreementName(name),
        number: row.get(first + 1)?,
        fingerprint: row.get(first + 2)?,
        author: row.get(first + 3)?,
        message: row.get(first + 4)?,
        saved_at: parse_time(&row.get::<_, String>(first + 5)?)?,
    })
}

impl Store {
    /// Opens the library at `path`, creating the file and its folder on
    /// first use and upgrading an older schema (after a backup copy named
    /// `<file>.v<old>.bak`). A damaged file, another program's database or
    /// one from a newer Pledge is refused and left byte for byte as it was.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = schema::open(path)?;
        Ok(Store {
            conn,
            path: path.to_owned(),
        })
    }

    /// How long a change waits for another process's write to finish
    /// before failing with [`StoreError::Busy`] (5 seconds unless set).
    pub fn set_busy_timeout(&mut self, timeout: std::time::Duration) -> Result<(), StoreError> {
        self.conn.busy_timeout(timeout).map_err(|e| self.err(e))
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version recorded in the file.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        schema::read_version(&self.conn, &self.path)
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        StoreError::from_sqlite(&self.path, e)
    }

    /// Looks an agreement up: its row id and whether it is in the trash.
    fn find(&self, name: &AgreementName) -> Result<Option<(i64, bool)>, StoreError> {
        lookup(&self.conn, name).map_err(|e| self.err(e))
    }

    fn live(&self, name: &AgreementName) -> Result<i64, StoreError> {
        match self.find(name)? {
            None => Err(StoreError::NotFound {
                name: name.to_string(),
            }),
            Some((_, true)) => Err(StoreError::InTrash {
                name: name.to_string(),
            }),
            Some((id, false)) => Ok(id),
        }
    }

    /// Saves `agreement` as a new version of `name` (creating the agreement
    /// on its first save). The canonical YAML is recorded with its
    /// fingerprint; when it is identical to the latest version's, nothing
    /// is written and the latest version is returned.
    pub fn save(
        &mut self,
        name: &AgreementName,
        agreement: &Agreement,
        author: &str,
        message: &str,
        at: DateTime<Utc>,
    ) -> Result<Saved, StoreError> {
        let yaml = format::write(agreement);
        let print = fingerprint(yaml.as_bytes());
        // Times are stored to the millisecond; return what a later read gives.
        let at = at.trunc_subsecs(3);
        let path = self.path.clone();
        let err = |e| StoreError::from_sqlite(&path, e);
        // IMMEDIATE takes the write lock up front, so two writers queue on
        // the busy timeout instead of failing on a lock upgrade.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let Some(id) = live_or_create(&tx, name, at).map_err(err)? else {
            return Err(StoreError::InTrash {
                name: name.to_string(),
            });
        };
        let latest = tx
            .query_row(
                &format!(
                    "SELECT {VERSION_COLUMNS}, v.yaml FROM versions v JOIN agreements a ON a.id = v.agreement_id
                     WHERE v.agreement_id = ?1 ORDER BY v.number DESC LIMIT 1"
                ),
                [id],
                |r| {
                    let yaml = String::from_utf8_lossy(r.get_ref(6)?.as_bytes()?).into_owned();
                    Ok((version_info(r, 0)?, yaml))
                },
            )
            .optional()
            .map_err(err)?;
        // Unchanged when the text is identical, or when the same agreement
        // was saved by a Pledge whose canonical writer differed slightly:
        // a new writer alone must not make versions that change nothing.
        // A latest version altered in the file is never taken for the text
        // being saved: the new version is written after it.
        let unchanged = |(info, yaml): &(VersionInfo, String)| {
            fingerprint(yaml.as_bytes()) == info.fingerprint
                && (info.fingerprint == print
                    || format::read(yaml).is_ok_and(|stored| stored == *agreement))
        };
        let same_label_as = latest.as_ref().and_then(|(info, yaml)| {
            format::read(yaml)
                .ok()
                .filter(|stored| stored.meta.version_label == agreement.meta.version_label)
                .map(|_| info.number)
        });
        if let Some((latest, _)) = latest.filter(unchanged) {
            tx.commit().map_err(err)?;
            return Ok(Saved {
                version: latest,
                created: false,
                same_label_as: None,
            });
        }
        let number: u32 = tx
            .query_row(
                "SELECT coalesce(max(number), 0) + 1 FROM versions WHERE agreement_id = ?1",
                [id],
                |r| r.get(0),
            )
            .map_err(err)?;
        tx.execute(
            "INSERT INTO versions (agreement_id, number, yaml, fingerprint, author, message, saved_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, number, yaml, print, author, message, time_text(at)],
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(Saved {
            version: VersionInfo {
                agreement: name.clone(),
                number,
                fingerprint: print,
                author: author.to_owned(),
                message: message.to_owned(),
                saved_at: at,
            },
            created: true,
            same_label_as,
        })
    }

    /// The versions of an agreement, oldest first. Works on agreements in
    /// the trash too, so that they can be inspected before a restore.
    pub fn log(&self, name: &AgreementName) -> Result<Vec<VersionInfo>, StoreError> {
        let Some((id, _)) = self.find(name)? else {
            return Err(StoreError::NotFound {
                name: name.to_string(),
            });
        };
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {VERSION_COLUMNS} FROM versions v JOIN agreements a ON a.id = v.agreement_id
                 WHERE v.agreement_id = ?1 ORDER BY v.number"
            ))
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([id], |r| version_info(r, 0))
            .and_then(|r| r.collect());
        rows.map_err(|e| self.err(e))
    }

    /// One version with its text: `number`, or the latest when `None`.
    pub fn version(
        &self,
        name: &AgreementName,
        number: Option<u32>,
    ) -> Result<Version, StoreError> {
        let Some((id, _)) = self.find(name)? else {
            return Err(StoreError::NotFound {
                name: name.to_string(),
            });
        };
        let sql = format!(
            "SELECT {VERSION_COLUMNS}, v.yaml FROM versions v JOIN agreements a ON a.id = v.agreement_id
             WHERE v.agreement_id = ?1 AND (?2 IS NULL OR v.number = ?2) ORDER BY v.number DESC LIMIT 1"
        );
        let found = self
            .conn
            .query_row(&sql, params![id, number], |r| {
                Ok((version_info(r, 0)?, r.get_ref(6)?.as_bytes()?.to_vec()))
            })
            .optional()
            .map_err(|e| self.err(e))?;
        match found {
            Some((info, bytes)) => self.verified(info, bytes),
            None => Err(match number {
                Some(number) => StoreError::VersionNotFound {
                    name: name.to_string(),
                    number,
                },
                None => StoreError::NoVersion {
                    name: name.to_string(),
                },
            }),
        }
    }

    /// A version whose text, as stored, is checked against the fingerprint
    /// recorded with it, so that text altered in the file (by another tool,
    /// or damage SQLite's checks do not see) is never shown, compared or
    /// exported as if it were what was saved. The bytes are checked before
    /// they are decoded, so a flipped byte that breaks UTF-8 is reported
    /// the same way.
    fn verified(&self, info: VersionInfo, bytes: Vec<u8>) -> Result<Version, StoreError> {
        let altered = || StoreError::AlteredVersion {
            path: self.path.clone(),
            name: info.agreement.to_string(),
            number: info.number,
        };
        if fingerprint(&bytes) != info.fingerprint {
            return Err(altered());
        }
        let yaml = String::from_utf8(bytes).map_err(|_| altered())?;
        Ok(Version { info, yaml })
    }

    /// Checks the whole file: SQLite's full integrity check, then every
    /// version's text against its fingerprint, one version in memory at a
    /// time. Problems are reported, not returned as errors, so that one
    /// altered version does not hide the others.
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        let mut problems = Vec::new();
        {
            let mut stmt = self
                .conn
                .prepare("PRAGMA integrity_check")
                .map_err(|e| self.err(e))?;
            let lines: Vec<String> = stmt
                .query_map([], |r| r.get(0))
                .and_then(|rows| rows.collect())
                .map_err(|e| self.err(e))?;
            if lines != ["ok"] {
                problems.extend(lines.into_iter().map(Problem::Integrity));
            }
        }
        let agreements: i64 = self
            .conn
            .query_row("SELECT count(*) FROM agreements", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        let agreements = u64::try_from(agreements).unwrap_or_default();
        let mut stmt = self
            .conn
            .prepare(
                "SELECT v.id, v.agreement_id, a.name, v.number, v.fingerprint, v.yaml
                 FROM versions v LEFT JOIN agreements a ON a.id = v.agreement_id
                 ORDER BY a.name, v.number",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.err(e))?;
        let mut versions = 0;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            versions += 1;
            let read = || -> rusqlite::Result<Option<Problem>> {
                let Some(name) = r.get::<_, Option<String>>(2)? else {
                    return Ok(Some(Problem::OrphanVersion {
                        row: r.get(0)?,
                        agreement_row: r.get(1)?,
                    }));
                };
                let recorded: String = r.get(4)?;
                if fingerprint(r.get_ref(5)?.as_bytes()?) == recorded {
                    return Ok(None);
                }
                Ok(Some(Problem::AlteredVersion {
                    name: AgreementName(name),
                    number: r.get(3)?,
                }))
            };
            problems.extend(read().map_err(|e| self.err(e))?);
        }
        Ok(CheckReport {
            agreements,
            versions,
            problems,
        })
    }

    /// Compares version `from` of `name` with version `to`.
    pub fn compare(
        &self,
        name: &AgreementName,
        from: u32,
        to: u32,
    ) -> Result<Comparison, StoreError> {
        let before = self.version(name, Some(from))?;
        let after = self.version(name, Some(to))?;
        let changes = diff(&before.agreement()?, &after.agreement()?);
        Ok(Comparison {
            before,
            after,
            changes,
        })
    }

    /// A name no agreement has, in use or in the trash: the hint's stem,
    /// then `-2`, `-3`…
    pub fn free_name(&self, hint: &str) -> Result<AgreementName, StoreError> {
        let mut taken: Vec<String> = Vec::new();
        for shelf in [Shelf::Live, Shelf::Trash] {
            taken.extend(self.list(shelf)?.into_iter().map(|s| s.name.to_string()));
        }
        let stem = name_stem(hint);
        let mut candidate = stem.clone();
        let mut n = 2;
        while taken.contains(&candidate) {
            candidate = format!("{stem}-{n}");
            n += 1;
        }
        candidate.parse()
    }

    /// The newest saved version of `name` whose canonical text is this
    /// agreement's: the one a run or an export made from it is recorded
    /// against; none while it has unsaved changes.
    pub fn version_equal_to(
        &self,
        name: &AgreementName,
        agreement: &Agreement,
    ) -> Result<Option<u32>, StoreError> {
        let print = fingerprint(format::write(agreement).as_bytes());
        Ok(self
            .log(name)?
            .into_iter()
            .rev()
            .find(|v| v.fingerprint == print)
            .map(|v| v.number))
    }

    /// The agreements on one shelf, by name.
    pub fn list(&self, shelf: Shelf) -> Result<Vec<AgreementSummary>, StoreError> {
        let sql = format!(
            "SELECT a.name, a.trashed_at,
                    (SELECT count(*) FROM versions WHERE agreement_id = a.id),
                    EXISTS (SELECT 1 FROM drafts WHERE agreement_id = a.id),
                    {VERSION_COLUMNS}
             FROM agreements a LEFT JOIN versions v ON v.agreement_id = a.id
                  AND v.number = (SELECT max(number) FROM versions WHERE agreement_id = a.id)
             WHERE (a.trashed_at IS NULL) = ?1
             ORDER BY a.name"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([shelf == Shelf::Live], |r| {
                let trashed: Option<String> = r.get(1)?;
                let number: Option<u32> = r.get(5)?;
                Ok(AgreementSummary {
                    name: AgreementName(r.get(0)?),
                    trashed_at: trashed.as_deref().map(parse_time).transpose()?,
                    versions: r.get(2)?,
                    has_draft: r.get(3)?,
                    latest: number.map(|_| version_info(r, 4)).transpose()?,
                })
            })
            .and_then(|r| r.collect());
        rows.map_err(|e| self.err(e))
    }

    /// Autosaves the editor's text for `name` (creating the agreement if it
    /// is new), replacing the previous draft. Saved versions are untouched.
    pub fn save_draft(
        &mut self,
        name: &AgreementName,
        text: &str,
        base: Option<u32>,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let path = self.path.clone();
        let err = |e| StoreError::from_sqlite(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let Some(id) = live_or_create(&tx, name, at).map_err(err)? else {
            return Err(StoreError::InTrash {
                name: name.to_string(),
            });
        };
        tx.execute(
            "INSERT INTO drafts (agreement_id, text, base_number, saved_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (agreement_id) DO UPDATE SET text = excluded.text, base_number = excluded.base_number,
                                                      saved_at = excluded.saved_at",
            params![id, text, base, time_text(at)],
        )
        .map_err(err)?;
        tx.commit().map_err(err)
    }

    /// The autosaved draft of `name`, if there is one.
    pub fn draft(&self, name: &AgreementName) -> Result<Option<Draft>, StoreError> {
        let Some((id, _)) = self.find(name)? else {
            return Err(StoreError::NotFound {
                name: name.to_string(),
            });
        };
        self.conn
            .query_row(
                "SELECT text, base_number, saved_at FROM drafts WHERE agreement_id = ?1",
                [id],
                |r| {
                    Ok(Draft {
                        text: r.get(0)?,
                        base: r.get(1)?,
                        saved_at: parse_time(&r.get::<_, String>(2)?)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Drops the draft of `name` (after the user saved or abandoned it).
    pub fn discard_draft(&mut self, name: &AgreementName) -> Result<(), StoreError> {
        let id = self.live(name)?;
        self.conn
            .execute("DELETE FROM drafts WHERE agreement_id = ?1", [id])
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Saves the simulation scenario of `name` (its text, without the
    /// agreement), replacing the previous one. The agreement must exist and
    /// be live.
    pub fn save_scenario(
        &mut self,
        name: &AgreementName,
        text: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let id = self.live(name)?;
        self.conn
            .execute(
                "INSERT INTO scenarios (agreement_id, text, saved_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (agreement_id) DO UPDATE SET text = excluded.text, saved_at = excluded.saved_at",
                params![id, text, time_text(at)],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// The simulation scenario saved for `name`, if there is one.
    pub fn scenario(&self, name: &AgreementName) -> Result<Option<String>, StoreError> {
        let Some((id, _)) = self.find(name)? else {
            return Err(StoreError::NotFound {
                name: name.to_string(),
            });
        };
        self.conn
            .query_row(
                "SELECT text FROM scenarios WHERE agreement_id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Moves an agreement to the trash. Its versions stay; it leaves the
    /// list until it is restored.
    pub fn trash(&mut self, name: &AgreementName, at: DateTime<Utc>) -> Result<(), StoreError> {
        let id = self.live(name)?;
        self.conn
            .execute(
                "UPDATE agreements SET trashed_at = ?2 WHERE id = ?1",
                params![id, time_text(at)],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Brings an agreement back from the trash.
    pub fn restore(&mut self, name: &AgreementName) -> Result<(), StoreError> {
        match self.find(name)? {
            None => Err(StoreError::NotFound {
                name: name.to_string(),
            }),
            Some((_, false)) => Err(StoreError::NotInTrash {
                name: name.to_string(),
            }),
            Some((id, true)) => {
                self.conn
                    .execute(
                        "UPDATE agreements SET trashed_at = NULL WHERE id = ?1",
                        [id],
                    )
                    .map_err(|e| self.err(e))?;
                Ok(())
            }
        }
    }

    /// Deletes an agreement in the trash for good, with its versions,
    /// draft, runs and document records. Only an agreement already in the
    /// trash can be purged; the database triggers enforce it as well.
    pub fn purge(&mut self, name: &AgreementName) -> Result<(), StoreError> {
        let path = self.path.clone();
        let err = |e| StoreError::from_sqlite(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let found = lookup(&tx, name).map_err(err)?;
        let id = match found {
            None => {
                return Err(StoreError::NotFound {
                    name: name.to_string(),
                })
            }
            Some((_, false)) => {
                return Err(StoreError::NotInTrash {
                    name: name.to_string(),
                })
            }
            Some((id, true)) => id,
        };
        if let Some(portfolio) = portfolios::portfolio_with(&tx, id).map_err(err)? {
            return Err(StoreError::InPortfolio {
                name: name.to_string(),
                portfolio,
            });
        }
        // The mark in `purging` is what lets the triggers delete versions;
        // it lives only inside this transaction.
        for sql in [
            "INSERT INTO purging (agreement_id) VALUES (?1)",
            "DELETE FROM simulation_runs WHERE version_id IN (SELECT id FROM versions WHERE agreement_id = ?1)",
            "DELETE FROM documents WHERE version_id IN (SELECT id FROM versions WHERE agreement_id = ?1)",
            "DELETE FROM drafts WHERE agreement_id = ?1",
            "DELETE FROM scenarios WHERE agreement_id = ?1",
            "DELETE FROM versions WHERE agreement_id = ?1",
            "DELETE FROM purging WHERE agreement_id = ?1",
            "DELETE FROM agreements WHERE id = ?1",
        ] {
            tx.execute(sql, [id]).map_err(err)?;
        }
        tx.commit().map_err(err)
    }

    fn version_id(&self, name: &AgreementName, number: u32) -> Result<i64, StoreError> {
        let Some((id, _)) = self.find(name)? else {
            return Err(StoreError::NotFound {
                name: name.to_string(),
            });
        };
        self.conn
            .query_row(
                "SELECT id FROM versions WHERE agreement_id = ?1 AND number = ?2",
                params![id, number],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or_else(|| StoreError::VersionNotFound {
                name: name.to_string(),
                number,
            })
    }

    /// Records a simulation run made on version `number` of `name`, and
    /// returns its identifier.
    pub fn record_run(
        &mut self,
        name: &AgreementName,
        number: u32,
        run: &SimulationRun,
        at: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let version = self.version_id(name, number)?;
        self.conn
            .execute(
                "INSERT INTO simulation_runs (version_id, scenario, seed, replications, results, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    version,
                    run.scenario,
                    run.seed.to_string(),
                    run.replications,
                    run.results.to_string(),
                    time_text(at)
                ],
            )
            .map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// The simulation runs recorded on any version of `name`, oldest first.
    pub fn runs(&self, name: &AgreementName) -> Result<Vec<RunRecord>, StoreError> {
        let Some((id, _)) = self.find(name)? else {
            return Err(StoreError::NotFound {
                name: name.to_string(),
            });
        };
        let sql = format!(
            "SELECT r.id, r.scenario, r.seed, r.replications, r.results, r.recorded_at, {VERSION_COLUMNS}
             FROM simulation_runs r JOIN versions v ON v.id = r.version_id JOIN agreements a ON a.id = v.agreement_id
             WHERE a.id = ?1 ORDER BY r.id"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([id], |r| {
                let seed: String = r.get(2)?;
                let results: String = r.get(4)?;
                let conversion = |e: Box<dyn std::error::Error + Send + Sync>| {
                    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e)
                };
                Ok(RunRecord {
                    id: r.get(0)?,
                    run: SimulationRun {
                        scenario: r.get(1)?,
                        seed: seed.parse().map_err(|e| conversion(Box::new(e)))?,
                        replications: r.get(3)?,
                        results: serde_json::from_str(&results)
                            .map_err(|e| conversion(Box::new(e)))?,
                    },
                    recorded_at: parse_time(&r.get::<_, String>(5)?)?,
                    version: version_info(r, 6)?,
                })
            })
            .and_then(|r| r.collect());
        rows.map_err(|e| self.err(e))
    }

    /// Records a document exported from version `number` of `name`, and
    /// returns its identifier.
    pub fn record_document(
        &mut self,
        name: &AgreementName,
        number: u32,
        document: &ExportedDocument,
        at: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let version = self.version_id(name, number)?;
        self.conn
            .execute(
                "INSERT INTO documents (version_id, kind, fingerprint, options, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![version, document.kind, document.fingerprint, document.options.to_string(), time_text(at)],
            )
            .map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    fn documents_where(
        &self,
        condition: &str,
        value: &dyn rusqlite::ToSql,
    ) -> Result<Vec<DocumentRecord>, StoreError> {
        let sql = format!(
            "SELECT d.id, d.kind, d.fingerprint, d.options, d.recorded_at, {VERSION_COLUMNS}
             FROM documents d JOIN versions v ON v.id = d.version_id JOIN agreements a ON a.id = v.agreement_id
             WHERE {condition} ORDER BY d.id"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([value], |r| {
                let options: String = r.get(3)?;
                Ok(DocumentRecord {
                    id: r.get(0)?,
                    document: ExportedDocument {
                        kind: r.get(1)?,
                        fingerprint: r.get(2)?,
                        options: serde_json::from_str(&options).map_err(|e| {
                            rusqlite::Error::FromSqlConversionFailure(
                                3,
                                rusqlite::types::Type::Text,
                                Box::new(e),
                            )
                        })?,
                    },
                    recorded_at: parse_time(&r.get::<_, String>(4)?)?,
                    version: version_info(r, 5)?,
                })
            })
            .and_then(|r| r.collect());
        rows.map_err(|e| self.err(e))
    }

    /// The documents exported from any version of `name`, oldest first.
    pub fn documents(&self, name: &AgreementName) -> Result<Vec<DocumentRecord>, StoreError> {
        let Some((id, _)) = self.find(name)? else {
            return Err(StoreError::NotFound {
                name: name.to_string(),
            });
        };
        self.documents_where("a.id = ?1", &id)
    }

    /// The recorded documents whose bytes have this fingerprint: given a
    /// PDF or figure found on a disk, which version it was made from.
    pub fn trace_document(&self, fingerprint: &str) -> Result<Vec<DocumentRecord>, StoreError> {
        self.documents_where("d.fingerprint = ?1", &fingerprint.to_ascii_lowercase())
    }
}
