//! The change list between two versions, on hand-built pairs.

use pledge::model::{
    Agreement, CreditTier, Holiday, Hours, MetricTarget, Percent, TargetTime, Text,
};
use pledge::store::{diff, ChangeKind};

use super::sample;

/// Applies `edit` to the sample and checks the change list, line by line.
fn check(edit: impl FnOnce(&mut Agreement), expect: &[&str]) {
    let before = sample();
    let mut after = sample();
    edit(&mut after);
    let lines: Vec<String> = diff(&before, &after)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(lines, expect);
}

fn hours(text: &str) -> TargetTime {
    text.parse().unwrap()
}

#[test]
fn identical_versions_have_no_change() {
    check(|_| {}, &[]);
}

#[test]
fn a_target_time_change_names_priority_metric_and_plan() {
    check(
        |a| a.targets[0].resolution.as_mut().unwrap().within = hours("4h"),
        &["P1 resolution (premium): 8h → 4h"],
    );
    check(
        |a| a.targets[0].first_response.as_mut().unwrap().internal = None,
        &["P1 first response internal target (premium) removed: 15m"],
    );
    check(
        |a| a.targets[2].objective = Percent::new(92.5),
        &["P1 objective (standard): 90% → 92.5%"],
    );
}

#[test]
fn a_metric_or_a_target_row_added_or_removed() {
    check(
        |a| {
            a.targets[1].next_response = Some(MetricTarget {
                within: hours("4h"),
                internal: None,
                objective: None,
                hours: None,
            })
        },
        &["P2 next response (premium) added"],
    );
    check(
        |a| drop(a.targets.remove(1)),
        &["target P2 (premium) removed"],
    );
}

#[test]
fn reordering_target_rows_is_not_a_change() {
    check(|a| a.targets.swap(0, 2), &[]);
}

#[test]
fn credit_tiers_are_matched_by_threshold() {
    check(
        |a| {
            a.credits[0].tiers.push(CreditTier {
                below: Percent::new(95.0),
                credit: Percent::new(25.0),
            });
            a.credits[0].tiers[1].credit = Percent::new(15.0);
        },
        &[
            "credit tier < 99% (uptime): 10% → 15%",
            "credit tier < 95% (uptime) added",
        ],
    );
    check(
        |a| a.credits[0].cap = None,
        &["credit schedule uptime: cap removed: 30%"],
    );
}

#[test]
fn calendar_holidays_and_hours() {
    check(
        |a| {
            a.calendars[0].holidays.dates.push(Holiday {
                date: "2026-12-31".parse().unwrap(),
                name: Default::default(),
            });
        },
        &["calendar paris: holiday 2026-12-31 added"],
    );
    check(
        |a| a.calendars[0].holidays.dates.clear(),
        &["calendar paris: holiday 2026-12-24 removed"],
    );
    check(
        |a| {
            if let Hours::Weekly(week) = &mut a.calendars[0].hours {
                week.days[4] = vec![
                    "09:00-18:00".parse().unwrap(),
                    "19:00-20:00".parse().unwrap(),
                ];
            }
        },
        &["calendar paris: hours fri: 09:00-17:00 → 09:00-18:00, 19:00-20:00"],
    );
    check(
        |a| {
            if let Hours::Weekly(week) = &mut a.calendars[0].hours {
                week.days[4].clear();
            }
        },
        &["calendar paris: hours fri: 09:00-17:00 → closed"],
    );
    check(
        |a| a.calendars[0].time_zone = "Europe/London".into(),
        &["calendar paris: time zone: Europe/Paris → Europe/London"],
    );
}

#[test]
fn meta_parties_and_lists_of_sentences() {
    check(
        |a| {
            a.meta.monthly_fee = Some(pledge::model::Money::from_cents(1_500_000));
            a.parties.customer.legal_name = "Acme Group SA".into();
            a.responsibilities
                .customer
                .push("Name two contacts.".into());
            a.priorities[0].examples.clear();
        },
        &[
            "monthly fee: 12000.00 → 15000.00",
            "customer legal name: Acme SA → Acme Group SA",
            "priority P1: examples removed: The portal does not load.",
            "responsibilities customer added: Name two contacts.",
        ],
    );
}

#[test]
fn whole_sections_and_named_items() {
    check(
        |a| {
            a.reporting = None;
            a.channels.retain(|c| c.id != "phone");
        },
        &["channel phone removed", "reporting removed"],
    );
}

#[test]
fn changes_carry_a_machine_path_and_kind() {
    let before = sample();
    let mut after = sample();
    after.targets[0].resolution.as_mut().unwrap().within = hours("4h");
    let changes = diff(&before, &after);
    assert_eq!(changes[0].path, "targets[premium/P1].resolution.within");
    assert_eq!(changes[0].kind, ChangeKind::Changed);
    assert_eq!(
        (changes[0].before.as_deref(), changes[0].after.as_deref()),
        (Some("8h"), Some("4h"))
    );
}

