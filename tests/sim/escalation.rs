//! Issue 16 points 1 and 2 in the full model: escalation levels that act
//! (raise a ticket's priority, move it to another team, call an on-call
//! agent in) and periodic updates that cost agent time, each against a case
//! whose answer is known; and the problems of the new fields at their
//! paths.

use std::path::Path;

use pledge::model::Metric;
use pledge::sim::model::{compile, CompiledModel, Replication};
use pledge::sim::report::SimReport;
use pledge::sim::rng::replication_rng;
use pledge::sim::run::{CancelToken, RunConfig};
use pledge::sim::scenario::Scenario;

/// One agent on a desk around the clock, first come first served: a flood
/// of P3 tickets (90 %) and a few P2 (10 %), 5.4 an hour, 10 minutes of
/// work each (exponential), a load of 0.9. Both priorities must answer
/// within 2 hours; the agreement's one escalation level fires at half of
/// it on P2 only. `effect` is the scenario's `escalation:` block (empty:
/// none), `extra_teams` more teams after the desk.
fn flood(effect: &str, extra_teams: &str) -> String {
    format!(
        r#"
name: Flood
agreement:
  pledge: 1
  meta:
    title: Test
    reference: T-1
    version_label: "1"
    language: en
    currency: EUR
    monthly_fee: 1000
    effective_date: 2026-01-01
    term: {{initial_months: 12}}
    governing_law: French law
    shape: customer_based
  parties:
    provider: {{legal_name: P}}
    customer: {{legal_name: C}}
  services:
    - {{id: app, name: App}}
  calendars:
    - {{id: always, time_zone: UTC, hours: 24/7}}
  plans:
    - {{id: std, name: Standard, calendar: always}}
  priorities:
    - {{id: P2, name: Two, definition: Some users are stopped.}}
    - {{id: P3, name: Three, definition: Everything else.}}
  targets:
    - {{plan: std, priority: P2, hours: calendar, objective: 80%, first_response: {{within: 2h}}}}
    - {{plan: std, priority: P3, hours: calendar, objective: 80%, first_response: {{within: 2h}}}}
  escalation:
    warn_at: 25%
    levels:
      - {{to: Team lead, when: {{elapsed: 50%}}, priorities: [P2]}}
start: 2027-01-04
time_zone: UTC
warm_up: 2d
horizon: 28d
workload:
  tickets_per_week: {weekly}
  mix:
    - {{plan: std, priority: P2, share: 10%}}
    - {{plan: std, priority: P3, share: 90%}}
work:
  - {{priority: P2, first_response: {{exponential: 10m}}, resolution: {{empirical: [0s]}}}}
  - {{priority: P3, first_response: {{exponential: 10m}}, resolution: {{empirical: [0s]}}}}
staffing:
  teams:
    - name: Desk
      stages: [triage, resolution]
      shifts:
        - {{name: all day, days: [mon, tue, wed, thu, fri, sat, sun], hours: "00:00-24:00", headcount: 1}}
{extra_teams}dispatch: fifo
{effect}
"#,
        weekly = 5.4 * 168.0,
    )
}

/// A second team of one agent that works nothing unless a ticket is moved
/// to it.
const EXPERTS: &str = r#"    - name: Experts
      stages: [resolution]
      priorities: [P2]
      plans: [std]
      shifts:
        - {name: all day, days: [mon, tue, wed, thu, fri, sat, sun], hours: "00:00-24:00", headcount: 1}
"#;

const REPLICATIONS: u64 = 8;

fn model(text: &str) -> CompiledModel {
    let scenario = Scenario::from_text(text, Path::new(".")).unwrap_or_else(|e| panic!("{e}"));
    compile(&scenario).unwrap_or_else(|e| panic!("{e}"))
}

/// Replications 0.. of `model` with seed 5: replication `i` has the same
/// tickets whatever the scenario's escalation (common random numbers).
fn replications(model: &CompiledModel) -> Vec<Replication> {
    (0..REPLICATIONS)
        .map(|i| {
            model
                .replicate(&mut replication_rng(5, i), &CancelToken::new())
                .expect("runs")
        })
        .collect()
}

