//! A simulation scenario calibrated from a ticket history, and its
//! back-test (issue 13 point 4).
//!
//! [`calibrate`] reads a stored history against an agreement (tickets
//! placed by the [`Resolver`], measured by the [`Measurer`], so the mix is
//! in the agreement's ids) and estimates what a scenario needs:
//!
//! - **the period**: tickets created from the first day of the history to
//!   the last day *settled* ([`CalibrateOptions::settle`], 7 days, before
//!   the last instant the history records), so that every ticket fitted or
//!   measured had the time to be answered and resolved;
//! - **the hour-of-week profile**: each hour's tickets divided by how
//!   often that hour occurs in the period, in the zone of the agreement's
//!   first plan's calendar (the zone the engine counts months in);
//! - **the volume** (tickets per week) and its **trend**: the least-squares
//!   slope of the whole weeks' counts, its standard error and a two-sided
//!   t-test at 5 % (with at least six whole weeks); a growth is written
//!   only when the slope is significant;
//! - **the mix**: plan × priority × channel shares of the placed tickets;
//! - **the work per priority**, each duration fitted by
//!   [`fit`](super::fit::fit) (exponential, log-normal, gamma; the family
//!   by AIC, its KS statistic):
//!   - *first-response agent time* from the first-reply delays of the
//!     tickets that met no queue: created in an open hour of their plan's
//!     calendar while no earlier ticket was still awaiting a first reply
//!     and a first reply had been sent in the previous 30 minutes (the
//!     desk was staffed and idle). Their delay is the agent's time, not a
//!     wait. Other delays include queueing and closed hours, so they are
//!     used (and said to be an upper bound) only when too few tickets
//!     met no queue;
//!   - *resolution work* from the time between the first reply and the
//!     resolution, waits on the customer left out. This is elapsed time:
//!     it includes waiting for an agent, other work and closed hours, so
//!     it is an **upper bound** of agent time; the engine takes it as
//!     agent time;
//!   - *back-and-forths* as the completed waits on the customer (the
//!     status log's pauses) per resolved ticket, and *pending* from their
//!     lengths;
//!   - *reopen* and *escalated* are not estimated: the stored history
//!     keeps the waits on the customer, not every status change nor the
//!     hand-offs between teams;
//! - **the staffing** is not in a history: it comes from another scenario
//!   (`--staffing`, its teams and dispatch) or is a default team on the
//!   first plan's calendar sized for 70 % occupancy of the calibrated work,
//!   and the output says which.
//!
//! Every input and what it was estimated from is listed in
//! [`Calibration::inputs`], printed by the CLI and written in the
//! scenario's header. The scenario embeds the agreement, so the file
//! simulates exactly the agreement the history was measured against, and
//! it is read back through the scenario reader's gate before it is
//! returned.
//!
//! [`backtest`] simulates the calibrated scenario over the history's period
//! and compares, per target row and metric, the simulated compliance (mean
//! and spread across replications) with the measured one (the
//! [`Compliance`] of the same tickets). The measured share is one more
//! draw of the same process if the scenario is right, so it is judged
//! against a 95 % prediction interval of one replication: mean ± t₀.₉₇₅,R−₁
//! × s × √(1 + 1/R), where s is the larger of the replications' standard
//! deviation and the measured share's binomial standard error. A row
//! outside it is named with the difference and the assumption it points
//! at.

use std::collections::{BTreeMap, BinaryHeap, HashMap};
use std::path::Path;

use chrono::{DateTime, Datelike, Duration as ChronoDuration, NaiveDate, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use super::fit::{fit, Fit};
use super::formats::Values;
use super::measure::{Compliance, Measurer, Skipped, Unmeasured};
use super::resolve::{Field, Placed, Resolver, Unplaced};
use crate::clock::{BusinessCalendar, CalendarError, Pause};
use crate::error::ErrorCode;
use crate::model::{Agreement, Duration, LocalDateTime, Metric, Percent};
use crate::sim::outcome::simulate_with_credits;
use crate::sim::run::{CancelToken, Flow, Progress, RunConfig};
use crate::sim::scenario::{
    DispatchPolicy, DurationSpec, MixEntry, PriorityWork, Scenario, ScenarioError, Staffing,
    WeekShape, Workload, DAYS_PER_MONTH,
};
use crate::sim::spec::{default_scenario, ScenarioSpec, DEFAULT_SHRINKAGE};
use crate::sim::special::student_t_quantile;
use crate::sim::steady::Dispatch;
use crate::sim::SimError;
use crate::store::{HistoryName, Store, StoreError};

/// Fewer durations than this for one priority and the sample of every
/// priority is fitted instead (and the output says so).
pub const MIN_SAMPLE: usize = 30;

/// Fewer whole weeks than this and no trend is judged: with two or three
/// degrees of freedom a t-test on a few weekly counts calls a chance run
/// of high then low weeks a trend too readily to write it as growth.
pub const MIN_TREND_WEEKS: usize = 6;

/// How recent a first reply must be for the desk to count as staffed when
/// a ticket arrives.
const STAFFED_WITHIN: i64 = 30 * 60;

/// Why a history cannot be calibrated or back-tested.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CalibrationError {
    /// The library could not be read, or has no such history.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The history holds no ticket.
    #[error("history `{history}` holds no ticket: import an export into it first (`pledge history import FILE --name {history}`)")]
    EmptyHistory {
        /// The history.
        history: String,
    },
    /// None of the history's tickets places into the agreement.
    #[error("none of the {tickets} tickets of history `{history}` created in the calibrated period places into the agreement: {reasons}; give a mapping file whose `values:` name the agreement's plans, priorities and channels")]
    NonePlaced {
        /// The history.
        history: String,
        /// Tickets of the period.
        tickets: u64,
        /// Why, with counts and example words.
        reasons: String,
    },
    /// The settled part of the history is shorter than a week.
    #[error("history `{history}` has {days} settled days (tickets created from {from} to {to}, its last recorded time less {settle}): at least 7 are needed to calibrate a week")]
    TooShort {
        /// The history.
        history: String,
        /// Whole days settled.
        days: i64,
        /// The first day.
        from: String,
        /// The cut-off.
        to: String,
        /// The settling time.
        settle: String,
    },
    /// A calendar of the agreement cannot be compiled.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// The calibrated scenario does not pass the scenario reader, or
    /// cannot be simulated as it is.
    #[error("the calibrated scenario cannot be simulated: {0}")]
    Scenario(#[from] ScenarioError),
    /// The engine refused or stopped.
    #[error(transparent)]
    Sim(#[from] SimError),
    /// A setting is out of range.
    #[error("{0}")]
    Settings(&'static str),
    /// The scenario whose inputs would be replaced counts its week in
    /// another zone than the calibrated profile.
    #[error("the scenario counts its week in {scenario} but the history's hour-of-week profile is in {profile}, the zone of the agreement's first plan: set the scenario's time zone to {profile} before calibrating it")]
    OtherZone {
        /// The scenario's zone.
        scenario: String,
        /// The profile's zone.
        profile: String,
    },
}

impl CalibrationError {
    /// The library's code, `empty` when there is nothing to calibrate,
    /// the calendar's, the scenario's or the engine's, or
    /// `invalid-settings`.
    pub fn code(&self) -> ErrorCode {
        match self {
            CalibrationError::Store(e) => e.code(),
            CalibrationError::EmptyHistory { .. }
            | CalibrationError::NonePlaced { .. }
            | CalibrationError::TooShort { .. } => ErrorCode::Empty,
            CalibrationError::Calendar(e) => e.code(),
            CalibrationError::Scenario(e) => e.code(),
            CalibrationError::Sim(e) => e.code(),
            CalibrationError::Settings(_) | CalibrationError::OtherZone { .. } => {
                ErrorCode::InvalidSettings
            }
        }
    }
}

/// How to calibrate.
#[derive(Debug, Clone)]
pub struct CalibrateOptions<'a> {
    /// Value maps (file word → agreement id) for plans, priorities and
    /// channels.
    pub values: Values,
    /// The scenario whose teams and dispatch are used; a default team when
    /// none.
    pub staffing: Option<(&'a Scenario, String)>,
    /// How long before the history's last recorded time a ticket must have
    /// been created to be used (so that it had the time to be resolved).
    pub settle: ChronoDuration,
}

impl Default for CalibrateOptions<'_> {
    fn default() -> Self {
        CalibrateOptions {
            values: Values::default(),
            staffing: None,
            settle: ChronoDuration::days(7),
        }
    }
}

/// What a scenario input was estimated from (or that it was not).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Input {
    /// The scenario's field, e.g. `workload.mix`.
    pub field: String,
    /// Where its value comes from.
    pub from: String,
}

/// How many tickets went where.
#[derive(Debug, Clone, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TicketCounts {
    /// In the history.
    pub in_history: u64,
    /// Created in the calibrated period.
    pub in_period: u64,
    /// Of those, placed into the agreement (plan, priority, channel).
    pub placed: u64,
    /// Of those in the period, not placed, by reason.
    pub unplaced: BTreeMap<String, u64>,
    /// Of the placed ones, measured on no target row (no row serves them).
    pub without_target: u64,
}

