//! Steady-state staffing formulas: Erlang B, Erlang C and Erlang A.
//!
//! All three describe one queue served by `n` identical agents, Poisson
//! arrivals at rate λ and exponential handle times of mean 1/μ; the offered
//! load is `a = λ/μ` Erlangs.
//!
//! - **Erlang B** (M/M/n/n): the share of arrivals that find every agent busy
//!   when nobody queues. Computed with the recursion
//!   `B(0) = 1, B(k) = a·B(k-1) / (k + a·B(k-1))`, which never forms a
//!   factorial or a power and stays exact for thousands of agents.
//! - **Erlang C** (M/M/n): customers wait for ever. From Erlang B,
//!   `C = n·B / (n - a·(1 - B))`, `P(W ≤ t) = 1 - C·e^{-(nμ-λ)t}`,
//!   `ASA = C / (nμ - λ)`.
//! - **Erlang A** (M/M/n+M, Palm's model): each waiting customer gives up
//!   after an exponential patience of mean 1/θ. The number in the system is a
//!   birth–death chain with birth rate λ and death rate `min(k,n)μ +
//!   max(k-n,0)θ`. Its states up to `n` follow from Erlang B (their sum is
//!   `π_n / B`); the queue states `n+k` have the weights
//!   `q_k = Π_{j=1..k} λ / (nμ + jθ)`, summed until a proven bound on the
//!   remaining tail falls below 1e-15 of the total (once the ratio
//!   `r = λ/(nμ+(K+1)θ)` is below one, every later weight is at most `q_K·r^m`,
//!   so the tail is at most `q_K·r/(1-r)`).
//!
//!   The waiting time of a customer who finds `k` others queued is exact too:
//!   it moves up one place at rate `nμ + jθ` when `j` are ahead, so its
//!   offered wait `V` is a sum of exponentials with rates `θ(b+j)`,
//!   `b = nμ/θ`, `j = 0..k`, which is the `(k+1)`-th death among `b+k`
//!   lifetimes of rate θ: `1 - e^{-θV}` is Beta(k+1, b) distributed. Hence
//!   `P(answered within t) = b/(b+k+1) · I_x(k+1, b+1)` with
//!   `x = 1 - e^{-θt}`, and `E[V; answered] = b/(b+k+1) · Σ_{j=0..k} 1/(θ(b+1+j))`.
//!   The incomplete beta values follow from each other by
//!   `I_x(k+2, b+1) = I_x(k+1, b+1) - t_k`, whose terms `t_k` are formed in
//!   log space, so the whole evaluation is one pass over the chain.
//!
//! Service level here is the share of **all** arrivals answered within the
//! threshold: a customer who gives up counts as a miss, whenever they give up.

use crate::error::ErrorCode;
use thiserror::Error;

use super::time::SimDuration;

/// The upper limit of agents the search for a staffing level considers.
pub const MAX_AGENTS: u32 = 1_000_000;

/// The most queue states the Erlang A evaluation visits before giving up.
const MAX_QUEUE_STATES: usize = 100_000_000;

/// The relative size of the neglected tail of the Erlang A chain.
const TAIL_TOLERANCE: f64 = 1e-15;

/// Why a staffing question cannot be answered.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum ErlangError {
    /// A rate or duration that must be strictly positive is not.
    #[error("{field} must be a positive number, not {value}")]
    NotPositive {
        /// The input, as the user knows it (e.g. `arrivals per hour`).
        field: &'static str,
        /// The value given.
        value: f64,
    },
    /// A share lies outside the range it must fall in.
    #[error("{field} must be {allowed}, not {}%", value * 100.0)]
    OutOfRange {
        /// The input, as the user knows it (e.g. `shrinkage`).
        field: &'static str,
        /// The value given, as a fraction of one.
        value: f64,
        /// The allowed range, in words.
        allowed: &'static str,
    },
    /// Without abandonment, a queue whose agents cannot carry the offered
    /// load grows without bound.
    #[error("{agents} agents cannot carry {load:.3} Erlangs of offered load: the queue grows without bound (at least {min} agents are needed)")]
    Unstable {
        /// The agents given.
        agents: u32,
        /// The offered load in Erlangs.
        load: f64,
        /// The fewest agents that keep the queue stable.
        min: u32,
    },
    /// No staffing level up to [`MAX_AGENTS`] meets the goal.
    #[error("no staffing up to {limit} agents meets the goal")]
    Unreachable {
        /// The largest headcount tried.
        limit: u32,
    },
    /// The Erlang A chain is too long to evaluate (patience very long
    /// compared with an overloaded queue's drain rate).
    #[error("the queue model needs more than {MAX_QUEUE_STATES} states; use a shorter patience or more agents")]
    TooManyStates,
}

