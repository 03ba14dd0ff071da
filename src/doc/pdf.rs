//! Writes laid-out pages as a PDF with printpdf's operations, then finishes
//! the file with lopdf: nested outline, document information, language and a
//! content-derived `/ID`, so that the same input always gives the same bytes.

use std::sync::OnceLock;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Op, PaintMode, ParsedFont, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rect, Rgb, TextItem,
    TextMatrix, WindingOrder,
};
use sha2::{Digest, Sha256};

use super::layout::fonts::font_bytes;
use super::layout::{LaidOut, Mark, OutlineEntry, PAGE_HEIGHT, PAGE_WIDTH};
use super::tree::{Metadata, Style};
use super::DocError;

const STYLES: [Style; 4] = [
    Style::Regular,
    Style::Bold,
    Style::Italic,
    Style::BoldItalic,
];

/// Fixed resource names. printpdf would otherwise draw font ids from a
/// process-wide counter, and the ids become both the resource names and the
/// six-letter subset tags, so a second export in one process would differ.
fn font_id(style: Style) -> FontId {
    FontId(
        match style {
            Style::Regular => "PLGREG",
            Style::Bold => "PLGBLD",
            Style::Italic => "PLGITA",
            Style::BoldItalic => "PLGBIT",
        }
        .to_string(),
    )
}

/// The four faces parsed once per process; each export clones them.
fn parsed_fonts() -> Result<&'static [ParsedFont], DocError> {
    static FONTS: OnceLock<Result<Vec<ParsedFont>, DocError>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            STYLES
                .iter()
                .map(|&style| {
                    ParsedFont::from_bytes(font_bytes(style), 0, &mut Vec::new())
                        .ok_or(DocError::Font { style })
                })
                .collect()
        })
        .as_ref()
        .map(Vec::as_slice)
        .map_err(Clone::clone)
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: level,
        icc_profile: None,
    })
}

/// The grey level, or the colour that replaces it.
fn colour(level: f32, rgb: Option<[f32; 3]>) -> Color {
    match rgb {
        Some([r, g, b]) => Color::Rgb(Rgb {
            r,
            g,
            b,
            icc_profile: None,
        }),
        None => grey(level),
    }
}

/// The operations that draw one page.
fn page_ops(marks: &[Mark]) -> Vec<Op> {
    let mut ops = Vec::new();
    for mark in marks {
        match mark {
            Mark::Text(t) => {
                let mut items = Vec::new();
                // Justification widens each space with a TJ offset (in
                // thousandths of an em, negative to move right): word spacing
                // (Tw) does not apply to the two-byte codes of embedded fonts.
                let offset = -t.space_extra * 1000.0 / t.size;
                let mut pieces = t.text.split(' ').peekable();
                while let Some(piece) = pieces.next() {
                    let mut s = piece.to_string();
                    if pieces.peek().is_some() {
                        s.push(' ');
                    }
                    if !s.is_empty() {
                        items.push(TextItem::Text(s));
                    }
                    if pieces.peek().is_some() && offset.abs() > 0.001 {
                        items.push(TextItem::Offset(offset));
                    }
                }
                let matrix = if t.angle == 0.0 {
                    TextMatrix::Translate(Pt(t.x), Pt(t.y))
                } else {
                    // A raw matrix, because printpdf's rotate variant measures
                    // its angle the other way round.
                    let (sin, cos) = t.angle.to_radians().sin_cos();
                    TextMatrix::Raw([cos, sin, -sin, cos, t.x, t.y])
                };
                ops.push(Op::StartTextSection);
                ops.push(Op::SetFillColor {
                    col: colour(t.grey, t.rgb),
                });
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font_id(t.style)),
                    size: Pt(t.size),
                });
                ops.push(Op::SetTextMatrix { matrix });
                ops.push(Op::ShowText { items });
                ops.push(Op::EndTextSection);
            }
            Mark::Rule {
                from,
                to,
                width,
                grey: g,
                rgb,
            } => {
                ops.push(Op::SetOutlineColor {
                    col: colour(*g, *rgb),
                });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                let point = |(x, y): (f32, f32)| LinePoint {
                    p: Point { x: Pt(x), y: Pt(y) },
                    bezier: false,
                };
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(*from), point(*to)],
                        is_closed: false,
                    },
                });
            }
            Mark::Fill {
                origin,
                size,
                grey: g,
            } => {
                ops.push(Op::SetFillColor { col: grey(*g) });
                let mut rect = Rect::from_xywh(Pt(origin.0), Pt(origin.1), Pt(size.0), Pt(size.1));
                rect.mode = Some(PaintMode::Fill);
                ops.push(Op::DrawRectangle { rectangle: rect });
            }
            // Written as link annotations of the page, not as content.
            Mark::Link { .. } => {}
            Mark::Shape { rings, grey: g } => {
                ops.push(Op::SetFillColor { col: grey(*g) });
                let rings = rings
                    .iter()
                    .map(|ring| PolygonRing {
                        points: ring
                            .iter()
                            .map(|&(x, y, control)| LinePoint {
                                p: Point { x: Pt(x), y: Pt(y) },
                                bezier: control,
                            })
                            .collect(),
                    })
                    .collect();
                ops.push(Op::DrawPolygon {
                    polygon: Polygon {
                        rings,
                        mode: PaintMode::Fill,
                        winding_order: WindingOrder::NonZero,
                    },
                });
            }
        }
    }
    ops
}

