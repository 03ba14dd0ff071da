//! The compiled business calendar: weekly opening hours as prefix sums,
//! with the weeks that differ from the template (holidays, closures, clock
//! changes) stored as exceptions.

use crate::error::ErrorCode;
use chrono::{DateTime, Datelike, LocalResult, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use super::holidays::{self, FIRST_YEAR, LAST_YEAR};
use crate::model::{BusinessDayRule, Calendar, Hours};

pub(crate) const DAY: i64 = 86_400;
pub(crate) const WEEK: i64 = 7 * DAY;
/// Local day number of Monday 29 December 1969, the Monday before the epoch:
/// weeks are counted from it so that every week starts on a Monday.
const MONDAY_BEFORE_EPOCH: i64 = -3;

/// Why a calendar of the agreement cannot be used by the clock. Each
/// variant names the field at fault, relative to the calendar (e.g.
/// `hours.mon[1]`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// The time zone is not an IANA name known to Pledge.
    #[error("{path}: `{name}` is not a known time zone; write an IANA name such as `Europe/Paris` or `UTC`")]
    UnknownTimeZone {
        /// The field, `time_zone`.
        path: String,
        /// The name given.
        name: String,
    },
    /// An interval ends at or before its start on the same day.
    #[error(
        "{path}: `{interval}` ends at or before it starts; mark an interval that ends the next day with `+1`, e.g. `22:00-06:00+1`"
    )]
    InvertedInterval {
        /// The interval's field, e.g. `hours.mon[0]`.
        path: String,
        /// The interval as written.
        interval: String,
    },
    /// An overnight interval lasts more than 24 hours.
    #[error("{path}: `{interval}` lasts more than 24 hours; an overnight interval must end no later than its start time on the next day")]
    IntervalTooLong {
        /// The interval's field.
        path: String,
        /// The interval as written.
        interval: String,
    },
    /// Two opening intervals overlap (possibly across midnight).
    #[error("{path}: `{interval}` overlaps `{other}` at {other_path}; opening intervals must not overlap")]
    OverlappingIntervals {
        /// The later interval's field.
        path: String,
        /// The later interval as written.
        interval: String,
        /// The earlier interval's field.
        other_path: String,
        /// The earlier interval as written.
        other: String,
    },
    /// The weekly hours open on no day at all.
    #[error("{path}: the calendar is never open; give at least one opening interval, or `24/7`")]
    NeverOpen {
        /// The field, `hours`.
        path: String,
    },
    /// A holiday rule's years are inverted or outside the supported range.
    #[error("{path}: years {from}..{to} are not supported; holiday rules cover years {min} to {max}, `from` no later than `to`", min = FIRST_YEAR, max = LAST_YEAR)]
    HolidayYears {
        /// The rule's field, e.g. `holidays.rules[0]`.
        path: String,
        /// First year given.
        from: i32,
        /// Last year given.
        to: i32,
    },
    /// A closure ends at or before it starts.
    #[error("{path}: the closure ends ({to}) at or before it starts ({from})")]
    InvertedClosure {
        /// The closure's field, e.g. `closures[1]`.
        path: String,
        /// Its start as written.
        from: String,
        /// Its end as written.
        to: String,
    },
    /// A date lies outside the years the clock can compute.
    #[error("{path}: {date} is outside the years the clock covers ({min} to {max})", min = FIRST_YEAR, max = LAST_YEAR)]
    DateOutOfRange {
        /// The field.
        path: String,
        /// The date as written.
        date: String,
    },
}

impl CalendarError {
    /// Always `invalid-calendar`: the variant and its path say the rest.
    pub fn code(&self) -> ErrorCode {
        ErrorCode::InvalidCalendar
    }
}

/// Options for compiling a calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompileOptions {
    /// The first year the compiled calendar covers, at least.
    pub first_year: i32,
    /// The last year it covers, at least.
    pub last_year: i32,
}

impl Default for CompileOptions {
    /// Years 2000 to 2100: ticket histories and any foreseeable contract.
    fn default() -> Self {
        CompileOptions {
            first_year: 2000,
            last_year: 2100,
        }
    }
}

/// A piece of the weekly template: local seconds since Monday 00:00,
/// `[start, end)`, always inside one local day.
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: i64,
    end: i64,
    /// Business seconds of the week before this piece.
    before: i64,
}

