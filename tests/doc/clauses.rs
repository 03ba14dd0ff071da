//! Clauses a lawyer accepts (issue 14 point 2), read in the rendered
//! contract: termination for cause by the non-breaching party after a cure
//! period, the penalties' cap and nature, maintenance terms that agree with
//! the exclusions, the review procedure said once, and the optional
//! clauses, each printed in both languages when set and left out when
//! empty.

use std::process::Command;

use pledge::doc::contract::{self, ContractOptions, Edition, Format};
use pledge::doc::tree::Lang;
use pledge::model::*;

fn sample(name: &str) -> Agreement {
    let s = pledge::samples::find(name).expect("sample");
    pledge::format::read(s.text).expect("sample reads")
}

fn minimal() -> Agreement {
    pledge::format::read(include_str!("../fixtures/minimal.yaml")).expect("minimal reads")
}

/// The contract's text as Markdown prints it, its escapes and bold marks
/// removed and
/// every run of white space (no-break spaces included) one space.
fn text(a: &Agreement, lang: Lang) -> String {
    let opts = ContractOptions {
        lang: Some(lang),
        edition: Edition::Client,
        format: Format::Markdown,
        ..ContractOptions::default()
    };
    let md = String::from_utf8(contract::export(a, &opts).expect("export")).expect("utf-8");
    squeeze(&md.replace('\\', "").replace("**", ""))
}

fn squeeze(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{202F}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The PDF's text as pdftotext reads it, hyphenated line ends joined.
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
    squeeze(&String::from_utf8_lossy(&out.stdout).replace("-\n", ""))
}

