//! Team sizing: the fewest agents per team and shift that meet every
//! contractual objective in a given share of months.
//!
//! The search is generic over an [`Evaluator`], which answers "with these
//! headcounts, in what share of months does each objective hold, and where
//! do the breaches concentrate?". The simulation engine is one evaluator; a
//! fast synthetic one tests the search against a known minimum.
//!
//! # Search
//!
//! 1. Start from an estimate (Erlang C per shift, see [`erlang_start`]).
//! 2. **Add** while some objective falls short: one agent at a time on the
//!    slot (team × shift) with the most breach pressure; when the evaluator
//!    gives no pressure, on the slot whose extra agent helps most per hour.
//! 3. **Remove**: slot by slot, costliest agents first, take agents away
//!    while every objective still holds; repeat until nothing moves.
//! 4. **Exchange**: move one agent from a slot to another and remove again;
//!    keep the move when the total agent-hours fall. Repeat until no move
//!    pays.
//!
//! Every candidate is evaluated with the same seed (common random numbers),
//! so two staffings differ only by their agents, not by their luck, and
//! results are cached, so no staffing is simulated twice.
//!
//! # Sizing by cost
//!
//! The same search, on the same cache, can minimise money instead of
//! agent-hours ([`Goal`]): each slot's agent then costs its shift's loaded
//! cost over an average month.
//!
//! - **Total cost** (staff and expected credits): no staffing is refused,
//!   so the search is a descent: each slot in turn moves up, then down, one
//!   agent at a time while the total falls; when no slot moves alone, the
//!   first improving staffing of the neighbourhood is taken (one slot ±1 or
//!   ±2, two slots ±1 each in every combination of signs, and with at
//!   most five slots one agent on a slot for one on each of two others,
//!   either way), and the line moves start again. It stops when no
//!   staffing of the neighbourhood lowers the total by half a cent.
//! - **Staff cost under a credit limit**: the add–remove steps above, where
//!   a staffing holds when the 95th percentile of its monthly credits is at
//!   most the limit, then moves of the neighbourhood that take at least one
//!   agent away, each followed by adding agents while the limit is not met
//!   (and the staff still costs less) and removing what became spare,
//!   while one lowers the staff cost.
//!
//! Both run from several starts on one cache: the start given (the Erlang
//! C estimate), the fewest agent-hours holding every objective, today's
//! headcounts and every slot at its minimum; the answer is the cheapest
//! staffing evaluated that meets the goal, so a later start can only
//! improve it. A search in money that reaches `max_evaluations` returns
//! that staffing and says it was cut short
//! ([`SearchOutcome::budget_exhausted`]).
//!
//! Why these moves. Staff cost is linear in the headcounts; expected
//! credits fall as agents are added, by less for each further agent on the
//! same hours (each agent takes a smaller share of the breaches left:
//! convex-ish, up to the tiers' steps), and
//! agents of overlapping shifts substitute for each other. A function of
//! that shape is close to M♮-convex (discrete convexity with gross
//! substitutes), and for an M♮-convex function a staffing that no move of
//! one slot ±1 and no exchange of one agent between two slots improves is
//! a global minimum (the local optimality theorem of M♮-convex functions,
//! Murota, *Discrete Convex Analysis*, 2003).
//! Both slots ±1 together is the move L♮-convexity asks for in two
//! dimensions (shifts that are complements: an hour covered only when both
//! are staffed), and ±2 on one slot steps over a credit tier that one
//! agent does not cross. On two slots the neighbourhood is therefore every
//! move the two kinds of discrete convexity need. A long shift that covers
//! the hours of an early and a late one breaks both kinds (one of its
//! agents substitutes for two): trading one agent for two is the move
//! that case needs, tried up to five slots.
//!
//! What is not guaranteed. Credits are step functions of compliance,
//! capped: the total cost can have two basins (few agents paying the
//! capped credits, or enough agents to owe almost none) with a ridge
//! between them wider than one move; moves on three slots other than the
//! trade, and every move on three slots beyond five slots, are never
//! tried. The starts (the estimate, the
//! objectives' answer, today, the fewest agents) reach the basins found in
//! practice, not every one. For a limit on credits, more agents lower the
//! credits only up to noise: with few replications the 95th percentile
//! is not monotone, and a cheaper staffing that meets the limit may lie
//! beyond staffings that do not. Every figure is that of the replications
//! simulated (the same seed for every staffing), so the optimum is the
//! sampled landscape's: another seed can choose another staffing within
//! the noise.

use crate::error::ErrorCode;
use std::collections::HashMap;

use serde::Serialize;
use thiserror::Error;

use super::erlang::{required_agents, ErlangError, ServiceGoal, Traffic};
use super::model::{compile, simulate};
use super::outcome::{scenario_credits, Costs, ScenarioCredits};
use super::report::SimReport;
use super::run::{Flow, Progress, RunConfig};
use super::scenario::{Scenario, Shift, Stage};
use super::time::SimDuration;
use super::SimError;
use crate::model::{Metric, Money, Percent};

/// Hours in a week: the resolution of loads and shift patterns.
pub const HOURS_PER_WEEK: usize = 168;

/// One team × shift whose headcount the search chooses.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// The team.
    pub team: String,
    /// The shift.
    pub shift: String,
    /// The headcount today.
    pub current: u32,
    /// The paid hours per week of one agent on this shift: the cost of one
    /// more agent.
    pub hours_per_agent: f64,
    /// The fewest agents the search may leave.
    pub min: u32,
    /// The most agents the search may give.
    pub max: u32,
    /// What one more agent on this shift costs over an average month, in
    /// cents of the agreement's currency, when the scenario gives a cost.
    pub cost_per_month: Option<f64>,
}

/// The credits a staffing owes per month, over its replication-months.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CreditFigures {
    /// Their mean.
    pub expected: Money,
    /// Their 95th percentile.
    pub p95: Money,
}

/// What the search minimises, and what a staffing must hold.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
#[serde(tag = "minimise", rename_all = "kebab-case")]
pub enum Goal {
    /// The fewest paid agent-hours with every objective held in the
    /// confidence's share of months.
    #[default]
    Objectives,
    /// The lowest staff cost plus expected credits per month; no staffing
    /// is refused.
    TotalCost,
    /// The lowest staff cost whose 95th-percentile monthly credit is at
    /// most `credit_p95_under`.
    StaffCost {
        /// The most the 95th percentile of a month's credits may reach.
        credit_p95_under: Money,
    },
}

impl Goal {
    /// Whether the goal is in money (needs every staffing's credits and
    /// every slot's cost).
    pub fn in_money(self) -> bool {
        !matches!(self, Goal::Objectives)
    }
}

/// How well a staffing holds the objectives.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Per objective, the share of months in which it is met.
    pub p_meets: Vec<f64>,
    /// Per slot, how much of the shortfall lies in its hours (any scale;
    /// larger is worse, all zero when unknown).
    pub pressure: Vec<f64>,
    /// The credits the staffing owes, when the evaluator works them out
    /// (a goal in money needs them; none counts as no credit).
    pub credits: Option<CreditFigures>,
}

/// Something that can tell how a staffing performs.
pub trait Evaluator {
    /// Why an evaluation failed.
    type Error;
    /// Evaluates one headcount per slot, in slot order.
    fn evaluate(&mut self, headcount: &[u32]) -> Result<Evaluation, Self::Error>;
}

/// The search's parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchConfig {
    /// The share of months in which every objective must hold, in (0, 1].
    pub confidence: f64,
    /// The most staffings to evaluate before giving up.
    pub max_evaluations: u32,
    /// What is minimised.
    pub goal: Goal,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            confidence: 0.9,
            max_evaluations: 400,
            goal: Goal::Objectives,
        }
    }
}

/// Why the search did not give a staffing.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum SizeError<E> {
    /// The evaluator failed.
    #[error(transparent)]
    Evaluator(E),
    /// The confidence is not a share.
    #[error("the confidence must be above 0% and at most 100%, not {}%", .0 * 100.0)]
    Confidence(f64),
    /// The slots and the start differ in length, or a slot's bounds are inverted.
    #[error("{0}")]
    Slots(String),
    /// Even the most agents allowed in every slot do not meet the objectives.
    #[error("the objectives are not met even with every shift at its maximum headcount")]
    Unreachable,
    /// A goal in money on a staffing with shifts that have no cost.
    #[error("sizing by cost needs a cost_per_hour for every shift; none for {}", .0.join(", "))]
    NoCost(Vec<String>),
    /// The search used up its evaluations.
    #[error("no staffing found within {0} evaluations")]
    Budget(u32),
    /// A credit limit below zero.
    #[error("the limit on the 95th-percentile monthly credit must be zero or more, not {0}")]
    Limit(Money),
}

