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

pub(crate) mod fonts;
pub(crate) mod hyphen;
pub(crate) mod text;

use std::collections::HashMap;

use self::fonts::Metrics;
use self::text::{break_lines, Line, Setting, Span};
use crate::doc::fixed;
use crate::doc::numbering::{item_label, Numbering};
use crate::doc::tree::{
    Align, Block, Clause, Document, Inline, Lang, List, Paragraph, Revision, Signatory, Style,
    Table, TitlePage,
};
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
}

/// A laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct LaidOut {
    /// The pages, in order.
    pub pages: Vec<Page>,
    /// Clause headings in reading order.
    pub outline: Vec<OutlineEntry>,
}

/// Where a clause heading starts: for the outline and page references.
#[derive(Debug, Clone, PartialEq)]
struct Anchor {
    anchor: String,
    level: u8,
    title: String,
}

/// A vertical box that pagination places whole.
#[derive(Debug, Clone, Default)]
struct Chunk {
    height: f32,
    /// Marks with y measured downward from the chunk's top.
    marks: Vec<Mark>,
    /// A page may end after this chunk.
    breakable_after: bool,
    /// Dropped when it would start a page (vertical space).
    discardable: bool,
    /// Start a new page before this chunk.
    page_break: bool,
    /// The header row to repeat when this table row starts a page.
    repeat_header: Option<usize>,
    anchor: Option<Anchor>,
}

impl Chunk {
    fn space(height: f32) -> Chunk {
        Chunk {
            height,
            discardable: true,
            breakable_after: true,
            ..Chunk::default()
        }
    }
}

struct Builder<'a> {
    m: &'a Metrics,
    lang: Lang,
    numbering: &'a Numbering<'a>,
    pages: &'a HashMap<String, usize>,
    chunks: Vec<Chunk>,
    headers: Vec<Chunk>,
}

fn text_mark(x: f32, y: f32, size: f32, style: Style, text: impl Into<String>) -> Mark {
    Mark::Text(TextRun {
        x,
        y,
        size,
        style,
        grey: 0.0,
        rgb: None,
        text: text.into(),
        space_extra: 0.0,
        angle: 0.0,
    })
}

/// The marks of a laid-out line with its baseline at `baseline` (measured
/// down from the chunk's top): its text, and under or through a revised
/// run, the line that shows the revision.
fn line_marks(m: &Metrics, line: &Line, x: f32, baseline: f32, size: f32) -> Vec<Mark> {
    let mut marks = Vec::new();
    for r in &line.runs {
        let rgb = r.revision.map(|rev| match rev {
            Revision::Inserted => INSERTED_RGB,
            Revision::Deleted => DELETED_RGB,
        });
        marks.push(Mark::Text(TextRun {
            x: x + r.x,
            y: baseline,
            size,
            style: r.style,
            grey: 0.0,
            rgb,
            text: r.text.clone(),
            space_extra: r.space_extra,
            angle: 0.0,
        }));
        if let Some(rev) = r.revision {
            // A trailing space is not underlined: the line stops at the word.
            let shown = r.text.trim_end_matches(' ');
            let spaces = shown.matches(' ').count() as f32;
            let width = m.width(shown, r.style, size) + spaces * r.space_extra;
            // Below the baseline for an insertion; through the middle of the
            // lower-case letters for a deletion.
            let y = match rev {
                Revision::Inserted => baseline + 0.14 * size,
                Revision::Deleted => baseline - 0.25 * size,
            };
            marks.push(Mark::Rule {
                from: (x + r.x, y),
                to: (x + r.x + width, y),
                width: 0.055 * size,
                grey: 0.0,
                rgb,
            });
        }
    }
    marks
}

