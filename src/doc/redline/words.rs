//! Words: the tokens of a text (words, runs of spaces, single marks, and
//! cross-references), their diff tidied for reading, and the inlines it prints as.

use std::collections::HashSet;

use super::myers::{diff, OpKind};
use super::{BlockRedline, BlockStatus, Place, Segment, SegmentOp};
use crate::doc::tree::{Inline, Revision, Style};

/// What a token stands for, besides its text.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Link {
    /// Plain text.
    Plain,
    /// A cross-reference to a clause anchor (its text is the number).
    Clause(String),
    /// A page reference (no text: pages differ between documents).
    Page(String),
}

/// A word, a run of spaces or a punctuation mark, with its style.
#[derive(Debug, Clone)]
pub(super) struct Token {
    pub(super) text: String,
    pub(super) style: Style,
    pub(super) link: Link,
}

impl PartialEq for Token {
    /// Tokens are compared by what they say: a cross-reference by the clause
    /// it names (a clause renumbered by an insertion elsewhere is not a
    /// change of this text), anything else by its text, whatever its style.
    fn eq(&self, other: &Token) -> bool {
        match (&self.link, &other.link) {
            (Link::Clause(a), Link::Clause(b)) | (Link::Page(a), Link::Page(b)) => a == b,
            (Link::Plain, Link::Plain) => self.text == other.text,
            _ => false,
        }
    }
}

pub(super) fn is_blank(t: &Token) -> bool {
    t.text.chars().all(char::is_whitespace) && t.link == Link::Plain
}

/// Whether `c` between `before` and `after` belongs to one word: decimal
/// and thousands separators and times inside figures (`99.5`, `1,250`,
/// `1 250,00`, `10:30`, `24/7`), hyphens and apostrophes inside words.
pub(super) fn joins(before: char, c: char, after: char) -> bool {
    match c {
        '.' | ',' | ':' | '/' | '\u{A0}' | '\u{202F}' | '\u{2009}' => {
            before.is_numeric() && after.is_numeric()
        }
        '-' | '\u{2011}' | '\'' | '’' => before.is_alphanumeric() && after.is_alphanumeric(),
        _ => false,
    }
}

/// Splits text into words, runs of white space and single other characters.
pub(super) fn split_words(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let mut j = i + 1;
        if c.is_whitespace() {
            while j < chars.len() && chars[j].1.is_whitespace() {
                j += 1;
            }
        } else if c.is_alphanumeric() {
            loop {
                while j < chars.len() && chars[j].1.is_alphanumeric() {
                    j += 1;
                }
                if j + 1 < chars.len() && joins(chars[j - 1].1, chars[j].1, chars[j + 1].1) {
                    j += 2;
                } else {
                    break;
                }
            }
        }
        let end = chars.get(j).map_or(text.len(), |&(at, _)| at);
        out.push(&text[start..end]);
        i = j;
    }
    out
}

/// A changed region or a kept one, with the tokens it shows (the later
/// version's tokens for kept text).
pub(super) type Segs = Vec<(SegmentOp, Vec<Token>)>;

/// The word-level diff of two token lists, tidied for reading: a run of
/// spaces between two changes joins them, and each changed region reads as
/// all its deleted words, then all its inserted words.
pub(super) fn word_diff(old: &[Token], new: &[Token]) -> Segs {
    let mut raw: Segs = diff(old, new)
        .into_iter()
        .map(|op| match op.kind {
            OpKind::Equal => (SegmentOp::Equal, new[op.new].to_vec()),
            OpKind::Delete => (SegmentOp::Delete, old[op.old].to_vec()),
            OpKind::Insert => (SegmentOp::Insert, new[op.new].to_vec()),
        })
        .collect();
    let changed =
        |s: Option<&(SegmentOp, Vec<Token>)>| s.is_some_and(|(op, _)| *op != SegmentOp::Equal);
    let mut absorbed = vec![false; raw.len()];
    for i in 1..raw.len().saturating_sub(1) {
        let (op, tokens) = &raw[i];
        if *op == SegmentOp::Equal
            && tokens.iter().all(is_blank)
            && changed(raw.get(i - 1))
            && changed(raw.get(i + 1))
        {
            absorbed[i] = true;
        }
    }
    let mut out: Segs = Vec::new();
    let (mut dels, mut ins) = (Vec::new(), Vec::new());
    for (i, (op, tokens)) in raw.drain(..).enumerate() {
        match op {
            SegmentOp::Equal if !absorbed[i] => {
                flush_change(&mut out, &mut dels, &mut ins);
                out.push((op, tokens));
            }
            SegmentOp::Equal => {
                dels.extend(tokens.iter().cloned());
                ins.extend(tokens);
            }
            SegmentOp::Delete => dels.extend(tokens),
            SegmentOp::Insert => ins.extend(tokens),
        }
    }
    flush_change(&mut out, &mut dels, &mut ins);
    out
}

