//! Finding the comments of a YAML text as the parser sees them.
//!
//! A `#` starts a comment only outside scalars, so telling a comment from
//! a `#` or a quote inside a value (`legal_name: Northwind's Freight  #
//! note`) takes the parser's view of where each scalar stands: a scan of
//! the characters cannot know that the apostrophe in a plain scalar opens
//! no quote. The parser skips comments without reporting them, so the
//! comments are what remains: a `#` outside the span of every scalar,
//! at the start of a line or after white space.

use saphyr_parser::{Event, Parser, ScalarStyle};

use super::Location;

/// Where each comment of a YAML text starts, in order.
///
/// When the text does not parse to the end, every `#` after the last
/// scalar the parser reached that follows white space counts as a
/// comment: the answer may then hold too many, never too few.
pub fn comments(text: &str) -> Vec<Location> {
    let chars: Vec<char> = text.chars().collect();
    let places = places(&chars);
    let scalars = scalar_spans(text, &chars, &places);
    let mut found = Vec::new();
    let mut spans = scalars.iter().peekable();
    let mut i = 0;
    while i < chars.len() {
        while spans.next_if(|span| span.end <= i).is_some() {}
        let inside = spans.peek().is_some_and(|span| span.contains(&i));
        let separated = match i.checked_sub(1).map(|p| chars[p]) {
            None => true,
            // A byte order mark that starts the text is not content.
            Some('\u{feff}') => i == 1,
            Some(p) => matches!(p, ' ' | '\t' | '\n' | '\r'),
        };
        if chars[i] == '#' && !inside && separated {
            let (line, column) = places[i];
            found.push(Location {
                line,
                column: column + 1,
            });
            // The rest of the line is the comment.
            while i < chars.len() && !matches!(chars[i], '\n' | '\r') {
                i += 1;
            }
            continue;
        }
        i += 1;
    }
    found
}

/// The line (from 1) and column (in characters, from 0) of every
/// character, counted as the parser counts them: a line ends at a line
/// feed, a carriage return, or both together.
fn places(chars: &[char]) -> Vec<(usize, usize)> {
    let (mut line, mut column) = (1, 0);
    let mut places = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        places.push((line, column));
        let ends_line = c == '\n' || (c == '\r' && chars.get(i + 1) != Some(&'\n'));
        if ends_line {
            line += 1;
            column = 0;
        } else {
            column += 1;
        }
    }
    places
}

/// The characters (start inclusive, end exclusive) of every scalar the
/// parser reads, in the order of the text; stops at the first syntax error.
fn scalar_spans(
    text: &str,
    chars: &[char],
    places: &[(usize, usize)],
) -> Vec<std::ops::Range<usize>> {
    // A place past the last character is the end of the text.
    let index = |line: usize, column: usize| {
        places
            .binary_search(&(line, column))
            .unwrap_or_else(|after| after)
    };
    let mut spans = Vec::new();
    let mut parser = Parser::new_from_str(text);
    while let Some(Ok((event, span))) = parser.next_event() {
        let Event::Scalar(_, style, ..) = event else {
            continue;
        };
        let start = index(span.start.line(), span.start.col());
        let end = match style {
            // The parser's span of a quoted scalar runs on over the spaces
            // and comment that follow it, so its end is found here: the
            // closing quote, from the opening one the parser found.
            ScalarStyle::SingleQuoted => closing_quote(chars, start, '\''),
            ScalarStyle::DoubleQuoted => closing_quote(chars, start, '"'),
            _ => index(span.end.line(), span.end.col()),
        };
        spans.push(start..end);
    }
    spans
}

/// The end (exclusive) of a quoted scalar whose opening quote is at
/// `start`: after the first closing quote, skipping `''` in single quotes
/// and backslash escapes in double quotes. When `start` holds no quote the
/// scalar is taken to end there, so that nothing after it is hidden.
fn closing_quote(chars: &[char], start: usize, quote: char) -> usize {
    if chars.get(start) != Some(&quote) {
        return start;
    }
    let mut i = start + 1;
    while let Some(&c) = chars.get(i) {
        match c {
            '\'' if quote == '\'' && chars.get(i + 1) == Some(&'\'') => i += 2,
            '\\' if quote == '"' => i += 2,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    chars.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<std::ops::Range<usize>> {
        let chars: Vec<char> = text.chars().collect();
        scalar_spans(text, &chars, &places(&chars))
    }

    #[test]
    fn scalar_spans_cover_quotes_and_block_content_but_no_comment() {
        assert_eq!(
            spans("a: 'x # y'\nb: |\n  # z\n"),
            vec![0..1, 3..10, 11..12, 18..22]
        );
        assert_eq!(spans("a: \"b\\\"\" # c\n"), vec![0..1, 3..8]);
        assert_eq!(spans("a: 'it''s' # c\n"), vec![0..1, 3..10]);
    }

    #[test]
    fn places_count_a_crlf_as_one_break() {
        let chars: Vec<char> = "a\r\nb\rc\n".chars().collect();
        assert_eq!(
            places(&chars),
            vec![(1, 0), (1, 1), (1, 2), (2, 0), (2, 1), (3, 0), (3, 1)]
        );
    }
}
