//! The key figures of a simulation, read from what `pledge simulate
//! --format json` prints (`sim::report::SimReport`), for the internal
//! edition's annex.
//!
//! Only a small documented subset is read, and unknown fields are ignored,
//! so the annex keeps working as the simulation report grows:
//!
//! ```json
//! { "seed": 7, "replications": 200,
//!   "objectives": [ { "plan": "premium", "priority": "P1", "channel": null,
//!                     "metric": "first_response", "within": "1h", "objective": "95%",
//!                     "compliance": { "mean": 0.973 }, "p_meets": 0.91,
//!                     "expected_credits": 120.5 } ] }
//! ```
//!
//! `objective` may be `"95%"` or a number; `compliance` may be the report's
//! summary object (its `mean` is read) or a number (`mean_compliance` is
//! accepted too); `p_meets` may be named `p_month_meets`. Shares may be
//! fractions (0.973) or percentages (97.3): a value of at most 1 is taken
//! as a fraction. `expected_credits`, when present, is an amount in the
//! agreement's currency per measurement period.

use crate::error::ErrorCode;
use serde_json::{json, Value};

use super::names;
use crate::doc::tree::Lang;
use crate::model::Agreement;

/// Why a simulation result could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("the simulation result is not readable: {0}")]
pub struct SimulationError(pub String);

impl SimulationError {
    /// Always `invalid-value`: the report given is not one Pledge wrote.
    pub fn code(&self) -> ErrorCode {
        ErrorCode::InvalidValue
    }
}

/// The figures of one objective (plan × priority × metric).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ObjectiveFigures {
    /// The plan's identifier.
    pub plan: String,
    /// The priority's identifier.
    pub priority: String,
    /// The channel of the target row, if it names one.
    pub channel: Option<String>,
    /// The metric's key, e.g. `first_response`.
    pub metric: String,
    /// The contractual time as written (`4h`, `3bd`).
    pub within: Option<String>,
    /// The contractual objective (share of tickets within target).
    pub objective: Option<f64>,
    /// The mean compliance over the simulated periods.
    pub mean_compliance: Option<f64>,
    /// The probability that a month meets the objective.
    pub p_month_meets: Option<f64>,
    /// The expected service credits per period, in the agreement's currency.
    pub expected_credits: Option<f64>,
}

/// The part of a simulation report the annex prints.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Simulation {
    /// The master seed (so the run can be repeated).
    pub seed: Option<u64>,
    /// How many replications were run.
    pub replications: Option<u64>,
    /// The figures per objective.
    pub objectives: Vec<ObjectiveFigures>,
}

fn number(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().trim_end_matches('%').trim().parse().ok(),
        Value::Object(o) => number(o.get("mean")),
        _ => None,
    }
}

fn text(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str).map(str::to_string)
}

fn share(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite())
        .map(|x| if x <= 1.0 { x * 100.0 } else { x })
}

impl Simulation {
    /// Reads the JSON text of a simulation result.
    pub fn from_json(input: &str) -> Result<Simulation, SimulationError> {
        let v: Value = serde_json::from_str(input).map_err(|e| SimulationError(e.to_string()))?;
        let Some(root) = v.as_object() else {
            return Err(SimulationError("the result is not a JSON object".into()));
        };
        let list = root
            .get("objectives")
            .and_then(Value::as_array)
            .ok_or_else(|| SimulationError("there is no `objectives` list".into()))?;
        let objectives = list
            .iter()
            .map(|o| ObjectiveFigures {
                plan: text(o.get("plan")).unwrap_or_default(),
                priority: text(o.get("priority")).unwrap_or_default(),
                channel: text(o.get("channel")),
                metric: text(o.get("metric")).unwrap_or_default(),
                within: text(o.get("within")),
                objective: number(o.get("objective")),
                mean_compliance: number(o.get("compliance").or_else(|| o.get("mean_compliance"))),
                p_month_meets: number(o.get("p_meets").or_else(|| o.get("p_month_meets"))),
                expected_credits: number(o.get("expected_credits")),
            })
            .collect();
        Ok(Simulation {
            seed: root.get("seed").and_then(Value::as_u64),
            replications: root.get("replications").and_then(Value::as_u64),
            objectives,
        })
    }

    /// The figures as the templates see them: shares in percent, names
    /// resolved against the agreement.
    pub fn to_context(&self, a: &Agreement, lang: Lang) -> Value {
        json!({
            "seed": self.seed,
            "replications": self.replications,
            "has_credits": self.objectives.iter().any(|o| o.expected_credits.is_some()),
            "objectives": self.objectives.iter().map(|o| json!({
                "plan": names::plan_name(a, &o.plan, lang),
                "priority": o.priority,
                "priority_name": names::priority_name(a, &o.priority, lang),
                "metric": o.metric,
                "channel": o.channel.as_ref().map(|c| names::channel_name(a, c, lang)),
                "within": o.within,
                "objective": share(o.objective),
                "mean_compliance": share(o.mean_compliance),
                "p_month_meets": share(o.p_month_meets),
                "expected_credits": o.expected_credits.filter(|x| x.is_finite()).map(|x| (x * 100.0).round() as i64),
            })).collect::<Vec<_>>(),
        })
    }
}
