//! `pledge erlang`: steady-state staffing with Erlang C or Erlang A, and the
//! same question through the simulation engine.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use pledge::check::{implausible_percent, PercentKind};
use pledge::model::{Duration, Percent};
use pledge::sim::dist::DurationDistribution;
use pledge::sim::erlang::{self, QueueMetrics, ServiceGoal, Traffic};
use pledge::sim::run::{Flow, Progress, RunConfig};
use pledge::sim::stats::Estimate;
use pledge::sim::steady::{
    Dispatch, SteadyStateModel, SteadyStateReport, TicketClass, WarmUp, WarmUpRule,
};
use pledge::sim::time::SimDuration;
use serde_json::{json, Value};

/// Arguments of `pledge erlang`.
#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("question").required(true).args(["agents", "target"])))]
pub struct ErlangArgs {
    /// Mean tickets (calls, chats) per hour, Poisson.
    #[arg(long)]
    arrivals_per_hour: f64,
    /// Average handle time, e.g. `6m` or `4m30s`.
    #[arg(long)]
    aht: Duration,
    /// Agents taking contacts: report the figures for this headcount.
    #[arg(long)]
    agents: Option<u32>,
    /// Service-level target with its % sign, e.g. `80%` (a bare `0.8` is
    /// refused): find the fewest agents that meet it.
    #[arg(long)]
    target: Option<Percent>,
    /// Service-level threshold, e.g. `20s`.
    #[arg(long)]
    answer_within: Duration,
    /// Mean customer patience (Erlang A); without it customers wait for ever (Erlang C).
    #[arg(long)]
    patience: Option<Duration>,
    /// Share of paid time agents are unavailable, with its % sign, e.g.
    /// `30%` (a bare `0.3` is refused).
    #[arg(long, default_value = "0%")]
    shrinkage: Percent,
    /// Highest acceptable occupancy when searching for a headcount, with
    /// its % sign, e.g. `85%` (a bare `0.85` is refused).
    #[arg(long)]
    max_occupancy: Option<Percent>,
    /// Also run the question through the simulation engine (needs --agents).
    #[arg(long, requires = "agents")]
    simulate: bool,
    /// Simulation replications.
    #[arg(long, default_value_t = 20)]
    replications: u32,
    /// Simulation master seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Tickets simulated per replication (on average), after a warm-up of a tenth as many, or of
    /// five relaxation times of the queue when the load asks for more.
    #[arg(long, default_value_t = 200_000)]
    tickets_per_replication: u64,
    /// How the simulation's warm-up is chosen: `load` discards a tenth of
    /// the run, or five relaxation times of the queue when the load asks
    /// for more; `mser5` starts measuring at once and discards, per
    /// replication, the start MSER-5 finds biased by the empty start
    /// (batch means of five waits, truncated where the mean's standard
    /// error is smallest, within the first half of the run).
    #[arg(long, value_enum, default_value_t = WarmUpChoice::Load)]
    warm_up: WarmUpChoice,
    /// Simulation threads (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// How `erlang --simulate` chooses its warm-up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum WarmUpChoice {
    /// From the load, before the run.
    Load,
    /// From the data, per replication (MSER-5).
    Mser5,
}

/// How to print an answer (`erlang`, `simulate`, `size`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Tables for people.
    Text,
    /// JSON for programs.
    Json,
}

/// The confidence level of the simulated intervals.
const CONFIDENCE: f64 = 0.95;

