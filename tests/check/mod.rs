//! One test per diagnostic: a small edit to a clean agreement, and the
//! exact code and field path the edit must produce.

mod clauses;
mod language;

use pledge::check::{check_text, Severity};

const CLEAN: &str = include_str!("../fixtures/minimal.yaml");

/// Teams and OLAs appended to the clean agreement for the OLA rules.
const OLAS: &str = "teams:
  - id: desk
    name: Service desk
  - id: ops
    name: Operations
olas:
  - id: triage
    team: desk
    stage: triage
    within: 2h
    starts_on: creation
    serves: {priority: P1, metric: resolution}
  - id: fix
    team: ops
    stage: resolution
    within: 5h
    starts_on: assignment
    serves: {priority: P1, metric: resolution}
";

/// Applies `edits` (each `from` must occur in the text) and checks that a
/// diagnostic with `code` at `path` of `severity` is reported.
#[track_caller]
fn check(edits: &[(&str, &str)], severity: Severity, code: &str, path: &str) {
    let mut text = CLEAN.to_string();
    for (from, to) in edits {
        assert!(
            text.contains(from),
            "the edit's text {from:?} is not in the agreement"
        );
        text = text.replacen(from, to, 1);
    }
    let report = check_text(&text);
    let found = report
        .diagnostics
        .iter()
        .any(|d| d.code == code && d.path == path && d.severity == severity);
    assert!(
        found,
        "expected {severity}[{code}] at `{path}`, got:\n{}",
        report
            .diagnostics
            .iter()
            .map(|d| format!("  {}[{}] {}: {}", d.severity, d.code, d.path, d.message))
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        report.diagnostics.iter().all(|d| d.location.is_some()),
        "every finding from a file has a location"
    );
}

fn error(edits: &[(&str, &str)], code: &str, path: &str) {
    check(edits, Severity::Error, code, path)
}

fn warning(edits: &[(&str, &str)], code: &str, path: &str) {
    check(edits, Severity::Warning, code, path)
}

#[test]
fn the_clean_agreement_has_no_findings() {
    let report = check_text(CLEAN);
    assert!(report.agreement.is_some());
    assert_eq!(report.diagnostics, vec![]);
    let with_olas = check_text(&format!("{CLEAN}{OLAS}"));
    assert_eq!(with_olas.diagnostics, vec![]);
}

#[test]
fn yaml_syntax_errors_give_line_and_column() {
    let report = check_text(&CLEAN.replacen(
        "  title: Support Agreement",
        "  title: [Support Agreement",
        1,
    ));
    let d = &report.diagnostics[0];
    assert_eq!(d.code, "yaml-syntax");
    assert!(d.location.is_some_and(|l| l.line >= 3), "{d:?}");
}

#[test]
fn wrong_types_name_the_field() {
    error(
        &[("initial_months: 12", "initial_months: twelve")],
        "type",
        "meta.term.initial_months",
    );
    error(
        &[("  language: en", "  language: [en]")],
        "type",
        "meta.language",
    );
    error(
        &[("  language: en", "  language: de")],
        "invalid-value",
        "meta.language",
    );
    error(
        &[("      within: 8h", "      within: 8 hours")],
        "invalid-value",
        "targets[0].resolution.within",
    );
}

#[test]
fn wrong_type_is_located_at_the_value() {
    let report = check_text(&CLEAN.replacen("initial_months: 12", "initial_months: twelve", 1));
    let d = &report.diagnostics[0];
    let line = CLEAN
        .lines()
        .position(|l| l.contains("initial_months"))
        .unwrap()
        + 1;
    assert_eq!(d.location.map(|l| (l.line, l.column)), Some((line, 21)));
}

#[test]
fn unknown_and_missing_fields() {
    error(
        &[("    objective: 95%\n", "    objective: 95%\n    bogus: 1\n")],
        "unknown-field",
        "targets[0].bogus",
    );
    error(
        &[("    objective: 95%\n", "")],
        "missing-field",
        "targets[0]",
    );
    error(&[("pledge: 1\n", "")], "schema-version", "");
    error(
        &[("pledge: 1\n", "pledge: 2\n")],
        "schema-version",
        "pledge",
    );
    error(
        &[(
            "  reference: SLA-TEST-1\n",
            "  reference: SLA-TEST-1\n  title: Again\n",
        )],
        "duplicate-key",
        "",
    );
}

