//! A scenario calibrated from a ticket history, and its back-test (issue
//! 13 point 4). Histories are generated with known parameters, exported
//! and imported for real; every bound is computed from the sample sizes.

use std::path::Path;
use std::sync::OnceLock;

use pledge::history::calibrate::{
    backtest, calibrate, CalibrateOptions, Calibration, CalibrationError,
};
use pledge::history::fit::{fit, Family};
use pledge::history::generate::{write_export, TrueParameters};
use pledge::history::{Format, Values};
use pledge::model::{Agreement, Metric};
use pledge::sim::run::{CancelToken, Flow, RunConfig};
use pledge::sim::scenario::Scenario;
use pledge::sim::special::{normal_quantile, student_t_quantile};
use pledge::store::Store;
use rand::SeedableRng;
use rand_distr::Distribution;

use super::{fresh, import_with, name};

/// The generator's plans, priorities and channels; a business calendar in
/// UTC open on weekdays from 08:00 to 18:00, when the generator's four
/// agents work. Every plan × priority has a row; the resolution clock
/// pauses while the ticket waits on the customer.
const AGREEMENT: &str = r#"
pledge: 1
meta:
  title: Generated Desk Agreement
  reference: SLA-GEN-1
  version_label: "1.0"
  language: en
  currency: EUR
  monthly_fee: 1000
  effective_date: 2026-01-01
  term: {initial_months: 12}
  governing_law: French law
  shape: customer_based
parties:
  provider: {legal_name: Provider SAS}
  customer: {legal_name: Customer SA}
services:
  - {id: app, name: Hosted application}
calendars:
  - id: office
    time_zone: UTC
    hours: {mon: [08:00-18:00], tue: [08:00-18:00], wed: [08:00-18:00], thu: [08:00-18:00], fri: [08:00-18:00]}
plans:
  - {id: premium, name: Premium, calendar: office}
  - {id: standard, name: Standard, calendar: office}
  - {id: basic, name: Basic, calendar: office}