fn report(model: &CompiledModel, reps: &[Replication]) -> SimReport {
    let config = RunConfig {
        replications: REPLICATIONS as u32,
        seed: 5,
        threads: Some(1),
    };
    model.summarise(reps, &config)
}

/// The index of the first-response objective of `priority`.
fn first_response(report: &SimReport, priority: &str) -> usize {
    report
        .objectives
        .iter()
        .position(|o| o.priority == priority && o.metric == Metric::FirstResponse)
        .expect("a first-response objective")
}

/// First-response breaches of `priority` in each replication.
fn breaches(model: &CompiledModel, reps: &[Replication], priority: &str) -> Vec<u64> {
    let i = first_response(&report(model, reps), priority);
    reps.iter()
        .map(|r| r.objective_totals[i].tickets - r.objective_totals[i].met)
        .collect()
}

#[test]
fn raising_the_priority_of_escalated_tickets_lowers_their_breaches() {
    // Behind the P3 flood, a P2 ticket waits as long as any: on one agent
    // at a load of 0.9 about a quarter of them wait beyond 2 hours. Raised
    // at 1 hour of waiting, a P2 ticket goes ahead of every P3 ticket, so
    // the agent takes it after the ticket in hand and the raised P2
    // tickets ahead of it: its breaches can only fall, replication by
    // replication, on the same tickets.
    let plain = model(&flood("", ""));
    let raised = model(&flood(
        "escalation:\n  levels:\n    - {level: Team lead, raise_priority: true}\n",
        "",
    ));
    let (a, b) = (replications(&plain), replications(&raised));
    let before = breaches(&plain, &a, "P2");
    let after = breaches(&raised, &b, "P2");
    for (i, (x, y)) in before.iter().zip(&after).enumerate() {
        assert!(y <= x, "replication {i}: {y} breaches raised, {x} not");
        assert_eq!(a[i].tickets, b[i].tickets, "the same tickets");
    }
    let (x, y): (u64, u64) = (before.iter().sum(), after.iter().sum());
    assert!(x > 100, "the flood makes P2 breach: {x}");
    assert!(y * 10 < x, "raised: {y} breaches against {x}");
    // The P3 tickets pay for it.
    let p3 = |m, r| breaches(m, r, "P3").iter().sum::<u64>();
    assert!(p3(&raised, &b) > p3(&plain, &a));
    // The level is reported: the P2 tickets it fired on, and how many of
    // them still breached (all the P2 breaches: a ticket breaching 2 hours
    // had waited 1).
    let r = report(&raised, &b);
    let levels = r.escalation.as_ref().expect("escalation results");
    assert_eq!(levels.len(), 1);
    let level = &levels[0];
    assert_eq!(
        (level.level.as_str(), level.to.as_str()),
        ("levels[0]", "Team lead")
    );
    assert_eq!(level.when, "50%");
    assert!(level.raise_priority);
    let escalated: u64 = b.iter().map(|r| r.escalations[0].escalated).sum();
    let still: u64 = b.iter().map(|r| r.escalations[0].breached).sum();
    assert!(escalated > y && escalated > 100, "{escalated} escalated");
    assert_eq!(still, y);
    assert_eq!(level.breached_share, Some(still as f64 / escalated as f64));
    // Without an effect, nothing is reported.
    assert!(report(&plain, &a).escalation.is_none());
    assert!(a.iter().all(|r| r.escalations.is_empty()));
}

