//! The Tickets screen's side of the library: the ticket histories of the
//! store, an export imported into one with progress and cancellation, the
//! measured compliance of a history under the agreement in the editor or a
//! saved version (`pledge::history::report`), and each history's word maps
//! kept in the settings file.
//!
//! An import and a report run on a connection of their own to the same
//! database, opened off the library's lock, so that the other screens keep
//! working while a large file is read; the import is still one SQLite
//! transaction, so a stopped or cancelled one stores nothing.

use std::path::Path;

use chrono::{DateTime, Utc};
use pledge::history::calibrate::{
    calibrate, CalibrateOptions, CalibrationError, Input, TicketCounts,
};
use pledge::history::report::{Report, ReportOptions};
use pledge::history::targets::{
    history_targets, internal_change, HistoryTargets, InternalChange, Share, Shares,
};
use pledge::history::{HistoryError, ImportOptions, ImportReport};
use pledge::model::{Metric, Percent, TargetTime};
use pledge::sim::run::CancelToken;
use pledge::store::settings::{self as core_settings, WordMaps};
use pledge::store::{HistoryName, Store};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{at, parse_name, unknown, Library};
use crate::error::{AppError, ErrorCode};

/// How many of an import's located problems the summary shows: the first
/// ones say what is wrong with a file; the count says how many there are.
pub const SUMMARY_PROBLEMS: usize = 20;

/// One history of the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct HistoryRow {
    /// Its name (`acme-2026`).
    pub name: String,
    /// Its tickets.
    pub tickets: u64,
    /// The first ticket's creation, in milliseconds since the Unix epoch.
    pub first_ms: Option<u64>,
    /// The last ticket's creation.
    pub last_ms: Option<u64>,
    /// The imports made into it.
    pub imports: u64,
    /// Its pauses (waiting on the customer) from status logs.
    pub pauses: u64,
}

/// The export chosen for an import, before it starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PickedExport {
    /// The file's name (without its folder).
    pub file_name: String,
    /// The history name proposed: the file's stem as a library name.
    pub name: String,
    /// The file's size in bytes.
    pub bytes: u64,
}

/// How far an import has gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ImportTick {
    /// Rows read.
    pub rows: u64,
    /// Bytes of the file read.
    pub bytes: u64,
    /// The file's size in bytes.
    pub total_bytes: u64,
}

/// A row that could not be read, located.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RowIssue {
    /// The physical line, from 1 (the header is line 1).
    pub line: u64,
    /// The column's number (from 1) and header name, when one value is at
    /// fault.
    pub column: Option<String>,
    /// What is wrong.
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ImportSummary {
    /// The history.
    pub history: String,
    /// The file's name.
    pub file_name: String,
    /// The export's format as found (`Zendesk`, `Freshdesk`…).
    pub format: String,
    /// Its encoding (`UTF-8`, `Windows-1252`…).
    pub encoding: String,
    /// The zone of times without an offset.
    pub time_zone: String,
    /// When the same file was imported into this history before, if it was.
    pub imported_before_ms: Option<u64>,
    /// Rows read.
    pub read: u64,
    /// Tickets new to the history.
    pub imported: u64,
    /// Tickets whose values changed.
    pub updated: u64,
    /// Tickets already there as they are.
    pub unchanged: u64,
    /// Rows that could not be read.
    pub rejected: u64,
    /// The first [`SUMMARY_PROBLEMS`] of them.
    pub problems: Vec<RowIssue>,
    /// Why the import stopped, when it did: then nothing was stored.
    pub stopped: Option<String>,
    /// Whether it stopped because the user cancelled it.
    pub cancelled: bool,
}

/// An id of the agreement with its name, for the word maps' choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct IdName {
    /// The id (`premium`, `P1`, `email`).
    pub id: String,
    /// Its name, as the agreement writes it.
    pub name: String,
}

/// A history measured under an agreement, with what the screen needs of
/// the agreement to read it: the zones the hours are counted in, and the
/// ids a word of the history can be mapped to.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct HistoryReport {
    /// The core's report.
    pub report: Report,
    /// The time zones of the plans' calendars, each once: the hour-of-week
    /// grid counts each ticket in its plan's zone.
    pub zones: Vec<String>,
    /// The agreement's plans.
    pub plans: Vec<IdName>,
    /// Its priorities.
    pub priorities: Vec<IdName>,
    /// Its channels.
    pub channels: Vec<IdName>,
}

