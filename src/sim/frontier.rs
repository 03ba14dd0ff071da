//! The target–cost frontier (issue 15 point 3): for one target of the
//! agreement (a row's metric), what a range of its values, or of its
//! objective share, would take: the agents needed to hold every objective
//! of the agreement with that one target changed, their cost per month,
//! the share of months meeting that target at that staffing, and the
//! credits owed. This is what an account manager prices a plan from.
//!
//! Each point is a sizing ([`super::size`]: common random numbers, every
//! staffing simulated once) of the scenario with the target moved. The
//! points are worked from the loosest to the tightest, and a point starts
//! from the staffing found for the looser one before it: at a fixed
//! staffing a looser target is met at least as often (the same tickets
//! take the same times; true when the dispatch is first come first served
//! or by priority, where a target moves no ticket), so every staffing that
//! holds the tighter target holds the looser one, and none cheaper than the
//! looser point's answer can hold the tighter one. When that answer
//! already holds the tighter target it is the tighter point's answer too,
//! with one simulation; otherwise it bounds the tighter point's search
//! from below, shift by shift: the search adds agents from there, and
//! removes and exchanges only agents above it. When the moved target itself
//! falls short at the looser answer, the most agents the search may give
//! are simulated first: if they do not hold it, the value is unreachable
//! (one simulation instead of a climb), and so is every tighter value.
//!
//! What is measured is reported as measured. The bound keeps a point's
//! agents at least the looser point's on every shift; what is left to noise
//! is said in [`Frontier::notes`]: a point searched without a looser answer
//! (the looser one found none) that needs fewer agent-hours than a looser
//! one, and dispatch by earliest deadline, where a target also orders the
//! queue and the premise does not hold.

use std::str::FromStr;

use serde::Serialize;
use thiserror::Error;

use super::model::compile;
use super::report::SimReport;
use super::run::{Flow, Progress, RunConfig};
use super::scenario::Scenario;
use super::size::{
    agent_hours, search, slot_plan, Evaluation, Evaluator, Goal, ScenarioEvaluator, SearchConfig,
    SearchStep, SizeError, Slot,
};
use super::steady::Dispatch;
use super::SimError;
use crate::error::ErrorCode;
use crate::model::{Agreement, Metric, Money, Percent, TargetTime};

/// One target of an agreement: a row (plan, priority, channel) and a metric.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetRef {
    /// The plan.
    pub plan: String,
    /// The priority.
    pub priority: String,
    /// The row's channel, when the row names one.
    pub channel: Option<String>,
    /// The metric.
    pub metric: Metric,
}

/// The metrics by the names a `--target` may use.
const METRICS: [Metric; 4] = [
    Metric::FirstResponse,
    Metric::NextResponse,
    Metric::PeriodicUpdate,
    Metric::Resolution,
];

fn metric_named(name: &str) -> Option<Metric> {
    let key = name.trim().replace('-', "_");
    METRICS.into_iter().find(|m| m.key() == key)
}

impl FromStr for TargetRef {
    type Err = FrontierError;

    /// `PLAN/PRIORITY/METRIC` or `PLAN/PRIORITY/CHANNEL/METRIC`, the
    /// metric as the files write it (`first_response`; `first-response`
    /// too).
    fn from_str(text: &str) -> Result<Self, FrontierError> {
        let parts: Vec<&str> = text.split('/').map(str::trim).collect();
        let form = || FrontierError::TargetForm(text.to_owned());
        if !(parts.len() == 3 || parts.len() == 4) || parts.iter().any(|p| p.is_empty()) {
            return Err(form());
        }
        let last = parts[parts.len() - 1];
        let metric = metric_named(last).ok_or_else(|| FrontierError::UnknownMetric {
            given: last.to_owned(),
        })?;
        Ok(TargetRef {
            plan: parts[0].to_owned(),
            priority: parts[1].to_owned(),
            channel: (parts.len() == 4).then(|| parts[2].to_owned()),
            metric,
        })
    }
}

