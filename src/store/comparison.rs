//! The comparison of two saved versions as documents, one function for
//! every front end (`pledge store diff` and the app's redline screen and
//! PDF): both contracts rendered with the same options, the summary page's
//! line about each version, the redline (as the comparison screen shows it
//! too), the comparison PDF and its record.
//! The same two versions give the same PDF bytes whoever asks.

use crate::error::ErrorCode;
use schemars::JsonSchema;
use serde::Serialize;

use super::{Comparison, ExportedDocument, StoreError, VersionInfo};
use crate::doc::contract::{self, ContractOptions};
use crate::doc::redline::{self, BlockRedline, Redline, RedlineOptions, Side, Summary};
use crate::doc::tree::{Document, Lang};
use crate::doc::DocError;

/// Why two versions cannot be compared as documents.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ComparisonError {
    /// A version's text could not be read back from the store.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A version's contract could not be rendered.
    #[error("version {version} cannot be rendered: {source}")]
    Render {
        /// The version's number.
        version: u32,
        /// The renderer's error.
        source: DocError,
    },
}

impl ComparisonError {
    /// The store's code, or `document` for a version that cannot be
    /// rendered.
    pub fn code(&self) -> ErrorCode {
        match self {
            ComparisonError::Store(e) => e.code(),
            ComparisonError::Render { source, .. } => source.code(),
        }
    }
}

/// Two versions' contracts, rendered for comparison, with their summary.
#[derive(Debug, Clone)]
pub struct VersionComparison {
    /// The earlier version's number.
    pub from: u32,
    /// The later version's number.
    pub to: u32,
    /// The earlier version's contract.
    pub before: Document,
    /// The later version's contract.
    pub after: Document,
    /// What the comparison's first page says besides the clauses.
    pub summary: Summary,
    /// Who made the later version, and when: the author and time of the
    /// Word comparison's tracked changes.
    pub revised_by: crate::doc::docx::RevisionAuthor,
}

/// The summary page's line about a version: when (UTC), who and why.
pub fn version_note(v: &VersionInfo) -> String {
    format!(
        "{} · {} · {}",
        v.saved_at.format("%Y-%m-%d %H:%M UTC"),
        v.author,
        v.message
    )
}

fn side(v: &VersionInfo) -> Side {
    Side {
        version: v.number.to_string(),
        fingerprint: v.fingerprint.clone(),
        note: version_note(v),
    }
}

impl VersionComparison {
    /// Renders both versions of `comparison` in `lang` (each in its own
    /// language when `None`), with the same options so that only the
    /// agreement differs between the two documents.
    pub fn render(comparison: &Comparison, lang: Option<Lang>) -> Result<Self, ComparisonError> {
        let opts = ContractOptions {
            lang,
            ..ContractOptions::default()
        };
        // Each contract is dated by its version's save, as its own export
        // would be; the comparison document takes the later one's.
        let render = |v: &super::Version| -> Result<Document, ComparisonError> {
            let dated = ContractOptions {
                issued: Some(v.info.saved_at.date_naive()),
                ..opts.clone()
            };
            contract::render(&v.agreement()?, &dated).map_err(|source| ComparisonError::Render {
                version: v.info.number,
                source,
            })
        };
        let (earlier, later) = (
            comparison.before.agreement()?,
            comparison.after.agreement()?,
        );
        // The change list speaks the comparison's language: the later
        // document's, which `lang` chose or its agreement's own.
        let said_in = opts.lang_for(&later);
        let changes = comparison
            .changes
            .iter()
            .map(|c| super::describe(c, said_in, &earlier, &later))
            .collect();
        Ok(VersionComparison {
            from: comparison.before.info.number,
            to: comparison.after.info.number,
            before: render(&comparison.before)?,
            after: render(&comparison.after)?,
            summary: Summary {
                before: side(&comparison.before.info),
                after: side(&comparison.after.info),
                changes,
            },
            revised_by: crate::doc::docx::RevisionAuthor {
                author: comparison.after.info.author.clone(),
                date: comparison
                    .after
                    .info
                    .saved_at
                    .format("%Y-%m-%dT%H:%M:%SZ")
                    .to_string(),
            },
        })
    }

    /// The clause-level redline of the two contracts.
    pub fn redline(&self) -> Redline {
        redline::compare(&self.before, &self.after)
    }

    /// The redline as the app's comparison screen shows it.
    pub fn view(&self) -> RedlineView {
        let red = self.redline();
        RedlineView {
            from: self.from,
            to: self.to,
            unchanged: red.is_unchanged(),
            front: red.front.iter().map(block).collect(),
            clauses: red
                .clauses
                .iter()
                .map(|cl| RedlineClause {
                    anchor: cl.anchor.clone(),
                    status: word(&cl.status),
                    level: cl.level,
                    heading: cl.heading().trim().to_string(),
                    number_before: cl.number_before.clone(),
                    blocks: cl.blocks.iter().map(block).collect(),
                })
                .collect(),
        }
    }

