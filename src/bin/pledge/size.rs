//! `pledge size`: the fewest agents per team and shift that hold every
//! contractual objective in a given share of months; and the credits and
//! availability section that `pledge simulate` prints.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use crate::erlang::{emit, Format};
use anyhow::Context;
use clap::{Args, ValueEnum};
use pledge::model::{Money, Percent, UnitError};
use pledge::sim::outcome::ScenarioCredits;
use pledge::sim::run::{Flow, RunConfig};
use pledge::sim::size::{
    size_scenario, size_scenario_with, Goal, SearchStep, SizeError, SizeOptions, SizePlan,
    SizingReport,
};
use pledge::sim::SimError;

/// Arguments of `pledge size`.
#[derive(Args, Debug)]
pub struct SizeArgs {
    /// The scenario file (YAML).
    scenario: PathBuf,
    /// What to minimise: `agents` (the fewest paid agent-hours holding
    /// every objective), `total-cost` (staff cost plus expected credits per
    /// month) or `staff-cost` (the lowest staff cost whose 95th-percentile
    /// monthly credit is at most `--credit-p95-under`). A goal in money
    /// needs a `cost_per_hour` for every shift.
    #[arg(long, value_enum, default_value_t = Minimise::Agents)]
    minimise: Minimise,
    /// With `--minimise staff-cost`: the most the 95th percentile of a
    /// month's credits may reach, in the agreement's currency, e.g. `2500`
    /// or `2500.50`.
    #[arg(long, value_name = "AMOUNT", value_parser = parse_limit)]
    credit_p95_under: Option<Money>,
    #[command(flatten)]
    run: SizingRunArgs,
    /// The most staffings to simulate.
    #[arg(long, default_value_t = 400)]
    max_evaluations: u32,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// What `pledge size` minimises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Minimise {
    /// The fewest paid agent-hours holding every objective.
    Agents,
    /// Staff cost plus expected credits per month.
    TotalCost,
    /// Staff cost per month, under a limit on the 95th-percentile credit.
    StaffCost,
}

/// The arguments `pledge size` and `pledge frontier` share: how each
/// staffing is simulated and how often its objectives must hold.
#[derive(Args, Debug)]
pub(crate) struct SizingRunArgs {
    /// The share of months in which every objective must hold, with its %
    /// sign, e.g. `90%` (a bare `0.9` is refused); above 0% and at most 100%.
    #[arg(long, default_value = "90%", value_parser = parse_confidence)]
    pub(crate) confidence: f64,
    /// Replications of every staffing simulated.
    #[arg(long, default_value_t = 20)]
    replications: u32,
    /// Master seed, the same for every staffing simulated.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Worker threads (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
}

impl SizingRunArgs {
    /// The replications, seed and threads of every staffing simulated.
    pub(crate) fn run_config(&self) -> anyhow::Result<RunConfig> {
        if self.replications == 0 {
            anyhow::bail!("--replications must be at least 1");
        }
        Ok(RunConfig {
            replications: self.replications,
            seed: self.seed,
            threads: self.threads,
        })
    }
}

/// Reads `--confidence` as the files read a percentage (the same parser,
/// the same message for a bare number), as a fraction of one.
pub(crate) fn parse_confidence(text: &str) -> Result<f64, String> {
    let share: Percent = text.parse().map_err(|e: UnitError| e.0)?;
    if share.value() > 0.0 && share.value() <= 100.0 {
        Ok(share.fraction())
    } else {
        Err(format!("{share} is outside the allowed range: the confidence must be above 0% and at most 100%"))
    }
}

/// Reads `--credit-p95-under` as the files read an amount; below zero is
/// refused.
fn parse_limit(text: &str) -> Result<Money, String> {
    let limit: Money = text.parse().map_err(|e: UnitError| e.0)?;
    if limit.cents() < 0 {
        return Err(format!(
            "{limit} is below zero: the limit on the 95th-percentile monthly credit must be zero or more"
        ));
    }
    Ok(limit)
}

/// The goal `--minimise` and `--credit-p95-under` ask for, or why they do
/// not go together.
fn goal(minimise: Minimise, limit: Option<Money>) -> anyhow::Result<Goal> {
    match (minimise, limit) {
        (Minimise::Agents, None) => Ok(Goal::Objectives),
        (Minimise::TotalCost, None) => Ok(Goal::TotalCost),
        (Minimise::StaffCost, Some(credit_p95_under)) => Ok(Goal::StaffCost { credit_p95_under }),
        (Minimise::StaffCost, None) => anyhow::bail!(
            "--minimise staff-cost needs --credit-p95-under AMOUNT: the most a month's credits may reach in one month in twenty"
        ),
        (other, Some(_)) => anyhow::bail!(
            "--credit-p95-under applies only to --minimise staff-cost, not to --minimise {}",
            match other {
                Minimise::Agents => "agents",
                _ => "total-cost",
            }
        ),
    }
}

