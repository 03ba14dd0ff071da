//! Typed quantities of the agreement format: durations, percentages, money,
//! times of day and opening intervals.
//!
//! Each type parses from and writes to one short textual form (`1h30m`,
//! `99.9%`, `08:00-12:00`), so that a file reads like the contract it
//! describes and a write-read round trip is lossless.

use crate::error::ErrorCode;
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a textual value could not be read; the message names what is allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct UnitError(pub String);

impl UnitError {
    /// Always `invalid-value`.
    pub fn code(&self) -> ErrorCode {
        ErrorCode::InvalidValue
    }
}

fn unit_error(what: &str, text: &str, allowed: &str) -> UnitError {
    UnitError(format!("`{text}` is not a valid {what}: {allowed}"))
}

/// Implements `Serialize`/`Deserialize`/`JsonSchema` through `Display`/`FromStr`
/// for a type written as one string in the file.
macro_rules! string_form {
    ($ty:ty, $name:literal, $expecting:literal, $pattern:expr, $desc:literal) => {
        string_form!(@types ["string", "number"], $ty, $name, $expecting, $pattern, $desc);
    };
    (@types $types:tt, $ty:ty, $name:literal, $expecting:literal, $pattern:expr, $desc:literal) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$ty, E> {
                        v.parse().map_err(|e: UnitError| E::custom(e.0))
                    }
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<$ty, E> {
                        self.visit_str(&v.to_string())
                    }
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<$ty, E> {
                        self.visit_str(&v.to_string())
                    }
                    fn visit_f64<E: de::Error>(self, v: f64) -> Result<$ty, E> {
                        self.visit_str(&v.to_string())
                    }
                }
                d.deserialize_str(V)
            }
        }
        impl JsonSchema for $ty {
            fn schema_name() -> Cow<'static, str> {
                Cow::Borrowed($name)
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "type": $types,
                    "pattern": $pattern,
                    "description": $desc,
                })
            }
        }
    };
}

/// A length of time, to the second. Written as a sum of units, largest
/// first: `4h`, `30m`, `2d`, `1h30m`, `45s`; `d` is 24 hours of the clock
/// it is counted on. It may be negative (`-1h`) where the field allows it:
/// validation, not parsing, refuses zero or negative targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Duration {
    seconds: i64,
}

impl Duration {
    /// The zero duration.
    pub const ZERO: Duration = Duration { seconds: 0 };
    /// A duration of `seconds` seconds.
    pub const fn seconds(seconds: i64) -> Self {
        Duration { seconds }
    }
    /// A duration of `minutes` minutes.
    pub const fn minutes(minutes: i64) -> Self {
        Duration {
            seconds: minutes * 60,
        }
    }
    /// A duration of `hours` hours.
    pub const fn hours(hours: i64) -> Self {
        Duration {
            seconds: hours * 3600,
        }
    }
    /// A duration of `days` days of 24 hours.
    pub const fn days(days: i64) -> Self {
        Duration {
            seconds: days * 86_400,
        }
    }
    /// The length in seconds.
    pub const fn as_seconds(self) -> i64 {
        self.seconds
    }
    /// Whether the duration is strictly positive.
    pub const fn is_positive(self) -> bool {
        self.seconds > 0
    }
    /// The duration as a chrono duration.
    pub fn to_chrono(self) -> chrono::Duration {
        chrono::Duration::seconds(self.seconds)
    }
}

impl std::ops::Add for Duration {
    type Output = Duration;
    fn add(self, rhs: Duration) -> Duration {
        Duration {
            seconds: self.seconds.saturating_add(rhs.seconds),
        }
    }
}

impl std::iter::Sum for Duration {
    fn sum<I: Iterator<Item = Duration>>(iter: I) -> Duration {
        iter.fold(Duration::ZERO, |a, b| a + b)
    }
}

impl Duration {
    fn write_units(self, f: &mut fmt::Formatter<'_>, units: &[(&str, u64)]) -> fmt::Result {
        if self.seconds == 0 {
            return f.write_str("0m");
        }
        if self.seconds < 0 {
            f.write_str("-")?;
        }
        let mut rest = self.seconds.unsigned_abs();
        for (unit, size) in units {
            if rest >= *size {
                write!(f, "{}{unit}", rest / size)?;
                rest %= size;
            }
        }
        Ok(())
    }

