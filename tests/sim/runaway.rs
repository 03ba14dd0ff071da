//! A scenario cannot run away (issue 12, point 9): a workload no team
//! could serve is refused with the size of the gap, a replication stops at
//! a bounded number of open tickets, and Cancel reaches inside a
//! replication.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use assert_cmd::Command;
use pledge::sim::model::{self, check_workload, MAX_OVERLOAD};
use pledge::sim::rng::replication_rng;
use pledge::sim::run::{CancelToken, Flow, RunConfig};
use pledge::sim::scenario::{Scenario, ScenarioError};
use pledge::sim::SimError;

/// One team of `agents` working around the clock on `per_week` tickets of
/// `minutes` each (exponential), for `horizon` after a day of warm-up.
fn desk(agents: u32, per_week: f64, minutes: f64, horizon: &str) -> String {
    format!(
        r#"
name: Desk
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
      objective: 80%
      first_response: {{within: 1h}}
start: 2027-01-04
time_zone: UTC
warm_up: 1d
horizon: {horizon}
workload:
  tickets_per_week: {per_week}
  mix:
    - {{plan: std, priority: P1, share: 100%}}
work:
  - priority: P1
    first_response: {{exponential: {seconds}s}}
    resolution: {{empirical: [0s]}}
staffing:
  teams:
    - name: Desk
      stages: [triage]
      shifts:
        - {{name: all day, days: [mon, tue, wed, thu, fri, sat, sun], hours: "00:00-24:00", headcount: {agents}}}
"#,
        seconds = (minutes * 60.0).round(),
    )
}

fn load(text: &str) -> Scenario {
    Scenario::from_text(text, Path::new(".")).expect("the scenario reads")
}

#[test]
fn a_billion_tickets_a_week_is_refused_before_anything_runs() {
    // issue 12: `tickets_per_week: 1000000000` validated, then grew memory
    // by 200 MB/s in a replication that never ended.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("billion.yaml");
    let text = desk(2, 1e9, 6.0, "28d");
    std::fs::write(&file, &text).unwrap();
    let out = Command::cargo_bin("pledge")
        .unwrap()
        .arg("simulate")
        .arg(&file)
        .args(["--replications", "1"])
        // A hang is a failure, not a wait: the refusal needs no simulation.
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    // 10⁹ tickets of 6 minutes: 100,000,000 agent-hours a week, against
    // 2 agents × 168 hours = 336.
    let line = text
        .lines()
        .position(|l| l.contains("tickets_per_week"))
        .unwrap()
        + 1;
    assert!(
        stderr.starts_with(&format!("{}:{line}:", file.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "the workload needs 100,000,000 agent-hours a week; the teams are staffed for 336"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("297,619× their capacity"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn the_overload_is_measured_against_staffed_hours_with_thresholds() {
    // issue 12: at capacity nothing is said; above it a warning; above
    // MAX_OVERLOAD times it, a refusal placed at the volume.
    let cases = [(0.9, false, false), (4.0, true, false), (10.5, true, true)];
    for (factor, warns, refused) in cases {
        // 10 agents, 6-minute tickets: 1,680 agent-hours a week are 16,800
        // tickets; the factor scales the volume.
        let scenario = load(&desk(10, 16_800.0 * factor, 6.0, "7d"));
        let compiled = model::compile(&scenario).expect("compiles");
        let balance = compiled.workload_balance();
        assert!(
            (balance.factor() - factor).abs() < 1e-9,
            "{factor}: {balance:?}"
        );
        match check_workload(&scenario, &compiled) {
            Ok(warning) => {
                assert!(!refused, "{factor}");
                assert_eq!(warning.is_some(), warns, "{factor}");
            }
            Err(ScenarioError::Invalid { path, problem, .. }) => {
                assert!(refused, "{factor}: {problem}");
                assert_eq!(path, "workload.tickets_per_week");
                assert!(problem.contains(&format!("{MAX_OVERLOAD}×")), "{problem}");
            }
            Err(other) => panic!("{factor}: {other}"),
        }
    }
}

#[test]
fn an_overloaded_replication_stops_at_the_open_ticket_cap() {
    // issue 12: just under the refusal threshold (9× the capacity) the run
    // is allowed, but its backlog grows without end: the replication stops
    // at the cap on open tickets, naming it and the hour it was passed. A
    // small cap keeps the test quick; the default is MAX_OPEN_TICKETS.
    let scenario = load(&desk(1, 1680.0 * 9.0, 6.0, "91d"));
    let mut compiled = model::compile(&scenario).expect("compiles");
    assert!(check_workload(&scenario, &compiled)
        .expect("under the refusal threshold")
        .is_some());
    compiled.set_open_ticket_cap(500);
    let err = compiled
        .replicate(&mut replication_rng(1, 0), &CancelToken::new())
        .expect_err("the backlog passes the cap");
    let SimError::TooManyOpenTickets { cap, hour, ref at } = err else {
        panic!("{err}");
    };
    assert_eq!(cap, 500);
    // 90 tickets an hour arrive and 10 are served: 500 open within the
    // first ten hours, well inside the first day.
    assert!(hour < 24, "{err}");
    assert!(at.starts_with("2027-01-04 0"), "{err}");
    let message = err.to_string();
    assert!(
        message.contains("more than 500 tickets were open at once"),
        "{message}"
    );
    assert!(message.contains(&format!("in hour {hour} ")), "{message}");
}

#[test]
fn cancel_stops_a_replication_under_way() {
    // issue 12: the app's Cancel was only looked at between replications,
    // so a long replication ran to its end. One replication of three
    // years of a busy desk takes minutes; cancelled once it runs, the run
    // ends with `Cancelled`, which (with a single replication) only the
    // polling inside the replication can produce.
    let scenario = load(&desk(110, 1e5, 6.0, "1000d"));
    let compiled = Arc::new(model::compile(&scenario).expect("compiles"));
    let token = Arc::new(CancelToken::new());
    let run = {
        let (compiled, token) = (compiled.clone(), token.clone());
        std::thread::spawn(move || {
            let config = RunConfig {
                replications: 1,
                seed: 1,
                threads: Some(1),
            };
            model::simulate_until(&compiled, &config, &|_| Flow::Continue, &token)
        })
    };
    std::thread::sleep(Duration::from_millis(200));
    token.cancel();
    let outcome = run.join().expect("the run ends");
    assert!(
        matches!(outcome, Err(SimError::Cancelled)),
        "{:?}",
        outcome.map(|r| r.tickets.mean)
    );
}