/// Runs `pledge size`: 0 when a staffing was found, 1 when the scenario is
/// not valid or no staffing within the limits meets the objectives.
pub fn run(args: SizeArgs) -> anyhow::Result<ExitCode> {
    let goal = goal(args.minimise, args.credit_p95_under)?;
    if crate::simulate::read_is_portfolio(&args.scenario) {
        return run_portfolio(&args, goal);
    }
    let Some(scenario) = crate::simulate::load_reported(&args.scenario) else {
        return Ok(ExitCode::from(1));
    };
    let options = SizeOptions {
        confidence: args.run.confidence,
        run: args.run.run_config()?,
        max_evaluations: args.max_evaluations,
    };
    let show_progress = std::io::stderr().is_terminal();
    let started = Instant::now();
    let currency = scenario.agreement.meta.currency.clone();
    let in_money = goal.in_money().then_some(currency.as_str());
    let mut progress = |step: SearchStep| {
        if show_progress {
            print_progress(&step, in_money);
        }
    };
    let result = if goal.in_money() {
        let plan = SizePlan {
            goal,
            ..SizePlan::default()
        };
        size_scenario_with(&scenario, &options, &plan, &mut progress, &|_| {
            Flow::Continue
        })
    } else {
        size_scenario(&scenario, &options, &mut progress)
    };
    if show_progress {
        eprintln!();
    }
    report_sizing(&args, result, started, |path, problem| {
        format!("{}: {path}: {problem}", args.scenario.display())
    })
}

/// Issue 16: `pledge size PORTFOLIO.yaml` sizes the shared teams so that
/// every member's objectives hold at once; a goal in money is refused
/// (the members' credits may be in several currencies).
fn run_portfolio(args: &SizeArgs, goal: Goal) -> anyhow::Result<ExitCode> {
    use pledge::sim::portfolio::Portfolio;
    if goal.in_money() {
        eprintln!(
            "{}: a portfolio is sized on its objectives (`--minimise agents`): its members' credits may be in several currencies",
            args.scenario.display()
        );
        return Ok(ExitCode::from(1));
    }
    let portfolio = match Portfolio::load(&args.scenario) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return Ok(ExitCode::from(1));
        }
    };
    let options = SizeOptions {
        confidence: args.run.confidence,
        run: args.run.run_config()?,
        max_evaluations: args.max_evaluations,
    };
    let show_progress = std::io::stderr().is_terminal();
    let started = Instant::now();
    let mut progress = |step: SearchStep| {
        if show_progress {
            print_progress(&step, None);
        }
    };
    let result =
        pledge::sim::size::size_portfolio(&portfolio, &options, &mut progress, &|_| Flow::Continue);
    if show_progress {
        eprintln!();
    }
    report_sizing(args, result, started, |path, problem| {
        portfolio.problem(&path, problem).to_string()
    })
}

/// Rewrites the progress line on standard error: staffings simulated and
/// the best so far, in `currency` per month for a goal in money (the cost
/// is in cents), else in agent-hours a week.
fn print_progress(step: &SearchStep, currency: Option<&str>) {
    let best = step
        .best_cost
        .map_or("none yet".into(), |c| match currency {
            Some(currency) => format!("{:.0} {currency}/month", c / 100.0),
            None => format!("{c:.0} agent-h/week"),
        });
    eprint!(
        "\rsizing: {} staffings simulated, best {best}   ",
        step.evaluations
    );
}

