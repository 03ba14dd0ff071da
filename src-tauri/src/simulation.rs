//! The Simulation screen's logic, without Tauri: the scenario of an
//! agreement (a sample's, or one derived from the agreement), the core
//! scenario built from it and the editor's agreement, runs and sizings with
//! progress and cancellation, and their results shaped for the charts
//! (histograms, heat-map, series) so that the UI only draws.
//!
//! A scenario is held as JSON without its `agreement`: the agreement
//! simulated is always the one in the editor, embedded when the run starts.
//! JSON is YAML, so the core reads it with the same reader as a scenario
//! file, and a half-typed value is a located error, not a transport error.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use pledge::model::{Agreement, Duration, Hours, LocalDateTime};
use pledge::sim::run::{CancelToken, Progress, RunConfig};
use pledge::sim::scenario::{
    DispatchPolicy, IncidentProfile, PriorityWork, Scenario, ScenarioError, Staffing, Workload,
};
use pledge::sim::size::{SearchStep, SizeError, SizeOptions};
use pledge::sim::SimError;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::error::AppError;

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
}

/// The sample scenarios, each with the sample agreement it is written for.
const SAMPLE_SCENARIOS: &[&str] = &[
    include_str!("../../templates/samples/scenarios/fr-pme-infogerance.yaml"),
    include_str!("../../templates/samples/scenarios/saas-multilevel.yaml"),
    include_str!("../../templates/samples/scenarios/internal-it-ola.yaml"),
];

/// A sample scenario as JSON without its `agreement`, and the name of the
/// sample agreement it references (`../saas-multilevel.yaml` names
/// `saas-multilevel`).
fn sample_scenario(text: &str) -> Result<(String, Value), AppError> {
    let mut value: Value = pledge::format::Document::parse(text)?.deserialize()?;
    let reference = value.as_object_mut().and_then(|o| o.remove("agreement"));
    let file = reference
        .as_ref()
        .and_then(Value::as_str)
        .unwrap_or_default();
    let stem = Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((stem, value))
}

/// The scenario an agreement starts with: the sample's when the agreement
/// is a sample's (same reference as the sample agreement its scenario
/// names), else one derived from the agreement.
pub fn initial_scenario(agreement: &Value, today: chrono::NaiveDate) -> Value {
    let reference = agreement
        .pointer("/meta/reference")
        .and_then(Value::as_str)
        .unwrap_or_default();
    for text in SAMPLE_SCENARIOS {
        let Ok((stem, scenario)) = sample_scenario(text) else {
            continue;
        };
        let sample_reference = pledge::samples::find(&stem)
            .and_then(|s| pledge::format::read(s.text).ok())
            .map(|a| a.meta.reference)
            .unwrap_or_default();
        if !reference.is_empty() && sample_reference == reference {
            return scenario;
        }
    }
    match pledge::format::read(&agreement.to_string())
        .map_err(AppError::from)
        .or_else(|_| blank_agreement())
    {
        Ok(a) => default_scenario(&a, today),
        Err(_) => json!({}),
    }
}

/// The blank starter, for deriving a scenario when the editor's agreement
/// does not read; the starter is tested to read.
fn blank_agreement() -> Result<Agreement, AppError> {
    Ok(pledge::format::read(include_str!(
        "../starters/blank.yaml"
    ))?)
}

/// Tickets per week of a derived scenario.
const DEFAULT_TICKETS_PER_WEEK: f64 = 200.0;
/// The share of shift time a derived team is not available for tickets.
const DEFAULT_SHRINKAGE: f64 = 0.30;

