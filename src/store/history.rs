//! Ticket histories in the library (schema 5): the tickets of a named
//! history, their status changes and pauses, and the log of imports.
//!
//! An import writes through a [`HistoryImport`], which holds one write
//! transaction from the first ticket to [`HistoryImport::commit`]:
//! dropping it without committing stores nothing.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};

use super::{parse_time, time_text, Store, StoreError};
use crate::history::{RowCounts, StatusChange, Ticket, Value};

/// The name of a history in the library: letters, digits, `-`, `_` and
/// `.`, not starting with `.` or `-`, at most 100 characters (the rules of
/// agreement names).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HistoryName(String);

impl HistoryName {
    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for HistoryName {
    type Err = StoreError;
    fn from_str(text: &str) -> Result<Self, StoreError> {
        match text.parse::<super::AgreementName>() {
            Ok(_) => Ok(HistoryName(text.to_owned())),
            Err(StoreError::InvalidName { reason, .. }) => Err(StoreError::InvalidHistoryName {
                name: text.to_owned(),
                reason,
            }),
            Err(other) => Err(other),
        }
    }
}

impl fmt::Display for HistoryName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What writing one ticket did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    /// The ticket was new to the history.
    New,
    /// The ticket was there with other values, now replaced.
    Updated,
    /// The ticket was there with the same values.
    Unchanged,
}

/// One file's line in the import log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportLog {
    /// `tickets` or `status-log`.
    pub kind: &'static str,
    /// The file's name (without its folder).
    pub file_name: String,
    /// SHA-256 of the file.
    pub fingerprint: String,
    /// The format's key (`zendesk`…, `status-log`).
    pub format: String,
    /// The encoding's name.
    pub encoding: String,
    /// The zone of times without an offset.
    pub time_zone: String,
    /// The rows' counts.
    pub counts: RowCounts,
    /// The statuses taken as pauses (a log only).
    pub pause_statuses: Vec<String>,
}

/// A recorded import, as `pledge history list` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRecord {
    /// The history.
    pub history: HistoryName,
    /// What was recorded.
    pub log: ImportLog,
    /// When.
    pub imported_at: DateTime<Utc>,
}

/// A history and its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistorySummary {
    /// Its name.
    pub name: HistoryName,
    /// How many tickets it holds.
    pub tickets: u64,
    /// The first and last creation times, when it holds any.
    pub span: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// How many pauses its tickets have.
    pub pauses: u64,
    /// How many files were imported into it.
    pub imports: u64,
}

/// A pause of a stored ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPause {
    /// The ticket's id.
    pub ticket: String,
    /// When the ticket started waiting on the customer.
    pub start: DateTime<Utc>,
    /// When it stopped; `None` while the ticket's last status is a pause one.
    pub end: Option<DateTime<Utc>>,
    /// The status it waited in.
    pub status: String,
}

/// An import under way: one write transaction.
pub struct HistoryImport<'a> {
    tx: Transaction<'a>,
    path: std::path::PathBuf,
    history: i64,
    import: i64,
    at: DateTime<Utc>,
}

