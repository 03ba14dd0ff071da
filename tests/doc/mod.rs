//! The contract PDF checked with the poppler and qpdf command-line tools,
//! the way a reader of the file would see it.

mod bounds;
mod clauses;
mod contract;
mod docx;
mod language;
mod markdown;
mod svg;
mod tagged;
mod terms;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use pledge::doc::layout::Mark;
use pledge::doc::sample::sample_document;
use pledge::doc::tree::Lang;
use pledge::doc::{export_pdf, layout, ExportOptions};

const FINGERPRINT: &str = "9f2c4e1ab37d5c60e8f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7";

struct Exported {
    dir: tempfile::TempDir,
    path: PathBuf,
    bytes: Vec<u8>,
    pages: usize,
}

fn export(lang: Lang, draft: bool) -> Exported {
    let doc = sample_document(lang, 14, FINGERPRINT);
    let opts = ExportOptions { draft };
    let pages = layout::layout(&doc, opts).expect("layout").pages.len();
    let bytes = export_pdf(&doc, opts).expect("export");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("contract.pdf");
    std::fs::write(&path, &bytes).expect("write pdf");
    Exported {
        dir,
        path,
        bytes,
        pages,
    }
}

fn english() -> &'static Exported {
    static E: OnceLock<Exported> = OnceLock::new();
    E.get_or_init(|| export(Lang::En, false))
}

fn french() -> &'static Exported {
    static F: OnceLock<Exported> = OnceLock::new();
    F.get_or_init(|| export(Lang::Fr, true))
}

