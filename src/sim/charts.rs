//! A run's and a sizing's results shaped for the app's charts and tables
//! (compliance histograms, the breach heat-map, backlog series, credits,
//! shifts), so that the UI only draws; and the run and the sizing that
//! produce them, with progress and a cancel token.

use crate::error::ErrorCode;
use std::sync::Mutex;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::outcome::{simulate_with_credits, ScenarioCredits};
use super::report::SimReport;
use super::run::{CancelToken, Progress, RunConfig};
use super::scenario::{Scenario, ScenarioError};
use super::size::{SearchStep, SizeError, SizeOptions};
use super::SimError;

/// Why a run or a sizing gave no results.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RunError {
    /// A setting is out of its range.
    #[error("{problem}")]
    Settings {
        /// The setting, e.g. `replications`.
        path: &'static str,
        /// What is allowed.
        problem: &'static str,
    },
    /// The scenario cannot be simulated as it is (a workload far beyond
    /// what its teams can work).
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    /// The engine refused a value, or the run was cancelled.
    #[error(transparent)]
    Sim(#[from] SimError),
    /// The sizing search found no staffing.
    #[error(transparent)]
    Sizing(SizeError<SimError>),
    /// The report could not be written as JSON.
    #[error("the report cannot be written as JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Two runs could not be compared.
    #[error(transparent)]
    Compare(#[from] super::whatif::WhatIfError),
    /// A frontier's target or list was refused, or a point failed.
    #[error("{source}")]
    Frontier {
        /// The request's field at fault (`target`, `list`), or empty.
        path: &'static str,
        /// What is wrong.
        source: super::frontier::FrontierError,
    },
}

impl RunError {
    /// `invalid-settings`, the scenario's or the engine's code, `sizing`,
    /// or `simulation` for a report that cannot be written.
    pub fn code(&self) -> ErrorCode {
        match self {
            RunError::Settings { .. } => ErrorCode::InvalidSettings,
            RunError::Scenario(e) => e.code(),
            RunError::Sim(e) => e.code(),
            RunError::Sizing(e) => e.code(),
            RunError::Json(_) => ErrorCode::Simulation,
            RunError::Compare(_) => ErrorCode::InvalidSettings,
            RunError::Frontier { source, .. } => source.code(),
        }
    }
}

impl From<SizeError<SimError>> for RunError {
    fn from(e: SizeError<SimError>) -> Self {
        match e {
            SizeError::Evaluator(e) => RunError::Sim(e),
            other => RunError::Sizing(other),
        }
    }
}

/// How to run: replications and seed (and, for sizing, the confidence).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RunSettings {
    /// Independent replications, 1 to 10 000.
    pub replications: u32,
    /// The master seed.
    pub seed: u64,
    /// For sizing: the share of months every objective must hold in (0–1).
    #[serde(default)]
    pub confidence: Option<f64>,
}

impl RunSettings {
    /// The run's configuration; replications out of range are refused.
    pub fn config(&self) -> Result<RunConfig, RunError> {
        if !(1..=10_000).contains(&self.replications) {
            return Err(RunError::Settings {
                path: "replications",
                problem: "replications must be a whole number from 1 to 10 000",
            });
        }
        Ok(RunConfig {
            replications: self.replications,
            seed: self.seed,
            threads: None,
        })
    }
}

/// How far a run or a sizing has got.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct RunProgress {
    /// Replications finished (of the current staffing, when sizing).
    pub done: u32,
    /// Replications in a run (of one staffing, when sizing).
    pub total: u32,
    /// When sizing: staffings simulated so far.
    pub evaluations: Option<u32>,
    /// When sizing: the agent-hours per week of the best staffing so far.
    pub best_agent_hours: Option<f64>,
}

/// One bin of a histogram of monthly compliance, in percent.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct Bin {
    /// The lower bound (included).
    pub from: f64,
    /// The upper bound (excluded, but 100 % is in the last bin).
    pub to: f64,
    /// The share of replication-months in the bin (0–1).
    pub share: f64,
}

/// Mean, median and 90th percentile of a measured time, in seconds (each
/// the mean over replications).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct TimeRow {
    /// The mean time.
    pub mean: f64,
    /// The median.
    pub median: f64,
    /// The 90th percentile.
    pub p90: f64,
}

impl TimeRow {
    fn of(f: &crate::sim::report::TimeFigures) -> Self {
        TimeRow {
            mean: f.mean.mean,
            median: f.median.mean,
            p90: f.p90.mean,
        }
    }
}

