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

mod myers;

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use serde::Serialize;
use sha2::{Digest, Sha256};

use self::myers::{diff, OpKind};
use super::fixed;
use super::numbering::{NumberedClause, Numbering};
use super::tree::{
    Align, Block, Clause, Document, Inline, Lang, List, ListKind, Metadata, Paragraph, Revision,
    Signatory, Style, Table, TitlePage,
};

// ----------------------------------------------------------------------------
// The structured redline.

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
    pub place: String,
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

// ----------------------------------------------------------------------------
// The comparison document.

/// One version as the summary page names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    /// The version's label, e.g. `3`.
    pub version: String,
    /// The fingerprint of the version (SHA-256 of its canonical text).
    pub fingerprint: String,
    /// A line about it, e.g. `saved 2026-03-01 09:00 by marie: Faster P1
    /// resolution`; may be empty.
    pub note: String,
}

/// What the first page of the comparison says besides the clauses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The earlier version.
    pub before: Side,
    /// The later version.
    pub after: Side,
    /// The structured change list in the domain's words, one line a change
    /// (`P1 resolution (premium): 8h → 4h`).
    pub changes: Vec<String>,
}

/// How the comparison document is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RedlineOptions {
    /// Print an unchanged clause as its heading alone. By default its whole
    /// text is kept, since legal reads the whole contract.
    pub collapse_unchanged: bool,
}

/// The comparison document of `before` and `after`: a summary page, then
/// the later version's clauses with insertions underlined and deletions
/// struck through. Its language is the later version's.
pub fn comparison_document(
    before: &Document,
    after: &Document,
    summary: &Summary,
    opts: RedlineOptions,
) -> Document {
    let (redline, body) = Walker::new(before, after, opts.collapse_unchanged).run();
    let lang = after.meta.lang;
    let w = lang;
    let mut blocks = summary_page(w, &after.meta, summary, &redline);
    blocks.push(Block::PageBreak);
    blocks.extend(body);
    let mut hasher = Sha256::new();
    for part in [&before.meta.fingerprint, &after.meta.fingerprint] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hasher.update([u8::from(opts.collapse_unchanged)]);
    let fingerprint = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Document {
        meta: Metadata {
            title: format!(
                "{} {}",
                w.pick("Comparison:", "Comparaison :"),
                after.meta.title
            ),
            author: after.meta.author.clone(),
            subject: format!(
                "{} {} → {}",
                w.pick(
                    "Changes from version to version:",
                    "Modifications d’une version à l’autre :"
                ),
                summary.before.version,
                summary.after.version
            ),
            lang,
            reference: after.meta.reference.clone(),
            version: format!("{} → {}", summary.before.version, summary.after.version),
            fingerprint,
            date: after.meta.date,
        },
        blocks,
    }
}

fn bold_line(text: &str) -> Block {
    Block::Paragraph(Paragraph {
        runs: vec![Inline::bold(text)],
        align: Align::Left,
    })
}

