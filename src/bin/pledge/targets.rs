//! `pledge history targets`: the targets a team can hold, from its ticket
//! history and, with a scenario, by simulating today's staffing.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use pledge::history::targets::{
    history_targets, simulate_targets, skipped_words, HistoryTargets, RowTargets, Share, Shares,
    SimulatedTargets, SimulationSettings, TargetsError,
};
use pledge::model::{Metric, Percent, UnitError};
use pledge::sim::run::RunConfig;
use pledge::store::{HistoryName, Store};
use serde::Serialize;

use crate::erlang::{emit, Format};
use crate::history::AgreementChoice;

/// Arguments of `pledge history targets`.
#[derive(Args)]
pub struct TargetsArgs {
    /// The history.
    name: String,
    #[command(flatten)]
    agreement: AgreementChoice,
    /// The share of tickets a target must be held in, with its % sign.
    #[arg(long, default_value = "90%", value_parser = parse_percent)]
    share: Percent,
    /// The share of months a target must be met in (at the row's objective).
    #[arg(long, default_value = "90%", value_parser = parse_percent)]
    months: Percent,
    /// A scenario file: also find the tightest targets today's staffing
    /// meets by simulation, and the agents tighter ones would take. The
    /// scenario's workload and staffing are simulated with the agreement
    /// chosen above.
    #[arg(long, value_name = "FILE")]
    scenario: Option<PathBuf>,
    /// Replications of every simulation.
    #[arg(long, default_value_t = 20, requires = "scenario")]
    replications: u32,
    /// The seed of every simulation (the same for every value).
    #[arg(long, default_value_t = 1, requires = "scenario")]
    seed: u64,
    /// How many steps tighter than the simulated tightest target to size.
    #[arg(long, default_value_t = 1, requires = "scenario")]
    tighter: u32,
    /// Only the rows of this priority (repeat for several).
    #[arg(long, value_name = "ID")]
    priority: Vec<String>,
    /// The most staffings one sizing simulates.
    #[arg(long, default_value_t = 400, requires = "scenario")]
    max_evaluations: u32,
    /// A mapping file whose `values:` read the history's words as the agreement's plans, priorities and channels.
    #[arg(long, value_name = "FILE")]
    mapping: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Reads a share as the files read a percentage (a bare `0.9` is refused).
fn parse_percent(text: &str) -> Result<Percent, String> {
    text.parse().map_err(|e: UnitError| e.0)
}

/// The JSON document.
#[derive(Serialize)]
struct Output<'a> {
    history: &'a str,
    from_history: &'a HistoryTargets,
    by_simulation: Option<&'a SimulatedTargets>,
}