impl HistoryReport {
    fn new(report: Report, agreement: &pledge::model::Agreement) -> Self {
        let mut zones: Vec<String> = Vec::new();
        for plan in &agreement.plans {
            let zone = agreement
                .calendars
                .iter()
                .find(|c| c.id == plan.calendar)
                .map(|c| c.time_zone.clone());
            if let Some(zone) = zone.filter(|z| !zones.contains(z)) {
                zones.push(zone);
            }
        }
        // The names as the agreement's own language writes them.
        let pair = |id: &str, name: &str| IdName {
            id: id.to_string(),
            name: name.to_string(),
        };
        HistoryReport {
            report,
            zones,
            plans: agreement
                .plans
                .iter()
                .map(|p| pair(&p.id, agreement.own(&p.name)))
                .collect(),
            priorities: agreement
                .priorities
                .iter()
                .map(|p| pair(&p.id, agreement.own(&p.name)))
                .collect(),
            channels: agreement
                .channels
                .iter()
                .map(|c| pair(&c.id, agreement.own(&c.name)))
                .collect(),
        }
    }
}

/// A target written from a history into the agreement in the editor.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct TargetUsed {
    /// The agreement as the editor now holds it.
    pub opened: crate::dto::Opened,
    /// The contractual target before.
    pub before: String,
    /// After.
    pub after: String,
    /// What became of the internal target.
    pub internal: InternalChange,
}

/// The agreement a history is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReportAgreement {
    /// The agreement open in the editor, as it is now.
    Draft,
    /// A saved version of it.
    Version {
        /// Its number.
        number: u32,
    },
}

fn ms(time: DateTime<Utc>) -> u64 {
    u64::try_from(time.timestamp_millis()).unwrap_or(0)
}

/// A history name as the UI typed it; refused at the field `name`.
pub fn history_name(name: &str) -> Result<HistoryName, AppError> {
    name.trim()
        .parse()
        .map_err(|e: pledge::store::StoreError| AppError::at(e.code(), e.to_string(), "name"))
}

/// An import or report error as the UI sees it.
pub fn history_error(e: HistoryError) -> AppError {
    match e {
        HistoryError::Store(e) => e.into(),
        other => AppError::new(other.code(), other.to_string()),
    }
}

/// The name proposed for a history imported from `file`: its stem as a
/// library name (`Tickets 2026 (Zendesk).csv` → `Tickets-2026-Zendesk`).
pub fn suggested_name(file: &Path) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    pledge::store::name_stem(&stem)
}

/// What the UI shows of a chosen export.
pub fn picked(file: &Path) -> Result<PickedExport, AppError> {
    let bytes = std::fs::metadata(file)
        .map_err(|e| AppError::io(file, &e))?
        .len();
    Ok(PickedExport {
        file_name: file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        name: suggested_name(file),
        bytes,
    })
}

/// The summary of an import's report.
pub fn summary(report: &ImportReport) -> ImportSummary {
    let t = &report.tickets;
    ImportSummary {
        history: report.history.clone(),
        file_name: report
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        format: report.format.name().to_string(),
        encoding: report.encoding.name().to_string(),
        time_zone: report.time_zone.clone(),
        imported_before_ms: report.imported_before.map(ms),
        read: t.read,
        imported: t.imported,
        updated: t.updated,
        unchanged: t.unchanged,
        rejected: t.rejected,
        problems: t
            .problems
            .iter()
            .take(SUMMARY_PROBLEMS)
            .map(|p| RowIssue {
                line: p.line,
                column: p.column.as_ref().map(|(n, name)| format!("{n} ({name})")),
                reason: p.reason.clone(),
            })
            .collect(),
        cancelled: report.stopped.as_deref() == Some(pledge::history::CANCELLED),
        stopped: report.stopped.clone(),
    }
}

/// Imports `file` into history `name` of the library at `database`, on a
/// connection of its own; `progress` hears how far it has gone, and
/// `token` cancels it (then nothing is stored and the summary says so).
pub fn import_export(
    database: &Path,
    file: &Path,
    name: &str,
    now_ms: u64,
    token: &CancelToken,
    progress: &dyn Fn(ImportTick),
) -> Result<ImportSummary, AppError> {
    let name = history_name(name)?;
    let mut store = Store::open(database)?;
    let options = ImportOptions::new(name, at(now_ms));
    let report = pledge::history::import_tracked(&mut store, file, &options, &mut |p| {
        progress(ImportTick {
            rows: p.rows,
            bytes: p.bytes,
            total_bytes: p.total_bytes,
        });
        !token.is_cancelled()
    })
    .map_err(history_error)?;
    Ok(summary(&report))
}