channels:
  - {id: email, kind: email, name: E-mail, contact: support@example.com}
  - {id: web, kind: portal, name: Portal, contact: https://help.example.com}
  - {id: chat, kind: chat, name: Chat, contact: https://chat.example.com}
  - {id: phone, kind: phone, name: Phone, contact: "+33 1 23 45 67 89"}
priorities:
  - {id: urgent, name: Urgent, definition: The service is down.}
  - {id: high, name: High, definition: The service is degraded.}
  - {id: normal, name: Normal, definition: A question or a minor fault.}
  - {id: low, name: Low, definition: A request.}
targets:
  - {plan: premium, priority: urgent, objective: 95%, pause_when_pending: true, first_response: {within: 30m}, resolution: {within: 8h}}
  - {plan: premium, priority: high, objective: 95%, pause_when_pending: true, first_response: {within: 1h}, resolution: {within: 16h}}
  - {plan: premium, priority: normal, objective: 90%, pause_when_pending: true, first_response: {within: 2h}, resolution: {within: 24h}}
  - {plan: premium, priority: low, objective: 90%, pause_when_pending: true, first_response: {within: 4h}, resolution: {within: 40h}}
  - {plan: standard, priority: urgent, objective: 95%, pause_when_pending: true, first_response: {within: 1h}, resolution: {within: 16h}}
  - {plan: standard, priority: high, objective: 90%, pause_when_pending: true, first_response: {within: 2h}, resolution: {within: 24h}}
  - {plan: standard, priority: normal, objective: 90%, pause_when_pending: true, first_response: {within: 4h}, resolution: {within: 40h}}
  - {plan: standard, priority: low, objective: 85%, pause_when_pending: true, first_response: {within: 8h}, resolution: {within: 80h}}
  - {plan: basic, priority: urgent, objective: 90%, pause_when_pending: true, first_response: {within: 2h}, resolution: {within: 24h}}
  - {plan: basic, priority: high, objective: 90%, pause_when_pending: true, first_response: {within: 4h}, resolution: {within: 40h}}
  - {plan: basic, priority: normal, objective: 85%, pause_when_pending: true, first_response: {within: 8h}, resolution: {within: 80h}}
  - {plan: basic, priority: low, objective: 80%, pause_when_pending: true, first_response: {within: 16h}, resolution: {within: 120h}}
"#;

/// The generator's staffing in the engine's terms. Its first replies come
/// from agents on shift (four on weekdays 08:00–18:00, one 18:00–22:00)
/// taking tickets first come, first served: the triage team. Its
/// resolution is elapsed time after the first reply that no agent is
/// waited for: a resolution team large enough never to queue.
const STAFFING: &str = r#"
name: The generator's staffing
agreement: agreement.yaml
start: 2026-01-05
time_zone: UTC
warm_up: 0m
horizon: 7d
workload:
  tickets_per_week: 100
  mix: [{plan: standard, priority: normal, share: 100%}]
work:
  - {priority: normal, first_response: {exponential: 12m}, resolution: {exponential: 4h}}
staffing:
  teams:
    - name: Tier 1
      stages: [triage]
      shifts:
        - {name: day, days: [mon, tue, wed, thu, fri], hours: "08:00-18:00", headcount: 4}
        - {name: evening, days: [mon, tue, wed, thu, fri], hours: "18:00-22:00", headcount: 1}
    - name: Elapsed resolution
      stages: [resolution]
      shifts:
        - {name: always, days: [mon, tue, wed, thu, fri, sat, sun], hours: "00:00-00:00+1", headcount: 2000}
dispatch: fifo
"#;

fn agreement() -> Agreement {
    let report = pledge::check::check_text(AGREEMENT);
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    report.agreement.expect("the agreement reads")
}

/// Organisations read as the agreement's plans.
fn values(params: &TrueParameters) -> Values {
    let mut v = Values::default();
    for o in &params.organisations {
        v.plan.insert(o.name.clone(), o.plan.clone());
    }
    v
}

/// A generated history exported as Pledge's CSV with its status log and
/// imported into a fresh library.
fn imported(params: &TrueParameters, seed: u64) -> (tempfile::TempDir, Store) {
    let (dir, mut store) = fresh();
    let tickets = dir.path().join("tickets.csv");
    let log = dir.path().join("status-log.csv");
    let mut log_file = std::fs::File::create(&log).unwrap();
    write_export(
        Format::Csv,
        params,
        seed,
        std::fs::File::create(&tickets).unwrap(),
        Some(&mut log_file),
    )
    .unwrap();
    drop(log_file);
    let report = import_with(&mut store, "generated", &tickets, |o| {
        o.status_log = Some(log.clone())
    });
    assert!(report.stopped.is_none());
    (dir, store)
}

const WEEKS: u32 = 8;
const PER_WEEK: f64 = 1000.0;
const SEED: u64 = 11;

/// The realistic history's calibration, computed once for the tests that
/// read it (the back-test makes its own with the generator's staffing).
fn realistic() -> &'static (TrueParameters, Calibration) {
    static ONCE: OnceLock<(TrueParameters, Calibration)> = OnceLock::new();
    ONCE.get_or_init(|| {
        let params = TrueParameters::realistic(WEEKS, PER_WEEK);
        let (_dir, store) = imported(&params, SEED);
        let options = CalibrateOptions {
            values: values(&params),
            ..CalibrateOptions::default()
        };
        let c = calibrate(&store, &name("generated"), &agreement(), &options)
            .expect("the history calibrates");
        (params, c)
    })
}

/// The upper `alpha` critical value of chi-square with `k` degrees of
/// freedom (Wilson–Hilferty; within a fraction of a percent at k ≈ 170).
fn chi_square_critical(k: f64, alpha: f64) -> f64 {
    let z = normal_quantile(1.0 - alpha);
    let a = 2.0 / (9.0 * k);
    k * (1.0 - a + z * a.sqrt()).powi(3)
}

fn check_shape(params: &TrueParameters, c: &Calibration) {
    let n: u64 = c.arrivals.counts.iter().sum();
    assert_eq!(n, c.tickets.placed);
    // Expected counts under the true shape given the total: each hour's
    // true rate times how often it occurs in the calibrated period, scaled
    // to the tickets observed. The observed counts are the calibration's
    // weights times the occurrences (its weights are rounded to 1/1000 of
    // a ticket: the counts are taken back from them).
    let expected = |rates: &dyn Fn(usize) -> f64| -> Vec<f64> {
        let raw: Vec<f64> = (0..168)
            .map(|h| rates(h) * f64::from(c.arrivals.occurrences[h]))
            .collect();
        let total: f64 = raw.iter().sum();
        raw.iter().map(|r| r * n as f64 / total).collect()
    };
    let chi2 = |e: &[f64]| -> f64 {
        (0..168)
            .map(|h| {
                let observed = c.arrivals.per_hour[h] * f64::from(c.arrivals.occurrences[h]);
                (observed - e[h]).powi(2) / e[h]
            })
            .sum()
    };
    // 168 cells, the total fixed: 167 degrees of freedom; 0.1 % level.
    let critical = chi_square_critical(167.0, 0.001);
    let truth = chi2(&expected(&|h| params.arrival_rate(h)));
    assert!(truth < critical, "chi² {truth:.1} ≥ {critical:.1}");
    // The test can fail: a flat week is far outside.
    let flat = chi2(&expected(&|_| 1.0));
    assert!(flat > critical * 10.0, "flat chi² {flat:.1}");
    // Every hour of the week occurs the same number of times ±1.
    let (lo, hi) = (
        c.arrivals.occurrences.iter().min().unwrap(),
        c.arrivals.occurrences.iter().max().unwrap(),
    );
    assert!(hi - lo <= 1, "{lo}..{hi}");
}

#[test]
fn the_volume_is_recovered_and_no_trend_is_invented() {
    let (_, c) = realistic();
    // Poisson: the count over W weeks has standard deviation √(λW); the
    // realistic shape's weekly rate is `PER_WEEK` exactly.
    let weeks = (c.period_to - c.period_from).num_seconds() as f64 / (7.0 * 86_400.0);
    let bound = normal_quantile(0.9995) * (PER_WEEK * weeks).sqrt() / weeks;
    assert!(
        (c.volume.tickets_per_week - PER_WEEK).abs() <= bound,
        "{} vs {PER_WEEK} ± {bound:.1}",
        c.volume.tickets_per_week
    );
    let trend = c.volume.trend.as_ref().expect("seven whole weeks");
    assert_eq!(trend.weeks, c.volume.weekly.len());
    // The generator has no trend: the slope lies within its own t bound at
    // 0.1 % (the calibration tests at 5 %).
    let t = student_t_quantile(0.9995, trend.weeks as f64 - 2.0);
    assert!(trend.t.abs() <= t, "{trend:?}");
    if !trend.significant {
        assert_eq!(c.volume.growth_per_month, None);
        assert_eq!(c.spec.workload.growth_per_month, None);
    }
}

fn check_mix(params: &TrueParameters, c: &Calibration) {
    let n = c.tickets.placed as f64;
    let weight = |list: &[(String, f64)], id: &str| {
        let total: f64 = list.iter().map(|x| x.1).sum();
        list.iter().find(|x| x.0 == id).map_or(0.0, |x| x.1 / total)
    };
    let org_total: f64 = params.organisations.iter().map(|o| o.weight).sum();
    let plan_share = |plan: &str| {
        params
            .organisations
            .iter()
            .filter(|o| o.plan == plan)
            .map(|o| o.weight)
            .sum::<f64>()
            / org_total
    };
    // 3 plans × 4 priorities × 4 channels; Bonferroni over the 48 cells at
    // a family level of 0.1 %.
    let z = normal_quantile(1.0 - 0.001 / (2.0 * 48.0));
    let mut cells = 0;
    for plan in ["premium", "standard", "basic"] {
        for (priority, _) in &params.priorities {
            for (channel, _) in &params.channels {
                let p = plan_share(plan)
                    * weight(&params.priorities, priority)
                    * weight(&params.channels, channel);
                let found = c
                    .mix
                    .iter()
                    .find(|m| {
                        m.plan == plan
                            && &m.priority == priority
                            && m.channel.as_deref() == Some(channel)
                    })
                    .map_or(0.0, |m| m.share);
                let bound = z * (p * (1.0 - p) / n).sqrt();
                assert!(
                    (found - p).abs() <= bound,
                    "{plan} {priority} {channel}: {found:.4} vs {p:.4} ± {bound:.4}"
                );
                cells += 1;
            }
        }
    }
    assert_eq!(cells, c.mix.len());
    // The scenario's shares add up to exactly 100 % (in millionths).
    let total: i64 = c
        .spec
        .workload
        .mix
        .iter()
        .map(|m| (m.share.value() * 1e6).round() as i64)
        .sum();
    assert_eq!(total, 100_000_000);
}

fn check_work(params: &TrueParameters, c: &Calibration) {
    let z = normal_quantile(0.9995);
    let mut touch_checked = 0;
    for w in &c.work {
        // Resolution: handle time from first reply to resolution, waits
        // left out, is log-normal with median `handle_median_minutes` and
        // σ `handle_sigma`. The maximum-likelihood μ has standard error
        // σ/√n, σ about σ/√(2n).
        let res = w.resolution.fit.as_ref().expect("resolutions fitted");
        let ln = res.family(Family::Lognormal).expect("a log-normal fit");
        let n = res.n as f64;
        let (mu, sigma) = (
            (params.handle_median_minutes * 60.0).ln(),
            params.handle_sigma,
        );
        let (got_mu, got_sigma) = (ln.mu.unwrap(), ln.sigma.unwrap());
        assert!(
            (got_mu - mu).abs() <= z * sigma / n.sqrt(),
            "{}: μ {got_mu:.4} vs {mu:.4} (n {n})",
            w.priority
        );
        assert!(
            (got_sigma - sigma).abs() <= z * sigma / (2.0 * n).sqrt(),
            "{}: σ {got_sigma:.4} vs {sigma:.4}",
            w.priority
        );
        // A wrong family is not chosen on a clearly log-normal sample.
        if res.n >= 200 {
            assert_eq!(res.chosen, Family::Lognormal, "{}", w.priority);
            assert!(ln.ks <= res.ks_critical, "{}: KS {}", w.priority, ln.ks);
        }
        // Waits on the customer: one per resolved ticket with probability
        // `pending_share` (binomial), exponential lengths (standard error
        // of the mean: mean/√n).
        let share = params.pending_share;
        let r = w.resolved as f64;
        assert!(
            (w.back_and_forths - share).abs() <= z * (share * (1.0 - share) / r).sqrt() + 0.0005,
            "{}: {} waits per ticket",
            w.priority,
            w.back_and_forths
        );
        let pending = w
            .pending
            .as_ref()
            .and_then(|p| p.fit.as_ref())
            .expect("waits fitted");
        let exp = pending.family(Family::Exponential).expect("exponential");
        let mean = params.pending_mean_minutes * 60.0;
        assert!(
            (exp.mean - mean).abs() <= z * mean / (pending.n as f64).sqrt() + 30.0,
            "{}: wait {:.0}s vs {mean}s",
            w.priority,
            exp.mean
        );
        // First-response agent time: the delays of tickets that met no
        // queue are the generator's exponential first-touch times. Those
        // are drawn in whole minutes of at least one, which moves the
        // mean by less than half a minute; the sampling error is
        // mean/√n.
        let touch = w.first_response.fit.as_ref().expect("first touches fitted");
        assert!(
            w.first_response.from.contains("met no queue"),
            "{}",
            w.first_response.from
        );
        let exp = touch.family(Family::Exponential).expect("exponential");
        let mean = params.first_touch_minutes * 60.0;
        assert!(
            (exp.mean - mean).abs() <= z * mean / (touch.n as f64).sqrt() + 30.0,
            "{}: touch {:.0}s vs {mean}s over {}",
            w.priority,
            exp.mean,
            touch.n
        );
        touch_checked += 1;
        // The first-reply delay with queueing is longer than the agent
        // time: what the calibration does not take as work.
        let delay = w.first_reply_delay.as_ref().expect("delays");
        assert!(delay.sample_mean > 2.0 * touch.sample_mean);
    }
    assert_eq!(touch_checked, 4);
}

#[test]
fn the_realistic_history_is_recovered_within_statistical_bounds() {
    let (params, c) = realistic();
    check_shape(params, c);
    check_mix(params, c);
    check_work(params, c);
}

/// A variant of the realistic desk: an afternoon-heavy week with no empty
/// hour, other priority and channel weights, shorter and less variable
/// handle times, more and shorter waits on the customer, a quicker first
/// touch and six agents in the day.
fn variant() -> TrueParameters {
    let mut p = TrueParameters::realistic(WEEKS, 800.0);
    for (h, w) in p.hour_of_week.iter_mut().enumerate() {
        let (day, hour) = (h / 24, h % 24);
        *w = match (day < 5, hour) {
            (true, 13..=17) => 12.0,
            (true, 8..=12) => 5.0,
            (true, _) => 1.0,
            (false, _) => 0.5,
        };
    }
    for (h, a) in p.staffing.iter_mut().enumerate() {
        if *a == 4 && h % 24 >= 8 && h % 24 < 18 {
            *a = 6;
        }
    }
    p.priorities = vec![
        ("urgent".into(), 0.1),
        ("high".into(), 0.3),
        ("normal".into(), 0.4),
        ("low".into(), 0.2),
    ];
    p.channels = vec![
        ("email".into(), 0.25),
        ("web".into(), 0.25),
        ("chat".into(), 0.25),
        ("phone".into(), 0.25),
    ];
    p.first_touch_minutes = 6.0;
    p.handle_median_minutes = 90.0;
    p.handle_sigma = 0.6;
    p.pending_share = 0.5;
    p.pending_mean_minutes = 240.0;
    p
}

fn variant_calibrated() -> &'static (TrueParameters, Calibration) {
    static ONCE: OnceLock<(TrueParameters, Calibration)> = OnceLock::new();
    ONCE.get_or_init(|| {
        let params = variant();
        let (_dir, store) = imported(&params, 23);
        let options = CalibrateOptions {
            values: values(&params),
            ..CalibrateOptions::default()
        };
        let c = calibrate(&store, &name("generated"), &agreement(), &options).expect("calibrates");
        (params, c)
    })
}