fn tool(name: &str, args: &[&str], file: &Path) -> (bool, String) {
    let out = Command::new(name)
        .args(args)
        .arg(file)
        .output()
        .unwrap_or_else(|e| {
            panic!("{name} must be installed (apt-get install poppler-utils qpdf): {e}")
        });
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

/// Text as pdftotext reads it, with hyphenated line ends joined and runs of
/// white space (including no-break spaces) made single spaces.
fn text_of(e: &Exported) -> String {
    let out = e.dir.path().join("text.txt");
    let status = Command::new("pdftotext")
        .arg(&e.path)
        .arg(&out)
        .status()
        .expect("pdftotext must be installed");
    assert!(status.success());
    let raw = std::fs::read_to_string(out).expect("text");
    let joined = raw.replace("-\n", "");
    joined
        .split(|c: char| c.is_whitespace() || c == '\u{202F}')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn text_extraction_finds_headings_and_exact_strings() {
    let en = text_of(english());
    for needle in [
        "Service Level Agreement",
        "Contents",
        "1 Definitions",
        "5 Service credits",
        "4.2 Undertaking 2",
        "Plan / priority",
        "Premium / P1",
        "Société Générale d’Équipement Œnologique",
        "see clause 5 for the remedies",
        &format!("Fingerprint SHA-256 {FINGERPRINT}"),
        "Page 3 of",
    ] {
        assert!(en.contains(needle), "English text lacks {needle:?}");
    }
    let fr = text_of(french());
    for needle in [
        "Contrat de niveau de service",
        "Sommaire",
        "5 Crédits de service",
        "« Heures ouvrées » désigne la plage",
        "œuvre, cœur et sœur",
        "voir l’article 5 pour les recours",
        "Délai de prise en charge",
        "Page 2 sur",
    ] {
        assert!(fr.contains(needle), "French text lacks {needle:?}");
    }
}

#[test]
fn french_spacing_is_no_break_and_holds_in_the_file() {
    // The laid-out runs carry the no-break spaces (poppler's text output turns
    // them into plain spaces, so they are checked before writing)…
    let doc = sample_document(Lang::Fr, 14, FINGERPRINT);
    let laid = layout::layout(&doc, ExportOptions { draft: true }).expect("layout");
    let runs: Vec<String> = laid
        .pages
        .iter()
        .flat_map(|p| &p.marks)
        .filter_map(|m| match m {
            Mark::Text(t) => Some(t.text.clone()),
            _ => None,
        })
        .collect();
    assert!(
        runs.iter()
            .any(|t| t.contains("«\u{A0}Heures ouvrées\u{A0}»")),
        "guillemets lack no-break spaces"
    );
    assert!(
        runs.iter().any(|t| t.contains("\u{202F};")),
        "no narrow no-break space before a semicolon"
    );
    // A cross-reference is a run of its own (it is a link), so the text is
    // read across runs.
    assert!(
        runs.concat().contains("article 5\u{202F};"),
        "a run opening with ';' lost its space"
    );
    // …and the watermark is on every page of the draft only.
    let watermarks = |laid: &layout::LaidOut| {
        laid.pages
            .iter()
            .filter(|p| {
                p.marks.iter().any(|m| matches!(m, Mark::Shape { .. }))
                    && !p
                        .marks
                        .iter()
                        .any(|m| matches!(m, Mark::Text(t) if t.text.contains("PROJET")))
            })
            .count()
    };
    assert_eq!(watermarks(&laid), laid.pages.len());
    assert_eq!(
        watermarks(&layout::layout(&doc, ExportOptions::default()).expect("layout")),
        0
    );
    // In the PDF, no line starts with high punctuation or a closing guillemet,
    // and none ends with an opening one.
    let e = french();
    let out = e.dir.path().join("raw.txt");
    assert!(Command::new("pdftotext")
        .arg(&e.path)
        .arg(&out)
        .status()
        .expect("pdftotext")
        .success());
    let raw = std::fs::read_to_string(out).expect("text");
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        assert!(
            !line.starts_with([';', ':', '!', '?', '»']),
            "line starts badly: {line:?}"
        );
        assert!(
            !line.ends_with('«'),
            "line ends with an opening guillemet: {line:?}"
        );
    }
}

#[test]
fn every_font_is_embedded_and_subset() {
    let (ok, out) = tool("pdffonts", &[], &english().path);
    assert!(ok, "{out}");
    let rows: Vec<&str> = out
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(rows.len(), 4, "{out}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(cols[0].contains("+LiberationSerif"), "not a subset: {row}");
        // Columns after the type: emb, sub, uni.
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{row}");
    }
}

#[test]
fn qpdf_check_passes_and_outline_is_nested() {
    for e in [english(), french()] {
        let (ok, out) = tool("qpdf", &["--check"], &e.path);
        assert!(
            ok && out.contains("No syntax or stream encoding errors"),
            "{out}"
        );
        let (ok, json) = tool("qpdf", &["--json", "--json-key=outlines"], &e.path);
        assert!(ok, "{json}");
        // Top-level clauses, each with its sub-clauses as kids.
        assert!(
            json.contains("\"title\": \"1 Definitions\"")
                || json.contains("\"title\": \"1 Définitions\""),
            "{json}"
        );
        assert!(
            json.contains("\"title\": \"4.2 Undertaking 2\"")
                || json.contains("\"title\": \"4.2 Engagement 2\"")
        );
        assert!(json.contains("\"kids\": [\n"), "the outline is flat");
    }
}

#[test]
fn page_count_and_metadata() {
    let e = english();
    assert!(e.pages >= 20, "only {} pages", e.pages);
    let (ok, info) = tool("pdfinfo", &[], &e.path);
    assert!(ok, "{info}");
    let field = |name: &str| {
        info.lines()
            .find(|l| l.starts_with(name))
            .map(|l| l[name.len()..].trim().to_string())
            .unwrap_or_default()
    };
    assert_eq!(field("Pages:"), e.pages.to_string());
    assert_eq!(field("Title:"), "Service Level Agreement");
    assert_eq!(field("Author:"), "Acme Support SAS");
    assert_eq!(field("Subject:"), "Customer support SLA, Premium plan");
    assert!(field("Keywords:").contains(FINGERPRINT));
    assert!(field("Page size:").contains("(A4)"), "{info}");
    assert!(field("CreationDate:").contains("2026"), "{info}");
    let (_, fr) = tool("pdfinfo", &[], &french().path);
    assert!(fr.contains("Contrat de niveau de service"), "{fr}");
    // The catalogue carries the language for screen readers.
    assert!(contains(&e.bytes, b"/Lang(en)") || contains(&e.bytes, b"/Lang (en)"));
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn exports_are_byte_identical_in_one_process() {
    let doc = sample_document(Lang::Fr, 14, FINGERPRINT);
    let opts = ExportOptions { draft: true };
    let a = export_pdf(&doc, opts).expect("export");
    let b = export_pdf(&doc, opts).expect("export");
    assert!(a == b, "two exports in one process differ");
    assert_eq!(a, french().bytes);
    // And a different fingerprint changes the bytes (and the /ID).
    let other = export_pdf(&sample_document(Lang::Fr, 14, &"0".repeat(64)), opts).expect("export");
    assert_ne!(a, other);
}

#[test]
fn exports_are_byte_identical_across_processes() {
    // The test binary runs itself in a child process that writes the same
    // document; the child is selected by an environment variable.
    if let Ok(path) = std::env::var("PLEDGE_DOC_CHILD_OUT") {
        let doc = sample_document(Lang::En, 14, FINGERPRINT);
        std::fs::write(
            path,
            export_pdf(&doc, ExportOptions::default()).expect("export"),
        )
        .expect("write");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("child.pdf");
    let status = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "doc::exports_are_byte_identical_across_processes",
            "--exact",
            "--test-threads=1",
        ])
        .env("PLEDGE_DOC_CHILD_OUT", &out)
        .status()
        .expect("run child");
    assert!(status.success());
    let child = std::fs::read(&out).expect("child output");
    assert!(
        child == english().bytes,
        "a second process wrote different bytes"
    );
}

#[test]
fn pages_render_without_errors() {
    let e = french();
    let prefix = e.dir.path().join("page");
    let out = Command::new("pdftoppm")
        .args(["-png", "-r", "20", "-f", "1", "-l", "4"])
        .arg(&e.path)
        .arg(&prefix)
        .output()
        .expect("pdftoppm must be installed");
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pngs = std::fs::read_dir(e.dir.path()).expect("dir").filter(|f| {
        f.as_ref()
            .is_ok_and(|f| f.file_name().to_string_lossy().ends_with(".png"))
    });
    assert_eq!(pngs.count(), 4);
}

/// The link annotations of each page: (page number from 1, destination page
/// number from 1).
fn links(bytes: &[u8]) -> Vec<(u32, u32)> {
    let doc = lopdf::Document::load_mem(bytes).expect("the PDF loads");
    let pages = doc.get_pages();
    let number_of = |id: lopdf::ObjectId| pages.iter().find(|(_, &p)| p == id).map(|(&n, _)| n);
    let mut out = Vec::new();
    for (&n, &id) in &pages {
        let page = doc.get_dictionary(id).expect("a page");
        let Ok(annots) = page.get(b"Annots").and_then(lopdf::Object::as_array) else {
            continue;
        };
        for a in annots {
            let link = doc
                .get_dictionary(a.as_reference().expect("a reference"))
                .expect("an annotation");
            assert_eq!(
                link.get(b"Subtype").and_then(lopdf::Object::as_name).ok(),
                Some(&b"Link"[..])
            );
            let dest = link
                .get(b"Dest")
                .and_then(lopdf::Object::as_array)
                .expect("a destination");
            let target =
                number_of(dest[0].as_reference().expect("a page")).expect("a page of the document");
            out.push((n, target));
        }
    }
    out
}

#[test]
fn contents_entries_and_cross_references_are_links_to_their_clause() {
    let e = english();
    let all = links(&e.bytes);
    let doc = sample_document(Lang::En, 14, FINGERPRINT);
    let laid = layout::layout(&doc, ExportOptions::default()).expect("layout");
    // Every top-level clause (the contents list at least those) has an
    // entry that links to the page its heading is on.
    let top: Vec<&layout::OutlineEntry> = laid.outline.iter().filter(|o| o.level == 1).collect();
    for heading in &top {
        assert!(
            all.iter().any(|&(_, to)| to == heading.page as u32 + 1),
            "no link to {} on page {}",
            heading.title,
            heading.page + 1
        );
    }
    let contents_page = 2;
    let from_contents = all
        .iter()
        .filter(|&&(from, _)| from == contents_page)
        .count();
    assert!(
        from_contents >= top.len(),
        "{from_contents} links on the contents page"
    );
    // Cross-references in the text ("see clause 5") link too: some link
    // starts after the contents.
    let section5 = laid
        .outline
        .iter()
        .find(|o| o.title.starts_with("5 "))
        .expect("clause 5");
    assert!(
        all.iter()
            .any(|&(from, to)| from > contents_page && to == section5.page as u32 + 1),
        "no cross-reference links to clause 5: {all:?}"
    );
}
