//! A streaming CSV reader (RFC 4180 with the leniencies real exports need)
//! that keeps one record in memory at a time, numbers physical lines, and
//! says when the file ended inside a quoted value or without a line break.
//!
//! The reader works on bytes: decoding is the caller's, field by field, so
//! that a byte the file's encoding cannot carry is reported at its row and
//! column instead of stopping the file.

use std::io::Read;

/// The longest record read, in bytes. A longer one is almost always a quote
/// that is never closed, swallowing the rest of the file: stopping there
/// keeps memory bounded whatever the file holds.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// The most values a record may have.
pub const MAX_FIELDS: usize = 4_096;

/// Why the reader cannot go on.
#[derive(Debug)]
pub(crate) enum CsvError {
    /// Reading the file failed.
    Io(std::io::Error),
    /// A record longer than [`MAX_RECORD_BYTES`] starts at this line.
    TooLong { line: u64 },
    /// A record with more than [`MAX_FIELDS`] values starts at this line.
    TooManyFields { line: u64 },
}

/// One record: its values' bytes (quotes removed, doubled quotes undone)
/// and the line it starts on.
#[derive(Debug, Default)]
pub(crate) struct Record {
    data: Vec<u8>,
    ends: Vec<usize>,
    /// The physical line the record starts on, from 1.
    pub line: u64,
    /// The file ended inside a quoted value of this record.
    pub unclosed_quote: bool,
    /// The file ended in this record, without a line break.
    pub at_end_without_newline: bool,
}

