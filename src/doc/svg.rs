//! Draws a laid-out page as SVG, for an on-screen preview of the PDF.
//!
//! The page is the one [`pdf::write`](super::pdf::write) prints: the same
//! marks at the same positions, in points, with the y axis turned over (SVG
//! measures from the top, PDF from the bottom). Text names the font family
//! [`FONT_FAMILY`] with the face's weight and slant; the viewer supplies
//! that family from the shipped Liberation Serif files, so the preview's
//! line ends are the PDF's. Every text is escaped, so the SVG can be
//! inserted in a page as markup.

use std::fmt::Write as _;

use super::layout::fonts::Metrics;
use super::layout::{Mark, Page, TextRun, PAGE_HEIGHT, PAGE_WIDTH};
use super::tree::Style;

/// The font family the SVG names; a viewer maps it to the shipped fonts
/// (`templates/fonts/`). A serif fallback keeps the page readable without.
pub const FONT_FAMILY: &str = "Pledge Serif";

/// A number with at most two decimals, without trailing zeros: a hundredth
/// of a point is far below a screen pixel.
fn num(v: f32) -> String {
    let rounded = (f64::from(v) * 100.0).round() / 100.0;
    // -0 prints as 0.
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    let mut s = format!("{rounded:.2}");
    while s.ends_with('0') {
        s.pop();
    }
    if s.ends_with('.') {
        s.pop();
    }
    s
}

/// A colour as `#rrggbb` from a PDF grey level (0 black, 1 white) or the
/// colour that replaces it.
fn colour(grey: f32, rgb: Option<[f32; 3]>) -> String {
    let byte = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    let [r, g, b] = rgb.unwrap_or([grey; 3]);
    format!("#{:02x}{:02x}{:02x}", byte(r), byte(g), byte(b))
}

/// Text with the five characters that matter in XML escaped.
fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than tab are not allowed in XML 1.0;
            // the layout never places them, but a preview must stay well formed.
            c if c.is_control() && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

fn y(v: f32) -> f32 {
    PAGE_HEIGHT - v
}

