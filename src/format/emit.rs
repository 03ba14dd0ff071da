//! The canonical YAML writer.
//!
//! The model is first turned into a JSON value (serde keeps the model's
//! field order), then written here in one fixed style: block mappings,
//! short lists of plain words in flow style (`[09:00-12:00, 14:00-18:00]`),
//! other lists in block style, multi-line text as literal blocks, and a
//! string quoted only when it would otherwise read back as something else.
//! Choices (an enum with data) are written as a one-key mapping, which is
//! what the reader expects: no YAML tags.

use serde_json::Value;

use super::de::{resolve_plain, Plain};

const INDENT: usize = 2;
const FLOW_WIDTH: usize = 80;

/// Writes a JSON value tree as a YAML document.
pub(crate) fn emit(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => write_mapping(&mut out, map, 0),
        other => {
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
    out
}

fn write_mapping(out: &mut String, map: &serde_json::Map<String, Value>, indent: usize) {
    for (key, value) in map {
        push_indent(out, indent);
        out.push_str(&scalar(key));
        out.push(':');
        write_value_after_key(out, value, indent);
    }
}

/// Writes what follows `key:` (or `- `), starting on the same line.
fn write_value_after_key(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::String(text) if needs_literal_block(text) => {
            write_literal(out, text, indent + INDENT)
        }
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            write_mapping(out, map, indent + INDENT);
        }
        Value::Array(items) if !items.is_empty() && flow_sequence(items).is_none() => {
            out.push('\n');
            write_sequence(out, items, indent + INDENT);
        }
        other => {
            out.push(' ');
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
}

fn write_sequence(out: &mut String, items: &[Value], indent: usize) {
    for item in items {
        push_indent(out, indent);
        out.push('-');
        match item {
            // A mapping item starts on the dash's line and continues aligned
            // under its first key.
            Value::Object(map) if !map.is_empty() => {
                let mut first = true;
                for (key, value) in map {
                    if first {
                        out.push(' ');
                        first = false;
                    } else {
                        push_indent(out, indent + INDENT);
                    }
                    out.push_str(&scalar(key));
                    out.push(':');
                    write_value_after_key(out, value, indent + INDENT);
                }
            }
            other => write_value_after_key(out, other, indent),
        }
    }
}

/// Multi-line text as a literal block, which keeps line breaks exactly.
fn write_literal(out: &mut String, text: &str, indent: usize) {
    let chomp = if text.ends_with('\n') { "" } else { "-" };
    out.push_str(" |");
    out.push_str(chomp);
    out.push('\n');
    for line in text.strip_suffix('\n').unwrap_or(text).split('\n') {
        if !line.is_empty() {
            push_indent(out, indent);
            out.push_str(line);
        }
        out.push('\n');
    }
}

/// A value that fits on one line: a scalar, an empty list or mapping, or a
/// short list of plain words.
fn inline(value: &Value) -> String {
    match value {
        Value::Null => "~".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number(n),
        Value::String(s) => scalar(s),
        Value::Array(items) => flow_sequence(items).unwrap_or_else(|| "[]".into()),
        Value::Object(_) => "{}".into(),
    }
}

/// A list written on one line, when every item is a plain word or number
/// and the whole fits in the width.
fn flow_sequence(items: &[Value]) -> Option<String> {
    let words: Option<Vec<String>> = items
        .iter()
        .map(|item| match item {
            // Words only: sentences read better one to a line.
            Value::String(s) if is_plain_text(s) && !s.contains([',', '[', ']', '{', '}', ' ']) => {
                Some(s.clone())
            }
            Value::Number(n) => Some(number(n)),
            _ => None,
        })
        .collect();
    let flow = format!("[{}]", words?.join(", "));
    (flow.len() <= FLOW_WIDTH).then_some(flow)
}

/// A number as the file writes it: integers as they are, and a fraction
/// that has at most two decimals (the model's only fractions are amounts)
/// with exactly two, `1250.00`.
fn number(n: &serde_json::Number) -> String {
    let text = n.to_string();
    match (n.as_f64(), text.split_once('.')) {
        (Some(v), Some((_, decimals))) if n.is_f64() && decimals.len() <= 2 => format!("{v:.2}"),
        _ => text,
    }
}

/// Text with line breaks goes in a literal block, which keeps them
/// exactly, unless the block could not say the same text: leading breaks or
/// spaces (the block's indentation would swallow them), more than one
/// trailing break, trailing spaces on a line, or a character that only an
/// escape can carry (a literal block has no escapes).
fn needs_literal_block(text: &str) -> bool {
    text.contains('\n')
        && !text.starts_with(['\n', ' ', '\t'])
        && !text.ends_with("\n\n")
        && !text.contains(" \n")
        && !text.chars().any(|c| c != '\n' && needs_escape(c))
}

/// Whether a character must be written as an escape in a double-quoted
/// scalar, and so can never appear in a plain scalar or a literal block.
///
/// YAML 1.2 (§5.1, `c-printable`) allows in a stream only tab, line feed,
/// carriage return, U+0020–U+007E, U+0085, U+00A0–U+D7FF, U+E000–U+FFFD and
/// the planes above; everything else (C0 controls, DEL, the C1 controls)
/// must be escaped. Beyond the letter of the spec, these are escaped too:
/// - tab, line feed and carriage return, which plain and quoted scalars fold
///   or trim, and which the literal style handles on its own terms;
/// - U+0085 (NEL), U+2028 and U+2029, line breaks to YAML 1.1 readers;
/// - the byte order mark U+FEFF, which the reader refuses inside a document;
/// - every other format character (Unicode category Cf: soft hyphen,
///   zero-width spaces and joiners, bidirectional controls, tags…), which
///   are invisible, so a reviewer of the file sees them only as escapes;
/// - the noncharacters (U+FDD0–U+FDEF and the last two code points of each
///   plane), which some readers refuse.
pub(super) fn needs_escape(c: char) -> bool {
    let code = c as u32;
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}')
        || (0xFDD0..=0xFDEF).contains(&code)
        || code & 0xFFFE == 0xFFFE
        || is_format_character(c)
}