#[test]
fn a_ticket_moved_to_an_idle_team_is_answered_when_the_level_fires() {
    // Moved at 1 hour of waiting to an agent who has nothing else to do
    // (moved tickets come at about one every 4 hours, for 10 minutes), a
    // P2 ticket is answered at once or after the few moved before it: far
    // within its 2 hours. Left on the desk, a quarter breach.
    let stays = model(&flood("", EXPERTS));
    let moved = model(&flood(
        "escalation:\n  levels:\n    - {level: 0, move_to: Experts}\n",
        EXPERTS,
    ));
    let (a, b) = (replications(&stays), replications(&moved));
    let before = breaches(&stays, &a, "P2");
    let after = breaches(&moved, &b, "P2");
    assert!(before.iter().sum::<u64>() > 100, "{before:?}");
    assert_eq!(after, vec![0; REPLICATIONS as usize]);
    let r = report(&moved, &b);
    assert_eq!(r.teams[1].name, "Experts");
    assert_eq!(report(&stays, &a).teams[1].occupancy.mean, 0.0);
    // The experts worked the moved tickets: 10 minutes each.
    let escalated: u64 = b.iter().map(|r| r.escalations[0].escalated).sum();
    let hours = REPLICATIONS as f64 * 28.0 * 24.0;
    let expected = escalated as f64 / 6.0 / hours;
    let occupancy = r.teams[1].occupancy.mean;
    assert!(
        (occupancy - expected).abs() < 0.25 * expected,
        "experts' occupancy {occupancy} against {expected} for {escalated} tickets"
    );
    let level = &r.escalation.as_ref().expect("results")[0];
    assert_eq!(level.move_to.as_deref(), Some("Experts"));
    assert_eq!(level.breached_share, Some(0.0));
}

#[test]
fn an_on_call_agent_takes_a_waiting_ticket_after_the_delay() {
    // The warning (at 25 %, 30 minutes) calls an on-call agent for every
    // ticket, who is there 45 minutes later: no ticket waits beyond 1h15
    // for its first response, and the desk's agent does less.
    let plain = model(&flood("", ""));
    let on_call = model(&flood(
        "escalation:\n  warn_at: {on_call: {after: 45m}}\n",
        "",
    ));
    let (a, b) = (replications(&plain), replications(&on_call));
    for priority in ["P2", "P3"] {
        assert!(breaches(&plain, &a, priority).iter().sum::<u64>() > 100);
        assert_eq!(
            breaches(&on_call, &b, priority),
            vec![0; REPLICATIONS as usize]
        );
    }
    let r = report(&on_call, &b);
    let warn = &r.escalation.as_ref().expect("results")[0];
    assert_eq!(
        (warn.level.as_str(), warn.when.as_str()),
        ("warn_at", "25%")
    );
    assert_eq!(warn.on_call_after.as_deref(), Some("45m"));
    assert!(warn.escalated.mean > 100.0);
    assert!(r.teams[0].occupancy.mean < report(&plain, &a).teams[0].occupancy.mean);
}

/// Tickets answered in a minute and then worked for 10 hours by the same
/// agent, 2 an hour, on `agents` agents around the clock; the target
/// promises an update every 3 hours, and the scenario says what one costs
/// (`update`, or nothing).
fn long_tickets(agents: u32, update: &str) -> String {
    format!(
        r#"
name: Long tickets
agreement:
  pledge: 1
  meta:
    title: Test
    reference: T-1
    version_label: "1"
    language: en
    currency: EUR
    monthly_fee: 1000
    effective_date: 2026-01-01
    term: {{initial_months: 12}}
    governing_law: French law
    shape: customer_based
  parties:
    provider: {{legal_name: P}}
    customer: {{legal_name: C}}
  services:
    - {{id: app, name: App}}
  calendars:
    - {{id: always, time_zone: UTC, hours: 24/7}}
  plans:
    - {{id: std, name: Standard, calendar: always}}
  priorities:
    - {{id: P1, name: One, definition: Everything.}}
  targets:
    - plan: std
      priority: P1
      hours: calendar
      objective: 90%
      first_response: {{within: 1h}}
      periodic_update: {{within: 3h}}
start: 2027-01-04
time_zone: UTC
warm_up: 2d
horizon: 28d
workload:
  tickets_per_week: 336
  mix:
    - {{plan: std, priority: P1, share: 100%}}
work:
  - priority: P1
    first_response: {{empirical: [1m]}}
    resolution: {{empirical: [10h]}}
{update}
staffing:
  teams:
    - name: Desk
      stages: [triage, resolution]
      shifts:
        - {{name: all day, days: [mon, tue, wed, thu, fri, sat, sun], hours: "00:00-24:00", headcount: {agents}}}
"#
    )
}

