//! Contracts rendered from the sample agreements through the shipped
//! templates (issue 5), checked with poppler and qpdf, and the template
//! sandbox checked with hostile templates and agreement text.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use pledge::doc::contract::words::{self, Basis};
use pledge::doc::contract::{self, ContractOptions, Edition, Format, Simulation, TemplateSet};
use pledge::doc::tree::{Block, Document, Lang};
use pledge::doc::{layout, DocError, ExportOptions};
use pledge::model::{Agreement, ClockBasis};

fn agreement(name: &str) -> Agreement {
    let sample = pledge::samples::find(name).expect("sample");
    pledge::format::read(sample.text).expect("sample reads")
}

struct Exported {
    _dir: tempfile::TempDir,
    path: PathBuf,
    bytes: Vec<u8>,
    doc: Document,
    pages: usize,
}

fn opts(lang: Lang, edition: Edition) -> ContractOptions {
    ContractOptions {
        lang: Some(lang),
        edition,
        ..ContractOptions::default()
    }
}

fn export(name: &str, lang: Lang, edition: Edition) -> Exported {
    let a = agreement(name);
    let o = opts(lang, edition);
    let doc = contract::render(&a, &o).expect("render");
    let pages = layout::layout(&doc, ExportOptions::default())
        .expect("layout")
        .pages
        .len();
    let bytes = contract::export(&a, &o).expect("export");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("contract.pdf");
    std::fs::write(&path, &bytes).expect("write");
    Exported {
        _dir: dir,
        path,
        bytes,
        doc,
        pages,
    }
}

const SAMPLES: [&str; 3] = ["fr-pme-infogerance", "saas-multilevel", "internal-it-ola"];

/// Every sample in both languages and both editions, exported once.
fn all() -> &'static Vec<(String, Lang, Edition, Exported)> {
    static ALL: OnceLock<Vec<(String, Lang, Edition, Exported)>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut v = Vec::new();
        for name in SAMPLES {
            for lang in [Lang::En, Lang::Fr] {
                for edition in [Edition::Client, Edition::Internal] {
                    v.push((name.to_string(), lang, edition, export(name, lang, edition)));
                }
            }
        }
        v
    })
}

