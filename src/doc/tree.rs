//! The document tree: what a contract says, before it is laid out on pages.
//!
//! A [`Document`] is a list of [`Block`]s. Clauses nest (1, 1.1, 1.1.1) and
//! are numbered by [`crate::doc::numbering`], never by hand, so that a
//! cross-reference to a clause anchor always prints the clause's real number.

/// The language a document is written in; it selects hyphenation patterns,
/// typographic rules and the words of the running header and footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    /// English (United States hyphenation patterns).
    En,
    /// French.
    Fr,
}

impl Lang {
    /// The BCP 47 tag written in the PDF catalogue (`/Lang`).
    pub fn tag(self) -> &'static str {
        self.pick("en", "fr")
    }

    /// The English or the French of a pair of words, in this language.
    pub fn pick<'a>(self, en: &'a str, fr: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Fr => fr,
        }
    }
}

/// Facts about the document as a whole: they go to the title page, the
/// running header and footer, and the PDF metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct Metadata {
    /// The document title, e.g. "Service Level Agreement".
    pub title: String,
    /// Who the document is issued by (PDF `/Author`).
    pub author: String,
    /// What the document is about (PDF `/Subject`).
    pub subject: String,
    /// The document language.
    pub lang: Lang,
    /// The contract reference printed in the header, e.g. "SLA-2026-014".
    pub reference: String,
    /// The version of the agreement, e.g. "3".
    pub version: String,
    /// The document fingerprint printed in the footer and the metadata
    /// (the hex SHA-256 of the canonical agreement, template and options).
    pub fingerprint: String,
    /// The date written as the PDF creation and modification date, as
    /// `(year, month, day)`. It comes from the agreement, never the clock.
    pub date: (u16, u8, u8),
    /// Words every page carries above its header, for a document that must
    /// say what it is wherever a page ends up (the internal edition); none
    /// for a document that needs no such mark.
    pub mark: Option<String>,
}

/// A whole document: metadata and blocks in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Document-wide facts.
    pub meta: Metadata,
    /// The content in reading order.
    pub blocks: Vec<Block>,
}

/// Character style of an inline run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Style {
    /// Upright, normal weight.
    #[default]
    Regular,
    /// Bold.
    Bold,
    /// Italic.
    Italic,
    /// Bold italic.
    BoldItalic,
}

impl Style {
    /// This style with bold added.
    pub fn bolder(self) -> Style {
        match self {
            Style::Regular | Style::Bold => Style::Bold,
            Style::Italic | Style::BoldItalic => Style::BoldItalic,
        }
    }
}

/// How a piece of text changed from one version to the next, in a
/// comparison document (see [`crate::doc::redline`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Revision {
    /// New in the later version: printed underlined, in blue.
    Inserted,
    /// Gone from the later version: printed struck through, in red.
    Deleted,
}

/// A piece of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Plain text in a style.
    Text {
        /// The text; spaces and line-break opportunities are found by the layout.
        text: String,
        /// Its style.
        style: Style,
    },
    /// A defined term (set in bold where it is defined, as contracts do).
    Term(String),
    /// A reference to a clause by its anchor; printed as the clause's number.
    ClauseRef(String),
    /// The page number on which a clause starts (filled in on the second pass).
    PageRef(String),
    /// Text inserted or deleted, in a comparison document.
    Revised {
        /// The text.
        text: String,
        /// Its style.
        style: Style,
        /// Inserted or deleted.
        revision: Revision,
    },
}

impl Inline {
    /// Plain regular text.
    pub fn text(s: impl Into<String>) -> Inline {
        Inline::Text {
            text: s.into(),
            style: Style::Regular,
        }
    }
    /// Bold text.
    pub fn bold(s: impl Into<String>) -> Inline {
        Inline::Text {
            text: s.into(),
            style: Style::Bold,
        }
    }
    /// Italic text.
    pub fn italic(s: impl Into<String>) -> Inline {
        Inline::Text {
            text: s.into(),
            style: Style::Italic,
        }
    }
}

/// Horizontal alignment of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Justified on both margins, the last line flush left (the default).
    #[default]
    Justify,
    /// Flush left, ragged right.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
}

/// A paragraph of inline runs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paragraph {
    /// The runs, in order.
    pub runs: Vec<Inline>,
    /// Alignment.
    pub align: Align,
}

impl Paragraph {
    /// A justified paragraph of the given runs.
    pub fn new(runs: Vec<Inline>) -> Paragraph {
        Paragraph {
            runs,
            align: Align::Justify,
        }
    }
    /// A justified paragraph of one plain run.
    pub fn plain(s: impl Into<String>) -> Paragraph {
        Paragraph::new(vec![Inline::text(s)])
    }
}

/// How list items are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// A bullet before each item.
    Bulleted,
    /// (a), (b), (c)… as contracts number the items of a clause.
    Lettered,
    /// 1., 2., 3.
    Numbered,
}

/// A list of paragraphs.
#[derive(Debug, Clone, PartialEq)]
pub struct List {
    /// Marker kind.
    pub kind: ListKind,
    /// The items.
    pub items: Vec<Paragraph>,
}

/// A table: a header row repeated on every page it spans, then body rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Relative column widths; they are scaled to the text width.
    pub widths: Vec<f32>,
    /// The header row (one paragraph a cell).
    pub header: Vec<Paragraph>,
    /// The body rows.
    pub rows: Vec<Vec<Paragraph>>,
}

/// One party's signature block.
#[derive(Debug, Clone, PartialEq)]
pub struct Signatory {
    /// The party, e.g. "Acme Support SAS".
    pub party: String,
    /// Label lines printed under the signature line, e.g. "Name:", "Title:", "Date:".
    pub lines: Vec<String>,
}

/// The title page.
#[derive(Debug, Clone, PartialEq)]
pub struct TitlePage {
    /// The big title.
    pub title: String,
    /// A subtitle under it.
    pub subtitle: String,
    /// Lines naming the parties ("between … and …"), centred.
    pub parties: Vec<String>,
    /// Key–value facts (reference, version, date), as a small table.
    pub facts: Vec<(String, String)>,
}

/// A block of the document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The title page; it is followed by a page break.
    TitlePage(TitlePage),
    /// The table of contents, filled with clause numbers and pages.
    TableOfContents {
        /// Its heading, e.g. "Contents" / « Sommaire ».
        title: String,
        /// Deepest clause level listed (1 lists top-level clauses only).
        depth: u8,
    },
    /// A numbered clause with its content; nested clauses are numbered under it.
    Clause(Clause),
    /// A paragraph.
    Paragraph(Paragraph),
    /// A list.
    List(List),
    /// A table.
    Table(Table),
    /// Signature blocks side by side, two a row.
    Signatures(Vec<Signatory>),
    /// Start the next block on a new page.
    PageBreak,
}

/// A numbered clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    /// The anchor cross-references use, e.g. "service-credits".
    pub anchor: String,
    /// The heading text, without its number.
    pub title: String,
    /// The content; a [`Block::Clause`] inside is a sub-clause.
    pub body: Vec<Block>,
}

impl Clause {
    /// A clause with an anchor, a title and content.
    pub fn new(anchor: impl Into<String>, title: impl Into<String>, body: Vec<Block>) -> Clause {
        Clause {
            anchor: anchor.into(),
            title: title.into(),
            body,
        }
    }
}