/// An open span of an exceptional week, in UTC seconds.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: i64,
    end: i64,
    /// Business seconds of the week before this span.
    before: i64,
}

/// One local week, Monday 00:00 to Monday 00:00.
#[derive(Debug, Clone, Copy)]
struct Week {
    /// The UTC instant of its local Monday 00:00 (see the DST rule).
    utc_start: i64,
    /// Business seconds from the start of the covered range to this week.
    cum: i64,
    /// Business days from the start of the covered range to this week.
    cum_days: i64,
    /// For a regular week, local time minus UTC, constant all week.
    offset: i64,
    /// Exceptional weeks: their spans, `spans[span_lo..span_hi]`.
    span_lo: u32,
    span_hi: u32,
    /// Whether the week follows the template (no exception, one offset).
    regular: bool,
    /// Bit `j` set when the week's day `j` (Monday = 0) is a business day.
    days: u8,
}

/// A calendar compiled for the clock: built once from a
/// [`model::Calendar`](crate::model::Calendar), then shared by every
/// computation. Covers a bounded range of years (see [`CompileOptions`]);
/// instants outside it give [`ClockError::OutOfRange`](super::ClockError).
#[derive(Debug, Clone)]
pub struct BusinessCalendar {
    tz: Tz,
    rule: BusinessDayRule,
    template: Vec<Piece>,
    template_total: i64,
    day_length: i64,
    first_week: i64,
    /// One entry per covered week, plus a sentinel that closes the range.
    weeks: Vec<Week>,
    spans: Vec<Span>,
}

/// Where a level of business time is reached: the first instant at which
/// the clock shows it, or the last one before it moves past it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reach {
    First,
    Last,
}

fn naive(seconds: i64) -> chrono::NaiveDateTime {
    DateTime::from_timestamp(seconds, 0)
        .map(|t| t.naive_utc())
        .unwrap_or_default()
}

/// Local time minus UTC at a UTC instant, in seconds.
fn offset_at(tz: &Tz, utc: i64) -> i64 {
    tz.offset_from_utc_datetime(&naive(utc))
        .fix()
        .local_minus_utc() as i64
}

/// The UTC instant of a local time: the first instant at which the local
/// clock shows it or a later time. A time that occurs twice (autumn) gives
/// its first occurrence; a time skipped by a spring-forward gives the
/// instant the clocks change. The map never decreases, so intervals never
/// turn inside out.
pub(crate) fn utc_of_local(tz: &Tz, local: i64) -> i64 {
    match tz.offset_from_local_datetime(&naive(local)) {
        LocalResult::Single(o) => local - o.fix().local_minus_utc() as i64,
        LocalResult::Ambiguous(a, b) => {
            (local - a.fix().local_minus_utc() as i64).min(local - b.fix().local_minus_utc() as i64)
        }
        LocalResult::None => {
            // Local time shown at the instant u is u + offset(u); find the
            // first u where it reaches `local`. No zone's offset exceeds
            // 26 hours, so the answer lies within this bracket.
            let (mut low, mut high) = (local - 27 * 3600, local + 27 * 3600);
            while high - low > 1 {
                let mid = low + (high - low) / 2;
                if mid + offset_at(tz, mid) >= local {
                    high = mid;
                } else {
                    low = mid;
                }
            }
            high
        }
    }
}

fn local_day_start(date: NaiveDate) -> i64 {
    date.and_time(chrono::NaiveTime::MIN).and_utc().timestamp()
}

/// The week number of a local time (seconds since 1970-01-01T00:00 local).
fn week_of_local(local: i64) -> i64 {
    (local.div_euclid(DAY) - MONDAY_BEFORE_EPOCH).div_euclid(7)
}

fn week_local_start(week: i64) -> i64 {
    (week * 7 + MONDAY_BEFORE_EPOCH) * DAY
}

fn local_date_of_year(year: i32) -> i64 {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .map(local_day_start)
        .unwrap_or(0)
}

impl BusinessCalendar {
    /// Compiles a calendar over the default range of years (2000–2100,
    /// widened to every year the calendar's holidays and closures name).
    pub fn compile(calendar: &Calendar) -> Result<Self, CalendarError> {
        Self::compile_with(calendar, &CompileOptions::default())
    }

