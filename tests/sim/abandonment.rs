//! Abandonment on live channels in the full model (issue 16 point 4),
//! checked against the project's Erlang A in the special case where the
//! full model is an M/M/n+M queue.
//!
//! The special case: one team of `n` agents around the clock (one 24-hour
//! shift a day; an agent still busy at the change of shift holds its place
//! until the contact ends, so `n` agents serve at every instant), one plan,
//! priority and phone channel, Poisson arrivals at a constant rate (no
//! weekly shape, no growth), exponential first-response work, no
//! resolution work, exponential patience, first-come first-served, a
//! first-response target on the calendar clock. The first response is the
//! instant an agent picks the contact up, which is what Erlang A calls an
//! answer.
//!
//! Bounds: each simulated figure is the mean over `R` replications of one
//! value per replication; it must lie within `4 × s / √R` of the formula
//! (`s` the standard deviation between replications, read from the
//! report), plus a model tolerance of 0.002 for what the special case does
//! not remove: the empty start (the warm-up is a day, hundreds of times the
//! queue's relaxation time, so what is left is far below this) and the
//! contacts created near the window's end (followed to their answer like
//! every other). A correct engine fails one check with a probability of
//! about 6e-5 (normal tails at 4 standard errors); the seeds are fixed.

use pledge::sim::erlang::{metrics, Traffic};
use pledge::sim::model::{compile, simulate};
use pledge::sim::report::{SimReport, Summary};
use pledge::sim::run::{Flow, RunConfig};
use pledge::sim::scenario::Scenario;
use pledge::sim::time::SimDuration;
use std::path::Path;

const AGENTS: u32 = 3;
const AHT: f64 = 300.0;
const PATIENCE: f64 = 120.0;
const WITHIN: f64 = 60.0;
const REPLICATIONS: u32 = 12;
const TOLERANCE: f64 = 0.002;

/// The M/M/3+M desk at `per_hour` arrivals, its phone channel's rule for
/// abandoned contacts `rule` (none: the default), with or without the
/// customers' patience.
fn desk(per_hour: f64, rule: Option<&str>, patience: bool) -> String {
    let abandoned = rule.map_or(String::new(), |r| format!(", abandoned: {r}"));
    let patience = if patience {
        format!("  patience:\n    - {{channel: tel, patience: {{exponential: {PATIENCE}s}}}}\n")
    } else {
        String::new()
    };
    format!(
        r#"name: Erlang A desk
agreement:
  pledge: 1
  meta:
    title: Phone desk
    reference: PD-1
    version_label: "1"
    language: en
    currency: EUR
    monthly_fee: 1000
    effective_date: 2027-01-01
    term: {{initial_months: 12}}
    governing_law: French law
    shape: customer_based
  parties:
    provider: {{legal_name: Provider}}
    customer: {{legal_name: Customer}}
  services:
    - {{id: app, name: App}}
  channels:
    - {{id: tel, kind: phone{abandoned}}}
  calendars:
    - {{id: always, time_zone: UTC, hours: 24/7}}
  plans:
    - {{id: std, name: Standard, calendar: always, channels: [tel]}}
  priorities:
    - {{id: P1, name: One, definition: Everything.}}
  targets:
    - plan: std
      priority: P1
      channel: tel
      hours: calendar
      objective: 80%
      first_response: {{within: {WITHIN}s}}
start: 2027-01-04
time_zone: UTC
warm_up: 1d
horizon: 14d
workload:
  tickets_per_week: {weekly}
  mix:
    - {{plan: std, priority: P1, channel: tel, share: 100%}}
{patience}work:
  - priority: P1
    first_response: {{exponential: {AHT}s}}
    resolution: {{empirical: [0s]}}
staffing:
  teams:
    - name: Desk
      stages: [triage, resolution]
      shifts:
        - {{name: all day, days: [mon, tue, wed, thu, fri, sat, sun], hours: "00:00-24:00", headcount: {AGENTS}}}
dispatch: fifo
"#,
        weekly = per_hour * 168.0,
    )
}

fn run(text: &str, seed: u64) -> SimReport {
    let scenario = Scenario::from_text(text, Path::new(".")).expect("the scenario reads");
    let model = compile(&scenario).expect("the scenario compiles");
    let config = RunConfig {
        replications: REPLICATIONS,
        seed,
        threads: None,
    };
    simulate(&model, &config, &|_| Flow::Continue).expect("the run ends")
}

