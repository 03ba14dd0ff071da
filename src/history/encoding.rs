//! The first pass over a file: its fingerprint, its encoding (found from
//! every byte, never guessed from a sample) and its delimiter, in constant
//! memory.

use std::borrow::Cow;
use std::io::Read;

use sha2::{Digest, Sha256};

/// The text encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 starting with a byte-order mark (as Excel writes "CSV UTF-8").
    Utf8Bom,
    /// Windows-1252 (Western European), as Excel writes "CSV" on Windows:
    /// chosen when the file is not UTF-8 and holds no UTF-8 sequence at all.
    Windows1252,
}

impl Encoding {
    /// The name printed in summaries and kept in the import log.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with byte-order mark",
            Encoding::Windows1252 => "Windows-1252",
        }
    }

    /// Decodes one value. `Err` carries the first byte the encoding
    /// cannot read.
    pub(crate) fn decode(self, bytes: &[u8]) -> Result<Cow<'_, str>, u8> {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom => match std::str::from_utf8(bytes) {
                Ok(text) => Ok(Cow::Borrowed(text)),
                Err(e) => Err(bytes[e.valid_up_to()]),
            },
            Encoding::Windows1252 => {
                if bytes.is_ascii() {
                    // ASCII is the same in both: no copy.
                    return Ok(Cow::Borrowed(
                        std::str::from_utf8(bytes).unwrap_or_default(),
                    ));
                }
                let mut text = String::with_capacity(bytes.len() + 8);
                for &b in bytes {
                    text.push(windows_1252(b).ok_or(b)?);
                }
                Ok(Cow::Owned(text))
            }
        }
    }
}

/// The characters of Windows-1252's bytes 0x80–0x9F; `None` for the five
/// bytes it leaves undefined. The other bytes are Latin-1's.
const HIGH_CONTROLS: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

fn windows_1252(b: u8) -> Option<char> {
    match b {
        0x80..=0x9F => HIGH_CONTROLS[usize::from(b - 0x80)],
        _ => Some(char::from(b)),
    }
}

/// What the first pass learnt about a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sniffed {
    /// SHA-256 of the whole file, lower-case hex.
    pub fingerprint: String,
    /// The file's length.
    pub bytes: u64,
    /// The encoding the file is read in.
    pub encoding: Encoding,
    /// In a file read as UTF-8, the line of the first byte that is not
    /// UTF-8 (the file mixes encodings: rows holding such bytes are
    /// rejected).
    pub first_foreign_line: Option<u64>,
    /// The value delimiter, from the first line.
    pub delimiter: u8,
}

