//! Issue 18 in agreements: each percentage field refuses a bare number with
//! a located message, and implausible commitments warn.

use pledge::check::{check_text, Severity};

use super::{value_position, BARE};

const CLEAN: &str = include_str!("../fixtures/minimal.yaml");

/// An escalation and a penalty appended to the clean agreement, so that
/// every kind of percentage field is present.
const EXTRA: &str = "escalation:
  warn_at: 75%
  levels:
    - to: Team lead
      when:
        elapsed: 90%
penalties:
  - trigger: Backups cannot be restored.
    share_of_fee: 15%
";

/// Every percentage field of an agreement: the text of the field as the
/// clean agreement writes it, and its field path.
const FIELDS: &[(&str, &str, &str)] = &[
    (
        "target: 99.5%",
        "target: ",
        "services[0].availability.target",
    ),
    ("objective: 95%", "objective: ", "targets[0].objective"),
    (
        "      within: 1h\n      internal: 30m",
        "      within: 1h\n      objective: ",
        "targets[0].first_response.objective",
    ),
    ("below: 99.5%", "below: ", "credits[0].tiers[0].below"),
    ("credit: 10%", "credit: ", "credits[0].tiers[0].credit"),
    ("cap: 50%", "cap: ", "credits[0].cap"),
    ("warn_at: 75%", "warn_at: ", "escalation.warn_at"),
    (
        "elapsed: 90%",
        "elapsed: ",
        "escalation.levels[0].when.elapsed",
    ),
    (
        "share_of_fee: 15%",
        "share_of_fee: ",
        "penalties[0].share_of_fee",
    ),
];

fn agreement() -> String {
    format!("{CLEAN}{EXTRA}")
}

#[test]
fn the_clean_agreement_with_every_percentage_field_is_clean() {
    // issue 18: the fixture the refusals below edit is valid as it is.
    let report = check_text(&agreement());
    assert!(report.agreement.is_some());
    assert_eq!(report.diagnostics, vec![]);
}

#[test]
fn every_percentage_field_refuses_a_bare_number_where_it_stands() {
    // issue 18: `0.999` was read as 0.999 %, `95` as 95 %, without a word.
    for (original, prefix, path) in FIELDS {
        for (bare, message) in BARE {
            let replacement = format!("{prefix}{bare}");
            let text = agreement().replacen(original, &replacement, 1);
            assert_ne!(text, agreement(), "the edit of {path} applies");
            let report = check_text(&text);
            assert!(report.agreement.is_none(), "{path} = {bare} is refused");
            let d = &report.diagnostics[0];
            assert_eq!(d.severity, Severity::Error);
            assert_eq!(d.code, "invalid-value", "{path} = {bare}");
            assert_eq!(d.path, *path, "{path} = {bare}");
            assert_eq!(d.message, *message, "{path} = {bare}");
            let (line, column) = value_position(&text, prefix, bare);
            let location = d.location.expect("a located message");
            assert_eq!(
                (location.line, location.column),
                (line, column),
                "{path} = {bare} is located at the value"
            );
        }
    }
}

#[test]
fn the_percent_sign_reads_every_field_as_before() {
    // issue 18: the sign keeps its meaning; only its absence is refused.
    for (original, prefix, path) in FIELDS {
        let text = agreement().replacen(original, &format!("{prefix}42.5%"), 1);
        let report = check_text(&text);
        assert!(
            report.agreement.is_some(),
            "{path}: {:?}",
            report.diagnostics
        );
    }
}

/// The findings of the agreement with `edits`, as (severity, code, path,
/// message).
fn findings(edits: &[(&str, &str)]) -> Vec<(Severity, String, String, String)> {
    let mut text = agreement();
    for (from, to) in edits {
        assert!(text.contains(from), "{from:?} is in the agreement");
        text = text.replacen(from, to, 1);
    }
    let report = check_text(&text);
    assert!(report.agreement.is_some(), "{:?}", report.diagnostics);
    assert!(report.diagnostics.iter().all(|d| d.location.is_some()));
    report
        .diagnostics
        .into_iter()
        .map(|d| (d.severity, d.code.to_string(), d.path, d.message))
        .collect()
}

fn implausible(edits: &[(&str, &str)], path: &str, why: &str) {
    let found = findings(edits);
    assert!(
        found.iter().any(|(s, c, p, m)| *s == Severity::Warning
            && c == "implausible-percent"
            && p == path
            && m.contains(why)),
        "expected a warning at {path} saying {why:?}, got {found:#?}"
    );
}

#[test]
fn an_availability_below_half_warns_with_why() {
    // issue 18: `0.999%` is valid but almost surely a fraction.
    implausible(
        &[("target: 99.5%", "target: 0.999%")],
        "services[0].availability.target",
        "an availability target of 0.999% is below 50%: the service could be down more than half of the time",
    );
    // Half exactly is a commitment someone may mean.
    assert_eq!(findings(&[("target: 99.5%", "target: 50%")]), vec![]);
}

#[test]
fn an_objective_below_half_warns_with_why() {
    // issue 18: `objective: 0.95%` is valid but almost surely a fraction.
    let why = "an objective of 0.95% is below 50%: most tickets could miss the target";
    implausible(
        &[("objective: 95%", "objective: 0.95%")],
        "targets[0].objective",
        why,
    );
    implausible(
        &[(
            "      within: 1h\n",
            "      within: 1h\n      objective: 0.95%\n",
        )],
        "targets[0].first_response.objective",
        why,
    );
}

#[test]
fn credits_that_can_exceed_the_fee_warn_with_why() {
    // issue 18: schedules add up, so two of them can owe more than the fee
    // although each tier is at most 100 %.
    let second = "  - id: uptime-again\n    basis:\n      availability:\n        service: app\n    tiers:\n      - below: 99.5%\n        credit: 80%\n";
    implausible(
        &[("cap: 50%\n", &format!("cap: 50%\n{second}"))],
        "credits",
        "together they can owe 105% of the monthly fee in one month (credits[0] up to 25%, credits[1] up to 80%): more than the fee itself",
    );
    // Up to the fee exactly, nothing is said.
    let within = second.replace("80%", "75%");
    assert_eq!(
        findings(&[("cap: 50%\n", &format!("cap: 50%\n{within}"))]),
        vec![]
    );
}

#[test]
fn a_single_credit_above_the_fee_is_still_refused() {
    // issue 18: a tier, a cap or a penalty above 100 % of the fee stays an
    // error (`percent-range`), stronger than the warning.
    for (from, to, path) in [
        ("credit: 25%", "credit: 125%", "credits[0].tiers[1].credit"),
        ("cap: 50%", "cap: 150%", "credits[0].cap"),
        (
            "share_of_fee: 15%",
            "share_of_fee: 115%",
            "penalties[0].share_of_fee",
        ),
    ] {
        let found = findings(&[(from, to)]);
        assert!(
            found
                .iter()
                .any(|(s, c, p, _)| *s == Severity::Error && c == "percent-range" && p == path),
            "{path}: {found:#?}"
        );
    }
}

#[test]
fn the_samples_stay_clean() {
    // issue 18: the shipped samples write every percentage with its sign and
    // no implausible value.
    for sample in pledge::samples::SAMPLES {
        let report = check_text(sample.text);
        assert!(
            report.agreement.is_some(),
            "{}: {:?}",
            sample.name,
            report.diagnostics
        );
        assert!(
            report
                .diagnostics
                .iter()
                .all(|d| d.code != "implausible-percent"),
            "{}: {:?}",
            sample.name,
            report.diagnostics
        );
    }
}