/// The bound on |simulated − exact| for a figure summarised over the
/// replications.
fn bound(s: &Summary) -> f64 {
    4.0 * s.std_dev / f64::from(REPLICATIONS).sqrt() + TOLERANCE
}

fn within(label: &str, simulated: &Summary, exact: f64) {
    let bound = bound(simulated);
    eprintln!(
        "{label}: simulated {:.4} (s.e. {:.4}), Erlang A {exact:.4}, bound ±{bound:.4}",
        simulated.mean,
        simulated.std_dev / f64::from(REPLICATIONS).sqrt()
    );
    assert!(
        (simulated.mean - exact).abs() <= bound,
        "{label}: simulated {} against {exact} exact, bound {bound}",
        simulated.mean
    );
}

fn erlang_a(per_hour: f64) -> pledge::sim::erlang::QueueMetrics {
    let traffic = Traffic {
        arrivals_per_hour: per_hour,
        mean_handle_time: SimDuration::from_seconds(AHT),
        mean_patience: Some(SimDuration::from_seconds(PATIENCE)),
    };
    metrics(&traffic, AGENTS, SimDuration::from_seconds(WITHIN)).expect("Erlang A answers")
}

/// The abandoned share and the share answered within the target (an
/// abandoned contact counting as a miss, as Erlang A counts it: the rule
/// `breach`) agree with Erlang A.
fn agrees_with_erlang_a(per_hour: f64, seed: u64) {
    let report = run(&desk(per_hour, Some("breach"), true), seed);
    let exact = erlang_a(per_hour);
    let [abandonment] = report.abandonment.as_slice() else {
        panic!(
            "one plan × priority × channel row: {:?}",
            report.abandonment
        );
    };
    assert_eq!(
        (
            abandonment.plan.as_str(),
            abandonment.priority.as_str(),
            abandonment.channel.as_str()
        ),
        ("std", "P1", "tel")
    );
    assert!(abandonment.abandoned > 0 && abandonment.abandoned < abandonment.contacts);
    let load = per_hour * AHT / 3600.0 / f64::from(AGENTS);
    within(
        &format!("abandoned share at {load:.2} of capacity"),
        &abandonment.share,
        exact.abandonment,
    );
    let [first_response] = report.objectives.as_slice() else {
        panic!("one objective: {:?}", report.objectives.len());
    };
    within(
        &format!("answered within {WITHIN}s at {load:.2} of capacity"),
        &first_response.compliance,
        exact.service_level,
    );
    // The checks have teeth: the intervals are narrower than the distance
    // to the figures without abandonment (Erlang C, or a full answer).
    assert!(bound(&abandonment.share) < exact.abandonment / 4.0);
    assert!(bound(&first_response.compliance) < 0.05);
}

#[test]
fn abandonment_agrees_with_erlang_a_below_capacity() {
    // 2.5 Erlangs on 3 agents: 0.83 of their capacity.
    agrees_with_erlang_a(30.0, 11);
}

#[test]
fn abandonment_agrees_with_erlang_a_above_capacity() {
    // 3.75 Erlangs on 3 agents: 1.25 times their capacity, which only
    // customers who give up keep stable.
    agrees_with_erlang_a(45.0, 12);
}

#[test]
fn breach_counts_abandoned_contacts_as_misses_and_excluded_leaves_them_out() {
    let per_hour = 30.0;
    // The rule changes no event: the same seed gives the same contacts,
    // abandoned the same way; only how they count changes.
    let breach = run(&desk(per_hour, Some("breach"), true), 21);
    let excluded = run(&desk(per_hour, Some("excluded"), true), 21);
    let default = run(&desk(per_hour, None, true), 21);
    assert_eq!(breach.abandonment, excluded.abandonment);
    assert_eq!(excluded, default, "`excluded` is the default rule");
    let (b, e) = (&breach.objectives[0], &excluded.objectives[0]);
    let abandoned = breach.abandonment[0].abandoned;
    assert!(abandoned > 0);
    // Excluded: measured on the answered contacts only; breach: on every
    // contact, the abandoned ones missed.
    assert_eq!(b.tickets, e.tickets + abandoned);
    let met = |o: &pledge::sim::report::ObjectiveResult| -> u64 {
        o.monthly_counts.iter().map(|c| c.met).sum()
    };
    assert_eq!(met(b), met(e));
    assert!(
        b.compliance.mean < e.compliance.mean,
        "breach {} ≥ excluded {}",
        b.compliance.mean,
        e.compliance.mean
    );
    // Excluded is the share of answered contacts answered in time, Erlang
    // A's service level over its answered share.
    let exact = erlang_a(per_hour);
    within(
        "answered within target among answered contacts",
        &e.compliance,
        exact.service_level / (1.0 - exact.abandonment),
    );
}