fn text(t: &TextRun, out: &mut String) {
    let (weight, slant) = match t.style {
        Style::Regular => ("normal", "normal"),
        Style::Bold => ("bold", "normal"),
        Style::Italic => ("normal", "italic"),
        Style::BoldItalic => ("bold", "italic"),
    };
    let _ = write!(
        out,
        r#"<text x="{}" y="{}" font-size="{}" font-weight="{weight}" font-style="{slant}" fill="{}""#,
        num(t.x),
        num(y(t.y)),
        num(t.size),
        colour(t.grey, t.rgb),
    );
    if t.angle != 0.0 {
        // Counter-clockwise on the page is clockwise in SVG's y-down frame.
        let _ = write!(
            out,
            r#" transform="rotate({} {} {})""#,
            num(-t.angle),
            num(t.x),
            num(y(t.y))
        );
    }
    out.push('>');
    match Metrics::get() {
        // The PDF widens each space by `space_extra` (justification, dot
        // leaders). Viewers do not all apply SVG's word-spacing, so each
        // piece after a space is placed where the PDF puts it, measured with
        // the same metrics as the layout.
        Ok(m) if t.space_extra.abs() > 0.001 && t.text.contains(' ') => {
            let mut x = t.x;
            let mut pieces = t.text.split(' ').peekable();
            while let Some(piece) = pieces.next() {
                let last = pieces.peek().is_none();
                let _ = write!(out, r#"<tspan x="{}">"#, num(x));
                escape(piece, out);
                if !last {
                    out.push(' ');
                }
                out.push_str("</tspan>");
                x +=
                    m.width(piece, t.style, t.size) + m.width(" ", t.style, t.size) + t.space_extra;
            }
        }
        _ => escape(&t.text, out),
    }
    out.push_str("</text>");
}

/// One page as a standalone SVG document, `width`×`height` in points (A4).
pub fn page(page: &Page) -> String {
    let mut out = String::with_capacity(64 * page.marks.len() + 512);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}pt" height="{h}pt" font-family="'{FONT_FAMILY}', 'Liberation Serif', serif" xml:space="preserve">"#,
        w = num(PAGE_WIDTH),
        h = num(PAGE_HEIGHT),
    );
    let _ = write!(
        out,
        r##"<rect width="{}" height="{}" fill="#ffffff"/>"##,
        num(PAGE_WIDTH),
        num(PAGE_HEIGHT)
    );
    for mark in &page.marks {
        match mark {
            Mark::Text(t) => text(t, &mut out),
            Mark::Rule {
                from,
                to,
                width,
                grey,
                rgb,
            } => {
                let _ = write!(
                    out,
                    r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"/>"#,
                    num(from.0),
                    num(y(from.1)),
                    num(to.0),
                    num(y(to.1)),
                    colour(*grey, *rgb),
                    num(*width),
                );
            }
            Mark::Fill { origin, size, grey } => {
                // The origin is the bottom-left corner; SVG wants the top-left.
                let _ = write!(
                    out,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
                    num(origin.0),
                    num(y(origin.1 + size.1)),
                    num(size.0),
                    num(size.1),
                    colour(*grey, None),
                );
            }
            // The preview's links are the app's to make; nothing is drawn.
            Mark::Link { .. } => {}
            Mark::Shape { rings, grey } => {
                let mut d = String::new();
                for ring in rings {
                    let mut points = ring.iter().peekable();
                    if let Some(&(x, py, _)) = points.next() {
                        let _ = write!(d, "M{} {}", num(x), num(y(py)));
                    }
                    while let Some(&(x, py, control)) = points.next() {
                        if control {
                            // A cubic curve: two control points, then its end.
                            let (b, e) = (points.next(), points.next());
                            if let (Some(&(bx, by, _)), Some(&(ex, ey, _))) = (b, e) {
                                let _ = write!(
                                    d,
                                    "C{} {} {} {} {} {}",
                                    num(x),
                                    num(y(py)),
                                    num(bx),
                                    num(y(by)),
                                    num(ex),
                                    num(y(ey))
                                );
                            }
                        } else {
                            let _ = write!(d, "L{} {}", num(x), num(y(py)));
                        }
                    }
                    d.push('Z');
                }
                let _ = write!(
                    out,
                    r#"<path d="{d}" fill="{}" fill-rule="nonzero"/>"#,
                    colour(*grey, None)
                );
            }
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_never_negative_zero() {
        assert_eq!(num(72.0), "72");
        assert_eq!(num(841.89), "841.89");
        assert_eq!(num(10.504), "10.5");
        assert_eq!(num(-0.001), "0");
    }

    #[test]
    fn widened_spaces_place_each_piece_where_the_pdf_does() {
        let run = TextRun {
            x: 100.0,
            y: 700.0,
            size: 10.0,
            style: Style::Regular,
            grey: 0.0,
            rgb: None,
            text: "a b&c".into(),
            space_extra: 2.0,
            angle: 0.0,
            node: None,
        };
        let mut out = String::new();
        text(&run, &mut out);
        let m = Metrics::get().expect("fonts");
        let second =
            100.0 + m.width("a", Style::Regular, 10.0) + m.width(" ", Style::Regular, 10.0) + 2.0;
        assert_eq!(
            out,
            format!(
                r##"<text x="100" y="141.89" font-size="10" font-weight="normal" font-style="normal" fill="#000000"><tspan x="100">a </tspan><tspan x="{}">b&amp;c</tspan></text>"##,
                num(second)
            )
        );
        // Without widened spaces the run is one piece of text.
        let plain = TextRun {
            space_extra: 0.0,
            ..run
        };
        let mut out = String::new();
        text(&plain, &mut out);
        assert!(out.ends_with(">a b&amp;c</text>"), "{out}");
    }

    #[test]
    fn colours_follow_the_pdf_grey_scale() {
        assert_eq!(colour(0.0, None), "#000000");
        assert_eq!(colour(1.0, None), "#ffffff");
        assert_eq!(colour(0.0, Some([1.0, 0.0, 0.5])), "#ff0080");
    }
}