/// The hour-of-week profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Arrivals {
    /// Tickets created in each hour of the week (Monday 00:00–01:00 first,
    /// in the scenario's zone).
    pub counts: Vec<u64>,
    /// How often each hour of the week occurs in the period.
    pub occurrences: Vec<u32>,
    /// Tickets per occurrence of each hour: the scenario's weights.
    pub per_hour: Vec<f64>,
}

/// The weekly volume's trend: a least-squares line through the whole
/// weeks' counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    /// Whole weeks used.
    pub weeks: usize,
    /// Tickets per week in the first week, on the line.
    pub intercept: f64,
    /// Change in tickets per week, per week.
    pub slope_per_week: f64,
    /// The slope's standard error.
    pub std_error: f64,
    /// slope ÷ standard error.
    pub t: f64,
    /// The two-sided 5 % critical value of Student's t with weeks − 2
    /// degrees of freedom.
    pub t_critical: f64,
    /// Whether the slope differs from zero at 5 %.
    pub significant: bool,
}

/// The volume.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Volume {
    /// Placed tickets per week over the period.
    pub tickets_per_week: f64,
    /// Placed tickets in each whole week from the period's start.
    pub weekly: Vec<u64>,
    /// The trend, with at least [`MIN_TREND_WEEKS`] whole weeks.
    pub trend: Option<Trend>,
    /// The growth written, per month, when the trend is significant.
    pub growth_per_month: Option<f64>,
}

/// One kind of ticket of the mix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MixShare {
    /// The plan.
    pub plan: String,
    /// The priority.
    pub priority: String,
    /// The channel, when the agreement knows the ticket's.
    pub channel: Option<String>,
    /// Tickets.
    pub tickets: u64,
    /// Their share of the placed tickets (a fraction).
    pub share: f64,
}

/// One duration of the work and what it was fitted on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FittedDuration {
    /// What the sample is.
    pub from: String,
    /// The fit; none when there was nothing to fit (a default is written).
    pub fit: Option<Fit>,
    /// What the scenario is given.
    pub spec: DurationSpec,
}

/// The work of one priority.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkFit {
    /// The priority.
    pub priority: String,
    /// Placed tickets of the priority in the period.
    pub tickets: u64,
    /// Agent time for the first response.
    pub first_response: FittedDuration,
    /// Every first-reply delay (queueing and closed hours included), for
    /// comparison with the agent time.
    pub first_reply_delay: Option<Fit>,
    /// Resolution work (elapsed, an upper bound of agent time).
    pub resolution: FittedDuration,
    /// Resolved tickets.
    pub resolved: u64,
    /// Completed waits on the customer of the resolved tickets.
    pub waits: u64,
    /// Waits per resolved ticket.
    pub back_and_forths: f64,
    /// The length of a wait on the customer, when there were any.
    pub pending: Option<FittedDuration>,
}

/// Measured compliance of one target row and metric over the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasuredRow {
    /// The target row (index into the agreement's targets).
    pub row: usize,
    /// The metric.
    pub metric: Metric,
    /// Tickets whose outcome is known.
    pub tickets: u64,
    /// Of those, within the target.
    pub met: u64,
}

