//! Reading a file row by row, and importing it into the library in one
//! transaction.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::csv::{CsvError, CsvReader, Record, MAX_FIELDS, MAX_RECORD_BYTES};
use super::encoding::{sniff, Encoding, Sniffed};
use super::formats::{detect, layout, Field, Format, Layout, Mapping, ValueMap};
use super::json::{JsonError, JsonTicket, Scanner, Word, MAX_TICKET_BYTES};
use super::time::TimeReader;
use super::{HistoryError, RowProblem, StatusChange, Ticket, Value};
use crate::store::{HistoryName, ImportLog, Store, Upsert};

/// The most rows of one file that may be rejected: at the next one the
/// import stops and stores nothing of the file. A thousand located
/// problems is more than anyone reads; past that the file is not what its
/// format or mapping says, and importing the rest would only hide it. A
/// file where more than half the rows are rejected is stopped as well,
/// whatever its size, for the same reason.
pub const MAX_PROBLEMS: u64 = 1_000;

/// A file opened for reading: the first pass done, the header read.
struct Opened {
    sniffed: Sniffed,
    csv: CsvReader<BufReader<File>>,
    header: Vec<String>,
}

impl Opened {
    /// Reads the next record that is not blank into `record`; false at
    /// the end of the file.
    fn next_filled(&mut self, record: &mut Record, path: &Path) -> Result<bool, HistoryError> {
        loop {
            if !self.csv.read(record).map_err(|e| csv_error(path, e))? {
                return Ok(false);
            }
            if !record.is_blank() {
                return Ok(true);
            }
        }
    }

