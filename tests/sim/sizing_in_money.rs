//! Sizing by cost (issue 15 point 2): the staffing the search finds for a
//! goal in money is the cheapest of every staffing in a small box, found by
//! simulating each one with the same replications and seed.

use std::path::Path;

use pledge::model::Money;
use pledge::sim::model::compile;
use pledge::sim::run::{Flow, RunConfig};
use pledge::sim::scenario::Scenario;
use pledge::sim::size::{
    search, size_scenario_with, slot_plan, CreditFigures, Evaluator, Goal, ScenarioEvaluator,
    SearchConfig, SizeError, SizeOptions, SizePlan, Slot,
};

const PRICED_DESK: &str = include_str!("../fixtures/sim/priced-desk.yaml");
const SMALL_DESK: &str = include_str!("../fixtures/sim/small-desk.yaml");

const RUN: RunConfig = RunConfig {
    replications: 4,
    seed: 5,
    threads: None,
};

/// The most agents a shift gets in the box: 25 staffings with two shifts,
/// 64 with three.
fn most(slots: usize) -> u32 {
    if slots <= 2 {
        4
    } else {
        3
    }
}

fn no_observer() -> &'static (dyn Fn(pledge::sim::run::Progress) -> Flow + Sync) {
    &|_| Flow::Continue
}

/// The priced desk, with a third shift across the middle of the day when
/// `mid` (a cost between the day's and the night's).
fn priced_desk(mid: bool) -> Scenario {
    let text = if mid {
        PRICED_DESK.replace(
            "        - {name: day,",
            "        - {name: mid, days: [mon, tue, wed, thu, fri, sat, sun], hours: \"06:00-18:00\", headcount: 0, cost_per_hour: 23}\n        - {name: day,",
        )
    } else {
        PRICED_DESK.to_owned()
    };
    Scenario::from_text(&text, Path::new(".")).expect("the priced desk reads")
}

/// The scenario's slots, each between 0 and [`most`] agents, and the
/// search's start.
fn boxed(scenario: &Scenario) -> (Vec<Slot>, Vec<u32>) {
    let compiled = compile(scenario).expect("compiles");
    let plan = slot_plan(scenario, &compiled).expect("slots");
    let n = plan.slots.len();
    let slots = plan
        .slots
        .into_iter()
        .map(|s| Slot {
            min: 0,
            max: most(n),
            ..s
        })
        .collect();
    let start = plan.start.iter().map(|&s| s.min(most(n))).collect();
    (slots, start)
}

/// Every staffing of the box.
fn every_staffing(slots: usize) -> Vec<Vec<u32>> {
    let mut all = vec![Vec::new()];
    for _ in 0..slots {
        all = all
            .into_iter()
            .flat_map(|x: Vec<u32>| {
                (0..=most(slots)).map(move |n| {
                    let mut y = x.clone();
                    y.push(n);
                    y
                })
            })
            .collect();
    }
    all
}

/// A staffing of the box with its staff cost per month (from each
/// shift's cost, in cents) and its credits.
struct Simulated {
    headcount: Vec<u32>,
    staff: f64,
    credits: CreditFigures,
}

/// The brute force: every staffing of the box simulated with the same
/// replications and seed as the search.
fn every_staffing_simulated(scenario: &Scenario, slots: &[Slot]) -> Vec<Simulated> {
    let mut evaluator = ScenarioEvaluator::new(scenario, RUN, 0.9, no_observer()).with_credits();
    every_staffing(slots.len())
        .into_iter()
        .map(|x| {
            let e = evaluator.evaluate(&x).expect("simulated");
            let staff = slots
                .iter()
                .zip(&x)
                .map(|(s, &n)| s.cost_per_month.expect("a cost") * f64::from(n))
                .sum();
            Simulated {
                headcount: x,
                staff,
                credits: e.credits.expect("credits worked out"),
            }
        })
        .collect()
}