/// Runs `pledge erlang`.
pub fn run(args: ErlangArgs) -> anyhow::Result<ExitCode> {
    let traffic = Traffic {
        arrivals_per_hour: args.arrivals_per_hour,
        mean_handle_time: args.aht.into(),
        mean_patience: args.patience.map(SimDuration::from),
    };
    let answer_within: SimDuration = args.answer_within.into();
    if args.answer_within.as_seconds() < 0 {
        anyhow::bail!("--answer-within must not be negative");
    }
    // The flags follow the files' rule, warnings included: a valid but
    // unlikely value is answered, with a word on stderr saying why.
    for (flag, value, kind) in [
        ("--target", args.target, PercentKind::Objective),
        ("--shrinkage", Some(args.shrinkage), PercentKind::Shrinkage),
        (
            "--max-occupancy",
            args.max_occupancy,
            PercentKind::Occupancy,
        ),
    ] {
        if let Some(why) = value.and_then(|v| implausible_percent(kind, v)) {
            eprintln!("warning: {flag}: {why}");
        }
    }
    let goal = ServiceGoal {
        service_level: args.target.map_or(0.5, Percent::fraction),
        answer_within,
        shrinkage: args.shrinkage.fraction(),
        max_occupancy: args.max_occupancy.map(Percent::fraction),
    };
    let (agents, scheduled, analytic) = match args.agents {
        Some(agents) => {
            let m = erlang::metrics(&traffic, agents, answer_within)?;
            // Only the shrinkage matters here; the target is not searched.
            ServiceGoal {
                service_level: 0.5,
                ..goal
            }
            .validate()?;
            (agents, goal.scheduled_agents(agents), m)
        }
        None => {
            let s = erlang::required_agents(&traffic, &goal)?;
            (s.agents, s.scheduled_agents, s.metrics)
        }
    };

    let simulated = if args.simulate {
        Some(simulate(&args, &traffic, agents, answer_within)?)
    } else {
        None
    };

    let model_name = if traffic.mean_patience.is_some() {
        "Erlang A"
    } else {
        "Erlang C"
    };
    match args.format {
        Format::Json => {
            let mut out = json!({
                "model": model_name,
                "arrivals_per_hour": args.arrivals_per_hour,
                "aht_seconds": args.aht.as_seconds(),
                "answer_within_seconds": args.answer_within.as_seconds(),
                "patience_seconds": args.patience.map(|p| p.as_seconds()),
                "target": args.target.map(Percent::fraction),
                "shrinkage": args.shrinkage.fraction(),
                "max_occupancy": args.max_occupancy.map(Percent::fraction),
                "offered_load_erlangs": analytic.offered_load,
                "agents": agents,
                "scheduled_agents": scheduled,
                "analytic": analytic_json(&analytic),
            });
            if let Some((report, warm)) = &simulated {
                out["simulated"] = simulated_json(report, warm, &args);
            }
            emit(&format!("{}\n", serde_json::to_string_pretty(&out)?))?;
        }
        Format::Text => emit(&text_table(
            &args,
            model_name,
            agents,
            scheduled,
            &analytic,
            simulated.as_ref().map(|(r, _)| r),
        ))?,
    }
    Ok(ExitCode::SUCCESS)
}