impl std::fmt::Display for TargetRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.plan, self.priority)?;
        if let Some(c) = &self.channel {
            write!(f, "/{c}")?;
        }
        write!(f, "/{}", self.metric.key())
    }
}

fn listed<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<&str> = ids.collect();
    if all.is_empty() {
        "none".into()
    } else {
        all.join(", ")
    }
}

impl TargetRef {
    /// The index of the agreement's target row this names, refused when
    /// the plan, priority or channel is unknown, no row is theirs, or the
    /// row has no such metric.
    pub fn row(&self, agreement: &Agreement) -> Result<usize, FrontierError> {
        if agreement.plans.iter().all(|p| p.id != self.plan) {
            return Err(FrontierError::Unknown {
                what: "plan",
                given: self.plan.clone(),
                known: listed(agreement.plans.iter().map(|p| p.id.as_str())),
            });
        }
        if agreement.priorities.iter().all(|p| p.id != self.priority) {
            return Err(FrontierError::Unknown {
                what: "priority",
                given: self.priority.clone(),
                known: listed(agreement.priorities.iter().map(|p| p.id.as_str())),
            });
        }
        if let Some(c) = &self.channel {
            if agreement.channels.iter().all(|x| &x.id != c) {
                return Err(FrontierError::Unknown {
                    what: "channel",
                    given: c.clone(),
                    known: listed(agreement.channels.iter().map(|x| x.id.as_str())),
                });
            }
        }
        let ours = |t: &&crate::model::Target| t.plan == self.plan && t.priority == self.priority;
        let Some(row) = agreement
            .targets
            .iter()
            .position(|t| ours(&t) && t.channel == self.channel)
        else {
            let rows: Vec<String> = agreement
                .targets
                .iter()
                .filter(ours)
                .map(|t| match &t.channel {
                    Some(c) => format!("{}/{}/{c}", t.plan, t.priority),
                    None => format!("{}/{}", t.plan, t.priority),
                })
                .collect();
            return Err(FrontierError::NoRow {
                target: self.to_string(),
                rows: listed(rows.iter().map(String::as_str)),
            });
        };
        let target = &agreement.targets[row];
        if target.metric(self.metric).is_none() {
            return Err(FrontierError::NoMetric {
                target: self.to_string(),
                metric: self.metric,
                has: listed(target.metrics().map(|(m, _)| m.key())),
            });
        }
        if self.metric == Metric::PeriodicUpdate {
            return Err(FrontierError::NotSimulated(self.to_string()));
        }
        Ok(row)
    }
}

/// What the frontier moves.
#[derive(Debug, Clone, PartialEq)]
pub enum Axis {
    /// The target's value, each held at `objective` (the agreement's
    /// objective when none).
    Targets {
        /// The values, in the order to report them.
        values: Vec<TargetTime>,
        /// The share of tickets each must be held for.
        objective: Option<Percent>,
    },
    /// The target's objective share, the value as the agreement has it.
    Shares(Vec<Percent>),
}

/// Reads a comma-separated list of target values (`2h,4h,1h30m`, or
/// business days `1bd,2bd`), refusing an empty list, a value that does
/// not parse or is not above zero, a value given twice, and hours mixed
/// with business days (they cannot be ordered).
pub fn parse_values(text: &str) -> Result<Vec<TargetTime>, FrontierError> {
    let mut values: Vec<TargetTime> = Vec::new();
    for (i, item) in text.split(',').map(str::trim).enumerate() {
        let bad = |problem: String| FrontierError::Value {
            position: i + 1,
            given: item.to_owned(),
            problem,
        };
        if item.is_empty() {
            return Err(bad("a value is missing between commas".into()));
        }
        let value: TargetTime = item
            .parse()
            .map_err(|e: crate::model::UnitError| bad(e.0))?;
        let positive = match value {
            TargetTime::Elapsed(d) => d.as_seconds() > 0,
            TargetTime::BusinessDays(n) => n > 0,
        };
        if !positive {
            return Err(bad("a target must be longer than zero".into()));
        }
        if values.contains(&value) {
            return Err(bad("given twice".into()));
        }
        values.push(value);
    }
    let days = values
        .iter()
        .filter(|v| matches!(v, TargetTime::BusinessDays(_)))
        .count();
    if days > 0 && days < values.len() {
        return Err(FrontierError::MixedUnits(text.to_owned()));
    }
    Ok(values)
}

