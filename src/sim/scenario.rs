//! Simulation scenarios: the workload, the work, the staffing and the
//! incidents that a support organisation expects, set against an agreement.
//!
//! A scenario is a YAML file read with the project's own reader, so every
//! error names the field path and its line and column. It either points at
//! an agreement file (`agreement: ../fr-pme-infogerance.yaml`, relative to
//! the scenario) or embeds one as a mapping.
//!
//! ```
//! use pledge::sim::scenario::Scenario;
//! let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/samples/scenarios");
//! let scenario = Scenario::load(&dir.join("fr-pme-infogerance.yaml")).unwrap();
//! assert_eq!(scenario.agreement.meta.currency, "EUR");
//! assert!(scenario.staffing.teams.len() >= 2);
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::dist::DurationDistribution;
use super::steady::Dispatch;
use super::time::SimDuration;
use crate::check::{
    self, implausible_percent, Diagnostic, PercentKind, Severity, IMPLAUSIBLE_PERCENT,
};
use crate::error::ErrorCode;
use crate::format::{self, Document, FileError, FormatError, Location};
use crate::model::{Agreement, Duration, Interval, LocalDateTime, Percent};

/// Why a scenario cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ScenarioError {
    /// The scenario or its agreement file could not be read.
    #[error(transparent)]
    File(#[from] FileError),
    /// The scenario file is not valid: YAML syntax, a wrong type, an
    /// unknown field.
    #[error("{file}{}: {}{source}", location_suffix(.source.location), path_prefix(&.source.path))]
    Format {
        /// The scenario file, or `<text>` when read from text.
        file: String,
        /// The reader's error, with path and location.
        source: FormatError,
    },
    /// The agreement the scenario names is not valid.
    #[error("agreement {file}{}: {}{source}", location_suffix(.source.location), path_prefix(&.source.path))]
    Agreement {
        /// The agreement file, or `<embedded>`.
        file: String,
        /// The reader's error.
        source: FormatError,
    },
    /// The agreement simulated has errors: every finding of the validator,
    /// placed in the agreement's file (or in the scenario, for an embedded
    /// agreement), printed one a line as `pledge validate` prints them.
    #[error("{}", findings(file, diagnostics))]
    AgreementChecks {
        /// The agreement file, or the scenario file for an embedded one.
        file: String,
        /// The validator's findings, errors first.
        diagnostics: Vec<Diagnostic>,
    },
    /// A value is impossible (a negative rate, shares that do not add up,
    /// a priority the agreement does not have…), and it is the scenario's
    /// only problem.
    #[error("{file}{}: {path}: {problem}", location_suffix(*.location))]
    Invalid {
        /// The scenario file.
        file: String,
        /// The field path, e.g. `workload.mix[2].share`.
        path: String,
        /// What is wrong and what is allowed.
        problem: String,
        /// Where the field stands in the file.
        location: Option<Location>,
    },
    /// A portfolio's member scenario cannot be used (issue 16): its own
    /// error (placed in its file), under the member's field in the
    /// portfolio.
    #[error("{file}{}: {path}.scenario: {source}", location_suffix(*.location))]
    Member {
        /// The portfolio file.
        file: String,
        /// The member's field path, e.g. `members[1]`.
        path: String,
        /// Where the member stands in the portfolio file.
        location: Option<Location>,
        /// The member scenario's error.
        source: Box<ScenarioError>,
    },
    /// Several values are impossible: every problem, in the order of the
    /// file, printed one a line as [`ScenarioError::Invalid`] prints one.
    #[error("{}", problem_lines(file, problems))]
    Problems {
        /// The scenario file.
        file: String,
        /// Each problem with its field path and place, two or more.
        problems: Vec<ScenarioProblem>,
    },
}

/// One impossible value of a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioProblem {
    /// The field path, e.g. `workload.mix[2].share`.
    pub path: String,
    /// What is wrong and what is allowed.
    pub problem: String,
    /// Where the field stands in the file.
    pub location: Option<Location>,
}

impl ScenarioError {
    /// The kind of problem: the file's or the reader's code,
    /// `invalid-agreement` for the agreement simulated, `invalid-scenario`
    /// for impossible values.
    pub fn code(&self) -> ErrorCode {
        match self {
            ScenarioError::File(e) => e.code(),
            ScenarioError::Format { source, .. } => source.code,
            ScenarioError::Agreement { .. } | ScenarioError::AgreementChecks { .. } => {
                ErrorCode::InvalidAgreement
            }
            ScenarioError::Invalid { .. } | ScenarioError::Problems { .. } => {
                ErrorCode::InvalidScenario
            }
            ScenarioError::Member { source, .. } => source.code(),
        }
    }

