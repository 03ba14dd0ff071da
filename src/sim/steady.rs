//! The steady-state contact-centre model: Poisson arrivals of one or more
//! ticket classes, one pool of identical agents, a dispatch policy and
//! customer patience.
//!
//! This is the model the Erlang formulas describe, so it is the engine's
//! reference case; it also answers what they cannot (heavy-tailed handle
//! times, priorities, deadline-first dispatch). The full support model adds
//! arrivals by hour of week, teams on shifts, OLA stages and business-hours
//! clocks; see the design notes in ARCHITECTURE.md.
//!
//! Customers who give up are handled lazily: each queued ticket carries the
//! instant its customer gives up, and a ticket found past that instant when
//! an agent reaches for it is counted as abandoned at that instant. This is
//! exact, because a customer who has given up never takes an agent's time,
//! so no other ticket's fate depends on when the abandonment is processed;
//! it saves one event per queued ticket. Expired tickets deep in a line are
//! swept out whenever the line doubles in length, so memory stays
//! proportional to the live queue.

use std::collections::{BinaryHeap, VecDeque};

use rand::RngExt;
use rand_distr::{Distribution, Exp1};

use super::dist::{DurationDistribution, Sampler};
use super::queue::{EventQueue, Keyed};
use super::rng::SimRng;
use super::run::{run_replications, CancelToken, Flow, Progress, RunConfig};
use super::stats::{Estimate, Histogram, Welford};
use super::time::{SimDuration, SimTime};
use super::SimError;

/// The order in which free agents take waiting tickets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dispatch {
    /// Oldest ticket first, whatever its class.
    FirstComeFirstServed,
    /// The first class in the model's list first, then the next; oldest
    /// first within a class.
    StrictPriority,
    /// The ticket nearest to breaching its answer target first.
    EarliestDeadlineFirst,
}

/// One kind of ticket: its volume, work and target.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketClass {
    /// A name for reports (e.g. a priority such as `critical`).
    pub name: String,
    /// Mean arrivals per hour (Poisson).
    pub arrivals_per_hour: f64,
    /// Agent handle time.
    pub handle_time: DurationDistribution,
    /// How long a customer waits before giving up; `None` waits for ever.
    pub patience: Option<DurationDistribution>,
    /// The answer target: a ticket answered within it counts as on time.
    pub answer_within: SimDuration,
}

/// A steady-state question for the simulation engine.
#[derive(Debug, Clone, PartialEq)]
pub struct SteadyStateModel {
    /// Agents taking tickets.
    pub agents: u32,
    /// Ticket classes; for [`Dispatch::StrictPriority`], highest first.
    pub classes: Vec<TicketClass>,
    /// The dispatch policy.
    pub dispatch: Dispatch,
    /// Simulated time discarded before measuring, so that the empty start
    /// does not bias the figures.
    pub warm_up: SimDuration,
    /// Simulated time during which arrivals are measured; tickets that
    /// arrive in it are followed until they are answered or abandoned.
    pub measured: SimDuration,
}

/// The figures of one ticket class in one replication.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassTally {
    /// Tickets that arrived in the measured window.
    pub offered: u64,
    /// Of those, tickets that found every agent busy.
    pub waited: u64,
    /// Tickets answered.
    pub answered: u64,
    /// Tickets answered within the class's target.
    pub answered_in_time: u64,
    /// Tickets whose customer gave up.
    pub abandoned: u64,
    /// Time in queue of every ticket (a customer who gave up counts the time
    /// they waited), in seconds.
    pub wait: Welford,
    /// Time in queue of answered tickets, in seconds.
    pub answered_wait: Welford,
    /// The answered tickets' waits, in seconds, in bins of a sixtieth of
    /// the larger of the answer target and the mean handle time, up to four
    /// times that.
    pub answered_wait_histogram: Histogram,
}

impl ClassTally {
    fn new(histogram_width: f64) -> Self {
        ClassTally {
            offered: 0,
            waited: 0,
            answered: 0,
            answered_in_time: 0,
            abandoned: 0,
            wait: Welford::new(),
            answered_wait: Welford::new(),
            answered_wait_histogram: Histogram::new(histogram_width, HISTOGRAM_BINS),
        }
    }

