//! Support itself: channels, customer plans, priorities, response and
//! resolution targets, internal teams and their OLAs, escalation.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::text::Text;
use super::units::{Duration, Percent, TargetTime};

/// A way for the customer to reach support.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    /// The identifier other parts refer to.
    pub id: String,
    /// What kind of channel it is.
    pub kind: ChannelKind,
    /// A name for the contract, e.g. "Support portal" (a word, so a text
    /// per language); defaults to the kind's name in the contract's
    /// language.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub name: Text,
    /// The address, number or URL customers use: an address, the same in
    /// every language, so a plain string that never warns.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contact: String,
    /// On a live channel (phone, chat): how a contact the customer
    /// abandons before an agent answers it counts against the first
    /// response target; `excluded` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abandoned: Option<AbandonedContacts>,
}

impl Channel {
    /// Whether customers wait on the line for an answer (phone, chat),
    /// so that they can give up before one.
    pub fn is_live(&self) -> bool {
        matches!(self.kind, ChannelKind::Phone | ChannelKind::Chat)
    }

    /// How abandoned contacts count on this channel (`excluded` unless
    /// the agreement says otherwise).
    pub fn abandoned_rule(&self) -> AbandonedContacts {
        self.abandoned.unwrap_or_default()
    }
}

/// How a contact the customer abandons before an agent answers it counts
/// against the channel's targets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AbandonedContacts {
    /// Not measured: an abandoned contact counts neither as met nor as
    /// missed (the usual rule for calls and chats).
    #[default]
    Excluded,
    /// Measured as a breach of every target it had not met yet.
    Breach,
}

/// Kinds of support channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    /// E-mail.
    Email,
    /// Telephone.
    Phone,
    /// Live chat.
    Chat,
    /// A web portal or ticket form.
    Portal,
}

/// A customer plan or segment (Standard, Premium, VIP…). An agreement with a
/// single level of service has one plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The identifier other parts refer to.
    pub id: String,
    /// The plan's name as the contract prints it, e.g. "Premium" (a text
    /// per language).
    pub name: Text,
    /// What the plan offers, in a sentence.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub description: Text,
    /// The calendar giving this plan's support hours.
    pub calendar: String,
    /// The channels open to this plan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<String>,
}

/// A priority level with its definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Priority {
    /// The identifier, e.g. `P1`.
    pub id: String,
    /// The level's name, e.g. "Critical" (a text per language).
    pub name: Text,
    /// When a request has this priority, in words the contract prints.
    pub definition: Text,
    /// Examples of requests at this level.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Text>,
}

/// Which clock a target counts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClockBasis {
    /// Only the opening hours of the calendar count.
    #[default]
    Business,
    /// Every hour counts, around the clock.
    Calendar,
}

/// The targets of one plan × priority (× channel) row. A row that names a
/// channel applies to that channel and takes precedence over the plan's row
/// without a channel, which applies to every other channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// The plan the row applies to.
    pub plan: String,
    /// The priority the row applies to.
    pub priority: String,
    /// The channel the row applies to; all the plan's channels when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// Whether the row's targets count business hours or calendar hours.
    #[serde(default)]
    pub hours: ClockBasis,
    /// The calendar whose hours count; the plan's calendar when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    /// The share of tickets in a measurement period that must meet each
    /// target, e.g. `95%`.
    pub objective: Percent,
    /// Whether the clocks stop while the provider waits for the customer
    /// (the ticket is pending); the usual rule, so on unless said otherwise.
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub pause_when_pending: bool,
    /// Time to the first reply by an agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_response: Option<MetricTarget>,
    /// Longest time between later replies to the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_response: Option<MetricTarget>,
    /// How often the customer gets a status update while the ticket is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub periodic_update: Option<MetricTarget>,
    /// Time to resolution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<MetricTarget>,
}

fn yes() -> bool {
    true
}

fn is_yes(value: &bool) -> bool {
    *value
}

