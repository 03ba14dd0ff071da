//! The business-hours clock: deadlines and elapsed time over a support
//! calendar's weekly hours, public holidays, one-off closures, time zone and
//! the pauses of a ticket.
//!
//! A [`model::Calendar`](crate::model::Calendar) is first compiled into a
//! [`BusinessCalendar`] (validated once; errors name the field at fault),
//! then every computation is a few table look-ups: the weekly opening hours
//! are kept as prefix sums, whole weeks are jumped over, and only the weeks
//! that differ from the template (a holiday, a closure, a clock change) are
//! stored in full. The cost of a deadline grows with the logarithm of the
//! number of weeks it spans, not with the duration.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use pledge::clock::{deadline, BusinessCalendar};
//! use pledge::model::{Calendar, Duration};
//!
//! let calendar: Calendar = pledge::format::Document::parse(
//!     "id: office\ntime_zone: Europe/Paris\nhours:\n  mon: [09:00-18:00]\n  tue: [09:00-18:00]\n",
//! )
//! .and_then(|document| document.deserialize())
//! .unwrap();
//! let office = BusinessCalendar::compile(&calendar).unwrap();
//! // Monday 2 March 2026, 17:00 in Paris (16:00 UTC): one hour on Monday,
//! // three on Tuesday from 09:00, so due Tuesday 12:00 in Paris.
//! let start = Utc.with_ymd_and_hms(2026, 3, 2, 16, 0, 0).unwrap();
//! let due = deadline(&office, start, Duration::hours(4), &[]).unwrap();
//! assert_eq!(due, Utc.with_ymd_and_hms(2026, 3, 3, 11, 0, 0).unwrap());
//! ```
//!
//! # Semantics
//!
//! **When the clock runs.** The clock runs during the weekly opening
//! intervals, read on the calendar's local clock, except on holidays and
//! during closures. A holiday closes its whole local date, 00:00 to 24:00:
//! an overnight interval that starts the evening before a holiday stops at
//! midnight, and one that starts on the holiday's evening resumes at
//! midnight. A closure closes `from` (inclusive) to `to` (exclusive), local.
//! A 24/7 calendar (`hours: 24/7`) runs all the time: its business time is
//! calendar time, holidays and closures apart.
//!
//! **Clock changes.** Each boundary of an opening interval (or a closure, or
//! a holiday's midnight) is turned into an instant by one rule: *the first
//! instant at which the local clock shows that time or a later one.* So a
//! time skipped on a spring-forward night (02:30 in Paris on 29 March 2026)
//! opens or closes at the instant the clocks jump (03:00 local, 01:00 UTC),
//! and a time that occurs twice on an autumn night (02:30 in Paris on
//! 25 October 2026) means its first occurrence (02:30 summer time, 00:30
//! UTC). The rule never reverses the order of two times, so an interval is
//! never turned inside out; an interval that lies wholly inside a skipped
//! hour is empty that night, and the second pass through a repeated autumn
//! hour is counted once, by the interval open at the local time that ends
//! the repeated hour (03:00 in Paris).
//!
//! **Deadlines.** [`deadline`] returns the first instant at which the clock
//! has run for the duration since `start`. A ticket created while the
//! calendar is closed starts counting at the next opening ([`next_open`]);
//! a deadline that uses up a day's last minute falls at that day's closing
//! time (Friday 18:00), not at the next opening (Monday 09:00): the two are
//! equal in business time. A duration of zero gives `start` itself. A start
//! exactly at an opening time counts from it; a start exactly at a closing
//! time counts from the next opening. Instants are whole seconds: a
//! sub-second part is dropped.
//!
//! **Elapsed time** ([`elapsed`]) is the business time between two
//! instants, negative when `to` is before `from`. It is the inverse of
//! [`deadline`]: `elapsed(c, s, deadline(c, s, d, p)?, p) == d`.
//! [`remaining`] is the business time left before a deadline, negative once
//! it has passed.
//!
//! **Pauses** are the periods during which the ticket waits on the customer
//! (given in UTC, end exclusive). Business time inside a pause is not
//! counted; closed time inside a pause is not counted either, and not twice:
//! a pause that covers a night costs nothing more than the night. Pauses may
//! overlap each other; they are merged first.
//!
//! **Business days** ([`business_days_deadline`], or a
//! [`TargetTime::BusinessDays`](crate::model::TargetTime) through
//! [`target_deadline`]): a business day is a local date on which the clock
//! runs at some time. What "N business days" means is the calendar's
//! [`BusinessDayRule`]:
//! - `same_clock_time`: from the instant the clock starts (the start, or the
//!   next opening when created while closed), the same local clock time on
//!   the N-th business day after that date. The target is then converted to
//!   the business time between the start and that instant, so that pauses
//!   extend it like any duration, and the deadline is the *last* instant at
//!   which that much business time has run: the clock time itself when the
//!   calendar is open then; when it falls in a closed period of the target
//!   day (after closing, in a lunch break), the next opening after it, which
//!   is the same in business time. Tuesday 15:00 + 2 business days, on a
//!   Thursday open 09:00–12:00 only, is Friday 09:00. A clock time skipped by
//!   a spring-forward follows the rule above (the instant of the jump).
//! - `opening_hours`: N times the length of a business day
//!   ([`BusinessCalendar::business_day_length`]: the weekly hours divided by
//!   the number of days with an opening interval; 24 h for 24/7), counted as
//!   a duration, with the deadline placed like any other (at a closing time
//!   rather than at the next opening).
//!
//! **Range.** A compiled calendar covers a bounded range of years (2000 to
//! 2100 by default, widened to the years its holidays and closures name).
//! An instant outside it, or a deadline past its end, is an error; so is a
//! calendar that never opens again before its end: no computation loops.