impl SizeError<SimError> {
    /// The engine's code for an evaluation that failed, else `sizing`.
    pub fn code(&self) -> ErrorCode {
        match self {
            SizeError::Evaluator(e) => e.code(),
            SizeError::Confidence(_) => ErrorCode::InvalidSettings,
            SizeError::Slots(_) | SizeError::Unreachable | SizeError::Budget(_) => {
                ErrorCode::Sizing
            }
            SizeError::NoCost(_) | SizeError::Limit(_) => ErrorCode::InvalidSettings,
        }
    }
}

/// A step of the search, for progress reports.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchStep {
    /// Staffings evaluated so far.
    pub evaluations: u32,
    /// The cost of the best staffing found so far, if any: agent-hours per
    /// week, or cents per month for a goal in money.
    pub best_cost: Option<f64>,
}

/// The staffing found.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchOutcome {
    /// The headcount per slot.
    pub headcount: Vec<u32>,
    /// Its evaluation.
    pub evaluation: Evaluation,
    /// Its cost in agent-hours per week.
    pub agent_hours: f64,
    /// What the goal minimised: agent-hours per week, or cents per month
    /// (staff, and expected credits for the total cost).
    pub cost: f64,
    /// Staffings evaluated.
    pub evaluations: u32,
    /// Whether a search in money stopped at `max_evaluations` before its
    /// last move was checked (the staffing is then the cheapest evaluated).
    pub budget_exhausted: bool,
}

/// The cost of a staffing in agent-hours per week.
pub fn agent_hours(slots: &[Slot], headcount: &[u32]) -> f64 {
    slots
        .iter()
        .zip(headcount)
        .map(|(s, &n)| s.hours_per_agent * f64::from(n))
        .sum()
}

/// Below half a cent a month is no change: it keeps ties in money from
/// cycling and makes equal totals equal whatever order they were summed in.
const MONEY_TIE: f64 = 0.5;

/// The most slots for which a search in money tries trading one agent for
/// two (k(k − 1)(k − 2) staffings: 60 with five slots, 720 with ten, more
/// than a search's evaluations).
const MAX_SLOTS_FOR_TRADES: usize = 5;

struct Search<'a, E: Evaluator> {
    evaluator: &'a mut E,
    slots: &'a [Slot],
    confidence: f64,
    /// What the search minimises.
    goal: Goal,
    /// What the current phase aims at: the goal, or the objectives while a
    /// search in money finds one of its starting points.
    aim: Goal,
    budget: u32,
    cache: HashMap<Vec<u32>, Evaluation>,
    evaluations: u32,
    /// The cheapest staffing evaluated that meets the goal, with its cost.
    best: Option<(f64, Vec<u32>)>,
    progress: &'a mut dyn FnMut(SearchStep),
}

