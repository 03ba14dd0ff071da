//! Simulation speed: simulated tickets per second on one core in the M/M/c
//! case (Poisson arrivals, exponential handle times), the engine's
//! reference model.
//!
//! Run with `cargo bench --bench sim`. Time is the benchmark thread's CPU
//! time (read from `/proc/thread-self/schedstat`), not wall-clock time:
//! the target is tickets per second *per core*, and on a shared machine
//! wall-clock time also counts the time other processes hold the core. The
//! engine runs a replication on the calling thread, so its CPU time is the
//! whole cost. Where the file cannot be read, wall-clock time is used.

use std::hint::black_box;
use std::time::Instant;

use criterion::measurement::{Measurement, ValueFormatter};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use pledge::sim::dist::DurationDistribution;
use pledge::sim::model;
use pledge::sim::rng::replication_rng;
use pledge::sim::run::CancelToken;
use pledge::sim::run::{Flow, Progress, RunConfig};
use pledge::sim::scenario::Scenario;
use pledge::sim::steady::{Dispatch, SteadyStateModel, TicketClass};
use pledge::sim::time::SimDuration;

const TICKETS: u64 = 200_000;

/// CPU time of the current thread, in nanoseconds.
struct ThreadCpuTime;

fn thread_cpu_nanos() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse::<f64>().ok()
}

enum Start {
    Cpu(f64),
    Wall(Instant),
}

impl Measurement for ThreadCpuTime {
    type Intermediate = Start;
    type Value = f64;
    fn start(&self) -> Start {
        match thread_cpu_nanos() {
            Some(ns) => Start::Cpu(ns),
            None => Start::Wall(Instant::now()),
        }
    }
    fn end(&self, start: Start) -> f64 {
        match start {
            Start::Cpu(ns) => thread_cpu_nanos().map_or(0.0, |now| now - ns),
            Start::Wall(t) => t.elapsed().as_nanos() as f64,
        }
    }
    fn add(&self, a: &f64, b: &f64) -> f64 {
        a + b
    }
    fn zero(&self) -> f64 {
        0.0
    }
    fn to_f64(&self, value: &f64) -> f64 {
        *value
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &CpuFormatter
    }
}

struct CpuFormatter;

impl ValueFormatter for CpuFormatter {
    fn scale_values(&self, _typical: f64, values: &mut [f64]) -> &'static str {
        for v in values.iter_mut() {
            *v /= 1e6;
        }
        "ms (CPU)"
    }
    fn scale_throughputs(
        &self,
        _typical: f64,
        throughput: &Throughput,
        values: &mut [f64],
    ) -> &'static str {
        let per = match *throughput {
            Throughput::Elements(n)
            | Throughput::Bytes(n)
            | Throughput::BytesDecimal(n)
            | Throughput::Bits(n) => n as f64,
        };
        for v in values.iter_mut() {
            *v = per * 1e9 / *v / 1e6;
        }
        "M tickets/CPU-s"
    }
    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}

fn mmc(agents: u32, per_hour: f64, patience: Option<f64>, dispatch: Dispatch) -> SteadyStateModel {
    SteadyStateModel {
        agents,
        classes: vec![TicketClass {
            name: "all".into(),
            arrivals_per_hour: per_hour,
            handle_time: DurationDistribution::Exponential {
                mean: SimDuration::from_minutes(6.0),
            },
            patience: patience.map(|p| DurationDistribution::Exponential {
                mean: SimDuration::from_seconds(p),
            }),
            answer_within: SimDuration::from_seconds(20.0),
        }],
        dispatch,
        warm_up: SimDuration::ZERO,
        measured: SimDuration::from_hours(TICKETS as f64 / per_hour),
    }
}

fn bench_mmc(c: &mut Criterion<ThreadCpuTime>) {
    let mut group = c.benchmark_group("mmc_one_core");
    group.throughput(Throughput::Elements(TICKETS));
    group.sample_size(20);
    let cases = [
        (
            "c13_load10",
            mmc(13, 100.0, None, Dispatch::FirstComeFirstServed),
        ),
        (
            "c110_load100",
            mmc(110, 1000.0, None, Dispatch::FirstComeFirstServed),
        ),
        (
            "c9_load10_patience5m",
            mmc(9, 100.0, Some(300.0), Dispatch::FirstComeFirstServed),
        ),
        (
            "c13_load10_edf",
            mmc(13, 100.0, None, Dispatch::EarliestDeadlineFirst),
        ),
    ];
    for (name, model) in cases {
        let prepared = model.prepare().expect("valid model");
        let cancel = CancelToken::new();
        let mut replication = 0u64;
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                replication += 1;
                let mut rng = replication_rng(1, replication);
                black_box(prepared.replicate(&mut rng, &cancel).expect("runs"))
            })
        });
    }
    group.finish();
}

