//! Issue 18 in the JSON Schema: a percentage is text ending in `%`, so an
//! editor flags `objective: "95"` and `objective: 0.95` as the user types;
//! `pledge` is fixed to the one format version.

use proptest::prelude::*;
use regex_lite::Regex;
use serde_json::Value;

use pledge::model::{Percent, PERCENT_PATTERN};

fn schema() -> Value {
    pledge::format::json_schema()
}

/// The schema of percentages, reached through the definition the
/// agreement's availability target refers to.
fn percent_schema(schema: &Value) -> &Value {
    let defs = schema
        .get("$defs")
        .or_else(|| schema.get("definitions"))
        .expect("the schema has definitions");
    &defs["Percent"]
}

fn pattern() -> Regex {
    let schema = schema();
    let text = percent_schema(&schema)["pattern"]
        .as_str()
        .expect("percentages have a pattern");
    Regex::new(text).expect("the pattern is a valid regular expression")
}

#[test]
fn a_percentage_is_a_string_with_the_sign() {
    // issue 18: the schema accepted `objective: "95"` and `objective: 0.95`.
    let schema = schema();
    let percent = percent_schema(&schema);
    assert_eq!(percent["type"], "string", "a YAML number is flagged");
    assert_eq!(percent["pattern"], PERCENT_PATTERN);
    let pattern = pattern();
    for good in ["99.9%", "95%", "0.999%", "-2%", "12.5 %", "100%", ".5%"] {
        assert!(pattern.is_match(good), "{good} is a percentage");
    }
    for bad in [
        "95",
        "0.95",
        "0.999",
        "99.9",
        "95 percent",
        "%",
        "1e2%",
        "NaN%",
        "",
    ] {
        assert!(!pattern.is_match(bad), "{bad} is not a percentage");
    }
}

#[test]
fn the_format_version_is_fixed_to_one() {
    // issue 18: the schema accepted `pledge: 2`, which the reader refuses.
    let schema = schema();
    assert_eq!(schema["properties"]["pledge"]["const"], 1);
    assert!(schema["required"]
        .as_array()
        .expect("required fields")
        .iter()
        .any(|f| f == "pledge"));
}

#[test]
fn every_percentage_field_refers_to_the_percentage_schema() {
    // issue 18: each percentage field of the agreement says the same.
    let schema = schema();
    let text = serde_json::to_string(&schema).expect("serialisable");
    let references = text.matches("#/$defs/Percent\"").count();
    // Availability target, objective, metric objective, warn_at, elapsed,
    // tier below, tier credit, cap, share of fee.
    assert!(references >= 9, "{references} references to Percent");
}

proptest! {
    // issue 18: the schema's pattern and the reader agree on every text, so
    // the editor flags exactly what `pledge validate` refuses.
    #[test]
    fn the_pattern_and_the_reader_agree_on_any_text(text in any::<String>()) {
        prop_assert_eq!(pattern().is_match(&text), text.parse::<Percent>().is_ok(), "{:?}", text);
    }

    #[test]
    fn the_pattern_and_the_reader_agree_on_numbers(
        value in any::<f64>(),
        sign in prop::bool::ANY,
        space in "[ \t]{0,2}",
    ) {
        let text = format!("{value}{space}{}", if sign { "%" } else { "" });
        prop_assert_eq!(pattern().is_match(&text), text.parse::<Percent>().is_ok(), "{:?}", text);
        prop_assert_eq!(text.parse::<Percent>().is_ok(), sign && value.is_finite(), "{:?}", text);
    }
}
