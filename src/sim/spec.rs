//! The scenario as an editor holds it ([`ScenarioSpec`]: a scenario file's
//! fields without the agreement), the scenario an agreement starts with (the
//! sample's written for it, else one derived from its plans, priorities and
//! calendar), and the core [`Scenario`] built from an edited scenario and an
//! edited agreement. The app's Simulation screen works through these; the
//! derived scenario is built typed and only then serialised.
//!
//! An edited scenario and agreement travel as JSON values, which may be
//! half-typed: JSON is YAML, so [`build`] reads them with the scenario
//! file's reader, and a bad value is a located error at its field's path.

use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::scenario::{
    Day, DayFactors, DispatchPolicy, DurationSpec, EscalationEffects, IncidentProfile, MixEntry,
    PriorityWork, Scenario, ScenarioError, Shift, Staffing, Stage, Team, WeekShape, Workload,
};
use crate::format::{self, Document};
use crate::model::{Agreement, Duration, Hours, Interval, LocalDateTime, Percent};

/// The scenario as the UI edits it: a scenario file's fields without the
/// agreement. Used for the UI's types; the value itself travels as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioSpec {
    /// A name for reports.
    #[serde(default)]
    pub name: String,
    /// The local date and time the simulation starts, warm-up included.
    pub start: LocalDateTime,
    /// The IANA zone of the start, of the workload's week and of months.
    pub time_zone: String,
    /// Simulated time discarded before measuring.
    pub warm_up: Duration,
    /// Simulated time measured after the warm-up.
    pub horizon: Duration,
    /// Volume, shape over the week and mix.
    pub workload: Workload,
    /// The work each priority needs.
    pub work: Vec<PriorityWork>,
    /// Teams and shifts.
    pub staffing: Staffing,
    /// The order in which agents take waiting tickets.
    #[serde(default)]
    pub dispatch: DispatchPolicy,
    /// Incidents per service.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub incidents: Vec<IncidentProfile>,
    /// What the agreement's warning and escalation levels do when they
    /// fire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalation: Option<EscalationEffects>,
}

/// A sample scenario's fields without its `agreement` (which names the
/// sample agreement's file).
fn sample_spec(text: &str) -> Option<ScenarioSpec> {
    let mut value: Value = Document::parse(text).ok()?.deserialize().ok()?;
    value.as_object_mut()?.remove("agreement");
    serde_json::from_value(value).ok()
}

/// The sample scenario written for the sample agreement whose reference is
/// `reference`, if there is one.
pub fn sample_scenario_for(reference: &str) -> Option<ScenarioSpec> {
    if reference.is_empty() {
        return None;
    }
    crate::samples::SCENARIOS.iter().find_map(|scenario| {
        let sample = crate::samples::find(scenario.sample)?;
        let agreement = format::read(sample.text).ok()?;
        (agreement.meta.reference == reference)
            .then(|| sample_spec(scenario.text))
            .flatten()
    })
}

/// The scenario an agreement as the editor holds it starts with: the
/// sample's when it is a sample's (the same reference as the sample
/// agreement the scenario names), else one derived from it, or from the
/// blank starter while it does not read. `today` is its start.
pub fn initial_scenario(agreement: &Value, today: chrono::NaiveDate) -> Option<ScenarioSpec> {
    let reference = agreement
        .pointer("/meta/reference")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if let Some(sample) = sample_scenario_for(reference) {
        return Some(sample);
    }
    let read = format::read(&agreement.to_string())
        .or_else(|_| format::read(crate::samples::BLANK.text))
        .ok()?;
    Some(default_scenario(&read, today))
}

/// Tickets per week of a derived scenario.
pub const DEFAULT_TICKETS_PER_WEEK: f64 = 200.0;
/// The share of shift time a derived team is not available for tickets.
pub const DEFAULT_SHRINKAGE: f64 = 0.30;

