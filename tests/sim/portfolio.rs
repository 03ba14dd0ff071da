//! Issue 16 point 6: a portfolio of agreements served by shared teams.
//! Two identical agreements at volume V equal one at 2V in distribution;
//! precedence that is certain; problems of the file at their paths;
//! credits summed per currency; sizing that holds every member's
//! objectives; the one-member portfolio that is the ordinary scenario.

use std::collections::BTreeMap;
use std::path::Path;

use pledge::model::Metric;
use pledge::sim::model::compile;
use pledge::sim::portfolio::{
    simulate_portfolio_with_credits, LibraryAgreement, Portfolio, PortfolioRun,
};
use pledge::sim::report::{ObjectiveResult, SimReport};
use pledge::sim::run::{CancelToken, Flow, RunConfig};
use pledge::sim::scenario::Scenario;

/// An agreement around the clock with one plan, priorities P2 and P3,
/// first response within `within` at 80 %, and a credit of 10 % of a
/// 1,000 fee in `currency` when first responses fall below 80 %.
fn agreement(currency: &str, within: &str) -> String {
    format!(
        r#"
  pledge: 1
  meta:
    title: Test
    reference: T-1
    version_label: "1"
    language: en
    currency: {currency}
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
  teams:
    - {{id: desk, name: Desk}}
  targets:
    - {{plan: std, priority: P2, hours: calendar, objective: 80%, first_response: {{within: {within}}}}}
    - {{plan: std, priority: P3, hours: calendar, objective: 80%, first_response: {{within: {within}}}}}
  credits:
    - id: answers
      basis: {{compliance: {{metric: first_response}}}}
      tiers:
        - {{below: 80%, credit: 10%}}
"#
    )
}

/// A member scenario: `weekly` tickets a week, `p2` of them P2, ten
/// minutes of work each; its own staffing (replaced in a portfolio) is one
/// agent around the clock.
fn member(currency: &str, within: &str, weekly: f64, p2: f64) -> String {
    format!(
        r#"name: Member {currency}
agreement:{agreement}
start: 2027-01-04
time_zone: UTC
warm_up: 2d
horizon: 56d
workload:
  tickets_per_week: {weekly}
  mix:
    - {{plan: std, priority: P2, share: {p2}%}}
    - {{plan: std, priority: P3, share: {p3}%}}
work:
  - {{priority: P2, first_response: {{exponential: 10m}}, resolution: {{empirical: [0s]}}}}
  - {{priority: P3, first_response: {{exponential: 10m}}, resolution: {{empirical: [0s]}}}}
staffing:
  teams:
    - name: Desk
      agreement_team: desk
      stages: [triage, resolution]
      shifts:
        - {{name: all day, days: [mon, tue, wed, thu, fri, sat, sun], hours: "00:00-24:00", headcount: {agents}}}
dispatch: fifo
"#,
        agreement = agreement(currency, within),
        p3 = 100.0 - p2,
        agents = AGENTS,
    )
}

const AGENTS: u32 = 2;

/// The shared part of a portfolio: its period, one desk of `agents`
/// around the clock for every member, `dispatch` and what follows.
fn shared(agents: u32, dispatch: &str, rest: &str) -> String {
    format!(
        r#"start: 2027-01-04
time_zone: UTC
warm_up: 2d
horizon: 56d
staffing:
  teams:
    - name: Desk
      stages: [triage, resolution]
      shifts:
        - {{name: all day, days: [mon, tue, wed, thu, fri, sat, sun], hours: "00:00-24:00", headcount: {agents}}}
dispatch: {dispatch}
{rest}"#
    )
}

/// A folder with `files` (name, text).
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("written");
    }
    dir
}

fn config(replications: u32, seed: u64) -> RunConfig {
    RunConfig {
        replications,
        seed,
        threads: None,
    }
}