/// The report of history `name` under `agreement`, with its word maps, on
/// a connection of its own to the library at `database`.
pub fn measure(
    database: &Path,
    name: &str,
    agreement: &pledge::model::Agreement,
    maps: &WordMaps,
) -> Result<HistoryReport, AppError> {
    let name = known_history(database, name)?;
    let store = Store::open(database)?;
    let options = ReportOptions {
        values: maps.values(),
        as_of: None,
    };
    let report = pledge::history::report::report(&store, &name, agreement, &options)
        .map_err(|e| AppError::new(e.code(), e.to_string()))?;
    Ok(HistoryReport::new(report, agreement))
}

/// The targets history `name` says the team held under `agreement`, each
/// in `tickets` percent of tickets and `months` percent of months, its
/// words read with its word maps.
pub fn achievable(
    database: &Path,
    name: &str,
    agreement: &pledge::model::Agreement,
    maps: &WordMaps,
    tickets: f64,
    months: f64,
) -> Result<HistoryTargets, AppError> {
    let name = known_history(database, name)?;
    let share = |value: f64, what: &str, field: &str| {
        Share::new(Percent::new(value), what)
            .map_err(|e| AppError::at(ErrorCode::InvalidSettings, e.to_string(), field))
    };
    let shares = Shares {
        tickets: share(tickets, "the share of tickets", "tickets")?,
        months: share(months, "the share of months", "months")?,
    };
    let store = Store::open(database)?;
    history_targets(&store, &name, agreement, &maps.values(), shares)
        .map_err(|e| AppError::new(e.code(), e.to_string()))
}

/// A scenario calibrated from a history, to replace the Simulation
/// screen's inputs.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct CalibratedScenario {
    /// The history.
    pub history: String,
    /// The scenario with its workload and work replaced (a plain JSON
    /// value, as the Simulation screen keeps it).
    #[schemars(with = "crate::simulation::ScenarioSpec")]
    pub scenario: serde_json::Value,
    /// Each input replaced and what it was estimated from.
    pub inputs: Vec<Input>,
    /// Where the history's tickets went.
    pub tickets: TicketCounts,
    /// The calibrated period's first day, `YYYY-MM-DD` in the profile's zone.
    pub from: String,
    /// Its last day.
    pub to: String,
}

/// Scenario `current` with its workload and work calibrated from history
/// `name` under `agreement` (`pledge::history::calibrate`), its staffing,
/// dispatch and dates kept.
pub fn calibrated(
    database: &Path,
    name: &str,
    agreement: &pledge::model::Agreement,
    maps: &WordMaps,
    current: &serde_json::Value,
) -> Result<CalibratedScenario, AppError> {
    let name = known_history(database, name)?;
    let store = Store::open(database)?;
    let options = CalibrateOptions {
        values: maps.values(),
        ..CalibrateOptions::default()
    };
    let fail = |e: CalibrationError| AppError::new(e.code(), e.to_string());
    let calibration = calibrate(&store, &name, agreement, &options).map_err(fail)?;
    let scenario = calibration.replace_inputs(current).map_err(fail)?;
    let (from, to) = calibration.period_days();
    Ok(CalibratedScenario {
        history: name.to_string(),
        scenario,
        inputs: calibration.replaced_inputs().cloned().collect(),
        tickets: calibration.tickets.clone(),
        from,
        to,
    })
}

/// History `name` of the library at `database`, refused when it has none.
fn known_history(database: &Path, name: &str) -> Result<HistoryName, AppError> {
    let name = history_name(name)?;
    let store = Store::open(database)?;
    if !store.histories()?.iter().any(|h| h.name == name) {
        return Err(AppError::new(
            ErrorCode::UnknownHistory,
            format!("the library has no history `{name}`"),
        ));
    }
    Ok(name)
}

/// The validator's gate: the agreement when it has no error, else an
/// `invalid-agreement` error listing them (`label` names the draft or the
/// version).
fn gated(text: &str, label: &str) -> Result<pledge::model::Agreement, AppError> {
    let report = pledge::check::check_text(text);
    let errors: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == pledge::check::Severity::Error)
        .map(|d| format!("{}: {}", d.path, d.message))
        .collect();
    match report.agreement {
        Some(agreement) if errors.is_empty() => Ok(agreement),
        _ => Err(AppError::at(
            ErrorCode::InvalidAgreement,
            format!(
                "{label} cannot be measured until its errors are fixed: {}",
                errors.join("; ")
            ),
            "agreement",
        )),
    }
}

