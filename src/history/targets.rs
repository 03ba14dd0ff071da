//! The targets a team can hold (issue 13 point 3): from its ticket history,
//! and by simulating today's staffing.
//!
//! **From the history.** Every ticket is measured on its target row's own
//! clock ([`Measurer`]: business or calendar hours, pending time paused
//! where the row says so). Per row and metric:
//!
//! - the tightest target held in a share `p` of tickets is the `k`-th
//!   shortest time, `k = ⌈p·n⌉` over the row's `n` tickets: at that value
//!   `k` tickets took no longer, one second less and at most `k − 1` did;
//! - a month meets a target `T` when at least the row's objective `o` of
//!   its tickets took at most `T`, so a month's own tightest target is its
//!   `⌈o·nₘ⌉`-th shortest time; the tightest target met in a share `q` of
//!   months is the `⌈q·M⌉`-th smallest of those over the `M` months used.
//!
//! A ticket never answered (or never resolved) by the export counts as not
//! met at any target: it is censored at the export, having taken at least
//! that long, and no finite target can be said to have been met by it. When
//! the quantile falls on such a ticket, no target is held at that share.
//!
//! Shares are kept in millionths (as [`crate::credits`] keeps percentages)
//! so that `⌈95 % × 20⌉` is 19, never 20 by a rounding of floating point.
//!
//! A month with fewer than [`min_month_tickets`] tickets is not used, and
//! named: below that count a month's verdict rests on one or two tickets.
//!
//! Values are rounded up to what a contract prints ([`contract_value`],
//! the rule in [`ROUNDING_RULE`]): rounding up keeps a held value held,
//! because holding is monotone in the target, so the rounded value is the
//! tightest printable target that is held.
//!
//! **By simulation** ([`simulate_targets`]): for each row and metric, the
//! target is moved along the same ladder of printable values
//! ([`contract_values`]) and the scenario simulated with today's staffing
//! and one seed for every value (common random numbers: two values differ
//! by their target only, not by their luck); each value is simulated at
//! most once. A bisection finds the tightest value whose objective holds in
//! a share of simulated months, and the value one step tighter that does
//! not: the answer is exact to one step of the ladder. (That rests on a
//! looser target being met at least as often: true when the dispatch is
//! first come first served or by priority, where a target moves no ticket;
//! with earliest-deadline dispatch the target also sets the row's urgency,
//! and the search's answer is then only a value met next to one not met.)
//! Then the team sizing
//! of [`crate::sim::size`] gives the agents a few candidate values would
//! take.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::measure::{Measurer, Skipped, Unmeasured};
use super::Ticket;
use crate::clock::Pause;
use crate::error::ErrorCode;
use crate::model::{Agreement, ClockBasis, Duration, Metric, Percent, TargetTime};
use crate::sim::frontier::{objective_of, with_target};
use crate::sim::model::{compile, simulate};
use crate::sim::run::{Flow, RunConfig};
use crate::sim::scenario::Scenario;
use crate::sim::size::{size_scenario, SizeError, SizeOptions};
use crate::sim::SimError;
use crate::store::{HistoryName, Store, StoreError};

/// A share of tickets or of months, above 0 % and at most 100 %, kept in
/// millionths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Share(u32);

const MILLION: u64 = 1_000_000;

impl Share {
    /// The share a percentage gives, refused unless above 0 % and at most
    /// 100 %. `what` names it in the message (`--share`, `the month share`).
    pub fn new(percent: Percent, what: &str) -> Result<Share, TargetsError> {
        let millionths = (percent.value() * 10_000.0).round();
        if !(percent.value() > 0.0 && millionths >= 1.0 && millionths <= MILLION as f64) {
            return Err(TargetsError::Share {
                what: what.to_owned(),
                value: percent.to_string(),
            });
        }
        Ok(Share(millionths as u32))
    }

    /// The share as a fraction of one.
    pub fn fraction(self) -> f64 {
        f64::from(self.0) / MILLION as f64
    }

    /// The share as a percentage.
    pub fn percent(self) -> Percent {
        Percent::new(f64::from(self.0) / 10_000.0)
    }

    /// How many of `n` must count for the share to be reached: `⌈share·n⌉`,
    /// in whole numbers.
    pub fn of(self, n: u64) -> u64 {
        let product = u128::from(self.0) * u128::from(n);
        product.div_ceil(u128::from(MILLION)) as u64
    }
}

