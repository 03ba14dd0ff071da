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
    /// Staff cost and credits together, when the staffing gives a cost.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub costs: Option<Costs>,
    /// Each replication's mean monthly credits (total over the schedules),
    /// in replication order: what a what-if pairs. Not written in reports.
    #[serde(skip)]
    pub per_replication: Vec<Money>,
    /// Each replication-month's total credits (`per_month[r][m]`, the
    /// counted months in order): what a portfolio sums per currency. Not
    /// written in reports.
    #[serde(skip)]
    pub per_month: Vec<Vec<Money>>,
}

/// What a month costs the provider: the staff it pays and the credits it
/// owes, in the agreement's currency.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Costs {
    /// The staffing's cost over an average month (fixed: the staffing does
    /// not vary between replications).
    pub staff_per_month: Money,
    /// Teams with agent-hours but no cost, counted at zero.
    pub teams_without_cost: Vec<String>,
    /// Credits owed per month: their mean over the replication-months.
    pub credits_expected: Money,
    /// The 95th percentile of a month's credits.
    pub credits_p95: Money,
    /// Staff and expected credits.
    pub total_expected: Money,
    /// The 95 % interval of the expected total, from the spread of the
    /// replications' mean monthly credits (Student t).
    pub total_interval: (Money, Money),
}

impl Costs {
    /// The costs of `staff` with the credits of `runs` (`runs[r][m]`).
    pub fn of(
        staff: &super::scenario::StaffCost,
        runs: &[Vec<MonthCredits>],
        summary: &CreditSummary,
    ) -> Costs {
        let means: Vec<f64> = runs
            .iter()
            .filter(|r| !r.is_empty())
            .map(|r| r.iter().map(|m| m.total().cents() as f64).sum::<f64>() / r.len() as f64)
            .collect();
        let estimate = super::stats::Estimate::from_replications(&means, 0.95);
        let zero = Money::from_cents(0);
        let credits_expected = summary.expected.unwrap_or(zero);
        let base = staff.per_month.cents();
        let cents = |x: f64| Money::from_cents(base.saturating_add(x.max(0.0).round() as i64));
        Costs {
            staff_per_month: staff.per_month,
            teams_without_cost: staff.teams_without_cost.clone(),
            credits_expected,
            credits_p95: summary.p95.unwrap_or(zero),
            total_expected: Money::from_cents(base.saturating_add(credits_expected.cents())),
            total_interval: (cents(estimate.low()), cents(estimate.high())),
        }
    }
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
    let credits = rules.summarise(&runs);
    let per_replication = runs
        .iter()
        .map(|r| {
            let cents: i64 = r.iter().map(|m| m.total().cents()).sum();
            Money::from_cents(if r.is_empty() {
                0
            } else {
                (cents as f64 / r.len() as f64).round() as i64
            })
        })
        .collect();
    let costs = scenario
        .staffing
        .cost()
        .map(|staff| Costs::of(&staff, &runs, &credits));
    Ok(ScenarioCredits {
        currency: agreement.meta.currency.clone(),
        monthly_fee: agreement.meta.monthly_fee,
        months: counted
            .iter()
            .map(|&m| report.months[m].label.clone())
            .collect(),
        credits,
        availability: availability.map(|a| a.services).unwrap_or_default(),
        penalties: penalty_values(agreement),
        costs,
        per_replication,
        per_month: runs
            .iter()
            .map(|r| r.iter().map(MonthCredits::total).collect())
            .collect(),
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