    /// `record` as a row of this file, its columns named by `header`.
    fn row<'a>(&self, record: &'a Record, header: &'a [String]) -> Row<'a> {
        Row {
            record,
            header,
            encoding: self.sniffed.encoding,
            mixed: self.sniffed.first_foreign_line.is_some(),
        }
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> HistoryError + '_ {
    move |e| HistoryError::Io {
        path: path.to_owned(),
        source: e,
    }
}

fn json_error(path: &Path, e: JsonError) -> HistoryError {
    match e {
        JsonError::Io(source) => HistoryError::Io {
            path: path.to_owned(),
            source,
        },
        JsonError::TooLong { line } => HistoryError::RowTooLong {
            path: path.to_owned(),
            line,
            limit: MAX_TICKET_BYTES,
        },
        JsonError::Syntax { line, reason } => HistoryError::Json {
            path: path.to_owned(),
            line,
            reason,
        },
    }
}

fn csv_error(path: &Path, e: CsvError) -> HistoryError {
    match e {
        CsvError::Io(source) => HistoryError::Io {
            path: path.to_owned(),
            source,
        },
        CsvError::TooLong { line } => HistoryError::RowTooLong {
            path: path.to_owned(),
            line,
            limit: MAX_RECORD_BYTES,
        },
        CsvError::TooManyFields { line } => HistoryError::TooManyValues {
            path: path.to_owned(),
            line,
            limit: MAX_FIELDS,
        },
    }
}

fn open(path: &Path, record: &mut Record) -> Result<Opened, HistoryError> {
    let sniffed = sniff(BufReader::new(File::open(path).map_err(io(path))?)).map_err(io(path))?;
    let skip = if sniffed.encoding == Encoding::Utf8Bom {
        3
    } else {
        0
    };
    let file = File::open(path).map_err(io(path))?;
    let mut csv = CsvReader::new(
        BufReader::with_capacity(64 * 1024, file),
        sniffed.delimiter,
        skip,
    )
    .map_err(io(path))?;
    // Blank lines before the header are skipped; a file of nothing else is empty.
    loop {
        if !csv.read(record).map_err(|e| csv_error(path, e))? {
            return Err(HistoryError::Empty {
                path: path.to_owned(),
            });
        }
        if !record.is_blank() {
            break;
        }
    }
    let mut header = Vec::with_capacity(record.len());
    for i in 0..record.len() {
        let bytes = record.get(i).unwrap_or_default();
        let text = sniffed
            .encoding
            .decode(bytes)
            .map_err(|byte| HistoryError::Header {
                path: path.to_owned(),
                byte,
                encoding: sniffed.encoding.name(),
            })?;
        header.push(text.trim().to_owned());
    }
    Ok(Opened {
        sniffed,
        csv,
        header,
    })
}

fn zone_of(mapping: Option<&Mapping>, given: Option<Tz>) -> Result<Tz, HistoryError> {
    if let Some(zone) = given {
        return Ok(zone);
    }
    match mapping.and_then(|m| m.time_zone.as_deref()) {
        Some(name) => name.parse().map_err(|_| HistoryError::TimeZone {
            zone: name.to_owned(),
        }),
        None => Ok(Tz::UTC),
    }
}

/// Reads a mapping file (YAML, at most [`crate::format::MAX_INPUT_BYTES`]).
pub fn read_mapping(path: &Path) -> Result<Mapping, HistoryError> {
    let text = crate::format::read_text(path).map_err(|e| HistoryError::Io {
        path: path.to_owned(),
        source: std::io::Error::other(e.to_string()),
    })?;
    let located = |source| HistoryError::Mapping {
        path: path.to_owned(),
        source,
    };
    let mapping: Mapping = crate::format::Document::parse(&text)
        .and_then(|d| d.deserialize())
        .map_err(located)?;
    if let Some(zone) = &mapping.time_zone {
        zone.parse::<Tz>()
            .map_err(|_| HistoryError::TimeZone { zone: zone.clone() })?;
    }
    Ok(mapping)
}

/// Where a ticket reader takes its rows from.
enum Source {
    /// A CSV export: its header placed by the format or the mapping.
    Csv {
        opened: Box<Opened>,
        record: Record,
        layout: Layout,
    },
    /// A Zendesk JSON export, one ticket object at a time.
    Json {
        sniffed: Sniffed,
        scanner: Scanner<BufReader<File>>,
        bytes: Vec<u8>,
    },
}

/// Reads a ticket export row by row, in constant memory.
pub struct TicketReader {
    path: PathBuf,
    source: Source,
    format: Format,
    time: TimeReader,
    /// Value maps of priority, plan, channel, group, status and type.
    maps: [ValueMap; 6],
}

/// Whether a file's first byte that is not white space (after a
/// byte-order mark) opens a JSON object or array.
fn looks_like_json(path: &Path) -> Result<bool, HistoryError> {
    let mut head = Vec::with_capacity(4096);
    File::open(path)
        .and_then(|f| f.take(4096).read_to_end(&mut head))
        .map_err(io(path))?;
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    Ok(matches!(
        head.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{' | b'[')
    ))
}

impl TicketReader {
    /// Opens `path`: reads it once for its fingerprint, encoding and
    /// delimiter, then its header. The format is found from the header
    /// (or, for Zendesk's JSON, from the file opening a JSON object or
    /// array) when not given.
    pub fn open(
        path: &Path,
        format: Option<Format>,
        mapping: Option<&Mapping>,
        zone: Option<Tz>,
    ) -> Result<Self, HistoryError> {
        let time = TimeReader {
            format: mapping.and_then(|m| m.date_format.clone()),
            zone: zone_of(mapping, zone)?,
        };
        let values = mapping.map(|m| m.values.clone()).unwrap_or_default();
        let maps = [
            ValueMap::new(&values.priority),
            ValueMap::new(&values.plan),
            ValueMap::new(&values.channel),
            ValueMap::new(&values.group),
            ValueMap::new(&values.status),
            ValueMap::new(&values.kind),
        ];
        let json = match format {
            Some(f) => f == Format::ZendeskJson,
            None => mapping.is_none_or(|m| m.columns.id.is_none()) && looks_like_json(path)?,
        };
        if json {
            let sniffed =
                sniff(BufReader::new(File::open(path).map_err(io(path))?)).map_err(io(path))?;
            if sniffed.bytes == 0 {
                return Err(HistoryError::Empty {
                    path: path.to_owned(),
                });
            }
            let mut file = BufReader::with_capacity(64 * 1024, File::open(path).map_err(io(path))?);
            let skipped = if sniffed.encoding == Encoding::Utf8Bom {
                let mut bom = [0u8; 3];
                file.read_exact(&mut bom).map_err(io(path))?;
                3
            } else {
                0
            };
            return Ok(TicketReader {
                path: path.to_owned(),
                source: Source::Json {
                    sniffed,
                    scanner: Scanner::new(file, skipped),
                    bytes: Vec::new(),
                },
                format: Format::ZendeskJson,
                time,
                maps,
            });
        }
        let mut record = Record::default();
        let opened = open(path, &mut record)?;
        let format = match format {
            Some(f) => f,
            None if mapping.is_some_and(|m| m.columns.id.is_some()) => Format::Csv,
            None => detect(&opened.header).ok_or_else(|| HistoryError::UnknownFormat {
                path: path.to_owned(),
                found: opened.header.clone(),
            })?,
        };
        let layout =
            layout(format, mapping, &opened.header).map_err(|m| HistoryError::MissingColumn {
                path: path.to_owned(),
                format: format.name(),
                expected: m.expected,
                meaning: m.meaning,
                found: opened.header.clone(),
            })?;
        Ok(TicketReader {
            path: path.to_owned(),
            source: Source::Csv {
                opened: Box::new(opened),
                record,
                layout,
            },
            format,
            time,
            maps,
        })
    }

    fn sniffed(&self) -> &Sniffed {
        match &self.source {
            Source::Csv { opened, .. } => &opened.sniffed,
            Source::Json { sniffed, .. } => sniffed,
        }
    }

    /// The format read.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The encoding read.
    pub fn encoding(&self) -> Encoding {
        self.sniffed().encoding
    }

    /// The value delimiter of a CSV export.
    pub fn delimiter(&self) -> Option<char> {
        match &self.source {
            Source::Csv { opened, .. } => Some(char::from(opened.sniffed.delimiter)),
            Source::Json { .. } => None,
        }
    }

    /// The zone of times written without an offset.
    pub fn time_zone(&self) -> Tz {
        self.time.zone
    }

    /// SHA-256 of the file.
    pub fn fingerprint(&self) -> &str {
        &self.sniffed().fingerprint
    }

    /// The bytes of the file read so far, and its length.
    pub fn progress(&self) -> (u64, u64) {
        match &self.source {
            Source::Csv { opened, .. } => (opened.csv.position(), opened.sniffed.bytes),
            Source::Json {
                scanner, sniffed, ..
            } => (scanner.position(), sniffed.bytes),
        }
    }

    /// The next row: a ticket or why it could not be read; `None` at the
    /// end. Blank lines are skipped.
    pub fn next_row(&mut self) -> Result<Option<Result<Ticket, RowProblem>>, HistoryError> {
        match &mut self.source {
            Source::Csv { opened, record, .. } => {
                let filled = opened.next_filled(record, &self.path)?;
                Ok(filled.then(|| self.ticket()))
            }
            Source::Json { scanner, bytes, .. } => {
                let Some(line) = scanner.next(bytes).map_err(|e| json_error(&self.path, e))? else {
                    return Ok(None);
                };
                Ok(Some(self.json_ticket(line)))
            }
        }
    }

    /// The ticket object just scanned, read into a ticket.
    fn json_ticket(&self, line: u64) -> Result<Ticket, RowProblem> {
        let Source::Json { bytes, .. } = &self.source else {
            unreachable!("a JSON ticket is read from a JSON source");
        };
        let problem = |reason: String| RowProblem {
            line,
            column: None,
            reason,
        };
        let t: JsonTicket = serde_json::from_slice(bytes).map_err(|e| {
            problem(format!(
                "the ticket object cannot be read: {e} (line {} of the object)",
                e.line()
            ))
        })?;
        let id =
            t.id.as_ref()
                .and_then(Word::text)
                .filter(|i| !i.trim().is_empty())
                .ok_or_else(|| problem("the ticket has no `id`".into()))?;
        let time = |field: &str, text: Option<&String>| -> Result<Option<i64>, RowProblem> {
            match text.map(|t| t.trim()).filter(|t| !t.is_empty()) {
                None => Ok(None),
                Some(text) => self
                    .time
                    .read(text)
                    .map(Some)
                    .map_err(|reason| problem(format!("`{field}`: {reason}"))),
            }
        };
        let created = time("created_at", t.created_at.as_ref())?
            .ok_or_else(|| problem(format!("ticket `{id}` has no `created_at`")))?;
        let metrics = t.metric_set.as_ref();
        let first_response = match metrics
            .and_then(|m| m.reply_time_in_minutes.as_ref())
            .and_then(|r| r.calendar)
        {
            None => None,
            Some(m) if m.is_finite() && (0.0..1e8).contains(&m) => {
                Some(created + (m * 60.0).round() as i64)
            }
            Some(m) => {
                return Err(problem(format!(
                    "`metric_set.reply_time_in_minutes.calendar`: `{m}` is not a number of minutes (0 or more)"
                )))
            }
        };
        let resolved = time(
            "metric_set.solved_at",
            metrics.and_then(|m| m.solved_at.as_ref()),
        )?;
        for (what, value) in [("first response", first_response), ("resolution", resolved)] {
            if let Some(at) = value.filter(|&at| at < created) {
                return Err(problem(format!(
                    "the {what} ({}) comes before the creation ({})",
                    utc(at).format("%Y-%m-%d %H:%M:%S UTC"),
                    utc(created).format("%Y-%m-%d %H:%M:%S UTC")
                )));
            }
        }
        let value = |raw: Option<String>, map: &ValueMap| -> Option<Value> {
            let raw = raw?.trim().to_owned();
            (!raw.is_empty()).then(|| Value {
                mapped: map.map(&raw).to_owned(),
                raw,
            })
        };
        let word = |w: Option<&Word>| w.and_then(Word::text);
        Ok(Ticket {
            id: id.trim().to_owned(),
            created: utc(created),
            first_response: first_response.map(utc),
            resolved: resolved.map(utc),
            priority: value(t.priority.clone(), &self.maps[0]),
            plan: value(word(t.organization_id.as_ref()), &self.maps[1]),
            channel: value(
                word(t.via.as_ref().and_then(|v| v.channel.as_ref())),
                &self.maps[2],
            ),
            group: value(word(t.group_id.as_ref()), &self.maps[3]),
            status: value(t.status.clone(), &self.maps[4]),
            kind: value(t.kind.clone(), &self.maps[5]),
        })
    }

    fn ticket(&self) -> Result<Ticket, RowProblem> {
        let Source::Csv {
            opened,
            record,
            layout,
        } = &self.source
        else {
            unreachable!("a CSV row is read from a CSV source");
        };
        let row = opened.row(record, &layout.names);
        row.check_shape()?;
        let at = |field: Field| layout.index[field.index()];
        let id = match at(Field::Id) {
            Some(i) => row.text(i)?,
            None => Cow::Borrowed(""),
        };
        let id_column = at(Field::Id).unwrap_or_default();
        if id.trim().is_empty() {
            return Err(row.problem(id_column, "the ticket id is empty".into()));
        }
        let created_column = at(Field::Created).unwrap_or_default();
        let created = row
            .time(created_column, &self.time)?
            .ok_or_else(|| row.problem(created_column, "the creation time is empty".into()))?;
        let mut first_response = match at(Field::FirstResponse) {
            Some(i) => row.time(i, &self.time)?.map(|t| (t, i)),
            None => None,
        };
        if first_response.is_none() {
            if let Some(i) = at(Field::FirstResponseMinutes) {
                let text = row.text(i)?;
                let text = text.trim();
                if !text.is_empty() {
                    let minutes: f64 = text
                        .parse()
                        .ok()
                        .filter(|m: &f64| m.is_finite() && *m >= 0.0 && *m < 1e8)
                        .ok_or_else(|| {
                            row.problem(
                                i,
                                format!("`{text}` is not a number of minutes (0 or more)"),
                            )
                        })?;
                    first_response = Some((created + (minutes * 60.0).round() as i64, i));
                }
            }
        }
        let resolved = match at(Field::Resolved) {
            Some(i) => row.time(i, &self.time)?.map(|t| (t, i)),
            None => None,
        };
        for (what, value) in [("first response", first_response), ("resolution", resolved)] {
            if let Some((t, i)) = value {
                if t < created {
                    return Err(row.problem(
                        i,
                        format!(
                            "the {what} ({}) comes before the creation ({})",
                            utc(t).format("%Y-%m-%d %H:%M:%S UTC"),
                            utc(created).format("%Y-%m-%d %H:%M:%S UTC")
                        ),
                    ));
                }
            }
        }
        let value = |field: Field, map: &ValueMap| -> Result<Option<Value>, RowProblem> {
            let Some(i) = at(field) else { return Ok(None) };
            let raw = row.text(i)?;
            let raw = raw.trim();
            if raw.is_empty() {
                return Ok(None);
            }
            Ok(Some(Value {
                mapped: map.map(raw).to_owned(),
                raw: raw.to_owned(),
            }))
        };
        Ok(Ticket {
            id: id.trim().to_owned(),
            created: utc(created),
            first_response: first_response.map(|(t, _)| utc(t)),
            resolved: resolved.map(|(t, _)| utc(t)),
            priority: value(Field::Priority, &self.maps[0])?,
            plan: value(Field::Plan, &self.maps[1])?,
            channel: value(Field::Channel, &self.maps[2])?,
            group: value(Field::Group, &self.maps[3])?,
            status: value(Field::Status, &self.maps[4])?,
            kind: value(Field::Kind, &self.maps[5])?,
        })
    }
}

fn utc(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}

/// One record with what is needed to report on it.
struct Row<'a> {
    record: &'a Record,
    header: &'a [String],
    encoding: Encoding,
    mixed: bool,
}

impl Row<'_> {
    fn problem(&self, column: usize, reason: String) -> RowProblem {
        RowProblem {
            line: self.record.line,
            column: Some((
                column + 1,
                self.header.get(column).cloned().unwrap_or_default(),
            )),
            reason,
        }
    }

    fn check_shape(&self) -> Result<(), RowProblem> {
        let whole = |reason: String| RowProblem {
            line: self.record.line,
            column: None,
            reason,
        };
        if self.record.unclosed_quote {
            return Err(whole(
                "a quoted value opened on this row is never closed: the file ends inside it, so it looks truncated".into(),
            ));
        }
        let (n, m) = (self.record.len(), self.header.len());
        if n < m {
            let tail = if self.record.at_end_without_newline {
                ", and the file ends here without a line break: it looks truncated"
            } else {
                ""
            };
            return Err(whole(format!(
                "the row has {n} values where the header has {m}{tail}"
            )));
        }
        if n > m {
            return Err(whole(format!(
                "the row has {n} values where the header has {m}: a value holding the delimiter is probably not quoted"
            )));
        }
        Ok(())
    }

    fn text(&self, column: usize) -> Result<Cow<'_, str>, RowProblem> {
        let bytes = self.record.get(column).unwrap_or_default();
        self.encoding.decode(bytes).map_err(|byte| {
            let why = if self.mixed {
                "the rest of the file is UTF-8: it mixes encodings; save it again as UTF-8"
            } else {
                "the file's encoding has no such character"
            };
            self.problem(
                column,
                format!(
                    "byte 0x{byte:02X} cannot be read as {} ({why})",
                    self.encoding.name()
                ),
            )
        })
    }

