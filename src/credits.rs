//! Service credits: what the agreement's credit schedules owe for one
//! month's measured levels, and their distribution over many months.
//!
//! The rules depend only on the agreement (`crate::model`): the simulation
//! applies them to simulated months (`sim::outcome`), and they apply the same
//! way to months measured on real tickets.
//!
//! # Rules
//!
//! - A schedule measures either a service's uptime or compliance with one
//!   support metric over the plans and priorities it names (all when it
//!   names none). Compliance is **pooled** over the covered rows: tickets
//!   that met the target over all covered tickets, the definition of the
//!   compliance rate. A month with no covered ticket (or no measured time)
//!   has no measure and owes nothing.
//! - A tier applies when the measure is strictly below its threshold; of the
//!   tiers that apply, the one with the lowest threshold decides. A measure
//!   equal to a threshold does not trigger that tier.
//! - The credit is the tier's share of the monthly fee, limited to the
//!   schedule's cap (itself a share of the fee). Schedules add up.
//! - Thresholds and shares are turned once into millionths of a percent and
//!   measures are kept as exact ratios, so a comparison at a tier's edge is
//!   exact, and amounts are whole cents (rounded half up) computed in
//!   integers: no floating-point drift.
//! - A period is *missed* for a schedule when any of its tiers applies. The
//!   chronic-failure right is triggered when `missed` periods occur in some
//!   `window` consecutive ones.

use serde::Serialize;

use crate::model::{
    Agreement, CreditBasis, CreditSchedule, Language, Metric, Money, Penalty, Percent,
};

/// Millionths of a percent in one percent.
const MICRO_PER_PERCENT: i128 = 1_000_000;

/// The denominator used when a measure comes as a fraction.
const FRACTION_SCALE: u64 = 1_000_000_000;

/// A measured level as an exact ratio: `achieved` out of `out_of` (tickets
/// that met the target out of all tickets, or seconds up out of seconds
/// measured).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Measured {
    /// The favourable part.
    pub achieved: u64,
    /// The whole; zero means nothing was measured.
    pub out_of: u64,
}

impl Measured {
    /// A ratio; `achieved` is limited to `out_of`.
    pub fn new(achieved: u64, out_of: u64) -> Self {
        Measured {
            achieved: achieved.min(out_of),
            out_of,
        }
    }

    /// A level given as a fraction of one (e.g. 0.953), kept to nine
    /// decimals; values outside [0, 1] are clamped, NaN counts as nothing
    /// measured.
    pub fn from_fraction(fraction: f64) -> Self {
        if fraction.is_nan() {
            return Measured {
                achieved: 0,
                out_of: 0,
            };
        }
        let achieved = (fraction.clamp(0.0, 1.0) * FRACTION_SCALE as f64).round() as u64;
        Measured::new(achieved, FRACTION_SCALE)
    }

    /// The level in percent, for display; `None` when nothing was measured.
    pub fn percent(&self) -> Option<f64> {
        (self.out_of > 0).then(|| self.achieved as f64 * 100.0 / self.out_of as f64)
    }

    /// Whether the level is strictly below `threshold`, exactly.
    fn below(&self, threshold: Micro) -> bool {
        // achieved / out_of · 100 < threshold / 1e6  ⇔  achieved · 1e8 < threshold · out_of
        i128::from(self.achieved) * 100 * MICRO_PER_PERCENT < threshold.0 * i128::from(self.out_of)
    }
}

/// A percentage in millionths of a percent, exact for any percentage
/// written with up to six decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Micro(i128);

impl Micro {
    fn of(percent: Percent) -> Micro {
        Micro((percent.value() * MICRO_PER_PERCENT as f64).round() as i128)
    }

    /// This share of `fee`, in whole cents rounded half up.
    fn share_of(self, fee: Money) -> Money {
        let scaled = i128::from(fee.cents()) * self.0;
        let denominator = 100 * MICRO_PER_PERCENT;
        let cents = (2 * scaled + denominator).div_euclid(2 * denominator);
        Money::from_cents(cents.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64)
    }
}

