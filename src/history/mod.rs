//! The team's real ticket history: helpdesk exports read in a stream and
//! kept in the library, and synthetic histories with known parameters.
//!
//! [`TicketReader`] reads a Zendesk, Freshdesk or Jira Service Management
//! export, or any CSV through a [`Mapping`], one row at a time in constant
//! memory: each row gives a [`Ticket`] or a [`RowProblem`] saying at which
//! line and column and why it could not be read. [`import`] stores a file
//! (and its status-change log) in a named history of the library in one
//! transaction. [`generate`] writes realistic exports whose true
//! parameters are known. [`calibrate`] turns a stored history into a
//! simulation scenario and back-tests it.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use pledge::history::{import, ImportOptions};
//! use pledge::store::Store;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = tempfile::tempdir()?;
//! let file = dir.path().join("tickets.csv");
//! std::fs::write(&file, "id,created,resolved,priority\nT-1,2026-03-02 09:15,2026-03-02 11:00,P1\n")?;
//! let mut store = Store::open(&dir.path().join("pledge.db"))?;
//! let at = Utc.with_ymd_and_hms(2026, 3, 9, 8, 0, 0).unwrap();
//! let report = import(&mut store, &file, &ImportOptions::new("acme".parse()?, at))?;
//! assert_eq!((report.tickets.imported, report.tickets.rejected), (1, 0));
//! # Ok(())
//! # }
//! ```

pub mod calibrate;
mod csv;
mod encoding;
pub mod fit;
mod formats;
pub mod generate;
mod import;
mod json;
pub mod measure;
pub mod report;
pub mod resolve;
pub mod targets;
mod time;
pub mod waits;

use std::fmt;
use std::path::PathBuf;

use chrono::{DateTime, Utc};

pub use encoding::Encoding;
pub use formats::{Columns, Format, Mapping, Values};
pub use import::{
    import, import_tracked, read_mapping, ImportOptions, ImportProgress, ImportReport, RowCounts,
    StatusLogReader, TicketReader, CANCELLED, MAX_PROBLEMS, PROGRESS_EVERY,
};

/// A value as the file wrote it and as the agreement names it (through the
/// mapping's value map; the same when none applies).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Value {
    /// The agreement's word: a plan, priority or channel id.
    pub mapped: String,
    /// The file's word.
    pub raw: String,
}

/// One ticket of a history.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Ticket {
    /// The helpdesk's id (`4512`, `SUP-118`).
    pub id: String,
    /// When the customer opened it.
    pub created: DateTime<Utc>,
    /// The first public reply of an agent, when there was one.
    pub first_response: Option<DateTime<Utc>>,
    /// When it was solved or resolved, if it was.
    pub resolved: Option<DateTime<Utc>>,
    /// Its priority.
    pub priority: Option<Value>,
    /// The customer's plan, or their organisation to be mapped to one.
    pub plan: Option<Value>,
    /// How it reached the team (e-mail, web, chat, phone…).
    pub channel: Option<Value>,
    /// The group or team it was assigned to.
    pub group: Option<Value>,
    /// Its status at the time of the export.
    pub status: Option<Value>,
    /// Its type or request type.
    pub kind: Option<Value>,
}

/// A change of a ticket's status, from a status-change log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    /// The ticket's id.
    pub ticket: String,
    /// When it changed.
    pub at: DateTime<Utc>,
    /// The status before.
    pub from: String,
    /// The status after.
    pub to: String,
}

/// A row that could not be read: where and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RowProblem {
    /// The physical line the row starts on, from 1 (the header is line 1).
    pub line: u64,
    /// The column, from 1, and its name in the header, when one value is
    /// at fault.
    pub column: Option<(usize, String)>,
    /// What is wrong, in plain words.
    pub reason: String,
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some((n, name)) => write!(
                f,
                "line {}, column {n} (`{name}`): {}",
                self.line, self.reason
            ),
            None => write!(f, "line {}: {}", self.line, self.reason),
        }
    }
}

/// Why a file could not be imported at all. Nothing of it was stored.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HistoryError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
    /// The file holds nothing, not even a header.
    #[error("{path}: the file is empty: an export starts with a header line naming its columns")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The header lacks a column the format needs.
    #[error("{path}:1: the {format} has no column {expected}{}; the header has: {}",
        if meaning.is_empty() { String::new() } else { format!(" ({meaning})") },
        found.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", "))]
    MissingColumn {
        /// The file.
        path: PathBuf,
        /// The format's name.
        format: &'static str,
        /// The column (or alternatives) looked for.
        expected: String,
        /// What it holds.
        meaning: &'static str,
        /// The header's columns.
        found: Vec<String>,
    },
    /// The header is no known export's and no mapping was given.
    #[error("{path}:1: the header is not a Zendesk, Freshdesk or Jira Service Management export's, nor Pledge's own (`id`, `created`…): give --format and a --mapping file naming the columns; the header has: {}",
        found.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", "))]
    UnknownFormat {
        /// The file.
        path: PathBuf,
        /// The header's columns.
        found: Vec<String>,
    },
    /// A record is longer than the reader takes.
    #[error("{path}:{line}: a row longer than {limit} bytes starts here: a quote is probably never closed")]
    RowTooLong {
        /// The file.
        path: PathBuf,
        /// Where the row starts.
        line: u64,
        /// The limit in bytes.
        limit: usize,
    },
    /// A record has more values than the reader takes.
    #[error("{path}:{line}: a row with more than {limit} values starts here")]
    TooManyValues {
        /// The file.
        path: PathBuf,
        /// Where the row starts.
        line: u64,
        /// The limit.
        limit: usize,
    },
    /// A JSON export is not JSON where its tickets should be.
    #[error("{path}:{line}: {reason}")]
    Json {
        /// The file.
        path: PathBuf,
        /// Where.
        line: u64,
        /// What was found.
        reason: String,
    },
    /// The header line cannot be decoded.
    #[error("{path}:1: the header holds byte 0x{byte:02X}, which {encoding} cannot read")]
    Header {
        /// The file.
        path: PathBuf,
        /// The byte.
        byte: u8,
        /// The encoding the file was read in.
        encoding: &'static str,
    },
    /// The mapping file cannot be read.
    #[error("{path}{}: {source}{}",
        source.location.map(|l| format!(":{l}")).unwrap_or_default(),
        if source.path.is_empty() { String::new() } else { format!(" (at `{}`)", source.path) })]
    Mapping {
        /// The mapping file.
        path: PathBuf,
        /// What is wrong in it.
        source: crate::format::FormatError,
    },
    /// A time zone is not an IANA zone name.
    #[error("`{zone}` is not a time zone: use an IANA name such as `Europe/Paris` or `UTC`")]
    TimeZone {
        /// The name given.
        zone: String,
    },
    /// The library refused the import.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

impl HistoryError {
    /// The kind of problem: `io`, `empty`, a mapping file's own code, the
    /// library's, else `invalid-export`.
    pub fn code(&self) -> crate::error::ErrorCode {
        use crate::error::ErrorCode;
        match self {
            HistoryError::Io { .. } => ErrorCode::Io,
            HistoryError::Empty { .. } => ErrorCode::Empty,
            HistoryError::Mapping { source, .. } => source.code,
            HistoryError::Store(e) => e.code(),
            HistoryError::MissingColumn { .. }
            | HistoryError::UnknownFormat { .. }
            | HistoryError::RowTooLong { .. }
            | HistoryError::TooManyValues { .. }
            | HistoryError::Header { .. }
            | HistoryError::Json { .. }
            | HistoryError::TimeZone { .. } => ErrorCode::InvalidExport,
        }
    }
}
