//! The full support model: a scenario's workload, teams on shifts, the OLA
//! chain and the agreement's SLA clocks, simulated ticket by ticket.
//!
//! A run first [`compile`]s the scenario (validates it, builds the arrival
//! rate of every simulated hour, the shift boundaries of every team, one
//! [`BusinessClock`] per calendar used and the list of contractual
//! objectives), then [`simulate`]s independent replications in parallel.
//!
//! # The life of a ticket
//!
//! 1. It arrives by a non-homogeneous Poisson process whose rate is
//!    constant within each hour: the weekly volume × the hour-of-week
//!    weight × the month's seasonality and compounded growth.
//! 2. **Triage.** It waits in the queue of the first team that works the
//!    `triage` stage for its plan and priority (or, when none does, the
//!    first that works `resolution`). The *first response* is the instant an
//!    agent takes it, as the Erlang formulas count an answer. The agent then
//!    spends the first-response handle time on it.
//! 3. **Resolution.** A share of tickets (`escalated`) goes to the first
//!    other team that works `resolution` for it, and waits in its queue; the
//!    others are resolved by the triaging agent, who goes straight on. The
//!    resolution work is drawn once and split evenly over the work sessions:
//!    one, plus one per back-and-forth with the customer (the mean
//!    `back_and_forths`, as its whole part plus one more with the
//!    probability of its fraction), plus one if the customer reopens it.
//!    Between sessions the ticket is *pending* on the customer for a drawn
//!    time, then queues again at the same team. It is resolved at the end
//!    of its last session.
//! 4. Chats take `1 / chat_concurrency` of an agent: their handle times are
//!    divided by the team's concurrency.
//! 5. **Abandonment.** On a live channel (phone, chat) with a patience in
//!    the scenario, the customer's patience is drawn when the contact is
//!    created (from the ticket's own stream). If no agent has taken the
//!    contact for its first response when it runs out, the contact leaves
//!    the queue, takes no agent time and is counted as abandoned; under
//!    the channel's rule `breach` it misses every target it had not met
//!    (first response, resolution, OLAs), under `excluded` (the default)
//!    it is measured against none.
//!
//! # Clocks and measures
//!
//! Each target row of the agreement that a kind of ticket falls under (the
//! row naming its channel, else the row without a channel) gives one
//! objective per metric the engine measures: first response, next
//! response and resolution. The row's clock is its calendar's business
//! hours or every hour; while a ticket is pending the resolution clock
//! stops when the row says so.
//!
//! - *First response*: from creation to the instant an agent first takes
//!   the ticket; one measure per ticket.
//! - *Next response*: each time the customer answers (the end of a
//!   pending period, a reopening included), a clock starts that stops
//!   when an agent takes the ticket again; one measure per reply, counted
//!   in the ticket's month. The ticket is never pending while this clock
//!   runs, so no pause applies. A reply still unanswered when the run
//!   ends breaches.
//! - *Resolution*: from creation to the end of the last work session.
//! - *Periodic update*: only when the scenario gives what one update costs
//!   an agent (`work[].update`). From the first response to the
//!   resolution, except while the ticket is pending, an update falls due
//!   each interval on the row's clock, the interval starting again at each
//!   contact with the customer; the team's agents send due updates before
//!   taking waiting tickets, and an update is on time when sent as it
//!   falls due (see the `Run` block on periodic updates). Without the
//!   cost nothing is measured: a figure would restate an assumption.
//!
//! # Escalation
//!
//! When the scenario gives the effect of the agreement's `warn_at` or of
//! an escalation level, the level fires once per ticket at its share of
//! the target of the ticket's stage (first response while it waits for
//! one, resolution afterwards), or its delay after that target's breach,
//! and acts: `raise_priority` puts the ticket in a tier ahead of every
//! ticket not raised in its team's line (the dispatch policy orders each
//! tier), `move_to` sends it to another team for the rest of its life,
//! `on_call` brings, after the delay, an agent outside the headcount who
//! works the ticket whenever it waits for an agent. The report gives per
//! level the tickets it fired on and how many still breached that target.
//!
//! A target in business days follows the calendar's rule, as the clock
//! module does: under `same_clock_time`, the business time from the
//! clock's start to the same local clock time on the N-th business day
//! after (computed per ticket from the business clock's tables, exactly as
//! `clock::business_days_duration`); under `opening_hours`, N × the
//! business day's length. Either way it is then a business duration, so
//! pauses extend it.
//!
//! An OLA applies to a ticket when its team is the agreement team of the
//! scenario team that triaged the ticket (the stage ends when triage work
//! ends) or that resolved it (the stage ends at resolution); it starts at
//! creation or when the ticket reaches the team, as the OLA says, and
//! counts on its calendar (the served plan's when it names none), paused
//! while the ticket is pending.
//!
//! Tickets created during the warm-up are simulated but not measured.
//! Tickets created in the measured window are followed to resolution;
//! arrivals go on after the window so that the load stays realistic, and a
//! ticket still open four weeks after the window is counted as breaching
//! every target it has not met yet.
//!
//! # Staffing
//!
//! Each shift's start and end are events, in the team's zone. At each
//! start, every agent of the shift is present with probability
//! `1 − shrinkage`, drawn so that the number present is the whole part of
//! `headcount × (1 − shrinkage)`, plus one more with the probability of
//! its fraction. An agent still busy when the shift ends finishes the
//! ticket in hand. Free agents take waiting tickets by the dispatch
//! policy: oldest first, strict priority (the agreement's order, then
//! oldest), or earliest deadline of the target the stage serves (first
//! response in triage, resolution afterwards).
//!
//! # Determinism and memory
//!
//! Replication `i` draws only from the stream `(seed, i)` and runs on one
//! thread, so results do not depend on the number of threads. Tickets in
//! flight live in a slab whose free slots are reused (an event for a ticket
//! carries the slot's generation, so one that outlives its ticket is
//! dropped); every measure is a counter or a streamed figure, so memory
//! follows the number of open tickets, not the number simulated.

use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use rand::{RngExt, SeedableRng};
use rand_distr::{Distribution, Exp1};

use super::clock::{BusinessClock, DayAnchor};
use super::dist::Sampler;
use super::line::WaitingLine;
use super::queue::EventQueue;
use super::report::{
    AbandonmentResult, BacklogPoint, EscalationResult, HeatCell, InternalResult, MonthCount,
    MonthInfo, ObjectiveResult, OlaResult, ReportedTimes, SimReport, Summary, TeamResult,
    TimeFigures,
};
use super::rng::{SimRng, TicketRng};
use super::run::{run_replications_until, CancelToken, Flow, Progress, RunConfig};
use super::scenario::{Scenario, ScenarioError, Stage};
use super::stats::{QuantileSketch, Welford};
use super::steady::Dispatch;
use super::time::SimDuration;
use super::SimError;
use crate::clock::BusinessCalendar;
use crate::model::{ClockBasis, Metric, OlaStart, TargetTime};

/// How long after the measured window tickets created in it are followed.
const DRAIN: f64 = 28.0 * 86_400.0;
/// Most distinct clocks one kind of ticket is measured on.
const MAX_CLOCKS: usize = 4;
/// How many events a replication handles between looks at the cancel flag:
/// a few milliseconds of work, so Cancel is honoured inside a replication
/// however long the replication is.
const CANCEL_POLL_EVENTS: u64 = 1 << 14;

/// The most tickets a replication may hold open at once.
///
/// Memory follows the open tickets (about 300 bytes each with their place
/// in the waiting line and the event list), so this bounds a replication to
/// well under 100 MB. A backlog this deep means the teams cannot keep up
/// with the workload at all: every target is missed and the figures say
/// nothing more, while the backlog would go on growing until memory runs
/// out. The run stops with [`SimError::TooManyOpenTickets`] instead.
pub const MAX_OPEN_TICKETS: u32 = 250_000;

/// Above this ratio of offered work to staffed agent-hours a scenario is
/// refused before it is simulated (see [`check_workload`]).
///
/// Up to it, an overloaded scenario is a question worth asking (a team at
/// half strength, a launch week, a decline in staffing) and it runs, with a
/// warning and with the backlog bounded by [`MAX_OPEN_TICKETS`]. Ten times
/// the capacity is no staffing question any more: it is a volume typed in
/// the wrong unit or with a digit too many (per month for per week is 4.3×,
/// a slipped decimal point 10×), and simulating it would only fill memory
/// with a backlog whose every ticket breaches.
pub const MAX_OVERLOAD: f64 = 10.0;

/// A scenario compiled for the engine.
#[derive(Debug, Clone)]
pub struct CompiledModel {
    name: String,
    origin: DateTime<Utc>,
    warm: f64,
    end: f64,
    stop: f64,
    /// Arrivals per second in each simulated hour.
    rates: Vec<f64>,
    /// Hour of the week (in the scenario's zone) of each simulated hour.
    hour_of_week: Vec<u8>,
    /// Start of each reported month, in simulation seconds, and the end of
    /// the last one.
    month_starts: Vec<f64>,
    months: Vec<MonthInfo>,
    month_zone: Tz,
    classes: Vec<Class>,
    /// Cumulative shares of the classes, for drawing one: within each
    /// member, from its first class to its last (which reaches 1).
    cumulative: Vec<f64>,
    /// The agreements simulated (one for an ordinary scenario).
    members: Vec<MemberModel>,
    /// For a portfolio of several members, per simulated hour, the
    /// cumulative shares of the members' arrival rates in the hour's
    /// total (`hours × members`); empty for one member.
    member_cumulative: Vec<f64>,
    /// Whether some member's tickets go ahead of another's (a portfolio's
    /// `precedence`): the classes' tiers then order every waiting line.
    tiers: bool,
    works: Vec<Work>,
    teams: Vec<TeamModel>,
    shift_events: Vec<ShiftEvent>,
    clocks: Vec<Clock>,
    /// The compiled calendar behind each business clock, for business-day
    /// targets whose deadline lies past the clock's table.
    calendars: Vec<Option<std::sync::Arc<BusinessCalendar>>>,
    objectives: Vec<Objective>,
    olas: Vec<OlaModel>,
    dispatch: Dispatch,
    /// The most tickets a replication may hold open at once.
    open_ticket_cap: u32,
    /// The most measures of a class: a ticket's share of a replication's
    /// measure states.
    measures_per_ticket: usize,
    /// The plan × priority × live channel rows whose customers may give up
    /// (empty when the scenario gives no patience).
    abandonment: Vec<AbandonmentRow>,
    /// The warning and escalation levels the scenario gives an effect, in
    /// the agreement's order (the warning first): empty when none.
    escalation: Vec<LevelModel>,
    /// Whether some level raises a ticket's priority: raised tickets then
    /// form a tier ahead of the others in every waiting line.
    raises: bool,
    /// Whether some kind of ticket is sent periodic updates.
    updates: bool,
}

/// One agreement of the model, with its own workload: an ordinary
/// scenario's only one, or a member of a portfolio (issue 16).
#[derive(Debug, Clone)]
struct MemberModel {
    /// The member's identifier in a portfolio; none for an ordinary
    /// scenario, whose report names no member.
    id: Option<String>,
    weekly_tickets: f64,
    weights: [f64; 168],
    /// Its classes: `classes[first..end]`.
    first: usize,
    end: usize,
}

/// A plan × priority × live channel whose customers may give up, where
/// their contacts and abandonments are counted.
#[derive(Debug, Clone, PartialEq, Eq)]
struct AbandonmentRow {
    member: usize,
    plan: String,
    priority: String,
    channel: String,
}

/// How the customers of a kind of ticket give up while they wait for a
/// first answer (a live channel with a patience in the scenario).
#[derive(Debug, Clone)]
struct Patience {
    /// How long a customer waits for an agent.
    sampler: Sampler,
    /// Whether an abandoned contact breaches the targets it owed (the
    /// channel's rule `breach`); else it is not measured.
    breach: bool,
    /// Its row in `CompiledModel::abandonment`.
    row: usize,
}

/// A warning or escalation level that acts on the tickets it fires on.
#[derive(Debug, Clone)]
struct LevelModel {
    member: usize,
    /// `warn_at` or `levels[N]`.
    label: String,
    to: String,
    when: LevelWhen,
    raise: bool,
    move_to: Option<usize>,
    /// The on-call agent's delay, in seconds.
    on_call: Option<f64>,
}

/// When a level fires, on the clock of the target of the ticket's stage.
#[derive(Debug, Clone, Copy)]
enum LevelWhen {
    /// At this fraction of the target's time.
    Share(f64),
    /// This many seconds (of the calendar) after the breach.
    AfterBreach(f64),
}

/// The most levels a scenario can give effects to (a ticket keeps the
/// levels fired on it as bits).
const MAX_LEVELS: usize = 32;

/// Periodic updates of a kind of ticket: sent each interval of its target
/// row's `periodic_update` on that row's clock.
#[derive(Debug, Clone, Copy)]
struct UpdatePlan {
    /// Index into `CompiledModel::objectives`.
    objective: usize,
    /// Index into the class's clocks.
    clock: usize,
    interval: Allowance,
    /// Agent time one update takes, in seconds.
    cost: f64,
}

#[derive(Debug, Clone)]
enum Clock {
    Always,
    Business(Box<BusinessClock>),
}

impl Clock {
    #[inline]
    fn level(&self, t: f64) -> f64 {
        match self {
            Clock::Always => t,
            Clock::Business(c) => c.level(t),
        }
    }
    #[inline]
    fn at_level(&self, level: f64) -> f64 {
        match self {
            Clock::Always => level,
            Clock::Business(c) => c.at_level(level),
        }
    }
}

/// A clock a target counts on, as `compile` found it.
struct ClockUse {
    global: usize,
    day_length: f64,
    same_clock_time: bool,
}

impl ClockUse {
    fn allowance(&self, within: TargetTime) -> Allowance {
        match within {
            TargetTime::Elapsed(d) => Allowance::Fixed(d.as_seconds() as f64),
            TargetTime::BusinessDays(n) if self.same_clock_time => Allowance::Days {
                days: u32::try_from(n.max(0)).unwrap_or(u32::MAX),
                clock: self.global,
            },
            TargetTime::BusinessDays(n) => Allowance::Fixed(n as f64 * self.day_length),
        }
    }
}

/// How much of its clock a target allows.
#[derive(Debug, Clone, Copy)]
enum Allowance {
    /// A fixed amount of the clock's time: a duration, or business days
    /// under the `opening_hours` rule (N × the business day's length).
    Fixed(f64),
    /// Business days under the `same_clock_time` rule on the business
    /// clock `clock` (global index): the amount depends on when the clock
    /// starts.
    Days { days: u32, clock: usize },
}

/// The day anchor of the business clock a ticket's targets last started
/// on at one instant, kept for the others starting with them (see
/// [`CompiledModel::allowance_at`]): a kind of ticket is measured on one
/// business calendar but in rare agreements.
#[derive(Default)]
struct Anchors {
    last: Option<(usize, Option<DayAnchor>)>,
}

impl Anchors {
    /// The anchor of global clock `clock`, from `find` unless it was the
    /// last one asked for.
    #[inline]
    fn of(&mut self, clock: usize, find: impl FnOnce() -> Option<DayAnchor>) -> Option<DayAnchor> {
        match self.last {
            Some((c, anchor)) if c == clock => anchor,
            _ => {
                let anchor = find();
                self.last = Some((clock, anchor));
                anchor
            }
        }
    }
}

#[derive(Debug, Clone)]
struct Class {
    /// Its member's tier under a portfolio's precedence, as a dispatch
    /// rank offset (0 when pooled and for an ordinary scenario).
    tier: u32,
    priority_rank: u32,
    work: usize,
    chat: bool,
    triage_team: usize,
    /// The team that resolves the ticket when it is not escalated.
    own_team: usize,
    /// The team that resolves it when it is escalated.
    escalation_team: usize,
    /// The class's clocks (indices into `CompiledModel::clocks`).
    clocks: Vec<usize>,
    /// What is measured on each ticket of the class: the objectives of its
    /// target row, then the OLAs that apply to it.
    measures: Vec<Measure>,
    /// Per [`Moment`], the measures that start or stop then, in order: the
    /// ones `Run::reach` looks at.
    at_moment: [Vec<usize>; MOMENTS],
    /// The measures earliest-deadline dispatch orders it by.
    urgent: UrgentMeasures,
    /// How its customers give up, on a live channel with a patience.
    patience: Option<Patience>,
    /// The escalation levels that apply to its priority, as bits of
    /// `CompiledModel::escalation`.
    levels: u32,
    /// Its periodic updates, when its row has some and the scenario gives
    /// their cost.
    update: Option<UpdatePlan>,
}

