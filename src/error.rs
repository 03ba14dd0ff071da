//! The closed list of error codes: every error the core returns says which
//! kind of problem it is with a stable kebab-case code
//! ([`ErrorCode::as_str`]), through its `code()` method. The front ends act
//! on the code (the app's UI receives it as a TypeScript string union
//! generated from this enum; the CLI prints the format's codes in its
//! diagnostics), never on the message, which is for people.
//!
//! A code names a kind of problem a front end can act on, not a variant:
//! several variants share one when nothing would treat them differently
//! (every unusable database file is `database`). A new kind of error gets a
//! new code here, and the test below fails until it is listed.
//!
//! ```
//! use pledge::error::ErrorCode;
//! let error = pledge::format::read("pledge: 1\nmeta: [").unwrap_err();
//! assert_eq!(error.code, ErrorCode::YamlSyntax);
//! assert_eq!(error.code.as_str(), "yaml-syntax");
//! ```

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The kind of an error, with a stable kebab-case spelling.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorCode {
    // Reading a text (`format`): the agreement, a scenario, a draft.
    /// The text is not well-formed YAML.
    YamlSyntax,
    /// A value has the wrong type (a list where a text is expected…).
    Type,
    /// A field that the format does not have.
    UnknownField,
    /// A required field is missing.
    MissingField,
    /// A value is not one the field allows.
    InvalidValue,
    /// A key is given twice in one mapping.
    DuplicateKey,
    /// The file is written in another version of the format, or names none.
    SchemaVersion,
    /// The text or file is larger than Pledge reads.
    TooLarge,
    /// The text nests lists or mappings too deeply.
    TooDeep,
    /// Aliases expand to more values than Pledge reads.
    AliasLimit,
    /// The text holds no document.
    Empty,
    /// The file is not UTF-8 text.
    NotUtf8,
    /// A file or folder could not be read or written.
    Io,

    // The library (`store`).
    /// Another process holds the database: nothing was changed, try again.
    Busy,
    /// The database file cannot be used (not a database, damaged, not
    /// Pledge's, from a newer Pledge, an upgrade that failed); it was left
    /// as it was.
    Database,
    /// A saved version's text no longer matches its fingerprint.
    AlteredVersion,
    /// No agreement has this name.
    UnknownAgreement,
    /// The agreement has no version with this number.
    UnknownVersion,
    /// The agreement has no saved version yet.
    NoVersion,
    /// The agreement is in the trash.
    InTrash,
    /// The agreement is not in the trash.
    NotInTrash,
    /// An agreement name is not allowed.
    InvalidName,
    /// Any other problem of the library (an interrupted import, a stored
    /// version that no longer reads, an SQLite error).
    Store,
    /// The settings file is not one.
    Settings,
    /// An author's name is refused (empty, too long, a control character).
    InvalidAuthor,
    /// No sample or starter has this name.
    UnknownSample,
    /// No ticket history has this name.
    UnknownHistory,
    /// No simulation run of the agreement has this identifier.
    UnknownRun,
    /// No portfolio has this name.
    UnknownPortfolio,
    /// The agreement is a member of a portfolio, so it cannot be purged.
    InPortfolio,

    // Ticket histories (`history`).
    /// A helpdesk export cannot be imported: its header lacks a column,
    /// it is no known export, a row is beyond the reader's bounds, or a
    /// time zone is unknown; nothing of it was stored.
    InvalidExport,

    // Clocks and calendars (`clock`).
    /// A calendar of the agreement cannot be used by the clock.
    InvalidCalendar,
    /// A clock computation has no answer within the calendar's years, or
    /// was given a value it refuses.
    Clock,

    // Simulation (`sim`).
    /// The agreement simulated is not valid.
    InvalidAgreement,
    /// A scenario's value is impossible; the error names its field.
    InvalidScenario,
    /// A run's setting (replications, seed, confidence) is out of range.
    InvalidSettings,
    /// The run was cancelled.
    Cancelled,
    /// The simulation stopped (too many open tickets, no threads).
    Simulation,
    /// The staffing search, or a queueing formula, found no staffing.
    Sizing,

    // Documents (`doc`).
    /// A contract document cannot be built or written.
    Document,
    /// A contract template failed, or produced markup the parser refuses.
    Template,

    /// A front end's own failure, not the user's (a worker that stopped).
    Internal,
}

