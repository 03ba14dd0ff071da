//! Zendesk's JSON exports, one ticket at a time in bounded memory.
//!
//! Three shapes are read, all as Zendesk writes them:
//!
//! - one ticket object per line (the account's full JSON export);
//! - a page of the tickets API or of the incremental export,
//!   `{"tickets": [{…}, …], "next_page": …}`, pages possibly following one
//!   another in one file;
//! - a bare array of ticket objects.
//!
//! [`Scanner`] splits the file into the bytes of each ticket object without
//! building the document: it follows strings and nesting, keeps one ticket
//! in memory (at most [`MAX_TICKET_BYTES`]), and counts lines so that a
//! problem is placed on the line where its ticket starts. Each ticket's
//! bytes are then read by serde into the few fields a contract is measured
//! by, everything else skipped.

use std::io::{self, BufRead};

use serde::Deserialize;

/// The largest ticket object read (a ticket of the full export carries its
/// description and may carry its comments).
pub(crate) const MAX_TICKET_BYTES: usize = 16 << 20;

/// Why the scan of a file stopped.
#[derive(Debug)]
pub(crate) enum JsonError {
    /// The file could not be read.
    Io(io::Error),
    /// The file is not JSON where the scan is.
    Syntax {
        /// Where.
        line: u64,
        /// What was found.
        reason: String,
    },
    /// A ticket object longer than [`MAX_TICKET_BYTES`] starts here.
    TooLong {
        /// Where it starts.
        line: u64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Between top-level values: a ticket per line, or a page.
    Top,
    /// Inside a top-level array of tickets.
    Array,
    /// Inside a page's `tickets` array; the page's other keys follow it.
    Page,
}

/// Splits a JSON export into ticket objects.
pub(crate) struct Scanner<R> {
    inner: R,
    line: u64,
    taken: u64,
    mode: Mode,
}

impl<R: BufRead> Scanner<R> {
    /// A scanner over `inner`, after `skipped` bytes (a byte-order mark).
    pub fn new(inner: R, skipped: u64) -> Self {
        Scanner {
            inner,
            line: 1,
            taken: skipped,
            mode: Mode::Top,
        }
    }

    /// Bytes of the file read so far.
    pub fn position(&self) -> u64 {
        self.taken
    }

    fn peek(&mut self) -> Result<Option<u8>, JsonError> {
        loop {
            match self.inner.fill_buf() {
                Ok(b) => return Ok(b.first().copied()),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(JsonError::Io(e)),
            }
        }
    }

    fn bump(&mut self) -> Result<Option<u8>, JsonError> {
        let b = self.peek()?;
        if let Some(b) = b {
            self.inner.consume(1);
            self.taken += 1;
            if b == b'\n' {
                self.line += 1;
            }
        }
        Ok(b)
    }

    /// Skips white space (and, between values, commas when `commas`).
    fn skip(&mut self, commas: bool) -> Result<Option<u8>, JsonError> {
        while let Some(b) = self.peek()? {
            if b.is_ascii_whitespace() || (commas && b == b',') {
                self.bump()?;
            } else {
                return Ok(Some(b));
            }
        }
        Ok(None)
    }

    fn syntax(&self, reason: impl Into<String>) -> JsonError {
        JsonError::Syntax {
            line: self.line,
            reason: reason.into(),
        }
    }

    /// Reads one value starting at the next byte, copied into `out` when
    /// given. With `page`, stops just inside the array of the value's
    /// top-level key `tickets` and answers `true`.
    fn value(&mut self, mut out: Option<&mut Vec<u8>>, page: bool) -> Result<bool, JsonError> {
        let start = self.line;
        let mut depth = 0usize;
        let (mut in_string, mut escaped) = (false, false);
        // The last string closed at depth 1, and whether it is the key of
        // the value that follows.
        let mut last: Vec<u8> = Vec::new();
        let mut key: Option<bool> = None;
        loop {
            let Some(b) = self.bump()? else {
                return Err(self.syntax("the file ends inside a JSON value: it looks truncated"));
            };
            if let Some(o) = out.as_deref_mut() {
                if o.len() >= MAX_TICKET_BYTES {
                    return Err(JsonError::TooLong { line: start });
                }
                o.push(b);
            }
            if in_string {
                if page && depth == 1 && !escaped && b != b'"' {
                    last.push(b);
                }
                match (escaped, b) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') if depth == 0 => return Ok(false),
                    (false, b'"') => in_string = false,
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => {
                    in_string = true;
                    if depth == 1 {
                        last.clear();
                    }
                }
                b':' if depth == 1 => key = Some(last == b"tickets"),
                b'[' if page && depth == 1 && key == Some(true) => return Ok(true),
                b'{' | b'[' => {
                    depth += 1;
                    key = None;
                }
                b'}' | b']' => {
                    depth = depth
                        .checked_sub(1)
                        .ok_or_else(|| self.syntax("a `}` or `]` closes nothing"))?;
                    if depth == 0 {
                        return Ok(false);
                    }
                }
                b if depth == 0 && !b.is_ascii_whitespace() => {
                    // A bare number, literal or string at the top: read to
                    // its end.
                    while let Some(n) = self.peek()? {
                        if n.is_ascii_whitespace() || matches!(n, b',' | b']' | b'}') {
                            break;
                        }
                        self.bump()?;
                    }
                    return Ok(false);
                }
                _ => {}
            }
        }
    }