/// The least of what `goal` minimises over every staffing (staff cost,
/// plus the expected credits for the total cost), with every staffing that
/// reaches it within half a cent.
fn cheapest(every: &[Simulated], goal: Goal) -> (f64, Vec<Vec<u32>>) {
    let scored: Vec<(f64, &Vec<u32>)> = every
        .iter()
        .filter_map(|s| {
            let score = match goal {
                Goal::TotalCost => Some(s.staff + s.credits.expected.cents() as f64),
                Goal::StaffCost { credit_p95_under } => {
                    (s.credits.p95 <= credit_p95_under).then_some(s.staff)
                }
                Goal::Objectives => unreachable!("a goal in money"),
            };
            score.map(|c| (c, &s.headcount))
        })
        .collect();
    let least = scored.iter().map(|(c, _)| *c).fold(f64::INFINITY, f64::min);
    let argmin = scored
        .into_iter()
        .filter(|(c, _)| *c < least + 0.5)
        .map(|(_, x)| x.clone())
        .collect();
    (least, argmin)
}

/// Sizes `scenario` for `goal` within the box, from the Erlang C estimate,
/// and checks the answer against the brute force `every`.
fn check(scenario: &Scenario, every: &[Simulated], goal: Goal) {
    let (slots, start) = boxed(scenario);
    let (least, argmin) = cheapest(every, goal);
    assert!(
        least.is_finite(),
        "{goal:?}: no staffing of the box meets it"
    );
    let mut evaluator = ScenarioEvaluator::new(scenario, RUN, 0.9, no_observer()).with_credits();
    let config = SearchConfig {
        confidence: 0.9,
        max_evaluations: 400,
        goal,
    };
    let found = search(&mut evaluator, &slots, &start, &config, &mut |_| {}).expect("sized");
    assert!(
        (found.cost - least).abs() < 0.5 && argmin.contains(&found.headcount),
        "{goal:?} from {start:?}: the search found {:?} at {:.0} cents, the brute force {argmin:?} at {least:.0}",
        found.headcount,
        found.cost
    );
    assert!(!found.budget_exhausted);
    // The search simulated fewer staffings than the brute force.
    assert!(
        (found.evaluations as usize) < every.len(),
        "{} of {}",
        found.evaluations,
        every.len()
    );
    eprintln!(
        "{goal:?}: {:?} at {:.0} from {start:?}, {} simulated of {}",
        found.headcount,
        found.cost,
        found.evaluations,
        every.len()
    );
}

#[test]
fn goals_in_money_find_the_brute_force_optimum() {
    for mid in [false, true] {
        let scenario = priced_desk(mid);
        let (slots, _) = boxed(&scenario);
        let every = every_staffing_simulated(&scenario, &slots);
        check(&scenario, &every, Goal::TotalCost);
        // No credit in one month in twenty, then at most the first tier
        // (10 % of the 100,000 fee), then the second (25 %).
        for limit in [0, 1_000_000, 2_500_000] {
            check(
                &scenario,
                &every,
                Goal::StaffCost {
                    credit_p95_under: Money::from_cents(limit),
                },
            );
        }
    }
}

fn options() -> SizeOptions {
    SizeOptions {
        confidence: 0.9,
        run: RUN,
        max_evaluations: 400,
    }
}

fn size(
    scenario: &Scenario,
    goal: Goal,
) -> Result<pledge::sim::size::SizingReport, SizeError<pledge::sim::SimError>> {
    let plan = SizePlan {
        goal,
        ..SizePlan::default()
    };
    size_scenario_with(scenario, &options(), &plan, &mut |_| {}, no_observer())
}