/// One contractual objective's results.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ObjectiveRow {
    /// The plan.
    pub plan: String,
    /// The priority.
    pub priority: String,
    /// The channel, when the target is for one channel only.
    pub channel: Option<String>,
    /// The metric; the UI names it in its language.
    pub metric: crate::model::Metric,
    /// The contractual time.
    pub within: String,
    /// The objective in percent, if the target has one.
    pub objective: Option<f64>,
    /// Mean compliance over the window, in percent.
    pub mean: f64,
    /// The 90 % interval of the mean, in percent.
    pub low: f64,
    /// Its upper end.
    pub high: f64,
    /// The share of replication-months meeting the objective (0–1).
    pub p_meets: Option<f64>,
    /// The measured times on the target's clock (business hours when it
    /// counts them, pending time left out when it pauses).
    pub clock_times: Option<TimeRow>,
    /// The same times on the calendar.
    pub calendar_times: Option<TimeRow>,
    /// The target's internal (stricter) time, when it has one.
    pub internal_within: Option<String>,
    /// Mean compliance with the internal time, in percent.
    pub internal_mean: Option<f64>,
    /// The histogram of monthly compliance across replications.
    pub histogram: Vec<Bin>,
}

/// Contacts abandoned on one plan × priority × live channel.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct AbandonmentRow {
    /// The plan.
    pub plan: String,
    /// The priority.
    pub priority: String,
    /// The live channel.
    pub channel: String,
    /// Mean contacts per replication.
    pub contacts: f64,
    /// Mean contacts abandoned per replication.
    pub abandoned: f64,
    /// The mean share abandoned, in percent, and its 90 % interval.
    pub mean: f64,
    /// Lower end.
    pub low: f64,
    /// Upper end.
    pub high: f64,
}

/// One team's occupancy.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct TeamRow {
    /// The team.
    pub name: String,
    /// Paid agent-hours per week.
    pub agent_hours_per_week: f64,
    /// Mean occupancy in percent, and its 90 % interval.
    pub occupancy: f64,
    /// Lower end.
    pub low: f64,
    /// Upper end.
    pub high: f64,
}

/// What one warning or escalation level did (issue 16).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct EscalationRow {
    /// `warn_at`, or `levels[N]`.
    pub level: String,
    /// To whom the agreement escalates (empty for the warning).
    pub to: String,
    /// When it fires: `75%`, or `after_breach 2h`.
    pub when: String,
    /// Whether it raises the ticket ahead in its team's line.
    pub raise_priority: bool,
    /// The team it moves the ticket to.
    pub move_to: Option<String>,
    /// The on-call agent's delay.
    pub on_call_after: Option<String>,
    /// Mean tickets it fired on per replication.
    pub escalated: f64,
    /// Of those, the share (0–1) that still breached the target it fired
    /// on; none when it never fired.
    pub breached_share: Option<f64>,
}

/// Credits owed per month under one schedule (or all together).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct CreditRow {
    /// The schedule's identifier, or `total`.
    pub schedule: String,
    /// The mean credit per month, in the agreement's currency.
    pub expected: Option<f64>,
    /// The 95th percentile of the monthly credit.
    pub p95: Option<f64>,
    /// The share of months that owe a credit (0–1).
    pub p_credit: f64,
}

/// What a run found, shaped for the screen.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct SimulationResults {
    /// Replications run.
    pub replications: u32,
    /// The seed.
    pub seed: u64,
    /// The months reported, `YYYY-MM`.
    pub months: Vec<String>,
    /// Mean tickets per replication.
    pub tickets: f64,
    /// Mean tickets still open when the measured window ends: the backlog
    /// the period hands on.
    pub open_at_end: Option<f64>,
    /// Of the tickets created in the window and resolved, the share the
    /// customer reopened (0–1).
    pub reopened: Option<f64>,
    /// Per contractual objective.
    pub objectives: Vec<ObjectiveRow>,
    /// Per plan × priority × live channel whose customers may give up;
    /// absent when the scenario gives no patience.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub abandonment: Vec<AbandonmentRow>,
    /// Per team.
    pub teams: Vec<TeamRow>,
    /// Breach rate (0–1) per hour of the week, Monday 00:00 first (168).
    pub breach_heatmap: Vec<f64>,
    /// Days since the start of the measured window.
    pub backlog_days: Vec<f64>,
    /// Mean open tickets at the start of each day.
    pub backlog_mean: Vec<f64>,
    /// The highest over replications.
    pub backlog_max: Vec<f64>,
    /// The agreement's currency.
    pub currency: String,
    /// Per credit schedule, then `total`.
    pub credits: Vec<CreditRow>,
    /// Staff cost per month, expected credits and their total, when the
    /// staffing gives a cost per agent-hour.
    pub costs: Option<super::outcome::Costs>,
    /// The version the run was recorded against, when the agreement in the
    /// editor is that saved version.
    pub recorded_version: Option<u32>,
    /// Per warning or escalation level with an effect: empty when the
    /// scenario gives none.
    pub escalation: Vec<EscalationRow>,
}

