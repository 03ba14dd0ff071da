//! Blocks become chunks: vertical boxes (a line of text, a table row, a
//! heading) that carry whether a page may break after them.

use std::collections::HashMap;

use super::fonts::Metrics;
use super::structure::{tag, Role, StructNode};
use super::text::{break_lines, Line, Setting, Span};
use super::{
    Mark, TextRun, BODY_LEADING, BODY_SIZE, CELL_PAD, DELETED_RGB, INSERTED_RGB, LIST_INDENT,
    MARGIN_LEFT, PAGE_WIDTH, PARAGRAPH_GAP, RULE_GREY, TABLE_LEADING, TABLE_SIZE, TEXT_WIDTH,
};
use crate::doc::numbering::{item_label, Numbering};
use crate::doc::tree::{
    Align, Block, Clause, Inline, Lang, List, Paragraph, Revision, Signatory, Style, Table,
    TitlePage,
};
use crate::doc::DocError;

/// Where a clause heading starts: for the outline and page references.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Anchor {
    pub(super) anchor: String,
    pub(super) level: u8,
    pub(super) title: String,
}

/// A vertical box that pagination places whole.
#[derive(Debug, Clone, Default)]
pub(super) struct Chunk {
    pub(super) height: f32,
    /// Marks with y measured downward from the chunk's top.
    pub(super) marks: Vec<Mark>,
    /// A page may end after this chunk.
    pub(super) breakable_after: bool,
    /// Dropped when it would start a page (vertical space).
    pub(super) discardable: bool,
    /// Start a new page before this chunk.
    pub(super) page_break: bool,
    /// The header row to repeat when this table row starts a page.
    pub(super) repeat_header: Option<usize>,
    pub(super) anchor: Option<Anchor>,
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

pub(super) struct Builder<'a> {
    pub(super) m: &'a Metrics,
    pub(super) lang: Lang,
    pub(super) numbering: &'a Numbering<'a>,
    pub(super) pages: &'a HashMap<String, usize>,
    pub(super) chunks: Vec<Chunk>,
    pub(super) headers: Vec<Chunk>,
    /// The structure elements created so far, in reading order; element 0
    /// is the document.
    pub(super) structure: Vec<StructNode>,
    /// The element new blocks belong to (a clause's section, a list item's
    /// body).
    parent: u32,
}

impl<'a> Builder<'a> {
    pub(super) fn new(
        m: &'a Metrics,
        lang: Lang,
        numbering: &'a Numbering<'a>,
        pages: &'a HashMap<String, usize>,
    ) -> Self {
        Builder {
            m,
            lang,
            numbering,
            pages,
            chunks: Vec::new(),
            headers: Vec::new(),
            structure: vec![StructNode {
                role: Role::Document,
                parent: None,
            }],
            parent: 0,
        }
    }
}

pub(super) fn text_mark(x: f32, y: f32, size: f32, style: Style, text: impl Into<String>) -> Mark {
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
        node: None,
    })
}

/// The marks of a laid-out line with its baseline at `baseline` (measured
/// down from the chunk's top): its text, and under or through a revised
/// run, the line that shows the revision.
pub(super) fn line_marks(m: &Metrics, line: &Line, x: f32, baseline: f32, size: f32) -> Vec<Mark> {
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
            node: None,
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
    for r in &line.runs {
        if let Some(target) = r.link {
            let shown = r.text.trim_end_matches(' ');
            let spaces = shown.matches(' ').count() as f32;
            let width = m.width(shown, r.style, size) + spaces * r.space_extra;
            marks.push(Mark::Link {
                from: (x + r.x, baseline + 0.25 * size),
                to: (x + r.x + width, baseline - 0.85 * size),
                target,
                node: None,
            });
        }
    }
    if line.runs.iter().any(|r| r.revision.is_some()) {
        // A change bar in the left margin beside a line that changed, as a
        // lawyer's blackline marks it, so a changed line is found at a
        // glance down the page.
        marks.push(Mark::Rule {
            from: (MARGIN_LEFT - CHANGE_BAR_GAP, baseline - 0.95 * size),
            to: (MARGIN_LEFT - CHANGE_BAR_GAP, baseline + 0.3 * size),
            width: 1.2,
            grey: 0.0,
            rgb: None,
        });
    }
    marks
}

/// How far left of the text the change bar stands, in points.
const CHANGE_BAR_GAP: f32 = 12.0;

