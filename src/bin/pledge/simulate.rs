//! `pledge simulate`: run a scenario through the support model and print
//! compliance per target, OLA stages, occupancy and the backlog.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::erlang::{emit, Format};
use crate::size::pct;
use anyhow::Context;
use clap::Args;
use pledge::sim::model;
use pledge::sim::report::SimReport;
use pledge::sim::run::{Flow, Progress, RunConfig};
use pledge::sim::scenario::{Scenario, ScenarioError};

/// Arguments of `pledge simulate`.
#[derive(Args, Debug)]
pub struct SimulateArgs {
    /// The scenario file (YAML).
    scenario: PathBuf,
    /// Independent replications.
    #[arg(long, default_value_t = 20)]
    replications: u32,
    /// Master seed: the same seed gives the same figures.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Worker threads (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Another scenario to run with the same replications and seed and
    /// compare with this one (a what-if: a staffing, +20 % volume, another
    /// version of the agreement).
    #[arg(long, value_name = "OTHER_SCENARIO")]
    compare: Option<PathBuf>,
}

/// Runs `pledge simulate`: 0 when the simulation ran, 1 when the scenario
/// or its agreement is not valid or cannot be read (every problem printed
/// with its place), 2 on other errors, 130 when interrupted. With
/// `--compare OTHER`, both scenarios run with the same replications and
/// seed and their difference is printed (`pledge::sim::whatif`).
pub fn run(args: SimulateArgs) -> anyhow::Result<ExitCode> {
    if args.replications == 0 {
        anyhow::bail!("--replications must be at least 1");
    }
    let config = RunConfig {
        replications: args.replications,
        seed: args.seed,
        threads: args.threads,
    };
    if read_is_portfolio(&args.scenario) {
        if args.compare.is_some() {
            anyhow::bail!("--compare takes two ordinary scenarios, not a portfolio");
        }
        return run_portfolio(&args, &config);
    }
    // Every file is read and checked before anything runs.
    let Some(base) = prepared(&args.scenario) else {
        return Ok(ExitCode::from(1));
    };
    let other = match &args.compare {
        Some(path) => match prepared(path) {
            Some(p) => Some((path, p)),
            None => return Ok(ExitCode::from(1)),
        },
        None => None,
    };
    // A first Ctrl-C stops the run at once, inside the replications in
    // hand; a second ends the program; nothing is written before the end.
    interrupt::catch();
    let run = match simulated(&args.scenario, &base, &config)? {
        Ok(run) => run,
        Err(code) => return Ok(code),
    };
    let Some((other_path, other)) = other else {
        let text = match args.format {
            Format::Json => {
                let value = run.to_json().context("could not write JSON")?;
                serde_json::to_string_pretty(&value).context("could not write JSON")? + "\n"
            }
            Format::Text => {
                text_report(&run.report, Parts::ALL) + &crate::size::credits_text(&run.credits)
            }
        };
        emit(&text)?;
        return Ok(ExitCode::SUCCESS);
    };
    let other_run = match simulated(other_path, &other, &config)? {
        Ok(run) => run,
        Err(code) => return Ok(code),
    };
    let compared = match pledge::sim::whatif::compare(&run, &other_run) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("pledge: {e}");
            return Ok(ExitCode::from(1));
        }
    };
    let text = match args.format {
        Format::Json => {
            serde_json::to_string_pretty(&compared).context("could not write JSON")? + "\n"
        }
        Format::Text => whatif_text(&compared),
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// The scenario at `path` read, compiled and checked, each problem printed
/// with its place; none when it cannot run.
fn prepared(path: &Path) -> Option<(Scenario, model::CompiledModel)> {
    // issue 12: a bad file is the user's to fix, like in `validate`: each
    // problem is printed with its `file:line:col` and the exit code is 1.
    let scenario = load_reported(path)?;
    let compiled = match model::compile(&scenario) {
        Ok(c) => c,
        Err(e) => {
            match scenario.locate_error(e) {
                Ok(located) => eprintln!("{located}"),
                Err(other) => eprintln!("{}: {other}", path.display()),
            }
            return None;
        }
    };
    // issue 12: a workload far beyond what the teams can work is refused
    // before anything runs; one merely beyond it runs, with a warning.
    match model::check_workload(&scenario, &compiled) {
        Ok(None) => {}
        Ok(Some(balance)) => eprintln!(
            "{}: warning: {balance}: the backlog grows through the run and most targets will be missed",
            path.display()
        ),
        Err(e) => {
            eprintln!("{e}");
            return None;
        }
    }
    if let Some(short) = model::check_warm_up(&scenario, &compiled) {
        eprintln!("{}: warning: warm_up: {short}", path.display());
    }
    Some((scenario, compiled))
}

/// Runs a prepared scenario with its credits, showing progress on a
/// terminal; the exit code when it was interrupted or refused.
fn simulated(
    path: &Path,
    (scenario, compiled): &(Scenario, model::CompiledModel),
    config: &RunConfig,
) -> anyhow::Result<Result<pledge::sim::outcome::CreditedRun, ExitCode>> {
    let show_progress = std::io::stderr().is_terminal();
    let observer = |p: Progress| {
        if show_progress {
            eprint!("\rsimulating: {}/{} replications", p.done, p.total);
        }
        Flow::Continue
    };
    let result = pledge::sim::outcome::simulate_with_credits(
        scenario,
        compiled,
        config,
        &observer,
        interrupt::token(),
    );
    if show_progress {
        eprintln!();
    }
    match result {
        Err(pledge::sim::SimError::Cancelled) => {
            eprintln!("interrupted: nothing printed");
            Ok(Err(ExitCode::from(130)))
        }
        Err(e @ pledge::sim::SimError::TooManyOpenTickets { .. }) => {
            eprintln!("{}: {e}", path.display());
            Ok(Err(ExitCode::from(1)))
        }
        other => Ok(Ok(other.context("the simulation failed")?)),
    }
}

/// A what-if as a table: per objective the base's and the other's
/// compliance and months meeting the objective, their difference with its
/// 95 % interval, `*` where the difference is larger than the noise.
fn whatif_text(w: &pledge::sim::whatif::WhatIf) -> String {
    use pledge::sim::whatif::Difference;
    let points = |x: f64| format!("{:+.1}", x * 100.0);
    let cell = |d: &Difference| {
        format!(
            "{:>6} → {:>6} {:>6} [{}, {}]{}",
            pct(d.base),
            pct(d.other),
            points(d.difference),
            points(d.low),
            points(d.high),
            if d.significant { " *" } else { "" }
        )
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "What-if: {} (base) against {}, {} paired replications, seed {}",
        w.base, w.other, w.replications, w.seed
    );
    let _ = writeln!(
        out,
        "differences are other − base in percentage points, 95% interval of the paired differences; * larger than the simulation's noise\n"
    );
    let _ = writeln!(
        out,
        "{} {:<9} compliance                          months meeting the objective",
        row_prefix("plan", "prio", "channel", "metric"),
        "target"
    );
    for o in &w.objectives {
        let target = if o.within_base == o.within_other {
            o.within_base.clone()
        } else {
            format!("{}→{}", o.within_base, o.within_other)
        };
        let _ = writeln!(
            out,
            "{} {:<9} {}   {}",
            row_prefix(
                &o.plan,
                &o.priority,
                o.channel.as_deref().unwrap_or("-"),
                o.metric.key()
            ),
            target,
            cell(&o.compliance),
            o.p_meets.as_ref().map(cell).unwrap_or_else(|| "-".into())
        );
    }
    for u in &w.unmatched {
        let _ = writeln!(out, "only in one run: {u}");
    }
    let m = &w.money;
    let money = |d: &Difference| {
        format!(
            "{:.2} → {:.2} {} {:+.2} [{:+.2}, {:+.2}]{}",
            d.base,
            d.other,
            m.currency,
            d.difference,
            d.low,
            d.high,
            if d.significant { " *" } else { "" }
        )
    };
    let _ = writeln!(out, "\ncredits per month: {}", money(&m.credits));
    if let Some((b, o)) = &m.staff {
        let _ = writeln!(out, "staff per month:   {b} → {o} {}", m.currency);
    }
    if let Some(t) = &m.total {
        let _ = writeln!(out, "total per month:   {}", money(t));
    }
    let _ = writeln!(
        out,
        "\n{} of the differences are larger than the simulation's noise.",
        w.significant()
    );
    out
}

/// Which parts of a report [`text_report`] prints: a portfolio prints the
/// shared parts once and each member's rows under it.
#[derive(Clone, Copy)]
struct Parts {
    /// The name, the measured window and its months.
    header: bool,
    /// Objectives, times, OLAs, abandonment and escalation.
    rows: bool,
    /// Teams, backlog, open and reopened tickets, the worst hour.
    shared: bool,
}

impl Parts {
    const ALL: Parts = Parts {
        header: true,
        rows: true,
        shared: true,
    };
}

fn text_report(r: &SimReport, parts: Parts) -> String {
    let mut out = String::new();
    if parts.header {
        header_text(&mut out, r);
    }
    if parts.rows {
        rows_text(&mut out, r);
    }
    if parts.shared {
        teams_text(&mut out, r);
    }
    if parts.rows {
        if let Some(levels) = &r.escalation {
            escalation_text(&mut out, levels);
        }
    }
    if parts.shared {
        worst_hour_text(&mut out, r);
    }
    out
}

fn header_text(out: &mut String, r: &SimReport) {
    let months: Vec<&str> = r.months.iter().map(|m| m.label.as_str()).collect();
    let _ = writeln!(
        out,
        "{}",
        if r.scenario.is_empty() {
            "Simulation"
        } else {
            &r.scenario
        }
    );
    let _ = writeln!(
        out,
        "measured {} to {}; {} replications, seed {}; {:.0} tickets per replication",
        r.measured_from, r.measured_to, r.replications, r.seed, r.tickets.mean
    );
    let _ = writeln!(
        out,
        "months ({}, by creation date): {}{}\n",
        r.time_zone,
        months.join(", "),
        if r.months.iter().all(|m| m.complete) {
            ""
        } else {
            " (partial)"
        }
    );
}

fn rows_text(out: &mut String, r: &SimReport) {
    let _ = writeln!(
        out,
        "{} {:>6} {:>5} {:>8} {:>17} {:>8}  internal time: mean",
        row_prefix("plan", "prio", "channel", "metric"),
        "within",
        "goal",
        "mean",
        "90% interval",
        "P(month)",
    );
    for o in &r.objectives {
        let _ = writeln!(
            out,
            "{} {:>6} {:>5} {:>8} {:>17} {:>8}{}",
            objective_prefix(o),
            o.within,
            o.objective.map_or("-".into(), |p| p.to_string()),
            pct(o.compliance.mean),
            format!(
                "{}–{}",
                pct(o.compliance.low.max(0.0)),
                pct(o.compliance.high.min(1.0))
            ),
            o.p_meets.map_or("-".into(), pct),
            o.internal.as_ref().map_or(String::new(), |i| format!(
                "  {}: {}",
                i.within,
                pct(i.compliance.mean)
            )),
        );
    }
    if r.objectives.iter().any(|o| o.times.is_some()) {
        let _ = writeln!(
            out,
            "\ntimes (mean / median / 90th percentile; on the target's clock, then on the calendar)"
        );
        let _ = writeln!(
            out,
            "{} {:>24}  {:>24}",
            row_prefix("plan", "prio", "channel", "metric"),
            "clock",
            "calendar"
        );
        for o in &r.objectives {
            let Some(t) = &o.times else { continue };
            let three = |f: &pledge::sim::report::TimeFigures| {
                format!(
                    "{} / {} / {}",
                    span(f.mean.mean),
                    span(f.median.mean),
                    span(f.p90.mean)
                )
            };
            let _ = writeln!(
                out,
                "{} {:>24}  {:>24}",
                objective_prefix(o),
                three(&t.business),
                three(&t.calendar),
            );
        }
    }
    if !r.olas.is_empty() {
        let _ = writeln!(
            out,
            "\n{:<24} {:<22} {:<16} {:>6} {:>8}",
            "OLA", "team", "stage", "within", "mean"
        );
        for o in &r.olas {
            let _ = writeln!(
                out,
                "{:<24} {:<22} {:<16} {:>6} {:>8}",
                o.id,
                o.team,
                o.stage,
                o.within,
                pct(o.compliance.mean)
            );
        }
    }
    if !r.abandonment.is_empty() {
        let _ = writeln!(
            out,
            "\nabandoned before a first answer\n{} {:>10} {:>10} {:>8} {:>17}",
            row_prefix("plan", "prio", "channel", ""),
            "contacts",
            "abandoned",
            "mean",
            "90% interval"
        );
        for a in &r.abandonment {
            let _ = writeln!(
                out,
                "{} {:>10} {:>10} {:>8} {:>17}",
                row_prefix(&a.plan, &a.priority, &a.channel, ""),
                a.contacts,
                a.abandoned,
                pct(a.share.mean),
                format!(
                    "{}–{}",
                    pct(a.share.low.max(0.0)),
                    pct(a.share.high.min(1.0))
                ),
            );
        }
    }
}

fn teams_text(out: &mut String, r: &SimReport) {
    let _ = writeln!(
        out,
        "\n{:<36} {:>14} {:>10}",
        "team", "agent-h/week", "occupancy"
    );
    for t in &r.teams {
        let _ = writeln!(
            out,
            "{:<36} {:>14.1} {:>10}",
            t.name,
            t.agent_hours_per_week,
            pct(t.occupancy.mean)
        );
    }
    if !r.backlog.is_empty() {
        let peak = r.backlog.iter().fold(0.0_f64, |a, p| a.max(p.mean));
        let mean = r.backlog.iter().map(|p| p.mean).sum::<f64>() / r.backlog.len() as f64;
        let _ = writeln!(
            out,
            "\nbacklog (open tickets at the start of each day): mean {mean:.1}, peak {peak:.1}"
        );
    }
    if let Some(open) = &r.open_at_end {
        let _ = writeln!(
            out,
            "open at the end of the measured window: {:.1} tickets",
            open.mean
        );
    }
    if let Some(reopened) = &r.reopened {
        let _ = writeln!(
            out,
            "reopened by the customer: {} of the tickets resolved",
            pct(reopened.mean)
        );
    }
}

fn worst_hour_text(out: &mut String, r: &SimReport) {
    let worst = r
        .breach_heatmap
        .iter()
        .enumerate()
        .filter(|(_, c)| c.evaluations > 0)
        .max_by(|a, b| a.1.rate().total_cmp(&b.1.rate()));
    if let Some((h, c)) = worst {
        const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        let _ = writeln!(
            out,
            "most breaches for tickets created {} {:02}:00–{:02}:00: {} of target evaluations",
            DAYS[h / 24],
            h % 24,
            h % 24 + 1,
            pct(c.rate())
        );
    }
}

/// Issue 16: per warning or escalation level with an effect, the tickets
/// it fired on and the share of them that still breached.
fn escalation_text(out: &mut String, levels: &[pledge::sim::report::EscalationResult]) {
    let _ = writeln!(
        out,
        "\n{:<42} {:<18} {:<36} {:>10} {:>14}",
        "escalation", "when", "effect", "escalated", "still breached"
    );
    for l in levels {
        let mut effect = Vec::new();
        if l.raise_priority {
            effect.push("raise priority".to_owned());
        }
        if let Some(team) = &l.move_to {
            effect.push(format!("move to {team}"));
        }
        if let Some(after) = &l.on_call_after {
            effect.push(format!("on call after {after}"));
        }
        let name = if l.to.is_empty() {
            l.level.clone()
        } else {
            format!("{} ({})", l.level, l.to)
        };
        let _ = writeln!(
            out,
            "{:<42} {:<18} {:<36} {:>10.1} {:>14}",
            name,
            l.when,
            effect.join(", "),
            l.escalated.mean,
            l.breached_share.map_or("-".into(), pct),
        );
    }
}

/// The first columns of a row of the objectives' tables: plan, priority,
/// channel and metric, each padded to its column.
fn row_prefix(plan: &str, priority: &str, channel: &str, metric: &str) -> String {
    format!("{plan:<12} {priority:<4} {channel:<10} {metric:<15}")
}

fn objective_prefix(o: &pledge::sim::report::ObjectiveResult) -> String {
    row_prefix(
        &o.plan,
        &o.priority,
        o.channel.as_deref().unwrap_or("-"),
        o.metric.key(),
    )
}

/// A time in seconds, short: `45s`, `12m`, `3h05m`, `2d04h`.
pub(crate) fn span(seconds: f64) -> String {
    let s = seconds.max(0.0).round() as u64;
    match s {
        0..60 => format!("{s}s"),
        60..3_600 => format!("{}m", (s + 30) / 60),
        3_600..86_400 => format!("{}h{:02}m", s / 3_600, s % 3_600 / 60),
        _ => format!("{}d{:02}h", s / 86_400, s % 86_400 / 3_600),
    }
}

/// Ctrl-C as a request to stop (SIGINT on Unix; elsewhere the default).
mod interrupt {
    use pledge::sim::run::CancelToken;

    /// Set by the first Ctrl-C; the replications poll it while they run.
    static TOKEN: CancelToken = CancelToken::new();

    #[cfg(unix)]
    extern "C" fn on_interrupt(_: libc::c_int) {
        TOKEN.cancel();
        // SAFETY: `signal` is async-signal-safe; the next Ctrl-C gets the
        // default action (the program ends).
        unsafe {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
        }
    }

    /// From now on, the first Ctrl-C is only recorded.
    pub fn catch() {
        #[cfg(unix)]
        // SAFETY: the handler only stores to an atomic and restores the
        // default action, both async-signal-safe.
        unsafe {
            libc::signal(
                libc::SIGINT,
                on_interrupt as extern "C" fn(libc::c_int) as libc::sighandler_t,
            );
        }
    }

    /// The token Ctrl-C cancels.
    pub fn token() -> &'static CancelToken {
        &TOKEN
    }
}