impl<E: Evaluator> Search<'_, E> {
    fn evaluate(&mut self, x: &[u32]) -> Result<Evaluation, SizeError<E::Error>> {
        if let Some(found) = self.cache.get(x) {
            return Ok(found.clone());
        }
        if self.evaluations >= self.budget {
            return Err(SizeError::Budget(self.budget));
        }
        let found = self.evaluator.evaluate(x).map_err(SizeError::Evaluator)?;
        self.evaluations += 1;
        if self.meets_for(self.goal, &found) {
            let cost = self.score_for(self.goal, x, &found);
            let tie = if self.goal.in_money() { MONEY_TIE } else { 0.0 };
            if self.best.as_ref().is_none_or(|(b, _)| cost < b - tie) {
                self.best = Some((cost, x.to_vec()));
            }
        }
        (self.progress)(SearchStep {
            evaluations: self.evaluations,
            best_cost: self.best.as_ref().map(|(c, _)| *c),
        });
        self.cache.insert(x.to_vec(), found.clone());
        Ok(found)
    }

    /// What one more agent on slot `i` costs in `goal`'s unit.
    fn unit_for(&self, goal: Goal, i: usize) -> f64 {
        let slot = &self.slots[i];
        match goal {
            Goal::Objectives => slot.hours_per_agent,
            Goal::TotalCost | Goal::StaffCost { .. } => slot.cost_per_month.unwrap_or(0.0),
        }
    }

    /// What one more agent on slot `i` costs in the phase's unit.
    fn unit(&self, i: usize) -> f64 {
        self.unit_for(self.aim, i)
    }

    /// The staff's cost in `goal`'s unit.
    fn staff_for(&self, goal: Goal, x: &[u32]) -> f64 {
        x.iter()
            .enumerate()
            .map(|(i, &n)| self.unit_for(goal, i) * f64::from(n))
            .sum()
    }

    /// The staff's cost in the phase's unit.
    fn staff(&self, x: &[u32]) -> f64 {
        self.staff_for(self.aim, x)
    }

    /// What `goal` minimises.
    fn score_for(&self, goal: Goal, x: &[u32], e: &Evaluation) -> f64 {
        let credits = e.credits.map_or(0.0, |c| c.expected.cents() as f64);
        match goal {
            Goal::TotalCost => self.staff_for(goal, x) + credits,
            Goal::Objectives | Goal::StaffCost { .. } => self.staff_for(goal, x),
        }
    }

    /// Whether the staffing evaluated as `e` meets `goal`.
    fn meets_for(&self, goal: Goal, e: &Evaluation) -> bool {
        match goal {
            // A tiny allowance keeps 9 months out of 10 at 90 % despite rounding.
            Goal::Objectives => e.p_meets.iter().all(|&p| p >= self.confidence - 1e-9),
            Goal::TotalCost => true,
            Goal::StaffCost { credit_p95_under } => {
                e.credits.map_or(0, |c| c.p95.cents()) <= credit_p95_under.cents()
            }
        }
    }

    fn meets(&self, e: &Evaluation) -> bool {
        self.meets_for(self.aim, e)
    }

    /// How far the staffing falls short of the phase's aim, summed.
    fn shortfall(&self, e: &Evaluation) -> f64 {
        match self.aim {
            Goal::Objectives => e
                .p_meets
                .iter()
                .map(|&p| (self.confidence - p).max(0.0))
                .sum(),
            Goal::TotalCost => 0.0,
            Goal::StaffCost { credit_p95_under } => {
                (e.credits.map_or(0, |c| c.p95.cents()) - credit_p95_under.cents()).max(0) as f64
            }
        }
    }

    /// The total of the staffing `x`, evaluated.
    fn total(&mut self, x: &[u32]) -> Result<f64, SizeError<E::Error>> {
        let e = self.evaluate(x)?;
        Ok(self.score_for(Goal::TotalCost, x, &e))
    }

    /// The staffings one move from `x`, within every slot's bounds: one
    /// slot one agent up or down, then two agents up or down, then two
    /// slots one agent each in every combination of directions (one up and
    /// the other down, both up, both down), then, with at most
    /// [`MAX_SLOTS_FOR_TRADES`] slots, one agent on a slot for one on each
    /// of two others, either way (a long shift for an early and a late
    /// one). With k slots that is at most 2k² + 2k staffings, and
    /// k(k − 1)(k − 2) more for the trades.
    fn neighbours(&self, x: &[u32]) -> Vec<Vec<u32>> {
        let slots = self.slots;
        let moved = |y: &mut [u32], i: usize, by: i64| -> bool {
            let n = i64::from(y[i]) + by;
            if n < i64::from(slots[i].min) || n > i64::from(slots[i].max) {
                return false;
            }
            y[i] = n as u32;
            true
        };
        let mut out = Vec::new();
        for by in [1, -1, 2, -2] {
            for i in 0..x.len() {
                let mut y = x.to_vec();
                if moved(&mut y, i, by) {
                    out.push(y);
                }
            }
        }
        for i in 0..x.len() {
            for j in i + 1..x.len() {
                for (a, b) in [(1, -1), (-1, 1), (1, 1), (-1, -1)] {
                    let mut y = x.to_vec();
                    if moved(&mut y, i, a) && moved(&mut y, j, b) {
                        out.push(y);
                    }
                }
            }
        }
        if x.len() <= MAX_SLOTS_FOR_TRADES {
            for k in 0..x.len() {
                for i in 0..x.len() {
                    for j in i + 1..x.len() {
                        if k == i || k == j {
                            continue;
                        }
                        for by in [1, -1] {
                            let mut y = x.to_vec();
                            if moved(&mut y, k, by)
                                && moved(&mut y, i, -by)
                                && moved(&mut y, j, -by)
                            {
                                out.push(y);
                            }
                        }
                    }
                }
            }
        }
        out
    }

    /// The descent of the total cost (see the module's docs); `x` ends at
    /// a staffing no move of the neighbourhood improves.
    fn descend(&mut self, x: &mut [u32]) -> Result<(), SizeError<E::Error>> {
        let mut here = self.total(x)?;
        loop {
            // Moves along one slot first: cheap, and most of the way.
            let mut moved = false;
            for i in 0..x.len() {
                for up in [true, false] {
                    loop {
                        let can = if up {
                            x[i] < self.slots[i].max
                        } else {
                            x[i] > self.slots[i].min
                        };
                        if !can {
                            break;
                        }
                        let mut y = x.to_vec();
                        if up {
                            y[i] += 1;
                        } else {
                            y[i] -= 1;
                        }
                        let t = self.total(&y)?;
                        if t < here - MONEY_TIE {
                            x.copy_from_slice(&y);
                            here = t;
                            moved = true;
                        } else {
                            break;
                        }
                    }
                }
            }
            if moved {
                continue;
            }
            for y in self.neighbours(x) {
                let t = self.total(&y)?;
                if t < here - MONEY_TIE {
                    x.copy_from_slice(&y);
                    here = t;
                    moved = true;
                    break;
                }
            }
            if !moved {
                return Ok(());
            }
        }
    }

    /// One improving move for the staff cost under a credit limit: a move
    /// of the neighbourhood that takes at least one agent away, then
    /// agents added (as the search adds them) while the limit is not met
    /// and the staff still costs less than `x`'s, then what became spare
    /// removed; whether the cost fell (then `x` holds the new staffing).
    fn polish(&mut self, x: &mut [u32]) -> Result<bool, SizeError<E::Error>> {
        let cost = self.staff(x);
        for mut y in self.neighbours(x) {
            if !y.iter().zip(x.iter()).any(|(a, b)| a < b)
                || !self.add_below(&mut y, cost - MONEY_TIE)?
            {
                continue;
            }
            self.remove_while_met(&mut y)?;
            if self.staff(&y) < cost - MONEY_TIE {
                x.copy_from_slice(&y);
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The starting points of a search in money, each different: `start`,
    /// the fewest agent-hours holding every objective (searched on the
    /// same cache; skipped when out of reach), today's headcounts, and
    /// every slot at its minimum.
    fn starts(&mut self, start: &[u32]) -> Result<Vec<Vec<u32>>, SizeError<E::Error>> {
        let mut starts = vec![start.to_vec()];
        self.aim = Goal::Objectives;
        let mut x = start.to_vec();
        let sized = self.add_until_met(&mut x).and_then(|()| {
            self.remove_while_met(&mut x)?;
            while self.exchange(&mut x)? {}
            Ok(())
        });
        self.aim = self.goal;
        match sized {
            Ok(()) => starts.push(x),
            Err(SizeError::Unreachable) => {}
            Err(e) => return Err(e),
        }
        starts.push(self.slots.iter().map(|s| s.current).collect());
        starts.push(self.slots.iter().map(|s| s.min).collect());
        let mut distinct: Vec<Vec<u32>> = Vec::new();
        for s in starts {
            let s: Vec<u32> = s
                .iter()
                .zip(self.slots)
                .map(|(&n, slot)| n.clamp(slot.min, slot.max))
                .collect();
            if !distinct.contains(&s) {
                distinct.push(s);
            }
        }
        Ok(distinct)
    }

    /// The search in money from every starting point; the answer is the
    /// cheapest staffing evaluated that meets the goal (`self.best`).
    fn in_money(&mut self, start: &[u32]) -> Result<(), SizeError<E::Error>> {
        for mut x in self.starts(start)? {
            match self.goal {
                Goal::TotalCost => self.descend(&mut x)?,
                _ => {
                    match self.add_until_met(&mut x) {
                        // Even the most agents do not meet the limit from
                        // here; another start will not either.
                        Err(SizeError::Unreachable) => continue,
                        found => found?,
                    }
                    self.remove_while_met(&mut x)?;
                    while self.polish(&mut x)? {}
                }
            }
        }
        Ok(())
    }

    fn feasible(&mut self, x: &[u32]) -> Result<bool, SizeError<E::Error>> {
        let e = self.evaluate(x)?;
        Ok(self.meets(&e))
    }

    fn add_until_met(&mut self, x: &mut [u32]) -> Result<(), SizeError<E::Error>> {
        self.add_below(x, f64::INFINITY).map(|_| ())
    }

    /// Adds agents until the aim is met, as long as the staff costs less
    /// than `ceiling`; whether it was met below it.
    fn add_below(&mut self, x: &mut [u32], ceiling: f64) -> Result<bool, SizeError<E::Error>> {
        loop {
            let e = self.evaluate(x)?;
            if self.meets(&e) {
                return Ok(true);
            }
            if self.staff(x) >= ceiling {
                return Ok(false);
            }
            let open: Vec<usize> = (0..x.len()).filter(|&i| x[i] < self.slots[i].max).collect();
            if open.is_empty() {
                return Err(SizeError::Unreachable);
            }
            // Breaches concentrate in some slots: try one more agent on each
            // of those (on every open slot when the evaluator gives no hint)
            // and keep the one that closes most of the shortfall per hour
            // paid; with simulated months, the busiest slot is not always the
            // bottleneck, so the hint narrows the trials rather than decides.
            let hinted: Vec<usize> = open
                .iter()
                .copied()
                .filter(|&i| e.pressure.get(i).copied().unwrap_or(0.0) > 0.0)
                .collect();
            let trials = if hinted.is_empty() {
                open.clone()
            } else {
                hinted
            };
            let before = self.shortfall(&e);
            let mut best: Option<(f64, f64, usize)> = None;
            for &i in &trials {
                x[i] += 1;
                let after = self.evaluate(x)?;
                x[i] -= 1;
                let gain = (before - self.shortfall(&after)) / self.unit(i).max(1e-9);
                let hint = e.pressure.get(i).copied().unwrap_or(0.0);
                if best.is_none_or(|(g, p, _)| gain > g || (gain == g && hint > p)) {
                    best = Some((gain, hint, i));
                }
            }
            let pick = best.map_or(open[0], |(_, _, i)| i);
            x[pick] += 1;
        }
    }

    /// Removes agents while the objectives hold; whether any was removed.
    fn remove_while_met(&mut self, x: &mut [u32]) -> Result<bool, SizeError<E::Error>> {
        let mut order: Vec<usize> = (0..x.len()).collect();
        order.sort_by(|&a, &b| self.unit(b).total_cmp(&self.unit(a)));
        let mut any = false;
        loop {
            let mut changed = false;
            for &i in &order {
                while x[i] > self.slots[i].min {
                    x[i] -= 1;
                    if self.feasible(x)? {
                        changed = true;
                    } else {
                        x[i] += 1;
                        break;
                    }
                }
            }
            any |= changed;
            if !changed {
                return Ok(any);
            }
        }
    }

    /// One improving exchange, if there is one: moves an agent from `a` to
    /// `b`, then removes what became spare.
    fn exchange(&mut self, x: &mut [u32]) -> Result<bool, SizeError<E::Error>> {
        let cost = self.staff(x);
        for a in 0..x.len() {
            for b in 0..x.len() {
                if a == b || x[a] <= self.slots[a].min || x[b] >= self.slots[b].max {
                    continue;
                }
                let mut y = x.to_vec();
                y[a] -= 1;
                y[b] += 1;
                if !self.feasible(&y)? {
                    continue;
                }
                self.remove_while_met(&mut y)?;
                if self.staff(&y) < cost - 1e-9 {
                    x.copy_from_slice(&y);
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }
}

/// Searches the cheapest headcounts, starting from `start`, that meet every
/// objective of `evaluator` in at least `config.confidence` of months (or,
/// for a goal in money, that minimise `config.goal`).
pub fn search<E: Evaluator>(
    evaluator: &mut E,
    slots: &[Slot],
    start: &[u32],
    config: &SearchConfig,
    progress: &mut dyn FnMut(SearchStep),
) -> Result<SearchOutcome, SizeError<E::Error>> {
    if !(config.confidence > 0.0 && config.confidence <= 1.0) {
        return Err(SizeError::Confidence(config.confidence));
    }
    if slots.len() != start.len() {
        return Err(SizeError::Slots(format!(
            "{} slots but {} starting headcounts",
            slots.len(),
            start.len()
        )));
    }
    if let Some(s) = slots.iter().find(|s| s.min > s.max) {
        return Err(SizeError::Slots(format!(
            "{} / {}: the minimum {} exceeds the maximum {}",
            s.team, s.shift, s.min, s.max
        )));
    }
    if config.goal.in_money() {
        let unpriced: Vec<String> = slots
            .iter()
            .filter(|s| s.cost_per_month.is_none())
            .map(|s| format!("{} / {}", s.team, s.shift))
            .collect();
        if !unpriced.is_empty() {
            return Err(SizeError::NoCost(unpriced));
        }
    }
    if let Goal::StaffCost { credit_p95_under } = config.goal {
        if credit_p95_under.cents() < 0 {
            return Err(SizeError::Limit(credit_p95_under));
        }
    }
    let mut search = Search {
        evaluator,
        slots,
        confidence: config.confidence,
        goal: config.goal,
        aim: config.goal,
        budget: config.max_evaluations,
        cache: HashMap::new(),
        evaluations: 0,
        best: None,
        progress,
    };
    let mut x: Vec<u32> = start
        .iter()
        .zip(slots)
        .map(|(&n, s)| n.clamp(s.min, s.max))
        .collect();
    let mut budget_exhausted = false;
    if config.goal.in_money() {
        match search.in_money(&x) {
            Ok(()) => {}
            // Every staffing evaluated is priced: the cheapest one meeting
            // the goal stands, and the outcome says the search was cut short.
            Err(SizeError::Budget(_)) if search.best.is_some() => budget_exhausted = true,
            Err(e) => return Err(e),
        }
        match &search.best {
            Some((_, found)) => x = found.clone(),
            None => return Err(SizeError::Unreachable),
        }
    } else {
        search.add_until_met(&mut x)?;
        search.remove_while_met(&mut x)?;
        while search.exchange(&mut x)? {}
    }
    let evaluation = search.evaluate(&x)?;
    Ok(SearchOutcome {
        cost: search.score_for(config.goal, &x, &evaluation),
        agent_hours: agent_hours(slots, &x),
        headcount: x,
        evaluation,
        evaluations: search.evaluations,
        budget_exhausted,
    })
}

/// The Erlang C estimate of each shift of one team.
///
/// Tickets wait hours, not seconds, so the estimate follows the work rather
/// than the peak hour: each hour's offered load (in Erlangs, Monday 00:00
/// first, in the team's zone) is shared equally by the shifts on duty that
/// hour, and load that arrives when no shift works waits for the next hour
/// one does. A shift's load is then the mean over the hours it works, and
/// its estimate the scheduled agents (with the goal's shrinkage) that Erlang
/// C needs for that load, with work sessions of `mean_handle`. A shift that
/// gets no load is estimated at zero.
pub fn erlang_start(
    erlangs: &[f64],
    shifts: &[Vec<bool>],
    goal: &ServiceGoal,
    mean_handle: SimDuration,
) -> Result<Vec<u32>, ErlangError> {
    let on = |s: usize, h: usize| shifts[s].get(h).copied().unwrap_or(false);
    let mut work = vec![0.0; shifts.len()];
    let mut carried = 0.0;
    // Two passes round the week, keeping the second, so that the load of
    // Sunday night reaches Monday morning's shifts.
    for pass in 0..2 {
        for h in 0..HOURS_PER_WEEK {
            carried += erlangs.get(h).copied().unwrap_or(0.0).max(0.0);
            let duty: Vec<usize> = (0..shifts.len()).filter(|&s| on(s, h)).collect();
            if duty.is_empty() {
                continue;
            }
            if pass == 1 {
                for &s in &duty {
                    work[s] += carried / duty.len() as f64;
                }
            }
            carried = 0.0;
        }
    }
    shifts
        .iter()
        .zip(work)
        .map(|(hours, work)| {
            let worked = hours.iter().filter(|&&h| h).count();
            if worked == 0 || work <= 0.0 {
                return Ok(0);
            }
            let handle_hours = mean_handle.as_seconds() / 3600.0;
            let traffic = Traffic {
                arrivals_per_hour: work / worked as f64 / handle_hours,
                mean_handle_time: mean_handle,
                mean_patience: None,
            };
            Ok(required_agents(&traffic, goal)?.scheduled_agents)
        })
        .collect()
}

/// What a team's Erlang C starting estimate assumed: the team's own mean
/// work session and the tightest first-response target (with its
/// objective) of the tickets it triages; 80 % within one hour when it
/// triages none with a fixed target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErlangBasis {
    /// The team.
    pub team: String,
    /// Its mean work session, in seconds.
    pub mean_handle_seconds: f64,
    /// The answer time aimed at, in seconds of its clock.
    pub answer_within_seconds: f64,
    /// The share to answer within it.
    pub service_level: f64,
    /// Whether the target and objective are the agreement's (else the
    /// default of 80 % within one hour).
    pub from_targets: bool,
}

impl ErlangBasis {
    pub(crate) fn of(team: &str, load: Option<&super::model::TeamLoad>) -> ErlangBasis {
        let work: f64 = load.map_or(0.0, |l| l.erlangs.iter().sum());
        let sessions: f64 = load.map_or(0.0, |l| l.sessions.iter().sum());
        let mean_handle_seconds = if sessions > 0.0 && work > 0.0 {
            work / sessions * 3600.0
        } else {
            3600.0
        };
        let target = load.and_then(|l| l.first_response);
        ErlangBasis {
            team: team.to_owned(),
            mean_handle_seconds,
            answer_within_seconds: target.map_or(3600.0, |(w, _)| w.max(1.0)),
            service_level: target.map_or(0.8, |(_, g)| g.clamp(0.01, 0.999)),
            from_targets: target.is_some(),
        }
    }
}

/// The options of [`size_scenario`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SizeOptions {
    /// The share of months every objective must hold in, e.g. 0.9.
    pub confidence: f64,
    /// Replications, seed and threads of every evaluation (the same seed
    /// for every candidate: common random numbers).
    pub run: RunConfig,
    /// The most staffings to simulate.
    pub max_evaluations: u32,
}

/// One team × shift: today's headcount and the recommended one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShiftSizing {
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
    /// Paid hours per week of one agent on the shift.
    pub hours_per_agent: f64,
}

/// One contractual objective with the current and the recommended staffing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectiveSizing {
    /// The portfolio member whose objective it is; absent for a scenario.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    /// The plan.
    pub plan: String,
    /// The priority.
    pub priority: String,
    /// The channel of the target row, if it names one.
    pub channel: Option<String>,
    /// The metric.
    pub metric: Metric,
    /// The contractual objective.
    pub objective: Option<Percent>,
    /// The share of months meeting it with today's staffing.
    pub p_meets_current: f64,
    /// The share of months meeting it with the recommended staffing.
    pub p_meets: f64,
}

/// The result of sizing a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SizingReport {
    /// The share of months every objective must hold in.
    pub confidence: f64,
    /// Replications per evaluation.
    pub replications: u32,
    /// The seed of every evaluation.
    pub seed: u64,
    /// Per team and shift, in the scenario's order.
    pub shifts: Vec<ShiftSizing>,
    /// Paid agent-hours per week today.
    pub current_agent_hours: f64,
    /// Paid agent-hours per week recommended.
    pub recommended_agent_hours: f64,
    /// Whether today's staffing already meets every objective at the confidence.
    pub current_meets: bool,
    /// The contractual objectives the workload reaches.
    pub objectives: Vec<ObjectiveSizing>,
    /// Staffings simulated.
    pub evaluations: u32,
    /// What each team's Erlang C starting estimate assumed.
    pub erlang_basis: Vec<ErlangBasis>,
    /// What today's staffing costs, when the scenario gives a cost.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost_current: Option<super::scenario::StaffCost>,
    /// What the recommended staffing costs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost_recommended: Option<super::scenario::StaffCost>,
    /// What was minimised, when not the agent-hours holding every
    /// objective.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal: Option<Goal>,
    /// The credits today's staffing owes, when the sizing worked them out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credits_current: Option<CreditFigures>,
    /// The credits the recommended staffing owes, when worked out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credits_recommended: Option<CreditFigures>,
    /// Staff and credits of today's staffing, when both are known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub costs_current: Option<Costs>,
    /// Staff and credits of the recommended staffing, when both are known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub costs_recommended: Option<Costs>,
    /// The agreement's currency (ISO 4217), when the sizing worked out
    /// credits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Whether a sizing in money stopped at its most evaluations: the
    /// staffing is then the cheapest simulated, not one no move improves.
    #[serde(skip_serializing_if = "is_false")]
    pub budget_exhausted: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// How a sizing searches, beyond [`SizeOptions`]: what it minimises, where
/// it starts, and whether it works out every staffing's credits.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SizePlan {
    /// What is minimised.
    pub goal: Goal,
    /// The headcount per slot (team by team, shift by shift) to start
    /// from, instead of the Erlang C estimate.
    pub start: Option<Vec<u32>>,
    /// Whether to work out the credits of every staffing simulated (always
    /// done for a goal in money).
    pub credits: bool,
}

