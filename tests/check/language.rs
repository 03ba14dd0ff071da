//! `missing-translation` (issue 14 point 3): one warning per free-text
//! field the contract in a language prints in the other one, naming the
//! field; none when every text is there.

use pledge::check::{check_text, language::MISSING_TRANSLATION, missing_translations_in};
use pledge::model::{Agreement, Language, Text};

const CLEAN: &str = include_str!("../fixtures/minimal.yaml");

/// The `missing-translation` findings of `text`: (path, message, line).
fn missing(text: &str) -> Vec<(String, String, usize)> {
    let report = check_text(text);
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    report
        .diagnostics
        .into_iter()
        .filter(|d| d.code == MISSING_TRANSLATION)
        .map(|d| (d.path, d.message, d.location.map_or(0, |l| l.line)))
        .collect()
}

#[test]
fn an_agreement_in_one_language_is_not_judged_in_the_other() {
    assert_eq!(missing(CLEAN), vec![]);
}

/// The names of the minimal agreement, each given its French text.
fn names_in_french(text: &str) -> String {
    text.replace(
        "title: Support Agreement",
        "title: {en: Support Agreement, fr: Convention de service}",
    )
    .replace(
        "name: Hosted application",
        "name: {en: Hosted application, fr: Application hébergée}",
    )
    .replace("name: Standard", "name: {en: Standard, fr: Standard}")
    .replace("name: Critical", "name: {en: Critical, fr: Critique}")
    .replace("name: Normal", "name: {en: Normal, fr: Normale}")
}

#[test]
fn a_bilingual_agreement_warns_once_per_field_without_the_other_language() {
    // The governing law and the names have both texts; the priorities'
    // definitions are in English only, so the French contract prints them
    // in English.
    let text = names_in_french(&CLEAN.replace(
        "  governing_law: French law\n",
        "  governing_law:\n    en: French law\n    fr: Droit français\n",
    ));
    let found = missing(&text);
    assert_eq!(
        found,
        vec![
            (
                "priorities[0].definition".to_string(),
                "the French text is missing; the French contract prints the English one"
                    .to_string(),
                42,
            ),
            (
                "priorities[1].definition".to_string(),
                "the French text is missing; the French contract prints the English one"
                    .to_string(),
                45,
            ),
        ]
    );
}

#[test]
fn a_bilingual_agreement_warns_about_each_name_without_the_other_language() {
    // Names are words the contract prints: with the governing law written
    // per language, the title and the names left in English are each
    // warned about, at their own line.
    let text = CLEAN
        .replace(
            "  governing_law: French law\n",
            "  governing_law:\n    en: French law\n    fr: Droit français\n",
        )
        .replace(
            "definition: The service is down.",
            "definition: {en: The service is down., fr: Le service est arrêté.}",
        )
        .replace(
            "definition: Anything else.",
            "definition: {en: Anything else., fr: Tout le reste.}",
        );
    let found: Vec<(String, usize)> = missing(&text)
        .into_iter()
        .map(|(path, _, line)| (path, line))
        .collect();
    let expected = [
        ("meta.title", 3),
        ("services[0].name", 23),
        ("plans[0].name", 37),
        ("priorities[0].name", 41),
        ("priorities[1].name", 44),
    ];
    assert_eq!(
        found,
        expected.map(|(p, l)| (p.to_string(), l)).to_vec(),
        "{text}"
    );
}

#[test]
fn no_warning_when_every_text_is_there() {
    let text = names_in_french(CLEAN)
        .replace(
            "  governing_law: French law\n",
            "  governing_law:\n    en: French law\n    fr: Droit français\n",
        )
        .replace(
            "definition: The service is down.",
            "definition: {en: The service is down., fr: Le service est arrêté.}",
        )
        .replace(
            "definition: Anything else.",
            "definition: {en: Anything else., fr: Tout le reste.}",
        );
    assert_eq!(missing(&text), vec![]);
}

#[test]
fn a_text_per_language_without_the_own_language_is_warned_about_in_it() {
    let text = CLEAN.replace(
        "  governing_law: French law\n",
        "  governing_law: {fr: Droit français}\n",
    );
    let found = missing(&text);
    assert!(
        found.contains(&(
            "meta.governing_law".to_string(),
            "the English text is missing; the English contract prints the French one".to_string(),
            12,
        )),
        "{found:?}"
    );
}

#[test]
fn export_in_the_other_language_names_every_field_it_prints_in_the_own_one() {
    // Not bilingual, so `validate` is silent, but a French contract of it
    // prints the governing law and the definitions in English.
    let found = missing_translations_in(CLEAN, Language::Fr);
    let paths: Vec<&str> = found.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "meta.title",
            "meta.governing_law",
            "services[0].name",
            "plans[0].name",
            "priorities[0].name",
            "priorities[0].definition",
            "priorities[1].name",
            "priorities[1].definition"
        ]
    );
    assert_eq!(found[0].location.map(|l| l.line), Some(3));
    assert_eq!(found[1].location.map(|l| l.line), Some(12));
    assert_eq!(missing_translations_in(CLEAN, Language::En), vec![]);
}

