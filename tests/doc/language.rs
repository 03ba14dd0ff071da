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
        "Plateforme Tallyloop : l’application web Tallyloop hébergée",
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

/// Each kind of list the contract prints, in the export language: the
/// items' words of the other language are gone (issue 14 point 3, the
/// lists).
#[test]
fn the_new_york_sample_in_french_prints_every_list_item_in_french() {
    let fr = pdf_text(&sample("saas-multilevel"), Lang::Fr);
    for (french, english) in [
        // services[0].availability.excluded
        ("limites de débit de l’API", "rate limits"),
        // priorities[].examples
        (
            "Aucun utilisateur ne peut se connecter",
            "No user can sign in",
        ),
        // escalation.levels[].to
        ("Chef d’équipe support de permanence", "Support Team Lead"),
        // responsibilities.provider and .customer
        (
            "exploiter, superviser et sécuriser la plateforme",
            "Operate, monitor",
        ),
        (
            "la « Politique d’utilisation acceptable »",
            "Acceptable Use Policy",
        ),
        // reporting.content and steering_committee.members
        (
            "Les Crédits de service dus au titre du mois",
            "due for the month",
        ),
        (
            "responsable de l’exploitation informatique du Client",
            "IT operations lead",
        ),
        // termination.for_cause and .effects
        ("Un manquement grave à la Convention", "A material breach"),
        ("rembourse les redevances payées d’avance", "prepaid fees"),
        // liability.uncapped, subcontracting.approved
        ("fraude ou faute intentionnelle", "wilful misconduct"),
        ("(gestion des tickets de support)", "support ticketing"),
        // precedence: the main agreement, its term and the matters
        (
            "le contrat d’abonnement conclu entre Tallyloop et le Client",
            "master subscription",
        ),
        (
            "(le « Contrat d’abonnement »)",
            "Master Subscription Agreement",
        ),
        (
            "sur les niveaux de service, les Crédits de service et le support",
            "service levels",
        ),
    ] {
        has(&fr, french);
        lacks(&fr, english);
    }
}

#[test]
fn the_french_law_sample_in_english_prints_every_list_item_in_english() {
    let en = pdf_text(&sample("fr-pme-infogerance"), Lang::En);
    for (english, french) in [
        // services[1].availability.excluded
        (
            "Interruptions caused by the Customer’s internet connection",
            "liaison internet",
        ),
        // priorities[].examples
        ("Suspected ransomware attack", "rançongiciel"),
        // escalation.levels[].to
        (
            "to the head of the Provider’s service desk",
            "Responsable du centre de services",
        ),
        (
            "president of the Provider, with notice to the Customer’s managing director",
            "Présidente du Prestataire",
        ),
        // responsibilities.provider and .customer
        ("comply with the GDPR (EU regulation 2016/679)", "RGPD"),
        (
            "Appoint an IT contact and a deputy",
            "référent informatique",
        ),
        // reporting.content and steering_committee.members
        ("the results of the restore tests", "tests de restauration"),
        ("the Provider’s account manager", "Responsable de compte"),
        // termination.for_cause and .effects
        (
            "A material breach of its obligations under this Agreement",
            "manquement grave",
        ),
        ("Transition work beyond five days", "réversibilité"),
        // liability.uncapped, security.measures
        ("gross negligence or wilful misconduct", "faute lourde"),
        ("two-factor authentication", "coffre-fort"),
    ] {
        has(&en, english);
        lacks(&en, french);
    }
}

/// The two bilingual samples give no `missing-translation` in either
/// language: neither `validate` nor `export --lang` in the other language.
#[test]
fn the_bilingual_samples_lack_no_translation_in_either_language() {
    use pledge::check::{check_text, language::MISSING_TRANSLATION, missing_translations_in};
    use pledge::model::Language;
    for name in ["saas-multilevel", "fr-pme-infogerance"] {
        let text = pledge::samples::find(name).expect("sample").text;
        let found: Vec<_> = check_text(text)
            .diagnostics
            .into_iter()
            .filter(|d| d.code == MISSING_TRANSLATION)
            .collect();
        assert_eq!(found, vec![], "{name}");
        for lang in [Language::En, Language::Fr] {
            assert_eq!(
                missing_translations_in(text, lang),
                vec![],
                "{name} {lang:?}"
            );
        }
    }
}