/// The simulation engine as an [`Evaluator`]: each candidate is the
/// scenario with its shifts' headcounts replaced, run with the same
/// replications and seed.
pub struct ScenarioEvaluator<'a> {
    scenario: Scenario,
    slots: Vec<(usize, usize)>,
    hours: Vec<Vec<bool>>,
    config: RunConfig,
    confidence: f64,
    observer: &'a (dyn Fn(Progress) -> Flow + Sync),
    last: Option<SimReport>,
    seen: HashMap<Vec<u32>, Evaluation>,
    simulated: u32,
    /// The report and credits of every staffing simulated, when asked for.
    credits: Option<HashMap<Vec<u32>, (SimReport, ScenarioCredits)>>,
    /// The portfolio whose shared teams `scenario` holds, when sizing one:
    /// each candidate is then the portfolio with those teams, and every
    /// member's objectives are judged.
    portfolio: Option<Box<super::portfolio::Portfolio>>,
}

impl<'a> ScenarioEvaluator<'a> {
    /// An evaluator over every shift of every team of `scenario`.
    /// `confidence` tells which objectives fall short, for the pressure.
    pub fn new(
        scenario: &Scenario,
        config: RunConfig,
        confidence: f64,
        observer: &'a (dyn Fn(Progress) -> Flow + Sync),
    ) -> Self {
        let mut slots = Vec::new();
        let mut hours = Vec::new();
        for (t, team) in scenario.staffing.teams.iter().enumerate() {
            for (s, shift) in team.shifts.iter().enumerate() {
                slots.push((t, s));
                hours.push(shift_hours(shift));
            }
        }
        ScenarioEvaluator {
            scenario: scenario.clone(),
            slots,
            hours,
            config,
            confidence,
            observer,
            last: None,
            seen: HashMap::new(),
            simulated: 0,
            credits: None,
            portfolio: None,
        }
    }