#[test]
fn a_variant_history_is_recovered_within_statistical_bounds() {
    let (params, c) = variant_calibrated();
    check_shape(params, c);
    check_mix(params, c);
    check_work(params, c);
}

#[test]
fn the_bounds_reject_the_other_histories_truth() {
    // Each check, given the other history's true parameters, fails: the
    // bounds are tight enough to tell the two apart.
    let (realistic_params, realistic) = realistic();
    let (variant_params, variant) = variant_calibrated();
    type Check = fn(&TrueParameters, &Calibration);
    for (what, check) in [
        ("shape", check_shape as Check),
        ("mix", check_mix as Check),
        ("work", check_work as Check),
    ] {
        for (params, c) in [(variant_params, realistic), (realistic_params, variant)] {
            let outcome = std::panic::catch_unwind(|| check(params, c));
            assert!(outcome.is_err(), "{what}: the other truth passed");
        }
    }
}

#[test]
fn a_log_normal_sample_is_fitted_log_normal_and_a_gamma_one_gamma() {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
    let lognormal = rand_distr::LogNormal::new(8.0, 0.8).unwrap();
    let x: Vec<f64> = (0..2000).map(|_| lognormal.sample(&mut rng)).collect();
    let f = fit(&x).expect("a fit");
    assert_eq!(f.chosen, Family::Lognormal);
    let ln = f.family(Family::Lognormal).unwrap();
    // μ and σ within 3.3 standard errors (σ/√n, σ/√(2n)).
    assert!((ln.mu.unwrap() - 8.0).abs() <= 3.3 * 0.8 / 2000f64.sqrt());
    assert!((ln.sigma.unwrap() - 0.8).abs() <= 3.3 * 0.8 / 4000f64.sqrt());
    assert!(ln.ks <= f.ks_critical);
    // The others are worse, and their KS says so.
    for other in [Family::Exponential, Family::Gamma] {
        let o = f.family(other).unwrap();
        assert!(o.aic > ln.aic + 10.0, "{other:?}");
    }
    assert!(f.family(Family::Exponential).unwrap().ks > f.ks_critical);
    let gamma = rand_distr::Gamma::new(3.0, 600.0).unwrap();
    let y: Vec<f64> = (0..2000).map(|_| gamma.sample(&mut rng)).collect();
    let g = fit(&y).expect("a fit");
    assert_eq!(g.chosen, Family::Gamma);
    let shape = g.family(Family::Gamma).unwrap().shape.unwrap();
    // The shape's standard error is about √(k / (n (k ψ′(k) − 1))) ≈ 0.09
    // for k = 3, n = 2000.
    assert!((shape - 3.0).abs() < 0.3, "shape {shape}");
}