/// Reads the whole file once.
pub(crate) fn sniff(mut input: impl Read) -> std::io::Result<Sniffed> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    // Bytes of a UTF-8 sequence cut by the end of the previous block.
    let mut carry: Vec<u8> = Vec::new();
    let mut first_line: Vec<u8> = Vec::new();
    let mut first_line_done = false;
    let mut total: u64 = 0;
    let mut newlines: u64 = 0;
    let mut bom = false;
    let mut saw_multibyte = false;
    let mut first_invalid_line: Option<u64> = None;
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let block = &buf[..n];
        hasher.update(block);
        if total == 0 && block.starts_with(b"\xEF\xBB\xBF") {
            bom = true;
        }
        if !first_line_done {
            let end = block.iter().position(|&b| b == b'\n');
            let take = end
                .unwrap_or(n)
                .min(64 * 1024 - first_line.len().min(64 * 1024));
            first_line.extend_from_slice(&block[..take]);
            first_line_done = end.is_some() || first_line.len() >= 64 * 1024;
        }
        // UTF-8 check of carry + block, keeping an incomplete tail.
        let mut joined;
        let text: &[u8] = if carry.is_empty() {
            block
        } else {
            joined = std::mem::take(&mut carry);
            joined.extend_from_slice(block);
            &joined
        };
        let base_newlines = newlines;
        let mut rest = text;
        let mut consumed = 0usize;
        loop {
            match std::str::from_utf8(rest) {
                Ok(valid) => {
                    saw_multibyte |= !valid.is_ascii();
                    break;
                }
                Err(e) => {
                    let valid = &rest[..e.valid_up_to()];
                    saw_multibyte |= !valid.is_ascii();
                    match e.error_len() {
                        None => {
                            carry = rest[e.valid_up_to()..].to_vec();
                            break;
                        }
                        Some(len) => {
                            if first_invalid_line.is_none() {
                                let at = consumed + e.valid_up_to();
                                let before = text[..at].iter().filter(|&&b| b == b'\n').count();
                                first_invalid_line = Some(base_newlines + before as u64 + 1);
                            }
                            consumed += e.valid_up_to() + len;
                            rest = &rest[e.valid_up_to() + len..];
                        }
                    }
                }
            }
        }
        newlines += block.iter().filter(|&&b| b == b'\n').count() as u64;
        total += n as u64;
    }
    if !carry.is_empty() && first_invalid_line.is_none() {
        // The file ends inside a UTF-8 sequence.
        first_invalid_line = Some(newlines + 1);
    }
    let encoding = match (bom, first_invalid_line, saw_multibyte) {
        (true, _, _) => Encoding::Utf8Bom,
        (false, None, _) => Encoding::Utf8,
        (false, Some(_), false) => Encoding::Windows1252,
        (false, Some(_), true) => Encoding::Utf8,
    };
    let first_foreign_line = match encoding {
        Encoding::Windows1252 => None,
        _ => first_invalid_line,
    };
    let digest = hasher.finalize();
    let fingerprint = digest.iter().map(|b| format!("{b:02x}")).collect();
    Ok(Sniffed {
        fingerprint,
        bytes: total,
        encoding,
        first_foreign_line,
        delimiter: delimiter_of(&first_line),
    })
}

/// The delimiter of a header line: of `,`, `;`, tab and `|`, the one found
/// most often outside quotes (`,` when none is).
fn delimiter_of(line: &[u8]) -> u8 {
    let mut counts = [0usize; 4];
    let candidates = [b',', b';', b'\t', b'|'];
    let mut quoted = false;
    for &b in line {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(i) = candidates.iter().position(|&c| c == b) {
                counts[i] += 1;
            }
        }
    }
    let mut best = 0;
    for i in 1..candidates.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    candidates[best]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_told_apart_from_every_byte() {
        let s = sniff("a,b\n1,é\n".as_bytes()).unwrap();
        assert_eq!((s.encoding, s.first_foreign_line), (Encoding::Utf8, None));
        let s = sniff(&b"\xEF\xBB\xBFa;b\n"[..]).unwrap();
        assert_eq!((s.encoding, s.delimiter), (Encoding::Utf8Bom, b';'));
        let s = sniff(&b"a,b\n1,caf\xE9\n"[..]).unwrap();
        assert_eq!(s.encoding, Encoding::Windows1252);
        let s = sniff(&b"a,b\n1,\xC3\xA9\n2,caf\xE9\n"[..]).unwrap();
        assert_eq!(
            (s.encoding, s.first_foreign_line),
            (Encoding::Utf8, Some(3))
        );
    }

    #[test]
    fn windows_1252_decodes_its_high_controls() {
        assert_eq!(
            Encoding::Windows1252.decode(b"\x80 \x9C\xE9").unwrap(),
            "€ œé"
        );
        assert_eq!(Encoding::Windows1252.decode(b"\x81"), Err(0x81));
    }

    #[test]
    fn the_delimiter_is_the_most_frequent_outside_quotes() {
        assert_eq!(delimiter_of(b"\"a;b\",c,d"), b',');
        assert_eq!(delimiter_of(b"a;b;c,d"), b';');
        assert_eq!(delimiter_of(b"a\tb"), b'\t');
        assert_eq!(delimiter_of(b"single"), b',');
    }
}