impl Serialize for Share {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.percent().to_string())
    }
}

/// Why the targets could not be worked out.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TargetsError {
    /// A share is not above 0 % and at most 100 %.
    #[error("{what} is {value}: a share must be above 0% and at most 100%")]
    Share {
        /// Which share.
        what: String,
        /// The value given.
        value: String,
    },
    /// The library could not give the history (no such history, a database
    /// problem).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A calendar of the agreement cannot be compiled.
    #[error("the agreement's calendar cannot be used: {0}")]
    Calendar(#[from] crate::clock::CalendarError),
    /// No ticket of the history falls under a target of the agreement.
    #[error("none of the {tickets} tickets of history `{history}` could be placed in a target row of the agreement{}",
        if reasons.is_empty() { String::new() } else {
            format!(" ({})", reasons.iter().map(|(r, n)| format!("{n} {}", skipped_words(*r))).collect::<Vec<_>>().join(", "))
        })]
    NothingPlaced {
        /// The history.
        history: String,
        /// Its tickets.
        tickets: u64,
        /// Why they could not be measured, with their counts.
        reasons: Vec<(Skipped, u64)>,
    },
    /// The simulation of a target failed.
    #[error("simulating {plan} {priority} {} at {target}: {source}", metric.key())]
    Simulation {
        /// The plan.
        plan: String,
        /// The priority.
        priority: String,
        /// The metric.
        metric: Metric,
        /// The target simulated.
        target: String,
        /// The engine's error.
        source: SimError,
    },
    /// The scenario's simulation failed before any target was moved.
    #[error("simulating the scenario with its contractual targets: {0}")]
    Baseline(SimError),
}

impl TargetsError {
    /// The kind of problem.
    pub fn code(&self) -> ErrorCode {
        match self {
            TargetsError::Share { .. } => ErrorCode::InvalidSettings,
            TargetsError::Store(e) => e.code(),
            TargetsError::Calendar(_) => ErrorCode::InvalidCalendar,
            TargetsError::NothingPlaced { .. } => ErrorCode::InvalidValue,
            TargetsError::Simulation { source, .. } | TargetsError::Baseline(source) => {
                source.code()
            }
        }
    }
}

/// Why tickets were not measured, in words.
pub fn skipped_words(reason: Skipped) -> String {
    match reason {
        Skipped::NoTarget => "with no target row for their plan and priority".into(),
        Skipped::Missing(f) => format!("without a {}", f.key()),
        Skipped::Unknown(f) => format!("with a {} the agreement does not know", f.key()),
        Skipped::Clock => "that the agreement's clock cannot measure".into(),
    }
}

/// How values are rounded up to what a contract prints, in words.
pub const ROUNDING_RULE: &str = "rounded up: to 5 min up to 15 min, to 15 min up to 1 h, to 30 min up to 4 h, to the hour up to 12 h, to 4 h (half a business day) up to 48 h, then to 12 h";

/// The steps of the ladder of printable targets: (up to, step), seconds.
const LADDER: [(i64, i64); 6] = [
    (15 * 60, 5 * 60),
    (3_600, 15 * 60),
    (4 * 3_600, 30 * 60),
    (12 * 3_600, 3_600),
    (48 * 3_600, 4 * 3_600),
    (i64::MAX, 12 * 3_600),
];

/// The tightest printable target at least `seconds` long (see
/// [`ROUNDING_RULE`]); at least 5 minutes.
pub fn contract_value(seconds: i64) -> i64 {
    let seconds = seconds.max(1);
    // Each band ends on a multiple of the next band's step, so rounding
    // from zero gives the band's values.
    let step = LADDER
        .iter()
        .find(|(up_to, _)| seconds <= *up_to)
        .map_or(12 * 3_600, |(_, step)| *step);
    (seconds.saturating_add(step - 1) / step).saturating_mul(step)
}

/// The printable targets from 5 minutes up to `longest` (itself rounded
/// up), tightest first: the values the simulation searches.
pub fn contract_values(longest: i64) -> Vec<i64> {
    let top = contract_value(longest);
    let mut out = Vec::new();
    let mut v = contract_value(1);
    while v <= top {
        out.push(v);
        v = contract_value(v + 1);
    }
    out
}

/// A target in seconds as a contract writes it (`1h30m`, `36h`).
pub fn written(seconds: i64) -> String {
    TargetTime::Elapsed(crate::model::Duration::seconds(seconds)).to_string()
}