/// One clock measured on every ticket of a class, against an objective of
/// the agreement or an OLA.
///
/// A measure starts and stops at moments of the ticket's life and the
/// engine knows nothing else of it: a new metric is one more kind of
/// measure built by `compile` (and, when it needs one, one more
/// [`Moment`] raised where it happens).
#[derive(Debug, Clone, Copy)]
struct Measure {
    /// Where its outcomes are counted.
    tally: Tally,
    /// Index into the class's clocks.
    clock: usize,
    allowance: Allowance,
    /// Whether the time the ticket spends pending on the customer does not
    /// count.
    pause: bool,
    starts: Moment,
    stops: Moment,
    /// Whether it starts again at each `starts` (one measure per customer
    /// reply); else it is measured once per ticket.
    repeats: bool,
    /// What its deadline means to earliest-deadline dispatch.
    urgency: Urgency,
}

/// A moment of a ticket's life at which measures start or stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Moment {
    /// The ticket is created.
    Created,
    /// An agent takes the ticket from a waiting line.
    Taken,
    /// The triage work ends: the resolution stage starts.
    TriageDone,
    /// The customer answers while the ticket is pending.
    CustomerReplied,
    /// The last work session ends.
    Resolved,
}

/// The number of [`Moment`]s.
const MOMENTS: usize = 5;
const _: () = assert!(Moment::Resolved as usize + 1 == MOMENTS);

/// Per moment, the measures (indices) that start or stop then.
fn measures_at_moments(measures: &[Measure]) -> [Vec<usize>; MOMENTS] {
    let mut at: [Vec<usize>; MOMENTS] = Default::default();
    for (i, measure) in measures.iter().enumerate() {
        at[measure.starts as usize].push(i);
        if measure.stops != measure.starts {
            at[measure.stops as usize].push(i);
        }
    }
    for list in &mut at {
        list.sort_unstable();
    }
    at
}

/// The measures whose deadlines order a ticket under earliest-deadline
/// dispatch, found once per class.
#[derive(Debug, Clone, Default)]
struct UrgentMeasures {
    /// The first measure of urgency `Triage`, then of `Resolution`.
    stage: [Option<usize>; 2],
    /// The measures of urgency `WhileRunning`, in order.
    while_running: Vec<usize>,
}

impl UrgentMeasures {
    fn of(measures: &[Measure]) -> Self {
        let first = |u: Urgency| measures.iter().position(|m| m.urgency == u);
        UrgentMeasures {
            stage: [first(Urgency::Triage), first(Urgency::Resolution)],
            while_running: (0..measures.len())
                .filter(|&i| measures[i].urgency == Urgency::WhileRunning)
                .collect(),
        }
    }
}

/// Where a measure's outcomes are counted.
#[derive(Debug, Clone, Copy)]
enum Tally {
    /// An objective (index into `CompiledModel::objectives`): per month,
    /// over the window and in the breach heat-map.
    Objective(usize),
    /// An OLA (index into `CompiledModel::olas`): over the window.
    Ola(usize),
    /// The internal (stricter) time of an objective (index into
    /// `CompiledModel::objectives`): over the window.
    Internal(usize),
}

/// What a measure's deadline means to earliest-deadline dispatch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Urgency {
    /// Nothing.
    None,
    /// It orders the ticket while it waits for triage.
    Triage,
    /// It orders the ticket while it waits in the resolution stage.
    Resolution,
    /// While it runs, it orders the ticket when it falls due before the
    /// stage's deadline.
    WhileRunning,
}

impl Measure {
    /// How the engine measures an objective on `metric`: when its clock
    /// starts and stops, and what its deadline means to dispatch; `None`
    /// for a metric the engine does not simulate.
    fn of_metric(
        metric: Metric,
        objective: usize,
        clock: usize,
        allowance: Allowance,
        pause_when_pending: bool,
    ) -> Option<Measure> {
        let (starts, stops, repeats, urgency) = match metric {
            Metric::FirstResponse => (Moment::Created, Moment::Taken, false, Urgency::Triage),
            Metric::NextResponse => (
                Moment::CustomerReplied,
                Moment::Taken,
                true,
                Urgency::WhileRunning,
            ),
            Metric::Resolution => (
                Moment::Created,
                Moment::Resolved,
                false,
                Urgency::Resolution,
            ),
            Metric::PeriodicUpdate => return None,
        };
        Some(Measure {
            tally: Tally::Objective(objective),
            clock,
            allowance,
            pause: pause_when_pending && metric == Metric::Resolution,
            starts,
            stops,
            repeats,
            urgency,
        })
    }

    /// An OLA on the triage stage (it stops when the triage work ends) or
    /// on the resolution stage (it stops at resolution), from creation or
    /// from the start of its stage; pending time never counts.
    fn of_ola(
        ola: usize,
        clock: usize,
        allowance: Allowance,
        triage: bool,
        from_creation: bool,
    ) -> Measure {
        Measure {
            tally: Tally::Ola(ola),
            clock,
            allowance,
            pause: true,
            starts: if triage || from_creation {
                Moment::Created
            } else {
                Moment::TriageDone
            },
            stops: if triage {
                Moment::TriageDone
            } else {
                Moment::Resolved
            },
            repeats: false,
            urgency: Urgency::None,
        }
    }
}

/// Where a ticket stands with one measure of its class.
#[derive(Debug, Clone, Copy, PartialEq)]
struct MeasureState {
    phase: Phase,
    /// The clock's level when the measure started.
    from: f64,
    /// The ticket's pending time on that clock by then.
    paused_from: f64,
    /// The clock time the target allows from then (a business-day target
    /// depends on when its clock starts).
    allowance: f64,
    /// When it started, in simulation seconds (for its calendar time).
    started: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    NotStarted,
    Running,
    Stopped,
}

impl MeasureState {
    const NOT_STARTED: MeasureState = MeasureState {
        phase: Phase::NotStarted,
        from: 0.0,
        paused_from: 0.0,
        allowance: 0.0,
        started: 0.0,
    };
}

#[derive(Debug, Clone)]
struct Objective {
    member: usize,
    plan: String,
    priority: String,
    channel: Option<String>,
    metric: Metric,
    within: String,
    objective: Option<crate::model::Percent>,
    /// The internal time, when the target has one.
    internal: Option<String>,
}

#[derive(Debug, Clone)]
struct OlaModel {
    member: usize,
    id: String,
    team: String,
    stage: String,
    within: String,
}

#[derive(Debug, Clone)]
struct Work {
    first_response: Sampler,
    first_response_mean: f64,
    resolution: Sampler,
    resolution_mean: f64,
    escalated: f64,
    back_and_forths: f64,
    pending: Option<Sampler>,
    reopen: f64,
}

#[derive(Debug, Clone)]
struct TeamModel {
    name: String,
    agent_hours_per_week: f64,
    /// The same net of shrinkage: the hours the team's agents are there.
    present_agent_hours_per_week: f64,
    concurrency: f64,
}

#[derive(Debug, Clone, Copy)]
struct ShiftEvent {
    time: f64,
    team: u32,
    /// Agents on the shift before shrinkage.
    headcount: u32,
    /// The share of the headcount present.
    present: f64,
    /// The index of the shift's start event, for an end event.
    start_of: Option<u32>,
}

/// The expected load offered to one team, per hour of the week.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamLoad {
    /// The team's name.
    pub team: String,
    /// Agent-hours of work arriving per hour (Erlangs), Monday 00:00–01:00
    /// first, before growth and seasonality: arrivals per hour × the mean
    /// handle time of the work the team does on them.
    pub erlangs: Vec<f64>,
    /// Work sessions arriving per hour (tickets taken for triage or
    /// resolution), Monday 00:00–01:00 first: `erlangs / sessions` is the
    /// mean session in hours.
    pub sessions: Vec<f64>,
    /// The tightest first-response target of the tickets the team triages
    /// (a fixed allowance on its clock, in seconds) and its objective as a
    /// fraction: what an Erlang C estimate of the team should aim at.
    pub first_response: Option<(f64, f64)>,
}

fn invalid(path: impl Into<String>, problem: impl Into<String>) -> SimError {
    SimError::InvalidParameter {
        path: path.into(),
        problem: problem.into(),
    }
}

fn local_to_utc(tz: &Tz, local: NaiveDateTime) -> DateTime<Utc> {
    // A time skipped by a spring-forward is taken an hour later, a repeated
    // one at its first occurrence.
    match tz.from_local_datetime(&local).earliest() {
        Some(t) => t.with_timezone(&Utc),
        None => tz
            .from_local_datetime(&(local + chrono::Duration::hours(1)))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(|| local.and_utc()),
    }
}

/// Compiles a scenario for the engine.
pub fn compile(scenario: &Scenario) -> Result<CompiledModel, SimError> {
    scenario
        .validate()
        .map_err(|(path, problem)| invalid(path, problem))?;
    compile_members(&Members {
        shared: scenario,
        views: std::slice::from_ref(scenario),
        ids: None,
        tiers: &[0],
    })
}

/// The agreements one model simulates and what they share (issue 16): an
/// ordinary scenario is one member sharing everything with itself; a
/// portfolio's members are its agreements' scenarios seen with the
/// portfolio's period and teams ([`super::portfolio`]).
pub(crate) struct Members<'a> {
    /// The name, period, zone, staffing and dispatch policy.
    pub shared: &'a Scenario,
    /// Each member's scenario: its agreement, workload, work, escalation
    /// and patience, with the shared period, and the shared teams as
    /// they serve it (`agreement_team` the member's agreement team they
    /// act as; a team that does not serve it works no stage of it).
    pub views: &'a [Scenario],
    /// The members' identifiers, for a portfolio.
    pub ids: Option<&'a [String]>,
    /// Each member's tier: 0 first; all 0 when pooled.
    pub tiers: &'a [u32],
}

/// The dispatch rank that separates two tiers of a portfolio's
/// precedence: above every priority rank and the raised tier.
const PRECEDENCE_TIER: u32 = 1 << 21;

/// The most members a portfolio may have (tiers fit a dispatch rank).
pub const MAX_MEMBERS: usize = 1000;

/// Compiles the members of a model over their shared teams: each
/// member's classes, objectives, OLAs, abandonment rows and escalation
/// levels follow the previous member's, keyed by the member.
pub(crate) fn compile_members(members: &Members<'_>) -> Result<CompiledModel, SimError> {
    let shared = members.shared;
    let tz = shared.time_zone;
    let origin = local_to_utc(&tz, shared.start.0);
    let warm = shared.warm_up.as_seconds() as f64;
    let end = warm + shared.horizon.as_seconds() as f64;
    let stop = end + DRAIN;
    let prefix = |k: usize| -> Box<dyn Fn(SimError) -> SimError> {
        match members.ids {
            None => Box::new(|e| e),
            Some(_) => Box::new(move |e| match e {
                SimError::InvalidParameter { path, problem } => SimError::InvalidParameter {
                    path: format!("members[{k}].{path}"),
                    problem,
                },
                other => other,
            }),
        }
    };
    let per_member: Vec<(Vec<f64>, Vec<u8>)> = members
        .views
        .iter()
        .map(|v| arrival_rates(v, origin, stop))
        .collect();
    let mut rates = per_member[0].0.clone();
    let hour_of_week = per_member[0].1.clone();
    let mut member_cumulative = Vec::new();
    if per_member.len() > 1 {
        for (r, _) in &per_member[1..] {
            for (total, x) in rates.iter_mut().zip(r) {
                *total += x;
            }
        }
        member_cumulative.reserve(rates.len() * per_member.len());
        for (h, &total) in rates.iter().enumerate() {
            let mut sum = 0.0;
            for (r, _) in &per_member {
                sum += r[h];
                member_cumulative.push(if total > 0.0 { sum / total } else { 1.0 });
            }
        }
    }
    let month_zone = month_zone(&members.views[0]);
    let (month_starts, months) = months_of(origin, warm, end, &month_zone);
    let (teams, shift_events) = compile_teams(shared, origin, stop)?;
    // Clocks, one per calendar used, over the whole simulated range.
    let mut clocks = ClockBook::new(origin, SimDuration::from_seconds(stop + 86_400.0));
    let mut classes = CompiledClasses {
        classes: Vec::new(),
        cumulative: Vec::new(),
        objectives: Vec::new(),
        olas: Vec::new(),
        objective_keys: Vec::new(),
    };
    let mut works = Vec::new();
    let mut abandonment = Vec::new();
    let mut escalation = Vec::new();
    let mut member_models = Vec::new();
    for (k, view) in members.views.iter().enumerate() {
        let at = prefix(k);
        let first = classes.classes.len();
        let work_base = works.len();
        works.extend(compile_works(view).map_err(&at)?);
        clocks.member = k;
        compile_classes(view, &mut clocks, &mut classes, k).map_err(&at)?;
        let own = &mut classes.classes[first..];
        for c in own.iter_mut() {
            c.work += work_base;
            c.tier = members.tiers[k] * PRECEDENCE_TIER;
        }
        let row_base = abandonment.len();
        for mut row in compile_patience(view, own).map_err(&at)? {
            row.member = k;
            abandonment.push(row);
        }
        for c in own.iter_mut() {
            if let Some(p) = &mut c.patience {
                p.row += row_base;
            }
        }
        let level_base = escalation.len();
        let levels = compile_escalation(view, own).map_err(&at)?;
        if level_base + levels.len() > MAX_LEVELS {
            return Err(at(invalid(
                "escalation.levels",
                format!("at most {MAX_LEVELS} levels can have an effect in all"),
            )));
        }
        for c in own.iter_mut() {
            // Within the bound checked above; a member without levels
            // after 32 others has none to shift.
            c.levels = c.levels.checked_shl(level_base as u32).unwrap_or(0);
        }
        escalation.extend(levels.into_iter().map(|l| LevelModel { member: k, ..l }));
        member_models.push(MemberModel {
            id: members.ids.map(|ids| ids[k].clone()),
            weekly_tickets: view.tickets_per_week(),
            weights: view.hour_of_week_weights(),
            first,
            end: classes.classes.len(),
        });
    }
    let measures_per_ticket = classes
        .classes
        .iter()
        .map(|c| c.measures.len())
        .max()
        .unwrap_or(0);
    Ok(CompiledModel {
        name: shared.name.clone(),
        origin,
        warm,
        end,
        stop,
        rates,
        hour_of_week,
        month_starts,
        months,
        month_zone,
        cumulative: classes.cumulative,
        members: member_models,
        member_cumulative,
        tiers: members.tiers.iter().any(|&t| t > 0),
        works,
        teams,
        shift_events,
        clocks: clocks.clocks,
        calendars: clocks.calendars,
        objectives: classes.objectives,
        olas: classes.olas,
        dispatch: shared.dispatch,
        open_ticket_cap: MAX_OPEN_TICKETS,
        measures_per_ticket,
        abandonment,
        raises: escalation.iter().any(|l| l.raise),
        updates: classes.classes.iter().any(|c| c.update.is_some()),
        escalation,
        classes: classes.classes,
    })
}