#[test]
fn the_written_scenario_passes_the_reader_and_names_its_sources() {
    let (_, c) = realistic();
    let text = c.scenario_text();
    assert!(text.starts_with("# Calibrated by `pledge history calibrate` from history `generated`"));
    for needle in [
        "# - workload.shape.hours_of_week:",
        "# - work[normal].resolution:",
        "upper bound of agent time",
        "# - staffing, dispatch: not in a history",
        "# - normal resolution: lognormal",
        "KS ",
    ] {
        assert!(text.contains(needle), "{needle}\n{text}");
    }
    let scenario = Scenario::from_text(&text, Path::new(".")).expect("the gate accepts it");
    assert_eq!(scenario.agreement, agreement());
    assert_eq!(scenario.time_zone, chrono_tz::UTC);
    assert_eq!(scenario.warm_up.as_seconds(), 0);
    assert_eq!(scenario.work.len(), 4);
}

/// Back-test with the generator's own staffing. The argument, metric by
/// metric:
///
/// - **Resolution** is modelled faithfully: the engine's ticket waits for
///   the triage team (the generator's agents on their shifts, first come,
///   first served), gets its first-response work, then its resolution
///   work in two halves around one wait on the customer in the same share
///   of tickets, with a resolution team that never queues (the
///   generator's resolution waits for nobody). Both measure it from
///   creation on the same business clock with the waits paused, and the
///   targets (8 business hours and more) dwarf the first reply's
///   differences below. So every resolution row agrees within the
///   simulation's uncertainty.
/// - **First response** differs by construction, in two ways. The
///   generator gives each ticket, when it arrives, to the agent who will be
///   free first among those on shift, even when that agent only gets to it
///   after the shift has ended: its day agents work their queue empty,
///   overtime the shifts do not show. The engine's agents leave at the end
///   of their shift and the queue waits for the evening agent or the next
///   morning. And the engine counts the first response when an agent takes
///   the ticket, the generator when the reply is sent (one first-touch
///   time later), which goes the other way but is minutes against hours
///   of queue. So on the rows where the queue matters (tight targets of
///   premium and standard tickets) the simulation answers later than the
///   history, and the back-test names them with a hint that the staffing
///   given has less triage capacity than the period had — which is the
///   truth about the generator's overtime; the simulation is never
///   significantly better than the history.
#[test]
fn the_back_test_with_the_generators_staffing_agrees_on_resolution_and_names_first_response() {
    let params = TrueParameters::realistic(WEEKS, PER_WEEK);
    let (dir, store) = imported(&params, SEED);
    std::fs::write(dir.path().join("agreement.yaml"), AGREEMENT).unwrap();
    let staffing_file = dir.path().join("staffing.yaml");
    std::fs::write(&staffing_file, STAFFING).unwrap();
    let staffing = Scenario::load(&staffing_file).expect("the staffing scenario reads");
    let options = CalibrateOptions {
        values: values(&params),
        staffing: Some((&staffing, "staffing.yaml".into())),
        ..CalibrateOptions::default()
    };
    let c = calibrate(&store, &name("generated"), &agreement(), &options).expect("calibrates");
    let scenario = c.scenario().expect("the calibrated scenario reads");
    assert_eq!(scenario.staffing, staffing.staffing);
    let config = RunConfig {
        replications: 12,
        seed: 3,
        threads: None,
    };
    let b = backtest(
        &c,
        &scenario,
        &config,
        &|_| Flow::Continue,
        &CancelToken::new(),
    )
    .expect("the back-test runs");
    let rows = b.rows.len();
    assert_eq!(rows, 24, "{:?}", b.not_compared);
    // Bonferroni over every row at a family level of 0.1 %.
    let r = f64::from(config.replications);
    let t = student_t_quantile(1.0 - 0.001 / (2.0 * rows as f64), r - 1.0);
    let bound = |row: &pledge::history::calibrate::BacktestRow| {
        let p = (row.measured * row.measured_tickets as f64 + 0.5)
            / (row.measured_tickets as f64 + 1.0);
        let binomial = (p * (1.0 - p) / row.measured_tickets as f64).sqrt();
        t * row.simulated.std_dev.max(binomial) * (1.0 + 1.0 / r).sqrt()
    };
    let mut named_first_response = 0;
    for row in &b.rows {
        let gap = row.measured - row.simulated.mean;
        match row.metric {
            Metric::Resolution => assert!(
                gap.abs() <= bound(row),
                "{} {} resolution: measured {:.4}, simulated {:.4} ± {:.4}",
                row.plan,
                row.priority,
                row.measured,
                row.simulated.mean,
                bound(row)
            ),
            Metric::FirstResponse => {
                assert!(
                    gap >= -bound(row),
                    "{} {} first response: the simulation is better than the history",
                    row.plan,
                    row.priority
                );
                if !row.agrees {
                    assert!(gap > 0.0);
                    assert!(row
                        .hint
                        .as_deref()
                        .unwrap_or_default()
                        .contains("less triage capacity than the period had"));
                    named_first_response += 1;
                }
            }
            other => panic!("unexpected metric {other:?}"),
        }
    }
    assert!(named_first_response >= 1, "{b:#?}");
    assert!(b.differing().all(|r| r.metric == Metric::FirstResponse));
}