    /// Compiles a calendar over at least the years of `options`.
    pub fn compile_with(
        calendar: &Calendar,
        options: &CompileOptions,
    ) -> Result<Self, CalendarError> {
        let tz: Tz = calendar
            .time_zone
            .parse()
            .map_err(|_| CalendarError::UnknownTimeZone {
                path: "time_zone".into(),
                name: calendar.time_zone.clone(),
            })?;
        let (template, template_days, day_length) = template(&calendar.hours)?;
        let (closed, mut first_year, mut last_year) = closed_ranges(calendar)?;
        first_year = first_year
            .min(options.first_year)
            .clamp(FIRST_YEAR, LAST_YEAR);
        last_year = last_year
            .max(options.last_year)
            .clamp(first_year, LAST_YEAR);
        let template_total = template
            .last()
            .map(|p| p.before + p.end - p.start)
            .unwrap_or(0);

        let first_week = week_of_local(local_date_of_year(first_year));
        let last_week = week_of_local(local_date_of_year(last_year + 1));
        let mut weeks = Vec::with_capacity((last_week - first_week + 2) as usize);
        let mut spans = Vec::new();
        let (mut cum, mut cum_days) = (0i64, 0i64);
        let mut utc_start = utc_of_local(&tz, week_local_start(first_week));
        for week in first_week..=last_week {
            let local_start = week_local_start(week);
            let utc_end = utc_of_local(&tz, local_start + WEEK);
            let offset = offset_at(&tz, utc_start);
            let steady = local_start - utc_start == offset
                && local_start + WEEK - utc_end == offset
                && (1..=7).all(|d| offset_at(&tz, utc_start + d * DAY - 1) == offset);
            let first_closed = closed.partition_point(|c| c.1 <= local_start);
            let touched = closed
                .get(first_closed)
                .is_some_and(|c| c.0 < local_start + WEEK);
            let mut entry = Week {
                utc_start,
                cum,
                cum_days,
                offset,
                span_lo: spans.len() as u32,
                span_hi: spans.len() as u32,
                regular: steady && !touched,
                days: template_days,
            };
            if entry.regular {
                cum += template_total;
            } else {
                entry.days = 0;
                let mut before = 0;
                for piece in &template {
                    let (from, to) = (local_start + piece.start, local_start + piece.end);
                    let mut open = from;
                    let mut index = closed.partition_point(|c| c.1 <= from);
                    while open < to {
                        let (gap_start, gap_end) = match closed.get(index) {
                            Some(&(a, b)) if a < to => (a.max(open), b.min(to)),
                            _ => (to, to),
                        };
                        if gap_start > open {
                            let (s, e) = (utc_of_local(&tz, open), utc_of_local(&tz, gap_start));
                            if e > s {
                                spans.push(Span {
                                    start: s,
                                    end: e,
                                    before,
                                });
                                before += e - s;
                                entry.days |= 1 << (piece.start / DAY);
                            }
                        }
                        open = gap_end;
                        index += 1;
                    }
                }
                entry.span_hi = spans.len() as u32;
                cum += before;
            }
            cum_days += entry.days.count_ones() as i64;
            weeks.push(entry);
            utc_start = utc_end;
        }
        // The sentinel closes the covered range.
        weeks.push(Week {
            utc_start,
            cum,
            cum_days,
            offset: 0,
            span_lo: spans.len() as u32,
            span_hi: spans.len() as u32,
            regular: false,
            days: 0,
        });
        Ok(BusinessCalendar {
            tz,
            rule: calendar.business_day,
            template,
            template_total,
            day_length,
            first_week,
            weeks,
            spans,
        })
    }

    /// The calendar's time zone.
    pub fn time_zone(&self) -> Tz {
        self.tz
    }

    /// What "N business days" means on this calendar.
    pub fn business_day_rule(&self) -> BusinessDayRule {
        self.rule
    }

    /// The length of one business day for [`BusinessDayRule::OpeningHours`]:
    /// the weekly opening hours divided by the number of days of the week
    /// that have an opening interval (an overnight interval counts for the
    /// day it starts), to the second; 24 hours for a 24/7 calendar.
    pub fn business_day_length(&self) -> crate::model::Duration {
        crate::model::Duration::seconds(self.day_length)
    }