impl Library {
    /// The histories, by name.
    pub fn histories(&self) -> Result<Vec<HistoryRow>, AppError> {
        Ok(self
            .store
            .histories()?
            .into_iter()
            .map(|h| HistoryRow {
                name: h.name.to_string(),
                tickets: h.tickets,
                first_ms: h.span.map(|s| ms(s.0)),
                last_ms: h.span.map(|s| ms(s.1)),
                imports: h.imports,
                pauses: h.pauses,
            })
            .collect())
    }

    /// The database file, for work on a connection of its own.
    pub fn database_path(&self) -> std::path::PathBuf {
        self.store.path().to_path_buf()
    }

    /// The agreement to measure, through the validator's gate: agreement
    /// `id` as open in the editor, or one of its saved versions.
    pub fn report_agreement(
        &mut self,
        id: &str,
        choice: ReportAgreement,
    ) -> Result<pledge::model::Agreement, AppError> {
        match choice {
            ReportAgreement::Draft => {
                self.load(id)?;
                let entry = self.open.get(id).ok_or_else(|| unknown(id))?;
                gated(&entry.agreement.to_string(), "the agreement in the editor")
            }
            ReportAgreement::Version { number } => {
                let version = self.store.version(&parse_name(id)?, Some(number))?;
                gated(&version.yaml, &format!("version {number}"))
            }
        }
    }

    /// Writes `value` as the contractual `metric` target of row `row` of
    /// agreement `id` as open in the editor, an edit like any other (the
    /// editor's undo takes it back); an internal target no longer shorter
    /// is scaled or removed as [`internal_change`] says, so the agreement
    /// still passes the gate.
    pub fn use_target(
        &mut self,
        id: &str,
        row: usize,
        metric: Metric,
        value: &str,
        now_ms: u64,
    ) -> Result<TargetUsed, AppError> {
        let agreement = self.report_agreement(id, ReportAgreement::Draft)?;
        let wrong = |what: String, field: &str| AppError::at(ErrorCode::InvalidValue, what, field);
        let target = agreement
            .targets
            .get(row)
            .ok_or_else(|| wrong(format!("the agreement has no target row {row}"), "row"))?;
        let current = target.metric(metric).ok_or_else(|| {
            wrong(
                format!("target row {row} sets no {} target", metric.key()),
                "metric",
            )
        })?;
        let after: TargetTime = value
            .parse()
            .map_err(|e| wrong(format!("`{value}` is no target time: {e}"), "value"))?;
        if !after.is_positive() {
            return Err(wrong(
                format!("a target must be longer than zero, not `{value}`"),
                "value",
            ));
        }
        let internal = internal_change(current.within, current.internal, after);
        let mut edited = self.get(id)?.agreement;
        let slot = edited
            .pointer_mut(&format!("/targets/{row}/{}", metric.key()))
            .and_then(serde_json::Value::as_object_mut)
            .ok_or_else(|| {
                wrong(
                    format!("target row {row} sets no {} target", metric.key()),
                    "metric",
                )
            })?;
        slot.insert("within".into(), after.to_string().into());
        match internal {
            InternalChange::Kept => {}
            InternalChange::Scaled { after, .. } => {
                slot.insert("internal".into(), after.to_string().into());
            }
            InternalChange::Removed { .. } => {
                slot.remove("internal");
            }
        }
        self.edit(id, edited, now_ms)?;
        Ok(TargetUsed {
            opened: self.get(id)?,
            before: current.within.to_string(),
            after: after.to_string(),
            internal,
        })
    }

    /// History `history`'s word maps (none mapped when none were saved).
    pub fn word_maps(&self, history: &str) -> Result<WordMaps, AppError> {
        let name = history_name(history)?;
        core_settings::saved_word_maps(&self.data_dir(), name.as_str())
            .map_err(super::settings::settings_error)
    }

