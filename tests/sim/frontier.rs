//! The target–cost frontier (issue 15 point 3): through the core and the
//! real binary, on the small desk (first come first served, so a target
//! moves no ticket).

use std::path::Path;

use pledge::model::{Metric, Percent, TargetTime};
use pledge::sim::frontier::{frontier, with_target, Axis, FrontierSettings, TargetRef};
use pledge::sim::model::{compile, simulate};
use pledge::sim::run::{Flow, RunConfig};
use pledge::sim::scenario::Scenario;
use pledge::sim::size::{size_scenario, SizeOptions};
use serde_json::Value;

const SMALL_DESK: &str = include_str!("../fixtures/sim/small-desk.yaml");

const RUN: RunConfig = RunConfig {
    replications: 3,
    seed: 2,
    threads: None,
};

fn desk() -> Scenario {
    Scenario::from_text(SMALL_DESK, Path::new(".")).expect("the small desk reads")
}

fn first_response() -> TargetRef {
    "std/P1/first_response".parse().expect("a target")
}

fn minutes(m: i64) -> TargetTime {
    TargetTime::Elapsed(pledge::model::Duration::seconds(m * 60))
}

fn settings(axis: Axis) -> FrontierSettings {
    FrontierSettings {
        target: first_response(),
        axis,
        confidence: 0.9,
        run: RUN,
        max_evaluations: 200,
    }
}

/// The share of months meeting the first-response objective of `scenario`
/// with `headcount` agents on each of its two shifts.
fn p_meets_at(scenario: &Scenario, headcount: [u32; 2]) -> f64 {
    let mut s = scenario.clone();
    for (shift, n) in s.staffing.teams[0].shifts.iter_mut().zip(headcount) {
        shift.headcount = n;
    }
    let report = simulate(&compile(&s).unwrap(), &RUN, &|_| Flow::Continue).unwrap();
    report.objectives[0].p_meets.expect("an objective")
}

#[test]
fn a_frontier_over_target_values_is_monotone() {
    // Asked out of order: the points come back in the order asked.
    let values = [30, 2, 60, 10].map(minutes).to_vec();
    let scenario = desk();
    let mut steps = 0;
    let f = frontier(
        &scenario,
        &settings(Axis::Targets {
            values: values.clone(),
            objective: None,
        }),
        &mut |_| steps += 1,
        &|_| Flow::Continue,
    )
    .expect("a frontier");
    let asked: Vec<&str> = f.points.iter().map(|p| p.value.as_str()).collect();
    assert_eq!(asked, ["30m", "2m", "1h", "10m"]);
    assert!(steps >= f.points.len(), "progress is told of every point");
    assert_eq!(
        f.simulated,
        f.points.iter().map(|p| p.simulated).sum::<u32>()
    );
    assert!(!f.deadline_dispatch);
    assert!(f.monotone && f.notes.is_empty(), "{:?}", f.notes);

    // Why monotone, and how much noise there can be. At one staffing the
    // same tickets take the same times whatever the target (common random
    // numbers, first come first served), so a month that meets a target
    // meets every looser one: P(month) falls as the target tightens, with
    // no noise at all. Checked below on the tightest point's staffing.
    // Between points, the frontier searches a tighter value at or above
    // the looser answer on every shift, so agent-hours cannot fall; and
    // each answer holds every objective, the moved one included.
    let mut by_looseness: Vec<(i64, &pledge::sim::frontier::FrontierPoint)> = f
        .points
        .iter()
        .map(|p| (p.seconds.expect("durations"), p))
        .collect();
    by_looseness.sort_by_key(|(s, _)| std::cmp::Reverse(*s));
    let mut hours = 0.0;
    for (seconds, p) in &by_looseness {
        let h = p.agent_hours.expect("every value is reachable");
        assert!(h >= hours, "{seconds} s needs {h} agent-h, below {hours}");
        hours = h;
        assert!(p.p_meets.expect("measured") >= 0.9, "{p:?}");
        assert_eq!(p.shifts.len(), 2);
        assert_eq!(p.agents, Some(p.shifts.iter().map(|s| s.agents).sum()));
        assert!(p.problem.is_none());
    }
    // The tightest value needs more than the loosest: the frontier is not flat.
    let loosest = by_looseness[0].1;
    let tightest = by_looseness[by_looseness.len() - 1].1;
    assert!(tightest.agent_hours > loosest.agent_hours, "{f:?}");
    let staffing = [tightest.shifts[0].agents, tightest.shifts[1].agents];
    let mut last = 1.0;
    for (seconds, _) in &by_looseness {
        let moved = with_target(&scenario, 0, Metric::FirstResponse, minutes(seconds / 60));
        let p = p_meets_at(&moved, staffing);
        assert!(p <= last, "{seconds} s: {p} above the looser {last}");
        last = p;
    }

    // The loosest point is the plain sizing of that value.
    let plain = size_scenario(
        &with_target(&scenario, 0, Metric::FirstResponse, minutes(60)),
        &SizeOptions {
            confidence: 0.9,
            run: RUN,
            max_evaluations: 200,
        },
        &mut |_| {},
    )
    .expect("a sizing");
    assert_eq!(loosest.agent_hours, Some(plain.recommended_agent_hours));
    // The small desk's agreement has a fee but no credit schedule.
    assert_eq!(loosest.credits_expected.map(|m| m.cents()), Some(0));
    assert_eq!(loosest.staff_per_month, None, "the desk gives no cost");
}