fn simulate(
    args: &ErlangArgs,
    traffic: &Traffic,
    agents: u32,
    answer_within: SimDuration,
) -> anyhow::Result<(SteadyStateReport, WarmUp)> {
    let per_hour = traffic.arrivals_per_hour;
    let measured_hours = args.tickets_per_replication.max(1) as f64 / per_hour;
    let measured = SimDuration::from_hours(measured_hours);
    let mser5 = args.warm_up == WarmUpChoice::Mser5;
    let warm = if mser5 {
        WarmUp {
            warm_up: SimDuration::ZERO,
            relaxation: erlang::relaxation_time(traffic, agents),
            capped: false,
        }
    } else {
        WarmUp::for_load(measured, erlang::relaxation_time(traffic, agents))
    };
    let hours = |d: SimDuration| d.as_seconds() / 3600.0;
    if let Some(r) = warm.relaxation {
        // Under MSER-5 the warm-up is zero and never capped: only the
        // run's length against the load is worth a word.
        if warm.capped {
            eprintln!(
                "warning: at this load the queue takes about {:.0} h to forget that it started empty (its relaxation time); the warm-up is held at {:.0} h ({}× the measured window), so the waits are still biased low: give more --tickets-per-replication",
                hours(r),
                hours(warm.warm_up),
                WarmUp::MAX_MEASURED_MULTIPLE
            );
        } else if warm.warm_up.as_seconds() > measured.as_seconds() / 10.0 {
            eprintln!(
                "note: warm-up of {:.1} h per replication, five times the queue's relaxation time at this load ({:.1} h), so that the empty start does not bias the waits",
                hours(warm.warm_up),
                hours(r)
            );
        }
        if r.as_seconds() > measured.as_seconds() {
            eprintln!(
                "note: the measured window ({:.1} h) is shorter than the relaxation time: replications vary widely, which the interval shows; more --tickets-per-replication narrow it",
                hours(measured)
            );
        }
    }
    let model = SteadyStateModel {
        agents,
        classes: vec![TicketClass {
            name: "all".into(),
            arrivals_per_hour: per_hour,
            handle_time: DurationDistribution::Exponential {
                mean: traffic.mean_handle_time,
            },
            patience: traffic
                .mean_patience
                .map(|mean| DurationDistribution::Exponential { mean }),
            answer_within,
        }],
        dispatch: Dispatch::FirstComeFirstServed,
        warm_up: warm.warm_up,
        measured,
    };
    let run = RunConfig {
        replications: args.replications,
        seed: args.seed,
        threads: args.threads,
    };
    let show_progress = std::io::stderr().is_terminal();
    let observer = |p: Progress| {
        if show_progress {
            eprint!("\rsimulating: {}/{} replications", p.done, p.total);
        }
        Flow::Continue
    };
    let rule = if mser5 {
        WarmUpRule::Mser5
    } else {
        WarmUpRule::Fixed
    };
    let report = model
        .simulate_with(&run, CONFIDENCE, rule, &observer)
        .context("the simulation failed")?;
    if show_progress {
        eprintln!();
    }
    if let Some(t) = &report.truncation {
        if t.at_limit > 0 {
            eprintln!(
                "warning: in {} of {} replications MSER-5 discarded half the run, the most it considers: the run is too short for this load and the waits are still biased low; give more --tickets-per-replication",
                t.at_limit, report.replications
            );
        }
    }
    Ok((report, warm))
}

fn analytic_json(m: &QueueMetrics) -> Value {
    json!({
        "probability_of_waiting": m.probability_of_waiting,
        "service_level": m.service_level,
        "average_speed_of_answer_seconds": m.average_speed_of_answer.as_seconds(),
        "mean_wait_seconds": m.mean_wait.as_seconds(),
        "occupancy": m.occupancy,
        "abandonment": m.abandonment,
    })
}

fn estimate_json(e: &Estimate) -> Value {
    json!({ "mean": e.mean, "low": e.low(), "high": e.high() })
}

fn simulated_json(r: &SteadyStateReport, warm: &WarmUp, args: &ErlangArgs) -> Value {
    let o = &r.overall;
    let mut out = json!({
        "replications": r.replications,
        "warm_up_seconds": warm.warm_up.as_seconds(),
        "relaxation_seconds": warm.relaxation.map(|d| d.as_seconds()),
        "warm_up_capped": warm.capped,
        "seed": args.seed,
        "tickets": o.tickets,
        "confidence": CONFIDENCE,
        "probability_of_waiting": estimate_json(&o.probability_of_waiting),
        "service_level": estimate_json(&o.service_level),
        "average_speed_of_answer_seconds": estimate_json(&o.average_speed_of_answer),
        "mean_wait_seconds": estimate_json(&o.mean_wait),
        "answered_wait_p90_seconds": o.answered_wait_p90.as_ref().map(estimate_json),
        "occupancy": estimate_json(&r.occupancy),
        "abandonment": estimate_json(&o.abandonment),
    });
    // The warm-up MSER-5 chose, when it chose it: the mean over
    // replications of what each discarded.
    if let Some(t) = &r.truncation {
        out["mser5"] = json!({
            "tickets_discarded": estimate_json(&t.tickets),
            "seconds_discarded": estimate_json(&t.seconds),
            "replications_at_limit": t.at_limit,
        });
    }
    out
}

