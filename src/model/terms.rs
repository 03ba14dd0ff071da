//! Contract terms around the service levels: responsibilities, exclusions,
//! service credits and penalties, reporting, revision and termination.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::support::Metric;
use super::text::Text;
use super::units::{Duration, Money, Percent, TargetTime};

/// What each party undertakes to do: each obligation a free text (a plain
/// string or a text per language).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Responsibilities {
    /// The provider's obligations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provider: Vec<Text>,
    /// The customer's obligations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub customer: Vec<Text>,
}

impl Responsibilities {
    /// Whether neither party has an obligation listed.
    pub fn is_empty(&self) -> bool {
        self.provider.is_empty() && self.customer.is_empty()
    }
}

/// A case in which the service levels do not apply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    /// The kind of exclusion.
    pub kind: ExclusionKind,
    /// The wording, when the template's standard wording is not enough.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub description: Text,
}

/// Kinds of exclusion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExclusionKind {
    /// Events beyond the provider's reasonable control.
    ForceMajeure,
    /// The customer did not follow the recommended configuration or its
    /// obligations.
    CustomerNonCompliance,
    /// Announced planned maintenance.
    PlannedMaintenance,
    /// Failures of third parties the provider does not control.
    ThirdParty,
    /// Features announced as beta or preview.
    PreviewFeatures,
    /// Misuse or unauthorised changes by the customer.
    CustomerMisuse,
    /// Anything else, described in `description`.
    Other,
}

/// What a credit schedule measures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum CreditBasis {
    /// Measured uptime of a service.
    Availability {
        /// The service.
        service: String,
    },
    /// Measured compliance with a support target.
    Compliance {
        /// The metric.
        metric: Metric,
        /// The priorities it covers; all when empty.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        priorities: Vec<String>,
        /// The plans it covers; all when empty.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        plans: Vec<String>,
    },
}

/// Service credits owed when a measured level falls below thresholds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CreditSchedule {
    /// The identifier.
    pub id: String,
    /// What is measured.
    pub basis: CreditBasis,
    /// The tiers: the credit owed when the measure falls below each
    /// threshold. The lowest threshold met decides.
    pub tiers: Vec<CreditTier>,
    /// The most credit owed for one measurement period, as a share of the
    /// monthly fee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<Percent>,
    /// How long after the period the customer may claim the credit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_window: Option<Duration>,
    /// The customer's right to terminate when the level is missed repeatedly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chronic_failure: Option<ChronicFailure>,
    /// Whether credits are the customer's sole and exclusive remedy for a
    /// missed level.
    #[serde(default)]
    pub exclusive_remedy: bool,
}

/// One tier: below `below`, `credit` of the monthly fee is owed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CreditTier {
    /// The threshold: the tier applies when the measure is below it.
    pub below: Percent,
    /// The credit, as a share of the monthly fee.
    pub credit: Percent,
}

/// A termination right for repeated failure: `missed` periods out of any
/// `window` consecutive ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChronicFailure {
    /// How many missed periods.
    pub missed: u32,
    /// Out of how many consecutive periods.
    pub window: u32,
}

/// A penalty other than a service credit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Penalty {
    /// What triggers the penalty.
    pub trigger: Text,
    /// A fixed amount, in the agreement's currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// Or a share of the monthly fee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_of_fee: Option<Percent>,
    /// Per what the penalty is counted, e.g. "per day of delay".
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub per: Text,
    /// The most the penalty can amount to over the agreement's term.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<Money>,
}

/// The cure period of a termination for cause when the agreement gives
/// none: thirty days, the usual period in both English and French practice.
pub const DEFAULT_CURE_DAYS: u32 = 30;

/// The longest cure period the validator accepts: beyond six months a
/// termination for cause is no longer a remedy.
pub const MAX_CURE_DAYS: u32 = 180;

fn default_cure_days() -> u32 {
    DEFAULT_CURE_DAYS
}

fn is_default_cure_days(days: &u32) -> bool {
    *days == DEFAULT_CURE_DAYS
}

/// What holds for all penalties together: their overall cap and whether
/// they are liquidated damages that settle the failure they sanction.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PenaltyTerms {
    /// The most all penalties together can amount to for one calendar month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<PenaltyCap>,
    /// Whether each penalty is liquidated damages and the customer's sole
    /// and exclusive remedy for the service-level failure that triggers it
    /// (« pénalités forfaitaires et libératoires »); other breaches keep
    /// every remedy.
    #[serde(default)]
    pub exclusive_remedy: bool,
}

/// An overall cap on penalties for one calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum PenaltyCap {
    /// A share of the monthly fee.
    ShareOfFee(Percent),
    /// An amount in the agreement's currency.
    Amount(Money),
}

/// How often something happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every week.
    Weekly,
    /// Every month.
    Monthly,
    /// Every quarter.
    Quarterly,
    /// Twice a year.
    HalfYearly,
    /// Every year.
    Yearly,
}

/// Service reports and governance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reporting {
    /// How often the provider reports.
    pub frequency: Frequency,
    /// How long after the period's end the report is delivered (`10bd`:
    /// ten business days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_within: Option<TargetTime>,
    /// What the report contains.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub content: Vec<Text>,
    /// Whether each breach gets its own report with causes and actions.
    #[serde(default)]
    pub breach_reports: bool,
    /// The steering committee, if there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steering_committee: Option<SteeringCommittee>,
}

/// A governance body that reviews the service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SteeringCommittee {
    /// How often it meets.
    pub frequency: Frequency,
    /// Who sits on it (roles).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<Text>,
}

/// How the agreement is reviewed and changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// How often the parties review the service levels.
    pub review: Frequency,
    /// How much notice a proposed change needs.
    pub notice: TargetTime,
    /// How changes are agreed, in words.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub procedure: Text,
}

/// How the agreement ends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Termination {
    /// Notice needed to terminate at the end of a term.
    pub notice: Duration,
    /// Whether either party may terminate without cause, with notice.
    #[serde(default)]
    pub for_convenience: bool,
    /// The breaches for which the party not in breach may terminate: each
    /// a breach by the other party, which has `cure_days` to remedy it
    /// after written notice (a breach that cannot be remedied needs none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub for_cause: Vec<Text>,
    /// How many days the party in breach has to remedy it after the other
    /// party's written notice before the agreement can be terminated for
    /// cause; [`DEFAULT_CURE_DAYS`] when absent, at most [`MAX_CURE_DAYS`].
    #[serde(
        default = "default_cure_days",
        skip_serializing_if = "is_default_cure_days"
    )]
    #[schemars(range(min = 1, max = 180))]
    pub cure_days: u32,
    /// What happens on termination (data return, transition help…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub effects: Vec<Text>,
}