    fn share(part: u64, whole: u64) -> f64 {
        if whole == 0 {
            0.0
        } else {
            part as f64 / whole as f64
        }
    }
    /// The share of tickets that waited.
    pub fn probability_of_waiting(&self) -> f64 {
        Self::share(self.waited, self.offered)
    }
    /// The share of tickets answered within target.
    pub fn service_level(&self) -> f64 {
        Self::share(self.answered_in_time, self.offered)
    }
    /// The share of tickets abandoned.
    pub fn abandonment(&self) -> f64 {
        Self::share(self.abandoned, self.offered)
    }
}

/// The raw figures of one replication.
#[derive(Debug, Clone, PartialEq)]
pub struct Replication {
    /// Per class, in the model's order.
    pub classes: Vec<ClassTally>,
    /// Agent-seconds spent handling tickets within the measured window.
    pub busy_agent_seconds: f64,
    /// Agent-seconds available in the measured window.
    pub available_agent_seconds: f64,
    /// What MSER-5 discarded at the start of the measured window, when the
    /// run chose its truncation from the data.
    pub truncation: Option<Truncated>,
}

/// How a replication's warm-up is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WarmUpRule {
    /// The model's `warm_up` only, fixed before the run.
    #[default]
    Fixed,
    /// The model's `warm_up`, then the MSER-5 truncation of the measured
    /// tickets' waits (see [`mser5`]), chosen per replication.
    Mser5,
}

/// The start of a replication's measured window that MSER-5 discarded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Truncated {
    /// Tickets discarded, in arrival order.
    pub tickets: u64,
    /// Simulated time discarded: from the start of the measured window to
    /// the arrival of the first ticket kept.
    pub seconds: f64,
    /// Whether the truncation reached the last point MSER-5 considers
    /// (half the run): the run is too short for its load.
    pub at_limit: bool,
}

/// Observations per batch in MSER-5.
pub const MSER_BATCH: usize = 5;

/// The MSER-5 truncation point of a series of observations in their
/// order (White, 1997; the marginal standard error rule on batch means of
/// five): the number of observations to discard, a multiple of five.
///
/// The observations are grouped into `k` batches of five (a last partial
/// batch is left out), with means `Z_1 … Z_k`. Truncating `d` batches
/// leaves a mean `Z̄(d)` of the rest and the statistic
/// `MSER(d) = Σ_{j>d} (Z_j − Z̄(d))² / (k − d)²`, the squared standard
/// error of that mean as if the batches were independent: it falls while
/// the discarded batches are the ones pulled away by the empty start, and
/// grows once only steady batches are left, since fewer of them remain.
/// The point is the `d` minimising it over `0 ≤ d ≤ k/2`: beyond half the
/// run, the few batches left make the statistic itself too noisy to
/// trust. Returns `(discarded, at_limit)`, `at_limit` when the minimum is
/// the last point considered, the sign of a run too short for its load.
pub fn mser5(observations: &[f64]) -> (usize, bool) {
    let k = observations.len() / MSER_BATCH;
    if k < 2 {
        return (0, false);
    }
    let batches: Vec<f64> = observations
        .chunks_exact(MSER_BATCH)
        .map(|b| b.iter().sum::<f64>() / MSER_BATCH as f64)
        .collect();
    // Sums of the batches from d on, built from the end, so that each
    // MSER(d) costs O(1) (centred on the overall mean, for accuracy).
    let centre = batches.iter().sum::<f64>() / k as f64;
    let last = k / 2;
    let (mut sum, mut squares) = (0.0, 0.0);
    let mut statistics = vec![0.0; last + 1];
    for d in (0..k).rev() {
        let z = batches[d] - centre;
        sum += z;
        squares += z * z;
        if d <= last {
            let n = (k - d) as f64;
            statistics[d] = (squares - sum * sum / n).max(0.0) / (n * n);
        }
    }
    // Ties go to the earlier point, so that no more is discarded than
    // needed; values within rounding of the smallest (a relative 1e-9 of
    // the untruncated statistic) are ties.
    let least = statistics.iter().copied().fold(f64::INFINITY, f64::min);
    let tie = least + 1e-9 * statistics[0];
    let d = statistics.iter().position(|&x| x <= tie).unwrap_or(0);
    (d * MSER_BATCH, d == last && last > 0)
}

impl Replication {
    /// The share of available agent time spent handling tickets.
    pub fn occupancy(&self) -> f64 {
        self.busy_agent_seconds / self.available_agent_seconds
    }
}

