//! Writes laid-out pages as a PDF with printpdf's operations, then finishes
//! the file with lopdf: nested outline, document information, language and a
//! content-derived `/ID`, so that the same input always gives the same bytes.

use std::sync::OnceLock;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Color, DictItem, FontId, Greyscale, Line, LinePoint, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rect, Rgb,
    TextItem, TextMatrix, WindingOrder,
};
use sha2::{Digest, Sha256};

use super::layout::fonts::font_bytes;
use super::layout::structure::{Role, StructNode};
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

/// The operations that draw one page, each mark in a marked-content
/// sequence: a text run of a structure element is tagged with its type and
/// the next marked-content identifier (MCID) of the page; everything else
/// (rules, shading, the watermark, running header and footer) is an
/// artifact. Returns the operations and, for each MCID in order, the
/// element it belongs to.
fn page_ops(marks: &[Mark], structure: &[StructNode]) -> (Vec<Op>, Vec<u32>) {
    let mut ops = Vec::new();
    let mut owners = Vec::new();
    for mark in marks {
        if matches!(mark, Mark::Link { .. }) {
            continue;
        }
        let owner = match mark {
            Mark::Text(t) => t
                .node
                .and_then(|n| structure.get(n as usize).map(|s| (n, s.role))),
            _ => None,
        };
        match owner {
            Some((node, role)) => {
                let mut properties = std::collections::BTreeMap::new();
                properties.insert("MCID".to_string(), DictItem::Int(owners.len() as i64));
                ops.push(Op::BeginMarkedContentWithProperties {
                    tag: role.name().to_string(),
                    properties: DictItem::Dict { map: properties },
                });
                owners.push(node);
            }
            None => ops.push(Op::BeginMarkedContent {
                tag: "Artifact".to_string(),
            }),
        }
        mark_ops(mark, &mut ops);
        ops.push(Op::EndMarkedContent);
    }
    (ops, owners)
}

