//! Measured compliance of a history under an agreement (issue 13 point 2):
//! against the generator's own truth, and hand-checked months and credits.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufWriter;

use chrono::{DateTime, Duration, Utc};
use pledge::history::generate::{tickets, write_export, TrueParameters};
use pledge::history::measure::Skipped;
use pledge::history::report::{report, Report, ReportOptions};
use pledge::history::resolve::Field;
use pledge::history::Format;
use pledge::model::{Metric, Money};

use super::{fresh, import_with, name, paris_agreement};

/// Around the clock in UTC; one row per plan and priority, counted in
/// calendar time (so the oracle below is plain arithmetic), first response
/// in 30 minutes and resolution in 8 hours with pending time paused; an
/// internal first-response target of 15 minutes.
fn generated_agreement() -> pledge::model::Agreement {
    let mut targets = String::new();
    for plan in ["premium", "standard", "basic"] {
        for p in ["P1", "P2", "P3", "P4"] {
            targets.push_str(&format!(
                "  - {{plan: {plan}, priority: {p}, objective: 90%, hours: calendar, pause_when_pending: true, \
                 first_response: {{within: 30m, internal: 15m}}, resolution: {{within: 8h}}}}\n"
            ));
        }
    }
    let text = format!(
        r#"
pledge: 1
meta:
  title: Support Agreement
  reference: SLA-GEN-1
  version_label: "1.0"
  language: en
  currency: EUR
  monthly_fee: 1000
  effective_date: 2026-01-01
  term: {{initial_months: 12}}
  governing_law: French law
  shape: customer_based
parties:
  provider: {{legal_name: Provider SAS}}
  customer: {{legal_name: Customer SA}}
services:
  - {{id: app, name: Hosted application}}
calendars:
  - {{id: utc, time_zone: UTC, hours: 24/7}}
channels:
  - {{id: email, kind: email}}
  - {{id: portal, kind: portal}}
  - {{id: chat, kind: chat}}
  - {{id: phone, kind: phone}}
plans:
  - {{id: premium, name: Premium, calendar: utc}}
  - {{id: standard, name: Standard, calendar: utc}}
  - {{id: basic, name: Basic, calendar: utc}}
priorities:
  - {{id: P1, name: Urgent, definition: Down.}}
  - {{id: P2, name: High, definition: Degraded.}}
  - {{id: P3, name: Normal, definition: A question.}}
  - {{id: P4, name: Low, definition: A request.}}
targets:
{targets}"#
    );
    let report = pledge::check::check_text(&text);
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    report.agreement.expect("the agreement reads")
}

/// (plan, priority, metric, month) → (measured, met, pending, internal met).
type Truth = BTreeMap<(String, String, Metric, String), (u64, u64, u64, u64)>;

/// The compliance the generator's own tickets give, worked out with
/// instants only: the deadline is creation + target, moved later by the
/// part of the wait on the customer that starts before it (resolution
/// only); a ticket not reached by the export counts as missed once its
/// deadline has passed, else as pending.
fn truth(params: &TrueParameters, seed: u64, as_of: DateTime<Utc>) -> Truth {
    let mut out = Truth::new();
    for t in tickets(params, seed) {
        let plan = params.organisations[t.organisation].plan.clone();
        let priority = format!("P{}", t.priority + 1);
        let month = t.created.format("%Y-%m").to_string();
        let pause = t.pending.map(|(s, e)| (s, e.unwrap_or(as_of).max(s)));
        for (metric, reached, within, internal, paused) in [
            (
                Metric::FirstResponse,
                t.first_response,
                Duration::minutes(30),
                Some(Duration::minutes(15)),
                false,
            ),
            (
                Metric::Resolution,
                t.resolved,
                Duration::hours(8),
                None,
                true,
            ),
        ] {
            let deadline_of = |allowance: Duration| {
                let mut d = t.created + allowance;
                if let Some((s, e)) = pause.filter(|_| paused) {
                    if s < d {
                        d += e - s;
                    }
                }
                d
            };
            let judge = |deadline: DateTime<Utc>| match reached {
                Some(at) => Some(at <= deadline),
                None if deadline < as_of => Some(false),
                None => None,
            };
            let c = out
                .entry((plan.clone(), priority.clone(), metric, month.clone()))
                .or_default();
            match judge(deadline_of(within)) {
                Some(met) => {
                    c.0 += 1;
                    c.1 += u64::from(met);
                    let inside = internal.and_then(|i| judge(deadline_of(i)));
                    c.3 += u64::from(inside == Some(true));
                }
                None => c.2 += 1,
            }
        }
    }
    out
}