impl ErrorCode {
    /// Every code, in the order declared.
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::YamlSyntax,
        ErrorCode::Type,
        ErrorCode::UnknownField,
        ErrorCode::MissingField,
        ErrorCode::InvalidValue,
        ErrorCode::DuplicateKey,
        ErrorCode::SchemaVersion,
        ErrorCode::TooLarge,
        ErrorCode::TooDeep,
        ErrorCode::AliasLimit,
        ErrorCode::Empty,
        ErrorCode::NotUtf8,
        ErrorCode::Io,
        ErrorCode::Busy,
        ErrorCode::Database,
        ErrorCode::AlteredVersion,
        ErrorCode::UnknownAgreement,
        ErrorCode::UnknownVersion,
        ErrorCode::NoVersion,
        ErrorCode::InTrash,
        ErrorCode::NotInTrash,
        ErrorCode::InvalidName,
        ErrorCode::Store,
        ErrorCode::Settings,
        ErrorCode::InvalidAuthor,
        ErrorCode::UnknownSample,
        ErrorCode::UnknownHistory,
        ErrorCode::UnknownRun,
        ErrorCode::UnknownPortfolio,
        ErrorCode::InPortfolio,
        ErrorCode::InvalidExport,
        ErrorCode::InvalidCalendar,
        ErrorCode::Clock,
        ErrorCode::InvalidAgreement,
        ErrorCode::InvalidScenario,
        ErrorCode::InvalidSettings,
        ErrorCode::Cancelled,
        ErrorCode::Simulation,
        ErrorCode::Sizing,
        ErrorCode::Document,
        ErrorCode::Template,
        ErrorCode::Internal,
    ];

    /// The code as written: `yaml-syntax`, `busy`, `invalid-scenario`…
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::YamlSyntax => "yaml-syntax",
            ErrorCode::Type => "type",
            ErrorCode::UnknownField => "unknown-field",
            ErrorCode::MissingField => "missing-field",
            ErrorCode::InvalidValue => "invalid-value",
            ErrorCode::DuplicateKey => "duplicate-key",
            ErrorCode::SchemaVersion => "schema-version",
            ErrorCode::TooLarge => "too-large",
            ErrorCode::TooDeep => "too-deep",
            ErrorCode::AliasLimit => "alias-limit",
            ErrorCode::Empty => "empty",
            ErrorCode::NotUtf8 => "not-utf8",
            ErrorCode::Io => "io",
            ErrorCode::Busy => "busy",
            ErrorCode::Database => "database",
            ErrorCode::AlteredVersion => "altered-version",
            ErrorCode::UnknownAgreement => "unknown-agreement",
            ErrorCode::UnknownVersion => "unknown-version",
            ErrorCode::NoVersion => "no-version",
            ErrorCode::InTrash => "in-trash",
            ErrorCode::NotInTrash => "not-in-trash",
            ErrorCode::InvalidName => "invalid-name",
            ErrorCode::Store => "store",
            ErrorCode::Settings => "settings",
            ErrorCode::InvalidAuthor => "invalid-author",
            ErrorCode::UnknownSample => "unknown-sample",
            ErrorCode::UnknownHistory => "unknown-history",
            ErrorCode::UnknownRun => "unknown-run",
            ErrorCode::UnknownPortfolio => "unknown-portfolio",
            ErrorCode::InPortfolio => "in-portfolio",
            ErrorCode::InvalidExport => "invalid-export",
            ErrorCode::InvalidCalendar => "invalid-calendar",
            ErrorCode::Clock => "clock",
            ErrorCode::InvalidAgreement => "invalid-agreement",
            ErrorCode::InvalidScenario => "invalid-scenario",
            ErrorCode::InvalidSettings => "invalid-settings",
            ErrorCode::Cancelled => "cancelled",
            ErrorCode::Simulation => "simulation",
            ErrorCode::Sizing => "sizing",
            ErrorCode::Document => "document",
            ErrorCode::Template => "template",
            ErrorCode::Internal => "internal",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for ErrorCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code once, as the front ends and the users' scripts know it.
    /// The match is exhaustive, so a new variant does not compile until it
    /// is listed here with its spelling; a listed spelling must then be
    /// the serialised one, and unique.
    fn listed(code: ErrorCode) -> &'static str {
        match code {
            ErrorCode::YamlSyntax => "yaml-syntax",
            ErrorCode::Type => "type",
            ErrorCode::UnknownField => "unknown-field",
            ErrorCode::MissingField => "missing-field",
            ErrorCode::InvalidValue => "invalid-value",
            ErrorCode::DuplicateKey => "duplicate-key",
            ErrorCode::SchemaVersion => "schema-version",
            ErrorCode::TooLarge => "too-large",
            ErrorCode::TooDeep => "too-deep",
            ErrorCode::AliasLimit => "alias-limit",
            ErrorCode::Empty => "empty",
            ErrorCode::NotUtf8 => "not-utf8",
            ErrorCode::Io => "io",
            ErrorCode::Busy => "busy",
            ErrorCode::Database => "database",
            ErrorCode::AlteredVersion => "altered-version",
            ErrorCode::UnknownAgreement => "unknown-agreement",
            ErrorCode::UnknownVersion => "unknown-version",
            ErrorCode::NoVersion => "no-version",
            ErrorCode::InTrash => "in-trash",
            ErrorCode::NotInTrash => "not-in-trash",
            ErrorCode::InvalidName => "invalid-name",
            ErrorCode::Store => "store",
            ErrorCode::Settings => "settings",
            ErrorCode::InvalidAuthor => "invalid-author",
            ErrorCode::UnknownSample => "unknown-sample",
            ErrorCode::UnknownHistory => "unknown-history",
            ErrorCode::UnknownRun => "unknown-run",
            ErrorCode::UnknownPortfolio => "unknown-portfolio",
            ErrorCode::InPortfolio => "in-portfolio",
            ErrorCode::InvalidExport => "invalid-export",
            ErrorCode::InvalidCalendar => "invalid-calendar",
            ErrorCode::Clock => "clock",
            ErrorCode::InvalidAgreement => "invalid-agreement",
            ErrorCode::InvalidScenario => "invalid-scenario",
            ErrorCode::InvalidSettings => "invalid-settings",
            ErrorCode::Cancelled => "cancelled",
            ErrorCode::Simulation => "simulation",
            ErrorCode::Sizing => "sizing",
            ErrorCode::Document => "document",
            ErrorCode::Template => "template",
            ErrorCode::Internal => "internal",
        }
    }

    #[test]
    fn every_code_is_listed_once_and_spelled_as_serialised() {
        let mut seen = std::collections::BTreeSet::new();
        for &code in ErrorCode::ALL {
            let text = listed(code);
            assert!(seen.insert(text), "`{text}` is listed twice");
            assert_eq!(code.as_str(), text);
            assert_eq!(
                serde_json::to_value(code).expect("a code serialises"),
                serde_json::Value::from(text)
            );
            let back: ErrorCode = serde_json::from_value(text.into()).expect("reads back");
            assert_eq!(back, code);
            assert!(
                text.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()),
                "`{text}` is not kebab-case"
            );
        }
        // ALL holds every variant: the schema's enum lists exactly as many.
        let schema = serde_json::to_value(schemars::schema_for!(ErrorCode)).expect("a schema");
        let variants = schema
            .get("oneOf")
            .or_else(|| schema.get("enum"))
            .and_then(|v| v.as_array())
            .map_or(0, |v| v.len());
        assert_eq!(variants, ErrorCode::ALL.len(), "{schema}");
    }
}
