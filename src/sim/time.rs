//! Simulation time: seconds since the start of a replication.
//!
//! Simulation time is its own type, apart from chrono's wall-clock types, so
//! that the engine cannot mix the two by mistake. A business-hours calendar
//! converts between them at one boundary: it maps a [`SimTime`] to a local
//! date-time through the replication's start instant.

use std::cmp::Ordering;
use std::fmt;

use crate::model::Duration;

/// An instant of simulation time, in seconds since the replication started.
///
/// Always finite or `+∞` ([`SimTime::NEVER`]); ordered totally so that it can
/// key the event queue.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SimTime(f64);

/// A span of simulation time, in seconds. Never negative.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct SimDuration(f64);

impl SimTime {
    /// The start of the replication.
    pub const ZERO: SimTime = SimTime(0.0);
    /// An instant that never comes: the give-up time of a customer who
    /// waits for ever.
    pub const NEVER: SimTime = SimTime(f64::INFINITY);

    /// The instant `seconds` after the start.
    pub fn from_seconds(seconds: f64) -> SimTime {
        SimTime(seconds)
    }
    /// Seconds since the start.
    pub fn as_seconds(self) -> f64 {
        self.0
    }
    /// The span from `earlier` to `self`, or zero if `earlier` is later.
    pub fn since(self, earlier: SimTime) -> SimDuration {
        SimDuration((self.0 - earlier.0).max(0.0))
    }
}

impl Eq for SimTime {}

impl PartialOrd for SimTime {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SimTime {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl std::ops::Add<SimDuration> for SimTime {
    type Output = SimTime;
    fn add(self, rhs: SimDuration) -> SimTime {
        SimTime(self.0 + rhs.0)
    }
}

impl SimDuration {
    /// The empty span.
    pub const ZERO: SimDuration = SimDuration(0.0);

    /// A span of `seconds` seconds; a negative or NaN value becomes zero.
    pub fn from_seconds(seconds: f64) -> SimDuration {
        SimDuration(if seconds > 0.0 { seconds } else { 0.0 })
    }
    /// A span of `minutes` minutes.
    pub fn from_minutes(minutes: f64) -> SimDuration {
        SimDuration::from_seconds(minutes * 60.0)
    }
    /// A span of `hours` hours.
    pub fn from_hours(hours: f64) -> SimDuration {
        SimDuration::from_seconds(hours * 3600.0)
    }
    /// The span in seconds.
    pub fn as_seconds(self) -> f64 {
        self.0
    }
    /// The span in hours.
    pub fn as_hours(self) -> f64 {
        self.0 / 3600.0
    }
}

impl From<Duration> for SimDuration {
    fn from(d: Duration) -> SimDuration {
        SimDuration::from_seconds(d.as_seconds() as f64)
    }
}

impl fmt::Display for SimTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "t+{:.3}s", self.0)
    }
}

impl fmt::Display for SimDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.3}s", self.0)
    }
}