impl Builder<'_> {
    fn spans(&self, runs: &[Inline], base: Style) -> Result<Vec<Span>, DocError> {
        let mut spans = self.raw_spans(runs, base)?;
        if self.lang == Lang::Fr {
            // French spacing is applied run by run; a mark that opens a run
            // (say ";" after a cross-reference) gets its space here.
            for i in 1..spans.len() {
                let first = spans[i].text.chars().next();
                let glued = spans[i - 1]
                    .text
                    .chars()
                    .last()
                    .is_some_and(|c| !c.is_whitespace());
                let space = match first {
                    Some(':') => Some(crate::doc::french::NBSP),
                    Some(';' | '!' | '?') => Some(crate::doc::french::NNBSP),
                    _ => None,
                };
                let ends = spans[i].text.chars().nth(1).is_none_or(char::is_whitespace);
                if let (Some(space), true, true) = (space, glued, ends) {
                    spans[i].text.insert(0, space);
                }
            }
        }
        Ok(spans)
    }

    fn raw_spans(&self, runs: &[Inline], base: Style) -> Result<Vec<Span>, DocError> {
        let fix = |s: &str| self.fix(s);
        runs.iter()
            .map(|run| {
                Ok(match run {
                    Inline::Text { text, style } => Span {
                        text: fix(text),
                        style: if base == Style::Bold {
                            style.bolder()
                        } else {
                            *style
                        },
                        revision: None,
                    },
                    Inline::Revised {
                        text,
                        style,
                        revision,
                    } => Span {
                        text: fix(text),
                        style: if base == Style::Bold {
                            style.bolder()
                        } else {
                            *style
                        },
                        revision: Some(*revision),
                    },
                    Inline::Term(t) => Span {
                        text: fix(t),
                        style: base.bolder(),
                        revision: None,
                    },
                    Inline::ClauseRef(anchor) => Span {
                        text: self.numbering.numbers.get(anchor).cloned().ok_or_else(|| {
                            DocError::UnknownAnchor {
                                anchor: anchor.clone(),
                            }
                        })?,
                        style: base,
                        revision: None,
                    },
                    Inline::PageRef(anchor) => {
                        if !self.numbering.numbers.contains_key(anchor) {
                            return Err(DocError::UnknownAnchor {
                                anchor: anchor.clone(),
                            });
                        }
                        let page = self.pages.get(anchor).map_or(0, |p| p + 1);
                        Span {
                            text: page.to_string(),
                            style: base,
                            revision: None,
                        }
                    }
                })
            })
            .collect()
    }

    fn lines(&self, spans: &[Span], size: f32, width: f32, align: Align) -> Vec<Line> {
        break_lines(
            spans,
            &Setting {
                metrics: self.m,
                size,
                width,
                align,
                lang: self.lang,
            },
        )
    }

    /// Turns lines into chunks, forbidding a page break that would leave a
    /// single line of the paragraph alone at the foot or the head of a page.
    fn push_lines(
        &mut self,
        lines: &[Line],
        x: f32,
        size: f32,
        leading: f32,
        marker: Option<Mark>,
    ) {
        let n = lines.len();
        for (i, line) in lines.iter().enumerate() {
            let baseline = leading * 0.75;
            let mut marks: Vec<Mark> = line_marks(self.m, line, x, baseline, size);
            if i == 0 {
                if let Some(Mark::Text(mut t)) = marker.clone() {
                    t.y = baseline;
                    marks.insert(0, Mark::Text(t));
                }
            }
            let lines_before = i + 1;
            let lines_after = n - i - 1;
            let breakable_after = lines_after == 0 || (lines_before >= 2 && lines_after >= 2);
            self.chunks.push(Chunk {
                height: leading,
                marks,
                breakable_after,
                ..Chunk::default()
            });
        }
    }

    fn paragraph(
        &mut self,
        p: &Paragraph,
        x: f32,
        width: f32,
        marker: Option<Mark>,
    ) -> Result<(), DocError> {
        let spans = self.spans(&p.runs, Style::Regular)?;
        let lines = self.lines(&spans, BODY_SIZE, width, p.align);
        self.push_lines(&lines, x, BODY_SIZE, BODY_LEADING, marker);
        Ok(())
    }

    fn list(&mut self, list: &List, x: f32, width: f32) -> Result<(), DocError> {
        for (i, item) in list.items.iter().enumerate() {
            let label = item_label(list.kind, i);
            let marker = text_mark(x + 4.0, 0.0, BODY_SIZE, Style::Regular, label);
            self.paragraph(item, x + LIST_INDENT, width - LIST_INDENT, Some(marker))?;
            self.chunks.push(Chunk::space(2.0));
        }
        Ok(())
    }

    fn heading(&mut self, clause: &Clause, level: u8) {
        let number = self
            .numbering
            .numbers
            .get(&clause.anchor)
            .cloned()
            .unwrap_or_default();
        let (size, style, before, indent) = match level {
            1 => (12.5, Style::Bold, 14.0, 30.0),
            2 => (11.0, Style::Bold, 8.0, 30.0),
            _ => (BODY_SIZE, Style::BoldItalic, 6.0, 38.0),
        };
        let leading = size * 1.3;
        self.chunks.push(Chunk {
            breakable_after: false,
            ..Chunk::space(before)
        });
        let title = self.fix(&clause.title);
        let lines = self.lines(
            &[Span {
                text: title,
                style,
                revision: None,
            }],
            size,
            TEXT_WIDTH - indent,
            Align::Left,
        );
        for (i, line) in lines.iter().enumerate() {
            let baseline = leading * 0.75;
            let mut marks: Vec<Mark> =
                line_marks(self.m, line, MARGIN_LEFT + indent, baseline, size);
            let mut anchor = None;
            if i == 0 {
                marks.insert(
                    0,
                    text_mark(MARGIN_LEFT, baseline, size, style, number.clone()),
                );
                anchor = Some(Anchor {
                    anchor: clause.anchor.clone(),
                    level,
                    title: format!("{number} {}", clause.title),
                });
            }
            self.chunks.push(Chunk {
                height: leading,
                marks,
                breakable_after: false,
                anchor,
                ..Chunk::default()
            });
        }
        self.chunks.push(Chunk {
            breakable_after: false,
            ..Chunk::space(4.0)
        });
    }

    fn table(&mut self, table: &Table) -> Result<(), DocError> {
        let total: f32 = table.widths.iter().sum::<f32>().max(f32::EPSILON);
        let widths: Vec<f32> = table
            .widths
            .iter()
            .map(|w| w / total * TEXT_WIDTH)
            .collect();
        let header = self.row(&table.header, &widths, true)?;
        self.headers.push(header.clone());
        let h = self.headers.len() - 1;
        self.chunks.push(Chunk {
            breakable_after: false,
            ..header
        });
        let n = table.rows.len();
        for (i, row) in table.rows.iter().enumerate() {
            let mut chunk = self.row(row, &widths, false)?;
            chunk.repeat_header = Some(h);
            // Keep at least two rows under the header, and never leave a lone
            // last row on a page of its own.
            chunk.breakable_after = i >= 1 && i + 2 != n;
            self.chunks.push(chunk);
        }
        self.chunks.push(Chunk::space(PARAGRAPH_GAP + 2.0));
        Ok(())
    }

    fn row(&self, cells: &[Paragraph], widths: &[f32], header: bool) -> Result<Chunk, DocError> {
        let base = if header { Style::Bold } else { Style::Regular };
        let mut laid = Vec::new();
        for (cell, w) in cells.iter().zip(widths) {
            let spans = self.spans(&cell.runs, base)?;
            let align = if cell.align == Align::Justify {
                Align::Left
            } else {
                cell.align
            };
            laid.push(self.lines(&spans, TABLE_SIZE, w - 2.0 * CELL_PAD, align));
        }
        let rows = laid.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let height = rows as f32 * TABLE_LEADING + 2.0 * CELL_PAD;
        let mut marks = Vec::new();
        if header {
            marks.push(Mark::Fill {
                origin: (MARGIN_LEFT, height),
                size: (TEXT_WIDTH, height),
                grey: 0.9,
            });
        }
        let mut x = MARGIN_LEFT;
        for (lines, w) in laid.iter().zip(widths) {
            for (k, line) in lines.iter().enumerate() {
                let baseline = CELL_PAD + k as f32 * TABLE_LEADING + TABLE_LEADING * 0.75;
                marks.extend(line_marks(self.m, line, x + CELL_PAD, baseline, TABLE_SIZE));
            }
            x += w;
        }
        let rule = |from: (f32, f32), to: (f32, f32)| Mark::Rule {
            from,
            to,
            width: 0.5,
            grey: RULE_GREY,
            rgb: None,
        };
        marks.push(rule((MARGIN_LEFT, 0.0), (MARGIN_LEFT + TEXT_WIDTH, 0.0)));
        marks.push(rule(
            (MARGIN_LEFT, height),
            (MARGIN_LEFT + TEXT_WIDTH, height),
        ));
        let mut x = MARGIN_LEFT;
        marks.push(rule((x, 0.0), (x, height)));
        for w in widths {
            x += w;
            marks.push(rule((x, 0.0), (x, height)));
        }
        Ok(Chunk {
            height,
            marks,
            breakable_after: true,
            ..Chunk::default()
        })
    }

    fn signatures(&mut self, signatories: &[Signatory]) {
        let column = TEXT_WIDTH / 2.0;
        for pair in signatories.chunks(2) {
            let mut marks = Vec::new();
            let mut height: f32 = 0.0;
            // A long party name wraps within its column, and the signature
            // line moves down under it, so two names never run into each other.
            let wrapped: Vec<Vec<Line>> = pair
                .iter()
                .map(|s| {
                    let text = self.fix(&s.party);
                    self.lines(
                        &[Span {
                            text,
                            style: Style::Bold,
                            revision: None,
                        }],
                        BODY_SIZE,
                        column - 24.0,
                        Align::Left,
                    )
                })
                .collect();
            let name_lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
            for (k, s) in pair.iter().enumerate() {
                let x = MARGIN_LEFT + k as f32 * column;
                for (i, line) in wrapped[k].iter().enumerate() {
                    marks.extend(line_marks(
                        self.m,
                        line,
                        x,
                        12.0 + i as f32 * BODY_LEADING,
                        BODY_SIZE,
                    ));
                }
                let line_y = 62.0 + (name_lines - 1) as f32 * BODY_LEADING;
                marks.push(Mark::Rule {
                    from: (x, line_y),
                    to: (x + column - 24.0, line_y),
                    width: 0.6,
                    grey: 0.0,
                    rgb: None,
                });
                let mut y = line_y + 14.0;
                for label in &s.lines {
                    marks.push(text_mark(x, y, 9.5, Style::Regular, label.clone()));
                    y += 16.0;
                }
                height = height.max(y);
            }
            // The gap above a row of blocks binds to the row, so a page never
            // breaks between what leads into the signatures and the first row.
            self.chunks.push(Chunk {
                breakable_after: false,
                ..Chunk::space(10.0)
            });
            self.chunks.push(Chunk {
                height,
                marks,
                breakable_after: true,
                ..Chunk::default()
            });
        }
    }

    fn fix(&self, s: &str) -> String {
        if self.lang == Lang::Fr {
            crate::doc::french::typography(s)
        } else {
            s.to_string()
        }
    }

    fn push_centered(&mut self, text: &str, size: f32, style: Style, leading: f32) {
        let text = self.fix(text);
        let lines = self.lines(
            &[Span {
                text,
                style,
                revision: None,
            }],
            size,
            TEXT_WIDTH,
            Align::Center,
        );
        for line in &lines {
            let marks = line_marks(self.m, line, MARGIN_LEFT, leading * 0.75, size);
            self.chunks.push(Chunk {
                height: leading,
                marks,
                ..Chunk::default()
            });
        }
    }

    fn title_page(&mut self, t: &TitlePage) {
        self.chunks.push(Chunk {
            height: 150.0,
            ..Chunk::default()
        });
        self.push_centered(&t.title, 24.0, Style::Bold, 30.0);
        self.chunks.push(Chunk {
            height: 8.0,
            ..Chunk::default()
        });
        self.push_centered(&t.subtitle, 14.0, Style::Italic, 20.0);
        self.chunks.push(Chunk {
            height: 40.0,
            ..Chunk::default()
        });
        for p in &t.parties {
            self.push_centered(p, 12.0, Style::Regular, 18.0);
        }
        self.chunks.push(Chunk {
            height: 60.0,
            ..Chunk::default()
        });
        for (k, v) in &t.facts {
            let key = self.fix(&format!("{k}:"));
            let kw = self.m.width(&key, Style::Bold, 11.0);
            let marks = vec![
                text_mark(PAGE_WIDTH / 2.0 - 8.0 - kw, 12.0, 11.0, Style::Bold, key),
                text_mark(PAGE_WIDTH / 2.0, 12.0, 11.0, Style::Regular, self.fix(v)),
            ];
            self.chunks.push(Chunk {
                height: 17.0,
                marks,
                ..Chunk::default()
            });
        }
        self.chunks.push(Chunk {
            page_break: true,
            ..Chunk::default()
        });
    }

    fn contents(&mut self, title: &str, depth: u8) {
        let title = self.fix(title);
        self.chunks.push(Chunk {
            height: 28.0,
            marks: vec![text_mark(MARGIN_LEFT, 18.0, 14.0, Style::Bold, title)],
            breakable_after: false,
            ..Chunk::default()
        });
        let numbering = self.numbering;
        for entry in numbering.clauses.iter().filter(|c| c.level <= depth) {
            let (level, number, title, anchor) = (
                entry.level,
                &entry.number,
                &entry.clause.title,
                &entry.clause.anchor,
            );
            let style = if level == 1 {
                Style::Bold
            } else {
                Style::Regular
            };
            // Entries indent by level up to the sixth; deeper ones line up
            // with it, so that the title keeps room on the line.
            let step = f32::from(level.clamp(1, 6) - 1);
            let indent = 16.0 * step;
            let num_w = 30.0 + 8.0 * step;
            let page = self.pages.get(anchor).map_or(0, |p| p + 1).to_string();
            let page_w = self.m.width(&page, style, BODY_SIZE);
            let title = self.fix(title);
            let avail = TEXT_WIDTH - indent - num_w - 40.0;
            let lines = self.lines(
                &[Span {
                    text: title,
                    style,
                    revision: None,
                }],
                BODY_SIZE,
                avail,
                Align::Left,
            );
            let leading = if level == 1 { 17.0 } else { BODY_LEADING };
            let n = lines.len();
            for (i, line) in lines.iter().enumerate() {
                let baseline = leading - 4.0;
                let x = MARGIN_LEFT + indent + num_w;
                let mut marks: Vec<Mark> = line_marks(self.m, line, x, baseline, BODY_SIZE);
                if i == 0 {
                    marks.push(text_mark(
                        MARGIN_LEFT + indent,
                        baseline,
                        BODY_SIZE,
                        style,
                        number.clone(),
                    ));
                }
                if i + 1 == n {
                    let end = line
                        .runs
                        .last()
                        .map_or(0.0, |r| r.x + self.m.width(&r.text, r.style, BODY_SIZE));
                    let right = MARGIN_LEFT + TEXT_WIDTH;
                    marks.push(text_mark(
                        right - page_w,
                        baseline,
                        BODY_SIZE,
                        style,
                        page.clone(),
                    ));
                    // Dot leaders sit on a fixed grid so that they line up from one
                    // entry to the next, as in a printed book.
                    let step = 4.5;
                    let from = x + end + 4.0;
                    let to = right - page_w - 4.0;
                    let mut k = (from / step).ceil();
                    let mut dots = String::new();
                    let mut first = None;
                    while (k + 1.0) * step <= to {
                        first.get_or_insert(k * step);
                        dots.push('.');
                        k += 1.0;
                    }
                    if let Some(start) = first {
                        let dot_w = self.m.width(".", Style::Regular, BODY_SIZE);
                        let mut run = TextRun {
                            x: start,
                            y: baseline,
                            size: BODY_SIZE,
                            style: Style::Regular,
                            grey: 0.35,
                            rgb: None,
                            text: String::new(),
                            space_extra: 0.0,
                            angle: 0.0,
                        };
                        // Leaders are drawn as dots separated by spaces widened to
                        // the grid step, so text extraction sees them as one run.
                        let space_w = self.m.width(" ", Style::Regular, BODY_SIZE);
                        run.text = dots
                            .chars()
                            .map(|c| c.to_string())
                            .collect::<Vec<_>>()
                            .join(" ");
                        run.space_extra = step - dot_w - space_w;
                        marks.push(Mark::Text(run));
                    }
                }
                self.chunks.push(Chunk {
                    height: leading,
                    marks,
                    breakable_after: i + 1 == n,
                    ..Chunk::default()
                });
            }
        }
        self.chunks.push(Chunk {
            page_break: true,
            ..Chunk::default()
        });
    }

    fn blocks(&mut self, blocks: &[Block], level: u8) -> Result<(), DocError> {
        for (i, block) in blocks.iter().enumerate() {
            match block {
                // A paragraph that introduces a table or a list ("… as
                // follows:") stays on the page where they start; so does the
                // sentence before the signature blocks ("Signed in two
                // originals"), which a signature page must not be cut from.
                Block::Paragraph(p)
                    if matches!(
                        blocks.get(i + 1),
                        Some(Block::Table(_) | Block::List(_) | Block::Signatures(_))
                    ) =>
                {
                    self.paragraph(p, MARGIN_LEFT, TEXT_WIDTH, None)?;
                    if let Some(last) = self.chunks.last_mut() {
                        last.breakable_after = false;
                    }
                    self.chunks.push(Chunk {
                        breakable_after: false,
                        ..Chunk::space(PARAGRAPH_GAP)
                    });
                }
                Block::TitlePage(t) => self.title_page(t),
                Block::TableOfContents { title, depth } => self.contents(title, *depth),
                Block::Clause(clause) => {
                    self.heading(clause, level);
                    self.blocks(&clause.body, level.saturating_add(1))?;
                }
                Block::Paragraph(p) => {
                    self.paragraph(p, MARGIN_LEFT, TEXT_WIDTH, None)?;
                    self.chunks.push(Chunk::space(PARAGRAPH_GAP));
                }
                Block::List(list) => {
                    self.list(list, MARGIN_LEFT, TEXT_WIDTH)?;
                    self.chunks.push(Chunk::space(PARAGRAPH_GAP - 2.0));
                }
                Block::Table(table) => self.table(table)?,
                Block::Signatures(s) => self.signatures(s),
                Block::PageBreak => self.chunks.push(Chunk {
                    page_break: true,
                    ..Chunk::default()
                }),
            }
        }
        Ok(())
    }
}