/// One month's compliance with one metric for one plan × priority (all
/// channels together): tickets that met the contractual target, out of the
/// tickets measured.
#[derive(Debug, Clone, PartialEq)]
pub struct ComplianceMeasure {
    /// The plan.
    pub plan: String,
    /// The priority.
    pub priority: String,
    /// The metric.
    pub metric: Metric,
    /// Tickets within the target, out of tickets measured.
    pub level: Measured,
}

/// One month's uptime of a service over its measured hours.
#[derive(Debug, Clone, PartialEq)]
pub struct UptimeMeasure {
    /// The service.
    pub service: String,
    /// Seconds up, out of seconds measured.
    pub level: Measured,
}

/// Everything measured in one month that a credit schedule can refer to.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MonthMeasures {
    /// Compliance per plan × priority × metric.
    pub compliance: Vec<ComplianceMeasure>,
    /// Uptime per service.
    pub uptime: Vec<UptimeMeasure>,
}

/// A credit tier with its threshold and share in exact form.
#[derive(Debug, Clone)]
struct Tier {
    below: Micro,
    credit: Micro,
}

/// A credit schedule prepared for repeated evaluation.
#[derive(Debug, Clone)]
struct Rule {
    id: String,
    basis: CreditBasis,
    tiers: Vec<Tier>,
    cap: Option<Micro>,
    chronic: Option<(u32, u32)>,
}

/// The agreement's credit schedules, prepared once and applied to many
/// months.
#[derive(Debug, Clone)]
pub struct CreditRules {
    rules: Vec<Rule>,
    fee: Option<Money>,
}

/// What one schedule owes for one month.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleCredit {
    /// The schedule's identifier.
    pub schedule: String,
    /// The measure the schedule looked at, if anything was measured.
    pub measure: Option<Measured>,
    /// The index of the deciding tier, if one applies.
    pub tier: Option<usize>,
    /// The credit as a share of the monthly fee, after the cap.
    pub share: Percent,
    /// The credit in the agreement's currency; `None` when the agreement
    /// gives no monthly fee.
    pub amount: Option<Money>,
    /// Whether the cap reduced the credit.
    pub capped: bool,
}

impl ScheduleCredit {
    /// Whether the period counts as missed for this schedule.
    pub fn missed(&self) -> bool {
        self.tier.is_some()
    }
}

/// What every schedule owes for one month.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthCredits {
    /// One entry per schedule, in the agreement's order.
    pub schedules: Vec<ScheduleCredit>,
}

impl MonthCredits {
    /// The sum of the schedules' amounts; zero without a monthly fee.
    pub fn total(&self) -> Money {
        Money::from_cents(
            self.schedules
                .iter()
                .filter_map(|s| s.amount)
                .map(|m| m.cents())
                .sum(),
        )
    }
}

impl CreditRules {
    /// Prepares the credit schedules of `agreement`.
    pub fn new(agreement: &Agreement) -> Self {
        CreditRules {
            rules: agreement.credits.iter().map(Rule::of).collect(),
            fee: agreement.meta.monthly_fee,
        }
    }

    /// Prepares the given schedules against a monthly fee.
    pub fn from_schedules(schedules: &[CreditSchedule], fee: Option<Money>) -> Self {
        CreditRules {
            rules: schedules.iter().map(Rule::of).collect(),
            fee,
        }
    }

    /// Whether there is no schedule.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The schedules' identifiers, in order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().map(|r| r.id.as_str())
    }

    /// The monthly fee the credits are shares of.
    pub fn fee(&self) -> Option<Money> {
        self.fee
    }

    /// Whether some schedule measures a service's uptime.
    pub fn measures_service(&self, service: &str) -> bool {
        self.rules
            .iter()
            .any(|r| matches!(&r.basis, CreditBasis::Availability { service: s } if s == service))
    }

    /// The credits owed for one month's measures.
    pub fn month(&self, measures: &MonthMeasures) -> MonthCredits {
        MonthCredits {
            schedules: self
                .rules
                .iter()
                .map(|r| r.apply(measures, self.fee))
                .collect(),
        }
    }
}