/// The arrivals of a derived scenario over a day, 00:00–01:00 first.
const DAILY: [f64; 24] = [
    0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 4.0, 5.0, 5.0, 4.5, 3.5, 4.5, 4.5, 4.0, 3.0, 2.0, 1.0,
    0.7, 0.5, 0.4, 0.3, 0.2,
];

/// The days of the week, Monday first, as a scenario names them.
const DAYS: [Day; 7] = [
    Day::Mon,
    Day::Tue,
    Day::Wed,
    Day::Thu,
    Day::Fri,
    Day::Sat,
    Day::Sun,
];

/// The three eight-hour shifts of a service open around the clock.
const AROUND_THE_CLOCK: [&str; 3] = ["00:00-08:00", "08:00-16:00", "16:00-00:00+1"];

/// A scenario derived from an agreement: 200 tickets a week with a
/// business-day shape; a mix over its plans and priorities (urgent ones
/// rarer); handle times growing from the most to the least urgent priority;
/// one team working every stage on shifts that follow the first plan's
/// calendar, sized for about 70 % occupancy.
pub fn default_scenario(agreement: &Agreement, today: chrono::NaiveDate) -> ScenarioSpec {
    let priorities: Vec<&str> = agreement.priorities.iter().map(|p| p.id.as_str()).collect();
    let plans: Vec<&str> = agreement.plans.iter().map(|p| p.id.as_str()).collect();
    // Priority i (0 the most urgent) weighs i + 1.
    let weight_sum: f64 =
        (1..=priorities.len()).map(|i| i as f64).sum::<f64>() * plans.len() as f64;
    let mut mix = Vec::new();
    let mut given = 0.0;
    let kinds = plans.len() * priorities.len();
    for plan in &plans {
        for (i, priority) in priorities.iter().enumerate() {
            let share = if mix.len() + 1 == kinds {
                ((100.0 - given) * 10.0_f64).round() / 10.0
            } else {
                ((i + 1) as f64 / weight_sum * 1000.0).round() / 10.0
            };
            given += share;
            mix.push(MixEntry {
                plan: (*plan).into(),
                priority: (*priority).into(),
                channel: None,
                share: Percent::new(share),
            });
        }
    }
    let resolution_minutes =
        |i: usize| 30 + 30 * (priorities.len().saturating_sub(1).saturating_sub(i)) as u32;
    let work = priorities
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mean = i64::from(resolution_minutes(i));
            PriorityWork {
                priority: (*p).into(),
                first_response: DurationSpec::Exponential(Duration::minutes(10)),
                resolution: DurationSpec::Lognormal {
                    mean: Duration::minutes(mean),
                    p90: Duration::minutes(mean * 2),
                },
                escalated: None,
                back_and_forths: 0.5,
                pending: Some(DurationSpec::Exponential(Duration::days(1))),
                reopen: Some(Percent::new(3.0)),
                update: None,
            }
        })
        .collect();
    let mean_work_hours = if priorities.is_empty() {
        1.0
    } else {
        let weights: f64 = (1..=priorities.len()).map(|i| i as f64).sum();
        (0..priorities.len())
            .map(|i| {
                (i + 1) as f64 / weights * (10.0 + 1.5 * f64::from(resolution_minutes(i))) / 60.0
            })
            .sum()
    };
    let calendar = agreement
        .plans
        .first()
        .and_then(|p| agreement.calendar(&p.calendar));
    let time_zone = calendar
        .map(|c| c.time_zone.clone())
        .unwrap_or_else(|| "UTC".into());
    // Shifts: each distinct opening interval of the week, on the days it is
    // open; around the clock, three eight-hour shifts.
    let mut shifts: Vec<(Interval, Vec<Day>, f64)> = Vec::new();
    match calendar.map(|c| &c.hours) {
        Some(Hours::Weekly(week)) => {
            for (d, intervals) in week.days.iter().enumerate() {
                for interval in intervals {
                    let length = f64::from(interval.length_minutes().max(0)) / 60.0;
                    match shifts.iter_mut().find(|s| s.0 == *interval) {
                        Some(s) => s.1.push(DAYS[d]),
                        None => shifts.push((*interval, vec![DAYS[d]], length)),
                    }
                }
            }
        }
        _ => {
            for hours in AROUND_THE_CLOCK {
                if let Ok(interval) = hours.parse() {
                    shifts.push((interval, DAYS.to_vec(), 8.0));
                }
            }
        }
    }
    let open_hours: f64 = shifts
        .iter()
        .map(|s| s.1.len() as f64 * s.2)
        .sum::<f64>()
        .max(1.0);
    let agents =
        (DEFAULT_TICKETS_PER_WEEK * mean_work_hours / open_hours / (1.0 - DEFAULT_SHRINKAGE) / 0.7)
            .ceil()
            .max(1.0);
    let shifts = shifts
        .into_iter()
        .enumerate()
        .map(|(i, (hours, days, _))| Shift {
            name: format!("shift {}", i + 1),
            days,
            hours,
            headcount: agents as u32,
            cost_per_hour: None,
        })
        .collect();
    ScenarioSpec {
        name: format!("{} — workload", agreement.own(&agreement.meta.title)),
        start: LocalDateTime(today.and_time(chrono::NaiveTime::MIN)),
        time_zone,
        warm_up: Duration::days(14),
        horizon: Duration::days(91),
        workload: Workload {
            tickets_per_week: Some(DEFAULT_TICKETS_PER_WEEK),
            tickets_per_month: None,
            shape: Some(WeekShape {
                hours_of_week: None,
                daily: Some(DAILY.to_vec()),
                days: Some(DayFactors {
                    mon: 1.3,
                    tue: 1.1,
                    wed: 1.0,
                    thu: 1.0,
                    fri: 0.9,
                    sat: 0.2,
                    sun: 0.1,
                }),
            }),
            mix,
            growth_per_month: None,
            seasonality: None,
            patience: Vec::new(),
        },
        work,
        staffing: Staffing {
            teams: vec![Team {
                name: "Support".into(),
                agreement_team: None,
                time_zone: None,
                stages: vec![Stage::Triage, Stage::Resolution],
                priorities: Vec::new(),
                plans: Vec::new(),
                channels: Vec::new(),
                shrinkage: Some(Percent::new(DEFAULT_SHRINKAGE * 100.0)),
                chat_concurrency: 1,
                cost_per_hour: None,
                shifts,
                excluded: false,
            }],
        },
        dispatch: DispatchPolicy::Deadline,
        incidents: Vec::new(),
        escalation: None,
    }
}

