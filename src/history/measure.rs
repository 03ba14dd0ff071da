//! A ticket of a history measured against an agreement: which target row
//! it falls under, and for each metric the history can tell (first
//! response, resolution) the time it took on the target's clock, pending
//! time left out where the target pauses, and whether it met the target.
//!
//! The clock is the agreement's own: business hours, holidays and
//! closures of the plan's calendar (or the target's), or around the clock
//! for a target counted in calendar time. This is what a helpdesk cannot
//! do for a draft contract: its own SLA clock runs on the schedule set up
//! in the tool, not on the one the draft promises.
//!
//! Work in progress for issue 13 point 2: monthly compliance, credits and
//! breakdowns build on [`Measurer::measure`].

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::formats::Values;
use super::resolve::{Field, Placed, Resolver, Unplaced};
use super::Ticket;
use crate::clock::{self, BusinessCalendar, Pause};
use crate::model::{Agreement, Calendar, ClockBasis, Hours, Metric};

/// What one ticket's metric came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The metric measured.
    pub metric: Metric,
    /// The target row (index into the agreement's targets).
    pub row: usize,
    /// The time taken on the target's clock, in seconds, when the ticket
    /// got there (answered, resolved).
    pub elapsed: Option<i64>,
    /// When the target fell due.
    pub deadline: DateTime<Utc>,
    /// Met, missed, or not known yet (the ticket is still waiting and its
    /// deadline has not passed at `as_of`).
    pub met: Option<bool>,
    /// The same against the internal target, when the row sets one.
    pub internal_met: Option<bool>,
}

/// Why a ticket could not be measured, as counted.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Skipped {
    /// No target row serves its plan and priority (and channel).
    NoTarget,
    /// It has no value for the field.
    Missing(Field),
    /// Its value for the field is none of the agreement's.
    Unknown(Field),
    /// The agreement's clock has no answer for it.
    Clock,
}

/// Why a ticket could not be measured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmeasured {
    /// Its values are not the agreement's.
    Unplaced(Unplaced),
    /// No target row serves its plan and priority (and channel).
    NoTarget {
        /// The plan.
        plan: String,
        /// The priority.
        priority: String,
    },
    /// The agreement's clock has no answer for it (a calendar that never
    /// opens again).
    Clock(String),
}

impl Unmeasured {
    /// The reason as counted.
    pub fn skipped(&self) -> Skipped {
        match self {
            Unmeasured::NoTarget { .. } => Skipped::NoTarget,
            Unmeasured::Unplaced(Unplaced::Missing(f)) => Skipped::Missing(*f),
            Unmeasured::Unplaced(Unplaced::Unknown(f, _)) => Skipped::Unknown(*f),
            Unmeasured::Clock(_) => Skipped::Clock,
        }
    }
}

/// A ticket measured: where it falls and what each metric came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measurement {
    /// Its plan, priority and channel in the agreement's ids.
    pub placed: Placed,
    /// Its channel's word when the agreement has no such channel.
    pub unknown_channel: Option<String>,
    /// The target row.
    pub row: usize,
    /// One outcome per metric the row bounds and the history can tell.
    pub outcomes: Vec<Outcome>,
}

/// Measures tickets against one agreement, its calendars compiled once.
pub struct Measurer<'a> {
    agreement: &'a Agreement,
    resolver: Resolver,
    calendars: HashMap<String, BusinessCalendar>,
    always: BusinessCalendar,
    /// The zone months are counted in, per target row: its plan's
    /// calendar's (UTC when it has none).
    zones: Vec<chrono_tz::Tz>,
}

impl<'a> Measurer<'a> {
    /// Compiles the agreement's calendars; tickets' values are read as its
    /// ids as [`Resolver`] says, without a value map of the measure's own.
    pub fn new(agreement: &'a Agreement) -> Result<Self, clock::CalendarError> {
        Self::with_values(agreement, &Values::default())
    }

    /// As [`Measurer::new`], with value maps (file word → agreement id).
    pub fn with_values(
        agreement: &'a Agreement,
        values: &Values,
    ) -> Result<Self, clock::CalendarError> {
        let mut calendars = HashMap::new();
        for c in &agreement.calendars {
            calendars.insert(c.id.clone(), BusinessCalendar::compile(c)?);
        }
        let always = BusinessCalendar::compile(&Calendar {
            id: "around-the-clock".into(),
            name: Default::default(),
            time_zone: "UTC".into(),
            hours: Hours::Always,
            holidays: Default::default(),
            closures: Vec::new(),
            business_day: Default::default(),
        })?;
        let zones = agreement
            .targets
            .iter()
            .map(|t| {
                agreement
                    .plan(&t.plan)
                    .and_then(|p| agreement.calendar(&p.calendar))
                    .and_then(|c| c.time_zone.parse::<chrono_tz::Tz>().ok())
                    .unwrap_or(chrono_tz::UTC)
            })
            .collect();
        Ok(Measurer {
            agreement,
            resolver: Resolver::new(agreement, values),
            calendars,
            always,
            zones,
        })
    }

