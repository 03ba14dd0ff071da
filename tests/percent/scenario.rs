//! Issue 18 in scenarios: each percentage field refuses a bare number with
//! a located message, and an implausible shrinkage or mix warns.

use std::path::{Path, PathBuf};

use pledge::check::Severity;
use pledge::sim::scenario::{Scenario, ScenarioError};

use super::{value_position, BARE};

fn scenarios_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("templates")
        .join("samples")
        .join("scenarios")
}

fn sample() -> String {
    std::fs::read_to_string(scenarios_dir().join("fr-pme-infogerance.yaml"))
        .expect("the French sample scenario is readable")
}

/// Every percentage field of a scenario: its text in the sample, the text
/// before the value, and its field path.
const FIELDS: &[(&str, &str, &str)] = &[
    ("share: 3%", "share: ", "workload.mix[0].share"),
    (
        "growth_per_month: 1%",
        "growth_per_month: ",
        "workload.growth_per_month",
    ),
    ("escalated: 80%", "escalated: ", "work[0].escalated"),
    ("reopen: 3%", "reopen: ", "work[0].reopen"),
    (
        "shrinkage: 25%",
        "shrinkage: ",
        "staffing.teams[0].shrinkage",
    ),
];

#[test]
fn every_percentage_field_refuses_a_bare_number_where_it_stands() {
    // issue 18: `shrinkage: 0.3`, the way workforce tools write 30 %, was
    // simulated as 0.3 %.
    for (original, prefix, path) in FIELDS {
        for (bare, message) in BARE {
            let replacement = format!("{prefix}{bare}");
            let text = sample().replacen(original, &replacement, 1);
            assert_ne!(text, sample(), "the edit of {path} applies");
            match Scenario::from_text(&text, &scenarios_dir()) {
                Err(ScenarioError::Format { source, .. }) => {
                    assert_eq!(source.code, "invalid-value", "{path} = {bare}");
                    assert_eq!(source.path, *path, "{path} = {bare}");
                    assert_eq!(source.message, *message, "{path} = {bare}");
                    let (line, column) = value_position(&text, prefix, bare);
                    let location = source.location.expect("a located message");
                    assert_eq!(
                        (location.line, location.column),
                        (line, column),
                        "{path} = {bare} is located at the value"
                    );
                }
                other => panic!("{path} = {bare}: expected a format error, got {other:?}"),
            }
        }
    }
}

/// The warnings of the sample scenario with `edits`, located in the file.
fn warnings(edits: &[(&str, &str)]) -> Vec<pledge::check::Diagnostic> {
    let mut text = sample();
    for (from, to) in edits {
        assert!(text.contains(from), "{from:?} is in the scenario");
        text = text.replacen(from, to, 1);
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("scenario.yaml");
    let agreement = std::fs::read_to_string(
        scenarios_dir()
            .parent()
            .expect("the samples folder")
            .join("fr-pme-infogerance.yaml"),
    )
    .expect("the French sample agreement is readable");
    std::fs::write(dir.path().join("agreement.yaml"), agreement).expect("written");
    let text = text.replacen("../fr-pme-infogerance.yaml", "agreement.yaml", 1);
    std::fs::write(&path, &text).expect("written");
    let (_, found) = Scenario::load_with_warnings(&path).expect("the scenario is valid");
    for w in &found {
        assert_eq!(w.severity, Severity::Warning);
        assert_eq!(w.code, "implausible-percent");
        let location = w.location.expect("a located warning");
        assert_eq!(
            location,
            pledge::format::Document::parse(&text)
                .expect("parsed")
                .locate(&w.path)
        );
    }
    found
}

#[test]
fn a_shrinkage_above_sixty_percent_warns_with_why() {
    // issue 18: a valid but unlikely shrinkage is simulated with a word.
    let found = warnings(&[("shrinkage: 25%", "shrinkage: 70.5%")]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].path, "staffing.teams[0].shrinkage");
    assert!(
        found[0].message.starts_with(
            "a shrinkage of 70.5% is above 60%: agents would spend less than 29.5% of their paid time on tickets"
        ),
        "{}",
        found[0].message
    );
    // Sixty exactly is heavy but plausible.
    assert_eq!(warnings(&[("shrinkage: 25%", "shrinkage: 60%")]), vec![]);
}

#[test]
fn a_mix_not_adding_up_to_exactly_a_hundred_warns_with_why() {
    // issue 18: a total within half a point of 100 % is accepted and scaled;
    // now it is said.
    let found = warnings(&[("share: 3%", "share: 2.7%")]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].path, "workload.mix");
    assert!(
        found[0]
            .message
            .starts_with("the shares add up to 99.7%, not 100%: the simulation scales each share"),
        "{}",
        found[0].message
    );
    // Further away it is refused, as before.
    let text = sample().replacen("share: 3%", "share: 1%", 1);
    match Scenario::from_text(&text, &scenarios_dir()) {
        Err(ScenarioError::Invalid { path, problem, .. }) => {
            assert_eq!(path, "workload.mix");
            assert!(problem.contains("add up to 98%"), "{problem}");
        }
        other => panic!("expected the mix to be refused, got {other:?}"),
    }
}

#[test]
fn the_sample_scenarios_stay_clean() {
    // issue 18: the shipped scenarios write every percentage with its sign
    // and no implausible value.
    for entry in std::fs::read_dir(scenarios_dir()).expect("the scenarios folder") {
        let path = entry.expect("readable").path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let (_, found) = Scenario::load_with_warnings(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(found, vec![], "{}", path.display());
        }
    }
}
