//! Issue 18: a bare number is never a percentage. Every percentage field of
//! agreements and scenarios, the JSON Schema and the command line's
//! percentage flags require the `%` sign and refuse a bare number with both
//! of its readings; valid but implausible values warn, saying why.

mod agreement;
mod cli;
mod scenario;
mod schema;

/// The line and column (from 1) of the first occurrence of `needle` in
/// `text`, to check that a message points at the value itself.
pub fn position(text: &str, needle: &str) -> (usize, usize) {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in the text"));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// Where the value written after `prefix` stands in `text`, when
/// `prefix` and `value` occur together once; `prefix` may span lines.
pub fn value_position(text: &str, prefix: &str, value: &str) -> (usize, usize) {
    let (line, column) = position(text, &format!("{prefix}{value}"));
    match prefix.rsplit_once('\n') {
        None => (line, column + prefix.chars().count()),
        Some((before, last)) => (
            line + before.matches('\n').count() + 1,
            last.chars().count() + 1,
        ),
    }
}

/// The ways a bare number can be written in YAML, each with its text and the
/// message the reader must give: a float, an integer and a quoted string.
pub const BARE: &[(&str, &str)] = &[
    (
        "0.999",
        "`0.999` is not a percentage: write `99.9%` or `0.999%`",
    ),
    ("95", "`95` is not a percentage: write `95%` or `9500%`"),
    (
        "\"0.3\"",
        "`0.3` is not a percentage: write `30%` or `0.3%`",
    ),
];
