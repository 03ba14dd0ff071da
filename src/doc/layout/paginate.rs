//! Pagination: chunks placed on pages, those after the last allowed break
//! moved to the next page when they do not fit.

use std::collections::HashMap;

use super::blocks::Chunk;
use super::{Mark, OutlineEntry, Page, TextRun, CONTENT_HEIGHT, CONTENT_TOP, MARGIN_BOTTOM};

/// Moves a chunk's marks from chunk coordinates (y down from its top) to
/// page coordinates (y up from the bottom), with the chunk's top at `top`.
/// A `repeat` (a table header printed again on a new page) belongs to no
/// structure element: the header was read once, where the table starts.
pub(super) fn place(chunk: &Chunk, top: f32, page: &mut Page, repeat: bool) {
    for mark in &chunk.marks {
        page.marks.push(match mark {
            Mark::Text(t) => Mark::Text(TextRun {
                y: top - t.y,
                node: if repeat { None } else { t.node },
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
            Mark::Link {
                from,
                to,
                target,
                node,
            } => Mark::Link {
                from: (from.0, top - from.1),
                to: (to.0, top - to.1),
                target: *target,
                node: if repeat { None } else { *node },
            },
            Mark::Fill { origin, size, grey } => Mark::Fill {
                origin: (origin.0, top - origin.1),
                size: *size,
                grey: *grey,
            },
            Mark::Shape { rings, grey } => Mark::Shape {
                rings: rings
                    .iter()
                    .map(|r| r.iter().map(|&(x, y, c)| (x, top - y, c)).collect())
                    .collect(),
                grey: *grey,
            },
        });
    }
}

pub(super) struct Paginator<'a> {
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
                place(header, self.y, page, true);
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
                anchor: a.anchor.clone(),
            });
        }
        let page = self.pages.last_mut().expect("a page is open");
        place(chunk, self.y, page, false);
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
pub(super) type Paginated = (Vec<Page>, Vec<OutlineEntry>, HashMap<String, usize>);

pub(super) fn paginate(chunks: &[Chunk], headers: &[Chunk]) -> Paginated {
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
