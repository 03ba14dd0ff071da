//! The clause-level redline (issue 6) on hand-built pairs of contract
//! trees: exactly the expected insertions and deletions, a tree compared
//! with itself, and the comparison PDF read back with qpdf and poppler.

use std::process::Command;

use pledge::doc::redline::{
    compare, comparison_document, ClauseStatus, Redline, RedlineOptions, SegmentOp, Side, Summary,
};
use pledge::doc::sample::sample_document;
use pledge::doc::tree::*;
use pledge::doc::{export_pdf, ExportOptions};

/// The terms a hand-built contract is made of.
#[derive(Clone)]
struct Terms {
    customer: &'static str,
    p1_resolution: &'static str,
    tiers: Vec<(&'static str, &'static str)>,
    version: &'static str,
}

fn base() -> Terms {
    Terms {
        customer: "Globex SA",
        p1_resolution: "8h",
        tiers: vec![("99.5 %", "5 %"), ("99 %", "10 %")],
        version: "3",
    }
}

fn cell(text: &str) -> Paragraph {
    Paragraph {
        runs: vec![Inline::text(text)],
        align: Align::Left,
    }
}

fn para(runs: Vec<Inline>) -> Block {
    Block::Paragraph(Paragraph::new(runs))
}

/// A small contract with a title page, parties, a targets table, a credit
/// tier table with a cross-reference, and signatures.
fn contract(t: &Terms) -> Document {
    let targets = Table {
        widths: vec![1.0, 1.0, 1.0],
        header: vec![cell("Priority"), cell("First response"), cell("Resolution")],
        rows: vec![
            vec![cell("P1"), cell("30m"), cell(t.p1_resolution)],
            vec![cell("P2"), cell("2h"), cell("2 business days")],
        ],
    };
    let tiers = Table {
        widths: vec![1.0, 1.0],
        header: vec![cell("Monthly availability below"), cell("Credit")],
        rows: t
            .tiers
            .iter()
            .map(|(below, credit)| vec![cell(below), cell(credit)])
            .collect(),
    };
    Document {
        meta: Metadata {
            title: "Service Level Agreement".into(),
            author: "Acme Support SAS".into(),
            subject: "Support SLA".into(),
            lang: Lang::En,
            reference: "SLA-2026-014".into(),
            version: t.version.into(),
            fingerprint: format!("{:0>64}", t.version),
            date: (2026, 11, 23),
            mark: None,
        },
        blocks: vec![
            Block::TitlePage(TitlePage {
                title: "Service Level Agreement".into(),
                subtitle: "Customer support".into(),
                parties: vec!["between".into(), "Acme Support SAS".into(), "and".into(), t.customer.into()],
                facts: vec![("Reference".into(), "SLA-2026-014".into()), ("Version".into(), t.version.into())],
            }),
            Block::TableOfContents { title: "Contents".into(), depth: 2 },
            Block::Clause(Clause::new(
                "parties",
                "Parties",
                vec![para(vec![Inline::text(format!(
                    "This Agreement is made between Acme Support SAS (the Provider) and {} (the Customer).",
                    t.customer
                ))])],
            )),
            Block::Clause(Clause::new(
                "targets",
                "Service levels",
                vec![
                    para(vec![Inline::text(format!(
                        "The Provider shall resolve each P1 Incident within {} of Business Hours.",
                        t.p1_resolution
                    ))]),
                    Block::Table(targets),
                ],
            )),
            Block::Clause(Clause::new(
                "service-credits",
                "Service credits",
                vec![
                    para(vec![
                        Inline::text("When a target of clause "),
                        Inline::ClauseRef("targets".into()),
                        Inline::text(" is missed, the Customer is credited as follows:"),
                    ]),
                    Block::Table(tiers),
                    Block::Clause(Clause::new(
                        "claims",
                        "Claims",
                        vec![para(vec![Inline::text("Credits are claimed within 30 days of the end of the month.")])],
                    )),
                ],
            )),
            Block::Clause(Clause::new(
                "signatures",
                "Signatures",
                vec![Block::Signatures(vec![
                    Signatory { party: "Acme Support SAS".into(), lines: vec!["Name:".into()] },
                    Signatory { party: t.customer.into(), lines: vec!["Name:".into()] },
                ])],
            )),
        ],
    }
}