#[test]
fn an_unknown_an_empty_or_an_unplaceable_history_is_a_clear_error() {
    let a = agreement();
    let (dir, mut store) = fresh();
    let options = CalibrateOptions::default();
    let err = calibrate(&store, &name("nosuch"), &a, &options).unwrap_err();
    assert_eq!(err.code(), pledge::error::ErrorCode::UnknownHistory);
    assert!(err.to_string().contains("nosuch"), "{err}");

    // A history whose only file held a header: no ticket.
    let header = dir.path().join("header.csv");
    std::fs::write(&header, "id,created,resolved,priority\n").unwrap();
    import_with(&mut store, "hollow", &header, |_| {});
    let err = calibrate(&store, &name("hollow"), &a, &options).unwrap_err();
    assert!(
        matches!(err, CalibrationError::EmptyHistory { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("holds no ticket"), "{err}");

    // Three weeks of tickets whose priority the agreement does not know.
    let mut rows = String::from("id,created,resolved,priority,plan\n");
    for d in 0..21 {
        rows.push_str(&format!(
            "T-{d},2026-03-{:02}T09:00:00Z,2026-03-{:02}T11:00:00Z,P9,premium\n",
            d + 1,
            d + 1
        ));
    }
    let odd = dir.path().join("odd.csv");
    std::fs::write(&odd, rows).unwrap();
    import_with(&mut store, "odd", &odd, |_| {});
    let err = calibrate(&store, &name("odd"), &a, &options).unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, CalibrationError::NonePlaced { .. }), "{text}");
    assert!(
        text.contains("a priority the agreement does not know"),
        "{text}"
    );
    assert!(text.contains("`P9`"), "{text}");

    // Four days: nothing settled a week before the last time recorded.
    let mut rows = String::from("id,created,resolved,priority,plan\n");
    for d in 0..4 {
        rows.push_str(&format!(
            "S-{d},2026-03-{:02}T09:00:00Z,2026-03-{:02}T11:00:00Z,urgent,premium\n",
            d + 1,
            d + 1
        ));
    }
    let short = dir.path().join("short.csv");
    std::fs::write(&short, rows).unwrap();
    import_with(&mut store, "short", &short, |_| {});
    let err = calibrate(&store, &name("short"), &a, &options).unwrap_err();
    assert!(matches!(err, CalibrationError::TooShort { .. }), "{err}");
    assert!(err.to_string().contains("at least 7"), "{err}");
}