/// The full support model on the French sample scenario: tickets per
/// CPU-second on one core. Each iteration is one replication (about 4 000
/// measured tickets, plus warm-up and the arrivals that go on while the
/// measured tickets are resolved; the throughput counts every simulated
/// ticket of a first replication).
fn bench_full_model(c: &mut Criterion<ThreadCpuTime>) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("templates/samples/scenarios/fr-pme-infogerance.yaml");
    let scenario = Scenario::load(&path).expect("the French scenario loads");
    let compiled = model::compile(&scenario).expect("compiles");
    let cancel = CancelToken::new();
    let simulated = compiled
        .replicate(&mut replication_rng(1, 0), &cancel)
        .expect("runs")
        .simulated;
    let mut group = c.benchmark_group("full_model_one_core");
    group.throughput(Throughput::Elements(simulated));
    group.sample_size(20);
    let mut replication = 0u64;
    group.bench_function("fr-pme-infogerance", |b| {
        b.iter(|| {
            replication += 1;
            black_box(
                compiled
                    .replicate(&mut replication_rng(1, replication), &cancel)
                    .expect("runs"),
            )
        })
    });
    group.finish();
}

/// Wall-clock figures the criterion groups above cannot give: two threads
/// against one on 64 replications of the French scenario (seven rounds,
/// one thread then two in each, the median of the rounds' ratios so that
/// a burst of other work on the machine spoils one round, not the
/// figure), and the memory of a replication when the horizon doubles (the
/// largest number of ticket slots a replication held, which is what its
/// memory follows).
fn report_scaling_and_memory() {
    const REPLICATIONS: u32 = 64;
    const ROUNDS: usize = 7;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("templates/samples/scenarios/fr-pme-infogerance.yaml");
    let scenario = Scenario::load(&path).expect("the French scenario loads");
    let compiled = model::compile(&scenario).expect("compiles");
    let quiet = |_: Progress| Flow::Continue;
    let time = |threads: usize| {
        let config = RunConfig {
            replications: REPLICATIONS,
            seed: 1,
            threads: Some(threads),
        };
        let start = Instant::now();
        black_box(model::simulate(&compiled, &config, &quiet).expect("runs"));
        start.elapsed().as_secs_f64()
    };
    let mut rounds: Vec<(f64, f64)> = (0..ROUNDS).map(|_| (time(1), time(2))).collect();
    rounds.sort_by(|a, b| (a.0 / a.1).total_cmp(&(b.0 / b.1)));
    let (one, two) = rounds[ROUNDS / 2];
    let ratios: Vec<String> = rounds
        .iter()
        .map(|(a, b)| format!("{:.2}", a / b))
        .collect();
    let tickets: u64 = (0..u64::from(REPLICATIONS))
        .map(|i| {
            compiled
                .replicate(&mut replication_rng(1, i), &CancelToken::new())
                .expect("runs")
                .simulated
        })
        .sum();
    println!(
        "full model, {REPLICATIONS} replications ({tickets} tickets), median of {ROUNDS} rounds: \
         1 thread {one:.3} s ({:.2} M tickets/s), 2 threads {two:.3} s, speed-up {:.2} (rounds: {})",
        tickets as f64 / one / 1e6,
        one / two,
        ratios.join(", ")
    );
    for factor in [1i64, 2, 4] {
        let mut longer = scenario.clone();
        longer.horizon = pledge::model::Duration::seconds(scenario.horizon.as_seconds() * factor);
        let compiled = model::compile(&longer).expect("compiles");
        let rep = compiled
            .replicate(&mut replication_rng(1, 0), &CancelToken::new())
            .expect("runs");
        println!(
            "horizon x{factor}: {} tickets simulated, at most {} ticket slots held, {} backlog points",
            rep.simulated,
            rep.peak_open,
            rep.backlog.len()
        );
    }
}

/// Sizing the French sample at 90 % confidence with the command's defaults
/// (20 replications a candidate, one thread per core): wall-clock seconds,
/// the median of three searches (each starts afresh: no cache is shared).
fn report_sizing() {
    use pledge::sim::size::{size_scenario, SizeOptions};
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("templates/samples/scenarios/fr-pme-infogerance.yaml");
    let scenario = Scenario::load(&path).expect("the French scenario loads");
    let options = SizeOptions {
        confidence: 0.9,
        run: RunConfig {
            replications: 20,
            seed: 1,
            threads: None,
        },
        max_evaluations: 400,
    };
    let mut seconds = Vec::new();
    let mut last = None;
    for _ in 0..3 {
        let start = Instant::now();
        let report = size_scenario(&scenario, &options, &mut |_| {}).expect("a staffing is found");
        seconds.push(start.elapsed().as_secs_f64());
        last = Some(report);
    }
    seconds.sort_by(f64::total_cmp);
    let report = last.expect("three searches ran");
    println!(
        "sizing fr-pme-infogerance at 90 %: median {:.2} s of 3 (min {:.2}, max {:.2}), {} staffings simulated, {:.1} → {:.1} agent-h/week",
        seconds[1], seconds[0], seconds[2], report.evaluations, report.current_agent_hours, report.recommended_agent_hours
    );
}

fn benches_all(c: &mut Criterion<ThreadCpuTime>) {
    bench_mmc(c);
    bench_full_model(c);
    report_scaling_and_memory();
    report_sizing();
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(ThreadCpuTime);
    targets = benches_all
}
criterion_main!(benches);