    /// Business seconds in a week without exceptions.
    pub fn weekly_seconds(&self) -> i64 {
        self.template_total
    }

    /// The covered range: instants from the first (inclusive) to the last
    /// (exclusive).
    pub fn covered(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        let last = self.weeks.last().map(|w| w.utc_start).unwrap_or(0);
        (to_datetime(self.weeks[0].utc_start), to_datetime(last))
    }

    pub(crate) fn range(&self) -> (i64, i64) {
        (
            self.weeks[0].utc_start,
            self.weeks[self.weeks.len() - 1].utc_start,
        )
    }

    /// Index of the week holding a UTC instant, or `None` outside the range.
    pub(crate) fn week_index(&self, t: i64) -> Option<usize> {
        let n = self.weeks.len() - 1;
        let (first, last) = self.range();
        if t < first || t >= last {
            return None;
        }
        // Weeks are a week long up to a clock change, so the estimate is
        // off by at most one.
        let mut k = (((t - first) / WEEK) as usize).min(n - 1);
        while k > 0 && self.weeks[k].utc_start > t {
            k -= 1;
        }
        while k + 1 < n && self.weeks[k + 1].utc_start <= t {
            k += 1;
        }
        Some(k)
    }

    /// Business seconds from the start of the range to `t`, with `t` in week `k`.
    pub(crate) fn level_in(&self, k: usize, t: i64) -> i64 {
        let week = &self.weeks[k];
        let mut within = 0;
        if week.regular {
            let s = t - week.utc_start;
            for p in &self.template {
                if s <= p.start {
                    break;
                }
                within = p.before + s.min(p.end) - p.start;
            }
        } else {
            for p in &self.spans[week.span_lo as usize..week.span_hi as usize] {
                if t <= p.start {
                    break;
                }
                within = p.before + t.min(p.end) - p.start;
            }
        }
        week.cum + within
    }

    /// The total business seconds of the range.
    pub(crate) fn total(&self) -> i64 {
        self.weeks[self.weeks.len() - 1].cum
    }

    /// The instant at which the clock shows `level`, searching from week
    /// `from` on: the first such instant, or the last one (just before the
    /// clock moves on). `None` when the range ends first.
    pub(crate) fn reach(&self, from: usize, level: i64, reach: Reach) -> Option<i64> {
        let n = self.weeks.len() - 1;
        let done = |k: usize| match reach {
            Reach::First => self.weeks[k + 1].cum >= level,
            Reach::Last => self.weeks[k + 1].cum > level,
        };
        // Galloping search: the cost grows with the logarithm of the number
        // of weeks crossed, not with the duration.
        let k = if done(from) {
            from
        } else {
            let (mut low, mut step) = (from, 1usize);
            let mut high = loop {
                let probe = from + step;
                if probe >= n {
                    if !done(n - 1) {
                        return None;
                    }
                    break n - 1;
                }
                if done(probe) {
                    break probe;
                }
                low = probe;
                step *= 2;
            };
            // Invariant: done(high) and !done(low).
            while high - low > 1 {
                let mid = low + (high - low) / 2;
                if done(mid) {
                    high = mid;
                } else {
                    low = mid;
                }
            }
            high
        };
        let week = &self.weeks[k];
        let r = level - week.cum;
        let fits = |before: i64, len: i64| match reach {
            Reach::First => before + len >= r,
            Reach::Last => before + len > r,
        };
        if week.regular {
            let i = self
                .template
                .partition_point(|p| !fits(p.before, p.end - p.start));
            self.template
                .get(i)
                .map(|p| week.utc_start + p.start + (r - p.before))
        } else {
            let spans = &self.spans[week.span_lo as usize..week.span_hi as usize];
            let i = spans.partition_point(|p| !fits(p.before, p.end - p.start));
            spans.get(i).map(|p| p.start + (r - p.before))
        }
    }