    /// The next ticket's bytes into `out` (cleared first) and the line it
    /// starts on; `None` at the end of the file.
    pub fn next(&mut self, out: &mut Vec<u8>) -> Result<Option<u64>, JsonError> {
        loop {
            out.clear();
            match self.mode {
                Mode::Top => {
                    let Some(b) = self.skip(false)? else {
                        return Ok(None);
                    };
                    let line = self.line;
                    match b {
                        b'[' => {
                            self.bump()?;
                            self.mode = Mode::Array;
                        }
                        b'{' => {
                            if self.value(Some(out), true)? {
                                self.mode = Mode::Page;
                            } else {
                                return Ok(Some(line));
                            }
                        }
                        other => {
                            return Err(self.syntax(format!(
                                "`{}` where a ticket object `{{…}}` or a page `{{\"tickets\": […]}}` should start",
                                char::from(other).escape_default()
                            )))
                        }
                    }
                }
                Mode::Array | Mode::Page => {
                    let Some(b) = self.skip(true)? else {
                        return Err(self.syntax(
                            "the file ends inside the list of tickets: it looks truncated",
                        ));
                    };
                    let line = self.line;
                    match b {
                        b']' => {
                            self.bump()?;
                            if self.mode == Mode::Page {
                                self.rest_of_page()?;
                            }
                            self.mode = Mode::Top;
                        }
                        b'{' => {
                            self.value(Some(out), false)?;
                            return Ok(Some(line));
                        }
                        other => {
                            return Err(self.syntax(format!(
                                "`{}` in the list of tickets, where a ticket object `{{…}}` should start",
                                char::from(other).escape_default()
                            )))
                        }
                    }
                }
            }
        }
    }

    /// Skips a page's keys after its `tickets` array, up to its `}`.
    fn rest_of_page(&mut self) -> Result<(), JsonError> {
        loop {
            match self.skip(true)? {
                None => return Err(self.syntax("the file ends inside a page: it looks truncated")),
                Some(b'}') => {
                    self.bump()?;
                    return Ok(());
                }
                Some(b'"') => {
                    // "key": value
                    self.value(None, false)?;
                    if self.skip(false)? != Some(b':') {
                        return Err(self.syntax("a key of the page is not followed by `:`"));
                    }
                    self.bump()?;
                    self.skip(false)?;
                    self.value(None, false)?;
                }
                Some(other) => {
                    return Err(self.syntax(format!(
                        "`{}` in a page, where a key should be",
                        char::from(other).escape_default()
                    )))
                }
            }
        }
    }
}

/// A number or a text, as ids are written (`35436` or `"35436"`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum Word {
    /// A number.
    Number(serde_json::Number),
    /// A text.
    Text(String),
    /// Anything else, e.g. `true`.
    Other(serde::de::IgnoredAny),
}

impl Word {
    /// The word as text; `None` for anything but a number or a text.
    pub fn text(&self) -> Option<String> {
        match self {
            Word::Number(n) => Some(n.to_string()),
            Word::Text(t) => Some(t.clone()),
            Word::Other(_) => None,
        }
    }
}

/// Minutes inside and outside business hours, as Zendesk's metrics give them.
#[derive(Debug, Deserialize)]
pub(crate) struct Minutes {
    /// Calendar minutes.
    pub calendar: Option<f64>,
}

/// The metrics of a ticket that a contract is measured by.
#[derive(Debug, Deserialize)]
pub(crate) struct MetricSet {
    /// Calendar and business minutes to the first public reply.
    pub reply_time_in_minutes: Option<Minutes>,
    /// When it was last solved.
    pub solved_at: Option<String>,
}

/// How the ticket arrived.
#[derive(Debug, Deserialize)]
pub(crate) struct Via {
    /// `email`, `web`, `chat`, `voice`, `api`…
    pub channel: Option<Word>,
}

/// A ticket object's fields a contract is measured by.
#[derive(Debug, Deserialize)]
pub(crate) struct JsonTicket {
    /// The ticket's number.
    pub id: Option<Word>,
    /// Creation, ISO 8601 in UTC.
    pub created_at: Option<String>,
    /// `urgent`, `high`, `normal`, `low` or null.
    pub priority: Option<String>,
    /// `new`, `open`, `pending`, `hold`, `solved`, `closed`.
    pub status: Option<String>,
    /// `problem`, `incident`, `question`, `task`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// The channel.
    pub via: Option<Via>,
    /// The group's id.
    pub group_id: Option<Word>,
    /// The organisation's id.
    pub organization_id: Option<Word>,
    /// The metrics, when sideloaded into the ticket.
    pub metric_set: Option<MetricSet>,
}