/// A scenario calibrated from a history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    /// The history.
    pub history: String,
    /// The agreement's title and reference.
    pub agreement: String,
    /// The zone of the hour-of-week profile and of months.
    pub time_zone: String,
    /// The first ticket's creation.
    pub first_created: DateTime<Utc>,
    /// The last instant the history records (creation, reply, resolution,
    /// wait): taken as the time of the export.
    pub as_of: DateTime<Utc>,
    /// The period's start (midnight of the first ticket's day).
    pub period_from: DateTime<Utc>,
    /// The period's end (midnight of the last settled day).
    pub period_to: DateTime<Utc>,
    /// Where the tickets went.
    pub tickets: TicketCounts,
    /// The hour-of-week profile.
    pub arrivals: Arrivals,
    /// Volume and trend.
    pub volume: Volume,
    /// The mix.
    pub mix: Vec<MixShare>,
    /// The work per priority.
    pub work: Vec<WorkFit>,
    /// Measured compliance per target row and metric over the period.
    pub measured: Vec<MeasuredRow>,
    /// Every scenario input and what it was estimated from.
    pub inputs: Vec<Input>,
    /// The scenario (without its agreement).
    #[serde(skip)]
    pub spec: ScenarioSpec,
    /// The agreement measured against, embedded in the scenario.
    #[serde(skip)]
    agreement_model: Agreement,
}

/// A kind of ticket of the mix: plan and priority (indices in the
/// agreement's lists, so the mix follows their order) and channel id.
type Kind = (usize, usize, Option<String>);

/// Per-priority samples gathered in the pass over the tickets.
#[derive(Default)]
struct Samples {
    tickets: u64,
    first_touch: Vec<f64>,
    first_delay: Vec<f64>,
    resolution: Vec<f64>,
    waits: Vec<f64>,
    resolved: u64,
    resolved_waits: u64,
}

fn seconds(d: ChronoDuration) -> f64 {
    d.num_seconds() as f64
}

/// Midnight of `at`'s local date in `zone`, as an instant.
fn local_midnight(zone: Tz, date: NaiveDate) -> DateTime<Utc> {
    let naive = date.and_time(chrono::NaiveTime::MIN);
    zone.from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&naive))
}

fn hour_of_week(zone: Tz, at: DateTime<Utc>) -> usize {
    let local = at.with_timezone(&zone);
    local.weekday().num_days_from_monday() as usize * 24 + local.hour() as usize
}

/// Overlap of `[from, to]` with a ticket's waits, in seconds.
fn paused_within(pauses: &[Pause], from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    pauses
        .iter()
        .map(|p| {
            let a = p.start.max(from);
            let b = p.end.min(to);
            if b > a {
                seconds(b - a)
            } else {
                0.0
            }
        })
        .sum()
}

fn skipped_name(s: Skipped) -> String {
    match s {
        Skipped::NoTarget => "no target row".into(),
        Skipped::Missing(f) => format!("no {}", f.key()),
        Skipped::Unknown(f) => format!("a {} the agreement does not know", f.key()),
        Skipped::Clock => "the clock has no answer".into(),
    }
}

/// Whole shares in thousandths of a percent that add up to exactly 100 %
/// (largest remainders), so the scenario reader has nothing to scale.
fn shares(counts: &[u64]) -> Vec<u64> {
    const WHOLE: u64 = 100_000;
    let total: u64 = counts.iter().sum();
    if total == 0 {
        return vec![0; counts.len()];
    }
    let exact: Vec<(u64, u64)> = counts
        .iter()
        .map(|&c| {
            let scaled = u128::from(c) * u128::from(WHOLE);
            let t = u128::from(total);
            ((scaled / t) as u64, (scaled % t) as u64)
        })
        .collect();
    let mut out: Vec<u64> = exact.iter().map(|e| e.0).collect();
    let missing = WHOLE - out.iter().sum::<u64>();
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by(|&a, &b| exact[b].1.cmp(&exact[a].1).then(a.cmp(&b)));
    for &i in order.iter().take(missing as usize) {
        out[i] += 1;
    }
    out
}

/// The least-squares trend of weekly counts.
fn trend(weekly: &[u64]) -> Option<Trend> {
    let w = weekly.len();
    if w < MIN_TREND_WEEKS {
        return None;
    }
    let n = w as f64;
    let xbar = (n - 1.0) / 2.0;
    let ybar = weekly.iter().sum::<u64>() as f64 / n;
    let sxx: f64 = (0..w).map(|i| (i as f64 - xbar).powi(2)).sum();
    let sxy: f64 = weekly
        .iter()
        .enumerate()
        .map(|(i, &y)| (i as f64 - xbar) * (y as f64 - ybar))
        .sum();
    let slope = sxy / sxx;
    let intercept = ybar - slope * xbar;
    let rss: f64 = weekly
        .iter()
        .enumerate()
        .map(|(i, &y)| (y as f64 - intercept - slope * i as f64).powi(2))
        .sum();
    let std_error = (rss / (n - 2.0) / sxx).sqrt();
    let t = if std_error > 0.0 {
        slope / std_error
    } else if slope == 0.0 {
        0.0
    } else {
        f64::INFINITY * slope.signum()
    };
    let t_critical = student_t_quantile(0.975, n - 2.0);
    Some(Trend {
        weeks: w,
        intercept,
        slope_per_week: slope,
        std_error,
        t,
        t_critical,
        significant: t.abs() > t_critical,
    })
}

/// A duration fitted on a priority's sample, or on every priority's when
/// the priority has fewer than [`MIN_SAMPLE`].
fn fitted(
    own: &[f64],
    all: &[f64],
    what: &str,
    priority: &str,
    fallback: Option<(&[f64], &str)>,
    default: DurationSpec,
) -> FittedDuration {
    let (sample, from) = if own.len() >= MIN_SAMPLE {
        (own, format!("{what} of {} {priority} tickets", own.len()))
    } else if all.len() >= MIN_SAMPLE {
        (
            all,
            format!(
                "{what} of {} tickets of every priority (only {} of {priority})",
                all.len(),
                own.len()
            ),
        )
    } else if let Some((sample, said)) = fallback.filter(|f| !f.0.is_empty()) {
        (sample, format!("{said} ({} tickets)", sample.len()))
    } else {
        (all, format!("{what} of {} tickets", all.len()))
    };
    match fit(sample) {
        Some(f) => FittedDuration {
            from,
            spec: f.spec.clone(),
            fit: Some(f),
        },
        None => FittedDuration {
            from: format!("nothing to fit ({what}): a default is written"),
            fit: None,
            spec: default,
        },
    }
}