/// The `k`-th shortest of `times` (`k` from 1), where `None` is a ticket
/// that never got there and sorts after every time; `None` when `k` falls
/// on such a ticket or beyond the list.
fn kth(times: &mut [Option<i64>], k: u64) -> Option<i64> {
    if k == 0 {
        return Some(0);
    }
    let i = usize::try_from(k - 1).ok()?;
    if i >= times.len() {
        return None;
    }
    let (_, at, _) = times.select_nth_unstable_by_key(i, |t| (t.is_none(), t.unwrap_or(0)));
    *at
}

/// The tightest time within which a share of `times` fell (`None` entries
/// never got there): the `⌈share·n⌉`-th shortest; `None` when that one
/// never got there, or when there is no time at all.
pub fn held_in_share(times: &mut [Option<i64>], share: Share) -> Option<i64> {
    if times.is_empty() {
        return None;
    }
    kth(times, share.of(times.len() as u64))
}

/// The fewest tickets a month needs to be used: 20, or more when the
/// objective allows no miss in 20 (`⌈1 / (1 − objective)⌉`, 100 at 99 %).
///
/// Below `1 / (1 − o)` tickets a month at objective `o` allows not a single
/// ticket over the target, so its tightest target is its slowest ticket:
/// one ticket's bad luck. And at 20 tickets with a true compliance of 90 %,
/// a month's measured compliance already has a spread of ±6.7 points (one
/// standard deviation of a binomial share, √(0.9 × 0.1 / 20)): fewer
/// tickets do not tell a 90 % month from a 95 % one.
pub fn min_month_tickets(objective: Percent) -> u64 {
    let miss = 1.0 - objective.fraction();
    if miss <= 0.0 {
        return 20;
    }
    ((1.0 / miss - 1e-9).ceil() as u64).max(20)
}

/// A target value found: the time itself and the printable target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Found {
    /// The time found, in seconds on the row's clock.
    pub seconds: i64,
    /// The printable target, in seconds ([`contract_value`]).
    pub target_seconds: i64,
    /// The printable target as a contract writes it.
    pub target: String,
}

impl Found {
    fn of(seconds: i64) -> Found {
        let target_seconds = contract_value(seconds);
        Found {
            seconds,
            target_seconds,
            target: written(target_seconds),
        }
    }
}

/// One month of a row and metric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct MonthTarget {
    /// `YYYY-MM`, in the zone of the plan's calendar.
    pub month: String,
    /// Tickets created that month.
    pub tickets: u64,
    /// Of those, tickets within the contractual target.
    pub met_contract: u64,
    /// The month's own tightest target at the objective, in seconds; none
    /// when too many of its tickets never got there.
    pub tightest_seconds: Option<i64>,
    /// Whether the month has enough tickets to be used.
    pub used: bool,
}

/// What the history says of one target row and metric.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RowTargets {
    /// The row (index into the agreement's targets).
    pub row: usize,
    /// The plan.
    pub plan: String,
    /// The priority.
    pub priority: String,
    /// The row's channel, if it names one.
    pub channel: Option<String>,
    /// The metric.
    pub metric: Metric,
    /// The clock the row counts on.
    pub clock: ClockBasis,
    /// Whether pending time is left out (resolution of a row that pauses).
    pub paused: bool,
    /// The objective a month must reach.
    pub objective: Percent,
    /// The contractual target as written.
    pub contractual: String,
    /// Tickets measured.
    pub tickets: u64,
    /// Of those, tickets that never got there before the export.
    pub never_reached: u64,
    /// Of those, tickets within the contractual target.
    pub met_contract: u64,
    /// The tightest target held in the ticket share.
    pub in_tickets: Option<Found>,
    /// Whether the contractual target is held in the ticket share.
    pub holds_in_tickets: bool,
    /// The fewest tickets a month needs to be used.
    pub min_month_tickets: u64,
    /// Every month with tickets, in order.
    pub months: Vec<MonthTarget>,
    /// The tightest target met at the objective in the month share of the
    /// months used; none when no month is used or too few months meet any.
    pub in_months: Option<Found>,
    /// Whether the contractual target is met at the objective in the month
    /// share of the months used; none when no month is used.
    pub holds_in_months: Option<bool>,
}

impl RowTargets {
    /// The months left out for too few tickets.
    pub fn left_out(&self) -> impl Iterator<Item = &MonthTarget> {
        self.months.iter().filter(|m| !m.used)
    }
}