#[test]
fn update_work_raises_occupancy_by_the_updates_sent() {
    // Each ticket is with the provider for 10 hours after the minute of
    // its first response, in the hands of its agent: updates fall due 3,
    // 6 and 9 hours into that work, three of 5 minutes a ticket. On 50
    // agents for 20.5 Erlangs an agent is always free (all 50 busy has a
    // probability below 1e-8), so each is sent when due, on time, and the
    // occupancy rises by 2 tickets an hour × 15 minutes / 50 agents = 1
    // point.
    let without = model(&long_tickets(50, ""));
    let with = model(&long_tickets(50, "    update: 5m"));
    let (a, b) = (replications(&without), replications(&with));
    let ra = report(&without, &a);
    let rb = report(&with, &b);
    assert!(ra
        .objectives
        .iter()
        .all(|o| o.metric != Metric::PeriodicUpdate));
    let u = rb
        .objectives
        .iter()
        .position(|o| o.metric == Metric::PeriodicUpdate)
        .expect("updates are measured");
    assert_eq!(rb.objectives[u].within, "3h");
    for (i, r) in b.iter().enumerate() {
        let count = r.objective_totals[u];
        assert_eq!(count.tickets, 3 * r.tickets, "replication {i}: three each");
        assert_eq!(count.met, count.tickets, "replication {i}: all on time");
    }
    let expected = 2.0 * 0.25 / 50.0;
    let rise: Vec<f64> = a
        .iter()
        .zip(&b)
        .map(|(x, y)| {
            let occupancy = |r: &Replication| r.team_time[0].0 / r.team_time[0].1;
            occupancy(y) - occupancy(x)
        })
        .collect();
    let n = rise.len() as f64;
    let mean = rise.iter().sum::<f64>() / n;
    let sd = (rise.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    // The rise is the update work of the window's tickets, a Poisson
    // number of them (about 1 344 a replication, 2.7 % apart): 4 standard
    // errors of the replications' mean, plus the updates of tickets
    // straddling the window's ends (10 hours of 672).
    let bound = 4.0 * sd / n.sqrt() + expected * 10.0 / 672.0;
    assert!(
        (mean - expected).abs() < bound,
        "occupancy rose by {mean} (sd {sd}), expected {expected} ± {bound}"
    );
    assert!(sd > 0.0 && bound < 0.2 * expected);
}

#[test]
fn updates_are_late_when_the_team_is_saturated() {
    // On 21 agents the same 20.5 Erlangs (and the updates' 0.5) keep every
    // agent busy: an update that falls due waits for a session to end,
    // ahead of new tickets but late.
    let ample = model(&long_tickets(50, "    update: 5m"));
    let tight = model(&long_tickets(21, "    update: 5m"));
    let compliance = |m: &CompiledModel| {
        let reps = replications(m);
        let r = report(m, &reps);
        let o = r
            .objectives
            .iter()
            .find(|o| o.metric == Metric::PeriodicUpdate)
            .expect("updates measured")
            .clone();
        (o.compliance.mean, o.tickets)
    };
    let (ample, _) = compliance(&ample);
    let (tight, updates) = compliance(&tight);
    assert_eq!(ample, 1.0);
    assert!(updates > 1000);
    assert!(
        tight < 0.5,
        "compliance of updates on a saturated team: {tight}"
    );
}

#[test]
fn escalation_effects_name_what_is_wrong_where() {
    let text = flood(
        "escalation:\n  levels:\n    - {level: 3, raise_priority: true}\n    - {level: Nobody, raise_priority: true}\n    - {level: 0, move_to: Nowhere}\n    - {level: 0}\n",
        "",
    );
    let error = Scenario::from_text(&text, Path::new(".")).expect_err("refused");
    let problems: Vec<(String, String)> = error
        .problems()
        .into_iter()
        .map(|p| (p.path, p.problem))
        .collect();
    let at = |path: &str| {
        problems
            .iter()
            .find(|(p, _)| p == path)
            .unwrap_or_else(|| panic!("no problem at {path}: {problems:?}"))
            .1
            .clone()
    };
    assert!(at("escalation.levels[0].level").contains("0 to 0"));
    assert!(at("escalation.levels[1].level").contains("`Nobody`"));
    assert!(at("escalation.levels[2].move_to").contains("no team `Nowhere`"));
    assert!(at("escalation.levels[3]").contains("give an effect"));
    assert!(at("escalation.levels[3].level").contains("once"));
    // Each problem is placed at its line.
    assert!(error.to_string().contains("escalation.levels[2].move_to"));
    let update = long_tickets(2, "    update: 2d");
    let error = Scenario::from_text(&update, Path::new(".")).expect_err("refused");
    assert_eq!(error.problems()[0].path, "work[0].update");
}

#[test]
fn simulate_prints_what_each_level_did_in_text_and_json() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("flood.yaml");
    std::fs::write(
        &file,
        flood(
            "escalation:\n  warn_at: {on_call: {after: 45m}}\n  levels:\n    - {level: 0, raise_priority: true}\n",
            "",
        ),
    )
    .expect("written");
    let run = |format: &str| {
        let out = assert_cmd::Command::cargo_bin("pledge")
            .expect("the binary")
            .args([
                "simulate",
                "--replications",
                "2",
                "--seed",
                "3",
                "--format",
                format,
            ])
            .arg(&file)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let text = run("text");
    let row = |start: &str| {
        text.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no row `{start}` in\n{text}"))
            .to_owned()
    };
    assert!(row("escalation").contains("still breached"));
    assert!(row("warn_at").contains("on call after 45m"));
    assert!(row("levels[0] (Team lead)").contains("raise priority"));
    let json: serde_json::Value = serde_json::from_str(&run("json")).expect("JSON");
    let levels = json["escalation"].as_array().expect("per level");
    assert_eq!(levels.len(), 2);
    assert_eq!(levels[0]["level"], "warn_at");
    assert_eq!(levels[1]["when"], "50%");
    assert!(levels[1]["escalated"]["mean"].as_f64().expect("a mean") > 10.0);
}

/// A phone desk three times over its capacity whose customers hang up
/// after 90 minutes, under the `breach` rule; the one escalation level
/// fires at half of the 2-hour first-response target (60 minutes). Every
/// abandoned contact waited 90 minutes, so the level had fired on it, and
/// it never got its first answer: it counts among the escalated tickets
/// that still breached, as a ticket left unanswered at the end does.
#[test]
fn an_escalated_contact_abandoned_under_breach_still_breached() {
    let text = r#"
name: Hang-ups
agreement:
  pledge: 1
  meta:
    title: Test
    reference: T-2
    version_label: "1"
    language: en
    currency: EUR
    monthly_fee: 1000
    effective_date: 2026-01-01
    term: {initial_months: 12}
    governing_law: French law
    shape: customer_based
  parties:
    provider: {legal_name: P}
    customer: {legal_name: C}
  services:
    - {id: app, name: App}
  channels:
    - {id: tel, kind: phone, abandoned: breach}
  calendars:
    - {id: always, time_zone: UTC, hours: 24/7}
  plans:
    - {id: std, name: Standard, calendar: always, channels: [tel]}
  priorities:
    - {id: P2, name: Two, definition: Everything.}
  targets:
    - {plan: std, priority: P2, channel: tel, hours: calendar, objective: 80%, first_response: {within: 2h}}
  escalation:
    levels:
      - {to: Team lead, when: {elapsed: 50%}}
start: 2027-01-04
time_zone: UTC
warm_up: 2d
horizon: 14d
workload:
  tickets_per_week: 3024
  mix:
    - {plan: std, priority: P2, channel: tel, share: 100%}
  patience:
    - {channel: tel, patience: {empirical: [90m]}}
work:
  - {priority: P2, first_response: {exponential: 10m}, resolution: {empirical: [0s]}}
staffing:
  teams:
    - name: Desk
      stages: [triage, resolution]
      shifts:
        - {name: all day, days: [mon, tue, wed, thu, fri, sat, sun], hours: "00:00-24:00", headcount: 1}
dispatch: fifo
escalation:
  levels:
    - {level: 0, raise_priority: true}
"#;
    let model = model(text);
    for rep in replications(&model) {
        let abandoned: u64 = rep.abandonment.iter().map(|a| a.abandoned).sum();
        let level = rep.escalations[0];
        assert!(
            abandoned > 100,
            "the desk is overloaded: {abandoned} abandoned"
        );
        assert!(
            level.breached >= abandoned,
            "every abandoned contact had been escalated and breached: {level:?}, {abandoned} abandoned"
        );
        assert!(level.escalated >= level.breached, "{level:?}");
    }
}
