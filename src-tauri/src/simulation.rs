//! The Simulation screen's logic, without Tauri: the core's scenario
//! functions (`pledge::sim::spec`) and its runs and sizings shaped for the
//! charts (`pledge::sim::charts`), their errors as the UI sees them; the
//! cancel tokens of the runs under way are the core's `CancelTokens`.
//!
//! A scenario is held as JSON without its `agreement`: the agreement
//! simulated is always the one in the editor, embedded when the run starts.

use pledge::sim::charts::{self, RunError};
pub use pledge::sim::charts::{
    Finished, FrontierRequest, PortfolioResults, RunProgress, RunSettings, SimulationResults,
    SizingResults, TeamCoverage,
};
pub use pledge::sim::frontier::Frontier;
pub use pledge::sim::run::{CancelToken, CancelTokens as Runs};
use pledge::sim::scenario::{Scenario, ScenarioError};
pub use pledge::sim::spec::ScenarioSpec;
use pledge::sim::whatif::WhatIf;
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

/// Every problem a scenario error holds, each at its path; the error
/// itself when it holds none (a wrong type, an invalid agreement).
fn scenario_errors(e: ScenarioError) -> Vec<AppError> {
    let code = e.code();
    let each = e.problems();
    if each.is_empty() {
        return vec![scenario_error(e)];
    }
    each.into_iter()
        .map(|p| AppError::at(code, p.problem, p.path))
        .collect()
}

/// A scenario error as the UI sees it: its code, a message for people and
/// the field's path, without the `<text>` file name of the reader. Several
/// impossible values come as one error naming the first field and listing
/// them all; [`problems`] gives each its own.
pub fn scenario_error(e: ScenarioError) -> AppError {
    let code = e.code();
    match e {
        ScenarioError::Format { source, .. } => AppError::at(code, source.message, source.path),
        ScenarioError::Agreement { source, .. } => AppError::at(
            code,
            format!(
                "the agreement cannot be simulated: {}: {}",
                source.path, source.message
            ),
            "agreement",
        ),
        ScenarioError::AgreementChecks { diagnostics, .. } => AppError::at(
            code,
            format!(
                "the agreement cannot be simulated until its errors are fixed: {}",
                diagnostics
                    .iter()
                    .filter(|d| d.severity == pledge::check::Severity::Error)
                    .map(|d| format!("{}: {}", d.path, d.message))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            "agreement",
        ),
        ScenarioError::Invalid { path, problem, .. } => AppError::at(code, problem, path),
        ScenarioError::Member {
            ref path,
            ref source,
            ..
        } => AppError::at(code, format!("{path}.scenario: {source}"), path.clone()),
        ScenarioError::Problems { ref problems, .. } => AppError::at(
            code,
            problems
                .iter()
                .map(|p| format!("{}: {}", p.path, p.problem))
                .collect::<Vec<_>>()
                .join("; "),
            problems.first().map(|p| p.path.clone()).unwrap_or_default(),
        ),
        other => AppError::new(code, other.to_string()),
    }
}

/// The problems of a scenario with the editor's agreement: none, or every
/// impossible value with its path, or the one error that stops the
/// reading (a wrong type, an invalid agreement) or the engine.
pub fn problems(scenario: &Value, agreement: &Value) -> Vec<AppError> {
    let scenario = match pledge::sim::spec::build(scenario, agreement) {
        Ok(scenario) => scenario,
        Err(e) => return scenario_errors(e),
    };
    match pledge::sim::model::compile(&scenario) {
        Ok(_) => Vec::new(),
        Err(e) => vec![sim_error(e)],
    }
}

/// A simulation error as the UI sees it; `cancelled` is the code the UI
/// acts on.
pub fn sim_error(e: SimError) -> AppError {
    let code = e.code();
    match e {
        SimError::InvalidParameter { path, problem } => AppError::at(code, problem, path),
        SimError::Cancelled => AppError::new(code, "the run was cancelled"),
        other => AppError::new(code, other.to_string()),
    }
}

/// A run's or a sizing's error as the UI sees it.
fn run_error(e: RunError) -> AppError {
    let code = e.code();
    match e {
        RunError::Settings { path, problem } => AppError::at(code, problem, path),
        RunError::Scenario(e) => scenario_error(e),
        RunError::Sim(e) => sim_error(e),
        RunError::Frontier { path, source } => AppError::at(code, source.to_string(), path),
        other => AppError::new(code, other.to_string()),
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

/// A what-if of two scenarios (`pledge::sim::charts::compare`).
pub fn compare(
    base: &Scenario,
    other: &Scenario,
    settings: &RunSettings,
    token: &CancelToken,
    progress: &(dyn Fn(RunProgress) + Sync),
) -> Result<WhatIf, AppError> {
    charts::compare(base, other, settings, token, progress).map_err(run_error)
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

/// The frontier of one target (`pledge::sim::charts::frontier`).
pub fn frontier(
    scenario: &Scenario,
    request: &FrontierRequest,
    settings: &RunSettings,
    token: &CancelToken,
    progress: &(dyn Fn(RunProgress) + Sync),
) -> Result<Frontier, AppError> {
    charts::frontier(scenario, request, settings, token, progress).map_err(run_error)
}

/// The scenario's week per team for the coverage timeline
/// (`pledge::sim::charts::coverage`).
pub fn coverage(scenario: &Scenario) -> Result<Vec<TeamCoverage>, AppError> {
    charts::coverage(scenario).map_err(run_error)
}

/// The problems of a portfolio of the library (its text, the agreements
/// its members name): none, every problem the portfolio reader finds with
/// its path (the same as `pledge simulate PORTFOLIO`'s), or the engine's
/// and the workload's once it reads.
pub fn portfolio_problems(
    text: &str,
    agreements: &std::collections::BTreeMap<String, pledge::sim::portfolio::LibraryAgreement>,
    today: chrono::NaiveDate,
) -> Vec<AppError> {
    let portfolio = match pledge::sim::portfolio::Portfolio::from_library(text, agreements, today) {
        Ok(portfolio) => portfolio,
        Err(e) => return scenario_errors(e),
    };
    match portfolio.compile() {
        Ok(compiled) => match portfolio.check_workload(&compiled) {
            Ok(_) => Vec::new(),
            Err(e) => vec![scenario_error(e)],
        },
        Err(SimError::InvalidParameter { path, problem }) => {
            vec![scenario_error(portfolio.problem(&path, problem))]
        }
        Err(e) => vec![sim_error(e)],
    }
}

/// Runs a portfolio (`pledge::sim::charts::run_portfolio`).
pub fn run_portfolio(
    portfolio: &pledge::sim::portfolio::Portfolio,
    settings: &RunSettings,
    token: &CancelToken,
    progress: &(dyn Fn(RunProgress) + Sync),
) -> Result<PortfolioResults, AppError> {
    charts::run_portfolio(portfolio, settings, token, progress).map_err(run_error)
}