    /// The impossible values this error reports, each with its path and
    /// place: one for [`ScenarioError::Invalid`], every one for
    /// [`ScenarioError::Problems`], none for the other kinds.
    pub fn problems(&self) -> Vec<ScenarioProblem> {
        match self {
            ScenarioError::Invalid {
                path,
                problem,
                location,
                ..
            } => vec![ScenarioProblem {
                path: path.clone(),
                problem: problem.clone(),
                location: *location,
            }],
            ScenarioError::Problems { problems, .. } => problems.clone(),
            ScenarioError::Member { path, source, .. } => source
                .problems()
                .into_iter()
                .map(|p| ScenarioProblem {
                    path: format!("{path}.{}", p.path),
                    ..p
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The error for the problems found in `file`: none is no error, one
    /// is [`ScenarioError::Invalid`], more are [`ScenarioError::Problems`].
    pub(crate) fn of_problems(
        file: &str,
        mut problems: Vec<ScenarioProblem>,
    ) -> Option<ScenarioError> {
        match problems.len() {
            0 => None,
            1 => {
                let p = problems.remove(0);
                Some(ScenarioError::Invalid {
                    file: file.to_owned(),
                    path: p.path,
                    problem: p.problem,
                    location: p.location,
                })
            }
            _ => Some(ScenarioError::Problems {
                file: file.to_owned(),
                problems,
            }),
        }
    }
}

fn problem_lines(file: &str, problems: &[ScenarioProblem]) -> String {
    problems
        .iter()
        .map(|p| {
            format!(
                "{file}{}: {}: {}",
                location_suffix(p.location),
                p.path,
                p.problem
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn findings(file: &str, diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.display_in(file).to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

fn location_suffix(location: Option<Location>) -> String {
    location.map(|l| format!(":{l}")).unwrap_or_default()
}

fn path_prefix(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!("{path}: ")
    }
}

/// A simulation scenario, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// A name for reports.
    pub name: String,
    /// The agreement simulated.
    pub agreement: Agreement,
    /// Where the agreement was read from, when it is a separate file.
    pub agreement_file: Option<PathBuf>,
    /// The local date and time the simulation starts (warm-up included),
    /// in [`Scenario::time_zone`].
    pub start: LocalDateTime,
    /// The IANA zone of the start date, of the hour-of-week shape of the
    /// workload and of calendar months in reports.
    pub time_zone: Tz,
    /// Simulated time discarded before measuring.
    pub warm_up: Duration,
    /// Simulated time measured after the warm-up: tickets created in it are
    /// followed until they are resolved.
    pub horizon: Duration,
    /// How many tickets arrive, when, and of which kind.
    pub workload: Workload,
    /// The work each priority needs.
    pub work: Vec<PriorityWork>,
    /// Teams and shifts.
    pub staffing: Staffing,
    /// The order in which agents take waiting tickets.
    pub dispatch: Dispatch,
    /// Incidents per service, for the availability commitment.
    pub incidents: Vec<IncidentProfile>,
    /// What the agreement's warning and escalation levels do to a ticket
    /// when they fire; nothing is simulated of them when absent.
    pub escalation: Option<EscalationEffects>,
    /// The file read, to place problems found after reading.
    source: Source,
}

/// Where a scenario was read from: the file's name and its parsed text,
/// so that a problem found later (by the engine, or the workload check)
/// is reported at its line and column like a problem found on reading.
#[derive(Clone)]
struct Source {
    file: String,
    document: std::sync::Arc<Document>,
}

impl fmt::Debug for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)
    }
}

/// Two scenarios are equal when what they simulate is; the file they were
/// read from does not matter.
impl PartialEq for Source {
    fn eq(&self, _: &Source) -> bool {
        true
    }
}

/// The ticket volume, its shape over the week and the year, and its mix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Workload {
    /// Mean tickets per week (give this or `tickets_per_month`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tickets_per_week: Option<f64>,
    /// Mean tickets per month of 30.44 days (give this or `tickets_per_week`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tickets_per_month: Option<f64>,
    /// When in the week tickets arrive; uniform when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shape: Option<WeekShape>,
    /// Which kinds of tickets arrive, as shares adding up to 100 %.
    pub mix: Vec<MixEntry>,
    /// Growth of the volume per month, compounded from the start month
    /// (e.g. `2%`; negative for a decline).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth_per_month: Option<Percent>,
    /// Seasonal factors per calendar month (1 when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seasonality: Option<MonthFactors>,
    /// How long customers on a live channel (the agreement's phone and
    /// chat channels) wait for a first answer before they give up; a
    /// channel without an entry waits for ever.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patience: Vec<ChannelPatience>,
}

/// The patience of the customers of one live channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChannelPatience {
    /// The agreement's channel, of kind `phone` or `chat`.
    pub channel: String,
    /// How long a customer waits for an agent to pick the contact up
    /// before abandoning it, e.g. `{exponential: 2m}`.
    pub patience: DurationSpec,
}

/// The arrival pattern over the week, in the scenario's time zone: either
/// 168 weights (Monday 00:00–01:00 first), or a daily curve of 24 weights
/// times a factor per day of the week. Only ratios matter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WeekShape {
    /// 168 weights, Monday 00:00 first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_of_week: Option<Vec<f64>>,
    /// 24 weights, 00:00–01:00 first, the same for each day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily: Option<Vec<f64>>,
    /// A factor per day of the week multiplying the daily curve (1 when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<DayFactors>,
}

/// A factor per day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct DayFactors {
    #[serde(default = "one")]
    pub mon: f64,
    #[serde(default = "one")]
    pub tue: f64,
    #[serde(default = "one")]
    pub wed: f64,
    #[serde(default = "one")]
    pub thu: f64,
    #[serde(default = "one")]
    pub fri: f64,
    #[serde(default = "one")]
    pub sat: f64,
    #[serde(default = "one")]
    pub sun: f64,
}

impl DayFactors {
    /// The factors, Monday first.
    pub fn as_array(&self) -> [f64; 7] {
        [
            self.mon, self.tue, self.wed, self.thu, self.fri, self.sat, self.sun,
        ]
    }
}

/// A factor per calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct MonthFactors {
    #[serde(default = "one")]
    pub jan: f64,
    #[serde(default = "one")]
    pub feb: f64,
    #[serde(default = "one")]
    pub mar: f64,
    #[serde(default = "one")]
    pub apr: f64,
    #[serde(default = "one")]
    pub may: f64,
    #[serde(default = "one")]
    pub jun: f64,
    #[serde(default = "one")]
    pub jul: f64,
    #[serde(default = "one")]
    pub aug: f64,
    #[serde(default = "one")]
    pub sep: f64,
    #[serde(default = "one")]
    pub oct: f64,
    #[serde(default = "one")]
    pub nov: f64,
    #[serde(default = "one")]
    pub dec: f64,
}

impl MonthFactors {
    /// The factors, January first.
    pub fn as_array(&self) -> [f64; 12] {
        [
            self.jan, self.feb, self.mar, self.apr, self.may, self.jun, self.jul, self.aug,
            self.sep, self.oct, self.nov, self.dec,
        ]
    }
}

fn one() -> f64 {
    1.0
}

/// One kind of ticket in the mix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MixEntry {
    /// The agreement's plan.
    pub plan: String,
    /// The agreement's priority.
    pub priority: String,
    /// The agreement's channel; the target row without a channel applies
    /// when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// The share of all tickets.
    pub share: Percent,
}

/// A distribution of durations, as written in a scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum DurationSpec {
    /// Exponential with this mean: `exponential: 10m`.
    Exponential(Duration),
    /// Lognormal from its mean and 90th percentile:
    /// `lognormal: {mean: 2h, p90: 5h}`.
    Lognormal {
        /// The mean.
        mean: Duration,
        /// The 90th percentile.
        p90: Duration,
    },
    /// Gamma from its mean and shape: `gamma: {mean: 1h, shape: 2}`.
    Gamma {
        /// The mean.
        mean: Duration,
        /// The shape (1 is exponential; larger varies less).
        shape: f64,
    },
    /// Drawn uniformly from observed durations: `empirical: [5m, 12m, 1h]`.
    Empirical(Vec<Duration>),
}

impl DurationSpec {
    /// The engine's distribution.
    pub fn distribution(&self) -> DurationDistribution {
        match self {
            DurationSpec::Exponential(mean) => DurationDistribution::Exponential {
                mean: (*mean).into(),
            },
            DurationSpec::Lognormal { mean, p90 } => DurationDistribution::LogNormal {
                mean: (*mean).into(),
                p90: (*p90).into(),
            },
            DurationSpec::Gamma { mean, shape } => DurationDistribution::Gamma {
                mean: (*mean).into(),
                shape: *shape,
            },
            DurationSpec::Empirical(samples) => DurationDistribution::Empirical {
                samples: samples.iter().map(|&d| SimDuration::from(d)).collect(),
            },
        }
    }
}