    /// The common case of a deadline, in one pass over the template: `t` in
    /// a regular week `k` and the deadline in the same week. Gives the
    /// deadline, or else the level of `t` for the general search.
    pub(crate) fn within_regular_week(
        &self,
        k: usize,
        t: i64,
        seconds: i64,
        reach: Reach,
    ) -> Result<i64, i64> {
        let week = &self.weeks[k];
        if !week.regular {
            return Err(self.level_in(k, t));
        }
        let s = t - week.utc_start;
        let pieces = &self.template;
        // The first piece that ends after `t`: the clock is in it or before it.
        let first = pieces.partition_point(|p| p.end <= s);
        let Some(p) = pieces.get(first) else {
            return Err(week.cum + self.template_total);
        };
        let within = p.before + (s - p.start).max(0);
        let target = within.saturating_add(seconds);
        if target >= self.template_total {
            // Past this week (or at its very end): the general search.
            return Err(week.cum + within);
        }
        for p in &pieces[first..] {
            let end = p.before + p.end - p.start;
            if end > target || (end == target && reach == Reach::First) {
                return Ok(week.utc_start + p.start + (target - p.before));
            }
        }
        Err(week.cum + within)
    }

    /// Local time minus UTC at an instant.
    pub(crate) fn offset(&self, t: i64) -> i64 {
        match self.week_index(t) {
            Some(k) if self.weeks[k].regular => self.weeks[k].offset,
            _ => offset_at(&self.tz, t),
        }
    }

    pub(crate) fn utc_of_local(&self, local: i64) -> i64 {
        utc_of_local(&self.tz, local)
    }

    /// The date of the `n`-th business day after the local date `day`
    /// (`n` ≥ 1), or `None` past the range.
    pub(crate) fn business_day_after(&self, day: i64, n: i64) -> Option<i64> {
        let week = (day - MONDAY_BEFORE_EPOCH).div_euclid(7);
        let k = usize::try_from(week - self.first_week).ok()?;
        if k + 1 >= self.weeks.len() {
            return None;
        }
        let j = (day - MONDAY_BEFORE_EPOCH).rem_euclid(7) as u32;
        let through = self.weeks[k].cum_days
            + (self.weeks[k].days & ((1u16 << (j + 1)) - 1) as u8).count_ones() as i64;
        let target = through + n;
        let w = self.weeks.partition_point(|w| w.cum_days < target);
        // Week w - 1 holds the target-th business day.
        let k = w.checked_sub(1)?;
        if k + 1 >= self.weeks.len() || self.weeks[k + 1].cum_days < target {
            return None;
        }
        let mut left = target - self.weeks[k].cum_days;
        for bit in 0..7 {
            if self.weeks[k].days & (1 << bit) != 0 {
                left -= 1;
                if left == 0 {
                    return Some((self.first_week + k as i64) * 7 + MONDAY_BEFORE_EPOCH + bit);
                }
            }
        }
        None
    }

    /// Whether the clock runs at the instant `t` (open, not a holiday, not a
    /// closure). Instants outside the covered range are reported closed.
    pub fn is_open(&self, t: DateTime<Utc>) -> bool {
        let t = t.timestamp();
        match self.week_index(t) {
            Some(k) => self.reach(k, self.level_in(k, t), Reach::Last) == Some(t),
            None => false,
        }
    }
}

pub(crate) fn to_datetime(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}