/// How many bins a compliance histogram has.
pub const BINS: usize = 20;

/// The histogram of monthly compliances (fractions), in percent, over a
/// range that holds every value and the objective: from a multiple of 5
/// below both up to 100.
pub fn histogram(values: &[f64], objective: Option<f64>) -> Vec<Bin> {
    let lowest = values
        .iter()
        .map(|v| v * 100.0)
        .fold(objective.unwrap_or(100.0), f64::min);
    let from = ((lowest - 1.0) / 5.0).floor().clamp(0.0, 19.0) * 5.0;
    let width = (100.0 - from) / BINS as f64;
    let mut counts = [0usize; BINS];
    for v in values {
        let i = (((v * 100.0) - from) / width)
            .floor()
            .clamp(0.0, (BINS - 1) as f64) as usize;
        counts[i] += 1;
    }
    let n = values.len().max(1) as f64;
    counts
        .iter()
        .enumerate()
        .map(|(i, &c)| Bin {
            from: from + i as f64 * width,
            to: from + (i + 1) as f64 * width,
            share: c as f64 / n,
        })
        .collect()
}

fn money(m: Option<crate::model::Money>) -> Option<f64> {
    m.map(|m| m.cents() as f64 / 100.0)
}

/// Each team's occupancy in percent.
fn team_rows(report: &SimReport) -> Vec<TeamRow> {
    let pct = |x: f64| x * 100.0;
    report
        .teams
        .iter()
        .map(|t| TeamRow {
            name: t.name.clone(),
            agent_hours_per_week: t.agent_hours_per_week,
            occupancy: pct(t.occupancy.mean),
            low: pct(t.occupancy.low).max(0.0),
            high: pct(t.occupancy.high).min(100.0),
        })
        .collect()
}

/// Shapes a report and its credits for the screen.
pub fn results(report: &SimReport, credits: &ScenarioCredits) -> SimulationResults {
    let pct = |x: f64| x * 100.0;
    let objectives = report
        .objectives
        .iter()
        .map(|o| {
            let objective = o.objective.map(|p| p.value());
            ObjectiveRow {
                plan: o.plan.clone(),
                priority: o.priority.clone(),
                channel: o.channel.clone(),
                metric: o.metric,
                within: o.within.clone(),
                objective,
                mean: pct(o.compliance.mean),
                low: pct(o.compliance.low).max(0.0),
                high: pct(o.compliance.high).min(100.0),
                p_meets: o.p_meets,
                clock_times: o.times.as_ref().map(|t| TimeRow::of(&t.business)),
                calendar_times: o.times.as_ref().map(|t| TimeRow::of(&t.calendar)),
                internal_within: o.internal.as_ref().map(|i| i.within.clone()),
                internal_mean: o.internal.as_ref().map(|i| pct(i.compliance.mean)),
                histogram: histogram(&o.monthly, objective),
            }
        })
        .collect();
    let teams = team_rows(report);
    let mut credit_rows: Vec<CreditRow> = credits
        .credits
        .schedules
        .iter()
        .map(|s| CreditRow {
            schedule: s.schedule.clone(),
            expected: money(s.expected),
            p95: money(s.p95),
            p_credit: s.p_credit,
        })
        .collect();
    credit_rows.push(CreditRow {
        schedule: "total".into(),
        expected: money(credits.credits.expected),
        p95: money(credits.credits.p95),
        p_credit: credits.credits.p_credit,
    });
    SimulationResults {
        replications: report.replications,
        seed: report.seed,
        months: report.months.iter().map(|m| m.label.clone()).collect(),
        tickets: report.tickets.mean,
        open_at_end: report.open_at_end.map(|s| s.mean),
        reopened: report.reopened.map(|s| s.mean),
        objectives,
        abandonment: report
            .abandonment
            .iter()
            .map(|a| {
                let per_replication = |n: u64| n as f64 / f64::from(report.replications.max(1));
                AbandonmentRow {
                    plan: a.plan.clone(),
                    priority: a.priority.clone(),
                    channel: a.channel.clone(),
                    contacts: per_replication(a.contacts),
                    abandoned: per_replication(a.abandoned),
                    mean: pct(a.share.mean),
                    low: pct(a.share.low).max(0.0),
                    high: pct(a.share.high).min(100.0),
                }
            })
            .collect(),
        teams,
        breach_heatmap: report.breach_heatmap.iter().map(|c| c.rate()).collect(),
        backlog_days: report.backlog.iter().map(|b| f64::from(b.day)).collect(),
        backlog_mean: report.backlog.iter().map(|b| b.mean).collect(),
        backlog_max: report.backlog.iter().map(|b| b.max).collect(),
        currency: credits.currency.clone(),
        credits: credit_rows,
        costs: credits.costs.clone(),
        recorded_version: None,
        escalation: report
            .escalation
            .iter()
            .flatten()
            .map(|l| EscalationRow {
                level: l.level.clone(),
                to: l.to.clone(),
                when: l.when.clone(),
                raise_priority: l.raise_priority,
                move_to: l.move_to.clone(),
                on_call_after: l.on_call_after.clone(),
                escalated: l.escalated.mean,
                breached_share: l.breached_share,
            })
            .collect(),
    }
}