impl ErlangError {
    /// `invalid-value` for an input out of its range, `sizing` for a
    /// queue no staffing answers.
    pub fn code(&self) -> ErrorCode {
        match self {
            ErlangError::NotPositive { .. } | ErlangError::OutOfRange { .. } => {
                ErrorCode::InvalidValue
            }
            ErlangError::Unstable { .. }
            | ErlangError::Unreachable { .. }
            | ErlangError::TooManyStates => ErrorCode::Sizing,
        }
    }
}

/// The traffic offered to one queue.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Traffic {
    /// Mean arrivals per hour (Poisson).
    pub arrivals_per_hour: f64,
    /// Mean handle time (exponential).
    pub mean_handle_time: SimDuration,
    /// Mean customer patience (exponential); `None` for customers who wait
    /// for ever (Erlang C).
    pub mean_patience: Option<SimDuration>,
}

impl Traffic {
    /// Checks that rates and durations are usable.
    pub fn validate(&self) -> Result<(), ErlangError> {
        if !(self.arrivals_per_hour.is_finite() && self.arrivals_per_hour > 0.0) {
            return Err(ErlangError::NotPositive {
                field: "arrivals per hour",
                value: self.arrivals_per_hour,
            });
        }
        let aht = self.mean_handle_time.as_seconds();
        if !(aht.is_finite() && aht > 0.0) {
            return Err(ErlangError::NotPositive {
                field: "average handle time (seconds)",
                value: aht,
            });
        }
        if let Some(p) = self.mean_patience {
            let p = p.as_seconds();
            if !(p.is_finite() && p > 0.0) {
                return Err(ErlangError::NotPositive {
                    field: "mean patience (seconds)",
                    value: p,
                });
            }
        }
        Ok(())
    }

    /// The offered load in Erlangs: arrivals per second × handle time.
    pub fn offered_load(&self) -> f64 {
        self.arrivals_per_hour / 3600.0 * self.mean_handle_time.as_seconds()
    }
}

/// The steady-state figures of one queue with a given number of agents.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QueueMetrics {
    /// Agents taking contacts (after shrinkage).
    pub agents: u32,
    /// The offered load in Erlangs.
    pub offered_load: f64,
    /// The share of arrivals that find every agent busy and wait.
    pub probability_of_waiting: f64,
    /// The share of all arrivals answered within the threshold.
    pub service_level: f64,
    /// Average speed of answer: the mean wait of the customers answered.
    pub average_speed_of_answer: SimDuration,
    /// The mean time in queue over all arrivals, including the time that
    /// customers who gave up spent waiting.
    pub mean_wait: SimDuration,
    /// The share of agent time spent handling contacts.
    pub occupancy: f64,
    /// The share of arrivals who give up before an answer (zero in Erlang C).
    pub abandonment: f64,
}

/// Erlang B: the probability that an arrival finds all `agents` busy in a
/// loss system with `load` Erlangs offered.
pub fn erlang_b(agents: u32, load: f64) -> f64 {
    let mut b = 1.0;
    for k in 1..=agents {
        b = load * b / (k as f64 + load * b);
    }
    b
}

/// Erlang C: the probability of waiting with `agents` agents and `load`
/// Erlangs offered; 1 when the queue is unstable (`load >= agents`).
pub fn erlang_c(agents: u32, load: f64) -> f64 {
    let n = agents as f64;
    if load >= n {
        return 1.0;
    }
    erlang_c_from_b(n, load, erlang_b(agents, load))
}

fn erlang_c_from_b(n: f64, load: f64, b: f64) -> f64 {
    n * b / (n - load * (1.0 - b))
}

/// The steady-state figures of `traffic` served by `agents` agents, with the
/// service level counted at `answer_within`.
pub fn metrics(
    traffic: &Traffic,
    agents: u32,
    answer_within: SimDuration,
) -> Result<QueueMetrics, ErlangError> {
    traffic.validate()?;
    if agents == 0 {
        return Err(ErlangError::NotPositive {
            field: "agents",
            value: 0.0,
        });
    }
    let b = erlang_b(agents, traffic.offered_load());
    metrics_from_b(traffic, agents, answer_within, b)
}

