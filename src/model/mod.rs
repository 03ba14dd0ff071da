//! The agreement: everything a customer-support SLA says, as plain data.
//!
//! The model is what the YAML file format reads and writes, what the
//! validator checks, and what the clock, the simulation and the contract
//! document work on. References between parts (a target's plan, a plan's
//! calendar) are identifiers; [`check`](crate::check) verifies that each
//! names something that exists.
//!
//! What the contract prints in words is a [`Text`], a plain string in the
//! agreement's own language or a text per language: free text (definitions,
//! descriptions, list items) and names that are words (the title, the
//! names of services, plans, priorities, channels, teams, calendars and
//! holidays, OLA stages, closure reasons, signatories' titles, a notice
//! contact's name or function). What is an address or an identity stays a
//! plain string, is printed as written in every language and is never
//! warned about: identifiers, references, parties' legal names, addresses
//! and registration numbers, signatories' names, e-mail addresses, a
//! channel's contact (number, URL, address), time zones and currencies.

mod calendar;
mod clauses;
mod parties;
mod service;
mod support;
mod terms;
mod text;
mod units;
pub(crate) use units::group_thousands;

pub use calendar::{
    BusinessDayRule, Calendar, Closure, Holiday, HolidayRegion, HolidayRule, Holidays, Hours,
    WeeklyHours, DAY_KEYS,
};
pub use clauses::{
    Backup, BreachNotification, Continuity, Liability, LiabilityCap, Precedence, Prevailing,
    Security, Subcontracting, SubcontractingRule, MAX_CAP_MONTHS,
};
pub use parties::{Contact, Parties, Party, Signatory};
pub use service::{
    Availability, EmergencyMaintenance, Maintenance, MaintenanceWindow, MeasurementPeriod, Service,
};
pub use support::{
    AbandonedContacts, Channel, ChannelKind, ClockBasis, Escalation, EscalationLevel,
    EscalationWhen, Metric, MetricTarget, Ola, OlaServes, OlaStart, Plan, Priority, Target, Team,
};
pub use terms::{
    ChronicFailure, CreditBasis, CreditSchedule, CreditTier, Exclusion, ExclusionKind, Frequency,
    Penalty, PenaltyCap, PenaltyTerms, Reporting, Responsibilities, Revision, SteeringCommittee,
    Termination, DEFAULT_CURE_DAYS, MAX_CURE_DAYS,
};
pub use text::Text;
pub(crate) use text::TEXT_TOKEN;
pub use units::{
    Duration, Interval, LocalDateTime, Money, Percent, TargetTime, TimeOfDay, UnitError,
    PERCENT_PATTERN,
};

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Whether `id` is an identifier: one or more letters or digits (of any
/// script), hyphens, underscores or full stops, starting with a letter or a
/// digit.
///
/// Identifiers name the parts of an agreement that others refer to (plans,
/// priorities, calendars…). They are typed by people, compared as written
/// and also become the contract's clause anchors (`targets-premium`), so
/// they must be one visible word: no spaces, no punctuation that means
/// something in a link or a file name, no invisible characters. The
/// validator refuses any other identifier, and the contract's markup
/// accepts exactly these as clause anchors, so an agreement that validates
/// always exports.
pub fn is_identifier(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(char::is_alphanumeric)
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The version of the file format this Pledge reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// A customer-support service level agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// The file format version; this Pledge writes `1`.
    // The schema fixes it to the one version this Pledge reads, so that an
    // editor flags `pledge: 2` as the reader would.
    #[schemars(extend("const" = SCHEMA_VERSION))]
    pub pledge: u32,
    /// Title, reference, language, money, dates and law.
    pub meta: Meta,
    /// The provider and the customer.
    pub parties: Parties,
    /// The services in scope.
    pub services: Vec<Service>,
    /// Support channels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<Channel>,
    /// Support calendars.
    pub calendars: Vec<Calendar>,
    /// Customer plans or segments.
    pub plans: Vec<Plan>,
    /// Priority levels, most urgent first.
    pub priorities: Vec<Priority>,
    /// Targets per plan × priority (× channel).
    pub targets: Vec<Target>,
    /// Internal teams.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub teams: Vec<Team>,
    /// Operational level agreements between internal teams.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub olas: Vec<Ola>,
    /// Warnings and escalation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalation: Option<Escalation>,
    /// Obligations of each party.
    #[serde(default, skip_serializing_if = "Responsibilities::is_empty")]
    pub responsibilities: Responsibilities,
    /// Cases where the service levels do not apply.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclusions: Vec<Exclusion>,
    /// Service credit schedules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credits: Vec<CreditSchedule>,
    /// Other penalties.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub penalties: Vec<Penalty>,
    /// The overall cap of the penalties and their nature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub penalty_terms: Option<PenaltyTerms>,
    /// Reporting and governance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporting: Option<Reporting>,
    /// Review and change of the agreement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<Revision>,
    /// How the agreement ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub termination: Option<Termination>,
    /// How the provider tells the customer of a missed or foreseen breach
    /// of a service level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breach_notification: Option<BreachNotification>,
    /// The limitation of each party's liability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub liability: Option<Liability>,
    /// Security measures and backups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security: Option<Security>,
    /// Business continuity and failover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continuity: Option<Continuity>,
    /// Whether and how the provider may subcontract.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subcontracting: Option<Subcontracting>,
    /// How this agreement ranks against the main agreement it supplements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precedence: Option<Precedence>,
}

impl Agreement {
    /// A text of the agreement in its own language (`meta.language`), or
    /// the other language's when it has none: how simulation reports,
    /// history reports and scenario names print a name, whatever language
    /// a contract is exported in.
    pub fn own<'a>(&self, text: &'a Text) -> &'a str {
        text.get(self.meta.language, self.meta.language)
    }

    /// The calendar with this identifier.
    pub fn calendar(&self, id: &str) -> Option<&Calendar> {
        self.calendars.iter().find(|c| c.id == id)
    }
    /// The plan with this identifier.
    pub fn plan(&self, id: &str) -> Option<&Plan> {
        self.plans.iter().find(|p| p.id == id)
    }
    /// The priority with this identifier.
    pub fn priority(&self, id: &str) -> Option<&Priority> {
        self.priorities.iter().find(|p| p.id == id)
    }
    /// The target row serving a plan, priority and channel: the row naming
    /// the channel, else the plan and priority's row without one.
    pub fn target_row(&self, plan: &str, priority: &str, channel: Option<&str>) -> Option<usize> {
        let named = |t: &Target| t.plan == plan && t.priority == priority;
        self.targets
            .iter()
            .position(|t| named(t) && t.channel.is_some() && t.channel.as_deref() == channel)
            .or_else(|| {
                self.targets
                    .iter()
                    .position(|t| named(t) && t.channel.is_none())
            })
    }
    /// The calendar a target row counts on: its own, or its plan's.
    pub fn target_calendar(&self, target: &Target) -> Option<&Calendar> {
        let id = match &target.calendar {
            Some(id) => id.as_str(),
            None => self.plan(&target.plan)?.calendar.as_str(),
        };
        self.calendar(id)
    }
}