fn pledge(dir: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("pledge").expect("the pledge binary is built");
    cmd.env("PLEDGE_DATA_DIR", dir);
    cmd
}

fn run(cmd: &mut assert_cmd::Command) -> (i32, String) {
    let out = cmd.output().expect("pledge runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn the_cli_calibrates_back_tests_and_writes_a_scenario_simulate_runs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (code, out) = run(pledge(d)
        .args(["history", "generate", "--format", "zendesk"])
        .args([
            "--weeks",
            "3",
            "--tickets-per-week",
            "300",
            "--seed",
            "4",
            "-o",
            "tickets.csv",
            "--status-log",
            "log.csv",
        ])
        .current_dir(d));
    assert_eq!(code, 0, "{out}");
    let (code, out) = run(pledge(d)
        .args([
            "history",
            "import",
            "tickets.csv",
            "--status-log",
            "log.csv",
            "--name",
            "desk",
        ])
        .current_dir(d));
    assert_eq!(code, 0, "{out}");
    std::fs::write(d.join("agreement.yaml"), AGREEMENT).unwrap();
    std::fs::write(d.join("staffing.yaml"), STAFFING).unwrap();
    std::fs::write(
        d.join("values.yaml"),
        "values:\n  plan: {Acme Corp: premium, Globex: standard, \"Hooli, Inc.\": standard, Crème Brûlée SARL: basic}\n",
    )
    .unwrap();
    let (code, out) = run(pledge(d)
        .args([
            "history",
            "calibrate",
            "desk",
            "--agreement",
            "agreement.yaml",
        ])
        .args([
            "--mapping",
            "values.yaml",
            "-o",
            "calibrated.yaml",
            "--staffing",
            "staffing.yaml",
        ])
        .args(["--backtest", "--replications", "4", "--seed", "2"])
        .current_dir(d));
    assert_eq!(code, 0, "{out}");
    for needle in [
        "history `desk` against Generated Desk Agreement (SLA-GEN-1)",
        "tickets: ",
        "work per priority",
        "first response, agent time: ",
        "resolution (elapsed, an upper bound of agent time): ",
        "staffing, dispatch: the teams, shifts and dispatch of staffing.yaml",
        "wrote calibrated.yaml",
        "back-test over the history's period (4 replications, seed 2)",
        "premium    urgent",
    ] {
        assert!(out.contains(needle), "{needle}\n{out}");
    }
    let (code, out) = run(pledge(d)
        .args(["simulate", "calibrated.yaml", "--replications", "2"])
        .current_dir(d));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("calibrated from history desk"), "{out}");

    // Without --staffing: the default team, said so; JSON is one object.
    let (code, out) = run(pledge(d)
        .args([
            "history",
            "calibrate",
            "desk",
            "--agreement",
            "agreement.yaml",
        ])
        .args([
            "--mapping",
            "values.yaml",
            "-o",
            "default.yaml",
            "--format",
            "json",
        ])
        .current_dir(d));
    assert_eq!(code, 0, "{out}");
    let value: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert!(value["backtest"].is_null());
    let inputs = value["calibration"]["inputs"].as_array().expect("inputs");
    assert!(inputs.iter().any(|i| i["field"] == "staffing, dispatch"
        && i["from"].as_str().unwrap().starts_with("not in a history")));
    let (code, out) = run(pledge(d)
        .args(["simulate", "default.yaml", "--replications", "2"])
        .current_dir(d));
    assert_eq!(code, 0, "{out}");
}

#[test]
fn the_cli_refuses_an_unknown_history_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("agreement.yaml"), AGREEMENT).unwrap();
    let (code, out) = run(pledge(d)
        .args([
            "history",
            "calibrate",
            "nosuch",
            "--agreement",
            "agreement.yaml",
            "-o",
            "x.yaml",
        ])
        .current_dir(d));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("nosuch"), "{out}");
    assert!(!d.join("x.yaml").exists());
}