/// Gives each kind of ticket on a live channel with a patience in the
/// scenario its customers' patience and the agreement's rule for
/// abandoned contacts; returns the rows abandonments are counted in, one
/// per plan × priority × channel (kinds of the mix that repeat one share
/// it).
fn compile_patience(
    scenario: &Scenario,
    classes: &mut [Class],
) -> Result<Vec<AbandonmentRow>, SimError> {
    let mut rows: Vec<AbandonmentRow> = Vec::new();
    for (mi, (m, class)) in scenario.workload.mix.iter().zip(classes).enumerate() {
        let Some(spec) = scenario.patience_of(m.channel.as_deref()) else {
            continue;
        };
        let Some(channel) = scenario
            .agreement
            .channels
            .iter()
            .find(|c| Some(c.id.as_str()) == m.channel.as_deref())
        else {
            continue;
        };
        let at = scenario
            .workload
            .patience
            .iter()
            .position(|p| p.channel == channel.id)
            .unwrap_or(0);
        let sampler = spec
            .distribution()
            .sampler(&format!("workload.patience[{at}].patience"))
            .map_err(|e| match e {
                SimError::InvalidParameter { path, problem } => {
                    invalid(path, format!("{problem} (for workload.mix[{mi}])"))
                }
                other => other,
            })?;
        let row = AbandonmentRow {
            member: 0,
            plan: m.plan.clone(),
            priority: m.priority.clone(),
            channel: channel.id.clone(),
        };
        let index = match rows.iter().position(|r| *r == row) {
            Some(i) => i,
            None => {
                rows.push(row);
                rows.len() - 1
            }
        };
        class.patience = Some(Patience {
            sampler,
            breach: channel.abandoned_rule() == crate::model::AbandonedContacts::Breach,
            row: index,
        });
    }
    Ok(rows)
}

/// The levels the scenario gives an effect (issue 16), in the agreement's
/// order with the warning first, and the levels of each kind of ticket.
fn compile_escalation(
    scenario: &Scenario,
    classes: &mut [Class],
) -> Result<Vec<LevelModel>, SimError> {
    let (Some(effects), Some(agreement_levels)) =
        (&scenario.escalation, &scenario.agreement.escalation)
    else {
        return Ok(Vec::new());
    };
    let team = |name: &Option<String>, path: &str| -> Result<Option<usize>, SimError> {
        name.as_ref()
            .map(|n| {
                scenario
                    .staffing
                    .teams
                    .iter()
                    .position(|t| &t.name == n)
                    .ok_or_else(|| invalid(path, format!("the staffing has no team `{n}`")))
            })
            .transpose()
    };
    let seconds = |d: crate::model::Duration| d.as_seconds() as f64;
    // (the agreement's order, the level, the priorities it applies to)
    let mut levels: Vec<(usize, LevelModel, Vec<String>)> = Vec::new();
    if let (Some(effect), Some(share)) = (&effects.warn_at, agreement_levels.warn_at) {
        levels.push((
            0,
            LevelModel {
                member: 0,
                label: "warn_at".into(),
                to: String::new(),
                when: LevelWhen::Share(share.fraction()),
                raise: effect.raise_priority,
                move_to: team(&effect.move_to, "escalation.warn_at.move_to")?,
                on_call: effect.on_call.as_ref().map(|o| seconds(o.after)),
            },
            Vec::new(),
        ));
    }
    for (i, l) in effects.levels.iter().enumerate() {
        let path = format!("escalation.levels[{i}]");
        let index = scenario
            .escalation_level(&l.level)
            .map_err(|problem| invalid(format!("{path}.level"), problem))?;
        let level = &agreement_levels.levels[index];
        levels.push((
            index + 1,
            LevelModel {
                member: 0,
                label: format!("levels[{index}]"),
                // Results name the level as the agreement's own language
                // writes it, as a scenario refers to it.
                to: {
                    let own = scenario.agreement.meta.language;
                    level.to.get(own, own).to_string()
                },
                when: match level.when {
                    crate::model::EscalationWhen::Elapsed(p) => LevelWhen::Share(p.fraction()),
                    crate::model::EscalationWhen::AfterBreach(d) => {
                        LevelWhen::AfterBreach(seconds(d))
                    }
                },
                raise: l.raise_priority,
                move_to: team(&l.move_to, &format!("{path}.move_to"))?,
                on_call: l.on_call.as_ref().map(|o| seconds(o.after)),
            },
            level.priorities.clone(),
        ));
    }
    if levels.len() > MAX_LEVELS {
        return Err(invalid(
            "escalation.levels",
            format!("at most {MAX_LEVELS} levels can have an effect"),
        ));
    }
    levels.sort_by_key(|l| l.0);
    for (class, mix) in classes.iter_mut().zip(&scenario.workload.mix) {
        class.levels = levels
            .iter()
            .enumerate()
            .filter(|(_, (_, _, priorities))| {
                priorities.is_empty() || priorities.contains(&mix.priority)
            })
            .fold(0, |bits, (i, _)| bits | 1 << i);
    }
    Ok(levels.into_iter().map(|l| l.1).collect())
}

/// The arrival rate (per second) and the hour of the week (in the
/// scenario's zone) of each simulated hour up to `stop`: the weekly volume
/// × the hour-of-week weight × the month's seasonality and compounded
/// growth.
fn arrival_rates(scenario: &Scenario, origin: DateTime<Utc>, stop: f64) -> (Vec<f64>, Vec<u8>) {
    let tz = scenario.time_zone;
    let hours = (stop / 3600.0).ceil() as usize;
    let weights = scenario.hour_of_week_weights();
    let weekly = scenario.tickets_per_week();
    let growth = scenario
        .workload
        .growth_per_month
        .map_or(0.0, |g| g.fraction());
    let season = scenario
        .workload
        .seasonality
        .map(|s| s.as_array())
        .unwrap_or([1.0; 12]);
    let start_local = scenario.start.0;
    let start_month = start_local.year() * 12 + start_local.month0() as i32;
    let mut rates = Vec::with_capacity(hours);
    let mut hour_of_week = Vec::with_capacity(hours);
    for h in 0..hours {
        let local = (origin + chrono::Duration::seconds(h as i64 * 3600)).with_timezone(&tz);
        let how = local.weekday().num_days_from_monday() as usize * 24 + local.hour() as usize;
        let months_since = local.year() * 12 + local.month0() as i32 - start_month;
        let factor = season[local.month0() as usize] * (1.0 + growth).powi(months_since);
        rates.push(weekly * weights[how] * factor / 3600.0);
        hour_of_week.push(how as u8);
    }
    (rates, hour_of_week)
}

/// The zone months are reported in: the agreement's first plan's
/// calendar's (the scenario's zone when it has none).
fn month_zone(scenario: &Scenario) -> Tz {
    let agreement = &scenario.agreement;
    agreement
        .plans
        .first()
        .and_then(|p| agreement.calendar(&p.calendar))
        .and_then(|c| c.time_zone.parse().ok())
        .unwrap_or(scenario.time_zone)
}

/// The clocks targets count on, one per calendar used (the first counts
/// every hour), compiled as targets and OLAs ask for them.
struct ClockBook {
    origin: DateTime<Utc>,
    span: SimDuration,
    clocks: Vec<Clock>,
    /// The member whose agreement's calendars are asked for now: two
    /// agreements' calendars of the same name are two clocks.
    member: usize,
    /// The member and calendar of each clock (empty for the first).
    ids: Vec<(usize, String)>,
    /// The length of each clock's business day.
    day_lengths: Vec<f64>,
    calendars: Vec<Option<std::sync::Arc<BusinessCalendar>>>,
}

impl ClockBook {
    fn new(origin: DateTime<Utc>, span: SimDuration) -> ClockBook {
        ClockBook {
            origin,
            span,
            clocks: vec![Clock::Always],
            member: 0,
            ids: vec![(0, String::new())],
            day_lengths: vec![86_400.0],
            calendars: vec![None],
        }
    }

    /// The clock of `basis` on `calendar` (needed for business hours),
    /// compiled the first time it is asked for; `path` names the asker in
    /// errors.
    fn clock_of(
        &mut self,
        agreement: &crate::model::Agreement,
        basis: ClockBasis,
        calendar: Option<&str>,
        path: &str,
    ) -> Result<ClockUse, SimError> {
        if basis == ClockBasis::Calendar {
            return Ok(ClockUse {
                global: 0,
                day_length: 86_400.0,
                same_clock_time: false,
            });
        }
        let id =
            calendar.ok_or_else(|| invalid(path, "no calendar for this business-hours clock"))?;
        if let Some(i) = self
            .ids
            .iter()
            .position(|(m, c)| *m == self.member && c == id)
        {
            return Ok(self.use_of(i));
        }
        let cal = agreement
            .calendar(id)
            .ok_or_else(|| invalid(path, format!("the agreement has no calendar `{id}`")))?;
        let compiled = BusinessCalendar::compile(cal)
            .map_err(|e| invalid(format!("agreement calendar `{id}`"), e.to_string()))?;
        let clock = BusinessClock::new(&compiled, self.origin, self.span)
            .map_err(|e| invalid(format!("agreement calendar `{id}`"), e.to_string()))?;
        self.clocks.push(Clock::Business(Box::new(clock)));
        self.ids.push((self.member, id.to_owned()));
        self.day_lengths
            .push(compiled.business_day_length().as_seconds() as f64);
        self.calendars.push(Some(std::sync::Arc::new(compiled)));
        Ok(self.use_of(self.clocks.len() - 1))
    }

    fn use_of(&self, i: usize) -> ClockUse {
        ClockUse {
            global: i,
            day_length: self.day_lengths[i],
            same_clock_time: self.calendars[i].as_ref().is_some_and(|c| {
                c.business_day_rule() == crate::model::BusinessDayRule::SameClockTime
            }),
        }
    }
}

/// The handle times and the course of a ticket of each priority.
fn compile_works(scenario: &Scenario) -> Result<Vec<Work>, SimError> {
    let mut works = Vec::with_capacity(scenario.work.len());
    for (i, w) in scenario.work.iter().enumerate() {
        let path = format!("work[{i}]");
        let fr = w.first_response.distribution();
        let res = w.resolution.distribution();
        works.push(Work {
            first_response: fr.sampler(&format!("{path}.first_response"))?,
            first_response_mean: fr.mean().as_seconds(),
            resolution: res.sampler(&format!("{path}.resolution"))?,
            resolution_mean: res.mean().as_seconds(),
            escalated: w.escalated.map_or(0.0, |p| p.fraction()),
            back_and_forths: w.back_and_forths,
            pending: w
                .pending
                .as_ref()
                .map(|p| p.distribution().sampler(&format!("{path}.pending")))
                .transpose()?,
            reopen: w.reopen.map_or(0.0, |p| p.fraction()),
        });
    }
    Ok(works)
}

/// The teams and the starts and ends of their shifts up to `stop`, in
/// time order.
fn compile_teams(
    scenario: &Scenario,
    origin: DateTime<Utc>,
    stop: f64,
) -> Result<(Vec<TeamModel>, Vec<ShiftEvent>), SimError> {
    let tz = scenario.time_zone;
    let mut teams = Vec::new();
    let mut shift_events = Vec::new();
    let days = (
        scenario.start.0.date() - chrono::Duration::days(1),
        (origin + chrono::Duration::seconds(stop as i64))
            .with_timezone(&tz)
            .date_naive()
            + chrono::Duration::days(1),
    );
    for (ti, t) in scenario.staffing.teams.iter().enumerate() {
        let team_tz: Tz = match &t.time_zone {
            Some(z) => z.parse().map_err(|_| {
                invalid(
                    format!("staffing.teams[{ti}].time_zone"),
                    "not an IANA zone",
                )
            })?,
            None => tz,
        };
        let present = 1.0 - t.shrinkage.map_or(0.0, |s| s.fraction());
        teams.push(TeamModel {
            name: t.name.clone(),
            agent_hours_per_week: t.agent_hours_per_week(),
            present_agent_hours_per_week: t.agent_hours_per_week() * present,
            concurrency: f64::from(t.chat_concurrency.max(1)),
        });
        for s in &t.shifts {
            if s.headcount == 0 {
                continue;
            }
            let shift = ShiftEvent {
                time: 0.0,
                team: ti as u32,
                headcount: s.headcount,
                present,
                start_of: None,
            };
            push_shift_events(&mut shift_events, shift, s, &team_tz, origin, stop, days);
        }
    }
    Ok((teams, in_time_order(shift_events)))
}

/// Pushes the start and end of `shift` (`template` without its time) on
/// each of its days from `days.0` to `days.1`, in `team_tz`, for the shifts
/// that overlap the run `[0, stop)`.
fn push_shift_events(
    events: &mut Vec<ShiftEvent>,
    template: ShiftEvent,
    shift: &super::scenario::Shift,
    team_tz: &Tz,
    origin: DateTime<Utc>,
    stop: f64,
    (first_day, last_day): (NaiveDate, NaiveDate),
) {
    let mut day: NaiveDate = first_day;
    while day <= last_day {
        let weekday = day.weekday().num_days_from_monday();
        if shift.days.iter().any(|d| d.index() == weekday) {
            let start_local = day.and_time(chrono::NaiveTime::MIN)
                + chrono::Duration::minutes(i64::from(shift.hours.start.minutes()));
            let end_local =
                start_local + chrono::Duration::minutes(i64::from(shift.hours.length_minutes()));
            let a = (local_to_utc(team_tz, start_local) - origin).num_seconds() as f64;
            let b = (local_to_utc(team_tz, end_local) - origin).num_seconds() as f64;
            if b > 0.0 && a < stop && b > a {
                let idx = events.len() as u32;
                events.push(ShiftEvent {
                    time: a.max(0.0),
                    ..template
                });
                events.push(ShiftEvent {
                    time: b,
                    start_of: Some(idx),
                    ..template
                });
            }
        }
        day += chrono::Duration::days(1);
    }
}

/// Sorts shift events by time, ends before starts at the same instant (an
/// agent handing over to the next shift does not count twice), keeping the
/// start indices of end events valid by remapping them after the sort.
fn in_time_order(shift_events: Vec<ShiftEvent>) -> Vec<ShiftEvent> {
    let mut order: Vec<usize> = (0..shift_events.len()).collect();
    order.sort_by(|&x, &y| {
        let (a, b) = (&shift_events[x], &shift_events[y]);
        a.time
            .total_cmp(&b.time)
            .then_with(|| b.start_of.is_some().cmp(&a.start_of.is_some()))
            .then(x.cmp(&y))
    });
    let mut new_index = vec![0u32; shift_events.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new as u32;
    }
    order
        .iter()
        .map(|&old| {
            let mut e = shift_events[old];
            e.start_of = e.start_of.map(|s| new_index[s as usize]);
            e
        })
        .collect()
}

/// The kinds of tickets of a scenario and what is measured on them.
struct CompiledClasses {
    classes: Vec<Class>,
    /// Cumulative shares of the classes, for drawing one.
    cumulative: Vec<f64>,
    objectives: Vec<Objective>,
    olas: Vec<OlaModel>,
    /// The member, target row and metric of each objective.
    objective_keys: Vec<(usize, usize, Metric)>,
}

/// One kind of ticket per entry of the workload's mix: the teams that work
/// it, its dispatch rank and its measures (the objectives of its target
/// row, then the OLAs that apply).
fn compile_classes(
    scenario: &Scenario,
    clocks: &mut ClockBook,
    out: &mut CompiledClasses,
    member: usize,
) -> Result<(), SimError> {
    let agreement = &scenario.agreement;
    let first = out.classes.len();
    let mut total = 0.0;
    for (mi, m) in scenario.workload.mix.iter().enumerate() {
        let path = format!("workload.mix[{mi}]");
        let teams = class_teams(scenario, m, &path)?;
        let work = scenario
            .work
            .iter()
            .position(|w| w.priority == m.priority)
            .ok_or_else(|| invalid("work", "missing"))?;
        let priority_rank = agreement
            .priorities
            .iter()
            .position(|p| p.id == m.priority)
            .unwrap_or(0) as u32;
        let chat = m
            .channel
            .as_ref()
            .and_then(|c| agreement.channels.iter().find(|x| &x.id == c))
            .is_some_and(|c| c.kind == crate::model::ChannelKind::Chat);
        let mut class_clocks = ClassClocks {
            path: &path,
            clocks: Vec::new(),
        };
        let mut measures = Vec::new();
        let mut update = None;
        if let Some(row) = agreement.target_row(&m.plan, &m.priority, m.channel.as_deref()) {
            out.objective_measures(
                agreement,
                (member, row),
                clocks,
                &mut class_clocks,
                &mut measures,
            )?;
            if let Some(cost) = scenario.work[work].update {
                update = out.update_plan(
                    agreement,
                    (member, row),
                    clocks,
                    &mut class_clocks,
                    cost.as_seconds() as f64,
                )?;
            }
        }
        out.ola_measures(
            (scenario, member),
            m,
            teams,
            clocks,
            &mut class_clocks,
            &mut measures,
        )?;
        total += m.share.fraction();
        out.cumulative.push(total);
        out.classes.push(Class {
            tier: 0,
            priority_rank,
            work,
            chat,
            triage_team: teams.triage,
            own_team: teams.own,
            escalation_team: teams.escalation,
            clocks: class_clocks.clocks,
            at_moment: measures_at_moments(&measures),
            urgent: UrgentMeasures::of(&measures),
            measures,
            patience: None,
            levels: 0,
            update,
        });
    }
    if total <= 0.0 {
        return Err(invalid(
            "workload.mix",
            "at least one kind of ticket needs a positive share",
        ));
    }
    for c in &mut out.cumulative[first..] {
        *c /= total;
    }
    Ok(())
}