/// Reads a comma-separated list of objective shares (`90%,95%,99%`),
/// each with its `%` sign, above 0 % and at most 100 %, none twice.
pub fn parse_shares(text: &str) -> Result<Vec<Percent>, FrontierError> {
    let mut shares: Vec<Percent> = Vec::new();
    for (i, item) in text.split(',').map(str::trim).enumerate() {
        let bad = |problem: String| FrontierError::Share {
            position: i + 1,
            given: item.to_owned(),
            problem,
        };
        if item.is_empty() {
            return Err(bad("a share is missing between commas".into()));
        }
        let share: Percent = item
            .parse()
            .map_err(|e: crate::model::UnitError| bad(e.0))?;
        check_share(share).map_err(bad)?;
        if shares.contains(&share) {
            return Err(bad("given twice".into()));
        }
        shares.push(share);
    }
    Ok(shares)
}

/// Refuses a share not above 0 % or above 100 %.
fn check_share(share: Percent) -> Result<(), String> {
    if share.value() > 0.0 && share.value() <= 100.0 {
        Ok(())
    } else {
        Err("a share must be above 0% and at most 100%".into())
    }
}

/// The settings of [`frontier`].
#[derive(Debug, Clone, PartialEq)]
pub struct FrontierSettings {
    /// The target moved.
    pub target: TargetRef,
    /// Its values or shares.
    pub axis: Axis,
    /// The share of months in which every objective must hold, in (0, 1].
    pub confidence: f64,
    /// Replications and seed of every simulation.
    pub run: RunConfig,
    /// The most staffings one point's sizing simulates.
    pub max_evaluations: u32,
}

/// Why no frontier was drawn.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum FrontierError {
    /// The target is not `PLAN/PRIORITY[/CHANNEL]/METRIC`.
    #[error("the target `{0}` is not PLAN/PRIORITY/METRIC or PLAN/PRIORITY/CHANNEL/METRIC")]
    TargetForm(String),
    /// The metric is none of the four.
    #[error("the target's metric `{given}` is unknown: it is one of first_response, next_response, periodic_update, resolution")]
    UnknownMetric {
        /// What was given.
        given: String,
    },
    /// The agreement has no such plan, priority or channel.
    #[error("the agreement has no {what} `{given}` (it has {known})")]
    Unknown {
        /// `plan`, `priority` or `channel`.
        what: &'static str,
        /// What was given.
        given: String,
        /// The ids it has.
        known: String,
    },
    /// No target row is the plan's, priority's and channel's.
    #[error(
        "the agreement has no target row for {target}; the rows of that plan and priority: {rows}"
    )]
    NoRow {
        /// The target asked for.
        target: String,
        /// The rows of its plan and priority.
        rows: String,
    },
    /// The row does not bound that metric.
    #[error("the target row of {target} has no {} target; it has {has}", metric.key())]
    NoMetric {
        /// The target asked for.
        target: String,
        /// The metric.
        metric: Metric,
        /// The metrics it has.
        has: String,
    },
    /// Periodic updates are not simulated.
    #[error("{0}: periodic updates are not simulated, so no staffing can be sized for them")]
    NotSimulated(String),
    /// A value of the list is not a target above zero.
    #[error("value {position} of the list, `{given}`: {problem}")]
    Value {
        /// Its place in the list, from 1.
        position: usize,
        /// What was given.
        given: String,
        /// What is wrong.
        problem: String,
    },
    /// A share of the list is not above 0 % and at most 100 %.
    #[error("share {position} of the list, `{given}`: {problem}")]
    Share {
        /// Its place in the list, from 1.
        position: usize,
        /// What was given.
        given: String,
        /// What is wrong.
        problem: String,
    },
    /// Hours and business days in one list.
    #[error("the values `{0}` mix durations and business days: give them all in one unit so they can be ordered")]
    MixedUnits(String),
    /// No value or share.
    #[error("the frontier needs at least one value")]
    Empty,
    /// The share the values are held at is not a share.
    #[error("the objective share {0}: a share must be above 0% and at most 100%")]
    Objective(Percent),
    /// The confidence is not a share.
    #[error("the confidence must be above 0% and at most 100%, not {}%", .0 * 100.0)]
    Confidence(f64),
    /// A point's simulation failed (or was cancelled).
    #[error("sizing for {value}: {source}")]
    Sizing {
        /// The point's value.
        value: String,
        /// The engine's error.
        source: SimError,
    },
}