fn clause<'a>(r: &'a Redline, anchor: &str) -> &'a pledge::doc::redline::ClauseRedline {
    r.clauses
        .iter()
        .find(|c| c.anchor == anchor)
        .unwrap_or_else(|| panic!("no clause {anchor}: {r:#?}"))
}

fn statuses(r: &Redline) -> Vec<(String, ClauseStatus)> {
    r.clauses
        .iter()
        .map(|c| (c.anchor.clone(), c.status))
        .collect()
}

/// Every inline of a document, to look for revision marks.
fn inlines(blocks: &[Block]) -> Vec<Inline> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph(p) => out.extend(p.runs.clone()),
            Block::List(l) => out.extend(l.items.iter().flat_map(|p| p.runs.clone())),
            Block::Table(t) => out.extend(
                t.header
                    .iter()
                    .chain(t.rows.iter().flatten())
                    .flat_map(|p| p.runs.clone()),
            ),
            Block::Clause(c) => out.extend(inlines(&c.body)),
            _ => {}
        }
    }
    out
}

fn revised(doc: &Document) -> Vec<(Revision, String)> {
    inlines(&doc.blocks)
        .into_iter()
        .filter_map(|i| match i {
            Inline::Revised { text, revision, .. } => Some((revision, text)),
            _ => None,
        })
        .collect()
}

fn summary(before: &str, after: &str, changes: &[&str]) -> Summary {
    Summary {
        before: Side {
            version: before.into(),
            fingerprint: "a".repeat(64),
            note: "saved 2026-03-01 by marie".into(),
        },
        after: Side {
            version: after.into(),
            fingerprint: "b".repeat(64),
            note: String::new(),
        },
        changes: changes.iter().map(|c| c.to_string()).collect(),
    }
}

#[test]
fn a_faster_p1_resolution_is_two_figures_replaced() {
    let after = Terms {
        p1_resolution: "4h",
        version: "4",
        ..base()
    };
    let r = compare(&contract(&base()), &contract(&after));
    // The paragraph and the table cell, and the version on the title page.
    assert_eq!(r.deleted(), vec!["3", "8h", "8h"]);
    assert_eq!(r.inserted(), vec!["4", "4h", "4h"]);
    assert_eq!(r.front.len(), 1);
    assert_eq!(r.front[0].place.to_string(), "title page, Version");
    let targets = clause(&r, "targets");
    assert_eq!(targets.status, ClauseStatus::Changed);
    let places: Vec<String> = targets.blocks.iter().map(|b| b.place.to_string()).collect();
    assert_eq!(places, vec!["paragraph 1", "table 1, row 1, column 3"]);
    assert_eq!(targets.blocks[0].segments[0].op, SegmentOp::Equal);
    assert_eq!(
        targets.blocks[0].segments[0].text,
        "The Provider shall resolve each P1 Incident within "
    );
    for other in ["parties", "service-credits", "claims", "signatures"] {
        assert_eq!(clause(&r, other).status, ClauseStatus::Unchanged, "{other}");
    }
    assert_eq!(
        r.to_text(),
        "Outside the clauses\n  title page, Version: [-3-]{+4+}\n2 Service levels (changed)\n  \
         paragraph 1: The Provider shall resolve each P1 Incident within [-8h-]{+4h+} of Business Hours.\n  \
         table 1, row 1, column 3: [-8h-]{+4h+}\n"
    );
}

#[test]
fn a_credit_tier_added_is_one_row_inserted() {
    let mut after = base();
    after.tiers.push(("98 %", "20 %"));
    let r = compare(&contract(&base()), &contract(&after));
    assert_eq!(r.inserted(), vec!["98 % | 20 %"]);
    assert!(r.deleted().is_empty());
    let credits = clause(&r, "service-credits");
    assert_eq!(credits.status, ClauseStatus::Changed);
    assert_eq!(credits.blocks.len(), 1);
    assert_eq!(credits.blocks[0].place.to_string(), "table 1, row 3");
    // In the comparison document the new row's cells are underlined.
    let doc = comparison_document(
        &contract(&base()),
        &contract(&after),
        &summary("3", "4", &[]),
        RedlineOptions::default(),
    );
    let marks = revised(&doc);
    assert!(
        marks.contains(&(Revision::Inserted, "98 %".into())),
        "{marks:?}"
    );
    assert!(
        marks.contains(&(Revision::Inserted, "20 %".into())),
        "{marks:?}"
    );
    assert!(
        !marks
            .iter()
            .any(|(r, t)| *r == Revision::Deleted && t != "struck through"),
        "{marks:?}"
    );
}