/// A finished run: what the screen shows, and what the library records.
#[derive(Debug, Clone, PartialEq)]
pub struct Finished {
    /// For the screen.
    pub results: SimulationResults,
    /// The report and credits as JSON, for `simulation_runs`.
    pub record: serde_json::Value,
}

/// Runs a scenario: `progress` hears of every replication; the run stops
/// with `cancelled` once `token` is cancelled.
pub fn run(
    scenario: &Scenario,
    settings: &RunSettings,
    token: &CancelToken,
    progress: &(dyn Fn(RunProgress) + Sync),
) -> Result<Finished, RunError> {
    let config = settings.config()?;
    let compiled = super::model::compile(scenario)?;
    let observer = |p: Progress| {
        progress(RunProgress {
            done: p.done,
            total: p.total,
            evaluations: None,
            best_agent_hours: None,
        });
        token.flow()
    };
    super::model::check_workload(scenario, &compiled)?;
    // The cancel token reaches inside each replication, so Cancel stops a
    // long replication too, not only the next one to start.
    let run = simulate_with_credits(scenario, &compiled, &config, &observer, token)?;
    Ok(Finished {
        results: results(&run.report, &run.credits),
        record: run.to_json()?,
    })
}

/// A what-if: `base` and `other` simulated with the same settings (so
/// their replications pair by common random numbers) and compared
/// (`whatif::compare`); progress counts the replications of both runs.
pub fn compare(
    base: &Scenario,
    other: &Scenario,
    settings: &RunSettings,
    token: &CancelToken,
    progress: &(dyn Fn(RunProgress) + Sync),
) -> Result<super::whatif::WhatIf, RunError> {
    let config = settings.config()?;
    let compiled = [super::model::compile(base)?, super::model::compile(other)?];
    super::model::check_workload(base, &compiled[0])?;
    super::model::check_workload(other, &compiled[1])?;
    let mut runs = Vec::with_capacity(2);
    for (i, (scenario, compiled)) in [base, other].into_iter().zip(&compiled).enumerate() {
        let done_before = i as u32 * config.replications;
        let observer = |p: Progress| {
            progress(RunProgress {
                done: done_before + p.done,
                total: 2 * p.total,
                evaluations: None,
                best_agent_hours: None,
            });
            token.flow()
        };
        runs.push(simulate_with_credits(
            scenario, compiled, &config, &observer, token,
        )?);
    }
    Ok(super::whatif::compare(&runs[0], &runs[1])?)
}

/// One shift: today's headcount and the recommended one.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ShiftRow {
    /// The team's index in the scenario.
    pub team_index: usize,
    /// The shift's index in its team.
    pub shift_index: usize,
    /// The team.
    pub team: String,
    /// The shift.
    pub shift: String,
    /// Agents today.
    pub current: u32,
    /// Agents recommended.
    pub recommended: u32,
    /// The Erlang C estimate the search started from.
    pub erlang: u32,
}