    fn time(&self, column: usize, reader: &TimeReader) -> Result<Option<i64>, RowProblem> {
        let text = self.text(column)?;
        if text.trim().is_empty() {
            return Ok(None);
        }
        reader
            .read(&text)
            .map(Some)
            .map_err(|reason| self.problem(column, reason))
    }
}

/// Reads a status-change log: a CSV with the columns `ticket`, `time`,
/// `from` and `to` (also `Ticket ID`, `Issue key`, `Id`; `Changed at`,
/// `Date`, `Created`; `From status`, `To status`).
pub struct StatusLogReader {
    path: PathBuf,
    opened: Opened,
    record: Record,
    columns: [usize; 4],
    time: TimeReader,
}

const LOG_COLUMNS: [(&str, &[&str]); 4] = [
    ("ticket", &["ticket", "ticket id", "issue key", "id"]),
    ("time", &["time", "changed at", "date", "created"]),
    ("from", &["from", "from status", "old status"]),
    ("to", &["to", "to status", "new status"]),
];

impl StatusLogReader {
    /// Opens a status-change log; times are read like the ticket file's.
    pub fn open(
        path: &Path,
        mapping: Option<&Mapping>,
        zone: Option<Tz>,
    ) -> Result<Self, HistoryError> {
        let mut record = Record::default();
        let opened = open(path, &mut record)?;
        let mut columns = [0; 4];
        for (slot, (meaning, names)) in columns.iter_mut().zip(LOG_COLUMNS) {
            *slot = names
                .iter()
                .find_map(|n| opened.header.iter().position(|h| h.eq_ignore_ascii_case(n)))
                .ok_or_else(|| HistoryError::MissingColumn {
                    path: path.to_owned(),
                    format: "status-change log",
                    expected: names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(" or "),
                    meaning: match meaning {
                        "ticket" => "the ticket's id",
                        "time" => "when the status changed",
                        "from" => "the status before",
                        _ => "the status after",
                    },
                    found: opened.header.clone(),
                })?;
        }
        let time = TimeReader {
            format: mapping.and_then(|m| m.date_format.clone()),
            zone: zone_of(mapping, zone)?,
        };
        Ok(StatusLogReader {
            path: path.to_owned(),
            opened,
            record,
            columns,
            time,
        })
    }