/// The work tickets of one priority need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriorityWork {
    /// The agreement's priority.
    pub priority: String,
    /// Agent time for the first response (reading, qualifying, replying).
    pub first_response: DurationSpec,
    /// Agent time for the resolution work, in all, after the first response.
    pub resolution: DurationSpec,
    /// The share of tickets passed to a resolution team (level 2) rather
    /// than resolved by the team that triaged them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalated: Option<Percent>,
    /// Mean number of times the ticket waits on the customer before it is
    /// resolved (each wait is followed by more work).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub back_and_forths: f64,
    /// How long each wait on the customer lasts; needed when
    /// `back_and_forths` or `reopen` is not zero.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<DurationSpec>,
    /// The share of resolved tickets the customer reopens (one more wait
    /// and work session).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reopen: Option<Percent>,
    /// The agent time one periodic update to the customer takes: with it,
    /// the periodic updates of the priority's target rows are simulated
    /// (sent, measured and counted in occupancy); without it they are not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update: Option<Duration>,
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

/// The teams that work tickets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Staffing {
    /// The teams, in the order tickets are routed to them (the first team
    /// that works a ticket's stage takes it).
    pub teams: Vec<Team>,
}

/// The stages of a ticket's life a team can work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Taking new tickets: the first response and qualification.
    Triage,
    /// The resolution work.
    Resolution,
}

/// A team of agents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// The team's name in reports.
    pub name: String,
    /// The agreement's team this is (its OLAs are measured on it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement_team: Option<String>,
    /// The zone of the shifts' hours; the scenario's when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// The stages the team works.
    pub stages: Vec<Stage>,
    /// The priorities it works; all when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priorities: Vec<String>,
    /// The plans it works; all when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plans: Vec<String>,
    /// The channels it takes (the agreement's channel ids: phone agents,
    /// e-mail agents); all when empty. A team limited to channels takes no
    /// ticket without one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<String>,
    /// The share of shift time agents are not available for tickets
    /// (breaks, meetings, absence).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shrinkage: Option<Percent>,
    /// How many chats an agent holds at once; a chat takes that fraction
    /// of an agent's time.
    #[serde(default = "one_u32", skip_serializing_if = "is_one_u32")]
    pub chat_concurrency: u32,
    /// The loaded cost of one paid agent-hour (pay, charges, overheads), in
    /// the agreement's currency: runs and sizings then report the staff
    /// cost beside the credits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_per_hour: Option<crate::model::Money>,
    /// The shifts.
    pub shifts: Vec<Shift>,
    /// Whether the team serves only other agreements of a portfolio than
    /// this scenario's (issue 16): it then works none of its tickets. Never
    /// read from or written to a file.
    #[serde(skip)]
    #[schemars(skip)]
    pub(crate) excluded: bool,
}

fn one_u32() -> u32 {
    1
}

fn is_one_u32(x: &u32) -> bool {
    *x == 1
}

/// Days of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Day {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Day {
    /// Monday is 0.
    pub fn index(self) -> u32 {
        self as u32
    }
}

/// A shift pattern: the same hours on some days of every week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Shift {
    /// A name for reports, e.g. `morning`.
    pub name: String,
    /// The days it starts on.
    pub days: Vec<Day>,
    /// Its hours, in the team's zone (`22:00-06:00+1` ends the next day).
    pub hours: Interval,
    /// Agents on it.
    pub headcount: u32,
    /// The cost of an agent-hour on this shift, over the team's (nights and
    /// weekends cost more).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_per_hour: Option<crate::model::Money>,
}

impl Shift {
    /// Paid agent-hours per week: headcount × days × hours.
    pub fn agent_hours_per_week(&self) -> f64 {
        let mut days = self.days.clone();
        days.sort_by_key(|d| d.index());
        days.dedup();
        f64::from(self.headcount)
            * days.len() as f64
            * f64::from(self.hours.length_minutes().max(0))
            / 60.0
    }
}

/// The most an agent-hour may cost: a value beyond is a slip of the unit.
pub const MAX_COST_PER_HOUR: crate::model::Money = crate::model::Money::from_cents(100_000_000);

/// Weeks in an average month (365.25 days a year).
pub const WEEKS_PER_MONTH: f64 = 365.25 / 12.0 / 7.0;

/// What the staffing costs, when some team or shift gives a cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StaffCost {
    /// Paid agent-hours of the week times their cost, in the agreement's
    /// currency.
    pub per_week: crate::model::Money,
    /// The same over an average month (365.25 / 12 days).
    pub per_month: crate::model::Money,
    /// Teams with agent-hours but no cost (counted at zero).
    pub teams_without_cost: Vec<String>,
}

impl Team {
    /// The cost of an agent-hour on `shift` of this team, if one is given.
    pub fn cost_of(&self, shift: &Shift) -> Option<crate::model::Money> {
        shift.cost_per_hour.or(self.cost_per_hour)
    }

    /// Paid agent-hours per week over all shifts.
    pub fn agent_hours_per_week(&self) -> f64 {
        self.shifts.iter().map(Shift::agent_hours_per_week).sum()
    }
    /// Whether the team takes tickets of this channel (`None`: a ticket
    /// without one).
    pub fn takes_channel(&self, channel: Option<&str>) -> bool {
        self.channels.is_empty() || channel.is_some_and(|c| self.channels.iter().any(|x| x == c))
    }

    /// Whether the team works this stage of tickets of this plan and priority.
    pub fn works(&self, stage: Stage, plan: &str, priority: &str) -> bool {
        !self.excluded
            && self.stages.contains(&stage)
            && (self.plans.is_empty() || self.plans.iter().any(|p| p == plan))
            && (self.priorities.is_empty() || self.priorities.iter().any(|p| p == priority))
    }
}

impl Staffing {
    /// Paid agent-hours per week over all teams.
    pub fn agent_hours_per_week(&self) -> f64 {
        self.teams.iter().map(Team::agent_hours_per_week).sum()
    }

