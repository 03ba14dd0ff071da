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

const DAY: i64 = 86_400;

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
    /// The calendar's zone offsets over the table: from `offset_from[k]`
    /// (simulation seconds) the local clock is `offsets[k]` seconds ahead
    /// of UTC.
    offset_from: Vec<f64>,
    offsets: Vec<f64>,
    /// The local dates (days since 1970-01-01 on the local clock) on which
    /// the clock runs at some time, in order.
    business_days: Vec<i64>,
    /// For each business day, the simulation second of its local midnight
    /// when the whole day is on one zone offset (its local times are then
    /// that instant plus the time of day), NaN on a day the offset changes.
    business_midnights: Vec<f64>,
    /// For each local date from the table's first, the index in
    /// `business_days` of the first business day after it.
    next_business_day: Vec<u32>,
    /// The table's first local date.
    first_local_day: i64,
    /// The origin as seconds since the Unix epoch.
    origin: i64,
    /// For each hour of the table, the number of spans that start at or
    /// before its first second: where the search for an instant of that
    /// hour begins.
    spans_by_hour: Vec<u32>,
    /// For each hour of business time, the first span whose end reaches
    /// the level of its first second: where the search for an instant at
    /// a level of that hour begins.
    spans_by_level_hour: Vec<u32>,
}

/// Where a clock started, for counting business days under the
/// same-clock-time rule (see [`BusinessClock::day_anchor`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DayAnchor {
    /// The index in the business days of the first one after the day the
    /// clock starts on.
    next_day: usize,
    /// The local clock time it starts at, in seconds since midnight.
    time_of_day: i64,
    /// Its level.
    level: f64,
}

/// The floor of `x`, as `f64::floor` gives it, without the library call
/// that one compiles to on the baseline x86-64 target.
#[inline]
fn floor(x: f64) -> f64 {
    // From 2⁵² on every float is a whole number (and NaN and the
    // infinities are their own floor).
    if x.is_nan() || x.abs() >= 4_503_599_627_370_496.0 {
        return x;
    }
    let truncated = x as i64 as f64;
    if truncated > x {
        truncated - 1.0
    } else {
        truncated
    }
}

impl BusinessClock {
    /// The clock of `calendar` for a run that starts at `origin` and lasts
    /// `span` of simulation time.
    pub fn new(
        calendar: &BusinessCalendar,
        origin: DateTime<Utc>,
        span: SimDuration,
    ) -> Result<Self, ClockError> {
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
        let tz = calendar.time_zone();
        let offset_at = |t: i64| -> i64 {
            use chrono::Offset;
            use chrono::TimeZone;
            i64::from(
                tz.offset_from_utc_datetime(&at(t).naive_utc())
                    .fix()
                    .local_minus_utc(),
            )
        };
        // Offsets: probed every hour, each change located to the second.
        let mut offset_from = vec![0.0];
        let mut offsets = vec![offset_at(o) as f64];
        let mut probe = o;
        while probe < until {
            let next = (probe + 3600).min(until);
            let (a, b) = (offset_at(probe), offset_at(next));
            if a != b {
                let (mut low, mut high) = (probe, next);
                while high - low > 1 {
                    let mid = low + (high - low) / 2;
                    if offset_at(mid) == a {
                        low = mid;
                    } else {
                        high = mid;
                    }
                }
                offset_from.push((high - o) as f64);
                offsets.push(b as f64);
            }
            probe = next;
        }
        let mut clock = BusinessClock {
            starts,
            ends,
            before,
            until: (until - o) as f64,
            offset_from,
            offsets,
            business_days: Vec::new(),
            business_midnights: Vec::new(),
            next_business_day: Vec::new(),
            first_local_day: 0,
            origin: o,
            spans_by_hour: Vec::new(),
            spans_by_level_hour: Vec::new(),
        };
        let hours = (clock.until / 3600.0).ceil() as usize + 1;
        clock.spans_by_hour = (0..hours)
            .map(|h| clock.starts.partition_point(|&s| s <= h as f64 * 3600.0) as u32)
            .collect();
        let level_hours = (clock.total() / 3600.0).ceil() as usize + 1;
        clock.spans_by_level_hour = (0..level_hours)
            .map(|h| clock.first_span_reaching(h as f64 * 3600.0) as u32)
            .collect();
        // Business days: every local date a non-empty span touches.
        let mut days: Vec<i64> = Vec::new();
        for k in 0..clock.starts.len() {
            let (s, e) = (clock.starts[k], clock.ends[k]);
            if e <= s {
                continue;
            }
            let first = clock.local(s).div_euclid(DAY);
            let last = clock.local(e - 1.0).div_euclid(DAY);
            for d in first..=last {
                if days.last().is_none_or(|&l| l < d) {
                    days.push(d);
                }
            }
        }
        // The same-clock-time rule's lookups, made once.
        clock.business_midnights = days
            .iter()
            .map(|&d| clock.midnight_on_one_offset(d).unwrap_or(f64::NAN))
            .collect();
        clock.first_local_day = clock.local(0.0).div_euclid(DAY);
        let last_local_day = clock.local(clock.until).div_euclid(DAY);
        clock.next_business_day = (clock.first_local_day..=last_local_day)
            .map(|d| days.partition_point(|&b| b <= d) as u32)
            .collect();
        clock.business_days = days;
        Ok(clock)
    }