/// Estimates for one ticket class (or all classes together) across
/// replications.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassReport {
    /// The class name, or `all`.
    pub name: String,
    /// Tickets measured, over all replications.
    pub tickets: u64,
    /// The share of tickets that waited.
    pub probability_of_waiting: Estimate,
    /// The share of tickets answered within target.
    pub service_level: Estimate,
    /// Mean wait of answered tickets, in seconds.
    pub average_speed_of_answer: Estimate,
    /// Mean wait of all tickets, in seconds.
    pub mean_wait: Estimate,
    /// The 90th percentile of answered tickets' waits, in seconds, read off
    /// each replication's histogram (exact to one bin); `None` when several
    /// classes with different bins are merged or a replication's percentile
    /// lies beyond the histogram.
    pub answered_wait_p90: Option<Estimate>,
    /// The share of tickets abandoned.
    pub abandonment: Estimate,
}

/// What a steady-state simulation found.
#[derive(Debug, Clone, PartialEq)]
pub struct SteadyStateReport {
    /// Per class, in the model's order.
    pub classes: Vec<ClassReport>,
    /// All classes together.
    pub overall: ClassReport,
    /// Agent occupancy.
    pub occupancy: Estimate,
    /// Replications run.
    pub replications: usize,
    /// What MSER-5 discarded per replication, when it chose the warm-up.
    pub truncation: Option<TruncationSummary>,
}

/// The warm-ups MSER-5 chose, across replications.
#[derive(Debug, Clone, PartialEq)]
pub struct TruncationSummary {
    /// Tickets discarded per replication.
    pub tickets: Estimate,
    /// Simulated time discarded per replication, in seconds.
    pub seconds: Estimate,
    /// Replications whose truncation reached half the run, the most MSER-5
    /// considers: their runs are too short for the load.
    pub at_limit: usize,
}

/// The warm-up of a steady-state run, chosen from the load.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WarmUp {
    /// Simulated time discarded before measuring.
    pub warm_up: SimDuration,
    /// The queue's relaxation time, when it settles at all.
    pub relaxation: Option<SimDuration>,
    /// Whether the warm-up was held at [`WarmUp::MAX_MEASURED_MULTIPLE`]
    /// measured windows although the load asked for more: then the empty
    /// start still biases the waits downwards.
    pub capped: bool,
}

impl WarmUp {
    /// Relaxation times discarded: after five, what is left of the empty
    /// start is under 1 % (e^-5).
    pub const RELAXATIONS: f64 = 5.0;
    /// The longest warm-up, in measured windows.
    pub const MAX_MEASURED_MULTIPLE: f64 = 50.0;

    /// A tenth of the measured window, or [`WarmUp::RELAXATIONS`]
    /// relaxation times when that is longer (a queue near saturation takes
    /// far longer than a tenth of a short run to forget that it started
    /// empty), at most [`WarmUp::MAX_MEASURED_MULTIPLE`] measured windows.
    pub fn for_load(measured: SimDuration, relaxation: Option<SimDuration>) -> WarmUp {
        let tenth = measured.as_seconds() / 10.0;
        let wanted = relaxation.map_or(tenth, |r| tenth.max(Self::RELAXATIONS * r.as_seconds()));
        let most = measured.as_seconds() * Self::MAX_MEASURED_MULTIPLE;
        WarmUp {
            warm_up: SimDuration::from_seconds(wanted.min(most)),
            relaxation,
            capped: wanted > most,
        }
    }
}

const HISTOGRAM_BINS: usize = 240;
/// How many events a replication handles between looks at the cancel flag.
const CANCEL_POLL_EVENTS: u64 = 1 << 16;

