//! What an agreement would have given on a team's real tickets: compliance
//! per objective and per month against the contractual and internal
//! targets, the months that would have missed, the service credits they
//! would have cost, and the breaches broken down by what they have in
//! common.
//!
//! # Rules
//!
//! - Each ticket is placed in the agreement by [`Resolver`](super::resolve)
//!   and measured by [`Measurer`] on its target row's clock; a ticket that
//!   cannot be placed is counted by reason, never guessed.
//! - A month is the calendar month of the ticket's creation in the zone of
//!   its plan's calendar, as the agreement's measurement periods are.
//! - Compliance is tickets that met the target out of tickets whose outcome
//!   is known: a ticket still waiting when the history ends is left out
//!   until its deadline has passed, then counts as missed.
//! - An objective is missed in a month when that month's compliance is
//!   below the objective; a month without tickets for it neither meets nor
//!   misses.
//! - Credits are computed by [`crate::credits`] from each month's
//!   compliance per plan × priority × metric, all channels pooled; schedules
//!   on a service's availability have no measure in a ticket history and
//!   owe nothing here (the report names them).
//! - Breakdowns count, per metric, tickets measured and missed by hour of
//!   the week and weekday (in the plan calendar's zone), plan, priority,
//!   channel, group and month. Hot spots are the priority × channel ×
//!   weekday × quarter of the day cells whose miss rate is highest above
//!   the metric's overall rate, with at least [`HOTSPOT_MIN_MISSED`]
//!   misses.
//! - The history's end (`as_of`) is its last recorded instant unless
//!   given: the earliest the export can have been taken.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Timelike, Utc};
use schemars::JsonSchema;
use serde::Serialize;

use super::formats::Values;
use super::measure::{Measurer, Skipped};
use super::resolve::Field;
use crate::credits::{ComplianceMeasure, CreditRules, Measured, MonthMeasures};
use crate::model::{Agreement, CreditBasis, Metric, Money};
use crate::store::{HistoryName, Store, StoreError};

/// Hot spots need at least this many misses, so that a cell of two tickets
/// does not top the list by chance.
pub const HOTSPOT_MIN_MISSED: u64 = 5;

/// How many hot spots a report lists.
pub const HOTSPOTS: usize = 8;

/// How many unknown values a report names per field.
pub const UNKNOWN_VALUES: usize = 10;

/// Options of a report.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Value maps from the file's words to the agreement's ids.
    pub values: Values,
    /// When the history was exported [default: its last recorded instant].
    pub as_of: Option<DateTime<Utc>>,
}

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// The library could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The agreement's calendars do not compile (the gate refuses such an
    /// agreement; kept for a library version saved by an older release).
    #[error("the agreement's calendars cannot be used: {0}")]
    Calendar(String),
    /// The history has no ticket.
    #[error("history `{0}` has no ticket: import an export into it first")]
    Empty(String),
}

impl ReportError {
    /// The kind of problem.
    pub fn code(&self) -> crate::error::ErrorCode {
        use crate::error::ErrorCode;
        match self {
            ReportError::Store(e) => e.code(),
            ReportError::Calendar(_) => ErrorCode::InvalidCalendar,
            ReportError::Empty(_) => ErrorCode::Empty,
        }
    }
}

/// Tickets measured and missed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Cell {
    /// Tickets whose outcome is known.
    pub measured: u64,
    /// Of those, the ones that missed the target.
    pub missed: u64,
}

impl Cell {
    fn add(&mut self, missed: bool) {
        self.measured += 1;
        self.missed += u64::from(missed);
    }

    /// The share missed, when something was measured.
    pub fn miss_rate(&self) -> Option<f64> {
        (self.measured > 0).then(|| self.missed as f64 / self.measured as f64)
    }
}