/// The weekly template: pieces inside single days, the mask of days with
/// open time, and the business-day length.
fn template(hours: &Hours) -> Result<(Vec<Piece>, u8, i64), CalendarError> {
    let week = match hours {
        Hours::Always => {
            let pieces = (0..7)
                .map(|d| Piece {
                    start: d * DAY,
                    end: (d + 1) * DAY,
                    before: d * DAY,
                })
                .collect();
            return Ok((pieces, 0x7f, DAY));
        }
        Hours::Weekly(week) => week,
    };
    // Every interval as seconds since Monday 00:00, with its field path.
    let mut items: Vec<(i64, i64, usize, usize)> = Vec::new();
    let mut open_days = 0i64;
    let path = |day: usize, i: usize| format!("hours.{}[{i}]", crate::model::DAY_KEYS[day]);
    for (day, intervals) in week.days.iter().enumerate() {
        if !intervals.is_empty() {
            open_days += 1;
        }
        for (i, interval) in intervals.iter().enumerate() {
            let length = interval.length_minutes() as i64;
            if length <= 0 && !(interval.overnight && length == 0) {
                return Err(CalendarError::InvertedInterval {
                    path: path(day, i),
                    interval: interval.to_string(),
                });
            }
            if interval.overnight && interval.end > interval.start {
                return Err(CalendarError::IntervalTooLong {
                    path: path(day, i),
                    interval: interval.to_string(),
                });
            }
            let length = if length == 0 { 1440 } else { length };
            let start = day as i64 * DAY + interval.start.minutes() as i64 * 60;
            items.push((start, start + length * 60, day, i));
        }
    }
    if items.is_empty() {
        return Err(CalendarError::NeverOpen {
            path: "hours".into(),
        });
    }
    // Sunday's overnight intervals run into next Monday: fold them to the
    // start of the week so that the weekly template is one cycle.
    let mut folded: Vec<(i64, i64, usize, usize)> = Vec::new();
    for &(s, e, day, i) in &items {
        if e > WEEK {
            folded.push((s, WEEK, day, i));
            folded.push((0, e - WEEK, day, i));
        } else {
            folded.push((s, e, day, i));
        }
    }
    folded.sort();
    for pair in folded.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if b.0 < a.1 {
            let name = |day: usize, i: usize| week.days[day][i].to_string();
            return Err(CalendarError::OverlappingIntervals {
                path: path(b.2, b.3),
                interval: name(b.2, b.3),
                other_path: path(a.2, a.3),
                other: name(a.2, a.3),
            });
        }
    }
    // Split at midnights, so that each piece belongs to one local day, and
    // join pieces that touch within a day.
    let mut pieces: Vec<Piece> = Vec::new();
    let mut days = 0u8;
    for &(s, e, _, _) in &folded {
        let mut from = s;
        while from < e {
            let to = e.min((from / DAY + 1) * DAY);
            days |= 1 << (from / DAY);
            match pieces.last_mut() {
                Some(last) if last.end == from && from % DAY != 0 => last.end = to,
                _ => pieces.push(Piece {
                    start: from,
                    end: to,
                    before: 0,
                }),
            }
            from = to;
        }
    }
    let mut before = 0;
    for p in &mut pieces {
        p.before = before;
        before += p.end - p.start;
    }
    Ok((pieces, days, before / open_days.max(1)))
}

/// The closed local ranges (holidays as whole local days, closures as
/// given), sorted and merged, and the years they name.
type Closed = (Vec<(i64, i64)>, i32, i32);

fn closed_ranges(calendar: &Calendar) -> Result<Closed, CalendarError> {
    let mut ranges = Vec::new();
    let (mut first, mut last) = (i32::MAX, i32::MIN);
    let supported = FIRST_YEAR..=LAST_YEAR;
    for (i, rule) in calendar.holidays.rules.iter().enumerate() {
        if rule.from > rule.to || !supported.contains(&rule.from) || !supported.contains(&rule.to) {
            return Err(CalendarError::HolidayYears {
                path: format!("holidays.rules[{i}]"),
                from: rule.from,
                to: rule.to,
            });
        }
        first = first.min(rule.from);
        last = last.max(rule.to);
        for year in rule.from..=rule.to {
            for h in holidays::public_holidays(rule.country, year) {
                let start = local_day_start(h.date);
                ranges.push((start, start + DAY));
            }
        }
    }
    for (i, h) in calendar.holidays.dates.iter().enumerate() {
        if !supported.contains(&h.date.year()) {
            return Err(CalendarError::DateOutOfRange {
                path: format!("holidays.dates[{i}]"),
                date: h.date.to_string(),
            });
        }
        first = first.min(h.date.year());
        last = last.max(h.date.year());
        let start = local_day_start(h.date);
        ranges.push((start, start + DAY));
    }
    for (i, c) in calendar.closures.iter().enumerate() {
        let path = format!("closures[{i}]");
        for end in [c.from, c.to] {
            if !supported.contains(&end.0.year()) {
                return Err(CalendarError::DateOutOfRange {
                    path,
                    date: end.to_string(),
                });
            }
        }
        if c.to <= c.from {
            return Err(CalendarError::InvertedClosure {
                path,
                from: c.from.to_string(),
                to: c.to.to_string(),
            });
        }
        first = first.min(c.from.0.year());
        last = last.max(c.to.0.year());
        ranges.push((c.from.0.and_utc().timestamp(), c.to.0.and_utc().timestamp()));
    }
    ranges.sort();
    let mut merged: Vec<(i64, i64)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    Ok((merged, first, last))
}