fn normalise(s: &str) -> String {
    s.replace("-\n", "")
        .split(|c: char| c.is_whitespace() || c == '\u{202F}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text `pdftotext` reads in the file, its lines as they are, with
/// `args` (`-raw` keeps the content stream's order).
fn pdf_text(path: &PathBuf, args: &[&str]) -> String {
    let out = Command::new("pdftotext")
        .args(args)
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext must be installed (apt-get install poppler-utils)");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text in content-stream order (`-raw`), so that a table cell's lines
/// stay together, hyphenated line ends joined and white space made single.
fn raw_text(path: &PathBuf) -> String {
    normalise(&pdf_text(path, &["-raw"]))
}

fn headings(blocks: &[Block], prefix: &str, out: &mut Vec<(usize, String)>) {
    let mut n = 0;
    for b in blocks {
        if let Block::Clause(c) = b {
            n += 1;
            let number = if prefix.is_empty() {
                n.to_string()
            } else {
                format!("{prefix}.{n}")
            };
            out.push((
                number.matches('.').count() + 1,
                format!("{number} {}", c.title),
            ));
            headings(&c.body, &number, out);
        }
    }
}

fn basis(b: ClockBasis) -> Basis {
    match b {
        ClockBasis::Business => Basis::Business,
        ClockBasis::Calendar => Basis::Calendar,
    }
}

#[test]
fn every_heading_and_target_figure_is_in_the_pdf() {
    for (name, lang, edition, e) in all() {
        let text = raw_text(&e.path);
        let mut hs = Vec::new();
        headings(&e.doc.blocks, "", &mut hs);
        assert!(hs.len() >= 12, "{name} {lang:?}: {} clauses", hs.len());
        for (_, h) in &hs {
            assert!(
                text.contains(&normalise(h)),
                "{name} {lang:?} {edition:?}: no heading {h:?}"
            );
        }
        let a = agreement(name);
        for t in &a.targets {
            for (_, m) in t.metrics() {
                let figure = words::target_time(m.within, basis(m.hours.unwrap_or(t.hours)), *lang);
                assert!(
                    text.contains(&normalise(&figure)),
                    "{name} {lang:?}: no target {figure:?}"
                );
                if let (Edition::Internal, Some(internal)) = (edition, m.internal) {
                    let figure =
                        words::target_time(internal, basis(m.hours.unwrap_or(t.hours)), *lang);
                    assert!(
                        text.contains(&normalise(&figure)),
                        "{name} {lang:?}: no internal target {figure:?}"
                    );
                }
            }
            let objective = normalise(&words::percent(t.objective.value(), *lang));
            assert!(
                text.contains(&objective),
                "{name} {lang:?}: no objective {objective:?}"
            );
        }
        for s in a.services.iter().filter_map(|s| s.availability.as_ref()) {
            let figure = normalise(&words::percent(s.target.value(), *lang));
            assert!(
                text.contains(&figure),
                "{name} {lang:?}: no availability {figure:?}"
            );
        }
        // Internal matters stay out of the client edition.
        let annex = match lang {
            Lang::En => "Internal provisions",
            Lang::Fr => "Dispositions internes",
        };
        assert_eq!(
            text.contains(annex),
            *edition == Edition::Internal,
            "{name} {lang:?} {edition:?}"
        );
        // No raw keys or placeholders reach the reader.
        for bad in [
            "N/A",
            "first_response",
            "calendar_month",
            "none",
            "undefined",
            "{{",
            "&amp;",
            "&lt;",
        ] {
            assert!(
                !text.contains(bad),
                "{name} {lang:?} {edition:?}: the text shows {bad:?}"
            );
        }
    }
}

#[test]
fn fonts_are_embedded_and_qpdf_is_satisfied() {
    for (name, lang, edition, e) in all() {
        let fonts = Command::new("pdffonts")
            .arg(&e.path)
            .output()
            .expect("pdffonts");
        let listing = String::from_utf8_lossy(&fonts.stdout);
        let rows: Vec<&str> = listing
            .lines()
            .skip(2)
            .filter(|l| !l.trim().is_empty())
            .collect();
        assert!(!rows.is_empty());
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert_eq!(
                &cols[n - 5..n - 3],
                &["yes", "yes"],
                "{name} {lang:?} {edition:?}: {row}"
            );
        }
        let check = Command::new("qpdf")
            .arg("--check")
            .arg(&e.path)
            .output()
            .expect("qpdf");
        let out = String::from_utf8_lossy(&check.stdout);
        assert!(
            check.status.success() && out.contains("No syntax or stream encoding errors"),
            "{name} {lang:?} {edition:?}: {out}"
        );
    }
}

#[test]
fn outline_and_page_count_match_the_document() {
    for (name, lang, edition, e) in all() {
        let json = Command::new("qpdf")
            .args(["--json", "--json-key=outlines"])
            .arg(&e.path)
            .output()
            .expect("qpdf");
        let json: serde_json::Value = serde_json::from_slice(&json.stdout).expect("qpdf json");
        let top: Vec<String> = json["outlines"]
            .as_array()
            .expect("outlines")
            .iter()
            .map(|o| o["title"].as_str().unwrap_or_default().to_string())
            .collect();
        let mut hs = Vec::new();
        headings(&e.doc.blocks, "", &mut hs);
        let expected: Vec<String> = hs
            .iter()
            .filter(|(l, _)| *l == 1)
            .map(|(_, h)| h.clone())
            .collect();
        assert_eq!(top, expected, "{name} {lang:?} {edition:?}");
        let info = Command::new("pdfinfo")
            .arg(&e.path)
            .output()
            .expect("pdfinfo");
        let info = String::from_utf8_lossy(&info.stdout);
        assert!(
            info.contains(&format!("Pages:           {}", e.pages)),
            "{info}"
        );
        assert!(
            info.contains(&e.doc.meta.fingerprint),
            "no fingerprint in the metadata: {info}"
        );
        assert!(
            e.pages >= 5 && e.pages <= 30,
            "{name} {lang:?} {edition:?}: {} pages",
            e.pages
        );
    }
}

#[test]
fn exports_are_byte_identical_and_fingerprints_follow_the_input() {
    let a = agreement("saas-multilevel");
    let o = opts(Lang::Fr, Edition::Internal);
    let first = contract::export(&a, &o).expect("export");
    let again = contract::export(&a, &o).expect("export");
    assert!(first == again, "two exports differ");
    let reference = all()
        .iter()
        .find(|(n, l, ed, _)| n == "saas-multilevel" && *l == Lang::Fr && *ed == Edition::Internal)
        .expect("exported");
    assert!(first == reference.3.bytes);
    let mut prints = HashMap::new();
    for (name, lang, edition, e) in all() {
        let fp = &e.doc.meta.fingerprint;
        assert_eq!(fp.len(), 64);
        assert!(
            prints.insert(fp.clone(), (name, lang, edition)).is_none(),
            "a fingerprint repeats"
        );
    }
    let mut draft = o.clone();
    draft.draft = true;
    assert_ne!(
        contract::fingerprint(&a, &o),
        contract::fingerprint(&a, &draft)
    );
}

#[test]
fn html_and_markdown_carry_the_same_clauses() {
    let a = agreement("fr-pme-infogerance");
    let mut o = opts(Lang::Fr, Edition::Client);
    o.format = Format::Html;
    let html = String::from_utf8(contract::export(&a, &o).expect("html")).expect("utf-8");
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<html lang=\"fr\">"));
    assert!(html.contains("Crédits de service et pénalités"));
    assert!(!html.contains("<script") && !html.contains("http://") && !html.contains("src="));
    o.format = Format::Markdown;
    let md = String::from_utf8(contract::export(&a, &o).expect("md")).expect("utf-8");
    assert!(md.contains("## 11 Crédits de service et pénalités"), "{md}");
    assert!(md.contains("| Priorité |"), "{md}");
    // The signature line is in the contract's language.
    assert!(md.contains("Signature\u{a0}: ____"), "{md}");
    assert!(!md.contains("Signature: "), "{md}");
    // So are the title page's facts: « Référence : » with its no-break space.
    assert!(md.contains("- **Référence**\u{a0}: LSI-SLA"), "{md}");
    assert!(!md.contains("**: "), "{md}");
    o.lang = Some(Lang::En);
    let md = String::from_utf8(contract::export(&a, &o).expect("md")).expect("utf-8");
    assert!(md.contains("Signature: ____"), "{md}");
    assert!(md.contains("- **Reference**: LSI-SLA"), "{md}");
}