    /// The number of spans that start at or before `t`: within the table,
    /// from the hourly index and a short scan within the hour.
    #[inline]
    fn spans_started_by(&self, t: f64) -> usize {
        // For t ≥ 0 the cast truncates, which is the floor; a negative or
        // NaN instant takes the search.
        let first = if t >= 0.0 {
            self.spans_by_hour.get((t / 3600.0) as usize)
        } else {
            None
        };
        let Some(&first) = first else {
            return self.starts.partition_point(|&s| s <= t);
        };
        let mut i = first as usize;
        while i < self.starts.len() && self.starts[i] <= t {
            i += 1;
        }
        i
    }

    /// The offset of the local clock at simulation second `t`.
    #[inline]
    fn offset(&self, t: f64) -> f64 {
        let k = self.offset_from.partition_point(|&f| f <= t).max(1) - 1;
        self.offsets[k]
    }

    /// The local time at simulation second `t`, as whole seconds since
    /// 1970-01-01 00:00 on the local clock.
    #[inline]
    fn local(&self, t: f64) -> i64 {
        let whole = floor(t);
        self.origin + whole as i64 + self.offset(whole) as i64
    }

    /// The first simulation second at which the local clock shows `local`
    /// or a later time (the clock module's rule for skipped and repeated
    /// local times), or `None` outside the table.
    fn instant_of_local(&self, local: i64) -> Option<f64> {
        let k = self.period_of_local(local)?;
        let t = ((local - self.origin) as f64 - self.offsets[k]).max(self.offset_from[k]);
        (t >= 0.0).then_some(t)
    }

    /// The offset period whose instants `instant_of_local` gives for the
    /// local time `local`: the first one whose local times run past it.
    fn period_of_local(&self, local: i64) -> Option<usize> {
        let local = (local - self.origin) as f64;
        (0..self.offsets.len()).find(|&k| {
            let next = self.offset_from.get(k + 1).copied().unwrap_or(self.until);
            next + self.offsets[k] > local
        })
    }

    /// The instant of local midnight on the local date `day` when every
    /// local time of that day is that instant plus the time of day, as
    /// `instant_of_local` gives it: the whole day in one offset period,
    /// shown once, and within the table.
    fn midnight_on_one_offset(&self, day: i64) -> Option<f64> {
        let (first, last) = (day * DAY, day * DAY + DAY - 1);
        let k = self.period_of_local(first)?;
        if self.period_of_local(last)? != k {
            return None;
        }
        // The period's instants from midnight on, none clamped to its start.
        let midnight = (first - self.origin) as f64 - self.offsets[k];
        (midnight >= self.offset_from[k] && midnight >= 0.0).then_some(midnight)
    }

