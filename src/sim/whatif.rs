//! What-if: two simulated runs side by side, objective by objective, with
//! their difference and whether it is larger than the simulation's noise.
//!
//! **Paired by common random numbers.** Both runs use the same master seed
//! and replication count, so replication `r` of each draws from the same
//! stream (`run::replication_rng(seed, r)`): arrivals, work and patience
//! start from the same numbers, and what differs between the two runs is
//! mostly what differs between the scenarios. The difference of a figure is
//! therefore estimated from the replication-by-replication differences, a
//! paired Student-t interval at 95 %: its spread is that of the
//! *difference*, far smaller than the spread of either run, so a small
//! change is detectable with few replications. A scenario compared with
//! itself gives the same numbers in every replication: a difference of
//! exactly zero.
//!
//! A difference is **significant** when its 95 % interval excludes zero;
//! with every paired difference equal (no spread), when it is not zero.
//!
//! Figures compared, per objective present in both runs (matched by plan,
//! priority, channel and metric): compliance over the measured window, and
//! the share of months meeting the objective. For the whole run: the mean
//! monthly service credits, staff cost per month (fixed by the staffing,
//! no noise) and the total cost (staff + expected credits).

use serde::Serialize;

use super::outcome::CreditedRun;
use super::report::ObjectiveResult;
use super::stats::Estimate;
use crate::model::{Metric, Money};

/// The confidence of the paired intervals.
pub const CONFIDENCE: f64 = 0.95;

/// Why two runs cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WhatIfError {
    /// Different replication counts or seeds: the replications are not
    /// paired.
    #[error("the runs are not paired: {base} against {other}; run both with the same --replications and --seed")]
    NotPaired {
        /// The base run's replications and seed.
        base: String,
        /// The other's.
        other: String,
    },
    /// The agreements use different currencies: their money cannot be
    /// subtracted.
    #[error("the agreements' currencies differ ({base} and {other}): their credits and costs cannot be compared")]
    Currency {
        /// The base's currency.
        base: String,
        /// The other's.
        other: String,
    },
}

/// A figure of the two runs and their paired difference (other − base).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Difference {
    /// The base run's mean.
    pub base: f64,
    /// The other run's mean.
    pub other: f64,
    /// The mean of the paired differences (other − base).
    pub difference: f64,
    /// The lower end of its 95 % interval.
    pub low: f64,
    /// The upper end.
    pub high: f64,
    /// Whether the interval excludes zero.
    pub significant: bool,
}

impl Difference {
    /// The difference of per-replication values `base[r]` and `other[r]`.
    /// Both have one value per replication, in the same order.
    pub fn paired(base: &[f64], other: &[f64]) -> Difference {
        let diffs: Vec<f64> = base.iter().zip(other).map(|(b, o)| o - b).collect();
        let d = Estimate::from_replications(&diffs, CONFIDENCE);
        let mean = |v: &[f64]| {
            if v.is_empty() {
                0.0
            } else {
                v.iter().sum::<f64>() / v.len() as f64
            }
        };
        let significant = if d.std_dev > 0.0 && d.replications >= 2 {
            d.low() > 0.0 || d.high() < 0.0
        } else {
            d.mean != 0.0
        };
        Difference {
            base: mean(base),
            other: mean(other),
            difference: d.mean,
            low: d.low(),
            high: d.high(),
            significant,
        }
    }
}

/// One objective in both runs.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ObjectiveDifference {
    /// The plan.
    pub plan: String,
    /// The priority.
    pub priority: String,
    /// The row's channel, if it names one.
    pub channel: Option<String>,
    /// The metric.
    pub metric: Metric,
    /// The base's target, as written.
    pub within_base: String,
    /// The other's.
    pub within_other: String,
    /// Compliance over the measured window (fractions).
    pub compliance: Difference,
    /// The share of months meeting the objective (fractions); none when
    /// the row has no objective in one of the runs.
    pub p_meets: Option<Difference>,
}

/// Money of the two runs and their difference.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct MoneyDifference {
    /// The currency.
    pub currency: String,
    /// Mean monthly credits.
    pub credits: Difference,
    /// Staff cost per month of each run, when both staffings have a cost
    /// (fixed: no noise).
    pub staff: Option<(Money, Money)>,
    /// Staff cost plus credits, per month, when both have a staff cost.
    pub total: Option<Difference>,
}

/// Two runs compared.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct WhatIf {
    /// The base run's scenario name.
    pub base: String,
    /// The other run's scenario name.
    pub other: String,
    /// Paired replications.
    pub replications: u32,
    /// Their master seed.
    pub seed: u64,
    /// The objectives both runs measure, in the base's order.
    pub objectives: Vec<ObjectiveDifference>,
    /// Objectives only one run measures (`plan/priority[/channel]/metric`).
    pub unmatched: Vec<String>,
    /// Credits and costs.
    pub money: MoneyDifference,
}