    /// An evaluator over every shift of the shared teams of `portfolio`:
    /// each candidate holds every member's objectives at once.
    pub fn for_portfolio(
        portfolio: &super::portfolio::Portfolio,
        config: RunConfig,
        confidence: f64,
        observer: &'a (dyn Fn(Progress) -> Flow + Sync),
    ) -> Self {
        let mut evaluator =
            ScenarioEvaluator::new(&portfolio.shared(), config, confidence, observer);
        evaluator.portfolio = Some(Box::new(portfolio.clone()));
        evaluator
    }

    /// Also works out the credits of every staffing simulated (the
    /// scenario's incidents simulated with the same replications and seed),
    /// and keeps its report.
    pub fn with_credits(mut self) -> Self {
        self.credits = Some(HashMap::new());
        self
    }

    /// The credits of a staffing simulated, when worked out.
    pub fn credits_of(&self, headcount: &[u32]) -> Option<&ScenarioCredits> {
        self.credits.as_ref()?.get(headcount).map(|(_, c)| c)
    }

    /// The report of a staffing simulated, when kept (with the credits).
    pub fn report_of(&self, headcount: &[u32]) -> Option<&SimReport> {
        self.credits.as_ref()?.get(headcount).map(|(r, _)| r)
    }

    /// How many staffings were simulated (each at most once).
    pub fn simulated(&self) -> u32 {
        self.simulated
    }

    /// The simulation report of the last staffing simulated.
    pub fn last_report(&self) -> Option<&SimReport> {
        self.last.as_ref()
    }
}

/// The hours of the week (Monday 00:00 first) a shift works.
/// The share of each hour of the week (Monday 00:00–01:00 first, in the
/// team's zone) that `shift` works: 1 for a whole hour, 0.5 for a shift
/// that starts at half past.
pub(crate) fn shift_cover(shift: &Shift) -> Vec<f64> {
    let mut cover = vec![0.0; HOURS_PER_WEEK];
    let start = i64::from(shift.hours.start.minutes());
    let length = i64::from(shift.hours.length_minutes().max(0));
    let mut days = shift.days.clone();
    days.sort_by_key(|d| d.index());
    days.dedup();
    for day in &days {
        let from = i64::from(day.index()) * 24 * 60 + start;
        let mut m = from;
        while m < from + length {
            let hour_end = m - m.rem_euclid(60) + 60;
            let to = hour_end.min(from + length);
            let slot = (m.div_euclid(60)).rem_euclid(HOURS_PER_WEEK as i64) as usize;
            cover[slot] = (cover[slot] + (to - m) as f64 / 60.0).min(1.0);
            m = to;
        }
    }
    cover
}

fn shift_hours(shift: &Shift) -> Vec<bool> {
    let mut hours = vec![false; HOURS_PER_WEEK];
    let start = i64::from(shift.hours.start.minutes());
    let length = i64::from(shift.hours.length_minutes().max(0));
    for day in &shift.days {
        let from = i64::from(day.index()) * 24 * 60 + start;
        let mut m = from - from % 60;
        while m < from + length {
            hours[(m / 60).rem_euclid(HOURS_PER_WEEK as i64) as usize] = true;
            m += 60;
        }
    }
    hours
}

impl Evaluator for ScenarioEvaluator<'_> {
    type Error = SimError;

    fn evaluate(&mut self, headcount: &[u32]) -> Result<Evaluation, SimError> {
        if let Some(known) = self.seen.get(headcount) {
            return Ok(known.clone());
        }
        self.simulated += 1;
        for (&(t, s), &n) in self.slots.iter().zip(headcount) {
            self.scenario.staffing.teams[t].shifts[s].headcount = n;
        }
        let compiled = match &self.portfolio {
            Some(p) => p.compile_with(&self.scenario.staffing)?,
            None => compile(&self.scenario)?,
        };
        let report = simulate(&compiled, &self.config, self.observer)?;
        let credits = match &mut self.credits {
            Some(seen) => {
                let c = scenario_credits(&self.scenario, &report, &self.config, self.observer)?;
                let zero = Money::from_cents(0);
                let figures = CreditFigures {
                    expected: c.credits.expected.unwrap_or(zero),
                    p95: c.credits.p95.unwrap_or(zero),
                };
                seen.insert(headcount.to_vec(), (report.clone(), c));
                Some(figures)
            }
            None => None,
        };
        let p_meets: Vec<f64> = report.objectives.iter().filter_map(|o| o.p_meets).collect();
        // A slot's pressure: the breaches by hour of creation in the hours it
        // works, times how far short are the objectives its team works on.
        let short: Vec<(&str, &str, f64)> = report
            .objectives
            .iter()
            .filter_map(|o| {
                let p = o.p_meets?;
                (p < self.confidence).then_some((
                    o.plan.as_str(),
                    o.priority.as_str(),
                    self.confidence - p,
                ))
            })
            .collect();
        let pressure = self
            .slots
            .iter()
            .zip(&self.hours)
            .map(|(&(t, _), hours)| {
                let team = &self.scenario.staffing.teams[t];
                let gap: f64 = short
                    .iter()
                    .filter(|(plan, priority, _)| {
                        [Stage::Triage, Stage::Resolution]
                            .iter()
                            .any(|&stage| team.works(stage, plan, priority))
                    })
                    .map(|(_, _, gap)| gap)
                    .sum();
                let breaches: f64 = report
                    .breach_heatmap
                    .iter()
                    .zip(hours)
                    .filter(|(_, &on)| on)
                    .map(|(cell, _)| cell.breaches as f64)
                    .sum();
                gap * breaches
            })
            .collect();
        self.last = Some(report);
        let evaluation = Evaluation {
            p_meets,
            pressure,
            credits,
        };
        self.seen.insert(headcount.to_vec(), evaluation.clone());
        Ok(evaluation)
    }
}

