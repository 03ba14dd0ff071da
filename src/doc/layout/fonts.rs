//! Font metrics of the shipped serif family, read with `ttf-parser`.
//!
//! The fonts are compiled into the binary from `templates/fonts/`, so a
//! document never depends on the fonts installed on the machine.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::doc::tree::Style;
use crate::doc::DocError;

/// Liberation Serif Regular (SIL OFL 1.1, see `templates/fonts/OFL.txt`).
pub(crate) const REGULAR: &[u8] =
    include_bytes!("../../../templates/fonts/LiberationSerif-Regular.ttf");
/// Liberation Serif Bold.
pub(crate) const BOLD: &[u8] = include_bytes!("../../../templates/fonts/LiberationSerif-Bold.ttf");
/// Liberation Serif Italic.
pub(crate) const ITALIC: &[u8] =
    include_bytes!("../../../templates/fonts/LiberationSerif-Italic.ttf");
/// Liberation Serif Bold Italic.
pub(crate) const BOLD_ITALIC: &[u8] =
    include_bytes!("../../../templates/fonts/LiberationSerif-BoldItalic.ttf");

/// The font program of a style.
pub(crate) fn font_bytes(style: Style) -> &'static [u8] {
    match style {
        Style::Regular => REGULAR,
        Style::Bold => BOLD,
        Style::Italic => ITALIC,
        Style::BoldItalic => BOLD_ITALIC,
    }
}

/// Advance widths of one face, in thousandths of an em, by character.
struct FaceMetrics {
    /// Characters below U+0180 (Latin-1 and Latin Extended-A) are looked up in
    /// an array because they are nearly all of a contract's text.
    latin: Vec<f32>,
    /// Everything else, measured once when the font is loaded.
    other: HashMap<char, f32>,
}

impl FaceMetrics {
    fn load(bytes: &'static [u8], style: Style) -> Result<FaceMetrics, DocError> {
        let face = ttf_parser::Face::parse(bytes, 0).map_err(|_| DocError::Font { style })?;
        let upm = f32::from(face.units_per_em());
        let advance = |c: char| -> f32 {
            let gid = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
            f32::from(face.glyph_hor_advance(gid).unwrap_or(0)) * 1000.0 / upm
        };
        let latin = (0u32..0x180)
            .map(|u| char::from_u32(u).map_or(0.0, advance))
            .collect();
        let mut other = HashMap::new();
        // The rest of the font's character map is small enough to measure eagerly,
        // which keeps width lookups free of locks and of interior mutability.
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables {
                if !sub.is_unicode() {
                    continue;
                }
                sub.codepoints(|u| {
                    if u >= 0x180 {
                        if let Some(c) = char::from_u32(u) {
                            other.entry(c).or_insert_with(|| advance(c));
                        }
                    }
                });
            }
        }
        Ok(FaceMetrics { latin, other })
    }

    fn advance(&self, c: char) -> f32 {
        let u = c as usize;
        if u < self.latin.len() {
            self.latin[u]
        } else {
            // A character the font lacks is drawn as .notdef; half an em is a
            // fair stand-in for its width.
            self.other.get(&c).copied().unwrap_or(500.0)
        }
    }
}

/// Metrics of the four faces of the family.
pub(crate) struct Metrics {
    faces: [FaceMetrics; 4],
}

fn index(style: Style) -> usize {
    match style {
        Style::Regular => 0,
        Style::Bold => 1,
        Style::Italic => 2,
        Style::BoldItalic => 3,
    }
}