#[test]
fn a_party_renamed_is_replaced_wherever_it_is_named() {
    let after = Terms {
        customer: "Initech SA",
        ..base()
    };
    let r = compare(&contract(&base()), &contract(&after));
    // Title page, the parties clause, the signature block.
    assert_eq!(r.deleted(), vec!["Globex", "Globex", "Globex"]);
    assert_eq!(r.inserted(), vec!["Initech", "Initech", "Initech"]);
    assert_eq!(r.front[0].place.to_string(), "title page, parties");
    assert_eq!(clause(&r, "parties").status, ClauseStatus::Changed);
    assert_eq!(
        clause(&r, "signatures").blocks[0].place.to_string(),
        "signatures 1, parties"
    );
}

#[test]
fn a_tree_compared_with_itself_has_no_change() {
    for doc in [
        contract(&base()),
        sample_document(Lang::En, 14, ""),
        sample_document(Lang::Fr, 6, ""),
    ] {
        let r = compare(&doc, &doc);
        assert!(
            r.is_unchanged(),
            "{:#?}",
            r.clauses
                .iter()
                .filter(|c| c.status != ClauseStatus::Unchanged)
                .collect::<Vec<_>>()
        );
        assert!(r.inserted().is_empty() && r.deleted().is_empty());
        assert_eq!(r.to_text(), "");
        let cmp = comparison_document(
            &doc,
            &doc,
            &summary("3", "3", &[]),
            RedlineOptions::default(),
        );
        // Only the legend of the summary page is marked.
        assert_eq!(revised(&cmp).len(), 2);
        // The clauses are the same, with the same anchors and titles.
        let anchors = |d: &Document| r_anchors(&d.blocks);
        assert_eq!(anchors(&cmp), anchors(&doc));
    }
}

fn r_anchors(blocks: &[Block]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for b in blocks {
        if let Block::Clause(c) = b {
            out.push((c.anchor.clone(), c.title.clone()));
            out.extend(r_anchors(&c.body));
        }
    }
    out
}

#[test]
fn clauses_added_removed_moved_and_renamed() {
    let before = contract(&base());
    let mut after = before.clone();
    // Remove "parties", add "reporting" after "targets", move "claims" to
    // the top level at the end, and rename the anchor of "signatures"
    // (matched by its title).
    after.blocks.remove(2);
    let Block::Clause(credits) = &mut after.blocks[3] else {
        panic!()
    };
    let claims = credits.body.pop().unwrap();
    after.blocks.insert(
        3,
        Block::Clause(Clause::new(
            "reporting",
            "Reporting",
            vec![para(vec![Inline::text("A monthly report is sent.")])],
        )),
    );
    let Block::Clause(signatures) = &mut after.blocks[5] else {
        panic!()
    };
    signatures.anchor = "signature-blocks".into();
    after.blocks.push(claims);
    let r = compare(&before, &after);
    assert_eq!(
        statuses(&r),
        vec![
            ("parties".into(), ClauseStatus::Removed),
            ("targets".into(), ClauseStatus::Unchanged),
            ("reporting".into(), ClauseStatus::Added),
            ("service-credits".into(), ClauseStatus::Unchanged),
            ("signature-blocks".into(), ClauseStatus::Unchanged),
            ("claims".into(), ClauseStatus::Moved),
        ]
    );
    let claims = clause(&r, "claims");
    assert_eq!(
        (
            claims.number_before.as_deref(),
            claims.number_after.as_deref()
        ),
        (Some("3.1"), Some("5"))
    );
    assert_eq!(clause(&r, "targets").number_after.as_deref(), Some("1"));
    assert_eq!(r.inserted(), vec!["A monthly report is sent."]);
    assert_eq!(r.deleted(), vec!["This Agreement is made between Acme Support SAS (the Provider) and Globex SA (the Customer)."]);

    // The comparison keeps the later numbering: the removed clause is struck
    // through without a number of its own, and cross-references still name
    // the clause they meant.
    let doc = comparison_document(
        &before,
        &after,
        &summary("3", "4", &[]),
        RedlineOptions::default(),
    );
    assert_eq!(
        r_anchors(&doc.blocks)
            .into_iter()
            .map(|(a, _)| a)
            .collect::<Vec<_>>(),
        vec![
            "targets",
            "reporting",
            "service-credits",
            "signature-blocks",
            "claims"
        ]
    );
    let marks = revised(&doc);
    assert!(
        marks.contains(&(Revision::Deleted, "1 Parties".into())),
        "{marks:?}"
    );
    assert!(
        marks.contains(&(Revision::Inserted, "New clause.".into())),
        "{marks:?}"
    );
    let laid = pledge::doc::layout::layout(&doc, ExportOptions::default())
        .expect("the comparison lays out");
    let titles: Vec<&str> = laid.outline.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        titles,
        vec![
            "1 Service levels",
            "2 Reporting",
            "3 Service credits",
            "4 Signatures",
            "5 Claims"
        ]
    );
}

