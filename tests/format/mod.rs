//! The file format: lossless round trips, canonical output, and a reader
//! that refuses hostile input with a clear message instead of panicking or
//! exhausting memory.

mod comments;
mod generate;
mod text;

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

    /// The canonical text of any agreement holds no comment, and a comment
    /// line put anywhere in it is found where it stands.
    #[test]
    fn comments_are_found_in_any_canonical_text(
        agreement in generate::agreement(),
        at in any::<prop::sample::Index>(),
    ) {
        // issue 12: comment detection must follow the parser, whatever
        // characters the values around the comment hold.
        let text = format::write(&agreement);
        prop_assert_eq!(format::comments(&text), vec![]);
        let lines: Vec<&str> = text.lines().collect();
        let k = at.index(lines.len() + 1);
        let mut with_comment = lines[..k].join("\n");
        if k > 0 {
            with_comment.push('\n');
        }
        with_comment.push_str("# note, with ' and \" and #\n");
        with_comment.push_str(&lines[k..].join("\n"));
        let found: Vec<(usize, usize)> = format::comments(&with_comment)
            .into_iter()
            .map(|l| (l.line, l.column))
            .collect();
        if format::Document::parse(&with_comment).is_ok() {
            prop_assert_eq!(found, vec![(k + 1, 1)], "in\n{}", with_comment);
        } else {
            // A comment line at column 0 inside a block scalar ends it and
            // leaves the text unreadable; past the parser's last scalar the
            // search then errs towards too many comments, never too few.
            prop_assert!(found.contains(&(k + 1, 1)), "{:?} in\n{}", found, with_comment);
        }
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
        // issue 12: a byte order mark inside text was written bare, and the
        // file no longer read back.
        "Tally\u{feff}loop",
        "\u{feff}",
        "\u{feff}\nsecond line\n",
        "next\u{85}line",
        "line\u{2028}separator\u{2029}",
        "\u{fffe}\u{ffff}\u{1fffe}",
        "bidi \u{202e}override\u{202c}",
        "zero\u{200b}width",
        "soft\u{ad}hyphen",
        "del\u{7f} and nul\u{0}",
        "a\u{9f}c1",
        "crlf\r\nline\r\n",
        "trailing tab\t",
        "\ttab first\nthen",
        "\u{a0}no-break edges\u{a0}",
        "\u{3000}",
    ] {
        agreement.meta.title = title.into();
        let text = format::write(&agreement);
        let back = format::read(&text).unwrap_or_else(|e| panic!("{title:?}: {e:?}\n{text}"));
        assert_eq!(back.meta.title, title.into(), "in\n{text}");
    }
}

/// Every Unicode scalar value, in chunks small enough for one field, goes
/// through the writer and the reader unchanged: once as one-line text and
/// once broken into lines (the literal block's path).
#[test]
fn every_unicode_character_round_trips() {
    // issue 12: the writer left characters bare that the reader refuses
    // (the byte order mark) or that YAML 1.2 does not allow in a stream.
    let mut agreement = format::read(CLEAN).unwrap();
    let all: Vec<char> = (0..=u32::from(char::MAX))
        .filter_map(char::from_u32)
        .collect();
    assert_eq!(
        all.len(),
        0x110000 - 0x800,
        "every scalar value, no surrogates"
    );
    for chunk in all.chunks(4096) {
        let one_line: String = chunk.iter().collect();
        let lines: String = chunk
            .chunks(64)
            .map(|part| format!("x{}\n", part.iter().collect::<String>()))
            .collect();
        for title in [one_line, lines] {
            agreement.meta.title = title.into();
            let text = format::write(&agreement);
            let back = format::read(&text)
                .unwrap_or_else(|e| panic!("chunk from U+{:04X}: {e:?}", u32::from(chunk[0])));
            assert_eq!(back.meta.title, agreement.meta.title);
            assert_eq!(
                format::write(&back),
                text,
                "the canonical form is a fixed point"
            );
        }
    }
}

/// What the writer quotes and escapes: characters YAML 1.2 does not allow
/// in a stream, the byte order mark, the YAML 1.1 line breaks and the
/// invisible format characters never appear bare in the file.
#[test]
fn invisible_and_forbidden_characters_are_written_as_escapes() {
    // issue 12: `legal_name: "Tally\ufeffloop"` was written back bare.
    let mut agreement = format::read(CLEAN).unwrap();
    for (c, escape) in [
        ('\u{feff}', "\\ufeff"),
        ('\u{0}', "\\u0000"),
        ('\u{7f}', "\\u007f"),
        ('\u{85}', "\\u0085"),
        ('\u{2028}', "\\u2028"),
        ('\u{2029}', "\\u2029"),
        ('\u{202e}', "\\u202e"),
        ('\u{200b}', "\\u200b"),
        ('\u{fffe}', "\\ufffe"),
        ('\u{e0001}', "\\U000e0001"),
    ] {
        agreement.parties.provider.legal_name = format!("Tally{c}loop");
        let text = format::write(&agreement);
        assert!(!text.contains(c), "U+{:04X} written bare", u32::from(c));
        assert!(
            text.contains(&format!("legal_name: \"Tally{escape}loop\"\n")),
            "U+{:04X} not escaped as {escape} in\n{text}",
            u32::from(c)
        );
    }
}

/// A JSON escape of half a UTF-16 surrogate pair names no character: it is
/// refused with its place and a message that says so, never turned into
/// other text.
#[test]
fn a_lone_surrogate_escape_is_refused_with_its_place() {
    // issue 12: the editor's JSON may carry `"\ud800"`.
    let text = CLEAN.replacen(
        "legal_name: Provider SAS",
        "legal_name: \"Tally\\ud800\"",
        1,
    );
    let err = format::read(&text).unwrap_err();
    assert_eq!(err.code, "yaml-syntax");
    assert!(err.message.contains("surrogate"), "{}", err.message);
    let line = CLEAN
        .lines()
        .position(|l| l.contains("Provider SAS"))
        .unwrap()
        + 1;
    assert_eq!(err.location.map(|l| l.line), Some(line));
}

#[test]
fn an_endless_file_is_read_no_further_than_the_limit() {
    // issue 12: the one bounded reader (files, imports, templates, the
    // app's settings and old drafts) refuses an endless device after
    // limit + 1 bytes.
    if std::path::Path::new("/dev/zero").exists() {
        let read = format::read_at_most(std::path::Path::new("/dev/zero"), 1024).expect("readable");
        assert_eq!(read, None);
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("f");
    std::fs::write(&file, [7u8; 1024]).expect("written");
    assert_eq!(
        format::read_at_most(&file, 1024).expect("read"),
        Some(vec![7u8; 1024])
    );
    assert_eq!(format::read_at_most(&file, 1023).expect("read"), None);
}
