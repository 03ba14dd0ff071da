//! Deadline computations per second on one core: a Paris business calendar
//! with French holidays, random starts over 2026 and durations under a week.
//!
//! Each benchmark is measured twice: in wall-clock time (criterion's
//! default) and in the CPU time of the benchmark thread, which is what "per
//! second on one core" means and which stays meaningful on a machine shared
//! with other jobs.

use std::hint::black_box;

use chrono::{DateTime, Duration as ChronoDuration, TimeZone, Utc};
use criterion::measurement::{Measurement, ValueFormatter};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use pledge::clock::{deadline, BusinessCalendar};
use pledge::model::{Calendar, Duration};

const PARIS: &str = "
id: paris
time_zone: Europe/Paris
hours:
  mon: [09:00-12:30, 14:00-18:00]
  tue: [09:00-12:30, 14:00-18:00]
  wed: [09:00-12:30, 14:00-18:00]
  thu: [09:00-12:30, 14:00-18:00]
  fri: [09:00-12:30, 14:00-17:00]
holidays:
  rules: [{country: FR, from: 2024, to: 2030}]
";

fn paris() -> BusinessCalendar {
    let model: Calendar = pledge::format::Document::parse(PARIS)
        .and_then(|d| d.deserialize())
        .expect("the benchmark calendar parses");
    BusinessCalendar::compile(&model).expect("the benchmark calendar compiles")
}

/// Starts spread over 2026 and durations from one second to a week, from a
/// fixed linear congruential sequence, so that every run times the same work.
fn inputs(count: usize) -> Vec<(DateTime<Utc>, Duration)> {
    let origin = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    };
    (0..count)
        .map(|_| {
            let start = origin + ChronoDuration::seconds((next() % (365 * 86_400)) as i64);
            let duration = Duration::seconds(1 + (next() % (7 * 86_400 - 1)) as i64);
            (start, duration)
        })
        .collect()
}

/// The CPU time consumed by the calling thread, in nanoseconds.
struct ThreadCpuTime;

fn thread_cpu_nanos() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec and the clock id is a
    // constant that Linux supports.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

impl Measurement for ThreadCpuTime {
    type Intermediate = u64;
    type Value = u64;
    fn start(&self) -> u64 {
        thread_cpu_nanos()
    }
    fn end(&self, started: u64) -> u64 {
        thread_cpu_nanos() - started
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, value: &u64) -> f64 {
        *value as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &CpuFormatter
    }
}

struct CpuFormatter;

impl ValueFormatter for CpuFormatter {
    fn scale_values(&self, typical: f64, values: &mut [f64]) -> &'static str {
        let (factor, unit) = if typical < 1e3 {
            (1.0, "ns cpu")
        } else if typical < 1e6 {
            (1e-3, "µs cpu")
        } else {
            (1e-6, "ms cpu")
        };
        values.iter_mut().for_each(|v| *v *= factor);
        unit
    }
    fn scale_throughputs(
        &self,
        _typical: f64,
        throughput: &Throughput,
        values: &mut [f64],
    ) -> &'static str {
        let per_iteration = match throughput {
            Throughput::Elements(n) | Throughput::Bytes(n) | Throughput::BytesDecimal(n) => {
                *n as f64
            }
            _ => 1.0,
        };
        // Nanoseconds per iteration to millions of elements per CPU second.
        values
            .iter_mut()
            .for_each(|v| *v = per_iteration * 1e3 / *v);
        "Melem/cpu-s"
    }
    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}

fn deadlines<M: Measurement>(c: &mut Criterion<M>, label: &str) {
    let calendar = paris();
    let work = inputs(4096);
    let mut group = c.benchmark_group(format!("clock_{label}"));
    group.throughput(Throughput::Elements(work.len() as u64));
    group.bench_function("deadline_paris_under_a_week", |b| {
        b.iter(|| {
            for &(start, duration) in &work {
                black_box(deadline(&calendar, black_box(start), black_box(duration), &[]).ok());
            }
        })
    });
    group.finish();

    // The cost must not grow with the duration: the same start, 30 minutes
    // against 30 business days (210 business hours here).
    let mut group = c.benchmark_group(format!("clock_by_duration_{label}"));
    let start = Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap();
    for (name, duration) in [
        ("30m", Duration::minutes(30)),
        ("30bd_as_hours", Duration::hours(210)),
    ] {
        group.bench_with_input(BenchmarkId::from_parameter(name), &duration, |b, &d| {
            b.iter(|| black_box(deadline(&calendar, black_box(start), d, &[]).ok()))
        });
    }
    group.finish();
}

fn wall(c: &mut Criterion) {
    deadlines(c, "wall");
    // Compiling is done once per calendar; its cost matters to callers that
    // compile many calendars (one per agreement version, say).
    let model: Calendar = pledge::format::Document::parse(PARIS)
        .and_then(|d| d.deserialize())
        .expect("the benchmark calendar parses");
    c.bench_function("clock_compile_paris_2000_2100", |b| {
        b.iter(|| black_box(BusinessCalendar::compile(black_box(&model)).ok()))
    });
}

fn cpu(c: &mut Criterion<ThreadCpuTime>) {
    deadlines(c, "cpu");
}

criterion_group!(wall_time, wall);
criterion_group! {
    name = cpu_time;
    config = Criterion::default().with_measurement(ThreadCpuTime);
    targets = cpu
}
criterion_main!(wall_time, cpu_time);
