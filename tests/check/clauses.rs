//! The rules of issue 14 point 2 (clauses a lawyer accepts): the cure
//! period, the penalties' cap, the optional clauses and the contradictions
//! the model can show, each with the field path its finding names.

use super::{error, warning, CLEAN};
use pledge::check::check_text;

/// A termination clause with one ground for cause, appended to the clean
/// agreement.
const TERMINATION: &str = "termination:
  notice: 30d
  for_cause:
    - A material breach of this Agreement.
";

/// Planned maintenance on the clean agreement's service.
const MAINTENANCE: (&str, &str) = (
    "      target: 99.5%\n",
    "      target: 99.5%\n      maintenance:\n        notice: 3d\n",
);

#[test]
fn the_cure_period_is_positive_and_bounded() {
    let with = |days: &str| format!("{TERMINATION}  cure_days: {days}\n");
    for days in ["0", "181", "3650"] {
        let text = with(days);
        error(
            &[("credits:", &format!("{text}credits:"))],
            "cure-period-range",
            "termination.cure_days",
        );
    }
    // The bounds themselves are accepted, and so is the default.
    for text in [with("1"), with("180"), TERMINATION.to_string()] {
        let report = check_text(&format!("{}{text}", super::CLEAN));
        assert_eq!(report.diagnostics, vec![], "{text}");
    }
    error(
        &[(
            "credits:",
            &format!("{TERMINATION}  cure_days: -1\ncredits:"),
        )],
        "invalid-value",
        "termination.cure_days",
    );
}

#[test]
fn penalties_need_an_overall_cap() {
    let penalty = "penalties:\n  - trigger: Late report\n    amount: 50\n";
    // Penalties alone say nothing of a cap, as agreements written before
    // `penalty_terms` did; terms without a cap are flagged.
    let uncapped = format!("{CLEAN}{penalty}");
    assert_eq!(check_text(&uncapped).diagnostics, vec![]);
    warning(
        &[(
            "credits:",
            &format!("{penalty}penalty_terms:\n  exclusive_remedy: true\ncredits:"),
        )],
        "penalties-uncapped",
        "penalty_terms.cap",
    );
    error(
        &[(
            "credits:",
            &format!("{penalty}penalty_terms:\n  cap: {{share_of_fee: 120%}}\ncredits:"),
        )],
        "percent-range",
        "penalty_terms.cap.share_of_fee",
    );
    error(
        &[
            ("  monthly_fee: 1000\n", ""),
            (
                "credits:",
                &format!("{penalty}penalty_terms:\n  cap: {{share_of_fee: 30%}}\ncredits:"),
            ),
        ],
        "cap-without-fee",
        "penalty_terms.cap.share_of_fee",
    );
    error(
        &[(
            "credits:",
            &format!("{penalty}penalty_terms:\n  cap: {{amount: 0}}\ncredits:"),
        )],
        "negative-amount",
        "penalty_terms.cap.amount",
    );
    warning(
        &[("credits:", "penalty_terms:\n  cap: {amount: 500}\ncredits:")],
        "penalty-terms-unused",
        "penalty_terms",
    );
    let capped = format!(
        "{CLEAN}{penalty}penalty_terms:\n  cap: {{amount: 500}}\n  exclusive_remedy: true\n"
    );
    assert_eq!(check_text(&capped).diagnostics, vec![]);
}

#[test]
fn an_exclusion_of_emergency_maintenance_needs_an_emergency_rule() {
    let exclusion = "exclusions:\n  - kind: planned_maintenance\n    description: planned maintenance, and emergency maintenance announced as soon as practicable.\n";
    warning(
        &[MAINTENANCE, ("credits:", &format!("{exclusion}credits:"))],
        "emergency-maintenance-undefined",
        "exclusions[0].description",
    );
    // In French too, and in a service's own list of excluded minutes.
    warning(
        &[(
            "      target: 99.5%\n",
            "      target: 99.5%\n      excluded:\n        - Les opérations de maintenance d’urgence.\n",
        )],
        "emergency-maintenance-undefined",
        "services[0].availability.excluded[0]",
    );
    // With an emergency rule, the exclusion agrees with the maintenance terms.
    let with_rule = format!(
        "{}{exclusion}",
        CLEAN.replacen(
            MAINTENANCE.0,
            "      target: 99.5%\n      maintenance:\n        notice: 3d\n        emergency:\n          max_per_period: 4h\n",
            1
        )
    );
    assert_eq!(check_text(&with_rule).diagnostics, vec![]);
}