/// One objective (target row × metric) over the whole history.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ObjectiveCompliance {
    /// The plan.
    pub plan: String,
    /// The priority.
    pub priority: String,
    /// The channel, when the row names one.
    pub channel: Option<String>,
    /// The metric.
    pub metric: Metric,
    /// The contractual target, as the agreement writes it.
    pub within: String,
    /// The internal target, when the row sets one.
    pub internal: Option<String>,
    /// The objective, in percent.
    pub objective: f64,
    /// Tickets whose outcome is known.
    pub measured: u64,
    /// Of those, within the target.
    pub met: u64,
    /// Tickets still waiting whose deadline had not passed.
    pub pending: u64,
    /// Tickets within the internal target, when there is one.
    pub internal_met: Option<u64>,
    /// Months with tickets for this objective.
    pub months: u32,
    /// The months below the objective (`YYYY-MM`).
    pub months_missed: Vec<String>,
}

impl ObjectiveCompliance {
    /// The compliance in percent, when something was measured.
    pub fn compliance(&self) -> Option<f64> {
        (self.measured > 0).then(|| self.met as f64 * 100.0 / self.measured as f64)
    }
}

/// One objective in one month.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct MonthObjective {
    /// Index into [`Report::objectives`].
    pub objective: usize,
    /// Tickets measured and met.
    pub measured: u64,
    /// Within the target.
    pub met: u64,
    /// Below the objective.
    pub missed: bool,
}

/// What one credit schedule owes for one month.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct MonthCredit {
    /// The schedule.
    pub schedule: String,
    /// The level measured, in percent, when something was.
    pub level: Option<f64>,
    /// The deciding tier (from 0), when one applies.
    pub tier: Option<usize>,
    /// The credit as a share of the monthly fee, in percent.
    pub share: f64,
    /// The amount, when the agreement gives a monthly fee.
    pub amount: Option<Money>,
}

/// One month of the history.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct MonthCompliance {
    /// `YYYY-MM`.
    pub month: String,
    /// The objectives with tickets that month.
    pub objectives: Vec<MonthObjective>,
    /// Each credit schedule.
    pub credits: Vec<MonthCredit>,
    /// The month's credits in all.
    pub credit_total: Money,
}

/// A credit schedule over the whole history.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ScheduleTotal {
    /// The schedule.
    pub schedule: String,
    /// Whether the history can measure it (compliance; not availability).
    pub measured: bool,
    /// Months in which a tier applied.
    pub months_missed: u32,
    /// The sum of its amounts.
    pub total: Money,
}

/// A count of a value or of a category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Keyed {
    /// The value.
    pub key: String,
    /// Its tickets.
    pub cell: Cell,
}

/// The breaches of one metric broken down by what tickets have in common.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Breakdown {
    /// The metric.
    pub metric: Metric,
    /// All tickets measured on it.
    pub overall: Cell,
    /// By hour of the week, Monday 00:00–01:00 first (168 cells), in the
    /// zone of each ticket's plan calendar.
    pub hour_of_week: Vec<Cell>,
    /// By weekday, Monday first.
    pub weekday: Vec<Cell>,
    /// By plan.
    pub plan: Vec<Keyed>,
    /// By priority.
    pub priority: Vec<Keyed>,
    /// By channel (the agreement's id, else the file's word).
    pub channel: Vec<Keyed>,
    /// By group (the file's group, `(none)` when it has none).
    pub group: Vec<Keyed>,
    /// By month of creation.
    pub month: Vec<Keyed>,
}

/// A cell where misses gather.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Hotspot {
    /// The metric.
    pub metric: Metric,
    /// The priority.
    pub priority: String,
    /// The channel.
    pub channel: String,
    /// The weekday, 0 for Monday.
    pub weekday: u32,
    /// The first hour of the quarter of the day (0, 6, 12 or 18).
    pub from_hour: u32,
    /// Its tickets.
    pub cell: Cell,
    /// Its miss rate over the metric's overall miss rate.
    pub lift: f64,
}

/// Tickets left out, by reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SkippedCount {
    /// Why.
    pub reason: Skipped,
    /// How many.
    pub tickets: u64,
}

/// A value of the history that no id of the agreement reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct UnknownValue {
    /// The field.
    pub field: Field,
    /// The file's word.
    pub value: String,
    /// Tickets with it.
    pub tickets: u64,
}