fn signed(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn count(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<u64> {
    Ok(u64::try_from(r.get::<_, i64>(i)?).unwrap_or_default())
}

fn seconds(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

fn instant(s: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(s, 0).unwrap_or_default()
}

fn parts(v: &Option<Value>) -> (Option<&str>, Option<&str>) {
    match v {
        Some(v) => (Some(v.mapped.as_str()), Some(v.raw.as_str())),
        None => (None, None),
    }
}

const TICKET_COLUMNS: &str = "ticket, created, first_response, resolved, priority, priority_raw, plan, plan_raw, channel, channel_raw, assigned_group, group_raw, status, status_raw, kind, kind_raw";

impl HistoryImport<'_> {
    fn err(&self, e: rusqlite::Error) -> StoreError {
        StoreError::from_sqlite(&self.path, e)
    }

    /// When a file with this fingerprint was last imported into the
    /// history, if ever.
    pub fn imported_before(&self, fingerprint: &str) -> Result<Option<DateTime<Utc>>, StoreError> {
        let text: Option<String> = self
            .tx
            .query_row(
                "SELECT max(imported_at) FROM history_imports WHERE history_id = ?1 AND fingerprint = ?2",
                params![self.history, fingerprint],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        text.as_deref()
            .map(parse_time)
            .transpose()
            .map_err(|e| self.err(e))
    }

    /// Adds a ticket, or updates the one with its id.
    pub fn put_ticket(&mut self, t: &Ticket) -> Result<Upsert, StoreError> {
        let (priority, priority_raw) = parts(&t.priority);
        let (plan, plan_raw) = parts(&t.plan);
        let (channel, channel_raw) = parts(&t.channel);
        let (group, group_raw) = parts(&t.group);
        let (status, status_raw) = parts(&t.status);
        let (kind, kind_raw) = parts(&t.kind);
        let values = params![
            self.history,
            t.id,
            seconds(t.created),
            t.first_response.map(seconds),
            t.resolved.map(seconds),
            priority,
            priority_raw,
            plan,
            plan_raw,
            channel,
            channel_raw,
            group,
            group_raw,
            status,
            status_raw,
            kind,
            kind_raw,
            self.import
        ];
        let inserted = self
            .tx
            .prepare_cached(&format!(
                "INSERT INTO history_tickets (history_id, {TICKET_COLUMNS}, import_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
                 ON CONFLICT (history_id, ticket) DO NOTHING"
            ))
            .and_then(|mut s| s.execute(values))
            .map_err(|e| self.err(e))?;
        if inserted == 1 {
            return Ok(Upsert::New);
        }
        let updated = self
            .tx
            .prepare_cached(
                "UPDATE history_tickets SET created = ?3, first_response = ?4, resolved = ?5,
                     priority = ?6, priority_raw = ?7, plan = ?8, plan_raw = ?9, channel = ?10,
                     channel_raw = ?11, assigned_group = ?12, group_raw = ?13, status = ?14,
                     status_raw = ?15, kind = ?16, kind_raw = ?17, import_id = ?18
                 WHERE history_id = ?1 AND ticket = ?2 AND (created IS NOT ?3
                     OR first_response IS NOT ?4 OR resolved IS NOT ?5 OR priority IS NOT ?6
                     OR priority_raw IS NOT ?7 OR plan IS NOT ?8 OR plan_raw IS NOT ?9
                     OR channel IS NOT ?10 OR channel_raw IS NOT ?11 OR assigned_group IS NOT ?12
                     OR group_raw IS NOT ?13 OR status IS NOT ?14 OR status_raw IS NOT ?15
                     OR kind IS NOT ?16 OR kind_raw IS NOT ?17)",
            )
            .and_then(|mut s| s.execute(values))
            .map_err(|e| self.err(e))?;
        Ok(if updated == 1 {
            Upsert::Updated
        } else {
            Upsert::Unchanged
        })
    }

    /// Adds a status change: `Some(true)` when new, `Some(false)` when it
    /// was there already, `None` when the history has no such ticket.
    pub fn put_status_change(&mut self, c: &StatusChange) -> Result<Option<bool>, StoreError> {
        let ticket: Option<i64> = self
            .tx
            .prepare_cached("SELECT id FROM history_tickets WHERE history_id = ?1 AND ticket = ?2")
            .and_then(|mut s| {
                s.query_row(params![self.history, c.ticket], |r| r.get(0))
                    .optional()
            })
            .map_err(|e| self.err(e))?;
        let Some(ticket) = ticket else {
            return Ok(None);
        };
        let n = self
            .tx
            .prepare_cached(
                "INSERT INTO history_status_changes (ticket_id, at, from_status, to_status)
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
            )
            .and_then(|mut s| s.execute(params![ticket, seconds(c.at), c.from, c.to]))
            .map_err(|e| self.err(e))?;
        Ok(Some(n == 1))
    }

    /// Derives the pauses of every ticket of the history from its status
    /// changes: a period starts at a change to one of `statuses` (compared
    /// without regard to case) and ends at the ticket's next change.
    /// Returns how many pauses the history's tickets have.
    pub fn derive_pauses(&mut self, statuses: &[String]) -> Result<u64, StoreError> {
        let list = serde_json::to_string(statuses).unwrap_or_else(|_| "[]".into());
        let sql = [
            "DELETE FROM history_pauses WHERE ticket_id IN (SELECT id FROM history_tickets WHERE history_id = ?1)",
            "INSERT OR IGNORE INTO history_pauses (ticket_id, started, ended, status)
             SELECT ticket_id, at, next_at, to_status FROM (
                 SELECT c.ticket_id, c.at, c.to_status,
                        lead(c.at) OVER (PARTITION BY c.ticket_id ORDER BY c.at, c.to_status) AS next_at
                 FROM history_status_changes c JOIN history_tickets t ON t.id = c.ticket_id
                 WHERE t.history_id = ?1)
             WHERE lower(to_status) IN (SELECT lower(value) FROM json_each(?2))",
        ];
        self.tx
            .execute(sql[0], [self.history])
            .map_err(|e| self.err(e))?;
        self.tx
            .execute(sql[1], params![self.history, list])
            .map_err(|e| self.err(e))?;
        let n: i64 = self
            .tx
            .query_row(
                "SELECT count(*) FROM history_pauses p JOIN history_tickets t ON t.id = p.ticket_id WHERE t.history_id = ?1",
                [self.history],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        Ok(u64::try_from(n).unwrap_or_default())
    }

    /// Writes a file's line of the import log: the ticket file's fills the
    /// line opened for the import, a log's is a line of its own.
    pub fn record(&mut self, log: &ImportLog) -> Result<(), StoreError> {
        let c = &log.counts;
        let statuses = serde_json::to_string(&log.pause_statuses).unwrap_or_else(|_| "[]".into());
        let values = params![
            self.import,
            self.history,
            log.kind,
            log.file_name,
            log.fingerprint,
            log.format,
            log.encoding,
            log.time_zone,
            signed(c.read),
            signed(c.imported),
            signed(c.updated),
            signed(c.unchanged),
            signed(c.rejected),
            statuses,
            time_text(self.at)
        ];
        let sql = if log.kind == "tickets" {
            "UPDATE history_imports SET history_id = ?2, kind = ?3, file_name = ?4, fingerprint = ?5,
                 format = ?6, encoding = ?7, time_zone = ?8, rows_read = ?9, rows_imported = ?10,
                 rows_updated = ?11, rows_unchanged = ?12, rows_rejected = ?13, pause_statuses = ?14,
                 imported_at = ?15 WHERE id = ?1"
        } else {
            "INSERT INTO history_imports (history_id, kind, file_name, fingerprint, format, encoding,
                 time_zone, rows_read, rows_imported, rows_updated, rows_unchanged, rows_rejected,
                 pause_statuses, imported_at)
             SELECT ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15 WHERE ?1 IS NOT NULL"
        };
        self.tx.execute(sql, values).map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Makes the import permanent.
    pub fn commit(self) -> Result<(), StoreError> {
        let path = self.path.clone();
        self.tx
            .commit()
            .map_err(|e| StoreError::from_sqlite(&path, e))
    }
}

fn history_id(conn: &rusqlite::Connection, name: &HistoryName) -> rusqlite::Result<Option<i64>> {
    conn.query_row(
        "SELECT id FROM histories WHERE name = ?1",
        [name.as_str()],
        |r| r.get(0),
    )
    .optional()
}

fn value(mapped: Option<String>, raw: Option<String>) -> Option<Value> {
    match (mapped, raw) {
        (Some(mapped), Some(raw)) => Some(Value { mapped, raw }),
        _ => None,
    }
}

impl Store {
    /// Starts importing into history `name` (created if new) at `at`: one
    /// write transaction until [`HistoryImport::commit`].
    pub fn begin_history_import(
        &mut self,
        name: &HistoryName,
        at: DateTime<Utc>,
    ) -> Result<HistoryImport<'_>, StoreError> {
        let path = self.path.clone();
        let err = |e| StoreError::from_sqlite(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let history = match history_id(&tx, name).map_err(err)? {
            Some(id) => id,
            None => {
                tx.execute(
                    "INSERT INTO histories (name, created_at) VALUES (?1, ?2)",
                    params![name.as_str(), time_text(at)],
                )
                .map_err(err)?;
                tx.last_insert_rowid()
            }
        };
        // The import's line, completed by `record` before the commit.
        tx.execute(
            "INSERT INTO history_imports (history_id, kind, file_name, fingerprint, format, encoding,
                 time_zone, rows_read, rows_imported, rows_updated, rows_unchanged, rows_rejected,
                 pause_statuses, imported_at)
             VALUES (?1, 'tickets', '', ?2, '', '', '', 0, 0, 0, 0, 0, '[]', ?3)",
            params![history, "0".repeat(64), time_text(at)],
        )
        .map_err(err)?;
        let import = tx.last_insert_rowid();
        Ok(HistoryImport {
            tx,
            path,
            history,
            import,
            at,
        })
    }

    /// The histories, by name.
    pub fn histories(&self) -> Result<Vec<HistorySummary>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT h.name,
                        (SELECT count(*) FROM history_tickets WHERE history_id = h.id),
                        (SELECT min(created) FROM history_tickets WHERE history_id = h.id),
                        (SELECT max(created) FROM history_tickets WHERE history_id = h.id),
                        (SELECT count(*) FROM history_pauses p JOIN history_tickets t ON t.id = p.ticket_id
                         WHERE t.history_id = h.id),
                        (SELECT count(*) FROM history_imports WHERE history_id = h.id)
                 FROM histories h ORDER BY h.name",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                let first: Option<i64> = r.get(2)?;
                let last: Option<i64> = r.get(3)?;
                Ok(HistorySummary {
                    name: HistoryName(r.get(0)?),
                    tickets: count(r, 1)?,
                    span: first.zip(last).map(|(a, b)| (instant(a), instant(b))),
                    pauses: count(r, 4)?,
                    imports: count(r, 5)?,
                })
            })
            .and_then(|rows| rows.collect());
        rows.map_err(|e| self.err(e))
    }

    fn history_row(&self, name: &HistoryName) -> Result<i64, StoreError> {
        history_id(&self.conn, name)
            .map_err(|e| self.err(e))?
            .ok_or_else(|| StoreError::HistoryNotFound {
                name: name.to_string(),
            })
    }

    /// Calls `each` on every ticket of a history, by creation time then id,
    /// one ticket in memory at a time.
    pub fn for_each_ticket(
        &self,
        name: &HistoryName,
        mut each: impl FnMut(Ticket),
    ) -> Result<(), StoreError> {
        let id = self.history_row(name)?;
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {TICKET_COLUMNS} FROM history_tickets WHERE history_id = ?1 ORDER BY created, ticket"
            ))
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([id]).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let read = || -> rusqlite::Result<Ticket> {
                Ok(Ticket {
                    id: r.get(0)?,
                    created: instant(r.get(1)?),
                    first_response: r.get::<_, Option<i64>>(2)?.map(instant),
                    resolved: r.get::<_, Option<i64>>(3)?.map(instant),
                    priority: value(r.get(4)?, r.get(5)?),
                    plan: value(r.get(6)?, r.get(7)?),
                    channel: value(r.get(8)?, r.get(9)?),
                    group: value(r.get(10)?, r.get(11)?),
                    status: value(r.get(12)?, r.get(13)?),
                    kind: value(r.get(14)?, r.get(15)?),
                })
            };
            each(read().map_err(|e| self.err(e))?);
        }
        Ok(())
    }

    /// The last instant a history records (a creation, reply, resolution
    /// or status change): the earliest its export can have been taken.
    /// `None` for a history without tickets.
    pub fn history_end(&self, name: &HistoryName) -> Result<Option<DateTime<Utc>>, StoreError> {
        let id = self.history_row(name)?;
        let last: Option<i64> = self
            .conn
            .query_row(
                "SELECT max(
                    (SELECT max(max(created, coalesce(first_response, created), coalesce(resolved, created)))
                     FROM history_tickets WHERE history_id = ?1),
                    coalesce((SELECT max(max(p.started, coalesce(p.ended, p.started)))
                     FROM history_pauses p JOIN history_tickets t ON t.id = p.ticket_id
                     WHERE t.history_id = ?1), 0))",
                [id],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        Ok(last.map(instant))
    }

    /// The pauses of a history's tickets, by ticket and start.
    pub fn history_pauses(&self, name: &HistoryName) -> Result<Vec<StoredPause>, StoreError> {
        let id = self.history_row(name)?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT t.ticket, p.started, p.ended, p.status FROM history_pauses p
                 JOIN history_tickets t ON t.id = p.ticket_id WHERE t.history_id = ?1
                 ORDER BY t.ticket, p.started",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([id], |r| {
                Ok(StoredPause {
                    ticket: r.get(0)?,
                    start: instant(r.get(1)?),
                    end: r.get::<_, Option<i64>>(2)?.map(instant),
                    status: r.get(3)?,
                })
            })
            .and_then(|rows| rows.collect());
        rows.map_err(|e| self.err(e))
    }

    /// The import log of a history, oldest first.
    pub fn history_imports(&self, name: &HistoryName) -> Result<Vec<ImportRecord>, StoreError> {
        let id = self.history_row(name)?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT kind, file_name, fingerprint, format, encoding, time_zone, rows_read,
                        rows_imported, rows_updated, rows_unchanged, rows_rejected, pause_statuses,
                        imported_at
                 FROM history_imports WHERE history_id = ?1 ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([id], |r| {
                let kind: String = r.get(0)?;
                let statuses: String = r.get(11)?;
                Ok(ImportRecord {
                    history: name.clone(),
                    log: ImportLog {
                        kind: if kind == "tickets" {
                            "tickets"
                        } else {
                            "status-log"
                        },
                        file_name: r.get(1)?,
                        fingerprint: r.get(2)?,
                        format: r.get(3)?,
                        encoding: r.get(4)?,
                        time_zone: r.get(5)?,
                        counts: RowCounts {
                            read: count(r, 6)?,
                            imported: count(r, 7)?,
                            updated: count(r, 8)?,
                            unchanged: count(r, 9)?,
                            rejected: count(r, 10)?,
                            problems: Vec::new(),
                        },
                        pause_statuses: serde_json::from_str(&statuses).unwrap_or_default(),
                    },
                    imported_at: parse_time(&r.get::<_, String>(12)?)?,
                })
            })
            .and_then(|rows| rows.collect());
        rows.map_err(|e| self.err(e))
    }
}