fn summary_page(w: Lang, meta: &Metadata, summary: &Summary, redline: &Redline) -> Vec<Block> {
    let words = fixed::words(w);
    let version = words.version;
    let mut blocks = vec![
        bold_line(&meta.title),
        Block::Paragraph(Paragraph {
            runs: vec![Inline::bold(format!(
                "{version} {} → {version} {}",
                summary.before.version, summary.after.version
            ))],
            align: Align::Left,
        }),
    ];
    let side = |s: &Side, role: &str| {
        let mut label = format!("{version} {} ({role})", s.version);
        if !s.note.is_empty() {
            label.push('\n');
            label.push_str(&s.note);
        }
        vec![
            Paragraph {
                runs: vec![Inline::text(label)],
                align: Align::Left,
            },
            Paragraph {
                runs: vec![Inline::text(s.fingerprint.clone())],
                align: Align::Left,
            },
        ]
    };
    let head = |s: &str| Paragraph {
        runs: vec![Inline::text(s)],
        align: Align::Left,
    };
    blocks.push(Block::Table(Table {
        widths: vec![0.3, 0.7],
        header: vec![
            head(version),
            head(&format!("{} (SHA-256)", words.fingerprint)),
        ],
        rows: vec![
            side(&summary.before, w.pick("before", "avant")),
            side(&summary.after, w.pick("after", "après")),
        ],
    }));
    blocks.push(Block::Paragraph(Paragraph::new(vec![
        Inline::text(w.pick("Insertions are ", "Les ajouts sont ")),
        Inline::Revised {
            text: w.pick("underlined", "soulignés").into(),
            style: Style::Regular,
            revision: Revision::Inserted,
        },
        Inline::text(w.pick(" and deletions ", " et les suppressions ")),
        Inline::Revised {
            text: w.pick("struck through", "barrées").into(),
            style: Style::Regular,
            revision: Revision::Deleted,
        },
        Inline::text(w.pick(
            ". Clause numbers are those of the later version.",
            ". Les numéros d’articles sont ceux de la version la plus récente.",
        )),
    ])));

    blocks.push(bold_line(
        w.pick("Changes to the terms", "Modifications des conditions"),
    ));
    if summary.changes.is_empty() {
        blocks.push(Block::Paragraph(Paragraph::plain(w.pick(
            "No change to the agreement’s terms.",
            "Aucune modification des conditions du contrat.",
        ))));
    } else {
        blocks.push(Block::List(List {
            kind: ListKind::Bulleted,
            items: summary
                .changes
                .iter()
                .map(|c| Paragraph {
                    runs: vec![Inline::text(c)],
                    align: Align::Left,
                })
                .collect(),
        }));
    }

    blocks.push(bold_line(
        w.pick("Clauses that changed", "Articles modifiés"),
    ));
    let mut items = Vec::new();
    for c in redline
        .clauses
        .iter()
        .filter(|c| c.status != ClauseStatus::Unchanged)
    {
        let status = match c.status {
            ClauseStatus::Unchanged | ClauseStatus::Changed => {
                w.pick("changed", "modifié").to_owned()
            }
            ClauseStatus::Moved => format!(
                "{} {}",
                w.pick("moved from clause", "déplacé depuis l’article"),
                c.number_before.as_deref().unwrap_or("")
            ),
            ClauseStatus::Added => w.pick("new", "nouveau").to_owned(),
            ClauseStatus::Removed => w.pick("removed", "supprimé").to_owned(),
        };
        let mut runs = vec![Inline::text(format!("{} — {status}", c.heading().trim()))];
        if c.status != ClauseStatus::Removed {
            runs.push(Inline::text(w.pick(", page ", ", page ")));
            runs.push(Inline::PageRef(c.anchor.clone()));
        }
        items.push(Paragraph {
            runs,
            align: Align::Left,
        });
    }
    if redline
        .front
        .iter()
        .any(|b| !b.place.starts_with("title page"))
    {
        items.push(Paragraph::plain(w.pick(
            "text outside the clauses — changed",
            "texte hors articles — modifié",
        )));
    }
    if items.is_empty() {
        blocks.push(Block::Paragraph(Paragraph::plain(w.pick(
            "None: the two versions read the same.",
            "Aucun : les deux versions ont le même texte.",
        ))));
    } else {
        blocks.push(Block::List(List {
            kind: ListKind::Bulleted,
            items,
        }));
    }

    let title_page: Vec<&BlockRedline> = redline
        .front
        .iter()
        .filter(|b| b.place.starts_with("title page"))
        .collect();
    if !title_page.is_empty() {
        blocks.push(bold_line(w.pick("Title page", "Page de titre")));
        let items = title_page
            .iter()
            .map(|b| {
                // The title page's own lines are named in English in `place`
                // (the facts are named by the template, in the document's language).
                let key = match b.place.trim_start_matches("title page, ") {
                    "title" => w.pick("title", "titre"),
                    "subtitle" => w.pick("subtitle", "sous-titre"),
                    "parties" => w.pick("parties", "parties"),
                    fact => fact,
                };
                let mut runs = vec![Inline::italic(format!("{key}{}", w.pick(": ", " : ")))];
                runs.extend(segment_inlines(&b.segments));
                Paragraph {
                    runs,
                    align: Align::Left,
                }
            })
            .collect();
        blocks.push(Block::List(List {
            kind: ListKind::Bulleted,
            items,
        }));
    }
    blocks
}

/// Inlines for public segments (plain text, no cross-references).
fn segment_inlines(segments: &[Segment]) -> Vec<Inline> {
    segments
        .iter()
        .map(|s| match s.op {
            SegmentOp::Equal => Inline::text(s.text.clone()),
            SegmentOp::Delete => Inline::Revised {
                text: s.text.clone(),
                style: Style::Regular,
                revision: Revision::Deleted,
            },
            SegmentOp::Insert => Inline::Revised {
                text: s.text.clone(),
                style: Style::Regular,
                revision: Revision::Inserted,
            },
        })
        .collect()
}

// ----------------------------------------------------------------------------
// Words.

/// What a token stands for, besides its text.
#[derive(Debug, Clone, PartialEq)]
enum Link {
    /// Plain text.
    Plain,
    /// A cross-reference to a clause anchor (its text is the number).
    Clause(String),
    /// A page reference (no text: pages differ between documents).
    Page(String),
}