/// A scenario derived from an agreement: 200 tickets a week with a
/// business-day shape; a mix over its plans and priorities (urgent ones
/// rarer); handle times growing from the most to the least urgent priority;
/// one team working every stage on shifts that follow the first plan's
/// calendar, sized for about 70 % occupancy.
pub fn default_scenario(agreement: &Agreement, today: chrono::NaiveDate) -> Value {
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
            mix.push(json!({"plan": plan, "priority": priority, "share": format!("{share}%")}));
        }
    }
    let resolution_minutes =
        |i: usize| 30 + 30 * (priorities.len().saturating_sub(1).saturating_sub(i)) as u32;
    let work: Vec<Value> = priorities
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mean = resolution_minutes(i);
            json!({
                "priority": p,
                "first_response": {"exponential": "10m"},
                "resolution": {"lognormal": {"mean": format!("{mean}m"), "p90": format!("{}m", mean * 2)}},
                "back_and_forths": 0.5,
                "pending": {"exponential": "1d"},
                "reopen": "3%"
            })
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
    let mut shifts: Vec<(String, Vec<&str>, f64)> = Vec::new();
    match calendar.map(|c| &c.hours) {
        Some(Hours::Weekly(week)) => {
            for (d, intervals) in week.days.iter().enumerate() {
                for interval in intervals {
                    let hours = interval.to_string();
                    let length = f64::from(interval.length_minutes().max(0)) / 60.0;
                    match shifts.iter_mut().find(|s| s.0 == hours) {
                        Some(s) => s.1.push(pledge::model::DAY_KEYS[d]),
                        None => shifts.push((hours, vec![pledge::model::DAY_KEYS[d]], length)),
                    }
                }
            }
        }
        _ => {
            let all = pledge::model::DAY_KEYS.to_vec();
            for hours in ["00:00-08:00", "08:00-16:00", "16:00-00:00+1"] {
                shifts.push((hours.into(), all.clone(), 8.0));
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
    let shifts: Vec<Value> = shifts
        .iter()
        .enumerate()
        .map(|(i, (hours, days, _))| {
            json!({"name": format!("shift {}", i + 1), "days": days, "hours": hours, "headcount": agents as u32})
        })
        .collect();
    let start = today.format("%Y-%m-%d").to_string();
    json!({
        "name": format!("{} — workload", agreement.meta.title),
        "start": start,
        "time_zone": time_zone,
        "warm_up": "14d",
        "horizon": "91d",
        "workload": {
            "tickets_per_week": DEFAULT_TICKETS_PER_WEEK,
            "shape": {
                "daily": [0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 4, 5, 5, 4.5, 3.5, 4.5, 4.5, 4, 3, 2, 1, 0.7, 0.5, 0.4, 0.3, 0.2],
                "days": {"mon": 1.3, "tue": 1.1, "wed": 1, "thu": 1, "fri": 0.9, "sat": 0.2, "sun": 0.1}
            },
            "mix": mix
        },
        "work": work,
        "staffing": {"teams": [{
            "name": "Support",
            "stages": ["triage", "resolution"],
            "shrinkage": format!("{}%", DEFAULT_SHRINKAGE * 100.0),
            "shifts": shifts
        }]},
        "dispatch": "deadline"
    })
}

/// The core scenario: the UI's scenario with the editor's agreement
/// embedded. Every problem comes back with the field's path
/// (`workload.mix[2].share`); a problem of the agreement names `agreement`.
pub fn build(scenario: &Value, agreement: &Value) -> Result<Scenario, AppError> {
    let Value::Object(fields) = scenario else {
        return Err(AppError {
            code: "invalid-scenario".into(),
            message: "the scenario is not a set of fields".into(),
            path: String::new(),
        });
    };
    let mut whole = Map::new();
    whole.insert("agreement".into(), agreement.clone());
    for (k, v) in fields {
        if k != "agreement" {
            whole.insert(k.clone(), v.clone());
        }
    }
    Scenario::from_text(&Value::Object(whole).to_string(), Path::new(".")).map_err(scenario_error)
}

/// A scenario error as the UI sees it: a code, a message for people and
/// the field's path, without the `<text>` file name of the reader.
pub fn scenario_error(e: ScenarioError) -> AppError {
    match e {
        ScenarioError::Format { source, .. } => AppError {
            code: source.code.into(),
            message: source.message,
            path: source.path,
        },
        ScenarioError::Agreement { source, .. } => AppError {
            code: "invalid-agreement".into(),
            message: format!(
                "the agreement cannot be simulated: {}: {}",
                source.path, source.message
            ),
            path: "agreement".into(),
        },
        ScenarioError::AgreementChecks { diagnostics, .. } => AppError {
            code: "invalid-agreement".into(),
            message: format!(
                "the agreement cannot be simulated until its errors are fixed: {}",
                diagnostics
                    .iter()
                    .filter(|d| d.severity == pledge::check::Severity::Error)
                    .map(|d| format!("{}: {}", d.path, d.message))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            path: "agreement".into(),
        },
        ScenarioError::Invalid { path, problem, .. } => AppError {
            code: "invalid-scenario".into(),
            message: problem,
            path,
        },
        other => AppError::new("invalid-scenario", other.to_string()),
    }
}

/// The problems of a scenario with the editor's agreement: none, or the
/// first one with its path (the core reports one at a time).
pub fn problems(scenario: &Value, agreement: &Value) -> Vec<AppError> {
    match build(scenario, agreement).and_then(|s| {
        pledge::sim::model::compile(&s)
            .map(|_| ())
            .map_err(sim_error)
    }) {
        Ok(()) => Vec::new(),
        Err(e) => vec![e],
    }
}

/// A simulation error as the UI sees it; `cancelled` is the code the UI
/// acts on.
pub fn sim_error(e: SimError) -> AppError {
    match e {
        SimError::InvalidParameter { path, problem } => AppError {
            code: "invalid-scenario".into(),
            message: problem,
            path,
        },
        SimError::Cancelled => AppError::new("cancelled", "the run was cancelled"),
        other => AppError::new("simulation", other.to_string()),
    }
}

/// How to run: replications and seed (and, for sizing, the confidence).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RunSettings {
    /// Independent replications, 1 to 10 000.
    pub replications: u32,
    /// The master seed.
    pub seed: u64,
    /// For sizing: the share of months every objective must hold in (0–1).
    #[serde(default)]
    pub confidence: Option<f64>,
}

impl RunSettings {
    fn config(&self) -> Result<RunConfig, AppError> {
        if !(1..=10_000).contains(&self.replications) {
            return Err(AppError {
                code: "invalid-settings".into(),
                message: "replications must be a whole number from 1 to 10 000".into(),
                path: "replications".into(),
            });
        }
        Ok(RunConfig {
            replications: self.replications,
            seed: self.seed,
            threads: None,
        })
    }
}

/// How far a run or a sizing has got.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct RunProgress {
    /// Replications finished (of the current staffing, when sizing).
    pub done: u32,
    /// Replications in a run (of one staffing, when sizing).
    pub total: u32,
    /// When sizing: staffings simulated so far.
    pub evaluations: Option<u32>,
    /// When sizing: the agent-hours per week of the best staffing so far.
    pub best_agent_hours: Option<f64>,
}

/// The cancel tokens of the runs under way, by the run number the UI chose.
#[derive(Default)]
pub struct Runs(Mutex<HashMap<u32, Arc<CancelToken>>>);

impl Runs {
    /// Registers run `id` and returns its token.
    pub fn start(&self, id: u32) -> Arc<CancelToken> {
        let token = Arc::new(CancelToken::new());
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id, token.clone());
        token
    }
    /// Forgets run `id` once it ended.
    pub fn finish(&self, id: u32) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
    }
    /// Asks run `id` to stop; false when no such run is under way.
    pub fn cancel(&self, id: u32) -> bool {
        match self.0.lock().unwrap_or_else(|p| p.into_inner()).get(&id) {
            Some(token) => {
                token.cancel();
                true
            }
            None => false,
        }
    }
}

