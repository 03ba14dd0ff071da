//! The outcome of a simulated scenario beyond the ticket engine's report:
//! the engine's monthly compliance counts joined with a simulation of the
//! scenario's incidents (availability), and the credits the agreement's
//! schedules owe on them, month by month.

use serde::Serialize;

use super::availability::{
    prepare, simulate as simulate_availability, Horizon, IncidentModel, ServiceAvailability,
};
use super::report::SimReport;
use super::run::{Flow, Progress, RunConfig};
use super::scenario::Scenario;
use super::SimError;
use crate::credits::{
    penalty_values, ComplianceMeasure, CreditRules, CreditSummary, Measured, MonthCredits,
    PenaltyValue,
};
use crate::model::Money;

/// The credits and availability of a simulated scenario: what `pledge
/// simulate` adds to the ticket engine's report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioCredits {
    /// The agreement's currency (ISO 4217).
    pub currency: String,
    /// The monthly fee the credits are shares of.
    pub monthly_fee: Option<Money>,
    /// The months whose credits are counted (complete calendar months of
    /// the measured window; every month when none is complete).
    pub months: Vec<String>,
    /// Every schedule over those replication-months, compliance and
    /// availability together.
    pub credits: CreditSummary,
    /// Monthly uptime of each service with a commitment and incidents.
    pub availability: Vec<ServiceAvailability>,
    /// The value per event of each penalty.
    pub penalties: Vec<PenaltyValue>,
}

/// Computes the credits of a simulated scenario: the compliance counts of
/// `report` month by month, joined with a simulation of the scenario's
/// incidents over the same months, replications and seed.
pub fn scenario_credits(
    scenario: &Scenario,
    report: &SimReport,
    config: &RunConfig,
    observer: &(dyn Fn(Progress) -> Flow + Sync),
) -> Result<ScenarioCredits, SimError> {
    let agreement = &scenario.agreement;
    let months = report.months.len();
    let first_month = chrono::DateTime::parse_from_rfc3339(&report.measured_from)
        .map(|t| t.with_timezone(&scenario.time_zone).date_naive())
        .map_err(|e| SimError::InvalidParameter {
            path: "measured_from".into(),
            problem: e.to_string(),
        })?;
    let incidents: Vec<IncidentModel> = scenario
        .incidents
        .iter()
        .map(|i| IncidentModel {
            service: i.service.clone(),
            per_month: i.per_month,
            duration: i.duration.distribution(),
        })
        .collect();
    let models = prepare(agreement, &incidents)?;
    let availability = if models.is_empty() || months == 0 {
        None
    } else {
        let horizon = Horizon {
            first_month,
            months: months as u32,
        };
        Some(simulate_availability(
            agreement, &models, horizon, config, observer,
        )?)
    };
    let counted: Vec<usize> = if report.months.iter().any(|m| m.complete) {
        (0..months).filter(|&m| report.months[m].complete).collect()
    } else {
        (0..months).collect()
    };
    let rules = CreditRules::new(agreement);
    let runs: Vec<Vec<MonthCredits>> = (0..report.replications as usize)
        .map(|r| {
            counted
                .iter()
                .map(|&m| {
                    let mut measures = availability
                        .as_ref()
                        .map(|a| a.month_measures(r, m))
                        .unwrap_or_default();
                    measures.compliance = report
                        .objectives
                        .iter()
                        .filter_map(|o| {
                            let count = o.monthly_counts.get(r * months + m)?;
                            Some(ComplianceMeasure {
                                plan: o.plan.clone(),
                                priority: o.priority.clone(),
                                metric: o.metric,
                                level: Measured::new(count.met, count.tickets),
                            })
                        })
                        .collect();
                    rules.month(&measures)
                })
                .collect()
        })
        .collect();
    Ok(ScenarioCredits {
        currency: agreement.meta.currency.clone(),
        monthly_fee: agreement.meta.monthly_fee,
        months: counted
            .iter()
            .map(|&m| report.months[m].label.clone())
            .collect(),
        credits: rules.summarise(&runs),
        availability: availability.map(|a| a.services).unwrap_or_default(),
        penalties: penalty_values(agreement),
    })
}

/// A simulated scenario: the engine's report and the credits it owes.
#[derive(Debug, Clone, PartialEq)]
pub struct CreditedRun {
    /// The ticket engine's report.
    pub report: SimReport,
    /// Credits and availability over the same months.
    pub credits: ScenarioCredits,
}

impl CreditedRun {
    /// The report with its credits under `credits`: what `pledge simulate
    /// --format json` prints and what the app records with a run.
    pub fn to_json(&self) -> Result<serde_json::Value, serde_json::Error> {
        let mut value = serde_json::to_value(&self.report)?;
        value["credits"] = serde_json::to_value(&self.credits)?;
        Ok(value)
    }
}

/// Runs a compiled scenario and computes its credits: `observer` hears of
/// every replication of the run; `cancel` stops the run inside its
/// replications and the credits between theirs. The one way the command
/// line and the app simulate a scenario.
pub fn simulate_with_credits(
    scenario: &Scenario,
    compiled: &super::model::CompiledModel,
    config: &RunConfig,
    observer: &(dyn Fn(Progress) -> Flow + Sync),
    cancel: &super::run::CancelToken,
) -> Result<CreditedRun, SimError> {
    let report = super::model::simulate_until(compiled, config, observer, cancel)?;
    let quiet = |_: Progress| cancel.flow();
    let credits = scenario_credits(scenario, &report, config, &quiet)?;
    Ok(CreditedRun { report, credits })
}