    /// The comparison PDF: the summary page, then the later version's
    /// clauses with insertions underlined and deletions struck through.
    pub fn pdf(&self, collapse_unchanged: bool) -> Result<Vec<u8>, DocError> {
        let document = redline::comparison_document(
            &self.before,
            &self.after,
            &self.summary,
            RedlineOptions { collapse_unchanged },
        );
        crate::doc::export_pdf(&document, crate::doc::ExportOptions::default())
    }

    /// The comparison as a Word document: the same pages as [`Self::pdf`],
    /// the insertions and deletions as Word's tracked changes by the later
    /// version's author at its save, so Word's review pane lists them.
    pub fn docx(&self, collapse_unchanged: bool) -> Result<Vec<u8>, DocError> {
        let document = redline::comparison_document(
            &self.before,
            &self.after,
            &self.summary,
            RedlineOptions { collapse_unchanged },
        );
        crate::doc::docx::write(
            &document,
            &crate::doc::docx::DocxOptions {
                draft: false,
                revisions: Some(self.revised_by.clone()),
            },
        )
    }

    /// The record of this comparison's PDF ([`record`]).
    pub fn record(&self, bytes: &[u8], collapse_unchanged: bool) -> ExportedDocument {
        record(
            self.from,
            self.to,
            self.after.meta.lang,
            collapse_unchanged,
            bytes,
        )
    }

    /// The record of this comparison's Word document.
    pub fn record_docx(&self, bytes: &[u8], collapse_unchanged: bool) -> ExportedDocument {
        ExportedDocument {
            kind: "comparison-docx".into(),
            ..self.record(bytes, collapse_unchanged)
        }
    }
}

/// The record of a comparison PDF of versions `from` and `to`, kept
/// against the later version so that the file can be traced.
pub fn record(
    from: u32,
    to: u32,
    lang: Lang,
    collapse_unchanged: bool,
    bytes: &[u8],
) -> ExportedDocument {
    ExportedDocument {
        kind: "comparison-pdf".into(),
        fingerprint: super::fingerprint(bytes),
        options: serde_json::json!({
            "from": from,
            "to": to,
            "lang": lang.tag(),
            "collapse_unchanged": collapse_unchanged,
        }),
    }
}

/// What a segment of redline text does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SegmentOp {
    /// In both versions.
    Equal,
    /// In the earlier version only (struck through).
    Delete,
    /// In the later version only (underlined).
    Insert,
}

/// A piece of redline text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RedlineSegment {
    /// Kept, deleted or inserted.
    pub op: SegmentOp,
    /// The text.
    pub text: String,
}

/// A block (paragraph, list item, table cell…) that changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RedlineBlock {
    /// Where it is in its clause, as steps the UI names in its language
    /// (`list 1`, then `item 3`).
    pub place: Vec<crate::doc::redline::PlaceStep>,
    /// `changed`, `added` or `removed`.
    pub status: String,
    /// Its text in order.
    pub segments: Vec<RedlineSegment>,
}

/// One clause of the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RedlineClause {
    /// Its anchor.
    pub anchor: String,
    /// `unchanged`, `changed`, `moved`, `added` or `removed`.
    pub status: String,
    /// Nesting level, 1 for top-level clauses.
    pub level: u8,
    /// Number and title as the comparison prints them (the later version's).
    pub heading: String,
    /// Its number in the earlier version, for a moved clause.
    pub number_before: Option<String>,
    /// The changed blocks of its own text.
    pub blocks: Vec<RedlineBlock>,
}

/// The clause-level redline of two versions' contracts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RedlineView {
    /// The earlier version.
    pub from: u32,
    /// The later version.
    pub to: u32,
    /// Whether the two contracts read the same.
    pub unchanged: bool,
    /// Changes outside the clauses (title page, signatures).
    pub front: Vec<RedlineBlock>,
    /// Every clause in the later version's order, removed ones where they stood.
    pub clauses: Vec<RedlineClause>,
}

fn segments(b: &BlockRedline) -> Vec<RedlineSegment> {
    b.segments
        .iter()
        .map(|s| RedlineSegment {
            op: match s.op {
                redline::SegmentOp::Equal => SegmentOp::Equal,
                redline::SegmentOp::Delete => SegmentOp::Delete,
                redline::SegmentOp::Insert => SegmentOp::Insert,
            },
            text: s.text.clone(),
        })
        .collect()
}

/// A serialised enum's name (`changed`, `added`…).
fn word<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn block(b: &BlockRedline) -> RedlineBlock {
    RedlineBlock {
        place: b.place.steps().to_vec(),
        status: word(&b.status),
        segments: segments(b),
    }
}