/// The teams that work a kind of ticket.
#[derive(Debug, Clone, Copy)]
struct ClassTeams {
    /// The first team that works the `triage` stage for its plan and
    /// priority, else the first that works `resolution`.
    triage: usize,
    /// The team that resolves it when it is not escalated: the triage team
    /// when it works `resolution`, else the first that does.
    own: usize,
    /// The team that resolves it when it is escalated: the first other team
    /// that works `resolution`.
    escalation: usize,
}

fn class_teams(
    scenario: &Scenario,
    m: &super::scenario::MixEntry,
    path: &str,
) -> Result<ClassTeams, SimError> {
    let channel = m.channel.as_deref();
    let team_for = |stage: Stage, not: Option<usize>| {
        scenario
            .staffing
            .teams
            .iter()
            .enumerate()
            .position(|(i, t)| {
                Some(i) != not && t.works(stage, &m.plan, &m.priority) && t.takes_channel(channel)
            })
    };
    let triage = team_for(Stage::Triage, None)
        .or_else(|| team_for(Stage::Resolution, None))
        .ok_or_else(|| invalid(path, "no team works these tickets"))?;
    let triage_team = &scenario.staffing.teams[triage];
    let own = if triage_team.works(Stage::Resolution, &m.plan, &m.priority)
        && triage_team.takes_channel(channel)
    {
        triage
    } else {
        team_for(Stage::Resolution, None).unwrap_or(triage)
    };
    let escalation = team_for(Stage::Resolution, Some(triage)).unwrap_or(own);
    Ok(ClassTeams {
        triage,
        own,
        escalation,
    })
}

/// The clocks one kind of ticket is measured on, at most [`MAX_CLOCKS`].
struct ClassClocks<'p> {
    /// The kind's place in the scenario, for the error.
    path: &'p str,
    /// Indices into `CompiledModel::clocks`.
    clocks: Vec<usize>,
}

impl ClassClocks<'_> {
    /// The class's index of the clock `global`, added when new.
    fn local(&mut self, global: usize) -> Result<usize, SimError> {
        if let Some(i) = self.clocks.iter().position(|&c| c == global) {
            return Ok(i);
        }
        if self.clocks.len() == MAX_CLOCKS {
            return Err(invalid(
                self.path,
                format!("at most {MAX_CLOCKS} calendars can measure one kind of ticket"),
            ));
        }
        self.clocks.push(global);
        Ok(self.clocks.len() - 1)
    }
}

impl CompiledClasses {
    /// The measures of target row `row`: one per metric the engine
    /// simulates, each on its objective (shared by the kinds of tickets
    /// the row serves).
    fn objective_measures(
        &mut self,
        agreement: &crate::model::Agreement,
        (member, row): (usize, usize),
        clocks: &mut ClockBook,
        class_clocks: &mut ClassClocks<'_>,
        measures: &mut Vec<Measure>,
    ) -> Result<(), SimError> {
        let target = &agreement.targets[row];
        let plan_calendar = agreement.plan(&target.plan).map(|p| p.calendar.clone());
        for metric in [
            Metric::FirstResponse,
            Metric::NextResponse,
            Metric::Resolution,
        ] {
            let Some(mt) = target.metric(metric) else {
                continue;
            };
            let basis = mt.hours.unwrap_or(target.hours);
            let cal = target.calendar.clone().or(plan_calendar.clone());
            let clock =
                clocks.clock_of(agreement, basis, cal.as_deref(), &format!("targets[{row}]"))?;
            let key = (member, row, metric);
            let objective = match self.objective_keys.iter().position(|k| *k == key) {
                Some(i) => i,
                None => {
                    self.objective_keys.push(key);
                    self.objectives.push(Objective {
                        member,
                        plan: target.plan.clone(),
                        priority: target.priority.clone(),
                        channel: target.channel.clone(),
                        metric,
                        within: mt.within.to_string(),
                        objective: Some(mt.objective.unwrap_or(target.objective)),
                        internal: mt.internal.map(|t| t.to_string()),
                    });
                    self.objectives.len() - 1
                }
            };
            let local = class_clocks.local(clock.global)?;
            measures.extend(Measure::of_metric(
                metric,
                objective,
                local,
                clock.allowance(mt.within),
                target.pause_when_pending,
            ));
            // The internal time is measured the same way and only counted:
            // it does not order the queues.
            if let Some(internal) = mt.internal {
                measures.extend(
                    Measure::of_metric(
                        metric,
                        objective,
                        local,
                        clock.allowance(internal),
                        target.pause_when_pending,
                    )
                    .map(|m| Measure {
                        tally: Tally::Internal(objective),
                        urgency: Urgency::None,
                        ..m
                    }),
                );
            }
        }
        Ok(())
    }

    /// The periodic updates of target row `row` (issue 16), sent at `cost`
    /// seconds of agent time each: `None` when the row has none. Their
    /// objective is counted like the others (per month, for credits);
    /// their internal time, if any, is not measured.
    fn update_plan(
        &mut self,
        agreement: &crate::model::Agreement,
        (member, row): (usize, usize),
        clocks: &mut ClockBook,
        class_clocks: &mut ClassClocks<'_>,
        cost: f64,
    ) -> Result<Option<UpdatePlan>, SimError> {
        let target = &agreement.targets[row];
        let Some(mt) = target.metric(Metric::PeriodicUpdate) else {
            return Ok(None);
        };
        let plan_calendar = agreement.plan(&target.plan).map(|p| p.calendar.clone());
        let basis = mt.hours.unwrap_or(target.hours);
        let cal = target.calendar.clone().or(plan_calendar);
        let clock =
            clocks.clock_of(agreement, basis, cal.as_deref(), &format!("targets[{row}]"))?;
        let key = (member, row, Metric::PeriodicUpdate);
        let objective = match self.objective_keys.iter().position(|k| *k == key) {
            Some(i) => i,
            None => {
                self.objective_keys.push(key);
                self.objectives.push(Objective {
                    member,
                    plan: target.plan.clone(),
                    priority: target.priority.clone(),
                    channel: target.channel.clone(),
                    metric: Metric::PeriodicUpdate,
                    within: mt.within.to_string(),
                    objective: Some(mt.objective.unwrap_or(target.objective)),
                    internal: None,
                });
                self.objectives.len() - 1
            }
        };
        Ok(Some(UpdatePlan {
            objective,
            clock: class_clocks.local(clock.global)?,
            interval: clock.allowance(mt.within),
            cost,
        }))
    }

    /// The measures of the OLAs that apply to a kind of ticket: those
    /// serving its priority (and plan) whose team is the agreement team of
    /// the scenario team that triages it (measured on triage) or resolves
    /// it (measured on resolution).
    fn ola_measures(
        &mut self,
        (scenario, member): (&Scenario, usize),
        m: &super::scenario::MixEntry,
        teams: ClassTeams,
        clocks: &mut ClockBook,
        class_clocks: &mut ClassClocks<'_>,
        measures: &mut Vec<Measure>,
    ) -> Result<(), SimError> {
        let agreement = &scenario.agreement;
        for (oi, ola) in agreement.olas.iter().enumerate() {
            if ola.serves.priority != m.priority
                || ola.serves.plan.as_ref().is_some_and(|p| *p != m.plan)
            {
                continue;
            }
            let maps = |team: usize| {
                scenario.staffing.teams[team].agreement_team.as_deref() == Some(ola.team.as_str())
            };
            let triage = if maps(teams.triage) {
                true
            } else if maps(teams.escalation) || maps(teams.own) {
                false
            } else {
                continue;
            };
            let cal = ola
                .calendar
                .clone()
                .or_else(|| agreement.plan(&m.plan).map(|p| p.calendar.clone()));
            let clock =
                clocks.clock_of(agreement, ola.hours, cal.as_deref(), &format!("olas[{oi}]"))?;
            let index = match self
                .olas
                .iter()
                .position(|o| o.member == member && o.id == ola.id)
            {
                Some(i) => i,
                None => {
                    self.olas.push(OlaModel {
                        member,
                        id: ola.id.clone(),
                        team: ola.team.clone(),
                        // Results name the stage as the agreement's own
                        // language writes it.
                        stage: agreement.own(&ola.stage).to_string(),
                        within: ola.within.to_string(),
                    });
                    self.olas.len() - 1
                }
            };
            measures.push(Measure::of_ola(
                index,
                class_clocks.local(clock.global)?,
                clock.allowance(ola.within),
                triage,
                ola.starts_on == OlaStart::Creation,
            ));
        }
        Ok(())
    }
}

/// The work a scenario offers its teams set against the agent-hours they
/// are staffed for, in a week (before growth and seasonality).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WorkloadBalance {
    /// Agent-hours of work arriving per week: tickets × the mean handle
    /// time of each stage, as [`CompiledModel::offered_load`] counts them.
    pub needed_agent_hours: f64,
    /// Paid agent-hours per week over all teams, net of shrinkage.
    pub staffed_agent_hours: f64,
}

impl WorkloadBalance {
    /// How many times the staffed capacity the work needs (infinite when
    /// nobody is staffed and there is work).
    pub fn factor(&self) -> f64 {
        if self.needed_agent_hours <= 0.0 {
            0.0
        } else {
            self.needed_agent_hours / self.staffed_agent_hours
        }
    }
}

impl fmt::Display for WorkloadBalance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the workload needs {} agent-hours a week; the teams are staffed for {} (after shrinkage)",
            grouped(self.needed_agent_hours),
            grouped(self.staffed_agent_hours)
        )?;
        let factor = self.factor();
        if factor.is_finite() {
            let shown = if factor < 100.0 {
                format!("{factor:.1}")
            } else {
                grouped(factor)
            };
            write!(f, ": {shown}× their capacity")
        } else {
            f.write_str(": nobody is there to work the tickets")
        }
    }
}

/// A whole number with a comma between groups of three digits.
fn grouped(x: f64) -> String {
    crate::model::group_thousands(&format!("{:.0}", x.max(0.0)), ",")
}

/// A warm-up shorter than the load needs: the desk, taken as one queue
/// over the week (its mean agents on duty, its mean work session, its
/// weekly arrivals of work), takes about `relaxation` to forget that it
/// started empty, and the run discards only `given`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShortWarmUp {
    /// The scenario's warm-up, in seconds.
    pub given: f64,
    /// The relaxation time of the load, in seconds.
    pub relaxation: f64,
}

impl fmt::Display for ShortWarmUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = |s: f64| s / 86_400.0;
        write!(
            f,
            "the warm-up ({:.1} days) is short for this load: the desk takes about {:.1} days to forget that it started empty, so the first measured weeks read better than they are; a warm-up of {:.0} days (five times that) would not",
            days(self.given),
            days(self.relaxation),
            days(self.relaxation * crate::sim::steady::WarmUp::RELAXATIONS).ceil()
        )
    }
}

/// Sets the scenario's warm-up against the relaxation time of its load
/// (the heavy-traffic rule of [`super::erlang::relaxation_time`] on the
/// week taken as one queue): `Some` when the warm-up is shorter than five
/// relaxation times. A load at or beyond the capacity is
/// [`check_workload`]'s to report.
pub fn check_warm_up(scenario: &Scenario, model: &CompiledModel) -> Option<ShortWarmUp> {
    let loads = model.offered_load();
    let work: f64 = loads.iter().flat_map(|l| l.erlangs.iter()).sum();
    let sessions: f64 = loads.iter().flat_map(|l| l.sessions.iter()).sum();
    let staffed = model.workload_balance().staffed_agent_hours;
    if work <= 0.0 || sessions <= 0.0 || staffed <= 0.0 {
        return None;
    }
    let agents = (staffed / 168.0).round().max(1.0);
    let traffic = super::erlang::Traffic {
        arrivals_per_hour: sessions / 168.0,
        mean_handle_time: SimDuration::from_hours(work / sessions),
        mean_patience: None,
    };
    let relaxation = super::erlang::relaxation_time(&traffic, agents as u32)?.as_seconds();
    let given = scenario.warm_up.as_seconds() as f64;
    (given < crate::sim::steady::WarmUp::RELAXATIONS * relaxation)
        .then_some(ShortWarmUp { given, relaxation })
}

/// Sets the work of `scenario` against its staffing before a run: `Err`
/// when it exceeds [`MAX_OVERLOAD`] times the capacity (no simulation
/// could say anything about it), `Ok(Some(_))` when it exceeds the
/// capacity (the run is possible, the backlog will grow: worth a warning),
/// `Ok(None)` otherwise. The error is placed at the ticket volume in the
/// scenario's file.
///
/// Sizing does not call it: it starts from its own headcounts, not the
/// scenario's.
pub fn check_workload(
    scenario: &Scenario,
    model: &CompiledModel,
) -> Result<Option<WorkloadBalance>, ScenarioError> {
    let balance = model.workload_balance();
    let factor = balance.factor();
    if factor > MAX_OVERLOAD {
        let field = if scenario.workload.tickets_per_week.is_some() {
            "workload.tickets_per_week"
        } else {
            "workload.tickets_per_month"
        };
        return Err(scenario.problem(
            field,
            format!(
                "{balance}; Pledge simulates up to {MAX_OVERLOAD}× the capacity: check the volume and its unit, or the headcounts"
            ),
        ));
    }
    Ok((factor > 1.0).then_some(balance))
}

/// The months the measured window `[warm, end)` reports: the whole months
/// inside it, or, when there is none, every month it touches.
fn months_of(origin: DateTime<Utc>, warm: f64, end: f64, tz: &Tz) -> (Vec<f64>, Vec<MonthInfo>) {
    let at = |s: f64| origin + chrono::Duration::seconds(s as i64);
    let first = at(warm).with_timezone(tz);
    let mut y = first.year();
    let mut m = first.month();
    let month_start = |y: i32, m: u32| -> f64 {
        let local = NaiveDate::from_ymd_opt(y, m, 1)
            .unwrap_or_default()
            .and_time(chrono::NaiveTime::MIN);
        (local_to_utc(tz, local) - origin).num_seconds() as f64
    };
    let mut touched = Vec::new();
    loop {
        let s = month_start(y, m);
        if s >= end {
            break;
        }
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        let e = month_start(ny, nm);
        touched.push((s, e, format!("{y:04}-{m:02}")));
        (y, m) = (ny, nm);
    }
    let complete: Vec<&(f64, f64, String)> = touched
        .iter()
        .filter(|(s, e, _)| *s >= warm && *e <= end)
        .collect();
    let (chosen, whole): (Vec<&(f64, f64, String)>, bool) = if complete.is_empty() {
        (touched.iter().collect(), false)
    } else {
        (complete, true)
    };
    let mut starts: Vec<f64> = chosen.iter().map(|(s, _, _)| s.max(warm)).collect();
    starts.push(chosen.last().map_or(end, |(_, e, _)| e.min(end)));
    let infos = chosen
        .iter()
        .map(|(_, _, label)| MonthInfo {
            label: label.clone(),
            complete: whole,
        })
        .collect();
    (starts, infos)
}