impl FrontierError {
    /// The kind of problem.
    pub fn code(&self) -> ErrorCode {
        match self {
            FrontierError::Sizing { source, .. } => source.code(),
            FrontierError::Confidence(_) => ErrorCode::InvalidSettings,
            _ => ErrorCode::InvalidValue,
        }
    }
}

/// One shift's agents at a point.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PointShift {
    /// The team.
    pub team: String,
    /// The shift.
    pub shift: String,
    /// Its agents.
    pub agents: u32,
}

/// One point of the frontier.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FrontierPoint {
    /// The value as a contract writes it (`4h`, `2bd`, `95%`).
    pub value: String,
    /// The target in seconds, on the target axis with a duration.
    pub seconds: Option<i64>,
    /// The objective share the target is held for.
    pub objective: Percent,
    /// Agents on every shift together; none when no staffing was found.
    pub agents: Option<u32>,
    /// Their paid agent-hours per week.
    pub agent_hours: Option<f64>,
    /// The agents per team and shift.
    pub shifts: Vec<PointShift>,
    /// Their cost over an average month, when the scenario gives a cost.
    pub staff_per_month: Option<Money>,
    /// The share of simulated months meeting the moved target at that
    /// staffing.
    pub p_meets: Option<f64>,
    /// The credits owed per month, their mean (when the agreement has a
    /// monthly fee).
    pub credits_expected: Option<Money>,
    /// Their 95th percentile.
    pub credits_p95: Option<Money>,
    /// Staffings simulated for this point.
    pub simulated: u32,
    /// Whether the looser point's staffing already held this one (one
    /// simulation, no search).
    pub from_looser: bool,
    /// Why no staffing was found, when none was.
    pub problem: Option<String>,
}

/// The frontier of one target.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Frontier {
    /// The scenario.
    pub scenario: String,
    /// The target moved, as `--target` writes it.
    pub target: String,
    /// The plan.
    pub plan: String,
    /// The priority.
    pub priority: String,
    /// The row's channel, when it names one.
    pub channel: Option<String>,
    /// The metric.
    pub metric: Metric,
    /// `target` (values of the target) or `share` (objective shares).
    pub axis: &'static str,
    /// The agreement's value of the target.
    pub contractual: String,
    /// The agreement's objective share for it.
    pub contractual_objective: Percent,
    /// The share of months in which every objective must hold.
    pub confidence: f64,
    /// Replications of every simulation.
    pub replications: u32,
    /// The seed of every simulation.
    pub seed: u64,
    /// The agreement's currency.
    pub currency: String,
    /// Staffings simulated over every point.
    pub simulated: u32,
    /// Whether the scenario dispatches by earliest deadline, where a
    /// target also orders the queue: a looser value may then be met less
    /// often at the same staffing.
    pub deadline_dispatch: bool,
    /// Whether the agents needed never fall as the target tightens.
    pub monotone: bool,
    /// What the reader should know: where the points are not monotone.
    pub notes: Vec<String>,
    /// The points, in the order asked.
    pub points: Vec<FrontierPoint>,
}

/// A step of the frontier, for progress reports.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FrontierStep {
    /// Points finished.
    pub points_done: usize,
    /// Points in all.
    pub points: usize,
    /// Staffings simulated so far, over every point.
    pub simulated: u32,
}