    /// The cost of the staffing, with `headcount(team, shift)` agents on
    /// each shift; `None` when no team or shift gives a cost. Amounts are
    /// rounded to the cent once, on the total.
    pub fn cost_with(&self, headcount: impl Fn(usize, usize) -> u32) -> Option<StaffCost> {
        let mut any = false;
        let mut cents = 0.0;
        let mut without = Vec::new();
        for (t, team) in self.teams.iter().enumerate() {
            let mut unpriced = false;
            for (s, shift) in team.shifts.iter().enumerate() {
                let hours = Shift {
                    headcount: headcount(t, s),
                    ..shift.clone()
                }
                .agent_hours_per_week();
                match team.cost_of(shift) {
                    Some(cost) => {
                        any = true;
                        cents += hours * cost.cents() as f64;
                    }
                    None => unpriced |= hours > 0.0,
                }
            }
            if unpriced {
                without.push(team.name.clone());
            }
        }
        any.then(|| StaffCost {
            per_week: crate::model::Money::from_cents(cents.round() as i64),
            per_month: crate::model::Money::from_cents((cents * WEEKS_PER_MONTH).round() as i64),
            teams_without_cost: without,
        })
    }

    /// The cost of the staffing as the scenario gives it.
    pub fn cost(&self) -> Option<StaffCost> {
        self.cost_with(|t, s| self.teams[t].shifts[s].headcount)
    }
}

/// How often a service goes down and for how long.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentProfile {
    /// The agreement's service.
    pub service: String,
    /// Mean incidents per month (Poisson).
    pub per_month: f64,
    /// How long each lasts.
    pub duration: DurationSpec,
}

/// The dispatch policies, as a scenario file writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DispatchPolicy {
    /// First come, first served.
    #[default]
    Fifo,
    /// The most urgent priority first.
    Priority,
    /// The ticket nearest to breaching its target first.
    Deadline,
}

/// What the agreement's warning threshold and escalation levels do to a
/// ticket when they fire (issue 16): the agreement says when, the
/// scenario says what the desk then does.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EscalationEffects {
    /// The effect of the agreement's `warn_at` threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warn_at: Option<EscalationEffect>,
    /// The effect of escalation levels, each naming its level.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<LevelEffect>,
}

impl EscalationEffects {
    /// Whether any effect is given: without one, nothing of the escalation
    /// is simulated or reported.
    pub fn is_empty(&self) -> bool {
        self.warn_at.is_none() && self.levels.is_empty()
    }
}

/// What happens to a ticket when a warning or an escalation level fires.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EscalationEffect {
    /// The ticket goes ahead of every ticket not raised in its team's
    /// waiting line, whatever the dispatch policy.
    #[serde(default, skip_serializing_if = "is_false")]
    pub raise_priority: bool,
    /// The ticket moves to this team's waiting line (a scenario team's
    /// name) and stays with that team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub move_to: Option<String>,
    /// An on-call agent is called in for the ticket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_call: Option<OnCall>,
}

impl EscalationEffect {
    /// Whether it does anything.
    pub fn is_empty(&self) -> bool {
        !self.raise_priority && self.move_to.is_none() && self.on_call.is_none()
    }
}

/// The effect of one escalation level of the agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelEffect {
    /// The level: its index in the agreement's `escalation.levels` (from
    /// 0), or its `to`.
    pub level: LevelRef,
    /// See [`EscalationEffect::raise_priority`].
    #[serde(default, skip_serializing_if = "is_false")]
    pub raise_priority: bool,
    /// See [`EscalationEffect::move_to`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub move_to: Option<String>,
    /// See [`EscalationEffect::on_call`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_call: Option<OnCall>,
}

impl LevelEffect {
    /// The effect, without the level it belongs to.
    pub fn effect(&self) -> EscalationEffect {
        EscalationEffect {
            raise_priority: self.raise_priority,
            move_to: self.move_to.clone(),
            on_call: self.on_call.clone(),
        }
    }
}

/// An agent called in for one ticket: after the delay (the time to reach
/// and log in), the agent works the ticket whenever it waits for an agent,
/// outside the team's headcount.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OnCall {
    /// How long after the level fires the agent is there.
    pub after: Duration,
}

/// An escalation level of the agreement, by its index or by its `to`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum LevelRef {
    /// Its index in the agreement's `escalation.levels`, from 0.
    Index(u32),
    /// Its `to`, e.g. `Support Team Lead on duty` (in either language
    /// when the agreement writes it per language).
    To(String),
}

impl<'de> Deserialize<'de> for LevelRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = LevelRef;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a level's index (from 0) or its `to`")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<LevelRef, E> {
                u32::try_from(v)
                    .map(LevelRef::Index)
                    .map_err(|_| E::custom("a level's index is a small whole number"))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<LevelRef, E> {
                u32::try_from(v)
                    .map(LevelRef::Index)
                    .map_err(|_| E::custom("a level's index is a whole number from 0"))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<LevelRef, E> {
                if v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&v) {
                    Ok(LevelRef::Index(v as u32))
                } else {
                    Err(E::custom("a level's index is a whole number from 0"))
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<LevelRef, E> {
                Ok(LevelRef::To(v.to_owned()))
            }
        }
        d.deserialize_any(V)
    }
}

fn is_false(x: &bool) -> bool {
    !*x
}

impl Scenario {
    /// The agreement level `level` names, as its index, or what is wrong.
    pub fn escalation_level(&self, level: &LevelRef) -> Result<usize, String> {
        let levels = self
            .agreement
            .escalation
            .as_ref()
            .map_or(&[][..], |e| &e.levels[..]);
        match level {
            LevelRef::Index(i) if (*i as usize) < levels.len() => Ok(*i as usize),
            LevelRef::Index(i) => Err(if levels.is_empty() {
                format!("the agreement has no escalation levels, so no level {i}")
            } else {
                format!(
                    "the agreement's escalation levels are numbered 0 to {}; there is no level {i}",
                    levels.len() - 1
                )
            }),
            LevelRef::To(to) => levels
                .iter()
                .position(|l| l.to.texts().any(|t| t == to))
                .ok_or_else(|| format!("the agreement has no escalation level to `{to}`")),
        }
    }

