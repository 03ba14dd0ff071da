//! Simulation and staffing: the Erlang formulas for steady-state questions
//! and a deterministic discrete-event engine for the rest.
//!
//! - [`erlang`]: Erlang B, C and A, and the fewest agents for a goal.
//! - [`steady`]: the steady-state contact-centre model (Poisson arrivals,
//!   one pool of agents, a dispatch policy, customer patience), simulated
//!   replication by replication.
//! - [`run`]: parallel replications, deterministic for a seed on any number
//!   of threads, with progress and cancellation.
//! - [`clock`]: the seam through which SLA clocks (24/7 now, business hours
//!   next) give deadlines in simulation time.
//! - [`time`], [`queue`], [`line`], [`rng`], [`dist`], [`stats`]: the
//!   engine's parts: simulation time, the future-event list, the waiting
//!   line of the full model, random streams, duration distributions and
//!   streamed statistics.
//!
//! ```
//! use pledge::sim::erlang::{metrics, Traffic};
//! use pledge::sim::time::SimDuration;
//!
//! let traffic = Traffic {
//!     arrivals_per_hour: 100.0,
//!     mean_handle_time: SimDuration::from_minutes(6.0),
//!     mean_patience: None,
//! };
//! let m = metrics(&traffic, 13, SimDuration::from_seconds(20.0)).unwrap();
//! assert!(m.service_level > 0.7 && m.service_level < 0.8);
//! ```

use crate::error::ErrorCode;
use thiserror::Error;

pub mod availability;
pub mod charts;
pub mod clock;
pub mod dist;
pub mod erlang;
pub mod frontier;
pub mod line;
pub mod model;
pub mod outcome;
pub mod portfolio;
pub mod queue;
pub mod report;
pub mod rng;
pub mod run;
pub mod scenario;
pub mod size;
pub mod spec;
pub mod special;
pub mod stats;
pub mod steady;
pub mod time;
pub mod whatif;

/// Why a simulation cannot run or did not finish.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum SimError {
    /// A model parameter is unusable.
    #[error("{path}: {problem}")]
    InvalidParameter {
        /// The parameter, as a path such as `classes[1].handle_time`.
        path: String,
        /// What is wrong and what is allowed.
        problem: String,
    },
    /// The observer cancelled the run.
    #[error("the simulation was cancelled")]
    Cancelled,
    /// A replication held more open tickets than the engine allows
    /// ([`model::MAX_OPEN_TICKETS`]): the teams cannot keep up with the
    /// workload, and the backlog would grow until memory runs out.
    #[error("more than {cap} tickets were open at once in hour {hour} of the simulation ({at}): the teams cannot keep up with the workload; add agents or lower the volume")]
    TooManyOpenTickets {
        /// The bound.
        cap: u32,
        /// Hours of simulated time, warm-up included, when it was passed.
        hour: u64,
        /// The instant it was passed.
        at: String,
    },
    /// The worker threads could not be started.
    #[error("could not start the simulation threads: {0}")]
    ThreadPool(String),
}

impl SimError {
    /// `invalid-scenario` for a parameter the engine refuses (its path
    /// names the field), `cancelled`, else `simulation`.
    pub fn code(&self) -> ErrorCode {
        match self {
            SimError::InvalidParameter { .. } => ErrorCode::InvalidScenario,
            SimError::Cancelled => ErrorCode::Cancelled,
            SimError::TooManyOpenTickets { .. } | SimError::ThreadPool(_) => ErrorCode::Simulation,
        }
    }
}