/// What a sizing found.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct SizingResults {
    /// The confidence sized for (0–1).
    pub confidence: f64,
    /// Per team and shift, in the scenario's order.
    pub shifts: Vec<ShiftRow>,
    /// Paid agent-hours per week today.
    pub current_agent_hours: f64,
    /// Paid agent-hours per week recommended.
    pub recommended_agent_hours: f64,
    /// Whether today's staffing already meets every objective.
    pub current_meets: bool,
    /// Staffings simulated.
    pub evaluations: u32,
}

/// The most staffings a sizing from the app simulates.
pub const MAX_EVALUATIONS: u32 = 400;

/// Sizes every shift of a scenario; `progress` hears of every replication
/// and every search step; `token` stops it.
pub fn size(
    scenario: &Scenario,
    settings: &RunSettings,
    token: &CancelToken,
    progress: &(dyn Fn(RunProgress) + Sync),
) -> Result<SizingResults, RunError> {
    let confidence = settings.confidence.unwrap_or(0.9);
    if !(confidence > 0.0 && confidence <= 1.0) {
        return Err(RunError::Settings {
            path: "confidence",
            problem: "the confidence must be above 0% and at most 100%",
        });
    }
    let options = SizeOptions {
        confidence,
        run: settings.config()?,
        max_evaluations: MAX_EVALUATIONS,
    };
    let step = Mutex::new(SearchStep {
        evaluations: 0,
        best_cost: None,
    });
    let observer = |p: Progress| {
        let s = *step.lock().unwrap_or_else(|e| e.into_inner());
        progress(RunProgress {
            done: p.done,
            total: p.total,
            evaluations: Some(s.evaluations),
            best_agent_hours: s.best_cost,
        });
        token.flow()
    };
    let mut on_step = |s: SearchStep| *step.lock().unwrap_or_else(|e| e.into_inner()) = s;
    let report = super::size::size_scenario_observed(scenario, &options, &mut on_step, &observer)?;
    let mut indices = Vec::new();
    for (t, team) in scenario.staffing.teams.iter().enumerate() {
        for s in 0..team.shifts.len() {
            indices.push((t, s));
        }
    }
    Ok(SizingResults {
        confidence: report.confidence,
        shifts: report
            .shifts
            .iter()
            .zip(indices)
            .map(|(s, (t, i))| ShiftRow {
                team_index: t,
                shift_index: i,
                team: s.team.clone(),
                shift: s.shift.clone(),
                current: s.current,
                recommended: s.recommended,
                erlang: s.erlang,
            })
            .collect(),
        current_agent_hours: report.current_agent_hours,
        recommended_agent_hours: report.recommended_agent_hours,
        current_meets: report.current_meets,
        evaluations: report.evaluations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_histogram_holds_every_month_and_the_objective() {
        let bins = histogram(&[0.9, 0.95, 1.0, 0.71], Some(80.0));
        assert_eq!(bins.len(), BINS);
        assert_eq!(bins[0].from, 70.0);
        assert_eq!(bins.last().unwrap().to, 100.0);
        let total: f64 = bins.iter().map(|b| b.share).sum();
        assert!((total - 1.0).abs() < 1e-12);
        assert_eq!(
            bins.last().unwrap().share,
            0.25,
            "100 % falls in the last bin"
        );
    }
}

/// Which way a frontier drawn for the app moves its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FrontierAxis {
    /// Values of the target (`2h, 4h, 8h`), each held at the objective.
    Target,
    /// Objective shares (`90%, 95%, 99%`), the target as the agreement has it.
    Share,
}

/// A frontier as the app asks for it: the target and the list as typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FrontierRequest {
    /// `PLAN/PRIORITY/METRIC` or `PLAN/PRIORITY/CHANNEL/METRIC`.
    pub target: String,
    /// What `list` holds.
    pub axis: FrontierAxis,
    /// Comma-separated values or shares.
    pub list: String,
}

