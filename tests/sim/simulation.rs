//! The simulation engine against Erlang C and Erlang A, determinism across
//! thread counts, dispatch policies and cancellation.
//!
//! Statistical bounds: each figure is checked with a two-sided Student-t
//! interval at 99.9 % over the replication means (20 replications, so
//! t(0.9995, 19) = 3.883). Replication means of 50 000-odd tickets are close
//! to normal, so a correct engine fails one such check with probability
//! 0.1 %; a test making k checks has a false-alarm rate of at most k × 0.1 %
//! (union bound). The seeds are fixed, so a given build passes or fails
//! deterministically; the rate says how likely a correct engine is to meet
//! an unlucky seed. Each test also checks that its intervals are narrow
//! enough to reject a neighbouring wrong answer, so the checks have teeth.

use pledge::sim::dist::DurationDistribution;
use pledge::sim::erlang::{metrics, QueueMetrics, Traffic};
use pledge::sim::run::{Flow, Progress, RunConfig};
use pledge::sim::stats::Estimate;
use pledge::sim::steady::{
    ClassReport, Dispatch, SteadyStateModel, SteadyStateReport, TicketClass,
};
use pledge::sim::time::SimDuration;
use pledge::sim::SimError;

const CONFIDENCE: f64 = 0.999;
const REPLICATIONS: u32 = 20;

fn class(name: &str, per_hour: f64, aht: f64, patience: Option<f64>, within: f64) -> TicketClass {
    TicketClass {
        name: name.into(),
        arrivals_per_hour: per_hour,
        handle_time: DurationDistribution::Exponential {
            mean: SimDuration::from_seconds(aht),
        },
        patience: patience.map(|p| DurationDistribution::Exponential {
            mean: SimDuration::from_seconds(p),
        }),
        answer_within: SimDuration::from_seconds(within),
    }
}

fn model(
    agents: u32,
    classes: Vec<TicketClass>,
    dispatch: Dispatch,
    measured_hours: f64,
) -> SteadyStateModel {
    SteadyStateModel {
        agents,
        classes,
        dispatch,
        warm_up: SimDuration::from_hours(20.0),
        measured: SimDuration::from_hours(measured_hours),
    }
}

fn simulate(m: &SteadyStateModel, seed: u64, threads: Option<usize>) -> SteadyStateReport {
    let run = RunConfig {
        replications: REPLICATIONS,
        seed,
        threads,
    };
    m.simulate(&run, CONFIDENCE, &|_| Flow::Continue)
        .expect("the model runs")
}

fn covers(what: &str, e: &Estimate, value: f64) {
    assert!(
        e.covers(value),
        "{what}: {value} outside {:.6} ± {:.6}",
        e.mean,
        e.half_width
    );
}

/// Checks a simulated class against the analytic figures.
fn check(r: &ClassReport, a: &QueueMetrics) {
    covers(
        "probability of waiting",
        &r.probability_of_waiting,
        a.probability_of_waiting,
    );
    covers("service level", &r.service_level, a.service_level);
    covers("mean wait", &r.mean_wait, a.mean_wait.as_seconds());
    covers("abandonment", &r.abandonment, a.abandonment);
}

#[test]
fn mmc_agrees_with_erlang_c() {
    // 100 tickets an hour, 6-minute handle time, 13 agents: 10 Erlangs.
    let m = model(
        13,
        vec![class("all", 100.0, 360.0, None, 20.0)],
        Dispatch::FirstComeFirstServed,
        500.0,
    );
    let report = simulate(&m, 2026, None);
    let tr = Traffic {
        arrivals_per_hour: 100.0,
        mean_handle_time: SimDuration::from_seconds(360.0),
        mean_patience: None,
    };
    let exact = metrics(&tr, 13, SimDuration::from_seconds(20.0)).unwrap();
    check(&report.overall, &exact);
    covers("occupancy", &report.occupancy, exact.occupancy);
    // The intervals are narrow enough to tell 13 agents from 12 or 14.
    for other in [12, 14] {
        let wrong = metrics(&tr, other, SimDuration::from_seconds(20.0)).unwrap();
        assert!(
            !report
                .overall
                .probability_of_waiting
                .covers(wrong.probability_of_waiting),
            "{other} agents"
        );
        assert!(
            !report.overall.service_level.covers(wrong.service_level),
            "{other} agents"
        );
    }
}

#[test]
fn mmc_with_patience_agrees_with_erlang_a() {
    let m = model(
        9,
        vec![class("all", 100.0, 360.0, Some(300.0), 20.0)],
        Dispatch::FirstComeFirstServed,
        500.0,
    );
    let report = simulate(&m, 77, None);
    let tr = Traffic {
        arrivals_per_hour: 100.0,
        mean_handle_time: SimDuration::from_seconds(360.0),
        mean_patience: Some(SimDuration::from_seconds(300.0)),
    };
    let exact = metrics(&tr, 9, SimDuration::from_seconds(20.0)).unwrap();
    check(&report.overall, &exact);
    covers(
        "average speed of answer",
        &report.overall.average_speed_of_answer,
        exact.average_speed_of_answer.as_seconds(),
    );
    covers("occupancy", &report.occupancy, exact.occupancy);
    // Erlang C's answer for the same agents (infinitely patient customers)
    // would be far outside: the queue is overloaded without abandonment.
    assert!(report.overall.abandonment.low() > 0.05);
}