/// A word, a run of spaces or a punctuation mark, with its style.
#[derive(Debug, Clone)]
struct Token {
    text: String,
    style: Style,
    link: Link,
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

fn is_blank(t: &Token) -> bool {
    t.text.chars().all(char::is_whitespace) && t.link == Link::Plain
}

/// Whether `c` between `before` and `after` belongs to one word: decimal
/// and thousands separators and times inside figures (`99.5`, `1,250`,
/// `1 250,00`, `10:30`, `24/7`), hyphens and apostrophes inside words.
fn joins(before: char, c: char, after: char) -> bool {
    match c {
        '.' | ',' | ':' | '/' | '\u{A0}' | '\u{202F}' | '\u{2009}' => {
            before.is_numeric() && after.is_numeric()
        }
        '-' | '\u{2011}' | '\'' | '’' => before.is_alphanumeric() && after.is_alphanumeric(),
        _ => false,
    }
}

/// Splits text into words, runs of white space and single other characters.
fn split_words(text: &str) -> Vec<&str> {
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
type Segs = Vec<(SegmentOp, Vec<Token>)>;

/// The word-level diff of two token lists, tidied for reading: a run of
/// spaces between two changes joins them, and each changed region reads as
/// all its deleted words, then all its inserted words.
fn word_diff(old: &[Token], new: &[Token]) -> Segs {
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

fn flush_change(out: &mut Segs, dels: &mut Vec<Token>, ins: &mut Vec<Token>) {
    if !dels.is_empty() {
        out.push((SegmentOp::Delete, std::mem::take(dels)));
    }
    if !ins.is_empty() {
        out.push((SegmentOp::Insert, std::mem::take(ins)));
    }
}

fn has_changes(segs: &[(SegmentOp, Vec<Token>)]) -> bool {
    segs.iter().any(|(op, _)| *op != SegmentOp::Equal)
}

/// How much of two texts is kept: twice the kept words over all words.
fn likeness(segs: &[(SegmentOp, Vec<Token>)]) -> f32 {
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
const PAIRING_LIKENESS: f32 = 0.4;

fn public_segments(segs: &[(SegmentOp, Vec<Token>)]) -> Vec<Segment> {
    segs.iter()
        .map(|(op, tokens)| Segment {
            op: *op,
            text: tokens.iter().map(|t| t.text.as_str()).collect(),
        })
        .filter(|s| !s.text.is_empty())
        .collect()
}

fn whole(status: BlockStatus, place: String, text: String) -> BlockRedline {
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
fn diff_inlines(segs: &[(SegmentOp, Vec<Token>)], live: &HashSet<String>) -> Vec<Inline> {
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

// ----------------------------------------------------------------------------
// Alignment of blocks, list items and table rows.

/// How an element of the earlier sequence relates to one of the later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pair {
    Same(usize, usize),
    Changed(usize, usize),
    Removed(usize),
    Added(usize),
}

/// Aligns two sequences: equal elements by a diff, then, in each stretch
/// between equal ones, an earlier element with the first later one that
/// `pairable` accepts, keeping the order on both sides.
fn align<T: PartialEq>(old: &[T], new: &[T], pairable: impl Fn(&T, &T) -> bool) -> Vec<Pair> {
    let mut out = Vec::new();
    let ops = diff(old, new);
    let mut k = 0;
    while k < ops.len() {
        let op = &ops[k];
        if op.kind == OpKind::Equal {
            out.extend(
                op.old
                    .clone()
                    .zip(op.new.clone())
                    .map(|(i, j)| Pair::Same(i, j)),
            );
            k += 1;
            continue;
        }
        // A stretch of changes: a deletion, an insertion, or both.
        let (mut gone, mut came) = (op.old.clone(), op.new.clone());
        if let Some(next) = ops
            .get(k + 1)
            .filter(|n| n.kind == OpKind::Insert && op.kind == OpKind::Delete)
        {
            came = next.new.clone();
            k += 1;
        }
        k += 1;
        let mut next_new = came.start;
        for i in gone.by_ref() {
            match (next_new..came.end).find(|&j| pairable(&old[i], &new[j])) {
                Some(j) => {
                    out.extend((next_new..j).map(Pair::Added));
                    out.push(Pair::Changed(i, j));
                    next_new = j + 1;
                }
                None => out.push(Pair::Removed(i)),
            }
        }
        out.extend((next_new..came.end).map(Pair::Added));
    }
    out
}

// ----------------------------------------------------------------------------
// Clauses of one document.

/// A document's side of the comparison: its clauses and their numbers.
struct Version<'a> {
    nodes: Vec<NumberedClause<'a>>,
    numbers: HashMap<String, String>,
    /// The clause anchors of the comparison document (the later version's).
    live: HashSet<String>,
}

impl<'a> Version<'a> {
    fn new(doc: &'a Document) -> Version<'a> {
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

    fn tokens(&self, runs: &[Inline]) -> Vec<Token> {
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

    fn text(&self, p: &Paragraph) -> String {
        self.tokens(&p.runs)
            .iter()
            .map(|t| t.text.as_str())
            .collect()
    }

    /// A paragraph with every word marked as inserted or deleted, and its
    /// cross-references printed as this version's numbers.
    fn marked(&self, p: &Paragraph, revision: Revision) -> Paragraph {
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
fn own(blocks: &[Block]) -> Vec<&Block> {
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
fn place_of(blocks: &[&Block], i: usize) -> String {
    let kind = |b: &Block| match b {
        Block::Paragraph(_) => "paragraph",
        Block::List(_) => "list",
        Block::Table(_) => "table",
        Block::Signatures(_) => "signatures",
        _ => "block",
    };
    let mine = kind(blocks[i]);
    let rank = blocks[..=i].iter().filter(|b| kind(b) == mine).count();
    format!("{mine} {rank}")
}

/// The longest increasing subsequence of `values`, as a mask.
fn increasing(values: &[usize]) -> Vec<bool> {
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

/// The comparison of two documents, walked in the later one's order.
struct Walker<'a> {
    old_doc: &'a Document,
    new_doc: &'a Document,
    old: Version<'a>,
    new: Version<'a>,
    w: Lang,
    collapse: bool,
    /// For each clause of the later version, its clause in the earlier.
    match_new: Vec<Option<usize>>,
    /// For each clause of the earlier version, its clause in the later.
    match_old: Vec<Option<usize>>,
    /// Clauses of the later version that changed parent or order.
    moved: Vec<bool>,
    /// Removed clauses printed after a clause of the later version…
    removed_after: HashMap<usize, Vec<usize>>,
    /// …or before the first sub-clause of one (`None`: the top level).
    removed_first: HashMap<Option<usize>, Vec<usize>>,
    redline: Redline,
}

impl<'a> Walker<'a> {
    fn new(old_doc: &'a Document, new_doc: &'a Document, collapse: bool) -> Walker<'a> {
        let mut old = Version::new(old_doc);
        let new = Version::new(new_doc);
        old.live = new.live.clone();
        let mut walker = Walker {
            match_new: vec![None; new.nodes.len()],
            match_old: vec![None; old.nodes.len()],
            moved: vec![false; new.nodes.len()],
            removed_after: HashMap::new(),
            removed_first: HashMap::new(),
            old_doc,
            new_doc,
            old,
            new,
            w: new_doc.meta.lang,
            collapse,
            redline: Redline::default(),
        };
        walker.match_clauses();
        walker.find_moves();
        walker.place_removed();
        walker
    }

    fn pair(&mut self, o: usize, n: usize) {
        self.match_old[o] = Some(n);
        self.match_new[n] = Some(o);
    }

    /// Anchors first; then a heading found once among the clauses left on
    /// each side (an anchor renamed, the clause kept).
    fn match_clauses(&mut self) {
        let mut by_anchor: HashMap<&str, usize> = HashMap::new();
        for (o, node) in self.old.nodes.iter().enumerate() {
            by_anchor.entry(node.clause.anchor.as_str()).or_insert(o);
        }
        for n in 0..self.new.nodes.len() {
            if let Some(&o) = by_anchor.get(self.new.nodes[n].clause.anchor.as_str()) {
                if self.match_old[o].is_none() {
                    self.pair(o, n);
                }
            }
        }
        let count = |titles: Vec<&'a str>| {
            let mut c: HashMap<&'a str, usize> = HashMap::new();
            for t in titles {
                *c.entry(t).or_default() += 1;
            }
            c
        };
        let old_left: Vec<usize> = (0..self.old.nodes.len())
            .filter(|&o| self.match_old[o].is_none())
            .collect();
        let new_left: Vec<usize> = (0..self.new.nodes.len())
            .filter(|&n| self.match_new[n].is_none())
            .collect();
        let old_titles = count(
            old_left
                .iter()
                .map(|&o| self.old.nodes[o].clause.title.as_str())
                .collect(),
        );
        let new_titles = count(
            new_left
                .iter()
                .map(|&n| self.new.nodes[n].clause.title.as_str())
                .collect(),
        );
        for &n in &new_left {
            let title = self.new.nodes[n].clause.title.as_str();
            if old_titles.get(title) == Some(&1) && new_titles.get(title) == Some(&1) {
                if let Some(&o) = old_left
                    .iter()
                    .find(|&&o| self.old.nodes[o].clause.title == title)
                {
                    self.pair(o, n);
                }
            }
        }
    }

    /// A matched clause is moved when its parent is not its old parent's
    /// match, or when it is out of order among the siblings that kept
    /// their parent (those off a longest run in the old order).
    fn find_moves(&mut self) {
        let mut groups: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
        for (n, node) in self.new.nodes.iter().enumerate() {
            let Some(o) = self.match_new[n] else { continue };
            let same_parent = match (node.parent, self.old.nodes[o].parent) {
                (None, None) => true,
                (Some(p), Some(q)) => self.match_new[p] == Some(q),
                _ => false,
            };
            if same_parent {
                groups.entry(node.parent).or_default().push(n);
            } else {
                self.moved[n] = true;
            }
        }
        for siblings in groups.values() {
            let ranks: Vec<usize> = siblings
                .iter()
                .filter_map(|&n| self.match_new[n])
                .map(|o| self.old.nodes[o].rank)
                .collect();
            for (&n, keep) in siblings.iter().zip(increasing(&ranks)) {
                self.moved[n] = !keep;
            }
        }
    }

    /// A removed clause is printed where it stood: after the nearest
    /// earlier sibling still under the same parent, else before the
    /// parent's first sub-clause. One inside a removed clause is printed
    /// with it.
    fn place_removed(&mut self) {
        for o in 0..self.old.nodes.len() {
            if self.match_old[o].is_some() {
                continue;
            }
            let parent = self.old.nodes[o].parent;
            let target = match parent {
                None => None,
                Some(p) => match self.match_old[p] {
                    Some(q) => Some(q),
                    None => continue,
                },
            };
            let anchor = (0..o)
                .rev()
                .filter(|&s| self.old.nodes[s].parent == parent)
                .find_map(|s| self.match_old[s].filter(|&m| self.new.nodes[m].parent == target));
            match anchor {
                Some(m) => self.removed_after.entry(m).or_default().push(o),
                None => self.removed_first.entry(target).or_default().push(o),
            }
        }
    }

    fn run(mut self) -> (Redline, Vec<Block>) {
        self.title_page();
        let (old_doc, new_doc) = (self.old_doc, self.new_doc);
        let (content, changes) = self.body(None, &old_doc.blocks, &new_doc.blocks);
        self.redline.front.extend(changes);
        (self.redline, content.into_iter().map(|(_, b)| b).collect())
    }

    fn title_page(&mut self) {
        let find = |doc: &'a Document| {
            doc.blocks.iter().find_map(|b| match b {
                Block::TitlePage(t) => Some(t),
                _ => None,
            })
        };
        let empty = TitlePage {
            title: String::new(),
            subtitle: String::new(),
            parties: vec![],
            facts: vec![],
        };
        let (old, new) = (
            find(self.old_doc).unwrap_or(&empty),
            find(self.new_doc).unwrap_or(&empty),
        );
        let mut lines: Vec<(String, String, String)> = vec![
            ("title".into(), old.title.clone(), new.title.clone()),
            (
                "subtitle".into(),
                old.subtitle.clone(),
                new.subtitle.clone(),
            ),
            (
                "parties".into(),
                old.parties.join(" "),
                new.parties.join(" "),
            ),
        ];
        for (key, value) in &new.facts {
            let before = old
                .facts
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            lines.push((key.clone(), before, value.clone()));
        }
        for (key, value) in old
            .facts
            .iter()
            .filter(|(k, _)| !new.facts.iter().any(|(n, _)| n == k))
        {
            lines.push((key.clone(), value.clone(), String::new()));
        }
        for (key, before, after) in lines {
            let segs = word_diff(
                &self.old.tokens(&[Inline::text(before.clone())]),
                &self.new.tokens(&[Inline::text(after.clone())]),
            );
            if has_changes(&segs) {
                let status = if before.is_empty() {
                    BlockStatus::Added
                } else if after.is_empty() {
                    BlockStatus::Removed
                } else {
                    BlockStatus::Changed
                };
                let segments = public_segments(&segs);
                self.redline.front.push(BlockRedline {
                    place: format!("title page, {key}"),
                    status,
                    segments,
                });
            }
        }
    }

    fn new_node(&self, clause: &Clause) -> Option<usize> {
        self.new
            .nodes
            .iter()
            .position(|n| std::ptr::eq(n.clause, clause))
    }

    fn old_node(&self, clause: &Clause) -> Option<usize> {
        self.old
            .nodes
            .iter()
            .position(|n| std::ptr::eq(n.clause, clause))
    }

    /// The content of a clause of the later version (`parent`, or the top
    /// level), compared with `old_blocks`: its own blocks, marked `true`,
    /// in the later order with removed ones where they stood; its
    /// sub-clauses and the removed ones, marked `false`. Also the changes
    /// of its own blocks.
    fn body(
        &mut self,
        parent: Option<usize>,
        old_blocks: &'a [Block],
        new_blocks: &'a [Block],
    ) -> (Vec<(bool, Block)>, Vec<BlockRedline>) {
        let (old_own, new_own) = (own(old_blocks), own(new_blocks));
        let pairs = align(&old_own, &new_own, |a, b| self.pairable(a, b));
        let mut changes = Vec::new();
        let mut rendered: Vec<(Option<usize>, Vec<Block>)> = Vec::new();
        for pair in pairs {
            rendered.push(match pair {
                Pair::Same(_, j) => (Some(j), vec![new_own[j].clone()]),
                Pair::Changed(i, j) => (
                    Some(j),
                    self.changed(old_own[i], new_own[j], &place_of(&new_own, j), &mut changes),
                ),
                Pair::Removed(i) => (
                    None,
                    whole_block(
                        &self.old,
                        old_own[i],
                        Revision::Deleted,
                        &place_of(&old_own, i),
                        &mut changes,
                    ),
                ),
                Pair::Added(j) => (
                    Some(j),
                    whole_block(
                        &self.new,
                        new_own[j],
                        Revision::Inserted,
                        &place_of(&new_own, j),
                        &mut changes,
                    ),
                ),
            });
        }
        let mut out: Vec<(bool, Block)> = Vec::new();
        let mut pending = rendered.into_iter();
        let mut own_index = 0;
        let mut first_clause = true;
        for block in new_blocks {
            match block {
                Block::Clause(clause) => {
                    if std::mem::take(&mut first_clause) {
                        self.emit_removed_first(parent, &mut out);
                    }
                    let Some(n) = self.new_node(clause) else {
                        continue;
                    };
                    let rendered = self.clause(n);
                    out.push((false, rendered));
                    for o in self.removed_after.remove(&n).unwrap_or_default() {
                        out.extend(self.removed_clause(o).into_iter().map(|b| (false, b)));
                    }
                }
                Block::TitlePage(_) | Block::TableOfContents { .. } => {}
                _ => {
                    for (index, blocks) in pending.by_ref() {
                        out.extend(blocks.into_iter().map(|b| (true, b)));
                        if index == Some(own_index) {
                            break;
                        }
                    }
                    own_index += 1;
                }
            }
        }
        for (_, blocks) in pending {
            out.extend(blocks.into_iter().map(|b| (true, b)));
        }
        if first_clause {
            self.emit_removed_first(parent, &mut out);
        }
        (out, changes)
    }

    fn emit_removed_first(&mut self, parent: Option<usize>, out: &mut Vec<(bool, Block)>) {
        for o in self.removed_first.remove(&parent).unwrap_or_default() {
            out.extend(self.removed_clause(o).into_iter().map(|b| (false, b)));
        }
    }

    fn note(&self, runs: Vec<Inline>) -> Block {
        Block::Paragraph(Paragraph {
            runs,
            align: Align::Left,
        })
    }

    /// A clause of the later version as the comparison prints it.
    fn clause(&mut self, n: usize) -> Block {
        let (clause, level, number) = {
            let node = &self.new.nodes[n];
            (node.clause, node.level, node.number.clone())
        };
        let o = self.match_new[n];
        let old_clause = o.map(|o| self.old.nodes[o].clause);
        let entry = self.redline.clauses.len();
        self.redline.clauses.push(ClauseRedline {
            anchor: clause.anchor.clone(),
            status: ClauseStatus::Unchanged,
            level,
            number_before: o.map(|o| self.old.nodes[o].number.clone()),
            number_after: Some(number),
            title_before: old_clause.map(|c| c.title.clone()),
            title_after: Some(clause.title.clone()),
            blocks: Vec::new(),
        });
        let mut notes = Vec::new();
        let mut changes = Vec::new();
        if let Some(old_clause) = old_clause.filter(|c| c.title != clause.title) {
            let segs = word_diff(
                &self.old.tokens(&[Inline::text(old_clause.title.clone())]),
                &self.new.tokens(&[Inline::text(clause.title.clone())]),
            );
            let mut runs = vec![Inline::italic(self.w.pick("Heading: ", "Intitulé : "))];
            runs.extend(diff_inlines(&segs, &self.new.live));
            notes.push(self.note(runs));
            changes.push(BlockRedline {
                place: "heading".into(),
                status: BlockStatus::Changed,
                segments: public_segments(&segs),
            });
        }
        let old_body: &'a [Block] = old_clause.map_or(&[], |c| c.body.as_slice());
        let (content, own_changes) = self.body(Some(n), old_body, &clause.body);
        changes.extend(own_changes);
        let status = match o {
            None => ClauseStatus::Added,
            Some(_) if self.moved[n] => ClauseStatus::Moved,
            Some(_) if !changes.is_empty() => ClauseStatus::Changed,
            Some(_) => ClauseStatus::Unchanged,
        };
        match (status, o) {
            (ClauseStatus::Added, _) => notes.insert(
                0,
                self.note(vec![Inline::Revised {
                    text: self.w.pick("New clause.", "Nouvel article.").into(),
                    style: Style::Italic,
                    revision: Revision::Inserted,
                }]),
            ),
            (ClauseStatus::Moved, Some(o)) => {
                let from = format!(
                    "{} {}.",
                    self.w.pick("Moved from clause", "Déplacé depuis l’article"),
                    self.old.nodes[o].number
                );
                notes.insert(0, self.note(vec![Inline::italic(from)]));
            }
            _ => {}
        }
        self.redline.clauses[entry].status = status;
        self.redline.clauses[entry].blocks = changes;
        let keep_own = !(self.collapse && status == ClauseStatus::Unchanged);
        let mut body: Vec<Block> = notes;
        if !keep_own && content.iter().any(|(own, _)| *own) {
            body.push(self.note(vec![Inline::italic(self.w.pick("Unchanged.", "Inchangé."))]));
        }
        body.extend(
            content
                .into_iter()
                .filter(|(own, _)| keep_own || !own)
                .map(|(_, b)| b),
        );
        Block::Clause(Clause {
            anchor: clause.anchor.clone(),
            title: clause.title.clone(),
            body,
        })
    }

    /// A clause of the earlier version only, struck through where it stood,
    /// with its removed sub-clauses.
    fn removed_clause(&mut self, o: usize) -> Vec<Block> {
        let (clause, level, number) = {
            let node = &self.old.nodes[o];
            (node.clause, node.level, node.number.clone())
        };
        let entry = self.redline.clauses.len();
        self.redline.clauses.push(ClauseRedline {
            anchor: clause.anchor.clone(),
            status: ClauseStatus::Removed,
            level,
            number_before: Some(number.clone()),
            number_after: None,
            title_before: Some(clause.title.clone()),
            title_after: None,
            blocks: Vec::new(),
        });
        let mut out = vec![Block::Paragraph(Paragraph {
            runs: vec![Inline::Revised {
                text: format!("{number} {}", clause.title),
                style: Style::Bold,
                revision: Revision::Deleted,
            }],
            align: Align::Left,
        })];
        let mut changes = Vec::new();
        let own_blocks = own(&clause.body);
        let mut own_index = 0;
        for block in &clause.body {
            match block {
                Block::Clause(child) => {
                    if let Some(c) = self
                        .old_node(child)
                        .filter(|&c| self.match_old[c].is_none())
                    {
                        out.extend(self.removed_clause(c));
                    }
                }
                Block::TitlePage(_) | Block::TableOfContents { .. } => {}
                _ => {
                    let place = place_of(&own_blocks, own_index);
                    out.extend(whole_block(
                        &self.old,
                        block,
                        Revision::Deleted,
                        &place,
                        &mut changes,
                    ));
                    own_index += 1;
                }
            }
        }
        self.redline.clauses[entry].blocks = changes;
        out
    }

    fn paragraph_diff(&self, a: &Paragraph, b: &Paragraph) -> Segs {
        word_diff(&self.old.tokens(&a.runs), &self.new.tokens(&b.runs))
    }

    fn alike(&self, a: &Paragraph, b: &Paragraph) -> bool {
        likeness(&self.paragraph_diff(a, b)) >= PAIRING_LIKENESS
    }

    fn pairable(&self, a: &Block, b: &Block) -> bool {
        match (a, b) {
            (Block::Paragraph(a), Block::Paragraph(b)) => self.alike(a, b),
            (Block::Table(a), Block::Table(b)) => a.header.len() == b.header.len(),
            (Block::List(_), Block::List(_)) | (Block::Signatures(_), Block::Signatures(_)) => true,
            _ => false,
        }
    }

    /// A paragraph of the later version compared with one of the earlier;
    /// its change, if any, is recorded at `place`.
    fn changed_paragraph(
        &self,
        a: &Paragraph,
        b: &Paragraph,
        place: String,
        changes: &mut Vec<BlockRedline>,
    ) -> Paragraph {
        let segs = self.paragraph_diff(a, b);
        if !has_changes(&segs) {
            return b.clone();
        }
        changes.push(BlockRedline {
            place,
            status: BlockStatus::Changed,
            segments: public_segments(&segs),
        });
        Paragraph {
            runs: diff_inlines(&segs, &self.new.live),
            align: b.align,
        }
    }

    /// Two paired blocks of the same kind, compared.
    fn changed(
        &self,
        a: &Block,
        b: &Block,
        place: &str,
        changes: &mut Vec<BlockRedline>,
    ) -> Vec<Block> {
        match (a, b) {
            (Block::Paragraph(pa), Block::Paragraph(pb)) => {
                vec![Block::Paragraph(self.changed_paragraph(
                    pa,
                    pb,
                    place.to_owned(),
                    changes,
                ))]
            }
            (Block::List(la), Block::List(lb)) => {
                let mut items = Vec::new();
                for pair in align(&la.items, &lb.items, |x, y| self.alike(x, y)) {
                    items.push(match pair {
                        Pair::Same(_, j) => lb.items[j].clone(),
                        Pair::Changed(i, j) => self.changed_paragraph(
                            &la.items[i],
                            &lb.items[j],
                            format!("{place}, item {}", j + 1),
                            changes,
                        ),
                        Pair::Removed(i) => {
                            changes.push(whole(
                                BlockStatus::Removed,
                                format!("{place}, item {}", i + 1),
                                self.old.text(&la.items[i]),
                            ));
                            self.old.marked(&la.items[i], Revision::Deleted)
                        }
                        Pair::Added(j) => {
                            changes.push(whole(
                                BlockStatus::Added,
                                format!("{place}, item {}", j + 1),
                                self.new.text(&lb.items[j]),
                            ));
                            self.new.marked(&lb.items[j], Revision::Inserted)
                        }
                    });
                }
                vec![Block::List(List {
                    kind: lb.kind,
                    items,
                })]
            }
            (Block::Table(ta), Block::Table(tb)) => {
                vec![Block::Table(self.changed_table(ta, tb, place, changes))]
            }
            (Block::Signatures(sa), Block::Signatures(sb)) => {
                let mut out = Vec::new();
                let parties = |s: &[Signatory]| {
                    Paragraph::plain(
                        s.iter()
                            .map(|p| p.party.as_str())
                            .collect::<Vec<_>>()
                            .join("; "),
                    )
                };
                let (pa, pb) = (parties(sa), parties(sb));
                let segs = self.paragraph_diff(&pa, &pb);
                if has_changes(&segs) {
                    changes.push(BlockRedline {
                        place: format!("{place}, parties"),
                        status: BlockStatus::Changed,
                        segments: public_segments(&segs),
                    });
                    let mut runs = vec![Inline::italic(
                        self.w.pick("Signatories: ", "Signataires : "),
                    )];
                    runs.extend(diff_inlines(&segs, &self.new.live));
                    out.push(self.note(runs));
                }
                out.push(b.clone());
                out
            }
            _ => {
                let mut out = whole_block(&self.old, a, Revision::Deleted, place, changes);
                out.extend(whole_block(
                    &self.new,
                    b,
                    Revision::Inserted,
                    place,
                    changes,
                ));
                out
            }
        }
    }

    fn changed_table(
        &self,
        ta: &Table,
        tb: &Table,
        place: &str,
        changes: &mut Vec<BlockRedline>,
    ) -> Table {
        let header = ta
            .header
            .iter()
            .zip(&tb.header)
            .enumerate()
            .map(|(c, (x, y))| {
                self.changed_paragraph(x, y, format!("{place}, header, column {}", c + 1), changes)
            })
            .collect();
        let row_text = |v: &Version, row: &[Paragraph]| {
            row.iter()
                .map(|p| v.text(p))
                .collect::<Vec<_>>()
                .join(" | ")
        };
        let row_pairable = |x: &Vec<Paragraph>, y: &Vec<Paragraph>| {
            let first = |v: &Version, row: &[Paragraph]| row.first().map(|p| v.text(p));
            first(&self.old, x) == first(&self.new, y)
                || self.alike(
                    &Paragraph::plain(row_text(&self.old, x)),
                    &Paragraph::plain(row_text(&self.new, y)),
                )
        };
        let mut rows = Vec::new();
        for pair in align(&ta.rows, &tb.rows, row_pairable) {
            rows.push(match pair {
                Pair::Same(_, j) => tb.rows[j].clone(),
                Pair::Changed(i, j) => (0..tb.rows[j].len())
                    .map(|c| match ta.rows[i].get(c) {
                        Some(x) => self.changed_paragraph(
                            x,
                            &tb.rows[j][c],
                            format!("{place}, row {}, column {}", j + 1, c + 1),
                            changes,
                        ),
                        None => self.new.marked(&tb.rows[j][c], Revision::Inserted),
                    })
                    .collect(),
                Pair::Removed(i) => {
                    changes.push(whole(
                        BlockStatus::Removed,
                        format!("{place}, row {}", i + 1),
                        row_text(&self.old, &ta.rows[i]),
                    ));
                    ta.rows[i]
                        .iter()
                        .map(|p| self.old.marked(p, Revision::Deleted))
                        .collect()
                }
                Pair::Added(j) => {
                    changes.push(whole(
                        BlockStatus::Added,
                        format!("{place}, row {}", j + 1),
                        row_text(&self.new, &tb.rows[j]),
                    ));
                    tb.rows[j]
                        .iter()
                        .map(|p| self.new.marked(p, Revision::Inserted))
                        .collect()
                }
            });
        }
        Table {
            widths: tb.widths.clone(),
            header,
            rows,
        }
    }
}

/// A block of one version only, every word marked; its text is recorded
/// at `place` as added or removed.
fn whole_block(
    v: &Version,
    block: &Block,
    revision: Revision,
    place: &str,
    changes: &mut Vec<BlockRedline>,
) -> Vec<Block> {
    let status = if revision == Revision::Inserted {
        BlockStatus::Added
    } else {
        BlockStatus::Removed
    };
    match block {
        Block::Paragraph(p) => {
            changes.push(whole(status, place.to_owned(), v.text(p)));
            vec![Block::Paragraph(v.marked(p, revision))]
        }
        Block::List(l) => {
            for (k, item) in l.items.iter().enumerate() {
                changes.push(whole(
                    status,
                    format!("{place}, item {}", k + 1),
                    v.text(item),
                ));
            }
            vec![Block::List(List {
                kind: l.kind,
                items: l.items.iter().map(|p| v.marked(p, revision)).collect(),
            })]
        }
        Block::Table(t) => {
            let line = |row: &[Paragraph]| {
                row.iter()
                    .map(|p| v.text(p))
                    .collect::<Vec<_>>()
                    .join(" | ")
            };
            changes.push(whole(status, format!("{place}, header"), line(&t.header)));
            for (r, row) in t.rows.iter().enumerate() {
                changes.push(whole(status, format!("{place}, row {}", r + 1), line(row)));
            }
            let mark = |row: &[Paragraph]| {
                row.iter()
                    .map(|p| v.marked(p, revision))
                    .collect::<Vec<_>>()
            };
            vec![Block::Table(Table {
                widths: t.widths.clone(),
                header: mark(&t.header),
                rows: t.rows.iter().map(|r| mark(r)).collect(),
            })]
        }
        Block::Signatures(s) => {
            let names = s
                .iter()
                .map(|p| p.party.as_str())
                .collect::<Vec<_>>()
                .join("; ");
            changes.push(whole(status, format!("{place}, parties"), names.clone()));
            let line = Block::Paragraph(Paragraph {
                runs: vec![Inline::Revised {
                    text: names,
                    style: Style::Bold,
                    revision,
                }],
                align: Align::Left,
            });
            match revision {
                Revision::Inserted => vec![line, block.clone()],
                Revision::Deleted => vec![line],
            }
        }
        Block::PageBreak if revision == Revision::Inserted => vec![Block::PageBreak],
        _ => Vec::new(),
    }
}
