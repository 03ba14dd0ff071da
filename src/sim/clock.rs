//! The seam between the engine and SLA clocks.
//!
//! A target's deadline is counted on a clock: around the clock (24/7) or in
//! business hours with holidays and pauses. The engine asks only the two
//! questions below, in simulation time; the business-hours calendar (the
//! `clock` module) will implement them by converting a [`SimTime`] to a
//! local date-time through the replication's start instant, so the engine
//! never handles chrono types. Answers must be exact and deterministic:
//! the same instant always gives the same deadline.

use super::time::{SimDuration, SimTime};

/// A clock on which SLA targets are counted.
pub trait TargetClock {
    /// The instant at which `allowance` of this clock's time has run from
    /// `start` (e.g. 4 business hours after a ticket arrived on Friday at
    /// 17:00 falls on Monday).
    fn deadline(&self, start: SimTime, allowance: SimDuration) -> SimTime;
    /// The clock time that runs between `from` and `to` (zero if `to` is
    /// not later).
    fn elapsed(&self, from: SimTime, to: SimTime) -> SimDuration;
}

/// The 24/7 clock: every second counts. The steady-state model runs on it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AroundTheClock;

impl TargetClock for AroundTheClock {
    fn deadline(&self, start: SimTime, allowance: SimDuration) -> SimTime {
        start + allowance
    }
    fn elapsed(&self, from: SimTime, to: SimTime) -> SimDuration {
        to.since(from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn around_the_clock_counts_every_second() {
        let start = SimTime::from_seconds(100.0);
        let due = AroundTheClock.deadline(start, SimDuration::from_hours(4.0));
        assert_eq!(due, SimTime::from_seconds(100.0 + 4.0 * 3600.0));
        assert_eq!(AroundTheClock.elapsed(start, due), SimDuration::from_hours(4.0));
        assert_eq!(AroundTheClock.elapsed(due, start), SimDuration::ZERO);
    }
}