    /// Measures `ticket` (with the periods it was pending) on every metric
    /// its row bounds and the history can tell; `as_of` is when the
    /// history was exported, which decides whether an unanswered ticket
    /// has already missed.
    pub fn measure(
        &self,
        ticket: &Ticket,
        pauses: &[Pause],
        as_of: DateTime<Utc>,
    ) -> Result<Measurement, Unmeasured> {
        let (placed, unknown_channel) =
            self.resolver.place(ticket).map_err(Unmeasured::Unplaced)?;
        let row = self
            .agreement
            .target_row(&placed.plan, &placed.priority, placed.channel.as_deref())
            .ok_or_else(|| Unmeasured::NoTarget {
                plan: placed.plan.clone(),
                priority: placed.priority.clone(),
            })?;
        let plan = placed.plan.as_str();
        let target = &self.agreement.targets[row];
        let plan_calendar = self.agreement.plan(plan).map(|p| p.calendar.as_str());
        let mut out = Vec::new();
        for (metric, reached) in [
            (Metric::FirstResponse, ticket.first_response),
            (Metric::Resolution, ticket.resolved),
        ] {
            let Some(mt) = target.metric(metric) else {
                continue;
            };
            let calendar = match mt.hours.unwrap_or(target.hours) {
                ClockBasis::Calendar => &self.always,
                ClockBasis::Business => {
                    let id = target.calendar.as_deref().or(plan_calendar);
                    match id.and_then(|id| self.calendars.get(id)) {
                        Some(c) => c,
                        None => continue,
                    }
                }
            };
            // As the engine does: the customer's pending time stops the
            // resolution clock when the row says so, never the first
            // response's.
            let paused: &[Pause] = if target.pause_when_pending && metric == Metric::Resolution {
                pauses
            } else {
                &[]
            };
            let deadline = clock::target_deadline(calendar, ticket.created, mt.within, paused)
                .map_err(|e| Unmeasured::Clock(e.to_string()))?;
            let judge = |deadline: DateTime<Utc>| match reached {
                Some(at) => Some(at <= deadline),
                None if deadline < as_of => Some(false),
                None => None,
            };
            let elapsed = reached
                .map(|at| clock::elapsed(calendar, ticket.created, at, paused))
                .transpose()
                .map_err(|e| Unmeasured::Clock(e.to_string()))?
                .map(|took| took.as_seconds());
            let internal_met = match mt.internal {
                Some(internal) => {
                    clock::target_deadline(calendar, ticket.created, internal, paused)
                        .map(judge)
                        .map_err(|e| Unmeasured::Clock(e.to_string()))?
                }
                None => None,
            };
            let met = judge(deadline);
            out.push(Outcome {
                metric,
                row,
                elapsed,
                deadline,
                met,
                internal_met,
            });
        }
        Ok(Measurement {
            placed,
            unknown_channel,
            row,
            outcomes: out,
        })
    }
}

/// Tickets measured and met for one target row and metric in one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Count {
    /// Tickets whose outcome is known (met or missed).
    pub measured: u64,
    /// Of those, the ones within the target.
    pub met: u64,
    /// Tickets still waiting whose deadline had not passed at the export.
    pub pending: u64,
}

/// Monthly counts of a history against an agreement, keyed by target row,
/// metric and the month of creation (`YYYY-MM` in the zone of the plan's
/// calendar, as the agreement's measurement periods are).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Compliance {
    /// Counts by (row, metric, month).
    pub counts: std::collections::BTreeMap<(usize, Metric, String), Count>,
    /// Tickets that could not be measured, by reason.
    pub unmeasured: std::collections::BTreeMap<Skipped, u64>,
}

impl Compliance {
    /// Adds one ticket's outcomes (or why it could not be measured).
    pub fn add(
        &mut self,
        measurer: &Measurer<'_>,
        ticket: &Ticket,
        measured: Result<Measurement, Unmeasured>,
    ) {
        let outcomes = match measured {
            Ok(m) => m.outcomes,
            Err(why) => {
                *self.unmeasured.entry(why.skipped()).or_default() += 1;
                return;
            }
        };
        for o in outcomes {
            let month = measurer.month_of(o.row, ticket.created);
            let count = self.counts.entry((o.row, o.metric, month)).or_default();
            match o.met {
                Some(met) => {
                    count.measured += 1;
                    count.met += u64::from(met);
                }
                None => count.pending += 1,
            }
        }
    }
}

impl Measurer<'_> {
    /// The month (`YYYY-MM`) in which an instant falls, in the zone of the
    /// calendar of the plan of target row `row` (UTC when it has none).
    pub fn month_of(&self, row: usize, at: DateTime<Utc>) -> String {
        self.local_time(row, at).format("%Y-%m").to_string()
    }

    /// An instant in the zone of the calendar of the plan of target row
    /// `row` (UTC when it has none).
    pub fn local_time(&self, row: usize, at: DateTime<Utc>) -> DateTime<chrono_tz::Tz> {
        let zone = self.zones.get(row).copied().unwrap_or(chrono_tz::UTC);
        at.with_timezone(&zone)
    }
}