impl CompiledModel {
    /// The business time `allowance` gives a clock that starts at `start`.
    fn allowance(&self, allowance: Allowance, start: f64) -> f64 {
        self.allowance_at(allowance, start, None, &mut Anchors::default())
    }

    /// The business time `allowance` gives a clock that starts at `start`,
    /// the day anchors of the clocks starting at `start` kept in `anchors`
    /// for the other targets starting with it. `known` is a global clock
    /// whose level at `start` the caller knows already, and that level.
    #[inline]
    fn allowance_at(
        &self,
        allowance: Allowance,
        start: f64,
        known: Option<(usize, f64)>,
        anchors: &mut Anchors,
    ) -> f64 {
        let (days, index) = match allowance {
            Allowance::Fixed(seconds) => return seconds,
            Allowance::Days { days, clock } => (days, clock),
        };
        let Clock::Business(clock) = &self.clocks[index] else {
            return f64::from(days) * 86_400.0;
        };
        if days == 0 {
            return 0.0;
        }
        let found = anchors
            .of(index, || match known {
                Some((c, level)) if c == index => clock.day_anchor_at_level(start, level),
                _ => clock.day_anchor(start),
            })
            .and_then(|anchor| clock.days_after(&anchor, days));
        if let Some(seconds) = found {
            return seconds;
        }
        // Past the clock's table (a deadline after the end of the run): the
        // calendar itself; beyond its years, never due within the run.
        let whole = start.floor();
        let at = self.origin + chrono::Duration::seconds(whole as i64);
        match self.calendars[index]
            .as_deref()
            .map(|c| crate::clock::business_days_duration(c, at, i64::from(days)))
        {
            Some(Ok(d)) => d.as_seconds() as f64 - (clock.level(start) - clock.level(whole)),
            _ => f64::INFINITY,
        }
    }

    /// The expected work offered to each team per hour of the week, for
    /// Erlang estimates.
    pub fn offered_load(&self) -> Vec<TeamLoad> {
        let mut loads: Vec<TeamLoad> = self
            .teams
            .iter()
            .map(|t| TeamLoad {
                team: t.name.clone(),
                erlangs: vec![0.0; 168],
                sessions: vec![0.0; 168],
                first_response: None,
            })
            .collect();
        let mut previous = 0.0;
        let mut member = 0;
        for (ci, (c, &cum)) in self.classes.iter().zip(&self.cumulative).enumerate() {
            while ci >= self.members[member].end {
                member += 1;
            }
            if ci == self.members[member].first {
                previous = 0.0;
            }
            let (weekly, weights) = (
                self.members[member].weekly_tickets,
                &self.members[member].weights,
            );
            let share = cum - previous;
            previous = cum;
            let w = &self.works[c.work];
            let sessions_hours = |team: usize, seconds: f64| {
                let conc = if c.chat {
                    self.teams[team].concurrency
                } else {
                    1.0
                };
                seconds / conc / 3600.0
            };
            if share > 0.0 {
                for m in &c.measures {
                    let (Tally::Objective(i), Allowance::Fixed(within)) = (m.tally, m.allowance)
                    else {
                        continue;
                    };
                    let o = &self.objectives[i];
                    if o.metric != Metric::FirstResponse {
                        continue;
                    }
                    let goal = o.objective.map_or(0.8, |p| p.fraction());
                    let tightest = &mut loads[c.triage_team].first_response;
                    if tightest.is_none_or(|(t, g)| within < t || (within == t && goal > g)) {
                        *tightest = Some((within, goal));
                    }
                }
            }
            for (h, weight) in weights.iter().enumerate() {
                let per_hour = weekly * weight * share;
                // A stage without work is no session an agent takes.
                let worked = |mean: f64| if mean > 0.0 { 1.0 } else { 0.0 };
                loads[c.triage_team].sessions[h] += per_hour * worked(w.first_response_mean);
                loads[c.own_team].sessions[h] +=
                    per_hour * (1.0 - w.escalated) * worked(w.resolution_mean);
                loads[c.escalation_team].sessions[h] +=
                    per_hour * w.escalated * worked(w.resolution_mean);
                loads[c.triage_team].erlangs[h] +=
                    per_hour * sessions_hours(c.triage_team, w.first_response_mean);
                loads[c.own_team].erlangs[h] +=
                    per_hour * (1.0 - w.escalated) * sessions_hours(c.own_team, w.resolution_mean);
                loads[c.escalation_team].erlangs[h] +=
                    per_hour * w.escalated * sessions_hours(c.escalation_team, w.resolution_mean);
            }
        }
        loads
    }

    /// The work offered in a week against the agent-hours staffed.
    pub fn workload_balance(&self) -> WorkloadBalance {
        WorkloadBalance {
            needed_agent_hours: self
                .offered_load()
                .iter()
                .flat_map(|t| t.erlangs.iter())
                .sum(),
            staffed_agent_hours: self
                .teams
                .iter()
                .map(|t| t.present_agent_hours_per_week)
                .sum(),
        }
    }

    /// Changes the most tickets a replication may hold open at once
    /// ([`MAX_OPEN_TICKETS`] by default), e.g. to exercise the bound.
    pub fn set_open_ticket_cap(&mut self, cap: u32) {
        self.open_ticket_cap = cap;
    }

    /// The names of the teams, in the scenario's order.
    pub fn team_names(&self) -> Vec<String> {
        self.teams.iter().map(|t| t.name.clone()).collect()
    }

    /// The instant simulation time 0 stands for.
    pub fn origin(&self) -> DateTime<Utc> {
        self.origin
    }
}

/// The raw measures of one replication.
#[derive(Debug, Clone, PartialEq)]
pub struct Replication {
    /// Tickets created in the measured window.
    pub tickets: u64,
    /// Per objective and reported month: `[objective][month]`.
    pub objectives: Vec<Vec<MonthCount>>,
    /// Per objective over the whole window.
    pub objective_totals: Vec<MonthCount>,
    /// Per OLA over the whole window.
    pub olas: Vec<MonthCount>,
    /// Per objective over the whole window, against its internal time
    /// (nothing counted when it has none).
    pub internal_totals: Vec<MonthCount>,
    /// Per team: busy and available agent-seconds in the measured window.
    pub team_time: Vec<(f64, f64)>,
    /// Open tickets at the start of each day of the measured window.
    pub backlog: Vec<u32>,
    /// Per hour of the week: (evaluations, breaches).
    pub heatmap: Vec<(u64, u64)>,
    /// Simulated tickets, measured or not (for speed figures).
    pub simulated: u64,
    /// The most ticket slots held at once: the replication's memory
    /// follows it, not the number of tickets simulated.
    pub peak_open: u64,
    /// Per objective: the times measured in the window.
    pub times: Vec<MeasuredTimes>,
    /// Open tickets when the measured window ended.
    pub open_at_end: u32,
    /// Tickets created in the window and resolved.
    pub resolved: u64,
    /// Of those, tickets the customer reopened.
    pub reopened: u64,
    /// Per plan × priority × live channel whose customers may give up:
    /// contacts created in the measured window and those abandoned.
    pub abandonment: Vec<AbandonmentCount>,
    /// Per level the scenario gives an effect: the tickets of the window
    /// it fired on, and how many of them still breached.
    pub escalations: Vec<EscalationCount>,
}

/// Contacts on a live channel and how many their customers abandoned
/// before an agent picked them up, in one replication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AbandonmentCount {
    /// Contacts created in the measured window.
    pub contacts: u64,
    /// Of those, contacts abandoned before a first answer.
    pub abandoned: u64,
}

/// What one escalation level did in one replication.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EscalationCount {
    /// Tickets created in the window the level fired on.
    pub escalated: u64,
    /// Of those, the tickets that breached the target it fired on.
    pub breached: u64,
}

/// The times one objective measured in a replication, on its clock and on
/// the calendar, in seconds.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasuredTimes {
    business: TimeStats,
    calendar: TimeStats,
}

/// One kind of measured time in one replication: its exact mean, and its
/// quantiles from a [`QuantileSketch`] (exact up to 32 times, then within
/// 1/128 of the true order statistic), in fixed memory.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeStats {
    mean: Welford,
    quantiles: QuantileSketch,
}

impl TimeStats {
    fn new() -> Self {
        TimeStats {
            mean: Welford::new(),
            quantiles: QuantileSketch::new(),
        }
    }

    #[inline]
    fn push(&mut self, x: f64) {
        self.mean.push(x);
        self.quantiles.push(x);
    }

    /// The mean time, in seconds (0 without any).
    pub fn mean(&self) -> f64 {
        self.mean.mean()
    }

    /// The `q` quantile, in seconds, within [`QuantileSketch`]'s bounds
    /// (0 without any time).
    pub fn quantile(&self, q: f64) -> f64 {
        self.quantiles.quantile(q).unwrap_or(0.0)
    }
}

impl MeasuredTimes {
    fn new() -> Self {
        MeasuredTimes {
            business: TimeStats::new(),
            calendar: TimeStats::new(),
        }
    }

    fn push(&mut self, business: f64, calendar: f64) {
        self.business.push(business);
        self.calendar.push(calendar);
    }

    /// How many times were measured.
    pub fn count(&self) -> u64 {
        self.business.mean.count()
    }

    /// The times on the target's clock.
    pub fn business(&self) -> &TimeStats {
        &self.business
    }

    /// The times on the calendar.
    pub fn calendar(&self) -> &TimeStats {
        &self.calendar
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Event {
    Arrival,
    Shift,
    /// The agent working the ticket finishes a session.
    Done(TicketRef),
    /// The customer answers the pending ticket.
    PendingOver(TicketRef),
    /// The customer of a live contact runs out of patience.
    GiveUp(TicketRef),
    /// The ticket's next escalation level may be due: the `round` of its
    /// escalation timer (see [`Ticket::escalation_round`]).
    Escalate(TicketRef, u16),
    /// The on-call agent called in for the ticket is there.
    OnCall(TicketRef),
    /// The ticket's periodic update falls due: the `round` of its update
    /// interval (see [`Ticket::update_round`]).
    UpdateDue(TicketRef, u32),
    /// An agent of the team has sent a periodic update.
    UpdateSent(u32),
}

/// Who works a ticket when it is in an agent's hands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holder {
    /// Nobody: it waits in a line or on the customer.
    Nobody,
    /// An agent of this team.
    Team(u32),
    /// The on-call agent called in for it.
    OnCall,
}

/// Where a ticket stands with an on-call agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OnCallState {
    None,
    Called,
    There,
}

/// The ticket an event was scheduled for: its slot, and the slot's
/// generation then.
///
/// Slots are reused as tickets close, so a timer that outlives its ticket
/// (one set for an escalation, a periodic update or a customer's patience)
/// would otherwise act on whichever ticket took the slot next. Each reuse
/// moves the slot's generation on, and an event whose generation is not the
/// slot's is dropped when it comes due, as a discrete-event scheduler drops
/// a cancelled event lazily instead of searching the event list for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TicketRef {
    slot: u32,
    generation: u32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Ticket {
    /// How many tickets held the slot before this one (wrapping).
    generation: u32,
    class: u32,
    /// Month index when measured.
    month: Option<u16>,
    how: u8,
    /// Whether the slot holds an open ticket.
    live: bool,
    triage: bool,
    /// Whether the customer reopens it after its resolution.
    reopened: bool,
    team: u32,
    sessions_left: u32,
    session_work: f64,
    reached_team: f64,
    pending_since: f64,
    /// Business time the ticket spent pending, per class clock.
    paused: [f64; MAX_CLOCKS],
    /// The ticket's own random stream (its work, escalation, reopening,
    /// waits), seeded from the arrivals' stream.
    rng: TicketRng,
    /// Who works it now.
    held_by: Holder,
    /// Whether it waits on the customer.
    pending: bool,
    /// The escalation levels fired on it, as bits of
    /// `CompiledModel::escalation`, and of those, the ones fired on its
    /// resolution target (the others on its first response).
    fired: u32,
    fired_on_resolution: u32,
    /// Moves on each time its escalation timer is set again, so that an
    /// older timer is dropped.
    escalation_round: u16,
    /// Whether an escalation raised it ahead of the tickets not raised.
    raised: bool,
    /// Whether an escalation moved it to another team, which keeps it.
    moved: bool,
    on_call: OnCallState,
    /// Moves on each time its update interval starts again or stops, so
    /// that an older update timer is dropped.
    update_round: u32,
    /// Its update interval's start: the clock's level and the instant.
    update_from: f64,
    update_started: f64,
    /// Whether an update has fallen due and not been sent.
    update_owed: bool,
}

struct TeamState {
    capacity: i64,
    busy: i64,
    /// The slots of the tickets waiting for an agent of the team, keyed by
    /// the dispatch policy.
    queue: WaitingLine,
    last: f64,
    busy_area: f64,
    capacity_area: f64,
    /// Periodic updates due, oldest first: the ticket and its update
    /// interval's round (an update whose round has moved on is no longer
    /// owed and is dropped).
    updates: std::collections::VecDeque<(TicketRef, u32)>,
}

struct Run<'m> {
    m: &'m CompiledModel,
    events: EventQueue<Event>,
    tickets: Vec<Ticket>,
    /// Per ticket slot, where the ticket stands with each measure of its
    /// class (`CompiledModel::measures_per_ticket` states a slot).
    measures: Vec<MeasureState>,
    free: Vec<u32>,
    teams: Vec<TeamState>,
    out: Replication,
    measured_open: u64,
    open: u32,
    /// Agents present per shift start event.
    present: Vec<u32>,
    /// The shift event handled next.
    next_shift: usize,
    /// The arrivals' stream: arrival times, each ticket's kind and the
    /// seed of its own stream, drawn in arrival order and nothing else, so
    /// that ticket `k` is the same ticket whatever the staffing.
    arrivals: SimRng,
}

impl<'m> Run<'m> {
    /// A replication's state before its first event.
    fn new(m: &'m CompiledModel, rng: &mut SimRng) -> Run<'m> {
        let days = ((m.end - m.warm) / 86_400.0).ceil() as usize;
        Run {
            m,
            events: EventQueue::with_capacity(1024),
            tickets: Vec::new(),
            measures: Vec::new(),
            free: Vec::new(),
            teams: m
                .teams
                .iter()
                .map(|_| TeamState {
                    capacity: 0,
                    busy: 0,
                    queue: WaitingLine::new(),
                    last: 0.0,
                    busy_area: 0.0,
                    capacity_area: 0.0,
                    updates: std::collections::VecDeque::new(),
                })
                .collect(),
            out: Replication {
                tickets: 0,
                objectives: vec![vec![MonthCount::default(); m.months.len()]; m.objectives.len()],
                objective_totals: vec![MonthCount::default(); m.objectives.len()],
                olas: vec![MonthCount::default(); m.olas.len()],
                internal_totals: vec![MonthCount::default(); m.objectives.len()],
                team_time: vec![(0.0, 0.0); m.teams.len()],
                backlog: Vec::with_capacity(days),
                heatmap: vec![(0, 0); 168],
                simulated: 0,
                peak_open: 0,
                times: vec![MeasuredTimes::new(); m.objectives.len()],
                open_at_end: 0,
                resolved: 0,
                reopened: 0,
                abandonment: vec![AbandonmentCount::default(); m.abandonment.len()],
                escalations: vec![EscalationCount::default(); m.escalation.len()],
            },
            measured_open: 0,
            open: 0,
            present: vec![0; m.shift_events.len()],
            next_shift: 0,
            arrivals: SimRng::from_seed(rng.random()),
        }
    }
}

impl CompiledModel {
    /// Runs one replication on `rng`, polling `cancel` now and then.
    pub fn replicate(
        &self,
        rng: &mut SimRng,
        cancel: &CancelToken,
    ) -> Result<Replication, SimError> {
        let days = ((self.end - self.warm) / 86_400.0).ceil() as usize;
        let mut run = Run::new(self, rng);
        if let Some(e) = self.shift_events.first() {
            run.events
                .schedule(super::time::SimTime::from_seconds(e.time), Event::Shift);
        }
        if let Some(t) = self.next_arrival(0.0, &mut run.arrivals) {
            run.events
                .schedule(super::time::SimTime::from_seconds(t), Event::Arrival);
        }
        let mut next_day = self.warm;
        let mut window_open = true;
        let mut handled = 0u64;
        while let Some((time, event)) = run.events.pop() {
            let now = time.as_seconds();
            handled += 1;
            if handled % CANCEL_POLL_EVENTS == 0 && cancel.is_cancelled() {
                return Err(SimError::Cancelled);
            }
            while now >= next_day && next_day < self.end {
                run.out.backlog.push(run.open);
                next_day += 86_400.0;
            }
            if window_open && now >= self.end {
                run.out.open_at_end = run.open;
                window_open = false;
            }
            if now >= self.end && run.measured_open == 0 {
                break;
            }
            if now >= self.stop {
                break;
            }
            run.handle(event, now, rng)?;
        }
        if window_open {
            run.out.open_at_end = run.open;
        }
        run.breach_open_tickets();
        let end_time = self.stop;
        run.out.peak_open = run.tickets.len() as u64;
        for team in 0..run.teams.len() {
            run.account(team, end_time);
            let s = &run.teams[team];
            run.out.team_time[team] = (s.busy_area, s.capacity_area);
        }
        while run.out.backlog.len() < days {
            run.out.backlog.push(run.open);
        }
        Ok(run.out)
    }

