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
    pdf_text_of(a, lang, Edition::Client)
}

/// The PDF text of `edition` of the contract in `lang`, as [`pdf_text`].
fn pdf_text_of(a: &Agreement, lang: Lang, edition: Edition) -> String {
    let opts = ContractOptions {
        lang: Some(lang),
        edition,
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

/// The PDF text of `a`'s contract in `lang`, both editions one after the
/// other (the internal one prints the teams and the OLA stages).
fn both_editions(a: &Agreement, lang: Lang) -> String {
    [Edition::Client, Edition::Internal]
        .map(|edition| pdf_text_of(a, lang, edition))
        .join(" ")
}

/// Names print in the export language (issue 14 point 3, names): each
/// kind of name the New York sample gives in French is in its French
/// contract, and its English words are not.
#[test]
fn the_new_york_sample_in_french_prints_every_name_in_french() {
    let fr = both_editions(&sample("saas-multilevel"), Lang::Fr);
    for (french, english) in [
        // meta.title
        (
            "Convention de niveaux de service — Plateforme cloud Tallyloop",
            "Tallyloop Cloud Platform",
        ),
        // notice contacts and signatories' titles
        ("à l’attention de : Directeur juridique", "General Counsel"),
        ("Vice-président, affaires juridiques", "Vice President"),
        ("Directeur des opérations", "Chief Operating Officer"),
        // services, plans, channels
        ("Plateforme Tallyloop :", "Tallyloop Platform"),
        ("Connecteurs et intégrations", "Connectors and integrations"),
        ("Offre Entreprise", "Enterprise"),
        ("Courriel du support :", "Support e-mail"),
        ("Ligne de support Entreprise", "support line"),
        ("Messagerie intégrée", "In-app chat"),
        // priorities
        ("P2 — Élevée", "High"),
        ("P4 — Basse", "Low"),
        // teams and OLA stages (internal edition)
        ("Support client (niveau 1)", "Tier 1"),
        ("Qualification", "Triage"),
        ("Rétablissement", "Restoration"),
    ] {
        has(&fr, french);
        lacks(&fr, english);
    }
    // Identities print as written in every language.
    for same in [
        "Dana Whitfield",
        "legal@tallyloop.example",
        "https://app.tallyloop.example",
        "Tallyloop, Inc.",
    ] {
        has(&fr, same);
    }
}

#[test]
fn the_french_law_sample_in_english_prints_every_name_in_english() {
    let en = both_editions(&sample("fr-pme-infogerance"), Lang::En);
    for (english, french) in [
        // meta.title
        (
            "Service Level Agreement — IT outsourcing and support",
            "Convention de niveaux de service",
        ),
        // notice contacts and signatories' titles
        ("Chair of Lumen Services Informatiques SAS", "Présidente"),
        ("Managing Director of Menuiserie Perrin SARL", "Gérant"),
        // services, plans, channels, calendars
        ("Workstations:", "Postes de travail"),
        (
            "Availability of Servers and backup",
            "Serveurs et sauvegarde",
        ),
        ("The Customer’s Plan is Sérénité", "Contrat Sérénité"),
        ("Support portal:", "Portail d’assistance"),
        ("Telephone support:", "Assistance téléphonique"),
        ("(Ascension bridge day)", "Pont de l’Ascension"),
        ("afternoon of 24 December", "Fermeture exceptionnelle"),
        // priorities
        ("P1 — Critical", "Critique"),
        ("P2 — High", "Haute"),
        ("P4 — Low", "Basse"),
        // teams and OLA stages (internal edition)
        ("Service desk (level 1)", "Centre de services"),
        ("Triage", "Qualification"),
        ("Restoration", "Rétablissement"),
    ] {
        has(&en, english);
        lacks(&en, french);
    }
    for same in [
        "Menuiserie Perrin SARL",
        "direction@menuiserie-perrin.example",
    ] {
        has(&en, same);
    }
}

/// A channel without a name prints its kind in the export language, not
/// the file's key ("email"), in both languages.
#[test]
fn a_channel_without_a_name_is_called_by_its_kind_in_the_export_language() {
    let mut a = sample("saas-multilevel");
    for channel in &mut a.channels {
        channel.name = pledge::model::Text::default();
    }
    let fr = pdf_text(&a, Lang::Fr);
    let en = pdf_text(&a, Lang::En);
    has(&fr, "Courriel : support@tallyloop.example");
    has(&fr, "Portail : https://help.tallyloop.example");
    has(
        &fr,
        "Messagerie instantanée : https://app.tallyloop.example",
    );
    has(&fr, "Téléphone : +1 212 555 0147");
    has(&en, "E-mail: support@tallyloop.example");
    has(&en, "Portal: https://help.tallyloop.example");
    has(&en, "Chat: https://app.tallyloop.example");
    has(&en, "Telephone: +1 212 555 0147");
    for (text, colon) in [(&fr, " :"), (&en, ":")] {
        for key in ["email", "portal", "chat", "phone"] {
            lacks(text, &format!(" {key}{colon}"));
        }
    }
}
