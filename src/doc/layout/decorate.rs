//! The running header, footer and watermark, added once the page count is
//! known.

use super::fonts::{self, Metrics};
use super::{
    LayoutOptions, Mark, Page, TextRun, DELETED_RGB, MARGIN_LEFT, PAGE_HEIGHT, PAGE_WIDTH,
    RULE_GREY, TEXT_WIDTH,
};
use crate::doc::fixed;
use crate::doc::tree::{Block, Document, Style};

/// Adds the running header, footer and watermark once the page count is known.
pub(super) fn decorate(pages: &mut [Page], doc: &Document, opts: LayoutOptions, m: &Metrics) {
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
            node: None,
        })
    };
    // The draft word is drawn as the outlines of its glyphs, not as text:
    // text extraction (search, copy, a screen reader) then reads the page
    // without the letters D, R, A, F, T scattered through it.
    let watermark = opts.draft.then(|| {
        let word = words.draft;
        let size = 110.0;
        let w = m.width(word, Style::Bold, size);
        let (s, c) = std::f32::consts::FRAC_PI_4.sin_cos();
        // Centre the word's box on the page: back off half its width along
        // the baseline and a third of its size across it.
        let cx = PAGE_WIDTH / 2.0 - w / 2.0 * c + size * 0.33 * s;
        let cy = PAGE_HEIGHT / 2.0 - w / 2.0 * s - size * 0.33 * c;
        let rings = fonts::outlines(word, Style::Bold, size)
            .unwrap_or_default()
            .into_iter()
            .map(|ring| {
                ring.into_iter()
                    .map(|p| (cx + p.x * c - p.y * s, cy + p.x * s + p.y * c, p.control))
                    .collect()
            })
            .collect();
        Mark::Shape { rings, grey: 0.88 }
    });
    for (i, page) in pages.iter_mut().enumerate() {
        let mut marks = Vec::new();
        if let Some(watermark) = &watermark {
            marks.push(watermark.clone());
        }
        if let Some(mark) = &meta.mark {
            // Above the running header, on every page the title page
            // included, so that a page on its own still says what it is.
            let w = m.width(mark, Style::Bold, small);
            marks.push(Mark::Text(TextRun {
                x: (PAGE_WIDTH - w) / 2.0,
                y: PAGE_HEIGHT - 28.0,
                size: small,
                style: Style::Bold,
                grey: 0.0,
                // The deleted-text red of a blackline: it reads as a warning
                // and prints dark in black and white.
                rgb: Some(DELETED_RGB),
                text: mark.clone(),
                space_extra: 0.0,
                angle: 0.0,
                node: None,
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