    /// The next arrival after `now`: an exponential amount of cumulative
    /// rate, integrated over the hourly rates; `None` past the end.
    fn next_arrival(&self, now: f64, rng: &mut SimRng) -> Option<f64> {
        let mut e: f64 = Exp1.sample(rng);
        let mut t = now;
        loop {
            let h = (t / 3600.0) as usize;
            let rate = *self.rates.get(h)?;
            let hour_end = (h + 1) as f64 * 3600.0;
            if rate > 0.0 {
                let dt = e / rate;
                if t + dt < hour_end {
                    return Some(t + dt);
                }
                e -= rate * (hour_end - t);
            }
            t = hour_end;
        }
    }
}

impl Run<'_> {
    /// Handles `event`, due at `now`.
    fn handle(&mut self, event: Event, now: f64, rng: &mut SimRng) -> Result<(), SimError> {
        let m = self.m;
        match event {
            Event::Arrival => {
                if let Some(t) = m.next_arrival(now, &mut self.arrivals) {
                    self.events
                        .schedule(super::time::SimTime::from_seconds(t), Event::Arrival);
                }
                self.arrive(now);
                // issue 12: a workload the teams cannot keep up with grows
                // the backlog without end; stop it at a bound.
                if self.open > m.open_ticket_cap {
                    let at = m.origin + chrono::Duration::seconds(now as i64);
                    return Err(SimError::TooManyOpenTickets {
                        cap: m.open_ticket_cap,
                        hour: (now / 3600.0).floor() as u64,
                        at: at.format("%Y-%m-%d %H:%M UTC").to_string(),
                    });
                }
            }
            Event::Shift => self.shift(now, rng),
            Event::Done(ticket) => {
                if let Some(slot) = self.current(ticket) {
                    self.done(slot, now);
                }
            }
            Event::PendingOver(ticket) => {
                if let Some(slot) = self.current(ticket) {
                    self.pending_over(slot, now);
                }
            }
            Event::GiveUp(ticket) => {
                if let Some(slot) = self.current(ticket) {
                    self.give_up(slot);
                }
            }
            Event::Escalate(ticket, round) => {
                if let Some(slot) = self.current(ticket) {
                    if self.tickets[slot as usize].escalation_round == round {
                        self.escalate(slot, now);
                    }
                }
            }
            Event::OnCall(ticket) => {
                if let Some(slot) = self.current(ticket) {
                    self.on_call_there(slot, now);
                }
            }
            Event::UpdateDue(ticket, round) => {
                if let Some(slot) = self.current(ticket) {
                    if self.tickets[slot as usize].update_round == round {
                        self.update_due(slot, now);
                    }
                }
            }
            Event::UpdateSent(team) => self.release(team as usize, now),
        }
        Ok(())
    }

    /// The next shift event: agents come (each present with the share of
    /// the headcount not lost to shrinkage) or go.
    fn shift(&mut self, now: f64, rng: &mut SimRng) {
        let m = self.m;
        let e = m.shift_events[self.next_shift];
        let team = e.team as usize;
        self.account(team, now);
        match e.start_of {
            None => {
                let expected = f64::from(e.headcount) * e.present;
                let mut n = expected.floor();
                if rng.random::<f64>() < expected - n {
                    n += 1.0;
                }
                self.present[self.next_shift] = n as u32;
                self.teams[team].capacity += n as i64;
                self.dispatch(team, now);
            }
            Some(start) => {
                self.teams[team].capacity -= i64::from(self.present[start as usize]);
            }
        }
        self.next_shift += 1;
        if let Some(e) = m.shift_events.get(self.next_shift) {
            self.events
                .schedule(super::time::SimTime::from_seconds(e.time), Event::Shift);
        }
    }

    /// The reference events scheduled for the ticket in `slot` carry.
    fn ticket_ref(&self, slot: u32) -> TicketRef {
        TicketRef {
            slot,
            generation: self.tickets[slot as usize].generation,
        }
    }

    /// The slot of `ticket` if it still holds that ticket, open: `None`
    /// for an event that outlived its ticket.
    fn current(&self, ticket: TicketRef) -> Option<u32> {
        let t = self.tickets.get(ticket.slot as usize)?;
        (t.live && t.generation == ticket.generation).then_some(ticket.slot)
    }

    /// Adds busy and available agent time of `team` up to `now`, within the
    /// measured window.
    #[inline]
    fn account(&mut self, team: usize, now: f64) {
        let (warm, end) = (self.m.warm, self.m.end);
        let s = &mut self.teams[team];
        let lo = s.last.max(warm);
        let hi = now.min(end);
        if hi > lo {
            // Agents finishing a ticket after their shift has ended are
            // overtime, not occupancy: busy time counts up to the agents
            // present.
            let present = s.capacity.max(0);
            s.busy_area += s.busy.min(present) as f64 * (hi - lo);
            s.capacity_area += present as f64 * (hi - lo);
        }
        s.last = now;
    }

    fn arrive(&mut self, now: f64) {
        let m = self.m;
        let class_index = if m.classes.len() == 1 {
            0
        } else if m.members.len() == 1 {
            let u: f64 = self.arrivals.random();
            m.cumulative
                .partition_point(|&c| c <= u)
                .min(m.classes.len() - 1)
        } else {
            self.draw_member_class(now)
        };
        let class = &m.classes[class_index];
        let measured = now >= m.warm && now < m.end;
        let month = if measured {
            let i = m.month_starts.partition_point(|&s| s <= now);
            (i >= 1 && i < m.month_starts.len()).then(|| (i - 1) as u16)
        } else {
            None
        };
        if measured {
            self.out.tickets += 1;
            self.measured_open += 1;
        }
        self.out.simulated += 1;
        self.open += 1;
        let how = m
            .hour_of_week
            .get((now / 3600.0) as usize)
            .copied()
            .unwrap_or(0);
        let mut ticket = Ticket {
            generation: 0,
            class: class_index as u32,
            month: if measured {
                Some(month.unwrap_or(u16::MAX))
            } else {
                None
            },
            how,
            live: true,
            triage: true,
            reopened: false,
            team: class.triage_team as u32,
            sessions_left: 0,
            session_work: 0.0,
            reached_team: now,
            pending_since: 0.0,
            paused: [0.0; MAX_CLOCKS],
            rng: TicketRng::new(self.arrivals.random()),
            held_by: Holder::Nobody,
            pending: false,
            fired: 0,
            fired_on_resolution: 0,
            escalation_round: 0,
            raised: false,
            moved: false,
            on_call: OnCallState::None,
            update_round: 0,
            update_from: 0.0,
            update_started: 0.0,
            update_owed: false,
        };
        let stride = m.measures_per_ticket;
        let slot = match self.free.pop() {
            Some(s) => {
                ticket.generation = self.tickets[s as usize].generation.wrapping_add(1);
                self.tickets[s as usize] = ticket;
                self.measures[s as usize * stride..][..stride].fill(MeasureState::NOT_STARTED);
                s
            }
            None => {
                self.tickets.push(ticket);
                self.measures
                    .resize(self.tickets.len() * stride, MeasureState::NOT_STARTED);
                (self.tickets.len() - 1) as u32
            }
        };
        self.reach(slot, Moment::Created, now);
        self.start_patience(slot, now);
        if class.levels != 0 {
            self.set_escalation_timer(slot, now);
        }
        self.enqueue(slot, now);
    }

    /// A portfolio's ticket kind: its member by the members' shares of
    /// the hour's arrivals, then its kind by the member's mix.
    fn draw_member_class(&mut self, now: f64) -> usize {
        let m = self.m;
        let k = m.members.len();
        let h = ((now / 3600.0) as usize).min(m.rates.len().saturating_sub(1));
        let u: f64 = self.arrivals.random();
        let shares = &m.member_cumulative[h * k..][..k];
        let member = &m.members[shares.partition_point(|&c| c <= u).min(k - 1)];
        if member.end - member.first == 1 {
            return member.first;
        }
        let u: f64 = self.arrivals.random();
        member.first
            + m.cumulative[member.first..member.end]
                .partition_point(|&c| c <= u)
                .min(member.end - member.first - 1)
    }

    /// Where ticket `slot` stands with each measure of its class.
    fn states(&self, slot: u32) -> &[MeasureState] {
        let stride = self.m.measures_per_ticket;
        &self.measures[slot as usize * stride..][..stride]
    }

    /// When ticket `t`'s measure falls due, with the state `state`: the
    /// instant its clock reaches the allowance, pending time added when it
    /// does not count.
    fn due(&self, t: &Ticket, measure: &Measure, state: &MeasureState) -> f64 {
        let class = &self.m.classes[t.class as usize];
        let clock = &self.m.clocks[class.clocks[measure.clock]];
        let extra = if measure.pause {
            t.paused[measure.clock] - state.paused_from
        } else {
            0.0
        };
        clock.at_level(state.from + state.allowance + extra)
    }

    /// The dispatch key of a ticket at its current stage: when some level
    /// raises priority, the tickets raised form a tier ahead of the others
    /// (the policy's order within each tier).
    fn key(&self, slot: u32) -> (u32, f64) {
        let (mut rank, key) = self.policy_key(slot);
        if self.m.raises && !self.tickets[slot as usize].raised {
            rank += RAISED_TIER;
        }
        if self.m.tiers {
            // A portfolio's precedence: a member's tier comes before its
            // tickets' own ranks.
            rank += self.m.classes[self.tickets[slot as usize].class as usize].tier;
        }
        (rank, key)
    }

    /// The dispatch policy's key of a ticket at its current stage.
    fn policy_key(&self, slot: u32) -> (u32, f64) {
        let m = self.m;
        let t = &self.tickets[slot as usize];
        let class = &m.classes[t.class as usize];
        match m.dispatch {
            Dispatch::FirstComeFirstServed => (0, t.reached_team),
            Dispatch::StrictPriority => (class.priority_rank, t.reached_team),
            Dispatch::EarliestDeadlineFirst => {
                let states = self.states(slot);
                let stage = class.urgent.stage[usize::from(!t.triage)];
                let mut due = match stage {
                    Some(i) => self.due(t, &class.measures[i], &states[i]),
                    // A stage with no target goes after those that have one.
                    None => t.reached_team + 1e12,
                };
                // A customer's reply waiting for an answer may be due sooner.
                for &i in &class.urgent.while_running {
                    if states[i].phase == Phase::Running {
                        due = due.min(self.due(t, &class.measures[i], &states[i]));
                    }
                }
                (0, due)
            }
        }
    }

    fn enqueue(&mut self, slot: u32, now: f64) {
        if self.tickets[slot as usize].on_call == OnCallState::There {
            // Its on-call agent takes it at once.
            self.start_work(slot, now, Holder::OnCall);
            return;
        }
        let team = self.tickets[slot as usize].team as usize;
        let state = &self.teams[team];
        if state.busy < state.capacity && state.queue.is_empty() && state.updates.is_empty() {
            // A free agent and nothing else waiting: the agent takes it at
            // once, as `dispatch` would after queueing it.
            self.account(team, now);
            self.teams[team].busy += 1;
            self.start_work(slot, now, Holder::Team(team as u32));
            return;
        }
        let (rank, key) = self.key(slot);
        self.teams[team].queue.push(slot, rank, key);
        self.dispatch(team, now);
    }

    /// Lets free agents of `team` take waiting tickets.
    fn dispatch(&mut self, team: usize, now: f64) {
        while self.teams[team].busy < self.teams[team].capacity {
            // Periodic updates go before waiting tickets.
            if self.m.updates {
                if let Some(slot) = self.next_update(team) {
                    self.account(team, now);
                    self.teams[team].busy += 1;
                    self.send_update(slot, team, now);
                    continue;
                }
            }
            let Some(slot) = self.teams[team].queue.pop() else {
                break;
            };
            self.account(team, now);
            self.teams[team].busy += 1;
            self.start_work(slot, now, Holder::Team(team as u32));
        }
    }

    fn start_work(&mut self, slot: u32, now: f64, holder: Holder) {
        let m = self.m;
        self.tickets[slot as usize].held_by = holder;
        self.reach(slot, Moment::Taken, now);
        if m.updates {
            self.contact(slot, now, true);
        }
        // Worked on in place: a ticket is too big to copy at every event.
        let t = &mut self.tickets[slot as usize];
        let class = &m.classes[t.class as usize];
        let work = &m.works[class.work];
        let conc = if class.chat {
            m.teams[t.team as usize].concurrency
        } else {
            1.0
        };
        let duration = if t.triage {
            work.first_response.sample(&mut t.rng) / conc
        } else {
            t.session_work
        };
        self.events.schedule(
            super::time::SimTime::from_seconds(now + duration),
            Event::Done(self.ticket_ref(slot)),
        );
    }

    /// Stops, then starts, the measures of ticket `slot` that stop or start
    /// at `moment`, counting the outcome of each one stopped.
    fn reach(&mut self, slot: u32, moment: Moment, now: f64) {
        let m = self.m;
        let t = &self.tickets[slot as usize];
        let class = &m.classes[t.class as usize];
        let states = &mut self.measures[slot as usize * m.measures_per_ticket..];
        // Each clock's level now, and its day anchor, asked for once.
        let mut levels = [f64::NAN; MAX_CLOCKS];
        let mut anchors = Anchors::default();
        for &i in &class.at_moment[moment as usize] {
            let (measure, state) = (&class.measures[i], &mut states[i]);
            let clock = &m.clocks[class.clocks[measure.clock]];
            let mut level_now = || {
                let level = &mut levels[measure.clock];
                if level.is_nan() {
                    *level = clock.level(now);
                }
                *level
            };
            if measure.stops == moment && state.phase == Phase::Running {
                let paused = if measure.pause {
                    t.paused[measure.clock] - state.paused_from
                } else {
                    0.0
                };
                let elapsed = level_now() - state.from - paused;
                tally(&mut self.out, t, measure.tally, elapsed <= state.allowance);
                if t.fired != 0 {
                    escalation_outcome(&mut self.out, t, measure, elapsed <= state.allowance);
                }
                if let (Tally::Objective(objective), Some(_)) = (measure.tally, t.month) {
                    self.out.times[objective].push(elapsed, now - state.started);
                }
                state.phase = Phase::Stopped;
            }
            if measure.starts == moment && (state.phase == Phase::NotStarted || measure.repeats) {
                let from = level_now();
                let known = Some((class.clocks[measure.clock], from));
                *state = MeasureState {
                    phase: Phase::Running,
                    from,
                    paused_from: t.paused[measure.clock],
                    allowance: m.allowance_at(measure.allowance, now, known, &mut anchors),
                    started: now,
                };
            }
        }
    }

