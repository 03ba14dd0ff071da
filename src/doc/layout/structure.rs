//! The logical structure of a laid-out document, for a tagged PDF: what
//! each piece of text is (a heading, a paragraph, a list item's label, a
//! table cell, a contents entry, a link) and what it belongs to, so that a
//! screen reader reads the contract in order and a reader can reflow it.
//!
//! The builder creates the elements as it walks the document tree, in
//! reading order; each text run names its element ([`super::TextRun::node`]).
//! Running headers, footers, leaders and repeated table headers name none:
//! they are page furniture, written as artifacts.

/// What a structure element is: the standard structure types of ISO 32000-1
/// (14.8.4), so that every reader knows them without a role map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The whole document (the root element).
    Document,
    /// A clause: its heading and its body.
    Sect,
    /// A generic block (a signature block).
    Div,
    /// A heading of a level from 1 to 6.
    Heading(u8),
    /// A paragraph.
    P,
    /// A list.
    L,
    /// A list item.
    LI,
    /// A list item's label ("(a)", "1.").
    Lbl,
    /// A list item's body.
    LBody,
    /// A table.
    Table,
    /// A table row.
    TR,
    /// A header cell.
    TH,
    /// A data cell.
    TD,
    /// The table of contents.
    TOC,
    /// One entry of the table of contents.
    TOCI,
    /// A link: a cross-reference or a contents entry, with its annotation.
    Link,
}

impl Role {
    /// The structure type's name as the PDF writes it.
    pub fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::Sect => "Sect",
            Role::Div => "Div",
            Role::Heading(level) => match level.clamp(1, 6) {
                1 => "H1",
                2 => "H2",
                3 => "H3",
                4 => "H4",
                5 => "H5",
                _ => "H6",
            },
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH => "TH",
            Role::TD => "TD",
            Role::TOC => "TOC",
            Role::TOCI => "TOCI",
            Role::Link => "Link",
        }
    }
}

/// One structure element: its type and the element it belongs to (none for
/// the root). Elements are numbered by their place in
/// [`super::LaidOut::structure`], parents before children.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StructNode {
    /// What it is.
    pub role: Role,
    /// The element it belongs to.
    pub parent: Option<u32>,
}

/// Sets the element of every text run and link area in `marks` that has
/// none yet: the marks of one piece of text, once laid out.
pub(super) fn tag(marks: &mut [super::Mark], node: u32) {
    for mark in marks {
        match mark {
            super::Mark::Text(t) if t.node.is_none() => t.node = Some(node),
            super::Mark::Link { node: n, .. } if n.is_none() => *n = Some(node),
            _ => {}
        }
    }
}
