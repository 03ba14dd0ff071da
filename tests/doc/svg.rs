//! The SVG preview of a page: a well-formed document that draws the marks
//! the PDF prints, at the same places, in the same faces and colours.

use pledge::doc::layout::{self, LaidOut, Mark, PAGE_HEIGHT};
use pledge::doc::sample::sample_document;
use pledge::doc::svg;
use pledge::doc::tree::{Block, Clause, Document, Lang, Paragraph, Style};
use pledge::doc::ExportOptions;
use quick_xml::events::Event;
use quick_xml::Reader;

use super::FINGERPRINT;

/// One `<text>` element as read back from the SVG.
#[derive(Debug, Default)]
struct Text {
    x: f32,
    y: f32,
    size: f32,
    weight: String,
    slant: String,
    rotate: bool,
    text: String,
}

/// What an SVG page holds, read with an XML parser (so a page that is not
/// well formed fails here).
#[derive(Debug, Default)]
struct Parsed {
    root: usize,
    texts: Vec<Text>,
    lines: usize,
    rects: usize,
    /// Filled shapes: `(fill, number of subpaths)`.
    paths: Vec<(String, usize)>,
    strokes: Vec<String>,
}

fn parse(svg: &str) -> Parsed {
    let mut reader = Reader::from_str(svg);
    let mut out = Parsed::default();
    let mut current: Option<Text> = None;
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("not well formed: {e}\n{svg}"));
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name().as_ref().to_string();
                let attr = |key: &str| -> String {
                    e.attributes()
                        .map(|a| a.expect("attribute"))
                        .find(|a| a.key.as_ref() == key)
                        .map(|a| a.value.to_string())
                        .unwrap_or_default()
                };
                let number = |key: &str| -> f32 {
                    attr(key)
                        .parse()
                        .unwrap_or_else(|_| panic!("{key} of {name}"))
                };
                match name.as_str() {
                    "svg" => {
                        assert!(
                            out.root == 0 && out.texts.is_empty() && out.lines + out.rects == 0,
                            "svg is the root"
                        );
                        out.root += 1;
                    }
                    "text" => {
                        current = Some(Text {
                            x: number("x"),
                            y: number("y"),
                            size: number("font-size"),
                            weight: attr("font-weight"),
                            slant: attr("font-style"),
                            rotate: attr("transform").starts_with("rotate("),
                            text: String::new(),
                        });
                    }
                    "line" => {
                        out.lines += 1;
                        out.strokes.push(attr("stroke"));
                    }
                    "rect" => out.rects += 1,
                    "path" => out
                        .paths
                        .push((attr("fill"), attr("d").matches('M').count())),
                    // Pieces of a justified run, each at the PDF's position.
                    "tspan" => assert!(current.is_some(), "a tspan outside a text"),
                    other => panic!("unexpected element {other}"),
                }
            }
            Event::Text(t) => {
                if let Some(c) = current.as_mut() {
                    c.text.push_str(t.as_ref());
                }
            }
            Event::GeneralRef(r) => {
                let entity = r.as_ref().to_string();
                let c = match entity.as_str() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    other => panic!("unexpected entity {other}"),
                };
                current.as_mut().expect("entity inside text").text.push(c);
            }
            Event::End(e) => {
                if e.name().as_ref() == "text" {
                    out.texts.push(current.take().expect("an open text"));
                }
            }
            Event::Eof => break,
            other => panic!("unexpected event {other:?}"),
        }
    }
    out
}

fn laid(doc: &Document, draft: bool) -> LaidOut {
    layout::layout(doc, ExportOptions { draft }).expect("layout")
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() <= 0.006
}

#[test]
fn every_page_draws_every_mark_in_place_with_its_face() {
    for lang in [Lang::En, Lang::Fr] {
        let doc = sample_document(lang, 14, FINGERPRINT);
        let laid = laid(&doc, false);
        assert!(laid.pages.len() > 3, "a multi-page sample");
        for (i, page) in laid.pages.iter().enumerate() {
            let parsed = parse(&svg::page(page));
            assert_eq!(parsed.root, 1);
            let runs: Vec<_> = page
                .marks
                .iter()
                .filter_map(|m| match m {
                    Mark::Text(t) => Some(t),
                    _ => None,
                })
                .collect();
            let rules = page
                .marks
                .iter()
                .filter(|m| matches!(m, Mark::Rule { .. }))
                .count();
            let fills = page
                .marks
                .iter()
                .filter(|m| matches!(m, Mark::Fill { .. }))
                .count();
            assert_eq!(
                parsed.texts.len(),
                runs.len(),
                "page {i}: one text element a run"
            );
            assert_eq!(parsed.lines, rules, "page {i}: one line a rule");
            // The white paper is a rectangle too.
            assert_eq!(parsed.rects, fills + 1, "page {i}: one rect a fill");
            for (run, text) in runs.iter().zip(&parsed.texts) {
                assert_eq!(text.text, run.text, "page {i}");
                assert!(close(text.x, run.x), "page {i}: x {} for {}", text.x, run.x);
                assert!(
                    close(text.y, PAGE_HEIGHT - run.y),
                    "page {i}: y {} for {}",
                    text.y,
                    run.y
                );
                assert!(close(text.size, run.size));
                let bold = matches!(run.style, Style::Bold | Style::BoldItalic);
                let italic = matches!(run.style, Style::Italic | Style::BoldItalic);
                assert_eq!(text.weight, if bold { "bold" } else { "normal" });
                assert_eq!(text.slant, if italic { "italic" } else { "normal" });
                assert!(!text.rotate, "no watermark without draft");
            }
        }
    }
}

#[test]
fn the_draft_watermark_is_rotated_on_every_page() {
    let doc = sample_document(Lang::Fr, 4, FINGERPRINT);
    let laid = laid(&doc, true);
    for page in &laid.pages {
        let parsed = parse(&svg::page(page));
        // Drawn as the outlines of its letters (issue 14 point 5), so no
        // text of the page holds them.
        assert!(parsed.texts.iter().all(|t| !t.rotate), "no rotated text");
        assert!(parsed.texts.iter().all(|t| !t.text.contains("PROJET")));
        assert_eq!(parsed.paths.len(), 1, "one watermark a page");
        let (fill, subpaths) = &parsed.paths[0];
        assert_ne!(fill, "#000000", "the watermark is light");
        // P, R, O, J, E, T: at least one contour each, two for P, R, O.
        assert!(*subpaths >= 9, "{subpaths} contours");
    }
}

#[test]
fn markup_characters_in_the_text_stay_text() {
    let hostile = r#"Price < 5 & "quoted" 'single' > </text><script>x</script>"#;
    let doc = Document {
        meta: sample_document(Lang::En, 1, FINGERPRINT).meta,
        blocks: vec![Block::Clause(Clause::new(
            "scope",
            "Scope & <b>",
            vec![Block::Paragraph(Paragraph::plain(hostile))],
        ))],
    };
    let laid = laid(&doc, false);
    let svg = svg::page(&laid.pages[0]);
    assert!(!svg.contains("<script>"), "{svg}");
    let parsed = parse(&svg);
    let all: String = parsed
        .texts
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(all.contains("Scope & <b>"), "{all}");
    for word in [
        "<",
        "&",
        "\"quoted\"",
        "'single'",
        "</text><script>x</script>",
    ] {
        assert!(all.contains(word), "{word} in {all}");
    }
}