impl Metrics {
    /// The metrics of the shipped family, parsed once per process.
    pub(crate) fn get() -> Result<&'static Metrics, DocError> {
        static METRICS: OnceLock<Result<Metrics, DocError>> = OnceLock::new();
        METRICS
            .get_or_init(|| {
                Ok(Metrics {
                    faces: [
                        FaceMetrics::load(REGULAR, Style::Regular)?,
                        FaceMetrics::load(BOLD, Style::Bold)?,
                        FaceMetrics::load(ITALIC, Style::Italic)?,
                        FaceMetrics::load(BOLD_ITALIC, Style::BoldItalic)?,
                    ],
                })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The width of `text` in `style` at `size` points.
    pub(crate) fn width(&self, text: &str, style: Style, size: f32) -> f32 {
        let face = &self.faces[index(style)];
        text.chars().map(|c| face.advance(c)).sum::<f32>() * size / 1000.0
    }
}

/// One point of a glyph outline in points: `control` marks the two
/// control points that come before the end point of a cubic curve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PathPoint {
    /// Across, from the text's start.
    pub x: f32,
    /// Up, from the baseline.
    pub y: f32,
    /// Whether this is a curve's control point.
    pub control: bool,
}

/// Collects a glyph's contours as closed rings of points, scaled to
/// points and shifted along the baseline; quadratic curves (TrueType's)
/// are raised to the cubic curves a PDF path draws.
struct Rings {
    scale: f32,
    shift: f32,
    rings: Vec<Vec<PathPoint>>,
    last: (f32, f32),
}

impl Rings {
    fn at(&self, x: f32, y: f32) -> (f32, f32) {
        (self.shift + x * self.scale, y * self.scale)
    }
    fn push(&mut self, (x, y): (f32, f32), control: bool) {
        if let Some(ring) = self.rings.last_mut() {
            ring.push(PathPoint { x, y, control });
        }
    }
}

impl ttf_parser::OutlineBuilder for Rings {
    fn move_to(&mut self, x: f32, y: f32) {
        let p = self.at(x, y);
        self.rings.push(Vec::new());
        self.push(p, false);
        self.last = p;
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let p = self.at(x, y);
        self.push(p, false);
        self.last = p;
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (q, p) = (self.at(x1, y1), self.at(x, y));
        let (s, t) = (self.last, 2.0 / 3.0);
        self.push((s.0 + t * (q.0 - s.0), s.1 + t * (q.1 - s.1)), true);
        self.push((p.0 + t * (q.0 - p.0), p.1 + t * (q.1 - p.1)), true);
        self.push(p, false);
        self.last = p;
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (a, b, p) = (self.at(x1, y1), self.at(x2, y2), self.at(x, y));
        self.push(a, true);
        self.push(b, true);
        self.push(p, false);
        self.last = p;
    }
    fn close(&mut self) {
        let first = self.rings.last().and_then(|r| r.first()).copied();
        if let Some(first) = first {
            if (first.x, first.y) != self.last {
                self.push((first.x, first.y), false);
            }
            self.last = (first.x, first.y);
        }
    }
}

/// The outlines of `text` set in `style` at `size` points, from its start
/// on the baseline: shapes to fill instead of text to show, for marks that
/// must not be read as the page's text (the draft watermark).
pub(crate) fn outlines(
    text: &str,
    style: Style,
    size: f32,
) -> Result<Vec<Vec<PathPoint>>, DocError> {
    let face =
        ttf_parser::Face::parse(font_bytes(style), 0).map_err(|_| DocError::Font { style })?;
    let scale = size / f32::from(face.units_per_em());
    let mut rings = Rings {
        scale,
        shift: 0.0,
        rings: Vec::new(),
        last: (0.0, 0.0),
    };
    for c in text.chars() {
        let gid = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
        face.outline_glyph(gid, &mut rings);
        rings.shift += f32::from(face.glyph_hor_advance(gid).unwrap_or(0)) * scale;
    }
    Ok(rings.rings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_real_metrics() {
        let m = Metrics::get().expect("shipped fonts parse");
        // Liberation Serif is metric-compatible with Times: "m" is 778 units
        // of 1000 and "i" 278, so at 10 pt they measure 7.78 and 2.78.
        assert!((m.width("m", Style::Regular, 10.0) - 7.78).abs() < 0.01);
        assert!((m.width("i", Style::Regular, 10.0) - 2.78).abs() < 0.01);
        assert!(m.width("Service", Style::Bold, 10.0) > m.width("Service", Style::Regular, 10.0));
        // Characters beyond Latin-1 come from the eager map, not the fallback.
        let narrow_nbsp = m.width("\u{202F}", Style::Regular, 10.0);
        assert!(narrow_nbsp > 0.5 && narrow_nbsp < 2.5, "{narrow_nbsp}");
        assert!((m.width("œ", Style::Regular, 10.0) - 7.22).abs() < 0.05);
    }
}
