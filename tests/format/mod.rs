//! The file format: lossless round trips, canonical output, and a reader
//! that refuses hostile input with a clear message instead of panicking or
//! exhausting memory.

mod generate;

use pledge::check::check_text;
use pledge::format::{self, FileError, MAX_INPUT_BYTES};
use proptest::prelude::*;

const CLEAN: &str = include_str!("../fixtures/minimal.yaml");

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn generated_agreements_round_trip(agreement in generate::agreement()) {
        let text = format::write(&agreement);
        let back = format::read(&text).map_err(|e| TestCaseError::fail(format!("{e:?}\n{text}")))?;
        prop_assert_eq!(&back, &agreement);
        // Writing again gives the same text: the canonical form is a fixed point.
        prop_assert_eq!(format::write(&back), text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let text = String::from_utf8_lossy(&bytes);
        let report = check_text(&text);
        prop_assert!(report.agreement.is_some() || !report.diagnostics.is_empty());
    }

    #[test]
    fn yaml_shaped_noise_never_panics(text in "[a-z_:\\-\\[\\]{}&*!|>'\" \n#0-9%.]{0,400}") {
        let report = check_text(&text);
        prop_assert!(report.agreement.is_some() || !report.diagnostics.is_empty());
    }
}

#[test]
fn every_truncation_of_a_file_is_handled() {
    let mut refused = 0;
    for end in (0..CLEAN.len()).filter(|&i| CLEAN.is_char_boundary(i)) {
        let report = check_text(&CLEAN[..end]);
        if report.agreement.is_none() {
            assert!(
                !report.diagnostics.is_empty(),
                "a refused prefix of {end} bytes says why"
            );
            refused += 1;
        }
    }
    assert!(
        refused > CLEAN.len() / 2,
        "most truncations cut a required part and are refused ({refused})"
    );
}

#[test]
fn an_alias_bomb_is_refused_quickly() {
    // Nine levels of nine aliases: 9^9 (387 million) strings once expanded.
    let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..=9 {
        let prev = format!("*a{}", level - 1);
        text.push_str(&format!(
            "a{level}: &a{level} [{}]\n",
            [prev.as_str(); 9].join(", ")
        ));
    }
    let report = check_text(&text);
    assert!(report.agreement.is_none());
    assert_eq!(
        report.diagnostics[0].code, "alias-limit",
        "{:?}",
        report.diagnostics
    );
}

#[test]
fn reasonable_aliases_still_work() {
    let text = CLEAN.replacen(
        "    hours:\n      mon: [09:00-12:00, 14:00-18:00]",
        "    hours:\n      mon: &day [09:00-12:00, 14:00-18:00]\n      wed: *day",
        1,
    );
    let report = check_text(&text);
    assert_eq!(report.diagnostics, vec![]);
    let agreement = report.agreement.unwrap();
    let pledge::model::Hours::Weekly(week) = &agreement.calendars[0].hours else {
        panic!("weekly hours")
    };
    assert_eq!(week.days[2], week.days[0]);
}

#[test]
fn deep_nesting_is_refused() {
    let flow = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(check_text(&flow).diagnostics[0].code, "too-deep");
    let block: String = (0..100)
        .map(|depth| format!("{}k{depth}:\n", " ".repeat(depth)))
        .collect();
    let report = check_text(&format!("{block}{}v: 1\n", " ".repeat(100)));
    assert_eq!(
        report.diagnostics[0].code, "too-deep",
        "{:?}",
        report.diagnostics
    );
}

#[test]
fn a_50_megabyte_file_is_refused_without_loading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    let line = "# padding padding padding padding padding padding padding padding\n";
    let mut text = String::with_capacity(50 * 1024 * 1024 + line.len());
    text.push_str(CLEAN);
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(line);
    }
    std::fs::write(&path, &text).unwrap();
    match format::read_text(&path) {
        Err(FileError::TooLarge { .. }) => {}
        other => panic!("expected TooLarge, got {other:?}"),
    }
    // Text already in memory is refused by size before any parsing.
    let report = check_text(&text);
    assert_eq!(report.diagnostics[0].code, "too-large");
    assert!(text.len() > MAX_INPUT_BYTES);
}

#[test]
fn text_that_is_not_utf8_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.yaml");
    std::fs::write(&path, b"pledge: 1\nmeta:\n  title: Caf\xe9\n").unwrap();
    assert!(matches!(
        format::read_text(&path),
        Err(FileError::NotUtf8 { offset: 28, .. })
    ));
}

#[test]
fn canonical_output_reads_like_the_contract() {
    let agreement = format::read(CLEAN).unwrap();
    let text = format::write(&agreement);
    for expected in [
        "pledge: 1\n",
        "  monthly_fee: 1000.00\n",
        "      target: 99.5%\n",
        "      mon: [09:00-12:00, 14:00-18:00]\n",
        "    hours: 24/7\n",
        "      within: 1h\n      internal: 30m\n",
        "      within: 5bd\n",
        "  version_label: \"1.0\"\n",
        "      availability:\n        service: app\n",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    assert_eq!(format::write(&format::read(&text).unwrap()), text);
}

#[test]
fn awkward_strings_survive_a_round_trip() {
    let mut agreement = format::read(CLEAN).unwrap();
    for title in [
        "yes",
        "1.0",
        "null",
        "- dash",
        "key: value",
        "a # not a comment",
        "ends with colon:",
        "  leading spaces",
        "line one\nline two\n",
        "line one\nline two",
        "two trailing\n\n",
        "\nstarts with a newline",
        "tab\tinside",
        "« guillemets » et l’apostrophe",
        "quote \" and backslash \\",
        "@at",
        "19:00",
        "1:30:00",
        "%percent",
        "",
    ] {
        agreement.meta.title = title.to_string();
        let text = format::write(&agreement);
        let back = format::read(&text).unwrap_or_else(|e| panic!("{title:?}: {e:?}\n{text}"));
        assert_eq!(back.meta.title, title, "in\n{text}");
    }
}