    fn escalation_problems(&self, found: &mut Problems) {
        let Some(effects) = &self.escalation else {
            return;
        };
        let check_effect = |found: &mut Problems, effect: &EscalationEffect, path: &str| {
            if effect.is_empty() {
                found.add(
                    path,
                    "give an effect: `raise_priority: true`, `move_to: TEAM` or `on_call: {after: 30m}`",
                );
            }
            if let Some(team) = &effect.move_to {
                if !self.staffing.teams.iter().any(|t| &t.name == team) {
                    found.add(
                        format!("{path}.move_to"),
                        format!("the staffing has no team `{team}`"),
                    );
                }
            }
            if let Some(on_call) = &effect.on_call {
                let after = on_call.after.as_seconds();
                if !(0..=366 * 86_400).contains(&after) {
                    found.add(
                        format!("{path}.on_call.after"),
                        "the delay must be zero or a positive duration of at most a year",
                    );
                }
            }
        };
        if let Some(warn) = &effects.warn_at {
            if self
                .agreement
                .escalation
                .as_ref()
                .and_then(|e| e.warn_at)
                .is_none()
            {
                found.add(
                    "escalation.warn_at",
                    "the agreement sets no `warn_at` threshold for this effect",
                );
            }
            check_effect(found, warn, "escalation.warn_at");
        }
        for (i, l) in effects.levels.iter().enumerate() {
            let path = format!("escalation.levels[{i}]");
            match self.escalation_level(&l.level) {
                Ok(index) => {
                    let same = effects.levels[..i]
                        .iter()
                        .any(|o| self.escalation_level(&o.level) == Ok(index));
                    if same {
                        found.add(format!("{path}.level"), "each level's effect is given once");
                    }
                }
                Err(problem) => found.add(format!("{path}.level"), problem),
            }
            check_effect(found, &l.effect(), &path);
        }
    }
}

/// The agreement: a path to a file, or the agreement itself.
#[derive(Debug, Clone)]
enum AgreementSource {
    File(String),
    Inline(Box<Agreement>),
}

impl<'de> Deserialize<'de> for AgreementSource {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AgreementSource;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("the path of an agreement file, or an agreement")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<AgreementSource, E> {
                Ok(AgreementSource::File(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<AgreementSource, A::Error> {
                Agreement::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|a| AgreementSource::Inline(Box::new(a)))
            }
        }
        d.deserialize_any(V)
    }
}

/// The file's fields, before the agreement is loaded.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioFile {
    #[serde(default)]
    name: String,
    agreement: AgreementSource,
    start: LocalDateTime,
    time_zone: String,
    warm_up: Duration,
    horizon: Duration,
    workload: Workload,
    work: Vec<PriorityWork>,
    staffing: Staffing,
    #[serde(default)]
    dispatch: DispatchPolicy,
    #[serde(default)]
    incidents: Vec<IncidentProfile>,
    #[serde(default)]
    escalation: Option<EscalationEffects>,
}