/// Tickets left unmeasured for one reason (a list, not a map, in JSON: a
/// reason such as `unknown: priority` is no JSON key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "TargetsSkippedCount")]
pub struct SkippedCount {
    /// Why.
    pub reason: Skipped,
    /// How many tickets.
    pub tickets: u64,
}

/// The targets a history says the team held, per target row and metric.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct HistoryTargets {
    /// The share of tickets a target must be held in.
    #[schemars(with = "String")]
    pub ticket_share: Share,
    /// The share of months a target must be met in.
    #[schemars(with = "String")]
    pub month_share: Share,
    /// How targets are rounded.
    pub rounding: &'static str,
    /// Tickets read.
    pub tickets: u64,
    /// Tickets that could not be measured, by reason.
    pub unmeasured: Vec<SkippedCount>,
    /// Per target row and metric, in the agreement's order (first response
    /// before resolution).
    pub rows: Vec<RowTargets>,
}

/// The shares a history's targets are worked out at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shares {
    /// Of tickets (default 90 %).
    pub tickets: Share,
    /// Of months (default 90 %).
    pub months: Share,
}

impl Default for Shares {
    fn default() -> Self {
        Shares {
            tickets: Share(900_000),
            months: Share(900_000),
        }
    }
}

#[derive(Default)]
struct Series {
    times: Vec<Option<i64>>,
    met: u64,
    months: BTreeMap<String, (Vec<Option<i64>>, u64)>,
}

/// What writing a new contractual target does to the metric's internal
/// target, which the validator wants shorter than the contractual one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum InternalChange {
    /// None was set, or it is still shorter (or counts business days
    /// against a duration, which the validator does not compare).
    Kept,
    /// It was no longer shorter: it keeps its share of the contractual
    /// target, rounded down to the minute.
    Scaled {
        /// The internal target before.
        #[schemars(with = "String")]
        #[serde(serialize_with = "written_time")]
        before: TargetTime,
        /// After.
        #[schemars(with = "String")]
        #[serde(serialize_with = "written_time")]
        after: TargetTime,
    },
    /// It was no longer shorter and no share of the new target can be
    /// kept (business days, or under a minute): it is removed.
    Removed {
        /// The internal target before.
        #[schemars(with = "String")]
        #[serde(serialize_with = "written_time")]
        before: TargetTime,
    },
}

fn written_time<S: serde::Serializer>(t: &TargetTime, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(t)
}

/// What happens to an internal target `internal` when the contractual
/// target goes from `before` to `after` (the "use this target" of the
/// Tickets screen): kept while the validator accepts it, else scaled to
/// its share of `before`, else removed.
pub fn internal_change(
    before: TargetTime,
    internal: Option<TargetTime>,
    after: TargetTime,
) -> InternalChange {
    let Some(internal) = internal else {
        return InternalChange::Kept;
    };
    if crate::check::shorter(internal, after) != Some(false) {
        return InternalChange::Kept;
    }
    if let (TargetTime::Elapsed(i), TargetTime::Elapsed(b), TargetTime::Elapsed(a)) =
        (internal, before, after)
    {
        if b.is_positive() {
            let share = i.as_seconds() as f64 / b.as_seconds() as f64;
            let minutes = (a.as_seconds() as f64 * share / 60.0).floor() as i64;
            let scaled = TargetTime::Elapsed(Duration::minutes(minutes));
            if minutes >= 1 && crate::check::shorter(scaled, after) == Some(true) {
                return InternalChange::Scaled {
                    before: internal,
                    after: scaled,
                };
            }
        }
    }
    InternalChange::Removed { before: internal }
}

/// Gathers a history's measured times, one ticket at a time.
pub struct Collector<'a> {
    agreement: &'a Agreement,
    measurer: Measurer<'a>,
    as_of: DateTime<Utc>,
    series: BTreeMap<(usize, Metric), Series>,
    tickets: u64,
    unmeasured: BTreeMap<Skipped, u64>,
}

impl<'a> Collector<'a> {
    /// A collector for `agreement`; `as_of` is when the history was
    /// exported (the end of a pause still open then).
    pub fn new(agreement: &'a Agreement, as_of: DateTime<Utc>) -> Result<Self, TargetsError> {
        Self::with_values(agreement, &crate::history::Values::default(), as_of)
    }