    /// The encoding read.
    pub fn encoding(&self) -> Encoding {
        self.opened.sniffed.encoding
    }

    /// SHA-256 of the file.
    pub fn fingerprint(&self) -> &str {
        &self.opened.sniffed.fingerprint
    }

    /// The next change or why a row could not be read; `None` at the end.
    pub fn next_row(&mut self) -> Result<Option<Result<StatusChange, RowProblem>>, HistoryError> {
        let filled = self.opened.next_filled(&mut self.record, &self.path)?;
        Ok(filled.then(|| self.change()))
    }

    fn change(&self) -> Result<StatusChange, RowProblem> {
        let row = self.opened.row(&self.record, &self.opened.header);
        row.check_shape()?;
        let [ticket, time, from, to] = self.columns;
        let id = row.text(ticket)?.trim().to_owned();
        if id.is_empty() {
            return Err(row.problem(ticket, "the ticket id is empty".into()));
        }
        let at = row
            .time(time, &self.time)?
            .ok_or_else(|| row.problem(time, "the time is empty".into()))?;
        let to_status = row.text(to)?.trim().to_owned();
        if to_status.is_empty() {
            return Err(row.problem(to, "the new status is empty".into()));
        }
        Ok(StatusChange {
            ticket: id,
            at: utc(at),
            from: row.text(from)?.trim().to_owned(),
            to: to_status,
        })
    }
}