/// The figures for `agents` agents, given Erlang B for that headcount, so
/// that a search over headcounts can carry the recursion along.
fn metrics_from_b(
    traffic: &Traffic,
    agents: u32,
    answer_within: SimDuration,
    b: f64,
) -> Result<QueueMetrics, ErlangError> {
    let load = traffic.offered_load();
    let n = agents as f64;
    let lambda = traffic.arrivals_per_hour / 3600.0;
    let mu = 1.0 / traffic.mean_handle_time.as_seconds();
    let t = answer_within.as_seconds();
    match traffic.mean_patience {
        None => {
            if load >= n {
                return Err(ErlangError::Unstable {
                    agents,
                    load,
                    min: load.floor() as u32 + 1,
                });
            }
            let c = erlang_c_from_b(n, load, b);
            let drain = n * mu - lambda;
            let asa = c / drain;
            Ok(QueueMetrics {
                agents,
                offered_load: load,
                probability_of_waiting: c,
                service_level: 1.0 - c * (-drain * t).exp(),
                average_speed_of_answer: SimDuration::from_seconds(asa),
                mean_wait: SimDuration::from_seconds(asa),
                occupancy: load / n,
                abandonment: 0.0,
            })
        }
        Some(patience) => erlang_a(load, agents, lambda, mu, 1.0 / patience.as_seconds(), t, b),
    }
}

/// Erlang A by one pass over the queue states of the birth–death chain (see
/// the module documentation for the derivation).
fn erlang_a(
    load: f64,
    agents: u32,
    lambda: f64,
    mu: f64,
    theta: f64,
    t: f64,
    b: f64,
) -> Result<QueueMetrics, ErlangError> {
    let n = agents as f64;
    let n_mu = n * mu;
    let beta = n_mu / theta;
    let x = -(-theta * t).exp_m1();
    let ln_x = x.ln();

    // Sums over the queue states k = 0, 1, … (state n+k), weighted by q_k.
    let mut q = 1.0_f64;
    let mut all = 0.0; // Σ q_k
    let mut queued = 0.0; // Σ k·q_k
    let mut answered = 0.0; // Σ q_k·P(answered | k)
    let mut answered_in_time = 0.0; // Σ q_k·P(answered within t | k)
    let mut answered_wait = 0.0; // Σ q_k·E[V; answered | k]

    let mut inc_beta = -(-(n_mu + theta) * t).exp_m1(); // I_x(1, b+1)
    let mut ln_term = ln_x + (beta + 1.0) * (-theta * t) + (beta + 1.0).ln(); // ln t_0
    let mut harmonic = 0.0; // Σ_{j=0..k} 1/(b+1+j)

    let mut k = 0usize;
    loop {
        let kf = k as f64;
        let p_answer = beta / (beta + kf + 1.0);
        harmonic += 1.0 / (beta + 1.0 + kf);
        all += q;
        queued += kf * q;
        answered += q * p_answer;
        answered_in_time += q * p_answer * inc_beta;
        answered_wait += q * p_answer * harmonic / theta;

        // Advance the incomplete beta recursion to k+1.
        inc_beta = (inc_beta - ln_term.exp()).max(0.0);
        ln_term += ln_x + ((kf + beta + 2.0) / (kf + 2.0)).ln();

        k += 1;
        let ratio_next = lambda / (n_mu + (k as f64) * theta);
        q *= ratio_next;
        // Bound on Σ_{j≥k} (j+1)·q_j, which dominates every remaining term.
        let r = lambda / (n_mu + (k as f64 + 1.0) * theta);
        if r < 1.0 {
            let tail = q * ((k as f64 + 1.0) / (1.0 - r) + r / ((1.0 - r) * (1.0 - r)));
            if tail <= TAIL_TOLERANCE * all || q == 0.0 {
                break;
            }
        }
        if k >= MAX_QUEUE_STATES {
            return Err(ErlangError::TooManyStates);
        }
    }

    // π_n = 1 / (1/B + Σ_{k≥1} q_k), written so that a tiny B cannot overflow.
    let pi_n = b / (1.0 + b * (all - 1.0));
    let below = (1.0 - b) / (1.0 + b * (all - 1.0)); // Σ_{j<n} π_j
    let mean_queue = pi_n * queued;
    let abandonment = (theta * mean_queue / lambda).clamp(0.0, 1.0);
    let p_answered = below + pi_n * answered;
    let asa = if p_answered > 0.0 {
        pi_n * answered_wait / p_answered
    } else {
        0.0
    };
    Ok(QueueMetrics {
        agents,
        offered_load: load,
        probability_of_waiting: (pi_n * all).clamp(0.0, 1.0),
        service_level: (below + pi_n * answered_in_time).clamp(0.0, 1.0),
        average_speed_of_answer: SimDuration::from_seconds(asa),
        mean_wait: SimDuration::from_seconds(mean_queue / lambda),
        occupancy: (load * (1.0 - abandonment) / n).min(1.0),
        abandonment,
    })
}