    /// As [`Collector::new`], the tickets' words read with `values`.
    pub fn with_values(
        agreement: &'a Agreement,
        values: &crate::history::Values,
        as_of: DateTime<Utc>,
    ) -> Result<Self, TargetsError> {
        Ok(Collector {
            agreement,
            measurer: Measurer::with_values(agreement, values)?,
            as_of,
            series: BTreeMap::new(),
            tickets: 0,
            unmeasured: BTreeMap::new(),
        })
    }

    /// Adds one ticket with the periods it waited on the customer.
    pub fn add(&mut self, ticket: &Ticket, pauses: &[Pause]) {
        self.tickets += 1;
        let measured = match self.measurer.measure(ticket, pauses, self.as_of) {
            Ok(m) => m,
            Err(why) => {
                *self
                    .unmeasured
                    .entry(Unmeasured::skipped(&why))
                    .or_default() += 1;
                return;
            }
        };
        for o in measured.outcomes {
            let month = self.measurer.month_of(o.row, ticket.created);
            let s = self.series.entry((o.row, o.metric)).or_default();
            // Met only when the ticket got there in time: a ticket still
            // waiting counts as not met, whatever its deadline.
            let met = o.elapsed.is_some() && o.met == Some(true);
            s.times.push(o.elapsed);
            s.met += u64::from(met);
            let m = s.months.entry(month).or_default();
            m.0.push(o.elapsed);
            m.1 += u64::from(met);
        }
    }

    /// The targets at `shares`; `history` names the history in the error
    /// when no ticket could be placed.
    pub fn finish(self, history: &str, shares: Shares) -> Result<HistoryTargets, TargetsError> {
        if self.series.is_empty() {
            return Err(TargetsError::NothingPlaced {
                history: history.to_owned(),
                tickets: self.tickets,
                reasons: self.unmeasured.into_iter().collect(),
            });
        }
        let mut rows = Vec::new();
        for ((row, metric), mut s) in self.series {
            let target = &self.agreement.targets[row];
            let Some(mt) = target.metric(metric) else {
                continue;
            };
            let objective = mt.objective.unwrap_or(target.objective);
            let objective_share =
                Share::new(objective, "the objective").unwrap_or(Share(MILLION as u32));
            let min = min_month_tickets(objective);
            let n = s.times.len() as u64;
            let never = s.times.iter().filter(|t| t.is_none()).count() as u64;
            let in_tickets = held_in_share(&mut s.times, shares.tickets).map(Found::of);
            let mut months = Vec::new();
            let mut used_tightest = Vec::new();
            let mut used_meeting = 0u64;
            for (month, (mut times, met)) in s.months {
                let count = times.len() as u64;
                let tightest = kth(&mut times, objective_share.of(count));
                let used = count >= min;
                if used {
                    used_tightest.push(tightest);
                    used_meeting += u64::from(met >= objective_share.of(count));
                }
                months.push(MonthTarget {
                    month,
                    tickets: count,
                    met_contract: met,
                    tightest_seconds: tightest,
                    used,
                });
            }
            let used = used_tightest.len() as u64;
            let in_months = held_in_share(&mut used_tightest, shares.months).map(Found::of);
            rows.push(RowTargets {
                row,
                plan: target.plan.clone(),
                priority: target.priority.clone(),
                channel: target.channel.clone(),
                metric,
                clock: mt.hours.unwrap_or(target.hours),
                paused: target.pause_when_pending && metric == Metric::Resolution,
                objective,
                contractual: mt.within.to_string(),
                tickets: n,
                never_reached: never,
                met_contract: s.met,
                in_tickets,
                holds_in_tickets: s.met >= shares.tickets.of(n),
                min_month_tickets: min,
                months,
                in_months,
                holds_in_months: (used > 0).then(|| used_meeting >= shares.months.of(used)),
            });
        }
        Ok(HistoryTargets {
            ticket_share: shares.tickets,
            month_share: shares.months,
            rounding: ROUNDING_RULE,
            tickets: self.tickets,
            unmeasured: self
                .unmeasured
                .into_iter()
                .map(|(reason, tickets)| SkippedCount { reason, tickets })
                .collect(),
            rows,
        })
    }
}