/// Prints a sizing's answer (text or JSON) and exits 0, or its refusal
/// and exits 1: a parameter the engine refuses placed by `locate` (its
/// path and problem), an unreachable or unpriced sizing named with the
/// file.
fn report_sizing(
    args: &SizeArgs,
    result: Result<SizingReport, SizeError<SimError>>,
    started: Instant,
    locate: impl FnOnce(String, String) -> String,
) -> anyhow::Result<ExitCode> {
    let report = match result {
        Ok(r) => r,
        Err(SizeError::Evaluator(SimError::InvalidParameter { path, problem })) => {
            eprintln!("{}", locate(path, problem));
            return Ok(ExitCode::from(1));
        }
        Err(
            e @ (SizeError::Unreachable
            | SizeError::Budget(_)
            | SizeError::NoCost(_)
            | SizeError::Limit(_)),
        ) => {
            eprintln!("{}: {e}", args.scenario.display());
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(anyhow::anyhow!("the sizing failed: {e}")),
    };
    let text = match args.format {
        Format::Json => {
            serde_json::to_string_pretty(&report).context("could not write JSON")? + "\n"
        }
        Format::Text => sizing_text(&report, started.elapsed().as_secs_f64()),
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

fn sizing_text(r: &SizingReport, seconds: f64) -> String {
    let mut out = String::new();
    let currency = r.currency.as_deref().unwrap_or("");
    match r.goal {
        None | Some(Goal::Objectives) => {
            let _ = writeln!(
                out,
                "every objective met in at least {} of months; {} replications a candidate, seed {}; {} staffings simulated in {seconds:.1} s\n",
                pct(r.confidence),
                r.replications,
                r.seed,
                r.evaluations
            );
        }
        Some(goal) => {
            let aim = match goal {
                Goal::StaffCost { credit_p95_under } => format!(
                    "the lowest staff cost whose monthly credits stay at most {credit_p95_under} {currency} in 19 months of 20 (95th percentile)"
                ),
                _ => "the lowest total cost per month: staff cost plus expected credits".into(),
            };
            let _ = writeln!(
                out,
                "goal: {aim}\n{} replications a candidate, seed {}; {} staffings simulated in {seconds:.1} s\n",
                r.replications, r.seed, r.evaluations
            );
        }
    }
    let _ = writeln!(
        out,
        "{:<32} {:<12} {:>7} {:>7} {:>13} {:>7}",
        "team", "shift", "current", "→ size", "agent-h/week", "Erlang"
    );
    for s in &r.shifts {
        let arrow = match s.recommended.cmp(&s.current) {
            std::cmp::Ordering::Greater => format!("+{}", s.recommended - s.current),
            std::cmp::Ordering::Less => format!("-{}", s.current - s.recommended),
            std::cmp::Ordering::Equal => "=".into(),
        };
        let _ = writeln!(
            out,
            "{:<32} {:<12} {:>7} {:>7} {:>13} {:>7}",
            s.team,
            s.shift,
            s.current,
            format!("{} ({arrow})", s.recommended),
            format!("{:.1}", s.hours_per_agent * f64::from(s.recommended)),
            s.erlang
        );
    }
    let _ = writeln!(
        out,
        "\nErlang: where the search started, Erlang C per shift for the work on duty, aiming at"
    );
    for b in &r.erlang_basis {
        let _ = writeln!(
            out,
            "  {}: {} answered within {} ({}), work sessions of {} on average",
            b.team,
            pct(b.service_level),
            crate::simulate::span(b.answer_within_seconds),
            if b.from_targets {
                "the tightest first-response target of the tickets it triages"
            } else {
                "a default: it triages no ticket with a fixed first-response target"
            },
            crate::simulate::span(b.mean_handle_seconds),
        );
    }
    let _ = writeln!(
        out,
        "\nagent-hours per week: {:.1} today → {:.1} recommended ({:+.1}); today's staffing {} the objectives",
        r.current_agent_hours,
        r.recommended_agent_hours,
        r.recommended_agent_hours - r.current_agent_hours,
        if r.current_meets { "meets" } else { "does not meet" }
    );
    if let (Some(now), Some(then)) = (&r.costs_current, &r.costs_recommended) {
        let m = |x: Money| x.to_string();
        let _ = writeln!(
            out,
            "\n{:<30} {:>20} {:>20}",
            format!("per month, in {currency}"),
            "today",
            "recommended"
        );
        let rows = [
            (
                "staff cost",
                m(now.staff_per_month),
                m(then.staff_per_month),
            ),
            (
                "expected credits",
                m(now.credits_expected),
                m(then.credits_expected),
            ),
            (
                "credits, 95th percentile",
                m(now.credits_p95),
                m(then.credits_p95),
            ),
            (
                "total cost (staff + expected)",
                m(now.total_expected),
                m(then.total_expected),
            ),
        ];
        for (label, today, recommended) in rows {
            let _ = writeln!(out, "{label:<30} {today:>20} {recommended:>20}");
        }
        let _ = writeln!(
            out,
            "{:<30} {:>20} {:>20}",
            "total cost, 95% interval",
            format!("{}–{}", now.total_interval.0, now.total_interval.1),
            format!("{}–{}", then.total_interval.0, then.total_interval.1)
        );
        if r.budget_exhausted {
            let _ = writeln!(
                out,
                "the search stopped at --max-evaluations before it had tried every move: the staffing is the cheapest of the {} simulated",
                r.evaluations
            );
        }
    } else if let (Some(now), Some(then)) = (&r.cost_current, &r.cost_recommended) {
        let _ = writeln!(
            out,
            "staff cost per month: {:.2} today → {:.2} recommended ({:+.2}), in the agreement's currency",
            now.per_month.cents() as f64 / 100.0,
            then.per_month.cents() as f64 / 100.0,
            (then.per_month.cents() - now.per_month.cents()) as f64 / 100.0,
        );
    }
    if !r.objectives.is_empty() {
        let _ = writeln!(
            out,
            "\n{:<12} {:<4} {:<10} {:<15} {:>6} {:>14} {:>14}",
            "plan", "prio", "channel", "metric", "goal", "P(month) today", "recommended"
        );
        for o in &r.objectives {
            let _ = writeln!(
                out,
                "{:<12} {:<4} {:<10} {:<15} {:>6} {:>14} {:>14}",
                o.member
                    .as_ref()
                    .map_or(o.plan.clone(), |m| format!("{m}/{}", o.plan)),
                o.priority,
                o.channel.as_deref().unwrap_or("-"),
                o.metric.key(),
                o.objective.map_or("-".into(), |p| p.to_string()),
                pct(o.p_meets_current),
                pct(o.p_meets)
            );
        }
    }
    out
}

fn money(m: Option<Money>, currency: &str) -> String {
    m.map_or("-".into(), |m| format!("{m} {currency}"))
}

/// The credits and availability section of `pledge simulate`'s text output.
pub fn credits_text(c: &ScenarioCredits) -> String {
    let mut out = String::new();
    if !c.availability.is_empty() {
        let _ = writeln!(
            out,
            "\n{:<16} {:>8} {:>9} {:>9} {:>9} {:>13} {:>9}",
            "availability", "target", "mean", "p5", "median", "downtime/mo", "P(month)"
        );
        for a in &c.availability {
            let _ = writeln!(
                out,
                "{:<16} {:>8} {:>9} {:>9} {:>9} {:>13} {:>9}",
                a.service,
                a.target.to_string(),
                format!("{:.3}%", a.mean_uptime),
                format!("{:.3}%", a.quantiles[0]),
                format!("{:.3}%", a.quantiles[1]),
                format!("{:.0} min", a.mean_downtime_minutes),
                pct(a.p_meets)
            );
        }
    }
    if !c.credits.schedules.is_empty() {
        let _ = writeln!(
            out,
            "\nservice credits per month ({} replication-months: {}); monthly fee {}",
            c.credits.months,
            c.months.join(", "),
            money(c.monthly_fee, &c.currency)
        );
        let _ = writeln!(
            out,
            "{:<24} {:>16} {:>16} {:>10} {:>10}  chronic failure",
            "schedule", "expected", "95th pct", "P(credit)", "P(missed)"
        );
        for s in &c.credits.schedules {
            let chronic = s.chronic.map_or(String::new(), |ch| {
                let simulated = ch
                    .simulated
                    .map_or("runs shorter than the window".into(), pct);
                format!(
                    "{} of {}: {simulated} simulated, {} if months were independent",
                    ch.missed,
                    ch.window,
                    pct(ch.independent_months)
                )
            });
            let _ = writeln!(
                out,
                "{:<24} {:>16} {:>16} {:>10} {:>10}  {chronic}",
                s.schedule,
                money(s.expected, &c.currency),
                money(s.p95, &c.currency),
                pct(s.p_credit),
                pct(s.p_missed)
            );
        }
        let _ = writeln!(
            out,
            "{:<24} {:>16} {:>16} {:>10}",
            "all schedules",
            money(c.credits.expected, &c.currency),
            money(c.credits.p95, &c.currency),
            pct(c.credits.p_credit)
        );
    }
    if let Some(k) = &c.costs {
        let m = |x: Money| money(Some(x), &c.currency);
        let _ = writeln!(
            out,
            "\ncost per month: staff {} + expected credits {} = {} (95% interval {} – {}); credits reach {} in one month in twenty",
            m(k.staff_per_month),
            m(k.credits_expected),
            m(k.total_expected),
            m(k.total_interval.0),
            m(k.total_interval.1),
            m(k.credits_p95),
        );
        if !k.teams_without_cost.is_empty() {
            let _ = writeln!(
                out,
                "  no cost_per_hour for {}: counted at zero",
                k.teams_without_cost.join(", ")
            );
        }
    }
    if !c.penalties.is_empty() {
        let _ = writeln!(out, "\npenalties (not simulated; value per event):");
        for p in &c.penalties {
            let _ = writeln!(
                out,
                "  {} {}: {}",
                money(p.per_event, &c.currency),
                p.per,
                p.trigger
            );
        }
    }
    out
}
