//! The clause-level redline of two rendered contracts: what legal reads to
//! see exactly how the text they approved differs from the text proposed.
//!
//! Two document trees are compared clause by clause. Clauses are matched by
//! their anchor, then (for a clause whose anchor changed) by their title;
//! a clause found in one tree only is added or removed, and a matched clause
//! that changed parent or order among its siblings is moved. Inside a
//! matched clause the blocks are aligned (equal blocks first, then
//! paragraphs, lists, tables paired with the most alike of their kind), and
//! a changed paragraph, list item or table cell gets a word-level diff
//! ([`myers`], linear in memory).
//!
//! Two results come out of one walk: a [`Redline`], structured and
//! serialisable, for the app and `--format json`; and a comparison
//! [`Document`] ([`comparison_document`]) whose first page sums the
//! comparison up and whose clauses show insertions underlined and deletions
//! struck through ([`Inline::Revised`]). The comparison keeps the clause
//! structure of the later version, so its clause numbers are the later
//! version's; a removed clause is printed struck through where it stood,
//! without a number of its own.
//!
//! ```
//! use pledge::doc::redline::{compare, SegmentOp};
//! use pledge::doc::sample::sample_document;
//! use pledge::doc::tree::{Block, Inline, Lang};
//!
//! let before = sample_document(Lang::En, 4, "");
//! let mut after = before.clone();
//! if let Some(Block::Clause(definitions)) = after.blocks.get_mut(2) {
//!     definitions.body[0] = Block::Paragraph(pledge::doc::tree::Paragraph::plain(
//!         "In this Agreement, the following terms have the meaning given below:",
//!     ));
//! }
//! let redline = compare(&before, &after);
//! assert_eq!(redline.deleted(), vec!["capitalised ", " to them"]);
//! assert!(redline.inserted().is_empty());
//! assert!(compare(&before, &before).is_unchanged());
//! ```

mod align;
mod clauses;
mod document;
mod myers;
mod place;
mod walk;
mod words;

pub use self::document::{comparison_document, RedlineOptions, Side, Summary};
pub use self::place::{Place, PlaceStep};

use std::fmt::Write as _;

use serde::Serialize;

use self::walk::Walker;
use super::tree::Document;

/// What a [`Segment`] of text does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentOp {
    /// Text present in both versions.
    Equal,
    /// Text of the earlier version only.
    Delete,
    /// Text of the later version only.
    Insert,
}

/// A piece of text with what happened to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// Kept, deleted or inserted.
    pub op: SegmentOp,
    /// The text, as the tree has it (cross-references printed as the clause
    /// number of their own version).
    pub text: String,
}

/// What happened to a block (a paragraph, list item, table row or cell…).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockStatus {
    /// In both versions, with a different text.
    Changed,
    /// In the later version only.
    Added,
    /// In the earlier version only.
    Removed,
}

/// One changed block, with its word-level diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlockRedline {
    /// Where it is inside its clause, e.g. `paragraph 2`, `list 1, item 3`,
    /// `table 1, row 4, column 2`, `heading`, `title page, Version`.
    pub place: Place,
    /// Changed, added or removed.
    pub status: BlockStatus,
    /// The text in order; an added or removed block is one segment.
    pub segments: Vec<Segment>,
}

/// What happened to a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClauseStatus {
    /// The same heading and text.
    Unchanged,
    /// In its place, with changes in its heading or text.
    Changed,
    /// Under another clause or in another order among its siblings (its text
    /// may have changed too: see the blocks).
    Moved,
    /// New in the later version.
    Added,
    /// Gone from the later version.
    Removed,
}

/// One clause of the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClauseRedline {
    /// The clause's anchor (the later version's, unless removed).
    pub anchor: String,
    /// What happened to it.
    pub status: ClauseStatus,
    /// Nesting level, 1 for top-level clauses.
    pub level: u8,
    /// Its number in the earlier version, if it was there.
    pub number_before: Option<String>,
    /// Its number in the later version, if it is there.
    pub number_after: Option<String>,
    /// Its heading in the earlier version.
    pub title_before: Option<String>,
    /// Its heading in the later version.
    pub title_after: Option<String>,
    /// The blocks of its own text that changed (not those of its
    /// sub-clauses, which have entries of their own).
    pub blocks: Vec<BlockRedline>,
}

impl ClauseRedline {
    /// The number and heading as the comparison prints them: the later
    /// version's, or the earlier one's for a removed clause.
    pub fn heading(&self) -> String {
        let number = self.number_after.as_ref().or(self.number_before.as_ref());
        let title = self.title_after.as_ref().or(self.title_before.as_ref());
        format!(
            "{} {}",
            number.map_or("", String::as_str),
            title.map_or("", String::as_str)
        )
    }
}

/// The clause-level comparison of two rendered contracts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Redline {
    /// Changes outside the clauses: the title page, text before the first
    /// clause or after the last, signature blocks outside clauses.
    pub front: Vec<BlockRedline>,
    /// Every clause, in the order of the comparison document: the later
    /// version's clauses, with removed ones where they stood.
    pub clauses: Vec<ClauseRedline>,
}

impl Redline {
    /// Whether the two documents say the same thing.
    pub fn is_unchanged(&self) -> bool {
        self.front.is_empty()
            && self
                .clauses
                .iter()
                .all(|c| c.status == ClauseStatus::Unchanged)
    }

    fn segments(&self, op: SegmentOp) -> Vec<&str> {
        let blocks = self
            .front
            .iter()
            .chain(self.clauses.iter().flat_map(|c| &c.blocks));
        blocks
            .flat_map(|b| &b.segments)
            .filter(|s| s.op == op)
            .map(|s| s.text.as_str())
            .collect()
    }

    /// Every inserted piece of text, in order.
    pub fn inserted(&self) -> Vec<&str> {
        self.segments(SegmentOp::Insert)
    }

    /// Every deleted piece of text, in order.
    pub fn deleted(&self) -> Vec<&str> {
        self.segments(SegmentOp::Delete)
    }

    /// The redline as plain text for a terminal: each changed clause with
    /// its changed blocks, deletions as `[-…-]` and insertions as `{+…+}`.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let block_lines = |out: &mut String, blocks: &[BlockRedline]| {
            for b in blocks {
                let _ = write!(out, "  {}: ", b.place);
                for s in &b.segments {
                    let _ = match s.op {
                        SegmentOp::Equal => write!(out, "{}", s.text),
                        SegmentOp::Delete => write!(out, "[-{}-]", s.text),
                        SegmentOp::Insert => write!(out, "{{+{}+}}", s.text),
                    };
                }
                out.push('\n');
            }
        };
        if !self.front.is_empty() {
            out.push_str("Outside the clauses\n");
            block_lines(&mut out, &self.front);
        }
        for c in self
            .clauses
            .iter()
            .filter(|c| c.status != ClauseStatus::Unchanged)
        {
            let status = match c.status {
                ClauseStatus::Unchanged | ClauseStatus::Changed => "changed".to_owned(),
                ClauseStatus::Moved => {
                    format!("moved from {}", c.number_before.as_deref().unwrap_or("?"))
                }
                ClauseStatus::Added => "added".to_owned(),
                ClauseStatus::Removed => "removed".to_owned(),
            };
            let _ = writeln!(out, "{} ({status})", c.heading().trim());
            block_lines(&mut out, &c.blocks);
        }
        out
    }
}

/// Compares two rendered contracts clause by clause. A tree compared with
/// itself gives a [`Redline`] for which [`Redline::is_unchanged`] holds.
pub fn compare(before: &Document, after: &Document) -> Redline {
    Walker::new(before, after, false).run().0
}