impl Rule {
    fn of(schedule: &CreditSchedule) -> Rule {
        Rule {
            id: schedule.id.clone(),
            basis: schedule.basis.clone(),
            tiers: schedule
                .tiers
                .iter()
                .map(|t| Tier {
                    below: Micro::of(t.below),
                    credit: Micro::of(t.credit),
                })
                .collect(),
            cap: schedule.cap.map(Micro::of),
            chronic: schedule
                .chronic_failure
                .as_ref()
                .map(|c| (c.missed, c.window)),
        }
    }

    fn measure(&self, measures: &MonthMeasures) -> Option<Measured> {
        let (achieved, out_of) = match &self.basis {
            CreditBasis::Availability { service } => measures
                .uptime
                .iter()
                .filter(|u| &u.service == service)
                .fold((0u64, 0u64), |(a, o), u| {
                    (a + u.level.achieved, o + u.level.out_of)
                }),
            CreditBasis::Compliance {
                metric,
                priorities,
                plans,
            } => measures
                .compliance
                .iter()
                .filter(|c| {
                    c.metric == *metric
                        && (priorities.is_empty() || priorities.contains(&c.priority))
                        && (plans.is_empty() || plans.contains(&c.plan))
                })
                .fold((0u64, 0u64), |(a, o), c| {
                    (a + c.level.achieved, o + c.level.out_of)
                }),
        };
        (out_of > 0).then(|| Measured::new(achieved, out_of))
    }

    fn apply(&self, measures: &MonthMeasures, fee: Option<Money>) -> ScheduleCredit {
        let measure = self.measure(measures);
        // The tiers need not be in order here (the validator asks for it, but
        // a draft may not be): the lowest threshold the measure is below wins.
        let tier = measure.and_then(|m| {
            self.tiers
                .iter()
                .enumerate()
                .filter(|(_, t)| m.below(t.below))
                .min_by_key(|(_, t)| t.below)
                .map(|(i, _)| i)
        });
        let raw = tier.map_or(Micro(0), |i| self.tiers[i].credit);
        let share = match self.cap {
            Some(cap) if raw > cap => cap,
            _ => raw,
        };
        ScheduleCredit {
            schedule: self.id.clone(),
            measure,
            tier,
            share: Percent::new(share.0 as f64 / MICRO_PER_PERCENT as f64),
            amount: fee.map(|f| share.share_of(f)),
            capped: share != raw,
        }
    }
}

/// A penalty valued per event, where the agreement gives an amount or a
/// share of the fee. Penalty triggers are free text, so the simulation does
/// not count events; the value per event is what can be computed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PenaltyValue {
    /// What triggers the penalty.
    pub trigger: String,
    /// The amount per event (or per unit named in `per`), if known.
    pub per_event: Option<Money>,
    /// Per what the penalty counts.
    pub per: String,
    /// The most the penalty can amount to.
    pub cap: Option<Money>,
}

/// The value per event of each of the agreement's penalties.
pub fn penalty_values(agreement: &Agreement) -> Vec<PenaltyValue> {
    agreement
        .penalties
        .iter()
        .map(|p| penalty_value(p, agreement.meta.monthly_fee, agreement.meta.language))
        .collect()
}

/// The value per event of one penalty: its fixed amount, else its share of
/// `fee`, limited to its cap; its words in `language`, the agreement's.
pub fn penalty_value(penalty: &Penalty, fee: Option<Money>, language: Language) -> PenaltyValue {
    let raw = penalty
        .amount
        .or_else(|| Some(Micro::of(penalty.share_of_fee?).share_of(fee?)));
    let per_event = match (raw, penalty.cap) {
        (Some(v), Some(cap)) => Some(v.min(cap)),
        (v, _) => v,
    };
    PenaltyValue {
        trigger: penalty.trigger.get(language, language).to_string(),
        per_event,
        per: penalty.per.get(language, language).to_string(),
        cap: penalty.cap,
    }
}