/// A scenario with one row's metric at another value. The internal time
/// only counts, and one looser than the value moved would mean nothing, so
/// it is dropped.
pub fn with_target(scenario: &Scenario, row: usize, metric: Metric, value: TargetTime) -> Scenario {
    let mut s = scenario.clone();
    if let Some(mt) = metric_slot(&mut s.agreement.targets[row], metric) {
        mt.within = value;
        mt.internal = None;
    }
    s
}

/// A scenario with one row's metric held for another objective share.
pub fn with_objective(scenario: &Scenario, row: usize, metric: Metric, share: Percent) -> Scenario {
    let mut s = scenario.clone();
    if let Some(mt) = metric_slot(&mut s.agreement.targets[row], metric) {
        mt.objective = Some(share);
    }
    s
}

fn metric_slot(
    target: &mut crate::model::Target,
    metric: Metric,
) -> Option<&mut crate::model::MetricTarget> {
    match metric {
        Metric::FirstResponse => target.first_response.as_mut(),
        Metric::NextResponse => target.next_response.as_mut(),
        Metric::PeriodicUpdate => target.periodic_update.as_mut(),
        Metric::Resolution => target.resolution.as_mut(),
    }
    .map(|m| m as _)
}

/// The index in `report` of the objective of a row's metric.
pub fn objective_of(
    report: &SimReport,
    agreement: &Agreement,
    row: usize,
    metric: Metric,
) -> Option<usize> {
    let t = &agreement.targets[row];
    report.objectives.iter().position(|o| {
        o.plan == t.plan && o.priority == t.priority && o.channel == t.channel && o.metric == metric
    })
}

/// A point to work out: where it is reported, how loose it is, and the
/// scenario with its target.
struct Planned {
    index: usize,
    value: String,
    seconds: Option<i64>,
    objective: Percent,
    /// Larger is looser.
    looseness: f64,
    scenario: Scenario,
}