#[test]
fn every_dispatch_policy_keeps_the_erlang_c_waiting_probability() {
    // With identical exponential handle times, any work-conserving policy
    // leaves the number of tickets in the system unchanged, so the share
    // that waits is Erlang C's whatever the order of service.
    let tr = Traffic {
        arrivals_per_hour: 100.0,
        mean_handle_time: SimDuration::from_seconds(360.0),
        mean_patience: None,
    };
    let exact = metrics(&tr, 12, SimDuration::from_seconds(20.0)).unwrap();
    for dispatch in [
        Dispatch::FirstComeFirstServed,
        Dispatch::StrictPriority,
        Dispatch::EarliestDeadlineFirst,
    ] {
        let classes = vec![
            class("urgent", 30.0, 360.0, None, 10.0),
            class("normal", 70.0, 360.0, None, 300.0),
        ];
        let report = simulate(&model(12, classes, dispatch, 300.0), 5, None);
        covers(
            &format!("{dispatch:?} waiting"),
            &report.overall.probability_of_waiting,
            exact.probability_of_waiting,
        );
        covers(
            &format!("{dispatch:?} mean wait"),
            &report.overall.mean_wait,
            exact.mean_wait.as_seconds(),
        );
        let (urgent, normal) = (&report.classes[0], &report.classes[1]);
        match dispatch {
            Dispatch::FirstComeFirstServed => {
                covers(
                    "urgent wait under FCFS",
                    &urgent.mean_wait,
                    exact.mean_wait.as_seconds(),
                );
            }
            Dispatch::StrictPriority | Dispatch::EarliestDeadlineFirst => {
                assert!(
                    urgent.mean_wait.high() < exact.mean_wait.as_seconds(),
                    "{dispatch:?}"
                );
                assert!(
                    normal.mean_wait.low() > exact.mean_wait.as_seconds(),
                    "{dispatch:?}"
                );
            }
        }
    }
}

#[test]
fn same_seed_gives_the_same_results_on_one_and_two_threads() {
    let classes = vec![
        class("urgent", 40.0, 300.0, Some(200.0), 30.0),
        class("normal", 80.0, 420.0, Some(900.0), 120.0),
    ];
    let m = model(12, classes, Dispatch::EarliestDeadlineFirst, 50.0);
    let one = simulate(&m, 99, Some(1));
    let two = simulate(&m, 99, Some(2));
    assert_eq!(one, two);
    let other_seed = simulate(&m, 100, Some(2));
    assert_ne!(one, other_seed);
}

#[test]
fn high_variance_handle_times_wait_longer_than_exponential() {
    // Same mean, four times the variance (gamma with shape 1/4): the M/G/c
    // queue waits longer than M/M/c; the Allen–Cunneen approximation puts
    // the factor near (1 + 4) / 2.
    let mut heavy = class("all", 100.0, 360.0, None, 20.0);
    heavy.handle_time = DurationDistribution::Gamma {
        mean: SimDuration::from_seconds(360.0),
        shape: 0.25,
    };
    let report = simulate(
        &model(12, vec![heavy], Dispatch::FirstComeFirstServed, 300.0),
        3,
        None,
    );
    let tr = Traffic {
        arrivals_per_hour: 100.0,
        mean_handle_time: SimDuration::from_seconds(360.0),
        mean_patience: None,
    };
    let exp = metrics(&tr, 12, SimDuration::from_seconds(20.0)).unwrap();
    assert!(
        report.overall.mean_wait.low() > exp.mean_wait.as_seconds(),
        "{:?} vs {}",
        report.overall.mean_wait,
        exp.mean_wait.as_seconds()
    );
    covers("occupancy", &report.occupancy, exp.occupancy);
}

#[test]
fn an_observer_can_cancel_a_run() {
    let m = model(
        13,
        vec![class("all", 100.0, 360.0, None, 20.0)],
        Dispatch::FirstComeFirstServed,
        100.0,
    );
    let run = RunConfig {
        replications: 8,
        seed: 1,
        threads: Some(1),
    };
    let seen = std::sync::atomic::AtomicU32::new(0);
    let observer = |p: Progress| {
        seen.store(p.done, std::sync::atomic::Ordering::Relaxed);
        if p.done >= 2 {
            Flow::Cancel
        } else {
            Flow::Continue
        }
    };
    assert_eq!(m.simulate(&run, 0.95, &observer), Err(SimError::Cancelled));
    assert!(seen.load(std::sync::atomic::Ordering::Relaxed) < 8);
}

#[test]
fn invalid_models_name_the_field() {
    let mut m = model(
        0,
        vec![class("all", 100.0, 360.0, None, 20.0)],
        Dispatch::FirstComeFirstServed,
        10.0,
    );
    assert!(
        matches!(m.prepare(), Err(SimError::InvalidParameter { path, .. }) if path == "agents")
    );
    m.agents = 3;
    m.classes[0].handle_time = DurationDistribution::LogNormal {
        mean: SimDuration::from_seconds(100.0),
        p90: SimDuration::from_seconds(900.0),
    };
    assert!(
        matches!(m.prepare(), Err(SimError::InvalidParameter { path, .. }) if path == "classes[0].handle_time")
    );
}