mod calendar;
pub mod holidays;

use crate::error::ErrorCode;
use chrono::{DateTime, Utc};

pub(crate) use calendar::utc_of_local;
use calendar::{to_datetime, Reach, DAY};
pub use calendar::{BusinessCalendar, CalendarError, CompileOptions};

use crate::model::{BusinessDayRule, Duration, TargetTime};

/// A period during which the clock is stopped because the ticket waits on
/// the customer: from `start` (inclusive) to `end` (exclusive), in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pause {
    /// When the ticket went pending.
    pub start: DateTime<Utc>,
    /// When the customer answered.
    pub end: DateTime<Utc>,
}

impl From<(DateTime<Utc>, DateTime<Utc>)> for Pause {
    fn from((start, end): (DateTime<Utc>, DateTime<Utc>)) -> Self {
        Pause { start, end }
    }
}

/// Why a clock computation has no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ClockError {
    /// An instant lies outside the years the compiled calendar covers.
    #[error("{what} {instant} is outside the years this calendar covers ({first} to {last})", instant = rfc(instant), first = rfc(first), last = rfc(last))]
    OutOfRange {
        /// Which instant: `start`, `from`, `to`, `pause end`.
        what: &'static str,
        /// The instant.
        instant: DateTime<Utc>,
        /// The first instant covered.
        first: DateTime<Utc>,
        /// The end of the covered range (exclusive).
        last: DateTime<Utc>,
    },
    /// The calendar never opens between an instant and the end of its range.
    #[error("the calendar is never open from {after} to {until}: check its hours, holidays and closures", after = rfc(after), until = rfc(until))]
    NeverOpen {
        /// The instant from which the clock would run.
        after: DateTime<Utc>,
        /// The end of the covered range.
        until: DateTime<Utc>,
    },
    /// The deadline falls after the end of the covered range.
    #[error("the deadline falls after {until}, the end of the years this calendar covers", until = rfc(until))]
    BeyondRange {
        /// The end of the covered range.
        until: DateTime<Utc>,
    },
    /// A negative duration was given where time must run forward.
    #[error("the duration {duration} is negative; give a positive duration")]
    NegativeDuration {
        /// The duration given.
        duration: Duration,
    },
    /// A negative number of business days was given.
    #[error("{days} business days is negative; give a positive number")]
    NegativeBusinessDays {
        /// The count given.
        days: i64,
    },
    /// A pause ends before it starts.
    #[error("pause {index} ends ({end}) before it starts ({start})", start = rfc(start), end = rfc(end))]
    InvertedPause {
        /// Its position in the list of pauses (0-based).
        index: usize,
        /// Its start.
        start: DateTime<Utc>,
        /// Its end.
        end: DateTime<Utc>,
    },
}

impl ClockError {
    /// Always `clock`.
    pub fn code(&self) -> ErrorCode {
        ErrorCode::Clock
    }
}