/// Works out the frontier of `settings.target` over `settings.axis` on
/// `scenario`; `progress` hears of every point and staffing, `observer` of
/// every replication (returning [`Flow::Cancel`] stops the frontier with
/// [`SimError::Cancelled`]).
pub fn frontier(
    scenario: &Scenario,
    settings: &FrontierSettings,
    progress: &mut dyn FnMut(FrontierStep),
    observer: &(dyn Fn(Progress) -> Flow + Sync),
) -> Result<Frontier, FrontierError> {
    if !(settings.confidence > 0.0 && settings.confidence <= 1.0) {
        return Err(FrontierError::Confidence(settings.confidence));
    }
    let agreement = &scenario.agreement;
    let target = &settings.target;
    let row = target.row(agreement)?;
    let contract_row = &agreement.targets[row];
    let Some(contract) = contract_row.metric(target.metric) else {
        return Err(FrontierError::NoMetric {
            target: target.to_string(),
            metric: target.metric,
            has: String::new(),
        });
    };
    let contractual_objective = contract.objective.unwrap_or(contract_row.objective);
    let mut planned = Vec::new();
    match &settings.axis {
        Axis::Targets { values, objective } => {
            if values.is_empty() {
                return Err(FrontierError::Empty);
            }
            if let Some(o) = objective {
                check_share(*o).map_err(|_| FrontierError::Objective(*o))?;
            }
            let held = objective.unwrap_or(contractual_objective);
            for (index, &value) in values.iter().enumerate() {
                let (seconds, looseness) = match value {
                    TargetTime::Elapsed(d) => (Some(d.as_seconds()), d.as_seconds() as f64),
                    TargetTime::BusinessDays(n) => (None, n as f64),
                };
                let mut s = with_target(scenario, row, target.metric, value);
                if objective.is_some() {
                    s = with_objective(&s, row, target.metric, held);
                }
                planned.push(Planned {
                    index,
                    value: value.to_string(),
                    seconds,
                    objective: held,
                    looseness,
                    scenario: s,
                });
            }
        }
        Axis::Shares(shares) => {
            if shares.is_empty() {
                return Err(FrontierError::Empty);
            }
            for (index, &share) in shares.iter().enumerate() {
                check_share(share).map_err(|_| FrontierError::Objective(share))?;
                planned.push(Planned {
                    index,
                    value: share.to_string(),
                    seconds: match contract.within {
                        TargetTime::Elapsed(d) => Some(d.as_seconds()),
                        TargetTime::BusinessDays(_) => None,
                    },
                    objective: share,
                    // A lower share is looser.
                    looseness: -share.value(),
                    scenario: with_objective(scenario, row, target.metric, share),
                });
            }
        }
    }
    // Loosest first; equal looseness keeps the order asked.
    planned.sort_by(|a, b| b.looseness.total_cmp(&a.looseness));
    let config = SearchConfig {
        confidence: settings.confidence,
        max_evaluations: settings.max_evaluations,
        goal: Goal::Objectives,
    };
    let total = planned.len();
    let mut simulated = 0u32;
    let mut looser: Option<Vec<u32>> = None;
    let mut unreachable_at: Option<String> = None;
    let mut points: Vec<(usize, FrontierPoint)> = Vec::new();
    for (done, p) in planned.iter().enumerate() {
        let mut point = FrontierPoint {
            value: p.value.clone(),
            seconds: p.seconds,
            objective: p.objective,
            agents: None,
            agent_hours: None,
            shifts: Vec::new(),
            staff_per_month: None,
            p_meets: None,
            credits_expected: None,
            credits_p95: None,
            simulated: 0,
            from_looser: false,
            problem: None,
        };
        if let Some(at) = &unreachable_at {
            point.problem = Some(format!(
                "not sized: the looser {at} was not reached even with every shift at its maximum headcount"
            ));
            points.push((p.index, point));
            continue;
        }
        let before = simulated;
        let mut on_step = |step: SearchStep| {
            progress(FrontierStep {
                points_done: done,
                points: total,
                simulated: before + step.evaluations,
            });
        };
        let failed = |source| FrontierError::Sizing {
            value: p.value.clone(),
            source,
        };
        let mut evaluator =
            ScenarioEvaluator::new(&p.scenario, settings.run, settings.confidence, observer)
                .with_credits();
        let compiled = compile(&p.scenario).map_err(failed)?;
        let mut plan = match slot_plan(&p.scenario, &compiled) {
            Ok(plan) => plan,
            Err(SizeError::Evaluator(e)) => return Err(failed(e)),
            Err(e) => {
                point.problem = Some(e.to_string());
                points.push((p.index, point));
                continue;
            }
        };
        let holds = |e: &Evaluation| e.p_meets.iter().all(|&q| q >= settings.confidence - 1e-9);
        let mut found = None;
        if let Some(x) = &looser {
            // The looser point's answer, when it holds this target too, is
            // this point's answer; otherwise it bounds the search from
            // below, shift by shift (see the module's docs).
            let e = evaluator.evaluate(x).map_err(failed)?;
            on_step(SearchStep {
                evaluations: 1,
                best_cost: None,
            });
            if holds(&e) {
                point.from_looser = true;
                found = Some(Ok(x.clone()));
            } else {
                for (slot, &n) in plan.slots.iter_mut().zip(x) {
                    slot.min = n;
                    slot.max = slot.max.max(n);
                }
                // When the target itself falls short, the most agents
                // allowed tell at once whether it can be held at all.
                let moved = evaluator
                    .report_of(x)
                    .and_then(|r| moved_p_meets(r, &p.scenario, row, target.metric));
                if moved.is_some_and(|q| q < settings.confidence - 1e-9) {
                    let most: Vec<u32> = plan.slots.iter().map(|s| s.max).collect();
                    if !holds(&evaluator.evaluate(&most).map_err(failed)?) {
                        found = Some(Err(SizeError::Unreachable));
                    }
                }
            }
        }
        let found = match found {
            Some(found) => found,
            None => {
                let start = looser.clone().unwrap_or_else(|| plan.start.clone());
                search(&mut evaluator, &plan.slots, &start, &config, &mut on_step)
                    .map(|f| f.headcount)
            }
        };
        simulated += evaluator.simulated();
        point.simulated = evaluator.simulated();
        match found {
            Ok(x) => {
                fill(
                    &mut point,
                    &evaluator,
                    &plan.slots,
                    &x,
                    &p.scenario,
                    row,
                    target.metric,
                );
                looser = Some(x);
            }
            Err(SizeError::Evaluator(source)) => return Err(failed(source)),
            Err(e) => {
                if matches!(e, SizeError::Unreachable) {
                    unreachable_at = Some(p.value.clone());
                }
                point.problem = Some(e.to_string());
            }
        }
        progress(FrontierStep {
            points_done: done + 1,
            points: total,
            simulated,
        });
        points.push((p.index, point));
    }
    // Loosest first still: a tighter point needing fewer agent-hours than
    // a looser one is reported, not smoothed.
    let mut notes = Vec::new();
    let mut most: Option<(f64, &str)> = None;
    for (_, point) in &points {
        let Some(hours) = point.agent_hours else {
            continue;
        };
        if let Some((h, v)) = most {
            if hours < h - 1e-9 {
                notes.push(format!(
                    "not monotone: {} needs {hours:.1} agent-h/week, fewer than the looser {v} ({h:.1}); simulation noise and the search's one-agent tolerance",
                    point.value
                ));
            }
        }
        if most.is_none_or(|(h, _)| hours > h) {
            most = Some((hours, &point.value));
        }
    }
    let deadline_dispatch = scenario.dispatch == Dispatch::EarliestDeadlineFirst;
    if deadline_dispatch {
        notes.push("the scenario dispatches by earliest deadline: a target also orders the queue, so a looser value is not always met more often".into());
    }
    let monotone = !notes.iter().any(|n| n.starts_with("not monotone"));
    points.sort_by_key(|(i, _)| *i);
    Ok(Frontier {
        scenario: scenario.name.clone(),
        target: target.to_string(),
        plan: target.plan.clone(),
        priority: target.priority.clone(),
        channel: target.channel.clone(),
        metric: target.metric,
        axis: match settings.axis {
            Axis::Targets { .. } => "target",
            Axis::Shares(_) => "share",
        },
        contractual: contract.within.to_string(),
        contractual_objective,
        confidence: settings.confidence,
        replications: settings.run.replications,
        seed: settings.run.seed,
        currency: agreement.meta.currency.clone(),
        simulated,
        deadline_dispatch,
        monotone,
        notes,
        points: points.into_iter().map(|(_, p)| p).collect(),
    })
}