/// The chronic-failure estimate of one schedule.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ChronicEstimate {
    /// Missed periods that trigger the right.
    pub missed: u32,
    /// Out of how many consecutive periods.
    pub window: u32,
    /// The share of replications in which some window of their simulated
    /// months holds `missed` missed months; `None` when the runs are shorter
    /// than the window.
    pub simulated: Option<f64>,
    /// The probability that one window holds at least `missed` missed
    /// months if months were independent, each missed with the simulated
    /// probability (a binomial tail): available for any run length.
    pub independent_months: f64,
}

/// One schedule's credits over a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScheduleSummary {
    /// The schedule's identifier.
    pub schedule: String,
    /// The mean credit per month.
    pub expected: Option<Money>,
    /// The 95th percentile of the monthly credit.
    pub p95: Option<Money>,
    /// The share of months that owe a credit.
    pub p_credit: f64,
    /// The share of months missed (some tier applies).
    pub p_missed: f64,
    /// The chronic-failure estimate, when the schedule has that right.
    pub chronic: Option<ChronicEstimate>,
}

/// The credits of a run: each schedule, and all together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CreditSummary {
    /// Per schedule, in the agreement's order.
    pub schedules: Vec<ScheduleSummary>,
    /// The mean total credit per month.
    pub expected: Option<Money>,
    /// The 95th percentile of the total monthly credit.
    pub p95: Option<Money>,
    /// The share of months with a total credit above zero.
    pub p_credit: f64,
    /// Replication-months summarised.
    pub months: usize,
}

impl CreditRules {
    /// Summarises a run: `runs[r][m]` is the credits of month `m` of
    /// replication `r`, months in calendar order.
    pub fn summarise(&self, runs: &[Vec<MonthCredits>]) -> CreditSummary {
        let months: Vec<&MonthCredits> = runs.iter().flatten().collect();
        let n = months.len();
        let share = |count: usize| if n == 0 { 0.0 } else { count as f64 / n as f64 };
        let money = |cents: Vec<i64>| {
            self.fee
                .map(|_| (mean_cents(&cents), quantile_cents(cents, 0.95)))
        };
        let schedules = self
            .rules
            .iter()
            .enumerate()
            .map(|(i, rule)| {
                let amounts: Vec<i64> = months
                    .iter()
                    .map(|m| m.schedules[i].amount.map_or(0, |a| a.cents()))
                    .collect();
                let credited = months
                    .iter()
                    .filter(|m| m.schedules[i].share.value() > 0.0)
                    .count();
                let missed = months.iter().filter(|m| m.schedules[i].missed()).count();
                let p_missed = share(missed);
                let chronic = rule.chronic.map(|(k, w)| ChronicEstimate {
                    missed: k,
                    window: w,
                    simulated: chronic_share(runs, i, k, w),
                    independent_months: binomial_tail(w, k, p_missed),
                });
                let figures = money(amounts);
                ScheduleSummary {
                    schedule: rule.id.clone(),
                    expected: figures.map(|f| f.0),
                    p95: figures.map(|f| f.1),
                    p_credit: share(credited),
                    p_missed,
                    chronic,
                }
            })
            .collect();
        let totals: Vec<i64> = months.iter().map(|m| m.total().cents()).collect();
        let credited = months
            .iter()
            .filter(|m| m.schedules.iter().any(|s| s.share.value() > 0.0))
            .count();
        let figures = money(totals);
        CreditSummary {
            schedules,
            expected: figures.map(|f| f.0),
            p95: figures.map(|f| f.1),
            p_credit: share(credited),
            months: n,
        }
    }
}

/// The mean of amounts in cents, rounded half up to a cent.
pub(crate) fn mean_cents(cents: &[i64]) -> Money {
    if cents.is_empty() {
        return Money::from_cents(0);
    }
    let sum: i128 = cents.iter().map(|&c| i128::from(c)).sum();
    let n = cents.len() as i128;
    Money::from_cents((2 * sum + n).div_euclid(2 * n) as i64)
}