#[test]
fn without_patience_nothing_changes() {
    // Without a patience in the scenario nobody gives up: no abandonment
    // in the report or its JSON, and the agreement's rule alone changes
    // nothing.
    let plain = run(&desk(30.0, None, false), 5);
    let ruled = run(&desk(30.0, Some("breach"), false), 5);
    assert!(plain.abandonment.is_empty());
    assert_eq!(plain, ruled);
    let json = serde_json::to_value(&plain).expect("JSON");
    assert!(json.get("abandonment").is_none(), "{json}");
    // The same desk with patience loses contacts and answers the rest
    // sooner.
    let patient = run(&desk(30.0, None, true), 5);
    assert!(patient.objectives[0].tickets < plain.objectives[0].tickets);
    assert!(patient.objectives[0].compliance.mean > plain.objectives[0].compliance.mean);
}

#[test]
fn patience_is_for_live_channels_the_agreement_has() {
    let text = desk(30.0, None, true);
    let problem = |text: &str| {
        let error = Scenario::from_text(text, Path::new(".")).expect_err("refused");
        let problems = error.problems();
        assert_eq!(problems.len(), 1, "{error}");
        (problems[0].path.clone(), problems[0].problem.clone())
    };
    let (path, why) = problem(&text.replace("{channel: tel, patience", "{channel: fax, patience"));
    assert_eq!(path, "workload.patience[0].channel");
    assert!(why.contains("no channel `fax`"), "{why}");
    let email = text
        .replace(
            "{id: tel, kind: phone}",
            "{id: tel, kind: phone}\n    - {id: mail, kind: email}",
        )
        .replace("{channel: tel, patience", "{channel: mail, patience");
    let (path, why) = problem(&email);
    assert_eq!(path, "workload.patience[0].channel");
    assert!(why.contains("not a live channel"), "{why}");
    let negative = text.replace("{exponential: 120s}", "{empirical: [-1m]}");
    let (path, _) = problem(&negative);
    assert_eq!(path, "workload.patience[0].patience.empirical[0]");
}

const LIVE_DESK: &str = include_str!("../fixtures/sim/live-desk.yaml");

#[test]
fn simulate_reports_abandoned_contacts_per_live_channel_in_text_and_json() {
    let dir = super::scenario_dir(LIVE_DESK);
    let args = [
        "simulate",
        "scenario.yaml",
        "--replications",
        "3",
        "--seed",
        "2",
    ];
    let text = super::run_in(&dir, &args);
    assert!(
        text.status.success(),
        "{}",
        String::from_utf8_lossy(&text.stderr)
    );
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    assert!(text.contains("abandoned before a first answer"), "{text}");
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("std ") && (l.contains(" phone ") || l.contains(" chat ")))
        .filter(|l| l.contains('–') && !l.contains("first_response"))
        .collect();
    assert_eq!(rows.len(), 2, "{text}");
    let json = super::json_of(&super::run_in(
        &dir,
        &[&args[..], &["--format", "json"]].concat(),
    ));
    let rows = json["abandonment"].as_array().expect("abandonment rows");
    let channels: Vec<&str> = rows
        .iter()
        .map(|r| r["channel"].as_str().unwrap())
        .collect();
    assert_eq!(channels, ["phone", "chat"]);
    for r in rows {
        let share = &r["share"];
        let mean = share["mean"].as_f64().unwrap();
        assert!(mean > 0.0 && mean < 0.5, "{r}");
        assert!(share["low"].as_f64().unwrap() <= mean && mean <= share["high"].as_f64().unwrap());
        assert!(r["abandoned"].as_u64().unwrap() < r["contacts"].as_u64().unwrap());
    }
    // Callers are less patient: more of them give up.
    assert!(rows[0]["share"]["mean"].as_f64() > rows[1]["share"]["mean"].as_f64());
}