#[test]
fn an_undefined_value_names_the_template_and_line() {
    let a = agreement("saas-multilevel");
    let mut o = opts(Lang::En, Edition::Client);
    o.templates = Some(TemplateSet::from_files([
        ("contract.j2", "{% import \"m.j2\" as m %}<p>fine</p>\n<p>{{ meta.title }}</p>\n<p>{{ meta.no_such_field }}</p>"),
        ("m.j2", ""),
    ]));
    match contract::render(&a, &o) {
        Err(DocError::Template {
            name,
            line,
            message,
        }) => {
            assert_eq!((name.as_str(), line), ("contract.j2", Some(3)), "{message}");
            assert!(message.contains("undefined"), "{message}");
        }
        other => panic!("expected a template error, got {other:?}"),
    }
    // In an included file, the included file's line.
    o.templates = Some(TemplateSet::from_files([
        ("contract.j2", "<p>a</p>\n{% include \"part.j2\" %}"),
        (
            "part.j2",
            "<p>b</p>\n\n<p>{{ customer.nickname.first }}</p>",
        ),
    ]));
    match contract::render(&a, &o) {
        Err(DocError::Template { name, line, .. }) => {
            assert_eq!((name.as_str(), line), ("part.j2", Some(3)))
        }
        other => panic!("expected a template error, got {other:?}"),
    }
}

#[test]
fn runaway_templates_are_stopped() {
    let a = agreement("internal-it-ola");
    let mut o = opts(Lang::En, Edition::Client);
    o.templates = Some(TemplateSet::from_files([(
        "contract.j2",
        "{% for i in range(100000) %}{% for j in range(100000) %}{{ j }}{% endfor %}{% endfor %}",
    )]));
    let started = std::time::Instant::now();
    match contract::render(&a, &o) {
        Err(DocError::Template { message, .. }) => assert!(message.contains("fuel"), "{message}"),
        other => panic!("expected running out of fuel, got {other:?}"),
    }
    assert!(started.elapsed().as_secs() < 30);
    o.templates = Some(TemplateSet::from_files([(
        "contract.j2",
        "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
    )]));
    assert!(matches!(
        contract::render(&a, &o),
        Err(DocError::Template { .. })
    ));
    // The loader serves only the loaded files: no path reaches the disk.
    o.templates = Some(TemplateSet::from_files([(
        "contract.j2",
        "{% include \"../../../../etc/passwd\" %}",
    )]));
    match contract::render(&a, &o) {
        Err(DocError::Template { message, .. }) => {
            assert!(message.contains("not found"), "{message}")
        }
        other => panic!("expected template not found, got {other:?}"),
    }
}

#[test]
fn agreement_text_cannot_inject_markup() {
    let mut a = agreement("saas-multilevel");
    let evil = "Evil & Sons </p></clause><clause id=\"x\" title=\"Gotcha\"><p>owned";
    a.parties.customer.legal_name = evil.into();
    a.priorities[0].definition = "<b>bold?</b> & \"quoted\" 'single' / slash".into();
    let doc = contract::render(&a, &opts(Lang::En, Edition::Client)).expect("render");
    let numbers = doc.clause_numbers().expect("numbers");
    assert!(!numbers.contains_key("x"), "a clause was injected");
    let md = String::from_utf8(
        contract::export(
            &a,
            &ContractOptions {
                format: Format::Markdown,
                ..opts(Lang::En, Edition::Client)
            },
        )
        .expect("md"),
    )
    .expect("utf-8");
    assert!(md.contains("Evil \\& Sons \\</p\\>"), "{md}");
    let pdf = export_text(&a);
    // Printed as text, with the contract's typographic quotes.
    assert!(
        pdf.contains("<b>bold?</b> & “quoted” ‘single’ / slash"),
        "{pdf}"
    );
}