    /// Writes the duration in hours, minutes and seconds only (`48h`).
    pub fn fmt_without_days(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_units(f, &[("h", 3600), ("m", 60), ("s", 1)])
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_units(f, &[("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)])
    }
}

impl FromStr for Duration {
    type Err = UnitError;
    fn from_str(text: &str) -> Result<Self, UnitError> {
        const ALLOWED: &str =
            "write a number followed by d, h, m or s, largest unit first, e.g. `4h`, `30m`, `2d`, `1h30m`";
        let bad = || unit_error("duration", text, ALLOWED);
        let trimmed = text.trim();
        let (negative, body) = match trimmed.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        if body.is_empty() {
            return Err(bad());
        }
        let mut total: i64 = 0;
        let mut digits = String::new();
        let mut last_rank = usize::MAX;
        for c in body.chars() {
            if c.is_ascii_digit() {
                digits.push(c);
                continue;
            }
            let (rank, size) = match c {
                'd' => (3, 86_400),
                'h' => (2, 3600),
                'm' => (1, 60),
                's' => (0, 1),
                _ => return Err(bad()),
            };
            if digits.is_empty() || rank >= last_rank {
                return Err(bad());
            }
            let n: i64 = digits.parse().map_err(|_| bad())?;
            total = n
                .checked_mul(size)
                .and_then(|v| total.checked_add(v))
                .filter(|v| *v <= MAX_DURATION_SECONDS)
                .ok_or_else(|| {
                    UnitError(format!(
                        "`{text}` is too long a duration (the limit is 100000d)"
                    ))
                })?;
            digits.clear();
            last_rank = rank;
        }
        if !digits.is_empty() {
            return Err(bad());
        }
        Ok(Duration {
            seconds: if negative { -total } else { total },
        })
    }
}

/// The longest duration the format accepts: 100,000 days.
const MAX_DURATION_SECONDS: i64 = 100_000 * 86_400;

string_form!(
    Duration,
    "Duration",
    "a duration such as `4h`, `30m`, `2d` or `1h30m`",
    "^-?([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?$",
    "A duration: a number and a unit (d, h, m, s), largest first, e.g. 4h, 30m, 2d, 1h30m."
);

/// How long a target allows: either a duration counted on the target's
/// clock, or a number of business days (`5bd`), whose meaning is set by the
/// calendar's [`BusinessDayRule`](crate::model::BusinessDayRule).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TargetTime {
    /// A duration of business or calendar time.
    Elapsed(Duration),
    /// A count of business days.
    BusinessDays(i64),
}

impl TargetTime {
    /// Whether the allowance is strictly positive.
    pub fn is_positive(self) -> bool {
        match self {
            TargetTime::Elapsed(d) => d.is_positive(),
            TargetTime::BusinessDays(n) => n > 0,
        }
    }
}

impl fmt::Display for TargetTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // A target counts hours of a clock that may be a business-hours
            // one, where `1d` would read as "one business day": hours are
            // written as hours (`24h`, `36h`).
            TargetTime::Elapsed(d) => d.fmt_without_days(f),
            TargetTime::BusinessDays(n) => write!(f, "{n}bd"),
        }
    }
}

impl FromStr for TargetTime {
    type Err = UnitError;
    fn from_str(text: &str) -> Result<Self, UnitError> {
        let trimmed = text.trim();
        if let Some(n) = trimmed.strip_suffix("bd") {
            return n.parse::<i64>().map(TargetTime::BusinessDays).map_err(|_| {
                unit_error(
                    "number of business days",
                    text,
                    "write a whole number followed by `bd`, e.g. `5bd`",
                )
            });
        }
        trimmed.parse().map(TargetTime::Elapsed).map_err(|_| {
            unit_error(
                "target time",
                text,
                "write a duration such as `4h`, `30m`, `1h30m`, or business days such as `5bd`",
            )
        })
    }
}

string_form!(
    TargetTime,
    "TargetTime",
    "a target time such as `4h`, `1h30m` or `5bd`",
    "^(-?([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?|-?[0-9]+bd)$",
    "A duration (4h, 30m, 1h30m, 2d) or a number of business days (5bd)."
);

/// A percentage, written `99.9%`. Stored as the percentage value (99.9),
/// not as a fraction.
///
/// The `%` sign is required: other tools write 99.9 % as `0.999`, so a bare
/// number is ambiguous and reading it either way could put a figure off by a
/// factor of 100 into a contract. A bare number is refused with both
/// readings spelled out ([`Percent::from_str`]); the command line's
/// percentage flags parse through the same function.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Percent(f64);