/// The `p` quantile by the nearest-rank rule: the smallest amount that at
/// least `p` of the months do not exceed. It is always an amount that some
/// month owes.
pub(crate) fn quantile_cents(mut cents: Vec<i64>, p: f64) -> Money {
    if cents.is_empty() {
        return Money::from_cents(0);
    }
    cents.sort_unstable();
    let rank = ((p * cents.len() as f64).ceil() as usize).clamp(1, cents.len());
    Money::from_cents(cents[rank - 1])
}

/// The share of replications with `missed` missed months in some window of
/// `window` consecutive months; `None` when no replication is that long.
fn chronic_share(
    runs: &[Vec<MonthCredits>],
    schedule: usize,
    missed: u32,
    window: u32,
) -> Option<f64> {
    let window = window.max(1) as usize;
    let long: Vec<&Vec<MonthCredits>> = runs.iter().filter(|r| r.len() >= window).collect();
    if long.is_empty() {
        return None;
    }
    let hit = long
        .iter()
        .filter(|run| {
            let flags: Vec<bool> = run.iter().map(|m| m.schedules[schedule].missed()).collect();
            flags
                .windows(window)
                .any(|w| w.iter().filter(|&&f| f).count() >= missed as usize)
        })
        .count();
    Some(hit as f64 / long.len() as f64)
}