/// A PDF text string: literal when ASCII, UTF-16BE with a byte-order mark otherwise.
fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in s.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// Builds the nested outline (bookmarks) from clause headings. printpdf's
/// own bookmarks are flat, so the outline tree is written here.
fn write_outline(doc: &mut lopdf::Document, entries: &[OutlineEntry]) -> Option<ObjectId> {
    if entries.is_empty() {
        return None;
    }
    let pages = doc.get_pages();
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    // parent[i] is the nearest earlier entry of a lower level.
    let mut parent: Vec<Option<usize>> = vec![None; entries.len()];
    let mut stack: Vec<usize> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        while stack.last().is_some_and(|&j| entries[j].level >= e.level) {
            stack.pop();
        }
        parent[i] = stack.last().copied();
        stack.push(i);
    }
    let children = |p: Option<usize>| -> Vec<usize> {
        (0..entries.len()).filter(|&i| parent[i] == p).collect()
    };
    let mut dicts: Vec<Dictionary> = Vec::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        let mut d = Dictionary::new();
        d.set("Title", text_string(&e.title));
        d.set(
            "Parent",
            Object::Reference(parent[i].map_or(root, |p| ids[p])),
        );
        if let Some(&page) = pages.get(&(e.page as u32 + 1)) {
            d.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(page),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Null,
                    Object::Real(e.y + 4.0),
                    Object::Null,
                ]),
            );
        }
        dicts.push(d);
    }
    let link = |list: &[usize], dicts: &mut Vec<Dictionary>| {
        for (k, &i) in list.iter().enumerate() {
            if k > 0 {
                dicts[i].set("Prev", Object::Reference(ids[list[k - 1]]));
            }
            if let Some(&next) = list.get(k + 1) {
                dicts[i].set("Next", Object::Reference(ids[next]));
            }
        }
    };
    let top = children(None);
    link(&top, &mut dicts);
    for i in 0..entries.len() {
        let kids = children(Some(i));
        if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
            dicts[i].set("First", Object::Reference(ids[first]));
            dicts[i].set("Last", Object::Reference(ids[last]));
            // A negative count shows the entry closed: top-level clauses are
            // listed and each opens onto its sub-clauses.
            dicts[i].set("Count", Object::Integer(-(kids.len() as i64)));
            link(&kids, &mut dicts);
        }
    }
    for (id, d) in ids.iter().zip(dicts) {
        doc.set_object(*id, d);
    }
    let mut outlines = Dictionary::new();
    outlines.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(&first), Some(&last)) = (top.first(), top.last()) {
        outlines.set("First", Object::Reference(ids[first]));
        outlines.set("Last", Object::Reference(ids[last]));
    }
    outlines.set("Count", Object::Integer(top.len() as i64));
    doc.set_object(root, outlines);
    Some(root)
}

/// Makes each page's [`Mark::Link`] areas link annotations to the top of
/// their clause (contents entries and cross-references), without a border.
fn write_links(doc: &mut lopdf::Document, laid: &LaidOut) -> Result<(), DocError> {
    let pages = doc.get_pages();
    for (index, page) in laid.pages.iter().enumerate() {
        let Some(&page_id) = pages.get(&(index as u32 + 1)) else {
            continue;
        };
        let mut annotations = Vec::new();
        for mark in &page.marks {
            let Mark::Link { from, to, target } = mark else {
                continue;
            };
            let Some(&Some((target_page, y))) = laid.targets.get(*target as usize) else {
                continue;
            };
            let Some(&target_id) = pages.get(&(target_page as u32 + 1)) else {
                continue;
            };
            let mut link = Dictionary::new();
            link.set("Type", Object::Name(b"Annot".to_vec()));
            link.set("Subtype", Object::Name(b"Link".to_vec()));
            link.set(
                "Rect",
                Object::Array(
                    [
                        from.0.min(to.0),
                        from.1.min(to.1),
                        from.0.max(to.0),
                        from.1.max(to.1),
                    ]
                    .into_iter()
                    .map(Object::Real)
                    .collect(),
                ),
            );
            link.set(
                "Border",
                Object::Array(vec![
                    Object::Integer(0),
                    Object::Integer(0),
                    Object::Integer(0),
                ]),
            );
            link.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(target_id),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Null,
                    Object::Real(y + 4.0),
                    Object::Null,
                ]),
            );
            annotations.push(Object::Reference(doc.add_object(link)));
        }
        if annotations.is_empty() {
            continue;
        }
        let dict = doc
            .get_object_mut(page_id)
            .and_then(Object::as_dict_mut)
            .map_err(|e| DocError::Pdf(e.to_string()))?;
        dict.set("Annots", Object::Array(annotations));
    }
    Ok(())
}