/// The targets history `name` of the library says the team held against
/// `agreement`, its words read with `values` (a mapping file's value maps).
/// The export is taken to be the history's last recorded instant (a wait
/// still open ends there), as the report takes it.
pub fn history_targets(
    store: &Store,
    name: &HistoryName,
    agreement: &Agreement,
    values: &crate::history::Values,
    shares: Shares,
) -> Result<HistoryTargets, TargetsError> {
    let Some(waits) = crate::history::waits::Waits::read(store, name)? else {
        return Err(TargetsError::NothingPlaced {
            history: name.to_string(),
            tickets: 0,
            reasons: Vec::new(),
        });
    };
    let mut collector = Collector::with_values(agreement, values, waits.end)?;
    store.for_each_ticket(name, |t| collector.add(&t, waits.of(&t.id)))?;
    collector.finish(name.as_str(), shares)
}

// ---------------------------------------------------------------------------
// By simulation.

/// The settings of [`simulate_targets`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SimulationSettings {
    /// The share of simulated months the objective must hold in.
    pub months: Share,
    /// Replications and seed of every simulation (the same seed for every
    /// value: common random numbers).
    pub run: RunConfig,
    /// How many steps tighter than the simulated tightest value to size.
    pub tighter_steps: u32,
    /// The most staffings one sizing simulates.
    pub max_evaluations: u32,
    /// The loosest value searched, in seconds.
    pub longest: i64,
}

impl Default for SimulationSettings {
    fn default() -> Self {
        SimulationSettings {
            months: Share(900_000),
            run: RunConfig::default(),
            tighter_steps: 1,
            max_evaluations: 400,
            longest: 30 * 86_400,
        }
    }
}

/// Why a value is sized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CandidateKind {
    /// The agreement's target.
    Contractual,
    /// The tightest value the history met in the share of months.
    History,
    /// The tightest value today's team meets in simulation.
    Simulated,
    /// Steps tighter than that.
    Tighter,
}

/// The agents a target value would take.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// Why it is sized.
    pub kind: CandidateKind,
    /// The value as a contract writes it.
    pub target: String,
    /// The value in seconds, when it is a duration.
    pub seconds: Option<i64>,
    /// Agents on every shift together with the staffing found; none when
    /// the sizing found none.
    pub agents: Option<u32>,
    /// Paid agent-hours per week of that staffing.
    pub agent_hours: Option<f64>,
    /// Why no staffing was found, when none was.
    pub problem: Option<String>,
}

/// What simulation says of one target row and metric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimulatedRow {
    /// The row (index into the agreement's targets).
    pub row: usize,
    /// The plan.
    pub plan: String,
    /// The priority.
    pub priority: String,
    /// The row's channel, if it names one.
    pub channel: Option<String>,
    /// The metric.
    pub metric: Metric,
    /// The objective.
    pub objective: Option<Percent>,
    /// The contractual target as written.
    pub contractual: String,
    /// The share of simulated months meeting the contractual target today.
    pub p_meets_contractual: f64,
    /// The tightest printable value met in the share of months; none when
    /// even the loosest value searched is not.
    pub tightest: Option<Found>,
    /// The share of months meeting it.
    pub p_meets_tightest: Option<f64>,
    /// The share of months meeting the value one step tighter (below the
    /// share, or none when the tightest is the ladder's first value).
    pub p_meets_step_tighter: Option<f64>,
    /// Candidate values with the agents each would take, loosest first.
    pub candidates: Vec<Candidate>,
}

/// The targets today's staffing meets in simulation, and what tighter
/// ones would take.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimulatedTargets {
    /// The scenario.
    pub scenario: String,
    /// The share of months.
    pub month_share: Share,
    /// Replications of every simulation.
    pub replications: u32,
    /// The seed of every simulation.
    pub seed: u64,
    /// Simulations run by the search for the tightest values (the
    /// contractual run included).
    pub search_simulations: u32,
    /// Simulations run by the sizings.
    pub sizing_simulations: u32,
    /// Whether the scenario dispatches by earliest deadline, where a
    /// row's target also sets its tickets' urgency: a looser value can then
    /// be met less often, and the search's answer is only a value met next
    /// to one not met.
    pub deadline_dispatch: bool,
    /// Per target row and metric the workload reaches.
    pub rows: Vec<SimulatedRow>,
}

struct Searcher<'a> {
    scenario: &'a Scenario,
    run: RunConfig,
    simulated: u32,
    seen: HashMap<(usize, Metric, i64), f64>,
    progress: &'a mut dyn FnMut(u32),
}

