//! `missing-translation` (issue 14 point 3): one warning per free-text
//! field the contract in a language prints in the other one, naming the
//! field; none when every text is there.

use pledge::check::{check_text, language::MISSING_TRANSLATION, missing_translations_in};
use pledge::model::Language;

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

#[test]
fn a_bilingual_agreement_warns_once_per_field_without_the_other_language() {
    // The governing law has both texts; the priorities' definitions are in
    // English only, so the French contract prints them in English.
    let text = CLEAN.replace(
        "  governing_law: French law\n",
        "  governing_law:\n    en: French law\n    fr: Droit français\n",
    );
    let found = missing(&text);
    assert_eq!(
        found,
        vec![
            (
                "priorities[0].definition".to_string(),
                "priorities[0].definition has no French text; the French contract prints the English one".to_string(),
                42,
            ),
            (
                "priorities[1].definition".to_string(),
                "priorities[1].definition has no French text; the French contract prints the English one".to_string(),
                45,
            ),
        ]
    );
}

#[test]
fn no_warning_when_every_text_is_there() {
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
            "meta.governing_law has no English text; the English contract prints the French one"
                .to_string(),
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
            "meta.governing_law",
            "priorities[0].definition",
            "priorities[1].definition"
        ]
    );
    assert_eq!(found[0].location.map(|l| l.line), Some(12));
    assert_eq!(missing_translations_in(CLEAN, Language::En), vec![]);
}