impl Scenario {
    /// Reads and checks a scenario file; a relative agreement path is read
    /// from the scenario's folder.
    pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
        let text = format::read_text(path)?;
        let base = path.parent().unwrap_or(Path::new("."));
        Scenario::read(&text, base, &path.display().to_string())
    }

    /// Reads and checks a scenario from its text; a relative agreement path
    /// is read from `base_dir`.
    pub fn from_text(text: &str, base_dir: &Path) -> Result<Scenario, ScenarioError> {
        Scenario::read(text, base_dir, "<text>")
    }

    /// Reads and checks a scenario file like [`Scenario::load`], and also
    /// returns its [`Scenario::warnings`], located in the file.
    pub fn load_with_warnings(path: &Path) -> Result<(Scenario, Vec<Diagnostic>), ScenarioError> {
        let text = format::read_text(path)?;
        let base = path.parent().unwrap_or(Path::new("."));
        let file = path.display().to_string();
        let document = Document::parse(&text).map_err(|source| ScenarioError::Format {
            file: file.clone(),
            source,
        })?;
        let scenario = Scenario::read_document(&document, base, &file)?;
        let mut warnings = scenario.warnings();
        for w in &mut warnings {
            w.location = Some(document.locate(&w.path));
        }
        Ok((scenario, warnings))
    }

    fn read(text: &str, base_dir: &Path, file: &str) -> Result<Scenario, ScenarioError> {
        let document = Document::parse(text).map_err(|source| ScenarioError::Format {
            file: file.to_owned(),
            source,
        })?;
        Scenario::read_document(&document, base_dir, file)
    }

    fn read_document(
        document: &Document,
        base_dir: &Path,
        file: &str,
    ) -> Result<Scenario, ScenarioError> {
        let format_error = |source| ScenarioError::Format {
            file: file.to_owned(),
            source,
        };
        let raw: ScenarioFile = document.deserialize().map_err(format_error)?;
        let invalid = |path: &str, problem: String| ScenarioError::Invalid {
            file: file.to_owned(),
            path: path.to_owned(),
            problem,
            location: Some(document.locate(path)),
        };
        // issue 12: the agreement goes through the validator before
        // anything is simulated, so `simulate` (and `size`, and the app)
        // refuse what `pledge validate` refuses, with the same findings.
        let refuse_errors = |file: String, diagnostics: Vec<Diagnostic>| {
            if diagnostics.iter().any(|d| d.severity == Severity::Error) {
                Err(ScenarioError::AgreementChecks { file, diagnostics })
            } else {
                Ok(())
            }
        };
        let (agreement, agreement_file) = match raw.agreement {
            AgreementSource::Inline(a) => {
                refuse_errors(file.to_owned(), check::check_in(&a, document, "agreement."))?;
                (*a, None)
            }
            AgreementSource::File(relative) => {
                let path = base_dir.join(&relative);
                // issue 12: an agreement file that cannot be read is a
                // problem of the scenario's `agreement:` field, placed there.
                let text =
                    format::read_text(&path).map_err(|e| invalid("agreement", e.to_string()))?;
                let agreement_error = |source| ScenarioError::Agreement {
                    file: path.display().to_string(),
                    source,
                };
                let agreement_document = Document::parse(&text).map_err(agreement_error)?;
                let agreement = agreement_document.agreement().map_err(agreement_error)?;
                refuse_errors(
                    path.display().to_string(),
                    check::check_in(&agreement, &agreement_document, ""),
                )?;
                (agreement, Some(path))
            }
        };
        // issue 17: every impossible value is reported at once, each at its
        // place, like the findings of `pledge validate`.
        let mut problems = Vec::new();
        let time_zone: Tz = raw.time_zone.parse().unwrap_or_else(|_| {
            problems.push((
                "time_zone".to_owned(),
                format!(
                    "`{}` is not an IANA time zone; write e.g. `Europe/Paris`",
                    raw.time_zone
                ),
            ));
            Tz::UTC
        });
        let scenario = Scenario {
            name: raw.name,
            agreement,
            agreement_file,
            start: raw.start,
            time_zone,
            warm_up: raw.warm_up,
            horizon: raw.horizon,
            workload: raw.workload,
            work: raw.work,
            staffing: raw.staffing,
            dispatch: match raw.dispatch {
                DispatchPolicy::Fifo => Dispatch::FirstComeFirstServed,
                DispatchPolicy::Priority => Dispatch::StrictPriority,
                DispatchPolicy::Deadline => Dispatch::EarliestDeadlineFirst,
            },
            incidents: raw.incidents,
            escalation: raw.escalation,
            source: Source {
                file: file.to_owned(),
                document: std::sync::Arc::new(document.clone()),
            },
        };
        problems.extend(scenario.problems());
        let located = problems
            .into_iter()
            .map(|(path, problem)| ScenarioProblem {
                location: Some(document.locate(&path)),
                path,
                problem,
            })
            .collect();
        match ScenarioError::of_problems(file, located) {
            Some(error) => Err(error),
            None => Ok(scenario),
        }
    }

    /// A problem with the value at `path` (e.g. `workload.mix[1].share`),
    /// placed at its line and column in the scenario's file.
    pub fn problem(&self, path: &str, problem: impl Into<String>) -> ScenarioError {
        ScenarioError::Invalid {
            file: self.source.file.clone(),
            path: path.to_owned(),
            problem: problem.into(),
            location: Some(self.source.document.locate(path)),
        }
    }

    /// An engine error about this scenario as a scenario problem placed in
    /// its file (other errors are returned unchanged).
    pub fn locate_error(&self, error: super::SimError) -> Result<ScenarioError, super::SimError> {
        match error {
            super::SimError::InvalidParameter { path, problem } => Ok(self.problem(&path, problem)),
            other => Err(other),
        }
    }

    /// Mean tickets per week before growth and seasonality.
    pub fn tickets_per_week(&self) -> f64 {
        match (
            self.workload.tickets_per_week,
            self.workload.tickets_per_month,
        ) {
            (Some(w), _) => w,
            (None, Some(m)) => m * 7.0 / DAYS_PER_MONTH,
            (None, None) => 0.0,
        }
    }

    /// The work of a priority.
    pub fn work_of(&self, priority: &str) -> Option<&PriorityWork> {
        self.work.iter().find(|w| w.priority == priority)
    }

    /// Checks every value the types cannot: the first problem as (field
    /// path, what is wrong and what is allowed). The sizing search calls it
    /// after changing headcounts.
    pub fn validate(&self) -> Result<(), (String, String)> {
        match self.problems().into_iter().next() {
            Some(first) => Err(first),
            None => Ok(()),
        }
    }

    /// Every problem of the values the types cannot check, in the order of
    /// the file, each as (field path, what is wrong and what is allowed).
    /// Problems are independent: a value that depends on one found wrong is
    /// not judged (a mix entry's work and teams are not looked for when its
    /// priority is unknown; the shares' total not when a share is out of
    /// range), so each problem is one thing to fix.
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut found = Problems::default();
        self.period_problems(&mut found);
        self.workload_problems(&mut found);
        self.work_problems(&mut found);
        self.staffing_problems(&mut found);
        self.incident_problems(&mut found);
        self.escalation_problems(&mut found);
        found.0
    }

    fn period_problems(&self, found: &mut Problems) {
        if self.warm_up.as_seconds() < 0 {
            found.add("warm_up", "the warm-up must be zero or a positive duration");
        }
        if self.horizon.as_seconds() < 3600 {
            found.add(
                "horizon",
                "the horizon must be at least one hour, e.g. `91d` for 13 weeks",
            );
        } else if self.warm_up.as_seconds() + self.horizon.as_seconds() > 3 * 366 * 86_400 {
            found.add(
                "horizon",
                "warm-up and horizon together may not exceed three years",
            );
        }
    }

    fn workload_problems(&self, found: &mut Problems) {
        let a = &self.agreement;
        let w = &self.workload;
        match (w.tickets_per_week, w.tickets_per_month) {
            (Some(_), Some(_)) => found.add(
                "workload",
                "give either `tickets_per_week` or `tickets_per_month`, not both",
            ),
            (None, None) => found.add("workload", "give `tickets_per_week` or `tickets_per_month`"),
            (Some(v), None) | (None, Some(v)) => {
                let field = if w.tickets_per_week.is_some() {
                    "tickets_per_week"
                } else {
                    "tickets_per_month"
                };
                if !(v.is_finite() && v > 0.0 && v <= 1e9) {
                    found.add(
                        format!("workload.{field}"),
                        "must be a positive number of tickets (at most 10⁹)",
                    );
                }
            }
        }
        if let Some(shape) = &w.shape {
            let before = found.0.len();
            let weights = |found: &mut Problems, values: &[f64], path: &str, len: usize| {
                if values.len() != len {
                    found.add(
                        path,
                        format!("needs exactly {len} weights, found {}", values.len()),
                    );
                    return;
                }
                for (i, v) in values.iter().enumerate() {
                    if !(v.is_finite() && *v >= 0.0) {
                        found.add(
                            format!("{path}[{i}]"),
                            "a weight must be zero or a positive number",
                        );
                    }
                }
            };
            match (&shape.hours_of_week, &shape.daily) {
                (Some(_), Some(_)) => found.add(
                    "workload.shape",
                    "give either `hours_of_week` (168 weights) or `daily` (24 weights) with `days`, not both",
                ),
                (Some(h), None) => {
                    weights(found, h, "workload.shape.hours_of_week", 168);
                    if shape.days.is_some() {
                        found.add(
                            "workload.shape.days",
                            "day factors go with `daily`, not `hours_of_week`",
                        );
                    }
                }
                (None, Some(d)) => weights(found, d, "workload.shape.daily", 24),
                (None, None) => {}
            }
            if let Some(days) = &shape.days {
                weights(found, &days.as_array(), "workload.shape.days", 7);
            }
            // The week's total is only meaningful once every weight is.
            if found.0.len() == before && self.hour_of_week_weights().iter().sum::<f64>() <= 0.0 {
                found.add(
                    "workload.shape",
                    "at least one hour of the week needs a positive weight",
                );
            }
        }
        if let Some(g) = w.growth_per_month {
            if !(g.value() > -100.0 && g.value() <= 100.0) {
                found.add(
                    "workload.growth_per_month",
                    "must lie between -100% (excluded) and 100%",
                );
            }
        }
        if let Some(s) = &w.seasonality {
            for (i, v) in s.as_array().iter().enumerate() {
                if !(v.is_finite() && *v >= 0.0) {
                    found.add(
                        format!("workload.seasonality.{}", MONTH_KEYS[i]),
                        "must be zero or a positive number",
                    );
                }
            }
        }
        if w.mix.is_empty() {
            found.add("workload.mix", "at least one kind of ticket is needed");
        }
        let mut total = 0.0;
        let mut shares_valid = true;
        for (i, m) in w.mix.iter().enumerate() {
            let path = format!("workload.mix[{i}]");
            let plan_known = a.plan(&m.plan).is_some();
            if !plan_known {
                found.add(
                    format!("{path}.plan"),
                    format!("the agreement has no plan `{}`", m.plan),
                );
            }
            let priority_known = a.priority(&m.priority).is_some();
            if !priority_known {
                found.add(
                    format!("{path}.priority"),
                    format!("the agreement has no priority `{}`", m.priority),
                );
            }
            if let Some(c) = &m.channel {
                if !a.channels.iter().any(|x| &x.id == c) {
                    found.add(
                        format!("{path}.channel"),
                        format!("the agreement has no channel `{c}`"),
                    );
                }
            }
            if !(m.share.value() >= 0.0 && m.share.value() <= 100.0) {
                found.add(format!("{path}.share"), "must lie between 0% and 100%");
                shares_valid = false;
            }
            total += m.share.value();
            if !priority_known {
                continue;
            }
            if self.work_of(&m.priority).is_none() {
                found.add(
                    "work",
                    format!("no work is given for priority `{}`", m.priority),
                );
            }
            let worked = |stage| {
                self.staffing.teams.iter().any(|t| {
                    t.works(stage, &m.plan, &m.priority) && t.takes_channel(m.channel.as_deref())
                })
            };
            if plan_known && !worked(Stage::Triage) && !worked(Stage::Resolution) {
                found.add(
                    path.clone(),
                    format!(
                        "no team works tickets of plan `{}` and priority `{}`",
                        m.plan, m.priority
                    ),
                );
            }
        }
        if shares_valid && !w.mix.is_empty() && (total - 100.0).abs() > 0.5 {
            found.add(
                "workload.mix",
                format!("the shares add up to {total}%; they must add up to 100%"),
            );
        }
        self.patience_problems(found);
    }

    /// Patience is a live channel's: a phone or chat channel of the
    /// agreement, given once.
    fn patience_problems(&self, found: &mut Problems) {
        use crate::model::ChannelKind;
        for (i, p) in self.workload.patience.iter().enumerate() {
            let path = format!("workload.patience[{i}]");
            match self.agreement.channels.iter().find(|c| c.id == p.channel) {
                None => found.add(
                    format!("{path}.channel"),
                    format!("the agreement has no channel `{}`", p.channel),
                ),
                Some(c) if !matches!(c.kind, ChannelKind::Phone | ChannelKind::Chat) => found.add(
                    format!("{path}.channel"),
                    format!(
                        "`{}` is not a live channel: only phone and chat customers give up while they wait",
                        p.channel
                    ),
                ),
                Some(_) if self.workload.patience[..i].iter().any(|o| o.channel == p.channel) => {
                    found.add(
                        format!("{path}.channel"),
                        "each channel's patience is given once",
                    )
                }
                Some(_) => {}
            }
            found.spec(&p.patience, &format!("{path}.patience"));
        }
    }

    /// The patience of the customers of `channel`, when the scenario gives
    /// one.
    pub fn patience_of(&self, channel: Option<&str>) -> Option<&DurationSpec> {
        let channel = channel?;
        self.workload
            .patience
            .iter()
            .find(|p| p.channel == channel)
            .map(|p| &p.patience)
    }

    fn work_problems(&self, found: &mut Problems) {
        let a = &self.agreement;
        for (i, wk) in self.work.iter().enumerate() {
            let path = format!("work[{i}]");
            if a.priority(&wk.priority).is_none() {
                found.add(
                    format!("{path}.priority"),
                    format!("the agreement has no priority `{}`", wk.priority),
                );
            } else if self.work[..i].iter().any(|o| o.priority == wk.priority) {
                found.add(
                    format!("{path}.priority"),
                    "each priority's work is given once",
                );
            }
            found.spec(&wk.first_response, &format!("{path}.first_response"));
            found.spec(&wk.resolution, &format!("{path}.resolution"));
            for (field, p) in [("escalated", wk.escalated), ("reopen", wk.reopen)] {
                if let Some(p) = p {
                    if !(0.0..=100.0).contains(&p.value()) {
                        found.add(format!("{path}.{field}"), "must lie between 0% and 100%");
                    }
                }
            }
            if !(wk.back_and_forths.is_finite() && (0.0..=50.0).contains(&wk.back_and_forths)) {
                found.add(
                    format!("{path}.back_and_forths"),
                    "must be a number from 0 to 50",
                );
            }
            if let Some(u) = wk.update {
                if !(0..=86_400).contains(&u.as_seconds()) {
                    found.add(
                        format!("{path}.update"),
                        "an update takes from 0 to 24 hours of agent time",
                    );
                }
            }
            let needs_pending =
                wk.back_and_forths > 0.0 || wk.reopen.is_some_and(|r| r.value() > 0.0);
            match &wk.pending {
                Some(p) => found.spec(p, &format!("{path}.pending")),
                None if needs_pending => found.add(
                    format!("{path}.pending"),
                    "give how long tickets wait on the customer, e.g. `pending: {exponential: 1d}`",
                ),
                None => {}
            }
        }
    }

    fn staffing_problems(&self, found: &mut Problems) {
        let a = &self.agreement;
        if self.staffing.teams.is_empty() {
            found.add("staffing.teams", "at least one team is needed");
        }
        for (i, t) in self.staffing.teams.iter().enumerate() {
            let path = format!("staffing.teams[{i}]");
            if self.staffing.teams[..i].iter().any(|o| o.name == t.name) {
                found.add(format!("{path}.name"), "each team needs its own name");
            }
            if let Some(id) = &t.agreement_team {
                if !a.teams.iter().any(|x| &x.id == id) {
                    found.add(
                        format!("{path}.agreement_team"),
                        format!("the agreement has no team `{id}`"),
                    );
                }
            }
            if let Some(z) = &t.time_zone {
                if z.parse::<Tz>().is_err() {
                    found.add(
                        format!("{path}.time_zone"),
                        format!("`{z}` is not an IANA time zone"),
                    );
                }
            }
            if t.stages.is_empty() {
                found.add(
                    format!("{path}.stages"),
                    "name the stages the team works: `triage`, `resolution`",
                );
            }
            for (j, p) in t.priorities.iter().enumerate() {
                if a.priority(p).is_none() {
                    found.add(
                        format!("{path}.priorities[{j}]"),
                        format!("the agreement has no priority `{p}`"),
                    );
                }
            }
            for (j, c) in t.channels.iter().enumerate() {
                if !a.channels.iter().any(|x| &x.id == c) {
                    found.add(
                        format!("{path}.channels[{j}]"),
                        format!("the agreement has no channel `{c}`"),
                    );
                }
            }
            for (j, p) in t.plans.iter().enumerate() {
                if a.plan(p).is_none() {
                    found.add(
                        format!("{path}.plans[{j}]"),
                        format!("the agreement has no plan `{p}`"),
                    );
                }
            }
            if let Some(s) = t.shrinkage {
                if !(0.0..100.0).contains(&s.value()) {
                    found.add(
                        format!("{path}.shrinkage"),
                        "must lie between 0% and 100% (excluded)",
                    );
                }
            }
            let costs = std::iter::once((format!("{path}.cost_per_hour"), t.cost_per_hour)).chain(
                t.shifts
                    .iter()
                    .enumerate()
                    .map(|(j, s)| (format!("{path}.shifts[{j}].cost_per_hour"), s.cost_per_hour)),
            );
            for (at, cost) in costs {
                if let Some(c) = cost {
                    if c.cents() < 0 || c > MAX_COST_PER_HOUR {
                        found.add(
                            at,
                            format!("an agent-hour costs from 0 to {MAX_COST_PER_HOUR} in the agreement's currency"),
                        );
                    }
                }
            }
            if t.chat_concurrency == 0 || t.chat_concurrency > 20 {
                found.add(
                    format!("{path}.chat_concurrency"),
                    "must be a whole number from 1 to 20",
                );
            }
            for (j, s) in t.shifts.iter().enumerate() {
                let sp = format!("{path}.shifts[{j}]");
                if s.days.is_empty() {
                    found.add(
                        format!("{sp}.days"),
                        "name at least one day, e.g. `[mon, tue, wed, thu, fri]`",
                    );
                }
                let len = s.hours.length_minutes();
                if len <= 0 {
                    found.add(
                        format!("{sp}.hours"),
                        "a shift must end after it starts; mark a shift that ends the next day `+1`, e.g. `22:00-06:00+1`",
                    );
                } else if len > 24 * 60 {
                    found.add(format!("{sp}.hours"), "a shift lasts at most 24 hours");
                }
                if s.headcount > 10_000 {
                    found.add(format!("{sp}.headcount"), "at most 10 000 agents per shift");
                }
            }
        }
    }

    fn incident_problems(&self, found: &mut Problems) {
        for (i, inc) in self.incidents.iter().enumerate() {
            let path = format!("incidents[{i}]");
            if !self.agreement.services.iter().any(|s| s.id == inc.service) {
                found.add(
                    format!("{path}.service"),
                    format!("the agreement has no service `{}`", inc.service),
                );
            }
            if !(inc.per_month.is_finite() && (0.0..=10_000.0).contains(&inc.per_month)) {
                found.add(
                    format!("{path}.per_month"),
                    "must be a number of incidents from 0 to 10 000",
                );
            }
            found.spec(&inc.duration, &format!("{path}.duration"));
        }
    }

    /// Values that are valid but unlikely to be meant, each with why (code
    /// `implausible-percent`, severity warning, no location): a team's
    /// shrinkage above 60 %, a mix whose shares do not add up to exactly
    /// 100 % (the simulation scales them; [`Scenario::validate`] refuses
    /// a total more than half a point away).
    pub fn warnings(&self) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        // Millionths of a percent, so that `33.3% + 33.3% + 33.4%` is
        // exactly 100 %.
        let micro = |p: Percent| (p.value() * 1e6).round() as i64;
        let total: i64 = self.workload.mix.iter().map(|m| micro(m.share)).sum();
        if !self.workload.mix.is_empty() && total != micro(Percent::new(100.0)) {
            found.push(Diagnostic::warning(
                IMPLAUSIBLE_PERCENT,
                "workload.mix",
                format!(
                    "the shares add up to {}, not 100%: the simulation scales each share so that they do, which changes every share slightly",
                    Percent::new(total as f64 / 1e6)
                ),
            ));
        }
        for (i, t) in self.staffing.teams.iter().enumerate() {
            if let Some(why) = t
                .shrinkage
                .and_then(|s| implausible_percent(PercentKind::Shrinkage, s))
            {
                found.push(Diagnostic::warning(
                    IMPLAUSIBLE_PERCENT,
                    format!("staffing.teams[{i}].shrinkage"),
                    why,
                ));
            }
        }
        found
    }

    /// The relative arrival weight of each hour of the week (Monday
    /// 00:00–01:00 first), normalised to sum to 1.
    pub fn hour_of_week_weights(&self) -> [f64; 168] {
        let mut w = [1.0; 168];
        if let Some(shape) = &self.workload.shape {
            if let Some(h) = &shape.hours_of_week {
                for (slot, v) in w.iter_mut().zip(h) {
                    *slot = *v;
                }
            } else {
                let days = shape.days.map(|d| d.as_array()).unwrap_or([1.0; 7]);
                for (i, slot) in w.iter_mut().enumerate() {
                    let hour = shape
                        .daily
                        .as_ref()
                        .and_then(|d| d.get(i % 24))
                        .copied()
                        .unwrap_or(1.0);
                    *slot = hour * days[i / 24];
                }
            }
        }
        let total: f64 = w.iter().sum();
        if total > 0.0 {
            for v in &mut w {
                *v /= total;
            }
        }
        w
    }
}