/// One bin of a histogram of monthly compliance, in percent.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, JsonSchema)]
pub struct Bin {
    /// The lower bound (included).
    pub from: f64,
    /// The upper bound (excluded, but 100 % is in the last bin).
    pub to: f64,
    /// The share of replication-months in the bin (0–1).
    pub share: f64,
}

/// One contractual objective's results.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ObjectiveRow {
    /// Plan, priority, channel and metric in one line, e.g.
    /// `premium · P1 · chat · first response ≤ 30m`.
    pub label: String,
    /// The plan.
    pub plan: String,
    /// The priority.
    pub priority: String,
    /// The metric, as the agreement names it.
    pub metric: String,
    /// The contractual time.
    pub within: String,
    /// The objective in percent, if the target has one.
    pub objective: Option<f64>,
    /// Mean compliance over the window, in percent.
    pub mean: f64,
    /// The 90 % interval of the mean, in percent.
    pub low: f64,
    /// Its upper end.
    pub high: f64,
    /// The share of replication-months meeting the objective (0–1).
    pub p_meets: Option<f64>,
    /// The histogram of monthly compliance across replications.
    pub histogram: Vec<Bin>,
}

/// One team's occupancy.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct TeamRow {
    /// The team.
    pub name: String,
    /// Paid agent-hours per week.
    pub agent_hours_per_week: f64,
    /// Mean occupancy in percent, and its 90 % interval.
    pub occupancy: f64,
    /// Lower end.
    pub low: f64,
    /// Upper end.
    pub high: f64,
}