impl Percent {
    /// A percentage from its value in percent (e.g. `99.9`).
    pub const fn new(value: f64) -> Self {
        Percent(value)
    }
    /// The value in percent.
    pub const fn value(self) -> f64 {
        self.0
    }
    /// The value as a fraction of one.
    pub fn fraction(self) -> f64 {
        self.0 / 100.0
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.0)
    }
}

impl FromStr for Percent {
    type Err = UnitError;
    /// Reads `99.9%` (spaces around the number and the sign are allowed).
    /// A bare number such as `0.999` is refused with a message naming its
    /// two readings, `99.9%` and `0.999%`.
    fn from_str(text: &str) -> Result<Self, UnitError> {
        let trimmed = text.trim_matches(is_space);
        let Some(body) = trimmed.strip_suffix('%') else {
            return Err(match Decimal::parse(trimmed) {
                Some(number) => UnitError(bare_number_message(trimmed, &number)),
                None => unit_error(
                    "percentage",
                    text,
                    "write a number followed by %, e.g. `99.9%`",
                ),
            });
        };
        let body = body.trim_end_matches(is_space);
        match (Decimal::parse(body), body.parse::<f64>()) {
            (Some(_), Ok(v)) if v.is_finite() => Ok(Percent(v)),
            _ => Err(unit_error(
                "percentage",
                text,
                "write a number followed by %, e.g. `99.9%`",
            )),
        }
    }
}

/// The spaces allowed around a percentage's number and sign (`95 %`, with
/// the no-break spaces French typography puts there): those that both Rust
/// and the JSON Schema's regular expressions (`\s` of ECMA-262) count as
/// white space, so that the schema's pattern accepts exactly what the
/// reader does.
fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{B}' | '\u{C}' | '\r' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// The message for a number written without `%`: its two readings, the
/// likelier first (a number of at most 1 is most often a fraction).
fn bare_number_message(text: &str, number: &Decimal) -> String {
    let as_fraction = number.times_hundred();
    let as_percent = number.to_string();
    let (first, second) = if number.at_most_one() {
        (as_fraction, as_percent)
    } else {
        (as_percent, as_fraction)
    };
    if first == second {
        // Zero reads the same either way.
        return format!("`{text}` is not a percentage: write `{first}%`");
    }
    format!("`{text}` is not a percentage: write `{first}%` or `{second}%`")
}

/// A plain decimal number as written (`-12.50`, `.5`, `7.`), kept as its
/// digits so that its two percentage readings can be spelled exactly,
/// whatever its size; no exponent, no `inf` or `nan`.
struct Decimal<'a> {
    negative: bool,
    whole: &'a str,
    fraction: &'a str,
}

impl<'a> Decimal<'a> {
    fn parse(text: &'a str) -> Option<Decimal<'a>> {
        let (negative, digits) = match text.as_bytes().first() {
            Some(b'-') => (true, &text[1..]),
            Some(b'+') => (false, &text[1..]),
            _ => (false, text),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction)
        {
            return None;
        }
        Some(Decimal {
            negative,
            whole,
            fraction,
        })
    }

    /// Whether the number lies between -1 and 1.
    fn at_most_one(&self) -> bool {
        let whole = self.whole.trim_start_matches('0');
        whole.is_empty() || (whole == "1" && self.fraction.bytes().all(|b| b == b'0'))
    }

    /// The number a hundred times larger, written in the shortest form.
    fn times_hundred(&self) -> String {
        let moved: String = self.fraction.chars().chain("00".chars()).take(2).collect();
        let fraction = self.fraction.get(2..).unwrap_or("");
        Decimal::spell(self.negative, &format!("{}{moved}", self.whole), fraction)
    }

    fn spell(negative: bool, whole: &str, fraction: &str) -> String {
        let whole = whole.trim_start_matches('0');
        let whole = if whole.is_empty() { "0" } else { whole };
        let fraction = fraction.trim_end_matches('0');
        let sign = if negative && (whole != "0" || !fraction.is_empty()) {
            "-"
        } else {
            ""
        };
        if fraction.is_empty() {
            format!("{sign}{whole}")
        } else {
            format!("{sign}{whole}.{fraction}")
        }
    }
}

impl fmt::Display for Decimal<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Decimal::spell(self.negative, self.whole, self.fraction))
    }
}

// A percentage is text only: the schema refuses a YAML or JSON number so
// that an editor flags `objective: 0.95` as the user types.
string_form!(
    @types "string",
    Percent,
    "Percent",
    "a percentage such as `99.9%`",
    PERCENT_PATTERN,
    "A percentage written with its sign, e.g. 99.9%; a bare number such as 0.999 is refused."
);