impl Target {
    /// The row's metrics that are given, in contract order.
    pub fn metrics(&self) -> impl Iterator<Item = (Metric, &MetricTarget)> {
        [
            (Metric::FirstResponse, &self.first_response),
            (Metric::NextResponse, &self.next_response),
            (Metric::PeriodicUpdate, &self.periodic_update),
            (Metric::Resolution, &self.resolution),
        ]
        .into_iter()
        .filter_map(|(m, t)| t.as_ref().map(|t| (m, t)))
    }

    /// The target for one metric, if the row gives it.
    pub fn metric(&self, metric: Metric) -> Option<&MetricTarget> {
        match metric {
            Metric::FirstResponse => self.first_response.as_ref(),
            Metric::NextResponse => self.next_response.as_ref(),
            Metric::PeriodicUpdate => self.periodic_update.as_ref(),
            Metric::Resolution => self.resolution.as_ref(),
        }
    }
}

/// The time measures a target can bound.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// First response.
    FirstResponse,
    /// Next response.
    NextResponse,
    /// Periodic status update.
    PeriodicUpdate,
    /// Resolution.
    Resolution,
}

impl Metric {
    /// The field name used in files.
    pub fn key(self) -> &'static str {
        match self {
            Metric::FirstResponse => "first_response",
            Metric::NextResponse => "next_response",
            Metric::PeriodicUpdate => "periodic_update",
            Metric::Resolution => "resolution",
        }
    }

    /// The metric in plain English words, for reports: `first response`.
    pub fn words(self) -> &'static str {
        match self {
            Metric::FirstResponse => "first response",
            Metric::NextResponse => "next response",
            Metric::PeriodicUpdate => "periodic update",
            Metric::Resolution => "resolution",
        }
    }
}

/// One target: the contractual time, an optional stricter internal time,
/// and optionally its own clock or objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MetricTarget {
    /// The contractual time.
    pub within: TargetTime,
    /// The stricter time the provider aims for internally (not in the
    /// client contract).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal: Option<TargetTime>,
    /// Overrides the row's objective for this metric.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<Percent>,
    /// Overrides the row's clock for this metric.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<ClockBasis>,
}

/// An internal team that works tickets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// The identifier other parts refer to.
    pub id: String,
    /// The team's name, e.g. "L1 service desk" (a text per language).
    pub name: Text,
    /// What the team does.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub description: Text,
}

/// An operational level agreement: an internal team's commitment for one
/// stage of the work, so that the chain of stages holds the customer SLA.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ola {
    /// The identifier.
    pub id: String,
    /// The team that commits.
    pub team: String,
    /// The stage of the work as the contract names it, e.g. "Triage",
    /// "Restoration" (a text per language).
    pub stage: Text,
    /// How long the stage may take.
    pub within: TargetTime,
    /// Whether the stage counts business hours or calendar hours.
    #[serde(default)]
    pub hours: ClockBasis,
    /// The calendar whose hours count; the served plan's calendar when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    /// What starts the stage's clock.
    pub starts_on: OlaStart,
    /// The customer target this stage serves.
    pub serves: OlaServes,
}

/// The event that starts an OLA's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OlaStart {
    /// The customer's ticket is created.
    Creation,
    /// The ticket is assigned to the team.
    Assignment,
}

/// The SLA target an OLA serves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OlaServes {
    /// The priority.
    pub priority: String,
    /// The plan; every plan with a target for the priority when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    /// The metric.
    pub metric: Metric,
}

/// Warnings before a breach and escalation levels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    /// Share of the target's time after which the ticket's owner is warned,
    /// e.g. `80%`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warn_at: Option<Percent>,
    /// The escalation chain, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<EscalationLevel>,
}

/// One step of the escalation chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EscalationLevel {
    /// To whom the ticket is escalated, e.g. "Support team lead": free text
    /// the contract prints; a scenario names the level by it, in either
    /// language.
    pub to: Text,
    /// When: at a share of the target's time (`90%`), or at the breach
    /// plus a delay (`after_breach: 2h`; `0m` at the breach itself).
    pub when: EscalationWhen,
    /// The priorities this step applies to; all when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priorities: Vec<String>,
}

/// When an escalation step fires.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum EscalationWhen {
    /// When this share of the target's time has elapsed (before the breach).
    Elapsed(Percent),
    /// This long after the breach (`0m`: at the breach).
    AfterBreach(Duration),
}
