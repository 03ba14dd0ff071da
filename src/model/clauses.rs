//! Optional clauses that lawyers expect around the service levels: breach
//! notification, limitation of liability, security and backups, business
//! continuity, subcontracting and the order of precedence with the main
//! agreement. Each is absent from the agreement, and from its contract,
//! unless the agreement says something in it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::terms::Frequency;
use super::text::Text;
use super::units::{Duration, Money, TargetTime};

/// How the provider tells the customer that a service level has been, or
/// is about to be, missed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BreachNotification {
    /// Who at the provider sends the notice, e.g. "the Service Delivery
    /// Manager"; the provider itself when empty.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub from: Text,
    /// Who receives it, e.g. "the Customer's named support contacts".
    pub to: Text,
    /// How it is sent, e.g. "by e-mail and on the status page".
    pub means: Text,
    /// How soon after the provider becomes aware of the breach (`4h`, `1bd`).
    pub within: TargetTime,
    /// Whether the provider also gives notice as soon as it foresees that a
    /// service level will be missed, before the breach.
    #[serde(default)]
    pub anticipated: bool,
}

/// The limit of what each party owes the other for its failures.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Liability {
    /// The most a party owes in total for one contract year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<LiabilityCap>,
    /// Whether indirect losses (lost profit, lost business, lost goodwill)
    /// are excluded.
    #[serde(default)]
    pub indirect_excluded: bool,
    /// Cases the cap and the exclusion do not limit, e.g. "gross negligence
    /// or wilful misconduct".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uncapped: Vec<Text>,
}

impl Liability {
    /// Whether the clause says nothing.
    pub fn is_empty(&self) -> bool {
        self.cap.is_none() && !self.indirect_excluded && self.uncapped.is_empty()
    }
}

/// A liability cap.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum LiabilityCap {
    /// The fees paid or payable in this many months before the event that
    /// gives rise to the claim.
    MonthsOfFees(u32),
    /// A fixed amount in the agreement's currency.
    Amount(Money),
}

/// The longest fee period a liability cap may count, ten years: beyond it
/// a cap in months no longer limits anything.
pub const MAX_CAP_MONTHS: u32 = 120;

/// The provider's security measures and backups.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Security {
    /// The measures the provider maintains, each a sentence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<Text>,
    /// How the customer's data is backed up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup: Option<Backup>,
}

impl Security {
    /// Whether the clause says nothing.
    pub fn is_empty(&self) -> bool {
        self.measures.is_empty() && self.backup.is_none()
    }
}

/// Backups of the customer's data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Backup {
    /// How often a backup is taken (`24h`).
    pub every: Duration,
    /// How long each backup is kept (`30d`).
    pub retention: Duration,
    /// Where backups are kept, e.g. "in a second data centre in Paris".
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub location: Text,
    /// How often restoring a backup is tested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restore_test: Option<Frequency>,
}

/// Business continuity: how the service survives the loss of a site.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Continuity {
    /// The failover arrangement, e.g. "a standby environment in a second
    /// region, kept in sync".
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub failover: Text,
    /// How soon the service is restored after a disaster (recovery time
    /// objective).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery_time: Option<Duration>,
    /// How much recent data may be lost (recovery point objective).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery_point: Option<Duration>,
    /// How often the continuity plan is tested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test: Option<Frequency>,
}

impl Continuity {
    /// Whether the clause says nothing.
    pub fn is_empty(&self) -> bool {
        self.failover.is_blank()
            && self.recovery_time.is_none()
            && self.recovery_point.is_none()
            && self.test.is_none()
    }
}

/// Whether and how the provider may subcontract the services.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subcontracting {
    /// What the provider needs before using a new subcontractor.
    pub rule: SubcontractingRule,
    /// How long before a new subcontractor starts the provider tells the
    /// customer (with `rule: notice`; the customer may object in that time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<Duration>,
    /// Subcontractors the customer accepts by signing, e.g. "Scaleway SAS
    /// (hosting)".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub approved: Vec<Text>,
}

/// What the provider needs before subcontracting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SubcontractingRule {
    /// Nothing: the provider may subcontract freely.
    Free,
    /// Prior notice to the customer, who may object.
    Notice,
    /// The customer's prior written consent.
    Consent,
    /// Subcontracting is not allowed beyond the approved subcontractors.
    Forbidden,
}

/// How this agreement and the main agreement it supplements rank.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Precedence {
    /// The main agreement as the contract describes it (free text), e.g. "the master
    /// subscription agreement between Tallyloop Inc. and the Customer
    /// dated 1 March 2026".
    pub main_agreement: Text,
    /// The defined term the contract gives it, e.g. "Master Subscription
    /// Agreement"; "Main Agreement" (« Contrat principal ») when empty.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub term: Text,
    /// Which document prevails where they conflict.
    #[serde(default)]
    pub prevails: Prevailing,
    /// The matters on which it prevails, e.g. "service levels"; every
    /// matter when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matters: Vec<Text>,
}

/// The document that prevails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Prevailing {
    /// This agreement prevails over the main agreement.
    #[default]
    ThisAgreement,
    /// The main agreement prevails over this one.
    MainAgreement,
}