/// The slots a sizing chooses headcounts for, where it starts, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotPlan {
    /// Every shift of every team, team by team (the evaluator's order).
    pub slots: Vec<Slot>,
    /// The Erlang C estimate per slot.
    pub start: Vec<u32>,
    /// What each team's estimate assumed.
    pub bases: Vec<ErlangBasis>,
}

/// The slots of `scenario` (compiled as `compiled`) with their bounds,
/// costs and Erlang C starting estimates.
pub fn slot_plan(
    scenario: &Scenario,
    compiled: &super::model::CompiledModel,
) -> Result<SlotPlan, SizeError<SimError>> {
    let loads = compiled.offered_load();
    let mut slots = Vec::new();
    let mut start = Vec::new();
    let mut bases = Vec::new();
    for (t, team) in scenario.staffing.teams.iter().enumerate() {
        let masks: Vec<Vec<bool>> = team.shifts.iter().map(shift_hours).collect();
        let load = loads.get(t);
        let basis = ErlangBasis::of(&team.name, load);
        let goal = ServiceGoal {
            service_level: basis.service_level,
            answer_within: SimDuration::from_seconds(basis.answer_within_seconds),
            shrinkage: team
                .shrinkage
                .map_or(0.0, |s| s.fraction())
                .clamp(0.0, 0.95),
            max_occupancy: None,
        };
        let erlangs = load
            .map(|l| l.erlangs.clone())
            .unwrap_or_else(|| vec![0.0; HOURS_PER_WEEK]);
        let estimates = erlang_start(
            &erlangs,
            &masks,
            &goal,
            SimDuration::from_seconds(basis.mean_handle_seconds),
        )
        .map_err(|e| {
            SizeError::Evaluator(SimError::InvalidParameter {
                path: format!("staffing.teams[{t}]"),
                problem: e.to_string(),
            })
        })?;
        bases.push(basis);
        for (shift, estimate) in team.shifts.iter().zip(estimates) {
            let hours_per_agent = Shift {
                headcount: 1,
                ..shift.clone()
            }
            .agent_hours_per_week();
            slots.push(Slot {
                team: team.name.clone(),
                shift: shift.name.clone(),
                current: shift.headcount,
                hours_per_agent,
                min: 0,
                max: shift.headcount.max(estimate).saturating_mul(3).max(10),
                cost_per_month: team
                    .cost_of(shift)
                    .map(|c| c.cents() as f64 * hours_per_agent * super::scenario::WEEKS_PER_MONTH),
            });
            start.push(estimate);
        }
    }
    Ok(SlotPlan {
        slots,
        start,
        bases,
    })
}

/// Sizes every shift of `scenario`: the cheapest headcounts (in paid
/// agent-hours per week) with which every contractual objective holds in
/// at least `options.confidence` of simulated months.
pub fn size_scenario(
    scenario: &Scenario,
    options: &SizeOptions,
    progress: &mut dyn FnMut(SearchStep),
) -> Result<SizingReport, SizeError<SimError>> {
    size_scenario_observed(scenario, options, progress, &|_| Flow::Continue)
}

/// [`size_scenario`], with `observer` told of every replication of every
/// staffing simulated: returning [`Flow::Cancel`] stops the search, which
/// then fails with [`SimError::Cancelled`].
pub fn size_scenario_observed(
    scenario: &Scenario,
    options: &SizeOptions,
    progress: &mut dyn FnMut(SearchStep),
    observer: &(dyn Fn(Progress) -> Flow + Sync),
) -> Result<SizingReport, SizeError<SimError>> {
    size_scenario_with(scenario, options, &SizePlan::default(), progress, observer)
}

/// [`size_scenario_observed`] as `plan` says: what to minimise (the search
/// and its cache are the same), where to start, whether to work out the
/// credits of every staffing.
pub fn size_scenario_with(
    scenario: &Scenario,
    options: &SizeOptions,
    plan: &SizePlan,
    progress: &mut dyn FnMut(SearchStep),
    observer: &(dyn Fn(Progress) -> Flow + Sync),
) -> Result<SizingReport, SizeError<SimError>> {
    let compiled = compile(scenario).map_err(SizeError::Evaluator)?;
    let mut evaluator = ScenarioEvaluator::new(scenario, options.run, options.confidence, observer);
    let with_credits = plan.credits || plan.goal.in_money();
    if with_credits {
        evaluator = evaluator.with_credits();
    }
    sized(scenario, &compiled, evaluator, options, plan, progress)
}

/// Sizes the shared teams of a portfolio (issue 16): the cheapest
/// headcounts in paid agent-hours with which every member's objectives
/// hold at once, each in at least `options.confidence` of simulated
/// months. A goal in money is refused: the members' credits may be in
/// several currencies.
pub fn size_portfolio(
    portfolio: &super::portfolio::Portfolio,
    options: &SizeOptions,
    progress: &mut dyn FnMut(SearchStep),
    observer: &(dyn Fn(Progress) -> Flow + Sync),
) -> Result<SizingReport, SizeError<SimError>> {
    let compiled = portfolio.compile().map_err(SizeError::Evaluator)?;
    let evaluator =
        ScenarioEvaluator::for_portfolio(portfolio, options.run, options.confidence, observer);
    sized(
        &portfolio.shared(),
        &compiled,
        evaluator,
        options,
        &SizePlan::default(),
        progress,
    )
}