/// Whether a character is in Unicode's general category Cf (format), as of
/// Unicode 16.
fn is_format_character(c: char) -> bool {
    matches!(
        c as u32,
        0x00AD
            | 0x0600..=0x0605
            | 0x061C
            | 0x06DD
            | 0x070F
            | 0x0890..=0x0891
            | 0x08E2
            | 0x180E
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0001
            | 0xE0020..=0xE007F
    )
}

/// A string as a plain scalar when it reads back as the same string, or
/// double-quoted with escapes.
fn scalar(text: &str) -> String {
    if is_plain_text(text) {
        return text.to_string();
    }
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            '\r' => quoted.push_str("\\r"),
            c if needs_escape(c) && (c as u32) <= 0xFFFF => {
                quoted.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if needs_escape(c) => quoted.push_str(&format!("\\U{:08x}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

fn push_indent(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// Whether a string can be written as a plain (unquoted) scalar and read
/// back as the same string.
pub(crate) fn is_plain_text(text: &str) -> bool {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let second = chars.next();
    let indicator_start = match first {
        '-' | '?' | ':' => second.is_none_or(char::is_whitespace),
        ',' | '[' | ']' | '{' | '}' | '#' | '&' | '*' | '!' | '|' | '>' | '\'' | '"' | '%'
        | '@' | '`' => true,
        c => c.is_whitespace(),
    };
    let yaml11_words = ["y", "n", "yes", "no", "on", "off"];
    !indicator_start
        && !text.ends_with(char::is_whitespace)
        && !text.ends_with(':')
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.chars().any(needs_escape)
        && !yaml11_words.iter().any(|w| text.eq_ignore_ascii_case(w))
        && !is_yaml11_sexagesimal(text)
        && matches!(resolve_plain(text), Plain::Str(_))
}

/// Whether YAML 1.1 readers (still common in other tools) would take the
/// text for a base-60 number: `19:00` is 1140 to them.
fn is_yaml11_sexagesimal(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let mut parts = body.split(':');
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    !rest.is_empty()
        && !first.is_empty()
        && first.bytes().all(|b| b.is_ascii_digit())
        && rest.iter().enumerate().all(|(i, part)| {
            let digits = if i == rest.len() - 1 {
                part.split('.').next().unwrap_or("")
            } else {
                part
            };
            (1..=2).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
        })
}