#[test]
fn emergency_maintenance_rules_are_checked() {
    let rule = |body: &str| {
        (
            MAINTENANCE.0,
            format!("      target: 99.5%\n      maintenance:\n        notice: 3d\n        emergency:\n{body}"),
        )
    };
    let (from, to) = rule("          notice: 5d\n");
    warning(
        &[(from, &to)],
        "emergency-notice-longer",
        "services[0].availability.maintenance.emergency.notice",
    );
    let (from, to) = rule("          notice: 0m\n");
    error(
        &[(from, &to)],
        "duration-not-positive",
        "services[0].availability.maintenance.emergency.notice",
    );
    let (from, to) = rule("          max_per_period: -1h\n");
    error(
        &[(from, &to)],
        "duration-not-positive",
        "services[0].availability.maintenance.emergency.max_per_period",
    );
}

#[test]
fn free_text_that_cites_an_annex_is_flagged() {
    warning(
        &[(
            "credits:",
            "exclusions:\n  - kind: other\n    description: Les matériels qui ne figurent pas à l’inventaire annexé.\ncredits:",
        )],
        "missing-annex",
        "exclusions[0].description",
    );
    warning(
        &[(
            "credits:",
            "responsibilities:\n  customer:\n    - Keep the list in Appendix B current.\ncredits:",
        )],
        "missing-annex",
        "responsibilities.customer[0]",
    );
    // A word that only contains the letters is not an annex.
    let annexation = format!(
        "{CLEAN}responsibilities:\n  customer:\n    - Report any annexation of the site.\n"
    );
    assert_eq!(check_text(&annexation).diagnostics, vec![]);
}

#[test]
fn the_optional_clauses_name_the_bad_field() {
    let add = |yaml: &str| format!("{yaml}credits:");
    error(
        &[(
            "credits:",
            &add("breach_notification:\n  to: \" \"\n  means: by e-mail\n  within: 1h\n"),
        )],
        "empty-text",
        "breach_notification.to",
    );
    error(
        &[(
            "credits:",
            &add("breach_notification:\n  to: the Customer\n  means: by e-mail\n  within: 0m\n"),
        )],
        "duration-not-positive",
        "breach_notification.within",
    );
    error(
        &[("credits:", &add("liability:\n  cap: {months_of_fees: 0}\n"))],
        "liability-cap-range",
        "liability.cap.months_of_fees",
    );
    error(
        &[("credits:", &add("liability:\n  cap: {amount: -10}\n"))],
        "negative-amount",
        "liability.cap.amount",
    );
    error(
        &[(
            "credits:",
            &add("security:\n  backup: {every: 7d, retention: 1d}\n"),
        )],
        "backup-retention-short",
        "security.backup.retention",
    );
    error(
        &[(
            "credits:",
            &add("security:\n  backup: {every: 0m, retention: 1d}\n"),
        )],
        "duration-not-positive",
        "security.backup.every",
    );
    error(
        &[("credits:", &add("continuity:\n  recovery_time: -4h\n"))],
        "duration-not-positive",
        "continuity.recovery_time",
    );
    error(
        &[("credits:", &add("subcontracting:\n  rule: notice\n"))],
        "subcontracting-notice",
        "subcontracting.notice",
    );
    warning(
        &[(
            "credits:",
            &add("subcontracting:\n  rule: consent\n  notice: 30d\n"),
        )],
        "subcontracting-notice",
        "subcontracting.notice",
    );
    error(
        &[("credits:", &add("precedence:\n  main_agreement: \"\"\n"))],
        "empty-text",
        "precedence.main_agreement",
    );
    error(
        &[("credits:", &add("subcontracting:\n  rule: sometimes\n"))],
        "invalid-value",
        "subcontracting.rule",
    );
}