#[test]
fn a_goal_in_money_names_the_shifts_without_a_cost() {
    let desk = Scenario::from_text(SMALL_DESK, Path::new(".")).expect("reads");
    for goal in [
        Goal::TotalCost,
        Goal::StaffCost {
            credit_p95_under: Money::from_cents(0),
        },
    ] {
        let err = size(&desk, goal).unwrap_err();
        assert_eq!(
            err.to_string(),
            "sizing by cost needs a cost_per_hour for every shift; none for Desk / day, Desk / night"
        );
    }
    // A cost on the team prices every shift; a shift's own cost one shift.
    let mut one = desk.clone();
    one.staffing.teams[0].shifts[0].cost_per_hour = Some(Money::from_cents(2000));
    let err = size(&one, Goal::TotalCost).unwrap_err();
    assert_eq!(
        err.to_string(),
        "sizing by cost needs a cost_per_hour for every shift; none for Desk / night"
    );
}

#[test]
fn a_credit_limit_below_zero_is_refused_before_any_simulation() {
    let err = size(
        &priced_desk(false),
        Goal::StaffCost {
            credit_p95_under: Money::from_cents(-100),
        },
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the limit on the 95th-percentile monthly credit must be zero or more, not -1.00"
    );
}

#[test]
fn the_sizing_report_prices_the_staffing_found() {
    let scenario = priced_desk(false);
    let report = size(&scenario, Goal::TotalCost).expect("sized");
    assert_eq!(report.goal, Some(Goal::TotalCost));
    assert_eq!(report.currency.as_deref(), Some("EUR"));
    let costs = report.costs_recommended.as_ref().expect("costs");
    assert_eq!(
        costs.total_expected.cents(),
        costs.staff_per_month.cents() + costs.credits_expected.cents()
    );
    assert_eq!(
        Some(costs.staff_per_month),
        report.cost_recommended.as_ref().map(|c| c.per_month)
    );
    let today = report.costs_current.as_ref().expect("today's costs");
    // Today's staffing is one of the search's starts; the staff costs are
    // rounded to the cent once summed, the search's are not.
    assert!(
        costs.total_expected.cents() <= today.total_expected.cents() + 1,
        "{costs:?} against {today:?}"
    );
}

/// `pledge size scenario.yaml` on the priced desk with the test's
/// replications and seed, then `args`.
fn size_cli(dir: &tempfile::TempDir, args: &[&str]) -> std::process::Output {
    let common = [
        "size",
        "scenario.yaml",
        "--replications",
        "4",
        "--seed",
        "5",
        "--threads",
        "1",
    ];
    super::run_in(dir, &[&common[..], args].concat())
}