fn generated_report(format: Format) -> (Report, TrueParameters, u64) {
    let (dir, mut store) = fresh();
    let params = TrueParameters::realistic(6, 500.0);
    let seed = 5;
    let export = dir.path().join("export.csv");
    let log = dir.path().join("log.csv");
    let mut log_file = BufWriter::new(File::create(&log).unwrap());
    write_export(
        format,
        &params,
        seed,
        BufWriter::new(File::create(&export).unwrap()),
        Some(&mut log_file),
    )
    .unwrap();
    drop(log_file);
    import_with(&mut store, "gen", &export, |o| {
        o.status_log = Some(log.clone())
    });
    let mut options = ReportOptions::default();
    for org in &params.organisations {
        options
            .values
            .plan
            .insert(org.name.clone(), org.plan.clone());
    }
    // Freshdesk and Jira name priorities otherwise than the agreement does:
    // the user's value map reads them.
    let priorities: &[(&str, &str)] = match format {
        Format::Freshdesk => &[("Medium", "P3")],
        Format::Jsm => &[("Highest", "P1"), ("Medium", "P3")],
        _ => &[],
    };
    for (word, id) in priorities {
        options.values.priority.insert((*word).into(), (*id).into());
    }
    let r = report(&store, &name("gen"), &generated_agreement(), &options).unwrap();
    (r, params, seed)
}

#[test]
fn measured_compliance_on_a_generated_history_equals_the_generators_truth() {
    for format in [Format::Zendesk, Format::Freshdesk, Format::Jsm] {
        let (r, params, seed) = generated_report(format);
        let truth = truth(&params, seed, r.as_of);
        // Every ticket is placed: organisations by the value map,
        // priorities by the agreement's names, channels by their kind.
        assert_eq!(r.measured, r.tickets, "{format:?}: {:?}", r.skipped);
        assert!(r.unknown_values.is_empty(), "{:?}", r.unknown_values);
        let mut got = Truth::new();
        for m in &r.months {
            for mo in &m.objectives {
                let o = &r.objectives[mo.objective];
                let c = got
                    .entry((
                        o.plan.clone(),
                        o.priority.clone(),
                        o.metric,
                        m.month.clone(),
                    ))
                    .or_default();
                c.0 += mo.measured;
                c.1 += mo.met;
            }
        }
        let mut expected = Truth::new();
        let mut pending: BTreeMap<(String, String, Metric), u64> = BTreeMap::new();
        let mut internal: BTreeMap<(String, String), u64> = BTreeMap::new();
        for ((plan, priority, metric, month), c) in &truth {
            *pending
                .entry((plan.clone(), priority.clone(), *metric))
                .or_default() += c.2;
            if *metric == Metric::FirstResponse {
                *internal
                    .entry((plan.clone(), priority.clone()))
                    .or_default() += c.3;
            }
            if c.0 > 0 {
                expected.insert(
                    (plan.clone(), priority.clone(), *metric, month.clone()),
                    (c.0, c.1, 0, 0),
                );
            }
        }
        assert_eq!(got, expected, "{format:?}");
        for o in &r.objectives {
            let key = (o.plan.clone(), o.priority.clone(), o.metric);
            assert_eq!(
                o.pending,
                pending.get(&key).copied().unwrap_or(0),
                "{key:?}"
            );
            if o.metric == Metric::FirstResponse {
                assert_eq!(
                    o.internal_met,
                    Some(internal[&(o.plan.clone(), o.priority.clone())]),
                    "{key:?}"
                );
            }
        }
        // Both outcomes occur, so the comparison says something.
        let (measured, met): (u64, u64) = r
            .objectives
            .iter()
            .fold((0, 0), |(a, b), o| (a + o.measured, b + o.met));
        assert!(met > 0 && met < measured, "{met} of {measured}");
    }
}

#[test]
fn breakdowns_add_up_and_follow_the_staffing() {
    let (r, _, _) = generated_report(Format::Zendesk);
    for b in &r.breakdowns {
        let sum = |cells: &[pledge::history::report::Cell]| {
            cells
                .iter()
                .fold((0, 0), |(m, x), c| (m + c.measured, x + c.missed))
        };
        let whole = (b.overall.measured, b.overall.missed);
        assert_eq!(sum(&b.hour_of_week), whole);
        assert_eq!(sum(&b.weekday), whole);
        for by in [&b.plan, &b.priority, &b.channel, &b.group, &b.month] {
            let cells: Vec<_> = by.iter().map(|k| k.cell).collect();
            assert_eq!(sum(&cells), whole, "{:?}", b.metric);
        }
        // The channels are the agreement's ids, Zendesk's words read by
        // their kind (`Mail`, `Web form`, `Phone call (inbound)`).
        let channels: Vec<&str> = b.channel.iter().map(|k| k.key.as_str()).collect();
        assert_eq!(channels, ["chat", "email", "phone", "portal"]);
    }
    // The generator staffs no one at weekends: first replies to tickets
    // of Saturday miss far more often than those of Tuesday.
    let first = &r.breakdowns[0];
    assert_eq!(first.metric, Metric::FirstResponse);
    let rate = |d: usize| first.weekday[d].missed as f64 / first.weekday[d].measured as f64;
    assert!(
        rate(5) > 2.0 * rate(1),
        "Saturday {} Tuesday {}",
        rate(5),
        rate(1)
    );
    // Hot spots are above the overall rate and in order.
    let overall = first.overall.missed as f64 / first.overall.measured as f64;
    for h in r
        .hotspots
        .iter()
        .filter(|h| h.metric == Metric::FirstResponse)
    {
        assert!(h.cell.missed >= 5 && h.lift > 1.0);
        let rate = h.cell.missed as f64 / h.cell.measured as f64;
        assert!((rate / overall - h.lift).abs() < 1e-9);
    }
}