/// Calibrates a scenario from history `name` measured against `agreement`.
pub fn calibrate(
    store: &Store,
    name: &HistoryName,
    agreement: &Agreement,
    options: &CalibrateOptions<'_>,
) -> Result<Calibration, CalibrationError> {
    let history = name.to_string();
    let zone: Tz = agreement
        .plans
        .first()
        .and_then(|p| agreement.calendar(&p.calendar))
        .and_then(|c| c.time_zone.parse().ok())
        .unwrap_or(chrono_tz::UTC);
    // Waits on the customer, by ticket; their ends count as recorded times.
    let mut pauses: HashMap<String, Vec<Pause>> = HashMap::new();
    let mut as_of: Option<DateTime<Utc>> = None;
    let latest = |t: DateTime<Utc>, as_of: &mut Option<DateTime<Utc>>| {
        *as_of = Some(as_of.map_or(t, |a| a.max(t)));
    };
    for p in store.history_pauses(name)? {
        latest(p.start, &mut as_of);
        if let Some(end) = p.end {
            latest(end, &mut as_of);
            pauses.entry(p.ticket).or_default().push(Pause {
                start: p.start,
                end,
            });
        }
    }
    // First pass: the span.
    let mut first: Option<DateTime<Utc>> = None;
    let mut in_history = 0u64;
    store.for_each_ticket(name, |t| {
        in_history += 1;
        first = Some(first.map_or(t.created, |f| f.min(t.created)));
        for at in [Some(t.created), t.first_response, t.resolved]
            .into_iter()
            .flatten()
        {
            latest(at, &mut as_of);
        }
    })?;
    let (Some(first), Some(as_of)) = (first, as_of) else {
        return Err(CalibrationError::EmptyHistory { history });
    };
    let period_from = local_midnight(zone, first.with_timezone(&zone).date_naive());
    let cutoff = as_of - options.settle;
    let period_to = local_midnight(zone, cutoff.with_timezone(&zone).date_naive());
    let days = (period_to - period_from).num_days();
    if days < 7 {
        return Err(CalibrationError::TooShort {
            history,
            days: days.max(0),
            from: period_from
                .with_timezone(&zone)
                .format("%Y-%m-%d")
                .to_string(),
            to: period_to
                .with_timezone(&zone)
                .format("%Y-%m-%d")
                .to_string(),
            settle: Duration::seconds(options.settle.num_seconds()).to_string(),
        });
    }

    let resolver = Resolver::new(agreement, &options.values);
    let measurer = Measurer::with_values(agreement, &options.values)?;
    let mut calendars: HashMap<String, BusinessCalendar> = HashMap::new();
    for c in &agreement.calendars {
        calendars.insert(c.id.clone(), BusinessCalendar::compile(c)?);
    }
    let plan_calendar = |plan: &str| {
        agreement
            .plan(plan)
            .and_then(|p| calendars.get(&p.calendar))
    };

    let mut counts = TicketCounts {
        in_history,
        ..TicketCounts::default()
    };
    let mut unknown_words: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    let mut how_counts = vec![0u64; 168];
    let full_weeks = (days / 7) as usize;
    let mut weekly = vec![0u64; full_weeks];
    let mut kinds: BTreeMap<Kind, u64> = BTreeMap::new();
    let mut by_priority: BTreeMap<usize, Samples> = BTreeMap::new();
    let mut compliance = Compliance::default();
    // Instants of the first replies awaited, earliest first.
    let mut awaited: BinaryHeap<std::cmp::Reverse<DateTime<Utc>>> = BinaryHeap::new();
    let mut last_reply: Option<DateTime<Utc>> = None;
    let no_pauses: Vec<Pause> = Vec::new();

    store.for_each_ticket(name, |t| {
        // The desk's queue of first replies, over every ticket.
        while let Some(std::cmp::Reverse(r)) = awaited.peek().copied() {
            if r > t.created {
                break;
            }
            awaited.pop();
            last_reply = Some(last_reply.map_or(r, |l| l.max(r)));
        }
        let nobody_waiting = awaited.is_empty();
        let staffed = last_reply.is_some_and(|l| (t.created - l).num_seconds() <= STAFFED_WITHIN);
        match t.first_response.or(t.resolved) {
            Some(r) if r > t.created => awaited.push(std::cmp::Reverse(r)),
            Some(r) => last_reply = Some(last_reply.map_or(r, |l| l.max(r))),
            None => {}
        }
        if t.created < period_from || t.created >= period_to {
            return;
        }
        counts.in_period += 1;
        let placed: Placed = match resolver.place(&t) {
            Ok((placed, _)) => placed,
            Err(why) => {
                *counts
                    .unplaced
                    .entry(skipped_name(Unmeasured::Unplaced(why.clone()).skipped()))
                    .or_default() += 1;
                if let Unplaced::Unknown(field, word) = why {
                    let key = match field {
                        Field::Plan => "plan",
                        Field::Priority => "priority",
                        Field::Channel => "channel",
                    };
                    let words = unknown_words.entry(key).or_default();
                    if words.len() < 3 && !words.contains(&word) {
                        words.push(word);
                    }
                }
                return;
            }
        };
        counts.placed += 1;
        how_counts[hour_of_week(zone, t.created)] += 1;
        let week = ((t.created - period_from).num_seconds() / (7 * 86_400)) as usize;
        if let Some(w) = weekly.get_mut(week) {
            *w += 1;
        }
        let plan = agreement
            .plans
            .iter()
            .position(|p| p.id == placed.plan)
            .unwrap_or(0);
        let priority = agreement
            .priorities
            .iter()
            .position(|p| p.id == placed.priority)
            .unwrap_or(0);
        *kinds
            .entry((plan, priority, placed.channel.clone()))
            .or_default() += 1;
        let ticket_pauses = pauses.get(&t.id).unwrap_or(&no_pauses);
        let measured = measurer.measure(&t, ticket_pauses, as_of);
        if matches!(measured, Err(Unmeasured::NoTarget { .. })) {
            counts.without_target += 1;
        }
        compliance.add(&measurer, &t, measured);

        let s = by_priority.entry(priority).or_default();
        s.tickets += 1;
        if let Some(reply) = t.first_response {
            let delay = seconds(reply - t.created).max(0.0);
            s.first_delay.push(delay);
            let open = plan_calendar(&placed.plan).is_none_or(|c| c.is_open(t.created));
            if nobody_waiting && staffed && open {
                s.first_touch.push(delay);
            }
            if let Some(done) = t.resolved.filter(|d| *d >= reply) {
                let waited = paused_within(ticket_pauses, reply, done);
                s.resolution.push((seconds(done - reply) - waited).max(0.0));
            }
        }
        if t.resolved.is_some() {
            s.resolved += 1;
            s.resolved_waits += ticket_pauses.len() as u64;
        }
        for p in ticket_pauses {
            s.waits.push(seconds(p.end - p.start).max(0.0));
        }
    })?;

    if counts.placed == 0 {
        let mut reasons: Vec<String> = counts
            .unplaced
            .iter()
            .map(|(why, n)| format!("{n} with {why}"))
            .collect();
        for (field, words) in &unknown_words {
            reasons.push(format!(
                "unknown {field} values such as {}",
                words
                    .iter()
                    .map(|w| format!("`{w}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if reasons.is_empty() {
            reasons.push("no ticket was created in the period".into());
        }
        return Err(CalibrationError::NonePlaced {
            history,
            tickets: counts.in_period,
            reasons: reasons.join("; "),
        });
    }

    // Hour-of-week profile: counts over occurrences.
    let mut occurrences = vec![0u32; 168];
    let mut at = period_from;
    while at < period_to {
        occurrences[hour_of_week(zone, at)] += 1;
        at += ChronoDuration::hours(1);
    }
    let per_hour: Vec<f64> = how_counts
        .iter()
        .zip(&occurrences)
        .map(|(&c, &o)| {
            if o == 0 {
                0.0
            } else {
                (c as f64 / f64::from(o) * 1000.0).round() / 1000.0
            }
        })
        .collect();

    // Volume and trend.
    let weeks = seconds(period_to - period_from) / (7.0 * 86_400.0);
    let tickets_per_week = counts.placed as f64 / weeks;
    let trend = trend(&weekly);
    let growth_per_month = trend
        .as_ref()
        .filter(|t| t.significant && t.intercept > 0.0)
        .map(|t| {
            let monthly = t.slope_per_week * DAYS_PER_MONTH / 7.0 / t.intercept;
            (monthly * 10_000.0).round() / 10_000.0
        })
        .filter(|g| *g > -1.0 && *g <= 1.0 && *g != 0.0);
    let written_volume = match (&trend, growth_per_month) {
        (Some(t), Some(_)) => t.intercept,
        _ => tickets_per_week,
    };

    // The mix.
    let kind_list: Vec<(Kind, u64)> = kinds.into_iter().collect();
    let thousandths = shares(&kind_list.iter().map(|k| k.1).collect::<Vec<_>>());
    let mix: Vec<MixShare> = kind_list
        .iter()
        .map(|((plan, priority, channel), n)| MixShare {
            plan: agreement.plans[*plan].id.clone(),
            priority: agreement.priorities[*priority].id.clone(),
            channel: channel.clone(),
            tickets: *n,
            share: *n as f64 / counts.placed as f64,
        })
        .collect();

    // The work per priority.
    let all = |pick: fn(&Samples) -> &Vec<f64>| -> Vec<f64> {
        by_priority
            .values()
            .flat_map(|s| pick(s).iter().copied())
            .collect()
    };
    let all_touch = all(|s| &s.first_touch);
    let all_delay = all(|s| &s.first_delay);
    let all_resolution = all(|s| &s.resolution);
    let all_waits = all(|s| &s.waits);
    let mut work = Vec::new();
    for (&p, s) in &by_priority {
        let id = agreement.priorities[p].id.clone();
        let first_response = fitted(
            &s.first_touch,
            &all_touch,
            "first-reply delays of the tickets that met no queue (created in an open hour while no earlier ticket awaited a first reply and one had been sent in the previous 30 minutes), taken as agent time",
            &id,
            Some((
                &all_delay,
                "every first-reply delay, queueing and closed hours included, as too few tickets met no queue: an upper bound of agent time",
            )),
            DurationSpec::Exponential(Duration::minutes(10)),
        );
        let resolution = fitted(
            &s.resolution,
            &all_resolution,
            "times from first reply to resolution, waits on the customer left out (elapsed time: it includes waiting for an agent and closed hours, so it is an upper bound of agent time)",
            &id,
            None,
            DurationSpec::Lognormal {
                mean: Duration::hours(1),
                p90: Duration::hours(2),
            },
        );
        let back_and_forths = if s.resolved > 0 {
            ((s.resolved_waits as f64 / s.resolved as f64) * 1000.0).round() / 1000.0
        } else {
            0.0
        };
        let pending = (!all_waits.is_empty()).then(|| {
            fitted(
                &s.waits,
                &all_waits,
                "completed waits on the customer (the status log's pauses)",
                &id,
                None,
                DurationSpec::Exponential(Duration::days(1)),
            )
        });
        work.push(WorkFit {
            priority: id,
            tickets: s.tickets,
            first_response,
            first_reply_delay: fit(&s.first_delay),
            resolution,
            resolved: s.resolved,
            waits: s.resolved_waits,
            back_and_forths: back_and_forths.min(50.0),
            pending,
        });
    }

    // Measured compliance over the period, per row and metric.
    let mut measured: BTreeMap<(usize, Metric), (u64, u64)> = BTreeMap::new();
    for ((row, metric, _), c) in &compliance.counts {
        let e = measured.entry((*row, *metric)).or_default();
        e.0 += c.measured;
        e.1 += c.met;
    }
    let measured = measured
        .into_iter()
        .map(|((row, metric), (tickets, met))| MeasuredRow {
            row,
            metric,
            tickets,
            met,
        })
        .collect();

    // The scenario.
    let start_local = period_from.with_timezone(&zone).naive_local();
    let horizon = Duration::seconds((period_to - period_from).num_seconds());
    let spec_work: Vec<PriorityWork> = work
        .iter()
        .map(|w| PriorityWork {
            priority: w.priority.clone(),
            first_response: w.first_response.spec.clone(),
            resolution: w.resolution.spec.clone(),
            escalated: None,
            back_and_forths: w.back_and_forths,
            pending: w
                .pending
                .as_ref()
                .filter(|_| w.back_and_forths > 0.0)
                .map(|p| p.spec.clone()),
            reopen: None,
            update: None,
        })
        .collect();
    let spec_mix: Vec<MixEntry> = mix
        .iter()
        .zip(&thousandths)
        .filter(|(_, &t)| t > 0)
        .map(|(m, &t)| MixEntry {
            plan: m.plan.clone(),
            priority: m.priority.clone(),
            channel: m.channel.clone(),
            share: Percent::new(t as f64 / 1000.0),
        })
        .collect();
    let (staffing, dispatch, staffing_from) = match &options.staffing {
        Some((scenario, file)) => (
            scenario.staffing.clone(),
            match scenario.dispatch {
                Dispatch::FirstComeFirstServed => DispatchPolicy::Fifo,
                Dispatch::StrictPriority => DispatchPolicy::Priority,
                Dispatch::EarliestDeadlineFirst => DispatchPolicy::Deadline,
            },
            format!("the teams, shifts and dispatch of {file}"),
        ),
        None => {
            let (staffing, dispatch, agents) =
                default_staffing(agreement, start_local.date(), written_volume, &mix, &work);
            (
                staffing,
                dispatch,
                format!("not in a history: a default team of {agents} agents per shift on the first plan's calendar, {}% shrinkage, sized for 70% occupancy of the calibrated work, earliest deadline first; give --staffing SCENARIO for the team's real shifts", DEFAULT_SHRINKAGE * 100.0),
            )
        }
    };
    let spec = ScenarioSpec {
        name: format!(
            "{} — calibrated from history {history}",
            agreement.own(&agreement.meta.title)
        ),
        start: LocalDateTime(start_local),
        time_zone: zone.name().to_owned(),
        warm_up: Duration::ZERO,
        horizon,
        workload: Workload {
            tickets_per_week: Some((written_volume * 100.0).round() / 100.0),
            tickets_per_month: None,
            shape: Some(WeekShape {
                hours_of_week: Some(per_hour.clone()),
                daily: None,
                days: None,
            }),
            mix: spec_mix,
            growth_per_month: growth_per_month.map(|g| Percent::new(g * 100.0)),
            seasonality: None,
            patience: Vec::new(),
        },
        work: spec_work,
        staffing,
        dispatch,
        incidents: Vec::new(),
        escalation: None,
    };

    let day = |t: DateTime<Utc>| t.with_timezone(&zone).format("%Y-%m-%d").to_string();
    let mut inputs = vec![
        Input {
            field: "start, horizon".into(),
            from: format!(
                "the history's period: tickets created from {} to {} (before {}, its last recorded time {} less {})",
                day(period_from),
                day(period_to - ChronoDuration::days(1)),
                day(period_to),
                as_of.format("%Y-%m-%d %H:%M UTC"),
                Duration::seconds(options.settle.num_seconds())
            ),
        },
        Input {
            field: "warm_up".into(),
            from: "none: the period is simulated from its first day, as the history starts".into(),
        },
        Input {
            field: "time_zone".into(),
            from: format!("{}, the zone of the agreement's first plan's calendar (hours of the week and months are counted in it)", zone.name()),
        },
        Input {
            field: "workload.tickets_per_week".into(),
            from: format!(
                "{} tickets placed into the agreement over {:.2} weeks{}",
                counts.placed,
                weeks,
                if counts.in_period > counts.placed {
                    format!(
                        "; {} tickets that could not be placed are left out, so the volume is low by that much",
                        counts.in_period - counts.placed
                    )
                } else {
                    String::new()
                }
            ),
        },
        Input {
            field: "workload.growth_per_month".into(),
            from: match &trend {
                Some(t) if growth_per_month.is_some() => format!(
                    "the weekly trend: {:+.2} tickets per week per week (standard error {:.2}, t = {:.2}, significant at 5%: |t| > {:.2}); the volume written is the line's first week",
                    t.slope_per_week, t.std_error, t.t, t.t_critical
                ),
                Some(t) => format!(
                    "none: the weekly trend, {:+.2} tickets per week per week (standard error {:.2}, t = {:.2}), is not significant at 5% (|t| ≤ {:.2})",
                    t.slope_per_week, t.std_error, t.t, t.t_critical
                ),
                None => format!("none: fewer than {MIN_TREND_WEEKS} whole weeks to judge a trend"),
            },
        },
        Input {
            field: "workload.shape.hours_of_week".into(),
            from: "tickets per hour of the week: each hour's tickets divided by how often the hour occurs in the period".into(),
        },
        Input {
            field: "workload.mix".into(),
            from: format!(
                "plan × priority × channel of the {} placed tickets, in thousandths of a percent adding up to 100%",
                counts.placed
            ),
        },
    ];
    for w in &work {
        let p = &w.priority;
        inputs.push(Input {
            field: format!("work[{p}].first_response"),
            from: w.first_response.from.clone(),
        });
        inputs.push(Input {
            field: format!("work[{p}].resolution"),
            from: w.resolution.from.clone(),
        });
        inputs.push(Input {
            field: format!("work[{p}].back_and_forths, pending"),
            from: match &w.pending {
                Some(pending) if w.back_and_forths > 0.0 => format!(
                    "{} completed waits on the customer over {} resolved tickets; their length: {}",
                    w.waits, w.resolved, pending.from
                ),
                _ => "none: no wait on the customer in the history (import a status log to have them)".into(),
            },
        });
    }
    inputs.push(Input {
        field: "work[*].reopen, escalated".into(),
        from: "not estimated: the stored history keeps the waits on the customer, not reopenings nor hand-offs between teams; none written".into(),
    });
    inputs.push(Input {
        field: "staffing, dispatch".into(),
        from: staffing_from,
    });
    inputs.push(Input {
        field: "incidents".into(),
        from: "none: a ticket history says nothing of outages".into(),
    });

    Ok(Calibration {
        history,
        agreement: format!(
            "{} ({})",
            agreement.own(&agreement.meta.title),
            agreement.meta.reference
        ),
        time_zone: zone.name().to_owned(),
        first_created: first,
        as_of,
        period_from,
        period_to,
        tickets: counts,
        arrivals: Arrivals {
            counts: how_counts,
            occurrences,
            per_hour,
        },
        volume: Volume {
            tickets_per_week,
            weekly,
            trend,
            growth_per_month,
        },
        mix,
        work,
        measured,
        inputs,
        spec,
        agreement_model: agreement.clone(),
    })
}

/// The default team: the derived scenario's shifts on the first plan's
/// calendar, every shift's headcount sized so that the calibrated work is
/// 70 % of the agents' time net of shrinkage.
fn default_staffing(
    agreement: &Agreement,
    today: NaiveDate,
    tickets_per_week: f64,
    mix: &[MixShare],
    work: &[WorkFit],
) -> (Staffing, DispatchPolicy, u32) {
    let derived = default_scenario(agreement, today);
    let mut staffing = derived.staffing;
    let mean = |spec: &DurationSpec| spec.distribution().mean().as_seconds();
    let work_hours: f64 = mix
        .iter()
        .map(|m| {
            let w = work.iter().find(|w| w.priority == m.priority);
            let seconds = w.map_or(0.0, |w| {
                mean(&w.first_response.spec) + mean(&w.resolution.spec)
            });
            m.share * seconds / 3600.0
        })
        .sum();
    let open_hours: f64 = staffing
        .teams
        .iter()
        .flat_map(|t| &t.shifts)
        .map(|s| {
            let mut days = s.days.clone();
            days.dedup();
            days.len() as f64 * f64::from(s.hours.length_minutes().max(0)) / 60.0
        })
        .sum::<f64>()
        .max(1.0);
    let agents = (tickets_per_week * work_hours / open_hours / (1.0 - DEFAULT_SHRINKAGE) / 0.7)
        .ceil()
        .clamp(1.0, 10_000.0) as u32;
    for team in &mut staffing.teams {
        for shift in &mut team.shifts {
            shift.headcount = agents;
        }
    }
    (staffing, derived.dispatch, agents)
}

impl Calibration {
    /// The scenario file's text: a comment header (the history, its
    /// period, every input's source, the fitted families and figures),
    /// then the scenario with the agreement embedded.
    pub fn scenario_text(&self) -> String {
        let mut header = vec![
            format!(
                "Calibrated by `pledge history calibrate` from history `{}` against {}.",
                self.history, self.agreement
            ),
            format!(
                "Period: tickets created {} to {} ({}); {} placed of {} in the period, {} in the history.",
                self.period_from.with_timezone(&self.zone()).format("%Y-%m-%d"),
                (self.period_to - ChronoDuration::days(1))
                    .with_timezone(&self.zone())
                    .format("%Y-%m-%d"),
                self.time_zone,
                self.tickets.placed,
                self.tickets.in_period,
                self.tickets.in_history
            ),
            String::new(),
            "What each input was estimated from:".into(),
        ];
        for i in &self.inputs {
            header.push(format!("- {}: {}", i.field, i.from));
        }
        header.push(String::new());
        header.push(
            "Fitted families (chosen by AIC; KS statistic against its 5% critical value):".into(),
        );
        for w in &self.work {
            let line = |what: &str, f: &FittedDuration| match &f.fit {
                Some(fit) => format!("- {} {what}: {}", w.priority, fit.describe()),
                None => format!("- {} {what}: default (nothing to fit)", w.priority),
            };
            header.push(line("first response", &w.first_response));
            header.push(line("resolution", &w.resolution));
            if let Some(p) = w.pending.as_ref().filter(|_| w.back_and_forths > 0.0) {
                header.push(line("pending", p));
            }
        }
        let mut text = String::new();
        for line in header {
            let line = line.replace(['\n', '\r'], " ");
            if line.is_empty() {
                text.push_str("#\n");
            } else {
                text.push_str("# ");
                text.push_str(&line);
                text.push('\n');
            }
        }
        let spec = serde_json::to_value(&self.spec).unwrap_or_default();
        let mut whole = serde_json::Map::new();
        whole.insert(
            "name".into(),
            serde_json::Value::String(self.spec.name.clone()),
        );
        whole.insert(
            "agreement".into(),
            serde_json::to_value(&self.agreement_model).unwrap_or_default(),
        );
        if let serde_json::Value::Object(fields) = spec {
            for (k, v) in fields {
                if k != "name" {
                    whole.insert(k, v);
                }
            }
        }
        text.push_str(&crate::format::write_value(&serde_json::Value::Object(
            whole,
        )));
        text
    }

    /// The scenario, read from [`Calibration::scenario_text`] through the
    /// scenario reader's gate, as `pledge simulate` would read the file.
    pub fn scenario(&self) -> Result<Scenario, CalibrationError> {
        Ok(Scenario::from_text(&self.scenario_text(), Path::new("."))?)
    }

    /// Scenario `current` (a scenario's fields without its agreement, as
    /// the app keeps them) with its workload and work replaced by the
    /// calibrated ones; its name, start, horizon, warm-up, staffing,
    /// dispatch and incidents are kept. A `current` that is not a
    /// scenario's object is replaced whole by the calibrated scenario. A
    /// scenario counting its week in another zone is refused: the profile
    /// would be read shifted.
    pub fn replace_inputs(
        &self,
        current: &serde_json::Value,
    ) -> Result<serde_json::Value, CalibrationError> {
        let calibrated = serde_json::to_value(&self.spec)
            .map_err(|_| CalibrationError::Settings("the calibrated scenario cannot be written"))?;
        let Some(fields) = current
            .as_object()
            .filter(|o| o.contains_key("workload") || o.contains_key("staffing"))
        else {
            return Ok(calibrated);
        };
        if let Some(zone) = fields.get("time_zone").and_then(|z| z.as_str()) {
            if zone.trim() != self.time_zone {
                return Err(CalibrationError::OtherZone {
                    scenario: zone.to_owned(),
                    profile: self.time_zone.clone(),
                });
            }
        }
        let mut out = fields.clone();
        for key in ["workload", "work"] {
            if let Some(v) = calibrated.get(key) {
                out.insert(key.to_owned(), v.clone());
            }
        }
        Ok(serde_json::Value::Object(out))
    }

    /// The inputs [`Calibration::replace_inputs`] replaces and what each
    /// was estimated from.
    pub fn replaced_inputs(&self) -> impl Iterator<Item = &Input> {
        self.inputs
            .iter()
            .filter(|i| i.field.starts_with("workload") || i.field.starts_with("work["))
    }

    /// The period's first and last days, `YYYY-MM-DD` in the profile's zone.
    pub fn period_days(&self) -> (String, String) {
        let day = |t: DateTime<Utc>| t.with_timezone(&self.zone()).format("%Y-%m-%d").to_string();
        (
            day(self.period_from),
            day(self.period_to - ChronoDuration::days(1)),
        )
    }

    fn zone(&self) -> Tz {
        self.time_zone.parse().unwrap_or(chrono_tz::UTC)
    }
}

/// The simulated side of one row of the back-test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Simulated {
    /// Tickets measured over all replications.
    pub tickets: u64,
    /// Mean compliance across replications (a fraction).
    pub mean: f64,
    /// Standard deviation across replications.
    pub std_dev: f64,
    /// The 95 % prediction interval of one replication.
    pub low: f64,
    /// Its upper end.
    pub high: f64,
}

/// One target row and metric of the back-test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacktestRow {
    /// The target row.
    pub row: usize,
    /// Its plan.
    pub plan: String,
    /// Its priority.
    pub priority: String,
    /// Its channel.
    pub channel: Option<String>,
    /// The metric.
    pub metric: Metric,
    /// The target, as written.
    pub within: String,
    /// Measured tickets.
    pub measured_tickets: u64,
    /// Measured compliance (a fraction).
    pub measured: f64,
    /// The simulation.
    pub simulated: Simulated,
    /// Measured − simulated, in percentage points.
    pub difference: f64,
    /// Whether the measured share lies in the simulation's 95 % prediction
    /// interval.
    pub agrees: bool,
    /// When it does not: which assumption the difference points at.
    pub hint: Option<String>,
}

/// The back-test of a calibrated scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Backtest {
    /// Replications.
    pub replications: u32,
    /// The master seed.
    pub seed: u64,
    /// Every row and metric measured in the history and simulated.
    pub rows: Vec<BacktestRow>,
    /// Rows and metrics measured but not simulated (no ticket of the mix
    /// reaches them) or simulated but not measured.
    pub not_compared: Vec<String>,
}

impl Backtest {
    /// The rows outside the simulation's uncertainty.
    pub fn differing(&self) -> impl Iterator<Item = &BacktestRow> {
        self.rows.iter().filter(|r| !r.agrees)
    }
}

fn hint(metric: Metric, simulated_better: bool) -> String {
    match (metric, simulated_better) {
        (Metric::FirstResponse, true) => "the simulated team answers sooner than the history's: the staffing has more triage capacity than the period had, or the first-response work is too short; note also that the engine counts the first response when an agent takes the ticket, the history when the reply is sent".into(),
        (Metric::FirstResponse, false) => "the simulated team answers later than the history's: the staffing has less triage capacity than the period had (shifts, headcount, shrinkage, or overtime: agents finishing their queue after their shift), or the first-response work is too long".into(),
        (_, true) => "the simulation resolves sooner than the history: resolution work or waits on the customer are too short, or the resolution staffing is larger than the period's".into(),
        (_, false) => "the simulation resolves later than the history: resolution work is elapsed time (an upper bound of agent time) and the engine makes agents spend it, or the resolution staffing is smaller than the period's".into(),
    }
}

/// Simulates the calibrated `scenario` over the history's period and
/// compares each target row and metric with the history's measured
/// compliance. At least two replications are needed to judge the spread.
pub fn backtest(
    calibration: &Calibration,
    scenario: &Scenario,
    config: &RunConfig,
    observer: &(dyn Fn(Progress) -> Flow + Sync),
    cancel: &CancelToken,
) -> Result<Backtest, CalibrationError> {
    if config.replications < 2 {
        return Err(CalibrationError::Settings(
            "a back-test needs at least 2 replications to judge the simulation's spread",
        ));
    }
    let compiled =
        crate::sim::model::compile(scenario).map_err(|e| match scenario.locate_error(e) {
            Ok(located) => CalibrationError::Scenario(located),
            Err(other) => CalibrationError::Sim(other),
        })?;
    crate::sim::model::check_workload(scenario, &compiled)?;
    let run = simulate_with_credits(scenario, &compiled, config, observer, cancel)?;
    let agreement = &scenario.agreement;
    let r = f64::from(config.replications);
    let t = student_t_quantile(0.975, r - 1.0);
    let mut rows = Vec::new();
    let mut not_compared = Vec::new();
    let mut matched = vec![false; calibration.measured.len()];
    for o in &run.report.objectives {
        let Some(row) = agreement
            .targets
            .iter()
            .position(|x| x.plan == o.plan && x.priority == o.priority && x.channel == o.channel)
        else {
            continue;
        };
        let name = format!(
            "{} {}{} {}",
            o.plan,
            o.priority,
            o.channel
                .as_deref()
                .map(|c| format!(" {c}"))
                .unwrap_or_default(),
            o.metric.key()
        );
        let Some(i) = calibration
            .measured
            .iter()
            .position(|m| m.row == row && m.metric == o.metric)
        else {
            not_compared.push(format!("{name}: simulated, not measured in the history"));
            continue;
        };
        matched[i] = true;
        let m = &calibration.measured[i];
        if m.tickets == 0 || o.tickets == 0 {
            not_compared.push(format!("{name}: no ticket measured on one side"));
            continue;
        }
        let measured = m.met as f64 / m.tickets as f64;
        let smoothed = (m.met as f64 + 0.5) / (m.tickets as f64 + 1.0);
        let binomial = (smoothed * (1.0 - smoothed) / m.tickets as f64).sqrt();
        let spread = o.compliance.std_dev.max(binomial);
        let half = t * spread * (1.0 + 1.0 / r).sqrt();
        let mean = o.compliance.mean;
        let agrees = (measured - mean).abs() <= half;
        rows.push(BacktestRow {
            row,
            plan: o.plan.clone(),
            priority: o.priority.clone(),
            channel: o.channel.clone(),
            metric: o.metric,
            within: o.within.clone(),
            measured_tickets: m.tickets,
            measured,
            simulated: Simulated {
                tickets: o.tickets,
                mean,
                std_dev: o.compliance.std_dev,
                low: (mean - half).max(0.0),
                high: (mean + half).min(1.0),
            },
            difference: (measured - mean) * 100.0,
            agrees,
            hint: (!agrees).then(|| hint(o.metric, mean > measured)),
        });
    }
    for (i, m) in calibration.measured.iter().enumerate() {
        if !matched[i] {
            let x = &agreement.targets[m.row];
            not_compared.push(format!(
                "{} {}{} {}: measured, not simulated (the engine does not measure it, or no kind of ticket of the mix reaches it)",
                x.plan,
                x.priority,
                x.channel.as_deref().map(|c| format!(" {c}")).unwrap_or_default(),
                m.metric.key()
            ));
        }
    }
    Ok(Backtest {
        replications: config.replications,
        seed: config.seed,
        rows,
        not_compared,
    })
}
