//! Free text per language (issue 14 point 3): a field reads a plain string
//! (in the agreement's language, written back as it was) or a mapping with
//! a text per language; anything else is refused at its path.

use pledge::format;
use pledge::model::{Language, Text};
use proptest::prelude::*;

const CLEAN: &str = include_str!("../fixtures/minimal.yaml");

/// The minimal agreement with its governing law written as `value` (the
/// text after `governing_law:`, on as many lines as it takes).
fn with_law(value: &str) -> String {
    CLEAN.replace(
        "  governing_law: French law\n",
        &format!("  governing_law:{value}\n"),
    )
}

#[test]
fn a_plain_string_reads_as_the_own_languages_text_and_writes_back_unchanged() {
    let a = format::read(CLEAN).expect("reads");
    assert_eq!(a.meta.governing_law, Text::own("French law"));
    assert!(format::write(&a).contains("\n  governing_law: French law\n"));
    // A scalar another type could read stays the text it is written as.
    let a = format::read(&with_law(" 1.50")).expect("reads");
    assert_eq!(a.meta.governing_law, Text::own("1.50"));
}

#[test]
fn a_mapping_reads_a_text_per_language_and_writes_back_as_one() {
    let text = with_law("\n    en: French law\n    fr: Droit français");
    let a = format::read(&text).expect("reads");
    assert_eq!(
        a.meta.governing_law,
        Text::per_language("French law", "Droit français")
    );
    assert_eq!(
        a.meta.governing_law.get(Language::Fr, Language::En),
        "Droit français"
    );
    assert_eq!(
        a.meta.governing_law.get(Language::En, Language::En),
        "French law"
    );
    let written = format::write(&a);
    assert!(
        written.contains("  governing_law:\n    en: French law\n    fr: Droit français\n"),
        "{written}"
    );
    assert_eq!(format::read(&written).expect("reads back"), a);
    // One language only, in flow style: the other falls back to it.
    let a = format::read(&with_law(" {fr: Droit français}")).expect("reads");
    assert_eq!(
        a.meta.governing_law.get(Language::En, Language::En),
        "Droit français"
    );
    assert!(a.meta.governing_law.lacks(Language::En, Language::En));
}

#[test]
fn an_unknown_language_is_refused_at_its_path_with_the_keys_allowed() {
    let text = with_law("\n    en: French law\n    de: Französisches Recht");
    let e = format::read(&text).expect_err("refused");
    assert_eq!(e.path, "meta.governing_law.de");
    assert!(
        e.message.contains("`de` is not a language") && e.message.contains("`en` and `fr`"),
        "{}",
        e.message
    );
    let at = e.location.expect("located");
    assert_eq!((at.line, at.column), (14, 5));
}

#[test]
fn a_text_per_language_holds_only_texts() {
    let e = format::read(&with_law("\n    en: [French law]")).expect_err("refused");
    assert_eq!(e.path, "meta.governing_law.en");
    let e = format::read(&with_law(" [French law]")).expect_err("refused");
    assert_eq!(e.path, "meta.governing_law");
    assert!(e.message.contains("a text per language"), "{}", e.message);
}

#[test]
fn an_empty_mapping_is_the_empty_text() {
    let a = format::read(&with_law(" {}")).expect("reads");
    assert_eq!(a.meta.governing_law, Text::default());
    assert!(a.meta.governing_law.is_blank());
    // The validator then says the governing law is missing, as for "".
    let report = pledge::check::check_text(&with_law(" {}"));
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.code == "empty-text" && d.path == "meta.governing_law"),
        "{:?}",
        report.diagnostics
    );
}