fn run_portfolio(dir: &Path, replications: u32, seed: u64) -> PortfolioRun {
    let portfolio = Portfolio::load(&dir.join("portfolio.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let compiled = portfolio.compile().unwrap_or_else(|e| panic!("{e}"));
    simulate_portfolio_with_credits(
        &portfolio,
        &compiled,
        &config(replications, seed),
        &|_| Flow::Continue,
        &CancelToken::new(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn run_scenario(path: &Path, replications: u32, seed: u64) -> SimReport {
    let scenario = Scenario::load(path).unwrap_or_else(|e| panic!("{e}"));
    let compiled = compile(&scenario).unwrap_or_else(|e| panic!("{e}"));
    pledge::sim::model::simulate(&compiled, &config(replications, seed), &|_| Flow::Continue)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn objective<'r>(report: &'r SimReport, priority: &str) -> &'r ObjectiveResult {
    report
        .objectives
        .iter()
        .find(|o| o.priority == priority && o.metric == Metric::FirstResponse)
        .unwrap_or_else(|| panic!("no first-response objective for {priority}"))
}

/// The standard error of a replication mean.
fn standard_error(std_dev: f64, replications: u32) -> f64 {
    std_dev / f64::from(replications).sqrt()
}

/// Issue 16: "a portfolio of two identical agreements equals one agreement
/// with twice the volume in distribution". Two members with the same
/// agreement and scenario at V tickets a week, pooled first come first
/// served on one desk of two agents, against the scenario at 2V on the
/// same desk (a load of 0.8): per objective each member's compliance lies
/// within four standard errors of the difference (plus 0.2 point) of the
/// single run's, and so does the desk's occupancy. Independent seeds, so
/// the bound is the sampling noise of both runs.
#[test]
fn two_identical_agreements_equal_one_at_twice_the_volume() {
    // 2 agents × 0.8 load ÷ 10 minutes = 9.6 tickets an hour.
    let double = 9.6 * 168.0;
    let dir = folder(&[
        ("a.yaml", &member("EUR", "15m", double / 2.0, 20.0)),
        ("single.yaml", &member("EUR", "15m", double, 20.0)),
        (
            "portfolio.yaml",
            &format!(
                "name: Twins\nmembers:\n  - {{id: a, scenario: a.yaml}}\n  - {{id: b, scenario: a.yaml}}\n{}",
                shared(AGENTS, "fifo", "")
            ),
        ),
    ]);
    const N: u32 = 40;
    let pair = run_portfolio(dir.path(), N, 11);
    let single = run_scenario(&dir.path().join("single.yaml"), N, 12);
    for priority in ["P2", "P3"] {
        let one = objective(&single, priority);
        for m in &pair.members {
            let part = objective(&m.report, priority);
            let bound = 4.0
                * (standard_error(part.compliance.std_dev, N).powi(2)
                    + standard_error(one.compliance.std_dev, N).powi(2))
                .sqrt()
                + 0.002;
            let gap = (part.compliance.mean - one.compliance.mean).abs();
            assert!(
                gap <= bound,
                "{} {priority}: {:.4} against {:.4} for the single agreement at twice the volume (bound {bound:.4})",
                m.id,
                part.compliance.mean,
                one.compliance.mean
            );
            // Each member brings half the single run's tickets.
            let half = one.tickets as f64 / 2.0;
            assert!(
                (part.tickets as f64 - half).abs() < 0.05 * half,
                "{} {priority}: {} tickets against half of {}",
                m.id,
                part.tickets,
                one.tickets
            );
        }
    }
    let (p, s) = (&pair.report.teams[0].occupancy, &single.teams[0].occupancy);
    let bound = 4.0
        * (standard_error(p.std_dev, N).powi(2) + standard_error(s.std_dev, N).powi(2)).sqrt()
        + 0.002;
    assert!(
        (p.mean - s.mean).abs() <= bound,
        "occupancy {:.4} against {:.4} (bound {bound:.4})",
        p.mean,
        s.mean
    );
    assert!(
        (s.mean - 0.8).abs() < 0.03,
        "the load is 0.8: {:.3}",
        s.mean
    );
}

/// A portfolio of one member is the member's scenario: the same tickets,
/// the same figures, to the last digit (one code path).
#[test]
fn a_portfolio_of_one_member_is_its_scenario() {
    let dir = folder(&[
        ("a.yaml", &member("EUR", "15m", 900.0, 20.0)),
        (
            "portfolio.yaml",
            &format!(
                "members:\n  - {{id: a, scenario: a.yaml}}\n{}",
                shared(AGENTS, "fifo", "")
            ),
        ),
    ]);
    let alone = run_scenario(&dir.path().join("a.yaml"), 4, 3);
    let within = run_portfolio(dir.path(), 4, 3);
    assert_eq!(within.members[0].report.objectives, alone.objectives);
    assert_eq!(within.report.teams, alone.teams);
    assert_eq!(within.report.tickets, alone.tickets);
    assert_eq!(
        within.report.objectives[0].member.as_deref(),
        Some("a"),
        "the whole report names each row's member"
    );
}

/// Precedence that is certain: one agent, a flood of A's tickets and a
/// few of B's. With B ahead of A, B's customers wait only for the ticket
/// in hand, so B breaches far less than A, and less than when the two
/// are pooled first come first served.
#[test]
fn precedence_serves_the_first_member_first() {
    // One agent, 10 minutes a ticket: A at 0.85, B at 0.1 of the agent.
    let a = member("EUR", "30m", 0.85 * 6.0 * 168.0, 50.0);
    let b = member("EUR", "30m", 0.10 * 6.0 * 168.0, 50.0);
    let portfolio = |dispatch: &str, precedence: &str| {
        format!(
            "members:\n  - {{id: a, scenario: a.yaml}}\n  - {{id: b, scenario: b.yaml}}\n{}",
            shared(1, dispatch, precedence)
        )
    };
    let pooled = folder(&[
        ("a.yaml", &a),
        ("b.yaml", &b),
        ("portfolio.yaml", &portfolio("fifo", "")),
    ]);
    let ranked = folder(&[
        ("a.yaml", &a),
        ("b.yaml", &b),
        ("portfolio.yaml", &portfolio("fifo", "precedence: [b, a]\n")),
    ]);
    let breaches = |run: &PortfolioRun, id: &str| {
        let m = run.members.iter().find(|m| m.id == id).expect("member");
        1.0 - objective(&m.report, "P3").compliance.mean
    };
    let pooled = run_portfolio(pooled.path(), 8, 21);
    let ranked = run_portfolio(ranked.path(), 8, 21);
    let (b_ranked, a_ranked, b_pooled) = (
        breaches(&ranked, "b"),
        breaches(&ranked, "a"),
        breaches(&pooled, "b"),
    );
    assert!(
        b_ranked < 0.2 * a_ranked,
        "B first: B breaches {b_ranked:.3}, A {a_ranked:.3}"
    );
    assert!(
        b_ranked < 0.5 * b_pooled,
        "B breaches {b_ranked:.3} first, {b_pooled:.3} pooled"
    );
}

/// Each problem of a portfolio file at its path, with its line and column.
#[test]
fn problems_of_a_portfolio_at_their_paths() {
    let a = member("EUR", "15m", 900.0, 20.0);
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "members:\n  - {id: a, scenario: a.yaml}\n  - {id: b, scenario: missing.yaml}\n",
            "",
            &["portfolio.yaml:3:", "members[1].scenario: cannot read"],
        ),
        (
            "members:\n  - {id: a, scenario: a.yaml}\n  - {id: a, scenario: a.yaml}\n",
            "",
            &[
                "portfolio.yaml:3:",
                "members[1].id:",
                "each member needs its own identifier",
            ],
        ),
        (
            "members:\n  - {id: a, scenario: a.yaml}\n",
            "precedence: [a, nobody]\n",
            &["precedence[1]: the portfolio has no member `nobody`"],
        ),
        (
            "members:\n  - {id: a, scenario: a.yaml}\n  - {id: b, scenario: bad.yaml}\n",
            "",
            &[
                "portfolio.yaml:3:",
                "members[1].scenario: ",
                "bad.yaml:",
                "workload.mix[0].plan",
            ],
        ),
        (
            "members:\n  - {id: a, scenario: refused.yaml}\n",
            "",
            &[
                "portfolio.yaml:2:",
                "members[0].scenario: ",
                "refused.yaml:",
                "error[unknown-reference]",
            ],
        ),
        (
            "members:\n  - {id: a, scenario: a.yaml}\n  - {id: b, scenario: a.yaml, volume: -5%}\n",
            "",
            &["members[1].volume: must lie above 0%"],
        ),
    ];
    // A kind of ticket of a plan the agreement does not have, and an
    // agreement that `pledge validate` refuses (a target of no plan).
    let bad = a.replace(
        "{plan: std, priority: P2, share:",
        "{plan: gold, priority: P2, share:",
    );
    let refused = a.replace(
        "{plan: std, priority: P2, hours:",
        "{plan: gold, priority: P2, hours:",
    );
    for (members, rest, expected) in cases {
        let dir = folder(&[
            ("a.yaml", &a),
            ("bad.yaml", &bad),
            ("refused.yaml", &refused),
            (
                "portfolio.yaml",
                &format!("{members}{}", shared(AGENTS, "fifo", rest)),
            ),
        ]);
        let error = Portfolio::load(&dir.path().join("portfolio.yaml"))
            .err()
            .unwrap_or_else(|| panic!("{members}{rest}: accepted"))
            .to_string();
        for e in *expected {
            assert!(
                error.contains(e),
                "{members}{rest}: expected `{e}` in:\n{error}"
            );
        }
    }
    // A team's `acts_as` names a member and one of its agreement's teams.
    let dir = folder(&[
        ("a.yaml", &a),
        (
            "portfolio.yaml",
            &format!(
                "members:\n  - {{id: a, scenario: a.yaml}}\n{}",
                shared(AGENTS, "fifo", "").replace(
                    "    - name: Desk\n",
                    "    - name: Desk\n      acts_as: {a: x, zed: desk}\n"
                )
            ),
        ),
    ]);
    let error = Portfolio::load(&dir.path().join("portfolio.yaml"))
        .expect_err("refused")
        .to_string();
    for e in [
        "staffing.teams[0].acts_as.a: no team `x` in agreement",
        "staffing.teams[0].acts_as.zed: the portfolio has no member `zed`",
        "portfolio.yaml:10:",
    ] {
        assert!(error.contains(e), "expected `{e}` in:\n{error}");
    }
}

/// Credits are summed per currency, month by month, and never across
/// currencies: two members in euros are added, the one in dollars stands
/// alone.
#[test]
fn credits_are_summed_per_currency() {
    // One agent for three members at 0.3 of it each: first responses
    // within 5 minutes fall short now and then, so credits are owed.
    let weekly = 0.3 * 6.0 * 168.0;
    let dir = folder(&[
        ("eur.yaml", &member("EUR", "5m", weekly, 20.0)),
        ("usd.yaml", &member("USD", "5m", weekly, 20.0)),
        (
            "portfolio.yaml",
            &format!(
                "members:\n  - {{id: e1, scenario: eur.yaml}}\n  - {{id: u, scenario: usd.yaml}}\n  - {{id: e2, scenario: eur.yaml}}\n{}",
                shared(1, "fifo", "")
            ),
        ),
    ]);
    let run = run_portfolio(dir.path(), 6, 4);
    let credits = &run.summary.credits;
    assert_eq!(credits.len(), 2, "{credits:?}");
    let eur = credits.iter().find(|c| c.currency == "EUR").expect("EUR");
    let usd = credits.iter().find(|c| c.currency == "USD").expect("USD");
    assert_eq!(eur.members, ["e1", "e2"]);
    assert_eq!(usd.members, ["u"]);
    let expected = |id: &str| {
        run.members
            .iter()
            .find(|m| m.id == id)
            .and_then(|m| m.credits.credits.expected)
            .expect("a fee, so credits")
            .cents()
    };
    assert!(expected("u") > 0, "the test needs credits owed");
    assert_eq!(usd.expected.cents(), expected("u"));
    // The mean of the sums is the sum of the means, to a cent of rounding.
    assert!(
        (eur.expected.cents() - expected("e1") - expected("e2")).abs() <= 1,
        "{} against {} + {}",
        eur.expected.cents(),
        expected("e1"),
        expected("e2")
    );
    let json = run.to_json().expect("JSON");
    assert_eq!(json["portfolio"]["credits"][1]["currency"], "USD");
    assert_eq!(json["members"][1]["credits"]["currency"], "USD");
}

/// Sizing a portfolio holds every member's objectives at once: the
/// recommended desk, simulated again, meets each objective of both
/// members in the share of months asked, and it needs more agent-hours
/// than either member alone on the same desk.
#[test]
fn sizing_a_portfolio_holds_both_members_objectives() {
    use pledge::sim::size::{size_portfolio, size_scenario, SizeOptions};
    // Two members of 0.9 and 1.2 agents' worth of work, first responses
    // within 20 minutes; the desk starts with one agent.
    let a = member("EUR", "20m", 0.9 * 6.0 * 168.0, 20.0).replace("headcount: 2", "headcount: 1");
    let b = member("USD", "20m", 1.2 * 6.0 * 168.0, 50.0).replace("headcount: 2", "headcount: 1");
    let dir = folder(&[
        ("a.yaml", &a),
        ("b.yaml", &b),
        (
            "portfolio.yaml",
            &format!(
                "members:\n  - {{id: a, scenario: a.yaml}}\n  - {{id: b, scenario: b.yaml}}\n{}",
                shared(1, "deadline", "")
            ),
        ),
    ]);
    let options = SizeOptions {
        confidence: 0.8,
        run: config(4, 9),
        max_evaluations: 200,
    };
    let portfolio =
        Portfolio::load(&dir.path().join("portfolio.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let sized = size_portfolio(&portfolio, &options, &mut |_| {}, &|_| Flow::Continue)
        .unwrap_or_else(|e| panic!("{e}"));
    let members: Vec<_> = sized.objectives.iter().map(|o| o.member.clone()).collect();
    assert!(members.contains(&Some("a".into())) && members.contains(&Some("b".into())));
    assert!(!sized.current_meets, "one agent cannot serve both");
    let agents = sized.shifts[0].recommended;
    // The recommended desk, simulated again with the same replications
    // and seed, meets every objective of both members.
    let mut staffing = portfolio.staffing.clone();
    staffing.teams[0].shifts[0].headcount = agents;
    let compiled = portfolio.compile_with(&staffing).expect("compiles");
    let report =
        pledge::sim::model::simulate(&compiled, &options.run, &|_| Flow::Continue).expect("runs");
    for id in ["a", "b"] {
        let mine = pledge::sim::portfolio::member_report(&report, id);
        assert!(!mine.objectives.is_empty());
        for o in &mine.objectives {
            let p = o.p_meets.expect("an objective");
            assert!(
                p >= 0.8,
                "{id} {} with {agents} agents: P(month) {p}",
                o.priority
            );
        }
    }
    // Each member alone needs fewer agents than both together.
    for file in ["a.yaml", "b.yaml"] {
        let alone = Scenario::load(&dir.path().join(file)).expect("loads");
        let own = size_scenario(&alone, &options, &mut |_| {}).expect("sized");
        assert!(
            own.shifts[0].recommended < agents,
            "{file} alone: {} agents, the portfolio {agents}",
            own.shifts[0].recommended
        );
    }
}

/// `pledge simulate` on a portfolio: per member its rows and credits, the
/// shared teams once, and the portfolio's figures, in text and JSON.
#[test]
fn the_command_line_simulates_a_portfolio() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sim/portfolio.yaml");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = fixture.display().to_string();
    let common = ["simulate", &file, "--replications", "2", "--seed", "3"];
    let out = super::run_in(&dir, &[&common[..], &["--format", "json"]].concat());
    let json = super::json_of(&out);
    assert_eq!(json["members"][0]["id"], "lumen");
    assert_eq!(json["members"][1]["id"], "small");
    assert_eq!(
        json["members"][1]["objectives"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(json["members"][0]["credits"]["currency"], "EUR");
    assert_eq!(
        json["portfolio"]["credits"][0]["members"],
        serde_json::json!(["lumen", "small"])
    );
    assert_eq!(json["teams"].as_array().map(Vec::len), Some(2));
    assert!(
        json["portfolio"]["staff"]["per_month"].is_string()
            || json["portfolio"]["staff"]["per_month"].is_number()
    );
    let out = super::run_in(&dir, &common);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for part in [
        "== member lumen:",
        "== member small:",
        "credits per month, summed per currency",
        "Niveau 2 — ingénierie",
        "objectives held",
    ] {
        assert!(text.contains(part), "`{part}` missing in:\n{text}");
    }
    assert_eq!(
        text.matches("agent-h/week").count(),
        1,
        "the teams once:\n{text}"
    );
}

/// A member scenario's text as the app's library holds it: the agreement
/// as JSON, and the scenario's fields without it.
fn library_agreement(scenario_text: &str) -> LibraryAgreement {
    let mut value: serde_json::Value = pledge::format::Document::parse(scenario_text)
        .unwrap()
        .deserialize()
        .unwrap();
    let agreement = value
        .as_object_mut()
        .and_then(|o| o.remove("agreement"))
        .unwrap();
    LibraryAgreement {
        agreement,
        scenario: Some(value),
    }
}

/// The app's portfolio (members from the library, held in memory) goes
/// through the file's reader: it simulates exactly what the same
/// portfolio written as files simulates, and a problem of what the
/// members share is found at the same path with the same words.
#[test]
fn a_library_portfolio_reads_and_runs_as_its_files_do() {
    let a = member("EUR", "15m", 300.0, 20.0);
    let b = member("USD", "30m", 200.0, 50.0);
    let dir = folder(&[
        ("a.yaml", &a),
        ("b.yaml", &b),
        (
            "portfolio.yaml",
            &format!(
                "name: Pair\nmembers:\n  - {{id: a, scenario: a.yaml}}\n  - {{id: b, scenario: b.yaml, volume: 50%}}\n{}",
                shared(AGENTS, "deadline", "precedence: [b, a]\n")
            ),
        ),
    ]);
    let agreements: BTreeMap<String, LibraryAgreement> = [
        ("acme-sla".to_owned(), library_agreement(&a)),
        ("globex-sla".to_owned(), library_agreement(&b)),
    ]
    .into_iter()
    .collect();
    let today = chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    let text = |rest: &str| {
        format!(
            "name: Pair\nmembers:\n  - {{id: a, agreement: acme-sla}}\n  - {{id: b, agreement: globex-sla, scenario: saved, volume: 50%}}\n{}",
            shared(AGENTS, "deadline", rest)
        )
    };
    let library = Portfolio::from_library(&text("precedence: [b, a]\n"), &agreements, today)
        .unwrap_or_else(|e| panic!("{e}"));
    let compiled = library.compile().unwrap();
    let from_library = simulate_portfolio_with_credits(
        &library,
        &compiled,
        &config(4, 3),
        &|_| Flow::Continue,
        &CancelToken::new(),
    )
    .unwrap();
    let from_files = run_portfolio(dir.path(), 4, 3);
    assert_eq!(from_library.report, from_files.report);
    assert_eq!(from_library.summary, from_files.summary);

    // The same problem of the shared part, at the same path in the same words.
    let refused = |e: pledge::sim::scenario::ScenarioError| {
        e.problems()
            .into_iter()
            .map(|p| format!("{}: {}", p.path, p.problem))
            .collect::<Vec<_>>()
    };
    std::fs::write(
        dir.path().join("portfolio.yaml"),
        format!(
            "name: Pair\nmembers:\n  - {{id: a, scenario: a.yaml}}\n  - {{id: b, scenario: b.yaml, volume: 50%}}\n{}",
            shared(AGENTS, "deadline", "precedence: [b, nobody]\n")
        ),
    )
    .unwrap();
    let file_error = Portfolio::load(&dir.path().join("portfolio.yaml")).unwrap_err();
    let library_error =
        Portfolio::from_library(&text("precedence: [b, nobody]\n"), &agreements, today)
            .unwrap_err();
    assert_eq!(refused(library_error), refused(file_error));

    // A member whose agreement the library does not have, at its field.
    let unknown = text("").replace("globex-sla", "initech-sla");
    let e = Portfolio::from_library(&unknown, &agreements, today).unwrap_err();
    assert_eq!(
        refused(e),
        ["members[1].agreement: the library has no agreement `initech-sla`"]
    );
    // A member scenario that does not read is the member's error, placed
    // at the member, as a file's is.
    let mut broken = agreements.clone();
    broken
        .get_mut("acme-sla")
        .unwrap()
        .scenario
        .as_mut()
        .unwrap()["workload"]["mix"][0]["plan"] = serde_json::json!("gold");
    let e = Portfolio::from_library(&text(""), &broken, today).unwrap_err();
    let message = e.to_string();
    assert!(
        message.contains("members[0].scenario: ") && message.contains("workload.mix[0].plan"),
        "{message}"
    );
}