#[test]
fn a_frontier_over_objective_shares_is_monotone() {
    let shares = ["99%", "70%", "90%"]
        .map(|s| s.parse::<Percent>().unwrap())
        .to_vec();
    let f = frontier(
        &desk(),
        &settings(Axis::Shares(shares)),
        &mut |_| {},
        &|_| Flow::Continue,
    )
    .expect("a frontier");
    assert_eq!(f.axis, "share");
    let hours: Vec<f64> = f.points.iter().map(|p| p.agent_hours.unwrap()).collect();
    // 99 % is the tightest, 70 % the loosest.
    assert!(hours[0] >= hours[2] && hours[2] >= hours[1], "{hours:?}");
    for p in &f.points {
        assert_eq!(p.value, p.objective.to_string());
        assert_eq!(p.seconds, Some(1800), "the agreement's 30 minutes");
    }
}

fn scenario_dir() -> tempfile::TempDir {
    super::scenario_dir(SMALL_DESK)
}

/// `pledge frontier scenario.yaml` with `args`.
fn run_in(dir: &tempfile::TempDir, args: &[&str]) -> std::process::Output {
    super::run_in(dir, &[&["frontier", "scenario.yaml"], args].concat())
}

#[test]
fn bad_targets_values_and_shares_are_named() {
    let dir = scenario_dir();
    // (arguments, exit code, what the message must say)
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["--target", "std/P9/first_response", "--values", "1h"],
            1,
            "the agreement has no priority `P9` (it has P1)",
        ),
        (
            &["--target", "gold/P1/first_response", "--values", "1h"],
            1,
            "the agreement has no plan `gold` (it has std)",
        ),
        (
            &["--target", "std/P1/phone/first_response", "--values", "1h"],
            1,
            "the agreement has no channel `phone`",
        ),
        (
            &["--target", "std/P1/resolution", "--values", "1h"],
            1,
            "the target row of std/P1/resolution has no resolution target; it has first_response",
        ),
        (
            &["--target", "std/P1/speed", "--values", "1h"],
            2,
            "the target's metric `speed` is unknown",
        ),
        (
            &["--target", "std/first_response", "--values", "1h"],
            2,
            "is not PLAN/PRIORITY/METRIC",
        ),
        (
            &["--target", "std/P1/first_response", "--values", "1h,0h"],
            2,
            "value 2 of the list, `0h`: a target must be longer than zero",
        ),
        (
            &["--target", "std/P1/first_response", "--values=-2h"],
            2,
            "value 1 of the list, `-2h`: a target must be longer than zero",
        ),
        (
            &["--target", "std/P1/first_response", "--values", "2h,soon"],
            2,
            "value 2 of the list, `soon`: `soon` is not a valid target time",
        ),
        (
            &["--target", "std/P1/first_response", "--values", "2h,1bd"],
            2,
            "mix durations and business days",
        ),
        (
            &["--target", "std/P1/first_response", "--shares", "0%,90%"],
            2,
            "share 1 of the list, `0%`: a share must be above 0% and at most 100%",
        ),
        (
            &["--target", "std/P1/first_response", "--shares", "90%,101%"],
            2,
            "share 2 of the list, `101%`: a share must be above 0% and at most 100%",
        ),
        (
            &["--target", "std/P1/first_response", "--shares", "0.9"],
            2,
            "share 1 of the list, `0.9`",
        ),
        (
            &[
                "--target",
                "std/P1/first_response",
                "--values",
                "1h",
                "--share",
                "0%",
            ],
            2,
            "a share must be above 0% and at most 100%",
        ),
        (&["--target", "std/P1/first_response"], 2, "--values"),
    ];
    for (args, code, says) in cases {
        let out = run_in(&dir, args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(*code), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn the_json_has_a_stable_shape_and_the_text_fits_100_columns() {
    let dir = scenario_dir();
    let common = [
        "--target",
        "std/P1/first_response",
        "--values",
        "20m,1h",
        "--replications",
        "2",
        "--seed",
        "3",
    ];
    let out = run_in(&dir, &[&common[..], &["--format", "json"]].concat());
    let v = super::json_of(&out);
    let keys = |v: &Value| -> Vec<String> {
        v.as_object()
            .expect("an object")
            .keys()
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(
        keys(&v),
        [
            "scenario",
            "target",
            "plan",
            "priority",
            "channel",
            "metric",
            "axis",
            "contractual",
            "contractual_objective",
            "confidence",
            "replications",
            "seed",
            "currency",
            "simulated",
            "deadline_dispatch",
            "monotone",
            "notes",
            "points"
        ]
    );
    assert_eq!(v["target"], "std/P1/first_response");
    assert_eq!(v["metric"], "first_response");
    assert_eq!(v["axis"], "target");
    assert_eq!(v["contractual"], "30m");
    assert_eq!(v["contractual_objective"], "80%");
    assert_eq!(v["currency"], "EUR");
    assert_eq!(v["replications"], 2);
    let points = v["points"].as_array().expect("points");
    assert_eq!(points.len(), 2);
    assert_eq!(
        keys(&points[0]),
        [
            "value",
            "seconds",
            "objective",
            "agents",
            "agent_hours",
            "shifts",
            "staff_per_month",
            "p_meets",
            "credits_expected",
            "credits_p95",
            "simulated",
            "from_looser",
            "problem"
        ]
    );
    assert_eq!(points[0]["value"], "20m");
    assert_eq!(points[0]["seconds"], 1200);
    assert_eq!(points[1]["value"], "1h");
    assert_eq!(keys(&points[0]["shifts"][0]), ["team", "shift", "agents"]);
    let sims: u64 = points
        .iter()
        .map(|p| p["simulated"].as_u64().unwrap())
        .sum();
    assert_eq!(v["simulated"].as_u64(), Some(sims));

    let out = run_in(&dir, &common);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("{sims} staffings simulated")),
        "{text}"
    );
    for line in text.lines() {
        assert!(line.chars().count() <= 100, "too wide: {line}");
    }
    let row = text
        .lines()
        .find(|l| l.trim_start().starts_with("20m"))
        .expect("a row for 20m");
    assert!(
        row.contains(&points[0]["agents"].to_string()),
        "{row}\n{text}"
    );
}