pub(super) fn flush_change(out: &mut Segs, dels: &mut Vec<Token>, ins: &mut Vec<Token>) {
    if !dels.is_empty() {
        out.push((SegmentOp::Delete, std::mem::take(dels)));
    }
    if !ins.is_empty() {
        out.push((SegmentOp::Insert, std::mem::take(ins)));
    }
}

pub(super) fn has_changes(segs: &[(SegmentOp, Vec<Token>)]) -> bool {
    segs.iter().any(|(op, _)| *op != SegmentOp::Equal)
}

/// How much of two texts is kept: twice the kept words over all words.
pub(super) fn likeness(segs: &[(SegmentOp, Vec<Token>)]) -> f32 {
    let words = |op: SegmentOp| -> usize {
        segs.iter()
            .filter(|(o, _)| *o == op)
            .map(|(_, t)| t.iter().filter(|t| !is_blank(t)).count())
            .sum()
    };
    let (same, gone, new) = (
        words(SegmentOp::Equal),
        words(SegmentOp::Delete),
        words(SegmentOp::Insert),
    );
    if same + gone + new == 0 {
        1.0
    } else {
        2.0 * same as f32 / (2 * same + gone + new) as f32
    }
}

/// Paragraphs at least this alike are shown as one changed paragraph;
/// less alike, as one removed and one added, which reads better than a
/// diff in which every other word is struck.
pub(super) const PAIRING_LIKENESS: f32 = 0.4;

pub(super) fn public_segments(segs: &[(SegmentOp, Vec<Token>)]) -> Vec<Segment> {
    segs.iter()
        .map(|(op, tokens)| Segment {
            op: *op,
            text: tokens.iter().map(|t| t.text.as_str()).collect(),
        })
        .filter(|s| !s.text.is_empty())
        .collect()
}

pub(super) fn whole(status: BlockStatus, place: Place, text: String) -> BlockRedline {
    let op = if status == BlockStatus::Added {
        SegmentOp::Insert
    } else {
        SegmentOp::Delete
    };
    BlockRedline {
        place,
        status,
        segments: vec![Segment { op, text }],
    }
}

/// The comparison document's inlines for a diff. `live` are the clause
/// anchors of the comparison document: a page reference to one of them is
/// kept (unmarked, even in deleted text, so that the sentence keeps its
/// number); one to a clause that is gone is dropped.
pub(super) fn diff_inlines(
    segs: &[(SegmentOp, Vec<Token>)],
    live: &HashSet<String>,
) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for (op, tokens) in segs {
        for t in tokens {
            let revision = match op {
                SegmentOp::Equal => None,
                SegmentOp::Delete => Some(Revision::Deleted),
                SegmentOp::Insert => Some(Revision::Inserted),
            };
            match (&t.link, revision) {
                (Link::Clause(anchor), None) => out.push(Inline::ClauseRef(anchor.clone())),
                (Link::Page(anchor), _) if live.contains(anchor) => {
                    out.push(Inline::PageRef(anchor.clone()))
                }
                (Link::Page(_), _) => {}
                (_, None) => match out.last_mut() {
                    Some(Inline::Text { text, style }) if *style == t.style => {
                        text.push_str(&t.text)
                    }
                    _ => out.push(Inline::Text {
                        text: t.text.clone(),
                        style: t.style,
                    }),
                },
                (_, Some(revision)) => match out.last_mut() {
                    Some(Inline::Revised {
                        text,
                        style,
                        revision: r,
                    }) if *style == t.style && *r == revision => text.push_str(&t.text),
                    last => {
                        // A deletion set tight against its replacement reads
                        // as one word ("2" struck, "3" underlined reads
                        // "23"): a narrow no-break space, in neither version,
                        // sets them apart.
                        let tight = matches!(last, Some(Inline::Revised { text, revision: r, .. })
                            if *r != revision && !text.ends_with(char::is_whitespace))
                            && !t.text.starts_with(char::is_whitespace);
                        if tight {
                            out.push(Inline::text(crate::doc::french::NNBSP.to_string()));
                        }
                        out.push(Inline::Revised {
                            text: t.text.clone(),
                            style: t.style,
                            revision,
                        })
                    }
                },
            }
        }
    }
    out
}
