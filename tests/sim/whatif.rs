//! What-if (issue 15 point 4): two runs side by side, paired by common
//! random numbers.

use std::path::Path;

use pledge::model::Metric;
use pledge::sim::model::compile;
use pledge::sim::outcome::{simulate_with_credits, CreditedRun};
use pledge::sim::run::{CancelToken, Flow, Progress, RunConfig};
use pledge::sim::scenario::Scenario;
use pledge::sim::whatif::{compare, WhatIfError};

use super::scenario::mmc_scenario;

fn run(text: &str, replications: u32, seed: u64) -> CreditedRun {
    let scenario = Scenario::from_text(text, Path::new(".")).expect("valid");
    let compiled = compile(&scenario).expect("compiles");
    let config = RunConfig {
        replications,
        seed,
        threads: None,
    };
    let quiet = |_: Progress| Flow::Continue;
    simulate_with_credits(&scenario, &compiled, &config, &quiet, &CancelToken::new()).expect("runs")
}

#[test]
fn a_scenario_against_itself_differs_in_nothing() {
    // 13 agents, 100 tickets an hour of 6 minutes: a load of 10 Erlangs.
    let text = mmc_scenario(13, 100.0, 6.0, "20s");
    let (a, b) = (run(&text, 8, 3), run(&text, 8, 3));
    let w = compare(&a, &b).expect("paired");
    assert_eq!(w.objectives.len(), 1);
    let fr = &w.objectives[0];
    assert_eq!(fr.metric, Metric::FirstResponse);
    // The same numbers in every replication: exactly zero, not merely small.
    for d in [fr.compliance, fr.p_meets.expect("an objective")] {
        assert_eq!((d.difference, d.low, d.high), (0.0, 0.0, 0.0), "{d:?}");
        assert!(!d.significant);
    }
    assert_eq!(w.significant(), 0);
    assert!(w.unmatched.is_empty());
}

#[test]
fn twenty_percent_more_volume_is_a_significant_loss_and_pairing_narrows_it() {
    let base = run(&mmc_scenario(13, 100.0, 6.0, "20s"), 10, 5);
    let more = run(&mmc_scenario(13, 120.0, 6.0, "20s"), 10, 5);
    let w = compare(&base, &more).expect("paired");
    let fr = &w.objectives[0].compliance;
    assert!(fr.significant, "{fr:?}");
    assert!(
        fr.high < 0.0,
        "more tickets, fewer answered in time: {fr:?}"
    );
    // Common random numbers: ticket k of a replication has the same work
    // in both runs and arrives at the same point of the (rescaled) arrival
    // process, so the runs' replications move together and the paired
    // interval is narrower than the one that ignores the pairing (Welch's,
    // from each run's own spread). Independent streams would make them
    // about equal.
    let sd = |r: &CreditedRun| r.report.objectives[0].compliance.std_dev;
    let n = 10.0f64;
    let unpaired = (sd(&base).powi(2) / n + sd(&more).powi(2) / n).sqrt();
    let paired = (fr.high - fr.low) / 2.0 / 2.262; // t(0.975, 9)
    assert!(
        paired < 0.8 * unpaired,
        "paired standard error {paired:.5} against unpaired {unpaired:.5}"
    );
}

#[test]
fn runs_with_other_seeds_or_replications_are_not_paired() {
    let text = mmc_scenario(13, 100.0, 6.0, "20s");
    let a = run(&text, 4, 1);
    for b in [run(&text, 4, 2), run(&text, 5, 1)] {
        let e = compare(&a, &b).expect_err("not paired");
        assert!(matches!(e, WhatIfError::NotPaired { .. }), "{e}");
        assert!(e.to_string().contains("--replications"), "{e}");
    }
}