/// The operations that draw one mark.
fn mark_ops(mark: &Mark, ops: &mut Vec<Op>) {
    {
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

/// A link annotation written on a page: the page's index, the annotation,
/// and the link element it belongs to.
struct Annotation {
    page: usize,
    id: ObjectId,
    node: Option<u32>,
}

/// Makes each page's [`Mark::Link`] areas link annotations to the top of
/// their clause (contents entries and cross-references), without a border,
/// each described by the clause's number and title.
fn write_links(doc: &mut lopdf::Document, laid: &LaidOut) -> Result<Vec<Annotation>, DocError> {
    let pages = doc.get_pages();
    let mut written = Vec::new();
    for (index, page) in laid.pages.iter().enumerate() {
        let Some(&page_id) = pages.get(&(index as u32 + 1)) else {
            continue;
        };
        let mut annotations = Vec::new();
        for mark in &page.marks {
            let Mark::Link {
                from,
                to,
                target,
                node,
            } = mark
            else {
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
            if let Some(entry) = laid
                .outline
                .iter()
                .find(|e| e.page == target_page && e.y == y)
            {
                link.set("Contents", text_string(&entry.title));
            }
            let id = doc.add_object(link);
            annotations.push(Object::Reference(id));
            written.push(Annotation {
                page: index,
                id,
                node: *node,
            });
        }
        if annotations.is_empty() {
            continue;
        }
        let dict = doc
            .get_object_mut(page_id)
            .and_then(Object::as_dict_mut)
            .map_err(|e| DocError::Pdf(e.to_string()))?;
        dict.set("Annots", Object::Array(annotations));
        // Tab order follows the structure, as an accessible file needs.
        dict.set("Tabs", Object::Name(b"S".to_vec()));
    }
    Ok(written)
}

/// What a structure element holds, in reading order.
enum Kid {
    Element(usize),
    Content { page: usize, mcid: usize },
    Annotation { page: usize, id: ObjectId },
}

/// Writes the structure tree: one element per structure node that holds
/// text (its ancestors included), each holding its marked content (by page
/// and MCID), its child elements and its link annotations in reading
/// order; the parent tree that leads from a page's MCID or an annotation
/// back to its element; and the catalogue entries that say the file is
/// tagged.
fn write_structure(
    doc: &mut lopdf::Document,
    structure: &[StructNode],
    owners: &[Vec<u32>],
    annotations: &[Annotation],
) -> Result<(), DocError> {
    if structure.is_empty() {
        return Ok(());
    }
    let pages = doc.get_pages();
    let page_id = |page: usize| {
        pages
            .get(&(page as u32 + 1))
            .copied()
            .ok_or_else(|| DocError::Pdf(format!("page {} is missing", page + 1)))
    };
    let n = structure.len();
    let mut kids: Vec<Vec<Kid>> = (0..n).map(|_| Vec::new()).collect();
    let mut attached = vec![false; n];
    // An element joins its parent when its first content is read, so each
    // parent lists its children and its own content in reading order.
    let mut attach = |node: usize, kids: &mut Vec<Vec<Kid>>| {
        let mut chain = Vec::new();
        let mut current = Some(node);
        while let Some(c) = current.filter(|&c| c < n && !attached[c]) {
            chain.push(c);
            current = structure[c].parent.map(|p| p as usize);
        }
        for &c in chain.iter().rev() {
            attached[c] = true;
            if let Some(p) = structure[c].parent {
                kids[p as usize].push(Kid::Element(c));
            }
        }
    };
    attach(0, &mut kids);
    for (page, list) in owners.iter().enumerate() {
        for (mcid, &node) in list.iter().enumerate() {
            attach(node as usize, &mut kids);
            kids[node as usize].push(Kid::Content { page, mcid });
        }
        for a in annotations.iter().filter(|a| a.page == page) {
            if let Some(node) = a.node.map(|x| x as usize).filter(|&x| x < n) {
                attach(node, &mut kids);
                kids[node].push(Kid::Annotation { page, id: a.id });
            }
        }
    }
    let root = doc.new_object_id();
    let ids: Vec<Option<ObjectId>> = attached
        .iter()
        .map(|&a| a.then(|| doc.new_object_id()))
        .collect();
    let reference = |i: usize| ids[i].map_or(Object::Null, Object::Reference);
    for (i, node) in structure.iter().enumerate() {
        let Some(id) = ids[i] else { continue };
        let mut k = Vec::with_capacity(kids[i].len());
        for kid in &kids[i] {
            k.push(match *kid {
                Kid::Element(c) => reference(c),
                Kid::Content { page, mcid } => {
                    let mut mcr = Dictionary::new();
                    mcr.set("Type", Object::Name(b"MCR".to_vec()));
                    mcr.set("Pg", Object::Reference(page_id(page)?));
                    mcr.set("MCID", Object::Integer(mcid as i64));
                    Object::Dictionary(mcr)
                }
                Kid::Annotation { page, id } => {
                    let mut objr = Dictionary::new();
                    objr.set("Type", Object::Name(b"OBJR".to_vec()));
                    objr.set("Pg", Object::Reference(page_id(page)?));
                    objr.set("Obj", Object::Reference(id));
                    Object::Dictionary(objr)
                }
            });
        }
        let mut elem = Dictionary::new();
        elem.set("Type", Object::Name(b"StructElem".to_vec()));
        elem.set("S", Object::Name(node.role.name().as_bytes().to_vec()));
        elem.set(
            "P",
            node.parent
                .map_or(Object::Reference(root), |p| reference(p as usize)),
        );
        elem.set("K", Object::Array(k));
        if node.role == Role::TH {
            // A header cell heads its column: a reader repeats it when it
            // reads a cell below.
            let mut attributes = Dictionary::new();
            attributes.set("O", Object::Name(b"Table".to_vec()));
            attributes.set("Scope", Object::Name(b"Column".to_vec()));
            elem.set("A", Object::Dictionary(attributes));
        }
        doc.set_object(id, elem);
    }
    // The parent tree: a page's entry lists the element of each of its
    // MCIDs; an annotation's entry is its element.
    let mut nums = Vec::new();
    for (page, list) in owners.iter().enumerate() {
        if list.is_empty() {
            continue;
        }
        nums.push(Object::Integer(page as i64));
        nums.push(Object::Array(
            list.iter().map(|&o| reference(o as usize)).collect(),
        ));
        doc.get_object_mut(page_id(page)?)
            .and_then(Object::as_dict_mut)
            .map_err(|e| DocError::Pdf(e.to_string()))?
            .set("StructParents", Object::Integer(page as i64));
    }
    let mut key = owners.len() as i64;
    for a in annotations {
        let Some(node) = a.node.map(|x| x as usize).filter(|&x| x < n) else {
            continue;
        };
        nums.push(Object::Integer(key));
        nums.push(reference(node));
        doc.get_object_mut(a.id)
            .and_then(Object::as_dict_mut)
            .map_err(|e| DocError::Pdf(e.to_string()))?
            .set("StructParent", Object::Integer(key));
        key += 1;
    }
    let mut parent_tree = Dictionary::new();
    parent_tree.set("Nums", Object::Array(nums));
    let mut tree = Dictionary::new();
    tree.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
    tree.set("K", reference(0));
    tree.set("ParentTree", Object::Dictionary(parent_tree));
    tree.set("ParentTreeNextKey", Object::Integer(key));
    doc.set_object(root, tree);
    let catalog = doc
        .catalog_mut()
        .map_err(|e| DocError::Pdf(e.to_string()))?;
    catalog.set("StructTreeRoot", Object::Reference(root));
    let mut mark_info = Dictionary::new();
    mark_info.set("Marked", Object::Boolean(true));
    catalog.set("MarkInfo", Object::Dictionary(mark_info));
    // A reader's window shows the contract's title, not the file's name.
    let mut viewer = Dictionary::new();
    viewer.set("DisplayDocTitle", Object::Boolean(true));
    catalog.set("ViewerPreferences", Object::Dictionary(viewer));
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
    let mut owners = Vec::with_capacity(laid.pages.len());
    let pages = laid
        .pages
        .iter()
        .map(|p| {
            let (ops, page_owners) = page_ops(&p.marks, &laid.structure);
            owners.push(page_owners);
            PdfPage::new(Pt(PAGE_WIDTH).into(), Pt(PAGE_HEIGHT).into(), ops)
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

    let annotations = write_links(&mut doc, laid)?;
    write_structure(&mut doc, &laid.structure, &owners, &annotations)?;
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