    /// The business time that `days` business days (≥ 1) stand for under
    /// the same-clock-time rule, for a clock starting at `start`: the
    /// business time from `start` to the same local clock time on the
    /// `days`-th business day after the day the clock starts (the start,
    /// or the next opening when the calendar is closed then). Agrees with
    /// `clock::business_days_duration` (measured from `start` rather than
    /// its whole second); `None` when the answer lies beyond the table.
    pub fn same_clock_time_days(&self, start: f64, days: u32) -> Option<f64> {
        if days == 0 {
            return Some(0.0);
        }
        self.days_after(&self.day_anchor(start)?, days)
    }

    /// What the same-clock-time rule needs to know of a clock that starts
    /// at `start`, whatever the number of days: the targets of one ticket
    /// that start together ask it once. `None` when the calendar never
    /// opens again within the table.
    pub fn day_anchor(&self, start: f64) -> Option<DayAnchor> {
        self.day_anchor_at_level(start, self.level(start))
    }

    /// [`Self::day_anchor`] for a caller that knows the clock's level at
    /// `start` already.
    #[inline]
    pub fn day_anchor_at_level(&self, start: f64, level: f64) -> Option<DayAnchor> {
        let whole = floor(start);
        let i = self.spans_started_by(whole);
        let opens = if i > 0 && whole < self.ends[i - 1] {
            whole
        } else {
            *self.starts.get(i)?
        };
        let local = self.local(opens);
        let day = local.div_euclid(DAY);
        let next_day = match usize::try_from(day - self.first_local_day)
            .ok()
            .and_then(|i| self.next_business_day.get(i))
        {
            Some(&i) => i as usize,
            None => self.business_days.partition_point(|&d| d <= day),
        };
        Some(DayAnchor {
            next_day,
            time_of_day: local.rem_euclid(DAY),
            level,
        })
    }

    /// [`Self::same_clock_time_days`] for `days` ≥ 1 from an anchor.
    pub fn days_after(&self, anchor: &DayAnchor, days: u32) -> Option<f64> {
        let last = anchor.next_day + days as usize - 1;
        if last + 1 >= self.business_days.len() {
            // The last listed day may be cut by the end of the table.
            return None;
        }
        let midnight = self.business_midnights[last];
        let target = if midnight.is_nan() {
            self.instant_of_local(self.business_days[last] * DAY + anchor.time_of_day)?
        } else {
            midnight + anchor.time_of_day as f64
        };
        if target >= self.until {
            return None;
        }
        Some(self.level(target) - anchor.level)
    }

    /// Business seconds from the origin to `t`.
    #[inline]
    pub fn level(&self, t: f64) -> f64 {
        if t >= self.until {
            return self.total() + (t - self.until);
        }
        let i = self.spans_started_by(t);
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
        // The first span whose end level reaches `level`: from the hourly
        // index, a short scan.
        let indexed = if level >= 0.0 {
            self.spans_by_level_hour.get((level / 3600.0) as usize)
        } else {
            None
        };
        let k = match indexed {
            Some(&first) => self.first_span_reaching_from(first as usize, level),
            None => self.first_span_reaching(level),
        };
        self.starts[k] + (level - self.before[k])
    }

    /// The first span whose end level reaches `level` (the last span when
    /// none does), by binary search.
    fn first_span_reaching(&self, level: f64) -> usize {
        if self.starts.is_empty() {
            return 0;
        }
        let i = self.before.partition_point(|&b| b < level).max(1) - 1;
        self.first_span_reaching_from(i, level)
    }

    /// The first span from `k` on whose end level reaches `level` (the
    /// last span when none does).
    #[inline]
    fn first_span_reaching_from(&self, mut k: usize, level: f64) -> usize {
        while k + 1 < self.starts.len() && self.before[k] + (self.ends[k] - self.starts[k]) < level
        {
            k += 1;
        }
        k
    }

