//! The contract document: a document tree laid out on A4 pages by the
//! project itself and written as a PDF.
//!
//! ```text
//! tree::Document ──layout::layout──▶ layout::LaidOut ──pdf::write──▶ PDF bytes
//! ```
//!
//! The layout measures text with the real metrics of the shipped fonts,
//! breaks lines at UAX #14 opportunities, hyphenates English and French,
//! justifies, paginates with widow, orphan and keep-with-next control, and
//! adds the table of contents, running header and footer. The PDF writer
//! embeds subset fonts, a nested outline and metadata, and gives the same
//! bytes for the same input, in one process or many.
//!
//! ```
//! use pledge::doc::tree::*;
//! use pledge::doc::{export_pdf, ExportOptions};
//!
//! let doc = Document {
//!     meta: Metadata {
//!         title: "Service Level Agreement".into(),
//!         author: "Acme Support".into(),
//!         subject: "Support SLA".into(),
//!         lang: Lang::En,
//!         reference: "SLA-1".into(),
//!         version: "1".into(),
//!         fingerprint: "0".repeat(64),
//!         date: (2026, 11, 23),
//!         mark: None,
//!     },
//!     blocks: vec![Block::Clause(Clause::new(
//!         "scope",
//!         "Scope",
//!         vec![Block::Paragraph(Paragraph::plain("This Agreement covers support."))],
//!     ))],
//! };
//! let pdf = export_pdf(&doc, ExportOptions::default()).unwrap();
//! assert!(pdf.starts_with(b"%PDF-"));
//! assert_eq!(pdf, export_pdf(&doc, ExportOptions::default()).unwrap());
//! ```

pub mod contract;
pub mod docx;
pub mod fixed;
pub mod french;
pub mod html;
pub mod layout;
pub mod markdown;
pub mod numbering;
pub mod pdf;
pub mod quotes;
pub mod redline;
pub mod sample;
pub mod svg;
pub mod terms;
pub mod tree;
pub mod zip;

use crate::error::ErrorCode;
use thiserror::Error;

pub use layout::LayoutOptions as ExportOptions;

/// Why a document could not be produced.
#[derive(Debug, Clone, Error, PartialEq)]
#[non_exhaustive]
pub enum DocError {
    /// A cross-reference names a clause anchor that no clause has.
    #[error("cross-reference to unknown clause anchor `{anchor}`")]
    UnknownAnchor {
        /// The anchor referred to.
        anchor: String,
    },
    /// Two clauses share an anchor, so references to it would be ambiguous.
    #[error("clause anchor `{anchor}` is used by more than one clause")]
    DuplicateAnchor {
        /// The repeated anchor.
        anchor: String,
    },
    /// A shipped font could not be read (a broken build, not a user error).
    #[error("the shipped {style:?} font could not be parsed")]
    Font {
        /// The face concerned.
        style: tree::Style,
    },
    /// The PDF writer failed.
    #[error("PDF writing failed: {0}")]
    Pdf(String),
    /// The Word writer failed.
    #[error("Word document writing failed: {0}")]
    Word(String),
    /// A contract template failed to compile or to render.
    #[error("template {name}{}: {message}", line.map(|l| format!(", line {l}")).unwrap_or_default())]
    Template {
        /// The template file, e.g. `contract.j2`.
        name: String,
        /// The line in it, when known.
        line: Option<usize>,
        /// What went wrong.
        message: String,
    },
    /// A template produced markup the contract parser refuses.
    #[error("the markup rendered by template {template} is wrong at line {line} of its output: {message}")]
    Markup {
        /// The template rendered.
        template: String,
        /// The line of the rendered markup.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A template directory could not be read.
    #[error("template directory {path}: {message}")]
    TemplateDir {
        /// The directory.
        path: String,
        /// What went wrong.
        message: String,
    },
}

impl DocError {
    /// `template` for a template or its markup, else `document`.
    pub fn code(&self) -> ErrorCode {
        match self {
            DocError::Template { .. } | DocError::Markup { .. } | DocError::TemplateDir { .. } => {
                ErrorCode::Template
            }
            DocError::UnknownAnchor { .. }
            | DocError::DuplicateAnchor { .. }
            | DocError::Font { .. }
            | DocError::Pdf(_)
            | DocError::Word(_) => ErrorCode::Document,
        }
    }
}

/// Lays `doc` out and writes it as PDF bytes.
pub fn export_pdf(doc: &tree::Document, opts: ExportOptions) -> Result<Vec<u8>, DocError> {
    let laid = layout::layout(doc, opts)?;
    pdf::write(&laid, &doc.meta)
}