/// Days in a mean Gregorian month.
pub const DAYS_PER_MONTH: f64 = 365.2425 / 12.0;

const MONTH_KEYS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn check_spec(spec: &DurationSpec, path: &str) -> Result<(), (String, String)> {
    let too_long = |d: &Duration| d.as_seconds() > 366 * 86_400;
    let long = match spec {
        DurationSpec::Exponential(m) => too_long(m),
        DurationSpec::Lognormal { mean, p90 } => too_long(mean) || too_long(p90),
        DurationSpec::Gamma { mean, .. } => too_long(mean),
        DurationSpec::Empirical(v) => v.iter().any(too_long),
    };
    if long {
        return Err((
            path.to_owned(),
            "durations of more than a year are not supported".into(),
        ));
    }
    if let DurationSpec::Empirical(v) = spec {
        if let Some(i) = v.iter().position(|d| d.as_seconds() < 0) {
            return Err((
                format!("{path}.empirical[{i}]"),
                "an observed duration cannot be negative".into(),
            ));
        }
    }
    spec.distribution()
        .sampler(path)
        .map(|_| ())
        .map_err(|e| match e {
            super::SimError::InvalidParameter { path, problem } => (path, problem),
            other => (path.to_owned(), other.to_string()),
        })
}

/// The problems found so far, each once.
#[derive(Default)]
struct Problems(Vec<(String, String)>);

impl Problems {
    fn add(&mut self, path: impl Into<String>, problem: impl Into<String>) {
        let found = (path.into(), problem.into());
        if !self.0.contains(&found) {
            self.0.push(found);
        }
    }

    fn spec(&mut self, spec: &DurationSpec, path: &str) {
        if let Err((path, problem)) = check_spec(spec, path) {
            self.add(path, problem);
        }
    }
}