/// What to import and how.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The history the tickets go to (created on first import).
    pub name: HistoryName,
    /// The format; found from the header when `None`.
    pub format: Option<Format>,
    /// A mapping file's content.
    pub mapping: Option<Mapping>,
    /// The zone of times without an offset (over the mapping's); UTC when
    /// neither says.
    pub time_zone: Option<Tz>,
    /// A status-change log imported with the tickets.
    pub status_log: Option<PathBuf>,
    /// When the import happens (recorded in the import log).
    pub at: DateTime<Utc>,
}

impl ImportOptions {
    /// Options with the format found from the header, no mapping, UTC.
    pub fn new(name: HistoryName, at: DateTime<Utc>) -> Self {
        ImportOptions {
            name,
            format: None,
            mapping: None,
            time_zone: None,
            status_log: None,
            at,
        }
    }
}

/// Counts of one file's rows.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct RowCounts {
    /// Rows read (blank lines and the header not counted).
    pub read: u64,
    /// Tickets (or status changes) new to the history.
    pub imported: u64,
    /// Tickets already in the history whose values changed.
    pub updated: u64,
    /// Rows already in the history as they are.
    pub unchanged: u64,
    /// Rows that could not be read (or name a ticket the history lacks).
    pub rejected: u64,
    /// The rejected rows' problems, at most [`MAX_PROBLEMS`].
    pub problems: Vec<RowProblem>,
}