/// The frontier of one target for the app (`frontier::frontier`) with the
/// run settings' replications, seed and confidence; progress counts the
/// points finished (`done` of `total`) and the staffings simulated so far
/// (`evaluations`). A target or list the core refuses names `target` or
/// `list` as its path.
pub fn frontier(
    scenario: &Scenario,
    request: &FrontierRequest,
    settings: &RunSettings,
    token: &CancelToken,
    progress: &(dyn Fn(RunProgress) + Sync),
) -> Result<super::frontier::Frontier, RunError> {
    use super::frontier::{parse_shares, parse_values, Axis, FrontierSettings, TargetRef};
    let at = |path: &'static str| {
        move |e: super::frontier::FrontierError| RunError::Frontier { path, source: e }
    };
    let target: TargetRef = request.target.parse().map_err(at("target"))?;
    target.row(&scenario.agreement).map_err(at("target"))?;
    let axis = match request.axis {
        FrontierAxis::Target => Axis::Targets {
            values: parse_values(&request.list).map_err(at("list"))?,
            objective: None,
        },
        FrontierAxis::Share => Axis::Shares(parse_shares(&request.list).map_err(at("list"))?),
    };
    let confidence = settings.confidence.unwrap_or(0.9);
    if !(confidence > 0.0 && confidence <= 1.0) {
        return Err(RunError::Settings {
            path: "confidence",
            problem: "the confidence must be above 0% and at most 100%",
        });
    }
    let settings = FrontierSettings {
        target,
        axis,
        confidence,
        run: settings.config()?,
        max_evaluations: MAX_EVALUATIONS,
    };
    let mut on_step = |s: super::frontier::FrontierStep| {
        let now = RunProgress {
            done: s.points_done as u32,
            total: s.points as u32,
            evaluations: Some(s.simulated),
            best_agent_hours: None,
        };
        progress(now);
    };
    let observer = |_: Progress| token.flow();
    super::frontier::frontier(scenario, &settings, &mut on_step, &observer).map_err(|e| match e {
        super::frontier::FrontierError::Sizing {
            source: SimError::Cancelled,
            ..
        } => RunError::Sim(SimError::Cancelled),
        other => RunError::Frontier {
            path: "",
            source: other,
        },
    })
}

/// The headline figures of a run recorded in the library, read back from
/// its stored JSON (`CreditedRun::to_json`). Records written by older
/// versions may lack a figure: it is then absent, never guessed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
pub struct RecordedFigures {
    /// Objectives reported.
    pub objectives: u32,
    /// Those whose mean compliance reached their objective share.
    pub held: u32,
    /// Tickets per replication, their mean.
    pub tickets: Option<f64>,
    /// The agreement's currency.
    pub currency: Option<String>,
    /// Expected credits per month.
    pub credits_expected: Option<f64>,
    /// Staff cost per month, when the scenario gave costs.
    pub staff_per_month: Option<f64>,
}

/// Reads [`RecordedFigures`] from a recorded run's JSON.
pub fn recorded_figures(record: &serde_json::Value) -> RecordedFigures {
    let number = |v: &serde_json::Value| v.as_f64().filter(|x| x.is_finite());
    let mut figures = RecordedFigures::default();
    if let Some(objectives) = record["objectives"].as_array() {
        for o in objectives {
            figures.objectives += 1;
            let share = o["objective"]
                .as_str()
                .and_then(|s| s.parse::<crate::model::Percent>().ok());
            if let (Some(share), Some(mean)) = (share, number(&o["compliance"]["mean"])) {
                // Compliance is a fraction, the objective a percentage;
                // the tolerance keeps a 95.0 % run at a 95 % objective held.
                if mean * 100.0 + 1e-9 >= share.value() {
                    figures.held += 1;
                }
            }
        }
    }
    figures.tickets = number(&record["tickets"]["mean"]);
    let credits = &record["credits"];
    figures.currency = credits["currency"].as_str().map(str::to_owned);
    figures.credits_expected = number(&credits["costs"]["credits_expected"])
        .or_else(|| number(&credits["credits"]["expected"]));
    figures.staff_per_month = number(&credits["costs"]["staff_per_month"]);
    figures
}

/// One shift on the coverage timeline.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ShiftCoverage {
    /// The shift's index in its team.
    pub shift_index: usize,
    /// The shift.
    pub name: String,
    /// Its agents.
    pub agents: u32,
    /// The share of each hour of the week it works (168, Monday 00:00
    /// first, in the team's zone).
    pub cover: Vec<f64>,
}