/// P(X ≥ k) for X ~ Binomial(n, p).
fn binomial_tail(n: u32, k: u32, p: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if k > n {
        return 0.0;
    }
    let mut coefficient = 1.0f64;
    let mut below = 0.0;
    for j in 0..k {
        if j > 0 {
            coefficient *= f64::from(n - j + 1) / f64::from(j);
        }
        below += coefficient * p.powi(j as i32) * (1.0 - p).powi((n - j) as i32);
    }
    (1.0 - below).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ChronicFailure, CreditTier, Text};

    fn tiers(list: &[(f64, f64)]) -> Vec<CreditTier> {
        list.iter()
            .map(|&(b, c)| CreditTier {
                below: Percent::new(b),
                credit: Percent::new(c),
            })
            .collect()
    }

    fn availability(
        id: &str,
        service: &str,
        list: &[(f64, f64)],
        cap: Option<f64>,
    ) -> CreditSchedule {
        CreditSchedule {
            id: id.into(),
            basis: CreditBasis::Availability {
                service: service.into(),
            },
            tiers: tiers(list),
            cap: cap.map(Percent::new),
            claim_window: None,
            chronic_failure: None,
            exclusive_remedy: false,
        }
    }

    fn uptime(service: &str, up: u64, of: u64) -> UptimeMeasure {
        UptimeMeasure {
            service: service.into(),
            level: Measured::new(up, of),
        }
    }

    fn compliance(
        plan: &str,
        priority: &str,
        metric: Metric,
        met: u64,
        of: u64,
    ) -> ComplianceMeasure {
        ComplianceMeasure {
            plan: plan.into(),
            priority: priority.into(),
            metric,
            level: Measured::new(met, of),
        }
    }

    /// The French sample's availability schedule, on a fee of 1 250.00 EUR.
    fn servers() -> CreditRules {
        CreditRules::from_schedules(
            &[availability(
                "dispo",
                "serveurs",
                &[(99.5, 5.0), (99.0, 10.0), (97.0, 20.0)],
                Some(20.0),
            )],
            Some(Money::from_cents(125_000)),
        )
    }

    fn owed(rules: &CreditRules, measures: &MonthMeasures) -> Vec<i64> {
        rules
            .month(measures)
            .schedules
            .iter()
            .map(|s| s.amount.map_or(-1, |m| m.cents()))
            .collect()
    }

    #[test]
    fn tier_edges_are_exact() {
        let rules = servers();
        // 30 days = 2 592 000 s; 99.5 % of it is exactly 2 579 040 s.
        let month = 2_592_000;
        let at = |up| MonthMeasures {
            uptime: vec![uptime("serveurs", up, month)],
            ..Default::default()
        };
        // Exactly at 99.5 %: not below the threshold, nothing owed.
        assert_eq!(owed(&rules, &at(2_579_040)), [0]);
        // One second less: below 99.5 %, 5 % of 1 250.00 = 62.50.
        assert_eq!(owed(&rules, &at(2_579_039)), [6_250]);
        // Exactly 99 % (2 566 080 s): still the 5 % tier.
        assert_eq!(owed(&rules, &at(2_566_080)), [6_250]);
        assert_eq!(owed(&rules, &at(2_566_079)), [12_500]);
        // Below 97 %: 20 % = 250.00.
        assert_eq!(owed(&rules, &at(2_514_239)), [25_000]);
        // Nothing measured: nothing owed.
        assert_eq!(owed(&rules, &MonthMeasures::default()), [0]);
    }

    #[test]
    fn cap_limits_the_share_of_the_fee() {
        // 30 % below 90 %, capped at 12.5 %: 12.5 % of 999.99 = 124.99875 → 125.00.
        let rules = CreditRules::from_schedules(
            &[availability(
                "a",
                "s",
                &[(99.0, 10.0), (90.0, 30.0)],
                Some(12.5),
            )],
            Some(Money::from_cents(99_999)),
        );
        let month = MonthMeasures {
            uptime: vec![uptime("s", 80, 100)],
            ..Default::default()
        };
        let credit = &rules.month(&month).schedules[0];
        assert_eq!(credit.amount, Some(Money::from_cents(12_500)));
        assert!(credit.capped);
        assert_eq!(credit.share, Percent::new(12.5));
        assert_eq!(credit.tier, Some(1));
        // Below the cap the tier is paid in full: 10 % of 999.99 = 99.999 → 100.00.
        let month = MonthMeasures {
            uptime: vec![uptime("s", 95, 100)],
            ..Default::default()
        };
        let credit = &rules.month(&month).schedules[0];
        assert_eq!(credit.amount, Some(Money::from_cents(10_000)));
        assert!(!credit.capped);
    }

    #[test]
    fn several_schedules_select_their_basis_and_add_up() {
        // The French sample's shape: availability of `serveurs`, and first
        // response of P1 and P2 pooled over every plan.
        let rules = CreditRules::from_schedules(
            &[
                availability(
                    "dispo",
                    "serveurs",
                    &[(99.5, 5.0), (99.0, 10.0), (97.0, 20.0)],
                    Some(20.0),
                ),
                CreditSchedule {
                    id: "prise-en-charge".into(),
                    basis: CreditBasis::Compliance {
                        metric: Metric::FirstResponse,
                        priorities: vec!["P1".into(), "P2".into()],
                        plans: vec![],
                    },
                    tiers: tiers(&[(95.0, 3.0), (90.0, 5.0), (80.0, 10.0)]),
                    cap: Some(Percent::new(10.0)),
                    claim_window: None,
                    chronic_failure: None,
                    exclusive_remedy: true,
                },
            ],
            Some(Money::from_cents(125_000)),
        );
        let month = MonthMeasures {
            compliance: vec![
                // P1 + P2 first response pooled: (9 + 81) / (10 + 90) = 90 %, exactly at the
                // 90 % threshold, so the 3 % tier (below 95 %) applies: 37.50.
                compliance("standard", "P1", Metric::FirstResponse, 9, 10),
                compliance("standard", "P2", Metric::FirstResponse, 81, 90),
                // Not covered: another priority and another metric.
                compliance("standard", "P3", Metric::FirstResponse, 0, 50),
                compliance("standard", "P1", Metric::Resolution, 0, 10),
            ],
            // 98 % uptime of the servers: 10 % = 125.00; another service is ignored.
            uptime: vec![uptime("serveurs", 98, 100), uptime("postes", 0, 100)],
        };
        let credits = rules.month(&month);
        assert_eq!(owed(&rules, &month), [12_500, 3_750]);
        assert_eq!(credits.total(), Money::from_cents(16_250));
        assert_eq!(credits.schedules[1].measure, Some(Measured::new(90, 100)));
    }

    #[test]
    fn a_schedule_without_fee_gives_shares_but_no_amounts() {
        let rules =
            CreditRules::from_schedules(&[availability("a", "s", &[(99.0, 10.0)], None)], None);
        let month = MonthMeasures {
            uptime: vec![uptime("s", 1, 2)],
            ..Default::default()
        };
        let credit = &rules.month(&month).schedules[0];
        assert_eq!(credit.share, Percent::new(10.0));
        assert_eq!(credit.amount, None);
        assert_eq!(rules.summarise(&[vec![rules.month(&month)]]).expected, None);
    }

    #[test]
    fn summary_gives_mean_p95_and_chronic_failure() {
        let mut schedule = availability("a", "s", &[(99.0, 10.0)], None);
        schedule.chronic_failure = Some(ChronicFailure {
            missed: 2,
            window: 3,
        });
        let rules = CreditRules::from_schedules(&[schedule], Some(Money::from_cents(100_001)));
        let good = rules.month(&MonthMeasures {
            uptime: vec![uptime("s", 100, 100)],
            ..Default::default()
        });
        let bad = rules.month(&MonthMeasures {
            uptime: vec![uptime("s", 50, 100)],
            ..Default::default()
        });
        // 10 % of 1 000.01 = 100.001 → 100.00 per missed month.
        assert_eq!(bad.total(), Money::from_cents(10_000));
        // Replication 0: bad, good, bad → two missed in a window of three.
        // Replication 1: bad, good, good, good → never two in three.
        let runs = vec![
            vec![bad.clone(), good.clone(), bad.clone()],
            vec![bad.clone(), good.clone(), good.clone(), good.clone()],
        ];
        let summary = rules.summarise(&runs);
        // Three missed months out of seven: mean 300.00 / 7 = 42.857… → 42.86.
        assert_eq!(summary.expected, Some(Money::from_cents(4_286)));
        // Nearest rank: ceil(0.95 · 7) = 7th of the sorted amounts, 100.00.
        assert_eq!(summary.p95, Some(Money::from_cents(10_000)));
        assert!((summary.p_credit - 3.0 / 7.0).abs() < 1e-12);
        let chronic = summary.schedules[0]
            .chronic
            .expect("the schedule has a chronic-failure right");
        assert_eq!(chronic.simulated, Some(0.5));
        // P(at least 2 of 3) with p = 3/7: 3p²(1 - p) + p³.
        let p: f64 = 3.0 / 7.0;
        assert!((chronic.independent_months - (3.0 * p * p * (1.0 - p) + p.powi(3))).abs() < 1e-12);
        // Runs shorter than the window give no simulated figure.
        assert_eq!(
            rules.summarise(&[vec![bad.clone(), bad]]).schedules[0]
                .chronic
                .unwrap()
                .simulated,
            None
        );
    }

    #[test]
    fn fractions_and_penalties() {
        assert!(Measured::from_fraction(0.95).below(Micro::of(Percent::new(95.000001))));
        assert!(!Measured::from_fraction(0.95).below(Micro::of(Percent::new(95.0))));
        assert_eq!(Measured::from_fraction(f64::NAN).percent(), None);
        let fee = Some(Money::from_cents(125_000));
        let by_share = Penalty {
            trigger: "t".into(),
            amount: None,
            share_of_fee: Some(Percent::new(15.0)),
            per: Text::default(),
            cap: None,
        };
        assert_eq!(
            penalty_value(&by_share, fee, Language::En).per_event,
            Some(Money::from_cents(18_750))
        );
        assert_eq!(penalty_value(&by_share, None, Language::En).per_event, None);
        let fixed = Penalty {
            amount: Some(Money::from_cents(7_500)),
            cap: Some(Money::from_cents(5_000)),
            ..by_share
        };
        assert_eq!(
            penalty_value(&fixed, fee, Language::En).per_event,
            Some(Money::from_cents(5_000))
        );
    }
}