/// A staffing goal: a service level, and the limits that come with it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ServiceGoal {
    /// The share of arrivals to answer within `answer_within`, as a
    /// fraction (0.8 for 80 %).
    pub service_level: f64,
    /// The service-level threshold.
    pub answer_within: SimDuration,
    /// The share of paid time agents are unavailable (breaks, training,
    /// absence), as a fraction; scheduled agents = agents / (1 - shrinkage).
    pub shrinkage: f64,
    /// The highest acceptable occupancy, as a fraction, if any.
    pub max_occupancy: Option<f64>,
}

impl ServiceGoal {
    /// Checks that the shares lie in their ranges.
    pub fn validate(&self) -> Result<(), ErlangError> {
        let sl = self.service_level;
        if !(sl > 0.0 && sl < 1.0) {
            return Err(ErlangError::OutOfRange {
                field: "service-level target",
                value: sl,
                allowed: "above 0% and below 100%",
            });
        }
        if !(self.shrinkage >= 0.0 && self.shrinkage < 1.0) {
            return Err(ErlangError::OutOfRange {
                field: "shrinkage",
                value: self.shrinkage,
                allowed: "at least 0% and below 100%",
            });
        }
        if let Some(cap) = self.max_occupancy {
            if !(cap > 0.0 && cap <= 1.0) {
                return Err(ErlangError::OutOfRange {
                    field: "maximum occupancy",
                    value: cap,
                    allowed: "above 0% and at most 100%",
                });
            }
        }
        Ok(())
    }

    /// The headcount to schedule so that `agents` are available after
    /// shrinkage.
    pub fn scheduled_agents(&self, agents: u32) -> u32 {
        let exact = agents as f64 / (1.0 - self.shrinkage);
        // The small allowance keeps 7 / (1 - 0.3) at 10, not 11, despite rounding.
        (exact - 1e-9).ceil().max(agents as f64) as u32
    }

    fn is_met_by(&self, m: &QueueMetrics) -> bool {
        m.service_level >= self.service_level
            && self.max_occupancy.is_none_or(|cap| m.occupancy <= cap)
    }
}

/// The result of a staffing search.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Staffing {
    /// The fewest agents taking contacts that meet the goal.
    pub agents: u32,
    /// The headcount to schedule, allowing for shrinkage.
    pub scheduled_agents: u32,
    /// The figures with that many agents.
    pub metrics: QueueMetrics,
}

/// The fewest agents that meet `goal` for `traffic`.
///
/// Returns the true minimum: every headcount below the first one tried is
/// proven insufficient, and every headcount from there on is evaluated in
/// increasing order until one meets the goal. The proof is that agents can
/// answer at most their capacity, so the service level with `n` agents is at
/// most `n / a` (and, without abandonment, the queue needs `n > a`); the
/// search therefore starts just below `goal · a`. Erlang B is carried along
/// the scan, so the whole search costs O(answer) for Erlang C.
pub fn required_agents(traffic: &Traffic, goal: &ServiceGoal) -> Result<Staffing, ErlangError> {
    traffic.validate()?;
    goal.validate()?;
    let load = traffic.offered_load();
    let mut start = (goal.service_level * load).floor().max(1.0);
    if traffic.mean_patience.is_none() {
        start = start.max(load.floor() + 1.0);
    }
    if start > MAX_AGENTS as f64 {
        return Err(ErlangError::Unreachable { limit: MAX_AGENTS });
    }
    let start = start as u32;
    let mut b = 1.0;
    for k in 1..start {
        b = load * b / (k as f64 + load * b);
    }
    for n in start..=MAX_AGENTS {
        b = load * b / (n as f64 + load * b);
        if traffic.mean_patience.is_none() && load >= n as f64 {
            continue;
        }
        let m = metrics_from_b(traffic, n, goal.answer_within, b)?;
        if goal.is_met_by(&m) {
            return Ok(Staffing {
                agents: n,
                scheduled_agents: goal.scheduled_agents(n),
                metrics: m,
            });
        }
    }
    Err(ErlangError::Unreachable { limit: MAX_AGENTS })
}