/// The search of [`size_scenario_with`] and [`size_portfolio`] with the
/// evaluator made for either.
fn sized(
    scenario: &Scenario,
    compiled: &super::model::CompiledModel,
    mut evaluator: ScenarioEvaluator<'_>,
    options: &SizeOptions,
    plan: &SizePlan,
    progress: &mut dyn FnMut(SearchStep),
) -> Result<SizingReport, SizeError<SimError>> {
    let SlotPlan {
        slots,
        start,
        bases,
    } = slot_plan(scenario, compiled)?;
    let current: Vec<u32> = slots.iter().map(|s| s.current).collect();
    let current_eval = evaluator.evaluate(&current).map_err(SizeError::Evaluator)?;
    let objectives_report = evaluator
        .last_report()
        .map(|r| r.objectives.clone())
        .unwrap_or_default();
    let config = SearchConfig {
        confidence: options.confidence,
        max_evaluations: options.max_evaluations,
        goal: plan.goal,
    };
    let from = match &plan.start {
        Some(given) if given.len() == slots.len() => given.clone(),
        Some(given) => {
            return Err(SizeError::Slots(format!(
                "{} shifts but {} starting headcounts",
                slots.len(),
                given.len()
            )))
        }
        None => start.clone(),
    };
    let found = search(&mut evaluator, &slots, &from, &config, progress)?;
    let current_meets = current_eval
        .p_meets
        .iter()
        .all(|&p| p >= options.confidence - 1e-9);
    let with_goal: Vec<_> = objectives_report
        .iter()
        .filter(|o| o.p_meets.is_some())
        .collect();
    let objectives = with_goal
        .iter()
        .enumerate()
        .map(|(i, o)| ObjectiveSizing {
            member: o.member.clone(),
            plan: o.plan.clone(),
            priority: o.priority.clone(),
            channel: o.channel.clone(),
            metric: o.metric,
            objective: o.objective,
            p_meets_current: current_eval.p_meets.get(i).copied().unwrap_or(0.0),
            p_meets: found.evaluation.p_meets.get(i).copied().unwrap_or(0.0),
        })
        .collect();
    Ok(SizingReport {
        confidence: options.confidence,
        replications: options.run.replications,
        seed: options.run.seed,
        shifts: slots
            .iter()
            .zip(&found.headcount)
            .zip(&start)
            .map(|((s, &n), &e)| ShiftSizing {
                team: s.team.clone(),
                shift: s.shift.clone(),
                current: s.current,
                recommended: n,
                erlang: e,
                hours_per_agent: s.hours_per_agent,
            })
            .collect(),
        current_agent_hours: agent_hours(&slots, &current),
        recommended_agent_hours: found.agent_hours,
        current_meets,
        objectives,
        evaluations: evaluator.simulated(),
        erlang_basis: bases,
        cost_current: scenario.staffing.cost(),
        cost_recommended: {
            // Slots run team by team, shift by shift.
            let mut first = Vec::new();
            let mut n = 0;
            for team in &scenario.staffing.teams {
                first.push(n);
                n += team.shifts.len();
            }
            scenario
                .staffing
                .cost_with(|t, s| found.headcount.get(first[t] + s).copied().unwrap_or(0))
        },
        goal: plan.goal.in_money().then_some(plan.goal),
        credits_current: current_eval.credits,
        credits_recommended: found.evaluation.credits,
        costs_current: evaluator.credits_of(&current).and_then(|c| c.costs.clone()),
        costs_recommended: evaluator
            .credits_of(&found.headcount)
            .and_then(|c| c.costs.clone()),
        currency: evaluator.credits_of(&current).map(|c| c.currency.clone()),
        budget_exhausted: found.budget_exhausted,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng};

    /// Hours that need cover, and shifts that cover sets of hours: an
    /// objective per hour, met when the agents on duty reach the need.
    struct Coverage {
        need: Vec<u32>,
        covers: Vec<Vec<usize>>,
        calls: u32,
    }

    impl Evaluator for Coverage {
        type Error = std::convert::Infallible;
        fn evaluate(&mut self, x: &[u32]) -> Result<Evaluation, Self::Error> {
            self.calls += 1;
            let on_duty: Vec<u32> = (0..self.need.len())
                .map(|h| {
                    self.covers
                        .iter()
                        .zip(x)
                        .filter(|(c, _)| c.contains(&h))
                        .map(|(_, &n)| n)
                        .sum()
                })
                .collect();
            // Met in every month when covered; otherwise in a share of months
            // that grows with the cover, so it stays below any confidence used.
            let p_meets = on_duty
                .iter()
                .zip(&self.need)
                .map(|(&c, &n)| {
                    if c >= n {
                        1.0
                    } else {
                        0.5 * f64::from(c) / f64::from(n)
                    }
                })
                .collect();
            let pressure = self
                .covers
                .iter()
                .map(|c| {
                    c.iter()
                        .map(|&h| f64::from(self.need[h].saturating_sub(on_duty[h])))
                        .sum()
                })
                .collect();
            Ok(Evaluation {
                p_meets,
                pressure,
                credits: None,
            })
        }
    }

    fn slots(hours: &[f64], max: u32) -> Vec<Slot> {
        hours
            .iter()
            .enumerate()
            .map(|(i, &h)| Slot {
                team: "t".into(),
                shift: format!("s{i}"),
                current: 0,
                hours_per_agent: h,
                min: 0,
                max,
                cost_per_month: None,
            })
            .collect()
    }

    /// The cheapest feasible staffing by trying every one.
    fn brute_force(problem: &Coverage, slots: &[Slot]) -> f64 {
        let k = slots.len();
        let max = slots[0].max;
        let mut best = f64::INFINITY;
        let mut x = vec![0u32; k];
        loop {
            let ok = (0..problem.need.len()).all(|h| {
                problem
                    .covers
                    .iter()
                    .zip(&x)
                    .filter(|(c, _)| c.contains(&h))
                    .map(|(_, &n)| n)
                    .sum::<u32>()
                    >= problem.need[h]
            });
            if ok {
                best = best.min(agent_hours(slots, &x));
            }
            let mut i = 0;
            while i < k && x[i] == max {
                x[i] = 0;
                i += 1;
            }
            if i == k {
                return best;
            }
            x[i] += 1;
        }
    }

    #[test]
    fn finds_the_known_minimum_of_separate_shifts() {
        // Three shifts that never overlap: the minimum is each hour's need.
        let mut problem = Coverage {
            need: vec![3, 1, 4, 2, 0, 5],
            covers: vec![vec![0, 1], vec![2, 3], vec![4, 5]],
            calls: 0,
        };
        let slots = slots(&[8.0, 8.0, 8.0], 10);
        for start in [[0, 0, 0], [10, 10, 10], [3, 9, 1]] {
            let found = search(
                &mut problem,
                &slots,
                &start,
                &SearchConfig::default(),
                &mut |_| {},
            )
            .unwrap();
            assert_eq!(found.headcount, [3, 4, 5], "from {start:?}");
            assert_eq!(found.agent_hours, 96.0);
        }
    }

    #[test]
    fn finds_the_brute_force_minimum_of_overlapping_shifts() {
        // Random day shapes over 6 hours, with an early, a late, a middle and
        // a long shift of different costs: the search must reach the
        // exhaustive minimum from the empty staffing and from a generous one.
        let shapes = [
            vec![0, 1, 2],
            vec![3, 4, 5],
            vec![1, 2, 3, 4],
            vec![0, 1, 2, 3, 4, 5],
        ];
        let costs = [24.0, 24.0, 32.0, 44.0];
        let slots = slots(&costs, 6);
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(4);
        for case in 0..40 {
            let need: Vec<u32> = (0..6).map(|_| rng.random_range(0..5)).collect();
            let mut problem = Coverage {
                need: need.clone(),
                covers: shapes.to_vec(),
                calls: 0,
            };
            let expected = brute_force(&problem, &slots);
            for start in [[0u32; 4], [5; 4]] {
                let found = search(
                    &mut problem,
                    &slots,
                    &start,
                    &SearchConfig::default(),
                    &mut |_| {},
                )
                .unwrap();
                assert_eq!(
                    found.agent_hours, expected,
                    "case {case}, need {need:?}, from {start:?}: {:?}",
                    found.headcount
                );
                assert!(found.evaluation.p_meets.iter().all(|&p| p >= 0.9));
            }
        }
    }

    /// Hours that need cover, as in [`Coverage`], priced: each hour short
    /// of its need owes credits. The credit of an hour is `tiers[s]` cents
    /// for a shortfall of `s` agents (the last tier beyond), its 95th
    /// percentile half as much again.
    struct Priced {
        need: Vec<u32>,
        covers: Vec<Vec<usize>>,
        tiers: Vec<i64>,
        calls: u32,
    }

    impl Priced {
        fn credits(&self, x: &[u32]) -> i64 {
            (0..self.need.len())
                .map(|h| {
                    let on: u32 = self
                        .covers
                        .iter()
                        .zip(x)
                        .filter(|(c, _)| c.contains(&h))
                        .map(|(_, &n)| n)
                        .sum();
                    let short = self.need[h].saturating_sub(on) as usize;
                    self.tiers[short.min(self.tiers.len() - 1)]
                })
                .sum()
        }
    }

    impl Evaluator for Priced {
        type Error = std::convert::Infallible;
        fn evaluate(&mut self, x: &[u32]) -> Result<Evaluation, Self::Error> {
            self.calls += 1;
            let c = self.credits(x);
            Ok(Evaluation {
                p_meets: vec![],
                pressure: vec![0.0; x.len()],
                credits: Some(CreditFigures {
                    expected: Money::from_cents(c),
                    p95: Money::from_cents(c + c / 2),
                }),
            })
        }
    }

    fn priced(costs: &[f64], max: u32) -> Vec<Slot> {
        costs
            .iter()
            .enumerate()
            .map(|(i, &c)| Slot {
                team: "t".into(),
                shift: format!("s{i}"),
                current: 0,
                hours_per_agent: 40.0,
                min: 0,
                max,
                cost_per_month: Some(c),
            })
            .collect()
    }

    /// The least of `score` over every staffing in the slots' box, and
    /// every staffing within half a cent of it.
    fn cheapest(slots: &[Slot], score: impl Fn(&[u32]) -> Option<f64>) -> (f64, Vec<Vec<u32>>) {
        let mut all = vec![Vec::new()];
        for s in slots {
            all = all
                .into_iter()
                .flat_map(|x: Vec<u32>| {
                    (s.min..=s.max).map(move |n| {
                        let mut y = x.clone();
                        y.push(n);
                        y
                    })
                })
                .collect();
        }
        let scored: Vec<(f64, Vec<u32>)> = all
            .into_iter()
            .filter_map(|x| score(&x).map(|c| (c, x)))
            .collect();
        let least = scored.iter().map(|(c, _)| *c).fold(f64::INFINITY, f64::min);
        let argmin = scored
            .into_iter()
            .filter(|(c, _)| *c < least + MONEY_TIE)
            .map(|(_, x)| x)
            .collect();
        (least, argmin)
    }

    fn staff(slots: &[Slot], x: &[u32]) -> f64 {
        slots
            .iter()
            .zip(x)
            .map(|(s, &n)| s.cost_per_month.unwrap() * f64::from(n))
            .sum()
    }

    #[test]
    fn the_total_cost_leaves_a_minimum_that_needs_both_shifts_together() {
        // Two shifts cover one hour together: the credit only falls when
        // the hour has two agents more, one from each shift at the cheapest
        // (each shift is capped at one agent). Alone, neither agent pays;
        // together they save 100 for 60. A descent by one slot, or by an
        // exchange, stays at nobody.
        let mut problem = Priced {
            need: vec![2],
            covers: vec![vec![0], vec![0]],
            tiers: vec![0, 100, 100],
            calls: 0,
        };
        let slots = priced(&[30.0, 30.0], 1);
        let config = SearchConfig {
            goal: Goal::TotalCost,
            ..SearchConfig::default()
        };
        let found = search(&mut problem, &slots, &[0, 0], &config, &mut |_| {}).unwrap();
        assert_eq!(found.headcount, [1, 1]);
        assert_eq!(found.cost, 60.0);
        assert!(!found.budget_exhausted);
        assert_eq!(problem.calls, found.evaluations);
    }

    #[test]
    fn goals_in_money_reach_the_brute_force_optimum_of_overlapping_shifts() {
        // The shifts of the agent-hours test, with costs, and credits that
        // fall by less for each further agent short hours get (convex
        // tiers): both goals against every staffing of the box.
        let shapes = [
            vec![0, 1, 2],
            vec![3, 4, 5],
            vec![1, 2, 3, 4],
            vec![0, 1, 2, 3, 4, 5],
        ];
        let slots = priced(&[2400.0, 2400.0, 3200.0, 4400.0], 5);
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(9);
        for case in 0..30 {
            let need: Vec<u32> = (0..6).map(|_| rng.random_range(0..5)).collect();
            let step: i64 = rng.random_range(500..3000);
            let tiers: Vec<i64> = (0..6).map(|s| step * s * (s + 1) / 2).collect();
            let limit = Money::from_cents(rng.random_range(0..3) * step);
            let problem = |calls| Priced {
                need: need.clone(),
                covers: shapes.to_vec(),
                tiers: tiers.clone(),
                calls,
            };
            let reference = problem(0);
            for goal in [
                Goal::TotalCost,
                Goal::StaffCost {
                    credit_p95_under: limit,
                },
            ] {
                let (least, argmin) = cheapest(&slots, |x| {
                    let c = reference.credits(x);
                    match goal {
                        Goal::TotalCost => Some(staff(&slots, x) + c as f64),
                        _ => (c + c / 2 <= limit.cents()).then(|| staff(&slots, x)),
                    }
                });
                for start in [[0u32; 4], [5; 4], [2, 0, 3, 1]] {
                    let mut p = problem(0);
                    let config = SearchConfig {
                        goal,
                        ..SearchConfig::default()
                    };
                    let found = search(&mut p, &slots, &start, &config, &mut |_| {}).unwrap();
                    assert!(
                        (found.cost - least).abs() < MONEY_TIE && argmin.contains(&found.headcount),
                        "case {case}, {goal:?}, need {need:?}, from {start:?}: {:?} at {} against {least} at {argmin:?}",
                        found.headcount,
                        found.cost
                    );
                    assert!(!found.budget_exhausted);
                }
            }
        }
    }

    #[test]
    fn a_search_in_money_cut_short_returns_the_cheapest_staffing_simulated() {
        let mut problem = Priced {
            need: vec![3, 1, 4, 2, 0, 5],
            covers: vec![vec![0, 1], vec![2, 3], vec![4, 5]],
            tiers: vec![0, 5000, 10000, 15000, 20000, 25000],
            calls: 0,
        };
        let slots = priced(&[3000.0, 3000.0, 3000.0], 10);
        let config = SearchConfig {
            goal: Goal::TotalCost,
            max_evaluations: 4,
            ..SearchConfig::default()
        };
        let mut seen = Vec::new();
        let found = search(&mut problem, &slots, &[0, 0, 0], &config, &mut |s| {
            seen.push(s.best_cost)
        })
        .unwrap();
        assert!(found.budget_exhausted);
        assert_eq!(found.evaluations, 4);
        assert_eq!(problem.calls, 4);
        assert_eq!(Some(found.cost), *seen.last().unwrap());
    }

    #[test]
    fn a_credit_limit_below_zero_is_refused() {
        let mut problem = Priced {
            need: vec![1],
            covers: vec![vec![0]],
            tiers: vec![0, 100],
            calls: 0,
        };
        let found = search(
            &mut problem,
            &priced(&[10.0], 3),
            &[0],
            &SearchConfig {
                goal: Goal::StaffCost {
                    credit_p95_under: Money::from_cents(-1),
                },
                ..SearchConfig::default()
            },
            &mut |_| {},
        );
        let err = found.unwrap_err();
        assert_eq!(err, SizeError::Limit(Money::from_cents(-1)));
        assert_eq!(
            err.to_string(),
            "the limit on the 95th-percentile monthly credit must be zero or more, not -0.01"
        );
        assert_eq!(problem.calls, 0);
    }

    #[test]
    fn a_goal_in_money_needs_every_cost() {
        let mut problem = Coverage {
            need: vec![1],
            covers: vec![vec![0]],
            calls: 0,
        };
        let found = search(
            &mut problem,
            &slots(&[8.0], 3),
            &[0],
            &SearchConfig {
                goal: Goal::TotalCost,
                ..SearchConfig::default()
            },
            &mut |_| {},
        );
        assert_eq!(found, Err(SizeError::NoCost(vec!["t / s0".into()])));
    }

    #[test]
    fn stops_when_nothing_can_meet_the_objectives() {
        let mut problem = Coverage {
            need: vec![9],
            covers: vec![vec![0]],
            calls: 0,
        };
        let slots = slots(&[8.0], 5);
        let found = search(
            &mut problem,
            &slots,
            &[0],
            &SearchConfig::default(),
            &mut |_| {},
        );
        assert_eq!(found, Err(SizeError::Unreachable));
        let found = search(
            &mut problem,
            &slots,
            &[0],
            &SearchConfig {
                confidence: 0.0,
                max_evaluations: 5,
                goal: Goal::Objectives,
            },
            &mut |_| {},
        );
        assert_eq!(found, Err(SizeError::Confidence(0.0)));
    }

    #[test]
    fn evaluates_each_staffing_once() {
        let mut problem = Coverage {
            need: vec![3, 1, 4, 2, 0, 5],
            covers: vec![vec![0, 1], vec![2, 3], vec![4, 5]],
            calls: 0,
        };
        let slots = slots(&[8.0, 8.0, 8.0], 10);
        let mut steps = 0;
        let found = search(
            &mut problem,
            &slots,
            &[0, 0, 0],
            &SearchConfig::default(),
            &mut |_| steps += 1,
        )
        .unwrap();
        assert_eq!(problem.calls, found.evaluations);
        assert_eq!(steps, found.evaluations);
    }

    #[test]
    fn erlang_start_follows_the_work_to_the_shifts_on_duty() {
        // 3 Erlangs at 08:00 on Monday and 1 at 03:00 (nobody on duty: it
        // waits for 08:00); an early shift works 08:00–10:00, a late one
        // 09:00–11:00. The early shift takes the 4 Erlang-hours of 08:00 and
        // half of nothing at 09:00: a mean of 2 Erlangs over its 2 hours; the
        // late shift gets nothing.
        let mut erlangs = vec![0.0; HOURS_PER_WEEK];
        erlangs[8] = 3.0;
        erlangs[3] = 1.0;
        let shift = |from: usize, to: usize| {
            (0..HOURS_PER_WEEK)
                .map(|h| (from..to).contains(&h))
                .collect::<Vec<bool>>()
        };
        let goal = ServiceGoal {
            service_level: 0.8,
            answer_within: SimDuration::from_hours(1.0),
            shrinkage: 0.2,
            max_occupancy: None,
        };
        let found = erlang_start(
            &erlangs,
            &[shift(8, 10), shift(9, 11)],
            &goal,
            SimDuration::from_hours(1.0),
        )
        .unwrap();
        let direct = required_agents(
            &Traffic {
                arrivals_per_hour: 2.0,
                mean_handle_time: SimDuration::from_hours(1.0),
                mean_patience: None,
            },
            &goal,
        )
        .unwrap();
        assert_eq!(found, [direct.scheduled_agents, 0]);
        // Erlang C for 2 Erlangs needs 3 agents (2 cannot carry the load), 4 with 20 % shrinkage.
        assert_eq!(direct.scheduled_agents, 4);
    }
}
