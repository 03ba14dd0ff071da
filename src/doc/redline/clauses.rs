//! Clauses of one document: a version's side of the comparison, and where
//! a block stands in its clause.

use std::collections::{HashMap, HashSet};

use super::place::{rank, Place, PlaceStep};
use super::words::{diff_inlines, split_words, Link, Token};
use super::SegmentOp;
use crate::doc::numbering::{NumberedClause, Numbering};
use crate::doc::tree::{Block, Document, Inline, Paragraph, Revision, Style};

/// A document's side of the comparison: its clauses and their numbers.
pub(super) struct Version<'a> {
    pub(super) nodes: Vec<NumberedClause<'a>>,
    pub(super) numbers: HashMap<String, String>,
    /// The clause anchors of the comparison document (the later version's).
    pub(super) live: HashSet<String>,
}

impl<'a> Version<'a> {
    pub(super) fn new(doc: &'a Document) -> Version<'a> {
        let Numbering {
            clauses: nodes,
            numbers,
        } = Numbering::of(doc);
        let live = numbers.keys().cloned().collect();
        Version {
            nodes,
            numbers,
            live,
        }
    }

    pub(super) fn tokens(&self, runs: &[Inline]) -> Vec<Token> {
        let mut out = Vec::new();
        for run in runs {
            let (text, style) = match run {
                Inline::Text { text, style } | Inline::Revised { text, style, .. } => {
                    (text.as_str(), *style)
                }
                Inline::Term(text) => (text.as_str(), Style::Bold),
                Inline::ClauseRef(anchor) => {
                    let number = self.numbers.get(anchor).unwrap_or(anchor).clone();
                    out.push(Token {
                        text: number,
                        style: Style::Regular,
                        link: Link::Clause(anchor.clone()),
                    });
                    continue;
                }
                Inline::PageRef(anchor) => {
                    out.push(Token {
                        text: String::new(),
                        style: Style::Regular,
                        link: Link::Page(anchor.clone()),
                    });
                    continue;
                }
            };
            out.extend(split_words(text).into_iter().map(|w| Token {
                text: w.to_owned(),
                style,
                link: Link::Plain,
            }));
        }
        out
    }

    pub(super) fn text(&self, p: &Paragraph) -> String {
        self.tokens(&p.runs)
            .iter()
            .map(|t| t.text.as_str())
            .collect()
    }

    /// A paragraph with every word marked as inserted or deleted, and its
    /// cross-references printed as this version's numbers.
    pub(super) fn marked(&self, p: &Paragraph, revision: Revision) -> Paragraph {
        let op = if revision == Revision::Inserted {
            SegmentOp::Insert
        } else {
            SegmentOp::Delete
        };
        Paragraph {
            runs: diff_inlines(&[(op, self.tokens(&p.runs))], &self.live),
            align: p.align,
        }
    }
}

/// The blocks of a clause's own text: not its sub-clauses, and not the
/// title page and contents, which the comparison replaces by its summary.
pub(super) fn own(blocks: &[Block]) -> Vec<&Block> {
    blocks
        .iter()
        .filter(|b| {
            !matches!(
                b,
                Block::Clause(_) | Block::TitlePage(_) | Block::TableOfContents { .. }
            )
        })
        .collect()
}

/// A block's name in a [`BlockRedline::place`]: its kind and its rank
/// among the blocks of that kind, e.g. `paragraph 2`.
pub(super) fn place_of(blocks: &[&Block], i: usize) -> Place {
    let kind = |b: &Block| match b {
        Block::Paragraph(_) => 0,
        Block::List(_) => 1,
        Block::Table(_) => 2,
        Block::Signatures(_) => 3,
        _ => 4,
    };
    let mine = kind(blocks[i]);
    let n = rank(blocks[..=i].iter().filter(|b| kind(b) == mine).count());
    Place::at(match mine {
        0 => PlaceStep::Paragraph { n },
        1 => PlaceStep::List { n },
        2 => PlaceStep::Table { n },
        3 => PlaceStep::Signatures { n },
        _ => PlaceStep::Block { n },
    })
}

/// The longest increasing subsequence of `values`, as a mask.
pub(super) fn increasing(values: &[usize]) -> Vec<bool> {
    let n = values.len();
    let mut length = vec![1usize; n];
    let mut before = vec![usize::MAX; n];
    for i in 0..n {
        for k in 0..i {
            if values[k] < values[i] && length[k] + 1 > length[i] {
                length[i] = length[k] + 1;
                before[i] = k;
            }
        }
    }
    let mut keep = vec![false; n];
    let mut at = (0..n).max_by_key(|&i| (length[i], std::cmp::Reverse(i)));
    while let Some(i) = at {
        keep[i] = true;
        at = (before[i] != usize::MAX).then_some(before[i]);
    }
    keep
}
