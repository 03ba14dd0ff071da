//! Lays a [`Document`] out on A4 pages.
//!
//! The engine works in two steps. Blocks become *chunks*: vertical boxes
//! (a line of text, a table row, a heading) that carry whether a page may
//! break after them. Pagination then fills pages with chunks, moving the
//! chunks after the last allowed break to the next page when one does not
//! fit. Widow and orphan control, headings kept with what follows and table
//! rows kept whole are all expressed as "no break after this chunk".
//!
//! Page numbers appear in the table of contents before pagination is known,
//! so the document is laid out again with the page numbers of the previous
//! pass until they stop changing (twice in practice).

mod blocks;
mod decorate;
pub(crate) mod fonts;
pub(crate) mod hyphen;
mod paginate;
pub mod structure;
pub(crate) mod text;

use std::collections::HashMap;

use self::blocks::Builder;
use self::decorate::decorate;
use self::fonts::Metrics;
use self::paginate::paginate;
use crate::doc::numbering::Numbering;
use crate::doc::tree::{Document, Style};
use crate::doc::DocError;

/// A4 width in points.
pub const PAGE_WIDTH: f32 = 595.276;
/// A4 height in points.
pub const PAGE_HEIGHT: f32 = 841.89;
const MARGIN_LEFT: f32 = 72.0;
const MARGIN_RIGHT: f32 = 72.0;
const MARGIN_TOP: f32 = 72.0;
const MARGIN_BOTTOM: f32 = 68.0;
const TEXT_WIDTH: f32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
const CONTENT_TOP: f32 = PAGE_HEIGHT - MARGIN_TOP;
const CONTENT_HEIGHT: f32 = CONTENT_TOP - MARGIN_BOTTOM;

const BODY_SIZE: f32 = 10.5;
const BODY_LEADING: f32 = 14.0;
const TABLE_SIZE: f32 = 9.5;
const TABLE_LEADING: f32 = 12.0;
const CELL_PAD: f32 = 4.0;
const PARAGRAPH_GAP: f32 = 6.0;
const LIST_INDENT: f32 = 24.0;
const RULE_GREY: f32 = 0.55;
/// Inserted text: blue, underlined; deleted text: red, struck through.
/// The colours are those of a lawyer's blackline, and the lines keep the
/// meaning when the page is printed in black and white.
const INSERTED_RGB: [f32; 3] = [0.05, 0.25, 0.7];
const DELETED_RGB: [f32; 3] = [0.75, 0.1, 0.1];

/// Layout options that change what is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LayoutOptions {
    /// Print a diagonal DRAFT / PROJET watermark on every page.
    pub draft: bool,
}

/// A text run placed on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Left end of the baseline, in points from the page's left edge.
    pub x: f32,
    /// Baseline, in points from the page's bottom edge.
    pub y: f32,
    /// Font size in points.
    pub size: f32,
    /// Face of the family.
    pub style: Style,
    /// Grey level of the text, 0 black to 1 white.
    pub grey: f32,
    /// A colour that replaces the grey level, as red, green, blue from 0 to 1
    /// (revisions in a comparison document).
    pub rgb: Option<[f32; 3]>,
    /// The text.
    pub text: String,
    /// Extra width added after each ASCII space (justification), in points.
    pub space_extra: f32,
    /// Rotation in degrees, counter-clockwise (the watermark).
    pub angle: f32,
    /// The structure element the text belongs to, by its place in
    /// [`LaidOut::structure`]; none for page furniture (running header and
    /// footer, contents leaders, a table header repeated on a new page),
    /// which the PDF marks as an artifact.
    pub node: Option<u32>,
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// Text.
    Text(TextRun),
    /// A straight line.
    Rule {
        /// Start point (x, y) in points from the bottom-left corner.
        from: (f32, f32),
        /// End point.
        to: (f32, f32),
        /// Line width in points.
        width: f32,
        /// Grey level.
        grey: f32,
        /// A colour that replaces the grey level (underlines and strike-through
        /// lines of revisions).
        rgb: Option<[f32; 3]>,
    },
    /// A filled shape: closed rings of points (x, y, whether a curve's
    /// control point), filled by the nonzero rule. The draft watermark is
    /// drawn so, as glyph outlines, so that text extraction does not read
    /// its letters into the page's text.
    Shape {
        /// The rings, in points from the bottom-left corner.
        rings: Vec<Vec<(f32, f32, bool)>>,
        /// Grey level.
        grey: f32,
    },
    /// An area that links to a clause: a cross-reference or a contents
    /// entry. Nothing is drawn; the PDF makes it a link annotation.
    Link {
        /// One corner (x, y).
        from: (f32, f32),
        /// The opposite corner.
        to: (f32, f32),
        /// The clause, by its place in the document's numbering.
        target: u32,
        /// The link's structure element (see [`TextRun::node`]).
        node: Option<u32>,
    },
    /// A filled rectangle (table header shading).
    Fill {
        /// Bottom-left corner.
        origin: (f32, f32),
        /// Width and height.
        size: (f32, f32),
        /// Grey level.
        grey: f32,
    },
}