/// Moves a chunk's marks from chunk coordinates (y down from its top) to
/// page coordinates (y up from the bottom), with the chunk's top at `top`.
fn place(chunk: &Chunk, top: f32, page: &mut Page) {
    for mark in &chunk.marks {
        page.marks.push(match mark {
            Mark::Text(t) => Mark::Text(TextRun {
                y: top - t.y,
                ..t.clone()
            }),
            Mark::Rule {
                from,
                to,
                width,
                grey,
                rgb,
            } => Mark::Rule {
                from: (from.0, top - from.1),
                to: (to.0, top - to.1),
                width: *width,
                grey: *grey,
                rgb: *rgb,
            },
            Mark::Fill { origin, size, grey } => Mark::Fill {
                origin: (origin.0, top - origin.1),
                size: *size,
                grey: *grey,
            },
        });
    }
}

struct Paginator<'a> {
    headers: &'a [Chunk],
    pages: Vec<Page>,
    y: f32,
    outline: Vec<OutlineEntry>,
    anchors: HashMap<String, usize>,
}

impl Paginator<'_> {
    fn at_top(&self) -> bool {
        self.y >= CONTENT_TOP
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = CONTENT_TOP;
    }

    fn put(&mut self, chunk: &Chunk) {
        if chunk.discardable && self.at_top() {
            return;
        }
        if self.y - chunk.height < MARGIN_BOTTOM && !self.at_top() {
            self.new_page();
            if chunk.discardable {
                return;
            }
        }
        if self.at_top() {
            if let Some(h) = chunk.repeat_header {
                let header = &self.headers[h];
                let page = self.pages.last_mut().expect("a page is open");
                place(header, self.y, page);
                self.y -= header.height;
            }
        }
        if let Some(a) = &chunk.anchor {
            let page = self.pages.len() - 1;
            self.anchors.entry(a.anchor.clone()).or_insert(page);
            self.outline.push(OutlineEntry {
                level: a.level,
                title: a.title.clone(),
                page,
                y: self.y,
            });
        }
        let page = self.pages.last_mut().expect("a page is open");
        place(chunk, self.y, page);
        self.y -= chunk.height;
    }

    /// Places a group of chunks between two allowed breaks, on this page if
    /// it fits and on the next otherwise.
    fn put_group(&mut self, group: &[Chunk]) {
        let skip = if self.at_top() {
            group.iter().take_while(|c| c.discardable).count()
        } else {
            0
        };
        let group = &group[skip..];
        let mut height: f32 = group.iter().map(|c| c.height).sum();
        if let Some(h) = group.first().and_then(|c| c.repeat_header) {
            height += self.headers[h].height;
        }
        if self.y - height < MARGIN_BOTTOM && !self.at_top() && height <= CONTENT_HEIGHT {
            self.new_page();
        }
        for chunk in group {
            self.put(chunk);
        }
    }
}