#[test]
fn percentages_must_be_in_range() {
    error(
        &[("target: 99.5%", "target: 100.5%")],
        "percent-range",
        "services[0].availability.target",
    );
    error(
        &[("objective: 95%", "objective: 0%")],
        "percent-range",
        "targets[0].objective",
    );
    error(
        &[("credit: 10%", "credit: -10%")],
        "percent-range",
        "credits[0].tiers[0].credit",
    );
}

#[test]
fn durations_must_be_positive() {
    error(
        &[("within: 1h", "within: 0m")],
        "duration-not-positive",
        "targets[0].first_response.within",
    );
    error(
        &[("within: 5bd", "within: -1bd")],
        "duration-not-positive",
        "targets[1].resolution.within",
    );
}

#[test]
fn time_zones_must_exist() {
    error(
        &[("Europe/Paris", "Europe/Pari")],
        "unknown-time-zone",
        "calendars[0].time_zone",
    );
}

#[test]
fn opening_hours_must_not_be_inverted_or_overlap() {
    error(
        &[("tue: [09:00-18:00]", "tue: [18:00-09:00]")],
        "hours-inverted",
        "calendars[0].hours.tue[0]",
    );
    error(
        &[("tue: [09:00-18:00]", "tue: [09:00-09:00]")],
        "hours-inverted",
        "calendars[0].hours.tue[0]",
    );
    error(
        &[("tue: [09:00-18:00]", "tue: [09:00-12:00, 11:00-18:00]")],
        "hours-overlap",
        "calendars[0].hours.tue[1]",
    );
    // A night shift from Sunday runs into Monday 09:00, across the week's end.
    error(
        &[(
            "tue: [09:00-18:00]",
            "tue: [09:00-18:00]\n      sun: [22:00-10:00+1]",
        )],
        "hours-overlap",
        "calendars[0].hours.mon[0]",
    );
    error(
        &[(
            "      mon: [09:00-12:00, 14:00-18:00]\n      tue: [09:00-18:00]",
            "      {}",
        )],
        "hours-empty",
        "calendars[0].hours",
    );
}

#[test]
fn a_night_shift_marked_overnight_is_valid() {
    let text = CLEAN.replacen("tue: [09:00-18:00]", "tue: [22:00-06:00+1]", 1);
    assert_eq!(check_text(&text).diagnostics, vec![]);
}

#[test]
fn references_must_name_something_defined() {
    error(
        &[("    calendar: office", "    calendar: offce")],
        "unknown-reference",
        "plans[0].calendar",
    );
    error(
        &[("    priority: P2", "    priority: P3")],
        "unknown-reference",
        "targets[1].priority",
    );
    error(
        &[(
            "      target: 99.5%",
            "      target: 99.5%\n      calendar: nowhere",
        )],
        "unknown-reference",
        "services[0].availability.calendar",
    );
    error(
        &[("        service: app", "        service: web")],
        "unknown-reference",
        "credits[0].basis.availability.service",
    );
}

#[test]
fn every_priority_needs_a_target() {
    error(
        &[(
            "targets:",
            "  - id: P3\n    name: Low\n    definition: Questions.\ntargets:",
        )],
        "priority-without-target",
        "priorities[2]",
    );
    warning(
        &[(
            "priorities:",
            "  - id: gold\n    name: Gold\n    calendar: office\npriorities:",
        )],
        "plan-priority-without-target",
        "priorities[0]",
    );
}

#[test]
fn internal_targets_must_be_stricter() {
    error(
        &[("internal: 30m", "internal: 1h")],
        "internal-not-stricter",
        "targets[0].first_response.internal",
    );
}

#[test]
fn credit_tiers_must_be_monotonic() {
    error(
        &[("below: 99%", "below: 99.7%")],
        "credit-tiers-not-monotonic",
        "credits[0].tiers[1].below",
    );
    error(
        &[("credit: 25%", "credit: 5%")],
        "credit-tiers-not-monotonic",
        "credits[0].tiers[1].credit",
    );
}

#[test]
fn an_ola_chain_must_fit_the_sla_it_serves() {
    // 2h of triage + 5h of resolution = 7h fits the 8h P1 resolution; 7h does not.
    assert_eq!(check_text(&format!("{CLEAN}{OLAS}")).diagnostics, vec![]);
    let long = OLAS.replacen("within: 5h", "within: 7h", 1);
    error(
        &[("credits:", &format!("{long}credits:"))],
        "ola-exceeds-sla",
        "olas[1].within",
    );
    error(
        &[(
            "credits:",
            &format!(
                "{}credits:",
                OLAS.replacen("team: ops", "team: sysadmins", 1)
            ),
        )],
        "unknown-reference",
        "olas[1].team",
    );
}