/// Credits owed per month under one schedule (or all together).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct CreditRow {
    /// The schedule's identifier, or `total`.
    pub schedule: String,
    /// The mean credit per month, in the agreement's currency.
    pub expected: Option<f64>,
    /// The 95th percentile of the monthly credit.
    pub p95: Option<f64>,
    /// The share of months that owe a credit (0–1).
    pub p_credit: f64,
}

/// What a run found, shaped for the screen.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct SimulationResults {
    /// Replications run.
    pub replications: u32,
    /// The seed.
    pub seed: u64,
    /// The months reported, `YYYY-MM`.
    pub months: Vec<String>,
    /// Mean tickets per replication.
    pub tickets: f64,
    /// Per contractual objective.
    pub objectives: Vec<ObjectiveRow>,
    /// Per team.
    pub teams: Vec<TeamRow>,
    /// Breach rate (0–1) per hour of the week, Monday 00:00 first (168).
    pub breach_heatmap: Vec<f64>,
    /// Days since the start of the measured window.
    pub backlog_days: Vec<f64>,
    /// Mean open tickets at the start of each day.
    pub backlog_mean: Vec<f64>,
    /// The highest over replications.
    pub backlog_max: Vec<f64>,
    /// The agreement's currency.
    pub currency: String,
    /// Per credit schedule, then `total`.
    pub credits: Vec<CreditRow>,
    /// The version the run was recorded against, when the agreement in the
    /// editor is that saved version.
    pub recorded_version: Option<u32>,
}

/// How many bins a compliance histogram has.
pub const BINS: usize = 20;

/// The histogram of monthly compliances (fractions), in percent, over a
/// range that holds every value and the objective: from a multiple of 5
/// below both up to 100.
pub fn histogram(values: &[f64], objective: Option<f64>) -> Vec<Bin> {
    let lowest = values
        .iter()
        .map(|v| v * 100.0)
        .fold(objective.unwrap_or(100.0), f64::min);
    let from = ((lowest - 1.0) / 5.0).floor().clamp(0.0, 19.0) * 5.0;
    let width = (100.0 - from) / BINS as f64;
    let mut counts = [0usize; BINS];
    for v in values {
        let i = (((v * 100.0) - from) / width)
            .floor()
            .clamp(0.0, (BINS - 1) as f64) as usize;
        counts[i] += 1;
    }
    let n = values.len().max(1) as f64;
    counts
        .iter()
        .enumerate()
        .map(|(i, &c)| Bin {
            from: from + i as f64 * width,
            to: from + (i + 1) as f64 * width,
            share: c as f64 / n,
        })
        .collect()
}

