//! `pledge history calibrate`: a simulation scenario from a ticket history,
//! and its back-test against the history's measured compliance.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use pledge::history::calibrate::{
    backtest, calibrate, Backtest, CalibrateOptions, Calibration, FittedDuration,
};
use pledge::sim::run::{CancelToken, Flow, Progress, RunConfig};
use pledge::store::{HistoryName, Store};

use crate::erlang::{emit, Format};
use crate::history::AgreementChoice;

/// Arguments of `pledge history calibrate`.
#[derive(Args)]
pub struct CalibrateArgs {
    /// The history to calibrate from.
    name: String,
    #[command(flatten)]
    agreement: AgreementChoice,
    /// Where to write the scenario (YAML, the agreement embedded).
    #[arg(long, short)]
    output: PathBuf,
    /// A scenario whose teams, shifts and dispatch are used [default: one team on the first plan's calendar, sized for the calibrated work].
    #[arg(long, value_name = "SCENARIO")]
    staffing: Option<PathBuf>,
    /// A mapping file whose `values:` read the history's words as the agreement's plans, priorities and channels.
    #[arg(long, value_name = "FILE")]
    mapping: Option<PathBuf>,
    /// Simulate the scenario over the history's period and compare its compliance with the measured one.
    #[arg(long)]
    backtest: bool,
    /// Replications of the back-test.
    #[arg(long, default_value_t = 20)]
    replications: u32,
    /// Master seed of the back-test.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Runs `pledge history calibrate`: 0 when the scenario was written (and
/// back-tested), 1 when an input cannot be used (each problem printed),
/// 2 on other errors.
pub fn run(args: CalibrateArgs, data_dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let path = crate::store::database_path(data_dir)?;
    let name: HistoryName = args.name.parse()?;
    let store = Store::open(&path)?;
    let Some(agreement) = args.agreement.load(&store)? else {
        return Ok(ExitCode::from(1));
    };
    let values = match &args.mapping {
        Some(file) => pledge::history::read_mapping(file)?.values,
        None => Default::default(),
    };
    let staffing = match &args.staffing {
        Some(file) => match crate::simulate::load_reported(file) {
            Some(s) => Some((s, file.display().to_string())),
            None => return Ok(ExitCode::from(1)),
        },
        None => None,
    };
    let options = CalibrateOptions {
        values,
        staffing: staffing.as_ref().map(|(s, f)| (s, f.clone())),
        ..CalibrateOptions::default()
    };
    let calibration = match calibrate(&store, &name, &agreement, &options) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("pledge: {e}");
            return Ok(ExitCode::from(1));
        }
    };
    // The scenario goes through the reader's gate before it is written.
    let scenario = match calibration.scenario() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("pledge: {e}");
            return Ok(ExitCode::from(1));
        }
    };
    let text = calibration.scenario_text();
    pledge::atomic::write_atomically(&args.output, text.as_bytes())
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    let tested = if args.backtest {
        let config = RunConfig {
            replications: args.replications,
            seed: args.seed,
            threads: None,
        };
        let show = std::io::stderr().is_terminal();
        let observer = |p: Progress| {
            if show {
                eprint!("\rback-test: {}/{} replications", p.done, p.total);
            }
            Flow::Continue
        };
        let cancel = CancelToken::new();
        let result = backtest(&calibration, &scenario, &config, &observer, &cancel);
        if show {
            eprintln!();
        }
        match result {
            Ok(b) => Some(b),
            Err(e) => {
                eprintln!("pledge: {e}");
                return Ok(ExitCode::from(1));
            }
        }
    } else {
        None
    };
    let out = match args.format {
        Format::Json => {
            let value = serde_json::json!({
                "scenario": args.output.display().to_string(),
                "calibration": calibration,
                "backtest": tested,
            });
            serde_json::to_string_pretty(&value).context("could not write JSON")? + "\n"
        }
        Format::Text => {
            let mut out = text_report(&calibration, &args.output);
            if let Some(b) = &tested {
                out.push_str(&backtest_text(b));
            }
            out
        }
    };
    emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

fn short(f: &FittedDuration) -> String {
    match &f.fit {
        Some(fit) => fit.describe(),
        None => "default".into(),
    }
}