/// Any number of the spaces [`is_space`] allows, as a regular expression.
macro_rules! spaces_pattern {
    () => {
        "[\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]*"
    };
}

/// The textual form of a percentage, as the JSON Schema states it: what
/// [`Percent::from_str`] accepts, so that an editor flags a bare number
/// (`95`, `0.95`) as the user types.
pub const PERCENT_PATTERN: &str = concat!(
    "^",
    spaces_pattern!(),
    "[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)",
    spaces_pattern!(),
    "%",
    spaces_pattern!(),
    "$"
);

/// An amount of money in the agreement's currency, exact to the cent.
/// Written as a number with at most two decimals: `1250`, `1250.5`, `1250.00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money {
    cents: i64,
}

impl Money {
    /// An amount from a number of cents.
    pub const fn from_cents(cents: i64) -> Self {
        Money { cents }
    }
    /// The amount in cents.
    pub const fn cents(self) -> i64 {
        self.cents
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.cents < 0 { "-" } else { "" };
        let abs = self.cents.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl FromStr for Money {
    type Err = UnitError;
    fn from_str(text: &str) -> Result<Self, UnitError> {
        let bad = || {
            unit_error(
                "amount",
                text,
                "write a number with at most two decimals, e.g. `1250` or `1250.50`",
            )
        };
        let body = text.trim();
        let (negative, body) = match body.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, body),
        };
        let (units, decimals) = body.split_once('.').unwrap_or((body, ""));
        if units.is_empty()
            || !units.bytes().all(|b| b.is_ascii_digit())
            || !decimals.bytes().all(|b| b.is_ascii_digit())
            || decimals.len() > 2
            || units.len() > 15
        {
            return Err(bad());
        }
        let units: i64 = units.parse().map_err(|_| bad())?;
        let frac: i64 = format!("{decimals:0<2}").parse().map_err(|_| bad())?;
        let cents = units * 100 + frac;
        Ok(Money {
            cents: if negative { -cents } else { cents },
        })
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Written as a number so that the file reads `monthly_fee: 1250.0`;
        // cents are exact in an f64 far beyond any fee.
        s.serialize_f64(self.cents as f64 / 100.0)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount such as `1250` or `1250.50`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Money, E> {
                v.parse().map_err(|e: UnitError| E::custom(e.0))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Money, E> {
                v.checked_mul(100)
                    .map(Money::from_cents)
                    .ok_or_else(|| E::custom("amount too large"))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Money, E> {
                i64::try_from(v)
                    .map_err(|_| E::custom("amount too large"))
                    .and_then(|v| self.visit_i64(v))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Money, E> {
                // The shortest text that reads back as `v` is what the file
                // said, so its decimals are checked, not the binary value's.
                self.visit_str(&v.to_string())
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Money {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Money")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": ["number", "string"],
            "description": "An amount in the agreement's currency, at most two decimals.",
        })
    }
}

/// A time of day, to the minute, from `00:00` to `24:00` (the end of the day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay {
    minutes: u16,
}

impl TimeOfDay {
    /// The time `hour:minute`; `None` outside 00:00–24:00.
    pub fn new(hour: u16, minute: u16) -> Option<Self> {
        let minutes = hour * 60 + minute;
        (minute < 60 && minutes <= 24 * 60).then_some(TimeOfDay { minutes })
    }
    /// Minutes since midnight (0 to 1440).
    pub const fn minutes(self) -> u16 {
        self.minutes
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.minutes / 60, self.minutes % 60)
    }
}

impl FromStr for TimeOfDay {
    type Err = UnitError;
    fn from_str(text: &str) -> Result<Self, UnitError> {
        let bad = || {
            unit_error(
                "time of day",
                text,
                "write HH:MM between 00:00 and 24:00, e.g. `08:30`",
            )
        };
        let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return Err(bad());
        }
        let h: u16 = h.parse().map_err(|_| bad())?;
        let m: u16 = m.parse().map_err(|_| bad())?;
        TimeOfDay::new(h, m).ok_or_else(bad)
    }
}

string_form!(
    TimeOfDay,
    "TimeOfDay",
    "a time of day such as `08:30`",
    "^[0-9]{1,2}:[0-9]{2}$",
    "A time of day, HH:MM, from 00:00 to 24:00."
);