/// How long the queue takes to forget its start: the relaxation time of
/// the number waiting, by the heavy-traffic rule for a queue served at
/// rate cμ, `1 / (cμ (1 − √ρ)²)` with `ρ = λ / (cμ)` (exact for one agent,
/// and the usual approximation for several). Customers who give up only
/// shorten it; when `ρ ≥ 1` only they keep the line bounded, and the line
/// forgets its start within about a patience plus a handle time. `None`
/// for a line that never settles (no patience and `ρ ≥ 1`) or figures
/// that are not usable.
pub fn relaxation_time(traffic: &Traffic, agents: u32) -> Option<SimDuration> {
    let lambda = traffic.arrivals_per_hour / 3600.0;
    let handle = traffic.mean_handle_time.as_seconds();
    if !(lambda.is_finite() && lambda > 0.0 && handle.is_finite() && handle > 0.0) || agents == 0 {
        return None;
    }
    let service = f64::from(agents) / handle;
    let rho = lambda / service;
    let seconds = if rho < 1.0 {
        1.0 / (service * (1.0 - rho.sqrt()).powi(2))
    } else {
        traffic.mean_patience?.as_seconds() + handle
    };
    seconds
        .is_finite()
        .then(|| SimDuration::from_seconds(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erlang_b_matches_the_direct_formula_for_small_systems() {
        // B(n, a) = (a^n/n!) / Σ_{k≤n} a^k/k!, fine to compute directly for n = 5.
        let a: f64 = 3.0;
        let terms: Vec<f64> = (0..=5)
            .map(|k| a.powi(k) / (1..=k).map(f64::from).product::<f64>())
            .collect();
        let direct = terms[5] / terms.iter().sum::<f64>();
        assert!((erlang_b(5, a) - direct).abs() < 1e-15);
    }

    #[test]
    fn erlang_c_is_exact_for_thousands_of_agents() {
        // A factorial-based formula overflows here; the recursion must stay in [0, 1]
        // and agree with the single-server closed form C(1, a) = a in the small case.
        let c = erlang_c(5000, 4900.0);
        assert!(c > 0.0 && c < 1.0, "{c}");
        assert!((erlang_c(1, 0.7) - 0.7).abs() < 1e-15);
    }

    #[test]
    fn relaxation_time_follows_the_load() {
        let t = |per_hour: f64, patience: Option<f64>| Traffic {
            arrivals_per_hour: per_hour,
            mean_handle_time: SimDuration::from_seconds(60.0),
            mean_patience: patience.map(SimDuration::from_seconds),
        };
        // One agent, 60 an hour served, 58.2 arriving: ρ = 0.97,
        // (1 − √0.97)² = 2.28440e-4, so 1 / (1/60 s⁻¹ · 2.28440e-4) = 262,651 s
        // (73 h).
        let heavy = relaxation_time(&t(58.2, None), 1).unwrap().as_seconds();
        assert!((heavy - 262_651.0).abs() < 5.0, "{heavy}");
        // At ρ = 0.5: (1 − √0.5)² = 0.085786, 60 / 0.085786 = 699.4 s.
        let light = relaxation_time(&t(30.0, None), 1).unwrap().as_seconds();
        assert!((light - 699.4).abs() < 0.5, "{light}");
        // Overloaded: settles only with patience, within patience + handle.
        assert_eq!(relaxation_time(&t(90.0, None), 1), None);
        let held = relaxation_time(&t(90.0, Some(120.0)), 1).unwrap();
        assert_eq!(held.as_seconds(), 180.0);
        // More agents at the same ρ serve faster and forget sooner.
        let two = relaxation_time(&t(116.4, None), 2).unwrap().as_seconds();
        assert!((two - heavy / 2.0).abs() < 5.0, "{two}");
    }
}
