//! What a scenario simulation found, ready to print or to write as JSON.
//!
//! Every figure is summarised across replications; the measures of each
//! replication-month are kept too (`monthly`, `monthly_counts`), so that
//! service credits, which an agreement computes month by month, can be
//! derived without running the simulation again.
//!
//! **Which month a ticket counts in.** A ticket counts in the calendar
//! month, in [`SimReport::time_zone`], in which it was *created*; it is
//! followed until it is resolved, even into the next month. Only months
//! wholly inside the measured window are reported per month (when the
//! window holds no whole month, the partial months are reported instead,
//! and [`MonthInfo::complete`] says so).

use serde::{Deserialize, Serialize};

use super::stats::Estimate;
use crate::model::{Metric, Percent};

/// The results of a scenario simulation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimReport {
    /// The scenario's name.
    pub scenario: String,
    /// Replications run.
    pub replications: u32,
    /// The master seed.
    pub seed: u64,
    /// The first measured instant (after the warm-up), RFC 3339 in UTC.
    pub measured_from: String,
    /// The end of the measured window, RFC 3339 in UTC.
    pub measured_to: String,
    /// The zone whose calendar months the monthly figures follow.
    pub time_zone: String,
    /// The months reported per replication, in order.
    pub months: Vec<MonthInfo>,
    /// Tickets created in the measured window, per replication.
    pub tickets: Summary,
    /// One entry per contractual target row and metric the workload reaches.
    pub objectives: Vec<ObjectiveResult>,
    /// One entry per OLA the staffing reaches.
    pub olas: Vec<OlaResult>,
    /// Per team: occupancy and paid hours.
    pub teams: Vec<TeamResult>,
    /// Open tickets (all stages, pending ones included) at the start of
    /// each day of the measured window.
    pub backlog: Vec<BacklogPoint>,
    /// Per hour of the week of creation (Monday 00:00–01:00 first, in
    /// [`SimReport::time_zone`]): the share of target evaluations that
    /// breached, all objectives together, over all replications.
    pub breach_heatmap: Vec<HeatCell>,
    /// Open tickets (all stages, pending ones included) when the measured
    /// window ends: the backlog the period hands on.
    #[serde(default)]
    pub open_at_end: Option<Summary>,
    /// Of the tickets created in the measured window and resolved, the
    /// share the customer reopened (a fraction).
    #[serde(default)]
    pub reopened: Option<Summary>,
    /// Per plan × priority × live channel whose customers may give up (a
    /// patience in the scenario): the contacts they abandoned before an
    /// agent picked them up. Absent when the scenario gives no patience.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub abandonment: Vec<AbandonmentResult>,
    /// Per warning or escalation level the scenario gives an effect: the
    /// tickets it fired on and how many of them still breached; absent
    /// when the scenario gives no escalation effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalation: Option<Vec<EscalationResult>>,
}

/// Contacts abandoned on one plan × priority × live channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AbandonmentResult {
    /// The portfolio member (agreement) it belongs to; absent for an
    /// ordinary scenario.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    /// The plan.
    pub plan: String,
    /// The priority.
    pub priority: String,
    /// The live channel.
    pub channel: String,
    /// Contacts created in the measured window, over all replications.
    pub contacts: u64,
    /// Of those, contacts the customer abandoned before a first answer.
    pub abandoned: u64,
    /// The share abandoned (a fraction), per replication then summarised.
    pub share: Summary,
}

/// What one warning or escalation level did over the measured window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EscalationResult {
    /// The portfolio member (agreement) it belongs to; absent for an
    /// ordinary scenario.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    /// `warn_at`, or `levels[N]` (the agreement's index).
    pub level: String,
    /// To whom the agreement escalates (empty for the warning).
    pub to: String,
    /// When it fires, as the agreement says it: `75%` of the target's
    /// time, or `after_breach 2h`.
    pub when: String,
    /// Whether it raises the ticket ahead of the others in its team's line.
    pub raise_priority: bool,
    /// The team it moves the ticket to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub move_to: Option<String>,
    /// The on-call agent's delay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_call_after: Option<String>,
    /// Tickets created in the window it fired on, per replication.
    pub escalated: Summary,
    /// Of those, the tickets that still breached the target it fired on,
    /// per replication.
    pub breached: Summary,
    /// `breached / escalated` pooled over the replications; none when it
    /// never fired.
    pub breached_share: Option<f64>,
}

/// A calendar month of the measured window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthInfo {
    /// `YYYY-MM`.
    pub label: String,
    /// Whether the whole month lies in the measured window.
    pub complete: bool,
}

/// A figure across replications: mean and 90 % interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The mean over replications.
    pub mean: f64,
    /// The lower end of the 90 % confidence interval for the mean.
    pub low: f64,
    /// The upper end.
    pub high: f64,
    /// The standard deviation between replications.
    pub std_dev: f64,
}