/// The share of months meeting a row's metric in `report`.
fn moved_p_meets(
    report: &SimReport,
    scenario: &Scenario,
    row: usize,
    metric: Metric,
) -> Option<f64> {
    objective_of(report, &scenario.agreement, row, metric)
        .and_then(|i| report.objectives[i].p_meets)
}

/// A point's figures from the staffing `x` found.
fn fill(
    point: &mut FrontierPoint,
    evaluator: &ScenarioEvaluator,
    slots: &[Slot],
    x: &[u32],
    scenario: &Scenario,
    row: usize,
    metric: Metric,
) {
    point.agents = Some(x.iter().sum());
    point.agent_hours = Some(agent_hours(slots, x));
    point.shifts = slots
        .iter()
        .zip(x)
        .map(|(s, &n)| PointShift {
            team: s.team.clone(),
            shift: s.shift.clone(),
            agents: n,
        })
        .collect();
    // Slots run team by team, shift by shift.
    let mut first = Vec::new();
    let mut n = 0;
    for team in &scenario.staffing.teams {
        first.push(n);
        n += team.shifts.len();
    }
    point.staff_per_month = scenario
        .staffing
        .cost_with(|t, s| x.get(first[t] + s).copied().unwrap_or(0))
        .map(|c| c.per_month);
    let credits = evaluator.credits_of(x);
    point.p_meets = evaluator
        .report_of(x)
        .and_then(|r| moved_p_meets(r, scenario, row, metric));
    if let Some(c) = credits {
        point.credits_expected = c.credits.expected;
        point.credits_p95 = c.credits.p95;
    }
}