fn export_text(a: &Agreement) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.pdf");
    std::fs::write(
        &path,
        contract::export(a, &opts(Lang::En, Edition::Client)).expect("pdf"),
    )
    .expect("write");
    raw_text(&path)
}

#[test]
fn bad_markup_from_a_template_names_its_line() {
    let a = agreement("saas-multilevel");
    let mut o = opts(Lang::En, Edition::Client);
    o.templates = Some(TemplateSet::from_files([(
        "contract.j2",
        "<clause id=\"a\" title=\"A\">\n<p>ok</p>\n<p>unclosed\n</clause>",
    )]));
    match contract::render(&a, &o) {
        Err(DocError::Markup { line, .. }) => assert_eq!(line, 4),
        other => panic!("expected a markup error, got {other:?}"),
    }
}

#[test]
fn the_internal_edition_prints_simulation_figures() {
    let a = agreement("saas-multilevel");
    let sim = Simulation::from_json(
        r#"{"seed": 42, "replications": 200, "extra": {"ignored": true},
            "objectives": [{"plan": "premium", "priority": "P1", "channel": null, "metric": "first_response",
                            "within": "1h", "objective": "95%", "tickets": 5120,
                            "compliance": {"mean": 0.97312, "low": 0.96, "high": 0.98, "std_dev": 0.01},
                            "monthly": [0.97, 0.98], "p_meets": 0.91, "expected_credits": 120.5, "unknown": 1}]}"#,
    )
    .expect("simulation");
    let o = ContractOptions {
        simulation: Some(sim),
        ..opts(Lang::En, Edition::Internal)
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.pdf");
    std::fs::write(&path, contract::export(&a, &o).expect("pdf")).expect("write");
    let text = raw_text(&path);
    for needle in [
        "Simulation of the service levels",
        "seed 42",
        "97.3%",
        "91%",
        "$120.50",
    ] {
        assert!(text.contains(needle), "no {needle:?} in {text}");
    }
    // The client edition ignores the simulation.
    let client = ContractOptions {
        edition: Edition::Client,
        ..o
    };
    let doc = contract::render(&a, &client).expect("render");
    assert!(!doc
        .clause_numbers()
        .expect("numbers")
        .contains_key("simulation"));
}

#[test]
fn the_cli_exports_and_replaces_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let yaml = dir.path().join("acme.yaml");
    std::fs::write(
        &yaml,
        pledge::samples::find("fr-pme-infogerance").expect("s").text,
    )
    .expect("write");
    let out = dir.path().join("contract.pdf");
    std::fs::write(&out, "old").expect("write");
    let bin = assert_cmd::cargo::cargo_bin("pledge");
    let status = Command::new(&bin)
        .args(["export"])
        .arg(&yaml)
        .arg("-o")
        .arg(&out)
        .args(["--edition", "internal", "--draft"])
        .status()
        .expect("run");
    assert!(status.success());
    assert!(std::fs::read(&out).expect("read").starts_with(b"%PDF-"));
    let md = Command::new(&bin)
        .arg("export")
        .arg(&yaml)
        .args(["-o", "-", "--format", "md", "--lang", "en"])
        .output()
        .expect("run");
    assert!(md.status.success());
    assert!(String::from_utf8_lossy(&md.stdout).contains("Service credits and penalties"));
    let leftovers = std::fs::read_dir(dir.path()).expect("dir").count();
    assert_eq!(leftovers, 2, "a temporary file was left behind");
}

#[test]
fn a_report_of_pledge_simulate_feeds_the_annex() {
    // Printed by the `sim` branch's `pledge simulate --replications 4 --format
    // json` on the fr-pme-infogerance scenario: the shape the annex must read.
    let json = include_str!("../fixtures/doc/simulate-fr-pme-infogerance.json");
    let sim = Simulation::from_json(json).expect("simulation");
    assert_eq!((sim.seed, sim.replications), (Some(1), Some(4)));
    assert!(!sim.objectives.is_empty());
    let first = &sim.objectives[0];
    let mean = first.mean_compliance.expect("compliance mean");
    let o = ContractOptions {
        simulation: Some(sim.clone()),
        ..opts(Lang::Fr, Edition::Internal)
    };
    let a = agreement("fr-pme-infogerance");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.pdf");
    std::fs::write(&path, contract::export(&a, &o).expect("pdf")).expect("write");
    let text = raw_text(&path);
    let shown = normalise(&words::percent_with(mean * 100.0, 1, Lang::Fr));
    assert!(text.contains("Simulation des niveaux de service"), "{text}");
    assert!(text.contains(&shown), "no {shown:?}");
    assert!(text.contains("graine 1"), "no seed");
}