fn text_report(c: &Calibration, output: &std::path::Path) -> String {
    let mut out = String::new();
    let zone: chrono_tz::Tz = c.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let day = |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&zone).format("%Y-%m-%d");
    let _ = writeln!(out, "history `{}` against {}", c.history, c.agreement);
    let _ = writeln!(
        out,
        "period: tickets created {} to {} ({}); last recorded time {}",
        day(c.period_from),
        day(c.period_to - chrono::Duration::days(1)),
        c.time_zone,
        c.as_of.format("%Y-%m-%d %H:%M UTC")
    );
    let _ = writeln!(
        out,
        "tickets: {} in the history, {} in the period, {} placed into the agreement",
        c.tickets.in_history, c.tickets.in_period, c.tickets.placed
    );
    for (why, n) in &c.tickets.unplaced {
        let _ = writeln!(out, "  not placed: {n} with {why}");
    }
    if c.tickets.without_target > 0 {
        let _ = writeln!(
            out,
            "  {} placed tickets fall under no target row: simulated as workload, measured on none",
            c.tickets.without_target
        );
    }
    let _ = write!(
        out,
        "volume: {:.1} tickets per week",
        c.volume.tickets_per_week
    );
    match &c.volume.trend {
        Some(t) => {
            let _ = writeln!(
                out,
                "; trend {:+.2} per week per week (standard error {:.2}, t {:.2}, 5% critical {:.2}: {})",
                t.slope_per_week,
                t.std_error,
                t.t,
                t.t_critical,
                if t.significant {
                    "significant"
                } else {
                    "not significant"
                }
            );
        }
        None => {
            let _ = writeln!(out, "; fewer than six whole weeks for a trend");
        }
    }
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let mut busiest: Vec<usize> = (0..168).collect();
    busiest.sort_by(|&a, &b| c.arrivals.per_hour[b].total_cmp(&c.arrivals.per_hour[a]));
    let _ = writeln!(
        out,
        "busiest hours of the week (tickets per hour): {}",
        busiest
            .iter()
            .take(5)
            .map(|&h| format!(
                "{} {:02}:00 {:.1}",
                DAYS[h / 24],
                h % 24,
                c.arrivals.per_hour[h]
            ))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(out, "\nmix ({} kinds):", c.mix.len());
    let _ = writeln!(
        out,
        "  {:<14} {:<10} {:<10} {:>8} {:>7}",
        "plan", "priority", "channel", "tickets", "share"
    );
    for m in &c.mix {
        let _ = writeln!(
            out,
            "  {:<14} {:<10} {:<10} {:>8} {:>6.2}%",
            m.plan,
            m.priority,
            m.channel.as_deref().unwrap_or("-"),
            m.tickets,
            m.share * 100.0
        );
    }
    let _ = writeln!(out, "\nwork per priority (family by AIC; KS statistic):");
    for w in &c.work {
        let _ = writeln!(out, "  {} ({} tickets)", w.priority, w.tickets);
        let _ = writeln!(
            out,
            "    first response, agent time: {}",
            short(&w.first_response)
        );
        if let Some(d) = &w.first_reply_delay {
            let _ = writeln!(
                out,
                "    first-reply delay, queueing included: median {}, mean {}",
                pledge::model::Duration::seconds(d.sample_median.round() as i64),
                pledge::model::Duration::seconds(d.sample_mean.round() as i64)
            );
        }
        let _ = writeln!(
            out,
            "    resolution (elapsed, an upper bound of agent time): {}",
            short(&w.resolution)
        );
        let _ = writeln!(
            out,
            "    waits on the customer: {} over {} resolved tickets ({:.3} each){}",
            w.waits,
            w.resolved,
            w.back_and_forths,
            w.pending
                .as_ref()
                .map(|p| format!("; length: {}", short(p)))
                .unwrap_or_default()
        );
    }
    let _ = writeln!(out, "\nwhat each input was estimated from:");
    for i in &c.inputs {
        let _ = writeln!(out, "  {}: {}", i.field, i.from);
    }
    let _ = writeln!(out, "\nwrote {}", output.display());
    out
}

fn backtest_text(b: &Backtest) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nback-test over the history's period ({} replications, seed {}): measured compliance against the simulation's 95% prediction interval",
        b.replications, b.seed
    );
    let _ = writeln!(
        out,
        "  {:<10} {:<8} {:<8} {:<15} {:>6} {:>7} {:>8} {:>8} {:>15} {:>7}  agrees",
        "plan",
        "prio",
        "channel",
        "metric",
        "within",
        "tickets",
        "measured",
        "simul.",
        "interval",
        "diff"
    );
    for r in &b.rows {
        let _ = writeln!(
            out,
            "  {:<10} {:<8} {:<8} {:<15} {:>6} {:>7} {:>7.1}% {:>7.1}% {:>6.1}%–{:>5.1}% {:>+6.1}pt  {}",
            r.plan,
            r.priority,
            r.channel.as_deref().unwrap_or("-"),
            r.metric.key(),
            r.within,
            r.measured_tickets,
            r.measured * 100.0,
            r.simulated.mean * 100.0,
            r.simulated.low * 100.0,
            r.simulated.high * 100.0,
            r.difference,
            if r.agrees { "yes" } else { "NO" }
        );
    }
    let differing: Vec<_> = b.differing().collect();
    if differing.is_empty() {
        let _ = writeln!(
            out,
            "every row agrees with the history within the simulation's uncertainty"
        );
    } else {
        let _ = writeln!(
            out,
            "\n{} of {} rows differ from the history beyond the simulation's uncertainty:",
            differing.len(),
            b.rows.len()
        );
        for r in differing {
            let _ = writeln!(
                out,
                "  {} {}{} {}: measured {:.1}%, simulated {:.1}% ({:+.1} points): {}",
                r.plan,
                r.priority,
                r.channel
                    .as_deref()
                    .map(|c| format!(" {c}"))
                    .unwrap_or_default(),
                r.metric.key(),
                r.measured * 100.0,
                r.simulated.mean * 100.0,
                r.difference,
                r.hint.as_deref().unwrap_or_default()
            );
        }
    }
    for n in &b.not_compared {
        let _ = writeln!(out, "  not compared: {n}");
    }
    out
}