impl SteadyStateModel {
    /// Checks the model and prepares its samplers.
    pub fn prepare(&self) -> Result<PreparedModel, SimError> {
        let invalid = |path: &str, problem: &str| SimError::InvalidParameter {
            path: path.into(),
            problem: problem.into(),
        };
        if self.agents == 0 {
            return Err(invalid("agents", "at least one agent is needed"));
        }
        if self.classes.is_empty() {
            return Err(invalid("classes", "at least one ticket class is needed"));
        }
        if u32::try_from(self.classes.len()).is_err() {
            return Err(invalid("classes", "too many ticket classes"));
        }
        let measured = self.measured.as_seconds();
        let warm = self.warm_up.as_seconds();
        if !(measured.is_finite() && measured > 0.0) {
            return Err(invalid(
                "measured",
                "the measured window must be a positive duration",
            ));
        }
        if !warm.is_finite() {
            return Err(invalid("warm_up", "the warm-up must be a finite duration"));
        }
        let mut classes = Vec::with_capacity(self.classes.len());
        let mut cumulative = Vec::with_capacity(self.classes.len());
        let mut total = 0.0;
        for (i, c) in self.classes.iter().enumerate() {
            let rate = c.arrivals_per_hour / 3600.0;
            if !(rate.is_finite() && rate >= 0.0) {
                return Err(invalid(
                    &format!("classes[{i}].arrivals_per_hour"),
                    "must be zero or a positive number",
                ));
            }
            if !c.answer_within.as_seconds().is_finite() {
                return Err(invalid(
                    &format!("classes[{i}].answer_within"),
                    "must be a finite duration",
                ));
            }
            total += rate;
            cumulative.push(total);
            let handle = c
                .handle_time
                .sampler(&format!("classes[{i}].handle_time"))?;
            let patience = c
                .patience
                .as_ref()
                .map(|p| p.sampler(&format!("classes[{i}].patience")))
                .transpose()?;
            let scale = c
                .answer_within
                .as_seconds()
                .max(c.handle_time.mean().as_seconds());
            classes.push(PreparedClass {
                handle,
                patience,
                answer_within: c.answer_within.as_seconds(),
                histogram_width: scale / (HISTOGRAM_BINS as f64 / 4.0),
            });
        }
        if total <= 0.0 {
            return Err(invalid("classes", "at least one class needs arrivals"));
        }
        Ok(PreparedModel {
            warm_up_rule: WarmUpRule::Fixed,
            agents: self.agents,
            classes,
            cumulative,
            total_rate: total,
            dispatch: self.dispatch,
            warm_start: warm,
            end: warm + measured,
        })
    }

    /// Runs the replications of `run` and summarises them with intervals at
    /// `confidence` (e.g. 0.95).
    pub fn simulate(
        &self,
        run: &RunConfig,
        confidence: f64,
        observer: &(dyn Fn(Progress) -> Flow + Sync),
    ) -> Result<SteadyStateReport, SimError> {
        self.simulate_with(run, confidence, WarmUpRule::Fixed, observer)
    }

    /// [`SteadyStateModel::simulate`] with the warm-up set by `rule`.
    pub fn simulate_with(
        &self,
        run: &RunConfig,
        confidence: f64,
        rule: WarmUpRule,
        observer: &(dyn Fn(Progress) -> Flow + Sync),
    ) -> Result<SteadyStateReport, SimError> {
        let prepared = self.prepare()?.with_warm_up_rule(rule);
        let reps = run_replications(
            run,
            |_, mut rng, cancel| prepared.replicate(&mut rng, cancel),
            observer,
        )?;
        let names: Vec<String> = self.classes.iter().map(|c| c.name.clone()).collect();
        Ok(SteadyStateReport::from_replications(
            &names, &reps, confidence,
        ))
    }
}

#[derive(Debug, Clone)]
struct PreparedClass {
    handle: Sampler,
    patience: Option<Sampler>,
    answer_within: f64,
    histogram_width: f64,
}