/// Loads a scenario for `simulate` and `size`: its warnings are printed on
/// stderr as `pledge validate` prints findings, before any result; when it
/// cannot be used, its problem is printed with its place and the answer is
/// `None` (the command then exits 1).
pub(crate) fn load_reported(path: &std::path::Path) -> Option<Scenario> {
    match Scenario::load_with_warnings(path) {
        Ok((scenario, warnings)) => {
            let _ =
                crate::agreement::write_diagnostics(&mut std::io::stderr().lock(), path, &warnings);
            Some(scenario)
        }
        Err(ScenarioError::File(e)) => {
            eprintln!("{}: error[file]: {e}", path.display());
            None
        }
        Err(e) => {
            eprintln!("{e}");
            None
        }
    }
}

/// Whether the file at `path` is a portfolio (a file that cannot be read
/// is left to the ordinary reader to report).
pub(crate) fn read_is_portfolio(path: &Path) -> bool {
    pledge::format::read_text(path).is_ok_and(|t| pledge::sim::portfolio::is_portfolio(&t))
}

/// Issue 16: `pledge simulate PORTFOLIO.yaml`, every member's agreement
/// served by the shared teams; exit codes as for a scenario.
fn run_portfolio(args: &SimulateArgs, config: &RunConfig) -> anyhow::Result<ExitCode> {
    use pledge::sim::portfolio::{simulate_portfolio_with_credits, Portfolio};
    let path = &args.scenario;
    let portfolio = match Portfolio::load(path) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return Ok(ExitCode::from(1));
        }
    };
    let compiled = match portfolio.compile() {
        Ok(c) => c,
        Err(pledge::sim::SimError::InvalidParameter { path: at, problem }) => {
            eprintln!("{}", portfolio.problem(&at, problem));
            return Ok(ExitCode::from(1));
        }
        Err(other) => {
            eprintln!("{}: {other}", path.display());
            return Ok(ExitCode::from(1));
        }
    };
    let balance = match portfolio.check_workload(&compiled) {
        Ok(balance) => balance,
        Err(e) => {
            eprintln!("{e}");
            return Ok(ExitCode::from(1));
        }
    };
    if balance.factor() > 1.0 {
        eprintln!(
            "{}: warning: {balance}: the backlog grows through the run and most targets will be missed",
            path.display()
        );
    }
    if let Some(short) = model::check_warm_up(&portfolio.shared(), &compiled) {
        eprintln!("{}: warning: warm_up: {short}", path.display());
    }
    interrupt::catch();
    let show_progress = std::io::stderr().is_terminal();
    let observer = |p: Progress| {
        if show_progress {
            eprint!("\rsimulating: {}/{} replications", p.done, p.total);
        }
        Flow::Continue
    };
    let result = simulate_portfolio_with_credits(
        &portfolio,
        &compiled,
        config,
        &observer,
        interrupt::token(),
    );
    if show_progress {
        eprintln!();
    }
    let run = match result {
        Err(pledge::sim::SimError::Cancelled) => {
            eprintln!("interrupted: nothing printed");
            return Ok(ExitCode::from(130));
        }
        Err(e @ pledge::sim::SimError::TooManyOpenTickets { .. }) => {
            eprintln!("{}: {e}", path.display());
            return Ok(ExitCode::from(1));
        }
        other => other.context("the simulation failed")?,
    };
    let text = match args.format {
        Format::Json => {
            let value = run.to_json().context("could not write JSON")?;
            serde_json::to_string_pretty(&value).context("could not write JSON")? + "\n"
        }
        Format::Text => portfolio_text(&portfolio, &run),
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// A portfolio run as text: the shared teams, the portfolio's figures,
/// then each member's rows and credits.
fn portfolio_text(
    portfolio: &pledge::sim::portfolio::Portfolio,
    run: &pledge::sim::portfolio::PortfolioRun,
) -> String {
    let mut out = text_report(
        &run.report,
        Parts {
            header: true,
            rows: false,
            shared: true,
        },
    );
    let s = &run.summary;
    let _ = writeln!(
        out,
        "\nportfolio: objectives held (mean compliance at or above the objective)"
    );
    for h in &s.held {
        let _ = writeln!(
            out,
            "  {:<20} {} of {}{}",
            h.member,
            h.held,
            h.objectives,
            h.lowest_p_meets
                .map_or(String::new(), |p| format!("; lowest P(month) {}", pct(p)))
        );
    }
    let _ = writeln!(out, "credits per month, summed per currency");
    for c in &s.credits {
        let _ = writeln!(
            out,
            "  {} expected {}, 95th percentile {} ({})",
            c.currency,
            c.expected,
            c.p95,
            c.members.join(", ")
        );
    }
    if let Some(staff) = &s.staff {
        let _ = writeln!(
            out,
            "staff per month: {} {}{}",
            staff.per_month,
            s.staff_currency,
            if staff.teams_without_cost.is_empty() {
                String::new()
            } else {
                format!(
                    " (no cost given for {})",
                    staff.teams_without_cost.join(", ")
                )
            }
        );
    }
    for (m, member) in run.members.iter().zip(&portfolio.members) {
        let _ = writeln!(
            out,
            "\n== member {}: {} ({}) ==",
            m.id, member.scenario.name, m.credits.currency
        );
        out += &text_report(
            &m.report,
            Parts {
                header: false,
                rows: true,
                shared: false,
            },
        );
        out += &crate::size::credits_text(&m.credits);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::span;

    #[test]
    fn spans_are_short_and_rounded() {
        assert_eq!(span(0.4), "0s");
        assert_eq!(span(59.0), "59s");
        assert_eq!(span(89.0), "1m");
        assert_eq!(span(90.0), "2m");
        assert_eq!(span(3_600.0 + 5.0 * 60.0), "1h05m");
        assert_eq!(span(2.0 * 86_400.0 + 4.0 * 3_600.0), "2d04h");
        assert_eq!(span(-3.0), "0s");
    }
}