/// One team's week: who is on duty each hour against the work that arrives.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct TeamCoverage {
    /// The team's index in the scenario.
    pub team_index: usize,
    /// The team.
    pub name: String,
    /// Its shifts.
    pub shifts: Vec<ShiftCoverage>,
    /// Agents scheduled each hour of the week (every shift together).
    pub scheduled: Vec<f64>,
    /// Work arriving each hour, in agents busy all hour (Erlangs), before
    /// growth and seasonality.
    pub offered: Vec<f64>,
    /// Scheduled agents Erlang C asks for each hour to answer
    /// `service_level` of the work within `answer_within_seconds`, with the
    /// team's shrinkage, when that hour's work alone is considered.
    pub required: Vec<u32>,
    /// The team's mean work session, in seconds.
    pub mean_handle_seconds: f64,
    /// The answer time aimed at, in seconds.
    pub answer_within_seconds: f64,
    /// The share to answer within it.
    pub service_level: f64,
    /// Whether the aim is the tightest first-response target of the
    /// tickets the team triages (else 80 % within one hour).
    pub from_targets: bool,
    /// Hours of the week with fewer agents scheduled than required.
    pub hours_under: u32,
    /// Hours of the week with work arriving and no agent scheduled.
    pub hours_uncovered: u32,
}

/// The scenario's week per team for the coverage timeline: each shift's
/// hours and agents, the agents scheduled per hour, the work offered per
/// hour and the Erlang C requirement per hour for the team's first-response
/// aim (the same aim the sizing's starting estimate uses).
pub fn coverage(scenario: &Scenario) -> Result<Vec<TeamCoverage>, RunError> {
    use super::erlang::{required_agents, ServiceGoal, Traffic};
    use super::size::{shift_cover, ErlangBasis};
    use super::time::SimDuration;
    const HOURS: usize = 168;
    let compiled = super::model::compile(scenario)?;
    let loads = compiled.offered_load();
    let mut teams = Vec::new();
    for (t, team) in scenario.staffing.teams.iter().enumerate() {
        let load = loads.get(t);
        let basis = ErlangBasis::of(&team.name, load);
        let shrinkage = team
            .shrinkage
            .map_or(0.0, |s| s.fraction())
            .clamp(0.0, 0.95);
        let goal = ServiceGoal {
            service_level: basis.service_level,
            answer_within: SimDuration::from_seconds(basis.answer_within_seconds),
            shrinkage,
            max_occupancy: None,
        };
        let shifts: Vec<ShiftCoverage> = team
            .shifts
            .iter()
            .enumerate()
            .map(|(s, shift)| ShiftCoverage {
                shift_index: s,
                name: shift.name.clone(),
                agents: shift.headcount,
                cover: shift_cover(shift),
            })
            .collect();
        let scheduled: Vec<f64> = (0..HOURS)
            .map(|h| {
                shifts
                    .iter()
                    .map(|s| s.cover[h] * f64::from(s.agents))
                    .sum()
            })
            .collect();
        let offered: Vec<f64> = (0..HOURS)
            .map(|h| {
                load.and_then(|l| l.erlangs.get(h).copied())
                    .unwrap_or(0.0)
                    .max(0.0)
            })
            .collect();
        let handle_hours = basis.mean_handle_seconds / 3600.0;
        let mut required = Vec::with_capacity(HOURS);
        for &erlangs in &offered {
            if erlangs <= 0.0 {
                required.push(0);
                continue;
            }
            let traffic = Traffic {
                arrivals_per_hour: erlangs / handle_hours,
                mean_handle_time: SimDuration::from_seconds(basis.mean_handle_seconds),
                mean_patience: None,
            };
            let need = required_agents(&traffic, &goal).map_err(|e| {
                RunError::Sim(SimError::InvalidParameter {
                    path: format!("staffing.teams[{t}]"),
                    problem: e.to_string(),
                })
            })?;
            required.push(need.scheduled_agents);
        }
        let hours_under = (0..HOURS)
            .filter(|&h| scheduled[h] + 1e-9 < f64::from(required[h]))
            .count() as u32;
        let hours_uncovered = (0..HOURS)
            .filter(|&h| offered[h] > 0.0 && scheduled[h] <= 0.0)
            .count() as u32;
        teams.push(TeamCoverage {
            team_index: t,
            name: team.name.clone(),
            shifts,
            scheduled,
            offered,
            required,
            mean_handle_seconds: basis.mean_handle_seconds,
            answer_within_seconds: basis.answer_within_seconds,
            service_level: basis.service_level,
            from_targets: basis.from_targets,
            hours_under,
            hours_uncovered,
        });
    }
    Ok(teams)
}