/// A validated model, ready to run replications.
#[derive(Debug, Clone)]
pub struct PreparedModel {
    warm_up_rule: WarmUpRule,
    agents: u32,
    classes: Vec<PreparedClass>,
    cumulative: Vec<f64>,
    total_rate: f64,
    dispatch: Dispatch,
    warm_start: f64,
    end: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Event {
    Arrival,
    Departure,
}

/// A ticket in the waiting line; times in seconds of simulation time.
#[derive(Debug, Clone, Copy)]
struct Waiting {
    arrival: f64,
    gives_up_at: f64,
    deadline: f64,
    seq: u64,
    class: u32,
    counted: bool,
    /// Its place in the replication's observations, under MSER-5.
    observation: u32,
}

/// The waiting tickets, in the structure the dispatch policy needs.
enum Line {
    Fifo(VecDeque<Waiting>),
    Priority(Vec<VecDeque<Waiting>>, usize),
    Deadline(BinaryHeap<Keyed<Waiting>>),
}

impl Line {
    fn new(dispatch: Dispatch, classes: usize) -> Line {
        match dispatch {
            Dispatch::FirstComeFirstServed => Line::Fifo(VecDeque::new()),
            Dispatch::StrictPriority => Line::Priority(vec![VecDeque::new(); classes], 0),
            Dispatch::EarliestDeadlineFirst => Line::Deadline(BinaryHeap::new()),
        }
    }
    #[inline]
    fn push(&mut self, w: Waiting) {
        match self {
            Line::Fifo(q) => q.push_back(w),
            Line::Priority(qs, len) => {
                qs[w.class as usize].push_back(w);
                *len += 1;
            }
            Line::Deadline(h) => h.push(Keyed::new(0, w.deadline, w.seq, w)),
        }
    }
    #[inline]
    fn pop(&mut self) -> Option<Waiting> {
        match self {
            Line::Fifo(q) => q.pop_front(),
            Line::Priority(qs, len) => {
                let w = qs.iter_mut().find_map(|q| q.pop_front());
                if w.is_some() {
                    *len -= 1;
                }
                w
            }
            Line::Deadline(h) => h.pop().map(|k| k.item),
        }
    }
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn len(&self) -> usize {
        match self {
            Line::Fifo(q) => q.len(),
            Line::Priority(_, len) => *len,
            Line::Deadline(h) => h.len(),
        }
    }
    /// Removes the tickets whose customers gave up by `now`, handing each
    /// to `gone`.
    fn sweep(&mut self, now: f64, mut gone: impl FnMut(&Waiting)) {
        let mut keep = |w: &Waiting| {
            if w.gives_up_at <= now {
                gone(w);
                false
            } else {
                true
            }
        };
        match self {
            Line::Fifo(q) => q.retain(|w| keep(w)),
            Line::Priority(qs, len) => {
                for q in qs.iter_mut() {
                    q.retain(|w| keep(w));
                }
                *len = qs.iter().map(VecDeque::len).sum();
            }
            Line::Deadline(h) => h.retain(|k| keep(&k.item)),
        }
    }
}

/// One measured ticket, kept in arrival order under MSER-5 so that the
/// replication's figures can be counted again from the truncation point.
#[derive(Debug, Clone, Copy)]
struct Observation {
    arrival: f64,
    /// Agent-seconds busy in the measured window before its arrival.
    busy_before: f64,
    /// Its time in queue (a customer who gave up: until they did).
    wait: f64,
    class: u32,
    waited: bool,
    abandoned: bool,
}

impl PreparedModel {
    /// The model with its warm-up set by `rule`.
    pub fn with_warm_up_rule(mut self, rule: WarmUpRule) -> PreparedModel {
        self.warm_up_rule = rule;
        self
    }

    /// The figures of the observations from `cut` on (MSER-5's
    /// truncation), the replication's busy time `busy_area` over the
    /// measured window.
    fn truncated(
        &self,
        observations: &[Observation],
        cut: usize,
        at_limit: bool,
        busy_area: f64,
    ) -> Replication {
        let (warm, end) = (self.warm_start, self.end);
        let mut tallies: Vec<ClassTally> = self
            .classes
            .iter()
            .map(|c| ClassTally::new(c.histogram_width))
            .collect();
        for o in &observations[cut..] {
            let t = &mut tallies[o.class as usize];
            t.offered += 1;
            t.waited += u64::from(o.waited);
            if o.abandoned {
                t.abandoned += 1;
                t.wait.push(o.wait);
            } else {
                record_answer(t, o.wait, self.classes[o.class as usize].answer_within);
            }
        }
        let (from, busy) = match observations.get(cut).filter(|_| cut > 0) {
            Some(first) => (first.arrival, busy_area - first.busy_before),
            None if cut > 0 => (end, 0.0),
            None => (warm, busy_area),
        };
        Replication {
            classes: tallies,
            busy_agent_seconds: busy,
            available_agent_seconds: self.agents as f64 * (end - from),
            truncation: Some(Truncated {
                tickets: cut as u64,
                seconds: from - warm,
                at_limit,
            }),
        }
    }