#[test]
fn resolution_must_outlast_first_response() {
    error(
        &[("within: 8h", "within: 1h")],
        "resolution-before-response",
        "targets[0].resolution.within",
    );
}

#[test]
fn business_hours_on_a_24_7_calendar_are_ambiguous() {
    warning(
        &[(
            "    objective: 95%",
            "    calendar: always\n    objective: 95%",
        )],
        "business-hours-on-24x7",
        "targets[0].first_response.within",
    );
    // Saying `hours: calendar` removes the ambiguity.
    let text = CLEAN.replacen(
        "    objective: 95%",
        "    calendar: always\n    hours: calendar\n    objective: 95%",
        1,
    );
    assert_eq!(check_text(&text).diagnostics, vec![]);
}

#[test]
fn other_rules() {
    error(
        &[("  - id: always", "  - id: office")],
        "duplicate-id",
        "calendars[1].id",
    );
    error(
        &[("currency: EUR", "currency: euro")],
        "currency",
        "meta.currency",
    );
    error(
        &[(
            "    hours: 24/7",
            "    hours: 24/7\n    closures:\n      - from: 2026-05-02\n        to: 2026-05-01",
        )],
        "closure-inverted",
        "calendars[1].closures[0].to",
    );
    error(
        &[("    hours: 24/7", "    hours: 24/7\n    holidays:\n      rules:\n        - {country: FR, from: 2030, to: 2026}")],
        "holiday-years",
        "calendars[1].holidays.rules[0].to",
    );
    error(
        &[("    priority: P2", "    priority: P1")],
        "duplicate-target",
        "targets[1]",
    );
    warning(
        &[("  monthly_fee: 1000\n", "")],
        "credits-without-fee",
        "meta",
    );
    error(
        &[(
            "    cap: 50%",
            "    cap: 50%\n    chronic_failure: {missed: 3, window: 2}",
        )],
        "chronic-failure",
        "credits[0].chronic_failure",
    );
    error(
        &[(
            "      within: 5bd",
            "      within: 5bd\n      hours: calendar",
        )],
        "business-days-on-calendar-clock",
        "targets[1].resolution.within",
    );
    error(
        &[("  title: Support Agreement", "  title: \"  \"")],
        "empty-text",
        "meta.title",
    );
    error(
        &[("initial_months: 12", "initial_months: 0")],
        "term",
        "meta.term.initial_months",
    );
    error(
        &[(
            "plans:\n  - id: standard\n    name: Standard\n    calendar: office\n",
            "plans: []\n",
        )],
        "empty-section",
        "plans",
    );
    error(
        &[("    availability:\n      target: 99.5%\n", "")],
        "credits-without-commitment",
        "credits[0].basis.availability.service",
    );
    error(&[("    tiers:\n      - below: 99.5%\n        credit: 10%\n      - below: 99%\n        credit: 25%\n", "    tiers: []\n")], "credit-tiers-empty", "credits[0].tiers");
    error(
        &[(
            "    first_response:\n      within: 4h\n    resolution:\n      within: 5bd\n",
            "",
        )],
        "empty-target",
        "targets[1]",
    );
    error(
        &[("credits:", "penalties:\n  - trigger: Late report\ncredits:")],
        "penalty-without-amount",
        "penalties[0]",
    );
    error(
        &[(
            "credits:",
            "penalties:\n  - trigger: Late report\n    amount: -5\ncredits:",
        )],
        "negative-amount",
        "penalties[0].amount",
    );
    warning(
        &[
            (
                "plans:",
                "channels:\n  - {id: mail, kind: email}\n  - {id: tel, kind: phone}\nplans:",
            ),
            (
                "    calendar: office\n",
                "    calendar: office\n    channels: [mail]\n",
            ),
            ("    priority: P2\n", "    priority: P2\n    channel: tel\n"),
        ],
        "channel-not-in-plan",
        "targets[1].channel",
    );
    error(
        &[("tue: [09:00-18:00]", "tue: [24:00-24:00+1]")],
        "hours-inverted",
        "calendars[0].hours.tue[0]",
    );
    error(
        &[(
            "    hours: 24/7",
            "    hours: 24/7\n  - id: office\n    time_zone: UTC\n    hours: 24/7",
        )],
        "duplicate-id",
        "calendars[2].id",
    );
}