/// The text without the footer's fingerprint.
fn body(text: &str) -> &str {
    text.rsplit_once("SHA-256").map_or(text, |(b, _)| b)
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

fn with_termination(a: &mut Agreement, cure_days: u32) {
    a.termination = Some(Termination {
        notice: Duration::days(30),
        for_convenience: false,
        for_cause: vec!["A material breach of this Agreement.".into()],
        cure_days,
        effects: vec![],
    });
}

#[test]
fn only_the_non_breaching_party_terminates_for_cause_after_the_cure_period() {
    // Regression for issue 14: "Either Party may terminate … material breach
    // by either party" let the party in breach terminate.
    let mut a = minimal();
    with_termination(&mut a, DEFAULT_CURE_DAYS);
    let en = text(&a, Lang::En);
    has(&en, "the other Party (the non-breaching Party) may terminate this Agreement by written notice to the Party in breach");
    has(
        &en,
        "has not been remedied within 30 days of receipt of the first notice",
    );
    has(
        &en,
        "A Party may not terminate this Agreement on account of its own breach.",
    );
    lacks(
        &en,
        "Either Party may terminate this Agreement with immediate effect",
    );
    let fr = text(&a, Lang::Fr);
    has(
        &fr,
        "l’autre Partie (la Partie non défaillante) peut résilier la Convention",
    );
    has(
        &fr,
        "dans un délai de 30 jours suivant la réception de la mise en demeure",
    );
    has(
        &fr,
        "Une Partie ne peut se prévaloir de son propre manquement",
    );
    lacks(
        &fr,
        "Chaque Partie peut résilier la Convention de plein droit",
    );

    with_termination(&mut a, 45);
    has(&text(&a, Lang::En), "within 45 days of receipt");
    has(&text(&a, Lang::Fr), "dans un délai de 45 jours suivant");
}

#[test]
fn the_samples_pdfs_name_the_non_breaching_party() {
    let saas = pdf_text(&sample("saas-multilevel"), Lang::En);
    has(&saas, "(the non-breaching Party) may terminate");
    lacks(&saas, "by either party");
    let pme = pdf_text(&sample("fr-pme-infogerance"), Lang::Fr);
    has(&pme, "(la Partie non défaillante) peut résilier");
    lacks(&pme, "d’une partie à ses obligations");
}

#[test]
fn penalties_have_a_cap_and_say_what_they_settle() {
    let a = sample("fr-pme-infogerance");
    let fr = text(&a, Lang::Fr);
    has(&fr, "Le montant total des pénalités dues au titre d’un même mois civil ne peut excéder 60 % de la Redevance mensuelle (750,00 € HT).");
    has(&fr, "Les pénalités sont forfaitaires et libératoires : pour chaque fait générateur énuméré dans le tableau ci-dessus, la pénalité constitue la seule et unique réparation due au Client au titre de ce manquement à un niveau de service.");
    has(
        &fr,
        "Elles ne limitent pas les droits et recours du Client au titre de tout autre manquement",
    );
    let en = text(&a, Lang::En);
    has(&en, "The total of the penalties due for any one calendar month shall not exceed 60% of the Monthly Fee (€750.00).");
    has(&en, "The penalties are liquidated damages. For each event listed in the table above, the penalty is the Customer’s sole and exclusive remedy for that failure to meet a service level; it does not limit the Customer’s rights and remedies for any other breach");

    // A cap as an amount; penalties that do not settle the failure.
    let mut b = a.clone();
    b.penalty_terms = Some(PenaltyTerms {
        cap: Some(PenaltyCap::Amount(Money::from_cents(90_000))),
        exclusive_remedy: false,
    });
    has(&text(&b, Lang::Fr), "ne peut excéder 900,00 € HT.");
    has(
        &text(&b, Lang::Fr),
        "Les pénalités ne sont pas libératoires",
    );
    has(&text(&b, Lang::En), "shall not exceed €900.00.");
    lacks(&text(&b, Lang::En), "liquidated damages");
    // No terms: neither a cap nor a nature is printed.
    b.penalty_terms = None;
    for lang in [Lang::En, Lang::Fr] {
        let t = text(&b, lang);
        lacks(&t, "calendar month shall not exceed");
        lacks(&t, "mois civil ne peut excéder");
        lacks(&t, "libératoires");
        lacks(&t, "liquidated");
    }
}

#[test]
fn credits_exclusive_remedy_covers_the_missed_level_only() {
    let en = text(&sample("saas-multilevel"), Lang::En);
    has(&en, "sole and exclusive remedy for a failure to meet this level; they do not limit the Customer’s rights and remedies for any other breach of this Agreement.");
}

#[test]
fn emergency_maintenance_has_its_own_notice_rule() {
    let a = sample("saas-multilevel");
    let en = text(&a, Lang::En);
    has(
        &en,
        "“Emergency Maintenance” means maintenance that cannot wait for Planned Maintenance",
    );
    has(&en, "It announces Emergency Maintenance as soon as practicable and, where possible, before it starts");
    // The sample defines “Downtime”, so the clause writes it as a term.
    has(&en, "Emergency Maintenance is not Downtime up to 4 hours in a Measurement Period; beyond that, it is Downtime.");
    has(&en, "Planned Maintenance and Emergency Maintenance announced and performed in accordance with the availability clause");
    lacks(
        &en,
        "emergency security maintenance announced as soon as practicable",
    );
    let fr = text(&a, Lang::Fr);
    has(&fr, "« Maintenance d’urgence » désigne");
    has(&fr, "La Maintenance d’urgence n’est pas comptée comme Indisponibilité dans la limite de 4 heures par Période de mesure");

    // A notice period, and no emergency rule at all.
    let mut b = a.clone();
    let m = b.services[0]
        .availability
        .as_mut()
        .and_then(|x| x.maintenance.as_mut())
        .expect("the platform has maintenance terms");
    m.emergency = Some(EmergencyMaintenance {
        notice: Some("4h".parse().expect("4h")),
        max_per_period: None,
    });
    has(
        &text(&b, Lang::En),
        "It announces Emergency Maintenance at least 4 hours in advance",
    );
    has(
        &text(&b, Lang::Fr),
        "Il l’annonce au moins 4 heures à l’avance",
    );
    m_clear(&mut b);
    let en = text(&b, Lang::En);
    lacks(&en, "Emergency Maintenance”");
    has(
        &en,
        "Maintenance that is not announced and carried out as Planned Maintenance is Downtime.",
    );
    has(&text(&b, Lang::Fr), "Toute maintenance qui n’est pas annoncée et réalisée comme une Maintenance planifiée est comptée comme Indisponibilité.");
}

fn m_clear(a: &mut Agreement) {
    for s in &mut a.services {
        if let Some(m) = s.availability.as_mut().and_then(|x| x.maintenance.as_mut()) {
            m.emergency = None;
        }
    }
}

#[test]
fn the_samples_cite_no_missing_annex_and_say_the_review_procedure_once() {
    let pme = text(&sample("fr-pme-infogerance"), Lang::Fr);
    lacks(&pme, "annexé");
    has(
        &pme,
        "inventaire de l’infrastructure du Client que tient à jour le Prestataire",
    );
    // The notice of a proposed change is stated by the template alone.
    assert_eq!(pme.matches("60 jours").count(), 1, "{pme}");
    let saas = text(&sample("saas-multilevel"), Lang::En);
    assert_eq!(
        saas.matches("written notice of the proposed change")
            .count(),
        1
    );
    has(
        &saas,
        "written notice of the proposed change at least 30 days before it is to take effect",
    );
    lacks(&saas, "30 days written notice");
    lacks(&saas, "30 days’ written notice");
}

/// One optional clause: how to set it on an agreement, and a phrase each
/// language prints only when it is set.
struct Optional {
    name: &'static str,
    set: fn(&mut Agreement),
    empty: Option<fn(&mut Agreement)>,
    en: &'static str,
    fr: &'static str,
}

const OPTIONAL: [Optional; 6] = [
    Optional {
        name: "breach notification",
        set: |a| {
            a.breach_notification = Some(BreachNotification {
                from: "the service manager".into(),
                to: "the Customer's support contacts".into(),
                means: "by e-mail".into(),
                within: "2h".parse().expect("2h"),
                anticipated: true,
            })
        },
        empty: None,
        en: "The Provider, through the service manager, notifies the Customer’s support contacts by e-mail of every missed target and every missed Availability commitment, within 2 hours of becoming aware of it. It gives the same notice as soon as it foresees that a target",
        fr: "Le Prestataire informe the Customer’s support contacts by e-mail de tout dépassement d’un délai et de tout manquement à un engagement de Disponibilité, dans un délai de 2 heures après en avoir eu connaissance ; l’information est donnée par the service manager. Il donne la même information dès qu’il prévoit",
    },
    Optional {
        name: "limitation of liability",
        set: |a| {
            a.liability = Some(Liability {
                cap: Some(LiabilityCap::MonthsOfFees(12)),
                indirect_excluded: true,
                uncapped: vec!["fraud".into()],
            })
        },
        empty: Some(|a| a.liability = Some(Liability::default())),
        en: "shall not exceed the fees paid or payable by the Customer under this Agreement in the 12 months before the event giving rise to the claim. Service Credits paid count towards this limit.",
        fr: "au cours des 12 mois précédant le fait générateur. Les Crédits de service versés s’imputent sur ce plafond.",
    },
    Optional {
        name: "security and backups",
        set: |a| {
            a.security = Some(Security {
                measures: vec!["Encrypt data at rest.".into()],
                backup: Some(Backup {
                    every: Duration::hours(24),
                    retention: Duration::days(30),
                    location: Text::default(),
                    restore_test: Some(Frequency::Quarterly),
                }),
            })
        },
        empty: Some(|a| a.security = Some(Security::default())),
        en: "The Provider backs up the Customer’s data; the interval between two backups does not exceed 1 day, and each backup is kept for 30 days. It tests the restoration of a backup every quarter",
        fr: "Le Prestataire sauvegarde les données du Client ; l’intervalle entre deux sauvegardes n’excède pas 1 jour et chaque sauvegarde est conservée pendant 30 jours. Il teste la restauration d’une sauvegarde chaque trimestre",
    },
    Optional {
        name: "continuity",
        set: |a| {
            a.continuity = Some(Continuity {
                failover: Text::default(),
                recovery_time: Some(Duration::hours(4)),
                recovery_point: Some(Duration::minutes(15)),
                test: Some(Frequency::Yearly),
            })
        },
        empty: Some(|a| a.continuity = Some(Continuity::default())),
        en: "If a disaster makes the Services unavailable, the Provider restores them within 4 hours, and no more than the last 15 minutes of data recorded before the disaster is lost.",
        fr: "Si un sinistre rend les Services indisponibles, le Prestataire les rétablit dans un délai de 4 heures, et la perte de données est limitée aux données enregistrées au cours des 15 minutes précédant le sinistre.",
    },
    Optional {
        name: "subcontracting",
        set: |a| {
            a.subcontracting = Some(Subcontracting {
                rule: SubcontractingRule::Notice,
                notice: Some(Duration::days(30)),
                approved: vec!["Hosting Co (hosting)".into()],
            })
        },
        empty: None,
        en: "at least 30 days before the subcontractor starts, of its identity and of the tasks entrusted to it",
        fr: "au moins 30 jours avant l’intervention du sous-traitant",
    },
    Optional {
        name: "order of precedence",
        set: |a| {
            a.precedence = Some(Precedence {
                main_agreement: "the services agreement between the Parties".into(),
                term: Text::default(),
                prevails: Prevailing::ThisAgreement,
                matters: vec!["service levels".into()],
            })
        },
        empty: None,
        en: "This Agreement supplements the services agreement between the Parties (the “Main Agreement”). Matters this Agreement does not address are governed by the Main Agreement. Where this Agreement and the Main Agreement conflict on service levels, this Agreement prevails; on any other matter, the Main Agreement prevails.",
        fr: "La Convention complète the services agreement between the Parties (le « Contrat principal »). Les questions que la Convention ne règle pas sont régies par le Contrat principal. En cas de contradiction entre la Convention et le Contrat principal sur service levels, la Convention prévaut ; sur toute autre question, le Contrat principal prévaut.",
    },
];

#[test]
fn each_optional_clause_prints_in_both_languages_when_set_and_not_when_empty() {
    let base = minimal();
    let (base_en, base_fr) = (text(&base, Lang::En), text(&base, Lang::Fr));
    for o in &OPTIONAL {
        lacks(&base_en, o.en);
        lacks(&base_fr, o.fr);
        let mut a = base.clone();
        (o.set)(&mut a);
        assert_eq!(
            pledge::check::check(&a)
                .iter()
                .filter(|d| d.severity == pledge::check::Severity::Error)
                .count(),
            0,
            "{}",
            o.name
        );
        has(&text(&a, Lang::En), o.en);
        has(&text(&a, Lang::Fr), o.fr);
        if let Some(empty) = o.empty {
            let mut e = base.clone();
            empty(&mut e);
            // The footer's fingerprint is of the agreement's text, which
            // differs; every other word is the same.
            assert_eq!(
                body(&text(&e, Lang::En)),
                body(&base_en),
                "{} left empty prints nothing",
                o.name
            );
            assert_eq!(
                body(&text(&e, Lang::Fr)),
                body(&base_fr),
                "{} left empty prints nothing",
                o.name
            );
        }
    }
}

#[test]
fn every_optional_clause_is_in_a_sample() {
    let samples = ["fr-pme-infogerance", "saas-multilevel", "internal-it-ola"].map(sample);
    let any = |f: fn(&Agreement) -> bool| samples.iter().any(f);
    assert!(any(|a| a.breach_notification.is_some()));
    assert!(any(|a| a.liability.as_ref().is_some_and(|l| !l.is_empty())));
    assert!(any(|a| a
        .security
        .as_ref()
        .is_some_and(|s| s.backup.is_some() && !s.measures.is_empty())));
    assert!(any(|a| a
        .continuity
        .as_ref()
        .is_some_and(|c| !c.is_empty())));
    assert!(any(|a| a.subcontracting.is_some()));
    assert!(any(|a| a.precedence.is_some()));
    assert!(any(|a| a
        .penalty_terms
        .as_ref()
        .is_some_and(|t| t.cap.is_some())));
}

#[test]
fn the_samples_print_their_optional_clauses() {
    let saas = text(&sample("saas-multilevel"), Lang::En);
    has(&saas, "the master subscription agreement between Tallyloop and the Customer (the “Master Subscription Agreement”)");
    has(&saas, "Where this Agreement and the Master Subscription Agreement conflict on service levels, service credits and support, this Agreement prevails");
    has(
        &saas,
        "By signing this Agreement, the Customer accepts the following subcontractors:",
    );
    has(
        &saas,
        "Neither the limit nor the exclusion above applies to liability for:",
    );
    let pme = text(&sample("fr-pme-infogerance"), Lang::Fr);
    has(&pme, "Le Prestataire informe le référent informatique du Client par courriel et, pour un incident critique, par téléphone de tout dépassement d’un délai");
    has(
        &pme,
        "chaque sauvegarde est conservée pendant 30 jours, dans un centre de données distinct",
    );
    has(&pme, "qu’avec l’accord préalable et écrit du Client");
}

#[test]
fn the_rule_for_abandoned_contacts_is_one_sentence_of_the_service_levels_clause() {
    // issue 16 point 4: a live channel's rule for contacts abandoned
    // before an answer is printed where the targets are measured, in both
    // languages, and nothing when the agreement does not set it.
    let mut a = sample("saas-multilevel");
    let en = text(&a, Lang::En);
    let fr = text(&a, Lang::Fr);
    lacks(&en, "abandons before the Provider answers it");
    lacks(&fr, "abandonne avant que le Prestataire");
    let phone = a
        .channels
        .iter()
        .position(|c| c.kind == ChannelKind::Phone)
        .expect("the sample has a phone line");
    let chat = a
        .channels
        .iter()
        .position(|c| c.kind == ChannelKind::Chat)
        .expect("the sample has a chat");
    a.channels[phone].abandoned = Some(AbandonedContacts::Breach);
    a.channels[chat].abandoned = Some(AbandonedContacts::Excluded);
    // Each contract names the channels in its own language.
    let name = |i: usize, lang| a.channels[i].name.get(lang, a.meta.language).to_string();
    let (phone_name, chat_name) = (name(phone, Language::En), name(chat, Language::En));
    let en = text(&a, Lang::En);
    has(&en, &format!("A Ticket submitted through the {phone_name} Channel that the Customer abandons before the Provider answers it is counted as a Ticket not handled within its targets."));
    has(&en, &format!("A Ticket submitted through the {chat_name} Channel that the Customer abandons before the Provider answers it is not counted in the Compliance Rate."));
    let (phone_name, chat_name) = (name(phone, Language::Fr), name(chat, Language::Fr));
    let fr = text(&a, Lang::Fr);
    has(&fr, &format!("Une Demande adressée par le canal {phone_name} que le Client abandonne avant que le Prestataire n’y réponde est comptée comme une Demande non traitée dans ses délais."));
    has(&fr, &format!("Une Demande adressée par le canal {chat_name} que le Client abandonne avant que le Prestataire n’y réponde n’est pas prise en compte dans le Taux de respect."));
    // The sentences use the contract's defined terms as defined.
    let findings = pledge::check::terms::findings(&a);
    assert!(findings.is_empty(), "{findings:#?}");
    // On a channel customers do not wait on, the rule is refused.
    let mail = a
        .channels
        .iter()
        .position(|c| !c.is_live())
        .expect("the sample has a channel that is not live");
    a.channels[mail].abandoned = Some(AbandonedContacts::Breach);
    let refused = pledge::check::check(&a);
    let d = refused
        .iter()
        .find(|d| d.code == "abandoned-not-live")
        .expect("refused");
    assert_eq!(d.path, format!("channels[{mail}].abandoned"));
    assert_eq!(d.severity, pledge::check::Severity::Error);
}