#[test]
fn pledge_size_minimises_the_total_cost_and_says_so() {
    let dir = super::scenario_dir(PRICED_DESK);
    let v = super::json_of(&size_cli(
        &dir,
        &["--minimise", "total-cost", "--format", "json"],
    ));
    // The command gives what the core gives.
    let core = size(&priced_desk(false), Goal::TotalCost).expect("sized");
    assert_eq!(v["goal"], serde_json::json!({"minimise": "total-cost"}));
    assert_eq!(v["currency"], "EUR");
    let recommended: Vec<u64> = v["shifts"]
        .as_array()
        .expect("shifts")
        .iter()
        .map(|s| s["recommended"].as_u64().expect("a headcount"))
        .collect();
    let expected: Vec<u64> = core
        .shifts
        .iter()
        .map(|s| u64::from(s.recommended))
        .collect();
    assert_eq!(recommended, expected);
    let costs = &v["costs_recommended"];
    let of = |m: Money| m.cents() as f64 / 100.0;
    let core_costs = core.costs_recommended.as_ref().expect("costs");
    assert_eq!(
        costs["total_expected"].as_f64(),
        Some(of(core_costs.total_expected))
    );
    for key in [
        "staff_per_month",
        "credits_expected",
        "credits_p95",
        "total_expected",
    ] {
        assert!(costs[key].is_number(), "{key}: {costs}");
        assert!(v["costs_current"][key].is_number(), "{key}: {v}");
    }
    assert_eq!(v["evaluations"].as_u64(), Some(u64::from(core.evaluations)));
    assert!(v.get("budget_exhausted").is_none(), "{v}");
    // The table says the goal, the amounts in the currency and the count.
    let out = size_cli(&dir, &["--minimise", "total-cost"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for line in [
        "goal: the lowest total cost per month: staff cost plus expected credits",
        &format!("{} staffings simulated", core.evaluations),
        "per month, in EUR",
        "staff cost",
        "expected credits",
        "credits, 95th percentile",
        "total cost (staff + expected)",
    ] {
        assert!(text.contains(line), "{line}: {text}");
    }
    assert!(
        text.lines()
            .any(|l| l.starts_with("total cost (staff + expected)")
                && l.trim_end()
                    .ends_with(&core_costs.total_expected.to_string())),
        "{text}"
    );
}

#[test]
fn pledge_size_minimises_the_staff_cost_under_a_credit_limit() {
    let dir = super::scenario_dir(PRICED_DESK);
    let v = super::json_of(&size_cli(
        &dir,
        &[
            "--minimise",
            "staff-cost",
            "--credit-p95-under",
            "10000",
            "--format",
            "json",
        ],
    ));
    assert_eq!(
        v["goal"],
        serde_json::json!({"minimise": "staff-cost", "credit_p95_under": 10000.0})
    );
    let p95 = v["costs_recommended"]["credits_p95"].as_f64().expect("p95");
    assert!(p95 <= 10000.0, "{v}");
    let core = size(
        &priced_desk(false),
        Goal::StaffCost {
            credit_p95_under: Money::from_cents(1_000_000),
        },
    )
    .expect("sized");
    let staff = core.costs_recommended.expect("costs").staff_per_month;
    assert_eq!(
        v["costs_recommended"]["staff_per_month"].as_f64(),
        Some(staff.cents() as f64 / 100.0)
    );
    let out = size_cli(
        &dir,
        &["--minimise", "staff-cost", "--credit-p95-under", "10000"],
    );
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("goal: the lowest staff cost whose monthly credits stay at most 10000.00 EUR in 19 months of 20 (95th percentile)"),
        "{text}"
    );
}

#[test]
fn pledge_size_refuses_goals_and_limits_that_do_not_go_together() {
    let dir = super::scenario_dir(PRICED_DESK);
    // (arguments, exit code, what the message must say)
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["--credit-p95-under", "100"],
            2,
            "--credit-p95-under applies only to --minimise staff-cost, not to --minimise agents",
        ),
        (
            &["--minimise", "total-cost", "--credit-p95-under", "100"],
            2,
            "--credit-p95-under applies only to --minimise staff-cost, not to --minimise total-cost",
        ),
        (
            &["--minimise", "staff-cost"],
            2,
            "--minimise staff-cost needs --credit-p95-under AMOUNT",
        ),
        (
            &["--minimise", "staff-cost", "--credit-p95-under", "a lot"],
            2,
            "`a lot` is not a valid amount",
        ),
        (
            &["--minimise", "staff-cost", "--credit-p95-under", "inf"],
            2,
            "`inf` is not a valid amount",
        ),
        (
            &["--minimise", "staff-cost", "--credit-p95-under", "12.345"],
            2,
            "at most two decimals",
        ),
        (
            &["--minimise", "staff-cost", "--credit-p95-under=-5"],
            2,
            "-5.00 is below zero: the limit on the 95th-percentile monthly credit must be zero or more",
        ),
        (&["--minimise", "cheapest"], 2, "invalid value 'cheapest'"),
    ];
    for (args, code, says) in cases {
        let out = size_cli(&dir, args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(*code), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    // A scenario without costs: the shifts are named, exit 1.
    let dir = super::scenario_dir(SMALL_DESK);
    let out = size_cli(&dir, &["--minimise", "total-cost"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("scenario.yaml: sizing by cost needs a cost_per_hour for every shift; none for Desk / day, Desk / night"),
        "{err}"
    );
}
