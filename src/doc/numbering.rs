//! Clause and list numbering, counted in one place for the layout (and so
//! the PDF and its SVG preview), the HTML and Markdown writers and the
//! redline: clauses are numbered by their place in the tree (1, 1.1,
//! 1.1.1), never by hand, so a cross-reference always prints the number
//! the clause's heading shows, in every format.

use std::collections::{HashMap, HashSet};

use super::tree::{Block, Clause, Document, Inline, ListKind};
use super::DocError;

/// A clause with its number and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberedClause<'a> {
    /// The clause.
    pub clause: &'a Clause,
    /// The index of the enclosing clause in the list, `None` at the top level.
    pub parent: Option<usize>,
    /// The nesting level, 1 for top-level clauses. Levels past 255 count as
    /// 255: a tree built by code may nest deeper than the markup allows, and
    /// a wrapped level would make a sub-clause look like a top-level one.
    pub level: u8,
    /// Its position among its parent's clauses, from 1.
    pub rank: usize,
    /// Its number, e.g. "7.2".
    pub number: String,
}

/// The clauses of a document in reading order, numbered.
#[derive(Debug, Clone, PartialEq)]
pub struct Numbering<'a> {
    /// Every clause, in reading order (a clause before its sub-clauses).
    pub clauses: Vec<NumberedClause<'a>>,
    /// The number of every clause anchor; an anchor used twice keeps the
    /// number of its first clause.
    pub numbers: HashMap<String, String>,
}

impl<'a> Numbering<'a> {
    /// Numbers every clause of `doc`, whatever its anchors and references.
    pub fn of(doc: &'a Document) -> Numbering<'a> {
        fn walk<'a>(
            blocks: &'a [Block],
            parent: Option<usize>,
            level: u8,
            prefix: &str,
            out: &mut Vec<NumberedClause<'a>>,
        ) {
            let mut rank = 0;
            for block in blocks {
                if let Block::Clause(clause) = block {
                    rank += 1;
                    let number = if prefix.is_empty() {
                        rank.to_string()
                    } else {
                        format!("{prefix}.{rank}")
                    };
                    out.push(NumberedClause {
                        clause,
                        parent,
                        level,
                        rank,
                        number: number.clone(),
                    });
                    let me = out.len() - 1;
                    walk(
                        &clause.body,
                        Some(me),
                        level.saturating_add(1),
                        &number,
                        out,
                    );
                }
            }
        }
        let mut clauses = Vec::new();
        walk(&doc.blocks, None, 1, "", &mut clauses);
        let mut numbers = HashMap::new();
        for c in &clauses {
            numbers
                .entry(c.clause.anchor.clone())
                .or_insert_with(|| c.number.clone());
        }
        Numbering { clauses, numbers }
    }

    /// Numbers every clause of `doc`; an error when two clauses share an
    /// anchor (the first anchor repeated, in reading order) or, failing
    /// that, when a cross-reference names no clause (the first such one).
    pub fn checked(doc: &'a Document) -> Result<Numbering<'a>, DocError> {
        let numbering = Numbering::of(doc);
        let mut seen = HashSet::new();
        for c in &numbering.clauses {
            if !seen.insert(c.clause.anchor.as_str()) {
                return Err(DocError::DuplicateAnchor {
                    anchor: c.clause.anchor.clone(),
                });
            }
        }
        if let Some(anchor) = references(&doc.blocks)
            .into_iter()
            .find(|a| !numbering.numbers.contains_key(*a))
        {
            return Err(DocError::UnknownAnchor {
                anchor: anchor.clone(),
            });
        }
        Ok(numbering)
    }
}

/// The clause anchors that cross-references name, in reading order.
fn references(blocks: &[Block]) -> Vec<&String> {
    fn runs<'a>(runs: &'a [Inline], refs: &mut Vec<&'a String>) {
        for r in runs {
            if let Inline::ClauseRef(a) | Inline::PageRef(a) = r {
                refs.push(a);
            }
        }
    }
    fn walk<'a>(blocks: &'a [Block], refs: &mut Vec<&'a String>) {
        for b in blocks {
            match b {
                Block::Clause(c) => walk(&c.body, refs),
                Block::Paragraph(p) => runs(&p.runs, refs),
                Block::List(l) => l.items.iter().for_each(|i| runs(&i.runs, refs)),
                Block::Table(t) => {
                    t.header.iter().for_each(|c| runs(&c.runs, refs));
                    t.rows.iter().flatten().for_each(|c| runs(&c.runs, refs));
                }
                _ => {}
            }
        }
    }
    let mut refs = Vec::new();
    walk(blocks, &mut refs);
    refs
}

impl Document {
    /// The number of every clause by anchor ("7", "7.2"), as the layout
    /// prints them; an error when two clauses share an anchor or a
    /// cross-reference names none.
    pub fn clause_numbers(&self) -> Result<HashMap<String, String>, DocError> {
        Numbering::checked(self).map(|n| n.numbers)
    }
}

/// The label of the list item at `index` (from 0): "•", "(a)" or "1.".
pub fn item_label(kind: ListKind, index: usize) -> String {
    match kind {
        ListKind::Bulleted => "•".to_string(),
        ListKind::Lettered => format!("({})", char::from(b'a' + (index % 26) as u8)),
        ListKind::Numbered => format!("{}.", index + 1),
    }
}