/// The compliance a history would have had under an agreement.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Report {
    /// The history.
    pub history: String,
    /// The agreement's title and reference.
    pub agreement: String,
    /// The agreement's currency.
    pub currency: String,
    /// The end of the history.
    pub as_of: DateTime<Utc>,
    /// The first and last creation.
    pub created: (DateTime<Utc>, DateTime<Utc>),
    /// Tickets in the history.
    pub tickets: u64,
    /// Tickets placed on a target row and measured.
    pub measured: u64,
    /// Tickets left out, by reason.
    pub skipped: Vec<SkippedCount>,
    /// Values no id reads, most frequent first.
    pub unknown_values: Vec<UnknownValue>,
    /// Per objective, the agreement's order.
    pub objectives: Vec<ObjectiveCompliance>,
    /// Per month, in order.
    pub months: Vec<MonthCompliance>,
    /// Per credit schedule.
    pub credits: Vec<ScheduleTotal>,
    /// All credits of the history.
    pub credit_total: Money,
    /// Per metric measured.
    pub breakdowns: Vec<Breakdown>,
    /// Where misses gather, worst first.
    pub hotspots: Vec<Hotspot>,
}

/// Counts of one metric, gathered ticket by ticket.
struct Tally {
    metric: Metric,
    overall: Cell,
    hour_of_week: Vec<Cell>,
    by: [BTreeMap<String, Cell>; 5],
    spots: HashMap<(String, String, u32, u32), Cell>,
}

impl Tally {
    fn new(metric: Metric) -> Self {
        Tally {
            metric,
            overall: Cell::default(),
            hour_of_week: vec![Cell::default(); 168],
            by: Default::default(),
            spots: HashMap::new(),
        }
    }
}

fn keyed(map: BTreeMap<String, Cell>) -> Vec<Keyed> {
    map.into_iter()
        .map(|(key, cell)| Keyed { key, cell })
        .collect()
}