fn rfc(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl BusinessCalendar {
    fn week_of(&self, what: &'static str, t: i64) -> Result<usize, ClockError> {
        self.week_index(t).ok_or_else(|| {
            let (first, last) = self.covered();
            ClockError::OutOfRange {
                what,
                instant: to_datetime(t),
                first,
                last,
            }
        })
    }

    /// The error when the clock cannot reach a level before the range ends:
    /// the calendar stopped opening (no business time in its last year), or
    /// the deadline simply lies past the end of the range.
    fn exhausted(&self, from: i64, level: i64) -> ClockError {
        let (_, end) = self.range();
        let total = self.total();
        let last_open = if total > level {
            self.week_index(from)
                .and_then(|k| self.reach(k, total, Reach::First))
                .unwrap_or(from)
        } else {
            from
        };
        if total == level || last_open < end - 366 * DAY {
            ClockError::NeverOpen {
                after: to_datetime(last_open),
                until: to_datetime(end),
            }
        } else {
            ClockError::BeyondRange {
                until: to_datetime(end),
            }
        }
    }

    fn level_of(&self, what: &'static str, t: i64) -> Result<i64, ClockError> {
        let k = self.week_of(what, t)?;
        Ok(self.level_in(k, t))
    }

    /// The deadline without pauses, in UTC seconds.
    fn plain_deadline(
        &self,
        what: &'static str,
        start: i64,
        seconds: i64,
        reach: Reach,
    ) -> Result<i64, ClockError> {
        let k = self.week_of(what, start)?;
        if seconds == 0 && reach == Reach::First {
            return Ok(start);
        }
        let level = match self.within_regular_week(k, start, seconds, reach) {
            Ok(due) => return Ok(due),
            Err(level) => level,
        };
        let target = level.checked_add(seconds).ok_or(ClockError::BeyondRange {
            until: self.covered().1,
        })?;
        self.reach(k, target, reach)
            .ok_or_else(|| self.exhausted(start, level))
    }

    /// The deadline with pauses, in UTC seconds: the first instant at which
    /// the clock shows `seconds` since `start`, or the last one.
    fn paused_deadline(
        &self,
        start: i64,
        seconds: i64,
        pauses: &[Pause],
        reach: Reach,
    ) -> Result<i64, ClockError> {
        if pauses.is_empty() {
            return self.plain_deadline("start", start, seconds, reach);
        }
        self.week_of("start", start)?;
        let (mut t, mut left) = (start, seconds);
        for (pause_start, pause_end) in merge_pauses(pauses)? {
            if pause_end <= t {
                continue;
            }
            if pause_start > t {
                let due = self.plain_deadline("start", t, left, reach)?;
                if due < pause_start || (due == pause_start && reach == Reach::First) {
                    return Ok(due);
                }
                // The deadline is at or past the pause's start, which is
                // therefore inside the covered range.
                left -= self.level_of("pause start", pause_start)? - self.level_of("start", t)?;
            } else if left == 0 && reach == Reach::First {
                return Ok(t);
            }
            t = pause_end;
        }
        self.plain_deadline("pause end", t, left, reach)
    }

    fn next_open_at(&self, t: i64) -> Result<i64, ClockError> {
        let k = self.week_of("instant", t)?;
        let level = self.level_in(k, t);
        self.reach(k, level, Reach::Last)
            .ok_or_else(|| self.exhausted(t, level))
    }
}

/// Pauses in UTC seconds, checked, sorted and merged.
fn merge_pauses(pauses: &[Pause]) -> Result<Vec<(i64, i64)>, ClockError> {
    let mut list = Vec::with_capacity(pauses.len());
    for (index, p) in pauses.iter().enumerate() {
        if p.end < p.start {
            return Err(ClockError::InvertedPause {
                index,
                start: p.start,
                end: p.end,
            });
        }
        if p.end > p.start {
            list.push((p.start.timestamp(), p.end.timestamp()));
        }
    }
    list.sort_unstable();
    let mut merged: Vec<(i64, i64)> = Vec::with_capacity(list.len());
    for (s, e) in list {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    Ok(merged)
}

/// The instant at which `duration` of business time has run since `start`,
/// the clock stopped outside opening hours, on holidays, during closures and
/// during `pauses`. See the [module documentation](self) for the exact rules.
pub fn deadline(
    calendar: &BusinessCalendar,
    start: DateTime<Utc>,
    duration: Duration,
    pauses: &[Pause],
) -> Result<DateTime<Utc>, ClockError> {
    if duration.as_seconds() < 0 {
        return Err(ClockError::NegativeDuration { duration });
    }
    calendar
        .paused_deadline(
            start.timestamp(),
            duration.as_seconds(),
            pauses,
            Reach::First,
        )
        .map(to_datetime)
}

/// The business time between `from` and `to`, not counting `pauses`;
/// negative when `to` is before `from`.
pub fn elapsed(
    calendar: &BusinessCalendar,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    pauses: &[Pause],
) -> Result<Duration, ClockError> {
    let (from, to) = (from.timestamp(), to.timestamp());
    let (low, high, sign) = if to >= from {
        (from, to, 1)
    } else {
        (to, from, -1)
    };
    let mut total = calendar.level_of("to", high)? - calendar.level_of("from", low)?;
    for (s, e) in merge_pauses(pauses)? {
        let (s, e) = (s.max(low), e.min(high));
        if s < e {
            total -= calendar.level_of("pause end", e)? - calendar.level_of("pause start", s)?;
        }
    }
    Ok(Duration::seconds(sign * total))
}

/// When the clock starts for a ticket created at `t`: `t` itself when the
/// calendar is open, otherwise its next opening.
pub fn next_open(
    calendar: &BusinessCalendar,
    t: DateTime<Utc>,
) -> Result<DateTime<Utc>, ClockError> {
    calendar.next_open_at(t.timestamp()).map(to_datetime)
}

/// The business time left at `now` before `deadline`, not counting
/// `pauses`: positive before the deadline, negative after it (by the
/// business time elapsed since), zero at it.
pub fn remaining(
    calendar: &BusinessCalendar,
    deadline: DateTime<Utc>,
    now: DateTime<Utc>,
    pauses: &[Pause],
) -> Result<Duration, ClockError> {
    elapsed(calendar, now, deadline, pauses)
}

/// The deadline of a target time: a duration through [`deadline`], or a
/// number of business days through [`business_days_deadline`].
pub fn target_deadline(
    calendar: &BusinessCalendar,
    start: DateTime<Utc>,
    target: TargetTime,
    pauses: &[Pause],
) -> Result<DateTime<Utc>, ClockError> {
    match target {
        TargetTime::Elapsed(duration) => deadline(calendar, start, duration, pauses),
        TargetTime::BusinessDays(days) => business_days_deadline(calendar, start, days, pauses),
    }
}

/// The deadline `days` business days after `start`, by the calendar's
/// [`BusinessDayRule`]; see the [module documentation](self).
pub fn business_days_deadline(
    calendar: &BusinessCalendar,
    start: DateTime<Utc>,
    days: i64,
    pauses: &[Pause],
) -> Result<DateTime<Utc>, ClockError> {
    if days < 0 {
        return Err(ClockError::NegativeBusinessDays { days });
    }
    let duration = business_days_duration(calendar, start, days)?;
    // Under the same-clock-time rule, the last instant at which this much
    // business time has run: the clock time itself when the calendar is open
    // then, otherwise the next opening after it. Under the opening-hours
    // rule, a duration like any other.
    let reach = match calendar.business_day_rule() {
        BusinessDayRule::SameClockTime => Reach::Last,
        BusinessDayRule::OpeningHours => Reach::First,
    };
    calendar
        .paused_deadline(start.timestamp(), duration.as_seconds(), pauses, reach)
        .map(to_datetime)
}

/// The business time that `days` business days from `start` stand for.
pub fn business_days_duration(
    calendar: &BusinessCalendar,
    start: DateTime<Utc>,
    days: i64,
) -> Result<Duration, ClockError> {
    if days < 0 {
        return Err(ClockError::NegativeBusinessDays { days });
    }
    if days == 0 {
        return Ok(Duration::ZERO);
    }
    match calendar.business_day_rule() {
        BusinessDayRule::OpeningHours => calendar
            .business_day_length()
            .as_seconds()
            .checked_mul(days)
            .map(Duration::seconds)
            .ok_or(ClockError::BeyondRange {
                until: calendar.covered().1,
            }),
        BusinessDayRule::SameClockTime => {
            let start = start.timestamp();
            let opens = calendar.next_open_at(start)?;
            let local = opens + calendar.offset(opens);
            let day = local.div_euclid(DAY);
            let target_day =
                calendar
                    .business_day_after(day, days)
                    .ok_or(ClockError::BeyondRange {
                        until: calendar.covered().1,
                    })?;
            let target = calendar.utc_of_local(target_day * DAY + local.rem_euclid(DAY));
            let end =
                calendar
                    .level_of("deadline", target)
                    .map_err(|_| ClockError::BeyondRange {
                        until: calendar.covered().1,
                    })?;
            Ok(Duration::seconds(end - calendar.level_of("start", start)?))
        }
    }
}
