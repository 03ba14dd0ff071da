//! The key figures of a simulation, read from what `pledge simulate
//! --format json` prints, for the internal edition's annex.
//!
//! Only a small documented subset is read, and unknown fields are ignored,
//! so the annex keeps working as the simulation report grows:
//!
//! ```json
//! { "seed": 7, "replications": 200, "months": 12,
//!   "objectives": [ { "plan": "premium", "priority": "P1", "metric": "first_response",
//!                     "objective": 95, "mean_compliance": 97.3,
//!                     "p_month_meets": 0.91, "expected_credits": 120.5 } ] }
//! ```
//!
//! Shares may be written as fractions (0.973) or percentages (97.3): a value
//! of at most 1 is taken as a fraction. `expected_credits` is an amount in
//! the agreement's currency per measurement period.

use serde::Deserialize;
use serde_json::{json, Value};

use crate::model::Agreement;

/// Why a simulation result could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("the simulation result is not readable: {0}")]
pub struct SimulationError(pub String);

/// The figures of one objective (plan × priority × metric).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ObjectiveFigures {
    /// The plan's identifier.
    #[serde(default)]
    pub plan: String,
    /// The priority's identifier.
    #[serde(default)]
    pub priority: String,
    /// The metric's key, e.g. `first_response`.
    #[serde(default)]
    pub metric: String,
    /// The contractual objective (share of tickets within target).
    #[serde(default)]
    pub objective: Option<f64>,
    /// The mean compliance over the simulated periods.
    #[serde(default, alias = "compliance_mean", alias = "mean")]
    pub mean_compliance: Option<f64>,
    /// The probability that a month meets the objective.
    #[serde(default, alias = "p_meets", alias = "probability_meets", alias = "p_period_meets")]
    pub p_month_meets: Option<f64>,
    /// The expected service credits per period, in the agreement's currency.
    #[serde(default, alias = "credits")]
    pub expected_credits: Option<f64>,
}

/// The part of a simulation report the annex prints.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Simulation {
    /// The master seed (so the run can be repeated).
    #[serde(default)]
    pub seed: Option<u64>,
    /// How many replications were run.
    #[serde(default)]
    pub replications: Option<u64>,
    /// The figures per objective.
    #[serde(default, alias = "targets", alias = "results")]
    pub objectives: Vec<ObjectiveFigures>,
}

fn share(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite()).map(|x| if x <= 1.0 { x * 100.0 } else { x })
}

impl Simulation {
    /// Reads the JSON text of a simulation result.
    pub fn from_json(text: &str) -> Result<Simulation, SimulationError> {
        serde_json::from_str(text).map_err(|e| SimulationError(e.to_string()))
    }

    /// The figures as the templates see them: shares in percent, names
    /// resolved against the agreement.
    pub fn to_context(&self, a: &Agreement) -> Value {
        json!({
            "seed": self.seed,
            "replications": self.replications,
            "objectives": self.objectives.iter().map(|o| json!({
                "plan": a.plan(&o.plan).map_or(o.plan.clone(), |p| p.name.clone()),
                "priority": o.priority,
                "priority_name": a.priority(&o.priority).map_or(o.priority.clone(), |p| p.name.clone()),
                "metric": o.metric,
                "objective": share(o.objective),
                "mean_compliance": share(o.mean_compliance),
                "p_month_meets": share(o.p_month_meets),
                "expected_credits": o.expected_credits.filter(|x| x.is_finite()).map(|x| (x * 100.0).round() as i64),
            })).collect::<Vec<_>>(),
        })
    }
}
