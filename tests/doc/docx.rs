//! The Word export (issue 14 point 7): every sample in both languages and
//! editions, and a comparison with tracked changes, opened by LibreOffice
//! (headless, converted to PDF) without error, with the words of the
//! contract's own PDF; the archive well formed and the same bytes each time.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use pledge::doc::contract::{self, ContractOptions, Edition, Format};
use pledge::doc::tree::{Block, Lang};
use pledge::model::Agreement;

const SAMPLES: [&str; 3] = ["saas-multilevel", "fr-pme-infogerance", "internal-it-ola"];

fn agreement(name: &str) -> Agreement {
    pledge::format::read(pledge::samples::find(name).expect("a sample").text).expect("it reads")
}

fn opts(lang: Lang, edition: Edition, format: Format) -> ContractOptions {
    ContractOptions {
        lang: Some(lang),
        edition,
        format,
        ..ContractOptions::default()
    }
}

/// Converts the Word files to PDF with LibreOffice, all in one run.
fn libreoffice_to_pdf(files: &[std::path::PathBuf], out: &Path) {
    let result = Command::new("soffice")
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(out)
        .args(files)
        .env("HOME", out)
        .output()
        .expect("LibreOffice must be installed (apt-get install libreoffice-writer-nogui)");
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    for f in files {
        let pdf = out
            .join(f.file_stem().expect("a name"))
            .with_extension("pdf");
        assert!(
            pdf.exists(),
            "LibreOffice could not open {}: {}",
            f.display(),
            String::from_utf8_lossy(&result.stdout)
        );
    }
}

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        // Content-stream order: a table cell's lines stay together.
        .args(["-raw", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext must be installed (apt-get install poppler-utils)");
    assert!(out.status.success(), "pdftotext {}", path.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The words of a contract's body as a reader finds them: from the first
/// words of its first clause's text to the end, without the running header
/// and footer (reference, title, mark, fingerprint, page numbers), with
/// hyphens dropped (the PDF hyphenates, Word does not), as a set (a table's
/// header row repeats on the pages it spans, which are not the same pages
/// in Word).
fn body_words(text: &str, start: &str, furniture: &[String]) -> BTreeSet<String> {
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| {
            let l = l.trim();
            !(furniture.iter().any(|f| l == f)
                || l.starts_with("Fingerprint SHA-256")
                || l.starts_with("Empreinte SHA-256")
                || l.starts_with("Ref. ")
                || l.starts_with("Réf. ")
                || (l.starts_with("Page ") && (l.contains(" of ") || l.contains(" sur "))))
        })
        .collect();
    let joined = kept.join("\n").replace("-\n", "").replace('-', "");
    let from = joined
        .find(start)
        .unwrap_or_else(|| panic!("the text lacks {start:?}"));
    joined[from..]
        .split(|c: char| c.is_whitespace() || c == '\u{202F}' || c == '\u{A0}')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The first words of the first paragraph of the first clause.
fn first_words(a: &Agreement, o: &ContractOptions) -> String {
    let doc = contract::render(a, o).expect("renders");
    for b in &doc.blocks {
        if let Block::Clause(c) = b {
            for inner in &c.body {
                if let Block::Paragraph(p) = inner {
                    let text: String = p
                        .runs
                        .iter()
                        .map(|r| match r {
                            pledge::doc::tree::Inline::Text { text, .. } => text.clone(),
                            pledge::doc::tree::Inline::Term(t) => t.clone(),
                            _ => String::new(),
                        })
                        .collect();
                    return text
                        .split_whitespace()
                        .take(3)
                        .collect::<Vec<_>>()
                        .join(" ");
                }
            }
        }
    }
    panic!("no paragraph in the first clause");
}

#[test]
fn every_sample_opens_in_libreoffice_with_the_words_of_its_pdf() {
    let dir = tempfile::tempdir().expect("a folder");
    let mut cases = Vec::new();
    for name in SAMPLES {
        let a = agreement(name);
        for lang in [Lang::En, Lang::Fr] {
            for edition in [Edition::Client, Edition::Internal] {
                let stem = format!("{name}-{}-{}", lang.tag(), edition.tag());
                let docx = contract::export(&a, &opts(lang, edition, Format::Docx)).expect("docx");
                let pdf = contract::export(&a, &opts(lang, edition, Format::Pdf)).expect("pdf");
                // The same document gives the same bytes.
                assert_eq!(
                    docx,
                    contract::export(&a, &opts(lang, edition, Format::Docx)).expect("docx"),
                    "{stem}"
                );
                let docx_path = dir.path().join(format!("{stem}.docx"));
                std::fs::write(&docx_path, &docx).expect("written");
                std::fs::write(dir.path().join(format!("{stem}.ours.pdf")), &pdf).expect("written");
                cases.push((stem, docx_path, a.clone(), lang, edition));
            }
        }
    }
    let converted = dir.path().join("converted");
    std::fs::create_dir(&converted).expect("a folder");
    let files: Vec<_> = cases.iter().map(|c| c.1.clone()).collect();
    libreoffice_to_pdf(&files, &converted);
    for (stem, _, a, lang, edition) in &cases {
        let o = opts(*lang, *edition, Format::Pdf);
        let doc = contract::render(a, &o).expect("renders");
        let mut furniture = vec![doc.meta.title.clone()];
        furniture.extend(doc.meta.mark.clone());
        let start = first_words(a, &o);
        let ours = body_words(
            &pdftotext(&dir.path().join(format!("{stem}.ours.pdf"))),
            &start,
            &furniture,
        );
        let word = body_words(
            &pdftotext(&converted.join(format!("{stem}.pdf"))),
            &start,
            &furniture,
        );
        let missing: Vec<_> = ours.difference(&word).collect();
        let extra: Vec<_> = word.difference(&ours).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{stem}: words only in the PDF {missing:?}, only in the Word document {extra:?}"
        );
        assert!(ours.len() > 300, "{stem}: {} words", ours.len());
    }
}

#[test]
fn a_comparison_in_word_carries_tracked_changes_by_the_later_versions_author() {
    let dir = tempfile::tempdir().expect("a folder");
    let mut store = pledge::store::Store::open(&dir.path().join("pledge.db")).expect("a store");
    let name: pledge::store::AgreementName = "tallyloop".parse().expect("a name");
    let mut a = agreement("saas-multilevel");
    let t0 = chrono::DateTime::parse_from_rfc3339("2026-11-02T09:00:00Z")
        .expect("a time")
        .to_utc();
    store
        .save(&name, &a, "Ana Ruiz", "As sent", t0)
        .expect("v1");
    a.meta.title = format!("{} and API", a.own(&a.meta.title)).into();
    a.meta.version_label = "2.1".into();
    // A clause changes too, so the summary lists it with its page.
    a.plans[0].name = "Essential".into();
    let t1 = t0 + chrono::Duration::days(3);
    store
        .save(&name, &a, "Bram de Vries", "Title widened", t1)
        .expect("v2");
    let comparison = store.compare(&name, 1, 2).expect("compared");
    let compared =
        pledge::store::VersionComparison::render(&comparison, Some(Lang::En)).expect("rendered");
    let bytes = compared.docx(false).expect("a Word document");
    assert_eq!(
        bytes,
        compared.docx(false).expect("again"),
        "the same bytes"
    );
    let document = entry(&bytes, "word/document.xml");
    let insertions = document.matches("<w:ins ").count();
    let deletions = document.matches("<w:del ").count();
    assert!(
        insertions >= 1 && deletions >= 1,
        "{insertions} insertions, {deletions} deletions"
    );
    assert!(document.contains("w:author=\"Bram de Vries\" w:date=\"2026-11-05T09:00:00Z\""));
    assert!(
        !document.contains("Ana Ruiz\" w:date"),
        "changes are the later version's"
    );
    assert_eq!(compared.record_docx(&bytes, false).kind, "comparison-docx");
    let path = dir.path().join("comparison.docx");
    std::fs::write(&path, &bytes).expect("written");
    let converted = dir.path().join("converted");
    std::fs::create_dir(&converted).expect("a folder");
    libreoffice_to_pdf(&[path], &converted);
    let text = pdftotext(&converted.join("comparison.pdf"));
    assert!(text.contains("and API"), "the insertion shows");
    // The summary's "page N" is a page reference Word fills in (issue 14:
    // it read "changed, page clause 4.1", the clause named after "page").
    assert!(
        document.contains(" PAGEREF _Ref"),
        "no page reference field"
    );
    let summary: Vec<&str> = text.lines().filter(|l| l.contains(", page")).collect();
    assert!(!summary.is_empty(), "no changed clause listed");
    assert!(
        summary.iter().all(|l| !l.contains("page clause")),
        "a page reference printed as a clause: {summary:?}"
    );
}

/// One entry of a stored (uncompressed) ZIP archive, read through its
/// central directory as a reader of the file would.
fn entry(zip: &[u8], name: &str) -> String {
    let u16_at = |i: usize| u16::from_le_bytes([zip[i], zip[i + 1]]) as usize;
    let u32_at =
        |i: usize| u32::from_le_bytes([zip[i], zip[i + 1], zip[i + 2], zip[i + 3]]) as usize;
    let end = zip.len() - 22;
    assert_eq!(
        &zip[end..end + 4],
        b"PK\x05\x06",
        "no end of central directory"
    );
    let count = u16_at(end + 10);
    let mut at = u32_at(end + 16);
    for _ in 0..count {
        assert_eq!(
            &zip[at..at + 4],
            b"PK\x01\x02",
            "a broken central directory"
        );
        let size = u32_at(at + 20);
        let name_len = u16_at(at + 28);
        let extra = u16_at(at + 30);
        let comment = u16_at(at + 32);
        let local = u32_at(at + 42);
        let this = std::str::from_utf8(&zip[at + 46..at + 46 + name_len]).expect("a name");
        if this == name {
            assert_eq!(&zip[local..local + 4], b"PK\x03\x04");
            let data = local + 30 + u16_at(local + 26) + u16_at(local + 28);
            return String::from_utf8(zip[data..data + size].to_vec()).expect("UTF-8");
        }
        at += 46 + name_len + extra + comment;
    }
    panic!("no entry {name}");
}

#[test]
fn a_contract_in_word_numbers_its_clauses_with_words_own_list_and_refers_by_fields() {
    let a = agreement("saas-multilevel");
    let o = opts(Lang::En, Edition::Client, Format::Docx);
    let bytes = contract::export(&a, &o).expect("docx");
    let document = entry(&bytes, "word/document.xml");
    let doc = contract::render(&a, &o).expect("renders");
    fn clauses(blocks: &[Block]) -> usize {
        blocks
            .iter()
            .map(|b| match b {
                Block::Clause(c) => 1 + clauses(&c.body),
                _ => 0,
            })
            .sum()
    }
    // Every clause heading is a numbered heading with a bookmark.
    assert_eq!(
        document.matches("<w:bookmarkStart ").count(),
        clauses(&doc.blocks)
    );
    assert_eq!(
        document.matches("<w:numId w:val=\"1\"/>").count(),
        clauses(&doc.blocks)
    );
    // Cross-references are REF fields whose shown text is the clause number.
    assert!(document.contains(" REF _Ref"), "no cross-reference field");
    // The contents stand on a page of their own, as in the PDF: the field
    // ends and a page break follows before the first clause.
    let toc_end = document
        .find("<w:fldChar w:fldCharType=\"end\"/></w:r></w:p>")
        .expect("the contents field");
    let after = &document[toc_end..];
    let first_heading = after
        .find("<w:pStyle w:val=\"Heading1\"/>")
        .expect("a clause");
    assert!(
        after[..first_heading].contains("<w:br w:type=\"page\"/>"),
        "no page break between the contents and clause 1"
    );
    // Titles, headings and the contents are never hyphenated (LibreOffice
    // cut the French title « in-fogérance »); running text is.
    let styles = entry(&bytes, "word/styles.xml");
    for id in [
        "Title",
        "Heading1",
        "Heading2",
        "TOC1",
        "TOCHeading",
        "Parties",
    ] {
        let at = styles
            .find(&format!("w:styleId=\"{id}\""))
            .unwrap_or_else(|| panic!("style {id}"));
        let end = at + styles[at..].find("</w:style>").expect("its end");
        assert!(
            styles[at..end].contains("<w:suppressAutoHyphens/>"),
            "{id} may be hyphenated"
        );
    }
    // Where Liberation Serif is not installed, Word takes the font with
    // metrics, Times New Roman, rather than a guess from the name.
    let fonts = entry(&bytes, "word/fontTable.xml");
    assert!(
        fonts
            .contains("<w:font w:name=\"Liberation Serif\"><w:altName w:val=\"Times New Roman\"/>")
            && fonts.contains("<w:family w:val=\"roman\"/>"),
        "{fonts}"
    );
    let numbering = entry(&bytes, "word/numbering.xml");
    assert!(numbering.contains("<w:lvlText w:val=\"%1.%2\"/>"));
    let core = entry(&bytes, "docProps/core.xml");
    assert!(
        core.contains(&doc.meta.fingerprint),
        "the fingerprint is in the properties"
    );
    let footer = entry(&bytes, "word/footer1.xml");
    assert!(footer.contains(&doc.meta.fingerprint) && footer.contains(" NUMPAGES "));
    // The internal edition says so in its headers; the client edition does not.
    let internal =
        contract::export(&a, &opts(Lang::En, Edition::Internal, Format::Docx)).expect("docx");
    assert!(entry(&internal, "word/header1.xml").contains("INTERNAL EDITION"));
    assert!(entry(&internal, "word/header2.xml").contains("INTERNAL EDITION"));
    assert!(!entry(&bytes, "word/header1.xml").contains("INTERNAL"));
}

/// The paragraphs of a document part, in order, each from `<w:p>` or
/// `<w:p ` to its end.
fn paragraphs(xml: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(found) = xml[at..].find("<w:p") {
        let start = at + found;
        let next = xml.as_bytes().get(start + 4).copied();
        if !matches!(next, Some(b'>' | b' ' | b'/')) {
            at = start + 4;
            continue;
        }
        let end = if xml[start..].starts_with("<w:p/>") {
            start + 6
        } else {
            start + xml[start..].find("</w:p>").expect("a closed paragraph") + 6
        };
        out.push(&xml[start..end]);
        at = end;
    }
    out
}

/// The texts of a part's runs, in order.
fn run_texts(xml: &str) -> Vec<&str> {
    xml.split("<w:t xml:space=\"preserve\">")
        .skip(1)
        .map(|t| &t[..t.find("</w:t>").expect("a closed text")])
        .collect()
}

/// Issue 14, the page-by-page look at every sample's Word export.
#[test]
fn issue_14_a_contract_in_word_keeps_its_pages_as_the_pdf_does() {
    for name in SAMPLES {
        let a = agreement(name);
        for lang in [Lang::En, Lang::Fr] {
            let stem = format!("{name}-{}", lang.tag());
            let bytes =
                contract::export(&a, &opts(lang, Edition::Client, Format::Docx)).expect("docx");
            let document = entry(&bytes, "word/document.xml");
            let body = &document[..document.find("<w:sectPr>").expect("a section")];
            // "Signed in two originals" stays with the signature blocks:
            // the paragraph before the last table (the signatures) is kept
            // with it, as the PDF keeps them on one page.
            let last_table = body.rfind("<w:tbl>").expect("the signatures");
            let before = paragraphs(&body[..last_table]);
            let intro = before.last().expect("a paragraph before the signatures");
            assert!(intro.contains("<w:keepNext/>"), "{stem}: {intro}");
            // The body closes with a paragraph too small to make a blank
            // last page of its own after the signatures.
            let after = paragraphs(&body[last_table..]);
            let closing = after.last().expect("a closing paragraph");
            assert!(
                body.ends_with(closing) && closing.contains("w:line=\"20\" w:lineRule=\"exact\""),
                "{stem}: the body ends with {closing}"
            );
            // The title page names its facts as the PDF does, with a colon,
            // right-aligned against the values.
            let (reference, colon) = match lang {
                Lang::En => ("Reference", ":"),
                Lang::Fr => ("Référence", "\u{a0}:"),
            };
            let label = format!("{reference}{colon}");
            let fact = paragraphs(body)
                .into_iter()
                .find(|p| run_texts(p).contains(&label.as_str()))
                .unwrap_or_else(|| panic!("{stem}: no {label:?} on the title page"));
            assert!(fact.contains("<w:jc w:val=\"right\"/>"), "{stem}: {fact}");
            // French spacing between runs: a bold name and the colon after
            // it are two runs; the colon gets its no-break space (Word may
            // otherwise start a line with it).
            if lang == Lang::Fr {
                let texts = run_texts(body);
                for pair in texts.windows(2) {
                    let opens = pair[1].trim_start_matches(' ');
                    assert!(
                        !(pair[1].starts_with(' ')
                            && opens.starts_with([':', ';', '!', '?'])
                            && pair[0].chars().last().is_some_and(|c| !c.is_whitespace())),
                        "{stem}: {:?} then {:?}",
                        pair[0],
                        pair[1]
                    );
                }
            }
        }
    }
}