fn pct(x: f64) -> String {
    format!("{:.2}%", 100.0 * x)
}

fn secs(x: f64) -> String {
    format!("{x:.1}s")
}

/// One line of the text table: label, analytic figure, and the simulated
/// estimate with whether it is a share (printed in %) or seconds.
type Row<'a> = (&'a str, String, Option<(&'a Estimate, bool)>);

/// Writes the answer to standard output; a reader that closed the pipe
/// early (`| head`) is not an error.
pub(crate) fn emit(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("could not write the answer"),
    }
}

fn text_table(
    args: &ErlangArgs,
    model_name: &str,
    agents: u32,
    scheduled: u32,
    m: &QueueMetrics,
    sim: Option<&SteadyStateReport>,
) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    // Writing to a String cannot fail.
    macro_rules! put {
        ($($arg:tt)*) => {{
            let _ = writeln!(out, $($arg)*);
        }};
    }
    put!("Model             {model_name}");
    put!(
        "Offered load      {:.3} Erlangs ({} tickets/h, AHT {})",
        m.offered_load,
        args.arrivals_per_hour,
        args.aht
    );
    match args.target {
        Some(t) => put!(
            "Agents needed     {agents} for {t} answered within {}",
            args.answer_within
        ),
        None => put!("Agents            {agents}"),
    }
    if args.shrinkage.value() > 0.0 {
        put!(
            "Scheduled         {scheduled} (shrinkage {})",
            args.shrinkage
        );
    }
    let sl_label = format!("Answered ≤ {}", args.answer_within);
    let rows: Vec<Row> = {
        let o = sim.map(|r| &r.overall);
        vec![
            (
                "P(wait)",
                pct(m.probability_of_waiting),
                o.map(|o| (&o.probability_of_waiting, true)),
            ),
            (
                &sl_label,
                pct(m.service_level),
                o.map(|o| (&o.service_level, true)),
            ),
            (
                "ASA",
                secs(m.average_speed_of_answer.as_seconds()),
                o.map(|o| (&o.average_speed_of_answer, false)),
            ),
            (
                "Mean wait",
                secs(m.mean_wait.as_seconds()),
                o.map(|o| (&o.mean_wait, false)),
            ),
            (
                "Occupancy",
                pct(m.occupancy),
                sim.map(|r| (&r.occupancy, true)),
            ),
            (
                "Abandonment",
                pct(m.abandonment),
                o.map(|o| (&o.abandonment, true)),
            ),
        ]
    };
    match sim {
        None => {
            for (label, value, _) in rows {
                put!("{label:<18}{value}");
            }
        }
        Some(r) => {
            put!(
                "{:<18}{:<14}simulated ({} replications, {} tickets, {:.0}% interval)",
                "",
                "analytic",
                r.replications,
                r.overall.tickets,
                CONFIDENCE * 100.0
            );
            for (label, value, est) in rows {
                let simulated = match est {
                    Some((e, true)) => {
                        format!("{} [{} – {}]", pct(e.mean), pct(e.low()), pct(e.high()))
                    }
                    Some((e, false)) => {
                        format!("{} [{} – {}]", secs(e.mean), secs(e.low()), secs(e.high()))
                    }
                    None => String::new(),
                };
                put!("{label:<18}{value:<14}{simulated}");
            }
            if let Some(t) = &r.truncation {
                put!(
                    "{:<18}MSER-5 discarded {:.0} tickets ({:.1} h) per replication on average",
                    "Warm-up",
                    t.tickets.mean,
                    t.seconds.mean / 3600.0
                );
            }
        }
    }
    out
}