/// What a member of a portfolio holds, for the screen.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct HeldRow {
    /// The member.
    pub member: String,
    /// Its objectives with a contractual share.
    pub objectives: usize,
    /// Of those, the ones whose mean compliance reaches the share.
    pub held: usize,
    /// The lowest share of months meeting an objective (0–1).
    pub lowest_p_meets: Option<f64>,
}

/// The credits of the members owing in one currency, summed month by
/// month.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct CurrencyRow {
    /// ISO 4217.
    pub currency: String,
    /// The members whose agreements are in it.
    pub members: Vec<String>,
    /// The mean monthly total.
    pub expected: f64,
    /// The 95th percentile of a month's total.
    pub p95: f64,
}

/// One member's results in a portfolio run: its objectives, OLAs,
/// abandonment and escalation rows and its credits, in its currency.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct MemberResults {
    /// The member's identifier.
    pub id: String,
    /// Its rows shaped as a scenario's (its `teams` are the shared ones).
    pub results: SimulationResults,
}

/// What a portfolio run found, shaped for the screen.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PortfolioResults {
    /// The portfolio's name.
    pub name: String,
    /// Replications run.
    pub replications: u32,
    /// The seed.
    pub seed: u64,
    /// The months reported, `YYYY-MM`.
    pub months: Vec<String>,
    /// Mean tickets per replication, every member's.
    pub tickets: f64,
    /// Per member, the objectives it holds.
    pub held: Vec<HeldRow>,
    /// Credits per currency, never added across currencies.
    pub credits: Vec<CurrencyRow>,
    /// The shared teams' cost per average month, when some team gives
    /// one.
    pub staff_per_month: Option<f64>,
    /// The currency of the staff cost.
    pub staff_currency: String,
    /// The shared teams' occupancy.
    pub teams: Vec<TeamRow>,
    /// Per member.
    pub members: Vec<MemberResults>,
}

/// Shapes a portfolio run for the screen.
pub fn portfolio_results(name: &str, run: &super::portfolio::PortfolioRun) -> PortfolioResults {
    PortfolioResults {
        name: name.to_owned(),
        replications: run.report.replications,
        seed: run.report.seed,
        months: run.report.months.iter().map(|m| m.label.clone()).collect(),
        tickets: run.report.tickets.mean,
        held: run
            .summary
            .held
            .iter()
            .map(|h| HeldRow {
                member: h.member.clone(),
                objectives: h.objectives,
                held: h.held,
                lowest_p_meets: h.lowest_p_meets,
            })
            .collect(),
        credits: run
            .summary
            .credits
            .iter()
            .map(|c| CurrencyRow {
                currency: c.currency.clone(),
                members: c.members.clone(),
                expected: c.expected.cents() as f64 / 100.0,
                p95: c.p95.cents() as f64 / 100.0,
            })
            .collect(),
        staff_per_month: run
            .summary
            .staff
            .as_ref()
            .map(|s| s.per_month.cents() as f64 / 100.0),
        staff_currency: run.summary.staff_currency.clone(),
        teams: team_rows(&run.report),
        members: run
            .members
            .iter()
            .map(|m| MemberResults {
                id: m.id.clone(),
                results: results(&m.report, &m.credits),
            })
            .collect(),
    }
}

/// Runs a portfolio as `pledge simulate PORTFOLIO` does (the same
/// refusal of a workload far beyond the teams, the same engine and
/// credits): `progress` hears of every replication; the run stops with
/// `cancelled` once `token` is cancelled.
pub fn run_portfolio(
    portfolio: &super::portfolio::Portfolio,
    settings: &RunSettings,
    token: &CancelToken,
    progress: &(dyn Fn(RunProgress) + Sync),
) -> Result<PortfolioResults, RunError> {
    let config = settings.config()?;
    let compiled = portfolio.compile().map_err(|e| match e {
        SimError::InvalidParameter { path, problem } => {
            RunError::Scenario(portfolio.problem(&path, problem))
        }
        other => RunError::Sim(other),
    })?;
    portfolio.check_workload(&compiled)?;
    let observer = |p: Progress| {
        progress(RunProgress {
            done: p.done,
            total: p.total,
            evaluations: None,
            best_agent_hours: None,
        });
        token.flow()
    };
    let run = super::portfolio::simulate_portfolio_with_credits(
        portfolio, &compiled, &config, &observer, token,
    )?;
    Ok(portfolio_results(&portfolio.name, &run))
}
