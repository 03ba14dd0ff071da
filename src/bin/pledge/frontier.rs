//! `pledge frontier`: what a range of values of one target (or of its
//! objective share) would take in agents, staff cost and credits.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::{ArgGroup, Args};
use pledge::model::{Money, Percent, TargetTime, UnitError};
use pledge::sim::frontier::{
    frontier, parse_shares, parse_values, Axis, Frontier, FrontierError, FrontierSettings,
    FrontierStep, TargetRef,
};
use pledge::sim::run::Flow;

use crate::erlang::{emit, Format};
use crate::size::{pct, SizingRunArgs};

/// Arguments of `pledge frontier`.
#[derive(Args, Debug)]
#[command(group(ArgGroup::new("axis").required(true).args(["values", "shares"])))]
pub struct FrontierArgs {
    /// The scenario file (YAML).
    scenario: PathBuf,
    /// The target moved: `PLAN/PRIORITY/METRIC` or
    /// `PLAN/PRIORITY/CHANNEL/METRIC`, e.g. `premium/P1/resolution`.
    #[arg(long, value_parser = parse_target)]
    target: TargetRef,
    /// The target's values, comma-separated: `2h,4h,6h,8h,12h` (or
    /// business days, `1bd,2bd`).
    #[arg(long, value_name = "LIST", value_parser = parse_value_list)]
    values: Option<Values>,
    /// The objective shares instead, comma-separated, the target as the
    /// agreement has it: `90%,95%,99%`.
    #[arg(long, value_name = "LIST", value_parser = parse_share_list)]
    shares: Option<Shares>,
    /// The share of tickets each value must be held for (default: the
    /// agreement's objective).
    #[arg(long, conflicts_with = "shares", value_parser = parse_share)]
    share: Option<Percent>,
    #[command(flatten)]
    run: SizingRunArgs,
    /// The most staffings one point's sizing simulates.
    #[arg(long, default_value_t = 400)]
    max_evaluations: u32,
    /// Work the frontier out RUNS times and print the median wall time on
    /// stderr (a benchmark; the figures are the same every time).
    #[arg(long, value_name = "RUNS")]
    bench: Option<u32>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// The values of `--values` (a named type, so clap keeps the list whole).
#[derive(Debug, Clone)]
struct Values(Vec<TargetTime>);

/// The shares of `--shares`.
#[derive(Debug, Clone)]
struct Shares(Vec<Percent>);

fn parse_target(text: &str) -> Result<TargetRef, String> {
    text.parse().map_err(|e: FrontierError| e.to_string())
}

fn parse_value_list(text: &str) -> Result<Values, String> {
    parse_values(text).map(Values).map_err(|e| e.to_string())
}

fn parse_share_list(text: &str) -> Result<Shares, String> {
    parse_shares(text).map(Shares).map_err(|e| e.to_string())
}

fn parse_share(text: &str) -> Result<Percent, String> {
    let share: Percent = text.parse().map_err(|e: UnitError| e.0)?;
    if share.value() > 0.0 && share.value() <= 100.0 {
        Ok(share)
    } else {
        Err(format!(
            "{share}: a share must be above 0% and at most 100%"
        ))
    }
}

/// Runs `pledge frontier`: 0 when the frontier was drawn (points without a
/// staffing say why), 1 when the scenario is not valid or the target is
/// not one of its agreement's, 2 on other errors.
pub fn run(args: FrontierArgs) -> anyhow::Result<ExitCode> {
    let Some(scenario) = crate::simulate::load_reported(&args.scenario) else {
        return Ok(ExitCode::from(1));
    };
    let axis = match (&args.values, &args.shares) {
        (Some(v), _) => Axis::Targets {
            values: v.0.clone(),
            objective: args.share,
        },
        (None, Some(s)) => Axis::Shares(s.0.clone()),
        (None, None) => anyhow::bail!("give --values or --shares"),
    };
    let settings = FrontierSettings {
        target: args.target.clone(),
        axis,
        confidence: args.run.confidence,
        run: args.run.run_config()?,
        max_evaluations: args.max_evaluations,
    };
    let show = std::io::stderr().is_terminal() && args.bench.is_none();
    let mut progress = |s: FrontierStep| {
        if show {
            eprint!(
                "\rfrontier: {} of {} points, {} staffings simulated   ",
                s.points_done, s.points, s.simulated
            );
        }
    };
    let runs = args.bench.unwrap_or(1).max(1);
    let mut times = Vec::new();
    let mut found = None;
    for _ in 0..runs {
        let started = Instant::now();
        let result = frontier(&scenario, &settings, &mut progress, &|_| Flow::Continue);
        times.push(started.elapsed().as_secs_f64());
        if show {
            eprintln!();
        }
        match result {
            Ok(f) => found = Some(f),
            Err(e @ FrontierError::Sizing { .. }) => {
                eprintln!("{}: {e}", args.scenario.display());
                return Ok(ExitCode::from(1));
            }
            Err(e) => {
                eprintln!("{}: --target {}: {e}", args.scenario.display(), args.target);
                return Ok(ExitCode::from(1));
            }
        }
    }
    let Some(found) = found else {
        return Ok(ExitCode::from(2));
    };
    times.sort_by(f64::total_cmp);
    let median = if times.len() % 2 == 1 {
        times[times.len() / 2]
    } else {
        (times[times.len() / 2 - 1] + times[times.len() / 2]) / 2.0
    };
    if args.bench.is_some() {
        eprintln!(
            "bench: {} points, {} staffings simulated; median {median:.2} s over {runs} runs (min {:.2} s, max {:.2} s)",
            found.points.len(),
            found.simulated,
            times[0],
            times[times.len() - 1]
        );
    }
    let text = match args.format {
        Format::Json => {
            serde_json::to_string_pretty(&found).context("could not write JSON")? + "\n"
        }
        Format::Text => frontier_text(&found, median),
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn amount(m: Option<Money>) -> String {
    m.map_or("-".into(), |m| m.to_string())
}

/// The frontier as a table of at most 100 columns.
fn frontier_text(f: &Frontier, seconds: f64) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "frontier of {} (the agreement: {} for {} of tickets)",
        f.target, f.contractual, f.contractual_objective
    );
    let _ = writeln!(
        out,
        "every objective held in {} of months; {} replications a staffing, seed {};\n{} staffings simulated in {seconds:.1} s\n",
        pct(f.confidence),
        f.replications,
        f.seed,
        f.simulated
    );
    let _ = writeln!(
        out,
        "{:>7} {:>7} {:>6} {:>12} {:>13} {:>8} {:>13} {:>13} {:>5}",
        "target",
        "held",
        "agents",
        "agent-h/week",
        "staff/month",
        "P(month)",
        "credits mean",
        "credits p95",
        "sims"
    );
    for p in &f.points {
        let _ = writeln!(
            out,
            "{:>7} {:>7} {:>6} {:>12} {:>13} {:>8} {:>13} {:>13} {:>5}",
            if f.axis == "share" {
                f.contractual.clone()
            } else {
                p.value.clone()
            },
            p.objective.to_string(),
            p.agents.map_or("-".into(), |a| a.to_string()),
            p.agent_hours.map_or("-".into(), |h| format!("{h:.1}")),
            amount(p.staff_per_month),
            p.p_meets.map_or("-".into(), pct),
            amount(p.credits_expected),
            amount(p.credits_p95),
            p.simulated
        );
    }
    let _ = writeln!(out, "\namounts per month in {}", f.currency);
    if f.points.iter().all(|p| p.staff_per_month.is_none()) {
        let _ = writeln!(
            out,
            "staff cost: none, the scenario gives no cost_per_hour for its teams"
        );
    }
    for p in &f.points {
        if let Some(problem) = &p.problem {
            let _ = writeln!(out, "{}: no staffing: {problem}", p.value);
        }
    }
    let looser: Vec<&str> = f
        .points
        .iter()
        .filter(|p| p.from_looser)
        .map(|p| p.value.as_str())
        .collect();
    if !looser.is_empty() {
        let _ = writeln!(
            out,
            "held by the looser point's staffing (one simulation each): {}",
            looser.join(", ")
        );
    }
    for n in &f.notes {
        let _ = writeln!(out, "note: {n}");
    }
    out
}
