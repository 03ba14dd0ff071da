//! Services covered by the agreement and their availability commitments.

use chrono::Weekday;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::text::Text;
use super::units::{Duration, Percent, TargetTime, TimeOfDay};

/// A service in the agreement's scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// The identifier other parts refer to.
    pub id: String,
    /// The service's name as the contract prints it (a text per language).
    pub name: Text,
    /// What the service is and what it includes.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub description: Text,
    /// The availability commitment, if the service has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<Availability>,
}

/// How available a service is promised to be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Availability {
    /// The committed uptime, e.g. `99.9%`.
    pub target: Percent,
    /// The period over which uptime is measured.
    #[serde(default)]
    pub period: MeasurementPeriod,
    /// The calendar whose opening hours are the only ones measured; around
    /// the clock when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    /// What counts as downtime.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub downtime_definition: Text,
    /// Minutes that do not count as downtime (beyond planned maintenance),
    /// e.g. "incidents caused by the customer's own network".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded: Vec<Text>,
    /// Planned maintenance, which does not count as downtime when announced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maintenance: Option<Maintenance>,
}

/// The period over which availability and compliance are measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeasurementPeriod {
    /// A calendar month.
    #[default]
    CalendarMonth,
    /// A calendar quarter.
    Quarter,
}

/// Planned maintenance rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Maintenance {
    /// Recurring windows in which planned maintenance may take place.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub windows: Vec<MaintenanceWindow>,
    /// How long in advance maintenance must be announced (`5bd`: five
    /// business days).
    pub notice: TargetTime,
    /// The most planned maintenance allowed in one measurement period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_per_period: Option<Duration>,
    /// Emergency maintenance: work that cannot wait for a planned window
    /// (a security fix, a failure about to happen), with its own notice
    /// rule. Without it, only planned maintenance is excused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emergency: Option<EmergencyMaintenance>,
}

/// Emergency maintenance rules.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EmergencyMaintenance {
    /// How long in advance it is announced; as soon as practicable, and
    /// before it starts, when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<TargetTime>,
    /// The most emergency maintenance not counted as downtime in one
    /// measurement period; beyond it, it is downtime. No limit when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_per_period: Option<Duration>,
}

/// A weekly maintenance window, e.g. Sunday 02:00 for 4 hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MaintenanceWindow {
    /// The day the window opens.
    #[schemars(with = "String")]
    #[serde(with = "weekday_key")]
    pub day: Weekday,
    /// When it opens, on `time_zone`'s clock.
    pub start: TimeOfDay,
    /// How long it lasts.
    pub duration: Duration,
    /// The IANA time zone of `start`.
    pub time_zone: String,
}

/// Weekdays written with the same short keys as opening hours (`mon` … `sun`).
pub(crate) mod weekday_key {
    use chrono::Weekday;
    use serde::{de, Deserialize, Deserializer, Serializer};

    use crate::model::calendar::DAY_KEYS;

    pub fn serialize<S: Serializer>(day: &Weekday, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(DAY_KEYS[day.num_days_from_monday() as usize])
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Weekday, D::Error> {
        let key = String::deserialize(d)?;
        DAY_KEYS
            .iter()
            .position(|k| *k == key)
            .map(|i| Weekday::try_from(i as u8).unwrap_or(Weekday::Mon))
            .ok_or_else(|| {
                de::Error::custom(format!(
                    "`{key}` is not a day: write one of mon, tue, wed, thu, fri, sat, sun"
                ))
            })
    }
}