impl Builder<'_> {
    /// A new structure element belonging to `parent`.
    fn open_in(&mut self, parent: u32, role: Role) -> u32 {
        self.structure.push(StructNode {
            role,
            parent: Some(parent),
        });
        (self.structure.len() - 1) as u32
    }

    /// A new structure element belonging to the current one.
    fn open(&mut self, role: Role) -> u32 {
        self.open_in(self.parent, role)
    }

    /// Runs `f` with `node` as the element new blocks belong to.
    fn within<T>(&mut self, node: u32, f: impl FnOnce(&mut Self) -> T) -> T {
        let outer = std::mem::replace(&mut self.parent, node);
        let result = f(self);
        self.parent = outer;
        result
    }

    /// The marks of a line of the element `node`: a run that links to a
    /// clause gets a link element of its own inside it, which its link
    /// area (the annotation) shares.
    fn tagged_line(
        &mut self,
        line: &Line,
        x: f32,
        baseline: f32,
        size: f32,
        node: u32,
    ) -> Vec<Mark> {
        let mut marks = line_marks(self.m, line, x, baseline, size);
        // line_marks writes one text run per run of the line, in order, then
        // the link areas of the linked runs in the same order.
        let mut links = Vec::new();
        let mut run = 0;
        for mark in &mut marks {
            match mark {
                Mark::Text(t) => {
                    let linked = line.runs.get(run).is_some_and(|r| r.link.is_some());
                    run += 1;
                    t.node = Some(if linked {
                        let link = self.open_in(node, Role::Link);
                        links.push(link);
                        link
                    } else {
                        node
                    });
                }
                Mark::Link { node: n, .. } => {
                    *n = Some(links.remove(0));
                }
                _ => {}
            }
        }
        marks
    }

    /// The place in the numbering of the clause `anchor` names, which a
    /// link leads to.
    fn target_of(&self, anchor: &str) -> Option<u32> {
        self.numbering
            .clauses
            .iter()
            .position(|c| c.clause.anchor == anchor)
            .and_then(|i| u32::try_from(i).ok())
    }

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
                        link: None,
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
                        link: None,
                    },
                    Inline::Term(t) => Span {
                        text: fix(t),
                        style: base.bolder(),
                        revision: None,
                        link: None,
                    },
                    Inline::ClauseRef(anchor) => Span {
                        text: self.numbering.numbers.get(anchor).cloned().ok_or_else(|| {
                            DocError::UnknownAnchor {
                                anchor: anchor.clone(),
                            }
                        })?,
                        style: base,
                        revision: None,
                        link: self.target_of(anchor),
                    },
                    Inline::PageRef(anchor) => {
                        if !self.numbering.numbers.contains_key(anchor) {
                            return Err(DocError::UnknownAnchor {
                                anchor: anchor.clone(),
                            });
                        }
                        let page = self.pages.get(anchor).map_or(0, |p| p + 1);
                        Span {
                            text: super::super::fixed::words(self.lang).page_ref(&page.to_string()),
                            style: base,
                            revision: None,
                            link: None,
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
        node: u32,
    ) {
        let n = lines.len();
        for (i, line) in lines.iter().enumerate() {
            let baseline = leading * 0.75;
            let mut marks: Vec<Mark> = self.tagged_line(line, x, baseline, size, node);
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

    pub(super) fn paragraph(
        &mut self,
        p: &Paragraph,
        x: f32,
        width: f32,
        marker: Option<Mark>,
    ) -> Result<(), DocError> {
        let spans = self.spans(&p.runs, Style::Regular)?;
        let lines = self.lines(&spans, BODY_SIZE, width, p.align);
        let node = self.open(Role::P);
        self.push_lines(&lines, x, BODY_SIZE, BODY_LEADING, marker, node);
        Ok(())
    }

    fn list(&mut self, list: &List, x: f32, width: f32) -> Result<(), DocError> {
        let l = self.open(Role::L);
        let n = list.items.len();
        for (i, item) in list.items.iter().enumerate() {
            let li = self.open_in(l, Role::LI);
            let lbl = self.open_in(li, Role::Lbl);
            let body = self.open_in(li, Role::LBody);
            let label = item_label(list.kind, i);
            let mut marker = text_mark(x + 4.0, 0.0, BODY_SIZE, Style::Regular, label);
            tag(std::slice::from_mut(&mut marker), lbl);
            self.within(body, |b| {
                b.paragraph(item, x + LIST_INDENT, width - LIST_INDENT, Some(marker))
            })?;
            // As a table keeps two rows together, a list never leaves its
            // first item alone at the foot of a page nor its last alone at
            // the head of the next: no page ends after the first item or
            // before the last.
            let keep = i + 1 < n && (i == 0 || i + 2 == n);
            if keep {
                if let Some(last) = self.chunks.last_mut() {
                    last.breakable_after = false;
                }
            }
            self.chunks.push(Chunk {
                breakable_after: !keep,
                ..Chunk::space(2.0)
            });
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
        let node = self.open(Role::Heading(level));
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
                link: None,
            }],
            size,
            TEXT_WIDTH - indent,
            Align::Left,
        );
        for (i, line) in lines.iter().enumerate() {
            let baseline = leading * 0.75;
            let mut marks: Vec<Mark> =
                self.tagged_line(line, MARGIN_LEFT + indent, baseline, size, node);
            let mut anchor = None;
            if i == 0 {
                let mut mark = text_mark(MARGIN_LEFT, baseline, size, style, number.clone());
                tag(std::slice::from_mut(&mut mark), node);
                marks.insert(0, mark);
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
        let node = self.open(Role::Table);
        let header = self.row(&table.header, &widths, true, node)?;
        self.headers.push(header.clone());
        let h = self.headers.len() - 1;
        self.chunks.push(Chunk {
            breakable_after: false,
            ..header
        });
        let n = table.rows.len();
        for (i, row) in table.rows.iter().enumerate() {
            let mut chunk = self.row(row, &widths, false, node)?;
            chunk.repeat_header = Some(h);
            // Keep at least two rows under the header, and never leave a lone
            // last row on a page of its own.
            chunk.breakable_after = i >= 1 && i + 2 != n;
            self.chunks.push(chunk);
        }
        self.chunks.push(Chunk::space(PARAGRAPH_GAP + 2.0));
        Ok(())
    }

    fn row(
        &mut self,
        cells: &[Paragraph],
        widths: &[f32],
        header: bool,
        table: u32,
    ) -> Result<Chunk, DocError> {
        let base = if header { Style::Bold } else { Style::Regular };
        let tr = self.open_in(table, Role::TR);
        let cell_role = if header { Role::TH } else { Role::TD };
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
            let cell = self.open_in(tr, cell_role);
            for (k, line) in lines.iter().enumerate() {
                let baseline = CELL_PAD + k as f32 * TABLE_LEADING + TABLE_LEADING * 0.75;
                marks.extend(self.tagged_line(line, x + CELL_PAD, baseline, TABLE_SIZE, cell));
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
                            link: None,
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
                let block = self.open(Role::Div);
                let name = self.open_in(block, Role::P);
                for (i, line) in wrapped[k].iter().enumerate() {
                    let baseline = 12.0 + i as f32 * BODY_LEADING;
                    marks.extend(self.tagged_line(line, x, baseline, BODY_SIZE, name));
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
                    let mut text = text_mark(x, y, 9.5, Style::Regular, label.clone());
                    tag(
                        std::slice::from_mut(&mut text),
                        self.open_in(block, Role::P),
                    );
                    marks.push(text);
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
                link: None,
            }],
            size,
            TEXT_WIDTH,
            Align::Center,
        );
        let node = self.open(Role::P);
        for line in &lines {
            let marks = self.tagged_line(line, MARGIN_LEFT, leading * 0.75, size, node);
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
            let mut marks = vec![
                text_mark(PAGE_WIDTH / 2.0 - 8.0 - kw, 12.0, 11.0, Style::Bold, key),
                text_mark(PAGE_WIDTH / 2.0, 12.0, 11.0, Style::Regular, self.fix(v)),
            ];
            let node = self.open(Role::P);
            tag(&mut marks, node);
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
        let mut marks = vec![text_mark(MARGIN_LEFT, 18.0, 14.0, Style::Bold, title)];
        let node = self.open(Role::P);
        tag(&mut marks, node);
        self.chunks.push(Chunk {
            height: 28.0,
            marks,
            breakable_after: false,
            ..Chunk::default()
        });
        let toc = self.open(Role::TOC);
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
                    link: None,
                }],
                BODY_SIZE,
                avail,
                Align::Left,
            );
            let leading = if level == 1 { 17.0 } else { BODY_LEADING };
            let n = lines.len();
            // The entry reads as one link: number, title and page.
            let item = self.open_in(toc, Role::TOCI);
            let link = self.open_in(item, Role::Link);
            for (i, line) in lines.iter().enumerate() {
                let baseline = leading - 4.0;
                let x = MARGIN_LEFT + indent + num_w;
                let mut marks: Vec<Mark> = self.tagged_line(line, x, baseline, BODY_SIZE, link);
                // The whole entry line, number to page, leads to its clause.
                if let Some(target) = self.target_of(anchor) {
                    marks.push(Mark::Link {
                        from: (MARGIN_LEFT + indent, baseline + 0.25 * BODY_SIZE),
                        to: (MARGIN_LEFT + TEXT_WIDTH, baseline - 0.85 * BODY_SIZE),
                        target,
                        node: Some(link),
                    });
                }
                if i == 0 {
                    // First, so that the entry reads "5 Service credits 7".
                    let mut number = text_mark(
                        MARGIN_LEFT + indent,
                        baseline,
                        BODY_SIZE,
                        style,
                        number.clone(),
                    );
                    tag(std::slice::from_mut(&mut number), link);
                    marks.insert(0, number);
                }
                if i + 1 == n {
                    let end = line
                        .runs
                        .last()
                        .map_or(0.0, |r| r.x + self.m.width(&r.text, r.style, BODY_SIZE));
                    let right = MARGIN_LEFT + TEXT_WIDTH;
                    let mut page_mark =
                        text_mark(right - page_w, baseline, BODY_SIZE, style, page.clone());
                    tag(std::slice::from_mut(&mut page_mark), link);
                    marks.push(page_mark);
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
                            // Leaders are page furniture: a reader skips them.
                            node: None,
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

    pub(super) fn blocks(&mut self, blocks: &[Block], level: u8) -> Result<(), DocError> {
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
                    let section = self.open(Role::Sect);
                    self.within(section, |b| {
                        b.heading(clause, level);
                        b.blocks(&clause.body, level.saturating_add(1))
                    })?;
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
