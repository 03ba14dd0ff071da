//! A history's values read as one agreement's ids.
//!
//! A history is imported once and measured against many agreements (each
//! version, the draft in the editor), whose plans, priorities and channels
//! need not be named as the helpdesk names them. A ticket's value is read,
//! in this order, as:
//!
//! 1. the measure's own value map (the `values:` of a mapping file),
//!    looked up on the file's word exactly, then without regard to case;
//! 2. the word the import mapped it to, when it is an id of the agreement;
//! 3. an id or a name of the agreement equal to the file's or the mapped
//!    word without regard to case (`urgent` is the priority named
//!    `Urgent`; `email` is the channel `email`);
//! 4. for a channel, the agreement's only channel of that kind (`web` and
//!    `web form` are the portal);
//! 5. for a plan, the agreement's only plan, whatever the ticket says (an
//!    agreement with one level of service covers all its tickets).
//!
//! A value none of these reads is *unknown*: the report names it with its
//! count, so that the user knows which value map to write.

use std::collections::HashMap;

use super::formats::{ValueMap, Values};
use super::{Ticket, Value};
use crate::model::{Agreement, ChannelKind, Text};

/// The fields a ticket is placed by.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    /// The plan (or organisation).
    Plan,
    /// The priority.
    Priority,
    /// The channel.
    Channel,
}

impl Field {
    /// The field's name in a mapping file's `values:`.
    pub fn key(self) -> &'static str {
        match self {
            Field::Plan => "plan",
            Field::Priority => "priority",
            Field::Channel => "channel",
        }
    }
}

/// How one field's words are read as ids.
struct Lookup {
    field: Field,
    map: ValueMap,
    ids: Vec<String>,
    /// Ids and names, lower-cased, to the id.
    folded: HashMap<String, String>,
}

impl Lookup {
    fn new(field: Field, map: &std::collections::BTreeMap<String, String>) -> Self {
        Lookup {
            field,
            map: ValueMap::new(map),
            ids: Vec::new(),
            folded: HashMap::new(),
        }
    }

    /// Adds the identifier `id`, found by itself or by its name in either
    /// language.
    fn add(&mut self, id: &str, name: &Text) {
        self.ids.push(id.to_owned());
        for word in std::iter::once(id).chain(name.texts()) {
            if !word.is_empty() {
                self.folded
                    .entry(word.to_lowercase())
                    .or_insert_with(|| id.to_owned());
            }
        }
    }

    fn id(&self, word: &str) -> Option<&str> {
        self.ids.iter().find(|i| *i == word).map(String::as_str)
    }

    fn read(&self, value: &Value) -> Option<String> {
        let mapped = self.map.map(&value.raw);
        if mapped != value.raw {
            // The measure's map decides, even towards an id the agreement
            // lacks: the report then says the mapped word is unknown.
            return self.id(mapped).map(str::to_owned);
        }
        self.id(&value.mapped)
            .or_else(|| {
                self.folded
                    .get(&value.mapped.to_lowercase())
                    .map(String::as_str)
            })
            .or_else(|| {
                self.folded
                    .get(&value.raw.to_lowercase())
                    .map(String::as_str)
            })
            .map(str::to_owned)
    }
}

/// The kind of channel a helpdesk's word for it names: Zendesk writes
/// `Email`, `Web form`, `Chat`, `Phone call (inbound)`, `Voicemail`,
/// `Messaging`, `API`; Freshdesk `Email`, `Portal`, `Phone`, `Chat`,
/// `Feedback Widget`; Jira request types vary. Words are matched by what
/// they contain, e-mail first (`Email via web form` is an e-mail).
fn channel_kind(word: &str) -> Option<ChannelKind> {
    let w = word.trim().to_lowercase();
    let has = |parts: &[&str]| parts.iter().any(|p| w.contains(p));
    if has(&["mail", "courriel"]) {
        Some(ChannelKind::Email)
    } else if has(&["phone", "voice", "call", "téléphone", "telephone"]) {
        Some(ChannelKind::Phone)
    } else if has(&["chat", "messag"]) {
        Some(ChannelKind::Chat)
    } else if has(&["web", "portal", "portail", "form", "widget", "api"]) {
        Some(ChannelKind::Portal)
    } else {
        None
    }
}

/// A ticket placed in the agreement: plan, priority and channel ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// The plan's id.
    pub plan: String,
    /// The priority's id.
    pub priority: String,
    /// The channel's id, when the ticket has one the agreement knows.
    pub channel: Option<String>,
}

/// Why a ticket could not be placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unplaced {
    /// The ticket has no value for a field the agreement needs.
    Missing(Field),
    /// The ticket's value is no id of the agreement and no map reads it.
    Unknown(Field, String),
}

/// Reads tickets' values as one agreement's ids.
pub struct Resolver {
    plans: Lookup,
    priorities: Lookup,
    channels: Lookup,
    kinds: HashMap<ChannelKind, Vec<String>>,
    only_plan: Option<String>,
}

impl Resolver {
    /// A resolver for `agreement`, with the measure's value maps.
    pub fn new(agreement: &Agreement, values: &Values) -> Self {
        let mut plans = Lookup::new(Field::Plan, &values.plan);
        for p in &agreement.plans {
            plans.add(&p.id, &p.name);
        }
        let mut priorities = Lookup::new(Field::Priority, &values.priority);
        for p in &agreement.priorities {
            priorities.add(&p.id, &p.name);
        }
        let mut channels = Lookup::new(Field::Channel, &values.channel);
        let mut kinds: HashMap<ChannelKind, Vec<String>> = HashMap::new();
        for c in &agreement.channels {
            channels.add(&c.id, &c.name);
            kinds.entry(c.kind).or_default().push(c.id.clone());
        }
        let only_plan = match agreement.plans.as_slice() {
            [one] => Some(one.id.clone()),
            _ => None,
        };
        Resolver {
            plans,
            priorities,
            channels,
            kinds,
            only_plan,
        }
    }

    fn field(&self, lookup: &Lookup, value: Option<&Value>) -> Result<String, Unplaced> {
        let value = value.ok_or(Unplaced::Missing(lookup.field))?;
        lookup
            .read(value)
            .ok_or_else(|| Unplaced::Unknown(lookup.field, value.raw.clone()))
    }

    /// The ticket's plan, priority and channel in the agreement's ids. A
    /// channel the agreement does not know is left out (the row without a
    /// channel then serves it) and given back as the second value.
    pub fn place(&self, ticket: &Ticket) -> Result<(Placed, Option<String>), Unplaced> {
        let plan = match &self.only_plan {
            Some(only) => match self.field(&self.plans, ticket.plan.as_ref()) {
                Err(Unplaced::Unknown(..) | Unplaced::Missing(_)) => only.clone(),
                Ok(p) => p,
            },
            None => self.field(&self.plans, ticket.plan.as_ref())?,
        };
        let priority = self.field(&self.priorities, ticket.priority.as_ref())?;
        let (channel, unknown) = match ticket.channel.as_ref() {
            None => (None, None),
            Some(v) => match self.channels.read(v) {
                Some(id) => (Some(id), None),
                None => match [&v.raw, &v.mapped]
                    .into_iter()
                    .find_map(|w| channel_kind(w))
                    .and_then(|k| self.kinds.get(&k))
                    .map(Vec::as_slice)
                {
                    Some([one]) => (Some(one.clone()), None),
                    _ => (None, Some(v.raw.clone())),
                },
            },
        };
        Ok((
            Placed {
                plan,
                priority,
                channel,
            },
            unknown,
        ))
    }
}