    /// Keeps `maps` as history `history`'s word maps, a word mapped to an
    /// empty id dropped; returns what is kept.
    pub fn set_word_maps(&self, history: &str, maps: WordMaps) -> Result<WordMaps, AppError> {
        let name = history_name(history)?;
        let clean = |m: std::collections::BTreeMap<String, String>| {
            m.into_iter()
                .filter(|(word, id)| !word.is_empty() && !id.trim().is_empty())
                .map(|(word, id)| (word, id.trim().to_string()))
                .collect()
        };
        let maps = WordMaps {
            plan: clean(maps.plan),
            priority: clean(maps.priority),
            channel: clean(maps.channel),
        };
        core_settings::save_word_maps(&self.data_dir(), name.as_str(), &maps)
            .map_err(super::settings::settings_error)?;
        Ok(maps)
    }
}

/// The export the user chose in the dialog, kept on the Rust side so that
/// the UI never names a path: `import_history` imports this file.
#[derive(Default)]
pub struct ChosenExport(std::sync::Mutex<Option<std::path::PathBuf>>);

impl ChosenExport {
    /// Remembers `file` as the one to import.
    pub fn choose(&self, file: std::path::PathBuf) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(file);
    }

    /// The file chosen last, if any.
    pub fn file(&self) -> Result<std::path::PathBuf, AppError> {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .ok_or_else(|| {
                AppError::at(
                    ErrorCode::Io,
                    "no export was chosen: choose a file first",
                    "file",
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Config;
    use pledge::history::generate::{write_export, TrueParameters};
    use pledge::history::report::report;
    use pledge::history::Format;

    const SAMPLE: &str = "saas-multilevel";

    fn config(dir: &Path) -> Config {
        Config {
            data_dir: dir.join("data"),
            legacy_drafts: None,
            author: "tester".into(),
        }
    }

    /// A generated Zendesk export of two weeks at `dir/name`, with the
    /// number of ticket rows written.
    fn export(dir: &Path, name: &str) -> (std::path::PathBuf, u64) {
        let file = dir.join(name);
        let params = TrueParameters::realistic(2, 200.0);
        let out = std::fs::File::create(&file).expect("create");
        let written = write_export(Format::Zendesk, &params, 7, out, None).expect("written");
        (file, written.tickets)
    }

    #[test]
    fn an_export_is_named_after_its_file_imported_listed_and_measured() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut lib = Library::open(&config(dir.path()), 1_000).expect("open");
        let (file, rows) = export(dir.path(), "Acme tickets (2026).csv");
        let chosen = picked(&file).expect("picked");
        assert_eq!(chosen.name, "Acme-tickets-2026");
        assert_eq!(chosen.file_name, "Acme tickets (2026).csv");
        assert!(chosen.bytes > 0);

        let heard = std::sync::Mutex::new(Vec::new());
        let summary = import_export(
            &lib.database_path(),
            &file,
            &chosen.name,
            2_000,
            &CancelToken::default(),
            &|tick| heard.lock().expect("lock").push(tick),
        )
        .expect("imported");
        assert_eq!(summary.format, Format::Zendesk.name());
        assert_eq!(
            (summary.read, summary.imported, summary.rejected),
            (rows, rows, 0)
        );
        assert_eq!(
            (summary.stopped.as_deref(), summary.cancelled),
            (None, false)
        );
        let last = *heard.lock().expect("lock").last().expect("the end is told");
        assert_eq!((last.rows, last.bytes), (rows, last.total_bytes));

        let listed = lib.histories().expect("histories");
        assert_eq!(listed.len(), 1);
        assert_eq!(
            (
                listed[0].name.as_str(),
                listed[0].tickets,
                listed[0].imports
            ),
            ("Acme-tickets-2026", rows, 1)
        );
        assert!(listed[0].first_ms <= listed[0].last_ms && listed[0].first_ms.is_some());

        // The draft as the editor holds it and version 1 are the same text.
        let draft = lib
            .report_agreement(SAMPLE, ReportAgreement::Draft)
            .expect("the sample passes the gate");
        let version = lib
            .report_agreement(SAMPLE, ReportAgreement::Version { number: 1 })
            .expect("version 1");
        assert_eq!(draft, version);
        let measured = measure(
            &lib.database_path(),
            "Acme-tickets-2026",
            &draft,
            &WordMaps::default(),
        )
        .expect("measured");
        let store = Store::open(&lib.database_path()).expect("store");
        let direct = report(
            &store,
            &"Acme-tickets-2026".parse().expect("name"),
            &draft,
            &ReportOptions::default(),
        )
        .expect("report");
        assert_eq!(measured.report, direct);
        assert_eq!(measured.report.tickets, rows);
        assert_eq!(measured.zones, ["America/New_York"]);
        let plans: Vec<&str> = measured.plans.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(plans, ["standard", "premium", "enterprise"]);
    }

    #[test]
    fn a_cancelled_import_stores_nothing_and_says_so() {
        let dir = tempfile::tempdir().expect("tempdir");
        let lib = Library::open(&config(dir.path()), 1_000).expect("open");
        let (file, rows) = export(dir.path(), "tickets.csv");
        let token = CancelToken::default();
        token.cancel();
        let summary = import_export(
            &lib.database_path(),
            &file,
            "tickets",
            2_000,
            &token,
            &|_| {},
        )
        .expect("stopped, not failed");
        assert!(summary.cancelled, "{summary:?}");
        assert_eq!(summary.stopped.as_deref(), Some(pledge::history::CANCELLED));
        assert_eq!(summary.read, rows);
        assert!(lib.histories().expect("histories").is_empty());
    }

    #[test]
    fn a_bad_name_or_file_is_refused_where_it_is() {
        let dir = tempfile::tempdir().expect("tempdir");
        let lib = Library::open(&config(dir.path()), 1_000).expect("open");
        let (file, _) = export(dir.path(), "tickets.csv");
        let token = CancelToken::default();
        let error = import_export(&lib.database_path(), &file, "../x", 1, &token, &|_| {})
            .expect_err("refused");
        assert_eq!(
            (error.code.as_str(), error.path.as_str()),
            ("invalid-name", "name")
        );
        let empty = dir.path().join("empty.csv");
        std::fs::write(&empty, "").expect("write");
        let error = import_export(&lib.database_path(), &empty, "x", 1, &token, &|_| {})
            .expect_err("refused");
        assert_eq!(error.code.as_str(), "empty");
        assert!(error.message.contains("empty.csv"), "{error:?}");
        let error = measure(
            &lib.database_path(),
            "nothing-here",
            &pledge::format::read(pledge::samples::SAMPLES[0].text).expect("sample"),
            &WordMaps::default(),
        )
        .expect_err("no such history");
        assert_eq!(error.code.as_str(), "unknown-history");
    }

    #[test]
    fn an_agreement_with_errors_is_refused_at_the_gate_and_its_saved_version_is_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut lib = Library::open(&config(dir.path()), 1_000).expect("open");
        let mut value = lib.get(SAMPLE).expect("open").agreement;
        *value.pointer_mut("/targets/0/plan").expect("plan") = "nowhere".into();
        lib.edit(SAMPLE, value, 2_000).expect("edit");
        let error = lib
            .report_agreement(SAMPLE, ReportAgreement::Draft)
            .expect_err("refused");
        assert_eq!(
            (error.code.as_str(), error.path.as_str()),
            ("invalid-agreement", "agreement")
        );
        assert!(error.message.contains("targets[0].plan"), "{error:?}");
        lib.report_agreement(SAMPLE, ReportAgreement::Version { number: 1 })
            .expect("the saved version is measured");
        let error = lib
            .report_agreement(SAMPLE, ReportAgreement::Version { number: 9 })
            .expect_err("no version 9");
        assert_eq!(error.code.as_str(), "unknown-version");
    }

    #[test]
    fn word_maps_are_kept_per_history_beside_the_author_and_read_the_words() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut lib = Library::open(&config(dir.path()), 1_000).expect("open");
        let (file, _) = export(dir.path(), "tickets.csv");
        let token = CancelToken::default();
        import_export(&lib.database_path(), &file, "acme", 2_000, &token, &|_| {})
            .expect("imported");
        let agreement = lib
            .report_agreement(SAMPLE, ReportAgreement::Draft)
            .expect("agreement");
        let before = measure(
            &lib.database_path(),
            "acme",
            &agreement,
            &WordMaps::default(),
        )
        .expect("measured")
        .report;
        let unknown_plans: Vec<&str> = before
            .unknown_values
            .iter()
            .filter(|u| u.field == pledge::history::resolve::Field::Plan)
            .map(|u| u.value.as_str())
            .collect();
        assert!(unknown_plans.contains(&"Acme Corp"), "{unknown_plans:?}");

        lib.set_author("Ana").expect("author");
        let mut maps = WordMaps::default();
        for word in &unknown_plans {
            maps.plan.insert(word.to_string(), "standard".into());
        }
        maps.plan.insert("Acme Corp".into(), "premium".into());
        maps.priority.insert("unused".into(), "  ".into());
        let kept = lib.set_word_maps("acme", maps.clone()).expect("kept");
        assert!(kept.priority.is_empty(), "an empty choice is no map");
        assert_eq!(kept.plan, maps.plan);
        assert_eq!(lib.word_maps("acme").expect("read"), kept);
        assert_eq!(lib.word_maps("other").expect("read"), WordMaps::default());
        assert_eq!(
            lib.settings().expect("settings").author,
            "Ana",
            "the author is kept"
        );
        lib.set_author("Bea").expect("author");
        assert_eq!(
            lib.word_maps("acme").expect("read"),
            kept,
            "the maps are kept"
        );

        let after = measure(&lib.database_path(), "acme", &agreement, &kept)
            .expect("measured")
            .report;
        assert!(
            after.measured > before.measured,
            "{} then {}",
            before.measured,
            after.measured
        );
        assert!(after
            .unknown_values
            .iter()
            .all(|u| u.field != pledge::history::resolve::Field::Plan));
        lib.set_word_maps("acme", WordMaps::default())
            .expect("cleared");
        assert_eq!(lib.word_maps("acme").expect("read"), WordMaps::default());
    }

    #[test]
    fn word_maps_that_would_pass_the_settings_bound_are_refused_and_nothing_is_lost() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut lib = Library::open(&config(dir.path()), 1_000).expect("open");
        lib.set_author("Ana").expect("author");
        let mut maps = WordMaps::default();
        maps.plan.insert("x".repeat(70 * 1024), "premium".into());
        let error = lib.set_word_maps("acme", maps).expect_err("refused");
        assert_eq!(error.code.as_str(), "settings");
        assert!(error.message.contains("64 KiB"), "{error:?}");
        assert_eq!(lib.settings().expect("settings").author, "Ana");
        assert_eq!(lib.word_maps("acme").expect("read"), WordMaps::default());
    }

    /// History `acme` of three generated weeks, its organisations mapped
    /// to the sample's plans, in a library opened at `dir`.
    fn mapped_history(dir: &Path) -> (Library, WordMaps) {
        let mut lib = Library::open(&config(dir), 1_000).expect("open");
        let file = dir.join("tickets.csv");
        let params = TrueParameters::realistic(3, 200.0);
        let out = std::fs::File::create(&file).expect("create");
        write_export(Format::Zendesk, &params, 7, out, None).expect("written");
        import_export(
            &lib.database_path(),
            &file,
            "acme",
            2_000,
            &CancelToken::default(),
            &|_| {},
        )
        .expect("imported");
        let agreement = lib
            .report_agreement(SAMPLE, ReportAgreement::Draft)
            .expect("agreement");
        let unknown = measure(
            &lib.database_path(),
            "acme",
            &agreement,
            &WordMaps::default(),
        )
        .expect("measured")
        .report
        .unknown_values;
        let mut maps = WordMaps::default();
        for u in unknown {
            if u.field == pledge::history::resolve::Field::Plan {
                maps.plan.insert(u.value, "premium".into());
            }
        }
        (lib, maps)
    }

    #[test]
    fn achievable_targets_are_the_cores_at_the_shares_asked_and_a_bad_share_is_placed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut lib, maps) = mapped_history(dir.path());
        let agreement = lib
            .report_agreement(SAMPLE, ReportAgreement::Draft)
            .expect("agreement");
        let found = achievable(&lib.database_path(), "acme", &agreement, &maps, 80.0, 90.0)
            .expect("targets");
        let store = Store::open(&lib.database_path()).expect("store");
        let shares = Shares {
            tickets: Share::new(Percent::new(80.0), "t").expect("share"),
            months: Share::new(Percent::new(90.0), "m").expect("share"),
        };
        let direct = history_targets(
            &store,
            &"acme".parse().expect("name"),
            &agreement,
            &maps.values(),
            shares,
        )
        .expect("direct");
        assert_eq!(found, direct);
        assert!(
            found.rows.iter().any(|r| r.in_tickets.is_some()),
            "{found:?}"
        );

        for (tickets, months, field) in [(0.0, 90.0, "tickets"), (90.0, 100.5, "months")] {
            let error = achievable(
                &lib.database_path(),
                "acme",
                &agreement,
                &maps,
                tickets,
                months,
            )
            .expect_err("refused");
            assert_eq!(
                (error.code.as_str(), error.path.as_str()),
                ("invalid-settings", field),
                "{error:?}"
            );
        }
        let error = achievable(&lib.database_path(), "other", &agreement, &maps, 90.0, 90.0)
            .expect_err("no such history");
        assert_eq!(error.code.as_str(), "unknown-history");
    }

    #[test]
    fn a_calibration_replaces_workload_and_work_and_keeps_the_rest_of_the_scenario() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut lib, maps) = mapped_history(dir.path());
        let agreement = lib
            .report_agreement(SAMPLE, ReportAgreement::Draft)
            .expect("agreement");
        let current = lib.scenario(SAMPLE, 2_000).expect("scenario").scenario;
        let got = calibrated(&lib.database_path(), "acme", &agreement, &maps, &current)
            .expect("calibrated");
        let store = Store::open(&lib.database_path()).expect("store");
        let options = CalibrateOptions {
            values: maps.values(),
            ..CalibrateOptions::default()
        };
        let core =
            calibrate(&store, &"acme".parse().expect("name"), &agreement, &options).expect("core");
        let spec = serde_json::to_value(&core.spec).expect("spec");
        for key in ["workload", "work"] {
            assert_eq!(got.scenario[key], spec[key], "{key} is the calibration's");
        }
        for key in [
            "start", "horizon", "warm_up", "staffing", "dispatch", "name",
        ] {
            assert_eq!(got.scenario[key], current[key], "{key} is kept");
        }
        assert!(!got.inputs.is_empty());
        assert!(got
            .inputs
            .iter()
            .all(|i| i.field.starts_with("workload") || i.field.starts_with("work[")));
        assert_eq!(got.tickets, core.tickets);
        assert!(got.from < got.to, "{got:?}");
        // What the app puts in place is a scenario the screen can run.
        crate::simulation::build(&got.scenario, &lib.get(SAMPLE).expect("get").agreement)
            .expect("the calibrated scenario builds");

        let mut elsewhere = current.clone();
        elsewhere["time_zone"] = "Asia/Tokyo".into();
        let error = calibrated(&lib.database_path(), "acme", &agreement, &maps, &elsewhere)
            .expect_err("refused");
        assert_eq!(error.code.as_str(), "invalid-settings");
        assert!(error.message.contains("Asia/Tokyo"), "{error:?}");
    }

    #[test]
    fn a_used_target_is_an_edit_that_passes_the_gate_and_undo_takes_it_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut lib = Library::open(&config(dir.path()), 1_000).expect("open");
        let before = lib.get(SAMPLE).expect("open").agreement;
        let slot = before
            .pointer("/targets/4/first_response")
            .expect("row 4 answers first");
        assert_eq!(
            (slot["within"].as_str(), slot["internal"].as_str()),
            (Some("1h"), Some("30m")),
            "the sample's premium P1 row, which this test is about"
        );
        let used = lib
            .use_target(SAMPLE, 4, Metric::FirstResponse, "30m", 2_000)
            .expect("used");
        assert_eq!((used.before.as_str(), used.after.as_str()), ("1h", "30m"));
        // 30 min of 1 h is half: half of the new 30 min.
        assert_eq!(
            serde_json::to_value(used.internal).expect("json"),
            serde_json::json!({"kind": "scaled", "before": "30m", "after": "15m"})
        );
        let slot = &used.opened.agreement["targets"][4]["first_response"];
        assert_eq!(
            (slot["within"].as_str(), slot["internal"].as_str()),
            (Some("30m"), Some("15m"))
        );
        assert!(used.opened.can_undo);
        lib.report_agreement(SAMPLE, ReportAgreement::Draft)
            .expect("the edited agreement passes the gate");
        assert_eq!(
            lib.step(SAMPLE, false, 3_000).expect("undone").agreement,
            before
        );

        for (row, metric, value, field) in [
            (99, Metric::FirstResponse, "30m", "row"),
            (0, Metric::PeriodicUpdate, "30m", "metric"),
            (4, Metric::FirstResponse, "soon", "value"),
            (4, Metric::FirstResponse, "0m", "value"),
        ] {
            let error = lib
                .use_target(SAMPLE, row, metric, value, 4_000)
                .expect_err("refused");
            assert_eq!(
                (error.code.as_str(), error.path.as_str()),
                ("invalid-value", field),
                "{error:?}"
            );
        }
        assert_eq!(
            lib.get(SAMPLE).expect("open").agreement,
            before,
            "nothing written"
        );
    }
}