/// Pages, outline entries and the page of each clause anchor.
type Paginated = (Vec<Page>, Vec<OutlineEntry>, HashMap<String, usize>);

fn paginate(chunks: &[Chunk], headers: &[Chunk]) -> Paginated {
    let mut p = Paginator {
        headers,
        pages: Vec::new(),
        y: CONTENT_TOP,
        outline: Vec::new(),
        anchors: HashMap::new(),
    };
    p.new_page();
    let mut start = 0;
    for (i, chunk) in chunks.iter().enumerate() {
        if chunk.page_break {
            p.put_group(&chunks[start..i]);
            start = i + 1;
            if !(p.at_top() && p.pages.last().is_some_and(|pg| pg.marks.is_empty())) {
                p.new_page();
            }
            continue;
        }
        if chunk.breakable_after {
            p.put_group(&chunks[start..=i]);
            start = i + 1;
        }
    }
    p.put_group(&chunks[start..]);
    if p.pages.len() > 1 && p.pages.last().is_some_and(|pg| pg.marks.is_empty()) {
        p.pages.pop();
    }
    (p.pages, p.outline, p.anchors)
}

/// Adds the running header, footer and watermark once the page count is known.
fn decorate(pages: &mut [Page], doc: &Document, opts: LayoutOptions, m: &Metrics) {
    let meta = &doc.meta;
    let words = fixed::words(meta.lang);
    let total = pages.len();
    let has_title_page = matches!(doc.blocks.first(), Some(Block::TitlePage(_)));
    let small = 8.0;
    let grey = 0.3;
    let right = MARGIN_LEFT + TEXT_WIDTH;
    let run = |x: f32, y: f32, style: Style, text: String| {
        Mark::Text(TextRun {
            x,
            y,
            size: small,
            style,
            grey,
            rgb: None,
            text,
            space_extra: 0.0,
            angle: 0.0,
        })
    };
    for (i, page) in pages.iter_mut().enumerate() {
        let mut marks = Vec::new();
        if opts.draft {
            let word = words.draft;
            let size = 110.0;
            let w = m.width(word, Style::Bold, size);
            let (s, c) = std::f32::consts::FRAC_PI_4.sin_cos();
            // Centre the word's box on the page: back off half its width along
            // the baseline and a third of its size across it.
            let cx = PAGE_WIDTH / 2.0 - w / 2.0 * c + size * 0.33 * s;
            let cy = PAGE_HEIGHT / 2.0 - w / 2.0 * s - size * 0.33 * c;
            marks.push(Mark::Text(TextRun {
                x: cx,
                y: cy,
                size,
                style: Style::Bold,
                grey: 0.88,
                rgb: None,
                text: word.to_string(),
                space_extra: 0.0,
                angle: 45.0,
            }));
        }
        if !(has_title_page && i == 0) {
            let head_y = PAGE_HEIGHT - 44.0;
            let left = words.reference_line(&meta.reference, &meta.version);
            marks.push(run(MARGIN_LEFT, head_y, Style::Regular, left));
            let tw = m.width(&meta.title, Style::Italic, small);
            marks.push(run(right - tw, head_y, Style::Italic, meta.title.clone()));
            marks.push(Mark::Rule {
                from: (MARGIN_LEFT, head_y - 5.0),
                to: (right, head_y - 5.0),
                width: 0.4,
                grey: RULE_GREY,
                rgb: None,
            });
        }
        let foot_y = 40.0;
        marks.push(Mark::Rule {
            from: (MARGIN_LEFT, foot_y + 11.0),
            to: (right, foot_y + 11.0),
            width: 0.4,
            grey: RULE_GREY,
            rgb: None,
        });
        let print = words.fingerprint_line(&meta.fingerprint);
        marks.push(run(MARGIN_LEFT, foot_y, Style::Regular, print));
        let num = words.page_of(i + 1, total);
        let nw = m.width(&num, Style::Regular, small);
        marks.push(run(right - nw, foot_y, Style::Regular, num));
        marks.append(&mut page.marks);
        page.marks = marks;
    }
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
        let mut b = Builder {
            m,
            lang: doc.meta.lang,
            numbering: &numbering,
            pages: &pages_of,
            chunks: Vec::new(),
            headers: Vec::new(),
        };
        b.blocks(&doc.blocks, 1)?;
        let (pages, outline, anchors) = paginate(&b.chunks, &b.headers);
        let settled = anchors == pages_of;
        pages_of = anchors;
        result = Some((pages, outline));
        if settled {
            break;
        }
    }
    let (mut pages, outline) = result.unwrap_or_default();
    decorate(&mut pages, doc, opts, m);
    Ok(LaidOut { pages, outline })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::sample::sample_document;

    fn texts(page: &Page) -> Vec<&TextRun> {
        page.marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn paragraph_lines_forbid_widows_and_orphans() {
        let m = Metrics::get().expect("fonts");
        let numbering = Numbering {
            clauses: Vec::new(),
            numbers: HashMap::new(),
        };
        let pages = HashMap::new();
        let mut b = Builder {
            m,
            lang: Lang::En,
            numbering: &numbering,
            pages: &pages,
            chunks: Vec::new(),
            headers: Vec::new(),
        };
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