impl RowCounts {
    fn reject(&mut self, problem: RowProblem) {
        self.rejected += 1;
        if self.problems.len() < MAX_PROBLEMS as usize {
            self.problems.push(problem);
        }
    }

    /// Why the file must be stopped, if it must.
    fn stop_reason(&self, done: bool) -> Option<String> {
        if self.rejected >= MAX_PROBLEMS {
            return Some(format!(
                "{} rows could not be read: the import stopped at the limit of {MAX_PROBLEMS}",
                self.rejected
            ));
        }
        if done && self.rejected * 2 > self.read {
            return Some(format!(
                "{} of {} rows could not be read: more than half, so the file is not what its format or mapping says",
                self.rejected, self.read
            ));
        }
        None
    }
}

/// The status-change log's part of an import.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LogReport {
    /// The log file.
    pub file: PathBuf,
    /// Its encoding.
    pub encoding: Encoding,
    /// Its rows.
    pub changes: RowCounts,
    /// The pauses the history's tickets have after the import.
    pub pauses: u64,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImportReport {
    /// The history.
    pub history: String,
    /// The ticket file.
    pub file: PathBuf,
    /// Its format.
    pub format: Format,
    /// Its encoding.
    pub encoding: Encoding,
    /// Its value delimiter (a CSV export's).
    pub delimiter: Option<char>,
    /// The zone of times without an offset.
    pub time_zone: String,
    /// SHA-256 of the file.
    pub fingerprint: String,
    /// When the same file (by fingerprint) was imported into this history
    /// before, if it was.
    pub imported_before: Option<DateTime<Utc>>,
    /// The ticket rows.
    pub tickets: RowCounts,
    /// The status-change log, when one was given.
    pub status_log: Option<LogReport>,
    /// Why the import stopped, when it did: then nothing of it was stored,
    /// and what the history held before is unchanged.
    pub stopped: Option<String>,
}

