//! The contract in the agreement's other language prints the free text
//! written for that language (issue 14 point 3), read from the PDF as
//! pdftotext reads it.

use std::process::Command;

use pledge::doc::contract::{self, ContractOptions, Edition};
use pledge::doc::tree::Lang;
use pledge::model::Agreement;

fn sample(name: &str) -> Agreement {
    let s = pledge::samples::find(name).expect("sample");
    pledge::format::read(s.text).expect("sample reads")
}

/// The client contract's PDF text in `lang`, hyphenated line ends joined
/// and white space squeezed.
fn pdf_text(a: &Agreement, lang: Lang) -> String {
    let opts = ContractOptions {
        lang: Some(lang),
        edition: Edition::Client,
        ..ContractOptions::default()
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("c.pdf");
    std::fs::write(&pdf, contract::export(a, &opts).expect("pdf")).expect("write");
    let out = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext must be installed (apt-get install poppler-utils)");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .replace("-\n", "")
        .split(|c: char| c.is_whitespace() || c == '\u{202F}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[track_caller]
fn has(text: &str, phrase: &str) {
    assert!(text.contains(phrase), "{phrase:?} is not in:\n{text}");
}

#[track_caller]
fn lacks(text: &str, phrase: &str) {
    assert!(
        !text.contains(phrase),
        "{phrase:?} should not be in:\n{text}"
    );
}

#[test]
fn the_new_york_sample_in_french_prints_its_french_law_and_courts() {
    let fr = pdf_text(&sample("saas-multilevel"), Lang::Fr);
    lacks(&fr, "régie par le the laws");
    lacks(&fr, "the laws of the State of New York");
    has(
        &fr,
        "La Convention est régie par le droit de l’État de New York, à l’exclusion de ses règles de conflit de lois.",
    );
    has(
        &fr,
        "les tribunaux de l’État de New York et les tribunaux fédéraux",
    );
    // Descriptions, definitions and exclusions print their French text.
    has(
        &fr,
        "Tallyloop Platform : l’application web Tallyloop hébergée",
    );
    has(&fr, "La plateforme est indisponible");
    has(
        &fr,
        "Les fonctionnalités signalées comme alpha, bêta ou préversion",
    );
    lacks(&fr, "Features labelled alpha");
    // The English contract still prints the English texts.
    let en = pdf_text(&sample("saas-multilevel"), Lang::En);
    has(
        &en,
        "This Agreement is governed by the laws of the State of New York",
    );
    lacks(&en, "Droit de l’État");
}

#[test]
fn the_french_law_sample_in_english_prints_its_english_law_and_court() {
    let en = pdf_text(&sample("fr-pme-infogerance"), Lang::En);
    lacks(&en, "governed by Droit français");
    has(&en, "This Agreement is governed by French law.");
    has(
        &en,
        "exclusive jurisdiction of the Commercial Court of Lyon (Tribunal de commerce de Lyon)",
    );
    has(&en, "An incident that stops the Customer’s business");
    has(
        &en,
        "Resolution of a critical incident (P1) later than its resolution time.",
    );
    lacks(&en, "Dépassement du délai");
    let fr = pdf_text(&sample("fr-pme-infogerance"), Lang::Fr);
    has(&fr, "La Convention est régie par le droit français.");
    lacks(&fr, "French law");
}