impl Searcher<'_> {
    /// The share of months meeting the objective with the row's metric at
    /// `seconds`; each value simulated once.
    fn p_meets(&mut self, row: usize, metric: Metric, seconds: i64) -> Result<f64, TargetsError> {
        if let Some(&p) = self.seen.get(&(row, metric, seconds)) {
            return Ok(p);
        }
        let value = TargetTime::Elapsed(crate::model::Duration::seconds(seconds));
        let s = with_target(self.scenario, row, metric, value);
        let t = &s.agreement.targets[row];
        let failed = |source| TargetsError::Simulation {
            plan: t.plan.clone(),
            priority: t.priority.clone(),
            metric,
            target: written(seconds),
            source,
        };
        let report = compile(&s)
            .and_then(|m| simulate(&m, &self.run, &|_| Flow::Continue))
            .map_err(failed)?;
        self.simulated += 1;
        (self.progress)(self.simulated);
        let p = objective_of(&report, &s.agreement, row, metric)
            .and_then(|i| report.objectives[i].p_meets)
            .unwrap_or(0.0);
        self.seen.insert((row, metric, seconds), p);
        Ok(p)
    }
}

/// Sizes the scenario with one row's metric at `value` (`None`: as the
/// agreement has it).
fn size_at(
    scenario: &Scenario,
    settings: &SimulationSettings,
    at: Option<(usize, Metric, i64)>,
    simulations: &mut u32,
) -> (Option<u32>, Option<f64>, Option<String>) {
    let s = match at {
        Some((row, metric, seconds)) => with_target(
            scenario,
            row,
            metric,
            TargetTime::Elapsed(crate::model::Duration::seconds(seconds)),
        ),
        None => scenario.clone(),
    };
    let options = SizeOptions {
        confidence: settings.months.fraction(),
        run: settings.run,
        max_evaluations: settings.max_evaluations,
    };
    match size_scenario(&s, &options, &mut |_| {}) {
        Ok(r) => {
            *simulations += r.evaluations;
            let agents = r.shifts.iter().map(|x| x.recommended).sum();
            (Some(agents), Some(r.recommended_agent_hours), None)
        }
        Err(e) => {
            if let SizeError::Budget(n) = e {
                *simulations += n;
            }
            (None, None, Some(e.to_string()))
        }
    }
}