impl Summary {
    /// The summary of one value per replication.
    pub fn of(values: &[f64]) -> Summary {
        let e = Estimate::from_replications(values, 0.90);
        Summary {
            mean: e.mean,
            low: e.low(),
            high: e.high(),
            std_dev: e.std_dev,
        }
    }
}

/// Tickets measured and tickets that met a target, in one replication-month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MonthCount {
    /// Tickets measured.
    pub tickets: u64,
    /// Of those, tickets within the target.
    pub met: u64,
}

impl MonthCount {
    /// The share within target; 1 for a month without tickets (nothing was
    /// breached).
    pub fn compliance(&self) -> f64 {
        if self.tickets == 0 {
            1.0
        } else {
            self.met as f64 / self.tickets as f64
        }
    }
}

/// One contractual target (a row of the agreement's targets × a metric).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveResult {
    /// The portfolio member (agreement) it belongs to; absent for an
    /// ordinary scenario.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    /// The plan.
    pub plan: String,
    /// The priority.
    pub priority: String,
    /// The channel of the row, if it names one.
    pub channel: Option<String>,
    /// The metric.
    pub metric: Metric,
    /// The contractual time, as written (`4h`, `3bd`).
    pub within: String,
    /// The contractual objective, e.g. 95 %.
    pub objective: Option<Percent>,
    /// Tickets measured, over all replications.
    pub tickets: u64,
    /// Compliance over the whole measured window (a fraction).
    pub compliance: Summary,
    /// Compliance of every replication-month, replication-major: the
    /// compliance of replication `r` in month `m` is at `r × months + m`.
    pub monthly: Vec<f64>,
    /// The counts behind `monthly`, in the same order.
    pub monthly_counts: Vec<MonthCount>,
    /// The share of replication-months that meet the objective.
    pub p_meets: Option<f64>,
    /// How long the measured times were; none when nothing was measured.
    #[serde(default)]
    pub times: Option<ReportedTimes>,
    /// Compliance with the target's internal (stricter) time, when it has
    /// one: the margin the provider keeps.
    #[serde(default)]
    pub internal: Option<InternalResult>,
}

/// Compliance with an objective's internal time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InternalResult {
    /// The internal time, as written.
    pub within: String,
    /// Compliance over the whole measured window (a fraction).
    pub compliance: Summary,
}

/// The times an objective measured, in seconds: on the target's clock
/// (business hours when the target counts them, the customer's pending
/// time left out when the target pauses) and on the calendar (wall time
/// from start to stop). Each figure is computed per replication, then
/// summarised across replications. The mean of a replication is exact;
/// its median and 90th percentile are the order statistics of rank
/// `⌈n/2⌉` and `⌈0.9 n⌉`, exact up to 32 times and beyond within 1/128
/// (0.79 %) of them, relative, in fixed memory
/// ([`crate::sim::stats::QuantileSketch`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ReportedTimes {
    /// On the target's clock.
    pub business: TimeFigures,
    /// On the calendar.
    pub calendar: TimeFigures,
}

/// Mean, median and 90th percentile of one kind of measured time.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TimeFigures {
    /// The mean time.
    pub mean: Summary,
    /// The median time.
    pub median: Summary,
    /// The 90th percentile.
    pub p90: Summary,
}

/// One OLA stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OlaResult {
    /// The portfolio member (agreement) it belongs to; absent for an
    /// ordinary scenario.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    /// The OLA's identifier.
    pub id: String,
    /// The agreement's team.
    pub team: String,
    /// The stage, as the agreement names it.
    pub stage: String,
    /// The time allowed, as written.
    pub within: String,
    /// Stages measured, over all replications.
    pub tickets: u64,
    /// The share of stages within their time.
    pub compliance: Summary,
}

/// One team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamResult {
    /// The team's name.
    pub name: String,
    /// Paid agent-hours per week (before shrinkage).
    pub agent_hours_per_week: f64,
    /// Busy agent time over available agent time in the measured window.
    pub occupancy: Summary,
}

/// Open tickets at one instant.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BacklogPoint {
    /// Days since the start of the measured window.
    pub day: u32,
    /// Mean over replications.
    pub mean: f64,
    /// The highest over replications.
    pub max: f64,
}

/// One hour of the week in the breach heat-map.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct HeatCell {
    /// Target evaluations of tickets created in this hour.
    pub evaluations: u64,
    /// Of those, breaches.
    pub breaches: u64,
}

impl HeatCell {
    /// The breach rate (0 without evaluations).
    pub fn rate(&self) -> f64 {
        if self.evaluations == 0 {
            0.0
        } else {
            self.breaches as f64 / self.evaluations as f64
        }
    }
}
