//! The Simulation screen's logic, without Tauri: the core's scenario
//! functions (`pledge::sim::spec`) and its runs and sizings shaped for the
//! charts (`pledge::sim::charts`), their errors as the UI sees them; the
//! cancel tokens of the runs under way are the core's `CancelTokens`.
//!
//! A scenario is held as JSON without its `agreement`: the agreement
//! simulated is always the one in the editor, embedded when the run starts.

use pledge::sim::charts::{self, RunError};
pub use pledge::sim::charts::{
    Finished, RunProgress, RunSettings, SimulationResults, SizingResults,
};
pub use pledge::sim::run::{CancelToken, CancelTokens as Runs};
use pledge::sim::scenario::{Scenario, ScenarioError};
pub use pledge::sim::spec::ScenarioSpec;
use pledge::sim::SimError;
use serde_json::Value;

use crate::error::AppError;

/// The scenario an agreement starts with (`pledge::sim::spec`), as the
/// editor holds it; an empty one if none can be made.
pub fn initial_scenario(agreement: &Value, today: chrono::NaiveDate) -> Value {
    pledge::sim::spec::initial_scenario(agreement, today)
        .and_then(|spec| serde_json::to_value(spec).ok())
        .unwrap_or_else(|| Value::Object(Default::default()))
}

/// The core scenario: the UI's scenario with the editor's agreement
/// embedded. Every problem comes back with the field's path
/// (`workload.mix[2].share`); a problem of the agreement names `agreement`.
pub fn build(scenario: &Value, agreement: &Value) -> Result<Scenario, AppError> {
    pledge::sim::spec::build(scenario, agreement).map_err(scenario_error)
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

/// A run's or a sizing's error as the UI sees it.
fn run_error(e: RunError) -> AppError {
    match e {
        RunError::Settings { path, problem } => AppError {
            code: "invalid-settings".into(),
            message: problem.into(),
            path: path.into(),
        },
        RunError::Scenario(e) => scenario_error(e),
        RunError::Sim(e) => sim_error(e),
        RunError::Sizing(e) => AppError::new("sizing", e.to_string()),
        other => AppError::new("simulation", other.to_string()),
    }
}

/// Runs a scenario (`pledge::sim::charts::run`).
pub fn run(
    scenario: &Scenario,
    settings: &RunSettings,
    token: &CancelToken,
    progress: &(dyn Fn(RunProgress) + Sync),
) -> Result<Finished, AppError> {
    charts::run(scenario, settings, token, progress).map_err(run_error)
}

/// Sizes every shift of a scenario (`pledge::sim::charts::size`).
pub fn size(
    scenario: &Scenario,
    settings: &RunSettings,
    token: &CancelToken,
    progress: &(dyn Fn(RunProgress) + Sync),
) -> Result<SizingResults, AppError> {
    charts::size(scenario, settings, token, progress).map_err(run_error)
}