/// The field of an agreement a list-item warning is about.
type Item = fn(&mut Agreement) -> &mut Text;

/// Every kind of list item and list-held text that carries a text per
/// language, each by the path its warning names (issue 14 point 3, the
/// lists): in the bilingual New York sample, the item loses its French
/// text, and `validate` warns once, at that item, placed on its line.
#[test]
fn each_kind_of_list_item_without_its_other_language_is_warned_about_at_its_path() {
    let sample = pledge::samples::find("saas-multilevel")
        .expect("sample")
        .text;
    let cases: [(&str, Item); 15] = [
        ("services[0].availability.excluded[1]", |a| {
            &mut a.services[0].availability.as_mut().unwrap().excluded[1]
        }),
        ("priorities[2].examples[0]", |a| {
            &mut a.priorities[2].examples[0]
        }),
        ("escalation.levels[1].to", |a| {
            &mut a.escalation.as_mut().unwrap().levels[1].to
        }),
        ("responsibilities.provider[2]", |a| {
            &mut a.responsibilities.provider[2]
        }),
        ("responsibilities.customer[4]", |a| {
            &mut a.responsibilities.customer[4]
        }),
        ("reporting.content[3]", |a| {
            &mut a.reporting.as_mut().unwrap().content[3]
        }),
        ("reporting.steering_committee.members[0]", |a| {
            &mut a
                .reporting
                .as_mut()
                .unwrap()
                .steering_committee
                .as_mut()
                .unwrap()
                .members[0]
        }),
        ("termination.for_cause[1]", |a| {
            &mut a.termination.as_mut().unwrap().for_cause[1]
        }),
        ("termination.effects[0]", |a| {
            &mut a.termination.as_mut().unwrap().effects[0]
        }),
        ("liability.uncapped[2]", |a| {
            &mut a.liability.as_mut().unwrap().uncapped[2]
        }),
        ("subcontracting.approved[1]", |a| {
            &mut a.subcontracting.as_mut().unwrap().approved[1]
        }),
        ("precedence.main_agreement", |a| {
            &mut a.precedence.as_mut().unwrap().main_agreement
        }),
        ("precedence.term", |a| {
            &mut a.precedence.as_mut().unwrap().term
        }),
        ("precedence.matters[0]", |a| {
            &mut a.precedence.as_mut().unwrap().matters[0]
        }),
        ("security.measures[0]", |a| {
            // The sample has no security measures: one is added, in
            // English only, to a clause otherwise absent.
            a.security = Some(pledge::model::Security {
                measures: vec![Text::own("Encrypt the Customer's data at rest.")],
                backup: None,
            });
            &mut a.security.as_mut().unwrap().measures[0]
        }),
    ];
    for (path, item) in cases {
        let mut a = pledge::format::read(sample).expect("sample reads");
        let field = item(&mut a);
        let english = field.written(Language::En, Language::En).to_string();
        assert!(!english.is_empty(), "{path}");
        *field = Text::own(english.clone());
        let text = pledge::format::write(&a);
        let found = missing(&text);
        assert_eq!(found.len(), 1, "{path}: {found:?}");
        let (at, message, line) = &found[0];
        assert_eq!(at, path);
        assert_eq!(
            message,
            "the French text is missing; the French contract prints the English one"
        );
        let written = text.lines().nth(line - 1).unwrap_or_default();
        let start: String = english.chars().take(12).collect();
        assert!(
            written.contains(&start),
            "{path}: line {line} is {written:?}, not the item"
        );
    }
}

/// An item written per language without the own language's text is
/// warned about in the own language, as a single field is.
#[test]
fn a_list_item_in_the_other_language_only_is_warned_about_in_the_own_one() {
    let text = CLEAN.replace(
        "    definition: Anything else.\n",
        "    definition: Anything else.\n    examples:\n      - A question.\n      - {fr: Une demande d’évolution.}\n",
    );
    // The agreement is now bilingual, so the plain English example lacks
    // its French text too.
    let examples: Vec<_> = missing(&text)
        .into_iter()
        .filter(|(path, ..)| path.starts_with("priorities[1].examples"))
        .collect();
    assert_eq!(
        examples,
        [
            (
                "priorities[1].examples[0]".to_string(),
                "the French text is missing; the French contract prints the English one"
                    .to_string(),
                45,
            ),
            (
                "priorities[1].examples[1]".to_string(),
                "the English text is missing; the English contract prints the French one"
                    .to_string(),
                46,
            ),
        ]
    );
}