impl WhatIf {
    /// The number of figures whose difference is significant.
    pub fn significant(&self) -> usize {
        let o = self
            .objectives
            .iter()
            .map(|o| {
                usize::from(o.compliance.significant)
                    + usize::from(o.p_meets.is_some_and(|p| p.significant))
            })
            .sum::<usize>();
        o + usize::from(self.money.credits.significant)
            + usize::from(self.money.total.is_some_and(|t| t.significant))
    }
}

fn key(o: &ObjectiveResult) -> (String, String, Option<String>, Metric) {
    (
        o.plan.clone(),
        o.priority.clone(),
        o.channel.clone(),
        o.metric,
    )
}

fn name(o: &ObjectiveResult) -> String {
    let mut parts = vec![o.plan.as_str(), o.priority.as_str()];
    if let Some(c) = &o.channel {
        parts.push(c);
    }
    parts.push(o.metric.key());
    parts.join("/")
}

/// Per replication: compliance over the window (met over measured, all
/// months together; 1 when nothing was measured) and the share of months
/// meeting the objective.
fn per_replication(o: &ObjectiveResult, replications: usize) -> (Vec<f64>, Option<Vec<f64>>) {
    let months = o
        .monthly_counts
        .len()
        .checked_div(replications)
        .unwrap_or(0);
    let mut compliance = Vec::with_capacity(replications);
    let mut meets = Vec::with_capacity(replications);
    for r in 0..replications {
        let counts = &o.monthly_counts[r * months..(r + 1) * months];
        let (met, tickets) = counts
            .iter()
            .fold((0u64, 0u64), |(m, t), c| (m + c.met, t + c.tickets));
        compliance.push(if tickets == 0 {
            1.0
        } else {
            met as f64 / tickets as f64
        });
        if let Some(objective) = o.objective {
            let goal = objective.value() / 100.0;
            let hit = counts
                .iter()
                .filter(|c| c.compliance() + 1e-12 >= goal)
                .count();
            meets.push(if months == 0 {
                1.0
            } else {
                hit as f64 / months as f64
            });
        }
    }
    (compliance, o.objective.map(|_| meets))
}

/// Compares `other` with `base`, run with the same replications and seed.
pub fn compare(base: &CreditedRun, other: &CreditedRun) -> Result<WhatIf, WhatIfError> {
    let (b, o) = (&base.report, &other.report);
    if b.replications != o.replications || b.seed != o.seed {
        return Err(WhatIfError::NotPaired {
            base: format!("{} replications, seed {}", b.replications, b.seed),
            other: format!("{} replications, seed {}", o.replications, o.seed),
        });
    }
    if base.credits.currency != other.credits.currency {
        return Err(WhatIfError::Currency {
            base: base.credits.currency.clone(),
            other: other.credits.currency.clone(),
        });
    }
    let n = b.replications as usize;
    let mut objectives = Vec::new();
    let mut unmatched = Vec::new();
    for ob in &b.objectives {
        let Some(oo) = o.objectives.iter().find(|x| key(x) == key(ob)) else {
            unmatched.push(name(ob));
            continue;
        };
        let (cb, mb) = per_replication(ob, n);
        let (co, mo) = per_replication(oo, n);
        objectives.push(ObjectiveDifference {
            plan: ob.plan.clone(),
            priority: ob.priority.clone(),
            channel: ob.channel.clone(),
            metric: ob.metric,
            within_base: ob.within.clone(),
            within_other: oo.within.clone(),
            compliance: Difference::paired(&cb, &co),
            p_meets: mb.zip(mo).map(|(mb, mo)| Difference::paired(&mb, &mo)),
        });
    }
    for oo in &o.objectives {
        if !b.objectives.iter().any(|x| key(x) == key(oo)) {
            unmatched.push(name(oo));
        }
    }
    let credits_b = to_units(&base.credits.per_replication);
    let credits_o = to_units(&other.credits.per_replication);
    let staff = base
        .credits
        .costs
        .as_ref()
        .zip(other.credits.costs.as_ref())
        .map(|(cb, co)| (cb.staff_per_month, co.staff_per_month));
    let total = staff.map(|(sb, so)| {
        let add = |credits: &[f64], staff: Money| {
            credits
                .iter()
                .map(|c| c + staff.cents() as f64 / 100.0)
                .collect::<Vec<f64>>()
        };
        Difference::paired(&add(&credits_b, sb), &add(&credits_o, so))
    });
    Ok(WhatIf {
        base: b.scenario.clone(),
        other: o.scenario.clone(),
        replications: b.replications,
        seed: b.seed,
        objectives,
        unmatched,
        money: MoneyDifference {
            currency: base.credits.currency.clone(),
            credits: Difference::paired(&credits_b, &credits_o),
            staff,
            total,
        },
    })
}

fn to_units(amounts: &[Money]) -> Vec<f64> {
    amounts.iter().map(|m| m.cents() as f64 / 100.0).collect()
}
