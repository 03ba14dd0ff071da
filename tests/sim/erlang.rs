//! Erlang B, C and A against values derived independently, and the
//! required-agents search against a brute-force scan.
// Reference values are quoted with all the digits the 50-digit computation
// gave, so that a reader can match them to it; f64 rounds the tail.
#![allow(clippy::excessive_precision)]

use pledge::sim::erlang::{
    erlang_b, erlang_c, metrics, required_agents, ErlangError, QueueMetrics, ServiceGoal, Traffic,
};
use pledge::sim::time::SimDuration;

fn traffic(arrivals_per_hour: f64, aht_seconds: f64, patience_seconds: Option<f64>) -> Traffic {
    Traffic {
        arrivals_per_hour,
        mean_handle_time: SimDuration::from_seconds(aht_seconds),
        mean_patience: patience_seconds.map(SimDuration::from_seconds),
    }
}

/// Expected figures; `None` skips a figure.
struct Expect {
    waiting: f64,
    service_level: f64,
    asa: f64,
    mean_wait: f64,
    abandonment: f64,
}

fn check(m: &QueueMetrics, e: &Expect, tol: f64) {
    let pairs = [
        (
            "probability of waiting",
            m.probability_of_waiting,
            e.waiting,
        ),
        ("service level", m.service_level, e.service_level),
        ("ASA", m.average_speed_of_answer.as_seconds(), e.asa),
        ("mean wait", m.mean_wait.as_seconds(), e.mean_wait),
        ("abandonment", m.abandonment, e.abandonment),
    ];
    for (what, got, want) in pairs {
        assert!(
            (got - want).abs() <= tol * want.abs().max(1.0),
            "{what}: got {got}, want {want}"
        );
    }
}

// Reference values below were computed with mpmath (tests/sim/reference_values.py) from the
// textbook formulas with factorials (Erlang C) and, for Erlang A, from the
// birth–death chain solved directly with each waiting customer's fate taken
// from the matrix exponential of its own absorbing Markov chain — a method
// that shares nothing with the incomplete-beta recursion of the library.

#[test]
fn erlang_c_matches_the_factorial_formula() {
    let m = metrics(
        &traffic(100.0, 360.0, None),
        13,
        SimDuration::from_seconds(20.0),
    )
    .unwrap();
    let asa = 34.232_454_364_379_152;
    check(
        &m,
        &Expect {
            waiting: 0.285_270_453_036_492_94,
            service_level: 0.758_523_774_853_342_54,
            asa,
            mean_wait: asa,
            abandonment: 0.0,
        },
        1e-12,
    );
    assert!((m.occupancy - 10.0 / 13.0).abs() < 1e-15);
    // A single server: C = ρ.
    let m = metrics(
        &traffic(50.0, 60.0, None),
        1,
        SimDuration::from_seconds(30.0),
    )
    .unwrap();
    check(
        &m,
        &Expect {
            waiting: 0.833_333_333_333_333_33,
            service_level: 0.233_296_321_142_230_63,
            asa: 300.0,
            mean_wait: 300.0,
            abandonment: 0.0,
        },
        1e-12,
    );
}

#[test]
fn erlang_c_is_exact_with_two_thousand_agents() {
    let m = metrics(
        &traffic(19_500.0, 360.0, None),
        2000,
        SimDuration::from_seconds(20.0),
    )
    .unwrap();
    let asa = 1.286_460_491_275_693_5;
    check(
        &m,
        &Expect {
            waiting: 0.178_675_068_232_735_21,
            service_level: 0.988_890_605_327_874_07,
            asa,
            mean_wait: asa,
            abandonment: 0.0,
        },
        1e-10,
    );
}

#[test]
fn erlang_a_matches_the_chain_solved_directly() {
    let m = metrics(
        &traffic(30.0, 300.0, Some(120.0)),
        3,
        SimDuration::from_seconds(20.0),
    )
    .unwrap();
    check(
        &m,
        &Expect {
            waiting: 0.391_697_501_615_564_17,
            service_level: 0.651_463_879_645_073_97,
            asa: 15.620_377_324_139_228,
            mean_wait: 25.031_476_850_911_507,
            abandonment: 0.208_595_640_424_262_56,
        },
        1e-10,
    );
}

#[test]
fn erlang_a_with_patience_equal_to_handle_time_is_an_infinite_server_queue() {
    // With θ = μ every customer in the system leaves at rate μ, so the count
    // is Poisson(a): P(wait) = P(N ≥ n) and abandonment = E[(N-n)+]/a.
    let m = metrics(
        &traffic(100.0, 360.0, Some(360.0)),
        8,
        SimDuration::from_seconds(20.0),
    )
    .unwrap();
    assert!((m.probability_of_waiting - 0.779_779_353_398_301_06).abs() < 1e-12);
    assert!((m.abandonment - 0.246_035_096_398_876_19).abs() < 1e-12);
}

#[test]
fn erlang_a_tends_to_erlang_c_as_patience_grows() {
    let t = SimDuration::from_seconds(20.0);
    let c = metrics(&traffic(100.0, 360.0, None), 13, t).unwrap();
    let a = metrics(&traffic(100.0, 360.0, Some(1e9)), 13, t).unwrap();
    for (x, y) in [
        (a.probability_of_waiting, c.probability_of_waiting),
        (a.service_level, c.service_level),
        (
            a.average_speed_of_answer.as_seconds() / 100.0,
            c.average_speed_of_answer.as_seconds() / 100.0,
        ),
    ] {
        assert!((x - y).abs() < 1e-5, "{x} vs {y}");
    }
    assert!(a.abandonment < 1e-7);
}