    fn total(&self) -> f64 {
        match self.ends.last() {
            Some(&e) => {
                self.before[self.before.len() - 1] + (e - self.starts[self.starts.len() - 1])
            }
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
    fn the_level_index_finds_what_a_scan_of_every_span_finds() {
        use chrono::TimeZone;
        let origin = Utc.with_ymd_and_hms(2026, 3, 1, 23, 0, 0).unwrap();
        let clock = BusinessClock::new(&office(), origin, SimDuration::from_hours(24.0 * 42.0))
            .expect("builds");
        let end_level = |k: usize| clock.before[k] + (clock.ends[k] - clock.starts[k]);
        let total = clock.total();
        let mut level = 0.0;
        while level < total {
            let k = (0..clock.starts.len())
                .find(|&k| end_level(k) >= level)
                .expect("a span reaches a level below the total");
            let expected = clock.starts[k] + (level - clock.before[k]);
            assert_eq!(clock.at_level(level), expected, "level {level}");
            assert_eq!(clock.level(expected), level, "level {level}");
            // Whole hours (span ends), and seconds and fractions between.
            level += if level % 3600.0 == 0.0 { 0.25 } else { 1_187.5 };
        }
    }

    #[test]
    fn the_fast_floor_is_the_library_floor() {
        let mut values = vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.0,
            -1.0,
            3_599.999_999,
            -3_600.000_001,
            4_503_599_627_370_495.5,
            -4_503_599_627_370_495.5,
            4_503_599_627_370_496.0,
            9.3e18,
            -9.3e18,
            1e300,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            -f64::MIN_POSITIVE,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        // A spread of magnitudes and fractions.
        let mut x = 1.234_567_8e-3;
        while x < 1e20 {
            values.extend([x, -x, x + 0.5, -x - 0.5]);
            x *= 3.7;
        }
        for v in values {
            assert_eq!(floor(v), v.floor(), "floor of {v}");
        }
        assert!(floor(f64::NAN).is_nan());
    }

    #[test]
    fn around_the_clock_counts_every_second() {
        let start = SimTime::from_seconds(100.0);
        let due = AroundTheClock.deadline(start, SimDuration::from_hours(4.0));
        assert_eq!(due, SimTime::from_seconds(100.0 + 4.0 * 3600.0));
        assert_eq!(
            AroundTheClock.elapsed(start, due),
            SimDuration::from_hours(4.0)
        );
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
        let clock = BusinessClock::new(&office(), origin, SimDuration::from_hours(24.0 * 42.0))
            .expect("builds");
        let at = |days: f64, hours: f64| SimTime::from_seconds(days * 86_400.0 + hours * 3600.0);
        // Friday 17:00 + 4 business hours: one on Friday, three on Monday.
        let due = clock.deadline(at(4.0, 17.0), SimDuration::from_hours(4.0));
        assert_eq!(due, at(7.0, 12.0));
        // Friday 20:00 to Monday 10:00: one business hour.
        assert_eq!(
            clock.elapsed(at(4.0, 20.0), at(7.0, 10.0)),
            SimDuration::from_hours(1.0)
        );
        // A ticket created on Saturday with a zero allowance is due at once.
        assert_eq!(
            clock.deadline(at(5.0, 11.0), SimDuration::ZERO),
            at(5.0, 11.0)
        );
    }

    #[test]
    fn business_clock_agrees_with_the_calendar_clock_across_a_clock_change() {
        use chrono::TimeZone;
        let calendar = office();
        let origin = Utc.with_ymd_and_hms(2026, 3, 1, 23, 0, 0).unwrap();
        let clock = BusinessClock::new(&calendar, origin, SimDuration::from_hours(24.0 * 42.0))
            .expect("builds");
        // Starts every 7 hours 13 minutes over five weeks (the clocks go
        // forward on 29 March), allowances from 0 to 30 business hours.
        for i in 0..110i64 {
            let start = i * (7 * 3600 + 13 * 60);
            let allowance = (i % 31) * 3600;
            let t = origin + chrono::Duration::seconds(start);
            let expected = crate::clock::deadline(
                &calendar,
                t,
                crate::model::Duration::seconds(allowance),
                &[],
            )
            .expect("in range")
            .timestamp()
                - origin.timestamp();
            let got = clock.deadline(
                SimTime::from_seconds(start as f64),
                SimDuration::from_seconds(allowance as f64),
            );
            assert_eq!(
                got.as_seconds(),
                expected as f64,
                "start {start}, allowance {allowance}"
            );
        }
    }

    /// A Lyon office with a lunch break, a short Friday, French public
    /// holidays, a bridge day and an afternoon closure.
    fn lyon() -> BusinessCalendar {
        let calendar: crate::model::Calendar = crate::format::Document::parse(
            "id: lyon\ntime_zone: Europe/Paris\nhours:\n  mon: [08:30-12:30, 13:30-18:00]\n  \
             tue: [08:30-12:30, 13:30-18:00]\n  wed: [08:30-12:30, 13:30-18:00]\n  \
             thu: [08:30-12:30, 13:30-18:00]\n  fri: [08:30-12:30, 13:30-17:00]\nholidays:\n  rules:\n    \
             - {country: FR, from: 2026, to: 2030}\n  dates:\n    - {date: 2027-05-07, name: Pont}\n\
             closures:\n  - {from: 2027-04-14T12:30, to: 2027-04-15}\n",
        )
        .and_then(|d| d.deserialize())
        .expect("a valid calendar");
        BusinessCalendar::compile(&calendar).expect("compiles")
    }

    #[test]
    fn same_clock_time_business_days_agree_with_the_calendar_clock() {
        use chrono::TimeZone;
        let calendar = lyon();
        assert_eq!(
            calendar.business_day_rule(),
            crate::model::BusinessDayRule::SameClockTime
        );
        // From Monday 1 March 2027, 00:00 in Paris, for twelve weeks: the
        // clocks go forward on 28 March; Easter Monday, 1 and 8 May, the
        // 7 May bridge and Ascension Thursday are holidays.
        let origin = Utc.with_ymd_and_hms(2027, 2, 28, 23, 0, 0).unwrap();
        let clock = BusinessClock::new(&calendar, origin, SimDuration::from_hours(24.0 * 84.0))
            .expect("builds");
        let mut checked = 0;
        // Starts every 2 h 47 min 13.25 s (open, closed, at lunch, at
        // night, on holidays), 1 to 5 business days.
        for i in 0..640i64 {
            let start = i as f64 * (2.0 * 3600.0 + 47.0 * 60.0 + 13.25);
            let days = 1 + (i % 5) as u32;
            let t = origin + chrono::Duration::seconds(start.floor() as i64);
            let expected = crate::clock::business_days_duration(&calendar, t, i64::from(days))
                .expect("in range")
                .as_seconds() as f64;
            let Some(got) = clock.same_clock_time_days(start, days) else {
                // Only within two weeks of the end of the table (five
                // business days around the May holidays span two weeks).
                assert!(
                    start > 70.0 * 86_400.0,
                    "start {start}, {days} days: no answer"
                );
                continue;
            };
            // Measured from the start itself rather than its whole second.
            let fraction = clock.level(start) - clock.level(start.floor());
            assert_eq!(got + fraction, expected, "start {start} ({t}), {days} days");
            checked += 1;
        }
        assert!(checked > 600, "{checked}");
        // The lookups made once agree with the searches they replace: the
        // next business day of every local date, and every business day's
        // local times.
        let (first, last) = (
            clock.local(0.0).div_euclid(DAY),
            clock.local(clock.until).div_euclid(DAY),
        );
        assert_eq!(clock.next_business_day.len() as i64, last - first + 1);
        for day in first..=last {
            assert_eq!(
                clock.next_business_day[(day - first) as usize] as usize,
                clock.business_days.partition_point(|&d| d <= day),
                "day {day}"
            );
        }
        // The Sunday the clocks go forward (28 March 2027) has no single
        // offset; the days around it have.
        let sunday = Utc
            .with_ymd_and_hms(2027, 3, 28, 0, 0, 0)
            .unwrap()
            .timestamp()
            .div_euclid(DAY);
        assert_eq!(clock.midnight_on_one_offset(sunday), None);
        assert!(clock.midnight_on_one_offset(sunday - 1).is_some());
        assert!(clock.midnight_on_one_offset(sunday + 1).is_some());
        let mut on_one_offset = 0;
        for (k, &day) in clock.business_days.iter().enumerate() {
            let midnight = clock.business_midnights[k];
            if midnight.is_nan() {
                continue;
            }
            on_one_offset += 1;
            for tod in [0, 1, 3600, 2 * 3600 + 30 * 60, 43_200, DAY - 1] {
                assert_eq!(
                    Some(midnight + tod as f64),
                    clock.instant_of_local(day * DAY + tod),
                    "day {day}, {tod} s"
                );
            }
        }
        assert_eq!(on_one_offset, clock.business_days.len());
        // The hourly index finds the same span as a search over all spans,
        // at span boundaries and between them.
        let mut probes: Vec<f64> = clock
            .starts
            .iter()
            .chain(&clock.ends)
            .flat_map(|&s| [s - 0.5, s, s + 0.5])
            .collect();
        probes.extend((0..20_000).map(|i| i as f64 * 362.9 - 100.0));
        for t in probes {
            assert_eq!(
                clock.spans_started_by(t),
                clock.starts.partition_point(|&s| s <= t),
                "at {t}"
            );
        }
        // Thursday 25 March 2027, 10:00 + 1 business day is Friday 10:00:
        // Thursday 10:00–18:00 less lunch (7 h) and Friday 08:30–10:00
        // (1.5 h). Across Easter Monday (29 March), Friday 26 March 10:00 + 1
        // is Tuesday 30 March 10:00: Friday's 6 h and Tuesday's 1.5 h.
        let at = |day: f64, hours: f64| (day - 1.0) * 86_400.0 + hours * 3600.0;
        assert_eq!(
            clock.same_clock_time_days(at(25.0, 10.0), 1),
            Some(8.5 * 3600.0)
        );
        assert_eq!(
            clock.same_clock_time_days(at(26.0, 10.0), 1),
            Some(7.5 * 3600.0)
        );
        // Created on Saturday: the clock starts on Tuesday 08:30 (after
        // Easter Monday), due Wednesday 08:30, one full day of 8.5 h.
        assert_eq!(
            clock.same_clock_time_days(at(27.0, 11.0), 1),
            Some(8.5 * 3600.0)
        );
    }

    /// A desk open every day, through the nights of both clock changes:
    /// the business days on which the offset changes take the search, the
    /// others the midnight found once, and both agree with the calendar.
    #[test]
    fn same_clock_time_days_agree_on_the_days_the_clocks_change() {
        use chrono::TimeZone;
        let calendar: crate::model::Calendar = crate::format::Document::parse(
            "id: desk\ntime_zone: Europe/Paris\nhours:\n  mon: [00:00-24:00]\n  tue: [00:00-24:00]\n  \
             wed: [00:00-24:00]\n  thu: [00:00-24:00]\n  fri: [00:00-24:00]\n  \
             sat: [01:30-23:00]\n  sun: [01:30-23:00]\n",
        )
        .and_then(|d| d.deserialize())
        .expect("a valid calendar");
        let calendar = BusinessCalendar::compile(&calendar).expect("compiles");
        for (y, m, d) in [(2027, 3, 24), (2027, 10, 27)] {
            let origin = Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
            let clock = BusinessClock::new(&calendar, origin, SimDuration::from_hours(24.0 * 14.0))
                .expect("builds");
            // Without a midnight found once: the first day (its midnight is
            // before the table), the day of the change, the last day (cut by
            // the end of the table).
            let searched: Vec<usize> = (0..clock.business_days.len())
                .filter(|&k| clock.business_midnights[k].is_nan())
                .collect();
            let n = clock.business_days.len();
            assert_eq!(searched, [0, 4, n - 1], "from {origin}");
            let mut checked = 0;
            for i in 0..400i64 {
                let start = i as f64 * (47.0 * 60.0 + 11.5);
                let days = 1 + (i % 3) as u32;
                let t = origin + chrono::Duration::seconds(start.floor() as i64);
                let expected = crate::clock::business_days_duration(&calendar, t, i64::from(days))
                    .expect("in range")
                    .as_seconds() as f64;
                let Some(got) = clock.same_clock_time_days(start, days) else {
                    continue;
                };
                let fraction = clock.level(start) - clock.level(start.floor());
                assert_eq!(got + fraction, expected, "start {start} ({t}), {days} days");
                checked += 1;
            }
            assert!(checked > 300, "{checked}");
        }
    }
}