    /// Runs one replication on `rng`, polling `cancel` now and then.
    pub fn replicate(
        &self,
        rng: &mut SimRng,
        cancel: &CancelToken,
    ) -> Result<Replication, SimError> {
        let mut tallies: Vec<ClassTally> = self
            .classes
            .iter()
            .map(|c| ClassTally::new(c.histogram_width))
            .collect();
        let mut events: EventQueue<Event> = EventQueue::with_capacity(self.agents as usize + 1);
        let mut line = Line::new(self.dispatch, self.classes.len());
        let single_class = self.classes.len() == 1;
        let (warm, end) = (self.warm_start, self.end);

        let mut idle = self.agents;
        let mut busy_area = 0.0;
        let mut last = 0.0_f64;
        let mut seq = 0u64;
        let mut handled = 0u64;
        let mut sweep_at = 1024usize;
        let observe = self.warm_up_rule == WarmUpRule::Mser5;
        let mut observations: Vec<Observation> = Vec::new();

        let first: f64 = Exp1.sample(rng);
        events.schedule(
            SimTime::from_seconds(first / self.total_rate),
            Event::Arrival,
        );

        while let Some((time, event)) = events.pop() {
            let now = time.as_seconds();
            handled += 1;
            if handled % CANCEL_POLL_EVENTS == 0 && cancel.is_cancelled() {
                return Err(SimError::Cancelled);
            }
            let busy = self.agents - idle;
            if busy > 0 {
                let lo = last.max(warm);
                let hi = now.min(end);
                if hi > lo {
                    busy_area += busy as f64 * (hi - lo);
                }
            }
            last = now;

            match event {
                Event::Arrival => {
                    let class = if single_class {
                        0
                    } else {
                        let u = rng.random::<f64>() * self.total_rate;
                        self.cumulative
                            .iter()
                            .position(|&c| u < c)
                            .unwrap_or(self.classes.len() - 1)
                    };
                    let gap: f64 = Exp1.sample(rng);
                    let next = now + gap / self.total_rate;
                    if next < end {
                        events.schedule(SimTime::from_seconds(next), Event::Arrival);
                    }
                    let spec = &self.classes[class];
                    let counted = now >= warm;
                    if counted {
                        tallies[class].offered += 1;
                    }
                    let observation = observations.len() as u32;
                    if counted && observe {
                        observations.push(Observation {
                            arrival: now,
                            busy_before: busy_area,
                            wait: 0.0,
                            class: class as u32,
                            waited: idle == 0,
                            abandoned: false,
                        });
                    }
                    if idle > 0 {
                        idle -= 1;
                        if counted {
                            record_answer(&mut tallies[class], 0.0, spec.answer_within);
                        }
                        let work = spec.handle.sample(rng);
                        events.schedule(SimTime::from_seconds(now + work), Event::Departure);
                    } else {
                        if counted {
                            tallies[class].waited += 1;
                        }
                        let gives_up_at = match &spec.patience {
                            Some(p) => now + p.sample(rng),
                            None => f64::INFINITY,
                        };
                        seq += 1;
                        line.push(Waiting {
                            arrival: now,
                            gives_up_at,
                            deadline: now + spec.answer_within,
                            seq,
                            class: class as u32,
                            counted,
                            observation,
                        });
                        if line.len() >= sweep_at {
                            line.sweep(now, |w| {
                                record_abandon(&mut tallies, w);
                                observe_end(&mut observations, w, w.gives_up_at, true);
                            });
                            sweep_at = (2 * line.len()).max(1024);
                        }
                    }
                }
                Event::Departure => {
                    let mut started = false;
                    while let Some(w) = line.pop() {
                        if w.gives_up_at <= now {
                            record_abandon(&mut tallies, &w);
                            observe_end(&mut observations, &w, w.gives_up_at, true);
                            continue;
                        }
                        let spec = &self.classes[w.class as usize];
                        if w.counted {
                            record_answer(
                                &mut tallies[w.class as usize],
                                now - w.arrival,
                                spec.answer_within,
                            );
                            observe_end(&mut observations, &w, now, false);
                        }
                        let work = spec.handle.sample(rng);
                        events.schedule(SimTime::from_seconds(now + work), Event::Departure);
                        started = true;
                        break;
                    }
                    if !started {
                        idle += 1;
                    }
                }
            }
            // Once arrivals have stopped and nobody waits, the remaining
            // departures cannot change any measured figure.
            if now >= end && line.is_empty() {
                break;
            }
        }
        if observe {
            let waits: Vec<f64> = observations.iter().map(|o| o.wait).collect();
            let (cut, at_limit) = mser5(&waits);
            return Ok(self.truncated(&observations, cut, at_limit, busy_area));
        }
        Ok(Replication {
            classes: tallies,
            busy_agent_seconds: busy_area,
            available_agent_seconds: self.agents as f64 * (end - warm),
            truncation: None,
        })
    }
}

/// Records when a queued ticket's wait ended (answered at `at`, or
/// abandoned then), under MSER-5.
#[inline]
fn observe_end(observations: &mut [Observation], w: &Waiting, at: f64, abandoned: bool) {
    if !w.counted {
        return;
    }
    if let Some(o) = observations.get_mut(w.observation as usize) {
        o.wait = at - w.arrival;
        o.abandoned = abandoned;
    }
}

#[inline]
fn record_answer(t: &mut ClassTally, wait: f64, answer_within: f64) {
    t.answered += 1;
    if wait <= answer_within {
        t.answered_in_time += 1;
    }
    t.wait.push(wait);
    t.answered_wait.push(wait);
    t.answered_wait_histogram.push(wait);
}

fn record_abandon(tallies: &mut [ClassTally], w: &Waiting) {
    if w.counted {
        let t = &mut tallies[w.class as usize];
        t.abandoned += 1;
        t.wait.push(w.gives_up_at - w.arrival);
    }
}

impl SteadyStateReport {
    /// Summarises replications of a model whose classes are named `names`.
    pub fn from_replications(
        names: &[String],
        reps: &[Replication],
        confidence: f64,
    ) -> SteadyStateReport {
        let classes = names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let tallies: Vec<&ClassTally> = reps.iter().map(|r| &r.classes[i]).collect();
                class_report(name, &tallies, confidence)
            })
            .collect();
        let merged: Vec<ClassTally> = reps
            .iter()
            .map(|r| {
                let mut all = r.classes[0].clone();
                for t in &r.classes[1..] {
                    all.offered += t.offered;
                    all.waited += t.waited;
                    all.answered += t.answered;
                    all.answered_in_time += t.answered_in_time;
                    all.abandoned += t.abandoned;
                    all.wait.merge(&t.wait);
                    all.answered_wait.merge(&t.answered_wait);
                }
                all
            })
            .collect();
        let mut overall = class_report("all", &merged.iter().collect::<Vec<_>>(), confidence);
        if names.len() > 1 {
            overall.answered_wait_p90 = None;
        }
        let occupancy: Vec<f64> = reps.iter().map(Replication::occupancy).collect();
        let truncations: Vec<Truncated> = reps.iter().filter_map(|r| r.truncation).collect();
        let truncation = (!truncations.is_empty()).then(|| {
            let of = |f: fn(&Truncated) -> f64| {
                let values: Vec<f64> = truncations.iter().map(f).collect();
                Estimate::from_replications(&values, confidence)
            };
            TruncationSummary {
                tickets: of(|t| t.tickets as f64),
                seconds: of(|t| t.seconds),
                at_limit: truncations.iter().filter(|t| t.at_limit).count(),
            }
        });
        SteadyStateReport {
            classes,
            overall,
            occupancy: Estimate::from_replications(&occupancy, confidence),
            replications: reps.len(),
            truncation,
        }
    }
}

fn class_report(name: &str, tallies: &[&ClassTally], confidence: f64) -> ClassReport {
    let est = |f: &dyn Fn(&ClassTally) -> f64| {
        let values: Vec<f64> = tallies.iter().map(|t| f(t)).collect();
        Estimate::from_replications(&values, confidence)
    };
    ClassReport {
        name: name.to_owned(),
        tickets: tallies.iter().map(|t| t.offered).sum(),
        probability_of_waiting: est(&ClassTally::probability_of_waiting),
        service_level: est(&ClassTally::service_level),
        average_speed_of_answer: est(&|t| t.answered_wait.mean()),
        mean_wait: est(&|t| t.wait.mean()),
        answered_wait_p90: tallies
            .iter()
            .map(|t| t.answered_wait_histogram.quantile(0.9))
            .collect::<Option<Vec<f64>>>()
            .map(|values| Estimate::from_replications(&values, confidence)),
        abandonment: est(&ClassTally::abandonment),
    }
}