/// An opening interval within a day: `08:00-12:00`. An interval that runs
/// past midnight into the next day is marked `+1`: `22:00-06:00+1`. Without
/// the mark, an end before the start is an error, not a night shift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Interval {
    /// When the interval opens.
    pub start: TimeOfDay,
    /// When it closes (on the next day when `overnight`).
    pub end: TimeOfDay,
    /// Whether the end falls on the next day.
    pub overnight: bool,
}

impl Interval {
    /// The interval's length in minutes (negative when it is inverted).
    pub fn length_minutes(self) -> i32 {
        let end = self.end.minutes() as i32 + if self.overnight { 1440 } else { 0 };
        end - self.start.minutes() as i32
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{}{}",
            self.start,
            self.end,
            if self.overnight { "+1" } else { "" }
        )
    }
}

impl FromStr for Interval {
    type Err = UnitError;
    fn from_str(text: &str) -> Result<Self, UnitError> {
        let bad = || {
            unit_error(
                "opening interval",
                text,
                "write HH:MM-HH:MM, e.g. `08:00-12:00`; add `+1` when it ends the next day, e.g. `22:00-06:00+1`",
            )
        };
        let body = text.trim();
        let (body, overnight) = match body.strip_suffix("+1") {
            Some(rest) => (rest, true),
            None => (body, false),
        };
        let (start, end) = body.split_once('-').ok_or_else(bad)?;
        Ok(Interval {
            start: start.parse().map_err(|_| bad())?,
            end: end.parse().map_err(|_| bad())?,
            overnight,
        })
    }
}

string_form!(
    Interval,
    "Interval",
    "an opening interval such as `08:00-12:00` or `22:00-06:00+1`",
    "^[0-9]{1,2}:[0-9]{2}-[0-9]{1,2}:[0-9]{2}(\\+1)?$",
    "An opening interval HH:MM-HH:MM; `+1` marks an end on the next day."
);

/// A date and time on a calendar's local clock, without a zone: the zone is
/// the calendar's. Written `2026-12-24T12:00` (seconds optional) or a bare
/// date `2026-12-24`, meaning its midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalDateTime(pub chrono::NaiveDateTime);

impl fmt::Display for LocalDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use chrono::Timelike;
        let t = self.0;
        if t.time() == chrono::NaiveTime::MIN {
            write!(f, "{}", t.date())
        } else if t.second() == 0 {
            write!(f, "{}", t.format("%Y-%m-%dT%H:%M"))
        } else {
            write!(f, "{}", t.format("%Y-%m-%dT%H:%M:%S"))
        }
    }
}

impl FromStr for LocalDateTime {
    type Err = UnitError;
    fn from_str(text: &str) -> Result<Self, UnitError> {
        let body = text.trim();
        for format in [
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M",
        ] {
            if let Ok(t) = chrono::NaiveDateTime::parse_from_str(body, format) {
                return Ok(LocalDateTime(t));
            }
        }
        chrono::NaiveDate::parse_from_str(body, "%Y-%m-%d")
            .map(|d| LocalDateTime(d.and_time(chrono::NaiveTime::MIN)))
            .map_err(|_| {
                unit_error(
                    "local date and time",
                    text,
                    "write YYYY-MM-DDTHH:MM, e.g. `2026-12-24T12:00`, or a date",
                )
            })
    }
}

string_form!(
    LocalDateTime,
    "LocalDateTime",
    "a local date and time such as `2026-12-24T12:00`",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?)?$",
    "A date and time on the calendar's clock, YYYY-MM-DDTHH:MM, or a date."
);