/// Every kind of name that is a word, each by the path its warning names
/// (issue 14 point 3, names): in a bilingual sample, the name loses its
/// other language's text, and `validate` warns once, at that name, placed
/// on its line.
#[test]
fn each_kind_of_name_without_its_other_language_is_warned_about_at_its_path() {
    let cases: [(&str, &str, Item); 14] = [
        ("saas-multilevel", "meta.title", |a| &mut a.meta.title),
        (
            "saas-multilevel",
            "parties.provider.notice_contact.name",
            |a| &mut a.parties.provider.notice_contact.as_mut().unwrap().name,
        ),
        (
            "saas-multilevel",
            "parties.customer.signatories[0].title",
            |a| &mut a.parties.customer.signatories[0].title,
        ),
        ("saas-multilevel", "services[1].name", |a| {
            &mut a.services[1].name
        }),
        ("saas-multilevel", "channels[3].name", |a| {
            &mut a.channels[3].name
        }),
        ("saas-multilevel", "calendars[1].name", |a| {
            &mut a.calendars[1].name
        }),
        ("saas-multilevel", "plans[2].name", |a| &mut a.plans[2].name),
        ("saas-multilevel", "priorities[1].name", |a| {
            &mut a.priorities[1].name
        }),
        ("saas-multilevel", "teams[0].name", |a| &mut a.teams[0].name),
        ("saas-multilevel", "olas[1].stage", |a| &mut a.olas[1].stage),
        (
            "fr-pme-infogerance",
            "calendars[0].holidays.dates[0].name",
            |a| &mut a.calendars[0].holidays.dates[0].name,
        ),
        (
            "fr-pme-infogerance",
            "calendars[0].closures[0].reason",
            |a| &mut a.calendars[0].closures[0].reason,
        ),
        ("fr-pme-infogerance", "priorities[3].name", |a| {
            &mut a.priorities[3].name
        }),
        ("fr-pme-infogerance", "olas[2].stage", |a| {
            &mut a.olas[2].stage
        }),
    ];
    for (sample, path, name) in cases {
        let mut a = pledge::format::read(pledge::samples::find(sample).expect("sample").text)
            .expect("sample reads");
        let own = a.meta.language;
        let field = name(&mut a);
        let written = field.written(own, own).to_string();
        assert!(
            field.is_per_language() && !written.is_empty(),
            "{sample} {path}"
        );
        *field = Text::own(written.clone());
        let text = pledge::format::write(&a);
        let found = missing(&text);
        assert_eq!(found.len(), 1, "{sample} {path}: {found:?}");
        let (at, message, line) = &found[0];
        assert_eq!(at, path);
        let other = own.other().name();
        assert_eq!(
            message,
            &format!(
                "the {other} text is missing; the {other} contract prints the {} one",
                own.name()
            )
        );
        let on_line = text.lines().nth(line - 1).unwrap_or_default();
        let start: String = written.chars().take(10).collect();
        assert!(
            on_line.contains(&start),
            "{path}: line {line} is {on_line:?}, not the name"
        );
    }
}

/// What is an address or an identity is printed as written in every
/// language and never warned about: exported in the other language, an
/// agreement in one language is warned about the signatory's title and
/// the contact's function, not about the legal names, the signatory's
/// name, the e-mail, the addresses, the channel's contact or the time
/// zones.
#[test]
fn identities_never_lack_a_translation_but_titles_and_functions_do() {
    let text = CLEAN
        .replace(
            "    legal_name: Provider SAS\n",
            "    legal_name: Provider SAS\n    address: 1 rue de la Paix, Paris\n    registration_number: RCS Paris 123 456 789\n    notice_contact:\n      name: Head of Legal\n      email: legal@provider.example\n      address: 2 rue de la Paix, Paris\n    signatories:\n      - name: Jeanne Martin\n        title: Chief Executive Officer\n",
        )
        .replace(
            "services:\n",
            "channels:\n  - id: phone\n    kind: phone\n    contact: +33 1 23 45 67 89\nservices:\n",
        );
    assert_eq!(missing(&text), vec![], "in one language, nothing to judge");
    let found = missing_translations_in(&text, Language::Fr);
    let paths: Vec<&str> = found.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "meta.title",
            "meta.governing_law",
            "parties.provider.notice_contact.name",
            "parties.provider.signatories[0].title",
            "services[0].name",
            "plans[0].name",
            "priorities[0].name",
            "priorities[0].definition",
            "priorities[1].name",
            "priorities[1].definition",
        ]
    );
}

/// A name blank in every language is still the error it was as a plain
/// string, at its path; a name with text in one language only is a
/// warning in a bilingual agreement, not an error.
#[test]
fn a_name_blank_in_every_language_is_an_error() {
    let text = CLEAN.replace(
        "  title: Support Agreement\n",
        "  title: {en: \" \", fr: \"\"}\n",
    );
    let report = check_text(&text);
    let blank: Vec<(&str, &str)> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "empty-text")
        .map(|d| (d.path.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        blank,
        [("meta.title", "The title is empty; the contract needs it")]
    );
    let text = CLEAN.replace(
        "  title: Support Agreement\n",
        "  title: {fr: Convention de service}\n",
    );
    let report = check_text(&text);
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
}