#[test]
fn a_minimal_agreement_leaves_out_what_it_does_not_say() {
    let a = pledge::format::read(include_str!("../fixtures/minimal.yaml")).expect("minimal");
    for lang in [Lang::En, Lang::Fr] {
        for edition in [Edition::Client, Edition::Internal] {
            let doc = contract::render(&a, &opts(lang, edition)).expect("render");
            let numbers = doc.clause_numbers().expect("numbers");
            for absent in [
                "escalation",
                "reporting",
                "revision",
                "exclusions",
                "olas",
                "simulation",
            ] {
                assert!(
                    !numbers.contains_key(absent),
                    "{lang:?} {edition:?}: clause {absent} without content"
                );
            }
            assert!(numbers.contains_key("targets"));
            // Only the client edition is signed (issue 14 point 4).
            assert_eq!(
                numbers.contains_key("signatures"),
                edition == Edition::Client,
                "{lang:?} {edition:?}"
            );
        }
    }
}

/// The clause that holds the signature blocks, as "number title".
fn signature_clause(blocks: &[Block], prefix: &str) -> Option<(String, String)> {
    let mut n = 0;
    for b in blocks {
        if let Block::Clause(c) = b {
            n += 1;
            let number = if prefix.is_empty() {
                n.to_string()
            } else {
                format!("{prefix}.{n}")
            };
            for inner in &c.body {
                if let Block::Signatures(s) = inner {
                    let line = s
                        .first()
                        .and_then(|s| s.lines.first())
                        .cloned()
                        .unwrap_or_default();
                    return Some((format!("{number} {}", c.title), line));
                }
            }
            if let Some(found) = signature_clause(&c.body, &number) {
                return Some(found);
            }
        }
    }
    None
}

#[test]
fn the_signature_blocks_stay_on_the_page_of_their_clause() {
    for (name, lang, edition, e) in all() {
        if *edition == Edition::Internal {
            // The internal edition is not signed (issue 14 point 4).
            assert_eq!(signature_clause(&e.doc.blocks, ""), None, "{name} {lang:?}");
            continue;
        }
        let (heading, first_line) =
            signature_clause(&e.doc.blocks, "").expect("a signature clause");
        // The signatory's surname: the last word of the first line under the signature.
        let surname = first_line
            .split_whitespace()
            .last()
            .expect("a signatory's name")
            .to_string();
        let text = pdf_text(&e.path, &["-raw"]);
        let pages: Vec<String> = text.split('\u{0C}').map(normalise).collect();
        // The last page that prints the heading: the table of contents prints it too.
        let at = pages
            .iter()
            .rposition(|p| p.contains(&normalise(&heading)))
            .expect("the heading is printed");
        assert!(
            pages[at].contains(&surname),
            "{name} {lang:?} {edition:?}: `{heading}` is on page {} without the signature blocks",
            at + 1
        );
    }
}

