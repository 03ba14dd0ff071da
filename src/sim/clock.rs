//! The seam between the engine and SLA clocks.
//!
//! A target's deadline is counted on a clock: around the clock (24/7) or in
//! business hours with holidays and pauses. The engine asks only the two
//! questions below, in simulation time; the business-hours calendar (the
//! `clock` module) will implement them by converting a [`SimTime`] to a
//! local date-time through the replication's start instant, so the engine
//! never handles chrono types. Answers must be exact and deterministic:
//! the same instant always gives the same deadline.

use chrono::{DateTime, Utc};

use super::time::{SimDuration, SimTime};
use crate::clock::{BusinessCalendar, ClockError};

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

/// A business-hours clock in simulation time: the open spans of a
/// [`BusinessCalendar`] over the simulated range, computed once per run and
/// per calendar, so that every question the engine asks is a binary search
/// over a few hundred spans rather than a chrono computation.
///
/// Simulation time 0 is the run's start instant (`origin`). The *level* of
/// an instant is the business time from the origin to it; a deadline is the
/// first instant at which the level reaches the start's level plus the
/// allowance, and elapsed business time is a difference of levels. Past the
/// end of the table (the horizon plus a generous tail) every second counts,
/// which only matters for tickets still open weeks after the horizon.
#[derive(Debug, Clone)]
pub struct BusinessClock {
    /// Open spans in simulation seconds, sorted and disjoint, with the
    /// business seconds before each.
    starts: Vec<f64>,
    ends: Vec<f64>,
    before: Vec<f64>,
    /// The end of the table: from here on the clock counts every second.
    until: f64,
}

impl BusinessClock {
    /// The clock of `calendar` for a run that starts at `origin` and lasts
    /// `span` of simulation time.
    pub fn new(calendar: &BusinessCalendar, origin: DateTime<Utc>, span: SimDuration) -> Result<Self, ClockError> {
        let o = origin.timestamp();
        let until = o + span.as_seconds().ceil() as i64;
        let at = |s: i64| DateTime::from_timestamp(s, 0).unwrap_or(origin);
        let (mut starts, mut ends, mut before) = (Vec::new(), Vec::new(), Vec::new());
        let mut total = 0i64;
        let mut t = o;
        while t < until {
            let open = match crate::clock::next_open(calendar, at(t)) {
                Ok(open) => open.timestamp(),
                // A calendar that never opens again simply stops counting.
                Err(ClockError::NeverOpen { .. }) | Err(ClockError::BeyondRange { .. }) => break,
                Err(e) => return Err(e),
            };
            if open >= until {
                break;
            }
            // The span's end is the last instant up to which every second
            // since `open` counts: found by bisection on whole seconds, at
            // most eight days ahead (no opening interval is longer without
            // running on into the next probe).
            let mut low = open;
            let mut high = (open + 8 * 86_400).min(until);
            let full = |e: i64| -> Result<bool, ClockError> {
                Ok(crate::clock::elapsed(calendar, at(open), at(e), &[])?.as_seconds() == e - open)
            };
            if full(high)? {
                low = high;
            } else {
                while high - low > 1 {
                    let mid = low + (high - low) / 2;
                    if full(mid)? {
                        low = mid;
                    } else {
                        high = mid;
                    }
                }
            }
            let (s, e) = ((open - o) as f64, (low - o) as f64);
            match ends.last_mut() {
                // Contiguous probes of an always-open calendar make one span.
                Some(last) if *last == s => *last = e,
                _ => {
                    starts.push(s);
                    ends.push(e);
                    before.push(total as f64);
                }
            }
            total += low - open;
            t = if low > open { low } else { open + 1 };
        }
        Ok(BusinessClock { starts, ends, before, until: (until - o) as f64 })
    }

    /// Business seconds from the origin to `t`.
    #[inline]
    pub fn level(&self, t: f64) -> f64 {
        if t >= self.until {
            return self.total() + (t - self.until);
        }
        let i = self.starts.partition_point(|&s| s <= t);
        if i == 0 {
            return 0.0;
        }
        let k = i - 1;
        self.before[k] + (t.min(self.ends[k]) - self.starts[k])
    }