impl Record {
    /// How many values the record has.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The `i`-th value (from 0), if there is one.
    pub fn get(&self, i: usize) -> Option<&[u8]> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.data[start..end])
    }

    /// Whether the record is a blank line.
    pub fn is_blank(&self) -> bool {
        self.ends.len() == 1 && self.data.is_empty()
    }

    fn clear(&mut self) {
        self.data.clear();
        self.ends.clear();
        self.unclosed_quote = false;
        self.at_end_without_newline = false;
    }

    fn end_field(&mut self, line: u64) -> Result<(), CsvError> {
        if self.ends.len() >= MAX_FIELDS {
            return Err(CsvError::TooManyFields { line });
        }
        self.ends.push(self.data.len());
        Ok(())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

/// The reader over any byte source, with its own fixed buffer.
pub(crate) struct CsvReader<R> {
    inner: R,
    buf: Box<[u8]>,
    pos: usize,
    cap: usize,
    eof: bool,
    delimiter: u8,
    /// The line the next byte belongs to.
    line: u64,
    /// Bytes taken from `inner` so far (the skipped mark included).
    taken: u64,
    /// Bytes that end an unquoted run: the delimiter, `"`, `\r`, `\n`.
    special: [bool; 256],
}

const BUFFER: usize = 64 * 1024;

impl<R: Read> CsvReader<R> {
    /// A reader splitting values at `delimiter`, after skipping `skip`
    /// bytes (a byte-order mark).
    pub fn new(mut inner: R, delimiter: u8, skip: usize) -> std::io::Result<Self> {
        if skip > 0 {
            let mut bom = [0u8; 4];
            inner.read_exact(&mut bom[..skip])?;
        }
        let mut special = [false; 256];
        for b in [delimiter, b'"', b'\r', b'\n'] {
            special[usize::from(b)] = true;
        }
        Ok(CsvReader {
            inner,
            buf: vec![0; BUFFER].into_boxed_slice(),
            pos: 0,
            cap: 0,
            eof: false,
            delimiter,
            line: 1,
            taken: skip as u64,
            special,
        })
    }

    fn refill(&mut self) -> Result<(), CsvError> {
        loop {
            match self.inner.read(&mut self.buf) {
                Ok(0) => {
                    self.eof = true;
                    self.pos = 0;
                    self.cap = 0;
                    return Ok(());
                }
                Ok(n) => {
                    self.pos = 0;
                    self.cap = n;
                    self.taken += n as u64;
                    return Ok(());
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(CsvError::Io(e)),
            }
        }
    }

    /// The bytes of the source read into records so far.
    pub fn position(&self) -> u64 {
        self.taken - (self.cap - self.pos) as u64
    }

    /// Reads the next record into `record`; `false` at the end of the file.
    pub fn read(&mut self, record: &mut Record) -> Result<bool, CsvError> {
        record.clear();
        record.line = self.line;
        let start = self.line;
        let mut state = State::FieldStart;
        let mut any = false;
        loop {
            if self.pos == self.cap {
                if self.eof {
                    return self.finish(record, state, any, start);
                }
                self.refill()?;
                if self.eof {
                    return self.finish(record, state, any, start);
                }
            }
            if record.data.len() > MAX_RECORD_BYTES {
                return Err(CsvError::TooLong { line: start });
            }
            if state == State::Unquoted {
                // The common case: copy a run of ordinary bytes at once.
                let run = self.buf[self.pos..self.cap]
                    .iter()
                    .position(|&b| self.special[usize::from(b)])
                    .unwrap_or(self.cap - self.pos);
                record
                    .data
                    .extend_from_slice(&self.buf[self.pos..self.pos + run]);
                self.pos += run;
                if self.pos == self.cap {
                    continue;
                }
            }
            let b = self.buf[self.pos];
            self.pos += 1;
            any = true;
            match state {
                State::FieldStart | State::Unquoted | State::QuoteInQuoted => {
                    if b == self.delimiter {
                        record.end_field(start)?;
                        state = State::FieldStart;
                    } else if b == b'\n' {
                        self.line += 1;
                        record.end_field(start)?;
                        return Ok(true);
                    } else if b == b'\r' {
                        // Part of a CRLF line break.
                    } else if b == b'"' {
                        match state {
                            State::FieldStart => state = State::Quoted,
                            // `""` inside a quoted value is one quote.
                            State::QuoteInQuoted => {
                                record.data.push(b'"');
                                state = State::Quoted;
                            }
                            // A quote inside an unquoted value is text.
                            _ => record.data.push(b'"'),
                        }
                    } else {
                        // Text after a closing quote (`"a"b`) is kept, as
                        // spreadsheet programs do.
                        record.data.push(b);
                        state = State::Unquoted;
                    }
                }
                State::Quoted => {
                    if b == b'"' {
                        state = State::QuoteInQuoted;
                    } else {
                        if b == b'\n' {
                            self.line += 1;
                        }
                        record.data.push(b);
                    }
                }
            }
        }
    }

    fn finish(
        &mut self,
        record: &mut Record,
        state: State,
        any: bool,
        start: u64,
    ) -> Result<bool, CsvError> {
        if !any {
            return Ok(false);
        }
        record.unclosed_quote = state == State::Quoted;
        record.at_end_without_newline = true;
        record.end_field(start)?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str, delimiter: u8) -> Vec<(u64, Vec<String>, bool, bool)> {
        let mut reader = CsvReader::new(text.as_bytes(), delimiter, 0).unwrap();
        let mut record = Record::default();
        let mut out = Vec::new();
        while reader.read(&mut record).unwrap() {
            let values = (0..record.len())
                .map(|i| String::from_utf8(record.get(i).unwrap().to_vec()).unwrap())
                .collect();
            out.push((
                record.line,
                values,
                record.unclosed_quote,
                record.at_end_without_newline,
            ));
        }
        out
    }

    #[test]
    fn quoted_values_keep_delimiters_quotes_and_line_breaks() {
        let got = records("id,text\r\n1,\"a, \"\"b\"\"\nc\"\r\n2,plain\n", b',');
        assert_eq!(
            got,
            vec![
                (1, vec!["id".into(), "text".into()], false, false),
                (2, vec!["1".into(), "a, \"b\"\nc".into()], false, false),
                (4, vec!["2".into(), "plain".into()], false, false),
            ]
        );
    }

    #[test]
    fn the_end_of_the_file_is_reported() {
        let got = records("a;b\n1;\"open\n2;3", b';');
        assert_eq!(got[1].0, 2);
        assert!(got[1].2 && got[1].3);
        let got = records("a;b\n1;2", b';');
        assert!(!got[1].2 && got[1].3);
        assert!(records("", b',').is_empty());
    }

    #[test]
    fn a_runaway_quote_stops_at_the_record_limit() {
        let text = format!("a\n\"{}", "x".repeat(MAX_RECORD_BYTES + 10));
        let mut reader = CsvReader::new(text.as_bytes(), b',', 0).unwrap();
        let mut record = Record::default();
        assert!(reader.read(&mut record).unwrap());
        assert!(matches!(
            reader.read(&mut record),
            Err(CsvError::TooLong { line: 2 })
        ));
    }
}
