//! Support calendars: the time zone, weekly opening hours, public holidays
//! and one-off closures that decide when a business-hours clock runs.

use std::borrow::Cow;
use std::fmt;

use chrono::{NaiveDate, Weekday};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::text::Text;
use super::units::{Interval, LocalDateTime};

/// A named support calendar, referenced by plans, targets and OLAs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// The identifier other parts of the agreement use to refer to it.
    pub id: String,
    /// A name for people, e.g. "Paris business hours" (a text per
    /// language).
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub name: Text,
    /// An IANA time zone name, e.g. `Europe/Paris`: an identity, never
    /// translated.
    pub time_zone: String,
    /// When support is open each week.
    pub hours: Hours,
    /// Public holidays on which support is closed.
    #[serde(default, skip_serializing_if = "Holidays::is_empty")]
    pub holidays: Holidays,
    /// One-off closures (e.g. a company event), in the calendar's local time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closures: Vec<Closure>,
    /// What "N business days" means on this calendar.
    #[serde(default, skip_serializing_if = "BusinessDayRule::is_default")]
    pub business_day: BusinessDayRule,
}

/// Weekly opening hours: always open, or intervals per day of the week.
#[derive(Debug, Clone, PartialEq)]
pub enum Hours {
    /// Open around the clock, every day (24/7); written `24/7`.
    Always,
    /// Opening intervals by day of the week; a day that is absent is closed.
    Weekly(WeeklyHours),
}

/// Opening intervals for each day of the week, Monday first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WeeklyHours {
    /// Intervals indexed by `Weekday::num_days_from_monday()`.
    pub days: [Vec<Interval>; 7],
}

impl WeeklyHours {
    /// The intervals of one day.
    pub fn day(&self, day: Weekday) -> &[Interval] {
        &self.days[day.num_days_from_monday() as usize]
    }
}

/// The short keys used for the days of the week in files, Monday first.
pub const DAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl Serialize for Hours {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            Hours::Always => s.serialize_str("24/7"),
            Hours::Weekly(week) => {
                let open: Vec<_> = DAY_KEYS
                    .iter()
                    .zip(&week.days)
                    .filter(|(_, v)| !v.is_empty())
                    .collect();
                let mut map = s.serialize_map(Some(open.len()))?;
                for (key, intervals) in open {
                    map.serialize_entry(key, intervals)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Hours {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Hours;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`24/7`, or a map from days (mon … sun) to opening intervals")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Hours, E> {
                match v.trim() {
                    "24/7" | "always" => Ok(Hours::Always),
                    other => Err(E::custom(format!(
                        "`{other}` is not valid opening hours: write `24/7`, or a map from days (mon … sun) to intervals"
                    ))),
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Hours, A::Error> {
                let mut week = WeeklyHours::default();
                let mut seen = [false; 7];
                while let Some(key) = map.next_key::<String>()? {
                    let Some(index) = DAY_KEYS.iter().position(|k| *k == key) else {
                        return Err(de::Error::unknown_field(&key, &DAY_KEYS));
                    };
                    if seen[index] {
                        return Err(de::Error::custom(format!("`{key}` is given twice")));
                    }
                    seen[index] = true;
                    week.days[index] = map.next_value()?;
                }
                Ok(Hours::Weekly(week))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Hours {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Hours")
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let interval = generator.subschema_for::<Interval>();
        let days: serde_json::Map<String, serde_json::Value> = DAY_KEYS
            .iter()
            .map(|k| {
                (
                    k.to_string(),
                    serde_json::json!({"type": "array", "items": interval}),
                )
            })
            .collect();
        json_schema!({
            "description": "`24/7`, or opening intervals per day of the week (absent days are closed).",
            "oneOf": [
                {"type": "string", "enum": ["24/7"]},
                {"type": "object", "properties": days, "additionalProperties": false},
            ],
        })
    }
}

/// Public holidays: built-in rules for some countries, plus explicit dates.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Holidays {
    /// Country rules over a range of years.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<HolidayRule>,
    /// Explicit holiday dates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<Holiday>,
}

impl Holidays {
    /// Whether no holiday is given at all.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty() && self.dates.is_empty()
    }
}

/// The public holidays of a country (or region) for the years `from..=to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HolidayRule {
    /// Whose holidays.
    pub country: HolidayRegion,
    /// First year covered.
    pub from: i32,
    /// Last year covered (inclusive).
    pub to: i32,
}

/// The regions whose public holidays Pledge knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum HolidayRegion {
    /// France (metropolitan): eleven public holidays, Easter Monday,
    /// Ascension and Whit Monday included.
    #[serde(rename = "FR")]
    France,
    /// England and Wales bank holidays, with substitute days.
    #[serde(rename = "GB-ENG")]
    England,
    /// United States federal holidays, with observed days.
    #[serde(rename = "US")]
    UnitedStates,
}

impl HolidayRegion {
    /// The code used in files.
    pub fn code(self) -> &'static str {
        match self {
            HolidayRegion::France => "FR",
            HolidayRegion::England => "GB-ENG",
            HolidayRegion::UnitedStates => "US",
        }
    }
}

/// One explicit holiday.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    /// The date, on the calendar's local clock.
    pub date: NaiveDate,
    /// Its name, e.g. "Company day" (a text per language).
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub name: Text,
}

/// A one-off closure from `from` to `to` (exclusive), on the calendar's
/// local clock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Closure {
    /// When the closure starts.
    pub from: LocalDateTime,
    /// When it ends (exclusive).
    pub to: LocalDateTime,
    /// Why, for the contract and for people (a text per language).
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub reason: Text,
}

/// What a target of N business days means. Helpdesk tools differ; the
/// agreement says which definition it uses, and the contract states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BusinessDayRule {
    /// The same local clock time, N business days later (a ticket opened on
    /// Tuesday 15:00 with a 2-business-day target is due Thursday 15:00).
    #[default]
    SameClockTime,
    /// N times the length of a business day's opening hours, counted on the
    /// business-hours clock.
    OpeningHours,
}

impl BusinessDayRule {
    fn is_default(&self) -> bool {
        *self == BusinessDayRule::default()
    }
}