fn metric_name(metric: &pledge::model::Metric) -> String {
    serde_json::to_value(metric)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
        .unwrap_or_default()
}

fn money(m: Option<pledge::model::Money>) -> Option<f64> {
    m.map(|m| m.cents() as f64 / 100.0)
}

/// Shapes a report and its credits for the screen.
pub fn results(
    report: &pledge::sim::report::SimReport,
    credits: &pledge::sim::outcome::ScenarioCredits,
) -> SimulationResults {
    let pct = |x: f64| x * 100.0;
    let objectives = report
        .objectives
        .iter()
        .map(|o| {
            let metric = metric_name(&o.metric);
            let channel = o
                .channel
                .as_deref()
                .map(|c| format!(" · {c}"))
                .unwrap_or_default();
            let objective = o.objective.map(|p| p.value());
            ObjectiveRow {
                label: format!(
                    "{} · {}{channel} · {metric} ≤ {}",
                    o.plan, o.priority, o.within
                ),
                plan: o.plan.clone(),
                priority: o.priority.clone(),
                metric,
                within: o.within.clone(),
                objective,
                mean: pct(o.compliance.mean),
                low: pct(o.compliance.low).max(0.0),
                high: pct(o.compliance.high).min(100.0),
                p_meets: o.p_meets,
                histogram: histogram(&o.monthly, objective),
            }
        })
        .collect();
    let teams = report
        .teams
        .iter()
        .map(|t| TeamRow {
            name: t.name.clone(),
            agent_hours_per_week: t.agent_hours_per_week,
            occupancy: pct(t.occupancy.mean),
            low: pct(t.occupancy.low).max(0.0),
            high: pct(t.occupancy.high).min(100.0),
        })
        .collect();
    let mut credit_rows: Vec<CreditRow> = credits
        .credits
        .schedules
        .iter()
        .map(|s| CreditRow {
            schedule: s.schedule.clone(),
            expected: money(s.expected),
            p95: money(s.p95),
            p_credit: s.p_credit,
        })
        .collect();
    credit_rows.push(CreditRow {
        schedule: "total".into(),
        expected: money(credits.credits.expected),
        p95: money(credits.credits.p95),
        p_credit: credits.credits.p_credit,
    });
    SimulationResults {
        replications: report.replications,
        seed: report.seed,
        months: report.months.iter().map(|m| m.label.clone()).collect(),
        tickets: report.tickets.mean,
        objectives,
        teams,
        breach_heatmap: report.breach_heatmap.iter().map(|c| c.rate()).collect(),
        backlog_days: report.backlog.iter().map(|b| f64::from(b.day)).collect(),
        backlog_mean: report.backlog.iter().map(|b| b.mean).collect(),
        backlog_max: report.backlog.iter().map(|b| b.max).collect(),
        currency: credits.currency.clone(),
        credits: credit_rows,
        recorded_version: None,
    }
}

/// A finished run: what the screen shows, and what the library records.
pub struct Finished {
    /// For the screen.
    pub results: SimulationResults,
    /// The report and credits as JSON, for `simulation_runs`.
    pub record: Value,
}

/// Runs a scenario: `progress` hears of every replication; the run stops
/// with `cancelled` once `token` is cancelled.
pub fn run(
    scenario: &Scenario,
    settings: &RunSettings,
    token: &CancelToken,
    progress: &(dyn Fn(RunProgress) + Sync),
) -> Result<Finished, AppError> {
    let config = settings.config()?;
    let compiled = pledge::sim::model::compile(scenario).map_err(sim_error)?;
    let observer = |p: Progress| {
        progress(RunProgress {
            done: p.done,
            total: p.total,
            evaluations: None,
            best_agent_hours: None,
        });
        token.flow()
    };
    // The app's cancel token reaches inside each replication, so Cancel
    // stops a long replication too, not only the next one to start.
    pledge::sim::model::check_workload(scenario, &compiled).map_err(scenario_error)?;
    let report = pledge::sim::model::simulate_until(&compiled, &config, &observer, token)
        .map_err(sim_error)?;
    let quiet = |_: Progress| token.flow();
    let credits = pledge::sim::outcome::scenario_credits(scenario, &report, &config, &quiet)
        .map_err(sim_error)?;
    let mut record =
        serde_json::to_value(&report).map_err(|e| AppError::new("simulation", e.to_string()))?;
    record["credits"] =
        serde_json::to_value(&credits).map_err(|e| AppError::new("simulation", e.to_string()))?;
    Ok(Finished {
        results: results(&report, &credits),
        record,
    })
}