/// One laid-out page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// What is drawn, in painting order.
    pub marks: Vec<Mark>,
}

/// A clause heading, for the PDF outline.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    /// Nesting level, 1 for top-level clauses.
    pub level: u8,
    /// Number and title, e.g. "7.2 Service credits".
    pub title: String,
    /// Page index, from 0.
    pub page: usize,
    /// Top of the heading, in points from the page's bottom edge.
    pub y: f32,
    /// The clause's anchor.
    pub anchor: String,
}

/// A laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct LaidOut {
    /// The pages, in order.
    pub pages: Vec<Page>,
    /// Clause headings in reading order.
    pub outline: Vec<OutlineEntry>,
    /// Where each clause of the numbering starts (page index, top in
    /// points from the bottom edge): where a [`Mark::Link`] leads.
    pub targets: Vec<Option<(usize, f32)>>,
    /// The logical structure, in reading order, parents before children:
    /// element 0 is the document.
    pub structure: Vec<structure::StructNode>,
}

/// Lays `doc` out on A4 pages.
pub fn layout(doc: &Document, opts: LayoutOptions) -> Result<LaidOut, DocError> {
    let m = Metrics::get()?;
    let numbering = Numbering::checked(doc)?;
    let mut pages_of: HashMap<String, usize> = HashMap::new();
    let mut result = None;
    // Each pass uses the page numbers found by the one before; the contents
    // have one line an entry whatever the numbers, so two passes settle, and
    // a third is a guard against a title that rewraps.
    for _ in 0..3 {
        let mut b = Builder::new(m, doc.meta.lang, &numbering, &pages_of);
        b.blocks(&doc.blocks, 1)?;
        let (pages, outline, anchors) = paginate(&b.chunks, &b.headers);
        let structure = b.structure;
        let settled = anchors == pages_of;
        pages_of = anchors;
        result = Some((pages, outline, structure));
        if settled {
            break;
        }
    }
    let (mut pages, outline, structure) = result.unwrap_or_default();
    decorate(&mut pages, doc, opts, m);
    let targets = numbering
        .clauses
        .iter()
        .map(|c| {
            outline
                .iter()
                .find(|e| e.anchor == c.clause.anchor)
                .map(|e| (e.page, e.y))
        })
        .collect();
    Ok(LaidOut {
        pages,
        outline,
        targets,
        structure,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::sample::sample_document;
    use crate::doc::tree::{Block, Clause, Inline, Lang, Paragraph};

    fn texts(page: &Page) -> Vec<&TextRun> {
        page.marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    /// The change bars of a page: vertical rules in the left margin.
    fn change_bars(page: &Page) -> Vec<(f32, f32)> {
        page.marks
            .iter()
            .filter_map(|m| match m {
                Mark::Rule { from, to, .. } if from.0 == to.0 && from.0 < MARGIN_LEFT => {
                    Some((from.1, to.1))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_changed_line_has_a_change_bar_in_the_margin_and_an_unchanged_one_none() {
        let mut doc = sample_document(Lang::En, 14, &"0".repeat(64));
        let plain = layout(&doc, LayoutOptions::default()).expect("layout");
        assert!(plain.pages.iter().all(|p| change_bars(p).is_empty()));
        doc.blocks.push(Block::Clause(Clause::new(
            "changed",
            "Changed",
            vec![Block::Paragraph(Paragraph::new(vec![
                Inline::text("Unchanged words, then "),
                Inline::Revised {
                    text: "8 hours".into(),
                    style: Style::Regular,
                    revision: crate::doc::tree::Revision::Deleted,
                },
                Inline::Revised {
                    text: "4 hours".into(),
                    style: Style::Regular,
                    revision: crate::doc::tree::Revision::Inserted,
                },
                Inline::text(". More unchanged words follow on the next lines. ".repeat(6)),
            ]))],
        )));
        let laid = layout(&doc, LayoutOptions::default()).expect("layout");
        let bars: Vec<(f32, f32)> = laid.pages.iter().flat_map(change_bars).collect();
        // One line holds the change: one bar, beside that line's text.
        assert_eq!(bars.len(), 1, "{bars:?}");
        let page = laid
            .pages
            .iter()
            .find(|p| !change_bars(p).is_empty())
            .expect("a page");
        let line = texts(page)
            .into_iter()
            .find(|t| t.text.contains("4 hours"))
            .expect("the inserted words");
        let (a, b) = bars[0];
        let (low, high) = (a.min(b), a.max(b));
        // From below the baseline to above the lower-case letters.
        assert!(
            low < line.y && line.y + 5.0 < high,
            "bar {low}–{high}, baseline {}",
            line.y
        );
    }

    #[test]
    fn paragraph_lines_forbid_widows_and_orphans() {
        let m = Metrics::get().expect("fonts");
        let numbering = Numbering {
            clauses: Vec::new(),
            numbers: HashMap::new(),
        };
        let pages = HashMap::new();
        let mut b = Builder::new(m, Lang::En, &numbering, &pages);
        let text = "The Provider shall keep the Customer informed. ".repeat(12);
        b.paragraph(&Paragraph::plain(text), MARGIN_LEFT, 200.0, None)
            .expect("paragraph");
        let flags: Vec<bool> = b.chunks.iter().map(|c| c.breakable_after).collect();
        let n = flags.len();
        assert!(n >= 6, "{n} lines");
        // No break after the first line (orphan) nor before the last (widow).
        assert!(!flags[0] && !flags[n - 2] && flags[n - 1], "{flags:?}");
        assert!(flags[1..n - 2].iter().all(|&f| f), "{flags:?}");
    }

    #[test]
    fn tables_repeat_their_header_and_headings_keep_with_text() {
        let doc = sample_document(Lang::En, 14, &"0".repeat(64));
        let laid = layout(&doc, LayoutOptions::default()).expect("layout");
        let with_header = laid
            .pages
            .iter()
            .filter(|p| texts(p).iter().any(|t| t.text == "Plan / priority"))
            .count();
        assert!(
            with_header >= 3,
            "the 60-row table spans {with_header} pages"
        );
        for (i, page) in laid.pages.iter().enumerate() {
            // The lowest body text on a page is never a heading: headings are
            // kept with what follows them.
            let body: Vec<&TextRun> = texts(page)
                .into_iter()
                .filter(|t| t.y > MARGIN_BOTTOM && t.y < CONTENT_TOP)
                .collect();
            if let Some(lowest) = body.iter().min_by(|a, b| a.y.total_cmp(&b.y)) {
                let heading = laid
                    .outline
                    .iter()
                    .any(|e| e.page == i && (e.y - lowest.y) < 20.0 && e.y > lowest.y);
                assert!(!heading, "page {} ends with a heading", i + 1);
            }
            for t in &body {
                assert!(
                    t.y >= MARGIN_BOTTOM - 0.01,
                    "text below the bottom margin on page {}",
                    i + 1
                );
            }
        }
        // Outline entries and contents agree on pages, and clause 5 is
        // where the cross-reference says.
        let credits = laid
            .outline
            .iter()
            .find(|e| e.title == "5 Service credits")
            .expect("clause 5");
        assert!(credits.page > 2);
    }

    #[test]
    fn unknown_and_duplicate_anchors_are_errors() {
        let mut doc = sample_document(Lang::En, 4, "");
        doc.blocks
            .push(Block::Paragraph(Paragraph::new(vec![Inline::ClauseRef(
                "nowhere".into(),
            )])));
        assert_eq!(
            layout(&doc, LayoutOptions::default()),
            Err(DocError::UnknownAnchor {
                anchor: "nowhere".into()
            })
        );
        let mut doc = sample_document(Lang::En, 4, "");
        doc.blocks
            .push(Block::Clause(Clause::new("definitions", "Again", vec![])));
        assert_eq!(
            layout(&doc, LayoutOptions::default()),
            Err(DocError::DuplicateAnchor {
                anchor: "definitions".into()
            })
        );
    }

    // issue 12: a word without break opportunities (a pasted hash) is cut
    // into lines that each stay inside the text block, and the page's lines
    // joined give the word back exactly, accents on their letters.
    #[test]
    fn a_long_unbroken_word_fills_lines_that_fit() {
        let m = Metrics::get().expect("fonts");
        let word: String = "9f2c4e1ab3\u{301}7d5c60e8f1a2b3c4d".repeat(1500);
        let mut doc = sample_document(Lang::En, 1, "");
        doc.blocks = vec![Block::Paragraph(Paragraph::plain(word.clone()))];
        let laid = layout(&doc, LayoutOptions::default()).expect("layout");
        let mut joined = String::new();
        let mut lines = 0;
        for page in &laid.pages {
            for t in texts(page) {
                // Running header and footer are set in smaller type.
                if t.size != BODY_SIZE || t.y <= MARGIN_BOTTOM || t.y >= CONTENT_TOP {
                    continue;
                }
                lines += 1;
                let right = t.x + m.width(&t.text, t.style, t.size);
                assert!(
                    t.x >= MARGIN_LEFT - 0.01 && right <= MARGIN_LEFT + TEXT_WIDTH + 0.01,
                    "a line runs from {} to {right}",
                    t.x
                );
                assert!(
                    !t.text.starts_with('\u{301}'),
                    "an accent was cut off its letter"
                );
                joined.push_str(&t.text);
            }
        }
        assert!(lines > 300, "{lines} lines");
        assert_eq!(joined, word);
    }

    // issue 12: clause levels are counted without wrapping. A tree 300
    // clauses deep (built by code: the markup refuses such nesting) lays out,
    // with its contents, instead of overflowing the level counter.
    #[test]
    fn clauses_nested_past_255_levels_lay_out() {
        let mut body = vec![Block::Paragraph(Paragraph::plain("Deepest."))];
        for depth in (0..300).rev() {
            body = vec![Block::Clause(Clause::new(
                format!("c{depth}"),
                format!("Level {depth}"),
                body,
            ))];
        }
        let mut doc = sample_document(Lang::En, 1, "");
        doc.blocks = vec![
            Block::TableOfContents {
                title: "Contents".into(),
                depth: u8::MAX,
            },
            body.remove(0),
        ];
        let laid = layout(&doc, LayoutOptions::default()).expect("layout");
        assert_eq!(laid.outline.len(), 300);
        assert!(laid.outline.iter().all(|e| e.level >= 1));
        let deepest = laid.outline.last().expect("entries");
        assert_eq!(deepest.level, u8::MAX);
        assert!(deepest.title.ends_with(" Level 299"), "{}", deepest.title);
    }
}