/// `digits` (an unsigned whole number's decimal digits) with `sep` between
/// groups of three from the right: the contract's amounts and the
/// simulation's messages group figures the same way.
pub(crate) fn group_thousands(digits: &str, sep: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * sep.len());
    let n = digits.len();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bare(text: &str) -> String {
        text.parse::<Percent>().unwrap_err().0
    }

    #[test]
    fn a_bare_number_names_both_readings_exactly() {
        // issue 18: the readings are spelled from the digits as written, the
        // likelier (a fraction, for a number of at most 1) first.
        assert_eq!(
            bare("0.999"),
            "`0.999` is not a percentage: write `99.9%` or `0.999%`"
        );
        assert_eq!(bare("1"), "`1` is not a percentage: write `100%` or `1%`");
        assert_eq!(
            bare(".5"),
            "`.5` is not a percentage: write `50%` or `0.5%`"
        );
        assert_eq!(
            bare("-0.25"),
            "`-0.25` is not a percentage: write `-25%` or `-0.25%`"
        );
        assert_eq!(
            bare("007.50"),
            "`007.50` is not a percentage: write `7.5%` or `750%`"
        );
        assert_eq!(bare("-0"), "`-0` is not a percentage: write `0%`");
        assert_eq!(
            bare("123456789012345678901234567890.123"),
            "`123456789012345678901234567890.123` is not a percentage: write `123456789012345678901234567890.123%` or `12345678901234567890123456789012.3%`"
        );
        // What is not a number at all gets the general message.
        assert_eq!(
            bare("1e3"),
            "`1e3` is not a valid percentage: write a number followed by %, e.g. `99.9%`"
        );
    }

    proptest::proptest! {
        // issue 18: no text makes the reader panic, and no text without the
        // sign is ever read as a percentage.
        #[test]
        fn no_text_without_the_sign_is_a_percentage(text in proptest::prelude::any::<String>()) {
            let read = text.parse::<Percent>();
            if !text.contains('%') {
                proptest::prop_assert!(read.is_err());
            }
        }

        // issue 18: every value written back reads back equal, with the sign.
        #[test]
        fn every_written_percentage_reads_back(value in proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO) {
            let written = Percent::new(value).to_string();
            proptest::prop_assert_eq!(written.parse::<Percent>(), Ok(Percent::new(value)));
            let bare = written.trim_end_matches('%');
            let message = bare.parse::<Percent>().unwrap_err().0;
            let expected_start = format!("`{bare}` is not a percentage: write `");
            proptest::prop_assert!(message.starts_with(&expected_start), "{}", message);
        }
    }

    #[test]
    fn durations_read_and_write_in_canonical_form() {
        for (text, seconds, canonical) in [
            ("4h", 4 * 3600, "4h"),
            ("30m", 1800, "30m"),
            ("2d", 2 * 86_400, "2d"),
            ("1h30m", 5400, "1h30m"),
            ("90m", 5400, "1h30m"),
            ("45s", 45, "45s"),
            ("-1h", -3600, "-1h"),
            ("0m", 0, "0m"),
        ] {
            let d: Duration = text.parse().unwrap();
            assert_eq!(d.as_seconds(), seconds, "{text}");
            assert_eq!(d.to_string(), canonical, "{text}");
        }
        for bad in [
            "",
            "4",
            "h",
            "4x",
            "30m4h",
            "4h4h",
            "1.5h",
            "--1h",
            "99999999999999999999d",
        ] {
            assert!(
                bad.parse::<Duration>().is_err(),
                "{bad:?} should be refused"
            );
        }
    }

    #[test]
    fn target_times_accept_business_days() {
        assert_eq!(
            "5bd".parse::<TargetTime>().unwrap(),
            TargetTime::BusinessDays(5)
        );
        assert_eq!(
            "8h".parse::<TargetTime>().unwrap(),
            TargetTime::Elapsed(Duration::hours(8))
        );
        assert_eq!("1d".parse::<TargetTime>().unwrap().to_string(), "24h");
        assert_eq!(
            "1d12h30m".parse::<TargetTime>().unwrap().to_string(),
            "36h30m"
        );
        assert!("5b".parse::<TargetTime>().is_err());
    }

    #[test]
    fn percentages_and_money() {
        assert_eq!("99.9%".parse::<Percent>().unwrap().value(), 99.9);
        assert_eq!(Percent::new(99.95).to_string(), "99.95%");
        assert!("abc%".parse::<Percent>().is_err());
        assert!("NaN%".parse::<Percent>().is_err());
        assert_eq!("95 %".parse::<Percent>().unwrap().value(), 95.0);
        assert_eq!("95\u{202F}%".parse::<Percent>().unwrap().value(), 95.0);
        assert_eq!("1250.5".parse::<Money>().unwrap().cents(), 125_050);
        assert_eq!(Money::from_cents(125_050).to_string(), "1250.50");
        assert!("12.345".parse::<Money>().is_err());
    }

    #[test]
    fn intervals_mark_overnight_explicitly() {
        let night: Interval = "22:00-06:00+1".parse().unwrap();
        assert!(night.overnight);
        assert_eq!(night.length_minutes(), 8 * 60);
        let inverted: Interval = "18:00-08:00".parse().unwrap();
        assert!(inverted.length_minutes() < 0);
        assert_eq!(
            "08:00-24:00".parse::<Interval>().unwrap().length_minutes(),
            16 * 60
        );
        assert!("25:00-26:00".parse::<Interval>().is_err());
        assert!("8-12".parse::<Interval>().is_err());
    }
}