/// Runs `pledge history targets`.
pub fn run(args: TargetsArgs, data_dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let shares = Shares {
        tickets: Share::new(args.share, "--share")?,
        months: Share::new(args.months, "--months")?,
    };
    if args.replications == 0 {
        anyhow::bail!("--replications must be at least 1");
    }
    let name: HistoryName = args.name.parse()?;
    let path = crate::store::database_path(data_dir)?;
    let store = Store::open(&path)?;
    let Some(agreement) = args.agreement.load(&store)? else {
        return Ok(ExitCode::from(1));
    };
    for p in &args.priority {
        if agreement.priorities.iter().all(|x| &x.id != p) {
            anyhow::bail!(
                "--priority {p}: the agreement has no such priority; it has {}",
                agreement
                    .priorities
                    .iter()
                    .map(|x| x.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    let values = match &args.mapping {
        Some(file) => pledge::history::read_mapping(file)?.values,
        None => Default::default(),
    };
    let mut found = history_targets(&store, &name, &agreement, &values, shares)?;
    if !args.priority.is_empty() {
        found.rows.retain(|r| args.priority.contains(&r.priority));
    }
    let simulated = match &args.scenario {
        None => None,
        Some(file) => {
            let Some(mut scenario) = crate::simulate::load_reported(file) else {
                return Ok(ExitCode::from(1));
            };
            scenario.agreement = agreement.clone();
            let rows: Vec<usize> = agreement
                .targets
                .iter()
                .enumerate()
                .filter(|(_, t)| args.priority.is_empty() || args.priority.contains(&t.priority))
                .map(|(i, _)| i)
                .collect();
            let settings = SimulationSettings {
                months: shares.months,
                run: RunConfig {
                    replications: args.replications,
                    seed: args.seed,
                    threads: None,
                },
                tighter_steps: args.tighter,
                max_evaluations: args.max_evaluations,
                ..SimulationSettings::default()
            };
            let show = std::io::stderr().is_terminal();
            let mut progress = |n: u32| {
                if show {
                    eprint!("\rsearching the tightest targets: {n} simulations   ");
                }
            };
            let result = simulate_targets(
                &scenario,
                Some(&found),
                Some(&rows),
                &settings,
                &mut progress,
            );
            if show {
                eprintln!();
            }
            match result {
                Ok(s) => Some(s),
                Err(e @ (TargetsError::Simulation { .. } | TargetsError::Baseline(_))) => {
                    eprintln!("{}: {e}", file.display());
                    return Ok(ExitCode::from(1));
                }
                Err(e) => return Err(e.into()),
            }
        }
    };
    let text = match args.format {
        Format::Json => {
            serde_json::to_string_pretty(&Output {
                history: name.as_str(),
                from_history: &found,
                by_simulation: simulated.as_ref(),
            })
            .context("could not write JSON")?
                + "\n"
        }
        Format::Text => {
            let mut t = history_text(name.as_str(), &found);
            if let Some(s) = &simulated {
                t.push_str(&simulation_text(s));
            }
            t
        }
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn row_label(plan: &str, priority: &str, channel: Option<&str>) -> String {
    match channel {
        Some(c) => format!("{plan} {priority} {c}"),
        None => format!("{plan} {priority}"),
    }
}

fn metric_label(metric: Metric, paused: bool) -> String {
    let word = metric.words();
    if paused {
        format!("{word}*")
    } else {
        word.to_owned()
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

fn history_text(name: &str, h: &HistoryTargets) -> String {
    let mut out = String::new();
    let measured: u64 = h.tickets - h.unmeasured.iter().map(|u| u.tickets).sum::<u64>();
    let _ = writeln!(
        out,
        "history `{name}`: {} tickets, {measured} placed in a target row",
        h.tickets
    );
    for u in &h.unmeasured {
        let _ = writeln!(out, "  {} tickets {}", u.tickets, skipped_words(u.reason));
    }
    let _ = writeln!(
        out,
        "tightest target held in {} of tickets, and met at the row's objective in {} of months;",
        h.ticket_share.percent(),
        h.month_share.percent(),
    );
    out.push_str(&wrap(h.rounding, 100));
    let _ = writeln!(
        out,
        "\n{:<20} {:<15} {:<8} {:>5} {:>8} {:>7} {:>9} {:>5} {:>9} {:>5}",
        "row",
        "metric",
        "clock",
        "goal",
        "contract",
        "tickets",
        "tickets",
        "holds",
        "months",
        "holds"
    );
    for r in &h.rows {
        let _ = writeln!(
            out,
            "{:<20} {:<15} {:<8} {:>5} {:>8} {:>7} {:>9} {:>5} {:>9} {:>5}",
            row_label(&r.plan, &r.priority, r.channel.as_deref()),
            metric_label(r.metric, r.paused),
            match r.clock {
                pledge::model::ClockBasis::Business => "business",
                pledge::model::ClockBasis::Calendar => "calendar",
            },
            r.objective.to_string(),
            r.contractual,
            r.tickets,
            r.in_tickets
                .as_ref()
                .map_or("never".into(), |f| f.target.clone()),
            yes_no(r.holds_in_tickets),
            match (&r.in_months, r.holds_in_months) {
                (Some(f), _) => f.target.clone(),
                (None, Some(_)) => "never".into(),
                (None, None) => "-".into(),
            },
            r.holds_in_months.map_or("-", yes_no),
        );
    }
    let _ = writeln!(
        out,
        "* pending time left out. never: the share falls on tickets never answered or resolved\n\
         (a month just before the export may hold many). -: no month with enough tickets."
    );
    for r in &h.rows {
        notes(&mut out, r);
    }
    out
}

/// `text` in lines of at most `width` characters, broken at spaces.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

fn notes(out: &mut String, r: &RowTargets) {
    let label = format!(
        "{} {}",
        row_label(&r.plan, &r.priority, r.channel.as_deref()),
        metric_label(r.metric, false)
    );
    if r.never_reached > 0 {
        let _ = writeln!(
            out,
            "{label}: {} of {} tickets never got there before the export (counted as not met)",
            r.never_reached, r.tickets
        );
    }
    let left: Vec<String> = r
        .left_out()
        .map(|m| format!("{} ({} tickets)", m.month, m.tickets))
        .collect();
    if !left.is_empty() {
        let _ = writeln!(
            out,
            "{label}: months left out, fewer than {} tickets: {}",
            r.min_month_tickets,
            left.join(", ")
        );
    }
}

fn pct(p: Option<f64>) -> String {
    p.map_or("-".into(), |p| format!("{:.1}%", 100.0 * p))
}

fn simulation_text(s: &SimulatedTargets) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nby simulation of `{}` with today's staffing: tightest target met in {} of months;\n{} replications, seed {}; {} simulations to search, {} to size",
        s.scenario,
        s.month_share.percent(),
        s.replications,
        s.seed,
        s.search_simulations,
        s.sizing_simulations
    );
    let _ = writeln!(
        out,
        "\n{:<20} {:<15} {:>8} {:>8} {:>8} {:>8} {:>12}",
        "row", "metric", "contract", "P(month)", "tightest", "P(month)", "step tighter"
    );
    for r in &s.rows {
        let _ = writeln!(
            out,
            "{:<20} {:<15} {:>8} {:>8} {:>8} {:>8} {:>12}",
            row_label(&r.plan, &r.priority, r.channel.as_deref()),
            metric_label(r.metric, false),
            r.contractual,
            pct(Some(r.p_meets_contractual)),
            r.tightest
                .as_ref()
                .map_or("none".into(), |f| f.target.clone()),
            pct(r.p_meets_tightest),
            pct(r.p_meets_step_tighter),
        );
    }
    if s.deadline_dispatch {
        let _ = writeln!(
            out,
            "the scenario dispatches by earliest deadline: a row's target also sets how urgent its\n\
             tickets are, so a looser target can be met less often; read these values with care"
        );
    }
    let _ = writeln!(
        out,
        "\nagents on every shift together for every objective to hold, with the row's target at:"
    );
    for r in &s.rows {
        let label = format!(
            "{} {}",
            row_label(&r.plan, &r.priority, r.channel.as_deref()),
            metric_label(r.metric, false)
        );
        for (i, c) in r.candidates.iter().enumerate() {
            let kind = match c.kind {
                pledge::history::targets::CandidateKind::Contractual => "contractual",
                pledge::history::targets::CandidateKind::History => "history",
                pledge::history::targets::CandidateKind::Simulated => "simulated",
                pledge::history::targets::CandidateKind::Tighter => "tighter",
            };
            let staffing = match (c.agents, c.agent_hours, &c.problem) {
                (Some(a), Some(h), _) => format!("{a:>4} agents {h:>8.1} agent-h/week"),
                (_, _, Some(p)) => p.clone(),
                _ => "-".into(),
            };
            let _ = writeln!(
                out,
                "{:<36} {:>8} {:<11} {staffing}",
                if i == 0 { label.as_str() } else { "" },
                c.target,
                kind
            );
        }
    }
    out
}