/// The tightest target per row and metric (first response, resolution)
/// that today's staffing of `scenario` meets in a share of simulated
/// months, and the agents a few candidate values would take: the
/// contractual one, the history's (from `history`, when given), the
/// simulated tightest and [`SimulationSettings::tighter_steps`] tighter.
/// `rows` limits the rows searched (all when `None`); `progress` is told
/// the search's simulations so far.
pub fn simulate_targets(
    scenario: &Scenario,
    history: Option<&HistoryTargets>,
    rows: Option<&[usize]>,
    settings: &SimulationSettings,
    progress: &mut dyn FnMut(u32),
) -> Result<SimulatedTargets, TargetsError> {
    let baseline = compile(scenario)
        .and_then(|m| simulate(&m, &settings.run, &|_| Flow::Continue))
        .map_err(TargetsError::Baseline)?;
    let agreement = &scenario.agreement;
    let ladder = contract_values(settings.longest);
    let share = settings.months.fraction();
    let holds = |p: f64| p >= share - 1e-9;
    let mut searcher = Searcher {
        scenario,
        run: settings.run,
        simulated: 1,
        seen: HashMap::new(),
        progress,
    };
    let mut sizing_simulations = 0;
    let mut contractual_sizing = None;
    let mut out = Vec::new();
    for (row, target) in agreement.targets.iter().enumerate() {
        if rows.is_some_and(|r| !r.contains(&row)) {
            continue;
        }
        for metric in [Metric::FirstResponse, Metric::Resolution] {
            let Some(mt) = target.metric(metric) else {
                continue;
            };
            let Some(i) = objective_of(&baseline, agreement, row, metric) else {
                continue;
            };
            let objective = &baseline.objectives[i];
            let p_contract = objective.p_meets.unwrap_or(0.0);
            // The contractual value, when a duration, is also the ladder's
            // best first guess: a bracket around it takes fewer runs than
            // the whole ladder.
            if let TargetTime::Elapsed(d) = mt.within {
                searcher
                    .seen
                    .insert((row, metric, d.as_seconds()), p_contract);
            }
            let start = match mt.within {
                TargetTime::Elapsed(d) => ladder
                    .iter()
                    .position(|&v| v >= d.as_seconds())
                    .unwrap_or(ladder.len() - 1),
                TargetTime::BusinessDays(_) => ladder.len() / 2,
            };
            // Invariant: `lo` is not met (or is −1), `hi` is met (or none).
            let (mut lo, mut hi): (isize, Option<usize>) =
                if holds(searcher.p_meets(row, metric, ladder[start])?) {
                    (-1, Some(start))
                } else if start + 1 < ladder.len()
                    && holds(searcher.p_meets(row, metric, ladder[ladder.len() - 1])?)
                {
                    (start as isize, Some(ladder.len() - 1))
                } else {
                    (start as isize, None)
                };
            if let Some(mut h) = hi {
                while h as isize - lo > 1 {
                    let mid = ((lo + h as isize) / 2) as usize;
                    if holds(searcher.p_meets(row, metric, ladder[mid])?) {
                        h = mid;
                    } else {
                        lo = mid as isize;
                    }
                }
                hi = Some(h);
            }
            let tightest = hi.map(|h| ladder[h]);
            let p_tightest = match tightest {
                Some(v) => Some(searcher.p_meets(row, metric, v)?),
                None => None,
            };
            let p_step = match hi {
                Some(h) if h > 0 => Some(searcher.p_meets(row, metric, ladder[h - 1])?),
                _ => None,
            };

            // The candidates to size, loosest first, each value once.
            let mut values: Vec<(CandidateKind, Option<i64>)> =
                vec![(CandidateKind::Contractual, None)];
            let from_history = history.and_then(|h| {
                h.rows
                    .iter()
                    .find(|r| {
                        r.plan == target.plan
                            && r.priority == target.priority
                            && r.channel == target.channel
                            && r.metric == metric
                    })
                    .and_then(|r| r.in_months.as_ref())
                    .map(|f| f.target_seconds)
            });
            if let Some(v) = from_history {
                values.push((CandidateKind::History, Some(v)));
            }
            if let Some(h) = hi {
                values.push((CandidateKind::Simulated, Some(ladder[h])));
                for step in 1..=settings.tighter_steps as usize {
                    if h >= step {
                        values.push((CandidateKind::Tighter, Some(ladder[h - step])));
                    }
                }
            }
            let contract_seconds = match mt.within {
                TargetTime::Elapsed(d) => Some(d.as_seconds()),
                TargetTime::BusinessDays(_) => None,
            };
            let mut sized: Vec<Candidate> = Vec::new();
            for (kind, seconds) in values {
                let value = seconds.or(contract_seconds);
                if kind != CandidateKind::Contractual
                    && sized
                        .iter()
                        .any(|c| c.seconds.is_some() && c.seconds == value)
                {
                    continue;
                }
                let (agents, agent_hours, problem) =
                    if kind == CandidateKind::Contractual || value == contract_seconds {
                        contractual_sizing
                            .get_or_insert_with(|| {
                                size_at(scenario, settings, None, &mut sizing_simulations)
                            })
                            .clone()
                    } else {
                        let v = value.unwrap_or(0);
                        size_at(
                            scenario,
                            settings,
                            Some((row, metric, v)),
                            &mut sizing_simulations,
                        )
                    };
                sized.push(Candidate {
                    kind,
                    target: match seconds {
                        Some(v) => written(v),
                        None => mt.within.to_string(),
                    },
                    seconds: value,
                    agents,
                    agent_hours,
                    problem,
                });
            }
            // Loosest first; a target in business days has no seconds and
            // stays first, where the contractual one is.
            sized.sort_by_key(|c| std::cmp::Reverse(c.seconds.unwrap_or(i64::MAX)));
            out.push(SimulatedRow {
                row,
                plan: target.plan.clone(),
                priority: target.priority.clone(),
                channel: target.channel.clone(),
                metric,
                objective: objective.objective,
                contractual: mt.within.to_string(),
                p_meets_contractual: p_contract,
                tightest: tightest.map(|v| Found {
                    seconds: v,
                    target_seconds: v,
                    target: written(v),
                }),
                p_meets_tightest: p_tightest,
                p_meets_step_tighter: p_step,
                candidates: sized,
            });
        }
    }
    Ok(SimulatedTargets {
        scenario: scenario.name.clone(),
        month_share: settings.months,
        replications: settings.run.replications,
        seed: settings.run.seed,
        search_simulations: searcher.simulated,
        sizing_simulations,
        deadline_dispatch: scenario.dispatch == crate::sim::steady::Dispatch::EarliestDeadlineFirst,
        rows: out,
    })
}