/// The core scenario from an edited scenario (a scenario file's fields as
/// JSON; an `agreement` among them is ignored) with an edited agreement
/// embedded. Every problem comes back with the field's path
/// (`workload.mix[2].share`); a problem of the agreement is an agreement
/// error.
pub fn build(scenario: &Value, agreement: &Value) -> Result<Scenario, ScenarioError> {
    let Value::Object(fields) = scenario else {
        return Err(ScenarioError::Invalid {
            file: "<text>".into(),
            path: String::new(),
            problem: "the scenario is not a set of fields".into(),
            location: None,
        });
    };
    let mut whole = Map::new();
    whole.insert("agreement".into(), agreement.clone());
    for (k, v) in fields {
        if k != "agreement" {
            whole.insert(k.clone(), v.clone());
        }
    }
    Scenario::from_text(&Value::Object(whole).to_string(), Path::new("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_scenario_reads_and_names_its_sample() {
        for scenario in crate::samples::SCENARIOS {
            assert!(sample_spec(scenario.text).is_some(), "{}", scenario.sample);
            let value: Value = Document::parse(scenario.text)
                .expect("parses")
                .deserialize()
                .expect("a value");
            let file = value["agreement"].as_str().expect("a path");
            assert_eq!(
                Path::new(file).file_stem().and_then(|s| s.to_str()),
                Some(scenario.sample)
            );
        }
    }
}