#[test]
fn the_internal_edition_says_so_on_every_page_and_in_its_metadata() {
    // Issue 14 point 4: a page of the internal edition found on its own
    // still says it is not for the Customer; the client edition never does.
    for (name, lang, edition, e) in all() {
        let text = pdf_text(&e.path, &[]);
        let pages: Vec<&str> = text
            .split('\u{0C}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        assert_eq!(pages.len(), e.pages, "{name} {lang:?} {edition:?}");
        let mark = lang.pick("INTERNAL EDITION", "ÉDITION INTERNE");
        let marked = pages.iter().filter(|p| p.contains(mark)).count();
        let info = Command::new("pdfinfo")
            .arg(&e.path)
            .output()
            .expect("pdfinfo");
        let info = String::from_utf8_lossy(&info.stdout);
        let subject = info
            .lines()
            .find_map(|l| l.strip_prefix("Subject:"))
            .expect("a subject")
            .trim()
            .to_owned();
        let says_internal = lang.pick("Internal edition", "Édition interne");
        match edition {
            Edition::Internal => {
                assert_eq!(
                    marked,
                    pages.len(),
                    "{name} {lang:?}: pages without the mark"
                );
                assert!(
                    subject.starts_with(says_internal),
                    "{name} {lang:?}: {subject}"
                );
            }
            Edition::Client => {
                assert_eq!(marked, 0, "{name} {lang:?}: a client page marked internal");
                assert!(
                    !subject.contains(says_internal),
                    "{name} {lang:?}: {subject}"
                );
            }
        }
    }
}

#[test]
fn the_client_edition_does_not_depend_on_internal_data() {
    // Issue 14 point 4: the client edition never shows internal figures.
    // Stronger than looking for them in its text: with every internal-only
    // part of the agreement removed (internal target times, teams, OLAs),
    // the client edition's document is the same, block for block; and the
    // internal edition does change, so the removal reached something.
    for name in SAMPLES {
        let full = agreement(name);
        let mut bare = full.clone();
        for target in &mut bare.targets {
            for metric in [
                &mut target.first_response,
                &mut target.next_response,
                &mut target.periodic_update,
                &mut target.resolution,
            ]
            .into_iter()
            .flatten()
            {
                metric.internal = None;
            }
        }
        bare.teams.clear();
        bare.olas.clear();
        assert_ne!(full, bare, "{name}: the sample has internal data");
        for lang in [Lang::En, Lang::Fr] {
            let client = |a: &Agreement| {
                contract::render(a, &opts(lang, Edition::Client))
                    .expect("render")
                    .blocks
            };
            assert!(
                client(&full) == client(&bare),
                "{name} {lang:?}: the client edition shows internal data"
            );
            let internal = |a: &Agreement| {
                contract::render(a, &opts(lang, Edition::Internal))
                    .expect("render")
                    .blocks
            };
            assert!(internal(&full) != internal(&bare), "{name} {lang:?}");
        }
    }
}

#[test]
fn capitalised_words_are_never_hyphenated() {
    // Issue 14 point 5: "Cus-tomer", "Eng-land", "Mon-day" were printed.
    // A line ending in a capitalised word cut by a hyphen, the next line
    // going on in lower case, is a hyphenated proper name or defined term
    // (the samples hold no compound capitalised word that would break at
    // its own hyphen).
    for (name, lang, edition, e) in all() {
        let text = pdf_text(&e.path, &["-raw"]);
        let lines: Vec<&str> = text.lines().collect();
        for pair in lines.windows(2) {
            let Some(head) = pair[0].trim_end().strip_suffix('-') else {
                continue;
            };
            let word: String = head
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let cut_capital = word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().any(char::is_lowercase);
            let goes_on_lower = pair[1].chars().next().is_some_and(char::is_lowercase);
            assert!(
                !(cut_capital && goes_on_lower),
                "{name} {lang:?} {edition:?}: `{}` / `{}`",
                pair[0],
                pair[1]
            );
        }
    }
}

#[test]
fn a_clause_number_stays_with_its_word() {
    // Issue 14 point 5: "clause" ended a line and "7." started the next.
    for (name, lang, edition, e) in all() {
        let text = pdf_text(&e.path, &["-raw"]);
        for line in text.lines() {
            let last = line.split_whitespace().last().unwrap_or("");
            let last = last.to_lowercase();
            assert!(
                !["clause", "clauses", "article", "articles"].contains(&last.as_str()),
                "{name} {lang:?} {edition:?}: a line ends with `{last}`: {line}"
            );
        }
        // The no-break space is in the tree, so the other writers have it too.
        let markdown = pledge::doc::markdown::write(&e.doc, false).expect("markdown");
        assert!(
            markdown
                .to_lowercase()
                .contains(lang.pick("clause\u{a0}", "article\u{a0}")),
            "{name} {lang:?} {edition:?}: no bound reference"
        );
    }
}

#[test]
fn a_number_stays_with_the_word_after_it() {
    // Issue 14, the page-by-page look: "within 1" ended a line and "hour of
    // becoming aware" started the next; "the afternoon of 24" / "December".
    let number = |w: &str| {
        let w = w.trim_start_matches('(');
        w.starts_with(|c: char| c.is_ascii_digit())
            && w.ends_with(|c: char| c.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    };
    for (name, lang, edition, e) in all() {
        let text = pdf_text(&e.path, &["-raw"]);
        let lines: Vec<&str> = text.lines().collect();
        for pair in lines.windows(2) {
            // The footer's page number and the title page's version end
            // their lines by design.
            let furniture = ["Fingerprint", "Empreinte", "Version"]
                .iter()
                .any(|f| pair[0].contains(f));
            let last = pair[0].split_whitespace().last().unwrap_or("");
            let goes_on_with_a_word = pair[1].starts_with(char::is_alphabetic);
            assert!(
                furniture || !(number(last) && goes_on_with_a_word),
                "{name} {lang:?} {edition:?}: `{}` / `{}`",
                pair[0],
                pair[1]
            );
        }
    }
}

#[test]
fn english_examples_have_no_capital_after_a_semicolon() {
    // Issue 14, the page-by-page look: "File server unreachable for every
    // user; Firewall failure cutting the site off …; Suspected ransomware
    // attack": examples written with capitals now read as sentences.
    let mut seen = 0;
    for (name, lang, edition, e) in all() {
        if *lang != Lang::En {
            continue;
        }
        let a = agreement(name);
        let text = raw_text(&e.path);
        for p in &a.priorities {
            for ex in p.examples.iter().skip(1) {
                let ex = ex.get(pledge::model::Language::En, a.meta.language);
                let ex = ex.trim_end_matches('.');
                if !ex.starts_with(char::is_uppercase) {
                    continue;
                }
                seen += 1;
                let ex = normalise(&ex.replace('\'', "’"));
                assert!(
                    !text.contains(&format!("; {ex}")),
                    "{name} {edition:?}: `; {ex}`"
                );
                assert!(
                    text.contains(&format!(". {ex}.")),
                    "{name} {edition:?}: `{ex}` is not a sentence"
                );
            }
        }
    }
    assert!(seen > 0, "the samples have capitalised English examples");
}

#[test]
fn a_downtime_the_agreement_defines_is_written_as_a_term() {
    // Issue 14, the page-by-page look: saas-multilevel defines “Downtime”
    // (« Indisponibilité ») and the clause went on with "not counted as
    // downtime", "Planned Maintenance is not downtime".
    let mut defined = 0;
    for (name, lang, edition, e) in all() {
        let text = raw_text(&e.path);
        let (definition, capital, lower): (&str, &str, &[&str]) = match lang {
            Lang::En => (
                "“Downtime” means",
                "not counted as Downtime",
                &[
                    " as downtime",
                    " is downtime",
                    " not downtime",
                    " of downtime",
                ],
            ),
            Lang::Fr => (
                "« Indisponibilité » désigne",
                "comptées comme Indisponibilité",
                &["comme indisponibilité", "d’indisponibilité sur"],
            ),
        };
        if !text.contains(definition) {
            continue;
        }
        defined += 1;
        assert!(text.contains(capital), "{name} {lang:?} {edition:?}");
        for w in lower {
            assert!(!text.contains(w), "{name} {lang:?} {edition:?}: `{w}`");
        }
    }
    // saas-multilevel in both languages, internal-it-ola in English.
    assert_eq!(defined, 6);
}

#[test]
fn a_list_keeps_its_first_two_and_last_two_items_together() {
    // Issue 14, the page-by-page look: a list's last item alone at the head
    // of a page (fr-pme-infogerance en p. 7, "The Provider’s
    // recommendations"; fr p. 10), its first alone at the foot of one
    // (saas-multilevel en p. 9, "(a) A material breach").
    use pledge::doc::layout::Mark;
    use pledge::doc::tree::{Clause, Inline, List, ListKind, Metadata, Paragraph};
    let names = ["Alpha", "Bravo", "Charlie", "Delta", "Echo"];
    let mut split = 0;
    for filler in 1..=70 {
        let mut body: Vec<Block> = (0..filler)
            .map(|k| Block::Paragraph(Paragraph::new(vec![Inline::text(format!("Filler {k}."))])))
            .collect();
        body.push(Block::List(List {
            kind: ListKind::Lettered,
            items: names
                .iter()
                .map(|n| Paragraph::new(vec![Inline::text(format!("{n} item."))]))
                .collect(),
        }));
        let doc = Document {
            meta: Metadata {
                title: "T".into(),
                author: "A".into(),
                subject: "S".into(),
                lang: Lang::En,
                reference: "R".into(),
                version: "1".into(),
                fingerprint: "0".repeat(64),
                date: (2026, 1, 1),
                mark: None,
            },
            blocks: vec![Block::Clause(Clause::new("c", "Clause", body))],
        };
        let laid = layout::layout(&doc, ExportOptions::default()).expect("layout");
        let page_of = |name: &str| {
            laid.pages
                .iter()
                .position(|p| {
                    p.marks
                        .iter()
                        .any(|m| matches!(m, Mark::Text(t) if t.text.contains(name)))
                })
                .expect("printed")
        };
        let pages: Vec<usize> = names.iter().map(|n| page_of(n)).collect();
        if pages[0] != pages[4] {
            split += 1;
        }
        assert_eq!(pages[0], pages[1], "{filler} paragraphs before: {pages:?}");
        assert_eq!(pages[3], pages[4], "{filler} paragraphs before: {pages:?}");
    }
    // The lists were cut somewhere in the middle at some lengths.
    assert!(split > 0);
}

#[test]
fn sentences_seen_on_the_pages_read_as_a_lawyer_expects() {
    // Issue 14, the page-by-page look: each wording printed before, and
    // what replaced it (the client and internal editions share the
    // clauses; the internal one alone has the annex).
    let checks: [(&str, Lang, Edition, &str, &str); 9] = [
        (
            "fr-pme-infogerance",
            Lang::En,
            Edition::Client,
            "falls below the levels below",
            "is lower than one of the levels in the table below, the Customer",
        ),
        (
            "fr-pme-infogerance",
            Lang::En,
            Edition::Client,
            "from 19:00 for 3 hours",
            "from 19:00 for up to 3 hours",
        ),
        (
            "fr-pme-infogerance",
            Lang::En,
            Edition::Client,
            "(Exceptional closure",
            "(exceptional closure on the afternoon of 24 December)",
        ),
        (
            "internal-it-ola",
            Lang::En,
            Edition::Client,
            "run during the hours of the Claims Operations opening hours (Leeds) calendar",
            "run on the Claims Operations opening hours (Leeds) calendar (Monday to Friday",
        ),
        (
            "internal-it-ola",
            Lang::En,
            Edition::Client,
            "members are: Director of Claims Operations",
            "members are: the Director of Claims Operations, the Claims Operations",
        ),
        (
            "saas-multilevel",
            Lang::En,
            Edition::Client,
            "members are: Customer’s executive sponsor",
            "members are: the Customer’s executive sponsor",
        ),
        (
            "fr-pme-infogerance",
            Lang::Fr,
            Edition::Client,
            "dans un délai de 1 heure",
            "dans un délai d’une heure après en avoir eu connaissance",
        ),
        (
            "saas-multilevel",
            Lang::Fr,
            Edition::Client,
            "(Ligne de support Entreprise uniquement)",
            "(ligne de support Entreprise uniquement)",
        ),
        (
            "saas-multilevel",
            Lang::Fr,
            Edition::Internal,
            "Délai servi",
            "Point de départ Délai contractuel",
        ),
    ];
    for (name, lang, edition, before, after) in checks {
        let (_, _, _, e) = all()
            .iter()
            .find(|(n, l, ed, _)| n == name && *l == lang && *ed == edition)
            .expect("exported");
        let text = raw_text(&e.path);
        assert!(!text.contains(before), "{name} {lang:?}: `{before}`");
        assert!(text.contains(after), "{name} {lang:?}: no `{after}`");
    }
}

#[test]
fn quotes_and_apostrophes_are_typographic() {
    // Issue 14 point 5: English mixed "Provider's" with “Agreement”.
    for (name, lang, edition, e) in all() {
        let text = raw_text(&e.path);
        let straight: Vec<&str> = text
            .split_whitespace()
            .filter(|w| w.contains(['\'', '"']))
            .collect();
        assert!(
            straight.is_empty(),
            "{name} {lang:?} {edition:?}: straight quotes in {straight:?}"
        );
    }
}

#[test]
fn french_contracts_contract_their_articles() {
    // Issue 14 point 3: « de les États-Unis », « de l’Angleterre et le pays
    // de Galles », and proper names lowered in the list of a committee.
    let mut regions = 0;
    for (name, lang, edition, e) in all() {
        if *lang != Lang::Fr {
            continue;
        }
        let text = raw_text(&e.path);
        for wrong in [
            " de les ",
            " à les ",
            " de le ",
            " à le ",
            "et le pays de Galles",
            " tallyloop ",
        ] {
            assert!(
                !text.contains(wrong),
                "{name} {edition:?}: `{wrong}` in the French text"
            );
        }
        regions += text.matches("jours fériés légaux des États-Unis").count()
            + text
                .matches("jours fériés légaux de l’Angleterre et du pays de Galles")
                .count();
    }
    assert!(
        regions > 0,
        "the samples print their holiday regions in French"
    );
}

#[test]
fn the_draft_mark_is_not_read_as_text() {
    // Issue 14 point 5: the watermark's letters landed in the extracted
    // text and reordered it. Drawn as shapes, it leaves the text of a
    // draft exactly the text of the final version.
    let a = agreement("saas-multilevel");
    for lang in [Lang::En, Lang::Fr] {
        let text = |draft: bool| {
            let bytes = contract::export(
                &a,
                &ContractOptions {
                    draft,
                    ..opts(lang, Edition::Client)
                },
            )
            .expect("export");
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().join("c.pdf");
            std::fs::write(&path, bytes).expect("write");
            raw_text(&path)
        };
        let (draft, final_text) = (text(true), text(false));
        assert!(!draft.contains(lang.pick("DRAFT", "PROJET")), "{lang:?}");
        // The fingerprints differ (the draft flag is an option), and the
        // title page states the draft's status: compare the rest, from the
        // contents on.
        let contents = lang.pick("Contents", "Sommaire");
        let without_prints = |t: &str| {
            let body = &t[t.find(contents).expect("a table of contents")..];
            body.split_whitespace()
                .filter(|w| !(w.len() == 64 && w.chars().all(|c| c.is_ascii_hexdigit())))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            without_prints(&draft),
            without_prints(&final_text),
            "{lang:?}"
        );
    }
}