/// Paris business hours; a first-response credit below 90 % (10 % of the
/// fee) and below 75 % (25 %), fee 1,000.00 EUR.
fn credited() -> String {
    paris_agreement(
        "SLA-CR-1",
        false,
        r#"priorities:
  - {id: P1, name: Critical, definition: The service is down.}
  - {id: P2, name: High, definition: The service is degraded.}
targets:
  - {plan: standard, priority: P1, objective: 90%, first_response: {within: 2h}}
credits:
  - id: response
    basis: {compliance: {metric: first_response}}
    tiers:
      - {below: 90%, credit: 10%}
      - {below: 75%, credit: 25%}
"#,
    )
}

#[test]
fn months_missed_and_the_credits_they_cost_are_worked_out_by_hand() {
    let (dir, mut store) = fresh();
    // Pledge's own CSV (`id`, `created`, `first_response`, `priority`, times
    // in UTC). March 2027 (Paris is UTC+1 until 28 March):
    //  1: Mon 1 March 09:00 Paris, answered 10:00: 1 business hour, met.
    //  2: Mon 1 March 16:30 Paris, answered Tue 10:00: 30 min Monday +
    //     1 h Tuesday = 1h30, met.
    //  3: Fri 5 March 16:00 Paris, answered Mon 8 March 10:30: 1 h Friday
    //     + 1h30 Monday = 2h30, missed.
    //  4: Wed 10 March 09:00 Paris, answered 11:00: 2 h exactly, met.
    // 3 of 4 = 75 %: below 90 %, not below 75 % (equal does not trigger):
    // 10 % of 1,000.00 = 100.00.
    // April (UTC+2): one met, one missed = 50 %: below 75 %: 25 % = 250.00.
    //  5: Thu 1 April 09:00 Paris, answered 09:30: met.
    //  6: Thu 1 April 09:00 Paris, answered Fri 2 April 09:00: 8 h, missed.
    // A P2 ticket has no row, and a P7 is no priority of the agreement.
    let file = dir.path().join("tickets.csv");
    std::fs::write(
        &file,
        "id,created,first_response,priority\n\
         1,2027-03-01 08:00,2027-03-01 09:00,P1\n\
         2,2027-03-01 15:30,2027-03-02 09:00,P1\n\
         3,2027-03-05 15:00,2027-03-08 09:30,P1\n\
         4,2027-03-10 08:00,2027-03-10 10:00,P1\n\
         5,2027-04-01 07:00,2027-04-01 07:30,P1\n\
         6,2027-04-01 07:00,2027-04-02 07:00,P1\n\
         7,2027-04-01 07:00,2027-04-02 07:00,P2\n\
         8,2027-04-01 07:00,2027-04-02 07:00,P7\n",
    )
    .unwrap();
    import_with(&mut store, "cr", &file, |_| {});
    let a = pledge::format::read(&credited()).unwrap();
    let r = report(&store, &name("cr"), &a, &ReportOptions::default()).unwrap();
    let o = &r.objectives[0];
    assert_eq!((o.measured, o.met, o.pending), (6, 4, 0));
    assert_eq!(o.months_missed, ["2027-03", "2027-04"]);
    let months: Vec<(&str, u64, u64, Option<Money>)> = r
        .months
        .iter()
        .map(|m| {
            (
                m.month.as_str(),
                m.objectives[0].measured,
                m.objectives[0].met,
                m.credits[0].amount,
            )
        })
        .collect();
    assert_eq!(
        months,
        [
            ("2027-03", 4, 3, Some(Money::from_cents(10_000))),
            ("2027-04", 2, 1, Some(Money::from_cents(25_000))),
        ]
    );
    assert_eq!(r.credit_total, Money::from_cents(35_000));
    assert_eq!(r.credits[0].months_missed, 2);
    assert_eq!(r.tickets, 8);
    assert_eq!(r.measured, 6);
    let skipped: Vec<(Skipped, u64)> = r.skipped.iter().map(|s| (s.reason, s.tickets)).collect();
    assert_eq!(
        skipped,
        [
            (Skipped::NoTarget, 1),
            (Skipped::Unknown(Field::Priority), 1)
        ]
    );
    assert_eq!(r.unknown_values[0].value, "P7");
}

#[test]
fn an_empty_or_unknown_history_says_so() {
    let (_dir, store) = fresh();
    let a = pledge::format::read(&credited()).unwrap();
    let err = report(&store, &name("nothing"), &a, &ReportOptions::default()).unwrap_err();
    assert!(err.to_string().contains("nothing"), "{err}");
    assert_eq!(err.code(), pledge::error::ErrorCode::UnknownHistory);
}