#[test]
fn json_reads_both_forms_as_the_app_sends_them() {
    let own: Text = serde_json::from_str("\"French law\"").expect("a string");
    assert_eq!(own, Text::own("French law"));
    let both: Text =
        serde_json::from_str(r#"{"en": "French law", "fr": "Droit français"}"#).expect("a map");
    assert_eq!(both, Text::per_language("French law", "Droit français"));
    assert_eq!(
        serde_json::to_string(&both).expect("json"),
        r#"{"en":"French law","fr":"Droit français"}"#
    );
    let e = serde_json::from_str::<Text>(r#"{"es": "x"}"#).expect_err("refused");
    assert!(e.to_string().contains("`es` is not a language"), "{e}");
}

fn any_text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..40).prop_map(String::from_iter)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Any Unicode text in either form, in an agreement written in either
    /// language, reads back equal, and the contract's choice of text
    /// follows the rule: a language's own text when it has one, else the
    /// other's.
    #[test]
    fn any_text_per_language_round_trips(
        en in any_text(),
        fr in any_text(),
        plain in any::<bool>(),
        french in any::<bool>(),
    ) {
        let mut a = format::read(CLEAN).expect("reads");
        a.meta.language = if french { Language::Fr } else { Language::En };
        let own = a.meta.language;
        let text = if plain { Text::own(en.clone()) } else { Text::per_language(en.clone(), fr.clone()) };
        a.meta.governing_law = text.clone();
        a.services[0].description = text.clone();
        let written = format::write(&a);
        let back = format::read(&written).map_err(|e| TestCaseError::fail(format!("{e:?}\n{written}")))?;
        prop_assert_eq!(&back, &a);
        prop_assert_eq!(format::write(&back), written);
        for lang in [Language::En, Language::Fr] {
            let mine = text.written(lang, own);
            let printed = text.get(lang, own);
            if mine.trim().is_empty() {
                prop_assert_eq!(printed.trim().is_empty(), text.is_blank());
                prop_assert_eq!(text.lacks(lang, own), !text.is_blank());
            } else {
                prop_assert_eq!(printed, mine);
                prop_assert!(!text.lacks(lang, own));
            }
        }
    }
}

/// Names written as plain strings (issue 14 point 3, names): an agreement
/// in one language reads every name as its own language's text and writes
/// each back as the plain scalar it was, so its canonical file is the
/// same bytes before and after names became texts.
#[test]
fn plain_string_names_read_as_the_own_languages_and_write_back_byte_for_byte() {
    let sample = pledge::samples::find("internal-it-ola")
        .expect("sample")
        .text;
    let canonical = format::write(&format::read(sample).expect("reads"));
    // A plan named by a scalar another type would read stays that text,
    // quoted as the canonical form quotes any such string.
    let canonical = canonical.replace("\n    name: Claims Operations\n", "\n    name: \"1.50\"\n");
    let a = format::read(&canonical).expect("reads");
    assert_eq!(format::write(&a), canonical);
    assert_eq!(a.plans[0].name, Text::own("1.50"));
    let names = [
        &a.meta.title,
        &a.parties.provider.signatories[0].title,
        &a.parties
            .customer
            .notice_contact
            .as_ref()
            .expect("contact")
            .name,
        &a.services[0].name,
        &a.channels[0].name,
        &a.calendars[0].name,
        &a.calendars[0].closures[0].reason,
        &a.priorities[2].name,
        &a.teams[1].name,
        &a.olas[1].stage,
    ];
    assert!(names.iter().all(|t| !t.is_per_language() && !t.is_blank()));
    for line in [
        "  title: Internal Service Level Agreement — ClaimsHub Platform Support\n",
        "        title: Chief Information Officer\n",
        "    name: Medium\n",
        "    stage: restoration\n",
    ] {
        assert!(canonical.contains(line), "{line:?} in\n{canonical}");
    }
}

/// A name written per language reads as one and writes back as a mapping
/// with its two texts, in the order `en`, `fr`.
#[test]
fn a_name_per_language_writes_back_as_a_mapping() {
    let text = CLEAN.replace(
        "    name: Critical\n",
        "    name:\n      fr: Critique\n      en: Critical\n",
    );
    let a = format::read(&text).expect("reads");
    assert_eq!(
        a.priorities[0].name,
        Text::per_language("Critical", "Critique")
    );
    assert!(format::write(&a).contains("    name:\n      en: Critical\n      fr: Critique\n"));
}