/// The report of history `name` against `agreement`: one pass over its
/// tickets, in memory the counts and the history's pauses only.
pub fn report(
    store: &Store,
    name: &HistoryName,
    agreement: &Agreement,
    options: &ReportOptions,
) -> Result<Report, ReportError> {
    let measurer = Measurer::with_values(agreement, &options.values)
        .map_err(|e| ReportError::Calendar(e.to_string()))?;
    let Some(waits) = super::waits::Waits::read(store, name)? else {
        return Err(ReportError::Empty(name.to_string()));
    };
    let as_of = options.as_of.unwrap_or(waits.end);

    // (objective row, metric) → index, in the agreement's order.
    let mut objectives = Vec::new();
    let mut index: HashMap<(usize, Metric), usize> = HashMap::new();
    for (row, t) in agreement.targets.iter().enumerate() {
        for (metric, mt) in t.metrics() {
            if !matches!(metric, Metric::FirstResponse | Metric::Resolution) {
                continue;
            }
            index.insert((row, metric), objectives.len());
            objectives.push(ObjectiveCompliance {
                plan: t.plan.clone(),
                priority: t.priority.clone(),
                channel: t.channel.clone(),
                metric,
                within: mt.within.to_string(),
                internal: mt.internal.map(|i| i.to_string()),
                objective: mt.objective.unwrap_or(t.objective).value(),
                measured: 0,
                met: 0,
                pending: 0,
                internal_met: mt.internal.map(|_| 0),
                months: 0,
                months_missed: Vec::new(),
            });
        }
    }
    let mut monthly: BTreeMap<String, BTreeMap<usize, (u64, u64)>> = BTreeMap::new();
    let mut tallies = [
        Tally::new(Metric::FirstResponse),
        Tally::new(Metric::Resolution),
    ];
    let mut skipped: BTreeMap<Skipped, u64> = BTreeMap::new();
    let mut unknown: HashMap<(Field, String), u64> = HashMap::new();
    let (mut tickets, mut measured) = (0u64, 0u64);
    let mut created: Option<(DateTime<Utc>, DateTime<Utc>)> = None;

    store.for_each_ticket(name, |ticket| {
        tickets += 1;
        created = Some(match created {
            None => (ticket.created, ticket.created),
            Some((a, b)) => (a.min(ticket.created), b.max(ticket.created)),
        });
        let m = match measurer.measure(&ticket, waits.of(&ticket.id), as_of) {
            Ok(m) => m,
            Err(why) => {
                let reason = why.skipped();
                *skipped.entry(reason).or_default() += 1;
                if let super::measure::Unmeasured::Unplaced(super::resolve::Unplaced::Unknown(
                    field,
                    value,
                )) = why
                {
                    *unknown.entry((field, value)).or_default() += 1;
                }
                return;
            }
        };
        measured += 1;
        if let Some(word) = &m.unknown_channel {
            *unknown.entry((Field::Channel, word.clone())).or_default() += 1;
        }
        let local = measurer.local_time(m.row, ticket.created);
        let month = format!("{:04}-{:02}", local.year(), local.month());
        let weekday = local.weekday().num_days_from_monday();
        let hour = local.hour();
        let channel = m
            .placed
            .channel
            .clone()
            .or_else(|| ticket.channel.as_ref().map(|v| v.raw.clone()))
            .unwrap_or_else(|| "(none)".into());
        let group = ticket
            .group
            .as_ref()
            .map_or_else(|| "(none)".into(), |g| g.mapped.clone());
        for o in &m.outcomes {
            let Some(&i) = index.get(&(o.row, o.metric)) else {
                continue;
            };
            let obj = &mut objectives[i];
            let Some(met) = o.met else {
                obj.pending += 1;
                continue;
            };
            obj.measured += 1;
            obj.met += u64::from(met);
            if let (Some(n), Some(true)) = (obj.internal_met.as_mut(), o.internal_met) {
                *n += 1;
            }
            let counts = monthly
                .entry(month.clone())
                .or_default()
                .entry(i)
                .or_default();
            counts.0 += 1;
            counts.1 += u64::from(met);
            let Some(tally) = tallies.iter_mut().find(|t| t.metric == o.metric) else {
                continue;
            };
            let missed = !met;
            tally.overall.add(missed);
            tally.hour_of_week[(weekday * 24 + hour) as usize].add(missed);
            for (by, key) in tally.by.iter_mut().zip([
                &m.placed.plan,
                &m.placed.priority,
                &channel,
                &group,
                &month,
            ]) {
                by.entry(key.clone()).or_default().add(missed);
            }
            tally
                .spots
                .entry((
                    m.placed.priority.clone(),
                    channel.clone(),
                    weekday,
                    hour / 6 * 6,
                ))
                .or_default()
                .add(missed);
        }
    })?;
    let Some(created) = created else {
        return Err(ReportError::Empty(name.to_string()));
    };

    let rules = CreditRules::new(agreement);
    let mut months = Vec::new();
    let mut schedule_totals: Vec<ScheduleTotal> = agreement
        .credits
        .iter()
        .map(|c| ScheduleTotal {
            schedule: c.id.clone(),
            measured: matches!(c.basis, CreditBasis::Compliance { .. }),
            months_missed: 0,
            total: Money::from_cents(0),
        })
        .collect();
    for (month, counts) in monthly {
        let mut month_objectives = Vec::new();
        // Compliance per plan × priority × metric, channels pooled.
        let mut pooled: BTreeMap<(String, String, Metric), (u64, u64)> = BTreeMap::new();
        for (&i, &(n, met)) in &counts {
            let obj = &mut objectives[i];
            let missed = (met as f64) < obj.objective / 100.0 * n as f64 - 1e-9;
            obj.months += 1;
            if missed {
                obj.months_missed.push(month.clone());
            }
            month_objectives.push(MonthObjective {
                objective: i,
                measured: n,
                met,
                missed,
            });
            let p = pooled
                .entry((obj.plan.clone(), obj.priority.clone(), obj.metric))
                .or_default();
            p.0 += met;
            p.1 += n;
        }
        let measures = MonthMeasures {
            compliance: pooled
                .into_iter()
                .map(|((plan, priority, metric), (met, n))| ComplianceMeasure {
                    plan,
                    priority,
                    metric,
                    level: Measured::new(met, n),
                })
                .collect(),
            uptime: Vec::new(),
        };
        let owed = rules.month(&measures);
        let credit_total = owed.total();
        let credits = owed
            .schedules
            .iter()
            .zip(schedule_totals.iter_mut())
            .map(|(s, total)| {
                if s.missed() {
                    total.months_missed += 1;
                }
                if let Some(a) = s.amount {
                    total.total = Money::from_cents(total.total.cents() + a.cents());
                }
                MonthCredit {
                    schedule: s.schedule.clone(),
                    level: s.measure.and_then(|m| m.percent()),
                    tier: s.tier,
                    share: s.share.value(),
                    amount: s.amount,
                }
            })
            .collect();
        months.push(MonthCompliance {
            month,
            objectives: month_objectives,
            credits,
            credit_total,
        });
    }
    let credit_total = Money::from_cents(months.iter().map(|m| m.credit_total.cents()).sum());

    let mut hotspots = Vec::new();
    let mut breakdowns = Vec::new();
    for tally in tallies {
        if tally.overall.measured == 0 {
            continue;
        }
        let overall = tally.overall.miss_rate().unwrap_or(0.0);
        for ((priority, channel, weekday, from_hour), cell) in tally.spots {
            let rate = cell.miss_rate().unwrap_or(0.0);
            if cell.missed >= HOTSPOT_MIN_MISSED && overall > 0.0 && rate > overall {
                hotspots.push(Hotspot {
                    metric: tally.metric,
                    priority,
                    channel,
                    weekday,
                    from_hour,
                    cell,
                    lift: rate / overall,
                });
            }
        }
        let weekday = (0..7)
            .map(|d| {
                tally.hour_of_week[d * 24..(d + 1) * 24]
                    .iter()
                    .fold(Cell::default(), |a, c| Cell {
                        measured: a.measured + c.measured,
                        missed: a.missed + c.missed,
                    })
            })
            .collect();
        let [plan, priority, channel, group, month] = tally.by;
        breakdowns.push(Breakdown {
            metric: tally.metric,
            overall: tally.overall,
            hour_of_week: tally.hour_of_week,
            weekday,
            plan: keyed(plan),
            priority: keyed(priority),
            channel: keyed(channel),
            group: keyed(group),
            month: keyed(month),
        });
    }
    // Worst first: the most misses above the overall rate, then the
    // highest lift; ties in a fixed order so the report is reproducible.
    hotspots.sort_by(|a, b| {
        let excess = |h: &Hotspot| h.cell.missed as f64 * (1.0 - 1.0 / h.lift);
        excess(b)
            .total_cmp(&excess(a))
            .then(b.lift.total_cmp(&a.lift))
            .then_with(|| {
                (&a.priority, &a.channel, a.weekday, a.from_hour).cmp(&(
                    &b.priority,
                    &b.channel,
                    b.weekday,
                    b.from_hour,
                ))
            })
    });
    hotspots.truncate(HOTSPOTS);

    let mut unknown_values: Vec<UnknownValue> = unknown
        .into_iter()
        .map(|((field, value), tickets)| UnknownValue {
            field,
            value,
            tickets,
        })
        .collect();
    unknown_values.sort_by(|a, b| {
        (a.field, std::cmp::Reverse(a.tickets), &a.value).cmp(&(
            b.field,
            std::cmp::Reverse(b.tickets),
            &b.value,
        ))
    });
    let mut per_field: HashMap<Field, usize> = HashMap::new();
    unknown_values.retain(|u| {
        let n = per_field.entry(u.field).or_default();
        *n += 1;
        *n <= UNKNOWN_VALUES
    });

    Ok(Report {
        history: name.to_string(),
        agreement: format!(
            "{} ({})",
            agreement.own(&agreement.meta.title),
            agreement.meta.reference
        ),
        currency: agreement.meta.currency.to_string(),
        as_of,
        created,
        tickets,
        measured,
        skipped: skipped
            .into_iter()
            .map(|(reason, tickets)| SkippedCount { reason, tickets })
            .collect(),
        unknown_values,
        objectives,
        months,
        credits: schedule_totals,
        credit_total,
        breakdowns,
        hotspots,
    })
}