    fn done(&mut self, slot: u32, now: f64) {
        let m = self.m;
        let s = slot as usize;
        let holder = self.tickets[s].held_by;
        // The team whose agent worked the session (none for an on-call
        // agent, who is outside the headcount).
        let team = match holder {
            Holder::Team(k) => Some(k as usize),
            Holder::Nobody | Holder::OnCall => None,
        };
        let class = &m.classes[self.tickets[s].class as usize];
        let work = &m.works[class.work];
        if self.tickets[s].triage {
            self.reach(slot, Moment::TriageDone, now);
            // Worked on in place: a ticket is too big to copy at every event.
            let t = &mut self.tickets[s];
            let escalated = work.escalated > 0.0 && t.rng.random::<f64>() < work.escalated;
            let next_team = if t.moved {
                // An escalation moved it: the team it went to keeps it.
                t.team as usize
            } else if escalated {
                class.escalation_team
            } else {
                class.own_team
            };
            let whole = work.back_and_forths.floor();
            let mut sessions = 1 + whole as u32;
            if t.rng.random::<f64>() < work.back_and_forths - whole {
                sessions += 1;
            }
            if work.reopen > 0.0 && t.rng.random::<f64>() < work.reopen {
                sessions += 1;
                t.reopened = true;
            }
            let conc = if class.chat {
                m.teams[next_team].concurrency
            } else {
                1.0
            };
            t.session_work = work.resolution.sample(&mut t.rng) / conc / f64::from(sessions);
            t.sessions_left = sessions;
            t.triage = false;
            t.team = next_team as u32;
            t.reached_team = now;
            let session_work = t.session_work;
            if m.updates {
                self.contact(slot, now, true);
            }
            if team.is_none_or(|k| k == next_team) {
                // The triaging agent (or the on-call agent) goes straight
                // on with the resolution.
                self.events.schedule(
                    super::time::SimTime::from_seconds(now + session_work),
                    Event::Done(self.ticket_ref(slot)),
                );
                return;
            }
            self.tickets[s].held_by = Holder::Nobody;
            self.release_holder(team, now);
            self.enqueue(slot, now);
            return;
        }
        let t = &mut self.tickets[s];
        t.sessions_left -= 1;
        t.held_by = Holder::Nobody;
        if t.sessions_left > 0 {
            let wait = work.pending.as_ref().map_or(0.0, |p| p.sample(&mut t.rng));
            t.pending_since = now;
            t.pending = true;
            if m.updates {
                self.contact(slot, now, false);
            }
            self.events.schedule(
                super::time::SimTime::from_seconds(now + wait),
                Event::PendingOver(self.ticket_ref(slot)),
            );
            self.release_holder(team, now);
            return;
        }
        if m.updates {
            self.contact(slot, now, false);
        }
        self.reach(slot, Moment::Resolved, now);
        let t = &mut self.tickets[s];
        if t.month.is_some() {
            self.measured_open -= 1;
            self.out.resolved += 1;
            self.out.reopened += u64::from(t.reopened);
        }
        t.live = false;
        self.open -= 1;
        self.free.push(slot);
        self.release_holder(team, now);
    }

    /// Frees the agent of `team` who finished a session (nothing for an
    /// on-call agent).
    fn release_holder(&mut self, team: Option<usize>, now: f64) {
        if let Some(team) = team {
            self.release(team, now);
        }
    }

    /// Counts a breach of every measure an open ticket has not met when the
    /// run stops: those running or yet to start, not a customer's reply
    /// that never came, nor one the ticket already met.
    fn breach_open_tickets(&mut self) {
        let m = self.m;
        for slot in 0..self.tickets.len() {
            let t = self.tickets[slot];
            if !t.live || t.month.is_none() {
                continue;
            }
            let class = &m.classes[t.class as usize];
            let states = &self.measures[slot * m.measures_per_ticket..];
            for (measure, state) in class.measures.iter().zip(states) {
                if owed(measure, state) {
                    tally(&mut self.out, &t, measure.tally, false);
                    if t.fired != 0 {
                        escalation_outcome(&mut self.out, &t, measure, false);
                    }
                }
            }
            if let (Some(plan), true) = (class.update, t.update_owed) {
                tally(&mut self.out, &t, Tally::Objective(plan.objective), false);
            }
        }
    }

    fn release(&mut self, team: usize, now: f64) {
        self.account(team, now);
        self.teams[team].busy -= 1;
        self.dispatch(team, now);
    }

    fn pending_over(&mut self, slot: u32, now: f64) {
        let m = self.m;
        let t = &mut self.tickets[slot as usize];
        let class = &m.classes[t.class as usize];
        for (k, &c) in class.clocks.iter().enumerate() {
            let clock = &m.clocks[c];
            t.paused[k] += clock.level(now) - clock.level(t.pending_since);
        }
        t.reached_team = now;
        t.pending = false;
        let levels = class.levels;
        self.reach(slot, Moment::CustomerReplied, now);
        if levels != 0 {
            // Its clocks ran again: the levels not fired yet may come due.
            self.set_escalation_timer(slot, now);
        }
        if m.updates {
            self.contact(slot, now, true);
        }
        self.enqueue(slot, now);
    }
}

/// Abandonment on live channels: a customer who has waited their patience
/// without an agent picking the contact up for its first answer leaves.
impl Run<'_> {
    /// Counts a new contact of a kind whose customers may give up, and
    /// sets the instant they do (drawn from the ticket's own stream, so
    /// kinds without patience draw exactly what they drew before).
    fn start_patience(&mut self, slot: u32, now: f64) {
        let m = self.m;
        let t = &mut self.tickets[slot as usize];
        let Some(patience) = &m.classes[t.class as usize].patience else {
            return;
        };
        if t.month.is_some() {
            self.out.abandonment[patience.row].contacts += 1;
        }
        let wait = patience.sampler.sample(&mut t.rng);
        self.events.schedule(
            super::time::SimTime::from_seconds(now + wait),
            Event::GiveUp(self.ticket_ref(slot)),
        );
    }

    /// The customer of ticket `slot` gives up, if the contact still waits
    /// for its first answer: it leaves the queue without taking any agent
    /// time, is counted, and under the rule `breach` misses every target
    /// it owed (under `excluded`, none is measured).
    fn give_up(&mut self, slot: u32) {
        let m = self.m;
        let t = self.tickets[slot as usize];
        if !t.triage || !self.teams[t.team as usize].queue.remove(slot) {
            return;
        }
        let class = &m.classes[t.class as usize];
        let Some(patience) = &class.patience else {
            return;
        };
        if t.month.is_some() {
            self.out.abandonment[patience.row].abandoned += 1;
            self.measured_open -= 1;
            if patience.breach {
                let states = &self.measures[slot as usize * m.measures_per_ticket..];
                for (measure, state) in class.measures.iter().zip(states) {
                    if owed(measure, state) {
                        tally(&mut self.out, &t, measure.tally, false);
                        if t.fired != 0 {
                            escalation_outcome(&mut self.out, &t, measure, false);
                        }
                    }
                }
            }
        }
        self.open -= 1;
        self.tickets[slot as usize].live = false;
        self.free.push(slot);
    }
}

/// Whether a ticket that leaves unanswered (still open when the run stops,
/// or abandoned) owes a measure: one running or yet to start, not a
/// customer's reply that never came, nor one already met.
fn owed(measure: &Measure, state: &MeasureState) -> bool {
    match state.phase {
        Phase::Running => true,
        Phase::NotStarted => !measure.repeats,
        Phase::Stopped => false,
    }
}

/// How far a raised ticket's dispatch rank is ahead of the same ticket not
/// raised: more than any priority's rank.
const RAISED_TIER: u32 = 1 << 20;

/// Escalation (issue 16): when the levels the scenario gives an effect
/// fire, and what they do. A level fires once per ticket, when the ticket
/// has used the level's share of the target of its stage (first response
/// while it waits for one, resolution afterwards: the targets that order
/// earliest-deadline dispatch), on that target's clock and with its
/// pauses, or the level's delay (of the calendar) after that target's
/// breach. One timer per ticket waits for the next level due; it is
/// checked again when it comes due (the stage may have changed, pauses
/// may have pushed the level back) and set again after the customer
/// replies.
impl Run<'_> {
    /// The measure of ticket `slot`'s stage that levels count on: its
    /// index in the class's measures, and whether it is the resolution's.
    fn stage_measure(&self, slot: u32) -> Option<(usize, bool)> {
        let class = &self.m.classes[self.tickets[slot as usize].class as usize];
        let running = |urgency: Urgency| {
            class
                .measures
                .iter()
                .zip(self.states(slot))
                .position(|(m, s)| {
                    m.urgency == urgency
                        && matches!(m.tally, Tally::Objective(_))
                        && s.phase == Phase::Running
                })
        };
        running(Urgency::Triage)
            .map(|i| (i, false))
            .or_else(|| running(Urgency::Resolution).map(|i| (i, true)))
    }

    /// When level `level` comes due on ticket `slot`, counted on its
    /// measure `i`.
    fn level_due(&self, slot: u32, level: usize, i: usize) -> f64 {
        let t = &self.tickets[slot as usize];
        let class = &self.m.classes[t.class as usize];
        let measure = &class.measures[i];
        let state = &self.states(slot)[i];
        let clock = &self.m.clocks[class.clocks[measure.clock]];
        let extra = if measure.pause {
            t.paused[measure.clock] - state.paused_from
        } else {
            0.0
        };
        match self.m.escalation[level].when {
            LevelWhen::Share(share) => clock.at_level(state.from + share * state.allowance + extra),
            LevelWhen::AfterBreach(delay) => {
                clock.at_level(state.from + state.allowance + extra) + delay
            }
        }
    }

    /// The levels of ticket `slot` not fired yet, as bits.
    fn levels_left(&self, slot: u32) -> u32 {
        let t = &self.tickets[slot as usize];
        self.m.classes[t.class as usize].levels & !t.fired
    }

    /// When the next level of ticket `slot` comes due, if one can.
    fn next_level_due(&self, slot: u32) -> Option<f64> {
        let (i, _) = self.stage_measure(slot)?;
        let left = self.levels_left(slot);
        (0..self.m.escalation.len())
            .filter(|l| left & (1 << l) != 0)
            .map(|l| self.level_due(slot, l, i))
            .min_by(f64::total_cmp)
    }

    /// Sets ticket `slot`'s escalation timer again, dropping the older one.
    fn set_escalation_timer(&mut self, slot: u32, now: f64) {
        let t = &mut self.tickets[slot as usize];
        t.escalation_round = t.escalation_round.wrapping_add(1);
        let round = t.escalation_round;
        if let Some(due) = self.next_level_due(slot) {
            self.events.schedule(
                super::time::SimTime::from_seconds(due.max(now)),
                Event::Escalate(self.ticket_ref(slot), round),
            );
        }
    }

    /// Ticket `slot`'s escalation timer comes due: fires the levels due,
    /// and waits for the next.
    fn escalate(&mut self, slot: u32, now: f64) {
        let Some((i, on_resolution)) = self.stage_measure(slot) else {
            return;
        };
        let t = &self.tickets[slot as usize];
        if t.pending && self.m.classes[t.class as usize].measures[i].pause {
            // The clock stands still until the customer replies, when the
            // timer is set again.
            return;
        }
        let left = self.levels_left(slot);
        for level in 0..self.m.escalation.len() {
            if left & (1 << level) != 0 && self.level_due(slot, level, i) <= now {
                self.fire(slot, level, on_resolution, now);
            }
        }
        if !self.tickets[slot as usize].live {
            return;
        }
        let round = self.tickets[slot as usize].escalation_round;
        if let Some(due) = self.next_level_due(slot) {
            self.events.schedule(
                super::time::SimTime::from_seconds(due.max(now)),
                Event::Escalate(self.ticket_ref(slot), round),
            );
        }
    }

    /// Level `level` fires on ticket `slot`: counted, then its effects.
    fn fire(&mut self, slot: u32, level: usize, on_resolution: bool, now: f64) {
        let model = &self.m.escalation[level];
        let t = &mut self.tickets[slot as usize];
        t.fired |= 1 << level;
        if on_resolution {
            t.fired_on_resolution |= 1 << level;
        }
        if t.month.is_some() {
            self.out.escalations[level].escalated += 1;
        }
        if model.raise && !t.raised {
            t.raised = true;
            let team = t.team as usize;
            if self.teams[team].queue.contains(slot) {
                let (rank, key) = self.key(slot);
                self.teams[team].queue.rerank(slot, rank, key);
            }
        }
        if let Some(to) = model.move_to {
            let t = &mut self.tickets[slot as usize];
            let from = t.team as usize;
            t.team = to as u32;
            t.moved = true;
            if from != to && self.teams[from].queue.remove(slot) {
                // Waiting: it joins the other team's line now; else it
                // goes there when it next waits for an agent.
                self.tickets[slot as usize].reached_team = now;
                self.enqueue(slot, now);
            }
        }
        if let Some(after) = model.on_call {
            let t = &mut self.tickets[slot as usize];
            if t.on_call == OnCallState::None && t.live {
                t.on_call = OnCallState::Called;
                self.events.schedule(
                    super::time::SimTime::from_seconds(now + after),
                    Event::OnCall(self.ticket_ref(slot)),
                );
            }
        }
    }

    /// The on-call agent called in for ticket `slot` is there: the agent
    /// takes the ticket if it waits for an agent, and every time it waits
    /// for one from now on.
    fn on_call_there(&mut self, slot: u32, now: f64) {
        let t = &mut self.tickets[slot as usize];
        t.on_call = OnCallState::There;
        let team = t.team as usize;
        if self.teams[team].queue.remove(slot) {
            self.start_work(slot, now, Holder::OnCall);
        }
    }
}

/// Periodic updates (issue 16): while a ticket is with the provider, from
/// its first response to its resolution except while it waits on the
/// customer, an update falls due each interval of its row's
/// `periodic_update` on the row's clock. The interval starts again at
/// each contact with the customer: an agent taking the ticket or ending a
/// session on it, an update sent, the customer's reply. An update that
/// falls due joins its team's list of updates, which the team's agents
/// take before any waiting ticket, each spending the update's agent time;
/// it is on time when sent at the instant it fell due (an agent was free),
/// late otherwise, and one still owed when the run stops is late. An
/// update falling due while an agent works the ticket is sent by another
/// agent of the team: the model does not fold it into the session in
/// hand.
impl Run<'_> {
    /// A contact with the customer on ticket `slot`: settles an update owed
    /// and stops the update interval, then starts it again when `restart`.
    fn contact(&mut self, slot: u32, now: f64, restart: bool) {
        let m = self.m;
        let t = &self.tickets[slot as usize];
        let class = &m.classes[t.class as usize];
        let Some(plan) = class.update else {
            return;
        };
        let clock = &m.clocks[class.clocks[plan.clock]];
        if t.update_owed {
            let elapsed = clock.level(now) - t.update_from;
            let met = elapsed <= m.allowance(plan.interval, t.update_started) + 1e-6;
            tally(&mut self.out, t, Tally::Objective(plan.objective), met);
            if t.month.is_some() {
                self.out.times[plan.objective].push(elapsed, now - t.update_started);
            }
        }
        let t = &mut self.tickets[slot as usize];
        t.update_owed = false;
        t.update_round = t.update_round.wrapping_add(1);
        if restart {
            t.update_from = clock.level(now);
            t.update_started = now;
            let due = clock.at_level(t.update_from + m.allowance(plan.interval, now));
            let round = t.update_round;
            self.events.schedule(
                super::time::SimTime::from_seconds(due.max(now)),
                Event::UpdateDue(self.ticket_ref(slot), round),
            );
        }
    }

    /// An update of ticket `slot` falls due: it joins its team's list.
    fn update_due(&mut self, slot: u32, now: f64) {
        let t = &mut self.tickets[slot as usize];
        t.update_owed = true;
        let (team, round) = (t.team as usize, t.update_round);
        let ticket = self.ticket_ref(slot);
        self.teams[team].updates.push_back((ticket, round));
        self.dispatch(team, now);
    }

    /// The oldest update still owed in `team`'s list, if any.
    fn next_update(&mut self, team: usize) -> Option<u32> {
        while let Some((ticket, round)) = self.teams[team].updates.pop_front() {
            if let Some(slot) = self.current(ticket) {
                let t = &self.tickets[slot as usize];
                if t.update_round == round && t.update_owed {
                    return Some(slot);
                }
            }
        }
        None
    }

    /// An agent of `team` sends ticket `slot`'s update.
    fn send_update(&mut self, slot: u32, team: usize, now: f64) {
        let m = self.m;
        let cost = m.classes[self.tickets[slot as usize].class as usize]
            .update
            .map_or(0.0, |p| p.cost);
        self.contact(slot, now, true);
        self.events.schedule(
            super::time::SimTime::from_seconds(now + cost),
            Event::UpdateSent(team as u32),
        );
    }
}