#[test]
fn teams_olas_escalation_and_penalties() {
    use pledge::model::{
        Duration, Escalation, EscalationLevel, EscalationWhen, Metric, Ola, OlaServes, OlaStart,
        Team,
    };
    let with_chain = |a: &mut Agreement| {
        a.teams.push(Team {
            id: "l1".into(),
            name: "L1 desk".into(),
            description: Text::default(),
        });
        a.olas.push(Ola {
            id: "triage".into(),
            team: "l1".into(),
            stage: "triage".into(),
            within: TargetTime::Elapsed(Duration::hours(4)),
            hours: Default::default(),
            calendar: None,
            starts_on: OlaStart::Creation,
            serves: OlaServes {
                priority: "P1".into(),
                plan: None,
                metric: Metric::Resolution,
            },
        });
        a.escalation = Some(Escalation {
            warn_at: Some(Percent::new(80.0)),
            levels: vec![EscalationLevel {
                to: "Head of support".into(),
                when: EscalationWhen::AfterBreach(Duration::hours(2)),
                priorities: vec![],
            }],
        });
    };
    let mut before = sample();
    with_chain(&mut before);
    let mut after = before.clone();
    after.olas[0].within = TargetTime::Elapsed(Duration::hours(2));
    after.escalation.as_mut().unwrap().levels[0].when = EscalationWhen::Elapsed(Percent::new(90.0));
    after.teams[0].name = "Service desk".into();
    let lines: Vec<String> = diff(&before, &after)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        lines,
        [
            "team l1: name: L1 desk → Service desk",
            "OLA triage: 4h → 2h",
            "escalation to Head of support when: after breach 2h → elapsed 90%",
        ]
    );
    let added: Vec<String> = diff(&sample(), &before)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        added,
        ["team l1 added", "OLA triage added", "escalation added"]
    );
}

/// Applies `edit` to the sample and checks the change list as a French
/// contract says it (issue 14 point 8).
fn check_fr(edit: impl FnOnce(&mut Agreement), expect: &[&str]) {
    let before = sample();
    let mut after = sample();
    edit(&mut after);
    let lines: Vec<String> = diff(&before, &after)
        .iter()
        .map(|c| pledge::store::describe(c, pledge::doc::tree::Lang::Fr, &before, &after))
        .collect();
    assert_eq!(lines, expect);
}

#[test]
fn in_french_a_change_is_said_in_the_contracts_words_and_units() {
    // Plans by their names (`premium` is Premium), durations as « 3 h 30 ».
    check_fr(
        |a| a.targets[0].resolution.as_mut().unwrap().within = hours("3h30m"),
        &["Délai de résolution (P1, Premium) : 8\u{a0}h → 3\u{a0}h\u{a0}30"],
    );
    check_fr(
        |a| a.targets[2].objective = Percent::new(92.5),
        &["Objectif (P1, Standard) : 90\u{a0}% → 92,5\u{a0}%"],
    );
    check_fr(
        |a| a.credits[0].tiers[1].credit = Percent::new(15.0),
        &["Crédit du palier < 99\u{a0}% (barème de crédits « uptime ») : 10\u{a0}% → 15\u{a0}%"],
    );
    check_fr(
        |a| a.calendars[0].holidays.dates.clear(),
        &["Suppression : jour férié du 2026-12-24 (calendrier « Paris business hours »)"],
    );
    check_fr(
        |a| a.calendars[0].time_zone = "Europe/London".into(),
        &["Fuseau horaire (calendrier « Paris business hours ») : Europe/Paris → Europe/London"],
    );
    // A name written per language is said in French (issue 14 point 3,
    // names): the plan and the calendar by their French names.
    check_fr(
        |a| {
            a.plans[1].name = Text::per_language("Premium", "Offre première");
            a.calendars[0].name =
                Text::per_language("Paris business hours", "Heures ouvrées de Paris");
            a.targets[0].resolution.as_mut().unwrap().within = hours("3h30m");
            a.calendars[0].time_zone = "Europe/London".into();
        },
        &[
            "Nom (calendrier « Heures ouvrées de Paris ») : Paris business hours → en Paris business hours; fr Heures ouvrées de Paris",
            "Fuseau horaire (calendrier « Heures ouvrées de Paris ») : Europe/Paris → Europe/London",
            "Nom (offre « Offre première ») : Premium → en Premium; fr Offre première",
            "Délai de résolution (P1, Offre première) : 8\u{a0}h → 3\u{a0}h\u{a0}30",
        ],
    );
    // English keeps the change list's own words.
    let before = sample();
    let mut after = sample();
    after.targets[0].resolution.as_mut().unwrap().within = hours("4h");
    let change = &diff(&before, &after)[0];
    assert_eq!(
        pledge::store::describe(change, pledge::doc::tree::Lang::En, &before, &after),
        "P1 resolution (premium): 8h → 4h"
    );
}