    /// The first instant at which the level reaches `level`.
    #[inline]
    pub fn at_level(&self, level: f64) -> f64 {
        let total = self.total();
        if level >= total {
            return self.until + (level - total);
        }
        // The first span whose end level reaches `level`.
        let i = self.before.partition_point(|&b| b < level).max(1) - 1;
        let mut k = i;
        while k + 1 < self.starts.len() && self.before[k] + (self.ends[k] - self.starts[k]) < level {
            k += 1;
        }
        self.starts[k] + (level - self.before[k])
    }

    fn total(&self) -> f64 {
        match self.ends.last() {
            Some(&e) => self.before[self.before.len() - 1] + (e - self.starts[self.starts.len() - 1]),
            None => 0.0,
        }
    }
}

impl TargetClock for BusinessClock {
    fn deadline(&self, start: SimTime, allowance: SimDuration) -> SimTime {
        // As on the calendar clock, a zero allowance is due at the start
        // itself, even when the calendar is closed then.
        let s = start.as_seconds();
        if allowance.as_seconds() <= 0.0 {
            return start;
        }
        SimTime::from_seconds(self.at_level(self.level(s) + allowance.as_seconds()).max(s))
    }
    fn elapsed(&self, from: SimTime, to: SimTime) -> SimDuration {
        SimDuration::from_seconds(self.level(to.as_seconds()) - self.level(from.as_seconds()))
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

    fn office() -> BusinessCalendar {
        let calendar: crate::model::Calendar = crate::format::Document::parse(
            "id: office\ntime_zone: Europe/Paris\nhours:\n  mon: [09:00-18:00]\n  tue: [09:00-18:00]\n  \
             wed: [09:00-18:00]\n  thu: [09:00-18:00]\n  fri: [09:00-18:00]\n",
        )
        .and_then(|d| d.deserialize())
        .expect("a valid calendar");
        BusinessCalendar::compile(&calendar).expect("compiles")
    }

    #[test]
    fn business_clock_counts_only_opening_hours() {
        use chrono::TimeZone;
        // Monday 2 March 2026, 00:00 in Paris.
        let origin = Utc.with_ymd_and_hms(2026, 3, 1, 23, 0, 0).unwrap();
        let clock = BusinessClock::new(&office(), origin, SimDuration::from_hours(24.0 * 42.0)).expect("builds");
        let at = |days: f64, hours: f64| SimTime::from_seconds(days * 86_400.0 + hours * 3600.0);
        // Friday 17:00 + 4 business hours: one on Friday, three on Monday.
        let due = clock.deadline(at(4.0, 17.0), SimDuration::from_hours(4.0));
        assert_eq!(due, at(7.0, 12.0));
        // Friday 20:00 to Monday 10:00: one business hour.
        assert_eq!(clock.elapsed(at(4.0, 20.0), at(7.0, 10.0)), SimDuration::from_hours(1.0));
        // A ticket created on Saturday with a zero allowance is due at once.
        assert_eq!(clock.deadline(at(5.0, 11.0), SimDuration::ZERO), at(5.0, 11.0));
    }

    #[test]
    fn business_clock_agrees_with_the_calendar_clock_across_a_clock_change() {
        use chrono::TimeZone;
        let calendar = office();
        let origin = Utc.with_ymd_and_hms(2026, 3, 1, 23, 0, 0).unwrap();
        let clock = BusinessClock::new(&calendar, origin, SimDuration::from_hours(24.0 * 42.0)).expect("builds");
        // Starts every 7 hours 13 minutes over five weeks (the clocks go
        // forward on 29 March), allowances from 0 to 30 business hours.
        for i in 0..110i64 {
            let start = i * (7 * 3600 + 13 * 60);
            let allowance = (i % 31) * 3600;
            let t = origin + chrono::Duration::seconds(start);
            let expected = crate::clock::deadline(&calendar, t, crate::model::Duration::seconds(allowance), &[])
                .expect("in range")
                .timestamp()
                - origin.timestamp();
            let got = clock.deadline(SimTime::from_seconds(start as f64), SimDuration::from_seconds(allowance as f64));
            assert_eq!(got.as_seconds(), expected as f64, "start {start}, allowance {allowance}");
        }
    }
}