/// One shift: today's headcount and the recommended one.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ShiftRow {
    /// The team's index in the scenario.
    pub team_index: usize,
    /// The shift's index in its team.
    pub shift_index: usize,
    /// The team.
    pub team: String,
    /// The shift.
    pub shift: String,
    /// Agents today.
    pub current: u32,
    /// Agents recommended.
    pub recommended: u32,
    /// The Erlang C estimate the search started from.
    pub erlang: u32,
}

/// What a sizing found.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct SizingResults {
    /// The confidence sized for (0–1).
    pub confidence: f64,
    /// Per team and shift, in the scenario's order.
    pub shifts: Vec<ShiftRow>,
    /// Paid agent-hours per week today.
    pub current_agent_hours: f64,
    /// Paid agent-hours per week recommended.
    pub recommended_agent_hours: f64,
    /// Whether today's staffing already meets every objective.
    pub current_meets: bool,
    /// Staffings simulated.
    pub evaluations: u32,
}

/// The most staffings a sizing from the app simulates.
pub const MAX_EVALUATIONS: u32 = 400;

/// Sizes every shift of a scenario; `progress` hears of every replication
/// and every search step; `token` stops it.
pub fn size(
    scenario: &Scenario,
    settings: &RunSettings,
    token: &CancelToken,
    progress: &(dyn Fn(RunProgress) + Sync),
) -> Result<SizingResults, AppError> {
    let confidence = settings.confidence.unwrap_or(0.9);
    if !(confidence > 0.0 && confidence <= 1.0) {
        return Err(AppError {
            code: "invalid-settings".into(),
            message: "the confidence must be above 0% and at most 100%".into(),
            path: "confidence".into(),
        });
    }
    let options = SizeOptions {
        confidence,
        run: settings.config()?,
        max_evaluations: MAX_EVALUATIONS,
    };
    let step = Mutex::new(SearchStep {
        evaluations: 0,
        best_cost: None,
    });
    let observer = |p: Progress| {
        let s = *step.lock().unwrap_or_else(|e| e.into_inner());
        progress(RunProgress {
            done: p.done,
            total: p.total,
            evaluations: Some(s.evaluations),
            best_agent_hours: s.best_cost,
        });
        token.flow()
    };
    let mut on_step = |s: SearchStep| *step.lock().unwrap_or_else(|e| e.into_inner()) = s;
    let report =
        pledge::sim::size::size_scenario_observed(scenario, &options, &mut on_step, &observer)
            .map_err(|e| match e {
                SizeError::Evaluator(e) => sim_error(e),
                other => AppError::new("sizing", other.to_string()),
            })?;
    let mut indices = Vec::new();
    for (t, team) in scenario.staffing.teams.iter().enumerate() {
        for s in 0..team.shifts.len() {
            indices.push((t, s));
        }
    }
    Ok(SizingResults {
        confidence: report.confidence,
        shifts: report
            .shifts
            .iter()
            .zip(indices)
            .map(|(s, (t, i))| ShiftRow {
                team_index: t,
                shift_index: i,
                team: s.team.clone(),
                shift: s.shift.clone(),
                current: s.current,
                recommended: s.recommended,
                erlang: s.erlang,
            })
            .collect(),
        current_agent_hours: report.current_agent_hours,
        recommended_agent_hours: report.recommended_agent_hours,
        current_meets: report.current_meets,
        evaluations: report.evaluations,
    })
}