#[test]
fn collapsed_unchanged_clauses_keep_their_heading_only() {
    let after = Terms {
        p1_resolution: "4h",
        ..base()
    };
    let opts = RedlineOptions {
        collapse_unchanged: true,
    };
    let doc = comparison_document(
        &contract(&base()),
        &contract(&after),
        &summary("3", "4", &[]),
        opts,
    );
    let text: String = inlines(&doc.blocks)
        .iter()
        .filter_map(|i| match i {
            Inline::Text { text, .. } | Inline::Revised { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        !text.contains("Credits are claimed within 30 days"),
        "an unchanged clause was printed whole"
    );
    assert!(text.contains("Unchanged."));
    assert!(text.contains("The Provider shall resolve each P1 Incident within "));
    assert_eq!(r_anchors(&doc.blocks), r_anchors(&contract(&after).blocks));
}

fn tool(name: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} must be installed (apt-get install poppler-utils qpdf): {e}")
    });
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

#[test]
fn the_comparison_pdf_is_valid_and_shows_old_and_new_figures() {
    let mut after = Terms {
        p1_resolution: "4h",
        version: "4",
        ..base()
    };
    after.tiers.push(("98 %", "20 %"));
    let doc = comparison_document(
        &contract(&base()),
        &contract(&after),
        &summary(
            "3",
            "4",
            &[
                "P1 resolution (premium): 8h → 4h",
                "credit tier < 98 % (uptime) added",
            ],
        ),
        RedlineOptions::default(),
    );
    let bytes = export_pdf(&doc, ExportOptions::default()).expect("export");
    assert_eq!(
        bytes,
        export_pdf(&doc, ExportOptions::default()).expect("export again"),
        "deterministic"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("comparison.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let file = path.to_str().unwrap();
    let (ok, report) = tool("qpdf", &["--check", file]);
    assert!(ok, "{report}");
    let (ok, text) = tool("pdftotext", &["-layout", file, "-"]);
    assert!(ok, "{text}");
    for needle in [
        "Version 3 → Version 4",
        "P1 resolution (premium): 8h → 4h",
        &"a".repeat(64),
        &"b".repeat(64),
        // Each contract's fingerprint as its footer prints it, beside the
        // version's (issue 14 point 8: a signed PDF is matched to its
        // version).
        "Contract (as its footer prints it):",
        &format!("{:0>64}", "3"),
        &format!("{:0>64}", "4"),
        // The old and new figures, set apart by a narrow space.
        "within 8h 4h of Business Hours",
        "98 %",
        "20 %",
        "2 Service levels — changed, page 2",
    ] {
        assert!(text.contains(needle), "`{needle}` not in:\n{text}");
    }
}

/// Where pages exist the summary says on which page a changed clause
/// starts; in HTML and Markdown it names the clause instead, never "page"
/// before a clause number (issue 14: "changed, page clause 2").
#[test]
fn the_summary_gives_a_page_where_pages_exist_and_a_clause_elsewhere() {
    let after = Terms {
        p1_resolution: "4h",
        version: "4",
        ..base()
    };
    for lang in [Lang::En, Lang::Fr] {
        let lang_of = |t: &Terms| {
            let mut doc = contract(t);
            doc.meta.lang = lang;
            doc
        };
        let doc = comparison_document(
            &lang_of(&base()),
            &lang_of(&after),
            &summary("3", "4", &["P1 resolution (premium): 8h → 4h"]),
            RedlineOptions::default(),
        );
        let (changed, clause) = match lang {
            Lang::En => ("changed", "clause"),
            Lang::Fr => ("modifié", "article"),
        };
        let html = pledge::doc::html::write(&doc, false).expect("html");
        let markdown = pledge::doc::markdown::write(&doc, false).expect("markdown");
        for (format, text) in [("html", &html), ("markdown", &markdown)] {
            assert!(
                !text.contains(&format!("page {clause}")),
                "{lang:?} {format}: a clause named as a page:\n{text}"
            );
            assert!(
                text.contains(&format!("{changed}, ")) && text.contains(&format!("{clause} 2")),
                "{lang:?} {format}: no clause named:\n{text}"
            );
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("comparison.pdf");
        std::fs::write(
            &path,
            export_pdf(&doc, ExportOptions::default()).expect("pdf"),
        )
        .unwrap();
        let (ok, text) = tool("pdftotext", &["-layout", path.to_str().unwrap(), "-"]);
        assert!(ok, "{text}");
        let text = text.replace('\u{a0}', " ");
        assert!(
            text.contains(&format!("{changed}, page 2")),
            "{lang:?} pdf: no page given:\n{text}"
        );
    }
}

#[test]
fn a_french_comparison_names_the_title_page_lines_in_french() {
    let french = |t: &Terms, subtitle: &str| {
        let mut doc = contract(t);
        doc.meta.lang = Lang::Fr;
        if let Some(Block::TitlePage(page)) = doc.blocks.first_mut() {
            page.subtitle = subtitle.into();
        }
        doc
    };
    let before = french(&base(), "Support client");
    let after = french(&base(), "Support client et infogérance");
    let doc = comparison_document(
        &before,
        &after,
        &summary("3", "3", &[]),
        RedlineOptions::default(),
    );
    let text = pledge::doc::markdown::write(&doc, false).expect("markdown");
    assert!(text.contains("sous-titre :"), "{text}");
    assert!(!text.contains("subtitle"), "{text}");
    // The English comparison keeps the English word.
    let english = comparison_document(
        &contract(&base()),
        &{
            let mut d = contract(&base());
            if let Some(Block::TitlePage(page)) = d.blocks.first_mut() {
                page.subtitle = "Customer support and hosting".into();
            }
            d
        },
        &summary("3", "3", &[]),
        RedlineOptions::default(),
    );
    assert!(pledge::doc::markdown::write(&english, false)
        .expect("markdown")
        .contains("subtitle:"));
}

#[test]
fn a_replaced_figure_is_set_apart_from_its_replacement_in_the_comparison() {
    let after = Terms {
        p1_resolution: "4h",
        version: "4",
        ..base()
    };
    let doc = comparison_document(
        &contract(&base()),
        &contract(&after),
        &summary("3", "4", &[]),
        RedlineOptions::default(),
    );
    let runs = inlines(&doc.blocks);
    // Each deletion is followed by a narrow no-break space, then its
    // insertion: "8h" struck and "4h" underlined never read "8h4h".
    let deleted_at: Vec<usize> = runs
        .iter()
        .enumerate()
        .filter(|(_, i)| matches!(i, Inline::Revised { revision: Revision::Deleted, text, .. } if text == "8h"))
        .map(|(k, _)| k)
        .collect();
    assert_eq!(deleted_at.len(), 2, "{runs:?}");
    for k in deleted_at {
        assert!(
            matches!(&runs[k + 1], Inline::Text { text, .. } if text == "\u{202F}"),
            "{:?}",
            &runs[k..k + 3]
        );
        assert!(
            matches!(&runs[k + 2], Inline::Revised { revision: Revision::Inserted, text, .. } if text == "4h")
        );
    }
}