#[test]
fn erlang_a_is_internally_consistent() {
    // Answered + abandoned = all; the service level at a long threshold
    // approaches the answered share; at zero it is the share not waiting.
    let tr = traffic(600.0, 300.0, Some(90.0));
    for agents in [20, 45, 50, 60] {
        let long = metrics(&tr, agents, SimDuration::from_hours(100.0)).unwrap();
        assert!(
            (long.service_level - (1.0 - long.abandonment)).abs() < 1e-9,
            "{agents}: {long:?}"
        );
        let zero = metrics(&tr, agents, SimDuration::ZERO).unwrap();
        assert!((zero.service_level - (1.0 - zero.probability_of_waiting)).abs() < 1e-12);
    }
}

#[test]
fn erlang_b_survives_large_systems() {
    let b = erlang_b(10_000, 9_800.0);
    assert!(b > 0.0 && b < 0.05, "{b}");
    assert_eq!(erlang_c(10, 10.0), 1.0);
}

fn brute_force(tr: &Traffic, goal: &ServiceGoal, up_to: u32) -> Option<u32> {
    (1..=up_to).find(|&n| match metrics(tr, n, goal.answer_within) {
        Ok(m) => {
            m.service_level >= goal.service_level
                && goal.max_occupancy.is_none_or(|cap| m.occupancy <= cap)
        }
        Err(_) => false,
    })
}

#[test]
fn required_agents_is_the_true_minimum() {
    let goals = [
        (0.8, 20.0, 0.0, None),
        (0.9, 60.0, 0.3, None),
        (0.5, 0.0, 0.0, None),
        (0.8, 20.0, 0.35, Some(0.85)),
        (0.95, 30.0, 0.1, Some(0.7)),
    ];
    let traffics = [
        traffic(100.0, 360.0, None),
        traffic(3.0, 600.0, None),
        traffic(1500.0, 240.0, None),
        traffic(100.0, 360.0, Some(300.0)),
        traffic(400.0, 300.0, Some(60.0)),
    ];
    for tr in &traffics {
        for &(sl, t, shrink, cap) in &goals {
            let goal = ServiceGoal {
                service_level: sl,
                answer_within: SimDuration::from_seconds(t),
                shrinkage: shrink,
                max_occupancy: cap,
            };
            let staffing = required_agents(tr, &goal).unwrap();
            let scan = brute_force(tr, &goal, 500).expect("the scan finds a headcount");
            assert_eq!(staffing.agents, scan, "{tr:?} {goal:?}");
            let expected_scheduled = (scan as f64 / (1.0 - shrink) - 1e-9).ceil() as u32;
            assert_eq!(staffing.scheduled_agents, expected_scheduled);
        }
    }
}

#[test]
fn required_agents_for_a_thousand_erlangs() {
    let tr = traffic(10_000.0, 360.0, None);
    let goal = ServiceGoal {
        service_level: 0.8,
        answer_within: SimDuration::from_seconds(20.0),
        shrinkage: 0.0,
        max_occupancy: None,
    };
    let s = required_agents(&tr, &goal).unwrap();
    assert!(s.metrics.service_level >= 0.8);
    let below = metrics(&tr, s.agents - 1, goal.answer_within).unwrap();
    assert!(
        below.service_level < 0.8,
        "{} agents already suffice",
        s.agents - 1
    );
}

#[test]
fn shrinkage_rounds_up_only_when_needed() {
    let goal = ServiceGoal {
        service_level: 0.8,
        answer_within: SimDuration::ZERO,
        shrinkage: 0.3,
        max_occupancy: None,
    };
    assert_eq!(goal.scheduled_agents(7), 10);
    assert_eq!(goal.scheduled_agents(8), 12);
}

#[test]
fn unusable_inputs_are_typed_errors() {
    let t = SimDuration::from_seconds(20.0);
    assert!(matches!(
        metrics(&traffic(100.0, 360.0, None), 9, t),
        Err(ErlangError::Unstable { min: 11, .. })
    ));
    assert!(matches!(
        metrics(&traffic(-1.0, 360.0, None), 9, t),
        Err(ErlangError::NotPositive { .. })
    ));
    assert!(matches!(
        metrics(&traffic(10.0, 0.0, None), 9, t),
        Err(ErlangError::NotPositive { .. })
    ));
    let goal = ServiceGoal {
        service_level: 1.0,
        answer_within: t,
        shrinkage: 0.0,
        max_occupancy: None,
    };
    assert!(matches!(
        required_agents(&traffic(100.0, 360.0, None), &goal),
        Err(ErlangError::OutOfRange { .. })
    ));
}

#[test]
fn the_warm_up_follows_the_load_up_to_its_cap() {
    use pledge::sim::steady::WarmUp;
    let h = SimDuration::from_hours;
    // Light load: a tenth of the run.
    let w = WarmUp::for_load(h(100.0), Some(h(0.5)));
    assert_eq!((w.warm_up, w.capped), (h(10.0), false));
    // Heavy load: five relaxation times.
    let w = WarmUp::for_load(h(100.0), Some(h(40.0)));
    assert_eq!((w.warm_up, w.capped), (h(200.0), false));
    // Beyond fifty runs: held there, and said.
    let w = WarmUp::for_load(h(10.0), Some(h(1_000.0)));
    assert_eq!((w.warm_up, w.capped), (h(500.0), true));
    // A line that never settles keeps the tenth.
    assert_eq!(WarmUp::for_load(h(10.0), None).warm_up, h(1.0));
}