fn info_dictionary(meta: &Metadata) -> Dictionary {
    let (y, m, d) = meta.date;
    let date = format!("D:{y:04}{m:02}{d:02}000000Z");
    let mut info = Dictionary::new();
    info.set("Title", text_string(&meta.title));
    info.set("Author", text_string(&meta.author));
    info.set("Subject", text_string(&meta.subject));
    info.set(
        "Keywords",
        text_string(&format!(
            "{} v{} sha256:{}",
            meta.reference, meta.version, meta.fingerprint
        )),
    );
    info.set("Creator", text_string("Pledge"));
    info.set(
        "Producer",
        text_string("Pledge document layout; printpdf 0.12.8"),
    );
    info.set(
        "CreationDate",
        Object::String(date.clone().into_bytes(), StringFormat::Literal),
    );
    info.set(
        "ModDate",
        Object::String(date.into_bytes(), StringFormat::Literal),
    );
    info
}

/// The `/ID` placeholder: sixteen bytes whose hex form has no letters, so it
/// reads the same whichever case the writer uses for hex digits.
const ID_PLACEHOLDER: [u8; 16] = [0x11; 16];

/// Writes the laid-out document as PDF bytes.
pub fn write(laid: &LaidOut, meta: &Metadata) -> Result<Vec<u8>, DocError> {
    let fonts = parsed_fonts()?;
    let mut pdf = PdfDocument::new(&meta.title);
    for (style, font) in STYLES.iter().zip(fonts) {
        pdf.resources
            .fonts
            .map
            .insert(font_id(*style), PdfFont::new(font.clone()));
    }
    let pages = laid
        .pages
        .iter()
        .map(|p| {
            PdfPage::new(
                Pt(PAGE_WIDTH).into(),
                Pt(PAGE_HEIGHT).into(),
                page_ops(&p.marks),
            )
        })
        .collect();
    pdf.pages = pages;
    let opts = PdfSaveOptions {
        image_optimization: None,
        ..PdfSaveOptions::default()
    };
    let mut warnings = Vec::new();
    let mut doc = printpdf::to_lopdf_doc(&pdf, &opts, &mut warnings);
    doc.compress();

    write_links(&mut doc, laid)?;
    let outline = write_outline(&mut doc, &laid.outline);
    let catalog = doc
        .catalog_mut()
        .map_err(|e| DocError::Pdf(e.to_string()))?;
    catalog.remove(b"Metadata");
    catalog.set(
        "Lang",
        Object::String(meta.lang.tag().as_bytes().to_vec(), StringFormat::Literal),
    );
    if let Some(root) = outline {
        catalog.set("Outlines", Object::Reference(root));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    let info_id = doc.add_object(info_dictionary(meta));
    doc.trailer.set("Info", Object::Reference(info_id));
    let placeholder = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
    doc.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
    // The Info dictionary printpdf wrote is no longer referenced.
    doc.prune_objects();

    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)
        .map_err(|e| DocError::Pdf(e.to_string()))?;
    // The file identifier is derived from the content, as ISO 32000 suggests,
    // instead of printpdf's counter: same document, same identifier.
    let digest = Sha256::digest(&bytes);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02X}")).collect();
    let needle: String = ID_PLACEHOLDER.iter().map(|b| format!("{b:02X}")).collect();
    let mut replaced = 0;
    let mut search_end = bytes.len();
    while replaced < 2 {
        let Some(at) = find_last(&bytes[..search_end], needle.as_bytes()) else {
            break;
        };
        bytes[at..at + needle.len()].copy_from_slice(hex.as_bytes());
        search_end = at;
        replaced += 1;
    }
    if replaced != 2 {
        return Err(DocError::Pdf(
            "the trailer /ID was not written as expected".to_string(),
        ));
    }
    Ok(bytes)
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}