/// Counts, for the levels fired on a ticket's target whose measure just
/// ended (or is owed when the run stops), whether the ticket still
/// breached it.
#[inline]
fn escalation_outcome(out: &mut Replication, t: &Ticket, measure: &Measure, met: bool) {
    if met || t.month.is_none() || !matches!(measure.tally, Tally::Objective(_)) {
        return;
    }
    let levels = match measure.urgency {
        Urgency::Triage => t.fired & !t.fired_on_resolution,
        Urgency::Resolution => t.fired & t.fired_on_resolution,
        Urgency::None | Urgency::WhileRunning => return,
    };
    for (level, count) in out.escalations.iter_mut().enumerate() {
        if levels & (1 << level) != 0 {
            count.breached += 1;
        }
    }
}

/// Counts the outcome of one measure of ticket `t`: nothing for a ticket
/// created outside the measured window.
#[inline]
fn tally(out: &mut Replication, t: &Ticket, tally: Tally, met: bool) {
    let Some(month) = t.month else { return };
    match tally {
        Tally::Objective(objective) => {
            let total = &mut out.objective_totals[objective];
            total.tickets += 1;
            total.met += u64::from(met);
            if let Some(cell) = out.objectives[objective].get_mut(month as usize) {
                cell.tickets += 1;
                cell.met += u64::from(met);
            }
            let h = &mut out.heatmap[t.how as usize];
            h.0 += 1;
            h.1 += u64::from(!met);
        }
        Tally::Ola(ola) => {
            let cell = &mut out.olas[ola];
            cell.tickets += 1;
            cell.met += u64::from(met);
        }
        Tally::Internal(objective) => {
            let cell = &mut out.internal_totals[objective];
            cell.tickets += 1;
            cell.met += u64::from(met);
        }
    }
}

/// Runs the replications of `config` on a compiled scenario and summarises
/// them. `observer` sees the progress after each replication and may
/// cancel the run.
pub fn simulate(
    model: &CompiledModel,
    config: &RunConfig,
    observer: &(dyn Fn(Progress) -> Flow + Sync),
) -> Result<SimReport, SimError> {
    simulate_until(model, config, observer, &CancelToken::new())
}

/// [`simulate`], stopped by `cancel` as well: each replication looks at it
/// every [`CANCEL_POLL_EVENTS`] events, so a cancelled run ends within a
/// bounded amount of work even in the middle of a long replication.
pub fn simulate_until(
    model: &CompiledModel,
    config: &RunConfig,
    observer: &(dyn Fn(Progress) -> Flow + Sync),
    cancel: &CancelToken,
) -> Result<SimReport, SimError> {
    let reps = run_replications_until(
        config,
        |_, mut rng, cancel| model.replicate(&mut rng, cancel),
        observer,
        cancel,
    )?;
    Ok(model.summarise(&reps, config))
}

impl CompiledModel {
    /// Summarises replications of this model into a report.
    pub fn summarise(&self, reps: &[Replication], config: &RunConfig) -> SimReport {
        let at = |s: f64| {
            (self.origin + chrono::Duration::seconds(s as i64))
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        };
        let months = self.months.len();
        let objectives = self
            .objectives
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let compliance: Vec<f64> = reps
                    .iter()
                    .map(|r| r.objective_totals[i].compliance())
                    .collect();
                let monthly_counts: Vec<MonthCount> = reps
                    .iter()
                    .flat_map(|r| r.objectives[i].iter().copied())
                    .collect();
                let monthly: Vec<f64> = monthly_counts.iter().map(MonthCount::compliance).collect();
                let p_meets = o.objective.filter(|_| !monthly.is_empty()).map(|goal| {
                    monthly
                        .iter()
                        .filter(|&&c| c >= goal.fraction() - 1e-12)
                        .count() as f64
                        / monthly.len() as f64
                });
                ObjectiveResult {
                    member: self.members[o.member].id.clone(),
                    plan: o.plan.clone(),
                    priority: o.priority.clone(),
                    channel: o.channel.clone(),
                    metric: o.metric,
                    within: o.within.clone(),
                    objective: o.objective,
                    tickets: reps.iter().map(|r| r.objective_totals[i].tickets).sum(),
                    compliance: Summary::of(&compliance),
                    monthly,
                    monthly_counts,
                    p_meets,
                    times: reported_times(reps.iter().map(|r| &r.times[i])),
                    internal: o.internal.clone().map(|within| {
                        let compliance: Vec<f64> = reps
                            .iter()
                            .map(|r| r.internal_totals[i].compliance())
                            .collect();
                        InternalResult {
                            within,
                            compliance: Summary::of(&compliance),
                        }
                    }),
                }
            })
            .collect();
        let olas = self
            .olas
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let compliance: Vec<f64> = reps.iter().map(|r| r.olas[i].compliance()).collect();
                OlaResult {
                    member: self.members[o.member].id.clone(),
                    id: o.id.clone(),
                    team: o.team.clone(),
                    stage: o.stage.clone(),
                    within: o.within.clone(),
                    tickets: reps.iter().map(|r| r.olas[i].tickets).sum(),
                    compliance: Summary::of(&compliance),
                }
            })
            .collect();
        let teams = self
            .teams
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let occupancy: Vec<f64> = reps
                    .iter()
                    .map(|r| {
                        let (busy, available) = r.team_time[i];
                        if available > 0.0 {
                            busy / available
                        } else {
                            0.0
                        }
                    })
                    .collect();
                TeamResult {
                    name: t.name.clone(),
                    agent_hours_per_week: t.agent_hours_per_week,
                    occupancy: Summary::of(&occupancy),
                }
            })
            .collect();
        let days = reps.iter().map(|r| r.backlog.len()).min().unwrap_or(0);
        let backlog = (0..days)
            .map(|d| {
                let values: Vec<f64> = reps.iter().map(|r| f64::from(r.backlog[d])).collect();
                BacklogPoint {
                    day: d as u32,
                    mean: values.iter().sum::<f64>() / values.len().max(1) as f64,
                    max: values.iter().copied().fold(0.0, f64::max),
                }
            })
            .collect();
        let breach_heatmap = (0..168)
            .map(|h| HeatCell {
                evaluations: reps.iter().map(|r| r.heatmap[h].0).sum(),
                breaches: reps.iter().map(|r| r.heatmap[h].1).sum(),
            })
            .collect();
        let tickets: Vec<f64> = reps.iter().map(|r| r.tickets as f64).collect();
        let _ = months;
        let open_at_end: Vec<f64> = reps.iter().map(|r| f64::from(r.open_at_end)).collect();
        let reopened: Vec<f64> = reps
            .iter()
            .filter(|r| r.resolved > 0)
            .map(|r| r.reopened as f64 / r.resolved as f64)
            .collect();
        SimReport {
            scenario: self.name.clone(),
            replications: reps.len() as u32,
            seed: config.seed,
            measured_from: at(self.warm),
            measured_to: at(self.end),
            time_zone: self.month_zone.name().to_owned(),
            months: self.months.clone(),
            tickets: Summary::of(&tickets),
            objectives,
            olas,
            teams,
            backlog,
            breach_heatmap,
            open_at_end: (!reps.is_empty()).then(|| Summary::of(&open_at_end)),
            reopened: (!reopened.is_empty()).then(|| Summary::of(&reopened)),
            abandonment: self.abandonment_results(reps),
            escalation: self.escalation_results(reps),
        }
    }

    /// Per level the scenario gives an effect, what it did; none when it
    /// gives none.
    fn escalation_results(&self, reps: &[Replication]) -> Option<Vec<EscalationResult>> {
        if self.escalation.is_empty() {
            return None;
        }
        let results = self
            .escalation
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let escalated: Vec<f64> = reps
                    .iter()
                    .map(|r| r.escalations[i].escalated as f64)
                    .collect();
                let breached: Vec<f64> = reps
                    .iter()
                    .map(|r| r.escalations[i].breached as f64)
                    .collect();
                let total: f64 = escalated.iter().sum();
                EscalationResult {
                    member: self.members[l.member].id.clone(),
                    level: l.label.clone(),
                    to: l.to.clone(),
                    when: match l.when {
                        LevelWhen::Share(f) => {
                            crate::model::Percent::new((f * 1e6).round() / 1e4).to_string()
                        }
                        LevelWhen::AfterBreach(d) => {
                            format!("after_breach {}", crate::model::Duration::seconds(d as i64))
                        }
                    },
                    raise_priority: l.raise,
                    move_to: l.move_to.map(|t| self.teams[t].name.clone()),
                    on_call_after: l
                        .on_call
                        .map(|d| crate::model::Duration::seconds(d as i64).to_string()),
                    escalated: Summary::of(&escalated),
                    breached: Summary::of(&breached),
                    breached_share: (total > 0.0).then(|| breached.iter().sum::<f64>() / total),
                }
            })
            .collect();
        Some(results)
    }
}

impl CompiledModel {
    /// Abandoned contacts per plan × priority × live channel across
    /// replications: the counts summed, the share per replication
    /// summarised (a replication without contacts abandoned none).
    fn abandonment_results(&self, reps: &[Replication]) -> Vec<AbandonmentResult> {
        self.abandonment
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let shares: Vec<f64> = reps
                    .iter()
                    .map(|r| {
                        let c = r.abandonment[i];
                        if c.contacts == 0 {
                            0.0
                        } else {
                            c.abandoned as f64 / c.contacts as f64
                        }
                    })
                    .collect();
                AbandonmentResult {
                    member: self.members[row.member].id.clone(),
                    plan: row.plan.clone(),
                    priority: row.priority.clone(),
                    channel: row.channel.clone(),
                    contacts: reps.iter().map(|r| r.abandonment[i].contacts).sum(),
                    abandoned: reps.iter().map(|r| r.abandonment[i].abandoned).sum(),
                    share: Summary::of(&shares),
                }
            })
            .collect()
    }
}

/// An objective's times across replications: each figure of each
/// replication that measured at least one time, summarised; none when no
/// replication measured any.
fn reported_times<'r>(reps: impl Iterator<Item = &'r MeasuredTimes>) -> Option<ReportedTimes> {
    let measured: Vec<&MeasuredTimes> = reps.filter(|t| t.count() > 0).collect();
    if measured.is_empty() {
        return None;
    }
    let figures = |side: fn(&MeasuredTimes) -> &TimeStats| {
        let of = |f: fn(&TimeStats) -> f64| {
            Summary::of(&measured.iter().map(|t| f(side(t))).collect::<Vec<_>>())
        };
        TimeFigures {
            mean: of(TimeStats::mean),
            median: of(|s| s.quantile(0.5)),
            p90: of(|s| s.quantile(0.9)),
        }
    };
    Some(ReportedTimes {
        business: figures(|t| &t.business),
        calendar: figures(|t| &t.calendar),
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::sim::rng::replication_rng;

    /// One agent around the clock; each ticket takes 10 minutes of triage,
    /// then waits an hour on the customer once before it is resolved.
    const DESK: &str = r#"
name: Desk
agreement:
  pledge: 1
  meta:
    title: Test
    reference: T-1
    version_label: "1"
    language: en
    currency: EUR
    monthly_fee: 1000
    effective_date: 2026-01-01
    term: {initial_months: 12}
    governing_law: French law
    shape: customer_based
  parties:
    provider: {legal_name: P}
    customer: {legal_name: C}
  services:
    - {id: app, name: App}
  calendars:
    - {id: always, time_zone: UTC, hours: 24/7}
  plans:
    - {id: std, name: Standard, calendar: always}
  priorities:
    - {id: P1, name: One, definition: Everything.}
  targets:
    - plan: std
      priority: P1
      hours: calendar
      objective: 80%
      first_response: {within: 1h}
      next_response: {within: 1h}
      resolution: {within: 1d}
start: 2027-01-04
time_zone: UTC
warm_up: 0d
horizon: 7d
workload:
  tickets_per_week: 10
  mix:
    - {plan: std, priority: P1, share: 100%}
work:
  - priority: P1
    first_response: {empirical: [10m]}
    resolution: {empirical: [20m]}
    back_and_forths: 1
    pending: {empirical: [1h]}
staffing:
  teams:
    - name: Desk
      stages: [triage, resolution]
      shifts:
        - {name: all day, days: [mon, tue, wed, thu, fri, sat, sun], hours: "00:00-24:00", headcount: 1}
"#;

    fn desk() -> CompiledModel {
        let scenario = crate::sim::scenario::Scenario::from_text(DESK, Path::new("."))
            .expect("the scenario reads");
        compile(&scenario).expect("the scenario compiles")
    }

    /// Everything an event could change about the ticket in `slot`.
    fn snapshot(
        run: &Run<'_>,
        slot: u32,
    ) -> (Ticket, Vec<MeasureState>, usize, i64, usize, Replication) {
        (
            run.tickets[slot as usize],
            run.states(slot).to_vec(),
            run.events.len(),
            run.teams[0].busy,
            run.teams[0].queue.len(),
            run.out.clone(),
        )
    }

    #[test]
    fn a_timer_set_for_a_resolved_ticket_never_touches_its_slots_next_ticket() {
        let model = desk();
        let mut rng = replication_rng(1, 0);
        let mut run = Run::new(&model, &mut rng);
        run.teams[0].capacity = 1;
        // The first ticket is taken at once, and resolved after its triage,
        // an hour pending and its second session.
        run.arrive(0.0);
        let first = run.ticket_ref(0);
        let mut now = 0.0;
        let mut timers = Vec::new();
        while run.tickets[0].live {
            let (time, event) = run.events.pop().expect("the ticket's next event");
            now = time.as_seconds();
            timers.push(event);
            run.handle(event, now, &mut rng).unwrap();
        }
        assert!(timers.contains(&Event::Done(first)));
        assert!(timers.contains(&Event::PendingOver(first)));
        assert!(run.events.is_empty());
        // The next ticket takes the freed slot, one generation on.
        run.arrive(now);
        let second = run.ticket_ref(0);
        assert_eq!(second.slot, first.slot);
        assert_ne!(second.generation, first.generation);
        assert_eq!(run.tickets.len(), 1);
        // The first ticket's timers, had they still been pending, come due:
        // they are dropped, and the second ticket is as it was.
        let before = snapshot(&run, 0);
        for event in [Event::Done(first), Event::PendingOver(first)] {
            run.handle(event, now + 60.0, &mut rng).unwrap();
            assert!(
                before == snapshot(&run, 0),
                "{event:?} acted on the next ticket"
            );
        }
        // The same event for the ticket now in the slot does act on it.
        run.handle(Event::Done(second), now + 60.0, &mut rng)
            .unwrap();
        assert!(!run.tickets[0].triage);
    }

    #[test]
    fn a_ticket_open_when_the_run_stops_breaches_only_what_it_has_not_met() {
        // issue 17: a ticket in triage work when the run stopped breached
        // the first response it had already met, counting it twice.
        let model = desk();
        let mut rng = replication_rng(1, 0);
        let mut run = Run::new(&model, &mut rng);
        run.teams[0].capacity = 1;
        // Taken at once, so its first response is met; the run stops
        // during its triage.
        run.arrive(0.0);
        run.breach_open_tickets();
        let count = |metric: Metric| {
            let i = model
                .objectives
                .iter()
                .position(|o| o.metric == metric)
                .expect("an objective on the metric");
            run.out.objective_totals[i]
        };
        let counted = |tickets, met| MonthCount { tickets, met };
        assert_eq!(count(Metric::FirstResponse), counted(1, 1));
        // No reply is awaited, so none is owed.
        assert_eq!(count(Metric::NextResponse), counted(0, 0));
        assert_eq!(count(Metric::Resolution), counted(1, 0));
    }
}