/// How far an import has gone through its ticket file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct ImportProgress {
    /// Rows read.
    pub rows: u64,
    /// Bytes of the file read.
    pub bytes: u64,
    /// The file's length in bytes.
    pub total_bytes: u64,
}

/// Rows between two progress reports.
pub const PROGRESS_EVERY: u64 = 16_384;

/// What [`ImportReport::stopped`] says of an import cancelled through its
/// progress callback.
pub const CANCELLED: &str = "the import was cancelled";

/// Imports a ticket file (and its status-change log) into a history of the
/// library, in one transaction: a file that stops (too many rows that
/// cannot be read) or fails stores nothing, and earlier imports are
/// untouched. A ticket already in the history (same id) is updated by the
/// newer row; a file imported twice changes nothing.
pub fn import(
    store: &mut Store,
    path: &Path,
    options: &ImportOptions,
) -> Result<ImportReport, HistoryError> {
    import_tracked(store, path, options, &mut |_| true)
}

/// [`import`], telling `progress` how far it has gone every
/// [`PROGRESS_EVERY`] rows and at the end of the ticket file; when
/// `progress` answers `false` the import stops as cancelled ([`CANCELLED`])
/// and stores nothing.
pub fn import_tracked(
    store: &mut Store,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress) -> bool,
) -> Result<ImportReport, HistoryError> {
    let mapping = options.mapping.as_ref();
    let mut reader = TicketReader::open(path, options.format, mapping, options.time_zone)?;
    // The log is opened (and its header checked) before anything is written.
    let mut log_reader = match &options.status_log {
        Some(log) => Some(StatusLogReader::open(log, mapping, options.time_zone)?),
        None => None,
    };
    let mut writer = store.begin_history_import(&options.name, options.at)?;
    let imported_before = writer.imported_before(reader.fingerprint())?;
    let mut report = ImportReport {
        history: options.name.to_string(),
        file: path.to_owned(),
        format: reader.format(),
        encoding: reader.encoding(),
        delimiter: reader.delimiter(),
        time_zone: reader.time_zone().name().to_owned(),
        fingerprint: reader.fingerprint().to_owned(),
        imported_before,
        tickets: RowCounts::default(),
        status_log: None,
        stopped: None,
    };
    let counts = &mut report.tickets;
    let mut tell = |reader: &TicketReader, rows: u64| {
        let (bytes, total_bytes) = reader.progress();
        progress(ImportProgress {
            rows,
            bytes,
            total_bytes,
        })
    };
    while let Some(row) = reader.next_row()? {
        counts.read += 1;
        if counts.read % PROGRESS_EVERY == 0 && !tell(&reader, counts.read) {
            report.stopped = Some(CANCELLED.into());
            return Ok(report);
        }
        match row {
            Ok(ticket) => match writer.put_ticket(&ticket)? {
                Upsert::New => counts.imported += 1,
                Upsert::Updated => counts.updated += 1,
                Upsert::Unchanged => counts.unchanged += 1,
            },
            Err(problem) => {
                counts.reject(problem);
                if let Some(reason) = counts.stop_reason(false) {
                    report.stopped = Some(reason);
                    return Ok(report);
                }
            }
        }
    }
    if !tell(&reader, counts.read) {
        report.stopped = Some(CANCELLED.into());
        return Ok(report);
    }
    if let Some(reason) = counts.stop_reason(true) {
        report.stopped = Some(reason);
        return Ok(report);
    }
    let file_name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let pause_statuses: Vec<String> = match mapping.and_then(|m| m.pause_statuses.clone()) {
        Some(list) => list,
        None => report
            .format
            .pause_statuses()
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
    };
    writer.record(&ImportLog {
        kind: "tickets",
        file_name: file_name(path),
        fingerprint: report.fingerprint.clone(),
        format: report.format.key().to_owned(),
        encoding: report.encoding.name().to_owned(),
        time_zone: report.time_zone.clone(),
        counts: report.tickets.clone(),
        pause_statuses: Vec::new(),
    })?;
    if let (Some(log), Some(log_path)) = (log_reader.as_mut(), options.status_log.as_ref()) {
        let mut changes = RowCounts::default();
        while let Some(row) = log.next_row()? {
            changes.read += 1;
            let problem = match row {
                Ok(change) => match writer.put_status_change(&change)? {
                    Some(true) => {
                        changes.imported += 1;
                        None
                    }
                    Some(false) => {
                        changes.unchanged += 1;
                        None
                    }
                    None => Some(RowProblem {
                        line: log.record.line,
                        column: Some((
                            log.columns[0] + 1,
                            log.opened.header[log.columns[0]].clone(),
                        )),
                        reason: format!(
                            "ticket `{}` is not in history `{}`: import its ticket first",
                            change.ticket, options.name
                        ),
                    }),
                },
                Err(problem) => Some(problem),
            };
            if let Some(problem) = problem {
                changes.reject(problem);
                if let Some(reason) = changes.stop_reason(false) {
                    report.stopped = Some(format!("status-change log: {reason}"));
                    return Ok(report);
                }
            }
        }
        if let Some(reason) = changes.stop_reason(true) {
            report.stopped = Some(format!("status-change log: {reason}"));
            return Ok(report);
        }
        let pauses = writer.derive_pauses(&pause_statuses)?;
        writer.record(&ImportLog {
            kind: "status-log",
            file_name: file_name(log_path),
            fingerprint: log.fingerprint().to_owned(),
            format: "status-log".into(),
            encoding: log.encoding().name().to_owned(),
            time_zone: report.time_zone.clone(),
            counts: changes.clone(),
            pause_statuses,
        })?;
        report.status_log = Some(LogReport {
            file: log_path.clone(),
            encoding: log.encoding(),
            changes,
            pauses,
        });
    }
    writer.commit()?;
    Ok(report)
}