/// What the agreement is, in what language and money, from when, under
/// which law.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The agreement's title, e.g. "Service Level Agreement" (a text per
    /// language).
    pub title: Text,
    /// The provider's reference for it, e.g. "SLA-2026-014".
    pub reference: String,
    /// The version label printed on the contract, e.g. "1.2".
    pub version_label: String,
    /// The contract's language.
    pub language: Language,
    /// ISO 4217 currency code of amounts, e.g. `EUR`.
    pub currency: String,
    /// The monthly fee that service credits are a share of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_fee: Option<Money>,
    /// Whether amounts are stated before or after tax (HT / TTC).
    #[serde(default, skip_serializing_if = "TaxBasis::is_default")]
    pub amounts: TaxBasis,
    /// When the agreement takes effect.
    pub effective_date: NaiveDate,
    /// How long it runs and whether it renews.
    pub term: Term,
    /// The law that governs it, e.g. "French law".
    pub governing_law: Text,
    /// The courts with jurisdiction, e.g. "Tribunal de commerce de Lyon".
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub jurisdiction: Text,
    /// The SLA's shape.
    pub shape: Shape,
}

/// Whether the agreement's amounts include tax.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaxBasis {
    /// Amounts exclude tax (HT), the usual basis between businesses.
    #[default]
    ExcludingTax,
    /// Amounts include tax (TTC).
    IncludingTax,
}

impl TaxBasis {
    fn is_default(&self) -> bool {
        *self == TaxBasis::default()
    }
}

/// The language of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// English.
    En,
    /// French.
    Fr,
}

/// The shape of an SLA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// Terms specific to one customer or group of customers.
    CustomerBased,
    /// One service, the same terms for every customer.
    ServiceBased,
    /// Terms segmented by plan, region or channel.
    MultiLevel,
}

/// The agreement's duration and renewal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The initial term, in months.
    pub initial_months: u32,
    /// Whether the term renews by itself.
    #[serde(default)]
    pub renewal: Renewal,
    /// The length of each renewal, in months (defaults to the initial term).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewal_months: Option<u32>,
}

/// Whether the term renews.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Renewal {
    /// It ends at the end of the term unless the parties sign again.
    #[default]
    None,
    /// It renews for the renewal length unless a party gives notice.
    Automatic,
}
